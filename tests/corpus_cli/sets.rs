//! `stats`, `suggest` and `export` given a corpus folder: the sets they read and write, the
//! team sample, a set left to the window by its crash journal.

use super::*;

#[test]
fn validate_stats_suggest_and_export_take_a_corpus_folder() {
    let (keep, root) = generated(12);
    let before = snapshot(&root);
    // validate: each document, every loader check; fails for the broken ones.
    let output = run(&["validate"], &root);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert!(report.contains("story-00000.alice.json: ok ("), "{report}");
    assert!(
        report.contains("story-00002.txt: ok (no set: new)"),
        "{report}"
    );
    assert!(
        report.contains("story-00004.bob.json: not valid JSON"),
        "{report}"
    );
    assert!(report.contains("not the article's any more"), "{report}");
    assert!(report.contains("problem: d000/loop"), "{report}");
    // stats: per set, then totals.
    let output = run(&["stats"], &root);
    let report = stdout(&output);
    assert!(report.contains("story-00000.alice.json: "), "{report}");
    assert!(
        report.contains("total: ") && report.contains(" in 9 files"),
        "{report}"
    );
    // Reading wrote no document.
    assert_eq!(snapshot(&root), before);
    // suggest --dry-run: one line per document, nothing written. A corpus of annotators
    // needs no name for a dry run (it counts on the articles) but says whose sets a real run
    // needs; a real run without a name writes nothing (exit 2).
    let output = run(&["suggest", "--dry-run"], &root);
    let report = stdout(&output);
    // (1, not 0: the corpus has a broken set, as with a name.)
    assert_ne!(output.status.code(), Some(2), "{report}");
    assert!(report.contains("story-00002.txt"), "{report}");
    assert!(
        report.contains("a dry run counts on the articles and writes nothing"),
        "{report}"
    );
    assert_eq!(snapshot(&root), before);
    let output = run(&["suggest"], &root);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert_eq!(snapshot(&root), before);
    let output = run(&["suggest", "--dry-run", "--annotator", "alice"], &root);
    let report = stdout(&output);
    assert!(report.contains("story-00002.txt"), "{report}");
    // Done on every core, reported in the corpus's order, each document's lines together.
    let heads: Vec<&str> = report
        .lines()
        .filter(|line| !line.starts_with(' ') && line.contains("story-"))
        .collect();
    let mut sorted = heads.clone();
    sorted.sort();
    assert_eq!(heads, sorted, "{report}");
    assert!(heads.len() >= 10, "{report}");
    assert_eq!(snapshot(&root), before);
    // export: the sets only (not the corpus file, not the cache).
    let out = keep.path().join("out");
    let output = newsmark()
        .args(["export", "--to", "jsonl", "-o"])
        .arg(&out)
        .arg(&root)
        .output()
        .unwrap();
    let report = stdout(&output);
    assert!(
        report.contains("export jsonl: 9 documents, 1 failed"),
        "{report}"
    );
    assert!(
        !report.contains("newsmark.corpus.json") && !report.contains(".newsmark"),
        "{report}"
    );
    assert_eq!(snapshot(&root), before);
}

#[test]
fn the_team_sample_is_a_corpus_of_two_annotators_with_a_gold_set_in_curation() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    // Excluded from the samples' corpus (its sets would be three more annotators there).
    let output = run(&["corpus", "status", "--json", "--no-cache"], &samples);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| !d["article"].as_str().unwrap().starts_with("team")),
        "{json}"
    );
    // A copy, so that nothing here can touch the repository's files.
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    std::fs::create_dir(&team).unwrap();
    for entry in std::fs::read_dir(samples.join("team")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, team.join(path.file_name().unwrap())).unwrap();
        }
    }
    let output = run(&["corpus", "status", "--json", "--no-cache"], &team);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut sets: Vec<(String, String)> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["set"].as_str().unwrap_or_default().to_string(),
                d["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    sets.sort();
    assert_eq!(
        sets,
        [
            ("ferry-fares.ana.json", "done"),
            ("ferry-fares.ben.json", "done"),
            ("ferry-fares.gold.json", "in_curation"),
            ("library-closure.ana.json", "done"),
            ("library-closure.ben.json", "in_progress"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string())),
        "{json}"
    );
    assert_eq!(json["problems"], serde_json::json!([]));
    // The count says what it counts: 3 done and 1 in curation are "done or further".
    let table = stdout(&run(&["corpus", "status", "--no-cache"], &team));
    assert!(
        table.contains("3 done, 1 in curation, 0 curated;")
            && table.contains("4 of 5 done or further (done, in curation, curated)"),
        "{table}"
    );
    // Agreement compares ana and ben on both articles, the gold set left out.
    let output = run(&["agree"], &team);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    // A LOC/GPE confusion is a disagreement for each label, at one place: the places are
    // what `curate` counts (5 below).
    assert!(
        report.contains("6 disagreements by label, at 5 places"),
        "{report}"
    );
    assert!(
        report.contains("2 documents, 2 annotators: ana, ben"),
        "{report}"
    );
    // Each document, then the corpus (pooled, and the mean over documents).
    assert_eq!(report.matches("Cohen's κ ana–ben").count(), 4, "{report}");
    // The curation of the ferry story has the disagreements written into the sample.
    let before = std::fs::read(team.join("ferry-fares.gold.json")).unwrap();
    let output = newsmark()
        .current_dir(&team)
        .args([
            "curate",
            "--dry-run",
            "ferry-fares.ana.json",
            "ferry-fares.ben.json",
        ])
        .output()
        .unwrap();
    let report = stdout(&output);
    assert!(report.contains("disagreements: 5 (5 open)"), "{report}");
    assert!(report.contains("\"Inish Mor\""), "{report}");
    assert_eq!(
        std::fs::read(team.join("ferry-fares.gold.json")).unwrap(),
        before
    );
}

