//! The write-ahead journal of edits: every edit is on disk within two seconds of being made,
//! without the user saving, and a crash or kill loses nothing older than that.
//!
//! One journal per set, `.<set file name>.newsmark-journal` beside the set (or, when that
//! folder cannot be written, in the user's data folder). It is a text file of lines, each
//! `<16 hex digits> <json>`, the digits being the start of the SHA-256 of the JSON:
//!
//! - line 1, the header: the set path, the base file (the set as it was on disk, the article a
//!   new set was started over, or a snapshot of a set that is on no disk, kept beside the
//!   journal) with its SHA-256, the article text's SHA-256, time;
//! - then one line per applied edit step, `{"seq":N,"time":…,"edit":{…}}`. Undo and redo are
//!   recorded as the edit they actually applied, so replay is "apply in order";
//! - before each save a marker `{"seq":N,"time":…,"saving_sha256":…}` with the hash of the bytes
//!   about to be written, so that a crash between the save and the journal's removal is
//!   recognised (the file on disk then already holds those edits).
//!
//! A line whose checksum or sequence number is wrong (a torn last write) ends the journal: it
//! and anything after it are ignored and counted. Lines are written with one `write` call as
//! soon as the edit is applied (so they survive a killed process at once) and flushed with
//! `fsync` at most every [`SYNC_INTERVAL`] but always within [`MAX_SYNC_DELAY`] of the edit,
//! provided [`Journal::flush_if_due`] is called (the window: every frame, and it asks for a
//! repaint after [`Journal::due_in`]).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::formats::{self, native};
use crate::model::edit::{Edit, EditError, Touched};
use crate::model::{AnnotationSet, History};
use crate::storage::{self, Conflict, Fingerprint, StorageError};

mod recovery;
pub use recovery::{
    Recovered, RecoveryInfo, RecoveryReport, discard_recovery, find_for, find_in, inspect, recover,
    recover_from_disk,
};

pub const JOURNAL_FORMAT: &str = "newsmark.journal";
pub const JOURNAL_VERSION: u32 = 1;
/// The shortest time between two `fsync`s of the journal.
pub const SYNC_INTERVAL: Duration = Duration::from_millis(500);
/// The promise: an edit is flushed to the disk at most this long after it was made.
pub const MAX_SYNC_DELAY: Duration = Duration::from_secs(2);
const JOURNAL_SUFFIX: &str = "newsmark-journal";

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("cannot write the recovery journal {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot read the recovery journal: {0}")]
    Read(#[from] StorageError),
    #[error(
        "{0} is not a Newsmark recovery journal (its first line is damaged or of another kind)"
    )]
    NotAJournal(String),
    #[error(
        "the article's text has changed since the journal was written (journal {journal}, now {now}); its edits cannot be replayed"
    )]
    TextChanged { journal: String, now: String },
}

/// Which file the journal's edits apply to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BaseKind {
    /// A saved set.
    Set,
    /// An article over which a new set was started.
    Article,
    /// A set that is not on disk as it was opened (an import, a curation's merged gold set, a
    /// set re-anchored or re-decoded): its state before the first edit, written beside the
    /// journal as `<journal>.base.json` when the journal starts, and removed with it.
    Snapshot,
}

/// The file the journal's edits start from, as it was on disk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Base {
    pub kind: BaseKind,
    pub path: String,
    pub sha256: String,
}

impl Base {
    pub fn new(kind: BaseKind, path: &Path, sha256: impl Into<String>) -> Self {
        Self {
            kind,
            path: absolute(path).display().to_string(),
            sha256: sha256.into(),
        }
    }

