//! What every writer shares: the files a writer produces and the report of what it left out
//! or changed. (The formats by name are in [`crate::formats::table`]; `ExportFormat` is
//! re-exported here for the paths that name it so.)
//!
//! Writers are pure: they turn annotation sets into bytes in memory and say what they could
//! not hold. [`crate::corpus`] expands inputs, drives a writer over many documents, writes the
//! files and collects the report.

use std::path::PathBuf;

use crate::model::set::AnnotationSet;
use crate::model::span::{Relation, Review, Span};

pub use crate::formats::table::ExportFormat;

/// Choices that apply to every export format.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Export unreviewed suggestions (`review: suggested`) as if they were accepted. Off by
    /// default: suggestions are left out and reported, except in Label Studio, where they
    /// always go to `predictions`.
    pub include_suggested: bool,
}

/// One output file, its path relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl OutFile {
    pub fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Something an export could not hold, named precisely.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// `span 7 PERSON 12..18`, `relation 3 said_by (span 4 → span 9)`, `span 7 attribute type`.
    pub item: String,
    /// The span or relation id, when the item is one.
    pub span_id: Option<u64>,
    pub relation_id: Option<u64>,
    /// Why it was left out (short; the same reason is used for every item of its kind, so
    /// reports can count by reason).
    pub reason: String,
}

impl LeftOut {
    pub fn span(span: &Span, reason: impl Into<String>) -> Self {
        Self {
            item: format!(
                "span {} {} {}..{}",
                span.id.0, span.label, span.start, span.end
            ),
            span_id: Some(span.id.0),
            relation_id: None,
            reason: reason.into(),
        }
    }

    pub fn relation(relation: &Relation, reason: impl Into<String>) -> Self {
        Self {
            item: format!(
                "relation {} {} (span {} → span {})",
                relation.id.0, relation.label, relation.from.0, relation.to.0
            ),
            span_id: None,
            relation_id: Some(relation.id.0),
            reason: reason.into(),
        }
    }

    pub fn attribute(span: &Span, name: &str, reason: impl Into<String>) -> Self {
        Self {
            item: format!(
                "span {} {} {}..{} attribute {name}",
                span.id.0, span.label, span.start, span.end
            ),
            span_id: Some(span.id.0),
            relation_id: None,
            reason: reason.into(),
        }
    }

    pub fn note(span: &Span, reason: impl Into<String>) -> Self {
        Self {
            item: format!(
                "span {} {} {}..{} note",
                span.id.0, span.label, span.start, span.end
            ),
            span_id: Some(span.id.0),
            relation_id: None,
            reason: reason.into(),
        }
    }

    pub fn document(what: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            item: what.into(),
            span_id: None,
            relation_id: None,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for LeftOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.item, self.reason)
    }
}

/// What a writer did with one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentExport {
    /// Files for this document alone (brat's `.txt`/`.ann`, W3C's `.jsonld`). Formats that
    /// write one file for the corpus return theirs from [`CorpusWriter::finish`].
    pub files: Vec<OutFile>,
    pub spans_written: usize,
    pub relations_written: usize,
    /// Everything the format could not hold, item by item.
    pub left_out: Vec<LeftOut>,
    /// Changes made so the format could hold the document (e.g. CRLF written as LF).
    pub notes: Vec<String>,
}

/// A writer for one format over a whole corpus: [`add`](CorpusWriter::add) each document in
/// turn, then [`finish`](CorpusWriter::finish) for the corpus-level files.
pub trait CorpusWriter {
    /// Export one document. `name` is unique within the corpus and safe as a file stem.
    fn add(&mut self, name: &str, set: &AnnotationSet) -> DocumentExport;
    /// The corpus-level files (the JSONL file, the DocBin, annotation.conf, ...).
    fn finish(self: Box<Self>) -> Vec<OutFile>;
}

/// Why an unreviewed suggestion (span or relation) is not exported: one reason for both, so
/// the report counts them together.
pub const SUGGESTION_LEFT_OUT: &str =
    "unreviewed suggestion, exported only when suggestions are included";

