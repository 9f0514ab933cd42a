//! The corpus in the window: the documents panel, find in the corpus, the dashboard, the
//! guidelines and the labels editor. Each is a thin view over core data that returns what the
//! user asked for; the app turns those answers into work on the corpus and its open sets.

pub mod agreement_view;
pub mod corpus_find;
pub mod curation_view;
pub mod dashboard;
pub mod documents;
pub mod guidelines;
pub mod labels_editor;
pub mod watcher;
