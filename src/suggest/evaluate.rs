//! Measuring the quote suggester against a gold set: the suggester runs on the gold text alone
//! (a fresh set, the gold annotations unseen) and its QUOTE suggestions are compared with the
//! gold QUOTE spans whose `type` is `direct`.
//!
//! - exact: a suggested quote is right when its range (so its text) equals a gold quote's;
//! - overlap: as the Gender Gap Tracker counts, a gold quote is found when a suggestion covers
//!   at least 30% of its characters, and a suggestion is right when at least 30% of its
//!   characters are in a gold quote;
//! - speaker: of the exactly matched quotes, the share whose suggested `said_by` target has the
//!   same text as the gold one, both resolved along `refers_to` to the canonical mention.

use std::collections::HashSet;
use std::ops::Range;

use crate::model::edit::{EditError, apply};
use crate::model::set::{AnnotationSet, Document};
use crate::model::span::{Span, SpanId};

use super::{Options, suggest, vocab};

/// The share of characters that must overlap for the overlap figures.
pub const OVERLAP_SHARE: f64 = 0.3;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    pub gold: usize,
    pub suggested: usize,
    pub exact: usize,
    /// Gold quotes found at 30% overlap.
    pub overlap_found: usize,
    /// Suggestions right at 30% overlap.
    pub overlap_right: usize,
    /// Exactly matched quotes whose speaker is right.
    pub speaker_right: usize,
    /// Exact matches whose speaker is wrong or missing, with both names, for the report.
    pub speaker_misses: Vec<(String, String, String)>,
    /// Gold direct quotes not found exactly, and suggestions not in the gold, as texts.
    pub missed: Vec<String>,
    pub spurious: Vec<String>,
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        1.0
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

    pub fn add(&mut self, other: &Scores) {
        self.gold += other.gold;
        self.suggested += other.suggested;
        self.exact += other.exact;
        self.overlap_found += other.overlap_found;
        self.overlap_right += other.overlap_right;
        self.speaker_right += other.speaker_right;
    }
}

fn direct_quotes(set: &AnnotationSet, only_direct: bool) -> Vec<&Span> {
    set.spans_ordered()
        .filter(|s| s.label == vocab::QUOTE)
        .filter(|s| {
            !only_direct
                || s.attributes.get(vocab::QUOTE_TYPE).and_then(|v| v.as_str())
                    == Some(vocab::DIRECT)
        })
        .collect()
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

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Run the suggester on the text of `gold` and score its quotes.
pub fn evaluate(gold: &AnnotationSet) -> Result<Scores, EditError> {
    let mut document = Document::new(gold.text().as_str());
    document.metadata = gold.document.metadata.clone();
    let mut fresh = AnnotationSet::new(document, gold.schema.clone());
    let suggestions = suggest(&mut fresh, &Options::default());
    apply(&mut fresh, suggestions.edit)?;
    Ok(compare(gold, &fresh))
}

/// Score the QUOTE spans of `found` against the direct QUOTE spans of `gold` (same text).
pub fn compare(gold: &AnnotationSet, found: &AnnotationSet) -> Scores {
    let gold_quotes = direct_quotes(gold, true);
    let found_quotes = direct_quotes(found, false);
    let mut scores = Scores {
        gold: gold_quotes.len(),
        suggested: found_quotes.len(),
        ..Scores::default()
    };
    for g in &gold_quotes {
        let range = g.range();
        if found_quotes
            .iter()
            .any(|f| overlap(&range, &f.range()) as f64 >= OVERLAP_SHARE * g.len() as f64)
        {
            scores.overlap_found += 1;
        }
        match found_quotes.iter().find(|f| f.range() == range) {
            Some(f) => {
                scores.exact += 1;
                let gold_speaker = speaker_text(gold, g.id);
                let found_speaker = speaker_text(found, f.id);
                if gold_speaker.is_some() && gold_speaker == found_speaker {
                    scores.speaker_right += 1;
                } else {
                    scores.speaker_misses.push((
                        gold.span_text(g).to_string(),
                        gold_speaker.unwrap_or_else(|| "(none)".into()),
                        found_speaker.unwrap_or_else(|| "(none)".into()),
                    ));
                }
            }
            None => scores.missed.push(gold.span_text(g).to_string()),
        }
    }
    for f in &found_quotes {
        let range = f.range();
        if gold_quotes
            .iter()
            .any(|g| overlap(&range, &g.range()) as f64 >= OVERLAP_SHARE * f.len() as f64)
        {
            scores.overlap_right += 1;
        }
        if !gold_quotes.iter().any(|g| g.range() == range) {
            scores.spurious.push(found.span_text(f).to_string());
        }
    }
    scores
}