    /// The base of a freshly opened file.
    pub fn of_opened(opened: &formats::Opened) -> Self {
        let kind = if opened.was_set {
            BaseKind::Set
        } else {
            BaseKind::Article
        };
        Self::new(kind, &opened.opened_path, opened.fingerprint.sha256.clone())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    set_path: String,
    base: Base,
    text_sha256: String,
    created: String,
    #[serde(default)]
    pid: u32,
    #[serde(default)]
    host: String,
    /// The writing process's start time (see [`storage::LockOwner::started`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    started: Option<u64>,
}

impl Header {
    /// The process that wrote the journal (journals from before it was recorded: `None`).
    fn writer(&self) -> Option<storage::LockOwner> {
        (self.pid != 0 && !self.host.is_empty()).then(|| storage::LockOwner {
            pid: self.pid,
            host: self.host.clone(),
            since: self.created.clone(),
            started: self.started,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    seq: u64,
    time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    edit: Option<Edit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    saving_sha256: Option<String>,
}

/// A journal file as read: its valid lines, and how much was damaged.
#[derive(Debug)]
pub struct JournalContents {
    header: Header,
    entries: Vec<Entry>,
    /// Lines ignored because they (or a line before them) failed their checksum or sequence.
    pub damaged_lines: usize,
}

impl JournalContents {
    pub fn edit_count(&self) -> usize {
        self.entries.iter().filter(|e| e.edit.is_some()).count()
    }

    pub fn set_path(&self) -> &str {
        &self.header.set_path
    }

    pub fn base(&self) -> &Base {
        &self.header.base
    }
}

fn checksum(json: &str) -> String {
    storage::sha256_hex(json.as_bytes())[..16].to_string()
}

fn encode_line<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    format!("{} {json}\n", checksum(&json))
}

fn decode_line<T: for<'de> Deserialize<'de>>(line: &[u8]) -> Option<T> {
    let line = std::str::from_utf8(line).ok()?;
    let (sum, json) = line.split_once(' ')?;
    if sum.len() != 16 || checksum(json) != sum {
        return None;
    }
    serde_json::from_str(json).ok()
}

/// Read a journal's bytes. Never panics; a damaged header is an error, a damaged line ends the
/// journal (it and the lines after it are counted in `damaged_lines`).
pub fn read_journal(bytes: &[u8], shown: &str) -> Result<JournalContents, JournalError> {
    let mut lines = bytes.split_inclusive(|&b| b == b'\n');
    let header: Header = lines
        .next()
        .and_then(|l| l.strip_suffix(b"\n"))
        .and_then(decode_line)
        .filter(|h: &Header| h.format == JOURNAL_FORMAT && h.version <= JOURNAL_VERSION)
        .ok_or_else(|| JournalError::NotAJournal(shown.to_string()))?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut damaged_lines = 0;
    for line in lines {
        if damaged_lines > 0 {
            damaged_lines += 1;
            continue;
        }
        let expected_seq = entries.last().map_or(1, |e| e.seq + 1);
        let entry = line
            .strip_suffix(b"\n")
            .and_then(decode_line::<Entry>)
            .filter(|e| e.seq == expected_seq && (e.edit.is_some() != e.saving_sha256.is_some()));
        match entry {
            Some(entry) => entries.push(entry),
            None => damaged_lines += 1,
        }
    }
    Ok(JournalContents {
        header,
        entries,
        damaged_lines,
    })
}

/// The journal path beside a set.
pub fn journal_path_beside(set_path: &Path) -> PathBuf {
    storage::hidden_sibling(set_path, JOURNAL_SUFFIX)
}

/// The journal path in the user's data folder (for sets in folders that cannot be written).
pub fn journal_path_in_data_dir(set_path: &Path) -> Option<PathBuf> {
    Some(journal_path_in(&storage::user_data_dir()?, set_path))
}

fn journal_path_in(data_dir: &Path, set_path: &Path) -> PathBuf {
    let absolute = absolute(set_path);
    let key = &storage::sha256_hex(absolute.display().to_string().as_bytes())[..16];
    let name = absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    data_dir
        .join("journals")
        .join(format!("{key}-{name}.{JOURNAL_SUFFIX}"))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn now_millis() -> String {
    humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string()
}

fn sync_folder(path: &Path) {
    if let Some(folder) = path.parent()
        && let Ok(dir) = File::open(if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        })
    {
        let _ = dir.sync_all();
    }
}

/// The journal of one open set. Creates its file at the first recorded edit.
#[derive(Debug)]
pub struct Journal {
    set_path: PathBuf,
    header: Header,
    file: Option<File>,
    path: Option<PathBuf>,
    /// The sequence number of the last line written.
    seq: u64,
    /// Sequence number of the last line known to be flushed to the disk.
    synced_seq: u64,
    /// Edits applied but not yet written (a write failed); retried at the next record/flush.
    backlog: Vec<Entry>,
    pending_since: Option<Instant>,
    last_sync: Option<Instant>,
    problem: Option<String>,
    /// Where the journal goes when the set's folder cannot be written.
    data_dir: Option<PathBuf>,
    /// For a [`BaseKind::Snapshot`] base: the set as it was before the first edit, written
    /// beside the journal when the journal file is created.
    snapshot: Option<Vec<u8>>,
}

impl Journal {
    /// A journal for the set that will be saved at `set_path`, whose edits start from `base`
    /// over the article text with hash `text_sha256`. Nothing is written yet.
    pub fn new(set_path: &Path, base: Base, text_sha256: &str) -> Self {
        Self {
            set_path: set_path.to_path_buf(),
            header: Header {
                format: JOURNAL_FORMAT.into(),
                version: JOURNAL_VERSION,
                set_path: absolute(set_path).display().to_string(),
                base,
                text_sha256: text_sha256.to_string(),
                created: String::new(),
                pid: std::process::id(),
                host: storage::host_name(),
                started: storage::LockOwner::me().started,
            },
            file: None,
            path: None,
            seq: 0,
            synced_seq: 0,
            backlog: Vec::new(),
            pending_since: None,
            last_sync: None,
            problem: None,
            data_dir: storage::user_data_dir(),
            snapshot: None,
        }
    }

    /// A journal for a set that is not on disk as it stands (see [`BaseKind::Snapshot`]): the
    /// set's state is taken by [`Journal::capture_base`] just before the first edit, so a
    /// crash can be recovered from it, and opening costs nothing.
    pub fn for_unsaved(set_path: &Path, text_sha256: &str) -> Self {
        Self::new(
            set_path,
            Base {
                kind: BaseKind::Snapshot,
                path: String::new(),
                sha256: String::new(),
            },
            text_sha256,
        )
    }

    /// Before the first edit of a [`Journal::for_unsaved`] journal: keep `set` as it is now,
    /// the base the journal's edits replay onto. Does nothing for other journals or later.
    pub fn capture_base(&mut self, set: &AnnotationSet) {
        if self.header.base.kind == BaseKind::Snapshot
            && self.header.base.path.is_empty()
            && self.snapshot.is_none()
        {
            let bytes = native::to_json(set).into_bytes();
            self.header.base.sha256 = storage::sha256_hex(&bytes);
            self.snapshot = Some(bytes);
        }
    }

    /// Use `data_dir` instead of the user's data folder as the fallback location.
    pub fn with_data_dir(mut self, data_dir: &Path) -> Self {
        self.data_dir = Some(data_dir.to_path_buf());
        self
    }

    /// The journal for a file just opened with [`formats::open_path`].
    pub fn for_opened(opened: &formats::Opened) -> Self {
        Self::new(
            &opened.save_path,
            Base::of_opened(opened),
            opened.set.text().sha256(),
        )
    }

    /// Where the journal is being written (`None` until the first edit).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Number of edit lines written since the journal was started (markers included).
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Sequence number of the last line flushed to the disk.
    pub fn synced_seq(&self) -> u64 {
        self.synced_seq
    }

    /// True when everything recorded is flushed to the disk.
    pub fn is_synced(&self) -> bool {
        self.backlog.is_empty() && self.synced_seq == self.seq
    }

    /// The last failure to write the journal, for the status bar (cleared by a later success).
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    fn io_error(&mut self, path: &Path, source: std::io::Error) -> JournalError {
        let error = JournalError::Io {
            path: path.display().to_string(),
            source,
        };
        self.problem = Some(format!(
            "{error}. Your edits are kept in memory; save to keep them."
        ));
        error
    }

    /// Where the snapshot base of the journal at `journal_path` is kept.
    pub fn snapshot_path(journal_path: &Path) -> PathBuf {
        let mut name = journal_path.as_os_str().to_owned();
        name.push(".base.json");
        PathBuf::from(name)
    }

    fn create_at(&mut self, path: &Path) -> std::io::Result<File> {
        if path.is_file() && recovery::inspect(path).ok().flatten().is_some() {
            // Another window's journal (opened anyway), or one a crash left: its edits are
            // not this journal's to throw away. The caller tries the next place.
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{} holds edits of another session", path.display()),
            ));
        }
        if let Some(bytes) = &self.snapshot {
            let snapshot = Self::snapshot_path(path);
            storage::write_atomic(&snapshot, bytes).map_err(std::io::Error::other)?;
            self.header.base.path = absolute(&snapshot).display().to_string();
            self.snapshot = None;
        }
        let mut file = File::create(path)?;
        let mut header = self.header.clone();
        header.created = now_millis();
        let written = file
            .write_all(encode_line(&header).as_bytes())
            .and_then(|()| file.sync_all());
        if let Err(error) = written {
            // A full disk: no empty or torn journal is left to mislead the next open.
            drop(file);
            let _ = std::fs::remove_file(path);
            return Err(error);
        }
        sync_folder(path);
        Ok(file)
    }

