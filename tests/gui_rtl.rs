//! Right-to-left and mixed-direction text in the real window, headless: the order glyphs are
//! shown in, where a click lands, what a span covers, a drag over an Arabic word and its
//! saved offsets, and a canary that fails once egui reorders by itself.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use egui::{FontDefinitions, Pos2, Rect, Vec2};
use egui_kittest::Harness;
use newsmark::gui::NewsmarkApp;
use newsmark::gui::command::Command;
use newsmark::gui::text_view::fonts;
use newsmark::model::AnnotationSet;
use serde_json::Value;
use unicode_bidi::BidiInfo;

/// A copy of a sample file in a folder of its own: the tests run in parallel, and two windows
/// opening the same file see each other's lock (and the second shows the lock dialog), so no
/// test opens the repository's own sample_data. (Under cargo's target/tmp, left for cargo.)
fn sample(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("gui_rtl")
        .join(format!("{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join(name);
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample_data")
            .join(name),
        &copy,
    )
    .unwrap();
    copy
}

/// The fonts these tests need: Arabic and Hebrew, found on the system.
fn require_fonts() {
    let found = fonts::FoundFonts::on_this_system();
    assert!(
        found.has_arabic() && found.has_hebrew(),
        "no Arabic or Hebrew font found: install {} (or fonts-dejavu-core)",
        fonts::FONT_PACKAGE
    );
}

fn harness(app: NewsmarkApp) -> Harness<'static, NewsmarkApp> {
    require_fonts();
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(64)
        .with_context_setup(|ctx| ctx.set_fonts(fonts::with_rtl_fonts(FontDefinitions::default())))
        .build_ui_state(|ui, app: &mut NewsmarkApp| app.ui(ui), app);
    harness.run_steps(3);
    harness
}

fn open(path: &Path) -> Harness<'static, NewsmarkApp> {
    let mut app = NewsmarkApp::new(None, false);
    app.open_now(path);
    assert!(app.doc.is_some(), "opened {}", path.display());
    harness(app)
}

fn set<'a>(h: &'a Harness<'_, NewsmarkApp>) -> &'a AnnotationSet {
    h.state().doc.as_ref().unwrap().set()
}

/// The on-screen box of each character painted (code point, rectangle), zero-width ones left out.
fn char_boxes(h: &Harness<'_, NewsmarkApp>) -> Vec<(usize, Rect)> {
    let set = set(h);
    let shown = h.state().view.visible_chars(set);
    let mut boxes = Vec::new();
    for c in shown {
        let rects = h.state().view.range_rects_on_screen(set, c..c + 1);
        if let [rect] = rects.as_slice()
            && rect.width() > 0.5
            && h.state().view.char_at(set, rect.center()).is_some()
        {
            boxes.push((c, *rect));
        }
    }
    boxes
}

/// Group characters by screen row (same vertical centre), top to bottom.
fn rows(boxes: &[(usize, Rect)]) -> Vec<Vec<(usize, Rect)>> {
    let mut rows: Vec<Vec<(usize, Rect)>> = Vec::new();
    for &(c, r) in boxes {
        match rows
            .iter_mut()
            .find(|row| (row[0].1.center().y - r.center().y).abs() < 1.0)
        {
            Some(row) => row.push((c, r)),
            None => rows.push(vec![(c, r)]),
        }
    }
    rows.sort_by(|a, b| a[0].1.center().y.total_cmp(&b[0].1.center().y));
    rows
}

/// unicode-bidi's visual order of the characters `line` of the block holding them (their
/// code points, left to right): its levels after rule L1, reordered by its rule L2.
fn reference_order(set: &AnnotationSet, line: std::ops::Range<usize>) -> Vec<usize> {
    let text = set.text();
    let block = &text.blocks()[text.block_at(line.start)];
    let block_text = text.slice(block.chars.clone());
    let info = BidiInfo::new(block_text, None);
    let starts: Vec<usize> = block_text.char_indices().map(|(b, _)| b).collect();
    let byte = |c: usize| {
        starts
            .get(c - block.chars.start)
            .copied()
            .unwrap_or(block_text.len())
    };
    let (levels, _) = info.visual_runs(&info.paragraphs[0], byte(line.start)..byte(line.end));
    let line_levels: Vec<_> = line.clone().map(|c| levels[byte(c)]).collect();
    BidiInfo::reorder_visual(&line_levels)
        .into_iter()
        .map(|i| line.start + i)
        .collect()
}

