//! Inter-annotator agreement: several annotators' sets of one article compared, per document
//! and over a corpus. No I/O here except in [`input`] (finding, reading and grouping sets).
//!
//! - [`unitizing`]: Krippendorff's α_u exactly as DKPro Statistics, INCEpTION's reduction of
//!   overlapping same-label spans
//! - [`coding`]: Cohen's κ, Fleiss' κ and Krippendorff's α (nominal) on exact positions
//! - [`f1`]: one-to-one span matching (exact, overlap) and F1
//! - [`input`]: sets found, read, named and grouped by text, with every problem named
//! - [`json`]: the report as `newsmark agree --json` prints it
//!
//! The entry point is [`measure`]: documents in ([`DocumentWork`], one [`AnnotatorWork`] per
//! annotator), an [`AgreementReport`] out, with per-document results, the corpus figure pooled
//! and as the mean over documents, and each document's disagreements with their positions.

pub mod coding;
pub mod f1;
pub mod input;
pub mod json;
pub mod unitizing;

use std::collections::{BTreeMap, HashMap};

use crate::model::set::AnnotationSet;
use crate::model::span::SpanId;

use coding::{Coded, ItemCounts};
use unitizing::{LabelledRange, UnitizingStudy};

/// Names interned as small numbers (labels, relation types), so the measures compare
/// integers.
#[derive(Clone, Debug, Default)]
pub struct Names {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Names {
    pub fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.index.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), id);
        id
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("?", String::as_str)
    }
}

/// The span labels and relation types of a study.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    pub labels: Names,
    pub relations: Names,
}

/// One span as the measures see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkSpan {
    pub span_id: SpanId,
    pub label: u32,
    pub start: u64,
    pub end: u64,
}

/// One relation: its type and its ends (indexes into the annotator's spans).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkRelation {
    pub label: u32,
    pub from: usize,
    pub to: usize,
}

/// One annotator's accepted work on a document.
#[derive(Clone, Debug, Default)]
pub struct AnnotatorWork {
    pub name: String,
    pub spans: Vec<WorkSpan>,
    pub relations: Vec<WorkRelation>,
    /// Suggestions awaiting review, left out of every measure (spans, relations).
    pub suggestions_left_out: (usize, usize),
}

impl AnnotatorWork {
    /// An annotator's accepted spans and relations from a set. Suggestions still awaiting
    /// review are not the annotator's judgement: they are counted, not measured.
    pub fn from_set(name: &str, set: &AnnotationSet, vocabulary: &mut Vocabulary) -> Self {
        let mut work = AnnotatorWork {
            name: name.to_string(),
            ..Default::default()
        };
        let mut index_of: HashMap<SpanId, usize> = HashMap::new();
        for span in set.spans_ordered() {
            if !span.review.is_accepted() {
                work.suggestions_left_out.0 += 1;
                continue;
            }
            index_of.insert(span.id, work.spans.len());
            work.spans.push(WorkSpan {
                span_id: span.id,
                label: vocabulary.labels.id(&span.label),
                start: span.start as u64,
                end: span.end as u64,
            });
        }
        for relation in set.relations() {
            let ends = (index_of.get(&relation.from), index_of.get(&relation.to));
            match ends {
                (Some(&from), Some(&to)) if relation.review.is_accepted() => {
                    work.relations.push(WorkRelation {
                        label: vocabulary.relations.id(&relation.label),
                        from,
                        to,
                    })
                }
                _ => work.suggestions_left_out.1 += 1,
            }
        }
        work
    }
}

/// One article: its text's identity and length (code points) and each annotator's work.
#[derive(Clone, Debug, Default)]
pub struct DocumentWork {
    pub article: String,
    pub text_sha256: String,
    pub length: u64,
    pub annotators: Vec<AnnotatorWork>,
}

/// α_u overall and per label.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlphaU {
    pub overall: Option<f64>,
    pub labels: BTreeMap<String, Option<f64>>,
}

/// Cohen's κ of one pair of annotators.
#[derive(Clone, Debug, PartialEq)]
pub struct PairKappa {
    pub first: String,
    pub second: String,
    pub kappa: Coded,
}

