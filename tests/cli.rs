//! The command line as a user runs it: exit codes and reports.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn newsmark() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsmark"))
}

#[test]
fn validate_reports_per_file_and_fails_on_problems() {
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let good = samples.join("harbour-strike.json");
    let output = newsmark().arg("validate").arg(&good).output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("harbour-strike.json: ok"));

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&good).unwrap()).unwrap();
    value["spans"][0]["end"] = 9_999_999.into();
    std::fs::write(&bad, value.to_string()).unwrap();
    let output = newsmark()
        .arg("validate")
        .arg(&good)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("bad.json: 1 problem\n"), "{report}");
    assert!(report.contains("spans[0] (id"), "{report}");
    assert!(report.contains("2 files, 1 with problems"), "{report}");
}

#[test]
fn the_readmes_first_commands_run_on_the_sample_data_as_a_shell_expands_them() {
    // `newsmark validate sample_data/*.json`: the glob takes the corpus file too.
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let mut files: Vec<_> = std::fs::read_dir(&samples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.iter().any(|p| p.ends_with("newsmark.corpus.json")));
    for command in ["validate", "stats"] {
        let output = newsmark().arg(command).args(&files).output().unwrap();
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{command}: {report}");
        assert!(
            report
                .contains("newsmark.corpus.json: the corpus file, not an annotation set; left out"),
            "{command}: {report}"
        );
        assert!(!report.contains("cannot open"), "{command}: {report}");
    }
}

#[test]
fn stats_say_how_many_spans_are_suggestions_not_yet_reviewed() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "\u{201c}We will stay,\u{201d} said Ana Lima.\n").unwrap();
    let output = newsmark().arg("suggest").arg(&article).output().unwrap();
    assert!(output.status.success());
    let output = newsmark()
        .arg("stats")
        .arg(dir.path().join("a.json"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().next().unwrap();
    let spans: usize = line
        .split(": ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(spans >= 3, "{text}");
    assert!(
        line.contains(&format!("({spans} of them suggestions not yet reviewed)")),
        "{text}"
    );
    assert!(
        text.contains("total: ") && text.contains("not yet reviewed) in 1 file\n"),
        "{text}"
    );
}

#[test]
fn stats_count_spans_per_label_and_help_lists_every_command() {
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let output = newsmark()
        .arg("stats")
        .arg(samples.join("council-budget.json"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("QUOTE") && text.contains("total:"), "{text}");
    let help = newsmark().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for command in [
        "validate", "stats", "suggest", "export", "import", "reanchor", "bench",
    ] {
        assert!(help.contains(command), "--help lists {command}");
    }
}

#[test]
fn a_models_output_imports_as_suggestions_to_review() {
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let dir = tempfile::tempdir().unwrap();
    // A DocBin standing in for a model's predictions: the gold set exported to spaCy.
    let exported = newsmark()
        .args(["export", "--to", "spacy"])
        .arg(samples.join("council-budget.json"))
        .arg("-o")
        .arg(dir.path().join("spacy"))
        .output()
        .unwrap();
    assert!(exported.status.success());
    let output = newsmark()
        .args(["import", "--as-suggestions"])
        .arg(dir.path().join("spacy/corpus.spacy"))
        .arg("-o")
        .arg(dir.path().join("sets"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{report}");
    assert!(
        report.contains("imported as suggestions to review"),
        "{report}"
    );
    let set: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("sets/council-budget.json")).unwrap(),
    )
    .unwrap();
    let spans = set["spans"].as_array().unwrap();
    assert!(!spans.is_empty());
    for span in spans {
        assert_eq!(span["review"], "suggested", "{span}");
        assert_eq!(span["origin"], "import:spacy", "{span}");
    }
    // Without the flag the same file imports as accepted annotations.
    let output = newsmark()
        .arg("import")
        .arg(dir.path().join("spacy/corpus.spacy"))
        .arg("-o")
        .arg(dir.path().join("accepted"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let set: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("accepted/council-budget.json")).unwrap(),
    )
    .unwrap();
    assert!(
        set["spans"][0].get("review").is_none(),
        "accepted by default"
    );
}

/// A write that fails half way (the file-size limit stands in for a full disk: both make
/// `write` fail with an error mid-file) leaves the previous set as it was and no stray files.
#[cfg(target_os = "linux")]
#[test]
fn a_save_that_fails_half_way_keeps_the_previous_file() {
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.json");
    std::fs::copy(samples.join("long-inquiry.json"), &set).unwrap();
    let before = std::fs::read(&set).unwrap();
    assert!(before.len() > 200 * 1024);
    // At most 64 KiB may be written; SIGXFSZ ignored, so write() fails with EFBIG instead.
    let script = format!(
        "trap '' XFSZ; ulimit -f 64; exec \"{}\" suggest \"{}\"",
        env!("CARGO_BIN_EXE_newsmark"),
        set.display()
    );
    let output = Command::new("sh").arg("-c").arg(&script).output().unwrap();
    let report = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(report.contains("cannot save"), "{report}");
    assert!(
        report.contains("The previous file was not changed"),
        "{report}"
    );
    assert_eq!(
        report.matches("File too large").count(),
        1,
        "the cause is said once: {report}"
    );
    assert_eq!(std::fs::read(&set).unwrap(), before, "the set is untouched");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("set.json")],
        "no stray files"
    );
}

/// A suggestion the user rejected stays rejected after the article is edited: `reanchor`
/// moves the remembered rejection with the text, so `suggest` on the new set does not bring
/// it back (while on a set without the rejection it does).
#[test]
fn a_rejected_suggestion_stays_rejected_after_a_reanchor_and_suggest() {
    let dir = tempfile::tempdir().unwrap();
    let old_text = "\u{201c}We will stay,\u{201d} said Ana Lima.\n";
    std::fs::write(dir.path().join("a.txt"), old_text).unwrap();
    let suggest = |file: &str| {
        let output = newsmark()
            .arg("suggest")
            .arg(dir.path().join(file))
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
    };
    suggest("a.txt");
    // Reject the suggested span over "Ana Lima" (and its links) as the window does: gone
    // from the spans, remembered in `rejected`.
    let set_path = dir.path().join("a.json");
    let mut set: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&set_path).unwrap()).unwrap();
    let ana = old_text.chars().position(|c| c == 'A').unwrap();
    let spans = set["spans"].as_array().unwrap().clone();
    let rejected = spans
        .iter()
        .find(|s| s["start"] == ana && s["end"] == ana + "Ana Lima".len())
        .expect("a suggestion over Ana Lima")
        .clone();
    let label = rejected["label"].as_str().unwrap().to_string();
    set["spans"] = spans.into_iter().filter(|s| *s != rejected).collect();
    let relations = set["relations"].as_array().cloned().unwrap_or_default();
    set["relations"] = relations
        .into_iter()
        .filter(|r| r["from"] != rejected["id"] && r["to"] != rejected["id"])
        .collect();
    set["rejected"] = serde_json::json!([
        {"span": {"label": label, "start": ana, "end": ana + 8}}
    ]);
    std::fs::write(&set_path, serde_json::to_string_pretty(&set).unwrap()).unwrap();

    let new_text = format!("UPDATED: {old_text}");
    let shift = "UPDATED: ".len();
    std::fs::write(dir.path().join("b.txt"), &new_text).unwrap();
    let moved = dir.path().join("b.json");
    let output = newsmark()
        .arg("reanchor")
        .arg(&set_path)
        .arg(dir.path().join("b.txt"))
        .arg("-o")
        .arg(&moved)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{report}");
    assert!(!report.contains("DROPPED"), "{report}");
    suggest("b.json");
    let after: serde_json::Value = serde_json::from_slice(&std::fs::read(&moved).unwrap()).unwrap();
    let at = |set: &serde_json::Value| {
        set["spans"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["label"] == label.as_str() && s["start"] == ana + shift)
    };
    assert!(!at(&after), "the rejected {label} came back: {after:#}");
    assert_eq!(
        after["rejected"],
        serde_json::json!([{"span": {"label": label, "start": ana + shift, "end": ana + shift + 8}}])
    );
    // The control: suggesting on the new article without the rejection proposes it.
    std::fs::remove_file(&moved).unwrap();
    suggest("b.txt");
    let fresh: serde_json::Value = serde_json::from_slice(&std::fs::read(&moved).unwrap()).unwrap();
    assert!(at(&fresh), "{fresh:#}");
}

