//! The native format's writer: a set as the JSON text `newsmark.annotations` (the reader is
//! [`super`]). Deterministic: spans in document order, relations by id, keys in a fixed
//! order, two-space indentation, LF line ends and a final newline, so sets diff cleanly in
//! git; written in parts, byte for byte what serde_json's pretty printer would write.

use serde::Serialize;

use crate::model::set::AnnotationSet;
use crate::model::span::SpanId;

use super::{FORMAT_NAME, FORMAT_VERSION, from_json};
use crate::formats::json_out;

/// Serialize a set to the native JSON text.
pub fn to_json(set: &AnnotationSet) -> String {
    // serde_json writes UTF-8 only; the check is cheap next to the writing.
    String::from_utf8(to_json_bytes(set)).unwrap_or_default()
}

/// The native JSON as bytes (what a save writes).
pub fn to_json_bytes(set: &AnnotationSet) -> Vec<u8> {
    to_json_parts(set).concat()
}

/// The native JSON in consecutive parts (write them one after another).
pub fn to_json_parts(set: &AnnotationSet) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    write_json_parts(set, &mut |part| parts.push(part));
    parts
}

/// Produce the native JSON in consecutive parts, handing each to `emit` as soon as it is
/// ready, in order: the head with the article text first (a saver can write it while the
/// rest is made), then the spans, written on two threads, then the end. The output is what
/// `serde_json::to_writer_pretty` would write for the documented structure, byte for byte
/// (tested), only faster.
pub fn write_json_parts(set: &AnnotationSet, emit: &mut dyn FnMut(Vec<u8>)) {
    let text_bytes = set.text().as_str().len();
    let mut head = Vec::with_capacity(text_bytes * 11 / 10 + 65_536);
    write_head(&mut head, set);
    emit(head);
    // The index holds the spans in document order already.
    let ordered: Vec<SpanId> = set.span_ids_ordered().collect();
    let (first, second) = ordered.split_at(ordered.len() / 2);
    let per_span = 160;
    std::thread::scope(|scope| {
        let tail = (!second.is_empty()).then(|| {
            scope.spawn(|| {
                let mut out = Vec::with_capacity(second.len() * per_span);
                write_spans(&mut out, set, second, first.is_empty());
                out
            })
        });
        let mut out = Vec::with_capacity(first.len() * per_span);
        write_spans(&mut out, set, first, true);
        emit(out);
        let tail = tail.map(|t| t.join());
        match tail {
            Some(Ok(out)) => emit(out),
            Some(Err(_)) => {
                // Never reached (writing spans does not panic); should it, write them here.
                let mut out = Vec::new();
                write_spans(&mut out, set, second, first.is_empty());
                emit(out);
            }
            None => {}
        }
    });
    let mut end = Vec::with_capacity(set.relation_count() * 120 + 4096);
    write_end(&mut end, set, !ordered.is_empty());
    emit(end);
}

/// From the opening brace to the opening bracket of `spans`.
fn write_head(out: &mut Vec<u8>, set: &AnnotationSet) {
    use json_out::write_str;
    out.extend_from_slice(b"{\n  \"format\": ");
    write_str(out, FORMAT_NAME);
    out.extend_from_slice(b",\n  \"version\": ");
    json_out::write_u64(out, u64::from(FORMAT_VERSION));
    out.extend_from_slice(b",\n  \"document\": ");
    let mut document = json_out::Members::open(out, 1);
    document.str("text", set.text().as_str());
    document.str("text_sha256", set.text().sha256());
    document.str("offset_unit", "codepoint");
    if let Some(source) = &set.document.source {
        document.str("source", source);
    }
    if let Some(encoding) = &set.document.encoding {
        document.str("encoding", encoding);
    }
    if !set.document.metadata.is_empty() {
        nested(&mut document, "metadata", &set.document.metadata);
    }
    if !set.document.direction.is_auto() {
        document.str("direction", set.document.direction.as_str());
    }
    document.close();
    out.extend_from_slice(b",\n  \"schema\": ");
    if json_out::write_nested(out, &set.schema, 1).is_err() {
        out.extend_from_slice(b"{}");
    }
    out.extend_from_slice(b",\n  \"spans\": [");
}

