//! Quotes labelled with who says them, with no speech verb: a name or an organisation and a
//! colon before the quote (`Lena Marsh: “Q”`, `National Association of Counties: “Q”`), a
//! label line above it, or a dash and a name after it (`“Q.” — Jane Roe, product lead`).

use foldhash::HashSet;
use std::ops::Range;

use super::names;
use super::speakers::{lower, sentence_start};
use super::tokens::{Kind, Tokens, strip_possessive};

/// The person a quote with no speech verb is labelled with: a name and a colon right before
/// it, alone in its sentence (`Lena Marsh: “Q”`), or a possessive name and a few lower-case
/// words (`Maria Soto's take: “Q”`, `Kim Lee's advice to new hires: “Q”`); or a dash and a
/// name right after its closing mark (`“Q.” — Jane Roe, product lead`). The name's range.
pub fn label_name(
    tokens: &Tokens,
    open: usize,
    close: Option<usize>,
    closes: &HashSet<usize>,
) -> Option<Range<usize>> {
    let open_token = tokens.first_at_or_after(open);
    if open_token > 0 && tokens.punct(open_token - 1) == Some(':') {
        let colon = open_token - 1;
        let start = sentence_start(tokens, colon, closes);
        // ("Lena Park: “Q”": a family name that is a place word, right before the colon.)
        let name = names::name_at(tokens, start).or_else(|| {
            (colon > start + 1)
                .then(|| names::name_despite_place_word(tokens, start, colon - 1))
                .flatten()
        });
        if let Some(name) = name
            && !name.is_org
            && name.first_token == start
        {
            let after = name.last_token + 1;
            let possessive = tokens
                .word(name.last_token)
                .is_some_and(|w| strip_possessive(w) != w);
            let label_words = (after..colon).all(|k| {
                lower(tokens, k).is_some_and(|w| w.chars().all(char::is_alphabetic))
                    && tokens
                        .word(k)
                        .is_some_and(|w| !w.starts_with(char::is_uppercase))
            });
            if after == colon || (possessive && label_words && colon - after <= 4) {
                return Some(name.range);
            }
        }
        // "- Secretary of the Interior Deb Haaland: “Q”" (a release's list of quotes): a
        // title's phrase, then the name right before the colon, alone in its sentence (a
        // bullet's dash before it).
        let mut from = start;
        while matches!(tokens.punct(from), Some('-' | '–' | '—' | '•' | '*')) && from < colon
        {
            from += 1;
        }
        if let Some(name) = colon
            .checked_sub(1)
            .and_then(|k| names::name_ending_at(tokens, k))
            && !name.is_org
            && name.word_count(tokens) >= 2
            && name.first_token > from
            && tokens.word(from).is_some_and(names::is_title)
            && (from..name.first_token).all(|k| {
                tokens.word(k).is_some_and(|w| {
                    w.starts_with(char::is_uppercase)
                        || matches!(w, "of" | "for" | "the" | "and" | "on")
                })
            })
        {
            return Some(name.range);
        }
    }
    if let Some(range) = label_line(tokens, open_token) {
        return Some(range);
    }
    let close = close?;
    let next = tokens.first_at_or_after(close + 1);
    // A dash, or two hyphens typed for one ("“Q.” -- Maximus").
    let dash = match tokens.punct(next) {
        Some('—' | '–') => Some(next + 1),
        Some('-') if tokens.punct(next + 1) == Some('-') => Some(next + 2),
        _ => None,
    };
    let line_break = tokens.tokens[open_token..next]
        .iter()
        .any(|t| t.kind == Kind::Break);
    if let Some(at) = dash
        && !line_break
    {
        let line_ends = |k: usize| tokens.tokens.get(k).is_none_or(|t| t.kind == Kind::Break);
        let name = names::name_at(tokens, at)
            .or_else(|| {
                // "“Q.” — Lena Park, mission manager"
                let last = (at + 1..at + 3)
                    .find(|&k| tokens.word(k + 1).is_none() && tokens.word(k).is_some())?;
                names::name_despite_place_word(tokens, at, last)
            })
            .or_else(|| {
                // "“Q.” -- Maximus": one capitalised word ending the line signs the quote.
                (tokens.word(at).is_some_and(super::tokens::is_capitalised)
                    && !tokens.word(at).is_some_and(names::is_title)
                    && line_ends(at + 1))
                .then(|| names::single_word(tokens, at))
            })?;
        return (!name.is_org).then_some(name.range);
    }
    None
}

