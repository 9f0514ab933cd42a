//! Files on disk: atomic writes and bounded reads.

use std::io::Write;
use std::path::Path;

/// Refuse to read files larger than this into memory (the whole article must fit).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("cannot read {path}: {cause}")]
    Read { path: String, cause: std::io::Error },
    #[error("{path} is {size} bytes; Newsmark opens files up to {MAX_FILE_BYTES} bytes")]
    TooLarge { path: String, size: u64 },
    #[error("cannot save {path}: {cause}. The previous file was not changed")]
    Write { path: String, cause: std::io::Error },
}

/// Read a whole file, refusing directories and files beyond [`MAX_FILE_BYTES`].
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, StorageError> {
    let shown = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|cause| StorageError::Read {
        path: shown.clone(),
        cause,
    })?;
    if metadata.is_dir() {
        return Err(StorageError::Read {
            path: shown,
            cause: std::io::Error::other("it is a folder, not a file"),
        });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(StorageError::TooLarge {
            path: shown,
            size: metadata.len(),
        });
    }
    // Never trust the size alone (it may grow while reading, or be 0 for special files): read
    // at most one byte past the limit.
    use std::io::Read;
    let read_error = |cause| StorageError::Read {
        path: shown.clone(),
        cause,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(StorageError::TooLarge {
            path: shown,
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Write `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over the target, then the folder flushed. A failure at any point leaves the
/// previous file as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    stage(path, &[bytes])?.commit()
}

/// A new version of a file, written and flushed to disk beside it but not yet in its place.
/// [`Staged::commit`] puts it there; dropping it instead removes it and leaves the file as it
/// was (so a caller can do something between the two, such as writing a journal marker).
pub struct Staged {
    temp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
    folder: std::path::PathBuf,
}

/// Write `parts` to a temporary file beside `path` and flush it to disk.
pub fn stage<B: AsRef<[u8]>>(path: &Path, parts: &[B]) -> Result<Staged, StorageError> {
    let fail = |cause: std::io::Error| StorageError::Write {
        path: path.display().to_string(),
        cause,
    };
    let (mut temp, folder) = temp_beside(path).map_err(fail)?;
    for part in parts {
        temp.write_all(part.as_ref()).map_err(fail)?;
    }
    // sync_data flushes the bytes and the size needed to read them back (not the times).
    temp.as_file().sync_data().map_err(fail)?;
    Ok(Staged {
        temp,
        path: path.to_path_buf(),
        folder,
    })
}

/// What [`stage_streamed`] wrote: the staged file, its size and (when asked) its SHA-256.
pub struct StreamStaged {
    pub staged: Staged,
    pub size: u64,
    pub sha256: Option<String>,
}

/// Flush to disk after this many new bytes, so the disk works while the rest is produced.
const SYNC_EVERY: u64 = 4 << 20;

/// [`stage`] for bytes produced piece by piece: `produce` hands each piece to `emit`, and a
/// second thread writes them in order to the temporary file, flushing every few megabytes,
/// so that writing to disk overlaps producing (a long set's article text is on disk while
/// its spans are still being serialised). With `hash`, that thread also computes the
/// file's SHA-256.
pub fn stage_streamed(
    path: &Path,
    hash: bool,
    produce: impl FnOnce(&mut dyn FnMut(Vec<u8>)),
) -> Result<StreamStaged, StorageError> {
    let fail = |cause: std::io::Error| StorageError::Write {
        path: path.display().to_string(),
        cause,
    };
    let (mut temp, folder) = temp_beside(path).map_err(fail)?;
    let (sender, receiver) = std::sync::mpsc::channel::<Vec<u8>>();
    let written = std::thread::scope(|scope| {
        let writer = scope.spawn(
            move || -> std::io::Result<(tempfile::NamedTempFile, u64, Option<String>)> {
                use sha2::Digest;
                let mut hasher = hash.then(sha2::Sha256::new);
                let (mut size, mut synced) = (0u64, 0u64);
                for piece in receiver {
                    temp.write_all(&piece)?;
                    if let Some(hasher) = &mut hasher {
                        hasher.update(&piece);
                    }
                    size += piece.len() as u64;
                    if size - synced >= SYNC_EVERY {
                        temp.as_file().sync_data()?;
                        synced = size;
                    }
                }
                temp.as_file().sync_data()?;
                let sha = hasher.map(|h| hex(&h.finalize()));
                Ok((temp, size, sha))
            },
        );
        // A writer that failed has dropped its end: the rest is not sent, its error reported.
        let mut emit = |piece: Vec<u8>| {
            let _ = sender.send(piece);
        };
        produce(&mut emit);
        drop(sender);
        writer
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the writing thread failed")))
    });
    let (temp, size, sha256) = written.map_err(fail)?;
    Ok(StreamStaged {
        staged: Staged {
            temp,
            path: path.to_path_buf(),
            folder,
        },
        size,
        sha256,
    })
}

/// A temporary file in `path`'s folder, and the folder. It gets the permissions the file
/// should end with: the target's own when it exists (a save keeps a file's mode), else those
/// of any new file (0666 minus the umask, so 0644 under umask 022), not the 0600 of a
/// temporary file, so that a set shared with a team stays readable to it.
fn temp_beside(path: &Path) -> std::io::Result<(tempfile::NamedTempFile, std::path::PathBuf)> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newsmark-save-").suffix(".tmp");
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        // Created with mode 0666: the system takes the umask off, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(&folder)?;
    if let Some(permissions) = existing {
        // Our own new file: this does not fail in practice, and a save is no worse for it.
        let _ = std::fs::set_permissions(temp.path(), permissions);
    }
    Ok((temp, folder))
}

impl Staged {
    /// Rename the staged file over the target, then flush the folder so the rename lasts.
    pub fn commit(self) -> Result<(), StorageError> {
        let path = self.path;
        self.temp.persist(&path).map_err(|e| StorageError::Write {
            path: path.display().to_string(),
            cause: e.error,
        })?;
        if let Ok(dir) = std::fs::File::open(&self.folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    sha256_hex_parts(&[bytes])
}

/// SHA-256 of consecutive parts, as if joined, lowercase hex.
pub fn sha256_hex_parts<B: AsRef<[u8]>>(parts: &[B]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_ref());
    }
    hex(&hasher.finalize())
}

/// Lowercase hex of a digest.
fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a file looked like when it was opened (or last saved): compared before saving so
/// that a change made by someone else is never overwritten silently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub modified: Option<std::time::SystemTime>,
    pub sha256: String,
}

impl Fingerprint {
    /// The fingerprint of bytes just read from (or written to) a file.
    pub fn of_bytes(path: &Path, bytes: &[u8]) -> Self {
        Self {
            size: bytes.len() as u64,
            modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            sha256: sha256_hex(bytes),
        }
    }

    /// The fingerprint of a file just written with `size` bytes hashing to `sha256`.
    pub fn of_written(path: &Path, size: u64, sha256: String) -> Self {
        Self {
            size,
            modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            sha256,
        }
    }

    /// Read `path` (bounded) and fingerprint it; `Ok(None)` when it does not exist.
    pub fn of_file(path: &Path) -> Result<Option<Self>, StorageError> {
        if !path.exists() {
            return Ok(None);
        }
        let bytes = read_bounded(path)?;
        Ok(Some(Self::of_bytes(path, &bytes)))
    }
}

/// The file on disk is not the one that was opened.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Conflict {
    #[error("{path} was changed on disk since it was opened (by another program or person)")]
    Changed { path: String },
    #[error("{path} was deleted or moved since it was opened")]
    Deleted { path: String },
    #[error("{path} was created by someone else since this set was started")]
    Created { path: String },
    #[error("cannot check {path} before saving: {reason}")]
    Unreadable { path: String, reason: String },
}

/// Check that `path` is still what `expected` describes (`None`: the file did not exist).
/// Size and time are compared first; the content hash decides when they differ, so touching a
/// file without changing it is no conflict.
pub fn check_unchanged(path: &Path, expected: Option<&Fingerprint>) -> Result<(), Conflict> {
    let shown = path.display().to_string();
    let metadata = std::fs::metadata(path);
    match (expected, metadata) {
        (None, Err(_)) => Ok(()),
        (None, Ok(_)) => Err(Conflict::Created { path: shown }),
        (Some(_), Err(error)) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(Conflict::Deleted { path: shown })
        }
        (Some(_), Err(error)) => Err(Conflict::Unreadable {
            path: shown,
            reason: error.to_string(),
        }),
        (Some(expected), Ok(metadata)) => {
            if metadata.len() == expected.size
                && expected.modified.is_some()
                && metadata.modified().ok() == expected.modified
            {
                return Ok(());
            }
            match read_bounded(path) {
                Ok(bytes) if sha256_hex(&bytes) == expected.sha256 => Ok(()),
                Ok(_) => Err(Conflict::Changed { path: shown }),
                Err(error) => Err(Conflict::Unreadable {
                    path: shown,
                    reason: error.to_string(),
                }),
            }
        }
    }
}

/// The lock file that marks a set as open in a Newsmark window: `.<name>.newsmark-lock`
/// beside it, holding the owner's pid, host and time.
pub fn lock_path(set_path: &Path) -> std::path::PathBuf {
    hidden_sibling(set_path, "newsmark-lock")
}

/// `.<file name>.<suffix>` in the same folder as `path`.
pub fn hidden_sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "set".into());
    path.with_file_name(format!(".{name}.{suffix}"))
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

/// Where Newsmark keeps per-user data (journals of sets in read-only folders):
/// `$NEWSMARK_DATA_DIR`, else `$XDG_DATA_HOME/newsmark`, else `~/.local/share/newsmark`.
pub fn user_data_dir() -> Option<std::path::PathBuf> {
    use std::path::PathBuf;
    #[cfg(test)]
    if let Some(dir) = TEST_DATA_DIR.with(|d| d.borrow().clone()) {
        return Some(dir);
    }
    if let Some(dir) = std::env::var_os("NEWSMARK_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("newsmark"))
}

#[cfg(test)]
thread_local! {
    static TEST_DATA_DIR: std::cell::RefCell<Option<std::path::PathBuf>> =
        const { std::cell::RefCell::new(None) };
}

/// For tests: the user's data folder is `dir` in this thread (each test runs in its own
/// thread, so tests never see each other's, nor the real one).
#[cfg(test)]
pub fn use_data_dir_in_this_thread(dir: &Path) {
    TEST_DATA_DIR.with(|d| *d.borrow_mut() = Some(dir.to_path_buf()));
}

/// The current time as RFC 3339 (UTC, seconds).
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mode a new file gets here (0666 minus the umask), found by making one.
    #[cfg(unix)]
    fn new_file_mode(dir: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        let probe = dir.join("probe");
        std::fs::write(&probe, b"").unwrap();
        let mode = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
        std::fs::remove_file(&probe).unwrap();
        mode
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_mode_and_a_save_keeps_the_files_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let expected = new_file_mode(dir.path());
        assert_ne!(
            expected, 0o600,
            "the test needs a umask that differs from 0600's"
        );
        let path = dir.path().join("set.json");
        write_atomic(&path, b"one").unwrap();
        assert_eq!(mode(&path), expected, "a new set: {:o}", mode(&path));
        // The streamed writer (the one saves use) too.
        let streamed = dir.path().join("streamed.json");
        stage_streamed(&streamed, true, |emit| emit(b"x".to_vec()))
            .unwrap()
            .staged
            .commit()
            .unwrap();
        assert_eq!(mode(&streamed), expected);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(mode(&path), 0o640, "a save keeps the file's mode");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&path, b"three").unwrap();
        assert_eq!(mode(&path), 0o664);
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("set.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failed_write_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("set.json");
        write_atomic(&path, b"precious").unwrap();
        // Renaming a file over a non-empty folder fails: the rename step itself fails.
        let blocked = dir.path().join("blocked");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("x"), b"x").unwrap();
        let error = write_atomic(&blocked, b"new").unwrap_err();
        assert!(error.to_string().contains("previous file was not changed"));
        assert_eq!(std::fs::read(&path).unwrap(), b"precious");
        // A folder that does not exist.
        assert!(write_atomic(&dir.path().join("missing/set.json"), b"x").is_err());
    }

    #[test]
    fn streamed_pieces_land_in_order_with_their_hash_and_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("set.json");
        write_atomic(&path, b"old").unwrap();
        // Pieces over the flush interval, to go through the intermediate flushes too.
        let pieces: Vec<Vec<u8>> = (0..6u8).map(|i| vec![b'a' + i; 1 << 20]).collect();
        let written = stage_streamed(&path, true, |emit| {
            for piece in &pieces {
                emit(piece.clone());
            }
        })
        .unwrap();
        let joined = pieces.concat();
        assert_eq!(written.size, joined.len() as u64);
        assert_eq!(
            written.sha256.as_deref(),
            Some(sha256_hex(&joined).as_str())
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"old",
            "not in place before commit"
        );
        written.staged.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), joined);
        // Dropped instead of committed: the file stays and no temporary file is left.
        let dropped = stage_streamed(&path, false, |emit| emit(b"never".to_vec())).unwrap();
        drop(dropped);
        assert_eq!(std::fs::read(&path).unwrap(), joined);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(stage_streamed(&dir.path().join("missing/set.json"), false, |_| {}).is_err());
    }

    #[test]
    fn fingerprints_detect_changes_but_not_touches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("set.json");
        write_atomic(&path, b"one").unwrap();
        let fingerprint = Fingerprint::of_file(&path).unwrap().unwrap();
        assert_eq!(check_unchanged(&path, Some(&fingerprint)), Ok(()));
        // Same bytes rewritten (new time): no conflict.
        write_atomic(&path, b"one").unwrap();
        assert_eq!(check_unchanged(&path, Some(&fingerprint)), Ok(()));
        std::fs::write(&path, b"two").unwrap();
        assert!(matches!(
            check_unchanged(&path, Some(&fingerprint)),
            Err(Conflict::Changed { .. })
        ));
        assert!(matches!(
            check_unchanged(&path, None),
            Err(Conflict::Created { .. })
        ));
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(
            check_unchanged(&path, Some(&fingerprint)),
            Err(Conflict::Deleted { .. })
        ));
        assert_eq!(check_unchanged(&path, None), Ok(()));
    }

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

    #[test]
    fn reading_refuses_folders() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            read_bounded(dir.path())
                .unwrap_err()
                .to_string()
                .contains("folder")
        );
    }
}
