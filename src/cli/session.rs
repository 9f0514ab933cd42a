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

use crate::formats;
use crate::journal::{self, Journal};
use crate::model::edit::{self, Edit};
use crate::model::{AnnotationSet, History, SpanId};
use crate::storage::{self, SetLock};

/// What to do with a journal left by an earlier crash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnJournal {
    /// Stop and say so (exit code 2).
    Ask,
    Recover,
    Discard,
}

/// A hash of the annotations (spans, relations, document labels) of a set, independent of
/// save times, for comparing states across processes.
pub fn state_digest(set: &AnnotationSet) -> String {
    let spans: Vec<_> = set.spans_ordered().collect();
    let relations: Vec<_> = set.relations().collect();
    let json = serde_json::json!({
        "spans": spans,
        "relations": relations,
        "document_labels": set.document_labels,
    });
    storage::sha256_hex(json.to_string().as_bytes())[..16].to_string()
}

struct Session {
    set: AnnotationSet,
    history: History,
    journal: Journal,
    save_path: std::path::PathBuf,
    expected: Option<storage::Fingerprint>,
    steps: u64,
}

pub fn run(path: &Path, on_journal: OnJournal, out: &mut dyn Write) -> anyhow::Result<i32> {
    let opened = formats::open_path(path, None)?;
    let _lock = match SetLock::acquire(&opened.save_path) {
        Ok(lock) => lock,
        Err(storage::LockError::Held(owner)) => {
            writeln!(out, "err locked by {owner}")?;
            return Ok(3);
        }
        Err(error) => bail!(error),
    };
    let mut session = match journal::find_for(&opened.save_path) {
        None => Session {
            journal: Journal::for_opened(&opened),
            set: opened.set,
            history: History::new(),
            save_path: opened.save_path,
            expected: opened.save_fingerprint,
            steps: 0,
        },
        Some(info) => match on_journal {
            OnJournal::Ask => {
                writeln!(out, "journal {info}")?;
                return Ok(2);
            }
            OnJournal::Discard => {
                journal::discard_recovery(&info)
                    .with_context(|| format!("cannot remove {}", info.journal_path.display()))?;
                let opened = formats::open_path(path, None)?;
                Session {
                    journal: Journal::for_opened(&opened),
                    set: opened.set,
                    history: History::new(),
                    save_path: opened.save_path,
                    expected: opened.save_fingerprint,
                    steps: 0,
                }
            }
            OnJournal::Recover => {
                let recovered = journal::recover_from_disk(&info)?;
                writeln!(
                    out,
                    "recovered {} {}",
                    recovered.report.replayed,
                    state_digest(&recovered.set)
                )?;
                for failure in &recovered.report.failed {
                    writeln!(out, "# {failure}")?;
                }
                Session {
                    expected: storage::Fingerprint::of_file(&info.set_path)?,
                    set: recovered.set,
                    history: recovered.history,
                    journal: recovered.journal,
                    save_path: info.set_path.clone(),
                    steps: 0,
                }
            }
        },
    };
    writeln!(out, "ready {}", state_digest(&session.set))?;
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
            .journal
            .due_in(Instant::now())
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
        if let Err(error) = session.journal.flush_if_due(Instant::now()) {
            writeln!(out, "# {error}")?;
        }
    }
    session.journal.sync()?;
    Ok(0)
}

impl Session {
    fn command(&mut self, line: &str) -> String {
        let words: Vec<&str> = line.split_whitespace().collect();
        let result = match words.as_slice() {
            ["add", label, start, end] => match (start.parse(), end.parse()) {
                (Ok(start), Ok(end)) => {
                    let edit = edit::add_span(&mut self.set, label, start..end);
                    self.edit(|s| {
                        journal::apply_logged(&mut s.set, &mut s.history, &mut s.journal, edit)
                            .map(Some)
                    })
                }
                _ => Err("offsets must be numbers".to_string()),
            },
            ["del", id] => match id.parse() {
                Ok(id) => self.edit(|s| {
                    journal::apply_logged(
                        &mut s.set,
                        &mut s.history,
                        &mut s.journal,
                        Edit::RemoveSpan(SpanId(id)),
                    )
                    .map(Some)
                }),
                Err(_) => Err("the span id must be a number".to_string()),
            },
            ["undo"] => {
                self.edit(|s| journal::undo_logged(&mut s.set, &mut s.history, &mut s.journal))
            }
            ["redo"] => {
                self.edit(|s| journal::redo_logged(&mut s.set, &mut s.history, &mut s.journal))
            }
            ["save"] => self.save(),
            ["sync"] => self
                .journal
                .sync()
                .map(|()| format!("synced {}", self.journal.synced_seq()))
                .map_err(|e| e.to_string()),
            _ => Err(format!("unknown command {line:?}")),
        };
        result.unwrap_or_else(|reason| format!("err {reason}"))
    }

    fn edit(
        &mut self,
        step: impl FnOnce(&mut Self) -> Result<Option<edit::Touched>, edit::EditError>,
    ) -> Result<String, String> {
        match step(self) {
            Ok(Some(_)) => {
                if let Some(problem) = self.journal.problem() {
                    return Err(problem.to_string());
                }
                self.steps += 1;
                Ok(format!("ok {} {}", self.steps, state_digest(&self.set)))
            }
            Ok(None) => Err("nothing to undo or redo".into()),
            Err(error) => Err(error.to_string()),
        }
    }

    fn save(&mut self) -> Result<String, String> {
        let fingerprint = journal::save_logged(
            &mut self.set,
            &mut self.history,
            &mut self.journal,
            &self.save_path,
            self.expected.as_ref(),
            false,
        )
        .map_err(|e| e.to_string())?;
        let reply = format!("saved {} {}", fingerprint.sha256, state_digest(&self.set));
        self.expected = Some(fingerprint);
        Ok(reply)
    }
}
