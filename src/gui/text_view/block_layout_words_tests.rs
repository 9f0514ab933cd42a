//! Tests of the painted galley of words (`shaping::WordRows`): a right-to-left block is
//! painted from its words' own egui rows, shared with the shape cache, placed where the row
//! layout puts them. Tessellated, it must give exactly the mesh of the same glyphs assembled
//! by display row (which `block_layout_tests.rs` checks glyph by glyph against the boxes of
//! the characters), on every paragraph of the Arabic, Hebrew and Persian sample articles.

use super::*;
use crate::model::bidi::Direction;
use egui::epaint::{Mesh, TessellationOptions, Tessellator, TextShape};

fn context() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.set_fonts(super::super::fonts::with_rtl_fonts(
        egui::FontDefinitions::default(),
    ));
    ctx
}

/// Every paragraph of the samples with right-to-left characters.
fn sample_paragraphs() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let mut out = Vec::new();
    for name in [
        "aqaba-desalination.txt",
        "haifa-light-rail.txt",
        "tehran-water.txt",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).expect("a sample article");
        out.extend(
            text.lines()
                .filter(|l| crate::model::bidi::has_rtl(l))
                .map(str::to_string),
        );
    }
    out
}

/// Lay out each paragraph both ways at `wrap` (two font sizes, to vary the line breaks).
fn laid_out(ctx: &egui::Context, wrap: f32, font_size: f32) -> Vec<(BidiLayout, BidiLayout)> {
    let paragraphs = sample_paragraphs();
    assert!(paragraphs.len() >= 15, "{} paragraphs", paragraphs.len());
    let mut out = Vec::new();
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let style = BidiStyle {
            font_size,
            row_height: (font_size * 1.9).round(),
            wrap,
            direction: Direction::Auto,
            rtl_families: true,
            urdu: false,
            urdu_row_height: (font_size * 1.9).round(),
            pixels_per_point: 1.0,
        };
        let ctx = ui.ctx().clone();
        let mut cache = ShapeCache::default();
        let mut view_cache = ShapeCache::default();
        for text in &paragraphs {
            let full = layout_bidi(text, &style, &mut cache, &mut |job| {
                ctx.fonts_mut(|f| f.layout_job(job))
            });
            let view = layout_bidi_words(text, &style, &mut view_cache, &mut |job| {
                ctx.fonts_mut(|f| f.layout_job(job))
            });
            out.push((full, view));
        }
    });
    output.textures_delta.clear();
    out
}

fn tessellate(galley: &Arc<Galley>, clip: Rect) -> Mesh {
    let mut tessellator =
        Tessellator::new(1.0, TessellationOptions::default(), [2048, 2048], vec![]);
    tessellator.set_clip_rect(clip);
    let mut mesh = Mesh::default();
    tessellator.tessellate_text(
        &TextShape::new(pos2(40.0, 60.0), galley.clone(), Color32::WHITE),
        &mut mesh,
    );
    mesh
}

#[test]
fn the_painted_words_tessellate_to_the_mesh_of_the_rows_they_make() {
    if !super::super::fonts::FoundFonts::on_this_system().has_arabic() {
        return; // (tests/gui_rtl.rs insists on the fonts; this one needs them too)
    }
    let ctx = context();
    let mut rows_checked = 0;
    for (wrap, font_size) in [(260.0, 16.0), (610.0, 20.0)] {
        for (full, view) in laid_out(&ctx, wrap, font_size) {
            let rows = full.galley.as_ref().expect("rows assembled");
            let words = full.words.as_ref().expect("words placed");
            // The view's layout is the same, without the assembled rows.
            assert!(view.galley.is_none());
            let view_words = view.words.as_ref().expect("words placed");
            assert_eq!(view.rows.len(), full.rows.len());
            for (a, b) in view.rows.iter().zip(&full.rows) {
                assert_eq!(a.chars, b.chars);
            }
            assert_eq!((&view.boxes, &view.char_rtl), (&full.boxes, &full.char_rtl));
            let places = |g: &Galley| g.rows.iter().map(|r| r.pos).collect::<Vec<_>>();
            assert_eq!(places(view_words), places(words));
            // One galley row per word with ink, more than the display rows.
            assert!(words.rows.len() > rows.rows.len() || full.rows.len() == 1);
            assert_eq!(words.mesh_bounds, rows.mesh_bounds);
            assert_eq!(words.num_vertices, rows.num_vertices);
            assert_eq!(words.num_indices, rows.num_indices);
            // Whole, and clipped to each display row: the same vertices and triangles.
            let everything = Rect::from_min_size(pos2(0.0, 0.0), vec2(4000.0, 20000.0));
            let (a, b) = (tessellate(words, everything), tessellate(rows, everything));
            assert!(!a.is_empty());
            assert_eq!(a.indices, b.indices);
            assert_eq!(a.vertices, b.vertices);
            for row in &full.rows {
                // Clipped to a band in the middle of each display row: the words are culled
                // one by one (the rows, whole), so the words paint part of what the rows do,
                // and every glyph in the band.
                let y = 60.0 + row.top + row.height / 2.0;
                let clip = Rect::from_min_max(pos2(0.0, y - 0.5), pos2(4000.0, y + 0.5));
                let (a, b) = (tessellate(words, clip), tessellate(rows, clip));
                let quads = |m: &Mesh| -> Vec<Vec<egui::epaint::Vertex>> {
                    m.vertices.chunks(4).map(<[_]>::to_vec).collect()
                };
                let (a, b) = (quads(&a), quads(&b));
                assert!(!a.is_empty());
                for quad in &a {
                    assert!(b.contains(quad), "{quad:?} painted only by the words");
                }
                for quad in &b {
                    let ink = Rect::from_points(&quad.iter().map(|v| v.pos).collect::<Vec<_>>());
                    if ink.intersects(clip) {
                        assert!(a.contains(quad), "{quad:?} in the band left out");
                    }
                }
                rows_checked += 1;
            }
        }
    }
    assert!(rows_checked > 100, "{rows_checked} rows");
}

