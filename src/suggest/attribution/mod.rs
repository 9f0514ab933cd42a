//! Attribution: the patterns that give a quote its speaker and cue (Pouliquen et al. 2007;
//! the Quootstrap seeds; the Gender Gap Tracker's verb list):
//!
//! | rule | pattern |
//! |---|---|
//! | `speaker.after-verb` | `“Q,” verb [title] Name` / `“Q,” said the spokesperson` / `“Q,” said he` |
//! | `speaker.after-name` | `“Q,” [title] Name [, apposition,] verb` / `“Q,” she said` |
//! | `speaker.before` | `Name [, apposition ,] verb [object] [:|,|that] “Q”` |
//! | `speaker.according-to` | `“Q,” according to X` / `According to X, “Q”` / `In the words of X, “Q”` |
//! | `speaker.passive` | `Under questioning from Y, X was asked: “Q”` (the agent Y) |
//!
//! Split quotes and speakers carried over to floating quotes are decided in `rules.rs`.

mod after;

use foldhash::HashSet;
use std::ops::Range;

pub use after::after;

use super::lexicon::{
    DETERMINERS, DOCUMENT_NOUNS, NAMING_VERBS, PASSIVE_AUXILIARIES, REPORTS_NOTHING,
};
use super::speakers::{
    Form, Speaker, is_between, is_cue_verb, lower, sentence_start, speaker_at, speaker_before,
};
use super::tokens::{Kind, Tokens};

/// A quote's speaker and cue, and the rule that found them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Speaker,
    pub cue: Range<usize>,
    pub rule: &'static str,
}

/// "according to" or "in the words of" at `index`: the range of its words and the index of
/// the token after it.
fn according_to(tokens: &Tokens, index: usize) -> Option<(Range<usize>, usize)> {
    let phrase: &[&str] = match lower(tokens, index)? {
        "according" => &["according", "to"],
        "in" => &["in", "the", "words", "of"],
        _ => return None,
    };
    let matches = phrase
        .iter()
        .enumerate()
        .all(|(k, word)| lower(tokens, index + k) == Some(word));
    let last = index + phrase.len() - 1;
    matches.then(|| {
        (
            tokens.tokens[index].start..tokens.tokens[last].end,
            last + 1,
        )
    })
}

/// The source after "according to" at token `index`: the phrase there, or the one after
/// "from"/"by" when it names who issued it ("a written statement from his lawyer").
fn according_source(tokens: &Tokens, index: usize) -> Option<(Speaker, usize)> {
    let (speaker, next) = speaker_at(tokens, index)?;
    if speaker.form == Form::Nominal
        && lower(tokens, next).is_some_and(|w| w == "from" || w == "by")
        && let Some(owner) = speaker_at(tokens, next + 1)
    {
        return Some(owner);
    }
    Some((speaker, next))
}

/// The person named after "according to" (or "in the words of") at token `index`, outside any
/// quote: reported speech, so that person speaks as much as the subject of "said" does ("…,
/// according to Aram Vale, the project's optics lead." then "“Q,” he said"). Persons only: "according
/// to the report" or "according to NASA" names no one a pronoun may stand for.
pub fn reported_source(tokens: &Tokens, index: usize) -> Option<Speaker> {
    let (_, after) = according_to(tokens, index)?;
    let (speaker, _) = according_source(tokens, after)?;
    (speaker.form == Form::Name && !speaker.is_org).then_some(speaker)
}

