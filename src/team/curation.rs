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
    self, Disagreement, MergeError, MergeInput, MergeReport, ORIGIN_PREFIX, Strategy, Version,
    VersionRelation,
};

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
            .is_some_and(|dis| !pending_in(gold, dis.kind, dis.start..dis.end).is_empty())
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
        let edits = pending_in(gold, dis.kind, dis.start..dis.end)
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
        let (mut edits, placed) = span_edits(gold, dis.kind, dis.start..dis.end, wanted);
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
        let (mut edits, placed) = span_edits(gold, dis.kind, dis.start..dis.end, wanted);
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
    pub fn is_curated(&self, gold: &AnnotationSet) -> bool {
        !gold
            .spans_unordered()
            .any(|s| is_merge_suggestion(s.review, s.origin.as_deref()))
            && !gold.relations().any(is_merge_suggestion_relation)
    }

    /// The record of the curator's decisions as the gold set now stands.
    pub fn record(&self, gold: &AnnotationSet) -> CurationRecord {
        let mut decisions = Vec::new();
        for (d, dis) in self.disagreements.iter().enumerate() {
            if self.is_open(gold, d) {
                continue;
            }
            let range = dis.start..dis.end;
            let spans: Vec<&Span> = gold_spans_in(gold, dis.kind, range.clone());
            let decided: Vec<DecidedSpan> = spans
                .iter()
                .map(|s| DecidedSpan {
                    label: s.label.clone(),
                    start: s.start,
                    end: s.end,
                    attributes: s.attributes.clone(),
                    note: s.note.clone(),
                })
                .collect();
            decisions.push(Decision {
                kind: dis.kind,
                start: dis.start,
                end: dis.end,
                inputs_sha256: self.fingerprint(dis.kind, range),
                choice: self.classify(dis, &spans),
                spans: decided,
                stale: false,
            });
        }
        // Stale decisions stay until the curator decides an overlapping stretch anew.
        for stale in &self.stale {
            let replaced = decisions
                .iter()
                .any(|d| d.kind == stale.kind && d.start < stale.end && stale.start < d.end);
            if !replaced {
                decisions.push(stale.clone());
            }
        }
        decisions.sort_by_key(|d| (d.start, d.end, d.kind));
        // Relations: accepted where the strategy did not accept them, or removed.
        let now: BTreeMap<RelationKey, Review> = relation_keys(gold).into_iter().collect();
        let mut relations = Vec::new();
        for (key, review) in &now {
            if review.is_accepted() && self.merge_relations.get(key) != Some(&true) {
                relations.push((key.clone(), true));
            }
        }
        for key in self.merge_relations.keys() {
            if !now.contains_key(key) {
                relations.push((key.clone(), false));
            }
        }
        relations.sort();
        CurationRecord {
            strategy: self.strategy.as_str().to_string(),
            annotators: self.annotators.clone(),
            decisions,
            relations: relations
                .into_iter()
                .map(|((label, from, to), accepted)| RelationDecision {
                    label,
                    from,
                    to,
                    accepted,
                })
                .collect(),
        }
    }

    /// What the gold spans of a decided stretch amount to.
    fn classify(&self, dis: &Disagreement, spans: &[&Span]) -> Choice {
        let same = |ids: Vec<usize>| {
            let versions: Vec<&Version> = ids.iter().map(|&k| &self.versions[k]).collect();
            versions.len() == spans.len()
                && versions
                    .iter()
                    .all(|v| spans.iter().any(|s| v.matches(s) && s.review.is_accepted()))
        };
        if same(self.one_per_place(&dis.versions)) {
            return Choice::All;
        }
        for a in 0..self.annotators.len() {
            let mine: Vec<usize> = dis
                .versions
                .iter()
                .copied()
                .filter(|&k| self.versions[k].annotators.contains(&a))
                .collect();
            if !mine.is_empty() && same(mine) {
                return Choice::Take(self.annotators[a].clone());
            }
        }
        let accepted: Vec<usize> = dis
            .versions
            .iter()
            .copied()
            .filter(|&k| self.versions[k].accepted)
            .collect();
        if same(accepted) {
            return Choice::None;
        }
        Choice::Edited
    }

    /// SHA-256 over every annotator's versions of `kind` overlapping `range`.
    fn fingerprint(&self, kind: LabelKind, range: Range<usize>) -> String {
        let mut lines: Vec<String> = Vec::new();
        // Versions are in document order: skip those that end before the range (the running
        // maximum of ends rises), stop once past it.
        let first = self.max_end.partition_point(|&end| end <= range.start);
        for v in self.versions[first..]
            .iter()
            .take_while(|v| v.start < range.end)
        {
            if v.kind != kind || v.end <= range.start {
                continue;
            }
            let mut who: Vec<&str> = v
                .annotators
                .iter()
                .map(|a| self.annotators[*a].as_str())
                .collect();
            who.sort_unstable();
            lines.push(format!(
                "{}\t{}\t{}\t{}\t{}",
                who.join(","),
                v.label,
                v.start,
                v.end,
                serde_json::to_string(&v.attributes).unwrap_or_default()
            ));
        }
        lines.sort_unstable();
        crate::storage::sha256_hex(lines.join("\n").as_bytes())
    }

    /// Apply the previous gold set's decisions to a freshly merged `gold`.
    fn reapply(&mut self, gold: &mut AnnotationSet, previous: &AnnotationSet) {
        let Some(record) = &previous.curation else {
            return;
        };
        if record.strategy != self.strategy.as_str() {
            self.decisions_stale.push(format!(
                "the previous gold set was merged {}, this one {}: its decisions are applied where the annotators' versions are unchanged",
                record.strategy,
                self.strategy.as_str()
            ));
        }
        for decision in &record.decisions {
            let range = decision.start..decision.end;
            let now = self.fingerprint(decision.kind, range.clone());
            if now != decision.inputs_sha256 {
                self.decisions_stale.push(format!(
                    "{} {}..{} ({}): the annotators' versions there changed since it was decided; it is open again",
                    kind_name(decision.kind),
                    decision.start,
                    decision.end,
                    describe_choice(&decision.choice)
                ));
                self.stale.push(Decision {
                    stale: true,
                    ..decision.clone()
                });
                continue;
            }
            let wanted: Vec<Wanted> = decision
                .spans
                .iter()
                .map(|s| Wanted {
                    label: s.label.clone(),
                    start: s.start,
                    end: s.end,
                    attributes: s.attributes.clone(),
                    note: s.note.clone(),
                    annotators: self.who_had(s),
                })
                .collect();
            for s in &decision.spans {
                if gold.schema.label(&s.label).is_none() {
                    gold.schema.add_unknown_label(&s.label);
                }
            }
            let dis = Disagreement {
                kind: decision.kind,
                start: decision.start,
                end: decision.end,
                versions: Vec::new(),
            };
            let edit = self.replace_relations_dropped(gold, &dis, wanted);
            match crate::model::edit::apply(gold, edit) {
                Ok(_) => self.decisions_kept += 1,
                Err(error) => self.decisions_stale.push(format!(
                    "{} {}..{} ({}): could not be applied again ({error}); it is open again",
                    kind_name(decision.kind),
                    decision.start,
                    decision.end,
                    describe_choice(&decision.choice)
                )),
            }
        }
        self.reapply_relations(gold, &record.relations);
    }

    /// Apply the previous record's relation decisions where both ends are in `gold`.
    fn reapply_relations(&mut self, gold: &mut AnnotationSet, decisions: &[RelationDecision]) {
        for decision in decisions {
            let find = |r: &SpanRef| gold.find_same(&r.label, r.start..r.end);
            let (Some(from), Some(to)) = (find(&decision.from), find(&decision.to)) else {
                if !decision.accepted {
                    // Removed, and an end is gone too: nothing to do.
                    self.relation_decisions_kept += 1;
                    continue;
                }
                self.decisions_stale.push(format!(
                    "relation {} from {} {}..{} to {} {}..{} ({}): an end is no longer in the gold set",
                    decision.label,
                    decision.from.label,
                    decision.from.start,
                    decision.from.end,
                    decision.to.label,
                    decision.to.start,
                    decision.to.end,
                    if decision.accepted { "accepted" } else { "removed" }
                ));
                continue;
            };
            let existing = gold
                .relations()
                .find(|r| r.from == from && r.to == to && r.label == decision.label)
                .cloned();
            let edit = match (existing, decision.accepted) {
                (Some(r), true) if !r.review.is_accepted() => {
                    Some(Edit::UpdateRelation(Relation {
                        review: Review::Accepted,
                        origin: None,
                        ..r
                    }))
                }
                (Some(_), true) => None,
                (None, true) => Some(Edit::AddRelation(Relation {
                    id: gold.new_relation_id(),
                    label: decision.label.clone(),
                    from,
                    to,
                    origin: None,
                    review: Review::Accepted,
                })),
                (Some(r), false) => Some(Edit::RemoveRelation(r.id)),
                (None, false) => None,
            };
            if let Some(edit) = edit {
                match crate::model::edit::apply(gold, edit) {
                    Ok(_) => self.relation_decisions_kept += 1,
                    Err(error) => self.decisions_stale.push(format!(
                        "relation {} from {} {}..{}: could not be applied again ({error})",
                        decision.label, decision.from.label, decision.from.start, decision.from.end
                    )),
                }
            } else {
                self.relation_decisions_kept += 1;
            }
        }
    }

    fn who_had(&self, span: &DecidedSpan) -> Vec<String> {
        // Versions are sorted by start: look only at those starting where the span does.
        let from = self.versions.partition_point(|v| v.start < span.start);
        let mut who: Vec<String> = self.versions[from..]
            .iter()
            .take_while(|v| v.start == span.start)
            .filter(|v| {
                v.start == span.start
                    && v.end == span.end
                    && v.label == span.label
                    && v.attributes == span.attributes
            })
            .flat_map(|v| v.annotators.iter().map(|a| self.annotators[*a].clone()))
            .collect();
        who.sort_unstable();
        who
    }

    /// A report of the curation for the command line.
    pub fn render(&self, gold: &AnnotationSet, list: bool) -> String {
        let mut out = String::new();
        let r = &self.report;
        let shown: Vec<String> = (0..self.annotators.len())
            .map(|a| self.shown_name(a))
            .collect();
        out.push_str(&format!(
            "annotators: {} ({} strategy)\n",
            shown.join(", "),
            self.strategy.as_str()
        ));
        out.push_str(&format!(
            "accepted: {} span(s), {} relation(s)\nleft as suggestions: {} span(s), {} relation(s)\ndisagreements: {} ({} open)\n",
            r.accepted_spans,
            r.accepted_relations,
            r.suggested_spans,
            r.suggested_relations,
            self.disagreements.len(),
            self.open_count(gold)
        ));
        if r.variant_versions > 0 {
            out.push_str(&format!(
                "attribute variants not in the gold set (shown in their disagreements): {}\n",
                r.variant_versions
            ));
        }
        if self.decisions_kept > 0 || !self.decisions_stale.is_empty() {
            out.push_str(&format!(
                "re-merge: {} earlier decision(s) kept ({} on relations), {} not applied\n",
                self.decisions_kept,
                self.relation_decisions_kept,
                self.decisions_stale.len()
            ));
            for line in &self.decisions_stale {
                out.push_str(&format!("  not applied: {line}\n"));
            }
        }
        for note in &r.notes {
            let note = if self.blind {
                self.blind_text(note)
            } else {
                note.clone()
            };
            out.push_str(&format!("note: {note}\n"));
        }
        if list {
            let text = gold.text();
            for (d, dis) in self.disagreements.iter().enumerate() {
                if !self.is_open(gold, d) {
                    continue;
                }
                let excerpt: String = text
                    .slice(dis.start..dis.end.min(dis.start + 60))
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                out.push_str(&format!(
                    "#{} {} {}..{} {:?}\n",
                    d + 1,
                    kind_name(dis.kind),
                    dis.start,
                    dis.end,
                    excerpt
                ));
                if let Ok(versions) = self.versions_of(d) {
                    for v in versions {
                        let spans: Vec<String> = v
                            .spans
                            .iter()
                            .map(|s| {
                                let attrs = if s.attributes.is_empty() {
                                    String::new()
                                } else {
                                    format!(
                                        " {}",
                                        serde_json::to_string(&s.attributes).unwrap_or_default()
                                    )
                                };
                                format!(
                                    "{} {}..{} {:?}{attrs}",
                                    s.label,
                                    s.start,
                                    s.end,
                                    text.slice(s.range())
                                )
                            })
                            .collect();
                        out.push_str(&format!(
                            "    {:<8} {}\n",
                            v.shown,
                            if spans.is_empty() {
                                "(nothing)".to_string()
                            } else {
                                spans.join("; ")
                            }
                        ));
                    }
                }
            }
        }
        out
    }

    /// `text` with annotator names replaced by their letters (blind mode).
    pub fn blind_text(&self, text: &str) -> String {
        let mut order: Vec<usize> = (0..self.annotators.len()).collect();
        // Longer names first, so that `ann` does not replace part of `anna`.
        order.sort_by_key(|&a| std::cmp::Reverse(self.annotators[a].len()));
        let mut out = text.to_string();
        for a in order {
            out = out.replace(&self.annotators[a], &blind_name(a));
        }
        out
    }
}

