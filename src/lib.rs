//! Newsmark: a native annotation workbench for news text.
//!
//! - [`model`]: the pure core (text, schema, spans, relations, edits and history)
//! - [`formats`]: files in and out (native sets, plain text)
//! - [`storage`]: atomic writes, bounded reads, file fingerprints and locks
//! - [`journal`]: the write-ahead journal of edits and crash recovery
//! - [`cli`]: the command line
//! - `gui` (feature `gui`): the window

pub mod cli;
pub mod formats;
pub mod journal;
pub mod model;
pub mod storage;

#[cfg(feature = "gui")]
pub mod gui;
