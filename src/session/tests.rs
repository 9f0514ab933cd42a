#![allow(clippy::unwrap_used)]

use super::*;
use crate::journal::SaveError;
use crate::model::{Relation, Review, SpanId};
use std::ops::Range;

use super::tests_recovery::unsaved_set;

pub(super) const ARTICLE: &str = "\u{201c}We will not go back,\u{201d} said Daniel Okafor in Zürich. The port authority said talks would resume.\n";

pub(super) fn article(dir: &Path) -> PathBuf {
    let path = dir.join("story.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    path
}

pub(super) fn open(path: &Path) -> Opening {
    OpenSet::open(path, &OpenOptions::default()).unwrap()
}

/// A window dying: nothing closed or saved; its lock file stays, stale as its process is
/// gone (this process lives on, so the file is removed to stand for that).
pub(super) fn crash(doc: OpenSet) {
    let lock = crate::storage::lock_path(doc.save_path());
    std::mem::forget(doc);
    std::fs::remove_file(lock).unwrap();
}

#[test]
fn a_journal_beside_a_set_another_window_holds_is_not_offered_as_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    doc.save(false).unwrap();
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    doc.sync().unwrap();
    // The first window is alive (its lock is held) with an edit in its journal.
    let second = open(&dir.path().join("story.json"));
    assert!(matches!(second.lock, LockState::HeldElsewhere(_)));
    assert!(second.recovery.is_none());
    drop(second);
    // Once it is gone without saving, the journal is a crash's, and offered.
    crash(doc);
    let third = open(&dir.path().join("story.json"));
    assert_eq!(third.recovery.expect("offered").edits, 1);
}

#[test]
fn an_article_whose_set_exists_opens_that_set_and_anothers_set_warns_before_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let as_ana = OpenOptions {
        annotator: Some("ana".into()),
        ..OpenOptions::default()
    };
    let mut doc = OpenSet::open(&path, &as_ana).unwrap().doc;
    assert_eq!(doc.save_path(), dir.path().join("story.ana.json"));
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    doc.save(false).unwrap();
    doc.close();
    // The article again: ana's work, not a new empty set.
    let again = OpenSet::open(&path, &as_ana).unwrap();
    assert_eq!(again.doc.opened_path(), dir.path().join("story.ana.json"));
    assert_eq!(again.doc.set().span_count(), 1);
    assert!(again.problems.is_empty());
    assert!(again.doc.overwrite_warning().is_none());
    again.doc.close();
    // ben opening ana's set is told whose it is before a save writes into it.
    let as_ben = OpenOptions {
        annotator: Some("ben".into()),
        ..OpenOptions::default()
    };
    let hers = OpenSet::open(&dir.path().join("story.ana.json"), &as_ben).unwrap();
    let warning = hers.doc.overwrite_warning().expect("warned");
    assert!(
        warning.contains("ana's set") && warning.contains("as ben"),
        "{warning}"
    );
    hers.doc.close();
    // ben opening the article gets a new set of his own.
    let his = OpenSet::open(&path, &as_ben).unwrap();
    assert_eq!(his.doc.save_path(), dir.path().join("story.ben.json"));
    assert_eq!(his.doc.set().span_count(), 0);
}

pub(super) fn offset(doc: &OpenSet, needle: &str) -> Range<usize> {
    let text = doc.set().text().as_str();
    let start = text[..text.find(needle).unwrap()].chars().count();
    start..start + needle.chars().count()
}

#[test]
fn edits_go_through_history_and_journal_and_save_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let opening = open(&path);
    assert!(matches!(opening.lock, LockState::Held));
    assert!(opening.recovery.is_none());
    let mut doc = opening.doc;
    let range = offset(&doc, "Daniel Okafor");
    let LabelOutcome::Added { id, .. } = doc.label(range.clone(), None, "PERSON").unwrap() else {
        panic!("a span was added")
    };
    assert!(doc.is_dirty());
    let journal_path = doc.journal().path().unwrap().to_path_buf();
    assert!(journal_path.is_file(), "the edit is in the journal at once");
    doc.undo().unwrap().unwrap();
    assert!(doc.set().span(id).is_none());
    doc.redo().unwrap().unwrap();
    assert_eq!(doc.set().span(id).unwrap().range(), range);
    let digest = state_digest(doc.set());
    let saved = doc.save(false).unwrap();
    assert_eq!(saved.path, dir.path().join("story.json"));
    assert!(!doc.is_dirty());
    assert!(!journal_path.exists(), "a save removes the journal");
    doc.close();
    let again = formats::open_path(&saved.path, None).unwrap();
    assert_eq!(state_digest(&again.set), digest);
}

