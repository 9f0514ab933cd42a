//! Team work on one article: merging annotators' sets into a gold set, curating the
//! disagreements, and the git merge driver (docs/TEAM.md).

pub mod curation;
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
    let loaded = native::from_json(&native::to_json(gold))
        .map_err(|e| anyhow::anyhow!("the gold set would not load ({e}); nothing written"))?;
    if !loaded.problems.is_empty() {
        anyhow::bail!(
            "the gold set would not be valid, nothing written: {}",
            loaded
                .problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    formats::save_set(gold, path)?;
    Ok(())
}
