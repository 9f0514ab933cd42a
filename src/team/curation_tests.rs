//! Tests of the module beside this file (kept apart so the module reads in one sitting).
use super::*;
use crate::model::edit;
use crate::model::set::Document;
use crate::model::{History, RelationId};

//            0         1         2         3         4         5         6
//            0123456789012345678901234567890123456789012345678901234567890123
const TEXT: &str = "“We will not wait,” said Ana Lúcia Ferreira in Zürich on Monday.";

fn set_of(name: &str, spans: &[(&str, usize, usize)]) -> MergeInput {
    let mut set = AnnotationSet::new(Document::new(TEXT), Schema::default());
    set.annotator = Some(name.into());
    for &(label, start, end) in spans {
        let e = edit::add_span(&mut set, label, start..end);
        edit::apply(&mut set, e).unwrap();
    }
    MergeInput {
        name: name.into(),
        source: format!("story.{name}.json"),
        set,
    }
}

fn link(input: &mut MergeInput, label: &str, from: (usize, usize), to: (usize, usize)) {
    let find = |set: &AnnotationSet, (s, e): (usize, usize)| {
        set.spans_unordered()
            .find(|x| x.start == s && x.end == e)
            .unwrap()
            .id
    };
    let relation = Relation {
        id: input.set.new_relation_id(),
        label: label.into(),
        from: find(&input.set, from),
        to: find(&input.set, to),
        origin: None,
        review: Review::Accepted,
    };
    edit::apply(&mut input.set, Edit::AddRelation(relation)).unwrap();
}

const QUOTE: (&str, usize, usize) = ("QUOTE", 1, 18);
const ANA: (&str, usize, usize) = ("PERSON", 25, 43);
const ANA_SHORT: (&str, usize, usize) = ("PERSON", 25, 34);
const ZURICH: (&str, usize, usize) = ("GPE", 47, 53);
const MONDAY: (&str, usize, usize) = ("DATE", 57, 63);

fn three() -> Vec<MergeInput> {
    let mut alice = set_of("alice", &[QUOTE, ANA, ZURICH, MONDAY]);
    link(&mut alice, "said_by", (1, 18), (25, 43));
    let mut bob = set_of("bob", &[QUOTE, ANA_SHORT, ZURICH]);
    link(&mut bob, "said_by", (1, 18), (25, 34));
    let mut carol = set_of("carol", &[QUOTE, ANA, ZURICH, ("ORG", 47, 53)]);
    link(&mut carol, "said_by", (1, 18), (25, 43));
    vec![alice, bob, carol]
}

fn gold_spans(gold: &AnnotationSet) -> Vec<(String, usize, usize, bool)> {
    gold.spans_ordered()
        .map(|s| (s.label.clone(), s.start, s.end, s.review.is_accepted()))
        .collect()
}

