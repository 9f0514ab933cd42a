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
    assert!(report.contains("bad.json: 1 problem(s)"), "{report}");
    assert!(report.contains("spans[0] (id"), "{report}");
    assert!(report.contains("2 file(s), 1 with problems"), "{report}");
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
