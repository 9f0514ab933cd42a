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

/// One span of a disagreement: whose, which, where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DisagreementSpan {
    /// An index into the document's `annotators`.
    pub annotator: usize,
    pub span_id: SpanId,
    pub start: u64,
    pub end: u64,
}

/// A span of another label at exactly the range of one of the disagreement's spans
/// ("bob called it EVENT").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherLabel {
    pub annotator: usize,
    pub span_id: SpanId,
    pub label: String,
}

/// A place where the annotators disagree on one label: a cluster of overlapping spans of
/// that label, `[start, end)` covering them all, with every annotator's spans there (an
/// annotator with none is one who did not mark it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub label: String,
    pub start: u64,
    pub end: u64,
    pub kind: DisagreementKind,
    /// The label's spans in the cluster, by range then annotator.
    pub spans: Vec<DisagreementSpan>,
    pub other_labels: Vec<OtherLabel>,
}

impl Disagreement {
    /// One annotator's spans of the label here (none: they did not mark it).
    pub fn spans_of(&self, annotator: usize) -> impl Iterator<Item = &DisagreementSpan> + '_ {
        self.spans.iter().filter(move |s| s.annotator == annotator)
    }

    /// One annotator's spans of another label at exactly a range of this cluster.
    pub fn other_labels_of(&self, annotator: usize) -> impl Iterator<Item = &OtherLabel> + '_ {
        self.other_labels
            .iter()
            .filter(move |o| o.annotator == annotator)
    }
}

/// How many places of the text `disagreements` are at: overlapping disagreements (of any
/// labels) are one place. A span one annotator called LOC and another GPE is two
/// disagreements (one per label) at one place: the place is what a curator decides once.
pub fn places(disagreements: &[Disagreement]) -> usize {
    let mut ranges: Vec<(u64, u64)> = disagreements.iter().map(|d| (d.start, d.end)).collect();
    ranges.sort_unstable();
    let mut places = 0;
    let mut end = None;
    for (s, e) in ranges {
        match end {
            Some(current) if s < current => end = Some(e.max(current)),
            _ => {
                places += 1;
                end = Some(e);
            }
        }
    }
    places
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
    // Every span sorted by range (to find other labels at one range by binary search), and
    // the same sorted by label first (each label's spans are then a run, in range order).
    let mut all: Vec<(usize, &WorkSpan)> = document
        .annotators
        .iter()
        .enumerate()
        .flat_map(|(r, a)| a.spans.iter().map(move |s| (r, s)))
        .collect();
    all.sort_unstable_by_key(|(r, s)| (s.start, s.end, *r, s.label));
    let mut by_label = all.clone();
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
            let mut other_labels = Vec::new();
            let mut previous = None;
            for (_, s) in cluster {
                let here = (s.start, s.end);
                if previous == Some(here) {
                    continue;
                }
                previous = Some(here);
                let at = all.partition_point(|(_, o)| (o.start, o.end) < here);
                for (r, other) in all[at..]
                    .iter()
                    .take_while(|(_, o)| (o.start, o.end) == here)
                {
                    if other.label != label {
                        other_labels.push(OtherLabel {
                            annotator: *r,
                            span_id: other.span_id,
                            label: vocabulary.labels.name(other.label).to_string(),
                        });
                    }
                }
            }
            out.push(Disagreement {
                label: vocabulary.labels.name(label).to_string(),
                start: cluster[0].1.start,
                end,
                kind,
                spans: cluster
                    .iter()
                    .map(|(r, s)| DisagreementSpan {
                        annotator: *r,
                        span_id: s.span_id,
                        start: s.start,
                        end: s.end,
                    })
                    .collect(),
                other_labels,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(label: &str, start: u64, end: u64) -> Disagreement {
        Disagreement {
            label: label.into(),
            start,
            end,
            kind: DisagreementKind::Missing,
            spans: Vec::new(),
            other_labels: Vec::new(),
        }
    }

    #[test]
    fn a_label_confusion_is_two_disagreements_at_one_place() {
        let found = [
            at("GPE", 10, 16),
            at("PERSON", 0, 5),
            at("LOC", 10, 16),
            at("ORG", 14, 20),
            at("DATE", 20, 25),
        ];
        assert_eq!(places(&found), 3);
        assert_eq!(places(&[]), 0);
    }
}