#[test]
fn unanimous_accepts_what_all_share_and_suggests_the_rest() {
    let inputs = three();
    let (curation, gold) = Curation::open(&inputs, Strategy::Unanimous, None, None).unwrap();
    let spans = gold_spans(&gold);
    let accepted: Vec<_> = spans.iter().filter(|s| s.3).collect();
    assert_eq!(
        accepted,
        [
            &("QUOTE".to_string(), 1, 18, true),
            &("GPE".to_string(), 47, 53, true)
        ],
        "only the quote and Zürich are shared by all three"
    );
    assert_eq!(curation.report.accepted_spans, 2);
    // Ana (2) Ana short (1), Zürich GPE (3 = shared, but ORG competes? no: another label)
    let zurich = gold.spans_unordered().find(|s| s.label == "GPE").unwrap();
    assert!(zurich.review.is_accepted(), "GPE Zürich is unanimous");
    assert_eq!(zurich.annotators, ["alice", "bob", "carol"]);
    let org = gold.spans_unordered().find(|s| s.label == "ORG").unwrap();
    assert_eq!(org.origin.as_deref(), Some("merge:carol"));
    assert_eq!(org.annotators, ["carol"]);
    let long = gold
        .spans_unordered()
        .find(|s| s.label == "PERSON" && s.end == 43)
        .unwrap();
    assert_eq!(long.origin.as_deref(), Some("merge:alice,carol"));
    // Disagreements in order: the person, Zürich (GPE vs ORG), Monday.
    let ranges: Vec<_> = curation
        .disagreements()
        .iter()
        .map(|d| (d.start, d.end))
        .collect();
    assert_eq!(ranges, [(25, 43), (47, 53), (57, 63)]);
    assert_eq!(curation.open_count(&gold), 3);
    // Each annotator's version of the person.
    let versions = curation.versions_of(0).unwrap();
    let shown: Vec<(String, Vec<(usize, usize)>)> = versions
        .iter()
        .map(|v| {
            (
                v.shown.clone(),
                v.spans.iter().map(|s| (s.start, s.end)).collect(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("alice".to_string(), vec![(25, 43)]),
            ("bob".to_string(), vec![(25, 34)]),
            ("carol".to_string(), vec![(25, 43)])
        ]
    );
    // Relations: said_by to the long name is alice's and carol's, a suggestion.
    let said: Vec<_> = gold.relations().collect();
    assert_eq!(said.len(), 2);
    assert!(said.iter().all(|r| !r.review.is_accepted()));
    // The gold set is valid.
    let loaded =
        crate::formats::native::from_json(&crate::formats::native::to_json(&gold)).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
}

#[test]
fn majority_accepts_two_of_three_and_relations_follow() {
    let inputs = three();
    let (curation, gold) = Curation::open(&inputs, Strategy::Majority, None, None).unwrap();
    let long = gold
        .spans_unordered()
        .find(|s| s.label == "PERSON" && s.end == 43)
        .unwrap();
    assert!(long.review.is_accepted());
    assert_eq!(long.annotators, ["alice", "carol"]);
    let said = gold
        .relations()
        .find(|r| r.to == long.id)
        .expect("said_by carried");
    assert!(said.review.is_accepted(), "2 of 3 and both ends accepted");
    // Bob's short name is still a disagreement (a suggestion), Monday too (1 of 3).
    assert_eq!(curation.open_count(&gold), 3);
    assert_eq!(Strategy::Majority.needed(2), 2);
    assert_eq!(Strategy::Majority.needed(4), 3);
}

#[test]
fn decisions_are_edits_undo_reopens_and_blind_hides_names() {
    let inputs = three();
    let (mut curation, mut gold) =
        Curation::open(&inputs, Strategy::Unanimous, None, None).unwrap();
    let mut history = History::new();
    // Take bob's version of the person: only the short name, accepted, with his relation.
    let d = curation.next_open(&gold, None).unwrap();
    assert_eq!(d, 0);
    let e = curation.take_one(&mut gold, d, 1).unwrap();
    history.apply(&mut gold, e).unwrap();
    let persons: Vec<_> = gold_spans(&gold)
        .into_iter()
        .filter(|s| s.0 == "PERSON")
        .collect();
    assert_eq!(persons, [("PERSON".to_string(), 25, 34, true)]);
    let short = gold
        .spans_unordered()
        .find(|s| s.label == "PERSON")
        .unwrap();
    assert_eq!(short.annotators, ["bob"]);
    assert!(short.origin.is_none());
    let said: Vec<_> = gold.relations().collect();
    assert_eq!(said.len(), 1);
    assert!(said[0].review.is_accepted() && said[0].to == short.id);
    assert!(!curation.is_open(&gold, 0));
    assert_eq!(curation.next_open(&gold, Some(0)), Some(1));
    // Undo re-opens it.
    history.undo(&mut gold).unwrap();
    assert!(curation.is_open(&gold, 0));
    history.redo(&mut gold).unwrap();
    // Take all at Zürich: GPE and ORG both accepted.
    let e = curation.take_all(&mut gold, 1).unwrap();
    history.apply(&mut gold, e).unwrap();
    let at_zurich: Vec<_> = gold_spans(&gold)
        .into_iter()
        .filter(|s| s.1 == 47)
        .collect();
    assert_eq!(at_zurich.len(), 2);
    assert!(at_zurich.iter().all(|s| s.3));
    // None at Monday.
    let e = curation.take_none(&mut gold, 2).unwrap();
    history.apply(&mut gold, e).unwrap();
    assert!(!gold.spans_unordered().any(|s| s.label == "DATE"));
    assert!(curation.is_curated(&gold));
    assert_eq!(curation.open_count(&gold), 0);
    let record = curation.record(&gold);
    let choices: Vec<_> = record.decisions.iter().map(|d| d.choice.clone()).collect();
    assert_eq!(
        choices,
        [Choice::Take("bob".into()), Choice::All, Choice::None]
    );
    // Blind mode.
    curation.blind = true;
    assert_eq!(curation.shown_name(0), "A");
    assert_eq!(curation.versions_of(0).unwrap()[2].shown, "C");
    let text = curation.render(&gold, true);
    assert!(!text.contains("alice") && !text.contains("bob"), "{text}");
    assert_eq!(blind_name(26), "AA");
    assert_eq!(
        curation.blind_text("story.bob.json: no \"annotator\" field; used \"bob\""),
        "story (B's set): no \"annotator\" field; used \"B\""
    );
    assert!(matches!(
        curation.take_one(&mut gold, 9, 0),
        Err(CurationError::NoSuchDisagreement(9))
    ));
}

#[test]
fn decisions_survive_a_re_merge_unless_their_inputs_changed() {
    let mut inputs = three();
    let (curation, mut gold) = Curation::open(&inputs, Strategy::Unanimous, None, None).unwrap();
    for (d, e) in [
        (0, curation.take_one(&mut gold, 0, 1).unwrap()),
        (2, curation.take_none(&mut gold, 2).unwrap()),
    ] {
        edit::apply(&mut gold, e).unwrap_or_else(|e| panic!("{d}: {e}"));
    }
    // An edit by hand at Zürich: keep GPE only, then finish.
    let org = gold
        .spans_unordered()
        .find(|s| s.label == "ORG")
        .unwrap()
        .id;
    edit::apply(&mut gold, Edit::RemoveSpan(org)).unwrap();
    let e = curation.finish_edited(&gold, 1).unwrap();
    edit::apply(&mut gold, e).unwrap();
    curation.prepare_save(&mut gold);
    let saved = crate::formats::native::from_json(&crate::formats::native::to_json(&gold))
        .unwrap()
        .set;
    assert_eq!(saved.curation.as_ref().unwrap().decisions.len(), 3);

    // Nothing changed: every decision comes back, nothing is open.
    let (again, regold) = Curation::open(&inputs, Strategy::Unanimous, None, Some(&saved)).unwrap();
    assert_eq!(again.decisions_kept, 3);
    assert_eq!(again.open_count(&regold), 0);
    assert_eq!(gold_spans(&regold), gold_spans(&gold));
    let relations = |set: &AnnotationSet| {
        let mut keys = relation_keys(set);
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        keys
    };
    assert_eq!(
        relations(&regold),
        relations(&gold),
        "relation decisions too"
    );

    // Carol drops her ORG at Zürich: that decision's inputs changed; the others stay.
    let mut carol = set_of("carol", &[QUOTE, ANA, ZURICH]);
    link(&mut carol, "said_by", (1, 18), (25, 43));
    inputs[2] = carol;
    // ... and alice adds a claim elsewhere (a new disagreement).
    let (third, regold) = Curation::open(&inputs, Strategy::Unanimous, None, Some(&saved)).unwrap();
    // Zürich is now unanimous: no disagreement there at all; the decision is stale.
    assert_eq!(third.decisions_kept, 2);
    assert_eq!(
        third.decisions_stale.len(),
        1,
        "{:?}",
        third.decisions_stale
    );
    assert!(third.decisions_stale[0].contains("47..53"));
    assert_eq!(third.open_count(&regold), 0);
    let record = third.record(&regold);
    assert!(record.decisions.iter().any(|d| d.stale && d.start == 47));
    let persons: Vec<_> = gold_spans(&regold)
        .into_iter()
        .filter(|s| s.0 == "PERSON")
        .collect();
    assert_eq!(persons, [("PERSON".to_string(), 25, 34, true)]);
    let _ = RelationId(0);
}

#[test]
fn attribute_variants_go_to_the_curator() {
    let mut a = set_of("alice", &[QUOTE]);
    let mut b = set_of("bob", &[QUOTE]);
    for (input, value) in [(&mut a, "direct"), (&mut b, "indirect")] {
        let id = input.set.spans_unordered().next().unwrap().id;
        let e = edit::set_attribute(&input.set, id, "type", Some(value.into())).unwrap();
        edit::apply(&mut input.set, e).unwrap();
    }
    let (curation, mut gold) = Curation::open(&[a, b], Strategy::Majority, None, None).unwrap();
    assert_eq!(gold.span_count(), 1);
    assert_eq!(curation.report.variant_versions, 1);
    assert_eq!(curation.open_count(&gold), 1);
    let versions = curation.versions_of(0).unwrap();
    assert_eq!(versions[1].spans[0].attributes["type"], "indirect");
    let e = curation.take_one(&mut gold, 0, 1).unwrap();
    edit::apply(&mut gold, e).unwrap();
    let quote = gold.spans_unordered().next().unwrap();
    assert_eq!(quote.attributes["type"], "indirect");
    assert!(quote.review.is_accepted());
    assert_eq!(quote.annotators, ["bob"]);
}

#[test]
fn bad_input_is_named() {
    // Different texts: refused, with the re-anchor command.
    let a = set_of("alice", &[ANA]);
    let mut b = set_of("bob", &[ANA]);
    b.set = AnnotationSet::new(Document::new(format!("{TEXT} Updated.")), Schema::default());
    let error = Curation::open(&[a.clone(), b], Strategy::Unanimous, None, None)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("story.bob.json")
            && error.contains("newsmark reanchor story.bob.json")
            && error.contains("-o story.bob.reanchored.json"),
        "{error}"
    );
    // A set of another article: no re-anchoring offered (it would place nothing right).
    let mut a_here = a.clone();
    a_here.set.document.source = Some("ports/story.txt".into());
    let mut elsewhere = set_of("bob", &[ANA]);
    elsewhere.set = AnnotationSet::new(Document::new("Another story."), Schema::default());
    elsewhere.set.document.source = Some("ports/ferry.txt".into());
    let error = Curation::open(&[a_here, elsewhere], Strategy::Unanimous, None, None)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("made on another article (ferry, not story)") && !error.contains("reanchor"),
        "{error}"
    );
    // The same annotator twice: refused.
    let error = Curation::open(&[a.clone(), a.clone()], Strategy::Unanimous, None, None)
        .unwrap_err()
        .to_string();
    assert!(error.contains("\"alice\" has two sets"), "{error}");
    // A label the schema lacks: a suggestion, reported, the set stays valid.
    let mut odd = set_of("bob", &[ANA]);
    odd.set.schema.add_unknown_label("POLITICIAN");
    let e = edit::add_span(&mut odd.set, "POLITICIAN", 25..43);
    edit::apply(&mut odd.set, e).unwrap();
    // Overlapping same-label spans of one annotator: reported, both kept.
    let e = edit::add_span(&mut odd.set, "PERSON", 29..43);
    edit::apply(&mut odd.set, e).unwrap();
    let mut with_unknown = a.clone();
    with_unknown.set.schema.add_unknown_label("POLITICIAN");
    let e = edit::add_span(&mut with_unknown.set, "POLITICIAN", 25..43);
    edit::apply(&mut with_unknown.set, e).unwrap();
    let (curation, gold) =
        Curation::open(&[with_unknown, odd], Strategy::Unanimous, None, None).unwrap();
    let notes = curation.report.notes.join("\n");
    assert!(
        notes.contains("label \"POLITICIAN\" is not in the gold schema (alice 1, bob 1)"),
        "{notes}"
    );
    assert!(notes.contains("bob (story.bob.json): 1 overlapping span with the same label (PERSON 25..43 and 29..43)"), "{notes}");
    let politician = gold
        .spans_unordered()
        .find(|s| s.label == "POLITICIAN")
        .unwrap();
    assert!(
        !politician.review.is_accepted(),
        "unknown labels are never accepted unseen"
    );
    let loaded =
        crate::formats::native::from_json(&crate::formats::native::to_json(&gold)).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
}

