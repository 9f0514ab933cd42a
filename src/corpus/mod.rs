//! The corpus: a folder of articles and their annotation sets, one set per article per
//! annotator (docs/CORPUS.md).
//!
//! - [`layout`]: which files are articles and which are whose sets (folder listings only)
//! - [`config`]: the optional corpus file, `newsmark.corpus.json`
//! - [`status`]: a summary of each set (status, spans per label, annotator, time, problems)
//! - [`cache`]: those summaries kept in `.newsmark/` (never needed for correctness)
//! - [`find`]: every occurrence of a word or phrase in all articles, in context
//! - [`dashboard`]: counts per label, state, annotator and day, exportable as CSV
//! - [`batch`]: export and import of many documents with a report (re-exported here)
//!
//! The window's documents panel and the command line share one entry point:
//!
//! ```no_run
//! use newsmark::corpus::{Corpus, Move, OpenOptions, View};
//! let corpus = Corpus::open("sample_data".as_ref(), &OpenOptions::default()).unwrap();
//! let rows = corpus.rows(&View::Annotator("alice".into()));
//! let next = newsmark::corpus::navigate(&rows, None, Move::NextUnfinished);
//! println!("{} of {} done; next: {:?}", corpus.totals(&rows).finished(), rows.len(),
//!     next.map(|i| rows[i].name()));
//! ```
//!
//! Opening a corpus never writes to a document; the only file written is the cache.

pub mod batch;
pub mod bulk;
pub mod cache;
pub mod config;
pub mod dashboard;
pub mod find;
pub mod ignore;
pub mod labels;
pub mod layout;
pub mod selection;
pub mod status;
pub mod summary;

pub use batch::*;
pub use selection::{SetSelection, WhichSets};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::formats::visible::count;
use crate::model::set::Status;
use cache::{Cache, CacheReport};
use config::CorpusConfig;
use layout::{LayoutProblem, SetKind};
use status::{DocumentStatus, SetSummary};

pub use layout::OpenError;

/// How to open a corpus.
#[derive(Clone, Debug)]
pub struct OpenOptions {
    /// Read summaries of unchanged sets from `.newsmark/`.
    pub read_cache: bool,
    /// Write the cache back when anything changed.
    pub write_cache: bool,
    /// Threads reading sets (0: one per core, at most 8).
    pub threads: usize,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self {
            read_cache: true,
            write_cache: true,
            threads: 0,
        }
    }
}

impl OpenOptions {
    /// Neither read nor write the cache.
    pub fn without_cache() -> Self {
        Self {
            read_cache: false,
            write_cache: false,
            threads: 0,
        }
    }
}

/// An open corpus: every article with its sets' summaries.
#[derive(Clone, Debug)]
pub struct Corpus {
    pub root: PathBuf,
    pub config: CorpusConfig,
    /// Sorted by article path.
    pub documents: Vec<DocumentStatus>,
    /// Problems that belong to no one document: the corpus file, the schema, unreadable
    /// folders, link loops, files that fit nowhere.
    pub problems: Vec<LayoutProblem>,
    pub cache_report: CacheReport,
    /// Folders read and files seen while opening.
    pub folders: usize,
    pub files: usize,
    /// The summaries as last read (reused by [`Corpus::refresh`] and [`Corpus::reload`]).
    cache: Cache,
}

/// Which rows a list shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    /// Every set a row; an article without a set one row (set none).
    All,
    /// One row per article: the single `story.json` (the window without an annotator name).
    Single,
    /// One row per article: this annotator's set ([`DocumentStatus::set_for`]).
    Annotator(String),
}

impl View {
    /// The window's view for its annotator setting (empty: [`View::Single`]).
    pub fn for_annotator(name: &str) -> Self {
        if name.trim().is_empty() {
            View::Single
        } else {
            View::Annotator(name.trim().to_string())
        }
    }
}

/// One row of the documents list: an article and one of its sets (or none).
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    /// Index into [`Corpus::documents`].
    pub document_index: usize,
    pub document: &'a DocumentStatus,
    pub set: Option<&'a SetSummary>,
}