/// The attribution in the sentence right before a quote's opening mark, when that sentence
/// ends with its speech verb (`Overmatch is not new, Phillips said. “Q”`), in the same
/// paragraph.
pub fn preceding_sentence(
    tokens: &Tokens,
    open: usize,
    closes: &HashSet<usize>,
) -> Option<Attribution> {
    let open_token = tokens.first_at_or_after(open);
    let stop = open_token.checked_sub(1)?;
    if tokens.punct(stop) != Some('.') {
        return None;
    }
    // "According to Kim, the city now runs it itself. “Q”": the sentence before is the
    // source's words too.
    let start = sentence_start(tokens, stop, closes);
    if let Some((cue, after)) = according_to(tokens, start)
        && let Some((speaker, next)) = according_source(tokens, after)
        && tokens.punct(next) == Some(',')
        && speaker.form != Form::Pronoun
    {
        return Some(Attribution {
            speaker,
            cue,
            rule: "speaker.according-to",
        });
    }
    let verb = stop.checked_sub(1)?;
    let word = tokens.word(verb)?;
    if !is_cue_verb(word) || REPORTS_NOTHING.contains(&word.to_lowercase().as_str()) {
        return None;
    }
    if passive_at(tokens, verb) {
        return None;
    }
    let start = sentence_start(tokens, verb, closes);
    let speaker = speaker_before(tokens, verb, start)?;
    Some(Attribution {
        speaker,
        cue: tokens.tokens[verb].range(),
        rule: "speaker.preceding-sentence",
    })
}

/// A speech or naming verb earlier in the sentence of an embedded quote (`she said we
/// represent “the government of the century”`, `Critics called it an “appalling tragedy”`),
/// with its subject; the latest such verb before the mark.
pub fn in_sentence(tokens: &Tokens, open: usize, closes: &HashSet<usize>) -> Option<Attribution> {
    let open_token = tokens.first_at_or_after(open);
    let start = sentence_start(tokens, open_token, closes);
    (start..open_token).rev().find_map(|verb| {
        let word = tokens.word(verb)?.to_lowercase();
        let speech = is_cue_verb(&word) && !REPORTS_NOTHING.contains(&word.as_str());
        if !(speech || NAMING_VERBS.contains(&word.as_str())) || passive_at(tokens, verb) {
            return None;
        }
        // A participle after a comma ("X closed the evening, reminding the group that ...")
        // reports what the sentence's subject said.
        let participle =
            word.ends_with("ing") && verb > start && tokens.punct(verb - 1) == Some(',');
        let speaker = if participle {
            speaker_at(tokens, start)
                .filter(|(s, _)| s.range.end <= tokens.tokens[verb].start)
                .map(|(s, _)| s)?
        } else {
            speaker_before(tokens, verb, start)?
        };
        Some(Attribution {
            speaker,
            cue: tokens.tokens[verb].range(),
            rule: "speaker.in-sentence",
        })
    })
}

/// True when the attribution `a`, read after a quote, ends in a comma or a colon right before
/// another opening quotation mark ("“Slow down!” I said, “Wait”"): it may introduce that
/// next quote rather than close this one.
pub fn opens_next_quote(tokens: &Tokens, a: &Attribution) -> bool {
    let end = a.cue.end.max(a.speaker.range.end);
    let next = tokens.first_at_or_after(end);
    matches!(tokens.punct(next), Some(',' | ':'))
        && tokens
            .tokens
            .get(next + 1)
            .is_some_and(|t| matches!(tokens.chars[t.start], '“' | '"' | '«' | '„'))
}

/// True when the clause from token `index` runs (over a few words) into a colon before an
/// opening quotation mark: it introduces the quote that follows.
fn introduces_next(tokens: &Tokens, index: usize) -> bool {
    for i in index..index + 8 {
        match tokens.tokens.get(i) {
            None => return false,
            Some(t) if t.kind == Kind::Break => return false,
            _ => {}
        }
        match tokens.punct(i) {
            Some(':') => {
                return tokens
                    .tokens
                    .get(i + 1)
                    .is_some_and(|t| matches!(tokens.chars[t.start], '“' | '"' | '«' | '„'));
            }
            Some('.' | '!' | '?' | ';' | '“' | '”' | '"') => return false,
            _ => {}
        }
    }
    false
}

/// True when the speech verb at token `verb` is passive: its subject is spoken to, not the
/// speaker ("Holloway was asked").
pub fn passive_at(tokens: &Tokens, verb: usize) -> bool {
    let mut i = verb;
    while i > 0 {
        let Some(w) = lower(tokens, i - 1) else {
            return false;
        };
        if PASSIVE_AUXILIARIES.contains(&w) {
            return true;
        }
        if !is_between(tokens, i - 1) {
            return false;
        }
        i -= 1;
    }
    false
}

