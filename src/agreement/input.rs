//! Finding, reading, naming and grouping the sets to compare, with every problem named.
//!
//! Sets are grouped by the sha256 of their text: only sets of exactly the same text are
//! compared. Sets of different texts of the same article (same article path in the corpus
//! layout, or the same `document.source`) are reported with the `newsmark reanchor` command
//! to run, never compared. The annotator is the set's `annotator` field, else the `<name>` of
//! a `story.<name>.json` file name, else the file name, and the report says which was used.
//!
//! Corpus folders are searched by [`discover_sets`], a small local discovery (every `*.json`
//! set under the folder, hidden files and folders left out) until the corpus module's own
//! discovery can take its place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::formats::article::{article_file, split_set_name};
use crate::formats::{self, PROJECT_SCHEMA_FILE, visible};
use crate::model::schema::Schema;

use super::{AnnotatorWork, DocumentWork, Vocabulary};

/// The corpus file at a corpus root (`newsmark.corpus.json`).
pub const CORPUS_FILE: &str = "newsmark.corpus.json";
/// The reserved annotator name of a curated gold set.
pub const GOLD: &str = "gold";

/// Where an annotator's name came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnotatorSource {
    /// The set's `annotator` field.
    SetField,
    /// `story.<name>.json`.
    FileName,
    /// Neither: the whole file name.
    WholeFileName,
}

impl AnnotatorSource {
    pub fn as_str(self) -> &'static str {
        match self {
            AnnotatorSource::SetField => "set",
            AnnotatorSource::FileName => "file name",
            AnnotatorSource::WholeFileName => "whole file name",
        }
    }
}

/// A set that was read, and who it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetFile {
    pub path: PathBuf,
    pub annotator: String,
    pub annotator_from: AnnotatorSource,
    /// The article this set belongs to: its path without `.json` / `.<name>.json`.
    pub article: String,
    pub text_sha256: String,
}

/// What is wrong with the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemKind {
    /// A file that could not be read as a set.
    Unreadable,
    /// Something the set loader found (and what it did about it).
    LoadProblem,
    /// Sets of different texts of one article: not compared; re-anchor them.
    DifferentTexts,
    /// None of the sets shares its text with another.
    UnrelatedArticles,
    /// A document with a single annotator: nothing to compare.
    SingleAnnotator,
    /// A set without an `annotator` field (the name was taken from the file).
    MissingAnnotatorName,
    /// A set whose `annotator` field disagrees with its file name.
    AnnotatorNameMismatch,
    /// Two sets of one document under one annotator name (the second is left out).
    DuplicateAnnotator,
    /// A corpus annotator with no set for a document.
    MissingSet,
    /// A label the corpus schema does not declare.
    UnknownLabel,
    /// Overlapping same-label spans of one annotator (α_u leaves the later, shorter out).
    OverlappingSpans,
    /// Suggestions awaiting review, left out of the measures.
    SuggestionsLeftOut,
    /// A gold set, left out of the agreement between annotators.
    GoldLeftOut,
    /// Sets in a corpus folder that name no annotator (a one-person `story.json`, or one the
    /// suggester wrote): no annotator's work, left out (one problem for all of them).
    UnnamedSetsLeftOut,
}

impl ProblemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Unreadable => "unreadable",
            ProblemKind::LoadProblem => "load_problem",
            ProblemKind::DifferentTexts => "different_texts",
            ProblemKind::UnrelatedArticles => "unrelated_articles",
            ProblemKind::SingleAnnotator => "single_annotator",
            ProblemKind::MissingAnnotatorName => "missing_annotator_name",
            ProblemKind::AnnotatorNameMismatch => "annotator_name_mismatch",
            ProblemKind::DuplicateAnnotator => "duplicate_annotator",
            ProblemKind::MissingSet => "missing_set",
            ProblemKind::UnknownLabel => "unknown_label",
            ProblemKind::OverlappingSpans => "overlapping_spans",
            ProblemKind::SuggestionsLeftOut => "suggestions_left_out",
            ProblemKind::GoldLeftOut => "gold_left_out",
            ProblemKind::UnnamedSetsLeftOut => "unnamed_sets_left_out",
        }
    }
}

/// One problem with the input: its kind, the file or article it concerns, what is wrong and
/// what was done about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub item: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.item, self.message)
    }
}

