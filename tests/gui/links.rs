//! Links between spans (a quote to its speaker, by pointer and by keys), the who-said-what tab and
//! the side panel.

use super::*;

#[test]
fn linking_quotes_to_speakers_and_who_said_what() {
    use newsmark::model::Review::Accepted;
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    let quote = add_span(
        &mut h,
        "QUOTE",
        "We will not go back to the cranes,",
        Accepted,
    );
    let person = add_span(&mut h, "PERSON", "Daniel Okafor", Accepted);
    let date = add_span(&mut h, "DATE", "Monday", Accepted);
    h.state_mut().select_span(quote);
    h.run();
    // Ctrl+K, then click the speaker: the schema's only QUOTE→PERSON type, said_by.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    click_span(&mut h, "Daniel Okafor");
    let set = h.state().doc.as_ref().unwrap().set();
    let links: Vec<_> = set
        .relations()
        .map(|r| (r.label.clone(), r.from, r.to))
        .collect();
    assert_eq!(links, vec![("said_by".to_string(), quote, person)]);
    assert_eq!(
        h.state().doc.as_ref().unwrap().view_state.selected_span,
        Some(quote),
        "the quote stays selected"
    );
    assert!(
        h.state().view.span_rect(quote).is_some() && h.state().view.span_rect(person).is_some()
    );
    // A link the schema does not allow is refused with the reason.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    click_span(&mut h, "Monday");
    assert_eq!(h.state().doc.as_ref().unwrap().set().relation_count(), 1);
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(
        status.contains("Cannot link QUOTE to DATE") && status.contains("said_by"),
        "{status}"
    );
    let _ = date;
    // Undo removes the link.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().set().relation_count(), 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    // Attributes by keyboard: Ctrl+1 steps QUOTE's first attribute (type) to "direct".
    h.state_mut().select_span(quote);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(
        set.span(quote).unwrap().attributes.get("type"),
        Some(&Value::from("direct"))
    );
    // A claim is linked to who made it the same way (the schema picks claimed_by).
    let claim = add_span(&mut h, "CLAIM", "talks would resume", Accepted);
    let org = add_span(&mut h, "ORG", "port authority", Accepted);
    h.state_mut().select_span(claim);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    click_span(&mut h, "port authority");
    let set = h.state().doc.as_ref().unwrap().set();
    assert!(
        set.relations()
            .any(|r| r.label == "claimed_by" && r.from == claim && r.to == org),
        "{:?}",
        h.state().status_text()
    );
    // Who said what lists the quote under its speaker, and the claim under who made it.
    h.get_by_label("Who said what").click();
    h.run();
    assert!(h.query_by_label_contains("Daniel Okafor:").is_some());
    assert!(
        h.query_by_label_contains("port authority claims:")
            .is_some()
    );
    assert!(h.query_by_label_contains("1 quote, 1 claim").is_some());
}

#[test]
fn a_speaker_is_linked_and_changed_by_keys_alone() {
    use newsmark::model::Review::Accepted;
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    let quote = add_span(
        &mut h,
        "QUOTE",
        "We will not go back to the cranes,",
        Accepted,
    );
    let person = add_span(&mut h, "PERSON", "Daniel Okafor", Accepted);
    let org = add_span(&mut h, "ORG", "port authority", Accepted);
    let speaker = |h: &Harness<'_, NewsmarkApp>| {
        let set = h.state().doc.as_ref().unwrap().set();
        let links: Vec<_> = set
            .relations()
            .filter(|r| r.label == "said_by" && r.from == quote)
            .map(|r| r.to)
            .collect();
        links
    };
    // Ctrl+K on the quote, Tab to the target, Enter links (Enter does not review it).
    h.state_mut().select_span(quote);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(status.contains("Link to PERSON"), "{status}");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(speaker(&h), vec![person]);
    assert_eq!(
        h.state().doc.as_ref().unwrap().view_state.selected_span,
        Some(quote)
    );
    // Alt+S steps the speaker to the next candidate nearby (the person first, then the
    // organisation in the paragraph after), round; one link all along.
    h.key_press_modifiers(Modifiers::ALT, Key::S);
    h.run();
    assert_eq!(speaker(&h), vec![org]);
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(status.contains("2 of 2 nearby"), "{status}");
    h.key_press_modifiers(Modifiers::ALT, Key::S);
    h.run();
    assert_eq!(speaker(&h), vec![person]);
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::S);
    h.run();
    assert_eq!(speaker(&h), vec![org]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(speaker(&h), vec![person], "one undo step per key");
    // Link mode ends with any other command, said in the status line: Ctrl+F is a find.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.state().find.is_some());
    assert_eq!(h.state().status_text(), Some("Linking cancelled"));
    // Who said what marks a suggestion as one: it is nobody's word yet.
    add_span(
        &mut h,
        "QUOTE",
        "talks would resume",
        newsmark::model::Review::Suggested,
    );
    h.get_by_label("Who said what").click();
    h.run();
    assert!(h.query_by_label_contains("Daniel Okafor:").is_some());
    assert!(
        h.query_by_label_contains("(no speaker) (suggested):")
            .is_some()
    );
}

