//! The suggestion figure: the rule suggester (quotes, speakers, cues, names, coreference) run
//! on the benchmark article in a fresh set, as `newsmark suggest` runs it on an article.

use std::time::Instant;

use super::{Figure, ms};
use crate::model::schema::Schema;
use crate::model::set::{AnnotationSet, Document};
use crate::suggest::{self, Options};

/// Best of `runs` timings of the suggester on `text`, with what it proposed.
pub fn figure(text: &str, runs: usize) -> Figure {
    let mut best = f64::MAX;
    let mut proposed = (0, 0);
    for _ in 0..runs.max(1) {
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        let started = Instant::now();
        let suggestions = suggest::suggest(&mut set, &Options::default());
        best = best.min(ms(started.elapsed()));
        proposed = (suggestions.span_total(), suggestions.relation_total());
    }
    Figure::new(
        "suggestions on the article (rules: quotes, speakers, names)",
        format!(
            "{:.0} ms ({} spans, {} relations proposed)",
            best, proposed.0, proposed.1
        ),
        "≤ 2 s (10 MB)",
        Some(best <= 2000.0),
    )
}
