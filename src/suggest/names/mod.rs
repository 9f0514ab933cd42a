//! Names: capitalised-word runs as PERSON (or ORG) candidates (the byline is in
//! [`super::byline`]), read forwards from their first word or backwards from their last.
//! What each word of a run is lives in `words`; organisations' names in `organisations`.

mod familiar;
mod organisations;
mod words;

pub use familiar::{familiar_forms, with_formal_given_name};

use std::ops::Range;

use super::lexicon::ABBREVIATIONS;
use super::lexicon::{
    NEVER_FAMILY_NAME_SET, NOT_PERSON_SET, ORG_WORD_SET, SENTENCE_OPENER_SET, SHIP_PREFIXES,
};
use super::tokens::{Kind, Tokens, strip_possessive};

pub use organisations::{
    inside_organisation, organisation_at, whole_organisation, without_opening_the,
};
pub use words::{
    after_honorific, is_acronym, is_nickname_in_name, is_particle, is_title, opens_surname,
};
use words::{
    glued_to_symbol, is_initial, is_joiner, is_name_word, is_ordinal, is_prefixed_name_word,
    is_run_word, names_a_body, nickname_at, title_as_family_name,
};
pub(in crate::suggest) use words::{is_generation, is_hyphenated_modifier};

/// A name found in the tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// Without titles and possessive ending.
    pub range: Range<usize>,
    /// Token indices of the name's first and last word.
    pub first_token: usize,
    pub last_token: usize,
    pub is_org: bool,
    /// The title or office written right before the name ("NASA Administrator", "Maj. Gen."),
    /// left out of `range`.
    pub title: Option<Range<usize>>,
}

impl Name {
    /// A person's name over tokens `first..=last`, with no title before it.
    fn person(tokens: &Tokens, first: usize, last: usize) -> Self {
        Name {
            range: tokens.tokens[first].start..tokens.tokens[last].end,
            first_token: first,
            last_token: last,
            is_org: false,
            title: None,
        }
    }

    pub fn word_count(&self, tokens: &Tokens) -> usize {
        tokens.tokens[self.first_token..=self.last_token]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .count()
    }
}

/// Places of two words, each of which is also a given or a family name ("Hong" and "Kong" are
/// Chinese family names): the pair names the place, never a person.
const TWO_WORD_PLACES: &[[&str; 2]] = &[
    ["Hong", "Kong"],
    ["Sri", "Lanka"],
    ["Costa", "Rica"],
    ["El", "Salvador"],
    ["Abu", "Dhabi"],
    ["Tel", "Aviv"],
];

fn build(tokens: &Tokens, first: usize, last: usize, after_title: bool) -> Option<Name> {
    let words: Vec<&str> = (first..=last).filter_map(|i| tokens.word(i)).collect();
    if words.windows(2).any(|pair| {
        TWO_WORD_PLACES
            .iter()
            .any(|place| place[0] == pair[0] && place[1] == strip_possessive(pair[1]))
    }) {
        return None;
    }
    let last_word = words.last()?;
    let bare_last = strip_possessive(last_word);
    let mut end = tokens.tokens[last].start + bare_last.chars().count();
    // "J. Alan Smith Jr.": the suffix keeps its full stop, as OntoNotes and the gold do; so
    // does a family name's initial ("Danica R.").
    if words.len() >= 2
        && (matches!(*last_word, "Jr" | "Sr")
            || (words.len() == 2
                && last_word.chars().count() == 1
                && last_word.chars().all(char::is_uppercase)))
        && tokens.punct(last + 1) == Some('.')
        && tokens.tokens[last + 1].start == end
    {
        end += 1;
    }
    // A generational suffix after a given and a family name ("John Doe III") is no acronym.
    let is_org = words.iter().enumerate().any(|(k, w)| {
        let bare = strip_possessive(w);
        ORG_WORD_SET.contains(bare)
            || (is_acronym(bare)
                && !(k >= 2
                    && k + 1 == words.len()
                    && is_generation(bare)
                    && !glued_to_symbol(tokens, last)))
    });
    // After a title ("Officer Todd Park") a place word is a family name; an institution's or
    // a unit's head ("Officer Candidate School") is not.
    // "Bill" heads a law's name at its end ("the Farm Bill"); first of two or three words it
    // is a given name ("said Bill Haskett, a retired pilot"). So are the months that are given
    // names ("said April Lanotte"; a date has a number after the month, no capitalised word).
    let given_name_first = |k: usize| {
        k == 0
            && matches!(words[0], "Bill" | "April" | "June" | "May")
            && (2..=3).contains(&words.len())
    };
    if !is_org
        && (first..=last)
            .filter(|&i| tokens.word(i).is_some())
            .enumerate()
            .any(|(k, i)| {
                let bare = strip_possessive(words[k]);
                NOT_PERSON_SET.contains(bare)
                    && (!after_title || NEVER_FAMILY_NAME_SET.contains(bare))
                    && !given_name_first(k)
                    // An initial ("A." in "Daniel A. Dailey") is no article "A".
                    && !is_initial(tokens, i)
                    // "St." after a given name is part of a family name ("Karen St. Germain").
                    && !(k > 0 && bare == "St" && tokens.punct(i + 1) == Some('.'))
            })
    {
        return None;
    }
    Some(Name {
        range: tokens.tokens[first].start..end,
        first_token: first,
        last_token: last,
        is_org,
        title: None,
    })
}

