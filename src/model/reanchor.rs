//! Re-anchoring: moving a set's spans onto a changed version of its article.
//!
//! Each span is placed, in order of preference:
//! 1. **same**: its text is still at the same offsets;
//! 2. **moved**: its text occurs elsewhere; among the occurrences the one whose surrounding
//!    text (up to [`CONTEXT_CHARS`] before and after) matches best wins, ties going to the
//!    occurrence nearest the old position (shifted by the change in length before it);
//! 3. **unplaced**: its text no longer occurs. It is kept in [`ReanchorReport::unplaced`] with
//!    its text and context, never dropped; so are relations that lose an end.
//!
//! The suggestions the annotator rejected ([`Rejected`]) move the same way, a span by its
//! range and a link by the ranges of its two ends, so that suggesting on the new text does not
//! bring them back. One that cannot be placed is dropped (a suggestion of that text at that
//! place can no longer be made) and named in [`ReanchorReport::dropped_rejections`].
//!
//! A gold set's curation record moves too: each decision's stretch and decided spans, and the
//! ends of each relation decision. A decision with a part that cannot be placed is dropped
//! (the curator decides that stretch again) and named in
//! [`ReanchorReport::dropped_decisions`].

use std::collections::HashMap;

use super::curation::{CurationRecord, DecidedSpan, Decision, RelationDecision, SpanRef};
use super::edit::{self, Edit};
use super::set::{AnnotationSet, Document, Rejected};
use super::span::{Relation, Span, SpanId};
use super::text::Text;
use crate::formats::visible::count;

/// How many code points of context on each side are compared.
pub const CONTEXT_CHARS: usize = 32;

/// A span that was placed at other offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub span_id: SpanId,
    pub from: (usize, usize),
    pub to: (usize, usize),
}

/// A span that could not be placed, with everything needed to place it by hand.
#[derive(Clone, Debug, PartialEq)]
pub struct Unplaced {
    pub span: Span,
    /// The text it covered in the old article.
    pub text: String,
    pub prefix: String,
    pub suffix: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReanchorReport {
    pub same: usize,
    pub moved: Vec<Moved>,
    pub unplaced: Vec<Unplaced>,
    /// Relations left out because an end is unplaced.
    pub unplaced_relations: Vec<Relation>,
    /// Remembered rejections whose text no longer occurs, with the text they covered (a
    /// link's: its two ends'). They are dropped: they do not make the report incomplete.
    pub dropped_rejections: Vec<DroppedRejection>,
    /// A gold set's curation decisions with a part whose text no longer occurs, each named
    /// with its stretch and text (`entity 10..25 "Ana Lima"`). They are dropped.
    pub dropped_decisions: Vec<String>,
}

/// A remembered rejection that could not be placed on the new text.
#[derive(Clone, Debug, PartialEq)]
pub struct DroppedRejection {
    pub rejected: Rejected,
    /// The text it covered in the old article (a link's ends joined by " -> ").
    pub text: String,
    pub reason: String,
}

impl ReanchorReport {
    pub fn is_complete(&self) -> bool {
        self.unplaced.is_empty() && self.unplaced_relations.is_empty()
    }
}

/// How many moved spans the report lists unless asked for all (`{:#}`).
const MOVED_SHOWN: usize = 10;

/// The summary, then every item that could not be placed (what needs the user), then the
/// moved spans: the first few, or all of them with the alternate form (`{report:#}`).
impl std::fmt::Display for ReanchorReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} in place, {} moved, {} could not be placed",
            count(self.same, "span", "spans"),
            self.moved.len(),
            self.unplaced.len()
        )?;
        if !self.dropped_rejections.is_empty() {
            let n = self.dropped_rejections.len();
            writeln!(
                f,
                "{} dropped: {} no longer occurs, so {} be suggested again",
                count(n, "rejected suggestion", "rejected suggestions"),
                if n == 1 { "its text" } else { "their text" },
                if n == 1 { "it cannot" } else { "they cannot" }
            )?;
        }
        if !self.dropped_decisions.is_empty() {
            let n = self.dropped_decisions.len();
            writeln!(
                f,
                "{} dropped: {} no longer occurs, so the curator decides {} again",
                count(n, "curation decision", "curation decisions"),
                if n == 1 { "its text" } else { "their text" },
                if n == 1 {
                    "that stretch"
                } else {
                    "those stretches"
                }
            )?;
        }
        for unplaced in &self.unplaced {
            writeln!(
                f,
                "  UNPLACED span {} {} {}..{} {:?}: {}",
                unplaced.span.id.0,
                unplaced.span.label,
                unplaced.span.start,
                unplaced.span.end,
                unplaced.text,
                unplaced.reason
            )?;
        }
        for relation in &self.unplaced_relations {
            writeln!(
                f,
                "  UNPLACED relation {} ({} {} -> {})",
                relation.id.0, relation.label, relation.from.0, relation.to.0
            )?;
        }
        for dropped in &self.dropped_rejections {
            let what = match &dropped.rejected {
                Rejected::Span { label, start, end } => format!("span {label} {start}..{end}"),
                Rejected::Link { label, from, to } => format!(
                    "link {label} {}..{} -> {}..{}",
                    from[0], from[1], to[0], to[1]
                ),
            };
            writeln!(
                f,
                "  DROPPED rejected {what} {:?}: {}",
                dropped.text, dropped.reason
            )?;
        }
        for decision in &self.dropped_decisions {
            writeln!(f, "  DROPPED curation decision {decision}")?;
        }
        let shown = if f.alternate() {
            self.moved.len()
        } else {
            self.moved.len().min(MOVED_SHOWN)
        };
        for moved in &self.moved[..shown] {
            let (from, to) = (moved.from, moved.to);
            writeln!(
                f,
                "  moved   span {}: {}..{} -> {}..{}",
                moved.span_id.0, from.0, from.1, to.0, to.1
            )?;
        }
        if shown < self.moved.len() {
            writeln!(
                f,
                "  and {} more moved (`--verbose` lists every one)",
                self.moved.len() - shown
            )?;
        }
        Ok(())
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn context(text: &Text, start: usize, end: usize) -> (&str, &str) {
    (
        text.slice(start.saturating_sub(CONTEXT_CHARS)..start),
        text.slice(end..end + CONTEXT_CHARS),
    )
}

