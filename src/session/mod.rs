//! An open annotation set: [`OpenSet`] owns the set, its undo history, its recovery journal,
//! the fingerprint of the file it will be saved over, the lock that tells a second window,
//! and the paths. Every way of changing a set goes through it: the window, `newsmark
//! session`, `newsmark suggest`, `newsmark reanchor` and the imports that write sets. So an
//! action behaves the same everywhere, and the kill test (tests/kill_test.rs) covers the
//! window's path too.
//!
//! No global state: a corpus window holds as many as it likes, each with its own journal and
//! lock. Opening is one read of the file; holding one costs the set and its history.
//!
//! - this file: open, recover, apply / undo / redo, save (with the conflict check), save as,
//!   reload, re-encode, re-anchor, close;
//! - [`actions`]: the document actions of the window (labels, links, attributes,
//!   suggestions, review, find), each returning a typed outcome.

pub mod actions;
mod kept;
mod merge_disk;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::formats::plaintext::DecodeInfo;
use crate::formats::visible::count;
use crate::formats::{self, OpenError, Outcome, Problem, article};
use crate::journal::{self, Journal, JournalError, RecoveryInfo, RecoveryReport, SaveError};
use crate::model::edit::{Edit, EditError, Touched};
use crate::model::reanchor::ReanchorReport;
use crate::model::set::GOLD;
use crate::model::{AnnotationSet, Document, History};
use crate::storage::{self, Fingerprint, LockError, LockOwner, SetLock, StorageError};

pub use actions::*;
pub use kept::KeptHistory;
pub use merge_disk::{MergeWithDiskError, MergedWithDisk};

/// How to open a set.
#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    /// The user's schema file, for a new set over an article without a project schema.
    pub user_schema: Option<PathBuf>,
    /// Stamped on a set that names no annotator (when opening and saving).
    pub annotator: Option<String>,
}

/// The lock on an opened set.
#[derive(Debug)]
pub enum LockState {
    /// Held by this open set: a second window is told.
    Held,
    /// Held by this open set, taken over from a Newsmark process that no longer runs (it
    /// crashed or was killed): say so; any work it left is offered as a recovery.
    TakenOver(LockOwner),
    /// Another live Newsmark process has the set open. The set is open here anyway; saving
    /// checks the file first, so the two cannot silently overwrite each other.
    HeldElsewhere(LockOwner),
    /// The lock file could not be written (a read-only folder): open without a lock.
    Unavailable(String),
}

/// A set just opened, and what the caller should tell the user about it.
#[derive(Debug)]
pub struct Opening {
    pub doc: OpenSet,
    /// Problems found while loading, each naming its item and what was done.
    pub problems: Vec<Problem>,
    pub lock: LockState,
    /// A journal left by a crash, with edits the file does not hold: offer
    /// [`OpenSet::recover`] or [`OpenSet::discard_recovery`].
    pub recovery: Option<RecoveryInfo>,
}

/// Why a command that changes a set with nobody to ask (suggestions from the command line,
/// work on many sets of a corpus) left it alone. The user decides these in the window.
#[derive(Debug, thiserror::Error)]
pub enum LeftAlone {
    #[error(
        "open in another Newsmark window ({0}); not changed: close it there and run this again"
    )]
    OpenElsewhere(LockOwner),
    #[error(
        "a crash left {} in {}; not changed: open it in the window to recover or discard {}, \
         then run this again",
        count(*edits, "unsaved edit", "unsaved edits"),
        journal.display(),
        if *edits == 1 { "it" } else { "them" }
    )]
    RecoveryPending { journal: PathBuf, edits: usize },
}

/// The lock state after taking the lock of a set being opened.
fn lock_state(acquired: Result<SetLock, LockError>) -> (Option<SetLock>, LockState) {
    match acquired {
        Ok(lock) => {
            let state = match lock.taken_from() {
                Some(owner) => LockState::TakenOver(owner.clone()),
                None => LockState::Held,
            };
            (Some(lock), state)
        }
        Err(LockError::Held(owner)) => (None, LockState::HeldElsewhere(owner)),
        Err(error) => (None, LockState::Unavailable(error.to_string())),
    }
}

