//! Selecting and labelling by pointer and keys (drags, clicks, double clicks, arrows, boundaries),
//! find, and what the text view draws.

use super::*;

#[test]
fn drag_select_label_undo_redo_save() {
    let (dir, article) = copy_sample("harbour-strike.txt");
    let mut h = open(&article);
    // Drag from inside the first letter to inside the last letter of a two-word name:
    // snapping grows the selection to whole words.
    let text = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .set()
        .text()
        .as_str()
        .to_string();
    let name = "Daniel Okafor";
    assert!(text.contains(name));
    let start = find(&h, name);
    let end = start + name.chars().count();
    // (The name's row is near the window's bottom edge: brought up, away from it.)
    h.state_mut().view.scroll_by(200.0);
    h.run();
    let (from, to) = (char_pos(&h, start + 1), char_pos(&h, end - 2));
    drag(&mut h, from, to);
    let selection = h.state().doc.as_ref().unwrap().view_state.selection.range();
    assert_eq!(selection, start..end, "selection snapped to the words");
    // The status bar (drawn before the text) shows the snapped selection too.
    h.get_by_label(&format!("{start}..{end} ({} chars)", end - start));

    type_key(&mut h, "p");
    let person_count = |h: &Harness<'_, NewsmarkApp>| {
        spans(h)
            .iter()
            .filter(|(l, t)| l == "PERSON" && t == name)
            .count()
    };
    assert_eq!(person_count(&h), 1);
    assert!(
        h.state().title().starts_with("● "),
        "title shows unsaved changes: {}",
        h.state().title()
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(person_count(&h), 0, "undo removes the span");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(person_count(&h), 1, "Ctrl+Shift+Z redoes");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(person_count(&h), 1, "Ctrl+Y redoes");

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved_path = dir.path().join("harbour-strike.json");
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&saved_path).unwrap()).unwrap();
    let saved_spans = saved["spans"].as_array().unwrap();
    assert_eq!(saved_spans.len(), 1);
    assert_eq!(saved_spans[0]["label"], "PERSON");
    assert_eq!(saved_spans[0]["text"], name);
    assert_eq!(saved_spans[0]["start"], start);
    assert_eq!(saved["document"]["text"].as_str().unwrap(), text);
    assert!(!h.state().title().starts_with("● "), "clean after saving");
}

#[test]
fn non_ascii_double_click_exact_mode_and_palette() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    // Double-click a word with an umlaut selects it exactly.
    let zurich = find(&h, "Zürich");
    let pos = char_pos(&h, zurich + 2);
    h.hover_at(pos);
    h.run();
    for _ in 0..2 {
        h.event(Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.step();
        h.event(Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    assert_eq!(
        h.state().doc.as_ref().unwrap().view_state.selection.range(),
        zurich..zurich + 6
    );
    // Apply GPE from the palette button.
    h.get_by_label("GPE [g]").click();
    h.run();
    assert_eq!(spans(&h), vec![("GPE".to_string(), "Zürich".to_string())]);

    // A double-click on a word inside a span selects the word (to label it too), not the span.
    let daniel = find(&h, "Daniel");
    let okafor_end = find(&h, "Okafor") + 6;
    let edit = h
        .state_mut()
        .doc
        .as_mut()
        .unwrap()
        .new_span("QUOTE", daniel..okafor_end);
    h.state_mut().doc.as_mut().unwrap().apply(edit).unwrap();
    h.run();
    past_double_click(&mut h);
    let pos = char_pos(&h, daniel + 2);
    h.hover_at(pos);
    h.run();
    // As a fast real mouse sends it: each click's press and release in one frame.
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        h.step();
    }
    h.run();
    let state = &h.state().doc.as_ref().unwrap().view_state;
    assert_eq!(
        (state.selection.range(), state.selected_span),
        (daniel..daniel + 6, None)
    );
    h.run();
    past_double_click(&mut h);

    // Exact characters with Alt held: part of a word.
    let okafor = find(&h, "Okafor");
    let (from, to) = (caret_pos(&h, okafor), caret_pos(&h, okafor + 2));
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.event(Event::PointerMoved(to));
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::ALT));
    h.event(Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::ALT,
    });
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let selection = h.state().doc.as_ref().unwrap().view_state.selection.range();
    assert_eq!(
        selection,
        okafor..okafor + 2,
        "exact mode keeps a partial word"
    );
}

