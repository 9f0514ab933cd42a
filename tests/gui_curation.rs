//! Curation in the real window, driven headless with egui_kittest: three annotators' sets of
//! a short article, opened from "Curate these sets…", decided with the keys, undone, saved,
//! opened blind, and merged again after an annotator changed their set.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)]

mod common;
use common::harness;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newsmark::formats::{self, native};
use newsmark::gui::NewsmarkApp;
use newsmark::gui::command::Command;
use newsmark::model::edit;
use newsmark::model::{AnnotationSet, Document, Review, Schema, Status};
use newsmark::team::merge::Strategy;

const TEXT: &str = "Maria Silva met the board of Acme Corp in Lisbon on Friday.\n";
const MARIA: (usize, usize) = (0, 11);
const ACME: (usize, usize) = (29, 38);
const LISBON: (usize, usize) = (42, 48);
const FRIDAY: (usize, usize) = (52, 58);

fn write_set(dir: &Path, name: &str, spans: &[(&str, (usize, usize))]) -> PathBuf {
    let mut set = AnnotationSet::new(Document::new(TEXT), Schema::default());
    set.annotator = Some(name.into());
    for &(label, (start, end)) in spans {
        let e = edit::add_span(&mut set, label, start..end);
        edit::apply(&mut set, e).unwrap();
    }
    let path = dir.join(format!("story.{name}.json"));
    formats::save_set(&mut set, &path).unwrap();
    path
}

/// Maria Silva: all three (unanimous); Acme Corp: alice and bob (majority); Lisbon: a
/// different label from each of alice and bob, nothing from carol (a disagreement).
fn three_sets(dir: &Path) -> Vec<PathBuf> {
    std::fs::write(dir.join("story.txt"), TEXT).unwrap();
    vec![
        write_set(
            dir,
            "alice",
            &[("PERSON", MARIA), ("ORG", ACME), ("GPE", LISBON)],
        ),
        write_set(
            dir,
            "bob",
            &[("PERSON", MARIA), ("ORG", ACME), ("LOC", LISBON)],
        ),
        write_set(dir, "carol", &[("PERSON", MARIA)]),
    ]
}

fn load(path: &Path) -> AnnotationSet {
    let loaded = native::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.set
}

/// The accepted gold spans as (label, start, end).
fn accepted(set: &AnnotationSet) -> Vec<(String, usize, usize)> {
    let mut spans: Vec<_> = set
        .spans_unordered()
        .filter(|s| s.review == Review::Accepted)
        .map(|s| (s.label.clone(), s.start, s.end))
        .collect();
    spans.sort_by_key(|s| (s.1, s.2));
    spans
}

fn gold_of(h: &Harness<'_, NewsmarkApp>) -> AnnotationSet {
    h.state().doc.as_ref().unwrap().set().clone()
}

fn current_start(h: &Harness<'_, NewsmarkApp>) -> Option<usize> {
    let state = h.state().curation.open.as_ref()?;
    state
        .current
        .map(|d| state.curation.disagreements()[d].start)
}

/// Press F8 until the current disagreement starts at `start` (at most four times).
fn go_to_disagreement_at(h: &mut Harness<'_, NewsmarkApp>, start: usize) {
    for _ in 0..4 {
        if current_start(h) == Some(start) {
            break;
        }
        h.key_press(Key::F8);
        h.run_steps(2);
    }
}

/// Three annotators' sets curated by majority, with bob's version of the Lisbon
/// disagreement taken (not saved): the sets, the gold set's path and the window.
fn curate_and_take_bob_on_lisbon(
    dir: &Path,
) -> (Vec<PathBuf>, PathBuf, Harness<'static, NewsmarkApp>) {
    let sets = three_sets(dir);
    let gold_path = dir.join("story.gold.json");
    let mut app = NewsmarkApp::new(None, false);
    assert!(app.curate(&sets, Strategy::Majority, false));
    let mut h = harness(app);
    go_to_disagreement_at(&mut h, LISBON.0);
    h.key_press_modifiers(Modifiers::ALT, Key::Num2);
    h.run_steps(2);
    (sets, gold_path, h)
}

