//! spaCy `.spacy` files (DocBin): a zlib-compressed msgpack map (encoded and decoded with
//! rmp-serde from the typed structs below) holding,
//! per document, a token matrix (ORTH, ENT_IOB, ENT_TYPE as little-endian u64), the spaces
//! after tokens, and the span group `sc` with every span.
//!
//! Tokens come from [`crate::formats::tokens`] with a boundary at every span edge, so each
//! span is whole tokens and `Doc.text` is the article text exactly. `doc.ents` cannot hold
//! overlapping spans: the writer keeps a non-overlapping subset (entity labels first) and
//! reports the others, which stay in `doc.spans["sc"]`. Relations are not written and are
//! reported; document labels are the Docs' `doc.cats`; span attributes and notes are in the
//! Doc's user data (`doc.user_data["newsmark_spans"]`, below).
//!
//! Strings are stored by spaCy's hash (MurmurHash64A of the UTF-8 bytes, seed 1), except
//! spaCy's built-in symbols, which are stored by their fixed ids.
//!
//! [`read`] imports a DocBin made by spaCy (or by the writer): the text from each token's
//! ORTH and trailing space, entities from ENT_IOB / ENT_TYPE, and every span group's spans
//! (their character offsets), and each Doc's categories (`doc.cats`) as document labels: a
//! score of 1 or 0 is a flag's true or false, any other score is kept as a number, and a
//! category the schema lacks is added to it as a flag. The writer writes the document labels
//! that are flags or numbers as `doc.cats` the same way, and the others (text, a choice) in
//! `doc.user_data["newsmark_document_labels"]`, so a round trip keeps every one. Everything
//! else a DocBin can hold (tags, lemmas, dependencies, other user data) is not annotation in
//! Newsmark's sense and is named in the report. The user data Newsmark writes and reads is
//! each Doc's document name (`doc.user_data["newsmark_document"]`), so that a round trip
//! keeps the names, those document labels, and the attributes and note of each span that has
//! any: `doc.user_data["newsmark_spans"]`, a list of `{"label", "start", "end", "attributes",
//! "note"}` (character offsets, the span's key in `doc.spans["sc"]`), which the reader puts
//! back on the span with that label and offsets.

use std::collections::BTreeMap;
use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_bytes::{ByteBuf, Bytes};

use crate::formats::read::{Outcome, Problem, ReadDocument, SetBuilder};
use crate::formats::registry::{
    CorpusWriter, DocumentExport, ExportOptions, LeftOut, OutFile, exported_spans, non_overlapping,
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

/// The DocBin as spaCy's `DocBin.to_bytes` writes it (msgpack map, before zlib).
#[derive(Serialize)]
struct DocBinOut<'a> {
    version: &'static str,
    attrs: [u64; 3],
    tokens: &'a Bytes,
    spaces: &'a Bytes,
    lengths: &'a Bytes,
    strings: &'a std::collections::BTreeSet<String>,
    cats: Vec<BTreeMap<String, f64>>,
    flags: Vec<Flags>,
    span_groups: Vec<&'a Bytes>,
    /// Per Doc, its packed `doc.user_data`: the document's name under [`NAME_KEY`] and the
    /// document labels that are not scores under [`LABELS_KEY`], so that a round trip keeps
    /// them (spaCy reads them with `DocBin(store_user_data=True)`).
    user_data: Vec<ByteBuf>,
}

/// The `doc.user_data` key that holds a document's name in a DocBin Newsmark writes.
pub const NAME_KEY: &str = "newsmark_document";

/// The `doc.user_data` key that holds the document labels `doc.cats` cannot (text, choices).
pub const LABELS_KEY: &str = "newsmark_document_labels";

/// The `doc.user_data` key that holds the attributes and notes of the Doc's spans.
pub const SPANS_KEY: &str = "newsmark_spans";

/// A Doc's `user_data` as far as Newsmark reads it.
#[derive(Deserialize)]
struct UserDataIn {
    newsmark_document: Option<String>,
    #[serde(default)]
    newsmark_document_labels: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    newsmark_spans: Vec<SpanDataIn>,
}

/// A span's attributes and note, keyed by its label and character offsets.
#[derive(Deserialize)]
struct SpanDataIn {
    label: String,
    start: usize,
    end: usize,
    #[serde(default)]
    attributes: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    note: Option<String>,
}

/// A Doc's `user_data` as Newsmark writes it.
#[derive(Serialize)]
struct UserDataOut<'a> {
    newsmark_document: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    newsmark_document_labels: BTreeMap<&'a str, &'a serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    newsmark_spans: Vec<SpanDataOut<'a>>,
}

