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

    /// The string literals of a Rust source, comments and character literals skipped.
    fn string_literals(source: &str) -> Vec<String> {
        let chars: Vec<char> = source.chars().collect();
        let (mut found, mut i) = (Vec::new(), 0);
        while i < chars.len() {
            match (chars[i], chars.get(i + 1).copied()) {
                ('/', Some('/')) => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                }
                ('/', Some('*')) => {
                    while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                        i += 1;
                    }
                    i += 2;
                }
                // A character literal ('"', '\'', 'x'); any other quote starts a lifetime.
                ('\'', Some('\\')) => {
                    i += 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                }
                ('\'', Some(_)) if chars.get(i + 2) == Some(&'\'') => i += 3,
                // A raw string, r"…" or r#"…"# (br too); r#name is a raw identifier.
                ('r', Some('#' | '"'))
                    if i == 0
                        || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
                        || chars[i - 1] == 'b' =>
                {
                    let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                    i += 1 + hashes;
                    if chars.get(i) != Some(&'"') {
                        continue;
                    }
                    let end: String = std::iter::once('"')
                        .chain("#".repeat(hashes).chars())
                        .collect();
                    let rest: String = chars[i + 1..].iter().collect();
                    let length = rest.find(&end).unwrap_or(rest.len());
                    found.push(rest[..length].to_string());
                    i += 1 + rest[..length].chars().count() + end.chars().count();
                }
                ('"', _) => {
                    let mut literal = String::new();
                    i += 1;
                    while i < chars.len() && chars[i] != '"' {
                        if chars[i] == '\\' {
                            literal.push(chars[i]);
                            i += 1;
                        }
                        literal.extend(chars.get(i));
                        i += 1;
                    }
                    found.push(literal);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        found
    }

    /// No message writes a count's plural as "(s)" ("1 span(s) renamed"): [`count`] says it.
    #[test]
    fn no_message_writes_a_plural_as_s() {
        // "(s)" put in apart, so that this test's own literals do not hold the mark.
        let s = "(s)";
        let source = format!(
            "let c = '\"'; f{s}; // \"a{s}\"\nlet x: &'a str = \"span{s}\"; r#\"\"raw{s}\"#;"
        );
        assert_eq!(
            string_literals(&source),
            [format!("span{s}"), format!("\"raw{s}")]
        );
        let mut folders = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut found = Vec::new();
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    for literal in string_literals(&source) {
                        let bytes = literal.as_bytes();
                        let plural = literal
                            .match_indices("(s)")
                            .any(|(at, _)| at > 0 && bytes[at - 1].is_ascii_alphabetic());
                        if plural {
                            found.push(format!("{}: {literal}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(found.is_empty(), "{found:#?}");
    }
}
