//! Files on disk: atomic writes and bounded reads.

use std::io::Write;
use std::path::Path;

/// Refuse to read files larger than this into memory (the whole article must fit).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is {size} bytes; Newsmark opens files up to {MAX_FILE_BYTES} bytes")]
    TooLarge { path: String, size: u64 },
    #[error("cannot save {path}: {source}. The previous file was not changed")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Read a whole file, refusing directories and files beyond [`MAX_FILE_BYTES`].
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, StorageError> {
    let shown = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|source| StorageError::Read {
        path: shown.clone(),
        source,
    })?;
    if metadata.is_dir() {
        return Err(StorageError::Read {
            path: shown,
            source: std::io::Error::other("it is a folder, not a file"),
        });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(StorageError::TooLarge {
            path: shown,
            size: metadata.len(),
        });
    }
    std::fs::read(path).map_err(|source| StorageError::Read {
        path: shown,
        source,
    })
}

/// Write `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over the target, then the folder flushed. A failure at any point leaves the
/// previous file as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let shown = path.display().to_string();
    let fail = |source: std::io::Error| StorageError::Write {
        path: shown.clone(),
        source,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".newsmark-save-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(fail)?;
    // Keep the target's permissions when replacing it.
    if let Ok(metadata) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(temp.path(), metadata.permissions());
    }
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    if let Ok(dir) = std::fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The current time as RFC 3339 (UTC, seconds).
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
