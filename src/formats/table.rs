//! Every interchange format Newsmark reads or writes, in one table: its name and aliases, what
//! it is, the file extensions it is known by, its reader and its writer. The command line, the
//! window and the corpus driver find a format by name or extension here; adding a format is
//! a module plus one row.
//!
//! Layering (no cycle): the format modules use [`crate::formats::read`] (reader side) and
//! [`crate::formats::registry`] (writer side); this table uses the format modules;
//! [`crate::formats::import`] (reading a file from disk) uses this table.

use std::path::Path;

use crate::formats::read::{Outcome, Problem, ReadDocument};
use crate::formats::registry::{CorpusWriter, ExportOptions};
use crate::formats::{
    brat, conll, csv, doccano, html, label_studio, native, plaintext, prodigy, spacy, w3c,
};
use crate::model::schema::Schema;
use crate::model::set::{AnnotationSet, Document};
use crate::storage::{self, StorageError};

/// A format Newsmark can export to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// doccano JSONL (`text` + `label`, or `entities` + `relations`).
    Jsonl,
    /// spaCy `.spacy` DocBin.
    Spacy,
    /// brat standoff: `.txt` + `.ann` per document, plus the three `.conf` files.
    Brat,
    /// CoNLL-2003 style IOB2.
    Conll,
    /// Label Studio tasks JSON plus its labeling config XML.
    LabelStudio,
    /// Prodigy-style JSONL with tokens and spans.
    Prodigy,
    /// One CSV row per span.
    Csv,
    /// W3C Web Annotation JSON-LD.
    W3c,
}

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
    /// W3C Web Annotation JSON-LD (`.jsonld`) with its article beside it.
    W3c,
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

/// One input file as a reader sees it.
pub struct ReadInput<'a> {
    pub path: &'a Path,
    /// The path as shown in problems.
    pub shown: &'a str,
    /// The file's bytes (what binary formats read).
    pub bytes: &'a [u8],
    /// The file decoded as text (empty for binary formats).
    pub text: &'a str,
    pub options: &'a ImportOptions,
}

/// Read one file: the documents and the file's own problems, or why nothing could be read.
pub type ReadFn = fn(&ReadInput) -> Result<(Vec<ReadDocument>, Vec<Problem>, bool), ImportError>;
/// A fresh writer for a corpus.
pub type WriteFn = fn(ExportOptions) -> Box<dyn CorpusWriter>;

/// One row of the table.
pub struct FormatSpec {
    /// The name on the command line (`--to NAME`, `--from NAME`) and in reports.
    pub name: &'static str,
    /// Other names accepted for it (compared after lowercasing and `_` → `-`).
    pub aliases: &'static [&'static str],
    /// A short description for menus and `--help`.
    pub description: &'static str,
    /// File extensions (lowercase, no dot) an import recognises it by.
    pub extensions: &'static [&'static str],
    /// For extensions several formats share (`.json`, `.jsonl`): whether a file's text is
    /// in this format. `None`: the fallback when no other format sharing it claims the file.
    pub sniff: Option<fn(&str) -> bool>,
    /// Read from the bytes, without decoding them as text first.
    pub binary: bool,
    pub import: Option<(ImportFormat, ReadFn)>,
    pub export: Option<(ExportFormat, WriteFn)>,
}

