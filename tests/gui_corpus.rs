//! The corpus in the real window, driven headless with egui_kittest: open a folder, the
//! documents panel, moving between documents, mark done, and what happens to edits on a
//! switch (checked in the saved files).

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)]

mod common;
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

/// A copy of `sample_data/team`: two articles, ana's and ben's sets, a gold set in curation.
fn team_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data/team");
    for entry in std::fs::read_dir(samples).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

#[test]
fn a_name_that_is_not_one_of_the_teams_is_asked_about() {
    let dir = team_sample();
    let mut app = NewsmarkApp::new(None, false);
    app.settings.annotator = "carol".into();
    app.open_now(dir.path());
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains("You annotate as carol, but this corpus is shared by ana, ben");
    h.get_by_label("ana").click();
    h.run();
    assert_eq!(h.state().settings.annotator, "ana");
    // One of the team is not asked.
    let mut app = NewsmarkApp::new(None, false);
    app.settings.annotator = "ben".into();
    app.open_now(dir.path());
    let mut h = harness(app);
    h.run();
    assert!(h.query_by_label_contains("shared by").is_none());
}

#[test]
fn an_article_of_a_shared_corpus_opened_alone_asks_who_is_annotating_and_opens_their_set() {
    let dir = team_sample();
    let mut app = NewsmarkApp::new(None, false);
    app.open_now(&dir.path().join("library-closure.txt"));
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains("belongs to the corpus in");
    h.get_by_label("ben").click();
    h.run();
    assert_eq!(h.state().settings.annotator, "ben");
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.save_path(), dir.path().join("library-closure.ben.json"));
    assert!(doc.set().span_count() > 0, "ben's set, with his work");
    // "Not now" keeps the one story.json, as asked; a named window is not asked.
    let mut app = NewsmarkApp::new(None, false);
    app.open_now(&dir.path().join("ferry-fares.txt"));
    let mut h = harness(app);
    h.run();
    h.get_by_label("Not now").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.save_path(), dir.path().join("ferry-fares.json"));
    let mut app = NewsmarkApp::new(None, false);
    app.settings.annotator = "ana".into();
    app.open_now(&dir.path().join("ferry-fares.txt"));
    let mut h = harness(app);
    h.run();
    assert!(h.query_by_label_contains("belongs to the corpus").is_none());
    assert_eq!(
        h.state().doc.as_ref().unwrap().save_path(),
        dir.path().join("ferry-fares.ana.json")
    );
}

