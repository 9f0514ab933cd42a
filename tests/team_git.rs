//! The merge driver with real git: a repository configured by `team::configure_git`, two
//! branches annotating the same set, `git merge` running the built `newsmark merge-driver`.

#![allow(clippy::unwrap_used)]
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newsmark::formats::native;
use newsmark::model::edit::{self, Edit};
use newsmark::model::{
    AnnotationSet, Document, Relation, RelationId, Review, Schema, Span, SpanId,
};

const TEXT: &str = "“We will not wait,” said Ana Lúcia Ferreira in Zürich on Monday.\n";

struct Repo {
    dir: tempfile::TempDir,
    path: String,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        // `newsmark` on the PATH is the binary under test (the driver command git runs).
        let exe = PathBuf::from(env!("CARGO_BIN_EXE_newsmark"));
        let path = format!(
            "{}:{}",
            exe.parent().unwrap().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let repo = Repo { dir, path };
        repo.git_ok(&["init", "-q"]);
        repo.git_ok(&["checkout", "-q", "-b", "main"]);
        repo.git_ok(&["config", "user.name", "Test Annotator"]);
        repo.git_ok(&["config", "user.email", "test@example.invalid"]);
        repo.git_ok(&["config", "commit.gpgsign", "false"]);
        let done = newsmark::team::configure_git(repo.dir.path()).unwrap();
        assert!(
            done.iter().any(|d| d.contains("merge.newsmark.driver")),
            "{done:?}"
        );
        // Idempotent: a second run adds nothing.
        newsmark::team::configure_git(repo.dir.path()).unwrap();
        let attributes = std::fs::read_to_string(repo.dir.path().join(".gitattributes")).unwrap();
        assert_eq!(attributes.matches("*.json merge=newsmark").count(), 1);
        repo
    }

    fn git(&self, args: &[&str]) -> Output {
        Command::new("git")
            .arg("-C")
            .arg(self.dir.path())
            .args(args)
            .env("PATH", &self.path)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir.path())
            .output()
            .unwrap()
    }

    fn git_ok(&self, args: &[&str]) -> Output {
        let output = self.git(args);
        assert!(
            output.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    fn file(&self) -> PathBuf {
        self.dir.path().join("story.alice.json")
    }

    fn write(&self, set: &AnnotationSet) {
        std::fs::write(self.file(), native::to_json(set)).unwrap();
    }

    fn read(&self) -> AnnotationSet {
        let json = std::fs::read_to_string(self.file()).unwrap();
        let loaded = native::from_json(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        loaded.set
    }

    fn commit(&self, message: &str) {
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "-q", "-m", message]);
    }
}

fn base_set() -> AnnotationSet {
    let mut set = AnnotationSet::new(Document::new(TEXT), Schema::default());
    set.annotator = Some("alice".into());
    for (label, range) in [("QUOTE", 1..18), ("PERSON", 25..43), ("GPE", 47..53)] {
        let e = edit::add_span(&mut set, label, range);
        edit::apply(&mut set, e).unwrap();
    }
    let relation = Relation {
        id: set.new_relation_id(),
        label: "said_by".into(),
        from: SpanId(1),
        to: SpanId(2),
        origin: None,
        review: Review::Accepted,
    };
    edit::apply(&mut set, Edit::AddRelation(relation)).unwrap();
    set
}

fn spans(set: &AnnotationSet) -> Vec<(u64, String, usize, usize)> {
    set.spans_ordered()
        .map(|s| (s.id.0, s.label.clone(), s.start, s.end))
        .collect()
}

fn relabel(set: &mut AnnotationSet, id: u64, label: &str) {
    let mut span = set.span(SpanId(id)).unwrap().clone();
    span.label = label.into();
    edit::apply(set, Edit::UpdateSpan(span)).unwrap();
}

fn add(set: &mut AnnotationSet, id: u64, label: &str, range: std::ops::Range<usize>) {
    edit::apply(set, Edit::AddSpan(Span::new(SpanId(id), label, range))).unwrap();
}

