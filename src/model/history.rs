//! Unlimited undo and redo. The history holds inverse edits only; it never touches the set
//! except through [`edit::apply`].

use super::edit::{self, Edit, EditError, Touched};
use super::set::AnnotationSet;

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// Number of applied steps from the start (undo decrements it).
    position: usize,
    /// `position` at the last save; `None` when that state can no longer be reached.
    saved_position: Option<usize>,
    /// Ever-growing count of changes (for caches keyed on the set's state).
    revision: u64,
}

impl History {
    pub fn new() -> Self {
        Self {
            saved_position: Some(0),
            ..Self::default()
        }
    }

    /// Apply a new edit; clears the redo stack.
    pub fn apply(&mut self, set: &mut AnnotationSet, edit: Edit) -> Result<Touched, EditError> {
        let mut touched = Touched::default();
        let inverse = edit::apply_touching(set, edit, &mut touched)?;
        self.undo.push(inverse);
        if self
            .saved_position
            .is_some_and(|saved| saved > self.position)
        {
            self.saved_position = None;
        }
        self.redo.clear();
        self.position += 1;
        self.revision += 1;
        Ok(touched)
    }

    /// Undo the last step. `Ok(None)` when there is nothing to undo.
    pub fn undo(&mut self, set: &mut AnnotationSet) -> Result<Option<Touched>, EditError> {
        let Some(inverse) = self.undo.pop() else {
            return Ok(None);
        };
        let mut touched = Touched::default();
        match edit::apply_touching(set, inverse.clone(), &mut touched) {
            Ok(redo) => {
                self.redo.push(redo);
                self.position -= 1;
                self.revision += 1;
                Ok(Some(touched))
            }
            Err(error) => {
                self.undo.push(inverse);
                Err(error)
            }
        }
    }

    pub fn redo(&mut self, set: &mut AnnotationSet) -> Result<Option<Touched>, EditError> {
        let Some(edit) = self.redo.pop() else {
            return Ok(None);
        };
        let mut touched = Touched::default();
        match edit::apply_touching(set, edit.clone(), &mut touched) {
            Ok(inverse) => {
                self.undo.push(inverse);
                self.position += 1;
                self.revision += 1;
                Ok(Some(touched))
            }
            Err(error) => {
                self.redo.push(edit);
                Err(error)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Changes since the last save (or since opening).
    pub fn is_dirty(&self) -> bool {
        self.saved_position != Some(self.position)
    }

    pub fn mark_saved(&mut self) {
        self.saved_position = Some(self.position);
    }

    /// Forget the saved state: the set must be saved before it is clean again.
    pub fn mark_unsaved(&mut self) {
        self.saved_position = None;
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The edit [`History::undo`] would apply next (for the edit journal).
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last()
    }

    /// The edit [`History::redo`] would apply next (for the edit journal).
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last()
    }

    pub fn describe_undo(&self) -> Option<String> {
        self.undo.last().map(Edit::describe)
    }
}
