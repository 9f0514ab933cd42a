//! Shaping for the bidirectional layout ([`super::block_layout`]): a token (a word, or the
//! whitespace between words, of one direction) is shaped by egui into a galley and the box of
//! each of its characters; tokens are kept in a [`ShapeCache`] across blocks and frames, and
//! a block is painted as one galley whose rows are its words' rows, placed ([`WordRows`]).
//!
//! Why tokens: egui builds a harfrust shape plan for every run it shapes (most of the cost of
//! a short run), and news repeats its words, so a word is shaped once per view, not once per
//! block and again per row. Arabic and Hebrew letters never join across a space, so a word
//! shaped alone is the word shaped in its line; a word egui cannot shape in one piece (a
//! bracket from another font) is shaped in pieces once, then cached like any other.

use std::ops::Range;
use std::sync::Arc;

use egui::epaint::{Mesh, Vertex};
use egui::text::LayoutJob;
use egui::{Color32, FontFamily, FontId, Galley, Rect, Vec2, pos2};
use unicode_bidi::BidiClass;

use crate::model::bidi::{Direction, class_of};

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
    /// The row height for text set in Nastaliq: taller, for its ascent and descent.
    pub urdu_row_height: f32,
    pub pixels_per_point: f32,
}
pub(super) use crate::model::bidi::mirror;

/// Tokens kept before the cache starts over (a few megabytes of glyphs).
const MAX_CACHED_TOKENS: usize = 20_000;

/// A token shaped: galleys placed from x = 0 and the box of each of its characters (what
/// [`Shaper::run`] makes; the cache keeps it as a [`Word`] in its arenas).
pub(super) struct Shaped {
    pub pieces: Vec<(f32, Arc<Galley>)>,
    pub boxes: Vec<(f32, f32)>,
    pub width: f32,
}

/// One galley row of a piece with pixels, and its place in the token: what painting the
/// token takes. The row is egui's own, shared (an `Arc`), never copied: a block places its
/// words by putting these rows in its painted galley at the word's place ([`WordRows`]), so
/// laying out a block copies no glyph, vertex or index, and the tessellator copies each
/// word's vertices once, as it does any text's.
struct InkPart {
    x: f32,
    y: f32,
    /// The height of the piece's galley (centred in the display row).
    height: f32,
    /// The row's mesh: its bounds and size (so that placing it need not read the row).
    mesh_bounds: Rect,
    vertices: u32,
    indices: u32,
    row: Arc<egui::epaint::text::Row>,
}

/// A cached token, one record: its key's hash, family and direction, where its characters
/// (each with its box) and its ink are in the cache's arenas, its width and height. The
/// record is what the look-up table holds and what a block keeps for each of its tokens (it
/// is `Copy`), so that looking a word up reads the table and its characters, and measuring
/// and placing it reads the record the block already has: no third line (a `Vec` of words
/// indexed by id) to wait for in turn. Words shaped one after another lie side by side in
/// the arenas.
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) struct Word {
    hash: u64,
    /// Its characters (and their boxes) in [`ShapeCache::chars`] start here.
    chars_start: u32,
    /// The number of characters, and 1 << 31 when right to left.
    len_rtl: u32,
    /// Its ink in [`ShapeCache::ink`].
    ink_start: u32,
    width: f32,
    /// The tallest piece (a row is as tall as its tallest token).
    height: f32,
    ink_len: u16,
    /// Its family ([`family_code`]).
    family: u8,
}

impl Word {
    fn len_rtl(len: usize, rtl: bool) -> u32 {
        len as u32 | u32::from(rtl) << 31
    }

    fn len(&self) -> usize {
        (self.len_rtl & !(1 << 31)) as usize
    }

    /// A record told apart by `n` only (for tests of the layout's token bookkeeping).
    #[cfg(test)]
    pub(super) fn numbered(n: u32) -> Self {
        Self {
            hash: u64::from(n),
            chars_start: n,
            len_rtl: 0,
            ink_start: 0,
            width: 0.0,
            height: 0.0,
            ink_len: 0,
            family: 0,
        }
    }
}

/// A family as a byte (compared at every look-up): 0 for egui's proportional one.
fn family_code(family: Option<&str>) -> u8 {
    use super::fonts::{ARABIC_FAMILY, HEBREW_FAMILY, URDU_FAMILY};
    match family {
        None => 0,
        Some(ARABIC_FAMILY) => 1,
        Some(URDU_FAMILY) => 2,
        Some(HEBREW_FAMILY) => 3,
        Some(_) => 4,
    }
}

