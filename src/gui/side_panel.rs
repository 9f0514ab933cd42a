//! The side panel: the selected span (label, attributes, note, links), the span list, who
//! said what, and the document's labels. It edits nothing itself: it returns actions that the
//! app turns into edits through the history.

use egui::RichText;

use super::command::Command;
use super::span_list::SpanList;
use super::text_view::labels::{bidi_lines_selectable, bidi_paragraph};
use super::text_view::{bidi_job, label_chip, label_color, relation_color};
use crate::formats::visible::count;
use crate::model::attribution::{self, QuoteRow};
use crate::model::edit::Edit;
use crate::model::schema::AttributeType;
use crate::model::{AnnotationSet, RelationId, Review, SpanId};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Span,
    Spans,
    Quotes,
    Document,
}

impl Tab {
    fn label(self) -> &'static str {
        match self {
            Tab::Span => "Selected",
            Tab::Spans => "Spans",
            Tab::Quotes => "Who said what",
            Tab::Document => "Document",
        }
    }
}

/// What the user asked for in the panel.
#[derive(Clone, Debug, PartialEq)]
pub enum PanelAction {
    /// A command, as from the menus or the keyboard (relabel, delete the selected span).
    Command(Command),
    /// An attribute, note, document label or link removal: one edit.
    Edit(Edit),
    /// Accept or reject a suggested link (by [`crate::suggest::review`]'s rules).
    ReviewLink { relation: RelationId, accept: bool },
    /// Select a span and bring it on screen.
    Jump(SpanId),
    /// Start linking from a span (or retarget an existing link).
    StartLink {
        from: SpanId,
        retarget: Option<RelationId>,
    },
    /// Accept or reject a suggested span.
    Review { span: SpanId, accept: bool },
    /// Decode the article file again with another encoding.
    Reencode(String),
}

#[derive(Default)]
pub struct SidePanel {
    pub tab: Tab,
    pub span_list: SpanList,
    note: Option<(SpanId, String)>,
    speaker_filter: Option<String>,
    /// Who said what, built when the set changes (never per frame: a long article has
    /// thousands): every row, the speakers' names sorted, and the rows the speaker filter
    /// shows with how many of them are claims.
    quote_rows: Vec<QuoteRow>,
    speakers: Vec<String>,
    quotes_built_for: Option<(u64, usize, usize)>,
    shown_quotes: Vec<usize>,
    shown_claims: usize,
    shown_for: Option<Option<String>>,
    /// How many times the who-said-what rows were built (for tests).
    pub quote_rows_built: usize,
    /// Text values being typed, saved as one edit when the field loses focus.
    text_buffers: std::collections::HashMap<String, String>,
}

