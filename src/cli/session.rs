//! `newsmark session FILE` (hidden): an editing session driven by commands on standard input,
//! one per line, taking exactly the steps the window takes (the functions of
//! [`crate::journal`]): open, lock, journal every edit, flush within the deadline, check for
//! conflicts before saving, save atomically. It exists so that tests can kill a real editing
//! process at random moments (tests/kill_test.rs).
//!
//! Commands: `add LABEL START END`, `del SPAN_ID`, `undo`, `redo`, `save`, `sync`, `quit`.
//! Each gets one line back: `ok STEP DIGEST` once the edit is in the journal (`STEP` counts
//! the edit steps of this session, `DIGEST` is [`state_digest`]), `saved SHA256 DIGEST` once
//! the file is replaced, `synced SEQ`, or `err REASON`. The first line is `ready DIGEST` (after
//! a recovery: `recovered N DIGEST`).

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::model::SpanId;
use crate::model::edit::{self, Edit, Touched};
use crate::session::{LockState, OpenOptions, OpenSet};

pub use crate::session::state_digest;

/// What to do with a journal left by an earlier crash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnJournal {
    /// Stop and say so (exit code 2).
    Ask,
    Recover,
    Discard,
}

/// The open set and the count of edit steps taken in this session.
struct Session {
    doc: OpenSet,
    steps: u64,
}

pub fn run(path: &Path, on_journal: OnJournal, out: &mut dyn Write) -> anyhow::Result<i32> {
    let opening = OpenSet::open(path, &OpenOptions::default())?;
    match &opening.lock {
        LockState::Held => {}
        LockState::TakenOver(owner) => {
            writeln!(out, "# took over the lock of {owner}, which no longer runs")?
        }
        LockState::HeldElsewhere(owner) => {
            writeln!(out, "err locked by {owner}")?;
            return Ok(3);
        }
        LockState::Unavailable(error) => bail!("{error}"),
    }
    let mut doc = opening.doc;
    if let Some(info) = &opening.recovery {
        match on_journal {
            OnJournal::Ask => {
                writeln!(out, "journal {info}")?;
                return Ok(2);
            }
            OnJournal::Discard => doc
                .discard_recovery(info)
                .with_context(|| format!("cannot remove {}", info.journal_path.display()))?,
            OnJournal::Recover => {
                let report = doc.recover(info)?;
                writeln!(
                    out,
                    "recovered {} {}",
                    report.replayed,
                    state_digest(doc.set())
                )?;
                for failure in &report.failed {
                    writeln!(out, "# {failure}")?;
                }
            }
        }
    }
    let mut session = Session { doc, steps: 0 };
    writeln!(out, "ready {}", state_digest(session.doc.set()))?;
    out.flush()?;

    // Standard input on its own thread, so that the journal is flushed on time even while
    // no command arrives (the window does the same from its frame loop).
    let (sender, receiver) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    loop {
        let wait = session
            .doc
            .flush_due_in(Instant::now())
            .unwrap_or(Duration::from_secs(3600));
        match receiver.recv_timeout(wait) {
            Ok(line) => {
                let line = line.trim();
                if line == "quit" {
                    break;
                }
                if !line.is_empty() {
                    let reply = session.command(line);
                    writeln!(out, "{reply}")?;
                    out.flush()?;
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if let Err(error) = session.doc.flush_if_due(Instant::now()) {
            writeln!(out, "# {error}")?;
        }
    }
    session.doc.sync()?;
    Ok(0)
}

impl Session {
    fn command(&mut self, line: &str) -> String {
        let words: Vec<&str> = line.split_whitespace().collect();
        let result = match words.as_slice() {
            ["add", label, start, end] => match (start.parse(), end.parse()) {
                (Ok(start), Ok(end)) => self.edit(|doc| {
                    let edit = doc.new_span(label, start..end);
                    doc.apply(edit).map(Some)
                }),
                _ => Err("offsets must be numbers".to_string()),
            },
            ["del", id] => match id.parse() {
                Ok(id) => self.edit(|doc| doc.apply(Edit::RemoveSpan(SpanId(id))).map(Some)),
                Err(_) => Err("the span id must be a number".to_string()),
            },
            ["undo"] => self.edit(OpenSet::undo),
            ["redo"] => self.edit(OpenSet::redo),
            ["save"] => self.save(),
            ["sync"] => self
                .doc
                .sync()
                .map(|()| format!("synced {}", self.doc.journal().synced_seq()))
                .map_err(|e| e.to_string()),
            _ => Err(format!("unknown command {line:?}")),
        };
        result.unwrap_or_else(|reason| format!("err {reason}"))
    }

    fn edit(
        &mut self,
        step: impl FnOnce(&mut OpenSet) -> Result<Option<Touched>, edit::EditError>,
    ) -> Result<String, String> {
        match step(&mut self.doc) {
            Ok(Some(_)) => {
                if let Some(problem) = self.doc.journal_problem() {
                    return Err(problem.to_string());
                }
                self.steps += 1;
                Ok(format!(
                    "ok {} {}",
                    self.steps,
                    state_digest(self.doc.set())
                ))
            }
            Ok(None) => Err("nothing to undo or redo".into()),
            Err(error) => Err(error.to_string()),
        }
    }

    fn save(&mut self) -> Result<String, String> {
        let saved = self.doc.save(false).map_err(|e| e.to_string())?;
        Ok(format!(
            "saved {} {}",
            saved.fingerprint.sha256,
            state_digest(self.doc.set())
        ))
    }
}
