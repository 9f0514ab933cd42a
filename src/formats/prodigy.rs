//! Prodigy-style JSONL: one task per document with `tokens` and `spans` (`token_end`
//! inclusive, as Prodigy writes it) and `relations`.
//!
//! Tokens follow [`crate::formats::tokens`] (spaCy-like, every span boundary a token
//! boundary); whitespace tokens such as line breaks are kept, as spaCy keeps them, with
//! `ws` saying whether one space follows. A relation's `head` and `child` are the last token
//! of its spans, and `head_span`/`child_span` give the spans in full.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::formats::read::ReadDocument;
use crate::formats::read::{Outcome, Problem};
use crate::formats::read::{SetBuilder, each_jsonl_task};
use crate::formats::registry::{
    CorpusWriter, DocumentExport, ExportOptions, LeftOut, OutFile, attributes_left_out,
    exported_relations, exported_spans, json_lines,
};
use crate::formats::tokens::{self, covering_tokens};
use crate::model::set::AnnotationSet;

pub const FILE_NAME: &str = "prodigy.jsonl";

pub struct Writer {
    options: ExportOptions,
    lines: Vec<Value>,
}

impl Writer {
    pub fn new(options: ExportOptions) -> Self {
        Self {
            options,
            lines: Vec::new(),
        }
    }
}

impl CorpusWriter for Writer {
    fn add(&mut self, name: &str, set: &AnnotationSet) -> DocumentExport {
        let (candidates, mut left_out) = exported_spans(set, &self.options);
        let text = set.text().as_str();
        let forced: Vec<usize> = candidates.iter().flat_map(|s| [s.start, s.end]).collect();
        let tokens = tokens::tokenize(text, &forced);
        let chars: Vec<char> = text.chars().collect();
        let token_values: Vec<Value> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                json!({
                    "text": chars[t.range()].iter().collect::<String>(),
                    "start": t.start, "end": t.end, "id": i, "ws": t.space_after,
                })
            })
            .collect();
        let mut spans = Vec::new();
        let mut span_values = HashMap::new();
        for span in &candidates {
            match covering_tokens(&tokens, span.range()) {
                Some(range) => {
                    let value = json!({
                        "start": span.start, "end": span.end, "label": span.label,
                        "token_start": range.start, "token_end": range.end - 1,
                        "text": set.span_text(span),
                    });
                    span_values.insert(span.id, (value.clone(), range.end - 1));
                    spans.push(*span);
                }
                None => left_out.push(LeftOut::span(span, "does not align with token boundaries")),
            }
        }
        let (relations, relations_left_out) = exported_relations(set, &spans, &self.options);
        left_out.extend(relations_left_out);
        left_out.extend(attributes_left_out(&spans, "Prodigy JSONL"));
        let relation_values: Vec<Value> = relations
            .iter()
            .filter_map(|r| {
                let (head_span, head) = span_values.get(&r.from)?;
                let (child_span, child) = span_values.get(&r.to)?;
                Some(json!({
                    "head": head, "child": child, "head_span": head_span,
                    "child_span": child_span, "label": r.label,
                }))
            })
            .collect();
        // The task's meta: the document's name, and its document labels when it has any.
        let mut meta = json!({"document": name});
        if !set.document_labels.is_empty() {
            meta["document_labels"] = json!(set.document_labels);
        }
        self.lines.push(json!({
            "text": text,
            "tokens": token_values,
            "spans": spans.iter().filter_map(|s| span_values.get(&s.id).map(|v| v.0.clone())).collect::<Vec<_>>(),
            "relations": relation_values,
            "answer": "accept",
            "meta": meta,
        }));
        DocumentExport {
            files: Vec::new(),
            spans_written: spans.len(),
            relations_written: relations.len(),
            left_out,
            notes: Vec::new(),
        }
    }

    fn finish(self: Box<Self>) -> Vec<OutFile> {
        vec![OutFile::new(FILE_NAME, json_lines(&self.lines))]
    }
}

