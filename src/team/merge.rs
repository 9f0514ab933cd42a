//! Merging several annotators' sets of one article into a gold set.
//!
//! Every distinct span *version* (label, start, end and attributes) is counted over the
//! annotators who had it. A version the strategy accepts (all annotators, or more than half)
//! goes into the gold set accepted; every other version is a disagreement and goes in as a
//! suggestion (`origin: "merge:alice,bob"`, `review: "suggested"`). Each gold span records in
//! `annotators` who had exactly that version. Attributes are compared: annotators who agree on
//! a span's label and offsets but not on its attributes disagree, and the curator chooses (the
//! gold set holds the variant most of them gave, as a suggestion). Notes are not compared;
//! the gold span keeps them, prefixed with the annotator's name when they differ.
//!
//! Relations are carried when both ends are carried (matched by label and offsets): accepted
//! when the strategy's number of annotators had the same relation between the same spans and
//! both ends are accepted, else suggested.
//!
//! Disagreements are grouped for the curator: overlapping versions whose labels are of the
//! same kind (entity, quote, claim, other) form one [`Disagreement`], shown with each
//! annotator's version of that stretch of text (the grouping is `merge_disagreements.rs`).

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use crate::formats::visible::count;
use crate::model::schema::{LabelKind, Schema};
use crate::model::set::AnnotationSet;
use crate::model::span::{Attributes, Relation, RelationId, Review, Span, SpanId};

/// The `annotator` of a gold set (and the reserved name in `story.gold.json`).
pub const GOLD_ANNOTATOR: &str = "gold";

/// The prefix of the `origin` of every suggestion a merge writes.
pub const ORIGIN_PREFIX: &str = "merge:";

// Grouping the versions into disagreements for the curator, apart from the merge.
#[path = "merge_disagreements.rs"]
mod grouping;
pub use grouping::{Disagreement, Stretch, disagreements};

/// When a version is accepted without the curator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Every annotator had it.
    Unanimous,
    /// More than half of the annotators had it (with two annotators: both).
    Majority,
}

impl Strategy {
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Unanimous => "unanimous",
            Strategy::Majority => "majority",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "unanimous" => Some(Strategy::Unanimous),
            "majority" => Some(Strategy::Majority),
            _ => None,
        }
    }

    /// How many of `annotators` must have a version for it to be accepted.
    pub fn needed(self, annotators: usize) -> usize {
        match self {
            Strategy::Unanimous => annotators,
            Strategy::Majority => annotators / 2 + 1,
        }
    }
}

/// One annotator's set, named.
#[derive(Clone, Debug)]
pub struct MergeInput {
    /// The annotator's name (`alice`).
    pub name: String,
    /// Where the set came from, for messages (`story.alice.json`).
    pub source: String,
    pub set: AnnotationSet,
}

/// One distinct span version and the annotators who had it.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub label: String,
    pub kind: LabelKind,
    pub start: usize,
    pub end: usize,
    pub attributes: Attributes,
    /// Annotator indices (into the merge's inputs), ascending.
    pub annotators: Vec<usize>,
    /// The span in each of those annotators' sets (same order as `annotators`).
    pub source_ids: Vec<SpanId>,
    /// Notes by annotator index.
    pub notes: Vec<(usize, String)>,
    /// Accepted by the strategy (no curator needed).
    pub accepted: bool,
    /// The gold schema declares the label.
    pub known_label: bool,
}

impl Version {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Same label and offsets (a gold set holds at most one span per such key).
    pub fn same_place(&self, span: &Span) -> bool {
        span.start == self.start && span.end == self.end && span.label == self.label
    }

    /// Same label, offsets and attributes.
    pub fn matches(&self, span: &Span) -> bool {
        self.same_place(span) && span.attributes == self.attributes
    }
}

/// What a merge counted and noticed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeReport {
    /// Spans accepted into the gold set by the strategy.
    pub accepted_spans: usize,
    /// Spans left as suggestions for the curator.
    pub suggested_spans: usize,
    /// Versions not in the gold set because a variant with the same label and offsets holds
    /// that place (they are in the disagreement's versions).
    pub variant_versions: usize,
    pub accepted_relations: usize,
    pub suggested_relations: usize,
    /// Stretches of text with a disagreement.
    pub disagreements: usize,
    /// Everything noticed about the inputs, each naming its annotator or file and what was
    /// done. Nothing is left out without a line here.
    pub notes: Vec<String>,
}

