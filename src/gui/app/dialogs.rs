//! Dialogs: one [`Dialog`] on screen at a time (others wait their turn, none is lost), each
//! answered with a typed answer, and the report windows that stay beside the work.

use std::path::PathBuf;

use egui::{Id, Modal};

use super::{NewsmarkApp, expand_home};
use crate::formats::Problem;
use crate::formats::visible::count;
use crate::gui::command::Command;
use crate::gui::corpus_dialog::{CorpusAction, CorpusDialog};
use crate::journal::RecoveryInfo;
use crate::model::{RelationId, SpanId};

/// What to do once the user has answered "save changes?".
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Pending {
    Open(PathBuf),
    Close,
    Quit,
}

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum PathPurpose {
    Open,
    SaveAs,
    Reanchor,
    SuggestFrom,
    /// A folder for the dashboard's CSV files.
    DashboardCsv,
}

impl PathPurpose {
    fn title(self) -> &'static str {
        match self {
            PathPurpose::Open => "Open a file",
            PathPurpose::DashboardCsv => "Folder for the dashboard's CSV files",
            PathPurpose::SaveAs => "Save the annotation set as",
            PathPurpose::Reanchor => "Move the annotations onto a changed article",
            PathPurpose::SuggestFrom => "Suggestions from a file",
        }
    }

    fn button(self) -> &'static str {
        match self {
            PathPurpose::Open => "Open",
            PathPurpose::SaveAs => "Save",
            PathPurpose::Reanchor => "Re-anchor",
            PathPurpose::SuggestFrom => "Add suggestions",
            PathPurpose::DashboardCsv => "Write CSV",
        }
    }
}

/// The "type a path" dialog.
pub(super) struct PathDialog {
    purpose: PathPurpose,
    path: String,
    note: Option<String>,
}

impl PathDialog {
    pub(super) fn new(purpose: PathPurpose, path: &str, note: Option<&str>) -> Self {
        Self {
            purpose,
            path: path.to_string(),
            note: note.map(str::to_string),
        }
    }
}

/// A modal dialog.
pub(super) enum Dialog {
    Path(PathDialog),
    /// Save changes before going on?
    Unsaved(Pending),
    /// Replace a file that must not be replaced silently?
    Overwrite {
        path: PathBuf,
        warning: String,
    },
    Error {
        title: String,
        message: String,
    },
    /// The shortcut overlay (F1).
    Help,
    /// Several link types fit: which one?
    LinkChoice {
        from: SpanId,
        to: SpanId,
        retarget: Option<RelationId>,
        candidates: Vec<String>,
    },
    Corpus(Box<CorpusDialog>),
    /// A journal left by a crash: restore or discard?
    Recovery(RecoveryInfo),
    /// A save found the file changed on disk: reload, overwrite or save as?
    Conflict {
        path: PathBuf,
        message: String,
    },
    /// Who is annotating?
    Annotator(super::annotator::AnnotatorDialog),
}

