//! Files: open, save (asking where a file must not be replaced silently), recovery, conflicts,
//! re-encode and re-anchor. The work is [`OpenSet`]'s; this turns its outcomes into words and
//! dialogs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::dialogs::{Dialog, PathDialog, PathPurpose, Pending, Report};
use super::{Doc, NewsmarkApp};
use crate::formats::OpenError;
use crate::formats::visible::count;
use crate::gui::settings::Settings;
use crate::gui::side_panel::SidePanel;
use crate::gui::text_view::ViewSelection;
use crate::journal::{RecoveryInfo, SaveError};
use crate::session::{LockState, OpenOptions, OpenSet, Opening, ReanchorError};

/// How many closed documents' undo histories the window keeps.
const KEPT_HISTORIES: usize = 32;

impl NewsmarkApp {
    pub(super) fn open_options(&self) -> OpenOptions {
        OpenOptions {
            user_schema: self
                .settings_path
                .as_ref()
                .and(Settings::user_schema_path()),
            annotator: Some(self.settings.annotator.clone()),
        }
    }

    /// Open a file, asking first if there are unsaved changes. It is read on a thread of its
    /// own while the window says what is being opened ([`Self::open_in_background`]).
    pub fn request_open(&mut self, path: PathBuf) {
        if path.is_dir() {
            return self.open_corpus(&path);
        }
        if self.doc.as_ref().is_some_and(|d| d.is_dirty()) {
            self.show(Dialog::Unsaved(Pending::Open(path)));
        } else {
            self.open_in_background(&path);
        }
    }

    /// Open a file now, on this thread, closing the current document (clean, or its changes
    /// dropped): for callers that need the document at once (a corpus's list, tests,
    /// benchmarks). The user's File > Open reads it off the frame thread.
    pub fn open_now(&mut self, path: &Path) {
        if path.is_dir() {
            return self.open_corpus(path);
        }
        // A file still being read is taken in first (then closed below), so that it cannot
        // replace this one when its thread is done.
        self.finish_opening(Duration::from_secs(600));
        // First release the current set (its lock, and its journal when clean), so that
        // opening the same set again is not taken for a second window.
        if let Some(previous) = self.doc.take() {
            self.close_doc(previous);
        }
        match OpenSet::open(path, &self.open_options()) {
            Ok(opening) => self.install(opening, path),
            Err(error) => self.open_failed(error),
        }
    }

    /// A file that could not be opened: a dialog, and the status line.
    pub(super) fn open_failed(&mut self, error: OpenError) {
        self.error_dialog("Cannot open the file", error.to_string());
        self.error(error.to_string());
    }

    /// Make a just opened set the window's document.
    pub(super) fn install(&mut self, opening: Opening, path: &Path) {
        // An article whose set exists opened that set: name (and remember) the set.
        let opened = opening.doc.opened_path().to_path_buf();
        let redirected = opened != path;
        let path = opened.as_path();
        let name = path.display().to_string();
        self.announce_lock_and_recovery(&opening.lock, opening.recovery, opening.doc.save_path());
        // Said again after "Opened …", which would hide it.
        let took_over = match &opening.lock {
            LockState::TakenOver(owner) => Some(format!(
                "; its lock, left by a Newsmark window that no longer runs ({owner}), is taken over"
            )),
            _ => None,
        };
        let spans = opening.doc.set().span_count();
        let warning = opening.doc.overwrite_warning().map(str::to_string);
        let mut open = opening.doc;
        let resumed = self.resume_kept_history(&mut open);
        self.doc = Some(Doc {
            open,
            view_state: ViewSelection::default(),
        });
        self.view.reset();
        self.side = SidePanel::default();
        self.linking = None;
        self.report = (!opening.problems.is_empty()).then(|| Report::Problems {
            file: name.clone(),
            problems: opening.problems,
        });
        self.settings.add_recent(path);
        self.save_settings();
        let took_over = took_over.unwrap_or_default();
        let resumed = match resumed {
            Some(0) => "; Redo takes up again the steps you undid before it was closed".to_string(),
            Some(1) => "; Undo takes back your last step before it was closed".to_string(),
            Some(steps) => {
                format!("; Undo takes back your {steps} steps from before it was closed")
            }
            None => String::new(),
        };
        self.info(if redirected {
            format!(
                "Opened {name} ({}), the set of that article, to go on with it{took_over}{resumed}",
                count(spans, "span", "spans")
            )
        } else {
            format!(
                "Opened {name} ({}){took_over}{resumed}",
                count(spans, "span", "spans")
            )
        });
        if let Some(warning) = warning {
            // Said now, and asked again before a save writes over it.
            self.info(warning);
        }
        self.ask_annotator_for_file(path);
    }

