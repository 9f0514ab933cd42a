//! Coreference: who a surname, "the spokesperson", "the union" or a pronoun stands for. The
//! people and sources of an article are collected once ([`People`]); mentions of them are
//! PERSON spans linked by `refers_to` to the full name they stand for.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::cell::OnceCell;
use std::ops::Range;

use super::batch::Batch;
use super::full_names::{family_word, is_family_name_of, without_initials};
use super::name_memo::NameMemo;
use super::speakers::{self, Speaker};
use super::tokens::{self, Kind, Tokens};
use super::{names, vocab};

/// A person's gender as the text shows it (a pronoun, a title), for pronoun speakers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
}

/// Words that make another office of a title ("Vice President", "Deputy Secretary").
pub(super) const TITLE_MODIFIERS: &[&str] = &["vice", "deputy", "assistant", "associate", "under"];

/// True when an article comes before token `first`, hyphenated modifiers between ("a Sugar
/// Land choir", "the Houston-based Lantern Night").
fn after_article(tokens: &Tokens, first: usize) -> bool {
    let mut k = first;
    while k > 0
        && tokens
            .word(k - 1)
            .is_some_and(names::is_hyphenated_modifier)
    {
        k -= 1;
    }
    k > 0 && matches!(tokens.lower(k - 1), Some("a" | "an" | "the"))
}

/// "in El Centro, California.", "near Twin Falls, Idaho,": a run after "in" or "near" with a
/// single capitalised word after its comma that ends the phrase is a place and its region; so
/// is one before a region and "native" ("Grand Forks, N.D., native").
fn place_in_region(tokens: &Tokens, name: &names::Name) -> bool {
    let first = name.first_token;
    let last = name.last_token;
    // "Grand Forks, N.D., native": a hometown.
    let native = (last + 3..last + 6).any(|k| tokens.lower(k) == Some("native"));
    (native || (first > 0 && matches!(tokens.lower(first - 1), Some("in" | "near"))))
        && tokens.punct(last + 1) == Some(',')
        && tokens
            .word(last + 2)
            .is_some_and(|w| tokens::is_capitalised(w) && tokens::strip_possessive(w) == w)
        && (tokens.tokens.get(last + 3).is_none()
            || tokens.tokens[last + 3].kind == Kind::Break
            || matches!(tokens.punct(last + 3), Some(',' | '.' | ';' | ':')))
}

/// A mention of a person (or a nominal source) in running text, for coreference.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Mention {
    pub(super) range: Range<usize>,
    pub(super) label: &'static str,
    /// The full-name mention this one refers to (for surnames).
    pub(super) refers_to: Option<Range<usize>>,
    pub(super) rule: &'static str,
}

/// Known people and where they are mentioned.
pub(super) struct People<'a> {
    pub(super) tokens: &'a Tokens,
    /// Named and nominal subjects of speech verbs, in text order.
    pub(super) subjects: Vec<Range<usize>>,
    /// Full names found for a family name written first ("Lin Xiaowen").
    pub(super) family_first: Vec<String>,
    /// Per code point: inside a quoted passage or the byline (asked of every word).
    excluded_at: Vec<bool>,
    /// Full names (2+ words) by their text.
    pub(super) full_names: Vec<String>,
    /// The same names, for lookups.
    pub(super) known: HashSet<String>,
    /// Word token indices by word (possessive ending stripped), for surname look-ups.
    pub(super) positions: HashMap<&'a str, Vec<usize>>,
    /// The name at each token, read once for the passes over the whole text
    /// (`add_candidates`, `collect_mentions`, `organisation_before`).
    pub(super) names: NameMemo,
    /// Organisation names in text order (see `organisation_before`), read once.
    pub(super) organisations: OnceCell<Vec<(Range<usize>, String)>>,
    /// Every mention outside quotes and the byline, in text order.
    pub(super) mentions: Vec<Mention>,
    /// Nominal speakers, which pronouns may also point back to.
    pub(super) sources: Vec<Range<usize>>,
    /// Gender cues found in the text, by full name (see `learn_genders`).
    pub(super) genders: HashMap<String, Gender>,
    /// Start offsets of person mentions that are the subject of their sentence.
    pub(super) subject_mentions: HashSet<usize>,
    /// Full names of people quoted or reported speaking (not only seen as a capitalised run).
    pub(super) speakers: Vec<String>,
    /// The dateline: kept out like the byline, and its place is no person.
    dateline: Option<super::byline::Dateline>,
    /// True when the article has a byline (its "I" is then the writer, who is not annotated).
    pub(super) has_byline: bool,
    /// Full names of speakers written only inside quotations, with where (see `add_speaker`).
    quoted_full_names: Vec<(String, Range<usize>)>,
    /// Who "I" is (see `narrator`), worked out once the mentions are in.
    pub(super) narrator: OnceCell<Option<Mention>>,
}