/// The spans of `set` an export should write, in document order, and the suggestions left
/// out (unless `options.include_suggested`).
pub fn exported_spans<'a>(
    set: &'a AnnotationSet,
    options: &ExportOptions,
) -> (Vec<&'a Span>, Vec<LeftOut>) {
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    for span in set.spans_ordered() {
        if span.review == Review::Suggested && !options.include_suggested {
            left_out.push(LeftOut::span(span, SUGGESTION_LEFT_OUT));
        } else {
            kept.push(span);
        }
    }
    (kept, left_out)
}

/// The relations whose both ends are among `spans` (and that are not unreviewed suggestions,
/// unless included); the others are returned as left out.
pub fn exported_relations<'a>(
    set: &'a AnnotationSet,
    spans: &[&Span],
    options: &ExportOptions,
) -> (Vec<&'a Relation>, Vec<LeftOut>) {
    let ids: std::collections::HashSet<u64> = spans.iter().map(|s| s.id.0).collect();
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    for relation in set.relations() {
        if relation.review == Review::Suggested && !options.include_suggested {
            left_out.push(LeftOut::relation(relation, SUGGESTION_LEFT_OUT));
        } else if !ids.contains(&relation.from.0) || !ids.contains(&relation.to.0) {
            left_out.push(LeftOut::relation(
                relation,
                "one of its spans was left out of this export",
            ));
        } else {
            kept.push(relation);
        }
    }
    (kept, left_out)
}

/// Choose spans that do not overlap, for formats that cannot hold overlaps (CoNLL, spaCy
/// `doc.ents`): entity-kind labels first, then earlier, then longer spans. Returns the kept
/// spans in document order and the others.
pub fn non_overlapping<'a>(
    set: &AnnotationSet,
    spans: &[&'a Span],
) -> (Vec<&'a Span>, Vec<&'a Span>) {
    use crate::model::schema::LabelKind;
    let mut order: Vec<&Span> = spans.to_vec();
    order.sort_by_key(|s| {
        let entity = set
            .schema
            .label(&s.label)
            .is_some_and(|l| l.kind == LabelKind::Entity);
        (!entity, s.start, std::cmp::Reverse(s.end), s.id)
    });
    // The kept spans never overlap, so by start they are also sorted by end: a new span
    // overlaps one of them only if the last one starting before its end reaches past its start.
    let mut by_start: std::collections::BTreeMap<usize, &Span> = std::collections::BTreeMap::new();
    let mut dropped = Vec::new();
    for span in order {
        let clash = by_start
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, k)| k.overlaps(&span.range()));
        if clash {
            dropped.push(span);
        } else {
            by_start.insert(span.start, span);
        }
    }
    let mut kept: Vec<&Span> = by_start.into_values().collect();
    kept.sort_by_key(|s| (s.start, s.end, s.id));
    dropped.sort_by_key(|s| (s.start, s.end, s.id));
    (kept, dropped)
}

/// Report every attribute and note of `spans` as left out by a format that cannot hold them.
pub fn attributes_left_out(spans: &[&Span], format: &str) -> Vec<LeftOut> {
    let mut out = Vec::new();
    for span in spans {
        for name in span.attributes.keys() {
            out.push(LeftOut::attribute(
                span,
                name,
                format!("{format} cannot hold span attributes"),
            ));
        }
        if span.note.is_some() {
            out.push(LeftOut::note(
                span,
                format!("{format} cannot hold span notes"),
            ));
        }
    }
    out
}

/// Report each document label of `set` as left out by a format that has no place for them.
pub fn document_labels_left_out(set: &AnnotationSet, format: &str) -> Vec<LeftOut> {
    set.document_labels
        .iter()
        .map(|(name, value)| {
            LeftOut::document(
                format!("document label {name} = {value}"),
                format!("{format} has no place for document labels"),
            )
        })
        .collect()
}

/// Attribute value as plain text (strings without quotes).
pub fn attribute_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// JSON lines: each value on one line, LF, final newline.
pub fn json_lines(values: &[serde_json::Value]) -> Vec<u8> {
    let mut out = String::new();
    for value in values {
        out.push_str(&serde_json::to_string(value).unwrap_or_default());
        out.push('\n');
    }
    out.into_bytes()
}

