//! Label Studio: document labels (the whole article classified) as Label Studio itself holds
//! them, as results with no region, each from a control of the labeling config:
//!
//! - a flag is a `Choices` control with the choices `true` and `false` (so that a label set
//!   to false stays apart from one not set);
//! - a choice label is a `Choices` control with the label's values (`choice="single"`);
//! - a text label is a `TextArea`, a number (a category's score) a `Number`.
//!
//! A result is `{"id", "from_name": NAME, "to_name": "text", "type": "choices",
//! "value": {"choices": ["opinion"]}}` (`textarea` with `{"text": [..]}`, `number` with
//! `{"number": ..}`): no `start`/`end`, and an id that no `labels` region has. The control is
//! named by the label, or `document:NAME` when a region's control already has that name.
//!
//! A value no control can hold (a list, an object), or of another kind than the control its
//! label got in an earlier document, goes to the task's `meta.document_labels`, which Newsmark
//! reads back and Label Studio ignores; the report notes each.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::formats::label_studio::{LABELS_NAME, NOTE_NAME, TEXT_NAME, xml_escape};
use crate::formats::read::{Outcome, SetBuilder};
use crate::model::schema::{AttributeType, Schema};
use crate::model::set::AnnotationSet;

/// The prefix of a document label's control when a region control has the label's name.
pub const PREFIX: &str = "document:";

/// The control a document label gets in the labeling config.
#[derive(Clone, Debug, PartialEq)]
enum Control {
    /// The values offered, in the schema's order, then as met.
    Choices(Vec<String>),
    TextArea,
    Number,
}

impl Control {
    /// The control that holds `value` (of a label of type `value_type`, when the schema has
    /// it), or `None` when no control can.
    fn holding(value: &Value, value_type: Option<&AttributeType>) -> Option<Self> {
        match (value, value_type) {
            (Value::Bool(_), _) => Some(Self::Choices(vec!["true".into(), "false".into()])),
            (Value::Number(_), _) => Some(Self::Number),
            (Value::String(s), Some(AttributeType::Choice { values })) => {
                let mut values = values.clone();
                if !values.contains(s) {
                    values.push(s.clone());
                }
                Some(Self::Choices(values))
            }
            (Value::String(_), _) => Some(Self::TextArea),
            _ => None,
        }
    }

    /// The control a schema's label gets when no document gave it a value.
    fn declared(value_type: &AttributeType) -> Self {
        match value_type {
            AttributeType::Flag => Self::Choices(vec!["true".into(), "false".into()]),
            AttributeType::Choice { values } => Self::Choices(values.clone()),
            AttributeType::Text => Self::TextArea,
        }
    }

    fn tag(&self) -> &'static str {
        match self {
            Self::Choices(_) => "Choices",
            Self::TextArea => "TextArea",
            Self::Number => "Number",
        }
    }

    fn same_kind(&self, other: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }

    /// Take in the values of a control of the same kind.
    fn merge(&mut self, other: Self) {
        if let (Self::Choices(values), Self::Choices(more)) = (self, other) {
            for value in more {
                if !values.contains(&value) {
                    values.push(value);
                }
            }
        }
    }

    fn result(&self, id: String, from_name: &str, value: &Value) -> Value {
        let (kind, value) = match self {
            Self::Choices(_) => (
                "choices",
                json!({"choices": [crate::formats::registry::attribute_text(value)]}),
            ),
            Self::TextArea => (
                "textarea",
                json!({"text": [crate::formats::registry::attribute_text(value)]}),
            ),
            Self::Number => ("number", json!({ "number": value })),
        };
        json!({"id": id, "from_name": from_name, "to_name": TEXT_NAME, "type": kind, "value": value})
    }

    fn xml(&self, name: &str, shown: &str) -> String {
        let mut xml = format!("  <Header value=\"{}\"/>\n", xml_escape(shown));
        let name = xml_escape(name);
        match self {
            Self::Choices(values) => {
                xml.push_str(&format!(
                    "  <Choices name=\"{name}\" toName=\"{TEXT_NAME}\" choice=\"single\" showInline=\"true\">\n"
                ));
                for value in values {
                    xml.push_str(&format!("    <Choice value=\"{}\"/>\n", xml_escape(value)));
                }
                xml.push_str("  </Choices>\n");
            }
            Self::TextArea => xml.push_str(&format!(
                "  <TextArea name=\"{name}\" toName=\"{TEXT_NAME}\" editable=\"true\" maxSubmissions=\"1\"/>\n"
            )),
            Self::Number => xml.push_str(&format!(
                "  <Number name=\"{name}\" toName=\"{TEXT_NAME}\" step=\"0.01\"/>\n"
            )),
        }
        xml
    }
}

