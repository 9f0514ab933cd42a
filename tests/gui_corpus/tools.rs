//! The corpus-wide tools in the window: find in the corpus, the dashboard and guidelines, the
//! labels editor, suggestions for the whole corpus, the export form.

use super::*;

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
