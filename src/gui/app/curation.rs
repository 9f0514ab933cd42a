//! Curation in the window: the annotators' sets of one article merged into its gold set
//! (`story.gold.json`), which becomes the open document, and a panel that walks through the
//! disagreements. Every decision is the core's ([`Curation`]) and comes back as an edit
//! applied through the gold set's [`OpenSet`](crate::session::OpenSet), so Ctrl+Z undoes it;
//! before each save of the gold set its decisions are stored in it
//! ([`Curation::prepare_save`]), so a re-merge after an annotator changes their set keeps them.

use std::path::{Path, PathBuf};

use super::{Doc, NewsmarkApp};
use crate::formats;
use crate::formats::visible::count;
use crate::gui::command::Command;
use crate::gui::side_panel::SidePanel;
use crate::gui::text_view::{Selection, ViewSelection};
use crate::gui::workspace::curation_view::{self, CurationAction};
use crate::journal::RecoveryInfo;
use crate::model::AnnotationSet;
use crate::model::curation::Choice;
use crate::session::OpenSet;
use crate::team::curation::Curation;
use crate::team::inputs;
use crate::team::merge::Strategy;

/// The window's curation: the dialog that starts one, and the one open.
#[derive(Default)]
pub struct Curating {
    pub dialog: Option<CurateDialog>,
    pub open: Option<CurationState>,
}

/// An open curation; its gold set is the window's document.
pub struct CurationState {
    pub curation: Curation,
    /// Where the gold set is saved (the document's save path while the curation is open).
    pub gold_path: PathBuf,
    /// The disagreement shown (index into the curation's disagreements).
    pub current: Option<usize>,
    /// What reading and merging the sets noticed, and what became of earlier decisions.
    pub notes: Vec<String>,
}

/// "Curate these sets…": the sets (one path a line), the strategy, blind mode.
pub struct CurateDialog {
    pub paths: String,
    pub strategy: Strategy,
    pub blind: bool,
}

impl CurateDialog {
    fn with_sets(sets: &[PathBuf]) -> Self {
        Self {
            paths: sets
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            strategy: Strategy::Majority,
            blind: false,
        }
    }
}

/// The annotators' sets beside the article of `path` (`story.txt`, `story.alice.json`,
/// `story.gold.json` …): every `story.<name>.json` but the gold set, by name.
pub fn sets_beside(path: &Path) -> Vec<PathBuf> {
    let gold = inputs::gold_path_for(path);
    let Some(article) = gold
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".gold.json"))
        .map(str::to_string)
    else {
        return Vec::new();
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return Vec::new();
    };
    let mut sets: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let Some(name) = inputs::name_from_file(p) else {
                return false;
            };
            name != "gold"
                && p.file_name().and_then(|n| n.to_str())
                    == Some(format!("{article}.{name}.json").as_str())
        })
        .collect();
    sets.sort();
    sets
}

impl NewsmarkApp {
    /// The curation commands of the command table.
    pub(super) fn curation_command(&mut self, command: Command) {
        match command {
            Command::Curate => self.curate_dialog(),
            Command::NextDisagreement => self.curation_action(CurationAction::Next),
            Command::PreviousDisagreement => self.curation_action(CurationAction::Previous),
            Command::TakeVersion(n) => {
                self.curation_action(CurationAction::Take(usize::from(n.max(1)) - 1));
            }
            Command::TakeAllVersions => self.curation_action(CurationAction::TakeAll),
            Command::TakeNoVersion => self.curation_action(CurationAction::TakeNone),
            Command::EditDisagreement => self.curation_action(CurationAction::Edit),
            _ => {}
        }
    }

    /// Show "Curate these sets…", filled with the sets beside the open article.
    fn curate_dialog(&mut self) {
        // The open document's article, else the documents list's current row.
        let path = match &self.doc {
            Some(doc) => Some(doc.save_path().to_path_buf()),
            None => self
                .workspace
                .as_ref()
                .and_then(|w| w.panel.current)
                .and_then(|row| self.row_article(row)),
        };
        match path {
            Some(path) => self.curate_dialog_for(&path),
            None => self.curation.dialog = Some(CurateDialog::with_sets(&[])),
        }
    }

