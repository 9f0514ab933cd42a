//! Newsmark: a native annotation workbench for news text.
//!
//! - [`agreement`]: inter-annotator agreement (α_u, κ, α, span and relation F1)
//! - [`model`]: the pure core (text, schema, spans, relations, edits and history)
//! - [`formats`]: files in and out (native sets, plain text)
//! - [`corpus`]: export and import of many documents, with a report
//! - [`suggest`]: rule-based suggestions (quotes, speakers, names, gazetteer) and their review
//! - [`storage`]: atomic writes, bounded reads, file fingerprints and locks
//! - [`journal`]: the write-ahead journal of edits and crash recovery
//! - [`team`]: merging annotators' sets into a gold set, curation, the git merge driver
//! - [`session`]: an open annotation set (set, history, journal, lock, paths) and every
//!   action on it; the window and the command line both use it
//! - [`cli`]: the command line
//! - [`bench`]: the long-document benchmark and its seeded generator
//! - `gui` (feature `gui`): the window

pub mod agreement;
pub mod bench;
pub mod cli;
pub mod corpus;
pub mod formats;
pub mod journal;
pub mod model;
pub mod session;
pub mod storage;
pub mod suggest;
pub mod team;

#[cfg(feature = "gui")]
pub mod gui;
