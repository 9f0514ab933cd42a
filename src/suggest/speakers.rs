//! Speakers and cues by speech-verb patterns around a quote (Pouliquen et al. 2007; the
//! Quootstrap seeds; the Gender Gap Tracker's verb list):
//!
//! | rule | pattern |
//! |---|---|
//! | `speaker.after-verb` | `“Q,” verb [title] Name` / `“Q,” said the spokesperson` / `“Q,” said he` |
//! | `speaker.after-name` | `“Q,” [title] Name [, apposition,] verb` / `“Q,” she said` |
//! | `speaker.before` | `Name [, apposition ,] verb [object] [:|,|that] “Q”` |
//! | `speaker.according-to` | `“Q,” according to X` / `According to X, “Q”` |
//!
//! Split quotes and speakers carried over to floating quotes are decided in `mod.rs`.

use std::collections::HashSet;
use std::ops::Range;

use super::names::{self, Name};
use super::tokens::{self, Kind, Tokens, is_capitalised};

/// Speech verbs (inflected forms), after the Gender Gap Tracker's list of about 60 lemmas,
/// plus a few German and French forms for articles quoted in those languages.
const CUE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "telling",
    "added",
    "adds",
    "noted",
    "notes",
    "stressed",
    "stresses",
    "warned",
    "warns",
    "explained",
    "explains",
    "claimed",
    "claims",
    "denied",
    "denies",
    "asked",
    "asks",
    "replied",
    "replies",
    "answered",
    "answers",
    "recalled",
    "recalls",
    "insisted",
    "insists",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "argued",
    "argues",
    "continued",
    "declared",
    "declares",
    "announced",
    "announces",
    "confirmed",
    "confirms",
    "wrote",
    "writes",
    "joked",
    "jokes",
    "estimated",
    "estimates",
    "pressed",
    "accepted",
    "accepts",
    "conceded",
    "concedes",
    "maintained",
    "maintains",
    "suggested",
    "suggests",
    "observed",
    "remarked",
    "commented",
    "comments",
    "countered",
    "counters",
    "responded",
    "responds",
    "agreed",
    "agrees",
    "complained",
    "complains",
    "cautioned",
    "cautions",
    "predicted",
    "predicts",
    "promised",
    "promises",
    "emphasised",
    "emphasized",
    "emphasises",
    "emphasizes",
    "urged",
    "urges",
    "vowed",
    "vows",
    "stated",
    "states",
    "testified",
    "shouted",
    "cried",
    "whispered",
    "tweeted",
    "posted",
    "wondered",
    "mused",
    "concluded",
    "concludes",
    "reported",
    "recounted",
    "repeated",
    "reiterated",
    "boasted",
    "lamented",
    "protested",
    "objected",
    "interjected",
    "retorted",
    "snapped",
    "quipped",
    "assured",
    "reminded",
    "revealed",
    "alleged",
    "contended",
    "asserted",
    "affirmed",
    "pleaded",
    "demanded",
    "demands",
    "begged",
    "yelled",
    "sighed",
    "laughed",
    "smiled",
    "began",
    "went",
    "put",
    "sagte",
    "sagt",
    "erklärte",
    "betonte",
    "fügte",
    "meinte",
    "warnte",
    "dit",
    "déclaré",
    "répondu",
    "ajouté",
    "expliqué",
    "affirmé",
];

/// Words allowed between a speaker and its verb or after the verb before the speaker:
/// auxiliaries and common adverbs ("later said", "has said", "said again").
const BETWEEN: &[&str] = &[
    "later",
    "also",
    "then",
    "again",
    "previously",
    "earlier",
    "once",
    "only",
    "just",
    "has",
    "had",
    "have",
    "would",
    "will",
    "was",
    "is",
    "did",
    "does",
    "could",
    "may",
    "might",
    "hat",
    "hatte",
    "not",
    "never",
    "still",
    "now",
    "afterwards",
    "herself",
    "himself",
];

/// Pronoun speakers and the quoted pronouns they may stand for.
const PRONOUNS: &[&str] = &["he", "she", "they", "er", "sie", "il", "elle"];

/// Determiners that start a nominal speaker ("a spokesperson", "one crane operator").
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "another", "two", "three", "several", "some", "many", "other", "his",
    "her", "their", "its", "our",
];

