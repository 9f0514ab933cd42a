//! The corpus in the window: open a folder, the documents panel, moving between documents
//! (saving the one left behind through its [`OpenSet`](crate::session::OpenSet)), mark done.
//! The corpus work is [`crate::corpus`]'s; this keeps the list in step with it.

use std::path::{Path, PathBuf};

use super::NewsmarkApp;
use super::dialogs::{Dialog, PathDialog, PathPurpose};
use crate::agreement::{self, AgreementReport, input};
use crate::corpus::{self, Corpus, Move, View};
use crate::formats::visible::count;
use crate::gui::command::Command;
use crate::gui::settings::annotator_option;
use crate::gui::workspace::agreement_view::{AgreementAction, AgreementView};
use crate::gui::workspace::corpus_find::CorpusFindPanel;
use crate::gui::workspace::documents::{DocumentRow, DocumentsAction, DocumentsPanel};
use crate::model::Edit;
use crate::model::set::Status;

/// The open corpus and the documents panel over it.
pub struct Workspace {
    pub corpus: Corpus,
    /// The corpus schema, read when the corpus is opened or read again (not every frame).
    pub schema: crate::model::Schema,
    /// The list rows (for the window's annotator), in the corpus's order.
    pub rows: Vec<DocumentRow>,
    /// For each row, its index in [`Corpus::documents`].
    document_of_row: Vec<usize>,
    pub panel: DocumentsPanel,
    /// Changes whenever `rows` do (the panel re-sorts then).
    revision: u64,
    /// The row open in the window.
    pub current: Option<usize>,
    /// The dashboard window, while open.
    pub dashboard: Option<crate::corpus::dashboard::Dashboard>,
    /// The guidelines panel, while shown.
    pub guidelines: Option<crate::gui::workspace::guidelines::Guidelines>,
    /// The find in corpus window, while open.
    pub find: Option<CorpusFindPanel>,
    /// The agreement window, while open.
    pub agreement: Option<AgreementWindow>,
    /// The labels editor, while open.
    pub labels: Option<crate::gui::workspace::labels_editor::LabelsEditor>,
    /// The watch for changes from outside.
    pub outside: super::outside::OutsideChanges,
    /// The corpus job running on its thread, if one is.
    pub job: Option<super::jobs::Job>,
    /// Where the open document's set belongs in the corpus (the annotator's set file; the
    /// document may have been opened from its article, which names another path).
    pub(super) target: Option<PathBuf>,
}

impl Workspace {
    fn new(corpus: Corpus, annotator: &str) -> Self {
        let schema = corpus.config.load_schema(&corpus.root).0;
        let mut workspace = Self {
            corpus,
            schema,
            rows: Vec::new(),
            document_of_row: Vec::new(),
            panel: DocumentsPanel::default(),
            revision: 0,
            current: None,
            agreement: None,
            labels: None,
            outside: super::outside::OutsideChanges::new(),
            job: None,
            find: None,
            dashboard: None,
            guidelines: None,
            target: None,
        };
        workspace.rebuild(annotator);
        workspace
    }

    /// Read the rows again from the corpus (after a save or a reload).
    pub(super) fn rebuild(&mut self, annotator: &str) {
        let rows = self.corpus.rows(&View::for_annotator(annotator));
        let current_document = self
            .current
            .and_then(|i| self.document_of_row.get(i).copied());
        self.rows = rows.iter().map(DocumentRow::from_row).collect();
        self.document_of_row = rows.iter().map(|r| r.document_index).collect();
        self.current =
            current_document.and_then(|d| self.document_of_row.iter().position(|&x| x == d));
        self.panel.current = self.current;
        self.revision += 1;
    }

    /// The list row of corpus document `document`.
    pub fn row_of_document(&self, document: usize) -> Option<usize> {
        self.document_of_row.iter().position(|&d| d == document)
    }

    /// The corpus document of list row `row`.
    pub fn document_of(&self, row: usize) -> Option<usize> {
        self.document_of_row.get(row).copied()
    }

    /// The row to go to, in the order the panel shows (sorted and filtered).
    fn target_row(&mut self, annotator: &str, movement: Move) -> Option<usize> {
        let order = self.panel.order(&self.rows, self.revision).to_vec();
        let all = self.corpus.rows(&View::for_annotator(annotator));
        let shown: Vec<corpus::Row<'_>> =
            order.iter().filter_map(|&i| all.get(i).copied()).collect();
        let position = self
            .current
            .and_then(|c| order.iter().position(|&i| i == c));
        corpus::navigate(&shown, position, movement).map(|p| order[p])
    }
}

