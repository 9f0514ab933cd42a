//! Short right-to-left and mixed texts in ordinary egui widgets (the span list, the side
//! panel, who said what): a [`LayoutJob`] whose sections come in visual order.
//!
//! egui places the runs of a line in logical order but shapes a run of one right-to-left font
//! right to left. So the job holds the visual runs of the text (UAX #9) left to right; a
//! right-to-left run is cut into pieces that one font shapes whole (letters with the spaces
//! between them, set in the script's own family so that one font covers them) and the pieces
//! come last-first. Letters stay joined within words; brackets are mirrored.

use egui::epaint::text::{ByteIndex, ByteRangeExt as _};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontFamily, FontId};
use unicode_bidi::{BidiClass, bidi_class};

use super::fonts;
use crate::model::bidi::{self, Direction, Paragraph, mirror};

/// True when `text` reads right to left (its first strong character is right to left).
pub fn reads_rtl(text: &str) -> bool {
    bidi::has_rtl(text) && bidi::first_strong_is_rtl(text)
}

/// `text` as a one-line job in visual order, in the body font (`italics` for suggestions).
/// Text without right-to-left characters is one plain section, as `ui.label` would make.
pub fn bidi_job(ui: &egui::Ui, text: &str, italics: bool) -> LayoutJob {
    let font_id = egui::TextStyle::Body.resolve(ui.style());
    let rtl_families = ui.ctx().fonts(|f| {
        f.definitions()
            .families
            .contains_key(&FontFamily::Name(fonts::ARABIC_FAMILY.into()))
    });
    job_in_visual_order(text, font_id, italics, rtl_families)
}

/// [`bidi_job`] without a `Ui`: `rtl_families` says whether [`fonts`] installed its families.
pub fn job_in_visual_order(
    text: &str,
    font_id: FontId,
    italics: bool,
    rtl_families: bool,
) -> LayoutJob {
    let format = |family: FontFamily| TextFormat {
        font_id: FontId::new(font_id.size, family),
        color: Color32::PLACEHOLDER,
        italics,
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    if !bidi::has_rtl(text) {
        job.append(text, 0.0, format(font_id.family.clone()));
        return job;
    }
    if text.contains('\n') {
        // Each line is a paragraph of its own.
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                push_section(&mut job, "\n", format(font_id.family.clone()));
            }
            let part = job_in_visual_order(line, font_id.clone(), italics, rtl_families);
            for section in part.sections {
                push_section(
                    &mut job,
                    &part.text[section.byte_range.as_usize()],
                    section.format,
                );
            }
        }
        return job;
    }
    let chars: Vec<char> = text.chars().collect();
    let paragraph = Paragraph::new(text, Direction::Auto);
    for run in paragraph.visual_runs(0..chars.len()) {
        let run_chars = &chars[run.chars.clone()];
        if !run.is_rtl() {
            let piece: String = run_chars.iter().collect();
            push_section(&mut job, &piece, format(font_id.family.clone()));
            continue;
        }
        // Pieces of letters and spaces; anything else alone (mirrored).
        let mut pieces: Vec<String> = Vec::new();
        let mut joined = false;
        for &c in run_chars {
            let word_part = c.is_whitespace()
                || matches!(
                    bidi_class(c),
                    BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN
                );
            match pieces.last_mut() {
                Some(last) if word_part && joined => last.push(c),
                _ => pieces.push(if word_part { c } else { mirror(c) }.to_string()),
            }
            joined = word_part;
        }
        let family = match run_chars
            .iter()
            .find(|c| matches!(bidi_class(**c), BidiClass::R | BidiClass::AL))
        {
            Some(&c) if rtl_families => fonts::family_for(c, false),
            _ => font_id.family.clone(),
        };
        for piece in pieces.iter().rev() {
            push_section(&mut job, piece, format(family.clone()));
        }
    }
    job
}

/// A section of its own (egui's `append` merges sections of the same format, and egui shapes
/// each section apart: two right-to-left pieces in one section would swap places).
fn push_section(job: &mut LayoutJob, text: &str, format: TextFormat) {
    let start = job.text.len();
    job.text.push_str(text);
    job.sections.push(egui::text::LayoutSection {
        leading_space: 0.0,
        byte_range: ByteIndex(start)..ByteIndex(job.text.len()),
        format,
    });
}

/// A paragraph of text wrapped to the available width, in visual order and right-aligned
/// when it reads right to left (a plain label when it has no right-to-left character).
pub fn bidi_paragraph(ui: &mut egui::Ui, text: &str) -> egui::Response {
    if !bidi::has_rtl(text) {
        return ui.label(text);
    }
    let width = ui.available_width();
    let lines = lines_laid_out(ui, text, width);
    let height = lines.iter().map(|l| l.size().y).sum();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    paint_lines(ui, &lines, rect, ui.visuals().text_color());
    response
}