/// The writer's side: each label's control (decided by the first value it met), and each
/// task's labels, written as results by [`Documents::finish`] once every control's name is
/// known.
#[derive(Default)]
pub struct Documents {
    controls: BTreeMap<String, Control>,
    pending: Vec<(usize, Vec<(String, Value)>)>,
}

/// What [`Documents::add`] left for the task itself.
pub struct Added {
    /// Labels no control holds, for the task's `meta.document_labels`.
    pub meta: BTreeMap<String, Value>,
    /// One line per label written to `meta` instead of a control, for the report.
    pub notes: Vec<String>,
}

impl Documents {
    /// Take the document labels of the set that is task `task` (an index into the tasks).
    pub fn add(&mut self, task: usize, set: &AnnotationSet) -> Added {
        let mut added = Added {
            meta: BTreeMap::new(),
            notes: Vec::new(),
        };
        let mut results = Vec::new();
        for (name, value) in &set.document_labels {
            let value_type = set.schema.document_label(name).map(|d| &d.value_type);
            let why = match (
                Control::holding(value, value_type),
                self.controls.get_mut(name),
            ) {
                (None, _) => "Label Studio has no control for such a value".to_string(),
                (Some(control), None) => {
                    self.controls.insert(name.clone(), control);
                    results.push((name.clone(), value.clone()));
                    continue;
                }
                (Some(control), Some(known)) if known.same_kind(&control) => {
                    known.merge(control);
                    results.push((name.clone(), value.clone()));
                    continue;
                }
                (Some(_), Some(known)) => format!(
                    "its control in the labeling config, decided by an earlier document, is a {}",
                    known.tag()
                ),
            };
            added.notes.push(format!(
                "document label {name} = {value} was written to the task's meta.document_labels, which Newsmark reads back and Label Studio ignores: {why}"
            ));
            added.meta.insert(name.clone(), value.clone());
        }
        if !results.is_empty() {
            self.pending.push((task, results));
        }
        added
    }

    /// Append each task's document label results to its annotation, and return the
    /// labeling config's controls for them (with the labels of `schemas` no document set).
    pub fn finish(mut self, tasks: &mut [Value], schemas: &[Schema]) -> String {
        for schema in schemas {
            for def in &schema.document_labels {
                self.controls
                    .entry(def.name.clone())
                    .or_insert_with(|| Control::declared(&def.value_type));
            }
        }
        let taken = region_control_names(schemas);
        let control_name = |name: &str| {
            if taken.contains(name) {
                format!("{PREFIX}{name}")
            } else {
                name.to_string()
            }
        };
        for (task, labels) in self.pending {
            let Some(result) = tasks
                .get_mut(task)
                .and_then(|t| t.pointer_mut("/annotations/0/result"))
                .and_then(Value::as_array_mut)
            else {
                continue;
            };
            for (n, (name, value)) in labels.iter().enumerate() {
                if let Some(control) = self.controls.get(name) {
                    let id = format!("document-{}", n + 1);
                    result.push(control.result(id, &control_name(name), value));
                }
            }
        }
        self.controls
            .iter()
            .map(|(name, control)| control.xml(&control_name(name), name))
            .collect()
    }
}

/// The names of the controls that label regions: the labels, the text, the note and every
/// span attribute.
fn region_control_names(schemas: &[Schema]) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = [LABELS_NAME, TEXT_NAME, NOTE_NAME]
        .into_iter()
        .map(str::to_string)
        .collect();
    for schema in schemas {
        for label in &schema.labels {
            names.extend(label.attributes.iter().map(|a| a.name.clone()));
        }
    }
    names
}

