//! Round trips native → format → native: everything the format can hold comes back, on a text
//! with non-ASCII letters, an emoji outside the BMP, curly quotes, a CRLF line end, and nested
//! and overlapping spans. Plus insta snapshots of every export format for a small fixed set.

#![allow(clippy::unwrap_used)]
use std::collections::BTreeSet;

use newsmark::formats::registry::{CorpusWriter, ExportFormat, ExportOptions, OutFile};
use newsmark::formats::{brat, conll, doccano, label_studio, prodigy, w3c};
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
fn w3c_keeps_spans_relations_attributes_and_notes() {
    let set = sample();
    let (files, report) = export(ExportFormat::W3c, &set);
    // Only the unreviewed suggestion is left out (without --include-suggested).
    assert_eq!(report.left_out.len(), 1, "{:?}", report.left_out);
    let (back, problems) = w3c::read("story.jsonld", TEXT, file(&files, "story.jsonld"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back.text().as_str(), TEXT);
    assert_eq!(spans(&back, true), spans(&set, false));
    assert_eq!(relations(&back), relations(&set));
    assert_eq!(attributes(&back), attributes(&set));
    assert_eq!(notes(&back), notes(&set));
    // Exact offsets, after the emoji and the CRLF too.
    let offsets = |s: &AnnotationSet| -> BTreeSet<(String, usize, usize)> {
        s.spans_ordered()
            .filter(|sp| sp.review == Review::Accepted)
            .map(|sp| (sp.label.clone(), sp.start, sp.end))
            .collect()
    };
    assert_eq!(offsets(&back), offsets(&set));
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

// ---------------------------------------------------------------------------------------
// Right-to-left news: Arabic, Hebrew, and Persian with English names. Offsets are logical
// code points, so every round trip is exact. The same sets are in tests/exports/rtl/ for the
// Python clients (tests/exports/run.sh); `rtl_export_samples_are_current` keeps them equal.

/// (file stem, text, spans (label, needle, nth occurrence), relations (label, from, to) by
/// span index). Original sentences, news-like.
type RtlSample = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, usize, usize)],
);

const RTL_SAMPLES: [RtlSample; 3] = [
    (
        "arabic-finance",
        "قال وزير المالية خالد المنصور يوم الثلاثاء إن الحكومة ستخفض الضرائب على الشركات الصغيرة. وأضاف: «لن نرفع الأسعار هذا العام».\nوأكدت شركة النور للطاقة في عمّان أن أرباحها بلغت 12 مليون دينار خلال 2026.\n",
        &[
            ("PERSON", "خالد المنصور"),
            ("QUOTE", "لن نرفع الأسعار هذا العام"),
            ("ORG", "شركة النور للطاقة"),
            ("GPE", "عمّان"),
            ("CLAIM", "أرباحها بلغت 12 مليون دينار"),
            ("MONEY", "12 مليون دينار"),
            ("DATE", "يوم الثلاثاء"),
        ],
        &[("said_by", 1, 0), ("claimed_by", 4, 2)],
    ),
    (
        "hebrew-transport",
        "ראש העירייה דנה כהן אמרה ביום שני כי \"הרכבת הקלה תגיע לחיפה עד 2028\".\r\nלדברי חברת נתיבי הגליל, העלות תגיע ל-3.4 מיליארד ש\"ח.\n",
        &[
            ("PERSON", "דנה כהן"),
            ("QUOTE", "הרכבת הקלה תגיע לחיפה עד 2028"),
            ("GPE", "חיפה"),
            ("ORG", "נתיבי הגליל"),
            ("MONEY", "3.4 מיליארד ש\"ח"),
            ("CLAIM", "העלות תגיע ל-3.4 מיליארד ש\"ח"),
        ],
        &[("said_by", 1, 0), ("claimed_by", 5, 3)],
    ),
    (
        "persian-english-metro",
        "به گزارش Reuters، شرکت Tehran Metro Company روز یکشنبه اعلام کرد که خط ۷ مترو تا پایان سال ۱۴۰۵ تکمیل می‌شود.\nمدیرعامل شرکت، علی رضایی، گفت: «ما به برنامه پایبندیم» و افزود که هزینه‌ها 15% بالاتر از برآورد است.\n",
        &[
            ("ORG", "Reuters"),
            ("ORG", "Tehran Metro Company"),
            ("PERSON", "علی رضایی"),
            ("QUOTE", "ما به برنامه پایبندیم"),
            ("DATE", "سال ۱۴۰۵"),
            ("PERCENT", "15%"),
            ("FAC", "خط ۷ مترو"),
        ],
        &[("said_by", 3, 2)],
    ),
];