impl<'a> People<'a> {
    pub(super) fn new(
        tokens: &'a Tokens,
        byline: Option<Range<usize>>,
        dateline: Option<super::byline::Dateline>,
        inside_quotes: Vec<Range<usize>>,
    ) -> Self {
        let has_byline = byline.is_some();
        let mut excluded_at = vec![false; tokens.chars.len()];
        let dateline_range = dateline.as_ref().map(|d| d.range.clone());
        for range in inside_quotes.iter().chain(&byline).chain(&dateline_range) {
            let end = range.end.min(excluded_at.len());
            if range.start < end {
                excluded_at[range.start..end].fill(true);
            }
        }
        Self {
            tokens,
            subjects: Vec::new(),
            family_first: Vec::new(),
            excluded_at,
            full_names: Vec::new(),
            known: HashSet::new(),
            positions: {
                let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
                for index in 0..tokens.tokens.len() {
                    if let Some(word) = tokens.word(index) {
                        positions
                            .entry(tokens::strip_possessive(word))
                            .or_default()
                            .push(index);
                    }
                }
                positions
            },
            names: NameMemo::new(tokens),
            organisations: OnceCell::new(),
            mentions: Vec::new(),
            sources: Vec::new(),
            genders: HashMap::new(),
            subject_mentions: HashSet::new(),
            dateline,
            speakers: Vec::new(),
            has_byline,
            quoted_full_names: Vec::new(),
            narrator: OnceCell::new(),
        }
    }

    /// The full name a mention stands for (itself, or the name its surname refers to).
    pub(super) fn canonical(&self, mention: &Mention) -> String {
        self.tokens
            .text(mention.refers_to.clone().unwrap_or(mention.range.clone()))
    }

    /// The mention with exactly this range (mentions are in text order and do not overlap).
    pub(super) fn mention_at(&self, range: &Range<usize>) -> Option<&Mention> {
        let i = self
            .mentions
            .partition_point(|m| m.range.start < range.start);
        self.mentions[i..]
            .iter()
            .take_while(|m| m.range.start == range.start)
            .find(|m| m.range == *range)
    }

    /// True when the mention is a possessive ("Okafor’s line manager").
    pub(super) fn is_possessive(&self, range: &Range<usize>) -> bool {
        let chars = &self.tokens.chars;
        let text = self.tokens.text(range.clone());
        let after: String = chars[range.end.min(chars.len())..(range.end + 3).min(chars.len())]
            .iter()
            .collect();
        let followed = (after.starts_with("’s") || after.starts_with("'s"))
            && !after.chars().nth(2).is_some_and(tokens::is_word_char);
        followed || tokens::strip_possessive(&text) != text
    }

    /// True when `offset` is inside a quoted passage or the byline.
    pub(super) fn excluded(&self, offset: usize) -> bool {
        self.excluded_at.get(offset).copied().unwrap_or(false)
    }

    fn add_full_name(&mut self, name: String) {
        if self.known.insert(name.clone()) {
            self.full_names.push(name);
        }
    }

    pub(super) fn add_speaker(&mut self, speaker: &Speaker) {
        let text = self.tokens.text(speaker.range.clone());
        if text.split_whitespace().count() >= 2 {
            if !self.speakers.contains(&text) {
                self.speakers.push(text.clone());
            }
            self.add_full_name(text);
        } else if let Some((full, family_first)) =
            self.full_name_for_surname(&text, speaker.range.start)
        {
            if family_first && !self.family_first.contains(&full) {
                self.family_first.push(full.clone());
            }
            if !self.speakers.contains(&full) {
                self.speakers.push(full.clone());
            }
            self.add_full_name(full);
        } else if let Some(range) = self.full_name_in_quotes(&speaker.range) {
            // A family name whose full name the article writes only inside a quotation: the
            // full name is known from there (its mentions outside quotes refer to it).
            let full = self.tokens.text(range.clone());
            if !self.speakers.contains(&full) {
                self.speakers.push(full.clone());
            }
            self.quoted_full_names.push((full.clone(), range));
            self.add_full_name(full);
        }
    }