/// A serde-written member. The model's types always serialise (string keys, finite
/// numbers); should one ever fail, `null` keeps the file well-formed and loading it names
/// the item.
fn nested<T: Serialize + ?Sized>(members: &mut json_out::Members<'_>, key: &str, value: &T) {
    if members.nested(key, value).is_err() {
        members.key(key).extend_from_slice(b"null");
    }
}

/// Span objects, each preceded by its separator (`first`: the very first span of the set).
fn write_spans(out: &mut Vec<u8>, set: &AnnotationSet, ids: &[SpanId], mut first: bool) {
    for &id in ids {
        let Some(span) = set.span(id) else { continue };
        out.extend_from_slice(if first { b"\n    " } else { b",\n    " });
        first = false;
        let mut members = json_out::Members::open(out, 2);
        members.u64("id", span.id.0);
        members.str("label", &span.label);
        members.u64("start", span.start as u64);
        members.u64("end", span.end as u64);
        members.str("text", set.span_text(span));
        if !span.attributes.is_empty() {
            nested(&mut members, "attributes", &span.attributes);
        }
        if let Some(note) = &span.note {
            members.str("note", note);
        }
        if let Some(origin) = &span.origin {
            members.str("origin", origin);
        }
        if !span.review.is_accepted() {
            members.str("review", span.review.as_str());
        }
        // team: who had the span (gold sets)
        if !span.annotators.is_empty() {
            nested(&mut members, "annotators", &span.annotators);
        }
        members.close();
    }
}

/// From the closing bracket of `spans` to the end of the file.
fn write_end(out: &mut Vec<u8>, set: &AnnotationSet, had_spans: bool) {
    out.extend_from_slice(if had_spans { b"\n  ]" } else { b"]" });
    out.extend_from_slice(b",\n  \"relations\": [");
    let mut first = true;
    for relation in set.relations() {
        out.extend_from_slice(if first { b"\n    " } else { b",\n    " });
        first = false;
        let mut members = json_out::Members::open(out, 2);
        members.u64("id", relation.id.0);
        members.str("label", &relation.label);
        members.u64("from", relation.from.0);
        members.u64("to", relation.to.0);
        if let Some(origin) = &relation.origin {
            members.str("origin", origin);
        }
        if !relation.review.is_accepted() {
            members.str("review", relation.review.as_str());
        }
        members.close();
    }
    out.extend_from_slice(if first { b"]" } else { b"\n  ]" });
    let mut rest = json_out::Members::resume(out, 0);
    if !set.document_labels.is_empty() {
        nested(&mut rest, "document_labels", &set.document_labels);
    }
    // status (corpus)
    if let Some(status) = set.status {
        rest.str("status", status.as_str());
    }
    // The suggestions the annotator rejected (suggesting again leaves them out).
    if !set.rejected().is_empty() {
        nested(&mut rest, "rejected", set.rejected());
    }
    for (key, value) in [
        ("annotator", &set.annotator),
        ("created", &set.created),
        ("modified", &set.modified),
    ] {
        if let Some(value) = value {
            rest.str(key, value);
        }
    }
    // team: a gold set's curation record
    if let Some(record) = &set.curation {
        nested(&mut rest, "curation", record);
    }
    rest.close();
    out.push(b'\n');
}

/// `set` written out, checked first to load back without a single problem, as a gold set or a
/// merged set must be before it is written (a merge or a curation never writes an invalid
/// set). Costs one read in memory; the bytes returned are the ones to write.
pub fn to_checked_json(set: &AnnotationSet) -> Result<Vec<u8>, String> {
    let json = to_json(set);
    let loaded = from_json(&json).map_err(|e| format!("it would not load ({e})"))?;
    if loaded.problems.is_empty() {
        return Ok(json.into_bytes());
    }
    Err(format!(
        "it would not be valid: {}",
        loaded
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    ))
}

/// [`to_checked_json`], for the check alone.
pub fn check_loads_back(set: &AnnotationSet) -> Result<(), String> {
    to_checked_json(set).map(|_| ())
}
