//! `newsmark suggest`: rule-based suggestions written into sets, and `--evaluate` against
//! gold sets.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::skipped_not_a_set;
use crate::formats;
use crate::journal::SaveError;
use crate::session::{OpenOptions, OpenSet};
use crate::suggest::Options;
use crate::suggest::evaluate::{self, MissKind, Scores};
use crate::suggest::gazetteer::{FileError as GazetteerFileError, Gazetteer};

/// The arguments of `newsmark suggest`, as plain data.
#[derive(Debug, Default)]
pub struct SuggestArgs {
    pub files: Vec<PathBuf>,
    pub gazetteer: Option<PathBuf>,
    pub dry_run: bool,
    pub evaluate: bool,
    pub verbose: bool,
}

pub fn run(args: &SuggestArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    if args.evaluate {
        return evaluate_files(&args.files, args.verbose, out);
    }
    let mut options = Options::default();
    if let Some(path) = &args.gazetteer {
        match Gazetteer::read_file(path) {
            Ok(gazetteer) => options.gazetteer = Some(gazetteer),
            Err(GazetteerFileError::BadLines { path, errors }) => {
                for error in &errors {
                    writeln!(out, "{}: {error}", path.display())?;
                }
                writeln!(
                    out,
                    "{}: {} bad line(s); fix them (LABEL<TAB>name per line). Nothing was changed",
                    path.display(),
                    errors.len()
                )?;
                return Ok(2);
            }
            Err(error) => return Err(error.into()),
        }
    }
    // The files are done on every core, a batch at a time so that the report comes as the
    // work goes; each file's lines are printed together, in the order the files were given.
    const BATCH: usize = 64;
    let mut failed = 0;
    for batch in args.files.chunks(BATCH) {
        let (reports, _) = crate::corpus::par_map(
            batch,
            0,
            || (),
            |_, _, path| {
                let mut lines = Vec::new();
                let result = suggest_file(path, &options, args.dry_run, &mut lines);
                (lines, result)
            },
        );
        for ((lines, result), path) in reports.into_iter().zip(batch) {
            out.write_all(&lines)?;
            if let Err(error) = result {
                failed += 1;
                writeln!(out, "{}: {error:#}", path.display())?;
            }
        }
    }
    if args.files.len() > 1 {
        writeln!(
            out,
            "{} file(s), {} failed{}",
            args.files.len(),
            failed,
            if args.dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            }
        )?;
    }
    Ok(if failed == 0 { 0 } else { 1 })
}

fn suggest_file(
    path: &Path,
    options: &Options,
    dry_run: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let opening = OpenSet::open(path, &OpenOptions::default())?;
    let (mut doc, problems) = if dry_run {
        (opening.doc, opening.problems)
    } else {
        opening.for_unattended_write()?
    };
    if !problems.is_empty() {
        for problem in &problems {
            writeln!(out, "  problem: {problem}")?;
        }
        if !dry_run {
            anyhow::bail!(
                "loaded with {} problem(s); not written (check it with `newsmark validate`, or use --dry-run)",
                problems.len()
            );
        }
    }
    let started = std::time::Instant::now();
    let suggestions = doc.plan_suggestions(options);
    let took = started.elapsed();
    let target = doc.save_path().display().to_string();
    writeln!(
        out,
        "{}: {} span and {} relation suggestion(s){}",
        path.display(),
        suggestions.span_total(),
        suggestions.relation_total(),
        if suggestions.already_present > 0 {
            format!(" ({} already in the set)", suggestions.already_present)
        } else {
            String::new()
        }
    )?;
    print_counts(out, "span", &suggestions.spans)?;
    print_counts(out, "relation", &suggestions.relations)?;
    for reason in &suggestions.skipped {
        writeln!(out, "  left out: {reason}")?;
    }
    for offset in &suggestions.unpaired_marks {
        writeln!(out, "  unpaired quotation mark at offset {offset}")?;
    }
    let empty = suggestions.is_empty();
    let was_set = formats::is_set_path(doc.opened_path());
    if dry_run {
        writeln!(
            out,
            "  dry run: {target} not written (suggested in {:.0} ms)",
            took.as_secs_f64() * 1000.0
        )?;
    } else if empty && was_set {
        writeln!(out, "  nothing new: {target} unchanged")?;
    } else {
        doc.apply(suggestions.edit)
            .with_context(|| "the suggestions could not be applied")?;
        if let Err(error) = doc.save(false) {
            // Nothing is kept for recovery: the command failed and said so.
            doc.close_discarding();
            return Err(match error {
                SaveError::Storage(error) | SaveError::StorageUnjournalled { error, .. } => {
                    error.into()
                }
                SaveError::Conflict(conflict) => anyhow::anyhow!("{conflict}"),
                invalid @ SaveError::Invalid(_) => anyhow::anyhow!("{invalid}"),
            });
        }
        writeln!(out, "  written to {target}")?;
    }
    doc.close();
    Ok(())
}

