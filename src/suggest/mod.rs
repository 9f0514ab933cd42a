//! Suggestions: rule-based, transparent and local. Each suggester reads the article text and
//! proposes spans and relations; [`suggest`] turns the proposals into one [`Edit::Batch`] of
//! suggested annotations (`review: Suggested`, `origin: "rule:<rule-id>"`), so the window and
//! the command line apply them through [`crate::model::edit::apply`] and one undo removes them.
//!
//! - [`quotes`]: direct quotes by quotation-mark pairing
//! - [`speakers`]: speaker and cue by speech-verb patterns
//! - [`names`]: PERSON candidates, the byline, surname coreference
//! - [`gazetteer`]: a user's list of names
//! - [`review`]: accepting and rejecting suggestions, as edits
//! - [`evaluate`]: precision and recall of the quote suggester against gold sets

pub mod evaluate;
pub mod from_file;
pub mod gazetteer;
pub mod names;
pub mod quotes;
pub mod review;
pub mod speakers;
pub mod tokens;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use crate::model::edit::Edit;
use crate::model::set::AnnotationSet;
use crate::model::span::{Attributes, Relation, Review, Span, SpanId};

use gazetteer::Gazetteer;
use speakers::{Attribution, Form, Speaker};
use tokens::{Kind, Tokens};

/// The prefix of every suggestion's `origin`.
pub const ORIGIN_PREFIX: &str = "rule:";

/// Quoted passages of at most this many words are scare quotes or titles unless a speech verb
/// attributes them.
const SCARE_QUOTE_MAX_WORDS: usize = 3;

/// An unattributed quote shorter than this that does not end like a clause is taken for a
/// title or a phrase, not speech.
const PHRASE_MAX_WORDS: usize = 8;

/// What to run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Quotes, speakers, cues and names (on unless turned off).
    pub skip_quotes: bool,
    /// A user's list of names.
    pub gazetteer: Option<Gazetteer>,
}

/// The result of [`suggest`]: the edit to apply and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestions {
    /// One batch with every new suggestion (empty batch when there is nothing new).
    pub edit: Edit,
    /// New span suggestions per (label, rule).
    pub spans: BTreeMap<(String, String), usize>,
    /// New relation suggestions per (relation type, rule).
    pub relations: BTreeMap<(String, String), usize>,
    /// Proposals already in the set (same label and range, or the same relation).
    pub already_present: usize,
    /// Proposals left out, each with the reason.
    pub skipped: Vec<String>,
    /// Quotation marks that could not be paired (code point offsets).
    pub unpaired_marks: Vec<usize>,
}

impl Suggestions {
    pub fn is_empty(&self) -> bool {
        matches!(&self.edit, Edit::Batch(edits) if edits.is_empty())
    }

    pub fn span_total(&self) -> usize {
        self.spans.values().sum()
    }

    pub fn relation_total(&self) -> usize {
        self.relations.values().sum()
    }
}

#[derive(Clone, Debug, PartialEq)]
struct PlannedSpan {
    label: String,
    range: Range<usize>,
    attributes: Attributes,
    rule: String,
}

#[derive(Clone, Debug, PartialEq)]
struct PlannedRelation {
    label: &'static str,
    from: usize,
    to: usize,
    rule: String,
}

/// Proposals in text terms, before they meet a set.
#[derive(Clone, Debug, Default)]
struct Plan {
    spans: Vec<PlannedSpan>,
    relations: Vec<PlannedRelation>,
    unpaired_marks: Vec<usize>,
}

impl Plan {
    /// Add a span proposal, or find the same one (label and range) proposed before.
    fn span(&mut self, label: &str, range: Range<usize>, rule: &str) -> usize {
        if let Some(index) = self
            .spans
            .iter()
            .position(|s| s.label == label && s.range == range)
        {
            return index;
        }
        self.spans.push(PlannedSpan {
            label: label.to_string(),
            range,
            attributes: Attributes::new(),
            rule: rule.to_string(),
        });
        self.spans.len() - 1
    }

    fn relation(&mut self, label: &'static str, from: usize, to: usize, rule: &str) {
        if from == to
            || self
                .relations
                .iter()
                .any(|r| r.label == label && r.from == from && r.to == to)
        {
            return;
        }
        self.relations.push(PlannedRelation {
            label,
            from,
            to,
            rule: rule.to_string(),
        });
    }
}

/// Propose suggestions for `set` and return them as one edit (not yet applied).
///
/// Proposals identical to an existing span (label and range) or relation are not repeated,
/// so suggesting twice adds nothing the second time. A QUOTE proposal that overlaps an
/// existing QUOTE span is left out (the existing one is the reviewed or edited version).
pub fn suggest(set: &mut AnnotationSet, options: &Options) -> Suggestions {
    let text = set.text().as_str().to_string();
    let mut plan = Plan::default();
    if !options.skip_quotes {
        plan_quotes(&text, &mut plan);
    }
    if let Some(list) = &options.gazetteer {
        list.plan(&text, &mut plan);
    }
    to_edit(set, plan)
}

fn to_edit(set: &mut AnnotationSet, plan: Plan) -> Suggestions {
    let mut edits = Vec::new();
    let mut suggestions = Suggestions {
        edit: Edit::Batch(Vec::new()),
        spans: BTreeMap::new(),
        relations: BTreeMap::new(),
        already_present: 0,
        skipped: Vec::new(),
        unpaired_marks: plan.unpaired_marks,
    };
    let existing_quotes: Vec<Range<usize>> = set
        .spans_ordered()
        .filter(|s| s.label == "QUOTE")
        .map(Span::range)
        .collect();
    let mut ids: Vec<Option<SpanId>> = Vec::with_capacity(plan.spans.len());
    let mut new_labels: HashMap<SpanId, String> = HashMap::new();
    for planned in &plan.spans {
        let range = planned.range.clone();
        if let Some(existing) = set.find_same(&planned.label, range.clone()) {
            suggestions.already_present += 1;
            ids.push(Some(existing));
            continue;
        }
        if set.schema.label(&planned.label).is_none() {
            suggestions.skipped.push(format!(
                "{} {}..{} ({}): the schema has no label {}",
                planned.label, range.start, range.end, planned.rule, planned.label
            ));
            ids.push(None);
            continue;
        }
        if planned.label == "QUOTE"
            && existing_quotes
                .iter()
                .any(|q| q.start < range.end && range.start < q.end)
        {
            suggestions.skipped.push(format!(
                "QUOTE {}..{} ({}): overlaps an existing QUOTE span",
                range.start, range.end, planned.rule
            ));
            ids.push(None);
            continue;
        }
        let id = set.new_span_id();
        let mut span = Span::new(id, planned.label.clone(), range);
        span.attributes = planned.attributes.clone();
        span.origin = Some(format!("{ORIGIN_PREFIX}{}", planned.rule));
        span.review = Review::Suggested;
        edits.push(Edit::AddSpan(span));
        new_labels.insert(id, planned.label.clone());
        *suggestions
            .spans
            .entry((planned.label.clone(), planned.rule.clone()))
            .or_insert(0) += 1;
        ids.push(Some(id));
    }
    let label_of = |id: SpanId, set: &AnnotationSet| -> Option<String> {
        new_labels
            .get(&id)
            .cloned()
            .or_else(|| set.span(id).map(|s| s.label.clone()))
    };
    for planned in &plan.relations {
        let (Some(Some(from)), Some(Some(to))) =
            (ids.get(planned.from).copied(), ids.get(planned.to).copied())
        else {
            suggestions.skipped.push(format!(
                "{} relation ({}): one of its spans was left out",
                planned.label, planned.rule
            ));
            continue;
        };
        if set
            .relations()
            .any(|r| r.label == planned.label && r.from == from && r.to == to)
        {
            suggestions.already_present += 1;
            continue;
        }
        let (Some(from_label), Some(to_label)) = (label_of(from, set), label_of(to, set)) else {
            continue;
        };
        if let Some(why) = set
            .schema
            .relation_refusal(planned.label, &from_label, &to_label)
        {
            suggestions.skipped.push(format!(
                "{} relation {} → {} ({}): {why}",
                planned.label, from.0, to.0, planned.rule
            ));
            continue;
        }
        edits.push(Edit::AddRelation(Relation {
            id: set.new_relation_id(),
            label: planned.label.to_string(),
            from,
            to,
            origin: Some(format!("{ORIGIN_PREFIX}{}", planned.rule)),
            review: Review::Suggested,
        }));
        *suggestions
            .relations
            .entry((planned.label.to_string(), planned.rule.clone()))
            .or_insert(0) += 1;
    }
    suggestions.edit = Edit::Batch(edits);
    suggestions
}