    fn ensure_open(&mut self) -> Result<(), JournalError> {
        if self.file.is_some() {
            return Ok(());
        }
        let beside = journal_path_beside(&self.set_path);
        let first = match self.create_at(&beside) {
            Ok(file) => {
                self.file = Some(file);
                self.path = Some(beside);
                return Ok(());
            }
            Err(error) => error,
        };
        let fallback = self
            .data_dir
            .as_deref()
            .map(|dir| journal_path_in(dir, &self.set_path));
        if let Some(fallback) = fallback
            && fallback
                .parent()
                .is_some_and(|folder| std::fs::create_dir_all(folder).is_ok())
            && let Ok(file) = self.create_at(&fallback)
        {
            self.file = Some(file);
            self.path = Some(fallback);
            return Ok(());
        }
        Err(self.io_error(&beside, first))
    }

    /// Write every backlogged entry, each with one `write` call.
    fn write_backlog(&mut self) -> Result<(), JournalError> {
        if self.backlog.is_empty() {
            return Ok(());
        }
        self.ensure_open()?;
        let path = self.path.clone().unwrap_or_default();
        while let Some(entry) = self.backlog.first() {
            let line = encode_line(entry);
            let Some(file) = self.file.as_mut() else {
                break;
            };
            let length_before = file.metadata().map(|m| m.len()).ok();
            if let Err(source) = file.write_all(line.as_bytes()) {
                // Cut a partly written line so that the next attempt appends cleanly.
                if let Some(length) = length_before {
                    let _ = file.set_len(length);
                }
                return Err(self.io_error(&path, source));
            }
            self.backlog.remove(0);
        }
        self.problem = None;
        Ok(())
    }

