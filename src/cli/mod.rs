//! The command line: arguments parsed into plain structs, then turned into work on the core.

pub mod agree;
pub mod corpus;
pub mod merge; // team
pub mod reanchor;
pub mod session;
pub mod suggest;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::formats;
use crate::formats::visible::count;

pub mod export;
pub mod import;

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
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

impl Args {
    /// The file the window opens, or why the words given are no such thing (a mistyped
    /// command, a file that is not there, more than one file): the message for the user.
    pub fn window_file(&self) -> Result<Option<PathBuf>, String> {
        match self.files.as_slice() {
            [] => Ok(None),
            [file] if file.exists() => Ok(Some(file.clone())),
            [first, ..] => {
                let given = first.to_string_lossy();
                let command = <Self as clap::CommandFactory>::command();
                let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                if let Some(name) = closest_command(&given, &names) {
                    return Err(format!(
                        "no command or file {given:?}; did you mean `newsmark {name}`? (`newsmark --help` lists the commands)"
                    ));
                }
                if !first.exists() {
                    return Err(format!(
                        "no such file: {} (`newsmark --help` lists the commands)",
                        first.display()
                    ));
                }
                Err(format!(
                    "the window opens one file; {} were given (a corpus folder opens all of its articles)",
                    self.files.len()
                ))
            }
        }
    }
}

/// The command `given` is a near miss of (at most two letters off, or a prefix of one
/// command only), if it names no file or folder.
fn closest_command<'a>(given: &str, names: &[&'a str]) -> Option<&'a str> {
    if given.contains(['/', '.', std::path::MAIN_SEPARATOR]) || std::path::Path::new(given).exists()
    {
        return None;
    }
    let prefixed: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| n.starts_with(given))
        .collect();
    if let [only] = prefixed.as_slice() {
        return Some(only);
    }
    names
        .iter()
        .copied()
        .map(|name| (edit_distance(given, name), name))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, name)| name)
}

