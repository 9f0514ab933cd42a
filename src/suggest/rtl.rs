//! Arabic and Hebrew attribution. Quotes in the marks their papers use (`« »`, `„ ”`, `" "`,
//! `“ ”`) are found by [`super::quotes`] like any other; this module gives them a cue and a
//! speaker:
//!
//! | rule | pattern |
//! |---|---|
//! | `speaker.rtl-before` | `وقال وزير الصحة: «…»`, `השר אמר: "…"`, `وأضاف أن «…»`, `زاکانی گفت: «…»`, `انہوں نے کہا: «…»` |
//! | `speaker.rtl-after` | `«…»، قالت المتحدثة.`, `"…", אמר השר.` |
//!
//! The verbs are the commonest speech verbs with their inflections and the prefixes و/ف
//! ("and") in Arabic and ו ("and") / ש ("that") in Hebrew, matched without vowel points and
//! with the hamza forms of alif read as alif. Neither script has capitals, so the speaker
//! phrase (the words between the verb and the colon, comma or mark; or the words before the
//! verb in its sentence) is read by its words: a phrase of two or three words with no role,
//! title or body word ([`RTL_ROLE_WORDS`]) and no article on its first word, a role and its
//! complement before such a name or in front of its apposition ("ראש העירייה, אבנר שטרן"), or a
//! family name alone that the text wrote after a given name just before, is a person's name
//! (PERSON, `speaker_form = name`, the role as its `title`); any other phrase is proposed as a
//! SOURCE, for the annotator to narrow.

use foldhash::HashSet;
use std::ops::Range;

use super::attribution::Attribution;
use super::coref::Gender;
use super::lexicon::{
    ARABIC_SPEECH_VERBS, HEBREW_SPEECH_VERBS, PERSIAN_COMPOUND_SPEECH_VERBS, PERSIAN_SPEECH_VERBS,
    PERSIAN_URDU_ROLE_WORDS, RTL_ADJUNCT_WORDS, RTL_PRONOUNS, RTL_ROLE_WORDS, RTL_TIME_WORDS,
    URDU_ERGATIVE, URDU_PRESENT_SPEECH_VERBS, URDU_SPEECH_VERBS,
};
use super::speakers::{Form, Speaker, sentence_start};
use super::tokens::{Kind, Tokens};

/// How far back (in tokens) a one-word speaker is looked for as the last word of a name.
const NAME_LOOKBACK_TOKENS: usize = 3000;

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

/// The word without vowel points, tatweel and zero-width (non-)joiners (Persian writes
/// "می‌گوید" with one, or without: "میگوید"), hamza forms of alif read as alif, Arabic yeh and
/// kaf as Persian's.
fn normalise(word: &str) -> String {
    word.chars()
        .filter(|&c| !matches!(c as u32, 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x0640 | 0x200C | 0x200D))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            // Arabic and Persian forms of yeh and kaf are one letter here.
            'ي' => 'ی',
            'ك' => 'ک',
            other => other,
        })
        .collect()
}

/// "That" before reported words: أن, بأن, כי, Persian که, Urdu کہ.
fn is_that(word: &str) -> bool {
    matches!(normalise(word).as_str(), "ان" | "بان" | "כי" | "که" | "کہ")
}

/// True for an Arabic or Hebrew speech verb, with or without a one-letter prefix.
pub fn is_speech_verb(word: &str) -> bool {
    let word = normalise(word);
    let known = |w: &str| {
        ARABIC_SPEECH_VERBS
            .iter()
            .chain(HEBREW_SPEECH_VERBS)
            .chain(PERSIAN_SPEECH_VERBS)
            .chain(URDU_SPEECH_VERBS)
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

/// A word written in Latin letters or digits inside an Arabic or Hebrew speaker phrase: the
/// name of a company or a brand ("مدير شركة Total", "דובר חברת Intel"), part of the phrase.
fn is_latin_in_phrase(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '&' | '\''))
}

