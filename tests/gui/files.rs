//! Files: opening (by path, dropped, recent, off the frame thread), unsaved changes, exports and
//! imports, crash recovery and conflicts, re-anchoring, load reports, changes from outside.

use super::*;

#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn unsaved_changes_are_guarded_and_help_lists_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = open(&article);
    label_text(&mut h, "Monday", 6, "d");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert!(
        h.query_by_label("Unsaved changes").is_some(),
        "closing asks first"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().doc.is_some());
    h.state_mut().send(Command::Close);
    h.run();
    h.get_by_label("Discard changes").click();
    h.run();
    assert!(h.state().doc.is_none(), "discard closes");
    assert!(!dir.path().join("story.json").exists(), "nothing was saved");

    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label("Shortcuts and gestures").is_some());
    for command in [
        Command::Undo,
        Command::Save,
        Command::DeleteSpan,
        Command::ToggleHelp,
    ] {
        assert!(
            h.query_all_by_label(&command.label()).next().is_some(),
            "help lists {:?}",
            command.label()
        );
    }
    // Escape closes it, as F1 does.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Shortcuts and gestures").is_none());
}

#[test]
fn open_by_path_dialog_and_problem_report() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    // A set with a problem: wrong span text.
    let mut h = open(&article);
    label_text(&mut h, "Zürich", 6, "g");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let set_path = dir.path().join("story.json");
    let mut saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&set_path).unwrap()).unwrap();
    saved["spans"][0]["text"] = "Zurich".into();
    std::fs::write(&set_path, serde_json::to_string_pretty(&saved).unwrap()).unwrap();
    let before = std::fs::read(&set_path).unwrap();
    drop(h); // that window is closed (else the next one is warned of it first)

    let mut h = harness(NewsmarkApp::new(None, false));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Path:")
        .type_text(&set_path.display().to_string());
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert!(h.state().doc.is_some());
    assert!(
        h.query_by_label_contains("its text \"Zurich\" differs")
            .is_some(),
        "problems are listed"
    );
    // Saving asks before replacing a file that had problems.
    h.state_mut().send(Command::Save);
    h.run();
    assert!(h.query_by_label("Replace the file?").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        std::fs::read(&set_path).unwrap(),
        before,
        "not overwritten without consent"
    );

    // A binary file gets a clear message, not a crash.
    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 0]).unwrap();
    h.state_mut().request_open(binary);
    // Read on its thread: the message comes when it is done.
    wait_until(&mut h, "the binary file's message", |h| {
        h.query_all_by_label_contains("binary file")
            .next()
            .is_some()
    });
}

/// File > Open reads the file on a thread of its own: the next frame already says what is
/// being opened (name and size) with no document yet, and the document appears once read.
#[test]
fn a_file_is_read_off_the_frame_thread_and_the_window_says_what_it_opens() {
    let (dir, article) = copy_sample("long-inquiry.txt");
    let bytes = std::fs::metadata(&article).unwrap().len();
    let mut h = harness(NewsmarkApp::new(None, false));
    h.state_mut().request_open(article.clone());
    assert!(
        h.state().doc.is_none(),
        "asking reads nothing on the frame thread"
    );
    assert!(h.state().opening.is_some());
    // The next frame says what is being opened (whether or not the thread is done by its end).
    h.step();
    assert!(h.query_by_label("Opening long-inquiry.txt…").is_some());
    let size = newsmark::gui::app::size_words(bytes);
    assert!(
        h.query_all_by_label_contains(&size).next().is_some(),
        "the size ({size}) is shown"
    );
    assert!(h.state().title().contains("Opening long-inquiry.txt"));
    wait_until(&mut h, "the document", |h| h.state().doc.is_some());
    h.run();
    assert!(h.query_by_label("Opening long-inquiry.txt…").is_none());
    let state = h.state();
    assert!(state.status_text().unwrap().starts_with("Opened "));
    assert!(state.view.stats.blocks_painted > 0, "the text is drawn");
    assert!(state.title().contains("long-inquiry"));

    // A second file asked for while one is being read waits its turn, said so.
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Another article.\n").unwrap();
    h.state_mut().request_open(article.clone());
    h.state_mut().request_open(other.clone());
    assert!(h.state().status_text().unwrap().contains("Still opening"));
    assert!(
        h.state_mut()
            .finish_opening(std::time::Duration::from_secs(10))
    );
    h.run();
    assert_eq!(
        h.state().doc.as_ref().unwrap().opened_path(),
        article.as_path()
    );

    // A file that cannot be opened still reaches the same dialog and status line.
    h.state_mut().request_open(dir.path().join("missing.txt"));
    wait_until(&mut h, "the error", |h| h.state().opening.is_none());
    h.run();
    assert!(h.query_by_label("Cannot open the file").is_some());
    assert!(h.state().doc.is_none());
}

