//! The document actions of an [`OpenSet`]: labelling, links, attributes, suggestions and
//! their review, find's "label all", and the span navigation the window offers. Each is one
//! edit (one undo step) through [`OpenSet::apply`], and each returns a typed outcome that the
//! caller turns into words; the rules live here, not in the window.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::OpenSet;
use crate::formats;
use crate::model::edit::{self, Edit, EditError};
use crate::model::reanchor::ReanchorReport;
use crate::model::schema::{AttributeType, Schema};
use crate::model::{AnnotationSet, Relation, RelationId, Review, SpanId, attribution};
use crate::suggest::{self, gazetteer, review};

/// What labelling did.
#[derive(Clone, Debug, PartialEq)]
pub enum LabelOutcome {
    /// A new span over the selection (trimmed of surrounding whitespace).
    Added { id: SpanId, range: Range<usize> },
    /// The selected span got the label. `dropped`: the attributes its old label's schema
    /// defines and the new label's does not (a QUOTE's `speaker_form` on a span relabelled
    /// PERSON), taken off with the relabel (undo puts them back).
    Relabelled { id: SpanId, dropped: Vec<String> },
    /// The span already had that label.
    Unchanged(SpanId),
    /// The selection is only whitespace.
    OnlyWhitespace,
}

/// Which end of a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Start,
    End,
}

/// What moving a span's boundary did.
#[derive(Clone, Debug, PartialEq)]
pub enum BoundaryOutcome {
    Moved(Range<usize>),
    /// The span would become empty (or inverted): nothing was done.
    WouldBeEmpty,
}

/// What making a link did.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkOutcome {
    Linked(RelationId),
    Retargeted(RelationId),
    /// Several link types fit these two spans: ask, then call again with the chosen label.
    Choose(Vec<String>),
    /// The schema has no link type from the one span's label to the other's.
    Refused {
        from: String,
        to: String,
        why: String,
    },
}

/// What stepping a quote's speaker to the next candidate did.
#[derive(Clone, Debug, PartialEq)]
pub enum SpeakerOutcome {
    /// Linked to `speaker`, candidate `position` (from 1) of `of`, nearest first.
    Linked {
        speaker: SpanId,
        position: usize,
        of: usize,
    },
    /// No span nearby the link may point at.
    NoCandidates,
    /// The span is not a quote or claim (its label starts no speaker link).
    NotAQuote(String),
}

/// What cycling an attribute did.
#[derive(Clone, Debug, PartialEq)]
pub enum AttributeOutcome {
    Changed {
        name: String,
        value: Option<serde_json::Value>,
    },
    /// The span's label has no n-th attribute.
    NoSuchAttribute { label: String, n: u8 },
    /// A free-text attribute: typed, not cycled.
    TypedNotCycled(String),
}

/// What reviewing did.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewOutcome {
    /// This many spans (and their links, see [`review::accept`]) accepted or rejected.
    Reviewed { spans: usize },
    /// The span was accepted already; this many suggested links from it (to accepted spans:
    /// [`pending_links`]) were accepted or rejected.
    LinksReviewed { links: usize },
    /// The span is not a suggestion.
    NotASuggestion,
    /// No suggestions with that label are left.
    NoneLeft,
}

/// What running the suggesters did.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggested {
    pub spans: usize,
    pub relations: usize,
    pub already_present: usize,
    pub skipped: Vec<String>,
    /// The gazetteer used, if any.
    pub gazetteer: Option<PathBuf>,
}

