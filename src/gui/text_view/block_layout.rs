//! The geometry of one display block: an egui galley for text without right-to-left
//! characters (egui's own layout, unchanged), or a [`BidiLayout`] for a block with them.
//!
//! egui 0.37 shapes a right-to-left run correctly (harfrust joins the letters and puts them
//! right to left) but has no bidirectional algorithm: runs are placed left to right in logical
//! order, and in a right-to-left run the galley's glyph `i` is no longer character `i`. So a
//! block with right-to-left characters is laid out here instead: our own line breaking, then
//! per display line the visual runs of UAX #9 ([`crate::model::bidi`]), each run shaped whole
//! by egui in one galley (one direction, one font: joined as in a browser, also across the
//! edge of a highlighted span, which is painted as a shape and never splits a run), placed
//! left to right in visual order. The position of every character comes from the glyphs of
//! its run, so that hit-testing, carets and span rectangles land on the right glyphs.
//!
//! Shaping is by token (a word or a stretch of whitespace of one direction), each shaped once
//! per view and cached ([`super::shaping`]); a block is painted from its words' own shaped
//! rows, placed (none of their glyphs copied), so a block is shaped once, not once to measure
//! and again per row.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob};
use egui::{Color32, Galley, Pos2, Rect, Vec2, pos2, vec2};

pub use super::shaping::BidiStyle;
use super::shaping::{ShapeCache, Shaper, WordId, WordRows};
use crate::model::bidi::{Paragraph, Run};

/// How a block is laid out.
#[derive(Clone)]
pub enum BlockLayout {
    /// No right-to-left character: one egui galley (the fast path).
    Plain(Arc<Galley>),
    /// Right-to-left or mixed: rows of runs placed in visual order.
    Bidi(Arc<BidiLayout>),
}

/// A block with right-to-left characters, laid out in visual order.
#[derive(Debug)]
pub struct BidiLayout {
    pub rows: Vec<BidiRow>,
    /// What is painted: every word of every row placed, one galley row per word (egui's own
    /// row of the shaped word, shared with the shape cache; none for an empty block).
    pub words: Option<Arc<Galley>>,
    /// The same glyphs assembled into one galley row per display row, copied from the words:
    /// only from [`layout_bidi`] (to look at; tessellated, it gives the mesh `words` gives).
    /// The view lays out with [`layout_bidi_words`] and leaves it out.
    pub galley: Option<Arc<Galley>>,
    pub size: Vec2,
    /// The paragraph reads right to left (rows are right-aligned).
    pub rtl: bool,
    pub char_count: usize,
    /// Left and right edge of each character of the block (in logical order), block
    /// coordinates; a row's are those of its [`BidiRow::chars`].
    pub boxes: Vec<(f32, f32)>,
    /// Whether each character of the block is in a right-to-left run (its leading edge is its
    /// right one).
    pub char_rtl: Vec<bool>,
}

/// One display row.
#[derive(Debug)]
pub struct BidiRow {
    pub top: f32,
    pub height: f32,
    /// Logical code points of the block on this row (trailing whitespace included); their
    /// boxes and directions are these of [`BidiLayout::boxes`] and [`BidiLayout::char_rtl`].
    pub chars: Range<usize>,
}

/// A display row with its characters' boxes and directions (slices of the block's).
pub struct RowBoxes<'a> {
    pub chars: Range<usize>,
    /// Left and right edge of each character of the row (in logical order), block coordinates.
    pub boxes: &'a [(f32, f32)],
    /// Whether each character is in a right-to-left run (its leading edge is its right one).
    pub rtl: &'a [bool],
}

