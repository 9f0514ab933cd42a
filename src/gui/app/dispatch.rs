//! What each [`Command`] does. The rules (what a label, a link, a review or a suggestion
//! does to the set) are [`OpenSet`](crate::session::OpenSet)'s; here their typed outcomes
//! become the selection, the scroll position and the words in the status line.

use std::ops::Range;
use std::path::Path;

use super::NewsmarkApp;
use super::dialogs::{Dialog, PathDialog, PathPurpose, Pending};
use crate::formats::visible::count;
use crate::gui::command::Command;
use crate::gui::corpus_dialog::{CorpusDialog, CorpusKind};
use crate::gui::find_bar::FindBar;
use crate::gui::settings::Settings;
use crate::gui::side_panel::PanelAction;
use crate::gui::text_view::{RowMove, Selection, ViewSelection};
use crate::model::edit::{Edit, EditError};
use crate::model::{AnnotationSet, RelationId, SpanId};
use crate::session::{
    AttributeOutcome, BoundaryOutcome, LabelOutcome, ReviewOutcome, Side, SuggestError,
};

impl NewsmarkApp {
    pub(super) fn run(&mut self, ctx: &egui::Context, command: Command) {
        if self.linking.is_some() && self.link_mode_command(&command) {
            return;
        }
        let len = self.doc.as_ref().map_or(0, |d| d.set().text().char_len());
        match command {
            Command::OpenFolder
            | Command::ToggleDocuments
            | Command::NextDocument
            | Command::PreviousDocument
            | Command::NextUnfinished
            | Command::MarkDone
            | Command::OpenDocument(_)
            | Command::Agreement
            | Command::FindInCorpus
            | Command::Dashboard
            | Command::EditLabels
            | Command::ToggleGuidelines => self.corpus_command(command),
            Command::SetAnnotator => self.ask_annotator(None),
            Command::Open => self.open_dialog(),
            Command::OpenPath => {
                self.show(Dialog::Path(PathDialog::new(PathPurpose::Open, "", None)));
            }
            Command::Save => self.save(),
            Command::SaveAs => self.save_as_dialog(),
            Command::Close | Command::Quit => {
                let pending = if command == Command::Close {
                    Pending::Close
                } else {
                    Pending::Quit
                };
                if self.doc.as_ref().is_some_and(|d| d.is_dirty()) {
                    self.show(Dialog::Unsaved(pending));
                } else {
                    self.continue_pending(pending);
                }
            }
            Command::Undo => self.undo_redo(false),
            Command::Redo => self.undo_redo(true),
            Command::ApplyLabel(label) => self.apply_label(&label),
            Command::Relabel(id, label) => {
                if let Some(doc) = &mut self.doc {
                    let result = doc.open.relabel(id, &label).map(|_| ());
                    self.report_last_edit(result);
                }
            }
            Command::DeleteSpan => self.delete_selected_span(),
            Command::MoveSpan(id, range) => self.move_span(id, range),
            Command::LabelAllMatches(label) => self.label_all_matches(&label),
            Command::NextSpan => self.select_neighbour(true),
            Command::PreviousSpan => self.select_neighbour(false),
            Command::ClearSelection => {
                if self.find.is_some() {
                    // Esc first closes the find bar, keeping the match selected.
                    self.close_find();
                } else if self.linking.take().is_some() {
                    self.info("Linking cancelled");
                } else if let Some(doc) = &mut self.doc {
                    let caret = doc.view_state.selection.cursor;
                    doc.view_state = ViewSelection {
                        selection: Selection::caret(caret),
                        selected_span: None,
                    };
                }
            }
            // Right-to-left support: the arrows move towards their side on screen.
            Command::CaretLeft
            | Command::CaretRight
            | Command::ExtendLeft
            | Command::ExtendRight => {
                let left = matches!(command, Command::CaretLeft | Command::ExtendLeft);
                let extend = matches!(command, Command::ExtendLeft | Command::ExtendRight);
                let view = &self.view;
                let target = self.doc.as_ref().map(|doc| {
                    view.arrow_step(doc.open.set(), doc.view_state.selection.cursor, left)
                });
                if let Some(target) = target {
                    self.move_caret(extend, move |_, _| target.min(len));
                }
            }
            Command::ExtendWordLeft | Command::ExtendWordRight => {
                // Right-to-left support: in right-to-left text the next word is on the left.
                let caret = self
                    .doc
                    .as_ref()
                    .map_or(0, |d| d.view_state.selection.cursor);
                let rtl = self.doc.as_ref().is_some_and(|d| {
                    let before = if command == Command::ExtendWordLeft {
                        caret
                    } else {
                        caret.saturating_sub(1)
                    };
                    self.view.is_rtl_at(d.open.set(), before)
                });
                if (command == Command::ExtendWordLeft) != rtl {
                    self.move_caret(true, |set, c| {
                        crate::model::words::previous_word_boundary(set.text(), c)
                    });
                } else {
                    self.move_caret(true, |set, c| {
                        crate::model::words::word_end_after(set.text(), c)
                    });
                }
            }
            Command::CaretUp => self.view.move_by_row(RowMove::Up, false),
            Command::CaretDown => self.view.move_by_row(RowMove::Down, false),
            Command::ExtendUp => self.view.move_by_row(RowMove::Up, true),
            Command::ExtendDown => self.view.move_by_row(RowMove::Down, true),
            Command::CaretRowStart => self.view.move_by_row(RowMove::RowStart, false),
            Command::CaretRowEnd => self.view.move_by_row(RowMove::RowEnd, false),
            Command::ExtendRowStart => self.view.move_by_row(RowMove::RowStart, true),
            Command::ExtendRowEnd => self.view.move_by_row(RowMove::RowEnd, true),
            Command::SpanStartLeft => self.move_boundary(Side::Start, -1),
            Command::SpanStartRight => self.move_boundary(Side::Start, 1),
            Command::SpanEndLeft => self.move_boundary(Side::End, -1),
            Command::SpanEndRight => self.move_boundary(Side::End, 1),
            Command::SpanStartWordLeft => self.move_boundary_by_word(Side::Start, false),
            Command::SpanStartWordRight => self.move_boundary_by_word(Side::Start, true),
            Command::SpanEndWordLeft => self.move_boundary_by_word(Side::End, false),
            Command::SpanEndWordRight => self.move_boundary_by_word(Side::End, true),
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
            // The caret goes with the view, as in a desktop editor (they only scrolled).
            Command::ToStart => self.move_caret(false, |_, _| 0),
            Command::ToEnd => self.move_caret(false, |_, _| len),
            Command::ExtendToStart => self.move_caret(true, |_, _| 0),
            Command::ExtendToEnd => self.move_caret(true, |_, _| len),
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
            Command::ToggleLabelTags => {
                self.view.label_tags = !self.view.label_tags;
                self.save_settings();
            }
            Command::ToggleSpanList => {
                self.settings.show_span_list = !self.settings.show_span_list;
                self.save_settings();
            }
            Command::ToggleHelp => {
                if matches!(self.dialogs.front(), Some(Dialog::Help)) {
                    self.dialogs.pop_front();
                } else {
                    self.show(Dialog::Help);
                }
            }
            Command::Link => match self.selected_span() {
                Some(from) => self.start_link(from, None),
                None => self.info("Click the span to link from first"),
            },
            Command::CycleAttribute(n) => self.cycle_attribute(n),
            Command::NextSpeaker => self.next_speaker(false),
            Command::PreviousSpeaker => self.next_speaker(true),
            Command::AcceptSuggestion | Command::RejectSuggestion => match self.selected_span() {
                Some(id) => self.review(id, command == Command::AcceptSuggestion),
                None => self.info("Select a suggestion first (Ctrl+J goes to the next one)"),
            },
            Command::AcceptAllOfLabel => self.review_all_of_label(true),
            Command::RejectAllOfLabel => self.review_all_of_label(false),
            Command::Find => self.open_find(),
            Command::FindNext | Command::FindPrevious => {
                let forward = command == Command::FindNext;
                let from = self
                    .doc
                    .as_ref()
                    .map_or(0..0, |d| d.view_state.selection.range());
                match self.find.as_mut().map(|bar| bar.step(from, forward)) {
                    Some(Some(range)) => self.go_to_match(range),
                    Some(None) => self.info("No matches"),
                    None => self.queue.push(Command::Find),
                }
            }
            Command::Suggest => self.suggest(),
            Command::SuggestCorpus => self.start_corpus_suggestions(ctx),
            Command::SuggestFromFile => {
                if self.doc.is_some() {
                    self.show(Dialog::Path(PathDialog::new(
                        PathPurpose::SuggestFrom,
                        "",
                        Some("A file with annotations on this same article, in any format Newsmark imports (a spaCy .spacy file, doccano or Prodigy .jsonl, Label Studio .json, brat .ann, a set): they are added as suggestions to review."),
                    )));
                }
            }
            Command::Reanchor => {
                if let Some(doc) = &self.doc {
                    // The article beside the set is the usual one to move onto.
                    let beside = crate::formats::article::article_for_set(doc.open.save_path())
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    self.show(Dialog::Path(PathDialog::new(
                        PathPurpose::Reanchor,
                        &beside,
                        Some("The changed article (.txt, .md): spans move by their text and context."),
                    )));
                }
            }
            Command::Export | Command::Import => {
                let kind = if command == Command::Export {
                    CorpusKind::Export
                } else {
                    CorpusKind::Import
                };
                // Beside the corpus, not inside it: an export's .txt files would become
                // articles of the corpus.
                // Absolute first: the parent of a corpus opened as `.` is empty.
                let corpus_root = self
                    .workspace
                    .as_ref()
                    .map(|w| std::path::absolute(&w.corpus.root).unwrap_or(w.corpus.root.clone()));
                let base = corpus_root
                    .as_ref()
                    .and_then(|root| root.parent().map(Path::to_path_buf))
                    .or_else(|| {
                        // A set opened on its own that belongs to a corpus: beside that
                        // corpus too.
                        let folder = self.doc.as_ref()?.save_path().parent()?.to_path_buf();
                        match crate::corpus::config::enclosing_root(&folder) {
                            Some(root) => root.parent().map(Path::to_path_buf),
                            None => Some(folder),
                        }
                    })
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_default();
                let folder = if kind == CorpusKind::Export {
                    "export"
                } else {
                    "imported"
                };
                // Absolute, so the form shows (and writes) where it means, whatever the
                // window's working folder.
                let base = std::path::absolute(&base).unwrap_or(base);
                let mut dialog = CorpusDialog::new(kind, base.join(folder));
                if kind == CorpusKind::Export {
                    // The corpus is the other choice beside the open set, filled in; with
                    // nothing open it is what there is to export.
                    if let Some(root) = &corpus_root {
                        dialog.inputs = root.display().to_string();
                    }
                    if self.doc.is_none() {
                        dialog.open_set = false;
                    }
                }
                self.show(Dialog::Corpus(Box::new(dialog)));
            }
            Command::Curate
            | Command::NextDisagreement
            | Command::PreviousDisagreement
            | Command::TakeVersion(_)
            | Command::TakeAllVersions
            | Command::TakeNoVersion
            | Command::EditDisagreement => self.curation_command(command),
            Command::NextSuggestion => {
                let current = self.selected_span();
                self.next_suggestion(current);
            }
        }
        ctx.request_repaint();
    }