#[test]
fn a_crash_leaves_a_journal_that_the_next_open_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    let edit = doc.new_span("PERSON", offset(&doc, "Daniel Okafor"));
    doc.apply(edit).unwrap();
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    doc.sync().unwrap();
    let before = state_digest(doc.set());
    // A crash: nothing is closed or saved, and the lock is left by a process that is gone.
    crash(doc);
    let opening = open(&path);
    let info = opening.recovery.clone().expect("the journal is found");
    assert_eq!(info.edits, 2);
    let mut doc = opening.doc;
    let report = doc.recover(&info).unwrap();
    assert_eq!(report.replayed, 2);
    assert_eq!(state_digest(doc.set()), before);
    assert!(doc.is_dirty());
    doc.undo().unwrap().unwrap();
    assert_eq!(
        doc.set().span_count(),
        1,
        "recovered edits are undoable steps"
    );
}

#[test]
fn a_file_changed_on_disk_is_a_conflict_until_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    doc.save(false).unwrap();
    std::fs::write(dir.path().join("story.json"), "{}").unwrap();
    let edit = doc.new_span("PERSON", offset(&doc, "Daniel Okafor"));
    doc.apply(edit).unwrap();
    assert!(matches!(doc.save(false), Err(SaveError::Conflict(_))));
    assert!(doc.is_dirty(), "nothing was lost");
    doc.save(true).unwrap();
    let reopened = formats::open_path(&dir.path().join("story.json"), None).unwrap();
    assert_eq!(reopened.set.span_count(), 1);
}

#[test]
fn save_as_moves_the_set_and_reload_reads_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    let edit = doc.new_span("PERSON", offset(&doc, "Daniel Okafor"));
    doc.apply(edit).unwrap();
    let other = dir.path().join("copy.json");
    doc.save_to(&other, false).unwrap();
    assert_eq!(doc.save_path(), other);
    assert!(
        crate::storage::lock_path(&other).exists(),
        "the new path is locked"
    );
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    let reloaded = doc.reload(&OpenOptions::default()).unwrap();
    assert_eq!(reloaded.doc.set().span_count(), 1, "the disk's version");
    assert!(!reloaded.doc.is_dirty());
}

#[test]
fn links_follow_the_schema_and_review_follows_suggest_review() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    let suggested = doc.suggest().unwrap();
    assert!(suggested.spans >= 2, "{suggested:?}");
    assert!(suggested.gazetteer.is_none());
    let quote = doc
        .set()
        .spans_ordered()
        .find(|s| s.label == crate::model::vocab::QUOTE)
        .unwrap()
        .id;
    let person = doc
        .set()
        .spans_ordered()
        .find(|s| s.label == "PERSON")
        .unwrap()
        .id;
    // Accept the person, then the quote: the said_by link between them comes along.
    assert_eq!(
        doc.review_span(person, true).unwrap(),
        ReviewOutcome::Reviewed { spans: 1 }
    );
    doc.review_span(quote, true).unwrap();
    let said_by = doc
        .set()
        .relations()
        .find(|r| r.label == crate::model::vocab::SAID_BY)
        .unwrap();
    assert!(said_by.review.is_accepted());
    assert_eq!(
        doc.review_span(quote, true).unwrap(),
        ReviewOutcome::NotASuggestion
    );
    // A manual link: PERSON to QUOTE is not a link type; QUOTE to PERSON is said_by.
    let edit = doc.new_span("PERSON", offset(&doc, "port authority"));
    doc.apply(edit).unwrap();
    let other = doc
        .set()
        .spans_ordered()
        .find(|s| {
            s.review == crate::model::Review::Accepted && s.label == "PERSON" && s.id != person
        })
        .unwrap()
        .id;
    assert!(matches!(
        doc.link(other, quote, None, None).unwrap(),
        LinkOutcome::Refused { .. }
    ));
    assert!(matches!(
        doc.link(quote, other, None, Some("said_by")).unwrap(),
        LinkOutcome::Linked(_)
    ));
    assert_eq!(doc.neighbour(None, 0, true), Some(quote));
    assert_eq!(doc.neighbour(Some(quote), 0, false), None);
    let next = doc.next_suggestion(Some(quote), 0);
    assert!(
        next.is_none_or(|id| doc.set().span(id).unwrap().review == crate::model::Review::Suggested)
    );
    assert_ne!(next, Some(SpanId(u64::MAX)));
}