impl RowBoxes<'_> {
    fn rightmost(&self) -> f32 {
        self.boxes
            .iter()
            .map(|b| b.1)
            .fold(f32::NEG_INFINITY, f32::max)
    }

    /// The caret x at logical offset `at` (block-local) on this row.
    fn caret_x(&self, at: usize, paragraph_rtl: bool) -> f32 {
        if self.chars.is_empty() {
            return if paragraph_rtl {
                self.rightmost().max(0.0)
            } else {
                0.0
            };
        }
        if at >= self.chars.end {
            // After the row's last character: its trailing edge.
            let i = self.chars.len() - 1;
            return if self.rtl[i] {
                self.boxes[i].0
            } else {
                self.boxes[i].1
            };
        }
        let i = at.saturating_sub(self.chars.start);
        if self.rtl[i] {
            self.boxes[i].1
        } else {
            self.boxes[i].0
        }
    }

    /// The caret nearest to `x` on this row: (block-local offset).
    fn caret_at_x(&self, x: f32) -> usize {
        if self.chars.is_empty() {
            return self.chars.start;
        }
        let hit = self.boxes.iter().position(|b| x >= b.0 && x < b.1);
        let i = match hit {
            Some(i) => i,
            None => {
                // Beyond an edge (or in a gap): the nearest character.
                let (mut best, mut distance) = (0, f32::INFINITY);
                for (i, b) in self.boxes.iter().enumerate() {
                    let d = if x < b.0 { b.0 - x } else { (x - b.1).max(0.0) };
                    if d < distance {
                        best = i;
                        distance = d;
                    }
                }
                best
            }
        };
        let (left, right) = self.boxes[i];
        let before = if self.rtl[i] {
            x >= (left + right) / 2.0
        } else {
            x < (left + right) / 2.0
        };
        self.chars.start + i + usize::from(!before)
    }
}

impl BlockLayout {
    pub fn size(&self) -> Vec2 {
        match self {
            BlockLayout::Plain(galley) => galley.size(),
            BlockLayout::Bidi(layout) => layout.size,
        }
    }

    pub fn is_bidi(&self) -> bool {
        matches!(self, BlockLayout::Bidi(_))
    }

    /// The character at `local` is in a right-to-left run.
    pub fn is_rtl_at(&self, local: usize) -> bool {
        match self {
            BlockLayout::Plain(_) => false,
            BlockLayout::Bidi(layout) => layout.char_rtl.get(local).copied().unwrap_or(false),
        }
    }

    pub fn row_count(&self) -> usize {
        match self {
            BlockLayout::Plain(galley) => galley.rows.len(),
            BlockLayout::Bidi(layout) => layout.rows.len(),
        }
    }

    /// The row a caret is on (at a wrap: the next row when `prefer_next_row`).
    pub fn row_of(&self, local: usize, prefer_next_row: bool) -> usize {
        match self {
            BlockLayout::Plain(galley) => {
                galley
                    .layout_from_cursor(CCursor {
                        index: local.into(),
                        prefer_next_row,
                    })
                    .row
            }
            BlockLayout::Bidi(layout) => layout.row_of(local, prefer_next_row),
        }
    }

    /// The caret on `row` nearest to `x`: (block-local offset, prefer next row).
    pub fn caret_in_row(&self, row: usize, x: f32) -> (usize, bool) {
        match self {
            BlockLayout::Plain(galley) => galley.rows.get(row).map_or((0, true), |r| {
                let c = galley.cursor_from_pos(vec2(x, r.pos.y + r.height() / 2.0));
                (c.index.0, c.prefer_next_row)
            }),
            BlockLayout::Bidi(layout) => match layout.row(row) {
                Some(r) => {
                    let at = r.caret_at_x(x);
                    (at, at < r.chars.end || row + 1 == layout.rows.len())
                }
                None => (0, true),
            },
        }
    }

    /// The caret nearest to `pos` (block coordinates).
    pub fn caret_from_pos(&self, pos: Vec2) -> usize {
        match self {
            BlockLayout::Plain(galley) => galley.cursor_from_pos(pos).index.0,
            BlockLayout::Bidi(layout) => {
                if pos.y < 0.0 {
                    return 0;
                }
                match layout.rows.iter().position(|r| pos.y < r.top + r.height) {
                    Some(row) => layout.boxes_of(row).caret_at_x(pos.x),
                    None => layout.char_count,
                }
            }
        }
    }

