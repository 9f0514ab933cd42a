//! What every reader shares: the [`Problem`] report, the [`ReadDocument`] a reader returns,
//! and the [`SetBuilder`] that builds a set from foreign annotations, checking each item and
//! reporting what was wrong and what was done (it uses the set's raw inserters, as the native
//! loader does, after checking offsets, labels and relation ends itself).
//!
//! Format modules import this module and [`crate::formats::registry`] (the writers' side);
//! none imports the importer ([`crate::formats::import`]) or the table of formats
//! ([`crate::formats::table`]), which sit above them.

use std::collections::HashSet;

use crate::model::schema::{AttributeType, DocumentLabelDef, RelationDef, Schema};
use crate::model::set::{AnnotationSet, Document};
use crate::model::span::{Relation, Review, Span, SpanId};

/// One thing wrong with a loaded file, and what was done about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: `spans[3] (id 7)`, `document.text_sha256`, ...
    pub item: String,
    /// What is wrong and what Newsmark did about it.
    pub message: String,
    /// What became of the item: set where the problem is found, so that reports count what
    /// was left out from this and never from the message's wording.
    pub outcome: Outcome,
}

/// What became of an item a reader found a problem with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Noticed only: the item was carried over as it was (a span text that differs from the
    /// article's, a label the schema lacks and that was added to it).
    Kept,
    /// Carried over, changed so that it could be (offsets converted, a label's spaces
    /// replaced, a default used for an unreadable value, a repeated id renumbered).
    Repaired,
    /// Not carried over: something of the input is missing from the result (a span out of
    /// range, a line that is not JSON, a relation to a span not imported, a whole file that
    /// could not be read). Reports count these as items left out, and an import with any
    /// exits non-zero.
    LeftOut,
    /// Not carried over because the input itself says it is not an annotation to keep (a
    /// Prodigy example answered "reject" or "ignore"): listed, but nothing was lost.
    Declined,
}

impl Problem {
    pub fn new(item: impl Into<String>, outcome: Outcome, message: impl Into<String>) -> Self {
        Self {
            item: item.into(),
            message: message.into(),
            outcome,
        }
    }

    /// Whether something of the input was not carried over ([`Outcome::LeftOut`]); reports
    /// count these as items left out.
    pub fn leaves_out(&self) -> bool {
        self.outcome == Outcome::LeftOut
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.item, self.message)
    }
}

/// One document a reader produced (one line of a JSONL file, one task, one CoNLL document).
#[derive(Debug)]
pub struct ReadDocument {
    /// The document's name in the file, when the format gives one.
    pub name: Option<String>,
    pub set: AnnotationSet,
    /// Problems with this document's items, and what was done about them.
    pub problems: Vec<Problem>,
    /// Information for the report that is no problem (what an HTML page's article was taken
    /// from).
    pub notes: Vec<String>,
}

/// Builds one imported set.
pub struct SetBuilder {
    set: AnnotationSet,
    origin: String,
    problems: Vec<Problem>,
    seen: HashSet<(String, usize, usize)>,
}

impl SetBuilder {
    /// A new set over `text` with the default schema; `origin` (`file.jsonl line 3`) prefixes
    /// every problem.
    pub fn new(text: &str, origin: &str) -> Self {
        Self::with_schema(text, origin, Schema::default())
    }

    pub fn with_schema(text: &str, origin: &str, schema: Schema) -> Self {
        Self {
            set: AnnotationSet::new(Document::new(text), schema),
            origin: origin.to_string(),
            problems: Vec::new(),
            seen: HashSet::new(),
        }
    }

    pub fn set(&self) -> &AnnotationSet {
        &self.set
    }

    pub fn set_mut_document(&mut self) -> &mut Document {
        &mut self.set.document
    }

    /// Record a problem with `item` (empty: the whole document) and what became of it.
    pub fn problem(&mut self, item: &str, outcome: Outcome, message: String) {
        let item = if item.is_empty() {
            self.origin.clone()
        } else {
            format!("{} {item}", self.origin)
        };
        self.problems.push(Problem::new(item, outcome, message));
    }

    /// Add a span after checking it. `expected` is the span text the format carries, if any:
    /// a mismatch is reported and the offsets kept. Returns the new span's id, or `None` when
    /// the span was left out (and reported).
    pub fn add_span(
        &mut self,
        item: &str,
        label: &str,
        start: usize,
        end: usize,
        expected: Option<&str>,
    ) -> Option<SpanId> {
        let id = self.set.new_span_id();
        self.add_full(item, Span::new(id, label, start..end), expected)
    }