#[test]
fn two_branches_annotating_one_set_merge_without_a_conflict() {
    let repo = Repo::new();
    repo.write(&base_set());
    // A JSON file that is not a set goes through git's own line merge.
    std::fs::write(
        repo.dir.path().join("notes.json"),
        "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n",
    )
    .unwrap();
    repo.commit("base");

    repo.git_ok(&["checkout", "-q", "-b", "ours"]);
    let mut ours = base_set();
    relabel(&mut ours, 3, "LOC"); // changed here only
    add(&mut ours, 4, "DATE", 57..63); // new span, id 4
    repo.write(&ours);
    std::fs::write(
        repo.dir.path().join("notes.json"),
        "{\n  \"a\": 10,\n  \"b\": 2,\n  \"c\": 3\n}\n",
    )
    .unwrap();
    repo.commit("ours: Monday, Zürich as a place");

    repo.git_ok(&["checkout", "-q", "main"]);
    repo.git_ok(&["checkout", "-q", "-b", "theirs"]);
    let mut theirs = base_set();
    add(&mut theirs, 4, "CUE", 20..24); // also id 4: both must be kept
    let cue = Relation {
        id: theirs.new_relation_id(),
        label: "cue".into(),
        from: SpanId(1),
        to: SpanId(4),
        origin: None,
        review: Review::Accepted,
    };
    edit::apply(&mut theirs, Edit::AddRelation(cue)).unwrap();
    edit::apply(&mut theirs, Edit::RemoveSpan(SpanId(2))).unwrap(); // deleted there only
    repo.write(&theirs);
    std::fs::write(
        repo.dir.path().join("notes.json"),
        "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 30\n}\n",
    )
    .unwrap();
    repo.commit("theirs: the cue, no person");

    repo.git_ok(&["checkout", "-q", "ours"]);
    let merged = repo.git(&["merge", "-q", "--no-edit", "theirs"]);
    assert!(
        merged.status.success(),
        "{}{}",
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&merged.stderr)
    );
    let set = repo.read();
    assert_eq!(
        spans(&set),
        [
            (1, "QUOTE".to_string(), 1, 18),
            (5, "CUE".to_string(), 20, 24),
            (3, "LOC".to_string(), 47, 53),
            (4, "DATE".to_string(), 57, 63),
        ],
        "both new spans kept (theirs renumbered 5), the relabel and the delete applied"
    );
    let relations: Vec<_> = set
        .relations()
        .map(|r| (r.label.clone(), r.from.0, r.to.0))
        .collect();
    assert_eq!(
        relations,
        [("cue".to_string(), 1, 5)],
        "said_by went with the person; theirs' cue follows the renumbered span"
    );
    assert!(set.spans_unordered().all(|s| s.review.is_accepted()));
    let notes = std::fs::read_to_string(repo.dir.path().join("notes.json")).unwrap();
    assert_eq!(notes, "{\n  \"a\": 10,\n  \"b\": 2,\n  \"c\": 30\n}\n");
}

