//! The words of names: what each word of a capitalised run is (a title or office, a particle,
//! an initial, an acronym, a generational suffix, a nickname in marks, an honorific before a
//! name), read one word or a few tokens at a time. [`super`] reads runs and names from them.

use super::super::lexicon::{
    HONORIFICS, NOT_INITIALS, OFFICE_SET, ORG_WORD_SET, PARTICLES, SURNAME_OPENERS, TITLE_SET,
};
use super::super::tokens::{Tokens, is_capitalised, strip_possessive};

pub fn is_title(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    TITLE_SET.contains(word)
        || OFFICE_SET.contains(word)
        // "Congresswoman", "Councilwoman", "Chairperson": no name ends so; nor with a
        // body's word and "man" ("Councilman", "Assemblyman").
        || (word.len() > 7
            && word.starts_with(char::is_uppercase)
            && (word.ends_with("woman")
                || word.ends_with("person")
                || word.strip_suffix("man").is_some_and(|body| {
                    matches!(
                        body,
                        "Council" | "Congress" | "Assembly" | "Alder" | "Select" | "Committee"
                    )
                })))
        // A plural title before two names ("Secretaries Raimondo and Clouthier",
        // "Senators Ames and Ruiz").
        || word
            .strip_suffix('s')
            .is_some_and(|one| one.len() >= 4 && TITLE_SET.contains(one))
        || matches!(word, "Secretaries" | "Deputies")
}

pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// True when `word` (any case) opens a family name of more than one word.
pub fn opens_surname(word: &str) -> bool {
    SURNAME_OPENERS.contains(&word.to_lowercase().as_str())
}

/// Irish names keep a lower-case prefix before the capital ("Mac an tSaoi", "Ó hAodha").
pub(super) fn is_prefixed_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    let second = chars.next();
    matches!(first, Some('t' | 'n' | 'h' | 'm' | 'b' | 'g' | 'd'))
        && second.is_some_and(char::is_uppercase)
        && word.chars().skip(2).any(char::is_lowercase)
}

/// An Arabic family name or name part written with its article in lower case: "al-Zahra",
/// "el-Sisi", "ad-Din", "ash-Shami" (a capital after the hyphen, letters after it).
fn is_arabic_article_name(word: &str) -> bool {
    [
        "al-", "el-", "ad-", "ed-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ul-",
    ]
    .iter()
    .find_map(|article| word.strip_prefix(article))
    .is_some_and(|rest| {
        rest.chars().next().is_some_and(char::is_uppercase)
            && rest.chars().skip(1).all(char::is_lowercase)
            && rest.chars().count() >= 2
    })
}

/// A Korean (or Taiwanese) given name of two syllables joined by a hyphen, the second in
/// lower case: "Jin-woo", "Ki-moon", "Jae-in", "Ing-wen", "Ching-te". The first part is one
/// capitalised syllable of at most four letters, the second one syllable of the common
/// romanisations (an onset, a vowel, an optional n, ng, k, l, m or p): "Texas-born",
/// "NASA-led" and "state-run" are no such names.
pub(in crate::suggest) fn is_hyphenated_given_name(word: &str) -> bool {
    let Some((first, second)) = word.split_once('-') else {
        return false;
    };
    first.chars().next().is_some_and(char::is_uppercase)
        && (2..=4).contains(&first.chars().count())
        && first.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && is_romanised_syllable(second)
        && !matches!(second, "run" | "in" if first.len() > 3)
}

/// One syllable of Korean or Mandarin romanisation in lower case ("woo", "yeon", "moon",
/// "hee", "jun", "wen", "te"); no English word of the shapes modifiers take ("born", "led",
/// "based", "made", "old").
fn is_romanised_syllable(part: &str) -> bool {
    const ONSETS: &[&str] = &[
        "ch", "kk", "tt", "pp", "ss", "jj", "sh", "zh", "g", "k", "n", "d", "t", "r", "l", "m",
        "b", "p", "s", "j", "h", "y", "w", "x", "q", "z", "c", "f", "",
    ];
    const VOWELS: &[&str] = &[
        "yeo", "yae", "wae", "eo", "ae", "ya", "ye", "wa", "oe", "yo", "wo", "we", "wi", "yu",
        "eu", "ui", "oo", "ee", "ia", "ie", "iu", "ua", "uo", "ai", "ei", "ao", "ou", "a", "e",
        "o", "u", "i",
    ];
    const CODAS: &[&str] = &["ng", "n", "k", "l", "m", "p", ""];
    part.chars().all(|c| c.is_ascii_lowercase())
        && ONSETS.iter().any(|onset| {
            part.strip_prefix(onset).is_some_and(|rest| {
                VOWELS.iter().any(|vowel| {
                    rest.strip_prefix(vowel)
                        .is_some_and(|coda| CODAS.contains(&coda))
                })
            })
        })
}

pub(super) fn is_name_word(word: &str) -> bool {
    let bare = strip_possessive(word);
    // "Ó" (Irish "descendant of") is a name word without a lower-case letter.
    if bare == "Ó" || is_arabic_article_name(bare) {
        return true;
    }
    ((is_capitalised(bare) && bare.chars().any(char::is_lowercase)) || is_prefixed_name_word(bare))
        && !bare.chars().any(|c| c.is_ascii_digit())
        && !is_hyphenated_modifier(bare)
}