#[test]
fn a_block_laid_out_in_buffers_kept_from_other_blocks_is_the_block_laid_out_fresh() {
    if !super::super::fonts::FoundFonts::on_this_system().has_arabic() {
        return; // (tests/gui_rtl.rs insists on the fonts; this one needs them too)
    }
    // One cache for every paragraph (its scratch buffers and word arenas kept from the
    // paragraphs before, longer and shorter), against a new cache for each paragraph.
    let ctx = context();
    let paragraphs = sample_paragraphs();
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
        let mut shared = ShapeCache::default();
        // Longest first, so that every later paragraph runs in buffers longer than itself.
        let mut order: Vec<&String> = paragraphs.iter().collect();
        order.sort_by_key(|p| std::cmp::Reverse(p.len()));
        for text in order {
            let reused = layout_bidi_words(text, &style, &mut shared, &mut |job| {
                ctx.fonts_mut(|f| f.layout_job(job))
            });
            let fresh = layout_bidi_words(text, &style, &mut ShapeCache::default(), &mut |job| {
                ctx.fonts_mut(|f| f.layout_job(job))
            });
            assert_eq!(reused.rows.len(), fresh.rows.len(), "{text:?}");
            for (a, b) in reused.rows.iter().zip(&fresh.rows) {
                assert_eq!(
                    (a.chars.clone(), a.top, a.height),
                    (b.chars.clone(), b.top, b.height)
                );
            }
            assert_eq!(
                (&reused.boxes, &reused.char_rtl),
                (&fresh.boxes, &fresh.char_rtl)
            );
            assert_eq!(reused.size, fresh.size);
            let (a, b) = (
                reused.words.as_ref().expect("words placed"),
                fresh.words.as_ref().expect("words placed"),
            );
            let places = |g: &Galley| g.rows.iter().map(|r| r.pos).collect::<Vec<_>>();
            assert_eq!(places(a), places(b));
            assert_eq!(
                (a.mesh_bounds, a.num_vertices, a.num_indices),
                (b.mesh_bounds, b.num_vertices, b.num_indices)
            );
            let everything = Rect::from_min_size(pos2(0.0, 0.0), vec2(4000.0, 20000.0));
            let (ma, mb) = (tessellate(a, everything), tessellate(b, everything));
            assert!(!ma.is_empty());
            assert_eq!(ma.indices, mb.indices);
            assert_eq!(ma.vertices, mb.vertices);
        }
        // Every word of every paragraph was shaped once in the shared cache.
        assert!(shared.len() > 100, "{} words", shared.len());
    });
    output.textures_delta.clear();
}

