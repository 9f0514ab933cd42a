//! `newsmark corpus init|status|find|dashboard`, and the corpus folders that `validate`,
//! `stats`, `suggest` and `export` accept.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use anyhow::Context;

use crate::corpus::config::{self, CorpusConfig};
use crate::corpus::find::{CorpusFindOptions, MAX_HITS_PER_ARTICLE, find_in_corpus};
use crate::corpus::layout::SetKind;
use crate::corpus::{Corpus, OpenOptions, View, dashboard};
use crate::formats;
use crate::formats::visible::count;
use crate::model::find::FindOptions;
use crate::model::set::Status;
use crate::storage;

/// `newsmark corpus ...`
#[derive(Debug, clap::Subcommand)]
pub enum CorpusCommand {
    /// Make DIR a corpus: write newsmark.corpus.json and a starter GUIDELINES.md (each only
    /// when there is none) and the .gitignore lines for Newsmark's own files (the .newsmark/
    /// cache, each window's lock and crash journal). Nothing else in DIR is touched.
    Init {
        dir: PathBuf,
        /// Also set up git and the annotation-set merge driver (docs/TEAM.md).
        #[arg(long)]
        git: bool,
        /// The corpus's name (default: the folder's).
        #[arg(long)]
        name: Option<String>,
        /// An annotator of the corpus (repeat for each).
        #[arg(long = "annotator", value_name = "NAME")]
        annotators: Vec<String>,
    },
    /// One row per article and set (an article without a set: one row, set none) with its
    /// status, spans, labels, annotator, time and problems; then the totals.
    Status {
        dir: PathBuf,
        /// Print JSON: {"documents": [...], "totals": {...}, "problems": [...]}.
        #[arg(long)]
        json: bool,
        /// One row per article: this annotator's set (or none).
        #[arg(long, value_name = "NAME")]
        annotator: Option<String>,
        /// Also write the rows as CSV into FILE.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Neither read nor write the .newsmark/ cache.
        #[arg(long)]
        no_cache: bool,
    },
    /// Every occurrence of a word or phrase in all articles, one keyword-in-context line per
    /// hit (`article:line: before [match] after`).
    Find {
        dir: PathBuf,
        phrase: String,
        /// Upper and lower case differ.
        #[arg(long)]
        match_case: bool,
        /// Only whole words.
        #[arg(long)]
        whole_words: bool,
        /// Print at most N hits (all are counted).
        #[arg(long, default_value_t = 1000, value_name = "N")]
        max: usize,
        /// Print JSON: {"hits": [{"article", "start", "end", "line", "before", "match",
        /// "after"}...], "documents": [{"article", "hits"}...], "total": n}.
        #[arg(long)]
        json: bool,
    },
    /// Counts for the corpus dashboard: documents per state, spans per label, work per
    /// annotator and progress per day; with --csv, each table as a CSV file in OUT_DIR.
    Dashboard {
        dir: PathBuf,
        #[arg(long, value_name = "NAME")]
        annotator: Option<String>,
        #[arg(long, value_name = "OUT_DIR")]
        csv: Option<PathBuf>,
    },
}

pub fn run(command: CorpusCommand, out: &mut dyn Write) -> anyhow::Result<i32> {
    match command {
        CorpusCommand::Init {
            dir,
            git,
            name,
            annotators,
        } => init(&dir, git, name, annotators, out),
        CorpusCommand::Status {
            dir,
            json,
            annotator,
            csv,
            no_cache,
        } => status(&dir, json, annotator, csv, no_cache, out),
        CorpusCommand::Find {
            dir,
            phrase,
            match_case,
            whole_words,
            max,
            json,
        } => find(
            &dir,
            &phrase,
            FindOptions {
                match_case,
                whole_words,
            },
            max,
            json,
            out,
        ),
        CorpusCommand::Dashboard {
            dir,
            annotator,
            csv,
        } => dashboard_command(&dir, annotator, csv, out),
    }
}

/// Open a corpus for a command, with the cache.
fn open(dir: &Path, options: &OpenOptions) -> anyhow::Result<Corpus> {
    Ok(Corpus::open(dir, options)?)
}

fn view(annotator: Option<String>) -> View {
    match annotator {
        Some(name) => View::Annotator(name),
        None => View::All,
    }
}