/// The agreement view over one measurement of the corpus.
pub struct AgreementWindow {
    pub view: AgreementView,
    pub report: AgreementReport,
    /// Per report document, the set each annotator's work came from.
    sets: Vec<Vec<input::SetFile>>,
    /// What reading the sets found, shown above the figures.
    pub problems: Vec<String>,
}

impl NewsmarkApp {
    /// Open `root` as the window's corpus (the document open stays open).
    pub fn open_corpus(&mut self, root: &Path) {
        match Corpus::open(root, &corpus::OpenOptions::default()) {
            Ok(opened) => {
                let count = opened.documents.len();
                let problems = opened.problems.len();
                self.workspace = Some(Workspace::new(opened, &self.settings.annotator));
                self.settings.show_documents = true;
                self.settings.add_recent_corpus(root);
                self.save_settings();
                self.ask_annotator_if_shared();
                self.info(format!(
                    "Opened the corpus {} ({}{})",
                    root.display(),
                    crate::formats::visible::count(count, "article", "articles"),
                    if problems == 0 {
                        String::new()
                    } else {
                        format!(
                            ", {} listed",
                            crate::formats::visible::count(problems, "problem", "problems")
                        )
                    }
                ));
                // A fresh clone without the merge driver: said before anyone pulls.
                if let Some(warning) = crate::team::git::driver_missing(root) {
                    self.error_dialog("Git merges of sets are not set up here", warning);
                }
            }
            Err(error) => {
                self.error_dialog("Cannot open the folder", error.to_string());
                self.error(error.to_string());
            }
        }
    }

    /// Read the corpus again from disk (after a change from outside, or a labels change):
    /// only what changed is read again; the list keeps its sort, filters and current row.
    pub(super) fn reload_corpus(&mut self) {
        let annotator = self.settings.annotator.clone();
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let current = workspace
            .current
            .and_then(|row| workspace.rows.get(row))
            .map(|row| row.article.clone());
        if let Err(error) = workspace.corpus.reload(&corpus::OpenOptions::default()) {
            let message = format!("The corpus could not be read again: {error}");
            return self.error(message);
        }
        workspace.schema = workspace
            .corpus
            .config
            .load_schema(&workspace.corpus.root)
            .0;
        workspace.current = None;
        workspace.rebuild(&annotator);
        let row = current.and_then(|name| workspace.rows.iter().position(|r| r.article == name));
        workspace.current = row;
        workspace.panel.set_current(row);
    }

    /// File > Open folder…: the system folder dialog, or the path dialog without one.
    pub(super) fn open_folder_dialog(&mut self) {
        if self.native_dialogs
            && let Some(folder) = rfd::FileDialog::new().pick_folder()
        {
            self.open_corpus(&folder);
            return;
        }
        if !self.native_dialogs {
            self.show(Dialog::Path(PathDialog::new(PathPurpose::Open, "", None)));
        }
    }

    /// The corpus commands ([`Command::OpenFolder`] … [`Command::OpenDocument`]).
    pub(super) fn corpus_command(&mut self, command: Command) {
        let annotator = self.settings.annotator.clone();
        if command == Command::OpenFolder {
            return self.open_folder_dialog();
        }
        if command == Command::ToggleDocuments {
            self.settings.show_documents = !self.settings.show_documents;
            self.save_settings();
            return;
        }
        let Some(workspace) = &mut self.workspace else {
            self.error("No corpus is open (File > Open folder…)");
            return;
        };
        let row = match command {
            Command::NextDocument => workspace.target_row(&annotator, Move::Next),
            Command::PreviousDocument => workspace.target_row(&annotator, Move::Previous),
            Command::NextUnfinished => workspace.target_row(&annotator, Move::NextUnfinished),
            Command::OpenDocument(row) => Some(row),
            Command::MarkDone => return self.mark_done(),
            Command::Agreement => return self.measure_agreement(),
            Command::FindInCorpus => return self.toggle_corpus_find(),
            Command::Dashboard => return self.toggle_dashboard(),
            Command::ToggleGuidelines => return self.toggle_guidelines(),
            Command::EditLabels => return self.toggle_labels_editor(),
            _ => return,
        };
        match row {
            Some(row) => {
                self.open_row(row);
            }
            None => self.info("No other document to go to"),
        }
    }

    /// Mark the open document done (one undoable edit), save it, and open the next
    /// unfinished one.
    fn mark_done(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        if doc.set().status != Some(Status::Done)
            && let Err(error) = doc.apply(Edit::SetStatus(Some(Status::Done)))
        {
            self.error(error.to_string());
            return;
        }
        if !self.save_for_switch() {
            return;
        }
        let annotator = self.settings.annotator.clone();
        let next = self
            .workspace
            .as_mut()
            .and_then(|w| w.target_row(&annotator, Move::NextUnfinished));
        match next {
            Some(row) if Some(row) != self.workspace.as_ref().and_then(|w| w.current) => {
                self.open_row(row);
            }
            _ => self.info("Marked done; every document is finished"),
        }
    }

