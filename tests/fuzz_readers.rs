//! Hostile input for every reader: property tests with random and mutated bytes (no panic,
//! bounded time), and the named monsters of issue #6 (a 2 GB file, a 50 MB line, JSON nested
//! 100,000 deep, invalid UTF-8, a binary file).
//!
//! `PROPTEST_CASES=100000 cargo test --release --no-default-features --test fuzz_readers`
//! is the long run reported in docs/RELIABILITY.md; the default (256 cases per property) runs
//! in CI with the other tests.

#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed check

use std::time::{Duration, Instant};

use proptest::prelude::*;

use newsmark::formats::{self, native, plaintext};
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

fn seeds() -> Vec<Vec<u8>> {
    vec![
        sample_docbin_msgpack(),
        native::to_json(&sample_set()).into_bytes(),
        newsmark::model::schema::DEFAULT_SCHEMA_JSON
            .as_bytes()
            .to_vec(),
        sample_journal(),
        br#"{"recent_files":["/tmp/a.json"],"font_size":14.0,"dark_mode":true}"#.to_vec(),
        "Ana said “hi”\r\nZürich\n".as_bytes().to_vec(),
    ]
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
    let _ = newsmark::formats::spacy::read("fuzz", bytes);
    let _ = newsmark::formats::spacy::read("fuzz", &zlib(bytes));
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
