//! Where every document stands: one summary per set (status, spans per label, annotator,
//! time, problems), read quickly and checked against its article.
//!
//! A summary reads what the corpus list needs: the set's header, each span's label, offsets
//! and text (checked against the set's text), and whether the set's text is still its
//! article's. A set that does not fit that quick reading goes through the full loader, so a
//! damaged file gets the loader's exact report. `newsmark validate DIR` runs every check of
//! the loader on every set.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::config::CorpusConfig;
use super::layout::{ArticleEntry, SetKind};
pub use super::summary::{FileStamp, SetSummary};
use crate::formats::visible::count;
use crate::formats::{self, article, native, plaintext};
use crate::model::set::Status;
use crate::storage;

/// One article with its sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentStatus {
    pub entry: ArticleEntry,
    /// Why the article could not be read (it is still listed).
    pub article_problem: Option<String>,
    /// In the order of `entry.sets`.
    pub sets: Vec<SetSummary>,
}

impl DocumentStatus {
    /// The set the window opens for `annotator` (`None`: the single `story.json`): that
    /// annotator's `story.NAME.json`, else a single set whose `annotator` field names them.
    pub fn set_for(&self, annotator: Option<&str>) -> Option<&SetSummary> {
        match annotator {
            None => self.sets.iter().find(|s| s.kind == SetKind::Single),
            Some(name) => self
                .sets
                .iter()
                .find(|s| s.kind.file_annotator() == Some(name))
                .or_else(|| {
                    self.sets
                        .iter()
                        .find(|s| s.kind == SetKind::Single && s.annotator.as_deref() == Some(name))
                }),
        }
    }

    /// Where the window saves `annotator`'s set of this article (relative): the existing one
    /// ([`Self::set_for`]), else `story.NAME.json` (`story.json` without a name).
    pub fn set_path_for(&self, annotator: Option<&str>) -> String {
        match self.set_for(annotator) {
            Some(set) => set.path.clone(),
            None => self.entry.set_path(&match annotator {
                None => SetKind::Single,
                Some(name) => SetKind::Annotator(name.to_string()),
            }),
        }
    }

    /// The document's own problems (not its sets'): layout and an unreadable article.
    pub fn problems(&self) -> impl Iterator<Item = &str> + '_ {
        self.entry
            .problems
            .iter()
            .map(String::as_str)
            .chain(self.article_problem.as_deref())
    }
}

pub use crate::formats::article::read_article;

/// The header and spans of a set, borrowed from the file where possible.
#[derive(Deserialize)]
struct SummaryIn<'a> {
    #[serde(default, borrow)]
    format: Option<Cow<'a, str>>,
    #[serde(default)]
    version: Option<u64>,
    #[serde(borrow)]
    document: DocumentIn<'a>,
    #[serde(default, borrow)]
    spans: Vec<SpanIn<'a>>,
    #[serde(default)]
    relations: Vec<serde::de::IgnoredAny>,
    #[serde(default)]
    status: Option<serde_json::Value>,
    #[serde(default)]
    annotator: Option<String>,
    #[serde(default)]
    modified: Option<String>,
    #[serde(default, borrow)]
    schema: Option<SchemaIn<'a>>,
}

/// The names of a set's schema labels (the rest of the schema is skipped).
#[derive(Deserialize)]
struct SchemaIn<'a> {
    #[serde(default, borrow)]
    labels: Vec<LabelIn<'a>>,
}

#[derive(Deserialize)]
struct LabelIn<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
}

#[derive(Deserialize)]
struct DocumentIn<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(default, borrow)]
    offset_unit: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct SpanIn<'a> {
    #[serde(borrow)]
    label: Cow<'a, str>,
    start: usize,
    end: usize,
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(default, borrow)]
    review: Option<Cow<'a, str>>,
}

