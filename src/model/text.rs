//! The article text: immutable, indexed by Unicode code point.
//!
//! All offsets in Newsmark are code points (Python `str` indices), half-open. This module is
//! the one place that converts them to UTF-8 byte offsets, and it also splits the text into
//! display blocks (paragraphs, long lines cut at whitespace) so that a view can lay out only
//! the blocks on screen.

use std::ops::Range;
use std::sync::Arc;

use sha2::{Digest, Sha256};

/// Every this many code points, the byte offset is recorded.
const CHECKPOINT_EVERY: usize = 16;

/// A display block never holds more than this many code points: longer lines are cut (at
/// whitespace where possible) so that laying out one block stays cheap.
pub const MAX_BLOCK_CHARS: usize = 2_000;

/// A display unit of the text: one line (paragraph) or a piece of a very long line.
/// `chars` never includes the line terminator (`\n`, and a `\r` before it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub chars: Range<usize>,
    pub bytes: Range<usize>,
    /// True when this block continues the previous one (a cut inside a long line).
    pub continues_line: bool,
}

/// The article text with its code point index. Cheap to clone (the text is shared).
#[derive(Clone, Debug)]
pub struct Text {
    // An `Arc<String>`, not `Arc<str>`: taking a `String` (as parsed from a file) costs no copy.
    text: Arc<String>,
    char_len: usize,
    /// `checkpoints[i]` = byte offset of code point `i * CHECKPOINT_EVERY`. Empty for ASCII text.
    checkpoints: Arc<Vec<usize>>,
    blocks: Arc<Vec<Block>>,
    sha256: String,
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Text {
    pub fn new(text: impl Into<String>) -> Self {
        let text: Arc<String> = Arc::new(text.into());
        // The hash runs beside the indexing (long articles: both take tens of milliseconds).
        std::thread::scope(|scope| {
            let hashing =
                (text.len() > 1 << 20).then(|| scope.spawn(|| sha256_hex(text.as_bytes())));
            let (checkpoints, char_len) = if text.is_ascii() {
                (Vec::new(), text.len())
            } else {
                checkpoints_of(&text)
            };
            let mut this = Self {
                text: text.clone(),
                char_len,
                checkpoints: Arc::new(checkpoints),
                blocks: Arc::new(Vec::new()),
                sha256: String::new(),
            };
            this.blocks = Arc::new(this.split_blocks());
            this.sha256 = match hashing.map(|h| h.join()) {
                Some(Ok(hash)) => hash,
                _ => sha256_hex(text.as_bytes()),
            };
            this
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    pub fn is_ascii(&self) -> bool {
        self.checkpoints.is_empty() && self.text.len() == self.char_len
    }

    /// Byte offset of code point `char_offset` (clamped to the end of the text).
    pub fn char_to_byte(&self, char_offset: usize) -> usize {
        if char_offset >= self.char_len {
            return self.text.len();
        }
        if self.is_ascii() {
            return char_offset;
        }
        let checkpoint = char_offset / CHECKPOINT_EVERY;
        let mut byte = self.checkpoints[checkpoint];
        let mut remaining = char_offset - checkpoint * CHECKPOINT_EVERY;
        let bytes = self.text.as_bytes();
        while remaining > 0 {
            byte += utf8_len(bytes[byte]);
            remaining -= 1;
        }
        byte
    }

    /// Code point offset of byte offset `byte` (which must be on a char boundary; clamped).
    pub fn byte_to_char(&self, byte: usize) -> usize {
        if byte >= self.text.len() {
            return self.char_len;
        }
        if self.is_ascii() {
            return byte;
        }
        let checkpoint = match self.checkpoints.binary_search(&byte) {
            Ok(exact) => return exact * CHECKPOINT_EVERY,
            Err(next) => next - 1,
        };
        let start = self.checkpoints[checkpoint];
        checkpoint * CHECKPOINT_EVERY + self.text[start..byte].chars().count()
    }

    pub fn byte_range(&self, chars: Range<usize>) -> Range<usize> {
        self.char_to_byte(chars.start)..self.char_to_byte(chars.end)
    }

    /// The text between two code point offsets (clamped to the text).
    pub fn slice(&self, chars: Range<usize>) -> &str {
        let bytes = self.byte_range(chars);
        &self.text[bytes]
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Index of the block holding `char_offset`; offsets in a line terminator belong to the
    /// block before it, offsets past the end to the last block.
    pub fn block_at(&self, char_offset: usize) -> usize {
        match self
            .blocks
            .binary_search_by(|b| b.chars.start.cmp(&char_offset))
        {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    fn split_blocks(&self) -> Vec<Block> {
        let mut blocks = Vec::new();
        let text: &str = &self.text;
        let mut line_start_byte = 0;
        let mut line_start_char = 0;
        let push_line =
            |blocks: &mut Vec<Block>, start_byte: usize, start_char: usize, line: &str| {
                // Strip a trailing \r from the displayed block (the text itself keeps it).
                let line = line.strip_suffix('\r').unwrap_or(line);
                cut_line(blocks, start_byte, start_char, line);
            };
        for (newline_byte, _) in text.match_indices('\n') {
            let line = &text[line_start_byte..newline_byte];
            // (`chars().count()` counts a word at a time.)
            let line_chars = if self.is_ascii() {
                line.len()
            } else {
                line.chars().count()
            };
            push_line(&mut blocks, line_start_byte, line_start_char, line);
            line_start_byte = newline_byte + 1;
            line_start_char += line_chars + 1;
        }
        push_line(
            &mut blocks,
            line_start_byte,
            line_start_char,
            &text[line_start_byte..],
        );
        blocks
    }
}

/// Cut one line into blocks of at most [`MAX_BLOCK_CHARS`], preferring a cut after whitespace.
fn cut_line(blocks: &mut Vec<Block>, start_byte: usize, start_char: usize, line: &str) {
    let mut piece_start_byte = 0;
    let mut piece_start_char = start_char;
    let mut continues_line = false;
    // Almost every line is short enough in bytes already: one block, no character walk.
    if line.len() <= MAX_BLOCK_CHARS {
        blocks.push(Block {
            chars: start_char..start_char + line.chars().count(),
            bytes: start_byte..start_byte + line.len(),
            continues_line: false,
        });
        return;
    }
    loop {
        let rest = &line[piece_start_byte..];
        // Find the byte offset after MAX_BLOCK_CHARS chars, if the rest is longer.
        let Some((limit_byte, _)) = rest.char_indices().nth(MAX_BLOCK_CHARS) else {
            let chars = rest.chars().count();
            blocks.push(Block {
                chars: piece_start_char..piece_start_char + chars,
                bytes: start_byte + piece_start_byte..start_byte + line.len(),
                continues_line,
            });
            return;
        };
        // Cut after the last whitespace in the second half of the piece, else at the limit.
        let window = &rest[..limit_byte];
        let cut = window
            .char_indices()
            .rev()
            .take(MAX_BLOCK_CHARS / 2)
            .find(|(_, c)| c.is_whitespace())
            .map(|(b, c)| b + c.len_utf8())
            .unwrap_or(limit_byte);
        let chars = rest[..cut].chars().count();
        blocks.push(Block {
            chars: piece_start_char..piece_start_char + chars,
            bytes: start_byte + piece_start_byte..start_byte + piece_start_byte + cut,
            continues_line,
        });
        piece_start_byte += cut;
        piece_start_char += chars;
        continues_line = true;
    }
}

/// The byte offset of every [`CHECKPOINT_EVERY`]th code point, and the number of code points.
/// Counts character starts eight bytes at a time (a byte starts a character unless it is
/// `0b10xxxxxx`); as a word holds fewer than 16 characters, at most one checkpoint falls in
/// it, found from running counts of starts kept in the bytes of one integer.
fn checkpoints_of(text: &str) -> (Vec<usize>, usize) {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let every = CHECKPOINT_EVERY;
    const _: () = assert!(CHECKPOINT_EVERY > 8);
    let bytes = text.as_bytes();
    let mut checkpoints = Vec::with_capacity(bytes.len() / every + 1);
    let mut chars: usize = 0;
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    for (n, word) in words.enumerate() {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            continue;
        };
        let word = u64::from_le_bytes(word);
        // High bit of each byte set when that byte starts a character.
        let continuation = word & !(word << 1) & HIGHS;
        let starts = (!continuation & HIGHS) >> 7;
        // Byte k of `prefix` = the starts in bytes 0..=k (at most 8: no carries).
        let prefix = starts.wrapping_mul(ONES);
        let count = (prefix >> 56) as usize;
        let next = chars.next_multiple_of(every);
        if next < chars + count {
            // The checkpoint is the first byte whose prefix reaches the starts it needs.
            let need = (next - chars + 1) as u64;
            let reached = ((prefix | HIGHS) - ONES * need) & HIGHS;
            checkpoints.push(n * 8 + (reached.trailing_zeros() / 8) as usize);
        }
        chars += count;
    }
    let tail_start = bytes.len() - tail.len();
    for (k, &byte) in tail.iter().enumerate() {
        if byte & 0xC0 != 0x80 {
            if chars.is_multiple_of(every) {
                checkpoints.push(tail_start + k);
            }
            chars += 1;
        }
    }
    (checkpoints, chars)
}

fn utf8_len(first_byte: u8) -> usize {
    match first_byte {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        use std::fmt::Write;
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_and_byte_offsets_agree_with_chars() {
        let s = "“Café” — 北京 said 👍 ok\u{a0}x\n".repeat(20);
        let text = Text::new(s.as_str());
        let expected: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
        assert_eq!(text.char_len(), expected.len());
        for (c, b) in expected.iter().enumerate() {
            assert_eq!(text.char_to_byte(c), *b, "char {c}");
            assert_eq!(text.byte_to_char(*b), c, "byte {b}");
        }
        assert_eq!(text.char_to_byte(text.char_len()), s.len());
        assert_eq!(text.slice(1..5), "Café");
    }

    #[test]
    fn blocks_cover_lines_without_terminators() {
        let text = Text::new("One.\r\nTwo é.\n\nThree");
        let blocks: Vec<&str> = text
            .blocks()
            .iter()
            .map(|b| &text.as_str()[b.bytes.clone()])
            .collect();
        assert_eq!(blocks, vec!["One.", "Two é.", "", "Three"]);
        for block in text.blocks() {
            assert_eq!(
                text.slice(block.chars.clone()),
                &text.as_str()[block.bytes.clone()]
            );
        }
        assert_eq!(text.block_at(0), 0);
        assert_eq!(text.block_at(4), 0); // the \r
        assert_eq!(text.block_at(6), 1);
        assert_eq!(text.block_at(100), 3);
    }

    #[test]
    fn long_lines_are_cut_at_whitespace() {
        let line = "word ".repeat(1_000) + &"x".repeat(5_000);
        let text = Text::new(line.as_str());
        assert!(text.blocks().len() > 3);
        let mut next = 0;
        for block in text.blocks() {
            assert_eq!(block.chars.start, next);
            assert!(block.chars.len() <= MAX_BLOCK_CHARS);
            next = block.chars.end;
        }
        assert_eq!(next, text.char_len());
        assert!(
            text.blocks()[0].chars.len().is_multiple_of(5),
            "first cut after a space"
        );
    }

    proptest::proptest! {
        #[test]
        fn checkpoints_and_blocks_agree_with_a_plain_walk(
            text in "(\\PC|\n|\r\n|[a-z ]{1,40}){0,300}",
            long in 0usize..3,
        ) {
            let text = text + &"é ab".repeat(long * 700);
            let expected: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .step_by(CHECKPOINT_EVERY)
                .collect();
            let built = Text::new(text.as_str());
            proptest::prop_assert_eq!(built.char_len(), text.chars().count());
            if !text.is_ascii() {
                proptest::prop_assert_eq!(built.checkpoints.as_slice(), expected.as_slice());
            }
            let mut next = 0;
            for block in built.blocks() {
                proptest::prop_assert!(block.chars.start >= next);
                proptest::prop_assert!(block.chars.len() <= MAX_BLOCK_CHARS);
                proptest::prop_assert_eq!(
                    built.slice(block.chars.clone()),
                    &text[block.bytes.clone()]
                );
                next = block.chars.end;
            }
        }
    }

    #[test]
    fn sha256_is_of_the_exact_bytes() {
        assert_eq!(
            Text::new("").sha256(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
