//! Suggestions: rule-based, transparent and local. Each suggester reads the article text and
//! proposes spans and relations; [`suggest`] turns the proposals into one [`Edit::Batch`] of
//! suggested annotations (`review: Suggested`, `origin: "rule:<rule-id>"`), so the window and
//! the command line apply them through [`crate::model::edit::apply`] and one undo removes them.
//!
//! - [`quotes`]: direct quotes by quotation-mark pairing
//! - [`speakers`]: speaker phrases (names, nominals, pronouns) around a speech verb
//! - [`attribution`]: the patterns that attribute a quote to a speaker and a cue (`labels`:
//!   quotes labelled with a name or an organisation, no speech verb)
//! - `rules`: the quote rules run in order on an article (keep, join, attribute, propose)
//! - `coref`: who a surname, a nominal or a pronoun stands for (`pronouns`: gender cues and
//!   pronoun antecedents)
//! - [`names`]: PERSON candidates; [`byline`]: the byline and its writer
//! - [`rtl`]: Arabic and Hebrew speech verbs and attribution
//! - [`lexicon`]: every word list the rules read
//! - [`vocab`]: the labels and relation types the rules propose
//! - [`gazetteer`]: a user's list of names
//! - `batch`: the one builder that turns proposals (the rules', a file's) into the edit
//! - [`from_file`]: another tool's annotations as suggestions
//! - [`review`]: accepting and rejecting suggestions, as edits
//! - [`evaluate`]: precision and recall of the suggesters against gold sets

pub mod attribution;
mod batch;
pub mod byline;
mod coref;
pub mod evaluate;
pub mod from_file;
mod full_names;
pub mod gazetteer;
mod headings;
mod labels;
pub mod lexicon;
mod name_memo;
pub mod names;
mod pronouns;
pub mod quotes;
mod referents;
pub mod review;
pub mod rtl;
mod rules;
pub mod speakers;
mod subjects;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_probes;
#[cfg(test)]
mod tests_ranking;
#[cfg(test)]
mod tests_rtl;
#[cfg(test)]
mod tests_session11;
#[cfg(test)]
mod tests_shapes;
#[cfg(test)]
mod tests_sources;
#[cfg(test)]
mod tests_unseen;
pub mod tokens;
pub mod vocab;

use std::collections::BTreeMap;

use crate::model::edit::Edit;
use crate::model::set::AnnotationSet;

use batch::Batch;
use gazetteer::Gazetteer;

/// The prefix of every suggestion's `origin`.
pub const ORIGIN_PREFIX: &str = "rule:";

/// What to run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Quotes, speakers, cues and names (on unless turned off).
    pub skip_quotes: bool,
    /// A user's list of names.
    pub gazetteer: Option<Gazetteer>,
}

/// The result of [`suggest`]: the edit to apply and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestions {
    /// One batch with every new suggestion (empty batch when there is nothing new).
    pub edit: Edit,
    /// New span suggestions per (label, rule).
    pub spans: BTreeMap<(String, String), usize>,
    /// New relation suggestions per (relation type, rule).
    pub relations: BTreeMap<(String, String), usize>,
    /// Proposals already in the set (same label and range, or the same relation).
    pub already_present: usize,
    /// Proposals left out, each with the reason.
    pub skipped: Vec<String>,
    /// Quotation marks that could not be paired (code point offsets).
    pub unpaired_marks: Vec<usize>,
}

impl Suggestions {
    pub fn is_empty(&self) -> bool {
        matches!(&self.edit, Edit::Batch(edits) if edits.is_empty())
    }

    pub fn span_total(&self) -> usize {
        self.spans.values().sum()
    }

    pub fn relation_total(&self) -> usize {
        self.relations.values().sum()
    }
}

/// Propose suggestions for `set` and return them as one edit (not yet applied).
///
/// Proposals identical to an existing span (label and range) or relation are not repeated,
/// so suggesting twice adds nothing the second time. A QUOTE proposal that overlaps an
/// existing QUOTE span is left out (the existing one is the reviewed or edited version).
pub fn suggest(set: &mut AnnotationSet, options: &Options) -> Suggestions {
    let text = set.text().as_str().to_string();
    let mut batch = Batch::for_rules();
    if !options.skip_quotes {
        rules::plan_quotes(&text, &mut batch);
    }
    if let Some(list) = &options.gazetteer {
        list.plan(&text, &mut batch);
    }
    batch.build(set)
}