/// Place one span's text in `new`. Returns the new range or why it failed.
fn place(old: &Text, new: &Text, span: &Span) -> Result<(usize, usize), String> {
    place_range(old, new, (span.start, span.end))
}

/// Place the text of `old`'s range `(start, end)` in `new`: the same offsets if the text is
/// still there, else the occurrence whose context matches best.
fn place_range(old: &Text, new: &Text, range: (usize, usize)) -> Result<(usize, usize), String> {
    let (from, to) = range;
    if from >= to || to > old.char_len() {
        return Err(format!(
            "{from}..{to} is no range of the old article ({} characters)",
            old.char_len()
        ));
    }
    let wanted = old.slice(from..to);
    if to <= new.char_len() && new.slice(from..to) == wanted {
        return Ok(range);
    }
    let (prefix, suffix) = context(old, from, to);
    let length = to - from;
    // Expected position: shift by the length change, assuming the edit happened before it.
    let shift = new.char_len() as isize - old.char_len() as isize;
    let expected = from as isize + shift;
    let mut best: Option<((usize, isize), usize)> = None;
    for (byte, _) in new.as_str().match_indices(wanted) {
        let start = new.byte_to_char(byte);
        let (new_prefix, new_suffix) = context(new, start, start + length);
        let score = common_suffix(prefix, new_prefix) + common_prefix(suffix, new_suffix);
        let distance = (start as isize - expected)
            .abs()
            .min((start as isize - from as isize).abs());
        let key = (score, -distance);
        if best.is_none_or(|(b, _)| key > b) {
            best = Some((key, start));
        }
    }
    match best {
        Some((_, start)) => Ok((start, start + length)),
        None => Err("its text no longer occurs in the article".into()),
    }
}

