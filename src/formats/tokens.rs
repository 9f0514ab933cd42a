//! A tokenizer close to spaCy's English rules (`spacy.blank("en")`), and sentence splitting,
//! for the token-based formats (CoNLL, Prodigy, spaCy DocBin).
//!
//! Offsets are code points. Every character of the text belongs to exactly one token or to
//! the single space after a token (`space_after`), like spaCy's `Token.whitespace_`: other
//! whitespace (line breaks, runs of spaces) becomes whitespace tokens, so joining the tokens
//! rebuilds the text exactly. Span boundaries passed as `forced` always fall between tokens,
//! so every exported span covers whole tokens.

use std::ops::Range;

/// One token: `start..end` in code points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// One space (U+0020) follows and belongs to this token, as spaCy's `whitespace_`.
    pub space_after: bool,
    /// The token is whitespace only (a line break, extra spaces).
    pub is_space: bool,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

const PREFIX_CHARS: &str = "§%=—–+([{<\"'“”„‘’‚«»‹›$£€¥₹#&*¡¿…`~";
/// Arabic-script punctuation (comma, semicolon, question mark, the Urdu full stop) is split off
/// the end of a word as its Latin forms are.
const SUFFIX_CHARS: &str = ")]}>\"'“”‘’»«›‹,;:!?…%°،؛؟۔";
const HYPHENS: &[char] = &['-', '–', '—', '~'];

/// Abbreviations spaCy keeps whole, period included (a selection of its English exceptions).
const ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Jr.", "Sr.", "Prof.", "Gen.", "Gov.", "Sen.", "Rep.",
    "Rev.", "Mt.", "Inc.", "Ltd.", "Co.", "Corp.", "Bros.", "vs.", "etc.", "e.g.", "i.e.", "a.m.",
    "p.m.", "U.S.", "U.K.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sep.", "Sept.", "Oct.",
    "Nov.", "Dec.", "No.", "Nos.", "approx.", "ca.", "cf.", "Ph.D.", "Ave.", "Adm.", "Capt.",
    "Col.", "Lt.", "Sgt.", "Ariz.", "Calif.", "Mass.", "Wash.", "Fla.", "Ill.",
];

/// Tokenize `text`, with a token boundary at every offset in `forced` (code points).
pub fn tokenize(text: &str, forced: &[usize]) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    // Pass 1: raw pieces covering every character: words and whitespace runs.
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, is_space)
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let is_space = chars[i].is_whitespace();
        while i < chars.len() && chars[i].is_whitespace() == is_space {
            i += 1;
        }
        if is_space {
            pieces.push((start, i, true));
        } else {
            for range in split_word(&chars, start, i) {
                pieces.push((range.start, range.end, false));
            }
        }
    }
    // Pass 2: split at forced boundaries.
    let mut cuts: Vec<usize> = forced.to_vec();
    cuts.sort_unstable();
    cuts.dedup();
    let mut split: Vec<(usize, usize, bool)> = Vec::with_capacity(pieces.len());
    for (start, end, is_space) in pieces {
        let from = cuts.partition_point(|&c| c <= start);
        let mut at = start;
        for &cut in cuts[from..].iter().take_while(|&&c| c < end) {
            split.push((at, cut, is_space));
            at = cut;
        }
        split.push((at, end, is_space));
    }
    // Pass 3: a single space after a word belongs to it (spaCy's whitespace_).
    let mut tokens: Vec<Token> = Vec::with_capacity(split.len());
    for (start, end, is_space) in split {
        let mut start = start;
        if is_space
            && chars[start] == ' '
            && tokens
                .last()
                .is_some_and(|t| !t.is_space && !t.space_after && t.end == start)
        {
            if let Some(last) = tokens.last_mut() {
                last.space_after = true;
            }
            start += 1;
            if start == end {
                continue;
            }
        }
        tokens.push(Token {
            start,
            end,
            space_after: false,
            is_space,
        });
    }
    tokens
}

/// The tokens `first..last_exclusive` that exactly cover `range`, if its ends fall on token
/// boundaries.
pub fn covering_tokens(tokens: &[Token], range: Range<usize>) -> Option<Range<usize>> {
    let first = tokens
        .binary_search_by_key(&range.start, |t| t.start)
        .ok()?;
    let last = tokens.binary_search_by_key(&range.end, |t| t.end).ok()?;
    (first <= last).then_some(first..last + 1)
}

fn is_prefix(c: char) -> bool {
    PREFIX_CHARS.contains(c)
}

fn is_suffix(c: char) -> bool {
    SUFFIX_CHARS.contains(c)
}

fn is_abbreviation(chars: &[char]) -> bool {
    let word: String = chars.iter().collect();
    if ABBREVIATIONS.contains(&word.as_str()) {
        return true;
    }
    // Single letters with a period ("J.") and letter-period chains ("U.N.", "a.k.a.").
    chars.len() >= 2
        && chars.last() == Some(&'.')
        && chars
            .chunks(2)
            .all(|pair| pair.len() == 2 && pair[0].is_alphabetic() && pair[1] == '.')
}