/// A count says its noun in its number: "1 span", "2 spans", never "span(s)". `validate` and
/// `stats` on a set with one span and one with two, then on one file and on two.
#[test]
fn counts_say_one_and_many_in_their_number() {
    use newsmark::model::edit::{Edit, apply};
    use newsmark::model::{AnnotationSet, Document, Schema, Span, SpanId};
    let dir = tempfile::tempdir().unwrap();
    let text = "Ana Lima spoke in Lisbon.\n";
    let mut paths = Vec::new();
    for (name, spans) in [("one", vec![(0, 8)]), ("two", vec![(0, 8), (18, 24)])] {
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        let adds = spans
            .into_iter()
            .zip(1..)
            .map(|((start, end), id)| Edit::AddSpan(Span::new(SpanId(id), "PERSON", start..end)))
            .collect();
        apply(&mut set, Edit::Batch(adds)).unwrap();
        let path = dir.path().join(format!("{name}.json"));
        newsmark::formats::save_set(&mut set, &path).unwrap();
        paths.push(path);
    }
    let run = |command: &str, files: &[std::path::PathBuf]| {
        let output = newsmark().arg(command).args(files).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let validated = run("validate", &paths);
    assert!(
        validated.contains("one.json: ok (1 span, 0 relations, 26 characters"),
        "{validated}"
    );
    assert!(
        validated.contains("two.json: ok (2 spans, 0 relations,"),
        "{validated}"
    );
    assert!(
        validated.ends_with("2 files, 0 with problems\n"),
        "{validated}"
    );
    let stats = run("stats", &paths);
    assert!(stats.contains("one.json: 1 span, 0 relations\n"), "{stats}");
    assert!(
        stats.contains("two.json: 2 spans, 0 relations\n"),
        "{stats}"
    );
    assert!(stats.contains("total: 3 spans in 2 files\n"), "{stats}");
    let alone = run("stats", &paths[..1]);
    assert!(alone.contains("total: 1 span in 1 file\n"), "{alone}");
    for report in [&validated, &stats, &alone] {
        assert!(!report.contains("(s)"), "{report}");
    }
}