impl SidePanel {
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        set: &AnnotationSet,
        revision: u64,
        selected: Option<SpanId>,
    ) -> Vec<PanelAction> {
        let mut actions = Vec::new();
        // Wrapped: a narrow panel (curating with every panel open) puts the tabs on two
        // lines instead of clipping them.
        ui.horizontal_wrapped(|ui| {
            for tab in [Tab::Span, Tab::Spans, Tab::Quotes, Tab::Document] {
                ui.selectable_value(&mut self.tab, tab, tab.label());
            }
        });
        ui.separator();
        match self.tab {
            Tab::Span => self.span_ui(ui, set, selected, &mut actions),
            Tab::Spans => {
                if let Some(id) = self.span_list.ui(ui, set, revision, selected) {
                    actions.push(PanelAction::Jump(id));
                }
            }
            Tab::Quotes => self.quotes_ui(ui, set, revision, &mut actions),
            Tab::Document => self.document_ui(ui, set, &mut actions),
        }
        actions
    }

    fn span_ui(
        &mut self,
        ui: &mut egui::Ui,
        set: &AnnotationSet,
        selected: Option<SpanId>,
        actions: &mut Vec<PanelAction>,
    ) {
        let Some(span) = selected.and_then(|id| set.span(id)) else {
            ui.label("Click a span in the text, or select text and press a label's key.");
            return;
        };
        ui.horizontal_wrapped(|ui| {
            label_chip(ui, label_color(set, &span.label), &span.label);
            ui.label(format!("{}..{}", span.start, span.end));
            if let Some(origin) = &span.origin {
                ui.label(RichText::new(origin).small());
            }
        });
        let shown = truncate(set.span_text(span), 400);
        if crate::model::bidi::has_rtl(&shown) {
            // Right-to-left support: wrapped in visual order, right-aligned.
            bidi_paragraph(ui, &shown);
        } else {
            ui.label(RichText::new(shown).italics());
        }
        if span.review == Review::Suggested {
            ui.horizontal_wrapped(|ui| {
                ui.label("Suggestion:");
                if ui.button("Accept (Enter)").clicked() {
                    actions.push(PanelAction::Review {
                        span: span.id,
                        accept: true,
                    });
                }
                if ui.button("Reject (Backspace)").clicked() {
                    actions.push(PanelAction::Review {
                        span: span.id,
                        accept: false,
                    });
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            egui::ComboBox::from_label("Label")
                .selected_text(span.label.clone())
                .show_ui(ui, |ui| {
                    for label in set.schema.labels.iter().filter(|l| l.enabled) {
                        if ui
                            .selectable_label(label.name == span.label, &label.name)
                            .clicked()
                            && label.name != span.label
                        {
                            actions.push(PanelAction::Command(Command::Relabel(
                                span.id,
                                label.name.clone(),
                            )));
                        }
                    }
                });
            if ui.button("Delete").clicked() {
                // The shown span is the selected one: the same command as Del.
                actions.push(PanelAction::Command(Command::DeleteSpan));
            }
        });

        // Attributes declared for the label.
        let definitions = set
            .schema
            .label(&span.label)
            .map(|l| l.attributes.clone())
            .unwrap_or_default();
        if !definitions.is_empty() {
            ui.separator();
            ui.label(RichText::new("Attributes (Ctrl+1…9 cycles)").strong());
            egui::Grid::new("attributes").num_columns(2).show(ui, |ui| {
                for definition in &definitions {
                    let current = span.attributes.get(&definition.name).cloned();
                    let name_label = ui
                        .label(&definition.name)
                        .on_hover_text(&definition.description);
                    let key = format!("span {} {}", span.id.0, definition.name);
                    let new_value = value_ui(
                        ui,
                        &key,
                        &definition.value_type,
                        current.as_ref(),
                        name_label.id,
                        &mut self.text_buffers,
                    );
                    if let Some(value) = new_value
                        && let Ok(edit) =
                            crate::model::edit::set_attribute(set, span.id, &definition.name, value)
                    {
                        actions.push(PanelAction::Edit(edit));
                    }
                    ui.end_row();
                }
            });
        }

        // The note: edited in a buffer, saved as one edit when the field loses focus.
        ui.separator();
        let note_label = ui.label(RichText::new("Note").strong());
        if self.note.as_ref().is_none_or(|(id, _)| *id != span.id) {
            self.note = Some((span.id, span.note.clone().unwrap_or_default()));
        }
        if let Some((_, buffer)) = &mut self.note {
            let response = ui
                .add(
                    egui::TextEdit::multiline(buffer)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(note_label.id);
            let stored = span.note.clone().unwrap_or_default();
            if response.lost_focus() && *buffer != stored {
                let mut changed = span.clone();
                changed.note = (!buffer.trim().is_empty()).then(|| buffer.clone());
                actions.push(PanelAction::Edit(Edit::UpdateSpan(changed)));
            }
        }

        // Links from and to the span.
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Links").strong());
            if ui.button("Link to… (Ctrl+K)").clicked() {
                actions.push(PanelAction::StartLink {
                    from: span.id,
                    retarget: None,
                });
            }
        });
        let relations: Vec<_> = set.relations_of(span.id).cloned().collect();
        if relations.is_empty() {
            ui.label("No links.");
        }
        for relation in relations {
            let outgoing = relation.from == span.id;
            let other = if outgoing { relation.to } else { relation.from };
            let other_text = set
                .span(other)
                .map(|s| truncate(set.span_text(s), 40))
                .unwrap_or_default();
            ui.horizontal_wrapped(|ui| {
                let arrow = if outgoing { "->" } else { "<-" };
                let suggested = if relation.review == Review::Suggested {
                    " (suggested)"
                } else {
                    ""
                };
                ui.label(
                    RichText::new(format!("{} {arrow}", relation.label))
                        .color(relation_color(set, &relation.label)),
                );
                let other_job = bidi_job(ui, &format!("{other_text}{suggested}"), false);
                if ui.link(other_job).clicked() {
                    actions.push(PanelAction::Jump(other));
                }
                if outgoing && ui.small_button("Retarget").clicked() {
                    actions.push(PanelAction::StartLink {
                        from: span.id,
                        retarget: Some(relation.id),
                    });
                }
                if relation.review == Review::Suggested && ui.small_button("Accept").clicked() {
                    actions.push(PanelAction::ReviewLink {
                        relation: relation.id,
                        accept: true,
                    });
                }
                if ui.small_button("Delete link").clicked() {
                    actions.push(PanelAction::Edit(Edit::RemoveRelation(relation.id)));
                }
            });
        }
    }

    fn quotes_ui(
        &mut self,
        ui: &mut egui::Ui,
        set: &AnnotationSet,
        revision: u64,
        actions: &mut Vec<PanelAction>,
    ) {
        let key = (revision, set.span_count(), set.relation_count());
        if self.quotes_built_for != Some(key) {
            self.quote_rows = attribution::statements(set);
            self.speakers = self
                .quote_rows
                .iter()
                .map(|r| r.speaker_name.clone())
                .collect();
            self.speakers.sort();
            self.speakers.dedup();
            self.quotes_built_for = Some(key);
            self.quote_rows_built += 1;
            self.shown_for = None;
        }
        let speakers = &self.speakers;
        egui::ComboBox::from_label("Speaker")
            .selected_text(
                self.speaker_filter
                    .clone()
                    .unwrap_or_else(|| "All speakers".into()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.speaker_filter, None, "All speakers");
                for speaker in speakers {
                    ui.selectable_value(&mut self.speaker_filter, Some(speaker.clone()), speaker);
                }
            });
        if self.shown_for.as_ref() != Some(&self.speaker_filter) {
            let filter = &self.speaker_filter;
            self.shown_quotes = (0..self.quote_rows.len())
                .filter(|&i| {
                    filter
                        .as_ref()
                        .is_none_or(|s| *s == self.quote_rows[i].speaker_name)
                })
                .collect();
            self.shown_claims = self
                .shown_quotes
                .iter()
                .filter(|&&i| self.quote_rows[i].claim)
                .count();
            self.shown_for = Some(self.speaker_filter.clone());
        }
        let (rows, claims) = (&self.shown_quotes, self.shown_claims);
        ui.label(format!(
            "{}, {}",
            count(rows.len() - claims, "quote", "quotes"),
            count(claims, "claim", "claims")
        ));
        let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 8.0;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, row_height, rows.len(), |ui, range| {
                for row in rows[range].iter().map(|&i| &self.quote_rows[i]) {
                    let Some(quote) = set.span(row.quote) else {
                        continue;
                    };
                    let said = truncate(set.span_text(quote), 70).replace('\n', " ");
                    // A suggestion (the quote, or its speaker link: a rule's, a merge's, a
                    // conflict's) is not yet anyone's word: said so on its row.
                    let suggested = !quote.review.is_accepted()
                        || set.relations_of(row.quote).any(|r| {
                            r.from == row.quote
                                && crate::model::vocab::relation::ONE_TARGET
                                    .contains(&r.label.as_str())
                                && !r.review.is_accepted()
                        });
                    let mark = if suggested { " (suggested)" } else { "" };
                    let text = if row.claim {
                        format!("{} claims{mark}:\n{said}", row.speaker_name)
                    } else {
                        format!("{}{mark}:\n“{said}”", row.speaker_name)
                    };
                    // Right-to-left support: each line in visual order, a right-to-left one
                    // right-aligned (a Latin speaker's name stays left above an Arabic quote).
                    let clicked = if crate::model::bidi::has_rtl(&text) {
                        bidi_lines_selectable(ui, &text, false).clicked()
                    } else {
                        // Each line cut to the panel's width (a wider row widened the
                        // panel and reflowed the article); the row is one click target.
                        let row = ui.scope_builder(
                            egui::UiBuilder::new().sense(egui::Sense::click()),
                            |ui| {
                                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                                // The row takes the click, not its labels.
                                ui.style_mut().interaction.selectable_labels = false;
                                for line in text.lines() {
                                    ui.label(line);
                                }
                            },
                        );
                        row.response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &text)
                        });
                        if row.response.hovered() {
                            ui.painter().rect_stroke(
                                row.response.rect,
                                2.0,
                                ui.visuals().widgets.hovered.bg_stroke,
                                egui::StrokeKind::Inside,
                            );
                        }
                        row.response.clicked()
                    };
                    if clicked {
                        actions.push(PanelAction::Jump(row.quote));
                    }
                }
            });
    }

    fn document_ui(
        &mut self,
        ui: &mut egui::Ui,
        set: &AnnotationSet,
        actions: &mut Vec<PanelAction>,
    ) {
        let metadata = &set.document.metadata;
        egui::Grid::new("metadata").num_columns(2).show(ui, |ui| {
            for (name, value) in [
                ("Title", &metadata.title),
                ("Outlet", &metadata.outlet),
                ("Published", &metadata.published),
                ("URL", &metadata.url),
                ("Source", &set.document.source),
                ("Encoding", &set.document.encoding),
            ] {
                if let Some(value) = value {
                    ui.label(name);
                    ui.label(value);
                    ui.end_row();
                }
            }
            ui.label("Characters");
            ui.label(set.text().char_len().to_string());
            ui.end_row();
            ui.label("Spans / links");
            ui.label(format!("{} / {}", set.span_count(), set.relation_count()));
            ui.end_row();
        });
        let current = set
            .document
            .encoding
            .clone()
            .unwrap_or_else(|| "UTF-8".into());
        egui::ComboBox::from_label("Read the article as")
            .selected_text(current.clone())
            .show_ui(ui, |ui| {
                for name in crate::formats::plaintext::CHOOSABLE_ENCODINGS {
                    if ui
                        .selectable_label(current.starts_with(name), *name)
                        .clicked()
                        && !current.starts_with(name)
                    {
                        actions.push(PanelAction::Reencode((*name).to_string()));
                    }
                }
            });
        // Right-to-left support: the base direction of the paragraphs (an edit, so it undoes).
        let direction = set.document.direction;
        egui::ComboBox::from_label("Text direction")
            .selected_text(direction.describe())
            .show_ui(ui, |ui| {
                for choice in crate::model::bidi::Direction::ALL {
                    if ui
                        .selectable_label(direction == choice, choice.describe())
                        .clicked()
                        && choice != direction
                    {
                        actions.push(PanelAction::Edit(Edit::SetDirection(choice)));
                    }
                }
            });
        if set.schema.document_labels.is_empty() {
            return;
        }
        ui.separator();
        ui.label(RichText::new("Document labels").strong());
        for definition in &set.schema.document_labels {
            let current = set.document_labels.get(&definition.name).cloned();
            let mut new_value: Option<Option<serde_json::Value>> = None;
            ui.horizontal(|ui| {
                let name_label = ui
                    .label(&definition.name)
                    .on_hover_text(&definition.description);
                let key = format!("document {}", definition.name);
                new_value = value_ui(
                    ui,
                    &key,
                    &definition.value_type,
                    current.as_ref(),
                    name_label.id,
                    &mut self.text_buffers,
                );
            });
            if let Some(value) = new_value {
                actions.push(PanelAction::Edit(Edit::SetDocumentLabel(
                    definition.name.clone(),
                    value,
                )));
            }
        }
    }
}