/// Every format, in the order menus list them.
pub static FORMATS: [FormatSpec; 11] = [
    FormatSpec {
        name: "native",
        aliases: &["newsmark", "json"],
        description: "Newsmark annotation set (.json)",
        extensions: &["json"],
        sniff: Some(is_native),
        binary: false,
        import: Some((ImportFormat::Native, read_native)),
        export: None,
    },
    FormatSpec {
        name: "jsonl",
        aliases: &["doccano"],
        description: "doccano JSONL (Hugging Face datasets loads it as JSON)",
        extensions: &["jsonl", "ndjson"],
        sniff: Some(is_doccano),
        binary: false,
        import: Some((ImportFormat::Doccano, |input| {
            let (documents, problems) = doccano::read(input.shown, input.text);
            Ok((documents, problems, false))
        })),
        export: Some((ExportFormat::Jsonl, |o| Box::new(doccano::Writer::new(o)))),
    },
    FormatSpec {
        name: "spacy",
        aliases: &["docbin"],
        description: "spaCy DocBin (.spacy): doc.ents and doc.spans[\"sc\"]",
        extensions: &["spacy"],
        sniff: None,
        binary: true,
        import: Some((ImportFormat::Spacy, |input| {
            let (documents, problems) = spacy::read(input.shown, input.bytes);
            Ok((documents, problems, false))
        })),
        export: Some((ExportFormat::Spacy, |o| Box::new(spacy::Writer::new(o)))),
    },
    FormatSpec {
        name: "brat",
        aliases: &[],
        description: "brat standoff (.txt + .ann, annotation.conf)",
        extensions: &["ann"],
        sniff: None,
        binary: false,
        import: Some((ImportFormat::Brat, read_brat)),
        export: Some((ExportFormat::Brat, |o| Box::new(brat::Writer::new(o)))),
    },
    FormatSpec {
        name: "conll",
        aliases: &["iob", "iob2", "conll2003"],
        description: "CoNLL-2003 style IOB2 (token TAB tag)",
        extensions: &["conll", "iob", "iob2", "bio", "conll03"],
        sniff: None,
        binary: false,
        import: Some((ImportFormat::Conll, |input| {
            let (documents, problems) = conll::read(input.shown, input.text);
            Ok((documents, problems, false))
        })),
        export: Some((ExportFormat::Conll, |o| Box::new(conll::Writer::new(o)))),
    },
    FormatSpec {
        name: "label-studio",
        aliases: &["labelstudio", "ls"],
        description: "Label Studio tasks JSON + labeling config",
        extensions: &["json"],
        sniff: Some(is_label_studio),
        binary: false,
        import: Some((ImportFormat::LabelStudio, |input| {
            let read = label_studio::read(input.shown, input.text, input.options.convert_utf16);
            Ok((read.documents, read.problems, read.utf16_detected))
        })),
        export: Some((ExportFormat::LabelStudio, |o| {
            Box::new(label_studio::Writer::new(o))
        })),
    },
    FormatSpec {
        name: "prodigy",
        aliases: &[],
        description: "Prodigy JSONL (tokens and spans)",
        extensions: &["jsonl", "ndjson"],
        sniff: Some(is_prodigy),
        binary: false,
        import: Some((ImportFormat::Prodigy, |input| {
            let (documents, problems) = prodigy::read(input.shown, input.text);
            Ok((documents, problems, false))
        })),
        export: Some((ExportFormat::Prodigy, |o| Box::new(prodigy::Writer::new(o)))),
    },
    FormatSpec {
        name: "csv",
        aliases: &[],
        description: "CSV, one row per span",
        extensions: &[],
        sniff: None,
        binary: false,
        import: None,
        export: Some((ExportFormat::Csv, |o| Box::new(csv::Writer::new(o)))),
    },
    FormatSpec {
        name: "w3c",
        aliases: &["web-annotation"],
        description: "W3C Web Annotation JSON-LD (.jsonld; its article beside it as .txt)",
        extensions: &["jsonld"],
        sniff: None,
        binary: false,
        import: Some((ImportFormat::W3c, read_w3c)),
        export: Some((ExportFormat::W3c, |o| Box::new(w3c::Writer::new(o)))),
    },
    FormatSpec {
        name: "text",
        aliases: &["txt", "md", "plain", "markdown"],
        description: "a plain article (.txt, .md)",
        extensions: &["txt", "md", "markdown"],
        sniff: None,
        binary: false,
        import: Some((ImportFormat::Text, read_text)),
        export: None,
    },
    FormatSpec {
        name: "html",
        aliases: &["htm"],
        description: "an HTML page: its article text",
        extensions: &["html", "htm"],
        sniff: None,
        binary: false,
        import: Some((ImportFormat::Html, read_html)),
        export: None,
    },
];

