//! Changes to a schema's labels (the labels editor): add, rename, recolour, hotkey,
//! description, attributes, remove. A change is checked against the whole schema before it is
//! taken, and [`apply_to_set`] carries it into a set's spans in one edit (a rename relabels
//! every span, a removal deletes them and their links), so a corpus-wide change is one step
//! per document with a count of what it touched.

use super::edit::{self, Edit, EditError};
use super::schema::{AttributeDef, LabelDef, Schema, SchemaError};
use super::set::AnnotationSet;

/// One change to the labels of a schema.
#[derive(Clone, Debug, PartialEq)]
pub enum LabelChange {
    Add(LabelDef),
    Rename {
        from: String,
        to: String,
    },
    Recolour {
        label: String,
        color: String,
    },
    Hotkey {
        label: String,
        hotkey: Option<String>,
    },
    Describe {
        label: String,
        description: String,
    },
    Attributes {
        label: String,
        attributes: Vec<AttributeDef>,
    },
    Enable {
        label: String,
        enabled: bool,
    },
    Remove {
        label: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum LabelChangeError {
    #[error("the schema has no label {0:?}")]
    NoSuchLabel(String),
    #[error(transparent)]
    Schema(#[from] SchemaError),
    #[error("the edit could not be applied: {0}")]
    Edit(#[from] EditError),
}

impl LabelChange {
    /// The label the change is about (its old name for a rename).
    pub fn label(&self) -> &str {
        match self {
            Self::Add(def) => &def.name,
            Self::Rename { from, .. } => from,
            Self::Recolour { label, .. }
            | Self::Hotkey { label, .. }
            | Self::Describe { label, .. }
            | Self::Attributes { label, .. }
            | Self::Enable { label, .. }
            | Self::Remove { label } => label,
        }
    }

    /// Does the change touch spans (a rename or a removal), not only the schema?
    pub fn touches_spans(&self) -> bool {
        matches!(self, Self::Rename { .. } | Self::Remove { .. })
    }

    /// A line for reports and the undo-less confirmation: "rename PERSON to PER".
    pub fn describe(&self) -> String {
        match self {
            Self::Add(def) => format!("add label {}", def.name),
            Self::Rename { from, to } => format!("rename {from} to {to}"),
            Self::Recolour { label, color } => format!("recolour {label} to {color}"),
            Self::Hotkey { label, hotkey } => match hotkey {
                Some(key) => format!("give {label} the hotkey {key}"),
                None => format!("take {label}'s hotkey away"),
            },
            Self::Describe { label, .. } => format!("describe {label}"),
            Self::Attributes { label, .. } => format!("change {label}'s attributes"),
            Self::Enable { label, enabled } => {
                format!("{} {label}", if *enabled { "enable" } else { "disable" })
            }
            Self::Remove { label } => format!("remove label {label}"),
        }
    }
}

/// The schema after `change`, checked whole (names, colours, hotkeys, relation ends). A rename
/// also renames the label in the relation types that name it; a removal drops it from them
/// (and drops a relation type that only joined that label).
pub fn apply_to_schema(schema: &Schema, change: &LabelChange) -> Result<Schema, LabelChangeError> {
    let mut next = schema.clone();
    let find = |next: &mut Schema, name: &str| -> Result<usize, LabelChangeError> {
        next.label_index(name)
            .ok_or_else(|| LabelChangeError::NoSuchLabel(name.to_string()))
    };
    match change {
        LabelChange::Add(def) => next.labels.push(def.clone()),
        LabelChange::Rename { from, to } => {
            let index = find(&mut next, from)?;
            next.labels[index].name = to.clone();
            for relation in &mut next.relations {
                for end in relation.from.iter_mut().chain(relation.to.iter_mut()) {
                    if end == from {
                        *end = to.clone();
                    }
                }
            }
        }
        LabelChange::Recolour { label, color } => {
            let index = find(&mut next, label)?;
            next.labels[index].color = color.clone();
        }
        LabelChange::Hotkey { label, hotkey } => {
            let index = find(&mut next, label)?;
            next.labels[index].hotkey = hotkey.clone().filter(|k| !k.trim().is_empty());
        }
        LabelChange::Describe { label, description } => {
            let index = find(&mut next, label)?;
            next.labels[index].description = description.clone();
        }
        LabelChange::Attributes { label, attributes } => {
            let index = find(&mut next, label)?;
            next.labels[index].attributes = attributes.clone();
        }
        LabelChange::Enable { label, enabled } => {
            let index = find(&mut next, label)?;
            next.labels[index].enabled = *enabled;
        }
        LabelChange::Remove { label } => {
            let index = find(&mut next, label)?;
            next.labels.remove(index);
            // A relation type left with no start, or with no end where it had named ends,
            // could only have joined spans of the removed label: it goes too (an empty `to`
            // would mean "any label").
            next.relations.retain_mut(|relation| {
                let named_ends = !relation.to.is_empty();
                relation.from.retain(|end| end != label);
                relation.to.retain(|end| end != label);
                !relation.from.is_empty() && (!named_ends || !relation.to.is_empty())
            });
        }
    }
    next.check()?;
    Ok(next)
}

/// How many spans of `set` a change touches (0 for changes that leave spans alone).
pub fn spans_touched(set: &AnnotationSet, change: &LabelChange) -> usize {
    if !change.touches_spans() {
        return 0;
    }
    let label = change.label();
    set.spans_unordered().filter(|s| s.label == label).count()
}

/// The edit that carries `change` into `set`'s spans, if any span needs it: a rename relabels
/// every span with the old name, a removal deletes them (and, through `RemoveSpan`, their
/// links). Apply it after [`with_both_names`] for a rename, so the new name is known.
pub fn span_edit(set: &AnnotationSet, change: &LabelChange) -> Option<Edit> {
    let edits: Vec<Edit> = match change {
        LabelChange::Rename { from, to } => set
            .spans_ordered()
            .filter(|s| &s.label == from)
            .map(|s| {
                let mut renamed = s.clone();
                renamed.label = to.clone();
                Edit::UpdateSpan(renamed)
            })
            .collect(),
        LabelChange::Remove { label } => set
            .spans_ordered()
            .filter(|s| &s.label == label)
            .map(|s| Edit::RemoveSpan(s.id))
            .collect(),
        _ => Vec::new(),
    };
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Carry `change` into a whole set: its schema becomes `new_schema` (from
/// [`apply_to_schema`]) and its spans follow. Returns the number of spans touched. On an error
/// the set is left as it was.
pub fn apply_to_set(
    set: &mut AnnotationSet,
    change: &LabelChange,
    new_schema: &Schema,
) -> Result<usize, LabelChangeError> {
    let touched = spans_touched(set, change);
    if let Some(span_edit) = span_edit(set, change) {
        let old_schema = set.schema.clone();
        set.schema = with_both_names(&old_schema, new_schema);
        if let Err(error) = edit::apply(set, span_edit) {
            set.schema = old_schema;
            return Err(error.into());
        }
    }
    set.schema = new_schema.clone();
    Ok(touched)
}

/// A schema that knows every label of `old` and of `new`, and lets each relation type join
/// the ends either allows (the moment a rename is applied to spans, both names must be valid,
/// also at the ends of the links those spans carry).
pub fn with_both_names(old: &Schema, new: &Schema) -> Schema {
    let mut both = old.clone();
    for label in &new.labels {
        if both.label(&label.name).is_none() {
            both.labels.push(label.clone());
        }
    }
    for relation in &mut both.relations {
        if let Some(renamed) = new.relation(&relation.name) {
            for end in &renamed.from {
                if !relation.from.contains(end) {
                    relation.from.push(end.clone());
                }
            }
            if !relation.to.is_empty() {
                for end in &renamed.to {
                    if !relation.to.contains(end) {
                        relation.to.push(end.clone());
                    }
                }
            }
        }
    }
    both
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Relation, Span};

    fn set_with_spans() -> AnnotationSet {
        let mut set = AnnotationSet::new(
            Document::new("“We will not close,” said Ana Lima of Porto."),
            Schema::default(),
        );
        let quote = set.new_span_id();
        let person = set.new_span_id();
        let place = set.new_span_id();
        let relation = set.new_relation_id();
        let edit = Edit::Batch(vec![
            Edit::AddSpan(Span::new(quote, "QUOTE", 1..18)),
            Edit::AddSpan(Span::new(person, "PERSON", 26..34)),
            Edit::AddSpan(Span::new(place, "GPE", 38..43)),
            Edit::AddRelation(Relation {
                id: relation,
                label: "said_by".into(),
                from: quote,
                to: person,
                origin: None,
                review: Default::default(),
            }),
        ]);
        edit::apply(&mut set, edit).expect("spans");
        set
    }

    #[test]
    fn rename_relabels_spans_and_relation_ends() {
        let mut set = set_with_spans();
        let change = LabelChange::Rename {
            from: "PERSON".into(),
            to: "PER".into(),
        };
        let schema = apply_to_schema(&set.schema, &change).expect("valid");
        assert!(schema.label("PERSON").is_none());
        assert!(schema.relation_refusal("said_by", "QUOTE", "PER").is_none());
        assert_eq!(spans_touched(&set, &change), 1);
        assert_eq!(
            apply_to_set(&mut set, &change, &schema).expect("applied"),
            1
        );
        let labels: Vec<&str> = set.spans_ordered().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["QUOTE", "PER", "GPE"]);
        assert_eq!(set.relation_count(), 1, "the said_by link survives");
        assert!(set.schema.label("PERSON").is_none());
    }

    #[test]
    fn remove_deletes_spans_and_their_links() {
        let mut set = set_with_spans();
        let change = LabelChange::Remove {
            label: "PERSON".into(),
        };
        let schema = apply_to_schema(&set.schema, &change).expect("valid");
        assert_eq!(
            apply_to_set(&mut set, &change, &schema).expect("applied"),
            1
        );
        assert_eq!(set.span_count(), 2);
        assert_eq!(set.relation_count(), 0);
    }

    #[test]
    fn bad_changes_are_refused_and_leave_the_schema_alone() {
        let schema = Schema::default();
        let clash = LabelChange::Rename {
            from: "PERSON".into(),
            to: "ORG".into(),
        };
        assert!(matches!(
            apply_to_schema(&schema, &clash),
            Err(LabelChangeError::Schema(SchemaError::DuplicateLabel(_)))
        ));
        let hotkey = LabelChange::Hotkey {
            label: "PERSON".into(),
            hotkey: Some("o".into()),
        };
        assert!(matches!(
            apply_to_schema(&schema, &hotkey),
            Err(LabelChangeError::Schema(SchemaError::DuplicateHotkey(..)))
        ));
        let colour = LabelChange::Recolour {
            label: "PERSON".into(),
            color: "orange".into(),
        };
        assert!(apply_to_schema(&schema, &colour).is_err());
        let missing = LabelChange::Remove {
            label: "NOPE".into(),
        };
        assert!(matches!(
            apply_to_schema(&schema, &missing),
            Err(LabelChangeError::NoSuchLabel(_))
        ));
    }

    #[test]
    fn schema_only_changes_touch_no_span() {
        let mut set = set_with_spans();
        let change = LabelChange::Recolour {
            label: "PERSON".into(),
            color: "#123456".into(),
        };
        let schema = apply_to_schema(&set.schema, &change).expect("valid");
        assert_eq!(
            apply_to_set(&mut set, &change, &schema).expect("applied"),
            0
        );
        assert_eq!(
            set.schema.label("PERSON").map(|l| l.color.as_str()),
            Some("#123456")
        );
        assert_eq!(set.span_count(), 3);
    }
}