    /// Capitalised runs of two or more words outside quotes that look like people's names.
    pub(super) fn add_candidates(&mut self) {
        let tokens = self.tokens;
        let headings = super::headings::find(tokens);
        let in_heading = |offset: usize| {
            let i = headings.partition_point(|h| h.end <= offset);
            headings.get(i).is_some_and(|h| h.contains(&offset))
        };
        // Words the article also writes in lower case are common words ("Safety Day", "Task
        // Force"): a run with one of them is a thing's name, not a person's.
        let common: HashSet<&str> = (0..tokens.tokens.len())
            .filter_map(|index| tokens.word(index))
            .filter(|w| w.starts_with(char::is_lowercase) && !names::is_particle(w))
            .collect();
        let mut titled: Vec<String> = Vec::new();
        let mut things: HashSet<String> = HashSet::new();
        let mut index = 0;
        while index < tokens.tokens.len() {
            let token = tokens.tokens[index];
            if token.kind != Kind::Word || self.excluded(token.start) || in_heading(token.start) {
                index += 1;
                continue;
            }
            match self.names.name_at(tokens, index) {
                Some(name) => {
                    let common_word = (name.first_token..=name.last_token).any(|k| {
                        tokens.word(k).is_some_and(|w| {
                            let bare = tokens::strip_possessive(w);
                            // An ASCII word's lower case is as long as the word (no copy).
                            match tokens.lower(k) {
                                Some(lower) if w.is_ascii() => {
                                    common.contains(&lower[..bare.len()])
                                }
                                _ => common.contains(bare.to_lowercase().as_str()),
                            }
                        })
                    });
                    // A run the article writes after "the" ("the Gila District") or an
                    // indefinite article ("a Jackson Hole retreat"), or as a place after "in"
                    // with its state or country ("in El Centro, California"), is a thing's or
                    // a place's name wherever it stands: people take neither.
                    let thing = !name.is_org
                        && name.word_count(tokens) >= 2
                        && name.title.is_none()
                        && (after_article(tokens, name.first_token)
                            || place_in_region(tokens, &name));
                    if thing {
                        things.insert(tokens.text(name.range.clone()));
                    }
                    if !name.is_org
                        && !thing
                        && name.word_count(tokens) >= 2
                        && !speakers::after_the(tokens, name.first_token)
                        && (!common_word || name.title.is_some())
                        && !names::inside_organisation(tokens, &name)
                        && !self
                            .dateline
                            .as_ref()
                            .is_some_and(|d| d.is_place(tokens, name.first_token, name.last_token))
                    {
                        let text = tokens.text(name.range.clone());
                        self.add_full_name(text);
                    }
                    // "President Obama": one word after an honorific is a person's name.
                    if !name.is_org
                        && name.word_count(tokens) == 1
                        && names::after_honorific(tokens, name.first_token)
                    {
                        titled.push(tokens.text(name.range.clone()));
                    }
                    index = name.last_token + 1;
                }
                None => index += 1,
            }
        }
        if !things.is_empty() {
            let speakers = &self.speakers;
            self.full_names
                .retain(|name| !things.contains(name) || speakers.contains(name));
            self.known
                .retain(|name| !things.contains(name) || speakers.contains(name));
        }
        // A titled one-word name is a name of its own unless it is a known full name's
        // family name ("Dr Okafor" is Daniel Okafor).
        for name in titled {
            let family = self
                .full_names
                .iter()
                .any(|full| full.split_whitespace().last() == Some(name.as_str()));
            if !family {
                self.add_full_name(name);
            }
        }
    }

