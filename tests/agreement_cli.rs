//! `newsmark agree` as a user runs it: a corpus with every kind of bad input, named in the
//! report; the JSON's shape; the CSV table.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

fn newsmark() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsmark"))
}

const STORY: &str = "Cheng Guoping said the council would approve the budget on Tuesday.";

/// A native set; `annotator` is left out when `None`.
fn write_set(path: &Path, text: &str, annotator: Option<&str>, spans: &[(&str, usize, usize)]) {
    let spans: Vec<Value> = spans
        .iter()
        .enumerate()
        .map(|(i, (label, start, end))| {
            let covered: String = text.chars().skip(*start).take(end - start).collect();
            json!({"id": i + 1, "label": label, "start": start, "end": end, "text": covered})
        })
        .collect();
    let mut set = json!({
        "format": "newsmark.annotations",
        "version": 1,
        "document": {"text": text},
        "schema": serde_json::from_str::<Value>(newsmark::model::schema::DEFAULT_SCHEMA_JSON).unwrap(),
        "spans": spans,
        "relations": [],
    });
    if let Some(name) = annotator {
        set["annotator"] = json!(name);
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, set.to_string()).unwrap();
}

fn kinds(report: &Value) -> Vec<String> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap().to_string())
        .collect()
}

fn problem<'a>(report: &'a Value, kind: &str) -> &'a Value {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} problem in {:#}", report["problems"]))
}

