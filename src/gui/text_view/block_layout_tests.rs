//! Tests of the right-to-left block layout (`block_layout.rs`): line breaking, glyph
//! boxes, the shape cache and Nastaliq row heights.

use super::*;
use crate::model::bidi::Direction;

#[test]
fn lines_break_after_whitespace_and_cut_overlong_words() {
    let space: Vec<bool> = "aa bb cc".chars().map(char::is_whitespace).collect();
    let widths = vec![1.0; space.len()];
    assert_eq!(break_lines(&space, &widths, 5.5), vec![0..6, 6..8]);
    assert_eq!(break_lines(&space, &widths, 100.0), vec![0..8]);
    assert_eq!(
        break_lines(&[false; 8], &[1.0; 8], 3.0),
        vec![0..3, 3..6, 6..8]
    );
    assert_eq!(break_lines(&[], &[], 3.0), vec![0..0]);
}

/// Lay out `text` in a headless context with the right-to-left fonts of this system.
fn laid_out(ctx: &egui::Context, text: &str, cache: &mut ShapeCache) -> BidiLayout {
    let mut layout = None;
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let style = BidiStyle {
            font_size: 16.0,
            row_height: 30.0,
            wrap: 260.0,
            direction: Direction::Auto,
            rtl_families: true,
            urdu: false,
            urdu_row_height: 30.0,
            pixels_per_point: 1.0,
        };
        let ctx = ui.ctx().clone();
        layout = Some(layout_bidi(text, &style, cache, &mut |job| {
            ctx.fonts_mut(|f| f.layout_job(job))
        }));
    });
    output.textures_delta.clear();
    layout.expect("laid out")
}

fn context() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.set_fonts(super::super::fonts::with_rtl_fonts(
        egui::FontDefinitions::default(),
    ));
    ctx
}

const MIXED: &str = "قال الوزير (وزير المالية) إن 25 مليون دولار، وفقاً لوكالة Reuters: \
    «لن نتراجع» في ٢٠٢٧. אמר ראש העיר \"נבנה 300 דירות\" עד 2027.";

#[test]
fn the_painted_glyphs_are_in_the_boxes_of_their_characters() {
    if !super::super::fonts::FoundFonts::on_this_system().has_arabic() {
        return; // (tests/gui_rtl.rs insists on the fonts; this one needs them too)
    }
    let chars: Vec<char> = MIXED.chars().collect();
    let mut cache = ShapeCache::default();
    let layout = laid_out(&context(), MIXED, &mut cache);
    assert!(
        layout.rows.len() >= 4,
        "wrapped: {} rows",
        layout.rows.len()
    );
    let galley = layout.galley.as_ref().expect("a galley");
    assert_eq!(galley.rows.len(), layout.rows.len());
    for (row, placed) in layout.rows.iter().zip(&galley.rows) {
        assert!((placed.pos.y - row.top).abs() < 0.01);
        let centres: Vec<(char, f32)> = placed
            .glyphs
            .iter()
            .filter(|g| g.advance_width > 0.0)
            .map(|g| (g.chr, placed.pos.x + g.pos.x + g.advance_width / 2.0))
            .collect();
        // Each glyph is drawn inside the box of a character it stands for ...
        for &(chr, x) in &centres {
            let home = row.chars.clone().find(|&i| {
                let (left, right) = layout.boxes[i];
                x >= left - 1.0
                    && x <= right + 1.0
                    && (chars[i] == chr || super::super::shaping::mirror(chars[i]) == chr)
            });
            assert!(
                home.is_some(),
                "{chr:?} at {x} has no box on row {:?}",
                row.chars
            );
        }
        // ... and each visible character has a glyph drawn in its box.
        for i in row.chars.clone() {
            let (left, right) = layout.boxes[i];
            if chars[i].is_whitespace() || right - left < 0.5 {
                continue;
            }
            assert!(
                centres
                    .iter()
                    .any(|&(_, x)| x >= left - 1.0 && x <= right + 1.0),
                "{:?} (#{i}) has no glyph in {left}..{right}",
                chars[i]
            );
        }
    }
}

