//! Finding text in the article: every occurrence of a string, as code point ranges.

use std::ops::Range;

use super::edit::Edit;
use super::set::AnnotationSet;
use super::span::Span;
use super::text::Text;

/// How to match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindOptions {
    /// Upper and lower case differ (off: "okafor" finds "Okafor").
    pub match_case: bool,
    /// Only whole words: no letter or digit right before or after a match.
    pub whole_words: bool,
}

/// At most this many matches are returned (the count says "at least").
pub const MAX_MATCHES: usize = 100_000;

/// Every occurrence of `needle` in `text`, in order, not overlapping, as code point ranges.
pub fn find_all(text: &Text, needle: &str, options: FindOptions) -> Vec<Range<usize>> {
    find_all_bytes(text.as_str(), needle, options)
        .into_iter()
        .map(|r| text.byte_to_char(r.start)..text.byte_to_char(r.end))
        .collect()
}

/// [`find_all`] on a plain string, as UTF-8 byte ranges (for searching many texts without
/// indexing each: the corpus find).
pub fn find_all_bytes(haystack: &str, needle: &str, options: FindOptions) -> Vec<Range<usize>> {
    let pattern: Vec<char> = needle.chars().collect();
    if pattern.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    // Arabic and Hebrew are mostly written without their vowel marks: a (non-ASCII) needle
    // without any finds the words with or without them ("عمان" finds "عمّان"), as browsers'
    // find does.
    let skip_marks = !pattern.iter().copied().any(is_vowel_mark);
    if needle.is_ascii() {
        // Byte search: exact, or ASCII case folded (an ASCII needle matches only ASCII).
        let pattern = needle.as_bytes();
        let bytes = haystack.as_bytes();
        let same = |a: u8, b: u8| {
            if options.match_case {
                a == b
            } else {
                a.eq_ignore_ascii_case(&b)
            }
        };
        // Candidates by their first byte (either case), found with memchr.
        let first = pattern[0];
        let (one, other) = if options.match_case {
            (first, first)
        } else {
            (first.to_ascii_lowercase(), first.to_ascii_uppercase())
        };
        let mut at = 0;
        while found.len() < MAX_MATCHES {
            let Some(offset) = memchr::memchr2(one, other, &bytes[at..]) else {
                break;
            };
            let start = at + offset;
            let end = start + pattern.len();
            if end > bytes.len() {
                break;
            }
            if bytes[start..end]
                .iter()
                .zip(pattern)
                .all(|(&a, &b)| same(a, b))
                && haystack.is_char_boundary(start)
                && haystack.is_char_boundary(end)
                && (!options.whole_words || whole_word(haystack, start, end))
            {
                found.push(start..end);
                at = end;
                continue;
            }
            at = start + 1;
        }
        return found;
    }
    // Unicode case folding (each character folds to its lower case). Candidates are found by
    // scanning bytes for the first byte of any spelling of the first character, then checked
    // a character at a time: no per-character work on the rest of the text.
    let fold = |c: char| -> char {
        if options.match_case {
            c
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let pattern: Vec<char> = pattern.into_iter().map(fold).collect();
    let mut first_bytes: Vec<u8> = Vec::new();
    for variant in [pattern[0]]
        .into_iter()
        .chain(pattern[0].to_uppercase())
        .filter(|&v| fold(v) == pattern[0])
    {
        let mut buf = [0u8; 4];
        let byte = variant.encode_utf8(&mut buf).as_bytes()[0];
        if !first_bytes.contains(&byte) {
            first_bytes.push(byte);
        }
    }
    let bytes = haystack.as_bytes();
    let mut at = 0;
    while found.len() < MAX_MATCHES {
        let rest = &bytes[at..];
        let candidate = match first_bytes[..] {
            [one] => memchr::memchr(one, rest),
            [one, two] => memchr::memchr2(one, two, rest),
            [one, two, three] => memchr::memchr3(one, two, three, rest),
            _ => rest.iter().position(|b| first_bytes.contains(b)),
        };
        let Some(offset) = candidate else {
            break;
        };
        let start = at + offset;
        at = start + 1;
        if !haystack.is_char_boundary(start) {
            continue;
        }
        let mut end = start;
        let mut chars = haystack[start..].chars().peekable();
        let matched = pattern.iter().all(|&p| match chars.next() {
            Some(c) if fold(c) == p => {
                end += c.len_utf8();
                // The letter's own marks are part of it (and of the match).
                while skip_marks && let Some(&mark) = chars.peek().filter(|&&m| is_vowel_mark(m)) {
                    end += mark.len_utf8();
                    chars.next();
                }
                true
            }
            _ => false,
        });
        if matched && (!options.whole_words || whole_word(haystack, start, end)) {
            found.push(start..end);
            at = end;
        }
    }
    found
}

/// Vowel and cantillation marks of Arabic (ḥarakāt, shadda, sukūn, Quranic marks, the
/// tatweel that stretches a word) and Hebrew (niqqud, teʿamim), which find looks through
/// when the needle has none. Hebrew punctuation among them (maqaf, paseq, sof pasuq, nun
/// hafukha) is not a mark.
pub fn is_vowel_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0591}'..='\u{05BD}' | '\u{05BF}' | '\u{05C1}' | '\u{05C2}' | '\u{05C4}'
        | '\u{05C5}' | '\u{05C7}')
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..start].chars().next_back().is_none_or(|c| !word(c));
    let after = text[end..].chars().next().is_none_or(|c| !word(c));
    before && after
}

