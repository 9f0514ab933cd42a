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
//!
//! [`read`] imports a DocBin made by spaCy (or by the writer): the text from each token's
//! ORTH and trailing space, entities from ENT_IOB / ENT_TYPE, and every span group's spans
//! (their character offsets). Everything else a DocBin can hold (tags, lemmas, dependencies,
//! categories, user data) is not annotation in Newsmark's sense and is named in the report.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

use crate::formats::doccano::ReadDocument;
use crate::formats::import::SetBuilder;
use crate::formats::native::Problem;
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

/// A minimal msgpack decoder for the values a DocBin holds (and any other, to skip them).
mod unpack {
    #[derive(Debug, Clone)]
    pub enum Value {
        Int(i64),
        UInt(u64),
        Str(String),
        Bin(Vec<u8>),
        Array(Vec<Value>),
        Map(Vec<(Value, Value)>),
        /// nil, booleans, floats and extension types: read past, never needed.
        Other,
    }

    impl Value {
        pub fn get(&self, key: &str) -> Option<&Value> {
            match self {
                Value::Map(entries) => entries
                    .iter()
                    .find(|(k, _)| matches!(k, Value::Str(s) if s == key))
                    .map(|(_, v)| v),
                _ => None,
            }
        }

        pub fn as_array(&self) -> Option<&[Value]> {
            match self {
                Value::Array(items) => Some(items),
                _ => None,
            }
        }

        pub fn as_bin(&self) -> Option<&[u8]> {
            match self {
                Value::Bin(bytes) => Some(bytes),
                _ => None,
            }
        }

        pub fn as_str(&self) -> Option<&str> {
            match self {
                Value::Str(s) => Some(s),
                _ => None,
            }
        }

        pub fn as_u64(&self) -> Option<u64> {
            match self {
                Value::UInt(v) => Some(*v),
                Value::Int(v) => u64::try_from(*v).ok(),
                _ => None,
            }
        }
    }

    /// Nesting deeper than this is refused (a DocBin nests three levels).
    const MAX_DEPTH: usize = 64;

    /// Decode one value from the start of `bytes`.
    pub fn parse(bytes: &[u8]) -> Result<Value, String> {
        let mut reader = Reader { bytes, at: 0 };
        reader.value(0)
    }

