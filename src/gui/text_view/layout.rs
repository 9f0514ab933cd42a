//! Layout: display blocks to galleys, the scroll anchor, caret geometry and row moves.

use std::ops::Range;
use std::sync::Arc;

use egui::{Color32, FontId, Galley, Rect, pos2};

use super::{RowMove, SCROLLBAR_WIDTH, ScrollAnchor, Selection, TextView, ViewSelection};
use crate::model::AnnotationSet;

impl TextView {
    pub(super) fn wrap_width(&self, available: f32) -> f32 {
        // A comfortable measure: about 75 characters, never wider than the window.
        (available - 2.0 * self.margin)
            .min(self.font_size * 38.0)
            .max(self.font_size * 8.0)
    }

    /// The galley of a block. Within a frame each block is laid out once; across frames egui's
    /// galley cache answers (it also drops galleys when the font atlas is rebuilt, which a
    /// cache of our own would not notice).
    pub(super) fn galley(
        &mut self,
        ui: &egui::Ui,
        set: &AnnotationSet,
        block: usize,
        wrap: f32,
    ) -> Arc<Galley> {
        if let Some(galley) = self.cache.get(&block) {
            return galley.clone();
        }
        let text = set.text();
        let bytes = text.blocks()[block].bytes.clone();
        let block_text = text.as_str()[bytes].to_string();
        let format = egui::TextFormat {
            font_id: FontId::proportional(self.font_size),
            color: Color32::PLACEHOLDER,
            line_height: Some(self.row_height()),
            valign: egui::Align::Center,
            ..Default::default()
        };
        let mut job = egui::text::LayoutJob::single_section(block_text, format);
        job.wrap.max_width = wrap;
        let galley = ui.painter().layout_job(job);
        self.stats.blocks_laid_out += 1;
        self.cache.insert(block, galley.clone());
        galley
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
        self.galley(ui, set, block, wrap)
            .size()
            .y
            .max(self.row_height())
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
        let galley = self.galley(ui, set, block, wrap);
        let local = self.ccursor(cursor, start);
        let row = galley.layout_from_cursor(local).row;
        let x = match self.goal_x {
            Some((at, x)) if at == cursor => x,
            _ => galley.pos_from_cursor(local).center().x,
        };
        // The caret in a galley's row nearest to x (and whether it sits at the row's start).
        let at_x = |galley: &Galley, row: usize| {
            galley.rows.get(row).map_or((0, true), |r| {
                let c = galley.cursor_from_pos(egui::vec2(x, r.pos.y + r.height() / 2.0));
                (c.index.0, c.prefer_next_row)
            })
        };
        let last_row = galley.rows.len().saturating_sub(1);
        let in_block = |block: usize, (local, prefer): (usize, bool)| {
            (blocks[block].chars.start + local, prefer)
        };
        let (target, prefer_next_row) = match row_move {
            RowMove::Down if row < last_row => in_block(block, at_x(&galley, row + 1)),
            RowMove::Down if block + 1 < blocks.len() => {
                let next = self.galley(ui, set, block + 1, wrap);
                in_block(block + 1, at_x(&next, 0))
            }
            RowMove::Down => (text.char_len(), true),
            RowMove::Up if row > 0 => in_block(block, at_x(&galley, row - 1)),
            RowMove::Up if block > 0 => {
                let previous = self.galley(ui, set, block - 1, wrap);
                let last = previous.rows.len().saturating_sub(1);
                in_block(block - 1, at_x(&previous, last))
            }
            RowMove::Up => (0, true),
            RowMove::RowStart => (start + galley.cursor_begin_of_row(&local).index.0, true),
            RowMove::RowEnd => (start + galley.cursor_end_of_row(&local).index.0, false),
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
            let bottom = last.origin.y + last.galley.size().y;
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
        let galley = self.galley(ui, set, block, wrap);
        let local = range.start.saturating_sub(text.blocks()[block].chars.start);
        let y = galley
            .pos_from_cursor(egui::text::CCursor::new(local))
            .top();
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
        Some(
            visible.origin.y
                + visible
                    .galley
                    .pos_from_cursor(egui::text::CCursor::new(local))
                    .top(),
        )
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
        let r = visible.galley.pos_from_cursor(egui::text::CCursor {
            index: local.into(),
            prefer_next_row,
        });
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