/// What [`label_all`] would do: the edit and its counts.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelAll {
    pub edit: Edit,
    /// New spans the edit adds.
    pub added: usize,
    /// Matches that already are a span with that label.
    pub already: usize,
    /// Matches inside a longer span with that label ("Okafor" in "Daniel Okafor"): left
    /// alone, as a span of one label inside another of the same label is almost never meant.
    pub inside: usize,
}

/// One edit labelling every range in `matches` with `label`, leaving out ranges that already
/// have a span with that label (so doing it twice adds nothing) or lie inside a longer one.
pub fn label_all(set: &mut AnnotationSet, matches: &[Range<usize>], label: &str) -> LabelAll {
    let mut edits = Vec::new();
    let (mut already, mut inside) = (0, 0);
    for range in matches {
        if set.find_same(label, range.clone()).is_some() {
            already += 1;
        } else if set
            .spans_overlapping(range.clone())
            .iter()
            .any(|s| s.label == label && s.start <= range.start && range.end <= s.end)
        {
            inside += 1;
        } else {
            edits.push(Edit::AddSpan(Span::new(
                set.new_span_id(),
                label,
                range.clone(),
            )));
        }
    }
    LabelAll {
        added: edits.len(),
        edit: Edit::Batch(edits),
        already,
        inside,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, History, Schema, edit};

    fn find(text: &str, needle: &str, match_case: bool, whole_words: bool) -> Vec<String> {
        let built = Text::new(text);
        find_all(
            &built,
            needle,
            FindOptions {
                match_case,
                whole_words,
            },
        )
        .into_iter()
        .map(|r| built.slice(r).to_string())
        .collect()
    }

    #[test]
    fn finds_every_occurrence_with_code_point_offsets() {
        let text = "Zürich: Okafor met OKAFOR; okafors. “Okafor” 👍 Okafor";
        assert_eq!(find(text, "Okafor", true, false).len(), 3);
        assert_eq!(find(text, "okafor", false, false).len(), 5);
        assert_eq!(find(text, "okafor", false, true).len(), 4, "not okafors");
        let built = Text::new(text);
        let last = find_all(&built, "Okafor", FindOptions::default())
            .pop()
            .unwrap();
        assert_eq!(last, 47..53, "after the emoji: code points, not bytes");
        // Vowel marks: a needle without them finds the words with them, and the match takes
        // the last letter's marks; a needle with them finds exactly that spelling.
        let text = "لم نُستشر في عمّان، عمان";
        assert_eq!(find(text, "نستشر", false, false), vec!["نُستشر"]);
        assert_eq!(find(text, "عمان", true, true), vec!["عمّان", "عمان"]);
        assert_eq!(find(text, "عمّان", false, false), vec!["عمّان"]);
        assert_eq!(find("שָׁלוֹם שלום", "שלום", false, true).len(), 2);
        // Non-ASCII needles fold case too.
        assert_eq!(
            find("ZÜRICH zürich Zurich", "zürich", false, false).len(),
            2
        );
        assert_eq!(find("ZÜRICH zürich", "zürich", true, false), vec!["zürich"]);
        assert!(find("abc", "", false, false).is_empty());
        // Matches do not overlap.
        assert_eq!(find("aaaa", "aa", false, false).len(), 2);
    }

    /// The definition, slowly: at each character, do the folded characters match?
    fn reference(text: &str, needle: &str, options: FindOptions) -> Vec<Range<usize>> {
        let fold = |c: char| {
            if options.match_case {
                c
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        };
        let chars: Vec<char> = text.chars().collect();
        let pattern: Vec<char> = needle.chars().map(fold).collect();
        let skip = !needle.is_ascii() && !pattern.iter().copied().any(is_vowel_mark);
        let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
        let mut found = Vec::new();
        let mut i = 0;
        while !pattern.is_empty() && i < chars.len() {
            // Each pattern character, then the marks the text puts on it.
            let mut end = Some(i);
            for &p in &pattern {
                end = end.filter(|&j| chars.get(j).is_some_and(|&c| fold(c) == p));
                if let Some(j) = &mut end {
                    *j += 1;
                    while skip && chars.get(*j).copied().is_some_and(is_vowel_mark) {
                        *j += 1;
                    }
                }
            }
            let matched = end.filter(|&end| {
                let whole =
                    !word(i.checked_sub(1).and_then(|j| chars.get(j))) && !word(chars.get(end));
                !options.whole_words || whole
            });
            if let Some(end) = matched {
                found.push(i..end);
                i = end;
            } else {
                i += 1;
            }
        }
        found
    }

    proptest::proptest! {
        #[test]
        fn matches_agree_with_the_definition(
            text in "[aAäÄßéÉz _1👍بت\u{064E}\u{064F}\u{0651}\u{05B8}]{0,60}",
            needle in "[aAäÄéz بت\u{064E}]{1,3}",
            match_case in proptest::bool::ANY,
            whole_words in proptest::bool::ANY,
        ) {
            let options = FindOptions { match_case, whole_words };
            let built = Text::new(text.as_str());
            proptest::prop_assert_eq!(
                find_all(&built, &needle, options),
                reference(&text, &needle, options)
            );
        }
    }

    #[test]
    fn labelling_all_matches_is_one_edit_and_never_repeats() {
        let mut set = AnnotationSet::new(
            Document::new("Okafor said no. Then Okafor left. Okafor!"),
            Schema::default(),
        );
        let matches = find_all(set.text(), "Okafor", FindOptions::default());
        let mut history = History::new();
        let first = label_all(&mut set, &matches, "PERSON");
        assert_eq!((first.added, first.already, first.inside), (3, 0, 0));
        history.apply(&mut set, first.edit).unwrap();
        let again = label_all(&mut set, &matches, "PERSON");
        assert_eq!((again.added, again.already, again.inside), (0, 3, 0));
        assert_eq!(again.edit, Edit::Batch(Vec::new()));
        history.undo(&mut set).unwrap();
        assert_eq!(set.span_count(), 0, "one undo");
        // A match inside a longer span of the label is left alone, counted apart.
        let mut set = AnnotationSet::new(
            Document::new("Daniel Okafor said no. Okafor left."),
            Schema::default(),
        );
        let whole = edit::add_span(&mut set, "PERSON", 0..13);
        edit::apply(&mut set, whole).unwrap();
        let matches = find_all(set.text(), "Okafor", FindOptions::default());
        let done = label_all(&mut set, &matches, "PERSON");
        assert_eq!((done.added, done.already, done.inside), (1, 0, 1));
        let other = label_all(&mut set, &matches, "ORG");
        assert_eq!(other.added, 2, "another label may sit inside");
    }
}