/// Levenshtein distance in chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check annotation sets: offsets, span texts, hash, labels, ids, relations. Prints a report
    /// per file (for a corpus folder: per document, each set also against its article); exits
    /// non-zero if any file has a problem.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Count spans per label, per file (or per set of a corpus folder) and in total.
    Stats {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Measure long-document performance on a generated, seeded 10 MB article with 100,000
    /// spans; prints each figure with its target. Run on a release build.
    Bench {
        /// A 1 MB article with 10,000 spans instead (a quick smoke run).
        #[arg(long)]
        quick: bool,
        /// Write the generated article and set into this folder and stop.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
        /// Internal: open this set, draw frames, print peak memory in MB.
        #[arg(long, hide = true, value_name = "SET")]
        memory_probe: Option<PathBuf>,
        /// Only the frame figures (scrolling, editing, jumping in the window, headless):
        /// `latin`, `arabic` (the right-to-left article) or `all` (the default).
        #[arg(long, value_name = "WHICH", num_args = 0..=1, default_missing_value = "all",
              value_parser = ["all", "latin", "arabic"])]
        frames: Option<String>,
        // --- corpus bench ---
        /// The corpus figures instead: a generated corpus of 10,000 articles (issue 11).
        #[arg(long)]
        corpus: bool,
        /// With --corpus: this many articles instead of 10,000.
        #[arg(long, value_name = "N", requires = "corpus")]
        articles: Option<usize>,
        /// Internal: open this corpus, print peak memory in MB.
        #[arg(long, hide = true, value_name = "DIR")]
        corpus_memory_probe: Option<PathBuf>,
    },
    /// Corpus folders: make one, see where every document stands, find in all articles.
    #[command(subcommand)]
    Corpus(corpus::CorpusCommand),
    /// Suggest quotes, speakers, cues and names by rule and write them into each set as
    /// suggestions (an article FILE.txt gets a new FILE.json). With --evaluate, score the
    /// suggesters against gold sets instead (nothing is written).
    Suggest {
        /// Articles or annotation sets; with --evaluate, gold annotation sets.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// A list of names, one `LABEL<TAB>name` per line, suggested wherever they occur.
        #[arg(long, value_name = "FILE")]
        gazetteer: Option<PathBuf>,
        /// Print what would be suggested without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Run the suggester on each gold set's text and print, per set and in total, direct
        /// quote precision and recall (exact and at 30% overlap), partial quotes, speaker
        /// accuracy and PERSON precision and recall, with each missed or wrong quote and the
        /// rule that made it.
        #[arg(long)]
        evaluate: bool,
        /// With --evaluate: list the PERSON misses too.
        #[arg(long)]
        verbose: bool,
        /// Whose sets get the suggestions. On a corpus folder: each article's
        /// story.NAME.json (started from the article where there is none), as the window's
        /// "Suggest for the whole corpus" does; needed on a corpus that lists annotators. On
        /// files: the name given to a new set or to a set that names none.
        #[arg(long, value_name = "NAME")]
        annotator: Option<String>,
    },
    /// Export annotation sets (files or folders) to another tool's format, with a report of
    /// everything the format could not hold. Exits non-zero when anything failed.
    Export(export::ExportArgs),
    /// Import files from other tools (brat, doccano, Label Studio, Prodigy, CoNLL, W3C, text,
    /// HTML) into annotation sets, reporting every mismatch. Exits non-zero when anything
    /// failed.
    Import(import::ImportArgs),
    /// Move a set's spans onto a changed version of its article; prints which moved and which
    /// could not be placed (those are also written to OUT.unplaced.json). Exits 1 if any.
    Reanchor {
        set: PathBuf,
        article: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// List every moved span, not only the first ten.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Agreement between annotators' sets of the same texts: Krippendorff's α_u, Cohen's and
    /// Fleiss' κ, Krippendorff's α, span and relation F1, per document and for the corpus
    /// (pooled and the mean over documents). Exits non-zero when a file cannot be read or
    /// nothing can be compared.
    Agree(agree::AgreeArgs),
    // --- team ---
    /// Merge several annotators' sets of one article into a gold set: spans the strategy
    /// accepts go in accepted, every disagreement as a suggestion. Prints the counts. Exits 2
    /// (nothing written) on sets of different texts or repeated annotators.
    Merge(merge::MergeArgs),
    /// Build or re-merge the curation of one article (as `merge`, keeping the curator's
    /// decisions) and list each open disagreement with every annotator's version.
    Curate(merge::MergeArgs),
    /// Git merge driver for annotation sets (`%O %A %B %P`): merges by span and relation id,
    /// writes the result to OURS; exits 0 when clean, 1 on a conflict (left as suggestions).
    /// Messages name PATH (the set's path in the repository; optional), else OURS.
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        path: Option<PathBuf>,
    },
    // --- end team ---
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

/// `files` without the corpus files among them (a shell's `sample_data/*.json` takes the
/// folder's `newsmark.corpus.json` too), each left out with a line saying so: it is the
/// corpus's settings, not a set, and the folder is how a command works on the corpus.
fn without_corpus_files(files: Vec<PathBuf>, out: &mut dyn Write) -> std::io::Result<Vec<PathBuf>> {
    let mut kept = Vec::with_capacity(files.len());
    for path in files {
        let is_corpus_file = path.is_file()
            && path.file_name().and_then(|n| n.to_str())
                == Some(crate::corpus::config::CORPUS_FILE);
        if is_corpus_file {
            let folder = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            writeln!(
                out,
                "{}: the corpus file, not an annotation set; left out (give the folder, {}, to work on the corpus)",
                path.display(),
                folder.display()
            )?;
        } else {
            kept.push(path);
        }
    }
    Ok(kept)
}

