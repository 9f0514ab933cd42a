//! `newsmark export --to FORMAT INPUT... -o OUT_DIR`

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;

use crate::corpus::{self, ExportRequest, SetSelection, WhichSets};
use crate::formats::registry::{ExportFormat, ExportOptions};
use crate::model::set::Status;

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
    /// Which sets of a corpus folder: all (default), gold (each article's gold set), or an
    /// annotator's name (their story.NAME.json). Articles without one are named in the report.
    #[arg(long, value_name = "all|gold|NAME", default_value = "all")]
    pub sets: String,
    /// Only sets in these states, e.g. `--status curated` or `--status done,curated` (new,
    /// in_progress, done, in_curation, curated). The others are counted in the report.
    #[arg(long, value_name = "STATE", value_delimiter = ',')]
    pub status: Vec<String>,
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
    let sets = WhichSets::parse(&args.sets).map_err(anyhow::Error::msg)?;
    let mut statuses = Vec::new();
    for name in &args.status {
        let Some(status) = Status::parse(name.trim()) else {
            bail!(
                "--status {name:?} is not a state; choose from {}",
                Status::ALL.map(Status::as_str).join(", ")
            );
        };
        statuses.push(status);
    }
    let request = ExportRequest {
        format,
        inputs: args.inputs,
        out_dir: args.out,
        options: ExportOptions {
            include_suggested: args.include_suggested,
        },
        selection: SetSelection { sets, statuses },
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
            sets: "all".into(),
            status: Vec::new(),
            verbose: false,
        };
        let mut out = Vec::new();
        assert_eq!(run(args(vec![input.clone()]), &mut out).unwrap(), 0);
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("left out") && text.contains("1 document, 0 failed"),
            "{text}"
        );
        let mut out = Vec::new();
        let missing = dir.path().join("missing.json");
        assert_eq!(run(args(vec![input, missing]), &mut out).unwrap(), 1);
        let mut bad = args(vec![]);
        bad.to = "docx".into();
        assert!(run(bad, &mut Vec::new()).is_err());
        let mut bad = args(vec![dir.path().to_path_buf()]);
        bad.status = vec!["finished".into()];
        let error = run(bad, &mut Vec::new()).unwrap_err().to_string();
        assert!(error.contains("in_progress, done"), "{error}");
    }
}