/// The journal to offer for `set_path` given its lock: none when another window holds the
/// set. Where no lock could be taken at all (a read-only folder and no data folder), a journal
/// that another running Newsmark process is writing makes the set held by it: that is its
/// live work, never a crash to recover.
fn recovery_for(set_path: &Path, lock: LockState) -> (LockState, Option<RecoveryInfo>) {
    if let LockState::HeldElsewhere(_) = lock {
        return (lock, None);
    }
    let found = journal::find_for(set_path);
    if let LockState::Unavailable(_) = lock
        && let Some(owner) = found
            .as_ref()
            .and_then(|info| info.writer.clone())
            .filter(LockOwner::is_other_live_process)
    {
        return (LockState::HeldElsewhere(owner), None);
    }
    (lock, found)
}

impl LeftAlone {
    fn pending(info: &RecoveryInfo) -> Self {
        LeftAlone::RecoveryPending {
            journal: info.journal_path.clone(),
            edits: info.edits,
        }
    }
}

impl Opening {
    /// The open set for a command that changes and saves it with nobody to ask. Refused when
    /// another window has the set open, or when a crash left a journal to recover: editing
    /// here would start a new journal over that one and lose its edits.
    pub fn for_unattended_write(self) -> Result<(OpenSet, Vec<Problem>), LeftAlone> {
        if let LockState::HeldElsewhere(owner) = self.lock {
            return Err(LeftAlone::OpenElsewhere(owner));
        }
        if let Some(info) = &self.recovery {
            // Dropped without closing: the journal and its base stay for the window.
            return Err(LeftAlone::pending(info));
        }
        Ok((self.doc, self.problems))
    }
}

/// The same checks for a write of the set at `set_path` that does not go through an open set
/// (work on many sets of a corpus): the set's lock, held until the returned guard is dropped.
/// `None` when the folder takes no lock file (the write goes ahead, as opening does).
pub fn claim_for_unattended_write(set_path: &Path) -> Result<Option<SetLock>, LeftAlone> {
    let lock = match SetLock::acquire(set_path) {
        Ok(lock) => Some(lock),
        Err(LockError::Held(owner)) => return Err(LeftAlone::OpenElsewhere(owner)),
        Err(LockError::Io { .. }) => None,
    };
    if let Some(info) = journal::find_for(set_path) {
        if lock.is_none()
            && let Some(owner) = info.writer.clone().filter(LockOwner::is_other_live_process)
        {
            return Err(LeftAlone::OpenElsewhere(owner));
        }
        return Err(LeftAlone::pending(&info));
    }
    Ok(lock)
}

/// A saved set.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub path: PathBuf,
    pub fingerprint: Fingerprint,
    pub spans: usize,
}

/// What re-encoding did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reencoded {
    pub path: PathBuf,
    pub encoding: String,
}

/// Why the article could not be read again in another encoding.
#[derive(Debug, thiserror::Error)]
pub enum ReencodeError {
    #[error(
        "Choose the encoding before annotating: this set already holds spans over its text. Open the article file again to read it as {0}"
    )]
    HasAnnotations(String),
    #[error("Cannot read it as {encoding}: {reason}")]
    Unreadable { encoding: String, reason: String },
}

/// What re-anchoring onto a changed article did (not saved yet).
#[derive(Clone, Debug)]
pub struct Reanchored {
    pub report: ReanchorReport,
    /// Where the items that could not be placed were written, if any.
    pub sidecar: Option<PathBuf>,
    /// The new article was the old one, byte for byte.
    pub unchanged: bool,
}

/// Why re-anchoring was not applied. The open set is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum ReanchorError {
    #[error("cannot read the article {path}: {reason}")]
    Article { path: PathBuf, reason: String },
    #[error("the unplaced items could not be kept ({0}); nothing was changed")]
    Sidecar(StorageError),
}