#[test]
fn a_shared_corpus_asks_who_is_annotating_and_the_name_picks_the_sets() {
    let dir = team_sample();
    let settings = dir.path().join("settings.json");
    let mut app = NewsmarkApp::new(Some(settings.clone()), false);
    app.open_now(dir.path());
    let mut h = harness(app);
    h.run();
    // No name yet: the window asks, naming the corpus's annotators.
    h.get_by_label_contains("This corpus is shared by ana, ben");
    h.get_by_label("ben").click();
    h.run();
    assert_eq!(h.state().settings.annotator, "ben");
    assert_eq!(read(&settings)["annotator"], "ben");
    // The list shows ben's sets: his library story is still in progress.
    h.get_by_label("library-closure.txt (in progress)");
    h.get_by_label("ferry-fares.txt (done)");
    // Team > Annotator name…: a reserved name is refused, a new one is taken.
    h.get_by_label("Annotator: ben").click();
    h.run();
    common::replace_text(&mut h, "Name:", "Gold");
    h.get_by_label_contains("kept for the corpus's own sets");
    assert!(
        h.get_by_label("Use this name")
            .accesskit_node()
            .is_disabled()
    );
    common::replace_text(&mut h, "Name:", "carol");
    h.get_by_label("Use this name").click();
    h.run();
    assert_eq!(h.state().settings.annotator, "carol");
    h.get_by_label("library-closure.txt (new)").click();
    h.run();
    add_span(&mut h, "PERSON", "Owen Castell");
    h.state_mut().send(Command::Save);
    h.run();
    let saved = read(&dir.path().join("library-closure.carol.json"));
    assert_eq!(saved["annotator"], "carol");
    assert_eq!(saved["spans"][0]["text"], "Owen Castell");
    // Nobody else's file was touched, and no unnamed set appeared.
    assert_eq!(
        read(&dir.path().join("library-closure.ben.json"))["annotator"],
        "ben"
    );
    assert!(!dir.path().join("library-closure.json").exists());
    // Another annotator's set opened on purpose (the agreement view does that) says whose it
    // is, and a save asks before writing into it.
    let hers = dir.path().join("ferry-fares.ana.json");
    let before = std::fs::read(&hers).unwrap();
    h.state_mut().open_now(&hers);
    h.run();
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(
        status.contains("ana's set") && status.contains("as carol"),
        "{status}"
    );
    add_span(&mut h, "LOC", "Port Ellan");
    h.state_mut().send(Command::Save);
    h.run();
    h.get_by_label("Replace the file?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read(&hers).unwrap(), before);
}

#[test]
fn a_corpus_that_names_no_annotators_does_not_ask() {
    let dir = corpus();
    let mut h = open_corpus(dir.path());
    h.run();
    assert!(h.query_by_label_contains("Who is annotating").is_none());
    assert!(h.query_by_label_contains("Annotator:").is_none());
}

#[test]
fn find_in_corpus_lists_hits_a_click_opens_and_label_all_adds_suggestions() {
    let dir = corpus();
    std::fs::write(
        dir.path().join("e.txt"),
        "The union and the Union met; reunion later.\n",
    )
    .unwrap();
    let mut h = open_corpus(dir.path());
    h.get_by_label("a.txt (new)").click();
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    h.run();
    h.run();
    // The keyboard is in the query box: typing goes there, not to the text's label keys.
    h.event(egui::Event::Text("union".into()));
    h.run();
    let find = h.state().workspace.as_ref().unwrap().find.as_ref().unwrap();
    assert_eq!(find.query, "union");
    assert_eq!(h.state().doc.as_ref().unwrap().set().span_count(), 0);
    h.get_by_label("Whole words").click();
    h.run();
    h.get_by_label("Search").click();
    h.run();
    // The search runs on a thread; the window stays responsive meanwhile.
    wait_until(&mut h, "the search", |h| {
        h.state().workspace.as_ref().unwrap().job.is_none()
    });
    h.run();
    h.get_by_label_contains("3 matches of");
    // A click on the second hit of e.txt opens it with the match selected.
    let hits: Vec<(String, std::ops::Range<usize>)> = h
        .state()
        .workspace
        .as_ref()
        .unwrap()
        .find
        .as_ref()
        .unwrap()
        .hits
        .iter()
        .map(|hit| (hit.article.clone(), hit.range.clone()))
        .collect();
    assert_eq!(
        hits,
        [
            ("b.txt".to_string(), 27..32),
            ("e.txt".to_string(), 4..9),
            ("e.txt".to_string(), 18..23)
        ]
    );
    h.get_all_by_label_contains("Union met")
        .nth(1)
        .unwrap()
        .click();
    h.run();
    assert_eq!(open_article(&h), "e.txt");
    let selection = &h.state().doc.as_ref().unwrap().view_state.selection;
    assert_eq!(selection.range(), 18..23);
    // Edit the open document, so it must get its suggestions through its open set.
    h.state_mut().send(Command::ClearSelection);
    h.run();

    // Label all: counts first, then the files.
    h.get_by_label("Suggest as").click();
    h.run();
    h.get_by_label("ORG").click();
    h.run();
    h.get_by_label("Label all in the corpus…").click();
    h.run();
    h.get_by_label_contains("Add 3 ORG suggestions in 2 documents");
    h.get_by_label("Add ORG suggestions").click();
    h.run();
    wait_until(&mut h, "label all", |h| {
        h.state().workspace.as_ref().unwrap().job.is_none()
    });
    h.run();
    let b = read(&dir.path().join("b.json"));
    assert_eq!(b["spans"][0]["text"], "union");
    assert_eq!(b["spans"][0]["review"], "suggested");
    // The open document got its two as one undoable edit, not written behind its back.
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.set().span_count(), 2);
    assert!(doc.is_dirty());
    assert!(!dir.path().join("e.json").exists());
    h.state_mut().send(Command::Undo);
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().set().span_count(), 0);
}

