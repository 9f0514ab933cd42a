//! The corpus's dashboard window (plots, CSV export) and its guidelines panel.

use std::path::Path;

use super::NewsmarkApp;
use super::dialogs::{Dialog, PathDialog, PathPurpose};
use crate::corpus::View;
use crate::corpus::dashboard::Dashboard;
use crate::gui::text_view::label_color;
use crate::gui::workspace::dashboard::{DashboardAction, dashboard_ui};
use crate::gui::workspace::guidelines::Guidelines;
use crate::storage;

impl NewsmarkApp {
    /// Corpus > Dashboard: show (computed now from the list) or hide.
    pub(super) fn toggle_dashboard(&mut self) {
        let annotator = self.settings.annotator.clone();
        if let Some(workspace) = &mut self.workspace {
            workspace.dashboard = match workspace.dashboard.take() {
                Some(_) => None,
                None => Some(Dashboard::of(
                    &workspace.corpus.rows(&View::for_annotator(&annotator)),
                )),
            };
        }
    }

    pub(super) fn dashboard_window_ui(&mut self, ctx: &egui::Context) {
        let Some(data) = self.workspace.as_ref().and_then(|w| w.dashboard.as_ref()) else {
            return;
        };
        let set = self.doc.as_ref().map(|d| d.set());
        let mut open = true;
        let mut action = None;
        egui::Window::new("Dashboard")
            .open(&mut open)
            .default_size([720.0, 560.0])
            .show(ctx, |ui| {
                action = dashboard_ui(ui, data, |label| match set {
                    Some(set) => label_color(set, label),
                    None => egui::Color32::GRAY,
                });
            });
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        if !open {
            workspace.dashboard = None;
            return;
        }
        match action {
            Some(DashboardAction::ExportCsv) => {
                if self.native_dialogs
                    && let Some(folder) = rfd::FileDialog::new().pick_folder()
                {
                    self.export_dashboard_csv(&folder);
                } else if !self.native_dialogs {
                    self.show(Dialog::Path(PathDialog::new(
                        PathPurpose::DashboardCsv,
                        "",
                        None,
                    )));
                }
            }
            Some(DashboardAction::FilterLabel(label)) => {
                workspace.panel.label = Some(label);
                self.settings.show_documents = true;
            }
            Some(DashboardAction::FilterState(status)) => {
                workspace.panel.states = [status].into_iter().collect();
                self.settings.show_documents = true;
            }
            None => {}
        }
    }

    /// Write the dashboard's CSV files (the core's) into `folder`, each atomically.
    pub(super) fn export_dashboard_csv(&mut self, folder: &Path) {
        let Some(data) = self.workspace.as_ref().and_then(|w| w.dashboard.as_ref()) else {
            return;
        };
        let mut written = Vec::new();
        for (name, text) in data.csv_files() {
            let path = folder.join(name);
            if let Err(error) = storage::write_atomic(&path, text.as_bytes()) {
                let message = format!("{}: {error}", path.display());
                self.error_dialog("CSV not written", message.clone());
                self.error(message);
                return;
            }
            written.push(name);
        }
        self.info(format!(
            "Wrote {} into {}",
            written.join(", "),
            folder.display()
        ));
    }

    /// Corpus > Guidelines: the corpus's guidelines file, rendered, beside the text.
    pub(super) fn toggle_guidelines(&mut self) {
        if let Some(workspace) = &mut self.workspace {
            workspace.guidelines = match workspace.guidelines.take() {
                Some(_) => None,
                None => {
                    let path = workspace
                        .corpus
                        .config
                        .guidelines_path(&workspace.corpus.root)
                        .unwrap_or_else(|| workspace.corpus.root.join("GUIDELINES.md"));
                    Some(Guidelines::load(&path))
                }
            };
        }
    }

    pub(super) fn guidelines_panel_ui(&mut self, ui: &mut egui::Ui) {
        let (default, max) = self.panel_width(ui, 340.0);
        let Some(guidelines) = self.workspace.as_mut().and_then(|w| w.guidelines.as_mut()) else {
            return;
        };
        guidelines.refresh_if_changed();
        egui::Panel::right("guidelines")
            .resizable(true)
            .default_size(default)
            .max_size(max)
            .show(ui, |ui| {
                ui.strong("Guidelines");
                egui::ScrollArea::vertical()
                    .id_salt("guidelines")
                    .show(ui, |ui| guidelines.ui(ui));
            });
    }
}
