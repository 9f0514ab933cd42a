//! Recovery: finding a journal a crash left, saying what it would restore, and replaying it.

use std::path::{Path, PathBuf};

use super::{
    Base, BaseKind, Journal, JournalError, journal_path_beside, journal_path_in, read_journal,
    sync_folder,
};
use crate::formats;
use crate::formats::visible::count;
use crate::model::{AnnotationSet, History};
use crate::storage;

/// What a journal left by a crash would restore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryInfo {
    pub journal_path: PathBuf,
    /// The set the journal belongs to.
    pub set_path: PathBuf,
    /// The file to open as the base before replaying (the set, or the article).
    pub base_path: PathBuf,
    pub base_kind: BaseKind,
    /// The base file on disk is byte for byte the one the journal started from.
    pub base_matches: bool,
    /// Number of edits that will be replayed.
    pub edits: usize,
    /// Time of the last recorded edit (RFC 3339).
    pub last_time: Option<String>,
    /// Damaged lines at the end (a torn last write), ignored.
    pub damaged_lines: usize,
    /// The process that wrote the journal, when recorded. If it still runs (another window,
    /// [`storage::LockOwner::is_other_live_process`]) the journal is its live work, not a crash's.
    pub writer: Option<storage::LockOwner>,
    /// Other journals of the same set holding edits (a second crash's, in the other place):
    /// path and edit count. They are not replayed, and a save removes them: said in the offer.
    pub others: Vec<(PathBuf, usize)>,
    /// Where the set was when the journal was written, when that is not where it is now (the
    /// folder was moved or copied with its journal): the journal is read as this set's.
    pub written_at: Option<PathBuf>,
    /// Edits already contained in the base (written by a save the journal saw start).
    skip: usize,
}

impl std::fmt::Display for RecoveryInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} to {}, the last at {}{}",
            count(self.edits, "unsaved edit", "unsaved edits"),
            self.set_path.display(),
            self.last_time.as_deref().unwrap_or("an unknown time"),
            self.warnings()
        )
    }
}

impl RecoveryInfo {
    /// What may go wrong restoring it, as clauses in parentheses (empty when nothing).
    pub fn warnings(&self) -> String {
        use std::fmt::Write as _;
        let mut f = String::new();
        if let Some(at) = &self.written_at {
            let _ = write!(
                f,
                " (written when the set was at {}; the folder was moved or copied since)",
                at.display()
            );
        }
        if !self.base_matches {
            let _ = write!(
                f,
                " (warning: {} changed since; some edits may not apply)",
                self.base_path.display()
            );
        }
        for (path, edits) in &self.others {
            let _ = write!(
                f,
                " (another journal, {}, holds {} not restored with these; saving removes it)",
                path.display(),
                count(*edits, "edit that is", "edits that are")
            );
        }
        if self.damaged_lines > 0 {
            let _ = write!(
                f,
                " ({} at the end {} ignored)",
                count(self.damaged_lines, "damaged line", "damaged lines"),
                if self.damaged_lines == 1 {
                    "was"
                } else {
                    "were"
                }
            );
        }
        f
    }
}

/// The journal left for the set at `set_path`, if it holds edits not in the file on disk.
pub fn find_for(set_path: &Path) -> Option<RecoveryInfo> {
    find_in(set_path, storage::user_data_dir().as_deref())
}

/// [`find_for`] with another fallback folder than the user's data folder.
pub fn find_in(set_path: &Path, data_dir: Option<&Path>) -> Option<RecoveryInfo> {
    let candidates = [
        Some(journal_path_beside(set_path)),
        data_dir.map(|dir| journal_path_in(dir, set_path)),
    ];
    let found: Vec<RecoveryInfo> = candidates
        .into_iter()
        .flatten()
        .filter(|p| p.is_file())
        .filter_map(|p| inspect_for(&p, Some(set_path)).ok().flatten())
        .collect();
    // A crash's journal (its writer gone) before a live window's; of two, the newer.
    let live = |i: &RecoveryInfo| i.writer.as_ref().is_some_and(|w| w.is_other_live_process());
    let mut best = found
        .iter()
        .max_by(|a, b| {
            live(b)
                .cmp(&live(a))
                .then_with(|| a.last_time.cmp(&b.last_time))
        })?
        .clone();
    best.others = found
        .iter()
        .filter(|i| i.journal_path != best.journal_path)
        .map(|i| (i.journal_path.clone(), i.edits))
        .collect();
    Some(best)
}

/// Read a journal file and decide what recovering it would do. `Ok(None)`: nothing to
/// recover (no edits, or every edit is already in the saved file).
pub fn inspect(journal_path: &Path) -> Result<Option<RecoveryInfo>, JournalError> {
    inspect_for(journal_path, None)
}

