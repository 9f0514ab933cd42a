//! The corpus on the command line, as a user runs it, on generated corpora with broken
//! members. One test binary, its tests by concern: here `corpus init|status|find|dashboard`
//! and `validate`; `sets` the commands that read or write the sets of a corpus folder
//! (`stats`, `suggest`, `export`, the team sample). What they share is here.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod sets;

fn newsmark() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsmark"))
}

fn run(args: &[&str], dir: &Path) -> Output {
    newsmark().args(args).arg(dir).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// A generated corpus of `n` articles (seeded), written by `bench --corpus --write`.
fn generated(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    let output = newsmark()
        .args(["bench", "--corpus", "--articles", &n.to_string(), "--write"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (dir, root)
}

/// Every file under `root` outside `.newsmark/` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            if entry.file_name() == ".newsmark" || kind.is_symlink() {
                continue;
            }
            if kind.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn status_lists_every_article_and_set_with_its_problems_and_writes_no_document() {
    let (_keep, root) = generated(60);
    let before = snapshot(&root);
    let output = run(&["corpus", "status", "--json"], &root);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let documents = json["documents"].as_array().unwrap();
    // 60 articles: 20 done (each a set; story 0 and 30 also gold), 20 in progress, 20 new.
    assert_eq!(documents.len(), 62);
    let totals = &json["totals"];
    assert_eq!(totals["documents"], 62);
    assert_eq!(totals["new"], 20);
    assert_eq!(totals["in_progress"], 20);
    assert_eq!(totals["done"], 20);
    assert_eq!(totals["in_curation"], 2);
    let row = |set: &str| {
        documents
            .iter()
            .find(|d| d["set"] == set)
            .unwrap_or_else(|| panic!("no row for {set}"))
    };
    let problems = |d: &serde_json::Value| d["problems"].to_string();
    // Broken on purpose: story 4's set does not load, story 7's article changed under its
    // set, story 11's article is not text, story 13's status is unknown.
    let broken = row("d000/story-00004.bob.json");
    assert!(
        problems(broken).contains("the set does not load"),
        "{broken}"
    );
    assert_eq!(broken["spans"], 0);
    let moved = row("d000/story-00007.json");
    assert!(
        problems(moved).contains("not the article's any more"),
        "{moved}"
    );
    let binary = documents
        .iter()
        .find(|d| d["article"] == "d000/story-00011.txt")
        .unwrap();
    assert_eq!(binary["set"], serde_json::Value::Null);
    assert_eq!(binary["status"], "new");
    assert!(
        problems(binary).contains("the article cannot be read"),
        "{binary}"
    );
    let unknown = row("d000/story-00013.bob.json");
    assert!(
        problems(unknown).contains("\\\"reviewed\\\" is not a document status"),
        "{unknown}"
    );
    assert_eq!(unknown["status"], "in_progress");
    // A good row, whole.
    let good = row("d000/story-00000.alice.json");
    assert_eq!(good["article"], "d000/story-00000.txt");
    assert_eq!(good["status"], "done");
    assert_eq!(good["annotator"], "alice");
    assert!(good["spans"].as_u64().unwrap() >= 20);
    let label_sum: u64 = good["labels"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(good["spans"].as_u64().unwrap(), label_sum);
    assert!(good["modified"].as_str().unwrap().starts_with("2026-11-"));
    assert_eq!(good["problems"], serde_json::json!([]));
    // The link loop is a corpus problem, listed once.
    let corpus_problems = json["problems"].to_string();
    assert!(
        corpus_problems.contains("d000/loop: a symbolic link"),
        "{corpus_problems}"
    );
    // Nothing but the cache was written.
    assert_eq!(snapshot(&root), before);
    assert!(root.join(".newsmark/status.json").is_file());

    // The table: one line per row, problems under it, totals last; the same from the cache.
    let table = stdout(&run(&["corpus", "status"], &root));
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("ARTICLE") && lines[0].contains("LABELS"),
        "{}",
        lines[0]
    );
    let new_row = lines
        .iter()
        .find(|l| l.starts_with("d000/story-00002.txt"))
        .unwrap();
    assert_eq!(
        new_row.split_whitespace().collect::<Vec<_>>(),
        ["d000/story-00002.txt", "none", "new", "0", "-", "-"]
    );
    assert!(table.contains("    problem: "), "{table}");
    let last = lines.last().unwrap();
    assert!(
        last.starts_with("Generated benchmark corpus: 62 documents (60 articles): 20 new, 20 in progress, 20 done, 2 in curation, 0 curated;"),
        "{last}"
    );
    assert!(
        last.ends_with("22 of 62 done or further (done, in curation, curated)"),
        "{last}"
    );
    let uncached = stdout(&run(&["corpus", "status", "--no-cache"], &root));
    assert_eq!(uncached, table);

    // One annotator's view: one row per article.
    let alice = run(
        &["corpus", "status", "--json", "--annotator", "alice"],
        &root,
    );
    let alice: serde_json::Value = serde_json::from_slice(&alice.stdout).unwrap();
    assert_eq!(alice["totals"]["documents"], 60);
    assert!(
        alice["documents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["set"].is_null() || d["set"].as_str().unwrap().ends_with(".alice.json"))
    );
}

#[test]
fn init_writes_the_corpus_file_and_gitignore_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ports");
    let output = newsmark()
        .args([
            "corpus",
            "init",
            "--annotator",
            "alice",
            "--annotator",
            "bob",
        ])
        .arg(&root)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stdout(&output));
    let config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("newsmark.corpus.json")).unwrap()).unwrap();
    assert_eq!(
        config,
        serde_json::json!({"format": "newsmark.corpus", "version": 1, "name": "ports",
            "guidelines": "GUIDELINES.md", "annotators": ["alice", "bob"]})
    );
    let ours = format!(
        "# Newsmark's own files: the corpus cache, and each window's lock, crash journal and save in progress\n{}\n",
        newsmark::corpus::ignore::IGNORED.join("\n")
    );
    assert!(ours.contains(".*.newsmark-lock\n"), "{ours}");
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        ours
    );
    // Again: nothing replaced; an existing .gitignore gets the lines once.
    std::fs::write(root.join("newsmark.corpus.json"), "{\"name\": \"mine\"}").unwrap();
    std::fs::write(root.join(".gitignore"), "*.bak").unwrap();
    let output = run(&["corpus", "init"], &root);
    assert!(output.status.success());
    assert!(stdout(&output).contains("already there; not changed"));
    assert_eq!(
        std::fs::read_to_string(root.join("newsmark.corpus.json")).unwrap(),
        "{\"name\": \"mine\"}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        format!("*.bak\n{ours}")
    );
    run(&["corpus", "init"], &root);
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        format!("*.bak\n{ours}")
    );
    // A bad annotator name is refused before anything is written.
    let other = dir.path().join("other");
    let output = newsmark()
        .args(["corpus", "init", "--annotator", "gold"])
        .arg(&other)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(!other.exists());
}

