//! Every change to annotations is an [`Edit`], applied by [`apply`], which returns the edit
//! that undoes it. The window, the command line, suggestions and tests all go through here.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::bidi::Direction;
use super::set::AnnotationSet;
use super::span::{Relation, RelationId, Span, SpanId};

/// Serialized (for the edit journal) as `{"add_span": {...}}`, `{"remove_span": 3}`, ...
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Add a span (its id must be unused: take one from [`AnnotationSet::new_span_id`]).
    AddSpan(Span),
    /// Remove a span and every relation touching it.
    RemoveSpan(SpanId),
    /// Replace a span's label, range, attributes, note, origin or review state (same id).
    UpdateSpan(Span),
    AddRelation(Relation),
    RemoveRelation(RelationId),
    UpdateRelation(Relation),
    /// Set (`Some`) or clear (`None`) a document-level label.
    SetDocumentLabel(String, Option<serde_json::Value>),
    /// Set the base direction of the article's paragraphs (`auto`, `ltr`, `rtl`).
    SetDirection(Direction),
    /// Several edits as one undo step, applied in order.
    Batch(Vec<Edit>),
    /// Set (`Some`) or clear (`None`) the set's corpus status (mark done, undoably).
    SetStatus(Option<super::set::Status>),
    /// Remember a rejected suggestion, so suggesting again leaves it out (a rejection is
    /// this with the removal of the suggestion, one step).
    RememberRejected(super::set::Rejected),
    /// Forget a remembered rejection (the inverse of [`Edit::RememberRejected`]).
    ForgetRejected(super::set::Rejected),
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("span {0} does not exist")]
    NoSuchSpan(u64),
    #[error("relation {0} does not exist")]
    NoSuchRelation(u64),
    #[error("id {0} is already used")]
    DuplicateId(u64),
    #[error("the range {start}..{end} is empty or reversed")]
    EmptyRange { start: usize, end: usize },
    #[error("the range {start}..{end} ends past the text ({len} characters)")]
    OutOfRange {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("the schema has no label {0:?}")]
    UnknownLabel(String),
    #[error("a {label} span already covers exactly {start}..{end}")]
    DuplicateSpan {
        label: String,
        start: usize,
        end: usize,
    },
    #[error("relation refused: {0}")]
    RelationRefused(String),
    #[error("the schema has no document label {0:?}")]
    UnknownDocumentLabel(String),
}

/// What an applied edit touched: the text range to re-highlight.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Touched {
    pub range: Option<Range<usize>>,
}

impl Touched {
    fn add(&mut self, range: Range<usize>) {
        self.range = Some(match self.range.take() {
            Some(r) => r.start.min(range.start)..r.end.max(range.end),
            None => range,
        });
    }
}

impl Edit {
    /// A one-line description for the history and the status bar.
    pub fn describe(&self) -> String {
        match self {
            Edit::AddSpan(s) => format!("add {} {}..{}", s.label, s.start, s.end),
            Edit::RemoveSpan(id) => format!("delete span {}", id.0),
            Edit::UpdateSpan(s) => format!("change span {} ({})", s.id.0, s.label),
            Edit::AddRelation(r) => format!("link {} -> {} ({})", r.from.0, r.to.0, r.label),
            Edit::RemoveRelation(id) => format!("delete relation {}", id.0),
            Edit::UpdateRelation(r) => format!("change relation {} ({})", r.id.0, r.label),
            Edit::SetDocumentLabel(name, _) => format!("set document label {name}"),
            Edit::SetDirection(direction) => format!("set direction {}", direction.as_str()),
            Edit::SetStatus(status) => format!("set status {status:?}"),
            Edit::RememberRejected(_) => "remember a rejected suggestion".to_string(),
            Edit::ForgetRejected(_) => "forget a rejected suggestion".to_string(),
            Edit::Batch(edits) => match edits.as_slice() {
                [one] => one.describe(),
                _ => format!("{} changes", edits.len()),
            },
        }
    }
}