/// A window beside the work, until dismissed.
pub(super) enum Report {
    Problems {
        file: String,
        problems: Vec<Problem>,
    },
    Reanchored(String),
    /// A corpus job's list of documents it did not change, and why.
    NotChanged {
        title: String,
        text: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnsavedAnswer {
    Save,
    Discard,
    Cancel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OverwriteAnswer {
    Replace,
    SaveAs,
    Cancel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ConflictAnswer {
    Merge,
    Reload,
    Overwrite,
    SaveAs,
    Cancel,
}

enum PathAnswer {
    Chosen(PathBuf),
    Browse,
    Cancel,
}

impl NewsmarkApp {
    /// Draw the first waiting dialog and act on its answer; then the report window.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some(dialog) = self.dialogs.pop_front()
            && let Some(dialog) = self.dialog_ui(ctx, dialog)
        {
            self.dialogs.push_front(dialog);
        }
        self.report_ui(ctx);
    }

    /// One frame of `dialog`: `Some` gives it back while it waits for an answer.
    fn dialog_ui(&mut self, ctx: &egui::Context, dialog: Dialog) -> Option<Dialog> {
        match dialog {
            Dialog::Path(mut path_dialog) => {
                let purpose = path_dialog.purpose;
                match self.path_dialog_ui(ctx, &mut path_dialog) {
                    None => return Some(Dialog::Path(path_dialog)),
                    Some(PathAnswer::Cancel) => {}
                    Some(PathAnswer::Chosen(path)) => self.path_chosen(purpose, path),
                    Some(PathAnswer::Browse) => match purpose {
                        PathPurpose::Open => self.open_dialog(),
                        PathPurpose::SaveAs => self.save_as_dialog(),
                        // A file for the dialog's own purpose, not one to open.
                        PathPurpose::Reanchor | PathPurpose::SuggestFrom => {
                            if let Some(path) = rfd::FileDialog::new().pick_file() {
                                self.path_chosen(purpose, path);
                            }
                        }
                        PathPurpose::DashboardCsv => {
                            if let Some(path) = rfd::FileDialog::new().pick_folder() {
                                self.path_chosen(purpose, path);
                            }
                        }
                    },
                }
            }
            Dialog::Unsaved(pending) => match self.unsaved_ui(ctx) {
                None => return Some(Dialog::Unsaved(pending)),
                Some(UnsavedAnswer::Save) => {
                    let needs_confirm = self
                        .doc
                        .as_ref()
                        .is_some_and(|d| d.overwrite_warning().is_some());
                    if needs_confirm {
                        self.save();
                    } else if let Some(path) = self.doc.as_ref().map(|d| d.save_path().to_owned())
                        && self.save_to(&path)
                    {
                        self.continue_pending(pending);
                    }
                }
                Some(UnsavedAnswer::Discard) => self.discard_and_continue(pending),
                Some(UnsavedAnswer::Cancel) => {}
            },
            Dialog::Overwrite { path, warning } => match overwrite_ui(ctx, &path, &warning) {
                None => return Some(Dialog::Overwrite { path, warning }),
                Some(OverwriteAnswer::Replace) => {
                    self.save_checked(&path, true);
                }
                Some(OverwriteAnswer::SaveAs) => self.save_as_dialog(),
                Some(OverwriteAnswer::Cancel) => {}
            },
            Dialog::Error { title, message } => {
                if !error_ui(ctx, &title, &message) {
                    return Some(Dialog::Error { title, message });
                }
            }
            Dialog::Annotator(mut dialog) => match super::annotator::annotator_ui(ctx, &mut dialog)
            {
                None => return Some(Dialog::Annotator(dialog)),
                Some(super::annotator::AnnotatorAnswer::Use(name)) => {
                    self.set_annotator(name);
                    if let Some(path) = dialog.reopen {
                        self.reopen_as_annotator(&path);
                    }
                }
                Some(super::annotator::AnnotatorAnswer::Cancel) => {}
            },
            Dialog::Help => {
                if !self.help_ui(ctx) {
                    return Some(Dialog::Help);
                }
            }
            Dialog::LinkChoice {
                from,
                to,
                retarget,
                candidates,
            } => match link_choice_ui(ctx, &candidates) {
                None => {
                    return Some(Dialog::LinkChoice {
                        from,
                        to,
                        retarget,
                        candidates,
                    });
                }
                Some(None) => {}
                Some(Some(label)) => self.finish_link(from, to, retarget, Some(&label)),
            },
            Dialog::Corpus(mut corpus) => {
                let name = self
                    .doc
                    .as_ref()
                    .and_then(|d| {
                        d.save_path()
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                    })
                    .unwrap_or_else(|| "document".into());
                let (keep_open, action) = corpus.ui(ctx, self.doc.as_ref().map(|d| d.set()), &name);
                if let Some(CorpusAction::Open(path)) = action {
                    self.request_open(path);
                }
                if keep_open || corpus.is_running() {
                    return Some(Dialog::Corpus(corpus));
                }
            }
            Dialog::Recovery(info) => match recovery_ui(ctx, &info) {
                None => return Some(Dialog::Recovery(info)),
                Some(restore) => self.recovery_answered(&info, restore),
            },
            Dialog::Conflict { path, message } => match conflict_ui(ctx, &message) {
                None => return Some(Dialog::Conflict { path, message }),
                Some(ConflictAnswer::Merge) => self.merge_with_disk(),
                Some(ConflictAnswer::Reload) => {
                    self.reload();
                }
                Some(ConflictAnswer::Overwrite) => {
                    self.save_checked(&path, true);
                }
                Some(ConflictAnswer::SaveAs) => self.save_as_dialog(),
                Some(ConflictAnswer::Cancel) => {}
            },
        }
        None
    }

    fn path_dialog_ui(&self, ctx: &egui::Context, dialog: &mut PathDialog) -> Option<PathAnswer> {
        let mut answer = None;
        let recent = &self.settings.recent_files;
        Modal::new(Id::unique("path-dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(dialog.purpose.title());
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
                if ui.button(dialog.purpose.button()).clicked() || enter {
                    let trimmed = dialog.path.trim();
                    if !trimmed.is_empty() {
                        answer = Some(PathAnswer::Chosen(expand_home(trimmed)));
                    }
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(PathAnswer::Cancel);
                }
                if self.native_dialogs && ui.button("Browse…").clicked() {
                    answer = Some(PathAnswer::Browse);
                }
            });
            if dialog.purpose == PathPurpose::Open && !recent.is_empty() {
                ui.separator();
                ui.label("Recent:");
                for path in recent {
                    if super::frame::recent_entry(ui, path, true) == Some(true) {
                        answer = Some(PathAnswer::Chosen(path.clone()));
                    }
                }
            }
        });
        answer
    }

    fn unsaved_ui(&self, ctx: &egui::Context) -> Option<UnsavedAnswer> {
        let name = self.doc.as_ref().map(|d| d.file_name()).unwrap_or_default();
        let mut answer = None;
        Modal::new(Id::unique("unsaved-dialog")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label(format!(
                "{name} has changes that are not saved. Save them first?"
            ));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some(UnsavedAnswer::Save);
                }
                if ui.button("Discard changes").clicked() {
                    answer = Some(UnsavedAnswer::Discard);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(UnsavedAnswer::Cancel);
                }
            });
        });
        answer
    }

    /// The shortcut overlay, generated from the command table. Returns true once closed.
    fn help_ui(&self, ctx: &egui::Context) -> bool {
        let labels: Vec<(String, String)> = self
            .doc
            .as_ref()
            .map(|d| {
                d.set()
                    .schema
                    .labels
                    .iter()
                    .filter(|l| l.enabled)
                    .filter_map(|l| l.hotkey.clone().map(|k| (k, l.name.clone())))
                    .collect()
            })
            .unwrap_or_default();
        let mut close = false;
        let modal = Modal::new(Id::unique("help")).show(ctx, |ui| {
            ui.heading("Shortcuts and gestures");
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.75)
                .show(ui, |ui| {
                    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                        for command in Command::all() {
                            let keys: Vec<String> = command
                                .shortcuts()
                                .iter()
                                .map(|s| ctx.format_shortcut(s))
                                .collect();
                            if !keys.is_empty() {
                                ui.label(keys.join(" or "));
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
                        for (gesture, meaning) in GESTURES {
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
        // Escape (or a click beside it) closes it, as F1 does.
        close || modal.should_close()
    }

    fn report_ui(&mut self, ctx: &egui::Context) {
        let Some(report) = &self.report else { return };
        let mut open = true;
        let mut dismissed = false;
        let title = match report {
            Report::Problems { file, .. } => format!("Problems in {file}"),
            Report::Reanchored(_) => "Re-anchored".to_string(),
            Report::NotChanged { title, .. } => title.clone(),
        };
        egui::Window::new(title)
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| {
                match report {
                    Report::Problems { problems, .. } => {
                        let left_out = problems.iter().filter(|p| p.leaves_out()).count();
                        ui.label(format!(
                            "{} found while loading{}. Nothing was dropped without being listed here; the file will not be replaced without asking.",
                            count(problems.len(), "problem was", "problems were"),
                            match (left_out, problems.len()) {
                                (0, _) => String::new(),
                                (_, 1) => "; it left an item out (in colour)".to_string(),
                                (n, _) => format!("; {n} of them left an item out (in colour)"),
                            }
                        ));
                        let warn = ui.visuals().warn_fg_color;
                        egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                            for problem in problems {
                                let line = format!("- {problem}");
                                if problem.leaves_out() {
                                    ui.colored_label(warn, line);
                                } else {
                                    ui.label(line);
                                }
                            }
                        });
                    }
                    Report::NotChanged { text, .. } => {
                        ui.label("These documents were left as they were (nothing was written to them):");
                        egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                            ui.label(text.as_str());
                        });
                    }
                    Report::Reanchored(text) => {
                        egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                            ui.label(egui::RichText::new(text).monospace().size(11.0));
                        });
                    }
                }
                if ui.button("OK").clicked() {
                    dismissed = true;
                }
            });
        if !open || dismissed {
            self.report = None;
        }
    }
}

