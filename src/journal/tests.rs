use super::*;
use crate::model::edit;
use crate::model::{Document, Schema};

fn opened_article(dir: &Path) -> formats::Opened {
    let article = dir.join("story.txt");
    std::fs::write(&article, "Ana Lúcia said “no” in Zürich on Monday.\n").unwrap();
    formats::open_path(&article, None).unwrap()
}

fn add(set: &mut AnnotationSet, label: &str, start: usize, end: usize) -> Edit {
    edit::add_span(set, label, start..end)
}

#[test]
fn edits_undo_and_redo_replay_exactly_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let opened = opened_article(dir.path());
    let mut journal = Journal::for_opened(&opened);
    let mut set = opened.set.clone();
    let mut history = History::new();
    for (label, s, e) in [("PERSON", 0, 9), ("GPE", 23, 29), ("QUOTE", 16, 18)] {
        let edit = add(&mut set, label, s, e);
        apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    }
    undo_logged(&mut set, &mut history, &mut journal).unwrap();
    undo_logged(&mut set, &mut history, &mut journal).unwrap();
    redo_logged(&mut set, &mut history, &mut journal).unwrap();
    journal.sync().unwrap();
    assert!(journal.is_synced());
    let journal_path = journal.path().unwrap().to_path_buf();
    assert_eq!(
        journal_path,
        dir.path().join(".story.json.newsmark-journal")
    );
    drop(journal); // the "crash": nothing cleaned up

    let info = find_for(&opened.save_path).unwrap();
    assert_eq!(info.edits, 6);
    assert!(info.base_matches);
    assert_eq!(info.base_kind, BaseKind::Article);
    assert!(info.to_string().contains("6 unsaved edits"));
    let base = formats::open_path(&info.base_path, None).unwrap().set;
    let recovered = recover(&info, base).unwrap();
    assert_eq!(recovered.set, set);
    assert_eq!(recovered.report.replayed, 6);
    assert!(recovered.history.is_dirty());
    // The journal was rewritten with the replayed edits: a second crash loses nothing.
    let again = find_for(&opened.save_path).unwrap();
    assert_eq!(again.edits, 6);
}

#[test]
fn a_torn_last_line_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let opened = opened_article(dir.path());
    let mut journal = Journal::for_opened(&opened);
    let mut set = opened.set.clone();
    let mut history = History::new();
    let first = add(&mut set, "PERSON", 0, 9);
    apply_logged(&mut set, &mut history, &mut journal, first).unwrap();
    let expected = set.clone();
    let second = add(&mut set, "GPE", 23, 29);
    apply_logged(&mut set, &mut history, &mut journal, second).unwrap();
    let path = journal.path().unwrap().to_path_buf();
    let bytes = std::fs::read(&path).unwrap();
    // Cut the last line in the middle, as a crash during the write would.
    std::fs::write(&path, &bytes[..bytes.len() - 7]).unwrap();
    let info = find_for(&opened.save_path).unwrap();
    assert_eq!((info.edits, info.damaged_lines), (1, 1));
    let recovered = recover_from_disk(&info).unwrap();
    assert_eq!(recovered.set, expected);
    // A flipped byte in a line is caught by its checksum.
    let mut flipped = bytes.clone();
    let at = bytes.len() - 20;
    flipped[at] ^= 0x01;
    std::fs::write(&path, &flipped).unwrap();
    assert_eq!(find_for(&opened.save_path).unwrap().edits, 1);
}

#[test]
fn saving_removes_the_journal_and_a_crash_during_save_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let opened = opened_article(dir.path());
    let mut journal = Journal::for_opened(&opened);
    let mut set = opened.set.clone();
    let mut history = History::new();
    let edit = add(&mut set, "PERSON", 0, 9);
    apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    let journal_path = journal.path().unwrap().to_path_buf();
    let fingerprint = save_logged(
        &mut set,
        &mut history,
        &mut journal,
        &opened.save_path,
        None,
        false,
    )
    .unwrap();
    assert!(!journal_path.exists() && !history.is_dirty());
    assert!(find_for(&opened.save_path).is_none());

    // Next edits start a new journal over the saved set.
    let edit = add(&mut set, "GPE", 23, 29);
    apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    let info = find_for(&opened.save_path).unwrap();
    assert_eq!((info.edits, info.base_kind), (1, BaseKind::Set));
    // Simulate a kill after the file was replaced but before the journal was removed.
    let mut stamped = set.clone();
    stamped.modified = Some("2030-01-01T00:00:00Z".into());
    let bytes = native::to_json(&stamped);
    journal
        .before_save(&storage::sha256_hex(bytes.as_bytes()))
        .unwrap();
    storage::write_atomic(&opened.save_path, bytes.as_bytes()).unwrap();
    assert!(journal_path.exists());
    assert!(
        find_for(&opened.save_path).is_none(),
        "edits are in the file"
    );
    // One more edit after such a save is replayed onto the saved file, alone.
    let edit = add(&mut set, "QUOTE", 16, 18);
    apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    let info = find_for(&opened.save_path).unwrap();
    assert_eq!((info.edits, info.base_matches), (1, true));
    assert_eq!(recover_from_disk(&info).unwrap().set, set);
    assert!(fingerprint.size > 0);
}

