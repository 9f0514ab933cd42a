//! The window's state and its frame: menus, palette, text view, span list, dialogs. UI code
//! here stays thin: user actions become [`Command`]s, changes to annotations become
//! [`Edit`]s applied through the history.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Color32, Id, Modal, RichText};

use super::command::Command;
use super::corpus_dialog::{CorpusAction, CorpusDialog, CorpusKind};
use super::find_bar::{FindAction, FindBar};
use super::settings::Settings;
use super::side_panel::{PanelAction, SidePanel};
use super::text_view::{RowMove, Selection, TextView, ViewAction, ViewSelection, label_color};
use crate::formats::plaintext::DecodeInfo;
use crate::formats::{self, Problem};
use crate::journal::{self, Journal, RecoveryInfo, SaveError};
use crate::model::edit::{self, Edit, EditError};
use crate::model::schema::AttributeType;
use crate::model::{AnnotationSet, History, Relation, RelationId, Review, SpanId};
use crate::storage::{self, Fingerprint, LockError, SetLock};
use crate::suggest::{self, review};

/// An open annotation set and everything about it that the window tracks.
pub struct OpenDoc {
    pub set: AnnotationSet,
    pub history: History,
    /// Where Save writes.
    pub save_path: PathBuf,
    pub view_state: ViewSelection,
    /// Why the file at `save_path` must not be replaced without asking, if it must not.
    pub overwrite_warning: Option<String>,
    /// Every applied edit, durable within half a second (crash recovery).
    pub journal: Journal,
    /// The file at `save_path` as opened or last saved: a save first checks it is unchanged.
    pub expected: Option<Fingerprint>,
    /// Held while the set is open here: a second window is told.
    pub lock: Option<SetLock>,
    /// The file the text was read from and how it was decoded.
    pub opened_path: PathBuf,
    pub decoded: Option<DecodeInfo>,
}

