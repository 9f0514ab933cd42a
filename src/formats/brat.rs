//! brat standoff: `NAME.txt` (the text, UTF-8, LF line ends, no BOM) and `NAME.ann` per
//! document, plus `annotation.conf`, `visual.conf` and `kb_shortcuts.conf` from the schema.
//!
//! `.ann` lines: `T` spans (a span crossing a line break is written as fragments `s e;s e`
//! around the line breaks, since a T line's text cannot hold one), `R` relations, `A`
//! attributes (flags as binary attributes; values with spaces written with `_`, which the
//! reader turns back when the schema knows the spaced value), `#` AnnotatorNotes.
//! A text with CRLF line ends is written with LF and offsets shifted to match (reported).
//!
//! The reader takes T (discontinuous spans become one span from the first fragment's start
//! to the last one's end, reported), R, A/M and # AnnotatorNotes lines; E, N and other
//! lines are reported and left out.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::formats::read::SetBuilder;
use crate::formats::read::{Outcome, Problem};
use crate::formats::registry::{
    CorpusWriter, DocumentExport, ExportOptions, LeftOut, OutFile, attribute_text,
    document_labels_left_out, exported_relations, exported_spans,
};
use crate::formats::visible::{count, cut, quote};
use crate::model::schema::{AttributeType, Schema};
use crate::model::set::AnnotationSet;
use crate::model::span::SpanId;

pub struct Writer {
    options: ExportOptions,
    schemas: Vec<Schema>,
    /// Attribute values seen per attribute name (for annotation.conf).
    values: BTreeMap<String, BTreeSet<String>>,
    /// Labels carrying each attribute.
    attribute_labels: BTreeMap<String, BTreeSet<String>>,
}

impl Writer {
    pub fn new(options: ExportOptions) -> Self {
        Self {
            options,
            schemas: Vec::new(),
            values: BTreeMap::new(),
            attribute_labels: BTreeMap::new(),
        }
    }
}

/// Offsets in the LF-only text: each `\r` directly before `\n` is dropped.
struct LfMap {
    /// Code point offsets of dropped `\r`s, ascending.
    dropped: Vec<usize>,
}

impl LfMap {
    fn new(text: &str) -> (String, Self) {
        let chars: Vec<char> = text.chars().collect();
        let mut dropped = Vec::new();
        let mut out = String::with_capacity(text.len());
        for (i, c) in chars.iter().enumerate() {
            if *c == '\r' && chars.get(i + 1) == Some(&'\n') {
                dropped.push(i);
            } else {
                out.push(*c);
            }
        }
        (out, Self { dropped })
    }

    fn map(&self, offset: usize) -> usize {
        offset - self.dropped.partition_point(|&d| d < offset)
    }
}

/// brat attribute values cannot hold spaces.
fn brat_value(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join("_")
}

fn one_line(text: &str) -> String {
    text.split(['\n', '\r', '\t']).collect::<Vec<_>>().join(" ")
}

