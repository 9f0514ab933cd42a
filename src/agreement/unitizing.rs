//! Krippendorff's (1995) unitizing alpha α_u, exactly as DKPro Statistics'
//! `KrippendorffAlphaUnitizingAgreement` computes it, and INCEpTION's reduction of one
//! annotator's overlapping same-label spans.
//!
//! Per category, each rater's continuum is that category's units plus the gaps between them
//! (units of other categories are invisible). With R raters over a continuum of length L:
//!
//! - D_O(c) = 2 · Σ_{rater pairs} Σ_{overlapping segments} δ² / (R (R − 1) L²)
//! - D_E(c) = 2/L · Σ_{units u of c} [ (N_c − 1) · l_u (l_u − 1)(2 l_u − 1) / 3
//!   + l_u² · Σ_{gaps g ≥ l_u} (g − l_u + 1) ] / (R L (R L − 1) − Σ_u l_u (l_u − 1))
//! - α(c) = 1 − D_O(c)/D_E(c), and 0 when D_O(c) = D_E(c);
//! - overall α = 1 − mean_c D_O(c) / mean_c D_E(c) (not the mean of the α(c)); 1 when both
//!   are 0 and some unit has a length, else 0 when they are equal.
//!
//! Sums are exact integers (`u128`), divided once into `f64`: the same values DKPro's
//! `BigDecimal` arithmetic produces. Time follows the number of units (sorting them, then one
//! walk per rater pair and a binary search per unit), never the length of the continuum.

use std::collections::BTreeMap;

/// One unit of a unitizing study: `[begin, begin + length)` on the continuum, coded by `rater`
/// with `category`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unit {
    pub begin: u64,
    pub length: u64,
    pub rater: usize,
    pub category: u32,
}

/// A unitizing study: raters, a continuum `[begin, begin + length)`, units.
#[derive(Clone, Debug, Default)]
pub struct UnitizingStudy {
    pub begin: u64,
    pub length: u64,
    pub raters: usize,
    units: Vec<Unit>,
}

/// Observed and expected disagreement of one category, and its α.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CategoryAlpha {
    pub observed: f64,
    pub expected: f64,
    /// `None` when undefined (fewer than two raters, an empty continuum).
    pub alpha: Option<f64>,
    /// Units of this category (all raters).
    pub units: usize,
}

/// α_u of a whole study.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitizingResult {
    /// `None` when undefined: no unit, fewer than two raters, an empty continuum.
    pub overall: Option<f64>,
    pub observed: f64,
    pub expected: f64,
    pub categories: BTreeMap<u32, CategoryAlpha>,
}

impl UnitizingStudy {
    pub fn new(raters: usize, begin: u64, length: u64) -> Self {
        Self {
            begin,
            length,
            raters,
            units: Vec::new(),
        }
    }