    /// [`add_span`](Self::add_span) for a span with attributes, note or review state set.
    pub fn add_full(
        &mut self,
        item: &str,
        mut span: Span,
        expected: Option<&str>,
    ) -> Option<SpanId> {
        let len = self.set.text().char_len();
        if span.start >= span.end || span.end > len {
            self.problem(
                item, Outcome::LeftOut,
                format!(
                    "{} {}..{} is not a non-empty range within the text ({len} characters); left out",
                    span.label, span.start, span.end
                ),
            );
            return None;
        }
        let label = span.label.trim().to_string();
        if label.is_empty() || label.chars().any(char::is_whitespace) {
            let fixed: String = label.split_whitespace().collect::<Vec<_>>().join("_");
            if fixed.is_empty() {
                self.problem(
                    item,
                    Outcome::LeftOut,
                    "has an empty label; left out".into(),
                );
                return None;
            }
            self.problem(
                item,
                Outcome::Repaired,
                format!("label {:?} has spaces; imported as {fixed:?}", span.label),
            );
            span.label = fixed;
        } else {
            span.label = label;
        }
        if let Some(expected) = expected {
            let actual = self.set.text().slice(span.range());
            if actual != expected {
                let actual = actual.to_string();
                self.problem(
                    item, Outcome::Kept,
                    format!(
                        "its text {} differs from the article's text {} at {}..{}; the offsets were kept",
                        crate::formats::visible::quote(expected),
                        crate::formats::visible::quote(&actual),
                        span.start,
                        span.end
                    ),
                );
            }
        }
        if !self.seen.insert((span.label.clone(), span.start, span.end)) {
            self.problem(
                item,
                Outcome::LeftOut,
                format!(
                    "repeats another {} span at {}..{}; left out",
                    span.label, span.start, span.end
                ),
            );
            return None;
        }
        if self.set.schema.label(&span.label).is_none() {
            self.problem(
                item,
                Outcome::Kept,
                format!(
                    "label {:?} is not in the schema; it was added to the schema",
                    span.label
                ),
            );
            self.set.schema.add_unknown_label(&span.label);
        }
        if self.set.span(span.id).is_some() {
            span.id = self.set.new_span_id();
        }
        let id = span.id;
        self.set.insert_span_raw(span);
        Some(id)
    }

    /// Add a relation between two imported spans; a relation type the schema lacks, or does
    /// not allow between these labels, is added to or widened in the schema (and reported).
    pub fn add_relation(&mut self, item: &str, label: &str, from: SpanId, to: SpanId) {
        self.add_relation_full(item, label, from, to, Review::Accepted, None);
    }

    pub fn add_relation_full(
        &mut self,
        item: &str,
        label: &str,
        from: SpanId,
        to: SpanId,
        review: Review,
        origin: Option<String>,
    ) {
        let (Some(from_label), Some(to_label)) = (
            self.set.span(from).map(|s| s.label.clone()),
            self.set.span(to).map(|s| s.label.clone()),
        ) else {
            self.problem(
                item,
                Outcome::LeftOut,
                "links a span that was not imported; left out".into(),
            );
            return;
        };
        if from == to {
            self.problem(
                item,
                Outcome::LeftOut,
                "links a span to itself; left out".into(),
            );
            return;
        }
        if let Some(why) = self
            .set
            .schema
            .relation_refusal(label, &from_label, &to_label)
        {
            match self
                .set
                .schema
                .relations
                .iter_mut()
                .find(|r| r.name == label)
            {
                Some(def) => {
                    if !def.from.contains(&from_label) {
                        def.from.push(from_label.clone());
                    }
                    if !def.to.is_empty() && !def.to.contains(&to_label) {
                        def.to.push(to_label.clone());
                    }
                }
                None => self.set.schema.relations.push(RelationDef {
                    name: label.to_string(),
                    from: vec![from_label.clone()],
                    to: Vec::new(),
                    description: "Not in the schema: added when the file was imported.".into(),
                    color: None,
                }),
            }
            self.problem(
                item, Outcome::Kept,
                format!("{why}; the schema was extended to allow it ({label}: {from_label} → {to_label})"),
            );
        }
        let relation = Relation {
            id: self.set.new_relation_id(),
            label: label.to_string(),
            from,
            to,
            origin,
            review,
        };
        self.set.insert_relation_raw(relation);
    }

