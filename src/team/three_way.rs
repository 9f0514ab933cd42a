//! The three-way merge of annotation sets behind `newsmark merge-driver`: by span id and
//! relation id, so two people who annotate the same set on two branches merge cleanly.
//!
//! - A span (or relation) changed on one side only takes that side's version; deleted on one
//!   side and unchanged on the other, it is deleted.
//! - Spans added on both sides are both kept, even when they carry the same new id: theirs is
//!   renumbered and their relations follow. The same span added on both sides is kept once.
//! - A true conflict (changed two ways, or changed on one side and deleted on the other)
//!   keeps ours and adds theirs as a suggestion with `origin: "conflict:theirs"`; a span ours
//!   changed and theirs deleted stays, as a suggestion with `origin: "conflict:deleted-by-theirs"`
//!   (accept it to keep it, reject it to delete it). When both versions sit at the same label
//!   and offsets (they differ in attributes or note), ours stays, as a suggestion with
//!   `origin: "conflict:ours"`, and theirs is described in its note. The result is always a
//!   valid set; a conflict is reported and makes the driver exit non-zero.
//! - A span a conflict keeps as a suggestion keeps the links that reach it, as suggestions of
//!   the same origin (accepting the span accepts them, rejecting it removes them); a link
//!   that cannot stay (its other end is gone) is reported. A span changed two ways keeps its
//!   links on ours, and theirs' version carries copies as suggestions.
//! - A link type with one target per source (`vocab::relation::ONE_TARGET`: a quote's
//!   speaker) given one target by ours and another by theirs is a conflict: both links
//!   become suggestions (`conflict:ours`, `conflict:theirs`).
//! - A `curated` set left with conflicts becomes `in_curation`.

use std::collections::{BTreeMap, BTreeSet};

use foldhash::{HashMap, HashMapExt};

use crate::model::edit::{self, Edit, EditError};
use crate::model::set::{AnnotationSet, Rejected, Status};
use crate::model::span::{Relation, RelationId, Review, Span, SpanId};
use crate::model::vocab;

use super::differences;

/// Who "ours" and "theirs" are in a merge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    /// A rebase replays the user's commits onto the upstream: git's "ours" (%A) is then the
    /// upstream's version and "theirs" (%B) the user's own commit being replayed, so the
    /// user's edit is the one a conflict offers as a suggestion.
    pub rebase: bool,
}

/// What the messages and notes add during a rebase.
pub const REBASE_NOTE: &str = "during a rebase 'ours' is the upstream's version and 'theirs' is your commit being replayed: your edit is the suggestion";

impl Sides {
    fn suffix(self) -> String {
        if self.rebase {
            format!(" ({REBASE_NOTE})")
        } else {
            String::new()
        }
    }
}

/// A conflict suggestion's note: its own note (if any), then what the conflict was.
fn conflict_note(own: Option<&String>, what: &str, sides: Sides) -> String {
    format!(
        "{}[merge conflict: {what}{}]",
        own.map(|n| format!("{n} ")).unwrap_or_default(),
        sides.suffix()
    )
}

/// True when either side remembers `span`'s label and offsets as a rejected suggestion.
fn rejected_before(span: &Span, ours: &AnnotationSet, theirs: &AnnotationSet) -> bool {
    let rejected = Rejected::span(span);
    ours.was_rejected(&rejected) || theirs.was_rejected(&rejected)
}

/// What a three-way merge produced.
#[derive(Debug)]
pub struct ThreeWay {
    pub set: AnnotationSet,
    /// True conflicts, one line each (empty: a clean merge).
    pub conflicts: Vec<String>,
    /// Other things worth saying (renumbered spans, duplicates kept once).
    pub notes: Vec<String>,
}

/// Why the sets cannot be merged span by span (ours is left as it is).
#[derive(Debug, thiserror::Error)]
pub enum ThreeWayError {
    #[error(
        "the two sides annotate different texts (sha256 {ours}… and {theirs}…); keep one side's text and re-anchor the other side's set onto it with `newsmark reanchor`"
    )]
    DifferentTexts { ours: String, theirs: String },
}

