//! Reviewing suggestions: accept (the annotation stays, marked accepted, its origin kept) or
//! reject (it is removed, and the set remembers the rejection so that suggesting again does
//! not bring it back: [`crate::model::set::Rejected`], the native format's `rejected`). Every helper returns an [`Edit`] for [`crate::model::edit::apply`],
//! so one undo step reverts one decision or one "all of a label" decision.

use super::speakers::Form;
use super::vocab;
use crate::model::edit::{Edit, EditError};
use crate::model::set::{AnnotationSet, Rejected};
use crate::model::span::{RelationId, Review, Span, SpanId};

/// Accept one suggested span. Its links come along: each suggested link whose other end is
/// accepted (or is this span) is accepted in the same step, so a quote and its speaker, once
/// both accepted, are linked without a third decision. A link whose other end is still a
/// suggestion stays one (it is decided with that end, or on its own). Accepting an accepted
/// span is an empty batch. The window, `newsmark` and [`accept_all`] all decide this here.
pub fn accept(set: &AnnotationSet, span_id: SpanId) -> Result<Edit, EditError> {
    accept_spans(set, &[span_id])
}

/// Accept `ids` (suggested spans) and, in the same step, their suggested links whose other
/// end is accepted or among `ids`.
fn accept_spans(set: &AnnotationSet, ids: &[SpanId]) -> Result<Edit, EditError> {
    let accepting: std::collections::HashSet<SpanId> = ids.iter().copied().collect();
    let accepted = |id: SpanId| {
        accepting.contains(&id) || set.span(id).is_some_and(|s| s.review.is_accepted())
    };
    let mut edits = Vec::new();
    let mut links = std::collections::BTreeSet::new();
    for &id in ids {
        let span = set.span(id).ok_or(EditError::NoSuchSpan(id.0))?;
        if span.review.is_accepted() {
            continue;
        }
        let mut span = span.clone();
        span.review = Review::Accepted;
        edits.push(Edit::UpdateSpan(span));
        for relation in set.relations_of(id) {
            if !relation.review.is_accepted()
                && accepted(relation.from)
                && accepted(relation.to)
                && links.insert(relation.id)
            {
                let mut relation = relation.clone();
                relation.review = Review::Accepted;
                edits.push(Edit::UpdateRelation(relation));
            }
        }
    }
    Ok(Edit::Batch(edits))
}

/// The quote `from` with its `speaker_form` following the speaker `to` the user gives it
/// with a `said_by` link (or accepts): a PERSON is a name, so a quote whose form says
/// "nominal" (the rules' SOURCE the user turned down) or "none" says "name". `None` when
/// nothing changes (a pronoun stays a pronoun: that is how the text refers to the person).
pub fn speaker_form_after_link(
    set: &AnnotationSet,
    label: &str,
    from: SpanId,
    to: SpanId,
) -> Option<Span> {
    let quote = set.span(from)?;
    let speaker = set.span(to)?;
    let form = quote.attributes.get(vocab::SPEAKER_FORM)?.as_str()?;
    if label != vocab::SAID_BY
        || quote.label != vocab::QUOTE
        || speaker.label != vocab::PERSON
        || !matches!(form, "nominal" | "none")
    {
        return None;
    }
    let mut quote = quote.clone();
    quote
        .attributes
        .insert(vocab::SPEAKER_FORM.into(), Form::Name.attribute().into());
    Some(quote)
}

/// Reject one suggested span: remove it (with the relations touching it) and remember the
/// rejection. Refuses accepted spans, which are deleted as ordinary spans instead.
pub fn reject(set: &AnnotationSet, span_id: SpanId) -> Result<Edit, EditError> {
    let span = set.span(span_id).ok_or(EditError::NoSuchSpan(span_id.0))?;
    if span.review.is_accepted() {
        return Ok(Edit::Batch(Vec::new()));
    }
    Ok(Edit::Batch(vec![
        Edit::RemoveSpan(span_id),
        Edit::RememberRejected(Rejected::span(span)),
    ]))
}

