//! Arabic and Hebrew attribution. Quotes in the marks their papers use (`« »`, `„ ”`, `" "`,
//! `“ ”`) are found by [`super::quotes`] like any other; this module gives them a cue and a
//! speaker:
//!
//! | rule | pattern |
//! |---|---|
//! | `speaker.rtl-before` | `وقال وزير الصحة: «…»`, `השר אמר: "…"`, `وأضاف أن «…»` |
//! | `speaker.rtl-after` | `«…»، قالت المتحدثة.`, `"…", אמר השר.` |
//!
//! The verbs are the commonest speech verbs with their inflections and the prefixes و/ف
//! ("and") in Arabic and ו ("and") / ש ("that") in Hebrew, matched without vowel points and
//! with the hamza forms of alif read as alif. Neither script has capitals, so a name cannot be
//! told from a title by its shape: the speaker phrase (the words between the verb and the
//! colon, comma or mark; or the words before the verb in its sentence) is proposed as a
//! SOURCE, for the annotator to narrow to the name.

use foldhash::HashSet;

use super::attribution::Attribution;
use super::lexicon::{ARABIC_SPEECH_VERBS, HEBREW_SPEECH_VERBS};
use super::speakers::{Speaker, sentence_start};
use super::tokens::{Kind, Tokens};

/// The most words a speaker phrase may have.
const MAX_SPEAKER_WORDS: usize = 6;

fn is_hebrew(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x05FF | 0xFB1D..=0xFB4F)
}

fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// True when the word is written in Arabic or Hebrew letters.
pub fn is_rtl_word(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| is_hebrew(c) || is_arabic(c))
}

/// The word without vowel points and tatweel, hamza forms of alif read as alif.
fn normalise(word: &str) -> String {
    word.chars()
        .filter(|&c| !matches!(c as u32, 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x0640))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            other => other,
        })
        .collect()
}

/// "That" before reported words: أن, بأن, כי.
fn is_that(word: &str) -> bool {
    matches!(normalise(word).as_str(), "ان" | "بان" | "כי")
}

/// True for an Arabic or Hebrew speech verb, with or without a one-letter prefix.
pub fn is_speech_verb(word: &str) -> bool {
    let word = normalise(word);
    let known = |w: &str| {
        ARABIC_SPEECH_VERBS
            .iter()
            .chain(HEBREW_SPEECH_VERBS)
            .any(|v| normalise(v) == w)
    };
    if known(&word) {
        return true;
    }
    let mut chars = word.chars();
    match chars.next() {
        Some('و' | 'ف' | 'ו' | 'ש') => known(chars.as_str()),
        _ => false,
    }
}

/// The speaker phrase of words from token `from` on (at most [`MAX_SPEAKER_WORDS`], up to a
/// punctuation mark or line end), with the index after it.
fn phrase_after(tokens: &Tokens, from: usize) -> Option<(Speaker, usize)> {
    let mut last = None;
    let mut i = from;
    while let Some(word) = tokens.word(i) {
        if i - from >= MAX_SPEAKER_WORDS
            || !is_rtl_word(word)
            || is_speech_verb(word)
            || is_that(word)
        {
            break;
        }
        last = Some(i);
        i += 1;
    }
    let last = last?;
    Some((speaker(tokens, from, last), last + 1))
}

/// The speaker phrase of words right before token `verb` back to `start`.
fn phrase_before(tokens: &Tokens, verb: usize, start: usize) -> Option<Speaker> {
    let mut first = None;
    let mut i = verb;
    while i > start {
        match tokens.word(i - 1) {
            Some(word) if is_rtl_word(word) && verb - (i - 1) <= MAX_SPEAKER_WORDS => {
                first = Some(i - 1);
                i -= 1;
            }
            _ => break,
        }
    }
    Some(speaker(tokens, first?, verb - 1))
}

fn speaker(tokens: &Tokens, first: usize, last: usize) -> Speaker {
    Speaker::nominal(tokens.tokens[first].start..tokens.tokens[last].end)
}

/// The attribution before an opening mark at `open`: a speech verb in the clause that runs
/// into the mark (through a colon, a comma or "that": أن, כי, ש).
pub fn before(tokens: &Tokens, open: usize, closes: &HashSet<usize>) -> Option<Attribution> {
    let open_token = tokens.first_at_or_after(open);
    let start = sentence_start(tokens, open_token, closes);
    if start >= open_token {
        return None;
    }
    let mut end = open_token - 1;
    if matches!(tokens.punct(end), Some(':' | ',' | '،')) {
        end = end.checked_sub(1)?;
    }
    if tokens.word(end).is_some_and(is_that) {
        end = end.checked_sub(1)?;
    }
    let verb = (start..=end)
        .rev()
        .take(MAX_SPEAKER_WORDS + 2)
        .find(|&i| tokens.word(i).is_some_and(is_speech_verb))?;
    let speaker = match phrase_after(tokens, verb + 1) {
        Some((speaker, next)) if next > end => Some(speaker),
        _ => phrase_before(tokens, verb, start),
    }?;
    Some(Attribution {
        speaker,
        cue: tokens.tokens[verb].range(),
        rule: "speaker.rtl-before",
    })
}

/// The attribution after a closing mark at `close`: `، قالت المتحدثة` / `, אמר השר`.
pub fn after(tokens: &Tokens, close: usize) -> Option<Attribution> {
    let mut index = tokens.first_at_or_after(close + 1);
    if matches!(tokens.punct(index), Some(',' | '،' | '-' | '–' | '—')) {
        index += 1;
    }
    let verb = tokens
        .word(index)
        .filter(|w| is_speech_verb(w))
        .map(|_| index)?;
    let (speaker, _) = phrase_after(tokens, verb + 1)?;
    Some(Attribution {
        speaker,
        cue: tokens.tokens[verb].range(),
        rule: "speaker.rtl-after",
    })
}

/// True when the quote at `open` is introduced by a colon (spaces and line ends skipped).
pub fn after_colon(tokens: &Tokens, open: usize) -> bool {
    let open_token = tokens.first_at_or_after(open);
    let mut i = open_token;
    while i > 0 && tokens.tokens[i - 1].kind == Kind::Break {
        i -= 1;
    }
    i > 0 && tokens.punct(i - 1) == Some(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_with_their_inflections_and_prefixes() {
        for verb in [
            "قال",
            "قالت",
            "وقال",
            "وقالت",
            "فقال",
            "أضاف",
            "وأضاف",
            "وأضافت",
            "أكد",
            "أكدت",
            "وأكد",
            "اكد",
            "تابع",
            "تابعت",
            "وتابع",
            "أكّد",
            "אמר",
            "אמרה",
            "אמרו",
            "ואמר",
            "הוסיף",
            "הוסיפה",
            "והוסיף",
        ] {
            assert!(is_speech_verb(verb), "{verb}");
        }
        for word in ["قلب", "الوزير", "מר", "בית", "said"] {
            assert!(!is_speech_verb(word), "{word}");
        }
    }
}