    /// The caret's rectangle (zero width, block coordinates).
    pub fn caret_rect(&self, local: usize, prefer_next_row: bool) -> Rect {
        match self {
            BlockLayout::Plain(galley) => galley.pos_from_cursor(CCursor {
                index: local.into(),
                prefer_next_row,
            }),
            BlockLayout::Bidi(layout) => {
                let at = layout.row_of(local, prefer_next_row);
                let row = &layout.rows[at];
                let x = layout.boxes_of(at).caret_x(local, layout.rtl);
                Rect::from_min_max(pos2(x, row.top), pos2(x, row.top + row.height))
            }
        }
    }

    /// The first and last caret of the row a caret is on.
    pub fn row_bounds(&self, local: usize, prefer_next_row: bool) -> (usize, usize) {
        match self {
            BlockLayout::Plain(galley) => {
                let c = CCursor {
                    index: local.into(),
                    prefer_next_row,
                };
                (
                    galley.cursor_begin_of_row(&c).index.0,
                    galley.cursor_end_of_row(&c).index.0,
                )
            }
            BlockLayout::Bidi(layout) => {
                let row = &layout.rows[layout.row_of(local, prefer_next_row)];
                (row.chars.start, row.chars.end)
            }
        }
    }

    /// The character whose glyph is under `pos` (block coordinates).
    pub fn char_at(&self, pos: Vec2) -> Option<usize> {
        match self {
            BlockLayout::Plain(galley) => {
                let mut index = 0;
                for row in &galley.rows {
                    let count = row.char_count_excluding_newline().0;
                    if pos.y >= row.pos.y && pos.y < row.pos.y + row.height() {
                        let x = pos.x - row.pos.x;
                        return row
                            .glyphs
                            .iter()
                            .position(|g| x >= g.pos.x && x < g.max_x())
                            .map(|i| index + i);
                    }
                    index += count + usize::from(row.ends_with_newline);
                }
                None
            }
            BlockLayout::Bidi(layout) => {
                let row = layout
                    .rows
                    .iter()
                    .find(|r| pos.y >= r.top && pos.y < r.top + r.height)?;
                layout.boxes[row.chars.clone()]
                    .iter()
                    .position(|b| pos.x >= b.0 && pos.x < b.1)
                    .map(|i| row.chars.start + i)
            }
        }
    }

    /// Rectangles covering `local` (code points within the block), block coordinates: one
    /// per row for left-to-right text, one per visually contiguous piece in mixed rows.
    pub fn range_rects(&self, local: Range<usize>, font_size: f32) -> Vec<Rect> {
        match self {
            BlockLayout::Plain(galley) => range_rects(galley, local, font_size),
            BlockLayout::Bidi(layout) => {
                let mut rects = Vec::new();
                if local.start >= local.end {
                    return rects;
                }
                let half = font_size * 0.7;
                for row in &layout.rows {
                    let a = local.start.max(row.chars.start);
                    let b = local.end.min(row.chars.end);
                    if a >= b {
                        continue;
                    }
                    let mut boxes: Vec<(f32, f32)> = layout.boxes[a..b]
                        .iter()
                        .filter(|b| b.1 > b.0)
                        .copied()
                        .collect();
                    boxes.sort_by(|x, y| x.0.total_cmp(&y.0));
                    let center = row.top + row.height / 2.0;
                    let mut merged: Vec<(f32, f32)> = Vec::new();
                    for b in boxes {
                        match merged.last_mut() {
                            // (Glyph origins are rounded to pixels: neighbours may be
                            // a pixel apart.)
                            Some(last) if b.0 <= last.1 + 1.5 => last.1 = last.1.max(b.1),
                            _ => merged.push(b),
                        }
                    }
                    rects.extend(merged.into_iter().map(|(x0, x1)| {
                        Rect::from_min_max(pos2(x0, center - half), pos2(x1, center + half))
                    }));
                }
                rects
            }
        }
    }

    /// Paint the text with its top-left at `origin`.
    pub fn paint(&self, painter: &egui::Painter, origin: Pos2, color: Color32) {
        match self {
            BlockLayout::Plain(galley) => painter.galley(origin, galley.clone(), color),
            BlockLayout::Bidi(layout) => {
                if let Some(words) = &layout.words {
                    painter.galley(origin, words.clone(), color);
                }
            }
        }
    }
}