    /// Save the open document if it has changes (to its corpus place), and update its row.
    /// `false` when it could not be saved (a conflict dialog or an error is shown): then the
    /// window must stay on it.
    pub(super) fn save_for_switch(&mut self) -> bool {
        let Some(doc) = &self.doc else { return true };
        if !doc.is_dirty() {
            return true;
        }
        if let Some(warning) = doc.overwrite_warning() {
            // A set with load problems: replacing it is the user's call, never silent.
            let path = doc.save_path().to_path_buf();
            let warning = warning.to_string();
            self.show(Dialog::Overwrite { path, warning });
            return false;
        }
        let path = self
            .workspace
            .as_ref()
            .and_then(|w| w.target.clone())
            .unwrap_or_else(|| doc.save_path().to_path_buf());
        if !self.save_checked(&path, false) {
            return false;
        }
        self.refresh_current_row();
        true
    }

    /// Read the open document's row again from disk.
    fn refresh_current_row(&mut self) {
        let annotator = self.settings.annotator.clone();
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        if let Some(document) = workspace
            .current
            .and_then(|row| workspace.document_of_row.get(row).copied())
        {
            workspace.corpus.refresh(document);
            workspace.rebuild(&annotator);
        }
    }

    /// Open the document of list row `row`: its set for the window's annotator if there is
    /// one, else its article (saved, once edited, as that annotator's set). The document open
    /// now is saved first; if it cannot be, nothing changes.
    pub fn open_row(&mut self, row: usize) -> bool {
        if !self.save_for_switch() {
            return false;
        }
        let annotator = self.settings.annotator.clone();
        let Some(workspace) = &self.workspace else {
            return false;
        };
        let Some(&document_index) = workspace.document_of_row.get(row) else {
            return false;
        };
        let document = &workspace.corpus.documents[document_index];
        let set_path = workspace.corpus.root.join(
            workspace
                .corpus
                .set_path_of(document, annotator_option(&annotator)),
        );
        let article = workspace
            .rows
            .get(row)
            .map(|r| workspace.corpus.path(&r.article));
        let path = if set_path.exists() {
            set_path.clone()
        } else {
            match article {
                Some(article) if article.is_file() => article,
                _ => {
                    let name = workspace.rows[row].article.clone();
                    self.error_dialog(
                        "Cannot open the document",
                        format!("{name} has no readable article and no set of yours."),
                    );
                    return false;
                }
            }
        };
        let row_now = Some(row);
        self.switch_to(&path, set_path, row_now)
    }

    /// The article of list row `row`, as a path.
    pub(super) fn row_article(&self, row: usize) -> Option<PathBuf> {
        let workspace = self.workspace.as_ref()?;
        Some(workspace.corpus.path(&workspace.rows.get(row)?.article))
    }

    /// "Curate this article…" from the documents list: the curation dialog with the sets
    /// beside the row's article (the document open now is saved first, as when switching).
    pub(super) fn curate_row(&mut self, row: usize) {
        if let Some(workspace) = &mut self.workspace {
            workspace.panel.set_current(Some(row));
        }
        if !self.save_for_switch() {
            return;
        }
        if let Some(article) = self.row_article(row) {
            self.curate_dialog_for(&article);
        }
    }

    /// Open `path` (the document left is saved first), remembering `set_path` as where its
    /// edits belong and `row` as the list row it is.
    fn switch_to(&mut self, path: &Path, set_path: PathBuf, row: Option<usize>) -> bool {
        if !self.save_for_switch() {
            return false;
        }
        self.open_now(path);
        let opened = self
            .doc
            .as_ref()
            .is_some_and(|d| d.opened_path() == path || d.save_path() == set_path);
        if let Some(workspace) = &mut self.workspace {
            workspace.current = row;
            workspace.panel.set_current(row);
            workspace.target = opened.then_some(set_path);
        }
        opened
    }

    /// The documents panel (left), while a corpus is open and the panel is on.
    pub(super) fn documents_panel_ui(&mut self, ui: &mut egui::Ui) {
        if !self.settings.show_documents {
            return;
        }
        let annotator = self.settings.annotator.trim().to_string();
        let mut ask = false;
        let (default, max) = self.panel_width(ui, 300.0);
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let mut action = None;
        egui::Panel::left("documents")
            .resizable(true)
            .default_size(default)
            .max_size(max)
            .show(ui, |ui| {
                ui.strong(format!("Documents of {}", workspace.corpus.name()));
                if !workspace.corpus.config.annotators.is_empty() || !annotator.is_empty() {
                    // A shared corpus: whose sets the list shows, one click from changing.
                    let who = if annotator.is_empty() {
                        "Annotator: none (story.json)".to_string()
                    } else {
                        format!("Annotator: {annotator}")
                    };
                    if ui
                        .link(who)
                        .on_hover_text("Team > Annotator name…")
                        .clicked()
                    {
                        ask = true;
                    }
                }
                action = workspace.panel.ui(ui, &workspace.rows, workspace.revision);
            });
        if ask {
            self.queue.push(Command::SetAnnotator);
        }
        match action {
            Some(DocumentsAction::Open(row)) => self.queue.push(Command::OpenDocument(row)),
            Some(DocumentsAction::Curate(row)) => self.curate_row(row),
            None => {}
        }
    }