impl OpenDoc {
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    fn file_name(&self) -> String {
        self.save_path.file_name().map_or_else(
            || self.save_path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// What to do once the user has answered "save changes?".
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    Open(PathBuf),
    Close,
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum PathPurpose {
    Open,
    SaveAs,
    Reanchor,
    SuggestFrom,
}

struct PathDialog {
    purpose: PathPurpose,
    path: String,
    note: Option<String>,
}

#[derive(Clone, Debug)]
struct Status {
    text: String,
    error: bool,
}

pub struct NewsmarkApp {
    pub doc: Option<OpenDoc>,
    pub settings: Settings,
    settings_path: Option<PathBuf>,
    pub view: TextView,
    side: SidePanel,
    /// Linking: the span the link starts from, and the link being retargeted, if any.
    linking: Option<(SpanId, Option<RelationId>)>,
    /// Several link types fit: (from, to, retarget, candidates) waits for the user's choice.
    link_choice: Option<(SpanId, SpanId, Option<RelationId>, Vec<String>)>,
    queue: Vec<Command>,
    status: Option<Status>,
    problems: Option<(String, Vec<Problem>)>,
    error_dialog: Option<(String, String)>,
    path_dialog: Option<PathDialog>,
    unsaved_dialog: Option<Pending>,
    overwrite_dialog: Option<(PathBuf, String)>,
    help_open: bool,
    corpus: Option<CorpusDialog>,
    /// The report of the last re-anchoring, shown until dismissed.
    reanchor_report: Option<String>,
    /// The find bar, while open.
    pub find: Option<FindBar>,
    /// A journal left by a crash for the file just opened: restore or discard?
    recovery: Option<RecoveryInfo>,
    /// A save found the file changed on disk: reload, overwrite or save as?
    conflict: Option<(PathBuf, String)>,
    /// Use the system file dialogs (off in tests).
    pub native_dialogs: bool,
    quit_confirmed: bool,
    title: String,
    theme_applied: Option<bool>,
}

impl NewsmarkApp {
    /// A window with settings read from (and saved to) `settings_path`, if given.
    pub fn new(settings_path: Option<PathBuf>, native_dialogs: bool) -> Self {
        let (settings, settings_problem) = match &settings_path {
            Some(path) => Settings::load(path),
            None => (Settings::default(), None),
        };
        let mut view = TextView::default();
        view.font_size = settings.font_size;
        view.word_snapping = settings.word_snapping;
        view.label_tags = settings.label_tags;
        Self {
            doc: None,
            settings,
            settings_path,
            view,
            side: SidePanel::default(),
            linking: None,
            link_choice: None,
            queue: Vec::new(),
            status: settings_problem.map(|text| Status { text, error: true }),
            problems: None,
            error_dialog: None,
            path_dialog: None,
            unsaved_dialog: None,
            overwrite_dialog: None,
            help_open: false,
            corpus: None,
            reanchor_report: None,
            find: None,
            recovery: None,
            conflict: None,
            native_dialogs,
            quit_confirmed: false,
            title: String::new(),
            theme_applied: None,
        }
    }

    /// Queue a command as if chosen from a menu.
    pub fn send(&mut self, command: Command) {
        self.queue.push(command);
    }

    pub fn status_text(&self) -> Option<&str> {
        self.status.as_ref().map(|s| s.text.as_str())
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    // ----------------------------------------------------------------------------------------
    // Files

    /// Open a file, asking first if there are unsaved changes.
    pub fn request_open(&mut self, path: PathBuf) {
        if self.doc.as_ref().is_some_and(OpenDoc::is_dirty) {
            self.unsaved_dialog = Some(Pending::Open(path));
        } else {
            self.open_now(&path);
        }
    }

    /// Open a file now, discarding the current document.
    pub fn open_now(&mut self, path: &Path) {
        let user_schema = self
            .settings_path
            .as_ref()
            .and(Settings::user_schema_path());
        match formats::open_path(path, user_schema.as_deref()) {
            Ok(opened) => {
                let name = path.display().to_string();
                let overwrite_warning = if opened.was_set && !opened.problems.is_empty() {
                    Some(format!(
                        "{} had {} problem(s) when it was opened; saving writes the repaired set over it.",
                        name,
                        opened.problems.len()
                    ))
                } else if !opened.was_set && opened.save_path.exists() {
                    Some(format!(
                        "{} already exists and holds other annotations.",
                        opened.save_path.display()
                    ))
                } else {
                    None
                };
                let recovery = journal::find_for(&opened.save_path);
                let lock = match SetLock::acquire(&opened.save_path) {
                    Ok(lock) => Some(lock),
                    Err(LockError::Held(owner)) => {
                        self.error_dialog = Some((
                            "Open in another window".into(),
                            format!(
                                "{} is already open in another Newsmark window ({owner}). Edits in both will conflict: saving here checks the file first and asks before replacing it.",
                                opened.save_path.display()
                            ),
                        ));
                        None
                    }
                    Err(error) => {
                        self.status = Some(Status {
                            text: error.to_string(),
                            error: true,
                        });
                        None
                    }
                };
                let journal = Journal::for_opened(&opened);
                let mut set = opened.set;
                if set.annotator.is_none() && !self.settings.annotator.is_empty() {
                    set.annotator = Some(self.settings.annotator.clone());
                }
                let spans = set.span_count();
                // Release the previous document's lock and clean its journal if it was clean.
                if let Some(previous) = &mut self.doc
                    && !previous.is_dirty()
                {
                    previous.journal.discard();
                }
                self.doc = Some(OpenDoc {
                    set,
                    history: History::new(),
                    save_path: opened.save_path,
                    view_state: ViewSelection::default(),
                    overwrite_warning,
                    journal,
                    expected: opened.save_fingerprint,
                    lock,
                    opened_path: opened.opened_path,
                    decoded: opened.decoded,
                });
                self.recovery = recovery;
                self.view.reset();
                self.side = SidePanel::default();
                self.linking = None;
                if opened.problems.is_empty() {
                    self.problems = None;
                } else {
                    self.problems = Some((name.clone(), opened.problems));
                }
                self.settings.add_recent(path);
                self.save_settings();
                self.info(format!("Opened {name} ({spans} spans)"));
            }
            Err(error) => {
                self.error_dialog = Some(("Cannot open the file".into(), error.to_string()));
                self.error(error.to_string());
            }
        }
    }

    /// Save to the current path (asking first where the file must not be replaced silently).
    pub fn save(&mut self) {
        let Some(doc) = &self.doc else { return };
        if let Some(warning) = &doc.overwrite_warning {
            self.overwrite_dialog = Some((doc.save_path.clone(), warning.clone()));
            return;
        }
        let path = doc.save_path.clone();
        self.save_to(&path);
    }

    /// Save to `path` now. Returns whether it worked.
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.save_checked(path, false)
    }

    /// Save to `path`. Unless `overwrite`, the file there must be the one opened or last saved
    /// (a file changed by someone else is never replaced silently).
    pub fn save_checked(&mut self, path: &Path, overwrite: bool) -> bool {
        let Some(doc) = &mut self.doc else {
            return false;
        };
        if doc.set.annotator.is_none() && !self.settings.annotator.is_empty() {
            doc.set.annotator = Some(self.settings.annotator.clone());
        }
        // The fingerprint to compare with: the opened file when saving in place; for another
        // path, a file already there was agreed to (Save As asks) or there is none.
        let same_path = doc.save_path == path;
        let expected = if same_path {
            doc.expected.clone()
        } else {
            None
        };
        let overwrite = overwrite || (!same_path && path.exists());
        match journal::save_logged(
            &mut doc.set,
            &mut doc.history,
            &mut doc.journal,
            path,
            expected.as_ref(),
            overwrite,
        ) {
            Ok(fingerprint) => {
                doc.expected = Some(fingerprint);
                if !same_path {
                    doc.lock = SetLock::acquire(path).ok();
                }
                doc.save_path = path.to_path_buf();
                doc.overwrite_warning = None;
                let text = format!("Saved {} ({} spans)", path.display(), doc.set.span_count());
                self.settings.add_recent(path);
                self.save_settings();
                self.info(text);
                true
            }
            Err(SaveError::Conflict(conflict)) => {
                self.conflict = Some((path.to_path_buf(), conflict.to_string()));
                false
            }
            Err(error) => {
                let text = error.to_string();
                self.error_dialog = Some(("Save failed".into(), text.clone()));
                self.error(text);
                false
            }
        }
    }

    /// Decode the article file again with another encoding (before any annotation exists:
    /// another decoding is another text, and spans would not fit it).
    pub fn reencode(&mut self, encoding: &str) {
        let Some(doc) = &mut self.doc else { return };
        if doc.set.span_count() > 0 || formats::is_set_path(&doc.opened_path) {
            self.error(format!(
                "Choose the encoding before annotating: this set already holds spans over its text. Open the article file again to read it as {encoding}"
            ));
            return;
        }
        let decoded = storage::read_bounded(&doc.opened_path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                formats::plaintext::decode_as(&bytes, encoding).map_err(|e| e.to_string())
            });
        match decoded {
            Ok(decoded) => {
                let mut document = crate::model::Document::new(decoded.text.clone());
                document.source = doc.set.document.source.clone();
                document.encoding = Some(decoded.info().encoding.to_string());
                let schema = doc.set.schema.clone();
                doc.set = AnnotationSet::new(document, schema);
                doc.history = History::new();
                doc.journal = Journal::new(
                    &doc.save_path,
                    journal::Base::new(
                        journal::BaseKind::Article,
                        &doc.opened_path,
                        storage::sha256_hex(decoded.text.as_bytes()),
                    ),
                    doc.set.text().sha256(),
                );
                doc.decoded = Some(decoded.info());
                let message = format!("Read {} as {encoding}", doc.opened_path.display());
                self.view.reset();
                self.info(message);
            }
            Err(error) => self.error(format!("Cannot read it as {encoding}: {error}")),
        }
    }

    /// Move the open set's annotations onto a changed version of its article. Spans keep
    /// their place where the text is unchanged, move by their text and context where it moved,
    /// and are listed (and written beside the set) where they cannot be placed.
    pub fn reanchor_onto(&mut self, article: &Path) {
        let Some(doc) = &mut self.doc else { return };
        let decoded = match storage::read_bounded(article)
            .map_err(|e| e.to_string())
            .and_then(|bytes| formats::plaintext::decode(&bytes).map_err(|e| e.to_string()))
        {
            Ok(decoded) => decoded,
            Err(error) => {
                self.error_dialog = Some((
                    "Cannot read the article".into(),
                    format!("{}: {error}", article.display()),
                ));
                return;
            }
        };
        let (mut set, report) = crate::model::reanchor::reanchor(&doc.set, &decoded.text);
        set.document.source = Some(article.display().to_string());
        set.document.encoding = Some(decoded.encoding.to_string());
        let mut lines = vec![report.to_string()];
        if !report.is_complete() {
            let sidecar = doc.save_path.with_extension("unplaced.json");
            match formats::write_unplaced_sidecar(&doc.save_path, &report, &sidecar) {
                Ok(()) => lines.push(format!(
                    "The items that could not be placed were written to {}.",
                    sidecar.display()
                )),
                Err(error) => {
                    self.error_dialog = Some((
                        "Re-anchoring not applied".into(),
                        format!(
                            "The unplaced items could not be kept ({error}); nothing was changed."
                        ),
                    ));
                    return;
                }
            }
        }
        // A new text: the history of the old one does not apply to it.
        doc.journal.discard();
        doc.journal = Journal::new(
            &doc.save_path,
            journal::Base::new(
                journal::BaseKind::Article,
                article,
                storage::sha256_hex(decoded.text.as_bytes()),
            ),
            set.text().sha256(),
        );
        doc.set = set;
        doc.history = History::new();
        doc.history.mark_unsaved();
        doc.view_state = ViewSelection::default();
        self.view.reset();
        self.reanchor_report = Some(lines.join("\n"));
        self.info("Re-anchored: save to keep the result");
    }

    fn save_settings(&mut self) {
        self.settings.font_size = self.view.font_size;
        self.settings.word_snapping = self.view.word_snapping;
        self.settings.label_tags = self.view.label_tags;
        if let Some(path) = &self.settings_path
            && let Err(error) = self.settings.save(path)
        {
            self.status = Some(Status {
                text: format!("Settings not saved: {error}"),
                error: true,
            });
        }
    }

    fn open_dialog(&mut self) {
        if self.native_dialogs {
            let started = Instant::now();
            let picked = rfd::FileDialog::new()
                .add_filter("Articles and annotation sets", &["txt", "md", "json"])
                .add_filter("All files", &["*"])
                .pick_file();
            match picked {
                Some(path) => self.request_open(path),
                // No dialog could be shown (no portal, no zenity): answers at once.
                None if started.elapsed() < Duration::from_millis(300) => {
                    self.path_dialog = Some(PathDialog {
                        purpose: PathPurpose::Open,
                        path: String::new(),
                        note: Some(
                            "No system file dialog is available here: type the path.".into(),
                        ),
                    });
                }
                None => {}
            }
        } else {
            self.path_dialog = Some(PathDialog {
                purpose: PathPurpose::Open,
                path: String::new(),
                note: None,
            });
        }
    }

    fn save_as_dialog(&mut self) {
        let Some(doc) = &self.doc else { return };
        let current = doc.save_path.clone();
        if self.native_dialogs {
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
                    self.path_dialog = Some(PathDialog {
                        purpose: PathPurpose::SaveAs,
                        path: current.display().to_string(),
                        note: Some(
                            "No system file dialog is available here: type the path.".into(),
                        ),
                    });
                }
                None => {}
            }
        } else {
            self.path_dialog = Some(PathDialog {
                purpose: PathPurpose::SaveAs,
                path: current.display().to_string(),
                note: None,
            });
        }
    }

    fn continue_pending(&mut self, pending: Pending) {
        match pending {
            Pending::Open(path) => self.open_now(&path),
            Pending::Close => {
                if let Some(doc) = &mut self.doc
                    && !doc.is_dirty()
                {
                    doc.journal.discard();
                }
                self.doc = None;
                self.view.reset();
            }
            Pending::Quit => self.quit_confirmed = true,
        }
    }

    // ----------------------------------------------------------------------------------------
    // Edits