#[test]
fn dropped_files_open_and_view_settings_change() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let mut h = harness(NewsmarkApp::new(
        Some(dir.path().join("settings.json")),
        false,
    ));
    assert!(
        h.query_by_label_contains("Open an article").is_some(),
        "the welcome screen"
    );
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(article.clone())));
    h.run();
    assert!(h.state().doc.is_some(), "a dropped file opens");
    // Text size and theme, kept in the settings file.
    let size = h.state().view.font_size;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert_eq!(h.state().view.font_size, size + 1.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    assert!(h.ctx.global_style().visuals.dark_mode, "dark theme");
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("settings.json")).unwrap())
            .unwrap();
    assert_eq!(saved["dark_mode"], true);
    assert_eq!(saved["font_size"].as_f64(), Some(f64::from(size + 1.0)));
    // Label names above spans: on by default, off from the View menu (rows get shorter).
    label_text(
        &mut h,
        "Daniel Okafor",
        "Daniel Okafor".chars().count(),
        "p",
    );
    label_text(&mut h, "Zürich", "Zürich".chars().count(), "g");
    h.run();
    assert_eq!(h.state().view.stats.tags_painted, 2, "PERSON and GPE tags");
    let tall = h.state().view.row_height();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Label names above spans").click();
    h.run();
    assert_eq!(h.state().view.stats.tags_painted, 0);
    assert!(h.state().view.row_height() < tall);
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("settings.json")).unwrap())
            .unwrap();
    assert_eq!(saved["label_tags"], false);
    // The file is in the recent list of a new window with the same settings.
    let mut h2 = harness(NewsmarkApp::new(
        Some(dir.path().join("settings.json")),
        false,
    ));
    assert_eq!(
        h2.state()
            .settings
            .recent_files
            .first()
            .map(|p| p.file_name()),
        Some(article.file_name())
    );
    h2.get_by_label_contains("story.txt").click();
    h2.run();
    assert!(
        h2.state().doc.is_some(),
        "a recent file opens from the welcome screen"
    );
}

#[test]
fn a_recent_file_no_longer_there_is_shown_off_and_can_be_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("here.txt");
    std::fs::write(&here, "Ana Lima spoke.\n").unwrap();
    let gone = dir.path().join("gone.txt");
    let settings = dir.path().join("settings.json");
    std::fs::write(
        &settings,
        serde_json::json!({ "recent_files": [gone, here] }).to_string(),
    )
    .unwrap();
    let mut h = harness(NewsmarkApp::new(Some(settings.clone()), false));
    h.run();
    let shown_off = h.get_by_label_contains("gone.txt (not found)");
    assert!(shown_off.accesskit_node().is_disabled());
    h.get_by_label("Forget the files not found").click();
    h.run();
    assert!(h.query_by_label_contains("gone.txt").is_none());
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&settings).unwrap()).unwrap();
    let kept: Vec<&str> = saved["recent_files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(kept, [here.to_str().unwrap()]);
    // The one still there opens as before.
    h.get_by_label_contains("here.txt").click();
    h.run();
    assert!(h.state().doc.is_some());
}