    /// Team > Agreement…: gather the corpus's sets and measure (as `newsmark agree DIR`).
    fn measure_agreement(&mut self) {
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        // Measuring again keeps what the user chose to look at.
        let view = workspace
            .agreement
            .take()
            .map(|window| window.view)
            .unwrap_or_default();
        let gathered = input::gather(
            std::slice::from_ref(&workspace.corpus.root),
            &input::GatherOptions {
                include_gold: view.include_gold,
            },
        );
        let report = agreement::measure(
            &gathered.documents,
            &gathered.annotators,
            &gathered.vocabulary,
        );
        let problems = gathered.problems.iter().map(|p| p.to_string()).collect();
        let mut view = view;
        view.measured_again(report.documents.len());
        workspace.agreement = Some(AgreementWindow {
            view,
            report,
            sets: gathered.sets,
            problems,
        });
    }

    /// The agreement window; a click on a disagreement opens its document at the range.
    pub(super) fn agreement_window_ui(&mut self, ctx: &egui::Context) {
        let Some(window) = self.workspace.as_mut().and_then(|w| w.agreement.as_mut()) else {
            return;
        };
        let mut open = true;
        let mut action = None;
        // The window fits the app's window however long the disagreement list is (the list
        // scrolls inside it; it used to run past the bottom of the screen).
        let screen = ctx.content_rect();
        let fit = (screen.size() - egui::vec2(24.0, 24.0)).max(egui::vec2(240.0, 200.0));
        egui::Window::new("Agreement")
            .open(&mut open)
            .default_size(egui::vec2(720.0, 760.0).min(fit))
            .max_size(fit)
            .constrain_to(screen)
            .show(ctx, |ui| {
                // The first problems, the rest folded: a corpus with many gold sets listed one
                // line each and pushed the window past the screen.
                const SHOWN: usize = 3;
                for problem in window.problems.iter().take(SHOWN) {
                    ui.colored_label(ui.visuals().warn_fg_color, problem);
                }
                if window.problems.len() > SHOWN {
                    ui.collapsing(
                        format!(
                            "{} more",
                            count(window.problems.len() - SHOWN, "problem", "problems")
                        ),
                        |ui| {
                            egui::ScrollArea::vertical()
                                .id_salt("agreement-problems")
                                .max_height(120.0)
                                .show(ui, |ui| {
                                    for problem in &window.problems[SHOWN..] {
                                        ui.colored_label(ui.visuals().warn_fg_color, problem);
                                    }
                                });
                        },
                    );
                }
                action = window.view.ui(ui, &window.report);
            });
        if !open {
            if let Some(w) = &mut self.workspace {
                w.agreement = None;
            }
            return;
        }
        match action {
            Some(AgreementAction::Refresh) => self.measure_agreement(),
            Some(AgreementAction::Open {
                document,
                disagreement,
            }) => {
                let found = window.sets.get(document).and_then(|sets| {
                    let path = sets.iter().map(|s| s.path.clone()).find(|p| p.is_file())?;
                    let range = window
                        .report
                        .documents
                        .get(document)?
                        .disagreements
                        .get(disagreement)
                        .map(|d| d.start as usize..d.end as usize)?;
                    Some((path, range))
                });
                if let Some((path, range)) = found
                    && self.switch_to(&path, path.clone(), None)
                {
                    self.go_to_match(range);
                }
            }
            None => {}
        }
    }

    /// "corpus — document": the title's corpus part, if a corpus is open.
    pub(super) fn corpus_title(&self) -> Option<String> {
        self.workspace.as_ref().map(|w| w.corpus.name())
    }

    /// The recent corpora, to open again (a folder no longer there is shown off).
    pub(super) fn recent_corpora_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("Recent corpora", |ui| {
            if self.settings.recent_corpora.is_empty() {
                ui.label("No recent corpora");
            }
            for path in self.settings.recent_corpora.clone() {
                if super::frame::recent_entry(ui, &path, false) == Some(true) {
                    self.open_corpus(&path);
                    ui.close();
                }
            }
        });
    }
}