const ARTICLES: [&str; 3] = [
    "aqaba-desalination.json",
    "haifa-light-rail.json",
    "tehran-water.json",
];

#[test]
fn each_line_is_shown_in_the_order_unicode_bidi_gives() {
    for name in ARTICLES {
        let h = open(&sample(name));
        let set = set(&h);
        assert!(h.state().view.stats.blocks_painted > 3, "{name}: on screen");
        let mut lines = 0;
        for row in rows(&char_boxes(&h)) {
            let first = row.iter().map(|(c, _)| *c).min().unwrap();
            let last = row.iter().map(|(c, _)| *c).max().unwrap();
            let all: Vec<char> = set.text().slice(first..last + 1).chars().collect();
            // Every character of the row is there (none painted elsewhere).
            let zero_width = |c: usize| {
                h.state()
                    .view
                    .range_rects_on_screen(set, c..c + 1)
                    .iter()
                    .all(|r| r.width() <= 0.5)
            };
            let missing: Vec<(usize, char)> = (first..=last)
                .filter(|c| !row.iter().any(|(r, _)| r == c) && !zero_width(*c))
                .map(|c| (c, all[c - first]))
                .collect();
            assert!(
                missing.is_empty(),
                "{name}: row {first}..{last} lacks {missing:?}"
            );
            let mut by_x = row.clone();
            by_x.sort_by(|a, b| a.1.center().x.total_cmp(&b.1.center().x));
            let shown: Vec<usize> = by_x.iter().map(|(c, _)| *c).collect();
            // (Zero-width characters, such as the i of an fi ligature, have no place of their own.)
            let expected: Vec<usize> = reference_order(set, first..last + 1)
                .into_iter()
                .filter(|c| !zero_width(*c))
                .collect();
            let chars =
                |order: &[usize]| -> String { order.iter().map(|c| all[c - first]).collect() };
            assert_eq!(
                chars(&shown),
                chars(&expected),
                "{name}: row {first}..{}",
                last + 1
            );
            assert_eq!(shown, expected, "{name}: row {first}..{}", last + 1);
            lines += 1;
        }
        assert!(lines > 5, "{name}: {lines} rows checked");
    }
}

#[test]
fn a_click_on_each_character_returns_that_character() {
    for name in ARTICLES {
        let h = open(&sample(name));
        let boxes = char_boxes(&h);
        assert!(boxes.len() > 300, "{name}: {} characters", boxes.len());
        for (c, rect) in boxes {
            assert_eq!(
                h.state().view.char_at(set(&h), rect.center()),
                Some(c),
                "{name}: the centre of character {c}"
            );
        }
    }
}

#[test]
fn right_to_left_paragraphs_are_right_aligned() {
    let h = open(&sample("aqaba-desalination.json"));
    let rights: Vec<f32> = rows(&char_boxes(&h))
        .iter()
        .map(|row| {
            row.iter()
                .map(|(_, r)| r.right())
                .fold(f32::NEG_INFINITY, f32::max)
        })
        .collect();
    let edge = rights.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    for right in &rights {
        assert!((edge - right).abs() < 2.0, "rows end at {edge}: {rights:?}");
    }
}

#[test]
fn each_span_covers_exactly_its_characters() {
    for name in ARTICLES {
        let h = open(&sample(name));
        let set = set(&h);
        let boxes = char_boxes(&h);
        let shown = h.state().view.visible_chars(set);
        let mut checked = 0;
        for span in set.spans_ordered() {
            if span.start < shown.start || span.end > shown.end {
                continue;
            }
            let rects = h.state().view.range_rects_on_screen(set, span.range());
            for (c, rect) in &boxes {
                let covered = rects.iter().any(|r| r.contains(rect.center()));
                assert_eq!(
                    covered,
                    span.range().contains(c),
                    "{name}: span {} {:?} and character {c}",
                    span.id.0,
                    set.span_text(span)
                );
            }
            checked += 1;
        }
        assert!(checked >= 15, "{name}: {checked} spans checked");
    }
}

