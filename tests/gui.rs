//! The real window, driven headless with egui_kittest: open, select, label, undo, redo, save,
//! and check the saved file.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)]

mod common;
use common::{harness, replace_text, run_job, wait_until};

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use newsmark::gui::NewsmarkApp;
use newsmark::gui::command::Command;
use newsmark::model::Edit;
use serde_json::Value;

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data")
}

/// A copy of a sample article in a fresh folder (so saving does not touch the repo).
fn copy_sample(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join(name);
    std::fs::copy(sample_dir().join(name), &target).unwrap();
    (dir, target)
}

/// Let egui's double- and triple-click window pass, so that the next click is a single one.
fn past_double_click(h: &mut Harness<'_, NewsmarkApp>) {
    let delay = h.ctx.options(|o| o.input_options.max_double_click_delay);
    let start = h.ctx.input(|i| i.time);
    wait_until(h, "the double-click time", |h| {
        h.ctx.input(|i| i.time) - start > 2.0 * delay
    });
}

fn open(path: &Path) -> Harness<'static, NewsmarkApp> {
    let mut app = NewsmarkApp::new(None, false);
    app.open_now(path);
    assert!(
        app.doc.is_some(),
        "opened {}: {:?}",
        path.display(),
        app.status_text()
    );
    harness(app)
}

/// Screen position in the middle of the glyph at code point `offset`.
fn char_pos(h: &Harness<'_, NewsmarkApp>, offset: usize) -> Pos2 {
    let app = h.state();
    let set = app.doc.as_ref().unwrap().set();
    let caret = app.view.caret_rect(set, offset).expect("offset on screen");
    let next = app.view.caret_rect(set, offset + 1).unwrap_or(caret);
    let x = if (next.top() - caret.top()).abs() < 1.0 {
        (caret.center().x + next.center().x) / 2.0
    } else {
        caret.center().x + 3.0
    };
    Pos2::new(x, caret.center().y)
}

/// Screen position of the caret before code point `offset`.
fn caret_pos(h: &Harness<'_, NewsmarkApp>, offset: usize) -> Pos2 {
    let app = h.state();
    app.view
        .caret_rect(app.doc.as_ref().unwrap().set(), offset)
        .expect("offset on screen")
        .center()
}

fn find(h: &Harness<'_, NewsmarkApp>, needle: &str) -> usize {
    let text = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .set()
        .text()
        .as_str()
        .to_string();
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    text[..byte].chars().count()
}

fn drag(h: &mut Harness<'_, NewsmarkApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    let mid = Pos2::new((from.x + to.x) / 2.0, (from.y + to.y) / 2.0);
    h.hover_at(mid);
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

/// Select the first `len` characters of `needle` in the text and press a label's hotkey.
fn label_text(h: &mut Harness<'_, NewsmarkApp>, needle: &str, len: usize, hotkey: &str) {
    let start = find(h, needle);
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection {
            anchor: start,
            cursor: start + len,
        };
    type_key(h, hotkey);
}

fn type_key(h: &mut Harness<'_, NewsmarkApp>, text: &str) {
    h.event(Event::Text(text.to_string()));
    h.run();
}

fn spans(h: &Harness<'_, NewsmarkApp>) -> Vec<(String, String)> {
    let set = h.state().doc.as_ref().unwrap().set();
    set.spans_ordered()
        .map(|s| (s.label.clone(), set.span_text(s).to_string()))
        .collect()
}

fn article_text() -> &'static str {
    "Harbour talks collapse\n\n\u{201c}We will not go back to the cranes,\u{201d} said Daniel Okafor, a union steward in Zürich.\n\nThe port authority said talks would resume on Monday.\n"
}

fn write_article(dir: &Path) -> PathBuf {
    let path = dir.join("story.txt");
    std::fs::write(&path, article_text()).unwrap();
    path
}

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

#[test]
fn unsaved_changes_are_guarded_and_help_lists_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    label_text(&mut h, "Monday", 6, "d");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert!(
        h.query_by_label("Unsaved changes").is_some(),
        "closing asks first"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().doc.is_some());
    h.state_mut().send(Command::Close);
    h.run();
    h.get_by_label("Discard changes").click();
    h.run();
    assert!(h.state().doc.is_none(), "discard closes");
    assert!(!dir.path().join("story.json").exists(), "nothing was saved");

    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label("Shortcuts and gestures").is_some());
    for command in [
        Command::Undo,
        Command::Save,
        Command::DeleteSpan,
        Command::ToggleHelp,
    ] {
        assert!(
            h.query_all_by_label(&command.label()).next().is_some(),
            "help lists {:?}",
            command.label()
        );
    }
    // Escape closes it, as F1 does.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Shortcuts and gestures").is_none());
}

