//! A right-to-left block's words and lines: a run cut into words and the whitespace between
//! them, and greedy line breaking at whitespace, a token at a time (with the character walk it
//! is held to in debug builds and tests).

use std::ops::Range;

use super::WordId;

/// `range` cut where whitespace begins or ends: words and the whitespace between them.
/// `space` says which characters are whitespace.
#[cfg(test)]
pub(super) fn tokens(space: &[bool], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    tokens_into(space, range, &mut out);
    out
}

/// [`tokens`], appended to `out`.
pub(super) fn tokens_into(space: &[bool], range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = range.start;
    for i in range.clone() {
        if i > start && space[i] != space[start] {
            out.push(start..i);
            start = i;
        }
    }
    if start < range.end {
        out.push(start..range.end);
    }
}

/// Greedy line breaking at whitespace ([`break_lines_into`], the reference), a token at a time
/// where it can be: a word that fits adds its
/// characters' widths and is done (its running width only grows, so if it fits at its end it
/// fitted at every character), whitespace never breaks; only a word that overflows is walked
/// character by character, as [`break_lines_into`] walks everything. The same lines, compared
/// with it in debug builds and by a test.
pub(super) fn break_lines_by_token(
    space: &[bool],
    widths: &[f32],
    tokens: &[(Range<usize>, bool, WordId)],
    wrap: f32,
    lines: &mut Vec<Range<usize>>,
) {
    lines.clear();
    let mut start = 0;
    let mut x = 0.0;
    let mut last_break: Option<usize> = None;
    for (token, _, _) in tokens {
        if space[token.start] {
            for w in &widths[token.clone()] {
                x += w;
            }
            continue;
        }
        let i = token.start;
        if i > start && space[i - 1] {
            last_break = Some(i);
        }
        let mut end = x;
        let mut grows = true;
        for &w in &widths[token.clone()] {
            grows &= w >= 0.0;
            end += w;
        }
        if grows && end <= wrap {
            x = end;
            continue;
        }
        // Character by character, as `break_lines_into` does (no whitespace in a word).
        for i in token.clone() {
            let w = widths[i];
            if x + w > wrap && i > start {
                let cut = match last_break {
                    Some(b) if b > start => b,
                    _ => i,
                };
                lines.push(start..cut);
                start = cut;
                last_break = None;
                x = widths[cut..=i].iter().sum();
            } else {
                x += w;
            }
        }
    }
    if start < space.len() || lines.is_empty() {
        lines.push(start..space.len());
    }
}

/// Greedy line breaking at whitespace (a word longer than the row is cut where it overflows).
#[cfg(any(test, debug_assertions))]
pub(super) fn break_lines(space: &[bool], widths: &[f32], wrap: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    break_lines_into(space, widths, wrap, &mut lines);
    lines
}

/// [`break_lines`] into `lines` (cleared first).
#[cfg(any(test, debug_assertions))]
pub(super) fn break_lines_into(
    space: &[bool],
    widths: &[f32],
    wrap: f32,
    lines: &mut Vec<Range<usize>>,
) {
    lines.clear();
    let mut start = 0;
    let mut x = 0.0;
    // The last break opportunity in the current line (a word start after whitespace).
    let mut last_break: Option<usize> = None;
    for i in 0..space.len() {
        let w = widths[i];
        if space[i] {
            x += w;
            continue;
        }
        if i > start && space[i - 1] {
            last_break = Some(i);
        }
        if x + w > wrap && i > start {
            let cut = match last_break {
                Some(b) if b > start => b,
                _ => i,
            };
            lines.push(start..cut);
            start = cut;
            last_break = None;
            x = widths[cut..=i].iter().sum();
        } else {
            x += w;
        }
    }
    if start < space.len() || lines.is_empty() {
        lines.push(start..space.len());
    }
}
