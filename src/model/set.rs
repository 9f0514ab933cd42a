//! The annotation set: one article, its schema and every annotation on it.
//!
//! Fields are private where an invariant depends on them: spans and relations change only
//! through [`crate::model::edit::apply`], which keeps the position index and the relation
//! endpoints consistent.

use std::collections::{BTreeMap, BTreeSet};

// foldhash: several times faster than the default SipHash on integer ids, and still seeded
// per process, so ids in a hostile file cannot be chosen to collide.
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::bidi::Direction;
use super::index::SpanIndex;
use super::schema::Schema;
use super::span::{Relation, RelationId, Span, SpanId};
use super::text::Text;

/// The annotator name of the curated gold set (`story.gold.json`).
pub const GOLD: &str = "gold";
/// File name suffixes that are not annotators: `story.unplaced.json` is what re-anchoring
/// could not place (a sidecar, not a set).
pub const RESERVED_NAMES: [&str; 2] = [GOLD, "unplaced"];

/// True for a name that may be an annotator's, so a set file can carry it
/// (`story.NAME.json`): `[A-Za-z0-9_-]+` and not reserved.
pub fn is_annotator_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !RESERVED_NAMES.contains(&name)
}

/// Optional facts about the article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

impl Metadata {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

// --- status (corpus) ---
/// Where a document stands in the corpus workflow: the optional top-level `"status"` of the
/// native format. An article without a set is [`Status::New`]; a set without the field is
/// [`Status::InProgress`] ([`Status::of_set`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    InProgress,
    Done,
    InCuration,
    Curated,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 5] = [
        Status::New,
        Status::InProgress,
        Status::Done,
        Status::InCuration,
        Status::Curated,
    ];

    /// The name in files and on the command line (`in_progress`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::InCuration => "in_curation",
            Status::Curated => "curated",
        }
    }

    /// A status from its file name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The status of a set whose `"status"` field is `field` (absent: in progress).
    pub fn of_set(field: Option<Status>) -> Status {
        field.unwrap_or(Status::InProgress)
    }

    /// Whether the annotator's work on the document is finished (done or later).
    pub fn is_finished(self) -> bool {
        self >= Status::Done
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
// --- end status ---

/// A suggestion the annotator rejected, by what makes it that suggestion: a span by its label
/// and range, a link by its type and the ranges of its two ends. Ids are not used: suggesting
/// again makes new ones.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rejected {
    Span {
        label: String,
        start: usize,
        end: usize,
    },
    Link {
        label: String,
        from: [usize; 2],
        to: [usize; 2],
    },
}

impl Rejected {
    /// The rejection of `span`.
    pub fn span(span: &Span) -> Self {
        Rejected::Span {
            label: span.label.clone(),
            start: span.start,
            end: span.end,
        }
    }

    /// The rejection of `relation` in `set` (`None` when one of its ends is missing).
    pub fn link(set: &AnnotationSet, relation: &Relation) -> Option<Self> {
        let from = set.span(relation.from)?;
        let to = set.span(relation.to)?;
        Some(Rejected::Link {
            label: relation.label.clone(),
            from: [from.start, from.end],
            to: [to.start, to.end],
        })
    }
}

/// The article: exact text plus where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub text: Text,
    /// The path the text was opened from (informative only).
    pub source: Option<String>,
    /// The encoding the source file was decoded from (`"UTF-8"`, `"UTF-16LE"`, ...).
    pub encoding: Option<String>,
    pub metadata: Metadata,
    /// The base direction of the article's paragraphs (`document.direction`; default: each
    /// paragraph's first strong character decides).
    pub direction: Direction,
}

impl Document {
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: Text::new(text),
            source: None,
            encoding: None,
            metadata: Metadata::default(),
            direction: Direction::Auto,
        }
    }
}

#[derive(Clone, Debug)]
pub struct AnnotationSet {
    pub document: Document,
    pub schema: Schema,
    pub annotator: Option<String>,
    /// RFC 3339 times.
    pub created: Option<String>,
    pub modified: Option<String>,
    /// Document-level labels (`topic`, `contains_claims`, ...).
    pub document_labels: BTreeMap<String, serde_json::Value>,
    /// The document's workflow state as stored (`None`: the field is absent).
    pub status: Option<Status>,
    // team: a gold set's curation record (docs/TEAM.md); `None` elsewhere
    pub curation: Option<super::curation::CurationRecord>,
    /// Suggestions the annotator rejected, so that suggesting again does not bring them back
    /// (changed only through [`crate::model::edit::apply`], so undo gives a rejection back).
    rejected: BTreeSet<Rejected>,
    spans: HashMap<SpanId, Span>,
    relations: BTreeMap<RelationId, Relation>,
    /// Relations by the spans at their ends.
    relations_by_span: HashMap<SpanId, Vec<RelationId>>,
    index: SpanIndex,
    next_span_id: u64,
    next_relation_id: u64,
}

