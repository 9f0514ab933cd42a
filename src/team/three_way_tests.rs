//! Tests of the three-way merge beside this file: what happens to the links of a span a
//! conflict keeps, and link types with one target per source.
use super::*;
use crate::model::Schema;
use crate::model::set::Document;
use crate::suggest::review;

//            0         1         2         3         4         5         6
//            0123456789012345678901234567890123456789012345678901234567890123
const TEXT: &str = "“We will not wait,” said Ana Lúcia Ferreira in Zürich on Monday.";

/// QUOTE 1 "We will not wait," said_by PERSON 2 "Ana Lúcia Ferreira" (relation 1); GPE 3.
fn base() -> AnnotationSet {
    let mut set = AnnotationSet::new(Document::new(TEXT), Schema::default());
    for (label, range) in [("QUOTE", 1..18), ("PERSON", 25..43), ("GPE", 47..53)] {
        let e = edit::add_span(&mut set, label, range);
        edit::apply(&mut set, e).unwrap();
    }
    link(&mut set, "said_by", 1, 2);
    set
}

fn link(set: &mut AnnotationSet, label: &str, from: u64, to: u64) -> RelationId {
    let relation = Relation {
        id: set.new_relation_id(),
        label: label.into(),
        from: SpanId(from),
        to: SpanId(to),
        origin: None,
        review: Review::Accepted,
    };
    let id = relation.id;
    edit::apply(set, Edit::AddRelation(relation)).unwrap();
    id
}

fn moved(set: &mut AnnotationSet, id: u64, start: usize, end: usize) {
    let mut span = set.span(SpanId(id)).unwrap().clone();
    (span.start, span.end) = (start, end);
    edit::apply(set, Edit::UpdateSpan(span)).unwrap();
}

fn delete(set: &mut AnnotationSet, id: u64) {
    edit::apply(set, Edit::RemoveSpan(SpanId(id))).unwrap();
}

/// (label, from, to, review accepted, origin) of every relation.
fn links(set: &AnnotationSet) -> Vec<(String, u64, u64, bool, Option<String>)> {
    let mut links: Vec<_> = set
        .relations()
        .map(|r| {
            (
                r.label.clone(),
                r.from.0,
                r.to.0,
                r.review.is_accepted(),
                r.origin.clone(),
            )
        })
        .collect();
    links.sort();
    links
}

fn speaker(set: &AnnotationSet, quote: u64) -> Vec<u64> {
    set.relations()
        .filter(|r| r.label == "said_by" && r.from == SpanId(quote))
        .map(|r| r.to.0)
        .collect()
}

