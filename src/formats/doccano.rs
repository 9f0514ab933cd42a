//! doccano JSONL: one document per line.
//!
//! Without relations: `{"text": .., "label": [[start, end, "LABEL"], ..], "Comments": []}`.
//! With relations (doccano's relation-extraction shape): `{"text": .., "entities": [{"id",
//! "label", "start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id",
//! "type"}]}`. A corpus uses one shape for every line (the relation shape as soon as one
//! document has relations), so Hugging Face `datasets` infers one schema. Offsets are code
//! points. Extra fields (`document`, `document_labels`) sit at the top level, as doccano
//! writes metadata; the reader takes `document_labels` back, and reads doccano's text
//! classification shape (`"label": ["sports", ..]`) as document labels set to true.

use serde_json::{Value, json};

use crate::formats::read::{Outcome, Problem, ReadDocument, SetBuilder, each_jsonl_task};
use crate::formats::registry::{
    CorpusWriter, DocumentExport, ExportOptions, OutFile, attributes_left_out, exported_relations,
    exported_spans, json_lines,
};
use crate::model::set::AnnotationSet;
use crate::model::span::Span;

pub const FILE_NAME: &str = "doccano.jsonl";

struct Pending {
    name: String,
    text: String,
    spans: Vec<(u64, String, usize, usize)>,
    relations: Vec<(u64, u64, u64, String)>,
    document_labels: Value,
}

pub struct Writer {
    options: ExportOptions,
    documents: Vec<Pending>,
}

impl Writer {
    pub fn new(options: ExportOptions) -> Self {
        Self {
            options,
            documents: Vec::new(),
        }
    }
}

impl CorpusWriter for Writer {
    fn add(&mut self, name: &str, set: &AnnotationSet) -> DocumentExport {
        let (spans, mut left_out) = exported_spans(set, &self.options);
        let (relations, relations_left_out) = exported_relations(set, &spans, &self.options);
        left_out.extend(relations_left_out);
        left_out.extend(attributes_left_out(&spans, "doccano JSONL"));
        self.documents.push(Pending {
            name: name.to_string(),
            text: set.text().as_str().to_string(),
            spans: spans
                .iter()
                .map(|s: &&Span| (s.id.0, s.label.clone(), s.start, s.end))
                .collect(),
            relations: relations
                .iter()
                .map(|r| (r.id.0, r.from.0, r.to.0, r.label.clone()))
                .collect(),
            document_labels: serde_json::to_value(&set.document_labels).unwrap_or(Value::Null),
        });
        DocumentExport {
            files: Vec::new(),
            spans_written: spans.len(),
            relations_written: relations.len(),
            left_out,
            notes: Vec::new(),
        }
    }

    fn finish(self: Box<Self>) -> Vec<OutFile> {
        let with_relations = self.documents.iter().any(|d| !d.relations.is_empty());
        let lines: Vec<Value> = self
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| {
                if with_relations {
                    json!({
                        "id": i + 1,
                        "text": d.text,
                        "entities": d.spans.iter().map(|(id, label, start, end)| json!({
                            "id": id, "label": label, "start_offset": start, "end_offset": end,
                        })).collect::<Vec<_>>(),
                        "relations": d.relations.iter().map(|(id, from, to, label)| json!({
                            "id": id, "from_id": from, "to_id": to, "type": label,
                        })).collect::<Vec<_>>(),
                        "Comments": [],
                        "document": d.name,
                        "document_labels": d.document_labels,
                    })
                } else {
                    json!({
                        "id": i + 1,
                        "text": d.text,
                        "label": d.spans.iter().map(|(_, label, start, end)| json!([start, end, label])).collect::<Vec<_>>(),
                        "Comments": [],
                        "document": d.name,
                        "document_labels": d.document_labels,
                    })
                }
            })
            .collect();
        vec![OutFile::new(FILE_NAME, json_lines(&lines))]
    }
}