fn print_counts(
    out: &mut dyn Write,
    kind: &str,
    counts: &BTreeMap<(String, String), usize>,
) -> std::io::Result<()> {
    for ((label, rule), n) in counts {
        writeln!(
            out,
            "  {kind:<8} {label:<10} {:<26} {n:>5}",
            format!("rule:{rule}")
        )?;
    }
    Ok(())
}

fn print_scores(out: &mut dyn Write, name: &str, scores: &Scores) -> std::io::Result<()> {
    writeln!(out, "{name}:")?;
    writeln!(
        out,
        "  direct quotes   gold {:>4} suggested {:>4} exact {:>4} | P {:.3} R {:.3} | overlap≥30% P {:.3} R {:.3}",
        scores.gold,
        scores.suggested,
        scores.exact,
        scores.precision(),
        scores.recall(),
        scores.overlap_precision(),
        scores.overlap_recall(),
    )?;
    writeln!(
        out,
        "  partial quotes  gold {:>4} suggested {:>4} exact {:>4} | P {:.3} R {:.3}",
        scores.partial_gold,
        scores.partial_suggested,
        scores.partial_exact,
        scores.partial_precision(),
        scores.partial_recall(),
    )?;
    writeln!(
        out,
        "  speakers        right {}/{} = {:.3}",
        scores.speaker_right,
        scores.exact,
        scores.speaker_accuracy()
    )?;
    writeln!(
        out,
        "  PERSON          gold {:>4} suggested {:>4} exact {:>4} | P {:.3} R {:.3}",
        scores.person_gold,
        scores.person_suggested,
        scores.person_exact,
        scores.person_precision(),
        scores.person_recall(),
    )
}

fn print_misses(out: &mut dyn Write, scores: &Scores, persons: bool) -> std::io::Result<()> {
    for miss in &scores.misses {
        if !persons && matches!(miss.kind, MissKind::MissedPerson | MissKind::SpuriousPerson) {
            continue;
        }
        let short: String = miss.text.chars().take(60).collect();
        let more = if miss.text.chars().count() > 60 {
            "…"
        } else {
            ""
        };
        write!(
            out,
            "  {:<16} [{}] @{} {short:?}{more}",
            miss.kind.name(),
            miss.rule,
            miss.start
        )?;
        match &miss.detail {
            Some((gold, found)) => writeln!(out, ": gold {gold:?}, suggested {found:?}")?,
            None => writeln!(out)?,
        }
    }
    Ok(())
}

fn evaluate_files(files: &[PathBuf], verbose: bool, out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut total = Scores::default();
    let mut failed = 0;
    for path in files {
        if skipped_not_a_set(path, out)? {
            failed += 1;
            continue;
        }
        let opened = match formats::open_path(path, None) {
            Ok(opened) => opened,
            Err(error) => {
                failed += 1;
                writeln!(out, "{error}")?;
                continue;
            }
        };
        for problem in &opened.problems {
            writeln!(out, "  problem: {problem}")?;
        }
        let scores = evaluate::evaluate(&opened.set)
            .with_context(|| format!("{}: the suggestions could not be applied", path.display()))?;
        print_scores(out, &path.display().to_string(), &scores)?;
        print_misses(out, &scores, verbose)?;
        total.add(&scores);
    }
    if files.len() > 1 {
        print_scores(out, "overall", &total)?;
    }
    Ok(if failed == 0 { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluate_prints_each_figure_and_the_misses_with_their_rules() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
        let files = vec![
            root.join("klimagipfel.json"),
            root.join("council-budget.json"),
        ];
        let mut out = Vec::new();
        let code = run(
            &SuggestArgs {
                files,
                evaluate: true,
                ..SuggestArgs::default()
            },
            &mut out,
        )
        .unwrap();
        assert_eq!(code, 0);
        let text = String::from_utf8(out).unwrap();
        for line in [
            "  direct quotes   gold",
            "  partial quotes  gold",
            "  speakers        right",
            "  PERSON          gold",
            "overall:",
        ] {
            assert!(text.contains(line), "{line:?} missing in\n{text}");
        }
        // klimagipfel's one nested quote is missed; the miss names what proposed the quote
        // around it.
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with("missed quote") && l.contains("[quote.")),
            "{text}"
        );
        // PERSON misses only with --verbose.
        assert!(!text.contains("missed PERSON") && !text.contains("spurious PERSON"));
    }
}