impl CorpusWriter for Writer {
    fn add(&mut self, name: &str, set: &AnnotationSet) -> DocumentExport {
        let (spans, mut left_out) = exported_spans(set, &self.options);
        let (relations, relations_left_out) = exported_relations(set, &spans, &self.options);
        left_out.extend(relations_left_out);
        left_out.extend(document_labels_left_out(set, "brat standoff"));
        let mut notes = Vec::new();
        let (text, lf) = LfMap::new(set.text().as_str());
        if !lf.dropped.is_empty() {
            notes.push(format!(
                "the text has {}; NAME.txt is written with LF and the offsets shifted to match",
                count(lf.dropped.len(), "CRLF line end", "CRLF line ends")
            ));
        }
        let chars: Vec<char> = text.chars().collect();
        let mut ann = String::new();
        let mut t_of: HashMap<SpanId, usize> = HashMap::new();
        let (mut attr_n, mut note_n) = (0, 0);
        let mut written: HashMap<(String, usize, usize), u64> = HashMap::new();
        for (i, span) in spans.iter().enumerate() {
            let t = i + 1;
            let (start, end) = (lf.map(span.start), lf.map(span.end));
            // Fragments around line breaks.
            let mut fragments: Vec<(usize, usize)> = Vec::new();
            let mut at = start;
            while at < end {
                while at < end && matches!(chars[at], '\n' | '\r') {
                    at += 1;
                }
                let from = at;
                while at < end && !matches!(chars[at], '\n' | '\r') {
                    at += 1;
                }
                if from < at {
                    fragments.push((from, at));
                }
            }
            if fragments.is_empty() {
                left_out.push(LeftOut::span(
                    span,
                    "covers only line breaks, which brat cannot show",
                ));
                continue;
            }
            let (first, last) = (fragments[0].0, fragments[fragments.len() - 1].1);
            if let Some(other) = written.get(&(span.label.clone(), first, last)) {
                left_out.push(LeftOut::span(
                    span,
                    format!("without the line break at its edge, which brat cannot hold, it is the same as span {other}"),
                ));
                continue;
            }
            written.insert((span.label.clone(), first, last), span.id.0);
            if (first, last) != (start, end) {
                notes.push(format!(
                    "span {} {} {}..{} starts or ends with a line break, which brat cannot hold; written as {first}..{last}",
                    span.id.0, span.label, span.start, span.end
                ));
            }
            let offsets: Vec<String> = fragments.iter().map(|(s, e)| format!("{s} {e}")).collect();
            let texts: Vec<String> = fragments
                .iter()
                .map(|(s, e)| chars[*s..*e].iter().collect())
                .collect();
            ann.push_str(&format!(
                "T{t}\t{} {}\t{}\n",
                span.label,
                offsets.join(";"),
                texts.join(" ").replace('\t', " ")
            ));
            t_of.insert(span.id, t);
            for (attr, value) in &span.attributes {
                self.attribute_labels
                    .entry(attr.clone())
                    .or_default()
                    .insert(span.label.clone());
                match value {
                    Value::Bool(true) => {
                        attr_n += 1;
                        ann.push_str(&format!("A{attr_n}\t{attr} T{t}\n"));
                    }
                    Value::Bool(false) | Value::Null => {}
                    other => {
                        let text = brat_value(&attribute_text(other));
                        if text.is_empty() {
                            left_out.push(LeftOut::attribute(
                                span,
                                attr,
                                "an empty value cannot be written in brat",
                            ));
                            continue;
                        }
                        attr_n += 1;
                        ann.push_str(&format!("A{attr_n}\t{attr} T{t} {text}\n"));
                        self.values.entry(attr.clone()).or_default().insert(text);
                    }
                }
            }
            if let Some(note) = &span.note {
                note_n += 1;
                ann.push_str(&format!(
                    "#{note_n}\tAnnotatorNotes T{t}\t{}\n",
                    one_line(note)
                ));
            }
        }
        let mut relations_written = 0;
        for (i, relation) in relations.iter().enumerate() {
            match (t_of.get(&relation.from), t_of.get(&relation.to)) {
                (Some(from), Some(to)) => {
                    ann.push_str(&format!(
                        "R{}\t{} Arg1:T{from} Arg2:T{to}\n",
                        i + 1,
                        relation.label
                    ));
                    relations_written += 1;
                }
                _ => left_out.push(LeftOut::relation(
                    relation,
                    "one of its spans was left out of this export",
                )),
            }
        }
        if !self.schemas.contains(&set.schema) {
            self.schemas.push(set.schema.clone());
        }
        DocumentExport {
            files: vec![
                OutFile::new(format!("{name}.txt"), text.into_bytes()),
                OutFile::new(format!("{name}.ann"), ann.into_bytes()),
            ],
            spans_written: t_of.len(),
            relations_written,
            left_out,
            notes,
        }
    }

