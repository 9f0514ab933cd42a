//! Who said what: each quote with its speaker, resolved through `refers_to` links to the
//! canonical mention ("Okafor" → "Daniel Okafor"). Pure data, used by the window's quotes
//! panel, the command line and the suggestion evaluation.

use std::collections::HashSet;

use super::schema::LabelKind;
use super::set::AnnotationSet;
use super::span::SpanId;
use super::vocab;

/// One quote (or claim) and who said (or made) it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteRow {
    pub quote: SpanId,
    /// A claim (linked by `claimed_by`), not a quote (`said_by`).
    pub claim: bool,
    /// The span the `said_by` link points to, if any.
    pub speaker: Option<SpanId>,
    /// The end of the speaker's `refers_to` chain (the speaker itself if it has none).
    pub canonical: Option<SpanId>,
    /// The canonical mention's text, or `"(no speaker)"`.
    pub speaker_name: String,
}

pub const NO_SPEAKER: &str = "(no speaker)";
/// A claim with no `claimed_by` link.
pub const NO_CLAIMANT: &str = "(no one linked)";

/// Follow `refers_to` links from `span` to the mention they end at (cycles are cut).
pub fn canonical(set: &AnnotationSet, span: SpanId) -> SpanId {
    let mut current = span;
    let mut seen = HashSet::from([span]);
    while let Some(next) = set
        .relations_of(current)
        .find(|r| r.label == vocab::REFERS_TO && r.from == current)
        .map(|r| r.to)
    {
        if !seen.insert(next) {
            break;
        }
        current = next;
    }
    current
}

/// Every span whose label has kind `quote`, in document order, with its resolved speaker.
/// A quote that continues another (`continues`) inherits the speaker of the part before it
/// when it has none of its own.
pub fn quotes(set: &AnnotationSet) -> Vec<QuoteRow> {
    rows(set, &[LabelKind::Quote])
}

/// Quotes and claims (spans whose label has kind `claim`, with their `claimed_by` link), in
/// document order: who said or claimed what.
pub fn statements(set: &AnnotationSet) -> Vec<QuoteRow> {
    rows(set, &[LabelKind::Quote, LabelKind::Claim])
}

fn rows(set: &AnnotationSet, kinds: &[LabelKind]) -> Vec<QuoteRow> {
    let kind_of: std::collections::HashMap<&str, LabelKind> = set
        .schema
        .labels
        .iter()
        .filter(|l| kinds.contains(&l.kind))
        .map(|l| (l.name.as_str(), l.kind))
        .collect();
    set.spans_ordered()
        .filter_map(|s| kind_of.get(s.label.as_str()).map(|kind| (s, *kind)))
        .map(|(quote, kind)| {
            let claim = kind == LabelKind::Claim;
            let link = if claim {
                vocab::CLAIMED_BY
            } else {
                vocab::SAID_BY
            };
            let speaker = speaker_of(set, quote.id, link);
            let canonical = speaker.map(|s| canonical(set, s));
            let speaker_name = canonical.and_then(|c| set.span(c)).map_or_else(
                || if claim { NO_CLAIMANT } else { NO_SPEAKER }.to_string(),
                |s| set.span_text(s).replace('\n', " "),
            );
            QuoteRow {
                quote: quote.id,
                claim,
                speaker,
                canonical,
                speaker_name,
            }
        })
        .collect()
}

/// How many paragraphs before a quote's own one its speaker candidates are looked for in.
pub const CANDIDATE_PARAGRAPHS_BEFORE: usize = 3;

/// The link a quote or claim points at its speaker with: `said_by` or `claimed_by`, the one
/// the schema allows from its label (`None` for a label neither starts from).
pub fn speaker_link_of(set: &AnnotationSet, label: &str) -> Option<&'static str> {
    vocab::relation::ONE_TARGET.into_iter().find(|link| {
        set.schema
            .relations
            .iter()
            .any(|r| r.name == *link && r.from.iter().any(|l| l == label))
    })
}

