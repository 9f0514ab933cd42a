//! Suggestions in the window: the rules, a model's predictions and a gazetteer, reviewed one key
//! at a time or all at once.

use super::*;

#[test]
fn suggestions_are_reviewed_one_key_at_a_time_or_all_at_once() {
    use newsmark::model::Review::{Accepted, Suggested};
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    let first = add_span(&mut h, "GPE", "Zürich", Suggested);
    let second = add_span(&mut h, "DATE", "Monday", Suggested);
    let third = add_span(&mut h, "ORG", "port authority", Suggested);
    let fourth = add_span(&mut h, "ORG", "union", Suggested);
    h.state_mut().select_span(first);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let review = |h: &Harness<'_, NewsmarkApp>, id| {
        h.state()
            .doc
            .as_ref()
            .unwrap()
            .set()
            .span(id)
            .map(|s| s.review)
    };
    assert_eq!(review(&h, first), Some(Accepted));
    // The next suggestion is selected: Backspace rejects it.
    let selected = h.state().doc.as_ref().unwrap().view_state.selected_span;
    assert!(selected.is_some() && selected != Some(first));
    h.state_mut().select_span(second);
    h.run();
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(review(&h, second), None, "rejected suggestions are removed");
    // Accept all ORG suggestions at once, one undo step.
    h.state_mut().select_span(third);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert_eq!(
        (review(&h, third), review(&h, fourth)),
        (Some(Accepted), Some(Accepted))
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        (review(&h, third), review(&h, fourth)),
        (Some(Suggested), Some(Suggested))
    );
}

#[test]
fn suggest_from_the_window_then_accept_all_quotes() {
    let (_dir, article) = copy_sample("harbour-strike.txt");
    let mut h = open(&article);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    let suggested_quotes = set
        .spans_ordered()
        .filter(|s| s.label == "QUOTE" && s.review == newsmark::model::Review::Suggested)
        .count();
    assert!(
        suggested_quotes >= 10,
        "quotes suggested: {suggested_quotes}"
    );
    assert!(set.relations().any(|r| r.label == "said_by"));
    // The first suggestion is selected; select a quote and accept all quotes at once.
    let quote = set.spans_ordered().find(|s| s.label == "QUOTE").unwrap().id;
    h.state_mut().select_span(quote);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    assert!(
        set.spans_ordered()
            .filter(|s| s.label == "QUOTE")
            .all(|s| s.review == newsmark::model::Review::Accepted)
    );
    // Suggesting again adds nothing new.
    let before = set.span_count();
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().set().span_count(), before);
}