fn same_span(a: &Span, b: &Span) -> bool {
    a.label == b.label
        && a.start == b.start
        && a.end == b.end
        && a.attributes == b.attributes
        && a.note == b.note
        && a.origin == b.origin
        && a.review == b.review
        && a.annotators == b.annotators
}

fn same_relation(a: &Relation, b: &Relation) -> bool {
    a.label == b.label
        && a.from == b.from
        && a.to == b.to
        && a.origin == b.origin
        && a.review == b.review
}

fn pick<'a, T: PartialEq>(base: &'a T, ours: &'a T, theirs: &'a T) -> (&'a T, bool) {
    if ours == theirs || theirs == base {
        (ours, false)
    } else if ours == base {
        (theirs, false)
    } else {
        (ours, true)
    }
}

/// Merge `ours` and `theirs`, both descended from `base` (`None`: the file was added on both
/// sides).
pub fn merge(
    base: Option<&AnnotationSet>,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
) -> Result<ThreeWay, ThreeWayError> {
    merge_sides(base, ours, theirs, Sides::default())
}

/// [`merge`], with `sides` saying who ours and theirs are (a rebase swaps them).
pub fn merge_sides(
    base: Option<&AnnotationSet>,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    sides: Sides,
) -> Result<ThreeWay, ThreeWayError> {
    if ours.text().sha256() != theirs.text().sha256() {
        return Err(ThreeWayError::DifferentTexts {
            ours: ours.text().sha256()[..12].to_string(),
            theirs: theirs.text().sha256()[..12].to_string(),
        });
    }
    let empty = AnnotationSet::new(ours.document.clone(), ours.schema.clone());
    let base = base
        .filter(|b| b.text().sha256() == ours.text().sha256())
        .unwrap_or(&empty);
    let mut conflicts = Vec::new();
    let mut notes = Vec::new();

    // Top-level fields.
    let (schema, schema_conflict) = pick(&base.schema, &ours.schema, &theirs.schema);
    let mut out = AnnotationSet::new(ours.document.clone(), schema.clone());
    if schema_conflict {
        conflicts.push(
            "the schema was changed on both sides; ours was kept (labels only theirs declares are added)"
                .into(),
        );
        for label in &theirs.schema.labels {
            if out.schema.label(&label.name).is_none() {
                out.schema.labels.push(label.clone());
            }
        }
        for relation in &theirs.schema.relations {
            if out.schema.relation(&relation.name).is_none() {
                out.schema.relations.push(relation.clone());
            }
        }
    }
    // The suggestions rejected on either side stay rejected.
    for rejected in ours.rejected().iter().chain(theirs.rejected()) {
        out.remember_rejected(rejected.clone(), true);
    }
    out.annotator = ours.annotator.clone();
    out.created = ours.created.clone();
    out.modified = ours.modified.clone().max(theirs.modified.clone());
    let (curation, curation_conflict) = pick(&base.curation, &ours.curation, &theirs.curation);
    out.curation = curation.clone();
    if curation_conflict {
        conflicts.push(
            "the curation record (the curator's decisions) changed on both sides; ours was kept"
                .into(),
        );
    }
    let (status, status_conflict) = pick(&base.status, &ours.status, &theirs.status);
    out.status = *status;
    if status_conflict {
        conflicts.push(format!(
            "the status was changed on both sides ({} and {}); ours was kept",
            ours.status.map(|s| s.as_str()).unwrap_or("none"),
            theirs.status.map(|s| s.as_str()).unwrap_or("none")
        ));
    }
    let keys: BTreeSet<&String> = base
        .document_labels
        .keys()
        .chain(ours.document_labels.keys())
        .chain(theirs.document_labels.keys())
        .collect();
    for key in keys {
        let (b, o, t) = (
            base.document_labels.get(key),
            ours.document_labels.get(key),
            theirs.document_labels.get(key),
        );
        let (value, conflict) = pick(&b, &o, &t);
        if conflict {
            conflicts.push(format!(
                "document label {key:?} was set two ways ({} and {}); ours was kept",
                show(o),
                show(t)
            ));
        }
        if let Some(value) = value {
            out.document_labels.insert(key.clone(), (*value).clone());
        }
    }

    // Spans, by id.
    let mut next_id = [base, ours, theirs]
        .iter()
        .flat_map(|s| s.spans_unordered().map(|sp| sp.id.0))
        .max()
        .unwrap_or(0)
        + 1;
    let ids: BTreeSet<SpanId> = [base, ours, theirs]
        .iter()
        .flat_map(|s| s.spans_unordered().map(|sp| sp.id))
        .collect();
    // Theirs' span ids -> the span in the result that stands for them (for a span changed two
    // ways, ours: the links both sides agree on stay on the version that stays).
    let mut theirs_map: HashMap<SpanId, SpanId> = HashMap::with_capacity(theirs.span_count());
    // Spans kept only as a conflict's suggestion (ours changed and theirs deleted, or the
    // reverse), by id in the result, with the suggestion's origin: their links come with them.
    let mut kept_as_suggestion: HashMap<SpanId, &'static str> = HashMap::new();
    // A span changed two ways: (ours in the result, theirs' version added as a suggestion).
    let mut two_versions: Vec<(SpanId, SpanId)> = Vec::new();
    let mut added_theirs: Vec<(Span, Option<&'static str>)> = Vec::new();
    let mut spans: Vec<Span> = Vec::with_capacity(ours.span_count() + 16);
    for id in ids {
        let (b, o, t) = (base.span(id), ours.span(id), theirs.span(id));
        match (b, o, t) {
            (_, Some(o), Some(t)) if same_span(o, t) => {
                spans.push(o.clone());
                theirs_map.insert(id, id);
            }
            (Some(b), Some(o), Some(t)) => {
                if same_span(o, b) {
                    spans.push(t.clone());
                    theirs_map.insert(id, id);
                } else if same_span(t, b) {
                    spans.push(o.clone());
                    theirs_map.insert(id, id);
                } else if (&t.label, t.start, t.end) != (&o.label, o.start, o.end)
                    && rejected_before(t, ours, theirs)
                {
                    notes.push(format!(
                        "span {}: theirs' {} {}..{} was rejected before: not suggested again (ours kept; ours → theirs: {})",
                        id.0,
                        t.label,
                        t.start,
                        t.end,
                        differences::describe(o, t)
                    ));
                    spans.push(o.clone());
                    theirs_map.insert(id, id);
                } else {
                    conflicts.push(format!(
                        "span {} ({} {}..{}) was changed on both sides ({}): ours kept, theirs ({} {}..{}) added as a suggestion",
                        id.0,
                        o.label,
                        o.start,
                        o.end,
                        differences::describe(o, t),
                        t.label,
                        t.start,
                        t.end
                    ));
                    spans.push(o.clone());
                    theirs_map.insert(id, id);
                    added_theirs.push((t.clone(), Some("conflict:theirs")));
                }
            }
            (None, Some(o), Some(t)) => {
                spans.push(o.clone());
                added_theirs.push((t.clone(), None));
            }
            (Some(b), Some(o), None) => {
                if !same_span(o, b) {
                    conflicts.push(format!(
                        "span {} ({} {}..{}) was changed on our side ({}) and deleted on theirs: kept as a suggestion (accept to keep, reject to delete)",
                        id.0,
                        o.label,
                        o.start,
                        o.end,
                        differences::describe(b, o)
                    ));
                    let mut kept = o.clone();
                    kept.review = Review::Suggested;
                    kept.origin = Some(DELETED_BY_THEIRS.into());
                    kept.note = Some(conflict_note(
                        o.note.as_ref(),
                        &format!(
                            "changed on our side ({}), deleted on theirs",
                            differences::describe_whole(b, o)
                        ),
                        sides,
                    ));
                    kept_as_suggestion.insert(id, DELETED_BY_THEIRS);
                    spans.push(kept);
                }
            }
            (Some(b), None, Some(t)) => {
                if !same_span(t, b) && rejected_before(t, ours, theirs) {
                    notes.push(format!(
                        "span {}: theirs' {} {}..{} was rejected before: not suggested again (it was deleted on our side)",
                        id.0, t.label, t.start, t.end
                    ));
                } else if !same_span(t, b) {
                    conflicts.push(format!(
                        "span {} ({} {}..{}) was deleted on our side and changed on theirs ({}): theirs added as a suggestion",
                        id.0,
                        t.label,
                        t.start,
                        t.end,
                        differences::describe(b, t)
                    ));
                    added_theirs.push((t.clone(), Some("conflict:theirs")));
                }
            }
            (None, Some(o), None) => spans.push(o.clone()),
            (None, None, Some(t)) => added_theirs.push((t.clone(), None)),
            (Some(_), None, None) | (None, None, None) => {}
        }
    }
    {
        let mut loader = out.span_loader(spans.len() + added_theirs.len());
        for span in spans {
            loader.push(span);
        }
    }
    for (mut span, conflict) in added_theirs {
        let their_id = span.id;
        // Theirs' version of a span changed two ways: ours stays under this id.
        let ours_version = theirs_map.get(&their_id).copied();
        if let Some(existing) = out.find_same(&span.label, span.range()) {
            let ours_span = out.span(existing).cloned().expect("found");
            if same_span(&ours_span, &span) {
                // The same span, added (or changed to the same thing) on both sides.
                theirs_map.insert(their_id, existing);
                continue;
            }
            // Two versions at one place: a set holds one span per label and offsets.
            let mut kept = ours_span.clone();
            kept.review = Review::Suggested;
            kept.origin = Some("conflict:ours".into());
            kept.note = Some(conflict_note(
                ours_span.note.as_ref(),
                &format!(
                    "this is ours, kept; theirs differs (ours → theirs: {})",
                    differences::describe_whole(&ours_span, &span)
                ),
                sides,
            ));
            if conflict.is_none() {
                conflicts.push(format!(
                    "span {} ({} {}..{}) was added on both sides, differing ({}): ours kept as a suggestion, theirs described in its note",
                    existing.0,
                    kept.label,
                    kept.start,
                    kept.end,
                    differences::describe(&ours_span, &span)
                ));
            }
            let _ = edit::apply(&mut out, Edit::UpdateSpan(kept));
            theirs_map.entry(their_id).or_insert(existing);
            continue;
        }
        if out.span(their_id).is_some() {
            span.id = SpanId(next_id);
            next_id += 1;
            if conflict.is_none() {
                notes.push(format!(
                    "span {} ({} {}..{}) added on both sides with id {}: theirs renumbered {}",
                    their_id.0, span.label, span.start, span.end, their_id.0, span.id.0
                ));
            }
        }
        if let Some(origin) = conflict {
            // The note the window shows says what the conflict was.
            let what = match ours_version.and_then(|id| out.span(id)) {
                Some(ours_span) => format!(
                    "theirs' version; ours, kept, differs (ours → theirs: {})",
                    differences::describe_whole(ours_span, &span)
                ),
                None => match base.span(their_id) {
                    Some(b) => format!(
                        "deleted on our side, changed on theirs ({})",
                        differences::describe_whole(b, &span)
                    ),
                    None => "theirs' version".into(),
                },
            };
            span.note = Some(conflict_note(span.note.as_ref(), &what, sides));
            span.review = Review::Suggested;
            span.origin = Some(origin.into());
        }
        if out.schema.label(&span.label).is_none() {
            out.schema.add_unknown_label(&span.label);
        }
        let id = span.id;
        match edit::apply(&mut out, Edit::AddSpan(span)) {
            Ok(_) => match ours_version {
                Some(ours_id) => two_versions.push((ours_id, id)),
                None => {
                    theirs_map.insert(their_id, id);
                    if let Some(origin) = conflict {
                        kept_as_suggestion.insert(id, origin);
                    }
                }
            },
            Err(error) => conflicts.push(format!(
                "span {} of theirs could not be added ({error}); left out",
                their_id.0
            )),
        }
    }

    // Relations, by id; theirs' ends follow their spans.
    let mut next_relation = [base, ours, theirs]
        .iter()
        .flat_map(|s| s.relations().map(|r| r.id.0))
        .max()
        .unwrap_or(0)
        + 1;
    let relation_ids: BTreeSet<RelationId> = [base, ours, theirs]
        .iter()
        .flat_map(|s| s.relations().map(|r| r.id))
        .collect();
    let map_theirs = |r: &Relation, map: &HashMap<SpanId, SpanId>| -> Option<Relation> {
        Some(Relation {
            from: *map.get(&r.from)?,
            to: *map.get(&r.to)?,
            ..r.clone()
        })
    };
    let mut relations: Vec<Relation> = Vec::new();
    let mut added_relations: Vec<(Relation, Option<&'static str>)> = Vec::new();
    // Links one side deleted with a span a conflict keeps: they stay with it (by id on their
    // own side), said in a note once they are in.
    let mut links_kept: BTreeSet<RelationId> = BTreeSet::new();
    let kept_note = |r: &Relation| {
        format!(
            "relation {} ({}, span {} -> {}) stays with the span kept as a suggestion, a suggestion too: accepting the span accepts it, rejecting it removes both",
            r.id.0, r.label, r.from.0, r.to.0
        )
    };
    for id in relation_ids {
        let (b, o, t) = (base.relation(id), ours.relation(id), theirs.relation(id));
        let t_mapped = t.and_then(|t| map_theirs(t, &theirs_map));
        match (b, o, t) {
            (_, Some(o), Some(_)) if t_mapped.as_ref().is_some_and(|t| same_relation(o, t)) => {
                relations.push(o.clone())
            }
            (Some(b), Some(o), Some(t)) => {
                if same_relation(o, b) {
                    added_relations.push((t.clone(), None));
                } else if same_relation(t, b) {
                    relations.push(o.clone());
                } else {
                    conflicts.push(format!(
                        "relation {} ({}) was changed on both sides: ours kept, theirs added as a suggestion",
                        id.0, o.label
                    ));
                    relations.push(o.clone());
                    added_relations.push((t.clone(), Some("conflict:theirs")));
                }
            }
            (None, Some(o), Some(t)) => {
                relations.push(o.clone());
                added_relations.push((t.clone(), None));
            }
            (Some(b), Some(o), None) => {
                if !same_relation(o, b) {
                    conflicts.push(format!(
                        "relation {} ({}) was changed on our side and deleted on theirs: kept as a suggestion",
                        id.0, o.label
                    ));
                    let mut kept = o.clone();
                    kept.review = Review::Suggested;
                    kept.origin = Some(DELETED_BY_THEIRS.into());
                    relations.push(kept);
                } else if let Some(origin) = [o.from, o.to]
                    .iter()
                    .find_map(|end| kept_as_suggestion.get(end))
                {
                    // Theirs deleted it with a span that stays as a suggestion: it stays with
                    // it, a suggestion too (accepting the span accepts it, rejecting removes it).
                    links_kept.insert(id);
                    let mut kept = o.clone();
                    // An unreviewed suggestion keeps its own origin (it goes with the span).
                    if kept.review.is_accepted() {
                        kept.review = Review::Suggested;
                        kept.origin = Some((*origin).into());
                    }
                    relations.push(kept);
                }
            }
            (Some(b), None, Some(t)) => {
                if !same_relation(t, b) {
                    conflicts.push(format!(
                        "relation {} ({}) was deleted on our side and changed on theirs: theirs added as a suggestion",
                        id.0, t.label
                    ));
                    added_relations.push((t.clone(), Some("conflict:theirs")));
                } else if [t.from, t.to].iter().any(|end| {
                    theirs_map
                        .get(end)
                        .is_some_and(|id| kept_as_suggestion.contains_key(id))
                }) {
                    // Ours deleted it with a span that comes back as theirs' suggestion.
                    links_kept.insert(id);
                    let origin = t.review.is_accepted().then_some("conflict:theirs");
                    added_relations.push((t.clone(), origin));
                }
            }
            (None, Some(o), None) => relations.push(o.clone()),
            (None, None, Some(t)) => added_relations.push((t.clone(), None)),
            (Some(_), None, None) | (None, None, None) => {}
        }
    }
    for relation in relations {
        // Ours' relation to a span theirs deleted goes with the span (unless it was changed).
        if out.span(relation.from).is_none() || out.span(relation.to).is_none() {
            let unchanged = base
                .relation(relation.id)
                .is_some_and(|b| same_relation(b, &relation));
            let kept_end = [relation.from, relation.to]
                .into_iter()
                .find(|end| kept_as_suggestion.contains_key(end));
            if let Some(kept_end) = kept_end {
                conflicts.push(format!(
                    "relation {} ({}) of span {}, kept as a suggestion, links a span theirs deleted; left out",
                    relation.id.0, relation.label, kept_end.0
                ));
            } else if !unchanged {
                conflicts.push(format!(
                    "relation {} ({}) was added or changed on our side, but theirs deleted a span it links; left out",
                    relation.id.0, relation.label
                ));
            }
            continue;
        }
        let id = relation.id;
        let note = links_kept.contains(&id).then(|| kept_note(&relation));
        match edit::apply(&mut out, Edit::AddRelation(relation)) {
            Ok(_) => notes.extend(note),
            Err(error) => notes.push(format!("relation {} of ours left out: {error}", id.0)),
        }
    }
    for (relation, conflict) in added_relations {
        let their_id = relation.id;
        let Some(mut mapped) = map_theirs(&relation, &theirs_map) else {
            let unchanged = base
                .relation(their_id)
                .is_some_and(|b| same_relation(b, &relation));
            let kept_end = [relation.from, relation.to]
                .iter()
                .filter_map(|end| theirs_map.get(end))
                .find(|end| kept_as_suggestion.contains_key(end));
            if let Some(kept_end) = kept_end {
                conflicts.push(format!(
                    "relation {} ({}) of span {}, kept as a suggestion, links a span ours deleted; left out",
                    their_id.0, relation.label, kept_end.0
                ));
            } else if !unchanged {
                conflicts.push(format!(
                    "relation {} ({}) was added or changed on their side, but ours deleted a span it links; left out",
                    their_id.0, relation.label
                ));
            }
            continue;
        };
        if out.relations().any(|r| same_relation(r, &mapped)) {
            continue;
        }
        if out.relation(mapped.id).is_some() {
            mapped.id = RelationId(next_relation);
            next_relation += 1;
        }
        if let Some(origin) = conflict {
            mapped.review = Review::Suggested;
            mapped.origin = Some(origin.into());
        }
        let note = links_kept.contains(&their_id).then(|| kept_note(&mapped));
        match edit::apply(&mut out, Edit::AddRelation(mapped)) {
            Ok(_) => notes.extend(note),
            Err(error) => {
                let error: EditError = error;
                conflicts.push(format!(
                    "relation {} of theirs could not be added ({error}); left out",
                    their_id.0
                ));
            }
        }
    }
    one_target_conflicts(&mut out, ours, theirs, &theirs_map, &mut conflicts);
    // Theirs' version of a span changed two ways carries the links ours' version has, as
    // suggestions: taking theirs (accept it, delete ours) keeps them.
    for (ours_id, theirs_id) in two_versions {
        let links: Vec<Relation> = out.relations_of(ours_id).cloned().collect();
        for link in links {
            let swap = |end: SpanId| if end == ours_id { theirs_id } else { end };
            let copy = Relation {
                id: RelationId(next_relation),
                from: swap(link.from),
                to: swap(link.to),
                review: Review::Suggested,
                origin: Some("conflict:theirs".into()),
                ..link
            };
            if out
                .relations()
                .any(|r| r.label == copy.label && r.from == copy.from && r.to == copy.to)
            {
                continue;
            }
            next_relation += 1;
            if let Err(error) = edit::apply(&mut out, Edit::AddRelation(copy)) {
                notes.push(format!(
                    "a link of theirs' version (span {}) was not copied: {error}",
                    theirs_id.0
                ));
            }
        }
    }
    if !conflicts.is_empty() && out.status == Some(Status::Curated) {
        out.status = Some(Status::InCuration);
        notes.push(
            "status curated -> in_curation: the conflicts are left as suggestions to decide".into(),
        );
    }
    Ok(ThreeWay {
        set: out,
        conflicts,
        notes,
    })
}

const DELETED_BY_THEIRS: &str = "conflict:deleted-by-theirs";

/// A link type with one target per source (a quote's speaker, a claim's claimant) that got
/// one target from ours and another from theirs is a conflict: both links become suggestions
/// (`conflict:ours`, `conflict:theirs`) to choose between. Targets both sides have, and links
/// already in a conflict, are left alone; one side's own second target is its own choice.
fn one_target_conflicts(
    out: &mut AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    theirs_map: &HashMap<SpanId, SpanId>,
    conflicts: &mut Vec<String>,
) {
    let key = |r: &Relation| (r.label.clone(), r.from, r.to);
    let ours_links: BTreeSet<(String, SpanId, SpanId)> = ours.relations().map(key).collect();
    let theirs_links: BTreeSet<(String, SpanId, SpanId)> = theirs
        .relations()
        .filter_map(|r| {
            Some((
                r.label.clone(),
                *theirs_map.get(&r.from)?,
                *theirs_map.get(&r.to)?,
            ))
        })
        .collect();
    let mut groups: BTreeMap<(String, SpanId), Vec<Relation>> = BTreeMap::new();
    for relation in out.relations() {
        if vocab::relation::ONE_TARGET.contains(&relation.label.as_str())
            && !relation
                .origin
                .as_deref()
                .is_some_and(|o| o.starts_with("conflict:"))
        {
            groups
                .entry((relation.label.clone(), relation.from))
                .or_default()
                .push(relation.clone());
        }
    }
    for ((label, from), links) in groups {
        let (mut ours_only, mut theirs_only) = (Vec::new(), Vec::new());
        for link in links {
            let k = key(&link);
            match (ours_links.contains(&k), theirs_links.contains(&k)) {
                (true, false) => ours_only.push(link),
                (false, true) => theirs_only.push(link),
                _ => {}
            }
        }
        if ours_only.is_empty() || theirs_only.is_empty() {
            continue;
        }
        let describe = |links: &[Relation]| {
            links
                .iter()
                .filter_map(|r| out.span(r.to))
                .map(|s| format!("span {} ({} {}..{})", s.id.0, s.label, s.start, s.end))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let source = out
            .span(from)
            .map(|s| format!("{} {}..{}", s.label, s.start, s.end))
            .unwrap_or_default();
        conflicts.push(format!(
            "span {} ({source}) has one {label} target, but ours links {} and theirs {}: both kept as suggestions (accept one, reject the other)",
            from.0,
            describe(&ours_only),
            describe(&theirs_only)
        ));
        for (links, origin) in [
            (ours_only, "conflict:ours"),
            (theirs_only, "conflict:theirs"),
        ] {
            for mut link in links {
                link.review = Review::Suggested;
                link.origin = Some(origin.into());
                let _ = edit::apply(out, Edit::UpdateRelation(link));
            }
        }
    }
}

fn show(value: Option<&serde_json::Value>) -> String {
    value
        .map(|v| v.to_string())
        .unwrap_or_else(|| "removed".into())
}

/// Counts of what changed, for messages.
pub fn summary(result: &ThreeWay) -> BTreeMap<&'static str, usize> {
    BTreeMap::from([
        ("spans", result.set.span_count()),
        ("relations", result.set.relation_count()),
        ("conflicts", result.conflicts.len()),
    ])
}

#[cfg(test)]
#[path = "three_way_tests.rs"]
mod tests;