#[test]
fn dashboard_exports_csv_and_guidelines_show_beside_the_text() {
    let dir = corpus();
    std::fs::write(
        dir.path().join("GUIDELINES.md"),
        "# Our rules\n\nMark **every** person.\n",
    )
    .unwrap();
    let mut h = open_corpus(dir.path());
    // The guidelines file is not an article.
    assert_eq!(h.state().workspace.as_ref().unwrap().rows.len(), 4);
    h.state_mut().send(Command::ToggleGuidelines);
    h.run();
    h.get_by_label("Our rules");
    h.state_mut().send(Command::Dashboard);
    h.run();
    h.get_by_label("Export CSV…").click();
    h.run();
    let out = tempfile::tempdir().unwrap();
    h.get_by_label("Path:")
        .type_text(&out.path().display().to_string());
    h.run();
    h.get_by_label("Write CSV").click();
    h.run();
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.is_empty());
    let status = std::fs::read_to_string(
        out.path()
            .join(names.iter().find(|n| n.contains("status")).unwrap()),
    )
    .unwrap();
    assert!(status.contains("new,3\nin_progress,1\n"), "{status}");
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
fn the_agreement_view_lists_a_disagreement_and_a_click_opens_it() {
    let dir = two_annotators();
    let mut h = open_corpus(dir.path());
    h.state_mut().send(Command::Agreement);
    h.run();
    let report = &h
        .state()
        .workspace
        .as_ref()
        .unwrap()
        .agreement
        .as_ref()
        .unwrap()
        .report;
    assert_eq!(report.documents.len(), 1);
    let disagreements = &report.documents[0].disagreements;
    assert_eq!(disagreements.len(), 1, "{disagreements:?}");
    assert_eq!(disagreements[0].label, "PERSON");
    assert_eq!((disagreements[0].start, disagreements[0].end), (0, 13));
    // GPE agrees exactly: its α_u is 1 while PERSON's is below it.
    let alpha = &report.documents[0].measures.alpha_u.labels;
    assert_eq!(alpha.get("GPE").copied().flatten(), Some(1.0));
    assert!(alpha.get("PERSON").copied().flatten().unwrap() < 1.0);

    h.get_by_label_contains("PERSON 0–13").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(
        doc.opened_path().file_name().unwrap().to_string_lossy(),
        "a.ana.json"
    );
    assert_eq!(doc.view_state.selection.range(), 0..13);
}

#[test]
fn a_row_curates_its_article_from_the_documents_list() {
    let dir = two_annotators();
    let mut h = open_corpus(dir.path());
    assert!(h.state().doc.is_none());
    h.get_by_label_contains("a.txt (").click_secondary();
    h.run();
    h.get_by_label("Curate this article…").click();
    h.run();
    let listed = h.state().curation.dialog.as_ref().unwrap().paths.clone();
    assert!(
        listed.contains("a.ana.json") && listed.contains("a.ben.json"),
        "{listed}"
    );
    h.get_by_label("Curate").click();
    h.run();
    let gold = dir.path().join("a.gold.json");
    assert_eq!(h.state().doc.as_ref().unwrap().save_path(), gold);
    let app = h.state();
    let state = app.curation.open.as_ref().expect("the curation is open");
    // GPE is shared (accepted at once); the two PERSON spans disagree.
    assert_eq!(
        state.curation.open_count(app.doc.as_ref().unwrap().set()),
        1
    );
}