fn init(
    dir: &Path,
    git: bool,
    name: Option<String>,
    annotators: Vec<String>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    for annotator in &annotators {
        if !config::is_annotator_name(annotator) {
            anyhow::bail!(
                "{annotator:?} is not a usable annotator name (letters, digits, '_' and '-'; not {})",
                config::RESERVED_NAMES.join(" or ")
            );
        }
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let corpus_file = dir.join(config::CORPUS_FILE);
    if corpus_file.exists() {
        writeln!(out, "{}: already there; not changed", corpus_file.display())?;
    } else {
        let mut config = CorpusConfig::new_for(dir);
        if name.is_some() {
            config.name = name;
        }
        config.annotators = annotators;
        storage::write_atomic(&corpus_file, config.to_json().as_bytes())?;
        writeln!(out, "wrote {}", corpus_file.display())?;
        // The corpus file names the guidelines: a starter file, never over an existing one.
        match config.write_starter_guidelines(dir) {
            Ok(Some(path)) => writeln!(out, "wrote {} (a starter to fill in)", path.display())?,
            Ok(None) => {}
            Err(error) => writeln!(
                out,
                "{}: not written ({error}); the corpus file names it all the same",
                dir.join(config.guidelines_name()).display()
            )?,
        }
    }
    writeln!(out, "{}", crate::corpus::ignore::ensure_ignored(dir)?)?;
    if git {
        match configure_git(dir) {
            Ok(done) => {
                for line in done {
                    writeln!(out, "{line}")?;
                }
            }
            Err(error) => {
                writeln!(out, "git: {error:#}")?;
                return Ok(1);
            }
        }
    }
    Ok(0)
}

/// Set up git and the annotation-set merge driver in `dir` (docs/TEAM.md), returning what
/// was done, one line each.
fn configure_git(dir: &Path) -> anyhow::Result<Vec<String>> {
    crate::team::configure_git(dir)
}

fn status(
    dir: &Path,
    json: bool,
    annotator: Option<String>,
    csv: Option<PathBuf>,
    no_cache: bool,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let options = if no_cache {
        OpenOptions::without_cache()
    } else {
        OpenOptions::default()
    };
    let corpus = open(dir, &options)?;
    if let Some(warning) = crate::team::git::driver_missing(dir) {
        // On standard error: the table and the JSON stay as they are.
        eprintln!("warning: {warning}");
    }
    let rows = corpus.rows(&view(annotator));
    if let Some(path) = &csv {
        storage::write_atomic(path, dashboard::documents_csv(&rows).as_bytes())?;
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &corpus.status_json(&rows))?;
        writeln!(out)?;
        return Ok(0);
    }
    write!(out, "{}", corpus.status_table(&rows))?;
    Ok(0)
}

fn find(
    dir: &Path,
    phrase: &str,
    options: FindOptions,
    max: usize,
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    if phrase.is_empty() {
        anyhow::bail!("nothing to find: the phrase is empty");
    }
    let corpus = open(dir, &OpenOptions::default())?;
    let options = CorpusFindOptions {
        find: options,
        max_hits: max,
        ..CorpusFindOptions::default()
    };
    let results = find_in_corpus(&corpus, phrase, &options, &AtomicBool::new(false));
    if json {
        let hits: Vec<serde_json::Value> = results
            .hits
            .iter()
            .map(|h| {
                serde_json::json!({"article": h.article, "start": h.range.start, "end": h.range.end,
                    "line": h.line, "before": h.before, "match": h.matched, "after": h.after})
            })
            .collect();
        let documents: Vec<serde_json::Value> = results
            .documents
            .iter()
            .map(|d| serde_json::json!({"article": d.article, "hits": d.ranges.len()}))
            .collect();
        serde_json::to_writer_pretty(
            &mut *out,
            &serde_json::json!({"hits": hits, "documents": documents, "total": results.total,
                "problems": results.problems, "stopped_at_limit": results.stopped_at_limit,
                "limit_per_article": MAX_HITS_PER_ARTICLE}),
        )?;
        writeln!(out)?;
        return Ok(0);
    }
    for hit in &results.hits {
        writeln!(out, "{}", hit.kwic_line())?;
    }
    for problem in &results.problems {
        writeln!(out, "problem: {problem}")?;
    }
    let not_searched = corpus
        .documents
        .len()
        .saturating_sub(results.documents_searched);
    writeln!(
        out,
        "{}{} in {} of {} searched{}{}",
        if results.limit_reached() {
            "at least "
        } else {
            ""
        },
        count(results.total, "hit", "hits"),
        results.documents.len(),
        count(results.documents_searched, "article", "articles"),
        if not_searched > 0 {
            format!("; {not_searched} not searched (see the problems above)")
        } else {
            String::new()
        },
        if results.truncated() {
            format!(
                "; the first {} shown (--max N shows more)",
                results.hits.len()
            )
        } else {
            String::new()
        }
    )?;
    if results.limit_reached() {
        writeln!(
            out,
            "stopped at the limit of {MAX_HITS_PER_ARTICLE} hits in {} ({}): the rest of each \
             was not searched; search a longer phrase, or with --whole-words or --match-case, to \
             find fewer and see them all",
            count(results.stopped_at_limit.len(), "article", "articles"),
            results.stopped_at_limit.join(", ")
        )?;
    }
    Ok(0)
}

