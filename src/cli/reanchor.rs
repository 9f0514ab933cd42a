//! `newsmark reanchor SET.json ARTICLE.txt -o OUT.json`: move a set's spans onto a changed
//! article. Spans that cannot be placed are listed, and written beside the output as
//! `OUT.unplaced.json` so that nothing is lost.

use std::io::Write;
use std::path::Path;

use crate::session::{OpenOptions, OpenSet};

pub fn run(
    set_path: &Path,
    article: &Path,
    output: &Path,
    verbose: bool,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let mut doc = OpenSet::open(set_path, &OpenOptions::default())?.doc;
    let sidecar = output.with_extension("unplaced.json");
    let reanchored = doc.reanchor_with_sidecar(article, &sidecar)?;
    if reanchored.unchanged {
        writeln!(out, "{}: the article has not changed", article.display())?;
    }
    let report = &reanchored.report;
    if verbose {
        write!(out, "{report:#}")?;
    } else {
        write!(out, "{report}")?;
    }
    if let Some(sidecar) = &reanchored.sidecar {
        writeln!(out, "unplaced items written to {}", sidecar.display())?;
    }
    // The output is the user's choice of file: written whether or not one is there.
    doc.save_to(output, true)?;
    writeln!(out, "wrote {}", output.display())?;
    Ok(if report.is_complete() { 0 } else { 1 })
}