fn rtl_set(sample: &RtlSample) -> AnnotationSet {
    let (stem, text, spans, links) = sample;
    let mut document = Document::new(*text);
    document.source = Some(format!("{stem}.txt"));
    let mut set = AnnotationSet::new(document, Schema::default());
    let mut ids = Vec::new();
    for (label, needle) in spans.iter() {
        let byte = text.find(needle).expect(needle);
        let start = text[..byte].chars().count();
        let span = Span::new(
            set.new_span_id(),
            *label,
            start..start + needle.chars().count(),
        );
        ids.push(span.id);
        edit::apply(&mut set, Edit::AddSpan(span)).expect("span");
    }
    for (label, from, to) in links.iter() {
        let relation = Relation {
            id: set.new_relation_id(),
            label: (*label).into(),
            from: ids[*from],
            to: ids[*to],
            origin: None,
            review: Review::Accepted,
        };
        edit::apply(&mut set, Edit::AddRelation(relation)).expect("relation");
    }
    set
}

/// (label, start, end, text) of every span.
fn exact(set: &AnnotationSet) -> BTreeSet<(String, usize, usize, String)> {
    set.spans_ordered()
        .map(|s| {
            (
                s.label.clone(),
                s.start,
                s.end,
                set.span_text(s).to_string(),
            )
        })
        .collect()
}