#[test]
fn words_are_shaped_once_and_the_cache_gives_the_same_layout() {
    if !super::super::fonts::FoundFonts::on_this_system().has_arabic() {
        return;
    }
    let ctx = context();
    let mut cache = ShapeCache::default();
    let first = laid_out(&ctx, MIXED, &mut cache);
    let shaped = cache.misses;
    assert!(shaped > 0 && shaped <= cache.len());
    // A second block with the same words shapes nothing new, and comes out the same.
    let again = laid_out(&ctx, MIXED, &mut cache);
    assert_eq!(cache.misses, shaped);
    assert_eq!(first.rows.len(), again.rows.len());
    for (a, b) in first.rows.iter().zip(&again.rows) {
        assert_eq!(a.chars, b.chars);
    }
    assert_eq!(first.boxes, again.boxes);
    assert_eq!(first.char_rtl, again.char_rtl);
    // Another font size starts over.
    cache.for_style(20.0, 30.0, 1.0);
    assert!(cache.is_empty());
}

/// Rows of Urdu in Nastaliq at `urdu_row_height`: (row top and bottom, ink top and bottom).
fn nastaliq_rows(urdu_row_height: Option<f32>) -> Vec<((f32, f32), (f32, f32))> {
    let ctx = context();
    let text = "کراچی کے ساحل پر ماہی گیروں نے بتایا کہ پچھلے ہفتے سمندر میں پانی کا \
        درجۂ حرارت بڑھ گیا، اور بندرگاہ کے حکام نے کشتیوں کو روک دیا۔ انہوں نے کہا: «ہم انتظار کریں گے»۔";
    let mut layout = None;
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let (nastaliq, normal) = ui.ctx().fonts_mut(|f| {
            let urdu = egui::FontFamily::Name(super::super::fonts::URDU_FAMILY.into());
            (
                f.row_height(&egui::FontId::new(16.0, urdu)),
                f.row_height(&egui::FontId::proportional(16.0)),
            )
        });
        let style = BidiStyle {
            font_size: 16.0,
            row_height: 30.0,
            wrap: 300.0,
            direction: Direction::Auto,
            rtl_families: true,
            urdu: true,
            urdu_row_height: urdu_row_height.unwrap_or(30.0 + nastaliq - normal),
            pixels_per_point: 1.0,
        };
        let ctx = ui.ctx().clone();
        layout = Some(layout_bidi(
            text,
            &style,
            &mut ShapeCache::default(),
            &mut |job| ctx.fonts_mut(|f| f.layout_job(job)),
        ));
    });
    output.textures_delta.clear();
    let layout = layout.expect("laid out");
    let galley = layout.galley.expect("a galley");
    layout
        .rows
        .iter()
        .zip(&galley.rows)
        .map(|(row, placed)| {
            let ink = placed.visuals.mesh_bounds.translate(placed.pos.to_vec2());
            ((row.top, row.top + row.height), (ink.top(), ink.bottom()))
        })
        .collect()
}

#[test]
fn nastaliq_rows_are_as_tall_as_its_glyphs_so_rows_never_touch() {
    let found = super::super::fonts::FoundFonts::on_this_system();
    if found.urdu.is_none() {
        return; // no Nastaliq font: Urdu is set in the Arabic family's Naskh
    }
    let rows = nastaliq_rows(None);
    assert!(rows.len() >= 3, "{rows:?}");
    for ((top, bottom), (ink_top, ink_bottom)) in &rows {
        assert!(
            bottom - top > 30.0,
            "taller than other rows: {top}..{bottom}"
        );
        assert!(
            *ink_top >= top - 0.5 && *ink_bottom <= bottom + 0.5,
            "ink {ink_top}..{ink_bottom} within its row {top}..{bottom}"
        );
    }
    // At the row height of other scripts, Nastaliq's ink spills into the next row.
    let squeezed = nastaliq_rows(Some(30.0));
    assert!(
        squeezed.iter().any(
            |((top, bottom), (ink_top, ink_bottom))| *ink_top < top - 0.5
                || *ink_bottom > bottom + 0.5
        ),
        "{squeezed:?}"
    );
}

#[test]
fn tokens_are_words_and_the_whitespace_between() {
    let space: Vec<bool> = "قال  the x".chars().map(char::is_whitespace).collect();
    assert_eq!(
        tokens(&space, 0..space.len()),
        vec![0..3, 3..5, 5..8, 8..9, 9..10]
    );
    assert_eq!(tokens(&space, 1..6), vec![1..3, 3..5, 5..6]);
    assert!(tokens(&space, 2..2).is_empty());
    let mut runs = vec![(0..9, 9)];
    level_runs_into(&[1, 1, 2, 1], &mut runs);
    assert_eq!(runs, vec![(0..2, 1), (2..3, 2), (3..4, 1)]);
    level_runs_into(&[], &mut runs);
    assert!(runs.is_empty());
}

#[test]
fn whitespace_is_told_as_char_is_whitespace_does() {
    for c in (0..0x3100u32).filter_map(char::from_u32) {
        assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
    }
}