/// Gestures the help overlay lists after the commands.
const GESTURES: [(&str, &str); 6] = [
    ("Drag", "Select text (snaps to words)"),
    ("Alt + drag", "Select exact characters"),
    ("Double-click", "Select a word"),
    ("Shift + click", "Extend the selection"),
    ("Click a span", "Select it (again: the span around it)"),
    ("Drag a boundary", "Move the selected span's start or end"),
];

fn overwrite_ui(
    ctx: &egui::Context,
    path: &std::path::Path,
    warning: &str,
) -> Option<OverwriteAnswer> {
    let mut answer = None;
    Modal::new(Id::unique("overwrite-dialog")).show(ctx, |ui| {
        ui.heading("Replace the file?");
        ui.label(warning);
        ui.label(format!("Replace {}?", path.display()));
        ui.horizontal(|ui| {
            if ui.button("Replace").clicked() {
                answer = Some(OverwriteAnswer::Replace);
            }
            if ui.button("Save As…").clicked() {
                answer = Some(OverwriteAnswer::SaveAs);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(OverwriteAnswer::Cancel);
            }
        });
    });
    answer
}

/// Returns true once acknowledged.
fn error_ui(ctx: &egui::Context, title: &str, message: &str) -> bool {
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
    close
}

/// `Some(None)`: cancelled; `Some(Some(label))`: chosen.
fn link_choice_ui(ctx: &egui::Context, candidates: &[String]) -> Option<Option<String>> {
    let mut chosen = None;
    Modal::new(Id::unique("link-choice")).show(ctx, |ui| {
        ui.heading("Link as");
        for candidate in candidates {
            if ui.button(candidate).clicked() {
                chosen = Some(Some(candidate.clone()));
            }
        }
        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            chosen = Some(None);
        }
    });
    chosen
}

