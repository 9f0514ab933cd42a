//! Label Studio: a JSON array of tasks plus the labeling config XML that matches them.
//!
//! Each task is `{"id", "data": {"text", "document"}, "annotations": [{"result": [..]}],
//! "predictions": [{"model_version", "result": [..]}]}`. Accepted spans go to
//! `annotations`, unreviewed suggestions to `predictions`. A span is a `labels` region
//! (`value.start`/`end` in code points, `value.text`, `value.labels`); its attributes are
//! per-region `choices` (choice and flag attributes) or `textarea` (text attributes and the
//! note) results sharing the region id; relations are `relation` results. Document labels are
//! results with no region, from their own controls (`label_studio_documents.rs`); the reader
//! also takes the `meta.document_labels` that Newsmark wrote before.
//!
//! The reader takes the first annotation of each task (reporting any others), predictions as
//! suggestions, and checks every region's text. When texts do not match by code points but
//! do by UTF-16 code units (older Label Studio exports), it reports this and, when asked,
//! converts the offsets.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Value, json};

use crate::formats::label_studio_documents as documents;
use crate::formats::read::{Outcome, Problem};
use crate::formats::read::{SetBuilder, utf16_to_codepoints};
use crate::formats::registry::{
    CorpusWriter, DocumentExport, ExportOptions, LeftOut, OutFile, attribute_text, pretty_json,
};
use crate::model::schema::{AttributeType, Schema};
use crate::model::set::AnnotationSet;
use crate::model::span::{Review, Span, SpanId};

pub const TASKS_FILE: &str = "label_studio.json";
pub const CONFIG_FILE: &str = "label_studio_config.xml";
pub const LABELS_NAME: &str = "label";
pub const TEXT_NAME: &str = "text";
pub const NOTE_NAME: &str = "note";
pub const MODEL_VERSION: &str = "newsmark-suggestions";

pub struct Writer {
    options: ExportOptions,
    tasks: Vec<Value>,
    schemas: Vec<Schema>,
    documents: documents::Documents,
}

impl Writer {
    pub fn new(options: ExportOptions) -> Self {
        Self {
            options,
            tasks: Vec::new(),
            schemas: Vec::new(),
            documents: documents::Documents::default(),
        }
    }
}

fn region_id(id: SpanId) -> String {
    format!("s{}", id.0)
}

fn span_results(set: &AnnotationSet, span: &Span) -> Vec<Value> {
    let value = |extra: (&str, Value)| {
        let mut v = json!({"start": span.start, "end": span.end, "text": set.span_text(span)});
        v[extra.0] = extra.1;
        v
    };
    let mut out = vec![json!({
        "id": region_id(span.id), "from_name": LABELS_NAME, "to_name": TEXT_NAME,
        "type": "labels", "origin": if span.review == Review::Suggested { "prediction" } else { "manual" },
        "value": value(("labels", json!([span.label]))),
    })];
    for (name, attr) in &span.attributes {
        let is_text = set
            .schema
            .label(&span.label)
            .and_then(|l| l.attributes.iter().find(|a| &a.name == name))
            .is_some_and(|a| matches!(a.value_type, AttributeType::Text));
        let (kind, key, val) = if is_text {
            ("textarea", "text", json!([attribute_text(attr)]))
        } else {
            ("choices", "choices", json!([attribute_text(attr)]))
        };
        out.push(json!({
            "id": region_id(span.id), "from_name": name, "to_name": TEXT_NAME, "type": kind,
            "value": value((key, val)),
        }));
    }
    if let Some(note) = &span.note {
        out.push(json!({
            "id": region_id(span.id), "from_name": NOTE_NAME, "to_name": TEXT_NAME,
            "type": "textarea", "value": value(("text", json!([note]))),
        }));
    }
    out
}