/// The agent of a passive speech verb at `verb` in the sentence `start..=end`: "asked by
/// Name" after the verb, or "(under) questioning from/by Name" anywhere before it.
fn passive_agent(tokens: &Tokens, verb: usize, start: usize, end: usize) -> Option<Speaker> {
    if lower(tokens, verb + 1) == Some("by")
        && let Some((speaker, _)) = speaker_at(tokens, verb + 2)
    {
        return Some(speaker);
    }
    for i in start..verb {
        let Some(w) = lower(tokens, i) else {
            continue;
        };
        if matches!(w, "from" | "by")
            && i > start
            && lower(tokens, i - 1).is_some_and(|q| {
                q.starts_with("question") || q.starts_with("cross-exam") || q == "pressed"
            })
            && let Some((speaker, next)) = speaker_at(tokens, i + 1)
            && next <= end + 1
        {
            return Some(speaker);
        }
    }
    None
}

/// The attribution before a quote's opening mark `open`: `Name [, apposition,] verb
/// [object] [:|,|that] “` or `According to X, “`.
pub fn before(tokens: &Tokens, open: usize, closes: &HashSet<usize>) -> Option<Attribution> {
    let open_token = tokens.first_at_or_after(open);
    if open_token == 0 {
        return None;
    }
    // `X said:` at the end of the paragraph before: the colon introduces this quote.
    let mut open_token = open_token;
    let mut k = open_token;
    while k > 0 && tokens.tokens[k - 1].kind == Kind::Break {
        k -= 1;
    }
    if k < open_token && k > 0 && tokens.punct(k - 1) == Some(':') {
        open_token = k;
    }
    let start = sentence_start(tokens, open_token, closes);
    if start >= open_token {
        return None;
    }
    let mut end = open_token - 1; // the last token before the mark
    // "X replied to the crews — half of whom wore …, the rest … — “Q”": a dash closing an
    // apposition introduces the quote like a colon, from the clause before the apposition.
    let is_dash = |k: usize| matches!(tokens.punct(k), Some('—' | '–'));
    let dash_opening = (is_dash(end) && end > start)
        .then(|| (start..end).rev().find(|&k| is_dash(k)))
        .flatten()
        .filter(|&k| k > start);
    if let Some(opening) = dash_opening {
        end = opening;
    }
    let colon = tokens.punct(end) == Some(':') || dash_opening.is_some();
    if colon || tokens.punct(end) == Some(',') {
        if end == start {
            return None;
        }
        end -= 1;
    } else if lower(tokens, end) == Some("that") && end > start {
        end -= 1;
    }
    // `According to X, “Q”`
    for i in start..=end {
        // (An apposition may follow the source: "According to Maj. Lisa Cole, the operations
        // officer, “…”".)
        if let Some((cue, after)) = according_to(tokens, i)
            && let Some((speaker, next)) = according_source(tokens, after)
            && (next > end
                || (tokens.punct(next) == Some(',')
                    && (next + 1..=end).all(|k| !tokens.word(k).is_some_and(is_cue_verb))))
        {
            return Some(Attribution {
                speaker,
                cue,
                rule: "speaker.according-to",
            });
        }
    }
    // The verb: right before the mark, or anywhere in the clause when a colon introduces the
    // quote ("told reporters outside the gates: “").
    let reach = if colon { end + 1 - start } else { 2 };
    let verb = (start..=end)
        .rev()
        .take(reach)
        .find(|&i| tokens.word(i).is_some_and(is_cue_verb))
        .or_else(|| colon.then(|| document_verb(tokens, start, end)).flatten())
        .or_else(|| verb_to_addressee(tokens, start, end))?;
    // `Under questioning from Y, X was asked: “Q”`: Y asks; X is only spoken to.
    if passive_at(tokens, verb) {
        return passive_agent(tokens, verb, start, end).map(|speaker| Attribution {
            speaker,
            cue: tokens.tokens[verb].range(),
            rule: "speaker.passive",
        });
    }
    if let Some(speaker) = speaker_before(tokens, verb, start) {
        return Some(Attribution {
            speaker,
            cue: tokens.tokens[verb].range(),
            rule: "speaker.before",
        });
    }
    // `said Okafor: “Q”`
    let (speaker, _) = speaker_at(tokens, verb + 1)?;
    Some(Attribution {
        speaker,
        cue: tokens.tokens[verb].range(),
        rule: "speaker.before",
    })
}