#[test]
fn a_corpus_with_bad_input_names_every_problem_and_measures_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("newsmark.corpus.json"),
        r#"{"format": "newsmark.corpus", "version": 1, "annotators": ["alice", "bob", "carol"]}"#,
    )
    .unwrap();
    std::fs::write(
        root.join("newsmark.schema.json"),
        newsmark::model::schema::DEFAULT_SCHEMA_JSON,
    )
    .unwrap();
    let news = root.join("news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(news.join("story.txt"), STORY).unwrap();
    // alice: two overlapping PERSON spans (the inner one is dropped from α_u).
    write_set(
        &news.join("story.alice.json"),
        STORY,
        Some("alice"),
        &[("PERSON", 0, 13), ("PERSON", 6, 13), ("ORG", 19, 30)],
    );
    write_set(
        &news.join("story.bob.json"),
        STORY,
        Some("bob"),
        &[("PERSON", 0, 13), ("ORG", 23, 30), ("DATE", 59, 66)],
    );
    // carol annotated an older text of the same article.
    let older = "Cheng said the council would approve the budget.";
    write_set(
        &news.join("story.carol.json"),
        older,
        Some("carol"),
        &[("PERSON", 0, 5)],
    );
    write_set(&news.join("story.gold.json"), STORY, Some("gold"), &[]);
    // A second article: alice without an annotator field, bob twice, a label the corpus
    // schema lacks.
    let other = "The harbour strike ended at noon, the union said.";
    write_set(
        &news.join("other.alice.json"),
        other,
        None,
        &[("EVENT", 4, 18), ("WEAPON", 0, 3)],
    );
    write_set(
        &news.join("other.bob.json"),
        other,
        Some("bob"),
        &[("EVENT", 4, 18)],
    );
    write_set(
        &news.join("other.robert.json"),
        other,
        Some("bob"),
        &[("EVENT", 11, 18)],
    );
    // Hidden folders are not part of the corpus.
    write_set(&root.join(".newsmark/cache.json"), other, Some("x"), &[]);
    // Sets that name nobody (a one-person set, suggestions written without --annotator):
    // no annotator's work, so left out, with one problem for both.
    write_set(&news.join("story.json"), STORY, None, &[("PERSON", 0, 5)]);
    write_set(&news.join("other.json"), other, None, &[("EVENT", 4, 18)]);

    let csv = root.join("agreement.csv");
    let output = newsmark()
        .args(["agree", "--json", "--csv"])
        .arg(&csv)
        .arg(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("NaN"));
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let kinds = kinds(&report);
    for kind in [
        "different_texts",
        "missing_annotator_name",
        "annotator_name_mismatch",
        "duplicate_annotator",
        "missing_set",
        "unknown_label",
        "overlapping_spans",
        "gold_left_out",
        "single_annotator",
        "unnamed_sets_left_out",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} missing: {kinds:?}");
    }
    let unnamed = problem(&report, "unnamed_sets_left_out");
    assert_eq!(unnamed["item"], "2 sets", "{unnamed}");
    let message = unnamed["message"].as_str().unwrap();
    assert!(
        message.contains("story.json") && message.contains("other.json"),
        "{message}"
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| *k == "unnamed_sets_left_out")
            .count(),
        1
    );
    assert_eq!(report["annotators"], json!(["alice", "bob", "carol"]));
    let reanchor = problem(&report, "different_texts")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        reanchor.contains(&format!(
            "newsmark reanchor {} {} -o",
            news.join("story.carol.json").display(),
            news.join("story.txt").display()
        )),
        "{reanchor}"
    );
    assert!(
        !reanchor.contains("reanchor ") || !reanchor.contains("story.alice.json -o"),
        "alice's set already has the current text: {reanchor}"
    );
    let unknown = problem(&report, "unknown_label")["message"]
        .as_str()
        .unwrap();
    assert!(unknown.contains("WEAPON"), "{unknown}");

    // Documents: the story (alice, bob), the older story (carol alone), the other (alice,
    // bob); nothing from the hidden folder.
    let documents = report["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 3, "{:#}", report["documents"]);
    let story = documents
        .iter()
        .find(|d| d["article"] == "news/story" && d["annotators"] == json!(["alice", "bob"]))
        .unwrap();
    assert_eq!(story["dropped_overlaps"], 1);
    assert_eq!(story["dropped"][0]["start"], 6);
    assert_eq!(story["f1"]["exact"]["PERSON"], 2.0 * 1.0 / 3.0);
    assert_eq!(story["f1"]["overlap"]["ORG"], 1.0);
    assert_eq!(story["f1"]["exact"]["ORG"], 0.0);
    assert!(story["alpha_u"]["overall"].is_number());
    assert!(story["alpha_u"]["labels"]["DATE"].is_number());
    let cohen = &story["kappa"]["cohen"][0];
    assert_eq!(cohen["pair"], json!(["alice", "bob"]));
    // Positions: 0..13 both PERSON; 6..13 alice; 19..30 alice; 23..30 bob; 59..66 bob.
    assert_eq!(cohen["positions"], 5);
    assert_eq!(cohen["used"], 1);
    assert_eq!(cohen["incomplete"], 4);
    assert!(cohen["kappa"].is_null(), "one label among used items");
    let sets = story["sets"].as_array().unwrap();
    assert_eq!(sets[0]["annotator_from"], "set");
    let other = documents
        .iter()
        .find(|d| d["article"] == "news/other")
        .unwrap();
    assert_eq!(other["annotators"], json!(["alice", "bob"]));
    assert_eq!(other["sets"][0]["annotator_from"], "file name");
    assert!(
        other["sets"][1]["path"]
            .as_str()
            .unwrap()
            .ends_with("other.bob.json")
    );

    // The corpus: pooled and mean of documents with the same keys.
    for part in ["pooled", "mean_of_documents"] {
        let corpus = &report["corpus"][part];
        for key in [
            "alpha_u",
            "kappa",
            "alpha_nominal",
            "f1",
            "relations_f1",
            "dropped_overlaps",
        ] {
            assert!(corpus.get(key).is_some(), "{part} lacks {key}");
        }
    }
    // Not every corpus annotator has a set anywhere: the pooled α_u leaves all out.
    assert_eq!(
        report["corpus"]["pooled"]["alpha_u_left_out"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert!(report["corpus"]["pooled"]["alpha_u"]["overall"].is_null());
    assert!(report["corpus"]["mean_of_documents"]["alpha_u"]["overall"].is_number());

    let table = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 1 + 3 + 2, "{table}");
    assert!(lines[0].starts_with("article,text_sha256,annotators,alpha_u,"));
    assert!(lines[0].contains("f1_exact:PERSON"));
    assert!(lines[4].starts_with("corpus (pooled)"));
    assert!(lines[5].starts_with("corpus (mean of documents)"));

    // The text report says the same things in words.
    let output = newsmark().arg("agree").arg(root).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("[duplicate_annotator]"), "{text}");
    assert!(text.contains("Corpus, pooled"), "{text}");
    assert!(text.contains("Corpus, mean of documents"), "{text}");
    assert!(text.contains("(name from the file name)"), "{text}");

    // With --with-gold the gold set is one more annotator.
    let output = newsmark()
        .args(["agree", "--json", "--with-gold"])
        .arg(root)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["annotators"],
        json!(["alice", "bob", "carol", "gold"])
    );
    assert!(
        report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["annotators"] == json!(["alice", "bob", "gold"]))
    );
    let help = newsmark().arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("agree"));
}