/// Read doccano JSONL (either shape). `file` names the input in problems. Lines that are not
/// JSON objects with a `text` are reported and skipped; bad spans are reported and left out.
pub fn read(file: &str, jsonl: &str) -> (Vec<ReadDocument>, Vec<Problem>) {
    let mut documents = Vec::new();
    let mut file_problems = Vec::new();
    each_jsonl_task(file, jsonl, &mut file_problems, |task, _| {
        let (where_, value, text) = (task.origin, task.value, task.text);
        let mut builder = SetBuilder::new(text, &where_);
        let mut ids = std::collections::HashMap::new();
        if let Some(labels) = value.get("label").and_then(Value::as_array) {
            for (j, item) in labels.iter().enumerate() {
                let item_name = format!("label[{j}]");
                let parsed = item.as_array().and_then(|a| {
                    Some((
                        a.first()?.as_u64()? as usize,
                        a.get(1)?.as_u64()? as usize,
                        a.get(2)?.as_str()?.to_string(),
                    ))
                });
                match parsed {
                    Some((start, end, label)) => {
                        builder.add_span(&item_name, &label, start, end, None);
                    }
                    // doccano's text classification: the document's categories by name.
                    None if item.is_string() => {
                        let name = item.as_str().unwrap_or_default();
                        builder.set_document_label(&item_name, name, Value::Bool(true));
                    }
                    None => builder.problem(
                        &item_name,
                        Outcome::LeftOut,
                        format!("{item} is not [start, end, \"LABEL\"]; left out"),
                    ),
                }
            }
        }
        if let Some(entities) = value.get("entities").and_then(Value::as_array) {
            for (j, entity) in entities.iter().enumerate() {
                let item_name = format!("entities[{j}]");
                let get = |k: &str| entity.get(k).and_then(Value::as_u64);
                let label = entity.get("label").and_then(Value::as_str);
                match (get("start_offset"), get("end_offset"), label) {
                    (Some(start), Some(end), Some(label)) => {
                        if let Some(id) =
                            builder.add_span(&item_name, label, start as usize, end as usize, None)
                            && let Some(file_id) = get("id")
                        {
                            ids.insert(file_id, id);
                        }
                    }
                    _ => builder.problem(
                        &item_name,
                        Outcome::LeftOut,
                        "needs start_offset, end_offset and label; left out".into(),
                    ),
                }
            }
        }
        if let Some(relations) = value.get("relations").and_then(Value::as_array) {
            for (j, relation) in relations.iter().enumerate() {
                let item_name = format!("relations[{j}]");
                let get = |k: &str| relation.get(k).and_then(Value::as_u64);
                let label = relation.get("type").and_then(Value::as_str);
                match (get("from_id"), get("to_id"), label) {
                    (Some(from), Some(to), Some(label)) => match (ids.get(&from), ids.get(&to)) {
                        (Some(&f), Some(&t)) => builder.add_relation(&item_name, label, f, t),
                        _ => builder.problem(
                            &item_name,
                            Outcome::LeftOut,
                            format!(
                                "links entity {from} to {to}, which were not imported; left out"
                            ),
                        ),
                    },
                    _ => builder.problem(
                        &item_name,
                        Outcome::LeftOut,
                        "needs from_id, to_id and type; left out".into(),
                    ),
                }
            }
        }
        if let Some(labels) = value.get("document_labels") {
            builder.document_labels_from("document_labels", labels);
        }
        let name = value
            .get("document")
            .and_then(Value::as_str)
            .map(str::to_string);
        let (set, problems) = builder.finish();
        documents.push(ReadDocument {
            name,
            set,
            problems,
            notes: Vec::new(),
        });
    });
    (documents, file_problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::registry::fixtures;

    fn export(set: &AnnotationSet) -> (String, DocumentExport) {
        let mut writer: Box<dyn CorpusWriter> = Box::new(Writer::new(ExportOptions::default()));
        let report = writer.add("fixture", set);
        let files = writer.finish();
        (
            String::from_utf8(files[0].bytes.clone()).expect("utf8"),
            report,
        )
    }

    #[test]
    fn writes_relation_shape_with_code_point_offsets() {
        let set = fixtures::sample();
        let (jsonl, report) = export(&set);
        let line: Value = serde_json::from_str(jsonl.trim()).expect("json");
        let text: Vec<char> = line["text"].as_str().expect("text").chars().collect();
        for entity in line["entities"].as_array().expect("entities") {
            let s = entity["start_offset"].as_u64().expect("s") as usize;
            let e = entity["end_offset"].as_u64().expect("e") as usize;
            let id = entity["id"].as_u64().expect("id");
            let span = set
                .span(crate::model::span::SpanId(id))
                .expect("span exists");
            assert_eq!(text[s..e].iter().collect::<String>(), set.span_text(span));
        }
        assert_eq!(line["relations"].as_array().map(Vec::len), Some(2));
        // The suggestion, the attribute and the note are reported.
        assert_eq!(report.left_out.len(), 3, "{:?}", report.left_out);
    }

    #[test]
    fn reads_both_shapes_and_reports_bad_items() {
        let jsonl = concat!(
            r#"{"text":"Ana 👍 met Bo.","label":[[0,3,"PERSON"],[10,12,"PERSON"],[5,99,"ORG"]]}"#,
            "\n",
            r#"{"text":"Zürich said x","entities":[{"id":7,"label":"GPE","start_offset":0,"end_offset":6}],"relations":[{"id":1,"from_id":7,"to_id":8,"type":"said_by"}]}"#,
            "\nnot json\n"
        );
        let (docs, problems) = read("in.jsonl", jsonl);
        assert_eq!(docs.len(), 2);
        assert_eq!(problems.len(), 1);
        assert_eq!(docs[0].set.span_count(), 2);
        assert!(docs[0].problems[0].to_string().contains("label[2]"));
        assert_eq!(docs[1].set.span_count(), 1);
        assert!(docs[1].problems[0].message.contains("not imported"));
    }
}
