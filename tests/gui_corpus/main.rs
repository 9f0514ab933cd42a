//! The corpus in the real window, driven headless with egui_kittest. One test binary, its
//! tests by concern: here the documents panel (open a folder, move between documents, mark
//! done, what happens to edits on a switch, saves and changes from outside, checked in the
//! saved files); `team` (annotators, agreement, curation); `tools` (find in the corpus, the
//! dashboard, the labels editor, suggestions for the whole corpus, export). What they share is
//! here.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
mod team;
mod tools;
use common::{harness, wait_until};

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use newsmark::gui::NewsmarkApp;
use newsmark::gui::command::Command;
use serde_json::Value;

/// A corpus of three articles (one non-ASCII) and one whose set is not JSON.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("a.txt"),
        "Daniel Okafor spoke in Zürich on Monday.\n",
    )
    .unwrap();
    std::fs::write(root.join("b.txt"), "The port authority met the union.\n").unwrap();
    std::fs::create_dir(root.join("world")).unwrap();
    std::fs::write(
        root.join("world/c.txt"),
        "«Nous reprendrons», a dit Amélie Durand.\n",
    )
    .unwrap();
    std::fs::write(root.join("d.txt"), "A broken set sits beside this one.\n").unwrap();
    std::fs::write(root.join("d.json"), "{ not json").unwrap();
    dir
}

fn open_corpus(root: &Path) -> Harness<'static, NewsmarkApp> {
    let mut app = NewsmarkApp::new(None, false);
    app.open_now(root);
    assert!(app.workspace.is_some(), "{:?}", app.status_text());
    harness(app)
}

fn open_article(h: &Harness<'_, NewsmarkApp>) -> String {
    let doc = h.state().doc.as_ref().unwrap();
    doc.opened_path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn add_span(h: &mut Harness<'_, NewsmarkApp>, label: &str, needle: &str) {
    let doc = h.state_mut().doc.as_mut().unwrap();
    let text = doc.set().text().as_str().to_string();
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    let edit = doc.new_span(label, start..start + needle.chars().count());
    doc.apply(edit).unwrap();
    h.run();
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Two annotators' sets of one article, written through the library: both mark Zürich, and
/// they disagree on how much of the name is PERSON.
fn two_annotators() -> tempfile::TempDir {
    use newsmark::model::edit::{Edit, apply};
    use newsmark::model::{AnnotationSet, Document, Schema, Span, SpanId};
    let dir = tempfile::tempdir().unwrap();
    let text = "Daniel Okafor spoke in Zürich on Monday.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    for (name, person) in [("ana", 0..13), ("ben", 7..13)] {
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        set.annotator = Some(name.to_string());
        let edit = Edit::Batch(vec![
            Edit::AddSpan(Span::new(SpanId(1), "PERSON", person)),
            Edit::AddSpan(Span::new(SpanId(2), "GPE", 23..29)),
        ]);
        apply(&mut set, edit).unwrap();
        newsmark::formats::save_set(&mut set, &dir.path().join(format!("a.{name}.json"))).unwrap();
    }
    dir
}

#[test]
fn the_panel_lists_every_article_with_its_state_and_a_click_opens_it() {
    let dir = corpus();
    let mut h = open_corpus(dir.path());
    let name = dir
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        h.state().title().starts_with(&name),
        "{}",
        h.state().title()
    );
    for row in ["a.txt (new)", "b.txt (new)", "world/c.txt (new)"] {
        h.get_by_label(row);
    }
    // The broken set is listed with its problem, and nothing opened it.
    let workspace = h.state().workspace.as_ref().unwrap();
    let broken = workspace
        .rows
        .iter()
        .find(|r| r.article == "d.txt")
        .unwrap();
    assert!(!broken.problems.is_empty(), "{broken:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("d.json")).unwrap(),
        "{ not json"
    );
    h.get_by_label("0 of 4 done");

    h.get_by_label("b.txt (new)").click();
    h.run();
    assert_eq!(open_article(&h), "b.txt");
    assert!(h.state().title().contains(&name));
    // Opening wrote nothing.
    assert!(!dir.path().join("b.json").exists());
}