#[test]
fn a_gazetteer_beside_the_set_is_read_in_any_encoding_and_refused_with_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    // UTF-16 with a byte order mark, as Windows Notepad saves it.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "ORG\tport authority\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let gazetteer = dir.path().join("gazetteer.txt");
    std::fs::write(&gazetteer, &bytes).unwrap();
    let mut doc = open(&path).doc;
    let suggested = doc.suggest().unwrap();
    assert_eq!(suggested.gazetteer.as_deref(), Some(gazetteer.as_path()));
    assert!(
        doc.set()
            .spans_ordered()
            .any(|s| s.label == "ORG" && doc.set().span_text(s) == "port authority")
    );
    doc.close_discarding();

    std::fs::write(&gazetteer, "ORG\tport authority\nPERSON Daniel Okafor\n").unwrap();
    let mut doc = open(&path).doc;
    match doc.suggest() {
        Err(SuggestError::Gazetteer(crate::suggest::gazetteer::FileError::BadLines {
            errors,
            ..
        })) => assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [2]),
        other => panic!("{other:?}"),
    }
    assert_eq!(doc.set().span_count(), 0, "nothing applied until fixed");
    assert!(!doc.is_dirty());
}

#[test]
fn reencode_and_reanchor_start_a_new_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    let reencoded = doc.reencode("windows-1252").unwrap();
    assert_eq!(reencoded.encoding, "windows-1252");
    assert!(doc.set().text().as_str().contains("ZÃ¼rich"));
    doc.reencode("utf-8").unwrap();
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    assert!(matches!(
        doc.reencode("windows-1252"),
        Err(ReencodeError::HasAnnotations(_))
    ));
    let changed = dir.path().join("story-v2.txt");
    std::fs::write(&changed, format!("Update. {ARTICLE}")).unwrap();
    let reanchored = doc.reanchor_onto(&changed).unwrap();
    assert!(reanchored.report.is_complete());
    assert!(!reanchored.unchanged);
    let span = doc.set().spans_ordered().next().unwrap();
    assert_eq!(doc.set().span_text(span), "Zürich");
    assert!(doc.is_dirty(), "re-anchored, not saved");
    assert!(!doc.history().can_undo());
}

#[test]
fn find_label_all_and_attributes() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    let said = crate::model::find::find_all(
        doc.set().text(),
        "said",
        crate::model::find::FindOptions::default(),
    );
    assert_eq!(said.len(), 2);
    let first = doc.label_all(&said, "CUE").unwrap();
    assert_eq!(
        first,
        LabelledAll {
            added: 2,
            already: 0,
            inside: 0
        }
    );
    let again = doc.label_all(&said, "CUE").unwrap();
    assert_eq!(
        again,
        LabelledAll {
            added: 0,
            already: 2,
            inside: 0
        }
    );
    doc.undo().unwrap().unwrap();
    assert_eq!(doc.set().span_count(), 0, "one undo step");
    let quote = offset(&doc, "\u{201c}We will not go back,\u{201d}");
    let LabelOutcome::Added { id, .. } = doc.label(quote, None, "QUOTE").unwrap() else {
        panic!()
    };
    match doc.cycle_attribute(id, 1).unwrap() {
        AttributeOutcome::Changed { value, .. } => assert!(value.is_some()),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        doc.cycle_attribute(id, 9).unwrap(),
        AttributeOutcome::NoSuchAttribute { n: 9, .. }
    ));
    assert_eq!(
        doc.move_boundary(id, Side::End, -100).unwrap(),
        BoundaryOutcome::WouldBeEmpty
    );
}