    fn push(
        &mut self,
        entry_edit: Option<Edit>,
        saving: Option<String>,
    ) -> Result<(), JournalError> {
        self.seq += 1;
        self.backlog.push(Entry {
            seq: self.seq,
            time: now_millis(),
            edit: entry_edit,
            saving_sha256: saving,
        });
        self.pending_since.get_or_insert_with(Instant::now);
        self.write_backlog()
    }

    /// Record an edit that was just applied. The line reaches the operating system at once
    /// (surviving a killed process); [`Journal::flush_if_due`] makes it durable. On error the
    /// edit is kept and retried; the error is also kept in [`Journal::problem`].
    pub fn record(&mut self, edit: &Edit) -> Result<(), JournalError> {
        self.push(Some(edit.clone()), None)
    }

    /// How long until [`Journal::flush_if_due`] has work to do (`None`: nothing pending).
    pub fn due_in(&self, now: Instant) -> Option<Duration> {
        self.pending_since?;
        Some(match self.last_sync {
            Some(last) => SYNC_INTERVAL.saturating_sub(now.saturating_duration_since(last)),
            None => Duration::ZERO,
        })
    }

    /// Flush to the disk if something is pending and the last flush was at least
    /// [`SYNC_INTERVAL`] ago. Returns whether it flushed. Call it often (every frame).
    pub fn flush_if_due(&mut self, now: Instant) -> Result<bool, JournalError> {
        match self.due_in(now) {
            Some(wait) if wait.is_zero() => self.sync().map(|()| true),
            _ => Ok(false),
        }
    }

    /// Flush everything recorded to the disk now.
    pub fn sync(&mut self) -> Result<(), JournalError> {
        self.write_backlog()?;
        if let Some(file) = &self.file
            && let Err(source) = file.sync_data()
        {
            let path = self.path.clone().unwrap_or_default();
            return Err(self.io_error(&path, source));
        }
        self.synced_seq = self.seq;
        self.pending_since = None;
        self.last_sync = Some(Instant::now());
        Ok(())
    }

