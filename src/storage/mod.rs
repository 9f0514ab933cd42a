//! Files on disk: atomic writes and bounded reads; set locks in [`lock`].

mod lock;
pub use lock::*;

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

/// `.<file name>.<suffix>` in the same folder as `path`.
pub fn hidden_sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "set".into());
    path.with_file_name(format!(".{name}.{suffix}"))
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
