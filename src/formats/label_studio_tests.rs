//! Tests of the Label Studio reader and writer (`label_studio.rs`, `label_studio_documents.rs`).

use super::*;
use crate::formats::read::Outcome;
use crate::formats::registry::fixtures;

fn export() -> (String, String, DocumentExport) {
    let set = fixtures::sample();
    let mut writer: Box<dyn CorpusWriter> = Box::new(Writer::new(ExportOptions::default()));
    let report = writer.add("fixture", &set);
    let files = writer.finish();
    (
        String::from_utf8(files[0].bytes.clone()).expect("utf8"),
        String::from_utf8(files[1].bytes.clone()).expect("utf8"),
        report,
    )
}

#[test]
fn suggestions_become_predictions_and_everything_comes_back() {
    let (tasks, config, report) = export();
    assert!(report.left_out.is_empty(), "{:?}", report.left_out);
    let value: Value = serde_json::from_str(&tasks).expect("json");
    assert_eq!(
        value[0]["predictions"][0]["result"][0]["value"]["labels"][0],
        "ORG"
    );
    assert!(config.contains("<Relation value=\"said_by\"/>"));
    assert!(config.contains("<Choice value=\"direct\"/>"));
    let read = read("ls.json", &tasks, false);
    assert!(!read.utf16_detected);
    let original = fixtures::sample();
    let set = &read.documents[0].set;
    assert!(
        read.documents[0].problems.is_empty(),
        "{:?}",
        read.documents[0].problems
    );
    assert_eq!(set.span_count(), original.span_count());
    assert_eq!(set.relation_count(), original.relation_count());
    let quote = set
        .spans_ordered()
        .find(|s| s.label == "QUOTE")
        .expect("quote");
    assert_eq!(
        quote.attributes.get("type"),
        Some(&Value::String("direct".into()))
    );
    assert!(set.spans_ordered().any(|s| s.note.is_some()));
    assert!(set.spans_ordered().any(|s| s.review == Review::Suggested));
}

#[test]
fn utf16_offsets_are_detected_and_converted() {
    let text = "👍 Ana met 👍 Bo";
    let task = json!([{"data": {"text": text}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 3, "end": 6, "text": "Ana", "labels": ["PERSON"]}},
        {"id": "b", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 14, "end": 16, "text": "Bo", "labels": ["PERSON"]}}]}]}]);
    let kept = read("old.json", &task.to_string(), false);
    assert!(kept.utf16_detected && !kept.utf16_converted);
    assert!(
        kept.documents[0]
            .problems
            .iter()
            .any(|p| p.message.contains("UTF-16"))
    );
    let converted = read("old.json", &task.to_string(), true);
    let set = &converted.documents[0].set;
    let texts: Vec<&str> = set.spans_ordered().map(|s| set.span_text(s)).collect();
    assert_eq!(texts, ["Ana", "Bo"]);
    assert_eq!(
        converted.documents[0].problems.len(),
        1,
        "{:?}",
        converted.documents[0].problems
    );
}