#[test]
fn arabic_hebrew_and_persian_round_trip_exactly_through_every_format() {
    for sample in &RTL_SAMPLES {
        let set = rtl_set(sample);
        let name = sample.0;
        // The spans are where a reader sees them: the text at the offsets is the needle.
        for (label, needle) in sample.2 {
            assert!(
                set.spans_ordered()
                    .any(|s| s.label == *label && set.span_text(s) == *needle),
                "{name}: {label} {needle}"
            );
        }
        // doccano, Label Studio, Prodigy: the same text, spans and relations.
        let (files, _) = export(ExportFormat::Jsonl, &set);
        let (docs, problems) = doccano::read("d.jsonl", file(&files, "doccano.jsonl"));
        assert!(problems.is_empty() && docs[0].problems.is_empty(), "{name}");
        assert_eq!(docs[0].set.text().as_str(), set.text().as_str(), "{name}");
        assert_eq!(exact(&docs[0].set), exact(&set), "{name} doccano");
        assert_eq!(relations(&docs[0].set), relations(&set), "{name} doccano");

        let (files, report) = export(ExportFormat::LabelStudio, &set);
        assert!(report.left_out.is_empty(), "{name}: {:?}", report.left_out);
        let read = label_studio::read("ls.json", file(&files, "label_studio.json"), false);
        assert!(
            !read.utf16_detected && read.documents[0].problems.is_empty(),
            "{name}"
        );
        assert_eq!(exact(&read.documents[0].set), exact(&set), "{name} LS");
        assert_eq!(
            relations(&read.documents[0].set),
            relations(&set),
            "{name} LS"
        );

        let (files, report) = export(ExportFormat::W3c, &set);
        assert!(report.left_out.is_empty(), "{name}: {:?}", report.left_out);
        let (back, problems) = w3c::read(
            "w.jsonld",
            set.text().as_str(),
            file(&files, "story.jsonld"),
        );
        assert!(problems.is_empty(), "{name}: {problems:?}");
        assert_eq!(exact(&back), exact(&set), "{name} w3c");
        assert_eq!(relations(&back), relations(&set), "{name} w3c");
        assert_eq!(back.document_labels, set.document_labels, "{name} w3c");

        let (files, report) = export(ExportFormat::Prodigy, &set);
        assert!(report.left_out.is_empty(), "{name}: {:?}", report.left_out);
        let (docs, problems) = prodigy::read("p.jsonl", file(&files, "prodigy.jsonl"));
        assert!(problems.is_empty() && docs[0].problems.is_empty(), "{name}");
        assert_eq!(exact(&docs[0].set), exact(&set), "{name} prodigy");
        assert_eq!(relations(&docs[0].set), relations(&set), "{name} prodigy");

        // brat: the text with LF line ends (the CRLF change is reported), same spans.
        let (files, report) = export(ExportFormat::Brat, &set);
        let txt = file(&files, "story.txt");
        assert_eq!(txt, set.text().as_str().replace("\r\n", "\n"), "{name}");
        assert_eq!(
            report.notes.len(),
            usize::from(set.text().as_str().contains('\r')),
            "{name}: {:?}",
            report.notes
        );
        let (back, problems) = brat::read("story.ann", txt, file(&files, "story.ann"));
        assert!(problems.is_empty(), "{name}: {problems:?}");
        assert_eq!(spans(&back, true), spans(&set, false), "{name} brat");
        assert_eq!(relations(&back), relations(&set), "{name} brat");

        // spaCy: every span in doc.spans["sc"] at its offsets (the overlap only leaves doc.ents).
        let (files, report) = export(ExportFormat::Spacy, &set);
        assert_eq!(report.spans_written, set.span_count(), "{name}");
        let bytes = &files[0].bytes;
        let (docs, problems) = newsmark::formats::spacy::read("c.spacy", bytes);
        assert!(problems.is_empty(), "{name}");
        assert_eq!(docs[0].set.text().as_str(), set.text().as_str(), "{name}");
        assert_eq!(exact(&docs[0].set), exact(&set), "{name} spacy");

        // CoNLL: tokens only; every non-overlapping span comes back with its words.
        let (files, report) = export(ExportFormat::Conll, &set);
        let (docs, _) = conll::read("c.conll", file(&files, "corpus.conll"));
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        let got: BTreeSet<(String, String)> = docs[0]
            .set
            .spans_ordered()
            .map(|s| (s.label.clone(), squash(docs[0].set.span_text(s))))
            .collect();
        let left_out: BTreeSet<u64> = report.left_out.iter().filter_map(|l| l.span_id).collect();
        let want: BTreeSet<(String, String)> = set
            .spans_ordered()
            .filter(|s| !left_out.contains(&s.id.0))
            .map(|s| (s.label.clone(), squash(set.span_text(s))))
            .collect();
        assert_eq!(got, want, "{name} conll");
        assert!(want.len() >= set.span_count() - 2, "{name}: {want:?}");
    }
}

#[test]
fn rtl_export_samples_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/exports/rtl");
    let write = std::env::var_os("NEWSMARK_WRITE_RTL_SAMPLES").is_some();
    for sample in &RTL_SAMPLES {
        let json = newsmark::formats::native::to_json(&rtl_set(sample));
        let path = dir.join(format!("{}.json", sample.0));
        if write {
            std::fs::create_dir_all(&dir).expect("dir");
            std::fs::write(&path, &json).expect("write");
        }
        let saved = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            saved == json,
            "{} is not what the test builds: run with NEWSMARK_WRITE_RTL_SAMPLES=1 to rewrite it",
            path.display()
        );
    }
}