#[test]
fn the_side_panel_keeps_its_width_whatever_its_tab_shows() {
    use newsmark::model::Review::Accepted;
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("long.txt");
    let said = "We will not go back to the cranes until the port authority puts every promise of the last three years in writing and signs it";
    std::fs::write(
        &article,
        format!("\u{201c}{said},\u{201d} said Daniel Okafor.\n"),
    )
    .unwrap();
    let mut h = open(&article);
    // Rows longer than the panel: a long quote, in the span list and in who said what.
    let quote = add_span(&mut h, "QUOTE", said, Accepted);
    add_span(&mut h, "CLAIM", &said[30..], Accepted);
    h.state_mut().select_span(quote);
    h.run();
    let left = |h: &Harness<'_, NewsmarkApp>| h.get_by_label("Selected").rect().left();
    let first = left(&h);
    for tab in ["Spans", "Who said what", "Document", "Selected"] {
        h.get_by_label(tab).click();
        h.run_steps(3);
        assert!(
            (left(&h) - first).abs() < 0.5,
            "{tab}: the panel moved from {first} to {}",
            left(&h)
        );
    }
}

#[test]
fn the_side_panels_delete_is_the_del_key() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    label_text(
        &mut h,
        "Daniel Okafor",
        "Daniel Okafor".chars().count(),
        "p",
    );
    let before_delete = digest(&h);
    assert!(selected(&h).is_some());
    h.get_by_label("Delete").click();
    h.run();
    assert!(spans(&h).is_empty());
    assert_eq!(
        selected(&h),
        None,
        "the selection is cleared, as Del clears it"
    );
    let after_panel = digest(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(digest(&h), before_delete, "one undo step");
    let id = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .set()
        .spans_ordered()
        .next()
        .unwrap()
        .id;
    h.state_mut().select_span(id);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(digest(&h), after_panel);
    assert_eq!(selected(&h), None);
}

#[test]
fn the_side_panel_keeps_its_width_when_a_span_is_selected() {
    let (_dir, article) = copy_sample("harbour-strike.txt");
    let mut h = open(&article);
    let left = |h: &Harness<'_, NewsmarkApp>| h.get_by_label("Selected").rect().left();
    let before = left(&h);
    // A suggested quote with its links (the rows the panel grew for) ...
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    let set = set_of(&h);
    let quote = set
        .spans_ordered()
        .find(|s| s.label == "QUOTE" && set.relations_of(s.id).count() >= 2)
        .map(|s| s.id)
        .unwrap();
    h.state_mut().select_span(quote);
    h.run();
    assert_eq!(selected(&h), Some(quote));
    let with_links = left(&h);
    assert!(
        (with_links - before).abs() < 1.0,
        "the side panel moved from x = {before} to {with_links}"
    );
    // ... and a span with a long text.
    let len = h.state().doc.as_ref().unwrap().set().text().char_len();
    h.state_mut().doc.as_mut().unwrap().view_state.selection =
        newsmark::gui::text_view::Selection {
            anchor: 0,
            cursor: len.min(1500),
        };
    type_key(&mut h, "q");
    h.run();
    let long = left(&h);
    assert!(
        (long - before).abs() < 1.0,
        "the side panel moved from x = {before} to {long}"
    );
}
