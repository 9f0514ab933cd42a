//! `newsmark import` as a user runs it on files with broken lines and bad items: what the
//! reader left out is counted as left out in the summary, and the exit status says the
//! import was incomplete.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

fn import(input: &Path, out: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .arg("import")
        .arg(input)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string()
            + &String::from_utf8_lossy(&output.stderr),
    )
}

/// The totals line: `import: N documents, …`.
fn totals(report: &str) -> &str {
    report.lines().find(|l| l.starts_with("import: ")).unwrap()
}

#[test]
fn a_doccano_file_with_a_broken_line_and_bad_spans_counts_them_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("batch.jsonl");
    std::fs::write(
        &input,
        [
            r#"{"text": "Ana Lima spoke.", "label": [[0, 8, "PERSON"], [0, 99, "ORG"]]}"#,
            r#"{"text": "broken"#,
            r#"{"text": "Bo Reyes left.", "label": [[0, 8, "PERSON"], ["bad"]]}"#,
            r#"{"text": "Cy Tan won.", "label": [[6, 2, "PERSON"], [0, 6, "PERSON"]]}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let out = dir.path().join("sets");
    let (code, report) = import(&input, &out);
    assert_eq!(code, Some(1), "{report}");
    let totals = totals(&report);
    assert!(totals.contains("3 documents,"), "{report}");
    assert!(
        totals.contains("3 spans and 0 relations written"),
        "{report}"
    );
    // The broken line and three bad spans: four items left out, not zero.
    assert!(totals.contains("4 items left out"), "{report}");
    assert!(
        report.contains("incomplete: 4 items of the input left out"),
        "{report}"
    );
    assert!(report.contains("line 2"), "{report}");
    // The documents that could be read are written all the same.
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        4,
        "3 sets and the report"
    );
    let log = std::fs::read_to_string(out.join("newsmark-import-report.log")).unwrap();
    assert!(log.contains("4 items left out"), "{log}");
}

#[test]
fn a_brat_span_past_the_end_is_left_out_counted_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.txt"), "Ana Lima spoke in Lisbon.\n").unwrap();
    std::fs::write(
        dir.path().join("story.ann"),
        "T1\tPERSON 0 8\tAna Lima\nT2\tGPE 18 99\tLisbon\n",
    )
    .unwrap();
    let out = dir.path().join("sets");
    let (code, report) = import(&dir.path().join("story.ann"), &out);
    assert_eq!(code, Some(1), "{report}");
    let totals = totals(&report);
    assert!(
        totals.contains("1 span and 0 relations written"),
        "{report}"
    );
    assert!(totals.contains("1 item left out"), "{report}");
    assert!(
        report.contains("1 span, 0 relations written, 1 item left out"),
        "{report}"
    );
}

#[test]
fn a_clean_import_exits_zero_and_leaves_nothing_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("batch.jsonl");
    std::fs::write(
        &input,
        r#"{"text": "Ana Lima spoke.", "label": [[0, 8, "PERSON"]]}"#,
    )
    .unwrap();
    let (code, report) = import(&input, &dir.path().join("sets"));
    assert_eq!(code, Some(0), "{report}");
    assert!(totals(&report).contains("0 items left out"), "{report}");
    assert!(!report.contains("incomplete"), "{report}");
}

