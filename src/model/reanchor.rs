//! Re-anchoring: moving a set's spans onto a changed version of its article.
//!
//! Each span is placed, in order of preference:
//! 1. **same**: its text is still at the same offsets;
//! 2. **moved**: its text occurs elsewhere; among the occurrences the one whose surrounding
//!    text (up to [`CONTEXT_CHARS`] before and after) matches best wins, ties going to the
//!    occurrence nearest the old position (shifted by the change in length before it);
//! 3. **unplaced**: its text no longer occurs. It is kept in [`ReanchorReport::unplaced`] with
//!    its text and context, never dropped; so are relations that lose an end.

use std::collections::HashMap;

use super::edit::{self, Edit};
use super::set::{AnnotationSet, Document};
use super::span::{Relation, Span, SpanId};
use super::text::Text;

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
            "{} span(s) in place, {} moved, {} could not be placed",
            self.same,
            self.moved.len(),
            self.unplaced.len()
        )?;
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
    let wanted = old.slice(span.range());
    if span.end <= new.char_len() && new.slice(span.range()) == wanted {
        return Ok((span.start, span.end));
    }
    let (prefix, suffix) = context(old, span.start, span.end);
    let length = span.end - span.start;
    // Expected position: shift by the length change, assuming the edit happened before it.
    let shift = new.char_len() as isize - old.char_len() as isize;
    let expected = span.start as isize + shift;
    let mut best: Option<((usize, isize), usize)> = None;
    for (byte, _) in new.as_str().match_indices(wanted) {
        let start = new.byte_to_char(byte);
        let (new_prefix, new_suffix) = context(new, start, start + length);
        let score = common_suffix(prefix, new_prefix) + common_prefix(suffix, new_suffix);
        let distance = (start as isize - expected)
            .abs()
            .min((start as isize - span.start as isize).abs());
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
    (set, report)
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