#[test]
fn keyboard_selection_relabel_boundaries_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    let port = find(&h, "port authority");
    // Click before "port", then extend by words with Ctrl+Shift+Right twice.
    let pos = char_pos(&h, port);
    h.hover_at(pos);
    h.run();
    h.drag_at(pos);
    h.run();
    h.drop_at(pos);
    h.run();
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection::caret(port);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(
        h.state().doc.as_ref().unwrap().view_state.selection.range(),
        port..port + "port authority".chars().count()
    );
    type_key(&mut h, "o");
    assert_eq!(
        spans(&h),
        vec![("ORG".to_string(), "port authority".to_string())]
    );
    // The new span is selected: a hotkey relabels it.
    type_key(&mut h, "f");
    assert_eq!(
        spans(&h),
        vec![("FAC".to_string(), "port authority".to_string())]
    );
    // Grow the start one character left and shrink the end one character.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run();
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(
        spans(&h),
        vec![("FAC".to_string(), " port authorit".to_string())]
    );
    h.key_press(Key::Delete);
    h.run();
    assert!(spans(&h).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(spans(&h).len(), 1, "undo brings the deleted span back");
    // Tab walks the spans (and does not move egui's focus to a menu button).
    h.key_press(Key::Escape);
    h.run();
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection::caret(0);
    h.key_press(Key::Tab);
    h.run();
    let state = &h.state().doc.as_ref().unwrap().view_state;
    assert!(state.selected_span.is_some(), "Tab selects the next span");
    assert!(!h.ctx.text_edit_focused());
}

#[test]
fn clicking_spans_selects_nested_ones_in_turn_and_the_list_jumps() {
    let (_dir, article) = copy_sample("long-inquiry.json");
    let mut h = open(&article);
    let set = h.state().doc.as_ref().unwrap().set();
    // The last span of a long article is far off screen.
    let last = set.spans_ordered().last().unwrap().clone();
    assert!(h.state().view.caret_rect(set, last.start).is_none());
    h.state_mut().select_span(last.id);
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    assert!(
        h.state().view.caret_rect(set, last.start).is_some(),
        "the span is on screen after one frame"
    );

    // Filter the list by text and click the row.
    let (_dir2, article2) = copy_sample("harbour-strike.json");
    let mut h = open(&article2);
    let set = h.state().doc.as_ref().unwrap().set();
    let quote = set
        .spans_ordered()
        .filter(|s| s.label == "QUOTE")
        .last()
        .unwrap()
        .clone();
    let inner = set
        .spans_ordered()
        .find(|s| {
            s.id != quote.id
                && s.start >= quote.start
                && s.end <= quote.end
                && s.len() < quote.len()
        })
        .cloned();
    let quote_text = set.span_text(&quote).to_string();
    h.get_by_label("Spans").click();
    h.run();
    h.get_by_label("Filter spans:").focus();
    h.run();
    h.get_by_label("Filter spans:")
        .type_text(&quote_text.chars().take(25).collect::<String>());
    h.run();
    h.get_by_label_contains(&quote_text.chars().take(25).collect::<String>())
        .click();
    h.run();
    h.run();
    assert_eq!(
        h.state().doc.as_ref().unwrap().view_state.selected_span,
        Some(quote.id)
    );
    // Click inside a nested span: the innermost span is selected first, then the next outer.
    if let Some(inner) = inner {
        let pos = char_pos(&h, inner.start + inner.len() / 2);
        h.hover_at(pos);
        h.run();
        h.drag_at(pos);
        h.run();
        h.drop_at(pos);
        h.run();
        let first = h.state().doc.as_ref().unwrap().view_state.selected_span;
        assert!(first.is_some());
        let set = h.state().doc.as_ref().unwrap().set();
        assert!(set.span(first.unwrap()).unwrap().len() <= inner.len());
        past_double_click(&mut h);
        h.hover_at(pos);
        h.run();
        h.drag_at(pos);
        h.run();
        h.drop_at(pos);
        h.run();
        let second = h.state().doc.as_ref().unwrap().view_state.selected_span;
        assert_ne!(first, second, "a second click selects the enclosing span");
    }
}

