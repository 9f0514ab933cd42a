//! Layout: display blocks to galleys, the scroll anchor, caret geometry and row moves.

use std::ops::Range;
use std::sync::Arc;

use egui::{Color32, FontId, Rect};

use super::block_layout::{BidiLayout, BidiStyle, BlockLayout, layout_bidi_words};
use super::{
    BidiKey, RowMove, SCROLLBAR_WIDTH, ScrollAnchor, Selection, TextView, ViewSelection, fonts,
};
use crate::model::AnnotationSet;
use crate::model::bidi::{self, Direction};

/// Characters of right-to-left blocks kept laid out across frames (about 1 MB: some twenty
/// screens around the one shown).
pub(super) const MAX_CACHED_BIDI_CHARS: usize = 40_000;

impl TextView {
    pub(super) fn wrap_width(&self, available: f32) -> f32 {
        // A comfortable measure: about 75 characters, never wider than the window.
        (available - 2.0 * self.margin)
            .min(self.font_size * 38.0)
            .max(self.font_size * 8.0)
    }

    /// The layout of a block. Within a frame each block is laid out once. A block without
    /// right-to-left characters is one egui galley, and across frames egui's galley cache
    /// answers (it also drops galleys when the font atlas is rebuilt, which a cache of our own
    /// would not notice). A block with them is laid out by [`layout_bidi_words`] and kept across
    /// frames in a cache of our own, dropped when the atlas or the style changes.
    pub(super) fn layout(
        &mut self,
        ui: &egui::Ui,
        set: &AnnotationSet,
        block: usize,
        wrap: f32,
    ) -> BlockLayout {
        if let Some(layout) = self.cache.get(&block) {
            return layout.clone();
        }
        let text = set.text();
        let bytes = text.blocks()[block].bytes.clone();
        let block_text = &text.as_str()[bytes];
        let layout = if bidi::has_rtl(block_text) {
            BlockLayout::Bidi(self.bidi_layout(ui, set, block, wrap))
        } else {
            let format = egui::TextFormat {
                font_id: FontId::proportional(self.font_size),
                color: Color32::PLACEHOLDER,
                line_height: Some(self.row_height()),
                valign: egui::Align::Center,
                ..Default::default()
            };
            let mut job = egui::text::LayoutJob::single_section(block_text.to_string(), format);
            job.wrap.max_width = wrap;
            BlockLayout::Plain(ui.painter().layout_job(job))
        };
        self.stats.blocks_laid_out += 1;
        self.cache.insert(block, layout.clone());
        layout
    }