/// Every measure, for a document or for the corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measures {
    pub alpha_u: AlphaU,
    pub cohen: Vec<PairKappa>,
    pub fleiss: Coded,
    pub alpha_nominal: Coded,
    /// Pairwise span F1 per label (pooled over annotator pairs: 2·Σmatched / Σ(|a| + |b|)).
    pub f1_exact: BTreeMap<String, Option<f64>>,
    pub f1_overlap: BTreeMap<String, Option<f64>>,
    /// Relation F1 per relation type: type and both ends' spans (label and range) equal.
    pub relations_f1: BTreeMap<String, Option<f64>>,
    /// Spans α_u left out (INCEpTION's reduction of overlapping same-label spans).
    pub dropped_overlaps: usize,
}

/// A span α_u left out: it overlaps an earlier or longer span of the same label by the same
/// annotator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DroppedSpan {
    pub annotator: String,
    pub span_id: SpanId,
    pub label: String,
    pub start: u64,
    pub end: u64,
}

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

/// One document's results.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentAgreement {
    pub article: String,
    pub text_sha256: String,
    pub annotators: Vec<String>,
    pub measures: Measures,
    pub dropped: Vec<DroppedSpan>,
    pub disagreements: Vec<Disagreement>,
    /// Suggestions awaiting review left out, per annotator (spans, relations).
    pub suggestions_left_out: Vec<(String, usize, usize)>,
}

/// The corpus: every document, and the corpus figure pooled and as the mean over documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgreementReport {
    pub annotators: Vec<String>,
    pub documents: Vec<DocumentAgreement>,
    /// All documents as one study: α_u over their continua laid end to end; κ, α and F1
    /// over all their items, pairs and spans.
    pub pooled: Measures,
    /// The mean of each document's figure, over the documents where it is defined.
    pub mean_of_documents: Measures,
    /// Documents left out of the pooled α_u because not every annotator has a set there
    /// (α_u needs the same raters over the whole continuum).
    pub pooled_alpha_u_left_out: Vec<String>,
}

/// Counts behind an F1: matched spans and the sizes of both sides.
#[derive(Clone, Copy, Debug, Default)]
struct F1Counts {
    matched: usize,
    total: usize,
}

impl F1Counts {
    fn add(&mut self, matched: usize, a: usize, b: usize) {
        self.matched += matched;
        self.total += a + b;
    }

    fn value(&self) -> Option<f64> {
        f1::f1(self.matched, self.total, 0)
    }
}

/// What a document adds to the pooled corpus figures.
#[derive(Default)]
struct Pool {
    alpha_u: Option<UnitizingStudy>,
    offset: u64,
    cohen: BTreeMap<(String, String), (Vec<Vec<Option<u32>>>, ItemCounts)>,
    fleiss: (Vec<Vec<Option<u32>>>, ItemCounts),
    alpha_nominal: (Vec<Vec<Option<u32>>>, ItemCounts),
    f1_exact: BTreeMap<u32, F1Counts>,
    f1_overlap: BTreeMap<u32, F1Counts>,
    relations: BTreeMap<u32, F1Counts>,
    dropped: usize,
}

/// Measure every document and the corpus. `annotators` is the corpus's list of annotators
/// (the pooled α_u takes the documents where all of them have a set).
pub fn measure(
    documents: &[DocumentWork],
    annotators: &[String],
    vocabulary: &Vocabulary,
) -> AgreementReport {
    let mut pool = Pool {
        alpha_u: Some(UnitizingStudy::new(annotators.len(), 0, 0)),
        ..Default::default()
    };
    let mut report = AgreementReport {
        annotators: annotators.to_vec(),
        ..Default::default()
    };
    for document in documents {
        // Where each of this document's annotators sits in the corpus list; `None` unless
        // the document has exactly the corpus's annotators.
        let found: Option<Vec<usize>> = document
            .annotators
            .iter()
            .map(|a| annotators.iter().position(|c| *c == a.name))
            .collect();
        let corpus_index = found.filter(|f| f.len() == annotators.len());
        if corpus_index.is_none() {
            report
                .pooled_alpha_u_left_out
                .push(document.article.clone());
        }
        report.documents.push(measure_document(
            document,
            vocabulary,
            corpus_index.as_deref(),
            &mut pool,
        ));
    }
    report.pooled = pooled(&pool, vocabulary);
    report.mean_of_documents = mean_of(&report.documents);
    report
}

