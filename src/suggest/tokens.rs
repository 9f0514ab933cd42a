//! A small tokenizer for the suggesters: words, punctuation and paragraph breaks, with code
//! point offsets. Deliberately simple and predictable; it knows nothing of any language beyond
//! "letters, digits and combining marks make words".

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters, digits and combining marks, with inner `-`, `'`, `’`, `.` joining parts
    /// ("Ellison-Ward", "don’t", "4.99").
    Word,
    /// One punctuation or symbol character.
    Punct,
    /// A line end (paragraphs are lines).
    Break,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Combining marks (accents written as separate code points, as in "Adébáyọ̀"; Hebrew and
/// Arabic vowel points).
pub fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        // Hebrew points and Arabic vowel marks ("אָמַר", "قَالَ").
        | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8 | 0x06EA..=0x06ED)
}

pub fn is_word_char(c: char) -> bool {
    // (No combining mark comes before U+0300: spaces and punctuation are turned away before
    // the ranges are tried.)
    c.is_alphanumeric() || (u32::from(c) >= 0x0300 && is_combining(c))
}

fn is_hebrew_letter(c: Option<&char>) -> bool {
    c.is_some_and(|&c| matches!(c as u32, 0x05D0..=0x05EA | 0xFB1D..=0xFB4F))
}

/// True when the `"` or `'` at `i` stands between two Hebrew letters: the gershayim of an
/// acronym (צה"ל, ארה"ב, המנכ"ל) or a geresh (ג'ורג'), typed with the ASCII marks as Hebrew
/// news types them. It is part of the word, never a quotation mark.
pub fn is_hebrew_mark_in_word(chars: &[char], i: usize) -> bool {
    matches!(chars.get(i), Some('"' | '\'' | '\u{05F3}' | '\u{05F4}'))
        && i > 0
        && is_hebrew_letter(chars.get(i - 1))
        && is_hebrew_letter(chars.get(i + 1))
}

/// True when the `'` at `i` ends the Hebrew word `start..i` as a geresh: the word already
/// has one inside (ג'ורג'), or it is one letter (ג', the numeral ה').
pub fn is_trailing_geresh(chars: &[char], start: usize, i: usize) -> bool {
    matches!(chars.get(i), Some('\'' | '\u{05F3}'))
        && i > start
        && is_hebrew_letter(chars.get(i - 1))
        && !chars.get(i + 1).is_some_and(|&n| is_word_char(n))
        && (i - start == 1 || (start..i).any(|k| is_hebrew_mark_in_word(chars, k)))
}

/// The article as code points plus its tokens.
pub struct Tokens {
    pub chars: Vec<char>,
    pub tokens: Vec<Token>,
    /// Each word token's text, read once (the rules ask for the same words many times
    /// over): all words one after the other, and where each token's text starts in it
    /// (token `i` is `word_starts[i]..word_starts[i + 1]`, empty for other tokens); the same
    /// for the words in lower case.
    words: String,
    word_starts: Vec<usize>,
    lowered: String,
    lower_starts: Vec<usize>,
}