#[test]
fn a_gold_set_that_would_not_load_back_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut merged = unsaved_set(dir.path());
    merged.curation = Some(crate::model::curation::CurationRecord {
        strategy: "majority".into(),
        annotators: vec!["ann".into(), "ben".into()],
        decisions: Vec::new(),
        relations: Vec::new(),
    });
    let gold = dir.path().join("story.gold.json");
    let mut doc = OpenSet::create(merged, &gold);
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    // A colour no schema may have: loading the set back would report a problem.
    doc.set_for_bookkeeping().schema.labels[0].color = "not a colour".into();
    match doc.save(false) {
        Err(SaveError::Invalid(message)) => assert!(message.contains("not a colour"), "{message}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!gold.exists(), "nothing was written");
    assert!(doc.is_dirty(), "the edits are kept");
}

#[test]
fn a_set_whose_article_was_edited_says_so_when_it_is_opened_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    doc.save(false).unwrap();
    doc.close();
    let set = dir.path().join("story.json");
    assert!(
        open(&set).problems.is_empty(),
        "the same text is no problem"
    );

    // The article is corrected after the set was made: the set keeps its own text.
    std::fs::write(&path, ARTICLE.replace("Zürich", "Zurich")).unwrap();
    let opening = open(&set);
    let [problem] = opening.problems.as_slice() else {
        panic!("one problem expected: {:?}", opening.problems)
    };
    assert!(
        problem.message.contains("line 1, column 47")
            && problem.message.contains("Re-anchor onto a changed article")
            && problem.message.contains("newsmark reanchor"),
        "{problem}"
    );
    assert_eq!(opening.doc.set().text().as_str(), ARTICLE);
    // Saving it is not writing a repaired set over a broken one: nothing to ask.
    assert_eq!(opening.doc.overwrite_warning(), None);
}

#[test]
fn relabelling_takes_off_the_attributes_only_the_old_label_has_and_undo_puts_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = open(&article(dir.path())).doc;
    let edit = doc.new_span("QUOTE", offset(&doc, "Daniel Okafor"));
    doc.apply(edit).unwrap();
    let id = doc.set().spans_ordered().next().unwrap().id;
    doc.set_attribute(id, "speaker_form", Some("nominal".into()))
        .unwrap();
    // An attribute the schema does not know (an import's) is the user's.
    let mut span = doc.set().span(id).unwrap().clone();
    span.attributes.insert("from_tool".into(), "ner-v2".into());
    doc.apply(Edit::UpdateSpan(span)).unwrap();

    let outcome = doc.relabel(id, "PERSON").unwrap();
    assert_eq!(
        outcome,
        LabelOutcome::Relabelled {
            id,
            dropped: vec!["speaker_form".to_string()]
        }
    );
    let span = doc.set().span(id).unwrap();
    assert_eq!(span.label, "PERSON");
    assert_eq!(
        span.attributes.keys().collect::<Vec<_>>(),
        ["from_tool"],
        "{:?}",
        span.attributes
    );
    doc.undo().unwrap();
    let span = doc.set().span(id).unwrap();
    assert_eq!(span.label, "QUOTE");
    assert_eq!(span.attributes["speaker_form"], "nominal");
}

#[test]
fn a_span_labelled_from_half_a_letter_keeps_its_vowel_marks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.txt");
    std::fs::write(&path, "قال: لم نُستشر في القرار\n").unwrap();
    let mut doc = open(&path).doc;
    // The selection ends between the nūn and its damma, as a caret placed by a click could.
    let nun = offset(&doc, "نُ").start;
    let LabelOutcome::Added { range, .. } = doc.label(nun - 3..nun + 1, None, "PERSON").unwrap()
    else {
        panic!("a span is added");
    };
    assert_eq!(range, nun - 3..nun + 2);
    assert_eq!(doc.set().text().slice(range), "لم نُ");
    doc.close_discarding();
}

