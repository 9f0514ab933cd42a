//! The attribution after a quote's closing mark: `“Q,” said Name`, `“Q,” Name, who …,
//! said`, `“Q,” a lawyer for the board said`, `“Q,” laughs Omar Haddad`.

use super::{Attribution, according_source, according_to, introduces_next, passive_at};
use crate::suggest::lexicon::{NOT_IN_NOMINAL, PREPOSITIONS};
use crate::suggest::names;
use crate::suggest::speakers::{Form, Speaker, is_between, is_cue_verb, lower, speaker_at};
use crate::suggest::tokens::{Kind, Tokens, is_capitalised};

/// The attribution after a quote's closing mark `close`, if the quote's content leaves room
/// for one (it ends with `,` `?` `!` or a dash, or a comma follows the mark).
pub fn after(tokens: &Tokens, close: usize, content_last: Option<char>) -> Option<Attribution> {
    let mut index = tokens.first_at_or_after(close + 1);
    let outside_comma = tokens.punct(index) == Some(',');
    if outside_comma {
        index += 1;
    }
    let open_ending = matches!(
        content_last,
        Some(',' | '?' | '!' | '—' | '–' | '-' | '…' | ':' | '،' | '؟')
    );
    if !(outside_comma || open_ending) {
        // `“The grid will be ready” said Priya Nair`: the comma left out, and the speech
        // verb right after the mark.
        if content_last.is_some_and(char::is_alphanumeric)
            && tokens.word(index).is_some_and(is_cue_verb)
            && let Some(found) = after_at(tokens, index)
            && found.rule == "speaker.after-verb"
        {
            return Some(found);
        }
        // `“... exemplify that.” Flick said.`: a full stop typed inside the marks, then a
        // clause that is only the attribution (it ends right after the verb).
        if content_last == Some('.') {
            let found = after_at(tokens, index)?;
            let cue = tokens.first_at_or_after(found.cue.start);
            let clause_ends = match tokens.tokens.get(cue + 1) {
                None => true,
                Some(t) => t.kind == Kind::Break || matches!(tokens.punct(cue + 1), Some('.')),
            };
            if found.rule == "speaker.after-name" && clause_ends {
                return Some(Attribution {
                    rule: "speaker.after-stop",
                    ..found
                });
            }
        }
        return None;
    }
    after_at(tokens, index)
}

/// A finite verb's shape: a lower-case word of four letters or more ending in "s" or "ed"
/// ("laughs", "recalls", "admitted"), no auxiliary.
fn verb_shaped(tokens: &Tokens, index: usize) -> bool {
    tokens.word(index).is_some_and(|w| {
        w.chars().count() >= 4
            && w.starts_with(char::is_lowercase)
            && (w.ends_with('s') || w.ends_with("ed"))
            && !matches!(
                w,
                "was" | "has" | "does" | "this" | "thus" | "plus" | "less" | "unless"
            )
            && !w.ends_with("ss")
            && !w.ends_with("ous")
    })
}

/// `“Q,” laughs Omar Haddad.`, `“Q,” Park admits.`: right after the quote, a verb of any kind
/// and a person's name, or a name and such a verb, with the clause ending right after.
fn any_verb_and_name(tokens: &Tokens, index: usize) -> Option<Attribution> {
    let clause_ends = |k: usize| match tokens.tokens.get(k) {
        None => true,
        Some(t) => t.kind == Kind::Break || matches!(tokens.punct(k), Some('.' | ',' | ';')),
    };
    let person = |(speaker, next): (Speaker, usize)| {
        (speaker.form == Form::Name && !speaker.is_org).then_some((speaker, next))
    };
    if verb_shaped(tokens, index)
        && let Some((speaker, next)) = speaker_at(tokens, index + 1).and_then(person)
        && clause_ends(next)
    {
        return Some(Attribution {
            speaker,
            cue: tokens.tokens[index].range(),
            rule: "speaker.after-verb",
        });
    }
    let (speaker, next) = speaker_at(tokens, index).and_then(person)?;
    (verb_shaped(tokens, next) && clause_ends(next + 1)).then(|| Attribution {
        speaker,
        cue: tokens.tokens[next].range(),
        rule: "speaker.after-name",
    })
}