impl CorpusWriter for Writer {
    fn add(&mut self, name: &str, set: &AnnotationSet) -> DocumentExport {
        let mut left_out = Vec::new();
        let mut accepted = Vec::new();
        let mut predicted = Vec::new();
        let mut in_annotations = BTreeSet::new();
        let mut in_predictions = BTreeSet::new();
        for span in set.spans_ordered() {
            if span.review == Review::Suggested {
                predicted.extend(span_results(set, span));
                in_predictions.insert(span.id);
            } else {
                accepted.extend(span_results(set, span));
                in_annotations.insert(span.id);
            }
        }
        let mut relations_written = 0;
        for relation in set.relations() {
            let value = json!({
                "from_id": region_id(relation.from), "to_id": region_id(relation.to),
                "type": "relation", "direction": "right", "labels": [relation.label],
            });
            let both =
                |ids: &BTreeSet<SpanId>| ids.contains(&relation.from) && ids.contains(&relation.to);
            if relation.review == Review::Accepted && both(&in_annotations) {
                accepted.push(value);
                relations_written += 1;
            } else if both(&in_predictions)
                || (relation.review == Review::Suggested && both(&in_annotations))
            {
                predicted.push(value);
                relations_written += 1;
            } else {
                left_out.push(LeftOut::relation(
                    relation,
                    "links an accepted span to an unreviewed suggestion; Label Studio keeps annotations and predictions apart",
                ));
            }
        }
        let index = self.tasks.len() + 1;
        let mut task = json!({
            "id": index,
            "data": {"text": set.text().as_str(), "document": name},
            "annotations": [{"id": index, "result": accepted, "ground_truth": false}],
            "predictions": [],
        });
        if !predicted.is_empty() {
            task["predictions"] = json!([{"model_version": MODEL_VERSION, "result": predicted}]);
        }
        let added = self.documents.add(self.tasks.len(), set);
        if !added.meta.is_empty() {
            task["meta"] = json!({"document_labels": added.meta});
        }
        self.tasks.push(task);
        if !self.schemas.contains(&set.schema) {
            self.schemas.push(set.schema.clone());
        }
        let _ = &self.options;
        DocumentExport {
            files: Vec::new(),
            spans_written: set.span_count(),
            relations_written,
            left_out,
            notes: added.notes,
        }
    }

    fn finish(self: Box<Self>) -> Vec<OutFile> {
        let Writer {
            mut tasks,
            schemas,
            documents,
            ..
        } = *self;
        let controls = documents.finish(&mut tasks, &schemas);
        vec![
            OutFile::new(TASKS_FILE, pretty_json(&Value::Array(tasks))),
            OutFile::new(CONFIG_FILE, labeling_config(&schemas, &controls)),
        ]
    }
}