impl PartialEq for AnnotationSet {
    fn eq(&self, other: &Self) -> bool {
        self.document == other.document
            && self.schema == other.schema
            && self.annotator == other.annotator
            && self.document_labels == other.document_labels
            && self.status == other.status
            && self.curation == other.curation
            && self.rejected == other.rejected
            && self.spans == other.spans
            && self.relations == other.relations
    }
}

impl AnnotationSet {
    pub fn new(document: Document, schema: Schema) -> Self {
        Self {
            document,
            schema,
            annotator: None,
            created: None,
            modified: None,
            document_labels: BTreeMap::new(),
            status: None,
            curation: None, // team
            rejected: BTreeSet::new(),
            spans: HashMap::new(),
            relations: BTreeMap::new(),
            relations_by_span: HashMap::new(),
            index: SpanIndex::default(),
            next_span_id: 1,
            next_relation_id: 1,
        }
    }

    pub fn text(&self) -> &Text {
        &self.document.text
    }

    /// The suggestions the annotator rejected (the native format's `rejected`).
    pub fn rejected(&self) -> &BTreeSet<Rejected> {
        &self.rejected
    }

    /// True when `rejected` was rejected before.
    pub fn was_rejected(&self, rejected: &Rejected) -> bool {
        self.rejected.contains(rejected)
    }

    /// Remember (`true`) or forget a rejection; true when that changed anything. Only
    /// [`crate::model::edit::apply`] and the native reader call this.
    pub(crate) fn remember_rejected(&mut self, rejected: Rejected, remember: bool) -> bool {
        if remember {
            self.rejected.insert(rejected)
        } else {
            self.rejected.remove(&rejected)
        }
    }

    pub fn span(&self, id: SpanId) -> Option<&Span> {
        self.spans.get(&id)
    }

    pub fn span_count(&self) -> usize {
        self.spans.len()
    }

