//! Page furniture: lines with no sentence structure, from which no names are collected.

use std::ops::Range;

use super::tokens::{Kind, Tokens, is_capitalised};

/// Lines with no sentence structure: headlines, section headings, menus and other page
/// furniture ("Large Medium Small"). A line is one when it does not end like a sentence
/// (`.` `!` `?` `:` `;` or a closing mark) and it is short (at most 12 words) or in title case
/// (most of its longer words capitalised). Names are not collected from them (known names
/// are still found there).
pub fn find(tokens: &Tokens) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for Range { start, end } in tokens.lines() {
        let last = tokens.tokens[end - 1];
        let ends_sentence = last.kind == Kind::Punct
            && matches!(
                tokens.chars[last.start],
                '.' | '!' | '?' | ':' | ';' | '”' | '"' | '»' | '’' | ')'
            );
        let words = (start..end).filter(|&i| tokens.word(i).is_some()).count();
        let title_case =
            capitalised_share(tokens, start..end).is_some_and(|(c, n)| c * 10 >= n * 6);
        if !ends_sentence && (words <= 12 || title_case) {
            found.push(tokens.tokens[start].start..last.end);
        }
    }
    found
}

/// Of the words of four letters or more among tokens `range` (numbers left out), how many are
/// capitalised and how many there are; None when there are none.
fn capitalised_share(tokens: &Tokens, range: Range<usize>) -> Option<(usize, usize)> {
    let long: Vec<&str> = range
        .filter_map(|i| tokens.word(i))
        .filter(|w| w.chars().count() >= 4 && w.starts_with(char::is_alphabetic))
        .collect();
    let capitalised = long.iter().filter(|w| is_capitalised(w)).count();
    (!long.is_empty()).then_some((capitalised, long.len()))
}

/// True when the characters `range` are written as a title, not a sentence: at least three
/// words of four letters or more, and all of them but one in five capitalised ("Building a
/// Diverse, Sustainable Pipeline for Earth Science"). Speech is written in sentence case.
pub fn is_title_case(tokens: &Tokens, range: Range<usize>) -> bool {
    let first = tokens.first_at_or_after(range.start);
    let last = tokens.first_at_or_after(range.end);
    capitalised_share(tokens, first..last).is_some_and(|(c, n)| n >= 3 && c * 10 >= n * 8)
}