#[test]
fn curate_from_the_dialog_take_b_undo_take_again_save() {
    let dir = tempfile::tempdir().unwrap();
    three_sets(dir.path());
    let mut app = NewsmarkApp::new(None, false);
    app.open_now(&dir.path().join("story.txt"));
    let mut h = harness(app);

    // The dialog lists the sets beside the article; majority is the strategy.
    h.state_mut().send(Command::Curate);
    h.run_steps(3);
    let listed = h.state().curation.dialog.as_ref().unwrap().paths.clone();
    for name in ["alice", "bob", "carol"] {
        assert!(listed.contains(&format!("story.{name}.json")), "{listed}");
    }
    assert!(!listed.contains("story.json"), "{listed}");
    h.get_by_label("majority spans").click();
    h.run_steps(2);
    h.get_by_label("Curate").click();
    h.run_steps(3);
    assert!(
        h.state().curation.dialog.is_none(),
        "{:?}",
        h.state().status_text()
    );
    let gold_path = dir.path().join("story.gold.json");
    assert_eq!(h.state().doc.as_ref().unwrap().save_path(), gold_path);

    // Unanimous and majority spans are in the gold set at once; Lisbon is not decided.
    let gold = gold_of(&h);
    assert!(accepted(&gold).contains(&("PERSON".into(), MARIA.0, MARIA.1)));
    assert!(accepted(&gold).contains(&("ORG".into(), ACME.0, ACME.1)));
    assert!(!accepted(&gold).iter().any(|s| s.1 == LISBON.0));
    assert!(h.query_by_label("Take bob [Alt+2]").is_some());

    // Keys move to the Lisbon disagreement and take B's (bob's) version.
    go_to_disagreement_at(&mut h, LISBON.0);
    assert_eq!(current_start(&h), Some(LISBON.0));
    h.key_press_modifiers(Modifiers::ALT, Key::Num2);
    h.run_steps(2);
    let taken = ("LOC".to_string(), LISBON.0, LISBON.1);
    assert!(accepted(&gold_of(&h)).contains(&taken));
    assert!(!accepted(&gold_of(&h)).iter().any(|s| s.0 == "GPE"));
    {
        let app = h.state();
        let state = app.curation.open.as_ref().unwrap();
        assert_eq!(
            state.curation.open_count(app.doc.as_ref().unwrap().set()),
            0
        );
    }

    // Ctrl+Z undoes the decision: the disagreement is open again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(!accepted(&gold_of(&h)).contains(&taken));
    {
        let app = h.state();
        let state = app.curation.open.as_ref().unwrap();
        assert_eq!(
            state.curation.open_count(app.doc.as_ref().unwrap().set()),
            1
        );
    }

    // Take it again, from the panel's button this time, and save.
    assert_eq!(current_start(&h), Some(LISBON.0));
    h.get_by_label("Take bob [Alt+2]").click();
    h.run_steps(2);
    assert!(accepted(&gold_of(&h)).contains(&taken));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());

    let saved = load(&gold_path);
    let lisbon = saved
        .spans_unordered()
        .find(|s| s.start == LISBON.0 && s.label == "LOC")
        .unwrap();
    assert_eq!(lisbon.review, Review::Accepted);
    assert_eq!(lisbon.annotators, vec!["bob".to_string()]);
    // The record says what was chosen: bob's version (the button), not "all".
    let record = saved.curation.as_ref().unwrap();
    let at_lisbon = record
        .decisions
        .iter()
        .find(|d| d.start <= LISBON.0 && LISBON.1 <= d.end)
        .unwrap();
    assert_eq!(
        at_lisbon.choice,
        newsmark::model::curation::Choice::Take("bob".into())
    );
    let maria = saved
        .spans_unordered()
        .find(|s| s.start == MARIA.0)
        .unwrap();
    assert_eq!(maria.annotators, vec!["alice", "bob", "carol"]);
    assert_eq!(saved.status, Some(Status::Curated));
    assert!(
        !saved
            .spans_unordered()
            .any(|s| s.review == Review::Suggested)
    );
}

