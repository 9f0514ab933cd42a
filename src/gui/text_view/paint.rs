//! Painting: find matches, span tints and underlines, label tags, the selection, the caret,
//! link curves and the scroll bar.

use egui::{
    Align2, Color32, CornerRadius, FontId, Id, Rect, Sense, Stroke, StrokeKind, pos2, vec2,
};

use super::colors::{darker, label_color, relation_color};
use super::{Gesture, SCROLLBAR_WIDTH, ScrollAnchor, TextView, ViewSelection};
use crate::model::AnnotationSet;
use crate::model::span::{Review, Span, SpanId};

impl TextView {
    pub(super) fn paint(
        &mut self,
        ui: &egui::Ui,
        set: &AnnotationSet,
        state: &ViewSelection,
        clip: Rect,
    ) {
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
            let layout = &visible.layout;
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
                for r in layout.range_rects(local, self.font_size) {
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
            // Every tag painted in the block (right-to-left tags are checked against them).
            let mut tag_rects: Vec<Rect> = Vec::new();
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
                let rects = layout.range_rects(local, self.font_size);
                if let Some(first) = rects.first() {
                    self.span_rects
                        .entry(span.id)
                        .or_insert(first.translate(origin));
                }
                let start_rtl = self.label_tags
                    && range.start >= chars.start
                    && layout.is_rtl_at(range.start - chars.start);
                if start_rtl && let Some(first) = rects.first() {
                    // A span starting in right-to-left text: its tag ends where it starts.
                    let x = layout
                        .caret_rect(range.start - chars.start, true)
                        .translate(origin)
                        .center()
                        .x;
                    let mut tag_color = if dark { color } else { darker(color) };
                    if span.review == Review::Suggested {
                        tag_color = tag_color.gamma_multiply(0.6);
                    }
                    let tag = painter.layout_no_wrap(
                        span.label.clone(),
                        FontId::proportional((self.font_size * 0.6).max(8.0)),
                        tag_color,
                    );
                    let at = Align2::RIGHT_BOTTOM.anchor_size(
                        pos2(x - 1.0, first.translate(origin).top() - 2.0),
                        tag.size(),
                    );
                    if !tag_rects
                        .iter()
                        .any(|t: &Rect| t.intersects(at.expand(2.0)))
                    {
                        painter.galley(at.min, tag, tag_color);
                        self.stats.tags_painted += 1;
                        self.stats.tags_cut_at_top += usize::from(at.top() < clip.top());
                        tag_rects.push(at);
                    }
                } else if self.label_tags
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
                        self.stats.tags_cut_at_top += usize::from(drawn.top() < clip.top());
                        tag_rects.push(drawn);
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
                for r in layout.range_rects(local, self.font_size) {
                    painter.rect_filled(r.translate(origin), CornerRadius::ZERO, selection_color);
                }
            }
            layout.paint(&painter, visible.origin, text_color);
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
    pub(super) fn paint_links(
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

    pub(super) fn scrollbar_ui(
        &mut self,
        ui: &mut egui::Ui,
        set: &AnnotationSet,
        rect: Rect,
        wrap: f32,
    ) {
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
                .is_some_and(|v| v.origin.y + v.layout.size().y <= rect.bottom() + 1.0);
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
}