/// `said Park, 52, a fisherman`: one capitalised word with an age after it in commas is a
/// person's family name, even a word that also names places or things ("Park", "Church").
fn name_with_age(tokens: &Tokens, index: usize) -> Option<(Speaker, usize)> {
    let word = tokens.word(index)?;
    let age = tokens.word(index + 2)?;
    (is_capitalised(word)
        && word.chars().all(char::is_alphabetic)
        && !names::is_title(word)
        && tokens.punct(index + 1) == Some(',')
        && (1..=3).contains(&age.len())
        && age.chars().all(|c| c.is_ascii_digit())
        && tokens.punct(index + 3) == Some(','))
    .then(|| {
        (
            Speaker {
                range: tokens.tokens[index].range(),
                form: Form::Name,
                is_org: false,
                title: None,
            },
            index + 1,
        )
    })
}

fn after_at(tokens: &Tokens, index: usize) -> Option<Attribution> {
    if let Some((cue, after)) = according_to(tokens, index) {
        let (speaker, _) = according_source(tokens, after)?;
        return Some(Attribution {
            speaker,
            cue,
            rule: "speaker.according-to",
        });
    }
    // `“Q,” was how Name put it`, `“Q” is how she described it`
    if lower(tokens, index).is_some_and(|w| matches!(w, "was" | "is"))
        && lower(tokens, index + 1) == Some("how")
        && let Some((speaker, next)) = speaker_at(tokens, index + 2)
        && tokens
            .word(next)
            .is_some_and(|w| w.starts_with(char::is_lowercase))
    {
        return Some(Attribution {
            speaker,
            cue: tokens.tokens[next].range(),
            rule: "speaker.after-name",
        });
    }
    // `“Q,” said [title] Name`
    let mut verb = index;
    while is_between(tokens, verb) && verb < index + 2 {
        verb += 1;
    }
    if tokens.word(verb).is_some_and(is_cue_verb) {
        let mut at = verb + 1;
        while is_between(tokens, at) && at < verb + 3 {
            at += 1;
        }
        if let Some((speaker, next)) = speaker_at(tokens, at).or_else(|| name_with_age(tokens, at))
        {
            // `“Q?” asked Name: “A”`: the colon hands the clause to the next quote.
            if introduces_next(tokens, next) {
                return None;
            }
            return Some(Attribution {
                speaker,
                cue: tokens.tokens[verb].range(),
                rule: "speaker.after-verb",
            });
        }
    }
    // `“Q,” laughs Omar Haddad.` / `“Q,” Park admits.`: after a quote's comma, a verb of
    // any kind and a person's name, the clause ending there, is the attribution (English
    // inverts only there).
    if let Some(found) = any_verb_and_name(tokens, index) {
        return Some(found);
    }
    // `“Q,” [title] Name [, apposition,] verb`
    let (mut speaker, mut next) =
        speaker_at(tokens, index).or_else(|| name_with_age(tokens, index))?;
    // `“Q,” Rep. Jane Roe (D-Calif.) said`: a party and state, or any short note in
    // brackets, after the name.
    if speaker.form == Form::Name
        && tokens.punct(next) == Some('(')
        && let Some(close) = (next + 1..next + 8).find(|&k| tokens.punct(k) == Some(')'))
    {
        next = close + 1;
    }
    // "John Doe Jr. said": the suffix's full stop is part of the name.
    if tokens
        .tokens
        .get(next)
        .is_some_and(|t| t.end <= speaker.range.end)
    {
        next += 1;
    }
    // `“Q,” X and Y said in a joint statement`: the first one named speaks for both.
    if lower(tokens, next) == Some("and")
        && let Some((other, after)) = speaker_at(tokens, next + 1)
        && other.form != Form::Pronoun
    {
        next = after;
    } else if lower(tokens, next) == Some("and") && speaker.form != Form::Pronoun {
        // `“Q,” the First Lady and President wrote`: a second title alone after "and".
        let mut k = next + 1;
        if lower(tokens, k) == Some("the") {
            k += 1;
        }
        let titles_end = (k..k + 3)
            .take_while(|&i| {
                tokens
                    .word(i)
                    .is_some_and(|w| is_capitalised(w) && names::is_title(w))
            })
            .last();
        if let Some(end) = titles_end
            && tokens.word(end + 1).is_some_and(is_cue_verb)
        {
            next = end + 1;
        }
    }
    // `“Q,” Yui Sato of the Japan Aerospace Exploration Agency said`: a person's name, then
    // "of"/"from"/"at" and an organisation's.
    if speaker.form == Form::Name
        && !speaker.is_org
        && lower(tokens, next).is_some_and(|w| matches!(w, "of" | "from" | "at" | "with"))
    {
        let mut at = next + 1;
        if lower(tokens, at) == Some("the") {
            at += 1;
        }
        if let Some(org) = names::name_at(tokens, at)
            && org.is_org
        {
            let org = names::whole_organisation(tokens, org);
            let after = org.last_token + 1;
            let mut verb = after;
            while is_between(tokens, verb) && verb < after + 3 {
                verb += 1;
            }
            if tokens.word(verb).is_some_and(is_cue_verb) {
                next = after;
            }
        }
    }
    // `“Q,” a lawyer for the Fisheries Board said`, `“Q,” a clerk at the county office said
    // on Monday`: a nominal and the phrase of its preposition, then the verb (found by
    // tryout4: the quote went to a person of the paragraph before). The phrase is part of
    // the speaker, as after the verb (`said a nurse from Tarn County`).
    if speaker.form == Form::Nominal
        && lower(tokens, next).is_some_and(|w| PREPOSITIONS.contains(&w))
        && let Some(stop) = (next + 1..next + 10).find(|&k| {
            tokens.word(k).is_none_or(|w| {
                is_cue_verb(w) || NOT_IN_NOMINAL.contains(&w.to_lowercase().as_str())
            })
        })
        && tokens.word(stop).is_some_and(is_cue_verb)
    {
        let mut end = stop;
        while end > next + 1 && is_between(tokens, end - 1) {
            end -= 1;
        }
        if end > next + 1 {
            speaker.range.end = tokens.tokens[end - 1].end;
            next = end;
        }
    }
    let mut after_comma = next + 1;
    while is_between(tokens, after_comma) && after_comma < next + 3 {
        after_comma += 1;
    }
    if tokens.punct(next) == Some(',') && tokens.word(after_comma).is_some_and(is_cue_verb) {
        // The comma closed an apposition the speaker phrase already read.
        next += 1;
    } else if tokens.punct(next) == Some(',') {
        // The apposition may hold commas of its own ("Kim Ode, 34, of Columbus, Ohio, said"):
        // on to the comma the speech verb follows.
        let mut from = next + 1;
        let mut found = None;
        for _ in 0..4 {
            // "“Q,” Shelly Lynch, District Manager said.": the apposition's closing comma
            // left out, a few words, then the verb and the sentence's end.
            if let Some(verb) = (from..from + 6).find(|&i| tokens.word(i).is_none_or(is_cue_verb))
                && verb > from
                && tokens.word(verb).is_some()
                && matches!(tokens.punct(verb + 1), Some('.' | ',' | '!' | '?'))
            {
                found = Some(verb);
                break;
            }
            // A relative clause ("Meece, who left nursing for a degree in surveying in 2019
            // from a college in Nevada, said") runs longer than a role, within its sentence.
            let relative = lower(tokens, from).is_some_and(|w| matches!(w, "who" | "whose"));
            let reach = if relative { 32 } else { 14 };
            let close = (from..from + reach).find(|&i| {
                tokens.punct(i) == Some(',')
                    || tokens.tokens.get(i).is_none_or(|t| t.kind == Kind::Break)
                    || (relative && matches!(tokens.punct(i), Some('.' | '!' | '?' | ';')))
            })?;
            if tokens.punct(close) != Some(',') {
                return None;
            }
            let mut verb = close + 1;
            while is_between(tokens, verb) && verb < close + 3 {
                verb += 1;
            }
            if tokens.word(verb).is_some_and(is_cue_verb) {
                found = Some(close + 1);
                break;
            }
            if (from..close).any(|k| tokens.word(k).is_some_and(is_cue_verb)) {
                return None;
            }
            from = close + 1;
        }
        next = found.unwrap_or(from);
    }
    let mut verb = next;
    while is_between(tokens, verb) && verb < next + 3 {
        verb += 1;
    }
    if tokens.word(verb).is_some_and(is_cue_verb) {
        // `“Q?” Name replied: “A”`: the clause introduces the next quote, not this one.
        if introduces_next(tokens, verb + 1) || passive_at(tokens, verb) {
            return None;
        }
        return Some(Attribution {
            speaker,
            cue: tokens.tokens[verb].range(),
            rule: "speaker.after-name",
        });
    }
    None
}