#[test]
fn a_visual_run_taken_from_the_blocks_tokens_is_the_run_cut_into_tokens_again() {
    // The row pass takes a visual run's tokens from the block's ([`known_tokens`]) when they
    // tile it; where they do, they must be what cutting the run again gives (the tokens the
    // layout used before), so that the same words are placed. Every line of the samples, of
    // mixed lines and of runs of spaces at two levels (which rule L1 joins at a line's end), at
    // several wraps and in every direction.
    let mut paragraphs = sample_paragraphs();
    paragraphs.extend(
        [
            "abc  אבג  def  ",
            "قال  12  and  34  «كلمة»  ",
            "אבג  ( x )  דהו\t1 2 3   ",
            "The minister (وزير المالية) said: «لن نتراجع» on Monday.  ",
        ]
        .map(str::to_string),
    );
    let (mut taken, mut cut_again) = (0, 0);
    for text in &paragraphs {
        let chars: Vec<char> = text.chars().collect();
        let space: Vec<bool> = chars.iter().map(|c| c.is_whitespace()).collect();
        for direction in Direction::ALL {
            let paragraph = Paragraph::new(text, direction);
            // The block's tokens as the layout cuts them, numbered in place of word ids.
            let mut levels = Vec::new();
            level_runs_into(paragraph.levels(), &mut levels);
            let mut tokens: Vec<(Range<usize>, bool, WordId)> = Vec::new();
            // (Stale entries where no token starts, as the layout's kept buffer has.)
            let mut token_at = vec![7u32; chars.len()];
            for (range, level) in levels {
                for token in self::tokens(&space, range) {
                    let id = WordId::numbered(tokens.len() as u32);
                    token_at[token.start] = tokens.len() as u32;
                    tokens.push((token, level % 2 == 1, id));
                }
            }
            for wrap in [40.0, 97.0, 250.0, 10_000.0] {
                let widths: Vec<f32> = chars.iter().map(|c| 3.0 + (*c as u32 % 7) as f32).collect();
                for line in break_lines(&space, &widths, wrap) {
                    for run in paragraph.visual_runs(line) {
                        let mut known = Vec::new();
                        if !known_tokens(&tokens, &token_at, &space, &run, &mut known) {
                            cut_again += 1;
                            continue;
                        }
                        taken += 1;
                        let again: Vec<(Range<usize>, WordId)> =
                            self::tokens(&space, run.chars.clone())
                                .into_iter()
                                .map(|token| {
                                    let id = tokens
                                        .iter()
                                        .find(|(r, rtl, _)| *r == token && *rtl == run.is_rtl())
                                        .map_or(WordId::numbered(u32::MAX), |t| t.2);
                                    (token, id)
                                })
                                .collect();
                        assert_eq!(known, again, "{text:?} {direction:?} {wrap} {run:?}");
                    }
                }
            }
        }
    }
    assert!(
        taken > 1000 && cut_again > 10,
        "{taken} taken, {cut_again} cut again"
    );
}

#[test]
fn words_are_placed_at_the_pixels_f32_round_gives() {
    use super::super::shaping::round_half_away;
    let mut values: Vec<f32> = vec![
        0.0,
        -0.0,
        0.5,
        -0.5,
        1.5,
        -1.5,
        2.5,
        -2.5,
        0.49999997,
        -0.49999997,
        0.50000006,
        8_388_607.5,
        -8_388_607.5,
        8_388_608.0,
        16_777_217.0,
        1e30,
        -1e30,
        f32::MAX,
        f32::MIN,
        f32::EPSILON,
        f32::MIN_POSITIVE,
        f32::INFINITY,
        f32::NEG_INFINITY,
    ];
    // Every quarter of a pixel and its neighbouring floats over a wide screen, and a sweep of
    // bit patterns across the whole range.
    for i in -40_000..40_000 {
        let x = i as f32 * 0.25;
        values.extend([
            x,
            f32::from_bits(x.to_bits() + 1),
            f32::from_bits(x.to_bits().wrapping_sub(1)),
        ]);
    }
    values.extend((0..2_000_000u32).map(|i| f32::from_bits(i.wrapping_mul(2_147))));
    for x in values {
        let (ours, std) = (round_half_away(x), x.round());
        assert!(
            ours == std || (ours.is_nan() && std.is_nan()),
            "{x:?}: {ours:?} against {std:?}"
        );
        assert_eq!(ours.is_sign_negative(), std.is_sign_negative(), "{x:?}");
    }
}

#[test]
fn lines_broken_a_token_at_a_time_are_the_lines_broken_a_character_at_a_time() {
    // Every sample paragraph, at wraps from narrower than a word (words cut where they
    // overflow) to wider than the paragraph, with widths of several sizes (and a zero).
    let mut paragraphs = sample_paragraphs();
    paragraphs.push("a bb ccc dddddddddddddddd e  f\tgg".to_string());
    paragraphs.push("   ".to_string());
    paragraphs.push(String::new());
    let mut cuts = 0;
    for text in &paragraphs {
        let chars: Vec<char> = text.chars().collect();
        let space: Vec<bool> = chars.iter().map(|c| c.is_whitespace()).collect();
        let mut tokens: Vec<(Range<usize>, bool, WordId)> = Vec::new();
        for token in self::tokens(&space, 0..chars.len()) {
            tokens.push((token, false, WordId::numbered(0)));
        }
        let widths: Vec<f32> = chars
            .iter()
            .map(|c| (*c as u32 % 9) as f32 * 1.37)
            .collect();
        for wrap in [0.0, 3.0, 11.5, 40.0, 97.3, 250.0, 1e6] {
            let mut by_token = Vec::new();
            break_lines_by_token(&space, &widths, &tokens, wrap, &mut by_token);
            let by_char = break_lines(&space, &widths, wrap);
            cuts += by_char.len();
            assert_eq!(by_token, by_char, "{text:?} at {wrap}");
        }
    }
    assert!(cuts > 1000, "{cuts} lines");
}