#[test]
fn export_and_import_from_the_window() {
    let (dir, article) = copy_sample("council-budget.json");
    let mut h = open(&article);
    let spans = h.state().doc.as_ref().unwrap().set().span_count();
    let out = dir.path().join("brat-out");
    // Escape closes the form, as Cancel does.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    assert!(h.query_by_label("Export now").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Export now").is_none());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    replace_text(&mut h, "Output folder:", &out.display().to_string());
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label("brat").click();
    h.run();
    run_job(&mut h, "Export now");
    assert!(
        h.query_by_label_contains("Done: 1 document,").is_some(),
        "export finished"
    );
    let ann = std::fs::read_to_string(out.join("council-budget.ann")).unwrap();
    assert_eq!(
        ann.lines().filter(|l| l.starts_with('T')).count(),
        spans,
        "one text-bound annotation per span"
    );
    assert!(out.join("annotation.conf").is_file());
    h.get_by_label("Close").click();
    h.run();

    // Import the brat folder back and open the result.
    let imported = dir.path().join("imported");
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    h.get_by_label("Files or folders (one per line):").focus();
    h.run();
    h.get_by_label("Files or folders (one per line):")
        .type_text(&out.join("council-budget.ann").display().to_string());
    replace_text(&mut h, "Output folder:", &imported.display().to_string());
    // As a model's output to review: every imported span arrives as a suggestion.
    h.get_by_label_contains("as suggestions to review").click();
    h.run();
    run_job(&mut h, "Import now");
    if h.query_by_label_contains("Open ").is_none() {
        let log = std::fs::read_to_string(imported.join("newsmark-import-report.log"))
            .unwrap_or_default();
        panic!("no Open button; report: {log}");
    }
    h.get_by_label_contains("Open ").click();
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(set.span_count(), spans, "every exported span comes back");
    assert!(
        set.spans_ordered()
            .all(|s| s.review == newsmark::model::Review::Suggested
                && s.origin.as_deref() == Some("import:brat")),
        "imported as suggestions"
    );
    assert!(
        h.state()
            .doc
            .as_ref()
            .unwrap()
            .save_path()
            .starts_with(&imported)
    );
}

#[test]
fn crash_recovery_conflicts_and_a_second_window() {
    let dir = tempfile::tempdir().unwrap();
    let article = write_article(dir.path());
    let set_path = dir.path().join("story.json");
    {
        let mut h = open(&article);
        label_text(&mut h, "Zürich", 6, "g");
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
        label_text(&mut h, "Monday", 6, "d");
        h.state_mut().doc.as_mut().unwrap().sync().unwrap();
        // A crash: the window goes away without saving or cleaning up. Its lock file stays,
        // stale as its process is gone; this process lives on, so the file is removed to
        // stand for that (a journal beside a set a live window holds is never offered).
        std::mem::forget(h);
        std::fs::remove_file(newsmark::storage::lock_path(&set_path)).unwrap();
    }
    let saved_before = std::fs::read(&set_path).unwrap();
    let mut h = harness(NewsmarkApp::new(None, false));
    h.state_mut().open_now(&set_path);
    h.run();
    assert!(
        h.query_by_label("Restore unsaved work?").is_some(),
        "recovery is offered"
    );
    assert!(h.query_by_label_contains("1 unsaved edit to").is_some());
    // In local time and how long ago, not a raw UTC timestamp.
    assert!(h.query_by_label_contains("(just now)").is_some());
    assert!(h.query_by_label_contains("Z.").is_none());
    h.get_by_label("Restore").click();
    h.run();
    // The crashed window's lock was stale: no second-window warning.
    assert!(h.query_by_label("Open in another window").is_none());
    let labels: Vec<String> = spans(&h).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels,
        vec!["GPE".to_string(), "DATE".to_string()],
        "the unsaved edit is back"
    );
    assert_eq!(
        std::fs::read(&set_path).unwrap(),
        saved_before,
        "the file itself was not touched"
    );

    // Someone else changes the file: saving asks, Cancel keeps their version.
    let mut theirs: Value = serde_json::from_slice(&saved_before).unwrap();
    theirs["annotator"] = "colleague".into();
    std::fs::write(&set_path, serde_json::to_string_pretty(&theirs).unwrap()).unwrap();
    let their_bytes = std::fs::read(&set_path).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.query_by_label("The file changed on disk").is_some(),
        "{:?}",
        h.state().status_text()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        std::fs::read(&set_path).unwrap(),
        their_bytes,
        "never overwritten silently"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Overwrite").click();
    h.run();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&set_path).unwrap()).unwrap();
    assert_eq!(saved["spans"].as_array().unwrap().len(), 2);

    // A second window on the same set is warned.
    let mut second = harness(NewsmarkApp::new(None, false));
    second.state_mut().open_now(&set_path);
    second.run();
    assert!(second.query_by_label("Open in another window").is_some());
}