/// Move `old_set`'s spans onto `new_text`. The returned set has the new text, the same
/// schema, labels and metadata; spans keep their ids. Nothing is dropped silently: spans and
/// relations that cannot be placed are in the report.
pub fn reanchor(old_set: &AnnotationSet, new_text: &str) -> (AnnotationSet, ReanchorReport) {
    let old = old_set.text();
    let new = Text::new(new_text);
    let document = Document {
        text: new.clone(),
        source: old_set.document.source.clone(),
        encoding: old_set.document.encoding.clone(),
        metadata: old_set.document.metadata.clone(),
        direction: old_set.document.direction,
    };
    let mut set = AnnotationSet::new(document, old_set.schema.clone());
    set.annotator = old_set.annotator.clone();
    set.created = old_set.created.clone();
    set.modified = old_set.modified.clone();
    set.document_labels = old_set.document_labels.clone();
    set.status = old_set.status; // the work's state moves with it
    let mut report = ReanchorReport::default();
    let mut placed: HashMap<SpanId, ()> = HashMap::new();
    for span in old_set.spans_ordered() {
        let text = old.slice(span.range()).to_string();
        let (prefix, suffix) = context(old, span.start, span.end);
        let unplaced = |reason: String| Unplaced {
            span: span.clone(),
            text: text.clone(),
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
            reason,
        };
        match place(old, &new, span) {
            Ok((start, end)) => {
                let mut moved = span.clone();
                moved.start = start;
                moved.end = end;
                match edit::apply(&mut set, Edit::AddSpan(moved)) {
                    Ok(_) => {
                        placed.insert(span.id, ());
                        if (start, end) == (span.start, span.end) {
                            report.same += 1;
                        } else {
                            report.moved.push(Moved {
                                span_id: span.id,
                                from: (span.start, span.end),
                                to: (start, end),
                            });
                        }
                    }
                    Err(error) => report.unplaced.push(unplaced(error.to_string())),
                }
            }
            Err(reason) => report.unplaced.push(unplaced(reason)),
        }
    }
    for relation in old_set.relations() {
        let both = placed.contains_key(&relation.from) && placed.contains_key(&relation.to);
        if !both || edit::apply(&mut set, Edit::AddRelation(relation.clone())).is_err() {
            report.unplaced_relations.push(relation.clone());
        }
    }
    reanchor_rejections(old_set, &new, &mut set, &mut report);
    if let Some(record) = &old_set.curation {
        set.curation = Some(reanchor_curation(record, old, &new, &mut report));
    }
    (set, report)
}

