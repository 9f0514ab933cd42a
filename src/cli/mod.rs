//! The command line: arguments parsed into plain structs, then turned into work on the core.

pub mod reanchor;
pub mod session;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::formats;

#[derive(Debug, Parser)]
#[command(
    name = "newsmark",
    version,
    about = "Newsmark: annotate news text with entities, quotes and claims.",
    long_about = "Newsmark: annotate news text with entities, quotes and claims.\n\n\
        Without a command, opens the window (with FILE, an article or a saved set, if given).\n\
        Offsets everywhere are Unicode code points, half-open."
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// An article (.txt, .md) or annotation set (.json) to open in the window.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check annotation sets: offsets, span texts, hash, labels, ids, relations. Prints a report
    /// per file; exits non-zero if any file has a problem.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Count spans per label, per file and in total.
    Stats {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Move a set's spans onto a changed version of its article; prints which moved and which
    /// could not be placed (those are also written to OUT.unplaced.json). Exits 1 if any.
    Reanchor {
        set: PathBuf,
        article: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Edit a set from commands on standard input, journalled as in the window (for tests).
    #[command(hide = true)]
    Session {
        /// An article or a saved set.
        file: PathBuf,
        /// Restore the edits of a journal left by a crash.
        #[arg(long, conflicts_with = "discard")]
        recover: bool,
        /// Remove a journal left by a crash.
        #[arg(long)]
        discard: bool,
    },
}

/// Run a command; returns the process exit code.
pub fn run(command: Command, out: &mut dyn Write) -> anyhow::Result<i32> {
    match command {
        Command::Validate { files } => validate(&files, out),
        Command::Stats { files } => stats(&files, out),
        Command::Reanchor {
            set,
            article,
            output,
        } => reanchor::run(&set, &article, &output, out),
        Command::Session {
            file,
            recover,
            discard,
        } => {
            let on_journal = match (recover, discard) {
                (true, _) => session::OnJournal::Recover,
                (_, true) => session::OnJournal::Discard,
                _ => session::OnJournal::Ask,
            };
            session::run(&file, on_journal, out)
        }
    }
}

fn validate(files: &[PathBuf], out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut failed = 0;
    for path in files {
        if !formats::is_set_path(path) {
            writeln!(
                out,
                "{}: not an annotation set (.json); skipped",
                path.display()
            )?;
            failed += 1;
            continue;
        }
        match formats::open_path(path, None) {
            Ok(opened) if opened.problems.is_empty() => writeln!(
                out,
                "{}: ok ({} spans, {} relations, {} characters)",
                path.display(),
                opened.set.span_count(),
                opened.set.relation_count(),
                opened.set.text().char_len()
            )?,
            Ok(opened) => {
                failed += 1;
                writeln!(
                    out,
                    "{}: {} problem(s)",
                    path.display(),
                    opened.problems.len()
                )?;
                for problem in &opened.problems {
                    writeln!(out, "  {problem}")?;
                }
            }
            Err(error) => {
                failed += 1;
                writeln!(out, "{error}")?;
            }
        }
    }
    if files.len() > 1 {
        writeln!(out, "{} file(s), {} with problems", files.len(), failed)?;
    }
    Ok(if failed == 0 { 0 } else { 1 })
}

fn stats(files: &[PathBuf], out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut total: BTreeMap<String, usize> = BTreeMap::new();
    let mut failed = false;
    let mut spans = 0;
    for path in files {
        match formats::open_path(path, None) {
            Ok(opened) => {
                let counts = opened.set.label_counts();
                let count: usize = counts.values().sum();
                spans += count;
                writeln!(
                    out,
                    "{}: {count} spans, {} relations",
                    path.display(),
                    opened.set.relation_count()
                )?;
                for (label, n) in &counts {
                    writeln!(out, "  {label:<14} {n:>7}")?;
                    *total.entry(label.clone()).or_insert(0) += n;
                }
                for problem in &opened.problems {
                    writeln!(out, "  problem: {problem}")?;
                }
            }
            Err(error) => {
                failed = true;
                writeln!(out, "{error}")?;
            }
        }
    }
    writeln!(out, "total: {spans} spans in {} file(s)", files.len())?;
    for (label, n) in &total {
        writeln!(out, "  {label:<14} {n:>7}")?;
    }
    Ok(if failed { 1 } else { 0 })
}