/// A merged gold set with what the curator needs.
#[derive(Clone, Debug)]
pub struct Merged {
    pub gold: AnnotationSet,
    pub strategy: Strategy,
    /// Annotator names, in input order.
    pub annotators: Vec<String>,
    /// Every distinct version, in document order (start, end, label).
    pub versions: Vec<Version>,
    /// Disagreements in document order.
    pub disagreements: Vec<Disagreement>,
    /// Every annotator's relations, between versions.
    pub relations: Vec<VersionRelation>,
    pub report: MergeReport,
}

/// One annotator's relation, between two versions.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionRelation {
    pub annotator: usize,
    pub label: String,
    /// Indices into [`Merged::versions`].
    pub from: usize,
    pub to: usize,
}

/// Why a merge was refused (nothing is written).
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("no annotation sets to merge")]
    NoInputs,
    #[error("{0}")]
    DifferentTexts(String),
    #[error("{0}")]
    DuplicateAnnotator(String),
}

/// Check that every input annotates the same text; the message names each odd one out with
/// the command that moves its spans onto the others' text.
pub fn check_same_text(inputs: &[MergeInput]) -> Result<(), MergeError> {
    let Some(first) = inputs.first() else {
        return Err(MergeError::NoInputs);
    };
    // The text most inputs share is the article.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for input in inputs {
        *counts.entry(input.set.text().sha256()).or_insert(0) += 1;
    }
    if counts.len() == 1 {
        return Ok(());
    }
    // (Ties: the earliest input's text.)
    let most = counts.values().copied().max().unwrap_or(0);
    let main = inputs
        .iter()
        .map(|i| i.set.text().sha256())
        .find(|hash| counts.get(hash) == Some(&most))
        .unwrap_or(first.set.text().sha256());
    let reference = inputs
        .iter()
        .find(|i| i.set.text().sha256() == main)
        .unwrap_or(first);
    let article = reference
        .set
        .document
        .source
        .clone()
        .filter(|s| !s.ends_with(".json"))
        .unwrap_or_else(|| "ARTICLE.txt".into());
    let mut message = format!(
        "these sets annotate different texts, so they cannot be merged offset by offset ({} has sha256 {}…):",
        reference.source,
        &main[..12.min(main.len())]
    );
    // The article a set was made on, by its file stem ("ferry-fares" of ".../ferry-fares.txt").
    let stem = |source: &Option<String>| {
        source.as_deref().and_then(|s| {
            std::path::Path::new(s)
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
        })
    };
    let reference_article = stem(&reference.set.document.source);
    for input in inputs.iter().filter(|i| i.set.text().sha256() != main) {
        let hash = input.set.text().sha256();
        let own_article = stem(&input.set.document.source);
        message.push_str(&format!(
            "\n  {} ({}) annotates a different text (sha256 {}…)",
            input.source,
            input.name,
            &hash[..12.min(hash.len())],
        ));
        match (&own_article, &reference_article) {
            (Some(own), Some(theirs)) if own != theirs => message.push_str(&format!(
                ": it was made on another article ({own}, not {theirs}); merge only the sets of \
                 one article"
            )),
            _ => {
                // Perhaps a revision of the same article: its spans can be moved onto the text
                // the others annotated, into a new file (the set itself is left as it is).
                let out = input.source.strip_suffix(".json").map_or_else(
                    || format!("{}.reanchored.json", input.source),
                    |stem| format!("{stem}.reanchored.json"),
                );
                message.push_str(&format!(
                    "; if it is a revision of the same article, move its spans onto the text the \
                     others annotated (into a new file; check what it could not place):\n    \
                     newsmark reanchor {} {} -o {out}",
                    input.source, article
                ));
            }
        }
    }
    Err(MergeError::DifferentTexts(message))
}

/// Labels added by the loader because a set used them without declaring them.
fn added_by_loader(schema: &Schema, label: &str) -> bool {
    schema
        .label(label)
        .is_some_and(|def| def.description.starts_with("Not in the schema"))
}