#[test]
fn find_lists_every_hit_in_context() {
    let (_keep, root) = generated(12);
    let output = newsmark()
        .args(["corpus", "find", "--json"])
        .arg(&root)
        .arg("Zürich")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let hits = json["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert_eq!(json["total"].as_u64().unwrap() as usize, hits.len());
    // Offsets are code points into the article.
    for hit in hits.iter().take(50) {
        let article = std::fs::read_to_string(root.join(hit["article"].as_str().unwrap())).unwrap();
        let chars: Vec<char> = article.chars().collect();
        let (start, end) = (
            hit["start"].as_u64().unwrap() as usize,
            hit["end"].as_u64().unwrap() as usize,
        );
        let found: String = chars[start..end].iter().collect();
        assert_eq!(found.to_lowercase(), "zürich", "{hit}");
        assert_eq!(hit["match"].as_str().unwrap(), found);
    }
    assert!(
        json["problems"]
            .to_string()
            .contains("story-00011.txt: not searched")
    );
    let text = stdout(
        &newsmark()
            .args(["corpus", "find", "--whole-words"])
            .arg(&root)
            .arg("said")
            .output()
            .unwrap(),
    );
    let last = text.lines().last().unwrap();
    assert!(
        last.contains(" hits in ") && last.contains("of 11 articles searched; 1 not searched"),
        "{last}"
    );
    assert!(text.lines().next().unwrap().contains("[said]"), "{text}");
}

#[test]
fn find_says_when_it_stopped_at_the_limit_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("big.txt"), "ab ".repeat(100_010)).unwrap();
    std::fs::write(root.join("small.txt"), "ab cd ab").unwrap();
    std::fs::write(root.join("none.txt"), "cd").unwrap();
    let text = stdout(
        &newsmark()
            .args(["corpus", "find", "--max", "5"])
            .arg(root)
            .arg("ab")
            .output()
            .unwrap(),
    );
    let lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    assert_eq!(
        lines[n - 2],
        "at least 100002 hits in 2 of 3 articles searched; the first 5 shown (--max N shows \
         more)"
    );
    assert!(
        lines[n - 1].starts_with(
            "stopped at the limit of 100000 hits in 1 article (big.txt): the rest of each \
             was not searched"
        ),
        "{text}"
    );
    let output = newsmark()
        .args(["corpus", "find", "--json", "--max", "5"])
        .arg(root)
        .arg("ab")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["stopped_at_limit"], serde_json::json!(["big.txt"]));
    assert_eq!(json["limit_per_article"], 100_000);
}