#[test]
fn a_span_kept_because_theirs_deleted_it_keeps_its_links_as_suggestions() {
    let base = base();
    let mut ours = base.clone();
    moved(&mut ours, 2, 29, 43);
    let mut theirs = base.clone();
    delete(&mut theirs, 2); // the said_by link goes with it
    let merged = merge(Some(&base), &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    assert!(
        merged
            .notes
            .iter()
            .any(|n| n.contains("relation 1 (said_by, span 1 -> 2) stays")),
        "{:?}",
        merged.notes
    );
    let set = merged.set;
    let kept = set.span(SpanId(2)).unwrap();
    assert!(!kept.review.is_accepted());
    assert_eq!(
        links(&set),
        [(
            "said_by".into(),
            1,
            2,
            false,
            Some("conflict:deleted-by-theirs".into())
        )]
    );
    // Accepting the span restores the link; rejecting it removes both.
    let mut accepted = set.clone();
    let e = review::accept(&accepted, SpanId(2)).unwrap();
    edit::apply(&mut accepted, e).unwrap();
    assert_eq!(speaker(&accepted, 1), [2]);
    assert!(accepted.relations().all(|r| r.review.is_accepted()));
    let mut rejected = set.clone();
    let e = review::reject(&rejected, SpanId(2)).unwrap();
    edit::apply(&mut rejected, e).unwrap();
    assert!(rejected.span(SpanId(2)).is_none());
    assert_eq!(rejected.relation_count(), 0);
}

#[test]
fn a_span_kept_because_ours_deleted_it_comes_back_with_its_links() {
    let base = base();
    let mut ours = base.clone();
    delete(&mut ours, 2);
    let mut theirs = base.clone();
    moved(&mut theirs, 2, 29, 43);
    let merged = merge(Some(&base), &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    assert!(
        merged
            .notes
            .iter()
            .any(|n| n.starts_with("relation 1 (said_by, span 1 -> ") && n.contains("stays")),
        "{:?}",
        merged.notes
    );
    let set = merged.set;
    let back = set.spans_unordered().find(|s| s.label == "PERSON").unwrap();
    assert_eq!((back.start, back.end), (29, 43));
    assert_eq!(back.origin.as_deref(), Some("conflict:theirs"));
    let links = links(&set);
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!((links[0].1, links[0].2, links[0].3), (1, back.id.0, false));
    let mut accepted = set.clone();
    let e = review::accept(&accepted, back.id).unwrap();
    edit::apply(&mut accepted, e).unwrap();
    assert_eq!(speaker(&accepted, 1), [back.id.0]);
}

#[test]
fn a_link_whose_other_end_is_gone_is_reported_not_dropped_silently() {
    let base = base();
    let mut ours = base.clone();
    moved(&mut ours, 2, 29, 43);
    let mut theirs = base.clone();
    delete(&mut theirs, 2);
    delete(&mut theirs, 1); // the quote too, unchanged on our side: deleted
    let merged = merge(Some(&base), &ours, &theirs).unwrap();
    assert!(merged.set.span(SpanId(1)).is_none());
    assert!(merged.set.span(SpanId(2)).is_some());
    assert_eq!(merged.set.relation_count(), 0);
    assert!(merged.notes.is_empty(), "{:?}", merged.notes);
    assert!(
        merged
            .conflicts
            .iter()
            .any(|c| c.contains("relation 1 (said_by)") && c.contains("left out")),
        "{:?}",
        merged.conflicts
    );
}

#[test]
fn a_span_changed_two_ways_keeps_its_links_on_ours_and_offers_them_on_theirs() {
    let base = base();
    let mut ours = base.clone();
    moved(&mut ours, 2, 29, 43);
    let mut theirs = base.clone();
    moved(&mut theirs, 2, 25, 34);
    let merged = merge(Some(&base), &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    let set = merged.set;
    let theirs_version = set
        .spans_unordered()
        .find(|s| s.label == "PERSON" && s.end == 34)
        .unwrap()
        .id;
    assert_eq!(
        links(&set),
        [
            ("said_by".into(), 1, 2, true, None),
            (
                "said_by".into(),
                1,
                theirs_version.0,
                false,
                Some("conflict:theirs".into())
            ),
        ]
    );
    // Keeping ours (rejecting theirs) keeps the link.
    let mut kept = set.clone();
    let e = review::reject(&kept, theirs_version).unwrap();
    edit::apply(&mut kept, e).unwrap();
    assert_eq!(speaker(&kept, 1), [2]);
    // No extra conflict for the copy (one speaker each way).
    assert!(merged.conflicts[0].contains("changed on both sides"));
}

/// QUOTE 1, PERSON 2 "Ana", PERSON 3 "Ferreira", no link.
fn two_people() -> AnnotationSet {
    let mut set = AnnotationSet::new(Document::new(TEXT), Schema::default());
    for (label, range) in [("QUOTE", 1..18), ("PERSON", 25..28), ("PERSON", 35..43)] {
        let e = edit::add_span(&mut set, label, range);
        edit::apply(&mut set, e).unwrap();
    }
    set
}

#[test]
fn two_speakers_for_one_quote_from_two_sides_are_a_conflict() {
    let base = two_people();
    let mut ours = base.clone();
    ours.status = Some(Status::Curated);
    link(&mut ours, "said_by", 1, 2);
    let mut theirs = base.clone();
    theirs.status = Some(Status::Curated);
    link(&mut theirs, "said_by", 1, 3);
    let merged = merge(Some(&base), &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    assert!(
        merged.conflicts[0].contains("said_by")
            && merged.conflicts[0].contains("span 2 (PERSON 25..28)")
            && merged.conflicts[0].contains("span 3 (PERSON 35..43)"),
        "{}",
        merged.conflicts[0]
    );
    let set = &merged.set;
    assert_eq!(
        links(set)
            .into_iter()
            .map(|(_, _, to, accepted, origin)| (to, accepted, origin.unwrap()))
            .collect::<Vec<_>>(),
        [
            (2, false, "conflict:ours".to_string()),
            (3, false, "conflict:theirs".to_string())
        ]
    );
    assert_eq!(set.status, Some(Status::InCuration), "{:?}", merged.notes);
    // Choosing: accept one, reject the other: one speaker, accepted.
    let mut chosen = set.clone();
    let keep = chosen.relations().find(|r| r.to == SpanId(3)).unwrap().id;
    let drop = chosen.relations().find(|r| r.to == SpanId(2)).unwrap().id;
    let e = review::accept_relation(&chosen, keep).unwrap();
    edit::apply(&mut chosen, e).unwrap();
    let e = review::reject_relation(&chosen, drop).unwrap();
    edit::apply(&mut chosen, e).unwrap();
    assert_eq!(speaker(&chosen, 1), [3]);
}

#[test]
fn one_speaker_agreed_or_one_sides_own_choice_is_no_conflict() {
    let base = two_people();
    // The same speaker added on both sides: kept once.
    let mut ours = base.clone();
    link(&mut ours, "said_by", 1, 2);
    let theirs = ours.clone();
    let merged = merge(Some(&base), &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.set.relation_count(), 1);
    // Ours links two speakers itself, theirs adds nothing there: ours' choice stands.
    let mut ours2 = ours.clone();
    link(&mut ours2, "said_by", 1, 3);
    let merged = merge(Some(&ours), &ours2, &ours).unwrap();
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(speaker(&merged.set, 1).len(), 2);
    // A link type with many targets (a cue, refers_to) is not single-valued.
    let mut ours3 = base.clone();
    link(&mut ours3, "refers_to", 3, 2);
    let mut theirs3 = base.clone();
    let e = edit::add_span(&mut theirs3, "PERSON", 29..34);
    edit::apply(&mut theirs3, e).unwrap();
    link(&mut theirs3, "refers_to", 3, 4);
    let merged = merge(Some(&base), &ours3, &theirs3).unwrap();
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
}

#[test]
fn suggestions_rejected_on_either_side_stay_rejected() {
    use crate::model::set::Rejected;
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let gpe = Rejected::Span {
        label: "GPE".into(),
        start: 47,
        end: 53,
    };
    let source = Rejected::Span {
        label: "SOURCE".into(),
        start: 25,
        end: 43,
    };
    edit::apply(&mut ours, Edit::RememberRejected(gpe.clone())).unwrap();
    edit::apply(&mut theirs, Edit::RememberRejected(source.clone())).unwrap();
    let merged = merge(Some(&base), &ours, &theirs).unwrap();
    assert!(merged.set.was_rejected(&gpe));
    assert!(merged.set.was_rejected(&source));
}