#[test]
fn reanchoring_onto_a_changed_article_keeps_every_span() {
    let (dir, set_path) = copy_sample("council-budget.json");
    let mut h = open(&set_path);
    let set = h.state().doc.as_ref().unwrap().set();
    let before: Vec<(String, String)> = set
        .spans_ordered()
        .map(|s| (s.label.clone(), set.span_text(s).to_string()))
        .collect();
    // A span whose words occur once in the article (so they cannot be found elsewhere).
    let first = set
        .spans_ordered()
        .find(|s| {
            let t = set.span_text(s);
            t.chars().count() > 8
                && set.text().as_str().matches(t).count() == 1
                && !set
                    .spans_ordered()
                    .any(|o| o.id != s.id && o.start < s.end && s.start < o.end)
        })
        .unwrap()
        .clone();
    let first_text = set.span_text(&first).to_string();
    // The article gains a paragraph at the top and loses the first span's words.
    let changed = format!(
        "Editor's note: updated.\n\n{}",
        set.text().as_str().replacen(&first_text, "", 1)
    );
    let article = dir.path().join("changed.txt");
    std::fs::write(&article, &changed).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    h.run();
    h.get_by_label("Path:")
        .type_text(&article.display().to_string());
    h.run();
    h.get_by_label("Re-anchor").click();
    h.run();
    let set = h.state().doc.as_ref().unwrap().set();
    assert_eq!(set.text().as_str(), changed);
    for span in set.spans_ordered() {
        assert!(
            before.contains(&(span.label.clone(), set.span_text(span).to_string())),
            "moved with its text"
        );
    }
    assert!(
        set.span_count() < before.len(),
        "the removed words' span is not placed"
    );
    assert!(
        h.query_by_label_contains("could not be placed").is_some(),
        "the report says so"
    );
    let sidecar = std::fs::read_to_string(dir.path().join("council-budget.unplaced.json")).unwrap();
    assert!(
        sidecar.contains(&first_text.replace('"', "\\\"")),
        "the unplaced span is kept beside the set"
    );
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
}

/// Opening a set with problems lists them, and says how many left an item out: counted from
/// each problem's outcome, not its wording.
#[test]
fn the_load_report_counts_the_items_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let mut set = newsmark::model::AnnotationSet::new(
        newsmark::model::Document::new("Ana Lima spoke in Zürich.\n"),
        newsmark::model::Schema::default(),
    );
    newsmark::formats::save_set(&mut set, &path).unwrap();
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    value["spans"] = serde_json::json!([
        {"id": 1, "label": "PERSON", "start": 0, "end": 8, "text": "Ana Lyma"},
        {"id": 2, "label": "GPE", "start": 18, "end": 99, "text": "Zürich"}
    ]);
    std::fs::write(&path, value.to_string()).unwrap();
    let mut h = open(&path);
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().set().span_count(), 1);
    assert!(
        h.query_by_label_contains(
            "2 problems were found while loading; 1 of them left an item out"
        )
        .is_some()
    );
    assert!(
        h.query_by_label_contains("left out (its text was \"Zürich\")")
            .is_some()
    );
    // One problem is said in the singular, and so is what it did.
    value["spans"] = serde_json::json!([
        {"id": 2, "label": "GPE", "start": 18, "end": 99, "text": "Zürich"}
    ]);
    std::fs::write(&path, value.to_string()).unwrap();
    drop(h);
    let mut h = open(&path);
    h.run();
    assert!(
        h.query_by_label_contains("1 problem was found while loading; it left an item out")
            .is_some()
    );
}

