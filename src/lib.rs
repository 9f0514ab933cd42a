//! Newsmark: a native annotation workbench for news text.
//!
//! - [`model`]: the pure core (text, schema, spans, relations, edits and history)
//! - [`formats`]: files in and out (native sets, plain text)
//! - [`corpus`]: export and import of many documents, with a report
//! - [`storage`]: atomic writes and bounded reads
//! - [`cli`]: the command line
//! - `gui` (feature `gui`): the window

pub mod cli;
pub mod corpus;
pub mod formats;
pub mod model;
pub mod storage;

#[cfg(feature = "gui")]
pub mod gui;
