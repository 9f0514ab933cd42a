//! Hostile input for every reader (native, text, journal, schema, spaCy, doccano, Prodigy,
//! CoNLL, Label Studio, brat, W3C, HTML): property tests with random and mutated bytes (no panic,
//! bounded time, whatever was read is a valid set, every skipped line or task is reported),
//! random sets written and read back by every format that holds them, and the named monsters
//! of issue #6 (a 2 GB file, a 50 MB line, JSON nested
//! 100,000 deep, invalid UTF-8, a binary file).
//!
//! `PROPTEST_CASES=100000 cargo test --release --no-default-features --test fuzz_readers`
//! is the long run reported in docs/RELIABILITY.md; the default (256 cases per property) runs
//! in CI with the other tests.

#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed check

use std::time::{Duration, Instant};

use proptest::prelude::*;

use newsmark::formats::registry::{ExportFormat, ExportOptions, OutFile};
use newsmark::formats::{
    self, ReadDocument, brat, conll, doccano, html, label_studio, native, plaintext, prodigy, w3c,
};
use newsmark::journal::{self, Journal};
use newsmark::model::edit;
use newsmark::model::{AnnotationSet, Document, History, Schema, Text};

/// A debug build on a busy machine is slow; this only catches hangs and blow-ups.
const PER_INPUT: Duration = Duration::from_secs(5);

fn sample_set() -> AnnotationSet {
    let mut set = AnnotationSet::new(
        Document::new("“We will not wait,” said Ana Lúcia Ferreira in Zürich. 👍\n"),
        Schema::default(),
    );
    for (label, range) in [("QUOTE", 1..17), ("PERSON", 25..43), ("GPE", 47..53)] {
        let edit = edit::add_span(&mut set, label, range);
        edit::apply(&mut set, edit).unwrap();
    }
    set
}

fn sample_journal() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Ana Lúcia said “no” in Zürich.\n").unwrap();
    let opened = formats::open_path(&article, None).unwrap();
    let mut journal = Journal::for_opened(&opened);
    let mut set = opened.set.clone();
    let mut history = History::new();
    for (label, range) in [("PERSON", 0..9), ("GPE", 23..29)] {
        let edit = edit::add_span(&mut set, label, range);
        journal::apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    }
    journal::undo_logged(&mut set, &mut history, &mut journal).unwrap();
    journal.sync().unwrap();
    std::fs::read(journal.path().unwrap()).unwrap()
}

/// The msgpack inside a DocBin of the sample set (fuzzed, then compressed, so that the
/// mutations reach the msgpack reader rather than stopping at zlib's checksum).
fn sample_docbin_msgpack() -> Vec<u8> {
    use std::io::Read;
    let options = newsmark::formats::registry::ExportOptions::default();
    let mut writer = newsmark::formats::registry::ExportFormat::Spacy.writer(&options);
    writer.add("sample", &sample_set());
    let compressed = writer.finish().remove(0).bytes;
    let mut msg = Vec::new();
    flate2::read::ZlibDecoder::new(&compressed[..])
        .read_to_end(&mut msg)
        .unwrap();
    msg
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Every file the sample set exports to (doccano, Prodigy, CoNLL, Label Studio, brat ...).
fn sample_exports() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for format in ExportFormat::ALL {
        let mut writer = format.writer(&ExportOptions::default());
        let report = writer.add("sample", &sample_set());
        out.extend(report.files.into_iter().map(|f| f.bytes));
        out.extend(writer.finish().into_iter().map(|f| f.bytes));
    }
    out
}

