//! Random edit sequences with undo and redo, checked against a trivially correct reference
//! model (whole-state snapshots), in the manner of Zed's `test_random_edits`.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use newsmark::model::edit::{self, Edit};
use newsmark::model::{
    AnnotationSet, Document, History, Relation, RelationId, Review, Schema, SpanId,
};
use proptest::prelude::*;

const TEXT: &str =
    "“Prices rose,” said Ana Lúcia in Zürich 👍.\nThe council said no\u{a0}way.\n北京 agreed.";

#[derive(Clone, Debug, Default, PartialEq)]
struct Reference {
    spans: BTreeMap<u64, (String, usize, usize)>,
    relations: BTreeMap<u64, (u64, u64)>,
}

#[derive(Clone, Debug)]
enum Op {
    Add {
        label: bool,
        start: usize,
        len: usize,
    },
    Remove(usize),
    Move {
        pick: usize,
        start: usize,
        len: usize,
    },
    Relabel(usize),
    Link {
        from: usize,
        to: usize,
    },
    Unlink(usize),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<bool>(), 0usize..80, 1usize..12).prop_map(|(label, start, len)| Op::Add { label, start, len }),
        2 => any::<usize>().prop_map(Op::Remove),
        2 => (any::<usize>(), 0usize..80, 1usize..12).prop_map(|(pick, start, len)| Op::Move { pick, start, len }),
        1 => any::<usize>().prop_map(Op::Relabel),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Op::Link { from, to }),
        1 => any::<usize>().prop_map(Op::Unlink),
        2 => Just(Op::Undo),
        2 => Just(Op::Redo),
    ]
}

fn label(quote: bool) -> &'static str {
    if quote { "QUOTE" } else { "PERSON" }
}

fn observed(set: &AnnotationSet) -> Reference {
    Reference {
        spans: set
            .spans_ordered()
            .map(|s| (s.id.0, (s.label.clone(), s.start, s.end)))
            .collect(),
        relations: set
            .relations()
            .map(|r| (r.id.0, (r.from.0, r.to.0)))
            .collect(),
    }
}

