//! The file changed on disk while the window had unsaved edits (a `git pull`, a colleague's
//! save): besides Reload (theirs), Overwrite (ours) and Save As, the two are merged span by
//! span, as the merge driver merges two branches ([`crate::team::three_way`]), with the set as
//! it was last saved here as the base. The result is the file on disk plus one undoable step
//! that brings in what this window did; conflicts come as suggestions, named.

use super::{OpenOptions, OpenSet, Opening};
use crate::formats::{self, OpenError};
use crate::model::AnnotationSet;
use crate::model::edit::{Edit, EditError};
use crate::team::three_way::{self, ThreeWayError};

/// The merged set, open (the file on disk, with this window's work as one unsaved step), and
/// what the merge said.
pub struct MergedWithDisk {
    pub opening: Opening,
    /// True conflicts, one line each: each left as a suggestion to review.
    pub conflicts: Vec<String>,
    /// Other things worth saying (renumbered spans, the same span kept once).
    pub notes: Vec<String>,
}

/// Why the merge was not made (the open set, its edits and its journal are as they were).
#[derive(Debug, thiserror::Error)]
pub enum MergeWithDiskError {
    #[error("the version on disk cannot be read: {0}")]
    Read(#[from] OpenError),
    #[error(
        "the version on disk had {} when read; reload it to see {}, or save yours as another file",
        crate::formats::visible::count(*.0, "problem", "problems"),
        if *.0 == 1 { "it" } else { "them" }
    )]
    Problems(usize),
    #[error("{0}")]
    Merge(#[from] ThreeWayError),
    #[error("the merged annotations could not be applied: {0}")]
    Edit(#[from] EditError),
}

impl OpenSet {
    /// Merge the version of the set on disk with this one (see the module documentation).
    /// On success `self` has let go of the file (its journal and lock): install the returned
    /// opening in its place, as after [`OpenSet::reload`].
    pub fn merge_with_disk(
        &mut self,
        options: &OpenOptions,
    ) -> Result<MergedWithDisk, MergeWithDiskError> {
        // Read and merge first: a failure leaves this set, its history and journal alone.
        let theirs = formats::open_path(&self.save_path, options.user_schema.as_deref())?;
        if !theirs.problems.is_empty() {
            return Err(MergeWithDiskError::Problems(theirs.problems.len()));
        }
        let base = self.history.saved_state(&self.set);
        let merged = three_way::merge(base.as_ref(), &self.set, &theirs.set)?;
        let mut opening = self.reload(options)?;
        let doc = &mut opening.doc;
        // What no edit carries (the schema, a gold set's curation record) is set as merged;
        // the annotations come as one step, so Undo gives the file on disk back.
        doc.set.schema = merged.set.schema.clone();
        doc.set.curation = merged.set.curation.clone();
        let step = edit_between(&doc.set, &merged.set);
        if !matches!(&step, Edit::Batch(edits) if edits.is_empty()) {
            doc.apply(step)?;
        }
        Ok(MergedWithDisk {
            opening,
            conflicts: merged.conflicts,
            notes: merged.notes,
        })
    }
}

/// One edit that turns `from` into `to` (same text): spans and links by id, document labels,
/// status and remembered rejections.
fn edit_between(from: &AnnotationSet, to: &AnnotationSet) -> Edit {
    let mut edits = Vec::new();
    // Links first out, so that removing a span takes none that `to` keeps.
    for relation in from.relations() {
        if to.relation(relation.id).is_none() {
            edits.push(Edit::RemoveRelation(relation.id));
        }
    }
    for span in from.spans_unordered() {
        if to.span(span.id).is_none() {
            edits.push(Edit::RemoveSpan(span.id));
        }
    }
    // Changed spans before new ones: a conflict's suggestion can sit where the span it
    // stands beside was before its change.
    for span in to.spans_unordered() {
        if let Some(old) = from.span(span.id)
            && old != span
        {
            edits.push(Edit::UpdateSpan(span.clone()));
        }
    }
    for span in to.spans_unordered() {
        if from.span(span.id).is_none() {
            edits.push(Edit::AddSpan(span.clone()));
        }
    }
    for relation in to.relations() {
        match from.relation(relation.id) {
            None => edits.push(Edit::AddRelation(relation.clone())),
            Some(old) if old != relation => edits.push(Edit::UpdateRelation(relation.clone())),
            Some(_) => {}
        }
    }
    for (name, value) in &to.document_labels {
        if from.document_labels.get(name) != Some(value) {
            edits.push(Edit::SetDocumentLabel(name.clone(), Some(value.clone())));
        }
    }
    for name in from.document_labels.keys() {
        if !to.document_labels.contains_key(name) {
            edits.push(Edit::SetDocumentLabel(name.clone(), None));
        }
    }
    if from.status != to.status {
        edits.push(Edit::SetStatus(to.status));
    }
    for rejected in to.rejected() {
        if !from.was_rejected(rejected) {
            edits.push(Edit::RememberRejected(rejected.clone()));
        }
    }
    for rejected in from.rejected() {
        if !to.was_rejected(rejected) {
            edits.push(Edit::ForgetRejected(rejected.clone()));
        }
    }
    Edit::Batch(edits)
}