/// What the edit whose inverse is `inverse` did, said as the user did it ("add PERSON 4..9"),
/// read with `set` in the state that edit left (its spans and links are looked up there).
/// The history keeps inverses; the status bar names actions.
pub fn describe_done(inverse: &Edit, set: &AnnotationSet) -> String {
    let span = |id: SpanId| {
        set.span(id)
            .map(|s| format!("{} {}..{}", s.label, s.start, s.end))
            .unwrap_or_else(|| format!("span {}", id.0))
    };
    match inverse {
        Edit::RemoveSpan(id) => format!("add {}", span(*id)),
        Edit::AddSpan(s) => format!("delete {} {}..{}", s.label, s.start, s.end),
        Edit::UpdateSpan(old) => match set.span(old.id) {
            Some(now) if now.label != old.label => {
                format!(
                    "relabel {} {}..{} as {}",
                    old.label, now.start, now.end, now.label
                )
            }
            Some(now) => format!("change {} {}..{}", now.label, now.start, now.end),
            None => format!("change span {}", old.id.0),
        },
        Edit::RemoveRelation(id) => match set.relation(*id) {
            Some(r) => format!("link {} -> {} ({})", r.from.0, r.to.0, r.label),
            None => format!("add link {}", id.0),
        },
        Edit::AddRelation(r) => format!("delete link {} -> {} ({})", r.from.0, r.to.0, r.label),
        Edit::UpdateRelation(old) => format!("change link {} ({})", old.id.0, old.label),
        Edit::SetDocumentLabel(name, _) => format!("set document label {name}"),
        Edit::SetDirection(_) => format!("set direction {}", set.document.direction.as_str()),
        Edit::SetStatus(_) => "set the status".to_string(),
        Edit::ForgetRejected(_) => "reject a suggestion".to_string(),
        Edit::RememberRejected(_) => "take back a rejection".to_string(),
        Edit::Batch(inverses) => {
            // A span deleted with its links is one step: name the span.
            let is_span = |e: &&Edit| {
                matches!(
                    e,
                    Edit::AddSpan(_) | Edit::RemoveSpan(_) | Edit::UpdateSpan(_)
                )
            };
            let spans: Vec<&Edit> = inverses.iter().filter(is_span).collect();
            match (inverses.as_slice(), spans.as_slice()) {
                ([one], _) => describe_done(one, set),
                (_, [span]) => {
                    // (A rejection remembered with it is no link.)
                    let links = inverses
                        .iter()
                        .filter(|e| {
                            matches!(
                                e,
                                Edit::AddRelation(_)
                                    | Edit::RemoveRelation(_)
                                    | Edit::UpdateRelation(_)
                            )
                        })
                        .count();
                    match links {
                        0 => describe_done(span, set),
                        1 => format!("{}, with 1 link", describe_done(span, set)),
                        _ => format!("{}, with {links} links", describe_done(span, set)),
                    }
                }
                _ => format!("{} changes", inverses.len()),
            }
        }
    }
}

/// Apply `edit` to `set`. On success returns the inverse edit, which [`apply`] accepts to undo
/// it. On error the set is unchanged (a failing batch is rolled back).
pub fn apply(set: &mut AnnotationSet, edit: Edit) -> Result<Edit, EditError> {
    apply_touching(set, edit, &mut Touched::default())
}

/// [`apply`], also reporting the text range whose highlighting changed.
pub fn apply_touching(
    set: &mut AnnotationSet,
    edit: Edit,
    touched: &mut Touched,
) -> Result<Edit, EditError> {
    match edit {
        Edit::AddSpan(span) => {
            check_span(set, &span)?;
            if set.span(span.id).is_some() {
                return Err(EditError::DuplicateId(span.id.0));
            }
            if set.find_same(&span.label, span.range()).is_some() {
                return Err(EditError::DuplicateSpan {
                    label: span.label.clone(),
                    start: span.start,
                    end: span.end,
                });
            }
            let id = span.id;
            touched.add(span.range());
            set.insert_span_raw(span);
            Ok(Edit::RemoveSpan(id))
        }
        Edit::RemoveSpan(id) => {
            let attached: Vec<RelationId> = set.relations_of(id).map(|r| r.id).collect();
            let span = set.remove_span_raw(id).ok_or(EditError::NoSuchSpan(id.0))?;
            touched.add(span.range());
            let mut restore = vec![Edit::AddSpan(span)];
            for relation_id in attached {
                if let Some(relation) = set.remove_relation_raw(relation_id) {
                    restore.push(Edit::AddRelation(relation));
                }
            }
            Ok(if restore.len() == 1 {
                restore.remove(0)
            } else {
                Edit::Batch(restore)
            })
        }
        Edit::UpdateSpan(span) => {
            check_span(set, &span)?;
            let old = set
                .span(span.id)
                .ok_or(EditError::NoSuchSpan(span.id.0))?
                .clone();
            if (old.label != span.label || old.range() != span.range())
                && set.find_same(&span.label, span.range()).is_some()
            {
                return Err(EditError::DuplicateSpan {
                    label: span.label.clone(),
                    start: span.start,
                    end: span.end,
                });
            }
            if old.label != span.label {
                // Relations must stay allowed under the new label.
                for relation in set.relations_of(span.id) {
                    let (from, to) = (relation.from, relation.to);
                    let label_of = |id: SpanId| {
                        if id == span.id {
                            Some(span.label.as_str())
                        } else {
                            set.span(id).map(|s| s.label.as_str())
                        }
                    };
                    if let (Some(f), Some(t)) = (label_of(from), label_of(to))
                        && let Some(why) = set.schema.relation_refusal(&relation.label, f, t)
                    {
                        return Err(EditError::RelationRefused(format!(
                            "relabelling would break relation {}: {why}",
                            relation.id.0
                        )));
                    }
                }
            }
            touched.add(old.range());
            touched.add(span.range());
            set.insert_span_raw(span);
            Ok(Edit::UpdateSpan(old))
        }
        Edit::AddRelation(relation) => {
            check_relation(set, &relation)?;
            if set.relation(relation.id).is_some() {
                return Err(EditError::DuplicateId(relation.id.0));
            }
            let id = relation.id;
            touch_relation(set, &relation, touched);
            set.insert_relation_raw(relation);
            Ok(Edit::RemoveRelation(id))
        }
        Edit::RemoveRelation(id) => {
            let relation = set
                .remove_relation_raw(id)
                .ok_or(EditError::NoSuchRelation(id.0))?;
            touch_relation(set, &relation, touched);
            Ok(Edit::AddRelation(relation))
        }
        Edit::UpdateRelation(relation) => {
            check_relation(set, &relation)?;
            let old = set
                .relation(relation.id)
                .ok_or(EditError::NoSuchRelation(relation.id.0))?
                .clone();
            touch_relation(set, &old, touched);
            touch_relation(set, &relation, touched);
            set.insert_relation_raw(relation);
            Ok(Edit::UpdateRelation(old))
        }
        Edit::SetDocumentLabel(name, value) => {
            if value.is_some() && !set.schema.document_labels.iter().any(|d| d.name == name) {
                return Err(EditError::UnknownDocumentLabel(name));
            }
            let old = match value {
                Some(v) => set.document_labels.insert(name.clone(), v),
                None => set.document_labels.remove(&name),
            };
            Ok(Edit::SetDocumentLabel(name, old))
        }
        Edit::SetDirection(direction) => {
            touched.add(0..set.text().char_len());
            let old = std::mem::replace(&mut set.document.direction, direction);
            Ok(Edit::SetDirection(old))
        }
        Edit::SetStatus(status) => Ok(Edit::SetStatus(std::mem::replace(&mut set.status, status))),
        Edit::RememberRejected(rejected) => Ok(if set.remember_rejected(rejected.clone(), true) {
            Edit::ForgetRejected(rejected)
        } else {
            Edit::Batch(Vec::new())
        }),
        Edit::ForgetRejected(rejected) => Ok(if set.remember_rejected(rejected.clone(), false) {
            Edit::RememberRejected(rejected)
        } else {
            Edit::Batch(Vec::new())
        }),
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply_touching(set, edit, touched) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(error) => {
                        // Roll back what was applied, newest first.
                        for inverse in inverses.into_iter().rev() {
                            let _ = apply(set, inverse);
                        }
                        return Err(error);
                    }
                }
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
    }
}

