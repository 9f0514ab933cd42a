//! Curation: the annotators' sets of one article merged into a gold set, the disagreements
//! in order with each annotator's version, and the curator's decisions.
//!
//! The gold set is an ordinary set the caller owns (the window keeps it in its open set with
//! its history). Every decision here returns an [`Edit`] for the caller to apply through
//! [`crate::model::edit::apply`] (or `History::apply`), so a decision is undone like any edit.
//! A disagreement is open while the gold set still holds a merge suggestion (a span with
//! `review: suggested` and an `origin` starting `merge:`) of its kind in its stretch of text;
//! that is all the state there is, so undo re-opens it.
//!
//! Before saving, [`Curation::prepare_save`] stores the curator's decisions in the gold set's
//! `curation` record; a re-merge ([`Curation::open`] with the previous gold set) applies each
//! decision whose annotators' versions did not change, and reports the others.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::model::curation::{
    Choice, CurationRecord, DecidedSpan, Decision, RelationDecision, SpanRef,
};
use crate::model::edit::Edit;
use crate::model::schema::{LabelKind, Schema};
use crate::model::set::{AnnotationSet, Status};
use crate::model::span::{Attributes, Relation, Review, Span, SpanId};

use super::merge::{
    self, Disagreement, MergeError, MergeInput, MergeReport, ORIGIN_PREFIX, Strategy, Stretch,
    Version, VersionRelation,
};

#[path = "curation_record.rs"]
mod record;

/// An open curation: what the merge found, kept beside the gold set.
#[derive(Clone, Debug)]
pub struct Curation {
    pub strategy: Strategy,
    /// Annotator names, in input order.
    pub annotators: Vec<String>,
    /// Show annotators as A, B, C instead of their names.
    pub blind: bool,
    versions: Vec<Version>,
    disagreements: Vec<Disagreement>,
    relations: Vec<VersionRelation>,
    /// The largest end among `versions[..=i]`.
    max_end: Vec<usize>,
    /// The relations the merge put in the gold set, and whether the strategy accepted them.
    merge_relations: BTreeMap<RelationKey, bool>,
    /// The merge's counts and notes, plus what the re-merge did with earlier decisions.
    pub report: MergeReport,
    /// Decisions of the previous gold set applied again by a re-merge.
    pub decisions_kept: usize,
    /// Relation decisions of the previous gold set applied again.
    pub relation_decisions_kept: usize,
    /// Decisions not applied because their annotators' versions changed (one line each).
    pub decisions_stale: Vec<String>,
    /// Stale decisions carried into the record until the curator decides those stretches anew.
    stale: Vec<Decision>,
    /// What the curator chose for each disagreement decided in this session (the record says
    /// so while the gold set still holds what that choice gave; several choices can give the
    /// same spans, e.g. one annotator's version and all of them where only one gave any).
    taken: BTreeMap<usize, Choice>,
}

/// One annotator's version of a disagreement.
#[derive(Clone, Debug)]
pub struct AnnotatorVersion<'a> {
    pub annotator: usize,
    /// The name to show (a letter in blind mode).
    pub shown: String,
    /// That annotator's spans in the stretch (empty: they marked nothing there).
    pub spans: Vec<&'a Version>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CurationError {
    #[error("there is no disagreement {0}")]
    NoSuchDisagreement(usize),
    #[error("there is no annotator {0}")]
    NoSuchAnnotator(usize),
}

