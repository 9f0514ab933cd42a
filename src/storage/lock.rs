//! Set locks: which Newsmark window has a set open (its pid, host, time and the process's
//! start time), beside the set or, where its folder takes no file, in the user's data folder;
//! stale when the owner process is gone, a zombie, or a new process under its pid.

use std::path::Path;

use super::{hidden_sibling, now_rfc3339, sha256_hex, user_data_dir};

/// The lock file that marks a set as open in a Newsmark window: `.<name>.newsmark-lock`
/// beside it, holding the owner's pid, host and time.
pub fn lock_path(set_path: &Path) -> std::path::PathBuf {
    hidden_sibling(set_path, "newsmark-lock")
}

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LockOwner {
    pub pid: u32,
    pub host: String,
    /// RFC 3339.
    pub since: String,
    /// When the process started (clock ticks since boot, from `/proc/<pid>/stat`), so that a
    /// pid the system gave to another process since is not taken for the owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<u64>,
}

impl LockOwner {
    /// This process.
    pub fn me() -> Self {
        Self {
            pid: std::process::id(),
            host: host_name(),
            since: now_rfc3339(),
            started: process_start(std::process::id()),
        }
    }

    /// True when the owner is certainly gone: same host, and its process no longer runs (no
    /// such process, a zombie a crash left that nobody reaped, or another process that got
    /// its pid since). Where `/proc` is missing the owner is assumed live and the user decides.
    pub fn is_stale(&self) -> bool {
        if self.host != host_name() || self.pid == std::process::id() {
            return false;
        }
        match process_state(self.pid) {
            ProcessState::Unknown | ProcessState::Running(None) => false,
            ProcessState::Gone => true,
            ProcessState::Running(Some(started)) => {
                self.started.is_some_and(|recorded| recorded != started)
            }
        }
    }

    /// True when the owner is another process that is still running on this machine.
    pub fn is_other_live_process(&self) -> bool {
        self.pid != std::process::id() && !self.is_stale()
    }
}

/// What `/proc` says about a process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ProcessState {
    /// No `/proc` to ask.
    Unknown,
    /// Not running: no such process, or a zombie (killed, not yet reaped by its parent).
    Gone,
    /// Running, with its start time when readable.
    Running(Option<u64>),
}

fn process_state(pid: u32) -> ProcessState {
    let proc_root = Path::new("/proc");
    if !proc_root.join("self").exists() {
        return ProcessState::Unknown;
    }
    let Ok(stat) = std::fs::read_to_string(proc_root.join(pid.to_string()).join("stat")) else {
        return ProcessState::Gone;
    };
    // "pid (comm) S ppid …": the command may hold spaces and parentheses, so read after the
    // last ')'. Field 3 is the state, field 22 the start time.
    let Some((_, after)) = stat.rsplit_once(')') else {
        return ProcessState::Running(None);
    };
    let fields: Vec<&str> = after.split_whitespace().collect();
    match fields.first() {
        Some(&("Z" | "X" | "x")) => ProcessState::Gone,
        _ => ProcessState::Running(fields.get(19).and_then(|f| f.parse().ok())),
    }
}

fn process_start(pid: u32) -> Option<u64> {
    match process_state(pid) {
        ProcessState::Running(started) => started,
        _ => None,
    }
}

impl std::fmt::Display for LockOwner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "process {} on {} since {}",
            self.pid, self.host, self.since
        )
    }
}

/// This machine's name (best effort, no extra dependency).
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown-host".into())
}

/// A held lock on a set; removed when dropped.
#[derive(Debug)]
pub struct SetLock {
    path: std::path::PathBuf,
    /// The owner of a stale lock this one replaced (a window that crashed).
    taken_from: Option<LockOwner>,
}

