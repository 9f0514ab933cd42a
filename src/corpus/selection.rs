//! Which files an export or import takes: inputs expanded into files; for an export, from a
//! corpus folder every set, each article's gold set or one annotator's sets, and for any
//! input only sets in the states asked for. What a choice leaves out is counted in the
//! report's notes, never dropped silently; a team corpus exported whole is told that its
//! articles come out once per set.

use std::path::{Path, PathBuf};

use super::layout::SetKind;
use crate::formats::visible::count;
use crate::model::set::Status;

/// Which sets of a corpus folder, and in which states. Files named one by one are always
/// taken by the kind of set (their state is still checked).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetSelection {
    pub sets: WhichSets,
    /// Only sets in one of these states (empty: any state).
    pub statuses: Vec<Status>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum WhichSets {
    /// Every set of every article.
    #[default]
    All,
    /// `story.gold.json` of each article.
    Gold,
    /// `story.NAME.json` of each article.
    Annotator(String),
}

impl WhichSets {
    /// `all`, `gold` or an annotator's name (as in the set file names).
    pub fn parse(text: &str) -> Result<Self, String> {
        match text {
            "all" => Ok(WhichSets::All),
            "gold" => Ok(WhichSets::Gold),
            name if !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
            {
                Ok(WhichSets::Annotator(name.to_string()))
            }
            other => Err(format!(
                "{other:?} is not a choice of sets: all, gold, or an annotator's name \
                 ([A-Za-z0-9_-]+)"
            )),
        }
    }

    fn takes(&self, kind: &SetKind) -> bool {
        match (self, kind) {
            (WhichSets::All, _) => true,
            (WhichSets::Gold, SetKind::Gold) => true,
            (WhichSets::Annotator(wanted), SetKind::Annotator(name)) => wanted == name,
            _ => false,
        }
    }

    fn describe(&self) -> String {
        match self {
            WhichSets::All => "a set".into(),
            WhichSets::Gold => "a gold set".into(),
            WhichSets::Annotator(name) => format!("a set by {name}"),
        }
    }
}

impl SetSelection {
    /// Whether a set in `status` (its `status` field) is taken.
    pub fn takes_status(&self, status: Option<Status>) -> bool {
        self.statuses.is_empty() || self.statuses.contains(&Status::of_set(status))
    }

    /// The `--status` list as the report names it: `curated or done`.
    pub fn statuses_named(&self) -> String {
        self.statuses
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

/// Expand export inputs into set files: files as they are; a folder as a corpus
/// ([`super::layout`]): the sets `selection` takes of every article, in article order, without
/// the corpus file, schemas, sidecars, hidden files or the cache. Returns (files, errors,
/// notes): an unreadable folder is an error; other layout problems (a link loop), articles
/// without a set of the kind asked for, and articles exported once per set are notes.
pub fn expand_set_inputs(
    inputs: &[PathBuf],
    selection: &SetSelection,
) -> (Vec<PathBuf>, Vec<String>, Vec<String>) {
    let (mut files, mut errors, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    for input in inputs {
        if !input.is_dir() {
            let (found, missing) = expand_inputs(std::slice::from_ref(input), &|_| true);
            files.extend(found);
            errors.extend(missing);
            continue;
        }
        let (config, _) = super::config::CorpusConfig::load(input);
        match super::layout::discover(input, &config) {
            Err(error) => errors.push(error.to_string()),
            Ok(layout) => {
                let before = files.len();
                let (mut without, mut several) = (Vec::new(), 0);
                for entry in &layout.entries {
                    let taken: Vec<_> = entry
                        .sets
                        .iter()
                        .filter(|s| selection.sets.takes(&s.kind))
                        .collect();
                    if taken.is_empty() && entry.article.is_some() {
                        without.push(entry.article.clone().unwrap_or_default());
                    }
                    several += usize::from(taken.len() > 1);
                    files.extend(taken.iter().map(|s| input.join(&s.path)));
                }
                if files.len() == before {
                    errors.push(match selection.sets {
                        WhichSets::All => {
                            format!("{}: the folder holds no annotation sets", input.display())
                        }
                        ref which => format!(
                            "{}: no article has {} ({} without one); nothing to export from it",
                            input.display(),
                            which.describe(),
                            count(without.len(), "article", "articles")
                        ),
                    });
                } else if !without.is_empty() && selection.sets != WhichSets::All {
                    notes.push(format!(
                        "{}: {} no such set and {} not exported ({} asked for): {}",
                        input.display(),
                        count(without.len(), "article has", "articles have"),
                        if without.len() == 1 { "is" } else { "are" },
                        selection.sets.describe(),
                        first_few(&without)
                    ));
                }
                if several > 0 {
                    notes.push(format!(
                        "{}: {} more than one set and {} out once per set (each annotator's, \
                         the gold); --sets gold or --sets NAME exports one per article",
                        input.display(),
                        count(several, "article has", "articles have"),
                        if several == 1 { "comes" } else { "come" }
                    ));
                }
                for problem in layout.problems {
                    let line = format!("{}: {problem}", input.display());
                    if problem.message.starts_with("cannot read the folder") {
                        errors.push(line);
                    } else {
                        notes.push(line);
                    }
                }
            }
        }
    }
    (files, errors, notes)
}

/// Expand inputs into files: files are taken as they are; folders are searched recursively
/// for files `wanted` accepts, in sorted order. Unreadable inputs are returned as errors.
pub fn expand_inputs(
    inputs: &[PathBuf],
    wanted: &dyn Fn(&Path) -> bool,
) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, wanted, &mut found, &mut errors);
            if found.is_empty() {
                errors.push(format!(
                    "{}: the folder holds no files to process",
                    input.display()
                ));
            }
            found.sort();
            files.extend(found);
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            errors.push(format!("{}: no such file or folder", input.display()));
        }
    }
    (files, errors)
}

fn walk(
    dir: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    found: &mut Vec<PathBuf>,
    errors: &mut Vec<String>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push(format!(
                "{}: cannot read the folder: {error}",
                dir.display()
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        // Hidden files and folders (`.newsmark/`, `.git/`) and the corpus file are never
        // inputs.
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || name == super::config::CORPUS_FILE {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            walk(&path, wanted, found, errors);
        } else if wanted(&path) {
            found.push(path);
        }
    }
}

/// Up to five names, then how many more.
pub fn first_few(names: &[String]) -> String {
    let mut text = names.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 5 {
        text.push_str(&format!(" and {} more", names.len() - 5));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_parse_and_bad_names_are_refused() {
        assert_eq!(WhichSets::parse("gold"), Ok(WhichSets::Gold));
        assert_eq!(WhichSets::parse("all"), Ok(WhichSets::All));
        assert_eq!(
            WhichSets::parse("ana-2"),
            Ok(WhichSets::Annotator("ana-2".into()))
        );
        assert!(
            WhichSets::parse("a b")
                .unwrap_err()
                .contains("annotator's name")
        );
        let selection = SetSelection {
            sets: WhichSets::All,
            statuses: vec![Status::Curated, Status::Done],
        };
        assert!(selection.takes_status(Some(Status::Done)));
        assert!(
            !selection.takes_status(None),
            "no status field is in progress"
        );
        assert_eq!(selection.statuses_named(), "curated or done");
    }
}
