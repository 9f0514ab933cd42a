//! The window's state and its frame: menus, palette, text view, span list, dialogs. UI code
//! here stays thin: user actions become [`Command`]s, changes to annotations become
//! [`Edit`]s applied through the history.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Color32, Id, Modal, RichText};

use super::command::Command;
use super::settings::Settings;
use super::span_list::SpanList;
use super::text_view::{Selection, TextView, ViewAction, ViewSelection, label_chip, label_color};
use crate::formats::{self, Problem};
use crate::model::edit::{self, Edit, EditError};
use crate::model::{AnnotationSet, History, SpanId};

/// An open annotation set and everything about it that the window tracks.
pub struct OpenDoc {
    pub set: AnnotationSet,
    pub history: History,
    /// Where Save writes.
    pub save_path: PathBuf,
    pub view_state: ViewSelection,
    /// Why the file at `save_path` must not be replaced without asking, if it must not.
    pub overwrite_warning: Option<String>,
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
    span_list: SpanList,
    queue: Vec<Command>,
    status: Option<Status>,
    problems: Option<(String, Vec<Problem>)>,
    error_dialog: Option<(String, String)>,
    path_dialog: Option<PathDialog>,
    unsaved_dialog: Option<Pending>,
    overwrite_dialog: Option<(PathBuf, String)>,
    help_open: bool,
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
        Self {
            doc: None,
            settings,
            settings_path,
            view,
            span_list: SpanList::default(),
            queue: Vec::new(),
            status: settings_problem.map(|text| Status { text, error: true }),
            problems: None,
            error_dialog: None,
            path_dialog: None,
            unsaved_dialog: None,
            overwrite_dialog: None,
            help_open: false,
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
                let mut set = opened.set;
                if set.annotator.is_none() && !self.settings.annotator.is_empty() {
                    set.annotator = Some(self.settings.annotator.clone());
                }
                let spans = set.span_count();
                self.doc = Some(OpenDoc {
                    set,
                    history: History::new(),
                    save_path: opened.save_path,
                    view_state: ViewSelection::default(),
                    overwrite_warning,
                });
                self.view.reset();
                self.span_list = SpanList::default();
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
        let Some(doc) = &mut self.doc else {
            return false;
        };
        if doc.set.annotator.is_none() && !self.settings.annotator.is_empty() {
            doc.set.annotator = Some(self.settings.annotator.clone());
        }
        match formats::save_set(&mut doc.set, path) {
            Ok(()) => {
                doc.history.mark_saved();
                doc.save_path = path.to_path_buf();
                doc.overwrite_warning = None;
                let text = format!("Saved {} ({} spans)", path.display(), doc.set.span_count());
                self.settings.add_recent(path);
                self.save_settings();
                self.info(text);
                true
            }
            Err(error) => {
                let text =
                    format!("{error}. Your annotations are still here: try Save As… elsewhere.");
                self.error_dialog = Some(("Save failed".into(), text.clone()));
                self.error(text);
                false
            }
        }
    }

    fn save_settings(&mut self) {
        self.settings.font_size = self.view.font_size;
        self.settings.word_snapping = self.view.word_snapping;
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
        match doc.history.apply(&mut doc.set, edit) {
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
            doc.history.redo(&mut doc.set)
        } else {
            doc.history.undo(&mut doc.set)
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
                if let Some(doc) = &mut self.doc {
                    let caret = doc.view_state.selection.cursor;
                    doc.view_state = ViewSelection {
                        selection: Selection::caret(caret),
                        selected_span: None,
                    };
                }
            }
            Command::CaretLeft => {
                self.move_caret(false, |_, c| c.saturating_sub(1));
            }
            Command::CaretRight => self.move_caret(false, move |_, c| (c + 1).min(len)),
            Command::ExtendLeft => self.move_caret(true, |_, c| c.saturating_sub(1)),
            Command::ExtendRight => self.move_caret(true, move |_, c| (c + 1).min(len)),
            Command::ExtendWordLeft => {
                self.move_caret(true, |set, c| {
                    crate::model::words::previous_word_boundary(set.text(), c)
                });
            }
            Command::ExtendWordRight => {
                self.move_caret(true, word_end_after);
            }
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
            Command::ToggleSpanList => {
                self.settings.show_span_list = !self.settings.show_span_list;
                self.save_settings();
            }
            Command::ToggleHelp => self.help_open = !self.help_open,
        }
        ctx.request_repaint();
    }

    fn modal_open(&self) -> bool {
        self.path_dialog.is_some()
            || self.unsaved_dialog.is_some()
            || self.overwrite_dialog.is_some()
            || self.error_dialog.is_some()
            || self.help_open
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
                ui.menu_button("View", |ui| {
                    self.menu_item(ui, Command::ZoomIn, true);
                    self.menu_item(ui, Command::ZoomOut, true);
                    self.menu_item(ui, Command::ZoomReset, true);
                    self.menu_item(ui, Command::ToggleTheme, true);
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
        let mut edits: Vec<Edit> = Vec::new();
        let mut jump: Option<SpanId> = None;
        egui::Panel::right("spans")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                if let Some(span) = doc.view_state.selected_span.and_then(|id| doc.set.span(id)) {
                    ui.heading("Selected span");
                    ui.horizontal(|ui| {
                        label_chip(ui, label_color(&doc.set, &span.label), &span.label);
                        ui.label(format!("{}..{}", span.start, span.end));
                        if span.review == crate::model::Review::Suggested {
                            ui.label("suggested");
                        }
                    });
                    ui.label(RichText::new(truncate(doc.set.span_text(span), 300)).italics());
                    ui.horizontal(|ui| {
                        let relabel = egui::ComboBox::from_label("Relabel")
                            .selected_text(span.label.clone())
                            .show_ui(ui, |ui| {
                                for label in doc.set.schema.labels.iter().filter(|l| l.enabled) {
                                    if ui
                                        .selectable_label(label.name == span.label, &label.name)
                                        .clicked()
                                        && label.name != span.label
                                    {
                                        let mut changed = span.clone();
                                        changed.label = label.name.clone();
                                        edits.push(Edit::UpdateSpan(changed));
                                    }
                                }
                            });
                        let _ = relabel;
                        if ui.button("Delete").clicked() {
                            edits.push(Edit::RemoveSpan(span.id));
                        }
                    });
                    ui.separator();
                }
                if let Some(id) = self.span_list.ui(
                    ui,
                    &doc.set,
                    doc.history.revision(),
                    doc.view_state.selected_span,
                ) {
                    jump = Some(id);
                }
            });
        for edit in edits {
            let _ = self.apply(edit);
        }
        if let Some(id) = jump {
            self.select_span(id);
        }
    }

    fn central_ui(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = &mut self.doc else {
            self.welcome_ui(ui);
            return;
        };
        let actions = self.view.ui(ui, &doc.set, &mut doc.view_state);
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
                let ok_label = if dialog.purpose == PathPurpose::Open {
                    "Open"
                } else {
                    "Save"
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
            }
        } else if let Some((purpose, path)) = chosen {
            self.path_dialog = None;
            match purpose {
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
                self.save_to(&path);
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

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max_chars).collect();
        out.push('…');
        out
    }
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}