#[test]
fn a_prodigy_example_the_annotator_rejected_is_not_counted_as_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("review.jsonl");
    std::fs::write(
        &input,
        [
            r#"{"text": "Ana Lima spoke.", "spans": [{"start": 0, "end": 8, "label": "PERSON"}], "answer": "accept"}"#,
            r#"{"text": "Bo Reyes left.", "spans": [{"start": 0, "end": 8, "label": "ORG"}], "answer": "reject"}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["import", "--from", "prodigy"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("sets"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout).to_string();
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(report.contains("not imported"), "{report}");
    assert!(totals(&report).contains("0 items left out"), "{report}");
}

/// A clean import is a clean report: an HTML page whose article body was found, and a set
/// imported as suggestions, say what was done as notes and count 0 problems; a page with no
/// article body still counts its problem (the text may hold page furniture).
#[test]
fn information_is_a_note_and_a_clean_import_counts_no_problem() {
    let dir = tempfile::tempdir().unwrap();
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/html/harbour-strike.html");
    let (code, report) = import(&page, &dir.path().join("page"));
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains("  note: took the article body chosen by readability"),
        "{report}"
    );
    assert!(!report.contains("problem:"), "{report}");
    assert!(
        totals(&report).contains(" 0 items left out, 0 problems"),
        "{report}"
    );

    let bare = dir.path().join("links.html");
    std::fs::write(
        &bare,
        "<html><head><title>Links</title></head><body><nav>Menu</nav></body></html>",
    )
    .unwrap();
    let (code, report) = import(&bare, &dir.path().join("bare"));
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains("problem: ") && report.contains("no article body found"),
        "{report}"
    );
    assert!(totals(&report).contains(" 1 problem"), "{report}");

    let jsonl = dir.path().join("one.jsonl");
    std::fs::write(
        &jsonl,
        r#"{"text": "Ana Lima spoke.", "label": [[0, 8, "PERSON"]]}"#,
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["import", "--as-suggestions"])
        .arg(&jsonl)
        .arg("-o")
        .arg(dir.path().join("suggested"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{report}");
    assert!(
        report.contains("  note: 1 span and 0 relations imported as suggestions"),
        "{report}"
    );
    assert!(totals(&report).contains(" 0 problems"), "{report}");
}

#[test]
fn a_brat_folder_import_takes_only_brat_files_and_says_what_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("story.txt"), "Ana Lima spoke in Porto.\n").unwrap();
    std::fs::write(
        corpus.join("story.ann"),
        "T1\tPERSON 0 8\tAna Lima\nT2\tGPE 18 23\tPorto\n",
    )
    .unwrap();
    // A Newsmark set of a long article beside it (the user's own sets live there too).
    let long = format!("{}\n", "The council met again. ".repeat(400));
    let set = newsmark::model::AnnotationSet::new(
        newsmark::model::Document::new(long.as_str()),
        newsmark::model::Schema::default(),
    );
    for name in ["council-budget.json", "harbour.json"] {
        std::fs::write(corpus.join(name), newsmark::formats::native::to_json(&set)).unwrap();
    }
    std::fs::write(corpus.join("notes.txt"), "an article with no .ann\n").unwrap();
    let out = dir.path().join("sets");
    let output = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["import", "--from", "brat"])
        .arg(&corpus)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(
        report.contains("skipped 2 Newsmark sets (.json): not brat"),
        "{report}"
    );
    assert!(
        report.contains("skipped 1 article (.txt): not brat"),
        "{report}"
    );
    assert!(out.join("story.json").is_file(), "{report}");
    assert!(!out.join("council-budget.json").exists(), "{report}");

    // Given the set by name as brat (its article beside it), each problem line quotes at
    // most ~80 characters of it.
    std::fs::write(corpus.join("council-budget.txt"), &long).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["import", "--from", "brat", "--verbose"])
        .arg(corpus.join("council-budget.json"))
        .arg("-o")
        .arg(dir.path().join("as-brat"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(report.contains('…'), "{report}");
    let longest = report.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 300, "a line of {longest} characters:\n{report}");
}

#[test]
fn a_w3c_export_imports_back_with_its_article_beside_it() {
    // A sample set with non-ASCII text, links and attributes, out to W3C and back in.
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data/haifa-light-rail.json");
    let exported = dir.path().join("w3c");
    let output = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["export", "--to", "w3c"])
        .arg(&sample)
        .arg("-o")
        .arg(&exported)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let jsonld = exported.join("haifa-light-rail.jsonld");
    assert!(jsonld.is_file());
    let original = newsmark::formats::open_path(&sample, None).unwrap().set;

    // Without its article the import says what to do and writes nothing.
    let out = dir.path().join("sets");
    let (code, report) = import(&jsonld, &out);
    assert_ne!(code, Some(0), "{report}");
    assert!(
        report.contains("holds no article text") && report.contains("haifa-light-rail.txt"),
        "{report}"
    );
    assert!(!out.join("haifa-light-rail.json").exists());

    // With the article beside it (as the export names it), every span and link comes back.
    let text = original.text().as_str().to_string();
    std::fs::write(exported.join("haifa-light-rail.txt"), &text).unwrap();
    let (code, report) = import(&jsonld, &out);
    assert_eq!(code, Some(0), "{report}");
    let back = newsmark::formats::open_path(&out.join("haifa-light-rail.json"), None)
        .unwrap()
        .set;
    let spans = |set: &newsmark::model::AnnotationSet| {
        let mut spans: Vec<(usize, usize, String, String)> = set
            .spans_ordered()
            .map(|s| {
                (
                    s.start,
                    s.end,
                    s.label.clone(),
                    set.span_text(s).to_string(),
                )
            })
            .collect();
        spans.sort();
        spans
    };
    assert_eq!(spans(&back), spans(&original));
    assert_eq!(back.relations().count(), original.relations().count());
    assert_eq!(back.text().as_str(), text);
}
