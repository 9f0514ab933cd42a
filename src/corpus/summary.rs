//! What the corpus list knows of one set file, and the stamp of a file: the data that
//! [`super::status`] computes and [`super::cache`] keeps between runs.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::layout::SetKind;
use crate::model::set::Status;

/// One set as the corpus list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetSummary {
    /// Relative to the corpus root, `/`-separated.
    pub path: String,
    #[serde(skip, default = "single")]
    pub kind: SetKind,
    /// The stored status (a set without the field is in progress).
    pub status: Status,
    pub spans: usize,
    /// Spans still awaiting review (suggestions).
    pub suggested: usize,
    pub relations: usize,
    pub labels: BTreeMap<String, usize>,
    /// From the file name (`story.alice.json`), else the set's `annotator` field.
    pub annotator: Option<String>,
    /// The set's `modified` time, else the file's (RFC 3339).
    pub modified: Option<String>,
    pub problems: Vec<String>,
    /// The file could not be read as a set at all (its counts are zero).
    pub unreadable: bool,
}

fn single() -> SetKind {
    SetKind::Single
}

/// The file's size and modification time in nanoseconds (the cache key).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    pub modified_ns: u64,
}

impl FileStamp {
    pub fn of(path: &Path) -> Option<(Self, Option<std::time::SystemTime>)> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok();
        let modified_ns = modified
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Some((
            Self {
                size: meta.len(),
                modified_ns,
            },
            modified,
        ))
    }
}