/// Escape text for an XML attribute value.
pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The labeling config for the union of `schemas`: labels with colours, relation types,
/// per-region choices for choice and flag attributes, textareas for text attributes and notes,
/// then `document_controls`, the controls of the document labels (no region).
pub fn labeling_config(schemas: &[Schema], document_controls: &str) -> Vec<u8> {
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut label_order = Vec::new();
    let mut relations = BTreeSet::new();
    let mut choices: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut texts = BTreeSet::new();
    for schema in schemas {
        for label in &schema.labels {
            if labels
                .insert(label.name.clone(), label.color.clone())
                .is_none()
            {
                label_order.push(label.name.clone());
            }
            for attr in &label.attributes {
                match &attr.value_type {
                    AttributeType::Choice { values } => {
                        choices
                            .entry(attr.name.clone())
                            .or_default()
                            .extend(values.iter().cloned());
                    }
                    AttributeType::Flag => {
                        // Both values: a flag written false is exported as "false".
                        choices
                            .entry(attr.name.clone())
                            .or_default()
                            .extend(["true".to_string(), "false".to_string()]);
                    }
                    AttributeType::Text => {
                        texts.insert(attr.name.clone());
                    }
                }
            }
        }
        relations.extend(schema.relations.iter().map(|r| r.name.clone()));
    }
    let mut xml = String::from("<View>\n");
    xml.push_str(&format!(
        "  <Labels name=\"{LABELS_NAME}\" toName=\"{TEXT_NAME}\">\n"
    ));
    for name in &label_order {
        xml.push_str(&format!(
            "    <Label value=\"{}\" background=\"{}\"/>\n",
            xml_escape(name),
            xml_escape(&labels[name])
        ));
    }
    xml.push_str("  </Labels>\n");
    xml.push_str(&format!("  <Text name=\"{TEXT_NAME}\" value=\"$text\"/>\n"));
    if !relations.is_empty() {
        xml.push_str("  <Relations>\n");
        for name in &relations {
            xml.push_str(&format!("    <Relation value=\"{}\"/>\n", xml_escape(name)));
        }
        xml.push_str("  </Relations>\n");
    }
    xml.push_str(document_controls);
    for (name, values) in &choices {
        xml.push_str(&format!(
            "  <Choices name=\"{}\" toName=\"{TEXT_NAME}\" perRegion=\"true\" choice=\"single\">\n",
            xml_escape(name)
        ));
        for value in values {
            xml.push_str(&format!("    <Choice value=\"{}\"/>\n", xml_escape(value)));
        }
        xml.push_str("  </Choices>\n");
    }
    for name in texts.iter().chain(std::iter::once(&NOTE_NAME.to_string())) {
        xml.push_str(&format!(
            "  <TextArea name=\"{}\" toName=\"{TEXT_NAME}\" perRegion=\"true\" editable=\"true\"/>\n",
            xml_escape(name)
        ));
    }
    xml.push_str("</View>\n");
    xml.into_bytes()
}

/// What reading a Label Studio file produced.
#[derive(Debug, Default)]
pub struct ReadResult {
    pub documents: Vec<crate::formats::read::ReadDocument>,
    pub problems: Vec<Problem>,
    /// Some region texts matched only when their offsets were read as UTF-16 code units
    /// (older Label Studio exports). The window can offer the conversion.
    pub utf16_detected: bool,
    /// The UTF-16 offsets were converted to code points.
    pub utf16_converted: bool,
}

struct Region<'a> {
    item: String,
    result: &'a Value,
    review: Review,
    origin: Option<String>,
}

