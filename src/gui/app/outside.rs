//! Changes from outside the window (a `git pull`, a colleague's save, a script) while a corpus
//! is open: the folder is watched ([`CorpusWatcher`]); once the changes have been quiet for
//! [`QUIET`], the rows of the documents they touch are read again (the whole corpus when a
//! file appeared or went), and a document open in the window whose file changed goes through
//! the conflict flow: read again at once when it has no unsaved edit, else the conflict
//! dialog (reload, overwrite, save as, cancel), as a save that meets a changed file does.
//! A document opened alone, with no corpus, is watched too: its folder, without subfolders
//! ([`FileWatch`]), and its set file's changes go through the same flow.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::NewsmarkApp;
use super::dialogs::Dialog;
use crate::gui::workspace::watcher::CorpusWatcher;

/// How long the changes must be quiet before they are taken in (a `git pull` writes many
/// files in a burst: one refresh, not one per file).
pub const QUIET: Duration = Duration::from_millis(300);

/// Above this many changed files, the corpus is read again whole (through its cache).
const MANY_FILES: usize = 200;

/// Changes are taken in once they have been quiet for [`QUIET`]: a burst is one refresh.
#[derive(Default)]
struct Quiet {
    last: Option<Instant>,
}

impl Quiet {
    /// Note this frame's changes (if any). True once changes came and have been quiet for
    /// [`QUIET`] (then it starts over); until then a frame is asked for when they will be.
    fn settled(&mut self, changed: bool, ctx: &egui::Context) -> bool {
        let now = Instant::now();
        if changed {
            self.last = Some(now);
        }
        let Some(last) = self.last else {
            return false;
        };
        let quiet_for = now.saturating_duration_since(last);
        if quiet_for < QUIET {
            ctx.request_repaint_after(QUIET - quiet_for);
            return false;
        }
        self.last = None;
        true
    }
}

/// The watch on the open corpus, and the changes not yet taken in.
pub struct OutsideChanges {
    watcher: Option<CorpusWatcher>,
    /// The watch could not be started: not tried again.
    failed: bool,
    pending: BTreeSet<PathBuf>,
    quiet: Quiet,
}

impl OutsideChanges {
    pub fn new() -> Self {
        Self {
            watcher: None,
            failed: false,
            pending: BTreeSet::new(),
            quiet: Quiet::default(),
        }
    }
}

impl Default for OutsideChanges {
    fn default() -> Self {
        Self::new()
    }
}

/// The watch on the folder of a document opened alone (no corpus open).
#[derive(Default)]
pub struct FileWatch {
    /// The folder watched (or that could not be watched: not tried again).
    folder: Option<PathBuf>,
    watcher: Option<CorpusWatcher>,
    quiet: Quiet,
}

impl NewsmarkApp {
    /// Once per frame, for a document opened alone: watch its folder (again when the
    /// document's file moved to another one) and, once its set file's changes have been quiet
    /// for [`QUIET`], take them in as a corpus window does (read again, or ask).
    pub(super) fn poll_file_changes(&mut self, ctx: &egui::Context) {
        let (None, Some(doc)) = (&self.workspace, &self.doc) else {
            if self.file_watch.folder.is_some() {
                self.file_watch = FileWatch::default();
            }
            return;
        };
        let path = doc.save_path();
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        // (Compared in place: nothing is allocated in a frame where the folder is the same.)
        if self.file_watch.folder.as_deref() != Some(folder) {
            self.file_watch = FileWatch {
                folder: Some(folder.to_path_buf()),
                ..FileWatch::default()
            };
            if !folder.is_dir() {
                // A new document whose folder does not exist yet: nothing to watch.
                return;
            }
            let waker = ctx.clone();
            match CorpusWatcher::watch_folder_waking(
                folder,
                notify::RecursiveMode::NonRecursive,
                move || waker.request_repaint_after(QUIET),
            ) {
                Ok(watcher) => self.file_watch.watcher = Some(watcher),
                Err(error) => {
                    let message = format!(
                        "Changes to {} from outside will not show: {error}",
                        path.display()
                    );
                    return self.error(message);
                }
            }
        }
        let Some(watcher) = &self.file_watch.watcher else {
            return;
        };
        let changed = same_file_among(&watcher.changed().0, path);
        if !self.file_watch.quiet.settled(changed, ctx) {
            return;
        }
        // The window's own save changes nothing here: the file is what it expects.
        if let Some(conflict) = doc.open.changed_on_disk() {
            self.open_document_changed_outside(conflict);
        }
    }

