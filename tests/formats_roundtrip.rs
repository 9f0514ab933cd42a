//! Round trips native → format → native: everything the format can hold comes back, on a text
//! with non-ASCII letters, an emoji outside the BMP, curly quotes, a CRLF line end, and nested
//! and overlapping spans. Plus insta snapshots of every export format for a small fixed set.

use std::collections::BTreeSet;

use newsmark::formats::registry::{CorpusWriter, ExportFormat, ExportOptions, OutFile};
use newsmark::formats::{brat, conll, doccano, label_studio, prodigy};
use newsmark::model::edit::{self, Edit};
use newsmark::model::schema::Schema;
use newsmark::model::set::{AnnotationSet, Document};
use newsmark::model::span::{Relation, Review, Span};

const TEXT: &str = "„Wir warten nicht“, sagte Ana Lúcia Ferreira 👍 in Zürich.\r\n“The strike cost €4.2 billion,” said Cheng Guoping 🇩🇪 of Hafen AG.\n";

fn range_of(needle: &str) -> std::ops::Range<usize> {
    let byte = TEXT.find(needle).expect("needle");
    let start = TEXT[..byte].chars().count();
    start..start + needle.chars().count()
}

fn sample() -> AnnotationSet {
    let mut set = AnnotationSet::new(Document::new(TEXT), Schema::default());
    let add = |set: &mut AnnotationSet, label: &str, needle: &str, review: Review| {
        let mut span = Span::new(set.new_span_id(), label, range_of(needle));
        span.review = review;
        let id = span.id;
        edit::apply(set, Edit::AddSpan(span)).expect("span");
        id
    };
    let quote = add(&mut set, "QUOTE", "Wir warten nicht", Review::Accepted);
    let ana = add(&mut set, "PERSON", "Ana Lúcia Ferreira", Review::Accepted);
    add(&mut set, "PERSON", "Ana Lúcia", Review::Accepted);
    add(&mut set, "GPE", "Zürich", Review::Accepted);
    let claim = add(
        &mut set,
        "CLAIM",
        "The strike cost €4.2 billion",
        Review::Accepted,
    );
    add(&mut set, "MONEY", "€4.2 billion", Review::Accepted);
    let cheng = add(&mut set, "PERSON", "Cheng Guoping", Review::Accepted);
    add(&mut set, "ORG", "Hafen AG", Review::Accepted);
    add(&mut set, "ORG", "Hafen", Review::Suggested);
    for (from, to, label) in [(quote, ana, "said_by"), (claim, cheng, "claimed_by")] {
        let relation = Relation {
            id: set.new_relation_id(),
            label: label.into(),
            from,
            to,
            origin: None,
            review: Review::Accepted,
        };
        edit::apply(&mut set, Edit::AddRelation(relation)).expect("relation");
    }
    for (id, name, value) in [
        (quote, "type", "direct"),
        (claim, "checkworthy", "yes urgent"),
    ] {
        let e = edit::set_attribute(&set, id, name, Some(value.into())).expect("attribute");
        edit::apply(&mut set, e).expect("attribute");
    }
    let mut span = set.span(cheng).expect("cheng").clone();
    span.note = Some("full name in paragraph 1".into());
    edit::apply(&mut set, Edit::UpdateSpan(span)).expect("note");
    set
}

fn export(
    format: ExportFormat,
    set: &AnnotationSet,
) -> (Vec<OutFile>, newsmark::formats::registry::DocumentExport) {
    let mut writer: Box<dyn CorpusWriter> = format.writer(&ExportOptions::default());
    let report = writer.add("story", set);
    let mut files = report.files.clone();
    files.extend(writer.finish());
    (files, report)
}

fn file<'a>(files: &'a [OutFile], name: &str) -> &'a str {
    let f = files
        .iter()
        .find(|f| f.path.to_string_lossy() == name)
        .expect(name);
    std::str::from_utf8(&f.bytes).expect("utf8")
}

type SpanKey = (String, String, bool);

/// (label, text, suggested) of every span, and (label, from text, to text) of relations.
fn spans(set: &AnnotationSet, with_suggestions: bool) -> BTreeSet<SpanKey> {
    set.spans_ordered()
        .filter(|s| with_suggestions || s.review == Review::Accepted)
        .map(|s| {
            (
                s.label.clone(),
                set.span_text(s).to_string(),
                s.review == Review::Suggested,
            )
        })
        .collect()
}

fn relations(set: &AnnotationSet) -> BTreeSet<(String, String, String)> {
    set.relations()
        .map(|r| {
            let text = |id| {
                set.span(id)
                    .map(|s| set.span_text(s).to_string())
                    .unwrap_or_default()
            };
            (r.label.clone(), text(r.from), text(r.to))
        })
        .collect()
}