/// Merge `inputs` (two or more annotators' sets of the same text) into a gold set whose
/// schema is `schema` (`None`: the first input's). Refuses sets of different texts and
/// repeated annotator names.
pub fn merge(
    inputs: &[MergeInput],
    strategy: Strategy,
    schema: Option<&Schema>,
) -> Result<Merged, MergeError> {
    check_same_text(inputs)?;
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for input in inputs {
        if let Some(other) = seen.insert(&input.name, &input.source) {
            return Err(MergeError::DuplicateAnnotator(format!(
                "annotator {:?} has two sets here: {} and {}; merge needs one set per annotator (rename one, or set its \"annotator\" field)",
                input.name, other, input.source
            )));
        }
    }
    let first = &inputs[0];
    let n = inputs.len();
    let needed = strategy.needed(n);
    let mut report = MergeReport::default();
    if n == 1 {
        report.notes.push(format!(
            "only one annotator ({}): every span of theirs is accepted",
            first.name
        ));
    }

    // The gold set: the article and schema, no annotations yet.
    let mut gold = AnnotationSet::new(first.set.document.clone(), Schema::default());
    gold.schema = schema.cloned().unwrap_or_else(|| first.set.schema.clone());
    gold.annotator = Some(GOLD_ANNOTATOR.to_string());
    // Labels declared by the schema, before unknown ones are added.
    let known = |gold_schema: &Schema, label: &str| {
        gold_schema.label(label).is_some() && !added_by_loader(gold_schema, label)
    };

    // Every span of every annotator, sorted by place; unreviewed suggestions are not counted.
    struct Item<'a> {
        annotator: usize,
        span: &'a Span,
    }
    let total: usize = inputs.iter().map(|i| i.set.span_count()).sum();
    let mut items: Vec<Item<'_>> = Vec::with_capacity(total);
    for (a, input) in inputs.iter().enumerate() {
        let mut unreviewed = 0;
        for span in input.set.spans_unordered() {
            if span.review == Review::Suggested {
                unreviewed += 1;
                continue;
            }
            items.push(Item { annotator: a, span });
        }
        if unreviewed > 0 {
            report.notes.push(format!(
                "{} ({}): {} not counted as the annotator's spans (accept or reject {} in the set first)",
                input.name,
                input.source,
                count(unreviewed, "unreviewed suggestion", "unreviewed suggestions"),
                if unreviewed == 1 { "it" } else { "them" }
            ));
        }
        overlapping_same_label(input, &mut report.notes);
    }
    items.sort_unstable_by(|x, y| {
        (x.span.start, x.span.end, &x.span.label, x.annotator).cmp(&(
            y.span.start,
            y.span.end,
            &y.span.label,
            y.annotator,
        ))
    });

    // Versions: group by place, then by attributes.
    let mut versions: Vec<Version> = Vec::with_capacity(items.len() / n.max(1) + 16);
    // Per label: declared by the gold schema, and its kind (labels are few; spans many).
    let mut label_info: HashMap<String, (bool, LabelKind)> = HashMap::new();
    let mut unknown: BTreeMap<String, BTreeMap<usize, usize>> = BTreeMap::new();
    let mut i = 0;
    while i < items.len() {
        let head = items[i].span;
        let mut j = i + 1;
        while j < items.len()
            && items[j].span.start == head.start
            && items[j].span.end == head.end
            && items[j].span.label == head.label
        {
            j += 1;
        }
        let first_version = versions.len();
        for item in &items[i..j] {
            let existing = versions[first_version..]
                .iter_mut()
                .find(|v| v.attributes == item.span.attributes);
            let version = match existing {
                Some(v) => v,
                None => {
                    versions.push(Version {
                        label: head.label.clone(),
                        kind: LabelKind::Other,
                        start: head.start,
                        end: head.end,
                        attributes: item.span.attributes.clone(),
                        annotators: Vec::new(),
                        source_ids: Vec::new(),
                        notes: Vec::new(),
                        accepted: false,
                        known_label: true,
                    });
                    versions.last_mut().expect("just pushed")
                }
            };
            if version.annotators.last() == Some(&item.annotator) {
                report.notes.push(format!(
                    "{} ({}): span {} repeats span {} ({} {}..{}); counted once",
                    inputs[item.annotator].name,
                    inputs[item.annotator].source,
                    item.span.id.0,
                    version.source_ids.last().map(|s| s.0).unwrap_or(0),
                    head.label,
                    head.start,
                    head.end
                ));
                continue;
            }
            version.annotators.push(item.annotator);
            version.source_ids.push(item.span.id);
            if let Some(note) = &item.span.note {
                version.notes.push((item.annotator, note.clone()));
            }
        }
        let variants = versions.len() - first_version;
        let is_known = match label_info.get(head.label.as_str()) {
            Some(&(known, _)) => known,
            None => known(&gold.schema, &head.label),
        };
        if !is_known && !label_info.contains_key(head.label.as_str()) {
            let def = inputs
                .iter()
                .find_map(|input| {
                    input
                        .set
                        .schema
                        .label(&head.label)
                        .filter(|_| !added_by_loader(&input.set.schema, &head.label))
                })
                .cloned();
            match def {
                Some(def) if gold.schema.label(&head.label).is_none() => {
                    gold.schema.labels.push(def)
                }
                _ => gold.schema.add_unknown_label(&head.label),
            }
        }
        if !is_known {
            for v in &versions[first_version..] {
                for &a in &v.annotators {
                    *unknown
                        .entry(head.label.clone())
                        .or_default()
                        .entry(a)
                        .or_insert(0) += 1;
                }
            }
        }
        let kind = match label_info.get(head.label.as_str()) {
            Some(&(_, kind)) => kind,
            None => {
                let kind = gold
                    .schema
                    .label(&head.label)
                    .map(|l| l.kind)
                    .unwrap_or(LabelKind::Other);
                label_info.insert(head.label.clone(), (is_known, kind));
                kind
            }
        };
        for v in &mut versions[first_version..] {
            v.kind = kind;
            v.known_label = is_known;
            // Attribute variants always go to the curator.
            v.accepted = is_known && variants == 1 && v.annotators.len() >= needed;
        }
        i = j;
    }
    for (label, by_annotator) in &unknown {
        let who: Vec<String> = by_annotator
            .iter()
            .map(|(a, count)| format!("{} {count}", inputs[*a].name))
            .collect();
        report.notes.push(format!(
            "label {label:?} is not in the gold schema ({}): its spans were left as suggestions for the curator, and the label added to the gold schema so the set stays valid",
            who.join(", ")
        ));
    }

    // The gold spans: accepted versions, and per place without one the most common variant
    // as a suggestion.
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    // The gold span id of each place, and the spans, loaded at once.
    let mut gold_ids: Vec<SpanId> = Vec::with_capacity(versions.len());
    let mut loader = gold.span_loader(versions.len());
    // Gold span index of each version's place (for relations).
    let mut place_of_version: Vec<usize> = vec![usize::MAX; versions.len()];
    let mut v = 0;
    while v < versions.len() {
        let mut w = v + 1;
        while w < versions.len()
            && versions[w].start == versions[v].start
            && versions[w].end == versions[v].end
            && versions[w].label == versions[v].label
        {
            w += 1;
        }
        // The variant most annotators gave (ties: the earliest).
        let best = (v..w)
            .max_by_key(|&k| (versions[k].annotators.len(), std::cmp::Reverse(k)))
            .unwrap_or(v);
        let chosen = &versions[best];
        let span = gold_span(chosen, &names, SpanId(gold_ids.len() as u64 + 1));
        if chosen.accepted {
            report.accepted_spans += 1;
        } else {
            report.suggested_spans += 1;
        }
        report.variant_versions += w - v - 1;
        for slot in &mut place_of_version[v..w] {
            *slot = gold_ids.len();
        }
        gold_ids.push(span.id);
        loader.push(span);
        v = w;
    }
    drop(loader);

    // Relations: map each annotator's ends to gold spans by place.
    let mut version_of: Vec<HashMap<SpanId, usize>> = inputs
        .iter()
        .map(|i| {
            HashMap::with_capacity(if i.set.relation_count() > 0 {
                i.set.span_count()
            } else {
                0
            })
        })
        .collect();
    for (k, version) in versions.iter().enumerate() {
        for (&a, &id) in version.annotators.iter().zip(&version.source_ids) {
            // (Only needed for relations.)
            if inputs[a].set.relation_count() > 0 {
                version_of[a].insert(id, k);
            }
        }
    }
    let mut relations: BTreeMap<(SpanId, SpanId, String), Vec<usize>> = BTreeMap::new();
    let mut version_relations = Vec::new();
    for (a, input) in inputs.iter().enumerate() {
        let mut skipped = 0;
        for relation in input.set.relations() {
            if relation.review == Review::Suggested {
                skipped += 1;
                continue;
            }
            let ends = (
                version_of[a].get(&relation.from),
                version_of[a].get(&relation.to),
            );
            let (Some(&from), Some(&to)) = ends else {
                report.notes.push(format!(
                    "{} ({}): relation {} ({}) links a span that was not counted (an unreviewed suggestion); left out",
                    input.name, input.source, relation.id.0, relation.label
                ));
                continue;
            };
            version_relations.push(VersionRelation {
                annotator: a,
                label: relation.label.clone(),
                from,
                to,
            });
            let key = (
                gold_ids[place_of_version[from]],
                gold_ids[place_of_version[to]],
                relation.label.clone(),
            );
            let who = relations.entry(key).or_default();
            if !who.contains(&a) {
                who.push(a);
            }
        }
        if skipped > 0 {
            report.notes.push(format!(
                "{} ({}): {} not counted",
                input.name,
                input.source,
                count(
                    skipped,
                    "unreviewed suggested relation",
                    "unreviewed suggested relations"
                )
            ));
        }
    }
    for (next, ((from, to, label), who)) in (1u64..).zip(relations) {
        let (Some(from_span), Some(to_span)) = (gold.span(from), gold.span(to)) else {
            continue;
        };
        if from == to {
            continue;
        }
        if let Some(why) = gold
            .schema
            .relation_refusal(&label, &from_span.label, &to_span.label)
        {
            report.notes.push(format!(
                "a {label} relation from {} {}..{} to {} {}..{} ({}) is not allowed by the gold schema ({why}); left out",
                from_span.label,
                from_span.start,
                from_span.end,
                to_span.label,
                to_span.start,
                to_span.end,
                who.iter().map(|a| names[*a].as_str()).collect::<Vec<_>>().join(", ")
            ));
            continue;
        }
        let accepted =
            who.len() >= needed && from_span.review.is_accepted() && to_span.review.is_accepted();
        let mut names_of: Vec<&str> = who.iter().map(|a| names[*a].as_str()).collect();
        names_of.sort_unstable();
        let relation = Relation {
            id: RelationId(next),
            label,
            from,
            to,
            origin: (!accepted).then(|| format!("{ORIGIN_PREFIX}{}", names_of.join(","))),
            review: if accepted {
                Review::Accepted
            } else {
                Review::Suggested
            },
        };
        if accepted {
            report.accepted_relations += 1;
        } else {
            report.suggested_relations += 1;
        }
        gold.insert_relation_raw(relation);
    }

    let disagreements = disagreements(&versions);
    report.disagreements = disagreements.len();
    Ok(Merged {
        gold,
        strategy,
        annotators: names,
        versions,
        disagreements,
        relations: version_relations,
        report,
    })
}