/// Summarise a set file's bytes. `article` is the article's text when it could be read.
pub fn summarize_set(
    path: &str,
    kind: SetKind,
    bytes: &[u8],
    article: Option<&str>,
    file_modified: Option<std::time::SystemTime>,
) -> SetSummary {
    let mut summary = SetSummary {
        path: path.to_string(),
        kind,
        status: Status::InProgress,
        spans: 0,
        suggested: 0,
        relations: 0,
        labels: BTreeMap::new(),
        annotator: None,
        modified: None,
        problems: Vec::new(),
        unreadable: false,
    };
    let stored_annotator = match quick_summary(bytes, article, &mut summary) {
        Ok(annotator) => annotator,
        Err(()) => full_summary(bytes, article, &mut summary),
    };
    let file_annotator = summary.kind.file_annotator().map(str::to_string);
    match (&file_annotator, &stored_annotator) {
        (Some(name), Some(field)) if summary.kind != SetKind::Gold && name != field => {
            summary.problems.push(format!(
                "its \"annotator\" is {field:?} but its file name says {name:?}; the file name is used"
            ));
        }
        _ => {}
    }
    summary.annotator = file_annotator.or(stored_annotator);
    if summary.modified.is_none() {
        summary.modified = file_modified.map(|t| humantime::format_rfc3339_seconds(t).to_string());
    }
    summary
}

/// The fast path: `Err` when the file does not read as a well-formed set (the full loader
/// then says why). Returns the stored annotator.
fn quick_summary(
    bytes: &[u8],
    article: Option<&str>,
    summary: &mut SetSummary,
) -> Result<Option<String>, ()> {
    let json = std::str::from_utf8(bytes).map_err(|_| ())?;
    let set: SummaryIn<'_> = serde_json::from_str(json).map_err(|_| ())?;
    if set.format.as_deref() != Some(native::FORMAT_NAME)
        || set
            .version
            .is_some_and(|v| v > u64::from(native::FORMAT_VERSION))
        || set
            .document
            .offset_unit
            .as_deref()
            .is_some_and(|u| u != "codepoint")
    {
        return Err(());
    }
    let text = set.document.text.as_ref();
    summary.status = match set.status {
        None => Status::InProgress,
        Some(value) => match value.as_str().and_then(Status::parse) {
            Some(status) => status,
            None => {
                summary.problems.push(format!(
                    "status: {value} is not a document status; read as in_progress"
                ));
                Status::InProgress
            }
        },
    };
    summary.spans = set.spans.len();
    summary.relations = set.relations.len();
    summary.modified = set.modified;
    let offsets = CharOffsets::new(text);
    let mut bad = 0;
    let mut first_bad = None;
    for (i, span) in set.spans.iter().enumerate() {
        *summary.labels.entry(span.label.to_string()).or_insert(0) += 1;
        if span.review.as_deref() == Some("suggested") {
            summary.suggested += 1;
        }
        let fits = span.start < span.end
            && offsets
                .slice(text, span.start, span.end)
                .is_some_and(|s| s == span.text);
        if !fits {
            bad += 1;
            first_bad.get_or_insert((i, span.label.to_string(), span.start, span.end));
        }
    }
    if let Some(schema) = &set.schema {
        // As the full loader says it: a label the set's own schema lacks (a typo in a
        // hand-edited file) is added to the schema in grey when the set is opened.
        let unknown: Vec<String> = summary
            .labels
            .iter()
            .filter(|(label, _)| !schema.labels.iter().any(|l| l.name == label.as_str()))
            .map(|(label, n)| format!("{label:?} ({})", count(*n, "span", "spans")))
            .collect();
        if !unknown.is_empty() {
            summary.problems.push(format!(
                "{} not in the set's schema: {}; `newsmark validate` names each span",
                if unknown.len() == 1 {
                    "a label"
                } else {
                    "labels"
                },
                unknown.join(", ")
            ));
        }
    }
    if let Some((i, label, start, end)) = first_bad {
        summary.problems.push(format!(
            "{} with offsets outside the text or a text that is not the text's (first: spans[{i}] {label} {start}..{end}); `newsmark validate` lists them",
            count(bad, "span", "spans")
        ));
    }
    if let Some(article) = article {
        text_against_article(text, article, &mut summary.problems);
    }
    Ok(set.annotator)
}