#[test]
fn open_by_path_dialog_and_problem_report() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    // A set with a problem: wrong span text.
    let mut h = open(&article);
    label_text(&mut h, "Zürich", 6, "g");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let set_path = dir.path().join("story.json");
    let mut saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&set_path).unwrap()).unwrap();
    saved["spans"][0]["text"] = "Zurich".into();
    std::fs::write(&set_path, serde_json::to_string_pretty(&saved).unwrap()).unwrap();
    let before = std::fs::read(&set_path).unwrap();
    drop(h); // that window is closed (else the next one is warned of it first)

    let mut h = harness(NewsmarkApp::new(None, false));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Path:")
        .type_text(&set_path.display().to_string());
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert!(h.state().doc.is_some());
    assert!(
        h.query_by_label_contains("its text \"Zurich\" differs")
            .is_some(),
        "problems are listed"
    );
    // Saving asks before replacing a file that had problems.
    h.state_mut().send(Command::Save);
    h.run();
    assert!(h.query_by_label("Replace the file?").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        std::fs::read(&set_path).unwrap(),
        before,
        "not overwritten without consent"
    );

    // A binary file gets a clear message, not a crash.
    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 0]).unwrap();
    h.state_mut().request_open(binary);
    // Read on its thread: the message comes when it is done.
    wait_until(&mut h, "the binary file's message", |h| {
        h.query_all_by_label_contains("binary file")
            .next()
            .is_some()
    });
}

