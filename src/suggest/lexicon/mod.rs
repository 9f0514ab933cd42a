//! The word lists the suggesters read, in one place. Each list says what it is for; a word
//! added here changes every rule that reads the list (see docs/SUGGESTIONS.md).
//!
//! Matching is exact and case-sensitive for capitalised lists (names, titles), on the
//! lower-cased word for the others, unless a list says otherwise.
//!
//! The lists are kept by concern: `names` (what a name is made of), `not_names` (what rules a
//! person out), `speech`, `phrases` and `organisations`;
//! this file reads them as hashed sets where rules ask about every word.

mod names;
mod not_names;
mod organisations;
mod phrases;
mod speech;

pub use names::*;
pub use not_names::*;
pub use organisations::*;
pub use phrases::*;
pub use speech::*;

// ---- Look-ups ----

/// A word list read as a hashed set, built on first use: the long lists are asked about
/// every word of an article, several times over.
pub struct WordSet {
    lists: &'static [&'static [&'static str]],
    set: std::sync::OnceLock<Hashed>,
}

/// The words of a [`WordSet`], and what turns most other words away before they are hashed:
/// the bytes its words start with and the length of its longest word.
struct Hashed {
    words: foldhash::HashSet<&'static str>,
    first_bytes: [bool; 256],
    longest: usize,
}

impl WordSet {
    /// The words of `lists` as one set (more than one: a list that includes another).
    const fn new(lists: &'static [&'static [&'static str]]) -> Self {
        Self {
            lists,
            set: std::sync::OnceLock::new(),
        }
    }

    /// True when `word` is on one of the lists (exactly as written).
    pub fn contains(&self, word: &str) -> bool {
        let hashed = self.set.get_or_init(|| {
            let words: foldhash::HashSet<&'static str> =
                self.lists.iter().flat_map(|l| l.iter().copied()).collect();
            let mut first_bytes = [false; 256];
            for w in &words {
                if let Some(&b) = w.as_bytes().first() {
                    first_bytes[usize::from(b)] = true;
                }
            }
            let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
            Hashed {
                words,
                first_bytes,
                longest,
            }
        });
        match word.as_bytes().first() {
            Some(&b) if !hashed.first_bytes[usize::from(b)] || word.len() > hashed.longest => false,
            _ => hashed.words.contains(word),
        }
    }
}

/// [`TITLES`] with the [`HONORIFICS`] (every honorific is a title), hashed; and [`OFFICES`].
pub static TITLE_SET: WordSet = WordSet::new(&[TITLES, HONORIFICS]);
pub static OFFICE_SET: WordSet = WordSet::new(&[OFFICES]);
/// [`NOT_PERSON`] and [`ORG_WORDS`] (an organisation's word names no person), hashed.
pub static NOT_PERSON_SET: WordSet = WordSet::new(&[NOT_PERSON, ORG_WORDS]);
/// [`NEVER_FAMILY_NAMES`], hashed.
pub static NEVER_FAMILY_NAME_SET: WordSet = WordSet::new(&[NEVER_FAMILY_NAMES]);
/// [`SENTENCE_OPENERS`], hashed.
pub static SENTENCE_OPENER_SET: WordSet = WordSet::new(&[SENTENCE_OPENERS]);
/// [`ORG_WORDS`], hashed.
pub static ORG_WORD_SET: WordSet = WordSet::new(&[ORG_WORDS]);
/// [`CUE_VERBS`], hashed.
pub static CUE_VERB_SET: WordSet = WordSet::new(&[CUE_VERBS]);

#[cfg(test)]
mod tests {
    use super::*;

    /// The sets answer as their lists do (the first-byte and length checks turn no listed
    /// word away): every listed word, and every word of the sample articles as written and
    /// in lower case.
    #[test]
    fn word_sets_answer_as_their_lists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_data");
        let mut words: Vec<String> = vec![String::new(), "É".into(), "ÉCOLE".into()];
        for entry in std::fs::read_dir(dir).expect("sample_data") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).expect("text");
                for w in text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-')) {
                    words.push(w.to_string());
                    words.push(w.to_lowercase());
                }
            }
        }
        let sets: [&WordSet; 7] = [
            &TITLE_SET,
            &OFFICE_SET,
            &NOT_PERSON_SET,
            &NEVER_FAMILY_NAME_SET,
            &SENTENCE_OPENER_SET,
            &ORG_WORD_SET,
            &CUE_VERB_SET,
        ];
        let mut hits = 0;
        for set in sets {
            let listed = |w: &str| set.lists.iter().any(|l| l.contains(&w));
            for list in set.lists {
                for w in *list {
                    assert!(set.contains(w), "{w} is listed");
                }
            }
            for w in &words {
                assert_eq!(set.contains(w), listed(w), "{w}");
                hits += usize::from(listed(w));
            }
        }
        assert!(hits > 100, "only {hits} listed words in the samples");
    }
}