/// Why suggestions were not added. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum SuggestError {
    #[error(transparent)]
    Gazetteer(#[from] gazetteer::FileError),
    #[error("the suggestions could not be applied: {0}")]
    Edit(#[from] EditError),
}

/// What "suggestions from a file" did.
#[derive(Clone, Debug, PartialEq)]
pub struct FromFile {
    pub spans: usize,
    pub relations: usize,
    pub already_present: usize,
    pub skipped: Vec<String>,
    /// Made on another version of the article: how its spans were moved.
    pub other_version: Option<ReanchorReport>,
}

/// Why "suggestions from a file" added nothing.
#[derive(Debug, thiserror::Error)]
pub enum FromFileError {
    #[error("cannot read {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("{path}: {reason}")]
    NotThisArticle { path: PathBuf, reason: String },
    #[error("the suggestions could not be applied: {0}")]
    Edit(#[from] EditError),
}

/// What "label all matches" did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelledAll {
    pub added: usize,
    /// Matches that already had a span with that label.
    pub already: usize,
    /// Matches inside a longer span with that label, left alone.
    pub inside: usize,
}

impl OpenSet {
    /// The edit that adds a new span with a fresh id (apply it with [`OpenSet::apply`]).
    pub fn new_span(&mut self, label: &str, range: Range<usize>) -> Edit {
        edit::add_span(&mut self.set, label, range)
    }

    /// Label `selection` (a new span) or, with an empty selection, relabel `selected`.
    pub fn label(
        &mut self,
        selection: Range<usize>,
        selected: Option<SpanId>,
        label: &str,
    ) -> Result<LabelOutcome, EditError> {
        if !selection.is_empty() {
            let Some(range) = crate::model::words::trim_whitespace(self.set.text(), selection)
            else {
                return Ok(LabelOutcome::OnlyWhitespace);
            };
            // Never a letter without its vowel marks, nor half an emoji.
            let range = crate::model::words::whole_graphemes(self.set.text(), range);
            let edit = self.new_span(label, range.clone());
            let Edit::AddSpan(span) = &edit else {
                unreachable!("add_span makes an AddSpan")
            };
            let id = span.id;
            self.apply(edit)?;
            return Ok(LabelOutcome::Added { id, range });
        }
        let id = selected.ok_or(EditError::NoSuchSpan(u64::MAX))?;
        self.relabel(id, label)
    }

    /// Give a span another label.
    pub fn relabel(&mut self, id: SpanId, label: &str) -> Result<LabelOutcome, EditError> {
        let mut span = self
            .set
            .span(id)
            .ok_or(EditError::NoSuchSpan(id.0))?
            .clone();
        if span.label == label {
            return Ok(LabelOutcome::Unchanged(id));
        }
        // Attributes the schema gives only to the old label do not belong to the new one; any
        // attribute the schema does not know (an import's) is the user's and stays.
        let defined = |label: &str| -> Vec<String> {
            self.set
                .schema
                .label(label)
                .map(|l| l.attributes.iter().map(|a| a.name.clone()).collect())
                .unwrap_or_default()
        };
        let (old_names, new_names) = (defined(&span.label), defined(label));
        let dropped: Vec<String> = span
            .attributes
            .keys()
            .filter(|name| old_names.contains(name) && !new_names.contains(name))
            .cloned()
            .collect();
        for name in &dropped {
            span.attributes.remove(name);
        }
        span.label = label.to_string();
        self.apply(Edit::UpdateSpan(span))?;
        Ok(LabelOutcome::Relabelled { id, dropped })
    }

    /// Delete a span with its links.
    pub fn delete_span(&mut self, id: SpanId) -> Result<(), EditError> {
        self.apply(Edit::RemoveSpan(id)).map(|_| ())
    }

    /// Give a span new boundaries (a boundary dragged in the text).
    pub fn move_span(
        &mut self,
        id: SpanId,
        range: Range<usize>,
    ) -> Result<BoundaryOutcome, EditError> {
        let mut span = self
            .set
            .span(id)
            .ok_or(EditError::NoSuchSpan(id.0))?
            .clone();
        if range.start >= range.end {
            return Ok(BoundaryOutcome::WouldBeEmpty);
        }
        span.start = range.start;
        span.end = range.end;
        self.apply(Edit::UpdateSpan(span))?;
        Ok(BoundaryOutcome::Moved(range))
    }

    /// Move one boundary of a span by `delta` characters.
    pub fn move_boundary(
        &mut self,
        id: SpanId,
        side: Side,
        delta: isize,
    ) -> Result<BoundaryOutcome, EditError> {
        let span = self.set.span(id).ok_or(EditError::NoSuchSpan(id.0))?;
        let mut range = span.range();
        match side {
            Side::Start => range.start = range.start.saturating_add_signed(delta),
            Side::End => range.end = range.end.saturating_add_signed(delta),
        }
        self.move_span(id, range)
    }

    /// Move one boundary of span `id` by a word, forward or back
    /// ([`crate::model::words::boundary_by_word`]: over punctuation and spaces).
    pub fn move_boundary_by_word(
        &mut self,
        id: SpanId,
        side: Side,
        forward: bool,
    ) -> Result<BoundaryOutcome, EditError> {
        let span = self.set.span(id).ok_or(EditError::NoSuchSpan(id.0))?;
        let mut range = span.range();
        let to = crate::model::words::boundary_by_word(
            self.set.text(),
            range.clone(),
            side == Side::Start,
            forward,
        );
        match side {
            Side::Start => range.start = to,
            Side::End => range.end = to,
        }
        self.move_span(id, range)
    }

    /// Link `from` to `to` (or retarget the link `retarget` onto `to`). With `label` unset
    /// the schema decides; when several link types fit, the caller is asked to choose.
    pub fn link(
        &mut self,
        from: SpanId,
        to: SpanId,
        retarget: Option<RelationId>,
        label: Option<&str>,
    ) -> Result<LinkOutcome, EditError> {
        let source = self.set.span(from).ok_or(EditError::NoSuchSpan(from.0))?;
        let target = self.set.span(to).ok_or(EditError::NoSuchSpan(to.0))?;
        let label = match label {
            Some(label) => label.to_string(),
            None => {
                let mut candidates = link_types(&self.set.schema, &source.label, &target.label);
                match candidates.len() {
                    0 => {
                        return Ok(LinkOutcome::Refused {
                            from: source.label.clone(),
                            to: target.label.clone(),
                            why: link_refusal(&self.set.schema, &source.label),
                        });
                    }
                    1 => candidates.remove(0),
                    _ => return Ok(LinkOutcome::Choose(candidates)),
                }
            }
        };
        // A quote's `speaker_form` follows the speaker the user gives it (one step).
        let quote = review::speaker_form_after_link(&self.set, &label, from, to)
            .map(Edit::UpdateSpan)
            .into_iter();
        match retarget.and_then(|id| self.set.relation(id)) {
            Some(existing) => {
                let mut changed = existing.clone();
                changed.to = to;
                changed.label = label;
                let id = changed.id;
                let edits = std::iter::once(Edit::UpdateRelation(changed)).chain(quote);
                self.apply(Edit::Batch(edits.collect()))?;
                Ok(LinkOutcome::Retargeted(id))
            }
            None => {
                let id = self.set.new_relation_id();
                let link = Edit::AddRelation(Relation {
                    id,
                    label,
                    from,
                    to,
                    origin: None,
                    review: Review::Accepted,
                });
                self.apply(Edit::Batch(std::iter::once(link).chain(quote).collect()))?;
                Ok(LinkOutcome::Linked(id))
            }
        }
    }

    /// Point a quote's (or claim's) speaker link at the next candidate nearby (the previous
    /// one with `backward`), nearest first and round: [`attribution::speaker_candidates`].
    /// With no link yet, the nearest. One undo step, through [`OpenSet::link`] (a suggested
    /// link stays a suggestion, retargeted).
    pub fn next_speaker(
        &mut self,
        quote: SpanId,
        backward: bool,
    ) -> Result<SpeakerOutcome, EditError> {
        let span = self.set.span(quote).ok_or(EditError::NoSuchSpan(quote.0))?;
        let Some(link) = attribution::speaker_link_of(&self.set, &span.label) else {
            return Ok(SpeakerOutcome::NotAQuote(span.label.clone()));
        };
        let candidates = attribution::speaker_candidates(&self.set, quote, link);
        if candidates.is_empty() {
            return Ok(SpeakerOutcome::NoCandidates);
        }
        let existing = self
            .set
            .relations_of(quote)
            .find(|r| r.from == quote && r.label == link)
            .map(|r| (r.id, r.to));
        let now = existing.and_then(|(_, to)| {
            let person = attribution::canonical(&self.set, to);
            candidates
                .iter()
                .position(|&c| attribution::canonical(&self.set, c) == person)
        });
        let n = candidates.len();
        let position = match (now, backward) {
            (Some(i), false) => (i + 1) % n,
            (Some(i), true) => (i + n - 1) % n,
            (None, _) => 0,
        };
        let speaker = candidates[position];
        if existing.is_none_or(|(_, to)| to != speaker) {
            self.link(quote, speaker, existing.map(|(id, _)| id), Some(link))?;
        }
        Ok(SpeakerOutcome::Linked {
            speaker,
            position: position + 1,
            of: n,
        })
    }

    /// Delete a link.
    pub fn delete_link(&mut self, id: RelationId) -> Result<(), EditError> {
        self.apply(Edit::RemoveRelation(id)).map(|_| ())
    }

    /// Set (or with `None` remove) one attribute of a span.
    pub fn set_attribute(
        &mut self,
        span: SpanId,
        name: &str,
        value: Option<serde_json::Value>,
    ) -> Result<(), EditError> {
        let edit = edit::set_attribute(&self.set, span, name, value)?;
        self.apply(edit).map(|_| ())
    }

    /// Step the span's `n`-th attribute (1-based) to its next value: a choice's next value
    /// (after the last: none), a flag on and off.
    pub fn cycle_attribute(&mut self, span: SpanId, n: u8) -> Result<AttributeOutcome, EditError> {
        let current_span = self.set.span(span).ok_or(EditError::NoSuchSpan(span.0))?;
        let Some(definition) = self
            .set
            .schema
            .label(&current_span.label)
            .and_then(|l| l.attributes.get(usize::from(n).saturating_sub(1)))
            .cloned()
        else {
            return Ok(AttributeOutcome::NoSuchAttribute {
                label: current_span.label.clone(),
                n,
            });
        };
        let current = current_span.attributes.get(&definition.name);
        let next: Option<serde_json::Value> = match &definition.value_type {
            AttributeType::Choice { values } => {
                let position = current
                    .and_then(|v| v.as_str())
                    .and_then(|v| values.iter().position(|x| x == v));
                match position {
                    None => values.first().map(|v| v.clone().into()),
                    Some(i) => values.get(i + 1).map(|v| v.clone().into()),
                }
            }
            AttributeType::Flag => {
                (!current.and_then(|v| v.as_bool()).unwrap_or(false)).then_some(true.into())
            }
            AttributeType::Text => return Ok(AttributeOutcome::TypedNotCycled(definition.name)),
        };
        self.set_attribute(span, &definition.name, next.clone())?;
        Ok(AttributeOutcome::Changed {
            name: definition.name,
            value: next,
        })
    }

    // ---- Suggestions ----

    /// The suggestions the rules make on this set with `options`, not applied (a dry run
    /// prints them; [`OpenSet::apply`] their `edit` to add them).
    pub fn plan_suggestions(&mut self, options: &suggest::Options) -> suggest::Suggestions {
        suggest::suggest(&mut self.set, options)
    }

    /// Run the rule-based suggesters, with the gazetteer beside the set's file if there is
    /// one (read by [`gazetteer::Gazetteer::read_file`], the reader `newsmark suggest` uses:
    /// a list with bad lines is refused, and nothing is added until it is fixed). One undo
    /// step.
    pub fn suggest(&mut self) -> Result<Suggested, SuggestError> {
        let mut options = suggest::Options::default();
        let folder = self.save_path.parent().unwrap_or(Path::new("."));
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let gazetteer_path = gazetteer::beside(folder);
        if let Some(path) = &gazetteer_path {
            options.gazetteer = Some(gazetteer::Gazetteer::read_file(path)?);
        }
        let suggestions = self.plan_suggestions(&options);
        let outcome = Suggested {
            spans: suggestions.span_total(),
            relations: suggestions.relation_total(),
            already_present: suggestions.already_present,
            skipped: suggestions.skipped.clone(),
            gazetteer: gazetteer_path,
        };
        if !suggestions.is_empty() {
            self.apply(suggestions.edit)?;
        }
        Ok(outcome)
    }

    /// Add the annotations of `path` (any importable format) on this same article as
    /// suggestions, one undo step. A file of one document made on another version of the
    /// article has its spans moved by their text and context.
    pub fn suggest_from_file(&mut self, path: &Path) -> Result<FromFile, FromFileError> {
        let read = formats::import::read_path(path, &formats::import::ImportOptions::default())
            .map_err(|e| FromFileError::Read {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        let count = read.documents.len();
        let origin = format!("import:{}", read.format.map_or("file", |f| f.name()));
        let same = read
            .documents
            .iter()
            .find(|d| d.set.text().as_str() == self.set.text().as_str());
        let result = match (same, read.documents.first()) {
            (Some(source), _) => {
                suggest::from_file::suggestions_from(&mut self.set, &source.set, &origin)
                    .map(|s| (s, None))
            }
            (None, Some(source)) if count == 1 => {
                suggest::from_file::suggestions_from_other_version(
                    &mut self.set,
                    &source.set,
                    &origin,
                )
                .map(|(s, report)| (s, Some(report)))
            }
            _ => Err(format!(
                "{} exactly this article's text, so its offsets would point elsewhere: nothing was added",
                if count == 1 {
                    "its one document does not have".to_string()
                } else {
                    format!("none of the {count} documents in it has")
                }
            )),
        };
        let (suggestions, other_version) =
            result.map_err(|reason| FromFileError::NotThisArticle {
                path: path.to_path_buf(),
                reason,
            })?;
        let outcome = FromFile {
            spans: suggestions.span_total(),
            relations: suggestions.relation_total(),
            already_present: suggestions.already_present,
            skipped: suggestions.skipped.clone(),
            other_version,
        };
        if !suggestions.is_empty() {
            self.apply(suggestions.edit)?;
        }
        Ok(outcome)
    }

    // ---- Review (the rules are in [`crate::suggest::review`]) ----

    /// Accept or reject one suggested span, as [`review::accept`] / [`review::reject`] say.
    pub fn review_span(&mut self, id: SpanId, accept: bool) -> Result<ReviewOutcome, EditError> {
        let span = self.set.span(id).ok_or(EditError::NoSuchSpan(id.0))?;
        if span.review != Review::Suggested {
            // An accepted span's suggested links (a merge's or a conflict's said_by between
            // two accepted spans) are what is left to review of it.
            let links = pending_links(&self.set, id);
            if links.is_empty() {
                return Ok(ReviewOutcome::NotASuggestion);
            }
            let mut edits = Vec::new();
            for &link in &links {
                edits.push(if accept {
                    review::accept_relation(&self.set, link)?
                } else {
                    review::reject_relation(&self.set, link)?
                });
            }
            self.apply(Edit::Batch(edits))?;
            return Ok(ReviewOutcome::LinksReviewed { links: links.len() });
        }
        let edit = if accept {
            review::accept(&self.set, id)?
        } else {
            review::reject(&self.set, id)?
        };
        self.apply(edit)?;
        Ok(ReviewOutcome::Reviewed { spans: 1 })
    }

    /// Accept or reject every suggested span with `label`, one undo step.
    pub fn review_label(&mut self, label: &str, accept: bool) -> Result<ReviewOutcome, EditError> {
        let count = self
            .set
            .spans_unordered()
            .filter(|s| s.label == label && s.review == Review::Suggested)
            .count();
        if count == 0 {
            return Ok(ReviewOutcome::NoneLeft);
        }
        let edit = if accept {
            review::accept_all(&self.set, label)
        } else {
            review::reject_all(&self.set, label)
        };
        self.apply(edit)?;
        Ok(ReviewOutcome::Reviewed { spans: count })
    }

    /// Accept (with its two spans) or reject one suggested link.
    pub fn review_link(&mut self, id: RelationId, accept: bool) -> Result<(), EditError> {
        let edit = if accept {
            review::accept_relation(&self.set, id)?
        } else {
            review::reject_relation(&self.set, id)?
        };
        self.apply(edit).map(|_| ())
    }

    /// Label every range of `matches` (find's "Label all"), one undo step; ranges that
    /// already hold a span with that label, or lie inside a longer one, are left as they are.
    pub fn label_all(
        &mut self,
        matches: &[Range<usize>],
        label: &str,
    ) -> Result<LabelledAll, EditError> {
        let done = crate::model::find::label_all(&mut self.set, matches, label);
        if done.added > 0 {
            self.apply(done.edit)?;
        }
        Ok(LabelledAll {
            added: done.added,
            already: done.already,
            inside: done.inside,
        })
    }

    // ---- Navigation (reads only) ----

    /// The first suggestion after `after` (or after the caret), wrapping to the start.
    pub fn next_suggestion(&self, after: Option<SpanId>, caret: usize) -> Option<SpanId> {
        next_suggestion(&self.set, after, caret)
    }

    /// The span after (or before) `current`, or after (before) the caret when none is
    /// selected, in text order.
    pub fn neighbour(
        &self,
        current: Option<SpanId>,
        caret: usize,
        forward: bool,
    ) -> Option<SpanId> {
        let key = match current.and_then(|id| self.set.span(id)) {
            Some(span) => (span.start, span.end, span.id),
            None if forward => (caret, 0, SpanId(0)),
            None => (caret, usize::MAX, SpanId(u64::MAX)),
        };
        if forward {
            self.set.span_after(key)
        } else {
            self.set.span_before(key)
        }
    }
}

/// The link types the schema allows from a span labelled `from` to one labelled `to`.
pub fn link_types(schema: &Schema, from: &str, to: &str) -> Vec<String> {
    schema
        .relations
        .iter()
        .filter(|r| schema.relation_refusal(&r.name, from, to).is_none())
        .map(|r| r.name.clone())
        .collect()
}

/// Why no link may start from a span labelled `from` to the span chosen: what is allowed.
fn link_refusal(schema: &Schema, from: &str) -> String {
    let allowed: Vec<String> = schema
        .relations
        .iter()
        .filter(|r| r.from.iter().any(|l| l == from))
        .map(|r| {
            format!(
                "{} to {}",
                r.name,
                if r.to.is_empty() {
                    "any label".into()
                } else {
                    r.to.join("/")
                }
            )
        })
        .collect();
    if allowed.is_empty() {
        format!("the schema has no link type from {from}")
    } else {
        format!("from {from} the schema allows {}", allowed.join("; "))
    }
}

/// The suggested links from `span` whose two ends are accepted: a suggestion no span review
/// reaches otherwise (a merge's or a merge conflict's link between two accepted spans).
pub fn pending_links(set: &AnnotationSet, span: SpanId) -> Vec<RelationId> {
    let accepted = |id: SpanId| set.span(id).is_some_and(|s| s.review.is_accepted());
    set.relations_of(span)
        .filter(|r| r.from == span && !r.review.is_accepted() && accepted(r.from) && accepted(r.to))
        .map(|r| r.id)
        .collect()
}

/// The first span after `after` (else after the caret) with something to review, wrapping
/// to the start: a suggested span, or an accepted one with [`pending_links`].
pub fn next_suggestion(set: &AnnotationSet, after: Option<SpanId>, caret: usize) -> Option<SpanId> {
    let key = after
        .and_then(|id| set.span(id))
        .map(|s| (s.start, s.end, s.id))
        .unwrap_or((caret, 0, SpanId(0)));
    // One pass over the links, not one per span.
    let accepted = |id: SpanId| set.span(id).is_some_and(|s| s.review.is_accepted());
    let with_links: std::collections::HashSet<SpanId> = set
        .relations()
        .filter(|r| !r.review.is_accepted() && accepted(r.from) && accepted(r.to))
        .map(|r| r.from)
        .collect();
    let to_review =
        |s: &&crate::model::Span| s.review == Review::Suggested || with_links.contains(&s.id);
    set.spans_ordered()
        .filter(to_review)
        .find(|s| (s.start, s.end, s.id) > key)
        .or_else(|| set.spans_ordered().find(to_review))
        .map(|s| s.id)
}