#[test]
fn a_true_conflict_keeps_ours_and_offers_theirs_and_git_reports_it() {
    let repo = Repo::new();
    repo.write(&base_set());
    repo.commit("base");
    repo.git_ok(&["checkout", "-q", "-b", "ours"]);
    let mut ours = base_set();
    relabel(&mut ours, 3, "LOC");
    repo.write(&ours);
    repo.commit("ours: a place");
    repo.git_ok(&["checkout", "-q", "main"]);
    repo.git_ok(&["checkout", "-q", "-b", "theirs"]);
    let mut theirs = base_set();
    relabel(&mut theirs, 3, "ORG");
    // And a change-versus-delete: theirs changes the person ours will delete.
    let mut person = theirs.span(SpanId(2)).unwrap().clone();
    person.end = 34;
    edit::apply(&mut theirs, Edit::UpdateSpan(person)).unwrap();
    repo.write(&theirs);
    repo.commit("theirs: an organisation");
    repo.git_ok(&["checkout", "-q", "ours"]);
    edit::apply(&mut ours, Edit::RemoveSpan(SpanId(2))).unwrap();
    repo.write(&ours);
    repo.commit("ours: no person");

    let merged = repo.git(&["merge", "-q", "--no-edit", "theirs"]);
    assert!(!merged.status.success(), "a true conflict fails the merge");
    let stderr = String::from_utf8_lossy(&merged.stderr).to_string()
        + &String::from_utf8_lossy(&merged.stdout);
    assert!(stderr.contains("CONFLICT"), "{stderr}");
    // The driver's messages name the set (git's %P), not git's temporary file.
    assert!(
        stderr.contains("newsmark merge-driver: CONFLICT in story.alice.json: ")
            && stderr.contains("newsmark merge-driver: story.alice.json: 2 conflicts left"),
        "{stderr}"
    );
    // Each conflict says what differs; a merge is no rebase.
    assert!(stderr.contains("(label LOC → ORG)"), "{stderr}");
    assert!(
        stderr.contains("was deleted on our side and changed on theirs (range 25..43 → 25..34)"),
        "{stderr}"
    );
    assert!(!stderr.contains("during a rebase"), "{stderr}");
    assert!(!stderr.contains(".merge_file_"), "{stderr}");
    let config = repo.git_ok(&["config", "merge.newsmark.driver"]);
    assert_eq!(
        String::from_utf8_lossy(&config.stdout).trim(),
        "newsmark merge-driver %O %A %B %P"
    );
    let status =
        String::from_utf8_lossy(&repo.git_ok(&["status", "--porcelain"]).stdout).to_string();
    assert!(status.contains("UU story.alice.json"), "{status}");
    // The file is a valid set: ours kept, theirs offered as suggestions marked as conflicts.
    let set = repo.read();
    let got: Vec<_> = set
        .spans_ordered()
        .map(|s| {
            (
                s.label.clone(),
                s.start,
                s.end,
                s.review.is_accepted(),
                s.origin.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("QUOTE".to_string(), 1, 18, true, None),
            (
                "PERSON".to_string(),
                25,
                34,
                false,
                Some("conflict:theirs".to_string())
            ),
            ("LOC".to_string(), 47, 53, true, None),
            (
                "ORG".to_string(),
                47,
                53,
                false,
                Some("conflict:theirs".to_string())
            ),
        ]
    );
}

#[test]
fn the_driver_alone_follows_the_protocol() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, set: &AnnotationSet| -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, native::to_json(set)).unwrap();
        path
    };
    let base = write("base.json", &base_set());
    let mut ours = base_set();
    add(&mut ours, 4, "DATE", 57..63);
    let ours_path = write("ours.json", &ours);
    let mut theirs = base_set();
    add(&mut theirs, 4, "DATE", 57..63); // the very same span on both sides: kept once
    let theirs_path = write("theirs.json", &theirs);
    let run = |b: &Path, o: &Path, t: &Path| {
        Command::new(env!("CARGO_BIN_EXE_newsmark"))
            .arg("merge-driver")
            .args([b, o, t])
            .output()
            .unwrap()
    };
    let out = run(&base, &ours_path, &theirs_path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let set = native::from_json(&std::fs::read_to_string(&ours_path).unwrap())
        .unwrap()
        .set;
    assert_eq!(set.span_count(), 4);
    // Different texts: ours untouched, non-zero exit.
    let other = AnnotationSet::new(Document::new("Another text."), Schema::default());
    let theirs_path = write("theirs.json", &other);
    let before = std::fs::read(&ours_path).unwrap();
    let out = run(&base, &ours_path, &theirs_path);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("different texts"));
    assert_eq!(std::fs::read(&ours_path).unwrap(), before);
}

