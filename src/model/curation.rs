//! The curation record a gold set keeps (`"curation"` in the native format): how it was merged
//! and the curator's decisions, so that they survive a re-merge after an annotator changes
//! their set. Plain data; `team::curation` computes and applies it (docs/TEAM.md).

use serde::{Deserialize, Serialize};

use super::schema::LabelKind;
use super::span::Attributes;

/// How the annotators' sets were merged, and what the curator decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurationRecord {
    /// `"unanimous"` or `"majority"`.
    pub strategy: String,
    /// The annotators merged, in order.
    pub annotators: Vec<String>,
    /// One per disagreement the curator resolved (and any left stale by a re-merge).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Relations the curator accepted or removed where the merge left a suggestion (or that
    /// the curator added).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationDecision>,
}

/// A relation decided by the curator, by its ends' labels and offsets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationDecision {
    pub label: String,
    pub from: SpanRef,
    pub to: SpanRef,
    /// True: in the gold set, accepted. False: removed.
    pub accepted: bool,
}

/// A span by label and offsets.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SpanRef {
    pub label: String,
    pub start: usize,
    pub end: usize,
}

/// The curator's resolution of one disagreement: a stretch of text and a kind of label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Labels of this kind in `start..end` were decided (other kinds are untouched).
    pub kind: LabelKind,
    pub start: usize,
    pub end: usize,
    /// SHA-256 of the annotators' versions of this stretch when it was decided. A re-merge
    /// applies the decision only when the versions hash the same.
    pub inputs_sha256: String,
    pub choice: Choice,
    /// The gold spans of this kind in the stretch after the decision.
    #[serde(default)]
    pub spans: Vec<DecidedSpan>,
    /// Set by a re-merge that found this stretch's inputs changed: kept for the curator to
    /// see, not applied.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stale: bool,
}

/// What the curator took.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// One annotator's version.
    Take(String),
    /// Every annotator's spans.
    All,
    /// None of the disputed spans (what the strategy accepted stays).
    None,
    /// Something else, edited by hand.
    Edited,
}

/// A span as decided (ids are not kept: a re-merge numbers spans afresh).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecidedSpan {
    pub label: String,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
