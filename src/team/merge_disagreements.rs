//! Disagreements grouped for the curator: overlapping versions of one label kind form a
//! stretch, and stretches of different kinds with a version at the same offsets (a mention
//! one annotator called PERSON and another SOURCE) are one [`Disagreement`], so one decision.
//! Apart from the merge that counts the versions ([`super`]); re-exported from it.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use crate::model::schema::LabelKind;

use super::Version;

/// A stretch of text where the annotators disagree on labels of one kind, or of several kinds
/// when they gave one place labels of different kinds ("Lena Ortiz" PERSON, an entity, to one
/// annotator and SOURCE, kind other, to another): one question, so one decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// The kind of the first of [`Self::stretches`].
    pub kind: LabelKind,
    pub start: usize,
    pub end: usize,
    /// Indices into [`super::Merged::versions`], in document order.
    pub versions: Vec<usize>,
    /// Each label kind's stretch (its overlapping versions' extent), in kind order: what a
    /// decision replaces in the gold set, and what the curation record keeps one decision
    /// for. One unless the disagreement joins kinds.
    pub stretches: Vec<Stretch>,
}

/// The extent of one label kind's overlapping versions within a [`Disagreement`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    pub kind: LabelKind,
    pub start: usize,
    pub end: usize,
}

impl Stretch {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl Disagreement {
    /// A disagreement of one kind over `start..end` (what a decision of the curation record
    /// covers).
    pub fn single(kind: LabelKind, start: usize, end: usize, versions: Vec<usize>) -> Self {
        Self {
            kind,
            start,
            end,
            versions,
            stretches: vec![Stretch { kind, start, end }],
        }
    }
}

/// Group versions into disagreements: overlapping versions of one label kind, where at least
/// one version is not accepted. Stretches of different kinds with a version at exactly the
/// same offsets are one place (a mention one annotator called PERSON and another SOURCE) and
/// make one disagreement. `versions` are in document order.
pub fn disagreements(versions: &[Version]) -> Vec<Disagreement> {
    let mut by_kind: BTreeMap<LabelKind, Vec<usize>> = BTreeMap::new();
    for (k, v) in versions.iter().enumerate() {
        by_kind.entry(v.kind).or_default().push(k);
    }
    // Every kind's stretches of overlapping versions, whether any is open.
    let mut stretches: Vec<(Stretch, Vec<usize>, bool)> = Vec::new();
    for (kind, ids) in by_kind {
        let mut current: Option<(Stretch, Vec<usize>, bool)> = None;
        for k in ids {
            let v = &versions[k];
            match &mut current {
                Some((stretch, members, open)) if v.start < stretch.end => {
                    stretch.end = stretch.end.max(v.end);
                    members.push(k);
                    *open |= !v.accepted;
                }
                _ => {
                    stretches.extend(current.take());
                    let stretch = Stretch {
                        kind,
                        start: v.start,
                        end: v.end,
                    };
                    current = Some((stretch, vec![k], !v.accepted));
                }
            }
        }
        stretches.extend(current);
    }
    // Join stretches (of different kinds: one kind's versions at one range are in one
    // stretch) that have versions at the same offsets.
    let mut parent: Vec<usize> = (0..stretches.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_at: HashMap<(usize, usize), usize> = HashMap::new();
    for (s, (_, members, _)) in stretches.iter().enumerate() {
        for &k in members {
            let at = (versions[k].start, versions[k].end);
            let other = *first_at.entry(at).or_insert(s);
            let (a, b) = (root(&mut parent, other), root(&mut parent, s));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for s in 0..stretches.len() {
        groups.entry(root(&mut parent, s)).or_default().push(s);
    }
    let mut out = Vec::new();
    for members in groups.into_values() {
        if !members.iter().any(|&s| stretches[s].2) {
            continue;
        }
        let mut ids: Vec<usize> = members
            .iter()
            .flat_map(|&s| stretches[s].1.iter().copied())
            .collect();
        ids.sort_unstable();
        let parts: Vec<Stretch> = members.iter().map(|&s| stretches[s].0).collect();
        out.push(Disagreement {
            kind: parts[0].kind,
            start: parts.iter().map(|p| p.start).min().unwrap_or(0),
            end: parts.iter().map(|p| p.end).max().unwrap_or(0),
            versions: ids,
            stretches: parts,
        });
    }
    out.sort_by_key(|d| (d.start, d.end, d.kind));
    out
}
