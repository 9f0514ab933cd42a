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

mod colors;
mod layout;
mod paint;
mod pointer;

pub use colors::{label_chip, label_color, relation_color};
pub use layout::range_rects;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::{Galley, Id, Pos2, Rect, Sense, pos2};

use crate::model::AnnotationSet;
use crate::model::span::SpanId;

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
}
