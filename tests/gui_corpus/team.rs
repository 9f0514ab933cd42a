//! The corpus in the window with a team: who is annotating, the agreement view and window,
//! curating an article into the gold set.

use super::*;

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
