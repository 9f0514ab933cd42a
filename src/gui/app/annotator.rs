//! Who is annotating: the name the window opens and saves sets under (`story.NAME.json` in a
//! shared corpus, the one `story.json` without a name). Team > Annotator name…, and asked for
//! when a corpus that names its annotators is opened by a window with no name.

use egui::{Id, Modal};

use super::NewsmarkApp;
use super::dialogs::Dialog;
use crate::gui::settings::annotator_option;
use crate::model::set::{RESERVED_NAMES, is_annotator_name};

/// The name being chosen.
pub(super) struct AnnotatorDialog {
    pub name: String,
    /// The corpus's annotators (`newsmark.corpus.json`), one click each.
    pub known: Vec<String>,
    /// Why the window asks (when it asks by itself).
    pub note: Option<String>,
    /// A file to open again under the name chosen (an article of a shared corpus opened
    /// alone, by a window with no name), if the open document is still clean then.
    pub reopen: Option<std::path::PathBuf>,
}

pub(super) enum AnnotatorAnswer {
    Use(String),
    Cancel,
}

/// Why `name` cannot be an annotator's (blank is fine: the one-person corpus).
pub(super) fn name_problem(name: &str) -> Option<&'static str> {
    let name = name.trim();
    // Any case: "Gold" would be the gold set's file on a case-blind file system.
    if RESERVED_NAMES.iter().any(|r| name.eq_ignore_ascii_case(r)) {
        Some("\"gold\" and \"unplaced\" are kept for the corpus's own sets")
    } else if name.is_empty() || is_annotator_name(name) {
        None
    } else {
        Some("letters, digits, '_' and '-' only (it becomes part of file names)")
    }
}

impl NewsmarkApp {
    /// Ask for the annotator name, with the corpus's annotators to pick from.
    pub(super) fn ask_annotator(&mut self, note: Option<String>) {
        let known = self
            .workspace
            .as_ref()
            .map(|w| w.corpus.config.annotators.clone())
            .unwrap_or_default();
        self.show(Dialog::Annotator(AnnotatorDialog {
            name: self.settings.annotator.clone(),
            known,
            note,
            reopen: None,
        }));
    }

    /// After opening a file alone (not its corpus folder): an article or a nameless set of a
    /// corpus that names its annotators, opened by a window with no name, would be saved as
    /// the one `story.json`, which agreement leaves out. Ask who is annotating, and open the
    /// file again under that name.
    pub(super) fn ask_annotator_for_file(&mut self, opened: &std::path::Path) {
        if self.workspace.is_some() || annotator_option(&self.settings.annotator).is_some() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        if doc.set().annotator.is_some() {
            return;
        }
        let Some(root) = opened
            .parent()
            .and_then(crate::corpus::config::enclosing_root)
        else {
            return;
        };
        let (config, _) = crate::corpus::config::CorpusConfig::load(&root);
        if config.annotators.is_empty() {
            return;
        }
        let note = format!(
            "{} belongs to the corpus in {}, shared by {}. Who is annotating? With no name your \
             work is saved as {}, which agreement leaves out; with yours, as story.NAME.json. The \
             file is opened again under the name you pick.",
            opened.file_name().unwrap_or_default().to_string_lossy(),
            root.display(),
            config.annotators.join(", "),
            doc.save_path()
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        );
        self.show(Dialog::Annotator(AnnotatorDialog {
            name: String::new(),
            known: config.annotators,
            note: Some(note),
            reopen: Some(opened.to_path_buf()),
        }));
    }

    /// The name was chosen in a dialog that asked for a file: open it again under the name
    /// (the article's set of this annotator), unless the user changed it meanwhile.
    pub(super) fn reopen_as_annotator(&mut self, path: &std::path::Path) {
        if self.doc.as_ref().is_some_and(|d| d.is_dirty()) {
            self.info("The open document has changes: open the article again to annotate it under your name");
            return;
        }
        let article = self
            .doc
            .as_ref()
            .filter(|d| d.opened_path() == path || d.save_path() == path)
            .map(|d| {
                if crate::formats::is_set_path(d.opened_path()) {
                    // A nameless set: its article, whose set under the name is opened.
                    d.set()
                        .document
                        .source
                        .as_ref()
                        .and_then(|s| d.opened_path().parent().map(|dir| dir.join(s)))
                        .filter(|a| a.is_file())
                        .unwrap_or_else(|| d.opened_path().to_path_buf())
                } else {
                    d.opened_path().to_path_buf()
                }
            });
        if let Some(article) = article {
            self.open_now(&article);
        }
    }