fn dashboard_command(
    dir: &Path,
    annotator: Option<String>,
    csv: Option<PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let corpus = open(dir, &OpenOptions::default())?;
    let rows = corpus.rows(&view(annotator));
    let board = dashboard::Dashboard::of(&rows);
    for (name, text) in board.csv_files() {
        writeln!(out, "# {}", name.trim_end_matches(".csv"))?;
        write!(out, "{text}")?;
    }
    if let Some(out_dir) = csv {
        std::fs::create_dir_all(&out_dir)?;
        for (name, text) in board.csv_files() {
            storage::write_atomic(&out_dir.join(name), text.as_bytes())?;
        }
        storage::write_atomic(
            &out_dir.join("documents.csv"),
            dashboard::documents_csv(&rows).as_bytes(),
        )?;
        writeln!(out, "wrote 5 CSV files into {}", out_dir.display())?;
    }
    Ok(0)
}

/// A corpus folder given to `validate`, `stats` or `suggest`, opened with its problems
/// printed; `None` (after saying why) when it is not a folder that can be read.
fn open_for_command(dir: &Path, out: &mut dyn Write) -> anyhow::Result<Option<Corpus>> {
    match Corpus::open(dir, &OpenOptions::default()) {
        Ok(corpus) => {
            for problem in &corpus.problems {
                writeln!(out, "{}: problem: {problem}", dir.display())?;
            }
            Ok(Some(corpus))
        }
        Err(error) => {
            writeln!(out, "{error}")?;
            Ok(None)
        }
    }
}

/// `newsmark validate DIR`: every set of the corpus through the full loader, and its text
/// against its article; every document's layout problems. Returns (documents, failed).
pub fn validate_corpus(dir: &Path, out: &mut dyn Write) -> anyhow::Result<(usize, usize)> {
    let Some(corpus) = open_for_command(dir, out)? else {
        return Ok((1, 1));
    };
    let (mut checked, mut failed) = (0, usize::from(!corpus.problems.is_empty()));
    // Sets and no article at all (an export's or an import's output): not a corpus missing
    // its articles but a folder of sets, each checked on its own as `validate FILE` does.
    let sets_only = corpus.documents.iter().any(|d| !d.sets.is_empty())
        && corpus.documents.iter().all(|d| d.entry.article.is_none());
    if sets_only {
        writeln!(
            out,
            "{}: sets without articles (not a corpus): each set is checked on its own, its stored text not against an article",
            dir.display()
        )?;
    }
    for document in &corpus.documents {
        let name = document.entry.name();
        let own: Vec<&str> = document
            .problems()
            .filter(|p| !(sets_only && p.starts_with(crate::corpus::layout::NO_ARTICLE)))
            .collect();
        if document.sets.is_empty() {
            checked += 1;
            if own.is_empty() {
                writeln!(out, "{}: ok (no set: new)", corpus.path(&name).display())?;
            } else {
                failed += 1;
                writeln!(
                    out,
                    "{}: {}",
                    corpus.path(&name).display(),
                    count(own.len(), "problem", "problems")
                )?;
                for problem in &own {
                    writeln!(out, "  {problem}")?;
                }
            }
            continue;
        }
        let article_text = document
            .entry
            .article
            .as_ref()
            .and_then(|a| crate::corpus::status::read_article(&corpus.path(a)).ok());
        for set in &document.sets {
            checked += 1;
            let path = corpus.path(&set.path);
            let mut problems: Vec<String> = own.iter().map(|p| p.to_string()).collect();
            let opened = match formats::open_path(&path, None) {
                Ok(opened) => opened,
                Err(error) => {
                    failed += 1;
                    writeln!(out, "{error}")?;
                    continue;
                }
            };
            problems.extend(opened.problems.iter().map(|p| p.to_string()));
            if let Some(article) = &article_text {
                crate::corpus::status::text_against_article(
                    opened.set.text().as_str(),
                    article,
                    &mut problems,
                );
            }
            // The file-name checks the summary makes (annotator, status).
            problems.extend(
                set.problems
                    .iter()
                    .filter(|p| p.contains("its file name says"))
                    .cloned(),
            );
            if problems.is_empty() {
                writeln!(
                    out,
                    "{}: ok ({}, {}, {}, {})",
                    path.display(),
                    count(opened.set.span_count(), "span", "spans"),
                    count(opened.set.relation_count(), "relation", "relations"),
                    count(opened.set.text().char_len(), "character", "characters"),
                    Status::of_set(opened.set.status)
                )?;
            } else {
                failed += 1;
                writeln!(
                    out,
                    "{}: {}",
                    path.display(),
                    count(problems.len(), "problem", "problems")
                )?;
                for problem in &problems {
                    writeln!(out, "  {problem}")?;
                }
            }
        }
    }
    Ok((checked, failed))
}