/// A problem when a set file's text is no longer its article's (the article beside it was
/// edited, or the set's text was edited by hand): its spans stay on its own text, and the
/// message says where the two part and how to move the spans onto the article.
fn text_against_its_article(set_path: &Path, text: &str) -> Option<Problem> {
    let article_path = article::article_for_set(set_path)?;
    let article_text = article::read_article(&article_path).ok()?;
    let (line, column) = article::first_difference(text, &article_text)?;
    Some(Problem {
        outcome: Outcome::Kept,
        item: set_path.display().to_string(),
        message: format!(
            "its text is not the text of its article {} any more (they differ from line {line}, \
             column {column}): its spans stay on its own text, which is what is shown. To move \
             them onto the article: File > Re-anchor onto a changed article…, or `newsmark \
             reanchor {} {} -o {}`",
            article_path.display(),
            set_path.display(),
            article_path.display(),
            set_path.display(),
        ),
    })
}

/// An open annotation set. See the module documentation.
#[derive(Debug)]
pub struct OpenSet {
    set: AnnotationSet,
    history: History,
    /// Every applied edit, written at once and flushed within [`journal::MAX_SYNC_DELAY`].
    journal: Journal,
    /// Where Save writes.
    save_path: PathBuf,
    /// The file the text was read from (the set, or the article).
    opened_path: PathBuf,
    /// For an article: how its bytes were decoded.
    decoded: Option<DecodeInfo>,
    /// The file at `save_path` as opened or last saved: a save first checks it is unchanged.
    expected: Option<Fingerprint>,
    lock: Option<SetLock>,
    /// Why the file at `save_path` must not be replaced without asking, if it must not.
    overwrite_warning: Option<String>,
    annotator: Option<String>,
}

impl OpenSet {
    /// Open any file [`formats::open_path`] takes: a saved set, or an article (a new set,
    /// saved beside it). Takes the set's lock when it can; never replays a journal by itself.
    pub fn open(path: &Path, options: &OpenOptions) -> Result<Opening, OpenError> {
        let annotator = options.annotator.as_deref().filter(|a| !a.is_empty());
        // An article whose set (this annotator's) exists opens that set: the work goes on
        // where it was left, rather than in a new, empty set beside it.
        let existing = (!formats::is_set_path(path))
            .then(|| formats::set_path_for_annotator(path, annotator))
            .filter(|set| set.is_file());
        let path = existing.as_deref().unwrap_or(path);
        let opened = formats::open_path_as(path, options.user_schema.as_deref(), annotator)?;
        let someone_elses = match (&opened.set.annotator, annotator) {
            (Some(theirs), Some(me)) if opened.was_set && theirs != me && theirs != GOLD => {
                Some(theirs.clone())
            }
            _ => None,
        };
        let overwrite_warning = if let Some(theirs) = someone_elses {
            Some(format!(
                "{} is {theirs}'s set, and you annotate as {}: saving writes your changes into \
                 {theirs}'s work.",
                path.display(),
                annotator.unwrap_or_default()
            ))
        } else if opened.was_set && !opened.problems.is_empty() {
            Some(format!(
                "{} had {} when it was opened; saving writes the repaired set over it.",
                path.display(),
                count(opened.problems.len(), "problem", "problems")
            ))
        } else if !opened.was_set && opened.save_path.exists() {
            Some(format!(
                "{} already exists and holds other annotations.",
                opened.save_path.display()
            ))
        } else {
            None
        };
        let (lock, lock_state) = lock_state(SetLock::acquire(&opened.save_path));
        // A journal another window is writing is its live work, not a crash's: never offered.
        let (lock_state, recovery) = recovery_for(&opened.save_path, lock_state);
        let journal = Journal::for_opened(&opened);
        let mut problems = opened.problems;
        if opened.was_set {
            problems.extend(text_against_its_article(path, opened.set.text().as_str()));
        }
        let mut doc = OpenSet {
            set: opened.set,
            history: History::new(),
            journal,
            save_path: opened.save_path,
            opened_path: opened.opened_path,
            decoded: opened.decoded,
            expected: opened.save_fingerprint,
            lock,
            overwrite_warning,
            annotator: options.annotator.clone().filter(|a| !a.is_empty()),
        };
        doc.stamp_annotator();
        Ok(Opening {
            doc,
            problems,
            lock: lock_state,
            recovery,
        })
    }