/// Options for [`gather`].
#[derive(Clone, Debug, Default)]
pub struct GatherOptions {
    /// Count gold sets (`story.gold.json`, annotator `gold`) as an annotator.
    pub include_gold: bool,
}

/// Everything read, grouped into documents.
#[derive(Debug, Default)]
pub struct Gathered {
    pub documents: Vec<DocumentWork>,
    /// Per document, the set each annotator's work came from (parallel to `annotators`).
    pub sets: Vec<Vec<SetFile>>,
    /// The corpus's annotators: from `newsmark.corpus.json` when it names them, else every
    /// annotator found.
    pub annotators: Vec<String>,
    pub vocabulary: Vocabulary,
    pub problems: Vec<Problem>,
    /// Files read as sets.
    pub files_read: usize,
}

/// The corpus settings a root may carry.
#[derive(Debug, Default, serde::Deserialize)]
struct CorpusFile {
    #[serde(default)]
    annotators: Option<Vec<String>>,
    #[serde(default)]
    schema: Option<String>,
}

/// Every annotation set under `folder`: `*.json` files at any depth, except hidden files and
/// folders, the corpus and schema files, and `*.unplaced.json` leftovers of a re-anchoring.
/// Sorted by path. (A local discovery: the corpus module's can replace it.)
pub fn discover_sets(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if formats::is_set_path(&path)
                && name != CORPUS_FILE
                && name != PROJECT_SCHEMA_FILE
                && !name.ends_with(".unplaced.json")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// A set read, before grouping.
struct Read {
    file: SetFile,
    set: crate::model::set::AnnotationSet,
    source: Option<String>,
}

/// Read and group the sets named by `inputs` (set files, or corpus folders searched with
/// [`discover_sets`]).
pub fn gather(inputs: &[PathBuf], options: &GatherOptions) -> Gathered {
    let mut gathered = Gathered::default();
    let mut corpus_annotators: Option<Vec<String>> = None;
    let mut corpus_schema: Option<(PathBuf, Schema)> = None;
    let mut files: Vec<(PathBuf, Option<PathBuf>)> = Vec::new(); // (file, corpus root)
    for input in inputs {
        if input.is_dir() {
            read_corpus_file(
                input,
                &mut gathered,
                &mut corpus_annotators,
                &mut corpus_schema,
            );
            match discover_sets(input) {
                Ok(found) => {
                    if found.is_empty() {
                        gathered.problems.push(Problem {
                            kind: ProblemKind::Unreadable,
                            item: input.display().to_string(),
                            message: "no annotation sets (*.json) in this folder".into(),
                        });
                    }
                    files.extend(found.into_iter().map(|f| (f, Some(input.clone()))));
                }
                Err(error) => gathered.problems.push(Problem {
                    kind: ProblemKind::Unreadable,
                    item: input.display().to_string(),
                    message: format!("cannot read this folder: {error}"),
                }),
            }
        } else {
            files.push((input.clone(), None));
        }
    }

    let mut reads: Vec<Read> = Vec::new();
    let mut unnamed: Vec<String> = Vec::new();
    for (path, root) in files {
        if let Some(read) = read_one(&path, root.as_deref(), options, &mut gathered, &mut unnamed) {
            reads.push(read);
        }
    }
    if let Some(problem) = unnamed_sets_problem(&unnamed) {
        gathered.problems.push(problem);
    }
    gathered.files_read = reads.len();

    if let Some((schema_path, schema)) = &corpus_schema {
        for read in &reads {
            check_labels(read, schema, schema_path, &mut gathered.problems);
        }
    }

    report_different_texts(&reads, &mut gathered.problems);

    // Group by text.
    let mut by_text: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, read) in reads.iter().enumerate() {
        by_text
            .entry(read.file.text_sha256.clone())
            .or_default()
            .push(i);
    }
    let mut groups: Vec<Vec<usize>> = by_text.into_values().collect();
    groups.sort_by(|a, b| reads[a[0]].file.article.cmp(&reads[b[0]].file.article));

    let mut annotators: Vec<String> = corpus_annotators.clone().unwrap_or_else(|| {
        let names: BTreeSet<&str> = reads.iter().map(|r| r.file.annotator.as_str()).collect();
        names.into_iter().map(str::to_string).collect()
    });
    // With --with-gold the gold set is one more annotator of the corpus.
    if reads.iter().any(|r| r.file.annotator == GOLD) && !annotators.iter().any(|a| a == GOLD) {
        annotators.push(GOLD.to_string());
    }
    let any_shared = groups.iter().any(|g| g.len() > 1);
    if !any_shared && groups.len() > 1 {
        gathered.problems.push(Problem {
            kind: ProblemKind::UnrelatedArticles,
            item: format!("{} sets", reads.len()),
            message: format!(
                "the sets are of {} different texts and none shares its text with another: nothing to compare",
                groups.len()
            ),
        });
    }

    for group in groups {
        let mut members: Vec<usize> = group;
        members.sort_by(|&a, &b| {
            (&reads[a].file.annotator, &reads[a].file.path)
                .cmp(&(&reads[b].file.annotator, &reads[b].file.path))
        });
        let article = reads[members[0]].file.article.clone();
        let mut kept: Vec<usize> = Vec::new();
        for i in members {
            let duplicate = kept
                .iter()
                .find(|&&k| reads[k].file.annotator == reads[i].file.annotator);
            if let Some(&first) = duplicate {
                gathered.problems.push(Problem {
                    kind: ProblemKind::DuplicateAnnotator,
                    item: reads[i].file.path.display().to_string(),
                    message: format!(
                        "a second set by {:?} of the same text (the first is {}); this one is left out",
                        reads[i].file.annotator,
                        reads[first].file.path.display()
                    ),
                });
                continue;
            }
            kept.push(i);
        }
        if kept.len() == 1 && !any_shared && reads.len() > 1 {
            // Named once above (unrelated articles).
        } else if kept.len() == 1 {
            let file = &reads[kept[0]].file;
            gathered.problems.push(Problem {
                kind: ProblemKind::SingleAnnotator,
                item: article.clone(),
                message: format!(
                    "only one annotator ({}, {}) has a set of this text: nothing to compare",
                    file.annotator,
                    file.path.display()
                ),
            });
        }
        let present: BTreeSet<&str> = kept
            .iter()
            .map(|&i| reads[i].file.annotator.as_str())
            .collect();
        for name in &annotators {
            if !present.contains(name.as_str()) {
                gathered.problems.push(Problem {
                    kind: ProblemKind::MissingSet,
                    item: article.clone(),
                    message: format!(
                        "no set from {name} for this text; measured with {} only",
                        present.iter().copied().collect::<Vec<_>>().join(", ")
                    ),
                });
            }
        }
        let first = &reads[kept[0]];
        let mut document = DocumentWork {
            article: article.clone(),
            text_sha256: first.file.text_sha256.clone(),
            length: first.set.text().char_len() as u64,
            annotators: Vec::new(),
        };
        let mut sets = Vec::new();
        for &i in &kept {
            let read = &reads[i];
            let work =
                AnnotatorWork::from_set(&read.file.annotator, &read.set, &mut gathered.vocabulary);
            let (spans, relations) = work.suggestions_left_out;
            if spans + relations > 0 {
                gathered.problems.push(Problem {
                    kind: ProblemKind::SuggestionsLeftOut,
                    item: read.file.path.display().to_string(),
                    message: format!(
                        "{} {} awaiting review (or link one): left out of the measures",
                        match (spans, relations) {
                            (n, 0) => visible::count(n, "span", "spans"),
                            (0, n) => visible::count(n, "relation", "relations"),
                            (s, r) => format!(
                                "{} and {}",
                                visible::count(s, "span", "spans"),
                                visible::count(r, "relation", "relations")
                            ),
                        },
                        if spans + relations == 1 {
                            "is a suggestion"
                        } else {
                            "are suggestions"
                        }
                    ),
                });
            }
            document.annotators.push(work);
            sets.push(read.file.clone());
        }
        gathered.documents.push(document);
        gathered.sets.push(sets);
    }
    gathered.annotators = annotators;
    gathered
}

