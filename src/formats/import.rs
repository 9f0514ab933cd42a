//! Shared by the importers: builds a set from foreign annotations, checking each item and
//! reporting what was wrong and what was done. Loaders use the set's raw inserters (as the
//! native loader does) after checking offsets, labels and relation ends themselves.

use std::collections::HashSet;

use crate::formats::native::Problem;
use crate::model::schema::{RelationDef, Schema};
use crate::model::set::{AnnotationSet, Document};
use crate::model::span::{Relation, Review, Span, SpanId};

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

    /// Record a problem with `item` (empty: the whole document).
    pub fn problem(&mut self, item: &str, message: String) {
        let item = if item.is_empty() {
            self.origin.clone()
        } else {
            format!("{} {item}", self.origin)
        };
        self.problems.push(Problem { item, message });
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
                item,
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
                self.problem(item, "has an empty label; left out".into());
                return None;
            }
            self.problem(
                item,
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
                    item,
                    format!(
                        "its text {expected:?} differs from the article's text {actual:?} at {}..{}; the offsets were kept",
                        span.start, span.end
                    ),
                );
            }
        }
        if !self.seen.insert((span.label.clone(), span.start, span.end)) {
            self.problem(
                item,
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
            self.problem(item, "links a span that was not imported; left out".into());
            return;
        };
        if from == to {
            self.problem(item, "links a span to itself; left out".into());
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
                item,
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

    pub fn finish(self) -> (AnnotationSet, Vec<Problem>) {
        (self.set, self.problems)
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
    fn utf16_offsets_convert() {
        let text = "👍 Ana";
        assert_eq!(utf16_to_codepoints(text, 3, 6), Some((2, 5)));
        assert_eq!(utf16_to_codepoints(text, 1, 3), None);
    }
}

// ---------------------------------------------------------------------------------------
// Reading any supported file.

use std::path::Path;

use crate::formats::doccano::ReadDocument;
use crate::formats::{brat, conll, doccano, html, label_studio, native, plaintext, prodigy, spacy};
use crate::storage::{self, StorageError};

/// A format Newsmark can import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// Newsmark's own annotation set (.json).
    Native,
    /// brat `.ann` with its `.txt`.
    Brat,
    /// doccano JSONL (either shape).
    Doccano,
    /// Label Studio tasks JSON.
    LabelStudio,
    /// Prodigy JSONL.
    Prodigy,
    /// CoNLL IOB2 (or IOB1/IOBES).
    Conll,
    /// spaCy DocBin (.spacy).
    Spacy,
    /// A plain article (.txt, .md).
    Text,
    /// An HTML page: the article text.
    Html,
}

impl ImportFormat {
    pub const ALL: [ImportFormat; 9] = [
        ImportFormat::Native,
        ImportFormat::Brat,
        ImportFormat::Doccano,
        ImportFormat::LabelStudio,
        ImportFormat::Prodigy,
        ImportFormat::Conll,
        ImportFormat::Spacy,
        ImportFormat::Text,
        ImportFormat::Html,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Native => "native",
            ImportFormat::Brat => "brat",
            ImportFormat::Doccano => "jsonl",
            ImportFormat::LabelStudio => "label-studio",
            ImportFormat::Prodigy => "prodigy",
            ImportFormat::Conll => "conll",
            ImportFormat::Spacy => "spacy",
            ImportFormat::Text => "text",
            ImportFormat::Html => "html",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        let name = match name.as_str() {
            "doccano" => "jsonl",
            "labelstudio" | "ls" => "label-studio",
            "iob" | "iob2" | "conll2003" => "conll",
            "txt" | "md" | "plain" | "markdown" => "text",
            "htm" => "html",
            "docbin" => "spacy",
            "newsmark" | "json" => "native",
            other => other,
        }
        .to_string();
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl std::fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Choices for an import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The format; guessed from each file's extension and content when `None`.
    pub format: Option<ImportFormat>,
    /// Convert Label Studio offsets from UTF-16 code units when that is what makes the
    /// region texts match (older exports). Off: such offsets are kept and reported.
    pub convert_utf16: bool,
    /// Mark every imported span and relation as a suggestion to review (a model's output),
    /// with origin `import:FORMAT` unless the file gave one.
    pub as_suggestions: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("cannot import {path}: {reason}")]
    Decode {
        path: String,
        reason: plaintext::DecodeError,
    },
    #[error("cannot import {path}: {reason}")]
    Native {
        path: String,
        reason: native::LoadError,
    },
    #[error("cannot import {path}: the format is not recognised (use --from FORMAT: {})", ImportFormat::ALL.map(|f| f.name()).join(", "))]
    Unknown { path: String },
    #[error("cannot import {path}: {reason}")]
    Other { path: String, reason: String },
}

/// What reading one input file produced: usually one document, several for JSONL, CoNLL
/// and Label Studio files.
#[derive(Debug, Default)]
pub struct ReadFile {
    pub format: Option<ImportFormat>,
    pub documents: Vec<ReadDocument>,
    /// Problems that belong to the file rather than one document (unreadable lines).
    pub problems: Vec<Problem>,
    pub utf16_detected: bool,
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Files a folder import picks up: importable extensions, without brat's `.txt` files that
/// have an `.ann` beside them (read with it), the brat `.conf` files and Newsmark's reports.
pub fn is_importable_in_folder(path: &Path) -> bool {
    let ext = extension(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if name.starts_with("newsmark-") && ext == "txt" || name == crate::formats::PROJECT_SCHEMA_FILE
    {
        return false;
    }
    match ext.as_str() {
        "txt" => !path.with_extension("ann").is_file(),
        "ann" | "jsonl" | "json" | "conll" | "iob" | "iob2" | "bio" | "md" | "html" | "htm"
        | "spacy" => true,
        _ => false,
    }
}

/// Guess the format from the extension and, for JSON files, the keys.
pub fn guess_format(path: &Path, text: &str) -> Option<ImportFormat> {
    match extension(path).as_str() {
        "ann" => Some(ImportFormat::Brat),
        "spacy" => Some(ImportFormat::Spacy),
        "conll" | "iob" | "iob2" | "bio" | "conll03" => Some(ImportFormat::Conll),
        "html" | "htm" => Some(ImportFormat::Html),
        "txt" | "md" | "markdown" => Some(ImportFormat::Text),
        "jsonl" | "ndjson" => {
            let first = text.lines().find(|l| !l.trim().is_empty())?;
            let value: serde_json::Value = serde_json::from_str(first).ok()?;
            let prodigy_keys = value.get("tokens").is_some()
                || value.get("answer").is_some()
                || value.pointer("/spans/0/token_start").is_some();
            let spans_only = value.get("spans").is_some()
                && value.get("label").is_none()
                && value.get("entities").is_none();
            if prodigy_keys || spans_only {
                Some(ImportFormat::Prodigy)
            } else {
                Some(ImportFormat::Doccano)
            }
        }
        "json" => {
            let value: serde_json::Value = serde_json::from_str(text).ok()?;
            if value.get("format").and_then(|f| f.as_str()) == Some(native::FORMAT_NAME) {
                Some(ImportFormat::Native)
            } else {
                let task = match &value {
                    serde_json::Value::Array(items) => items.first()?,
                    other => other,
                };
                (task.get("data").is_some() || task.get("annotations").is_some())
                    .then_some(ImportFormat::LabelStudio)
            }
        }
        _ => None,
    }
}

/// Read one file in the given (or guessed) format.
pub fn read_path(path: &Path, options: &ImportOptions) -> Result<ReadFile, ImportError> {
    let shown = path.display().to_string();
    let bytes = storage::read_bounded(path)?;
    // A DocBin is binary: read before any text decoding.
    if options.format == Some(ImportFormat::Spacy)
        || options.format.is_none() && extension(path) == "spacy"
    {
        let (documents, problems) = spacy::read(&shown, &bytes);
        return Ok(ReadFile {
            format: Some(ImportFormat::Spacy),
            documents,
            problems,
            utf16_detected: false,
        });
    }
    let text = plaintext::decode(&bytes)
        .map_err(|reason| ImportError::Decode {
            path: shown.clone(),
            reason,
        })?
        .text;
    let format = match options.format {
        Some(format) => format,
        None => guess_format(path, &text).ok_or(ImportError::Unknown {
            path: shown.clone(),
        })?,
    };
    let mut out = ReadFile {
        format: Some(format),
        ..ReadFile::default()
    };
    let single = |set: AnnotationSet, problems: Vec<Problem>| ReadDocument {
        name: None,
        set,
        problems,
    };
    match format {
        ImportFormat::Native => {
            let loaded = native::from_json(&text).map_err(|reason| ImportError::Native {
                path: shown.clone(),
                reason,
            })?;
            out.documents.push(single(loaded.set, loaded.problems));
        }
        ImportFormat::Brat => {
            let txt_path = path.with_extension("txt");
            let txt_bytes = storage::read_bounded(&txt_path).map_err(|e| ImportError::Other {
                path: shown.clone(),
                reason: format!("its text {} cannot be read ({e})", txt_path.display()),
            })?;
            let article = plaintext::decode(&txt_bytes).map_err(|reason| ImportError::Decode {
                path: txt_path.display().to_string(),
                reason,
            })?;
            let (set, problems) = brat::read(&shown, &article.text, &text);
            out.documents.push(single(set, problems));
        }
        ImportFormat::Doccano => {
            let (documents, problems) = doccano::read(&shown, &text);
            out.documents = documents;
            out.problems = problems;
        }
        ImportFormat::Prodigy => {
            let (documents, problems) = prodigy::read(&shown, &text);
            out.documents = documents;
            out.problems = problems;
        }
        ImportFormat::Conll => {
            let (documents, problems) = conll::read(&shown, &text);
            out.documents = documents;
            out.problems = problems;
        }
        ImportFormat::LabelStudio => {
            let read = label_studio::read(&shown, &text, options.convert_utf16);
            out.documents = read.documents;
            out.problems = read.problems;
            out.utf16_detected = read.utf16_detected;
        }
        ImportFormat::Spacy => {
            // (Read above, before decoding; kept here so every format has its arm.)
            (out.documents, out.problems) = spacy::read(&shown, &bytes);
        }
        ImportFormat::Text => {
            let (schema, problems) = crate::formats::schema_for_article(path, None);
            let mut document = Document::new(text);
            document.source = Some(shown.clone());
            out.documents
                .push(single(AnnotationSet::new(document, schema), problems));
        }
        ImportFormat::Html => {
            let article = html::extract(&text);
            let mut document = Document::new(article.text);
            document.source = Some(shown.clone());
            document.metadata.title = article.title;
            let problems = article
                .notes
                .into_iter()
                .map(|message| Problem {
                    item: shown.clone(),
                    message,
                })
                .collect();
            out.documents.push(single(
                AnnotationSet::new(document, Schema::default()),
                problems,
            ));
        }
    }
    Ok(out)
}