/// Accept every suggested span with `label`, with their links as [`accept`] says.
pub fn accept_all(set: &AnnotationSet, label: &str) -> Edit {
    let ids: Vec<SpanId> = set
        .spans_ordered()
        .filter(|s| s.label == label && !s.review.is_accepted())
        .map(|s| s.id)
        .collect();
    // Every id comes from the set: nothing can be missing.
    accept_spans(set, &ids).unwrap_or(Edit::Batch(Vec::new()))
}

/// Reject (remove, and remember as rejected) every suggested span with `label`.
pub fn reject_all(set: &AnnotationSet, label: &str) -> Edit {
    Edit::Batch(
        set.spans_ordered()
            .filter(|s| s.label == label && !s.review.is_accepted())
            .flat_map(|s| {
                [
                    Edit::RemoveSpan(s.id),
                    Edit::RememberRejected(Rejected::span(s)),
                ]
            })
            .collect(),
    )
}

/// Accept one suggested relation. Its two spans are accepted with it: an accepted link
/// between unreviewed spans would be a half decision.
pub fn accept_relation(set: &AnnotationSet, relation_id: RelationId) -> Result<Edit, EditError> {
    let relation = set
        .relation(relation_id)
        .ok_or(EditError::NoSuchRelation(relation_id.0))?;
    let mut edits = match accept_spans(set, &[relation.from, relation.to])? {
        Edit::Batch(edits) => edits,
        other => vec![other],
    };
    let included = edits
        .iter()
        .any(|e| matches!(e, Edit::UpdateRelation(r) if r.id == relation_id));
    if !relation.review.is_accepted() && !included {
        let mut relation = relation.clone();
        relation.review = Review::Accepted;
        edits.push(Edit::UpdateRelation(relation));
    }
    if let Some(mut quote) =
        speaker_form_after_link(set, &relation.label, relation.from, relation.to)
    {
        // (The quote may be accepted in this same step.)
        quote.review = Review::Accepted;
        edits.push(Edit::UpdateSpan(quote));
    }
    Ok(Edit::Batch(edits))
}

/// Reject (remove, and remember as rejected) one suggested relation; its spans stay.
pub fn reject_relation(set: &AnnotationSet, relation_id: RelationId) -> Result<Edit, EditError> {
    let relation = set
        .relation(relation_id)
        .ok_or(EditError::NoSuchRelation(relation_id.0))?;
    if relation.review.is_accepted() {
        return Ok(Edit::Batch(Vec::new()));
    }
    let mut edits = vec![Edit::RemoveRelation(relation_id)];
    edits.extend(Rejected::link(set, relation).map(Edit::RememberRejected));
    Ok(Edit::Batch(edits))
}

/// Accept every suggested relation of type `label`, with its spans.
pub fn accept_all_relations(set: &AnnotationSet, label: &str) -> Edit {
    let mut edits = Vec::new();
    let mut accepted_spans = std::collections::HashSet::new();
    for relation in set
        .relations()
        .filter(|r| r.label == label && !r.review.is_accepted())
    {
        for end in [relation.from, relation.to] {
            if let Some(span) = set.span(end)
                && !span.review.is_accepted()
                && accepted_spans.insert(end)
            {
                let mut span = span.clone();
                span.review = Review::Accepted;
                edits.push(Edit::UpdateSpan(span));
            }
        }
        let mut relation = relation.clone();
        relation.review = Review::Accepted;
        edits.push(Edit::UpdateRelation(relation));
    }
    Edit::Batch(edits)
}