/// The widget for one attribute or document label value: a choice list, a check box, or a
/// text field (saved when it loses focus, so typing is one edit). Returns the new value when
/// the user changed it (`Some(None)`: removed).
fn value_ui(
    ui: &mut egui::Ui,
    key: &str,
    value_type: &AttributeType,
    current: Option<&serde_json::Value>,
    label_id: egui::Id,
    text_buffers: &mut std::collections::HashMap<String, String>,
) -> Option<Option<serde_json::Value>> {
    let mut new_value = None;
    match value_type {
        AttributeType::Choice { values } => {
            let shown = current.and_then(|v| v.as_str()).unwrap_or("—").to_string();
            egui::ComboBox::from_id_salt(("value", key))
                .selected_text(shown.clone())
                .show_ui(ui, |ui| {
                    if ui.selectable_label(current.is_none(), "—").clicked() && current.is_some()
                    {
                        new_value = Some(None);
                    }
                    for value in values {
                        if ui.selectable_label(shown == *value, value).clicked() && shown != *value
                        {
                            new_value = Some(Some(value.clone().into()));
                        }
                    }
                })
                .response
                .labelled_by(label_id);
        }
        AttributeType::Flag => {
            let mut on = current.and_then(|v| v.as_bool()).unwrap_or(false);
            if ui.checkbox(&mut on, "").labelled_by(label_id).changed() {
                new_value = Some(on.then_some(true.into()));
            }
        }
        AttributeType::Text => {
            let stored = current.and_then(|v| v.as_str()).unwrap_or("").to_string();
            let buffer = text_buffers
                .entry(key.to_string())
                .or_insert_with(|| stored.clone());
            let response = ui.text_edit_singleline(buffer).labelled_by(label_id);
            if response.lost_focus() {
                if *buffer != stored {
                    new_value = Some((!buffer.is_empty()).then(|| buffer.clone().into()));
                }
                text_buffers.remove(key);
            } else if !response.has_focus() && *buffer != stored {
                // Changed elsewhere (undo): show the stored value.
                *buffer = stored;
            }
        }
    }
    new_value
}