    struct Reader<'a> {
        bytes: &'a [u8],
        at: usize,
    }

    impl Reader<'_> {
        fn take(&mut self, n: usize) -> Result<&[u8], String> {
            let end = self
                .at
                .checked_add(n)
                .filter(|&end| end <= self.bytes.len())
                .ok_or_else(|| format!("truncated at byte {}", self.at))?;
            let taken = &self.bytes[self.at..end];
            self.at = end;
            Ok(taken)
        }

        fn uint(&mut self, n: usize) -> Result<u64, String> {
            Ok(self
                .take(n)?
                .iter()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
        }

        fn int(&mut self, n: usize) -> Result<i64, String> {
            let v = self.uint(n)?;
            let shift = 64 - 8 * n as u32;
            Ok(((v << shift) as i64) >> shift)
        }

        /// A count of items that each take at least one byte: never more than what is left.
        fn count(&mut self, n: usize) -> Result<usize, String> {
            let count = self.uint(n)? as usize;
            if count > self.bytes.len() - self.at {
                return Err(format!(
                    "a length of {count} items at byte {} is more than the data",
                    self.at
                ));
            }
            Ok(count)
        }

        fn value(&mut self, depth: usize) -> Result<Value, String> {
            if depth > MAX_DEPTH {
                return Err(format!("nested more than {MAX_DEPTH} levels deep"));
            }
            let tag = self.take(1)?[0];
            Ok(match tag {
                0x00..=0x7f => Value::UInt(u64::from(tag)),
                0x80..=0x8f => self.map(usize::from(tag & 0x0f), depth)?,
                0x90..=0x9f => self.array(usize::from(tag & 0x0f), depth)?,
                0xa0..=0xbf => self.str(usize::from(tag & 0x1f))?,
                0xc0 | 0xc2 | 0xc3 => Value::Other,
                0xc4..=0xc6 => {
                    let n = self.uint(1 << (tag - 0xc4))? as usize;
                    Value::Bin(self.take(n)?.to_vec())
                }
                0xc7..=0xc9 => {
                    let n = self.uint(1 << (tag - 0xc7))? as usize;
                    self.take(n + 1)?;
                    Value::Other
                }
                0xca | 0xcb => {
                    self.take(4 << (tag - 0xca))?;
                    Value::Other
                }
                0xcc..=0xcf => Value::UInt(self.uint(1 << (tag - 0xcc))?),
                0xd0..=0xd3 => Value::Int(self.int(1 << (tag - 0xd0))?),
                0xd4..=0xd8 => {
                    self.take((1 << (tag - 0xd4)) + 1)?;
                    Value::Other
                }
                0xd9..=0xdb => {
                    let n = self.uint(1 << (tag - 0xd9))? as usize;
                    self.str(n)?
                }
                0xdc | 0xdd => {
                    let n = self.count(2 << (tag - 0xdc))?;
                    self.array(n, depth)?
                }
                0xde | 0xdf => {
                    let n = self.count(2 << (tag - 0xde))?;
                    self.map(n, depth)?
                }
                0xe0..=0xff => Value::Int(i64::from(tag as i8)),
                0xc1 => return Err(format!("byte {} is not msgpack (0xc1)", self.at - 1)),
            })
        }

        fn str(&mut self, n: usize) -> Result<Value, String> {
            let at = self.at;
            let bytes = self.take(n)?;
            String::from_utf8(bytes.to_vec())
                .map(Value::Str)
                .map_err(|_| format!("a string at byte {at} is not UTF-8"))
        }

        fn array(&mut self, n: usize, depth: usize) -> Result<Value, String> {
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(self.value(depth + 1)?);
            }
            Ok(Value::Array(items))
        }

        fn map(&mut self, n: usize, depth: usize) -> Result<Value, String> {
            let mut entries = Vec::with_capacity(n);
            for _ in 0..n {
                let key = self.value(depth + 1)?;
                let value = self.value(depth + 1)?;
                entries.push((key, value));
            }
            Ok(Value::Map(entries))
        }
    }
}

/// Read a `.spacy` DocBin: one document per Doc. `file` names the input in problems. A file
/// that is not a DocBin gives one problem and no documents.
pub fn read(file: &str, bytes: &[u8]) -> (Vec<ReadDocument>, Vec<Problem>) {
    match read_docbin(file, bytes) {
        Ok(documents) => (documents, Vec::new()),
        Err(reason) => (
            Vec::new(),
            vec![Problem {
                item: file.to_string(),
                message: format!("not a readable spaCy DocBin: {reason}; nothing imported"),
            }],
        ),
    }
}

