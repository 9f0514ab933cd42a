//! Team figures: merging two annotators' 100k-span sets, the three-way merge of the git
//! driver on the same sets, and opening a curation of three annotators' sets of a 100 KB
//! article (read the files, merge, list the disagreements).

use std::time::Instant;

use super::generate::{self, SplitMix64};
use super::{Figure, Options, best_of, ms};
use crate::model::edit::{self, Edit};
use crate::model::set::AnnotationSet;
use crate::model::span::{Span, SpanId};
use crate::team::curation::Curation;
use crate::team::merge::{self, MergeInput, Strategy};
use crate::team::{inputs, three_way};

/// Another annotator's version of `set`: most spans the same, some with other ends, other
/// labels, left out, and some new ones (seeded).
pub fn annotator_variant(set: &AnnotationSet, seed: u64, name: &str) -> AnnotationSet {
    let mut rng = SplitMix64::new(seed);
    let mut out = AnnotationSet::new(set.document.clone(), set.schema.clone());
    out.annotator = Some(name.to_string());
    let len = set.text().char_len();
    let relabel = ["PERSON", "ORG", "GPE", "DATE"];
    let mut spans: Vec<Span> = Vec::with_capacity(set.span_count() + set.span_count() / 50);
    for span in set.spans_ordered() {
        let mut span = span.clone();
        match rng.below(100) {
            0..=2 => continue,
            3..=6 if span.len() > 2 => span.end -= 1,
            7..=9 => span.label = rng.pick(&relabel).to_string(),
            _ => {}
        }
        spans.push(span);
    }
    let mut next = set.span_count() as u64 * 2 + 1;
    for _ in 0..set.span_count() / 50 {
        let start = rng.below(len.saturating_sub(20).max(1));
        spans.push(Span::new(SpanId(next), "EVENT", start..start + 5));
        next += 1;
    }
    for span in spans {
        // A variant that would repeat a label and range is simply not made.
        let _ = edit::apply(&mut out, Edit::AddSpan(span));
    }
    out
}

/// The team figures, appended to `figures`.
pub fn run(
    options: &Options,
    figures: &mut Vec<Figure>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let base = generate::generated_set(options.seed + 12, options.bytes, options.spans);
    let alice = annotator_variant(&base, 1, "alice");
    let bob = annotator_variant(&base, 2, "bob");
    writeln!(
        out,
        "team workload: two annotators' sets of {} and {} spans over a {:.1} MB article (made in {:.1} s)",
        alice.span_count(),
        bob.span_count(),
        base.text().as_str().len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    )?;
    let inputs_two = [
        MergeInput {
            name: "alice".into(),
            source: "alice".into(),
            set: alice,
        },
        MergeInput {
            name: "bob".into(),
            source: "bob".into(),
            set: bob,
        },
    ];
    let (took, merged) = best_of(3, || merge::merge(&inputs_two, Strategy::Unanimous, None));
    let merged = merged?;
    let k = options.spans / 1000;
    figures.push(Figure::new(
        &format!("merge two annotators' {k}k-span sets (unanimous)"),
        format!(
            "{:.0} ms ({} accepted, {} suggestions, {} disagreements)",
            ms(took),
            merged.report.accepted_spans,
            merged.report.suggested_spans,
            merged.report.disagreements
        ),
        "≤ 1 s",
        Some(ms(took) <= 1000.0),
    ));
    drop(merged);
    let (took, three) = best_of(3, || {
        three_way::merge(Some(&base), &inputs_two[0].set, &inputs_two[1].set)
    });
    let three = three?;
    figures.push(Figure::new(
        &format!("three-way merge of two {k}k-span branches (merge driver)"),
        format!(
            "{:.0} ms ({} spans, {} conflicts)",
            ms(took),
            three.set.span_count(),
            three.conflicts.len()
        ),
        "≤ 1 s",
        Some(ms(took) <= 1000.0),
    ));
    drop(three);
    drop(inputs_two);
    drop(base);

    // Opening a curation: three files of a 100 KB article.
    let dir = tempfile::tempdir()?;
    let article = generate::generated_set(options.seed + 13, 100_000, 1_000);
    let mut paths = Vec::new();
    for (seed, name) in [(3, "alice"), (4, "bob"), (5, "carol")] {
        let mut set = annotator_variant(&article, seed, name);
        let path = dir.path().join(format!("article.{name}.json"));
        crate::formats::save_set(&mut set, &path)?;
        paths.push(path);
    }
    let (took, opened) = best_of(5, || -> anyhow::Result<(usize, usize)> {
        let read = inputs::read(&paths, None)?;
        let (curation, gold) = Curation::open(&read.sets, Strategy::Majority, None, None)?;
        let first = curation.next_open(&gold, None);
        let versions = first.map(|d| curation.versions_of(d).map(|v| v.len()));
        std::hint::black_box(versions);
        Ok((curation.disagreements().len(), gold.span_count()))
    });
    let (disagreements, spans) = opened?;
    figures.push(Figure::new(
        "open a curation: 3 annotators' sets of a 100 KB article",
        format!(
            "{:.1} ms (read 3 files, merge, {disagreements} disagreements, {spans} gold spans)",
            ms(took)
        ),
        "≤ 0.5 s",
        Some(ms(took) <= 500.0),
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_differ_a_little_and_the_figures_run() {
        let base = generate::generated_set(3, 20_000, 200);
        let a = annotator_variant(&base, 1, "a");
        let b = annotator_variant(&base, 1, "a");
        assert_eq!(a, b, "seeded");
        let c = annotator_variant(&base, 2, "c");
        assert_ne!(a, c);
        let shared = a
            .spans_unordered()
            .filter(|s| c.find_same(&s.label, s.range()).is_some())
            .count();
        assert!(shared * 10 > a.span_count() * 7, "{shared}");
        let mut figures = Vec::new();
        let options = Options {
            bytes: 20_000,
            spans: 200,
            seed: 1,
        };
        run(&options, &mut figures, &mut Vec::new()).unwrap();
        assert_eq!(figures.len(), 3);
    }
}
