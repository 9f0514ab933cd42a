//! The corpus figures: every document's items, pairs and spans pooled into one study, and
//! the mean of the documents' figures.

use std::collections::BTreeMap;

use super::coding::{self, Coded, ItemCounts};
use super::unitizing::UnitizingStudy;
use super::{AlphaU, DocumentAgreement, Measures, Names, PairKappa, Vocabulary, f1};

/// Counts behind an F1: matched spans and the sizes of both sides.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct F1Counts {
    pub(super) matched: usize,
    pub(super) total: usize,
}

impl F1Counts {
    pub(super) fn add(&mut self, matched: usize, a: usize, b: usize) {
        self.matched += matched;
        self.total += a + b;
    }

    pub(super) fn value(&self) -> Option<f64> {
        f1::f1(self.matched, self.total, 0)
    }
}

/// What a document adds to the pooled corpus figures.
#[derive(Default)]
pub(super) struct Pool {
    pub(super) alpha_u: Option<UnitizingStudy>,
    pub(super) offset: u64,
    pub(super) cohen: BTreeMap<(String, String), (Vec<Vec<Option<u32>>>, ItemCounts)>,
    pub(super) fleiss: (Vec<Vec<Option<u32>>>, ItemCounts),
    pub(super) alpha_nominal: (Vec<Vec<Option<u32>>>, ItemCounts),
    pub(super) f1_exact: BTreeMap<u32, F1Counts>,
    pub(super) f1_overlap: BTreeMap<u32, F1Counts>,
    pub(super) relations: BTreeMap<u32, F1Counts>,
    pub(super) dropped: usize,
}

/// A pair's key, in a stable order.
pub(super) fn pair_key(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// F1 values by name from their counts.
pub(super) fn f1_values(
    map: &BTreeMap<u32, F1Counts>,
    names: &Names,
) -> BTreeMap<String, Option<f64>> {
    map.iter()
        .map(|(k, c)| (names.name(*k).to_string(), c.value()))
        .collect()
}

/// The pooled corpus figures.
pub(super) fn pooled(pool: &Pool, vocabulary: &Vocabulary) -> Measures {
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
    measures.f1_exact = f1_values(&pool.f1_exact, &vocabulary.labels);
    measures.f1_overlap = f1_values(&pool.f1_overlap, &vocabulary.labels);
    measures.relations_f1 = f1_values(&pool.relations, &vocabulary.relations);
    measures.dropped_overlaps = pool.dropped;
    measures
}

/// The mean over documents of each figure, where defined; counts are summed.
pub(super) fn mean_of(documents: &[DocumentAgreement]) -> Measures {
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
