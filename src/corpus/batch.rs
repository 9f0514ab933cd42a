//! Many documents at once: export annotation sets to a format, or import files written by
//! other tools into annotation sets, writing into an output folder and collecting a report of
//! what was written, left out and changed, document by document.
//!
//! The window and the command line share this API:
//!
//! ```no_run
//! use newsmark::corpus::{self, ExportRequest};
//! use newsmark::formats::registry::{ExportFormat, ExportOptions};
//! let request = ExportRequest {
//!     format: ExportFormat::Brat,
//!     inputs: vec!["sample_data".into()],
//!     out_dir: "out/brat".into(),
//!     options: ExportOptions::default(),
//!     selection: Default::default(),
//! };
//! // The callback gets (done, total) and returns false to cancel.
//! let report = corpus::export(&request, &mut |done, total| {
//!     println!("{done}/{total}");
//!     true
//! });
//! print!("{}", report.render(false));
//! assert!(!report.failed());
//! ```
//!
//! Nothing is dropped silently: every span, relation, attribute or note a format cannot hold
//! is listed in [`DocumentReport::left_out`], and every problem met while reading an input
//! in [`DocumentReport::problems`].

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::selection::{SetSelection, expand_inputs, expand_set_inputs, first_few};
use crate::formats::import::{self, ImportOptions};
use crate::formats::native::Problem;
use crate::formats::registry::{ExportFormat, ExportOptions, LeftOut, OutFile};
use crate::formats::visible::count;
use crate::model::set::AnnotationSet;
use crate::storage;

/// The report file written into the output folder next to the exported files.
pub const EXPORT_REPORT_FILE: &str = "newsmark-export-report.log";
pub const IMPORT_REPORT_FILE: &str = "newsmark-import-report.log";

/// What to export, where.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    pub format: ExportFormat,
    /// Annotation set files (.json) or folders holding them (searched recursively).
    pub inputs: Vec<PathBuf>,
    pub out_dir: PathBuf,
    pub options: ExportOptions,
    /// Which sets of a corpus folder, in which states (default: every set).
    pub selection: SetSelection,
}

/// What happened to one document.
#[derive(Clone, Debug, Default)]
pub struct DocumentReport {
    pub input: PathBuf,
    /// The document's name in the export (file stem, made unique).
    pub name: String,
    pub spans_written: usize,
    pub relations_written: usize,
    /// Files written for this document alone (relative to the output folder).
    pub files: Vec<PathBuf>,
    /// Everything the format could not hold.
    pub left_out: Vec<LeftOut>,
    /// Changes made so the format could hold the document.
    pub notes: Vec<String>,
    /// Problems met reading the input (for imports: mismatching span texts and what was
    /// done, items left out; for exports: problems in the set file itself).
    pub problems: Vec<Problem>,
    /// The document could not be read or written at all.
    pub error: Option<String>,
}

impl DocumentReport {
    /// Items of the input that reading left out (lines skipped, spans out of range, links
    /// to spans not imported): the problems whose outcome is [`Outcome::LeftOut`].
    ///
    /// [`Outcome::LeftOut`]: crate::formats::Outcome::LeftOut
    pub fn read_left_out(&self) -> usize {
        self.problems.iter().filter(|p| p.leaves_out()).count()
    }

    /// Everything left out: what the format could not hold and what reading left out.
    pub fn left_out_count(&self) -> usize {
        self.left_out.len() + self.read_left_out()
    }
}

/// The outcome of a whole export or import.
#[derive(Clone, Debug, Default)]
pub struct CorpusReport {
    /// `export brat` or `import`.
    pub action: String,
    pub out_dir: PathBuf,
    pub documents: Vec<DocumentReport>,
    /// Corpus-level files written (relative to the output folder).
    pub corpus_files: Vec<PathBuf>,
    /// Failures that belong to no single document (an unreadable folder, a file that could
    /// not be written).
    pub errors: Vec<String>,
    /// What was met on the way that is not a failure (a link loop not followed).
    pub notes: Vec<String>,
    /// The progress callback asked to stop.
    pub cancelled: bool,
    /// Import only: some Label Studio offsets were UTF-16 code units (see
    /// [`crate::formats::label_studio::ReadResult::utf16_detected`]).
    pub utf16_detected: bool,
}