impl<'a> Row<'a> {
    /// The article's path relative to the corpus (or the sets' stem when it is missing).
    pub fn name(&self) -> String {
        self.document.entry.name()
    }

    pub fn article(&self) -> Option<&'a str> {
        self.document.entry.article.as_deref()
    }

    pub fn set_path(&self) -> Option<&'a str> {
        self.set.map(|s| s.path.as_str())
    }

    /// New without a set; else the set's stored status (in progress when absent).
    pub fn status(&self) -> Status {
        self.set.map_or(Status::New, |s| s.status)
    }

    pub fn spans(&self) -> usize {
        self.set.map_or(0, |s| s.spans)
    }

    pub fn labels(&self) -> Option<&'a BTreeMap<String, usize>> {
        self.set.map(|s| &s.labels)
    }

    pub fn annotator(&self) -> Option<&'a str> {
        self.set.and_then(|s| s.annotator.as_deref())
    }

    pub fn modified(&self) -> Option<&'a str> {
        self.set.and_then(|s| s.modified.as_deref())
    }

    /// The document's problems, then the set's.
    pub fn problems(&self) -> Vec<&'a str> {
        self.document
            .problems()
            .chain(
                self.set
                    .into_iter()
                    .flat_map(|s| s.problems.iter().map(String::as_str)),
            )
            .collect()
    }

    /// Not yet done: new or in progress.
    pub fn is_unfinished(&self) -> bool {
        !self.status().is_finished()
    }
}

/// Counts over rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Rows.
    pub documents: usize,
    /// Distinct articles among them.
    pub articles: usize,
    /// Rows per status, in [`Status::ALL`] order.
    pub by_status: [usize; 5],
    pub spans: usize,
    /// Rows with at least one problem.
    pub with_problems: usize,
}

impl Totals {
    pub fn count(&self, status: Status) -> usize {
        let index = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
        self.by_status[index]
    }

    /// Rows done or beyond (done, in curation, curated): "312 of 1,200 done".
    pub fn finished(&self) -> usize {
        Status::ALL
            .iter()
            .zip(self.by_status)
            .filter(|(s, _)| s.is_finished())
            .map(|(_, n)| n)
            .sum()
    }
}

/// A move through a list of rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Next,
    Previous,
    /// The next row not done yet, after the current one, wrapping around once.
    NextUnfinished,
    PreviousUnfinished,
}

/// The row to go to from `current` (`None`: nothing selected) in `rows` as listed (sorted
/// and filtered as the list shows them). `None` when there is nowhere to go.
pub fn navigate(rows: &[Row<'_>], current: Option<usize>, movement: Move) -> Option<usize> {
    let len = rows.len();
    if len == 0 {
        return None;
    }
    match movement {
        Move::Next => match current {
            None => Some(0),
            Some(i) => (i + 1 < len).then_some(i + 1),
        },
        Move::Previous => match current {
            None => Some(len - 1),
            Some(i) => i.checked_sub(1),
        },
        Move::NextUnfinished => {
            let start = current.map_or(0, |i| i + 1);
            (0..len)
                .map(|k| (start + k) % len)
                .filter(|&i| Some(i) != current)
                .find(|&i| rows[i].is_unfinished())
        }
        Move::PreviousUnfinished => {
            let start = current.unwrap_or(0) + len;
            (1..=len)
                .map(|k| (start - k) % len)
                .filter(|&i| Some(i) != current)
                .find(|&i| rows[i].is_unfinished())
        }
    }
}

/// Run `work` over `items` on up to `threads` threads (0: one per core, at most 8), each with
/// its own state; results in item order, and the states.
pub(crate) fn par_map<T: Sync, R: Send, S: Send>(
    items: &[T],
    threads: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize, &T) -> R + Sync,
) -> (Vec<R>, Vec<S>) {
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get().min(8))
    } else {
        threads
    }
    .clamp(1, items.len().max(1));
    const CHUNK: usize = 8;
    let next = AtomicUsize::new(0);
    let run = || {
        let mut state = init();
        let mut done = Vec::new();
        loop {
            let from = next.fetch_add(CHUNK, Ordering::Relaxed);
            if from >= items.len() {
                break;
            }
            for (i, item) in items.iter().enumerate().skip(from).take(CHUNK) {
                done.push((i, work(&mut state, i, item)));
            }
        }
        (done, state)
    };
    let parts: Vec<(Vec<(usize, R)>, S)> = if threads == 1 {
        vec![run()]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(run)).collect();
            handles
                .into_iter()
                // A worker panicking is a bug; its items are redone on this thread below.
                .filter_map(|h| h.join().ok())
                .collect()
        })
    };
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let mut states = Vec::with_capacity(parts.len());
    for (done, state) in parts {
        for (i, result) in done {
            slots[i] = Some(result);
        }
        states.push(state);
    }
    let mut redo_state = None;
    let results = slots
        .into_iter()
        .enumerate()
        .map(|(i, slot)| match slot {
            Some(result) => result,
            None => work(redo_state.get_or_insert_with(&init), i, &items[i]),
        })
        .collect();
    states.extend(redo_state);
    (results, states)
}