#[test]
fn next_previous_and_next_unfinished_move_through_the_list() {
    let dir = corpus();
    let mut h = open_corpus(dir.path());
    h.state_mut().send(Command::NextDocument);
    h.run();
    assert_eq!(open_article(&h), "a.txt");
    h.state_mut().send(Command::NextDocument);
    h.run();
    assert_eq!(open_article(&h), "b.txt");
    h.state_mut().send(Command::PreviousDocument);
    h.run();
    assert_eq!(open_article(&h), "a.txt");
    // Next unfinished skips a done document.
    h.state_mut().send(Command::MarkDone);
    h.run();
    assert_eq!(open_article(&h), "b.txt");
    h.state_mut().send(Command::PreviousDocument);
    h.run();
    assert_eq!(open_article(&h), "a.json");
    h.state_mut().send(Command::NextUnfinished);
    h.run();
    assert_eq!(open_article(&h), "b.txt");
}

#[test]
fn mark_done_writes_the_status_and_moves_on() {
    let dir = corpus();
    let mut h = open_corpus(dir.path());
    h.get_by_label("a.txt (new)").click();
    h.run();
    add_span(&mut h, "PERSON", "Daniel Okafor");
    h.state_mut().send(Command::MarkDone);
    h.run();
    let saved = read(&dir.path().join("a.json"));
    assert_eq!(saved["status"], "done");
    assert_eq!(saved["spans"].as_array().unwrap().len(), 1);
    assert_eq!(open_article(&h), "b.txt");
    h.get_by_label("a.txt (done)");
    h.get_by_label("1 of 4 done");
    h.state_mut().send(Command::PreviousDocument);
    h.run();
    assert_eq!(open_article(&h), "a.json");
    assert_eq!(
        h.state().doc.as_ref().unwrap().set().status,
        Some(newsmark::model::set::Status::Done)
    );
    // Marking done is an edit like any other: undone before the switch, nothing is saved.
    h.state_mut()
        .doc
        .as_mut()
        .unwrap()
        .apply(newsmark::model::Edit::SetStatus(None))
        .unwrap();
    h.state_mut().send(Command::Undo);
    h.run();
    assert_eq!(
        h.state().doc.as_ref().unwrap().set().status,
        Some(newsmark::model::set::Status::Done)
    );
}

#[test]
fn switching_with_unsaved_edits_saves_them_without_asking() {
    let dir = corpus();
    let mut h = open_corpus(dir.path());
    h.get_by_label("world/c.txt (new)").click();
    h.run();
    add_span(&mut h, "PERSON", "Amélie Durand");
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
    h.get_by_label("a.txt (new)").click();
    h.run();
    assert_eq!(open_article(&h), "a.txt");
    let saved = read(&dir.path().join("world/c.json"));
    let span = &saved["spans"][0];
    assert_eq!(span["text"], "Amélie Durand");
    assert_eq!(span["start"], 26);
    h.get_by_label("world/c.txt (in progress)");

    // A file changed on disk meanwhile is a conflict: the dialog shows, the window stays.
    h.get_by_label("world/c.txt (in progress)").click();
    h.run();
    add_span(&mut h, "PERSON", "Nous");
    let mut theirs = read(&dir.path().join("world/c.json"));
    theirs["spans"] = serde_json::json!([]);
    std::fs::write(
        dir.path().join("world/c.json"),
        serde_json::to_string_pretty(&theirs).unwrap(),
    )
    .unwrap();
    h.state_mut().send(Command::PreviousDocument);
    h.run();
    h.get_by_label("The file changed on disk");
    assert_eq!(open_article(&h), "c.json");
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
    // Their version is still on disk: nothing was replaced.
    assert_eq!(
        read(&dir.path().join("world/c.json"))["spans"],
        serde_json::json!([])
    );
}