/// "Johnson-based", "Texas-born", "NASA-funded": a word whose part after a hyphen is a
/// lower-case word of three letters or more is a modifier, not a name ("Kjærgaard-Thøgersen",
/// "Patil-Sabale" keep a capital after the hyphen; "bin", "al", "el", "de" join names).
pub(in crate::suggest) fn is_hyphenated_modifier(word: &str) -> bool {
    word.contains('-')
        && !is_hyphenated_given_name(word)
        && word.split('-').skip(1).any(|part| {
            part.chars().next().is_some_and(char::is_lowercase)
                && part.chars().count() >= 3
                && !is_particle(part)
        })
}

/// A lower-case word that joins name words: a particle, or Irish "an" after "Mac"/"Nic"
/// ("Niall Mac an tSaoi").
pub(super) fn is_joiner(tokens: &Tokens, index: usize) -> bool {
    let Some(word) = tokens.word(index) else {
        return false;
    };
    is_particle(word)
        || (word == "an"
            && index > 0
            && tokens
                .word(index - 1)
                .is_some_and(|w| matches!(w, "Mac" | "Nic" | "Mhic" | "Ó" | "Ní")))
}

/// True for all-capital abbreviations that name organisations ("GDF", "NATO").
pub fn is_acronym(word: &str) -> bool {
    let bare = strip_possessive(word);
    bare.chars().count() >= 2
        && bare.chars().count() <= 6
        && bare.chars().all(|c| c.is_uppercase() || c == '&')
}

/// "1st", "22nd", "3rd", "214th".
pub(super) fn is_ordinal(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "st" | "nd" | "rd" | "th")
}

/// A generational suffix written as a Roman numeral ("II", "III", "IV").
pub(in crate::suggest) fn is_generation(word: &str) -> bool {
    matches!(word, "II" | "III" | "IV" | "VI" | "VII" | "VIII")
}

/// True when the token after `index` is a symbol written against it ("IV&V", "II/III"): the
/// word is part of a code or an acronym, not a generational suffix.
pub(super) fn glued_to_symbol(tokens: &Tokens, index: usize) -> bool {
    tokens.tokens.get(index + 1).is_some_and(|next| {
        next.start == tokens.tokens[index].end
            && tokens
                .punct(index + 1)
                .is_some_and(|c| matches!(c, '&' | '/' | '+' | '-'))
    })
}

/// "Dr. Todd Ensign", "Ms. Ann Major": after an honorific, a given name and an office or rank
/// word that ends the name is a family name (the honorific is always followed by a name).
pub(super) fn title_as_family_name(tokens: &Tokens, last: usize) -> bool {
    last > 0
        && tokens.word(last).is_some_and(is_title)
        && tokens
            .word(last - 1)
            .is_some_and(|w| is_name_word(w) && !is_title(w) && strip_possessive(w) == w)
        && after_honorific(tokens, last - 1)
}
/// A single capital followed by its full stop ("S." in "Michael S. Regan"), or capitals
/// joined by full stops ("H.R." in "H.R. McMaster", one word token and its last stop): an
/// initial.
pub(super) fn is_initial(tokens: &Tokens, index: usize) -> bool {
    // Cheapest tests first: this runs on most words of a long article.
    tokens.punct(index + 1) == Some('.')
        && tokens.tokens[index].end == tokens.tokens[index + 1].start
        && tokens.word(index).is_some_and(|w| {
            w.split('.').all(|part| {
                let mut chars = part.chars();
                chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
            }) && !NOT_INITIALS.contains(&w)
        })
}

/// A nickname between the words of a name (`“Nat”`, `(Maggie)`) starting at token `index`:
/// the index of its closing mark.
pub(super) fn nickname_at(tokens: &Tokens, index: usize) -> Option<usize> {
    let open = tokens.punct(index)?;
    let close = tokens.punct(index + 2)?;
    let pair = matches!(
        (open, close),
        ('“', '”') | ('"', '"') | ('(', ')') | ('‘', '’')
    );
    (pair && tokens.word(index + 1).is_some_and(is_name_word)).then_some(index + 2)
}

/// True when the quotation mark at character `open` opens a nickname inside a name
/// (`Robert “Bob” Fenton`, `Cynthia J. “CJ” Bixby`): part of the name, no quote.
pub fn is_nickname_in_name(tokens: &Tokens, open: usize) -> bool {
    let at = tokens.first_at_or_after(open);
    at > 0
        && tokens.tokens.get(at).is_some_and(|t| t.start == open)
        && nickname_at(tokens, at).is_some_and(|close| {
            tokens.word(close + 1).is_some_and(is_name_word)
                && (tokens.word(at - 1).is_some_and(is_name_word)
                    || (at >= 2 && is_initial(tokens, at - 2)))
        })
}
pub(super) fn is_run_word(word: &str) -> bool {
    is_name_word(word) || is_acronym(word)
}

/// A title word that names a body with the organisation's word after it ("the State
/// Department", "the Health Ministry", "Environment Agency"): part of the body's name.
pub(super) fn names_a_body(tokens: &Tokens, index: usize) -> bool {
    tokens
        .word(index + 1)
        .is_some_and(|next| ORG_WORD_SET.contains(strip_possessive(next)))
        && tokens.word(index).is_some_and(|w| TITLE_SET.contains(w))
}

/// True when an honorific that only goes before a person's name ("Mr", "Dr", "President")
/// comes right before token `index`.
pub fn after_honorific(tokens: &Tokens, index: usize) -> bool {
    let mut k = index;
    if k > 0 && tokens.punct(k - 1) == Some('.') {
        k -= 1;
    }
    k > 0 && tokens.word(k - 1).is_some_and(|w| HONORIFICS.contains(&w))
}