/// Run a command; returns the process exit code.
pub fn run(command: Command, out: &mut dyn Write) -> anyhow::Result<i32> {
    match command {
        Command::Validate { files } => validate(&without_corpus_files(files, out)?, out),
        Command::Stats { files } => stats(&without_corpus_files(files, out)?, out),
        Command::Bench {
            corpus: true,
            articles,
            write,
            ..
        } => crate::bench::corpus::command(articles, write, out),
        Command::Bench {
            corpus_memory_probe: Some(dir),
            ..
        } => {
            writeln!(out, "{:.1}", crate::bench::corpus::memory_probe(&dir)?)?;
            Ok(0)
        }
        Command::Bench {
            quick,
            frames: Some(which),
            ..
        } => bench_frames(quick, &which, out),
        Command::Bench {
            quick,
            write,
            memory_probe,
            ..
        } => bench(quick, write, memory_probe, out),
        Command::Corpus(command) => corpus::run(command, out),
        Command::Suggest {
            files,
            gazetteer,
            dry_run,
            evaluate,
            verbose,
            annotator,
        } => {
            let files = without_corpus_files(files, out)?;
            let gazetteer = match gazetteer {
                None if !evaluate => corpus::gazetteer_of_folder(&files, out)?,
                given => given,
            };
            if !evaluate {
                // A team corpus: the suggestions go into one annotator's sets, never into
                // sets of nobody's that agreement could not place.
                if let Some(code) = suggest::corpus_for_annotator(
                    &files,
                    annotator.as_deref(),
                    gazetteer.as_deref(),
                    dry_run,
                    out,
                )? {
                    return Ok(code);
                }
            }
            suggest::run(
                &suggest::SuggestArgs {
                    gazetteer,
                    // A corpus folder stands for its documents (cli/corpus.rs).
                    files: corpus::expand_for_suggest(files, evaluate, annotator.as_deref(), out)?,
                    dry_run,
                    evaluate,
                    verbose,
                    annotator,
                },
                out,
            )
        }
        Command::Export(mut args) => {
            args.inputs = without_corpus_files(args.inputs, out)?;
            export::run(args, out)
        }
        Command::Import(args) => import::run(args, out),
        Command::Agree(mut args) => {
            args.inputs = without_corpus_files(args.inputs, out)?;
            agree::run(args, out)
        }
        Command::Reanchor {
            set,
            article,
            output,
            verbose,
        } => reanchor::run(&set, &article, &output, verbose, out),
        // team
        Command::Merge(args) => merge::run(&args, false, out),
        Command::Curate(args) => merge::run(&args, true, out),
        Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        } => merge::driver(&base, &ours, &theirs, path.as_deref()),
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

/// Report `path` as skipped when it is not an annotation set (.json); true if it was.
pub(crate) fn skipped_not_a_set(
    path: &std::path::Path,
    out: &mut dyn Write,
) -> std::io::Result<bool> {
    if formats::is_set_path(path) {
        return Ok(false);
    }
    writeln!(
        out,
        "{}: not an annotation set (.json); skipped",
        path.display()
    )?;
    Ok(true)
}

fn validate(files: &[PathBuf], out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut failed = 0;
    let mut checked = 0;
    for path in files {
        if path.is_dir() {
            let (documents, failures) = corpus::validate_corpus(path, out)?;
            checked += documents;
            failed += failures;
            continue;
        }
        checked += 1;
        if skipped_not_a_set(path, out)? {
            failed += 1;
            continue;
        }
        match formats::open_path(path, None) {
            Ok(opened) if opened.problems.is_empty() => writeln!(
                out,
                "{}: ok ({}, {}, {}, {})",
                path.display(),
                count(opened.set.span_count(), "span", "spans"),
                count(opened.set.relation_count(), "relation", "relations"),
                count(opened.set.text().char_len(), "character", "characters"),
                crate::model::set::Status::of_set(opened.set.status)
            )?,
            Ok(opened) => {
                failed += 1;
                writeln!(
                    out,
                    "{}: {}",
                    path.display(),
                    count(opened.problems.len(), "problem", "problems")
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
    if checked > 1 {
        writeln!(
            out,
            "{}, {failed} with problems",
            count(checked, "file", "files")
        )?;
    }
    Ok(if failed == 0 { 0 } else { 1 })
}

fn bench(
    quick: bool,
    write: Option<PathBuf>,
    memory_probe: Option<PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let options = if quick {
        crate::bench::Options::quick()
    } else {
        crate::bench::Options::full()
    };
    if let Some(set) = memory_probe {
        writeln!(out, "{:.1}", crate::bench::memory_probe(&set)?)?;
        return Ok(0);
    }
    if let Some(dir) = write {
        std::fs::create_dir_all(&dir)?;
        let (article, set) = crate::bench::write_workload(&dir, &options)?;
        writeln!(out, "wrote {} and {}", article.display(), set.display())?;
        return Ok(0);
    }
    if cfg!(debug_assertions) {
        writeln!(
            out,
            "note: this is a debug build; figures are meaningful on a release build"
        )?;
    }
    let exe = std::env::current_exe().ok();
    let figures = crate::bench::run(&options, exe.as_deref(), out)?;
    crate::bench::print(&figures, out)?;
    let failed = figures.iter().filter(|f| f.holds == Some(false)).count();
    Ok(if failed == 0 { 0 } else { 1 })
}

/// `bench --frames`: only the frame figures, on the Latin article, the Arabic one or both.
fn bench_frames(quick: bool, which: &str, out: &mut dyn Write) -> anyhow::Result<i32> {
    let options = if quick {
        crate::bench::Options::quick()
    } else {
        crate::bench::Options::full()
    };
    #[cfg(feature = "gui")]
    {
        let figures = crate::bench::run_frames(&options, which != "arabic", which != "latin", out)?;
        crate::bench::print(&figures, out)?;
        let failed = figures.iter().filter(|f| f.holds == Some(false)).count();
        Ok(if failed == 0 { 0 } else { 1 })
    }
    #[cfg(not(feature = "gui"))]
    {
        let _ = (options, which);
        writeln!(
            out,
            "the frame figures need the window: build with the `gui` feature"
        )?;
        Ok(2)
    }
}

fn stats(files: &[PathBuf], out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut total: BTreeMap<String, usize> = BTreeMap::new();
    let mut failed = false;
    let mut spans = 0;
    let mut suggested_total = 0;
    let mut counted = 0;
    for path in files {
        if path.is_dir() {
            let (sets, set_spans, set_suggested, broken) =
                corpus::stats_corpus(path, &mut total, out)?;
            counted += sets;
            spans += set_spans;
            suggested_total += set_suggested;
            failed |= broken;
            continue;
        }
        counted += 1;
        match formats::open_path(path, None) {
            Ok(opened) => {
                let counts = opened.set.label_counts();
                let in_set: usize = counts.values().sum();
                spans += in_set;
                let suggested: usize = opened
                    .set
                    .spans_ordered()
                    .filter(|s| !s.review.is_accepted())
                    .count();
                suggested_total += suggested;
                writeln!(
                    out,
                    "{}: {}{}, {}",
                    path.display(),
                    count(in_set, "span", "spans"),
                    not_yet_reviewed(suggested),
                    count(opened.set.relation_count(), "relation", "relations")
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
    writeln!(
        out,
        "total: {}{} in {}",
        count(spans, "span", "spans"),
        not_yet_reviewed(suggested_total),
        count(counted, "file", "files")
    )?;
    for (label, n) in &total {
        writeln!(out, "  {label:<14} {n:>7}")?;
    }
    Ok(if failed { 1 } else { 0 })
}

/// " (12 of them suggestions not yet reviewed)", or nothing: counts of spans say how many are
/// still a suggester's proposals, not anyone's judgement.
pub(crate) fn not_yet_reviewed(suggested: usize) -> String {
    match suggested {
        0 => String::new(),
        1 => " (1 of them a suggestion not yet reviewed)".into(),
        n => format!(" ({n} of them suggestions not yet reviewed)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(words: &[&str]) -> Args {
        Args::try_parse_from(std::iter::once("newsmark").chain(words.iter().copied()))
            .expect("parses")
    }

    #[test]
    fn a_mistyped_command_is_named_not_opened_as_a_file() {
        let said = parse(&["sugest"]).window_file().unwrap_err();
        assert!(said.contains("did you mean `newsmark suggest`"), "{said}");
        let said = parse(&["agre", "corpus"]).window_file().unwrap_err();
        assert!(said.contains("did you mean `newsmark agree`"), "{said}");
        let said = parse(&["valid"]).window_file().unwrap_err();
        assert!(said.contains("`newsmark validate`"), "{said}");
    }

    #[test]
    fn the_window_opens_one_file_that_is_there() {
        assert_eq!(parse(&[]).window_file(), Ok(None));
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("story.txt");
        std::fs::write(&article, "Text.").unwrap();
        let given = article.to_string_lossy().to_string();
        assert_eq!(parse(&[&given]).window_file(), Ok(Some(article.clone())));
        let missing = dir.path().join("gone.txt").to_string_lossy().to_string();
        let said = parse(&[&missing]).window_file().unwrap_err();
        assert!(said.starts_with("no such file"), "{said}");
        let said = parse(&[&given, &given]).window_file().unwrap_err();
        assert!(said.contains("opens one file; 2 were given"), "{said}");
        // A command still parses as one.
        assert!(parse(&["stats", &given]).command.is_some());
    }
}
