//! Measuring the suggesters against a gold set: the suggester runs on the gold text alone (a
//! fresh set, the gold annotations unseen) and its suggestions are compared with the gold.
//!
//! - direct quotes: gold QUOTE spans whose `type` is `direct` against suggested QUOTE spans
//!   that are not `partial`;
//!   - exact: a suggested quote is right when its range (so its text) equals a gold quote's;
//!   - overlap: as the Gender Gap Tracker counts, a gold quote is found when a suggestion
//!     covers at least 30% of its characters, and a suggestion is right when at least 30% of
//!     its characters are in a gold quote;
//! - partial quotes (`type = partial`, attributed short phrases): exact, on their own;
//! - speaker: of the exactly matched direct quotes, the share whose suggested `said_by` target
//!   has the same text as the gold one, both resolved along `refers_to` to the canonical
//!   mention;
//! - PERSON: exact ranges;
//! - speakers by rule ([`SpeakerRule`]): of the exactly matched direct quotes, how many the
//!   rule of each `said_by` link (with the quote's `speaker_form`, and the rule of the
//!   `refers_to` link it was followed along) got right and wrong, so that a rule's record on
//!   text it was not tuned on can be read.
//!
//! A ratio with nothing to divide by is 0: an empty suggester has precision 0, not 1.
//! Every miss is listed with the rule that made it (`none` when no rule proposed anything).

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use crate::model::edit::{EditError, apply};
use crate::model::set::{AnnotationSet, Document};
use crate::model::span::{Span, SpanId};

use super::{ORIGIN_PREFIX, Options, suggest, vocab};

/// The share of characters that must overlap for the overlap figures.
pub const OVERLAP_SHARE: f64 = 0.3;

/// What kind of miss a [`Miss`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MissKind {
    /// A gold direct quote no suggestion matches exactly.
    MissedQuote,
    /// A suggested quote that is no gold direct quote.
    SpuriousQuote,
    /// A gold partial quote not suggested exactly.
    MissedPartial,
    /// A suggested partial quote that is no gold partial quote.
    SpuriousPartial,
    /// An exactly matched direct quote whose speaker is wrong or missing.
    WrongSpeaker,
    /// A gold PERSON span not suggested.
    MissedPerson,
    /// A suggested PERSON span that is not in the gold.
    SpuriousPerson,
}

impl MissKind {
    pub fn name(&self) -> &'static str {
        match self {
            MissKind::MissedQuote => "missed quote",
            MissKind::SpuriousQuote => "spurious quote",
            MissKind::MissedPartial => "missed partial",
            MissKind::SpuriousPartial => "spurious partial",
            MissKind::WrongSpeaker => "wrong speaker",
            MissKind::MissedPerson => "missed PERSON",
            MissKind::SpuriousPerson => "spurious PERSON",
        }
    }
}

/// One error of the suggester, with the rule that made it.
#[derive(Clone, Debug, PartialEq)]
pub struct Miss {
    pub kind: MissKind,
    /// The rule id (without `rule:`): of the suggestion, of the speaker link, or of a
    /// suggestion overlapping a missed span (boundaries differ); `none` when nothing was
    /// proposed there.
    pub rule: String,
    /// Where the gold or suggested span starts (code points).
    pub start: usize,
    /// The span's text.
    pub text: String,
    /// For a wrong speaker: the gold and the suggested speaker.
    pub detail: Option<(String, String)>,
}

impl Miss {
    /// A PERSON miss (listed only when asked for: they are many).
    pub fn is_person(&self) -> bool {
        matches!(self.kind, MissKind::MissedPerson | MissKind::SpuriousPerson)
    }
}

