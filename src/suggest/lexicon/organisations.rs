//! Organisations and institutions: the head nouns that make a source an organisation.

/// Head nouns of a role before a name that make the name an organisation ("the youth group
/// Generation Deich").
pub const ORG_HEADS: &[&str] = &[
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

/// Head nouns of "the company", "the union": a nominal that stands for the organisation named
/// last (any organisation for the generic ones, else one whose name has the head word).
pub const GENERIC_ORG_HEADS: &[&str] = &[
    "company", "firm", "group", "operator", "carrier", "network", "insurer", "business",
];

/// Head nouns of nominal sources that are institutions: "the company said ..." is not what
/// "he" or "she" stands for.
pub const INSTITUTION_HEADS: &[&str] = &[
    "company",
    "council",
    "authority",
    "board",
    "government",
    "ministry",
    "department",
    "agency",
    "group",
    "firm",
    "union",
    "committee",
    "office",
    "directorate",
    "service",
    "bank",
    "court",
    "commission",
    "institute",
    "university",
    "party",
    "inquiry",
    "review",
    "network",
    "forum",
    "police",
    "county",
    "city",
    "state",
    "province",
    "region",
    "district",
    "organisation",
    "organization",
    "association",
    "federation",
    "foundation",
    "charity",
    "insurer",
    "consultancy",
];

/// Words of a public body's name (lower case): "the company", "the firm" stand for no
/// organisation whose name has one.
pub const PUBLIC_BODY_WORDS: &[&str] = &[
    "department",
    "ministry",
    "agency",
    "administration",
    "office",
    "commission",
    "council",
    "authority",
    "government",
    "parliament",
    "court",
    "police",
    "university",
    "institute",
    "service",
    "board",
    "committee",
    "bureau",
    "directorate",
    "army",
    "navy",
    "senate",
    "congress",
    "house",
];

/// Bodies named by one capitalised word after "the" that is no organisation word of its own:
/// "“Q,” the Army said", "the Pentagon said".
pub const ONE_WORD_BODIES: &[&str] = &[
    "Army",
    "Navy",
    "Pentagon",
    "Marines",
    "Senate",
    "Kremlin",
    "Vatican",
    "Bundeswehr",
];

/// Capitals joined by full stops that abbreviate places and bodies, not a person's initials
/// ("in the U.S. Smith said" is no "U.S. Smith"); written without their last stop.
pub const NOT_INITIALS: &[&str] = &["U.S", "U.K", "U.N", "E.U", "D.C", "U.S.A", "N.Y", "L.A"];
