//! Finding a corpus's articles and their sets (docs/CORPUS.md).
//!
//! Articles are `.txt`, `.md`, `.html` and `.htm` files at any depth; hidden files and folders,
//! the corpus file, the guidelines and a root `README.md` are not. Sets live beside their
//! article: `story.json` (the single set), `story.NAME.json` (annotator NAME's),
//! `story.gold.json` (the curated gold set). Discovery reads folder listings only (no file is
//! opened), never fails on one bad entry (each is a [`LayoutProblem`]), follows symbolic
//! links to folders once and reports loops.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::config::{self, CorpusConfig};

pub use crate::formats::article::ARTICLE_EXTENSIONS;

/// Which set of an article a file is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SetKind {
    /// `story.json`: the one set of a one-person corpus (annotator from its `annotator` field).
    Single,
    /// `story.NAME.json`.
    Annotator(String),
    /// `story.gold.json`.
    Gold,
}

impl SetKind {
    /// The annotator its file name gives (`None` for the single set).
    pub fn file_annotator(&self) -> Option<&str> {
        match self {
            SetKind::Single => None,
            SetKind::Annotator(name) => Some(name),
            SetKind::Gold => Some(config::GOLD),
        }
    }

    /// The set's file name for an article stem: `story.json`, `story.alice.json`, ...
    pub fn file_name(&self, stem: &str) -> String {
        match self.file_annotator() {
            None => format!("{stem}.json"),
            Some(name) => format!("{stem}.{name}.json"),
        }
    }
}

/// A set file found beside an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetFile {
    /// Relative to the corpus root, `/`-separated.
    pub path: String,
    pub kind: SetKind,
}

/// One article (or, for sets whose article is missing, the sets alone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleEntry {
    /// Relative to the corpus root, `/`-separated; `None` when only sets were found.
    pub article: Option<String>,
    /// The folder (relative, `""` for the root) and the stem its sets are named after.
    pub dir: String,
    pub stem: String,
    /// Single first, then annotators by name, then gold.
    pub sets: Vec<SetFile>,
    /// What is wrong with the entry's files as found (not their content).
    pub problems: Vec<String>,
}

impl ArticleEntry {
    /// The relative path a set of `kind` has (or would have) for this article.
    pub fn set_path(&self, kind: &SetKind) -> String {
        join(&self.dir, &kind.file_name(&self.stem))
    }

    /// The name shown for the entry: the article's path, else its sets' stem path.
    pub fn name(&self) -> String {
        self.article
            .clone()
            .unwrap_or_else(|| join(&self.dir, &self.stem))
    }
}

/// Something found while walking that belongs to no article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutProblem {
    /// Relative to the corpus root (`.` for the root itself).
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for LayoutProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Everything discovery found.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub root: PathBuf,
    /// Sorted by name.
    pub entries: Vec<ArticleEntry>,
    pub problems: Vec<LayoutProblem>,
    /// Folders read and files looked at (for the report).
    pub folders: usize,
    pub files: usize,
}

/// Why a corpus cannot be opened at all (a bad member never causes this).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{path}: not a folder")]
    NotAFolder { path: String },
    #[error("{path}: cannot read the folder: {error}")]
    Unreadable { path: String, error: String },
}

/// `a/b` from `a` and `b` (`b` alone for the root).
pub(crate) fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// True for an article file name (by extension, any case).
pub fn is_article_name(name: &str) -> bool {
    article_extension_rank(name).is_some()
}

fn article_extension_rank(name: &str) -> Option<usize> {
    let (_, ext) = name.rsplit_once('.')?;
    ARTICLE_EXTENSIONS
        .iter()
        .position(|e| e.eq_ignore_ascii_case(ext))
}

fn strip_json(name: &str) -> Option<&str> {
    let (base, ext) = name.rsplit_once('.')?;
    (ext.eq_ignore_ascii_case("json") && !base.is_empty()).then_some(base)
}

/// Files at the root that are the corpus's own, not articles or sets.
fn is_root_own(name: &str, config: &CorpusConfig) -> bool {
    name == config::CORPUS_FILE
        || name == config.guidelines_name()
        || name.eq_ignore_ascii_case("README.md")
}