impl CorpusReport {
    /// True when any document or file failed, reading an input left something out (a line
    /// skipped, a span past the end), or the run was cancelled: the command line exits
    /// non-zero. What an export format cannot hold is listed but is not a failure.
    pub fn failed(&self) -> bool {
        self.cancelled
            || !self.errors.is_empty()
            || self.documents.iter().any(|d| d.error.is_some())
            || self.read_left_out() > 0
    }

    /// Items left out, both kinds (see [`DocumentReport::left_out_count`]).
    pub fn left_out_count(&self) -> usize {
        self.documents.iter().map(|d| d.left_out_count()).sum()
    }

    /// Items of the inputs that reading left out.
    pub fn read_left_out(&self) -> usize {
        self.documents.iter().map(|d| d.read_left_out()).sum()
    }

    /// A readable report: one line per document, then its left-outs counted by reason (every
    /// item when `verbose`), notes and problems; then the totals.
    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        for doc in &self.documents {
            let input = doc.input.display();
            match &doc.error {
                Some(error) => out.push_str(&format!("FAILED {input}: {error}\n")),
                None => out.push_str(&format!(
                    "{input} -> {}: {}, {} written{}\n",
                    if doc.files.is_empty() {
                        doc.name.clone()
                    } else {
                        doc.files
                            .iter()
                            .map(|f| f.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                    count(doc.spans_written, "span", "spans"),
                    count(doc.relations_written, "relation", "relations"),
                    match doc.left_out_count() {
                        0 => String::new(),
                        n => format!(", {} left out", count(n, "item", "items")),
                    }
                )),
            }
            let mut by_reason: BTreeMap<&str, Vec<&LeftOut>> = BTreeMap::new();
            for item in &doc.left_out {
                by_reason
                    .entry(item.reason.as_str())
                    .or_default()
                    .push(item);
            }
            for (reason, items) in by_reason {
                out.push_str(&format!("  left out {} ({reason}):", items.len()));
                let shown = if verbose {
                    items.len()
                } else {
                    items.len().min(5)
                };
                let names: Vec<&str> = items[..shown].iter().map(|i| i.item.as_str()).collect();
                out.push_str(&format!(" {}", names.join("; ")));
                if shown < items.len() {
                    out.push_str(&format!(
                        "; and {} more (see {})",
                        items.len() - shown,
                        self.report_file_name()
                    ));
                }
                out.push('\n');
            }
            for note in &doc.notes {
                out.push_str(&format!("  note: {note}\n"));
            }
            for problem in &doc.problems {
                out.push_str(&format!("  problem: {problem}\n"));
            }
        }
        for error in &self.errors {
            out.push_str(&format!("FAILED {error}\n"));
        }
        for note in &self.notes {
            out.push_str(&format!("note: {note}\n"));
        }
        if !self.corpus_files.is_empty() {
            let files: Vec<String> = self
                .corpus_files
                .iter()
                .map(|f| f.display().to_string())
                .collect();
            out.push_str(&format!("corpus files: {}\n", files.join(", ")));
        }
        // Inputs that could not be read and files that could not be written fail too.
        let failed =
            self.documents.iter().filter(|d| d.error.is_some()).count() + self.errors.len();
        // A failed document wrote nothing: its counts are not in the totals.
        let written = || self.documents.iter().filter(|d| d.error.is_none());
        let spans: usize = written().map(|d| d.spans_written).sum();
        let relations: usize = written().map(|d| d.relations_written).sum();
        let problems: usize = self.documents.iter().map(|d| d.problems.len()).sum();
        out.push_str(&format!(
            "{}: {}, {failed} failed, {} and {} written, {} left out, {}{} in {}\n",
            self.action,
            count(self.documents.len(), "document", "documents"),
            count(spans, "span", "spans"),
            count(relations, "relation", "relations"),
            count(self.left_out_count(), "item", "items"),
            count(problems, "problem", "problems"),
            if self.cancelled { ", CANCELLED" } else { "" },
            self.out_dir.display(),
        ));
        if !self.wrote_anything() && !self.cancelled {
            out.push_str(&format!(
                "nothing was written: {} is as it was\n",
                self.out_dir.display()
            ));
        }
        let read_left_out = self.read_left_out();
        if read_left_out > 0 {
            out.push_str(&format!(
                "incomplete: {} of the input left out while reading (the problems above say which and why); exit status 1\n",
                count(read_left_out, "item", "items")
            ));
        }
        out
    }

    /// True when a file went into the output folder.
    pub fn wrote_anything(&self) -> bool {
        !self.corpus_files.is_empty() || self.documents.iter().any(|d| !d.files.is_empty())
    }

    fn report_file_name(&self) -> &'static str {
        if self.action.starts_with("import") {
            IMPORT_REPORT_FILE
        } else {
            EXPORT_REPORT_FILE
        }
    }
}