/// Read Label Studio tasks JSON (an array of tasks, or one task). With `convert_utf16`,
/// offsets are converted from UTF-16 code units when that is what makes region texts match.
pub fn read(file: &str, json: &str, convert_utf16: bool) -> ReadResult {
    let mut out = ReadResult::default();
    let value: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            out.problems.push(Problem {
                outcome: Outcome::LeftOut,
                item: file.to_string(),
                message: format!(
                    "not valid JSON (line {}, column {}): {e}; nothing imported",
                    e.line(),
                    e.column()
                ),
            });
            return out;
        }
    };
    let tasks: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) => vec![&value],
        _ => Vec::new(),
    };
    for (t, task) in tasks.into_iter().enumerate() {
        let where_ = match task.get("id") {
            Some(id) => format!("{file} task {t} (id {id})"),
            None => format!("{file} task {t}"),
        };
        let data = task.get("data").unwrap_or(task);
        let text = data
            .get("text")
            .and_then(Value::as_str)
            .or_else(|| data.as_object()?.values().find_map(Value::as_str));
        let Some(text) = text else {
            out.problems.push(Problem {
                outcome: Outcome::LeftOut,
                item: where_,
                message: "has no text in \"data\"; skipped".into(),
            });
            continue;
        };
        let mut builder = SetBuilder::new(text, &where_);
        let mut regions = Vec::new();
        let annotations = task.get("annotations").and_then(Value::as_array);
        let usable: Vec<&Value> = annotations
            .into_iter()
            .flatten()
            .filter(|a| {
                !a.get("was_cancelled")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
            })
            .collect();
        if usable.len() > 1 {
            builder.problem(
                "",
                Outcome::LeftOut,
                format!(
                    "has {} annotations; the first was imported and the others left out",
                    usable.len()
                ),
            );
        }
        if let Some(annotation) = usable.first() {
            for (r, result) in annotation
                .get("result")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                regions.push(Region {
                    item: format!("annotations[0].result[{r}]"),
                    result,
                    review: Review::Accepted,
                    origin: None,
                });
            }
        }
        for (p, prediction) in task
            .get("predictions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let version = prediction
                .get("model_version")
                .and_then(Value::as_str)
                .unwrap_or("prediction");
            for (r, result) in prediction
                .get("result")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                regions.push(Region {
                    item: format!("predictions[{p}].result[{r}]"),
                    result,
                    review: Review::Suggested,
                    origin: Some(format!("label-studio:{version}")),
                });
            }
        }
        // Decide the offset unit from the labelled regions' texts.
        let chars: Vec<char> = text.chars().collect();
        let offsets = |v: &Value| -> Option<(usize, usize, Option<String>)> {
            let value = v.get("value")?;
            Some((
                value.get("start")?.as_u64()? as usize,
                value.get("end")?.as_u64()? as usize,
                value
                    .get("text")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            ))
        };
        // A region before the first character outside the Basic Multilingual Plane (an emoji)
        // reads the same in both units and says nothing: only the regions that match one way
        // and not the other decide (counting the others as code points kept every old export
        // whose first spans come before its first emoji unconverted).
        let (mut by_codepoint, mut by_utf16) = (0, 0);
        for region in &regions {
            if let Some((s, e, Some(expected))) = offsets(region.result) {
                let as_codepoints =
                    s < e && e <= chars.len() && chars[s..e].iter().collect::<String>() == expected;
                let as_utf16 = utf16_to_codepoints(text, s, e).is_some_and(|(cs, ce)| {
                    cs < ce && chars[cs..ce].iter().collect::<String>() == expected
                });
                match (as_codepoints, as_utf16) {
                    (true, false) => by_codepoint += 1,
                    (false, true) => by_utf16 += 1,
                    _ => {}
                }
            }
        }
        let utf16 = by_utf16 > 0 && by_utf16 >= by_codepoint;
        if utf16 {
            out.utf16_detected = true;
            if convert_utf16 {
                out.utf16_converted = true;
                builder.problem(
                    "", Outcome::Repaired,
                    format!("{} only as UTF-16 code units (an older Label Studio export); offsets were converted to code points", region_texts(by_utf16)),
                );
            } else {
                builder.problem(
                    "", Outcome::Kept,
                    format!("{} only as UTF-16 code units (an older Label Studio export); offsets were kept as code points. Import again converting UTF-16 offsets to fix them", region_texts(by_utf16)),
                );
            }
        }
        let convert = utf16 && convert_utf16;
        let mut ids: HashMap<String, SpanId> = HashMap::new();
        let mut relations = Vec::new();
        let mut extras = Vec::new();
        for region in &regions {
            let kind = region
                .result
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("");
            match kind {
                "labels" | "hypertextlabels" => {
                    let Some((mut s, mut e, expected)) = offsets(region.result) else {
                        builder.problem(
                            &region.item,
                            Outcome::LeftOut,
                            "a labels region without value.start and value.end; left out".into(),
                        );
                        continue;
                    };
                    if convert && let Some((cs, ce)) = utf16_to_codepoints(text, s, e) {
                        (s, e) = (cs, ce);
                    }
                    let labels: Vec<&str> = region
                        .result
                        .pointer("/value/labels")
                        .or_else(|| region.result.pointer(&format!("/value/{kind}")))
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect();
                    if labels.is_empty() {
                        builder.problem(
                            &region.item,
                            Outcome::LeftOut,
                            "a region without labels; left out".into(),
                        );
                        continue;
                    }
                    for label in labels {
                        let mut span = Span::new(SpanId(0), label, s..e);
                        span.review = region.review;
                        span.origin = region.origin.clone();
                        if let Some(id) = builder.add_full(&region.item, span, expected.as_deref())
                            && let Some(rid) = region.result.get("id").and_then(Value::as_str)
                        {
                            ids.entry(rid.to_string()).or_insert(id);
                        }
                    }
                }
                "relation" => relations.push(region),
                "choices" | "textarea" | "number" => extras.push(region),
                other => builder.problem(
                    &region.item,
                    Outcome::LeftOut,
                    format!("result type {other:?} is not a text span; left out"),
                ),
            }
        }
        let region_ids: BTreeSet<&str> = regions
            .iter()
            .filter(|r| {
                matches!(
                    r.result.get("type").and_then(Value::as_str),
                    Some("labels" | "hypertextlabels")
                )
            })
            .filter_map(|r| r.result.get("id").and_then(Value::as_str))
            .collect();
        for region in extras {
            if documents::is_document_result(region.result, &region_ids) {
                if region.review == Review::Suggested {
                    builder.problem(
                        &region.item,
                        Outcome::LeftOut,
                        "a predicted document label: Newsmark has no suggested document labels; left out".into(),
                    );
                } else {
                    documents::read(&mut builder, &region.item, region.result);
                }
                continue;
            }
            let rid = region
                .result
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("");
            let name = region
                .result
                .get("from_name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let Some(&id) = ids.get(rid) else {
                builder.problem(
                    &region.item,
                    Outcome::LeftOut,
                    format!("{name} is not attached to an imported region; left out"),
                );
                continue;
            };
            let values: Vec<String> = region
                .result
                .pointer("/value/choices")
                .or_else(|| region.result.pointer("/value/text"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            let value = values.join("\n");
            let number = region.result.pointer("/value/number").cloned();
            let set = builder.set();
            // "true"/"false" are a flag's values unless the schema says the attribute is
            // something else (a choice or a text that may hold those words).
            let other_kind = set
                .span(id)
                .and_then(|span| set.schema.label(&span.label))
                .and_then(|label| label.attributes.iter().find(|a| a.name == name))
                .is_some_and(|a| !matches!(a.value_type, AttributeType::Flag));
            builder.update_span(id, |span| {
                if let Some(number) = number.filter(Value::is_number) {
                    span.attributes.insert(name, number);
                } else if name == NOTE_NAME {
                    span.note = Some(value);
                } else if !other_kind && (value == "true" || value == "false") {
                    span.attributes.insert(name, Value::Bool(value == "true"));
                } else {
                    span.attributes.insert(name, Value::String(value));
                }
            });
        }
        for region in relations {
            let get = |k: &str| region.result.get(k).and_then(Value::as_str);
            let label = region
                .result
                .pointer("/labels/0")
                .and_then(Value::as_str)
                .unwrap_or("related");
            match (
                get("from_id").and_then(|f| ids.get(f)),
                get("to_id").and_then(|t| ids.get(t)),
            ) {
                (Some(&from), Some(&to)) => {
                    let (from, to) = if get("direction") == Some("left") {
                        (to, from)
                    } else {
                        (from, to)
                    };
                    builder.add_relation_full(
                        &region.item,
                        label,
                        from,
                        to,
                        region.review,
                        region.origin.clone(),
                    );
                }
                _ => builder.problem(
                    &region.item,
                    Outcome::LeftOut,
                    "links a region that was not imported; left out".into(),
                ),
            }
        }
        if let Some(labels) = task.pointer("/meta/document_labels") {
            builder.document_labels_from("meta.document_labels", labels);
        }
        let name = data
            .get("document")
            .and_then(Value::as_str)
            .map(str::to_string);
        let (set, problems) = builder.finish();
        out.documents.push(crate::formats::read::ReadDocument {
            name,
            set,
            problems,
            notes: Vec::new(),
        });
    }
    out
}

/// "1 region text matches", "3 region texts match".
fn region_texts(n: usize) -> String {
    if n == 1 {
        "1 region text matches".into()
    } else {
        format!("{n} region texts match")
    }
}

#[cfg(test)]
#[path = "label_studio_tests.rs"]
mod tests;