/// Tasks with spans before an emoji (the same in both units) and one after it.
fn emoji_task(after: (usize, usize)) -> String {
    //          0         1         2         3
    //          0123456789012345678901234567890123
    let text = "Ana Lima and Bo Reyes said 👍 “no”.";
    json!([{"data": {"text": text}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 0, "end": 8, "text": "Ana Lima", "labels": ["PERSON"]}},
        {"id": "b", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 13, "end": 21, "text": "Bo Reyes", "labels": ["PERSON"]}},
        {"id": "c", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": after.0, "end": after.1, "text": "“no”", "labels": ["QUOTE"]}}]}]}])
    .to_string()
}

#[test]
fn utf16_offsets_after_an_emoji_are_converted_though_earlier_spans_match_both_ways() {
    // UTF-16: the emoji is two code units, so the quote is 30..34 (code points 29..33).
    let read = read("old.json", &emoji_task((30, 34)), true);
    assert!(read.utf16_detected && read.utf16_converted);
    let document = &read.documents[0];
    let set = &document.set;
    let spans: Vec<(&str, usize, usize)> = set
        .spans_ordered()
        .map(|s| (set.span_text(s), s.start, s.end))
        .collect();
    assert_eq!(
        spans,
        [("Ana Lima", 0, 8), ("Bo Reyes", 13, 21), ("“no”", 29, 33)]
    );
    assert_eq!(document.problems.len(), 1, "{:?}", document.problems);
    assert!(document.problems[0].message.contains("converted"));
}

#[test]
fn code_point_offsets_after_an_emoji_are_not_shifted() {
    let read = read("new.json", &emoji_task((29, 33)), true);
    assert!(!read.utf16_detected && !read.utf16_converted);
    let document = &read.documents[0];
    assert!(document.problems.is_empty(), "{:?}", document.problems);
    let set = &document.set;
    let quote = set.spans_ordered().find(|s| s.label == "QUOTE").unwrap();
    assert_eq!(
        (quote.start, quote.end, set.span_text(quote)),
        (29, 33, "“no”")
    );
}

fn export_sets(sets: &[&AnnotationSet]) -> (Value, String, Vec<DocumentExport>) {
    let mut writer: Box<dyn CorpusWriter> = Box::new(Writer::new(ExportOptions::default()));
    let reports = sets
        .iter()
        .enumerate()
        .map(|(i, set)| writer.add(&format!("doc{i}"), set))
        .collect();
    let files = writer.finish();
    (
        serde_json::from_slice(&files[0].bytes).expect("json"),
        String::from_utf8(files[1].bytes.clone()).expect("utf8"),
        reports,
    )
}

/// The document-level results of a task's first annotation, by from_name.
fn document_results(task: &Value) -> BTreeMap<String, Value> {
    task["annotations"][0]["result"]
        .as_array()
        .expect("result")
        .iter()
        .filter(|r| r["value"].get("start").is_none() && r["type"] != "relation")
        .map(|r| {
            (
                r["from_name"].as_str().expect("from").to_string(),
                r.clone(),
            )
        })
        .collect()
}

#[test]
fn document_labels_are_region_less_results_of_their_own_controls() {
    let set = fixtures::with_document_labels();
    let (tasks, config, reports) = export_sets(&[&set]);
    assert!(reports[0].notes.is_empty(), "{:?}", reports[0].notes);
    let task = &tasks[0];
    assert!(task.get("meta").is_none(), "nothing left for meta: {task}");
    let results = document_results(task);
    let shape = |name: &str| {
        let r = &results[name];
        assert_eq!(r["to_name"], TEXT_NAME, "{r}");
        // No region: no offsets, and an id no labels region has.
        assert!(!r["id"].as_str().expect("id").starts_with('s'), "{r}");
        (r["type"].clone(), r["value"].clone())
    };
    assert_eq!(
        shape("contains_claims"),
        (json!("choices"), json!({"choices": ["true"]}))
    );
    assert_eq!(
        shape("strike"),
        (json!("choices"), json!({"choices": ["false"]}))
    );
    assert_eq!(
        shape("genre"),
        (json!("choices"), json!({"choices": ["opinion"]}))
    );
    assert_eq!(
        shape("topic"),
        (json!("textarea"), json!({"text": ["port strike"]}))
    );
    assert_eq!(
        shape("sentiment"),
        (json!("number"), json!({"number": 0.25}))
    );
    // The labeling config has a control of the same name for each, no region.
    let genre = "  <Choices name=\"genre\" toName=\"text\" choice=\"single\" showInline=\"true\">\n    <Choice value=\"news\"/>\n    <Choice value=\"opinion\"/>\n  </Choices>\n";
    assert!(config.contains(genre), "{config}");
    assert!(
        config.contains("<Choices name=\"strike\" toName=\"text\" choice=\"single\" showInline=\"true\">\n    <Choice value=\"true\"/>\n    <Choice value=\"false\"/>"),
        "{config}"
    );
    assert!(
        config.contains(
            "<TextArea name=\"topic\" toName=\"text\" editable=\"true\" maxSubmissions=\"1\"/>"
        ),
        "{config}"
    );
    assert!(
        config.contains("<Number name=\"sentiment\" toName=\"text\" step=\"0.01\"/>"),
        "{config}"
    );
    assert!(config.contains("<Header value=\"genre\"/>"), "{config}");

    let read = read("ls.json", &tasks.to_string(), false);
    let document = &read.documents[0];
    assert_eq!(document.set.document_labels, set.document_labels);
    // Only the labels the default schema lacks are reported, as added (nothing lost).
    let added: BTreeSet<&str> = document
        .problems
        .iter()
        .map(|p| {
            assert_eq!(p.outcome, Outcome::Kept, "{p}");
            assert!(
                p.message.contains("is not in the schema; it was added"),
                "{p}"
            );
            p.message.split('"').nth(1).expect("name")
        })
        .collect();
    assert_eq!(added, BTreeSet::from(["genre", "sentiment", "strike"]));
    let genre = document
        .set
        .schema
        .document_labels
        .iter()
        .find(|d| d.name == "genre");
    assert_eq!(
        genre.map(|d| &d.value_type),
        Some(&AttributeType::Choice {
            values: vec!["opinion".into()]
        })
    );
}

#[test]
fn a_document_label_named_like_a_region_control_gets_its_own_control_name() {
    use crate::model::edit::{self, Edit};
    use crate::model::schema::DocumentLabelDef;
    let mut set = fixtures::sample();
    // `type` is the QUOTE spans' attribute, a per-region control of that name.
    set.schema.document_labels.push(DocumentLabelDef {
        name: "type".into(),
        value_type: AttributeType::Text,
        description: String::new(),
    });
    edit::apply(
        &mut set,
        Edit::SetDocumentLabel("type".into(), Some(json!("analysis"))),
    )
    .expect("label");
    let (tasks, config, _) = export_sets(&[&set]);
    assert!(document_results(&tasks[0]).contains_key("document:type"));
    assert!(
        config.contains("<TextArea name=\"document:type\""),
        "{config}"
    );
    assert_eq!(config.matches("name=\"type\"").count(), 1, "{config}");
    let read = read("ls.json", &tasks.to_string(), false);
    assert_eq!(
        read.documents[0].set.document_labels.get("type"),
        Some(&json!("analysis"))
    );
}

#[test]
fn a_value_its_label_s_control_cannot_hold_goes_to_meta_and_is_noted() {
    use crate::model::edit::{self, Edit};
    use crate::model::schema::DocumentLabelDef;
    let labelled = |value: Value| {
        let mut set = fixtures::sample();
        set.schema.document_labels.push(DocumentLabelDef {
            name: "sentiment".into(),
            value_type: AttributeType::Flag,
            description: String::new(),
        });
        edit::apply(
            &mut set,
            Edit::SetDocumentLabel("sentiment".into(), Some(value)),
        )
        .expect("label");
        set
    };
    // The first document decides the control (a Number); the second's flag cannot be one.
    let (first, second) = (labelled(json!(0.25)), labelled(json!(true)));
    let (tasks, _, reports) = export_sets(&[&first, &second]);
    assert!(reports[0].notes.is_empty());
    assert_eq!(reports[1].notes.len(), 1, "{:?}", reports[1].notes);
    assert!(
        reports[1].notes[0].contains("sentiment = true was written to the task's meta"),
        "{:?}",
        reports[1].notes
    );
    assert_eq!(
        tasks[1]["meta"]["document_labels"]["sentiment"],
        json!(true)
    );
    let read = read("ls.json", &tasks.to_string(), false);
    assert_eq!(read.documents[0].set.document_labels, first.document_labels);
    assert_eq!(
        read.documents[1].set.document_labels,
        second.document_labels
    );
}

/// A task as Label Studio exports a text classification: results with ids of their own.
fn classified(results: Value) -> String {
    json!([{"id": 7, "data": {"text": "The port reopened."}, "annotations": [{"id": 1, "result": results}]}])
        .to_string()
}

#[test]
fn label_studio_s_own_classification_results_are_document_labels() {
    let read = read(
        "ls.json",
        &classified(json!([
            {"id": "KDQ4d0Ft6r", "from_name": "sentiment", "to_name": "text", "type": "choices",
             "origin": "manual", "value": {"choices": ["Positive"]}},
            {"id": "x1", "from_name": "contains_claims", "to_name": "text", "type": "choices",
             "value": {"choices": ["false"]}},
            {"id": "x2", "from_name": "topics", "to_name": "text", "type": "choices",
             "value": {"choices": ["economy", "transport"]}},
        ])),
        false,
    );
    let document = &read.documents[0];
    let labels = &document.set.document_labels;
    assert_eq!(labels.get("sentiment"), Some(&json!("Positive")));
    assert_eq!(labels.get("contains_claims"), Some(&json!(false)));
    // Several choices of a control the schema lacks: each a flag set to true.
    assert_eq!(labels.get("economy"), Some(&json!(true)));
    assert_eq!(labels.get("transport"), Some(&json!(true)));
    assert!(labels.get("topics").is_none());
    assert!(
        document.problems.iter().all(|p| !p.leaves_out()),
        "{:?}",
        document.problems
    );
    assert_eq!(document.set.span_count(), 0);
}

#[test]
fn an_unknown_choice_is_a_problem_naming_the_task_and_the_value() {
    let flagged = read(
        "ls.json",
        &classified(json!([
            // A flag's choice that is neither true nor false: left out.
            {"id": "a", "from_name": "contains_claims", "to_name": "text", "type": "choices",
             "value": {"choices": ["maybe"]}},
        ])),
        false,
    );
    let problems = &flagged.documents[0].problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    let problem = &problems[0];
    assert!(problem.leaves_out());
    assert!(
        problem.item.starts_with("ls.json task 0 (id 7)"),
        "{problem}"
    );
    assert!(problem.message.contains("\"maybe\""), "{problem}");
    assert!(flagged.documents[0].set.document_labels.is_empty());

    // A choice label's value that the schema lacks: kept, added to its values, reported.
    let mut schema = Schema::default();
    schema
        .document_labels
        .push(crate::model::schema::DocumentLabelDef {
            name: "genre".into(),
            value_type: AttributeType::Choice {
                values: vec!["news".into(), "opinion".into()],
            },
            description: String::new(),
        });
    let mut builder = SetBuilder::with_schema("The port reopened.", "ls.json task 0", schema);
    let result = json!({"id": "g", "from_name": "genre", "to_name": "text", "type": "choices",
                        "value": {"choices": ["satire"]}});
    documents::read(&mut builder, "annotations[0].result[0]", &result);
    let (set, problems) = builder.finish();
    assert_eq!(set.document_labels.get("genre"), Some(&json!("satire")));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].outcome, Outcome::Kept);
    assert_eq!(
        problems[0].to_string(),
        "ls.json task 0 annotations[0].result[0]: choice \"satire\" is not one of document label \"genre\"'s values (news, opinion); it was kept and added to them"
    );
    let genre = set
        .schema
        .document_labels
        .iter()
        .find(|d| d.name == "genre");
    assert_eq!(
        genre.map(|d| &d.value_type),
        Some(&AttributeType::Choice {
            values: vec!["news".into(), "opinion".into(), "satire".into()]
        })
    );
}