/// The reference's rules: what must be refused.
fn valid_span(
    reference: &Reference,
    id: u64,
    label: &str,
    start: usize,
    end: usize,
    len: usize,
) -> bool {
    start < end
        && end <= len
        && !reference
            .spans
            .iter()
            .any(|(other, (l, s, e))| *other != id && l == label && *s == start && *e == end)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn random_edits_match_the_reference(ops in proptest::collection::vec(op(), 1..60)) {
        let mut set = AnnotationSet::new(Document::new(TEXT), Schema::default());
        let len = set.text().char_len();
        let mut history = History::new();
        let mut reference = Reference::default();
        let mut undo: Vec<Reference> = Vec::new();
        let mut redo: Vec<Reference> = Vec::new();
        for op in ops {
            let before = reference.clone();
            let ids: Vec<u64> = reference.spans.keys().copied().collect();
            let relation_ids: Vec<u64> = reference.relations.keys().copied().collect();
            let pick = |i: usize| ids.get(i % ids.len().max(1)).copied();
            let (edit, expected): (Option<Edit>, Option<Reference>) = match op {
                Op::Add { label: quote, start, len: l } => {
                    let e = edit::add_span(&mut set, label(quote), start..start + l);
                    let Edit::AddSpan(span) = &e else { unreachable!() };
                    let mut next = reference.clone();
                    let ok = valid_span(&reference, span.id.0, label(quote), start, start + l, len);
                    if ok {
                        next.spans.insert(span.id.0, (label(quote).to_string(), start, start + l));
                    }
                    (Some(e), ok.then_some(next))
                }
                Op::Remove(i) => match pick(i) {
                    Some(id) => {
                        let mut next = reference.clone();
                        next.spans.remove(&id);
                        next.relations.retain(|_, (f, t)| *f != id && *t != id);
                        (Some(Edit::RemoveSpan(SpanId(id))), Some(next))
                    }
                    None => (None, None),
                },
                Op::Move { pick: i, start, len: l } => match pick(i) {
                    Some(id) => {
                        let mut span = set.span(SpanId(id)).unwrap().clone();
                        span.start = start;
                        span.end = start + l;
                        let ok = valid_span(&reference, id, &span.label, start, start + l, len);
                        let mut next = reference.clone();
                        next.spans.insert(id, (span.label.clone(), start, start + l));
                        (Some(Edit::UpdateSpan(span)), ok.then_some(next))
                    }
                    None => (None, None),
                },
                Op::Relabel(i) => match pick(i) {
                    Some(id) => {
                        let mut span = set.span(SpanId(id)).unwrap().clone();
                        span.label = label(span.label != "QUOTE").to_string();
                        // Relabelling must not break a said_by (QUOTE -> PERSON).
                        let linked = reference.relations.values().any(|(f, t)| *f == id || *t == id);
                        let ok = !linked && valid_span(&reference, id, &span.label, span.start, span.end, len);
                        let mut next = reference.clone();
                        next.spans.insert(id, (span.label.clone(), span.start, span.end));
                        (Some(Edit::UpdateSpan(span)), ok.then_some(next))
                    }
                    None => (None, None),
                },
                Op::Link { from, to } => match (pick(from), pick(to.wrapping_add(1))) {
                    (Some(f), Some(t)) => {
                        let relation = Relation {
                            id: set.new_relation_id(),
                            label: "said_by".into(),
                            from: SpanId(f),
                            to: SpanId(t),
                            origin: None,
                            review: Review::Accepted,
                        };
                        let ok = f != t && reference.spans[&f].0 == "QUOTE" && reference.spans[&t].0 == "PERSON";
                        let mut next = reference.clone();
                        next.relations.insert(relation.id.0, (f, t));
                        (Some(Edit::AddRelation(relation)), ok.then_some(next))
                    }
                    _ => (None, None),
                },
                Op::Unlink(i) => match relation_ids.get(i % relation_ids.len().max(1)) {
                    Some(&id) => {
                        let mut next = reference.clone();
                        next.relations.remove(&id);
                        (Some(Edit::RemoveRelation(RelationId(id))), Some(next))
                    }
                    None => (None, None),
                },
                Op::Undo => {
                    let result = history.undo(&mut set).unwrap();
                    prop_assert_eq!(result.is_some(), !undo.is_empty());
                    if let Some(previous) = undo.pop() {
                        redo.push(reference.clone());
                        reference = previous;
                    }
                    prop_assert_eq!(observed(&set), reference.clone());
                    continue;
                }
                Op::Redo => {
                    let result = history.redo(&mut set).unwrap();
                    prop_assert_eq!(result.is_some(), !redo.is_empty());
                    if let Some(next) = redo.pop() {
                        undo.push(reference.clone());
                        reference = next;
                    }
                    prop_assert_eq!(observed(&set), reference.clone());
                    continue;
                }
            };
            let Some(edit) = edit else { continue };
            let result = history.apply(&mut set, edit);
            match expected {
                Some(next) => {
                    prop_assert!(result.is_ok(), "refused: {:?}", result);
                    undo.push(before);
                    redo.clear();
                    reference = next;
                }
                None => prop_assert!(result.is_err(), "accepted an edit the reference refuses"),
            }
            prop_assert_eq!(observed(&set), reference.clone());
            // The position index agrees with a scan.
            for offset in 0..len {
                let mut under = set.spans_at(offset);
                under.sort();
                let mut expected: Vec<SpanId> = reference.spans.iter()
                    .filter(|(_, (_, s, e))| *s <= offset && offset < *e).map(|(id, _)| SpanId(*id)).collect();
                expected.sort();
                prop_assert_eq!(under, expected);
            }
            // Relations by span agree with the relation list.
            for id in reference.spans.keys() {
                let mut found: Vec<u64> = set.relations_of(SpanId(*id)).map(|r| r.id.0).collect();
                found.sort();
                let expected: Vec<u64> = reference.relations.iter()
                    .filter(|(_, (f, t))| f == id || t == id).map(|(r, _)| *r).collect();
                prop_assert_eq!(found, expected);
            }
        }
        // Undo everything: back to the empty set.
        while history.undo(&mut set).unwrap().is_some() {}
        prop_assert_eq!(set.span_count(), 0);
        prop_assert_eq!(set.relation_count(), 0);
    }
}
