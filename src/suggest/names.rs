//! Names: capitalised-word runs as PERSON (or ORG) candidates, the byline, and surname
//! coreference ("Okafor" -> the earlier "Daniel Okafor", never the byline's "Lena Okafor").

use std::ops::Range;

use super::lexicon::{NOT_PERSON, ORG_WORDS, PARTICLES, SURNAME_OPENERS, TITLES};
use super::tokens::{Kind, Tokens, is_capitalised, strip_possessive};

pub fn is_title(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    TITLES.contains(&word)
}

pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// True when `word` (any case) opens a family name of more than one word.
pub fn opens_surname(word: &str) -> bool {
    SURNAME_OPENERS.contains(&word.to_lowercase().as_str())
}

/// Irish names keep a lower-case prefix before the capital ("Mac an tSaoi", "Ó hAodha").
fn is_prefixed_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    let second = chars.next();
    matches!(first, Some('t' | 'n' | 'h' | 'm' | 'b' | 'g' | 'd'))
        && second.is_some_and(char::is_uppercase)
        && word.chars().skip(2).any(char::is_lowercase)
}

fn is_name_word(word: &str) -> bool {
    let bare = strip_possessive(word);
    // "Ó" (Irish "descendant of") is a name word without a lower-case letter.
    if bare == "Ó" {
        return true;
    }
    ((is_capitalised(bare) && bare.chars().any(char::is_lowercase)) || is_prefixed_name_word(bare))
        && !bare.chars().any(|c| c.is_ascii_digit())
}

/// A lower-case word that joins name words: a particle, or Irish "an" after "Mac"/"Nic"
/// ("Niall Mac an tSaoi").
fn is_joiner(tokens: &Tokens, index: usize) -> bool {
    let Some(word) = tokens.word(index) else {
        return false;
    };
    is_particle(&word)
        || (word == "an"
            && index > 0
            && tokens
                .word(index - 1)
                .is_some_and(|w| matches!(w.as_str(), "Mac" | "Nic" | "Mhic" | "Ó" | "Ní")))
}

/// True for all-capital abbreviations that name organisations ("GDF", "NATO").
pub fn is_acronym(word: &str) -> bool {
    let bare = strip_possessive(word);
    bare.chars().count() >= 2
        && bare.chars().count() <= 6
        && bare.chars().all(|c| c.is_uppercase() || c == '&')
}

/// A name found in the tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// Without titles and possessive ending.
    pub range: Range<usize>,
    /// Token indices of the name's first and last word.
    pub first_token: usize,
    pub last_token: usize,
    pub is_org: bool,
}

impl Name {
    pub fn word_count(&self, tokens: &Tokens) -> usize {
        tokens.tokens[self.first_token..=self.last_token]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .count()
    }
}

fn build(tokens: &Tokens, first: usize, last: usize) -> Option<Name> {
    let words: Vec<String> = (first..=last).filter_map(|i| tokens.word(i)).collect();
    let last_word = words.last()?;
    let bare_last = strip_possessive(last_word);
    let end = tokens.tokens[last].start + bare_last.chars().count();
    let is_org = words.iter().any(|w| {
        let bare = strip_possessive(w);
        ORG_WORDS.contains(&bare) || is_acronym(bare)
    });
    if !is_org
        && words
            .iter()
            .any(|w| NOT_PERSON.contains(&strip_possessive(w)))
    {
        return None;
    }
    Some(Name {
        range: tokens.tokens[first].start..end,
        first_token: first,
        last_token: last,
        is_org,
    })
}

fn is_run_word(word: &str) -> bool {
    is_name_word(word) || is_acronym(word)
}

/// The name starting at token `index` (titles before it skipped): "Minister Søren
/// Kjærgaard-Thøgersen", "Marieke van Dongen", "the GDF" is not (lower-case "the").
pub fn name_at(tokens: &Tokens, index: usize) -> Option<Name> {
    let (first, last) = run_at(tokens, index)?;
    build(tokens, first, last)
}

/// A capitalised run at token `index` read as an organisation's name whatever its words
/// ("the Interior Fire Directorate": after "the", a run is not a person).
pub fn organisation_at(tokens: &Tokens, index: usize) -> Option<Name> {
    let (_, last) = run_at(tokens, index)?;
    // A title word is part of an organisation's name ("the Interior Fire Directorate").
    let first = index;
    let mut name = build(tokens, first, last).unwrap_or_else(|| {
        let word = tokens.word(last).unwrap_or_default();
        let end = tokens.tokens[last].start + strip_possessive(&word).chars().count();
        Name {
            range: tokens.tokens[first].start..end,
            first_token: first,
            last_token: last,
            is_org: true,
        }
    });
    name.is_org = true;
    Some(name)
}

