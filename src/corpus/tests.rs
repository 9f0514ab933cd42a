//! Opening corpora: rows, statuses, the cache, refreshing, navigation, the dashboard.

use super::*;
use crate::formats::native;
use crate::model::edit;
use crate::model::schema::Schema;
use crate::model::set::{AnnotationSet, Document};

fn write_set(
    path: &Path,
    text: &str,
    spans: usize,
    status: Option<Status>,
    annotator: Option<&str>,
    modified: &str,
) {
    let mut set = AnnotationSet::new(Document::new(text), Schema::default());
    let words: Vec<(usize, usize)> = {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.chars().enumerate() {
            match (c.is_alphabetic(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        out
    };
    for (i, &(start, end)) in words.iter().take(spans).enumerate() {
        let label = if i.is_multiple_of(2) { "PERSON" } else { "ORG" };
        let add = edit::add_span(&mut set, label, start..end);
        edit::apply(&mut set, add).unwrap();
    }
    set.status = status;
    set.annotator = annotator.map(str::to_string);
    set.modified = Some(modified.to_string());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, native::to_json_bytes(&set)).unwrap();
}

const A: &str = "Ана Иванова встретила Zoë Müller в Zürich.\n";
const B: &str = "الميناء مغلق منذ الاثنين، قال المتحدث.\n";

/// a.txt with alice (done), bob (in progress, no field) and gold; b.md with a single set;
/// c.txt without sets; sub/d.txt with a set whose text changed; e.json alone; f.txt binary.
fn sample_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.txt"), A).unwrap();
    write_set(
        &root.join("a.alice.json"),
        A,
        4,
        Some(Status::Done),
        Some("alice"),
        "2026-11-28T10:00:00Z",
    );
    write_set(
        &root.join("a.bob.json"),
        A,
        2,
        None,
        Some("bob"),
        "2026-11-29T10:00:00Z",
    );
    write_set(
        &root.join("a.gold.json"),
        A,
        3,
        Some(Status::Curated),
        Some("carol"),
        "2026-11-30T10:00:00Z",
    );
    std::fs::write(root.join("b.md"), B).unwrap();
    write_set(
        &root.join("b.json"),
        B,
        3,
        Some(Status::Done),
        Some("alice"),
        "2026-11-29T12:00:00Z",
    );
    std::fs::write(root.join("c.txt"), "Nothing yet.\n").unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/d.txt"), "The article, edited later.\n").unwrap();
    write_set(
        &root.join("sub/d.json"),
        "The article, first version.\n",
        1,
        None,
        None,
        "2026-11-27T10:00:00Z",
    );
    write_set(
        &root.join("e.json"),
        "Orphan text.\n",
        1,
        None,
        None,
        "2026-11-27T10:00:00Z",
    );
    std::fs::write(root.join("f.txt"), b"\0\x01\0\x02").unwrap();
    std::fs::write(root.join("g.txt"), "Broken set.\n").unwrap();
    std::fs::write(
        root.join("g.json"),
        "{\"format\": \"newsmark.annotations\", ",
    )
    .unwrap();
    dir
}

fn summary(rows: &[Row<'_>]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            format!(
                "{} {} {} {} {} {}",
                r.name(),
                r.set_path().unwrap_or("-"),
                r.status(),
                r.spans(),
                r.annotator().unwrap_or("-"),
                r.problems().len()
            )
        })
        .collect()
}