/// The slow path: the full loader, for files the quick reading refused.
fn full_summary(bytes: &[u8], article: Option<&str>, summary: &mut SetSummary) -> Option<String> {
    let loaded = plaintext::decode_unicode(bytes)
        .map_err(|e| e.to_string())
        .and_then(|decoded| native::from_json(&decoded.text).map_err(|e| e.to_string()));
    match loaded {
        Err(error) => {
            summary.unreadable = true;
            summary
                .problems
                .push(format!("the set does not load: {error}"));
            None
        }
        Ok(loaded) => {
            let set = &loaded.set;
            summary.status = Status::of_set(set.status);
            summary.spans = set.span_count();
            summary.relations = set.relation_count();
            summary.labels = set.label_counts();
            summary.suggested = set
                .spans_unordered()
                .filter(|s| !s.review.is_accepted())
                .count();
            summary.modified = set.modified.clone();
            const SHOWN: usize = 3;
            for problem in loaded.problems.iter().take(SHOWN) {
                summary.problems.push(problem.to_string());
            }
            if loaded.problems.len() > SHOWN {
                summary.problems.push(format!(
                    "and {} more; `newsmark validate` lists them",
                    count(loaded.problems.len() - SHOWN, "problem", "problems")
                ));
            }
            if let Some(article) = article {
                text_against_article(set.text().as_str(), article, &mut summary.problems);
            }
            set.annotator.clone()
        }
    }
}

/// The re-anchoring command a problem names before the files are known.
const REANCHOR_COMMAND: &str = "`newsmark reanchor SET ARTICLE -o SET`";

/// A problem when the set's text is not its article's, saying where they part.
pub fn text_against_article(text: &str, article: &str, problems: &mut Vec<String>) {
    if let Some((line, column)) = article::first_difference(text, article) {
        problems.push(format!(
            "its text is not the article's any more (they differ from line {line}, column {column}); its spans stay on its own text: {REANCHOR_COMMAND} moves them onto the article"
        ));
    }
}

/// The re-anchoring command in `problems` with the set's and the article's paths (relative to
/// the corpus, where the command is run), so that it can be copied as it is.
pub fn name_reanchor_paths(problems: &mut [String], set: &str, article: &str) {
    let quoted = |path: &str| {
        if path.contains([' ', '\'', '"']) {
            format!("'{}'", path.replace('\'', "'\\''"))
        } else {
            path.to_string()
        }
    };
    let (set, article) = (quoted(set), quoted(article));
    for problem in problems {
        if problem.contains(REANCHOR_COMMAND) {
            *problem = problem.replace(
                REANCHOR_COMMAND,
                &format!("`newsmark reanchor {set} {article} -o {set}` (in the corpus folder)"),
            );
        }
    }
}

/// Code point to byte offsets of a text (identity for ASCII).
struct CharOffsets {
    /// Byte offset of each code point, plus the end; empty for ASCII text.
    bytes: Vec<u32>,
    char_len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        if text.is_ascii() || text.len() > u32::MAX as usize {
            return Self {
                bytes: Vec::new(),
                char_len: if text.is_ascii() { text.len() } else { 0 },
            };
        }
        // Each byte that does not continue a code point starts one (no decoding needed).
        let mut bytes: Vec<u32> = Vec::with_capacity(text.len() + 1);
        bytes.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b & 0xC0 != 0x80)
                .map(|(i, _)| i as u32),
        );
        let char_len = bytes.len();
        bytes.push(text.len() as u32);
        Self { bytes, char_len }
    }

    fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<&'t str> {
        if end > self.char_len || start > end {
            return None;
        }
        if self.bytes.is_empty() {
            return text.get(start..end);
        }
        text.get(self.bytes[start] as usize..self.bytes[end] as usize)
    }
}