    /// Close `doc` (as [`OpenSet::close`]), keeping its undo history for when the same file
    /// is opened again in this window ([`Self::resume_kept_history`]). The last
    /// [`KEPT_HISTORIES`] are kept.
    pub(super) fn close_doc(&mut self, doc: Doc) {
        if let Some(kept) = doc.open.close_keeping_history() {
            self.kept_histories
                .retain(|other| other.save_path() != kept.save_path());
            self.kept_histories.push(kept);
            if self.kept_histories.len() > KEPT_HISTORIES {
                self.kept_histories.remove(0);
            }
        }
    }

    /// Take up the history kept for `open`'s file, if any and if the file is as it was left
    /// ([`OpenSet::resume_history`]); the steps Undo can take back, when it was.
    fn resume_kept_history(&mut self, open: &mut OpenSet) -> Option<usize> {
        let at = self
            .kept_histories
            .iter()
            .position(|kept| kept.save_path() == open.save_path())?;
        let kept = self.kept_histories.remove(at);
        let steps = kept.undo_steps();
        open.resume_history(kept).then_some(steps)
    }

    /// Tell the user about a set held by another window, and offer the journal a crash left
    /// (that offer is answered before anything else: it decides what is open).
    pub(super) fn announce_lock_and_recovery(
        &mut self,
        lock: &LockState,
        recovery: Option<RecoveryInfo>,
        save_path: &Path,
    ) {
        match lock {
            LockState::Held => {}
            LockState::TakenOver(owner) => self.info(format!(
                "{} was still locked by a Newsmark window that no longer runs ({owner}); the lock is taken over here.",
                save_path.display()
            )),
            LockState::HeldElsewhere(owner) => self.error_dialog(
                "Open in another window",
                format!(
                    "{} is already open in another Newsmark window ({owner}). Edits in both will conflict: saving here checks the file first and asks before replacing it.",
                    save_path.display()
                ),
            ),
            LockState::Unavailable(error) => self.error(error.clone()),
        }
        if let Some(info) = recovery {
            self.dialogs.push_front(Dialog::Recovery(info));
        }
    }

    /// Save to the current path (asking first where the file must not be replaced silently).
    pub fn save(&mut self) {
        let Some(doc) = &self.doc else { return };
        let path = doc.save_path().to_path_buf();
        if let Some(warning) = doc.overwrite_warning() {
            let warning = warning.to_string();
            self.show(Dialog::Overwrite { path, warning });
            return;
        }
        self.save_to(&path);
    }