impl Corpus {
    /// Open the corpus at `root`: find its articles and sets and summarise every set. Fails
    /// only when `root` is not a readable folder; every bad member is listed with its problem.
    pub fn open(root: &Path, options: &OpenOptions) -> Result<Corpus, OpenError> {
        let (cache, note) = if options.read_cache {
            Cache::load(root)
        } else {
            (Cache::empty(), None)
        };
        let mut corpus = Self::open_with(root, cache, options.threads)?;
        corpus.cache_report.note = note;
        if options.write_cache {
            corpus.save_cache();
        }
        Ok(corpus)
    }

    fn open_with(root: &Path, cache: Cache, threads: usize) -> Result<Corpus, OpenError> {
        let (config, config_problems) = CorpusConfig::load(root);
        let layout = layout::discover(root, &config)?;
        let (documents, parts) = par_map(
            &layout.entries,
            threads,
            || (Cache::empty(), CacheReport::default()),
            |(fresh, counts), _, entry| status::summarize_entry(root, entry, &cache, fresh, counts),
        );
        let mut fresh = Cache::empty();
        let mut report = CacheReport::default();
        for (part, counts) in parts {
            fresh.absorb(part);
            report.hits += counts.hits;
            report.misses += counts.misses;
        }
        // Written only when something changed.
        report.written = !fresh.same_items(&cache);
        let mut problems = status::config_problems(root, &config, config_problems);
        problems.extend(layout.problems);
        Ok(Corpus {
            root: root.to_path_buf(),
            config,
            documents,
            problems,
            cache_report: report,
            folders: layout.folders,
            files: layout.files,
            cache: fresh,
        })
    }

    /// Write the cache if this opening changed it (failures become a note, never an error).
    fn save_cache(&mut self) {
        if !self.cache_report.written {
            return;
        }
        if let Err(error) = self.cache.save(&self.root) {
            self.cache_report.written = false;
            self.cache_report.note = Some(format!("the cache was not written: {error}"));
        }
    }

    /// Open again (after changes on disk), reading only what changed since.
    pub fn reload(&mut self, options: &OpenOptions) -> Result<(), OpenError> {
        let cache = std::mem::take(&mut self.cache);
        let mut reopened = Self::open_with(&self.root, cache, options.threads)?;
        if options.write_cache {
            reopened.save_cache();
        }
        *self = reopened;
        Ok(())
    }

    /// The corpus's name (the corpus file's, else the folder's).
    pub fn name(&self) -> String {
        self.config.display_name(&self.root)
    }