    /// Before writing a save: note (durably) the hash of the bytes about to be written.
    pub fn before_save(&mut self, saving_sha256: &str) -> Result<(), JournalError> {
        if self.file.is_none() && self.backlog.is_empty() {
            return Ok(());
        }
        self.push(None, Some(saving_sha256.to_string()))?;
        self.sync()
    }

    /// After a successful save to `saved_path` of bytes hashing to `sha256`: the journal is
    /// removed and the next edit starts a new one over the saved file.
    pub fn after_save(&mut self, saved_path: &Path, sha256: &str) {
        self.discard();
        // A journal left in the other place (beside the set, or the data folder when the
        // folder was full or read-only) holds edits older than this save: offered later, it
        // would replay them over newer work. Only a live other window's journal stays.
        self.remove_leftovers(saved_path);
        self.set_path = saved_path.to_path_buf();
        self.header.set_path = absolute(saved_path).display().to_string();
        self.header.base = Base::new(BaseKind::Set, saved_path, sha256);
    }

    /// Remove the journals of `set_path`, beside it and in the data folder, unless another
    /// live process is writing one.
    fn remove_leftovers(&self, set_path: &Path) {
        let places = [
            Some(journal_path_beside(set_path)),
            self.data_dir
                .as_deref()
                .map(|dir| journal_path_in(dir, set_path)),
        ];
        for path in places.into_iter().flatten() {
            if !path.is_file() {
                continue;
            }
            let header = storage::read_bounded(&path)
                .ok()
                .and_then(|bytes| read_journal(&bytes, "").ok())
                .map(|contents| contents.header);
            if header
                .as_ref()
                .and_then(Header::writer)
                .is_some_and(|writer| writer.is_other_live_process())
            {
                continue;
            }
            if let Some(header) = &header
                && header.base.kind == BaseKind::Snapshot
            {
                let _ = std::fs::remove_file(Self::snapshot_path(&path));
            }
            let _ = std::fs::remove_file(&path);
            sync_folder(&path);
        }
    }

    /// For tests: write this journal's header as if `owner` (another process) wrote it.
    #[cfg(test)]
    pub(crate) fn pretend_written_by(&mut self, owner: &storage::LockOwner) {
        self.header.pid = owner.pid;
        self.header.host = owner.host.clone();
        self.header.started = owner.started;
    }

    /// Remove the journal file (after a save, or when the user discards the changes).
    pub fn discard(&mut self) {
        self.file = None;
        if let Some(path) = self.path.take() {
            let _ = std::fs::remove_file(&path);
            sync_folder(&path);
        }
        if self.header.base.kind == BaseKind::Snapshot && !self.header.base.path.is_empty() {
            let _ = std::fs::remove_file(&self.header.base.path);
        }
        self.seq = 0;
        self.synced_seq = 0;
        self.backlog.clear();
        self.pending_since = None;
        self.problem = None;
    }