/// [`SpanDataIn`] as written.
#[derive(Serialize)]
struct SpanDataOut<'a> {
    label: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: &'a BTreeMap<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Flags {
    has_unknown_spaces: bool,
}

/// One span group as spaCy's `SpanGroup.to_bytes` writes it.
#[derive(Serialize)]
struct SpanGroupOut<'a> {
    name: &'a str,
    attrs: BTreeMap<String, String>,
    spans: Vec<ByteBuf>,
}

/// What the reader takes from a DocBin; everything else in the map is skipped unread.
#[derive(Deserialize)]
struct DocBinIn {
    attrs: Vec<u64>,
    tokens: ByteBuf,
    spaces: ByteBuf,
    lengths: ByteBuf,
    strings: Vec<String>,
    #[serde(default)]
    cats: Vec<BTreeMap<String, CatIn>>,
    #[serde(default)]
    span_groups: Vec<ByteBuf>,
    #[serde(default)]
    user_data: Vec<ByteBuf>,
}

/// One value of `doc.cats`: spaCy writes a float score; an integer or a boolean is read as
/// one, anything else is reported.
#[derive(Deserialize)]
#[serde(untagged)]
enum CatIn {
    Score(f64),
    Whole(i64),
    Yes(bool),
    Other(IgnoredAny),
}

/// A category's score as a document label's value: 1 and 0 are the flag's true and false
/// (so that a flag goes out and comes back as itself), any other score is kept as a number.
fn cat_value(score: f64) -> serde_json::Value {
    if score == 1.0 {
        serde_json::Value::Bool(true)
    } else if score == 0.0 {
        serde_json::Value::Bool(false)
    } else {
        serde_json::Number::from_f64(score).map_or(serde_json::Value::Null, Into::into)
    }
}

/// A document label's value as a `doc.cats` score: a flag is 1 or 0, a number is itself;
/// `None` for a value with no place in a score (text, a choice).
fn cat_score(value: &serde_json::Value) -> Option<f64> {
    match value {
        serde_json::Value::Bool(yes) => Some(if *yes { 1.0 } else { 0.0 }),
        serde_json::Value::Number(number) => number.as_f64(),
        _ => None,
    }
}

/// A document's span groups: a list of packed groups (spaCy before 3.4, and this writer), or
/// a map from each packed group to the keys it is stored under (spaCy 3.4 on).
#[derive(Deserialize)]
#[serde(untagged)]
enum SpanGroupsIn {
    List(Vec<ByteBuf>),
    Map(BTreeMap<ByteBuf, Vec<String>>),
}

#[derive(Deserialize)]
struct SpanGroupIn {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    spans: Vec<ByteBuf>,
}

/// Decode msgpack from a byte slice with rmp-serde: lengths are checked against the bytes
/// left and nesting is limited, so hostile input fails with a message, never a panic.
fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    let mut deserializer = rmp_serde::Deserializer::from_read_ref(bytes);
    // A DocBin nests three levels; rmp-serde's default allows 1024.
    deserializer.set_max_depth(16);
    T::deserialize(&mut deserializer).map_err(|e| {
        let message = e.to_string();
        if message.contains("failed to fill whole buffer") {
            // A length beyond the data, or a cut file: nothing was allocated for it.
            "it ends in the middle of a value (cut short, or a length beyond the data)".to_string()
        } else {
            message
        }
    })
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising plain structs, maps and byte strings into a Vec cannot fail.
    rmp_serde::to_vec_named(value).unwrap_or_default()
}

/// Read a `.spacy` DocBin: one document per Doc. `file` names the input in problems. A file
/// that is not a DocBin gives one problem and no documents.
pub fn read(file: &str, bytes: &[u8]) -> (Vec<ReadDocument>, Vec<Problem>) {
    match read_docbin(file, bytes) {
        Ok(documents) => (documents, Vec::new()),
        Err(reason) => (
            Vec::new(),
            vec![Problem {
                outcome: Outcome::LeftOut,
                item: file.to_string(),
                message: format!("not a readable spaCy DocBin: {reason}; nothing imported"),
            }],
        ),
    }
}

