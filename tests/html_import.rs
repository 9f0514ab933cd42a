//! HTML import: the article body of a saved news page, without its navigation, scripts, share
//! buttons, related links and comments.
//!
//! Always on: small original pages in tests/html/ (each with the paragraphs a reader sees in
//! `NAME.expected.txt`). With `NEWSMARK_HTML_PAGES=DIR` (a folder of `*/source.html` with
//! `*/expected.html`, such as mozilla/readability's test/test-pages, kept outside the
//! repository), every page's extracted text is compared word by word with the text of
//! expected.html and the figures are printed.

#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed check

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use newsmark::formats::html;
use newsmark::formats::import::{self, ImportOptions};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/html")
        .join(name)
}

/// Every expected paragraph is a paragraph of the text, in order; none of the page's
/// furniture is.
fn check_page(name: &str, absent: &[&str]) {
    let source = std::fs::read_to_string(fixture(&format!("{name}.html"))).unwrap();
    let expected = std::fs::read_to_string(fixture(&format!("{name}.expected.txt"))).unwrap();
    let article = html::extract(&source);
    let paragraphs: Vec<&str> = article.text.split("\n\n").map(str::trim_end).collect();
    let mut at = 0;
    for want in expected.lines() {
        let found = paragraphs[at..].iter().position(|p| *p == want);
        assert!(
            found.is_some(),
            "{name}: paragraph missing or out of order: {want:?}\nin {:?}",
            article.text
        );
        at += found.unwrap() + 1;
    }
    for gone in absent {
        assert!(
            !article.text.contains(gone),
            "{name}: {gone:?} should be left out:\n{}",
            article.text
        );
    }
}

#[test]
fn a_news_page_keeps_its_story_and_drops_the_furniture() {
    check_page(
        "harbour-strike",
        &[
            "cookies",
            "Subscribe",
            "Search the Courier",
            "Share on Facebook",
            "Related stories",
            "Ferry timetable",
            "harbourwatcher",
            "arbitration",
            "All rights reserved",
            "dataLayer",
            "NewsArticle",
            "color: #336",
            "morning briefing",
        ],
    );
}

#[test]
fn an_arabic_page_keeps_its_story_in_logical_order() {
    check_page(
        "water-tariff-ar",
        &[
            "الرئيسية",
            "شارك على",
            "الأكثر قراءة",
            "قرار صائب",
            "ads",
            "© 2026",
        ],
    );
}

#[test]
fn importing_a_page_sets_its_title_and_reports_what_was_taken() {
    let read =
        import::read_path(&fixture("harbour-strike.html"), &ImportOptions::default()).unwrap();
    assert_eq!(read.format, Some(newsmark::formats::ImportFormat::Html));
    let document = &read.documents[0];
    assert!(
        document
            .set
            .document
            .metadata
            .title
            .as_deref()
            .is_some_and(|t| t.starts_with("Harbour strike enters third day")),
        "{:?}",
        document.set.document.metadata.title
    );
    // Where the article was taken from is information, not a problem.
    assert!(
        document.notes.iter().any(|n| n.contains("readability")),
        "{:?}",
        document.notes
    );
    assert!(document.problems.is_empty(), "{:?}", document.problems);
    assert!(document.set.text().as_str().contains("Ana Lúcia Ferreira"));
}

#[test]
fn a_page_without_an_article_body_falls_back_to_the_whole_page() {
    let article = html::extract(
        "<html><head><title>Links</title><script>x()</script></head><body><nav>Menu</nav>\
         <p>Only a line.</p><footer>Foot</footer></body></html>",
    );
    assert!(article.text.contains("Only a line."), "{:?}", article.text);
    for gone in ["x()", "Menu", "Foot"] {
        assert!(!article.text.contains(gone), "{:?}", article.text);
    }
    assert_eq!(article.title.as_deref(), Some("Links"));
}

// ---------------------------------------------------------------------------------------
// Real saved pages, when present.

/// Lowercased words (letters and digits).
fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Word-level precision, recall and F1 of `ours` against `expected` (multisets of words).
fn similarity(ours: &str, expected: &str) -> (f64, f64, f64) {
    let (a, b) = (words(ours), words(expected));
    let common: usize = a
        .iter()
        .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
        .sum();
    let total = |m: &HashMap<String, usize>| m.values().sum::<usize>().max(1) as f64;
    let precision = common as f64 / total(&a);
    let recall = common as f64 / total(&b);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

#[test]
fn saved_news_pages_match_what_a_reader_sees() {
    let Some(dir) = std::env::var_os("NEWSMARK_HTML_PAGES") else {
        eprintln!(
            "note: NEWSMARK_HTML_PAGES is not set; the comparison over saved pages is skipped"
        );
        return;
    };
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
        .collect();
    pages.sort();
    assert!(
        !pages.is_empty(),
        "no */source.html with expected.html in {dir:?}"
    );
    let started = std::time::Instant::now();
    let mut bytes = 0;
    let mut scores = Vec::new();
    for page in &pages {
        let source = std::fs::read_to_string(page.join("source.html")).unwrap();
        let expected = std::fs::read_to_string(page.join("expected.html")).unwrap();
        bytes += source.len();
        let ours = html::extract(&source).text;
        let theirs = dom_query::Document::from(expected.as_str()).formatted_text();
        let (p, r, f1) = similarity(&ours, &theirs);
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        eprintln!("{name:40} precision {p:.3} recall {r:.3} F1 {f1:.3}");
        scores.push((f1, p, r, name));
    }
    let elapsed = started.elapsed();
    scores.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = scores.len() as f64;
    let mean = |i: usize| scores.iter().map(|s| [s.0, s.1, s.2][i]).sum::<f64>() / n;
    let median = scores[scores.len() / 2].0;
    let at_least = |t: f64| scores.iter().filter(|s| s.0 >= t).count();
    eprintln!(
        "{} pages, {:.1} MB in {elapsed:.2?}: mean F1 {:.3} (precision {:.3}, recall {:.3}), median F1 {median:.3}, F1 >= 0.9 on {}, >= 0.8 on {}; worst: {}",
        scores.len(),
        bytes as f64 / 1e6,
        mean(0),
        mean(1),
        mean(2),
        at_least(0.9),
        at_least(0.8),
        scores
            .iter()
            .take(5)
            .map(|s| format!("{} {:.2}", s.3, s.0))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(mean(0) >= MIN_MEAN_F1, "mean F1 {:.3}", mean(0));
    assert!(median >= MIN_MEDIAN_F1, "median F1 {median:.3}");
}

/// Chosen from the measured figures (docs/FORMATS.md): on mozilla/readability's 130 test pages
/// the import scores mean F1 0.999+ and median 1.000 (the hand-written extractor it replaced:
/// mean 0.859, median 0.982); a little below, so a change that makes extraction clearly worse
/// fails.
const MIN_MEAN_F1: f64 = 0.97;
const MIN_MEDIAN_F1: f64 = 0.99;
