//! spaCy `.spacy` files (DocBin), written directly: a zlib-compressed msgpack map holding,
//! per document, a token matrix (ORTH, ENT_IOB, ENT_TYPE as little-endian u64), the spaces
//! after tokens, and the span group `sc` with every span.
//!
//! Tokens come from [`crate::formats::tokens`] with a boundary at every span edge, so each
//! span is whole tokens and `Doc.text` is the article text exactly. `doc.ents` cannot hold
//! overlapping spans: the writer keeps a non-overlapping subset (entity labels first) and
//! reports the others, which stay in `doc.spans["sc"]`. Relations, attributes and notes
//! are not written and are reported.
//!
//! Strings are stored by spaCy's hash (MurmurHash64A of the UTF-8 bytes, seed 1), except
//! spaCy's built-in symbols, which are stored by their fixed ids.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

use crate::formats::registry::{
    CorpusWriter, DocumentExport, ExportOptions, LeftOut, OutFile, attributes_left_out,
    exported_spans, non_overlapping,
};
use crate::formats::spacy_symbols::SYMBOLS;
use crate::formats::tokens::{self, covering_tokens};
use crate::model::set::AnnotationSet;

pub const FILE_NAME: &str = "corpus.spacy";
/// The span group every span goes to (spaCy's spancat default key).
pub const SPAN_GROUP: &str = "sc";

const ORTH: u64 = 65;
const ENT_IOB: u64 = 77;
const ENT_TYPE: u64 = 78;
const IOB_I: u64 = 1;
const IOB_O: u64 = 2;
const IOB_B: u64 = 3;

