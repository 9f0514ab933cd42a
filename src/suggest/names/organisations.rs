//! Organisations' names among the capitalised runs: a body's name read whole ("Ministry of
//! Health"), a run that is a piece of a longer body's name ("Centers for Disease Control"), and
//! a run read as a body's name whatever its words ("the Interior Fire Directorate").

use super::super::lexicon::{NOT_PERSON_SET, ORG_WORD_SET};
use super::super::tokens::{Tokens, is_capitalised, strip_possessive};
use super::words::{is_acronym, is_run_word, is_title};
use super::{Name, build, name_ending_at, run_at};

/// An organisation's name read whole: without a sentence's opening "The", and with an "of"
/// phrase after it ("Ministry of Health", "Department of the Interior").
pub fn whole_organisation(tokens: &Tokens, name: Name) -> Name {
    let mut name = without_opening_the(tokens, name);
    let possessive = tokens
        .word(name.last_token)
        .is_some_and(|w| strip_possessive(w) != w);
    if !possessive && tokens.word(name.last_token + 1) == Some("of") {
        let mut at = name.last_token + 2;
        if tokens.word(at) == Some("the") {
            at += 1;
        }
        let mut last = None;
        while let Some(word) = tokens.word(at).filter(|w| is_run_word(w)) {
            last = Some(at);
            at += 1;
            if strip_possessive(word) != word {
                break;
            }
            // "Department of Veterans' Affairs": a plural possessive inside the name.
            if word.ends_with('s')
                && matches!(tokens.punct(at), Some('’' | '\''))
                && tokens.tokens[at].start == tokens.tokens[at - 1].end
                && tokens.word(at + 1).is_some_and(is_run_word)
            {
                at += 1;
            }
        }
        if let Some(last) = last {
            let word = tokens.word(last).unwrap_or_default();
            name.last_token = last;
            name.range.end = tokens.tokens[last].start + strip_possessive(word).chars().count();
        }
    }
    name
}

/// An organisation's name without a sentence's opening "The" ("The Sunlight Trust said").
pub fn without_opening_the(tokens: &Tokens, mut name: Name) -> Name {
    if tokens.word(name.first_token) == Some("The") && name.first_token < name.last_token {
        name.first_token += 1;
        name.range.start = tokens.tokens[name.first_token].start;
    }
    name
}

/// True when the run is a piece of an organisation's longer name: it follows "of", "for",
/// "on" or "and" after a capitalised word ("Centers for Disease Control", "Office of Personnel
/// Management"), or "and" joins it to an organisation's or place's words after it ("Army
/// Training and Doctrine Command").
pub fn inside_organisation(tokens: &Tokens, name: &Name) -> bool {
    let joiner = |k: usize| {
        tokens
            .word(k)
            .is_some_and(|w| matches!(w, "of" | "for" | "on" | "and"))
    };
    let first = name.first_token;
    let before = first >= 2
        && name.title.is_none()
        && joiner(first - 1)
        && tokens
            .word(first - 2)
            .is_some_and(|w| is_capitalised(w) && !is_title(w))
        && (tokens.word(first - 1) != Some("and")
            || name.first_token == name.last_token
            || and_joins_organisation(tokens, first - 2));
    // After a person's name "of" says where they come from ("Dónal Ó Briain of Strand Road");
    // only "and" joins a name to an organisation's words.
    let after = tokens.word(name.last_token + 1) == Some("and")
        && run_at(tokens, name.last_token + 2).is_some_and(|run| {
            (run.first..=run.last).any(|k| {
                tokens.word(k).is_some_and(|w| {
                    let bare = strip_possessive(w);
                    ORG_WORD_SET.contains(bare) || NOT_PERSON_SET.contains(bare)
                })
            })
        });
    before || after
}

/// "Science" in "Office of Science and Technology Policy": the words before "and" (ending at
/// token `last`) are an organisation's, so what "and" joins to them is too. Not so for a
/// person's name ("Ellen Voss and Tom Berger").
fn and_joins_organisation(tokens: &Tokens, last: usize) -> bool {
    let mut first = last;
    while first > 0 && tokens.word(first - 1).is_some_and(is_run_word) {
        first -= 1;
    }
    let org_word = (first..=last).any(|k| {
        tokens.word(k).is_some_and(|w| {
            let bare = strip_possessive(w);
            ORG_WORD_SET.contains(bare) || is_acronym(bare) || NOT_PERSON_SET.contains(bare)
        })
    });
    let after_joiner = first > 0
        && tokens
            .word(first - 1)
            .is_some_and(|w| matches!(w, "of" | "for" | "on" | "and" | "the"));
    // "Education, Culture, Sports, Science and Technology": the last of a list of single
    // capitalised words.
    let in_list = first == last && first > 1 && tokens.punct(first - 1) == Some(',');
    // "Council President Dana Wright and Councilman Eric Stone": the words before "and" end
    // with a person's name after a title, so "and" joins two people.
    let person_before = name_ending_at(tokens, last).is_some_and(|n| {
        !n.is_org
            && n.word_count(tokens) >= 2
            && n.first_token > 0
            && tokens.word(n.first_token - 1).is_some_and(is_title)
    });
    (org_word || after_joiner || in_list) && !person_before
}

/// A capitalised run at token `index` read as an organisation's name whatever its words
/// ("the Interior Fire Directorate": after "the", a run is not a person).
pub fn organisation_at(tokens: &Tokens, index: usize) -> Option<Name> {
    let last = run_at(tokens, index)?.last;
    // A title word is part of an organisation's name ("the Interior Fire Directorate").
    let first = index;
    let mut name = build(tokens, first, last, false).unwrap_or_else(|| {
        let word = tokens.word(last).unwrap_or_default();
        let end = tokens.tokens[last].start + strip_possessive(word).chars().count();
        Name {
            range: tokens.tokens[first].start..end,
            first_token: first,
            last_token: last,
            is_org: true,
            title: None,
        }
    });
    name.is_org = true;
    Some(name)
}