#[test]
fn a_set_that_loads_only_with_problems_is_never_rewritten_by_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    std::fs::write(&base, native::to_json(&base_set())).unwrap();
    // Ours holds a span the loader must leave out (it ends before it starts).
    let mut json: serde_json::Value = serde_json::from_str(&native::to_json(&base_set())).unwrap();
    json["spans"].as_array_mut().unwrap().insert(
        0,
        serde_json::json!({"id": 99, "label": "PERSON", "start": 5, "end": 2, "text": "left-out-item"}),
    );
    let ours = dir.path().join("ours.json");
    std::fs::write(&ours, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let loaded = native::from_json(&std::fs::read_to_string(&ours).unwrap()).unwrap();
    assert!(
        !loaded.problems.is_empty(),
        "the case needs a set with a problem"
    );
    let mut theirs_set = base_set();
    add(&mut theirs_set, 4, "DATE", 57..63);
    let theirs = dir.path().join("theirs.json");
    std::fs::write(&theirs, native::to_json(&theirs_set)).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .arg("merge-driver")
        .args([&base, &ours, &theirs])
        .output()
        .unwrap();
    // Whatever git's text merge made of it (clean or with markers), the item is still there:
    // the driver did not load ours and write it back without what the loader left out.
    let merged = std::fs::read_to_string(&ours).unwrap();
    assert!(
        merged.contains("left-out-item"),
        "exit {:?}, stderr {}\n{merged}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The driver as git calls it, on files in `dir`: (exit code, stderr, merged set).
fn drive(
    dir: &Path,
    base: &AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
) -> (Option<i32>, String, AnnotationSet) {
    let write = |name: &str, set: &AnnotationSet| -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, native::to_json(set)).unwrap();
        path
    };
    let (b, o, t) = (
        write("base.json", base),
        write("ours.json", ours),
        write("theirs.json", theirs),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .arg("merge-driver")
        .args([&b, &o, &t])
        .arg("story.alice.json")
        .output()
        .unwrap();
    let merged = native::from_json(&std::fs::read_to_string(&o).unwrap())
        .unwrap()
        .set;
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).to_string(),
        merged,
    )
}

#[test]
fn a_speaker_kept_as_a_conflict_keeps_its_quote_link_and_two_speakers_conflict() {
    let dir = tempfile::tempdir().unwrap();
    // Ours moves the speaker's start, theirs deletes the speaker (and so its link).
    let base = base_set();
    let mut ours = base.clone();
    let mut person = ours.span(SpanId(2)).unwrap().clone();
    person.start = 29;
    edit::apply(&mut ours, Edit::UpdateSpan(person)).unwrap();
    let mut theirs = base.clone();
    edit::apply(&mut theirs, Edit::RemoveSpan(SpanId(2))).unwrap();
    let (code, err, merged) = drive(dir.path(), &base, &ours, &theirs);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("kept as a suggestion"), "{err}");
    let link = merged.relations().next().expect("the said_by link is kept");
    assert_eq!((link.from, link.to), (SpanId(1), SpanId(2)));
    assert_eq!(link.review, Review::Suggested);

    // Two branches give the same quote two different speakers: a conflict, not a silent merge.
    let mut base = base_set();
    edit::apply(&mut base, Edit::RemoveRelation(RelationId(1))).unwrap();
    add(&mut base, 4, "PERSON", 25..28);
    let speaker = |set: &mut AnnotationSet, to: u64| {
        let relation = Relation {
            id: set.new_relation_id(),
            label: "said_by".into(),
            from: SpanId(1),
            to: SpanId(to),
            origin: None,
            review: Review::Accepted,
        };
        edit::apply(set, Edit::AddRelation(relation)).unwrap();
    };
    let mut ours = base.clone();
    speaker(&mut ours, 2);
    let mut theirs = base.clone();
    speaker(&mut theirs, 4);
    let (code, err, merged) = drive(dir.path(), &base, &ours, &theirs);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("CONFLICT in story.alice.json") && err.contains("one said_by target"),
        "{err}"
    );
    let mut links: Vec<(u64, Option<String>)> = merged
        .relations()
        .map(|r| (r.to.0, r.origin.clone()))
        .collect();
    links.sort();
    assert_eq!(
        links,
        [
            (2, Some("conflict:ours".into())),
            (4, Some("conflict:theirs".into()))
        ]
    );
    assert!(merged.relations().all(|r| r.review == Review::Suggested));
}

