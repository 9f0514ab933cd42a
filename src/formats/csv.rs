//! CSV for spreadsheets: one row per span (RFC 4180 quoting, UTF-8, LF line ends).
//!
//! Columns: `document, span_id, label, start, end, text, attributes, note, review, origin,
//! relations`. `attributes` is a JSON object; `relations` lists the span's outgoing relations
//! as `label:target_span_id` separated by `; `. Offsets are code points.

use crate::formats::registry::{
    CorpusWriter, DocumentExport, ExportOptions, OutFile, document_labels_left_out,
    exported_relations, exported_spans,
};
use crate::model::set::AnnotationSet;
use crate::model::span::Review;

pub const FILE_NAME: &str = "spans.csv";
const HEADER: [&str; 11] = [
    "document",
    "span_id",
    "label",
    "start",
    "end",
    "text",
    "attributes",
    "note",
    "review",
    "origin",
    "relations",
];

pub struct Writer {
    options: ExportOptions,
    out: String,
}

impl Writer {
    pub fn new(options: ExportOptions) -> Self {
        let mut out = String::new();
        push_row(&mut out, HEADER.iter().map(|s| s.to_string()));
        Self { options, out }
    }
}

/// Quote a field when it holds a comma, quote, CR or LF (RFC 4180).
pub fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    let row: Vec<String> = fields.map(|f| field(&f)).collect();
    out.push_str(&row.join(","));
    out.push('\n');
}

impl CorpusWriter for Writer {
    fn add(&mut self, name: &str, set: &AnnotationSet) -> DocumentExport {
        let (spans, mut left_out) = exported_spans(set, &self.options);
        let (relations, relations_left_out) = exported_relations(set, &spans, &self.options);
        left_out.extend(relations_left_out);
        left_out.extend(document_labels_left_out(set, "a CSV of spans"));
        for span in &spans {
            let outgoing: Vec<String> = relations
                .iter()
                .filter(|r| r.from == span.id)
                .map(|r| format!("{}:{}", r.label, r.to.0))
                .collect();
            let attributes = if span.attributes.is_empty() {
                String::new()
            } else {
                serde_json::to_string(&span.attributes).unwrap_or_default()
            };
            push_row(
                &mut self.out,
                [
                    name.to_string(),
                    span.id.0.to_string(),
                    span.label.clone(),
                    span.start.to_string(),
                    span.end.to_string(),
                    set.span_text(span).to_string(),
                    attributes,
                    span.note.clone().unwrap_or_default(),
                    match span.review {
                        Review::Accepted => "accepted".to_string(),
                        Review::Suggested => "suggested".to_string(),
                    },
                    span.origin.clone().unwrap_or_default(),
                    outgoing.join("; "),
                ]
                .into_iter(),
            );
        }
        DocumentExport {
            files: Vec::new(),
            spans_written: spans.len(),
            relations_written: relations.len(),
            left_out,
            notes: Vec::new(),
        }
    }

    fn finish(self: Box<Self>) -> Vec<OutFile> {
        vec![OutFile::new(FILE_NAME, self.out.into_bytes())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::registry::fixtures;

    #[test]
    fn one_row_per_span_with_quoting() {
        let set = fixtures::sample();
        let mut writer: Box<dyn CorpusWriter> = Box::new(Writer::new(ExportOptions::default()));
        let report = writer.add("fixture", &set);
        let csv = String::from_utf8(writer.finish()[0].bytes.clone()).expect("utf8");
        assert_eq!(csv.lines().count(), 1 + report.spans_written);
        assert!(csv.contains("\"{\"\"type\"\":\"\"direct\"\"}\""), "{csv}");
        assert!(csv.contains("said_by:2"));
        assert!(csv.contains(",Ana Lúcia Ferreira,"));
        assert_eq!(report.left_out.len(), 1); // the suggestion
        assert_eq!(field("a,b"), "\"a,b\"");
    }
}