    /// `annotator`'s set of `document` ([`DocumentStatus::set_for`]). In a corpus that lists
    /// no annotators (one person's), a set that names nobody is also the annotator's own when
    /// the article has no annotator's set: a name set in the window does not hide the work
    /// done before it was set (the name is stamped on the set when it is saved). In a team
    /// corpus such a set is nobody's, so every annotator starts their own.
    pub fn set_of<'a>(
        &self,
        document: &'a DocumentStatus,
        annotator: Option<&str>,
    ) -> Option<&'a SetSummary> {
        let found = document.set_for(annotator);
        if found.is_some() || annotator.is_none() || !self.config.annotators.is_empty() {
            return found;
        }
        if document
            .sets
            .iter()
            .any(|s| matches!(s.kind, SetKind::Annotator(_)))
        {
            return None;
        }
        document
            .sets
            .iter()
            .find(|s| s.kind == SetKind::Single && s.annotator.is_none())
    }

    /// Where `annotator`'s set of `document` is or will be saved, relative to the root:
    /// [`Self::set_of`], else a new `story.NAME.json` ([`DocumentStatus::set_path_for`]).
    pub fn set_path_of(&self, document: &DocumentStatus, annotator: Option<&str>) -> String {
        match self.set_of(document, annotator) {
            Some(set) => set.path.clone(),
            None => document.set_path_for(annotator),
        }
    }

    /// The rows of a list for `view`, in article order.
    pub fn rows(&self, view: &View) -> Vec<Row<'_>> {
        let mut rows = Vec::with_capacity(self.documents.len());
        for (document_index, document) in self.documents.iter().enumerate() {
            let row = |set| Row {
                document_index,
                document,
                set,
            };
            match view {
                View::All if document.sets.is_empty() => rows.push(row(None)),
                View::All => rows.extend(document.sets.iter().map(|s| row(Some(s)))),
                View::Single => rows.push(row(document.set_for(None))),
                View::Annotator(name) => rows.push(row(self.set_of(document, Some(name)))),
            }
        }
        rows
    }

    pub fn totals(&self, rows: &[Row<'_>]) -> Totals {
        let mut totals = Totals {
            documents: rows.len(),
            ..Totals::default()
        };
        let mut last_document = None;
        for row in rows {
            if last_document != Some(row.document_index) {
                totals.articles += 1;
                last_document = Some(row.document_index);
            }
            let index = Status::ALL
                .iter()
                .position(|s| *s == row.status())
                .unwrap_or(0);
            totals.by_status[index] += 1;
            totals.spans += row.spans();
            if !row.problems().is_empty() {
                totals.with_problems += 1;
            }
        }
        totals
    }

    /// The document whose article (or set stem) is `name` (relative path).
    pub fn document_index(&self, name: &str) -> Option<usize> {
        self.documents
            .binary_search_by(|d| d.entry.name().as_str().cmp(name))
            .ok()
            .or_else(|| {
                self.documents
                    .iter()
                    .position(|d| d.entry.sets.iter().any(|s| s.path == name))
            })
    }

    /// Read one document again (after the window saved it, or a file changed): its folder is
    /// listed again, so a set saved for the first time is found. Returns the document's
    /// index, or `None` when its article and sets are all gone (it is removed from the list).
    pub fn refresh(&mut self, document_index: usize) -> Option<usize> {
        let old = self.documents.get(document_index)?.entry.clone();
        let dir_path = if old.dir.is_empty() {
            self.root.clone()
        } else {
            self.root.join(&old.dir)
        };
        let names: Vec<String> = std::fs::read_dir(&dir_path)
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.path().is_file())
                    .filter_map(|e| e.file_name().to_str().map(str::to_string))
                    .filter(|n| !n.starts_with('.'))
                    .filter(|n| !(old.dir.is_empty() && self.is_root_own(n)))
                    .filter(|n| !self.config.is_excluded(&layout::join(&old.dir, n)))
                    .collect()
            })
            .unwrap_or_default();
        let (entries, _) = layout::sort_folder(&old.dir, &names);
        let Some(entry) = entries.into_iter().find(|e| e.stem == old.stem) else {
            self.documents.remove(document_index);
            return None;
        };
        let mut fresh = Cache::empty();
        let mut counts = CacheReport::default();
        let document =
            status::summarize_entry(&self.root, &entry, &self.cache, &mut fresh, &mut counts);
        self.cache.absorb(fresh);
        self.documents[document_index] = document;
        Some(document_index)
    }

    fn is_root_own(&self, name: &str) -> bool {
        name == config::CORPUS_FILE
            || name == self.config.guidelines_name()
            || name.eq_ignore_ascii_case("README.md")
            || self.config.schema.as_deref() == Some(name)
    }

    /// The full path of a relative corpus path.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// The status report as JSON: `{"documents": [{"article", "set", "status", "spans",
    /// "labels", "annotator", "modified", "problems"}...], "totals": {"documents", "new",
    /// "in_progress", "done", "in_curation", "curated", "spans"}, "problems": [...]}`.
    pub fn status_json(&self, rows: &[Row<'_>]) -> serde_json::Value {
        use serde_json::json;
        let documents: Vec<serde_json::Value> = rows
            .iter()
            .map(|row| {
                json!({
                    "article": row.article(),
                    "set": row.set_path(),
                    "status": row.status().as_str(),
                    "spans": row.spans(),
                    "labels": row.labels().cloned().unwrap_or_default(),
                    "annotator": row.annotator(),
                    "modified": row.modified(),
                    "problems": row.problems(),
                })
            })
            .collect();
        let totals = self.totals(rows);
        let mut totals_json = serde_json::Map::new();
        totals_json.insert("documents".into(), totals.documents.into());
        for status in Status::ALL {
            totals_json.insert(status.as_str().into(), totals.count(status).into());
        }
        totals_json.insert("spans".into(), totals.spans.into());
        let problems: Vec<String> = self.problems.iter().map(|p| p.to_string()).collect();
        json!({"documents": documents, "totals": totals_json, "problems": problems})
    }

    /// The status table: one line per row, its problems below it, then the corpus's problems
    /// and the totals.
    pub fn status_table(&self, rows: &[Row<'_>]) -> String {
        let headers = [
            "ARTICLE",
            "SET",
            "STATUS",
            "SPANS",
            "ANNOTATOR",
            "MODIFIED",
            "LABELS",
        ];
        let cells: Vec<[String; 7]> = rows
            .iter()
            .map(|row| {
                [
                    row.name(),
                    row.set_path().unwrap_or("none").to_string(),
                    row.status().to_string(),
                    row.spans().to_string(),
                    row.annotator().unwrap_or("-").to_string(),
                    row.modified().unwrap_or("-").to_string(),
                    row.labels()
                        .map(|labels| {
                            labels
                                .iter()
                                .map(|(l, n)| format!("{l} {n}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default(),
                ]
            })
            .collect();
        let mut widths = headers.map(|h| h.chars().count());
        for row in &cells {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count().min(60));
            }
        }
        let line = |cells: &[String]| {
            let mut text = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let pad = widths[i].saturating_sub(cell.chars().count());
                if i == 3 {
                    text.push_str(&" ".repeat(pad));
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    if i + 1 < cells.len() {
                        text.push_str(&" ".repeat(pad));
                    }
                }
                if i + 1 < cells.len() {
                    text.push_str("  ");
                }
            }
            text.trim_end().to_string() + "\n"
        };
        let mut text = line(&headers.map(str::to_string));
        for (row, cells) in rows.iter().zip(&cells) {
            text.push_str(&line(cells));
            for problem in row.problems() {
                text.push_str(&format!("    problem: {problem}\n"));
            }
        }
        for problem in &self.problems {
            text.push_str(&format!("problem: {problem}\n"));
        }
        let totals = self.totals(rows);
        let counts: Vec<String> = Status::ALL
            .iter()
            .map(|s| format!("{} {}", totals.count(*s), s.as_str().replace('_', " ")))
            .collect();
        text.push_str(&format!(
            "{}: {} ({}): {}; {}; {} with problems; {} of {} done or further (done, in curation, curated)\n",
            self.name(),
            count(totals.documents, "document", "documents"),
            count(totals.articles, "article", "articles"),
            counts.join(", "),
            count(totals.spans, "span", "spans"),
            totals.with_problems,
            totals.finished(),
            totals.documents,
        ));
        text
    }

    /// Every set file of the corpus (relative paths), in article order.
    pub fn set_paths(&self) -> impl Iterator<Item = &str> + '_ {
        self.documents
            .iter()
            .flat_map(|d| d.sets.iter().map(|s| s.path.as_str()))
    }

    /// How many sets of each kind (for reports): single, annotators', gold.
    pub fn set_kinds(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for set in self.documents.iter().flat_map(|d| &d.sets) {
            match set.kind {
                SetKind::Single => counts.0 += 1,
                SetKind::Annotator(_) => counts.1 += 1,
                SetKind::Gold => counts.2 += 1,
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests;
