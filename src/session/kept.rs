//! Undo across a close: the history of a set closed clean, taken up again when the same file
//! is opened anew in this process. The window keeps a few, so that switching between a
//! corpus's documents and back does not lose what Undo could take back.

use std::path::{Path, PathBuf};

use super::OpenSet;
use crate::model::History;
use crate::storage::Fingerprint;

/// The history of a set as it was closed, with the file it belongs to.
#[derive(Debug)]
pub struct KeptHistory {
    save_path: PathBuf,
    /// The file as it was saved: the history applies to that file only.
    fingerprint: Fingerprint,
    history: History,
}

impl KeptHistory {
    /// The set file this history belongs to.
    pub fn save_path(&self) -> &Path {
        &self.save_path
    }

    /// How many steps Undo could take back.
    pub fn undo_steps(&self) -> usize {
        self.history.undo_len()
    }
}

impl OpenSet {
    /// Close (as [`OpenSet::close`]), keeping the history when there is one worth keeping:
    /// the set is clean (saved: its file is exactly the state the history is at), its file's
    /// fingerprint is known, and there is something to undo or redo.
    pub fn close_keeping_history(mut self) -> Option<KeptHistory> {
        let worth = !self.is_dirty() && (self.history.can_undo() || self.history.can_redo());
        match (worth, self.expected.clone()) {
            (true, Some(fingerprint)) => {
                // What `close` does for a clean set: its journal holds nothing unsaved.
                self.journal.discard();
                Some(KeptHistory {
                    save_path: self.save_path.clone(),
                    fingerprint,
                    history: std::mem::take(&mut self.history),
                })
            }
            _ => {
                self.close();
                None
            }
        }
    }

    /// Take up `kept` again, if it is this set's: the same file, unchanged since it was closed
    /// (same bytes), and nothing edited here since opening. Returns whether it was taken.
    pub fn resume_history(&mut self, kept: KeptHistory) -> bool {
        let same_file = kept.save_path == self.save_path
            && self
                .expected
                .as_ref()
                .is_some_and(|now| now.sha256 == kept.fingerprint.sha256);
        if !same_file || self.is_dirty() || self.history.can_undo() || self.history.can_redo() {
            return false;
        }
        self.history = kept.history.resumed(&self.history);
        true
    }
}
