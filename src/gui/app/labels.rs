//! Corpus > Labels…: the labels editor over the corpus schema. A change is checked first; a
//! rename or removal that touches spans says how many in how many documents and waits for
//! the user; then [`crate::corpus::labels::apply`] writes the schema and every set, the list
//! is read again and the open document is opened again through its [`OpenSet`] (saved first,
//! as when switching documents), so it shows the new labels.
//!
//! [`OpenSet`]: crate::session::OpenSet

use super::NewsmarkApp;
use crate::corpus::labels;
use crate::gui::workspace::labels_editor::{Impact, LabelsAction, LabelsEditor};
use crate::model::schema_edit::LabelChange;

impl NewsmarkApp {
    /// Show or hide the labels window.
    pub(super) fn toggle_labels_editor(&mut self) {
        if let Some(workspace) = &mut self.workspace {
            workspace.labels = match workspace.labels.take() {
                Some(_) => None,
                None => Some(LabelsEditor::default()),
            };
        }
    }

    pub(super) fn labels_window_ui(&mut self, ctx: &egui::Context) {
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        // The workspace's schema: read with the corpus, and again after each change.
        let schema = &workspace.schema;
        let Some(editor) = &mut workspace.labels else {
            return;
        };
        let mut open = true;
        let mut action = None;
        egui::Window::new("Labels")
            .open(&mut open)
            .default_size([620.0, 460.0])
            .show(ctx, |ui| {
                action = editor.ui(ui, schema);
            });
        if !open {
            if let Some(workspace) = &mut self.workspace {
                workspace.labels = None;
            }
            return;
        }
        match action {
            Some(LabelsAction::Propose(change)) => self.propose_label_change(change),
            Some(LabelsAction::Confirm(change)) => self.apply_label_change(&change),
            None => {}
        }
    }

    /// Check `change`; one that renames or removes spans waits for the user's confirmation
    /// with its count, any other is applied at once.
    fn propose_label_change(&mut self, change: LabelChange) {
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let Some(window) = &mut workspace.labels else {
            return;
        };
        if let Err(error) = labels::check(&workspace.corpus, &change) {
            window.message = Some(format!("Refused: {error}"));
            return;
        }
        let impact = labels::impact(&workspace.corpus, &change);
        if impact.spans > 0 {
            window.set_impact(
                change,
                Impact {
                    spans: impact.spans,
                    documents: impact.documents,
                },
            );
        } else {
            self.apply_label_change(&change);
        }
    }

    /// Apply `change` to the corpus in one step and report it in the editor.
    pub fn apply_label_change(&mut self, change: &LabelChange) {
        if !self.save_for_switch() {
            return;
        }
        // The open document is closed (it is saved) and opened again after the change.
        let reopen = self.doc.take().map(|doc| {
            let path = if doc.save_path().exists() {
                doc.save_path().to_path_buf()
            } else {
                doc.opened_path().to_path_buf()
            };
            doc.open.close();
            path
        });
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let message = match labels::apply(&workspace.corpus, change) {
            Ok(report) => report.summary(),
            Err(error) => error.to_string(),
        };
        self.reload_corpus();
        if let Some(path) = reopen {
            self.open_now(&path);
        }
        if let Some(editor) = self.workspace.as_mut().and_then(|w| w.labels.as_mut()) {
            editor.message = Some(message.clone());
        }
        self.info(message.lines().next().unwrap_or_default().to_string());
    }
}
