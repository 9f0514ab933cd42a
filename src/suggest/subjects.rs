//! Speaker phrases read backwards from a speech verb: the subject whose phrase ends right
//! before it ("Daniel Okafor, the negotiator, said", "A spokesman for the directorate
//! added", "a friend who was a few years ahead of him shared"). Reading forwards from a token
//! is in [`super::speakers`].

use super::lexicon::{
    DETERMINERS, DOCUMENT_NOUNS, NOT_IN_NOMINAL, PERSON_NOUNS, PHRASE_END, PREPOSITIONS, PRONOUNS,
};
use super::speakers::{
    Form, QUANTIFIERS, ROLE_PLURALS, Speaker, after_the, is_between, is_cue_verb, lower,
    speaker_from_name,
};
use super::tokens::{Kind, Tokens, is_capitalised};
use super::{names, speakers};

/// The speaker whose phrase ends right before token `verb` ("Daniel Okafor, the negotiator,
/// said"), looking no further back than token `limit`.
pub fn speaker_before(tokens: &Tokens, verb: usize, limit: usize) -> Option<Speaker> {
    let mut end = verb;
    while end > limit && is_between(tokens, end - 1) {
        end -= 1;
    }
    if end <= limit {
        return None;
    }
    // "..., who asked not to be named, said": a relative clause has no subject of its own.
    if lower(tokens, end - 1).is_some_and(|w| matches!(w, "who" | "which" | "that")) {
        return None;
    }
    let mut last = end - 1;
    // "Sen. Jane Roe (D-Wash.) said": a short note in brackets after the name.
    if tokens.punct(last) == Some(')')
        && let Some(open) = (last.saturating_sub(8).max(limit + 1)..last)
            .rev()
            .find(|&k| tokens.punct(k) == Some('('))
        && names::name_ending_at(tokens, open - 1).is_some_and(|n| !n.is_org)
    {
        last = open - 1;
    }
    // "he [Bob Yang] said": an editor's name in square brackets stands for the pronoun.
    if tokens.punct(last) == Some(']')
        && let Some(open) = (last.saturating_sub(6).max(limit)..last)
            .rev()
            .find(|&k| tokens.punct(k) == Some('['))
        && let Some(name) = names::name_at(tokens, open + 1)
        && name.last_token + 1 == last
        && !name.is_org
    {
        return Some(speakers::speaker_from_name(&name));
    }
    // "John Doe Jr. said": the suffix's full stop is part of the name.
    if last > limit
        && tokens.punct(last) == Some('.')
        && matches!(tokens.word(last - 1), Some("Jr" | "Sr"))
        && tokens.tokens[last - 1].end == tokens.tokens[last].start
    {
        last -= 1;
    }
    if tokens.punct(last) == Some(',') {
        // "Jane Roe, a native of Austin, Texas, said": the sentence's subject, then an
        // apposition with commas of its own.
        let subject = names::name_at(tokens, limit).or_else(|| {
            // ("Lina Park, an engineer, said": a family name that is a place word.)
            (limit + 1..limit + 3)
                .find(|&k| tokens.punct(k + 1) == Some(','))
                .and_then(|k| names::name_despite_place_word(tokens, limit, k))
        });
        // (A family name alone too when a relative clause follows: "Jones, who trained
        // under Smith, said".)
        if let Some(name) = subject
            && !name.is_org
            && (name.word_count(tokens) >= 2 || lower(tokens, name.last_token + 2) == Some("who"))
            && tokens.punct(name.last_token + 1) == Some(',')
            && lower(tokens, name.last_token + 2) != Some("which")
            && name.last_token + 1 < last
        {
            return Some(speaker_from_name(&name));
        }
        // An apposition: "Name, 54, the union's negotiator, said" or "The negotiator, Name, said".
        let open_comma = (limit..last)
            .rev()
            .find(|&i| tokens.punct(i) == Some(','))?;
        // "Despite that, Lena Marsh, the engineer on the team, said": an opening phrase and
        // its comma, then the subject's full name and its apposition.
        if open_comma > limit
            && let Some(name) = names::name_ending_at(tokens, open_comma - 1)
            && !name.is_org
            && name.word_count(tokens) >= 2
            && name.first_token > limit
            && tokens.punct(name.first_token - 1) == Some(',')
        {
            return Some(speaker_from_name(&name));
        }
        // "an engineer from Boulder, Colorado, said": a place after a place is no speaker
        // ("Namibia's President, Sam Nujoma, once stated": a title before the comma is).
        if open_comma > limit
            && tokens
                .word(open_comma - 1)
                .is_some_and(|w| is_capitalised(w) && !names::is_title(w))
        {
            return None;
        }
        if let Some(name) = names::name_at(tokens, open_comma + 1)
            && name.last_token + 1 == last
        {
            return Some(speaker_from_name(&name));
        }
        if open_comma == limit {
            return None;
        }
        return subject_ending_at(tokens, open_comma - 1, limit);
    }
    // "a friend who was a few years ahead of him shared some advice": the subject before a
    // relative clause with no commas, up to ten words long.
    if let Some(who) = (last.saturating_sub(10).max(limit + 1)..last)
        .rev()
        .take_while(|&k| tokens.word(k).is_some())
        .find(|&k| lower(tokens, k) == Some("who"))
        && let Some(subject) = subject_ending_at(tokens, who - 1, limit)
        && subject.form != Form::Pronoun
    {
        return Some(subject);
    }
    // "A senior official who asked not to be named because he was not authorized to speak to
    // the media said": a longer relative clause, when the subject before it opens the
    // sentence (no word of the clause is then taken for the subject).
    if let Some(who) = (limit + 1..last.min(limit + 8))
        .take_while(|&k| tokens.word(k).is_some())
        .find(|&k| lower(tokens, k) == Some("who"))
        && last - who <= 30
        && (who + 1..last).all(|k| tokens.tokens[k].kind != Kind::Break)
        && let Some(subject) = subject_ending_at(tokens, who - 1, limit)
        && subject.form != Form::Pronoun
        && tokens.first_at_or_after(subject.range.start) == limit
    {
        return Some(subject);
    }
    subject_ending_at(tokens, last, limit).or_else(|| {
        // "Ana Park told reporters": a name whose last word is a place word.
        let first = (last.saturating_sub(2).max(limit)..last)
            .find(|&k| (k..=last).all(|i| tokens.word(i).is_some_and(is_capitalised)))?;
        let name = names::name_despite_place_word(tokens, first, last)?;
        (end == verb).then(|| speaker_from_name(&name))
    })
}

