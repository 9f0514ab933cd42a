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
    let mut start = 0;
    while start < tokens.tokens.len() {
        let end = tokens.tokens[start..]
            .iter()
            .position(|t| t.kind == Kind::Break)
            .map_or(tokens.tokens.len(), |p| start + p);
        if end > start {
            let last = tokens.tokens[end - 1];
            let ends_sentence = last.kind == Kind::Punct
                && matches!(
                    tokens.chars[last.start],
                    '.' | '!' | '?' | ':' | ';' | '”' | '"' | '»' | '’' | ')'
                );
            let words: Vec<&str> = (start..end).filter_map(|i| tokens.word(i)).collect();
            let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 4).collect();
            let capitalised = long.iter().filter(|w| is_capitalised(w)).count();
            let title_case = !long.is_empty() && capitalised * 10 >= long.len() * 6;
            if !ends_sentence && (words.len() <= 12 || title_case) {
                found.push(tokens.tokens[start].start..last.end);
            }
        }
        start = end + 1;
    }
    found
}