/// File > Open reads the file on a thread of its own: the next frame already says what is
/// being opened (name and size) with no document yet, and the document appears once read.
#[test]
fn a_file_is_read_off_the_frame_thread_and_the_window_says_what_it_opens() {
    let (dir, article) = copy_sample("long-inquiry.txt");
    let bytes = std::fs::metadata(&article).unwrap().len();
    let mut h = harness(NewsmarkApp::new(None, false));
    h.state_mut().request_open(article.clone());
    assert!(
        h.state().doc.is_none(),
        "asking reads nothing on the frame thread"
    );
    assert!(h.state().opening.is_some());
    // The next frame says what is being opened (whether or not the thread is done by its end).
    h.step();
    assert!(h.query_by_label("Opening long-inquiry.txt…").is_some());
    let size = newsmark::gui::app::size_words(bytes);
    assert!(
        h.query_all_by_label_contains(&size).next().is_some(),
        "the size ({size}) is shown"
    );
    assert!(h.state().title().contains("Opening long-inquiry.txt"));
    wait_until(&mut h, "the document", |h| h.state().doc.is_some());
    h.run();
    assert!(h.query_by_label("Opening long-inquiry.txt…").is_none());
    let state = h.state();
    assert!(state.status_text().unwrap().starts_with("Opened "));
    assert!(state.view.stats.blocks_painted > 0, "the text is drawn");
    assert!(state.title().contains("long-inquiry"));

    // A second file asked for while one is being read waits its turn, said so.
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Another article.\n").unwrap();
    h.state_mut().request_open(article.clone());
    h.state_mut().request_open(other.clone());
    assert!(h.state().status_text().unwrap().contains("Still opening"));
    assert!(
        h.state_mut()
            .finish_opening(std::time::Duration::from_secs(10))
    );
    h.run();
    assert_eq!(
        h.state().doc.as_ref().unwrap().opened_path(),
        article.as_path()
    );

    // A file that cannot be opened still reaches the same dialog and status line.
    h.state_mut().request_open(dir.path().join("missing.txt"));
    wait_until(&mut h, "the error", |h| h.state().opening.is_none());
    h.run();
    assert!(h.query_by_label("Cannot open the file").is_some());
    assert!(h.state().doc.is_none());
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

fn add_span(
    h: &mut Harness<'_, NewsmarkApp>,
    label: &str,
    needle: &str,
    review: newsmark::model::Review,
) -> newsmark::model::SpanId {
    let start = find(h, needle);
    let app = h.state_mut();
    let doc = app.doc.as_mut().unwrap();
    let Edit::AddSpan(mut span) = doc.new_span(label, start..start + needle.chars().count()) else {
        unreachable!()
    };
    span.review = review;
    if review == newsmark::model::Review::Suggested {
        span.origin = Some("rule:test".into());
    }
    let id = span.id;
    doc.apply(Edit::AddSpan(span)).unwrap();
    h.run();
    id
}

fn click_span(h: &mut Harness<'_, NewsmarkApp>, needle: &str) {
    let offset = find(h, needle) + 1;
    let pos = char_pos(h, offset);
    past_double_click(h);
    h.hover_at(pos);
    h.run();
    h.drag_at(pos);
    h.run();
    h.drop_at(pos);
    h.run();
}

#[test]
fn linking_quotes_to_speakers_and_who_said_what() {
    use newsmark::model::Review::Accepted;
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    let quote = add_span(
        &mut h,
        "QUOTE",
        "We will not go back to the cranes,",
        Accepted,
    );
    let person = add_span(&mut h, "PERSON", "Daniel Okafor", Accepted);
    let date = add_span(&mut h, "DATE", "Monday", Accepted);
    h.state_mut().select_span(quote);
    h.run();
    // Ctrl+K, then click the speaker: the schema's only QUOTE→PERSON type, said_by.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    click_span(&mut h, "Daniel Okafor");
    let set = h.state().doc.as_ref().unwrap().set();
    let links: Vec<_> = set
        .relations()
        .map(|r| (r.label.clone(), r.from, r.to))
        .collect();
    assert_eq!(links, vec![("said_by".to_string(), quote, person)]);
    assert_eq!(
        h.state().doc.as_ref().unwrap().view_state.selected_span,
        Some(quote),
        "the quote stays selected"
    );
    assert!(
        h.state().view.span_rect(quote).is_some() && h.state().view.span_rect(person).is_some()
    );
    // A link the schema does not allow is refused with the reason.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    click_span(&mut h, "Monday");
    assert_eq!(h.state().doc.as_ref().unwrap().set().relation_count(), 1);
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(
        status.contains("Cannot link QUOTE to DATE") && status.contains("said_by"),
        "{status}"
    );
    let _ = date;
    // Undo removes the link.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().set().relation_count(), 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    // Attributes by keyboard: Ctrl+1 steps QUOTE's first attribute (type) to "direct".
    h.state_mut().select_span(quote);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(
        set.span(quote).unwrap().attributes.get("type"),
        Some(&Value::from("direct"))
    );
    // A claim is linked to who made it the same way (the schema picks claimed_by).
    let claim = add_span(&mut h, "CLAIM", "talks would resume", Accepted);
    let org = add_span(&mut h, "ORG", "port authority", Accepted);
    h.state_mut().select_span(claim);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    click_span(&mut h, "port authority");
    let set = h.state().doc.as_ref().unwrap().set();
    assert!(
        set.relations()
            .any(|r| r.label == "claimed_by" && r.from == claim && r.to == org),
        "{:?}",
        h.state().status_text()
    );
    // Who said what lists the quote under its speaker, and the claim under who made it.
    h.get_by_label("Who said what").click();
    h.run();
    assert!(h.query_by_label_contains("Daniel Okafor:").is_some());
    assert!(
        h.query_by_label_contains("port authority claims:")
            .is_some()
    );
    assert!(h.query_by_label_contains("1 quotes, 1 claims").is_some());
}

#[test]
fn a_speaker_is_linked_and_changed_by_keys_alone() {
    use newsmark::model::Review::Accepted;
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    let quote = add_span(
        &mut h,
        "QUOTE",
        "We will not go back to the cranes,",
        Accepted,
    );
    let person = add_span(&mut h, "PERSON", "Daniel Okafor", Accepted);
    let org = add_span(&mut h, "ORG", "port authority", Accepted);
    let speaker = |h: &Harness<'_, NewsmarkApp>| {
        let set = h.state().doc.as_ref().unwrap().set();
        let links: Vec<_> = set
            .relations()
            .filter(|r| r.label == "said_by" && r.from == quote)
            .map(|r| r.to)
            .collect();
        links
    };
    // Ctrl+K on the quote, Tab to the target, Enter links (Enter does not review it).
    h.state_mut().select_span(quote);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(status.contains("Link to PERSON"), "{status}");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(speaker(&h), vec![person]);
    assert_eq!(
        h.state().doc.as_ref().unwrap().view_state.selected_span,
        Some(quote)
    );
    // Alt+S steps the speaker to the next candidate nearby (the person first, then the
    // organisation in the paragraph after), round; one link all along.
    h.key_press_modifiers(Modifiers::ALT, Key::S);
    h.run();
    assert_eq!(speaker(&h), vec![org]);
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(status.contains("2 of 2 nearby"), "{status}");
    h.key_press_modifiers(Modifiers::ALT, Key::S);
    h.run();
    assert_eq!(speaker(&h), vec![person]);
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::S);
    h.run();
    assert_eq!(speaker(&h), vec![org]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(speaker(&h), vec![person], "one undo step per key");
    // Link mode ends with any other command, said in the status line: Ctrl+F is a find.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.state().find.is_some());
    assert_eq!(h.state().status_text(), Some("Linking cancelled"));
    // Who said what marks a suggestion as one: it is nobody's word yet.
    add_span(
        &mut h,
        "QUOTE",
        "talks would resume",
        newsmark::model::Review::Suggested,
    );
    h.get_by_label("Who said what").click();
    h.run();
    assert!(h.query_by_label_contains("Daniel Okafor:").is_some());
    assert!(
        h.query_by_label_contains("(no speaker) (suggested):")
            .is_some()
    );
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

#[test]
fn the_side_panel_keeps_its_width_whatever_its_tab_shows() {
    use newsmark::model::Review::Accepted;
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("long.txt");
    let said = "We will not go back to the cranes until the port authority puts every promise of the last three years in writing and signs it";
    std::fs::write(
        &article,
        format!("\u{201c}{said},\u{201d} said Daniel Okafor.\n"),
    )
    .unwrap();
    let mut h = open(&article);
    // Rows longer than the panel: a long quote, in the span list and in who said what.
    let quote = add_span(&mut h, "QUOTE", said, Accepted);
    add_span(&mut h, "CLAIM", &said[30..], Accepted);
    h.state_mut().select_span(quote);
    h.run();
    let left = |h: &Harness<'_, NewsmarkApp>| h.get_by_label("Selected").rect().left();
    let first = left(&h);
    for tab in ["Spans", "Who said what", "Document", "Selected"] {
        h.get_by_label(tab).click();
        h.run_steps(3);
        assert!(
            (left(&h) - first).abs() < 0.5,
            "{tab}: the panel moved from {first} to {}",
            left(&h)
        );
    }
}

#[test]
fn suggestions_are_reviewed_one_key_at_a_time_or_all_at_once() {
    use newsmark::model::Review::{Accepted, Suggested};
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    let first = add_span(&mut h, "GPE", "Zürich", Suggested);
    let second = add_span(&mut h, "DATE", "Monday", Suggested);
    let third = add_span(&mut h, "ORG", "port authority", Suggested);
    let fourth = add_span(&mut h, "ORG", "union", Suggested);
    h.state_mut().select_span(first);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let review = |h: &Harness<'_, NewsmarkApp>, id| {
        h.state()
            .doc
            .as_ref()
            .unwrap()
            .set()
            .span(id)
            .map(|s| s.review)
    };
    assert_eq!(review(&h, first), Some(Accepted));
    // The next suggestion is selected: Backspace rejects it.
    let selected = h.state().doc.as_ref().unwrap().view_state.selected_span;
    assert!(selected.is_some() && selected != Some(first));
    h.state_mut().select_span(second);
    h.run();
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(review(&h, second), None, "rejected suggestions are removed");
    // Accept all ORG suggestions at once, one undo step.
    h.state_mut().select_span(third);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert_eq!(
        (review(&h, third), review(&h, fourth)),
        (Some(Accepted), Some(Accepted))
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        (review(&h, third), review(&h, fourth)),
        (Some(Suggested), Some(Suggested))
    );
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

#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropped_files_open_and_view_settings_change() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = harness(NewsmarkApp::new(
        Some(dir.path().join("settings.json")),
        false,
    ));
    assert!(
        h.query_by_label_contains("Open an article").is_some(),
        "the welcome screen"
    );
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(article.clone())));
    h.run();
    assert!(h.state().doc.is_some(), "a dropped file opens");
    // Text size and theme, kept in the settings file.
    let size = h.state().view.font_size;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert_eq!(h.state().view.font_size, size + 1.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    assert!(h.ctx.global_style().visuals.dark_mode, "dark theme");
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("settings.json")).unwrap())
            .unwrap();
    assert_eq!(saved["dark_mode"], true);
    assert_eq!(saved["font_size"].as_f64(), Some(f64::from(size + 1.0)));
    // Label names above spans: on by default, off from the View menu (rows get shorter).
    label_text(
        &mut h,
        "Daniel Okafor",
        "Daniel Okafor".chars().count(),
        "p",
    );
    label_text(&mut h, "Zürich", "Zürich".chars().count(), "g");
    h.run();
    assert_eq!(h.state().view.stats.tags_painted, 2, "PERSON and GPE tags");
    let tall = h.state().view.row_height();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Label names above spans").click();
    h.run();
    assert_eq!(h.state().view.stats.tags_painted, 0);
    assert!(h.state().view.row_height() < tall);
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("settings.json")).unwrap())
            .unwrap();
    assert_eq!(saved["label_tags"], false);
    // The file is in the recent list of a new window with the same settings.
    let mut h2 = harness(NewsmarkApp::new(
        Some(dir.path().join("settings.json")),
        false,
    ));
    assert_eq!(
        h2.state()
            .settings
            .recent_files
            .first()
            .map(|p| p.file_name()),
        Some(article.file_name())
    );
    h2.get_by_label_contains("story.txt").click();
    h2.run();
    assert!(
        h2.state().doc.is_some(),
        "a recent file opens from the welcome screen"
    );
}

