//! Agreement figures: every measure on 1,000 documents × 3 annotators × 100 spans, and α_u on
//! the same spans over a short and a very long text (its time follows the spans, not the
//! text).

use std::time::Instant;

use super::generate::SplitMix64;
use super::{Figure, best_of, ms};
use crate::agreement::{self, AnnotatorWork, DocumentWork, Vocabulary, WorkRelation, WorkSpan};
use crate::model::span::SpanId;

const LABELS: [&str; 6] = ["PERSON", "ORG", "GPE", "DATE", "QUOTE", "CLAIM"];

/// `documents` documents of `length` code points, each with `annotators` annotators of
/// `spans` spans: one base annotation per document that every annotator copies with some
/// spans relabelled, moved or replaced, and `said_by` from each QUOTE to the nearest PERSON.
pub fn workload(
    seed: u64,
    documents: usize,
    annotators: usize,
    spans: usize,
    length: u64,
) -> (Vec<DocumentWork>, Vec<String>, Vocabulary) {
    let mut rng = SplitMix64::new(seed);
    let mut vocabulary = Vocabulary::default();
    let labels: Vec<u32> = LABELS.iter().map(|l| vocabulary.labels.id(l)).collect();
    let said_by = vocabulary.relations.id("said_by");
    let names: Vec<String> = (0..annotators).map(|i| format!("annotator{i}")).collect();
    let random_span = |rng: &mut SplitMix64| {
        let start = rng.below(length.saturating_sub(40).max(1) as usize) as u64;
        let end = (start + 1 + rng.below(30) as u64).min(length);
        (labels[rng.below(labels.len())], start, end)
    };
    let mut out = Vec::with_capacity(documents);
    for d in 0..documents {
        let base: Vec<(u32, u64, u64)> = (0..spans).map(|_| random_span(&mut rng)).collect();
        let mut document = DocumentWork {
            article: format!("doc{d}"),
            text_sha256: format!("{d:064x}"),
            length,
            annotators: Vec::new(),
        };
        for name in &names {
            let mut work = AnnotatorWork {
                name: name.clone(),
                ..Default::default()
            };
            for (i, &(label, start, end)) in base.iter().enumerate() {
                let (label, start, end) = match rng.below(10) {
                    0 => (labels[rng.below(labels.len())], start, end),
                    1 => (label, start, (end + 1).min(length)),
                    2 => random_span(&mut rng),
                    _ => (label, start, end),
                };
                work.spans.push(WorkSpan {
                    span_id: SpanId(i as u64 + 1),
                    label,
                    start,
                    end,
                });
            }
            let people: Vec<usize> = (0..work.spans.len())
                .filter(|&i| work.spans[i].label == labels[0])
                .collect();
            for (from, span) in work.spans.iter().enumerate() {
                if span.label != labels[4] {
                    continue;
                }
                if let Some(&to) = people
                    .iter()
                    .min_by_key(|&&p| work.spans[p].start.abs_diff(span.start))
                {
                    work.relations.push(WorkRelation {
                        label: said_by,
                        from,
                        to,
                    });
                }
            }
            document.annotators.push(work);
        }
        out.push(document);
    }
    (out, names, vocabulary)
}

/// The agreement figures.
pub fn figures(out: &mut dyn std::io::Write) -> anyhow::Result<Vec<Figure>> {
    let mut figures = Vec::new();
    let (documents, names, vocabulary) = workload(2026, 1000, 3, 100, 5_000);
    let started = Instant::now();
    let report = agreement::measure(&documents, &names, &vocabulary);
    let first = started.elapsed();
    let (took, _) = best_of(3, || agreement::measure(&documents, &names, &vocabulary));
    writeln!(
        out,
        "agreement: {} documents, pooled α_u {:?}, first run {:.0} ms",
        report.documents.len(),
        report.pooled.alpha_u.overall,
        ms(first)
    )?;
    figures.push(Figure::new(
        "all agreement measures, 1,000 documents × 3 annotators × 100 spans",
        format!("{:.0} ms", ms(took)),
        "≤ 2 s",
        Some(took.as_secs_f64() <= 2.0),
    ));

    // α_u alone on the same 300 spans over 10 k and 10 M code points.
    let mut times = Vec::new();
    for length in [10_000u64, 10_000_000] {
        let (documents, _, vocabulary) = workload(7, 1, 3, 100, 10_000);
        let mut document = documents.into_iter().next().unwrap_or_default();
        document.length = length;
        let (took, _) = best_of(20, || {
            agreement::measure_one(&document, &vocabulary)
                .measures
                .alpha_u
                .overall
        });
        times.push(took);
    }
    let (short, long) = (ms(times[0]), ms(times[1]));
    figures.push(Figure::new(
        "one document, 3 × 100 spans, all measures: 10 k vs 10 M code points of text",
        format!("{short:.2} ms vs {long:.2} ms"),
        "the same (time follows the spans)",
        Some(long <= short * 2.0 + 0.5),
    ));
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workload_has_the_stated_shape_and_every_measure_is_defined() {
        let (documents, names, vocabulary) = workload(1, 4, 3, 100, 5_000);
        assert_eq!(documents.len(), 4);
        for document in &documents {
            assert_eq!(document.annotators.len(), 3);
            for annotator in &document.annotators {
                assert_eq!(annotator.spans.len(), 100);
                assert!(
                    annotator
                        .spans
                        .iter()
                        .all(|s| s.start < s.end && s.end <= 5_000)
                );
            }
        }
        let report = agreement::measure(&documents, &names, &vocabulary);
        let pooled = &report.pooled;
        assert!(pooled.alpha_u.overall.is_some_and(|a| a > 0.0 && a < 1.0));
        assert!(pooled.fleiss.value.is_some() && pooled.alpha_nominal.value.is_some());
        assert_eq!(pooled.cohen.len(), 3);
        assert!(pooled.relations_f1["said_by"].is_some());
        assert!(report.pooled_alpha_u_left_out.is_empty());
    }
}