/// "When we asked them, identity theft victims responded …", "…, local growers said": a plural
/// noun and up to two lower-case words before it, with no determiner, right after a comma or
/// opening the sentence (at token `limit`), is a nominal subject (the people "they" will stand
/// for).
fn bare_plural(tokens: &Tokens, last: usize, limit: usize) -> Option<Speaker> {
    let plain = |k: usize| {
        lower(tokens, k).is_some_and(|w| {
            !PHRASE_END.contains(&w)
                && !NOT_IN_NOMINAL.contains(&w)
                && !PRONOUNS.contains(&w)
                && !DETERMINERS.contains(&w)
                && !PREPOSITIONS.contains(&w)
                && !is_cue_verb(w)
                && !is_between(tokens, k)
        }) && tokens
            .word(k)
            .is_some_and(|w| k == limit || !is_capitalised(w))
    };
    let head = lower(tokens, last)?;
    if !(head.chars().count() >= 4
        && head.ends_with('s')
        && !head.ends_with("ss")
        && !head.ends_with("ous")
        && plain(last))
    {
        return None;
    }
    let mut first = last;
    while first > limit && last - first < 2 && plain(first - 1) {
        first -= 1;
    }
    let opens = first == limit || tokens.punct(first - 1) == Some(',');
    opens.then(|| Speaker::nominal(tokens.tokens[first].start..tokens.tokens[last].end))
}

