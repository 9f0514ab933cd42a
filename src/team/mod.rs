//! Team work on one article: merging annotators' sets into a gold set, curating the
//! disagreements, and the git merge driver (docs/TEAM.md).

pub mod curation;
pub mod differences;
pub mod git;
pub mod inputs;
pub mod merge;
pub mod three_way;

use std::path::Path;

use crate::formats::{self, native};
use crate::model::set::AnnotationSet;

pub use git::configure_git;

/// Save a gold set: checked first (it must load back without a single problem; a merge never
/// writes an invalid set), then written atomically.
pub fn save_gold(gold: &mut AnnotationSet, path: &Path) -> anyhow::Result<()> {
    native::check_loads_back(gold)
        .map_err(|e| anyhow::anyhow!("the gold set was not written: {e}"))?;
    formats::save_set(gold, path)?;
    Ok(())
}