#[test]
fn a_recent_file_no_longer_there_is_shown_off_and_can_be_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("here.txt");
    std::fs::write(&here, "Ana Lima spoke.\n").unwrap();
    let gone = dir.path().join("gone.txt");
    let settings = dir.path().join("settings.json");
    std::fs::write(
        &settings,
        serde_json::json!({ "recent_files": [gone, here] }).to_string(),
    )
    .unwrap();
    let mut h = harness(NewsmarkApp::new(Some(settings.clone()), false));
    h.run();
    let shown_off = h.get_by_label_contains("gone.txt (not found)");
    assert!(shown_off.accesskit_node().is_disabled());
    h.get_by_label("Forget the files not found").click();
    h.run();
    assert!(h.query_by_label_contains("gone.txt").is_none());
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&settings).unwrap()).unwrap();
    let kept: Vec<&str> = saved["recent_files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(kept, [here.to_str().unwrap()]);
    // The one still there opens as before.
    h.get_by_label_contains("here.txt").click();
    h.run();
    assert!(h.state().doc.is_some());
}

#[test]
fn suggest_from_the_window_then_accept_all_quotes() {
    let (_dir, article) = copy_sample("harbour-strike.txt");
    let mut h = open(&article);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    let suggested_quotes = set
        .spans_ordered()
        .filter(|s| s.label == "QUOTE" && s.review == newsmark::model::Review::Suggested)
        .count();
    assert!(
        suggested_quotes >= 10,
        "quotes suggested: {suggested_quotes}"
    );
    assert!(set.relations().any(|r| r.label == "said_by"));
    // The first suggestion is selected; select a quote and accept all quotes at once.
    let quote = set.spans_ordered().find(|s| s.label == "QUOTE").unwrap().id;
    h.state_mut().select_span(quote);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    assert!(
        set.spans_ordered()
            .filter(|s| s.label == "QUOTE")
            .all(|s| s.review == newsmark::model::Review::Accepted)
    );
    // Suggesting again adds nothing new.
    let before = set.span_count();
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().set().span_count(), before);
}