#[test]
fn conflicts_refuse_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let opened = opened_article(dir.path());
    let mut journal = Journal::for_opened(&opened);
    let mut set = opened.set.clone();
    let mut history = History::new();
    let fingerprint = save_logged(
        &mut set,
        &mut history,
        &mut journal,
        &opened.save_path,
        None,
        false,
    )
    .unwrap();
    std::fs::write(&opened.save_path, b"{\"changed\": true}").unwrap();
    let edit = add(&mut set, "PERSON", 0, 9);
    apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    let error = save_logged(
        &mut set,
        &mut history,
        &mut journal,
        &opened.save_path,
        Some(&fingerprint),
        false,
    )
    .unwrap_err();
    assert!(matches!(
        error,
        SaveError::Conflict(Conflict::Changed { .. })
    ));
    assert!(history.is_dirty() && journal.path().is_some());
    save_logged(
        &mut set,
        &mut history,
        &mut journal,
        &opened.save_path,
        Some(&fingerprint),
        true,
    )
    .unwrap();
}

#[test]
fn failed_save_keeps_the_journal_and_save_as_works() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let set_path = dir.path().join("missing-folder").join("s.json");
    // The folder does not exist: neither the journal nor the set can be written beside.
    let mut journal = Journal::new(
        &set_path,
        Base::new(BaseKind::Article, &dir.path().join("a.txt"), "00"),
        "00",
    )
    .with_data_dir(data.path());
    let mut set = AnnotationSet::new(Document::new("Ana in Zürich"), Schema::default());
    let mut history = History::new();
    let edit = add(&mut set, "PERSON", 0, 3);
    apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    // The data folder took it.
    let fallback = journal.path().unwrap().to_path_buf();
    assert!(fallback.starts_with(data.path()), "{fallback:?}");
    let info = find_in(&set_path, Some(data.path())).unwrap();
    assert_eq!((info.journal_path, info.edits), (fallback, 1));
    let error =
        save_logged(&mut set, &mut history, &mut journal, &set_path, None, false).unwrap_err();
    assert!(error.to_string().contains("Save As"), "{error}");
    assert!(history.is_dirty());
    let elsewhere = data.path().join("s.json");
    save_logged(
        &mut set,
        &mut history,
        &mut journal,
        &elsewhere,
        None,
        false,
    )
    .unwrap();
    assert!(!history.is_dirty());
    assert!(
        formats::open_path(&elsewhere, None)
            .unwrap()
            .problems
            .is_empty()
    );
}

#[test]
fn a_failed_save_with_no_journal_anywhere_does_not_promise_one() {
    let dir = tempfile::tempdir().unwrap();
    let set_path = dir.path().join("missing-folder").join("s.json");
    // Neither beside the set nor in the data folder (a file stands where its folder would be).
    let not_a_folder = dir.path().join("data");
    std::fs::write(&not_a_folder, "").unwrap();
    let mut journal = Journal::new(
        &set_path,
        Base::new(BaseKind::Article, &dir.path().join("a.txt"), "00"),
        "00",
    )
    .with_data_dir(&not_a_folder);
    let mut set = AnnotationSet::new(Document::new("Ana in Zürich"), Schema::default());
    let mut history = History::new();
    let edit = add(&mut set, "PERSON", 0, 3);
    apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    assert!(journal.path().is_none() && journal.problem().is_some());
    let error =
        save_logged(&mut set, &mut history, &mut journal, &set_path, None, false).unwrap_err();
    let text = error.to_string();
    assert!(
        matches!(error, SaveError::StorageUnjournalled { .. }),
        "{text}"
    );
    assert!(
        text.contains("in this window only") && !text.contains("and in the recovery journal"),
        "{text}"
    );
    // Once the journal can be written again, the edit reaches it and Save As works.
    journal = journal.with_data_dir(dir.path());
    journal.sync().unwrap();
    assert_eq!(find_in(&set_path, Some(dir.path())).unwrap().edits, 1);
    let elsewhere = dir.path().join("s.json");
    save_logged(
        &mut set,
        &mut history,
        &mut journal,
        &elsewhere,
        None,
        false,
    )
    .unwrap();
    assert!(!history.is_dirty());
}

