//! Spans and relations: the annotations themselves.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A span's identity within its set. Saved as a plain integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SpanId(pub u64);

/// A relation's identity within its set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RelationId(pub u64);

impl std::fmt::Display for SpanId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "span {}", self.0)
    }
}

impl std::fmt::Display for RelationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "relation {}", self.0)
    }
}

/// Whether an annotation was made or accepted by a person, or is a suggestion awaiting review.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Review {
    #[default]
    Accepted,
    Suggested,
}

impl Review {
    pub fn is_accepted(&self) -> bool {
        *self == Review::Accepted
    }

    /// The saved name (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Review::Accepted => "accepted",
            Review::Suggested => "suggested",
        }
    }
}

/// Attribute values by attribute name (sorted, so output is deterministic).
pub type Attributes = BTreeMap<String, serde_json::Value>;

/// A labelled range of the article. `start..end` are code points, half-open.
///
/// The serde form (used by the edit journal) is the native file's span object without `text`;
/// the native format itself is written by `formats::native`, which adds `text`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub id: SpanId,
    pub label: String,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `None` for manual work; `Some("rule:quote.curly")` etc. for suggestions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "Review::is_accepted")]
    pub review: Review,
    // --- team: who had the span (a merged gold set; empty elsewhere) ---
    /// The annotators whose sets had this span, as merged into a gold set (`team::merge`).
    /// Empty for ordinary sets; not written when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotators: Vec<String>,
    // --- end team ---
}

impl Span {
    pub fn new(id: SpanId, label: impl Into<String>, range: Range<usize>) -> Self {
        Self {
            id,
            label: label.into(),
            start: range.start,
            end: range.end,
            attributes: Attributes::new(),
            note: None,
            origin: None,
            review: Review::Accepted,
            annotators: Vec::new(),
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        self.start < range.end && range.start < self.end
    }
}

/// A typed, directed link between two spans (`QUOTE --said_by--> PERSON`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub id: RelationId,
    pub label: String,
    pub from: SpanId,
    pub to: SpanId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "Review::is_accepted")]
    pub review: Review,
}