/// A token in a block: its record in a [`ShapeCache`] (valid until the cache is emptied,
/// which happens only between blocks, in [`ShapeCache::for_style`] and [`ShapeCache::clear`]).
pub(super) type WordId = Word;

/// Shaped tokens by family, direction and text, for one font size, row height and pixel
/// density (see [`ShapeCache::for_style`]); dropped with the font atlas they point into.
/// A token is found by its hash in a table of word ids (no key allocated or followed: the
/// comparison reads the characters next to the boxes it then returns), and the layout of a
/// block keeps ids, not reference counts.
#[derive(Default)]
pub struct ShapeCache {
    style: Option<(f32, f32, f32)>,
    table: hashbrown::HashTable<Word>,
    /// Every word's characters, each with its box (left, right) in the word.
    chars: Vec<(char, f32, f32)>,
    /// Every word's ink.
    ink: Vec<InkPart>,
    /// A galley of this cache's style without rows (cloning it allocates nothing): the
    /// template of the blocks' painted galleys, with a row of it for [`WordRows::assemble`].
    template: Option<(Arc<Galley>, Arc<egui::epaint::text::Row>)>,
    /// The single space between words (half of all tokens), by direction, with its family:
    /// found without hashing.
    spaces: [Option<Word>; 2],
    /// Tokens shaped (not found in the cache) since the cache was last emptied.
    pub misses: usize,
    /// The buffers a block's layout works in, kept for the next block (see
    /// [`super::block_layout`]).
    pub(super) scratch: super::block_layout::Scratch,
}

impl ShapeCache {
    /// Start over when the font size, row height or pixels per point differ from the last
    /// layout's.
    /// Also starts over when it holds more than [`MAX_CACHED_TOKENS`].
    pub fn for_style(&mut self, font_size: f32, row_height: f32, pixels_per_point: f32) {
        let style = Some((font_size, row_height, pixels_per_point));
        if self.style != style || self.table.len() > MAX_CACHED_TOKENS {
            self.clear();
            self.style = style;
        }
    }

    /// Forget every shaped token (egui rebuilt its font atlas, or another document).
    pub fn clear(&mut self) {
        self.table.clear();
        self.chars.clear();
        self.ink.clear();
        self.template = None;
        self.spaces = [None, None];
        self.misses = 0;
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The width of a token.
    pub(super) fn width(&self, id: WordId) -> f32 {
        id.width
    }

    /// The height of a token's tallest piece.
    pub(super) fn height(&self, id: WordId) -> f32 {
        id.height
    }

    /// Read the reference counts of a token's egui rows, so that their cache lines are on
    /// their way before [`WordRows::add`] increments them. An increment is a locked
    /// instruction, which waits for its line before anything after it goes on: placing a
    /// block's words one after another would wait for each row's line in turn. These plain
    /// loads, made while the block's tokens are looked up, wait for all of them at once.
    pub(super) fn prefetch_ink(&self, id: WordId) {
        for part in self.ink_of(id) {
            std::hint::black_box(Arc::strong_count(&part.row));
        }
    }

    /// The box of each character of a token (from x = 0 at its left edge).
    pub(super) fn boxes(&self, id: WordId) -> impl Iterator<Item = (f32, f32)> + '_ {
        let start = id.chars_start as usize;
        self.chars[start..start + id.len()]
            .iter()
            .map(|&(_, left, right)| (left, right))
    }

    /// The ink of a token.
    fn ink_of(&self, id: WordId) -> &[InkPart] {
        let start = id.ink_start as usize;
        &self.ink[start..start + usize::from(id.ink_len)]
    }

