//! Where the annotators disagree: clusters of overlapping same-label spans on which they do
//! not all have the same single span, with every annotator's version and positions (for a
//! view to list and open them).

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
    /// The annotator: an index into the document's `annotators`.
    pub annotator: usize,
    /// Their spans of the label here: (id, start, end). Empty: they have none.
    pub spans: Vec<(SpanId, u64, u64)>,
    /// Their spans of another label at exactly a range of this cluster: (id, label).
    pub other_labels: Vec<(SpanId, String)>,
}

/// A place where the annotators disagree on one label: a cluster of overlapping spans of
/// that label, `[start, end)` covering them all, and every annotator's version (one per
/// annotator, in the document's order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub label: String,
    pub start: u64,
    pub end: u64,
    pub kind: DisagreementKind,
    pub versions: Vec<Version>,
}

/// Clusters of overlapping same-label spans on which the annotators do not all have the same
/// single span, in document order per label (labels in `labels`' order).
pub(super) fn find(
    document: &DocumentWork,
    labels: &[u32],
    vocabulary: &Vocabulary,
) -> Vec<Disagreement> {
    let raters = document.annotators.len();
    if raters < 2 {
        return Vec::new();
    }
    // Every span (rater, span) sorted by range then label: the spans of one label are a
    // run of it after a stable sort by label, and other labels at one range are found by
    // binary search.
    let mut all: Vec<(usize, &WorkSpan)> = document
        .annotators
        .iter()
        .enumerate()
        .flat_map(|(r, a)| a.spans.iter().map(move |s| (r, s)))
        .collect();
    all.sort_unstable_by_key(|(r, s)| (s.start, s.end, *r, s.label));
    let mut by_label: Vec<(usize, &WorkSpan)> = all.clone();
    by_label.sort_by_key(|(_, s)| s.label);
    let mut out = Vec::new();
    let mut counts = vec![0usize; raters];
    for &label in labels {
        let first = by_label.partition_point(|(_, s)| s.label < label);
        let last = by_label.partition_point(|(_, s)| s.label <= label);
        let spans = &by_label[first..last];
        let mut i = 0;
        while i < spans.len() {
            let mut end = spans[i].1.end;
            let mut j = i + 1;
            while j < spans.len() && spans[j].1.start < end {
                end = end.max(spans[j].1.end);
                j += 1;
            }
            let cluster = &spans[i..j];
            i = j;
            counts.iter_mut().for_each(|c| *c = 0);
            for (r, _) in cluster {
                counts[*r] += 1;
            }
            let range = (cluster[0].1.start, cluster[0].1.end);
            let kind = if counts.contains(&0) {
                DisagreementKind::Missing
            } else if counts.iter().any(|&c| c > 1) {
                DisagreementKind::Split
            } else if cluster.iter().any(|(_, s)| (s.start, s.end) != range) {
                DisagreementKind::Boundaries
            } else {
                continue;
            };
            let versions = (0..raters)
                .map(|r| {
                    let mut version = Version {
                        annotator: r,
                        spans: Vec::new(),
                        other_labels: Vec::new(),
                    };
                    for (cr, s) in cluster {
                        if *cr == r {
                            version.spans.push((s.span_id, s.start, s.end));
                        }
                    }
                    // Another label of this annotator at exactly a range of the cluster.
                    for (_, s) in cluster {
                        let at = all.partition_point(|(_, o)| (o.start, o.end) < (s.start, s.end));
                        for (or, other) in all[at..]
                            .iter()
                            .take_while(|(_, o)| (o.start, o.end) == (s.start, s.end))
                        {
                            if *or == r
                                && other.label != label
                                && !version
                                    .other_labels
                                    .iter()
                                    .any(|(id, _)| *id == other.span_id)
                            {
                                version.other_labels.push((
                                    other.span_id,
                                    vocabulary.labels.name(other.label).to_string(),
                                ));
                            }
                        }
                    }
                    version
                })
                .collect();
            out.push(Disagreement {
                label: vocabulary.labels.name(label).to_string(),
                start: cluster[0].1.start,
                end,
                kind,
                versions,
            });
        }
    }
    out
}