const SAMPLE_PAGE: &str = "<!DOCTYPE html><html><head><title>Strike</title><script>var a = '<p>';</script></head><body><nav><a href=/>Home</a></nav><article><h1>Harbour strike</h1><p>&ldquo;We will not wait,&rdquo; said Ana L&uacute;cia.</p><p>قال رئيس المجلس: «لن ننتظر».</p><ul><li>one<li>two</ul><table><tr><td>a<td>b</table></article><div class=comments><p>First!</p></div></body></html>";

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = sample_exports();
    seeds.push(SAMPLE_PAGE.as_bytes().to_vec());
    seeds.extend([
        sample_docbin_msgpack(),
        native::to_json(&sample_set()).into_bytes(),
        newsmark::model::schema::DEFAULT_SCHEMA_JSON
            .as_bytes()
            .to_vec(),
        sample_journal(),
        br#"{"recent_files":["/tmp/a.json"],"font_size":14.0,"dark_mode":true}"#.to_vec(),
        "Ana said “hi”\r\nZürich\n".as_bytes().to_vec(),
    ]);
    seeds
}

/// Whatever a reader produced is a valid set: spans within the text, relations between its
/// spans, and it writes and reads back in the native format without a problem.
fn check_read(reader: &str, documents: &[ReadDocument]) {
    for document in documents {
        check_set(reader, &document.set);
    }
}

fn check_set(reader: &str, set: &AnnotationSet) {
    let len = set.text().char_len();
    for span in set.spans_ordered() {
        assert!(
            span.start < span.end && span.end <= len,
            "{reader}: span {}..{} in a text of {len}",
            span.start,
            span.end
        );
    }
    for relation in set.relations() {
        assert!(
            set.span(relation.from).is_some() && set.span(relation.to).is_some(),
            "{reader}: relation {} links a missing span",
            relation.id.0
        );
    }
    let back = native::from_json(&native::to_json(set)).unwrap();
    assert!(back.problems.is_empty(), "{reader}: {:?}", back.problems);
    assert_eq!(back.set.span_count(), set.span_count(), "{reader}");
}

/// Every interchange reader on `text` (and `bytes` for the binary DocBin): no panic, valid
/// sets, and no line or task dropped without a problem saying so.
fn read_interchange(text: &str) {
    let nonblank = text.lines().filter(|l| !l.trim().is_empty()).count();
    for (reader, (documents, problems)) in [
        ("doccano", doccano::read("fuzz.jsonl", text)),
        ("prodigy", prodigy::read("fuzz.jsonl", text)),
    ] {
        check_read(reader, &documents);
        // Each non-blank line is a document or a reported skip.
        assert_eq!(
            documents.len() + problems.len(),
            nonblank,
            "{reader}: {problems:?}"
        );
    }
    let (documents, _) = conll::read("fuzz.conll", text);
    check_read("conll", &documents);
    for convert in [false, true] {
        let read = label_studio::read("fuzz.json", text, convert);
        check_read("label-studio", &read.documents);
        let tasks = match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Array(items)) => items.len(),
            Ok(serde_json::Value::Object(_)) => 1,
            Ok(_) => 0,
            Err(_) => {
                assert!(read.documents.is_empty() && read.problems.len() == 1);
                0
            }
        };
        // Each task is a document or a reported skip.
        assert!(
            read.documents.len() + read.problems.len() >= tasks,
            "label-studio: {} documents, {:?} for {tasks} tasks",
            read.documents.len(),
            read.problems
        );
    }
    // brat: the input as the .ann over a sample text, and as the text under a sample .ann.
    let sample = "Ana Lúcia said “no” in Zürich.\n";
    let (set, problems) = brat::read("fuzz.ann", sample, text);
    check_set("brat", &set);
    let entity_lines = text
        .lines()
        .filter(|l| l.starts_with('T') && !l.trim().is_empty())
        .count();
    // Each entity line is a span or a reported problem.
    assert!(
        set.span_count() + problems.len() >= entity_lines,
        "brat: {} spans, {problems:?} for {entity_lines} entity lines",
        set.span_count()
    );
    let (set, _) = brat::read(
        "fuzz.ann",
        text,
        "T1\tPERSON 0 3\tAna\nT2\tGPE 4 9\tZüric\nR1\tsaid_by Arg1:T1 Arg2:T2\n",
    );
    check_set("brat", &set);
    // W3C: the input as the annotations of a sample text.
    let (set, _) = w3c::read("fuzz.jsonld", sample, text);
    check_set("w3c", &set);
    let page = html::extract(text);
    assert!(page.text.is_empty() || page.text.ends_with('\n'));
    assert!(
        page.text.lines().all(|l| l.trim() == l),
        "html: untrimmed line in {:?}",
        page.text
    );
}