/// The first and last token of the capitalised run at `index`, titles before it skipped.
fn run_at(tokens: &Tokens, index: usize) -> Option<(usize, usize)> {
    let mut first = index;
    while let Some(word) = tokens.word(first) {
        if !is_title(&word) {
            break;
        }
        first += 1;
        if tokens.punct(first) == Some('.') {
            first += 1;
        }
    }
    let word = tokens.word(first)?;
    if !is_run_word(&word) {
        return None;
    }
    let mut last = first;
    let mut next = first + 1;
    loop {
        let current = tokens.word(last).unwrap_or_default();
        if strip_possessive(&current) != current {
            break; // "Okafor's" ends the name.
        }
        match tokens.word(next) {
            Some(w) if is_run_word(&w) => {
                last = next;
                next += 1;
            }
            Some(_) if is_joiner(tokens, next) => {
                // A particle counts only between capitalised words.
                let mut after = next + 1;
                while is_joiner(tokens, after) {
                    after += 1;
                }
                if tokens.word(after).is_some_and(|w| is_name_word(&w)) {
                    last = after;
                    next = after + 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    Some((first, last))
}

/// The name whose last word is token `index` ("... Daniel Okafor" read backwards), titles
/// before it excluded.
pub fn name_ending_at(tokens: &Tokens, index: usize) -> Option<Name> {
    let word = tokens.word(index)?;
    if !is_run_word(&word) || is_title(&word) {
        return None;
    }
    let mut first = index;
    while first > 0 {
        match tokens.word(first - 1) {
            Some(w) if is_title(&w) => break,
            Some(w) if is_run_word(&w) && strip_possessive(&w) == w => first -= 1,
            Some(_) if is_joiner(tokens, first - 1) => {
                let mut before = first - 1;
                while before > 0 && is_joiner(tokens, before - 1) {
                    before -= 1;
                }
                if before > 0 && tokens.word(before - 1).is_some_and(|w| is_name_word(&w)) {
                    first = before - 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    build(tokens, first, index)
}

/// The byline ("By Lena Okafor", "By Lena Okafor and Tom Ng, Meridian Wire") among the first
/// lines: its range, so that no coreference points into it.
pub fn byline(tokens: &Tokens) -> Option<Range<usize>> {
    let mut line = 0;
    let mut index = 0;
    while index < tokens.tokens.len() && line < 6 {
        let token = tokens.tokens[index];
        if token.kind == Kind::Break {
            line += 1;
            index += 1;
            continue;
        }
        let line_start_token = index;
        let line_end_token = tokens.tokens[index..]
            .iter()
            .position(|t| t.kind == Kind::Break)
            .map_or(tokens.tokens.len(), |p| index + p);
        let first_word = tokens.word(line_start_token).unwrap_or_default();
        if matches!(first_word.as_str(), "By" | "BY" | "Von" | "Par")
            && name_at(tokens, line_start_token + 1).is_some()
            && line_end_token - line_start_token <= 16
        {
            let start = tokens.tokens[line_start_token].start;
            let end = tokens.tokens[line_end_token - 1].end;
            return Some(start..end);
        }
        index = line_end_token;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_text(text: &str, word: &str, backwards: bool) -> Option<(String, bool)> {
        let tokens = Tokens::new(text);
        let index = tokens
            .tokens
            .iter()
            .position(|t| tokens.text(t.range()) == word)
            .expect("word");
        let name = if backwards {
            name_ending_at(&tokens, index)
        } else {
            name_at(&tokens, index)
        }?;
        Some((tokens.text(name.range), name.is_org))
    }

    #[test]
    fn irish_family_names_and_streets() {
        assert_eq!(
            name_text("said Máire Ó hUiginn, who", "Máire", false),
            Some(("Máire Ó hUiginn".into(), false))
        );
        assert_eq!(
            name_text("said Ciarán Mac an tSionnaigh.", "Ciarán", false),
            Some(("Ciarán Mac an tSionnaigh".into(), false))
        );
        assert_eq!(
            name_text("and then Ó hUiginn said", "hUiginn", true),
            Some(("Ó hUiginn".into(), false))
        );
        // "an" joins only after Mac/Nic: "Bob an Apple" is not one name.
        assert_eq!(
            name_text("gave Bob an Apple", "Bob", false),
            Some(("Bob".into(), false))
        );
        // Street types and plural group nouns are not people.
        assert_eq!(
            name_text("lives on Ropewalk Lane now", "Ropewalk", false),
            None
        );
        assert_eq!(name_text("the Lowtown Tenants met", "Lowtown", false), None);
        assert_eq!(name_text("at Gull Parade", "Gull", false), None);
    }

    #[test]
    fn names_with_titles_particles_and_possessives() {
        assert_eq!(
            name_text(
                "said Minister Søren Kjærgaard-Thøgersen.",
                "Minister",
                false
            ),
            Some(("Søren Kjærgaard-Thøgersen".into(), false))
        );
        assert_eq!(
            name_text("said Marieke van Dongen, who", "Marieke", false),
            Some(("Marieke van Dongen".into(), false))
        );
        assert_eq!(
            name_text("Dr Aoife Ní Bhriain said", "Bhriain", true),
            Some(("Aoife Ní Bhriain".into(), false))
        );
        assert_eq!(
            name_text("Fatima Zahra El Idrissi said", "Idrissi", true),
            Some(("Fatima Zahra El Idrissi".into(), false))
        );
        assert_eq!(
            name_text("the GDF said", "GDF", true),
            Some(("GDF".into(), true))
        );
        assert_eq!(
            name_text("said Okafor's deputy", "Okafor's", false),
            Some(("Okafor".into(), false))
        );
        assert_eq!(name_text("On Tuesday said", "Tuesday", true), None);
    }

    #[test]
    fn byline_is_found_near_the_top() {
        let text = "Dockers strike\n\nBy Lena Okafor\n\nROTTERDAM – Daniel Okafor said.";
        let tokens = Tokens::new(text);
        let range = byline(&tokens).expect("byline");
        assert_eq!(tokens.text(range), "By Lena Okafor");
        assert_eq!(byline(&Tokens::new("By the river, he said.")), None);
    }
}