/// Rectangles covering `local` (code points within one block) in `galley`, one per row.
pub fn range_rects(galley: &Galley, local: Range<usize>, font_size: f32) -> Vec<Rect> {
    let mut rects = Vec::new();
    if local.start >= local.end {
        return rects;
    }
    let mut index = 0;
    for row in &galley.rows {
        let count = row.char_count_excluding_newline().0;
        let a = local.start.max(index);
        let b = local.end.min(index + count);
        if a < b {
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(a - index));
            let x1 = row.pos.x + row.x_offset(egui::text::CharIndex(b - index));
            // The glyphs sit in the middle of the row; cover them and a little around.
            let center = row.pos.y + row.height() / 2.0;
            let half = font_size * 0.7;
            rects.push(Rect::from_min_max(
                pos2(x0, center - half),
                pos2(x1, center + half),
            ));
        }
        index += count + usize::from(row.ends_with_newline);
        if index >= local.end {
            break;
        }
    }
    rects
}

impl BidiLayout {
    /// Row `row` with its characters' boxes and directions.
    pub fn row(&self, row: usize) -> Option<RowBoxes<'_>> {
        let chars = self.rows.get(row)?.chars.clone();
        Some(RowBoxes {
            boxes: &self.boxes[chars.clone()],
            rtl: &self.char_rtl[chars.clone()],
            chars,
        })
    }

    fn boxes_of(&self, row: usize) -> RowBoxes<'_> {
        self.row(row).expect("a row of the layout")
    }

    fn row_of(&self, local: usize, prefer_next_row: bool) -> usize {
        let last = self.rows.len().saturating_sub(1);
        for (i, row) in self.rows.iter().enumerate() {
            if local < row.chars.end || (local == row.chars.end && (!prefer_next_row || i == last))
            {
                return i;
            }
        }
        last
    }
}

/// Lay out `text` (one block) with bidirectional reordering. `shape` lays out a job (the
/// window's egui context); `cache` keeps shaped tokens across blocks and frames. The layout
/// has both the painted galley of words and the same glyphs assembled by display row
/// ([`BidiLayout::galley`]): the tests' reference for what the words paint.
#[cfg(test)]
pub fn layout_bidi(
    text: &str,
    style: &BidiStyle,
    cache: &mut ShapeCache,
    shape: &mut dyn FnMut(LayoutJob) -> Arc<Galley>,
) -> BidiLayout {
    layout(text, style, cache, shape, true)
}

/// [`layout_bidi`] without [`BidiLayout::galley`]: what the view lays out (placing a word
/// then copies none of its glyphs).
pub fn layout_bidi_words(
    text: &str,
    style: &BidiStyle,
    cache: &mut ShapeCache,
    shape: &mut dyn FnMut(LayoutJob) -> Arc<Galley>,
) -> BidiLayout {
    layout(text, style, cache, shape, false)
}

/// The buffers a block's layout works in, kept in the [`ShapeCache`] from one block to the
/// next: laying out a block allocates only what it returns (its rows, its characters' boxes
/// and directions, and its painted galley).
#[derive(Default)]
pub(super) struct Scratch {
    /// The block's bidirectional analysis (its buffers kept too).
    paragraph: Paragraph,
    chars: Vec<char>,
    /// Whether each character is whitespace.
    space: Vec<bool>,
    /// Each character's advance, for line breaking.
    widths: Vec<f32>,
    /// The paragraph's level runs: range and level.
    level_runs: Vec<(Range<usize>, u8)>,
    /// The display lines.
    lines: Vec<Range<usize>>,
    /// The visual runs of a line, and the line's levels to find them.
    runs: Vec<Run>,
    line_levels: Vec<u8>,
    /// The block's tokens in logical order: range, right to left, word id.
    tokens: Vec<(Range<usize>, bool, WordId)>,
    /// The index in `tokens` of the token starting at each character (where one starts).
    token_at: Vec<u32>,
    /// Tokens of one level run, or of one visual run of a row.
    token_ranges: Vec<Range<usize>>,
    /// The tokens of a visual run: range and word id.
    run_tokens: Vec<(Range<usize>, WordId)>,
    /// The tokens of a row, left to right: x, word id, characters and direction.
    placed: Vec<(f32, WordId, Range<usize>, bool)>,
}

