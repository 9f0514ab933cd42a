//! The optional corpus file, `newsmark.corpus.json`, at the root of a corpus folder.
//!
//! ```json
//! {"format": "newsmark.corpus", "version": 1, "name": "Harbour strike", "schema":
//!  "newsmark.schema.json", "guidelines": "GUIDELINES.md", "annotators": ["alice", "bob"]}
//! ```
//!
//! Every key is optional and a folder without the file is a corpus too. Keys this version does
//! not know are kept when the file is rewritten.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::formats::{Outcome, Problem};
use crate::model::schema::Schema;
use crate::storage;

/// The corpus file's name, at the corpus root.
pub const CORPUS_FILE: &str = "newsmark.corpus.json";
/// The corpus file's `format`.
pub const CORPUS_FORMAT: &str = "newsmark.corpus";
pub const CORPUS_VERSION: u32 = 1;
/// The guidelines file when the corpus file names none.
pub const DEFAULT_GUIDELINES: &str = "GUIDELINES.md";
/// The cache folder at the corpus root (hidden, deletable any time).
pub const CACHE_DIR: &str = ".newsmark";
// The names a set's annotator may have belong to the set itself (model::set); the corpus
// reads its files by them.
pub use crate::model::set::{GOLD, RESERVED_NAMES, is_annotator_name};