/// One line of a misses list: kind, `[rule]`, `@offset`, the text (its first 60 characters),
/// and the gold and suggested speaker of a wrong one.
impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let short: String = self.text.chars().take(60).collect();
        let more = if self.text.chars().count() > 60 {
            "…"
        } else {
            ""
        };
        write!(
            f,
            "{:<16} [{}] @{} {short:?}{more}",
            self.kind.name(),
            self.rule,
            self.start
        )?;
        match &self.detail {
            Some((gold, found)) => write!(f, ": gold {gold:?}, suggested {found:?}"),
            None => Ok(()),
        }
    }
}

/// What chose a matched quote's speaker: the rule of its `said_by` link (`none` without one),
/// the quote's `speaker_form` (`name`, `nominal`, `pronoun`, `none`), and the rule of the first
/// `refers_to` link followed from the speaker to the canonical mention, if any
/// (`coref.surname`, `coref.nominal` ...).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SpeakerRule {
    pub rule: String,
    pub form: String,
    pub via: Option<String>,
}

impl std::fmt::Display for SpeakerRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.rule, self.form)?;
        match &self.via {
            Some(via) => write!(f, " -> {via}"),
            None => Ok(()),
        }
    }
}

/// How many speakers a [`SpeakerRule`] got right and wrong.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub right: usize,
    pub wrong: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Gold direct quotes, suggested quotes (not partial), exact matches.
    pub gold: usize,
    pub suggested: usize,
    pub exact: usize,
    /// Gold quotes found at 30% overlap.
    pub overlap_found: usize,
    /// Suggestions right at 30% overlap.
    pub overlap_right: usize,
    /// Exactly matched quotes whose speaker is right.
    pub speaker_right: usize,
    /// Gold partial quotes, suggested partial quotes, exact matches.
    pub partial_gold: usize,
    pub partial_suggested: usize,
    pub partial_exact: usize,
    /// Gold PERSON spans, suggested PERSON spans, exact matches.
    pub person_gold: usize,
    pub person_suggested: usize,
    pub person_exact: usize,
    /// Exactly matched quotes by what chose their speaker, right and wrong.
    pub speakers_by_rule: BTreeMap<SpeakerRule, Record>,
    /// Every miss, in text order per kind.
    pub misses: Vec<Miss>,
}

/// `numerator / denominator`, 0 when there is nothing to divide by.
pub fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

impl Scores {
    pub fn precision(&self) -> f64 {
        ratio(self.exact, self.suggested)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.exact, self.gold)
    }
    pub fn overlap_precision(&self) -> f64 {
        ratio(self.overlap_right, self.suggested)
    }
    pub fn overlap_recall(&self) -> f64 {
        ratio(self.overlap_found, self.gold)
    }
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.exact)
    }
    pub fn partial_precision(&self) -> f64 {
        ratio(self.partial_exact, self.partial_suggested)
    }
    pub fn partial_recall(&self) -> f64 {
        ratio(self.partial_exact, self.partial_gold)
    }
    pub fn person_precision(&self) -> f64 {
        ratio(self.person_exact, self.person_suggested)
    }
    pub fn person_recall(&self) -> f64 {
        ratio(self.person_exact, self.person_gold)
    }

    /// Add another article's counts (the misses stay with their article).
    pub fn add(&mut self, other: &Scores) {
        self.gold += other.gold;
        self.suggested += other.suggested;
        self.exact += other.exact;
        self.overlap_found += other.overlap_found;
        self.overlap_right += other.overlap_right;
        self.speaker_right += other.speaker_right;
        self.partial_gold += other.partial_gold;
        self.partial_suggested += other.partial_suggested;
        self.partial_exact += other.partial_exact;
        self.person_gold += other.person_gold;
        self.person_suggested += other.person_suggested;
        self.person_exact += other.person_exact;
        for (rule, record) in &other.speakers_by_rule {
            let total = self.speakers_by_rule.entry(rule.clone()).or_default();
            total.right += record.right;
            total.wrong += record.wrong;
        }
    }

    /// The speakers-by-rule table: a header, then per rule id (the most frequent first) a line
    /// with its right, wrong and share right, and under it one line per speaker form and
    /// `refers_to` rule it was chosen with.
    pub fn speaker_rule_lines(&self) -> Vec<String> {
        let row = |what: String, record: &Record| {
            format!(
                "{what:<52} {:>5} {:>5} {:>6.3}",
                record.right,
                record.wrong,
                ratio(record.right, record.right + record.wrong)
            )
        };
        // Per rule id: its total, and its rows by form and `refers_to` rule.
        type Rows<'a> = Vec<(&'a SpeakerRule, &'a Record)>;
        let mut by_rule: BTreeMap<&str, (Record, Rows)> = BTreeMap::new();
        for (rule, record) in &self.speakers_by_rule {
            let entry = by_rule.entry(rule.rule.as_str()).or_default();
            entry.0.right += record.right;
            entry.0.wrong += record.wrong;
            entry.1.push((rule, record));
        }
        let mut rules: Vec<_> = by_rule.into_iter().collect();
        rules.sort_by_key(|(rule, (total, _))| {
            (std::cmp::Reverse(total.right + total.wrong), *rule)
        });
        let mut lines = vec![format!(
            "{:<52} {:>5} {:>5} {:>6}",
            "rule id / (speaker form) -> refers_to rule", "right", "wrong", "share"
        )];
        for (rule, (total, mut rows)) in rules {
            lines.push(row(rule.to_string(), &total));
            rows.sort_by_key(|(_, r)| std::cmp::Reverse(r.right + r.wrong));
            for (chosen, record) in rows {
                let via = chosen
                    .via
                    .as_ref()
                    .map_or(String::new(), |via| format!(" -> {via}"));
                lines.push(row(format!("    ({}){via}", chosen.form), record));
            }
        }
        lines
    }

    /// The misses of one kind.
    pub fn misses_of(&self, kind: MissKind) -> impl Iterator<Item = &Miss> {
        self.misses.iter().filter(move |m| m.kind == kind)
    }
}