fn layout(
    text: &str,
    style: &BidiStyle,
    cache: &mut ShapeCache,
    shape: &mut dyn FnMut(LayoutJob) -> Arc<Galley>,
    assemble: bool,
) -> BidiLayout {
    cache.for_style(style.font_size, style.row_height, style.pixels_per_point);
    let mut scratch = std::mem::take(&mut cache.scratch);
    let Scratch {
        paragraph,
        chars,
        space,
        widths,
        level_runs: runs_of_levels,
        lines,
        runs,
        line_levels,
        tokens,
        token_at,
        token_ranges,
        run_tokens,
        placed,
    } = &mut scratch;
    chars.clear();
    chars.extend(text.chars());
    space.clear();
    space.extend(chars.iter().map(|&c| is_space(c)));
    paragraph.analyse(chars, style.direction);
    widths.clear();
    tokens.clear();
    // (Entries are written where a token starts; the others are never read.)
    token_at.resize(chars.len().max(token_at.len()), 0);
    let mut shaper = Shaper {
        chars,
        style,
        shape,
        cache,
    };
    // Widths, for line breaking: the tokens of the paragraph's level runs (kept: a row
    // takes them again, unless rule L1 or a cut inside a word made a different token).
    level_runs_into(paragraph.levels(), runs_of_levels);
    for (range, level) in runs_of_levels.drain(..) {
        let rtl = level % 2 == 1;
        token_ranges.clear();
        tokens_into(space, range, token_ranges);
        for token in token_ranges.drain(..) {
            let id = shaper.token(token.clone(), rtl);
            shaper.cache.prefetch_ink(id);
            // (The tokens follow one another from the block's first character to its last.)
            widths.extend(shaper.cache.boxes(id).map(|b| b.1 - b.0));
            token_at[token.start] = tokens.len() as u32;
            tokens.push((token, rtl, id));
        }
    }
    debug_assert_eq!(widths.len(), chars.len());
    break_lines_by_token(space, widths, tokens, style.wrap, lines);
    #[cfg(debug_assertions)]
    assert_eq!(*lines, break_lines(space, widths, style.wrap));
    let char_count = chars.len();
    let mut galleys = WordRows::new(style.pixels_per_point, tokens.len(), lines.len());
    let mut rows = Vec::with_capacity(lines.len().max(1));
    // Every character's box and direction, in one array each for the block (a row's are
    // the slice of its characters).
    let mut boxes = vec![(0.0, 0.0); char_count];
    let mut char_rtl = vec![false; char_count];
    let mut top = 0.0;
    for line in lines.iter() {
        placed.clear();
        let mut x = 0.0;
        // The runs of the row (after rule L1) left to right; in a right-to-left run the
        // tokens go right to left, so the last one comes first.
        paragraph.visual_runs_into(line.clone(), line_levels, runs);
        for run in runs.iter() {
            // Most runs are the block's tokens as they are (no per-character walk); a run cut
            // inside a word, or one that rule L1 made of whitespace of two levels, is cut
            // into tokens again.
            if !known_tokens(tokens, token_at, space, run, run_tokens) {
                token_ranges.clear();
                tokens_into(space, run.chars.clone(), token_ranges);
                // The block's tokens are in logical order, and so are the run's: walk both.
                let mut known =
                    tokens.partition_point(|(range, _, _)| range.start < run.chars.start);
                run_tokens.clear();
                for token in token_ranges.drain(..) {
                    while known < tokens.len() && tokens[known].0.start < token.start {
                        known += 1;
                    }
                    let id = match tokens.get(known) {
                        Some((range, r, id)) if *range == token && *r == run.is_rtl() => *id,
                        _ => shaper.token(token.clone(), run.is_rtl()),
                    };
                    run_tokens.push((token, id));
                }
            }
            if run.is_rtl() {
                run_tokens.reverse();
            }
            for (token, id) in run_tokens.drain(..) {
                placed.push((x, id, token, run.is_rtl()));
                x += shaper.cache.width(id);
            }
        }
        let cache = &*shaper.cache;
        // A row as tall as its tallest glyphs need (Nastaliq's are taller than the others),
        // each piece centred in it.
        let height = placed
            .iter()
            .map(|&(_, id, _, _)| cache.height(id))
            .fold(style.row_height, f32::max);
        // Right-aligned in a right-to-left paragraph (whitespace at the row's logical end
        // hangs at its left).
        let shift = if paragraph.is_rtl() {
            (style.wrap - x).max(0.0)
        } else {
            0.0
        };
        for (x, id, token, rtl) in placed.iter() {
            galleys.add(cache, *id, *x, height);
            // Each character's box: its place in the word, the word's in the row, the row's.
            for (b, w) in boxes[token.clone()].iter_mut().zip(cache.boxes(*id)) {
                *b = (x + w.0 + shift, x + w.1 + shift);
            }
            char_rtl[token.clone()].fill(*rtl);
        }
        galleys.end_row(shift, top, vec2(x, height));
        rows.push(BidiRow {
            top,
            height,
            chars: line.clone(),
        });
        top += height;
    }
    let rtl = paragraph.is_rtl();
    cache.scratch = scratch;
    if rows.is_empty() {
        rows.push(BidiRow {
            top: 0.0,
            height: style.row_height,
            chars: 0..0,
        });
    }
    let width = if rtl {
        style.wrap
    } else {
        rows.iter()
            .map(|r| {
                boxes[r.chars.clone()]
                    .iter()
                    .map(|b| b.1)
                    .fold(f32::NEG_INFINITY, f32::max)
            })
            .fold(0.0, f32::max)
    };
    let size = vec2(width, rows.last().map_or(0.0, |r| r.top + r.height));
    let galley = if assemble {
        galleys.assemble(size)
    } else {
        None
    };
    BidiLayout {
        words: galleys.finish(size),
        galley,
        size,
        rows,
        rtl,
        char_count,
        boxes,
        char_rtl,
    }
}

