//! Which full name a short form stands for: a family name alone (also one written only
//! inside a quotation), a given name alone, the same name with or without its initials (part of
//! coreference, see `coref`).

use std::ops::Range;

use super::coref::People;
use super::names;
use super::tokens::{self, Kind};

/// True when `short` is the family name of `full`: `full` ends with its words (the first one
/// in any case) and it opens with a family-name particle ("El Idrissi" of "Fatima Zahra El
/// Idrissi", "De Búrca" of "Tomás de Búrca"), or it is the last two words of a name of three
/// or more (a double family name: "García Ferrer" of "Inés García Ferrer").
pub(super) fn is_family_name_of(short: &str, full: &str) -> bool {
    let short_words: Vec<&str> = short.split_whitespace().collect();
    let full_words: Vec<&str> = full.split_whitespace().collect();
    short_words.len() >= 2
        && short_words.len() < full_words.len()
        && (names::opens_surname(short_words[0])
            || (short_words.len() == 2 && full_words.len() >= 3))
        && short.to_lowercase()
            == full_words[full_words.len() - short_words.len()..]
                .join(" ")
                .to_lowercase()
}

/// The one-word family name of a full name: its last word, or the one before a
/// generational suffix ("Hartigan" of "Olwen R. Hartigan Jr.", "Doe" of "John Doe III").
pub(super) fn family_word(full: &str) -> Option<&str> {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words[..] {
        [.., family, suffix]
            if words.len() >= 3
                && (matches!(suffix, "Jr." | "Sr." | "Jr" | "Sr")
                    || names::is_generation(suffix)) =>
        {
            Some(family.trim_end_matches(','))
        }
        [.., last] => Some(last),
        [] => None,
    }
}

/// A full name without its initials ("Jennifer M. Granholm" -> "Jennifer Granholm"); a name
/// of initials only stays as it is.
pub(super) fn without_initials(full: &str) -> String {
    let words: Vec<&str> = full.split_whitespace().collect();
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !(w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() == 1))
        .collect();
    if kept.len() >= 2 {
        kept.join(" ")
    } else {
        full.to_string()
    }
}

impl People<'_> {
    /// The latest full name before `before` (outside quotes and the byline) whose last word is
    /// `surname`.
    pub(super) fn full_name_for_surname(
        &self,
        surname: &str,
        before: usize,
    ) -> Option<(String, bool)> {
        let tokens = self.tokens;
        // The latest occurrence that ends a full name, from the occurrences of the word.
        let positions = self.positions.get(surname).map_or(&[][..], Vec::as_slice);
        let until = positions.partition_point(|&i| tokens.tokens[i].start < before);
        let earlier = || positions[..until].iter().rev().copied();
        let best = earlier().find_map(|index| {
            if self.excluded(tokens.tokens[index].start) {
                return None;
            }
            names::name_ending_at(tokens, index)
                .filter(|name| {
                    !name.is_org
                        && name.word_count(tokens) >= 2
                        && tokens.text(name.range.clone()).ends_with(surname)
                })
                .map(|name| tokens.text(name.range))
        });
        if let Some(best) = best {
            return Some((best, false));
        }
        // Family name first ("Lin Xiaowen" ... "Lin said").
        earlier()
            .find_map(|index| {
                let token = tokens.tokens[index];
                if tokens.text(token.range()) != surname || self.excluded(token.start) {
                    return None;
                }
                names::name_at(tokens, index)
                    .filter(|name| {
                        !name.is_org && name.word_count(tokens) == 2 && name.first_token == index
                    })
                    .map(|name| tokens.text(name.range))
            })
            .map(|full| (full, true))
    }

    /// True when every use of `given` in the article is either alone or followed by `next`
    /// (the next word of the one full name it opens), and never after another capitalised
    /// word or a preposition of place, and not alone before the full name is first written:
    /// "Marisol" of "Marisol Ayende", not "Mexico" of "Mexico Ken Salazar" beside "New
    /// Mexico", nor "Mars" of "Mars Objectives" beside "Curiosity Mars", nor "Durango" of
    /// "Durango Devo" beside "in Durango".
    pub(super) fn given_name_stands_alone(&self, given: &str, next: &str) -> bool {
        let tokens = self.tokens;
        let capitalised = |k: usize| tokens.word(k).is_some_and(tokens::is_capitalised);
        let positions = self.positions.get(given).map_or(&[][..], Vec::as_slice);
        // A place word: "in Durango", "across Florida" (not "in Gwen’s office").
        let after_place_preposition = |index: usize| {
            index > 0
                && matches!(
                    tokens.lower(index - 1),
                    Some("in" | "near" | "across" | "throughout" | "outside")
                )
                && tokens.word(index) == Some(given)
        };
        // Used alone before the full name is ever written: not that person's given name.
        let alone_first = positions
            .first()
            .is_some_and(|&index| tokens.word(index + 1) != Some(next));
        positions.len() >= 2
            && !alone_first
            && positions.iter().all(|&index| {
                let before = index > 0
                    && capitalised(index - 1)
                    && tokens.tokens[index - 1].end + 1 >= tokens.tokens[index].start
                    && !matches!(tokens.punct(index.saturating_sub(2)), Some('.'))
                    && index >= 2
                    && tokens.tokens[index - 2].kind == Kind::Word;
                let after = capitalised(index + 1) && tokens.word(index + 1) != Some(next);
                !before && !after && !after_place_preposition(index)
            })
    }

    /// The full name a family name speaking alone stands for when the article writes that
    /// name only inside a quotation ("said Capt. Joshua McNelley, “… (Capt. Christopher
    /// Fukui) was talking about …”" … "said Fukui"): the first full name of two words or more
    /// ending with the word, inside quotes, before the speaker.
    pub(super) fn full_name_in_quotes(&self, speaker: &Range<usize>) -> Option<Range<usize>> {
        let tokens = self.tokens;
        let first = tokens.first_at_or_after(speaker.start);
        if tokens.tokens.get(first).map(|t| t.range()) != Some(speaker.clone()) {
            return None;
        }
        let word = tokens::strip_possessive(tokens.word(first)?);
        let positions = self.positions.get(word)?;
        positions
            .iter()
            .copied()
            .take_while(|&index| tokens.tokens[index].end <= speaker.start)
            .filter(|&index| self.excluded(tokens.tokens[index].start))
            .find_map(|index| {
                names::name_ending_at(tokens, index)
                    .filter(|name| !name.is_org && name.word_count(tokens) >= 2)
                    .map(|name| name.range)
            })
    }
}