    /// Change an imported span (attributes, note, review) through the raw inserter.
    pub fn update_span(&mut self, id: SpanId, change: impl FnOnce(&mut Span)) {
        if let Some(mut span) = self.set.span(id).cloned() {
            let range = span.range();
            change(&mut span);
            span.start = range.start;
            span.end = range.end;
            self.set.insert_span_raw(span);
        }
    }

    /// Set a document-level label (a spaCy category, a doccano document label). A name the
    /// schema lacks is added to it (and reported, as a span label is): a flag when the value
    /// is a boolean or a score, free text otherwise.
    pub fn set_document_label(&mut self, item: &str, name: &str, value: serde_json::Value) {
        if !self
            .set
            .schema
            .document_labels
            .iter()
            .any(|d| d.name == name)
        {
            self.problem(
                item,
                Outcome::Kept,
                format!("document label {name:?} is not in the schema; it was added to the schema"),
            );
            let value_type = if value.is_boolean() || value.is_number() {
                AttributeType::Flag
            } else {
                AttributeType::Text
            };
            self.set.schema.document_labels.push(DocumentLabelDef {
                name: name.to_string(),
                value_type,
                description: "Not in the schema: added when the file was imported.".into(),
            });
        }
        self.set.document_labels.insert(name.to_string(), value);
    }

    /// Set a document label to one of its choices (a Label Studio `Choices` result). A name
    /// the schema lacks is added to it as a choice label with this value; a value its choice
    /// label lacks is added to the label's values; both are reported (kept, nothing lost).
    pub fn set_document_choice(&mut self, item: &str, name: &str, value: &str) {
        let known = self
            .set
            .schema
            .document_labels
            .iter_mut()
            .find(|d| d.name == name);
        let message = match known {
            None => {
                self.set.schema.document_labels.push(DocumentLabelDef {
                    name: name.to_string(),
                    value_type: AttributeType::Choice {
                        values: vec![value.to_string()],
                    },
                    description: "Not in the schema: added when the file was imported.".into(),
                });
                Some(format!(
                    "document label {name:?} is not in the schema; it was added to the schema"
                ))
            }
            Some(def) => match &mut def.value_type {
                AttributeType::Choice { values } if !values.iter().any(|v| v == value) => {
                    let message = format!(
                        "choice {value:?} is not one of document label {name:?}'s values ({}); it was kept and added to them",
                        values.join(", ")
                    );
                    values.push(value.to_string());
                    Some(message)
                }
                _ => None,
            },
        };
        if let Some(message) = message {
            self.problem(item, Outcome::Kept, message);
        }
        self.set.document_labels.insert(
            name.to_string(),
            serde_json::Value::String(value.to_string()),
        );
    }

    /// The document labels of an object `{"name": value, ...}` as a Newsmark export writes
    /// them (doccano's `document_labels`, Label Studio's `meta.document_labels`); `item` names
    /// the field. A null value is no label; a field that is not an object is reported.
    pub fn document_labels_from(&mut self, item: &str, labels: &serde_json::Value) {
        match labels {
            serde_json::Value::Null => {}
            serde_json::Value::Object(labels) => {
                for (name, value) in labels {
                    if !value.is_null() {
                        self.set_document_label(&format!("{item}.{name}"), name, value.clone());
                    }
                }
            }
            other => self.problem(
                item,
                Outcome::LeftOut,
                format!("{other} is not an object of document labels; left out"),
            ),
        }
    }

    pub fn finish(self) -> (AnnotationSet, Vec<Problem>) {
        (self.set, self.problems)
    }
}

/// One line of a JSONL file that is JSON with a `text` string.
pub struct JsonlTask<'a> {
    /// `file line N`, the prefix of every problem with this line.
    pub origin: String,
    pub value: &'a serde_json::Value,
    pub text: &'a str,
}

