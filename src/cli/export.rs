//! `newsmark export --to FORMAT INPUT... -o OUT_DIR`

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;

use crate::corpus::{self, ExportRequest};
use crate::formats::registry::{ExportFormat, ExportOptions};

/// Arguments of `newsmark export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The format: jsonl (doccano), spacy, brat, conll, label-studio, prodigy, csv, w3c.
    #[arg(long = "to", value_name = "FORMAT")]
    pub to: String,
    /// Annotation sets (.json) or folders of them.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The folder to write into (created if missing).
    #[arg(short = 'o', long = "out", value_name = "OUT_DIR")]
    pub out: PathBuf,
    /// Export unreviewed suggestions too (by default they are left out and reported; Label
    /// Studio always writes them as predictions).
    #[arg(long)]
    pub include_suggested: bool,
    /// List every item left out, not only the first few per reason.
    #[arg(short, long)]
    pub verbose: bool,
}

pub fn run(args: ExportArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let Some(format) = ExportFormat::from_name(&args.to) else {
        let names: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
        bail!(
            "unknown export format {:?}; choose one of {}",
            args.to,
            names.join(", ")
        );
    };
    let request = ExportRequest {
        format,
        inputs: args.inputs,
        out_dir: args.out,
        options: ExportOptions {
            include_suggested: args.include_suggested,
        },
    };
    let report = corpus::export(&request, &mut |_, _| true);
    write!(out, "{}", report.render(args.verbose))?;
    Ok(if report.failed() { 1 } else { 0 })
}
