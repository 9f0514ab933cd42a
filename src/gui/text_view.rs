//! The article view: draws only the blocks on screen, whatever the length of the article.
//!
//! - The text is cut into display blocks (see [`crate::model::text::Block`]). Each block is laid
//!   out alone, as plain text, and its galley is kept while it is on screen. Highlights are
//!   painted as shapes from glyph positions, so adding or removing a span never lays text out
//!   again and never changes a block's height.
//! - The scroll position is an anchor: a block and the pixels of it above the top edge. Heights
//!   of blocks above the anchor are never needed, so nothing above can shift what is shown.
//!   The scroll bar maps the anchor to a fraction of the characters.
//! - Pointer to character: one block's galley, then the span index.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::{
    Align2, Color32, CornerRadius, CursorIcon, FontId, Galley, Id, Pos2, Rect, Sense, Stroke,
    StrokeKind, Vec2, pos2, vec2,
};

use crate::model::schema::parse_hex_color;
use crate::model::span::{Review, Span, SpanId};
use crate::model::{AnnotationSet, words};

/// A text selection in code points: `anchor` stays where it started, `cursor` moves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub cursor: usize,
}

impl Selection {
    pub fn caret(offset: usize) -> Self {
        Self {
            anchor: offset,
            cursor: offset,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.cursor)..self.anchor.max(self.cursor)
    }

    pub fn is_empty(&self) -> bool {
        self.anchor == self.cursor
    }
}

/// The top of the viewport: `offset` pixels into block `block`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ScrollAnchor {
    pub block: usize,
    pub offset: f32,
}

/// What the last frame did, for tests and the benchmark.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrameStats {
    /// Blocks laid out (galley built) in the frame.
    pub blocks_laid_out: usize,
    /// Blocks painted in the frame.
    pub blocks_painted: usize,
    /// First and last block painted.
    pub first_block: usize,
    pub last_block: usize,
    /// Spans painted.
    pub spans_painted: usize,
    /// Label names painted above spans.
    pub tags_painted: usize,
}

/// The state a view shows and edits: the selection and the selected span.
#[derive(Clone, Debug, Default)]
pub struct ViewSelection {
    pub selection: Selection,
    pub selected_span: Option<SpanId>,
}

/// What the user did in the view that changes annotations: the app turns it into an edit.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewAction {
    /// A span boundary was dragged: give span `span_id` the range.
    MoveSpan {
        span_id: SpanId,
        range: Range<usize>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Gesture {
    /// Selecting text from `anchor`; `moved` once the pointer left the press point.
    Select {
        anchor: usize,
        moved: bool,
        press: Pos2,
    },
    /// Dragging one boundary of a span.
    Boundary {
        span_id: SpanId,
        start_side: bool,
        offset: usize,
    },
}

/// Moving the caret by what is on screen: rows as laid out, not characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowMove {
    Up,
    Down,
    RowStart,
    RowEnd,
}

struct VisibleBlock {
    index: usize,
    origin: Pos2,
    galley: Arc<Galley>,
}

pub struct TextView {
    pub font_size: f32,
    pub anchor: ScrollAnchor,
    pub word_snapping: bool,
    pub stats: FrameStats,
    /// Pixels between the column and the window edge.
    pub margin: f32,
    /// Label names painted above the spans (rows are taller to make room).
    pub label_tags: bool,
    /// Find matches to highlight (sorted), and the one gone to.
    pub found: Arc<Vec<Range<usize>>>,
    pub found_current: Option<Range<usize>>,
    /// Galleys of the blocks used in the current frame.
    cache: HashMap<usize, Arc<Galley>>,
    /// The first on-screen rectangle of each span painted in the last frame.
    span_rects: HashMap<SpanId, Rect>,
    /// While linking: the span the new link starts from (a line follows the pointer).
    pub linking_from: Option<SpanId>,
    pending_reveal: Option<Range<usize>>,
    /// A caret move by visual row waiting for this frame's layout.
    pending_row_move: Option<RowMove>,
    row_move_extends: bool,
    /// The x the caret keeps while moving up and down: (the caret it was set for, x).
    goal_x: Option<(usize, f32)>,
    /// A caret at a row wrap belongs to the next row, except after End (or a move that
    /// landed at a row's end): (the caret it was set for, prefers the next row).
    affinity: Option<(usize, bool)>,
    gesture: Option<Gesture>,
    visible: Vec<VisibleBlock>,
    viewport: Rect,
    has_focus: bool,
}