    /// Once per frame: start the watch (the first time), collect its events, and take the
    /// changes in once they have been quiet for [`QUIET`].
    pub(super) fn poll_outside_changes(&mut self, ctx: &egui::Context) {
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let changes = &mut workspace.outside;
        if changes.watcher.is_none() && !changes.failed {
            let waker = ctx.clone();
            match CorpusWatcher::watch_waking(&workspace.corpus.root, move || {
                waker.request_repaint_after(QUIET)
            }) {
                Ok(watcher) => {
                    let note = watcher.note.clone();
                    changes.watcher = Some(watcher);
                    if let Some(note) = note {
                        self.info(note);
                    }
                }
                Err(error) => {
                    changes.failed = true;
                    let message = format!("Changes from outside will not show: {error}");
                    return self.error(message);
                }
            }
            return;
        }
        let Some(watcher) = &changes.watcher else {
            return;
        };
        let (paths, errors) = watcher.changed();
        let changed = !paths.is_empty();
        changes.pending.extend(paths);
        if !changes.quiet.settled(changed, ctx) {
            if let Some(error) = errors.first() {
                self.error(format!("Watching the corpus: {error}"));
            }
            return;
        }
        let mut paths = std::mem::take(&mut changes.pending);
        // Asked once, before the open document is read again (which makes it current).
        match self.doc.as_ref().map(|doc| doc.open.changed_on_disk()) {
            Some(Some(conflict)) => self.open_document_changed_outside(conflict),
            // The window's own save of the open document: its row was refreshed by the save.
            Some(None) => {
                if let Some(doc) = &self.doc {
                    paths.remove(doc.save_path());
                }
            }
            None => {}
        }
        self.refresh_rows_for(&paths);
    }

    /// The open document's file changed on disk (`conflict`, not by this window): read it
    /// again when nothing here is unsaved, else ask as the conflict flow does.
    fn open_document_changed_outside(&mut self, conflict: crate::storage::Conflict) {
        let Some(doc) = &self.doc else {
            return;
        };
        let path = doc.save_path().to_path_buf();
        if !doc.is_dirty() && path.exists() {
            // (A file that no longer reads, half written or broken by hand, is said so in
            // a dialog, and the document here stays as it was.)
            if self.reload() {
                self.info(format!(
                    "{} changed on disk and was read again",
                    path.display()
                ));
            }
            return;
        }
        let asked = self
            .dialogs
            .iter()
            .any(|d| matches!(d, Dialog::Conflict { .. }));
        if !asked {
            self.show(Dialog::Conflict {
                path,
                message: conflict.to_string(),
            });
        }
    }

    /// Read again the rows of the documents `paths` belong to; the whole corpus when a path is
    /// new to it or gone (an article or set added, moved or deleted).
    pub(super) fn refresh_rows_for(&mut self, paths: &BTreeSet<PathBuf>) {
        let annotator = self.settings.annotator.clone();
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        // Many files at once (a large pull, a corpus-wide job): one reload through the cache
        // is cheaper than finding each file's document.
        if paths.len() > MANY_FILES {
            return self.reload_corpus();
        }
        let mut documents = BTreeSet::new();
        for path in paths {
            let known = path
                .is_file()
                .then(|| path.strip_prefix(&workspace.corpus.root).ok())
                .flatten()
                .and_then(|relative| relative.to_str())
                .map(|relative| relative.replace('\\', "/"))
                .and_then(|relative| workspace.corpus.document_index(&relative));
            match known {
                Some(document) => {
                    documents.insert(document);
                }
                None if path.is_dir() => {}
                None => return self.reload_corpus(),
            }
        }
        if documents.is_empty() {
            return;
        }
        // From the last, so a document removed by its refresh shifts none still to do.
        for &document in documents.iter().rev() {
            workspace.corpus.refresh(document);
        }
        workspace.rebuild(&annotator);
    }
}

/// Is `path` among `changed`, paths reported in `path`'s own folder (a folder watched
/// without its subfolders: the file name decides, however the folder was spelled)?
fn same_file_among(changed: &BTreeSet<PathBuf>, path: &Path) -> bool {
    changed.iter().any(|p| p.file_name() == path.file_name())
}