fn check_span(set: &AnnotationSet, span: &Span) -> Result<(), EditError> {
    if span.start >= span.end {
        return Err(EditError::EmptyRange {
            start: span.start,
            end: span.end,
        });
    }
    let len = set.text().char_len();
    if span.end > len {
        return Err(EditError::OutOfRange {
            start: span.start,
            end: span.end,
            len,
        });
    }
    if set.schema.label(&span.label).is_none() {
        return Err(EditError::UnknownLabel(span.label.clone()));
    }
    Ok(())
}

fn check_relation(set: &AnnotationSet, relation: &Relation) -> Result<(), EditError> {
    let from = set
        .span(relation.from)
        .ok_or(EditError::NoSuchSpan(relation.from.0))?;
    let to = set
        .span(relation.to)
        .ok_or(EditError::NoSuchSpan(relation.to.0))?;
    if relation.from == relation.to {
        return Err(EditError::RelationRefused(
            "a span cannot be linked to itself".into(),
        ));
    }
    if let Some(why) = set
        .schema
        .relation_refusal(&relation.label, &from.label, &to.label)
    {
        return Err(EditError::RelationRefused(why));
    }
    Ok(())
}

fn touch_relation(set: &AnnotationSet, relation: &Relation, touched: &mut Touched) {
    for id in [relation.from, relation.to] {
        if let Some(span) = set.span(id) {
            touched.add(span.range());
        }
    }
}

/// Helper for callers: the edit that adds a new manual span with a fresh id.
pub fn add_span(set: &mut AnnotationSet, label: &str, range: Range<usize>) -> Edit {
    Edit::AddSpan(Span::new(set.new_span_id(), label, range))
}

/// Helper: the edit that sets one attribute of a span (`None` removes it).
pub fn set_attribute(
    set: &AnnotationSet,
    span_id: SpanId,
    name: &str,
    value: Option<serde_json::Value>,
) -> Result<Edit, EditError> {
    let mut span = set
        .span(span_id)
        .ok_or(EditError::NoSuchSpan(span_id.0))?
        .clone();
    match value {
        Some(v) => span.attributes.insert(name.to_string(), v),
        None => span.attributes.remove(name),
    };
    Ok(Edit::UpdateSpan(span))
}

/// All attribute maps of a set, for tests and diagnostics.
pub fn attribute_snapshot(set: &AnnotationSet) -> BTreeMap<u64, super::span::Attributes> {
    set.spans_ordered()
        .map(|s| (s.id.0, s.attributes.clone()))
        .collect()
}
