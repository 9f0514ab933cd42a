//! The real window, driven headless with egui_kittest: open, select, label, undo, redo, save,
//! and check the saved file. One test binary, its tests by concern: `editing` (selecting and
//! labelling by pointer and keys, find, drawing), `links` (speakers, who said what, the side
//! panel), `suggestions` (rules, models and gazetteers, reviewed in the window), `files`
//! (opening, saving, recovery, exports, imports, changes from outside); what they share is
//! here.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
mod editing;
mod files;
mod links;
mod suggestions;
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