impl Tokens {
    pub fn new(text: &str) -> Self {
        let mut chars: Vec<char> = Vec::with_capacity(text.len());
        chars.extend(text.chars());
        // About one token in four characters of running text.
        let mut tokens = Vec::with_capacity(chars.len() / 4);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\n' {
                tokens.push(Token {
                    kind: Kind::Break,
                    start: i,
                    end: i + 1,
                });
                i += 1;
            } else if c.is_whitespace() {
                i += 1;
            } else if is_word_char(c) {
                let start = i;
                i += 1;
                // Where a capital first follows a lower-case letter ("saidMandy").
                let mut glue = None;
                while i < chars.len() {
                    if is_word_char(chars[i]) {
                        if glue.is_none() && chars[i].is_uppercase() && chars[i - 1].is_lowercase()
                        {
                            glue = Some(i);
                        }
                        i += 1;
                    } else if (matches!(
                        chars[i],
                        // (A zero-width non-joiner or joiner inside a Persian or Urdu word is
                        // part of it: "می‌گوید".)
                        '-' | '\'' | '’' | '.' | '\u{2010}' | '\u{2011}' | '\u{200c}' | '\u{200d}'
                    ) && chars.get(i + 1).is_some_and(|&n| is_word_char(n)))
                        || is_hebrew_mark_in_word(&chars, i)
                    {
                        i += 2;
                    } else if is_trailing_geresh(&chars, start, i) {
                        i += 1;
                        break;
                    } else {
                        break;
                    }
                }
                // A speech verb glued to the name after it by a source's typo ("saidMandy
                // Cohen", a link's text run into the word before) is two words.
                if let Some(at) = glue
                    && chars[start].is_lowercase()
                    && at - start <= 9
                    && chars.get(at + 1).is_some_and(|c| c.is_lowercase())
                    && super::lexicon::CUE_VERB_SET
                        .contains(&chars[start..at].iter().collect::<String>())
                {
                    tokens.push(Token {
                        kind: Kind::Word,
                        start,
                        end: at,
                    });
                    tokens.push(Token {
                        kind: Kind::Word,
                        start: at,
                        end: i,
                    });
                    continue;
                }
                tokens.push(Token {
                    kind: Kind::Word,
                    start,
                    end: i,
                });
            } else {
                tokens.push(Token {
                    kind: Kind::Punct,
                    start: i,
                    end: i + 1,
                });
                i += 1;
            }
        }
        // The words are copied from the article's own bytes (the byte offset of each word
        // found by walking the code points once), and lower-cased without an allocation
        // when they are ASCII.
        let mut words = String::with_capacity(text.len());
        let mut lowered = String::with_capacity(text.len());
        let mut word_starts = Vec::with_capacity(tokens.len() + 1);
        let mut lower_starts = Vec::with_capacity(tokens.len() + 1);
        let (mut at_char, mut at_byte) = (0, 0);
        let utf8_len = |chars: &[char]| chars.iter().map(|c| c.len_utf8()).sum::<usize>();
        for token in &tokens {
            word_starts.push(words.len());
            lower_starts.push(lowered.len());
            if token.kind == Kind::Word {
                at_byte += utf8_len(&chars[at_char..token.start]);
                let end_byte = at_byte + utf8_len(&chars[token.range()]);
                let word = &text[at_byte..end_byte];
                (at_char, at_byte) = (token.end, end_byte);
                words.push_str(word);
                if word.is_ascii() {
                    let from = lowered.len();
                    lowered.push_str(word);
                    lowered[from..].make_ascii_lowercase();
                } else if word.contains('Σ') {
                    // (A capital sigma's lower case depends on its place in the word.)
                    lowered.push_str(&word.to_lowercase());
                } else if word.chars().any(char::is_uppercase) {
                    lowered.extend(word.chars().flat_map(char::to_lowercase));
                } else {
                    lowered.push_str(word);
                }
            }
        }
        word_starts.push(words.len());
        lower_starts.push(lowered.len());
        Self {
            chars,
            tokens,
            words,
            word_starts,
            lowered,
            lower_starts,
        }
    }

    pub fn text(&self, range: Range<usize>) -> String {
        self.chars[range].iter().collect()
    }

    pub fn word(&self, index: usize) -> Option<&str> {
        let token = self.tokens.get(index)?;
        (token.kind == Kind::Word)
            .then(|| &self.words[self.word_starts[index]..self.word_starts[index + 1]])
    }

    /// The word at `index` in lower case.
    pub fn lower(&self, index: usize) -> Option<&str> {
        let token = self.tokens.get(index)?;
        (token.kind == Kind::Word)
            .then(|| &self.lowered[self.lower_starts[index]..self.lower_starts[index + 1]])
    }

    pub fn punct(&self, index: usize) -> Option<char> {
        let token = self.tokens.get(index)?;
        (token.kind == Kind::Punct).then(|| self.chars[token.start])
    }

    /// The index of the first token starting at or after `offset`.
    pub fn first_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.start < offset)
    }

    /// The lines of the text (paragraphs are lines) as token index ranges, empty ones left
    /// out: the tokens between two line ends.
    pub fn lines(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.tokens
            .split(|t| t.kind == Kind::Break)
            .scan(0, |start, line| {
                let range = *start..*start + line.len();
                *start = range.end + 1;
                Some(range)
            })
            .filter(|range| !range.is_empty())
    }

    /// Number of word tokens inside `range`.
    pub fn word_count(&self, range: Range<usize>) -> usize {
        let first = self.first_at_or_after(range.start);
        self.tokens[first..]
            .iter()
            .take_while(|t| t.end <= range.end)
            .filter(|t| t.kind == Kind::Word)
            .count()
    }
}

