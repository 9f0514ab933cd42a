//! Where the annotators disagree: clusters of overlapping same-label spans on which they do
//! not all have the same single span, with every annotator's version and positions (for a
//! view to list and open them).

use std::collections::HashMap;

use crate::model::span::SpanId;

use super::{DocumentWork, Vocabulary, WorkSpan};

/// What kind of disagreement a cluster of overlapping same-label spans is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisagreementKind {
    /// Some annotator has no span of this label here.
    Missing,
    /// Everyone has one span here, but not the same range.
    Boundaries,
    /// Someone has several spans of this label here.
    Split,
}

impl DisagreementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DisagreementKind::Missing => "missing",
            DisagreementKind::Boundaries => "boundaries",
            DisagreementKind::Split => "split",
        }
    }
}

/// One annotator's version of a disagreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub annotator: String,
    /// Their spans of the label here: (id, start, end).
    pub spans: Vec<(SpanId, u64, u64)>,
    /// Their spans of another label at exactly a range of this cluster: (id, label).
    pub other_labels: Vec<(SpanId, String)>,
}

/// A place where the annotators disagree on one label: a cluster of overlapping spans of
/// that label, `[start, end)` covering them all, and every annotator's version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub label: String,
    pub start: u64,
    pub end: u64,
    pub kind: DisagreementKind,
    pub versions: Vec<Version>,
}

/// Clusters of overlapping same-label spans on which the annotators do not all have the same
/// single span, in document order per label.
pub(super) fn find(
    document: &DocumentWork,
    labels: &[u32],
    vocabulary: &Vocabulary,
) -> Vec<Disagreement> {
    let raters = document.annotators.len();
    if raters < 2 {
        return Vec::new();
    }
    // Every span by exact range, to name other labels at the same place.
    let mut at_range: HashMap<(u64, u64), Vec<(usize, &WorkSpan)>> = HashMap::new();
    for (rater, annotator) in document.annotators.iter().enumerate() {
        for span in &annotator.spans {
            at_range
                .entry((span.start, span.end))
                .or_default()
                .push((rater, span));
        }
    }
    let mut out = Vec::new();
    for &label in labels {
        let mut spans: Vec<(usize, &WorkSpan)> = document
            .annotators
            .iter()
            .enumerate()
            .flat_map(|(r, a)| {
                a.spans
                    .iter()
                    .filter(|s| s.label == label)
                    .map(move |s| (r, s))
            })
            .collect();
        spans.sort_unstable_by_key(|(r, s)| (s.start, s.end, *r));
        let mut i = 0;
        while i < spans.len() {
            let mut end = spans[i].1.end;
            let mut j = i + 1;
            while j < spans.len() && spans[j].1.start < end {
                end = end.max(spans[j].1.end);
                j += 1;
            }
            let cluster = &spans[i..j];
            let start = cluster[0].1.start;
            let mut counts = vec![0usize; raters];
            for (r, _) in cluster {
                counts[*r] += 1;
            }
            let same_range = cluster
                .iter()
                .all(|(_, s)| (s.start, s.end) == (cluster[0].1.start, cluster[0].1.end));
            let kind = if counts.contains(&0) {
                Some(DisagreementKind::Missing)
            } else if counts.iter().any(|&c| c > 1) {
                Some(DisagreementKind::Split)
            } else if !same_range {
                Some(DisagreementKind::Boundaries)
            } else {
                None
            };
            if let Some(kind) = kind {
                let versions = document
                    .annotators
                    .iter()
                    .enumerate()
                    .map(|(r, annotator)| {
                        let own: Vec<(SpanId, u64, u64)> = cluster
                            .iter()
                            .filter(|(cr, _)| *cr == r)
                            .map(|(_, s)| (s.span_id, s.start, s.end))
                            .collect();
                        let mut other_labels: Vec<(SpanId, String)> = Vec::new();
                        for (_, s) in cluster {
                            for (or, other) in at_range.get(&(s.start, s.end)).into_iter().flatten()
                            {
                                if *or == r
                                    && other.label != label
                                    && !other_labels.iter().any(|(id, _)| *id == other.span_id)
                                {
                                    other_labels.push((
                                        other.span_id,
                                        vocabulary.labels.name(other.label).to_string(),
                                    ));
                                }
                            }
                        }
                        Version {
                            annotator: annotator.name.clone(),
                            spans: own,
                            other_labels,
                        }
                    })
                    .collect();
                out.push(Disagreement {
                    label: vocabulary.labels.name(label).to_string(),
                    start,
                    end,
                    kind,
                    versions,
                });
            }
            i = j;
        }
    }
    out
}