/// Measure one document alone (no corpus).
pub fn measure_one(document: &DocumentWork, vocabulary: &Vocabulary) -> DocumentAgreement {
    measure_document(document, vocabulary, None, &mut Pool::default())
}

/// Measure a document and add it to `pool`; its α_u units join the pooled continuum only
/// with `corpus_index` (each annotator's place in the corpus list).
fn measure_document(
    document: &DocumentWork,
    vocabulary: &Vocabulary,
    corpus_index: Option<&[usize]>,
    pool: &mut Pool,
) -> DocumentAgreement {
    let raters = document.annotators.len();
    let names: Vec<String> = document.annotators.iter().map(|a| a.name.clone()).collect();
    let label_name = |id: u32| vocabulary.labels.name(id).to_string();
    let mut result = DocumentAgreement {
        article: document.article.clone(),
        text_sha256: document.text_sha256.clone(),
        annotators: names.clone(),
        ..Default::default()
    };
    for annotator in &document.annotators {
        let (spans, relations) = annotator.suggestions_left_out;
        if spans + relations > 0 {
            result
                .suggestions_left_out
                .push((annotator.name.clone(), spans, relations));
        }
    }

    // α_u, after INCEpTION's reduction.
    let mut study = UnitizingStudy::new(raters, 0, document.length);
    for (rater, annotator) in document.annotators.iter().enumerate() {
        let ranges: Vec<LabelledRange> = annotator
            .spans
            .iter()
            .map(|s| LabelledRange {
                category: s.label,
                begin: s.start,
                end: s.end,
            })
            .collect();
        let kept = unitizing::reduce_overlaps(&ranges);
        for (span, keep) in annotator.spans.iter().zip(kept) {
            if keep {
                study.add_unit(span.start, span.end - span.start, rater, span.label);
                if let (Some(pooled), Some(index)) = (pool.alpha_u.as_mut(), corpus_index) {
                    pooled.add_unit(
                        pool.offset + span.start,
                        span.end - span.start,
                        index[rater],
                        span.label,
                    );
                }
            } else {
                result.dropped.push(DroppedSpan {
                    annotator: annotator.name.clone(),
                    span_id: span.span_id,
                    label: label_name(span.label),
                    start: span.start,
                    end: span.end,
                });
            }
        }
    }
    if let (Some(pooled), Some(_)) = (pool.alpha_u.as_mut(), corpus_index) {
        pool.offset += document.length;
        pooled.length = pool.offset;
    }
    let alpha_u = study.agreement();
    result.measures.alpha_u = AlphaU {
        overall: alpha_u.overall,
        labels: alpha_u
            .categories
            .iter()
            .map(|(c, a)| (label_name(*c), a.alpha))
            .collect(),
    };
    result.measures.dropped_overlaps = result.dropped.len();
    pool.dropped += result.dropped.len();

    // Coding measures on exact positions.
    let per_rater: Vec<Vec<(u64, u64, u32)>> = document
        .annotators
        .iter()
        .map(|a| a.spans.iter().map(|s| (s.start, s.end, s.label)).collect())
        .collect();
    let positions = coding::positions(&per_rater);
    for first in 0..raters {
        for second in first + 1..raters {
            let (rows, counts) = coding::items(&positions, &[first, second], true);
            result.measures.cohen.push(PairKappa {
                first: names[first].clone(),
                second: names[second].clone(),
                kappa: Coded {
                    value: coding::cohen_kappa(&rows),
                    counts,
                },
            });
            let key = pair_key(&names[first], &names[second]);
            let entry = pool.cohen.entry(key).or_default();
            entry.0.extend(rows);
            entry.1.add(&counts);
        }
    }
    let everyone: Vec<usize> = (0..raters).collect();
    if raters >= 2 {
        let (rows, counts) = coding::items(&positions, &everyone, true);
        result.measures.fleiss = Coded {
            value: coding::fleiss_kappa(&rows),
            counts,
        };
        pool.fleiss.0.extend(rows);
        pool.fleiss.1.add(&counts);
        let (rows, counts) = coding::items(&positions, &everyone, false);
        result.measures.alpha_nominal = Coded {
            value: coding::krippendorff_alpha_nominal(&rows),
            counts,
        };
        pool.alpha_nominal.0.extend(rows);
        pool.alpha_nominal.1.add(&counts);
    }

    // Span and relation F1 over every pair.
    let mut exact: BTreeMap<u32, F1Counts> = BTreeMap::new();
    let mut overlap: BTreeMap<u32, F1Counts> = BTreeMap::new();
    let mut relations: BTreeMap<u32, F1Counts> = BTreeMap::new();
    let by_label: Vec<BTreeMap<u32, Vec<f1::Interval>>> = document
        .annotators
        .iter()
        .map(|a| {
            let mut map: BTreeMap<u32, Vec<f1::Interval>> = BTreeMap::new();
            for (index, s) in a.spans.iter().enumerate() {
                map.entry(s.label).or_default().push(f1::Interval {
                    start: s.start,
                    end: s.end,
                    index,
                });
            }
            map
        })
        .collect();
    let relation_keys: Vec<BTreeMap<u32, Vec<RelationKey>>> =
        document.annotators.iter().map(relation_keys).collect();
    let mut labels: Vec<u32> = by_label.iter().flat_map(|m| m.keys().copied()).collect();
    labels.sort_unstable();
    labels.dedup();
    let mut relation_types: Vec<u32> = relation_keys
        .iter()
        .flat_map(|m| m.keys().copied())
        .collect();
    relation_types.sort_unstable();
    relation_types.dedup();
    let empty = Vec::new();
    for first in 0..raters {
        for second in first + 1..raters {
            for &label in &labels {
                let a = by_label[first].get(&label).unwrap_or(&empty);
                let b = by_label[second].get(&label).unwrap_or(&empty);
                let matched = f1::match_exact(a, b).pairs.len();
                exact
                    .entry(label)
                    .or_default()
                    .add(matched, a.len(), b.len());
                let matched = f1::match_overlap(a, b).pairs.len();
                overlap
                    .entry(label)
                    .or_default()
                    .add(matched, a.len(), b.len());
            }
            for &kind in &relation_types {
                let none = Vec::new();
                let a = relation_keys[first].get(&kind).unwrap_or(&none);
                let b = relation_keys[second].get(&kind).unwrap_or(&none);
                relations
                    .entry(kind)
                    .or_default()
                    .add(multiset_common(a, b), a.len(), b.len());
            }
        }
    }
    let values = |map: &BTreeMap<u32, F1Counts>, names: &Names| -> BTreeMap<String, Option<f64>> {
        map.iter()
            .map(|(k, c)| (names.name(*k).to_string(), c.value()))
            .collect()
    };
    result.measures.f1_exact = values(&exact, &vocabulary.labels);
    result.measures.f1_overlap = values(&overlap, &vocabulary.labels);
    result.measures.relations_f1 = values(&relations, &vocabulary.relations);
    for (map, pooled) in [
        (&exact, &mut pool.f1_exact),
        (&overlap, &mut pool.f1_overlap),
        (&relations, &mut pool.relations),
    ] {
        for (k, c) in map {
            let entry = pooled.entry(*k).or_default();
            entry.matched += c.matched;
            entry.total += c.total;
        }
    }

    result.disagreements = disagreements(document, &labels, vocabulary);
    result
}

