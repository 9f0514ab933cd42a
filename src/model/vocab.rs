//! The vocabulary the code relies on, named once: the labels and link types that rules,
//! "who said what", the exports and the suggesters treat specially. A schema may define more
//! (and colour them); these names are the ones with a meaning in code.

/// Span labels.
pub mod label {
    /// Reported speech (direct or indirect).
    pub const QUOTE: &str = "QUOTE";
    /// The speech verb or phrase that introduces a quote ("said", "according to").
    pub const CUE: &str = "CUE";
    /// Who a quote or claim is attributed to when that is not a name ("a spokesperson").
    pub const SOURCE: &str = "SOURCE";
    /// An assertion to check, made by someone.
    pub const CLAIM: &str = "CLAIM";
    /// A person (OntoNotes): the speaker a quote most often has.
    pub const PERSON: &str = "PERSON";
    /// A person in CoNLL-style schemas.
    pub const PER: &str = "PER";
}

/// Link (relation) types.
pub mod relation {
    /// QUOTE to its speaker.
    pub const SAID_BY: &str = "said_by";
    /// QUOTE to its CUE.
    pub const CUE: &str = "cue";
    /// A mention ("Okafor", "he") to the fuller mention it stands for.
    pub const REFERS_TO: &str = "refers_to";
    /// A QUOTE to the QUOTE it continues (one statement split by "he said").
    pub const CONTINUES: &str = "continues";
    /// CLAIM to who made it.
    pub const CLAIMED_BY: &str = "claimed_by";

    /// Link types with one target per source: a quote has one speaker, a claim one claimant
    /// (the quotes panel and the suggester take the first; the merge driver reports a second
    /// one from the other branch as a conflict).
    pub const ONE_TARGET: [&str; 2] = [SAID_BY, CLAIMED_BY];

    /// The colour of each link type when the schema gives none (`#rrggbb`).
    pub const DEFAULT_COLORS: [(&str, &str); 5] = [
        (SAID_BY, "#9467bd"),
        (CUE, "#e377c2"),
        (CLAIMED_BY, "#ff7f0e"),
        (REFERS_TO, "#7f7f7f"),
        (CONTINUES, "#17becf"),
    ];
    /// The colour of a link type the schema does not colour and that is not above.
    pub const OTHER_COLOR: &str = "#2ca02c";
}

pub use label::{CLAIM, CUE, QUOTE, SOURCE};
pub use relation::{CLAIMED_BY, CONTINUES, REFERS_TO, SAID_BY};