/// The row for a name or alias (`LS`, `label_studio`, `doccano` ...).
pub fn by_name(name: &str) -> Option<&'static FormatSpec> {
    let name = name.trim().to_ascii_lowercase().replace('_', "-");
    FORMATS
        .iter()
        .find(|f| f.name == name || f.aliases.contains(&name.as_str()))
}

/// The import format of a file with this extension (lowercase) and text: the one format
/// that has the extension, or among several the first whose sniff accepts the text, else
/// the one without a sniff.
pub fn import_by_extension(extension: &str, text: &str) -> Option<ImportFormat> {
    let candidates = || {
        FORMATS
            .iter()
            .filter(|f| f.import.is_some() && f.extensions.contains(&extension))
    };
    candidates()
        .find(|f| f.sniff.is_some_and(|sniff| sniff(text)))
        .or_else(|| candidates().find(|f| f.sniff.is_none()))
        .and_then(|f| f.import.map(|(format, _)| format))
}

/// True when some import format has this extension (lowercase, no dot).
pub fn is_import_extension(extension: &str) -> bool {
    FORMATS
        .iter()
        .any(|f| f.import.is_some() && f.extensions.contains(&extension))
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Jsonl,
        ExportFormat::Spacy,
        ExportFormat::Brat,
        ExportFormat::Conll,
        ExportFormat::LabelStudio,
        ExportFormat::Prodigy,
        ExportFormat::Csv,
        ExportFormat::W3c,
    ];

    fn spec(self) -> &'static FormatSpec {
        FORMATS
            .iter()
            .find(|f| f.export.is_some_and(|(format, _)| format == self))
            .unwrap_or(&FORMATS[1])
    }

    /// The name used on the command line (`--to NAME`).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// A short description for menus and `--help`.
    pub fn description(self) -> &'static str {
        self.spec().description
    }

    pub fn from_name(name: &str) -> Option<Self> {
        by_name(name)?.export.map(|(format, _)| format)
    }

    /// A fresh writer for a corpus in this format.
    pub fn writer(self, options: &ExportOptions) -> Box<dyn CorpusWriter> {
        match self.spec().export {
            Some((_, write)) => write(options.clone()),
            None => Box::new(doccano::Writer::new(options.clone())),
        }
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl ImportFormat {
    pub const ALL: [ImportFormat; 10] = [
        ImportFormat::Native,
        ImportFormat::Brat,
        ImportFormat::Doccano,
        ImportFormat::LabelStudio,
        ImportFormat::Prodigy,
        ImportFormat::Conll,
        ImportFormat::Spacy,
        ImportFormat::Text,
        ImportFormat::Html,
        ImportFormat::W3c,
    ];

    /// The format's row (every import format has one; checked by a test).
    pub fn spec(self) -> &'static FormatSpec {
        FORMATS
            .iter()
            .find(|f| f.import.is_some_and(|(format, _)| format == self))
            .unwrap_or(&FORMATS[0])
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn from_name(name: &str) -> Option<Self> {
        by_name(name)?.import.map(|(format, _)| format)
    }

    /// Read `input` in this format.
    pub fn read(self, input: &ReadInput) -> Result<ReadFile, ImportError> {
        let Some((_, read)) = self.spec().import else {
            return Err(ImportError::Unknown {
                path: input.shown.to_string(),
            });
        };
        let (documents, problems, utf16_detected) = read(input)?;
        Ok(ReadFile {
            format: Some(self),
            documents,
            problems,
            utf16_detected,
        })
    }
}

impl std::fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

// ---------------------------------------------------------------------------------------
// Sniffing shared extensions and the readers that need more than the text.

fn is_native(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("format")?.as_str().map(|f| f == native::FORMAT_NAME))
        .unwrap_or(false)
}