#[test]
fn blocks_without_right_to_left_text_keep_the_fast_path() {
    let h = open(&sample("harbour-strike.txt"));
    assert_eq!(h.state().view.stats.bidi_blocks_built, 0);
    let mut h = open(&sample("haifa-light-rail.json"));
    h.run();
    let stats = h.state().view.stats.clone();
    assert_eq!(stats.bidi_blocks_built, 0, "laid out once, then cached");
    h.state_mut().view.reset();
    h.run();
    assert!(h.state().view.stats.bidi_blocks_built > 3);
}

#[test]
fn a_long_arabic_article_keeps_the_blocks_near_the_view_laid_out_within_a_budget() {
    let paragraph = "أعلنت الحكومة يوم الثلاثاء أن الميزانية سترتفع بنسبة 12% في العام المقبل، \
        وقال وزير المالية سامر الحوراني: «لن نتراجع عن المشروع» في مؤتمر صحفي (عمّان). ";
    let text: String = (0..400)
        .map(|i| format!("{i} {}{paragraph}\n\n", paragraph.repeat(2)))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long-arabic.txt");
    std::fs::write(&path, &text).unwrap();
    let mut h = open(&path);
    let (_, budget) = h.state().view.bidi_cache_chars();
    assert!(text.chars().count() > 3 * budget, "longer than the budget");
    // Read down through most of the article a screen at a time.
    for _ in 0..220 {
        h.state_mut().view.scroll_by(400.0);
        h.run();
        let (held, _) = h.state().view.bidi_cache_chars();
        assert!(held <= budget, "{held} characters held against {budget}");
    }
    let far = h.state().view.anchor.block;
    assert!(far > 300, "scrolled to block {far}");
    // A few screens back: still laid out, nothing to do again.
    for _ in 0..4 {
        h.state_mut().view.scroll_by(-400.0);
        h.run();
        assert_eq!(
            h.state().view.stats.bidi_blocks_built,
            0,
            "kept near the view"
        );
    }
    // The start of the article went long ago.
    h.state_mut().view.anchor.block = 0;
    h.state_mut().view.anchor.offset = 0.0;
    h.run();
    assert!(
        h.state().view.stats.bidi_blocks_built > 0,
        "evicted far from the view"
    );
}

#[test]
fn scrolling_through_a_long_arabic_line_never_looks_back_to_its_start() {
    // One line of 140,000 characters (cut into some seventy pieces): it starts with an
    // Arabic word, so it reads right to left, but each piece starts with Latin words.
    let unit = "Levant Wire reported on Tuesday that the new desalination plant \
        opened near العقبة on time ";
    let text = format!("العقبة {}", unit.repeat(1_600));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-long-line.txt");
    std::fs::write(&path, &text).unwrap();
    let mut h = open(&path);
    let blocks = set(&h).text().blocks().len();
    assert!(blocks > 60, "cut into {blocks} pieces");
    let right_aligned = |h: &Harness<'_, NewsmarkApp>| {
        let rights: Vec<f32> = rows(&char_boxes(h))
            .iter()
            .map(|row| {
                row.iter()
                    .map(|(_, r)| r.right())
                    .fold(f32::NEG_INFINITY, f32::max)
            })
            .collect();
        let edge = rights.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        assert!(rights.len() > 5, "{} rows on screen", rights.len());
        for right in &rights {
            assert!((edge - right).abs() < 2.0, "rows end at {edge}: {rights:?}");
        }
    };
    // A jump deep into the line: laying that piece out looks back to the line's start once.
    h.state_mut().view.anchor.block = blocks - 10;
    h.state_mut().view.anchor.offset = 0.0;
    h.step();
    assert!(h.state().view.stats.line_starts_walked > 0);
    h.run();
    right_aligned(&h);
    // Drawn from the cache: nothing looked at, however far the line's start.
    for _ in 0..3 {
        h.step();
        assert_eq!(h.state().view.stats.line_starts_walked, 0, "a still frame");
    }
    // Scrolling down and then back up past the jump: each piece laid out asks a neighbour.
    let mut built = 0;
    for step in std::iter::repeat_n(400.0, 8).chain(std::iter::repeat_n(-400.0, 30)) {
        h.state_mut().view.scroll_by(step);
        h.step();
        let stats = &h.state().view.stats;
        assert!(
            stats.line_starts_walked <= stats.bidi_blocks_built,
            "{} blocks looked at for {} laid out",
            stats.line_starts_walked,
            stats.bidi_blocks_built
        );
        built += stats.bidi_blocks_built;
    }
    assert!(built > 4, "{built} pieces laid out while scrolling");
    assert!(
        h.state().view.anchor.block < blocks - 12,
        "scrolled up past the jump"
    );
    h.run();
    right_aligned(&h);
}

