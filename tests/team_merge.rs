//! `newsmark merge` and `newsmark curate` on files: counts, the gold set written, re-merges
//! that keep the curator's decisions, and bad input named and refused.

#![allow(clippy::unwrap_used)]
use std::path::{Path, PathBuf};
use std::process::Command;

use newsmark::formats::{self, native};
use newsmark::model::edit;
use newsmark::model::{AnnotationSet, Document, Schema, Status};

const TEXT: &str = "“We will not wait,” said Ana Lúcia Ferreira in Zürich on Monday.\n";

fn write_set(dir: &Path, name: &str, spans: &[(&str, usize, usize)]) -> PathBuf {
    let mut set = AnnotationSet::new(Document::new(TEXT), Schema::default());
    set.annotator = Some(name.into());
    for &(label, start, end) in spans {
        let e = edit::add_span(&mut set, label, start..end);
        edit::apply(&mut set, e).unwrap();
    }
    let path = dir.join(format!("story.{name}.json"));
    formats::save_set(&mut set, &path).unwrap();
    path
}

fn newsmark(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn load(path: &Path) -> AnnotationSet {
    let loaded = native::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.set
}

#[test]
fn merge_writes_a_valid_gold_set_and_reports_counts() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_set(dir.path(), "alice", &[("PERSON", 25, 43), ("GPE", 47, 53)]);
    let b = write_set(dir.path(), "bob", &[("PERSON", 25, 34), ("GPE", 47, 53)]);
    let c = write_set(dir.path(), "carol", &[("PERSON", 25, 43), ("GPE", 47, 53)]);
    let gold = dir.path().join("story.gold.json");
    let (code, out) = newsmark(&[
        "merge",
        "--strategy",
        "majority",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        c.to_str().unwrap(),
        "-o",
        gold.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("accepted: 2 spans,"), "{out}");
    assert!(out.contains("left as suggestions: 1 span,"), "{out}");
    assert!(out.contains("disagreements: 1 (1 open)"), "{out}");
    let set = load(&gold);
    let person = set
        .spans_unordered()
        .find(|s| s.label == "PERSON" && s.end == 43)
        .unwrap();
    assert_eq!(person.annotators, ["alice", "carol"]);
    assert!(person.review.is_accepted());
    let short = set.spans_unordered().find(|s| s.end == 34).unwrap();
    assert_eq!(short.origin.as_deref(), Some("merge:bob"));
    assert_eq!(set.status, Some(Status::InCuration));
    let record = set.curation.as_ref().unwrap();
    assert_eq!(record.strategy, "majority");
    assert_eq!(record.annotators, ["alice", "bob", "carol"]);

    // `curate` lists the open disagreement with every version; blind hides the names.
    let (code, out) = newsmark(&[
        "curate",
        "--blind",
        "--strategy",
        "majority",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        c.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("#1 entity 25..43"), "{out}");
    assert!(
        out.contains("    B        PERSON 25..34 \"Ana Lúcia\""),
        "{out}"
    );
    assert!(!out.contains("alice") && !out.contains("bob"), "{out}");

    // One set is nothing to merge: no gold set called curated that nobody curated.
    let alone = tempfile::tempdir().unwrap();
    let only = write_set(alone.path(), "alice", &[("PERSON", 25, 43)]);
    let (code, out) = newsmark(&["merge", only.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("two or more annotators"), "{out}");
    assert!(!alone.path().join("story.gold.json").exists());
}

#[test]
fn a_re_merge_keeps_the_recorded_strategy_and_counts_no_decision_that_was_not_made() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_set(dir.path(), "alice", &[("PERSON", 25, 43)]);
    let b = write_set(dir.path(), "bob", &[("PERSON", 25, 34)]);
    let gold = dir.path().join("story.gold.json");
    let (a, b, g) = (
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        gold.to_str().unwrap(),
    );
    let (code, out) = newsmark(&["merge", "--strategy", "majority", a, b, "-o", g]);
    assert_eq!(code, 0, "{out}");
    // No --strategy: the gold set's own (majority) is kept, and said.
    let (code, out) = newsmark(&["curate", a, b, "-o", g]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("strategy: majority (as "), "{out}");
    assert!(out.contains("(majority strategy)"), "{out}");
    assert!(!out.contains("the previous merge was"), "{out}");
    assert_eq!(load(&gold).curation.unwrap().strategy, "majority");
    // Another strategy on a gold set with no decisions: a note, no decision counted.
    let (code, out) = newsmark(&["merge", "--strategy", "unanimous", a, b, "-o", g]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("note: the previous merge was majority, this one unanimous\n"),
        "{out}"
    );
    assert!(!out.contains("earlier decision"), "{out}");
    assert!(!out.contains("not applied"), "{out}");
    assert_eq!(load(&gold).curation.unwrap().strategy, "unanimous");
}

#[test]
fn a_re_merge_keeps_decisions_and_reports_changed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_set(dir.path(), "alice", &[("PERSON", 25, 43), ("DATE", 57, 63)]);
    let b = write_set(dir.path(), "bob", &[("PERSON", 25, 34)]);
    let paths = [a.to_str().unwrap(), b.to_str().unwrap()];
    let (code, out) = newsmark(&["curate", paths[0], paths[1]]);
    assert_eq!(code, 0, "{out}");
    let gold_path = dir.path().join("story.gold.json");
    assert!(out.contains("2 disagreements left"), "{out}");

    // The curator takes bob's name and alice's date (through the library, as the window does).
    let inputs = newsmark::team::inputs::read(&[a.clone(), b.clone()], None).unwrap();
    let previous = load(&gold_path);
    let (curation, mut gold) = newsmark::team::curation::Curation::open(
        &inputs.sets,
        newsmark::team::merge::Strategy::Unanimous,
        None,
        Some(&previous),
    )
    .unwrap();
    let e = curation.take_one(&mut gold, 0, 1).unwrap();
    edit::apply(&mut gold, e).unwrap();
    let e = curation.take_one(&mut gold, 1, 0).unwrap();
    edit::apply(&mut gold, e).unwrap();
    assert!(curation.is_curated(&gold));
    curation.prepare_save(&mut gold);
    newsmark::team::save_gold(&mut gold, &gold_path).unwrap();

    // Re-merge with nothing changed: both decisions kept, curated.
    let (code, out) = newsmark(&["curate", paths[0], paths[1]]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 earlier decisions kept"), "{out}");
    assert!(out.contains("curated: no disagreement left"), "{out}");
    assert_eq!(load(&gold_path).status, Some(Status::Curated));

    // Bob changes his name span: that decision is reported and open again; the date stays.
    write_set(dir.path(), "bob", &[("PERSON", 29, 43)]);
    let (code, out) = newsmark(&["curate", paths[0], paths[1]]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 earlier decision kept"), "{out}");
    assert!(
        out.contains("not applied: entity 25..43 (took bob's version)"),
        "{out}"
    );
    let set = load(&gold_path);
    let date = set.spans_unordered().find(|s| s.label == "DATE").unwrap();
    assert!(date.review.is_accepted());
    assert!(out.contains("1 disagreement left"), "{out}");
}

#[test]
fn bad_input_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_set(dir.path(), "alice", &[("PERSON", 25, 43)]);
    let gold = dir.path().join("story.gold.json");
    // A set of another text.
    let mut other = AnnotationSet::new(Document::new("Another article."), Schema::default());
    other.annotator = Some("bob".into());
    let b = dir.path().join("story.bob.json");
    formats::save_set(&mut other, &b).unwrap();
    let (code, out) = newsmark(&["merge", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("annotate different texts"), "{out}");
    assert!(out.contains("newsmark reanchor"), "{out}");
    assert!(!gold.exists());

    // Two sets of one annotator.
    let copy = dir.path().join("story.copy.json");
    std::fs::copy(&a, &copy).unwrap();
    let (code, out) = newsmark(&["merge", a.to_str().unwrap(), copy.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("\"alice\" has two sets"), "{out}");
    assert!(!gold.exists());

    // A set with no annotator name at all.
    let mut nameless = AnnotationSet::new(Document::new(TEXT), Schema::default());
    let plain = dir.path().join("story.json");
    formats::save_set(&mut nameless, &plain).unwrap();
    let (code, out) = newsmark(&["merge", a.to_str().unwrap(), plain.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("story.json: no annotator name"), "{out}");

    // An annotator the corpus expects but who has no set: named, merged without them.
    std::fs::write(
        dir.path().join("newsmark.corpus.json"),
        r#"{"format": "newsmark.corpus", "version": 1, "annotators": ["alice", "carol", "dan"]}"#,
    )
    .unwrap();
    let c = write_set(dir.path(), "carol", &[("PERSON", 25, 43)]);
    let (code, out) = newsmark(&["merge", a.to_str().unwrap(), c.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("annotator \"dan\" has no set for this article"),
        "{out}"
    );
    assert!(gold.exists());

    // An existing file that is not a gold set is not replaced unasked.
    std::fs::copy(&a, &gold).unwrap();
    let (code, out) = newsmark(&["merge", a.to_str().unwrap(), c.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is not a gold set"), "{out}");
    // A gold set given as an input is refused.
    let (code, out) = newsmark(&["merge", a.to_str().unwrap(), gold.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("this is a gold set"), "{out}");
}

#[test]
fn a_gold_set_being_curated_in_a_window_is_not_merged_over() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_set(dir.path(), "alice", &[("PERSON", 25, 43)]);
    let b = write_set(dir.path(), "bob", &[("PERSON", 25, 34)]);
    let gold = dir.path().join("story.gold.json");
    let (code, out) = newsmark(&["merge", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let before = std::fs::read(&gold).unwrap();
    // A curator's window has the gold set open (a live process on this machine holds it).
    let owner = serde_json::json!({
        "pid": 1,
        "host": newsmark::storage::host_name(),
        "since": "2026-11-30T12:00:00Z",
    });
    std::fs::write(newsmark::storage::lock_path(&gold), owner.to_string()).unwrap();
    let (code, out) = newsmark(&["merge", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("merge refused, nothing written") && out.contains("another Newsmark window"),
        "{out}"
    );
    assert_eq!(std::fs::read(&gold).unwrap(), before);
    // A dry run only reads: it goes ahead.
    let (code, out) = newsmark(&[
        "merge",
        "--dry-run",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
}