#[test]
fn a_history_kept_at_close_is_taken_up_by_the_same_unchanged_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    let edit = doc.new_span("PERSON", offset(&doc, "Daniel Okafor"));
    doc.apply(edit).unwrap();
    doc.save(false).unwrap();
    let set_path = doc.save_path().to_path_buf();
    let kept = doc.close_keeping_history().expect("two steps to keep");
    assert_eq!(kept.undo_steps(), 2);
    assert_eq!(kept.save_path(), set_path);

    // Opened again, unchanged: Undo takes back the last step, and the set is unsaved.
    let mut again = open(&set_path).doc;
    let revision = again.history().revision();
    assert!(again.resume_history(kept));
    assert!(again.history().revision() > revision);
    assert!(!again.is_dirty());
    again.undo().unwrap().expect("a step to undo");
    assert_eq!(again.set().span_count(), 1);
    assert!(again.is_dirty());
    again.redo().unwrap().expect("a step to redo");
    assert!(!again.is_dirty(), "back at the saved state");
    again.undo().unwrap();
    again.save(false).unwrap();
    let kept = again
        .close_keeping_history()
        .expect("undo and redo to keep");

    // Someone else's version of the file: the kept history does not apply to it.
    let mut theirs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&set_path).unwrap()).unwrap();
    theirs["spans"] = serde_json::json!([]);
    std::fs::write(&set_path, serde_json::to_string_pretty(&theirs).unwrap()).unwrap();
    let mut changed = open(&set_path).doc;
    assert!(!changed.resume_history(kept));
    assert!(!changed.history().can_undo() && !changed.history().can_redo());

    // A set closed with nothing to undo keeps nothing, and a dirty one nothing either.
    assert!(changed.close_keeping_history().is_none());
    let mut dirty = open(&set_path).doc;
    let edit = dirty.new_span("GPE", offset(&dirty, "Zürich"));
    dirty.apply(edit).unwrap();
    assert!(dirty.close_keeping_history().is_none());
}

#[test]
fn next_speaker_steps_through_the_people_nearby_nearest_first_and_round() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("speakers.txt");
    std::fs::write(
        &path,
        "Far away, Carla Moss had spoken first.\n\nMayor Ines Vidal met Tom Okri at the depot.\n\n\u{201c}The buses run,\u{201d} said Okri.\n\nLater, Ruth Bale left.\n\nMuch later, Pia Lund came.\n",
    )
    .unwrap();
    let mut doc = open(&path).doc;
    let add = |doc: &mut OpenSet, label: &str, needle: &str| {
        let edit = doc.new_span(label, offset(doc, needle));
        doc.apply(edit).unwrap();
        doc.set().find_same(label, offset(doc, needle)).unwrap()
    };
    let quote = add(&mut doc, "QUOTE", "The buses run,");
    let okri = add(&mut doc, "PERSON", "Okri.");
    let tom = add(&mut doc, "PERSON", "Tom Okri");
    let vidal = add(&mut doc, "PERSON", "Ines Vidal");
    let bale = add(&mut doc, "PERSON", "Ruth Bale");
    let moss = add(&mut doc, "PERSON", "Carla Moss");
    add(&mut doc, "PERSON", "Pia Lund");
    let gpe = add(&mut doc, "GPE", "depot");
    // "Okri." refers to "Tom Okri": one person, met at its nearest mention.
    doc.link(okri, tom, None, Some("refers_to")).unwrap();
    let step = |doc: &mut OpenSet, backward| match doc.next_speaker(quote, backward).unwrap() {
        SpeakerOutcome::Linked {
            speaker,
            position,
            of,
        } => {
            assert_eq!(
                of, 5,
                "Okri, Vidal, Moss, Bale, the depot; not Pia Lund (two paragraphs after)"
            );
            (speaker, position)
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(step(&mut doc, false), (okri, 1));
    assert_eq!(
        step(&mut doc, false),
        (vidal, 2),
        "the paragraphs before, nearest first"
    );
    assert_eq!(step(&mut doc, false), (moss, 3));
    assert_eq!(step(&mut doc, false), (bale, 4), "then the one after");
    assert_eq!(
        step(&mut doc, false),
        (gpe, 5),
        "people first, places after"
    );
    assert_eq!(step(&mut doc, false), (okri, 1), "round");
    assert_eq!(step(&mut doc, true), (gpe, 5));
    assert_eq!(step(&mut doc, true), (bale, 4));
    // One link all along, retargeted, each step one undo.
    let links: Vec<_> = doc
        .set()
        .relations_of(quote)
        .filter(|r| r.label == "said_by")
        .map(|r| r.to)
        .collect();
    assert_eq!(links, vec![bale]);
    doc.undo().unwrap();
    let speaker = crate::model::attribution::quotes(doc.set())[0].speaker;
    assert_eq!(speaker, Some(gpe), "one undo takes back one step");
    // Not a quote: said so, nothing changed.
    assert_eq!(
        doc.next_speaker(vidal, false).unwrap(),
        SpeakerOutcome::NotAQuote("PERSON".into())
    );
}

#[test]
fn a_suggested_link_between_accepted_spans_is_reached_and_reviewed_by_the_review_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    let add = |doc: &mut OpenSet, label: &str, needle: &str| {
        let edit = doc.new_span(label, offset(doc, needle));
        doc.apply(edit).unwrap();
        doc.set().find_same(label, offset(doc, needle)).unwrap()
    };
    let quote = add(&mut doc, "QUOTE", "We will not go back,");
    let person = add(&mut doc, "PERSON", "Daniel Okafor");
    // A merge's suggestion: both spans accepted, the link between them not.
    let link = Relation {
        id: doc.set_for_bookkeeping().new_relation_id(),
        label: "said_by".into(),
        from: quote,
        to: person,
        origin: Some("merge:ben".into()),
        review: Review::Suggested,
    };
    let link_id = link.id;
    doc.apply(Edit::AddRelation(link)).unwrap();
    assert_eq!(pending_links(doc.set(), quote), vec![link_id]);
    assert_eq!(
        doc.next_suggestion(None, 0),
        Some(quote),
        "Ctrl+J reaches it"
    );
    assert_eq!(
        doc.review_span(quote, true).unwrap(),
        ReviewOutcome::LinksReviewed { links: 1 }
    );
    assert!(doc.set().relation(link_id).unwrap().review.is_accepted());
    assert_eq!(doc.next_suggestion(None, 0), None, "nothing left to review");
    // Rejected instead: the link goes, and is remembered as rejected.
    doc.undo().unwrap();
    assert_eq!(
        doc.review_span(quote, false).unwrap(),
        ReviewOutcome::LinksReviewed { links: 1 }
    );
    assert!(doc.set().relation(link_id).is_none());
    assert_eq!(doc.set().rejected().len(), 1);
    assert_eq!(
        doc.review_span(person, true).unwrap(),
        ReviewOutcome::NotASuggestion
    );
}