/// A person one annotator marked PERSON (an entity) and another SOURCE (a speaker that is not
/// a name; kind "other") is one question for the curator: what is this mention? One
/// disagreement, whose decisions settle both labels, and a re-merge applies them again.
#[test]
fn one_place_labelled_across_kinds_is_one_decision() {
    const ANA_SOURCE: (&str, usize, usize) = ("SOURCE", 25, 43);
    type Spans<'a> = &'a [(&'a str, usize, usize)];
    let cases: [(Spans, Spans); 2] = [
        (&[QUOTE, ANA], &[QUOTE, ANA_SOURCE]),
        (&[QUOTE, ANA], &[QUOTE, ANA, ANA_SOURCE]),
    ];
    for (alice, bob) in cases {
        let inputs = vec![set_of("alice", alice), set_of("bob", bob)];
        let (curation, mut gold) =
            Curation::open(&inputs, Strategy::Unanimous, None, None).unwrap();
        let [dis] = curation.disagreements() else {
            panic!("{bob:?}: {:?}", curation.disagreements());
        };
        assert_eq!((dis.start, dis.end), (25, 43));
        assert_eq!(curation.report.disagreements, 1);
        let versions = curation.versions_of(0).unwrap();
        let labels = |a: usize| -> Vec<&str> {
            versions[a].spans.iter().map(|v| v.label.as_str()).collect()
        };
        assert_eq!(labels(0), ["PERSON"]);
        assert_eq!(labels(1), bob[1..].iter().map(|s| s.0).collect::<Vec<_>>());
        assert_eq!(curation.open_count(&gold), 1);

        // Taking alice's version settles both labels: PERSON stays, SOURCE goes.
        let edit = curation.take_one(&mut gold, 0, 0).unwrap();
        edit::apply(&mut gold, edit).unwrap();
        assert_eq!(curation.open_count(&gold), 0);
        assert!(curation.is_curated(&gold));
        assert_eq!(
            gold_spans(&gold),
            [
                ("QUOTE".to_string(), 1, 18, true),
                ("PERSON".to_string(), 25, 43, true)
            ]
        );

        // The decision is kept, and applied again by a re-merge of the same inputs.
        curation.prepare_save(&mut gold);
        let (again, regold) =
            Curation::open(&inputs, Strategy::Unanimous, None, Some(&gold)).unwrap();
        assert!(
            again.decisions_stale.is_empty(),
            "{:?}",
            again.decisions_stale
        );
        assert_eq!(again.open_count(&regold), 0);
        assert_eq!(gold_spans(&regold), gold_spans(&gold));

        // Taking bob's instead gives his labels, accepted.
        let (curation, mut gold) =
            Curation::open(&inputs, Strategy::Unanimous, None, None).unwrap();
        let edit = curation.take_one(&mut gold, 0, 1).unwrap();
        edit::apply(&mut gold, edit).unwrap();
        let mut want: Vec<(String, usize, usize, bool)> = bob
            .iter()
            .map(|s| (s.0.to_string(), s.1, s.2, true))
            .collect();
        want.sort_by_key(|s| (s.1, s.2, s.0.clone()));
        let mut got = gold_spans(&gold);
        got.sort_by_key(|s| (s.1, s.2, s.0.clone()));
        assert_eq!(got, want);
        assert_eq!(curation.open_count(&gold), 0);
    }
}

#[test]
fn the_record_says_the_choice_the_curator_made_while_the_gold_still_holds_it() {
    // Only alice gave Monday: taking her version and taking every version give the same
    // spans, so the spans alone cannot tell which the curator chose.
    let inputs = vec![set_of("alice", &[ZURICH, MONDAY]), set_of("bob", &[ZURICH])];
    let (mut curation, mut gold) =
        Curation::open(&inputs, Strategy::Unanimous, None, None).unwrap();
    let d = curation.next_open(&gold, None).unwrap();
    let e = curation.take_one(&mut gold, d, 0).unwrap();
    edit::apply(&mut gold, e).unwrap();
    assert_eq!(curation.record(&gold).decisions[0].choice, Choice::All);
    curation.note_taken(d, Choice::Take("alice".into()));
    assert_eq!(
        curation.record(&gold).decisions[0].choice,
        Choice::Take("alice".into())
    );
    // A choice the gold no longer holds (the span moved by hand) is not claimed.
    let monday = gold
        .spans_unordered()
        .find(|s| s.label == "DATE")
        .unwrap()
        .clone();
    let mut moved = monday.clone();
    moved.end -= 1;
    edit::apply(&mut gold, Edit::UpdateSpan(moved)).unwrap();
    assert_eq!(curation.record(&gold).decisions[0].choice, Choice::Edited);
}

#[test]
fn a_link_only_one_annotator_gave_between_agreed_spans_is_left_to_review_not_curated() {
    let mut alice = set_of("alice", &[QUOTE, ANA]);
    link(&mut alice, "said_by", (1, 18), (25, 43));
    let bob = set_of("bob", &[QUOTE, ANA]);
    let (curation, mut gold) =
        Curation::open(&[alice, bob], Strategy::Unanimous, None, None).unwrap();
    assert_eq!(curation.open_count(&gold), 0, "the spans agree");
    assert_eq!(curation.links_left(&gold), 1);
    assert!(!curation.is_curated(&gold));
    let id = gold.relations().next().unwrap().id;
    let e = crate::suggest::review::accept_relation(&gold, id).unwrap();
    edit::apply(&mut gold, e).unwrap();
    assert_eq!(curation.links_left(&gold), 0);
    assert!(curation.is_curated(&gold));
}
