//! Speaker phrases: pronouns, nominal sources and the words that end or rule them out.

/// Pronoun speakers and the quoted pronouns they may stand for.
pub const PRONOUNS: &[&str] = &["he", "she", "they", "er", "sie", "il", "elle"];

/// Pronouns that, before a name in its sentence, are the sentence's subject instead.
pub const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we", "you"];

/// Determiners that start a nominal speaker ("a spokesperson", "one crane operator").
pub const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "another", "two", "three", "several", "some", "many", "other", "his",
    "her", "their", "its", "our",
];

/// Words that end a nominal speaker phrase ("a spokesperson [for the port]").
pub const PHRASE_END: &[&str] = &[
    "for", "of", "at", "in", "with", "on", "from", "who", "which", "that", "to", "and", "by",
    "when", "after", "before", "during", "as",
];

/// Documents that speak for whoever wrote them: "“Q,” said the letter from Timothy Roe" and
/// "a statement from the agency said" give the writer as the speaker.
pub const DOCUMENT_NOUNS: &[&str] = &[
    "letter",
    "statement",
    "e-mail",
    "email",
    "message",
    "memo",
    "note",
    "release",
    "post",
    "tweet",
    "announcement",
];

/// Prepositions after which a name or a noun phrase belongs to the phrase before it ("a
/// spokeswoman for Borealink", "an official at the provincial office"): it is not the subject.
pub const PREPOSITIONS: &[&str] = &["for", "of", "at", "in", "with", "on", "from", "by"];

/// Auxiliaries and conjunctions: a nominal subject never contains one ("crews on the ridge
/// had been told", "changes to the plan but would not say").
pub const NOT_IN_NOMINAL: &[&str] = &[
    "had", "has", "have", "been", "be", "was", "were", "is", "are", "would", "will", "could",
    "should", "may", "might", "did", "does", "do", "not", "but", "and", "or", "yet",
];

/// Words that open a subordinate clause: a subject right after one is not a source of the
/// article ("because the trust has told staff not to talk").
pub const SUBORDINATORS: &[&str] = &[
    "because", "since", "although", "though", "if", "unless", "while", "whereas", "when", "until",
    "that", "whether",
];

/// Words after which a name is an object or a complement, not a subject.
pub const OBJECT_MARKERS: &[&str] = &[
    "by",
    "with",
    "to",
    "from",
    "for",
    "of",
    "at",
    "on",
    "in",
    "and",
    "or",
    "about",
    "against",
    "than",
    "like",
    "told",
    "asked",
    "met",
    "thanked",
    "called",
    "after",
    "before",
    // The other common prepositions ("trained under Smith", "served alongside Ortiz").
    "under",
    "over",
    "into",
    "alongside",
    "beside",
    "among",
    "between",
    "through",
    "toward",
    "towards",
    "without",
    "behind",
    "near",
    "across",
    "around",
    "upon",
    "via",
    "including",
    "during",
    "until",
    "since",
    "beyond",
];

/// Pronouns (lower case) that ask for a man as their antecedent, and that give a subject a
/// man's gender cue.
pub const MALE_PRONOUNS: &[&str] = &["he", "his", "himself", "er", "il"];

/// Pronouns (lower case) that ask for a woman as their antecedent.
pub const FEMALE_PRONOUNS: &[&str] = &["she", "herself", "hers", "elle"];

/// Titles (as written) that give the name after them a man's gender.
pub const MALE_TITLES: &[&str] = &["Mr", "Herr", "Monsieur", "M"];

/// Titles (as written) that give the name after them a woman's gender.
pub const FEMALE_TITLES: &[&str] = &["Mrs", "Ms", "Miss", "Frau", "Madame", "Mme"];

/// Lower-case words inside a title phrase before a name ("Secretary of the Interior Deb
/// Haaland", "Council on Environmental Quality Chair Brenda Mallory").
pub const ROLE_PHRASE_JOINERS: &[&str] = &["of", "for", "on", "in", "the", "and", "&"];

/// Person nouns an indefinite subject may open a sentence with ("One woman in Kansas City
/// lives …", "A retired teacher says …"): someone a later "she"/"he" may stand for.
pub const PERSON_NOUNS: &[&str] = &[
    "woman",
    "man",
    "mother",
    "father",
    "girl",
    "boy",
    "daughter",
    "son",
    "wife",
    "husband",
    "widow",
    "widower",
    "grandmother",
    "grandfather",
    "mom",
    "dad",
    "resident",
    "farmer",
    "nurse",
    "teacher",
    "student",
    "worker",
    "veteran",
    "driver",
    "parent",
    "retiree",
    "neighbour",
    "neighbor",
    "shopkeeper",
    "fisherman",
    "fisherwoman",
    "doctor",
    "soldier",
    "volunteer",
    "employee",
    "owner",
    "survivor",
    "witness",
    "passenger",
    "patient",
    "customer",
    "caregiver",
    "mechanic",
    "pilot",
    "miner",
    "rancher",
    "homeowner",
    "tenant",
    "villager",
    "islander",
    "businesswoman",
    "businessman",
];

/// Person nouns that say she ("woman", "mother") or he ("man", "father"), besides the words
/// ending in "woman" and "man" ("spokeswoman", "chairman").
pub const FEMALE_NOUNS: &[&str] = &[
    "mother",
    "girl",
    "daughter",
    "wife",
    "widow",
    "grandmother",
    "mom",
    "sister",
    "aunt",
    "niece",
    "actress",
];
pub const MALE_NOUNS: &[&str] = &[
    "father",
    "boy",
    "son",
    "husband",
    "widower",
    "grandfather",
    "dad",
    "brother",
    "uncle",
    "nephew",
];

/// Words for relatives and close people: "her" before one is possessive ("her son's address",
/// "her husband"), a cue for a woman, where "her" alone may be an object.
pub const RELATIVE_NOUNS: &[&str] = &[
    "son",
    "sons",
    "daughter",
    "daughters",
    "husband",
    "wife",
    "mother",
    "father",
    "parents",
    "brother",
    "brothers",
    "sister",
    "sisters",
    "children",
    "child",
    "kids",
    "family",
    "grandmother",
    "grandfather",
    "grandchildren",
    "partner",
    "fiancé",
    "fiance",
    "boyfriend",
    "girlfriend",
    "aunt",
    "uncle",
    "niece",
    "nephew",
    "cousin",
    "mom",
    "dad",
];