/// Paragraph numbers by offset (paragraphs are non-blank lines).
struct Paragraphs {
    starts: Vec<usize>,
}

impl Paragraphs {
    fn new(chars: &[char]) -> Self {
        let mut starts = Vec::new();
        let mut line_start = 0;
        for (i, &c) in chars.iter().chain(std::iter::once(&'\n')).enumerate() {
            if c == '\n' {
                if chars[line_start..i.min(chars.len())]
                    .iter()
                    .any(|c| !c.is_whitespace())
                {
                    starts.push(line_start);
                }
                line_start = i + 1;
            }
        }
        Self { starts }
    }

    fn of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// Offset where paragraph number `paragraph` (as returned by `of`) starts.
    fn start(&self, paragraph: usize) -> usize {
        paragraph
            .checked_sub(1)
            .and_then(|p| self.starts.get(p))
            .copied()
            .unwrap_or(0)
    }

    /// True when only blanks come before `offset` in its paragraph.
    fn opens(&self, chars: &[char], offset: usize) -> bool {
        chars[self.start(self.of(offset))..offset]
            .iter()
            .all(|c| c.is_whitespace())
    }
}

/// A quote with everything decided about it.
struct QuoteInfo {
    quote: quotes::Quote,
    attribution: Option<Attribution>,
    /// The rule that gave the attribution when it came from another part or quote.
    inherited_rule: Option<&'static str>,
    /// Index of the quote this one continues, and the rule (`quote.paragraphs`, `quote.split`).
    continues: Option<(usize, &'static str)>,
    keep: bool,
}

fn plan_quotes(text: &str, plan: &mut Plan) {
    let tokens = Tokens::new(text);
    let chars = &tokens.chars;
    let found = quotes::find(chars);
    plan.unpaired_marks = found.unpaired.clone();
    let paragraphs = Paragraphs::new(chars);
    let closes: HashSet<usize> = found.quotes.iter().filter_map(|q| q.close).collect();
    let byline = names::byline(&tokens);

    let mut infos: Vec<QuoteInfo> = found
        .quotes
        .iter()
        .map(|quote| {
            let last = quote
                .content
                .end
                .checked_sub(1)
                .filter(|&l| l >= quote.content.start)
                .map(|l| chars[l]);
            let attribution = quote
                .close
                .and_then(|close| speakers::after(&tokens, close, last))
                .or_else(|| speakers::before(&tokens, quote.open, &closes));
            QuoteInfo {
                quote: quote.clone(),
                attribution,
                inherited_rule: None,
                continues: None,
                keep: true,
            }
        })
        .collect();

    // Continuations: over paragraphs, and split quotes (`“Q1,” X said, “Q2”`).
    for i in 1..infos.len() {
        if infos[i].quote.continues_previous {
            infos[i].continues = Some((i - 1, "quote.paragraphs"));
            continue;
        }
        let previous = &infos[i - 1];
        let Some(close) = previous.quote.close else {
            continue;
        };
        let attributed_after = previous
            .attribution
            .as_ref()
            .is_some_and(|a| a.cue.start > close && a.cue.start < infos[i].quote.open);
        let between_first = tokens.first_at_or_after(close + 1);
        let between_last = tokens.first_at_or_after(infos[i].quote.open);
        let one_sentence = tokens.tokens[between_first..between_last]
            .iter()
            .all(|t| t.kind != Kind::Break && !matches!(tokens.chars[t.start], '.' | '!' | '?'));
        let comma_before = between_last > between_first
            && matches!(tokens.punct(between_last - 1), Some(',' | ':'));
        let previous_open = !previous
            .quote
            .content
            .end
            .checked_sub(1)
            .is_some_and(|l| matches!(chars[l], '.' | '!' | '?'));
        if attributed_after && one_sentence && comma_before && previous_open {
            infos[i].continues = Some((i - 1, "quote.split"));
            infos[i].attribution = infos[i - 1].attribution.clone();
            infos[i].inherited_rule = Some("speaker.split");
        }
    }

    // Chains of parts share one attribution.
    let mut chain_of: Vec<usize> = (0..infos.len()).collect();
    for i in 0..infos.len() {
        if let Some((previous, _)) = infos[i].continues {
            chain_of[i] = chain_of[previous];
        }
    }
    let mut chains: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &chain) in chain_of.iter().enumerate() {
        chains.entry(chain).or_default().push(i);
    }
    for parts in chains.values() {
        let own = parts.iter().find_map(|&p| infos[p].attribution.clone());
        let words: usize = parts
            .iter()
            .map(|&p| tokens.word_count(infos[p].quote.content.clone()))
            .sum();
        let attributed = own.is_some();
        for &p in parts {
            if infos[p].attribution.is_none()
                && let Some(a) = &own
            {
                infos[p].attribution = Some(a.clone());
                infos[p].inherited_rule = Some("speaker.continued");
            }
        }
        let first = &infos[parts[0]].quote;
        let last_part = &infos[parts[parts.len() - 1]].quote;
        let ends_like_clause = last_part
            .content
            .end
            .checked_sub(1)
            .filter(|&l| l >= last_part.content.start)
            .is_some_and(|l| {
                matches!(
                    chars[l],
                    '.' | ',' | '?' | '!' | '…' | '—' | '–' | ':' | ';'
                )
            });
        // A quote that is a sentence of its own (capital first, a full stop, question or
        // exclamation mark last, nothing of the sentence outside the marks) is speech, not
        // a scare quote, however short ("“Why not?”").
        let before_open = chars[..first.open]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace() || **c == '\n');
        let own_sentence = first
            .content
            .clone()
            .next()
            .is_some_and(|f| chars[f].is_uppercase())
            && last_part
                .content
                .end
                .checked_sub(1)
                .filter(|&l| l >= last_part.content.start)
                .is_some_and(|l| matches!(chars[l], '.' | '?' | '!'))
            && before_open.is_none_or(|c| matches!(c, '\n' | '.' | '?' | '!' | '”' | '"' | '»'));
        let keep = !first.content.is_empty()
            && (attributed
                || own_sentence
                || parts.len() > 1
                || (words > SCARE_QUOTE_MAX_WORDS
                    && (ends_like_clause || words >= PHRASE_MAX_WORDS)));
        for &p in parts {
            infos[p].keep = keep && !infos[p].quote.content.is_empty();
        }
    }

    // People: full names from speakers, surnames resolved to them.
    // Every quoted passage, kept or not, is someone else's words: no mentions from there.
    let inside_quotes: Vec<Range<usize>> = infos
        .iter()
        .map(|i| i.quote.open..i.quote.close.map_or(i.quote.content.end, |c| c + 1))
        .collect();
    let mut people = People::new(&tokens, byline.clone(), inside_quotes);
    // Subjects of speech verbs outside quotes (indirect speech too) are the people and sources
    // an article talks about; pronouns and "the spokesperson" point back to them.
    let mut subjects: Vec<(usize, Speaker)> = Vec::new();
    for (index, token) in tokens.tokens.iter().enumerate() {
        // Not the subject of a passive ("had been told"), of a verb that reports no speech
        // ("the call went out"), nor one in a subordinate clause ("because the trust has
        // told staff ...").
        if token.kind == Kind::Word
            && !people.excluded(token.start)
            && tokens.word(index).is_some_and(|w| {
                speakers::is_cue_verb(&w) && !REPORTS_NOTHING.contains(&w.to_lowercase().as_str())
            })
            && !speakers::passive_at(&tokens, index)
        {
            let start = speakers::sentence_start(&tokens, index, &closes);
            if let Some(speaker) = speakers::speaker_before(&tokens, index, start) {
                let first = tokens.first_at_or_after(speaker.range.start);
                let subordinate = first > 0
                    && tokens
                        .word(first - 1)
                        .is_some_and(|w| SUBORDINATORS.contains(&w.to_lowercase().as_str()));
                if !subordinate {
                    subjects.push((token.start, speaker));
                }
            }
        }
    }
    for info in infos.iter().filter(|i| i.keep) {
        if let Some(a) = &info.attribution {
            subjects.push((a.cue.start, a.speaker.clone()));
        }
    }
    subjects.sort_by_key(|(at, _)| *at);
    for (_, speaker) in &subjects {
        match speaker.form {
            Form::Name if !speaker.is_org => {
                people.add_speaker(speaker);
                people.subjects.push(speaker.range.clone());
            }
            Form::Nominal if !people.sources.contains(&speaker.range) => {
                people.sources.push(speaker.range.clone());
                people.subjects.push(speaker.range.clone());
            }
            _ => {}
        }
    }
    people.add_candidates();
    people.collect_mentions();
    people.learn_genders(&closes);

    // Floating quotes take the speaker of the quote before them when it is in the same or
    // the previous paragraph, except in a question/answer exchange: a floating quote that
    // opens the paragraph after a question (an attributed quote ending in `?`) is the other
    // party's, and further floating paragraphs right after alternate between the two.
    let mut last_attributed: Option<(usize, Attribution)> = None;
    let mut history: Vec<Attribution> = Vec::new();
    // The two parties of an exchange: (who spoke last, the other one).
    let mut exchange: Option<(Attribution, Attribution)> = None;
    let mut previous_kept: Option<(usize, bool)> = None;
    for info in infos.iter_mut().filter(|i| i.keep) {
        let paragraph = paragraphs.of(info.quote.open);
        let opens_paragraph = paragraphs.opens(chars, info.quote.open);
        let ends_question = info
            .quote
            .content
            .end
            .checked_sub(1)
            .filter(|&l| l >= info.quote.content.start)
            .is_some_and(|l| chars[l] == '?');
        let follows = previous_kept.is_some_and(|(at, _)| at + 1 == paragraph);
        let after_question = follows && previous_kept.is_some_and(|(_, q)| q);
        previous_kept = Some((paragraph, ends_question));
        match &info.attribution {
            Some(a) => {
                last_attributed = Some((paragraph, a.clone()));
                if info.inherited_rule.is_none() {
                    history.push(a.clone());
                }
                exchange = None;
            }
            None => {
                if opens_paragraph && follows {
                    if exchange.is_none()
                        && after_question
                        && let Some((_, asker)) = &last_attributed
                        && let Some(answerer) =
                            people.other_party(asker, paragraph - 1, &history, &paragraphs)
                    {
                        exchange = Some((asker.clone(), answerer));
                    }
                    if let Some((last, other)) = exchange.take() {
                        info.attribution = Some(other.clone());
                        info.inherited_rule = Some("speaker.exchange");
                        last_attributed = Some((paragraph, other.clone()));
                        exchange = Some((other, last));
                        continue;
                    }
                } else {
                    exchange = None;
                }
                if let Some((at, a)) = &last_attributed
                    && paragraph <= at + 1
                {
                    info.attribution = Some(a.clone());
                    info.inherited_rule = Some("speaker.previous");
                    last_attributed = Some((paragraph, a.clone()));
                }
            }
        }
    }
    if let Some(range) = &byline
        && let Some(name) = names::name_at(&tokens, tokens.first_at_or_after(range.start) + 1)
        && !name.is_org
    {
        plan.span("PERSON", name.range, "name.byline");
    }
    for mention in &people.mentions {
        people.plan_mention(plan, mention);
    }

    // The quotes themselves, their cues and speakers.
    let mut quote_index: Vec<Option<usize>> = vec![None; infos.len()];
    for (i, info) in infos.iter().enumerate() {
        if !info.keep {
            continue;
        }
        let index = plan.span("QUOTE", info.quote.content.clone(), info.quote.style.rule());
        plan.spans[index]
            .attributes
            .insert("type".into(), serde_json::Value::from("direct"));
        let form = info
            .attribution
            .as_ref()
            .map_or("none", |a| a.speaker.form.attribute());
        plan.spans[index]
            .attributes
            .insert("speaker_form".into(), serde_json::Value::from(form));
        quote_index[i] = Some(index);
        if let Some((previous, rule)) = info.continues
            && let Some(previous_index) = quote_index[previous]
        {
            plan.relation("continues", index, previous_index, rule);
        }
        let Some(a) = &info.attribution else {
            continue;
        };
        let rule = info.inherited_rule.unwrap_or(a.rule);
        let cue = plan.span("CUE", a.cue.clone(), a.rule);
        plan.relation("cue", index, cue, rule);
        let speaker = match a.speaker.form {
            Form::Name => Some(people.plan_speaker(plan, &a.speaker, a.rule)),
            Form::Nominal => Some(people.plan_source(plan, &a.speaker.range, a.rule)),
            Form::Pronoun => {
                let before = a.speaker.range.start.min(info.quote.open);
                people
                    .antecedent(before, &tokens.text(a.speaker.range.clone()), &paragraphs)
                    .map(|mention| people.plan_mention(plan, &mention))
            }
        };
        if let Some(speaker) = speaker {
            plan.relation("said_by", index, speaker, rule);
        }
    }
}