#[test]
fn export_and_import_from_the_window() {
    let (dir, article) = copy_sample("council-budget.json");
    let mut h = open(&article);
    let spans = h.state().doc.as_ref().unwrap().set().span_count();
    let out = dir.path().join("brat-out");
    // Escape closes the form, as Cancel does.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    assert!(h.query_by_label("Export now").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Export now").is_none());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    replace_text(&mut h, "Output folder:", &out.display().to_string());
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label("brat").click();
    h.run();
    run_job(&mut h, "Export now");
    assert!(
        h.query_by_label_contains("Done: 1 document(s)").is_some(),
        "export finished"
    );
    let ann = std::fs::read_to_string(out.join("council-budget.ann")).unwrap();
    assert_eq!(
        ann.lines().filter(|l| l.starts_with('T')).count(),
        spans,
        "one text-bound annotation per span"
    );
    assert!(out.join("annotation.conf").is_file());
    h.get_by_label("Close").click();
    h.run();

    // Import the brat folder back and open the result.
    let imported = dir.path().join("imported");
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    h.get_by_label("Files or folders (one per line):").focus();
    h.run();
    h.get_by_label("Files or folders (one per line):")
        .type_text(&out.join("council-budget.ann").display().to_string());
    replace_text(&mut h, "Output folder:", &imported.display().to_string());
    // As a model's output to review: every imported span arrives as a suggestion.
    h.get_by_label_contains("as suggestions to review").click();
    h.run();
    run_job(&mut h, "Import now");
    if h.query_by_label_contains("Open ").is_none() {
        let log = std::fs::read_to_string(imported.join("newsmark-import-report.log"))
            .unwrap_or_default();
        panic!("no Open button; report: {log}");
    }
    h.get_by_label_contains("Open ").click();
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(set.span_count(), spans, "every exported span comes back");
    assert!(
        set.spans_ordered()
            .all(|s| s.review == newsmark::model::Review::Suggested
                && s.origin.as_deref() == Some("import:brat")),
        "imported as suggestions"
    );
    assert!(
        h.state()
            .doc
            .as_ref()
            .unwrap()
            .save_path()
            .starts_with(&imported)
    );
}

