//! The word lists the suggesters read, in one place. Each list says what it is for; a word
//! added here changes every rule that reads the list (see docs/SUGGESTIONS.md).
//!
//! Matching is exact and case-sensitive for capitalised lists (names, titles), on the
//! lower-cased word for the others, unless a list says otherwise.
//!
//! The lists are kept by concern: `names`, `speech`, `phrases` and `organisations`;
//! this file reads them as hashed sets where rules ask about every word.

mod names;
mod organisations;
mod phrases;
mod speech;

pub use names::*;
pub use organisations::*;
pub use phrases::*;
pub use speech::*;

// ---- Look-ups ----

/// A word list read as a hashed set, built on first use: the long lists are asked about
/// every word of an article, several times over.
pub struct WordSet {
    lists: &'static [&'static [&'static str]],
    set: std::sync::OnceLock<foldhash::HashSet<&'static str>>,
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
        self.set
            .get_or_init(|| self.lists.iter().flat_map(|l| l.iter().copied()).collect())
            .contains(word)
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