impl Default for TextView {
    fn default() -> Self {
        Self {
            font_size: 16.0,
            anchor: ScrollAnchor::default(),
            word_snapping: true,
            stats: FrameStats::default(),
            margin: 24.0,
            label_tags: true,
            found: Arc::new(Vec::new()),
            found_current: None,
            cache: HashMap::new(),
            span_rects: HashMap::new(),
            linking_from: None,
            pending_reveal: None,
            pending_row_move: None,
            row_move_extends: false,
            goal_x: None,
            affinity: None,
            gesture: None,
            visible: Vec::new(),
            viewport: Rect::NOTHING,
            has_focus: true,
        }
    }
}

const SCROLLBAR_WIDTH: f32 = 12.0;

impl TextView {
    /// Forget the laid-out text (a new document).
    pub fn reset(&mut self) {
        self.cache.clear();
        self.anchor = ScrollAnchor::default();
        self.visible.clear();
        self.gesture = None;
        self.pending_reveal = None;
        self.found_current = None;
    }

    /// Bring `range` on screen in the next frame (if it is not already).
    pub fn reveal(&mut self, range: Range<usize>) {
        self.pending_reveal = Some(range);
    }

    /// Move the caret a visual row up or down, or to its row's start or end, in the next
    /// frame's layout (`extend` keeps the selection's anchor). Up and down keep the caret's x
    /// across rows, blocks and short lines, as text editors do.
    pub fn move_by_row(&mut self, row_move: RowMove, extend: bool) {
        self.pending_row_move = Some(row_move);
        self.row_move_extends = extend;
    }

    /// Scroll by `pixels` (positive: down).
    pub fn scroll_by(&mut self, pixels: f32) {
        self.anchor.offset += pixels;
    }

    /// The viewport height of the last frame.
    pub fn page_height(&self) -> f32 {
        self.viewport.height().max(100.0)
    }

    /// Blocks laid out in the last frame.
    pub fn blocks_touched(&self) -> usize {
        self.cache.len()
    }

    /// The code point range shown in the last frame (approximately: whole blocks).
    pub fn visible_chars(&self, set: &AnnotationSet) -> Range<usize> {
        let blocks = set.text().blocks();
        match (self.visible.first(), self.visible.last()) {
            (Some(first), Some(last)) => {
                blocks[first.index].chars.start..blocks[last.index].chars.end
            }
            _ => 0..0,
        }
    }

    fn wrap_width(&self, available: f32) -> f32 {
        // A comfortable measure: about 75 characters, never wider than the window.
        (available - 2.0 * self.margin)
            .min(self.font_size * 38.0)
            .max(self.font_size * 8.0)
    }