    /// A new set that was never on disk (an import), to be saved at `save_path`. Saving it
    /// replaces nothing: a file already there is a conflict unless `overwrite` is passed.
    /// Its journal keeps the set as it was before the first edit (a snapshot beside the
    /// journal), so a crash loses nothing even though the set was never saved.
    pub fn create(set: AnnotationSet, save_path: &Path) -> Self {
        let journal = Journal::for_unsaved(save_path, set.text().sha256());
        let mut history = History::new();
        history.mark_unsaved();
        OpenSet {
            set,
            history,
            journal,
            save_path: save_path.to_path_buf(),
            opened_path: save_path.to_path_buf(),
            decoded: None,
            expected: None,
            lock: None,
            overwrite_warning: None,
            annotator: None,
        }
    }

    /// Like [`OpenSet::create`], for a set that replaces the file now at `save_path` (a gold
    /// set merged again over the previous one): saving replaces that file as it is now, and
    /// asks first if it changes meanwhile.
    pub fn create_replacing(set: AnnotationSet, save_path: &Path) -> Self {
        let mut doc = Self::create(set, save_path);
        doc.expected = Fingerprint::of_file(save_path).ok().flatten();
        doc
    }

    /// A new set the user is going to edit before it is saved (a curation's merged gold set):
    /// [`OpenSet::create`], or [`OpenSet::create_replacing`] when a file is at `save_path`,
    /// which also takes the lock of `save_path` and finds the journal a crash left there,
    /// exactly as [`OpenSet::open`] does. Recovering replays that journal onto the state it
    /// started from, not onto this new set.
    pub fn create_opening(set: AnnotationSet, save_path: &Path) -> Opening {
        let mut doc = if save_path.exists() {
            Self::create_replacing(set, save_path)
        } else {
            Self::create(set, save_path)
        };
        let (lock, state) = lock_state(SetLock::acquire(save_path));
        doc.lock = lock;
        let (lock, recovery) = recovery_for(save_path, state);
        Opening {
            doc,
            problems: Vec::new(),
            lock,
            recovery,
        }
    }

    /// The set itself, for bookkeeping that is not an annotation change: taking new ids for
    /// an edit about to be applied, or a record written just before saving (a curation's
    /// decisions). Every change to spans, relations or labels goes through [`OpenSet::apply`].
    pub fn set_for_bookkeeping(&mut self) -> &mut AnnotationSet {
        &mut self.set
    }

    fn stamp_annotator(&mut self) {
        if self.set.annotator.is_none()
            && let Some(name) = &self.annotator
        {
            self.set.annotator = Some(name.clone());
        }
    }

    // ---- Reading ----