    /// Every mention of a known full name, and every lone surname of one.
    pub(super) fn collect_mentions(&mut self) {
        let tokens = self.tokens;
        // A family name of several words ("Ó Ceallaigh", "El Idrissi") read on its own is
        // not a full name when a longer known name ends with it ("Tomás Ó Ceallaigh").
        // (The word endings of every known name, to test each name against all the others.)
        let mut endings: HashMap<String, Vec<&str>> = HashMap::new();
        for full in &self.full_names {
            let words: Vec<&str> = full.split_whitespace().collect();
            for k in 1..words.len().saturating_sub(1) {
                endings
                    .entry(words[k..].join(" ").to_lowercase())
                    .or_default()
                    .push(full);
            }
        }
        let family: HashSet<String> = self
            .full_names
            .iter()
            .filter(|name| {
                endings
                    .get(&name.to_lowercase())
                    .is_some_and(|fulls| fulls.iter().any(|full| is_family_name_of(name, full)))
            })
            .cloned()
            .collect();
        self.full_names.retain(|name| !family.contains(name));
        self.known.retain(|name| !family.contains(name));
        let mut surnames: HashMap<String, Vec<String>> = HashMap::new();
        for full in &self.full_names {
            // "Hartigan" stands for "Olwen R. Hartigan Jr." as it does without the suffix.
            if let Some(last) = family_word(full) {
                surnames
                    .entry(last.to_string())
                    .or_default()
                    .push(full.clone());
            }
            // Multi-word family names, keyed in lower case ("de Búrca" = "De Búrca").
            let words: Vec<&str> = full.split_whitespace().collect();
            for k in 1..words.len().saturating_sub(1) {
                if names::opens_surname(words[k]) || k + 2 == words.len() {
                    surnames
                        .entry(words[k..].join(" ").to_lowercase())
                        .or_default()
                        .push(full.clone());
                }
            }
        }
        // A two-word name may put the family name first ("Lin Xiaowen"): its first word
        // stands for it when no full name ends with that word.
        for full in &self.family_first {
            let words: Vec<&str> = full.split_whitespace().collect();
            if let [first, _] = words[..]
                && !surnames.contains_key(first)
            {
                surnames.insert(first.to_string(), vec![full.clone()]);
            }
        }
        // A given name or a nickname on its own ("Maggie" of "Margaret (Maggie) Persinger")
        // stands for the one full name with it, when it is nobody's family name. A nickname
        // written in a full name stands for it ("Barry “Butch” Wilmore ... “Q,” Butch
        // said"), and so does a familiar form of the given name ("Bob" of "Robert Yang"). A
        // full name with a word also written in lower case in the article ("Will", "will";
        // "Florida Today", "today") gives its given name alone only if it speaks.
        let mut given: HashMap<String, Vec<String>> = HashMap::new();
        for full in &self.full_names {
            let words: Vec<&str> = full.split_whitespace().collect();
            if words.len() < 2 {
                continue;
            }
            let nicknames = words[1..words.len() - 1]
                .iter()
                .filter(|w| w.starts_with(['“', '"', '(', '‘']))
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
            let speaks = self.speakers.contains(full);
            let plain_word = words
                .iter()
                .all(|w| !self.positions.contains_key(w.to_lowercase().as_str()))
                && self.given_name_stands_alone(words[0], words[1]);
            let given_name = (speaks || plain_word).then_some(words[0]);
            let familiar = names::familiar_forms(words[0])
                .iter()
                .copied()
                .filter(|w| !self.positions.contains_key(w.to_lowercase().as_str()));
            for key in given_name.into_iter().chain(nicknames).chain(familiar) {
                if key.chars().count() > 1 && !surnames.contains_key(key) {
                    let entry = given.entry(key.to_string()).or_default();
                    if !entry.contains(full) {
                        entry.push(full.clone());
                    }
                }
            }
        }
        // The latest full-name mention per full name, as we go, and per surname key the
        // latest mention of any full name it may stand for (mentions come in text order, so
        // the last one recorded is the latest).
        let mut latest: HashMap<String, Range<usize>> = HashMap::new();
        let mut keys_of: HashMap<&str, Vec<&str>> = HashMap::new();
        for (key, fulls) in &surnames {
            for full in fulls {
                keys_of.entry(full.as_str()).or_default().push(key.as_str());
            }
        }
        let mut latest_for_key: HashMap<&str, Range<usize>> = HashMap::new();
        // (A full name known only from inside a quotation stands for its family name from the
        // start.)
        for (full, range) in &self.quoted_full_names {
            for key in keys_of.get(full.as_str()).into_iter().flatten() {
                latest_for_key.insert(key, range.clone());
            }
        }
        let mut first_of_variant: HashMap<String, (String, Range<usize>)> = HashMap::new();
        // The first words of the speakers' full names that the name reader does not read
        // whole (a family name that is a place word): only there is it asked again.
        let place_word_firsts: HashSet<String> = self
            .speakers
            .iter()
            .filter(|full| self.known.contains(*full))
            .filter(|full| {
                let mut words = full.split_whitespace().rev();
                words.next().is_some_and(|last| {
                    super::lexicon::NOT_PERSON_SET.contains(last)
                        && !super::lexicon::NEVER_FAMILY_NAME_SET.contains(last)
                }) && words.all(|w| !super::lexicon::NOT_PERSON_SET.contains(w))
            })
            .filter_map(|full| full.split_whitespace().next().map(str::to_string))
            .collect();
        let mut index = 0;
        while index < tokens.tokens.len() {
            let token = tokens.tokens[index];
            if token.kind != Kind::Word || self.excluded(token.start) {
                index += 1;
                continue;
            }
            // A family name that is also a place word ("Park" of "Tomas Park") is read on its
            // own once the full name is known.
            // A speaker's full name whose family name is a place word ("Linda Park", read
            // only next to its speech verb) is a mention of that name wherever it stands.
            let Some(name) = self
                .names
                .name_at(tokens, index)
                .or_else(|| {
                    if place_word_firsts.is_empty() {
                        return None;
                    }
                    tokens
                        .word(index)
                        .filter(|w| place_word_firsts.contains(*w))
                        .and_then(|_| {
                            (index + 1..index + 3).find_map(|last| {
                                names::name_despite_place_word(tokens, index, last)
                                    .filter(|n| self.known.contains(&tokens.text(n.range.clone())))
                            })
                        })
                })
                .or_else(|| {
                    tokens
                        .word(index)
                        .map(tokens::strip_possessive)
                        .filter(|w| surnames.contains_key(*w) || given.contains_key(*w))
                        .map(|_| names::single_word(tokens, index))
                })
            else {
                index += 1;
                continue;
            };
            let text = tokens.text(name.range.clone());
            // Surnames of one word are keyed as written, of several in lower case.
            let surname_key = if name.word_count(tokens) == 1 {
                text.clone()
            } else {
                text.to_lowercase()
            };
            if self.known.contains(&text) {
                for key in keys_of.get(text.as_str()).into_iter().flatten() {
                    latest_for_key.insert(key, name.range.clone());
                }
                // "Jennifer M. Granholm" after "Jennifer Granholm" (or the other way round):
                // the same full name with or without a middle initial is the same person,
                // written first as the first form.
                // ("Bob Yang" after "Robert Yang" too: a familiar form of the given name.)
                let variant = names::with_formal_given_name(&without_initials(&text));
                let first_form = first_of_variant
                    .entry(variant)
                    .or_insert_with(|| (text.clone(), name.range.clone()))
                    .clone();
                latest.insert(text.clone(), name.range.clone());
                self.mentions.push(Mention {
                    range: name.range.clone(),
                    label: vocab::PERSON,
                    refers_to: (first_form.0 != text).then_some(first_form.1),
                    rule: if first_form.0 != text {
                        "coref.surname"
                    } else {
                        "name.person"
                    },
                });
            } else if surnames.contains_key(&surname_key) {
                // The most recently mentioned full name with this surname.
                if let Some(target) = latest_for_key.get(surname_key.as_str()).cloned() {
                    self.mentions.push(Mention {
                        range: name.range.clone(),
                        label: vocab::PERSON,
                        refers_to: Some(target),
                        rule: "coref.surname",
                    });
                }
            } else if name.word_count(tokens) == 1
                && let Some([full]) = given.get(&text).map(Vec::as_slice)
                && let Some(target) = latest.get(full)
            {
                self.mentions.push(Mention {
                    range: name.range.clone(),
                    label: vocab::PERSON,
                    refers_to: Some(target.clone()),
                    rule: "coref.given-name",
                });
            }
            index = name.last_token + 1;
        }
    }