/// The tokens of the visual run `run` into `out` (cleared), when they are tokens of the block
/// (`tokens`, in logical order) that tile it and are what [`tokens_into`] cuts it into: one
/// after another from its first character to its last, of its direction, each a word or
/// whitespace unlike the one before (so that none would be joined to its neighbour). Otherwise
/// false.
///
/// `token_at[i]` is the index in `tokens` of the token starting at character `i` (anything
/// where none starts: it is checked).
fn known_tokens(
    tokens: &[(Range<usize>, bool, WordId)],
    token_at: &[u32],
    space: &[bool],
    run: &Run,
    out: &mut Vec<(Range<usize>, WordId)>,
) -> bool {
    out.clear();
    let chars = &run.chars;
    let first = token_at
        .get(chars.start)
        .map_or(tokens.len(), |&i| i as usize);
    if tokens.get(first).is_none_or(|t| t.0.start != chars.start) {
        return false;
    }
    let mut at = chars.start;
    for (range, rtl, id) in &tokens[first..] {
        if at == chars.end {
            break;
        }
        if range.start != at
            || range.end > chars.end
            || *rtl != run.is_rtl()
            || (at > chars.start && space[at] == space[at - 1])
        {
            return false;
        }
        out.push((range.clone(), *id));
        at = range.end;
    }
    at == chars.end
}

/// `c` is whitespace (`char::is_whitespace`; the letters of the scripts a right-to-left
/// block is mostly written in are answered without the Unicode table).
fn is_space(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_whitespace() || c == '\u{0B}',
        // Hebrew, Arabic, Syriac, Thaana, N'Ko ...: no whitespace.
        0x0590..=0x07FF => false,
        _ => c.is_whitespace(),
    }
}

/// The level runs of `levels`: (range, level), in logical order, into `runs` (cleared).
fn level_runs_into(levels: &[u8], runs: &mut Vec<(Range<usize>, u8)>) {
    runs.clear();
    let mut start = 0;
    for i in 1..=levels.len() {
        if i == levels.len() || levels[i] != levels[start] {
            runs.push((start..i, levels[start]));
            start = i;
        }
    }
}

#[path = "block_layout_lines.rs"]
mod lines;
use lines::*;

#[cfg(test)]
#[path = "block_layout_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "block_layout_words_tests.rs"]
mod words_tests;
