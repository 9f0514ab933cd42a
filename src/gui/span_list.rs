//! The span list: every span with label, text and position; filter by label, text and review
//! state (suggestions only); click
//! to jump. Rows are virtual (only visible rows are drawn), and the filtered list is rebuilt
//! only when the set or the filter changes.

use egui::RichText;

use super::text_view::{bidi_job, label_chip, label_color};
use crate::model::{AnnotationSet, SpanId};

#[derive(Default)]
pub struct SpanList {
    pub label_filter: Option<String>,
    pub text_filter: String,
    /// Only suggestions awaiting review (a model's output, the rules' proposals).
    pub suggested_only: bool,
    rows: Vec<SpanId>,
    built_for: Option<(u64, Option<String>, String, bool, usize)>,
}

impl SpanList {
    fn rebuild(&mut self, set: &AnnotationSet, revision: u64) {
        let key = (
            revision,
            self.label_filter.clone(),
            self.text_filter.clone(),
            self.suggested_only,
            set.span_count(),
        );
        if self.built_for.as_ref() == Some(&key) {
            return;
        }
        let needle = self.text_filter.to_lowercase();
        self.rows = if self.label_filter.is_none() && needle.is_empty() && !self.suggested_only {
            // No filter: the ids straight from the position index, no span lookups.
            set.span_ids_ordered().collect()
        } else {
            set.spans_ordered()
                .filter(|s| self.label_filter.as_ref().is_none_or(|l| *l == s.label))
                .filter(|s| !self.suggested_only || s.review == crate::model::Review::Suggested)
                .filter(|s| needle.is_empty() || set.span_text(s).to_lowercase().contains(&needle))
                .map(|s| s.id)
                .collect()
        };
        self.built_for = Some(key);
    }

    /// Number of rows after filtering (as of the last frame).
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// Returns the span whose row was clicked.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        set: &AnnotationSet,
        revision: u64,
        selected: Option<SpanId>,
    ) -> Option<SpanId> {
        let mut clicked = None;
        ui.horizontal(|ui| {
            ui.heading("Spans");
            egui::ComboBox::from_label("Show")
                .selected_text(
                    self.label_filter
                        .clone()
                        .unwrap_or_else(|| "All labels".into()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.label_filter, None, "All labels");
                    for label in &set.schema.labels {
                        ui.selectable_value(
                            &mut self.label_filter,
                            Some(label.name.clone()),
                            &label.name,
                        );
                    }
                });
        });
        ui.horizontal(|ui| {
            let label = ui.label("Filter spans:");
            ui.add(egui::TextEdit::singleline(&mut self.text_filter).desired_width(f32::INFINITY))
                .labelled_by(label.id);
        });
        ui.checkbox(&mut self.suggested_only, "Suggestions only");
        self.rebuild(set, revision);
        ui.label(format!(
            "{} of {}",
            self.rows.len(),
            crate::formats::visible::count(set.span_count(), "span", "spans")
        ));
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, row_height, self.rows.len(), |ui, range| {
                for id in &self.rows[range] {
                    let Some(span) = set.span(*id) else { continue };
                    ui.horizontal(|ui| {
                        label_chip(ui, label_color(set, &span.label), &span.label);
                        let text: String = set
                            .span_text(span)
                            .chars()
                            .take(60)
                            .collect::<String>()
                            .replace('\n', " ");
                        let row_text = format!("{text}  ·  {}", span.start);
                        let suggested = span.review == crate::model::Review::Suggested;
                        // Right-to-left support: in visual order, right-aligned.
                        if crate::model::bidi::has_rtl(&row_text) {
                            let job = bidi_job(ui, &row_text, suggested);
                            let right = egui::Layout::right_to_left(egui::Align::Center);
                            let row = ui.with_layout(right, |ui| {
                                ui.add(
                                    egui::Button::selectable(selected == Some(*id), job).truncate(),
                                )
                            });
                            if row.inner.clicked() {
                                clicked = Some(*id);
                            }
                            return;
                        }
                        let mut rich = RichText::new(row_text);
                        if suggested {
                            rich = rich.italics();
                        }
                        // Cut to the panel's width: a row wider than the panel widened it
                        // and reflowed the article (or was clipped at its left edge).
                        let row = egui::Button::selectable(selected == Some(*id), rich).truncate();
                        if ui.add(row).clicked() {
                            clicked = Some(*id);
                        }
                    });
                }
            });
        clicked
    }
}