fn read_docbin(file: &str, bytes: &[u8]) -> Result<Vec<ReadDocument>, String> {
    use std::collections::HashMap;
    use std::io::Read;

    let mut msg = Vec::new();
    flate2::read::ZlibDecoder::new(bytes)
        .take(crate::storage::MAX_FILE_BYTES + 1)
        .read_to_end(&mut msg)
        .map_err(|e| format!("it is not zlib-compressed ({e})"))?;
    if msg.len() as u64 > crate::storage::MAX_FILE_BYTES {
        return Err(format!(
            "it unpacks to more than {} bytes",
            crate::storage::MAX_FILE_BYTES
        ));
    }
    let root: DocBinIn = decode(&msg)?;
    let attrs = root.attrs;
    let column = |attr: u64| attrs.iter().position(|&a| a == attr);
    let orth = column(ORTH).ok_or("its tokens have no ORTH (the text)")?;
    let (iob, ent_type) = (column(ENT_IOB), column(ENT_TYPE));
    let tokens: &[u8] = &root.tokens;
    let spaces: &[u8] = &root.spaces;
    let lengths: Vec<usize> = root
        .lengths
        .chunks_exact(4)
        .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]).max(0) as usize)
        .collect();
    let total = lengths
        .iter()
        .try_fold(0usize, |sum, &n| sum.checked_add(n))
        .ok_or("its document lengths overflow")?;
    let row = attrs.len() * 8;
    if total.checked_mul(row) != Some(tokens.len()) || spaces.len() != total {
        return Err(format!(
            "its token table ({} bytes) and spaces ({}) do not fit {total} tokens",
            tokens.len(),
            spaces.len()
        ));
    }
    let mut strings: HashMap<u64, String> = SYMBOLS
        .iter()
        .map(|(s, id)| (*id, (*s).to_string()))
        .collect();
    for s in root.strings {
        strings.insert(string_id(&s), s);
    }
    let string = |id: u64| strings.get(&id).map(String::as_str);
    let cell = |token: usize, col: usize| {
        let at = token * row + col * 8;
        u64::from_le_bytes(tokens[at..at + 8].try_into().unwrap_or([0; 8]))
    };
    let span_groups = root.span_groups;

    let mut documents = Vec::with_capacity(lengths.len());
    let mut first_token = 0;
    for (n, &length) in lengths.iter().enumerate() {
        let origin = format!("{file} doc {}", n + 1);
        let tokens_of_doc = first_token..first_token + length;
        first_token += length;
        // The text, and each token's character range in it.
        let mut text = String::new();
        let mut chars = 0;
        let mut ranges = Vec::with_capacity(length);
        let mut unknown_orth = 0;
        for t in tokens_of_doc.clone() {
            let word = match string(cell(t, orth)) {
                Some(word) => word,
                None => {
                    unknown_orth += 1;
                    "\u{fffd}"
                }
            };
            let len = word.chars().count();
            ranges.push(chars..chars + len);
            text.push_str(word);
            chars += len;
            if spaces[t] != 0 {
                text.push(' ');
                chars += 1;
            }
        }
        let mut builder = SetBuilder::new(&text, &origin);
        builder.set_mut_document().source = Some(format!("{file} (doc {})", n + 1));
        if unknown_orth > 0 {
            builder.problem(
                "",
                Outcome::Repaired,
                format!(
                    "{} a text not in the file's strings; written as U+FFFD",
                    crate::formats::visible::count(unknown_orth, "token has", "tokens have")
                ),
            );
        }
        let mut added = std::collections::HashSet::new();
        // Entities: B starts, I continues, O or missing ends.
        if let (Some(iob), Some(ent_type)) = (iob, ent_type) {
            let mut open: Option<(usize, u64)> = None;
            let mut close =
                |builder: &mut SetBuilder, open: &mut Option<(usize, u64)>, end: usize| {
                    if let Some((start, label)) = open.take() {
                        let range = ranges[start].start..ranges[end - 1].end;
                        match string(label) {
                        Some(name) => {
                            if added.insert((name.to_string(), range.clone())) {
                                builder.add_span(
                                    &format!("entity at tokens {start}..{end}"),
                                    name,
                                    range.start,
                                    range.end,
                                    None,
                                );
                            }
                        }
                        None => builder.problem(
                            &format!("entity at tokens {start}..{end}"), Outcome::LeftOut,
                            format!(
                                "its label (hash {label}) is not in the file's strings; left out"
                            ),
                        ),
                    }
                    }
                };
            for (i, t) in tokens_of_doc.clone().enumerate() {
                let (tag, label) = (cell(t, iob), cell(t, ent_type));
                match tag {
                    IOB_B => {
                        close(&mut builder, &mut open, i);
                        open = Some((i, label));
                    }
                    IOB_I if open.is_some_and(|(_, l)| l == label) => {}
                    IOB_I => {
                        // An I without a B before it (IOB1 style) starts an entity.
                        close(&mut builder, &mut open, i);
                        open = Some((i, label));
                    }
                    _ => close(&mut builder, &mut open, i),
                }
            }
            close(&mut builder, &mut open, length);
        }
        // Span groups: every span of every group, by its character offsets.
        let groups = span_groups.get(n).filter(|b| !b.is_empty());
        if let Some(groups) = groups {
            let groups: SpanGroupsIn = decode(groups)
                .map_err(|e| format!("the span groups of doc {} are unreadable ({e})", n + 1))?;
            let packed_groups: Vec<(&[u8], Option<&str>)> = match &groups {
                SpanGroupsIn::List(items) => items.iter().map(|g| (g.as_slice(), None)).collect(),
                SpanGroupsIn::Map(entries) => entries
                    .iter()
                    .map(|(g, keys)| (g.as_slice(), keys.first().map(String::as_str)))
                    .collect(),
            };
            for (packed, key) in packed_groups {
                let Ok(group) = decode::<SpanGroupIn>(packed) else {
                    builder.problem(
                        "",
                        Outcome::LeftOut,
                        "a span group is unreadable; left out".into(),
                    );
                    continue;
                };
                let name = key.or(group.name.as_deref()).unwrap_or("?").to_string();
                for (k, packed) in group.spans.iter().enumerate() {
                    let item = format!("span group {name:?} span {k}");
                    let Some(packed) = Some(packed.as_slice()).filter(|p| p.len() == 40) else {
                        builder.problem(
                            &item,
                            Outcome::LeftOut,
                            "is not a packed span; left out".into(),
                        );
                        continue;
                    };
                    let word = |at: usize| {
                        u64::from_be_bytes(packed[at..at + 8].try_into().unwrap_or([0; 8]))
                    };
                    let int = |at: usize| {
                        i32::from_be_bytes(packed[at..at + 4].try_into().unwrap_or([0; 4]))
                    };
                    let (label, start, end) = (word(16), int(32), int(36));
                    let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end))
                    else {
                        builder.problem(
                            &item,
                            Outcome::LeftOut,
                            format!("has negative offsets {start}..{end}; left out"),
                        );
                        continue;
                    };
                    match string(label) {
                        // The same span in doc.ents and a span group (as Newsmark writes
                        // them, and spaCy pipelines with both NER and a span categorizer):
                        // one span, and nothing to report.
                        Some(label) if !added.insert((label.to_string(), start..end)) => {}
                        Some(label) => {
                            builder.add_span(&item, label, start, end, None);
                        }
                        None => builder.problem(
                            &item,
                            Outcome::LeftOut,
                            format!(
                                "its label (hash {label}) is not in the file's strings; left out"
                            ),
                        ),
                    }
                }
            }
        }
        // Each Doc's own categories, as document labels (a score of 1 or 0 as a flag's
        // true or false).
        for (name, value) in root.cats.get(n).into_iter().flatten() {
            let item = format!("doc.cats[{name:?}]");
            let score = match value {
                CatIn::Score(score) if score.is_finite() => *score,
                CatIn::Whole(whole) => *whole as f64,
                CatIn::Yes(yes) => f64::from(u8::from(*yes)),
                CatIn::Score(_) | CatIn::Other(_) => {
                    builder.problem(
                        &item,
                        Outcome::LeftOut,
                        "is not a score (a number); left out".into(),
                    );
                    continue;
                }
            };
            builder.set_document_label(&item, name, cat_value(score));
        }
        // The name and the document labels other than scores a Newsmark export kept in the
        // Doc's user data; other DocBins name none (the import then names the documents after
        // the file). User data of other shapes (spaCy allows tuple keys) is not Newsmark's
        // and is passed over.
        let user_data = root
            .user_data
            .get(n)
            .and_then(|packed| decode::<UserDataIn>(packed).ok());
        let name = user_data
            .as_ref()
            .and_then(|data| data.newsmark_document.clone());
        let (labels, span_data) = user_data
            .map(|data| (data.newsmark_document_labels, data.newsmark_spans))
            .unwrap_or_default();
        for (label, value) in labels {
            let item = format!("doc.user_data[{LABELS_KEY:?}][{label:?}]");
            builder.set_document_label(&item, &label, value);
        }
        // Each span's attributes and note, back on the span with that label and offsets.
        for (k, data) in span_data.into_iter().enumerate() {
            let item = format!("doc.user_data[{SPANS_KEY:?}][{k}]");
            let found = (data.start <= data.end)
                .then(|| builder.set().find_same(&data.label, data.start..data.end))
                .flatten();
            let Some(id) = found else {
                builder.problem(
                    &item,
                    Outcome::LeftOut,
                    format!(
                        "names span {} {}..{}, which is not in the Doc's spans: its attributes and note are left out",
                        data.label, data.start, data.end
                    ),
                );
                continue;
            };
            builder.update_span(id, |span| {
                span.attributes.extend(data.attributes);
                if data.note.is_some() {
                    span.note = data.note;
                }
            });
        }
        let (set, problems) = builder.finish();
        documents.push(ReadDocument {
            name,
            set,
            problems,
            notes: Vec::new(),
        });
    }
    Ok(documents)
}