    /// Keep a token just shaped: its characters and boxes, and the rows of its pieces that
    /// have pixels.
    fn insert(&mut self, hash: u64, family: u8, rtl: bool, key: &[char], shaped: Shaped) -> WordId {
        let chars_start = self.chars.len() as u32;
        self.chars.extend(
            key.iter()
                .zip(&shaped.boxes)
                .map(|(&c, &(left, right))| (c, left, right)),
        );
        let ink_start = self.ink.len() as u32;
        let mut height = 0.0_f32;
        for (px, galley) in &shaped.pieces {
            height = height.max(galley.size().y);
            if self.template.is_none()
                && let Some(first) = galley.rows.first()
            {
                let mut template = (**galley).clone();
                template.rows = Vec::new();
                self.template = Some((Arc::new(template), first.row.clone()));
            }
            for placed in &galley.rows {
                if placed.visuals.mesh.is_empty() {
                    // Whitespace: no pixels to paint.
                    continue;
                }
                let visuals = &placed.row.visuals;
                self.ink.push(InkPart {
                    x: px + placed.pos.x,
                    y: placed.pos.y,
                    height: galley.size().y,
                    mesh_bounds: visuals.mesh_bounds,
                    vertices: visuals.mesh.vertices.len() as u32,
                    indices: visuals.mesh.indices.len() as u32,
                    row: placed.row.clone(),
                });
            }
        }
        let word = Word {
            hash,
            chars_start,
            // (The characters kept, one per box: a word shorter than its key is never found.)
            len_rtl: Word::len_rtl(self.chars.len() - chars_start as usize, rtl),
            ink_start,
            width: shaped.width,
            height,
            // (More than 65,535 inked pieces in one token, a font change at nearly every
            // character of a word hundreds of thousands long, are cut there: the view never
            // panics on what a file holds.)
            ink_len: u16::try_from(self.ink.len() - ink_start as usize).unwrap_or(u16::MAX),
            family,
        };
        self.table.insert_unique(hash, word, |other| other.hash);
        word
    }
}

/// The painted galley of a block: one galley row per placed word (egui's own row of the
/// word, shared, at the word's place in the block), so that a block is painted as one text
/// shape whose off-screen words the tessellator skips, and laying it out copies no glyphs.
/// Also remembers each display row's words, for [`WordRows::assemble`].
pub(super) struct WordRows {
    template: Option<(Arc<Galley>, Arc<egui::epaint::text::Row>)>,
    pixels_per_point: f32,
    rows: Vec<egui::epaint::text::PlacedRow>,
    /// The words of the display row being placed start here in `rows`.
    row_start: usize,
    /// The mesh bounds of each word of the display row being placed (row coordinates).
    row_bounds: Vec<Rect>,
    /// Each display row: its words in `rows`, its place and its logical size.
    lines: Vec<(Range<usize>, egui::Pos2, Vec2)>,
    bounds: Rect,
    vertices: usize,
    indices: usize,
}

impl WordRows {
    /// Placing about `words` words (a block's tokens) on `lines` display rows.
    pub fn new(pixels_per_point: f32, words: usize, lines: usize) -> Self {
        Self {
            template: None,
            pixels_per_point,
            rows: Vec::with_capacity(words),
            row_start: 0,
            row_bounds: Vec::with_capacity(words),
            lines: Vec::with_capacity(lines),
            bounds: Rect::NOTHING,
            vertices: 0,
            indices: 0,
        }
    }

    fn round(&self, x: f32) -> f32 {
        round_half_away(x * self.pixels_per_point) / self.pixels_per_point
    }

    /// Place the glyphs of token `id` of `cache` on the current display row, its left edge at
    /// `x`, each piece centred in a row `row_height` tall (row coordinates, until
    /// [`Self::end_row`]). Reads the cache's arenas only: egui's rows are not touched but
    /// for their reference counts.
    pub fn add(&mut self, cache: &ShapeCache, id: WordId, x: f32, row_height: f32) {
        let parts = cache.ink_of(id);
        if parts.is_empty() {
            return;
        }
        if self.template.is_none() {
            self.template = cache.template.clone();
        }
        for part in parts {
            let pos = pos2(
                self.round(x + part.x),
                self.round((row_height - part.height) / 2.0 + part.y),
            );
            self.rows.push(egui::epaint::text::PlacedRow {
                pos,
                row: part.row.clone(),
                ends_with_newline: false,
            });
            self.row_bounds.push(part.mesh_bounds);
            self.vertices += part.vertices as usize;
            self.indices += part.indices as usize;
        }
    }

    /// Close the current display row: placed at (`left`, `top`), `size` its logical size.
    pub fn end_row(&mut self, left: f32, top: f32, size: Vec2) {
        let origin = pos2(self.round(left), top);
        for (placed, bounds) in self.rows[self.row_start..]
            .iter_mut()
            .zip(self.row_bounds.drain(..))
        {
            placed.pos = origin + placed.pos.to_vec2();
            self.bounds = self.bounds.union(bounds.translate(placed.pos.to_vec2()));
        }
        self.lines
            .push((self.row_start..self.rows.len(), origin, size));
        self.row_start = self.rows.len();
    }