    /// Save to `path` now. Returns whether it worked.
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.save_checked(path, false)
    }

    /// Save to `path`. Unless `overwrite`, the file there must be the one opened or last saved
    /// (a file changed by someone else is never replaced silently).
    pub fn save_checked(&mut self, path: &Path, overwrite: bool) -> bool {
        self.before_curation_save();
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match doc.save_to(path, overwrite) {
            Ok(saved) => {
                self.settings.add_recent(path);
                self.save_settings();
                self.info(format!(
                    "Saved {} ({})",
                    saved.path.display(),
                    count(saved.spans, "span", "spans")
                ));
                // The documents list shows the set as saved (state, spans, time) at once; a
                // file outside the corpus is none of its rows.
                let in_corpus = self.workspace.as_ref().is_some_and(|w| {
                    let absolute = |p: &Path| std::path::absolute(p).unwrap_or(p.to_path_buf());
                    absolute(&saved.path).starts_with(absolute(&w.corpus.root))
                });
                if in_corpus {
                    self.refresh_rows_for(&std::collections::BTreeSet::from([saved.path]));
                }
                true
            }
            Err(SaveError::Conflict(conflict)) => {
                self.show(Dialog::Conflict {
                    path: path.to_path_buf(),
                    message: conflict.to_string(),
                });
                false
            }
            Err(error) => {
                let text = error.to_string();
                self.error_dialog("Save failed", text.clone());
                self.error(text);
                false
            }
        }
    }

    /// Drop the changes here and read the set from disk again (after a conflict).
    /// Whether the file was read again (else a dialog says why, and the document stays).
    pub(super) fn reload(&mut self) -> bool {
        let options = self.open_options();
        let Some(doc) = &mut self.doc else {
            return false;
        };
        let path = doc.save_path().to_path_buf();
        match doc.open.reload(&options) {
            Ok(opening) => {
                self.doc = None;
                self.install(opening, &path);
                true
            }
            Err(error) => {
                self.error_dialog("Cannot reload the file", error.to_string());
                false
            }
        }
    }

    /// Merge the version on disk with the unsaved edits here, span by span (after a conflict:
    /// [`OpenSet::merge_with_disk`]); what the merge said stays on screen.
    pub(super) fn merge_with_disk(&mut self) {
        let options = self.open_options();
        let Some(doc) = &mut self.doc else { return };
        let path = doc.save_path().to_path_buf();
        match doc.open.merge_with_disk(&options) {
            Ok(merged) => {
                self.doc = None;
                self.install(merged.opening, &path);
                let conflicts = merged.conflicts.len();
                self.info(if conflicts == 0 {
                    "Merged the version on disk with your edits, no conflict (Ctrl+S saves; Ctrl+Z takes your edits back out)".to_string()
                } else {
                    format!(
                        "Merged the version on disk with your edits: {} left as suggestions (Ctrl+J goes to {}; Ctrl+S saves; Ctrl+Z takes your edits back out)",
                        count(conflicts, "conflict", "conflicts"),
                        if conflicts == 1 { "it" } else { "them" }
                    )
                });
                if conflicts > 0 || !merged.notes.is_empty() {
                    let lines: Vec<String> = merged
                        .conflicts
                        .iter()
                        .map(|c| format!("conflict: {c}"))
                        .chain(merged.notes.iter().map(|n| format!("note: {n}")))
                        .collect();
                    self.report = Some(Report::NotChanged {
                        title: "Merged with the version on disk".into(),
                        text: lines.join("\n"),
                    });
                }
            }
            Err(error) => self.error_dialog("Cannot merge", error.to_string()),
        }
    }

    /// Decode the article file again with another encoding (before any annotation exists).
    pub fn reencode(&mut self, encoding: &str) {
        let Some(doc) = &mut self.doc else { return };
        match doc.open.reencode(encoding) {
            Ok(done) => {
                doc.view_state = ViewSelection::default();
                self.view.reset();
                self.info(format!("Read {} as {}", done.path.display(), done.encoding));
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    /// Move the open set's annotations onto a changed version of its article (see
    /// [`OpenSet::reanchor_onto`]); the report stays on screen until dismissed.
    pub fn reanchor_onto(&mut self, article: &Path) {
        let Some(doc) = &mut self.doc else { return };
        match doc.open.reanchor_onto(article) {
            Ok(done) => {
                doc.view_state = ViewSelection::default();
                self.view.reset();
                let mut lines = vec![done.report.to_string()];
                if let Some(sidecar) = &done.sidecar {
                    lines.push(format!(
                        "The items that could not be placed were written to {}.",
                        sidecar.display()
                    ));
                }
                self.report = Some(Report::Reanchored(lines.join("\n")));
                self.info("Re-anchored: save to keep the result");
            }
            Err(error @ ReanchorError::Article { .. }) => {
                self.error_dialog("Cannot read the article", error.to_string());
            }
            Err(error @ ReanchorError::Sidecar(_)) => {
                self.error_dialog("Re-anchoring not applied", error.to_string());
            }
        }
    }

    /// The answer to "restore unsaved work?".
    pub(super) fn recovery_answered(&mut self, info: &RecoveryInfo, restore: bool) {
        let Some(doc) = &mut self.doc else { return };
        if !restore {
            match doc.open.discard_recovery(info) {
                Ok(()) => self.info("The unsaved edits were discarded"),
                Err(error) => self.error(format!("Could not remove the journal: {error}")),
            }
            return;
        }
        let merged_now = crate::session::state_digest(doc.open.set());
        match doc.open.recover(info) {
            Ok(report) => {
                doc.view_state = ViewSelection::default();
                self.view.reset();
                // "Restored 2 edits" (the report's own words, capitalised).
                let report = report.to_string();
                let mut words = report.chars();
                let said: String = words
                    .next()
                    .map(|first| first.to_uppercase().chain(words).collect())
                    .unwrap_or_default();
                self.info(said);
                if self.curation.open.is_some() {
                    self.curation_restored(info, &merged_now);
                }
            }
            Err(error) => self.error_dialog(
                "Could not restore",
                format!("{error:#}. The journal was kept."),
            ),
        }
    }

    /// Go on with what "save changes?" interrupted.
    pub(super) fn continue_pending(&mut self, pending: Pending) {
        match pending {
            Pending::Open(path) => self.open_in_background(&path),
            Pending::Close => {
                if let Some(doc) = self.doc.take() {
                    self.close_doc(doc);
                }
                self.view.reset();
            }
            Pending::Quit => self.quit_confirmed = true,
        }
    }

    /// The user chose to drop the unsaved changes (journal included), then go on.
    pub(super) fn discard_and_continue(&mut self, pending: Pending) {
        if let Some(doc) = self.doc.take() {
            doc.open.close_discarding();
        }
        self.view.reset();
        self.continue_pending(pending);
    }

    pub(super) fn open_dialog(&mut self) {
        if !self.native_dialogs {
            self.show(Dialog::Path(PathDialog::new(PathPurpose::Open, "", None)));
            return;
        }
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .add_filter("Articles and annotation sets", &["txt", "md", "json"])
            .add_filter("All files", &["*"])
            .pick_file();
        match picked {
            Some(path) => self.request_open(path),
            // No dialog could be shown (no portal, no zenity): answers at once.
            None if started.elapsed() < Duration::from_millis(300) => {
                self.show(Dialog::Path(PathDialog::new(
                    PathPurpose::Open,
                    "",
                    Some(NO_SYSTEM_DIALOG),
                )));
            }
            None => {}
        }
    }

    pub(super) fn save_as_dialog(&mut self) {
        let Some(doc) = &self.doc else { return };
        let current = doc.save_path().to_path_buf();
        let shown = current.display().to_string();
        if !self.native_dialogs {
            self.show(Dialog::Path(PathDialog::new(
                PathPurpose::SaveAs,
                &shown,
                None,
            )));
            return;
        }
        let started = Instant::now();
        let mut dialog = rfd::FileDialog::new().add_filter("Annotation set", &["json"]);
        if let Some(dir) = current.parent() {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = current.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        match dialog.save_file() {
            Some(path) => {
                self.save_to(&path);
            }
            None if started.elapsed() < Duration::from_millis(300) => {
                self.show(Dialog::Path(PathDialog::new(
                    PathPurpose::SaveAs,
                    &shown,
                    Some(NO_SYSTEM_DIALOG),
                )));
            }
            None => {}
        }
    }

    /// A path typed (or picked) for `purpose`.
    pub(super) fn path_chosen(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::Reanchor => self.reanchor_onto(&path),
            PathPurpose::SuggestFrom => self.suggest_from_file(&path),
            PathPurpose::Open => self.request_open(path),
            PathPurpose::DashboardCsv => self.export_dashboard_csv(&path),
            PathPurpose::SaveAs => {
                if path.exists() && self.doc.as_ref().is_some_and(|d| d.save_path() != path) {
                    let warning = format!("{} already exists.", path.display());
                    self.show(Dialog::Overwrite { path, warning });
                } else {
                    self.save_to(&path);
                }
            }
        }
    }
}

const NO_SYSTEM_DIALOG: &str = "No system file dialog is available here: type the path.";