    /// Show "Curate these sets…", filled with the sets beside `path` (an article or a set).
    pub(super) fn curate_dialog_for(&mut self, path: &Path) {
        let sets = sets_beside(path);
        if sets.len() < 2 {
            self.info(format!(
                "{} has {} beside it; curating needs two or more (list them in the dialog)",
                path.display(),
                count(sets.len(), "annotator set", "annotator sets")
            ));
        }
        self.curation.dialog = Some(CurateDialog::with_sets(&sets));
    }

    /// Open the annotators' `sets` of one article as a curation: the gold set beside them
    /// (merged again, keeping earlier decisions, when it exists) becomes the open document.
    /// Returns whether it opened; a refusal is shown in a dialog.
    pub fn curate(&mut self, sets: &[PathBuf], strategy: Strategy, blind: bool) -> bool {
        match self.try_curate(sets, strategy, blind) {
            Ok(()) => true,
            Err(message) => {
                self.error_dialog("Cannot curate these sets", message.clone());
                self.error(message);
                false
            }
        }
    }

    fn try_curate(
        &mut self,
        sets: &[PathBuf],
        strategy: Strategy,
        blind: bool,
    ) -> Result<(), String> {
        let first = sets.first().ok_or("no annotation sets given")?;
        if self.doc.as_ref().is_some_and(|d| d.is_dirty()) {
            return Err(
                "the open set has unsaved changes: save or close it first, then curate".into(),
            );
        }
        let dir = first
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let expected = inputs::corpus_annotators(dir)
            .map(|(_, names)| names)
            .filter(|names| !names.is_empty());
        let read = inputs::read(sets, expected.as_deref()).map_err(|e| e.to_string())?;
        let gold_path = inputs::gold_path_for(first);
        let previous: Option<AnnotationSet> = if gold_path.exists() {
            let opened = formats::open_path(&gold_path, None).map_err(|e| {
                format!(
                    "{} exists and cannot be read ({e}); nothing was changed",
                    gold_path.display()
                )
            })?;
            if opened.set.curation.is_none() {
                return Err(format!(
                    "{} exists and is not a gold set (it has no curation record); move it away first",
                    gold_path.display()
                ));
            }
            Some(opened.set)
        } else {
            None
        };
        let schema = Some(dir.join(formats::PROJECT_SCHEMA_FILE))
            .filter(|p| p.is_file())
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|json| crate::model::Schema::from_json(&json).ok());
        let (mut curation, mut gold) =
            Curation::open(&read.sets, strategy, schema.as_ref(), previous.as_ref())
                .map_err(|e| e.to_string())?;
        curation.blind = blind;
        if let Some(previous) = &previous {
            gold.created = previous.created.clone();
        }
        // The open set is closed first (it may be this gold set, whose lock it holds).
        if let Some(previous) = self.doc.take() {
            self.close_doc(previous);
        }
        // Locked, and a crash's journal offered back, as for any set the window opens.
        let opening = OpenSet::create_opening(gold, &gold_path);
        let mut notes = read.notes;
        notes.extend(curation.report.notes.iter().cloned());
        notes.extend(curation.decisions_stale.iter().cloned());
        self.announce_lock_and_recovery(&opening.lock, opening.recovery, &gold_path);
        self.doc = Some(Doc {
            open: opening.doc,
            view_state: ViewSelection::default(),
        });
        self.view.reset();
        self.side = SidePanel::default();
        self.linking = None;
        let report = &curation.report;
        let mut status = format!(
            "Curating {}: {} annotators, {} accepted, {}",
            gold_path.display(),
            curation.annotators.len(),
            count(report.accepted_spans, "span", "spans"),
            count(report.disagreements, "disagreement", "disagreements")
        );
        if previous.is_some() {
            status.push_str(&format!(
                "; {} kept, {} stale",
                count(
                    curation.decisions_kept,
                    "earlier decision",
                    "earlier decisions"
                ),
                curation.decisions_stale.len()
            ));
        }
        let gold = self.doc.as_ref().map(|d| d.set());
        let current = gold.and_then(|g| curation.next_open(g, None));
        self.curation.open = Some(CurationState {
            curation,
            gold_path,
            current,
            notes,
        });
        if let Some(d) = current {
            self.go_to_disagreement(d, false);
        }
        self.info(status);
        Ok(())
    }

    /// A curation's gold set was restored from a crash's journal, replayed onto the merge
    /// made then. When the merge made now (`merged_now`, its state digest) differs (an
    /// annotator's set changed since), say so: the restored work is kept as it was, and
    /// curating again after saving merges the new versions in, keeping the decisions.
    pub(super) fn curation_restored(&mut self, info: &RecoveryInfo, merged_now: &str) {
        let merged_then = formats::open_path(&info.base_path, None)
            .map(|opened| crate::session::state_digest(&opened.set));
        let from_snapshot = info.base_kind == crate::journal::BaseKind::Snapshot;
        if from_snapshot && merged_then.as_deref().is_ok_and(|then| then != merged_now) {
            self.error_dialog(
                "Restored the curation as it was",
                "An annotator's set changed since the curation was interrupted. The restored \
                 gold set holds the merge and the decisions of then. Save it, then curate this \
                 article again (Ctrl+Shift+U) to merge the new versions; your decisions are kept."
                    .to_string(),
            );
        }
    }

    /// Store the curation's decisions and status in the gold set; called before every save.
    pub(super) fn before_curation_save(&mut self) {
        if let (Some(state), Some(doc)) = (&self.curation.open, &mut self.doc)
            && doc.save_path() == state.gold_path
        {
            state.curation.prepare_save(doc.open.set_for_bookkeeping());
        }
    }

    /// Show disagreement `d`: the caret at its start (`select`: its whole text selected).
    fn go_to_disagreement(&mut self, d: usize, select: bool) {
        let Some(state) = &mut self.curation.open else {
            return;
        };
        let Some(dis) = state.curation.disagreements().get(d) else {
            return;
        };
        let range = dis.start..dis.end;
        state.current = Some(d);
        if let Some(doc) = &mut self.doc {
            doc.view_state = ViewSelection {
                selection: if select {
                    Selection {
                        anchor: range.start,
                        cursor: range.end,
                    }
                } else {
                    Selection::caret(range.start)
                },
                selected_span: None,
            };
        }
        self.view.reveal(range);
    }

    /// Do what the curator asked (from the panel or a key).
    pub fn curation_action(&mut self, action: CurationAction) {
        let (Some(state), Some(doc)) = (&mut self.curation.open, &mut self.doc) else {
            if action != CurationAction::Close {
                self.info("No curation is open: Edit > Curate these sets…");
            }
            return;
        };
        let current = state.current;
        let decision = match action {
            CurationAction::Next | CurationAction::Previous => {
                let next = if action == CurationAction::Next {
                    state.curation.next_open(doc.set(), current)
                } else {
                    state.curation.previous_open(doc.set(), current)
                };
                match next {
                    Some(d) => self.go_to_disagreement(d, false),
                    None => self.info("No disagreement left: the gold set is curated"),
                }
                return;
            }
            CurationAction::ToggleBlind => {
                state.curation.blind = !state.curation.blind;
                return;
            }
            CurationAction::Save => {
                self.save();
                return;
            }
            CurationAction::Close => {
                self.curation.open = None;
                self.info("Curation closed; the gold set stays open");
                return;
            }
            CurationAction::Edit => {
                if let Some(d) = current {
                    self.go_to_disagreement(d, true);
                    self.info("Label the selection by hand, then Done editing");
                }
                return;
            }
            _ => {
                let Some(d) = current else {
                    self.info("No disagreement selected");
                    return;
                };
                let gold = doc.open.set_for_bookkeeping();
                let edit = match &action {
                    CurationAction::Take(a) => state.curation.take_one(gold, d, *a),
                    CurationAction::TakeAll => state.curation.take_all(gold, d),
                    CurationAction::TakeNone => state.curation.take_none(gold, d),
                    _ => state.curation.finish_edited(gold, d),
                };
                (d, edit)
            }
        };
        let (d, edit) = decision;
        let what = match &action {
            CurationAction::Take(a) => {
                let name = self
                    .curation
                    .open
                    .as_ref()
                    .map(|s| s.curation.shown_name(*a))
                    .unwrap_or_default();
                format!("Took {name}'s version")
            }
            CurationAction::TakeAll => "Took every version".to_string(),
            CurationAction::TakeNone => "Took no version".to_string(),
            _ => "Kept the hand edits".to_string(),
        };
        let edit = match edit {
            Ok(edit) => edit,
            Err(error) => {
                self.error(error.to_string());
                return;
            }
        };
        if self.apply(edit).is_err() {
            return;
        }
        // The record says what the curator chose (several choices can give the same spans).
        if let Some(state) = &mut self.curation.open {
            let choice = match &action {
                CurationAction::Take(a) => state
                    .curation
                    .annotators
                    .get(*a)
                    .map(|name| Choice::Take(name.clone())),
                CurationAction::TakeAll => Some(Choice::All),
                CurationAction::TakeNone => Some(Choice::None),
                _ => Some(Choice::Edited),
            };
            if let Some(choice) = choice {
                state.curation.note_taken(d, choice);
            }
        }
        let (Some(state), Some(doc)) = (&self.curation.open, &self.doc) else {
            return;
        };
        let left = state.curation.open_count(doc.set());
        let links = state.curation.links_left(doc.set());
        let next = state.curation.next_open(doc.set(), Some(d));
        match next {
            Some(next) => self.go_to_disagreement(next, false),
            None => {
                if let Some(state) = &mut self.curation.open {
                    state.current = Some(d);
                }
            }
        }
        self.info(if left == 0 && links > 0 {
            format!(
                "{what}: no disagreement left, but {} still {} (Ctrl+J goes to each, Enter accepts)",
                count(links, "suggested link", "suggested links"),
                if links == 1 { "waits" } else { "wait" }
            )
        } else if left == 0 {
            format!("{what}: no disagreement left, the gold set is curated (Ctrl+S saves it)")
        } else {
            format!(
                "{what}: {} left (Ctrl+Z undoes)",
                count(left, "disagreement", "disagreements")
            )
        });
    }

    /// The curation panel (while a curation's gold set is the document) and the dialog.
    pub(super) fn curation_ui(&mut self, ui: &mut egui::Ui) {
        // The curation ends when its gold set is no longer the document.
        if let Some(state) = &self.curation.open
            && self
                .doc
                .as_ref()
                .is_none_or(|d| d.save_path() != state.gold_path)
        {
            self.curation.open = None;
        }
        self.curate_dialog_ui(ui);
        let (default, max) = self.panel_width(ui, 360.0);
        let (Some(state), Some(doc)) = (&self.curation.open, &self.doc) else {
            return;
        };
        let mut actions = Vec::new();
        egui::Panel::right("curation")
            .resizable(true)
            .default_size(default)
            .max_size(max)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    actions = curation_view::ui(ui, &state.curation, doc.set(), state.current);
                    if !state.notes.is_empty() {
                        ui.separator();
                        ui.collapsing(format!("Notes ({})", state.notes.len()), |ui| {
                            for note in &state.notes {
                                let note = if state.curation.blind {
                                    state.curation.blind_text(note)
                                } else {
                                    note.clone()
                                };
                                ui.label(note);
                            }
                        });
                    }
                });
            });
        for action in actions {
            self.curation_action(action);
        }
    }

    fn curate_dialog_ui(&mut self, ui: &mut egui::Ui) {
        let Some(dialog) = &mut self.curation.dialog else {
            return;
        };
        let mut go = false;
        let mut cancel = false;
        egui::Window::new("Curate these sets")
            .collapsible(false)
            .resizable(true)
            .show(ui.ctx(), |ui| {
                let label = ui.label("The annotators' sets of one article, one path a line:");
                ui.add(
                    egui::TextEdit::multiline(&mut dialog.paths)
                        .desired_rows(4)
                        .desired_width(480.0),
                )
                .labelled_by(label.id);
                ui.horizontal(|ui| {
                    ui.label("Accept without the curator:");
                    ui.radio_value(
                        &mut dialog.strategy,
                        Strategy::Unanimous,
                        "unanimous spans",
                    );
                    ui.radio_value(&mut dialog.strategy, Strategy::Majority, "majority spans");
                });
                ui.checkbox(&mut dialog.blind, "Blind: show annotators as A, B, C");
                ui.label("The gold set is saved beside them as story.gold.json; an existing one is merged again, keeping its decisions.");
                ui.horizontal(|ui| {
                    go = ui.button("Curate").clicked();
                    cancel = ui.button("Cancel").clicked();
                });
            });
        if cancel {
            self.curation.dialog = None;
        } else if go {
            let sets: Vec<PathBuf> = dialog
                .paths
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(super::expand_home)
                .collect();
            let (strategy, blind) = (dialog.strategy, dialog.blind);
            if self.curate(&sets, strategy, blind) {
                self.curation.dialog = None;
            }
        }
    }
}
