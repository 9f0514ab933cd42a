//! Plain article files (.txt, .md): bytes to text, with the encoding named.
//!
//! UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM are decoded exactly; the BOM is an
//! encoding mark, not text, and is not kept. Text that is not valid UTF-8 is in a legacy
//! encoding: it is guessed with `chardetng` (Windows-1252 and the other Windows code pages,
//! ISO-8859-x, KOI8-R, GBK/GB18030, Big5, Shift_JIS, EUC-KR, ...) and decoded with
//! `encoding_rs`; the guess and how sure it is are returned so the window can show them, and
//! [`decode_as`] decodes with the encoding the user chooses instead. Binary files are refused.

use encoding_rs::Encoding;

/// How sure the decoder is of the encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confidence {
    /// A byte order mark, or valid UTF-8 (which legacy text practically never is).
    Certain,
    /// A guess that decoded cleanly with enough non-ASCII text to go on.
    High,
    /// A guess from little evidence, or one that needed replacement characters: ask the user.
    Low,
    /// The user chose the encoding.
    Chosen,
}

/// Decoded article text and the encoding it came in.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `"UTF-8"`, `"UTF-8 (BOM)"`, `"UTF-16LE"`, `"UTF-16BE"` or an encoding_rs name
    /// (`"windows-1252"`, `"KOI8-R"`, `"Shift_JIS"`, ...).
    pub encoding: &'static str,
    pub confidence: Confidence,
    /// Some bytes were malformed in that encoding and became U+FFFD.
    pub replaced: bool,
}

/// What the window shows about a decoded article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeInfo {
    pub encoding: &'static str,
    pub confidence: Confidence,
    pub replaced: bool,
}

impl Decoded {
    pub fn info(&self) -> DecodeInfo {
        DecodeInfo {
            encoding: self.encoding,
            confidence: self.confidence,
            replaced: self.replaced,
        }
    }
}

/// Encodings the user can pick from when the guess is wrong (encoding_rs names).
pub const CHOOSABLE_ENCODINGS: &[&str] = &[
    "UTF-8",
    "UTF-16LE",
    "UTF-16BE",
    "windows-1252",
    "ISO-8859-1",
    "ISO-8859-2",
    "ISO-8859-5",
    "ISO-8859-7",
    "ISO-8859-15",
    "windows-1250",
    "windows-1251",
    "windows-1253",
    "windows-1254",
    "windows-1256",
    "KOI8-R",
    "KOI8-U",
    "GBK",
    "gb18030",
    "Big5",
    "Shift_JIS",
    "EUC-JP",
    "EUC-KR",
];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("it looks like a binary file, not text (a zero byte at byte {0})")]
    Binary(usize),
    #[error("it looks like a binary file, not text (mostly control bytes)")]
    MostlyControl,
    #[error(
        "it is not valid UTF-8 text (bad byte at line {line}, column {column}); save it as UTF-8 or UTF-16 with a BOM"
    )]
    NotUtf8 { line: usize, column: usize },
    #[error("it is not valid UTF-16 text ({0})")]
    BadUtf16(&'static str),
    #[error("{0:?} is not an encoding Newsmark knows")]
    UnknownEncoding(String),
}

/// Only Unicode: a BOM-marked UTF-8/UTF-16 text or plain UTF-8. For annotation sets and
/// schemas, which are always UTF-8 JSON: nothing is guessed.
pub fn decode_unicode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(decoded) = decode_bom(bytes)? {
        return Ok(decoded);
    }
    utf8(bytes).map(|text| certain(text, "UTF-8"))
}

/// Decode an article: Unicode as in [`decode_unicode`], else a guessed legacy encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(decoded) = decode_bom(bytes)? {
        return Ok(decoded);
    }
    match utf8(bytes) {
        Ok(text) => Ok(certain(text, "UTF-8")),
        Err(DecodeError::NotUtf8 { .. }) => decode_legacy(bytes),
        Err(other) => Err(other),
    }
}

/// Decode with the encoding the user chose (an encoding_rs label such as `"KOI8-R"`). A BOM
/// of that encoding is skipped; malformed bytes become U+FFFD and set `replaced`.
pub fn decode_as(bytes: &[u8], encoding_name: &str) -> Result<Decoded, DecodeError> {
    let encoding = Encoding::for_label(encoding_name.trim().as_bytes())
        .ok_or_else(|| DecodeError::UnknownEncoding(encoding_name.to_string()))?;
    check_binary(bytes, encoding)?;
    let (text, replaced) = match Encoding::for_bom(bytes) {
        Some((bom_encoding, length)) if bom_encoding == encoding => {
            encoding.decode_without_bom_handling(&bytes[length..])
        }
        _ => encoding.decode_without_bom_handling(bytes),
    };
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        confidence: Confidence::Chosen,
        replaced,
    })
}

fn certain(text: String, encoding: &'static str) -> Decoded {
    Decoded {
        text,
        encoding,
        confidence: Confidence::Certain,
        replaced: false,
    }
}

fn decode_bom(bytes: &[u8]) -> Result<Option<Decoded>, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(|text| Some(certain(text, "UTF-8 (BOM)")));
    }
    for (bom, encoding, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            if rest.len() % 2 != 0 {
                return Err(DecodeError::BadUtf16("an odd number of bytes"));
            }
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if had_errors {
                return Err(DecodeError::BadUtf16("unpaired surrogates"));
            }
            if let Some(zero) = text.chars().take(1 << 16).position(|c| c == '\0') {
                return Err(DecodeError::Binary(zero));
            }
            return Ok(Some(certain(text.into_owned(), name)));
        }
    }
    Ok(None)
}

