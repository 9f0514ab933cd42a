//! Speaker phrases around a speech verb: a name (titles left out), a pronoun, or a nominal
//! ("a port spokesperson", "the union's lead negotiator, Daniel Okafor" gives the name), read
//! forwards from a token; and where a sentence starts. Reading backwards from the verb is
//! [`super::subjects`] ([`speaker_before`]).
//!
//! The patterns that use them to attribute a quote are in [`super::attribution`].

use foldhash::HashSet;
use std::ops::Range;

use super::lexicon::{
    ABBREVIATIONS, BETWEEN, CUE_VERB_SET, DETERMINERS, DOCUMENT_NOUNS, HONORIFICS,
    INSTITUTION_HEADS, NOT_IN_NOMINAL, ONE_WORD_BODIES, ORG_HEADS, ORG_WORD_SET, PHRASE_END,
    PRONOUNS, ROLE_PHRASE_JOINERS,
};
use super::names::{self, Name};
pub use super::subjects::{indefinite_person_subjects, speaker_before};
use super::tokens::{self, Kind, Tokens, is_capitalised};

/// True when the capitalised run from token `first` to `last` is followed by no lower-case
/// word of its phrase (only a verb, an adverb or punctuation): "the Kettle Flats road" is not
/// a name of its own.
pub fn ends_phrase(tokens: &Tokens, last: usize) -> bool {
    let after = last + 1;
    match tokens.tokens.get(after) {
        Some(t) if t.kind == Kind::Word => tokens
            .word(after)
            .is_some_and(|w| is_cue_verb(w) || is_between(tokens, after)),
        _ => true,
    }
}

/// True when the word before token `first` is "the": a capitalised run after "the" ("the
/// Interior Fire Directorate", "the Kettle Flats road") names a thing, not a person.
pub fn after_the(tokens: &Tokens, first: usize) -> bool {
    first > 0 && lower(tokens, first - 1) == Some("the")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    Name,
    Nominal,
    Pronoun,
}

