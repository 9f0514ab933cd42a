//! Pairwise span F1, exact and overlap, with one-to-one matching (so F1(a, b) = F1(b, a):
//! positive specific agreement, Hripcsak & Rothschild 2005), and relation F1.

/// A span for matching: `[start, end)` and an index back into the annotator's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    pub start: u64,
    pub end: u64,
    pub index: usize,
}

/// The pairs of a one-to-one matching, as indexes into `a` and `b`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matching {
    pub pairs: Vec<(usize, usize)>,
}

/// Exact matching: equal ranges, one-to-one (a multiset intersection).
pub fn match_exact(a: &[Interval], b: &[Interval]) -> Matching {
    let mut a: Vec<&Interval> = a.iter().collect();
    let mut b: Vec<&Interval> = b.iter().collect();
    a.sort_unstable();
    b.sort_unstable();
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::new();
    while i < a.len() && j < b.len() {
        match (a[i].start, a[i].end).cmp(&(b[j].start, b[j].end)) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                pairs.push((a[i].index, b[j].index));
                i += 1;
                j += 1;
            }
        }
    }
    Matching { pairs }
}

/// Overlap matching: a maximum one-to-one matching of overlapping spans (at least one code
/// point in common), seeded with the exact pairs so that exact partners stay together where
/// the maximum allows. Indexes are positions in `a` and `b`.
pub fn match_overlap(a: &[Interval], b: &[Interval]) -> Matching {
    // Edges by a sweep over spans sorted by start.
    let mut order_b: Vec<usize> = (0..b.len()).collect();
    order_b.sort_unstable_by_key(|&j| (b[j].start, b[j].end));
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); a.len()];
    for (i, span) in a.iter().enumerate() {
        // Spans of b starting before span.end; keep those ending after span.start.
        let limit = order_b.partition_point(|&j| b[j].start < span.end);
        for &j in &order_b[..limit] {
            if overlaps(span, &b[j]) {
                edges[i].push(j);
            }
        }
        // Exact partners first, then by start: deterministic and exact-friendly.
        edges[i].sort_unstable_by_key(|&j| {
            (
                (b[j].start, b[j].end) != (span.start, span.end),
                b[j].start,
                b[j].end,
                j,
            )
        });
    }
    let mut owner_of_b: Vec<Option<usize>> = vec![None; b.len()];
    let mut partner_of_a: Vec<Option<usize>> = vec![None; a.len()];
    // Seed: exact pairs.
    let positions_a: Vec<Interval> = a
        .iter()
        .enumerate()
        .map(|(i, s)| Interval { index: i, ..*s })
        .collect();
    let positions_b: Vec<Interval> = b
        .iter()
        .enumerate()
        .map(|(j, s)| Interval { index: j, ..*s })
        .collect();
    for (i, j) in match_exact(&positions_a, &positions_b).pairs {
        partner_of_a[i] = Some(j);
        owner_of_b[j] = Some(i);
    }
    // Augment (Kuhn): every free span of a looks for an augmenting path.
    for i in 0..a.len() {
        if partner_of_a[i].is_some() || edges[i].is_empty() {
            continue;
        }
        let mut visited = vec![false; b.len()];
        augment(i, &edges, &mut visited, &mut owner_of_b, &mut partner_of_a);
    }
    let mut pairs: Vec<(usize, usize)> = partner_of_a
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| (i, j)))
        .collect();
    pairs.sort_unstable();
    Matching { pairs }
}

/// Half-open ranges overlap when they share a code point.
fn overlaps(a: &Interval, b: &Interval) -> bool {
    a.start < b.end && b.start < a.end
}

/// An iterative augmenting-path search from `root` (no recursion: deep chains cannot
/// overflow the stack).
fn augment(
    root: usize,
    edges: &[Vec<usize>],
    visited: &mut [bool],
    owner_of_b: &mut [Option<usize>],
    partner_of_a: &mut [Option<usize>],
) -> bool {
    // Stack of (a vertex, next edge to try); `via[j]` remembers which a reached b vertex j.
    let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
    let mut via: Vec<(usize, usize)> = Vec::new(); // (a, b) steps on the current path
    while let Some(&mut (i, ref mut next)) = stack.last_mut() {
        if *next >= edges[i].len() {
            stack.pop();
            via.pop();
            continue;
        }
        let j = edges[i][*next];
        *next += 1;
        if visited[j] {
            continue;
        }
        visited[j] = true;
        via.push((i, j));
        match owner_of_b[j] {
            None => {
                // Flip the path.
                for &(pi, pj) in &via {
                    partner_of_a[pi] = Some(pj);
                    owner_of_b[pj] = Some(pi);
                }
                return true;
            }
            Some(owner) => stack.push((owner, 0)),
        }
    }
    false
}

/// F1 from matched pairs and both sizes: 2·matched / (|a| + |b|); `None` when both are empty.
pub fn f1(matched: usize, size_a: usize, size_b: usize) -> Option<f64> {
    let total = size_a + size_b;
    (total > 0).then(|| 2.0 * matched as f64 / total as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(ranges: &[(u64, u64)]) -> Vec<Interval> {
        ranges
            .iter()
            .enumerate()
            .map(|(index, &(start, end))| Interval { start, end, index })
            .collect()
    }

    #[test]
    fn overlap_matching_is_maximum_and_symmetric() {
        // Forcing the exact pair a0–b0 would leave one match; the maximum is two.
        let a = spans(&[(0, 10), (8, 9)]);
        let b = spans(&[(0, 10), (1, 2)]);
        assert_eq!(match_overlap(&a, &b).pairs.len(), 2);
        assert_eq!(match_overlap(&b, &a).pairs.len(), 2);
        assert_eq!(match_exact(&a, &b).pairs, vec![(0, 0)]);
        // One long span against two short ones inside it: one-to-one, so one match.
        let a = spans(&[(0, 20)]);
        let b = spans(&[(0, 5), (10, 15)]);
        assert_eq!(match_overlap(&a, &b).pairs.len(), 1);
        assert_eq!(f1(1, 1, 2), Some(2.0 / 3.0));
        assert_eq!(f1(0, 0, 0), None);
        // Touching is not overlapping.
        assert!(
            match_overlap(&spans(&[(0, 5)]), &spans(&[(5, 9)]))
                .pairs
                .is_empty()
        );
    }
}