    /// Apply an edit through the history, showing any refusal.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let Some(doc) = &mut self.doc else {
            return Ok(());
        };
        let description = edit.describe();
        match journal::apply_logged(&mut doc.set, &mut doc.history, &mut doc.journal, edit) {
            Ok(_) => {
                self.info(description);
                Ok(())
            }
            Err(error) => {
                self.error(format!("Not done: {error}"));
                Err(error)
            }
        }
    }

    fn undo_redo(&mut self, redo: bool) {
        let Some(doc) = &mut self.doc else { return };
        let description = doc.history.describe_undo();
        let result = if redo {
            journal::redo_logged(&mut doc.set, &mut doc.history, &mut doc.journal)
        } else {
            journal::undo_logged(&mut doc.set, &mut doc.history, &mut doc.journal)
        };
        match result {
            Ok(Some(touched)) => {
                if doc
                    .view_state
                    .selected_span
                    .is_some_and(|id| doc.set.span(id).is_none())
                {
                    doc.view_state.selected_span = None;
                }
                if let Some(range) = touched.range {
                    self.view.reveal(range);
                }
                let verb = if redo { "Redid" } else { "Undid" };
                let what = if redo {
                    String::new()
                } else {
                    description.unwrap_or_default()
                };
                self.info(format!("{verb} {what}"));
            }
            Ok(None) => self.info(if redo {
                "Nothing to redo"
            } else {
                "Nothing to undo"
            }),
            Err(error) => self.error(format!(
                "Cannot {}: {error}",
                if redo { "redo" } else { "undo" }
            )),
        }
    }

    fn apply_label(&mut self, label: &str) {
        let Some(doc) = &mut self.doc else { return };
        let selection = doc.view_state.selection.range();
        if !selection.is_empty() {
            let Some(range) = crate::model::words::trim_whitespace(doc.set.text(), selection)
            else {
                self.error("The selection is only whitespace");
                return;
            };
            let edit = edit::add_span(&mut doc.set, label, range.clone());
            let Edit::AddSpan(span) = &edit else { return };
            let id = span.id;
            if self.apply(edit).is_ok()
                && let Some(doc) = &mut self.doc
            {
                doc.view_state.selected_span = Some(id);
                doc.view_state.selection = Selection::caret(range.end);
            }
        } else if let Some(id) = doc.view_state.selected_span {
            if let Some(span) = doc.set.span(id) {
                let mut span = span.clone();
                span.label = label.to_string();
                let _ = self.apply(Edit::UpdateSpan(span));
            }
        } else {
            self.info(
                "Select some text (drag, double-click or Shift+arrows) or click a span first",
            );
        }
    }

    fn move_boundary(&mut self, start_side: bool, delta: isize) {
        let Some(doc) = &self.doc else { return };
        let Some(span) = doc.view_state.selected_span.and_then(|id| doc.set.span(id)) else {
            self.info("Click a span first");
            return;
        };
        let mut span = span.clone();
        let bound = if start_side {
            &mut span.start
        } else {
            &mut span.end
        };
        *bound = bound.saturating_add_signed(delta);
        if span.start >= span.end {
            self.error("A span cannot become empty");
            return;
        }
        let range = span.range();
        if self.apply(Edit::UpdateSpan(span)).is_ok() {
            self.view.reveal(range);
        }
    }

    fn select_neighbour(&mut self, forward: bool) {
        let Some(doc) = &mut self.doc else { return };
        let current = doc.view_state.selected_span.and_then(|id| doc.set.span(id));
        let key = match current {
            Some(span) => (span.start, span.end, span.id),
            None => {
                let caret = doc.view_state.selection.cursor;
                if forward {
                    (caret, 0, SpanId(0))
                } else {
                    (caret, usize::MAX, SpanId(u64::MAX))
                }
            }
        };
        let next = if forward {
            doc.set.span_after(key)
        } else {
            doc.set.span_before(key)
        };
        if let Some(id) = next {
            self.select_span(id);
        }
    }

    /// Select a span and scroll it into view.
    pub fn select_span(&mut self, id: SpanId) {
        let Some(doc) = &mut self.doc else { return };
        let Some(span) = doc.set.span(id) else { return };
        let range = span.range();
        doc.view_state.selected_span = Some(id);
        doc.view_state.selection = Selection::caret(range.start);
        self.view.reveal(range);
    }

    fn move_caret(&mut self, extend: bool, to: impl Fn(&AnnotationSet, usize) -> usize) {
        let Some(doc) = &mut self.doc else { return };
        let state = &mut doc.view_state;
        let target = to(&doc.set, state.selection.cursor);
        if extend {
            state.selection.cursor = target;
        } else {
            state.selection = Selection::caret(target);
        }
        state.selected_span = None;
        self.view.reveal(target..target);
    }

    // ----------------------------------------------------------------------------------------
    // Links, attributes, suggestions

    /// Link mode: the next span clicked becomes the link's target.
    pub fn start_link(&mut self, from: SpanId, retarget: Option<RelationId>) {
        self.linking = Some((from, retarget));
        self.info("Click the span to link to (Esc cancels)");
    }

    /// Make (or retarget) a link from `from` to `to`. With `label` unset the schema decides;
    /// when several types fit, the user is asked.
    pub fn finish_link(
        &mut self,
        from: SpanId,
        to: SpanId,
        retarget: Option<RelationId>,
        label: Option<String>,
    ) {
        let Some(doc) = &mut self.doc else { return };
        let (Some(source), Some(target)) = (doc.set.span(from), doc.set.span(to)) else {
            return;
        };
        let label = match label {
            Some(label) => label,
            None => {
                let candidates: Vec<String> = doc
                    .set
                    .schema
                    .relations
                    .iter()
                    .filter(|r| {
                        doc.set
                            .schema
                            .relation_refusal(&r.name, &source.label, &target.label)
                            .is_none()
                    })
                    .map(|r| r.name.clone())
                    .collect();
                match candidates.len() {
                    0 => {
                        let allowed: Vec<String> = doc
                            .set
                            .schema
                            .relations
                            .iter()
                            .filter(|r| r.from.contains(&source.label))
                            .map(|r| {
                                format!(
                                    "{} to {}",
                                    r.name,
                                    if r.to.is_empty() {
                                        "any label".into()
                                    } else {
                                        r.to.join("/")
                                    }
                                )
                            })
                            .collect();
                        let why = if allowed.is_empty() {
                            format!("the schema has no link type from {}", source.label)
                        } else {
                            format!(
                                "from {} the schema allows {}",
                                source.label,
                                allowed.join("; ")
                            )
                        };
                        let message =
                            format!("Cannot link {} to {}: {why}", source.label, target.label);
                        self.error(message);
                        return;
                    }
                    1 => candidates[0].clone(),
                    _ => {
                        self.link_choice = Some((from, to, retarget, candidates));
                        return;
                    }
                }
            }
        };
        let edit = match retarget.and_then(|id| doc.set.relation(id)) {
            Some(existing) => {
                let mut changed = existing.clone();
                changed.to = to;
                changed.label = label;
                Edit::UpdateRelation(changed)
            }
            None => Edit::AddRelation(Relation {
                id: doc.set.new_relation_id(),
                label,
                from,
                to,
                origin: None,
                review: Review::Accepted,
            }),
        };
        let _ = self.apply(edit);
    }

    fn cycle_attribute(&mut self, n: u8) {
        let Some(doc) = &self.doc else { return };
        let Some(span) = doc.view_state.selected_span.and_then(|id| doc.set.span(id)) else {
            self.info("Click a span first");
            return;
        };
        let Some(definition) = doc
            .set
            .schema
            .label(&span.label)
            .and_then(|l| l.attributes.get(usize::from(n).saturating_sub(1)))
            .cloned()
        else {
            self.info(format!("{} has no attribute {n}", span.label));
            return;
        };
        let current = span.attributes.get(&definition.name);
        let next: Option<serde_json::Value> = match &definition.value_type {
            AttributeType::Choice { values } => {
                let position = current
                    .and_then(|v| v.as_str())
                    .and_then(|v| values.iter().position(|x| x == v));
                match position {
                    None => values.first().map(|v| v.clone().into()),
                    Some(i) => values.get(i + 1).map(|v| v.clone().into()),
                }
            }
            AttributeType::Flag => {
                (!current.and_then(|v| v.as_bool()).unwrap_or(false)).then_some(true.into())
            }
            AttributeType::Text => {
                self.info(format!("Type {} in the side panel", definition.name));
                return;
            }
        };
        if let Ok(edit) = edit::set_attribute(&doc.set, span.id, &definition.name, next) {
            let _ = self.apply(edit);
        }
    }

    /// Accept or reject a suggested span (see [`crate::suggest::review`]), then go to the
    /// next suggestion. Accepting also accepts its suggested links whose other end is
    /// accepted, in the same undo step.
    pub fn review(&mut self, span_id: SpanId, accept: bool) {
        let Some(doc) = &self.doc else { return };
        let Some(span) = doc.set.span(span_id) else {
            return;
        };
        if span.review != Review::Suggested {
            self.info("The selected span is not a suggestion");
            return;
        }
        let edit = if accept {
            accept_with_links(&doc.set, &[span_id])
        } else {
            review::reject(&doc.set, span_id)
        };
        if let Ok(edit) = edit
            && self.apply(edit).is_ok()
        {
            self.next_suggestion(span_id);
        }
    }

    fn review_all_of_label(&mut self, accept: bool) {
        let Some(doc) = &self.doc else { return };
        let Some(label) = doc
            .view_state
            .selected_span
            .and_then(|id| doc.set.span(id))
            .map(|s| s.label.clone())
        else {
            self.info("Select a suggestion first: all suggestions with its label are reviewed");
            return;
        };
        let ids: Vec<SpanId> = doc
            .set
            .spans_ordered()
            .filter(|s| s.label == label && s.review == Review::Suggested)
            .map(|s| s.id)
            .collect();
        if ids.is_empty() {
            self.info(format!("No {label} suggestions left"));
            return;
        }
        let count = ids.len();
        let edit = if accept {
            accept_with_links(&doc.set, &ids)
        } else {
            Ok(review::reject_all(&doc.set, &label))
        };
        if let Ok(edit) = edit
            && self.apply(edit).is_ok()
        {
            if let Some(doc) = &mut self.doc
                && doc
                    .view_state
                    .selected_span
                    .is_some_and(|id| doc.set.span(id).is_none())
            {
                doc.view_state.selected_span = None;
            }
            let verb = if accept { "Accepted" } else { "Rejected" };
            self.info(format!(
                "{verb} {count} {label} suggestions (one undo step)"
            ));
        }
    }

    /// Run the rule-based suggesters on the open set (with a gazetteer beside the file, if
    /// there is one) and add what they find as suggestions, one undo step.
    pub fn suggest(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        let mut options = suggest::Options::default();
        let mut note = String::new();
        let folder = doc
            .save_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for name in GAZETTEER_FILES {
            let path = folder.join(name);
            if let Ok(text) = std::fs::read_to_string(&path) {
                let parsed = suggest::gazetteer::Gazetteer::parse(&text);
                if parsed.errors.is_empty() {
                    note = format!(" (names from {})", path.display());
                    options.gazetteer = Some(parsed.gazetteer);
                } else {
                    note = format!(
                        " ({} has {} bad line(s); not used)",
                        path.display(),
                        parsed.errors.len()
                    );
                }
                break;
            }
        }
        let suggestions = suggest::suggest(&mut doc.set, &options);
        if suggestions.is_empty() {
            self.info(format!("No new suggestions{note}"));
            return;
        }
        let spans: usize = suggestions.spans.values().sum();
        let relations: usize = suggestions.relations.values().sum();
        if self.apply(suggestions.edit).is_ok() {
            self.info(format!(
                "{spans} span and {relations} link suggestions added{note}: Enter accepts, Backspace rejects, Ctrl+J next"
            ));
            let first = SpanId(0);
            self.next_suggestion(first);
        }
    }

    /// Add the annotations of `path` (any importable format) on this same article as
    /// suggestions: one edit, one undo.
    pub fn suggest_from_file(&mut self, path: &Path) {
        let Some(doc) = &mut self.doc else { return };
        let read =
            match formats::import::read_path(path, &formats::import::ImportOptions::default()) {
                Ok(read) => read,
                Err(error) => {
                    self.error_dialog = Some(("Cannot read the file".into(), error.to_string()));
                    return;
                }
            };
        let count = read.documents.len();
        let origin = format!("import:{}", read.format.map_or("file", |f| f.name()));
        let same = read
            .documents
            .iter()
            .find(|d| d.set.text().as_str() == doc.set.text().as_str());
        // The same text; else, for a file of one document, another version of it (its spans
        // moved by their text and context).
        let result = match (same, read.documents.first()) {
            (Some(source), _) => {
                suggest::from_file::suggestions_from(&mut doc.set, &source.set, &origin)
                    .map(|s| (s, String::new()))
            }
            (None, Some(source)) if count == 1 => {
                suggest::from_file::suggestions_from_other_version(
                    &mut doc.set,
                    &source.set,
                    &origin,
                )
                .map(|(s, report)| {
                    let note = format!(
                        " (made on another version of the text: {} moved, {} could not be placed)",
                        report.moved.len(),
                        report.unplaced.len()
                    );
                    (s, note)
                })
            }
            _ => Err(format!(
                "none of the {count} document(s) in it has exactly this article's text, so its offsets would point elsewhere: nothing was added"
            )),
        };
        let (suggestions, version_note) = match result {
            Ok(result) => result,
            Err(error) => {
                self.error_dialog = Some((
                    "Not this article".into(),
                    format!("{}: {error}", path.display()),
                ));
                return;
            }
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let skipped = suggestions.skipped.len();
        let (spans, relations) = (suggestions.span_total(), suggestions.relation_total());
        if suggestions.is_empty() {
            self.info(format!(
                "No new suggestions from {name} ({} already here, {skipped} left out)",
                suggestions.already_present
            ));
            return;
        }
        if self.apply(suggestions.edit).is_ok() {
            let left_out = if skipped > 0 {
                format!(", {skipped} left out (e.g. {})", suggestions.skipped[0])
            } else {
                String::new()
            };
            self.info(format!(
                "{spans} span and {relations} link suggestions from {name}{version_note}{left_out}: Enter accepts, Backspace rejects, Ctrl+J next"
            ));
            self.next_suggestion(SpanId(0));
        }
    }

    /// Select a find match and bring it on screen.
    fn go_to_match(&mut self, range: std::ops::Range<usize>) {
        let Some(doc) = &mut self.doc else { return };
        doc.view_state = ViewSelection {
            selection: Selection {
                anchor: range.start,
                cursor: range.end,
            },
            selected_span: None,
        };
        self.view.found_current = Some(range.clone());
        self.view.reveal(range);
    }

    fn close_find(&mut self) {
        self.find = None;
        self.view.found = std::sync::Arc::new(Vec::new());
        self.view.found_current = None;
    }

    /// Label every find match (one edit, one undo).
    fn label_all_matches(&mut self, label: &str) {
        let (Some(bar), Some(doc)) = (&self.find, &mut self.doc) else {
            return;
        };
        let matches = bar.matches.clone();
        let (edit, added) = crate::model::find::label_all(&mut doc.set, &matches, label);
        let already = matches.len() - added;
        if added == 0 {
            self.info(format!("Every match is already labelled {label}"));
        } else if self.apply(edit).is_ok() {
            let note = if already > 0 {
                format!(" ({already} already were)")
            } else {
                String::new()
            };
            self.info(format!(
                "Labelled {added} matches {label}{note}: Ctrl+Z undoes them all"
            ));
        }
    }

    /// Select the first suggestion after `after` (wrapping to the start).
    fn next_suggestion(&mut self, after: SpanId) {
        let Some(doc) = &self.doc else { return };
        let key = doc
            .set
            .span(after)
            .map(|s| (s.start, s.end, s.id))
            .unwrap_or((doc.view_state.selection.cursor, 0, SpanId(0)));
        let next = doc
            .set
            .spans_ordered()
            .filter(|s| s.review == Review::Suggested)
            .find(|s| (s.start, s.end, s.id) > key)
            .or_else(|| {
                doc.set
                    .spans_ordered()
                    .find(|s| s.review == Review::Suggested)
            })
            .map(|s| s.id);
        match next {
            Some(id) => self.select_span(id),
            None => {
                if let Some(doc) = &mut self.doc {
                    doc.view_state.selected_span = None;
                }
                self.info("No suggestions left to review");
            }
        }
    }

    // ----------------------------------------------------------------------------------------
    // Commands

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        let len = self.doc.as_ref().map_or(0, |d| d.set.text().char_len());
        match command {
            Command::Open => self.open_dialog(),
            Command::OpenPath => {
                self.path_dialog = Some(PathDialog {
                    purpose: PathPurpose::Open,
                    path: String::new(),
                    note: None,
                });
            }
            Command::Save => self.save(),
            Command::SaveAs => self.save_as_dialog(),
            Command::Close => {
                if self.doc.as_ref().is_some_and(OpenDoc::is_dirty) {
                    self.unsaved_dialog = Some(Pending::Close);
                } else {
                    self.continue_pending(Pending::Close);
                }
            }
            Command::Quit => {
                if self.doc.as_ref().is_some_and(OpenDoc::is_dirty) {
                    self.unsaved_dialog = Some(Pending::Quit);
                } else {
                    self.quit_confirmed = true;
                }
            }
            Command::Undo => self.undo_redo(false),
            Command::Redo | Command::RedoAlt => self.undo_redo(true),
            Command::ApplyLabel(label) => self.apply_label(&label),
            Command::DeleteSpan => {
                if let Some(id) = self.doc.as_ref().and_then(|d| d.view_state.selected_span) {
                    if self.apply(Edit::RemoveSpan(id)).is_ok()
                        && let Some(doc) = &mut self.doc
                    {
                        doc.view_state.selected_span = None;
                    }
                } else {
                    self.info("Click a span to delete it");
                }
            }
            Command::NextSpan => self.select_neighbour(true),
            Command::PreviousSpan => self.select_neighbour(false),
            Command::ClearSelection => {
                if self.find.is_some() {
                    // Esc first closes the find bar, keeping the match selected.
                    self.close_find();
                } else if self.linking.take().is_some() {
                    self.info("Linking cancelled");
                } else if let Some(doc) = &mut self.doc {
                    let caret = doc.view_state.selection.cursor;
                    doc.view_state = ViewSelection {
                        selection: Selection::caret(caret),
                        selected_span: None,
                    };
                }
            }
            // Right-to-left support: the arrows move towards their side on screen.
            Command::CaretLeft
            | Command::CaretRight
            | Command::ExtendLeft
            | Command::ExtendRight => {
                let left = matches!(command, Command::CaretLeft | Command::ExtendLeft);
                let extend = matches!(command, Command::ExtendLeft | Command::ExtendRight);
                let view = &self.view;
                let target = self
                    .doc
                    .as_ref()
                    .map(|doc| view.arrow_step(&doc.set, doc.view_state.selection.cursor, left));
                if let Some(target) = target {
                    self.move_caret(extend, move |_, _| target);
                }
            }
            Command::ExtendWordLeft | Command::ExtendWordRight => {
                // Right-to-left support: in right-to-left text the next word is on the left.
                let caret = self
                    .doc
                    .as_ref()
                    .map_or(0, |d| d.view_state.selection.cursor);
                let rtl = self.doc.as_ref().is_some_and(|d| {
                    let before = if command == Command::ExtendWordLeft {
                        caret
                    } else {
                        caret.saturating_sub(1)
                    };
                    self.view.is_rtl_at(&d.set, before)
                });
                if (command == Command::ExtendWordLeft) != rtl {
                    self.move_caret(true, |set, c| {
                        crate::model::words::previous_word_boundary(set.text(), c)
                    });
                } else {
                    self.move_caret(true, word_end_after);
                }
            }
            Command::CaretUp => self.view.move_by_row(RowMove::Up, false),
            Command::CaretDown => self.view.move_by_row(RowMove::Down, false),
            Command::ExtendUp => self.view.move_by_row(RowMove::Up, true),
            Command::ExtendDown => self.view.move_by_row(RowMove::Down, true),
            Command::CaretRowStart => self.view.move_by_row(RowMove::RowStart, false),
            Command::CaretRowEnd => self.view.move_by_row(RowMove::RowEnd, false),
            Command::ExtendRowStart => self.view.move_by_row(RowMove::RowStart, true),
            Command::ExtendRowEnd => self.view.move_by_row(RowMove::RowEnd, true),
            Command::SpanStartLeft => self.move_boundary(true, -1),
            Command::SpanStartRight => self.move_boundary(true, 1),
            Command::SpanEndLeft => self.move_boundary(false, -1),
            Command::SpanEndRight => self.move_boundary(false, 1),
            Command::ToggleWordSnapping => {
                self.view.word_snapping = !self.view.word_snapping;
                let state = if self.view.word_snapping {
                    "on"
                } else {
                    "off (exact characters)"
                };
                self.info(format!("Snapping to words: {state}"));
                self.save_settings();
            }
            Command::PageUp => self.view.scroll_by(-self.view.page_height() * 0.9),
            Command::PageDown => self.view.scroll_by(self.view.page_height() * 0.9),
            Command::ToStart => self.view.reveal(0..0),
            Command::ToEnd => self.view.reveal(len..len),
            Command::ZoomIn | Command::ZoomOut | Command::ZoomReset => {
                self.view.font_size = match command {
                    Command::ZoomIn => (self.view.font_size + 1.0).min(48.0),
                    Command::ZoomOut => (self.view.font_size - 1.0).max(8.0),
                    _ => Settings::default().font_size,
                };
                self.save_settings();
            }
            Command::ToggleTheme => {
                self.settings.dark_mode = !self.settings.dark_mode;
                self.save_settings();
            }
            Command::ToggleLabelTags => {
                self.view.label_tags = !self.view.label_tags;
                self.save_settings();
            }
            Command::ToggleSpanList => {
                self.settings.show_span_list = !self.settings.show_span_list;
                self.save_settings();
            }
            Command::ToggleHelp => self.help_open = !self.help_open,
            Command::Link => match self.doc.as_ref().and_then(|d| d.view_state.selected_span) {
                Some(from) => self.start_link(from, None),
                None => self.info("Click the span to link from first"),
            },
            Command::CycleAttribute(n) => self.cycle_attribute(n),
            Command::AcceptSuggestion | Command::RejectSuggestion => {
                match self.doc.as_ref().and_then(|d| d.view_state.selected_span) {
                    Some(id) => self.review(id, command == Command::AcceptSuggestion),
                    None => self.info("Select a suggestion first (Ctrl+J goes to the next one)"),
                }
            }
            Command::AcceptAllOfLabel => self.review_all_of_label(true),
            Command::RejectAllOfLabel => self.review_all_of_label(false),
            Command::Find => {
                let Some(doc) = &self.doc else { return };
                match &mut self.find {
                    Some(bar) => bar.focus(),
                    None => {
                        let selected = doc.view_state.selection.range();
                        let query = if selected.is_empty() || selected.len() > 200 {
                            String::new()
                        } else {
                            doc.set.text().slice(selected).to_string()
                        };
                        let from = doc.view_state.selection.range().start;
                        self.find = Some(FindBar::new(query, from));
                    }
                }
            }
            Command::FindNext | Command::FindPrevious => {
                let forward = command == Command::FindNext;
                let from = self
                    .doc
                    .as_ref()
                    .map_or(0..0, |d| d.view_state.selection.range());
                match self.find.as_mut().map(|bar| bar.step(from, forward)) {
                    Some(Some(range)) => self.go_to_match(range),
                    Some(None) => self.info("No matches"),
                    None => self.queue.push(Command::Find),
                }
            }
            Command::Suggest => self.suggest(),
            Command::SuggestFromFile => {
                if self.doc.is_some() {
                    self.path_dialog = Some(PathDialog {
                        purpose: PathPurpose::SuggestFrom,
                        path: String::new(),
                        note: Some("A file with annotations on this same article, in any format Newsmark imports (a spaCy .spacy file, doccano or Prodigy .jsonl, Label Studio .json, brat .ann, a set): they are added as suggestions to review.".into()),
                    });
                }
            }
            Command::Reanchor => {
                if self.doc.is_some() {
                    self.path_dialog = Some(PathDialog {
                        purpose: PathPurpose::Reanchor,
                        path: String::new(),
                        note: Some("The changed article (.txt, .md): spans move by their text and context.".into()),
                    });
                }
            }
            Command::Export | Command::Import => {
                let kind = if command == Command::Export {
                    CorpusKind::Export
                } else {
                    CorpusKind::Import
                };
                let base = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.save_path.parent().map(Path::to_path_buf))
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_default();
                let folder = if kind == CorpusKind::Export {
                    "export"
                } else {
                    "imported"
                };
                self.corpus = Some(CorpusDialog::new(kind, base.join(folder)));
            }
            Command::NextSuggestion => {
                let current = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.view_state.selected_span)
                    .unwrap_or(SpanId(0));
                self.next_suggestion(current);
            }
        }
        ctx.request_repaint();
    }

    fn modal_open(&self) -> bool {
        self.path_dialog.is_some()
            || self.unsaved_dialog.is_some()
            || self.overwrite_dialog.is_some()
            || self.error_dialog.is_some()
            || self.help_open
            || self.link_choice.is_some()
            || self.corpus.is_some()
            || self.recovery.is_some()
            || self.conflict.is_some()
    }

    // ----------------------------------------------------------------------------------------
    // The frame

    /// One frame of the whole window.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.theme_applied != Some(self.settings.dark_mode) {
            ctx.set_theme(if self.settings.dark_mode {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.theme_applied = Some(self.settings.dark_mode);
        }
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);
        self.handle_keys(&ctx);
        let queued = std::mem::take(&mut self.queue);
        for command in queued {
            self.run(&ctx, command);
        }
        self.flush_journal(&ctx);

        self.menu_bar_ui(ui);
        self.palette_ui(ui);
        self.status_bar_ui(ui);
        if self.settings.show_span_list && self.doc.is_some() {
            self.side_panel_ui(ui);
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                self.central_ui(ui);
            });
        self.dialogs_ui(&ctx);
        self.update_title(&ctx);
        if self.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Make recorded edits durable on time, and wake up when the next flush is due.
    fn flush_journal(&mut self, ctx: &egui::Context) {
        let Some(doc) = &mut self.doc else { return };
        let now = Instant::now();
        let _ = doc.journal.flush_if_due(now);
        if let Some(wait) = doc.journal.due_in(now) {
            ctx.request_repaint_after(wait);
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped.into_iter().next().map(|f| f.path().to_path_buf()) {
            self.request_open(path);
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.quit_confirmed
            && self.doc.as_ref().is_some_and(OpenDoc::is_dirty)
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.unsaved_dialog = Some(Pending::Quit);
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if self.modal_open() {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F1)) {
                self.help_open = false;
            }
            return;
        }
        let typing = ctx.text_edit_focused();
        for command in Command::from_shortcuts(ctx, typing) {
            self.queue.push(command);
        }
        if typing {
            return;
        }
        // Label hotkeys arrive as typed text.
        let Some(doc) = &self.doc else { return };
        let typed: Vec<String> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Text(t) => Some(t.clone()),
                    _ => None,
                })
                .collect()
        });
        for text in typed {
            if let Some(label) = doc.set.schema.label_for_hotkey(&text) {
                self.queue.push(Command::ApplyLabel(label.name.clone()));
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.doc {
            Some(doc) => format!(
                "{}{} — Newsmark",
                if doc.is_dirty() { "● " } else { "" },
                doc.file_name()
            ),
            None => "Newsmark".to_string(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, command: Command, enabled: bool) {
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let button = egui::Button::new(command.label()).shortcut_text(shortcut);
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.description())
            .clicked()
        {
            self.queue.push(command);
            ui.close();
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        let has_doc = self.doc.is_some();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    self.menu_item(ui, Command::Open, true);
                    self.menu_item(ui, Command::OpenPath, true);
                    ui.menu_button("Open Recent", |ui| {
                        if self.settings.recent_files.is_empty() {
                            ui.label("No recent files");
                        }
                        for path in self.settings.recent_files.clone() {
                            if ui.button(path.display().to_string()).clicked() {
                                self.request_open(path);
                                ui.close();
                            }
                        }
                    });
                    ui.separator();
                    self.menu_item(ui, Command::Reanchor, has_doc);
                    self.menu_item(ui, Command::Import, true);
                    self.menu_item(ui, Command::Export, true);
                    ui.separator();
                    self.menu_item(ui, Command::Save, has_doc);
                    self.menu_item(ui, Command::SaveAs, has_doc);
                    self.menu_item(ui, Command::Close, has_doc);
                    ui.separator();
                    self.menu_item(ui, Command::Quit, true);
                });
                ui.menu_button("Edit", |ui| {
                    let (can_undo, can_redo) = self.doc.as_ref().map_or((false, false), |d| {
                        (d.history.can_undo(), d.history.can_redo())
                    });
                    self.menu_item(ui, Command::Undo, can_undo);
                    self.menu_item(ui, Command::Redo, can_redo);
                    ui.separator();
                    self.menu_item(ui, Command::DeleteSpan, has_doc);
                    self.menu_item(ui, Command::NextSpan, has_doc);
                    self.menu_item(ui, Command::PreviousSpan, has_doc);
                    self.menu_item(ui, Command::ClearSelection, has_doc);
                    self.menu_item(ui, Command::Link, has_doc);
                    ui.separator();
                    self.menu_item(ui, Command::Find, has_doc);
                    self.menu_item(ui, Command::FindNext, has_doc);
                    self.menu_item(ui, Command::FindPrevious, has_doc);
                    ui.separator();
                    let mut snapping = self.view.word_snapping;
                    if ui
                        .checkbox(&mut snapping, Command::ToggleWordSnapping.label())
                        .clicked()
                    {
                        self.queue.push(Command::ToggleWordSnapping);
                        ui.close();
                    }
                });
                ui.menu_button("Suggestions", |ui| {
                    for command in [
                        Command::Suggest,
                        Command::SuggestFromFile,
                        Command::NextSuggestion,
                        Command::AcceptSuggestion,
                        Command::RejectSuggestion,
                        Command::AcceptAllOfLabel,
                        Command::RejectAllOfLabel,
                    ] {
                        self.menu_item(ui, command, has_doc);
                    }
                });
                ui.menu_button("View", |ui| {
                    self.menu_item(ui, Command::ZoomIn, true);
                    self.menu_item(ui, Command::ZoomOut, true);
                    self.menu_item(ui, Command::ZoomReset, true);
                    self.menu_item(ui, Command::ToggleTheme, true);
                    self.menu_item(ui, Command::ToggleLabelTags, true);
                    self.menu_item(ui, Command::ToggleSpanList, true);
                });
                ui.menu_button("Help", |ui| {
                    self.menu_item(ui, Command::ToggleHelp, true);
                });
            });
        });
    }

    fn palette_ui(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = &self.doc else { return };
        let labels: Vec<(String, Option<String>, Color32, String)> = doc
            .set
            .schema
            .labels
            .iter()
            .filter(|l| l.enabled)
            .map(|l| {
                (
                    l.name.clone(),
                    l.hotkey.clone(),
                    label_color(&doc.set, &l.name),
                    l.description.clone(),
                )
            })
            .collect();
        egui::Panel::top("palette").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (name, hotkey, color, description) in labels {
                    let text = match &hotkey {
                        Some(key) => format!("{name} [{key}]"),
                        None => name.clone(),
                    };
                    let fill = color.gamma_multiply(0.35);
                    let button = egui::Button::new(RichText::new(text).size(12.0))
                        .fill(fill)
                        .stroke(egui::Stroke::new(1.5, color));
                    if ui.add(button).on_hover_text(description).clicked() {
                        self.queue.push(Command::ApplyLabel(name));
                    }
                }
            });
        });
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(doc) = &self.doc {
                    let dirty = if doc.is_dirty() { " — unsaved" } else { "" };
                    ui.label(format!("{}{dirty}", doc.save_path.display()));
                    ui.separator();
                    ui.label(format!("{} spans", doc.set.span_count()));
                    ui.separator();
                    let sel = doc.view_state.selection.range();
                    if sel.is_empty() {
                        ui.label(format!("char {}", doc.view_state.selection.cursor));
                    } else {
                        ui.label(format!("{}..{} ({} chars)", sel.start, sel.end, sel.len()));
                    }
                    if !self.view.word_snapping {
                        ui.separator();
                        ui.label("exact characters");
                    }
                    ui.separator();
                }
                if let Some(status) = &self.status {
                    let color = if status.error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.label(RichText::new(&status.text).color(color));
                }
            });
        });
    }

    fn side_panel_ui(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = &self.doc else { return };
        let mut actions = Vec::new();
        egui::Panel::right("side")
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| {
                actions = self.side.ui(
                    ui,
                    &doc.set,
                    doc.history.revision(),
                    doc.view_state.selected_span,
                );
            });
        for action in actions {
            match action {
                PanelAction::Edit(edit) => {
                    let _ = self.apply(edit);
                }
                PanelAction::Jump(id) => self.select_span(id),
                PanelAction::StartLink { from, retarget } => self.start_link(from, retarget),
                PanelAction::Review { span, accept } => self.review(span, accept),
                PanelAction::Reencode(encoding) => self.reencode(&encoding),
            }
        }
    }

    fn central_ui(&mut self, ui: &mut egui::Ui) {
        if let (Some(bar), Some(doc)) = (&mut self.find, &self.doc) {
            let selection = doc.view_state.selection.range();
            let actions = egui::Frame::new()
                .inner_margin(egui::Margin::symmetric(8, 4))
                .show(ui, |ui| bar.ui(ui, &doc.set, selection))
                .inner;
            self.view.found = bar.matches.clone();
            for action in actions {
                match action {
                    FindAction::Select(range) => self.go_to_match(range),
                    FindAction::LabelAll(label) => self.label_all_matches(&label),
                    FindAction::Close => self.close_find(),
                }
            }
        }
        let Some(doc) = &mut self.doc else {
            self.welcome_ui(ui);
            return;
        };
        let before = doc.view_state.selected_span;
        self.view.linking_from = self.linking.map(|(from, _)| from);
        let actions = self.view.ui(ui, &doc.set, &mut doc.view_state);
        if let Some((from, retarget)) = self.linking
            && doc.view_state.selected_span != before
        {
            let target = doc.view_state.selected_span;
            doc.view_state.selected_span = Some(from);
            self.linking = None;
            match target {
                Some(to) if to != from => self.finish_link(from, to, retarget, None),
                _ => self.info("Linking cancelled"),
            }
        }
        for action in actions {
            match action {
                ViewAction::MoveSpan { span_id, range } => {
                    let Some(doc) = &self.doc else { break };
                    if let Some(span) = doc.set.span(span_id) {
                        let mut span = span.clone();
                        span.start = range.start;
                        span.end = range.end;
                        let _ = self.apply(Edit::UpdateSpan(span));
                    }
                }
            }
        }
    }

    fn welcome_ui(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() / 4.0);
            ui.heading("Newsmark");
            ui.label("Open an article (.txt, .md) or an annotation set (.json): File > Open, Ctrl+O, or drop a file here.");
            ui.add_space(8.0);
            if ui.button("Open by path…").clicked() {
                self.queue.push(Command::OpenPath);
            }
            if !self.settings.recent_files.is_empty() {
                ui.add_space(8.0);
                ui.label("Recent files:");
                for path in self.settings.recent_files.clone() {
                    if ui.link(path.display().to_string()).clicked() {
                        self.request_open(path);
                    }
                }
            }
        });
    }

    // ----------------------------------------------------------------------------------------
    // Dialogs

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        self.path_dialog_ui(ctx);
        self.unsaved_dialog_ui(ctx);
        self.overwrite_dialog_ui(ctx);
        self.error_dialog_ui(ctx);
        self.problems_ui(ctx);
        self.help_ui(ctx);
        self.link_choice_ui(ctx);
        self.corpus_ui(ctx);
        self.recovery_ui(ctx);
        self.conflict_ui(ctx);
        self.reanchor_report_ui(ctx);
    }

    fn reanchor_report_ui(&mut self, ctx: &egui::Context) {
        let Some(report) = &self.reanchor_report else {
            return;
        };
        let mut open = true;
        let mut dismissed = false;
        egui::Window::new("Re-anchored")
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        ui.label(egui::RichText::new(report).monospace().size(11.0));
                    });
                if ui.button("OK").clicked() {
                    dismissed = true;
                }
            });
        if !open || dismissed {
            self.reanchor_report = None;
        }
    }

    fn recovery_ui(&mut self, ctx: &egui::Context) {
        let Some(info) = self.recovery.clone() else {
            return;
        };
        let mut answer: Option<bool> = None;
        Modal::new(Id::unique("recovery")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("Restore unsaved work?");
            ui.label(format!("Newsmark was closed without saving: {info}."));
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    answer = Some(true);
                }
                if ui.button("Discard them").clicked() {
                    answer = Some(false);
                }
            });
        });
        let Some(restore) = answer else { return };
        self.recovery = None;
        if !restore {
            match journal::discard_recovery(&info) {
                Ok(()) => self.info("The unsaved edits were discarded"),
                Err(error) => self.error(format!("Could not remove the journal: {error}")),
            }
            return;
        }
        match journal::recover_from_disk(&info) {
            Ok(recovered) => {
                let report = recovered.report.to_string();
                if let Some(doc) = &mut self.doc {
                    doc.set = recovered.set;
                    doc.history = recovered.history;
                    doc.journal = recovered.journal;
                    doc.expected = Fingerprint::of_file(&info.set_path).ok().flatten();
                    doc.view_state = ViewSelection::default();
                }
                self.view.reset();
                self.info(format!("Restored: {report}"));
            }
            Err(error) => {
                self.error_dialog = Some((
                    "Could not restore".into(),
                    format!("{error:#}. The journal was kept."),
                ));
            }
        }
    }

    fn conflict_ui(&mut self, ctx: &egui::Context) {
        let Some((path, message)) = self.conflict.clone() else {
            return;
        };
        let mut answer: Option<&str> = None;
        Modal::new(Id::unique("conflict")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("The file changed on disk");
            ui.label(format!("{message}."));
            ui.label("Reload drops your unsaved changes here; Overwrite replaces the other version; Save As keeps both.");
            ui.horizontal(|ui| {
                for (label, key) in [("Reload", "reload"), ("Overwrite", "overwrite"), ("Save As…", "save-as"), ("Cancel", "cancel")] {
                    if ui.button(label).clicked() {
                        answer = Some(key);
                    }
                }
            });
        });
        let Some(answer) = answer else { return };
        self.conflict = None;
        match answer {
            "reload" => {
                if let Some(doc) = &mut self.doc {
                    doc.journal.discard();
                    doc.lock = None;
                }
                self.open_now(&path);
            }
            "overwrite" => {
                self.save_checked(&path, true);
            }
            "save-as" => self.save_as_dialog(),
            _ => {}
        }
    }

    fn corpus_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.corpus else {
            return;
        };
        let name = self
            .doc
            .as_ref()
            .and_then(|d| {
                d.save_path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| "document".into());
        let (keep_open, action) = dialog.ui(ctx, self.doc.as_ref().map(|d| &d.set), &name);
        if !keep_open && !dialog.is_running() {
            self.corpus = None;
        }
        if let Some(CorpusAction::Open(path)) = action {
            self.request_open(path);
        }
    }

    fn link_choice_ui(&mut self, ctx: &egui::Context) {
        let Some((from, to, retarget, candidates)) = self.link_choice.clone() else {
            return;
        };
        let mut chosen: Option<Option<String>> = None;
        Modal::new(Id::unique("link-choice")).show(ctx, |ui| {
            ui.heading("Link as");
            for candidate in &candidates {
                if ui.button(candidate).clicked() {
                    chosen = Some(Some(candidate.clone()));
                }
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                chosen = Some(None);
            }
        });
        if let Some(choice) = chosen {
            self.link_choice = None;
            if let Some(label) = choice {
                self.finish_link(from, to, retarget, Some(label));
            }
        }
    }

    fn path_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.path_dialog else {
            return;
        };
        let mut chosen: Option<(PathPurpose, PathBuf)> = None;
        let mut cancel = false;
        let mut browse = false;
        let title = match dialog.purpose {
            PathPurpose::Open => "Open a file",
            PathPurpose::SaveAs => "Save the annotation set as",
            PathPurpose::Reanchor => "Move the annotations onto a changed article",
            PathPurpose::SuggestFrom => "Suggestions from a file",
        };
        let recent = self.settings.recent_files.clone();
        Modal::new(Id::unique("path-dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(title);
            if let Some(note) = &dialog.note {
                ui.label(note);
            }
            let label = ui.label("Path:");
            let response = ui
                .add(egui::TextEdit::singleline(&mut dialog.path).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if !response.has_focus() && dialog.path.is_empty() {
                response.request_focus();
            }
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let ok_label = match dialog.purpose {
                    PathPurpose::Open => "Open",
                    PathPurpose::SaveAs => "Save",
                    PathPurpose::Reanchor => "Re-anchor",
                    PathPurpose::SuggestFrom => "Add suggestions",
                };
                if ui.button(ok_label).clicked() || enter {
                    let trimmed = dialog.path.trim();
                    if !trimmed.is_empty() {
                        chosen = Some((dialog.purpose, expand_home(trimmed)));
                    }
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    cancel = true;
                }
                if self.native_dialogs && ui.button("Browse…").clicked() {
                    browse = true;
                }
            });
            if dialog.purpose == PathPurpose::Open && !recent.is_empty() {
                ui.separator();
                ui.label("Recent:");
                for path in &recent {
                    if ui.link(path.display().to_string()).clicked() {
                        chosen = Some((PathPurpose::Open, path.clone()));
                    }
                }
            }
        });
        if cancel {
            self.path_dialog = None;
        } else if browse {
            let purpose = dialog.purpose;
            self.path_dialog = None;
            match purpose {
                PathPurpose::Open => self.open_dialog(),
                PathPurpose::SaveAs => self.save_as_dialog(),
                // A file for the dialog's own purpose, not one to open.
                PathPurpose::Reanchor | PathPurpose::SuggestFrom => {
                    if let Some(path) = rfd::FileDialog::new().pick_file() {
                        self.path_chosen(purpose, path);
                    }
                }
            }
        } else if let Some((purpose, path)) = chosen {
            self.path_dialog = None;
            self.path_chosen(purpose, path);
        }
    }

    fn path_chosen(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::Reanchor => self.reanchor_onto(&path),
            PathPurpose::SuggestFrom => self.suggest_from_file(&path),
            PathPurpose::Open => self.request_open(path),
            PathPurpose::SaveAs => {
                if path.exists() && self.doc.as_ref().is_some_and(|d| d.save_path != path) {
                    self.overwrite_dialog =
                        Some((path.clone(), format!("{} already exists.", path.display())));
                } else {
                    self.save_to(&path);
                }
            }
        }
    }

    fn unsaved_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.unsaved_dialog.clone() else {
            return;
        };
        let name = self
            .doc
            .as_ref()
            .map(OpenDoc::file_name)
            .unwrap_or_default();
        let mut answer: Option<&str> = None;
        Modal::new(Id::unique("unsaved-dialog")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label(format!(
                "{name} has changes that are not saved. Save them first?"
            ));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some("save");
                }
                if ui.button("Discard changes").clicked() {
                    answer = Some("discard");
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some("cancel");
                }
            });
        });
        match answer {
            Some("save") => {
                self.unsaved_dialog = None;
                let needs_confirm = self
                    .doc
                    .as_ref()
                    .is_some_and(|d| d.overwrite_warning.is_some());
                if needs_confirm {
                    self.save();
                } else if let Some(path) = self.doc.as_ref().map(|d| d.save_path.clone())
                    && self.save_to(&path)
                {
                    self.continue_pending(pending);
                }
            }
            Some("discard") => {
                self.unsaved_dialog = None;
                if let Some(doc) = &mut self.doc {
                    doc.journal.discard();
                }
                self.continue_pending(pending);
            }
            Some(_) => self.unsaved_dialog = None,
            None => {}
        }
    }

    fn overwrite_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some((path, warning)) = self.overwrite_dialog.clone() else {
            return;
        };
        let mut answer: Option<&str> = None;
        Modal::new(Id::unique("overwrite-dialog")).show(ctx, |ui| {
            ui.heading("Replace the file?");
            ui.label(&warning);
            ui.label(format!("Replace {}?", path.display()));
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    answer = Some("replace");
                }
                if ui.button("Save As…").clicked() {
                    answer = Some("save-as");
                }
                if ui.button("Cancel").clicked() {
                    answer = Some("cancel");
                }
            });
        });
        match answer {
            Some("replace") => {
                self.overwrite_dialog = None;
                self.save_checked(&path, true);
            }
            Some("save-as") => {
                self.overwrite_dialog = None;
                self.save_as_dialog();
            }
            Some(_) => self.overwrite_dialog = None,
            None => {}
        }
    }

    fn error_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some((title, message)) = self.error_dialog.clone() else {
            return;
        };
        let mut close = false;
        Modal::new(Id::unique("error-dialog")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(title);
            ui.label(message);
            if ui.button("OK").clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape) || i.key_pressed(egui::Key::Enter))
            {
                close = true;
            }
        });
        if close {
            self.error_dialog = None;
        }
    }

    fn problems_ui(&mut self, ctx: &egui::Context) {
        let Some((file, problems)) = &self.problems else {
            return;
        };
        let mut open = true;
        let mut dismissed = false;
        egui::Window::new(format!("Problems in {file}"))
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| {
                ui.label(format!(
                    "{} problem(s) were found while loading. Nothing was dropped without being listed here; the file will not be replaced without asking.",
                    problems.len()
                ));
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for problem in problems {
                        ui.label(format!("- {problem}"));
                    }
                });
                if ui.button("OK").clicked() {
                    dismissed = true;
                }
            });
        if !open || dismissed {
            self.problems = None;
        }
    }

    fn help_ui(&mut self, ctx: &egui::Context) {
        if !self.help_open {
            return;
        }
        let labels: Vec<(String, String)> = self
            .doc
            .as_ref()
            .map(|d| {
                d.set
                    .schema
                    .labels
                    .iter()
                    .filter(|l| l.enabled)
                    .filter_map(|l| l.hotkey.clone().map(|k| (k, l.name.clone())))
                    .collect()
            })
            .unwrap_or_default();
        let mut close = false;
        Modal::new(Id::unique("help")).show(ctx, |ui| {
            ui.heading("Shortcuts and gestures");
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.75)
                .show(ui, |ui| {
                    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                        for command in Command::all() {
                            if let Some(shortcut) = command.shortcut() {
                                ui.label(ctx.format_shortcut(&shortcut));
                                ui.label(command.label());
                                ui.end_row();
                            }
                        }
                        for (key, label) in &labels {
                            ui.label(key);
                            ui.label(format!(
                                "Label {label} (selection) or relabel (selected span)"
                            ));
                            ui.end_row();
                        }
                        for (gesture, meaning) in [
                            ("Drag", "Select text (snaps to words)"),
                            ("Alt + drag", "Select exact characters"),
                            ("Double-click", "Select a word"),
                            ("Shift + click", "Extend the selection"),
                            ("Click a span", "Select it (again: the span around it)"),
                            ("Drag a boundary", "Move the selected span's start or end"),
                        ] {
                            ui.label(gesture);
                            ui.label(meaning);
                            ui.end_row();
                        }
                    });
                });
            if ui.button("Close").clicked() {
                close = true;
            }
        });
        if close {
            self.help_open = false;
        }
    }
}