/// "I said to Ben Okafor one day, “Q”": a speech verb, "to" and whom it was said to, then at
/// most three more words before the comma. The verb's index.
fn verb_to_addressee(tokens: &Tokens, start: usize, end: usize) -> Option<usize> {
    (start..end.saturating_sub(1)).rev().take(8).find(|&verb| {
        tokens.word(verb).is_some_and(is_cue_verb)
            && lower(tokens, verb + 1) == Some("to")
            && speaker_at(tokens, verb + 2).is_some_and(|(_, next)| {
                next <= end + 1
                    && (next..=end).all(|k| tokens.word(k).is_some())
                    && end + 1 - next <= 3
            })
    })
}

/// "The lawyers issued a statement: “Q”", "The girls later wrote this note:": a verb whose
/// object is a document ([`DOCUMENT_NOUNS`]: statement, note, letter ...) right before the colon
/// gives the document's words to the verb's subject. The verb's index.
fn document_verb(tokens: &Tokens, start: usize, end: usize) -> Option<usize> {
    if !lower(tokens, end).is_some_and(|w| DOCUMENT_NOUNS.contains(&w)) {
        return None;
    }
    let mut verb = end.checked_sub(1)?;
    if lower(tokens, verb).is_some_and(|w| {
        DETERMINERS.contains(&w) || matches!(w, "this" | "that" | "these" | "those" | "joint")
    }) {
        verb = verb.checked_sub(1)?;
    }
    (verb > start
        && tokens
            .word(verb)
            .is_some_and(|w| w.starts_with(char::is_lowercase) && !DOCUMENT_NOUNS.contains(&w)))
    .then_some(verb)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(
        text: &str,
        attribution: Option<Attribution>,
    ) -> Option<(String, Form, String, &'static str)> {
        let tokens = Tokens::new(text);
        attribution.map(|a| {
            (
                tokens.text(a.speaker.range),
                a.speaker.form,
                tokens.text(a.cue),
                a.rule,
            )
        })
    }

    fn trailing(text: &str) -> Option<(String, Form, String, &'static str)> {
        let tokens = Tokens::new(text);
        let close = text.chars().position(|c| c == '”').expect("close");
        let last = text.chars().nth(close - 1);
        found(text, after(&tokens, close, last))
    }

    fn leading(text: &str) -> Option<(String, Form, String, &'static str)> {
        let tokens = Tokens::new(text);
        let open = text.chars().position(|c| c == '“').expect("open");
        found(text, before(&tokens, open, &HashSet::default()))
    }

    #[test]
    fn quote_verb_name() {
        assert_eq!(
            trailing("“We will stay out,” said Minister Daniel Okafor."),
            Some((
                "Daniel Okafor".into(),
                Form::Name,
                "said".into(),
                "speaker.after-verb"
            ))
        );
        assert_eq!(
            trailing("“We will stay out,” said a spokesperson for the port."),
            Some((
                "a spokesperson".into(),
                Form::Nominal,
                "said".into(),
                "speaker.after-verb"
            ))
        );
        assert_eq!(
            trailing("“We will stay out,” said the union’s lead negotiator, Daniel Okafor."),
            Some((
                "Daniel Okafor".into(),
                Form::Name,
                "said".into(),
                "speaker.after-verb"
            ))
        );
    }

    #[test]
    fn quote_name_verb() {
        assert_eq!(
            trailing("“Why now?” Okafor asked."),
            Some((
                "Okafor".into(),
                Form::Name,
                "asked".into(),
                "speaker.after-name"
            ))
        );
        assert_eq!(
            trailing("“We will stay out,” she later told reporters."),
            Some((
                "she".into(),
                Form::Pronoun,
                "told".into(),
                "speaker.after-name"
            ))
        );
        assert_eq!(
            trailing("“No deal,” Marieke van Dongen, the port’s director, said."),
            Some((
                "Marieke van Dongen".into(),
                Form::Name,
                "said".into(),
                "speaker.after-name"
            ))
        );
        assert_eq!(
            trailing("“We are ready,” the GDF said in a statement."),
            Some((
                "GDF".into(),
                Form::Name,
                "said".into(),
                "speaker.after-name"
            ))
        );
        // A full stop inside the marks ends the sentence: no trailing attribution.
        assert_eq!(trailing("“We are done.” Okafor said more later."), None);
        // German style: the comma after the mark.
        assert_eq!(
            trailing("„Wir bleiben“, sagte Müller.".replace('“', "”").as_str()),
            Some((
                "Müller".into(),
                Form::Name,
                "sagte".into(),
                "speaker.after-verb"
            ))
        );
    }

    #[test]
    fn name_verb_quote() {
        assert_eq!(
            leading(
                "Daniel Okafor, the union’s negotiator, told reporters outside the gate: “We stay.”"
            ),
            Some((
                "Daniel Okafor".into(),
                Form::Name,
                "told".into(),
                "speaker.before"
            ))
        );
        assert_eq!(
            leading("Later, Okafor said: “We stay.”"),
            Some(("Okafor".into(), Form::Name, "said".into(), "speaker.before"))
        );
        assert_eq!(
            leading("One crane operator, who asked not to be named, said: “We stay.”"),
            Some((
                "One crane operator".into(),
                Form::Nominal,
                "said".into(),
                "speaker.before"
            ))
        );
        assert_eq!(
            leading("He added that “nothing has changed at all”."),
            Some(("He".into(), Form::Pronoun, "added".into(), "speaker.before"))
        );
        assert_eq!(
            leading("According to the port authority, “the terminals are closed”."),
            Some((
                "the port authority".into(),
                Form::Nominal,
                "According to".into(),
                "speaker.according-to"
            ))
        );
        // A verb far from the mark without a colon is not an introduction.
        assert_eq!(
            leading("Okafor said the talks had failed and called the offer “a joke”."),
            None
        );
    }

    #[test]
    fn a_clause_ending_in_a_colon_belongs_to_the_next_quote() {
        // The answerer's "replied:" introduces the answer, not the question before it.
        assert_eq!(
            trailing("“Why did the pump stop?” Harriet Vane replied: “Nobody had oiled it.”"),
            None
        );
        assert_eq!(
            trailing("“Why did the pump stop?” asked Harriet Vane: “Nobody had oiled it.”"),
            None
        );
        assert_eq!(
            leading("Peter Wimsey, who speaks for the tenants, asked: “Why did the pump stop?”"),
            Some((
                "Peter Wimsey".into(),
                Form::Name,
                "asked".into(),
                "speaker.before"
            ))
        );
        // Without a colon the trailing attribution stands.
        assert_eq!(
            trailing("“Why did the pump stop?” Vane asked the engineer."),
            Some((
                "Vane".into(),
                Form::Name,
                "asked".into(),
                "speaker.after-name"
            ))
        );
    }

    #[test]
    fn the_subject_of_a_passive_speech_verb_is_not_the_speaker() {
        assert_eq!(
            leading("Under questioning from Wimsey, the engineer Vane was asked: “Did it leak?”"),
            Some((
                "Wimsey".into(),
                Form::Name,
                "asked".into(),
                "speaker.passive"
            ))
        );
        assert_eq!(
            leading("Later, Vane was asked by Peter Wimsey: “Did it leak?”"),
            Some((
                "Peter Wimsey".into(),
                Form::Name,
                "asked".into(),
                "speaker.passive"
            ))
        );
        // No agent: nobody is named as the speaker.
        assert_eq!(leading("Vane was asked: “Did it leak?”"), None);
        assert_eq!(trailing("“Did it leak?” Vane was asked."), None);
    }

    #[test]
    fn according_to_after_the_quote() {
        assert_eq!(
            trailing("“The cranes will stop,” according to Marieke van Dongen."),
            Some((
                "Marieke van Dongen".into(),
                Form::Name,
                "according to".into(),
                "speaker.according-to"
            ))
        );
    }
}