/// True when `short` is the family name of `full`: `full` ends with its words (the first one
/// in any case) and it opens with a family-name particle ("El Idrissi" of "Fatima Zahra El
/// Idrissi", "De Búrca" of "Tomás de Búrca"), or it is the last two words of a name of three
/// or more (a double family name: "García Ferrer" of "Inés García Ferrer").
fn is_family_name_of(short: &str, full: &str) -> bool {
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

/// A mention of a person (or a nominal source) in running text, for coreference.
#[derive(Clone, Debug, PartialEq)]
struct Mention {
    range: Range<usize>,
    label: &'static str,
    /// The full-name mention this one refers to (for surnames).
    refers_to: Option<Range<usize>>,
    rule: &'static str,
}

/// Known people and where they are mentioned.
struct People<'a> {
    tokens: &'a Tokens,
    /// Named and nominal subjects of speech verbs, in text order.
    subjects: Vec<Range<usize>>,
    /// Full names found for a family name written first ("Lin Xiaowen").
    family_first: Vec<String>,
    byline: Option<Range<usize>>,
    inside_quotes: Vec<Range<usize>>,
    /// Full names (2+ words) by their text.
    full_names: Vec<String>,
    /// Every mention outside quotes and the byline, in text order.
    mentions: Vec<Mention>,
    /// Nominal speakers, which pronouns may also point back to.
    sources: Vec<Range<usize>>,
    /// Gender cues found in the text, by full name (see `learn_genders`).
    genders: HashMap<String, Gender>,
    /// Start offsets of person mentions that are the subject of their sentence.
    subject_mentions: HashSet<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// The gender a pronoun speaker (or a pronoun in running text) asks for.
fn pronoun_gender(word: &str) -> Option<Gender> {
    match word.to_lowercase().as_str() {
        "he" | "his" | "himself" | "er" | "il" => Some(Gender::Male),
        "she" | "herself" | "hers" | "elle" => Some(Gender::Female),
        _ => None,
    }
}

/// Titles that give a gender.
fn title_gender(word: &str) -> Option<Gender> {
    match word {
        "Mr" | "Herr" | "Monsieur" | "M" => Some(Gender::Male),
        "Mrs" | "Ms" | "Miss" | "Frau" | "Madame" | "Mme" => Some(Gender::Female),
        _ => None,
    }
}

/// Verbs that attribute a direct quote but report no speech of their own ("the call went
/// out", "she smiled"): their subjects are not sources.
const REPORTS_NOTHING: &[&str] = &["went", "put", "began", "smiled", "laughed", "sighed"];

/// Words that open a subordinate clause: a subject right after one is not a source of the
/// article ("because the trust has told staff not to talk").
const SUBORDINATORS: &[&str] = &[
    "because", "since", "although", "though", "if", "unless", "while", "whereas", "when", "until",
    "that", "whether",
];

/// Head nouns of "the company", "the union": a nominal that stands for the organisation named
/// last (any organisation for the generic ones, else one whose name has the head word).
const GENERIC_ORG_HEADS: &[&str] = &[
    "company", "firm", "group", "operator", "carrier", "network", "insurer", "business",
];

/// Pronouns that, before a name in its sentence, are the sentence's subject instead.
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we", "you"];

/// Words after which a name is an object or a complement, not a subject.
const OBJECT_MARKERS: &[&str] = &[
    "by", "with", "to", "from", "for", "of", "at", "on", "in", "and", "or", "about", "against",
    "than", "like", "told", "asked", "met", "thanked", "called", "after", "before",
];

/// Head nouns of nominal sources that are institutions: "the company said ..." is not what
/// "he" or "she" stands for.
const INSTITUTION_HEADS: &[&str] = &[
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

impl<'a> People<'a> {
    fn new(
        tokens: &'a Tokens,
        byline: Option<Range<usize>>,
        inside_quotes: Vec<Range<usize>>,
    ) -> Self {
        Self {
            tokens,
            subjects: Vec::new(),
            family_first: Vec::new(),
            byline,
            inside_quotes,
            full_names: Vec::new(),
            mentions: Vec::new(),
            sources: Vec::new(),
            genders: HashMap::new(),
            subject_mentions: HashSet::new(),
        }
    }

    /// The full name a mention stands for (itself, or the name its surname refers to).
    fn canonical(&self, mention: &Mention) -> String {
        self.tokens
            .text(mention.refers_to.clone().unwrap_or(mention.range.clone()))
    }

    /// True when the mention is a possessive ("Okafor’s line manager").
    fn is_possessive(&self, range: &Range<usize>) -> bool {
        let chars = &self.tokens.chars;
        let text = self.tokens.text(range.clone());
        let after: String = chars[range.end.min(chars.len())..(range.end + 3).min(chars.len())]
            .iter()
            .collect();
        let followed = (after.starts_with("’s") || after.starts_with("'s"))
            && !after.chars().nth(2).is_some_and(tokens::is_word_char);
        followed || tokens::strip_possessive(&text) != text
    }

    /// Gender cues, by syntax and titles only (no list of first names):
    /// - a title before a mention ("Mr", "Mrs", "Ms", "Miss");
    /// - a mention that is the subject of its sentence, and the first of `he`/`she`/`his`/
    ///   `her own` after it in that sentence before any other mention or quote ("Lacey said
    ///   that she had met ...", "El Amrani had sent her his own model": object `her` is
    ///   skipped);
    /// - a subject mention alone in its sentence, and a next sentence that opens with `He` or
    ///   `She`.
    ///
    /// A name with cues for both is left without a gender. Also marks which mentions are the
    /// subject of their sentence: no subject pronoun before it in the sentence and no
    /// preposition or verb right before it (unless that word opens the sentence: "For X, ...").
    fn learn_genders(&mut self, closes: &HashSet<usize>) {
        let tokens = self.tokens;
        let mut votes: HashMap<String, [usize; 2]> = HashMap::new();
        let persons: Vec<Mention> = self
            .mentions
            .iter()
            .filter(|m| m.label == "PERSON")
            .cloned()
            .collect();
        for (k, mention) in persons.iter().enumerate() {
            let key = self.canonical(mention);
            let first = tokens.first_at_or_after(mention.range.start);
            let mut vote = |g: Gender| {
                let v = votes.entry(key.clone()).or_default();
                v[usize::from(g == Gender::Female)] += 1;
            };
            let mut before = first;
            if first > 0 && tokens.punct(first - 1) == Some('.') {
                before -= 1;
            }
            let title = before
                .checked_sub(1)
                .and_then(|i| tokens.word(i))
                .and_then(|w| title_gender(&w));
            if let Some(g) = title {
                vote(g);
            }
            if title.is_some()
                || (before > 0 && tokens.word(before - 1).is_some_and(|w| names::is_title(&w)))
            {
                before -= 1;
            }
            // Subject position.
            let start = speakers::sentence_start(tokens, first, closes);
            let pronoun_first = (start..before).any(|i| {
                tokens
                    .word(i)
                    .is_some_and(|w| SUBJECT_PRONOUNS.contains(&w.to_lowercase().as_str()))
            });
            let object = before > start + 1
                && tokens
                    .word(before - 1)
                    .is_some_and(|w| OBJECT_MARKERS.contains(&w.to_lowercase().as_str()));
            let subject = !pronoun_first && !object && !self.is_possessive(&mention.range);
            if !subject {
                continue;
            }
            self.subject_mentions.insert(mention.range.start);
            let next_mention = persons.get(k + 1).map_or(usize::MAX, |m| m.range.start);
            let mut i = tokens.first_at_or_after(mention.range.end);
            let mut ended_sentence = false;
            while let Some(token) = tokens.tokens.get(i) {
                if token.kind == Kind::Break || token.start >= next_mention {
                    break;
                }
                if let Some(mark) = tokens.punct(i) {
                    if matches!(mark, '“' | '”' | '"' | '«' | '»' | '„') {
                        break;
                    }
                    if matches!(mark, '.' | '!' | '?') && !closes.contains(&token.start) {
                        ended_sentence = true;
                        break;
                    }
                }
                if let Some(w) = tokens.word(i) {
                    let lw = w.to_lowercase();
                    let own = lw == "her" && tokens.word(i + 1).is_some_and(|n| n == "own");
                    if own {
                        vote(Gender::Female);
                        break;
                    }
                    if matches!(lw.as_str(), "he" | "she" | "his" | "himself" | "herself") {
                        if let Some(g) = pronoun_gender(&lw) {
                            vote(g);
                        }
                        break;
                    }
                }
                i += 1;
            }
            if ended_sentence
                && let Some(next) = tokens.word(i + 1)
                && tokens.tokens[i + 1].start < next_mention
                && matches!(next.as_str(), "He" | "She")
                && let Some(g) = pronoun_gender(&next)
            {
                vote(g);
            }
        }
        for (name, [male, female]) in votes {
            match (male > 0, female > 0) {
                (true, false) => {
                    self.genders.insert(name, Gender::Male);
                }
                (false, true) => {
                    self.genders.insert(name, Gender::Female);
                }
                _ => {}
            }
        }
    }

    fn excluded(&self, offset: usize) -> bool {
        self.byline.as_ref().is_some_and(|b| b.contains(&offset))
            || self.inside_quotes.iter().any(|q| q.contains(&offset))
    }

    fn add_speaker(&mut self, speaker: &Speaker) {
        let text = self.tokens.text(speaker.range.clone());
        if text.split_whitespace().count() >= 2 {
            if !self.full_names.contains(&text) {
                self.full_names.push(text);
            }
        } else if let Some((full, family_first)) =
            self.full_name_for_surname(&text, speaker.range.start)
        {
            if family_first && !self.family_first.contains(&full) {
                self.family_first.push(full.clone());
            }
            if !self.full_names.contains(&full) {
                self.full_names.push(full);
            }
        }
    }

    /// Capitalised runs of two or more words outside quotes that look like people's names.
    fn add_candidates(&mut self) {
        let tokens = self.tokens;
        let mut index = 0;
        while index < tokens.tokens.len() {
            let token = tokens.tokens[index];
            if token.kind != Kind::Word || self.excluded(token.start) {
                index += 1;
                continue;
            }
            match names::name_at(tokens, index) {
                Some(name) => {
                    if !name.is_org
                        && name.word_count(tokens) >= 2
                        && !speakers::after_the(tokens, name.first_token)
                    {
                        let text = tokens.text(name.range.clone());
                        if !self.full_names.contains(&text) {
                            self.full_names.push(text);
                        }
                    }
                    index = name.last_token + 1;
                }
                None => index += 1,
            }
        }
    }

    /// The latest full name before `before` (outside quotes and the byline) whose last word is
    /// `surname`.
    fn full_name_for_surname(&self, surname: &str, before: usize) -> Option<(String, bool)> {
        let tokens = self.tokens;
        let mut best = None;
        for (index, token) in tokens.tokens.iter().enumerate() {
            if token.start >= before {
                break;
            }
            if token.kind != Kind::Word
                || tokens::strip_possessive(&tokens.text(token.range())) != surname
                || self.excluded(token.start)
            {
                continue;
            }
            if let Some(name) = names::name_ending_at(tokens, index)
                && !name.is_org
                && name.word_count(tokens) >= 2
                && tokens.text(name.range.clone()).ends_with(surname)
            {
                best = Some(tokens.text(name.range));
            }
        }
        if let Some(best) = best {
            return Some((best, false));
        }
        // Family name first ("Lin Xiaowen" ... "Lin said").
        for (index, token) in tokens.tokens.iter().enumerate() {
            if token.start >= before {
                break;
            }
            if token.kind != Kind::Word
                || tokens.text(token.range()) != surname
                || self.excluded(token.start)
            {
                continue;
            }
            if let Some(name) = names::name_at(tokens, index)
                && !name.is_org
                && name.word_count(tokens) == 2
                && name.first_token == index
            {
                best = Some(tokens.text(name.range));
            }
        }
        best.map(|full| (full, true))
    }

    /// Every mention of a known full name, and every lone surname of one.
    fn collect_mentions(&mut self) {
        let tokens = self.tokens;
        // A family name of several words ("Ó Ceallaigh", "El Idrissi") read on its own is
        // not a full name when a longer known name ends with it ("Tomás Ó Ceallaigh").
        let all = self.full_names.clone();
        self.full_names
            .retain(|name| !all.iter().any(|full| is_family_name_of(name, full)));
        let mut surnames: HashMap<String, Vec<String>> = HashMap::new();
        for full in &self.full_names {
            if let Some(last) = full.split_whitespace().last() {
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
        // The latest full-name mention per full name, as we go.
        let mut latest: HashMap<String, Range<usize>> = HashMap::new();
        let mut index = 0;
        while index < tokens.tokens.len() {
            let token = tokens.tokens[index];
            if token.kind != Kind::Word || self.excluded(token.start) {
                index += 1;
                continue;
            }
            let Some(name) = names::name_at(tokens, index) else {
                index += 1;
                continue;
            };
            let text = tokens.text(name.range.clone());
            if self.full_names.contains(&text) {
                latest.insert(text, name.range.clone());
                self.mentions.push(Mention {
                    range: name.range.clone(),
                    label: "PERSON",
                    refers_to: None,
                    rule: "name.person",
                });
            } else if let Some(candidates) = if name.word_count(tokens) == 1 {
                surnames.get(&text)
            } else {
                surnames.get(&text.to_lowercase())
            } {
                // The most recently mentioned full name with this surname.
                let target = candidates
                    .iter()
                    .filter_map(|full| latest.get(full))
                    .max_by_key(|r| r.start)
                    .cloned();
                if let Some(target) = target {
                    self.mentions.push(Mention {
                        range: name.range.clone(),
                        label: "PERSON",
                        refers_to: Some(target),
                        rule: "coref.surname",
                    });
                }
            }
            index = name.last_token + 1;
        }
    }

    /// The PERSON (or ORG) span for a named speaker, with its surname link.
    fn plan_speaker(&mut self, plan: &mut Plan, speaker: &Speaker, rule: &str) -> usize {
        if speaker.is_org {
            return plan.span("ORG", speaker.range.clone(), rule);
        }
        if let Some(mention) = self
            .mentions
            .iter()
            .find(|m| m.range == speaker.range)
            .cloned()
        {
            return self.plan_mention(plan, &mention);
        }
        plan.span("PERSON", speaker.range.clone(), rule)
    }

    fn plan_mention(&self, plan: &mut Plan, mention: &Mention) -> usize {
        let index = plan.span(mention.label, mention.range.clone(), mention.rule);
        if let Some(target) = &mention.refers_to {
            let target_index = plan.span("PERSON", target.clone(), "name.person");
            plan.relation("refers_to", index, target_index, "coref.surname");
        }
        index
    }

    /// A SOURCE span for a nominal speaker; "the spokesperson" refers to the latest earlier
    /// nominal with the same head word ("A port spokesperson").
    fn plan_source(&self, plan: &mut Plan, range: &Range<usize>, rule: &str) -> usize {
        let index = plan.span("SOURCE", range.clone(), rule);
        let text = self.tokens.text(range.clone()).to_lowercase();
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.first() == Some(&"the")
            && let Some(head) = words.last()
        {
            let earlier = self
                .sources
                .iter()
                .filter(|r| r.end <= range.start)
                .filter(|r| {
                    let other = self.tokens.text((*r).clone()).to_lowercase();
                    other.split_whitespace().last() == Some(head)
                        && other.split_whitespace().next() != Some("the")
                })
                .max_by_key(|r| r.start);
            if let Some(target) = earlier {
                let target_index = plan.span("SOURCE", target.clone(), "coref.nominal");
                plan.relation("refers_to", index, target_index, "coref.nominal");
            } else if words.len() == 2
                && let Some(target) = self.organisation_before(head, range.start)
            {
                let target_index = plan.span("ORG", target, "coref.nominal");
                plan.relation("refers_to", index, target_index, "coref.nominal");
            }
        }
        index
    }

    /// The organisation "the <head>" stands for: the latest organisation name before `before`
    /// (outside quotes) whose name has the head word ("the union": "Quarry Workers Union"),
    /// or any, for a generic head ("the company").
    fn organisation_before(&self, head: &str, before: usize) -> Option<Range<usize>> {
        let tokens = self.tokens;
        let generic = GENERIC_ORG_HEADS.contains(&head);
        if !generic && !INSTITUTION_HEADS.contains(&head) {
            return None;
        }
        let mut best = None;
        let mut index = 0;
        while index < tokens.tokens.len() && tokens.tokens[index].start < before {
            let token = tokens.tokens[index];
            if token.kind != Kind::Word || self.excluded(token.start) {
                index += 1;
                continue;
            }
            let name = names::name_at(tokens, index).or_else(|| {
                speakers::after_the(tokens, index)
                    .then(|| names::organisation_at(tokens, index))
                    .flatten()
            });
            match name {
                Some(name) => {
                    let is_org = name.is_org
                        || (speakers::after_the(tokens, name.first_token)
                            && name.word_count(tokens) >= 2
                            && speakers::ends_phrase(tokens, name.last_token));
                    let text = tokens.text(name.range.clone()).to_lowercase();
                    if is_org
                        && name.range.end <= before
                        && (generic || text.split_whitespace().any(|w| w == head))
                    {
                        best = Some(name.range.clone());
                    }
                    index = name.last_token + 1;
                }
                None => index += 1,
            }
        }
        best
    }

    /// The person (full name) an attribution stands for, when it can be told.
    fn resolve(&mut self, attribution: &Attribution, paragraphs: &Paragraphs) -> Option<String> {
        let speaker = &attribution.speaker;
        match speaker.form {
            Form::Name => Some(
                self.mentions
                    .iter()
                    .find(|m| m.range == speaker.range)
                    .map_or_else(
                        || self.tokens.text(speaker.range.clone()),
                        |m| self.canonical(m),
                    ),
            ),
            Form::Nominal => Some(self.tokens.text(speaker.range.clone())),
            Form::Pronoun => {
                let pronoun = self.tokens.text(speaker.range.clone());
                let before = speaker.range.start.min(attribution.cue.start);
                self.antecedent(before, &pronoun, paragraphs)
                    .map(|m| self.canonical(&m))
            }
        }
    }

    /// Who answers the question of `asker` (asked in paragraph `question`): the latest other
    /// person named outside quotes in that paragraph or the two before ("X was asked about it
    /// on the radio by the presenter Y"), else the latest earlier speaker who is not the asker.
    fn other_party(
        &mut self,
        asker: &Attribution,
        question: usize,
        history: &[Attribution],
        paragraphs: &Paragraphs,
    ) -> Option<Attribution> {
        let asker_name = self.resolve(asker, paragraphs)?;
        let from = paragraphs.start(question.saturating_sub(2).max(1));
        let to = paragraphs.start(question + 1).max(from);
        let to = if to <= from { usize::MAX } else { to };
        let named = self
            .mentions
            .iter()
            .filter(|m| m.label == "PERSON" && m.range.start >= from && m.range.end <= to)
            .filter(|m| self.canonical(m) != asker_name)
            .max_by_key(|m| m.range.start)
            .cloned();
        if let Some(mention) = named {
            return Some(Attribution {
                speaker: Speaker {
                    range: mention.range,
                    form: Form::Name,
                    is_org: false,
                },
                cue: asker.cue.clone(),
                rule: "speaker.exchange",
            });
        }
        for earlier in history.iter().rev() {
            if earlier.speaker.is_org {
                continue;
            }
            if let Some(name) = self.resolve(earlier, paragraphs)
                && name != asker_name
            {
                return Some(earlier.clone());
            }
        }
        None
    }

    /// The person a pronoun before offset `before` stands for. Candidates are the person
    /// mentions and nominal speakers before it, latest first. For `he`/`she` a person whose
    /// gender cues (see `learn_genders`) say otherwise, a possessive ("Okafor’s manager") and an
    /// institution ("the company") are skipped; within the quote's paragraph and the one
    /// before, a nominal speaker, a person whose cues match or the subject of a sentence wins
    /// over a closer person in an object position. Otherwise the latest candidate left.
    fn antecedent(
        &mut self,
        before: usize,
        pronoun: &str,
        paragraphs: &Paragraphs,
    ) -> Option<Mention> {
        let mut candidates: Vec<Mention> = self
            .mentions
            .iter()
            .filter(|m| m.range.end <= before)
            .cloned()
            .collect();
        candidates.extend(
            self.sources
                .iter()
                .filter(|r| r.end <= before)
                .map(|r| Mention {
                    range: r.clone(),
                    label: "SOURCE",
                    refers_to: None,
                    rule: "speaker.nominal",
                }),
        );
        candidates.sort_by_key(|m| std::cmp::Reverse(m.range.start));
        let Some(want) = pronoun_gender(pronoun) else {
            return candidates.into_iter().next();
        };
        let allowed: Vec<Mention> = candidates
            .into_iter()
            .filter(|m| {
                if m.label == "SOURCE" {
                    let text = self.tokens.text(m.range.clone()).to_lowercase();
                    let head = text
                        .split_whitespace()
                        .last()
                        .unwrap_or_default()
                        .to_string();
                    !INSTITUTION_HEADS.contains(&head.as_str())
                } else {
                    !self.is_possessive(&m.range)
                        && self
                            .genders
                            .get(&self.canonical(m))
                            .is_none_or(|&g| g == want)
                }
            })
            .collect();
        let paragraph = paragraphs.of(before);
        let prefer = |m: &Mention| {
            m.label == "SOURCE"
                || self.subject_mentions.contains(&m.range.start)
                || self.genders.get(&self.canonical(m)) == Some(&want)
        };
        if let Some(here) = allowed
            .iter()
            .take_while(|m| paragraphs.of(m.range.start) == paragraph)
            .find(|m| prefer(m))
        {
            return Some(here.clone());
        }
        // A paragraph that names someone and then goes on with sentences opening "She ..."
        // is about that person ("The council also heard from X, a lawyer. She said ...").
        let start = paragraphs.start(paragraph);
        let tokens = self.tokens;
        let first_pronoun = tokens
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.start >= start && t.start <= before && !self.excluded(t.start))
            .find(|&(i, _)| {
                tokens.word(i).is_some_and(|w| {
                    pronoun_gender(&w) == Some(want)
                        && SUBJECT_PRONOUNS.contains(&w.to_lowercase().as_str())
                }) && i > 0
                    && matches!(tokens.punct(i - 1), Some('.' | '!' | '?'))
            })
            .map(|(_, t)| t.start);
        if let Some(first_pronoun) = first_pronoun
            && let Some(introduced) = allowed
                .iter()
                .find(|m| m.range.start >= start && m.range.end <= first_pronoun)
        {
            return Some(introduced.clone());
        }
        let preferred = allowed
            .iter()
            .take_while(|m| paragraphs.of(m.range.start) + 1 >= paragraph)
            .find(|m| {
                m.label == "SOURCE"
                    || self.subject_mentions.contains(&m.range.start)
                    || self.genders.get(&self.canonical(m)) == Some(&want)
            });
        preferred.or(allowed.first()).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::apply;
    use crate::model::schema::Schema;
    use crate::model::set::Document;

    const ARTICLE: &str = "Dockers strike as talks collapse\n\nBy Lena Okafor\n\n\
        ROTTERDAM – Dockworkers walked out on Tuesday. Daniel Okafor, the union’s lead \
        negotiator, said the offer was an insult. “We will stay out as long as it takes,” \
        Okafor said, “and we will not be bought.”\n\n\
        A port spokesperson said ferries would still sail. “Essential shipments will continue \
        to move,” the spokesperson said.\n\n\
        “The automation plan is a ‘modernisation’ in name only,” he added. Critics called it \
        a “job killer” and worse.\n\n\
        Marieke van Dongen told reporters: “Nobody wins a strike like this one.\n\n\
        “We are ready to talk tonight.”\n";

    fn suggested_set(text: &str) -> (AnnotationSet, Suggestions) {
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        let suggestions = suggest(&mut set, &Options::default());
        apply(&mut set, suggestions.edit.clone()).unwrap();
        (set, suggestions)
    }

    fn texts(set: &AnnotationSet, label: &str) -> Vec<String> {
        set.spans_ordered()
            .filter(|s| s.label == label)
            .map(|s| set.span_text(s).to_string())
            .collect()
    }

    fn quote_speaker(set: &AnnotationSet, quote_start: &str) -> Option<String> {
        let quote = set
            .spans_ordered()
            .find(|s| s.label == "QUOTE" && set.span_text(s).starts_with(quote_start))?;
        evaluate::speaker_text(set, quote.id)
    }

    #[test]
    fn family_names_of_several_words_refer_to_the_full_name() {
        let text = "Ferry fares rise\n\n\
            Máire Ó hUiginn, who runs the ferry, said prices would rise. \
            Rashid El Mansouri, a passenger, disagreed.\n\n\
            “We have no choice,” Ó hUiginn said.\n\n\
            “There is always a choice,” said El Mansouri.\n\n\
            Pieter de Wit also spoke. “It is too much,” De Wit said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "We have no choice").as_deref(),
            Some("Máire Ó hUiginn")
        );
        assert_eq!(
            quote_speaker(&set, "There is always").as_deref(),
            Some("Rashid El Mansouri")
        );
        assert_eq!(
            quote_speaker(&set, "It is too much").as_deref(),
            Some("Pieter de Wit")
        );
    }

    #[test]
    fn pronouns_skip_the_other_gender_possessives_and_institutions() {
        // A cue for his gender ("his own") keeps "she" from the man named last.
        let text = "Wells hearing\n\n\
            Marta Velasquez chaired the session. “We start on time,” Velasquez said.\n\n\
            Tomasz Brandt had sent her his own figures in May.\n\n\
            “They are careful figures,” she said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "They are careful").as_deref(),
            Some("Marta Velasquez")
        );
        // "Mr" before a name; a person in a possessive is not the speaker.
        let text = "Depot row\n\n\
            Helga Sorensen met Mr Ilan Price on Monday. Sorensen was Price’s deputy for years.\n\n\
            “We never agreed on the depot,” she said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "We never agreed").as_deref(),
            Some("Helga Sorensen")
        );
        // "the company" in indirect speech is not what "he" stands for.
        let text = "Mill plan\n\n\
            Ruben Achebe told the hearing that the company had never answered the question.\n\n\
            “Where will the water come from?” he asked.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "Where will the water").as_deref(),
            Some("Ruben Achebe")
        );
    }

    #[test]
    fn a_person_in_an_object_position_gives_way_to_the_subject() {
        // "she said that she had met X": the woman is "she"; X, met, is an object.
        let text = "Lobbying\n\n\
            Asked about the visit, Priya Natarajan said that she had met the minister, \
            Joel Okoro, once. The meeting was minuted.\n\n\
            “It lasted ten minutes,” she said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "It lasted").as_deref(),
            Some("Priya Natarajan")
        );
        // A sentence that opens with "She" continues the woman, not the man named after it.
        let text = "Letters\n\n\
            Nora Lindahl was not satisfied. She said the visit came a week after the chief \
            executive, Viktor Anand, had written to the mayor.\n\n\
            “The order of events should be public,” she said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "The order of events").as_deref(),
            Some("Nora Lindahl")
        );
    }

    #[test]
    fn floating_answers_go_to_the_other_party_of_an_exchange() {
        let text = "Radio\n\n\
            On Monday Harriet Quayle was asked about the bridge by the host, Owen Marsh.\n\n\
            “Will the bridge open this year?” Marsh asked.\n\n\
            “Not this year. The steel is late.”\n\n\
            “And if the steel is late again?”\n\n\
            “Next spring, if the steel comes.”\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "Not this year").as_deref(),
            Some("Harriet Quayle")
        );
        assert_eq!(
            quote_speaker(&set, "And if the steel").as_deref(),
            Some("Owen Marsh")
        );
        assert_eq!(
            quote_speaker(&set, "Next spring").as_deref(),
            Some("Harriet Quayle")
        );
    }

    #[test]
    fn a_double_family_name_refers_to_the_full_name() {
        let text = "Grid\n\n\
            Lucía Moreno Vidal, an economist, studies demand. “Everyone asks for 2027,” said \
            Moreno Vidal.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "Everyone asks").as_deref(),
            Some("Lucía Moreno Vidal")
        );
    }

    #[test]
    fn streets_and_groups_are_not_pronoun_antecedents() {
        let text = "Flood night\n\n\
            Nadia Okonkwo runs a café. The water reached Gull Parade and the hall of the \
            Lowtown Residents at ten.\n\n\
            “We lost everything,” she said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "We lost everything").as_deref(),
            Some("Nadia Okonkwo")
        );
    }

    #[test]
    fn nominal_subjects_stop_at_verbs_and_prepositions() {
        // "A spokesman for the port authority": the spokesman, not the authority.
        let text = "Ferries\n\n\
            A spokesman for the port authority later added that the ferries were late.\n\n\
            “We are working on it,” he said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "We are working").as_deref(),
            Some("A spokesman")
        );
        // Auxiliaries and conjunctions are not part of a nominal subject, a passive verb
        // has no speaker, and "went" reports nothing.
        let text = "Timetable\n\n\
            Ilse Marten was at the quay when the news went round. Crews on the quay had been \
            told to wait. She promised changes to the timetable but would not say which.\n\n\
            “We had no warning,” she said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "We had no warning").as_deref(),
            Some("Ilse Marten")
        );
        // A subject inside a clause opened by "because" is not a source of its own.
        let text = "Ward\n\n\
            One nurse, who asked not to be named because the trust has told staff not to talk \
            to reporters, said the ward was full.\n\n\
            “We had patients in the corridor,” she said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "We had patients").as_deref(),
            Some("One nurse")
        );
    }

    #[test]
    fn organisations_as_speakers_and_their_nominal_references() {
        let text = "Depot\n\n\
            Orvane Logistics said in a filing that the depot was safe. “No inspection found a \
            fault,” the company wrote.\n\n\
            On Monday the Quarry Workers Union said its members were worried. “We want the reports,” the \
            union said.\n\n\
            “We reviewed the findings,” the Harbour Safety Directorate said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "No inspection").as_deref(),
            Some("Orvane Logistics")
        );
        assert_eq!(
            quote_speaker(&set, "We want the reports").as_deref(),
            Some("Quarry Workers Union")
        );
        assert_eq!(
            quote_speaker(&set, "We reviewed").as_deref(),
            Some("Harbour Safety Directorate")
        );
        assert!(texts(&set, "ORG").contains(&"Harbour Safety Directorate".to_string()));
    }

    #[test]
    fn according_to_a_statement_from_a_source() {
        let text = "Court\n\n\
            Dara Quill has not commented. According to a statement from her lawyer, “She did \
            nothing wrong and will say so in court.”\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "She did nothing").as_deref(),
            Some("her lawyer")
        );
    }

    #[test]
    fn a_person_introduced_before_the_pronouns_of_a_paragraph_is_their_antecedent() {
        let text = "Clinic\n\n\
            Dana Whitcombe opened the meeting. She said the budget was tight.\n\n\
            The committee also heard from Iris Quennell, a nurse at the clinic. She said the \
            waiting list had doubled. “We turn people away every week,” she said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "We turn people").as_deref(),
            Some("Iris Quennell")
        );
        // A capitalised run after "the" is a place or a thing, not a person.
        let text = "Floods\n\n\
            Petra Holm grew up on the Kettle Flats road.\n\n\
            “It floods every spring,” she said.\n";
        let (set, _) = suggested_set(text);
        assert_eq!(
            quote_speaker(&set, "It floods").as_deref(),
            Some("Petra Holm")
        );
    }

    #[test]
    fn short_quotes_that_are_sentences_of_their_own_are_speech() {
        let text = "Pumps\n\n\
            Colm Reddy, the engineer, took questions from Maren Holt. The plan was “under \
            review”.\n\n\
            “Was the pump tested?” asked Holt.\n\n\
            “It was not.”\n\n\
            “Why not?”\n\n\
            “Nobody asked us to test it.”\n";
        let (set, _) = suggested_set(text);
        let quotes = texts(&set, "QUOTE");
        assert!(quotes.contains(&"It was not.".to_string()), "{quotes:?}");
        assert!(quotes.contains(&"Why not?".to_string()), "{quotes:?}");
        assert!(!quotes.iter().any(|q| q == "under review"), "{quotes:?}");
        assert_eq!(
            quote_speaker(&set, "It was not").as_deref(),
            Some("Colm Reddy")
        );
        assert_eq!(
            quote_speaker(&set, "Why not").as_deref(),
            Some("Maren Holt")
        );
        assert_eq!(
            quote_speaker(&set, "Nobody asked").as_deref(),
            Some("Colm Reddy")
        );
    }

    #[test]
    fn quotes_speakers_cues_and_coreference() {
        let (set, _) = suggested_set(ARTICLE);
        assert_eq!(
            texts(&set, "QUOTE"),
            [
                "We will stay out as long as it takes,",
                "and we will not be bought.",
                "Essential shipments will continue to move,",
                "The automation plan is a ‘modernisation’ in name only,",
                "Nobody wins a strike like this one.",
                "We are ready to talk tonight."
            ]
        );
        // The surname goes to the earlier full name, not to the byline's author.
        assert_eq!(
            quote_speaker(&set, "We will stay").as_deref(),
            Some("Daniel Okafor")
        );
        assert_eq!(
            quote_speaker(&set, "and we will").as_deref(),
            Some("Daniel Okafor")
        );
        assert_eq!(
            quote_speaker(&set, "Essential").as_deref(),
            Some("A port spokesperson")
        );
        // A pronoun speaker goes to the latest person mentioned before it.
        assert!(quote_speaker(&set, "The automation").is_some());
        assert_eq!(
            quote_speaker(&set, "We are ready").as_deref(),
            Some("Marieke van Dongen")
        );
        assert!(texts(&set, "CUE").contains(&"said".to_string()));
        // Every suggestion is marked and carries its rule.
        for span in set.spans_ordered() {
            assert_eq!(span.review, Review::Suggested);
            assert!(
                span.origin
                    .as_deref()
                    .is_some_and(|o| o.starts_with("rule:"))
            );
        }
        let continues = set.relations().filter(|r| r.label == "continues").count();
        assert_eq!(continues, 2, "one split quote, one over two paragraphs");
        let quote = set.spans_ordered().find(|s| s.label == "QUOTE").unwrap();
        assert_eq!(quote.attributes["type"], "direct");
        assert_eq!(quote.attributes["speaker_form"], "name");
        assert_eq!(quote.origin.as_deref(), Some("rule:quote.curly"));
    }

    #[test]
    fn suggesting_twice_adds_nothing_and_undo_restores_exactly() {
        let original = AnnotationSet::new(Document::new(ARTICLE), Schema::default());
        let mut set = original.clone();
        let first = suggest(&mut set, &Options::default());
        assert!(first.span_total() > 0 && first.relation_total() > 0);
        let undo = apply(&mut set, first.edit).unwrap();
        let after_first = set.clone();
        let second = suggest(&mut set, &Options::default());
        assert!(second.is_empty(), "{:?}", second.spans);
        assert!(second.already_present > 0);
        apply(&mut set, second.edit).unwrap();
        assert_eq!(set, after_first);
        apply(&mut set, undo).unwrap();
        assert_eq!(set, original);
    }

    #[test]
    fn existing_quotes_are_respected() {
        let mut set = AnnotationSet::new(Document::new(ARTICLE), Schema::default());
        let start = ARTICLE.chars().position(|c| c == '“').unwrap() + 1;
        let edit = crate::model::edit::add_span(&mut set, "QUOTE", start..start + 7);
        apply(&mut set, edit).unwrap();
        let suggestions = suggest(&mut set, &Options::default());
        assert!(
            suggestions
                .skipped
                .iter()
                .any(|s| s.contains("overlaps an existing QUOTE"))
        );
    }
}