#[test]
fn crash_recovery_conflicts_and_a_second_window() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let set_path = dir.path().join("story.json");
    {
        let mut h = open(&article);
        label_text(&mut h, "Zürich", 6, "g");
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
        label_text(&mut h, "Monday", 6, "d");
        h.state_mut().doc.as_mut().unwrap().sync().unwrap();
        // A crash: the window goes away without saving or cleaning up. Its lock file stays,
        // stale as its process is gone; this process lives on, so the file is removed to
        // stand for that (a journal beside a set a live window holds is never offered).
        std::mem::forget(h);
        std::fs::remove_file(newsmark::storage::lock_path(&set_path)).unwrap();
    }
    let saved_before = std::fs::read(&set_path).unwrap();
    let mut h = harness(NewsmarkApp::new(None, false));
    h.state_mut().open_now(&set_path);
    h.run();
    assert!(
        h.query_by_label("Restore unsaved work?").is_some(),
        "recovery is offered"
    );
    assert!(h.query_by_label_contains("1 unsaved edit(s)").is_some());
    // In local time and how long ago, not a raw UTC timestamp.
    assert!(h.query_by_label_contains("(just now)").is_some());
    assert!(h.query_by_label_contains("Z.").is_none());
    h.get_by_label("Restore").click();
    h.run();
    // The crashed window's lock was stale: no second-window warning.
    assert!(h.query_by_label("Open in another window").is_none());
    let labels: Vec<String> = spans(&h).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels,
        vec!["GPE".to_string(), "DATE".to_string()],
        "the unsaved edit is back"
    );
    assert_eq!(
        std::fs::read(&set_path).unwrap(),
        saved_before,
        "the file itself was not touched"
    );

    // Someone else changes the file: saving asks, Cancel keeps their version.
    let mut theirs: Value = serde_json::from_slice(&saved_before).unwrap();
    theirs["annotator"] = "colleague".into();
    std::fs::write(&set_path, serde_json::to_string_pretty(&theirs).unwrap()).unwrap();
    let their_bytes = std::fs::read(&set_path).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.query_by_label("The file changed on disk").is_some(),
        "{:?}",
        h.state().status_text()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        std::fs::read(&set_path).unwrap(),
        their_bytes,
        "never overwritten silently"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Overwrite").click();
    h.run();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&set_path).unwrap()).unwrap();
    assert_eq!(saved["spans"].as_array().unwrap().len(), 2);

    // A second window on the same set is warned.
    let mut second = harness(NewsmarkApp::new(None, false));
    second.state_mut().open_now(&set_path);
    second.run();
    assert!(second.query_by_label("Open in another window").is_some());
}

