//! The curator's decisions as a record kept in the gold set, the re-merge that applies them
//! again, and the command line's report: a second `impl Curation` beside the merge and the
//! decisions in `curation.rs`.

use super::*;
use crate::formats::visible::count;

impl Curation {
    /// The record of the curator's decisions as the gold set now stands.
    pub fn record(&self, gold: &AnnotationSet) -> CurationRecord {
        let mut decisions = Vec::new();
        for (d, dis) in self.disagreements.iter().enumerate() {
            if self.is_open(gold, d) {
                continue;
            }
            // One decision per label kind's stretch (a disagreement that joins kinds is decided
            // once, and recorded for each kind it settled), so that a re-merge checks each.
            let all: Vec<&Span> = gold_spans_in_stretches(gold, &dis.stretches);
            let choice = self.classify(dis, &all, self.taken.get(&d));
            for stretch in &dis.stretches {
                let spans = gold_spans_in(gold, stretch.kind, stretch.range());
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
                    kind: stretch.kind,
                    start: stretch.start,
                    end: stretch.end,
                    inputs_sha256: self.fingerprint(stretch.kind, stretch.range()),
                    choice: choice.clone(),
                    spans: decided,
                    stale: false,
                });
            }
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

    /// What the gold spans of a decided stretch amount to: the curator's own choice
    /// (`taken`) while the spans are still what it gave, else what they are read as.
    fn classify(&self, dis: &Disagreement, spans: &[&Span], taken: Option<&Choice>) -> Choice {
        let same = |ids: Vec<usize>| {
            let versions: Vec<&Version> = ids.iter().map(|&k| &self.versions[k]).collect();
            versions.len() == spans.len()
                && versions
                    .iter()
                    .all(|v| spans.iter().any(|s| v.matches(s) && s.review.is_accepted()))
        };
        let of_annotator = |a: usize| -> Vec<usize> {
            dis.versions
                .iter()
                .copied()
                .filter(|&k| self.versions[k].annotators.contains(&a))
                .collect()
        };
        let holds = match taken {
            Some(Choice::Take(name)) => self
                .annotators
                .iter()
                .position(|a| a == name)
                .is_some_and(|a| same(of_annotator(a))),
            Some(Choice::All) => same(self.one_per_place(&dis.versions)),
            Some(Choice::None) => same(
                dis.versions
                    .iter()
                    .copied()
                    .filter(|&k| self.versions[k].accepted)
                    .collect(),
            ),
            Some(Choice::Edited) | None => false,
        };
        if let (true, Some(choice)) = (holds, taken) {
            return choice.clone();
        }
        if same(self.one_per_place(&dis.versions)) {
            return Choice::All;
        }
        for a in 0..self.annotators.len() {
            let mine = of_annotator(a);
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
    pub(super) fn reapply(&mut self, gold: &mut AnnotationSet, previous: &AnnotationSet) {
        let Some(record) = &previous.curation else {
            return;
        };
        if record.strategy != self.strategy.as_str() {
            // A note, not a decision: nothing was decided by changing the strategy.
            let decided = record.decisions.len() + record.relations.len();
            self.report.notes.push(format!(
                "the previous merge was {}, this one {}{}",
                record.strategy,
                self.strategy.as_str(),
                if decided > 0 {
                    format!(
                        "; its {} applied where the annotators' versions are unchanged",
                        count(decided, "decision is", "decisions are")
                    )
                } else {
                    String::new()
                }
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
            let dis = Disagreement::single(decision.kind, decision.start, decision.end, Vec::new());
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
            "accepted: {}, {}\nleft as suggestions: {}, {}\ndisagreements: {} ({} open)\n",
            count(r.accepted_spans, "span", "spans"),
            count(r.accepted_relations, "relation", "relations"),
            count(r.suggested_spans, "span", "spans"),
            count(r.suggested_relations, "relation", "relations"),
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
                "re-merge: {} kept ({} on relations), {} not applied\n",
                count(self.decisions_kept, "earlier decision", "earlier decisions"),
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
                    dis.stretches
                        .iter()
                        .map(|s| kind_name(s.kind))
                        .collect::<Vec<_>>()
                        .join("+"),
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
            // A set's file name carries the name: `story.ana.json` becomes `story (A's set)`,
            // not a `story.A.json` that does not exist.
            let file = format!(".{}.json", self.annotators[a]);
            out = out.replace(&file, &format!(" ({}'s set)", blind_name(a)));
            out = out.replace(&self.annotators[a], &blind_name(a));
        }
        out
    }
}