/// A pronoun, name or nominal whose last word is token `last`.
fn subject_ending_at(tokens: &Tokens, last: usize, limit: usize) -> Option<Speaker> {
    let word = tokens.word(last)?;
    if speakers::is_speaker_pronoun(word) {
        return Some(Speaker {
            range: tokens.tokens[last].range(),
            form: Form::Pronoun,
            is_org: false,
            title: None,
        });
    }
    // "Officials said ...", "Residents said ...": a plural role noun opening the sentence.
    if last == limit
        && is_capitalised(word)
        && lower(tokens, last).is_some_and(|w| ROLE_PLURALS.contains(&w))
    {
        return Some(Speaker::nominal(tokens.tokens[last].range()));
    }
    if let Some(name) = names::name_ending_at(tokens, last)
        && name.first_token >= limit
    {
        // "A letter from Timothy Roe said": a document speaks for its writer.
        if name.first_token > limit + 1
            && matches!(lower(tokens, name.first_token - 1), Some("from" | "by"))
            && lower(tokens, name.first_token - 2).is_some_and(|w| DOCUMENT_NOUNS.contains(&w))
        {
            return Some(speaker_from_name(&name));
        }
        // "A spokeswoman for Borealink said": the name belongs to the phrase before it.
        if name.first_token > limit + 1
            && lower(tokens, name.first_token - 1).is_some_and(|w| PREPOSITIONS.contains(&w))
        {
            // "The Department of Coastal Works said": an organisation's "of" phrase is part
            // of its name.
            if lower(tokens, name.first_token - 1) == Some("of")
                && let Some(body) = names::name_ending_at(tokens, name.first_token - 2)
                && body.is_org
                && body.first_token >= limit
                && let whole = names::whole_organisation(tokens, body)
                && whole.last_token == name.last_token
            {
                return Some(speaker_from_name(&whole));
            }
            return subject_ending_at(tokens, name.first_token - 2, limit)
                .map(|subject| with_phrase(tokens, subject, last));
        }
        // "Yui Sato of the Japan Aerospace Exploration Agency said": an organisation after
        // "the" and a preposition belongs to the phrase before it.
        if name.first_token > limit + 2
            && lower(tokens, name.first_token - 1) == Some("the")
            && lower(tokens, name.first_token - 2).is_some_and(|w| PREPOSITIONS.contains(&w))
        {
            return subject_ending_at(tokens, name.first_token - 3, limit)
                .map(|subject| with_phrase(tokens, subject, last));
        }
        // "The Sunlight Trust said": a sentence's opening "The" is no part of a body's name.
        let name = if name.is_org {
            names::without_opening_the(tokens, name)
        } else {
            name
        };
        let mut speaker = speaker_from_name(&name);
        speaker.is_org |= after_the(tokens, name.first_token) && name.word_count(tokens) >= 2;
        return Some(speaker);
    }
    // "The Vice President said", "the Secretary told reporters": "the" and a title of
    // capitalised words is a nominal (the person written with that title, see `coref`).
    let mut k = last;
    while k > limit
        && tokens
            .word(k)
            .is_some_and(|w| is_capitalised(w) && names::is_title(w))
    {
        k -= 1;
    }
    if k < last && lower(tokens, k) == Some("the") {
        return Some(Speaker::nominal(
            tokens.tokens[k].start..tokens.tokens[last].end,
        ));
    }
    if let Some(found) = bare_plural(tokens, last, limit) {
        return Some(found);
    }
    // A nominal: back over lower-case words to the nearest determiner.
    let mut index = last;
    loop {
        let w = tokens.word(index)?;
        let lw = w.to_lowercase();
        if DETERMINERS.contains(&lw.as_str()) {
            if index == last {
                return None;
            }
            // "The two girls later wrote", "their three lawyers said": a number after a
            // definite determiner is part of its phrase.
            if index > limit
                && matches!(
                    lw.as_str(),
                    "one" | "two" | "three" | "several" | "many" | "other"
                )
                && lower(tokens, index - 1).is_some_and(|w| {
                    matches!(
                        w,
                        "the" | "these" | "those" | "his" | "her" | "their" | "its" | "our"
                    )
                })
            {
                index -= 1;
            }
            // "one of the judges said", "two of the students said": a part of a group.
            if index > limit + 1
                && lower(tokens, index - 1) == Some("of")
                && lower(tokens, index - 2).is_some_and(|w| QUANTIFIERS.contains(&w))
            {
                return Some(Speaker::nominal(
                    tokens.tokens[index - 2].start..tokens.tokens[last].end,
                ));
            }
            // "A spokesman for the directorate later added": the phrase before the
            // preposition is the subject.
            if index > limit + 1
                && lower(tokens, index - 1).is_some_and(|w| PREPOSITIONS.contains(&w))
            {
                return subject_ending_at(tokens, index - 2, limit)
                    .map(|subject| with_phrase(tokens, subject, last));
            }
            // Cut at a phrase end: "a spokesperson for the port" -> "a spokesperson".
            let mut end = index + 1;
            while end <= last
                && tokens
                    .word(end)
                    .is_some_and(|w| !PHRASE_END.contains(&w.to_lowercase().as_str()))
            {
                end += 1;
            }
            if end == index + 1 {
                return None;
            }
            // If the phrase was cut, a determiner further back may start the real subject.
            if end <= last
                && index > limit
                && let Some(earlier) = subject_ending_at(tokens, index - 1, limit)
                && earlier.form == Form::Nominal
            {
                return Some(earlier);
            }
            return Some(Speaker::nominal(
                tokens.tokens[index].start..tokens.tokens[end - 1].end,
            ));
        }
        // Capitalised words inside a nominal name whose it is ("a NASA spokesperson", "the
        // White House official"); its head is lower case.
        let head_lower = tokens.word(last).is_some_and(|h| !is_capitalised(h));
        if index <= limit
            || (is_capitalised(w) && index != last && !head_lower)
            || is_cue_verb(w)
            || NOT_IN_NOMINAL.contains(&lw.as_str())
        {
            return None;
        }
        if last - index > 6 {
            return None;
        }
        index -= 1;
    }
}

