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

/// Positions `0..spans.len()` sorted by range.
fn by_range(spans: &[Interval]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_unstable_by_key(|&i| (spans[i].start, spans[i].end, i));
    order
}

/// Exact pairs as positions in `a` and `b`: equal ranges, one-to-one (a multiset
/// intersection), walking both sorted orders.
fn exact_positions(
    a: &[Interval],
    order_a: &[usize],
    b: &[Interval],
    order_b: &[usize],
) -> Vec<(usize, usize)> {
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::new();
    while i < order_a.len() && j < order_b.len() {
        let (x, y) = (&a[order_a[i]], &b[order_b[j]]);
        match (x.start, x.end).cmp(&(y.start, y.end)) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                pairs.push((order_a[i], order_b[j]));
                i += 1;
                j += 1;
            }
        }
    }
    pairs
}

/// Exact matching: equal ranges, one-to-one (a multiset intersection). Pairs are the
/// spans' `index` values.
pub fn match_exact(a: &[Interval], b: &[Interval]) -> Matching {
    let pairs = exact_positions(a, &by_range(a), b, &by_range(b))
        .into_iter()
        .map(|(i, j)| (a[i].index, b[j].index))
        .collect();
    Matching { pairs }
}

/// Overlap matching: a maximum one-to-one matching of overlapping spans (at least one code
/// point in common), seeded with the exact pairs so that exact partners stay together where
/// the maximum allows. Pairs are positions in `a` and `b`.
pub fn match_overlap(a: &[Interval], b: &[Interval]) -> Matching {
    let order_a = by_range(a);
    let order_b = by_range(b);
    // Edges, flat: the spans of b overlapping a[i] are targets[offsets[i]..offsets[i + 1]],
    // found by a sweep over b sorted by start.
    let mut offsets = Vec::with_capacity(a.len() + 1);
    let mut targets = Vec::new();
    offsets.push(0);
    for span in a {
        let limit = order_b.partition_point(|&j| b[j].start < span.end);
        targets.extend(
            order_b[..limit]
                .iter()
                .copied()
                .filter(|&j| overlaps(span, &b[j])),
        );
        offsets.push(targets.len());
    }
    let mut owner_of_b: Vec<Option<usize>> = vec![None; b.len()];
    let mut partner_of_a: Vec<Option<usize>> = vec![None; a.len()];
    for (i, j) in exact_positions(a, &order_a, b, &order_b) {
        partner_of_a[i] = Some(j);
        owner_of_b[j] = Some(i);
    }
    // Augment (Kuhn): every free span of a looks for an augmenting path. `seen[j] == round`
    // marks b's spans visited in this round (no clearing between rounds).
    let mut seen = vec![usize::MAX; b.len()];
    let graph = Graph {
        offsets: &offsets,
        targets: &targets,
    };
    for i in 0..a.len() {
        if partner_of_a[i].is_none() && offsets[i] < offsets[i + 1] {
            augment(i, &graph, &mut seen, &mut owner_of_b, &mut partner_of_a);
        }
    }
    let pairs: Vec<(usize, usize)> = partner_of_a
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| (i, j)))
        .collect();
    Matching { pairs }
}

/// Half-open ranges overlap when they share a code point.
fn overlaps(a: &Interval, b: &Interval) -> bool {
    a.start < b.end && b.start < a.end
}

/// The overlap graph, flat.
struct Graph<'a> {
    offsets: &'a [usize],
    targets: &'a [usize],
}

impl Graph<'_> {
    fn edges(&self, i: usize) -> &[usize] {
        &self.targets[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// An iterative augmenting-path search from `root` (no recursion: deep chains cannot
/// overflow the stack).
fn augment(
    root: usize,
    graph: &Graph,
    seen: &mut [usize],
    owner_of_b: &mut [Option<usize>],
    partner_of_a: &mut [Option<usize>],
) -> bool {
    // Stack of (a vertex, next edge to try); `path` holds the (a, b) steps taken.
    let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
    let mut path: Vec<(usize, usize)> = Vec::new();
    while let Some(top) = stack.last_mut() {
        let (i, next) = *top;
        let edges = graph.edges(i);
        if next >= edges.len() {
            stack.pop();
            path.pop();
            continue;
        }
        top.1 += 1;
        let j = edges[next];
        if seen[j] == root {
            continue;
        }
        seen[j] = root;
        path.push((i, j));
        match owner_of_b[j] {
            None => {
                for &(pi, pj) in &path {
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
