//! The native annotation set format, `newsmark.annotations` version 1 (docs/FORMAT.md).
//!
//! This file is the reader: it checks everything and reports each problem with the item it
//! concerns (repairing what it can: a span whose text moved a little, a repeated id); no item
//! is dropped without a [`Problem`] saying so. The writer (deterministic, so sets diff cleanly
//! in git) is `native_write.rs`; its functions are re-exported here.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashSet, HashSetExt};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::model::bidi::Direction;
use crate::model::schema::Schema;
use crate::model::set::{AnnotationSet, Document, Metadata, Rejected, Status};
use crate::model::span::{Attributes, Relation, RelationId, Review, Span, SpanId};
use crate::model::text::Text;

use super::visible::shown;

pub const FORMAT_NAME: &str = "newsmark.annotations";
pub const FORMAT_VERSION: u32 = 1;

pub use super::read::{Outcome, Problem};

// The writer, apart from the reader (this file).
#[path = "native_write.rs"]
mod write;
pub use write::{
    check_loads_back, to_checked_json, to_json, to_json_bytes, to_json_parts, write_json_parts,
};

/// A whole file that cannot be read as a set.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("not valid JSON (line {line}, column {column}): {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("not a Newsmark annotation set: {0}")]
    NotASet(String),
    #[error(
        "format version {0} is newer than this Newsmark understands (version {FORMAT_VERSION})"
    )]
    Version(u64),
}

impl From<serde_json::Error> for LoadError {
    fn from(error: serde_json::Error) -> Self {
        LoadError::Json {
            line: error.line(),
            column: error.column(),
            message: error.to_string(),
        }
    }
}

/// A set read from a file, with everything that was wrong in it.
#[derive(Debug)]
pub struct Loaded {
    pub set: AnnotationSet,
    pub problems: Vec<Problem>,
}

/// The file as read. Read first with typed items (one pass: the common, valid case); if any
/// item does not fit, read again with raw items so each is checked and reported on its own.
#[derive(Deserialize)]
#[serde(bound(deserialize = "C: Deserialize<'de>, S: Deserialize<'de>, R: Deserialize<'de>"))]
struct RawSetIn<C, S, R> {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u64>,
    #[serde(default)]
    document: Option<RawDocument>,
    #[serde(default = "none")]
    schema: Option<C>,
    #[serde(default = "Vec::new")]
    spans: Vec<S>,
    #[serde(default = "Vec::new")]
    relations: Vec<R>,
    #[serde(default)]
    document_labels: BTreeMap<String, Value>,
    // status (corpus): read as any value, so an unknown one is a named problem.
    #[serde(default)]
    status: Option<Value>,
    // rejected suggestions: each item read on its own, so a bad one is a named problem.
    #[serde(default)]
    rejected: Vec<Value>,
    #[serde(default)]
    annotator: Option<String>,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    modified: Option<String>,
    // team: a gold set's curation record (checked after reading)
    #[serde(default)]
    curation: Option<Value>,
}

fn none<T>() -> Option<T> {
    None
}

type Typed<'a> = RawSetIn<Schema, RawSpan<'a>, Relation>;
type Raw = RawSetIn<Box<RawValue>, Box<RawValue>, Box<RawValue>>;

/// An item as read: the value, or (item name, why it is unreadable).
type Item<T> = Result<T, (String, String)>;