/// The speaker phrase of words from token `from` on (at most [`MAX_SPEAKER_WORDS`], up to a
/// punctuation mark or line end), with the index after it. It opens with an Arabic or Hebrew
/// word; Latin words after that are part of it.
fn phrase_after(tokens: &Tokens, from: usize) -> Option<(Speaker, usize)> {
    let mut last = None;
    let mut i = from;
    while let Some(word) = tokens.word(i) {
        if i - from >= MAX_SPEAKER_WORDS
            || !(is_rtl_word(word) || (i > from && is_latin_in_phrase(word)))
            || is_speech_verb(word)
            || is_that(word)
            || (i > from && opens_adjunct(tokens, i))
        {
            break;
        }
        last = Some(i);
        i += 1;
    }
    let last = last?;
    Some(with_apposition(
        tokens,
        speaker(tokens, from, last),
        last + 1,
    ))
}

/// True when token `i` opens a phrase of where, when or how the words were said, which ends
/// the speaker phrase: "في مؤتمر صحفي", "خلال مقابلة", "בראיון", "בשיחה" (a place after a
/// role stays in it: "مدير شركة Nordex في المنطقة", "מנהל Google בישראל").
fn opens_adjunct(tokens: &Tokens, i: usize) -> bool {
    let Some(word) = tokens.word(i).map(normalise) else {
        return false;
    };
    let listed = |w: &str| RTL_ADJUNCT_WORDS.iter().any(|a| normalise(a) == w);
    listed(&word)
        || (matches!(word.as_str(), "فی" | "خلال" | "اثناء")
            && tokens
                .word(i + 1)
                .map(normalise)
                .is_some_and(|n| listed(&n)))
}

/// The speaker phrase of words right before token `verb` back to `start` (Latin words inside
/// it included, its first word Arabic or Hebrew). Urdu's ergative نے after it is left out
/// ("وزیر اعظم نے کہا"); a pronoun phrase ("انہوں نے کہا", "او گفت") is a pronoun speaker.
fn phrase_before(tokens: &Tokens, verb: usize, start: usize) -> Option<Speaker> {
    let mut end = verb;
    if end > start
        && tokens
            .word(end - 1)
            .is_some_and(|w| URDU_ERGATIVE.contains(&w))
    {
        end -= 1;
    }
    let mut first = None;
    let mut i = end;
    while i > start {
        match tokens.word(i - 1) {
            Some(word)
                if (is_rtl_word(word) || is_latin_in_phrase(word))
                    && end - (i - 1) <= MAX_SPEAKER_WORDS
                    && !is_speech_verb(word) =>
            {
                i -= 1;
                if is_rtl_word(word) {
                    first = Some(i);
                }
            }
            _ => break,
        }
    }
    let Some(first) = first else {
        // "המנכ"ל של החברה, יוסי לוי, הוסיף כי", "المدير، سامر الحوراني، قال": a name in
        // apposition between commas right before the verb speaks.
        if end > start + 2 && matches!(tokens.punct(end - 1), Some(',' | '،')) {
            let last = end - 2;
            let mut first = last;
            while first > start
                && last - first < 2
                && tokens.word(first - 1).is_some_and(is_rtl_word)
            {
                first -= 1;
            }
            if first < last && tokens.word(first).is_some() && is_name_phrase(tokens, first, last) {
                return Some(speaker(tokens, first, last));
            }
        }
        return None;
    };
    if first + 1 == end && tokens.word(first).is_some_and(is_rtl_pronoun) {
        return Some(Speaker {
            range: tokens.tokens[first].range(),
            form: Form::Pronoun,
            is_org: false,
            title: None,
        });
    }
    Some(speaker(tokens, first, end - 1))
}

/// A personal pronoun that speaks ("او", "وی", "انہوں", "הוא", "هو").
fn is_rtl_pronoun(word: &str) -> bool {
    let word = normalise(word);
    RTL_PRONOUNS.iter().any(|p| normalise(p) == word)
}

/// The speaker a speech verb with no subject word stands for: Arabic and Hebrew leave the
/// pronoun in the verb ("وأضاف أن «…»", "وأضافت: «…»", "והוסיפה: „…”"). The verb itself is the
/// pronoun; its ending gives the gender ([`verb_gender`]).
fn implied_pronoun(tokens: &Tokens, verb: usize) -> Speaker {
    Speaker {
        range: tokens.tokens[verb].range(),
        form: Form::Pronoun,
        is_org: false,
        title: None,
    }
}