/// A list entry of one or more lines (a speaker, then a quote), clickable like a selectable
/// label: each line in visual order and aligned by its own direction, so that in a mixed list
/// (or a mixed entry) a right-to-left line is right-aligned and a left-to-right one is not.
pub fn bidi_lines_selectable(ui: &mut egui::Ui, text: &str, selected: bool) -> egui::Response {
    let padding = ui.spacing().button_padding;
    let width = ui.available_width();
    let lines = lines_laid_out(ui, text, (width - 2.0 * padding.x).max(1.0));
    let height: f32 = lines.iter().map(|l| l.size().y).sum();
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(width, height + 2.0 * padding.y),
        egui::Sense::click(),
    );
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, text));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() || response.has_focus() {
            ui.painter().rect(
                rect,
                visuals.corner_radius,
                visuals.weak_bg_fill,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            );
        }
        paint_lines(ui, &lines, rect.shrink2(padding), visuals.text_color());
    }
    response
}

/// Each line of `text` laid out `width` wide: a line with right-to-left characters by the
/// view's bidirectional layout (right-aligned when it reads right to left), others by egui.
fn lines_laid_out(ui: &egui::Ui, text: &str, width: f32) -> Vec<super::block_layout::BlockLayout> {
    use super::block_layout::{BidiStyle, BlockLayout, layout_bidi_words};
    let font_id = egui::TextStyle::Body.resolve(ui.style());
    let rtl_families = ui.ctx().fonts(|f| {
        f.definitions()
            .families
            .contains_key(&FontFamily::Name(fonts::ARABIC_FAMILY.into()))
    });
    let style = BidiStyle {
        font_size: font_id.size,
        row_height: ui.text_style_height(&egui::TextStyle::Body) + 2.0,
        wrap: width.max(font_id.size * 4.0),
        direction: Direction::Auto,
        rtl_families,
        urdu: false,
        urdu_row_height: ui.text_style_height(&egui::TextStyle::Body) + 2.0,
        pixels_per_point: ui.ctx().pixels_per_point(),
    };
    let ctx = ui.ctx().clone();
    let mut shapes = super::shaping::ShapeCache::default();
    text.split('\n')
        .map(|line| {
            if bidi::has_rtl(line) {
                BlockLayout::Bidi(std::sync::Arc::new(layout_bidi_words(
                    line,
                    &style,
                    &mut shapes,
                    &mut |job| ctx.fonts_mut(|f| f.layout_job(job)),
                )))
            } else {
                let mut job = LayoutJob::simple(
                    line.to_string(),
                    font_id.clone(),
                    Color32::PLACEHOLDER,
                    style.wrap,
                );
                job.first_row_min_height = style.row_height;
                BlockLayout::Plain(ui.painter().layout_job(job))
            }
        })
        .collect()
}

/// Paint laid-out lines from the top of `rect` down (each already aligned within its width).
fn paint_lines(
    ui: &egui::Ui,
    lines: &[super::block_layout::BlockLayout],
    rect: egui::Rect,
    color: Color32,
) {
    let mut top = rect.top();
    for line in lines {
        line.paint(ui.painter(), egui::pos2(rect.left(), top), color);
        top += line.size().y;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(job: &LayoutJob) -> Vec<&str> {
        job.sections
            .iter()
            .map(|s| &job.text[s.byte_range.as_usize()])
            .collect()
    }

    #[test]
    fn left_to_right_text_is_one_plain_section() {
        let job = job_in_visual_order("Zürich “quote”", FontId::proportional(14.0), false, true);
        assert_eq!(sections(&job), vec!["Zürich “quote”"]);
    }

    #[test]
    fn runs_come_in_visual_order_and_words_stay_whole() {
        // A right-to-left paragraph: the Latin name is left of the Arabic, the quote marks
        // mirrored around it.
        let job = job_in_visual_order(
            "قال سامر (Levant Wire)",
            FontId::proportional(14.0),
            false,
            true,
        );
        assert_eq!(sections(&job), vec!["(", "Levant Wire", ")", "قال سامر "]);
        assert_eq!(
            job.sections[3].format.font_id.family,
            FontFamily::Name(fonts::ARABIC_FAMILY.into())
        );
        assert!(reads_rtl("قال سامر (Levant Wire)"));
        // Lines stay apart, each in visual order (sections are never merged).
        let job = job_in_visual_order("سامر:\n«لا، أبداً»", FontId::proportional(14.0), false, true);
        assert_eq!(
            sections(&job),
            vec![":", "سامر", "\n", "«", " أبداً", "،", "لا", "»"]
        );
        assert!(!reads_rtl("Levant Wire: قال"));
    }
}
