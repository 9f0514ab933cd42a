//! Changes to the corpus folder from outside the window (a `git pull`, a colleague's save, a
//! script) reach the documents list without a restart. The OS's notifications (inotify on
//! Linux, through `notify`) are collected on notify's thread and drained once per frame; where
//! the OS refuses (too many folders for the inotify limit), the folder is polled instead, and
//! the window says so.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use notify::{Config, PollWatcher, RecursiveMode, Watcher};

/// Watches a corpus folder; [`CorpusWatcher::changed`] returns the paths touched since last
/// asked. The window's own saves show up too: the caller compares fingerprints before it
/// treats a change as someone else's.
pub struct CorpusWatcher {
    /// Kept alive: dropping it stops the watch.
    _watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    /// Why the OS watcher could not be used, if the folder is polled instead.
    pub note: Option<String>,
}

impl CorpusWatcher {
    pub fn watch(root: &Path) -> Result<Self, String> {
        Self::watch_waking(root, || {})
    }

    /// [`CorpusWatcher::watch`], calling `wake` on the watcher's thread after each event (the
    /// window asks for a frame, so a change shows without the user moving the mouse).
    pub fn watch_waking(
        root: &Path,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Self, String> {
        Self::watch_folder_waking(root, RecursiveMode::Recursive, wake)
    }

    /// [`CorpusWatcher::watch_waking`] for one folder, with or without its subfolders (a
    /// document opened alone: its folder only).
    pub fn watch_folder_waking(
        root: &Path,
        mode: RecursiveMode,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Self, String> {
        let wake = std::sync::Arc::new(wake);
        let (tx, events) = channel();
        let native_tx = tx.clone();
        let native_wake = wake.clone();
        let native = notify::recommended_watcher(move |event| {
            let _ = native_tx.send(event);
            native_wake();
        })
        .and_then(|mut watcher| {
            watcher.watch(root, mode)?;
            Ok(watcher)
        });
        match native {
            Ok(watcher) => Ok(Self {
                _watcher: Box::new(watcher),
                events,
                root: root.to_path_buf(),
                note: None,
            }),
            Err(native_error) => {
                let config = Config::default().with_poll_interval(Duration::from_secs(3));
                let mut poll = PollWatcher::new(
                    move |event| {
                        let _ = tx.send(event);
                        wake();
                    },
                    config,
                )
                .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
                poll.watch(root, mode)
                    .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
                Ok(Self {
                    _watcher: Box::new(poll),
                    events,
                    root: root.to_path_buf(),
                    note: Some(format!(
                        "The system could not watch {} ({native_error}); it is checked for \
                         changes every 3 seconds instead.",
                        root.display()
                    )),
                })
            }
        }
    }

    /// The paths created, changed or removed since the last call (hidden files and folders
    /// below the root, such as `.git/`, `.newsmark/` and journals, left out), and the watch
    /// errors seen.
    pub fn changed(&self) -> (BTreeSet<PathBuf>, Vec<String>) {
        let mut paths = BTreeSet::new();
        let mut errors = Vec::new();
        loop {
            match self.events.try_recv() {
                Ok(Ok(event)) => {
                    if matches!(event.kind, notify::EventKind::Access(_)) {
                        continue;
                    }
                    for path in event.paths {
                        if !hidden_below(&self.root, &path) {
                            paths.insert(path);
                        }
                    }
                }
                Ok(Err(error)) => errors.push(error.to_string()),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        (paths, errors)
    }
}

/// Is `path` hidden below `root` (a `.git/` or `.newsmark/` folder, a journal or lock file)?
fn hidden_below(root: &Path, path: &Path) -> bool {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|name| name.starts_with('.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_from_outside_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let watcher = CorpusWatcher::watch(dir.path()).expect("watch");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::thread::sleep(Duration::from_millis(100));
        let file = dir.path().join("sub").join("story.txt");
        std::fs::write(&file, "Text.").expect("write");
        std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
        std::fs::write(dir.path().join(".git").join("index"), "x").expect("write");
        let mut seen = BTreeSet::new();
        for _ in 0..100 {
            seen.extend(watcher.changed().0);
            if seen.contains(&file) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(seen.contains(&file), "saw {seen:?}");
        assert!(
            seen.iter()
                .all(|p| !p.components().any(|c| c.as_os_str() == ".git")),
            "hidden folders are left out: {seen:?}"
        );
    }
}
