//! One frame of the window: input, queued commands, the journal's flush, then the panels
//! (menu bar, palette, status line, side panel, text) and the dialogs.

use std::time::Instant;

use egui::{Color32, RichText};

use super::NewsmarkApp;
use crate::formats::visible::count;
use crate::gui::command::Command;
use crate::gui::find_bar::FindAction;
use crate::gui::text_view::{ViewAction, label_color};

/// The side panel's width until the user drags it.
const SIDE_PANEL_WIDTH: f32 = 340.0;

impl NewsmarkApp {
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
        self.poll_outside_changes(&ctx);
        self.poll_file_changes(&ctx);
        self.handle_close_request(&ctx);
        self.handle_keys(&ctx);
        let queued = std::mem::take(&mut self.queue);
        for command in queued {
            self.run(&ctx, command);
        }
        self.flush_journal(&ctx);

        // The panels around the text are drawn before it: when the text view changes the
        // selection (a drag's release snapping to words), they show it in the next frame.
        let selection_before = self
            .doc
            .as_ref()
            .map(|d| (d.view_state.selection, d.view_state.selected_span));
        self.menu_bar_ui(ui);
        self.palette_ui(ui);
        self.status_bar_ui(ui);
        self.documents_panel_ui(ui);
        self.guidelines_panel_ui(ui);
        self.curation_ui(ui);
        if self.settings.show_span_list && self.doc.is_some() {
            self.side_panel_ui(ui);
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                self.central_ui(ui);
            });
        let selection_after = self
            .doc
            .as_ref()
            .map(|d| (d.view_state.selection, d.view_state.selected_span));
        if selection_after != selection_before {
            ctx.request_repaint();
        }
        self.agreement_window_ui(&ctx);
        self.corpus_find_ui(&ctx);
        self.dashboard_window_ui(&ctx);
        self.labels_window_ui(&ctx);
        self.job_ui(&ctx);
        self.dialogs_ui(&ctx);
        if !self.queue.is_empty() {
            ctx.request_repaint();
        }
        self.update_title(&ctx);
        if self.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        // Last, so that the frame after a file is asked for always says what is being opened
        // (a file taken in here asks for the next frame, which shows it).
        self.poll_opening(&ctx);
    }

    /// Make recorded edits durable on time, and wake up when the next flush is due.
    fn flush_journal(&mut self, ctx: &egui::Context) {
        let Some(doc) = &mut self.doc else { return };
        let now = Instant::now();
        let _ = doc.open.flush_if_due(now);
        if let Some(wait) = doc.flush_due_in(now) {
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
            && self.doc.as_ref().is_some_and(|d| d.is_dirty())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.show(super::dialogs::Dialog::Unsaved(
                super::dialogs::Pending::Quit,
            ));
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if self.modal_open() {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F1))
                && matches!(self.dialogs.front(), Some(super::dialogs::Dialog::Help))
            {
                self.dialogs.pop_front();
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
            if let Some(label) = doc.set().schema.label_for_hotkey(&text) {
                self.queue.push(Command::ApplyLabel(label.name.clone()));
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let corpus = self
            .corpus_title()
            .map(|c| format!("{c} — "))
            .unwrap_or_default();
        let title = match &self.doc {
            Some(doc) => format!(
                "{}{}{} — Newsmark",
                if doc.is_dirty() { "● " } else { "" },
                corpus,
                doc.file_name()
            ),
            None => match self.opening_title() {
                Some(opening) => format!("{opening} — {corpus}Newsmark"),
                None => format!("{corpus}Newsmark"),
            },
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn palette_ui(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = &self.doc else { return };
        let set = doc.set();
        let labels: Vec<(String, Option<String>, Color32, String)> = set
            .schema
            .labels
            .iter()
            .filter(|l| l.enabled)
            .map(|l| {
                (
                    l.name.clone(),
                    l.hotkey.clone(),
                    label_color(set, &l.name),
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
                    ui.label(format!("{}{dirty}", doc.save_path().display()));
                    ui.separator();
                    ui.label(count(doc.set().span_count(), "span", "spans"));
                    ui.separator();
                    let sel = doc.view_state.selection.range();
                    if sel.is_empty() {
                        ui.label(format!("char {}", doc.view_state.selection.cursor));
                    } else {
                        ui.label(format!(
                            "{}..{} ({})",
                            sel.start,
                            sel.end,
                            count(sel.len(), "char", "chars")
                        ));
                    }
                    if !self.view.word_snapping {
                        ui.separator();
                        ui.label("exact characters");
                    }
                    if let Some(problem) = doc.journal_problem() {
                        ui.separator();
                        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
                    }
                    ui.separator();
                }
                if let Some(status) = &self.status {
                    let color = if status.error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().text_color()
                    };
                    // A long message (a path, a list of problems) is cut at the window's
                    // edge: the whole of it on hover, and Copy on a right click (found by
                    // tryout4: the end of a long message could not be read at all).
                    let label = egui::Label::new(RichText::new(&status.text).color(color))
                        .truncate()
                        .sense(egui::Sense::click());
                    ui.add(label).context_menu(|ui| {
                        if ui.button("Copy message").clicked() {
                            ui.ctx().copy_text(status.text.clone());
                            ui.close();
                        }
                    });
                }
            });
        });
    }

    /// The default and the largest width of an open side panel that would like `preferred`:
    /// together the open panels (documents, guidelines, curation, span details) leave the
    /// article at least 45 % of the window, however many are open. (They used to leave it
    /// about 260 px of a 1400 px window while curating with every panel open.)
    pub(super) fn panel_width(&self, ui: &egui::Ui, preferred: f32) -> (f32, f32) {
        let open = [
            self.settings.show_documents && self.workspace.is_some(),
            self.workspace
                .as_ref()
                .is_some_and(|w| w.guidelines.is_some()),
            self.curation.open.is_some() && self.doc.is_some(),
            self.settings.show_span_list && self.doc.is_some(),
        ]
        .into_iter()
        .filter(|&open| open)
        .count()
        .max(1);
        let share = (ui.ctx().content_rect().width() * 0.55 / open as f32).max(160.0);
        (preferred.min(share), share.max(preferred.min(share)))
    }

    fn side_panel_ui(&mut self, ui: &mut egui::Ui) {
        let (default, max) = self.panel_width(ui, SIDE_PANEL_WIDTH);
        let Some(doc) = &self.doc else { return };
        let mut actions = Vec::new();
        egui::Panel::right("side")
            .resizable(true)
            .default_size(default)
            .max_size(max)
            .show(ui, |ui| {
                // The panel keeps the width the user gave it: content wraps or scrolls
                // inside it rather than widening it (and reflowing the article).
                let width = ui.available_width();
                ui.set_max_width(width);
                actions = self.side.ui(
                    ui,
                    doc.set(),
                    doc.history().revision(),
                    doc.view_state.selected_span,
                );
            });
        let ctx = ui.ctx().clone();
        for action in actions {
            self.panel_action(&ctx, action);
        }
    }

    fn central_ui(&mut self, ui: &mut egui::Ui) {
        if let (Some(bar), Some(doc)) = (&mut self.find, &self.doc) {
            let selection = doc.view_state.selection.range();
            let actions = egui::Frame::new()
                .inner_margin(egui::Margin::symmetric(8, 4))
                .show(ui, |ui| bar.ui(ui, doc.set(), selection))
                .inner;
            self.view.found = bar.matches.clone();
            for action in actions {
                match action {
                    FindAction::Select(range) => self.go_to_match(range),
                    FindAction::LabelAll(label) => {
                        self.run(&ui.ctx().clone(), Command::LabelAllMatches(label));
                    }
                    FindAction::Close => self.close_find(),
                }
            }
        }
        if self.opening.is_some() {
            self.opening_ui(ui);
            return;
        }
        let Some(doc) = &mut self.doc else {
            self.welcome_ui(ui);
            return;
        };
        let before = doc.view_state.selected_span;
        self.view.linking_from = self.linking.map(|l| l.from);
        let actions = self.view.ui(ui, doc.open.set(), &mut doc.view_state);
        if let Some(linking) = self.linking
            && doc.view_state.selected_span != before
        {
            let target = doc.view_state.selected_span;
            doc.view_state.selected_span = Some(linking.from);
            self.linking = None;
            match target {
                Some(to) if to != linking.from => {
                    self.finish_link(linking.from, to, linking.retarget, None);
                }
                _ => self.info("Linking cancelled"),
            }
        }
        for action in actions {
            match action {
                ViewAction::MoveSpan { span_id, range } => {
                    self.run(&ui.ctx().clone(), Command::MoveSpan(span_id, range));
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
            if self.workspace.is_some() {
                let next = Command::NextUnfinished;
                let keys = next
                    .shortcuts()
                    .first()
                    .map(|s| format!(" ({})", ui.ctx().format_shortcut(s)))
                    .unwrap_or_default();
                ui.label(format!(
                    "Or pick a document in the list on the left: {}{keys} opens the first one not done.",
                    next.label()
                ));
                ui.add_space(4.0);
            }
            if ui.button("Open by path…").clicked() {
                self.queue.push(Command::OpenPath);
            }
            if !self.settings.recent_files.is_empty() {
                ui.add_space(8.0);
                ui.label("Recent files:");
                let mut missing = 0;
                for path in self.settings.recent_files.clone() {
                    match recent_entry(ui, &path, true) {
                        Some(true) => self.request_open(path),
                        Some(false) => {}
                        None => missing += 1,
                    }
                }
                if missing > 0 && ui.button("Forget the files not found").clicked() {
                    self.settings.forget_missing_recent();
                    self.save_settings();
                }
            }
        });
    }
}

/// One recent file or corpus folder as a link (or a button, in a menu); a file no longer there is shown off,
/// with why, rather than offered. Whether it was clicked; `None` when it is not there (one
/// look at the file system per entry and frame).
pub(super) fn recent_entry(ui: &mut egui::Ui, path: &std::path::Path, link: bool) -> Option<bool> {
    let name = path.display().to_string();
    if path.exists() {
        return Some(if link {
            ui.link(name).clicked()
        } else {
            ui.button(name).clicked()
        });
    }
    ui.add_enabled(
        false,
        egui::Button::new(format!("{name} (not found)")).frame(false),
    )
    .on_disabled_hover_text("Moved, renamed or deleted since it was opened");
    None
}