/// Emoji in an article are drawn with egui's emoji fonts (the harness fails on any glyph the
/// fonts lack), in every family the text view uses.
#[test]
fn emoji_in_an_article_are_drawn_as_glyphs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emoji.txt");
    let emoji = [
        '🎉', '👍', '😀', '❤', '🚀', '🌊', '🐟', '✅', '🔥', '😂', '🙏', '⚽',
    ];
    let line: String = emoji.iter().map(|c| format!("{c} ")).collect();
    std::fs::write(
        &path,
        format!("Fans cheered at the final whistle: {line}\n"),
    )
    .unwrap();
    let mut h = open(&path);
    h.run();
    assert!(h.state().view.stats.blocks_painted > 0);
    let families: Vec<egui::FontFamily> = h
        .ctx
        .fonts(|f| f.definitions().families.keys().cloned().collect());
    assert!(families.len() >= 2, "{families:?}");
    for family in families {
        for c in emoji {
            let font = egui::FontId::new(16.0, family.clone());
            assert!(
                h.ctx.fonts_mut(|f| f.has_glyph(&font, c)),
                "{c} ({:X}) in {family:?}",
                c as u32
            );
        }
    }
}

#[test]
fn a_frame_lays_out_only_the_blocks_on_screen() {
    let (_dir, article) = copy_sample("long-inquiry.txt");
    let mut h = open(&article);
    let blocks = h.state().doc.as_ref().unwrap().set().text().blocks().len();
    let stats = h.state().view.stats.clone();
    assert!(blocks > 200, "the long sample has many blocks ({blocks})");
    assert!(
        stats.blocks_painted > 3 && stats.blocks_painted < 60,
        "{stats:?}"
    );
    // Scrolling lays out only the newly visible blocks.
    h.state_mut().view.scroll_by(3000.0);
    h.run();
    assert!(h.state().view.stats.first_block > 0);
    // A frame at rest lays out exactly what it shows.
    h.run();
    let stats = h.state().view.stats.clone();
    assert!(
        stats.blocks_laid_out <= stats.blocks_painted + 2,
        "only the blocks on screen are laid out: {stats:?}"
    );
    // Adding a span changes neither the scroll position nor the layout.
    let visible = h
        .state()
        .view
        .visible_chars(h.state().doc.as_ref().unwrap().set());
    let start = visible.start + 5;
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection {
            anchor: start,
            cursor: start + 4,
        };
    let before = h.state().view.stats.clone();
    type_key(&mut h, "c");
    let after = h.state().view.stats.clone();
    assert_eq!(
        after.first_block, before.first_block,
        "adding a span does not move the text"
    );
    assert_eq!(
        after.blocks_painted, before.blocks_painted,
        "nor change block heights"
    );
    assert!(after.spans_painted > before.spans_painted);
}

#[test]
fn a_span_boundary_moves_by_a_word_with_ctrl_alt_arrows() {
    use newsmark::model::Review::Accepted;
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    let span = add_span(&mut h, "PERSON", "said Daniel Okafor, a union", Accepted);
    h.state_mut().select_span(span);
    h.run();
    let text = |h: &Harness<'_, NewsmarkApp>| {
        let set = h.state().doc.as_ref().unwrap().set();
        set.span_text(set.span(span).unwrap()).to_string()
    };
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert_eq!(text(&h), "Daniel Okafor, a union");
    let back = Modifiers::COMMAND | Modifiers::ALT | Modifiers::SHIFT;
    h.key_press_modifiers(back, Key::ArrowLeft);
    h.run();
    assert_eq!(text(&h), "Daniel Okafor, a");
    h.key_press_modifiers(back, Key::ArrowLeft);
    h.run();
    assert_eq!(text(&h), "Daniel Okafor", "the comma and space left out");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(text(&h), "Daniel Okafor, a", "one undo step per key");
}

/// A slow frame can receive a whole click and a later move at once: it is still a click.
#[test]
fn a_click_and_a_move_in_one_frame_is_a_click() {
    use newsmark::model::Review::Accepted;
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    let person = add_span(&mut h, "PERSON", "Daniel Okafor", Accepted);
    let pos = char_pos(&h, find(&h, "Daniel Okafor") + 2);
    let far = Pos2::new(pos.x + 300.0, pos.y + 60.0);
    h.event(Event::PointerMoved(pos));
    h.event(Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerMoved(far));
    h.run();
    let state = &h.state().doc.as_ref().unwrap().view_state;
    assert_eq!(
        state.selected_span,
        Some(person),
        "the click selected the span under it"
    );
    assert!(
        state.selection.is_empty(),
        "no drag selection: {:?}",
        state.selection
    );
}