    /// The PERSON (or ORG) span for a named speaker, with its surname link.
    pub(super) fn plan_speaker(
        &mut self,
        plan: &mut Batch,
        speaker: &Speaker,
        rule: &str,
    ) -> usize {
        if speaker.is_org {
            return plan.span(vocab::ORG, speaker.range.clone(), rule);
        }
        let index = match self.mention_at(&speaker.range).cloned() {
            Some(mention) => self.plan_mention(plan, &mention),
            None => {
                let index = plan.span(vocab::PERSON, speaker.range.clone(), rule);
                // "وقالت العبادي" after "ريم العبادي": a right-to-left family name alone
                // refers to the full name the text wrote it in.
                let first = self.tokens.first_at_or_after(speaker.range.start);
                if self
                    .tokens
                    .tokens
                    .get(first)
                    .is_some_and(|t| t.range() == speaker.range)
                    && let Some(full) = super::rtl::full_name_before(self.tokens, first)
                {
                    let target = plan.span(vocab::PERSON, full, "name.person");
                    plan.relation(vocab::REFERS_TO, index, target, "coref.surname");
                }
                index
            }
        };
        // The title stays out of the name's span; it is recorded on it.
        if let Some(title) = &speaker.title {
            plan.spans[index]
                .attributes
                .entry(vocab::TITLE.to_string())
                .or_insert_with(|| serde_json::Value::from(self.tokens.text(title.clone())));
        }
        index
    }