/// Read Prodigy JSONL: tasks with `text` and `spans`; `relations` with `head_span` and
/// `child_span`. Tasks answered `reject` or `ignore` are reported and not imported (not a loss).
pub fn read(file: &str, jsonl: &str) -> (Vec<ReadDocument>, Vec<Problem>) {
    let mut documents = Vec::new();
    let mut file_problems = Vec::new();
    each_jsonl_task(file, jsonl, &mut file_problems, |task, file_problems| {
        let (where_, value, text) = (task.origin, task.value, task.text);
        if let Some(answer) = value.get("answer").and_then(Value::as_str)
            && answer != "accept"
        {
            file_problems.push(Problem { outcome: Outcome::Declined,
                item: where_,
                // Not a loss: Prodigy's own meaning of a rejected or ignored example.
                message: format!(
                    "answered {answer:?}, not \"accept\": an example the annotator turned down, not imported"
                ),
            });
            return;
        }
        let mut builder = SetBuilder::new(text, &where_);
        let token_list = value.get("tokens").and_then(Value::as_array);
        let mut by_offsets = HashMap::new();
        for (j, span) in value
            .get("spans")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let item = format!("spans[{j}]");
            let get = |k: &str| span.get(k).and_then(Value::as_u64).map(|v| v as usize);
            let label = span.get("label").and_then(Value::as_str);
            let (Some(start), Some(end), Some(label)) = (get("start"), get("end"), label) else {
                builder.problem(
                    &item,
                    Outcome::LeftOut,
                    "needs start, end and label; left out".into(),
                );
                continue;
            };
            if let (Some(tokens), Some(ts), Some(te)) =
                (token_list, get("token_start"), get("token_end"))
            {
                let tok = |k: usize, key: &str| {
                    tokens
                        .get(k)
                        .and_then(|t| t.get(key))
                        .and_then(Value::as_u64)
                        .map(|v| v as usize)
                };
                if tok(ts, "start") != Some(start) || tok(te, "end") != Some(end) {
                    builder.problem(
                        &item, Outcome::Repaired,
                        format!("token_start {ts} / token_end {te} (inclusive) do not match offsets {start}..{end}; the character offsets were used"),
                    );
                }
            }
            let expected = span.get("text").and_then(Value::as_str);
            if let Some(id) = builder.add_span(&item, label, start, end, expected) {
                by_offsets.insert((start, end, label.to_string()), id);
            }
        }
        for (j, relation) in value
            .get("relations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let item = format!("relations[{j}]");
            let key = |k: &str| {
                let s = relation.get(k)?;
                Some((
                    s.get("start")?.as_u64()? as usize,
                    s.get("end")?.as_u64()? as usize,
                    s.get("label")?.as_str()?.to_string(),
                ))
            };
            let label = relation.get("label").and_then(Value::as_str);
            match (key("head_span"), key("child_span"), label) {
                (Some(h), Some(c), Some(label)) => match (by_offsets.get(&h), by_offsets.get(&c)) {
                    (Some(&from), Some(&to)) => builder.add_relation(&item, label, from, to),
                    _ => builder.problem(
                        &item,
                        Outcome::LeftOut,
                        "its head_span or child_span is not among the imported spans; left out"
                            .into(),
                    ),
                },
                _ => builder.problem(
                    &item,
                    Outcome::LeftOut,
                    "needs head_span, child_span and label; left out".into(),
                ),
            }
        }
        if let Some(labels) = value.pointer("/meta/document_labels") {
            builder.document_labels_from("meta.document_labels", labels);
        }
        let name = value
            .pointer("/meta/document")
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

    #[test]
    fn token_end_is_inclusive_and_relations_round_trip() {
        let set = fixtures::sample();
        let mut writer: Box<dyn CorpusWriter> = Box::new(Writer::new(ExportOptions::default()));
        let report = writer.add("fixture", &set);
        let jsonl = String::from_utf8(writer.finish()[0].bytes.clone()).expect("utf8");
        let task: Value = serde_json::from_str(jsonl.trim()).expect("json");
        let tokens = task["tokens"].as_array().expect("tokens");
        for span in task["spans"].as_array().expect("spans") {
            let te = span["token_end"].as_u64().expect("te") as usize;
            assert_eq!(tokens[te]["end"], span["end"]);
        }
        assert_eq!(report.relations_written, 2);
        let (docs, problems) = read("p.jsonl", &jsonl);
        assert!(
            problems.is_empty() && docs[0].problems.is_empty(),
            "{problems:?} {:?}",
            docs[0].problems
        );
        assert_eq!(docs[0].set.span_count(), report.spans_written);
        assert_eq!(docs[0].set.relation_count(), 2);
    }

    #[test]
    fn a_bad_span_is_left_out_and_the_rest_of_the_task_is_read() {
        let jsonl = concat!(
            r#"{"text": "Ana met Bo.", "spans": [{"start": 0, "label": "PERSON"}, {"start": 8, "end": 10, "label": "PERSON"}]}"#,
            "\n",
            r#"{"text": "Skip me.", "answer": "reject"}"#,
            "\n",
            "{broken\n",
        );
        let (docs, problems) = read("p.jsonl", jsonl);
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].set.span_count(),
            1,
            "the good span after the bad one is read"
        );
        assert_eq!(docs[0].problems.len(), 1, "{:?}", docs[0].problems);
        assert!(docs[0].problems[0].item.contains("spans[0]"));
        let items: Vec<&str> = problems.iter().map(|p| p.item.as_str()).collect();
        assert_eq!(items, ["p.jsonl line 2", "p.jsonl line 3"]);
        assert!(problems[0].message.contains("reject"));
    }
}