/// Screen position in the middle of character `c`.
fn centre(h: &Harness<'_, NewsmarkApp>, c: usize) -> Pos2 {
    let rects = h.state().view.range_rects_on_screen(set(h), c..c + 1);
    rects.first().expect("character on screen").center()
}

fn find(h: &Harness<'_, NewsmarkApp>, needle: &str) -> usize {
    let text = set(h).text().as_str();
    let byte = text.find(needle).unwrap();
    text[..byte].chars().count()
}

fn drag(h: &mut Harness<'_, NewsmarkApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(Pos2::new((from.x + to.x) / 2.0, (from.y + to.y) / 2.0));
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

#[test]
fn dragging_over_an_arabic_word_selects_it_and_labelling_saves_its_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.txt");
    std::fs::copy(sample("aqaba-desalination.txt"), &article).unwrap();
    let mut h = open(&article);
    let name = "الحوراني";
    let start = find(&h, name);
    let end = start + name.chars().count();
    // Inside the word, from its second letter to its last but one: right to left on screen.
    let (from, to) = (centre(&h, start + 1), centre(&h, end - 2));
    assert!(
        from.x > to.x,
        "the word runs right to left: {from:?} {to:?}"
    );
    drag(&mut h, from, to);
    let selection = h.state().doc.as_ref().unwrap().view_state.selection.range();
    assert_eq!(selection, start..end, "the selection snapped to the word");
    h.event(egui::Event::Text("p".into()));
    h.run();
    h.state_mut().send(Command::Save);
    h.run();
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("story.json")).unwrap())
            .unwrap();
    let spans = saved["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0]["label"], "PERSON");
    assert_eq!(spans[0]["start"], start);
    assert_eq!(spans[0]["end"], end);
    assert_eq!(spans[0]["text"], name);
}

#[test]
fn a_drag_across_a_direction_change_selects_the_logical_range_between() {
    let h = open(&sample("tehran-water.json"));
    // "Tehran Water Monitor" sits in a Persian sentence: from inside the Persian word before
    // it to inside the English name.
    let name = find(&h, "Tehran Water Monitor،");
    let persian = find(&h, "به گزارش");
    let mut h = h;
    let (from, to) = (centre(&h, persian + 4), centre(&h, name + 8));
    drag(&mut h, from, to);
    let selection = h.state().doc.as_ref().unwrap().view_state.selection.range();
    // Snapped to words: from the start of گزارش to the end of Water.
    assert_eq!(selection, persian + 3..name + 12);
}

/// The layout assumes what egui 0.37 does with right-to-left text: a run shaped right to left
/// comes out as glyphs in visual order, each carrying the first character of its cluster, and
/// runs of a line are placed in logical order (no bidirectional algorithm). The day egui
/// reorders by itself, this fails: then `text_view::block_layout` can give way to egui's own.
#[test]
fn egui_still_shows_runs_in_logical_order_so_the_workaround_is_needed() {
    require_fonts();
    let ctx = egui::Context::default();
    ctx.set_fonts(fonts::with_rtl_fonts(FontDefinitions::default()));
    let mut galleys = Vec::new();
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        for text in ["אבג abc", "אבג"] {
            let job = egui::text::LayoutJob::simple_singleline(
                text.into(),
                egui::FontId::new(16.0, egui::FontFamily::Name(fonts::HEBREW_FAMILY.into())),
                egui::Color32::WHITE,
            );
            galleys.push(ui.painter().layout_job(job));
        }
    });
    output.textures_delta.clear();
    let leftmost = |galley: &egui::Galley| {
        galley.rows[0]
            .glyphs
            .iter()
            .filter(|g| g.advance_width > 0.0 && !g.chr.is_whitespace())
            .min_by(|a, b| a.pos.x.total_cmp(&b.pos.x))
            .unwrap()
            .chr
    };
    // A right-to-left paragraph "אבג abc" reads "abc" on the left in any browser; egui puts
    // the Hebrew first.
    assert_eq!(
        leftmost(&galleys[0]),
        'ג',
        "egui now reorders mixed lines: retire the bidi workaround in text_view::block_layout"
    );
    // Within a right-to-left run the glyphs are in visual order.
    assert_eq!(leftmost(&galleys[1]), 'ג');
    let chrs: String = galleys[1].rows[0]
        .glyphs
        .iter()
        .filter(|g| g.advance_width > 0.0)
        .map(|g| g.chr)
        .collect();
    assert_eq!(chrs, "גבא");
}

