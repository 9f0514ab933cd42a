//! W3C Web Annotation Data Model, JSON-LD: one `AnnotationCollection` file per document.
//!
//! Each span is an `Annotation` whose body tags it with its label (`purpose: tagging`), plus
//! one `describing` body per attribute and note, and whose target carries a
//! `TextPositionSelector` (code points, as the model requires) and a `TextQuoteSelector`
//! (`exact`, `prefix`, `suffix` of up to 32 characters) for re-anchoring. Relations become
//! annotations with `purpose: linking` whose targets are the two span annotations.

use serde_json::json;

use crate::formats::registry::{
    CorpusWriter, DocumentExport, ExportOptions, OutFile, attribute_text, document_labels_left_out,
    exported_relations, exported_spans, pretty_json,
};
use crate::model::set::AnnotationSet;
use crate::model::span::Review;

const CONTEXT_CHARS: usize = 32;

pub struct Writer {
    options: ExportOptions,
}

impl Writer {
    pub fn new(options: ExportOptions) -> Self {
        Self { options }
    }
}

fn annotation_id(name: &str, kind: &str, id: u64) -> String {
    format!("urn:newsmark:{name}:{kind}:{id}")
}

impl CorpusWriter for Writer {
    fn add(&mut self, name: &str, set: &AnnotationSet) -> DocumentExport {
        let (spans, mut left_out) = exported_spans(set, &self.options);
        let (relations, relations_left_out) = exported_relations(set, &spans, &self.options);
        left_out.extend(relations_left_out);
        left_out.extend(document_labels_left_out(set, "W3C Web Annotation"));
        let source = set
            .document
            .source
            .clone()
            .unwrap_or_else(|| format!("{name}.txt"));
        let len = set.text().char_len();
        let mut items = Vec::new();
        for span in &spans {
            let mut bodies = vec![json!({
                "type": "TextualBody", "purpose": "tagging", "value": span.label,
            })];
            for (attr, value) in &span.attributes {
                bodies.push(json!({
                    "type": "TextualBody", "purpose": "describing",
                    "value": attribute_text(value), "newsmark:attribute": attr,
                }));
            }
            if let Some(note) = &span.note {
                bodies.push(json!({"type": "TextualBody", "purpose": "commenting", "value": note}));
            }
            let mut annotation = json!({
                "id": annotation_id(name, "span", span.id.0),
                "type": "Annotation",
                "body": bodies,
                "target": {
                    "source": source,
                    "selector": [
                        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
                        {
                            "type": "TextQuoteSelector",
                            "exact": set.span_text(span),
                            "prefix": set.text().slice(span.start.saturating_sub(CONTEXT_CHARS)..span.start),
                            "suffix": set.text().slice(span.end..(span.end + CONTEXT_CHARS).min(len)),
                        }
                    ]
                }
            });
            if span.review == Review::Suggested {
                annotation["motivation"] = json!("assessing");
                annotation["newsmark:review"] = json!("suggested");
            }
            if let Some(origin) = &span.origin {
                annotation["generator"] = json!(origin);
            }
            items.push(annotation);
        }
        for relation in &relations {
            items.push(json!({
                "id": annotation_id(name, "relation", relation.id.0),
                "type": "Annotation",
                "motivation": "linking",
                "body": {"type": "TextualBody", "purpose": "linking", "value": relation.label},
                "target": [
                    annotation_id(name, "span", relation.from.0),
                    annotation_id(name, "span", relation.to.0),
                ],
            }));
        }
        let collection = json!({
            "@context": ["http://www.w3.org/ns/anno.jsonld", {"newsmark": "urn:newsmark:vocab#"}],
            "id": format!("urn:newsmark:{name}"),
            "type": "AnnotationCollection",
            "label": name,
            "total": items.len(),
            "first": {"type": "AnnotationPage", "items": items},
        });
        DocumentExport {
            files: vec![OutFile::new(
                format!("{name}.jsonld"),
                pretty_json(&collection),
            )],
            spans_written: spans.len(),
            relations_written: relations.len(),
            left_out,
            notes: Vec::new(),
        }
    }

    fn finish(self: Box<Self>) -> Vec<OutFile> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::registry::fixtures;
    use serde_json::Value;

    #[test]
    fn selectors_match_the_text() {
        let set = fixtures::sample();
        let mut writer = Writer::new(ExportOptions::default());
        let report = writer.add("fixture", &set);
        let value: Value = serde_json::from_slice(&report.files[0].bytes).expect("json");
        let text: Vec<char> = set.text().as_str().chars().collect();
        let items = value["first"]["items"].as_array().expect("items");
        let mut checked = 0;
        for item in items {
            let Some(selectors) = item["target"]["selector"].as_array() else {
                continue;
            };
            let s = selectors[0]["start"].as_u64().expect("start") as usize;
            let e = selectors[0]["end"].as_u64().expect("end") as usize;
            assert_eq!(
                text[s..e].iter().collect::<String>(),
                selectors[1]["exact"].as_str().expect("exact")
            );
            checked += 1;
        }
        assert_eq!(checked, report.spans_written);
        assert_eq!(items.len(), report.spans_written + report.relations_written);
    }
}