#[test]
fn every_article_and_set_is_a_row_with_its_status() {
    let dir = sample_corpus();
    let corpus = Corpus::open(dir.path(), &OpenOptions::without_cache()).unwrap();
    let rows = corpus.rows(&View::All);
    assert_eq!(
        summary(&rows),
        [
            "a.txt a.alice.json done 4 alice 0",
            "a.txt a.bob.json in_progress 2 bob 0",
            "a.txt a.gold.json curated 3 gold 0",
            "b.md b.json done 3 alice 0",
            "c.txt - new 0 - 0",
            "e e.json in_progress 1 - 1",
            "f.txt - new 0 - 1",
            "g.txt g.json in_progress 0 - 1",
            "sub/d.txt sub/d.json in_progress 1 - 1",
        ]
    );
    let problems = |i: usize| rows[i].problems().join(" | ");
    assert!(problems(5).contains("no article"), "{}", problems(5));
    assert!(
        problems(6).contains("the article cannot be read"),
        "{}",
        problems(6)
    );
    assert!(
        problems(7).contains("the set does not load"),
        "{}",
        problems(7)
    );
    assert!(
        problems(8).contains("not the article's any more"),
        "{}",
        problems(8)
    );
    // The command to run names the files, ready to copy.
    assert!(
        problems(8).contains("`newsmark reanchor sub/d.json sub/d.txt -o sub/d.json`"),
        "{}",
        problems(8)
    );
    let totals = corpus.totals(&rows);
    assert_eq!(totals.documents, 9);
    assert_eq!(totals.articles, 7);
    assert_eq!(totals.by_status, [2, 4, 2, 0, 1]);
    assert_eq!(totals.finished(), 3);
    assert_eq!(totals.spans, 14);
    assert_eq!(totals.with_problems, 4);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    // Opening wrote nothing (no cache asked for).
    assert!(!dir.path().join(".newsmark").exists());
}

#[test]
fn views_pick_the_set_the_window_opens() {
    let dir = sample_corpus();
    let corpus = Corpus::open(dir.path(), &OpenOptions::without_cache()).unwrap();
    let alice = corpus.rows(&View::Annotator("alice".into()));
    assert_eq!(alice.len(), 7, "one row per article");
    assert_eq!(alice[0].set_path(), Some("a.alice.json"));
    assert_eq!(
        alice[1].set_path(),
        Some("b.json"),
        "a single set naming alice"
    );
    assert_eq!(alice[2].set_path(), None);
    let single = corpus.rows(&View::Single);
    assert_eq!(single[0].set_path(), None, "a.txt has no story.json");
    assert_eq!(
        single[0].document.set_path_for(None),
        "a.txt".replace(".txt", ".json")
    );
    assert_eq!(corpus.documents[0].set_path_for(Some("zoe")), "a.zoe.json");
    assert_eq!(corpus.documents[0].set_path_for(Some("bob")), "a.bob.json");
    assert_eq!(View::for_annotator("  "), View::Single);
}

#[test]
fn a_name_set_later_still_finds_one_persons_work_but_not_in_a_team_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.txt"), A).unwrap();
    write_set(
        &root.join("a.json"),
        A,
        2,
        None,
        None,
        "2026-11-28T10:00:00Z",
    );
    std::fs::write(root.join("b.txt"), B).unwrap();
    write_set(
        &root.join("b.json"),
        B,
        1,
        None,
        None,
        "2026-11-28T10:00:00Z",
    );
    write_set(
        &root.join("b.bob.json"),
        B,
        1,
        None,
        Some("bob"),
        "2026-11-28T10:00:00Z",
    );
    let corpus = Corpus::open(root, &OpenOptions::without_cache()).unwrap();
    // One person's corpus: the set that names nobody is alice's work too.
    let alice = corpus.rows(&View::Annotator("alice".into()));
    assert_eq!(alice[0].set_path(), Some("a.json"));
    assert_eq!(alice[0].spans(), 2);
    assert_eq!(
        corpus.set_path_of(alice[0].document, Some("alice")),
        "a.json"
    );
    // Not where someone has a set of their own: there it is nobody's.
    assert_eq!(alice[1].set_path(), None);
    assert_eq!(
        corpus.set_path_of(alice[1].document, Some("alice")),
        "b.alice.json"
    );
    // A team corpus: every annotator starts their own.
    std::fs::write(
        root.join(config::CORPUS_FILE),
        r#"{"annotators": ["alice", "bob"]}"#,
    )
    .unwrap();
    let corpus = Corpus::open(root, &OpenOptions::without_cache()).unwrap();
    let alice = corpus.rows(&View::Annotator("alice".into()));
    assert_eq!(alice[0].set_path(), None);
    assert_eq!(
        corpus.set_path_of(alice[0].document, Some("alice")),
        "a.alice.json"
    );
}

