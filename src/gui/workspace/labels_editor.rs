//! The labels editor: add a label, rename it, recolour it, give it a hotkey, a description or
//! a yes/no attribute, disable or remove it, without editing JSON. It only proposes
//! [`LabelChange`]s; the workspace checks each against the schema, says how many spans in how
//! many documents a rename or removal touches, and applies it to the corpus as one step.

use crate::formats::visible::count;
use crate::model::LabelDef;
use crate::model::schema::{AttributeDef, AttributeType, LabelKind, Schema};
use crate::model::schema_edit::LabelChange;

/// What the user proposed; the workspace answers with [`LabelsEditor::set_impact`] first for
/// changes that touch spans.
#[derive(Clone, Debug, PartialEq)]
pub enum LabelsAction {
    /// Check this change and, for a rename or removal, count what it touches.
    Propose(LabelChange),
    /// The user confirmed the proposed change after seeing its impact.
    Confirm(LabelChange),
}

/// Spans and documents a proposed change touches.
#[derive(Clone, Debug, PartialEq)]
pub struct Impact {
    pub spans: usize,
    pub documents: usize,
}

#[derive(Debug, Default)]
pub struct LabelsEditor {
    /// The label being edited (by name).
    pub selected: Option<String>,
    rename_to: String,
    color: String,
    hotkey: String,
    description: String,
    new_attribute: String,
    new_label: String,
    /// A change waiting for the user to confirm, with what it touches.
    pending: Option<(LabelChange, Impact)>,
    /// The last answer: a refusal or a report.
    pub message: Option<String>,
}

impl LabelsEditor {
    /// The workspace counted what `change` touches: ask the user.
    pub fn set_impact(&mut self, change: LabelChange, impact: Impact) {
        self.pending = Some((change, impact));
    }

    pub fn pending(&self) -> Option<&(LabelChange, Impact)> {
        self.pending.as_ref()
    }