/// True when the word starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The word without a possessive ending ("Okafor's" -> "Okafor").
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Paragraph numbers by offset (paragraphs are non-blank lines).
pub(crate) struct Paragraphs {
    starts: Vec<usize>,
}

impl Paragraphs {
    pub(crate) fn new(chars: &[char]) -> Self {
        let mut starts = Vec::new();
        let mut line_start = 0;
        for (i, &c) in chars.iter().chain(std::iter::once(&'\n')).enumerate() {
            if c == '\n' {
                if chars[line_start..i.min(chars.len())]
                    .iter()
                    .any(|c| !c.is_whitespace())
                {
                    starts.push(line_start);
                }
                line_start = i + 1;
            }
        }
        Self { starts }
    }

    pub(crate) fn of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// Offset where paragraph number `paragraph` (as returned by `of`) starts.
    pub(crate) fn start(&self, paragraph: usize) -> usize {
        paragraph
            .checked_sub(1)
            .and_then(|p| self.starts.get(p))
            .copied()
            .unwrap_or(0)
    }

    /// True when only blanks come before `offset` in its paragraph.
    pub(crate) fn opens(&self, chars: &[char], offset: usize) -> bool {
        chars[self.start(self.of(offset))..offset]
            .iter()
            .all(|c| c.is_whitespace())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_joiners_and_combining_marks() {
        let t = Tokens::new("Nkechi Adébáyọ̀ and Ellison-Ward don’t pay £4.99.\nNext");
        let words: Vec<String> = t
            .tokens
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|tok| t.text(tok.range()))
            .collect();
        assert_eq!(
            words,
            [
                "Nkechi",
                "Adébáyọ̀",
                "and",
                "Ellison-Ward",
                "don’t",
                "pay",
                "4.99",
                "Next"
            ]
        );
        assert!(t.tokens.iter().any(|t| t.kind == Kind::Break));
        assert_eq!(t.word_count(0..16), 2);
    }

    /// Each word and its lower case are the code points of its range, whatever the script
    /// (the words are cut from the article's bytes, ASCII lower-cased in place): checked on
    /// every sample article and on words with multi-byte letters and special lower cases.
    #[test]
    fn word_and_lower_are_the_text_of_the_range() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_data");
        let mut texts = vec![
            "ΟΔΥΣΣΕΥΣ said İstanbul ǅemal naïve ÉCOLE x 北京 Ødegaard saidMandy Cohen\n\nÓ hAodha"
                .to_string(),
        ];
        for entry in std::fs::read_dir(dir).expect("sample_data") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(&path).expect("text"));
            }
        }
        assert!(texts.len() > 10);
        for text in &texts {
            let t = Tokens::new(text);
            for (i, token) in t.tokens.iter().enumerate() {
                if token.kind != Kind::Word {
                    assert_eq!((t.word(i), t.lower(i)), (None, None));
                    continue;
                }
                let word = t.text(token.range());
                let lower = if word.chars().any(char::is_uppercase) {
                    word.to_lowercase()
                } else {
                    word.clone()
                };
                assert_eq!(t.word(i), Some(word.as_str()));
                assert_eq!(t.lower(i), Some(lower.as_str()));
            }
            assert_eq!(t.word(t.tokens.len()), None);
        }
    }
}