pub fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max_chars).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::LabelKind;

    /// Draw `frames` frames of the panel over `set` at `revision`, headless.
    fn frames(panel: &mut SidePanel, set: &AnnotationSet, revision: u64, frames: usize) {
        let ctx = egui::Context::default();
        for _ in 0..frames {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                panel.ui(ui, set, revision, None);
            });
            output.textures_delta.clear();
        }
    }

    #[test]
    fn who_said_what_is_built_when_the_set_changes_not_in_every_frame() {
        let mut set = crate::bench::generate_rtl::generated_set(7, 20_000, 300);
        let mut panel = SidePanel {
            tab: Tab::Quotes,
            ..SidePanel::default()
        };
        frames(&mut panel, &set, 0, 5);
        assert!(
            panel.quote_rows.len() > 10,
            "{} rows",
            panel.quote_rows.len()
        );
        assert!(!panel.speakers.is_empty());
        assert_eq!(panel.quote_rows_built, 1, "built once for five frames");
        frames(&mut panel, &set, 1, 3);
        assert_eq!(panel.quote_rows_built, 2, "built again after an edit");
        // A speaker chosen: the rows shown are that speaker's, the rows kept.
        let speaker = panel.speakers[0].clone();
        panel.speaker_filter = Some(speaker.clone());
        frames(&mut panel, &set, 1, 2);
        assert_eq!(panel.quote_rows_built, 2);
        assert!(!panel.shown_quotes.is_empty());
        assert!(
            panel
                .shown_quotes
                .iter()
                .all(|&i| panel.quote_rows[i].speaker_name == speaker)
        );
        // Spans, but no quotes or claims: built once too (not again in every frame).
        for label in &mut set.schema.labels {
            label.kind = LabelKind::Entity;
        }
        let mut panel = SidePanel {
            tab: Tab::Quotes,
            ..SidePanel::default()
        };
        frames(&mut panel, &set, 0, 5);
        assert!(panel.quote_rows.is_empty() && set.span_count() > 0);
        assert_eq!(panel.quote_rows_built, 1);
    }
}