/// How much of the file the binary checks look at.
const SNIFF_BYTES: usize = 1 << 16;

fn check_binary(bytes: &[u8], encoding: &'static Encoding) -> Result<(), DecodeError> {
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Ok(());
    }
    if let Some(zero) = bytes.iter().take(SNIFF_BYTES).position(|&b| b == 0) {
        return Err(DecodeError::Binary(zero));
    }
    Ok(())
}

fn decode_legacy(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let sniff = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let control = sniff
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if control * 20 > sniff.len() {
        return Err(DecodeError::MostlyControl);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, replaced) = encoding.decode_without_bom_handling(bytes);
    let non_ascii = sniff.iter().filter(|b| !b.is_ascii()).count();
    let confidence = if replaced || non_ascii < 8 {
        Confidence::Low
    } else {
        Confidence::High
    };
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        confidence,
        replaced,
    })
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some(zero) = bytes.iter().take(SNIFF_BYTES).position(|&b| b == 0) {
        return Err(DecodeError::Binary(zero));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => {
            let good = &bytes[..error.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(DecodeError::NotUtf8 { line, column })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode("Zürich “x”".as_bytes()).unwrap().text, "Zürich “x”");
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), "é".as_bytes()].concat();
        assert_eq!(
            decode(&with_bom).unwrap(),
            Decoded {
                text: "é".into(),
                encoding: "UTF-8 (BOM)",
                confidence: Confidence::Certain,
                replaced: false,
            }
        );
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let text = "Ana said “hi” 👍\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
        assert_eq!(decode(&be).unwrap().text, text);
        assert_eq!(decode_as(&le, "utf-16le").unwrap().text, text);
    }

    #[test]
    fn refuses_binary_and_bad_utf8_in_sets_with_position() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(DecodeError::Binary(4)));
        assert_eq!(
            decode_unicode(b"ok\nca\xE9t\xE9"),
            Err(DecodeError::NotUtf8 { line: 2, column: 3 })
        );
        assert_eq!(
            decode(b"\x01\x02\x03\x04\x05\x06\xff\x07\x08\x0b\x0e\x0f"),
            Err(DecodeError::MostlyControl)
        );
    }

    /// Sample sentences in each legacy encoding: guessed right and decoded exactly.
    #[test]
    fn guesses_legacy_encodings() {
        let samples: &[(&str, &str)] = &[
            (
                "windows-1252",
                "Le président a déclaré à la presse: « Nous n’attendrons pas. » Les élèves étaient très inquiets — même à Zürich, où l’économie reste forte.",
            ),
            (
                "ISO-8859-2",
                "Prezydent powiedział dziennikarzom, że rząd nie będzie czekał. Mieszkańcy Łodzi i Gdańska są zaniepokojeni sytuacją gospodarczą, która się pogarsza.",
            ),
            (
                "KOI8-R",
                "Президент заявил журналистам, что правительство не будет ждать. Жители Москвы обеспокоены экономической ситуацией в стране.",
            ),
            (
                "GBK",
                "总统对记者表示，政府不会再等待。北京和上海的居民对经济形势感到担忧，许多人认为情况正在恶化。",
            ),
            (
                "Big5",
                "總統對記者表示，政府不會再等待。台北和高雄的居民對經濟形勢感到擔憂，許多人認為情況正在惡化。",
            ),
            (
                "Shift_JIS",
                "大統領は記者団に対し、政府はこれ以上待たないと述べた。東京と大阪の住民は経済状況を懸念しており、多くの人が悪化していると考えている。",
            ),
            (
                "EUC-KR",
                "대통령은 기자들에게 정부가 더 이상 기다리지 않을 것이라고 말했다. 서울과 부산의 주민들은 경제 상황을 우려하고 있다.",
            ),
        ];
        let mut wrong = Vec::new();
        for (name, sentence) in samples {
            let encoding = Encoding::for_label(name.as_bytes()).unwrap();
            let (bytes, _, unmappable) = encoding.encode(sentence);
            assert!(!unmappable, "{name} cannot encode the sample");
            let decoded = decode(&bytes).unwrap();
            // chardetng names the KOI8 family by its superset KOI8-U (same Russian letters),
            // and GBK by its superset gb18030; the text is what matters.
            let same_family = match encoding.name() {
                "KOI8-R" => ["KOI8-R", "KOI8-U"].contains(&decoded.encoding),
                "GBK" => ["GBK", "gb18030"].contains(&decoded.encoding),
                other => other == decoded.encoding,
            };
            if !same_family || decoded.text != *sentence {
                wrong.push(format!("{name}: guessed {}", decoded.encoding));
            }
            assert_eq!(decoded.confidence, Confidence::High, "{name}");
            // The user can always choose explicitly.
            let chosen = decode_as(&bytes, name).unwrap();
            assert_eq!(
                (chosen.text.as_str(), chosen.confidence),
                (*sentence, Confidence::Chosen)
            );
        }
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn choosing_another_encoding_and_unknown_names() {
        let bytes = encoding_rs::WINDOWS_1251.encode("Привет, мир").0;
        assert_eq!(
            decode_as(&bytes, "windows-1251").unwrap().text,
            "Привет, мир"
        );
        assert_eq!(
            decode_as(&bytes, "klingon"),
            Err(DecodeError::UnknownEncoding("klingon".into()))
        );
        for name in CHOOSABLE_ENCODINGS {
            assert!(Encoding::for_label(name.as_bytes()).is_some(), "{name}");
        }
        // Malformed bytes for the chosen encoding are replaced and flagged, not refused.
        let chosen = decode_as(b"caf\xE9", "UTF-8").unwrap();
        assert!(chosen.replaced && chosen.text == "caf\u{FFFD}");
    }
}
