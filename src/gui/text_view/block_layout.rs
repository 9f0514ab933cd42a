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

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob};
use egui::{Color32, FontFamily, FontId, Galley, Pos2, Rect, Vec2, pos2, vec2};
use unicode_bidi::{BidiClass, bidi_class};

use crate::model::bidi::{Direction, Paragraph};

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
    pub size: Vec2,
    /// The paragraph reads right to left (rows are right-aligned).
    pub rtl: bool,
    pub char_count: usize,
}

/// One display row.
#[derive(Debug)]
pub struct BidiRow {
    pub top: f32,
    pub height: f32,
    /// Logical code points of the block on this row (trailing whitespace included).
    pub chars: Range<usize>,
    /// Left and right edge of each character of the row (in logical order), block coordinates.
    pub boxes: Vec<(f32, f32)>,
    /// Whether each character is in a right-to-left run (its leading edge is its right one).
    pub rtl: Vec<bool>,
    /// Galleys to paint and where, left to right.
    pub pieces: Vec<(Pos2, Arc<Galley>)>,
}

impl BidiRow {
    fn leftmost(&self) -> f32 {
        self.boxes.iter().map(|b| b.0).fold(f32::INFINITY, f32::min)
    }

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
            BlockLayout::Bidi(layout) => layout
                .rows
                .iter()
                .find(|r| r.chars.contains(&local))
                .is_some_and(|r| r.rtl[local - r.chars.start]),
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
            BlockLayout::Bidi(layout) => match layout.rows.get(row) {
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
                    Some(row) => layout.rows[row].caret_at_x(pos.x),
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
                let row = &layout.rows[layout.row_of(local, prefer_next_row)];
                let x = row.caret_x(local, layout.rtl);
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
                row.boxes
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
                    let mut boxes: Vec<(f32, f32)> = row.boxes
                        [a - row.chars.start..b - row.chars.start]
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
                let clip = painter.clip_rect();
                for row in &layout.rows {
                    let top = origin.y + row.top;
                    if top > clip.bottom() || top + row.height < clip.top() {
                        continue;
                    }
                    for (pos, galley) in &row.pieces {
                        painter.galley(origin + pos.to_vec2(), galley.clone(), color);
                    }
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

/// What the layout needs from its surroundings.
pub struct BidiStyle {
    pub font_size: f32,
    pub row_height: f32,
    pub wrap: f32,
    pub direction: Direction,
    /// The right-to-left families of [`super::fonts`] are installed.
    pub rtl_families: bool,
    /// A Nastaliq font is installed and this block looks Urdu.
    pub urdu: bool,
}

/// A run shaped: galleys placed from x = 0 and the box of each of its characters.
struct Shaped {
    pieces: Vec<(f32, Arc<Galley>)>,
    boxes: Vec<(f32, f32)>,
    width: f32,
}

/// Lay out `text` (one block) with bidirectional reordering. `shape` lays out a job (the
/// window's egui context, with its galley cache).
pub fn layout_bidi(
    text: &str,
    style: &BidiStyle,
    shape: &mut dyn FnMut(LayoutJob) -> Arc<Galley>,
) -> BidiLayout {
    let chars: Vec<char> = text.chars().collect();
    let paragraph = Paragraph::new(text, style.direction);
    let levels = paragraph.levels();
    let mut shaper = Shaper {
        chars: &chars,
        style,
        shape,
    };
    // Widths: each level run of the paragraph shaped whole.
    let mut widths = vec![0.0_f32; chars.len()];
    let mut whole_runs: Vec<(Range<usize>, u8, Shaped)> = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let level = levels[start];
        let end = (start..chars.len())
            .find(|&i| levels[i] != level)
            .unwrap_or(chars.len());
        let shaped = shaper.run(start..end, level % 2 == 1);
        for (i, b) in shaped.boxes.iter().enumerate() {
            widths[start + i] = b.1 - b.0;
        }
        whole_runs.push((start..end, level, shaped));
        start = end;
    }
    let lines = break_lines(&chars, &widths, style.wrap);
    let mut rows = Vec::with_capacity(lines.len());
    for (n, line) in lines.into_iter().enumerate() {
        let top = n as f32 * style.row_height;
        let mut boxes = vec![(0.0, 0.0); line.len()];
        let mut rtl = vec![false; line.len()];
        let mut pieces = Vec::new();
        let mut x = 0.0;
        for run in paragraph.visual_runs(line.clone()) {
            let reused = whole_runs
                .iter()
                .position(|(range, level, _)| *range == run.chars && *level == run.level);
            let fresh;
            let shaped = match reused {
                Some(i) => &whole_runs[i].2,
                None => {
                    fresh = shaper.run(run.chars.clone(), run.is_rtl());
                    &fresh
                }
            };
            for (i, b) in shaped.boxes.iter().enumerate() {
                let at = run.chars.start + i - line.start;
                boxes[at] = (x + b.0, x + b.1);
                rtl[at] = run.is_rtl();
            }
            for (px, galley) in &shaped.pieces {
                pieces.push((pos2(x + px, top), galley.clone()));
            }
            x += shaped.width;
        }
        let mut row = BidiRow {
            top,
            height: style.row_height,
            chars: line,
            boxes,
            rtl,
            pieces,
        };
        if paragraph.is_rtl() {
            // Right-aligned (whitespace at the row's logical end hangs at its left).
            let shift = (style.wrap - x).max(0.0);
            for b in &mut row.boxes {
                b.0 += shift;
                b.1 += shift;
            }
            for (p, _) in &mut row.pieces {
                p.x += shift;
            }
        }
        rows.push(row);
    }
    if rows.is_empty() {
        rows.push(BidiRow {
            top: 0.0,
            height: style.row_height,
            chars: 0..0,
            boxes: Vec::new(),
            rtl: Vec::new(),
            pieces: Vec::new(),
        });
    }
    let width = if paragraph.is_rtl() {
        style.wrap
    } else {
        rows.iter().map(BidiRow::rightmost).fold(0.0, f32::max)
    };
    let _ = BidiRow::leftmost;
    BidiLayout {
        size: vec2(width, rows.len() as f32 * style.row_height),
        rows,
        rtl: paragraph.is_rtl(),
        char_count: chars.len(),
    }
}

/// Greedy line breaking at whitespace (a word longer than the row is cut where it overflows).
fn break_lines(chars: &[char], widths: &[f32], wrap: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut x = 0.0;
    // The last break opportunity in the current line (a word start after whitespace).
    let mut last_break: Option<usize> = None;
    for i in 0..chars.len() {
        let w = widths[i];
        if chars[i].is_whitespace() {
            x += w;
            continue;
        }
        if i > start && chars[i - 1].is_whitespace() {
            last_break = Some(i);
        }
        if x + w > wrap && i > start {
            let cut = match last_break {
                Some(b) if b > start => b,
                _ => i,
            };
            lines.push(start..cut);
            start = cut;
            last_break = None;
            x = widths[cut..=i].iter().sum();
        } else {
            x += w;
        }
    }
    if start < chars.len() || lines.is_empty() {
        lines.push(start..chars.len());
    }
    lines
}

struct Shaper<'a, 'b> {
    chars: &'a [char],
    style: &'a BidiStyle,
    shape: &'b mut dyn FnMut(LayoutJob) -> Arc<Galley>,
}

impl Shaper<'_, '_> {
    fn job(&self, text: String, family: FontFamily) -> LayoutJob {
        let format = egui::TextFormat {
            font_id: FontId::new(self.style.font_size, family),
            color: Color32::PLACEHOLDER,
            line_height: Some(self.style.row_height),
            valign: egui::Align::Center,
            ..Default::default()
        };
        let mut job = LayoutJob::single_section(text, format);
        job.wrap.max_width = f32::INFINITY;
        job
    }

    fn family(&self, range: &Range<usize>, rtl: bool) -> FontFamily {
        if !rtl || !self.style.rtl_families {
            return FontFamily::Proportional;
        }
        let first = self.chars[range.clone()]
            .iter()
            .find(|c| matches!(bidi_class(**c), BidiClass::R | BidiClass::AL))
            .copied()
            .unwrap_or('\u{0627}');
        super::fonts::family_for(first, self.style.urdu)
    }

    /// Shape a run of one direction: whole if egui shapes it as one run, else in pieces.
    fn run(&mut self, range: Range<usize>, rtl: bool) -> Shaped {
        if let Some(shaped) = self.whole(range.clone(), rtl) {
            return shaped;
        }
        // Pieces: right-to-left letters together (so they still join), everything else alone.
        let mut units: Vec<Range<usize>> = Vec::new();
        for i in range.clone() {
            let letter = rtl && is_joining_part(self.chars[i]);
            match units.last_mut() {
                Some(last) if letter && is_joining_part(self.chars[last.end - 1]) => {
                    last.end = i + 1
                }
                _ => units.push(i..i + 1),
            }
        }
        let mut shaped_units: Vec<Shaped> = Vec::with_capacity(units.len());
        for unit in &units {
            let shaped = match self.whole(unit.clone(), rtl) {
                Some(s) => s,
                None => {
                    // Last resort: one galley per character.
                    let singles: Vec<Shaped> = unit.clone().map(|i| self.single(i, rtl)).collect();
                    combine(singles, rtl)
                }
            };
            shaped_units.push(shaped);
        }
        combine(shaped_units, rtl)
    }

    /// One character alone (mirrored when it is a bracket in a right-to-left run).
    fn single(&mut self, i: usize, rtl: bool) -> Shaped {
        let c = self.chars[i];
        let shown = if rtl { mirror(c) } else { c };
        let job = self.job(shown.to_string(), self.family(&(i..i + 1), rtl));
        let galley = (self.shape)(job);
        let width = galley_width(&galley);
        Shaped {
            pieces: vec![(0.0, galley)],
            boxes: vec![(0.0, width)],
            width,
        }
    }

    /// Shape `range` as one galley, if egui shaped it as one run in the expected order.
    fn whole(&mut self, range: Range<usize>, rtl: bool) -> Option<Shaped> {
        if range.len() == 1 {
            return Some(self.single(range.start, rtl));
        }
        let text: String = self.chars[range.clone()].iter().collect();
        let job = self.job(text, self.family(&range, rtl));
        let galley = (self.shape)(job);
        let chars = &self.chars[range];
        let boxes = if rtl {
            rtl_boxes(&galley, chars)?
        } else {
            ltr_boxes(&galley, chars)?
        };
        let width = boxes
            .iter()
            .map(|b| b.1)
            .fold(galley_width(&galley), f32::max);
        Some(Shaped {
            pieces: vec![(0.0, galley)],
            boxes,
            width,
        })
    }
}

/// Put shaped pieces side by side in visual order (right to left: the first piece rightmost).
fn combine(parts: Vec<Shaped>, rtl: bool) -> Shaped {
    let count: usize = parts.iter().map(|p| p.boxes.len()).sum();
    let mut boxes = Vec::with_capacity(count);
    let mut pieces = Vec::new();
    let total: f32 = parts.iter().map(|p| p.width).sum();
    let mut x = if rtl { total } else { 0.0 };
    for part in parts {
        let left = if rtl { x - part.width } else { x };
        boxes.extend(part.boxes.iter().map(|b| (left + b.0, left + b.1)));
        pieces.extend(part.pieces.into_iter().map(|(px, g)| (left + px, g)));
        x = if rtl { left } else { left + part.width };
    }
    Shaped {
        pieces,
        boxes,
        width: total,
    }
}

fn galley_width(galley: &Galley) -> f32 {
    galley
        .rows
        .iter()
        .flat_map(|r| r.glyphs.iter().map(|g| r.pos.x + g.max_x()))
        .fold(galley.size().x, f32::max)
}

/// A letter or mark of a right-to-left script (or a joiner): these shape together.
fn is_joining_part(c: char) -> bool {
    matches!(
        bidi_class(c),
        BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN
    )
}

fn is_mark(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::NSM | BidiClass::BN)
}

/// The glyph of a bracket in a right-to-left run is its mirror image (rule L4).
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

/// Character boxes of a left-to-right galley: egui's glyph `i` is character `i`.
fn ltr_boxes(galley: &Galley, chars: &[char]) -> Option<Vec<(f32, f32)>> {
    let glyphs: Vec<(f32, &egui::epaint::text::Glyph)> = galley
        .rows
        .iter()
        .flat_map(|r| r.glyphs.iter().map(move |g| (r.pos.x, g)))
        .collect();
    if glyphs.len() != chars.len() {
        return None;
    }
    let mut boxes = Vec::with_capacity(chars.len());
    for (i, ((row_x, glyph), &c)) in glyphs.iter().zip(chars).enumerate() {
        if glyph.chr != c && !is_mark(c) {
            return None;
        }
        // Glyph origins are rounded to pixels, advances are not: a box ends where the next
        // glyph starts, so that neighbours touch.
        let end = match glyphs.get(i + 1) {
            Some((next_x, next)) if glyph.advance_width > 0.0 => {
                (next_x + next.pos.x).max(row_x + glyph.pos.x)
            }
            _ => row_x + glyph.max_x(),
        };
        boxes.push((row_x + glyph.pos.x, end));
    }
    Some(boxes)
}

/// Character boxes of a right-to-left galley. egui puts the glyphs of a right-to-left run in
/// visual order (left to right), each carrying the first character of its cluster; clusters
/// run backwards through the text. Walking the spacing glyphs from the left therefore walks
/// the text from its end; a cluster's width is shared by its characters (a ligature such as
/// lam-alef, a letter with its marks). Anything else (a run egui split between fonts, which
/// it places in logical order) gives `None`, and the run is shaped in pieces.
fn rtl_boxes(galley: &Galley, chars: &[char]) -> Option<Vec<(f32, f32)>> {
    let mut boxes = vec![(0.0_f32, 0.0_f32); chars.len()];
    let mut end = chars.len();
    let mut last_cluster: Option<(usize, usize)> = None;
    for row in &galley.rows {
        for glyph in &row.glyphs {
            if glyph.advance_width <= 0.0 {
                continue; // marks and egui's zero-width continuation glyphs
            }
            if end == 0 {
                return None;
            }
            let start = (0..end).rev().find(|&q| chars[q] == glyph.chr)?;
            // A cluster of several characters is a ligature or a letter with marks.
            if end - start > 4 || !chars[start + 1..end].iter().all(|c| is_joining_part(*c)) {
                return None;
            }
            let (x0, x1) = (row.pos.x + glyph.pos.x, row.pos.x + glyph.max_x());
            let count = (end - start) as f32;
            let share = (x1 - x0) / count;
            for (j, b) in boxes[start..end].iter_mut().enumerate() {
                // The first character of the cluster at its right.
                let right = x1 - share * j as f32;
                *b = (right - share, right);
            }
            last_cluster = Some((start, end));
            end = start;
        }
    }
    if end > 0 {
        // Leading marks or joiners without a glyph of their own: with the leftmost cluster.
        let (start, stop) = last_cluster?;
        if start != end || !chars[..end].iter().all(|c| is_mark(*c)) {
            return None;
        }
        let (x0, _) = boxes[stop - 1];
        for b in &mut boxes[..end] {
            *b = (x0, x0);
        }
    }
    Some(boxes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_after_whitespace_and_cut_overlong_words() {
        let chars: Vec<char> = "aa bb cc".chars().collect();
        let widths = vec![1.0; chars.len()];
        assert_eq!(break_lines(&chars, &widths, 5.5), vec![0..6, 6..8]);
        assert_eq!(break_lines(&chars, &widths, 100.0), vec![0..8]);
        let long: Vec<char> = "abcdefgh".chars().collect();
        assert_eq!(break_lines(&long, &[1.0; 8], 3.0), vec![0..3, 3..6, 6..8]);
        assert_eq!(break_lines(&[], &[], 3.0), vec![0..0]);
    }

    #[test]
    fn brackets_are_mirrored_in_right_to_left_runs() {
        assert_eq!(mirror('('), ')');
        assert_eq!(mirror('«'), '»');
        assert_eq!(mirror('a'), 'a');
    }
}