/// A file stem safe in any file system, unique among `taken`.
pub fn unique_name(path: &Path, taken: &mut HashSet<String>) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut base: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if base.is_empty() || base.starts_with('.') {
        base = format!("document{base}");
    }
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

fn write_out(out_dir: &Path, file: &OutFile) -> Result<PathBuf, String> {
    let path = out_dir.join(&file.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("{}: cannot create the folder: {e}", parent.display()))?;
    }
    storage::write_atomic(&path, &file.bytes).map_err(|e| e.to_string())?;
    Ok(file.path.clone())
}

/// Export annotation set files (or folders of them) to one format. `progress(done, total)`
/// is called before each document and at the end; returning false cancels (documents done
/// so far keep their files; corpus-level files are not written).
pub fn export(
    request: &ExportRequest,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> CorpusReport {
    let (files, errors, mut notes) = expand_set_inputs(&request.inputs, &request.selection);
    let mut loaded: Vec<LoadedSet> = Vec::new();
    let mut other_state = Vec::new();
    for path in files {
        let result = crate::formats::open_path(&path, None)
            .map(|opened| (opened.set, opened.problems))
            .map_err(|e| e.to_string());
        if let Ok((set, _)) = &result
            && !request.selection.takes_status(set.status)
        {
            other_state.push(path.display().to_string());
            continue;
        }
        loaded.push((path, result));
    }
    if !other_state.is_empty() {
        notes.push(format!(
            "{} not exported: not {} ({})",
            count(other_state.len(), "set", "sets"),
            request.selection.statuses_named(),
            first_few(&other_state)
        ));
    }
    let mut report = export_loaded(
        request.format,
        loaded,
        &request.out_dir,
        &request.options,
        errors,
        progress,
    );
    report.notes.splice(0..0, notes);
    finish_report(&mut report, EXPORT_REPORT_FILE);
    report
}

/// Export sets already in memory (the window's open documents): `(name, set)` pairs.
pub fn export_sets(
    format: ExportFormat,
    sets: &[(String, &AnnotationSet)],
    out_dir: &Path,
    options: &ExportOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> CorpusReport {
    let loaded = sets
        .iter()
        .map(|(name, set)| (PathBuf::from(name), Ok(((*set).clone(), Vec::new()))))
        .collect();
    let mut report = export_loaded(format, loaded, out_dir, options, Vec::new(), progress);
    finish_report(&mut report, EXPORT_REPORT_FILE);
    report
}

type LoadedSet = (PathBuf, Result<(AnnotationSet, Vec<Problem>), String>);

/// Export `loaded`; `input_errors` are the inputs that could not be found. Nothing is written
/// when there is nothing to export, and a corpus-level file (one file holding every document)
/// that exists already is not replaced when the export failed: a failed run never swaps a
/// good earlier export for an empty or partial one. Each file is written atomically.
fn export_loaded(
    format: ExportFormat,
    loaded: Vec<LoadedSet>,
    out_dir: &Path,
    options: &ExportOptions,
    input_errors: Vec<String>,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> CorpusReport {
    let mut report = CorpusReport {
        action: format!("export {format}"),
        out_dir: out_dir.to_path_buf(),
        errors: input_errors,
        ..CorpusReport::default()
    };
    let exportable = loaded.iter().any(|(_, result)| result.is_ok());
    if exportable && let Err(error) = std::fs::create_dir_all(out_dir) {
        report.errors.push(format!(
            "{}: cannot create the output folder: {error}",
            out_dir.display()
        ));
        return report;
    }
    let mut writer = format.writer(options);
    let mut taken = HashSet::new();
    let total = loaded.len();
    for (done, (input, result)) in loaded.into_iter().enumerate() {
        if !progress(done, total) {
            report.cancelled = true;
            return report;
        }
        let name = unique_name(&input, &mut taken);
        let mut doc = DocumentReport {
            input,
            name: name.clone(),
            ..DocumentReport::default()
        };
        match result {
            Err(error) => doc.error = Some(error),
            Ok((set, problems)) => {
                doc.problems = problems;
                let exported = writer.add(&name, &set);
                doc.spans_written = exported.spans_written;
                doc.relations_written = exported.relations_written;
                doc.left_out = exported.left_out;
                doc.notes = exported.notes;
                for file in &exported.files {
                    match write_out(out_dir, file) {
                        Ok(path) => doc.files.push(path),
                        Err(error) => doc.error = Some(error),
                    }
                }
            }
        }
        report.documents.push(doc);
    }
    let exported = report.documents.iter().any(|d| d.error.is_none());
    let failed = report.failed();
    for file in writer.finish() {
        if !exported {
            continue;
        }
        if failed && out_dir.join(&file.path).exists() {
            report.notes.push(format!(
                "{} was not replaced: the export failed (see FAILED above), and a partial \
                 export does not take the place of the earlier one; fix the inputs and export \
                 again",
                out_dir.join(&file.path).display()
            ));
            continue;
        }
        match write_out(out_dir, &file) {
            Ok(path) => report.corpus_files.push(path),
            Err(error) => report.errors.push(error),
        }
    }
    progress(total, total);
    report
}

fn finish_report(report: &mut CorpusReport, file_name: &str) {
    // The report goes beside what it reports on: an export that wrote nothing leaves the
    // folder (and the earlier export's report) as it was.
    let leave_alone = file_name == EXPORT_REPORT_FILE && !report.wrote_anything();
    if report.out_dir.is_dir() && !leave_alone {
        let text = report.render(true);
        if let Err(error) = storage::write_atomic(&report.out_dir.join(file_name), text.as_bytes())
        {
            report.errors.push(error.to_string());
        }
    }
}

/// What to import, where.
#[derive(Clone, Debug)]
pub struct ImportRequest {
    /// Files or folders (searched recursively for importable files).
    pub inputs: Vec<PathBuf>,
    pub out_dir: PathBuf,
    pub options: ImportOptions,
    /// Replace existing sets in the output folder (otherwise such documents fail).
    pub overwrite: bool,
}

/// Import files written by other tools (or plain articles) into annotation sets saved as
/// `OUT_DIR/NAME.json`. `progress` as for [`export`].
pub fn import(
    request: &ImportRequest,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> CorpusReport {
    let format = request.options.format;
    let (files, errors) = expand_inputs(&request.inputs, &|p: &Path| {
        import::is_importable_in_folder(p, format)
    });
    // What a folder import with a format left out: one line per kind.
    let notes = match format {
        Some(format) => {
            let folders: Vec<PathBuf> = request
                .inputs
                .iter()
                .filter(|p| p.is_dir())
                .cloned()
                .collect();
            let (skipped, _) = expand_inputs(&folders, &|p: &Path| {
                import::is_importable_in_folder(p, None)
                    && !import::is_importable_in_folder(p, Some(format))
            });
            import::skipped_lines(&skipped, format)
        }
        None => Vec::new(),
    };
    let mut report = CorpusReport {
        action: "import".into(),
        out_dir: request.out_dir.clone(),
        errors,
        notes,
        ..CorpusReport::default()
    };
    if let Err(error) = std::fs::create_dir_all(&request.out_dir) {
        report.errors.push(format!(
            "{}: cannot create the output folder: {error}",
            request.out_dir.display()
        ));
        return report;
    }
    let mut taken = HashSet::new();
    let total = files.len();
    for (done, path) in files.iter().enumerate() {
        if !progress(done, total) {
            report.cancelled = true;
            break;
        }
        match import::read_path(path, &request.options) {
            Err(error) => report.documents.push(DocumentReport {
                input: path.clone(),
                name: unique_name(path, &mut taken),
                error: Some(error.to_string()),
                ..DocumentReport::default()
            }),
            Ok(read) => {
                report.utf16_detected |= read.utf16_detected;
                let several = read.documents.len() > 1;
                // Unnamed documents of one file (a DocBin, a CoNLL file) are numbered after
                // it, zero-padded so that they sort in the file's order: `corpus-01.json`.
                let width = read.documents.len().to_string().len();
                for (i, mut document) in read.documents.into_iter().enumerate() {
                    let stem = match (&document.name, several) {
                        (Some(name), _) => PathBuf::from(name),
                        (None, true) => PathBuf::from(format!(
                            "{}-{:0width$}",
                            path.file_stem()
                                .map(|s| s.to_string_lossy().to_string())
                                .unwrap_or_default(),
                            i + 1
                        )),
                        (None, false) => path.clone(),
                    };
                    let name = unique_name(&stem, &mut taken);
                    let target = request.out_dir.join(format!("{name}.json"));
                    let mut doc = DocumentReport {
                        input: path.clone(),
                        name: name.clone(),
                        spans_written: document.set.span_count(),
                        relations_written: document.set.relation_count(),
                        problems: std::mem::take(&mut document.problems),
                        notes: std::mem::take(&mut document.notes),
                        ..DocumentReport::default()
                    };
                    if i == 0 {
                        doc.problems.splice(0..0, read.problems.iter().cloned());
                    }
                    if request.options.as_suggestions {
                        let format = read.format.map_or("file", |f| f.name());
                        let marked = document.set.mark_all_suggested(&format!("import:{format}"));
                        // What the user asked for: information, not a problem.
                        if marked > 0 {
                            doc.notes.push(format!(
                                "{} and {} imported as suggestions to review",
                                count(doc.spans_written, "span", "spans"),
                                count(doc.relations_written, "relation", "relations")
                            ));
                        }
                    }
                    if document.set.document.source.is_none() {
                        document.set.document.source = Some(path.display().to_string());
                    }
                    if target.exists() && !request.overwrite {
                        doc.error = Some(format!(
                            "{} exists; not replaced (import into another folder, or give --overwrite on the command line)",
                            target.display()
                        ));
                    } else {
                        // Written as an open set (the one path that writes sets); an
                        // existing file was agreed to above.
                        let mut set = crate::session::OpenSet::create(document.set, &target);
                        match set.save(request.overwrite) {
                            Ok(_) => doc.files.push(PathBuf::from(format!("{name}.json"))),
                            Err(error) => doc.error = Some(error.to_string()),
                        }
                    }
                    report.documents.push(doc);
                }
                if report.documents.last().is_none_or(|d| d.input != *path) {
                    report.documents.push(DocumentReport {
                        input: path.clone(),
                        name: String::new(),
                        problems: read.problems,
                        error: Some("no document could be read from it".into()),
                        ..DocumentReport::default()
                    });
                }
            }
        }
    }
    if !report.cancelled {
        progress(total, total);
    }
    finish_report(&mut report, IMPORT_REPORT_FILE);
    report
}

/// Re-export for callers that only use this module.
pub use crate::formats::import::ImportFormat as Format;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::registry::fixtures;

    #[test]
    fn exports_a_folder_with_progress_and_report() {
        let dir = tempfile::tempdir().unwrap();
        let sets = dir.path().join("sets");
        std::fs::create_dir_all(sets.join("sub")).unwrap();
        let mut set = fixtures::sample();
        crate::formats::save_set(&mut set, &sets.join("a.json")).unwrap();
        crate::formats::save_set(&mut set, &sets.join("sub/a.json")).unwrap();
        std::fs::write(sets.join("broken.json"), "{").unwrap();
        let out = dir.path().join("out");
        let mut calls = Vec::new();
        let report = export(
            &ExportRequest {
                format: ExportFormat::Brat,
                inputs: vec![sets.clone()],
                out_dir: out.clone(),
                options: ExportOptions::default(),
                selection: SetSelection::default(),
            },
            &mut |done, total| {
                calls.push((done, total));
                true
            },
        );
        assert_eq!(calls.last(), Some(&(3, 3)));
        assert!(report.failed(), "the broken file fails");
        let names: Vec<&str> = report.documents.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["a", "broken", "a-2"]);
        assert!(out.join("a.ann").is_file() && out.join("a-2.txt").is_file());
        assert!(out.join("annotation.conf").is_file());
        let text = report.render(false);
        assert!(text.contains("left out 1 (unreviewed suggestion"), "{text}");
        assert!(text.contains("FAILED"), "{text}");
        assert!(out.join(EXPORT_REPORT_FILE).is_file());
    }

    /// The folder's corpus files (name → bytes), to compare before and after a run.
    fn folder_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).unwrap())
            })
            .collect()
    }

    #[test]
    fn a_failed_or_empty_export_leaves_a_good_earlier_export_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let sets = dir.path().join("sets");
        std::fs::create_dir_all(&sets).unwrap();
        let mut set = fixtures::sample();
        crate::formats::save_set(&mut set, &sets.join("a.json")).unwrap();
        crate::formats::save_set(&mut set, &sets.join("b.json")).unwrap();
        let out = dir.path().join("out");
        let request = |format, inputs: Vec<PathBuf>, sets: &str| ExportRequest {
            format,
            inputs,
            out_dir: out.clone(),
            options: ExportOptions::default(),
            selection: SetSelection {
                sets: crate::corpus::WhichSets::parse(sets).unwrap(),
                statuses: Vec::new(),
            },
        };
        for format in [ExportFormat::Spacy, ExportFormat::Jsonl] {
            let good = export(&request(format, vec![sets.clone()], "all"), &mut |_, _| {
                true
            });
            assert!(!good.failed(), "{}", good.render(true));
            let before = folder_files(&out);
            // A mistyped input; a selection with no sets; one good input and a missing one.
            let runs = [
                (vec![dir.path().join("typo")], "all"),
                (vec![sets.clone()], "carol"),
                (
                    vec![sets.join("a.json"), dir.path().join("missing.json")],
                    "all",
                ),
            ];
            for (inputs, which) in runs {
                let report = export(&request(format, inputs, which), &mut |_, _| true);
                let text = report.render(false);
                assert!(report.failed(), "{text}");
                assert_eq!(folder_files(&out), before, "{format}: {text}");
                assert!(
                    text.contains("FAILED") && !text.contains(" 0 failed"),
                    "{text}"
                );
                if report.documents.is_empty() {
                    assert!(text.contains("nothing was written"), "{text}");
                } else {
                    assert!(text.contains("was not replaced"), "{text}");
                }
            }
        }
        // Nothing to export into a new folder: no folder is made.
        let fresh = dir.path().join("fresh");
        let mut nothing = request(ExportFormat::Spacy, vec![dir.path().join("typo")], "all");
        nothing.out_dir = fresh.clone();
        assert!(export(&nothing, &mut |_, _| true).failed());
        assert!(!fresh.exists());
    }

    #[test]
    fn cancelling_stops_and_is_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let set = fixtures::sample();
        let report = export_sets(
            ExportFormat::Jsonl,
            &[("a".into(), &set), ("b".into(), &set)],
            dir.path(),
            &ExportOptions::default(),
            &mut |done, _| done < 1,
        );
        assert!(report.cancelled && report.failed());
        assert_eq!(report.documents.len(), 1);
    }

    #[test]
    fn imports_and_round_trips_through_jsonl() {
        let dir = tempfile::tempdir().unwrap();
        let set = fixtures::sample();
        let exported = dir.path().join("exported");
        let report = export_sets(
            ExportFormat::Jsonl,
            &[("story".into(), &set)],
            &exported,
            &ExportOptions::default(),
            &mut |_, _| true,
        );
        assert!(!report.failed(), "{}", report.render(true));
        let out = dir.path().join("imported");
        let request = ImportRequest {
            inputs: vec![exported.join("doccano.jsonl")],
            out_dir: out.clone(),
            options: ImportOptions::default(),
            overwrite: false,
        };
        let report = import(&request, &mut |_, _| true);
        assert!(!report.failed(), "{}", report.render(true));
        assert_eq!(report.documents[0].name, "story");
        let reopened = crate::formats::open_path(&out.join("story.json"), None).unwrap();
        assert_eq!(reopened.set.span_count(), set.span_count() - 1);
        // A second import does not replace the set, and says it wrote nothing.
        let again = import(&request, &mut |_, _| true);
        assert!(again.failed());
        let rendered = again.render(false);
        assert!(
            rendered.contains("1 failed, 0 spans and 0 relations written"),
            "{rendered}"
        );
    }

    #[test]
    fn a_folder_to_import_never_gives_hidden_files_or_the_corpus_file() {
        let dir = tempfile::tempdir().unwrap();
        let set = fixtures::sample();
        let exported = dir.path().join("exported");
        export_sets(
            ExportFormat::Jsonl,
            &[("story".into(), &set)],
            &exported,
            &ExportOptions::default(),
            &mut |_, _| true,
        );
        std::fs::create_dir(exported.join(".newsmark")).unwrap();
        std::fs::write(exported.join(".newsmark/status.json"), "{}").unwrap();
        std::fs::write(exported.join(super::super::config::CORPUS_FILE), "{}").unwrap();
        let request = ImportRequest {
            inputs: vec![exported],
            out_dir: dir.path().join("imported"),
            options: ImportOptions::default(),
            overwrite: false,
        };
        let report = import(&request, &mut |_, _| true);
        assert!(!report.failed(), "{}", report.render(true));
        let inputs: Vec<String> = report
            .documents
            .iter()
            .map(|d| d.input.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        assert_eq!(inputs, ["doccano.jsonl"]);
    }
}