#[test]
fn validate_checks_a_folder_of_sets_without_articles_set_by_set() {
    let team = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data/team");
    let dir = tempfile::tempdir().unwrap();
    for name in ["ferry-fares.ana.json", "library-closure.ben.json"] {
        std::fs::copy(team.join(name), dir.path().join(name)).unwrap();
    }
    let output = run(&["validate"], dir.path());
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(
        report.contains("sets without articles (not a corpus): each set is checked on its own"),
        "{report}"
    );
    assert!(!report.contains("no article"), "{report}");
    assert!(
        report.contains("ferry-fares.ana.json: ok (") && report.contains(", done)\n"),
        "{report}"
    );
    assert!(
        report.contains("library-closure.ben.json: ok (") && report.contains(", in_progress)\n"),
        "{report}"
    );
    // A file says its status as the folder does.
    let file = dir.path().join("ferry-fares.ana.json");
    let output = newsmark().arg("validate").arg(&file).output().unwrap();
    let line = stdout(&output);
    assert!(
        line.starts_with(&format!("{}: ok (", file.display())) && line.ends_with(", done)\n"),
        "{line}"
    );
    // A corpus with an article keeps naming a set whose article is missing.
    std::fs::copy(
        team.join("ferry-fares.txt"),
        dir.path().join("ferry-fares.txt"),
    )
    .unwrap();
    let output = run(&["validate"], dir.path());
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(
        report.contains("no article (library-closure.txt"),
        "{report}"
    );
}

#[test]
fn dashboard_numbers_export_as_csv() {
    let (keep, root) = generated(9);
    let out = keep.path().join("csv");
    let output = newsmark()
        .args(["corpus", "dashboard", "--csv"])
        .arg(&out)
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for name in ["status", "labels", "annotators", "progress", "documents"] {
        assert!(out.join(format!("{name}.csv")).is_file(), "{name}");
    }
    let status = std::fs::read_to_string(out.join("status.csv")).unwrap();
    assert_eq!(
        status,
        "status,documents\nnew,3\nin_progress,3\ndone,3\nin_curation,1\ncurated,0\n"
    );
    let annotators = std::fs::read_to_string(out.join("annotators.csv")).unwrap();
    assert!(
        annotators
            .starts_with("annotator,documents,new,in_progress,done,in_curation,curated,spans\n")
    );
}