/// Feed `bytes` to every reader; none may panic or take long.
fn read_everything(bytes: &[u8]) {
    let started = Instant::now();
    let text = String::from_utf8_lossy(bytes);
    if let Ok(loaded) = native::from_json(&text) {
        // Whatever loaded must write and read back.
        let json = native::to_json(&loaded.set);
        native::from_json(&json).unwrap();
    }
    let _ = plaintext::decode(bytes);
    let _ = plaintext::decode_unicode(bytes);
    let _ = plaintext::decode_as(bytes, "Shift_JIS");
    let _ = Schema::from_json(&text);
    let _ = journal::read_journal(bytes, "fuzz");
    for bytes in [bytes, &zlib(bytes)] {
        let (documents, problems) = newsmark::formats::spacy::read("fuzz", bytes);
        check_read("spacy", &documents);
        // A DocBin is read whole, or refused with one problem naming why.
        assert!(problems.len() <= 1, "{problems:?}");
        assert!(problems.is_empty() || documents.is_empty());
    }
    read_interchange(&text);
    let _ = serde_json::from_slice::<serde_json::Value>(bytes);
    #[cfg(feature = "gui")]
    let _ = serde_json::from_slice::<newsmark::gui::settings::Settings>(bytes);
    let _ = Text::new(text.as_ref());
    assert!(
        started.elapsed() < PER_INPUT,
        "slow input: {} bytes",
        bytes.len()
    );
}

/// A mutation of a seed: flip, insert, delete, duplicate or truncate.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds();
    (
        0..seeds.len(),
        proptest::collection::vec((0u8..5, any::<prop::sample::Index>(), any::<u8>()), 1..8),
    )
        .prop_map(move |(seed, mutations)| {
            let mut bytes = seeds[seed].clone();
            for (kind, at, byte) in mutations {
                if bytes.is_empty() {
                    bytes.push(byte);
                    continue;
                }
                let i = at.index(bytes.len());
                match kind {
                    0 => bytes[i] ^= byte | 1,
                    1 => bytes.insert(i, byte),
                    2 => {
                        bytes.remove(i);
                    }
                    3 => {
                        let end = (i + 1 + byte as usize).min(bytes.len());
                        let chunk = bytes[i..end].to_vec();
                        bytes.splice(i..i, chunk);
                    }
                    _ => bytes.truncate(i),
                }
            }
            bytes
        })
}

proptest! {
    // Cases come from PROPTEST_CASES (default 256); failures are printed with their input.
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        read_everything(&bytes);
    }

    #[test]
    fn mutated_files_never_panic(bytes in mutated()) {
        read_everything(&bytes);
    }

    #[test]
    fn random_json_values_never_panic(value in arb_json()) {
        let json = value.to_string();
        read_everything(json.as_bytes());
        // Also as the parts of a set.
        let set = serde_json::json!({
            "format": "newsmark.annotations", "version": 1,
            "document": {"text": "Ana in Zürich"},
            "spans": [value.clone()], "relations": [value.clone()],
            "schema": value.clone(), "document_labels": {"topic": value},
        });
        read_everything(set.to_string().as_bytes());
    }
}

/// Pieces of text in several scripts: Latin with accents and a combining mark, Arabic,
/// Persian digits and letters, Hebrew, CJK, emoji outside the BMP (one a flag), a right-to-left
/// mark, a no-break space, quotes, line ends.
const PALETTE: &[&str] = &[
    "a", "Z", "ü", "é", "e\u{301}", "ا", "ل", "م", "ع", "پ", "ی", "ک", "۱", "٣", "ש", "ל", "ו",
    "ם", "中", "7", "👍", "🇩🇪", " ", " ", " ", "\n", ",", ".", "«", "»", "“", "”", "-", "\u{200f}",
    "\u{a0}",
];
const LABELS: &[&str] = &["PERSON", "ORG", "GPE", "QUOTE"];