    pub(super) fn plan_mention(&self, plan: &mut Batch, mention: &Mention) -> usize {
        // A nominal source a pronoun stands for ("the president said. … she said") is
        // resolved as when it speaks itself: to the person who came with that title.
        if mention.label == vocab::SOURCE && mention.refers_to.is_none() {
            return self.plan_source(plan, &mention.range, mention.rule);
        }
        let index = plan.span(mention.label, mention.range.clone(), mention.rule);
        if let Some(target) = &mention.refers_to {
            let target_index = plan.span(vocab::PERSON, target.clone(), "name.person");
            plan.relation(vocab::REFERS_TO, index, target_index, "coref.surname");
        }
        index
    }

    /// A SOURCE span for a nominal speaker; "the spokesperson" refers to the latest earlier
    /// nominal with the same head word ("A port spokesperson").
    pub(super) fn plan_source(&self, plan: &mut Batch, range: &Range<usize>, rule: &str) -> usize {
        let index = plan.span(vocab::SOURCE, range.clone(), rule);
        let text = self.tokens.text(range.clone()).to_lowercase();
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.first() == Some(&"the")
            && let Some(head) = nominal_head(&words)
        {
            // "the vice president" is written with "Vice President", never with "President".
            let title = match words[..] {
                [.., modifier, _] if TITLE_MODIFIERS.contains(&modifier) => {
                    format!("{modifier} {head}")
                }
                _ => head.to_string(),
            };
            let earlier = self
                .sources
                .iter()
                .filter(|r| r.end <= range.start)
                .filter(|r| {
                    let other = self.tokens.text((*r).clone()).to_lowercase();
                    let other_words: Vec<&str> = other.split_whitespace().collect();
                    nominal_head(&other_words) == Some(head)
                        && other.split_whitespace().next() != Some("the")
                        // A hometown native is the same one only from the same town.
                        && (head != "native" || text.strip_prefix("the ") == Some(&other))
                })
                .max_by_key(|r| r.start);
            if let Some(target) = earlier {
                let target_index = plan.span(vocab::SOURCE, target.clone(), "coref.nominal");
                plan.relation(vocab::REFERS_TO, index, target_index, "coref.nominal");
            } else if let Some(target) = self
                .titled_person_before(&title, range.start)
                .or_else(|| self.titled_person_after(&title, range.end))
                .or_else(|| self.ranked_person_before(head, range.start))
                .or_else(|| self.aged_person_before(head, range.start))
            {
                // Written with the title before, or soon after ("said the Vice President"
                // in the summary, "Vice President Kamala Harris" in the next paragraph), or
                // the person with a rank just before ("Marine Gen. Peter Pace met …, but the
                // chairman continued").
                let target_index = plan.span(vocab::PERSON, target, "name.person");
                plan.relation(vocab::REFERS_TO, index, target_index, "coref.nominal");
            } else if words.len() == 2
                && let Some(target) = self.organisation_before(head, range.start)
            {
                let target_index = plan.span(vocab::ORG, target, "coref.nominal");
                plan.relation(vocab::REFERS_TO, index, target_index, "coref.nominal");
            }
        } else if words.last() == Some(&"native")
            && let Some(target) = self.aged_person_before("native", range.start)
        {
            // "said Grand Forks, N.D., native": the person the text is about.
            let target_index = plan.span(vocab::PERSON, target, "name.person");
            plan.relation(vocab::REFERS_TO, index, target_index, "coref.nominal");
        } else if matches!(words.first(), Some(&("a" | "an")))
            && let Some(head) = nominal_head(&words)
            && let Some(target) = self.titled_person_after(head, range.end)
        {
            let target_index = plan.span(vocab::PERSON, target, "name.person");
            plan.relation(vocab::REFERS_TO, index, target_index, "coref.nominal");
        }
        index
    }
}

/// A nominal's head word: the last before the phrase of a preposition ("a spokeswoman for
/// Borealink": "spokeswoman").
pub(super) fn nominal_head<'a>(words: &[&'a str]) -> Option<&'a str> {
    words
        .iter()
        .take_while(|w| !super::lexicon::PREPOSITIONS.contains(w))
        .last()
        .copied()
}