/// Walk `root` and sort what is there into articles and sets.
pub fn discover(root: &Path, config: &CorpusConfig) -> Result<Layout, OpenError> {
    let shown = root.display().to_string();
    if !root.is_dir() {
        return Err(OpenError::NotAFolder { path: shown });
    }
    let canonical_root = std::fs::canonicalize(root).map_err(|e| OpenError::Unreadable {
        path: shown.clone(),
        error: e.to_string(),
    })?;
    // Read the root first so an unreadable root is an error, not an empty corpus.
    std::fs::read_dir(root).map_err(|e| OpenError::Unreadable {
        path: shown,
        error: e.to_string(),
    })?;
    let schema_file = config.schema.clone();
    let mut layout = Layout {
        root: root.to_path_buf(),
        ..Layout::default()
    };
    let mut visited: HashSet<PathBuf> = HashSet::from([canonical_root.clone()]);
    // Folders to read: (relative path, canonical path).
    let mut pending: Vec<(String, PathBuf)> = vec![(String::new(), canonical_root)];
    while let Some((dir, real)) = pending.pop() {
        let listing = match read_listing(root, &dir, &real, &mut visited, &mut layout.problems) {
            Some(listing) => listing,
            None => continue,
        };
        layout.folders += 1;
        layout.files += listing.files.len();
        for (name, real) in listing.folders.into_iter().rev() {
            let relative = join(&dir, &name);
            if !config.is_excluded(&relative) {
                pending.push((relative, real));
            }
        }
        let files: Vec<String> = listing
            .files
            .into_iter()
            .filter(|name| {
                let relative = join(&dir, name);
                !(dir.is_empty() && is_root_own(name, config))
                    && schema_file.as_deref() != Some(relative.as_str())
                    && !config.is_excluded(&relative)
            })
            .collect();
        let (entries, problems) = sort_folder(&dir, &files);
        layout.entries.extend(entries);
        layout.problems.extend(problems);
    }
    layout.entries.sort_by_cached_key(|e| e.name());
    layout.problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(layout)
}

/// One folder's entries: files (names) and sub-folders (name, canonical path).
struct Listing {
    files: Vec<String>,
    folders: Vec<(String, PathBuf)>,
}

fn read_listing(
    root: &Path,
    dir: &str,
    real: &Path,
    visited: &mut HashSet<PathBuf>,
    problems: &mut Vec<LayoutProblem>,
) -> Option<Listing> {
    let path = if dir.is_empty() {
        root.to_path_buf()
    } else {
        root.join(dir)
    };
    let shown = if dir.is_empty() { "." } else { dir };
    let entries = match std::fs::read_dir(&path) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(LayoutProblem {
                path: shown.to_string(),
                message: format!("cannot read the folder ({error}); its articles are not listed"),
            });
            return None;
        }
    };
    let mut listing = Listing {
        files: Vec::new(),
        folders: Vec::new(),
    };
    let mut sorted = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => sorted.push(entry),
            Err(error) => problems.push(LayoutProblem {
                path: shown.to_string(),
                message: format!("an entry could not be read ({error}); skipped"),
            }),
        }
    }
    // Real folders first, so a folder is listed under its own name and a link to it is the
    // one reported; then by name, so the outcome does not depend on the listing's order.
    sorted.sort_by_cached_key(|e| (e.file_type().is_ok_and(|t| t.is_symlink()), e.file_name()));
    for entry in sorted {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            problems.push(LayoutProblem {
                path: join(dir, &entry.file_name().to_string_lossy()),
                message: "the name is not valid Unicode; skipped (rename it to list it)".into(),
            });
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let relative = join(dir, &name);
        let Ok(mut file_type) = entry.file_type() else {
            problems.push(LayoutProblem {
                path: relative,
                message: "cannot tell whether it is a file or a folder; skipped".into(),
            });
            continue;
        };
        let is_link = file_type.is_symlink();
        if is_link {
            match std::fs::metadata(entry.path()) {
                Ok(meta) => file_type = meta.file_type(),
                Err(error) => {
                    if is_article_name(&name) || strip_json(&name).is_some() {
                        problems.push(LayoutProblem {
                            path: relative,
                            message: format!(
                                "a symbolic link that leads nowhere ({error}); skipped"
                            ),
                        });
                    } else if error.raw_os_error() == Some(40) {
                        // ELOOP: a link that points at itself.
                        problems.push(LayoutProblem {
                            path: relative,
                            message: "a symbolic link loop; not followed".into(),
                        });
                    }
                    continue;
                }
            }
        }
        if file_type.is_dir() {
            let real_dir = if is_link {
                match std::fs::canonicalize(entry.path()) {
                    Ok(real_dir) => real_dir,
                    Err(error) => {
                        problems.push(LayoutProblem {
                            path: relative,
                            message: format!(
                                "a link to a folder that cannot be resolved ({error}); not followed"
                            ),
                        });
                        continue;
                    }
                }
            } else {
                real.join(&name)
            };
            if !visited.insert(real_dir.clone()) {
                problems.push(LayoutProblem {
                    path: relative,
                    message: format!(
                        "a symbolic link to a folder already in the corpus ({}); not followed, so nothing is listed twice (a link loop ends here)",
                        real_dir.display()
                    ),
                });
                continue;
            }
            listing.folders.push((name, real_dir));
        } else if file_type.is_file() {
            listing.files.push(name);
        } else if is_article_name(&name) || strip_json(&name).is_some() {
            // A pipe, socket or device: reading it could block or never end.
            problems.push(LayoutProblem {
                path: relative,
                message: "not a regular file (a pipe, socket or device); skipped".into(),
            });
        }
    }
    listing.files.sort();
    listing.folders.sort();
    Some(listing)
}