/// A random set: a text from [`PALETTE`], spans anywhere in it, a few links.
fn arb_set() -> impl Strategy<Value = AnnotationSet> {
    (
        proptest::collection::vec(0..PALETTE.len(), 1..100),
        proptest::collection::vec(
            (any::<prop::sample::Index>(), 1usize..15, 0..LABELS.len()),
            0..10,
        ),
        proptest::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
            0..4,
        ),
    )
        .prop_map(|(pieces, spans, links)| {
            let text: String = pieces.into_iter().map(|i| PALETTE[i]).collect();
            let len = text.chars().count();
            let mut set = AnnotationSet::new(Document::new(text), Schema::default());
            for (at, length, label) in spans {
                let start = at.index(len);
                let end = (start + length).min(len);
                if start < end {
                    let edit = edit::add_span(&mut set, LABELS[label], start..end);
                    let _ = edit::apply(&mut set, edit);
                }
            }
            let ids: Vec<_> = set.spans_ordered().map(|s| s.id).collect();
            for (from, to) in links {
                if ids.len() < 2 {
                    break;
                }
                let (from, to) = (ids[from.index(ids.len())], ids[to.index(ids.len())]);
                if from != to {
                    let relation = newsmark::model::span::Relation {
                        id: set.new_relation_id(),
                        label: "refers_to".into(),
                        from,
                        to,
                        origin: None,
                        review: newsmark::model::span::Review::Accepted,
                    };
                    let _ = edit::apply(&mut set, edit::Edit::AddRelation(relation));
                }
            }
            set
        })
}

type SpanKey = (String, usize, usize);

/// A span's key as a format writes it: brat drops line breaks at a span's edges.
fn key_of(set: &AnnotationSet, id: newsmark::model::span::SpanId, brat: bool) -> SpanKey {
    let span = set.span(id).unwrap();
    let (mut start, mut end) = (span.start, span.end);
    if brat {
        let chars: Vec<char> = set.span_text(span).chars().collect();
        let lead = chars.iter().take_while(|c| **c == '\n').count();
        if lead < chars.len() {
            start += lead;
            end -= chars.iter().rev().take_while(|c| **c == '\n').count();
        }
    }
    (span.label.clone(), start, end)
}

fn span_keys(
    set: &AnnotationSet,
    skip: &std::collections::HashSet<u64>,
    brat: bool,
) -> Vec<SpanKey> {
    let mut keys: Vec<SpanKey> = set
        .spans_ordered()
        .filter(|s| !skip.contains(&s.id.0))
        .map(|s| key_of(set, s.id, brat))
        .collect();
    keys.sort();
    keys
}

fn relation_keys(
    set: &AnnotationSet,
    skip: &std::collections::HashSet<u64>,
    brat: bool,
) -> Vec<(String, SpanKey, SpanKey)> {
    let mut keys: Vec<_> = set
        .relations()
        .filter(|r| !skip.contains(&r.id.0))
        .map(|r| {
            (
                r.label.clone(),
                key_of(set, r.from, brat),
                key_of(set, r.to, brat),
            )
        })
        .collect();
    keys.sort();
    keys
}

fn file_named<'a>(files: &'a [OutFile], suffix: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|f| f.path.to_string_lossy().ends_with(suffix))
        .unwrap()
        .bytes
}

