//! Coding measures on exact positions, built as INCEpTION builds its coding studies: one item
//! per exact position `[start, end)` that some annotator marked, its value each annotator's
//! label there. An annotator without a span at the position leaves the item *incomplete*; an
//! annotator with two or more labels at it makes it *stacked*, and stacked items are left out
//! of every measure. Cohen's κ and Fleiss' κ use complete items only; Krippendorff's α takes
//! incomplete items with the missing values (INCEpTION's default), as α is made to.
//!
//! The formulas are DKPro Statistics' `CohenKappaAgreement`, `FleissKappaAgreement` and
//! `KrippendorffAlphaAgreement` with the nominal distance. Undefined cases (no item, a single
//! category) are `None`; INCEpTION shows 1.0 for a single category, DKPro throws.

use std::collections::BTreeMap;

/// One annotator's values at one position: none, one label, or several (stacked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Missing,
    Label(u32),
    Stacked(Vec<u32>),
}

/// A position and every annotator's cell there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub start: u64,
    pub end: u64,
    pub cells: Vec<Cell>,
}

/// Build the positions of a document from each annotator's `(start, end, label)` spans.
/// Exact duplicates (same label, same range, same annotator) count once.
pub fn positions(per_rater: &[Vec<(u64, u64, u32)>]) -> Vec<Position> {
    let mut all: Vec<(u64, u64, usize, u32)> = per_rater
        .iter()
        .enumerate()
        .flat_map(|(r, spans)| spans.iter().map(move |&(s, e, c)| (s, e, r, c)))
        .collect();
    all.sort_unstable();
    all.dedup();
    let mut out: Vec<Position> = Vec::new();
    for (start, end, rater, label) in all {
        let new = out.last().is_none_or(|p| (p.start, p.end) != (start, end));
        if new {
            out.push(Position {
                start,
                end,
                cells: vec![Cell::Missing; per_rater.len()],
            });
        }
        let Some(position) = out.last_mut() else {
            continue;
        };
        let cell = &mut position.cells[rater];
        *cell = match std::mem::replace(cell, Cell::Missing) {
            Cell::Missing => Cell::Label(label),
            Cell::Label(first) => Cell::Stacked(vec![first, label]),
            Cell::Stacked(mut labels) => {
                labels.push(label);
                Cell::Stacked(labels)
            }
        };
    }
    out
}

/// How a set of raters' positions were used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemCounts {
    /// Positions at least one of the raters marked.
    pub positions: usize,
    /// Items the measure used.
    pub used: usize,
    /// Positions some rater did not mark (and no rater stacked).
    pub incomplete: usize,
    /// Positions where a rater put two or more labels (left out).
    pub stacked: usize,
}

impl ItemCounts {
    pub fn add(&mut self, other: &ItemCounts) {
        self.positions += other.positions;
        self.used += other.used;
        self.incomplete += other.incomplete;
        self.stacked += other.stacked;
    }
}

/// A measure's value (`None`: undefined) with the items behind it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Coded {
    pub value: Option<f64>,
    pub counts: ItemCounts,
}

/// The items of `raters` (indexes into each position's cells): rows of labels, `None` for
/// missing, with counts. Complete-only when `complete` is true.
pub fn items(
    positions: &[Position],
    raters: &[usize],
    complete: bool,
) -> (Vec<Vec<Option<u32>>>, ItemCounts) {
    let mut counts = ItemCounts::default();
    let mut rows = Vec::new();
    for position in positions {
        let cells: Vec<&Cell> = raters.iter().map(|&r| &position.cells[r]).collect();
        if cells.iter().all(|c| **c == Cell::Missing) {
            continue;
        }
        counts.positions += 1;
        if cells.iter().any(|c| matches!(c, Cell::Stacked(_))) {
            counts.stacked += 1;
            continue;
        }
        let row: Vec<Option<u32>> = cells
            .iter()
            .map(|c| match c {
                Cell::Label(l) => Some(*l),
                _ => None,
            })
            .collect();
        if row.iter().any(Option::is_none) {
            counts.incomplete += 1;
            if complete {
                continue;
            }
        }
        counts.used += 1;
        rows.push(row);
    }
    (rows, counts)
}

fn distinct(rows: &[Vec<Option<u32>>]) -> usize {
    let mut seen: Vec<u32> = rows.iter().flatten().flatten().copied().collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// How often each label occurs in a row (a few raters: a short list beats a map).
fn count_labels(row: &[Option<u32>], counts: &mut Vec<(u32, usize)>) {
    counts.clear();
    for &label in row.iter().flatten() {
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, count)) => *count += 1,
            None => counts.push((label, 1)),
        }
    }
}

