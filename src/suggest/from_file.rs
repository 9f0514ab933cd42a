//! Suggestions from a file: another tool's or a model's annotations on the same article,
//! added to an open set as suggestions to review (one batch edit, so one undo removes them).

use std::collections::HashMap;

use super::Suggestions;
use super::batch::{Batch, RelationProposal, SpanProposal};
use crate::model::set::AnnotationSet;
use crate::model::span::SpanId;

/// Propose every span and relation of `source` for `target` as suggestions, as one edit (not
/// yet applied). `origin` marks them where `source` records none (`import:spacy`).
///
/// The two must hold exactly the same article text, or nothing is proposed (offsets would
/// point elsewhere). A span with the same label and range as one in `target` is not repeated
/// (and a relation touching it links to the existing span); labels and relation types the
/// schema does not hold are left out with the reason.
pub fn suggestions_from(
    target: &mut AnnotationSet,
    source: &AnnotationSet,
    origin: &str,
) -> Result<Suggestions, String> {
    if source.text().as_str() != target.text().as_str() {
        return Err(format!(
            "its text is not this article's ({} characters, this one has {}): nothing was added",
            source.text().char_len(),
            target.text().char_len()
        ));
    }
    let mut batch = Batch::default();
    // Source span id -> its proposal.
    let mut proposals: HashMap<SpanId, usize> = HashMap::new();
    for span in source.spans_ordered() {
        let origin = span.origin.clone().unwrap_or_else(|| origin.to_string());
        let index = batch.push_span(SpanProposal {
            label: span.label.clone(),
            range: span.range(),
            attributes: span.attributes.clone(),
            note: span.note.clone(),
            key: origin.clone(),
            origin,
        });
        proposals.insert(span.id, index);
    }
    for relation in source.relations() {
        let origin = relation
            .origin
            .clone()
            .unwrap_or_else(|| origin.to_string());
        // A relation whose span is not in the source at all points at no proposal.
        let missing = usize::MAX;
        batch.relations.push(RelationProposal {
            label: relation.label.clone(),
            from: proposals.get(&relation.from).copied().unwrap_or(missing),
            to: proposals.get(&relation.to).copied().unwrap_or(missing),
            key: origin.clone(),
            origin,
        });
    }
    Ok(batch.build(target))
}

