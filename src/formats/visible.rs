//! Span texts in messages, readable: quoted, with the marks that cannot be seen (joiners,
//! direction marks, odd spaces, controls) named, `⟨ZWNJ⟩`, rather than escaped as `\u{200c}`.
//! Two texts that differ only there then look different where the user reads them.
//! Also the other habits of readable messages: quoted input cut at [`QUOTE_CHARS`]
//! characters ([`cut`]), counts with the right plural ([`count`]).

/// Quoted input in a message is cut at this many characters (with "…"): a problem line
/// never quotes a whole article.
pub const QUOTE_CHARS: usize = 80;

/// `text` cut at [`QUOTE_CHARS`] characters, with "…" when it was cut.
pub fn cut(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// `text` cut as [`cut`] does, in double quotes with escapes (`{:?}`): input quoted in a
/// problem line.
pub fn quote(text: &str) -> String {
    format!("{:?}", cut(text))
}

/// `n` and the noun in its number: `count(1, "span", "spans")` is "1 span", 2 "2 spans".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` in double quotes with its invisible characters named.
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match name(c) {
            Some(name) => {
                out.push('⟨');
                out.push_str(&name);
                out.push('⟩');
            }
            None => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The name shown for a character that cannot be seen, `None` for any other.
fn name(c: char) -> Option<String> {
    let known = match c {
        '\n' => "LF",
        '\r' => "CR",
        '\t' => "TAB",
        '\u{a0}' => "NBSP",
        '\u{ad}' => "SHY",
        '\u{34f}' => "CGJ",
        '\u{61c}' => "ALM",
        '\u{180e}' => "MVS",
        '\u{200b}' => "ZWSP",
        '\u{200c}' => "ZWNJ",
        '\u{200d}' => "ZWJ",
        '\u{200e}' => "LRM",
        '\u{200f}' => "RLM",
        '\u{202a}' => "LRE",
        '\u{202b}' => "RLE",
        '\u{202c}' => "PDF",
        '\u{202d}' => "LRO",
        '\u{202e}' => "RLO",
        '\u{202f}' => "NNBSP",
        '\u{2060}' => "WJ",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        '\u{feff}' => "ZWNBSP",
        c if c.is_control() || ('\u{fe00}'..='\u{fe0f}').contains(&c) => {
            return Some(format!("U+{:04X}", c as u32));
        }
        _ => return None,
    };
    Some(known.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_marks_are_named_and_the_rest_is_kept() {
        assert_eq!(shown("می\u{200c}شود"), "\"می⟨ZWNJ⟩شود\"");
        assert_eq!(shown("a\u{200f}b\tc\u{1}"), "\"a⟨RLM⟩b⟨TAB⟩c⟨U+0001⟩\"");
        assert_eq!(shown("Zürich “x”"), "\"Zürich “x”\"");
    }

    #[test]
    fn cut_counts_characters_and_count_picks_the_number() {
        assert_eq!(cut("ü".repeat(80).as_str()), "ü".repeat(80));
        assert_eq!(cut("ü".repeat(81).as_str()), format!("{}…", "ü".repeat(80)));
        assert_eq!(count(1, "span", "spans"), "1 span");
        assert_eq!(count(0, "span", "spans"), "0 spans");
        assert_eq!(count(2, "problem", "problems"), "2 problems");
    }
}