    /// A block with right-to-left characters, from our cache or laid out now.
    fn bidi_layout(
        &mut self,
        ui: &egui::Ui,
        set: &AnnotationSet,
        block: usize,
        wrap: f32,
    ) -> Arc<BidiLayout> {
        let text = set.text();
        let blocks = text.blocks();
        let block_text = &text.as_str()[blocks[block].bytes.clone()];
        let found = fonts::FoundFonts::on_this_system();
        let rtl_families = ui.ctx().fonts(|f| {
            f.definitions()
                .families
                .contains_key(&egui::FontFamily::Name(fonts::ARABIC_FAMILY.into()))
        });
        // The document's direction setting, not the direction it resolves to: the text never
        // changes, so a block's resolved direction follows from the setting, and a block
        // drawn from the cache needs no look at the start of its line.
        let key = BidiKey {
            font_size: self.font_size,
            row_height: self.row_height(),
            wrap,
            direction: set.document.direction,
            rtl_families,
            pixels_per_point: ui.ctx().pixels_per_point(),
        };
        if let Some((cached_key, layout)) = self.bidi_cache.get(&block)
            && *cached_key == key
        {
            return layout.clone();
        }
        let direction = self.line_direction(set, block);
        let urdu = rtl_families && found.urdu.is_some() && fonts::looks_urdu(block_text);
        let style = BidiStyle {
            font_size: self.font_size,
            row_height: self.row_height(),
            wrap,
            direction,
            rtl_families,
            urdu,
            urdu_row_height: if urdu {
                self.urdu_row_height(ui)
            } else {
                self.row_height()
            },
            pixels_per_point: ui.ctx().pixels_per_point(),
        };
        let ctx = ui.ctx().clone();
        let layout = Arc::new(layout_bidi_words(
            block_text,
            &style,
            &mut self.shapes,
            &mut |job| ctx.fonts_mut(|f| f.layout_job(job)),
        ));
        self.stats.bidi_blocks_built += 1;
        // About 20 bytes a character (boxes, and a placed row per word; the glyphs are the
        // shape cache's, shared): a budget of characters
        // rather than of blocks, so that reading a whole long article through does not keep
        // it all. Past it, the blocks farthest from this one go (a quarter of the budget at a
        // time): what is kept is what scrolling back shows, and its memory stays warm.
        if let Some((_, old)) = self.bidi_cache.insert(block, (key, layout.clone())) {
            self.bidi_cached_chars -= old.char_count;
        }
        self.bidi_cached_chars += layout.char_count;
        if self.bidi_cached_chars > MAX_CACHED_BIDI_CHARS {
            let mut by_distance: Vec<(usize, usize, usize)> = self
                .bidi_cache
                .iter()
                .map(|(&b, (_, l))| (b.abs_diff(block), b, l.char_count))
                .collect();
            by_distance.sort_unstable_by(|a, b| b.cmp(a));
            for (_, far, chars) in by_distance {
                if self.bidi_cached_chars <= MAX_CACHED_BIDI_CHARS * 3 / 4 || far == block {
                    break;
                }
                self.bidi_cache.remove(&far);
                self.bidi_cached_chars -= chars;
            }
        }
        layout
    }

