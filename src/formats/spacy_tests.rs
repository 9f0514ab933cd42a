//! Tests of the spaCy DocBin reader and writer (`spacy.rs`).

use super::*;
use crate::formats::registry::fixtures;

#[test]
fn hashes_match_spacy() {
    // Values from spaCy 3.8: nlp.vocab.strings["hello"], symbol PERSON.
    assert_eq!(string_id("hello"), 5_983_625_672_228_268_878);
    assert_eq!(string_id("PERSON"), 380);
    assert_eq!(string_id(""), 0);
}

#[test]
fn a_written_docbin_reads_back_with_the_same_text_and_spans() {
    let set = fixtures::sample();
    let mut writer: Box<dyn CorpusWriter> = Box::new(Writer::new(ExportOptions::default()));
    let report = writer.add("fixture", &set);
    let empty = AnnotationSet::new(
        crate::model::set::Document::new("Nothing to see."),
        Default::default(),
    );
    writer.add("empty", &empty);
    let bytes = writer.finish().remove(0).bytes;
    let (documents, problems) = read("corpus.spacy", &bytes);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(documents.len(), 2);
    let read_back = &documents[0].set;
    assert_eq!(read_back.text().as_str(), set.text().as_str());
    let spans = |set: &AnnotationSet| {
        let mut spans: Vec<(String, usize, usize)> = set
            .spans_ordered()
            .map(|s| (s.label.clone(), s.start, s.end))
            .collect();
        spans.sort();
        spans
    };
    assert_eq!(spans(read_back).len(), report.spans_written);
    let written: Vec<_> = spans(&set)
        .into_iter()
        .filter(|s| spans(read_back).contains(s))
        .collect();
    assert_eq!(
        written.len(),
        report.spans_written,
        "every written span comes back"
    );
    // Entities were also in the span group: each kept once, and a file Newsmark wrote reads
    // back with no problem.
    assert!(
        documents[0].problems.is_empty(),
        "{:?}",
        documents[0].problems
    );
    assert_eq!(documents[1].set.text().as_str(), "Nothing to see.");
    assert_eq!(documents[1].set.span_count(), 0);
    // The documents' names come back from the Docs' user data.
    let names: Vec<_> = documents.iter().map(|d| d.name.as_deref()).collect();
    assert_eq!(names, [Some("fixture"), Some("empty")]);
}

#[test]
fn damaged_docbins_are_reported_not_panicked_on() {
    let set = fixtures::sample();
    let mut writer: Box<dyn CorpusWriter> = Box::new(Writer::new(ExportOptions::default()));
    writer.add("fixture", &set);
    let bytes = writer.finish().remove(0).bytes;
    let mut msg = Vec::new();
    use std::io::Read;
    flate2::read::ZlibDecoder::new(&bytes[..])
        .read_to_end(&mut msg)
        .unwrap();
    let compress = |msg: &[u8]| {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(msg).unwrap();
        encoder.finish().unwrap()
    };
    // Not zlib; zlib of garbage; every truncation of the message.
    for bad in [b"not a docbin".to_vec(), compress(b"\xc1\xc1")] {
        let (documents, problems) = read("bad.spacy", &bad);
        assert!(documents.is_empty());
        assert!(problems[0].message.contains("not a readable spaCy DocBin"));
    }
    for cut in (0..msg.len()).step_by(7) {
        let (documents, problems) = read("cut.spacy", &compress(&msg[..cut]));
        assert!(documents.is_empty() && problems.len() == 1, "cut at {cut}");
    }
    // A length prefix far beyond the data is refused before anything is allocated.
    let (documents, problems) = read("huge.spacy", &compress(&[0xdd, 0xff, 0xff, 0xff, 0xff]));
    assert!(documents.is_empty());
    assert!(
        problems[0].message.contains("a length beyond the data"),
        "{problems:?}"
    );
}

#[test]
fn writes_a_compressed_docbin_and_reports_overlaps() {
    let set = fixtures::sample();
    let mut writer: Box<dyn CorpusWriter> = Box::new(Writer::new(ExportOptions::default()));
    let report = writer.add("fixture", &set);
    let files = writer.finish();
    assert_eq!(files[0].path, std::path::PathBuf::from(FILE_NAME));
    assert_eq!(files[0].bytes[0], 0x78); // zlib header
    assert_eq!(report.spans_written, 7);
    let overlaps = report
        .left_out
        .iter()
        .filter(|l| l.reason.contains("doc.ents"))
        .count();
    assert_eq!(overlaps, 2, "{:?}", report.left_out);
}