/// The name starting at token `index` (titles before it skipped): "Minister Søren
/// Kjærgaard-Thøgersen", "Marieke van Dongen", "the GDF" is not (lower-case "the"). Inside a
/// capitalised run, a person's name starts after the last title, office or organisation word
/// ("NASA Administrator Bill Nelson", "Homeland Security Alejandro N. Mayorkas").
pub fn name_at(tokens: &Tokens, index: usize) -> Option<Name> {
    let run = run_at(tokens, index)?;
    // "Regional Director", "Special Agent": a run that ends with a title names no one.
    if tokens.word(run.last).is_some_and(is_title) && !title_as_family_name(tokens, run.last) {
        return None;
    }
    let (first, title_from) = person_start(tokens, &run);
    // "the 214th Signal Brigade", "88th Army Band": a run right after an ordinal names a unit
    // or a thing, not a person (ranks such as "1st Class" are titles, skipped before).
    if first > 0 && first == run.first && tokens.word(first - 1).is_some_and(is_ordinal) {
        return None;
    }
    // "USS John C. Stennis", "HMS Duncan": a ship named for someone is no person.
    if first > 0
        && tokens
            .word(first - 1)
            .is_some_and(|w| SHIP_PREFIXES.contains(&w))
    {
        return None;
    }
    // After a title ("Officer Todd Park"), not after an organisation's name, a place word is
    // a family name.
    let after_title =
        first > 0 && (first.saturating_sub(2)..first).any(|k| tokens.word(k).is_some_and(is_title));
    let mut name = build(tokens, first, run.last, after_title)?;
    // The title's span ends with its last word ("Maj. Gen" of "Maj. Gen. William Hix").
    name.title = title_from.and_then(|from| {
        let last_word = (from..first).rev().find(|&k| tokens.word(k).is_some())?;
        Some(tokens.tokens[from].start..tokens.tokens[last_word].end)
    });
    Some(name)
}

/// Where the person's name starts in a run, and where the title before it starts (if any).
fn person_start(tokens: &Tokens, run: &Run) -> (usize, Option<usize>) {
    let mut first = run.first;
    let mut title_from = (run.first > run.title_from).then_some(run.title_from);
    // The last title or office word, or organisation word or acronym followed by two or
    // more name words, inside the run.
    let mut i = run.first;
    while i < run.last {
        if let Some(w) = tokens.word(i) {
            let bare = strip_possessive(w);
            let org = ORG_WORD_SET.contains(bare) || is_acronym(bare) || bare != w;
            let rest_words = (i + 1..=run.last)
                .filter(|&k| tokens.word(k).is_some_and(is_name_word))
                .count();
            if (is_title(w) && rest_words >= 1 && !names_a_body(tokens, i))
                || (org && rest_words >= 2)
            {
                let mut next = i + 1;
                if tokens.punct(next) == Some('.') {
                    next += 1;
                }
                title_from.get_or_insert(run.first);
                first = next;
            }
        }
        i += 1;
    }
    // "Director of Management Burt Summerfield": after "of" and a title, a run of three or
    // more words ends with the name (two words, or the word before a middle initial).
    let of_title = first == run.first
        && first >= 2
        && tokens
            .word(first - 1)
            .is_some_and(|w| matches!(w, "of" | "for"))
        && tokens.word(first - 2).is_some_and(is_title);
    let words: Vec<usize> = (first..=run.last)
        .filter(|&k| tokens.word(k).is_some())
        .collect();
    if of_title && words.len() >= 3 {
        let initial = words.iter().position(|&k| is_initial(tokens, k));
        let keep_from = match initial {
            Some(p) if p >= 1 => words[p - 1],
            _ => words[words.len() - 2],
        };
        title_from = Some(first - 2);
        first = keep_from;
    } else if first == run.first
        && let Some(p) = words.iter().position(|&k| is_initial(tokens, k))
        && p >= 2
        && words[..p - 1].iter().any(|&k| {
            tokens
                .word(k)
                .is_some_and(|w| ORG_WORD_SET.contains(w) || NOT_PERSON_SET.contains(w))
        })
    {
        title_from = Some(first);
        first = words[p - 1];
    }
    (first, title_from)
}