fn read_corpus_file(
    root: &Path,
    gathered: &mut Gathered,
    annotators: &mut Option<Vec<String>>,
    schema: &mut Option<(PathBuf, Schema)>,
) {
    let corpus_path = root.join(CORPUS_FILE);
    let mut schema_path = root.join(PROJECT_SCHEMA_FILE);
    if corpus_path.is_file() {
        let parsed = crate::storage::read_bounded(&corpus_path)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<CorpusFile>(&b).map_err(|e| e.to_string()));
        match parsed {
            Ok(corpus) => {
                if let Some(names) = corpus.annotators {
                    let list = annotators.get_or_insert_with(Vec::new);
                    for name in names {
                        if !list.contains(&name) {
                            list.push(name);
                        }
                    }
                }
                if let Some(file) = corpus.schema {
                    schema_path = root.join(file);
                }
            }
            Err(reason) => gathered.problems.push(Problem {
                kind: ProblemKind::Unreadable,
                item: corpus_path.display().to_string(),
                message: format!("corpus file not used: {reason}"),
            }),
        }
    }
    if schema.is_none() && schema_path.is_file() {
        let loaded = crate::storage::read_bounded(&schema_path)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8 text".to_string()))
            .and_then(|s| Schema::from_json(&s).map_err(|e| e.to_string()));
        match loaded {
            Ok(loaded) => *schema = Some((schema_path, loaded)),
            Err(reason) => gathered.problems.push(Problem {
                kind: ProblemKind::Unreadable,
                item: schema_path.display().to_string(),
                message: format!("schema not used: {reason}"),
            }),
        }
    }
}

