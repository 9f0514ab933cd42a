//! Crashes, journals and locks of an open set: a set never saved recovered from its snapshot,
//! a killed window's lock taken over, a full or read-only folder's journal in the data folder.
#![allow(clippy::unwrap_used)]

use super::tests::{ARTICLE, article, crash, offset, open};
use super::*;

/// A set with one PERSON span over the article, that exists only in memory (as a
/// curation's merged gold set does).
pub(super) fn unsaved_set(dir: &Path) -> AnnotationSet {
    let mut doc = open(&article(dir)).doc;
    let edit = doc.new_span("PERSON", offset(&doc, "Daniel Okafor"));
    doc.apply(edit).unwrap();
    let set = doc.set().clone();
    doc.close_discarding();
    set
}

#[test]
fn a_set_never_saved_is_recovered_from_its_snapshot_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let merged = unsaved_set(dir.path());
    let gold = dir.path().join("story.gold.json");
    let opening = OpenSet::create_opening(merged.clone(), &gold);
    assert!(matches!(opening.lock, LockState::Held));
    assert!(opening.recovery.is_none());
    let mut doc = opening.doc;
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    doc.sync().unwrap();
    let journal = doc.journal().path().unwrap().to_path_buf();
    let snapshot = crate::journal::Journal::snapshot_path(&journal);
    assert!(
        snapshot.is_file(),
        "the state before the first edit is kept"
    );
    let before = state_digest(doc.set());
    // A crash, before the set was ever saved.
    crash(doc);
    assert!(!gold.exists());

    // Opened again (the same merge made again): the crash's edit is offered and replays
    // onto the snapshot, so both spans are back.
    let opening = OpenSet::create_opening(merged.clone(), &gold);
    let info = opening.recovery.clone().expect("the journal is found");
    assert_eq!((info.edits, info.base_matches), (1, true));
    let mut doc = opening.doc;
    assert_eq!(doc.recover(&info).unwrap().replayed, 1);
    assert_eq!(state_digest(doc.set()), before);
    assert_eq!(doc.set().span_count(), 2);
    // Saving writes it, and removes the journal and its snapshot.
    doc.save(false).unwrap();
    assert!(!journal.exists() && !snapshot.exists());
    assert_eq!(formats::open_path(&gold, None).unwrap().set.span_count(), 2);
}

#[test]
fn discarding_a_recovery_removes_the_snapshot_too() {
    let dir = tempfile::tempdir().unwrap();
    let merged = unsaved_set(dir.path());
    let gold = dir.path().join("story.gold.json");
    let mut doc = OpenSet::create_opening(merged.clone(), &gold).doc;
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    let journal = doc.journal().path().unwrap().to_path_buf();
    crash(doc);
    let opening = OpenSet::create_opening(merged, &gold);
    let mut doc = opening.doc;
    doc.discard_recovery(&opening.recovery.unwrap()).unwrap();
    assert!(!journal.exists());
    assert!(!crate::journal::Journal::snapshot_path(&journal).exists());
    doc.close();
}

#[test]
fn re_anchored_spans_survive_a_crash_before_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    let edit = doc.new_span("PERSON", offset(&doc, "Daniel Okafor"));
    doc.apply(edit).unwrap();
    doc.save(false).unwrap();
    let changed = dir.path().join("story-v2.txt");
    std::fs::write(&changed, format!("Updated.\n{ARTICLE}")).unwrap();
    doc.reanchor_onto(&changed).unwrap();
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    doc.sync().unwrap();
    let before = state_digest(doc.set());
    crash(doc);
    let opening = open(&dir.path().join("story.json"));
    let info = opening.recovery.clone().expect("the journal is found");
    let mut doc = opening.doc;
    doc.recover(&info).unwrap();
    assert_eq!(
        state_digest(doc.set()),
        before,
        "the re-anchored span and the new one are both back"
    );
}

