//! Find in the corpus (the window over [`CorpusFindPanel`]): the search is the core's
//! [`crate::corpus::find::find_in_corpus`], run on a thread (`jobs.rs`); a hit opens its document with the match selected; "label all" adds the
//! matches as suggestions through [`crate::corpus::bulk::label_matches`] on a thread
//! (`jobs.rs`), and to the document open here through its
//! [`OpenSet`](crate::session::OpenSet) as one undoable edit.

use super::NewsmarkApp;
use crate::gui::workspace::corpus_find::{CorpusFindAction, CorpusFindPanel};

impl NewsmarkApp {
    /// Corpus > Find in corpus…: show the window (or hide it).
    pub(super) fn toggle_corpus_find(&mut self) {
        if let Some(workspace) = &mut self.workspace {
            workspace.find = match workspace.find.take() {
                Some(_) => None,
                None => Some(CorpusFindPanel {
                    focus_query: true,
                    ..CorpusFindPanel::default()
                }),
            };
        }
    }

    pub(super) fn corpus_find_ui(&mut self, ctx: &egui::Context) {
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let Some(panel) = &mut workspace.find else {
            return;
        };
        let labels: Vec<String> = workspace
            .schema
            .labels
            .iter()
            .map(|l| l.name.clone())
            .collect();
        let mut open = true;
        let mut action = None;
        egui::Window::new("Find in corpus")
            .open(&mut open)
            .default_size([640.0, 480.0])
            .show(ctx, |ui| action = panel.ui(ui, &labels));
        if !open {
            workspace.find = None;
            return;
        }
        match action {
            Some(CorpusFindAction::Search) => self.start_corpus_find(ctx),
            Some(CorpusFindAction::Open(index)) => self.open_hit(index),
            Some(CorpusFindAction::LabelAll(label)) => self.start_label_all(ctx, &label),
            None => {}
        }
    }

    /// Open the document of hit `index` with the match selected.
    fn open_hit(&mut self, index: usize) {
        let Some(hit) = self
            .workspace
            .as_ref()
            .and_then(|w| w.find.as_ref())
            .and_then(|p| p.hits.get(index))
            .cloned()
        else {
            return;
        };
        let Some(row) = self
            .workspace
            .as_ref()
            .and_then(|w| w.row_of_document(hit.document_index))
        else {
            return;
        };
        if self.open_row(row) {
            self.go_to_match(hit.range.clone());
            if let Some(panel) = self.workspace.as_mut().and_then(|w| w.find.as_mut()) {
                panel.current = Some(index);
            }
        }
    }
}
