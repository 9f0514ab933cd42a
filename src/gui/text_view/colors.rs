//! Colours of labels and relations, and the label chip.

use egui::{Align2, Color32, CornerRadius, FontId, Sense, Vec2};

use crate::model::AnnotationSet;
use crate::model::schema::parse_hex_color;

/// A label colour dark enough to read as text on a light background.
pub(super) fn darker(color: Color32) -> Color32 {
    let [r, g, b, _] = color.to_array();
    let scale = |c: u8| (f32::from(c) * 0.55) as u8;
    Color32::from_rgb(scale(r), scale(g), scale(b))
}

/// A link type's colour, from the schema ([`crate::model::Schema::relation_color`]).
pub fn relation_color(set: &AnnotationSet, label: &str) -> Color32 {
    let (r, g, b) = set.schema.relation_color(label);
    Color32::from_rgb(r, g, b)
}

/// A label's colour from the schema (grey if unknown or malformed).
pub fn label_color(set: &AnnotationSet, label: &str) -> Color32 {
    set.schema
        .label(label)
        .and_then(|l| parse_hex_color(&l.color))
        .map_or(Color32::GRAY, |(r, g, b)| Color32::from_rgb(r, g, b))
}

/// Paint a small label chip (used by the palette, span list and legend).
pub fn label_chip(ui: &mut egui::Ui, color: Color32, text: &str) -> egui::Response {
    let font = FontId::proportional(12.0);
    let galley = ui
        .painter()
        .layout_no_wrap(text.to_string(), font, Color32::BLACK);
    let size = galley.size() + Vec2::new(10.0, 4.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    ui.painter().rect_filled(rect, CornerRadius::same(4), color);
    let text_color = if color.r() as u32 + color.g() as u32 + color.b() as u32 > 380 {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    ui.painter().text(
        rect.center(),
        Align2::CENTER_CENTER,
        text,
        FontId::proportional(12.0),
        text_color,
    );
    response
}
