//! `newsmark agree [--json] [--csv FILE] SETS_OR_CORPUS...`: agreement between annotators,
//! per document and for the corpus (pooled, and the mean over documents), with every problem
//! in the input named.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use crate::agreement::coding::Coded;
use crate::agreement::input::{self, GatherOptions, Problem, ProblemKind, SetFile};
use crate::agreement::{self, AgreementReport, DocumentAgreement, Measures};
use crate::formats::csv::field;
use crate::formats::visible::count;
use crate::storage;

/// Arguments of `newsmark agree`.
#[derive(Debug, clap::Args)]
pub struct AgreeArgs {
    /// Annotation sets (.json), or corpus folders (every set under them).
    #[arg(required = true, value_name = "SETS_OR_CORPUS")]
    pub inputs: Vec<PathBuf>,
    /// Print the report as JSON (`null` where a measure is undefined).
    #[arg(long)]
    pub json: bool,
    /// Also write a table, one row per document (and two for the corpus), one column per
    /// measure.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Count gold sets (story.gold.json) as an annotator named `gold`.
    #[arg(long)]
    pub with_gold: bool,
    /// List every disagreement and every span left out of α_u.
    #[arg(short, long)]
    pub verbose: bool,
}

pub fn run(args: AgreeArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let gathered = input::gather(
        &args.inputs,
        &GatherOptions {
            include_gold: args.with_gold,
        },
    );
    let report = agreement::measure(
        &gathered.documents,
        &gathered.annotators,
        &gathered.vocabulary,
    );
    let mut problems = gathered.problems.clone();
    problems.extend(overlap_problems(&report));
    if let Some(path) = &args.csv {
        storage::write_atomic(path, table(&report).as_bytes())?;
    }
    if args.json {
        let value = agreement::json::report(&report, &gathered.sets, &problems);
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        print_text(&report, &gathered.sets, &problems, args.verbose, out)?;
        if let Some(path) = &args.csv {
            writeln!(out, "table written to {}", path.display())?;
        }
    }
    let unreadable = problems.iter().any(|p| p.kind == ProblemKind::Unreadable);
    let compared = report.documents.iter().any(|d| d.annotators.len() >= 2);
    Ok(if unreadable || !compared { 1 } else { 0 })
}

/// Overlapping same-label spans, one problem per document, annotator and label.
fn overlap_problems(report: &AgreementReport) -> Vec<Problem> {
    let mut problems = Vec::new();
    for document in &report.documents {
        let mut groups: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
        for span in &document.dropped {
            groups
                .entry((span.annotator.as_str(), span.label.as_str()))
                .or_default()
                .push(format!("{}..{} ({})", span.start, span.end, span.span_id));
        }
        for ((annotator, label), spans) in groups {
            problems.push(Problem {
                kind: ProblemKind::OverlappingSpans,
                item: document.article.clone(),
                message: format!(
                    "{annotator} has {} {label} {} overlapping an earlier or longer {label} span: {}; α_u leaves {them} out (as INCEpTION does), the other measures keep {them}",
                    spans.len(),
                    if spans.len() == 1 { "span" } else { "spans" },
                    spans.join(", "),
                    them = if spans.len() == 1 { "it" } else { "them" }
                ),
            });
        }
    }
    problems
}

fn value(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |v| format!("{v:.4}"))
}