    pub fn add_unit(&mut self, begin: u64, length: u64, rater: usize, category: u32) {
        self.units.push(Unit {
            begin,
            length,
            rater,
            category,
        });
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The categories used by some unit, ascending.
    pub fn categories(&self) -> Vec<u32> {
        let mut categories: Vec<u32> = self.units.iter().map(|u| u.category).collect();
        categories.sort_unstable();
        categories.dedup();
        categories
    }

    /// Units of each category, then of each rater, in DKPro's order (begin, then length).
    fn by_category(&self) -> BTreeMap<u32, Vec<Vec<Unit>>> {
        let mut map: BTreeMap<u32, Vec<Vec<Unit>>> = BTreeMap::new();
        for unit in &self.units {
            let lists = map
                .entry(unit.category)
                .or_insert_with(|| vec![Vec::new(); self.raters]);
            if let Some(list) = lists.get_mut(unit.rater) {
                list.push(*unit);
            }
        }
        for lists in map.values_mut() {
            for list in lists {
                list.sort_unstable_by_key(|u| (u.begin, u.length));
            }
        }
        map
    }

    /// D_O, D_E and α of one category (`None` for α when the category has no unit).
    pub fn category(&self, category: u32) -> CategoryAlpha {
        let lists = self.by_category().remove(&category);
        match lists {
            Some(lists) => self.category_of(&lists),
            None => CategoryAlpha {
                observed: 0.0,
                expected: 0.0,
                alpha: None,
                units: 0,
            },
        }
    }

    fn category_of(&self, lists: &[Vec<Unit>]) -> CategoryAlpha {
        let observed = self.observed(lists);
        let expected = self.expected(lists);
        let alpha = if observed == expected {
            Some(0.0)
        } else {
            finite(1.0 - observed / expected)
        };
        CategoryAlpha {
            observed,
            expected,
            alpha: if self.defined() { alpha } else { None },
            units: lists.iter().map(Vec::len).sum(),
        }
    }

    fn defined(&self) -> bool {
        self.raters >= 2 && self.length > 0
    }

    /// α_u of every category and overall (DKPro's `calculateAgreement`).
    pub fn agreement(&self) -> UnitizingResult {
        let mut categories = BTreeMap::new();
        let (mut observed, mut expected) = (0.0, 0.0);
        for (category, lists) in self.by_category() {
            let result = self.category_of(&lists);
            observed += result.observed;
            expected += result.expected;
            categories.insert(category, result);
        }
        let count = categories.len() as f64;
        let (observed, expected) = (observed / count, expected / count);
        let overall = if categories.is_empty() || !self.defined() {
            None
        } else if observed == expected {
            // DKPro: equal disagreements are chance agreement, except both zero, which is full
            // agreement when some unit has a length (zero-length units carry no mass).
            if observed == 0.0 && self.units.iter().any(|u| u.length > 0) {
                Some(1.0)
            } else {
                Some(0.0)
            }
        } else {
            finite(1.0 - observed / expected)
        };
        UnitizingResult {
            overall,
            observed,
            expected,
            categories,
        }
    }

    /// D_O of one category: every rater pair walks both continua segment by segment.
    fn observed(&self, lists: &[Vec<Unit>]) -> f64 {
        let (b, l) = (self.begin as i128, self.length as i128);
        let mut sum: i128 = 0;
        for r1 in 0..lists.len() {
            for r2 in r1 + 1..lists.len() {
                sum += pair_distance(&lists[r1], &lists[r2], b, l);
            }
        }
        let r = self.raters as i128;
        let denominator = r * (r - 1) * l * l;
        (2 * sum) as f64 / denominator as f64
    }

    /// D_E of one category.
    fn expected(&self, lists: &[Vec<Unit>]) -> f64 {
        let (b, l) = (self.begin as i128, self.length as i128);
        let r = self.raters as i128;
        let units: Vec<&Unit> = lists.iter().flatten().collect();
        let n_c = units.len() as i128;
        let squared_lengths: i128 = units
            .iter()
            .map(|u| u.length as i128 * (u.length as i128 - 1))
            .sum();
        // Every rater's gaps, ascending, with suffix sums for Σ_{g ≥ l} (g − l + 1).
        let mut gaps: Vec<i128> = Vec::new();
        for list in lists {
            rater_gaps(list, b, l, &mut gaps);
        }
        gaps.sort_unstable();
        let mut suffix = vec![0i128; gaps.len() + 1];
        for i in (0..gaps.len()).rev() {
            suffix[i] = suffix[i + 1] + gaps[i];
        }
        let mut numerator: i128 = 0;
        for unit in &units {
            let len = unit.length as i128;
            // l (l − 1)(2l − 1) is divisible by 6, so the division by 3 is exact.
            let sum1 = (n_c - 1) * (len * (len - 1) * (2 * len - 1) / 3);
            let first = gaps.partition_point(|&g| g < len);
            let count = (gaps.len() - first) as i128;
            let sum2 = suffix[first] - count * (len - 1);
            numerator += sum1 + len * len * sum2;
        }
        let denominator = l * (r * l * (r * l - 1) - squared_lengths);
        (2 * numerator) as f64 / denominator as f64
    }
}

fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

/// The gaps of one rater's continuum (DKPro's walk, literally: overlapping units give
/// negative gaps there too).
fn rater_gaps(units: &[Unit], b: i128, l: i128, gaps: &mut Vec<i128>) {
    let (mut offset, mut length, mut pos) = (b, 0i128, b);
    let mut next = 0;
    while pos < b + l {
        if pos == offset + length {
            match units.get(next) {
                Some(unit) if pos == unit.begin as i128 => {
                    length = unit.length as i128;
                    next += 1;
                }
                other => {
                    length = other.map_or(b + l, |u| u.begin as i128) - pos;
                    gaps.push(length);
                }
            }
            offset = pos;
        }
        pos = offset + length;
    }
}

/// One side of the observed-disagreement walk: the current segment and the next unit.
struct Cursor<'a> {
    units: &'a [Unit],
    next: usize,
    offset: i128,
    length: i128,
    coded: bool,
}

impl Cursor<'_> {
    fn advance(&mut self, pos: i128, end: i128) {
        if pos != self.offset + self.length {
            return;
        }
        match self.units.get(self.next) {
            Some(unit) if pos == unit.begin as i128 => {
                self.length = unit.length as i128;
                self.coded = true;
                self.next += 1;
            }
            other => {
                self.length = other.map_or(end, |u| u.begin as i128) - pos;
                self.coded = false;
            }
        }
        self.offset = pos;
    }

    fn has_next(&self) -> bool {
        self.next < self.units.len()
    }
}