    /// After opening a corpus: a shared one (it names annotators) and a window with no name
    /// would save everyone's work as the one `story.json`, so ask who is annotating; a name
    /// that is not one of the corpus's is asked about too.
    pub(super) fn ask_annotator_if_shared(&mut self) {
        let Some(workspace) = &self.workspace else {
            return;
        };
        let annotators = &workspace.corpus.config.annotators;
        if annotators.is_empty() {
            return;
        }
        let note = match annotator_option(&self.settings.annotator) {
            None => format!(
                "This corpus is shared by {}. Who is annotating? Your work is saved as \
                 story.NAME.json, so no one writes over anyone else's.",
                annotators.join(", ")
            ),
            Some(name) if annotators.iter().any(|a| a == name) => return,
            // Not one of the team: agreement and the dashboard would not expect these sets.
            Some(name) => format!(
                "You annotate as {name}, but this corpus is shared by {}. Pick your name, or \
                 keep {name} and add it to the \"annotators\" of newsmark.corpus.json so that \
                 agreement expects your sets.",
                annotators.join(", ")
            ),
        };
        self.ask_annotator(Some(note));
    }

    /// Annotate as `name` from now on (blank: the one-person `story.json`).
    pub(super) fn set_annotator(&mut self, name: String) {
        let name = name.trim().to_string();
        if name == self.settings.annotator.trim() {
            return;
        }
        self.settings.annotator = name.clone();
        self.save_settings();
        if let Some(workspace) = &mut self.workspace {
            workspace.rebuild(&name);
        }
        let who = if name.is_empty() {
            "with no annotator name: sets are story.json".to_string()
        } else {
            format!("as {name}: sets are story.{name}.json")
        };
        let open = self
            .doc
            .as_ref()
            .map(|doc| {
                format!(
                    "; the open document stays as it was opened ({})",
                    doc.file_name()
                )
            })
            .unwrap_or_default();
        self.info(format!("Annotating {who}{open}"));
    }
}

/// One frame of the dialog; `Some` when answered.
pub(super) fn annotator_ui(
    ctx: &egui::Context,
    dialog: &mut AnnotatorDialog,
) -> Option<AnnotatorAnswer> {
    let mut answer = None;
    Modal::new(Id::unique("annotator-dialog")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Annotator name");
        if let Some(note) = &dialog.note {
            ui.label(note);
        } else {
            ui.label(
                "In a shared corpus each person's work is saved as story.NAME.json; with no \
                 name, as the one story.json of a one-person corpus.",
            );
        }
        if !dialog.known.is_empty() {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.label("This corpus's annotators:");
                for name in &dialog.known {
                    if ui.button(name).clicked() {
                        answer = Some(AnnotatorAnswer::Use(name.clone()));
                    }
                }
            });
        }
        ui.add_space(4.0);
        let label = ui.label("Name:");
        let response = ui
            .add(egui::TextEdit::singleline(&mut dialog.name).desired_width(200.0))
            .labelled_by(label.id);
        let problem = name_problem(&dialog.name);
        if let Some(problem) = problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let use_it = ui.add_enabled(problem.is_none(), egui::Button::new("Use this name"));
            if use_it.clicked() || (enter && problem.is_none()) {
                answer = Some(AnnotatorAnswer::Use(dialog.name.clone()));
            }
            if ui.button("Not now").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                answer = Some(AnnotatorAnswer::Cancel);
            }
        });
    });
    answer
}

#[cfg(test)]
mod tests {
    use super::name_problem;

    #[test]
    fn names_are_those_a_set_file_can_carry() {
        for fine in ["", "  ", "ana", "Ben_2", "li-wei"] {
            assert_eq!(name_problem(fine), None, "{fine:?}");
        }
        assert!(name_problem("gold").unwrap().contains("kept"));
        assert!(name_problem("Gold").unwrap().contains("kept"));
        for bad in ["ana maria", "ana.b", "josé", "a/b"] {
            assert!(name_problem(bad).unwrap().contains("letters"), "{bad:?}");
        }
    }
}