/// The gender an Arabic or Hebrew speech verb (or a Persian or Urdu pronoun) asks of its
/// speaker: Arabic feminine past in ـت (قالت، أضافت), Hebrew feminine in ה or ת (אמרה,
/// הוסיפה, אומרת); plural forms (قالوا, אמרו) and Persian and Urdu (no gender) ask nothing.
pub(super) fn verb_gender(word: &str) -> Option<Gender> {
    if !is_speech_verb(word) {
        return None;
    }
    let word = normalise(word);
    let hebrew = word.chars().any(is_hebrew);
    let known = |w: &str| match hebrew {
        true => HEBREW_SPEECH_VERBS.iter().any(|v| normalise(v) == w),
        false => ARABIC_SPEECH_VERBS.iter().any(|v| normalise(v) == w),
    };
    // Without the prefix و/ف/ו/ש when the bare word is not a verb of its own.
    let bare = if known(&word) {
        word
    } else {
        let mut chars = word.chars();
        chars.next();
        chars.as_str().to_string()
    };
    if !known(&bare) {
        return None;
    }
    let last = bare.chars().last()?;
    match (hebrew, last) {
        (false, 'ت') => Some(Gender::Female),
        (false, 'ا' | 'ن') => None,
        // The present: تقول, تضيف, تؤكد (she); تابع is a past of its own (he).
        (false, _) if bare.starts_with('ت') && bare != "تابع" => Some(Gender::Female),
        (false, _) => Some(Gender::Male),
        (true, 'ה' | 'ת') => Some(Gender::Female),
        (true, 'ו' | 'ם') => None,
        (true, _) => Some(Gender::Male),
    }
}

/// How far back (in tokens) the speaker a pronoun stands for is looked for.
const PRONOUN_LOOKBACK_TOKENS: usize = 600;

/// Who an Arabic, Hebrew, Persian or Urdu pronoun speaker at `at` stands for (`pronoun`: the
/// pronoun, or the verb that holds it: "وأضافت", "הוסיפה", "او", "انہوں"): the speaker of the
/// latest speech verb before it, in the text's own words (`وقالت الوزيرة سارة الخطيب إن …`
/// counts as much as an attributed quote), whose gender fits ([`verb_gender`]; a pronoun
/// without one takes the latest). Neither script has capitals for the name rules to find
/// these people, so the speech verbs are where they are named.
pub(super) fn previous_speaker(tokens: &Tokens, at: usize, pronoun: &str) -> Option<Speaker> {
    let want = verb_gender(pronoun);
    let here = tokens.first_at_or_after(at);
    let from = here.saturating_sub(PRONOUN_LOOKBACK_TOKENS);
    (from..here).rev().find_map(|i| {
        // Urdu: the subject of any past verb before its ergative نے ("وزیر … بلال اکبر نے …
        // اعلان کیا"), when no gender is asked.
        if want.is_none() && tokens.word(i).is_some_and(|w| URDU_ERGATIVE.contains(&w)) {
            let start = sentence_start(tokens, i, &HashSet::default());
            return phrase_before(tokens, i + 1, start).filter(|s| s.form != Form::Pronoun);
        }
        let first = speech_verb_at(tokens, i)?;
        let word = tokens.word(i)?;
        if want.is_some() && verb_gender(word) != want {
            return None;
        }
        let speaker = match phrase_after(tokens, i + 1) {
            Some((speaker, _)) => speaker,
            None => {
                let start = sentence_start(tokens, first, &HashSet::default());
                phrase_before(tokens, first, start)?
            }
        };
        (speaker.form != Form::Pronoun).then_some(speaker)
    })
}

/// The speech verb at token `i`, with the token its cue starts at: one word, or a Persian
/// compound (اظهار داشت, تاکید کرد) or an Urdu present (کہتے ہیں, کہتی ہیں) whose last word
/// is at `i`.
fn speech_verb_at(tokens: &Tokens, i: usize) -> Option<usize> {
    let word = tokens.word(i)?;
    if is_speech_verb(word) {
        return Some(i);
    }
    let first = i.checked_sub(1)?;
    let before = normalise(tokens.word(first)?);
    let word = normalise(word);
    PERSIAN_COMPOUND_SPEECH_VERBS
        .iter()
        .chain(URDU_PRESENT_SPEECH_VERBS)
        .any(|(a, b)| normalise(a) == before && normalise(b) == word)
        .then_some(first)
}

