//! Reading and writing files: the native set format, plain article text and the interchange
//! formats. One module per format, reader and writer side by side; [`read`] holds what every
//! reader shares, [`registry`] what every writer shares, [`table`] names every format (its
//! aliases, extensions, reader and writer) and [`import`] reads a file from disk through it.

pub mod article;
pub mod brat;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod html;
pub mod import;
mod json_out;
pub mod label_studio;
mod label_studio_documents;
pub mod native;
pub mod plaintext;
pub mod prodigy;
pub mod read;
pub mod registry;
pub mod spacy;
mod spacy_symbols;
pub mod table;
pub mod tokens;
pub mod visible;
pub mod w3c;

use std::path::{Path, PathBuf};

use crate::model::schema::Schema;
use crate::model::set::{AnnotationSet, Document};
use crate::storage::{self, StorageError};
pub use read::{Outcome, Problem, ReadDocument};
pub use table::{ExportFormat, FORMATS, ImportFormat};

/// The name of a schema file that, placed next to articles, replaces the default schema for
/// the articles in that folder.
pub const PROJECT_SCHEMA_FILE: &str = "newsmark.schema.json";

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("cannot open {path}: {reason}")]
    Decode {
        path: String,
        reason: plaintext::DecodeError,
    },
    #[error("cannot open {path}: {reason}")]
    Set {
        path: String,
        reason: native::LoadError,
    },
}

/// What opening a file produced.
#[derive(Debug)]
pub struct Opened {
    pub set: AnnotationSet,
    /// Problems found while loading, each naming the item and what was done.
    pub problems: Vec<Problem>,
    /// Where the set should be saved: the file itself for a set, `article.json` beside a text.
    pub save_path: PathBuf,
    /// True when the file was a saved set (false: a new set over an article).
    pub was_set: bool,
    /// The file that was opened (the set, or the article).
    pub opened_path: PathBuf,
    /// That file's size, time and hash as read (the base of the recovery journal).
    pub fingerprint: storage::Fingerprint,
    /// The file at `save_path` as it was when opening (`None`: none there yet). Pass it to
    /// [`storage::check_unchanged`] before saving, so a change by someone else is noticed.
    pub save_fingerprint: Option<storage::Fingerprint>,
    /// For an article: how its bytes were decoded (encoding, and whether it was a guess).
    pub decoded: Option<plaintext::DecodeInfo>,
}

/// True for paths that hold a native set (by extension).
pub fn is_set_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The set file that belongs to an article: `story.txt` -> `story.json`.
pub fn set_path_for_article(path: &Path) -> PathBuf {
    path.with_extension("json")
}

/// The set an annotator's work on an article goes to (docs/CORPUS.md): `story.NAME.json`, or
/// the one `story.json` when it names that annotator. Without a name (or with one no set file
/// can carry), `story.json`.
pub fn set_path_for_annotator(article: &Path, annotator: Option<&str>) -> PathBuf {
    let single = set_path_for_article(article);
    let Some(name) = annotator.filter(|name| crate::model::set::is_annotator_name(name)) else {
        return single;
    };
    #[derive(serde::Deserialize)]
    struct Whose {
        annotator: Option<String>,
    }
    let single_is_theirs = storage::read_bounded(&single)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Whose>(&bytes).ok())
        .and_then(|whose| whose.annotator)
        .is_some_and(|whose| whose == name);
    if single_is_theirs {
        return single;
    }
    let stem = article.file_stem().unwrap_or_default().to_string_lossy();
    article.with_file_name(format!("{stem}.{name}.json"))
}

/// What a set records as its text's `source`: the article's path as seen from the folder the
/// set is saved in (its bare file name when they sit side by side, as they do in a corpus), so
/// that the record stays true when the folder is copied or cloned elsewhere.
pub fn source_name(article: &Path, set_path: &Path) -> String {
    let folder = |p: &Path| {
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
        std::path::absolute(parent.unwrap_or(Path::new("."))).ok()
    };
    match (article.file_name(), folder(article), folder(set_path)) {
        (Some(name), Some(a), Some(s)) if a == s => name.to_string_lossy().to_string(),
        _ => std::path::absolute(article)
            .unwrap_or_else(|_| article.to_path_buf())
            .display()
            .to_string(),
    }
}

/// Open an article (.txt, .md, anything textual) or a saved set (.json).
pub fn open_path(path: &Path, user_schema: Option<&Path>) -> Result<Opened, OpenError> {
    open_path_as(path, user_schema, None)
}

