//! Word boundaries (Unicode UAX #29 via `unicode-segmentation`) for snapping selections,
//! double-click and word-wise keyboard moves. Work is local to one display block, so the cost
//! does not depend on the length of the article.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::text::Text;

/// The pieces `split` cuts the block around `offset` into, as code point ranges.
fn block_pieces<'t, I>(
    text: &'t Text,
    offset: usize,
    split: impl FnOnce(&'t str) -> I,
) -> Vec<Range<usize>>
where
    I: Iterator<Item = &'t str>,
{
    let Some(block) = text.blocks().get(text.block_at(offset)) else {
        return Vec::new();
    };
    let block_text = &text.as_str()[block.bytes.clone()];
    let mut out = Vec::new();
    let mut char_pos = block.chars.start;
    for piece in split(block_text) {
        let len = piece.chars().count();
        out.push(char_pos..char_pos + len);
        char_pos += len;
    }
    out
}

/// Word-bound segments of the block around `offset`, as code point ranges.
fn segments_around(text: &Text, offset: usize) -> Vec<Range<usize>> {
    block_pieces(text, offset, |block| block.split_word_bounds())
}

/// The user-perceived characters (extended grapheme clusters: a letter with its vowel marks,
/// an emoji sequence) of the block around `offset`, as code point ranges.
fn graphemes_around(text: &Text, offset: usize) -> Vec<Range<usize>> {
    block_pieces(text, offset, |block| block.graphemes(true))
}

/// `offset` moved to the nearest edge of the character the user sees (grapheme cluster) it
/// falls inside, towards `forward`'s side; unchanged at an edge. A caret never stands between
/// a letter and its combining mark.
pub fn grapheme_edge(text: &Text, offset: usize, forward: bool) -> usize {
    match graphemes_around(text, offset)
        .into_iter()
        .find(|g| g.start < offset && offset < g.end)
    {
        Some(g) if forward => g.end,
        Some(g) => g.start,
        None => offset,
    }
}

/// `range` grown to whole user-perceived characters, so that a span never splits a letter from
/// its vowel marks or an emoji sequence.
pub fn whole_graphemes(text: &Text, range: Range<usize>) -> Range<usize> {
    let start = grapheme_edge(text, range.start, false);
    let end = grapheme_edge(text, range.end, true);
    start..end.max(start)
}

fn is_space(text: &Text, range: &Range<usize>) -> bool {
    text.slice(range.clone()).chars().all(char::is_whitespace)
}

/// The word (or single punctuation mark) at `offset`; `None` on whitespace or past the end.
pub fn word_at(text: &Text, offset: usize) -> Option<Range<usize>> {
    segments_around(text, offset)
        .into_iter()
        .find(|r| r.contains(&offset))
        .filter(|r| !is_space(text, r))
}

/// Grow a selection to whole words, then trim surrounding whitespace. `None` if nothing but
/// whitespace is left.
pub fn snap_to_words(text: &Text, range: Range<usize>) -> Option<Range<usize>> {
    let len = text.char_len();
    let mut start = range.start.min(len);
    let mut end = range.end.min(len);
    if start >= end {
        return None;
    }
    if let Some(word) = segments_around(text, start)
        .into_iter()
        .find(|r| r.contains(&start))
        && !is_space(text, &word)
    {
        start = word.start;
    }
    if let Some(word) = segments_around(text, end - 1)
        .into_iter()
        .find(|r| r.contains(&(end - 1)))
        && !is_space(text, &word)
    {
        end = word.end;
    }
    trim_whitespace(text, start..end)
}

/// Trim whitespace (including no-break spaces and line ends) from both ends.
pub fn trim_whitespace(text: &Text, range: Range<usize>) -> Option<Range<usize>> {
    let slice = text.slice(range.clone());
    let leading = slice.chars().take_while(|c| c.is_whitespace()).count();
    let total = slice.chars().count();
    if leading == total {
        return None;
    }
    let trailing = slice
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    Some(range.start + leading..range.end - trailing)
}

/// The next word start after `offset` (for Ctrl+Right), or the end of the text.
pub fn next_word_boundary(text: &Text, offset: usize) -> usize {
    let len = text.char_len();
    let mut pos = offset;
    while pos < len {
        let segments = segments_around(text, pos);
        if let Some(next) = segments
            .iter()
            .find(|r| r.start > offset && !is_space(text, r))
        {
            return next.start;
        }
        // Move to the next block.
        let block = text.block_at(pos);
        match text.blocks().get(block + 1) {
            Some(b) => {
                if b.chars.start > offset
                    && !b.chars.is_empty()
                    && !text
                        .slice(b.chars.start..b.chars.start + 1)
                        .chars()
                        .all(char::is_whitespace)
                {
                    return b.chars.start;
                }
                pos = b.chars.start.max(pos + 1);
            }
            None => return len,
        }
    }
    len
}

/// The previous word start before `offset` (for Ctrl+Left), or 0.
pub fn previous_word_boundary(text: &Text, offset: usize) -> usize {
    let mut pos = offset;
    loop {
        let segments = segments_around(text, pos.saturating_sub(1));
        if let Some(previous) = segments
            .iter()
            .rev()
            .find(|r| r.start < offset && !is_space(text, r))
        {
            return previous.start;
        }
        let block = text.block_at(pos.saturating_sub(1));
        if block == 0 {
            return 0;
        }
        pos = text.blocks()[block - 1].chars.end;
        if pos == 0 {
            return 0;
        }
    }
}

