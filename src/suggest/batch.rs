//! The one builder that turns proposals into the suggestion batch. The rules (`rules.rs`,
//! the gazetteer) and "suggestions from a file" (`from_file.rs`) both describe what they
//! propose as a [`Batch`] of span and relation proposals; [`Batch::build`] meets them with the
//! open set: proposals already there are counted, not repeated; labels and relations the
//! schema refuses are left out with the reason; the rest become one [`Edit::Batch`] of
//! `review: Suggested` annotations, so one undo removes them all. What the user decided
//! stands: a suggestion the user rejected is not proposed again, a SOURCE or PERSON on the
//! offsets of the user's own PERSON is that person (the quote's `said_by` goes to it), and a
//! link type with one target per source (`said_by`, `claimed_by`) gets no second target.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet};
use std::ops::Range;

use super::Suggestions;
use super::speakers::Form;
use super::vocab;
use crate::model::edit::Edit;
use crate::model::set::{AnnotationSet, Rejected};
use crate::model::span::{Attributes, Relation, Review, Span, SpanId};

/// A span to propose.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SpanProposal {
    pub label: String,
    pub range: Range<usize>,
    pub attributes: Attributes,
    pub note: Option<String>,
    /// The span's `origin` (`rule:quote.curly`, `import:spacy`).
    pub origin: String,
    /// What the proposal is counted under in [`Suggestions::spans`] (the rule id).
    pub key: String,
}

/// A relation to propose between two span proposals (indices into [`Batch::spans`]).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RelationProposal {
    pub label: String,
    pub from: usize,
    pub to: usize,
    pub origin: String,
    pub key: String,
}

/// Proposals in text terms, before they meet a set.
#[derive(Clone, Debug, Default)]
pub(crate) struct Batch {
    pub spans: Vec<SpanProposal>,
    pub relations: Vec<RelationProposal>,
    /// Quotation marks that could not be paired (reported with the suggestions).
    pub unpaired_marks: Vec<usize>,
    /// Leave out a QUOTE proposal that overlaps an existing QUOTE of another range (the
    /// existing one is the reviewed or edited version). On for the rules.
    pub respect_existing_quotes: bool,
    /// Index of the proposals made with [`Batch::span`] and [`Batch::relation`], by what
    /// makes them the same.
    /// (The first proposal of each range; a range proposed again with another label goes to
    /// `span_index_more`, which is rare.)
    span_index: HashMap<Range<usize>, usize>,
    span_index_more: HashMap<(String, Range<usize>), usize>,
    /// (Likewise: the first relation between two proposals, then the rare others.)
    relation_index: HashMap<(usize, usize), usize>,
    relation_index_more: HashSet<(String, usize, usize)>,
}

impl Batch {
    /// A batch for the rules: origins `rule:<id>`, existing quotes respected.
    pub fn for_rules() -> Self {
        Self {
            respect_existing_quotes: true,
            ..Self::default()
        }
    }

    /// Propose a span found by rule `rule`, or find the same one (label and range) proposed
    /// before; returns its index.
    pub fn span(&mut self, label: &str, range: Range<usize>, rule: &str) -> usize {
        match self.span_index.get(&range) {
            Some(&first) if self.spans[first].label == label => return first,
            Some(_) => {
                let key = (label.to_string(), range.clone());
                if let Some(&index) = self.span_index_more.get(&key) {
                    return index;
                }
                self.span_index_more.insert(key, self.spans.len());
            }
            None => {
                self.span_index.insert(range.clone(), self.spans.len());
            }
        }
        self.push_span(SpanProposal {
            label: label.to_string(),
            range,
            attributes: Attributes::new(),
            note: None,
            origin: rule_origin(rule),
            key: rule.to_string(),
        })
    }

    /// Propose a span as given (no search for an equal proposal); returns its index.
    pub fn push_span(&mut self, proposal: SpanProposal) -> usize {
        self.spans.push(proposal);
        self.spans.len() - 1
    }