#[test]
fn shift_click_extends_and_dragging_a_boundary_moves_it() {
    use newsmark::model::Review::Accepted;
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    // Click before "port", shift-click inside "authority": the selection runs to the word end.
    let port = find(&h, "port authority");
    let from = caret_pos(&h, port);
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.drop_at(from);
    h.run();
    past_double_click(&mut h);
    let to = char_pos(&h, port + "port autho".chars().count());
    h.hover_at(to);
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    h.event(Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::SHIFT,
    });
    h.run();
    h.event(Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::SHIFT,
    });
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    assert_eq!(
        h.state().doc.as_ref().unwrap().view_state.selection.range(),
        port..port + "port authority".chars().count()
    );

    // Select a span, then drag its end boundary one word further.
    let person = add_span(&mut h, "PERSON", "Daniel", Accepted);
    h.state_mut().select_span(person);
    h.run();
    let daniel = find(&h, "Daniel");
    let end = caret_pos(&h, daniel + "Daniel".chars().count());
    let target = char_pos(&h, daniel + "Daniel Oka".chars().count());
    h.hover_at(end);
    h.run();
    h.drag_at(end);
    h.run();
    h.hover_at(target);
    h.run();
    h.drop_at(target);
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(
        set.span_text(set.span(person).unwrap()),
        "Daniel Okafor",
        "the end moved, snapped to the word"
    );
}

#[test]
fn up_and_down_move_by_visual_rows_and_keep_the_column() {
    let (_dir, article) = copy_sample("long-inquiry.txt");
    let mut h = open(&article);
    let text = h.state().doc.as_ref().unwrap().set().text().clone();
    // A paragraph long enough to wrap over several rows, near the top of the article.
    let block = text
        .blocks()
        .iter()
        .position(|b| b.chars.len() > 380)
        .expect("a long paragraph");
    let paragraph = text.blocks()[block].chars.clone();
    let start = paragraph.start + 150;
    let set_caret = |h: &mut Harness<'_, NewsmarkApp>, offset: usize| {
        h.state_mut().doc.as_mut().unwrap().view_state.selection =
            newsmark::gui::text_view::Selection::caret(offset);
        h.state_mut().view.reveal(offset..offset);
        h.run();
    };
    let cursor =
        |h: &Harness<'_, NewsmarkApp>| h.state().doc.as_ref().unwrap().view_state.selection.cursor;
    set_caret(&mut h, start);
    let before = caret_pos(&h, start);

    h.key_press(Key::ArrowDown);
    h.run();
    let below = cursor(&h);
    let after = caret_pos(&h, below);
    assert!(below > start, "down moves forward in the text");
    assert!(
        after.y > before.y + 5.0,
        "{before:?} -> {after:?}: one row lower"
    );
    assert!(
        after.y < before.y + 60.0,
        "{before:?} -> {after:?}: only one row"
    );
    assert!((after.x - before.x).abs() < 12.0, "the column is kept");

    // Down through the rest of the paragraph, the blank line and into the next one, then
    // back up the same number of rows: the caret returns where it started.
    let rows = 8;
    let mut offsets = vec![below];
    for _ in 1..rows {
        h.key_press(Key::ArrowDown);
        h.run();
        offsets.push(cursor(&h));
    }
    assert!(
        offsets.windows(2).all(|w| w[0] < w[1]),
        "each row further on: {offsets:?}"
    );
    assert!(
        *offsets.last().unwrap() > paragraph.end,
        "down leaves the paragraph for the next block: {offsets:?}"
    );
    for _ in 0..rows {
        h.key_press(Key::ArrowUp);
        h.run();
    }
    assert_eq!(cursor(&h), start, "up retraces the rows to the same column");

    // Shift+Down extends the selection from where it was.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    let selection = h.state().doc.as_ref().unwrap().view_state.selection;
    assert_eq!((selection.anchor, selection.cursor), (start, below));

    // Home and End go to the ends of the visual row, not of the paragraph.
    set_caret(&mut h, start);
    h.key_press(Key::End);
    h.run();
    let row_end = cursor(&h);
    assert!(row_end > start && row_end < paragraph.end);
    assert!(
        (caret_pos(&h, row_end).y - before.y).abs() < 1.0,
        "same row"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Home);
    h.run();
    let selection = h.state().doc.as_ref().unwrap().view_state.selection;
    assert_eq!(selection.anchor, row_end);
    assert!(selection.cursor < start && selection.cursor >= paragraph.start);
    assert!((caret_pos(&h, selection.cursor).y - before.y).abs() < 1.0);

    // Up from the first row of the article goes to its start.
    set_caret(&mut h, 3);
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(cursor(&h), 0);

    // Ctrl+End and Ctrl+Home take the caret with the view (they used to only scroll), and
    // with Shift they extend the selection: Ctrl+End then Shift+Left selects the last character.
    let len = h.state().doc.as_ref().unwrap().set().text().char_len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run();
    assert_eq!(cursor(&h), len);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    let selection = h.state().doc.as_ref().unwrap().view_state.selection;
    assert_eq!(selection.range(), len - 1..len);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Home);
    h.run();
    let selection = h.state().doc.as_ref().unwrap().view_state.selection;
    assert_eq!(selection.range(), 0..len);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    h.run();
    assert_eq!(cursor(&h), 0);
    assert!(
        h.state()
            .doc
            .as_ref()
            .unwrap()
            .view_state
            .selection
            .range()
            .is_empty()
    );
}