/// Sort one folder's file names into article entries (and problems for what fits nowhere).
pub fn sort_folder(dir: &str, files: &[String]) -> (Vec<ArticleEntry>, Vec<LayoutProblem>) {
    let mut problems = Vec::new();
    // stem -> (article names by extension rank)
    let mut articles: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for name in files {
        if let Some(rank) = article_extension_rank(name) {
            let stem = &name[..name.rfind('.').unwrap_or(name.len())];
            articles.entry(stem).or_default().push((rank, name));
        }
    }
    let mut entries: BTreeMap<String, ArticleEntry> = BTreeMap::new();
    for (stem, names) in &mut articles {
        names.sort();
        let owner = names[0].1;
        let mut entry = ArticleEntry {
            article: Some(join(dir, owner)),
            dir: dir.to_string(),
            stem: stem.to_string(),
            sets: Vec::new(),
            problems: Vec::new(),
        };
        for (_, other) in &names[1..] {
            entry.problems.push(format!(
                "{} has the same name before its extension, so its sets would be {}'s too; it is not listed: rename one of them",
                join(dir, other),
                owner
            ));
            problems.push(LayoutProblem {
                path: join(dir, other),
                message: format!(
                    "shares its set file names with {owner}; not listed (rename one of them)"
                ),
            });
        }
        entries.insert(stem.to_string(), entry);
    }
    for name in files {
        let Some(base) = strip_json(name) else {
            continue;
        };
        if name == crate::formats::PROJECT_SCHEMA_FILE || base.ends_with(".unplaced") {
            continue;
        }
        let path = join(dir, name);
        // `story.json` for `story.txt` first: an article may have dots in its name.
        if let Some(entry) = entries.get_mut(base)
            && entry.article.is_some()
        {
            entry.sets.push(SetFile {
                path,
                kind: SetKind::Single,
            });
            continue;
        }
        let (stem, kind) = match base.rsplit_once('.') {
            Some((stem, config::GOLD)) => (stem, SetKind::Gold),
            Some((stem, suffix)) if config::is_annotator_name(suffix) => {
                (stem, SetKind::Annotator(suffix.to_string()))
            }
            Some((stem, suffix)) if articles.contains_key(stem) => {
                problems.push(LayoutProblem {
                    path: path.clone(),
                    message: format!(
                        "{suffix:?} is not an annotator name (letters, digits, '_' and '-'), so this file is not read as a set of {}",
                        join(dir, stem)
                    ),
                });
                continue;
            }
            _ => (base, SetKind::Single),
        };
        let entry = entries
            .entry(stem.to_string())
            .or_insert_with(|| ArticleEntry {
                article: None,
                dir: dir.to_string(),
                stem: stem.to_string(),
                sets: Vec::new(),
                problems: Vec::new(),
            });
        entry.sets.push(SetFile { path, kind });
    }
    let mut out: Vec<ArticleEntry> = entries.into_values().collect();
    for entry in &mut out {
        entry.sets.sort_by(|a, b| a.kind.cmp(&b.kind));
        if entry.article.is_none() {
            entry.problems.push(format!(
                "{NO_ARTICLE} ({}) beside its {}; the text stored in the set is used",
                ARTICLE_EXTENSIONS
                    .map(|e| format!("{}.{e}", entry.stem))
                    .join(", "),
                if entry.sets.len() == 1 { "set" } else { "sets" }
            ));
        }
    }
    (out, problems)
}