/// Σ δ² between two raters' continua of one category (DKPro's loop, literally).
fn pair_distance(units1: &[Unit], units2: &[Unit], b: i128, l: i128) -> i128 {
    let mut c1 = Cursor {
        units: units1,
        next: 0,
        offset: b,
        length: 0,
        coded: false,
    };
    let mut c2 = Cursor {
        units: units2,
        next: 0,
        offset: b,
        length: 0,
        coded: false,
    };
    let mut pos = b;
    let mut sum = 0;
    while pos < b + l && (c1.has_next() || c2.has_next()) {
        c1.advance(pos, b + l);
        c2.advance(pos, b + l);
        sum += distance(
            (c1.offset, c1.length, c1.coded),
            (c2.offset, c2.length, c2.coded),
        );
        pos = (c1.offset + c1.length).min(c2.offset + c2.length);
    }
    sum
}

/// δ² between two segments `(offset, length, coded)`: DKPro's `measureDistance`.
pub fn distance(first: (i128, i128, bool), second: (i128, i128, bool)) -> i128 {
    let (offset1, length1, coded1) = first;
    let (offset2, length2, coded2) = second;
    let begin_diff = offset1 - offset2;
    let length_diff = length1 - length2;
    if coded1 && coded2 && -length1 < begin_diff && begin_diff < length2 {
        return begin_diff * begin_diff + (begin_diff + length_diff) * (begin_diff + length_diff);
    }
    if coded1 && !coded2 && -length_diff >= begin_diff && begin_diff >= 0 {
        return length1 * length1;
    }
    if !coded1 && coded2 && -length_diff <= begin_diff && begin_diff <= 0 {
        return length2 * length2;
    }
    0
}

/// A span an annotator made, as the reduction sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelledRange {
    pub category: u32,
    pub begin: u64,
    pub end: u64,
}

/// INCEpTION's reduction of one annotator's spans before α_u: visiting spans by begin
/// ascending, end descending, a span is dropped when an earlier-visited span of the same label
/// (kept or dropped) is still open at its begin (ends after it). Earliest, longest wins.
///
/// Returns, for each input span (in input order), whether it is kept.
pub fn reduce_overlaps(spans: &[LabelledRange]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| {
        let s = spans[i];
        (s.begin, std::cmp::Reverse(s.end), s.category, i)
    });
    let mut kept = vec![true; spans.len()];
    // The furthest end of any visited span, per label.
    let mut open: BTreeMap<u32, u64> = BTreeMap::new();
    for i in order {
        let span = spans[i];
        let furthest = open.entry(span.category).or_insert(0);
        if *furthest > span.begin {
            kept[i] = false;
        }
        *furthest = (*furthest).max(span.end);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(o1: i128, l1: i128, c1: bool, o2: i128, l2: i128, c2: bool) -> i128 {
        distance((o1, l1, c1), (o2, l2, c2))
    }

    #[test]
    fn distances_match_dkpro_unitizing_agreement_test() {
        assert_eq!(d(0, 1, false, 0, 2, false), 0);
        assert_eq!(d(1, 8, true, 0, 2, false), 0);
        assert_eq!(d(1, 8, true, 2, 1, true), 37);
        assert_eq!(d(1, 8, true, 3, 1, false), 0);
        assert_eq!(d(1, 8, true, 4, 1, true), 25);
        assert_eq!(d(1, 8, true, 6, 1, true), 29);
        assert_eq!(d(9, 2, false, 7, 4, false), 0);
    }

    #[test]
    fn reduction_drops_later_and_shorter_same_label_spans_only() {
        let s = |category, begin, end| LabelledRange {
            category,
            begin,
            end,
        };
        // [0,4) a is inside [0,7) a: dropped; [0,7) b is another label: kept; [5,9) a starts
        // inside [0,7) a: dropped; [7,9) a starts after every open a ended... except the
        // dropped [5,9), which INCEpTION keeps open too: dropped.
        let spans = [s(0, 0, 4), s(0, 0, 7), s(1, 0, 7), s(0, 5, 9), s(0, 7, 9)];
        assert_eq!(reduce_overlaps(&spans), [false, true, true, false, false]);
        // Touching spans do not overlap; a zero-length span blocks nothing, but is dropped
        // inside a longer span visited before it (same start, longer first).
        let spans = [
            s(0, 0, 3),
            s(0, 3, 5),
            s(0, 5, 5),
            s(0, 5, 6),
            s(0, 8, 8),
            s(0, 6, 7),
        ];
        assert_eq!(
            reduce_overlaps(&spans),
            [true, true, false, true, true, true]
        );
    }
}
