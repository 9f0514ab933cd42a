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
mod corpus;
pub mod disagreements;
pub mod f1;
pub mod input;
pub mod json;
pub mod unitizing;

use std::collections::{BTreeMap, HashMap};

use crate::model::set::AnnotationSet;
use crate::model::span::SpanId;

use coding::Coded;
use corpus::{F1Counts, Pool, f1_values, pair_key};
pub use disagreements::{Disagreement, DisagreementKind, Version};
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
    report.pooled = corpus::pooled(&pool, vocabulary);
    report.mean_of_documents = corpus::mean_of(&report.documents);
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
    result.measures.f1_exact = f1_values(&exact, &vocabulary.labels);
    result.measures.f1_overlap = f1_values(&overlap, &vocabulary.labels);
    result.measures.relations_f1 = f1_values(&relations, &vocabulary.relations);
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

    result.disagreements = disagreements::find(document, &labels, vocabulary);
    result
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