    /// What the side panel asked for.
    pub(super) fn panel_action(&mut self, ctx: &egui::Context, action: PanelAction) {
        match action {
            PanelAction::Command(command) => self.run(ctx, command),
            PanelAction::Edit(edit) => {
                let _ = self.apply(edit);
            }
            PanelAction::ReviewLink { relation, accept } => self.review_link(relation, accept),
            PanelAction::Jump(id) => self.select_span(id),
            PanelAction::StartLink { from, retarget } => self.start_link(from, retarget),
            PanelAction::Review { span, accept } => self.review(span, accept),
            PanelAction::Reencode(encoding) => self.reencode(&encoding),
        }
    }

    fn selected_span(&self) -> Option<SpanId> {
        self.doc.as_ref().and_then(|d| d.view_state.selected_span)
    }

    /// Say how an edit went: its description, or why it was refused.
    fn report_edit(&mut self, result: Result<String, EditError>) -> bool {
        match result {
            Ok(text) => {
                self.info(text);
                true
            }
            Err(error) => {
                self.error(format!("Not done: {error}"));
                false
            }
        }
    }

    /// Say what the last edit was, or why it was refused.
    pub(super) fn report_last_edit(&mut self, result: Result<(), EditError>) -> bool {
        let text = self
            .doc
            .as_ref()
            .and_then(|d| d.history().describe_last(d.set()))
            .unwrap_or_default();
        self.report_edit(result.map(|()| text))
    }