/// The word at token `index` as a one-word person name, whatever its word lists say (a family
/// name that is also a place word, known from a full name or a speech verb next to it).
pub fn single_word(tokens: &Tokens, index: usize) -> Name {
    let word = tokens.word(index).unwrap_or_default();
    let start = tokens.tokens[index].start;
    Name {
        range: start..start + strip_possessive(word).chars().count(),
        first_token: index,
        last_token: index,
        is_org: false,
        title: None,
    }
}

/// Two or three name words from token `first` to `last`, read as a person's name even when
/// the last is a place or institution word ("said Tomas Church", "Ana Park told"): for a
/// given name and a family name that is also a place word, next to a speech verb. The first
/// word must be no such word, and no word a title, an organisation's word or an acronym.
pub fn name_despite_place_word(tokens: &Tokens, first: usize, last: usize) -> Option<Name> {
    if last <= first || last - first > 2 {
        return None;
    }
    let plain = |k: usize| {
        tokens.word(k).is_some_and(|w| {
            let bare = strip_possessive(w);
            is_name_word(w)
                && bare == w
                && !is_title(bare)
                && !ORG_WORD_SET.contains(bare)
                && !is_acronym(bare)
        })
    };
    if !(first..=last).all(plain) || NOT_PERSON_SET.contains(tokens.word(first)?) {
        return None;
    }
    Some(Name::person(tokens, first, last))
}

/// The last two words before token `end` read as a person's name ("Secretary of Housing and
/// Works Ilse Brandt"), with a middle initial ("... Alejandro N. Mayorkas"); for the end of a
/// title phrase whose organisation's words cannot be told from the name's.
pub fn trailing_name(tokens: &Tokens, end: usize) -> Option<Name> {
    let plain = |k: usize| {
        tokens
            .word(k)
            .is_some_and(|w| is_name_word(w) && !is_title(w) && !ORG_WORD_SET.contains(w))
    };
    let last = end.checked_sub(1)?;
    if !plain(last) || strip_possessive(tokens.word(last)?) != tokens.word(last)? {
        return None;
    }
    let first = if last >= 3 && is_initial(tokens, last - 2) && plain(last - 3) {
        last - 3
    } else if last >= 1 && plain(last - 1) {
        last - 1
    } else {
        return None;
    };
    Some(Name::person(tokens, first, last))
}

/// A capitalised run: where its leading titles start, its first and its last token.
struct Run {
    title_from: usize,
    first: usize,
    last: usize,
}