/// Summarise one article entry, using `cache` for sets whose file and article are unchanged
/// (and filling it with what was read).
pub fn summarize_entry(
    root: &Path,
    entry: &ArticleEntry,
    cache: &super::cache::Cache,
    fresh: &mut super::cache::Cache,
    counts: &mut super::cache::CacheReport,
) -> DocumentStatus {
    let article_stamp = entry
        .article
        .as_ref()
        .map(|a| FileStamp::of(&root.join(a)).map(|(s, _)| s));
    let cached_article = match (&entry.article, article_stamp) {
        (Some(path), Some(Some(stamp))) => cache.article(path, stamp),
        _ => None,
    };
    let mut article_text: Option<Result<String, String>> = None;
    let read_article_once = |article_text: &mut Option<Result<String, String>>| {
        if article_text.is_none()
            && let Some(path) = &entry.article
        {
            *article_text = Some(read_article(&root.join(path)));
        }
    };
    let article_problem = match (&entry.article, article_stamp) {
        (None, _) => None,
        (Some(_), Some(None)) => {
            Some("the article cannot be read (it is gone or unreadable)".to_string())
        }
        (Some(path), Some(Some(stamp))) => match cached_article {
            Some(problem) => {
                fresh.put_article(path, stamp, problem.clone());
                problem
            }
            None => {
                read_article_once(&mut article_text);
                let problem = match &article_text {
                    Some(Err(error)) => Some(format!("the article cannot be read: {error}")),
                    _ => None,
                };
                fresh.put_article(path, stamp, problem.clone());
                problem
            }
        },
        (Some(_), None) => None,
    };
    let mut sets = Vec::with_capacity(entry.sets.len());
    for set in &entry.sets {
        let full = root.join(&set.path);
        let Some((stamp, modified)) = FileStamp::of(&full) else {
            sets.push(SetSummary {
                problems: vec!["the set cannot be read (it is gone or unreadable)".into()],
                unreadable: true,
                ..summarize_set(&set.path, set.kind.clone(), b"", None, None)
            });
            continue;
        };
        let article_key = article_stamp.flatten();
        if let Some(mut summary) = cache.set(&set.path, stamp, article_key) {
            counts.hits += 1;
            summary.kind = set.kind.clone();
            fresh.put_set(&set.path, stamp, article_key, summary.clone());
            sets.push(summary);
            continue;
        }
        counts.misses += 1;
        let summary = match storage::read_bounded(&full) {
            Err(error) => SetSummary {
                problems: vec![format!("the set cannot be read: {error}")],
                unreadable: true,
                ..summarize_set(&set.path, set.kind.clone(), b"", None, modified)
            },
            Ok(bytes) => {
                read_article_once(&mut article_text);
                let article = article_text.as_ref().and_then(|t| t.as_deref().ok());
                let mut summary =
                    summarize_set(&set.path, set.kind.clone(), &bytes, article, modified);
                if let Some(article) = &entry.article {
                    name_reanchor_paths(&mut summary.problems, &set.path, article);
                }
                summary
            }
        };
        fresh.put_set(&set.path, stamp, article_key, summary.clone());
        sets.push(summary);
    }
    DocumentStatus {
        entry: entry.clone(),
        article_problem,
        sets,
    }
}