/// The name shown for annotator `index`: the name, or in blind mode A, B, … Z, AA, AB, …
pub fn blind_name(index: usize) -> String {
    let mut n = index;
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A relation by label and its ends' labels and offsets.
type RelationKey = (String, SpanRef, SpanRef);

fn span_ref(span: &Span) -> SpanRef {
    SpanRef {
        label: span.label.clone(),
        start: span.start,
        end: span.end,
    }
}

/// Every relation of `set` by key, with its review state.
fn relation_keys(set: &AnnotationSet) -> Vec<(RelationKey, Review)> {
    set.relations()
        .filter_map(|r| {
            let (from, to) = (set.span(r.from)?, set.span(r.to)?);
            Some(((r.label.clone(), span_ref(from), span_ref(to)), r.review))
        })
        .collect()
}

/// A span wanted in the gold set after a decision.
#[derive(Clone, Debug)]
struct Wanted {
    label: String,
    start: usize,
    end: usize,
    attributes: Attributes,
    note: Option<String>,
    annotators: Vec<String>,
}

impl Curation {
    /// Merge `inputs` into a new gold set. With `previous` (the gold set saved before), its
    /// decisions are applied again where the annotators' versions are unchanged.
    pub fn open(
        inputs: &[MergeInput],
        strategy: Strategy,
        schema: Option<&Schema>,
        previous: Option<&AnnotationSet>,
    ) -> Result<(Curation, AnnotationSet), MergeError> {
        let merged = merge::merge(inputs, strategy, schema)?;
        let mut curation = Curation {
            strategy,
            annotators: merged.annotators,
            blind: false,
            versions: merged.versions,
            disagreements: merged.disagreements,
            relations: merged.relations,
            max_end: Vec::new(),
            merge_relations: relation_keys(&merged.gold)
                .into_iter()
                .map(|(key, review)| (key, review.is_accepted()))
                .collect(),
            report: merged.report,
            decisions_kept: 0,
            relation_decisions_kept: 0,
            decisions_stale: Vec::new(),
            stale: Vec::new(),
            taken: BTreeMap::new(),
        };
        let mut reach = 0;
        curation.max_end = curation
            .versions
            .iter()
            .map(|v| {
                reach = reach.max(v.end);
                reach
            })
            .collect();
        let mut gold = merged.gold;
        if let Some(previous) = previous {
            curation.reapply(&mut gold, previous);
        }
        curation.prepare_save(&mut gold);
        Ok((curation, gold))
    }

    /// The disagreements, in document order.
    pub fn disagreements(&self) -> &[Disagreement] {
        &self.disagreements
    }

    /// Every distinct version the annotators gave, in document order.
    pub fn versions(&self) -> &[Version] {
        &self.versions
    }

    /// The name to show for annotator `index` (a letter in blind mode).
    pub fn shown_name(&self, index: usize) -> String {
        if self.blind {
            blind_name(index)
        } else {
            self.annotators.get(index).cloned().unwrap_or_default()
        }
    }

    /// Each annotator's version of disagreement `d`, in annotator order.
    pub fn versions_of(&self, d: usize) -> Result<Vec<AnnotatorVersion<'_>>, CurationError> {
        let dis = self
            .disagreements
            .get(d)
            .ok_or(CurationError::NoSuchDisagreement(d))?;
        Ok((0..self.annotators.len())
            .map(|a| AnnotatorVersion {
                annotator: a,
                shown: self.shown_name(a),
                spans: dis
                    .versions
                    .iter()
                    .map(|&k| &self.versions[k])
                    .filter(|v| v.annotators.contains(&a))
                    .collect(),
            })
            .collect())
    }

    /// True while the gold set still holds a merge suggestion in disagreement `d`.
    pub fn is_open(&self, gold: &AnnotationSet, d: usize) -> bool {
        self.disagreements
            .get(d)
            .is_some_and(|dis| !pending_in(gold, &dis.stretches).is_empty())
    }

    /// How many disagreements are still open.
    pub fn open_count(&self, gold: &AnnotationSet) -> usize {
        (0..self.disagreements.len())
            .filter(|&d| self.is_open(gold, d))
            .count()
    }

    /// The next open disagreement after `after` (`None`: from the start), wrapping round.
    pub fn next_open(&self, gold: &AnnotationSet, after: Option<usize>) -> Option<usize> {
        let n = self.disagreements.len();
        let start = after.map(|a| a + 1).unwrap_or(0);
        (0..n)
            .map(|i| (start + i) % n.max(1))
            .find(|&d| self.is_open(gold, d))
    }

    /// The previous open disagreement before `before` (`None`: from the end), wrapping round.
    pub fn previous_open(&self, gold: &AnnotationSet, before: Option<usize>) -> Option<usize> {
        let n = self.disagreements.len();
        if n == 0 {
            return None;
        }
        let start = before.unwrap_or(0) + n;
        (1..=n)
            .map(|i| (start - i) % n)
            .find(|&d| self.is_open(gold, d))
    }

    /// Take annotator `annotator`'s version of disagreement `d`: the stretch then holds
    /// exactly their spans, accepted, with their relations there.
    pub fn take_one(
        &self,
        gold: &mut AnnotationSet,
        d: usize,
        annotator: usize,
    ) -> Result<Edit, CurationError> {
        if annotator >= self.annotators.len() {
            return Err(CurationError::NoSuchAnnotator(annotator));
        }
        let dis = self.disagreement(d)?;
        let chosen: Vec<usize> = dis
            .versions
            .iter()
            .copied()
            .filter(|&k| self.versions[k].annotators.contains(&annotator))
            .collect();
        let wanted = self.wanted(&chosen);
        Ok(self.replace(gold, dis, wanted, Some(annotator)))
    }

    /// Note what the curator chose for disagreement `d` (after its edit was applied), for the
    /// record: see [`Curation::record`].
    pub fn note_taken(&mut self, d: usize, choice: Choice) {
        self.taken.insert(d, choice);
    }

    /// Take every annotator's spans in disagreement `d` (for a label and offsets given with
    /// different attributes, the variant most annotators gave).
    pub fn take_all(&self, gold: &mut AnnotationSet, d: usize) -> Result<Edit, CurationError> {
        let dis = self.disagreement(d)?;
        let chosen = self.one_per_place(&dis.versions);
        let wanted = self.wanted(&chosen);
        Ok(self.replace(gold, dis, wanted, None))
    }

    /// Take none of the disputed spans of `d`: only what the strategy accepted stays.
    pub fn take_none(&self, gold: &mut AnnotationSet, d: usize) -> Result<Edit, CurationError> {
        let dis = self.disagreement(d)?;
        let chosen: Vec<usize> = dis
            .versions
            .iter()
            .copied()
            .filter(|&k| self.versions[k].accepted)
            .collect();
        let wanted = self.wanted(&chosen);
        Ok(self.replace_relations_dropped(gold, dis, wanted))
    }

    /// The curator has edited `d` by hand: keep what the gold set holds there and drop the
    /// merge suggestions still left in it.
    pub fn finish_edited(&self, gold: &AnnotationSet, d: usize) -> Result<Edit, CurationError> {
        let dis = self.disagreement(d)?;
        let edits = pending_in(gold, &dis.stretches)
            .into_iter()
            .map(Edit::RemoveSpan)
            .collect();
        Ok(Edit::Batch(edits))
    }

    fn disagreement(&self, d: usize) -> Result<&Disagreement, CurationError> {
        self.disagreements
            .get(d)
            .ok_or(CurationError::NoSuchDisagreement(d))
    }

    /// Of versions sharing label and offsets, the one most annotators gave.
    fn one_per_place(&self, ids: &[usize]) -> Vec<usize> {
        let mut best: BTreeMap<(usize, usize, &str), usize> = BTreeMap::new();
        for &k in ids {
            let v = &self.versions[k];
            let slot = best.entry((v.start, v.end, &v.label)).or_insert(k);
            if self.versions[*slot].annotators.len() < v.annotators.len() {
                *slot = k;
            }
        }
        best.into_values().collect()
    }

    fn wanted(&self, ids: &[usize]) -> Vec<Wanted> {
        ids.iter()
            .map(|&k| {
                let v = &self.versions[k];
                let mut who: Vec<String> = v
                    .annotators
                    .iter()
                    .map(|a| self.annotators[*a].clone())
                    .collect();
                who.sort_unstable();
                let span = merge::gold_span(v, &self.annotators, SpanId(0));
                Wanted {
                    label: v.label.clone(),
                    start: v.start,
                    end: v.end,
                    attributes: v.attributes.clone(),
                    note: span.note,
                    annotators: who,
                }
            })
            .collect()
    }

    /// The edit that makes the gold spans of `dis`'s kind in its stretch exactly `wanted`,
    /// accepted; with `annotator`, also their relations there (`None`: every annotator's).
    fn replace(
        &self,
        gold: &mut AnnotationSet,
        dis: &Disagreement,
        wanted: Vec<Wanted>,
        annotator: Option<usize>,
    ) -> Edit {
        let (mut edits, placed) = span_edits(gold, &dis.stretches, wanted);
        // Relations of the chosen annotator(s) that touch the stretch, between spans that are
        // in the gold set afterwards.
        let in_dis: std::collections::HashSet<usize> = dis.versions.iter().copied().collect();
        let mut want_relations: BTreeMap<(SpanId, SpanId, String), ()> = BTreeMap::new();
        for r in &self.relations {
            if annotator.is_some_and(|a| a != r.annotator) {
                continue;
            }
            if !in_dis.contains(&r.from) && !in_dis.contains(&r.to) {
                continue;
            }
            let end = |k: usize| {
                let v = &self.versions[k];
                placed
                    .iter()
                    .find(|(w, _)| w.start == v.start && w.end == v.end && w.label == v.label)
                    .map(|(_, id)| *id)
                    .or_else(|| {
                        if in_dis.contains(&k) {
                            None
                        } else {
                            gold.find_same(&v.label, v.range())
                        }
                    })
            };
            if let (Some(from), Some(to)) = (end(r.from), end(r.to)) {
                want_relations.insert((from, to, r.label.clone()), ());
            }
        }
        let placed_ids: std::collections::HashSet<SpanId> =
            placed.iter().map(|(_, id)| *id).collect();
        for relation in gold.relations() {
            if !placed_ids.contains(&relation.from) && !placed_ids.contains(&relation.to) {
                continue;
            }
            let key = (relation.from, relation.to, relation.label.clone());
            if want_relations.remove(&key).is_some() {
                if !relation.review.is_accepted() {
                    edits.push(Edit::UpdateRelation(Relation {
                        review: Review::Accepted,
                        ..relation.clone()
                    }));
                }
            } else if is_merge_suggestion_relation(relation) {
                edits.push(Edit::RemoveRelation(relation.id));
            }
        }
        for (from, to, label) in want_relations.into_keys() {
            if from == to {
                continue;
            }
            let (Some(f), Some(t)) = (label_of(gold, &placed, from), label_of(gold, &placed, to))
            else {
                continue;
            };
            if gold.schema.relation_refusal(&label, &f, &t).is_some() {
                continue;
            }
            edits.push(Edit::AddRelation(Relation {
                id: gold.new_relation_id(),
                label,
                from,
                to,
                origin: None,
                review: Review::Accepted,
            }));
        }
        Edit::Batch(edits)
    }

    /// Like [`Self::replace`] for "none": merge-suggested relations on the stretch go too.
    fn replace_relations_dropped(
        &self,
        gold: &mut AnnotationSet,
        dis: &Disagreement,
        wanted: Vec<Wanted>,
    ) -> Edit {
        let (mut edits, placed) = span_edits(gold, &dis.stretches, wanted);
        let placed_ids: std::collections::HashSet<SpanId> =
            placed.iter().map(|(_, id)| *id).collect();
        for relation in gold.relations() {
            if (placed_ids.contains(&relation.from) || placed_ids.contains(&relation.to))
                && is_merge_suggestion_relation(relation)
            {
                edits.push(Edit::RemoveRelation(relation.id));
            }
        }
        Edit::Batch(edits)
    }

    /// Store the curator's decisions in `gold` and set its status (`curated` once no
    /// disagreement is left, else `in_curation`); call before saving.
    pub fn prepare_save(&self, gold: &mut AnnotationSet) {
        gold.curation = Some(self.record(gold));
        gold.status = Some(self.status(gold));
    }

    /// `curated` when no merge suggestion is left, else `in_curation`.
    pub fn status(&self, gold: &AnnotationSet) -> Status {
        if self.is_curated(gold) {
            Status::Curated
        } else {
            Status::InCuration
        }
    }

    /// True when no merge suggestion is left in the gold set: the curation is complete.
    /// The merge's suggested links still in the gold set (a link no disagreement holds,
    /// e.g. one annotator's said_by between spans all accepted): reviewed like suggestions.
    pub fn links_left(&self, gold: &AnnotationSet) -> usize {
        gold.relations()
            .filter(|r| is_merge_suggestion_relation(r))
            .count()
    }

    pub fn is_curated(&self, gold: &AnnotationSet) -> bool {
        !gold
            .spans_unordered()
            .any(|s| is_merge_suggestion(s.review, s.origin.as_deref()))
            && !gold.relations().any(is_merge_suggestion_relation)
    }
}