impl Form {
    pub fn attribute(&self) -> &'static str {
        match self {
            Form::Name => "name",
            Form::Nominal => "nominal",
            Form::Pronoun => "pronoun",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    pub range: Range<usize>,
    pub form: Form,
    pub is_org: bool,
    /// The title or office written before a named speaker, left out of `range`.
    pub title: Option<Range<usize>>,
}

impl Speaker {
    /// A nominal speaker ("the ministry", "officials", "a NASA spokesperson") over `range`.
    pub fn nominal(range: Range<usize>) -> Self {
        Speaker {
            range,
            form: Form::Nominal,
            is_org: false,
            title: None,
        }
    }
}

pub fn is_cue_verb(word: &str) -> bool {
    if word.chars().any(char::is_uppercase) {
        CUE_VERB_SET.contains(&word.to_lowercase())
    } else {
        CUE_VERB_SET.contains(word)
    }
}

pub(super) fn lower(tokens: &Tokens, index: usize) -> Option<&str> {
    tokens.lower(index)
}

pub(super) fn is_between(tokens: &Tokens, index: usize) -> bool {
    lower(tokens, index).is_some_and(|w| BETWEEN.contains(&w) || w.ends_with("ly"))
}

/// "said the Tacoma native", "said Grand Forks, N.D., native to his crew": a hometown and
/// "native" (the region between commas) is a nominal speaker, the person the text is about
/// (see `coref`), not a name "Grand Forks". From token `index` ("the" or the place's first
/// word) to "native", with the index after it.
fn hometown_epithet(tokens: &Tokens, index: usize) -> Option<(Speaker, usize)> {
    let first = if lower(tokens, index) == Some("the") {
        index + 1
    } else {
        index
    };
    if !tokens.word(first).is_some_and(is_capitalised) {
        return None;
    }
    let mut k = first + 1;
    while k < first + 10 {
        match tokens.word(k) {
            Some(_) if lower(tokens, k) == Some("native") => {
                let range = tokens.tokens[index].start..tokens.tokens[k].end;
                return Some((Speaker::nominal(range), k + 1));
            }
            Some(w) if is_capitalised(w) => {}
            None if matches!(tokens.punct(k), Some(',' | '.')) => {}
            _ => return None,
        }
        k += 1;
    }
    None
}

pub(super) fn speaker_from_name(name: &Name) -> Speaker {
    Speaker {
        range: name.range.clone(),
        form: Form::Name,
        is_org: name.is_org,
        title: name.title.clone(),
    }
}

/// A speaker phrase starting at token `index`: a name (titles skipped), a pronoun, or a nominal
/// ("the union's lead negotiator, Daniel Okafor" gives the name). Returns it and the index of
/// the token after it.
pub fn speaker_at(tokens: &Tokens, index: usize) -> Option<(Speaker, usize)> {
    let word = tokens.word(index)?;
    let lowered = word.to_lowercase();
    if is_speaker_pronoun(word) {
        let token = tokens.tokens[index];
        return Some((
            Speaker {
                range: token.range(),
                form: Form::Pronoun,
                is_org: false,
                title: None,
            },
            index + 1,
        ));
    }
    if let Some(found) = hometown_epithet(tokens, index) {
        return Some(found);
    }
    if let Some(found) = body_then_role(tokens, index) {
        return Some(found);
    }
    // "said one of the students, Ava Chen", "said one of the judges": a part of a group,
    // or the name in apposition after it.
    if QUANTIFIERS.contains(&lowered.as_str())
        && lower(tokens, index + 1) == Some("of")
        && let Some((group, next)) = speaker_at(tokens, index + 2)
        && group.form != Form::Pronoun
    {
        // The group's phrase already read the name in apposition ("the students, Ava Chen").
        if group.form == Form::Name {
            return (!group.is_org).then_some((group, next));
        }
        if tokens.punct(next) == Some(',')
            && let Some(name) = names::name_at(tokens, next + 1)
            && !name.is_org
            && ends_phrase(tokens, name.last_token)
        {
            return Some((speaker_from_name(&name), name.last_token + 1));
        }
        let range = tokens.tokens[index].start..group.range.end;
        return Some((Speaker::nominal(range), next));
    }
    let name = names::name_at(tokens, index)
        .or_else(|| place_word_name_at(tokens, index))
        .or_else(|| lone_office_word_name(tokens, index));
    let possessive = name.as_ref().is_some_and(|n| {
        tokens
            .word(n.last_token)
            .is_some_and(|w| tokens::strip_possessive(w) != w)
    });
    if let Some(name) = &name
        && !possessive
    {
        // "Council on Environmental Quality Chair Brenda Mallory": an office's name before the
        // title of the person who speaks.
        if name.is_org
            && let Some(found) = role_then_name(tokens, index)
        {
            return Some(found);
        }
        // "The Sunlight Trust said": a sentence's opening "The" is no part of the body's name
        // (as "the Sunlight Trust said" is read), and its "of" phrase is.
        if name.is_org && tokens.word(name.first_token) == Some("The") {
            let name = names::whole_organisation(tokens, name.clone());
            return Some((speaker_from_name(&name), name.last_token + 1));
        }
        return Some((speaker_from_name(name), name.last_token + 1));
    }
    // A nominal: a determiner or a possessive name, then lower-case words
    // ("the spokesperson", "Kestrel's operations director").
    let head_start = match &name {
        // "Norway's Minister of International Development Anne Tvinnereim": a title phrase
        // after a possessive place or body, then the name.
        Some(name)
            if possessive
                && tokens
                    .word(name.last_token + 1)
                    .is_some_and(|w| is_capitalised(w) && names::is_title(w))
                && let Some(found) = role_then_name(tokens, name.last_token + 1) =>
        {
            return Some(found);
        }
        // "said NASA's Jim Free", "said Goddard's Ana Ruiz": the person after a body's or a
        // place's possessive.
        Some(name)
            if possessive
                && let Some(person) = names::name_at(tokens, name.last_token + 1)
                && !person.is_org
                && person.first_token == name.last_token + 1
                && ends_phrase(tokens, person.last_token) =>
        {
            return Some((speaker_from_name(&person), person.last_token + 1));
        }
        Some(name) if possessive => name.last_token + 1,
        _ if DETERMINERS.contains(&lowered.as_str()) => {
            // "“Q,” the Army said", "the Commission said": one capitalised word that names a
            // body. An institution's head stands for the organisation named before it, as
            // "the commission" does; a service's name is the organisation itself.
            if lowered == "the"
                && let Some(body) = tokens.word(index + 1)
                && is_capitalised(body)
                && !names::is_title(body)
                && ends_phrase(tokens, index + 1)
                && (ONE_WORD_BODIES.contains(&body) || ORG_WORD_SET.contains(body))
            {
                let name = names::single_word(tokens, index + 1);
                if INSTITUTION_HEADS.contains(&body.to_lowercase().as_str()) {
                    let range = tokens.tokens[index].start..name.range.end;
                    return Some((Speaker::nominal(range), index + 2));
                }
                let mut speaker = speaker_from_name(&name);
                speaker.is_org = true;
                return Some((speaker, index + 2));
            }
            // "the Department of Energy said": an organisation's name read whole.
            if let Some(name) = names::name_at(tokens, index + 1)
                && name.is_org
                && let name = names::whole_organisation(tokens, name)
                && ends_phrase(tokens, name.last_token)
            {
                return Some((speaker_from_name(&name), name.last_token + 1));
            }
            // "the Interior Fire Directorate said": people do not take "the".
            if let Some(name) = names::organisation_at(tokens, index + 1) {
                let after = name.last_token + 1;
                if lowered == "the"
                    && name.word_count(tokens) >= 2
                    && ends_phrase(tokens, name.last_token)
                {
                    return Some((speaker_from_name(&name), after));
                }
            }
            // "the President's National Climate Adviser Ali Zaidi"
            if lowered == "the"
                && let Some(found) = role_then_name(tokens, index + 1)
            {
                return Some(found);
            }
            index + 1
        }
        // "“Q,” Park said": a capitalised word right before a speech verb is a name even when
        // it is also a place word.
        _ if is_capitalised(word)
            && tokens.word(index + 1).is_some_and(is_cue_verb)
            && !names::is_title(word) =>
        {
            let name = names::single_word(tokens, index);
            return Some((speaker_from_name(&name), index + 1));
        }
        // "“Q,” officials said", "“Q,” local residents said": lower-case words with no
        // determiner right before the speech verb are a nominal speaker.
        _ if !is_capitalised(word) => {
            let Some(verb) = (index + 1..index + 4).find(|&k| {
                tokens
                    .word(k)
                    .is_none_or(|w| is_cue_verb(w) || is_capitalised(w))
            }) else {
                return role_then_name(tokens, index);
            };
            let plain = |k: usize| {
                lower(tokens, k).is_some_and(|w| {
                    !PHRASE_END.contains(&w)
                        && !NOT_IN_NOMINAL.contains(&w)
                        && !PRONOUNS.contains(&w)
                        && !is_between(tokens, k)
                        && !is_cue_verb(w)
                })
            };
            if !tokens.word(verb).is_some_and(is_cue_verb) || !(index..verb).all(plain) {
                // "said ice scientist Linette Boisvert": a role before a name.
                return role_then_name(tokens, index);
            }
            let range = tokens.tokens[index].start..tokens.tokens[verb - 1].end;
            return Some((Speaker::nominal(range), verb));
        }
        _ => return role_then_name(tokens, index),
    };
    let mut last = head_start - 1;
    let mut next = head_start;
    while let Some(w) = tokens.word(next) {
        let lw = w.to_lowercase();
        // A title is a nominal's head too ("the Secretary", "the Chief Executive"), when no
        // name follows it (then it is the name's title).
        let title_head = is_capitalised(w)
            && names::is_title(w)
            && !tokens
                .word(next + 1)
                .is_some_and(|n| is_capitalised(n) && !names::is_title(n));
        // An organisation's name inside the nominal, before its lower-case head ("a NASA
        // spokesperson", "the White House official").
        let acronym_inside = is_capitalised(w) && {
            let mut k = next + 1;
            while k < next + 3 && tokens.word(k).is_some_and(is_capitalised) {
                k += 1;
            }
            lower(tokens, k).is_some_and(|n| {
                tokens.word(k).is_some_and(|w| !is_capitalised(w))
                    && !is_cue_verb(n)
                    && !PHRASE_END.contains(&n)
                    && !NOT_IN_NOMINAL.contains(&n)
            })
        };
        // "said the USAFE commander echoing Grant's call": a participle after the head
        // starts a phrase of its own ("the visiting professor" has it before its head).
        let participle = participle_after(next - head_start, &lw);
        if PHRASE_END.contains(&lw.as_str())
            || (is_capitalised(w) && !title_head && !acronym_inside)
            || is_cue_verb(w)
            || participle
        {
            break;
        }
        last = next;
        next += 1;
        if next - index > 7 {
            return None;
        }
    }
    if last < head_start {
        return None;
    }
    let head = lower(tokens, last).unwrap_or_default();
    // "said the letter from Timothy Roe", "a statement from the agency said": the writer.
    if let Some(writer) = document_writer(tokens, head, next) {
        return Some(writer);
    }
    // "the director of the agency's enforcement division, Gurbir Grewal": after the head's
    // own phrase, the name in apposition.
    if lower(tokens, next).is_some_and(|w| PHRASE_END.contains(&w))
        && let Some(comma) = (next + 1..next + 10)
            .take_while(|&k| {
                tokens.tokens.get(k).is_some_and(|t| t.kind != Kind::Break)
                    && !tokens.word(k).is_some_and(is_cue_verb)
                    && !matches!(tokens.punct(k), Some('“' | '”' | '"' | '.' | ';' | ':'))
            })
            .find(|&k| tokens.punct(k) == Some(','))
        && let Some(name) = names::name_at(tokens, comma + 1)
        && !name.is_org
        && ends_phrase(tokens, name.last_token)
        && (name.last_token + 1..name.last_token + 2).all(|k| {
            tokens
                .word(k)
                .is_none_or(|w| is_cue_verb(w) || is_between(tokens, k))
        })
    {
        return Some((speaker_from_name(&name), name.last_token + 1));
    }
    // "the union's lead negotiator, Daniel Okafor" or "the youth group Generation Deich":
    // the name in apposition wins.
    let mut apposition_at = if tokens.punct(next) == Some(',') {
        next + 1
    } else {
        next
    };
    // "the winner, 16-year-old Maya Brooks": an age before the name.
    if tokens.word(apposition_at).is_some_and(is_age) {
        apposition_at += 1;
    }
    if let Some(name) = names::name_at(tokens, apposition_at)
        && (apposition_at == next || !name.is_org)
    {
        let after = name.last_token + 1;
        // "Maya Brooks of Tacoma": where the person comes from.
        let from_place = matches!(lower(tokens, after), Some("of" | "from"))
            && tokens.word(after + 1).is_some_and(is_capitalised);
        let ends = from_place
            || match tokens.tokens.get(after) {
                None => true,
                Some(t) => {
                    t.kind == Kind::Break
                        || matches!(tokens.punct(after), Some('.' | ','))
                        || tokens
                            .word(after)
                            .is_some_and(|w| is_cue_verb(w) || is_between(tokens, after))
                }
            };
        if ends {
            let mut speaker = speaker_from_name(&name);
            speaker.is_org |= ORG_HEADS.contains(&head);
            return Some((speaker, after));
        }
    }
    // "said a Marine veteran of the second battle for Fallujah.": an unnamed speaker's "of"
    // or "from" phrase, on to the end of the sentence, is part of who they are.
    if matches!(lowered.as_str(), "a" | "an")
        && !DOCUMENT_NOUNS.contains(&head)
        && let Some(end) = where_from_phrase(tokens, next)
    {
        let range = tokens.tokens[index].start..tokens.tokens[end].end;
        return Some((Speaker::nominal(range), end + 1));
    }
    let range = tokens.tokens[index].start..tokens.tokens[last].end;
    Some((Speaker::nominal(range), next))
}

/// The last token of an "of" or "from" phrase at token `at` that runs to the end of its
/// sentence or clause (a full stop, comma or line end), in eight words at most with no speech
/// verb or quotation mark in it.
fn where_from_phrase(tokens: &Tokens, at: usize) -> Option<usize> {
    if !matches!(lower(tokens, at), Some("of" | "from")) {
        return None;
    }
    let mut k = at + 1;
    while tokens.word(k).is_some_and(|w| !is_cue_verb(w)) && k < at + 9 {
        k += 1;
    }
    let ends = match tokens.tokens.get(k) {
        None => true,
        Some(t) => t.kind == Kind::Break || matches!(tokens.punct(k), Some('.' | ',')),
    };
    (ends && k > at + 1 && !is_abbreviation(tokens, k)).then_some(k - 1)
}

/// The writer of a document named by its head word `head`, after "from" or "by" at token
/// `next` ("the letter [from Timothy Roe]", "a statement [from the Port Authority]"), and the
/// token after the writer's name.
fn document_writer(tokens: &Tokens, head: &str, next: usize) -> Option<(Speaker, usize)> {
    if !DOCUMENT_NOUNS.contains(&head) || !matches!(lower(tokens, next), Some("from" | "by")) {
        return None;
    }
    let at = next + 1 + usize::from(lower(tokens, next + 1) == Some("the"));
    let name = names::name_at(tokens, at).or_else(|| {
        (at > next + 1)
            .then(|| names::organisation_at(tokens, at))
            .flatten()
    })?;
    let name = if name.is_org {
        names::whole_organisation(tokens, name)
    } else {
        name
    };
    Some((speaker_from_name(&name), name.last_token + 1))
}

/// A title phrase, then a person's name: `U.S. Office of Personnel Management (OPM) Director
/// Kiran Ahuja`, `ice scientist Linette Boisvert`, `18F Developer Shashank Khandelwal`. The
/// phrase holds capitalised words, acronyms, `of`/`for`/`on`/`the`/`and`, brackets, and up to
/// four lower-case role words; the name must follow a title or office word or a lower-case
/// role word. The phrase becomes the speaker's `title`.
/// True when `word` (lower case) is a participle after `words_before` other words of a role
/// or a nominal ("the USAFE commander echoing Grant's call": it starts a phrase of its own;
/// "the visiting professor" has it first).
fn participle_after(words_before: usize, word: &str) -> bool {
    words_before >= 2 && word.len() > 5 && word.ends_with("ing")
}

/// A pronoun that can be a speaker: he, she, they (and their German and French forms), and
/// "I", a narrator (see `People::narrator`).
pub(super) fn is_speaker_pronoun(word: &str) -> bool {
    word == "I" || PRONOUNS.contains(&word.to_lowercase().as_str())
}

/// True when token `k` ends a sentence or a stretch of the writer's words: a line end, `!`,
/// `?`, a quotation mark, or a full stop that ends no abbreviation ("Gen.", "U.S." do not).
pub(super) fn ends_sentence_at(tokens: &Tokens, k: usize) -> bool {
    tokens.tokens[k].kind == Kind::Break
        || matches!(tokens.punct(k), Some('!' | '?' | '“' | '”' | '"'))
        || (tokens.punct(k) == Some('.') && !is_abbreviation(tokens, k))
}

fn role_then_name(tokens: &Tokens, index: usize) -> Option<(Speaker, usize)> {
    let mut i = index;
    let mut lower_words = 0;
    let mut saw_title = false;
    // At the end of a phrase that had a title: its last words are the name.
    let at_end = |i: usize, saw_title: bool| -> Option<(Speaker, usize)> {
        if !saw_title || i <= index + 2 {
            return None;
        }
        let name = names::trailing_name(tokens, i)?;
        let mut speaker = speaker_from_name(&name);
        let title_end = (index..name.first_token)
            .rev()
            .find(|&k| tokens.word(k).is_some())?;
        speaker.title = Some(tokens.tokens[index].start..tokens.tokens[title_end].end);
        Some((speaker, i))
    };
    while i < index + 18 {
        if i > index {
            let after_role_word = lower(tokens, i - 1).is_some_and(|w| {
                tokens.word(i - 1).is_some_and(|raw| !is_capitalised(raw))
                    && !ROLE_PHRASE_JOINERS.contains(&w)
            });
            if let Some(name) = names::name_at(tokens, i)
                && !name.is_org
                && (name.title.is_some() || after_role_word)
            {
                let title_end = name
                    .title
                    .as_ref()
                    .map_or_else(|| tokens.tokens[i - 1].end, |t| t.end);
                let mut speaker = speaker_from_name(&name);
                speaker.title = Some(tokens.tokens[index].start..title_end);
                return Some((speaker, name.last_token + 1));
            }
        }
        let Some(token) = tokens.tokens.get(i) else {
            return at_end(i, saw_title);
        };
        match token.kind {
            Kind::Word => {
                let raw = tokens.text(token.range());
                let w = raw.to_lowercase();
                let capital_like = is_capitalised(&raw)
                    || raw.chars().any(|c| c.is_ascii_digit())
                    || names::is_acronym(&raw);
                if capital_like || ROLE_PHRASE_JOINERS.contains(&w.as_str()) {
                    saw_title |= names::is_title(&raw);
                    i += 1;
                } else if lower_words < 4
                    && !participle_after(i - index, &w)
                    && !DETERMINERS.contains(&w.as_str())
                    && !PHRASE_END.contains(&w.as_str())
                    && !NOT_IN_NOMINAL.contains(&w.as_str())
                    && !PRONOUNS.contains(&w.as_str())
                    && !is_cue_verb(&w)
                    && !is_between(tokens, i)
                {
                    lower_words += 1;
                    i += 1;
                } else {
                    return at_end(i, saw_title);
                }
            }
            Kind::Punct if matches!(tokens.chars[token.start], '(' | ')') => i += 1,
            // "Minister of Education, Culture, Sports, Science and Technology": a list of an
            // office's portfolios after "of".
            Kind::Punct
                if tokens.chars[token.start] == ','
                    && i > index
                    && tokens.word(i - 1).is_some_and(is_capitalised)
                    && tokens.word(i + 1).is_some_and(is_capitalised)
                    && (index..i).any(|k| lower(tokens, k) == Some("of")) =>
            {
                i += 1
            }
            Kind::Punct
                if tokens.chars[token.start] == '.'
                    && i > index
                    && tokens.tokens[i - 1].end == token.start
                    && tokens.word(i - 1).is_some_and(|w| {
                        names::is_title(w) || w.contains('.') || w.chars().count() == 1
                    }) =>
            {
                i += 1
            }
            _ => return at_end(i, saw_title),
        }
    }
    None
}

/// Plural role nouns that speak as a group with no determiner ("Officials said").
pub(super) const ROLE_PLURALS: &[&str] = &[
    "officials",
    "residents",
    "experts",
    "scientists",
    "researchers",
    "analysts",
    "critics",
    "witnesses",
    "authorities",
    "organizers",
    "organisers",
    "investigators",
    "prosecutors",
    "engineers",
    "students",
    "leaders",
    "officers",
    "spokesmen",
    "spokespeople",
    "volunteers",
    "soldiers",
    "doctors",
    "teachers",
    "parents",
    "farmers",
    "workers",
];

/// Words that take "of" and a group to name a part of it ("one of the judges").
pub(super) const QUANTIFIERS: &[&str] = &[
    "one", "two", "three", "some", "several", "many", "most", "each",
];

/// An age written before a name ("16-year-old").
fn is_age(word: &str) -> bool {
    word.ends_with("-year-old") && word.starts_with(|c: char| c.is_ascii_digit())
}

/// "Velmora County officials said", "said Harbour Authority officials": capitalised words that
/// name no person (an office, an agency, a place), then one or two lower-case role words, next
/// to a speech verb, are a nominal speaker as a whole.
fn body_then_role(tokens: &Tokens, index: usize) -> Option<(Speaker, usize)> {
    let capital = |k: usize| {
        tokens.word(k).is_some_and(|w| {
            is_capitalised(w) && tokens::strip_possessive(w) == w && !is_cue_verb(w)
        }) && lower(tokens, k).is_none_or(|w| !PRONOUNS.contains(&w))
    };
    let mut k = index;
    while k < index + 4 && capital(k) {
        k += 1;
    }
    if k == index || tokens.word(k).is_none() {
        return None;
    }
    let role_start = k;
    let plain = |k: usize| {
        tokens.word(k).is_some_and(|w| !is_capitalised(w))
            && lower(tokens, k).is_some_and(|w| {
                !PHRASE_END.contains(&w)
                    && !NOT_IN_NOMINAL.contains(&w)
                    && !PRONOUNS.contains(&w)
                    && !DETERMINERS.contains(&w)
                    && !is_between(tokens, k)
                    && !is_cue_verb(w)
                    && w.chars().all(char::is_alphabetic)
            })
    };
    while k < role_start + 2 && plain(k) {
        k += 1;
    }
    if k == role_start {
        return None;
    }
    let verb_after = tokens.word(k).is_some_and(is_cue_verb);
    let verb_before = index > 0 && tokens.word(index - 1).is_some_and(is_cue_verb);
    let ends = tokens
        .word(k)
        .is_none_or(|w| PHRASE_END.contains(&w.to_lowercase().as_str()));
    if !(verb_after || (verb_before && ends)) {
        return None;
    }
    // A person's name before the role words ("Smith himself said") is no body.
    if names::name_at(tokens, index).is_some_and(|n| !n.is_org) {
        return None;
    }
    let range = tokens.tokens[index].start..tokens.tokens[k - 1].end;
    Some((Speaker::nominal(range), k))
}

/// "said Tomas Church, the engineer", "Ana Park told": two or three name words right after or
/// right before a speech verb are a person's name even when the last is a place word.
fn place_word_name_at(tokens: &Tokens, index: usize) -> Option<Name> {
    let mut last = index;
    while last < index + 2 && tokens.word(last + 1).is_some_and(is_capitalised) {
        last += 1;
    }
    let verb_before = index > 0 && tokens.word(index - 1).is_some_and(is_cue_verb);
    let verb_after = tokens.word(last + 1).is_some_and(is_cue_verb);
    if !(verb_before || verb_after) || tokens.word(last + 1).is_some_and(is_capitalised) {
        return None;
    }
    names::name_despite_place_word(tokens, index, last)
}

/// "“Q,” Ensign said", "said Bishop.": a capitalised office word alone right before a speech
/// verb, or right after one and ending the phrase, with no article before it, is a family name
/// (English writes "the director said", never "Director said").
fn lone_office_word_name(tokens: &Tokens, index: usize) -> Option<Name> {
    let word = tokens.word(index)?;
    if !is_capitalised(word)
        || !names::is_title(word)
        || HONORIFICS.contains(&word)
        || ABBREVIATIONS.contains(&word)
    {
        return None;
    }
    if index > 0 && lower(tokens, index - 1).is_some_and(|w| DETERMINERS.contains(&w)) {
        return None;
    }
    let verb_after = tokens.word(index + 1).is_some_and(is_cue_verb);
    let verb_before = index > 0
        && tokens.word(index - 1).is_some_and(is_cue_verb)
        && tokens.tokens.get(index + 1).is_none_or(|t| {
            t.kind == Kind::Break
                || tokens
                    .punct(index + 1)
                    .is_some_and(|c| matches!(c, '.' | ',' | ';'))
        });
    (verb_after || verb_before).then(|| names::single_word(tokens, index))
}

/// Index of the first token of the sentence that contains token `index`: after a line end,
/// a sentence-final mark, a semicolon or the close of an earlier quote (`closes`).
pub fn sentence_start(tokens: &Tokens, index: usize, closes: &HashSet<usize>) -> usize {
    let mut i = index;
    while i > 0 {
        let previous = tokens.tokens[i - 1];
        if previous.kind == Kind::Break || closes.contains(&previous.start) {
            return i;
        }
        if let Some(mark) = tokens.punct(i - 1) {
            if matches!(mark, '!' | '?' | ';' | '؟' | '۔') {
                return i;
            }
            if mark == '.' && !is_abbreviation(tokens, i - 1) {
                return i;
            }
        }
        i -= 1;
    }
    0
}

pub(super) fn is_abbreviation(tokens: &Tokens, full_stop: usize) -> bool {
    if full_stop == 0 {
        return false;
    }
    let before = tokens.tokens[full_stop - 1];
    if before.end != tokens.tokens[full_stop].start {
        return false;
    }
    tokens.word(full_stop - 1).is_some_and(|w| {
        ABBREVIATIONS.contains(&w) || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
    })
}
