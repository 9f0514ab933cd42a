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
//! - Right-to-left and mixed lines: a block with a right-to-left character is laid out in
//!   visual order (UAX #9) by [`block_layout`]; every other block keeps egui's galley as is.
//!
//! The parts: `layout` (blocks, scroll anchor, caret rows), `block_layout` (one block's
//! geometry, plain or bidirectional), `pointer` (press, drag, release, hover), `paint`
//! (highlights, tags, links, scroll bar), `colors`, `fonts` (right-to-left fonts).

pub mod block_layout;
mod colors;
pub mod fonts;
pub mod labels;
mod layout;
mod paint;
mod pointer;
mod shaping;

pub use block_layout::range_rects;
pub use colors::{label_chip, label_color, relation_color};
pub use labels::{bidi_job, reads_rtl};

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::{Id, Pos2, Rect, Sense, pos2};

use crate::model::AnnotationSet;
use crate::model::span::SpanId;
use block_layout::BlockLayout;

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
    /// Of those, the ones the view's top edge cuts (a row scrolled half out; never the first
    /// row of the article, which has room above it).
    pub tags_cut_at_top: usize,
    /// Blocks with right-to-left text laid out anew (not from the cache) in the frame.
    pub bidi_blocks_built: usize,
    /// Blocks looked at, in the frame, to find the direction of a long line's pieces (from
    /// the line's start, or a neighbouring piece laid out already): never one for a block
    /// drawn from the cache, so scrolling through a long line costs what a paragraph does.
    pub line_starts_walked: usize,
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
    layout: BlockLayout,
}

/// What a right-to-left block's layout depends on (besides its text).
#[derive(Clone, Copy, Debug, PartialEq)]
struct BidiKey {
    font_size: f32,
    row_height: f32,
    wrap: f32,
    /// The document's direction setting (`auto` resolves per line, and the text never changes).
    direction: crate::model::bidi::Direction,
    rtl_families: bool,
    pixels_per_point: f32,
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
    /// Layouts of the blocks used in the current frame.
    cache: HashMap<usize, BlockLayout>,
    /// Right-to-left blocks laid out in earlier frames (by block), with what they depend on.
    bidi_cache: HashMap<usize, (BidiKey, Arc<block_layout::BidiLayout>)>,
    /// Characters in `bidi_cache` (it starts over past a budget).
    bidi_cached_chars: usize,
    /// Words and spaces shaped for right-to-left blocks, shared by all blocks.
    shapes: shaping::ShapeCache,
    /// The font atlas fill of the last frame (a drop means egui rebuilt the atlas).
    atlas_fill: f32,
    /// The number of fonts egui had in the last frame (a change means a new atlas).
    font_count: usize,
    /// How many times the laid-out blocks and shaped words were dropped for a new atlas.
    atlas_drops: usize,
    /// The right-to-left fonts were given to egui (or found missing).
    fonts_checked: bool,
    /// The script of this text no font was found for: (text hash, script).
    missing_font: Option<(String, Option<&'static str>)>,
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
            bidi_cache: HashMap::new(),
            bidi_cached_chars: 0,
            shapes: shaping::ShapeCache::default(),
            atlas_fill: 0.0,
            font_count: 0,
            atlas_drops: 0,
            fonts_checked: false,
            missing_font: None,
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
        self.bidi_cache.clear();
        self.bidi_cached_chars = 0;
        self.shapes.clear();
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

    /// Words (and runs of whitespace) of right-to-left blocks shaped since the shape cache
    /// was last emptied (a new document, font size or atlas), and how many it holds now.
    pub fn words_shaped(&self) -> (usize, usize) {
        (self.shapes.misses, self.shapes.len())
    }

    /// How many times the view dropped its laid-out blocks and shaped words because egui
    /// rebuilt its font atlas (their glyphs pointed into the old one).
    pub fn atlas_drops(&self) -> usize {
        self.atlas_drops
    }

    /// Characters of right-to-left blocks kept laid out across frames, and the budget they
    /// are kept under (the blocks farthest from the view go first).
    pub fn bidi_cache_chars(&self) -> (usize, usize) {
        (self.bidi_cached_chars, layout::MAX_CACHED_BIDI_CHARS)
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

    /// The script of `set`'s text that no installed font covers, if any (checked once per text).
    pub fn missing_font(&mut self, set: &AnnotationSet) -> Option<&'static str> {
        let hash = set.text().sha256();
        match &self.missing_font {
            Some((checked, script)) if checked == hash => *script,
            _ => {
                let script = fonts::missing_font_for(
                    set.text().as_str(),
                    fonts::FoundFonts::on_this_system(),
                );
                self.missing_font = Some((hash.to_string(), script));
                script
            }
        }
    }

    /// A line at the top of the text saying which font package to install, when the text
    /// needs one that is not there (rather than leaving boxes unexplained).
    fn missing_font_ui(&mut self, ui: &egui::Ui, set: &AnnotationSet, rect: Rect) {
        let Some(script) = self.missing_font(set) else {
            return;
        };
        let message = format!(
            "No {script} font found, so {script} letters may show as boxes: install {} \
             (Debian, Ubuntu: sudo apt install {}) or name a font file in NEWSMARK_FONTS, \
             then restart Newsmark.",
            fonts::FONT_PACKAGE,
            fonts::FONT_PACKAGE
        );
        let painter = ui.painter();
        let galley = painter.layout(
            message,
            egui::FontId::proportional(13.0),
            ui.visuals().warn_fg_color,
            rect.width() - 24.0,
        );
        let bar = Rect::from_min_size(rect.min, egui::vec2(rect.width(), galley.size().y + 8.0));
        painter.rect_filled(bar, 0.0, ui.visuals().extreme_bg_color);
        painter.galley(
            bar.min + egui::vec2(12.0, 4.0),
            galley,
            ui.visuals().warn_fg_color,
        );
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
        if !self.fonts_checked {
            self.fonts_checked = true;
            fonts::install(ui.ctx());
        }
        self.check_atlas(ui);
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
            let layout = self.layout(ui, set, block, wrap);
            let room = self.room_above(block);
            let height = layout.size().y.max(self.row_height()) + room;
            self.visible.push(VisibleBlock {
                index: block,
                origin: pos2(left, y + room),
                layout,
            });
            y += height;
            block += 1;
        }
        self.stats.blocks_painted = self.visible.len();
        self.stats.first_block = self.anchor.block;
        self.stats.last_block = block.saturating_sub(1);

        self.handle_pointer(ui, text_rect, set, state, &mut actions);
        self.paint(ui, set, state, text_rect);
        self.missing_font_ui(ui, set, text_rect);
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