/// The spans as read: all at once (the usual case) or one by one (a file with a bad item).
enum Items<'a> {
    Typed(Vec<RawSpan<'a>>),
    Checked(Vec<Item<RawSpan<'a>>>),
}

impl<'a> Items<'a> {
    fn len(&self) -> usize {
        match self {
            Items::Typed(spans) => spans.len(),
            Items::Checked(items) => items.len(),
        }
    }

    /// The largest id among the readable spans (new ids for duplicates start above it).
    fn max_id(&self) -> u64 {
        match self {
            Items::Typed(spans) => spans.iter().map(|s| s.id).max(),
            Items::Checked(items) => items.iter().flatten().map(|s| s.id).max(),
        }
        .unwrap_or(0)
    }

    fn into_items(self) -> Box<dyn Iterator<Item = Item<RawSpan<'a>>> + 'a> {
        match self {
            Items::Typed(spans) => Box::new(spans.into_iter().map(Ok)),
            Items::Checked(items) => Box::new(items.into_iter()),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct RawDocument {
    text: String,
    #[serde(default)]
    text_sha256: Option<String>,
    #[serde(default)]
    offset_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    encoding: Option<String>,
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    metadata: Metadata,
    // Right-to-left support: the base direction of the paragraphs (absent: "auto").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    direction: Option<Value>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpan<'a> {
    id: u64,
    label: String,
    start: usize,
    end: usize,
    /// Borrowed from the file unless it holds escapes: it is only compared with the article.
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    attributes: Attributes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    origin: Option<String>,
    #[serde(default, skip_serializing_if = "Review::is_accepted")]
    review: Review,
    // --- team: who had the span (gold sets) ---
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    annotators: Vec<String>,
    // --- end team ---
}

pub fn from_json(json: &str) -> Result<Loaded, LoadError> {
    let (raw, schema_item, span_items, relation_items) = match serde_json::from_str::<Typed>(json) {
        Ok(typed) => {
            let schema = typed.schema.map(Ok);
            let spans = Items::Typed(typed.spans);
            let relations: Vec<Item<Relation>> = typed.relations.into_iter().map(Ok).collect();
            let head = RawSetIn::<(), (), ()> {
                format: typed.format,
                version: typed.version,
                document: typed.document,
                schema: None,
                spans: Vec::new(),
                relations: Vec::new(),
                document_labels: typed.document_labels,
                status: typed.status,
                rejected: typed.rejected,
                annotator: typed.annotator,
                created: typed.created,
                modified: typed.modified,
                curation: typed.curation,
            };
            (head, schema, spans, relations)
        }
        Err(_) => {
            let raw: Raw = match serde_json::from_str(json) {
                Ok(raw) => raw,
                Err(error) if error.is_data() => {
                    return Err(LoadError::NotASet(format!(
                        "{error} (a set is a JSON object with \"format\": {FORMAT_NAME:?})"
                    )));
                }
                Err(error) => return Err(error.into()),
            };
            let schema = raw.schema.map(|value| {
                serde_json::from_str::<Schema>(value.get())
                    .map_err(|e| ("schema".to_string(), e.to_string()))
            });
            let spans = Items::Checked(
                raw.spans
                    .iter()
                    .enumerate()
                    .map(|(i, value)| {
                        // (Owned: the raw items go out of scope here; this path is for damaged files.)
                        serde_json::from_str::<RawSpan>(value.get())
                            .map(|span| RawSpan {
                                text: std::borrow::Cow::Owned(span.text.into_owned()),
                                ..span
                            })
                            .map_err(|e| (item_name("spans", i, value), e.to_string()))
                    })
                    .collect(),
            );
            let relations = raw
                .relations
                .iter()
                .enumerate()
                .map(|(i, value)| {
                    serde_json::from_str::<Relation>(value.get())
                        .map_err(|e| (item_name("relations", i, value), e.to_string()))
                })
                .collect();
            let head = RawSetIn::<(), (), ()> {
                format: raw.format,
                version: raw.version,
                document: raw.document,
                schema: None,
                spans: Vec::new(),
                relations: Vec::new(),
                document_labels: raw.document_labels,
                status: raw.status,
                rejected: raw.rejected,
                annotator: raw.annotator,
                created: raw.created,
                modified: raw.modified,
                curation: raw.curation,
            };
            (head, schema, spans, relations)
        }
    };
    let format = raw.format.as_deref();
    if format != Some(FORMAT_NAME) {
        return Err(LoadError::NotASet(match format {
            Some(other) => format!("its \"format\" is {other:?}, not {FORMAT_NAME:?}"),
            None => format!("it has no \"format\": {FORMAT_NAME:?} field"),
        }));
    }
    if let Some(version) = raw.version
        && version > u64::from(FORMAT_VERSION)
    {
        return Err(LoadError::Version(version));
    }
    let Some(raw_document) = raw.document else {
        return Err(LoadError::NotASet(
            "it has no \"document\" with the article text".into(),
        ));
    };
    let mut problems = Vec::new();
    let mut problem = |item: String, outcome: Outcome, message: String| {
        problems.push(Problem::new(item, outcome, message));
    };

    if let Some(unit) = &raw_document.offset_unit
        && unit != "codepoint"
    {
        return Err(LoadError::NotASet(format!(
            "document.offset_unit is {unit:?}; version 1 sets count code points (\"codepoint\")"
        )));
    }
    let text = Text::new(raw_document.text);
    match &raw_document.text_sha256 {
        Some(hash) if hash != text.sha256() => problem(
            "document.text_sha256".into(),
            Outcome::Repaired,
            format!(
                "does not match the stored text (stored {hash}, computed {}): the text was changed after the set was saved, so it may no longer be its article's (`newsmark validate` on the folder compares it with the article; `newsmark reanchor` moves the spans onto the article). The text was kept as stored and the hash will be rewritten on save",
                text.sha256()
            ),
        ),
        None => problem(
            "document.text_sha256".into(),
            Outcome::Repaired,
            "missing; it will be written on save".into(),
        ),
        _ => {}
    }

    let schema = match schema_item {
        None => {
            problem(
                "schema".into(),
                Outcome::Repaired,
                "missing; the default schema was used".into(),
            );
            Schema::default()
        }
        Some(item) => match item {
            Ok(schema) => {
                if let Err(error) = schema.check() {
                    problem(
                        "schema".into(),
                        Outcome::Kept,
                        format!("{error}; kept as it is"),
                    );
                }
                schema
            }
            Err((_, error)) => {
                problem(
                    "schema".into(),
                    Outcome::LeftOut,
                    format!("unreadable ({error}); the default schema was used"),
                );
                Schema::default()
            }
        },
    };

    // Right-to-left support: a direction we do not know is reported, and "auto" used.
    let direction = match &raw_document.direction {
        None => Direction::Auto,
        Some(value) => match value.as_str().and_then(Direction::parse) {
            Some(direction) => direction,
            None => {
                problem(
                    "document.direction".into(),
                    Outcome::Repaired,
                    format!(
                        "{value} is not \"auto\", \"ltr\" or \"rtl\"; \"auto\" was used (each paragraph's first letter decides)"
                    ),
                );
                Direction::Auto
            }
        },
    };
    let document = Document {
        text,
        source: raw_document.source,
        encoding: raw_document.encoding,
        metadata: raw_document.metadata,
        direction,
    };
    let mut set = AnnotationSet::new(document, schema);
    set.annotator = raw.annotator;
    set.created = raw.created;
    set.modified = raw.modified;
    // team: the curation record of a gold set
    if let Some(value) = raw.curation {
        match serde_json::from_value(value) {
            Ok(record) => set.curation = Some(record),
            Err(error) => problem(
                "curation".into(),
                Outcome::LeftOut,
                format!("unreadable ({error}); left out: the curator's decisions are not kept"),
            ),
        }
    }
    for (name, value) in raw.document_labels {
        if !set.schema.document_labels.iter().any(|d| d.name == name) {
            problem(
                format!("document_labels.{name}"),
                Outcome::Kept,
                "not declared in the schema; kept as it is".into(),
            );
        }
        set.document_labels.insert(name, value);
    }
    // --- status (corpus) ---
    if let Some(value) = raw.status {
        match value.as_str().and_then(Status::parse) {
            Some(status) => set.status = Some(status),
            None => problem(
                "status".into(),
                Outcome::LeftOut,
                format!(
                    "{value} is not a document status (one of {}); read as in_progress, and a save writes no status",
                    Status::ALL.map(Status::as_str).join(", ")
                ),
            ),
        }
    }
    // --- end status ---
    for (i, value) in raw.rejected.into_iter().enumerate() {
        match serde_json::from_value::<Rejected>(value.clone()) {
            Ok(rejected) => {
                set.remember_rejected(rejected, true);
            }
            Err(error) => problem(
                format!("rejected[{i}]"),
                Outcome::LeftOut,
                format!(
                    "{value} is not a rejected suggestion ({error}); left out: suggesting again may propose it"
                ),
            ),
        }
    }

    // Spans: remember which file ids map to which set ids (duplicates get new ids).
    let mut seen_ids: HashSet<u64> = HashSet::with_capacity(span_items.len());
    let mut max_id = span_items.max_id();
    let len = set.text().char_len();
    // Label ranges already seen, by (label number, start, end).
    let mut label_numbers: HashMap<String, usize> = set
        .schema
        .labels
        .iter()
        .enumerate()
        .map(|(n, l)| (l.name.clone(), n))
        .collect();
    let mut seen_same: HashSet<(usize, usize, usize)> = HashSet::with_capacity(span_items.len());
    let text = set.text().clone();
    let mut unknown_labels = Vec::new();
    let mut loader = set.span_loader(span_items.len());
    for (i, item) in span_items.into_items().enumerate() {
        let mut raw_span = match item {
            Ok(span) => span,
            Err((item, error)) => {
                problem(
                    item,
                    Outcome::LeftOut,
                    format!("unreadable ({error}); left out"),
                );
                continue;
            }
        };
        let item_name = format!("spans[{i}] (id {})", raw_span.id);
        let item = || item_name.clone();
        if raw_span.start >= raw_span.end || raw_span.end > len {
            problem(
                item(),
                Outcome::LeftOut,
                format!(
                    "offsets {}..{} are not a non-empty range within the text ({len} characters); left out (its text was {})",
                    raw_span.start,
                    raw_span.end,
                    shown(&raw_span.text)
                ),
            );
            continue;
        }
        let actual = text.slice(raw_span.start..raw_span.end);
        if actual != raw_span.text {
            // Offsets moved by a hand edit: the span goes where its own text is, nearby.
            if let Some(start) = nearest_occurrence(&text, &raw_span.text, raw_span.start) {
                let end = start + raw_span.text.chars().count();
                problem(
                    item(),
                    Outcome::Repaired,
                    format!(
                        "its text {} is not at {}..{} (the article has {} there): moved from {}..{} to {start}..{end} where its text is",
                        shown(&raw_span.text),
                        raw_span.start,
                        raw_span.end,
                        shown(actual),
                        raw_span.start,
                        raw_span.end,
                    ),
                );
                (raw_span.start, raw_span.end) = (start, end);
            } else {
                problem(
                    item(),
                    Outcome::Kept,
                    format!(
                        "its text {} differs from the article's text {} at {}..{}, and no one nearest place within {NEARBY} characters of it holds it; the offsets were kept, so this span now holds the article's text",
                        shown(&raw_span.text),
                        shown(actual),
                        raw_span.start,
                        raw_span.end,
                    ),
                );
            }
        }
        if !label_numbers.contains_key(&raw_span.label) {
            label_numbers.insert(raw_span.label.clone(), label_numbers.len());
            problem(
                item(),
                Outcome::Kept,
                format!(
                    "label {:?} is not in the schema; it was added to the schema",
                    raw_span.label
                ),
            );
            unknown_labels.push(raw_span.label.clone());
        }
        let id = if seen_ids.insert(raw_span.id) {
            SpanId(raw_span.id)
        } else {
            max_id += 1;
            problem(
                item(),
                Outcome::Repaired,
                format!(
                    "id {} is used twice; this span was given id {max_id}",
                    raw_span.id
                ),
            );
            SpanId(max_id)
        };
        let label_number = label_numbers
            .get(&raw_span.label)
            .copied()
            .unwrap_or(usize::MAX);
        if !seen_same.insert((label_number, raw_span.start, raw_span.end)) {
            problem(
                item(),
                Outcome::Kept,
                "repeats another span's label and offsets; kept".into(),
            );
        }
        loader.push(Span {
            id,
            label: raw_span.label,
            start: raw_span.start,
            end: raw_span.end,
            attributes: raw_span.attributes,
            note: raw_span.note,
            origin: raw_span.origin,
            review: raw_span.review,
            annotators: raw_span.annotators,
        });
    }
    drop(loader);
    for label in unknown_labels {
        set.schema.add_unknown_label(&label);
    }

    let mut relation_ids = HashSet::new();
    for (i, item) in relation_items.into_iter().enumerate() {
        let mut relation = match item {
            Ok(relation) => relation,
            Err((item, error)) => {
                problem(
                    item,
                    Outcome::LeftOut,
                    format!("unreadable ({error}); left out"),
                );
                continue;
            }
        };
        let item = format!("relations[{i}] (id {})", relation.id.0);
        let (Some(from), Some(to)) = (set.span(relation.from), set.span(relation.to)) else {
            problem(
                item,
                Outcome::LeftOut,
                format!(
                    "links span {} to span {}, but {} does not exist; left out",
                    relation.from.0,
                    relation.to.0,
                    if set.span(relation.from).is_none() {
                        relation.from.0
                    } else {
                        relation.to.0
                    }
                ),
            );
            continue;
        };
        if let Some(why) = set
            .schema
            .relation_refusal(&relation.label, &from.label, &to.label)
        {
            problem(
                item,
                Outcome::LeftOut,
                format!("not allowed by the schema ({why}); left out"),
            );
            continue;
        }
        if !relation_ids.insert(relation.id) {
            let new_id = RelationId(
                relation_ids
                    .iter()
                    .map(|r: &RelationId| r.0)
                    .max()
                    .unwrap_or(0)
                    + 1,
            );
            problem(
                item,
                Outcome::Repaired,
                format!("id {} is used twice; given id {}", relation.id.0, new_id.0),
            );
            relation_ids.insert(new_id);
            relation.id = new_id;
        }
        set.insert_relation_raw(relation);
    }
    Ok(Loaded { set, problems })
}

/// `spans[3] (id 7)`, or `spans[3]` when the item has no readable id.
fn item_name(list: &str, index: usize, value: &RawValue) -> String {
    #[derive(Deserialize)]
    struct IdOnly {
        id: u64,
    }
    match serde_json::from_str::<IdOnly>(value.get()) {
        Ok(IdOnly { id }) => format!("{list}[{index}] (id {id})"),
        Err(_) => format!("{list}[{index}]"),
    }
}

/// How far (in characters) from its saved start a span whose text is not at its offsets is
/// looked for.
pub const NEARBY: usize = 64;

/// The start of the occurrence of `wanted` nearest to `start` (at most [`NEARBY`] characters
/// away), when it is nearer than every other; `None` when there is none, or two are equally
/// near (the span's place cannot be told).
pub fn nearest_occurrence(text: &Text, wanted: &str, start: usize) -> Option<usize> {
    if wanted.is_empty() {
        return None;
    }
    let len = text.char_len();
    let from = start.min(len).saturating_sub(NEARBY);
    let to = (start + NEARBY + wanted.chars().count()).min(len);
    let window = text.slice(from..to);
    let mut best: Option<(usize, usize)> = None; // (distance, start)
    let mut tied = false;
    // Every occurrence, overlapping ones too; `chars` counts the characters before `byte`.
    let (mut byte, mut chars) = (0, 0);
    while let Some(found) = window[byte..].find(wanted) {
        chars += window[byte..byte + found].chars().count();
        let at = from + chars;
        let distance = at.abs_diff(start);
        if distance <= NEARBY {
            match best {
                Some((nearest, _)) if distance > nearest => {}
                Some((nearest, _)) if distance == nearest => tied = true,
                _ => {
                    best = Some((distance, at));
                    tied = false;
                }
            }
        }
        let step = window[byte + found..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        byte += found + step;
        chars += 1;
    }
    best.filter(|_| !tied).map(|(_, at)| at)
}

#[cfg(test)]
#[path = "native_tests.rs"]
mod tests;