#[test]
fn navigation_moves_through_the_list_and_finds_unfinished_work() {
    let dir = sample_corpus();
    let corpus = Corpus::open(dir.path(), &OpenOptions::without_cache()).unwrap();
    let rows = corpus.rows(&View::Annotator("alice".into()));
    // a done, b done, c new, e new, f new, g new, sub/d new
    assert_eq!(navigate(&rows, None, Move::Next), Some(0));
    assert_eq!(navigate(&rows, Some(6), Move::Next), None);
    assert_eq!(navigate(&rows, Some(0), Move::Previous), None);
    assert_eq!(navigate(&rows, None, Move::NextUnfinished), Some(2));
    assert_eq!(navigate(&rows, Some(0), Move::NextUnfinished), Some(2));
    assert_eq!(
        navigate(&rows, Some(6), Move::NextUnfinished),
        Some(2),
        "wraps around"
    );
    assert_eq!(
        navigate(&rows, Some(2), Move::PreviousUnfinished),
        Some(6),
        "wraps back"
    );
    assert_eq!(navigate(&[], None, Move::NextUnfinished), None);
    let done_only: Vec<Row<'_>> = rows[..2].to_vec();
    assert_eq!(navigate(&done_only, Some(0), Move::NextUnfinished), None);
}

#[test]
fn the_cache_is_used_when_nothing_changed_and_ignored_when_a_file_did() {
    let dir = sample_corpus();
    let root = dir.path();
    let cold = Corpus::open(root, &OpenOptions::default()).unwrap();
    assert_eq!((cold.cache_report.hits, cold.cache_report.misses), (0, 7));
    assert!(cold.cache_report.written);
    assert_eq!(
        std::fs::read_to_string(root.join(".newsmark/.gitignore")).unwrap(),
        "*\n"
    );
    let warm = Corpus::open(root, &OpenOptions::default()).unwrap();
    assert_eq!((warm.cache_report.hits, warm.cache_report.misses), (7, 0));
    assert!(
        !warm.cache_report.written,
        "nothing changed: nothing written"
    );
    assert_eq!(warm.documents, cold.documents);
    // A set saved again (other size) and an article edited: both read again.
    write_set(
        &root.join("a.bob.json"),
        A,
        3,
        Some(Status::Done),
        Some("bob"),
        "2026-11-30T11:00:00Z",
    );
    std::fs::write(root.join("b.md"), B.replace("المتحدث", "الوزير")).unwrap();
    let after = Corpus::open(root, &OpenOptions::default()).unwrap();
    assert_eq!((after.cache_report.hits, after.cache_report.misses), (5, 2));
    let rows = after.rows(&View::All);
    assert_eq!(rows[1].status(), Status::Done);
    assert_eq!(rows[1].spans(), 3);
    assert!(rows[3].problems()[0].contains("not the article's any more"));
    // A damaged cache is only a note; the result is the same.
    std::fs::write(root.join(".newsmark/status.json"), "{oops").unwrap();
    let damaged = Corpus::open(root, &OpenOptions::default()).unwrap();
    assert!(
        damaged
            .cache_report
            .note
            .as_deref()
            .unwrap()
            .contains("damaged")
    );
    assert_eq!(damaged.documents, after.documents);
    // A deleted cache folder too.
    std::fs::remove_dir_all(root.join(".newsmark")).unwrap();
    let again = Corpus::open(root, &OpenOptions::default()).unwrap();
    assert_eq!(again.documents, after.documents);
}