/// The organisation a quote is labelled with, as [`label_name`] reads a person's: alone on
/// its line before a colon ("National Association of Counties: “Q”") or after a dash at the
/// end of the line ("“Q.” – National Rural Electric Cooperative Association"). Its range.
pub fn label_organisation(
    tokens: &Tokens,
    open: usize,
    close: Option<usize>,
) -> Option<Range<usize>> {
    let open_token = tokens.first_at_or_after(open);
    let line_start = |k: usize| k == 0 || tokens.tokens[k - 1].kind == Kind::Break;
    let whole = |at: usize| {
        names::name_at(tokens, at)
            .filter(|n| n.is_org && n.first_token == at)
            .map(|n| names::whole_organisation(tokens, n))
    };
    if open_token > 1 && tokens.punct(open_token - 1) == Some(':') {
        let colon = open_token - 1;
        let start = (0..colon).rev().take(12).find(|&k| line_start(k))?;
        let org = whole(start)?;
        return (org.last_token + 1 == colon).then_some(org.range);
    }
    let close = close?;
    let next = tokens.first_at_or_after(close + 1);
    if !tokens.punct(next).is_some_and(|c| matches!(c, '—' | '–'))
        || tokens.tokens[open_token..next]
            .iter()
            .any(|t| t.kind == Kind::Break)
    {
        return None;
    }
    let org = whole(next + 1)?;
    let after = org.last_token + 1;
    let ends = tokens
        .tokens
        .get(after)
        .is_none_or(|t| t.kind == Kind::Break)
        || (tokens.punct(after) == Some('.')
            && tokens
                .tokens
                .get(after + 1)
                .is_none_or(|t| t.kind == Kind::Break));
    ends.then_some(org.range)
}

/// A line that is only a name with its title, no colon, right before a quote that opens the
/// next line (a statement under its author's name: "Vermont Gas President and CEO Neale F.
/// Lunderville" then "“Q”"): the name's range.
fn label_line(tokens: &Tokens, open_token: usize) -> Option<Range<usize>> {
    let breaks = (0..open_token)
        .rev()
        .take_while(|&k| tokens.tokens[k].kind == Kind::Break)
        .count();
    if !(1..=2).contains(&breaks) || open_token < breaks + 2 {
        return None;
    }
    let last = open_token - breaks - 1;
    let start = (0..=last)
        .rev()
        .take(16)
        .find(|&k| k == 0 || tokens.tokens[k - 1].kind == Kind::Break)?;
    // Capitalised words, initials and the joiners of a title; no sentence. A comma may
    // follow the name, then the body or place it speaks for ("Tribal Chairman Ray Redhorse,
    // Walker River Paiute Tribe").
    let comma = (start..=last).find(|&k| tokens.punct(k) == Some(','));
    let no_sentence = (start..=last).all(|k| match tokens.word(k) {
        Some(w) => {
            w.starts_with(char::is_uppercase) || matches!(w, "and" | "of" | "the" | "for" | "&")
        }
        None => {
            (tokens.punct(k) == Some('.') && super::speakers::is_abbreviation(tokens, k))
                || Some(k) == comma
        }
    });
    let name_last = comma.map_or(last, |c| c.saturating_sub(1));
    if !no_sentence || name_last < start + 1 || comma == Some(last) {
        return None;
    }
    let name = names::name_ending_at(tokens, name_last)?;
    (!name.is_org && name.word_count(tokens) >= 2).then_some(name.range)
}

/// The title a quote is labelled with, alone in its sentence before a colon ("The President:
/// “Q”", "The President and First Lady: “Q”", a release's headline): "The" and capitalised
/// titles, the first of a pair joined by "and" speaking for both. Its range, "The" included.
pub fn label_title(tokens: &Tokens, open: usize, closes: &HashSet<usize>) -> Option<Range<usize>> {
    let open_token = tokens.first_at_or_after(open);
    let colon = open_token.checked_sub(1)?;
    if tokens.punct(colon) != Some(':') {
        return None;
    }
    let start = sentence_start(tokens, colon, closes);
    if tokens.word(start) != Some("The") {
        return None;
    }
    let is_title = |k: usize| {
        tokens
            .word(k)
            .is_some_and(|w| w.starts_with(char::is_uppercase) && names::is_title(w))
    };
    let titles = |from: usize| (from..colon).take_while(|&k| is_title(k)).last();
    let first_end = titles(start + 1)?;
    let mut end = first_end + 1;
    if end < colon && lower(tokens, end) == Some("and") {
        let mut k = end + 1;
        if lower(tokens, k) == Some("the") {
            k += 1;
        }
        end = titles(k)? + 1;
    }
    (end == colon).then(|| tokens.tokens[start].start..tokens.tokens[first_end].end)
}