/// Problems of the corpus file and schema, as layout problems.
pub fn config_problems(
    root: &Path,
    config: &CorpusConfig,
    problems: Vec<formats::Problem>,
) -> Vec<super::layout::LayoutProblem> {
    let (_, schema_problems) = config.load_schema(root);
    problems
        .into_iter()
        .chain(schema_problems)
        .map(|p| super::layout::LayoutProblem {
            path: p.item,
            message: p.message,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit;
    use crate::model::schema::Schema;
    use crate::model::set::{AnnotationSet, Document};

    fn set_bytes(text: &str, status: Option<Status>, annotator: Option<&str>) -> Vec<u8> {
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        let person = edit::add_span(&mut set, "PERSON", 0..3);
        edit::apply(&mut set, person).unwrap();
        let place = edit::add_span(&mut set, "GPE", 8..14);
        edit::apply(&mut set, place).unwrap();
        set.status = status;
        set.annotator = annotator.map(str::to_string);
        set.modified = Some("2026-11-30T10:00:00Z".into());
        native::to_json_bytes(&set)
    }

    const TEXT: &str = "Ana in Zürich: „ja“ 👍\n";

    #[test]
    fn status_is_derived_from_the_field_and_spans_are_counted() {
        let bytes = set_bytes(TEXT, Some(Status::Done), Some("alice"));
        let summary = summarize_set(
            "a.alice.json",
            SetKind::Annotator("alice".into()),
            &bytes,
            Some(TEXT),
            None,
        );
        assert_eq!(summary.status, Status::Done);
        assert_eq!(summary.spans, 2);
        assert_eq!(
            summary.labels,
            BTreeMap::from([("GPE".into(), 1), ("PERSON".into(), 1)])
        );
        assert_eq!(summary.annotator.as_deref(), Some("alice"));
        assert_eq!(summary.modified.as_deref(), Some("2026-11-30T10:00:00Z"));
        assert!(summary.problems.is_empty(), "{:?}", summary.problems);
        let old = set_bytes(TEXT, None, None);
        let summary = summarize_set("a.json", SetKind::Single, &old, Some(TEXT), None);
        assert_eq!(summary.status, Status::InProgress, "no field: in progress");
        assert_eq!(summary.annotator, None);
    }

    #[test]
    fn problems_are_named() {
        // The text changed under the set.
        let bytes = set_bytes(TEXT, None, Some("bob"));
        let other = TEXT.replace("Zürich", "Zurich");
        let summary = summarize_set(
            "a.alice.json",
            SetKind::Annotator("alice".into()),
            &bytes,
            Some(&other),
            None,
        );
        let text = summary.problems.join("\n");
        assert!(text.contains("line 1, column 9"), "{text}");
        assert!(
            text.contains("\"bob\" but its file name says \"alice\""),
            "{text}"
        );
        assert_eq!(summary.annotator.as_deref(), Some("alice"));
        // A span whose text is wrong.
        let broken = String::from_utf8(bytes)
            .unwrap()
            .replace("\"text\": \"Ana\"", "\"text\": \"Bob\"");
        let summary = summarize_set(
            "a.json",
            SetKind::Single,
            broken.as_bytes(),
            Some(TEXT),
            None,
        );
        assert!(
            summary.problems[0].starts_with("1 span with offsets"),
            "{:?}",
            summary.problems
        );
        assert!(
            summary.problems[0].contains("spans[0] PERSON 0..3"),
            "{:?}",
            summary.problems
        );
        // Not JSON, not a set, an unknown status.
        for (bytes, needle) in [
            (&b"{"[..], "the set does not load: not valid JSON"),
            (
                &b"{\"format\": \"x\", \"document\": {\"text\": \"\"}}"[..],
                "not a Newsmark annotation set",
            ),
        ] {
            let summary = summarize_set("a.json", SetKind::Single, bytes, None, None);
            assert!(summary.unreadable);
            assert!(
                summary.problems[0].contains(needle),
                "{:?}",
                summary.problems
            );
        }
        let unknown = String::from_utf8(set_bytes(TEXT, Some(Status::Done), None))
            .unwrap()
            .replace("\"status\": \"done\"", "\"status\": \"finished\"");
        let summary = summarize_set(
            "a.json",
            SetKind::Single,
            unknown.as_bytes(),
            Some(TEXT),
            None,
        );
        assert_eq!(summary.status, Status::InProgress);
        assert!(summary.problems[0].contains("\"finished\" is not a document status"));
    }

    #[test]
    fn a_label_the_sets_schema_lacks_is_a_problem_of_its_row() {
        let bytes = set_bytes(TEXT, Some(Status::Done), None);
        let summary = summarize_set("a.json", SetKind::Single, &bytes, Some(TEXT), None);
        assert!(summary.problems.is_empty(), "{:?}", summary.problems);
        // A typo typed into the file by hand: the span's label only, not the schema's.
        let typo = String::from_utf8(bytes)
            .unwrap()
            .replace("\"label\": \"GPE\"", "\"label\": \"GEP\"");
        let summary = summarize_set("a.json", SetKind::Single, typo.as_bytes(), Some(TEXT), None);
        assert_eq!(summary.labels.get("GEP"), Some(&1), "{typo}");
        assert_eq!(summary.problems.len(), 1, "{:?}", summary.problems);
        assert!(
            summary.problems[0].starts_with("a label not in the set's schema: \"GEP\" (1 span);"),
            "{:?}",
            summary.problems
        );
    }

    #[test]
    fn a_damaged_set_gets_the_loaders_report() {
        let bytes = set_bytes(TEXT, Some(Status::Done), None);
        let damaged = String::from_utf8(bytes)
            .unwrap()
            .replace("\"start\": 0", "\"start\": \"zero\"");
        let summary = summarize_set(
            "a.json",
            SetKind::Single,
            damaged.as_bytes(),
            Some(TEXT),
            None,
        );
        assert!(!summary.unreadable);
        assert_eq!(summary.status, Status::Done);
        assert_eq!(summary.spans, 1, "the unreadable span is left out");
        assert!(
            summary.problems[0].contains("spans[0] (id 1): unreadable"),
            "{:?}",
            summary.problems
        );
    }
}
