//! Tests of the W3C Web Annotation reader and writer (`w3c.rs`).

use super::*;
use crate::formats::registry::fixtures;

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

fn export(set: &AnnotationSet, options: ExportOptions) -> (String, DocumentExport) {
    let mut writer = Writer::new(options);
    let report = writer.add("fixture", set);
    let json = String::from_utf8(report.files[0].bytes.clone()).expect("utf8");
    (json, report)
}

#[test]
fn document_labels_classify_the_whole_source() {
    let set = fixtures::with_document_labels();
    let (json, report) = export(&set, ExportOptions::default());
    assert!(
        !report
            .left_out
            .iter()
            .any(|l| l.item.contains("document label")),
        "{:?}",
        report.left_out
    );
    let value: Value = serde_json::from_str(&json).expect("json");
    let items = value["first"]["items"].as_array().expect("items");
    let classifying: Vec<&Value> = items
        .iter()
        .filter(|i| i["motivation"] == "classifying")
        .collect();
    assert_eq!(classifying.len(), 5);
    for item in &classifying {
        // The whole source: its IRI alone, no selector.
        assert_eq!(item["target"], "fixture.txt", "{item}");
        assert_eq!(item["body"]["purpose"], "classifying", "{item}");
    }
    let body = |name: &str| {
        classifying
            .iter()
            .map(|i| &i["body"])
            .find(|b| b[DOCUMENT_LABEL_KEY] == name)
            .expect(name)
    };
    assert_eq!(body("genre")["value"], "opinion");
    assert!(body("genre").get(VALUE_KEY).is_none());
    assert_eq!(body("strike")["value"], "false");
    assert_eq!(body("strike")[VALUE_KEY], json!(false));
}

#[test]
fn everything_written_reads_back() {
    let set = fixtures::with_document_labels();
    let options = ExportOptions {
        include_suggested: true,
    };
    let (json, report) = export(&set, options);
    assert!(report.left_out.is_empty(), "{:?}", report.left_out);
    let (back, problems) = read("fixture.jsonld", set.text().as_str(), &json);
    // Only the document labels the default schema lacks, added to it.
    assert!(
        problems.iter().all(|p| p.outcome == Outcome::Kept
            && p.message.contains("is not in the schema; it was added")),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
    let key = |s: &AnnotationSet| -> Vec<String> {
        s.spans_ordered()
            .map(|sp| {
                format!(
                    "{} {}..{} {:?} {:?} {:?} {:?}",
                    sp.label, sp.start, sp.end, sp.attributes, sp.note, sp.review, sp.origin
                )
            })
            .collect()
    };
    assert_eq!(key(&back), key(&set));
    let links = |s: &AnnotationSet| -> Vec<(String, String, String)> {
        s.relations()
            .map(|r| {
                let text = |id| s.span(id).map(|sp| s.span_text(sp).to_string());
                (
                    r.label.clone(),
                    text(r.from).expect("from"),
                    text(r.to).expect("to"),
                )
            })
            .collect()
    };
    assert_eq!(links(&back), links(&set));
    assert_eq!(back.document_labels, set.document_labels);
    assert_eq!(back.document.source.as_deref(), Some("fixture.txt"));
}

#[test]
fn foreign_annotations_are_read_or_reported() {
    let text = "The port reopened on Monday.";
    let json = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationPage",
        "items": [
            // A class of the whole document, no name: a flag set to true.
            {"id": "a1", "type": "Annotation", "motivation": "classifying",
             "body": {"type": "TextualBody", "purpose": "classifying", "value": "transport"},
             "target": "http://example.org/story"},
            // A span whose quote differs from the text at its offsets: kept, reported.
            {"id": "a2", "type": "Annotation",
             "body": [{"type": "TextualBody", "purpose": "tagging", "value": "DATE"},
                      {"type": "TextualBody", "purpose": "commenting", "value": "weekday"}],
             "target": {"source": "http://example.org/story", "selector": [
                 {"type": "TextPositionSelector", "start": 21, "end": 27},
                 {"type": "TextQuoteSelector", "exact": "Tuesday"}]}},
            // A quote selector alone is not searched for.
            {"id": "a3", "type": "Annotation", "body": {"purpose": "tagging", "value": "ORG"},
             "target": {"source": "s", "selector": {"type": "TextQuoteSelector", "exact": "port"}}},
            // A bookmark: no span, link or document label.
            {"id": "a4", "type": "Annotation", "motivation": "bookmarking", "target": "s"},
            // A link to an annotation that is no span.
            {"id": "a5", "type": "Annotation", "motivation": "linking",
             "body": {"type": "TextualBody", "purpose": "linking", "value": "refers_to"},
             "target": ["a2", "a3"]},
        ]
    });
    let (set, problems) = read("foreign.jsonld", text, &json.to_string());
    assert_eq!(set.document_labels.get("transport"), Some(&json!(true)));
    let date = set.spans_ordered().next().expect("span");
    assert_eq!(
        (date.label.as_str(), set.span_text(date)),
        ("DATE", "Monday")
    );
    assert_eq!(date.note.as_deref(), Some("weekday"));
    assert_eq!(set.span_count(), 1);
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let find = |needle: &str| {
        problems
            .iter()
            .find(|p| p.item.contains(needle))
            .unwrap_or_else(|| panic!("{needle}: {shown:?}"))
    };
    assert_eq!(find("items[1] (a2)").outcome, Outcome::Kept);
    assert!(find("items[2] (a3)").leaves_out());
    assert!(find("items[3] (a4)").leaves_out());
    assert!(find("items[4] (a5)").leaves_out());
    assert!(
        shown.iter().all(|p| p.starts_with("foreign.jsonld ")),
        "{shown:?}"
    );
    assert_eq!(
        set.document.source.as_deref(),
        Some("http://example.org/story")
    );

    let (_, problems) = read("bad.jsonld", text, "{\"type\": \"Annotation\"");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].leaves_out() && problems[0].message.contains("not valid JSON"));
}

#[test]
fn a_classifying_annotation_of_a_target_object_without_selector_gives_the_source() {
    let json = json!({"type": "Annotation", "motivation": "classifying",
        "body": {"type": "TextualBody", "purpose": "classifying", "value": "opinion",
                 DOCUMENT_LABEL_KEY: "genre"},
        "target": {"source": "http://example.org/column"}});
    let (set, problems) = read("one.jsonld", "A column.", &json.to_string());
    assert_eq!(set.document_labels.get("genre"), Some(&json!("opinion")));
    assert_eq!(
        set.document.source.as_deref(),
        Some("http://example.org/column")
    );
    // genre is not in the default schema: added, as a text label (a choice needs the schema).
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].outcome, Outcome::Kept);
}