/// Write `set` in `format` and read it back: every span and relation the writer did not
/// report as left out comes back at the same code point offsets, with no problem.
fn round_trip(format: ExportFormat, set: &AnnotationSet) {
    let mut writer = format.writer(&ExportOptions::default());
    let report = writer.add("doc", set);
    let mut files = report.files.clone();
    files.extend(writer.finish());
    let text = |suffix| std::str::from_utf8(file_named(&files, suffix)).unwrap();
    let (mut documents, problems) = match format {
        ExportFormat::Jsonl => doccano::read("doccano.jsonl", text(".jsonl")),
        ExportFormat::Prodigy => prodigy::read("prodigy.jsonl", text(".jsonl")),
        ExportFormat::LabelStudio => {
            let read = label_studio::read("tasks.json", text("label_studio.json"), false);
            (read.documents, read.problems)
        }
        ExportFormat::Spacy => {
            newsmark::formats::spacy::read("c.spacy", file_named(&files, ".spacy"))
        }
        ExportFormat::Brat => {
            let (set, problems) = brat::read("doc.ann", text("doc.txt"), text("doc.ann"));
            (
                vec![ReadDocument {
                    name: None,
                    set,
                    problems: Vec::new(),
                    notes: Vec::new(),
                }],
                problems,
            )
        }
        ExportFormat::W3c => {
            let (set, problems) = w3c::read("doc.jsonld", set.text().as_str(), text("doc.jsonld"));
            (
                vec![ReadDocument {
                    name: None,
                    set,
                    problems: Vec::new(),
                    notes: Vec::new(),
                }],
                problems,
            )
        }
        other => panic!("{other} is not read back here"),
    };
    assert!(problems.is_empty(), "{format}: {problems:?}");
    assert_eq!(documents.len(), 1, "{format}");
    let back = documents.remove(0);
    assert!(back.problems.is_empty(), "{format}: {:?}", back.problems);
    assert_eq!(back.set.text().as_str(), set.text().as_str(), "{format}");
    let spans_out: std::collections::HashSet<u64> = report
        .left_out
        .iter()
        .filter(|l| !l.item.contains(" attribute ") && !l.item.ends_with(" note"))
        .filter(|l| !l.reason.contains("doc.ents"))
        .filter_map(|l| l.span_id)
        .collect();
    let relations_out: std::collections::HashSet<u64> = report
        .left_out
        .iter()
        .filter_map(|l| l.relation_id)
        .collect();
    let none = std::collections::HashSet::new();
    let brat = format == ExportFormat::Brat;
    if brat {
        // brat cannot hold a line break at a span's edge: the writer trims it and says so.
        for span in set.spans_ordered().filter(|s| !spans_out.contains(&s.id.0)) {
            let (_, start, end) = key_of(set, span.id, true);
            if (start, end) != (span.start, span.end) {
                assert!(
                    report.notes.iter().any(|n| n.starts_with(&format!(
                        "span {} {} {}..{} starts or ends with a line break",
                        span.id.0, span.label, span.start, span.end
                    )) && n
                        .ends_with(&format!("written as {start}..{end}"))),
                    "brat: no note for span {}: {:?}",
                    span.id.0,
                    report.notes
                );
            }
        }
    }
    assert_eq!(
        span_keys(&back.set, &none, false),
        span_keys(set, &spans_out, brat),
        "{format}: spans, left out {:?}",
        report.left_out
    );
    if !matches!(format, ExportFormat::Spacy | ExportFormat::Prodigy) {
        assert_eq!(
            relation_keys(&back.set, &none, false),
            relation_keys(set, &relations_out, brat),
            "{format}: relations"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        // 64 by default (each case writes and reads six formats); PROPTEST_CASES for more.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    /// Random sets in several scripts survive every format that holds spans, exactly.
    #[test]
    fn random_sets_round_trip_through_every_format(set in arb_set()) {
        for format in [
            ExportFormat::Jsonl,
            ExportFormat::LabelStudio,
            ExportFormat::Brat,
            ExportFormat::Prodigy,
            ExportFormat::Spacy,
            ExportFormat::W3c,
        ] {
            round_trip(format, &set);
        }
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-zA-Z0-9 #_]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("label".to_string()),
                    Just("start".to_string()),
                    Just("end".to_string()),
                    Just("text".to_string()),
                    Just("from".to_string()),
                    Just("to".to_string()),
                    Just("labels".to_string()),
                    Just("name".to_string()),
                    "[a-z]{1,6}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn json_nested_100000_deep_is_refused_without_a_crash() {
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let deep = format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
        let error = native::from_json(&deep).unwrap_err().to_string();
        assert!(
            error.contains("recursion limit") || error.contains("not a Newsmark annotation set"),
            "{error}"
        );
        assert!(Schema::from_json(&deep).is_err());
        assert!(
            journal::read_journal(format!("0000000000000000 {deep}\n").as_bytes(), "x").is_err()
        );
        // Deep inside a valid set too.
        let set = format!(
            r#"{{"format":"newsmark.annotations","version":1,"document":{{"text":"x"}},"spans":[{deep}]}}"#
        );
        // Refused whole, or loaded with the deep item left out and reported.
        match native::from_json(&set) {
            Err(_) => {}
            Ok(loaded) => assert!(
                loaded
                    .problems
                    .iter()
                    .any(|p| p.item.starts_with("spans[0]")),
                "{:?}",
                loaded.problems
            ),
        }
    }
}

#[test]
fn a_2_gb_file_is_refused_at_once_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["huge.txt", "huge.json"] {
        let path = dir.path().join(name);
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(2 << 30).unwrap(); // sparse: no disk used
        let started = Instant::now();
        let error = formats::open_path(&path, None).unwrap_err().to_string();
        assert!(started.elapsed() < Duration::from_secs(1));
        assert!(
            error.contains("2147483648 bytes") && error.contains("up to"),
            "{error}"
        );
    }
}

#[test]
fn a_50_mb_single_line_opens() {
    let line = "The harbour master said the council would not wait for Zürich. ".repeat(800_000);
    assert!(line.len() > 50_000_000 && !line.contains('\n'));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-line.txt");
    std::fs::write(&path, &line).unwrap();
    let started = Instant::now();
    let opened = formats::open_path(&path, None).unwrap();
    let elapsed = started.elapsed();
    let text = opened.set.text();
    assert_eq!(text.as_str().len(), line.len());
    assert!(text.blocks().len() > 25_000, "the line is cut into blocks");
    assert!(
        text.blocks()
            .iter()
            .all(|b| b.chars.len() <= newsmark::model::text::MAX_BLOCK_CHARS)
    );
    eprintln!("50 MB single line opened in {elapsed:?}");
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
}

#[test]
fn invalid_utf8_sets_and_binary_files_get_clear_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let bad_set = dir.path().join("bad.json");
    std::fs::write(
        &bad_set,
        b"{\"format\": \"newsmark.annotations\", \"x\": \"caf\xE9\"}",
    )
    .unwrap();
    let error = formats::open_path(&bad_set, None).unwrap_err().to_string();
    assert!(
        error.contains("bad.json") && error.contains("not valid UTF-8"),
        "{error}"
    );
    let binary = dir.path().join("photo.txt");
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    std::fs::write(&binary, &png).unwrap();
    let error = formats::open_path(&binary, None).unwrap_err().to_string();
    assert!(error.contains("binary"), "{error}");
    // A folder, and a file that is not there.
    assert!(formats::open_path(dir.path(), None).is_err());
    assert!(formats::open_path(&dir.path().join("none.txt"), None).is_err());
}

/// Opening a set never follows the paths written in it: `source` is informative only.
#[test]
fn paths_inside_a_set_are_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let mut set = sample_set();
    set.document.source = Some("/definitely/not/here/secret.txt".into());
    let path = dir.path().join("s.json");
    std::fs::write(&path, native::to_json(&set)).unwrap();
    let opened = formats::open_path(&path, None).unwrap();
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.set.text(), set.text());
    assert_eq!(
        opened.set.document.source.as_deref(),
        Some("/definitely/not/here/secret.txt")
    );
    // A source pointing at a real file with other content changes nothing either.
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "something else entirely").unwrap();
    set.document.source = Some(other.display().to_string());
    std::fs::write(&path, native::to_json(&set)).unwrap();
    let opened = formats::open_path(&path, None).unwrap();
    assert_eq!(opened.set.text(), set.text());
}