/// The gold span for a version: accepted with no origin, or a suggestion naming who had it.
pub(crate) fn gold_span(version: &Version, names: &[String], id: SpanId) -> Span {
    let mut who: Vec<String> = version
        .annotators
        .iter()
        .map(|a| names[*a].clone())
        .collect();
    who.sort_unstable();
    let mut span = Span::new(id, version.label.clone(), version.range());
    span.attributes = version.attributes.clone();
    span.note = merged_note(&version.notes, names);
    if !version.accepted {
        span.review = Review::Suggested;
        span.origin = Some(format!("{ORIGIN_PREFIX}{}", who.join(",")));
    }
    span.annotators = who;
    span
}

/// One note when all agree, else each prefixed with its annotator's name.
fn merged_note(notes: &[(usize, String)], names: &[String]) -> Option<String> {
    match notes {
        [] => None,
        [(_, one)] => Some(one.clone()),
        [(_, first), rest @ ..] if rest.iter().all(|(_, n)| n == first) => Some(first.clone()),
        _ => Some(
            notes
                .iter()
                .map(|(a, n)| format!("{}: {n}", names[*a]))
                .collect::<Vec<_>>()
                .join(" | "),
        ),
    }
}

/// Report one annotator's overlapping spans of the same label (kept: each is a version).
fn overlapping_same_label(input: &MergeInput, notes: &mut Vec<String>) {
    let mut spans: Vec<&Span> = input
        .set
        .spans_unordered()
        .filter(|s| s.review.is_accepted())
        .collect();
    spans.sort_unstable_by(|a, b| (&a.label, a.start, a.end).cmp(&(&b.label, b.start, b.end)));
    let mut found: Vec<String> = Vec::new();
    let mut count = 0;
    let mut reach: Option<(&str, usize, &Span)> = None;
    for span in spans {
        match reach {
            Some((label, end, previous)) if label == span.label && span.start < end => {
                count += 1;
                if found.len() < 5 {
                    found.push(format!(
                        "{} {}..{} and {}..{}",
                        span.label, previous.start, previous.end, span.start, span.end
                    ));
                }
                if span.end > end {
                    reach = Some((&span.label, span.end, span));
                }
            }
            _ => reach = Some((&span.label, span.end, span)),
        }
    }
    if count > 0 {
        notes.push(format!(
            "{} ({}): {} with the same label ({}{}); each kept as a version of its own",
            input.name,
            input.source,
            crate::formats::visible::count(count, "overlapping span", "overlapping spans"),
            found.join("; "),
            if count > found.len() { "; …" } else { "" }
        ));
    }
}
