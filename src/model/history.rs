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

    /// The set as it was at the last save (or at opening): `set` (the state this history is
    /// at) with the steps since taken back, or taken up again; `None` when that state can no
    /// longer be reached. The base of a merge with the file on disk.
    pub fn saved_state(&self, set: &AnnotationSet) -> Option<AnnotationSet> {
        let saved = self.saved_position?;
        let mut history = self.clone();
        let mut state = set.clone();
        while history.position > saved {
            history.undo(&mut state).ok()??;
        }
        while history.position < saved {
            history.redo(&mut state).ok()??;
        }
        Some(state)
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// This history, taken up again by a set opened anew: the same steps, and a revision
    /// never seen before (caches keyed on the revision of the set as it was opened, and on
    /// the revisions it had before, do not take the resumed set for either).
    pub fn resumed(mut self, opened: &History) -> Self {
        self.revision = self.revision.max(opened.revision) + 1;
        self
    }

    /// The edit [`History::undo`] would apply next (for the edit journal).
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last()
    }

    /// The edit [`History::redo`] would apply next (for the edit journal).
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last()
    }

    /// What the step [`History::undo`] would take back did, as the user did it (read with
    /// `set` as that step left it: before undoing it, or just after redoing it).
    pub fn describe_last(&self, set: &AnnotationSet) -> Option<String> {
        self.undo
            .last()
            .map(|inverse| edit::describe_done(inverse, set))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Relation, RelationId, Review, Schema, Span, SpanId};

    #[test]
    fn the_last_step_is_named_as_the_user_took_it() {
        let mut set = AnnotationSet::new(Document::new("Ana Lima said “no”."), Schema::default());
        let mut history = History::new();
        let said = |history: &History, set: &AnnotationSet| history.describe_last(set).unwrap();
        history
            .apply(
                &mut set,
                Edit::AddSpan(Span::new(SpanId(1), "PERSON", 0..8)),
            )
            .unwrap();
        assert_eq!(said(&history, &set), "add PERSON 0..8");
        history
            .apply(
                &mut set,
                Edit::AddSpan(Span::new(SpanId(2), "QUOTE", 15..17)),
            )
            .unwrap();
        history
            .apply(
                &mut set,
                Edit::AddRelation(Relation {
                    id: RelationId(1),
                    label: "said_by".into(),
                    from: SpanId(2),
                    to: SpanId(1),
                    origin: None,
                    review: Review::Accepted,
                }),
            )
            .unwrap();
        assert_eq!(said(&history, &set), "link 2 -> 1 (said_by)");
        let mut relabelled = set.span(SpanId(1)).unwrap().clone();
        relabelled.label = "ORG".into();
        history
            .apply(&mut set, Edit::UpdateSpan(relabelled))
            .unwrap();
        assert_eq!(said(&history, &set), "relabel PERSON 0..8 as ORG");
        // Before an undo it names the step undone; after a redo, the step redone.
        history.undo(&mut set).unwrap();
        history.undo(&mut set).unwrap();
        assert_eq!(said(&history, &set), "add QUOTE 15..17");
        history.redo(&mut set).unwrap();
        assert_eq!(said(&history, &set), "link 2 -> 1 (said_by)");
        history
            .apply(&mut set, Edit::RemoveSpan(SpanId(1)))
            .unwrap();
        assert_eq!(said(&history, &set), "delete PERSON 0..8, with 1 link");
    }
}