fn is_label_studio(text: &str) -> bool {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return false;
    };
    let task = match &value {
        serde_json::Value::Array(items) => match items.first() {
            Some(task) => task,
            None => return false,
        },
        other => other,
    };
    task.get("data").is_some() || task.get("annotations").is_some()
}

/// The first non-empty line is JSON without Prodigy's keys.
fn is_doccano(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|first| serde_json::from_str::<serde_json::Value>(first).is_ok())
        && !is_prodigy(text)
}

/// Prodigy's keys on the first line (`tokens`, `answer`, token offsets), or `spans` without
/// doccano's `label`/`entities`.
fn is_prodigy(text: &str) -> bool {
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(first) else {
        return false;
    };
    let prodigy_keys = value.get("tokens").is_some()
        || value.get("answer").is_some()
        || value.pointer("/spans/0/token_start").is_some();
    let spans_only = value.get("spans").is_some()
        && value.get("label").is_none()
        && value.get("entities").is_none();
    prodigy_keys || spans_only
}

fn single(set: AnnotationSet, problems: Vec<Problem>) -> Vec<ReadDocument> {
    vec![ReadDocument {
        name: None,
        set,
        problems,
        notes: Vec::new(),
    }]
}

fn read_native(input: &ReadInput) -> Result<(Vec<ReadDocument>, Vec<Problem>, bool), ImportError> {
    let loaded = native::from_json(input.text).map_err(|reason| ImportError::Native {
        path: input.shown.to_string(),
        reason,
    })?;
    Ok((single(loaded.set, loaded.problems), Vec::new(), false))
}

/// The article a standoff file's offsets count in, read from `txt_path` and decoded.
fn article_beside(input: &ReadInput, txt_path: &Path) -> Result<String, ImportError> {
    let txt_bytes = storage::read_bounded(txt_path).map_err(|e| ImportError::Other {
        path: input.shown.to_string(),
        reason: format!("its text {} cannot be read ({e})", txt_path.display()),
    })?;
    plaintext::decode(&txt_bytes)
        .map(|article| article.text)
        .map_err(|reason| ImportError::Decode {
            path: txt_path.display().to_string(),
            reason,
        })
}

/// brat: the `.ann` with the `.txt` of the same name beside it.
fn read_brat(input: &ReadInput) -> Result<(Vec<ReadDocument>, Vec<Problem>, bool), ImportError> {
    let text = article_beside(input, &input.path.with_extension("txt"))?;
    let (set, problems) = brat::read(input.shown, &text, input.text);
    Ok((single(set, problems), Vec::new(), false))
}

/// W3C Web Annotation: the collection holds offsets and quotes but not the article, which is
/// read from the `.txt` of the same name beside it, else from the file its targets name as
/// their source (a relative path beside it, as Newsmark's export writes it).
fn read_w3c(input: &ReadInput) -> Result<(Vec<ReadDocument>, Vec<Problem>, bool), ImportError> {
    let folder = input.path.parent().unwrap_or(Path::new("."));
    let beside = input.path.with_extension("txt");
    let named = w3c::source_of(input.text)
        .filter(|source| !source.contains("://") && !source.starts_with("urn:"))
        .map(|source| folder.join(source));
    let txt_path = [Some(beside.clone()), named]
        .into_iter()
        .flatten()
        .find(|path| path.is_file())
        .ok_or_else(|| ImportError::Other {
            path: input.shown.to_string(),
            reason: format!(
                "a W3C collection holds no article text, and none was found beside it: put the \
                 article there as {}",
                beside.display()
            ),
        })?;
    let text = article_beside(input, &txt_path)?;
    let (set, problems) = w3c::read(input.shown, &text, input.text);
    Ok((single(set, problems), Vec::new(), false))
}

fn read_text(input: &ReadInput) -> Result<(Vec<ReadDocument>, Vec<Problem>, bool), ImportError> {
    let (schema, problems) = crate::formats::schema_for_article(input.path, None);
    let mut document = Document::new(input.text);
    document.source = Some(input.shown.to_string());
    Ok((
        single(AnnotationSet::new(document, schema), problems),
        Vec::new(),
        false,
    ))
}