/// The one problem that names the sets of a corpus folder left out for naming no annotator
/// (the first few by path), or `None` when there were none.
fn unnamed_sets_problem(unnamed: &[String]) -> Option<Problem> {
    const SHOWN: usize = 3;
    let first = unnamed.first()?;
    let mut examples = unnamed[..unnamed.len().min(SHOWN)].join(", ");
    if unnamed.len() > SHOWN {
        examples.push_str(&format!(" and {} more", unnamed.len() - SHOWN));
    }
    Some(Problem {
        kind: ProblemKind::UnnamedSetsLeftOut,
        item: if unnamed.len() == 1 {
            first.clone()
        } else {
            format!("{} sets", unnamed.len())
        },
        message: format!(
            "name no annotator (a one-person story.json, or suggestions written without \
             --annotator): left out of the agreement between annotators ({examples}); give \
             such a set an annotator by saving it as story.NAME.json"
        ),
    })
}

/// Read one set and name its annotator; `None` (with the problem named) when it cannot be
/// read, is a gold set left out, or is a set of a corpus folder that names no annotator
/// (its path added to `unnamed`).
fn read_one(
    path: &Path,
    root: Option<&Path>,
    options: &GatherOptions,
    gathered: &mut Gathered,
    unnamed: &mut Vec<String>,
) -> Option<Read> {
    let shown = path.display().to_string();
    if !path.exists() {
        gathered.problems.push(Problem {
            kind: ProblemKind::Unreadable,
            item: shown,
            message: "no such file or folder; left out".into(),
        });
        return None;
    }
    if !formats::is_set_path(path) {
        gathered.problems.push(Problem {
            kind: ProblemKind::Unreadable,
            item: shown,
            message: "not an annotation set (.json); left out".into(),
        });
        return None;
    }
    let opened = match formats::open_path(path, None) {
        Ok(opened) => opened,
        Err(error) => {
            gathered.problems.push(Problem {
                kind: ProblemKind::Unreadable,
                item: shown,
                message: format!("{error}; left out"),
            });
            return None;
        }
    };
    for problem in &opened.problems {
        gathered.problems.push(Problem {
            kind: ProblemKind::LoadProblem,
            item: shown.clone(),
            message: problem.to_string(),
        });
    }
    let (article_path, name_from_file) = split_set_name(path);
    let field = opened
        .set
        .annotator
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| shown.clone());
    let (annotator, annotator_from) = match (&field, &name_from_file) {
        (Some(field), Some(from_file)) => {
            if field != from_file {
                gathered.problems.push(Problem {
                    kind: ProblemKind::AnnotatorNameMismatch,
                    item: shown.clone(),
                    message: format!(
                        "the set's annotator is {field:?} but its file name says {from_file:?}; {field:?} is used"
                    ),
                });
            }
            (field.clone(), AnnotatorSource::SetField)
        }
        (Some(field), None) => (field.clone(), AnnotatorSource::SetField),
        (None, Some(from_file)) => {
            gathered.problems.push(Problem {
                kind: ProblemKind::MissingAnnotatorName,
                item: shown.clone(),
                message: format!(
                    "the set names no annotator; {from_file:?} is taken from the file name"
                ),
            });
            (from_file.clone(), AnnotatorSource::FileName)
        }
        (None, None) if root.is_some() => {
            // In a corpus folder such a set is nobody's: each file would count as one more
            // annotator of its own.
            unnamed.push(shown);
            return None;
        }
        (None, None) => {
            gathered.problems.push(Problem {
                kind: ProblemKind::MissingAnnotatorName,
                item: shown.clone(),
                message: format!(
                    "the set names no annotator and its file name is not story.<name>.json; the file name {file_name:?} is used"
                ),
            });
            (file_name, AnnotatorSource::WholeFileName)
        }
    };
    if annotator == GOLD && !options.include_gold {
        gathered.problems.push(Problem {
            kind: ProblemKind::GoldLeftOut,
            item: shown,
            message: "a gold set: left out of the agreement between annotators (to count it as one more: `newsmark agree --with-gold`, or \"Count gold sets as an annotator\" in the window)".into(),
        });
        return None;
    }
    let article = match root {
        Some(root) => article_path
            .strip_prefix(root)
            .unwrap_or(&article_path)
            .to_path_buf(),
        None => article_path,
    };
    Some(Read {
        file: SetFile {
            path: path.to_path_buf(),
            annotator,
            annotator_from,
            article: article.display().to_string(),
            text_sha256: opened.set.text().sha256().to_string(),
        },
        source: opened.set.document.source.clone(),
        set: opened.set,
    })
}