fn quote_type(span: &Span) -> Option<&str> {
    span.attributes
        .get(vocab::QUOTE_TYPE)
        .and_then(|v| v.as_str())
}

fn spans_where(set: &AnnotationSet, keep: impl Fn(&Span) -> bool) -> Vec<&Span> {
    set.spans_ordered().filter(|s| keep(s)).collect()
}

/// The canonical text of the speaker of `quote`: its first `said_by` target, followed along
/// `refers_to` links.
pub fn speaker_text(set: &AnnotationSet, quote: SpanId) -> Option<String> {
    let mut target = set
        .relations()
        .filter(|r| r.label == vocab::SAID_BY && r.from == quote)
        .min_by_key(|r| r.id)?
        .to;
    let mut seen = HashSet::new();
    while seen.insert(target) {
        match set
            .relations()
            .filter(|r| r.label == vocab::REFERS_TO && r.from == target)
            .min_by_key(|r| r.id)
        {
            Some(link) => target = link.to,
            None => break,
        }
    }
    set.span(target).map(|s| set.span_text(s).to_string())
}

/// What chose the speaker of `quote` in `set` (see [`SpeakerRule`]).
fn speaker_rule(set: &AnnotationSet, quote: &Span) -> SpeakerRule {
    let link = set
        .relations()
        .filter(|r| r.label == vocab::SAID_BY && r.from == quote.id)
        .min_by_key(|r| r.id);
    let via = link.and_then(|link| {
        set.relations()
            .filter(|r| r.label == vocab::REFERS_TO && r.from == link.to)
            .min_by_key(|r| r.id)
            .map(|r| rule_of(r.origin.as_deref()))
    });
    SpeakerRule {
        rule: rule_of(link.and_then(|r| r.origin.as_deref())),
        form: quote
            .attributes
            .get(vocab::SPEAKER_FORM)
            .and_then(|v| v.as_str())
            .unwrap_or("none")
            .to_string(),
        via,
    }
}