    fn finish(self: Box<Self>) -> Vec<OutFile> {
        let mut labels: Vec<(String, String, Option<String>)> = Vec::new();
        let mut relations: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
        let mut attributes = self.attribute_labels.clone();
        let mut values = self.values.clone();
        let mut flags = BTreeSet::new();
        for schema in &self.schemas {
            for label in &schema.labels {
                if !labels.iter().any(|(n, _, _)| n == &label.name) {
                    labels.push((
                        label.name.clone(),
                        label.color.clone(),
                        label.hotkey.clone(),
                    ));
                }
                for attr in &label.attributes {
                    attributes
                        .entry(attr.name.clone())
                        .or_default()
                        .insert(label.name.clone());
                    match &attr.value_type {
                        AttributeType::Choice { values: choices } => values
                            .entry(attr.name.clone())
                            .or_default()
                            .extend(choices.iter().map(|v| brat_value(v))),
                        AttributeType::Flag => {
                            flags.insert(attr.name.clone());
                        }
                        AttributeType::Text => {}
                    }
                }
            }
            for relation in &schema.relations {
                let entry = relations.entry(relation.name.clone()).or_default();
                entry.0.extend(relation.from.iter().cloned());
                entry.1.extend(relation.to.iter().cloned());
            }
        }
        let mut conf =
            String::from("# Generated by Newsmark from the annotation schema.\n[entities]\n");
        for (name, _, _) in &labels {
            conf.push_str(name);
            conf.push('\n');
        }
        conf.push_str("\n[relations]\n");
        conf.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
        for (name, (from, to)) in &relations {
            let join = |set: &BTreeSet<String>| {
                if set.is_empty() {
                    "<ENTITY>".to_string()
                } else {
                    set.iter().cloned().collect::<Vec<_>>().join("|")
                }
            };
            conf.push_str(&format!("{name}\tArg1:{}, Arg2:{}\n", join(from), join(to)));
        }
        conf.push_str("\n[events]\n\n[attributes]\n");
        for (name, on) in &attributes {
            let on = on.iter().cloned().collect::<Vec<_>>().join("|");
            match values
                .get(name)
                .filter(|v| !v.is_empty() && !flags.contains(name))
            {
                Some(vals) => conf.push_str(&format!(
                    "{name}\tArg:{on}, Value:{}\n",
                    vals.iter().cloned().collect::<Vec<_>>().join("|")
                )),
                None => conf.push_str(&format!("{name}\tArg:{on}\n")),
            }
        }
        let mut visual = String::from("[labels]\n");
        for (name, _, _) in &labels {
            visual.push_str(&format!("{name} | {name}\n"));
        }
        for name in relations.keys() {
            visual.push_str(&format!("{name} | {name}\n"));
        }
        visual.push_str("\n[drawing]\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\nARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n");
        for (name, color, _) in &labels {
            visual.push_str(&format!("{name}\tbgColor:{color}\n"));
        }
        let mut shortcuts = String::new();
        for (name, _, hotkey) in &labels {
            if let Some(key) = hotkey
                && key.chars().count() == 1
            {
                shortcuts.push_str(&format!("{}\t{name}\n", key.to_uppercase()));
            }
        }
        vec![
            OutFile::new("annotation.conf", conf.into_bytes()),
            OutFile::new("visual.conf", visual.into_bytes()),
            OutFile::new("kb_shortcuts.conf", shortcuts.into_bytes()),
        ]
    }
}

