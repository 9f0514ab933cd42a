//! The annotation vocabulary the rules propose and the evaluation reads, named once. These are
//! the default schema's names (assets/schema.default.json); a schema without one of them gets
//! no suggestion of that kind (the batch reports it as left out).
//!
//! The labels and link types with a meaning in code are the core's ([`crate::model::vocab`]);
//! this module adds the attribute names and values the rules write.

use crate::model::vocab::{label, relation};

/// A quote's content (attribute `type`: `direct`, `partial`, ...).
pub const QUOTE: &str = label::QUOTE;
/// The words that introduce a quote ("said", "according to").
pub const CUE: &str = label::CUE;
/// A speaker that is not a name ("a port spokesperson").
pub const SOURCE: &str = label::SOURCE;
/// A claim (not proposed by the rules; listed for completeness of the vocabulary).
pub const CLAIM: &str = label::CLAIM;
/// A person's name.
pub const PERSON: &str = "PERSON";
/// An organisation's name.
pub const ORG: &str = "ORG";

/// Relation: quote -> who said it.
pub const SAID_BY: &str = relation::SAID_BY;
/// Relation: quote -> its cue.
pub const CUE_LINK: &str = relation::CUE;
/// Relation: a mention -> the mention it stands for ("Okafor" -> "Daniel Okafor").
pub const REFERS_TO: &str = relation::REFERS_TO;
/// Relation: a quote's later part -> its earlier part.
pub const CONTINUES: &str = relation::CONTINUES;
/// Relation: claim -> who made it.
pub const CLAIMED_BY: &str = relation::CLAIMED_BY;

/// QUOTE attribute: the quote's type, and its values the rules use.
pub const QUOTE_TYPE: &str = "type";
pub const DIRECT: &str = "direct";
/// An attributed short phrase inside a sentence ("called it 'a non-starter'").
pub const PARTIAL: &str = "partial";
/// QUOTE attribute: the form of the speaker (`name`, `nominal`, `pronoun`, `none`).
pub const SPEAKER_FORM: &str = "speaker_form";
/// PERSON attribute: the title or office written before the name ("NASA Administrator").
pub const TITLE: &str = "title";
