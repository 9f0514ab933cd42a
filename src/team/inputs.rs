//! Reading the annotators' sets of one article for a merge: who each set belongs to, what was
//! wrong with it, and which expected annotators have no set. Every problem is a line of the
//! report; a problem that makes a merge meaningless refuses it.

use std::path::{Path, PathBuf};

use crate::formats;

use super::merge::{GOLD_ANNOTATOR, MergeInput};

/// The annotators' sets read, with everything noticed on the way.
#[derive(Debug, Default)]
pub struct Inputs {
    pub sets: Vec<MergeInput>,
    /// One line per thing noticed (file or annotator named, and what was done).
    pub notes: Vec<String>,
}

/// Why the inputs cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}")]
    Refused(String),
}

/// True for names a file name can carry: `[A-Za-z0-9_-]+`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The annotator a file name gives: `story.alice.json` -> `alice`.
pub fn name_from_file(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let (_, name) = stem.rsplit_once('.')?;
    is_valid_name(name).then(|| name.to_string())
}

/// `dir/story.alice.json` -> `dir/story.gold.json`; `dir/story.json` -> `dir/story.gold.json`.
pub fn gold_path_for(set: &Path) -> PathBuf {
    let stem = set
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article");
    let article = match name_from_file(set) {
        Some(_) => stem.rsplit_once('.').map(|(a, _)| a).unwrap_or(stem),
        None => stem,
    };
    set.with_file_name(format!("{article}.gold.json"))
}

/// The annotators listed in `newsmark.corpus.json` in `dir` or a folder above it.
pub fn corpus_annotators(dir: &Path) -> Option<(PathBuf, Vec<String>)> {
    let file = crate::corpus::config::enclosing_root(dir)?.join(crate::corpus::config::CORPUS_FILE);
    let text = std::fs::read_to_string(&file).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    let names = value
        .get("annotators")?
        .as_array()?
        .iter()
        .filter_map(|n| n.as_str().map(str::to_string))
        .collect();
    Some((file, names))
}

/// Read the sets at `paths`. `expected`: the annotators who should each have a set (from the
/// command line or the corpus file); one without is reported.
pub fn read(paths: &[PathBuf], expected: Option<&[String]>) -> Result<Inputs, InputError> {
    let mut inputs = Inputs::default();
    let mut refused = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        if !formats::is_set_path(path) {
            refused.push(format!("{shown}: not an annotation set (.json)"));
            continue;
        }
        let opened = match formats::open_path(path, None) {
            Ok(opened) => opened,
            Err(error) => {
                refused.push(error.to_string());
                continue;
            }
        };
        for problem in &opened.problems {
            inputs.notes.push(format!(
                "{shown}: {problem} (as loaded; the merge used it so)"
            ));
        }
        let set = opened.set;
        if set.curation.is_some()
            || name_from_file(path).as_deref() == Some(GOLD_ANNOTATOR)
            || set.annotator.as_deref() == Some(GOLD_ANNOTATOR)
        {
            refused.push(format!(
                "{shown}: this is a gold set (a merge's output), not an annotator's set; give the annotators' sets"
            ));
            continue;
        }
        let from_file = name_from_file(path);
        let name = match (&set.annotator, &from_file) {
            (Some(field), file) if is_valid_name(field) => {
                if let Some(file) = file
                    && file != field
                {
                    inputs.notes.push(format!(
                        "{shown}: its \"annotator\" is {field:?} but its file name says {file:?}; used {field:?}"
                    ));
                }
                field.clone()
            }
            (Some(field), Some(file)) => {
                inputs.notes.push(format!(
                    "{shown}: its \"annotator\" {field:?} is not a plain name ([A-Za-z0-9_-]+); used {file:?} from the file name"
                ));
                file.clone()
            }
            (None, Some(file)) => {
                inputs.notes.push(format!(
                    "{shown}: no \"annotator\" field; used {file:?} from the file name"
                ));
                file.clone()
            }
            (field, None) => {
                refused.push(format!(
                    "{shown}: no annotator name ({}and the file is not named story.<annotator>.json); set its \"annotator\" field or rename it",
                    match field {
                        Some(f) => format!("its \"annotator\" {f:?} is not a plain name, "),
                        None => "no \"annotator\" field, ".into(),
                    }
                ));
                continue;
            }
        };
        inputs.sets.push(MergeInput {
            name,
            source: shown,
            set,
        });
    }
    if !refused.is_empty() {
        return Err(InputError::Refused(refused.join("\n")));
    }
    if let Some(expected) = expected {
        for name in expected {
            if !inputs.sets.iter().any(|s| &s.name == name) {
                inputs.notes.push(format!(
                    "annotator {name:?} has no set for this article: merged without them (the strategy counts the {} given)",
                    crate::formats::visible::count(inputs.sets.len(), "set", "sets")
                ));
            }
        }
        for set in &inputs.sets {
            if !expected.contains(&set.name) {
                inputs.notes.push(format!(
                    "{}: annotator {:?} is not among the expected annotators ({}); merged all the same",
                    set.source,
                    set.name,
                    expected.join(", ")
                ));
            }
        }
    }
    Ok(inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_gold_paths_from_file_names() {
        assert_eq!(
            name_from_file(Path::new("a/story.alice.json")).as_deref(),
            Some("alice")
        );
        assert_eq!(name_from_file(Path::new("a/story.json")), None);
        assert_eq!(name_from_file(Path::new("a/my story.bob smith.json")), None);
        assert_eq!(
            gold_path_for(Path::new("a/story.alice.json")),
            Path::new("a/story.gold.json")
        );
        assert_eq!(
            gold_path_for(Path::new("a/story.json")),
            Path::new("a/story.gold.json")
        );
    }
}