#[test]
fn a_folder_with_an_annotator_saves_that_annotators_set() {
    let dir = corpus();
    let mut app = NewsmarkApp::new(None, false);
    app.settings.annotator = "alice".into();
    app.open_now(dir.path());
    let mut h = harness(app);
    h.get_by_label("b.txt (new)").click();
    h.run();
    add_span(&mut h, "ORG", "port authority");
    h.get_by_label("a.txt (new)").click();
    h.run();
    let saved = read(&dir.path().join("b.alice.json"));
    assert_eq!(saved["annotator"], "alice");
    assert_eq!(saved["spans"][0]["text"], "port authority");
    assert!(!dir.path().join("b.json").exists());
}

#[test]
fn changes_from_outside_reach_the_list_and_the_open_document() {
    let dir = corpus();
    let root = dir.path().to_path_buf();
    let mut h = open_corpus(&root);
    let rows = |h: &Harness<'_, NewsmarkApp>| h.state().workspace.as_ref().unwrap().rows.len();
    let before = rows(&h);
    // A colleague's new article (a `git pull`): it is listed without a restart.
    std::fs::write(root.join("e.txt"), "A new story arrived from outside.\n").unwrap();
    wait_until(&mut h, "the new article in the list", |h| {
        rows(h) == before + 1
    });

    // The open document, with nothing unsaved, is read again when its set changes on disk.
    h.state_mut().send(Command::NextUnfinished);
    h.run();
    add_span(&mut h, "PERSON", "Daniel Okafor");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let set_path = h.state().doc.as_ref().unwrap().save_path().to_path_buf();
    let mut outside = newsmark::formats::open_path(&set_path, None).unwrap().set;
    let e = newsmark::model::edit::add_span(&mut outside, "GPE", 23..29);
    newsmark::model::edit::apply(&mut outside, e).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    newsmark::formats::save_set(&mut outside, &set_path).unwrap();
    wait_until(&mut h, "the open document read again", |h| {
        h.state().doc.as_ref().unwrap().set().span_count() == 2
    });
    // Its row in the list follows too (found under Xvfb: it kept the old count).
    wait_until(&mut h, "the open document's row", |h| {
        let workspace = h.state().workspace.as_ref().unwrap();
        workspace
            .rows
            .iter()
            .any(|r| r.article == "a.txt" && r.spans == 2)
    });

    // With an unsaved edit, the conflict dialog asks instead; nothing is replaced silently.
    add_span(&mut h, "DATE", "Monday");
    let e = newsmark::model::edit::add_span(&mut outside, "ORG", 0..6);
    newsmark::model::edit::apply(&mut outside, e).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    newsmark::formats::save_set(&mut outside, &set_path).unwrap();
    wait_until(&mut h, "the conflict dialog", |h| {
        h.query_by_label("The file changed on disk").is_some()
    });
    assert!(
        h.state().doc.as_ref().unwrap().is_dirty(),
        "the edit is still here"
    );
    assert_eq!(read(&set_path)["spans"].as_array().unwrap().len(), 3);
}

#[test]
fn a_save_shows_in_the_documents_list_at_once_and_a_gold_sets_state_is_shown_too() {
    let dir = two_annotators();
    let mut h = open_corpus(dir.path());
    h.state_mut().settings.annotator = "ana".into();
    h.state_mut().send(Command::OpenDocument(0));
    h.run();
    let row = |h: &Harness<'_, NewsmarkApp>| h.state().workspace.as_ref().unwrap().rows[0].clone();
    let dates = |h: &Harness<'_, NewsmarkApp>| {
        row(h)
            .labels
            .iter()
            .find(|(label, _)| label == "DATE")
            .map_or(0, |(_, n)| *n)
    };
    add_span(&mut h, "DATE", "Monday");
    assert_eq!(dates(&h), 0, "not saved yet: {:?}", row(&h));
    h.state_mut().send(Command::Save);
    h.run();
    assert_eq!(dates(&h), 1, "{:?}", row(&h));
    assert_eq!(row(&h).set.as_deref(), Some("a.ana.json"));
    assert_eq!(row(&h).gold, None);

    // A curator's gold set appears beside the annotator's set, with its state.
    let mut gold = read(&dir.path().join("a.ana.json"));
    gold["annotator"] = "gold".into();
    gold["status"] = "curated".into();
    std::fs::write(
        dir.path().join("a.gold.json"),
        serde_json::to_string_pretty(&gold).unwrap(),
    )
    .unwrap();
    wait_until(&mut h, "the gold set's state in the row", |h| {
        row(h).gold == Some(newsmark::model::set::Status::Curated)
    });
    h.run();
    h.get_by_label_contains("gold curated");
}