/// Who else a quote's (or claim's) speaker could be, nearest first: the spans `link` may
/// point at from it (by the schema), people and named sources before organisations and
/// places; outside it, in its paragraph, then the [`CANDIDATE_PARAGRAPHS_BEFORE`] paragraphs
/// before (nearest first), then the one after; one per person (the
/// nearest mention of each `refers_to` chain). For reviewing a speaker by keys: the next
/// candidate is one key away, not a mouse trip.
pub fn speaker_candidates(set: &AnnotationSet, quote: SpanId, link: &str) -> Vec<SpanId> {
    let Some(quote) = set.span(quote) else {
        return Vec::new();
    };
    let text = set.text();
    let blocks = text.blocks();
    if blocks.is_empty() {
        return Vec::new();
    }
    // Paragraphs: blocks with text that do not continue a cut line.
    let starts_paragraph = |i: usize| {
        let block = &blocks[i];
        !block.continues_line && !text.slice(block.chars.clone()).trim().is_empty()
    };
    let mut first = text.block_at(quote.start);
    let mut before = 0;
    while first > 0 && before < CANDIDATE_PARAGRAPHS_BEFORE {
        first -= 1;
        if starts_paragraph(first) {
            before += 1;
        }
    }
    let mut last = text.block_at(quote.end.saturating_sub(1).max(quote.start));
    let mut after = 0;
    while last + 1 < blocks.len() {
        if starts_paragraph(last + 1) {
            if after == 1 {
                break;
            }
            after += 1;
        }
        last += 1;
    }
    let window = blocks[first].chars.start..blocks[last].chars.end;
    // The quote's own paragraph (a long line is cut into several blocks).
    let mut own_first = text.block_at(quote.start);
    while own_first > 0 && blocks[own_first].continues_line {
        own_first -= 1;
    }
    let mut own_last = text.block_at(quote.end.saturating_sub(1).max(quote.start));
    while own_last + 1 < blocks.len() && blocks[own_last + 1].continues_line {
        own_last += 1;
    }
    let own = blocks[own_first].chars.start..blocks[own_last].chars.end;
    // Its paragraph first, then the ones before (nearest first), then the one after.
    let zone = |start: usize, end: usize| {
        if start >= own.start && end <= own.end {
            0
        } else if end <= quote.start {
            1
        } else {
            2
        }
    };
    let distance = |start: usize, end: usize| {
        if end <= quote.start {
            quote.start - end
        } else {
            start.saturating_sub(quote.end)
        }
    };
    let mut found: Vec<(bool, u8, usize, usize, SpanId)> = set
        .spans_overlapping(window)
        .into_iter()
        .filter(|s| s.end <= quote.start || s.start >= quote.end)
        .filter(|s| {
            set.schema
                .relation_refusal(link, &quote.label, &s.label)
                .is_none()
        })
        // People (and named sources) first, then organisations and places: a quote is far
        // more often a person's, and the next key should reach the likely one first.
        .map(|s| {
            let person = matches!(
                s.label.as_str(),
                vocab::label::PERSON | vocab::label::PER | vocab::SOURCE
            );
            (
                !person,
                zone(s.start, s.end),
                distance(s.start, s.end),
                s.start,
                s.id,
            )
        })
        .collect();
    found.sort();
    let mut people = HashSet::new();
    found
        .into_iter()
        .filter(|&(_, _, _, _, id)| people.insert(canonical(set, id)))
        .map(|(_, _, _, _, id)| id)
        .collect()
}

