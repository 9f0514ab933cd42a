//! W3C Web Annotation Data Model, JSON-LD: one `AnnotationCollection` file per document.
//!
//! Each span is an `Annotation` whose body tags it with its label (`purpose: tagging`), plus
//! one `describing` body per attribute and note, and whose target carries a
//! `TextPositionSelector` (code points, as the model requires) and a `TextQuoteSelector`
//! (`exact`, `prefix`, `suffix` of up to 32 characters) for re-anchoring. Relations become
//! annotations with `purpose: linking` whose targets are the two span annotations. Each
//! document label is an annotation of the whole source (the target is the source IRI alone,
//! no selector) with a `classifying` body: its value as text, the label's name in
//! `newsmark:documentLabel` and, when the value is not text (a flag, a score), the value
//! itself in `newsmark:value`.
//!
//! [`read`] takes such a collection back, given the article's text, which the file does not
//! hold: spans by their position selectors (their quote selectors' `exact` checked against the
//! text), labels, attributes, notes, suggestions, links and document labels.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::formats::read::{Outcome, Problem, SetBuilder};
use crate::formats::registry::{
    CorpusWriter, DocumentExport, ExportOptions, OutFile, attribute_text, exported_relations,
    exported_spans, pretty_json,
};
use crate::model::schema::AttributeType;
use crate::model::set::AnnotationSet;
use crate::model::span::{Review, Span, SpanId};

