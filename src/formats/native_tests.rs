//! Tests of the module beside this file (kept apart so the module reads in one sitting).
use super::*;
use crate::model::edit::{self, Edit};

// The serde-derived writer the fast one must match byte for byte.
/// The file as written: borrowed from the set, in the documented key order.
#[derive(Serialize)]
struct RawSetOut<'a> {
    format: &'static str,
    version: u32,
    document: RawDocumentOut<'a>,
    schema: &'a Schema,
    spans: Vec<RawSpanOut<'a>>,
    relations: Vec<&'a Relation>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    document_labels: &'a BTreeMap<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: &'a Option<String>,
    // team
    #[serde(skip_serializing_if = "Option::is_none")]
    curation: &'a Option<crate::model::curation::CurationRecord>,
}

#[derive(Serialize)]
struct RawDocumentOut<'a> {
    text: &'a str,
    text_sha256: &'a str,
    offset_unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: &'a Option<String>,
    #[serde(skip_serializing_if = "Metadata::is_empty")]
    metadata: &'a Metadata,
    #[serde(skip_serializing_if = "Direction::is_auto")]
    direction: Direction,
}

#[derive(Serialize)]
struct RawSpanOut<'a> {
    id: u64,
    label: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Attributes::is_empty")]
    attributes: &'a Attributes,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: &'a Option<String>,
    #[serde(skip_serializing_if = "Review::is_accepted")]
    review: Review,
    // team
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    annotators: &'a [String],
}

fn reference_json(set: &AnnotationSet) -> Vec<u8> {
    let mut ordered: Vec<&Span> = set.spans_unordered().collect();
    ordered.sort_unstable_by_key(|s| (s.start, s.end, s.id));
    let spans: Vec<RawSpanOut<'_>> = ordered
        .into_iter()
        .map(|span| RawSpanOut {
            id: span.id.0,
            label: &span.label,
            start: span.start,
            end: span.end,
            text: set.span_text(span),
            attributes: &span.attributes,
            note: &span.note,
            origin: &span.origin,
            review: span.review,
            annotators: &span.annotators,
        })
        .collect();
    let raw = RawSetOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        document: RawDocumentOut {
            text: set.text().as_str(),
            text_sha256: set.text().sha256(),
            offset_unit: "codepoint",
            source: &set.document.source,
            encoding: &set.document.encoding,
            metadata: &set.document.metadata,
            direction: set.document.direction,
        },
        schema: &set.schema,
        spans,
        relations: set.relations().collect(),
        document_labels: &set.document_labels,
        status: set.status,
        annotator: &set.annotator,
        created: &set.created,
        modified: &set.modified,
        curation: &set.curation,
    };
    let mut out = serde_json::to_vec_pretty(&raw).unwrap();
    out.push(b'\n');
    out
}

/// Everything the writer can meet, in the places it can meet it.
fn everything() -> AnnotationSet {
    let mut set = sample();
    set.annotator = Some("mk \"tester\"".into());
    set.created = Some("2026-11-26T18:00:00Z".into());
    set.modified = Some("2026-11-26T19:00:00Z".into());
    set.document.encoding = Some("windows-1252".into());
    set.document.metadata.title = Some("Tab\there, line\nthere".into());
    set.document.direction = Direction::Rtl;
    set.document_labels
        .insert("topic".into(), serde_json::json!(["labour", {"x": 1.5}]));
    set.status = Some(Status::InCuration);
    let mut noted = set.span(SpanId(2)).unwrap().clone();
    noted.note = Some("checked \u{1} \\ “ok”".into());
    edit::apply(&mut set, Edit::UpdateSpan(noted)).unwrap();
    let mut suggested = Span::new(set.new_span_id(), "ORG", 0..3);
    suggested.origin = Some("rule:test".into());
    suggested.review = Review::Suggested;
    suggested.annotators = vec!["alice".into(), "bob \"b\"".into()];
    set.curation = Some(crate::model::curation::CurationRecord {
        strategy: "majority".into(),
        annotators: vec!["alice".into(), "bob".into()],
        decisions: vec![crate::model::curation::Decision {
            kind: crate::model::LabelKind::Entity,
            start: 0,
            end: 3,
            inputs_sha256: "ab".repeat(32),
            choice: crate::model::curation::Choice::Take("alice".into()),
            spans: vec![crate::model::curation::DecidedSpan {
                label: "ORG".into(),
                start: 0,
                end: 3,
                attributes: Attributes::new(),
                note: Some("“x”".into()),
            }],
            stale: false,
        }],
        relations: vec![crate::model::curation::RelationDecision {
            label: "said_by".into(),
            from: crate::model::curation::SpanRef {
                label: "QUOTE".into(),
                start: 1,
                end: 17,
            },
            to: crate::model::curation::SpanRef {
                label: "PERSON".into(),
                start: 25,
                end: 43,
            },
            accepted: false,
        }],
    });
    edit::apply(&mut set, Edit::AddSpan(suggested)).unwrap();
    let rel = Relation {
        id: set.new_relation_id(),
        label: "said_by".into(),
        from: SpanId(1),
        to: SpanId(2),
        origin: Some("rule:speaker".into()),
        review: Review::Suggested,
    };
    edit::apply(&mut set, Edit::AddRelation(rel)).unwrap();
    set
}

