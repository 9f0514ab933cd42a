//! The quote suggester measured on the gold sets in sample_data (see docs/SUGGESTIONS.md).
//! The wire-style articles must meet the aims; the long inquiry, the Carrigbeg and Tallow Creek
//! articles (development sets for the speaker rules) and the held-out Southvale and Merrow
//! Island articles are checked at what they reach.

#![allow(clippy::unwrap_used)]
use std::path::PathBuf;

use newsmark::formats;
use newsmark::suggest::evaluate::{self, Scores};

fn score(name: &str) -> Scores {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data")
        .join(format!("{name}.json"));
    let opened = formats::open_path(&path, None).expect("gold set opens");
    evaluate::evaluate(&opened.set).expect("suggestions apply")
}

/// The article's quotes and speakers reach at least these levels (with `gold`: exactly that
/// many gold direct quotes, else some).
fn reaches(name: &str, gold: Option<usize>, precision: f64, recall: f64, speaker: f64) -> Scores {
    let scores = score(name);
    match gold {
        Some(gold) => assert_eq!(scores.gold, gold, "{name}: gold direct quotes"),
        None => assert!(scores.gold > 0, "{name} has gold direct quotes"),
    }
    assert!(
        scores.precision() >= precision,
        "{name}: P {}",
        scores.precision()
    );
    assert!(scores.recall() >= recall, "{name}: R {}", scores.recall());
    assert!(
        scores.speaker_accuracy() >= speaker,
        "{name}: speaker {}",
        scores.speaker_accuracy()
    );
    scores
}

#[test]
fn wire_articles_reach_the_aims() {
    let mut total = Scores::default();
    for name in ["harbour-strike", "council-budget", "klimagipfel"] {
        total.add(&reaches(name, None, 0.95, 0.90, 0.90));
    }
    assert!(total.precision() >= 0.95 && total.recall() >= 0.90);
    assert!(total.speaker_accuracy() >= 0.90);
}

#[test]
fn long_inquiry_keeps_what_it_reaches() {
    // 446/450 after three rounds of speaker rules (tuned on it in two: a development score).
    reaches("long-inquiry", None, 0.99, 0.99, 0.99);
}

#[test]
fn carrigbeg_article_keeps_what_it_reaches() {
    // Held out in the first round (24/80 blind, 60/80 after); its errors were read in the
    // second round, which took it to 76/80, 77/80 after the third: a development score. The
    // title and initial rules of issue 13 (tuned on real news) took it to 79/80.
    reaches("carrigbeg-datacentre", Some(80), 0.99, 0.99, 0.98);
}

#[test]
fn tallow_creek_article_keeps_what_it_reaches() {
    // Held out in the second round (quotes R 0.972, speaker 49/69 blind, 51/69 after); its
    // errors were read in the third round, which took it to R 1.000 and 71/71: now a
    // development score.
    reaches("tallow-creek-alert", Some(71), 0.99, 0.99, 0.99);
}

#[test]
fn held_out_article_keeps_what_it_reaches() {
    // Written before the third round of speaker rules and not used for tuning: quotes
    // P 1.000 R 0.986, speaker 62/68 blind; P 1.000 R 1.000, speaker 66/69 after. Its errors
    // were read in session 9 (a development set since): 68/69.
    reaches("southvale-dairy-vote", Some(69), 0.99, 0.99, 0.98);
}

#[test]
fn second_held_out_article_keeps_what_it_reaches() {
    // Written after the third round of speaker rules and never used for tuning: quotes
    // P 1.000 R 1.000, speaker 42/49 blind (its errors have not been read); 45/49 after the
    // rule changes of issue 13, which were tuned on real news, not on it. Its errors were read
    // in session 9 (a development set since): 49/49.
    reaches("merrow-island-flights", Some(49), 0.99, 0.99, 0.99);
}