#[test]
fn a_models_predictions_on_the_open_article_come_in_as_suggestions() {
    // The "model": the gold set of the article written as a spaCy DocBin.
    let dir = tempfile::tempdir().unwrap();
    let gold = newsmark::formats::open_path(&sample_dir().join("harbour-strike.json"), None)
        .unwrap()
        .set;
    let options = newsmark::formats::registry::ExportOptions::default();
    let mut writer = newsmark::formats::registry::ExportFormat::Spacy.writer(&options);
    let written = writer.add("harbour-strike", &gold).spans_written;
    let docbin = dir.path().join("predictions.spacy");
    std::fs::write(&docbin, writer.finish().remove(0).bytes).unwrap();

    // The analyst has the article open with one span of their own.
    let (_article_dir, article) = copy_sample("harbour-strike.txt");
    let mut h = open(&article);
    let own = gold.spans_ordered().next().unwrap();
    let id = add_span(
        &mut h,
        &own.label,
        gold.span_text(own),
        newsmark::model::Review::Accepted,
    );
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(set.span(id).unwrap().range(), own.range());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    h.get_by_label("Path:")
        .type_text(&docbin.display().to_string());
    h.run();
    h.get_by_label("Add suggestions").click();
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    let suggested = set
        .spans_ordered()
        .filter(|s| s.review == newsmark::model::span::Review::Suggested)
        .count();
    assert_eq!(suggested, written - 1, "all but the span already there");
    assert!(
        set.spans_ordered()
            .filter(|s| s.review == newsmark::model::span::Review::Suggested)
            .all(|s| s.origin.as_deref() == Some("import:spacy"))
    );
    assert!(
        h.state()
            .status_text()
            .unwrap_or_default()
            .contains("suggestions from predictions.spacy"),
        "{:?}",
        h.state().status_text()
    );
    // The span list can show only what awaits review.
    h.get_by_label("Spans").click();
    h.run();
    h.get_by_label("Suggestions only").click();
    h.run();
    assert!(
        h.query_by_label_contains(&format!("{} of {} spans", written - 1, written))
            .is_some(),
        "the list shows the suggestions only"
    );
    // Enter accepts the selected one; one undo takes back the rest of the import.
    h.key_press(Key::Enter);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(spans(&h).len(), 1, "only the analyst's own span is left");

    // Predictions made on another version of the article (a line added at the top) are
    // moved onto this text by their words and context.
    let other_version = format!("Updated at 10:00.\n\n{}", gold.text().as_str());
    let (moved, _) = newsmark::model::reanchor::reanchor(&gold, &other_version);
    let mut writer = newsmark::formats::registry::ExportFormat::Spacy.writer(&options);
    writer.add("other-version", &moved);
    let other_docbin = dir.path().join("other-version.spacy");
    std::fs::write(&other_docbin, writer.finish().remove(0).bytes).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    h.get_by_label("Path:")
        .type_text(&other_docbin.display().to_string());
    h.run();
    h.get_by_label("Add suggestions").click();
    h.run();
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(status.contains("another version of the text"), "{status}");
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(
        set.span_count(),
        written,
        "every span found its place: {status}"
    );
    for span in set.spans_ordered() {
        assert!(
            gold.spans_ordered()
                .any(|g| g.label == span.label && g.range() == span.range()),
            "{} {:?} is where the gold set has it",
            span.label,
            span.range()
        );
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(spans(&h).len(), 1);

    // A file about another article is refused, and nothing changes.
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Another article entirely.\n").unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    h.get_by_label("Path:")
        .type_text(&other.display().to_string());
    h.run();
    h.get_by_label("Add suggestions").click();
    h.run();
    assert!(h.query_by_label_contains("Not this article").is_some());
    assert_eq!(spans(&h).len(), 1);
}

#[test]
fn ctrl_g_reads_the_gazetteer_as_newsmark_suggest_does() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    // UTF-16 with a byte order mark, as Windows Notepad saves it.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "ORG\tport authority\nPERSON\tDaniel Okafor\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let gazetteer = dir.path().join("gazetteer.txt");
    std::fs::write(&gazetteer, &bytes).unwrap();
    let mut h = open(&article);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    let in_window: Vec<(String, String)> = spans(&h);
    assert!(
        in_window.contains(&("ORG".to_string(), "port authority".to_string())),
        "{in_window:?}"
    );
    // `newsmark suggest --gazetteer` on a copy gives the same suggestions.
    let other = tempfile::tempdir().unwrap();
    let copy = write_article(other.path());
    let args = newsmark::cli::suggest::SuggestArgs {
        files: vec![copy.clone()],
        gazetteer: Some(gazetteer.clone()),
        ..Default::default()
    };
    let mut out = Vec::new();
    assert_eq!(newsmark::cli::suggest::run(&args, &mut out).unwrap(), 0);
    let written = newsmark::formats::open_path(&copy.with_extension("json"), None).unwrap();
    let on_the_command_line: Vec<(String, String)> = written
        .set
        .spans_ordered()
        .map(|s| (s.label.clone(), written.set.span_text(s).to_string()))
        .collect();
    assert_eq!(in_window, on_the_command_line);

    // A bad line: refused with its number, and nothing suggested until it is fixed.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(spans(&h).is_empty());
    std::fs::write(&gazetteer, "ORG\tport authority\nPERSON Daniel Okafor\n").unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    assert!(h.query_by_label("The gazetteer has problems").is_some());
    assert!(
        h.query_by_label_contains("line 2: expected LABEL<TAB>name")
            .is_some()
    );
    assert!(spans(&h).is_empty(), "nothing applied until fixed");
}

#[test]
fn accepting_in_the_window_does_what_suggest_review_says() {
    use newsmark::suggest::review;
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    let mut accepted = 0;
    while let Some(id) = selected(&h) {
        let mut expected = h.state().doc.as_ref().unwrap().set().clone();
        let edit = review::accept(&expected, id).unwrap();
        newsmark::model::apply(&mut expected, edit).unwrap();
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(
            digest(&h),
            newsmark::session::state_digest(&expected),
            "accepting span {id:?} in the window is review::accept"
        );
        accepted += 1;
        assert!(accepted < 50, "the review ends");
    }
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(accepted, set.span_count());
    // Both ends accepted: their links came along, as review::accept documents.
    assert!(set.relation_count() > 0);
    assert!(set.relations().all(|r| r.review.is_accepted()));

    // "Accept all of this label" is review::accept_all.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let quote = set_of(&h)
        .spans_ordered()
        .find(|s| s.label == "QUOTE" && s.review == newsmark::model::Review::Suggested)
        .map(|s| s.id);
    if let Some(quote) = quote {
        h.state_mut().select_span(quote);
        let mut expected = h.state().doc.as_ref().unwrap().set().clone();
        let edit = review::accept_all(&expected, "QUOTE");
        newsmark::model::apply(&mut expected, edit).unwrap();
        h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
        h.run();
        assert_eq!(digest(&h), newsmark::session::state_digest(&expected));
    }
}