/// The key of a classifying body that names the document label.
pub const DOCUMENT_LABEL_KEY: &str = "newsmark:documentLabel";
/// The key of a body that holds a value that is not text (`true`, `0.25`).
pub const VALUE_KEY: &str = "newsmark:value";
/// The key of a describing body that names the span attribute.
pub const ATTRIBUTE_KEY: &str = "newsmark:attribute";
/// The key of a suggestion's review state.
pub const REVIEW_KEY: &str = "newsmark:review";

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
                    "value": attribute_text(value), ATTRIBUTE_KEY: attr,
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
                annotation[REVIEW_KEY] = json!("suggested");
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
        for (n, (label, value)) in set.document_labels.iter().enumerate() {
            let mut body = json!({
                "type": "TextualBody", "purpose": "classifying",
                "value": attribute_text(value), DOCUMENT_LABEL_KEY: label,
            });
            if !value.is_string() {
                body[VALUE_KEY] = value.clone();
            }
            items.push(json!({
                "id": annotation_id(name, "document-label", n as u64 + 1),
                "type": "Annotation",
                "motivation": "classifying",
                "body": body,
                "target": source,
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

/// Read a W3C Web Annotation file over the article `text` (the file holds no text): an
/// `AnnotationCollection` with its first page in the file (as [`Writer`] writes it), an
/// `AnnotationPage`, a list of annotations or one annotation. `file` starts every problem.
///
/// An annotation whose target has a `TextPositionSelector` is a span (one per `tagging` body;
/// the `TextQuoteSelector`'s `exact` is checked against the text), with its `describing` bodies
/// as attributes (`newsmark:attribute`) or, unnamed, as its note with the `commenting` ones; a
/// `linking` annotation of two span annotations is a link; a `classifying` annotation of the
/// whole source is a document label (`newsmark:documentLabel` = its value; a body without a
/// name classifies the document as its value, a flag set to true). Anything else is reported.
/// The source its annotations' targets name (the article's IRI or file name), if the file is
/// a collection whose first annotation with a target names one.
pub fn source_of(json: &str) -> Option<String> {
    let value: Value = serde_json::from_str(json).ok()?;
    let items = value
        .get("first")
        .and_then(|page| page.get("items"))
        .or_else(|| value.get("items"))?
        .as_array()?;
    items.iter().find_map(|annotation| {
        let target = annotation.get("target")?;
        let target = match target {
            Value::Array(targets) => targets.first()?,
            other => other,
        };
        target
            .as_str()
            .filter(|s| !s.starts_with("urn:newsmark:"))
            .or_else(|| target.get("source")?.as_str())
            .map(str::to_string)
    })
}

pub fn read(file: &str, text: &str, json: &str) -> (AnnotationSet, Vec<Problem>) {
    let mut builder = SetBuilder::new(text, file);
    let value: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(e) => {
            builder.problem(
                "",
                Outcome::LeftOut,
                format!(
                    "not valid JSON (line {}, column {}): {e}; nothing imported",
                    e.line(),
                    e.column()
                ),
            );
            return builder.finish();
        }
    };
    let items = annotations(&mut builder, &value);
    let mut ids: HashMap<&str, SpanId> = HashMap::new();
    let mut links = Vec::new();
    let mut source = None;
    for (i, annotation) in items.iter().enumerate() {
        let id = annotation.get("id").and_then(Value::as_str);
        let item = match id {
            Some(id) => format!("items[{i}] ({})", crate::formats::visible::cut(id)),
            None => format!("items[{i}]"),
        };
        let bodies = bodies(annotation);
        let motivation = annotation.get("motivation").and_then(Value::as_str);
        let target = annotation.get("target");
        if motivation == Some("linking") || bodies.iter().any(|b| purpose(b) == Some("linking")) {
            links.push((item, *annotation, bodies));
            continue;
        }
        if let Some(selector) = target.and_then(|t| t.get("selector")) {
            if source.is_none() {
                source = target
                    .and_then(|t| t.get("source"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            if let Some(span) = read_span(&mut builder, &item, annotation, selector, &bodies)
                && let Some(id) = id
            {
                ids.entry(id).or_insert(span);
            }
        } else if motivation == Some("classifying")
            || bodies.iter().any(|b| purpose(b) == Some("classifying"))
        {
            if source.is_none() {
                // The source IRI alone, or a target object without a selector.
                source = target
                    .and_then(|t| t.as_str().or_else(|| t.get("source")?.as_str()))
                    .map(str::to_string);
            }
            read_document_labels(&mut builder, &item, &bodies);
        } else {
            builder.problem(
                &item,
                Outcome::LeftOut,
                "has no TextPositionSelector and classifies nothing: neither a span, a link nor a document label; left out".into(),
            );
        }
    }
    for (item, annotation, bodies) in links {
        read_link(&mut builder, &item, annotation, &bodies, &ids);
    }
    if let Some(source) = source {
        builder.set_mut_document().source = Some(source);
    }
    builder.finish()
}

fn has_type(value: &Value, wanted: &str) -> bool {
    match value.get("type") {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(types)) => types.iter().any(|t| t.as_str() == Some(wanted)),
        _ => false,
    }
}

/// The annotations of a collection's first page, a page, a list or one annotation.
fn annotations<'a>(builder: &mut SetBuilder, value: &'a Value) -> Vec<&'a Value> {
    let page = if has_type(value, "AnnotationCollection") {
        match value.get("first") {
            Some(first) if first.is_object() => first,
            _ => {
                builder.problem(
                    "first",
                    Outcome::LeftOut,
                    "the collection's first page is not in the file; nothing imported".into(),
                );
                return Vec::new();
            }
        }
    } else {
        value
    };
    if page.get("next").is_some() {
        builder.problem(
            "next",
            Outcome::LeftOut,
            "the collection has further pages, which are not in the file; only the first page was imported".into(),
        );
    }
    match page {
        Value::Array(items) => items.iter().collect(),
        _ if has_type(page, "AnnotationPage") => page
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .collect(),
        _ if has_type(page, "Annotation") => vec![page],
        _ => {
            builder.problem(
                "",
                Outcome::LeftOut,
                "is neither an annotation collection, a page, a list of annotations nor an annotation; nothing imported".into(),
            );
            Vec::new()
        }
    }
}

/// An annotation's bodies: `body` (one or a list; an IRI alone carries no value) or
/// `bodyValue`, a plain text body.
fn bodies(annotation: &Value) -> Vec<Value> {
    match (annotation.get("body"), annotation.get("bodyValue")) {
        (Some(Value::Array(bodies)), _) => bodies.clone(),
        (Some(body), _) => vec![body.clone()],
        (None, Some(Value::String(text))) => vec![json!({"type": "TextualBody", "value": text})],
        _ => Vec::new(),
    }
}

fn purpose(body: &Value) -> Option<&str> {
    body.get("purpose").and_then(Value::as_str)
}

fn body_text(body: &Value) -> Option<&str> {
    body.get("value").and_then(Value::as_str)
}

/// A span annotation: one span per tagging body, at the position selector's offsets.
fn read_span(
    builder: &mut SetBuilder,
    item: &str,
    annotation: &Value,
    selector: &Value,
    bodies: &[Value],
) -> Option<SpanId> {
    let selectors: Vec<&Value> = match selector {
        Value::Array(selectors) => selectors.iter().collect(),
        other => vec![other],
    };
    let of_type = |t: &str| selectors.iter().copied().find(|s| has_type(s, t));
    let position = of_type("TextPositionSelector").and_then(|s| {
        Some((
            usize::try_from(s.get("start")?.as_u64()?).ok()?,
            usize::try_from(s.get("end")?.as_u64()?).ok()?,
        ))
    });
    let Some((start, end)) = position else {
        builder.problem(
            item,
            Outcome::LeftOut,
            "has no TextPositionSelector with a start and an end (a quote selector alone is not searched for); left out".into(),
        );
        return None;
    };
    let exact = of_type("TextQuoteSelector")
        .and_then(|s| s.get("exact"))
        .and_then(Value::as_str);
    let review = match annotation.get(REVIEW_KEY).and_then(Value::as_str) {
        Some("suggested") => Review::Suggested,
        _ => Review::Accepted,
    };
    let origin = match annotation.get("generator") {
        Some(Value::String(g)) => Some(g.clone()),
        Some(g) => g
            .get("name")
            .or_else(|| g.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string),
        None => None,
    };
    let mut labels = Vec::new();
    let mut attributes = Vec::new();
    let mut notes = Vec::new();
    for (b, body) in bodies.iter().enumerate() {
        let text = body_text(body);
        match (purpose(body), text) {
            (Some("tagging"), Some(label)) => labels.push(label),
            (Some("describing"), Some(text)) if body.get(ATTRIBUTE_KEY).is_some() => {
                match body.get(ATTRIBUTE_KEY).and_then(Value::as_str) {
                    Some(name) => attributes.push((name, text)),
                    None => builder.problem(
                        &format!("{item} body[{b}]"),
                        Outcome::LeftOut,
                        format!("{ATTRIBUTE_KEY} is not a name; left out"),
                    ),
                }
            }
            (Some("describing" | "commenting"), Some(text)) => notes.push(text),
            (purpose, _) => builder.problem(
                &format!("{item} body[{b}]"),
                Outcome::LeftOut,
                format!(
                    "a body {} without a text value is not read; left out",
                    purpose.map_or("without a purpose".to_string(), |p| format!("for {p}"))
                ),
            ),
        }
    }
    if labels.is_empty() {
        builder.problem(
            item,
            Outcome::LeftOut,
            format!("{start}..{end} has no tagging body, so no label; left out"),
        );
        return None;
    }
    let mut first = None;
    for label in labels {
        let mut span = Span::new(SpanId(0), label, start..end);
        span.review = review;
        span.origin = origin.clone();
        if !notes.is_empty() {
            span.note = Some(notes.join("\n"));
        }
        for (name, text) in &attributes {
            let flag = builder
                .set()
                .schema
                .label(label)
                .and_then(|l| l.attributes.iter().find(|a| a.name == *name))
                .is_none_or(|a| matches!(a.value_type, AttributeType::Flag));
            let value = match *text {
                "true" if flag => Value::Bool(true),
                "false" if flag => Value::Bool(false),
                text => Value::String(text.to_string()),
            };
            span.attributes.insert(name.to_string(), value);
        }
        let id = builder.add_full(item, span, exact);
        first = first.or(id);
    }
    first
}

/// A classifying annotation's bodies as document labels.
fn read_document_labels(builder: &mut SetBuilder, item: &str, bodies: &[Value]) {
    for (b, body) in bodies.iter().enumerate() {
        let here = format!("{item} body[{b}]");
        let name = body.get(DOCUMENT_LABEL_KEY).and_then(Value::as_str);
        let typed = body.get(VALUE_KEY).filter(|v| !v.is_null());
        match (name, typed, body_text(body)) {
            (Some(name), Some(value), _) => builder.set_document_label(&here, name, value.clone()),
            (Some(name), None, Some(text)) => {
                let value_type = builder
                    .set()
                    .schema
                    .document_label(name)
                    .map(|d| d.value_type.clone());
                match (value_type, text) {
                    (Some(AttributeType::Flag), "true" | "false") => {
                        builder.set_document_label(&here, name, Value::Bool(text == "true"));
                    }
                    (Some(AttributeType::Choice { .. }), _) => {
                        builder.set_document_choice(&here, name, text);
                    }
                    _ => builder.set_document_label(&here, name, Value::String(text.into())),
                }
            }
            (None, None, Some(class)) => {
                builder.set_document_label(&here, class, Value::Bool(true));
            }
            _ => builder.problem(
                &here,
                Outcome::LeftOut,
                "a classifying body without a text value; left out".into(),
            ),
        }
    }
}

/// A linking annotation: its body's value is the link type, its two targets the spans.
fn read_link(
    builder: &mut SetBuilder,
    item: &str,
    annotation: &Value,
    bodies: &[Value],
    ids: &HashMap<&str, SpanId>,
) {
    let Some(label) = bodies.iter().find_map(body_text) else {
        builder.problem(
            item,
            Outcome::LeftOut,
            "a link without a body naming its type; left out".into(),
        );
        return;
    };
    let targets: Vec<Option<&str>> = match annotation.get("target") {
        Some(Value::Array(targets)) => targets
            .iter()
            .map(|t| t.as_str().or_else(|| t.get("id").and_then(Value::as_str)))
            .collect(),
        _ => Vec::new(),
    };
    let [Some(from), Some(to)] = targets[..] else {
        builder.problem(
            item,
            Outcome::LeftOut,
            format!(
                "a {label} link needs two span annotations as its targets, and has {}; left out",
                targets.len()
            ),
        );
        return;
    };
    let (Some(&from), Some(&to)) = (ids.get(from), ids.get(to)) else {
        builder.problem(
            item,
            Outcome::LeftOut,
            format!("a {label} link to an annotation that is not an imported span; left out"),
        );
        return;
    };
    let review = match annotation.get(REVIEW_KEY).and_then(Value::as_str) {
        Some("suggested") => Review::Suggested,
        _ => Review::Accepted,
    };
    let origin = annotation
        .get("generator")
        .and_then(Value::as_str)
        .map(str::to_string);
    builder.add_relation_full(item, label, from, to, review, origin);
}

#[cfg(test)]
#[path = "w3c_tests.rs"]
mod tests;