    /// Replace the journal file atomically by one holding `edits` (used after a recovery, so
    /// that the old journal stays until the new one is on disk).
    fn rewrite(&mut self, journal_path: &Path, edits: &[Edit]) -> Result<(), JournalError> {
        let mut header = self.header.clone();
        header.created = now_millis();
        let mut text = encode_line(&header);
        for (index, edit) in edits.iter().enumerate() {
            text.push_str(&encode_line(&Entry {
                seq: index as u64 + 1,
                time: now_millis(),
                edit: Some(edit.clone()),
                saving_sha256: None,
            }));
        }
        if let Err(error) = storage::write_atomic(journal_path, text.as_bytes()) {
            let source = match error {
                StorageError::Write { cause, .. } | StorageError::Read { cause, .. } => cause,
                other => std::io::Error::other(other.to_string()),
            };
            return Err(self.io_error(journal_path, source));
        }
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(journal_path)
            .map_err(|source| self.io_error(journal_path, source))?;
        self.file = Some(file);
        self.path = Some(journal_path.to_path_buf());
        self.seq = edits.len() as u64;
        self.synced_seq = self.seq;
        self.pending_since = None;
        self.last_sync = Some(Instant::now());
        Ok(())
    }
}

// ---- The same steps the window and `newsmark session` take ----

/// Apply a new edit through the history and record it in the journal. A journal failure does
/// not refuse the edit: it is kept in [`Journal::problem`] for the status bar.
pub fn apply_logged(
    set: &mut AnnotationSet,
    history: &mut History,
    journal: &mut Journal,
    edit: Edit,
) -> Result<Touched, EditError> {
    let copy = edit.clone();
    journal.capture_base(set);
    let touched = history.apply(set, edit)?;
    let _ = journal.record(&copy);
    Ok(touched)
}

/// Undo one step, recording the edit that undo applied.
pub fn undo_logged(
    set: &mut AnnotationSet,
    history: &mut History,
    journal: &mut Journal,
) -> Result<Option<Touched>, EditError> {
    step_logged(set, history, journal, false)
}

/// Redo one step, recording the edit that redo applied.
pub fn redo_logged(
    set: &mut AnnotationSet,
    history: &mut History,
    journal: &mut Journal,
) -> Result<Option<Touched>, EditError> {
    step_logged(set, history, journal, true)
}

fn step_logged(
    set: &mut AnnotationSet,
    history: &mut History,
    journal: &mut Journal,
    redo: bool,
) -> Result<Option<Touched>, EditError> {
    let next = if redo {
        history.next_redo()
    } else {
        history.next_undo()
    };
    let Some(edit) = next.cloned() else {
        return Ok(None);
    };
    let touched = if redo {
        history.redo(set)?
    } else {
        history.undo(set)?
    };
    if touched.is_some() {
        let _ = journal.record(&edit);
    }
    Ok(touched)
}

/// Why a save did not happen. In every case the set, its history and the journal are intact.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file changed on disk since it was opened: offer reload, overwrite or save as.
    #[error("{0}. Reload it, overwrite it, or save under another name")]
    Conflict(Conflict),
    #[error("{0}. Your edits are kept (and in the recovery journal); try Save As elsewhere")]
    Storage(#[from] StorageError),
    /// The save failed and the journal could not be written either (a full disk and no data
    /// folder): the edits are only in memory, and the message must not promise a journal.
    #[error(
        "{error}. Your edits are kept in this window only: the recovery journal cannot be written either ({journal}). Save As elsewhere now"
    )]
    StorageUnjournalled {
        error: StorageError,
        journal: String,
    },
    /// A gold set that would not load back without problems: nothing was written.
    #[error(
        "The gold set was not saved: {0}. Nothing was written; your edits are kept (and in the recovery journal)"
    )]
    Invalid(String),
}

/// Save the set at `path`, atomically, after checking that the file there is still
/// `expected` (what was opened or last saved; `None` when there was no file). With
/// `overwrite` the check is skipped (the user chose to overwrite). On success returns the new
/// fingerprint to pass to the next save, marks the history saved and removes the journal.
pub fn save_logged(
    set: &mut AnnotationSet,
    history: &mut History,
    journal: &mut Journal,
    path: &Path,
    expected: Option<&Fingerprint>,
    overwrite: bool,
) -> Result<Fingerprint, SaveError> {
    if !overwrite {
        storage::check_unchanged(path, expected).map_err(SaveError::Conflict)?;
    }
    let previous = (set.created.clone(), set.modified.clone());
    let now = storage::now_rfc3339();
    if set.created.is_none() {
        set.created = Some(now.clone());
    }
    set.modified = Some(now);
    // Written (and hashed) on a second thread while it is produced; in place only after the
    // journal holds the save marker.
    let written = storage::stage_streamed(path, true, |emit| native::write_json_parts(set, emit));
    let committed = written.and_then(|written| {
        let sha = written.sha256.unwrap_or_default();
        // A journal that cannot take the marker is no reason not to save.
        let _ = journal.before_save(&sha);
        written.staged.commit().map(|()| (sha, written.size))
    });
    let (sha, size) = match committed {
        Ok(done) => done,
        Err(error) => {
            (set.created, set.modified) = previous;
            // Where are the edits now? Try the journal once more before saying.
            return Err(match journal.sync() {
                Ok(()) => SaveError::Storage(error),
                Err(journal_error) => SaveError::StorageUnjournalled {
                    error,
                    journal: journal_error.to_string(),
                },
            });
        }
    };
    history.mark_saved();
    journal.after_save(path, &sha);
    Ok(Fingerprint::of_written(path, size, sha))
}

#[cfg(test)]
mod tests;