/// The edits that make the gold spans in `stretches` (each of its kind) exactly `wanted`
/// (accepted), and where each wanted span ends up (its id).
fn span_edits(
    gold: &mut AnnotationSet,
    stretches: &[Stretch],
    wanted: Vec<Wanted>,
) -> (Vec<Edit>, Vec<(Wanted, SpanId)>) {
    let existing: Vec<Span> = gold_spans_in_stretches(gold, stretches)
        .into_iter()
        .cloned()
        .collect();
    let mut removes = Vec::new();
    let mut updates = Vec::new();
    let mut adds = Vec::new();
    let mut placed = Vec::new();
    let mut kept = vec![false; existing.len()];
    for w in wanted {
        let found = existing
            .iter()
            .position(|e| e.start == w.start && e.end == w.end && e.label == w.label);
        let span = match found {
            Some(i) => {
                kept[i] = true;
                let mut span = existing[i].clone();
                span.attributes = w.attributes.clone();
                span.note = w.note.clone();
                span.annotators = w.annotators.clone();
                span.review = Review::Accepted;
                if span
                    .origin
                    .as_deref()
                    .is_some_and(|o| o.starts_with(ORIGIN_PREFIX))
                {
                    span.origin = None;
                }
                if span != existing[i] {
                    updates.push(Edit::UpdateSpan(span.clone()));
                }
                span
            }
            None => {
                let mut span = Span::new(gold.new_span_id(), w.label.clone(), w.start..w.end);
                span.attributes = w.attributes.clone();
                span.note = w.note.clone();
                span.annotators = w.annotators.clone();
                adds.push(Edit::AddSpan(span.clone()));
                span
            }
        };
        placed.push((w, span.id));
    }
    for (i, e) in existing.iter().enumerate() {
        if !kept[i] {
            removes.push(Edit::RemoveSpan(e.id));
        }
    }
    removes.extend(updates);
    removes.extend(adds);
    (removes, placed)
}