    pub fn relation(&self, id: RelationId) -> Option<&Relation> {
        self.relations.get(&id)
    }

    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }

    /// Spans in document order: by start, then end, then id.
    pub fn spans_ordered(&self) -> impl Iterator<Item = &Span> + '_ {
        self.index
            .iter_ordered()
            .filter_map(|(_, id)| self.spans.get(&id))
    }

    /// Spans in no particular order (fast: no index walk).
    pub fn spans_unordered(&self) -> impl Iterator<Item = &Span> + '_ {
        self.spans.values()
    }

    /// Span ids in document order (no lookups: cheap for long lists).
    pub fn span_ids_ordered(&self) -> impl Iterator<Item = SpanId> + '_ {
        self.index.iter_ordered().map(|(_, id)| id)
    }

    pub fn relations(&self) -> impl Iterator<Item = &Relation> + '_ {
        self.relations.values()
    }

    /// Relations that start or end at `span`.
    pub fn relations_of(&self, span: SpanId) -> impl Iterator<Item = &Relation> + '_ {
        self.relations
            .values()
            .filter(move |r| r.from == span || r.to == span)
    }

    /// Spans overlapping `range`, in document order.
    pub fn spans_overlapping(&self, range: Range<usize>) -> Vec<&Span> {
        self.index
            .overlapping(range)
            .into_iter()
            .filter_map(|(_, id)| self.spans.get(&id))
            .collect()
    }

    /// Spans under the code point at `offset`, innermost first.
    pub fn spans_at(&self, offset: usize) -> Vec<SpanId> {
        self.index.at(offset)
    }

    /// The span after the position `key` = (start, end, id) in document order.
    pub fn span_after(&self, key: (usize, usize, SpanId)) -> Option<SpanId> {
        self.index.after(key)
    }

    /// The span before the position `key` in document order.
    pub fn span_before(&self, key: (usize, usize, SpanId)) -> Option<SpanId> {
        self.index.before(key)
    }

    /// The text a span covers.
    pub fn span_text(&self, span: &Span) -> &str {
        self.document.text.slice(span.range())
    }

    /// A fresh span id (never reused within this set's lifetime).
    pub fn new_span_id(&mut self) -> SpanId {
        let id = SpanId(self.next_span_id);
        self.next_span_id += 1;
        id
    }

    pub fn new_relation_id(&mut self) -> RelationId {
        let id = RelationId(self.next_relation_id);
        self.next_relation_id += 1;
        id
    }

    /// The span with the same label and range, if any (used to refuse exact duplicates).
    pub fn find_same(&self, label: &str, range: Range<usize>) -> Option<SpanId> {
        self.index
            .overlapping(range.clone())
            .into_iter()
            .filter(|(r, _)| *r == range)
            .find(|(_, id)| self.spans.get(id).is_some_and(|s| s.label == label))
            .map(|(_, id)| id)
    }

    // Low-level mutators for `edit::apply` and loaders only: they keep the index in step but do
    // no schema checks.

    pub(crate) fn insert_span_raw(&mut self, span: Span) {
        self.next_span_id = self.next_span_id.max(span.id.0 + 1);
        if let Some(old) = self.spans.get(&span.id) {
            self.index.remove(old.id, old.range());
        }
        self.index.insert(span.id, span.range());
        self.spans.insert(span.id, span);
    }

    /// Insert many spans (loading a file): the map is sized once and the position index is
    /// built in one pass when the loader is dropped.
    pub(crate) fn span_loader(&mut self, capacity: usize) -> SpanLoader<'_> {
        self.spans.reserve(capacity);
        SpanLoader {
            keys: Vec::with_capacity(capacity),
            set: self,
        }
    }

    /// Make every span and relation a suggestion awaiting review (an import of a model's
    /// output), with `origin` where none is recorded. Returns how many were marked.
    pub(crate) fn mark_all_suggested(&mut self, origin: &str) -> usize {
        let mut marked = 0;
        for span in self.spans.values_mut() {
            span.review = super::span::Review::Suggested;
            span.origin.get_or_insert_with(|| origin.to_string());
            marked += 1;
        }
        for relation in self.relations.values_mut() {
            relation.review = super::span::Review::Suggested;
            relation.origin.get_or_insert_with(|| origin.to_string());
            marked += 1;
        }
        marked
    }

    pub(crate) fn remove_span_raw(&mut self, id: SpanId) -> Option<Span> {
        let span = self.spans.remove(&id)?;
        self.index.remove(id, span.range());
        Some(span)
    }

    pub(crate) fn insert_relation_raw(&mut self, relation: Relation) {
        self.next_relation_id = self.next_relation_id.max(relation.id.0 + 1);
        self.remove_relation_raw(relation.id);
        for end in [relation.from, relation.to] {
            let ids = self.relations_by_span.entry(end).or_default();
            if !ids.contains(&relation.id) {
                ids.push(relation.id);
            }
        }
        self.relations.insert(relation.id, relation);
    }

    pub(crate) fn remove_relation_raw(&mut self, id: RelationId) -> Option<Relation> {
        let relation = self.relations.remove(&id)?;
        for end in [relation.from, relation.to] {
            if let Some(ids) = self.relations_by_span.get_mut(&end) {
                ids.retain(|r| *r != id);
                if ids.is_empty() {
                    self.relations_by_span.remove(&end);
                }
            }
        }
        Some(relation)
    }

    /// Counts of spans per label, sorted by label name.
    pub fn label_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for span in self.spans.values() {
            *counts.entry(span.label.clone()).or_insert(0) += 1;
        }
        counts
    }
}

/// Inserts spans into a set and indexes them all at once when dropped
/// ([`AnnotationSet::span_loader`]).
pub(crate) struct SpanLoader<'a> {
    set: &'a mut AnnotationSet,
    keys: Vec<(SpanId, Range<usize>)>,
}

impl SpanLoader<'_> {
    pub(crate) fn push(&mut self, span: Span) {
        let set = &mut *self.set;
        set.next_span_id = set.next_span_id.max(span.id.0 + 1);
        let (id, range) = (span.id, span.range());
        if let Some(old) = set.spans.insert(id, span) {
            // A repeated id is not expected (the loader renumbers them), but the index must
            // never keep a span the map no longer has.
            self.keys.retain(|(k, _)| *k != id);
            set.index.remove(id, old.range());
        }
        self.keys.push((id, range));
    }
}

impl Drop for SpanLoader<'_> {
    fn drop(&mut self) {
        self.set.index.insert_many(self.keys.drain(..));
    }
}