/// MurmurHash64A, as spaCy's `hash_string` computes it (seed 1).
pub fn murmurhash64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(M);
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        let mut k = u64::from_le_bytes(bytes);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= u64::from(b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// The id spaCy's StringStore gives `text`.
pub fn string_id(text: &str) -> u64 {
    if text.is_empty() {
        return 0;
    }
    match SYMBOLS.binary_search_by(|(s, _)| (*s).cmp(text)) {
        Ok(i) => SYMBOLS[i].1,
        Err(_) => murmurhash64a(text.as_bytes(), 1),
    }
}

/// A minimal msgpack encoder for the values a DocBin holds.
mod msgpack {
    pub fn map_header(out: &mut Vec<u8>, len: usize) {
        if len < 16 {
            out.push(0x80 | len as u8);
        } else {
            out.push(0xde);
            out.extend((len as u16).to_be_bytes());
        }
    }

    pub fn array_header(out: &mut Vec<u8>, len: usize) {
        if len < 16 {
            out.push(0x90 | len as u8);
        } else if len <= usize::from(u16::MAX) {
            out.push(0xdc);
            out.extend((len as u16).to_be_bytes());
        } else {
            out.push(0xdd);
            out.extend((len as u32).to_be_bytes());
        }
    }

    pub fn str(out: &mut Vec<u8>, s: &str) {
        let len = s.len();
        if len < 32 {
            out.push(0xa0 | len as u8);
        } else if len < 256 {
            out.push(0xd9);
            out.push(len as u8);
        } else if len < 65_536 {
            out.push(0xda);
            out.extend((len as u16).to_be_bytes());
        } else {
            out.push(0xdb);
            out.extend((len as u32).to_be_bytes());
        }
        out.extend(s.as_bytes());
    }

    pub fn bin(out: &mut Vec<u8>, bytes: &[u8]) {
        let len = bytes.len();
        if len < 256 {
            out.push(0xc4);
            out.push(len as u8);
        } else if len < 65_536 {
            out.push(0xc5);
            out.extend((len as u16).to_be_bytes());
        } else {
            out.push(0xc6);
            out.extend((len as u32).to_be_bytes());
        }
        out.extend(bytes);
    }

    pub fn uint(out: &mut Vec<u8>, v: u64) {
        if v < 128 {
            out.push(v as u8);
        } else {
            out.push(0xcf);
            out.extend(v.to_be_bytes());
        }
    }

    pub fn bool(out: &mut Vec<u8>, v: bool) {
        out.push(if v { 0xc3 } else { 0xc2 });
    }
}

pub struct Writer {
    options: ExportOptions,
    tokens: Vec<u8>,
    spaces: Vec<u8>,
    lengths: Vec<u8>,
    strings: std::collections::BTreeSet<String>,
    span_groups: Vec<Vec<u8>>,
    documents: usize,
}

impl Writer {
    pub fn new(options: ExportOptions) -> Self {
        Self {
            options,
            tokens: Vec::new(),
            spaces: Vec::new(),
            lengths: Vec::new(),
            strings: std::collections::BTreeSet::new(),
            span_groups: Vec::new(),
            documents: 0,
        }
    }
}

impl CorpusWriter for Writer {
    fn add(&mut self, _name: &str, set: &AnnotationSet) -> DocumentExport {
        let (candidates, mut left_out) = exported_spans(set, &self.options);
        let text = set.text().as_str();
        let forced: Vec<usize> = candidates.iter().flat_map(|s| [s.start, s.end]).collect();
        let tokens = tokens::tokenize(text, &forced);
        let chars: Vec<char> = text.chars().collect();
        let mut aligned = Vec::new();
        for span in &candidates {
            match covering_tokens(&tokens, span.range()) {
                Some(range) => aligned.push((*span, range)),
                None => left_out.push(LeftOut::span(span, "does not align with token boundaries")),
            }
        }
        let aligned_spans: Vec<_> = aligned.iter().map(|(s, _)| *s).collect();
        let (ents, overlapping) = non_overlapping(set, &aligned_spans);
        for span in overlapping {
            left_out.push(LeftOut::span(
                span,
                "overlaps another span, so it is not in doc.ents (it is in doc.spans[\"sc\"])",
            ));
        }
        for relation in set.relations() {
            left_out.push(LeftOut::relation(
                relation,
                "a spaCy DocBin holds no relations",
            ));
        }
        left_out.extend(attributes_left_out(&aligned_spans, "spaCy DocBin"));

        let mut iob = vec![(IOB_O, 0u64); tokens.len()];
        for span in &ents {
            if let Some((_, range)) = aligned.iter().find(|(s, _)| s.id == span.id) {
                self.strings.insert(span.label.clone());
                let label = string_id(&span.label);
                for i in range.clone() {
                    iob[i] = (if i == range.start { IOB_B } else { IOB_I }, label);
                }
            }
        }
        for (token, (iob, label)) in tokens.iter().zip(&iob) {
            let orth: String = chars[token.range()].iter().collect();
            let orth_id = string_id(&orth);
            self.strings.insert(orth);
            for value in [orth_id, *iob, *label] {
                self.tokens.extend(value.to_le_bytes());
            }
            self.spaces.push(u8::from(token.space_after));
        }
        self.lengths.extend((tokens.len() as i32).to_le_bytes());

        // The span group "sc": every aligned span.
        let mut group = Vec::new();
        if aligned.is_empty() {
            self.span_groups.push(Vec::new());
        } else {
            msgpack::map_header(&mut group, 3);
            msgpack::str(&mut group, "name");
            msgpack::str(&mut group, SPAN_GROUP);
            msgpack::str(&mut group, "attrs");
            msgpack::map_header(&mut group, 0);
            msgpack::str(&mut group, "spans");
            msgpack::array_header(&mut group, aligned.len());
            for (span, range) in &aligned {
                self.strings.insert(span.label.clone());
                let mut packed = Vec::with_capacity(40);
                packed.extend(0u64.to_be_bytes());
                packed.extend(0u64.to_be_bytes());
                packed.extend(string_id(&span.label).to_be_bytes());
                for v in [range.start, range.end, span.start, span.end] {
                    packed.extend((v as i32).to_be_bytes());
                }
                msgpack::bin(&mut group, &packed);
            }
            let mut groups = Vec::new();
            msgpack::array_header(&mut groups, 1);
            msgpack::bin(&mut groups, &group);
            self.span_groups.push(groups);
        }
        self.documents += 1;
        DocumentExport {
            files: Vec::new(),
            spans_written: aligned.len(),
            relations_written: 0,
            left_out,
            notes: Vec::new(),
        }
    }

    fn finish(self: Box<Self>) -> Vec<OutFile> {
        let mut msg = Vec::new();
        msgpack::map_header(&mut msg, 9);
        msgpack::str(&mut msg, "version");
        msgpack::str(&mut msg, "0.1");
        msgpack::str(&mut msg, "attrs");
        msgpack::array_header(&mut msg, 3);
        for attr in [ORTH, ENT_IOB, ENT_TYPE] {
            msgpack::uint(&mut msg, attr);
        }
        msgpack::str(&mut msg, "tokens");
        msgpack::bin(&mut msg, &self.tokens);
        msgpack::str(&mut msg, "spaces");
        msgpack::bin(&mut msg, &self.spaces);
        msgpack::str(&mut msg, "lengths");
        msgpack::bin(&mut msg, &self.lengths);
        msgpack::str(&mut msg, "strings");
        msgpack::array_header(&mut msg, self.strings.len());
        for s in &self.strings {
            msgpack::str(&mut msg, s);
        }
        msgpack::str(&mut msg, "cats");
        msgpack::array_header(&mut msg, self.documents);
        for _ in 0..self.documents {
            msgpack::map_header(&mut msg, 0);
        }
        msgpack::str(&mut msg, "flags");
        msgpack::array_header(&mut msg, self.documents);
        for _ in 0..self.documents {
            msgpack::map_header(&mut msg, 1);
            msgpack::str(&mut msg, "has_unknown_spaces");
            msgpack::bool(&mut msg, false);
        }
        msgpack::str(&mut msg, "span_groups");
        msgpack::array_header(&mut msg, self.span_groups.len());
        for group in &self.span_groups {
            msgpack::bin(&mut msg, group);
        }
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        // Writing to a Vec cannot fail.
        let compressed = encoder
            .write_all(&msg)
            .and_then(|()| encoder.finish())
            .unwrap_or_default();
        vec![OutFile::new(FILE_NAME, compressed)]
    }
}

#[cfg(test)]
mod tests {
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
}