/// Why a lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("this set is already open in another Newsmark window ({0})")]
    Held(LockOwner),
    #[error("cannot write the lock file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl SetLock {
    /// Take the lock for `set_path`. A lock whose owner is gone (stale: a crash) is taken over,
    /// and [`SetLock::taken_from`] names it; a live one is refused with its owner, and the
    /// caller may warn and call [`SetLock::take_over`]. The lock file goes beside the set, or
    /// into the user's data folder when the set's folder cannot take it (read-only), so a
    /// second window is told there too.
    pub fn acquire(set_path: &Path) -> Result<Self, LockError> {
        let places = lock_places(set_path);
        let mut previous = None;
        for path in &places {
            if let Some(owner) = read_lock(path) {
                if !owner.is_stale() {
                    return Err(LockError::Held(owner));
                }
                previous.get_or_insert(owner);
            }
        }
        let mut lock = Self::take_over(set_path)?;
        // A stale lock left in the other place goes.
        for path in places.iter().filter(|p| **p != lock.path) {
            if read_lock(path).is_some_and(|owner| owner.is_stale()) {
                let _ = std::fs::remove_file(path);
            }
        }
        lock.taken_from = previous;
        Ok(lock)
    }

    /// Take the lock whoever holds it (after the user chose to open anyway).
    pub fn take_over(set_path: &Path) -> Result<Self, LockError> {
        let json = serde_json::to_string(&LockOwner::me()).unwrap_or_default();
        let beside = lock_path(set_path);
        let error = match std::fs::write(&beside, &json) {
            Ok(()) => {
                return Ok(Self {
                    path: beside,
                    taken_from: None,
                });
            }
            Err(error) => error,
        };
        if let Some(fallback) = lock_path_in_data_dir(set_path)
            && fallback
                .parent()
                .is_some_and(|folder| std::fs::create_dir_all(folder).is_ok())
            && std::fs::write(&fallback, &json).is_ok()
        {
            return Ok(Self {
                path: fallback,
                taken_from: None,
            });
        }
        Err(LockError::Io {
            path: beside.display().to_string(),
            source: error,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The process whose stale lock [`SetLock::acquire`] replaced, if it replaced one.
    pub fn taken_from(&self) -> Option<&LockOwner> {
        self.taken_from.as_ref()
    }
}

/// Where the lock of the set at `set_path` may be: beside it, and in the data folder.
fn lock_places(set_path: &Path) -> Vec<std::path::PathBuf> {
    std::iter::once(lock_path(set_path))
        .chain(lock_path_in_data_dir(set_path))
        .collect()
}

/// The lock of a set whose folder takes no lock file: `locks/<hash of the absolute path>-<name>
/// .newsmark-lock` in the user's data folder.
pub fn lock_path_in_data_dir(set_path: &Path) -> Option<std::path::PathBuf> {
    let absolute = std::path::absolute(set_path).unwrap_or_else(|_| set_path.to_path_buf());
    let key = &sha256_hex(absolute.display().to_string().as_bytes())[..16];
    let name = absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(
        user_data_dir()?
            .join("locks")
            .join(format!("{key}-{name}.newsmark-lock")),
    )
}

impl Drop for SetLock {
    fn drop(&mut self) {
        // Remove only our own lock: another window may have taken it over.
        if read_lock(&self.path).is_some_and(|o| o.pid == std::process::id()) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// For tests: mark `set_path` as open in another live Newsmark window (process 1 on this
/// machine, always running); returns the lock file.
#[cfg(test)]
pub fn hold_lock_elsewhere(set_path: &Path) -> std::path::PathBuf {
    let owner = LockOwner {
        pid: 1,
        host: host_name(),
        since: "2026-11-30T12:00:00Z".into(),
        started: None,
    };
    let path = lock_path(set_path);
    std::fs::write(&path, serde_json::to_string(&owner).unwrap_or_default())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

/// The owner recorded in a lock file, if it is readable.
pub fn read_lock(path: &Path) -> Option<LockOwner> {
    let metadata = std::fs::metadata(path).ok()?;
    if metadata.len() > 4096 {
        return None;
    }
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_window_is_detected_and_stale_locks_are_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let set = dir.path().join("set.json");
        let lock_file = lock_path(&set);
        assert_eq!(lock_file, dir.path().join(".set.json.newsmark-lock"));
        // Another live process on this machine holds it: our parent (the test runner).
        let parent = std::fs::read_to_string("/proc/self/stat")
            .ok()
            .and_then(|s| {
                s.rsplit(')')
                    .next()?
                    .split_whitespace()
                    .nth(1)?
                    .parse()
                    .ok()
            });
        if let Some(parent_pid) = parent {
            let owner = LockOwner {
                pid: parent_pid,
                host: host_name(),
                since: now_rfc3339(),
                started: process_start(parent_pid),
            };
            std::fs::write(&lock_file, serde_json::to_string(&owner).unwrap()).unwrap();
            match SetLock::acquire(&set) {
                Err(LockError::Held(held)) => assert_eq!(held, owner),
                other => panic!("{other:?}"),
            }
        }
        // A dead process's lock is stale.
        let dead = LockOwner {
            pid: u32::MAX - 1,
            host: host_name(),
            since: now_rfc3339(),
            started: None,
        };
        std::fs::write(&lock_file, serde_json::to_string(&dead).unwrap()).unwrap();
        let lock = SetLock::acquire(&set).unwrap();
        assert_eq!(
            lock.taken_from(),
            Some(&dead),
            "says whose lock it took over"
        );
        assert_eq!(read_lock(&lock_file).unwrap().pid, std::process::id());
        drop(lock);
        assert!(!lock_file.exists(), "released on drop");
        let fresh = SetLock::acquire(&set).unwrap();
        assert_eq!(fresh.taken_from(), None);
    }

    #[cfg(unix)]
    /// A window killed while nobody reaps it (its parent gone, an init that does not reap)
    /// stays a zombie: its pid still has a /proc entry, but it holds nothing.
    #[test]
    fn a_killed_windows_lock_is_stale_even_before_it_is_reaped() {
        let dir = tempfile::tempdir().unwrap();
        let set = dir.path().join("set.json");
        let Ok(mut child) = std::process::Command::new("sleep").arg("30").spawn() else {
            return; // no `sleep` here: nothing to test with
        };
        let owner = LockOwner {
            pid: child.id(),
            host: host_name(),
            since: now_rfc3339(),
            started: process_start(child.id()),
        };
        std::fs::write(lock_path(&set), serde_json::to_string(&owner).unwrap()).unwrap();
        assert!(matches!(SetLock::acquire(&set), Err(LockError::Held(_))));
        child.kill().unwrap();
        // Not waited for yet: a zombie. Wait until the kernel has made it one.
        let stat = format!("/proc/{}/stat", child.id());
        for _ in 0..200 {
            if std::fs::read_to_string(&stat).is_ok_and(|s| s.contains(") Z ")) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        if Path::new(&stat).exists() {
            let lock = SetLock::acquire(&set).expect("a zombie's lock is stale");
            assert_eq!(lock.taken_from(), Some(&owner));
        }
        child.wait().unwrap();
        // A pid the system gave to another process since: its start time differs.
        let reused = LockOwner {
            pid: std::os::unix::process::parent_id(),
            host: host_name(),
            since: now_rfc3339(),
            started: Some(1),
        };
        std::fs::write(lock_path(&set), serde_json::to_string(&reused).unwrap()).unwrap();
        if process_start(reused.pid).is_some_and(|s| s != 1) {
            assert!(reused.is_stale());
            assert!(SetLock::acquire(&set).is_ok());
        }
    }
}