/// Where a span's boundary goes when moved by a word (Ctrl+Alt+arrows): a start moves to the
/// start of the next word (over punctuation: "minister, Orla" from `m` goes to `O`) or of the
/// previous one; an end moves to the end of the next word, or back to the end of the word
/// before the last one it holds (with the spaces and punctuation after that word left out).
pub fn boundary_by_word(text: &Text, range: Range<usize>, start: bool, forward: bool) -> usize {
    let len = text.char_len();
    let letter_at = |at: usize| {
        text.slice(at..(at + 1).min(len))
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    };
    match (start, forward) {
        (true, true) => {
            let mut at = next_word_boundary(text, range.start);
            while at < len && !letter_at(at) {
                at = next_word_boundary(text, at);
            }
            at
        }
        (true, false) => {
            let mut at = previous_word_boundary(text, range.start);
            while at > 0 && !letter_at(at) {
                at = previous_word_boundary(text, at);
            }
            at
        }
        (false, true) => {
            let mut at = word_end_after(text, range.end);
            while at < len && at > 0 && !letter_at(at - 1) {
                at = word_end_after(text, at);
            }
            at
        }
        (false, false) => {
            let mut at = previous_word_boundary(text, range.end);
            // From inside or at the end of the last word: back over what precedes it.
            while at > range.start && !letter_at(at - 1) {
                at -= 1;
            }
            at
        }
    }
}

/// The end of the word after `offset` (Ctrl+Shift+Right extends to the word's end), looking at
/// most 200 characters ahead; else the next word boundary.
pub fn word_end_after(text: &Text, offset: usize) -> usize {
    let len = text.char_len();
    let mut position = offset;
    while position < len {
        if let Some(word) = word_at(text, position)
            && word.end > offset
        {
            return word.end;
        }
        position += 1;
        if position > offset + 200 {
            break;
        }
    }
    next_word_boundary(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_boundary_moves_by_words_over_punctuation_and_spaces() {
        let text = Text::new("The minister, Orla Dempsey, said so.");
        let at = |s: &str| text.as_str().find(s).unwrap();
        // "minister, Orla Dempsey": the start steps to Orla, then back to minister.
        let span = at("minister")..at(", said");
        assert_eq!(
            boundary_by_word(&text, span.clone(), true, true),
            at("Orla")
        );
        assert_eq!(
            boundary_by_word(&text, at("Orla")..span.end, true, false),
            at("minister")
        );
        // The end steps back to "Orla" (the comma and space left out), then on to "said".
        assert_eq!(
            boundary_by_word(&text, span.clone(), false, false),
            at(" Dempsey")
        );
        assert_eq!(
            boundary_by_word(&text, span, false, true),
            at("said") + "said".len()
        );
    }

    fn text() -> Text {
        Text::new("“Prices rose,” said Ana\u{a0}Lúcia Ferreira of 北京 Group 👍.\nNext line here")
    }

    fn snapped(t: &Text, a: usize, b: usize) -> Option<String> {
        snap_to_words(t, a..b).map(|r| t.slice(r).to_string())
    }

    #[test]
    fn snapping_grows_to_words_and_trims_spaces() {
        let t = text();
        // "ices ro" -> "Prices rose"
        assert_eq!(snapped(&t, 3, 10).as_deref(), Some("Prices rose"));
        // " said " -> "said"
        assert_eq!(snapped(&t, 14, 20).as_deref(), Some("said"));
        // inside "Lúcia" across the no-break space
        assert_eq!(snapped(&t, 22, 27).as_deref(), Some("Ana\u{a0}Lúcia"));
        assert_eq!(snapped(&t, 14, 15), None);
    }

    #[test]
    fn word_at_handles_non_ascii() {
        let t = text();
        let lucia = t.as_str().chars().position(|c| c == 'ú').expect("ú");
        assert_eq!(
            word_at(&t, lucia)
                .map(|r| t.slice(r).to_string())
                .as_deref(),
            Some("Lúcia")
        );
        let emoji = t.as_str().chars().position(|c| c == '👍').expect("emoji");
        assert_eq!(word_at(&t, emoji).map(|r| r.len()), Some(1));
        assert_eq!(word_at(&t, 14), None);
    }

    #[test]
    fn carets_and_spans_keep_a_letter_with_its_marks() {
        // نُستشر: the damma (U+064F) belongs to the nūn before it; a family emoji is one.
        let t = Text::new("لم نُستشر 👨\u{200d}👩\u{200d}👧 ok");
        let nun = t.as_str().chars().position(|c| c == 'ن').expect("nūn");
        assert_eq!(grapheme_edge(&t, nun + 1, true), nun + 2);
        assert_eq!(grapheme_edge(&t, nun + 1, false), nun);
        assert_eq!(grapheme_edge(&t, nun, true), nun);
        assert_eq!(whole_graphemes(&t, nun..nun + 1), nun..nun + 2);
        assert_eq!(t.slice(whole_graphemes(&t, nun..nun + 1)), "نُ");
        let family = t.as_str().chars().position(|c| c == '👨').expect("emoji");
        assert_eq!(
            whole_graphemes(&t, family + 1..family + 2),
            family..family + 5
        );
        // Plain letters are their own clusters: nothing moves.
        let ok = t.char_len() - 2;
        assert_eq!(whole_graphemes(&t, ok..ok + 1), ok..ok + 1);
    }

    #[test]
    fn word_moves_cross_lines() {
        let t = text();
        let newline = t.as_str().chars().position(|c| c == '\n').expect("newline");
        let after = next_word_boundary(&t, newline - 1);
        assert_eq!(t.slice(after..after + 4), "Next");
        assert_eq!(previous_word_boundary(&t, after), newline - 1); // the "."
        assert_eq!(next_word_boundary(&t, 0), 1);
        assert_eq!(previous_word_boundary(&t, 1), 0);
        assert_eq!(next_word_boundary(&t, t.char_len()), t.char_len());
    }
}