    /// Propose a relation found by rule `rule` between two span proposals, once.
    pub fn relation(&mut self, label: &str, from: usize, to: usize, rule: &str) {
        if from == to {
            return;
        }
        match self.relation_index.get(&(from, to)) {
            Some(&first) if self.relations[first].label == label => return,
            Some(_) => {
                if !self
                    .relation_index_more
                    .insert((label.to_string(), from, to))
                {
                    return;
                }
            }
            None => {
                self.relation_index.insert((from, to), self.relations.len());
            }
        }
        self.relations.push(RelationProposal {
            label: label.to_string(),
            from,
            to,
            origin: rule_origin(rule),
            key: rule.to_string(),
        });
    }

    /// Meet the proposals with `set` (new ids are taken from it) and return them as one
    /// edit, not yet applied.
    pub fn build(mut self, set: &mut AnnotationSet) -> Suggestions {
        let mut edits = Vec::with_capacity(self.spans.len() + self.relations.len());
        let mut suggestions = Suggestions {
            edit: Edit::Batch(Vec::new()),
            spans: BTreeMap::new(),
            relations: BTreeMap::new(),
            already_present: 0,
            skipped: Vec::new(),
            unpaired_marks: self.unpaired_marks,
        };
        let existing_quotes: Vec<Range<usize>> = if self.respect_existing_quotes {
            set.spans_ordered()
                .filter(|s| s.label == vocab::QUOTE)
                .map(Span::range)
                .collect()
        } else {
            Vec::new()
        };
        // Proposal index -> the set's span (existing or new); labels of the new spans.
        let mut ids: Vec<Option<SpanId>> = Vec::with_capacity(self.spans.len());
        // Counts per (label, rule): a handful of pairs, so a short list.
        let mut span_counts: Vec<(String, String, usize)> = Vec::new();
        let mut relation_counts: Vec<(String, String, usize)> = Vec::new();
        // The label of each proposal (an existing span found for it has the same one).
        let mut labels: Vec<String> = self.spans.iter().map(|p| p.label.clone()).collect();
        // A SOURCE or PERSON proposed on the offsets of a PERSON the user labelled or accepted
        // is that person: no second span over it, and the quote's speaker is the user's span
        // (its `speaker_form` a name, whatever the phrase looked like to the rules).
        let own_person: Vec<Option<SpanId>> = self
            .spans
            .iter()
            .map(|p| {
                if p.label != vocab::SOURCE && p.label != vocab::PERSON {
                    return None;
                }
                set.find_same(vocab::PERSON, p.range.clone())
                    .filter(|&id| set.span(id).is_some_and(|s| s.review.is_accepted()))
            })
            .collect();
        for relation in &self.relations {
            if relation.label == vocab::SAID_BY
                && own_person[relation.to].is_some()
                && let Some(quote) = self.spans.get_mut(relation.from)
                && quote
                    .attributes
                    .get(vocab::SPEAKER_FORM)
                    .is_some_and(|f| f == Form::Nominal.attribute())
            {
                quote
                    .attributes
                    .insert(vocab::SPEAKER_FORM.into(), Form::Name.attribute().into());
            }
        }
        // The targets of one-target links already in the set, by source span.
        let mut one_target: HashMap<(String, SpanId), SpanId> = HashMap::new();
        for r in set.relations() {
            if crate::model::vocab::relation::ONE_TARGET.contains(&r.label.as_str()) {
                one_target.entry((r.label.clone(), r.from)).or_insert(r.to);
            }
        }
        // The relations already in the set (by their two ends), to propose none twice.
        let mut existing_relations: HashMap<(SpanId, SpanId), Vec<String>> = HashMap::new();
        for r in set.relations() {
            existing_relations
                .entry((r.from, r.to))
                .or_default()
                .push(r.label.clone());
        }
        for (index, proposal) in self.spans.into_iter().enumerate() {
            let range = proposal.range.clone();
            let what = || {
                format!(
                    "{} {}..{} ({})",
                    proposal.label, range.start, range.end, proposal.key
                )
            };
            if let Some(existing) = set.find_same(&proposal.label, range.clone()) {
                suggestions.already_present += 1;
                ids.push(Some(existing));
                continue;
            }
            if let Some(person) = own_person[index] {
                suggestions.already_present += 1;
                labels[index] = vocab::PERSON.to_string();
                ids.push(Some(person));
                continue;
            }
            if set.was_rejected(&Rejected::Span {
                label: proposal.label.clone(),
                start: range.start,
                end: range.end,
            }) {
                suggestions
                    .skipped
                    .push(format!("{}: rejected before", what()));
                ids.push(None);
                continue;
            }
            if set.schema.label(&proposal.label).is_none() {
                suggestions.skipped.push(format!(
                    "{}: the schema has no label {}",
                    what(),
                    proposal.label
                ));
                ids.push(None);
                continue;
            }
            if proposal.label == vocab::QUOTE
                && existing_quotes
                    .iter()
                    .any(|q| q.start < range.end && range.start < q.end)
            {
                suggestions
                    .skipped
                    .push(format!("{}: overlaps an existing QUOTE span", what()));
                ids.push(None);
                continue;
            }
            let id = set.new_span_id();
            count(&mut span_counts, &proposal.label, &proposal.key);
            let mut span = Span::new(id, proposal.label, range);
            span.attributes = proposal.attributes;
            span.note = proposal.note;
            span.origin = Some(proposal.origin);
            span.review = Review::Suggested;
            edits.push(Edit::AddSpan(span));
            ids.push(Some(id));
        }
        suggestions.spans = span_counts
            .into_iter()
            .map(|(l, k, n)| ((l, k), n))
            .collect();
        for proposal in self.relations {
            let (Some(Some(from)), Some(Some(to))) = (
                ids.get(proposal.from).copied(),
                ids.get(proposal.to).copied(),
            ) else {
                suggestions.skipped.push(format!(
                    "{} relation ({}): one of its spans was left out",
                    proposal.label, proposal.key
                ));
                continue;
            };
            if existing_relations
                .get(&(from, to))
                .is_some_and(|labels| labels.contains(&proposal.label))
            {
                suggestions.already_present += 1;
                continue;
            }
            if let (Some(a), Some(b)) = (set.span(from), set.span(to))
                && set.was_rejected(&Rejected::Link {
                    label: proposal.label.clone(),
                    from: [a.start, a.end],
                    to: [b.start, b.end],
                })
            {
                suggestions.skipped.push(format!(
                    "{} relation {} → {} ({}): rejected before",
                    proposal.label, from.0, to.0, proposal.key
                ));
                continue;
            }
            if crate::model::vocab::relation::ONE_TARGET.contains(&proposal.label.as_str()) {
                match one_target.get(&(proposal.label.clone(), from)) {
                    Some(&other) if other != to => {
                        suggestions.skipped.push(format!(
                            "{} relation {} → {} ({}): span {} already has one ({} → {}), and it takes one target",
                            proposal.label, from.0, to.0, proposal.key, from.0, from.0, other.0
                        ));
                        continue;
                    }
                    _ => {
                        one_target.insert((proposal.label.clone(), from), to);
                    }
                }
            }
            let (from_label, to_label) = (&labels[proposal.from], &labels[proposal.to]);
            if let Some(why) = set
                .schema
                .relation_refusal(&proposal.label, from_label, to_label)
            {
                suggestions.skipped.push(format!(
                    "{} relation {} → {} ({}): {why}",
                    proposal.label, from.0, to.0, proposal.key
                ));
                continue;
            }
            count(&mut relation_counts, &proposal.label, &proposal.key);
            edits.push(Edit::AddRelation(Relation {
                id: set.new_relation_id(),
                label: proposal.label,
                from,
                to,
                origin: Some(proposal.origin),
                review: Review::Suggested,
            }));
        }
        suggestions.relations = relation_counts
            .into_iter()
            .map(|(l, k, n)| ((l, k), n))
            .collect();
        suggestions.edit = Edit::Batch(edits);
        suggestions
    }
}

/// Add one to the count of (label, key) in a short list of counts.
fn count(counts: &mut Vec<(String, String, usize)>, label: &str, key: &str) {
    match counts.iter_mut().find(|(l, k, _)| *l == label && *k == key) {
        Some((_, _, n)) => *n += 1,
        None => counts.push((label.to_string(), key.to_string(), 1)),
    }
}

/// `rule:<rule>`, the origin of a rule's proposal (put together without the formatting
/// machinery: it is made for each of hundreds of thousands of proposals).
fn rule_origin(rule: &str) -> String {
    let mut origin = String::with_capacity(super::ORIGIN_PREFIX.len() + rule.len());
    origin.push_str(super::ORIGIN_PREFIX);
    origin.push_str(rule);
    origin
}
