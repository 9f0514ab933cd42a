//! Pointer and selection: press, drag, release, clicks, boundary drags and hover.

use std::ops::Range;

use egui::{CursorIcon, Pos2, Rect};

use super::{Gesture, Selection, TextView, ViewAction, ViewSelection};
use crate::model::span::{Review, Span};
use crate::model::{AnnotationSet, words};

impl TextView {
    /// The caret offset nearest to `pos`, from the blocks painted this frame.
    pub fn offset_at(&self, set: &AnnotationSet, pos: Pos2) -> Option<usize> {
        let blocks = set.text().blocks();
        let first = self.visible.first()?;
        if pos.y < first.origin.y {
            return Some(blocks[first.index].chars.start);
        }
        for visible in &self.visible {
            let bottom = visible.origin.y + visible.layout.size().y.max(self.row_height());
            if pos.y < bottom {
                let caret = visible.layout.caret_from_pos(pos - visible.origin);
                return Some(blocks[visible.index].chars.start + caret);
            }
        }
        self.visible.last().map(|last| blocks[last.index].chars.end)
    }

    /// The character whose glyph is under `pos` (not the nearest caret position).
    pub fn char_at(&self, set: &AnnotationSet, pos: Pos2) -> Option<usize> {
        let blocks = set.text().blocks();
        let visible = self.visible.iter().find(|v| {
            let r = Rect::from_min_size(v.origin, v.layout.size());
            r.contains(pos)
        })?;
        visible
            .layout
            .char_at(pos - visible.origin)
            .map(|i| blocks[visible.index].chars.start + i)
    }

    /// Walk this frame's pointer events in order, so a press, a move and a release that
    /// arrive in one frame (a slow frame, a quick click) are told apart exactly.
    pub(super) fn handle_pointer(
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

    pub(super) fn press(
        &mut self,
        set: &AnnotationSet,
        state: &mut ViewSelection,
        pos: Pos2,
        shift: bool,
    ) {
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

    pub(super) fn drag_to(&mut self, set: &AnnotationSet, state: &mut ViewSelection, pos: Pos2) {
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

    pub(super) fn release(
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
    pub(super) fn dragged_range(
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

    pub(super) fn click(
        &mut self,
        set: &AnnotationSet,
        state: &mut ViewSelection,
        pos: Pos2,
        offset: usize,
    ) {
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

    pub(super) fn boundary_under(
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

    pub(super) fn hover_ui(&self, ui: &egui::Ui, response: &egui::Response, set: &AnnotationSet) {
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