    /// The direction to lay `block` out in: the document's, unless it is `auto` and the block
    /// is a piece of a long line, which takes its direction from the line's start (the first
    /// strong character there). A neighbouring piece of the same line laid out already knows
    /// it, so scrolling through a long line looks one block away, not back to the line's
    /// start; only a block reached by a jump walks back (once, when it is laid out).
    fn line_direction(&mut self, set: &AnnotationSet, block: usize) -> Direction {
        let setting = set.document.direction;
        let text = set.text();
        let blocks = text.blocks();
        if setting != Direction::Auto || !blocks[block].continues_line {
            return setting;
        }
        // A piece after the line's first (the block above continues the line when this one
        // is not its second piece; the block below, when it continues this one) was laid out
        // in the line's resolved direction.
        let resolved_by_neighbour = |neighbour: usize| {
            blocks.get(neighbour).filter(|b| b.continues_line)?;
            let (key, layout) = self.bidi_cache.get(&neighbour)?;
            (key.direction == setting).then_some(if layout.rtl {
                Direction::Rtl
            } else {
                Direction::Ltr
            })
        };
        // The piece above (scrolling down) or below (scrolling up).
        if let Some(direction) =
            resolved_by_neighbour(block - 1).or_else(|| resolved_by_neighbour(block + 1))
        {
            self.stats.line_starts_walked += 1;
            return direction;
        }
        let mut first = block;
        while first > 0 && blocks[first].continues_line {
            first -= 1;
            self.stats.line_starts_walked += 1;
        }
        let line_start = &text.as_str()[blocks[first].bytes.clone()];
        if bidi::first_strong_is_rtl(line_start) {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// Drop our own laid-out blocks and shaped words when egui rebuilt its font atlas (their
    /// glyphs point into the old one): the atlas fills less than before, or the fonts changed
    /// (the right-to-left fonts given to egui in the first frame take effect in the next one,
    /// with a new atlas that may well be fuller than the first).
    pub(super) fn check_atlas(&mut self, ui: &egui::Ui) {
        let (fill, fonts) = ui
            .ctx()
            .fonts(|f| (f.font_atlas_fill_ratio(), f.definitions().font_data.len()));
        if fill < self.atlas_fill || fonts != self.font_count {
            self.bidi_cache.clear();
            self.bidi_cached_chars = 0;
            self.shapes.clear();
            self.atlas_drops += 1;
        }
        self.atlas_fill = fill;
        self.font_count = fonts;
    }

    /// Row height for text set in Nastaliq: the normal row's room for underlines and tags
    /// around the Nastaliq font's own height (its ascent and descent, far larger than other
    /// scripts'), so that its rows do not touch.
    fn urdu_row_height(&self, ui: &egui::Ui) -> f32 {
        let (nastaliq, normal) = ui.ctx().fonts_mut(|f| {
            (
                f.row_height(&FontId::new(
                    self.font_size,
                    egui::FontFamily::Name(fonts::URDU_FAMILY.into()),
                )),
                f.row_height(&FontId::proportional(self.font_size)),
            )
        });
        (self.row_height() + (nastaliq - normal).max(0.0)).round()
    }

    /// Row height: room under the glyphs for stacked span underlines.
    pub fn row_height(&self) -> f32 {
        let factor = if self.label_tags { 2.6 } else { 1.9 };
        (self.font_size * factor).round()
    }

    pub(super) fn height(
        &mut self,
        ui: &egui::Ui,
        set: &AnnotationSet,
        block: usize,
        wrap: f32,
    ) -> f32 {
        self.layout(ui, set, block, wrap)
            .size()
            .y
            .max(self.row_height())
            + self.room_above(block)
    }

    /// Room above block `block` for the label names of its first row, which sit above their
    /// text: the article's first block has nothing above it, so the view's edge cut them.
    /// Every other block has the gap after the one before.
    pub(super) fn room_above(&self, block: usize) -> f32 {
        if block == 0 && self.label_tags {
            ((self.font_size * 0.6).max(8.0) * 1.4 + 2.0).round()
        } else {
            0.0
        }
    }

    /// Move the anchor so that its offset lies within its block, laying out only the blocks
    /// it passes.
    pub(super) fn normalize_anchor(&mut self, ui: &egui::Ui, set: &AnnotationSet, wrap: f32) {
        let last = set.text().blocks().len().saturating_sub(1);
        self.anchor.block = self.anchor.block.min(last);
        while self.anchor.offset < 0.0 {
            if self.anchor.block == 0 {
                self.anchor.offset = 0.0;
                break;
            }
            self.anchor.block -= 1;
            self.anchor.offset += self.height(ui, set, self.anchor.block, wrap);
        }
        loop {
            let height = self.height(ui, set, self.anchor.block, wrap);
            if self.anchor.offset < height || self.anchor.block >= last {
                break;
            }
            self.anchor.offset -= height;
            self.anchor.block += 1;
        }
        // Do not scroll past the end: the last block's bottom stays at or below the bottom edge.
        let view_height = self.viewport.height();
        let mut below = -self.anchor.offset;
        let mut block = self.anchor.block;
        while block <= last && below < view_height {
            below += self.height(ui, set, block, wrap);
            block += 1;
        }
        if below < view_height {
            self.anchor.offset -= view_height - below;
            if self.anchor.offset < 0.0 {
                // Walk up again (bounded by the viewport height).
                while self.anchor.offset < 0.0 && self.anchor.block > 0 {
                    self.anchor.block -= 1;
                    self.anchor.offset += self.height(ui, set, self.anchor.block, wrap);
                }
                self.anchor.offset = self.anchor.offset.max(0.0);
            }
        }
    }

    /// Top-left of the column for a viewport.
    pub(super) fn column_left(&self, rect: Rect, wrap: f32) -> f32 {
        let free = rect.width() - SCROLLBAR_WIDTH - wrap;
        rect.left() + (free / 2.0).max(self.margin.min(free.max(0.0)))
    }

    pub(super) fn apply_row_move(
        &mut self,
        ui: &egui::Ui,
        set: &AnnotationSet,
        state: &mut ViewSelection,
        wrap: f32,
    ) {
        let Some(row_move) = self.pending_row_move.take() else {
            return;
        };
        let text = set.text();
        let blocks = text.blocks();
        let cursor = state.selection.cursor.min(text.char_len());
        let block = text.block_at(cursor);
        let start = blocks[block].chars.start;
        let layout = self.layout(ui, set, block, wrap);
        let local = self.ccursor(cursor, start);
        let row = layout.row_of(local.index.0, local.prefer_next_row);
        let x = match self.goal_x {
            Some((at, x)) if at == cursor => x,
            _ => {
                layout
                    .caret_rect(local.index.0, local.prefer_next_row)
                    .center()
                    .x
            }
        };
        let last_row = layout.row_count().saturating_sub(1);
        let in_block = |block: usize, (local, prefer): (usize, bool)| {
            (blocks[block].chars.start + local, prefer)
        };
        let (target, prefer_next_row) = match row_move {
            RowMove::Down if row < last_row => in_block(block, layout.caret_in_row(row + 1, x)),
            RowMove::Down if block + 1 < blocks.len() => {
                let next = self.layout(ui, set, block + 1, wrap);
                in_block(block + 1, next.caret_in_row(0, x))
            }
            RowMove::Down => (text.char_len(), true),
            RowMove::Up if row > 0 => in_block(block, layout.caret_in_row(row - 1, x)),
            RowMove::Up if block > 0 => {
                let previous = self.layout(ui, set, block - 1, wrap);
                let last = previous.row_count().saturating_sub(1);
                in_block(block - 1, previous.caret_in_row(last, x))
            }
            RowMove::Up => (0, true),
            RowMove::RowStart => {
                let (begin, _) = layout.row_bounds(local.index.0, local.prefer_next_row);
                (start + begin, true)
            }
            RowMove::RowEnd => {
                let (_, end) = layout.row_bounds(local.index.0, local.prefer_next_row);
                (start + end, false)
            }
        };
        self.goal_x = matches!(row_move, RowMove::Up | RowMove::Down).then_some((target, x));
        self.affinity = Some((target, prefer_next_row));
        if self.row_move_extends {
            state.selection.cursor = target;
        } else {
            state.selection = Selection::caret(target);
        }
        state.selected_span = None;
        self.pending_reveal = Some(target..target);
    }

    pub(super) fn apply_reveal(&mut self, ui: &egui::Ui, set: &AnnotationSet, wrap: f32) {
        let Some(range) = self.pending_reveal.take() else {
            return;
        };
        let text = set.text();
        if text.blocks().is_empty() {
            return;
        }
        // Already fully on screen (judged from the last frame)? Then do not move.
        if let (Some(first), Some(last)) = (self.visible.first(), self.visible.last()) {
            let top = first.origin.y;
            let bottom = last.origin.y + last.layout.size().y;
            if let (Some(a), Some(b)) = (
                self.offset_y(text, range.start),
                self.offset_y(text, range.end),
            ) && a >= self.viewport.top().max(top)
                && b + self.row_height() <= self.viewport.bottom().min(bottom + 1.0)
            {
                return;
            }
        }
        let block = text.block_at(range.start);
        let layout = self.layout(ui, set, block, wrap);
        let local = range.start.saturating_sub(text.blocks()[block].chars.start);
        let y = layout.caret_rect(local, false).top();
        self.anchor = ScrollAnchor {
            block,
            offset: y - self.viewport.height() / 3.0,
        };
    }

    /// Screen y of a character offset, if its block was painted in the last frame.
    pub(super) fn offset_y(&self, text: &crate::model::Text, offset: usize) -> Option<f32> {
        let block = text.block_at(offset);
        let visible = self.visible.iter().find(|v| v.index == block)?;
        let local = offset.saturating_sub(text.blocks()[block].chars.start);
        Some(visible.origin.y + visible.layout.caret_rect(local, false).top())
    }

    /// Whether the character at `offset` reads right to left (its block's visual runs).
    pub fn is_rtl_at(&self, set: &AnnotationSet, offset: usize) -> bool {
        let text = set.text();
        if offset >= text.char_len() {
            return false;
        }
        let block = text.block_at(offset);
        let chars = &text.blocks()[block].chars;
        if !chars.contains(&offset) {
            return false;
        }
        if let Some(visible) = self.visible.iter().find(|v| v.index == block) {
            return visible.layout.is_rtl_at(offset - chars.start);
        }
        let block_text = text.slice(chars.clone());
        if !bidi::has_rtl(block_text) {
            return false;
        }
        let paragraph = bidi::Paragraph::new(block_text, set.document.direction);
        paragraph.levels()[offset - chars.start] % 2 == 1
    }

    /// The caret after one step of the Left (`left`) or Right arrow from `offset`, as desktop
    /// editors move it: towards that side on screen, so in right-to-left text Left goes on to
    /// the next character of the text and Right back to the previous one.
    pub fn arrow_step(&self, set: &AnnotationSet, offset: usize, left: bool) -> usize {
        let len = set.text().char_len();
        // The character the caret passes over decides (before the caret for a step back).
        let forward_char = offset.min(len.saturating_sub(1));
        let backward_char = offset.saturating_sub(1);
        let rtl = if left {
            self.is_rtl_at(set, forward_char)
        } else {
            self.is_rtl_at(set, backward_char)
        };
        if left != rtl {
            offset.saturating_sub(1)
        } else {
            (offset + 1).min(len)
        }
    }

    /// Screen rectangles covering the code points `range` in the blocks painted in the last
    /// frame (what a span's tint covers): one per row, or per visually contiguous piece of a
    /// row that mixes directions.
    pub fn range_rects_on_screen(&self, set: &AnnotationSet, range: Range<usize>) -> Vec<Rect> {
        let blocks = set.text().blocks();
        let mut rects = Vec::new();
        for visible in &self.visible {
            let chars = &blocks[visible.index].chars;
            if range.end <= chars.start || range.start >= chars.end.max(chars.start + 1) {
                continue;
            }
            let local = range.start.saturating_sub(chars.start)
                ..range.end.min(chars.end).saturating_sub(chars.start);
            rects.extend(
                visible
                    .layout
                    .range_rects(local, self.font_size)
                    .into_iter()
                    .map(|r| r.translate(visible.origin.to_vec2())),
            );
        }
        rects
    }

    /// Screen rectangle of the caret before code point `offset`, if on screen. At a row
    /// wrap, the start of the next row (unless the caret was put at the row's end).
    pub fn caret_rect(&self, set: &AnnotationSet, offset: usize) -> Option<Rect> {
        let start = set.text().blocks()[set.text().block_at(offset)].chars.start;
        let prefer_next_row = self.ccursor(offset, start).prefer_next_row;
        self.caret_rect_on(set, offset, prefer_next_row)
    }

    /// [`Self::caret_rect`] on the row chosen at a wrap: the next one, or the one ending there.
    pub(super) fn caret_rect_on(
        &self,
        set: &AnnotationSet,
        offset: usize,
        prefer_next_row: bool,
    ) -> Option<Rect> {
        let text = set.text();
        let block = text.block_at(offset);
        let visible = self.visible.iter().find(|v| v.index == block)?;
        let local = offset.saturating_sub(text.blocks()[block].chars.start);
        let r = visible.layout.caret_rect(local, prefer_next_row);
        Some(r.translate(visible.origin.to_vec2()))
    }

    /// The galley cursor for the caret at `offset` in a block starting at `block_start`.
    pub(super) fn ccursor(&self, offset: usize, block_start: usize) -> egui::text::CCursor {
        egui::text::CCursor {
            index: offset.saturating_sub(block_start).into(),
            prefer_next_row: match self.affinity {
                Some((at, prefer)) if at == offset => prefer,
                _ => true,
            },
        }
    }
}