/// A pair's key, in a stable order.
fn pair_key(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// A relation by what it links: (from label, start, end, to label, start, end).
type RelationKey = (u32, u64, u64, u32, u64, u64);

fn relation_keys(annotator: &AnnotatorWork) -> BTreeMap<u32, Vec<RelationKey>> {
    let mut map: BTreeMap<u32, Vec<RelationKey>> = BTreeMap::new();
    for relation in &annotator.relations {
        let (Some(from), Some(to)) = (
            annotator.spans.get(relation.from),
            annotator.spans.get(relation.to),
        ) else {
            continue;
        };
        map.entry(relation.label)
            .or_default()
            .push((from.label, from.start, from.end, to.label, to.start, to.end));
    }
    for keys in map.values_mut() {
        keys.sort_unstable();
    }
    map
}

/// The size of the multiset intersection of two sorted lists.
fn multiset_common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// Clusters of overlapping same-label spans on which the annotators do not all have the same
/// single span, in document order per label.
fn disagreements(
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

/// The pooled corpus figures.
fn pooled(pool: &Pool, vocabulary: &Vocabulary) -> Measures {
    let mut measures = Measures::default();
    if let Some(study) = &pool.alpha_u {
        let result = study.agreement();
        measures.alpha_u = AlphaU {
            overall: result.overall,
            labels: result
                .categories
                .iter()
                .map(|(c, a)| (vocabulary.labels.name(*c).to_string(), a.alpha))
                .collect(),
        };
    }
    measures.cohen = pool
        .cohen
        .iter()
        .map(|((a, b), (rows, counts))| PairKappa {
            first: a.clone(),
            second: b.clone(),
            kappa: Coded {
                value: coding::cohen_kappa(rows),
                counts: *counts,
            },
        })
        .collect();
    measures.fleiss = Coded {
        value: coding::fleiss_kappa(&pool.fleiss.0),
        counts: pool.fleiss.1,
    };
    measures.alpha_nominal = Coded {
        value: coding::krippendorff_alpha_nominal(&pool.alpha_nominal.0),
        counts: pool.alpha_nominal.1,
    };
    let values = |map: &BTreeMap<u32, F1Counts>, names: &Names| -> BTreeMap<String, Option<f64>> {
        map.iter()
            .map(|(k, c)| (names.name(*k).to_string(), c.value()))
            .collect()
    };
    measures.f1_exact = values(&pool.f1_exact, &vocabulary.labels);
    measures.f1_overlap = values(&pool.f1_overlap, &vocabulary.labels);
    measures.relations_f1 = values(&pool.relations, &vocabulary.relations);
    measures.dropped_overlaps = pool.dropped;
    measures
}

/// The mean over documents of each figure, where defined; counts are summed.
fn mean_of(documents: &[DocumentAgreement]) -> Measures {
    fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
        let (sum, count) = values
            .flatten()
            .fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
        (count > 0).then(|| sum / count as f64)
    }
    fn mean_map(
        documents: &[DocumentAgreement],
        get: impl Fn(&Measures) -> &BTreeMap<String, Option<f64>>,
    ) -> BTreeMap<String, Option<f64>> {
        let mut keys: Vec<&String> = documents
            .iter()
            .flat_map(|d| get(&d.measures).keys())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys.into_iter()
            .map(|k| {
                let value = mean(
                    documents
                        .iter()
                        .map(|d| get(&d.measures).get(k).copied().flatten()),
                );
                (k.clone(), value)
            })
            .collect()
    }
    fn coded(documents: &[DocumentAgreement], get: impl Fn(&Measures) -> &Coded) -> Coded {
        let mut counts = ItemCounts::default();
        for d in documents {
            counts.add(&get(&d.measures).counts);
        }
        Coded {
            value: mean(documents.iter().map(|d| get(&d.measures).value)),
            counts,
        }
    }
    let mut measures = Measures {
        alpha_u: AlphaU {
            overall: mean(documents.iter().map(|d| d.measures.alpha_u.overall)),
            labels: mean_map(documents, |m| &m.alpha_u.labels),
        },
        fleiss: coded(documents, |m| &m.fleiss),
        alpha_nominal: coded(documents, |m| &m.alpha_nominal),
        f1_exact: mean_map(documents, |m| &m.f1_exact),
        f1_overlap: mean_map(documents, |m| &m.f1_overlap),
        relations_f1: mean_map(documents, |m| &m.relations_f1),
        dropped_overlaps: documents.iter().map(|d| d.measures.dropped_overlaps).sum(),
        ..Default::default()
    };
    let mut pairs: BTreeMap<(String, String), Vec<&Coded>> = BTreeMap::new();
    for d in documents {
        for pair in &d.measures.cohen {
            pairs
                .entry(pair_key(&pair.first, &pair.second))
                .or_default()
                .push(&pair.kappa);
        }
    }
    measures.cohen = pairs
        .into_iter()
        .map(|((first, second), values)| {
            let mut counts = ItemCounts::default();
            for v in &values {
                counts.add(&v.counts);
            }
            PairKappa {
                first,
                second,
                kappa: Coded {
                    value: mean(values.iter().map(|v| v.value)),
                    counts,
                },
            }
        })
        .collect();
    measures
}