#[test]
fn suggest_on_a_corpus_folder_uses_the_corpus_gazetteer_as_the_window_does() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("a.txt"),
        "The Brennan Quay Trust opened the gates on Monday.\n",
    )
    .unwrap();
    std::fs::write(root.join("gazetteer.txt"), "ORG\tBrennan Quay Trust\n").unwrap();
    let output = run(&["suggest"], root);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(
        report.contains("using the corpus gazetteer") && report.contains("gazetteer.txt"),
        "{report}"
    );
    let saved = std::fs::read_to_string(root.join("a.json")).unwrap();
    assert!(
        saved.contains("\"ORG\"") && saved.contains("Brennan Quay Trust"),
        "{saved}"
    );
    // A gazetteer given on the command line wins, and nothing is said about the corpus's.
    let other = root.join("other.tsv");
    std::fs::write(&other, "GPE\tNowhere Town\n").unwrap();
    let output = newsmark()
        .args(["suggest", "--dry-run", "--gazetteer"])
        .arg(&other)
        .arg(root)
        .output()
        .unwrap();
    assert!(!stdout(&output).contains("using the corpus gazetteer"));
}

/// A set whose window died with edits in its journal: `a.json` saved with nothing, then one
/// span added in an editing process (`newsmark session`, the window's steps) that is killed:
/// its journal stays, and its lock names a process that no longer runs.
fn crashed_set(root: &Path) -> PathBuf {
    use std::io::{BufRead, BufReader, Write};
    let text = "\u{201c}We will stay,\u{201d} said Ana Lima.\n";
    std::fs::write(root.join("a.txt"), text).unwrap();
    let set_path = root.join("a.json");
    let mut child = newsmark()
        .arg("session")
        .arg(root.join("a.txt"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for (command, reply) in [
        ("save", "saved"),
        ("add PERSON 21 29", "ok"),
        ("sync", "synced"),
    ] {
        writeln!(input, "{command}").unwrap();
        let line = lines
            .find(|l| l.as_ref().is_ok_and(|l| !l.starts_with(['#', 'r'])))
            .unwrap()
            .unwrap();
        assert!(line.starts_with(reply), "{command}: {line}");
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let info = newsmark::journal::find_for(&set_path).expect("a journal to recover");
    assert_eq!(info.edits, 1);
    set_path
}

#[test]
fn suggest_leaves_a_set_with_a_crash_journal_to_the_window() {
    for corpus in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let set_path = crashed_set(dir.path());
        let before = std::fs::read(&set_path).unwrap();
        let target = if corpus {
            dir.path().to_path_buf()
        } else {
            set_path.clone()
        };
        let output = newsmark().arg("suggest").arg(&target).output().unwrap();
        let report = stdout(&output);
        assert_ne!(output.status.code(), Some(0), "{report}");
        assert!(
            report.contains("unsaved edit") && report.contains("recover"),
            "{report}"
        );
        assert_eq!(
            std::fs::read(&set_path).unwrap(),
            before,
            "the set is not written"
        );
        let info = newsmark::journal::find_for(&set_path).expect("the journal is kept");
        assert_eq!(info.edits, 1, "the crash's edit is still there to recover");
    }
}

#[test]
fn export_takes_the_gold_sets_or_one_annotator_and_names_what_it_left() {
    use newsmark::model::{AnnotationSet, Document, Schema, Status};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(&root).unwrap();
    let save = |name: &str, text: &str, status: Status| {
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        set.status = Some(status);
        newsmark::formats::save_set(&mut set, &root.join(name)).unwrap();
    };
    let a = "Ana Lima spoke in Lisbon.\n";
    let b = "Rui Costa left Porto.\n";
    std::fs::write(root.join("a.txt"), a).unwrap();
    std::fs::write(root.join("b.txt"), b).unwrap();
    save("a.alice.json", a, Status::Done);
    save("a.bob.json", a, Status::InProgress);
    save("a.gold.json", a, Status::Curated);
    save("b.alice.json", b, Status::Done);
    let export = |extra: &[&str], out: &str| {
        let output = newsmark()
            .args(["export", "--to", "jsonl", "-o"])
            .arg(dir.path().join(out))
            .args(extra)
            .arg(&root)
            .output()
            .unwrap();
        (output.status.code(), stdout(&output))
    };
    // Everything: four documents, and a note that article a comes out three times.
    let (code, report) = export(&[], "all");
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("4 documents, 0 failed"), "{report}");
    assert!(
        report.contains("1 article has more than one set and comes out once"),
        "{report}"
    );
    // The gold sets: one document, and b named as having none.
    let (code, report) = export(&["--sets", "gold"], "gold");
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("1 document, 0 failed"), "{report}");
    assert!(
        report.contains("1 article has no such set and is not exported")
            && report.contains("b.txt"),
        "{report}"
    );
    let lines = std::fs::read_to_string(dir.path().join("gold/doccano.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), 1);
    // An annotator with no set at all: said, and a failure.
    let (code, report) = export(&["--sets", "carol"], "carol");
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("no article has a set by carol (2 articles without one)"),
        "{report}"
    );
    // One annotator's finished sets: alice's two; bob's in-progress set is not hers anyway.
    let (code, report) = export(&["--sets", "alice", "--status", "done"], "alice");
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("2 documents, 0 failed"), "{report}");
    // Finished work of anyone: bob's in-progress set is counted as left out.
    let (code, report) = export(&["--status", "done,curated"], "finished");
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("3 documents, 0 failed"), "{report}");
    assert!(
        report.contains("1 set not exported: not done or curated") && report.contains("a.bob.json"),
        "{report}"
    );
}
