//! `newsmark merge` and `newsmark curate`: annotators' sets of one article into a gold set
//! (docs/TEAM.md), and `newsmark merge-driver`, git's merge driver for sets.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::formats;
use crate::model::set::AnnotationSet;
use crate::team::curation::Curation;
use crate::team::inputs;
use crate::team::merge::Strategy;

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The annotators' sets of one article (`story.alice.json story.bob.json ...`).
    #[arg(required = true)]
    pub sets: Vec<PathBuf>,
    /// Accept a span when every annotator had it (unanimous) or more than half did
    /// (majority; with two annotators that is both). Default: the strategy the existing
    /// gold set was merged with, else unanimous.
    #[arg(long, value_parser = ["unanimous", "majority"])]
    pub strategy: Option<String>,
    /// The gold set to write (default: `story.gold.json` beside the first set). An existing
    /// gold set is re-merged: the curator's decisions are kept where the annotators' versions
    /// are unchanged.
    #[arg(short, long, value_name = "GOLD")]
    pub output: Option<PathBuf>,
    /// The annotators who should each have a set (comma-separated; default: the
    /// `annotators` of newsmark.corpus.json, if there is one). One without a set is reported.
    #[arg(long, value_delimiter = ',')]
    pub annotators: Option<Vec<String>>,
    /// Show annotators as A, B, C instead of their names.
    #[arg(long)]
    pub blind: bool,
    /// Replace GOLD even when it is not a gold set (its annotations are lost).
    #[arg(long)]
    pub force: bool,
    /// Write nothing; print what would be written.
    #[arg(long)]
    pub dry_run: bool,
}

/// `merge` prints counts; `curate` also lists each open disagreement with every annotator's
/// version.
pub fn run(args: &MergeArgs, list: bool, out: &mut dyn Write) -> anyhow::Result<i32> {
    if let [only] = args.sets.as_slice() {
        // One annotator has no disagreement to find: the gold set would be their set called
        // curated, which nobody curated.
        writeln!(
            out,
            "merge refused, nothing written: {} is one set; merging compares the sets of two or more annotators of one article (story.alice.json story.bob.json …)",
            only.display()
        )?;
        return Ok(2);
    }
    let expected = match &args.annotators {
        Some(names) => Some(names.clone()),
        None => args
            .sets
            .first()
            .and_then(|p| p.parent())
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .and_then(inputs::corpus_annotators)
            .map(|(_, names)| names)
            .filter(|names| !names.is_empty()),
    };
    let read = match inputs::read(&args.sets, expected.as_deref()) {
        Ok(read) => read,
        Err(error) => {
            writeln!(out, "merge refused, nothing written:\n{error}")?;
            return Ok(2);
        }
    };
    let gold_path = args
        .output
        .clone()
        .unwrap_or_else(|| inputs::gold_path_for(&args.sets[0]));
    // Held until the gold set is written: a gold set open in a window (being curated), or
    // with a crash's decisions to recover, is the window's.
    let _claim = if args.dry_run {
        None
    } else {
        match crate::session::claim_for_unattended_write(&gold_path) {
            Ok(lock) => lock,
            Err(left) => {
                writeln!(
                    out,
                    "merge refused, nothing written: {}: {left}",
                    gold_path.display()
                )?;
                return Ok(2);
            }
        }
    };
    // An existing gold set is re-merged; anything else there is not replaced unasked.
    let previous: Option<AnnotationSet> = if gold_path.exists() {
        match formats::open_path(&gold_path, None) {
            Ok(opened) if opened.set.curation.is_some() => Some(opened.set),
            Ok(_) | Err(_) if args.force => None,
            Ok(_) => {
                writeln!(
                    out,
                    "merge refused, nothing written: {} exists and is not a gold set (it has no curation record); give another -o, or --force to replace it",
                    gold_path.display()
                )?;
                return Ok(2);
            }
            Err(error) => {
                writeln!(
                    out,
                    "merge refused, nothing written: {} exists and cannot be read ({error}); give another -o, or --force to replace it",
                    gold_path.display()
                )?;
                return Ok(2);
            }
        }
    } else {
        None
    };
    // Re-merging keeps the gold set's strategy unless another is asked for, and says so.
    let recorded = previous
        .as_ref()
        .and_then(|p| p.curation.as_ref())
        .map(|record| record.strategy.clone());
    let strategy = match (&args.strategy, &recorded) {
        (Some(asked), _) => Strategy::parse(asked).unwrap_or(Strategy::Unanimous),
        (None, Some(recorded)) => match Strategy::parse(recorded) {
            Some(strategy) => {
                writeln!(
                    out,
                    "strategy: {} (as {} was merged; --strategy changes it)",
                    strategy.as_str(),
                    gold_path.display()
                )?;
                strategy
            }
            None => {
                writeln!(
                    out,
                    "strategy: unanimous ({} records an unknown strategy \"{recorded}\"; --strategy chooses one)",
                    gold_path.display()
                )?;
                Strategy::Unanimous
            }
        },
        (None, None) => Strategy::Unanimous,
    };
    let schema = args
        .sets
        .first()
        .and_then(|p| p.parent())
        .map(|dir| dir.join(formats::PROJECT_SCHEMA_FILE))
        .filter(|p| p.is_file())
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|json| crate::model::Schema::from_json(&json).ok());
    let (mut curation, mut gold) =
        match Curation::open(&read.sets, strategy, schema.as_ref(), previous.as_ref()) {
            Ok(opened) => opened,
            Err(error) => {
                writeln!(out, "merge refused, nothing written:\n{error}")?;
                return Ok(2);
            }
        };
    curation.blind = args.blind;
    for note in &read.notes {
        let note = if args.blind {
            curation.blind_text(note)
        } else {
            note.clone()
        };
        writeln!(out, "note: {note}")?;
    }
    write!(out, "{}", curation.render(&gold, list))?;
    if args.dry_run {
        writeln!(out, "dry run: {} not written", gold_path.display())?;
        return Ok(0);
    }
    curation.prepare_save(&mut gold);
    if let Some(previous) = &previous {
        gold.created = previous.created.clone();
    }
    crate::team::save_gold(&mut gold, &gold_path)?;
    let open = curation.open_count(&gold);
    writeln!(
        out,
        "wrote {} ({})",
        gold_path.display(),
        if open == 0 {
            "curated: no disagreement left".to_string()
        } else {
            format!(
                "{} left for the curator",
                crate::formats::visible::count(open, "disagreement", "disagreements")
            )
        }
    )?;
    Ok(0)
}

/// `newsmark merge-driver BASE OURS THEIRS [PATH]`.
pub fn driver(base: &Path, ours: &Path, theirs: &Path, path: Option<&Path>) -> anyhow::Result<i32> {
    crate::team::git::merge_driver(base, ours, theirs, path, &mut std::io::stderr())
}