    /// A galley of `rows` placed, from the template (the first word's galley, without its
    /// rows).
    fn galley(
        template: &Galley,
        rows: Vec<egui::epaint::text::PlacedRow>,
        size: Vec2,
        bounds: Rect,
        (vertices, indices): (usize, usize),
    ) -> Arc<Galley> {
        let mut galley = template.clone();
        galley.rows = rows;
        galley.elided = false;
        galley.rect = Rect::from_min_size(pos2(0.0, 0.0), size);
        galley.mesh_bounds = bounds;
        galley.num_vertices = vertices;
        galley.num_indices = indices;
        Arc::new(galley)
    }

    /// The block's painted galley (none when nothing was shaped: an empty block). Takes the
    /// placed rows: call [`Self::assemble`] first.
    pub fn finish(&mut self, size: Vec2) -> Option<Arc<Galley>> {
        let (template, _) = self.template.as_ref()?;
        Some(Self::galley(
            template,
            std::mem::take(&mut self.rows),
            size,
            self.bounds,
            (self.vertices, self.indices),
        ))
    }

    /// The same glyphs as [`Self::finish`], in the form egui lays out text: one galley row per
    /// display row, the words' glyphs, vertices and indices copied into it (what a block was
    /// painted with before its words were shared; tessellated, both give the same mesh).
    pub fn assemble(&self, size: Vec2) -> Option<Arc<Galley>> {
        let (template, first) = self.template.as_ref()?;
        let mut rows = Vec::with_capacity(self.lines.len());
        for (words, origin, row_size) in &self.lines {
            let mut row = (**first).clone();
            let mut mesh = Mesh::default();
            let mut glyphs = Vec::new();
            let mut bounds = Rect::NOTHING;
            for placed in &self.rows[words.clone()] {
                let offset = placed.pos - *origin;
                let visuals = &placed.row.visuals;
                mesh.texture_id = visuals.mesh.texture_id;
                let base = mesh.vertices.len() as u32;
                mesh.indices
                    .extend(visuals.mesh.indices.iter().map(|index| index + base));
                mesh.vertices
                    .extend(visuals.mesh.vertices.iter().map(|v| Vertex {
                        pos: v.pos + offset,
                        ..*v
                    }));
                glyphs.extend(placed.row.glyphs.iter().map(|g| {
                    let mut glyph = *g;
                    glyph.pos += offset;
                    glyph.first_vertex += base;
                    glyph
                }));
                bounds = bounds.union(visuals.mesh_bounds.translate(offset));
            }
            row.visuals = egui::epaint::text::RowVisuals {
                glyph_vertex_range: 0..mesh.vertices.len(),
                glyph_index_start: 0,
                mesh_bounds: bounds,
                mesh,
            };
            row.glyphs = glyphs;
            row.size = *row_size;
            rows.push(egui::epaint::text::PlacedRow {
                pos: *origin,
                row: Arc::new(row),
                ends_with_newline: false,
            });
        }
        Some(Self::galley(
            template,
            rows,
            size,
            self.bounds,
            (self.vertices, self.indices),
        ))
    }
}

/// Shapes the tokens of one block through a [`ShapeCache`], laying out with egui on a miss.
pub(super) struct Shaper<'a, 'b> {
    pub chars: &'a [char],
    pub style: &'a BidiStyle,
    pub shape: &'b mut dyn FnMut(LayoutJob) -> Arc<Galley>,
    pub cache: &'b mut ShapeCache,
}

