//! Span texts in messages, readable: quoted, with the marks that cannot be seen (joiners,
//! direction marks, odd spaces, controls) named, `⟨ZWNJ⟩`, rather than escaped as `\u{200c}`.
//! Two texts that differ only there then look different where the user reads them.

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
}