/// Words that end a nominal speaker phrase ("a spokesperson [for the port]").
const PHRASE_END: &[&str] = &[
    "for", "of", "at", "in", "with", "on", "from", "who", "which", "that", "to", "and", "by",
    "when", "after", "before", "during", "as",
];

/// Prepositions after which a name or a noun phrase belongs to the phrase before it ("a
/// spokeswoman for Borealink", "an official at the provincial office"): it is not the subject.
const PREPOSITIONS: &[&str] = &["for", "of", "at", "in", "with", "on", "from", "by"];

/// Auxiliaries and conjunctions: a nominal subject never contains one ("crews on the ridge
/// had been told", "changes to the plan but would not say").
const NOT_IN_NOMINAL: &[&str] = &[
    "had", "has", "have", "been", "be", "was", "were", "is", "are", "would", "will", "could",
    "should", "may", "might", "did", "does", "do", "not", "but", "and", "or", "yet",
];

/// True when the capitalised run from token `first` to `last` is followed by no lower-case
/// word of its phrase (only a verb, an adverb or punctuation): "the Kettle Flats road" is not
/// a name of its own.
pub fn ends_phrase(tokens: &Tokens, last: usize) -> bool {
    let after = last + 1;
    match tokens.tokens.get(after) {
        Some(t) if t.kind == Kind::Word => tokens
            .word(after)
            .is_some_and(|w| is_cue_verb(&w) || is_between(tokens, after)),
        _ => true,
    }
}

/// True when the word before token `first` is "the": a capitalised run after "the" ("the
/// Interior Fire Directorate", "the Kettle Flats road") names a thing, not a person.
pub fn after_the(tokens: &Tokens, first: usize) -> bool {
    first > 0 && lower(tokens, first - 1).as_deref() == Some("the")
}

/// Head nouns of a role before a name that make the name an organisation ("the youth group
/// Generation Deich").
const ORG_HEADS: &[&str] = &[
    "group",
    "union",
    "company",
    "firm",
    "party",
    "organisation",
    "organization",
    "campaign",
    "agency",
    "association",
    "body",
    "ministry",
    "council",
    "institute",
    "charity",
    "network",
    "alliance",
    "movement",
    "coalition",
    "operator",
    "carrier",
    "bank",
    "newspaper",
    "outlet",
    "broadcaster",
    "federation",
    "foundation",
    "think-tank",
    "lobby",
    "insurer",
    "authority",
];

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sr", "Jr", "No", "Gov", "Sen", "Rep", "Capt", "Col",
    "Lt", "Sgt", "Rev", "Mme", "Mt", "vs", "etc", "approx", "Inc", "Ltd", "Co", "Corp",
];

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
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Speaker,
    pub cue: Range<usize>,
    pub rule: &'static str,
}

pub fn is_cue_verb(word: &str) -> bool {
    CUE_VERBS.contains(&word.to_lowercase().as_str())
}

fn lower(tokens: &Tokens, index: usize) -> Option<String> {
    tokens.word(index).map(|w| w.to_lowercase())
}

fn is_between(tokens: &Tokens, index: usize) -> bool {
    lower(tokens, index).is_some_and(|w| BETWEEN.contains(&w.as_str()) || w.ends_with("ly"))
}