#[test]
fn the_labels_editor_renames_a_label_across_the_corpus_after_counting() {
    let dir = two_annotators();
    let mut h = open_corpus(dir.path());
    // A document is open while the corpus changes: it is saved, then shown renamed.
    h.state_mut().send(Command::OpenDocument(0));
    h.run();
    assert!(h.state().doc.is_some());
    h.state_mut().send(Command::EditLabels);
    h.run();
    h.get_by_label("PERSON  [p]").click();
    h.run();
    let name = h.get_by_label("Label name");
    name.click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Label name").type_text("PER");
    h.run();
    h.get_by_label("Rename…").click();
    h.run();
    // The count comes first; nothing is written before the confirmation.
    h.get_by_label_contains("touches 2 spans in 1 document.");
    assert!(!dir.path().join("newsmark.schema.json").exists());
    h.get_by_label("Apply to the corpus").click();
    h.run();

    let schema = read(&dir.path().join("newsmark.schema.json"));
    let names: Vec<&str> = schema["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"PER") && !names.contains(&"PERSON"),
        "{names:?}"
    );
    for name in ["ana", "ben"] {
        let set = read(&dir.path().join(format!("a.{name}.json")));
        let labels: Vec<&str> = set["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["label"].as_str().unwrap())
            .collect();
        assert_eq!(labels, ["PER", "GPE"], "{name}");
    }
    // The open document (the article: this window has no annotator name) has the new labels.
    let doc = h.state().doc.as_ref().expect("the document is open again");
    assert!(doc.set().schema.label("PER").is_some());
    assert!(doc.set().schema.label("PERSON").is_none());
    let message = h.state().status_text().unwrap_or_default().to_string();
    assert!(
        message.contains("Rename PERSON to PER: 2 spans in"),
        "{message:?}"
    );
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
fn suggestions_for_the_whole_corpus_run_on_a_thread_and_spare_the_open_document() {
    let dir = corpus();
    let root = dir.path().to_path_buf();
    let mut h = open_corpus(&root);
    h.state_mut().send(Command::NextUnfinished);
    h.run();
    assert_eq!(open_article(&h), "a.txt");
    h.state_mut().send(Command::SuggestCorpus);
    h.run();
    wait_until(&mut h, "the corpus suggestions", |h| {
        h.state().workspace.as_ref().unwrap().job.is_none()
    });
    h.run();
    // The French article got its quote and speaker in its file.
    let c = read(&root.join("world/c.json"));
    let labels: Vec<&str> = c["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"PERSON"), "{labels:?}");
    assert!(
        c["spans"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["review"] == "suggested")
    );
    // The open document was not written behind its back: its suggestions are one undoable
    // edit in the window.
    assert!(!root.join("a.json").exists());
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.is_dirty() && doc.set().span_count() > 0);
    // The broken set is named, not overwritten.
    assert_eq!(
        std::fs::read_to_string(root.join("d.json")).unwrap(),
        "{ not json"
    );
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(status.contains("1 document not changed"), "{status}");
    // The report window beside the work names it and why.
    h.get_by_label_contains("d.txt (d.json)");
    h.state_mut().send(Command::Undo);
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().set().span_count(), 0);
}

#[test]
fn the_export_form_takes_only_the_curated_gold_sets_of_a_corpus_folder() {
    use newsmark::model::{AnnotationSet, Document, Schema, Status};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(&root).unwrap();
    let save = |name: &str, text: &str, status: Status| {
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        set.status = Some(status);
        newsmark::formats::save_set(&mut set, &root.join(name)).unwrap();
    };
    for (stem, text, gold) in [
        ("a", "Ana Lima spoke.\n", Status::Curated),
        ("b", "Rui Costa left.\n", Status::InCuration),
    ] {
        std::fs::write(root.join(format!("{stem}.txt")), text).unwrap();
        save(&format!("{stem}.alice.json"), text, Status::Done);
        save(&format!("{stem}.gold.json"), text, gold);
    }
    // The corpus is open and no document: the form offers the corpus, and writes beside it
    // (an export's files inside it would become part of the corpus).
    let out = dir.path().join("export");
    let mut h = open_corpus(&root);
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::E,
    );
    h.run();
    // No set is open, so that choice is shown off, not offered.
    assert!(
        h.get_by_label("The open set (no set is open)")
            .accesskit_node()
            .is_disabled()
    );
    common::replace_text(
        &mut h,
        "Sets of a corpus folder (all, gold, or a name):",
        "gold",
    );
    // The checkbox, not the documents panel's "curated" filter behind the form.
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "curated")
        .click();
    h.run();
    common::run_job(&mut h, "Export now");
    h.get_by_label_contains(&format!("Written to {}", out.display()));
    assert!(
        h.query_by_label_contains("Done: 1 document,").is_some(),
        "{}",
        std::fs::read_to_string(out.join("newsmark-export-report.log")).unwrap_or_default()
    );
    let lines = std::fs::read_to_string(out.join("doccano.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), 1);
    assert!(lines.contains("Ana Lima"), "{lines}");
    let log = std::fs::read_to_string(out.join("newsmark-export-report.log")).unwrap();
    assert!(log.contains("1 set not exported: not curated"), "{log}");
}

#[test]
fn the_agreement_window_counts_the_gold_set_when_asked_and_keeps_its_filters() {
    let dir = two_annotators();
    // A gold set: ana's work, curated.
    let ana = std::fs::read_to_string(dir.path().join("a.ana.json")).unwrap();
    let gold = ana.replace("\"annotator\": \"ana\"", "\"annotator\": \"gold\"");
    assert_ne!(ana, gold, "the annotator field was replaced");
    std::fs::write(dir.path().join("a.gold.json"), gold).unwrap();
    let mut h = open_corpus(dir.path());
    h.state_mut().send(Command::Agreement);
    h.run();
    let window = |h: &Harness<'_, NewsmarkApp>| {
        let workspace = h.state().workspace.as_ref().unwrap();
        let window = workspace.agreement.as_ref().unwrap();
        (
            window.report.annotators.clone(),
            window.problems.join("\n"),
            window.view.label.clone(),
        )
    };
    let (annotators, problems, _) = window(&h);
    assert_eq!(annotators, ["ana", "ben"]);
    assert!(
        problems.contains("Count gold sets as an annotator"),
        "the advice names what the window offers: {problems}"
    );
    h.get_by_label_contains("PERSON 0.").click();
    h.run();
    h.get_by_label("Count gold sets as an annotator").click();
    h.run();
    let (annotators, problems, label) = window(&h);
    assert_eq!(annotators, ["ana", "ben", "gold"]);
    assert!(!problems.contains("left out"), "{problems}");
    assert_eq!(label.as_deref(), Some("PERSON"), "the label filter stays");
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

/// The agreement window fits a small app window however long its disagreement list: the list
/// scrolls inside it, and its last rows are reached by scrolling, not off the screen.
#[test]
fn the_agreement_window_fits_a_small_window_with_a_long_disagreement_list() {
    use newsmark::model::edit::{Edit, apply};
    use newsmark::model::{AnnotationSet, Document, Schema, Span, SpanId};
    let dir = tempfile::tempdir().unwrap();
    let text: String = (0..120)
        .map(|i| format!("Officer Lena Ortiz{i:03} spoke again.\n"))
        .collect();
    let line = "Officer Lena Ortiz000 spoke again.\n".chars().count();
    std::fs::write(dir.path().join("a.txt"), &text).unwrap();
    for (name, from) in [("ana", 0), ("ben", 8)] {
        let mut set = AnnotationSet::new(Document::new(&text), Schema::default());
        set.annotator = Some(name.to_string());
        let edits = (0..120)
            .map(|i| {
                let start = i * line + from;
                Edit::AddSpan(Span::new(
                    SpanId(i as u64 + 1),
                    "PERSON",
                    start..i * line + 21,
                ))
            })
            .collect();
        apply(&mut set, Edit::Batch(edits)).unwrap();
        newsmark::formats::save_set(&mut set, &dir.path().join(format!("a.{name}.json"))).unwrap();
    }
    let mut app = NewsmarkApp::new(None, false);
    app.open_now(dir.path());
    let size = egui::vec2(900.0, 540.0);
    let mut h = egui_kittest::Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut NewsmarkApp| app.ui(ui), app);
    h.run_steps(3);
    h.state_mut().send(Command::Agreement);
    h.run();
    let shown = h
        .state()
        .workspace
        .as_ref()
        .unwrap()
        .agreement
        .as_ref()
        .unwrap()
        .report
        .documents[0]
        .disagreements
        .len();
    assert_eq!(shown, 120);
    let window = h
        .ctx
        // egui names a window's area after its title (as an `Option`).
        .memory(|m| m.area_rect(egui::Id::unique(Some("Agreement"))))
        .expect("the agreement window is shown");
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    assert!(
        screen.contains_rect(window),
        "the window {window:?} fits the app's {screen:?}"
    );
    // The list is there, inside the window, with its first row on screen and its last one
    // not drawn (it scrolls).
    let heading = h.get_by_label("120 disagreements").rect();
    assert!(window.contains_rect(heading), "{heading:?} in {window:?}");
    let first = h.get_by_label_contains("PERSON 0–21").rect();
    assert!(window.contains_rect(first), "{first:?} in {window:?}");
    assert!(
        h.query_by_label_contains(&format!("PERSON {}–", 119 * line))
            .is_none(),
        "the last row is scrolled to, not drawn below the window"
    );
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