/// The corpus file as read (every key optional).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CorpusConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The schema file, relative to the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The guidelines file, relative to the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidelines: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotators: Vec<String>,
    /// Files (relative paths) and folders (ending in `/`) that are not articles although
    /// their names say so: a word list, notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Keys this version does not know, kept as they are.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl CorpusConfig {
    /// A fresh corpus file for `root` (`newsmark corpus init`).
    pub fn new_for(root: &Path) -> Self {
        Self {
            format: Some(CORPUS_FORMAT.into()),
            version: Some(CORPUS_VERSION),
            name: Some(folder_name(root)),
            schema: root
                .join(crate::formats::PROJECT_SCHEMA_FILE)
                .is_file()
                .then(|| crate::formats::PROJECT_SCHEMA_FILE.to_string()),
            guidelines: Some(DEFAULT_GUIDELINES.into()),
            annotators: Vec::new(),
            exclude: Vec::new(),
            other: serde_json::Map::new(),
        }
    }

    /// Read `root/newsmark.corpus.json`. A missing file is the default corpus (no problem); a
    /// broken one is reported and the defaults are used.
    pub fn load(root: &Path) -> (Self, Vec<Problem>) {
        let path = root.join(CORPUS_FILE);
        if !path.exists() {
            return (Self::default(), Vec::new());
        }
        let problem =
            |outcome: Outcome, message: String| Problem::new(CORPUS_FILE, outcome, message);
        let text = match storage::read_bounded(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8 text".to_string()))
        {
            Ok(text) => text,
            Err(error) => {
                return (
                    Self::default(),
                    vec![problem(
                        Outcome::Repaired,
                        format!("unreadable ({error}); defaults used"),
                    )],
                );
            }
        };
        let config: Self = match serde_json::from_str(&text) {
            Ok(config) => config,
            Err(error) => {
                return (
                    Self::default(),
                    vec![problem(
                        Outcome::Repaired,
                        format!("not a corpus file ({error}); defaults used"),
                    )],
                );
            }
        };
        let mut problems = Vec::new();
        if let Some(format) = &config.format
            && format != CORPUS_FORMAT
        {
            problems.push(problem(
                Outcome::Kept,
                format!("its \"format\" is {format:?}, not {CORPUS_FORMAT:?}; read anyway"),
            ));
        }
        if let Some(version) = config.version
            && version > CORPUS_VERSION
        {
            problems.push(problem(Outcome::Kept, format!(
                "version {version} is newer than this Newsmark understands ({CORPUS_VERSION}); read anyway"
            )));
        }
        for name in &config.annotators {
            if !is_annotator_name(name) {
                problems.push(problem(Outcome::Kept, format!(
                    "annotator {name:?} is not a usable name (letters, digits, '_' and '-'; not {}); its sets cannot be told apart",
                    RESERVED_NAMES.join(" or ")
                )));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for name in &config.annotators {
            if !seen.insert(name) {
                problems.push(problem(
                    Outcome::Kept,
                    format!("annotator {name:?} is listed twice"),
                ));
            }
        }
        (config, problems)
    }

    /// The corpus file's text as written: pretty JSON, a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        text
    }

    /// The corpus's name: the file's `name`, else the folder's.
    pub fn display_name(&self, root: &Path) -> String {
        self.name.clone().unwrap_or_else(|| folder_name(root))
    }

    /// The schema file in force: the named one, else `newsmark.schema.json` at the root if
    /// present; `None`: the default schema.
    pub fn schema_path(&self, root: &Path) -> Option<PathBuf> {
        match &self.schema {
            Some(name) => Some(root.join(name)),
            None => {
                let path = root.join(crate::formats::PROJECT_SCHEMA_FILE);
                path.is_file().then_some(path)
            }
        }
    }

    /// The corpus schema, with a problem when the named file cannot be used (the default
    /// schema is used then).
    pub fn load_schema(&self, root: &Path) -> (Schema, Vec<Problem>) {
        let Some(path) = self.schema_path(root) else {
            return (Schema::default(), Vec::new());
        };
        let loaded = storage::read_bounded(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8 text".to_string()))
            .and_then(|s| Schema::from_json(&s).map_err(|e| e.to_string()));
        match loaded {
            Ok(schema) => (schema, Vec::new()),
            Err(reason) => (
                Schema::default(),
                vec![Problem {
                    outcome: Outcome::Repaired,
                    item: path.display().to_string(),
                    message: format!("schema not used ({reason}); the default schema is used"),
                }],
            ),
        }
    }

    /// Whether `relative` (a file or folder path, `/`-separated) is excluded.
    pub fn is_excluded(&self, relative: &str) -> bool {
        self.exclude
            .iter()
            .any(|pattern| match pattern.strip_suffix('/') {
                Some(folder) => relative == folder || relative.starts_with(pattern.as_str()),
                None => relative == pattern,
            })
    }

    /// The guidelines file, relative to the root (`GUIDELINES.md` unless named).
    pub fn guidelines_name(&self) -> &str {
        self.guidelines.as_deref().unwrap_or(DEFAULT_GUIDELINES)
    }

    /// The guidelines file if it exists.
    pub fn guidelines_path(&self, root: &Path) -> Option<PathBuf> {
        let path = root.join(self.guidelines_name());
        path.is_file().then_some(path)
    }

    /// Write a starter guidelines file where this corpus file names one that does not exist
    /// (`corpus init`), listing the corpus schema's labels and links to fill in. An existing
    /// file (or anything at that path) is never replaced. Returns the path written.
    pub fn write_starter_guidelines(
        &self,
        root: &Path,
    ) -> Result<Option<PathBuf>, storage::StorageError> {
        let Some(name) = &self.guidelines else {
            return Ok(None);
        };
        let path = root.join(name);
        if path.exists() {
            return Ok(None);
        }
        let (schema, _) = self.load_schema(root);
        let text = starter_guidelines(&self.display_name(root), &schema);
        storage::write_atomic(&path, text.as_bytes())?;
        Ok(Some(path))
    }
}

/// A short guidelines skeleton for a new corpus: what annotators decide the same way.
pub fn starter_guidelines(corpus: &str, schema: &Schema) -> String {
    let mut out = format!(
        "# Annotation guidelines: {corpus}\n\n\
         Written by `newsmark corpus init` as a start: replace each line in brackets with the\n\
         team's decision, and add an example from the corpus to every rule. Sharpen it when\n\
         `newsmark agree` shows a label the annotators disagree on.\n\n\
         ## Labels\n\n"
    );
    for label in schema.labels.iter().filter(|l| l.enabled) {
        let description = if label.description.is_empty() {
            "[what it covers]".to_string()
        } else {
            label.description.clone()
        };
        out.push_str(&format!(
            "- **{}** ({:?}): {description}. [Include: … Exclude: …]\n",
            label.name, label.kind
        ));
    }
    if !schema.relations.is_empty() {
        out.push_str("\n## Links\n\n");
        for relation in &schema.relations {
            let one = if crate::model::vocab::relation::ONE_TARGET.contains(&relation.name.as_str())
            {
                " One per quote or claim."
            } else {
                ""
            };
            out.push_str(&format!(
                "- **{}** from {}{}:{one} [when to link]\n",
                relation.name,
                relation.from.join(" or "),
                if relation.to.is_empty() {
                    String::new()
                } else {
                    format!(" to {}", relation.to.join(" or "))
                }
            ));
        }
    }
    out.push_str(
        "\n## Boundaries\n\n\
         - [Titles and roles: \"Minister Ana Ferreira\" or \"Ana Ferreira\"?]\n\
         - [Quotation marks inside or outside a QUOTE span?]\n\
         - [Possessives, articles, trailing punctuation?]\n\n\
         ## Open questions\n\n\
         - [Cases the team has not decided yet, with the date they came up.]\n",
    );
    out
}

fn folder_name(root: &Path) -> String {
    std::fs::canonicalize(root)
        .ok()
        .as_deref()
        .unwrap_or(root)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "corpus".into())
}

/// The nearest folder at or above `dir` that holds a corpus file: the corpus a file there
/// belongs to, also when it was opened on its own.
pub fn enclosing_root(dir: &Path) -> Option<PathBuf> {
    let dir = std::fs::canonicalize(dir).ok()?;
    dir.ancestors()
        .find(|folder| folder.join(CORPUS_FILE).is_file())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional_and_unknown_keys_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (config, problems) = CorpusConfig::load(dir.path());
        assert_eq!((config, problems), (CorpusConfig::default(), Vec::new()));
        std::fs::write(
            dir.path().join(CORPUS_FILE),
            r#"{"name": "Ports", "annotators": ["alice", "gold", "a b", "alice"], "colour": "blue"}"#,
        )
        .unwrap();
        let (config, problems) = CorpusConfig::load(dir.path());
        assert_eq!(config.name.as_deref(), Some("Ports"));
        assert_eq!(config.other["colour"], "blue");
        assert!(config.to_json().contains("\"colour\": \"blue\""));
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(
            text[0].contains("\"gold\" is not a usable name"),
            "{text:?}"
        );
        assert!(text[1].contains("\"a b\""), "{text:?}");
        assert!(text[2].contains("listed twice"), "{text:?}");
    }

    #[test]
    fn a_folder_belongs_to_the_nearest_corpus_above_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ports");
        let deep = root.join("2026").join("june");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(enclosing_root(&deep), None);
        std::fs::write(root.join(CORPUS_FILE), "{}").unwrap();
        let root = std::fs::canonicalize(&root).unwrap();
        assert_eq!(enclosing_root(&deep).as_deref(), Some(root.as_path()));
        assert_eq!(enclosing_root(&root).as_deref(), Some(root.as_path()));
        assert_eq!(enclosing_root(dir.path()), None);
    }

    #[test]
    fn a_broken_file_is_reported_and_defaults_are_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CORPUS_FILE), "{\"name\": ").unwrap();
        let (config, problems) = CorpusConfig::load(dir.path());
        assert_eq!(config, CorpusConfig::default());
        assert!(problems[0].message.contains("defaults used"));
        assert_eq!(config.guidelines_name(), "GUIDELINES.md");
    }

    #[test]
    fn annotator_names() {
        for good in ["alice", "B_2", "x-y"] {
            assert!(is_annotator_name(good), "{good}");
        }
        for bad in ["", "gold", "unplaced", "a.b", "ä", "a b"] {
            assert!(!is_annotator_name(bad), "{bad}");
        }
    }
}