/// The edits that make the spans of `kind` in `range` exactly `wanted` (accepted), and where
/// each wanted span ends up (its id).
fn span_edits(
    gold: &mut AnnotationSet,
    kind: LabelKind,
    range: Range<usize>,
    wanted: Vec<Wanted>,
) -> (Vec<Edit>, Vec<(Wanted, SpanId)>) {
    let existing: Vec<Span> = gold_spans_in(gold, kind, range)
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

/// Merge suggestions of `kind` overlapping `range`.
fn pending_in(gold: &AnnotationSet, kind: LabelKind, range: Range<usize>) -> Vec<SpanId> {
    gold_spans_in(gold, kind, range)
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
mod tests {
    use super::*;
    use crate::model::edit;
    use crate::model::set::Document;
    use crate::model::{History, RelationId};

    //            0         1         2         3         4         5         6
    //            0123456789012345678901234567890123456789012345678901234567890123
    const TEXT: &str = "“We will not wait,” said Ana Lúcia Ferreira in Zürich on Monday.";

    fn set_of(name: &str, spans: &[(&str, usize, usize)]) -> MergeInput {
        let mut set = AnnotationSet::new(Document::new(TEXT), Schema::default());
        set.annotator = Some(name.into());
        for &(label, start, end) in spans {
            let e = edit::add_span(&mut set, label, start..end);
            edit::apply(&mut set, e).unwrap();
        }
        MergeInput {
            name: name.into(),
            source: format!("story.{name}.json"),
            set,
        }
    }

    fn link(input: &mut MergeInput, label: &str, from: (usize, usize), to: (usize, usize)) {
        let find = |set: &AnnotationSet, (s, e): (usize, usize)| {
            set.spans_unordered()
                .find(|x| x.start == s && x.end == e)
                .unwrap()
                .id
        };
        let relation = Relation {
            id: input.set.new_relation_id(),
            label: label.into(),
            from: find(&input.set, from),
            to: find(&input.set, to),
            origin: None,
            review: Review::Accepted,
        };
        edit::apply(&mut input.set, Edit::AddRelation(relation)).unwrap();
    }

    const QUOTE: (&str, usize, usize) = ("QUOTE", 1, 18);
    const ANA: (&str, usize, usize) = ("PERSON", 25, 43);
    const ANA_SHORT: (&str, usize, usize) = ("PERSON", 25, 34);
    const ZURICH: (&str, usize, usize) = ("GPE", 47, 53);
    const MONDAY: (&str, usize, usize) = ("DATE", 57, 63);

    fn three() -> Vec<MergeInput> {
        let mut alice = set_of("alice", &[QUOTE, ANA, ZURICH, MONDAY]);
        link(&mut alice, "said_by", (1, 18), (25, 43));
        let mut bob = set_of("bob", &[QUOTE, ANA_SHORT, ZURICH]);
        link(&mut bob, "said_by", (1, 18), (25, 34));
        let mut carol = set_of("carol", &[QUOTE, ANA, ZURICH, ("ORG", 47, 53)]);
        link(&mut carol, "said_by", (1, 18), (25, 43));
        vec![alice, bob, carol]
    }

    fn gold_spans(gold: &AnnotationSet) -> Vec<(String, usize, usize, bool)> {
        gold.spans_ordered()
            .map(|s| (s.label.clone(), s.start, s.end, s.review.is_accepted()))
            .collect()
    }

    #[test]
    fn unanimous_accepts_what_all_share_and_suggests_the_rest() {
        let inputs = three();
        let (curation, gold) = Curation::open(&inputs, Strategy::Unanimous, None, None).unwrap();
        let spans = gold_spans(&gold);
        let accepted: Vec<_> = spans.iter().filter(|s| s.3).collect();
        assert_eq!(
            accepted,
            [
                &("QUOTE".to_string(), 1, 18, true),
                &("GPE".to_string(), 47, 53, true)
            ],
            "only the quote and Zürich are shared by all three"
        );
        assert_eq!(curation.report.accepted_spans, 2);
        // Ana (2) Ana short (1), Zürich GPE (3 = shared, but ORG competes? no: another label)
        let zurich = gold.spans_unordered().find(|s| s.label == "GPE").unwrap();
        assert!(zurich.review.is_accepted(), "GPE Zürich is unanimous");
        assert_eq!(zurich.annotators, ["alice", "bob", "carol"]);
        let org = gold.spans_unordered().find(|s| s.label == "ORG").unwrap();
        assert_eq!(org.origin.as_deref(), Some("merge:carol"));
        assert_eq!(org.annotators, ["carol"]);
        let long = gold
            .spans_unordered()
            .find(|s| s.label == "PERSON" && s.end == 43)
            .unwrap();
        assert_eq!(long.origin.as_deref(), Some("merge:alice,carol"));
        // Disagreements in order: the person, Zürich (GPE vs ORG), Monday.
        let ranges: Vec<_> = curation
            .disagreements()
            .iter()
            .map(|d| (d.start, d.end))
            .collect();
        assert_eq!(ranges, [(25, 43), (47, 53), (57, 63)]);
        assert_eq!(curation.open_count(&gold), 3);
        // Each annotator's version of the person.
        let versions = curation.versions_of(0).unwrap();
        let shown: Vec<(String, Vec<(usize, usize)>)> = versions
            .iter()
            .map(|v| {
                (
                    v.shown.clone(),
                    v.spans.iter().map(|s| (s.start, s.end)).collect(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("alice".to_string(), vec![(25, 43)]),
                ("bob".to_string(), vec![(25, 34)]),
                ("carol".to_string(), vec![(25, 43)])
            ]
        );
        // Relations: said_by to the long name is alice's and carol's, a suggestion.
        let said: Vec<_> = gold.relations().collect();
        assert_eq!(said.len(), 2);
        assert!(said.iter().all(|r| !r.review.is_accepted()));
        // The gold set is valid.
        let loaded =
            crate::formats::native::from_json(&crate::formats::native::to_json(&gold)).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    }

    #[test]
    fn majority_accepts_two_of_three_and_relations_follow() {
        let inputs = three();
        let (curation, gold) = Curation::open(&inputs, Strategy::Majority, None, None).unwrap();
        let long = gold
            .spans_unordered()
            .find(|s| s.label == "PERSON" && s.end == 43)
            .unwrap();
        assert!(long.review.is_accepted());
        assert_eq!(long.annotators, ["alice", "carol"]);
        let said = gold
            .relations()
            .find(|r| r.to == long.id)
            .expect("said_by carried");
        assert!(said.review.is_accepted(), "2 of 3 and both ends accepted");
        // Bob's short name is still a disagreement (a suggestion), Monday too (1 of 3).
        assert_eq!(curation.open_count(&gold), 3);
        assert_eq!(Strategy::Majority.needed(2), 2);
        assert_eq!(Strategy::Majority.needed(4), 3);
    }

    #[test]
    fn decisions_are_edits_undo_reopens_and_blind_hides_names() {
        let inputs = three();
        let (mut curation, mut gold) =
            Curation::open(&inputs, Strategy::Unanimous, None, None).unwrap();
        let mut history = History::new();
        // Take bob's version of the person: only the short name, accepted, with his relation.
        let d = curation.next_open(&gold, None).unwrap();
        assert_eq!(d, 0);
        let e = curation.take_one(&mut gold, d, 1).unwrap();
        history.apply(&mut gold, e).unwrap();
        let persons: Vec<_> = gold_spans(&gold)
            .into_iter()
            .filter(|s| s.0 == "PERSON")
            .collect();
        assert_eq!(persons, [("PERSON".to_string(), 25, 34, true)]);
        let short = gold
            .spans_unordered()
            .find(|s| s.label == "PERSON")
            .unwrap();
        assert_eq!(short.annotators, ["bob"]);
        assert!(short.origin.is_none());
        let said: Vec<_> = gold.relations().collect();
        assert_eq!(said.len(), 1);
        assert!(said[0].review.is_accepted() && said[0].to == short.id);
        assert!(!curation.is_open(&gold, 0));
        assert_eq!(curation.next_open(&gold, Some(0)), Some(1));
        // Undo re-opens it.
        history.undo(&mut gold).unwrap();
        assert!(curation.is_open(&gold, 0));
        history.redo(&mut gold).unwrap();
        // Take all at Zürich: GPE and ORG both accepted.
        let e = curation.take_all(&mut gold, 1).unwrap();
        history.apply(&mut gold, e).unwrap();
        let at_zurich: Vec<_> = gold_spans(&gold)
            .into_iter()
            .filter(|s| s.1 == 47)
            .collect();
        assert_eq!(at_zurich.len(), 2);
        assert!(at_zurich.iter().all(|s| s.3));
        // None at Monday.
        let e = curation.take_none(&mut gold, 2).unwrap();
        history.apply(&mut gold, e).unwrap();
        assert!(!gold.spans_unordered().any(|s| s.label == "DATE"));
        assert!(curation.is_curated(&gold));
        assert_eq!(curation.open_count(&gold), 0);
        let record = curation.record(&gold);
        let choices: Vec<_> = record.decisions.iter().map(|d| d.choice.clone()).collect();
        assert_eq!(
            choices,
            [Choice::Take("bob".into()), Choice::All, Choice::None]
        );
        // Blind mode.
        curation.blind = true;
        assert_eq!(curation.shown_name(0), "A");
        assert_eq!(curation.versions_of(0).unwrap()[2].shown, "C");
        let text = curation.render(&gold, true);
        assert!(!text.contains("alice") && !text.contains("bob"), "{text}");
        assert_eq!(blind_name(26), "AA");
        assert!(matches!(
            curation.take_one(&mut gold, 9, 0),
            Err(CurationError::NoSuchDisagreement(9))
        ));
    }

    #[test]
    fn decisions_survive_a_re_merge_unless_their_inputs_changed() {
        let mut inputs = three();
        let (curation, mut gold) =
            Curation::open(&inputs, Strategy::Unanimous, None, None).unwrap();
        for (d, e) in [
            (0, curation.take_one(&mut gold, 0, 1).unwrap()),
            (2, curation.take_none(&mut gold, 2).unwrap()),
        ] {
            edit::apply(&mut gold, e).unwrap_or_else(|e| panic!("{d}: {e}"));
        }
        // An edit by hand at Zürich: keep GPE only, then finish.
        let org = gold
            .spans_unordered()
            .find(|s| s.label == "ORG")
            .unwrap()
            .id;
        edit::apply(&mut gold, Edit::RemoveSpan(org)).unwrap();
        let e = curation.finish_edited(&gold, 1).unwrap();
        edit::apply(&mut gold, e).unwrap();
        curation.prepare_save(&mut gold);
        let saved = crate::formats::native::from_json(&crate::formats::native::to_json(&gold))
            .unwrap()
            .set;
        assert_eq!(saved.curation.as_ref().unwrap().decisions.len(), 3);

        // Nothing changed: every decision comes back, nothing is open.
        let (again, regold) =
            Curation::open(&inputs, Strategy::Unanimous, None, Some(&saved)).unwrap();
        assert_eq!(again.decisions_kept, 3);
        assert_eq!(again.open_count(&regold), 0);
        assert_eq!(gold_spans(&regold), gold_spans(&gold));
        let relations = |set: &AnnotationSet| {
            let mut keys = relation_keys(set);
            keys.sort_by(|a, b| a.0.cmp(&b.0));
            keys
        };
        assert_eq!(
            relations(&regold),
            relations(&gold),
            "relation decisions too"
        );

        // Carol drops her ORG at Zürich: that decision's inputs changed; the others stay.
        let mut carol = set_of("carol", &[QUOTE, ANA, ZURICH]);
        link(&mut carol, "said_by", (1, 18), (25, 43));
        inputs[2] = carol;
        // ... and alice adds a claim elsewhere (a new disagreement).
        let (third, regold) =
            Curation::open(&inputs, Strategy::Unanimous, None, Some(&saved)).unwrap();
        // Zürich is now unanimous: no disagreement there at all; the decision is stale.
        assert_eq!(third.decisions_kept, 2);
        assert_eq!(
            third.decisions_stale.len(),
            1,
            "{:?}",
            third.decisions_stale
        );
        assert!(third.decisions_stale[0].contains("47..53"));
        assert_eq!(third.open_count(&regold), 0);
        let record = third.record(&regold);
        assert!(record.decisions.iter().any(|d| d.stale && d.start == 47));
        let persons: Vec<_> = gold_spans(&regold)
            .into_iter()
            .filter(|s| s.0 == "PERSON")
            .collect();
        assert_eq!(persons, [("PERSON".to_string(), 25, 34, true)]);
        let _ = RelationId(0);
    }

    #[test]
    fn attribute_variants_go_to_the_curator() {
        let mut a = set_of("alice", &[QUOTE]);
        let mut b = set_of("bob", &[QUOTE]);
        for (input, value) in [(&mut a, "direct"), (&mut b, "indirect")] {
            let id = input.set.spans_unordered().next().unwrap().id;
            let e = edit::set_attribute(&input.set, id, "type", Some(value.into())).unwrap();
            edit::apply(&mut input.set, e).unwrap();
        }
        let (curation, mut gold) = Curation::open(&[a, b], Strategy::Majority, None, None).unwrap();
        assert_eq!(gold.span_count(), 1);
        assert_eq!(curation.report.variant_versions, 1);
        assert_eq!(curation.open_count(&gold), 1);
        let versions = curation.versions_of(0).unwrap();
        assert_eq!(versions[1].spans[0].attributes["type"], "indirect");
        let e = curation.take_one(&mut gold, 0, 1).unwrap();
        edit::apply(&mut gold, e).unwrap();
        let quote = gold.spans_unordered().next().unwrap();
        assert_eq!(quote.attributes["type"], "indirect");
        assert!(quote.review.is_accepted());
        assert_eq!(quote.annotators, ["bob"]);
    }

    #[test]
    fn bad_input_is_named() {
        // Different texts: refused, with the re-anchor command.
        let a = set_of("alice", &[ANA]);
        let mut b = set_of("bob", &[ANA]);
        b.set = AnnotationSet::new(Document::new(format!("{TEXT} Updated.")), Schema::default());
        let error = Curation::open(&[a.clone(), b], Strategy::Unanimous, None, None)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("story.bob.json") && error.contains("newsmark reanchor story.bob.json"),
            "{error}"
        );
        // The same annotator twice: refused.
        let error = Curation::open(&[a.clone(), a.clone()], Strategy::Unanimous, None, None)
            .unwrap_err()
            .to_string();
        assert!(error.contains("\"alice\" has two sets"), "{error}");
        // A label the schema lacks: a suggestion, reported, the set stays valid.
        let mut odd = set_of("bob", &[ANA]);
        odd.set.schema.add_unknown_label("POLITICIAN");
        let e = edit::add_span(&mut odd.set, "POLITICIAN", 25..43);
        edit::apply(&mut odd.set, e).unwrap();
        // Overlapping same-label spans of one annotator: reported, both kept.
        let e = edit::add_span(&mut odd.set, "PERSON", 29..43);
        edit::apply(&mut odd.set, e).unwrap();
        let mut with_unknown = a.clone();
        with_unknown.set.schema.add_unknown_label("POLITICIAN");
        let e = edit::add_span(&mut with_unknown.set, "POLITICIAN", 25..43);
        edit::apply(&mut with_unknown.set, e).unwrap();
        let (curation, gold) =
            Curation::open(&[with_unknown, odd], Strategy::Unanimous, None, None).unwrap();
        let notes = curation.report.notes.join("\n");
        assert!(
            notes.contains("label \"POLITICIAN\" is not in the gold schema (alice 1, bob 1)"),
            "{notes}"
        );
        assert!(notes.contains("bob (story.bob.json): 1 overlapping span(s) with the same label (PERSON 25..43 and 29..43)"), "{notes}");
        let politician = gold
            .spans_unordered()
            .find(|s| s.label == "POLITICIAN")
            .unwrap();
        assert!(
            !politician.review.is_accepted(),
            "unknown labels are never accepted unseen"
        );
        let loaded =
            crate::formats::native::from_json(&crate::formats::native::to_json(&gold)).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    }
}