/// A process that was killed and that nobody reaped (a zombie, as a window killed under an
/// init that does not reap stays): its pid has a /proc entry but it runs no more. `None`
/// where no such process can be made.
fn killed_unreaped_process() -> Option<(std::process::Child, LockOwner)> {
    let mut child = std::process::Command::new("sleep").arg("30").spawn().ok()?;
    let owner = LockOwner {
        pid: child.id(),
        host: crate::storage::host_name(),
        since: crate::storage::now_rfc3339(),
        started: None,
    };
    child.kill().ok()?;
    let stat = format!("/proc/{}/stat", child.id());
    for _ in 0..200 {
        if std::fs::read_to_string(&stat).is_ok_and(|s| s.contains(") Z ")) {
            return Some((child, owner));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

/// A window killed: nothing closed or saved, and its lock still names it.
fn killed(doc: OpenSet, owner: &LockOwner) {
    let lock = crate::storage::lock_path(doc.save_path());
    std::mem::forget(doc);
    std::fs::write(lock, serde_json::to_string(owner).unwrap()).unwrap();
}

/// The set's folder cannot take the journal (full, or read-only: a folder stands in the
/// journal's place here), so it goes to the data folder.
fn block_journal_beside(set_path: &Path) -> PathBuf {
    let beside = journal::journal_path_beside(set_path);
    std::fs::create_dir(&beside).unwrap();
    beside
}

#[test]
fn a_crash_with_a_full_folder_is_offered_back_at_once_and_its_lock_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    crate::storage::use_data_dir_in_this_thread(data.path());
    let Some((mut zombie, dead)) = killed_unreaped_process() else {
        return;
    };
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    doc.save(false).unwrap();
    let set_path = doc.save_path().to_path_buf();
    let blocked = block_journal_beside(&set_path);
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    doc.sync().unwrap();
    let in_data = doc.journal().path().unwrap().to_path_buf();
    assert!(in_data.starts_with(data.path()), "{in_data:?}");
    let expected = state_digest(doc.set());
    killed(doc, &dead);
    std::fs::remove_dir(&blocked).unwrap(); // space freed
    // The first open after the crash takes the dead window's lock, says so, and offers the
    // edits kept in the data folder.
    let opening = open(&set_path);
    match &opening.lock {
        LockState::TakenOver(owner) => assert_eq!(owner, &dead),
        other => panic!("{other:?}"),
    }
    let info = opening
        .recovery
        .clone()
        .expect("the data folder's journal is offered");
    assert_eq!(
        (info.journal_path.clone(), info.edits),
        (in_data.clone(), 1)
    );
    let mut doc = opening.doc;
    doc.recover(&info).unwrap();
    assert_eq!(state_digest(doc.set()), expected);
    doc.save(false).unwrap();
    assert!(
        !in_data.exists(),
        "the save clears the data folder's journal"
    );
    doc.close();
    assert!(open(&set_path).recovery.is_none());
    zombie.wait().unwrap();
}

#[test]
fn a_save_clears_a_leftover_journal_in_the_other_place_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    crate::storage::use_data_dir_in_this_thread(data.path());
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    doc.save(false).unwrap();
    let set_path = doc.save_path().to_path_buf();
    // A first crash while the folder was full: its edit went to the data folder.
    let blocked = block_journal_beside(&set_path);
    let edit = doc.new_span("GPE", offset(&doc, "Zürich"));
    doc.apply(edit).unwrap();
    doc.sync().unwrap();
    let in_data = doc.journal().path().unwrap().to_path_buf();
    crash(doc);
    std::fs::remove_dir(&blocked).unwrap();
    // A second crash, later, journalled beside the set (the data folder's is not this
    // session's to reuse).
    let opening = open(&set_path);
    let mut doc = opening.doc;
    let edit = doc.new_span("PERSON", offset(&doc, "Daniel Okafor"));
    doc.apply(edit).unwrap();
    doc.sync().unwrap();
    let beside = doc.journal().path().unwrap().to_path_buf();
    assert_eq!(beside, journal::journal_path_beside(&set_path));
    crash(doc);
    // The newer is offered; after its recovery and a save, nothing older comes back.
    let opening = open(&set_path);
    let info = opening.recovery.clone().unwrap();
    assert_eq!(info.journal_path, beside);
    // The older one is named in the offer, with what a save does to it.
    assert_eq!(info.others, [(in_data.clone(), 1)]);
    assert!(info.to_string().contains("saving removes it"), "{info}");
    let mut doc = opening.doc;
    doc.recover(&info).unwrap();
    doc.save(false).unwrap();
    assert!(
        !beside.exists() && !in_data.exists(),
        "every journal is cleared"
    );
    doc.close();
    assert!(open(&set_path).recovery.is_none(), "no stale journal later");
}

#[test]
fn a_journal_another_running_window_writes_where_no_lock_can_be_is_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    crate::storage::use_data_dir_in_this_thread(data.path());
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    doc.save(false).unwrap();
    let set_path = doc.save_path().to_path_buf();
    doc.close();
    // No lock file anywhere and no journal beside the set (folders stand in the way).
    std::fs::create_dir(crate::storage::lock_path(&set_path)).unwrap();
    let in_data = crate::storage::lock_path_in_data_dir(&set_path).unwrap();
    std::fs::create_dir_all(&in_data).unwrap();
    block_journal_beside(&set_path);
    let first = open(&set_path);
    assert!(matches!(first.lock, LockState::Unavailable(_)));
    let mut first = first.doc;
    // The first window is another process that still runs (the test runner's parent).
    let other = LockOwner {
        pid: std::os::unix::process::parent_id(),
        started: None,
        ..LockOwner::me()
    };
    first.journal.pretend_written_by(&other);
    let edit = first.new_span("GPE", offset(&first, "Zürich"));
    first.apply(edit).unwrap();
    first.sync().unwrap();
    assert!(first.journal().path().unwrap().starts_with(data.path()));
    let second = open(&set_path);
    match &second.lock {
        LockState::HeldElsewhere(owner) => assert_eq!(owner.pid, other.pid),
        other => panic!("{other:?}"),
    }
    assert!(second.recovery.is_none(), "never offered as a crash");
    assert!(matches!(
        second.for_unattended_write(),
        Err(LeftAlone::OpenElsewhere(_))
    ));
}