/// [`open_path`] for an annotator: a new set over an article is to be saved as theirs
/// ([`set_path_for_annotator`]). A saved set opens as itself, whoever's it is.
pub fn open_path_as(
    path: &Path,
    user_schema: Option<&Path>,
    annotator: Option<&str>,
) -> Result<Opened, OpenError> {
    let bytes = storage::read_bounded(path)?;
    let fingerprint = storage::Fingerprint::of_bytes(path, &bytes);
    let shown = path.display().to_string();
    if is_set_path(path) {
        let decoded = plaintext::decode_unicode(&bytes).map_err(|reason| OpenError::Decode {
            path: shown.clone(),
            reason,
        })?;
        let loaded = native::from_json(&decoded.text).map_err(|reason| OpenError::Set {
            path: shown.clone(),
            reason,
        })?;
        return Ok(Opened {
            set: loaded.set,
            problems: loaded.problems,
            save_path: path.to_path_buf(),
            was_set: true,
            opened_path: path.to_path_buf(),
            save_fingerprint: Some(fingerprint.clone()),
            fingerprint,
            decoded: None,
        });
    }
    let decoded = plaintext::decode(&bytes).map_err(|reason| OpenError::Decode {
        path: shown.clone(),
        reason,
    })?;
    let (schema, mut problems) = schema_for_article(path, user_schema);
    let info = decoded.info();
    let save_path = set_path_for_annotator(path, annotator);
    let mut document = Document::new(decoded.text);
    document.source = Some(source_name(path, &save_path));
    document.encoding = Some(decoded.encoding.to_string());
    let set = AnnotationSet::new(document, schema);
    // Unreadable is treated like "exists": saving will then ask before replacing it.
    let save_fingerprint = storage::Fingerprint::of_file(&save_path).unwrap_or_else(|_| {
        Some(storage::Fingerprint {
            size: u64::MAX,
            modified: None,
            sha256: String::new(),
        })
    });
    if save_path.exists() {
        problems.push(Problem { outcome: Outcome::Kept,
            item: save_path.display().to_string(),
            message: "an annotation set for this article already exists; open it to continue that work. Saving this new set will ask before replacing it".into(),
        });
    }
    Ok(Opened {
        set,
        problems,
        save_path,
        was_set: false,
        opened_path: path.to_path_buf(),
        fingerprint,
        save_fingerprint,
        decoded: Some(info),
    })
}

/// The schema for a new set over `article`: `newsmark.schema.json` in its folder, else the
/// user's schema file, else the default. A broken file is reported and skipped.
pub fn schema_for_article(article: &Path, user_schema: Option<&Path>) -> (Schema, Vec<Problem>) {
    let mut problems = Vec::new();
    let project = article.parent().map(|dir| dir.join(PROJECT_SCHEMA_FILE));
    for candidate in project.iter().map(PathBuf::as_path).chain(user_schema) {
        if !candidate.is_file() {
            continue;
        }
        let loaded = storage::read_bounded(candidate)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8 text".to_string()))
            .and_then(|s| Schema::from_json(&s).map_err(|e| e.to_string()));
        match loaded {
            Ok(schema) => return (schema, problems),
            Err(reason) => problems.push(Problem {
                outcome: Outcome::Repaired,
                item: candidate.display().to_string(),
                message: format!("schema not used: {reason}"),
            }),
        }
    }
    (Schema::default(), problems)
}

/// Save a set in the native format, atomically, stamping its times.
pub fn save_set(set: &mut AnnotationSet, path: &Path) -> Result<(), StorageError> {
    let now = storage::now_rfc3339();
    let previous = (set.created.clone(), set.modified.clone());
    if set.created.is_none() {
        set.created = Some(now.clone());
    }
    set.modified = Some(now);
    let result = storage::stage_streamed(path, false, |emit| native::write_json_parts(set, emit))
        .and_then(|written| written.staged.commit());
    if result.is_err() {
        (set.created, set.modified) = previous;
    }
    result
}

/// Write the spans and relations that re-anchoring could not place into `sidecar` (beside the
/// set), so that nothing is lost.
pub fn write_unplaced_sidecar(
    set_path: &Path,
    report: &crate::model::reanchor::ReanchorReport,
    sidecar: &Path,
) -> Result<(), StorageError> {
    let spans: Vec<serde_json::Value> = report
        .unplaced
        .iter()
        .map(|u| {
            serde_json::json!({
                "span": u.span, "text": u.text, "prefix": u.prefix,
                "suffix": u.suffix, "reason": u.reason,
            })
        })
        .collect();
    let json = serde_json::json!({
        "set": set_path.display().to_string(),
        "unplaced_spans": spans,
        "unplaced_relations": report.unplaced_relations,
    });
    let text = serde_json::to_string_pretty(&json).unwrap_or_default() + "\n";
    storage::write_atomic(sidecar, text.as_bytes())
}