fn read_docbin(file: &str, bytes: &[u8]) -> Result<Vec<ReadDocument>, String> {
    use std::collections::HashMap;
    use std::io::Read;
    use unpack::Value;

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
    let root = unpack::parse(&msg)?;
    let field = |name: &str| root.get(name).ok_or(format!("it has no {name:?}"));
    let attrs: Vec<u64> = field("attrs")?
        .as_array()
        .ok_or("\"attrs\" is not a list")?
        .iter()
        .map(|a| a.as_u64().ok_or("an attribute id is not a number"))
        .collect::<Result<_, _>>()?;
    let column = |attr: u64| attrs.iter().position(|&a| a == attr);
    let orth = column(ORTH).ok_or("its tokens have no ORTH (the text)")?;
    let (iob, ent_type) = (column(ENT_IOB), column(ENT_TYPE));
    let tokens = field("tokens")?.as_bin().ok_or("\"tokens\" is not bytes")?;
    let spaces = field("spaces")?.as_bin().ok_or("\"spaces\" is not bytes")?;
    let lengths: Vec<usize> = field("lengths")?
        .as_bin()
        .ok_or("\"lengths\" is not bytes")?
        .chunks_exact(4)
        .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]).max(0) as usize)
        .collect();
    let total: usize = lengths.iter().sum();
    let row = attrs.len() * 8;
    if tokens.len() != total * row || spaces.len() != total {
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
    for s in field("strings")?
        .as_array()
        .ok_or("\"strings\" is not a list")?
    {
        if let Some(s) = s.as_str() {
            strings.insert(string_id(s), s.to_string());
        }
    }
    let string = |id: u64| strings.get(&id).map(String::as_str);
    let cell = |token: usize, col: usize| {
        let at = token * row + col * 8;
        u64::from_le_bytes(tokens[at..at + 8].try_into().unwrap_or([0; 8]))
    };
    let span_groups = root.get("span_groups").and_then(Value::as_array);
    let has_cats = root.get("cats").and_then(Value::as_array).is_some_and(|c| {
        c.iter()
            .any(|m| matches!(m, Value::Map(e) if !e.is_empty()))
    });

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
                format!(
                    "{unknown_orth} tokens have a text not in the file's strings; written as U+FFFD"
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
                            &format!("entity at tokens {start}..{end}"),
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
        let mut repeated = 0;
        let groups = span_groups
            .and_then(|g| g.get(n))
            .and_then(Value::as_bin)
            .filter(|b| !b.is_empty());
        if let Some(groups) = groups {
            let groups = unpack::parse(groups)
                .map_err(|e| format!("the span groups of doc {} are unreadable ({e})", n + 1))?;
            // A list of packed groups (spaCy before 3.4, and this writer), or a map from each
            // packed group to the keys it is stored under (spaCy 3.4 on).
            let packed_groups: Vec<(Option<&[u8]>, Option<&str>)> = match &groups {
                Value::Array(items) => items.iter().map(|g| (g.as_bin(), None)).collect(),
                Value::Map(entries) => entries
                    .iter()
                    .map(|(g, keys)| {
                        let key = keys
                            .as_array()
                            .and_then(|k| k.first())
                            .and_then(Value::as_str);
                        (g.as_bin(), key)
                    })
                    .collect(),
                _ => Vec::new(),
            };
            for (packed, key) in packed_groups {
                let Some(group) = packed.and_then(|b| unpack::parse(b).ok()) else {
                    builder.problem("", "a span group is unreadable; left out".into());
                    continue;
                };
                let name = key
                    .or(group.get("name").and_then(Value::as_str))
                    .unwrap_or("?")
                    .to_string();
                for (k, packed) in group
                    .get("spans")
                    .and_then(Value::as_array)
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    let item = format!("span group {name:?} span {k}");
                    let Some(packed) = packed.as_bin().filter(|p| p.len() == 40) else {
                        builder.problem(&item, "is not a packed span; left out".into());
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
                            format!("has negative offsets {start}..{end}; left out"),
                        );
                        continue;
                    };
                    match string(label) {
                        Some(label) if !added.insert((label.to_string(), start..end)) => {
                            repeated += 1
                        }
                        Some(label) => {
                            builder.add_span(&item, label, start, end, None);
                        }
                        None => builder.problem(
                            &item,
                            format!(
                                "its label (hash {label}) is not in the file's strings; left out"
                            ),
                        ),
                    }
                }
            }
        }
        if repeated > 0 {
            builder.problem(
                "",
                format!("{repeated} span-group spans repeat an entity (same label and offsets); each kept once"),
            );
        }
        if has_cats {
            builder.problem("", "document categories (doc.cats) are not imported".into());
        }
        let (set, problems) = builder.finish();
        documents.push(ReadDocument {
            name: Some(format!("doc-{:04}", n + 1)),
            set,
            problems,
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
        // Entities were also in the span group: each kept once, and said so.
        assert!(
            documents[0]
                .problems
                .iter()
                .any(|p| p.message.contains("repeat an entity")),
            "{:?}",
            documents[0].problems
        );
        assert_eq!(documents[1].set.text().as_str(), "Nothing to see.");
        assert_eq!(documents[1].set.span_count(), 0);
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
            problems[0].message.contains("more than the data"),
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
}