fn labelled(values: &BTreeMap<String, Option<f64>>) -> String {
    if values.is_empty() {
        return "(none)".into();
    }
    values
        .iter()
        .map(|(k, v)| format!("{k} {}", value(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn counted(c: &Coded) -> String {
    format!(
        "{} (on {} of {}; {} incomplete, {} stacked)",
        value(c.value),
        c.counts.used,
        count(c.counts.positions, "position", "positions"),
        c.counts.incomplete,
        c.counts.stacked
    )
}

fn print_measures(m: &Measures, indent: &str, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{indent}α_u overall {}; per label: {}",
        value(m.alpha_u.overall),
        labelled(&m.alpha_u.labels)
    )?;
    writeln!(out, "{indent}Fleiss' κ {}", counted(&m.fleiss))?;
    writeln!(
        out,
        "{indent}Krippendorff's α (nominal) {}",
        counted(&m.alpha_nominal)
    )?;
    for pair in &m.cohen {
        writeln!(
            out,
            "{indent}Cohen's κ {}–{}: {}",
            pair.first,
            pair.second,
            counted(&pair.kappa)
        )?;
    }
    writeln!(out, "{indent}span F1, exact: {}", labelled(&m.f1_exact))?;
    writeln!(out, "{indent}span F1, overlap: {}", labelled(&m.f1_overlap))?;
    writeln!(out, "{indent}relation F1: {}", labelled(&m.relations_f1))?;
    writeln!(
        out,
        "{indent}overlapping same-label spans left out of α_u: {}",
        m.dropped_overlaps
    )
}

fn print_text(
    report: &AgreementReport,
    sets: &[Vec<SetFile>],
    problems: &[Problem],
    verbose: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}, {}: {}",
        count(report.documents.len(), "document", "documents"),
        count(report.annotators.len(), "annotator", "annotators"),
        report.annotators.join(", ")
    )?;
    if !problems.is_empty() {
        writeln!(
            out,
            "\n{} in the input:",
            count(problems.len(), "problem", "problems")
        )?;
        for problem in problems {
            writeln!(out, "  [{}] {problem}", problem.kind.as_str())?;
        }
    }
    for (i, document) in report.documents.iter().enumerate() {
        writeln!(
            out,
            "\n{} (text {}), annotators: {}",
            document.article,
            &document.text_sha256[..12.min(document.text_sha256.len())],
            document.annotators.join(", ")
        )?;
        if let Some(sets) = sets.get(i) {
            for set in sets {
                writeln!(
                    out,
                    "  {}: {} (name from the {})",
                    set.annotator,
                    set.path.display(),
                    set.annotator_from.as_str()
                )?;
            }
        }
        if document.annotators.len() < 2 {
            writeln!(out, "  one annotator: nothing to compare")?;
            continue;
        }
        print_measures(&document.measures, "  ", out)?;
        print_disagreements(document, verbose, out)?;
    }
    writeln!(
        out,
        "\nCorpus, pooled (all documents as one study; α_u over their texts laid end to end):"
    )?;
    if !report.pooled_alpha_u_left_out.is_empty() {
        writeln!(
            out,
            "  α_u leaves out {} where not every annotator has a set: {}",
            count(
                report.pooled_alpha_u_left_out.len(),
                "document",
                "documents"
            ),
            report.pooled_alpha_u_left_out.join(", ")
        )?;
    }
    print_measures(&report.pooled, "  ", out)?;
    writeln!(
        out,
        "\nCorpus, mean of documents (each figure averaged over the documents where it is defined):"
    )?;
    print_measures(&report.mean_of_documents, "  ", out)
}

fn print_disagreements(
    document: &DocumentAgreement,
    verbose: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let total = document.disagreements.len();
    if total == 0 {
        return writeln!(out, "  no disagreements");
    }
    let mut per_label: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &document.disagreements {
        *per_label.entry(d.label.as_str()).or_default() += 1;
    }
    let summary: Vec<String> = per_label.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let places = crate::agreement::disagreements::places(&document.disagreements);
    writeln!(
        out,
        "  {} by label, at {} (a span labelled differently counts once for each label; \
         `curate` counts places): {}{}",
        count(total, "disagreement", "disagreements"),
        count(places, "place", "places"),
        summary.join(", "),
        if verbose {
            ""
        } else {
            " (--verbose lists them)"
        }
    )?;
    if !verbose {
        return Ok(());
    }
    for d in &document.disagreements {
        let versions: Vec<String> = document
            .annotators
            .iter()
            .enumerate()
            .map(|(a, name)| {
                let spans: Vec<String> = d
                    .spans_of(a)
                    .map(|s| format!("{}..{}", s.start, s.end))
                    .collect();
                let mut text = if spans.is_empty() {
                    "none".to_string()
                } else {
                    spans.join(" ")
                };
                for other in d.other_labels_of(a) {
                    text.push_str(&format!(" (as {})", other.label));
                }
                format!("{name}: {text}")
            })
            .collect();
        writeln!(
            out,
            "    {} {}..{} [{}] {}",
            d.label,
            d.start,
            d.end,
            d.kind.as_str(),
            versions.join("; ")
        )?;
    }
    Ok(())
}

/// One row per document and two for the corpus; a column per measure (and label, pair).
pub fn table(report: &AgreementReport) -> String {
    let mut rows: Vec<(String, String, String, BTreeMap<String, String>)> = Vec::new();
    for d in &report.documents {
        rows.push((
            d.article.clone(),
            d.text_sha256.clone(),
            d.annotators.join(" "),
            columns(&d.measures),
        ));
    }
    rows.push((
        "corpus (pooled)".into(),
        String::new(),
        report.annotators.join(" "),
        columns(&report.pooled),
    ));
    rows.push((
        "corpus (mean of documents)".into(),
        String::new(),
        report.annotators.join(" "),
        columns(&report.mean_of_documents),
    ));
    // Columns in a fixed order: measures as they come in the first row that has them.
    let mut names: Vec<String> = Vec::new();
    for (_, _, _, cols) in &rows {
        for key in cols.keys() {
            if !names.contains(key) {
                names.push(key.clone());
            }
        }
    }
    names.sort_by_key(|n| (column_rank(n), n.clone()));
    let mut out = String::new();
    let header: Vec<String> = ["article", "text_sha256", "annotators"]
        .iter()
        .map(|s| s.to_string())
        .chain(names.iter().cloned())
        .collect();
    out.push_str(
        &header
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push('\n');
    for (article, sha, annotators, cols) in rows {
        let mut cells = vec![field(&article), field(&sha), field(&annotators)];
        for name in &names {
            cells.push(field(cols.get(name).map_or("", String::as_str)));
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

fn column_rank(name: &str) -> usize {
    const ORDER: [&str; 8] = [
        "alpha_u",
        "kappa_fleiss",
        "alpha_nominal",
        "kappa_cohen",
        "f1_exact",
        "f1_overlap",
        "relations_f1",
        "dropped_overlaps",
    ];
    ORDER
        .iter()
        .position(|p| name.starts_with(p))
        .unwrap_or(ORDER.len())
}

fn columns(m: &Measures) -> BTreeMap<String, String> {
    let cell = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
    let mut cols = BTreeMap::new();
    cols.insert("alpha_u".to_string(), cell(m.alpha_u.overall));
    for (label, v) in &m.alpha_u.labels {
        cols.insert(format!("alpha_u:{label}"), cell(*v));
    }
    for (name, coded) in [
        ("kappa_fleiss", &m.fleiss),
        ("alpha_nominal", &m.alpha_nominal),
    ] {
        cols.insert(name.to_string(), cell(coded.value));
        cols.insert(format!("{name}_used"), coded.counts.used.to_string());
        cols.insert(
            format!("{name}_incomplete"),
            coded.counts.incomplete.to_string(),
        );
        cols.insert(format!("{name}_stacked"), coded.counts.stacked.to_string());
    }
    for pair in &m.cohen {
        cols.insert(
            format!("kappa_cohen:{}|{}", pair.first, pair.second),
            cell(pair.kappa.value),
        );
    }
    for (prefix, map) in [
        ("f1_exact", &m.f1_exact),
        ("f1_overlap", &m.f1_overlap),
        ("relations_f1", &m.relations_f1),
    ] {
        for (label, v) in map {
            cols.insert(format!("{prefix}:{label}"), cell(*v));
        }
    }
    cols.insert("dropped_overlaps".into(), m.dropped_overlaps.to_string());
    cols
}