/// Calls `each` for every line of a JSONL file that is JSON with a `text` string, passing the
/// file's problem list along. Blank lines are skipped; a line that is not JSON, or has no
/// `text` string, is reported in `problems` (naming the line) and skipped.
pub fn each_jsonl_task(
    file: &str,
    jsonl: &str,
    problems: &mut Vec<Problem>,
    mut each: impl FnMut(JsonlTask<'_>, &mut Vec<Problem>),
) {
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = format!("{file} line {}", i + 1);
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                problems.push(Problem {
                    outcome: Outcome::LeftOut,
                    item: origin,
                    message: format!("not valid JSON ({e}); line skipped"),
                });
                continue;
            }
        };
        let Some(text) = value.get("text").and_then(serde_json::Value::as_str) else {
            problems.push(Problem {
                outcome: Outcome::LeftOut,
                item: origin,
                message: "has no \"text\" string; line skipped".into(),
            });
            continue;
        };
        each(
            JsonlTask {
                origin,
                value: &value,
                text,
            },
            problems,
        );
    }
}

/// `text[start..end]` measured in UTF-16 code units, converted to code points, if valid.
pub fn utf16_to_codepoints(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut units = 0;
    let (mut cs, mut ce) = (None, None);
    for (i, c) in text.chars().enumerate() {
        if units == start {
            cs = Some(i);
        }
        if units == end {
            ce = Some(i);
        }
        units += c.len_utf16();
    }
    let total = text.chars().count();
    if units == start {
        cs = Some(total);
    }
    if units == end {
        ce = Some(total);
    }
    Some((cs?, ce?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_checks_and_reports() {
        let mut b = SetBuilder::new("Ana 👍 met Zürich.", "f.json");
        assert!(b.add_span("a", "PERSON", 0, 3, Some("Ana")).is_some());
        assert!(b.add_span("b", "PERSON", 0, 3, None).is_none());
        assert!(b.add_span("c", "GPE", 10, 16, Some("Zurich")).is_some());
        assert!(b.add_span("d", "NEW LABEL", 4, 5, None).is_some());
        assert!(b.add_span("e", "GPE", 5, 50, None).is_none());
        let (set, problems) = b.finish();
        assert_eq!(set.span_count(), 3);
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(set.schema.label("NEW_LABEL").is_some());
    }

    #[test]
    fn jsonl_lines_without_json_or_text_are_reported_by_line_and_skipped() {
        let jsonl = "{\"text\": \"one\"}\n\nnot json\n{\"label\": []}\n{\"text\": \"two\"}\n";
        let mut problems = Vec::new();
        let mut seen = Vec::new();
        each_jsonl_task("f.jsonl", jsonl, &mut problems, |task, _| {
            seen.push((task.origin, task.text.to_string()));
        });
        assert_eq!(
            seen,
            [
                ("f.jsonl line 1".to_string(), "one".to_string()),
                ("f.jsonl line 5".to_string(), "two".to_string())
            ]
        );
        let items: Vec<&str> = problems.iter().map(|p| p.item.as_str()).collect();
        assert_eq!(items, ["f.jsonl line 3", "f.jsonl line 4"]);
        assert!(problems[0].message.starts_with("not valid JSON"));
        assert!(problems[1].message.contains("no \"text\""));
        // Both lines are items of the input left out, as reports count them.
        assert!(problems.iter().all(Problem::leaves_out));
    }

    #[test]
    fn only_problems_that_drop_something_count_as_left_out() {
        let mut builder = SetBuilder::new("Ana Lima spoke.", "f.jsonl line 1");
        builder.add_span("label[0]", "PERSON", 0, 8, Some("Ana Lima"));
        builder.add_span("label[1]", "PERSON", 0, 99, None); // past the end
        builder.add_span("label[2]", "ORG", 9, 15, Some("spoke!")); // text differs: kept
        builder.add_span("label[3]", "NEW_LABEL", 0, 3, None); // label added: kept
        let (set, problems) = builder.finish();
        assert_eq!(set.span_count(), 3);
        let dropped: Vec<&str> = problems
            .iter()
            .filter(|p| p.leaves_out())
            .map(|p| p.item.as_str())
            .collect();
        assert_eq!(dropped, ["f.jsonl line 1 label[1]"], "{problems:?}");
        assert!(problems.len() >= 3, "{problems:?}");
    }

    #[test]
    fn utf16_offsets_convert() {
        let text = "👍 Ana";
        assert_eq!(utf16_to_codepoints(text, 3, 6), Some((2, 5)));
        assert_eq!(utf16_to_codepoints(text, 1, 3), None);
    }
}