/// Whether a result is a document label: a `choices`, `textarea` or `number` result with no
/// `value.start`/`value.end` whose id is no `labels` region's (`region_ids`).
pub fn is_document_result(result: &Value, region_ids: &BTreeSet<&str>) -> bool {
    let value = result.get("value");
    let placed = ["start", "end"]
        .iter()
        .any(|k| value.and_then(|v| v.get(k)).is_some());
    let regional = result
        .get("id")
        .and_then(Value::as_str)
        .is_some_and(|id| region_ids.contains(id));
    !placed && !regional
}

/// Read one document-level result into the set's document labels; `item` names the result
/// (the builder prefixes the task).
pub fn read(builder: &mut SetBuilder, item: &str, result: &Value) {
    let kind = result.get("type").and_then(Value::as_str).unwrap_or("");
    let Some(from) = result
        .get("from_name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
    else {
        builder.problem(
            item,
            Outcome::LeftOut,
            format!("a {kind} result with neither a region nor a from_name; left out"),
        );
        return;
    };
    let name = from.strip_prefix(PREFIX).unwrap_or(from);
    let strings = |key: &str| -> Vec<String> {
        result
            .pointer(&format!("/value/{key}"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    };
    match kind {
        "textarea" => {
            let texts = strings("text");
            if texts.is_empty() {
                builder.problem(
                    item,
                    Outcome::LeftOut,
                    format!(
                        "document label {name:?}: a textarea result without value.text; left out"
                    ),
                );
            } else {
                builder.set_document_label(item, name, Value::String(texts.join("\n")));
            }
        }
        "number" => match result.pointer("/value/number") {
            Some(number) if number.is_number() => {
                builder.set_document_label(item, name, number.clone());
            }
            other => builder.problem(
                item,
                Outcome::LeftOut,
                format!(
                    "document label {name:?}: value.number is {}, not a number; left out",
                    other.map_or("missing".to_string(), Value::to_string)
                ),
            ),
        },
        _ => choices(builder, item, name, &strings("choices")),
    }
}

/// A `choices` result's values as the label `name` takes them: a flag's `true` or `false`, one
/// of a choice label's values, a text label's text. A label the schema lacks becomes a flag
/// (`true`/`false`) or a choice label; several choices of such a label (a `choice="multiple"`
/// control) each become a flag set to true, as doccano's and spaCy's categories do.
fn choices(builder: &mut SetBuilder, item: &str, name: &str, values: &[String]) {
    let Some((first, rest)) = values.split_first() else {
        builder.problem(
            item,
            Outcome::LeftOut,
            format!("document label {name:?}: a choices result without value.choices; left out"),
        );
        return;
    };
    let value_type = builder
        .set()
        .schema
        .document_label(name)
        .map(|d| d.value_type.clone());
    let flag = |v: &str| match v {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    };
    if value_type.is_none() && !rest.is_empty() {
        builder.problem(
            item,
            Outcome::Kept,
            format!(
                "document label {name:?} is not in the schema and has {} choices; each became a flag document label set to true",
                values.len()
            ),
        );
        for value in values {
            builder.set_document_label(item, value, Value::Bool(true));
        }
        return;
    }
    match value_type {
        Some(AttributeType::Flag) => match flag(first) {
            Some(on) => builder.set_document_label(item, name, Value::Bool(on)),
            None => builder.problem(
                item,
                Outcome::LeftOut,
                format!(
                    "choice {first:?} of flag document label {name:?} is neither \"true\" nor \"false\"; left out"
                ),
            ),
        },
        Some(AttributeType::Text) => {
            builder.set_document_label(item, name, Value::String(first.clone()));
        }
        Some(AttributeType::Choice { .. }) => builder.set_document_choice(item, name, first),
        None => match flag(first) {
            Some(on) => builder.set_document_label(item, name, Value::Bool(on)),
            None => builder.set_document_choice(item, name, first),
        },
    }
    for value in rest {
        builder.problem(
            item,
            Outcome::LeftOut,
            format!(
                "document label {name:?} holds one value, {first:?}; the further choice {value:?} was left out"
            ),
        );
    }
}