#[test]
fn blind_mode_shows_letters_not_names() {
    let dir = tempfile::tempdir().unwrap();
    let sets = three_sets(dir.path());
    let mut app = NewsmarkApp::new(None, false);
    assert!(app.curate(&sets, Strategy::Majority, true));
    let mut h = harness(app);
    h.run_steps(2);
    for letter in ["A", "B", "C"] {
        assert!(
            h.query_by_label(&format!(
                "Take {letter} [Alt+{}]",
                letter.as_bytes()[0] - b'A' + 1
            ))
            .is_some(),
            "no button for {letter}"
        );
    }
    for name in ["alice", "bob", "carol"] {
        assert!(
            h.query_by_label_contains(name).is_none(),
            "{name} shown in blind mode"
        );
    }
    // Alt+1 takes A's (alice's) version; the status line says A, not alice.
    h.key_press_modifiers(Modifiers::ALT, Key::Num1);
    h.run_steps(2);
    assert!(accepted(&gold_of(&h)).contains(&("GPE".into(), LISBON.0, LISBON.1)));
    let status = h.state().status_text().unwrap().to_string();
    assert!(status.contains("Took A's version"), "{status}");
}

#[test]
fn reopening_after_an_annotator_changed_keeps_the_decision() {
    let dir = tempfile::tempdir().unwrap();
    let (sets, gold_path, mut h) = curate_and_take_bob_on_lisbon(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert_eq!(load(&gold_path).status, Some(Status::Curated));

    // Carol adds a date elsewhere; the curation is opened again over the saved gold set.
    write_set(dir.path(), "carol", &[("PERSON", MARIA), ("DATE", FRIDAY)]);
    h.state_mut().send(Command::Close);
    h.run_steps(2);
    assert!(h.state_mut().curate(&sets, Strategy::Majority, false));
    h.run_steps(2);
    {
        let app = h.state();
        let state = app.curation.open.as_ref().unwrap();
        assert!(state.curation.decisions_kept >= 1);
        assert!(
            state.curation.decisions_stale.is_empty(),
            "{:?}",
            state.curation.decisions_stale
        );
        let gold = app.doc.as_ref().unwrap().set();
        assert!(accepted(gold).contains(&("LOC".into(), LISBON.0, LISBON.1)));
        // Only Carol's new date is left to decide.
        assert_eq!(state.curation.open_count(gold), 1);
        assert_eq!(current_start(&h), Some(FRIDAY.0));
    }
    // Take none of it, save over the previous gold set: still curated, decision intact.
    h.key_press_modifiers(Modifiers::ALT, Key::Num0);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(
        !h.state().doc.as_ref().unwrap().is_dirty(),
        "{:?}",
        h.state().status_text()
    );
    let saved = load(&gold_path);
    assert_eq!(saved.status, Some(Status::Curated));
    assert!(accepted(&saved).contains(&("LOC".into(), LISBON.0, LISBON.1)));
    assert!(!accepted(&saved).iter().any(|s| s.0 == "DATE"));
}

#[test]
fn a_crash_mid_curation_is_offered_back_when_the_curation_is_opened_again() {
    let dir = tempfile::tempdir().unwrap();
    let (sets, gold_path, h) = curate_and_take_bob_on_lisbon(dir.path());
    let lock = newsmark::storage::lock_path(&gold_path);
    assert!(lock.is_file(), "the gold set is locked while it is curated");
    let decided = newsmark::session::state_digest(&gold_of(&h));
    // The window dies before any save: the gold set was never written.
    std::mem::forget(h);
    assert!(!gold_path.exists());
    std::fs::remove_file(&lock).unwrap(); // the dead process's lock

    let mut app = NewsmarkApp::new(None, false);
    assert!(app.curate(&sets, Strategy::Majority, false));
    let mut h = harness(app);
    h.get_by_label("Restore").click();
    h.run_steps(3);
    assert_eq!(
        newsmark::session::state_digest(&gold_of(&h)),
        decided,
        "{:?}",
        h.state().status_text()
    );
    {
        let app = h.state();
        let state = app.curation.open.as_ref().unwrap();
        assert_eq!(
            state.curation.open_count(app.doc.as_ref().unwrap().set()),
            0
        );
        assert!(
            app.doc.as_ref().unwrap().is_dirty(),
            "restored, not saved yet"
        );
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    let saved = load(&gold_path);
    assert_eq!(saved.status, Some(Status::Curated));
    assert!(accepted(&saved).contains(&("LOC".into(), LISBON.0, LISBON.1)));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains("journal"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