#[test]
fn reanchoring_onto_a_changed_article_keeps_every_span() {
    let (dir, set_path) = copy_sample("council-budget.json");
    let mut h = open(&set_path);
    let set = h.state().doc.as_ref().unwrap().set();
    let before: Vec<(String, String)> = set
        .spans_ordered()
        .map(|s| (s.label.clone(), set.span_text(s).to_string()))
        .collect();
    // A span whose words occur once in the article (so they cannot be found elsewhere).
    let first = set
        .spans_ordered()
        .find(|s| {
            let t = set.span_text(s);
            t.chars().count() > 8
                && set.text().as_str().matches(t).count() == 1
                && !set
                    .spans_ordered()
                    .any(|o| o.id != s.id && o.start < s.end && s.start < o.end)
        })
        .unwrap()
        .clone();
    let first_text = set.span_text(&first).to_string();
    // The article gains a paragraph at the top and loses the first span's words.
    let changed = format!(
        "Editor's note: updated.\n\n{}",
        set.text().as_str().replacen(&first_text, "", 1)
    );
    let article = dir.path().join("changed.txt");
    std::fs::write(&article, &changed).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    h.run();
    h.get_by_label("Path:")
        .type_text(&article.display().to_string());
    h.run();
    h.get_by_label("Re-anchor").click();
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(set.text().as_str(), changed);
    for span in set.spans_ordered() {
        assert!(
            before.contains(&(span.label.clone(), set.span_text(span).to_string())),
            "moved with its text"
        );
    }
    assert!(
        set.span_count() < before.len(),
        "the removed words' span is not placed"
    );
    assert!(
        h.query_by_label_contains("could not be placed").is_some(),
        "the report says so"
    );
    let sidecar = std::fs::read_to_string(dir.path().join("council-budget.unplaced.json")).unwrap();
    assert!(
        sidecar.contains(&first_text.replace('"', "\\\"")),
        "the unplaced span is kept beside the set"
    );
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
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
fn a_models_predictions_on_the_open_article_come_in_as_suggestions() {
    // The "model": the gold set of the article written as a spaCy DocBin.
    let dir = tempfile::tempdir().unwrap();
    let gold = newsmark::formats::open_path(&sample_dir().join("harbour-strike.json"), None)
        .unwrap()
        .set;
    let options = newsmark::formats::registry::ExportOptions::default();
    let mut writer = newsmark::formats::registry::ExportFormat::Spacy.writer(&options);
    let written = writer.add("harbour-strike", &gold).spans_written;
    let docbin = dir.path().join("predictions.spacy");
    std::fs::write(&docbin, writer.finish().remove(0).bytes).unwrap();

    // The analyst has the article open with one span of their own.
    let (_article_dir, article) = copy_sample("harbour-strike.txt");
    let mut h = open(&article);
    let own = gold.spans_ordered().next().unwrap();
    let id = add_span(
        &mut h,
        &own.label,
        gold.span_text(own),
        newsmark::model::Review::Accepted,
    );
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(set.span(id).unwrap().range(), own.range());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    h.get_by_label("Path:")
        .type_text(&docbin.display().to_string());
    h.run();
    h.get_by_label("Add suggestions").click();
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    let suggested = set
        .spans_ordered()
        .filter(|s| s.review == newsmark::model::span::Review::Suggested)
        .count();
    assert_eq!(suggested, written - 1, "all but the span already there");
    assert!(
        set.spans_ordered()
            .filter(|s| s.review == newsmark::model::span::Review::Suggested)
            .all(|s| s.origin.as_deref() == Some("import:spacy"))
    );
    assert!(
        h.state()
            .status_text()
            .unwrap_or_default()
            .contains("suggestions from predictions.spacy"),
        "{:?}",
        h.state().status_text()
    );
    // The span list can show only what awaits review.
    h.get_by_label("Spans").click();
    h.run();
    h.get_by_label("Suggestions only").click();
    h.run();
    assert!(
        h.query_by_label_contains(&format!("{} of {} spans", written - 1, written))
            .is_some(),
        "the list shows the suggestions only"
    );
    // Enter accepts the selected one; one undo takes back the rest of the import.
    h.key_press(Key::Enter);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(spans(&h).len(), 1, "only the analyst's own span is left");

    // Predictions made on another version of the article (a line added at the top) are
    // moved onto this text by their words and context.
    let other_version = format!("Updated at 10:00.\n\n{}", gold.text().as_str());
    let (moved, _) = newsmark::model::reanchor::reanchor(&gold, &other_version);
    let mut writer = newsmark::formats::registry::ExportFormat::Spacy.writer(&options);
    writer.add("other-version", &moved);
    let other_docbin = dir.path().join("other-version.spacy");
    std::fs::write(&other_docbin, writer.finish().remove(0).bytes).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    h.get_by_label("Path:")
        .type_text(&other_docbin.display().to_string());
    h.run();
    h.get_by_label("Add suggestions").click();
    h.run();
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(status.contains("another version of the text"), "{status}");
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(
        set.span_count(),
        written,
        "every span found its place: {status}"
    );
    for span in set.spans_ordered() {
        assert!(
            gold.spans_ordered()
                .any(|g| g.label == span.label && g.range() == span.range()),
            "{} {:?} is where the gold set has it",
            span.label,
            span.range()
        );
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(spans(&h).len(), 1);

    // A file about another article is refused, and nothing changes.
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Another article entirely.\n").unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    h.get_by_label("Path:")
        .type_text(&other.display().to_string());
    h.run();
    h.get_by_label("Add suggestions").click();
    h.run();
    assert!(h.query_by_label_contains("Not this article").is_some());
    assert_eq!(spans(&h).len(), 1);
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

/// The open set.
fn set_of<'a>(h: &'a Harness<'_, NewsmarkApp>) -> &'a newsmark::model::AnnotationSet {
    h.state().doc.as_ref().unwrap().set()
}

/// The set in the window, as a digest of its annotations.
fn digest(h: &Harness<'_, NewsmarkApp>) -> String {
    newsmark::session::state_digest(h.state().doc.as_ref().unwrap().set())
}

fn selected(h: &Harness<'_, NewsmarkApp>) -> Option<newsmark::model::SpanId> {
    h.state().doc.as_ref().unwrap().view_state.selected_span
}

#[test]
fn ctrl_g_reads_the_gazetteer_as_newsmark_suggest_does() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    // UTF-16 with a byte order mark, as Windows Notepad saves it.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "ORG\tport authority\nPERSON\tDaniel Okafor\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let gazetteer = dir.path().join("gazetteer.txt");
    std::fs::write(&gazetteer, &bytes).unwrap();
    let mut h = open(&article);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    let in_window: Vec<(String, String)> = spans(&h);
    assert!(
        in_window.contains(&("ORG".to_string(), "port authority".to_string())),
        "{in_window:?}"
    );
    // `newsmark suggest --gazetteer` on a copy gives the same suggestions.
    let other = tempfile::tempdir().unwrap();
    let copy = write_article(other.path());
    let args = newsmark::cli::suggest::SuggestArgs {
        files: vec![copy.clone()],
        gazetteer: Some(gazetteer.clone()),
        ..Default::default()
    };
    let mut out = Vec::new();
    assert_eq!(newsmark::cli::suggest::run(&args, &mut out).unwrap(), 0);
    let written = newsmark::formats::open_path(&copy.with_extension("json"), None).unwrap();
    let on_the_command_line: Vec<(String, String)> = written
        .set
        .spans_ordered()
        .map(|s| (s.label.clone(), written.set.span_text(s).to_string()))
        .collect();
    assert_eq!(in_window, on_the_command_line);

    // A bad line: refused with its number, and nothing suggested until it is fixed.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(spans(&h).is_empty());
    std::fs::write(&gazetteer, "ORG\tport authority\nPERSON Daniel Okafor\n").unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    assert!(h.query_by_label("The gazetteer has problems").is_some());
    assert!(
        h.query_by_label_contains("line 2: expected LABEL<TAB>name")
            .is_some()
    );
    assert!(spans(&h).is_empty(), "nothing applied until fixed");
}

#[test]
fn accepting_in_the_window_does_what_suggest_review_says() {
    use newsmark::suggest::review;
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    let mut accepted = 0;
    while let Some(id) = selected(&h) {
        let mut expected = h.state().doc.as_ref().unwrap().set().clone();
        let edit = review::accept(&expected, id).unwrap();
        newsmark::model::apply(&mut expected, edit).unwrap();
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(
            digest(&h),
            newsmark::session::state_digest(&expected),
            "accepting span {id:?} in the window is review::accept"
        );
        accepted += 1;
        assert!(accepted < 50, "the review ends");
    }
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(accepted, set.span_count());
    // Both ends accepted: their links came along, as review::accept documents.
    assert!(set.relation_count() > 0);
    assert!(set.relations().all(|r| r.review.is_accepted()));

    // "Accept all of this label" is review::accept_all.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let quote = set_of(&h)
        .spans_ordered()
        .find(|s| s.label == "QUOTE" && s.review == newsmark::model::Review::Suggested)
        .map(|s| s.id);
    if let Some(quote) = quote {
        h.state_mut().select_span(quote);
        let mut expected = h.state().doc.as_ref().unwrap().set().clone();
        let edit = review::accept_all(&expected, "QUOTE");
        newsmark::model::apply(&mut expected, edit).unwrap();
        h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
        h.run();
        assert_eq!(digest(&h), newsmark::session::state_digest(&expected));
    }
}

#[test]
fn the_side_panels_delete_is_the_del_key() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    label_text(
        &mut h,
        "Daniel Okafor",
        "Daniel Okafor".chars().count(),
        "p",
    );
    let before_delete = digest(&h);
    assert!(selected(&h).is_some());
    h.get_by_label("Delete").click();
    h.run();
    assert!(spans(&h).is_empty());
    assert_eq!(
        selected(&h),
        None,
        "the selection is cleared, as Del clears it"
    );
    let after_panel = digest(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(digest(&h), before_delete, "one undo step");
    let id = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .set()
        .spans_ordered()
        .next()
        .unwrap()
        .id;
    h.state_mut().select_span(id);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(digest(&h), after_panel);
    assert_eq!(selected(&h), None);
}

#[test]
fn the_side_panel_keeps_its_width_when_a_span_is_selected() {
    let (_dir, article) = copy_sample("harbour-strike.txt");
    let mut h = open(&article);
    let left = |h: &Harness<'_, NewsmarkApp>| h.get_by_label("Selected").rect().left();
    let before = left(&h);
    // A suggested quote with its links (the rows the panel grew for) ...
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    let set = set_of(&h);
    let quote = set
        .spans_ordered()
        .find(|s| s.label == "QUOTE" && set.relations_of(s.id).count() >= 2)
        .map(|s| s.id)
        .unwrap();
    h.state_mut().select_span(quote);
    h.run();
    assert_eq!(selected(&h), Some(quote));
    let with_links = left(&h);
    assert!(
        (with_links - before).abs() < 1.0,
        "the side panel moved from x = {before} to {with_links}"
    );
    // ... and a span with a long text.
    let len = h.state().doc.as_ref().unwrap().set().text().char_len();
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection {
            anchor: 0,
            cursor: len.min(1500),
        };
    type_key(&mut h, "q");
    h.run();
    let long = left(&h);
    assert!(
        (long - before).abs() < 1.0,
        "the side panel moved from x = {before} to {long}"
    );
}

/// Opening a set with problems lists them, and says how many left an item out: counted from
/// each problem's outcome, not its wording.
#[test]
fn the_load_report_counts_the_items_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let mut set = newsmark::model::AnnotationSet::new(
        newsmark::model::Document::new("Ana Lima spoke in Zürich.\n"),
        newsmark::model::Schema::default(),
    );
    newsmark::formats::save_set(&mut set, &path).unwrap();
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    value["spans"] = serde_json::json!([
        {"id": 1, "label": "PERSON", "start": 0, "end": 8, "text": "Ana Lyma"},
        {"id": 2, "label": "GPE", "start": 18, "end": 99, "text": "Zürich"}
    ]);
    std::fs::write(&path, value.to_string()).unwrap();
    let mut h = open(&path);
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().set().span_count(), 1);
    assert!(
        h.query_by_label_contains(
            "2 problem(s) were found while loading; 1 of them left an item out"
        )
        .is_some()
    );
    assert!(
        h.query_by_label_contains("left out (its text was \"Zürich\")")
            .is_some()
    );
}