/// The end of the word after `offset` (for Ctrl+Shift+Right: extend to the word's end).
fn word_end_after(set: &AnnotationSet, offset: usize) -> usize {
    let text = set.text();
    let len = text.char_len();
    let mut position = offset;
    while position < len {
        if let Some(word) = crate::model::words::word_at(text, position)
            && word.end > offset
        {
            return word.end;
        }
        position += 1;
        if position > offset + 200 {
            break;
        }
    }
    crate::model::words::next_word_boundary(text, offset)
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Files beside a set whose names the suggester uses as a gazetteer.
const GAZETTEER_FILES: [&str; 2] = ["newsmark.gazetteer.tsv", "gazetteer.txt"];

/// Accept spans and, in the same step, their suggested links whose other end is (or becomes)
/// accepted.
fn accept_with_links(set: &AnnotationSet, ids: &[SpanId]) -> Result<Edit, EditError> {
    let accepting: std::collections::HashSet<SpanId> = ids.iter().copied().collect();
    let accepted = |id: SpanId| {
        accepting.contains(&id) || set.span(id).is_some_and(|s| s.review == Review::Accepted)
    };
    let mut edits = Vec::new();
    let mut links = std::collections::BTreeSet::new();
    for id in ids {
        edits.push(review::accept(set, *id)?);
        for relation in set.relations_of(*id) {
            if relation.review == Review::Suggested
                && accepted(relation.from)
                && accepted(relation.to)
                && links.insert(relation.id)
            {
                edits.push(review::accept_relation(set, relation.id)?);
            }
        }
    }
    Ok(Edit::Batch(edits))
}