fn speaker_of(set: &AnnotationSet, quote: SpanId, link: &str) -> Option<SpanId> {
    let mut current = quote;
    let mut seen = HashSet::from([quote]);
    loop {
        if let Some(speaker) = set
            .relations_of(current)
            .find(|r| r.label == link && r.from == current)
            .map(|r| r.to)
        {
            return Some(speaker);
        }
        let earlier = set
            .relations_of(current)
            .find(|r| r.label == vocab::CONTINUES && r.from == current)
            .map(|r| r.to)?;
        if !seen.insert(earlier) {
            return None;
        }
        current = earlier;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{self, Edit};
    use crate::model::{Document, Relation, Review, Schema};

    fn link(set: &mut AnnotationSet, label: &str, from: SpanId, to: SpanId) {
        let relation = Relation {
            id: set.new_relation_id(),
            label: label.into(),
            from,
            to,
            origin: None,
            review: Review::Accepted,
        };
        edit::apply(set, Edit::AddRelation(relation)).unwrap();
    }

    fn add(set: &mut AnnotationSet, label: &str, needle: &str, nth: usize) -> SpanId {
        let text = set.text().as_str().to_string();
        let byte = text.match_indices(needle).nth(nth).unwrap().0;
        let start = text[..byte].chars().count();
        let e = edit::add_span(set, label, start..start + needle.chars().count());
        let Edit::AddSpan(span) = &e else {
            unreachable!()
        };
        let id = span.id;
        edit::apply(set, e).unwrap();
        id
    }

    #[test]
    fn claims_come_with_who_made_them() {
        let text = "Daniel Okafor said wages fell 4% last year. Okafor added that “we stay”.";
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        let daniel = add(&mut set, "PERSON", "Daniel Okafor", 0);
        let surname = add(&mut set, "PERSON", "Okafor", 1);
        let claim = add(&mut set, "CLAIM", "wages fell 4% last year", 0);
        let quote = add(&mut set, "QUOTE", "we stay", 0);
        link(&mut set, "claimed_by", claim, surname);
        link(&mut set, "refers_to", surname, daniel);
        link(&mut set, "said_by", quote, surname);
        let rows = statements(&set);
        assert_eq!(rows.len(), 2);
        assert!(rows[0].claim && rows[0].quote == claim);
        assert_eq!(rows[0].speaker_name, "Daniel Okafor");
        assert!(!rows[1].claim && rows[1].speaker_name == "Daniel Okafor");
        assert_eq!(quotes(&set).len(), 1, "quotes alone leave the claim out");
        let orphan = add(&mut set, "CLAIM", "last year", 0);
        let rows = statements(&set);
        let row = rows.iter().find(|r| r.quote == orphan).unwrap();
        assert_eq!(row.speaker_name, NO_CLAIMANT);
    }

    #[test]
    fn speakers_resolve_through_refers_to_and_split_quotes() {
        let text = "By Lena Okafor\n“We stay,” said Daniel Okafor. “Not now,” Okafor added, “maybe later.” “No,” a spokesperson said.";
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        let byline = add(&mut set, "PERSON", "Lena Okafor", 0);
        let daniel = add(&mut set, "PERSON", "Daniel Okafor", 0);
        let surname = add(&mut set, "PERSON", "Okafor", 2);
        let q1 = add(&mut set, "QUOTE", "We stay,", 0);
        let q2 = add(&mut set, "QUOTE", "Not now,", 0);
        let q3 = add(&mut set, "QUOTE", "maybe later.", 0);
        let q4 = add(&mut set, "QUOTE", "No,", 0);
        let source = add(&mut set, "SOURCE", "a spokesperson", 0);
        link(&mut set, "said_by", q1, daniel);
        link(&mut set, "said_by", q2, surname);
        link(&mut set, "refers_to", surname, daniel);
        link(&mut set, "continues", q3, q2);
        link(&mut set, "said_by", q4, source);
        let rows = quotes(&set);
        let names: Vec<&str> = rows.iter().map(|r| r.speaker_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Daniel Okafor",
                "Daniel Okafor",
                "Daniel Okafor",
                "a spokesperson"
            ]
        );
        assert!(rows.iter().all(|r| r.canonical != Some(byline)));
        // A refers_to cycle does not hang.
        link(&mut set, "refers_to", daniel, surname);
        assert_eq!(quotes(&set).len(), 4);
    }
}