#[test]
fn a_document_opened_alone_follows_its_file_changed_from_outside() {
    // Found by tryout4: only a corpus window watched its files; a set opened alone kept its
    // old spans after a colleague's save or a `git pull` until the next save met a conflict.
    let (dir, set_path) = copy_sample("harbour-strike.json");
    let mut h = open(&set_path);
    let spans = |h: &Harness<'_, NewsmarkApp>| h.state().doc.as_ref().unwrap().set().span_count();
    let before = spans(&h);
    // Another file in the folder changing does nothing to the open document.
    std::fs::write(dir.path().join("notes.txt"), "Unrelated.\n").unwrap();
    let mut outside = newsmark::formats::open_path(&set_path, None).unwrap().set;
    let mut save_outside = |label: &str, needle: &str| {
        let start = outside.text().as_str().find(needle).unwrap();
        let start = outside.text().as_str()[..start].chars().count();
        let e = newsmark::model::edit::add_span(&mut outside, label, start..start + needle.len());
        newsmark::model::edit::apply(&mut outside, e).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        newsmark::formats::save_set(&mut outside, &set_path).unwrap();
    };

    // Saved from outside with nothing unsaved here: read again, and the window says so.
    save_outside("ORG", "automation");
    wait_until(&mut h, "the document read again", |h| {
        spans(h) == before + 1
    });
    let message = h.state().status_text().unwrap_or_default().to_string();
    assert!(
        message.contains("changed on disk and was read again"),
        "{message:?}"
    );

    // With an unsaved edit here, the conflict dialog asks; nothing is replaced.
    add_span(
        &mut h,
        "ORG",
        "dockworkers",
        newsmark::model::Review::Accepted,
    );
    save_outside("GPE", "container");
    wait_until(&mut h, "the conflict dialog", |h| {
        h.query_by_label("The file changed on disk").is_some()
    });
    assert!(
        h.state().doc.as_ref().unwrap().is_dirty(),
        "the edit is still here"
    );
    assert_eq!(
        spans(&h),
        before + 2,
        "the edit here kept, the one outside not taken in"
    );
}

#[test]
fn a_long_status_message_stays_in_the_window_and_can_be_copied() {
    // Found by tryout4: a long message ran past the window's edge, its end unreadable.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir
        .path()
        .join(format!("{}end.json", "a-rather-long-file-name-".repeat(12)));
    let mut app = NewsmarkApp::new(None, false);
    app.open_now(&missing);
    let message = app.status_text().unwrap_or_default().to_string();
    assert!(message.contains("end.json"), "{message:?}");
    let mut h = harness(app);
    // The dialog that says it too is closed first: the status bar keeps the message.
    h.get_by_label("OK").click();
    h.run();
    let status = h.get_by_label_contains("a-rather-long-file-name-");
    assert!(
        status.rect().right() <= 1280.0,
        "the message is cut at the window's edge: {:?}",
        status.rect()
    );
    status.click_secondary();
    h.run();
    h.get_by_label("Copy message").click();
    let mut copied = None;
    for _ in 0..4 {
        h.step();
        copied = copied.or_else(|| {
            h.output()
                .platform_output
                .commands
                .iter()
                .find_map(|c| match c {
                    egui::OutputCommand::CopyText(text) => Some(text.clone()),
                    _ => None,
                })
        });
    }
    assert_eq!(
        copied.as_deref(),
        Some(message.as_str()),
        "the whole message"
    );
}

#[test]
fn a_file_broken_from_outside_is_said_so_and_the_document_stays() {
    // Tried as a user: a set opened alone, then its file half written by another program.
    // The window said "changed on disk and was read again" under a dialog saying it could
    // not be read.
    let (_dir, set_path) = copy_sample("harbour-strike.json");
    let mut h = open(&set_path);
    let before = h.state().doc.as_ref().unwrap().set().span_count();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        &set_path,
        "{\"format\": \"newsmark.annotations\", \"spans\": [",
    )
    .unwrap();
    wait_until(&mut h, "the dialog", |h| {
        h.query_by_label("Cannot reload the file").is_some()
    });
    let status = h.state().status_text().unwrap_or_default().to_string();
    assert!(!status.contains("read again"), "{status:?}");
    assert_eq!(h.state().doc.as_ref().unwrap().set().span_count(), before);
}