/// [`inspect`] a journal found for the set at `asked`. A journal that names another path
/// (its folder was moved or copied, the journal with it: a hidden file beside the set) is
/// this set's: its set path becomes `asked`, and a base beside the old set path the file of
/// the same name beside `asked` (so the offer names this set, and a recovery neither reads
/// nor writes the other folder).
fn inspect_for(
    journal_path: &Path,
    asked: Option<&Path>,
) -> Result<Option<RecoveryInfo>, JournalError> {
    let bytes = storage::read_bounded(journal_path)?;
    let contents = read_journal(&bytes, &journal_path.display().to_string())?;
    let written = PathBuf::from(&contents.header.set_path);
    let moved = asked.filter(|asked| !same_place(asked, &written));
    let set_path = moved.map_or_else(|| written.clone(), Path::to_path_buf);
    let base = &contents.header.base;
    let base_path = match moved {
        None => PathBuf::from(&base.path),
        Some(asked) => {
            let old = Path::new(&base.path);
            if old == written {
                asked.to_path_buf()
            } else if old.parent() == written.parent()
                && let (Some(name), Some(folder)) = (old.file_name(), asked.parent())
            {
                folder.join(name)
            } else {
                old.to_path_buf()
            }
        }
    };
    let disk_sha = |path: &Path| {
        storage::read_bounded(path)
            .ok()
            .map(|b| storage::sha256_hex(&b))
    };
    let set_sha = disk_sha(&set_path);
    let base_sha = if base_path == set_path {
        set_sha.clone()
    } else {
        disk_sha(&base_path)
    };
    // A save that completed after its marker: the set file holds every edit before it.
    let mut edits_before = 0;
    let mut saved_at = None;
    for entry in &contents.entries {
        if entry.edit.is_some() {
            edits_before += 1;
        } else if set_sha.is_some() && entry.saving_sha256 == set_sha {
            saved_at = Some(edits_before);
        }
    }
    let total = contents.edit_count();
    let (base_path, base_kind, base_matches, skip) =
        if base_sha.as_deref() == Some(base.sha256.as_str()) {
            (base_path, base.kind, true, 0)
        } else if let Some(skip) = saved_at {
            (set_path.clone(), BaseKind::Set, true, skip)
        } else {
            (base_path, base.kind, false, 0)
        };
    let edits = total - skip;
    if edits == 0 {
        return Ok(None);
    }
    Ok(Some(RecoveryInfo {
        journal_path: journal_path.to_path_buf(),
        set_path,
        base_path,
        base_kind,
        base_matches,
        edits,
        last_time: contents
            .entries
            .iter()
            .rev()
            .find(|e| e.edit.is_some())
            .map(|e| e.time.clone()),
        damaged_lines: contents.damaged_lines,
        writer: contents.header.writer(),
        others: Vec::new(),
        written_at: moved.map(|_| written),
        skip,
    }))
}

/// Do `a` and `b` name the same file (compared as absolute, canonical paths where they exist)?
fn same_place(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| {
        std::fs::canonicalize(p)
            .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    a == b || canonical(a) == canonical(b)
}

/// What a recovery did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecoveryReport {
    pub replayed: usize,
    /// Edits that could not be applied (only when the base changed), with the reason.
    pub failed: Vec<String>,
    pub damaged_lines: usize,
    pub base_matches: bool,
}

impl std::fmt::Display for RecoveryReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "restored {}", count(self.replayed, "edit", "edits"))?;
        if !self.failed.is_empty() {
            write!(f, "; {} could not be applied:", self.failed.len())?;
            for failure in &self.failed {
                write!(f, "\n  {failure}")?;
            }
        }
        Ok(())
    }
}

/// A recovered set: replayed edits are undoable steps of `history`, not saved yet
/// (`history.is_dirty()`), and `journal` already holds them, so a second crash loses nothing.
#[derive(Debug)]
pub struct Recovered {
    pub set: AnnotationSet,
    pub history: History,
    pub journal: Journal,
    pub report: RecoveryReport,
}

/// Replay the journal described by `info` onto `base`, the set opened from `info.base_path`
/// (with [`formats::open_path`]).
pub fn recover(info: &RecoveryInfo, base: AnnotationSet) -> Result<Recovered, JournalError> {
    let bytes = storage::read_bounded(&info.journal_path)?;
    let contents = read_journal(&bytes, &info.journal_path.display().to_string())?;
    if base.text().sha256() != contents.header.text_sha256 {
        return Err(JournalError::TextChanged {
            journal: contents.header.text_sha256.clone(),
            now: base.text().sha256().to_string(),
        });
    }
    let mut set = base;
    let mut history = History::new();
    let mut replayed = Vec::new();
    let mut failed = Vec::new();
    let edits = contents
        .entries
        .into_iter()
        .filter_map(|e| e.edit.map(|edit| (e.seq, edit)));
    for (seq, edit) in edits.skip(info.skip) {
        let description = edit.describe();
        match history.apply(&mut set, edit.clone()) {
            Ok(_) => replayed.push(edit),
            Err(error) => failed.push(format!("edit {seq} ({description}): {error}")),
        }
    }
    let base_sha = storage::read_bounded(&info.base_path)
        .map(|b| storage::sha256_hex(&b))
        .unwrap_or_default();
    let mut journal = Journal::new(
        &info.set_path,
        Base::new(info.base_kind, &info.base_path, base_sha),
        set.text().sha256(),
    );
    journal.rewrite(&info.journal_path, &replayed)?;
    Ok(Recovered {
        set,
        history,
        journal,
        report: RecoveryReport {
            replayed: replayed.len(),
            failed,
            damaged_lines: contents.damaged_lines,
            base_matches: info.base_matches,
        },
    })
}

/// Open `info.base_path` and replay the journal onto it.
pub fn recover_from_disk(info: &RecoveryInfo) -> anyhow::Result<Recovered> {
    let opened = formats::open_path(&info.base_path, None)?;
    Ok(recover(info, opened.set)?)
}

/// The user chose not to restore: remove the journal.
pub fn discard_recovery(info: &RecoveryInfo) -> std::io::Result<()> {
    std::fs::remove_file(&info.journal_path)?;
    // A set that was never saved had its base kept beside the journal.
    let _ = std::fs::remove_file(Journal::snapshot_path(&info.journal_path));
    sync_folder(&info.journal_path);
    Ok(())
}