#[test]
fn switching_to_another_document_and_back_keeps_undo() {
    let dir = corpus();
    let mut h = open_corpus(dir.path());
    h.get_by_label("world/c.txt (new)").click();
    h.run();
    add_span(&mut h, "PERSON", "Amélie Durand");
    add_span(&mut h, "ORG", "Nous");
    // Away (the edits are saved) and back: the set opens as saved, with its history.
    h.get_by_label("a.txt (new)").click();
    h.run();
    assert_eq!(open_article(&h), "a.txt");
    h.get_by_label("world/c.txt (in progress)").click();
    h.run();
    assert_eq!(open_article(&h), "c.json");
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(status.contains("Undo takes back your 2 steps"), "{status}");
    h.state_mut().send(Command::Undo);
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.set().span_count(), 1);
    assert!(doc.is_dirty());
    // Saved on the next switch, as any edit: the file holds the undone state.
    h.get_by_label("a.txt (new)").click();
    h.run();
    let saved = read(&dir.path().join("world/c.json"));
    assert_eq!(saved["spans"].as_array().unwrap().len(), 1);
    assert_eq!(saved["spans"][0]["text"], "Amélie Durand");

    // Changed on disk while away: the history does not apply, and nothing is said of it.
    h.get_by_label("world/c.txt (in progress)").click();
    h.run();
    add_span(&mut h, "ORG", "Nous");
    h.get_by_label("a.txt (new)").click();
    h.run();
    let mut theirs = read(&dir.path().join("world/c.json"));
    theirs["spans"] = serde_json::json!([]);
    std::fs::write(
        dir.path().join("world/c.json"),
        serde_json::to_string_pretty(&theirs).unwrap(),
    )
    .unwrap();
    h.state_mut().open_now(&dir.path().join("world/c.json"));
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(open_article(&h), "c.json");
    assert_eq!(doc.set().span_count(), 0);
    assert!(!doc.history().can_undo());
    assert!(!h.state().status_text().unwrap_or_default().contains("Undo"));
}

#[test]
fn a_set_changed_on_disk_while_edited_here_is_merged_span_by_span() {
    let dir = corpus();
    let mut h = open_corpus(dir.path());
    h.get_by_label("world/c.txt (new)").click();
    h.run();
    add_span(&mut h, "PERSON", "Amélie Durand");
    h.state_mut().send(Command::Save);
    h.run();
    // This window adds an ORG, unsaved, while someone else's version (a git pull) adds a CUE.
    add_span(&mut h, "ORG", "Nous");
    let set_path = dir.path().join("world/c.json");
    let mut theirs = newsmark::formats::open_path(&set_path, None).unwrap().set;
    let text = theirs.text().as_str().to_string();
    let start = text[..text.find("a dit").unwrap()].chars().count();
    let e = newsmark::model::edit::add_span(&mut theirs, "CUE", start..start + 5);
    newsmark::model::edit::apply(&mut theirs, e).unwrap();
    newsmark::formats::save_set(&mut theirs, &set_path).unwrap();
    h.state_mut().send(Command::Save);
    h.run();
    h.get_by_label("The file changed on disk");
    h.get_by_label("Merge").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    let mut labels: Vec<String> = doc
        .set()
        .spans_unordered()
        .map(|s| s.label.clone())
        .collect();
    labels.sort();
    assert_eq!(labels, ["CUE", "ORG", "PERSON"]);
    assert!(doc.is_dirty());
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(status.contains("no conflict"), "{status}");
    h.state_mut().send(Command::Save);
    h.run();
    assert_eq!(read(&set_path)["spans"].as_array().unwrap().len(), 3);
}