/// `Some(true)`: restore.
fn recovery_ui(ctx: &egui::Context, info: &RecoveryInfo) -> Option<bool> {
    let mut answer = None;
    Modal::new(Id::unique("recovery")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Restore unsaved work?");
        ui.label(format!(
            "Newsmark was closed without saving: {}.",
            describe_recovery(info, std::time::SystemTime::now())
        ));
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                answer = Some(true);
            }
            if ui.button("Discard them").clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}

fn conflict_ui(ctx: &egui::Context, message: &str) -> Option<ConflictAnswer> {
    let mut answer = None;
    Modal::new(Id::unique("conflict")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("The file changed on disk");
        ui.label(format!("{message}."));
        ui.label("Merge keeps both, span by span, as the merge driver does (where both changed the same span, yours stays and theirs comes as a suggestion); Reload drops your unsaved changes here; Overwrite replaces the other version; Save As keeps both as two files.");
        ui.horizontal(|ui| {
            for (label, key) in [
                ("Merge", ConflictAnswer::Merge),
                ("Reload", ConflictAnswer::Reload),
                ("Overwrite", ConflictAnswer::Overwrite),
                ("Save As…", ConflictAnswer::SaveAs),
                ("Cancel", ConflictAnswer::Cancel),
            ] {
                if ui.button(label).clicked() {
                    answer = Some(key);
                }
            }
        });
    });
    answer
}

/// The recovery offer in words, with the time of the last edit in local time and how long
/// ago it was: "2 unsaved edits to /news/story.json, the last at 11:51 on 30 Nov 2026
/// (3 minutes ago)".
pub(super) fn describe_recovery(info: &RecoveryInfo, now: std::time::SystemTime) -> String {
    let when = info
        .last_time
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map_or_else(
            || "at an unknown time".to_string(),
            |time| {
                let local = time.to_zoned(jiff::tz::TimeZone::system());
                let ago = now
                    .duration_since(std::time::SystemTime::from(time))
                    .unwrap_or_default();
                format!(
                    "at {} ({})",
                    local.strftime("%H:%M on %-d %b %Y"),
                    how_long_ago(ago)
                )
            },
        );
    format!(
        "{} to {}, the last {when}{}",
        count(info.edits, "unsaved edit", "unsaved edits"),
        info.set_path.display(),
        info.warnings()
    )
}

/// "just now", "1 minute ago", "3 hours ago", "2 days ago".
fn how_long_ago(elapsed: std::time::Duration) -> String {
    let minutes = elapsed.as_secs() / 60;
    let (n, unit) = match minutes {
        0 => return "just now".to_string(),
        1..60 => (minutes, "minute"),
        60..1440 => (minutes / 60, "hour"),
        _ => (minutes / 1440, "day"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_as_people_say_them() {
        use std::time::Duration;
        assert_eq!(how_long_ago(Duration::from_secs(20)), "just now");
        assert_eq!(how_long_ago(Duration::from_secs(60)), "1 minute ago");
        assert_eq!(
            how_long_ago(Duration::from_secs(3 * 60 + 5)),
            "3 minutes ago"
        );
        assert_eq!(how_long_ago(Duration::from_secs(2 * 3600)), "2 hours ago");
        assert_eq!(how_long_ago(Duration::from_secs(3 * 86400)), "3 days ago");
    }
}