#[test]
fn the_fast_writer_writes_what_serde_writes() {
    let empty = AnnotationSet::new(Document::new(""), Schema::default());
    let generated = crate::bench::generate::generated_set(7, 200_000, 3_000);
    for set in [empty, sample(), everything(), generated] {
        let fast = to_json_bytes(&set);
        let reference = reference_json(&set);
        assert_eq!(
            String::from_utf8(fast).unwrap(),
            String::from_utf8(reference).unwrap()
        );
    }
    for name in [
        "harbour-strike",
        "klimagipfel",
        "council-budget",
        "long-inquiry",
        "aqaba-desalination",
        "haifa-light-rail",
        "tehran-water",
    ] {
        let path = format!("{}/sample_data/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let json = std::fs::read_to_string(path).unwrap();
        let set = from_json(&json).unwrap().set;
        assert_eq!(to_json_bytes(&set), reference_json(&set), "{name}");
        assert_eq!(
            to_json(&set),
            json,
            "{name} is saved exactly as it is stored"
        );
    }
}

fn sample() -> AnnotationSet {
    let mut document =
        Document::new("“We will not wait,” said Ana\u{a0}Lúcia Ferreira 👍 in Zürich.\n");
    document.source = Some("/tmp/a.txt".into());
    let mut set = AnnotationSet::new(document, Schema::default());
    let quote = edit::add_span(&mut set, "QUOTE", 1..17);
    edit::apply(&mut set, quote).unwrap();
    let person = edit::add_span(&mut set, "PERSON", 25..43);
    edit::apply(&mut set, person).unwrap();
    let place = edit::add_span(&mut set, "GPE", 49..55);
    edit::apply(&mut set, place).unwrap();
    let rel = Relation {
        id: set.new_relation_id(),
        label: "said_by".into(),
        from: SpanId(1),
        to: SpanId(2),
        origin: None,
        review: Review::Accepted,
    };
    edit::apply(&mut set, Edit::AddRelation(rel)).unwrap();
    let attr = edit::set_attribute(&set, SpanId(1), "type", Some("direct".into())).unwrap();
    edit::apply(&mut set, attr).unwrap();
    set
}

#[test]
fn round_trip_is_lossless_and_deterministic() {
    let set = sample();
    let json = to_json(&set);
    let loaded = from_json(&json).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.set, set);
    assert_eq!(to_json(&loaded.set), json);
    assert!(json.contains("\"text\": \"Zürich\""));
    assert!(json.ends_with("}\n") && !json.contains('\r'));
}