/// Labels a set uses that the corpus schema lacks, one problem per label and file.
fn check_labels(read: &Read, schema: &Schema, schema_path: &Path, problems: &mut Vec<Problem>) {
    let mut unknown: BTreeMap<&str, usize> = BTreeMap::new();
    for span in read.set.spans_unordered() {
        if schema.label(&span.label).is_none() {
            *unknown.entry(span.label.as_str()).or_default() += 1;
        }
    }
    for (label, count) in unknown {
        problems.push(Problem {
            kind: ProblemKind::UnknownLabel,
            item: read.file.path.display().to_string(),
            message: format!(
                "label {label:?} ({}) is not in the corpus schema {}; measured as it is",
                visible::count(count, "span", "spans"),
                schema_path.display()
            ),
        });
    }
}

/// Sets of one article (same article path, or same `document.source`) with different texts:
/// named with the command that moves each onto the article's current text.
fn report_different_texts(reads: &[Read], problems: &mut Vec<Problem>) {
    let mut by_article: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, read) in reads.iter().enumerate() {
        by_article
            .entry(format!("article {}", read.file.article))
            .or_default()
            .push(i);
        if let Some(source) = &read.source {
            by_article
                .entry(format!("source {source}"))
                .or_default()
                .push(i);
        }
    }
    let mut reported: BTreeSet<Vec<usize>> = BTreeSet::new();
    for members in by_article.values() {
        let texts: BTreeSet<&str> = members
            .iter()
            .map(|&i| reads[i].file.text_sha256.as_str())
            .collect();
        if texts.len() < 2 || !reported.insert(members.clone()) {
            continue;
        }
        let first = &reads[members[0]].file;
        // The article file on disk, when there is one, says which text is current.
        let article_path = first
            .path
            .parent()
            .map(|dir| dir.join(Path::new(&first.article).file_name().unwrap_or_default()));
        let current = article_path.as_deref().and_then(article_file);
        let current_sha = current.as_deref().and_then(|path| {
            formats::open_path(path, None)
                .ok()
                .map(|o| o.set.text().sha256().to_string())
        });
        let article_shown = current
            .as_ref()
            .map_or_else(|| "ARTICLE".to_string(), |p| p.display().to_string());
        let mut lines = Vec::new();
        for &i in members {
            let file = &reads[i].file;
            if current_sha.as_deref() == Some(file.text_sha256.as_str()) {
                continue;
            }
            lines.push(format!(
                "newsmark reanchor {} {article_shown} -o {}",
                file.path.display(),
                file.path.display()
            ));
        }
        let sets: Vec<String> = members
            .iter()
            .map(|&i| {
                let f = &reads[i].file;
                format!(
                    "{} ({}, text {})",
                    f.path.display(),
                    f.annotator,
                    &f.text_sha256[..12.min(f.text_sha256.len())]
                )
            })
            .collect();
        let hint = if current.is_none() {
            " (ARTICLE: the article's current text)"
        } else {
            ""
        };
        problems.push(Problem {
            kind: ProblemKind::DifferentTexts,
            item: first.article.clone(),
            message: format!(
                "sets of different texts of this article are not compared with each other: {}; to move them onto the current text{hint}, run: {}",
                sets.join(", "),
                lines.join(" ; ")
            ),
        });
    }
}
