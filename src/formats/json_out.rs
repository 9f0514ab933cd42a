//! Writing JSON fast, byte for byte as `serde_json::to_writer_pretty` writes it.
//!
//! The native writer uses these for the parts that dominate a long set (the article text and
//! one object per span), and `serde_json` for the small, varied parts (schema, attributes),
//! indented to where they sit. Tests compare the result with `serde_json` byte for byte.

use serde::Serialize;

/// serde_json's escape for each byte: 0 = written as is, `u` = `\u00XX`, else `\` + that byte.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the 8 bytes in `word` needs escaping: a control byte (< 0x20), `"` or `\`.
/// Exact (no false positives), so a word without one is copied as it is.
#[inline]
fn needs_escape(word: u64) -> bool {
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0;
    control || has_zero(word ^ (ONES * b'"' as u64)) || has_zero(word ^ (ONES * b'\\' as u64))
}

/// Append `text` as a JSON string (quotes included), escaped exactly as serde_json does.
pub fn write_str(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs escaping (almost all of an article).
        if let Some(word) = bytes.get(i..i + 8)
            && let Ok(word) = <[u8; 8]>::try_from(word)
            && !needs_escape(u64::from_le_bytes(word))
        {
            i += 8;
            continue;
        }
        let byte = bytes[i];
        let escape = ESCAPE[byte as usize];
        if escape == 0 {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[copied..i]);
        if escape == b'u' {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(byte >> 4) as usize]);
            out.push(HEX[(byte & 0xf) as usize]);
        } else {
            out.push(b'\\');
            out.push(escape);
        }
        i += 1;
        copied = i;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// Append an unsigned integer.
#[inline]
pub fn write_u64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Append two spaces per `level`.
#[inline]
pub fn indent(out: &mut Vec<u8>, level: usize) {
    const SPACES: &[u8] = b"                                ";
    let mut n = level * 2;
    while n > 0 {
        let take = n.min(SPACES.len());
        out.extend_from_slice(&SPACES[..take]);
        n -= take;
    }
}

/// Append `value` pretty-printed as it would appear nested at `level` inside a pretty-printed
/// document. JSON strings never hold a raw newline, so every newline in the serialised value
/// is a line break that takes the extra indentation.
pub fn write_nested<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    level: usize,
) -> serde_json::Result<()> {
    let start = out.len();
    serde_json::to_writer_pretty(&mut *out, value)?;
    if level == 0 || !out[start..].contains(&b'\n') {
        return Ok(());
    }
    let written = out.split_off(start);
    for line in written.split_inclusive(|&b| b == b'\n') {
        out.extend_from_slice(line);
        if line.last() == Some(&b'\n') {
            indent(out, level);
        }
    }
    Ok(())
}

/// Writes the members of one pretty-printed object at `level` (the object's own braces are
/// the caller's), with the separators serde_json puts between them.
pub struct Members<'a> {
    out: &'a mut Vec<u8>,
    level: usize,
    first: bool,
}

impl<'a> Members<'a> {
    /// Open an object: writes `{`.
    pub fn open(out: &'a mut Vec<u8>, level: usize) -> Self {
        out.push(b'{');
        Self {
            out,
            level,
            first: true,
        }
    }

    /// Go on with an object at `level` whose brace and some members are already written.
    pub fn resume(out: &'a mut Vec<u8>, level: usize) -> Self {
        Self {
            out,
            level,
            first: false,
        }
    }

    /// Start a member: separator, indentation, key and `": "`; the caller writes the value.
    pub fn key(&mut self, key: &str) -> &mut Vec<u8> {
        self.out
            .extend_from_slice(if self.first { b"\n" } else { b",\n" });
        self.first = false;
        indent(self.out, self.level + 1);
        write_str(self.out, key);
        self.out.extend_from_slice(b": ");
        self.out
    }

    pub fn str(&mut self, key: &str, value: &str) {
        let out = self.key(key);
        write_str(out, value);
    }

    pub fn u64(&mut self, key: &str, value: u64) {
        let out = self.key(key);
        write_u64(out, value);
    }

    /// A member whose value serde writes (nested at the right depth).
    pub fn nested<T: Serialize + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> serde_json::Result<()> {
        let level = self.level + 1;
        let out = self.key(key);
        write_nested(out, value, level)
    }

    /// Close the object: writes the closing brace (on its own line unless it was empty).
    pub fn close(self) {
        if !self.first {
            self.out.push(b'\n');
            indent(self.out, self.level);
        }
        self.out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde_str(text: &str) -> Vec<u8> {
        serde_json::to_vec(text).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for text in [
            "",
            "plain ascii long enough for several words",
            "“Curly” quotes, Zürich, ♥, 👍🏽 and 中文",
            "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{0}i\u{1f}j\u{7f}k",
            "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
            "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n",
            "exactly8\u{1}",
        ] {
            let mut out = Vec::new();
            write_str(&mut out, text);
            assert_eq!(out, serde_str(text), "{text:?}");
        }
    }

    #[test]
    fn nested_values_sit_at_their_depth() {
        let value = serde_json::json!({"a": [1, {"b": "x\ny"}], "c": {}, "d": []});
        let wrapper = serde_json::json!({"outer": {"inner": value}});
        let expected = serde_json::to_vec_pretty(&wrapper).unwrap();
        let mut out = Vec::new();
        let mut outer = Members::open(&mut out, 0);
        let inner_out = outer.key("outer");
        let mut inner = Members::open(inner_out, 1);
        inner.nested("inner", &value).unwrap();
        inner.close();
        outer.close();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(expected).unwrap()
        );
        let mut empty = Vec::new();
        Members::open(&mut empty, 3).close();
        assert_eq!(empty, b"{}");
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(text in "\\PC*|[\\x00-\\x7f]*|(\"|\\\\|\n|a|é|\u{1}){0,40}") {
            let mut out = Vec::new();
            write_str(&mut out, &text);
            prop_assert_eq!(out, serde_str(&text));
        }

        #[test]
        fn any_integer_is_written_as_serde_json_writes_it(n in any::<u64>()) {
            let mut out = Vec::new();
            write_u64(&mut out, n);
            prop_assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
    }
}