/// Split one whitespace-free chunk into tokens: prefixes, suffixes, then infixes.
fn split_word(chars: &[char], start: usize, end: usize) -> Vec<Range<usize>> {
    let mut prefixes = Vec::new();
    let mut suffixes = Vec::new();
    let (mut s, mut e) = (start, end);
    loop {
        if s >= e || is_abbreviation(&chars[s..e]) {
            break;
        }
        let mut changed = false;
        // Prefix: "..." or one prefix character.
        if e - s >= 3 && chars[s..s + 3] == ['.', '.', '.'] {
            prefixes.push(s..s + 3);
            s += 3;
            changed = true;
        } else if e - s > 1 && is_prefix(chars[s]) {
            prefixes.push(s..s + 1);
            s += 1;
            changed = true;
        }
        if s >= e || is_abbreviation(&chars[s..e]) {
            break;
        }
        // Suffix.
        let len = e - s;
        let last = chars[e - 1];
        let suffix_len =
            if len > 2 && matches!(chars[e - 2], '\'' | '’') && matches!(chars[e - 1], 's' | 'S')
            {
                2
            } else if len >= 4 && chars[e - 3..e] == ['.', '.', '.'] {
                3
            } else if len > 1
                && (is_suffix(last)
                    || (last == '.' && period_is_suffix(chars, s, e))
                    || ("$£€¥₹".contains(last) && chars[e - 2].is_ascii_digit()))
            {
                1
            } else {
                0
            };
        if suffix_len > 0 {
            suffixes.push(e - suffix_len..e);
            e -= suffix_len;
            changed = true;
        }
        if !changed {
            break;
        }
    }
    let mut out = prefixes;
    if s < e {
        out.extend(split_infixes(chars, s, e));
    }
    suffixes.reverse();
    out.extend(suffixes);
    out
}

/// spaCy splits a final period after a digit, a lower-case letter, punctuation or two
/// upper-case letters ("Bremen." "2027." "BBC."), but keeps "J." and abbreviations.
fn period_is_suffix(chars: &[char], s: usize, e: usize) -> bool {
    if is_abbreviation(&chars[s..e]) {
        return false;
    }
    let before = chars[e - 2];
    // A letter of a script without case (Arabic, Hebrew) ends a word as a lower-case one.
    let caseless = before.is_alphabetic() && !before.is_uppercase() && !before.is_lowercase();
    if before.is_numeric()
        || before.is_lowercase()
        || caseless
        || is_suffix(before)
        || before == '.'
    {
        return true;
    }
    e - s >= 3 && before.is_uppercase() && chars[e - 3].is_uppercase()
}

fn split_infixes(chars: &[char], s: usize, e: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = s;
    let mut i = s;
    while i < e {
        let c = chars[i];
        let prev = if i > s { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).copied().filter(|_| i + 1 < e);
        let infix_len = match (prev, next) {
            // Hyphens between a letter or digit and a letter: "coastal-defence", "60-metre".
            (Some(p), Some(n))
                if HYPHENS.contains(&c) && p.is_alphanumeric() && n.is_alphabetic() =>
            {
                1
            }
            // "--" between letters.
            (Some(p), Some('-'))
                if c == '-'
                    && p.is_alphabetic()
                    && i + 2 < e
                    && chars.get(i + 2).is_some_and(|n| n.is_alphabetic()) =>
            {
                2
            }
            // ':' '/' '=' '<' '>' between a letter or digit and a letter.
            (Some(p), Some(n))
                if ":/=<>".contains(c) && p.is_alphanumeric() && n.is_alphabetic() =>
            {
                1
            }
            // ',' between letters.
            (Some(p), Some(n)) if c == ',' && p.is_alphabetic() && n.is_alphabetic() => 1,
            // '.' between a lower-case letter and an upper-case one: "end.The".
            (Some(p), Some(n)) if c == '.' && p.is_lowercase() && n.is_uppercase() => 1,
            // Arithmetic between digits: "10-5", "3*4".
            (Some(p), Some(n))
                if "+-*^".contains(c) && p.is_ascii_digit() && (n.is_ascii_digit() || n == '-') =>
            {
                1
            }
            // Ellipsis inside a word.
            (Some(_), _) if c == '…' => 1,
            _ => 0,
        };
        if infix_len > 0 {
            if at < i {
                out.push(at..i);
            }
            out.push(i..i + infix_len);
            i += infix_len;
            at = i;
        } else {
            i += 1;
        }
    }
    if at < e {
        out.push(at..e);
    }
    out
}