    /// Apply an edit through the open set, showing any refusal.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let Some(doc) = &mut self.doc else {
            return Ok(());
        };
        let description = edit.describe();
        let result = doc.open.apply(edit).map(|_| ());
        self.report_edit(result.clone().map(|()| description));
        result
    }

    /// After an edit that may have removed the selected span: forget it.
    fn forget_removed_selection(&mut self) {
        if let Some(doc) = &mut self.doc
            && doc
                .view_state
                .selected_span
                .is_some_and(|id| doc.set().span(id).is_none())
        {
            doc.view_state.selected_span = None;
        }
    }

    fn undo_redo(&mut self, redo: bool) {
        let Some(doc) = &mut self.doc else { return };
        let undone = doc.history().describe_last(doc.set());
        let result = if redo {
            doc.open.redo()
        } else {
            doc.open.undo()
        };
        match result {
            Ok(Some(touched)) => {
                self.forget_removed_selection();
                if let Some(range) = touched.range {
                    self.view.reveal(range);
                }
                let (verb, what) = if redo {
                    let redone = self
                        .doc
                        .as_ref()
                        .and_then(|d| d.history().describe_last(d.set()));
                    ("Redid", redone)
                } else {
                    ("Undid", undone)
                };
                self.info(format!("{verb} {}", what.unwrap_or_default()));
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
        let selected = doc.view_state.selected_span;
        if selection.is_empty() && selected.is_none() {
            self.info(
                "Select some text (drag, double-click or Shift+arrows) or click a span first",
            );
            return;
        }
        match doc.open.label(selection, selected, label) {
            Ok(LabelOutcome::Added { id, range }) => {
                doc.view_state.selected_span = Some(id);
                doc.view_state.selection = Selection::caret(range.end);
                self.report_last_edit(Ok(()));
            }
            Ok(LabelOutcome::Relabelled { dropped, .. }) => {
                self.report_last_edit(Ok(()));
                if !dropped.is_empty() {
                    self.info(format!(
                        "Relabelled {label}: {} no longer apply and were taken off (Ctrl+Z puts them back)",
                        dropped.join(", ")
                    ));
                }
            }
            Ok(LabelOutcome::Unchanged(_)) => self.info(format!("The span is already {label}")),
            Ok(LabelOutcome::OnlyWhitespace) => self.error("The selection is only whitespace"),
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    /// Delete the selected span (Del, the Edit menu and the side panel's Delete).
    fn delete_selected_span(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        let Some(id) = doc.view_state.selected_span else {
            self.info("Click a span to delete it");
            return;
        };
        let result = doc.open.delete_span(id);
        if result.is_ok() {
            doc.view_state.selected_span = None;
        }
        self.report_last_edit(result);
    }

    fn move_span(&mut self, id: SpanId, range: Range<usize>) {
        let Some(doc) = &mut self.doc else { return };
        let result = doc.open.move_span(id, range);
        self.boundary_moved(result);
    }

    fn move_boundary(&mut self, side: Side, delta: isize) {
        let Some(doc) = &mut self.doc else { return };
        let Some(id) = doc.view_state.selected_span else {
            self.info("Click a span first");
            return;
        };
        // Right-to-left support: as the caret's arrows, the boundary moves towards the
        // arrow's side on screen, so in right-to-left text "right" is backwards.
        let set = doc.open.set();
        let at = set.span(id).map(|span| match side {
            Side::Start => span.start,
            Side::End => span.end.saturating_sub(1),
        });
        let delta = if at.is_some_and(|at| self.view.is_rtl_at(set, at)) {
            -delta
        } else {
            delta
        };
        let result = doc.open.move_boundary(id, side, delta);
        self.boundary_moved(result);
    }

    /// As [`Self::move_boundary`], by a word: `right` is the arrow's side on screen.
    fn move_boundary_by_word(&mut self, side: Side, right: bool) {
        let Some(doc) = &mut self.doc else { return };
        let Some(id) = doc.view_state.selected_span else {
            self.info("Click a span first");
            return;
        };
        let set = doc.open.set();
        let at = set.span(id).map(|span| match side {
            Side::Start => span.start,
            Side::End => span.end.saturating_sub(1),
        });
        let forward = right != at.is_some_and(|at| self.view.is_rtl_at(set, at));
        let result = doc.open.move_boundary_by_word(id, side, forward);
        self.boundary_moved(result);
    }

    fn boundary_moved(&mut self, result: Result<BoundaryOutcome, EditError>) {
        match result {
            Ok(BoundaryOutcome::Moved(range)) => {
                self.report_last_edit(Ok(()));
                self.view.reveal(range);
            }
            Ok(BoundaryOutcome::WouldBeEmpty) => self.error("A span cannot become empty"),
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    pub(super) fn select_neighbour(&mut self, forward: bool) {
        let Some(doc) = &self.doc else { return };
        let next = doc.neighbour(
            doc.view_state.selected_span,
            doc.view_state.selection.cursor,
            forward,
        );
        if let Some(id) = next {
            self.select_span(id);
        }
    }

    /// Select a span and scroll it into view.
    pub fn select_span(&mut self, id: SpanId) {
        let Some(doc) = &mut self.doc else { return };
        let Some(span) = doc.set().span(id) else {
            return;
        };
        let range = span.range();
        doc.view_state.selected_span = Some(id);
        doc.view_state.selection = Selection::caret(range.start);
        self.view.reveal(range);
    }

    fn move_caret(&mut self, extend: bool, to: impl Fn(&AnnotationSet, usize) -> usize) {
        let Some(doc) = &mut self.doc else { return };
        let cursor = doc.view_state.selection.cursor;
        let target = to(doc.open.set(), cursor);
        // The caret stops only between characters the user sees, not inside a letter and
        // its vowel marks.
        let target =
            crate::model::words::grapheme_edge(doc.open.set().text(), target, target > cursor);
        let state = &mut doc.view_state;
        if extend {
            state.selection.cursor = target;
        } else {
            state.selection = Selection::caret(target);
        }
        state.selected_span = None;
        self.view.reveal(target..target);
    }

    // ---- Attributes (links: linking.rs) ----

    fn cycle_attribute(&mut self, n: u8) {
        let Some(doc) = &mut self.doc else { return };
        let Some(id) = doc.view_state.selected_span else {
            self.info("Click a span first");
            return;
        };
        match doc.open.cycle_attribute(id, n) {
            Ok(AttributeOutcome::Changed { .. }) => {
                self.report_last_edit(Ok(()));
            }
            Ok(AttributeOutcome::NoSuchAttribute { label, n }) => {
                self.info(format!("{label} has no attribute {n}"));
            }
            Ok(AttributeOutcome::TypedNotCycled(name)) => {
                self.info(format!("Type {name} in the side panel"));
            }
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    // ---- Review and suggestions ----

    /// Accept or reject a suggested span (the rules: [`crate::suggest::review`]), then go to
    /// the next suggestion.
    pub fn review(&mut self, span_id: SpanId, accept: bool) {
        let Some(doc) = &mut self.doc else { return };
        match doc.open.review_span(span_id, accept) {
            Ok(ReviewOutcome::Reviewed { .. } | ReviewOutcome::LinksReviewed { .. }) => {
                self.report_last_edit(Ok(()));
                self.next_suggestion(Some(span_id));
            }
            Ok(_) => self.info("The selected span is not a suggestion and has no suggested link"),
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    fn review_link(&mut self, relation: RelationId, accept: bool) {
        let Some(doc) = &mut self.doc else { return };
        let result = doc.open.review_link(relation, accept);
        self.forget_removed_selection();
        self.report_last_edit(result);
    }

    fn review_all_of_label(&mut self, accept: bool) {
        let Some(doc) = &mut self.doc else { return };
        let Some(label) = doc
            .view_state
            .selected_span
            .and_then(|id| doc.set().span(id))
            .map(|s| s.label.clone())
        else {
            self.info("Select a suggestion first: all suggestions with its label are reviewed");
            return;
        };
        match doc.open.review_label(&label, accept) {
            Ok(ReviewOutcome::Reviewed { spans }) => {
                self.forget_removed_selection();
                let verb = if accept { "Accepted" } else { "Rejected" };
                self.info(format!(
                    "{verb} {spans} {label} {} (one undo step)",
                    if spans == 1 {
                        "suggestion"
                    } else {
                        "suggestions"
                    }
                ));
            }
            Ok(_) => self.info(format!("No {label} suggestions left")),
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    /// Run the rule-based suggesters on the open set (with a gazetteer beside the file, if
    /// there is one) and add what they find as suggestions, one undo step.
    pub fn suggest(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        match doc.open.suggest() {
            Ok(done) => {
                let note = done
                    .gazetteer
                    .map(|path| format!(" (names from {})", path.display()))
                    .unwrap_or_default();
                if done.spans + done.relations == 0 {
                    self.info(format!("No new suggestions{note}"));
                    return;
                }
                self.info(format!(
                    "{} and {} added{note}: Enter accepts, Backspace rejects, Ctrl+J next",
                    count(done.spans, "span suggestion", "span suggestions"),
                    count(done.relations, "link suggestion", "link suggestions")
                ));
                self.next_suggestion(None);
            }
            Err(SuggestError::Gazetteer(error)) => {
                let mut message = error.to_string();
                if let crate::suggest::gazetteer::FileError::BadLines { errors, .. } = &error {
                    for line in errors {
                        message.push_str(&format!("\n{line}"));
                    }
                }
                message.push_str("\nNothing was suggested.");
                self.error_dialog("The gazetteer has problems", message);
                self.error(error.to_string());
            }
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    /// Add the annotations of `path` (any importable format) on this same article as
    /// suggestions: one edit, one undo.
    pub fn suggest_from_file(&mut self, path: &Path) {
        let Some(doc) = &mut self.doc else { return };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        match doc.open.suggest_from_file(path) {
            Ok(done) if done.spans + done.relations == 0 => self.info(format!(
                "No new suggestions from {name} ({} already here, {} left out)",
                done.already_present,
                done.skipped.len()
            )),
            Ok(done) => {
                let version_note = done.other_version.map_or_else(String::new, |report| {
                    format!(
                        " (made on another version of the text: {} moved, {} could not be placed)",
                        report.moved.len(),
                        report.unplaced.len()
                    )
                });
                let left_out = match done.skipped.first() {
                    Some(first) => format!(", {} left out (e.g. {first})", done.skipped.len()),
                    None => String::new(),
                };
                self.info(format!(
                    "{} and {} from {name}{version_note}{left_out}: Enter accepts, Backspace rejects, Ctrl+J next",
                    count(done.spans, "span suggestion", "span suggestions"),
                    count(done.relations, "link suggestion", "link suggestions")
                ));
                self.next_suggestion(None);
            }
            Err(error @ crate::session::FromFileError::Read { .. }) => {
                self.error_dialog("Cannot read the file", error.to_string());
            }
            Err(error @ crate::session::FromFileError::NotThisArticle { .. }) => {
                self.error_dialog("Not this article", error.to_string());
            }
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    /// Select the first suggestion after `after` (or the caret), wrapping to the start.
    fn next_suggestion(&mut self, after: Option<SpanId>) {
        let Some(doc) = &mut self.doc else { return };
        match doc.next_suggestion(after, doc.view_state.selection.cursor) {
            Some(id) => self.select_span(id),
            None => {
                doc.view_state.selected_span = None;
                self.info("No suggestions left to review");
            }
        }
    }

    // ---- Find ----

    fn open_find(&mut self) {
        let Some(doc) = &self.doc else { return };
        match &mut self.find {
            Some(bar) => bar.focus(),
            None => {
                let selected = doc.view_state.selection.range();
                let query = if selected.is_empty() || selected.len() > 200 {
                    String::new()
                } else {
                    doc.set().text().slice(selected.clone()).to_string()
                };
                self.find = Some(FindBar::new(query, selected.start));
            }
        }
    }

    /// Select a find match and bring it on screen.
    pub(super) fn go_to_match(&mut self, range: Range<usize>) {
        let Some(doc) = &mut self.doc else { return };
        doc.view_state = ViewSelection {
            selection: Selection {
                anchor: range.start,
                cursor: range.end,
            },
            selected_span: None,
        };
        self.view.found_current = Some(range.clone());
        self.view.reveal(range);
    }

    pub(super) fn close_find(&mut self) {
        self.find = None;
        self.view.found = std::sync::Arc::new(Vec::new());
        self.view.found_current = None;
    }

    /// Label every find match (one edit, one undo).
    fn label_all_matches(&mut self, label: &str) {
        let (Some(bar), Some(doc)) = (&self.find, &mut self.doc) else {
            return;
        };
        let matches = bar.matches.clone();
        match doc.open.label_all(&matches, label) {
            Ok(done) if done.added == 0 && done.inside == 0 => {
                self.info(format!("Every match is already labelled {label}"));
            }
            Ok(done) => {
                let mut notes = Vec::new();
                if done.already > 0 {
                    notes.push(format!("{} already were", done.already));
                }
                if done.inside > 0 {
                    notes.push(format!(
                        "{} inside a longer {label} left alone",
                        done.inside
                    ));
                }
                let note = if notes.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", notes.join("; "))
                };
                self.info(format!(
                    "Labelled {} {label}{note}: Ctrl+Z undoes {}",
                    count(done.added, "match", "matches"),
                    if done.added == 1 { "it" } else { "them all" }
                ));
            }
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }
}
