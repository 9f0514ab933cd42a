//! `newsmark reanchor SET.json ARTICLE.txt -o OUT.json`: move a set's spans onto a changed
//! article. Spans that cannot be placed are listed, and written beside the output as
//! `OUT.unplaced.json` so that nothing is lost.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::formats::{self, plaintext};
use crate::model::reanchor;
use crate::storage;

pub fn run(
    set_path: &Path,
    article: &Path,
    output: &Path,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let opened = formats::open_path(set_path, None)?;
    let bytes = storage::read_bounded(article)?;
    let decoded =
        plaintext::decode(&bytes).with_context(|| format!("cannot read {}", article.display()))?;
    if decoded.text == opened.set.text().as_str() {
        writeln!(out, "{}: the article has not changed", article.display())?;
    }
    let (mut set, report) = reanchor::reanchor(&opened.set, &decoded.text);
    set.document.source = Some(article.display().to_string());
    set.document.encoding = Some(decoded.encoding.to_string());
    write!(out, "{report}")?;
    if !report.is_complete() {
        let sidecar = output.with_extension("unplaced.json");
        formats::write_unplaced_sidecar(set_path, &report, &sidecar)?;
        writeln!(out, "unplaced items written to {}", sidecar.display())?;
    }
    formats::save_set(&mut set, output)?;
    writeln!(out, "wrote {}", output.display())?;
    Ok(if report.is_complete() { 0 } else { 1 })
}