/// [`suggestions_from`] for annotations made on another version of the article (a model run
/// on a text with a different headline, spacing or a corrected word): they are first moved
/// onto this text by [`reanchor`](crate::model::reanchor::reanchor) (same offsets, else by
/// their text and context). Those that cannot be placed are left out and listed in
/// `skipped`. When fewer than half can be placed, the file is taken to be about another text
/// and nothing is proposed.
pub fn suggestions_from_other_version(
    target: &mut AnnotationSet,
    source: &AnnotationSet,
    origin: &str,
) -> Result<(Suggestions, crate::model::reanchor::ReanchorReport), String> {
    let total = source.span_count();
    if total == 0 {
        return Err(
            "its text is not this article's and it holds no annotations: nothing was added".into(),
        );
    }
    let (moved, report) = crate::model::reanchor::reanchor(source, target.text().as_str());
    let placed = total - report.unplaced.len();
    if placed * 2 < total {
        return Err(format!(
            "only {placed} of its {} occur in this article: it seems to be about another text, \
             so nothing was added",
            crate::formats::visible::count(total, "span", "spans")
        ));
    }
    let mut suggestions = suggestions_from(target, &moved, origin)?;
    for unplaced in &report.unplaced {
        suggestions.skipped.push(format!(
            "{} {:?}: {}",
            unplaced.span.label, unplaced.text, unplaced.reason
        ));
    }
    for relation in &report.unplaced_relations {
        suggestions.skipped.push(format!(
            "{} relation {}: one of its spans could not be placed",
            relation.label, relation.id.0
        ));
    }
    Ok((suggestions, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{self, Edit};
    use crate::model::span::{Relation, Review};
    use crate::model::{Document, History, Schema};

    fn article() -> &'static str {
        "“We will not wait,” said Ana Lúcia Ferreira 👍 in Zürich.\n"
    }

    fn set_with(spans: &[(&str, std::ops::Range<usize>)]) -> AnnotationSet {
        let mut set = AnnotationSet::new(Document::new(article()), Schema::default());
        for (label, range) in spans {
            let add = edit::add_span(&mut set, label, range.clone());
            edit::apply(&mut set, add).unwrap();
        }
        set
    }

    #[test]
    fn a_files_annotations_become_suggestions_once_and_undo_as_one() {
        // The open set already has the person; the file has the person, the quote, the
        // place, a link and a label this schema lacks.
        let mut open = set_with(&[("PERSON", 25..43)]);
        let mut file = set_with(&[("PERSON", 25..43), ("QUOTE", 1..17), ("GPE", 49..55)]);
        file.schema.add_unknown_label("WEAPON");
        let odd = edit::add_span(&mut file, "WEAPON", 4..8);
        edit::apply(&mut file, odd).unwrap();
        let link = Relation {
            id: file.new_relation_id(),
            label: "said_by".into(),
            from: SpanId(2),
            to: SpanId(1),
            origin: None,
            review: Review::Accepted,
        };
        edit::apply(&mut file, Edit::AddRelation(link)).unwrap();

        let before = open.clone();
        let suggestions = suggestions_from(&mut open, &file, "import:spacy").unwrap();
        assert_eq!(
            suggestions.span_total(),
            2,
            "quote and place; the person is there"
        );
        assert_eq!(suggestions.relation_total(), 1);
        assert_eq!(suggestions.already_present, 1);
        assert!(suggestions.skipped[0].contains("no label WEAPON"));
        let mut history = History::new();
        history.apply(&mut open, suggestions.edit).unwrap();
        assert_eq!(open.span_count(), 3);
        let quote = open.spans_ordered().find(|s| s.label == "QUOTE").unwrap();
        assert_eq!(quote.review, Review::Suggested);
        assert_eq!(quote.origin.as_deref(), Some("import:spacy"));
        let relation = open.relations().next().unwrap();
        assert_eq!(
            open.span(relation.to).unwrap().review,
            Review::Accepted,
            "the link goes to the person already annotated"
        );
        // Again: nothing new.
        let again = suggestions_from(&mut open, &file, "import:spacy").unwrap();
        assert!(again.is_empty());
        history.undo(&mut open).unwrap();
        assert_eq!(open, before, "one undo removes them all");
    }

    #[test]
    fn another_version_of_the_article_is_followed_and_another_text_refused() {
        // The model saw a version with another headline and one word changed.
        let mut open = set_with(&[]);
        let other_version = format!("Headline: talks\n\n{}", article().replace("wait", "stop"));
        let mut file = AnnotationSet::new(Document::new(other_version.as_str()), Schema::default());
        let find = |needle: &str| {
            let byte = other_version.find(needle).unwrap();
            let start = other_version[..byte].chars().count();
            start..start + needle.chars().count()
        };
        for (label, needle) in [
            ("PERSON", "Ana Lúcia Ferreira"),
            ("GPE", "Zürich"),
            ("QUOTE", "We will not stop"),
        ] {
            let add = edit::add_span(&mut file, label, find(needle));
            edit::apply(&mut file, add).unwrap();
        }
        let (suggestions, report) =
            suggestions_from_other_version(&mut open, &file, "import:spacy").unwrap();
        assert_eq!(suggestions.span_total(), 2, "person and place moved");
        assert_eq!(
            report.unplaced.len(),
            1,
            "the quote's words are not in this text"
        );
        assert!(
            suggestions.skipped[0].contains("QUOTE"),
            "{:?}",
            suggestions.skipped
        );
        let mut history = History::new();
        history.apply(&mut open, suggestions.edit).unwrap();
        let texts: Vec<&str> = open.spans_ordered().map(|s| open.span_text(s)).collect();
        assert_eq!(texts, vec!["Ana Lúcia Ferreira", "Zürich"]);

        // A file about something else entirely places nothing and adds nothing.
        let mut elsewhere = AnnotationSet::new(
            Document::new("Oslo is cold. Bergen is wet."),
            Schema::default(),
        );
        let add = edit::add_span(&mut elsewhere, "GPE", 0..4);
        edit::apply(&mut elsewhere, add).unwrap();
        let error = suggestions_from_other_version(&mut open, &elsewhere, "import:x").unwrap_err();
        assert!(error.contains("another text"), "{error}");
    }

    #[test]
    fn another_text_is_refused() {
        let mut open = set_with(&[]);
        let other = AnnotationSet::new(Document::new("Something else."), Schema::default());
        let error = suggestions_from(&mut open, &other, "import:x").unwrap_err();
        assert!(error.contains("not this article's"), "{error}");
    }
}
