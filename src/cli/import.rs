//! `newsmark import [--from FORMAT] INPUT... -o OUT_DIR`

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;

use crate::corpus::{self, ImportRequest};
use crate::formats::import::{ImportFormat, ImportOptions};

/// Arguments of `newsmark import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The format: native, brat, jsonl (doccano), label-studio, prodigy, conll, spacy, w3c
    /// (its article beside it as .txt), text, html.
    /// Guessed from each file's extension and content when absent.
    #[arg(long = "from", value_name = "FORMAT")]
    pub from: Option<String>,
    /// Files or folders to import.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The folder to write the annotation sets into (created if missing).
    #[arg(short = 'o', long = "out", value_name = "OUT_DIR")]
    pub out: PathBuf,
    /// Keep Label Studio offsets that look like UTF-16 code units as they are (by default
    /// they are converted to code points, with a report line).
    #[arg(long)]
    pub keep_utf16: bool,
    /// Import every span and relation as a suggestion to review (for a model's output):
    /// reviewed in the window with Enter / Backspace, left out of exports until accepted.
    #[arg(long)]
    pub as_suggestions: bool,
    /// Replace sets that already exist in OUT_DIR.
    #[arg(long)]
    pub overwrite: bool,
    #[arg(short, long)]
    pub verbose: bool,
}

pub fn run(args: ImportArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let format = match &args.from {
        None => None,
        Some(name) => match ImportFormat::from_name(name) {
            Some(format) => Some(format),
            None => {
                let names: Vec<&str> = ImportFormat::ALL.iter().map(|f| f.name()).collect();
                bail!(
                    "unknown import format {name:?}; choose one of {}",
                    names.join(", ")
                );
            }
        },
    };
    let request = ImportRequest {
        inputs: args.inputs,
        out_dir: args.out,
        options: ImportOptions {
            format,
            convert_utf16: !args.keep_utf16,
            as_suggestions: args.as_suggestions,
        },
        overwrite: args.overwrite,
    };
    let report = corpus::import(&request, &mut |_, _| true);
    write!(out, "{}", report.render(args.verbose))?;
    Ok(if report.failed() { 1 } else { 0 })
}
