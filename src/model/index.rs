//! An index of spans by position: which spans overlap a range or lie under a point.
//!
//! Spans are kept sorted by start. Queries scan the starts in `[range.start - LONG, range.end)`;
//! the few spans longer than `LONG` sit in a separate list that is always checked. Both insert
//! and query cost O(log n + k), whatever the length of the document.

use std::collections::BTreeSet;
use std::ops::Range;

use super::span::SpanId;

/// Spans longer than this (in code points) go into the long list.
const LONG: usize = 4_096;

#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    by_start: BTreeSet<(usize, usize, SpanId)>,
    long: BTreeSet<(usize, usize, SpanId)>,
}

impl SpanIndex {
    pub fn insert(&mut self, id: SpanId, range: Range<usize>) {
        self.bucket(&range).insert((range.start, range.end, id));
    }

    /// Add many spans at once: into an empty bucket the B-tree is built in one pass from the
    /// sorted keys (a saved set lists its spans in order, so the sort finds them sorted).
    pub fn insert_many(&mut self, spans: impl IntoIterator<Item = (SpanId, Range<usize>)>) {
        let (long, short): (Vec<_>, Vec<_>) = spans
            .into_iter()
            .map(|(id, r)| (r.start, r.end, id))
            .partition(|(start, end, _)| end - start > LONG);
        for (bucket, mut keys) in [(&mut self.by_start, short), (&mut self.long, long)] {
            if bucket.is_empty() {
                keys.sort_unstable();
                *bucket = keys.into_iter().collect();
            } else {
                bucket.extend(keys);
            }
        }
    }

    pub fn remove(&mut self, id: SpanId, range: Range<usize>) {
        self.bucket(&range).remove(&(range.start, range.end, id));
    }

    fn bucket(&mut self, range: &Range<usize>) -> &mut BTreeSet<(usize, usize, SpanId)> {
        if range.end - range.start > LONG {
            &mut self.long
        } else {
            &mut self.by_start
        }
    }

    pub fn len(&self) -> usize {
        self.by_start.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Spans overlapping `range` (or, for an empty range, containing its point), ordered by
    /// (start, end, id). A span `[s, e)` overlaps `[a, b)` when `s < b` and `a < e`.
    pub fn overlapping(&self, range: Range<usize>) -> Vec<(Range<usize>, SpanId)> {
        let end = range.end.max(range.start + 1);
        let from = range.start.saturating_sub(LONG);
        let mut found: Vec<(Range<usize>, SpanId)> = self
            .by_start
            .range((from, 0, SpanId(0))..(end, 0, SpanId(0)))
            .filter(|(_, e, _)| *e > range.start)
            .map(|&(s, e, id)| (s..e, id))
            .collect();
        let long_found = self
            .long
            .iter()
            .take_while(|(s, _, _)| *s < end)
            .filter(|(_, e, _)| *e > range.start)
            .map(|&(s, e, id)| (s..e, id));
        let had_long = !self.long.is_empty();
        found.extend(long_found);
        if had_long {
            found.sort_by_key(|(r, id)| (r.start, r.end, *id));
        }
        found
    }

    /// Spans containing the code point at `offset`, innermost (shortest) first.
    pub fn at(&self, offset: usize) -> Vec<SpanId> {
        let mut found = self.overlapping(offset..offset + 1);
        found.sort_by_key(|(r, id)| (r.end - r.start, r.start, *id));
        found.into_iter().map(|(_, id)| id).collect()
    }

    /// The first span after `key` in (start, end, id) order.
    pub fn after(&self, key: (usize, usize, SpanId)) -> Option<SpanId> {
        use std::ops::Bound::{Excluded, Unbounded};
        let a = self.by_start.range((Excluded(key), Unbounded)).next();
        let b = self.long.range((Excluded(key), Unbounded)).next();
        [a, b].into_iter().flatten().min().map(|k| k.2)
    }

    /// The last span before `key` in (start, end, id) order.
    pub fn before(&self, key: (usize, usize, SpanId)) -> Option<SpanId> {
        let a = self.by_start.range(..key).next_back();
        let b = self.long.range(..key).next_back();
        [a, b].into_iter().flatten().max().map(|k| k.2)
    }

    /// All spans in (start, end, id) order.
    pub fn iter_ordered(&self) -> impl Iterator<Item = (Range<usize>, SpanId)> + '_ {
        merge_sorted(self.by_start.iter(), self.long.iter()).map(|&(s, e, id)| (s..e, id))
    }
}

fn merge_sorted<'a, T: Ord + 'a>(
    a: impl Iterator<Item = &'a T>,
    b: impl Iterator<Item = &'a T>,
) -> impl Iterator<Item = &'a T> {
    let mut a = a.peekable();
    let mut b = b.peekable();
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) => {
            if x <= y {
                a.next()
            } else {
                b.next()
            }
        }
        (Some(_), None) => a.next(),
        (None, Some(_)) => b.next(),
        (None, None) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn queries_match_a_linear_scan(
            spans in proptest::collection::vec((0usize..20_000, 1usize..9_000), 0..200),
            queries in proptest::collection::vec((0usize..25_000, 0usize..3_000), 1..30),
        ) {
            let mut index = SpanIndex::default();
            let spans: Vec<(Range<usize>, SpanId)> = spans.iter().enumerate()
                .map(|(i, &(s, l))| (s..s + l, SpanId(i as u64))).collect();
            // Half one by one, then the rest at once (into buckets empty or not), as loading does.
            let (one_by_one, at_once) = spans.split_at(spans.len() / 2);
            for (r, id) in one_by_one { index.insert(*id, r.clone()); }
            index.insert_many(at_once.iter().map(|(r, id)| (*id, r.clone())));
            // Remove every third one again.
            let kept: Vec<_> = spans.iter().enumerate().filter(|(i, (r, id))| {
                if i % 3 == 0 { index.remove(*id, r.clone()); false } else { true }
            }).map(|(_, s)| s.clone()).collect();
            prop_assert_eq!(index.len(), kept.len());
            for (a, l) in queries {
                let q = a..a + l;
                let mut expected: Vec<_> = kept.iter()
                    .filter(|(r, _)| r.start < q.end.max(q.start + 1) && q.start < r.end)
                    .cloned().collect();
                expected.sort_by_key(|(r, id)| (r.start, r.end, *id));
                prop_assert_eq!(index.overlapping(q), expected);
            }
            let ordered: Vec<_> = index.iter_ordered().collect();
            let mut expected = kept.clone();
            expected.sort_by_key(|(r, id)| (r.start, r.end, *id));
            prop_assert_eq!(ordered, expected);
        }
    }

    #[test]
    fn innermost_first_at_a_point() {
        let mut index = SpanIndex::default();
        index.insert(SpanId(1), 0..100);
        index.insert(SpanId(2), 10..20);
        index.insert(SpanId(3), 5..50);
        assert_eq!(index.at(12), vec![SpanId(2), SpanId(3), SpanId(1)]);
        assert_eq!(index.at(20), vec![SpanId(3), SpanId(1)]);
        assert!(index.at(100).is_empty());
    }
}