/// Reject (remove, and remember as rejected) every suggested relation of type `label`.
pub fn reject_all_relations(set: &AnnotationSet, label: &str) -> Edit {
    Edit::Batch(
        set.relations()
            .filter(|r| r.label == label && !r.review.is_accepted())
            .flat_map(|r| {
                std::iter::once(Edit::RemoveRelation(r.id))
                    .chain(Rejected::link(set, r).map(Edit::RememberRejected))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::apply;
    use crate::model::schema::Schema;
    use crate::model::set::Document;
    use crate::suggest::{Options, suggest};

    fn suggested() -> AnnotationSet {
        let mut set = AnnotationSet::new(
            Document::new(
                "“We will not wait for anyone,” said Ana Ferreira. “Nor will we,” said Tom Ng.\n",
            ),
            Schema::default(),
        );
        let suggestions = suggest(&mut set, &Options::default());
        apply(&mut set, suggestions.edit).unwrap();
        set
    }

    fn quotes(set: &AnnotationSet) -> Vec<SpanId> {
        set.spans_ordered()
            .filter(|s| s.label == "QUOTE")
            .map(|s| s.id)
            .collect()
    }

    #[test]
    fn accept_and_reject_one_and_undo() {
        let mut set = suggested();
        let before = set.clone();
        let [first, second] = quotes(&set)[..] else {
            panic!("two quotes")
        };
        let undo_accept = {
            let edit = accept(&set, first).unwrap();
            apply(&mut set, edit)
        }
        .unwrap();
        assert!(set.span(first).unwrap().review.is_accepted());
        assert_eq!(
            set.span(first).unwrap().origin.as_deref(),
            Some("rule:quote.curly")
        );
        let relations_before = set.relation_count();
        let undo_reject = {
            let edit = reject(&set, second).unwrap();
            apply(&mut set, edit)
        }
        .unwrap();
        assert!(set.span(second).is_none());
        assert!(set.relation_count() < relations_before);
        apply(&mut set, undo_reject).unwrap();
        apply(&mut set, undo_accept).unwrap();
        assert_eq!(set, before);
    }

    #[test]
    fn all_of_a_label_at_once() {
        let mut set = suggested();
        let before = set.clone();
        let undo = {
            let edit = accept_all(&set, "PERSON");
            apply(&mut set, edit)
        }
        .unwrap();
        assert!(
            set.spans_ordered()
                .filter(|s| s.label == "PERSON")
                .all(|s| s.review.is_accepted())
        );
        assert!(
            set.spans_ordered()
                .any(|s| s.label == "QUOTE" && !s.review.is_accepted())
        );
        apply(&mut set, undo).unwrap();
        assert_eq!(set, before);
        let undo = {
            let edit = reject_all(&set, "QUOTE");
            apply(&mut set, edit)
        }
        .unwrap();
        assert!(quotes(&set).is_empty());
        apply(&mut set, undo).unwrap();
        assert_eq!(set, before);
    }

    #[test]
    fn relations_accept_with_their_spans() {
        let mut set = suggested();
        let before = set.clone();
        let said_by = set
            .relations()
            .find(|r| r.label == "said_by")
            .unwrap()
            .clone();
        {
            let edit = accept_relation(&set, said_by.id).unwrap();
            apply(&mut set, edit)
        }
        .unwrap();
        assert!(set.relation(said_by.id).unwrap().review.is_accepted());
        assert!(set.span(said_by.from).unwrap().review.is_accepted());
        assert!(set.span(said_by.to).unwrap().review.is_accepted());
        set = before.clone();
        let undo = {
            let edit = accept_all_relations(&set, "said_by");
            apply(&mut set, edit)
        }
        .unwrap();
        assert!(
            set.relations()
                .filter(|r| r.label == "said_by")
                .all(|r| r.review.is_accepted())
        );
        apply(&mut set, undo).unwrap();
        assert_eq!(set, before);
        let undo = {
            let edit = reject_all_relations(&set, "cue");
            apply(&mut set, edit)
        }
        .unwrap();
        assert!(set.relations().all(|r| r.label != "cue"));
        apply(&mut set, undo).unwrap();
        assert_eq!(set, before);
        {
            let edit = reject_relation(&set, said_by.id).unwrap();
            apply(&mut set, edit)
        }
        .unwrap();
        assert!(set.relation(said_by.id).is_none());
    }
}