fn read_html(input: &ReadInput) -> Result<(Vec<ReadDocument>, Vec<Problem>, bool), ImportError> {
    let article = html::extract(input.text);
    let mut document = Document::new(article.text);
    document.source = Some(input.shown.to_string());
    document.metadata.title = article.title;
    // What the article was taken from is information; a page with no article body found
    // is a problem (the text may hold page furniture).
    let problems = article
        .problems
        .into_iter()
        .map(|message| Problem {
            outcome: Outcome::Kept,
            item: input.shown.to_string(),
            message,
        })
        .collect();
    let mut documents = single(AnnotationSet::new(document, Schema::default()), problems);
    documents[0].notes = article.notes;
    Ok((documents, Vec::new(), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_row_and_names_are_unique() {
        for format in ExportFormat::ALL {
            let rows = FORMATS
                .iter()
                .filter(|f| f.export.is_some_and(|(e, _)| e == format))
                .count();
            assert_eq!(rows, 1, "{format:?}");
            assert_eq!(ExportFormat::from_name(format.name()), Some(format));
        }
        for format in ImportFormat::ALL {
            let rows = FORMATS
                .iter()
                .filter(|f| f.import.is_some_and(|(i, _)| i == format))
                .count();
            assert_eq!(rows, 1, "{format:?}");
            assert_eq!(ImportFormat::from_name(format.name()), Some(format));
        }
        let mut names: Vec<&str> = FORMATS
            .iter()
            .flat_map(|f| std::iter::once(f.name).chain(f.aliases.iter().copied()))
            .collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all, "a name or alias used twice");
    }

    #[test]
    fn aliases_work_for_both_directions() {
        assert_eq!(
            ExportFormat::from_name("doccano"),
            Some(ExportFormat::Jsonl)
        );
        assert_eq!(
            ImportFormat::from_name("doccano"),
            Some(ImportFormat::Doccano)
        );
        assert_eq!(
            ExportFormat::from_name(" Label_Studio "),
            Some(ExportFormat::LabelStudio)
        );
        assert_eq!(
            ImportFormat::from_name("LS"),
            Some(ImportFormat::LabelStudio)
        );
        assert_eq!(ExportFormat::from_name("IOB2"), Some(ExportFormat::Conll));
        assert_eq!(ImportFormat::from_name("docbin"), Some(ImportFormat::Spacy));
        assert_eq!(
            ExportFormat::from_name("web-annotation"),
            Some(ExportFormat::W3c)
        );
        assert_eq!(ImportFormat::from_name("md"), Some(ImportFormat::Text));
        assert_eq!(ImportFormat::from_name("json"), Some(ImportFormat::Native));
        // Names of the other direction are refused, not mapped to something else.
        assert_eq!(ImportFormat::from_name("csv"), None);
        assert_eq!(ExportFormat::from_name("html"), None);
        assert_eq!(ExportFormat::from_name("native"), None);
    }

    #[test]
    fn shared_extensions_are_told_apart_by_content() {
        let native = r#"{"format": "newsmark.annotations", "version": 1}"#;
        assert_eq!(
            import_by_extension("json", native),
            Some(ImportFormat::Native)
        );
        assert_eq!(
            import_by_extension("json", r#"[{"data": {"text": "x"}}]"#),
            Some(ImportFormat::LabelStudio)
        );
        assert_eq!(import_by_extension("json", r#"{"x": 1}"#), None);
        assert_eq!(
            import_by_extension("jsonl", "{\"text\": \"a\", \"tokens\": []}\n"),
            Some(ImportFormat::Prodigy)
        );
        assert_eq!(
            import_by_extension("jsonl", "{\"text\": \"a\", \"label\": []}\n"),
            Some(ImportFormat::Doccano)
        );
        assert_eq!(import_by_extension("ann", ""), Some(ImportFormat::Brat));
        assert_eq!(import_by_extension("exe", ""), None);
    }
}