#[test]
fn corpus_init_names_this_program_in_the_driver_and_a_clone_without_it_is_warned() {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_newsmark"));
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Ana said hello.\n").unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let run = |args: &[&str], cwd: &Path| {
        Command::new(&exe)
            .args(args)
            .current_dir(cwd)
            // No newsmark on this PATH: the driver must not need it.
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", &home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap()
    };
    let git = |args: &[&str], cwd: &Path| {
        let output = Command::new("git")
            .args(args)
            .current_dir(cwd)
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", &home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(output.status.success(), "git {args:?}: {output:?}");
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    };
    let done = run(&["corpus", "init", ".", "--git"], &corpus);
    assert!(done.status.success(), "{done:?}");
    let driver = git(&["config", "--get", "merge.newsmark.driver"], &corpus);
    assert!(
        driver.contains(&exe.display().to_string()) && driver.contains("merge-driver %O %A %B %P"),
        "{driver}"
    );
    // The driver runs with no newsmark on the PATH: a set merges through it.
    let merged = Command::new("sh")
        .arg("-c")
        .arg(driver.replace("%O %A %B %P", "base.json ours.json theirs.json x.json"))
        .current_dir(dir.path())
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&merged.stderr);
    assert!(
        !stderr.contains("not found") && stderr.contains("newsmark merge-driver"),
        "{stderr}"
    );
    assert!(run(&["corpus", "status", "."], &corpus).stderr.is_empty());

    // A clone has the .gitattributes but not the config: corpus status says so.
    git(&["config", "user.name", "T"], &corpus);
    git(&["config", "user.email", "t@example.invalid"], &corpus);
    git(&["config", "commit.gpgsign", "false"], &corpus);
    git(&["add", "-A"], &corpus);
    git(&["commit", "-q", "-m", "corpus"], &corpus);
    git(&["clone", "-q", "corpus", "clone"], dir.path());
    let clone = dir.path().join("clone");
    let status = run(&["corpus", "status", "."], &clone);
    assert!(status.status.success());
    let warning = String::from_utf8_lossy(&status.stderr);
    assert!(
        warning.contains("no merge driver configured") && warning.contains("corpus init"),
        "{warning}"
    );
    run(&["corpus", "init", ".", "--git"], &clone);
    assert!(run(&["corpus", "status", "."], &clone).stderr.is_empty());
}

fn set_attribute(set: &mut AnnotationSet, id: u64, name: &str, value: &str) {
    let mut span = set.span(SpanId(id)).unwrap().clone();
    span.attributes.insert(name.into(), value.into());
    edit::apply(set, Edit::UpdateSpan(span)).unwrap();
}

fn resize(set: &mut AnnotationSet, id: u64, end: usize) {
    let mut span = set.span(SpanId(id)).unwrap().clone();
    span.end = end;
    edit::apply(set, Edit::UpdateSpan(span)).unwrap();
}

/// Base committed on main, then `ours` on branch ours and `theirs` on branch theirs.
fn two_branches(repo: &Repo, base: &AnnotationSet, ours: &AnnotationSet, theirs: &AnnotationSet) {
    repo.write(base);
    repo.commit("base");
    repo.git_ok(&["checkout", "-q", "-b", "theirs"]);
    repo.write(theirs);
    repo.commit("theirs");
    repo.git_ok(&["checkout", "-q", "main"]);
    repo.git_ok(&["checkout", "-q", "-b", "ours"]);
    repo.write(ours);
    repo.commit("ours");
}

fn output_text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string() + &String::from_utf8_lossy(&output.stdout)
}