#[test]
fn arrows_move_the_caret_towards_their_side_in_right_to_left_text() {
    let mut h = open(&sample("aqaba-desalination.json"));
    let start = find(&h, "الحوراني");
    let caret =
        |h: &Harness<'_, NewsmarkApp>| h.state().doc.as_ref().unwrap().view_state.selection.cursor;
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection::caret(start + 2);
    h.run();
    let x = |h: &Harness<'_, NewsmarkApp>, at: usize| {
        h.state().view.caret_rect(set(h), at).unwrap().center().x
    };
    let before = x(&h, start + 2);
    h.run_steps(2);
    h.state_mut().send(Command::CaretLeft);
    h.run();
    assert_eq!(caret(&h), start + 3, "Left goes on through the Arabic word");
    assert!(
        x(&h, caret(&h)) < before,
        "and the caret moved left on screen"
    );
    h.state_mut().send(Command::CaretRight);
    h.run();
    h.state_mut().send(Command::CaretRight);
    h.run();
    assert_eq!(caret(&h), start + 1, "Right goes back");
    // In the Latin name of the same paragraph the arrows keep their usual sense.
    let latin = find(&h, "Levant");
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection::caret(latin + 2);
    h.state_mut().send(Command::CaretLeft);
    h.run();
    assert_eq!(caret(&h), latin + 1);
}