/// The rule id of an origin (`rule:quote.curly` -> `quote.curly`); `none` without one.
fn rule_of(origin: Option<&str>) -> String {
    origin.map_or_else(
        || "none".to_string(),
        |o| o.strip_prefix(ORIGIN_PREFIX).unwrap_or(o).to_string(),
    )
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Run the suggester on the text of `gold` and score its suggestions.
pub fn evaluate(gold: &AnnotationSet) -> Result<Scores, EditError> {
    let mut document = Document::new(gold.text().as_str());
    document.metadata = gold.document.metadata.clone();
    let mut fresh = AnnotationSet::new(document, gold.schema.clone());
    let suggestions = suggest(&mut fresh, &Options::default());
    apply(&mut fresh, suggestions.edit)?;
    Ok(compare(gold, &fresh))
}

/// Exact matching of one kind of span: counts and the misses both ways. A missed gold span
/// takes the rule of a found span overlapping it (its boundaries differ), else `none`.
struct Matched {
    gold: usize,
    found: usize,
    exact: usize,
}

fn match_exact(
    gold: &AnnotationSet,
    gold_spans: &[&Span],
    found: &AnnotationSet,
    found_spans: &[&Span],
    missed: MissKind,
    spurious: MissKind,
    misses: &mut Vec<Miss>,
) -> Matched {
    let found_ranges: HashSet<Range<usize>> = found_spans.iter().map(|s| s.range()).collect();
    let gold_ranges: HashSet<Range<usize>> = gold_spans.iter().map(|s| s.range()).collect();
    let mut exact = 0;
    for g in gold_spans {
        if found_ranges.contains(&g.range()) {
            exact += 1;
            continue;
        }
        let near = found_spans
            .iter()
            .find(|f| overlap(&g.range(), &f.range()) > 0);
        misses.push(Miss {
            kind: missed,
            rule: rule_of(near.and_then(|f| f.origin.as_deref())),
            start: g.start,
            text: gold.span_text(g).to_string(),
            detail: None,
        });
    }
    for f in found_spans {
        if !gold_ranges.contains(&f.range()) {
            misses.push(Miss {
                kind: spurious,
                rule: rule_of(f.origin.as_deref()),
                start: f.start,
                text: found.span_text(f).to_string(),
                detail: None,
            });
        }
    }
    Matched {
        gold: gold_spans.len(),
        found: found_spans.len(),
        exact,
    }
}

/// Score the suggestions in `found` against `gold` (same text).
pub fn compare(gold: &AnnotationSet, found: &AnnotationSet) -> Scores {
    let is_quote = |s: &Span| s.label == vocab::QUOTE;
    let gold_direct = spans_where(gold, |s| {
        is_quote(s) && quote_type(s) == Some(vocab::DIRECT)
    });
    let found_direct = spans_where(found, |s| {
        is_quote(s) && quote_type(s) != Some(vocab::PARTIAL)
    });
    let gold_partial = spans_where(gold, |s| {
        is_quote(s) && quote_type(s) == Some(vocab::PARTIAL)
    });
    let found_partial = spans_where(found, |s| {
        is_quote(s) && quote_type(s) == Some(vocab::PARTIAL)
    });
    let gold_person = spans_where(gold, |s| s.label == vocab::PERSON);
    let found_person = spans_where(found, |s| s.label == vocab::PERSON);

    let mut scores = Scores::default();
    let mut misses = Vec::new();
    let direct = match_exact(
        gold,
        &gold_direct,
        found,
        &found_direct,
        MissKind::MissedQuote,
        MissKind::SpuriousQuote,
        &mut misses,
    );
    scores.gold = direct.gold;
    scores.suggested = direct.found;
    scores.exact = direct.exact;
    let partial = match_exact(
        gold,
        &gold_partial,
        found,
        &found_partial,
        MissKind::MissedPartial,
        MissKind::SpuriousPartial,
        &mut misses,
    );
    scores.partial_gold = partial.gold;
    scores.partial_suggested = partial.found;
    scores.partial_exact = partial.exact;
    let person = match_exact(
        gold,
        &gold_person,
        found,
        &found_person,
        MissKind::MissedPerson,
        MissKind::SpuriousPerson,
        &mut misses,
    );
    scores.person_gold = person.gold;
    scores.person_suggested = person.found;
    scores.person_exact = person.exact;

    for g in &gold_direct {
        let range = g.range();
        if found_direct
            .iter()
            .any(|f| overlap(&range, &f.range()) as f64 >= OVERLAP_SHARE * g.len() as f64)
        {
            scores.overlap_found += 1;
        }
        let Some(f) = found_direct.iter().find(|f| f.range() == range) else {
            continue;
        };
        let gold_speaker = speaker_text(gold, g.id);
        let found_speaker = speaker_text(found, f.id);
        let chosen_by = speaker_rule(found, f);
        let record = scores
            .speakers_by_rule
            .entry(chosen_by.clone())
            .or_default();
        if gold_speaker.is_some() && gold_speaker == found_speaker {
            scores.speaker_right += 1;
            record.right += 1;
        } else {
            record.wrong += 1;
            misses.push(Miss {
                kind: MissKind::WrongSpeaker,
                rule: chosen_by.rule,
                start: g.start,
                text: gold.span_text(g).to_string(),
                detail: Some((
                    gold_speaker.unwrap_or_else(|| "(none)".into()),
                    found_speaker.unwrap_or_else(|| "(none)".into()),
                )),
            });
        }
    }
    for f in &found_direct {
        let range = f.range();
        if gold_direct
            .iter()
            .any(|g| overlap(&range, &g.range()) as f64 >= OVERLAP_SHARE * f.len() as f64)
        {
            scores.overlap_right += 1;
        }
    }
    misses.sort_by_key(|m| (m.kind, m.start));
    scores.misses = misses;
    scores
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::add_span;
    use crate::model::schema::Schema;

    const TEXT: &str = "“We will not wait,” said Ana Ferreira. Critics called it “a farce”.\n";

    fn gold() -> AnnotationSet {
        let mut set = AnnotationSet::new(Document::new(TEXT), Schema::default());
        for (label, range, kind) in [
            ("QUOTE", 1..18, Some("direct")),
            ("PERSON", 25..37, None),
            ("QUOTE", 58..65, Some("partial")),
        ] {
            let edit = add_span(&mut set, label, range);
            apply(&mut set, edit).unwrap();
            if let Some(kind) = kind {
                let id = set.spans_ordered().last().unwrap().id;
                let mut span = set.span(id).unwrap().clone();
                span.attributes
                    .insert(vocab::QUOTE_TYPE.into(), serde_json::Value::from(kind));
                apply(&mut set, crate::model::edit::Edit::UpdateSpan(span)).unwrap();
            }
        }
        set
    }

    #[test]
    fn an_empty_suggester_has_precision_zero() {
        let gold = gold();
        let empty = AnnotationSet::new(Document::new(TEXT), Schema::default());
        let scores = compare(&gold, &empty);
        assert_eq!(scores.suggested, 0);
        assert_eq!(scores.precision(), 0.0);
        assert_eq!(scores.recall(), 0.0);
        assert_eq!(scores.person_precision(), 0.0);
        assert_eq!(scores.partial_precision(), 0.0);
        assert_eq!(scores.speaker_accuracy(), 0.0);
        let missed: Vec<(MissKind, &str)> = scores
            .misses
            .iter()
            .map(|m| (m.kind, m.rule.as_str()))
            .collect();
        assert_eq!(
            missed,
            [
                (MissKind::MissedQuote, "none"),
                (MissKind::MissedPartial, "none"),
                (MissKind::MissedPerson, "none")
            ]
        );
    }

    #[test]
    fn gold_against_itself_scores_full_marks_on_each_kind() {
        let gold = gold();
        let scores = compare(&gold, &gold);
        assert_eq!((scores.gold, scores.exact), (1, 1));
        assert_eq!((scores.partial_gold, scores.partial_exact), (1, 1));
        assert_eq!((scores.person_gold, scores.person_exact), (1, 1));
        assert_eq!(scores.precision(), 1.0);
        assert_eq!(scores.partial_recall(), 1.0);
        assert_eq!(scores.person_precision(), 1.0);
        // No speaker link in this gold: the speaker counts as wrong, with no rule.
        assert_eq!(scores.speaker_right, 0);
        let miss = scores.misses_of(MissKind::WrongSpeaker).next().unwrap();
        assert_eq!(miss.rule, "none");
        assert_eq!(miss.detail, Some(("(none)".into(), "(none)".into())));
    }

    #[test]
    fn misses_carry_the_rule_that_made_them() {
        let gold = gold();
        let mut found = AnnotationSet::new(Document::new(TEXT), Schema::default());
        // Only the family name, found by some rule: the gold full name is missed, this one spurious.
        let edit = add_span(&mut found, "PERSON", 29..37);
        apply(&mut found, edit).unwrap();
        let id = found.spans_ordered().next().unwrap().id;
        let mut span = found.span(id).unwrap().clone();
        span.origin = Some("rule:name.person".into());
        apply(&mut found, crate::model::edit::Edit::UpdateSpan(span)).unwrap();
        let scores = compare(&gold, &found);
        let person: Vec<(MissKind, String)> = scores
            .misses
            .iter()
            .filter(|m| matches!(m.kind, MissKind::MissedPerson | MissKind::SpuriousPerson))
            .map(|m| (m.kind, m.rule.clone()))
            .collect();
        assert_eq!(
            person,
            [
                (MissKind::MissedPerson, "name.person".to_string()),
                (MissKind::SpuriousPerson, "name.person".to_string())
            ]
        );
        assert_eq!(scores.person_precision(), 0.0);
    }

    /// Each matched quote's speaker is counted right or wrong under what chose it: the rule
    /// of its `said_by` link and the quote's `speaker_form`.
    #[test]
    fn speakers_are_counted_by_the_rule_that_chose_them() {
        let mut gold = gold();
        let (quote, person) = {
            let spans: Vec<&Span> = gold.spans_ordered().collect();
            (spans[0].id, spans[1].id)
        };
        let id = gold.new_relation_id();
        let link = crate::model::Relation {
            id,
            label: vocab::SAID_BY.into(),
            from: quote,
            to: person,
            origin: None,
            review: Default::default(),
        };
        apply(&mut gold, crate::model::edit::Edit::AddRelation(link)).unwrap();
        let after_verb = SpeakerRule {
            rule: "speaker.after-verb".into(),
            form: "name".into(),
            via: None,
        };
        // The suggester finds "said Ana Ferreira" after the quote: right.
        let scores = evaluate(&gold).unwrap();
        assert_eq!(scores.speaker_right, 1);
        assert_eq!(
            scores.speakers_by_rule.get(&after_verb),
            Some(&Record { right: 1, wrong: 0 })
        );
        // Against a gold with no speaker the same choice is wrong, under the same rule.
        let mut found = AnnotationSet::new(Document::new(TEXT), Schema::default());
        let suggestions = suggest(&mut found, &Options::default());
        apply(&mut found, suggestions.edit).unwrap();
        let mut total = compare(&self::gold(), &found);
        assert_eq!(
            total.speakers_by_rule.get(&after_verb),
            Some(&Record { right: 0, wrong: 1 })
        );
        total.add(&scores);
        assert_eq!(
            total.speakers_by_rule.get(&after_verb),
            Some(&Record { right: 1, wrong: 1 })
        );
        let lines = total.speaker_rule_lines();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines[1].starts_with("speaker.after-verb ") && lines[1].ends_with("0.500"),
            "{lines:?}"
        );
        assert!(
            lines[2].starts_with("    (name) ") && lines[2].ends_with("0.500"),
            "{lines:?}"
        );
    }
}