/// Split tokens into sentences (ranges of token indices, whitespace tokens included in the
/// sentence they follow). A sentence ends at a line break or after `.`, `!`, `?`, `…` (and
/// any closing quotes) when the next word starts with a capital, digit or opening quote;
/// never inside one of `keep` (code point ranges, e.g. the spans being exported).
pub fn sentences(text: &str, tokens: &[Token], keep: &[Range<usize>]) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let inside_keep = |offset: usize| keep.iter().any(|r| r.start < offset && offset < r.end);
    let mut out = Vec::new();
    let mut sentence_start = 0;
    let mut last_word: Option<usize> = None;
    for (i, token) in tokens.iter().enumerate() {
        if token.is_space {
            let has_newline = chars[token.range()].contains(&'\n');
            if has_newline
                && let Some(w) = last_word
                && w >= sentence_start
                && !inside_keep(token.start)
            {
                out.push(sentence_start..i + 1);
                sentence_start = i + 1;
            }
            continue;
        }
        if let Some(w) = last_word
            && w >= sentence_start
            && ends_sentence(&chars, tokens, sentence_start, w)
            && starts_sentence(&chars, token)
            && (tokens[w].space_after || tokens[w + 1..i].iter().any(|t| t.is_space))
            && !inside_keep(token.start)
        {
            out.push(sentence_start..i);
            sentence_start = i;
        }
        last_word = Some(i);
    }
    if sentence_start < tokens.len() {
        out.push(sentence_start..tokens.len());
    }
    out
}

fn token_text(chars: &[char], token: &Token) -> String {
    chars[token.range()].iter().collect()
}

fn ends_sentence(chars: &[char], tokens: &[Token], from: usize, word: usize) -> bool {
    // Skip closing quotes and brackets back to the real last word.
    let mut w = word;
    loop {
        let text = token_text(chars, &tokens[w]);
        if matches!(text.as_str(), "”" | "\"" | "’" | "'" | ")" | "»" | "“") && w > from {
            w -= 1;
            continue;
        }
        return matches!(text.as_str(), "." | "!" | "?" | "…" | "...");
    }
}

fn starts_sentence(chars: &[char], token: &Token) -> bool {
    chars[token.start].is_uppercase()
        || chars[token.start].is_ascii_digit()
        || "“„\"'‘«(".contains(chars[token.start])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, forced: &[usize]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        tokenize(text, forced)
            .iter()
            .map(|t| chars[t.range()].iter().collect())
            .collect()
    }

    #[test]
    fn splits_like_spacy_on_news_text() {
        assert_eq!(
            words(
                "„Der Bund stellt € 4,2 Mrd. bereit“, Anneliese Größmann said.",
                &[]
            ),
            [
                "„",
                "Der",
                "Bund",
                "stellt",
                "€",
                "4,2",
                "Mrd",
                ".",
                "bereit",
                "“",
                ",",
                "Anneliese",
                "Größmann",
                "said",
                "."
            ]
        );
        assert_eq!(
            words(
                "Germany’s coastal-defence fund (€1.9 billion) 30% U.S. Dr. Smith",
                &[]
            ),
            [
                "Germany", "’s", "coastal", "-", "defence", "fund", "(", "€", "1.9", "billion",
                ")", "30", "%", "U.S.", "Dr.", "Smith"
            ]
        );
    }

    #[test]
    fn arabic_and_hebrew_punctuation_is_split_off_as_latin_is() {
        assert_eq!(
            words("افتتحت العقبة. وفي آذار 2027، قال: «نعم»؟", &[]),
            [
                "افتتحت",
                "العقبة",
                ".",
                "وفي",
                "آذار",
                "2027",
                "،",
                "قال",
                ":",
                "«",
                "نعم",
                "»",
                "؟"
            ]
        );
        assert_eq!(words("אמר כהן.", &[]), ["אמר", "כהן", "."]);
        assert_eq!(words("لاہور میں۔", &[]), ["لاہور", "میں", "۔"]);
    }

    #[test]
    fn tokens_rebuild_the_text_and_respect_forced_boundaries() {
        let text = "Ana  said:\n\n“Zürich 👍 ok.” Next\tline ";
        let tokens = tokenize(text, &[2]);
        let chars: Vec<char> = text.chars().collect();
        let mut rebuilt = String::new();
        for t in &tokens {
            rebuilt.extend(&chars[t.range()]);
            if t.space_after {
                rebuilt.push(' ');
            }
        }
        assert_eq!(rebuilt, text);
        assert_eq!(words(text, &[2])[..2], ["An", "a"]);
        assert!(
            tokens
                .iter()
                .any(|t| t.is_space && chars[t.range()] == ['\n', '\n'])
        );
    }

    #[test]
    fn sentences_split_at_stops_and_line_breaks_but_not_inside_kept_spans() {
        let text = "He left. She stayed.\nMr. Li said “Go. Now.” Done.";
        let tokens = tokenize(text, &[]);
        let chars: Vec<char> = text.chars().collect();
        let show = |keep: &[Range<usize>]| -> Vec<String> {
            sentences(text, &tokens, keep)
                .into_iter()
                .map(|r| {
                    let t = &tokens[r];
                    chars[t[0].start..t[t.len() - 1].end]
                        .iter()
                        .collect::<String>()
                        .trim()
                        .to_string()
                })
                .collect()
        };
        assert_eq!(
            show(&[]),
            [
                "He left.",
                "She stayed.",
                "Mr. Li said “Go.",
                "Now.”",
                "Done."
            ]
        );
        let quote = 34..41; // "Go. Now"
        assert_eq!(show(&[quote])[2], "Mr. Li said “Go. Now.”");
    }
}