/// "according to" at `index`: the range of the two words.
fn according_to(tokens: &Tokens, index: usize) -> Option<Range<usize>> {
    (lower(tokens, index)? == "according" && lower(tokens, index + 1)? == "to")
        .then(|| tokens.tokens[index].start..tokens.tokens[index + 1].end)
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

fn speaker_from_name(name: &Name) -> Speaker {
    Speaker {
        range: name.range.clone(),
        form: Form::Name,
        is_org: name.is_org,
    }
}

/// A speaker phrase starting at token `index`: a name (titles skipped), a pronoun, or a nominal
/// ("the union's lead negotiator, Daniel Okafor" gives the name). Returns it and the index of
/// the token after it.
pub fn speaker_at(tokens: &Tokens, index: usize) -> Option<(Speaker, usize)> {
    let word = tokens.word(index)?;
    let lowered = word.to_lowercase();
    if PRONOUNS.contains(&lowered.as_str()) {
        let token = tokens.tokens[index];
        return Some((
            Speaker {
                range: token.range(),
                form: Form::Pronoun,
                is_org: false,
            },
            index + 1,
        ));
    }
    let name = names::name_at(tokens, index);
    let possessive = name.as_ref().is_some_and(|n| {
        tokens
            .word(n.last_token)
            .is_some_and(|w| tokens::strip_possessive(&w) != w)
    });
    if let Some(name) = &name
        && !possessive
    {
        return Some((speaker_from_name(name), name.last_token + 1));
    }
    // A nominal: a determiner or a possessive name, then lower-case words
    // ("the spokesperson", "Kestrel's operations director").
    let head_start = match &name {
        Some(name) if possessive => name.last_token + 1,
        _ if DETERMINERS.contains(&lowered.as_str()) => {
            if let Some(name) = names::name_at(tokens, index + 1)
                && name.is_org
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
            index + 1
        }
        _ => return None,
    };
    let mut last = head_start - 1;
    let mut next = head_start;
    while let Some(w) = tokens.word(next) {
        let lw = w.to_lowercase();
        if PHRASE_END.contains(&lw.as_str()) || is_capitalised(&w) || is_cue_verb(&w) {
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
    // "the union's lead negotiator, Daniel Okafor" or "the youth group Generation Deich":
    // the name in apposition wins.
    let apposition_at = if tokens.punct(next) == Some(',') {
        next + 1
    } else {
        next
    };
    if let Some(name) = names::name_at(tokens, apposition_at)
        && (apposition_at == next || !name.is_org)
    {
        let after = name.last_token + 1;
        let ends = match tokens.tokens.get(after) {
            None => true,
            Some(t) => {
                t.kind == Kind::Break
                    || matches!(tokens.punct(after), Some('.' | ','))
                    || tokens
                        .word(after)
                        .is_some_and(|w| is_cue_verb(&w) || is_between(tokens, after))
            }
        };
        if ends {
            let mut speaker = speaker_from_name(&name);
            speaker.is_org |= ORG_HEADS.contains(&head.as_str());
            return Some((speaker, after));
        }
    }
    let range = tokens.tokens[index].start..tokens.tokens[last].end;
    Some((
        Speaker {
            range,
            form: Form::Nominal,
            is_org: false,
        },
        next,
    ))
}

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
    if lower(tokens, end - 1).is_some_and(|w| matches!(w.as_str(), "who" | "which" | "that")) {
        return None;
    }
    let last = end - 1;
    if tokens.punct(last) == Some(',') {
        // An apposition: "Name, 54, the union's negotiator, said" or "The negotiator, Name, said".
        let open_comma = (limit..last)
            .rev()
            .find(|&i| tokens.punct(i) == Some(','))?;
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
    subject_ending_at(tokens, last, limit)
}

/// A pronoun, name or nominal whose last word is token `last`.
fn subject_ending_at(tokens: &Tokens, last: usize, limit: usize) -> Option<Speaker> {
    let word = tokens.word(last)?;
    if PRONOUNS.contains(&word.to_lowercase().as_str()) {
        return Some(Speaker {
            range: tokens.tokens[last].range(),
            form: Form::Pronoun,
            is_org: false,
        });
    }
    if let Some(name) = names::name_ending_at(tokens, last)
        && name.first_token >= limit
    {
        // "A spokeswoman for Borealink said": the name belongs to the phrase before it.
        if name.first_token > limit + 1
            && lower(tokens, name.first_token - 1)
                .is_some_and(|w| PREPOSITIONS.contains(&w.as_str()))
        {
            return subject_ending_at(tokens, name.first_token - 2, limit);
        }
        let mut speaker = speaker_from_name(&name);
        speaker.is_org |= after_the(tokens, name.first_token) && name.word_count(tokens) >= 2;
        return Some(speaker);
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
            // "A spokesman for the directorate later added": the phrase before the
            // preposition is the subject.
            if index > limit + 1
                && lower(tokens, index - 1).is_some_and(|w| PREPOSITIONS.contains(&w.as_str()))
            {
                return subject_ending_at(tokens, index - 2, limit);
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
            return Some(Speaker {
                range: tokens.tokens[index].start..tokens.tokens[end - 1].end,
                form: Form::Nominal,
                is_org: false,
            });
        }
        if index <= limit
            || (is_capitalised(&w) && index != last)
            || is_cue_verb(&w)
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
            if matches!(mark, '!' | '?' | ';') {
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

fn is_abbreviation(tokens: &Tokens, full_stop: usize) -> bool {
    if full_stop == 0 {
        return false;
    }
    let before = tokens.tokens[full_stop - 1];
    if before.end != tokens.tokens[full_stop].start {
        return false;
    }
    tokens.word(full_stop - 1).is_some_and(|w| {
        ABBREVIATIONS.contains(&w.as_str())
            || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
    })
}

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
        Some(',' | '?' | '!' | '—' | '–' | '-' | '…' | ':')
    );
    if !(outside_comma || open_ending) {
        return None;
    }
    after_at(tokens, index)
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

/// Forms of "be" that make a following speech verb passive ("was asked", "had been told").
const PASSIVE_AUXILIARIES: &[&str] = &["was", "were", "is", "are", "been", "being", "be"];

/// True when the speech verb at token `verb` is passive: its subject is spoken to, not the
/// speaker ("Holloway was asked").
pub fn passive_at(tokens: &Tokens, verb: usize) -> bool {
    let mut i = verb;
    while i > 0 {
        let Some(w) = lower(tokens, i - 1) else {
            return false;
        };
        if PASSIVE_AUXILIARIES.contains(&w.as_str()) {
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
    if lower(tokens, verb + 1).as_deref() == Some("by")
        && let Some((speaker, _)) = speaker_at(tokens, verb + 2)
    {
        return Some(speaker);
    }
    for i in start..verb {
        let Some(w) = lower(tokens, i) else {
            continue;
        };
        if matches!(w.as_str(), "from" | "by")
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

fn after_at(tokens: &Tokens, index: usize) -> Option<Attribution> {
    if let Some(cue) = according_to(tokens, index) {
        let (speaker, _) = according_source(tokens, index + 2)?;
        return Some(Attribution {
            speaker,
            cue,
            rule: "speaker.according-to",
        });
    }
    // `“Q,” said [title] Name`
    let mut verb = index;
    while is_between(tokens, verb) && verb < index + 2 {
        verb += 1;
    }
    if tokens.word(verb).is_some_and(|w| is_cue_verb(&w)) {
        let mut at = verb + 1;
        while is_between(tokens, at) && at < verb + 3 {
            at += 1;
        }
        if let Some((speaker, next)) = speaker_at(tokens, at) {
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
    // `“Q,” [title] Name [, apposition,] verb`
    let (speaker, mut next) = speaker_at(tokens, index)?;
    let mut after_comma = next + 1;
    while is_between(tokens, after_comma) && after_comma < next + 3 {
        after_comma += 1;
    }
    if tokens.punct(next) == Some(',') && tokens.word(after_comma).is_some_and(|w| is_cue_verb(&w))
    {
        // The comma closed an apposition the speaker phrase already read.
        next += 1;
    } else if tokens.punct(next) == Some(',') {
        let close = (next + 1..next + 14)
            .find(|&i| tokens.punct(i) == Some(',') || tokens.tokens.get(i).is_none())?;
        if tokens.punct(close) != Some(',') {
            return None;
        }
        next = close + 1;
    }
    let mut verb = next;
    while is_between(tokens, verb) && verb < next + 3 {
        verb += 1;
    }
    if tokens.word(verb).is_some_and(|w| is_cue_verb(&w)) {
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

/// The attribution before a quote's opening mark `open`: `Name [, apposition,] verb
/// [object] [:|,|that] “` or `According to X, “`.
pub fn before(tokens: &Tokens, open: usize, closes: &HashSet<usize>) -> Option<Attribution> {
    let open_token = tokens.first_at_or_after(open);
    if open_token == 0 {
        return None;
    }
    let start = sentence_start(tokens, open_token, closes);
    if start >= open_token {
        return None;
    }
    let mut end = open_token - 1; // the last token before the mark
    let colon = tokens.punct(end) == Some(':');
    if colon || tokens.punct(end) == Some(',') {
        if end == start {
            return None;
        }
        end -= 1;
    } else if lower(tokens, end).as_deref() == Some("that") && end > start {
        end -= 1;
    }
    // `According to X, “Q”`
    for i in start..=end {
        if let Some(cue) = according_to(tokens, i)
            && let Some((speaker, next)) = according_source(tokens, i + 2)
            && next > end
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
        .find(|&i| tokens.word(i).is_some_and(|w| is_cue_verb(&w)))?;
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
        found(text, before(&tokens, open, &HashSet::new()))
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