/// How the problem of a set without its article begins.
pub const NO_ARTICLE: &str = "no article";

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sets_are_matched_to_their_articles_by_name() {
        let files = names(&[
            "story.txt",
            "story.json",
            "story.alice.json",
            "story.gold.json",
            "story.unplaced.json",
            "story.bob.json",
            "v1.2.md",
            "v1.2.json",
            "lonely.carol.json",
            "notes.jpg",
            "newsmark.schema.json",
            "story.a b.json",
        ]);
        let (entries, problems) = sort_folder("news", &files);
        let story = &entries.iter().find(|e| e.stem == "story").unwrap();
        assert_eq!(story.article.as_deref(), Some("news/story.txt"));
        let kinds: Vec<&SetKind> = story.sets.iter().map(|s| &s.kind).collect();
        assert_eq!(
            kinds,
            [
                &SetKind::Single,
                &SetKind::Annotator("alice".into()),
                &SetKind::Annotator("bob".into()),
                &SetKind::Gold
            ]
        );
        assert_eq!(story.sets[1].path, "news/story.alice.json");
        let dotted = entries.iter().find(|e| e.stem == "v1.2").unwrap();
        assert_eq!(dotted.sets[0].kind, SetKind::Single);
        let lonely = entries.iter().find(|e| e.stem == "lonely").unwrap();
        assert_eq!(lonely.article, None);
        assert_eq!(lonely.sets[0].kind, SetKind::Annotator("carol".into()));
        assert!(lonely.problems[0].contains("no article"));
        assert_eq!(entries.len(), 3);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("not an annotator name"));
        assert_eq!(
            story.set_path(&SetKind::Annotator("zoe".into())),
            "news/story.zoe.json"
        );
    }

    #[test]
    fn two_articles_with_one_stem_are_reported() {
        let (entries, problems) = sort_folder("", &names(&["a.md", "a.txt", "a.json"]));
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].article.as_deref(), Some("a.txt"));
        assert_eq!(entries[0].sets.len(), 1);
        assert!(problems[0].path == "a.md", "{problems:?}");
    }

    #[test]
    fn discovery_skips_hidden_and_own_files_and_walks_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "README.md",
            "GUIDELINES.md",
            "newsmark.corpus.json",
            "top.txt",
            ".hidden.txt",
            ".newsmark/cache.json",
            ".git/x.txt",
            "a/b/deep.html",
            "a/b/deep.alice.json",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let layout = discover(root, &CorpusConfig::default()).unwrap();
        let found: Vec<String> = layout.entries.iter().map(|e| e.name()).collect();
        assert_eq!(found, ["a/b/deep.html", "top.txt"]);
        assert_eq!(layout.entries[0].sets[0].path, "a/b/deep.alice.json");
        assert!(layout.problems.is_empty(), "{:?}", layout.problems);
        assert!(matches!(
            discover(&root.join("top.txt"), &CorpusConfig::default()),
            Err(OpenError::NotAFolder { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_dangling_links_are_problems_not_hangs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/story.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("again")).unwrap();
        std::os::unix::fs::symlink(root.join("missing.txt"), root.join("gone.txt")).unwrap();
        std::os::unix::fs::symlink("self", root.join("self")).unwrap();
        let layout = discover(root, &CorpusConfig::default()).unwrap();
        let found: Vec<String> = layout.entries.iter().map(|e| e.name()).collect();
        assert_eq!(found, ["a/story.txt"]);
        let problems: Vec<String> = layout.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("a/loop: a symbolic link to a folder already")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("gone.txt: a symbolic link that leads nowhere")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("self: a symbolic link loop")),
            "{problems:?}"
        );
    }
}