#[cfg(test)]
mod outcome_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_annotators_new_set_is_saved_as_theirs() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("v1.2.txt");
        std::fs::write(&article, "Ana Lima spoke.\n").unwrap();
        let at = |name| set_path_for_annotator(&article, name);
        assert_eq!(at(None), dir.path().join("v1.2.json"));
        assert_eq!(at(Some("ana")), dir.path().join("v1.2.ana.json"));
        // Names no set file can carry stay with the one set (its field names them).
        for name in ["gold", "unplaced", "ana maria", ""] {
            assert_eq!(at(Some(name)), dir.path().join("v1.2.json"), "{name:?}");
        }
        // The one story.json, when it is ana's, is ana's set; not ben's.
        let mut opened = open_path(&article, None).unwrap();
        opened.set.annotator = Some("ana".into());
        save_set(&mut opened.set, &dir.path().join("v1.2.json")).unwrap();
        assert_eq!(at(Some("ana")), dir.path().join("v1.2.json"));
        assert_eq!(at(Some("ben")), dir.path().join("v1.2.ben.json"));
        let opened = open_path_as(&article, None, Some("ben")).unwrap();
        assert_eq!(opened.save_path, dir.path().join("v1.2.ben.json"));
        assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        assert_eq!(opened.save_fingerprint, None);
        // ana opening the article again is told her set exists.
        let opened = open_path_as(&article, None, Some("ana")).unwrap();
        assert_eq!(opened.problems.len(), 1);
        // A saved set opens as itself, whoever opens it.
        let opened = open_path_as(&dir.path().join("v1.2.json"), None, Some("ben")).unwrap();
        assert_eq!(opened.save_path, dir.path().join("v1.2.json"));
    }

    #[test]
    fn a_sets_source_is_the_article_as_seen_from_the_set() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("port.txt");
        std::fs::write(&article, "Ana Lima spoke.\n").unwrap();
        // Side by side, however the path was given: the bare file name.
        let opened = open_path(&article, None).unwrap();
        assert_eq!(opened.set.document.source.as_deref(), Some("port.txt"));
        let elsewhere = dir.path().join("sets").join("port.json");
        assert_eq!(
            source_name(&article, &dir.path().join("port.json")),
            "port.txt"
        );
        // Apart: the article's absolute path.
        assert_eq!(
            source_name(&article, &elsewhere),
            std::path::absolute(&article).unwrap().display().to_string()
        );
    }

    #[test]
    fn opening_text_and_set_files() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("story.txt");
        std::fs::write(&article, "\u{feff}Zürich said “no”.\n").unwrap();
        let mut opened = open_path(&article, None).unwrap();
        assert!(!opened.was_set);
        assert_eq!(opened.set.text().as_str(), "Zürich said “no”.\n");
        assert_eq!(opened.save_path, dir.path().join("story.json"));
        save_set(&mut opened.set, &opened.save_path).unwrap();
        let reopened = open_path(&opened.save_path, None).unwrap();
        assert!(reopened.was_set && reopened.problems.is_empty());
        assert_eq!(reopened.set.text().as_str(), opened.set.text().as_str());
        // Opening the article again now warns that a set exists.
        let again = open_path(&article, None).unwrap();
        assert!(
            again
                .problems
                .iter()
                .any(|p| p.message.contains("already exists"))
        );
    }

    #[test]
    fn project_schema_replaces_the_default_and_bad_ones_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "text").unwrap();
        std::fs::write(
            dir.path().join(PROJECT_SCHEMA_FILE),
            r##"{"labels":[{"name":"SPEAKER","kind":"entity","color":"#112233","hotkey":"k"}]}"##,
        )
        .unwrap();
        let opened = open_path(&article, None).unwrap();
        assert_eq!(opened.set.schema.labels.len(), 1);
        std::fs::write(dir.path().join(PROJECT_SCHEMA_FILE), "{broken").unwrap();
        let opened = open_path(&article, None).unwrap();
        assert!(opened.set.schema.label("PERSON").is_some());
        assert!(opened.problems[0].message.starts_with("schema not used"));
    }

    #[test]
    fn binary_files_are_refused_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.txt");
        std::fs::write(&path, [0x89, b'P', b'N', b'G', 0, 0, 1]).unwrap();
        let error = open_path(&path, None).unwrap_err().to_string();
        assert!(
            error.contains("photo.txt") && error.contains("binary"),
            "{error}"
        );
    }
}