/// The screen rectangle of every text shape painted in the last frame (nested shapes too).
fn text_rects(h: &Harness<'_, NewsmarkApp>) -> Vec<Rect> {
    fn walk(shape: &egui::Shape, out: &mut Vec<Rect>) {
        match shape {
            egui::Shape::Text(text) if text.galley.mesh_bounds.is_positive() => {
                out.push(text.galley.mesh_bounds.translate(text.pos.to_vec2()));
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

#[test]
fn who_said_what_aligns_each_line_by_its_own_direction() {
    use egui_kittest::kittest::Queryable;
    use newsmark::model::edit::{add_span, apply};
    use newsmark::model::{Document, Schema};
    let text =
        "The mayor said: “We will build the line.” Then the minister said: «لن نتراجع أبداً».";
    let mut set = AnnotationSet::new(Document::new(text), Schema::default());
    let chars: Vec<char> = text.chars().collect();
    let at = |needle: &str| {
        let n: Vec<char> = needle.chars().collect();
        let start = (0..chars.len())
            .find(|&i| chars[i..].starts_with(&n))
            .unwrap();
        start..start + n.len()
    };
    for quote in ["We will build the line.", "لن نتراجع أبداً"] {
        let edit = add_span(&mut set, "QUOTE", at(quote));
        apply(&mut set, edit).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.json");
    newsmark::formats::save_set(&mut set, &path).unwrap();
    let mut h = open(&path);
    h.get_by_label("Who said what").click();
    h.run();
    let rows = [
        "(no speaker):\n“We will build the line.”",
        "(no speaker):\n“لن نتراجع أبداً”",
    ];
    let rects: Vec<Rect> = rows.iter().map(|r| h.get_by_label(r).rect()).collect();
    let shown = text_rects(&h);
    // The text of each line of a row: (left edge, right edge) of the shapes painted in it.
    let line = |row: Rect, first: bool| {
        let inside: Vec<&Rect> = shown
            .iter()
            .filter(|r| row.contains(r.center()) && (r.center().y < row.center().y) == first)
            .collect();
        assert!(
            !inside.is_empty(),
            "nothing painted in {row:?} (first line: {first})"
        );
        (
            inside
                .iter()
                .map(|r| r.left())
                .fold(f32::INFINITY, f32::min),
            inside
                .iter()
                .map(|r| r.right())
                .fold(f32::NEG_INFINITY, f32::max),
        )
    };
    let arabic = rects[1];
    // (A Latin row is egui's own selectable label, as wide as its text: measure it against
    // the list's width, which the mixed row spans.)
    let latin = Rect::from_x_y_ranges(arabic.x_range(), rects[0].y_range());
    // Latin row (one shape for both lines): at the left.
    let latin_shapes: Vec<&Rect> = shown
        .iter()
        .filter(|r| latin.contains(r.center()))
        .collect();
    assert!(!latin_shapes.is_empty());
    for r in latin_shapes {
        assert!(
            r.left() - latin.left() < 12.0,
            "Latin line at the left: {r:?}"
        );
        assert!(
            latin.right() - r.right() > 40.0,
            "and not at the right: {r:?}"
        );
    }
    // Mixed row: the Latin speaker line at the left, the Arabic quote at the right.
    let (left, right) = line(arabic, true);
    assert!(left - arabic.left() < 12.0 && arabic.right() - right > 40.0);
    let (left, right) = line(arabic, false);
    assert!(
        arabic.right() - right < 12.0,
        "Arabic line at the right: {right} in {arabic:?}"
    );
    assert!(left - arabic.left() > 40.0, "and not at the left: {left}");
}

/// When egui's fonts change, its atlas is rebuilt and the glyphs of words the view shaped
/// point into the old one (stray strokes were seen under Xvfb): the view drops its shaped
/// words and laid-out blocks and lays the text out again, the same as before.
#[test]
fn a_change_of_fonts_drops_the_shaped_words_and_lays_the_text_out_again() {
    let mut h = open(&sample("aqaba-desalination.json"));
    h.run_steps(4);
    let boxes_before = char_boxes(&h);
    let drops = h.state().view.atlas_drops();
    assert!(h.state().view.words_shaped().1 > 0, "words were shaped");
    h.run_steps(4);
    assert_eq!(
        h.state().view.atlas_drops(),
        drops,
        "steady frames keep them"
    );
    // One more font (a copy of one egui has, as a last fallback): a new atlas.
    let mut definitions = fonts::with_rtl_fonts(FontDefinitions::default());
    let (name, data) = definitions
        .font_data
        .iter()
        .next()
        .map(|(name, data)| (name.clone(), data.clone()))
        .unwrap();
    definitions.font_data.insert(format!("{name}-again"), data);
    definitions
        .families
        .entry(egui::FontFamily::Proportional)
        .or_default()
        .push(format!("{name}-again"));
    h.ctx.set_fonts(definitions);
    h.run_steps(4);
    assert_eq!(h.state().view.atlas_drops(), drops + 1, "dropped once");
    assert!(h.state().view.words_shaped().1 > 0, "shaped again");
    assert_eq!(char_boxes(&h), boxes_before, "laid out as before");
}

#[test]
fn a_spans_boundary_moves_towards_the_arrows_side_in_right_to_left_text() {
    let mut h = open(&sample("aqaba-desalination.json"));
    // PERSON سامر الحوراني: its end is its leftmost letter on screen.
    let id = set(&h)
        .spans_ordered()
        .find(|s| s.label == "PERSON" && set(&h).span_text(s) == "سامر الحوراني")
        .map(|s| s.id)
        .unwrap();
    let range = |h: &Harness<'_, NewsmarkApp>| set(h).span(id).unwrap().range();
    let before = range(&h);
    h.state_mut().doc.as_mut().unwrap().view_state.selected_span = Some(id);
    h.run();
    // Alt+Shift+Left: the end goes left on screen, which is on through the text.
    h.state_mut().send(Command::SpanEndLeft);
    h.run();
    assert_eq!(range(&h), before.start..before.end + 1);
    h.state_mut().send(Command::SpanEndRight);
    h.run();
    h.state_mut().send(Command::SpanEndRight);
    h.run();
    assert_eq!(range(&h), before.start..before.end - 1, "right goes back");
    // The start, at the right edge: Alt+Right moves it right on screen, back in the text.
    h.state_mut().send(Command::SpanStartRight);
    h.run();
    assert_eq!(range(&h).start, before.start - 1);
}
