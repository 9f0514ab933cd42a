//! The kill test: runs the real program (`newsmark session`), feeds it edits and saves with
//! random timing, kills it with SIGKILL at random moments, and checks every time that
//!
//! 1. the set file is valid and is the version of a save that was asked for (never torn);
//! 2. recovery from the journal restores the state of an edit at or after the last one the
//!    program acknowledged (so nothing acknowledged is lost, let alone anything 2 s old);
//! 3. the next session recovers to that same state and goes on from there.
//!
//! The program and this test both open sets through [`newsmark::session::OpenSet`], the type
//! the window uses too, so what is checked here is the window's path.
//!
//! Rounds: 10 by default (CI); `NEWSMARK_KILL_ROUNDS=200` for the long run in
//! docs/RELIABILITY.md. The seed is fixed (so a run is reproducible) unless
//! `NEWSMARK_KILL_SEED` sets another; it is printed first, and named in every failure.

#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed check

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use newsmark::formats;
use newsmark::journal;
use newsmark::model::edit::{self, Edit};
use newsmark::model::{AnnotationSet, History, SpanId};
use newsmark::session::{OpenOptions, OpenSet, state_digest};

/// The seed when `NEWSMARK_KILL_SEED` is not set.
const DEFAULT_SEED: u64 = 0x5EED_2026_1130_0001;

const ARTICLE: &str = "“We will not wait,” said Ana Lúcia Ferreira, the harbour master of \
Zürich’s twin port, on Monday. The council of Porto Alegre voted 7–2 to delay the tender. \
Critics — among them the union ÖGB and the mayor, João Silva — called the plan “reckless”. \
Shipping volumes fell 12 % last year, according to the port authority. 👍\n";

const LABELS: &[&str] = &["PERSON", "ORG", "GPE", "LOC", "EVENT"];

/// A small deterministic generator (xorshift64*), so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The reference: the same edits applied in this process through the library.
struct Reference {
    set: AnnotationSet,
    history: History,
}

enum Expect {
    Ok(String),
    Err,
    Saved(String),
}

impl Reference {
    /// Apply one command; returns what the program must answer.
    fn apply(&mut self, command: &str) -> Expect {
        let words: Vec<&str> = command.split_whitespace().collect();
        let result = match words.as_slice() {
            ["add", label, start, end] => {
                let edit = edit::add_span(
                    &mut self.set,
                    label,
                    start.parse().unwrap()..end.parse().unwrap(),
                );
                self.history.apply(&mut self.set, edit).map(Some)
            }
            ["del", id] => self
                .history
                .apply(&mut self.set, Edit::RemoveSpan(SpanId(id.parse().unwrap())))
                .map(Some),
            ["undo"] => self.history.undo(&mut self.set),
            ["redo"] => self.history.redo(&mut self.set),
            ["save"] => return Expect::Saved(state_digest(&self.set)),
            _ => panic!("unknown command {command}"),
        };
        match result {
            Ok(Some(_)) => Expect::Ok(state_digest(&self.set)),
            _ => Expect::Err,
        }
    }

    fn random_command(&self, rng: &mut Rng) -> String {
        let len = self.set.text().char_len() as u64;
        match rng.below(100) {
            0..60 => {
                let start = rng.below(len - 1);
                let end = (start + 1 + rng.below(20)).min(len);
                let label = LABELS[rng.below(LABELS.len() as u64) as usize];
                format!("add {label} {start} {end}")
            }
            60..75 => {
                let ids: Vec<u64> = self.set.spans_ordered().map(|s| s.id.0).collect();
                match ids.len() {
                    0 => "undo".into(),
                    n => format!("del {}", ids[rng.below(n as u64) as usize]),
                }
            }
            75..85 => "undo".into(),
            85..92 => "redo".into(),
            _ => "save".into(),
        }
    }
}

fn spawn(path: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["session", "--recover"])
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the newsmark binary runs")
}