#[test]
fn a_conflict_names_every_field_that_differs_in_the_message_and_the_suggestions_note() {
    let repo = Repo::new();
    let mut base = base_set();
    set_attribute(&mut base, 1, "speaker_form", "name");
    let mut ours = base.clone();
    set_attribute(&mut ours, 1, "speaker_form", "pronoun");
    let mut theirs = base.clone();
    resize(&mut theirs, 1, 17);
    set_attribute(&mut theirs, 1, "speaker_form", "description");
    two_branches(&repo, &base, &ours, &theirs);
    let merged = repo.git(&["merge", "-q", "--no-edit", "theirs"]);
    assert!(!merged.status.success());
    let stderr = output_text(&merged);
    assert!(
        stderr.contains(
            "span 1 (QUOTE 1..18) was changed on both sides (range 1..18 → 1..17, speaker_form pronoun → description): ours kept, theirs (QUOTE 1..17) added as a suggestion"
        ),
        "{stderr}"
    );
    let set = repo.read();
    let suggestion = set
        .spans_ordered()
        .find(|s| s.origin.as_deref() == Some("conflict:theirs"))
        .unwrap();
    assert_eq!((suggestion.start, suggestion.end), (1, 17));
    let note = suggestion.note.as_deref().unwrap();
    assert!(
        note.contains("range 1..18 → 1..17, speaker_form pronoun → description"),
        "{note}"
    );
    assert!(!note.contains("during a rebase"), "{note}");
}

#[test]
fn a_rebase_says_that_theirs_is_your_own_commit() {
    let repo = Repo::new();
    let base = base_set();
    // The upstream (main, after the rebase's start: "ours") calls the place a LOC; my commit
    // (replayed: "theirs") an ORG with a note.
    let mut upstream = base.clone();
    relabel(&mut upstream, 3, "LOC");
    let mut mine = base.clone();
    relabel(&mut mine, 3, "ORG");
    two_branches(&repo, &base, &upstream, &mine);
    // Branch theirs holds my commit; rebase it onto ours (the upstream).
    repo.git_ok(&["checkout", "-q", "theirs"]);
    let rebased = repo.git(&["rebase", "ours"]);
    assert!(!rebased.status.success(), "{}", output_text(&rebased));
    let stderr = output_text(&rebased);
    assert!(
        stderr.contains(
            "newsmark merge-driver: story.alice.json: during a rebase 'ours' is the upstream's version and 'theirs' is your commit being replayed: your edit is the suggestion"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 conflict left as suggestions (origin conflict:…); during a rebase 'ours' is the upstream's version"),
        "{stderr}"
    );
    let set = repo.read();
    let mine = set
        .spans_ordered()
        .find(|s| s.origin.as_deref() == Some("conflict:theirs"))
        .unwrap();
    assert_eq!(mine.label, "ORG");
    assert!(
        mine.note.as_deref().unwrap().contains("label LOC → ORG")
            && mine.note.as_deref().unwrap().contains("during a rebase"),
        "{:?}",
        mine.note
    );
    repo.git_ok(&["rebase", "--abort"]);
}

#[test]
fn a_conflict_version_rejected_before_is_not_suggested_again() {
    let repo = Repo::new();
    let base = base_set();
    // The annotator rejected QUOTE 1..17 in an earlier review (on one side's list only).
    let rejected = newsmark::model::set::Rejected::Span {
        label: "QUOTE".into(),
        start: 1,
        end: 17,
    };
    let mut ours = base.clone();
    edit::apply(&mut ours, Edit::RememberRejected(rejected.clone())).unwrap();
    set_attribute(&mut ours, 1, "speaker_form", "name");
    let mut theirs = base.clone();
    resize(&mut theirs, 1, 17);
    two_branches(&repo, &base, &ours, &theirs);
    let merged = repo.git(&["merge", "-q", "--no-edit", "theirs"]);
    let stderr = output_text(&merged);
    assert!(merged.status.success(), "nothing left to decide: {stderr}");
    assert!(
        stderr.contains("theirs' QUOTE 1..17 was rejected before: not suggested again"),
        "{stderr}"
    );
    let set = repo.read();
    assert!(set.spans_ordered().all(|s| s.review.is_accepted()));
    let quote = set.span(SpanId(1)).unwrap();
    assert_eq!(
        (quote.end, quote.attributes["speaker_form"].as_str()),
        (18, Some("name"))
    );
    assert!(set.was_rejected(&rejected));
}