#[test]
fn find_goes_through_matches_labels_them_all_and_esc_keeps_the_match() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    let selection =
        |h: &Harness<'_, NewsmarkApp>| h.state().doc.as_ref().unwrap().view_state.selection.range();
    let text = article_text();
    let said: Vec<usize> = text
        .match_indices("said")
        .map(|(b, _)| text[..b].chars().count())
        .collect();
    assert_eq!(said.len(), 2);

    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find:").type_text("SAID");
    h.run();
    assert_eq!(
        selection(&h),
        said[0]..said[0] + 4,
        "typing goes to the first match"
    );
    assert!(h.query_by_label_contains("1 of 2").is_some());
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(selection(&h), said[1]..said[1] + 4, "Enter: the next one");
    h.key_press(Key::F3);
    h.run();
    assert_eq!(selection(&h), said[0]..said[0] + 4, "F3 wraps around");
    assert!(spans(&h).is_empty(), "typing in the field labels nothing");

    // Label all: one edit for every match, one undo.
    h.get_by_label_contains("Label all 2").click();
    h.run();
    let labelled = spans(&h);
    assert_eq!(labelled.len(), 2);
    assert!(labelled.iter().all(|(_, t)| t == "said"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(spans(&h).is_empty());

    // Esc closes the bar and keeps the match selected: a hotkey labels it.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().find.is_none());
    assert_eq!(selection(&h), said[0]..said[0] + 4);
    type_key(&mut h, "e");
    assert_eq!(spans(&h), vec![("EVENT".to_string(), "said".to_string())]);

    // Typing refines the match in place: "o" then "u" is the "ou" of "Harbour", not a later one.
    h.key_press(Key::Escape);
    h.run();
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection::caret(0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find:").type_text("o");
    h.run();
    assert_eq!(selection(&h), 4..5);
    h.get_by_label("Find:").type_text("u");
    h.run();
    assert_eq!(selection(&h), 4..6, "Harbour");

    // After the user moves elsewhere, F3 goes on from there, not from the last match.
    h.key_press(Key::Escape);
    h.run();
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection::caret(0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find:").type_text("o");
    h.run();
    assert_eq!(selection(&h), 4..5);
    let monday = find(&h, "Monday");
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection::caret(monday);
    h.key_press(Key::F3);
    h.run();
    assert_eq!(selection(&h), monday + 1..monday + 2, "the o of Monday");
}

#[test]
fn the_label_names_of_the_first_row_are_not_cut_by_the_top_of_the_view() {
    // Seen under Xvfb: a span on the article's first word had its label name half above the
    // view's edge (every other row has the gap of the paragraph before for its names).
    let (_dir, set_path) = copy_sample("harbour-strike.json");
    let mut h = open(&set_path);
    h.run();
    let first = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .set()
        .spans_ordered()
        .next()
        .unwrap()
        .start;
    assert_eq!(first, 0, "the sample's first word is a span");
    let stats = h.state().view.stats.clone();
    assert!(stats.tags_painted > 0, "{stats:?}");
    assert_eq!(stats.tags_cut_at_top, 0, "{stats:?}");

    // Scrolled by a few pixels, the first row's names are cut as the row is: the count sees it.
    h.state_mut().view.anchor.offset = 30.0;
    h.run();
    let stats = h.state().view.stats.clone();
    assert!(stats.tags_cut_at_top > 0, "{stats:?}");
}