impl Shaper<'_, '_> {
    /// The token `range` (one direction, no change between whitespace and other characters
    /// inside), from the cache or shaped now.
    pub fn token(&mut self, range: Range<usize>, rtl: bool) -> WordId {
        let family = family_code(self.family_name(&range, rtl));
        let key = &self.chars[range.clone()];
        let space = key == [' '];
        if space
            && let Some(word) = self.cache.spaces[usize::from(rtl)]
            && word.family == family
        {
            return word;
        }
        // (The family, a function of the characters and the block's script, is compared only.)
        let hash = key_hash(rtl, key);
        let ShapeCache { table, chars, .. } = &mut *self.cache;
        let len_rtl = Word::len_rtl(key.len(), rtl);
        let found = table.find(hash, |word| {
            word.len_rtl == len_rtl
                && word.family == family
                && chars
                    .get(word.chars_start as usize..word.chars_start as usize + key.len())
                    .is_some_and(|c| c.iter().zip(key).all(|(a, b)| a.0 == *b))
        });
        let id = match found {
            Some(word) => *word,
            None => {
                let shaped = self.run(range.clone(), rtl);
                self.cache.misses += 1;
                self.cache
                    .insert(hash, family, rtl, &self.chars[range], shaped)
            }
        };
        if space {
            self.cache.spaces[usize::from(rtl)] = Some(id);
        }
        id
    }

    fn job(&self, text: String, family: FontFamily) -> LayoutJob {
        let nastaliq = family == FontFamily::Name(super::fonts::URDU_FAMILY.into());
        let format = egui::TextFormat {
            font_id: FontId::new(self.style.font_size, family),
            color: Color32::PLACEHOLDER,
            // Nastaliq reaches far above and below other scripts: its rows are taller.
            line_height: Some(if nastaliq {
                self.style.urdu_row_height
            } else {
                self.style.row_height
            }),
            valign: egui::Align::Center,
            ..Default::default()
        };
        let mut job = LayoutJob::single_section(text, format);
        job.wrap.max_width = f32::INFINITY;
        job
    }

    /// The family a token is shaped in: its script's (a right-to-left token, or digits of
    /// that script in a left-to-right run), else egui's proportional one (`None`).
    fn family_name(&self, range: &Range<usize>, rtl: bool) -> Option<&'static str> {
        if !self.style.rtl_families {
            return None;
        }
        let first = self.chars[range.clone()]
            .iter()
            .find(|c| matches!(class_of(**c), BidiClass::R | BidiClass::AL | BidiClass::AN))
            .copied();
        match (first, rtl) {
            (Some(c), _) => Some(super::fonts::family_name_for(c, self.style.urdu)),
            (None, true) => Some(super::fonts::family_name_for('\u{0627}', self.style.urdu)),
            (None, false) => None,
        }
    }

    fn family(&self, range: &Range<usize>, rtl: bool) -> FontFamily {
        match self.family_name(range, rtl) {
            Some(name) => FontFamily::Name(name.into()),
            None => FontFamily::Proportional,
        }
    }

    /// Shape a run of one direction: whole if egui shapes it as one run, else in pieces.
    fn run(&mut self, range: Range<usize>, rtl: bool) -> Shaped {
        if let Some(shaped) = self.whole(range.clone(), rtl) {
            return shaped;
        }
        // Pieces: right-to-left letters together (so they still join), everything else alone
        // (a bracket or a sign the script's font lacks, which egui took from another font).
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

/// `x.round()` (half away from zero), without the call to the C library's `roundf` that
/// `f32::round` makes on a baseline x86-64 build: two of them per word placed. Exact for
/// every `f32` (a test compares the two): below 2^23 the integer part is exact in an `i32`
/// and the fraction exact in the subtraction; from 2^23 on, an `f32` is an integer already.
pub(super) fn round_half_away(x: f32) -> f32 {
    if x.is_nan() || x.abs() >= 8_388_608.0 {
        return x.round(); // (large, infinite or not a number: rare)
    }
    let whole = x as i32 as f32;
    let fraction = x - whole;
    if fraction >= 0.5 {
        whole + 1.0
    } else if fraction <= -0.5 {
        whole - 1.0
    } else {
        whole.copysign(x) // (-0.3 rounds to -0)
    }
}

/// The hash of a token: its direction and characters, a multiply and a rotation a character
/// (as rustc's FxHash), the result folded once so that its high bits (hashbrown's tag) and its
/// low bits (the bucket) both depend on every character. (A fixed hash, as before: a text
/// made to collide costs only look-up time.)
fn key_hash(rtl: bool, key: &[char]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = u64::from(rtl);
    for &c in key {
        h = (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(K);
    }
    let m = u128::from(h ^ key.len() as u64) * 0x9e37_79b9_7f4a_7c15;
    (m >> 64) as u64 ^ m as u64
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
        class_of(c),
        BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN
    )
}

fn is_mark(c: char) -> bool {
    matches!(class_of(c), BidiClass::NSM | BidiClass::BN)
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