#[test]
fn old_meta_document_labels_are_still_read_and_predicted_ones_reported() {
    let task = json!([{"data": {"text": "The port reopened."},
        "annotations": [{"result": []}],
        "predictions": [{"model_version": "m", "result": [
            {"id": "p", "from_name": "genre", "to_name": "text", "type": "choices",
             "value": {"choices": ["news"]}}]}],
        "meta": {"document_labels": {"contains_claims": true, "topic": "ports"}}}]);
    let read = read("old.json", &task.to_string(), false);
    let document = &read.documents[0];
    assert_eq!(
        document.set.document_labels,
        BTreeMap::from([
            ("contains_claims".to_string(), json!(true)),
            ("topic".to_string(), json!("ports"))
        ])
    );
    assert_eq!(document.problems.len(), 1, "{:?}", document.problems);
    assert!(document.problems[0].leaves_out());
    assert!(
        document.problems[0]
            .item
            .contains("predictions[0].result[0]")
    );
}

#[test]
fn a_flag_attribute_written_false_comes_back_false() {
    // Found by formats12: the labeling config listed only "true" for a flag, and a flag set
    // to false came back as the text "false".
    let mut set = fixtures::sample();
    let label = set.schema.labels[0].name.clone();
    set.schema.labels[0]
        .attributes
        .push(crate::model::schema::AttributeDef {
            name: "disputed".into(),
            value_type: AttributeType::Flag,
            description: String::new(),
        });
    let ids: Vec<_> = set
        .spans_ordered()
        .filter(|s| s.label == label)
        .map(|s| s.id)
        .collect();
    assert!(ids.len() >= 2, "the fixture has two spans of {label}");
    for (id, value) in ids.iter().zip([false, true]) {
        let edit = crate::model::edit::set_attribute(&set, *id, "disputed", Some(value.into()))
            .expect("edit");
        crate::model::edit::apply(&mut set, edit).expect("apply");
    }
    let (tasks, config, _) = export_sets(&[&set]);
    assert!(
        config.contains("<Choice value=\"true\"/>") && config.contains("<Choice value=\"false\"/>"),
        "{config}"
    );
    let read = read("ls.json", &tasks.to_string(), false);
    let back = &read.documents[0].set;
    // (Ids are the reader's own: the spans are found again by their offsets.)
    let values: Vec<_> = ids
        .iter()
        .take(2)
        .map(|id| {
            let span = set.span(*id).expect("span");
            back.spans_ordered()
                .find(|s| (s.start, s.end, &s.label) == (span.start, span.end, &span.label))
                .and_then(|s| s.attributes.get("disputed"))
                .cloned()
        })
        .collect();
    assert_eq!(values, [Some(Value::Bool(false)), Some(Value::Bool(true))]);
}
