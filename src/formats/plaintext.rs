//! Plain article files (.txt, .md): bytes to text, with the encoding named.
//!
//! UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM are decoded exactly; the BOM is an
//! encoding mark, not text, and is not kept. Anything else is refused with the reason.

/// Decoded article text and the encoding it came in.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("it looks like a binary file, not text (a zero byte at byte {0})")]
    Binary(usize),
    #[error(
        "it is not valid UTF-8 text (bad byte at line {line}, column {column}); save it as UTF-8 or UTF-16 with a BOM"
    )]
    NotUtf8 { line: usize, column: usize },
    #[error("it is not valid UTF-16 text ({0})")]
    BadUtf16(&'static str),
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(|text| Decoded {
            text,
            encoding: "UTF-8 (BOM)",
        });
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
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: name,
            });
        }
    }
    utf8(bytes).map(|text| Decoded {
        text,
        encoding: "UTF-8",
    })
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some(zero) = bytes.iter().take(1 << 16).position(|&b| b == 0) {
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
                encoding: "UTF-8 (BOM)"
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
    }

    #[test]
    fn refuses_binary_and_bad_utf8_with_position() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(DecodeError::Binary(4)));
        assert_eq!(
            decode(b"ok\nca\xE9t\xE9"),
            Err(DecodeError::NotUtf8 { line: 2, column: 3 })
        );
    }
}