/// Cohen's κ of two raters over complete items (rows of two labels).
pub fn cohen_kappa(rows: &[Vec<Option<u32>>]) -> Option<f64> {
    if rows.is_empty() || distinct(rows) < 2 {
        return None;
    }
    let n = rows.len() as f64;
    let mut agree = 0usize;
    let mut marginals: BTreeMap<u32, [usize; 2]> = BTreeMap::new();
    for row in rows {
        let (Some(a), Some(b)) = (row[0], row[1]) else {
            continue;
        };
        if a == b {
            agree += 1;
        }
        marginals.entry(a).or_default()[0] += 1;
        marginals.entry(b).or_default()[1] += 1;
    }
    let observed = agree as f64 / n;
    let product: usize = marginals.values().map(|m| m[0] * m[1]).sum();
    let expected = product as f64 / (n * n);
    chance_corrected(observed, expected)
}

/// DKPro's `AgreementMeasure.calculateAgreement`.
fn chance_corrected(observed: f64, expected: f64) -> Option<f64> {
    let value = if expected == 0.0 {
        observed
    } else {
        (observed - expected) / (1.0 - expected)
    };
    value.is_finite().then_some(value)
}

/// Fleiss' κ over complete items (every row has a label from every rater).
pub fn fleiss_kappa(rows: &[Vec<Option<u32>>]) -> Option<f64> {
    if rows.is_empty() || distinct(rows) < 2 {
        return None;
    }
    let mut agreement = 0.0;
    let mut denominator = 0.0;
    let mut proportions: BTreeMap<u32, f64> = BTreeMap::new();
    let mut counts = Vec::new();
    for row in rows {
        count_labels(row, &mut counts);
        let raters: usize = counts.iter().map(|(_, c)| c).sum();
        if raters > 1 {
            let pairs: usize = counts.iter().map(|(_, c)| c * (c - 1)).sum();
            agreement += pairs as f64 / (raters - 1) as f64;
            denominator += raters as f64;
        }
        for &(label, count) in &counts {
            *proportions.entry(label).or_default() += count as f64 / raters as f64;
        }
    }
    let observed = agreement / denominator;
    let n = rows.len() as f64;
    let expected = proportions.values().map(|p| p * p).sum::<f64>() / (n * n);
    chance_corrected(observed, expected)
}

/// Krippendorff's α (nominal) over items with missing values; items with fewer than two
/// values cannot be paired and add nothing.
pub fn krippendorff_alpha_nominal(rows: &[Vec<Option<u32>>]) -> Option<f64> {
    // Coincidences: o_ck = Σ_items (pairs c–k in the item) / (m_u − 1).
    let mut disagreement = 0.0;
    let mut marginals: BTreeMap<u32, f64> = BTreeMap::new();
    let mut total = 0.0;
    let mut counts = Vec::new();
    for row in rows {
        count_labels(row, &mut counts);
        let m: usize = counts.iter().map(|(_, c)| c).sum();
        if m < 2 {
            continue;
        }
        let weight = 1.0 / (m - 1) as f64;
        // Ordered pairs of different values: m² − Σ n_c².
        let same: usize = counts.iter().map(|(_, c)| c * c).sum();
        disagreement += (m * m - same) as f64 * weight;
        for &(label, count) in &counts {
            *marginals.entry(label).or_default() += count as f64;
        }
        total += m as f64;
    }
    if total < 2.0 || marginals.len() < 2 {
        return None;
    }
    let observed = disagreement / total;
    let sum: f64 = marginals.values().sum();
    let squares: f64 = marginals.values().map(|n| n * n).sum();
    let expected = (sum * sum - squares) / (total * (total - 1.0));
    let value = 1.0 - observed / expected;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(pairs: &[(u32, u32)]) -> Vec<Vec<Option<u32>>> {
        pairs.iter().map(|&(a, b)| vec![Some(a), Some(b)]).collect()
    }

    /// Krippendorff (1995) example A digitized, as in DKPro's `Krippendorff1995Test`.
    /// DKPro's digitised examples are checked to full precision in tests/agreement.rs
    /// (`coding_measures_match_dkpro`); here, what DKPro refuses.
    #[test]
    fn a_single_category_everywhere_is_undefined() {
        // A single category everywhere: undefined (DKPro throws).
        assert_eq!(cohen_kappa(&rows(&[(1, 1), (1, 1)])), None);
        assert_eq!(fleiss_kappa(&rows(&[(1, 1), (1, 1)])), None);
    }

    #[test]
    fn positions_count_stacked_and_incomplete() {
        let spans = vec![
            vec![(0, 4, 1), (0, 4, 1), (5, 9, 1)],
            vec![(0, 4, 1), (5, 9, 2), (5, 9, 1)],
            vec![(0, 4, 2)],
        ];
        let positions = positions(&spans);
        assert_eq!(positions.len(), 2);
        assert_eq!(positions[0].cells[0], Cell::Label(1));
        assert_eq!(positions[1].cells[1], Cell::Stacked(vec![1, 2]));
        let (rows, counts) = items(&positions, &[0, 1, 2], true);
        assert_eq!(rows, vec![vec![Some(1), Some(1), Some(2)]]);
        assert_eq!(
            counts,
            ItemCounts {
                positions: 2,
                used: 1,
                incomplete: 0,
                stacked: 1
            }
        );
        let (_, counts) = items(&positions, &[0, 2], true);
        assert_eq!((counts.used, counts.incomplete), (1, 1));
    }
}