fn label_of(gold: &AnnotationSet, placed: &[(Wanted, SpanId)], id: SpanId) -> Option<String> {
    placed
        .iter()
        .find(|(_, p)| *p == id)
        .map(|(w, _)| w.label.clone())
        .or_else(|| gold.span(id).map(|s| s.label.clone()))
}

fn kind_of(gold: &AnnotationSet, label: &str) -> LabelKind {
    gold.schema
        .label(label)
        .map(|l| l.kind)
        .unwrap_or(LabelKind::Other)
}

/// Gold spans of `kind` overlapping `range`.
fn gold_spans_in(gold: &AnnotationSet, kind: LabelKind, range: Range<usize>) -> Vec<&Span> {
    gold.spans_overlapping(range)
        .into_iter()
        .filter(|s| kind_of(gold, &s.label) == kind)
        .collect()
}

/// Gold spans in any of `stretches` (of its kind, overlapping its range), each once, in
/// document order.
fn gold_spans_in_stretches<'a>(gold: &'a AnnotationSet, stretches: &[Stretch]) -> Vec<&'a Span> {
    let mut spans: Vec<&Span> = stretches
        .iter()
        .flat_map(|s| gold_spans_in(gold, s.kind, s.range()))
        .collect();
    spans.sort_by_key(|s| (s.start, s.end, s.id));
    spans.dedup_by_key(|s| s.id);
    spans
}

/// Merge suggestions in `stretches`.
fn pending_in(gold: &AnnotationSet, stretches: &[Stretch]) -> Vec<SpanId> {
    gold_spans_in_stretches(gold, stretches)
        .into_iter()
        .filter(|s| is_merge_suggestion(s.review, s.origin.as_deref()))
        .map(|s| s.id)
        .collect()
}

fn is_merge_suggestion(review: Review, origin: Option<&str>) -> bool {
    review == Review::Suggested && origin.is_some_and(|o| o.starts_with(ORIGIN_PREFIX))
}

fn is_merge_suggestion_relation(relation: &Relation) -> bool {
    is_merge_suggestion(relation.review, relation.origin.as_deref())
}

pub(crate) fn kind_name(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Entity => "entity",
        LabelKind::Quote => "quote",
        LabelKind::Claim => "claim",
        LabelKind::Other => "other",
    }
}

fn describe_choice(choice: &Choice) -> String {
    match choice {
        Choice::Take(name) => format!("took {name}'s version"),
        Choice::All => "took all versions".into(),
        Choice::None => "took none".into(),
        Choice::Edited => "edited".into(),
    }
}

#[cfg(test)]
#[path = "curation_tests.rs"]
mod tests;