#[test]
fn sets_of_unrelated_articles_are_named_and_fail() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    write_set(&a, STORY, Some("alice"), &[("PERSON", 0, 13)]);
    write_set(&b, "Another text entirely.", Some("bob"), &[]);
    let output = newsmark()
        .args(["agree", "--json"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(kinds(&report).contains(&"unrelated_articles".to_string()));
    // A file that is not a set is named, too.
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a set").unwrap();
    let output = newsmark().arg("agree").arg(&a).arg(&text).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("notes.txt: not an annotation set"));
}

/// `suggest` on a team corpus: without a name it writes nothing (a set of nobody's would sit
/// beside the annotators' ones); with `--annotator` each article's suggestions go into that
/// annotator's set, started from the article where there was none, and agreement still sees
/// the corpus's annotators only.
#[test]
fn suggestions_on_a_team_corpus_go_into_one_annotators_sets() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let init = newsmark()
        .args([
            "corpus",
            "init",
            "--annotator",
            "alice",
            "--annotator",
            "bob",
        ])
        .arg(root)
        .output()
        .unwrap();
    assert!(init.status.success(), "{init:?}");
    let text = "“We will open the bridge on Monday,” said Mayor Lena Ortiz.";
    std::fs::write(root.join("bridge.txt"), text).unwrap();
    std::fs::write(root.join("harbour.txt"), STORY).unwrap();
    write_set(
        &root.join("harbour.bob.json"),
        STORY,
        Some("bob"),
        &[("PERSON", 0, 13)],
    );
    // As the window saves it: with the text's sha256 (a set without it is left to the window).
    let bob = root.join("harbour.bob.json");
    let mut saved: Value = serde_json::from_slice(&std::fs::read(&bob).unwrap()).unwrap();
    saved["document"]["text_sha256"] = json!(newsmark::storage::sha256_hex(STORY.as_bytes()));
    std::fs::write(&bob, saved.to_string()).unwrap();

    let output = newsmark().arg("suggest").arg(root).output().unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("--annotator NAME"), "{said}");
    assert!(said.contains("alice, bob"), "{said}");
    assert!(!root.join("bridge.json").exists());
    assert!(!root.join("harbour.json").exists());

    let output = newsmark()
        .args(["suggest", "--annotator", "bob"])
        .arg(root)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(!root.join("bridge.json").exists(), "{said}");
    let bridge = newsmark::formats::open_path(&root.join("bridge.bob.json"), None).unwrap();
    assert_eq!(bridge.set.annotator.as_deref(), Some("bob"));
    assert!(
        bridge.set.spans_ordered().any(|s| s.label == "QUOTE"),
        "{said}"
    );
    // bob's own span is still there, with the suggestions beside it.
    let harbour = newsmark::formats::open_path(&root.join("harbour.bob.json"), None).unwrap();
    assert!(
        harbour
            .set
            .spans_ordered()
            .any(|s| s.label == "PERSON" && s.review.is_accepted())
    );

    let output = newsmark()
        .args(["agree", "--json"])
        .arg(root)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["annotators"], json!(["alice", "bob"]), "{report:#}");

    let output = newsmark()
        .args(["suggest", "--annotator", "gold"])
        .arg(root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));

    // A path that is not there is said to be not there.
    let output = newsmark()
        .args(["agree"])
        .arg(root.join("gone"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("no such file or folder"), "{said}");
    assert_eq!(output.status.code(), Some(1), "{said}");
}
