//! The find bar (Ctrl+F): every occurrence of a string, highlighted; Enter / F3 go to the
//! next, and "Label all" labels them in one edit. Matching is `model::find`.

use std::ops::Range;
use std::sync::Arc;

use crate::model::AnnotationSet;
use crate::model::find::{self, FindOptions, MAX_MATCHES};

/// What the bar asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum FindAction {
    /// Select this match and bring it on screen.
    Select(Range<usize>),
    /// Label every match with this label (one edit).
    LabelAll(String),
    Close,
}

pub struct FindBar {
    pub query: String,
    pub options: FindOptions,
    /// The matches for `query` and `options` (shared with the text view for highlighting).
    pub matches: Arc<Vec<Range<usize>>>,
    /// The match last gone to.
    pub current: Option<usize>,
    /// The label "Label all" uses.
    pub label: Option<String>,
    /// Where typing searches from: the caret when the bar opened, then the start of the match
    /// last gone to (so a growing query refines the match instead of running past it).
    origin: usize,
    /// What the matches were computed for: query, options, the text's hash.
    computed: Option<(String, FindOptions, String)>,
    focus: bool,
}

impl FindBar {
    /// A bar starting from `query` (the selected text, if any), searching from `caret`.
    pub fn new(query: String, caret: usize) -> Self {
        Self {
            query,
            origin: caret,
            options: FindOptions::default(),
            matches: Arc::new(Vec::new()),
            current: None,
            label: None,
            computed: None,
            focus: true,
        }
    }

    /// Put the keyboard in the field again (Ctrl+F while the bar is open).
    pub fn focus(&mut self) {
        self.focus = true;
    }

    /// Recompute the matches when the query, the options or the text changed. Returns true
    /// when they were recomputed.
    fn refresh(&mut self, set: &AnnotationSet) -> bool {
        if let Some((query, options, sha)) = &self.computed
            && *query == self.query
            && *options == self.options
            && sha == set.text().sha256()
        {
            return false;
        }
        let key = (
            self.query.clone(),
            self.options,
            set.text().sha256().to_string(),
        );
        self.matches = Arc::new(find::find_all(set.text(), &self.query, self.options));
        self.current = None;
        self.computed = Some(key);
        true
    }

    /// The next (or previous) match from `from` (the selection, or a caret as an empty
    /// range), wrapping around. When `from` is the match last gone to, its neighbour; when the
    /// user has moved since, the first match after (or the last before) where they are now.
    pub fn step(&mut self, from: Range<usize>, forward: bool) -> Option<Range<usize>> {
        if self.matches.is_empty() {
            return None;
        }
        let len = self.matches.len();
        let on_current = self.current.filter(|&i| self.matches[i] == from);
        let index = match (on_current, forward) {
            (Some(i), true) => (i + 1) % len,
            (Some(i), false) => (i + len - 1) % len,
            (None, true) => self.matches.partition_point(|m| m.start < from.start) % len,
            (None, false) => {
                (self.matches.partition_point(|m| m.start < from.start) + len - 1) % len
            }
        };
        self.current = Some(index);
        self.origin = self.matches[index].start;
        Some(self.matches[index].clone())
    }

    /// Draw the bar; `selection` is where Next and Previous go from.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        set: &AnnotationSet,
        selection: Range<usize>,
    ) -> Vec<FindAction> {
        let mut actions = Vec::new();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Find:");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .id_salt("newsmark-find-field")
                    .desired_width(220.0),
            );
            let field = field.labelled_by(label.id);
            if self.focus {
                field.request_focus();
                self.focus = false;
            }
            let changed_options = ui
                .checkbox(&mut self.options.match_case, "Match case")
                .changed()
                | ui.checkbox(&mut self.options.whole_words, "Whole words")
                    .changed();
            let recomputed = self.refresh(set);
            // Typing moves to the first match from the caret, as the query grows.
            if (recomputed || changed_options)
                && let Some(range) = self.step(self.origin..self.origin, true)
            {
                actions.push(FindAction::Select(range));
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if entered {
                let back = ui.input(|i| i.modifiers.shift);
                if let Some(range) = self.step(selection.clone(), !back) {
                    actions.push(FindAction::Select(range));
                }
                field.request_focus();
            }
            let count = self.matches.len();
            let status = match (count, self.current) {
                (0, _) if self.query.is_empty() => String::new(),
                (0, _) => "no matches".to_string(),
                (n, Some(i)) => format!(
                    "{} of {n}{}",
                    i + 1,
                    if n >= MAX_MATCHES { "+" } else { "" }
                ),
                (n, None) => crate::formats::visible::count(n, "match", "matches"),
            };
            ui.label(status);
            if ui.button("Previous").clicked()
                && let Some(range) = self.step(selection.clone(), false)
            {
                actions.push(FindAction::Select(range));
            }
            if ui.button("Next").clicked()
                && let Some(range) = self.step(selection.clone(), true)
            {
                actions.push(FindAction::Select(range));
            }
            ui.separator();
            let labels: Vec<String> = set
                .schema
                .labels
                .iter()
                .filter(|l| l.enabled)
                .map(|l| l.name.clone())
                .collect();
            if self.label.as_ref().is_none_or(|l| !labels.contains(l)) {
                self.label = labels.first().cloned();
            }
            let label_all = ui.add_enabled(
                count > 0 && self.label.is_some(),
                egui::Button::new(format!("Label all {count}")),
            );
            if label_all.clicked()
                && let Some(label) = &self.label
            {
                actions.push(FindAction::LabelAll(label.clone()));
            }
            let as_label = ui.label("as");
            egui::ComboBox::from_id_salt("newsmark-find-label")
                .selected_text(self.label.clone().unwrap_or_default())
                .show_ui(ui, |ui| {
                    for name in &labels {
                        ui.selectable_value(&mut self.label, Some(name.clone()), name);
                    }
                })
                .response
                .labelled_by(as_label.id);
            if ui.button("Close").clicked() {
                actions.push(FindAction::Close);
            }
        });
        actions
    }
}