#[test]
fn sync_policy_waits_at_most_the_interval() {
    let dir = tempfile::tempdir().unwrap();
    let opened = opened_article(dir.path());
    let mut journal = Journal::for_opened(&opened);
    let mut set = opened.set.clone();
    let mut history = History::new();
    let start = Instant::now();
    assert_eq!(journal.due_in(start), None);
    let edit = add(&mut set, "PERSON", 0, 9);
    apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    assert!(
        journal.flush_if_due(Instant::now()).unwrap(),
        "first sync is immediate"
    );
    let edit = add(&mut set, "GPE", 23, 29);
    apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    let now = Instant::now();
    let wait = journal.due_in(now).unwrap();
    assert!(wait <= SYNC_INTERVAL && SYNC_INTERVAL < MAX_SYNC_DELAY);
    assert!(journal.flush_if_due(now + SYNC_INTERVAL).unwrap());
    assert!(journal.is_synced());
}

#[test]
fn reader_survives_garbage() {
    for bytes in [
        &b""[..],
        b"\n\n\n",
        b"0123456789abcdef {}\n",
        b"\xff\xfe\x00",
        b"zzzzzzzzzzzzzzzz {\"format\":\"newsmark.journal\"}\n",
    ] {
        assert!(read_journal(bytes, "x").is_err());
    }
}

#[test]
fn a_second_session_on_the_same_set_never_truncates_the_first_ones_journal() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let opened = opened_article(dir.path());
    // Two windows on one set (the second opened anyway), each with an edit of its own.
    let mut first = Journal::for_opened(&opened).with_data_dir(data.path());
    let mut second = Journal::for_opened(&opened).with_data_dir(data.path());
    let (mut set_one, mut history_one) = (opened.set.clone(), History::new());
    let edit = add(&mut set_one, "PERSON", 0, 9);
    apply_logged(&mut set_one, &mut history_one, &mut first, edit).unwrap();
    first.sync().unwrap();
    let (mut set_two, mut history_two) = (opened.set.clone(), History::new());
    let edit = add(&mut set_two, "GPE", 23, 29);
    apply_logged(&mut set_two, &mut history_two, &mut second, edit).unwrap();
    second.sync().unwrap();
    let first_path = first.path().unwrap().to_path_buf();
    let second_path = second.path().unwrap().to_path_buf();
    assert_eq!(first_path, journal_path_beside(&opened.save_path));
    assert!(second_path.starts_with(data.path()), "{second_path:?}");
    drop((first, second)); // both windows die
    for (path, set) in [(first_path, set_one), (second_path, set_two)] {
        let info = inspect(&path).unwrap().expect("edits to recover");
        assert_eq!(info.edits, 1);
        let base = formats::open_path(&info.base_path, None).unwrap().set;
        assert_eq!(recover(&info, base).unwrap().set, set);
    }
}

#[test]
fn a_journal_in_a_moved_or_copied_folder_is_that_folders_sets() {
    // Seen in session 9: a corpus folder copied after a crash (its hidden journal with it)
    // offered the journal under the original's path, and a recovery read the original's base.
    let original = tempfile::tempdir().unwrap();
    let opened = opened_article(original.path());
    let mut journal = Journal::for_opened(&opened);
    let mut set = opened.set.clone();
    let mut history = History::new();
    let edit = add(&mut set, "PERSON", 0, 9);
    apply_logged(&mut set, &mut history, &mut journal, edit).unwrap();
    journal.sync().unwrap();
    drop(journal); // the crash

    let copy = tempfile::tempdir().unwrap();
    for name in ["story.txt", ".story.json.newsmark-journal"] {
        std::fs::copy(original.path().join(name), copy.path().join(name)).unwrap();
    }
    // The original changes after the copy: the copy's recovery must not read it.
    std::fs::write(
        original.path().join("story.txt"),
        "Another text altogether.\n",
    )
    .unwrap();

    let copied_set = copy.path().join("story.json");
    let info = find_for(&copied_set).expect("the copy's journal is offered");
    assert_eq!(info.set_path, copied_set);
    assert_eq!(info.base_path, copy.path().join("story.txt"));
    assert_eq!(info.written_at.as_deref(), Some(opened.save_path.as_path()));
    assert!(info.base_matches, "{info}");
    let offer = info.to_string();
    assert!(offer.contains("moved or copied"), "{offer}");
    let base = formats::open_path(&info.base_path, None).unwrap().set;
    let recovered = recover(&info, base).unwrap();
    assert_eq!(recovered.set, set);
    // The rewritten journal names the copy: found again there without the note.
    let again = find_for(&copied_set).unwrap();
    assert_eq!(again.written_at, None);
    assert_eq!(again.set_path, copied_set);
}