/// The speaker over tokens `first..=last`: a person's name when the phrase reads as one (see
/// [`is_name_phrase`]), else a nominal (a role or a body, for the annotator to narrow).
fn speaker(tokens: &Tokens, first: usize, last: usize) -> Speaker {
    let range = tokens.tokens[first].start..tokens.tokens[last].end;
    if is_name_phrase(tokens, first, last) {
        return Speaker {
            range,
            form: Form::Name,
            is_org: false,
            title: None,
        };
    }
    // "وزير النقل سامي الحداد", "ראש העירייה אבנר שטרן": a role word and its definite
    // complements, then a name of two or three words: the name speaks, the role is its title.
    let title_word = |i: usize| {
        tokens.word(i).is_some_and(|w| {
            is_role_word(w) || normalise(w).starts_with("ال") || w.starts_with('ה')
        })
    };
    let split = (first + 1..last).find(|&k| {
        (first..k).all(title_word)
            && (first..k).any(|i| tokens.word(i).is_some_and(is_role_word))
            && is_name_phrase(tokens, k, last)
    });
    // Persian and Urdu have no article to end the role with ("پنجاب کے وزیر ٹرانسپورٹ بلال
    // اکبر", "شهردار تهران علیرضا زاکانی"): after a role word, the last two words are the name.
    let split = split.or_else(|| {
        let k = last.checked_sub(1)?;
        (k > first
            && (first..k).any(|i| tokens.word(i).is_some_and(is_role_word))
            && (first..=last).any(|i| tokens.word(i).is_some_and(is_persian_or_urdu))
            && is_name_phrase(tokens, k, last))
        .then_some(k)
    });
    match split {
        Some(k) => Speaker {
            range: tokens.tokens[k].start..tokens.tokens[last].end,
            form: Form::Name,
            is_org: false,
            title: Some(tokens.tokens[first].start..tokens.tokens[k - 1].end),
        },
        None => Speaker::nominal(range),
    }
}

/// True for a word with a letter of Persian or Urdu that Arabic does not write (پ چ ژ گ ٹ ڈ
/// ڑ ں ے ہ, Persian ی and ک).
fn is_persian_or_urdu(word: &str) -> bool {
    word.chars().any(|c| {
        matches!(
            c,
            'پ' | 'چ' | 'ژ' | 'گ' | 'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ہ' | 'ی' | 'ک'
        )
    })
}

/// A word of a role, a title or a body ([`RTL_ROLE_WORDS`]), or a speech verb.
fn is_role_word(word: &str) -> bool {
    let word = normalise(word);
    RTL_ROLE_WORDS
        .iter()
        .chain(PERSIAN_URDU_ROLE_WORDS)
        .any(|r| normalise(r) == word)
        || is_speech_verb(&word)
}

/// True when the words `first..=last` are a person's name. Neither script has capitals, so
/// the shape decides: two or three words, none of a role, title or body, the first without
/// the article (ال, ה: "المدير التنفيذي", "הדוברת" are roles; a family name may carry it,
/// "سامر الحوراني"); or one such word that the text also writes as the last word of a name
/// after another word ("وقالت العبادي" after "ريم العبادي", "הוסיפה לביא" after "נועה לביא").
fn is_name_phrase(tokens: &Tokens, first: usize, last: usize) -> bool {
    let words: Vec<&str> = (first..=last).filter_map(|i| tokens.word(i)).collect();
    if words.len() != last + 1 - first
        || words.len() > 3
        || words.iter().any(|w| !is_rtl_word(w) || is_role_word(w))
    {
        return false;
    }
    if words.len() >= 2 {
        let head = normalise(words[0]);
        return !(head.starts_with("ال") || head.starts_with('ה'));
    }
    // (Looked for in the text just before, where a name is introduced: no pass over the
    // whole article per speaker.)
    full_name_before(tokens, first).is_some()
}