#[test]
fn refresh_finds_a_set_saved_for_the_first_time() {
    let dir = sample_corpus();
    let root = dir.path();
    let mut corpus = Corpus::open(root, &OpenOptions::without_cache()).unwrap();
    let c = corpus.document_index("c.txt").unwrap();
    assert!(corpus.documents[c].sets.is_empty());
    write_set(
        &root.join("c.alice.json"),
        "Nothing yet.\n",
        1,
        Some(Status::Done),
        Some("alice"),
        "2026-11-30T12:00:00Z",
    );
    assert_eq!(corpus.refresh(c), Some(c));
    let set = corpus.documents[c].set_for(Some("alice")).unwrap();
    assert_eq!((set.status, set.spans), (Status::Done, 1));
    // Gone entirely: removed from the list.
    std::fs::remove_file(root.join("c.txt")).unwrap();
    std::fs::remove_file(root.join("c.alice.json")).unwrap();
    assert_eq!(corpus.refresh(c), None);
    assert_eq!(corpus.document_index("c.txt"), None);
    // Reload picks up new articles.
    std::fs::write(root.join("h.txt"), "New.\n").unwrap();
    corpus.reload(&OpenOptions::without_cache()).unwrap();
    assert!(corpus.document_index("h.txt").is_some());
}

#[test]
fn the_status_json_has_the_documented_shape() {
    let dir = sample_corpus();
    let corpus = Corpus::open(dir.path(), &OpenOptions::without_cache()).unwrap();
    let rows = corpus.rows(&View::All);
    let json = corpus.status_json(&rows);
    let first = &json["documents"][0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "article",
            "set",
            "status",
            "spans",
            "labels",
            "annotator",
            "modified",
            "problems"
        ]
    );
    assert_eq!(first["labels"], serde_json::json!({"ORG": 2, "PERSON": 2}));
    assert_eq!(first["modified"], "2026-11-28T10:00:00Z");
    assert_eq!(json["documents"][4]["set"], serde_json::Value::Null);
    assert_eq!(
        json["totals"],
        serde_json::json!({"documents": 9, "new": 2, "in_progress": 4, "done": 2, "in_curation": 0, "curated": 1, "spans": 14})
    );
}

#[test]
fn the_dashboard_counts_labels_annotators_and_days() {
    let dir = sample_corpus();
    let corpus = Corpus::open(dir.path(), &OpenOptions::without_cache()).unwrap();
    let rows = corpus.rows(&View::All);
    let board = dashboard::Dashboard::of(&rows);
    assert_eq!(board.by_status, [2, 4, 2, 0, 1]);
    assert_eq!(
        board.labels_csv(),
        "label,spans,documents\nORG,5,4\nPERSON,9,6\n"
    );
    let alice = board
        .annotators
        .iter()
        .find(|a| a.annotator == "alice")
        .unwrap();
    assert_eq!(
        (alice.documents, alice.by_status[2], alice.spans),
        (2, 2, 7)
    );
    let days: Vec<(&str, usize, usize)> = board
        .progress
        .iter()
        .map(|d| (d.date.as_str(), d.saved, d.finished_total))
        .collect();
    assert_eq!(
        &days[..3],
        [
            ("2026-11-27", 2, 0),
            ("2026-11-28", 1, 1),
            ("2026-11-29", 2, 2)
        ]
    );
    // g.json (unreadable) has no time of its own: its file's time is used.
    assert_eq!(days.last().unwrap().2, 3);
    assert_eq!(days.iter().map(|d| d.1).sum::<usize>(), 7);
    let csv = dashboard::documents_csv(&rows);
    assert!(
        csv.starts_with("article,set,status,spans,annotator,modified,problems,ORG,PERSON\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\na.txt,a.alice.json,done,4,alice,2026-11-28T10:00:00Z,,2,2\n"),
        "{csv}"
    );
}