/// The capitalised run at `index`, titles before it skipped. Initials ("Jane Q. Roe",
/// "J. Alan Smith"), particles ("van", "de la") and a nickname in marks or brackets
/// (`Natchimuthuk “Nat” Gopalswamy`) are part of it.
fn run_at(tokens: &Tokens, index: usize) -> Option<Run> {
    // Most words open no run: not capitalised, no Irish prefix, no title (asked first, as it
    // is asked of every word of an article).
    let opening = tokens.word(index)?;
    if !opening.starts_with(char::is_uppercase)
        && !is_prefixed_name_word(strip_possessive(opening))
        && !is_title(opening)
    {
        return None;
    }
    let mut first = index;
    // "Today Ferraz leads the team": an adverb or a function word opening a sentence is no
    // part of the name after it.
    if SENTENCE_OPENER_SET.contains(opening) && tokens.word(index + 1).is_some_and(is_name_word) {
        first += 1;
    }
    while let Some(word) = tokens.word(first) {
        if !is_title(word) || names_a_body(tokens, first) {
            break;
        }
        first += 1;
        if tokens.punct(first) == Some('.') {
            first += 1;
        }
        // A rank in brackets after the title: "Chaplain (Maj.) Seth Lowe", "Sgt. 1st Class
        // (Ret.) Ed Shaw".
        if tokens.punct(first) == Some('(')
            && tokens.word(first + 1).is_some_and(is_title)
            && let Some(close) = (first + 2..first + 4).find(|&k| tokens.punct(k) == Some(')'))
            && (first + 2..close).all(|k| tokens.punct(k) == Some('.'))
        {
            first = close + 1;
        }
    }
    // Initials first: "J. Alan Smith", "J. R. Ewing".
    let start = first;
    while is_initial(tokens, first) && tokens.word(first + 2).is_some() {
        first += 2;
    }
    let word = tokens.word(first)?;
    if !is_run_word(word) {
        return None;
    }
    // One family name after initials makes a name when the initials are joined ("H.R.
    // McMaster": no sentence ends there); after a lone capital it needs a second word.
    let joined = (start..first).any(|k| tokens.word(k).is_some_and(|w| w.contains('.')));
    let run_first = if first > start
        && is_name_word(word)
        && (joined || tokens.word(first + 1).is_some_and(is_name_word))
    {
        start
    } else {
        first
    };
    let mut last = first;
    let mut next = first + 1;
    loop {
        let current = tokens.word(last).unwrap_or_default();
        if strip_possessive(current) != current {
            break; // "Okafor's" ends the name.
        }
        if is_initial(tokens, next) && tokens.word(next + 2).is_some_and(is_name_word) {
            last = next + 2;
            next += 3;
            continue;
        }
        // "James A Roy": a middle initial printed without its full stop, between a given name
        // and a family name (the article "A" opens no name after a capitalised word).
        if is_name_word(current)
            && tokens.word(next).is_some_and(|w| {
                w.chars().count() == 1 && w.chars().all(|c| c.is_ascii_uppercase())
            })
            && tokens.tokens[next].start == tokens.tokens[last].end + 1
            && tokens
                .word(next + 1)
                .is_some_and(|w| is_name_word(w) && !is_title(w))
            && tokens.tokens[next + 1].start == tokens.tokens[next].end + 1
            && tokens.word(next + 2).is_none_or(|w| !is_name_word(w))
        {
            last = next + 1;
            break;
        }
        // "Danica R. complained", "Maria G., a tenant,": a given name and the initial of a
        // family name the writer leaves out, then a lower-case word or a comma.
        if last == first
            && is_name_word(current)
            && is_initial(tokens, next)
            && tokens.word(next).is_some_and(|w| w.chars().count() == 1)
            && (tokens
                .word(next + 2)
                .is_some_and(|w| w.starts_with(char::is_lowercase))
                || tokens.punct(next + 2) == Some(','))
        {
            last = next;
            break;
        }
        // "Karen St. Germain", "Mary Beth St. John": "St." inside a name, after a name word.
        if tokens.word(next) == Some("St")
            && is_name_word(current)
            && tokens.punct(next + 1) == Some('.')
            && tokens.tokens[next + 1].start == tokens.tokens[next].end
            && tokens.word(next + 2).is_some_and(is_name_word)
        {
            last = next + 2;
            next += 3;
            continue;
        }
        // The full stop of an abbreviated title ends no run: "ERC Program Manager Dr. Todd
        // Ensign", "Army Maj. Gen. Ann Hix".
        if tokens.punct(next) == Some('.')
            && tokens.tokens[next].start == tokens.tokens[last].end
            && is_title(current)
            && ABBREVIATIONS.contains(&current)
            && tokens.word(next + 1).is_some_and(is_run_word)
        {
            last = next + 1;
            next += 2;
            continue;
        }
        // An initial, then a nickname: `Cynthia J. “CJ” Bixby`.
        if is_initial(tokens, next)
            && let Some(close) = nickname_at(tokens, next + 2)
            && tokens.word(close + 1).is_some_and(is_name_word)
        {
            last = close + 1;
            next = close + 2;
            continue;
        }
        // A source's stray full stop after a given name that follows a title, before an
        // initial ("Navy Adm. James. A. Winnefeld Jr."): the name as printed.
        let after_title = (last == first && first > index)
            || (last >= 2
                && (tokens.word(last - 1).is_some_and(is_title)
                    || (tokens.punct(last - 1) == Some('.')
                        && tokens.word(last - 2).is_some_and(is_title))));
        if after_title
            && tokens.punct(next) == Some('.')
            && tokens.tokens[next].start == tokens.tokens[last].end
            && is_initial(tokens, next + 1)
            && tokens.word(next + 3).is_some_and(is_name_word)
        {
            last = next + 3;
            next += 4;
            continue;
        }
        // "Southland Dairy Farmers’ Federation", "Veterans' Affairs": a plural possessive
        // inside an organisation's name, when an organisation's word follows.
        if current.ends_with('s')
            && matches!(tokens.punct(next), Some('’' | '\''))
            && tokens.tokens[next].start == tokens.tokens[last].end
            && tokens.word(next + 1).is_some_and(is_run_word)
            && (next + 1..next + 4)
                .map_while(|k| tokens.word(k).filter(|w| is_run_word(w)))
                .any(|w| ORG_WORD_SET.contains(strip_possessive(w)))
        {
            last = next + 1;
            next += 2;
            continue;
        }
        if let Some(close) = nickname_at(tokens, next)
            && tokens.word(close + 1).is_some_and(is_name_word)
        {
            last = close + 1;
            next = close + 2;
            continue;
        }
        match tokens.word(next) {
            Some(w) if is_run_word(w) => {
                last = next;
                next += 1;
            }
            Some(_) if is_joiner(tokens, next) => {
                // A particle counts only between capitalised words.
                let mut after = next + 1;
                while is_joiner(tokens, after) {
                    after += 1;
                }
                if tokens.word(after).is_some_and(is_name_word) {
                    last = after;
                    next = after + 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    Some(Run {
        title_from: index,
        first: run_first,
        last,
    })
}

/// The name whose last word is token `index` ("... Daniel Okafor" read backwards), titles
/// before it excluded; initials and a nickname inside it are read too.
pub fn name_ending_at(tokens: &Tokens, index: usize) -> Option<Name> {
    let word = tokens.word(index)?;
    if !is_run_word(word) || (is_title(word) && !title_as_family_name(tokens, index)) {
        return None;
    }
    let mut first = index;
    let mut possessive_at = None;
    while first > 0 {
        // "Michael S. Regan": an initial and its full stop.
        if first >= 3
            && is_initial(tokens, first - 2)
            && tokens.word(first - 3).is_some_and(is_name_word)
        {
            first -= 3;
            continue;
        }
        // "Karen St. Germain" read backwards.
        if first >= 3
            && tokens.punct(first - 1) == Some('.')
            && tokens.word(first - 2) == Some("St")
            && tokens.tokens[first - 1].start == tokens.tokens[first - 2].end
            && tokens.word(first - 3).is_some_and(is_name_word)
        {
            first -= 3;
            continue;
        }
        // "… Farmers’ Federation" read backwards: a plural possessive inside an
        // organisation's name.
        if first >= 2
            && matches!(tokens.punct(first - 1), Some('’' | '\''))
            && tokens.tokens[first - 1].start == tokens.tokens[first - 2].end
            && tokens
                .word(first - 2)
                .is_some_and(|w| w.ends_with('s') && is_run_word(w))
        {
            possessive_at.get_or_insert(first);
            first -= 2;
            continue;
        }
        // `Margaret (Maggie) Persinger`
        if first >= 4
            && nickname_at(tokens, first - 3) == Some(first - 1)
            && tokens.word(first - 4).is_some_and(is_name_word)
        {
            first -= 4;
            continue;
        }
        match tokens.word(first - 1) {
            Some(w) if is_title(w) && !names_a_body(tokens, first - 1) => break,
            Some(w) if is_run_word(w) && strip_possessive(w) == w => first -= 1,
            Some(_) if is_joiner(tokens, first - 1) => {
                let mut before = first - 1;
                while before > 0 && is_joiner(tokens, before - 1) {
                    before -= 1;
                }
                if before > 0 && tokens.word(before - 1).is_some_and(is_name_word) {
                    first = before - 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    // (Kept only when the name has an organisation's word: "Department of Veterans'
    // Affairs", not "the Smiths' Jane".)
    if let Some(after) = possessive_at
        && !(first..=index).any(|k| {
            tokens
                .word(k)
                .is_some_and(|w| ORG_WORD_SET.contains(strip_possessive(w)))
        })
    {
        first = after;
    }
    // "J. Alan Smith": initials first.
    while first >= 2 && is_initial(tokens, first - 2) {
        first -= 2;
    }
    // Inside the run the same reading as forwards ("Homeland Security Alejandro N. Mayorkas",
    // "Director of Operations Kemal Arslan").
    let run = Run {
        title_from: first,
        first,
        last: index,
    };
    let (first, inner_title) = person_start(tokens, &run);
    // Titles right before it ("Chief Technology Officer", "Maj. Gen."): its `title`.
    let mut title_from = inner_title.unwrap_or(first);
    loop {
        if title_from > 0 && tokens.word(title_from - 1).is_some_and(is_title) {
            title_from -= 1;
        } else if title_from > 1
            && tokens.punct(title_from - 1) == Some('.')
            && tokens.word(title_from - 2).is_some_and(is_title)
        {
            title_from -= 2;
        } else {
            break;
        }
    }
    let mut name = build(tokens, first, index, title_from < first)?;
    if title_from < first {
        let last_word = (title_from..first)
            .rev()
            .find(|&k| tokens.word(k).is_some())?;
        name.title = Some(tokens.tokens[title_from].start..tokens.tokens[last_word].end);
    }
    Some(name)
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
}