/// The full name a one-word Arabic, Hebrew, Persian or Urdu family name at token `index`
/// stands for: the latest place in the [`NAME_LOOKBACK_TOKENS`] before it where the text
/// wrote the word after a given name ("ريم العبادي" for "وقالت العبادي", "נועה לביא" for
/// "הוסיפה לביא").
pub(super) fn full_name_before(tokens: &Tokens, index: usize) -> Option<Range<usize>> {
    let word = tokens.word(index).filter(|w| is_rtl_word(w))?;
    (index.saturating_sub(NAME_LOOKBACK_TOKENS)..index)
        .rev()
        .find(|&i| {
            i > 0
                && tokens.word(i) == Some(word)
                && tokens.word(i - 1).is_some_and(|before| {
                    is_rtl_word(before)
                        && before.chars().count() >= 3
                        && !is_role_word(before)
                        && !is_that(before)
                        && !normalise(before).starts_with("ال")
                        && !before.starts_with('ה')
                })
        })
        .map(|i| tokens.tokens[i - 1].start..tokens.tokens[i].end)
}

/// "ראש העירייה, אבנר שטרן,", "المدير التنفيذي للشركة، سامر الحوراني،": a role phrase, a
/// comma, then a name of two or three words ending the apposition: the name speaks, the role
/// is its title.
fn with_apposition(tokens: &Tokens, role: Speaker, next: usize) -> (Speaker, usize) {
    if role.form != Form::Nominal || !matches!(tokens.punct(next), Some(',' | '،')) {
        return (role, next);
    }
    let first = next + 1;
    let mut last = first;
    while last < first + 3 && tokens.word(last + 1).is_some_and(is_rtl_word) {
        last += 1;
    }
    let ends = tokens.tokens.get(last + 1).is_none_or(|t| {
        t.kind == Kind::Break || matches!(tokens.punct(last + 1), Some(',' | '،' | '.' | ':'))
    });
    if last > first && ends && is_name_phrase(tokens, first, last) {
        let mut name = speaker(tokens, first, last);
        name.title = Some(role.range);
        return (name, last + 1);
    }
    (role, next)
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
        .find(|&i| speech_verb_at(tokens, i).is_some());
    // "وقال المدير التنفيذي للشركة، سامر الحوراني، في مؤتمر صحفي: «…»": a role, the name in
    // apposition, then a few words of where or how before the colon.
    let Some(verb) = verb else {
        let verb = (start..=end)
            .rev()
            .take(3 * MAX_SPEAKER_WORDS)
            .find(|&i| tokens.word(i).is_some_and(is_speech_verb))?;
        let (speaker, next) = phrase_after(tokens, verb + 1)?;
        if speaker.title.is_none() || end + 1 < next || end + 1 - next > 6 {
            return None;
        }
        return Some(Attribution {
            speaker,
            cue: tokens.tokens[verb].range(),
            rule: "speaker.rtl-before",
        });
    };
    let cue_first = speech_verb_at(tokens, verb)?;
    // "דובר צה"ל אמר בבוקר: „…”", "وقال الوزير اليوم: «…»": words of time after the verb
    // are no speaker when its subject came before it.
    // (A phrase of where or how may come between the speaker and the colon: "وقال الحمود في
    // مؤتمر صحفي: «…»".)
    let after = phrase_after(tokens, verb + 1)
        .filter(|(_, next)| {
            *next > end || (opens_adjunct(tokens, *next) && end + 1 - next <= MAX_SPEAKER_WORDS)
        })
        .filter(|_| {
            !tokens.word(verb + 1).is_some_and(|w| {
                let w = normalise(w);
                RTL_TIME_WORDS.iter().any(|t| normalise(t) == w)
            }) || cue_first == start
        });
    let speaker = match after {
        Some((speaker, _)) => Some(speaker),
        None => phrase_before(tokens, cue_first, start),
    };
    // "وأضاف أن «…»", "وأضافت: «…»": the verb opens its sentence and runs into the quote; the
    // pronoun is in the verb.
    let speaker = match speaker {
        Some(speaker) => speaker,
        None if cue_first == start && verb == end => implied_pronoun(tokens, verb),
        None => return None,
    };
    Some(Attribution {
        speaker,
        cue: tokens.tokens[cue_first].start..tokens.tokens[verb].end,
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
