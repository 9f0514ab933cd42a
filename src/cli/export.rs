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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_and_fails_on_missing_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let mut set = crate::formats::registry::fixtures::sample();
        let input = dir.path().join("story.json");
        crate::formats::save_set(&mut set, &input).unwrap();
        let args = |inputs: Vec<PathBuf>| ExportArgs {
            to: "conll".into(),
            inputs,
            out: dir.path().join("out"),
            include_suggested: false,
            verbose: false,
        };
        let mut out = Vec::new();
        assert_eq!(run(args(vec![input.clone()]), &mut out).unwrap(), 0);
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("left out") && text.contains("1 document(s), 0 failed"),
            "{text}"
        );
        let mut out = Vec::new();
        let missing = dir.path().join("missing.json");
        assert_eq!(run(args(vec![input, missing]), &mut out).unwrap(), 1);
        let mut bad = args(vec![]);
        bad.to = "docx".into();
        assert!(run(bad, &mut Vec::new()).is_err());
    }
}