pub struct Writer {
    options: ExportOptions,
    tokens: Vec<u8>,
    spaces: Vec<u8>,
    lengths: Vec<u8>,
    strings: std::collections::BTreeSet<String>,
    span_groups: Vec<ByteBuf>,
    user_data: Vec<ByteBuf>,
    cats: Vec<BTreeMap<String, f64>>,
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
            user_data: Vec::new(),
            cats: Vec::new(),
            documents: 0,
        }
    }
}

impl CorpusWriter for Writer {
    fn add(&mut self, name: &str, set: &AnnotationSet) -> DocumentExport {
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
                "overlaps another span, so it is only in doc.spans[\"sc\"], not in doc.ents",
            ));
        }
        for relation in set.relations() {
            left_out.push(LeftOut::relation(
                relation,
                "a spaCy DocBin holds no relations",
            ));
        }
        // Attributes and notes go in the Doc's user data, by label and offsets.
        let span_data: Vec<SpanDataOut> = aligned_spans
            .iter()
            .filter(|s| !s.attributes.is_empty() || s.note.is_some())
            .map(|s| SpanDataOut {
                label: &s.label,
                start: s.start,
                end: s.end,
                attributes: &s.attributes,
                note: s.note.as_deref(),
            })
            .collect();
        // Document labels that are flags or scores are the Doc's categories; the others (text,
        // choices) go in its user data beside its name.
        let mut cats = BTreeMap::new();
        let mut other_labels = BTreeMap::new();
        for (label, value) in &set.document_labels {
            match cat_score(value) {
                Some(score) => {
                    cats.insert(label.clone(), score);
                }
                None => {
                    other_labels.insert(label.as_str(), value);
                }
            }
        }
        self.cats.push(cats);

        let mut iob = vec![(IOB_O, 0u64); tokens.len()];
        let token_range: std::collections::HashMap<_, _> =
            aligned.iter().map(|(s, r)| (s.id, r.clone())).collect();
        for span in &ents {
            if let Some(range) = token_range.get(&span.id) {
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
        if aligned.is_empty() {
            self.span_groups.push(ByteBuf::new());
        } else {
            let mut group = SpanGroupOut {
                name: SPAN_GROUP,
                attrs: BTreeMap::new(),
                spans: Vec::with_capacity(aligned.len()),
            };
            for (span, range) in &aligned {
                self.strings.insert(span.label.clone());
                let mut packed = Vec::with_capacity(40);
                packed.extend(0u64.to_be_bytes());
                packed.extend(0u64.to_be_bytes());
                packed.extend(string_id(&span.label).to_be_bytes());
                for v in [range.start, range.end, span.start, span.end] {
                    packed.extend((v as i32).to_be_bytes());
                }
                group.spans.push(ByteBuf::from(packed));
            }
            let groups = [ByteBuf::from(encode(&group))];
            self.span_groups.push(ByteBuf::from(encode(&groups)));
        }
        self.user_data.push(ByteBuf::from(encode(&UserDataOut {
            newsmark_document: name,
            newsmark_document_labels: other_labels,
            newsmark_spans: span_data,
        })));
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
        let msg = encode(&DocBinOut {
            version: "0.1",
            attrs: [ORTH, ENT_IOB, ENT_TYPE],
            tokens: Bytes::new(&self.tokens),
            spaces: Bytes::new(&self.spaces),
            lengths: Bytes::new(&self.lengths),
            strings: &self.strings,
            cats: self.cats,
            flags: (0..self.documents)
                .map(|_| Flags {
                    has_unknown_spaces: false,
                })
                .collect(),
            span_groups: self.span_groups.iter().map(|g| Bytes::new(g)).collect(),
            user_data: self.user_data,
        });
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
#[path = "spacy_tests.rs"]
mod tests;