#[test]
fn a_set_in_a_folder_that_takes_no_lock_is_locked_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    crate::storage::use_data_dir_in_this_thread(data.path());
    let path = article(dir.path());
    let mut doc = open(&path).doc;
    doc.save(false).unwrap();
    let set_path = doc.save_path().to_path_buf();
    doc.close();
    std::fs::create_dir(crate::storage::lock_path(&set_path)).unwrap(); // read-only, say
    let first = open(&set_path);
    assert!(matches!(first.lock, LockState::Held));
    let in_data = crate::storage::lock_path_in_data_dir(&set_path).unwrap();
    assert!(in_data.is_file());
    // That window is another running process: a second window is told, and offered nothing.
    let other = LockOwner {
        pid: std::os::unix::process::parent_id(),
        started: None,
        ..LockOwner::me()
    };
    std::mem::forget(first);
    std::fs::write(&in_data, serde_json::to_string(&other).unwrap()).unwrap();
    let second = open(&set_path);
    match &second.lock {
        LockState::HeldElsewhere(owner) => assert_eq!(owner, &other),
        state => panic!("{state:?}"),
    }
    assert!(second.recovery.is_none());
    drop(second);
    // Once it is gone, the lock is taken over (and the data folder's stale lock replaced).
    let gone = LockOwner {
        pid: u32::MAX - 1,
        ..other
    };
    std::fs::write(&in_data, serde_json::to_string(&gone).unwrap()).unwrap();
    let third = open(&set_path);
    assert!(matches!(third.lock, LockState::TakenOver(ref owner) if owner == &gone));
    third.doc.close();
    assert!(!in_data.exists(), "released on close");
}
