//! The status cache, `.newsmark/status.json` at the corpus root: each set's summary keyed by
//! its path, size and modification time (and its article's), so a second `corpus status`
//! reads no set that has not changed. It is never needed for correctness: a missing, stale,
//! damaged or unwritable cache only costs time, and the folder may be deleted any time.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::config::CACHE_DIR;
use super::summary::{FileStamp, SetSummary};
use crate::storage;

pub const CACHE_FILE: &str = "status.json";
const CACHE_FORMAT: &str = "newsmark.status-cache";
/// Bump when [`SetSummary`] or what it checks changes: older caches are then ignored
/// (2: the problem lines say their counts in their number, "1 span", not "1 span(s)").
const CACHE_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct SetItem {
    stamp: FileStamp,
    /// The article's stamp when the summary was made (the text check depends on it).
    article: Option<FileStamp>,
    summary: SetSummary,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct ArticleItem {
    stamp: FileStamp,
    problem: Option<String>,
}

/// Summaries by relative path.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cache {
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u32,
    #[serde(default)]
    sets: HashMap<String, SetItem>,
    #[serde(default)]
    articles: HashMap<String, ArticleItem>,
}

/// What happened to the cache in one run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CacheReport {
    /// Sets whose summary came from the cache, and those read.
    pub hits: usize,
    pub misses: usize,
    /// The cache file was (re)written.
    pub written: bool,
    /// Why it could not be read or written (never a failure of the run).
    pub note: Option<String>,
}

/// The cache file of the corpus at `root`.
pub fn cache_path(root: &Path) -> PathBuf {
    root.join(CACHE_DIR).join(CACHE_FILE)
}

impl Cache {
    /// An empty cache of the current version.
    pub fn empty() -> Self {
        Self {
            format: CACHE_FORMAT.into(),
            version: CACHE_VERSION,
            ..Self::default()
        }
    }

    /// Read the corpus's cache; anything wrong with it gives an empty cache and a note.
    pub fn load(root: &Path) -> (Self, Option<String>) {
        let path = cache_path(root);
        let Ok(bytes) = std::fs::read(&path) else {
            return (Self::empty(), None);
        };
        match serde_json::from_slice::<Cache>(&bytes) {
            Ok(cache) if cache.format == CACHE_FORMAT && cache.version == CACHE_VERSION => {
                (cache, None)
            }
            Ok(_) => (
                Self::empty(),
                Some(format!("{}: an older cache; rebuilt", path.display())),
            ),
            Err(error) => (
                Self::empty(),
                Some(format!("{}: damaged ({error}); rebuilt", path.display())),
            ),
        }
    }

    pub fn len(&self) -> usize {
        self.sets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// A set's summary if its file and its article are as they were.
    pub fn set(
        &self,
        path: &str,
        stamp: FileStamp,
        article: Option<FileStamp>,
    ) -> Option<SetSummary> {
        self.sets
            .get(path)
            .filter(|item| item.stamp == stamp && item.article == article)
            .map(|item| item.summary.clone())
    }

    /// An article's readability if it is as it was: `Some(problem)`.
    pub fn article(&self, path: &str, stamp: FileStamp) -> Option<Option<String>> {
        self.articles
            .get(path)
            .filter(|item| item.stamp == stamp)
            .map(|item| item.problem.clone())
    }

    pub fn put_set(
        &mut self,
        path: &str,
        stamp: FileStamp,
        article: Option<FileStamp>,
        mut summary: SetSummary,
    ) {
        // The kind comes from the file name, not the cache (it is not stored).
        summary.kind = super::layout::SetKind::Single;
        self.sets.insert(
            path.to_string(),
            SetItem {
                stamp,
                article,
                summary,
            },
        );
    }

    pub fn put_article(&mut self, path: &str, stamp: FileStamp, problem: Option<String>) {
        self.articles
            .insert(path.to_string(), ArticleItem { stamp, problem });
    }

    /// Take in another cache's items (the threads' parts of one run).
    pub fn absorb(&mut self, other: Cache) {
        self.sets.extend(other.sets);
        self.articles.extend(other.articles);
    }

    /// Whether `other` holds the same items (nothing to write).
    pub fn same_items(&self, other: &Cache) -> bool {
        self.sets == other.sets && self.articles == other.articles
    }

    /// Write the cache atomically into `.newsmark/` (created with a `.gitignore` of `*`, so
    /// git never sees it even without the corpus's own `.gitignore`).
    pub fn save(&self, root: &Path) -> Result<(), String> {
        let dir = root.join(CACHE_DIR);
        if !dir.is_dir() {
            std::fs::create_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            storage::write_atomic(&ignore, b"*\n").map_err(|e| e.to_string())?;
        }
        #[derive(Serialize)]
        struct Out<'a> {
            format: &'static str,
            version: u32,
            sets: &'a HashMap<String, SetItem>,
            articles: &'a HashMap<String, ArticleItem>,
        }
        let out = Out {
            format: CACHE_FORMAT,
            version: CACHE_VERSION,
            sets: &self.sets,
            articles: &self.articles,
        };
        let bytes = serde_json::to_vec(&out).map_err(|e| e.to_string())?;
        storage::write_atomic(&cache_path(root), &bytes).map_err(|e| e.to_string())
    }
}