#[test]
fn a_file_changed_on_disk_merges_with_the_unsaved_edits_span_by_span() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let set_path = dir.path().join("story.json");
    let mut doc = open(&path).doc;
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    doc.save(false).unwrap();
    // Someone else (a git pull) adds a PERSON and relabels the GPE as LOC on disk...
    let mut theirs = formats::open_path(&set_path, None).unwrap().set;
    let e = crate::model::edit::add_span(&mut theirs, "PERSON", offset(&doc, "Daniel Okafor"));
    crate::model::edit::apply(&mut theirs, e).unwrap();
    let mut gpe = theirs
        .spans_unordered()
        .find(|s| s.label == "GPE")
        .unwrap()
        .clone();
    gpe.label = "LOC".into();
    crate::model::edit::apply(&mut theirs, Edit::UpdateSpan(gpe)).unwrap();
    formats::save_set(&mut theirs, &set_path).unwrap();
    // ... while this window, unsaved, adds an ORG and relabels the same GPE as FAC.
    let edit = doc.new_span("ORG", offset(&doc, "port authority"));
    doc.apply(edit).unwrap();
    let mut mine = doc
        .set()
        .spans_unordered()
        .find(|s| s.label == "GPE")
        .unwrap()
        .clone();
    mine.label = "FAC".into();
    doc.apply(Edit::UpdateSpan(mine)).unwrap();
    assert!(matches!(doc.save(false), Err(SaveError::Conflict(_))));

    let merged = doc.merge_with_disk(&OpenOptions::default()).unwrap();
    let mut doc = merged.opening.doc;
    let labels = |doc: &OpenSet| {
        let mut l: Vec<(String, bool)> = doc
            .set()
            .spans_unordered()
            .map(|s| (s.label.clone(), s.review.is_accepted()))
            .collect();
        l.sort();
        l
    };
    // Both additions; the span changed two ways is a conflict: ours kept, theirs suggested.
    assert_eq!(
        labels(&doc),
        [
            ("FAC".to_string(), true),
            ("LOC".to_string(), false),
            ("ORG".to_string(), true),
            ("PERSON".to_string(), true)
        ]
    );
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    // The window's work is one unsaved step on top of the file: Undo gives the disk back.
    assert!(doc.is_dirty());
    doc.undo().unwrap();
    assert_eq!(
        labels(&doc),
        [("LOC".to_string(), true), ("PERSON".to_string(), true)]
    );
    doc.redo().unwrap();
    doc.save(false)
        .expect("the file is the one read: no conflict");
    let saved = formats::open_path(&set_path, None).unwrap().set;
    assert_eq!(saved.span_count(), 4);
}