/// Lines from the child's stdout, on a thread (ends when the child dies).
fn read_lines(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// The set to open: the saved set once there is one, else the article.
fn open_target(article: &Path, set_path: &Path) -> PathBuf {
    if set_path.exists() {
        set_path.to_path_buf()
    } else {
        article.to_path_buf()
    }
}

/// What a restart would see, opened as the window opens it: the recovered state (journal
/// replayed), or the file as saved.
fn recovered_state(article: &Path, set_path: &Path) -> Reference {
    let opening = OpenSet::open(&open_target(article, set_path), &OpenOptions::default())
        .expect("the set opens");
    let mut doc = opening.doc;
    if let Some(info) = &opening.recovery {
        let report = doc.recover(info).expect("recovery works");
        assert!(report.failed.is_empty(), "{report}");
        return Reference {
            set: doc.set().clone(),
            history: doc.history().clone(),
        };
    }
    Reference {
        set: doc.set().clone(),
        history: History::new(),
    }
}

#[test]
fn killed_sessions_lose_nothing_acknowledged() {
    let rounds: usize = std::env::var("NEWSMARK_KILL_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10);
    let seed: u64 = std::env::var("NEWSMARK_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    eprintln!("kill test: {rounds} rounds, NEWSMARK_KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let set_path = dir.path().join("story.json");
    let mut reference = recovered_state(&article, &set_path);
    let (mut acknowledged_total, mut sent_total, mut kills_mid_save) = (0, 0, 0);
    let started = Instant::now();

    for round in 0..rounds {
        let start_digest = state_digest(&reference.set);
        let file_digest_at_start = set_path
            .exists()
            .then(|| state_digest(&formats::open_path(&set_path, None).unwrap().set));
        let mut child = spawn(&open_target(&article, &set_path));
        let lines = read_lines(&mut child);
        let mut stdin = child.stdin.take().unwrap();

        // Digests after each sent command, and what was expected of it.
        let mut expected: Vec<Expect> = Vec::new();
        let early_kill = rng.below(100) < 10;
        if early_kill {
            // Kill during start-up (possibly in the middle of a recovery).
            std::thread::sleep(Duration::from_millis(rng.below(40)));
        } else {
            let first = loop {
                let Ok(line) = lines.recv_timeout(Duration::from_secs(30)) else {
                    let _ = child.kill();
                    let output = child.wait_with_output().unwrap();
                    panic!(
                        "seed {seed}, round {round}: the session did not start ({}): {}",
                        output.status,
                        String::from_utf8_lossy(&output.stderr)
                    );
                };
                if !line.starts_with("recovered") && !line.starts_with('#') {
                    break line;
                }
            };
            assert_eq!(
                first,
                format!("ready {start_digest}"),
                "seed {seed}, round {round}"
            );
            let kill_after = Duration::from_millis(20 + rng.below(1500));
            let began = Instant::now();
            while began.elapsed() < kill_after {
                let command = reference.random_command(&mut rng);
                expected.push(reference.apply(&command));
                if writeln!(stdin, "{command}").is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(rng.below(15)));
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        drop(stdin);

        // What the program acknowledged before it died.
        let replies: Vec<String> = lines
            .iter()
            .filter(|l| !l.starts_with("ready") && !l.starts_with("recovered"))
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert!(replies.len() <= expected.len());
        let mut digests_after: Vec<String> = Vec::new();
        let mut current = start_digest.clone();
        let mut last_acked_save: Option<usize> = None;
        for (index, expect) in expected.iter().enumerate() {
            if let Expect::Ok(digest) = expect {
                current = digest.clone();
            }
            digests_after.push(current.clone());
            let Some(reply) = replies.get(index) else {
                continue;
            };
            match expect {
                Expect::Ok(digest) => assert!(
                    reply.starts_with("ok ") && reply.ends_with(digest.as_str()),
                    "seed {seed}, round {round}, command {index}: {reply}"
                ),
                Expect::Err => assert!(
                    reply.starts_with("err"),
                    "seed {seed}, round {round}: {reply}"
                ),
                Expect::Saved(digest) => {
                    assert!(
                        reply.starts_with("saved ") && reply.ends_with(digest.as_str()),
                        "seed {seed}, round {round}: {reply}"
                    );
                    last_acked_save = Some(index);
                }
            }
        }
        acknowledged_total += replies.len();
        sent_total += expected.len();

        // 1. The set file is valid, and the version of a save that was asked for.
        if set_path.exists() {
            let opened = formats::open_path(&set_path, None).expect("the set file is valid");
            assert!(opened.problems.is_empty(), "{:?}", opened.problems);
            let on_disk = state_digest(&opened.set);
            let mut allowed: Vec<&String> = expected
                .iter()
                .enumerate()
                .filter(|(i, _)| last_acked_save.is_none_or(|s| *i >= s))
                .filter_map(|(_, e)| match e {
                    Expect::Saved(d) => Some(d),
                    _ => None,
                })
                .collect();
            if last_acked_save.is_none() {
                allowed.extend(file_digest_at_start.as_ref());
            }
            if !allowed.contains(&&on_disk) {
                panic!(
                    "seed {seed}, round {round}: the set file holds an unexpected state {on_disk}"
                );
            }
        }

        // 2. Recovery restores a state at or after the last acknowledged command.
        reference = recovered_state(&article, &set_path);
        let recovered = state_digest(&reference.set);
        let acked = replies.len();
        let mut allowed: Vec<&String> = digests_after[acked.saturating_sub(1)..].iter().collect();
        if acked == 0 {
            allowed.push(&start_digest);
        }
        assert!(
            allowed.contains(&&recovered),
            "seed {seed}, round {round}: recovered {recovered}, acknowledged {acked} of {} commands",
            expected.len()
        );
        if expected
            .get(acked)
            .is_some_and(|e| matches!(e, Expect::Saved(_)))
        {
            kills_mid_save += 1;
        }
    }

    // 3. A last, clean session recovers and saves; the journal is then gone.
    let mut child = spawn(&open_target(&article, &set_path));
    let lines = read_lines(&mut child);
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "save\nquit").unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    let replies: Vec<String> = lines.iter().collect();
    assert!(
        replies.iter().any(|l| l.starts_with("saved")),
        "{replies:?}"
    );
    assert!(journal::find_for(&set_path).is_none());
    let saved = formats::open_path(&set_path, None).unwrap();
    assert_eq!(state_digest(&saved.set), state_digest(&reference.set));
    eprintln!(
        "kill test: {rounds} rounds in {:.1} s, {sent_total} commands sent, {acknowledged_total} acknowledged, {kills_mid_save} kills with a save in flight, none lost",
        started.elapsed().as_secs_f64()
    );
}