#[test]
fn problems_name_their_items_and_nothing_vanishes_silently() {
    let mut value: Value = serde_json::from_str(&to_json(&sample())).unwrap();
    let spans = value["spans"].as_array_mut().unwrap();
    spans[0]["text"] = "wrong".into();
    spans[1]["label"] = "POLITICIAN".into();
    spans[2]["end"] = 10_000.into();
    spans.push(serde_json::json!({"id": 1, "label": "ORG", "start": 0, "end": 2, "text": "“W"}));
    spans.push(serde_json::json!({"label": "ORG"}));
    value["relations"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!(
            {"id": 9, "label": "said_by", "from": 2, "to": 1}));
    value["document"]["text_sha256"] = "00".into();
    let loaded = from_json(&value.to_string()).unwrap();
    let report: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    let has = |needle: &str| report.iter().any(|p| p.contains(needle));
    assert!(has("text_sha256"), "{report:?}");
    // A hash that does not match says what it likely means and what to do.
    assert!(
        has("the text was changed after the set was saved") && has("newsmark reanchor"),
        "{report:?}"
    );
    assert!(has("spans[0] (id 1): its text \"wrong\""), "{report:?}");
    assert!(has("POLITICIAN\" is not in the schema"), "{report:?}");
    assert!(has("spans[2] (id 3): offsets 49..10000"), "{report:?}");
    assert!(has("id 1 is used twice"), "{report:?}");
    assert!(has("spans[4]: unreadable"), "{report:?}");
    assert!(
        has("relations[1] (id 9): not allowed by the schema"),
        "{report:?}"
    );
    assert_eq!(loaded.set.span_count(), 3); // 3 kept + the renumbered duplicate - the bad range
    assert!(loaded.set.schema.label("POLITICIAN").is_some());
}

/// Every key the writer emits is declared in the JSON Schema, and every required key is
/// written.
#[test]
fn output_matches_the_json_schema_file() {
    let schema: Value = serde_json::from_str(include_str!(
        "../../assets/newsmark-annotations.schema.json"
    ))
    .unwrap();
    let mut set = sample();
    set.annotator = Some("mk".into());
    set.created = Some("2026-11-26T18:00:00Z".into());
    set.status = Some(Status::Done);
    // team: a gold set's span records who had it
    let mut gold_span = set.span(SpanId(1)).unwrap().clone();
    gold_span.annotators = vec!["alice".into(), "bob".into()];
    edit::apply(&mut set, Edit::UpdateSpan(gold_span)).unwrap();
    let written: Value = serde_json::from_str(&to_json(&set)).unwrap();
    let check = |value: &Value, schema: &Value, what: &str| {
        let props = schema["properties"].as_object().unwrap();
        for key in value.as_object().unwrap().keys() {
            assert!(
                props.contains_key(key),
                "{what}.{key} is not in the JSON Schema"
            );
        }
        for key in schema["required"].as_array().into_iter().flatten() {
            assert!(
                value.get(key.as_str().unwrap()).is_some(),
                "{what} lacks {key}"
            );
        }
    };
    check(&written, &schema, "set");
    check(
        &written["document"],
        &schema["properties"]["document"],
        "document",
    );
    let span_schema = &schema["properties"]["spans"]["items"];
    for span in written["spans"].as_array().unwrap() {
        check(span, span_schema, "span");
    }
    let relation_schema = &schema["properties"]["relations"]["items"];
    for relation in written["relations"].as_array().unwrap() {
        check(relation, relation_schema, "relation");
    }
}

#[test]
fn whole_file_errors_are_clear() {
    assert!(matches!(
        from_json("{\"a\": "),
        Err(LoadError::Json { line: 1, .. })
    ));
    assert!(matches!(
        from_json("{\"format\": \"other\"}"),
        Err(LoadError::NotASet(_))
    ));
    let newer = r#"{"format":"newsmark.annotations","version":7,"document":{"text":""}}"#;
    assert!(matches!(from_json(newer), Err(LoadError::Version(7))));
}

// --- status (corpus) ---
#[test]
fn status_round_trips_and_old_sets_have_none() {
    let old = to_json(&sample());
    assert!(!old.contains("\"status\""));
    assert_eq!(from_json(&old).unwrap().set.status, None);
    for status in Status::ALL {
        let mut set = sample();
        set.status = Some(status);
        let json = to_json(&set);
        assert!(
            json.contains(&format!("\"status\": \"{status}\"")),
            "{json}"
        );
        let loaded = from_json(&json).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.set.status, Some(status));
        assert_eq!(to_json(&loaded.set), json);
    }
}