/// A gold set's curation record on the new text (see the module's documentation).
fn reanchor_curation(
    record: &CurationRecord,
    old: &Text,
    new: &Text,
    report: &mut ReanchorReport,
) -> CurationRecord {
    let text_of = |(from, to): (usize, usize)| {
        if from < to && to <= old.char_len() {
            old.slice(from..to).to_string()
        } else {
            String::new()
        }
    };
    let mut moved = CurationRecord {
        decisions: Vec::with_capacity(record.decisions.len()),
        relations: Vec::with_capacity(record.relations.len()),
        ..record.clone()
    };
    for decision in &record.decisions {
        let placed =
            place_range(old, new, (decision.start, decision.end)).and_then(|(start, end)| {
                let spans = decision
                    .spans
                    .iter()
                    .map(|span| {
                        place_range(old, new, (span.start, span.end)).map(|(start, end)| {
                            DecidedSpan {
                                start,
                                end,
                                ..span.clone()
                            }
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Decision {
                    start,
                    end,
                    spans,
                    ..decision.clone()
                })
            });
        match placed {
            Ok(decision) => moved.decisions.push(decision),
            Err(reason) => report.dropped_decisions.push(format!(
                "{} {}..{} {:?}: {reason}",
                format!("{:?}", decision.kind).to_lowercase(),
                decision.start,
                decision.end,
                text_of((decision.start, decision.end))
            )),
        }
    }
    let place_ref = |end: &SpanRef| {
        place_range(old, new, (end.start, end.end)).map(|(start, stop)| SpanRef {
            start,
            end: stop,
            ..end.clone()
        })
    };
    for relation in &record.relations {
        match place_ref(&relation.from).and_then(|from| Ok((from, place_ref(&relation.to)?))) {
            Ok((from, to)) => moved.relations.push(RelationDecision {
                from,
                to,
                ..relation.clone()
            }),
            Err(reason) => report.dropped_decisions.push(format!(
                "on link {} {:?} -> {:?}: {reason}",
                relation.label,
                text_of((relation.from.start, relation.from.end)),
                text_of((relation.to.start, relation.to.end))
            )),
        }
    }
    moved
}

/// Move the remembered rejections onto the new text (see the module's documentation). Each
/// distinct range is placed once, so a rejected span and the links at its ends move together.
fn reanchor_rejections(
    old_set: &AnnotationSet,
    new: &Text,
    set: &mut AnnotationSet,
    report: &mut ReanchorReport,
) {
    let old = old_set.text();
    let mut places: HashMap<(usize, usize), Result<(usize, usize), String>> = HashMap::new();
    let mut place_once = |range: (usize, usize)| {
        places
            .entry(range)
            .or_insert_with(|| place_range(old, new, range))
            .clone()
    };
    let old_text = |(from, to): (usize, usize)| {
        if from < to && to <= old.char_len() {
            old.slice(from..to).to_string()
        } else {
            String::new()
        }
    };
    for rejected in old_set.rejected() {
        let placed = match rejected {
            Rejected::Span { label, start, end } => {
                place_once((*start, *end)).map(|(start, end)| Rejected::Span {
                    label: label.clone(),
                    start,
                    end,
                })
            }
            Rejected::Link { label, from, to } => place_once((from[0], from[1])).and_then(|f| {
                place_once((to[0], to[1])).map(|t| Rejected::Link {
                    label: label.clone(),
                    from: [f.0, f.1],
                    to: [t.0, t.1],
                })
            }),
        };
        match placed {
            Ok(moved) => {
                // Through the one path that changes a set (a rejection already there is fine).
                let _ = edit::apply(set, Edit::RememberRejected(moved));
            }
            Err(reason) => {
                let text = match rejected {
                    Rejected::Span { start, end, .. } => old_text((*start, *end)),
                    Rejected::Link { from, to, .. } => format!(
                        "{} -> {}",
                        old_text((from[0], from[1])),
                        old_text((to[0], to[1]))
                    ),
                };
                report.dropped_rejections.push(DroppedRejection {
                    rejected: rejected.clone(),
                    text,
                    reason,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Schema;

    fn set_over(text: &str, spans: &[(&str, &str, usize)]) -> AnnotationSet {
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        for (label, needle, nth) in spans {
            let byte = text.match_indices(needle).nth(*nth).unwrap().0;
            let start = text[..byte].chars().count();
            let edit = edit::add_span(&mut set, label, start..start + needle.chars().count());
            edit::apply(&mut set, edit).unwrap();
        }
        set
    }

    #[test]
    fn unchanged_moved_ambiguous_and_lost_spans() {
        let old = "Ana Lúcia met Rui in Zürich. Later Rui left Zürich for Porto.";
        let set = set_over(
            old,
            &[
                ("PERSON", "Ana Lúcia", 0),
                ("PERSON", "Rui", 1),
                ("GPE", "Zürich", 1),
                ("GPE", "Porto", 0),
            ],
        );
        // Text inserted at the start; Porto replaced by Lisbon.
        let new = "UPDATE: Ana Lúcia met Rui in Zürich. Later Rui left Zürich for Lisbon.";
        let (moved, report) = reanchor(&set, new);
        assert_eq!(report.same, 0);
        assert_eq!(report.moved.len(), 3, "{report}");
        assert_eq!(report.unplaced.len(), 1);
        assert_eq!(report.unplaced[0].text, "Porto");
        // The second "Rui" and the second "Zürich" went to their own occurrences, by context.
        let texts: Vec<(&str, usize)> = moved
            .spans_ordered()
            .map(|s| (moved.span_text(s), s.start))
            .collect();
        assert_eq!(texts, vec![("Ana Lúcia", 8), ("Rui", 43), ("Zürich", 52)]);
        assert!(report.to_string().contains("UNPLACED span 4 GPE"));
    }

    #[test]
    fn same_text_keeps_everything_in_place() {
        let set = set_over(
            "Ana in Zürich.",
            &[("PERSON", "Ana", 0), ("GPE", "Zürich", 0)],
        );
        let (again, report) = reanchor(&set, "Ana in Zürich.");
        assert_eq!((report.same, report.is_complete()), (2, true));
        assert_eq!(again, set);
    }
}

#[cfg(test)]
mod rejection_tests {
    use super::*;
    use crate::model::{Schema, Span};

    fn range_of(text: &str, needle: &str, nth: usize) -> (usize, usize) {
        let byte = text.match_indices(needle).nth(nth).unwrap().0;
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    }

    fn reject(set: &mut AnnotationSet, rejected: Rejected) {
        edit::apply(set, Edit::RememberRejected(rejected)).unwrap();
    }

    #[test]
    fn rejections_move_with_the_text_and_those_whose_text_is_gone_are_dropped_and_named() {
        let old = "Rui said it. Later Rui met Ana in Porto.";
        let mut set = AnnotationSet::new(Document::new(old), Schema::default());
        let ana = range_of(old, "Ana", 0);
        edit::apply(
            &mut set,
            Edit::AddSpan(Span::new(SpanId(1), "PERSON", ana.0..ana.1)),
        )
        .unwrap();
        let rui = range_of(old, "Rui", 1);
        let porto = range_of(old, "Porto", 0);
        let said = range_of(old, "said", 0);
        reject(
            &mut set,
            Rejected::Span {
                label: "SOURCE".into(),
                start: rui.0,
                end: rui.1,
            },
        );
        reject(
            &mut set,
            Rejected::Span {
                label: "GPE".into(),
                start: porto.0,
                end: porto.1,
            },
        );
        reject(
            &mut set,
            Rejected::Link {
                label: "said_by".into(),
                from: [said.0, said.1],
                to: [rui.0, rui.1],
            },
        );
        // Text inserted before everything; Porto is gone.
        let new = "NEW: Rui said it. Later Rui met Ana in Lisbon.";
        let (moved, report) = reanchor(&set, new);
        let rui_new = range_of(new, "Rui", 1);
        let said_new = range_of(new, "said", 0);
        let expected: std::collections::BTreeSet<Rejected> = [
            Rejected::Span {
                label: "SOURCE".into(),
                start: rui_new.0,
                end: rui_new.1,
            },
            Rejected::Link {
                label: "said_by".into(),
                from: [said_new.0, said_new.1],
                to: [rui_new.0, rui_new.1],
            },
        ]
        .into();
        assert_eq!(moved.rejected(), &expected, "{report}");
        assert_eq!(report.dropped_rejections.len(), 1, "{report}");
        assert_eq!(report.dropped_rejections[0].text, "Porto");
        // Dropping a rejection loses no annotation: the report stays complete.
        assert!(report.is_complete(), "{report}");
        let message = report.to_string();
        assert!(
            message
                .contains("1 rejected suggestion dropped: its text no longer occurs, so it cannot"),
            "{message}"
        );
        assert!(
            message.contains(&format!(
                "  DROPPED rejected span GPE {}..{} \"Porto\": its text no longer occurs",
                porto.0, porto.1
            )),
            "{message}"
        );
    }

    #[test]
    fn a_link_whose_end_is_gone_is_dropped_and_an_unchanged_text_keeps_every_rejection() {
        let old = "Rui said it to Ana.";
        let mut set = AnnotationSet::new(Document::new(old), Schema::default());
        let (said, ana) = (range_of(old, "said", 0), range_of(old, "Ana", 0));
        let link = Rejected::Link {
            label: "said_by".into(),
            from: [said.0, said.1],
            to: [ana.0, ana.1],
        };
        reject(&mut set, link.clone());
        let (again, report) = reanchor(&set, old);
        assert_eq!(again.rejected(), set.rejected());
        assert!(report.dropped_rejections.is_empty());
        let (moved, report) = reanchor(&set, "Rui said it to Bea.");
        assert!(moved.rejected().is_empty());
        assert_eq!(report.dropped_rejections.len(), 1);
        assert_eq!(report.dropped_rejections[0].rejected, link);
        assert_eq!(report.dropped_rejections[0].text, "said -> Ana");
        assert!(
            report
                .to_string()
                .contains("DROPPED rejected link said_by 4..8 -> 15..18 \"said -> Ana\""),
            "{report}"
        );
    }
}

#[cfg(test)]
mod curation_tests {
    use super::*;
    use crate::model::Schema;
    use crate::model::curation::Choice;
    use crate::model::schema::LabelKind;

    fn decision(start: usize, end: usize, label: &str) -> Decision {
        Decision {
            kind: LabelKind::Entity,
            start,
            end,
            inputs_sha256: "abc".into(),
            choice: Choice::Take("alice".into()),
            spans: vec![DecidedSpan {
                label: label.into(),
                start,
                end,
                attributes: Default::default(),
                note: None,
            }],
            stale: false,
        }
    }

    #[test]
    fn a_gold_sets_curation_decisions_move_with_the_text_and_one_whose_text_is_gone_is_named() {
        let old = "Ana met Rui in Porto.";
        let mut set = AnnotationSet::new(Document::new(old), Schema::default());
        let span_ref = |label: &str, start, end| SpanRef {
            label: label.into(),
            start,
            end,
        };
        set.curation = Some(CurationRecord {
            strategy: "majority".into(),
            annotators: vec!["alice".into(), "bob".into()],
            decisions: vec![decision(0, 3, "PERSON"), decision(15, 20, "GPE")],
            relations: vec![RelationDecision {
                label: "refers_to".into(),
                from: span_ref("PERSON", 8, 11),
                to: span_ref("PERSON", 0, 3),
                accepted: true,
            }],
        });
        let (moved, report) = reanchor(&set, "NEW: Ana met Rui in Lisbon.");
        let record = moved.curation.expect("the record is kept");
        assert_eq!(record.annotators, ["alice", "bob"]);
        assert_eq!(record.decisions, vec![decision(5, 8, "PERSON")]);
        assert_eq!(record.relations.len(), 1);
        assert_eq!(
            (record.relations[0].from.start, record.relations[0].to.start),
            (13, 5)
        );
        assert_eq!(report.dropped_decisions.len(), 1, "{report}");
        let message = report.to_string();
        assert!(
            message.contains("1 curation decision dropped: its text no longer occurs")
                && message.contains("  DROPPED curation decision entity 15..20 \"Porto\""),
            "{message}"
        );
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;
    use crate::model::{AnnotationSet, Document, Schema, Span, SpanId};

    #[test]
    fn the_report_puts_what_was_lost_first_and_lists_the_moved_in_full_only_when_asked() {
        // Twelve different places, each a span; every word is 7 code points.
        let words: Vec<String> = (0..12).map(|i| format!("Town{i:02} ")).collect();
        let old = words.concat();
        let mut set = AnnotationSet::new(Document::new(&old), Schema::default());
        for i in 0..12 {
            let at = i * 7;
            crate::model::edit::apply(
                &mut set,
                crate::model::edit::Edit::AddSpan(Span::new(
                    SpanId(i as u64 + 1),
                    "GPE",
                    at..at + 6,
                )),
            )
            .unwrap();
        }
        // A word inserted before all of them moves every span; the last span's word is gone.
        let new = format!("Today {}", words[..11].concat());
        let (_, report) = reanchor(&set, &new);
        assert_eq!(
            (report.moved.len(), report.unplaced.len()),
            (11, 1),
            "{report}"
        );
        let short = report.to_string();
        let lines: Vec<&str> = short.lines().collect();
        assert!(lines[1].starts_with("  UNPLACED span 12 GPE"), "{short}");
        assert_eq!(short.matches("moved   span").count(), 10, "{short}");
        assert!(
            short.ends_with("  and 1 more moved (`--verbose` lists every one)\n"),
            "{short}"
        );
        let full = format!("{report:#}");
        assert_eq!(full.matches("moved   span").count(), 11, "{full}");
        assert!(!full.contains("more moved"), "{full}");
    }
}