    pub fn set(&self) -> &AnnotationSet {
        &self.set
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    pub fn save_path(&self) -> &Path {
        &self.save_path
    }

    pub fn opened_path(&self) -> &Path {
        &self.opened_path
    }

    pub fn decoded(&self) -> Option<&DecodeInfo> {
        self.decoded.as_ref()
    }

    /// Why saving over the file must be confirmed first, if it must.
    pub fn overwrite_warning(&self) -> Option<&str> {
        self.overwrite_warning.as_deref()
    }

    /// Whether the file at the save path is no longer the one opened or last saved (someone
    /// else saved it, a `git pull` replaced it, it was deleted): the conflict, if it is.
    pub fn changed_on_disk(&self) -> Option<storage::Conflict> {
        storage::check_unchanged(&self.save_path, self.expected.as_ref()).err()
    }

    /// The file name Save writes, for titles.
    pub fn file_name(&self) -> String {
        self.save_path.file_name().map_or_else(
            || self.save_path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The last failure to write the journal, if the latest write failed.
    pub fn journal_problem(&self) -> Option<&str> {
        self.journal.problem()
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    // ---- Recovery ----

    /// Replay the journal a crash left (as found by [`OpenSet::open`]) onto the file on disk:
    /// the replayed edits become undoable, unsaved steps.
    pub fn recover(&mut self, info: &RecoveryInfo) -> anyhow::Result<RecoveryReport> {
        let recovered = journal::recover_from_disk(info)?;
        self.set = recovered.set;
        self.history = recovered.history;
        self.journal = recovered.journal;
        self.expected = Fingerprint::of_file(&info.set_path).ok().flatten();
        self.stamp_annotator();
        Ok(recovered.report)
    }

    /// The user chose not to restore a crash's journal: remove it.
    pub fn discard_recovery(&mut self, info: &RecoveryInfo) -> std::io::Result<()> {
        journal::discard_recovery(info)
    }

    // ---- Edits, all through the history and the journal ----

    /// Apply a new edit as one undo step and record it in the journal. A journal failure does
    /// not refuse the edit: see [`OpenSet::journal_problem`].
    pub fn apply(&mut self, edit: Edit) -> Result<Touched, EditError> {
        journal::apply_logged(&mut self.set, &mut self.history, &mut self.journal, edit)
    }

    /// Undo one step (`Ok(None)`: nothing to undo).
    pub fn undo(&mut self) -> Result<Option<Touched>, EditError> {
        journal::undo_logged(&mut self.set, &mut self.history, &mut self.journal)
    }

    /// Redo one step (`Ok(None)`: nothing to redo).
    pub fn redo(&mut self) -> Result<Option<Touched>, EditError> {
        journal::redo_logged(&mut self.set, &mut self.history, &mut self.journal)
    }

    /// Flush the journal if its delay is up; call it on every frame or timer tick.
    pub fn flush_if_due(&mut self, now: Instant) -> Result<bool, JournalError> {
        self.journal.flush_if_due(now)
    }

    /// How long until the journal must be flushed (`None`: nothing pending).
    pub fn flush_due_in(&self, now: Instant) -> Option<Duration> {
        self.journal.due_in(now)
    }

    /// Flush the journal now.
    pub fn sync(&mut self) -> Result<(), JournalError> {
        self.journal.sync()
    }

    // ---- Saving ----

    /// Save where the set belongs, after checking that the file there is the one opened or
    /// last saved (`overwrite` skips the check: the user chose to replace it).
    pub fn save(&mut self, overwrite: bool) -> Result<Saved, SaveError> {
        let path = self.save_path.clone();
        self.save_to(&path, overwrite)
    }

    /// Save at `path`; another path than the current one becomes the set's path (and takes
    /// its lock). A file already at another path was agreed to by the caller (Save As asks).
    /// A gold set (one with a curation record) is first checked to load back without a
    /// problem, as `newsmark merge` and `curate` check it: an invalid gold set is never written.
    pub fn save_to(&mut self, path: &Path, overwrite: bool) -> Result<Saved, SaveError> {
        self.stamp_annotator();
        if self.set.curation.is_some() {
            formats::native::check_loads_back(&self.set).map_err(SaveError::Invalid)?;
        }
        let same_path = self.save_path == path;
        let expected = if same_path {
            self.expected.clone()
        } else {
            None
        };
        let overwrite = overwrite || (!same_path && path.exists());
        let fingerprint = journal::save_logged(
            &mut self.set,
            &mut self.history,
            &mut self.journal,
            path,
            expected.as_ref(),
            overwrite,
        )?;
        self.expected = Some(fingerprint.clone());
        if !same_path {
            self.lock = SetLock::acquire(path).ok();
            self.save_path = path.to_path_buf();
        }
        self.overwrite_warning = None;
        Ok(Saved {
            path: path.to_path_buf(),
            fingerprint,
            spans: self.set.span_count(),
        })
    }

    /// Drop what is here (its journal too) and open the file at the save path again, as it
    /// is on disk now (after a conflict: someone else's version).
    pub fn reload(&mut self, options: &OpenOptions) -> Result<Opening, OpenError> {
        self.journal.discard();
        self.lock = None;
        let path = if self.save_path.exists() {
            self.save_path.clone()
        } else {
            self.opened_path.clone()
        };
        OpenSet::open(&path, options)
    }

    /// Close: a clean set's journal is removed (it holds nothing unsaved), the lock released.
    /// A dirty set's journal stays for recovery: call [`OpenSet::close_discarding`] when the
    /// user chose to drop the changes.
    pub fn close(mut self) {
        if !self.is_dirty() {
            self.journal.discard();
        }
    }

    /// Close dropping unsaved changes, journal included.
    pub fn close_discarding(mut self) {
        self.journal.discard();
    }

    // ---- A new text ----

    /// Decode the article file again with another encoding. Only before any span exists:
    /// another decoding is another text, and spans would not fit it.
    pub fn reencode(&mut self, encoding: &str) -> Result<Reencoded, ReencodeError> {
        if self.set.span_count() > 0 || formats::is_set_path(&self.opened_path) {
            return Err(ReencodeError::HasAnnotations(encoding.to_string()));
        }
        let decoded = storage::read_bounded(&self.opened_path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                formats::plaintext::decode_as(&bytes, encoding).map_err(|e| e.to_string())
            })
            .map_err(|reason| ReencodeError::Unreadable {
                encoding: encoding.to_string(),
                reason,
            })?;
        let mut document = Document::new(decoded.text.clone());
        document.source = self.set.document.source.clone();
        document.encoding = Some(decoded.info().encoding.to_string());
        let schema = self.set.schema.clone();
        self.set = AnnotationSet::new(document, schema);
        self.stamp_annotator();
        self.history = History::new();
        self.journal.discard();
        // Recovery replays onto this decoding (kept as a snapshot at the first edit), not
        // onto the article read again in its default encoding.
        self.journal = Journal::for_unsaved(&self.save_path, self.set.text().sha256());
        self.decoded = Some(decoded.info());
        Ok(Reencoded {
            path: self.opened_path.clone(),
            encoding: encoding.to_string(),
        })
    }

    /// Move the annotations onto a changed version of the article. Spans keep their place
    /// where the text is unchanged, move by their text and context where it moved, and are
    /// listed (and written to `<set>.unplaced.json` beside the save path) where they cannot
    /// be placed. The result is unsaved; its history starts afresh.
    pub fn reanchor_onto(&mut self, article: &Path) -> Result<Reanchored, ReanchorError> {
        let sidecar = self.save_path.with_extension("unplaced.json");
        self.reanchor_with_sidecar(article, &sidecar)
    }

    /// [`OpenSet::reanchor_onto`] with the sidecar file named by the caller.
    pub fn reanchor_with_sidecar(
        &mut self,
        article: &Path,
        sidecar: &Path,
    ) -> Result<Reanchored, ReanchorError> {
        let decoded = storage::read_bounded(article)
            .map_err(|e| e.to_string())
            .and_then(|bytes| formats::plaintext::decode(&bytes).map_err(|e| e.to_string()))
            .map_err(|reason| ReanchorError::Article {
                path: article.to_path_buf(),
                reason,
            })?;
        let unchanged = decoded.text == self.set.text().as_str();
        let (mut set, report) = crate::model::reanchor::reanchor(&self.set, &decoded.text);
        set.document.source = Some(formats::source_name(article, &self.save_path));
        set.document.encoding = Some(decoded.encoding.to_string());
        let sidecar = if report.is_complete() {
            None
        } else {
            formats::write_unplaced_sidecar(&self.save_path, &report, sidecar)
                .map_err(ReanchorError::Sidecar)?;
            Some(sidecar.to_path_buf())
        };
        // A new text: the history of the old one does not apply to it.
        self.journal.discard();
        // The re-anchored spans are on no disk yet: the journal keeps them as its base.
        self.journal = Journal::for_unsaved(&self.save_path, set.text().sha256());
        self.set = set;
        self.opened_path = article.to_path_buf();
        self.decoded = Some(decoded.info());
        self.history = History::new();
        self.history.mark_unsaved();
        Ok(Reanchored {
            report,
            sidecar,
            unchanged,
        })
    }
}

/// A hash of the annotations (spans, relations, document labels) of a set, independent of
/// save times, for comparing states across processes (tests/kill_test.rs).
pub fn state_digest(set: &AnnotationSet) -> String {
    let spans: Vec<_> = set.spans_ordered().collect();
    let relations: Vec<_> = set.relations().collect();
    let json = serde_json::json!({
        "spans": spans,
        "relations": relations,
        "document_labels": set.document_labels,
    });
    storage::sha256_hex(json.to_string().as_bytes())[..16].to_string()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_recovery;