#[test]
fn an_unknown_status_is_a_named_problem() {
    let mut value: Value = serde_json::from_str(&to_json(&sample())).unwrap();
    for bad in [serde_json::json!("reviewed"), serde_json::json!(3)] {
        value["status"] = bad.clone();
        let loaded = from_json(&value.to_string()).unwrap();
        assert_eq!(loaded.set.status, None);
        assert_eq!(loaded.set.span_count(), 3, "the rest of the set is read");
        let problem = loaded.problems.iter().find(|p| p.item == "status");
        let problem = problem.expect("a problem names the status");
        assert!(problem.message.contains(&bad.to_string()), "{problem}");
        assert!(problem.message.contains("in_progress"), "{problem}");
    }
}
// --- end status ---
// Right-to-left support: the document's direction.
#[test]
fn direction_round_trips_and_a_strange_one_is_reported() {
    let mut set = sample();
    set.document.direction = Direction::Rtl;
    let json = to_json(&set);
    assert!(json.contains("\"direction\": \"rtl\""));
    let loaded = from_json(&json).unwrap();
    assert_eq!(loaded.set.document.direction, Direction::Rtl);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    set.document.direction = Direction::Auto;
    assert!(
        !to_json(&set).contains("\"direction\""),
        "auto is not written"
    );
    let strange = json.replace("\"direction\": \"rtl\"", "\"direction\": \"sideways\"");
    let loaded = from_json(&strange).unwrap();
    assert_eq!(loaded.set.document.direction, Direction::Auto);
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].item, "document.direction");
    assert!(loaded.problems[0].message.contains("sideways"));
}

/// A span whose offsets a hand edit moved goes back where its own text is, nearby; where that
/// place cannot be told the offsets stay and the message says so. Texts in messages name
/// their invisible marks.
#[test]
fn a_span_whose_offsets_moved_goes_back_to_its_text_nearby() {
    let text = "خط \u{200c}مترو تهران روزانه می\u{200c}شود. ab..ab\n";
    let mut set = AnnotationSet::new(Document::new(text), Schema::default());
    let chars: Vec<char> = text.chars().collect();
    let find = |needle: &str| {
        let n: Vec<char> = needle.chars().collect();
        (0..chars.len())
            .find(|&i| chars[i..].starts_with(&n))
            .unwrap()
    };
    let quote_start = find("\u{200c}مترو");
    let quote = quote_start..find(".");
    let add = edit::add_span(&mut set, "QUOTE", quote.clone());
    edit::apply(&mut set, add).unwrap();
    let ab = find("ab..ab");
    let add = edit::add_span(&mut set, "ORG", ab..ab + 2);
    edit::apply(&mut set, add).unwrap();
    let mut value: Value = serde_json::from_str(&to_json(&set)).unwrap();
    let spans = value["spans"].as_array_mut().unwrap();
    // The QUOTE's offsets shifted by one; the ORG's onto the gap between two "ab".
    spans[0]["start"] = (quote.start + 1).into();
    spans[0]["end"] = (quote.end + 1).into();
    spans[1]["start"] = (ab + 2).into();
    spans[1]["end"] = (ab + 4).into();
    let loaded = from_json(&value.to_string()).unwrap();
    let report: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    let moved = format!(
        "moved from {}..{} to {}..{} where its text is",
        quote.start + 1,
        quote.end + 1,
        quote.start,
        quote.end
    );
    assert!(report.iter().any(|p| p.contains(&moved)), "{report:?}");
    assert!(
        report
            .iter()
            .any(|p| p.contains("\"⟨ZWNJ⟩مترو") && !p.contains("\\u{200c}")),
        "{report:?}"
    );
    let spans: Vec<_> = loaded.set.spans_ordered().collect();
    assert_eq!(spans[0].range(), quote);
    // Two "ab" equally near: not guessed.
    assert_eq!(spans[1].range(), ab + 2..ab + 4);
    assert!(
        report
            .iter()
            .any(|p| p.contains("no one nearest place") && p.contains("offsets were kept")),
        "{report:?}"
    );
    // Saved, the moved span holds its whole text.
    let saved = to_json(&loaded.set);
    assert!(saved.contains("\"text\": \"\u{200c}مترو تهران روزانه می\u{200c}شود\""));
    assert_eq!(
        nearest_occurrence(loaded.set.text(), "ab", ab + 1),
        Some(ab)
    );
    assert_eq!(nearest_occurrence(loaded.set.text(), "zz", 0), None);
}