    /// The galley of a block. Within a frame each block is laid out once; across frames egui's
    /// galley cache answers (it also drops galleys when the font atlas is rebuilt, which a
    /// cache of our own would not notice).
    fn galley(
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

    fn height(&mut self, ui: &egui::Ui, set: &AnnotationSet, block: usize, wrap: f32) -> f32 {
        self.galley(ui, set, block, wrap)
            .size()
            .y
            .max(self.row_height())
    }

    /// Move the anchor so that its offset lies within its block, laying out only the blocks
    /// it passes.
    fn normalize_anchor(&mut self, ui: &egui::Ui, set: &AnnotationSet, wrap: f32) {
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
    fn column_left(&self, rect: Rect, wrap: f32) -> f32 {
        let free = rect.width() - SCROLLBAR_WIDTH - wrap;
        rect.left() + (free / 2.0).max(self.margin.min(free.max(0.0)))
    }

    fn apply_row_move(
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

    fn apply_reveal(&mut self, ui: &egui::Ui, set: &AnnotationSet, wrap: f32) {
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
    fn offset_y(&self, text: &crate::model::Text, offset: usize) -> Option<f32> {
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

    /// The caret offset nearest to `pos`, from the blocks painted this frame.
    pub fn offset_at(&self, set: &AnnotationSet, pos: Pos2) -> Option<usize> {
        let blocks = set.text().blocks();
        let first = self.visible.first()?;
        if pos.y < first.origin.y {
            return Some(blocks[first.index].chars.start);
        }
        for visible in &self.visible {
            let bottom = visible.origin.y + visible.galley.size().y.max(self.row_height());
            if pos.y < bottom {
                let cursor = visible.galley.cursor_from_pos(pos - visible.origin);
                return Some(blocks[visible.index].chars.start + cursor.index.0);
            }
        }
        self.visible.last().map(|last| blocks[last.index].chars.end)
    }

    /// The character whose glyph is under `pos` (not the nearest caret position).
    pub fn char_at(&self, set: &AnnotationSet, pos: Pos2) -> Option<usize> {
        let blocks = set.text().blocks();
        let visible = self.visible.iter().find(|v| {
            let r = Rect::from_min_size(v.origin, v.galley.size());
            r.contains(pos)
        })?;
        let local = pos - visible.origin;
        let mut index = 0;
        for row in &visible.galley.rows {
            let count = row.char_count_excluding_newline().0;
            if local.y >= row.pos.y && local.y < row.pos.y + row.height() {
                let x = local.x - row.pos.x;
                return row
                    .glyphs
                    .iter()
                    .position(|g| x >= g.pos.x && x < g.max_x())
                    .map(|i| blocks[visible.index].chars.start + index + i);
            }
            index += count + usize::from(row.ends_with_newline);
        }
        None
    }

    /// Draw the view in `rect` of `ui` and handle the pointer. Returns span edits to make.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        set: &AnnotationSet,
        state: &mut ViewSelection,
    ) -> Vec<ViewAction> {
        let mut actions = Vec::new();
        self.cache.clear();
        self.stats = FrameStats::default();
        let rect = ui.available_rect_before_wrap();
        self.viewport = rect;
        let id = Id::unique("newsmark-text-view");
        let response = ui.interact(rect, id, Sense::click_and_drag());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Article text"));
        let text_rect = Rect::from_min_max(
            rect.min,
            pos2(rect.right() - SCROLLBAR_WIDTH, rect.bottom()),
        );
        let wrap = self.wrap_width(text_rect.width());
        if set.text().blocks().is_empty() {
            return actions;
        }

        // Scrolling: wheel and touchpad while hovered.
        if response.hovered() {
            let delta = ui.input(|i| i.smooth_scroll_delta.y);
            if delta != 0.0 {
                self.anchor.offset -= delta;
            }
        }
        // Auto-scroll while drag-selecting past the edges.
        if let (Some(Gesture::Select { .. } | Gesture::Boundary { .. }), Some(pos)) =
            (self.gesture, ui.input(|i| i.pointer.interact_pos()))
        {
            if pos.y > rect.bottom() {
                self.anchor.offset += (pos.y - rect.bottom()).min(60.0);
                ui.ctx().request_repaint();
            } else if pos.y < rect.top() {
                self.anchor.offset -= (rect.top() - pos.y).min(60.0);
                ui.ctx().request_repaint();
            }
        }
        self.normalize_anchor(ui, set, wrap);
        self.apply_row_move(ui, set, state, wrap);
        self.apply_reveal(ui, set, wrap);
        self.normalize_anchor(ui, set, wrap);

        // Lay out the visible blocks.
        let left = self.column_left(text_rect, wrap);
        self.visible.clear();
        let blocks_len = set.text().blocks().len();
        let mut y = rect.top() - self.anchor.offset;
        let mut block = self.anchor.block;
        while block < blocks_len && y < rect.bottom() {
            let galley = self.galley(ui, set, block, wrap);
            let height = galley.size().y.max(self.row_height());
            self.visible.push(VisibleBlock {
                index: block,
                origin: pos2(left, y),
                galley,
            });
            y += height;
            block += 1;
        }
        self.stats.blocks_painted = self.visible.len();
        self.stats.first_block = self.anchor.block;
        self.stats.last_block = block.saturating_sub(1);

        self.handle_pointer(ui, text_rect, set, state, &mut actions);
        self.paint(ui, set, state, text_rect);
        self.scrollbar_ui(ui, set, rect, wrap);
        self.hover_ui(ui, &response, set);
        // The view keeps keyboard focus unless a field takes it, and keeps Tab and the arrows
        // for itself (span and caret moves) instead of egui's focus navigation.
        let nothing_focused = ui.memory(|m| m.focused().is_none());
        if nothing_focused || response.clicked() || response.drag_started() {
            response.request_focus();
        }
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        tab: true,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: false,
                    },
                )
            });
        }
        self.has_focus = true;
        actions
    }

    /// Walk this frame's pointer events in order, so a press, a move and a release that
    /// arrive in one frame (a slow frame, a quick click) are told apart exactly.
    fn handle_pointer(
        &mut self,
        ui: &egui::Ui,
        text_rect: Rect,
        set: &AnnotationSet,
        state: &mut ViewSelection,
        actions: &mut Vec<ViewAction>,
    ) {
        let (events, modifiers, double_clicked, primary_down, latest) = ui.input(|i| {
            (
                i.events.clone(),
                i.modifiers,
                i.pointer
                    .button_double_clicked(egui::PointerButton::Primary),
                i.pointer.primary_down(),
                i.pointer.interact_pos(),
            )
        });
        let mut released = false;
        for event in &events {
            match event {
                egui::Event::PointerButton {
                    pos,
                    button: egui::PointerButton::Primary,
                    pressed: true,
                    modifiers: m,
                } => {
                    let on_view = text_rect.contains(*pos)
                        && ui.ctx().layer_id_at(*pos) == Some(ui.layer_id());
                    if on_view {
                        self.press(set, state, *pos, m.shift || modifiers.shift);
                    }
                }
                egui::Event::PointerMoved(pos) => self.drag_to(set, state, *pos),
                egui::Event::PointerButton {
                    pos,
                    button: egui::PointerButton::Primary,
                    pressed: false,
                    modifiers: m,
                } => {
                    self.drag_to(set, state, *pos);
                    let exact = m.alt || modifiers.alt || !self.word_snapping;
                    self.release(set, state, actions, exact, double_clicked);
                    released = true;
                }
                _ => {}
            }
        }
        // The button went up where we did not see it (outside the window): finish there.
        if !released && self.gesture.is_some() && !primary_down {
            if let Some(pos) = latest {
                self.drag_to(set, state, pos);
            }
            let exact = modifiers.alt || !self.word_snapping;
            self.release(set, state, actions, exact, false);
        }
    }

    fn press(&mut self, set: &AnnotationSet, state: &mut ViewSelection, pos: Pos2, shift: bool) {
        let Some(offset) = self.offset_at(set, pos) else {
            return;
        };
        // A press on a boundary of the selected span starts a boundary drag.
        if let Some(gesture) = self.boundary_under(set, state, pos) {
            self.gesture = Some(gesture);
        } else if shift {
            state.selection.cursor = offset;
            state.selected_span = None;
            self.gesture = Some(Gesture::Select {
                anchor: state.selection.anchor,
                moved: true,
                press: pos,
            });
        } else {
            self.gesture = Some(Gesture::Select {
                anchor: offset,
                moved: false,
                press: pos,
            });
        }
    }

    fn drag_to(&mut self, set: &AnnotationSet, state: &mut ViewSelection, pos: Pos2) {
        match self.gesture {
            Some(Gesture::Select {
                anchor,
                moved,
                press,
            }) => {
                let moved = moved || pos.distance(press) > 4.0;
                self.gesture = Some(Gesture::Select {
                    anchor,
                    moved,
                    press,
                });
                if moved && let Some(offset) = self.offset_at(set, pos) {
                    state.selection = Selection {
                        anchor,
                        cursor: offset,
                    };
                    state.selected_span = None;
                }
            }
            Some(Gesture::Boundary {
                span_id,
                start_side,
                ..
            }) => {
                if let Some(offset) = self.offset_at(set, pos) {
                    self.gesture = Some(Gesture::Boundary {
                        span_id,
                        start_side,
                        offset,
                    });
                }
            }
            None => {}
        }
    }

    fn release(
        &mut self,
        set: &AnnotationSet,
        state: &mut ViewSelection,
        actions: &mut Vec<ViewAction>,
        exact: bool,
        double_clicked: bool,
    ) {
        match self.gesture.take() {
            Some(Gesture::Select {
                anchor,
                moved: true,
                ..
            }) => {
                let _ = anchor;
                if !exact {
                    let forward = state.selection.anchor <= state.selection.cursor;
                    state.selection =
                        match words::snap_to_words(set.text(), state.selection.range()) {
                            Some(r) if forward => Selection {
                                anchor: r.start,
                                cursor: r.end,
                            },
                            Some(r) => Selection {
                                anchor: r.end,
                                cursor: r.start,
                            },
                            None => Selection::caret(state.selection.cursor),
                        };
                }
            }
            Some(Gesture::Select {
                anchor,
                moved: false,
                press,
            }) => {
                let word = double_clicked
                    .then(|| {
                        self.char_at(set, press)
                            .and_then(|c| words::word_at(set.text(), c))
                    })
                    .flatten();
                match word {
                    Some(word) => {
                        state.selection = Selection {
                            anchor: word.start,
                            cursor: word.end,
                        };
                        state.selected_span = None;
                    }
                    None => self.click(set, state, press, anchor),
                }
            }
            Some(Gesture::Boundary {
                span_id,
                start_side,
                offset,
            }) => {
                if let Some(span) = set.span(span_id)
                    && let Some(range) = self.dragged_range(set, span, start_side, offset, exact)
                    && range != span.range()
                {
                    actions.push(ViewAction::MoveSpan { span_id, range });
                }
            }
            None => {}
        }
    }

    /// The range a span gets when one boundary is dragged to `offset`.
    fn dragged_range(
        &self,
        set: &AnnotationSet,
        span: &Span,
        start_side: bool,
        offset: usize,
        exact: bool,
    ) -> Option<Range<usize>> {
        let range = if start_side {
            offset.min(span.end)..span.end
        } else {
            span.start..offset.max(span.start)
        };
        let range = if exact {
            range
        } else {
            words::snap_to_words(set.text(), range)?
        };
        (range.start < range.end).then_some(range)
    }

    fn click(&mut self, set: &AnnotationSet, state: &mut ViewSelection, pos: Pos2, offset: usize) {
        let under = self
            .char_at(set, pos)
            .map(|c| set.spans_at(c))
            .unwrap_or_default();
        // Repeated clicks walk outwards through nested spans.
        let next = match state
            .selected_span
            .and_then(|s| under.iter().position(|u| *u == s))
        {
            Some(i) if i + 1 < under.len() => Some(under[i + 1]),
            Some(_) => under
                .first()
                .copied()
                .filter(|first| Some(*first) != state.selected_span),
            None => under.first().copied(),
        };
        state.selected_span = next;
        state.selection = Selection::caret(offset);
    }

    fn boundary_under(
        &self,
        set: &AnnotationSet,
        state: &ViewSelection,
        pos: Pos2,
    ) -> Option<Gesture> {
        let span = set.span(state.selected_span?)?;
        for (start_side, offset) in [(true, span.start), (false, span.end)] {
            if let Some(caret) = self.caret_rect_on(set, offset, start_side)
                && (pos.x - caret.center().x).abs() <= 5.0
                && caret.y_range().contains(pos.y)
            {
                return Some(Gesture::Boundary {
                    span_id: span.id,
                    start_side,
                    offset,
                });
            }
        }
        None
    }

    /// Screen rectangle of the caret before code point `offset`, if on screen. At a row
    /// wrap, the start of the next row (unless the caret was put at the row's end).
    pub fn caret_rect(&self, set: &AnnotationSet, offset: usize) -> Option<Rect> {
        let start = set.text().blocks()[set.text().block_at(offset)].chars.start;
        let prefer_next_row = self.ccursor(offset, start).prefer_next_row;
        self.caret_rect_on(set, offset, prefer_next_row)
    }

    /// [`Self::caret_rect`] on the row chosen at a wrap: the next one, or the one ending there.
    fn caret_rect_on(
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
    fn ccursor(&self, offset: usize, block_start: usize) -> egui::text::CCursor {
        egui::text::CCursor {
            index: offset.saturating_sub(block_start).into(),
            prefer_next_row: match self.affinity {
                Some((at, prefer)) if at == offset => prefer,
                _ => true,
            },
        }
    }

    fn paint(&mut self, ui: &egui::Ui, set: &AnnotationSet, state: &ViewSelection, clip: Rect) {
        self.span_rects.clear();
        let painter = ui.painter().with_clip_rect(clip);
        let dark = ui.visuals().dark_mode;
        let text_color = ui.visuals().text_color();
        let selection_color = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
        let selection = state.selection.range();
        let preview = match self.gesture {
            Some(Gesture::Boundary {
                span_id,
                start_side,
                offset,
            }) => set.span(span_id).and_then(|s| {
                self.dragged_range(set, s, start_side, offset, true)
                    .map(|r| (span_id, r))
            }),
            _ => None,
        };
        let text = set.text();
        for visible in &self.visible {
            let block = &text.blocks()[visible.index];
            let chars = block.chars.clone();
            let galley = &visible.galley;
            let origin = visible.origin.to_vec2();
            let spans = set.spans_overlapping(chars.start..chars.end.max(chars.start + 1));
            // Levels for stacked underlines: greedy interval colouring, outer spans first.
            let mut ordered: Vec<&Span> = spans
                .into_iter()
                .filter(|s| s.start < chars.end.max(chars.start + 1))
                .collect();
            ordered.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.id));
            // Find matches in this block: a yellow wash under everything else.
            let first_found = self.found.partition_point(|m| m.end <= chars.start);
            for found in self.found[first_found..]
                .iter()
                .take_while(|m| m.start < chars.end.max(chars.start + 1))
            {
                let local = found.start.saturating_sub(chars.start)
                    ..found.end.min(chars.end).saturating_sub(chars.start);
                let current = self.found_current.as_ref() == Some(found);
                let color = if current {
                    Color32::from_rgba_unmultiplied(255, 170, 0, 150)
                } else {
                    Color32::from_rgba_unmultiplied(255, 220, 0, 90)
                };
                for r in range_rects(galley, local, self.font_size) {
                    painter.rect_filled(
                        r.translate(origin).expand(1.0),
                        CornerRadius::same(2),
                        color,
                    );
                }
            }
            let mut level_ends: Vec<usize> = Vec::new();
            // Right edge of the last tag on each row (tags that would overlap are left out:
            // the tint, the legend and the tooltip still say the label).
            let mut tag_rows: Vec<(f32, f32)> = Vec::new();
            for span in &ordered {
                let level = match level_ends.iter().position(|end| *end <= span.start) {
                    Some(l) => {
                        level_ends[l] = span.end;
                        l
                    }
                    None => {
                        level_ends.push(span.end);
                        level_ends.len() - 1
                    }
                };
                let range = match &preview {
                    Some((id, r)) if *id == span.id => r.clone(),
                    _ => span.range(),
                };
                let local = range.start.saturating_sub(chars.start)
                    ..range.end.min(chars.end).saturating_sub(chars.start);
                let color = label_color(set, &span.label);
                let rects = range_rects(galley, local, self.font_size);
                if let Some(first) = rects.first() {
                    self.span_rects
                        .entry(span.id)
                        .or_insert(first.translate(origin));
                }
                if self.label_tags
                    && range.start >= chars.start
                    && let Some(first) = rects.first()
                {
                    let r = first.translate(origin);
                    let free = tag_rows
                        .iter()
                        .find(|(top, _)| (top - r.top()).abs() < 1.0)
                        .map_or(f32::MIN, |(_, right)| *right);
                    if r.left() >= free {
                        let mut tag_color = if dark { color } else { darker(color) };
                        if span.review == Review::Suggested {
                            tag_color = tag_color.gamma_multiply(0.6);
                        }
                        let drawn = painter.text(
                            pos2(r.left() + 1.0, r.top() - 2.0),
                            Align2::LEFT_BOTTOM,
                            &span.label,
                            FontId::proportional((self.font_size * 0.6).max(8.0)),
                            tag_color,
                        );
                        self.stats.tags_painted += 1;
                        let right = drawn.right() + 4.0;
                        match tag_rows
                            .iter_mut()
                            .find(|(top, _)| (top - r.top()).abs() < 1.0)
                        {
                            Some(row) => row.1 = right,
                            None => tag_rows.push((r.top(), right)),
                        }
                    }
                }
                let selected = state.selected_span == Some(span.id);
                for r in &rects {
                    let r = r.translate(origin);
                    if span.review == Review::Accepted {
                        painter.rect_filled(
                            r,
                            CornerRadius::same(2),
                            color.gamma_multiply(if dark { 0.28 } else { 0.22 }),
                        );
                    }
                    let y = r.bottom() + 1.5 + 3.0 * level.min(5) as f32;
                    if span.review == Review::Suggested {
                        painter.add(egui::Shape::dashed_line(
                            &[pos2(r.left(), y), pos2(r.right(), y)],
                            Stroke::new(2.0, color),
                            4.0,
                            3.0,
                        ));
                    } else {
                        painter.line_segment(
                            [pos2(r.left(), y), pos2(r.right(), y)],
                            Stroke::new(2.0, color),
                        );
                    }
                    if selected {
                        painter.rect_stroke(
                            r.expand(1.0),
                            CornerRadius::same(3),
                            Stroke::new(2.0, text_color),
                            StrokeKind::Outside,
                        );
                    }
                }
                self.stats.spans_painted += 1;
            }
            // The selection.
            if !selection.is_empty()
                && selection.start < chars.end.max(chars.start + 1)
                && selection.end > chars.start
            {
                let local = selection.start.saturating_sub(chars.start)
                    ..selection.end.min(chars.end).saturating_sub(chars.start);
                for r in range_rects(galley, local, self.font_size) {
                    painter.rect_filled(r.translate(origin), CornerRadius::ZERO, selection_color);
                }
            }
            painter.galley(visible.origin, galley.clone(), text_color);
        }
        self.paint_links(ui, &painter, set, state);
        // Caret and boundary handles.
        if state.selection.is_empty()
            && state.selected_span.is_none()
            && let Some(r) = self.caret_rect(set, state.selection.cursor)
        {
            painter.line_segment(
                [r.center_top(), r.center_bottom()],
                Stroke::new(1.5, text_color),
            );
        }
        if let Some(span) = state.selected_span.and_then(|id| set.span(id)) {
            for (offset, at_start) in [(span.start, true), (span.end, false)] {
                if let Some(r) = self.caret_rect_on(set, offset, at_start) {
                    painter.line_segment(
                        [r.center_top(), r.center_bottom()],
                        Stroke::new(3.0, text_color),
                    );
                }
            }
        }
    }

    /// Where a span was painted in the last frame (its first row), if it was.
    pub fn span_rect(&self, span: SpanId) -> Option<Rect> {
        self.span_rects.get(&span).copied()
    }

    /// Links between spans on screen: faint curves, with the links of the selected span in
    /// full colour and labelled, so dozens stay readable.
    fn paint_links(
        &self,
        ui: &egui::Ui,
        painter: &egui::Painter,
        set: &AnnotationSet,
        state: &ViewSelection,
    ) {
        let mut seen = std::collections::HashSet::new();
        let text_color = ui.visuals().text_color();
        let mut ids: Vec<&SpanId> = self.span_rects.keys().collect();
        ids.sort();
        for id in ids {
            for relation in set.relations_of(*id) {
                if !seen.insert(relation.id) {
                    continue;
                }
                let (Some(from), Some(to)) = (
                    self.span_rects.get(&relation.from),
                    self.span_rects.get(&relation.to),
                ) else {
                    continue;
                };
                let focused = state
                    .selected_span
                    .is_some_and(|s| s == relation.from || s == relation.to);
                let color = relation_color(set, &relation.label);
                let (color, width) = if focused {
                    (color, 2.0)
                } else {
                    (color.gamma_multiply(0.45), 1.2)
                };
                let a = from.center_top();
                let b = to.center_top();
                let lift = 14.0 + (a.distance(b) * 0.15).min(40.0);
                let control_a = pos2(a.x, a.y.min(b.y) - lift);
                let control_b = pos2(b.x, a.y.min(b.y) - lift);
                let curve = egui::epaint::CubicBezierShape::from_points_stroke(
                    [a, control_a, control_b, b],
                    false,
                    Color32::TRANSPARENT,
                    Stroke::new(width, color),
                );
                painter.add(curve);
                // Arrow head at the target.
                painter.add(egui::Shape::convex_polygon(
                    vec![b, pos2(b.x - 4.0, b.y - 7.0), pos2(b.x + 4.0, b.y - 7.0)],
                    color,
                    Stroke::NONE,
                ));
                if focused {
                    // Label near the target end of the curve, so links sharing a source
                    // do not stack their labels.
                    let t = 0.72_f32;
                    let u = 1.0 - t;
                    let mid = pos2(
                        u * u * u * a.x
                            + 3.0 * u * u * t * control_a.x
                            + 3.0 * u * t * t * control_b.x
                            + t * t * t * b.x,
                        u * u * u * a.y
                            + 3.0 * u * u * t * control_a.y
                            + 3.0 * u * t * t * control_b.y
                            + t * t * t * b.y,
                    );
                    let dashed = if relation.review == Review::Suggested {
                        " (suggested)"
                    } else {
                        ""
                    };
                    let galley = painter.layout_no_wrap(
                        format!("{}{dashed}", relation.label),
                        FontId::proportional(11.0),
                        text_color,
                    );
                    let rect = Align2::CENTER_CENTER
                        .anchor_size(mid, galley.size())
                        .expand(2.0);
                    // See-through, so the words under a label stay readable too.
                    painter.rect_filled(
                        rect,
                        CornerRadius::same(3),
                        ui.visuals().extreme_bg_color.gamma_multiply(0.72),
                    );
                    painter.galley(rect.min + vec2(2.0, 2.0), galley, text_color);
                }
            }
        }
        // A link being made follows the pointer.
        if let (Some(from), Some(pointer)) = (
            self.linking_from.and_then(|id| self.span_rects.get(&id)),
            ui.input(|i| i.pointer.hover_pos()),
        ) {
            painter.line_segment([from.center_top(), pointer], Stroke::new(2.0, text_color));
        }
    }

    fn scrollbar_ui(&mut self, ui: &mut egui::Ui, set: &AnnotationSet, rect: Rect, wrap: f32) {
        let text = set.text();
        let total = text.char_len().max(1) as f32;
        let track = Rect::from_min_max(
            pos2(rect.right() - SCROLLBAR_WIDTH, rect.top()),
            rect.right_bottom(),
        );
        let blocks = text.blocks();
        let top_block = &blocks[self.anchor.block];
        let top_height = self
            .cache
            .get(&self.anchor.block)
            .map_or(1.0, |c| c.size().y.max(1.0));
        let top_char = top_block.chars.start as f32
            + (self.anchor.offset / top_height).clamp(0.0, 1.0) * top_block.chars.len() as f32;
        let visible = self.visible_chars(set);
        let shown = (visible.end - visible.start) as f32;
        let thumb_height =
            (track.height() * shown / total).clamp(24.0_f32.min(track.height()), track.height());
        let travel = track.height() - thumb_height;
        let at_end = self
            .visible
            .last()
            .is_some_and(|v| v.index + 1 == blocks.len())
            && self
                .visible
                .last()
                .is_some_and(|v| v.origin.y + v.galley.size().y <= rect.bottom() + 1.0);
        let fraction = if at_end {
            1.0
        } else {
            (top_char / (total - shown).max(1.0)).clamp(0.0, 1.0)
        };
        let thumb = Rect::from_min_size(
            pos2(track.left() + 2.0, track.top() + fraction * travel),
            vec2(SCROLLBAR_WIDTH - 4.0, thumb_height),
        );
        let response = ui.interact(
            track,
            Id::unique("newsmark-text-scrollbar"),
            Sense::click_and_drag(),
        );
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ScrollBar, true, "Scroll bar"));
        if (response.dragged() || response.clicked())
            && travel > 0.0
            && let Some(pos) = response.interact_pointer_pos()
        {
            let fraction = ((pos.y - track.top() - thumb_height / 2.0) / travel).clamp(0.0, 1.0);
            let char_offset = (fraction * (total - shown).max(0.0)) as usize;
            let block = text.block_at(char_offset);
            self.anchor = ScrollAnchor { block, offset: 0.0 };
            let _ = wrap;
            ui.ctx().request_repaint();
        }
        let visuals = ui.visuals();
        ui.painter()
            .rect_filled(track, CornerRadius::ZERO, visuals.extreme_bg_color);
        let thumb_color = if response.hovered() || response.dragged() {
            visuals.widgets.hovered.bg_fill
        } else {
            visuals.widgets.inactive.bg_fill
        };
        ui.painter()
            .rect_filled(thumb, CornerRadius::same(4), thumb_color);
    }

    fn hover_ui(&self, ui: &egui::Ui, response: &egui::Response, set: &AnnotationSet) {
        if self.gesture.is_some() {
            return;
        }
        let Some(pos) = response.hover_pos() else {
            return;
        };
        let Some(offset) = self.char_at(set, pos) else {
            return;
        };
        let under = set.spans_at(offset);
        if under.is_empty() {
            return;
        }
        ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
        let lines: Vec<String> = under
            .iter()
            .filter_map(|id| set.span(*id))
            .map(|s| {
                let suggested = if s.review == Review::Suggested {
                    " (suggested)"
                } else {
                    ""
                };
                format!("{}{suggested}  {}..{}", s.label, s.start, s.end)
            })
            .collect();
        response.clone().on_hover_text_at_pointer(lines.join("\n"));
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

/// A label colour dark enough to read as text on a light background.
fn darker(color: Color32) -> Color32 {
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