/// "One woman in Kansas City lives with her parents …", "A retired teacher from Dunmore says
/// …": a sentence that opens with "One", "A" or "An", up to two lower-case words and a person
/// noun ([`PERSON_NOUNS`]), then a lower-case word (its verb), has an unnamed person as its
/// subject, whom a later "she"/"he" may stand for. The range runs to the noun, or to the end
/// of a place's capitalised name after "in", "from" or "of" ("in Kansas City").
pub fn indefinite_person_subjects(tokens: &Tokens) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    for (index, token) in tokens.tokens.iter().enumerate() {
        if token.kind != Kind::Word
            || !matches!(tokens.word(index), Some("One" | "A" | "An"))
            || !(index == 0
                || tokens.tokens[index - 1].kind == Kind::Break
                || matches!(tokens.punct(index - 1), Some('.' | '!' | '?')))
        {
            continue;
        }
        let Some(head) = (index + 1..index + 4)
            .find(|&k| lower(tokens, k).is_some_and(|w| PERSON_NOUNS.contains(&w)))
        else {
            continue;
        };
        let plain = |k: usize| {
            tokens.word(k).is_some_and(|w| {
                !is_capitalised(w)
                    && !is_cue_verb(w)
                    && !NOT_IN_NOMINAL.contains(&w.to_lowercase().as_str())
            })
        };
        if !(index + 1..=head).all(plain) {
            continue;
        }
        let mut last = head;
        if lower(tokens, head + 1).is_some_and(|w| matches!(w, "in" | "from" | "of"))
            && let Some(place) = (head + 2..head + 6)
                .take_while(|&k| tokens.word(k).is_some_and(is_capitalised))
                .last()
        {
            last = place;
        }
        // Its verb: a lower-case word right after (not a comma's apposition, not a quote).
        if !tokens
            .word(last + 1)
            .is_some_and(|w| w.starts_with(char::is_lowercase))
        {
            continue;
        }
        found.push(tokens.tokens[index].start..tokens.tokens[last].end);
    }
    found
}

/// A nominal subject with the phrase of its preposition, to token `last` ("Our product owner
/// at the FEC has said", "a spokeswoman for Borealink said": the gold conventions keep the
/// phrase, as `said a nurse from Tarn County` does); a name or a pronoun stays as it is.
fn with_phrase(tokens: &Tokens, mut subject: Speaker, last: usize) -> Speaker {
    if subject.form == Form::Nominal {
        subject.range.end = tokens.tokens[last].end;
    }
    subject
}