/// Read one brat document: the `.txt` text and the `.ann` lines. `file` names the .ann file.
pub fn read(file: &str, text: &str, ann: &str) -> (AnnotationSet, Vec<Problem>) {
    let mut builder = SetBuilder::new(text, file);
    let mut ids: HashMap<String, SpanId> = HashMap::new();
    let mut later: Vec<(usize, &str)> = Vec::new();
    let schema_values = |schema: &Schema, attr: &str, value: &str| -> Option<String> {
        schema
            .labels
            .iter()
            .flat_map(|l| &l.attributes)
            .find_map(|a| match &a.value_type {
                AttributeType::Choice { values } if a.name == attr => {
                    values.iter().find(|v| brat_value(v) == value).cloned()
                }
                _ => None,
            })
    };
    for (i, line) in ann.lines().enumerate() {
        let item = format!("line {}", i + 1);
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let id = fields[0];
        if !id.starts_with('T') {
            later.push((i, line));
            continue;
        }
        let (Some(spec), expected) = (fields.get(1), fields.get(2).copied()) else {
            builder.problem(
                &item,
                Outcome::LeftOut,
                format!(
                    "{} is not `T<n>\\tLABEL start end\\ttext`; left out",
                    quote(line)
                ),
            );
            continue;
        };
        let Some((label, offsets)) = spec.split_once(' ') else {
            builder.problem(
                &item,
                Outcome::LeftOut,
                format!("{} has no offsets; left out", quote(spec)),
            );
            continue;
        };
        let fragments: Option<Vec<(usize, usize)>> = offsets
            .split(';')
            .map(|f| {
                let (s, e) = f.trim().split_once(' ')?;
                Some((s.parse().ok()?, e.parse().ok()?))
            })
            .collect();
        let Some(fragments) = fragments.filter(|f| !f.is_empty()) else {
            builder.problem(
                &item,
                Outcome::LeftOut,
                format!(
                    "offsets {} are not `start end[;start end]`; left out",
                    quote(offsets)
                ),
            );
            continue;
        };
        let start = fragments.iter().map(|f| f.0).min().unwrap_or(0);
        let end = fragments.iter().map(|f| f.1).max().unwrap_or(0);
        let mut expected_text = expected.map(str::to_string);
        if fragments.len() > 1 {
            let chars: Vec<char> = text.chars().collect();
            let joined: Option<String> = fragments
                .iter()
                .map(|&(s, e)| {
                    (s < e && e <= chars.len()).then(|| chars[s..e].iter().collect::<String>())
                })
                .collect::<Option<Vec<_>>>()
                .map(|v| v.join(" "));
            if let (Some(joined), Some(exp)) = (&joined, expected)
                && joined != exp
            {
                builder.problem(
                    &item,
                    Outcome::Kept,
                    format!(
                        "its text {} differs from the fragments' text {}; the offsets were kept",
                        quote(exp),
                        quote(joined)
                    ),
                );
            }
            let only_line_breaks = fragments.windows(2).all(|w| {
                chars
                    .get(w[0].1..w[1].0)
                    .is_some_and(|gap| gap.iter().all(|c| c.is_whitespace()))
            });
            if !only_line_breaks {
                builder.problem(
                    &item, Outcome::Repaired,
                    format!("{id} is discontinuous ({offsets}); imported as one span {start}..{end} covering its fragments and the gaps between them"),
                );
            }
            expected_text = None;
        }
        if let Some(span_id) = builder.add_span(&item, label, start, end, expected_text.as_deref())
        {
            ids.insert(id.to_string(), span_id);
        }
    }
    for (i, line) in later {
        let item = format!("line {}", i + 1);
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let id = fields[0];
        let parts: Vec<&str> = fields
            .get(1)
            .map(|f| f.split(' ').collect())
            .unwrap_or_default();
        match id.chars().next() {
            Some('R') if parts.len() >= 3 => {
                let arg = |p: &str| p.split_once(':').map(|(_, t)| t.to_string());
                match (
                    arg(parts[1]).and_then(|t| ids.get(&t).copied()),
                    arg(parts[2]).and_then(|t| ids.get(&t).copied()),
                ) {
                    (Some(from), Some(to)) => builder.add_relation(&item, parts[0], from, to),
                    _ => builder.problem(
                        &item,
                        Outcome::LeftOut,
                        format!(
                            "{} links an annotation that was not imported; left out",
                            cut(id)
                        ),
                    ),
                }
            }
            Some('A') | Some('M') if parts.len() >= 2 => {
                let Some(&span_id) = ids.get(parts[1]) else {
                    builder.problem(
                        &item,
                        Outcome::LeftOut,
                        format!(
                            "{} is attached to {}, which was not imported; left out",
                            cut(id),
                            cut(parts[1])
                        ),
                    );
                    continue;
                };
                let name = parts[0].to_string();
                let value = match parts.get(2) {
                    None => Value::Bool(true),
                    Some(v) => Value::String(
                        schema_values(&builder.set().schema, &name, v)
                            .unwrap_or_else(|| v.to_string()),
                    ),
                };
                builder.update_span(span_id, |span| {
                    span.attributes.insert(name, value);
                });
            }
            Some('#') if parts.len() >= 2 && parts[0] == "AnnotatorNotes" => {
                let Some(&span_id) = ids.get(parts[1]) else {
                    builder.problem(
                        &item,
                        Outcome::LeftOut,
                        format!(
                            "{} is attached to {}, which was not imported; left out",
                            cut(id),
                            cut(parts[1])
                        ),
                    );
                    continue;
                };
                let note = fields.get(2).unwrap_or(&"").to_string();
                builder.update_span(span_id, |span| {
                    span.note = Some(match span.note.take() {
                        Some(old) => format!("{old}\n{note}"),
                        None => note,
                    });
                });
            }
            _ => builder.problem(
                &item,
                Outcome::LeftOut,
                format!(
                    "{} lines ({}) are not imported by Newsmark; left out",
                    cut(id),
                    match id.chars().next() {
                        Some('E') => "events",
                        Some('N') => "normalizations",
                        Some('#') => "comments other than AnnotatorNotes",
                        _ => "unknown kind",
                    }
                ),
            ),
        }
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::registry::fixtures;

    #[test]
    fn writes_t_r_a_and_notes_and_reads_them_back() {
        let set = fixtures::sample();
        let mut writer: Box<dyn CorpusWriter> = Box::new(Writer::new(ExportOptions::default()));
        let report = writer.add("fixture", &set);
        let ann = String::from_utf8(report.files[1].bytes.clone()).expect("utf8");
        assert!(
            ann.contains("\tPERSON 26 44\tAna Lúcia Ferreira\n"),
            "{ann}"
        );
        assert!(ann.contains("R1\tsaid_by Arg1:T1 Arg2:T3\n"), "{ann}");
        assert!(ann.contains("A1\ttype T1 direct\n"), "{ann}");
        assert!(ann.contains("AnnotatorNotes"), "{ann}");
        let conf = writer.finish();
        let annotation_conf = String::from_utf8(conf[0].bytes.clone()).expect("utf8");
        assert!(
            annotation_conf.contains("said_by\tArg1:QUOTE, Arg2:"),
            "{annotation_conf}"
        );
        assert!(
            annotation_conf.contains(
                "checkworthy\tArg:CLAIM, Value:no_need|trivial|yes_not_urgent|yes_urgent"
            ),
            "{annotation_conf}"
        );
        let (read_set, problems) = read("fixture.ann", set.text().as_str(), &ann);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(read_set.span_count(), report.spans_written);
        assert_eq!(read_set.relation_count(), 2);
    }

    #[test]
    fn multi_line_spans_and_crlf_and_discontinuous_spans() {
        let mut set = fixtures::sample();
        set.document.text = crate::model::text::Text::new("One\r\ntwo three\r\n");
        let mut builder = SetBuilder::new("One\r\ntwo three\r\n", "t");
        builder.add_span("", "QUOTE", 0, 8, None);
        let (set, _) = builder.finish();
        let mut writer = Writer::new(ExportOptions::default());
        let report = writer.add("crlf", &set);
        assert_eq!(report.files[0].bytes, b"One\ntwo three\n");
        let ann = String::from_utf8(report.files[1].bytes.clone()).expect("utf8");
        assert_eq!(ann, "T1\tQUOTE 0 3;4 7\tOne two\n");
        assert_eq!(report.notes.len(), 1);
        let (read_set, problems) = read("x.ann", "One\ntwo three\n", &ann);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            read_set.spans_ordered().next().map(|s| s.range()),
            Some(0..7)
        );
        let (read_set, problems) = read(
            "x.ann",
            "North and South America",
            "T1\tLOC 0 5;16 23\tNorth America\nE1\tX:T1\n",
        );
        assert_eq!(read_set.span_count(), 1);
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
