//! Find in the corpus (the window over [`CorpusFindPanel`]): the search is the core's
//! [`crate::corpus::find::find_in_corpus`], run on a thread (`jobs.rs`); a hit opens its document with the match selected; "label all" adds the
//! matches as suggestions through [`bulk::label_matches`], and to the document open here
//! through its [`OpenSet`](crate::session::OpenSet) as one undoable edit.

use std::sync::atomic::AtomicBool;

use super::NewsmarkApp;
use crate::corpus::bulk;
use crate::corpus::find::suggest_matches;
use crate::gui::workspace::corpus_find::{CorpusFindAction, CorpusFindPanel};

impl NewsmarkApp {
    /// Corpus > Find in corpus…: show the window (or hide it).
    pub(super) fn toggle_corpus_find(&mut self) {
        if let Some(workspace) = &mut self.workspace {
            workspace.find = match workspace.find.take() {
                Some(_) => None,
                None => Some(CorpusFindPanel::default()),
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
            .corpus
            .config
            .load_schema(&workspace.corpus.root)
            .0
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
            Some(CorpusFindAction::LabelAll(label)) => self.label_all_in_corpus(&label),
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

    /// Add every hit as a `label` suggestion: the document open here through its open set
    /// (one undoable edit), the others in their files.
    fn label_all_in_corpus(&mut self, label: &str) {
        let annotator = self.settings.annotator.clone();
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let Some(panel) = &workspace.find else { return };
        let query = panel.searched.clone().unwrap_or_default();
        let mut matches: Vec<(usize, Vec<std::ops::Range<usize>>)> = Vec::new();
        for hit in &panel.hits {
            match matches.last_mut() {
                Some((document, ranges)) if *document == hit.document_index => {
                    ranges.push(hit.range.clone())
                }
                _ => matches.push((hit.document_index, vec![hit.range.clone()])),
            }
        }
        let open_here = workspace
            .target
            .clone()
            .or_else(|| self.doc.as_ref().map(|d| d.save_path().to_path_buf()));
        let open_document = workspace.current.and_then(|row| workspace.document_of(row));
        let report = bulk::label_matches(
            &workspace.corpus,
            &matches,
            label,
            &query,
            super::corpus::annotator_option(&annotator),
            open_here.as_deref(),
            &|_, _| {},
            &AtomicBool::new(false),
        );
        let mut summary = report.summary();
        if let (Some(doc), Some(document)) = (&mut self.doc, open_document)
            && let Some((_, ranges)) = matches.iter().find(|(d, _)| *d == document)
        {
            let mut set = doc.set().clone();
            let (edit, added) = suggest_matches(&mut set, ranges, label, &query);
            if added > 0 {
                match doc.apply(edit) {
                    Ok(_) => summary.push_str(&format!("; {added} in the open document")),
                    Err(error) => summary.push_str(&format!("; the open document: {error}")),
                }
            }
        }
        if let Some(workspace) = &mut self.workspace {
            for (document, _) in &matches {
                workspace.corpus.refresh(*document);
            }
            workspace.rebuild(&annotator);
        }
        self.info(summary);
    }
}