/// Pretty JSON with a final newline.
pub fn pretty_json(value: &serde_json::Value) -> Vec<u8> {
    let mut out = serde_json::to_string_pretty(value).unwrap_or_default();
    out.push('\n');
    out.into_bytes()
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Small sets for the format tests: non-ASCII, an emoji outside the BMP, nested and
    //! overlapping spans, relations, attributes, a note and a suggestion.
    use crate::model::edit::{self, Edit};
    use crate::model::schema::Schema;
    use crate::model::set::{AnnotationSet, Document};
    use crate::model::span::{Relation, Review, Span, SpanId};

    pub const TEXT: &str = "„Wir warten nicht“, sagte Ana Lúcia Ferreira 👍 in Zürich.\nThe strike cost €4.2 billion, said Cheng Guoping.\n";

    fn find(text: &str, needle: &str) -> std::ops::Range<usize> {
        let byte = text.find(needle).expect("needle");
        let start = text[..byte].chars().count();
        start..start + needle.chars().count()
    }

    pub fn sample() -> AnnotationSet {
        let mut document = Document::new(TEXT);
        document.source = Some("fixture.txt".into());
        let mut set = AnnotationSet::new(document, Schema::default());
        let add = |set: &mut AnnotationSet, label: &str, needle: &str| {
            let id = set.new_span_id();
            let span = Span::new(id, label, find(TEXT, needle));
            edit::apply(set, Edit::AddSpan(span)).expect("add span");
            id
        };
        let quote = add(&mut set, "QUOTE", "Wir warten nicht");
        let person = add(&mut set, "PERSON", "Ana Lúcia Ferreira");
        let _gpe = add(&mut set, "GPE", "Zürich");
        let claim = add(&mut set, "CLAIM", "The strike cost €4.2 billion");
        let money = add(&mut set, "MONEY", "€4.2 billion");
        let cheng = add(&mut set, "PERSON", "Cheng Guoping");
        let _first = add(&mut set, "PERSON", "Ana Lúcia");
        for (from, to, label) in [(quote, person, "said_by"), (claim, cheng, "claimed_by")] {
            let relation = Relation {
                id: set.new_relation_id(),
                label: label.into(),
                from,
                to,
                origin: None,
                review: Review::Accepted,
            };
            edit::apply(&mut set, Edit::AddRelation(relation)).expect("relation");
        }
        let attr = edit::set_attribute(&set, quote, "type", Some("direct".into())).expect("attr");
        edit::apply(&mut set, attr).expect("attr");
        let mut span = set.span(money).expect("money").clone();
        span.note = Some("checked against the budget".into());
        edit::apply(&mut set, Edit::UpdateSpan(span)).expect("note");
        let id = set.new_span_id();
        let mut suggestion = Span::new(id, "ORG", find(TEXT, "strike"));
        suggestion.review = Review::Suggested;
        suggestion.origin = Some("rule:test".into());
        edit::apply(&mut set, Edit::AddSpan(suggestion)).expect("suggestion");
        let _ = SpanId(0);
        set
    }
    /// The sample with document labels of every kind: a flag set to true and one to false, a
    /// choice, a text and a score (for the writers of document labels).
    pub fn with_document_labels() -> AnnotationSet {
        use crate::model::schema::{AttributeType, DocumentLabelDef};
        let mut set = sample();
        for (name, value_type) in [
            ("strike", AttributeType::Flag),
            ("sentiment", AttributeType::Flag),
            (
                "genre",
                AttributeType::Choice {
                    values: vec!["news".into(), "opinion".into()],
                },
            ),
        ] {
            set.schema.document_labels.push(DocumentLabelDef {
                name: name.into(),
                value_type,
                description: String::new(),
            });
        }
        for (name, value) in [
            ("contains_claims", serde_json::json!(true)),
            ("strike", serde_json::json!(false)),
            ("genre", serde_json::json!("opinion")),
            ("topic", serde_json::json!("port strike")),
            ("sentiment", serde_json::json!(0.25)),
        ] {
            edit::apply(&mut set, Edit::SetDocumentLabel(name.into(), Some(value))).expect("label");
        }
        set
    }
}