/// Document labels (flags, scores, text) go out and come back: spaCy's `doc.cats` (flags and
/// scores; text in the Doc's user data), doccano JSONL's `document_labels`, Label Studio's
/// region-less results (choices, textarea, number) and W3C classifying annotations.
#[test]
fn document_labels_round_trip_through_spacy_doccano_prodigy_label_studio_and_w3c() {
    use newsmark::formats::read::Outcome;
    use newsmark::model::schema::{AttributeType, DocumentLabelDef};
    let mut set = sample();
    for name in ["strike", "sentiment"] {
        set.schema.document_labels.push(DocumentLabelDef {
            name: name.into(),
            value_type: AttributeType::Flag,
            description: String::new(),
        });
    }
    for (name, value) in [
        ("contains_claims", serde_json::json!(true)),
        ("strike", serde_json::json!(false)),
        ("sentiment", serde_json::json!(0.25)),
        ("topic", serde_json::json!("port strike")),
    ] {
        edit::apply(&mut set, Edit::SetDocumentLabel(name.into(), Some(value))).unwrap();
    }
    // Labels the default schema lacks are added to it, and said so (kept, nothing lost).
    let added_only = |problems: &[newsmark::formats::read::Problem]| {
        assert!(
            problems.iter().all(|p| p.outcome == Outcome::Kept
                && p.message.contains("is not in the schema; it was added")),
            "{problems:?}"
        );
    };

    let (files, report) = export(ExportFormat::Spacy, &set);
    assert!(
        !report
            .left_out
            .iter()
            .any(|l| l.item.contains("document label")),
        "{:?}",
        report.left_out
    );
    let (docs, problems) = newsmark::formats::spacy::read("c.spacy", &files[0].bytes);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs[0].set.document_labels, set.document_labels, "spacy");
    added_only(&docs[0].problems);
    let back = &docs[0].set.schema.document_labels;
    assert!(
        back.iter()
            .any(|d| d.name == "sentiment" && d.value_type == AttributeType::Flag),
        "{back:?}"
    );

    let (files, _) = export(ExportFormat::Jsonl, &set);
    let (docs, problems) = doccano::read("d.jsonl", file(&files, "doccano.jsonl"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs[0].set.document_labels, set.document_labels, "doccano");
    added_only(&docs[0].problems);

    let (files, _) = export(ExportFormat::Prodigy, &set);
    let (docs, problems) = prodigy::read("p.jsonl", file(&files, "prodigy.jsonl"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs[0].set.document_labels, set.document_labels, "prodigy");
    added_only(&docs[0].problems);

    // Formats with no place for them name each one left out.
    for format in [ExportFormat::Brat, ExportFormat::Conll, ExportFormat::Csv] {
        let (_, report) = export(format, &set);
        let named: Vec<_> = report
            .left_out
            .iter()
            .filter(|l| l.item.starts_with("document label "))
            .collect();
        assert_eq!(named.len(), 4, "{format:?}: {:?}", report.left_out);
        assert!(
            named
                .iter()
                .all(|l| l.reason.ends_with("has no place for document labels")),
            "{named:?}"
        );
    }

    // Label Studio: results with no region, as its own classification controls give them,
    // and nothing in the task's meta, which Label Studio ignores.
    let (files, report) = export(ExportFormat::LabelStudio, &set);
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    let tasks = file(&files, "label_studio.json");
    let value: serde_json::Value = serde_json::from_str(tasks).unwrap();
    assert!(value[0].get("meta").is_none(), "{}", value[0]);
    let region_less = value[0]["annotations"][0]["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] != "relation" && r["value"].get("start").is_none())
        .count();
    assert_eq!(region_less, set.document_labels.len());
    let read = label_studio::read("ls.json", tasks, false);
    assert_eq!(
        read.documents[0].set.document_labels, set.document_labels,
        "label studio"
    );
    added_only(&read.documents[0].problems);

    let (files, report) = export(ExportFormat::W3c, &set);
    assert!(
        !report
            .left_out
            .iter()
            .any(|l| l.item.contains("document label")),
        "{:?}",
        report.left_out
    );
    let (back, problems) = w3c::read("story.jsonld", TEXT, file(&files, "story.jsonld"));
    assert_eq!(back.document_labels, set.document_labels, "w3c");
    added_only(&problems);
}

/// doccano's own text classification lines (`"label": ["sports", ...]`) are the document's
/// categories: each a document label set to true, not a span left out.
#[test]
fn doccano_text_classification_labels_are_document_labels() {
    let line = r#"{"text": "The port reopened.", "label": ["economy", "transport"]}"#;
    let (docs, problems) = doccano::read("cls.jsonl", line);
    assert!(problems.is_empty(), "{problems:?}");
    let labels = &docs[0].set.document_labels;
    assert_eq!(labels.get("economy"), Some(&serde_json::json!(true)));
    assert_eq!(labels.get("transport"), Some(&serde_json::json!(true)));
    assert_eq!(docs[0].set.span_count(), 0);
    assert!(
        docs[0].problems.iter().all(|p| !p.leaves_out()),
        "{:?}",
        docs[0].problems
    );
}

/// The export report prints each reason in parentheses (`left out 3 (REASON): span 9 …`), so
/// no reason holds a parenthesis of its own (tryout3 #31), and an unreviewed suggestion's
/// reason reads as one clause, the same for its spans and its links.
#[test]
fn reasons_for_leaving_out_read_as_one_clause_without_parentheses() {
    let mut set = sample();
    // A suggested link too.
    let ids: Vec<_> = set.spans_ordered().map(|s| s.id).collect();
    let relation = Relation {
        id: set.new_relation_id(),
        label: "refers_to".into(),
        from: ids[1],
        to: ids[2],
        origin: Some("rule:test".into()),
        review: Review::Suggested,
    };
    edit::apply(&mut set, Edit::AddRelation(relation)).unwrap();
    for format in ExportFormat::ALL {
        let (_, report) = export(format, &set);
        for left_out in &report.left_out {
            assert!(
                !left_out.reason.contains('(') && !left_out.reason.contains(')'),
                "{format:?}: {left_out}"
            );
        }
        if format != ExportFormat::LabelStudio {
            let suggestions: Vec<_> = report
                .left_out
                .iter()
                .filter(|l| l.reason.contains("unreviewed suggestion"))
                .collect();
            // The span, and in a format that holds links the suggested link.
            let holds_links = !matches!(format, ExportFormat::Spacy | ExportFormat::Conll);
            let expected = if holds_links { 2 } else { 1 };
            assert_eq!(
                suggestions.len(),
                expected,
                "{format:?}: {:?}",
                report.left_out
            );
            assert!(
                suggestions.iter().all(|l| l.reason
                    == "unreviewed suggestion, exported only when suggestions are included"),
                "{format:?}: {suggestions:?}"
            );
        }
    }
}

/// spaCy keeps each span's attributes and note in the Doc's user data (by label and
/// offsets), and the import puts them back on the right span: nothing is reported left out.
#[test]
fn span_attributes_and_notes_round_trip_through_spacy() {
    let mut set = sample();
    // Attributes on spans at the same offsets under two labels, and a quote's speaker form.
    let quote = set
        .spans_ordered()
        .find(|s| s.label == "QUOTE")
        .cloned()
        .unwrap();
    let mut quote = quote;
    quote
        .attributes
        .insert("speaker_form".into(), serde_json::json!("name"));
    edit::apply(&mut set, Edit::UpdateSpan(quote)).unwrap();
    let (files, report) = export(ExportFormat::Spacy, &set);
    assert!(
        !report
            .left_out
            .iter()
            .any(|l| l.reason.contains("attributes") || l.reason.contains("notes")),
        "{:?}",
        report.left_out
    );
    let (docs, problems) = newsmark::formats::spacy::read("c.spacy", &files[0].bytes);
    assert!(problems.is_empty(), "{problems:?}");
    let key = |s: &AnnotationSet| -> BTreeSet<(String, usize, usize, String, Option<String>)> {
        s.spans_ordered()
            .filter(|s| s.review == Review::Accepted)
            .map(|sp| {
                (
                    sp.label.clone(),
                    sp.start,
                    sp.end,
                    serde_json::to_string(&sp.attributes).unwrap(),
                    sp.note.clone(),
                )
            })
            .collect()
    };
    let want = key(&set);
    assert!(
        want.iter().filter(|k| k.3 != "{}" || k.4.is_some()).count() >= 3,
        "{want:?}"
    );
    assert_eq!(key(&docs[0].set), want);
}