#[cfg(unix)]
#[test]
fn bad_members_never_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("good.txt"), "Ein guter Artikel über Zürich.\n").unwrap();
    // A pipe named like an article: reading it would block forever.
    assert!(
        Command::new("mkfifo")
            .arg(root.join("pipe.txt"))
            .status()
            .unwrap()
            .success()
    );
    // A link loop, a dangling link, a file whose name is not Unicode.
    std::os::unix::fs::symlink(".", root.join("loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", root.join("dangling.txt")).unwrap();
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"bad-\xff.txt");
        std::fs::write(root.join(name), "x").unwrap();
    }
    // 100,000 files in 100 folders, 1,000 of them articles.
    for folder in 0..100 {
        let folder_path = root.join(format!("f{folder:02}"));
        std::fs::create_dir(&folder_path).unwrap();
        for file in 0..1_000 {
            let name = if file % 100 == 0 {
                format!("a{file}.txt")
            } else {
                format!("n{file}.dat")
            };
            std::fs::File::create(folder_path.join(name)).unwrap();
        }
    }
    let output = newsmark()
        .args(["corpus", "status", "--json"])
        .arg(root)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["totals"]["documents"], 1_001);
    let problems = json["problems"].to_string();
    for needle in [
        "pipe.txt: not a regular file",
        "loop: a symbolic link",
        "dangling.txt: a symbolic link that leads nowhere",
        "the name is not valid Unicode",
    ] {
        assert!(problems.contains(needle), "{needle}: {problems}");
    }
}

#[test]
fn the_sample_data_folder_is_a_corpus() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let output = newsmark()
        .args(["corpus", "status", "--json", "--no-cache"])
        .arg(&samples)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let documents = json["documents"].as_array().unwrap();
    let articles: Vec<&str> = documents
        .iter()
        .map(|d| d["article"].as_str().unwrap())
        .collect();
    assert!(articles.contains(&"harbour-strike.txt"), "{articles:?}");
    // The corpus's own files and the excluded word list are not articles.
    for own in [
        "README.md",
        "GUIDELINES.md",
        "gazetteer.txt",
        "newsmark.corpus.json",
    ] {
        assert!(!articles.contains(&own), "{own} listed: {articles:?}");
    }
    let harbour = documents
        .iter()
        .find(|d| d["article"] == "harbour-strike.txt")
        .unwrap();
    assert_eq!(harbour["set"], "harbour-strike.json");
    assert_eq!(harbour["annotator"], "newsmark-sample-gold");
    assert_eq!(harbour["problems"], serde_json::json!([]));
    assert_eq!(json["problems"], serde_json::json!([]));
    assert!(!samples.join(".newsmark").exists() || samples.join(".newsmark/.gitignore").is_file());
}

#[test]
fn init_writes_starter_guidelines_it_names_and_never_replaces_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ports");
    let output = run(&["corpus", "init"], &root);
    assert!(output.status.success(), "{}", stdout(&output));
    let config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("newsmark.corpus.json")).unwrap()).unwrap();
    let named = config["guidelines"].as_str().unwrap();
    let guidelines = std::fs::read_to_string(root.join(named)).unwrap();
    assert!(
        guidelines.starts_with("# Annotation guidelines: ports"),
        "{guidelines}"
    );
    assert!(guidelines.contains("**PERSON**"), "{guidelines}");
    assert!(guidelines.contains("**said_by**"), "{guidelines}");
    assert!(stdout(&output).contains("GUIDELINES.md (a starter to fill in)"));
    // A team's own guidelines are never replaced, by a new corpus file or a second init.
    let other = dir.path().join("desk");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("GUIDELINES.md"), "Ours.\n").unwrap();
    let output = run(&["corpus", "init"], &other);
    assert!(output.status.success());
    assert_eq!(
        std::fs::read_to_string(other.join("GUIDELINES.md")).unwrap(),
        "Ours.\n"
    );
    std::fs::remove_file(root.join("GUIDELINES.md")).unwrap();
    run(&["corpus", "init"], &root);
    assert!(
        !root.join("GUIDELINES.md").exists(),
        "an existing corpus file is not changed, and nothing is written beside it"
    );
}