/// `newsmark stats DIR`: spans per label for each set of the corpus (from the summaries),
/// and totals. Returns the totals to add to the command's.
pub fn stats_corpus(
    dir: &Path,
    total: &mut std::collections::BTreeMap<String, usize>,
    out: &mut dyn Write,
) -> anyhow::Result<(usize, usize, usize, bool)> {
    let Some(corpus) = open_for_command(dir, out)? else {
        return Ok((0, 0, 0, true));
    };
    let mut failed = false;
    let (mut files, mut spans, mut suggested) = (0, 0, 0);
    for row in corpus.rows(&View::All) {
        let Some(set) = row.set else { continue };
        files += 1;
        spans += set.spans;
        suggested += set.suggested;
        writeln!(
            out,
            "{}: {}{}, {}, {}",
            corpus.path(&set.path).display(),
            count(set.spans, "span", "spans"),
            super::not_yet_reviewed(set.suggested),
            count(set.relations, "relation", "relations"),
            set.status
        )?;
        for (label, n) in &set.labels {
            writeln!(out, "  {label:<14} {n:>7}")?;
            *total.entry(label.clone()).or_insert(0) += n;
        }
        for problem in row.problems() {
            writeln!(out, "  problem: {problem}")?;
        }
        failed |= set.unreadable;
    }
    Ok((files, spans, suggested, failed))
}

/// The files `suggest` works on for a corpus folder: each article's single set
/// (`story.json`), or the article itself when it has none (a new `story.json` is written, as
/// for an article given by name); sets without an article as they are. With `evaluate`: the
/// gold sets, or every set when there is no gold.
pub fn suggest_targets(
    dir: &Path,
    evaluate: bool,
    annotator: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<Vec<PathBuf>> {
    let Some(corpus) = open_for_command(dir, out)? else {
        return Ok(vec![dir.to_path_buf()]);
    };
    if evaluate {
        let gold: Vec<PathBuf> = corpus
            .documents
            .iter()
            .flat_map(|d| &d.sets)
            .filter(|s| s.kind == SetKind::Gold)
            .map(|s| corpus.path(&s.path))
            .collect();
        if !gold.is_empty() {
            return Ok(gold);
        }
        return Ok(corpus.set_paths().map(|p| corpus.path(p)).collect());
    }
    Ok(corpus
        .documents
        .iter()
        .filter_map(|d| match (corpus.set_of(d, annotator), &d.entry.article) {
            (Some(set), _) => Some(corpus.path(&set.path)),
            (None, Some(article)) => Some(corpus.path(article)),
            (None, None) => d.sets.first().map(|s| corpus.path(&s.path)),
        })
        .collect())
}

/// The gazetteer a corpus keeps at its root (`newsmark.gazetteer.tsv` or `gazetteer.txt`), the
/// one the window's "Suggest for the whole corpus" uses, when `files` is one corpus folder;
/// said on `out` when it is taken.
pub fn gazetteer_of_folder(
    files: &[PathBuf],
    out: &mut dyn Write,
) -> anyhow::Result<Option<PathBuf>> {
    let [folder] = files else { return Ok(None) };
    if !folder.is_dir() {
        return Ok(None);
    }
    let found = crate::suggest::gazetteer::beside(folder);
    if let Some(path) = &found {
        writeln!(
            out,
            "using the corpus gazetteer {} (--gazetteer FILE uses another)",
            path.display()
        )?;
    }
    Ok(found)
}

/// Replace each folder among `files` by its corpus's files ([`suggest_targets`]).
pub fn expand_for_suggest(
    files: Vec<PathBuf>,
    evaluate: bool,
    annotator: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<Vec<PathBuf>> {
    let mut expanded = Vec::with_capacity(files.len());
    for path in files {
        if path.is_dir() {
            expanded.extend(suggest_targets(&path, evaluate, annotator, out)?);
        } else {
            expanded.push(path);
        }
    }
    Ok(expanded)
}