    fn select(&mut self, schema: &Schema, name: &str) {
        self.selected = Some(name.to_string());
        if let Some(def) = schema.label(name) {
            self.rename_to = def.name.clone();
            self.color = def.color.clone();
            self.hotkey = def.hotkey.clone().unwrap_or_default();
            self.description = def.description.clone();
        }
        self.pending = None;
        self.message = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, schema: &Schema) -> Option<LabelsAction> {
        let mut action = None;
        if let Some(message) = &self.message {
            ui.label(message.as_str());
            ui.separator();
        }
        if let Some((change, impact)) = self.pending.clone() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                let links = if matches!(change, LabelChange::Remove { .. }) {
                    " Their links go with them."
                } else {
                    ""
                };
                ui.label(format!(
                    "{}: touches {} in {}.{links} The sets are rewritten now (each saved \
                     atomically); this is not undone with Ctrl+Z.",
                    capitalised(&change.describe()),
                    count(impact.spans, "span", "spans"),
                    count(impact.documents, "document", "documents")
                ));
                ui.horizontal(|ui| {
                    if ui.button("Apply to the corpus").clicked() {
                        action = Some(LabelsAction::Confirm(change.clone()));
                        self.pending = None;
                    }
                    if ui.button("Cancel").clicked() {
                        self.pending = None;
                    }
                });
            });
            return action;
        }
        ui.columns(2, |columns| {
            let ui = &mut columns[0];
            egui::ScrollArea::vertical()
                .id_salt("labels-editor-list")
                .max_height(360.0)
                .show(ui, |ui| {
                    for def in &schema.labels {
                        let color = parse_rgb(&def.color)
                            .map_or(egui::Color32::GRAY, |[r, g, b]| {
                                egui::Color32::from_rgb(r, g, b)
                            });
                        let selected = self.selected.as_deref() == Some(def.name.as_str());
                        // The colour as a swatch, the name in the theme's text colour: a
                        // light label colour as text was hard to read.
                        let text = egui::RichText::new(format!(
                            "{}{}",
                            def.name,
                            def.hotkey
                                .as_deref()
                                .map(|k| format!("  [{k}]"))
                                .unwrap_or_default()
                        ));
                        let text = if def.enabled { text } else { text.weak() };
                        let clicked = ui
                            .horizontal(|ui| {
                                let (swatch, _) = ui.allocate_exact_size(
                                    egui::vec2(12.0, 12.0),
                                    egui::Sense::hover(),
                                );
                                ui.painter().rect_filled(swatch, 2.0, color);
                                ui.selectable_label(selected, text).clicked()
                            })
                            .inner;
                        if clicked {
                            let name = def.name.clone();
                            self.select(schema, &name);
                        }
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("New label");
                ui.add(egui::TextEdit::singleline(&mut self.new_label).desired_width(110.0))
                    .labelled_by(label.id);
                if ui.button("Add").clicked() && !self.new_label.trim().is_empty() {
                    action = Some(LabelsAction::Propose(LabelChange::Add(LabelDef {
                        name: self.new_label.trim().to_string(),
                        kind: LabelKind::Entity,
                        color: "#7f7f7f".to_string(),
                        hotkey: None,
                        description: String::new(),
                        enabled: true,
                        attributes: Vec::new(),
                    })));
                }
            });
            let ui = &mut columns[1];
            let Some(name) = self.selected.clone() else {
                ui.weak("Choose a label to edit it.");
                return;
            };
            let Some(def) = schema.label(&name) else {
                ui.weak(format!("{name} is no longer in the schema."));
                return;
            };
            ui.strong(&name);
            ui.horizontal(|ui| {
                let label = ui.label("Label name");
                ui.add(egui::TextEdit::singleline(&mut self.rename_to).desired_width(110.0))
                    .labelled_by(label.id);
                if ui.button("Rename…").clicked() && self.rename_to.trim() != name {
                    action = Some(LabelsAction::Propose(LabelChange::Rename {
                        from: name.clone(),
                        to: self.rename_to.trim().to_string(),
                    }));
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("Colour");
                let mut rgb = parse_rgb(&self.color).unwrap_or([127, 127, 127]);
                if ui.color_edit_button_srgb(&mut rgb).changed() {
                    self.color = format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
                }
                ui.add(egui::TextEdit::singleline(&mut self.color).desired_width(70.0))
                    .labelled_by(label.id);
                if ui.button("Set").clicked() && self.color != def.color {
                    action = Some(LabelsAction::Propose(LabelChange::Recolour {
                        label: name.clone(),
                        color: self.color.clone(),
                    }));
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("Hotkey");
                ui.add(egui::TextEdit::singleline(&mut self.hotkey).desired_width(30.0))
                    .labelled_by(label.id);
                if ui.button("Set").clicked() {
                    let key = self.hotkey.trim().chars().next().map(|c| c.to_string());
                    action = Some(LabelsAction::Propose(LabelChange::Hotkey {
                        label: name.clone(),
                        hotkey: key,
                    }));
                }
            });
            let label = ui.label("Description (the palette button's tooltip)");
            ui.add(egui::TextEdit::multiline(&mut self.description).desired_rows(2))
                .labelled_by(label.id);
            if ui.button("Set description").clicked() {
                action = Some(LabelsAction::Propose(LabelChange::Describe {
                    label: name.clone(),
                    description: self.description.clone(),
                }));
            }
            ui.separator();
            ui.label(format!("Attributes: {}", attribute_names(&def.attributes)));
            ui.horizontal(|ui| {
                let label = ui.label("Add yes/no attribute");
                ui.add(egui::TextEdit::singleline(&mut self.new_attribute).desired_width(100.0))
                    .labelled_by(label.id);
                if ui.button("Add").clicked() && !self.new_attribute.trim().is_empty() {
                    let mut attributes = def.attributes.clone();
                    attributes.push(AttributeDef {
                        name: self.new_attribute.trim().to_string(),
                        value_type: AttributeType::Flag,
                        description: String::new(),
                    });
                    action = Some(LabelsAction::Propose(LabelChange::Attributes {
                        label: name.clone(),
                        attributes,
                    }));
                }
            });
            ui.separator();
            ui.horizontal(|ui| {
                let toggle = if def.enabled { "Disable" } else { "Enable" };
                if ui
                    .button(toggle)
                    .on_hover_text("A disabled label stays valid in sets but leaves the palette")
                    .clicked()
                {
                    action = Some(LabelsAction::Propose(LabelChange::Enable {
                        label: name.clone(),
                        enabled: !def.enabled,
                    }));
                }
                if ui.button("Remove…").clicked() {
                    action = Some(LabelsAction::Propose(LabelChange::Remove {
                        label: name.clone(),
                    }));
                }
            });
        });
        action
    }
}

fn attribute_names(attributes: &[AttributeDef]) -> String {
    if attributes.is_empty() {
        return "none".to_string();
    }
    attributes
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn parse_rgb(color: &str) -> Option<[u8; 3]> {
    crate::model::schema::parse_hex_color(color).map(|(r, g, b)| [r, g, b])
}