fn attributes(set: &AnnotationSet) -> BTreeSet<(String, String, String)> {
    set.spans_ordered()
        .flat_map(|s| {
            s.attributes
                .iter()
                .map(|(k, v)| (set.span_text(s).to_string(), k.clone(), v.to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn notes(set: &AnnotationSet) -> BTreeSet<(String, String)> {
    set.spans_ordered()
        .filter_map(|s| Some((set.span_text(s).to_string(), s.note.clone()?)))
        .collect()
}

#[test]
fn doccano_keeps_spans_and_relations() {
    let set = sample();
    let (files, report) = export(ExportFormat::Jsonl, &set);
    let (docs, problems) = doccano::read("doccano.jsonl", file(&files, "doccano.jsonl"));
    assert!(
        problems.is_empty() && docs[0].problems.is_empty(),
        "{:?}",
        docs[0].problems
    );
    let back = &docs[0].set;
    assert_eq!(back.text().as_str(), TEXT);
    assert_eq!(spans(back, true), spans(&set, false));
    assert_eq!(relations(back), relations(&set));
    // Left out and reported: the suggestion, two attributes, one note.
    assert_eq!(report.left_out.len(), 4, "{:?}", report.left_out);
}

#[test]
fn brat_keeps_spans_relations_attributes_and_notes() {
    let set = sample();
    let (files, report) = export(ExportFormat::Brat, &set);
    let txt = file(&files, "story.txt");
    assert_eq!(txt, TEXT.replace("\r\n", "\n"));
    assert_eq!(report.notes.len(), 1, "the CRLF change is reported");
    let (back, problems) = brat::read("story.ann", txt, file(&files, "story.ann"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(spans(&back, true), spans(&set, false));
    assert_eq!(relations(&back), relations(&set));
    assert_eq!(
        attributes(&back),
        attributes(&set),
        "'yes urgent' comes back from yes_urgent"
    );
    assert_eq!(notes(&back), notes(&set));
}

#[test]
fn label_studio_keeps_everything_with_suggestions_as_predictions() {
    let set = sample();
    let (files, report) = export(ExportFormat::LabelStudio, &set);
    assert!(report.left_out.is_empty());
    let read = label_studio::read("ls.json", file(&files, "label_studio.json"), false);
    let back = &read.documents[0].set;
    assert!(
        read.documents[0].problems.is_empty(),
        "{:?}",
        read.documents[0].problems
    );
    assert_eq!(spans(back, true), spans(&set, true));
    assert_eq!(relations(back), relations(&set));
    assert_eq!(attributes(back), attributes(&set));
    assert_eq!(notes(back), notes(&set));
}

#[test]
fn prodigy_keeps_spans_and_relations() {
    let set = sample();
    let (files, _) = export(ExportFormat::Prodigy, &set);
    let (docs, problems) = prodigy::read("p.jsonl", file(&files, "prodigy.jsonl"));
    assert!(
        problems.is_empty() && docs[0].problems.is_empty(),
        "{:?}",
        docs[0].problems
    );
    assert_eq!(spans(&docs[0].set, true), spans(&set, false));
    assert_eq!(relations(&docs[0].set), relations(&set));
}

#[test]
fn conll_keeps_non_overlapping_spans_on_a_rebuilt_text() {
    let set = sample();
    let (files, report) = export(ExportFormat::Conll, &set);
    let (docs, _) = conll::read("c.conll", file(&files, "corpus.conll"));
    let back = &docs[0].set;
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    let got: BTreeSet<(String, String)> = back
        .spans_ordered()
        .map(|s| (s.label.clone(), squash(back.span_text(s))))
        .collect();
    // Whole spans left out (not only their attributes or notes).
    let left_out: BTreeSet<u64> = report
        .left_out
        .iter()
        .filter(|l| !l.item.contains(" attribute ") && !l.item.ends_with(" note"))
        .filter_map(|l| l.span_id)
        .collect();
    let want: BTreeSet<(String, String)> = set
        .spans_ordered()
        .filter(|s| !left_out.contains(&s.id.0))
        .map(|s| (s.label.clone(), squash(set.span_text(s))))
        .collect();
    assert_eq!(got, want);
    // Overlapping spans, the suggestion and both relations are reported.
    assert!(
        report
            .left_out
            .iter()
            .any(|l| l.item.contains("Ana Lúcia") || l.item.contains("PERSON"))
    );
    assert_eq!(
        report
            .left_out
            .iter()
            .filter(|l| l.relation_id.is_some())
            .count(),
        2
    );
}

#[test]
fn snapshots_of_every_text_format() {
    let set = sample();
    for format in ExportFormat::ALL {
        let (files, report) = export(format, &set);
        let mut shown = String::new();
        for f in &files {
            shown.push_str(&format!("==> {}\n", f.path.display()));
            match std::str::from_utf8(&f.bytes) {
                Ok(text) if format != ExportFormat::Spacy => shown.push_str(text),
                _ => shown.push_str(&format!("({} bytes, binary)\n", f.bytes.len())),
            }
        }
        shown.push_str("==> report\n");
        shown.push_str(&format!(
            "spans {} relations {}\n",
            report.spans_written, report.relations_written
        ));
        for item in &report.left_out {
            shown.push_str(&format!("left out: {item}\n"));
        }
        for note in &report.notes {
            shown.push_str(&format!("note: {note}\n"));
        }
        insta::assert_snapshot!(format!("export_{}", format.name().replace('-', "_")), shown);
    }
}
