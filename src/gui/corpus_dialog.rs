//! File ▸ Export and File ▸ Import: a form, then the corpus job on a background thread with a
//! progress bar and a Cancel button, then the job's report. The work itself is
//! [`crate::corpus`], the same code as `newsmark export` / `newsmark import`.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

use egui::{Id, Modal};

use crate::corpus::{self, CorpusReport, ExportRequest, ImportRequest, SetSelection, WhichSets};
use crate::formats::import::{ImportFormat, ImportOptions};
use crate::formats::registry::{ExportFormat, ExportOptions};
use crate::formats::visible::count;
use crate::model::AnnotationSet;
use crate::model::set::Status;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorpusKind {
    Export,
    Import,
}

struct Job {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    handle: JoinHandle<CorpusReport>,
}

/// What the dialog asks the app to do.
pub enum CorpusAction {
    Open(PathBuf),
}

pub struct CorpusDialog {
    pub kind: CorpusKind,
    pub export_format: ExportFormat,
    pub import_format: Option<ImportFormat>,
    /// Export the set open in the window (otherwise the files and folders in `inputs`).
    pub open_set: bool,
    /// Files or folders, one per line.
    pub inputs: String,
    pub out_dir: String,
    pub include_suggested: bool,
    /// From folders: `all`, `gold` or an annotator's name (as `--sets`).
    pub sets: String,
    /// Only sets in these states (none ticked: any), as `--status`.
    pub statuses: Vec<Status>,
    pub convert_utf16: bool,
    pub as_suggestions: bool,
    job: Option<Job>,
    pub report: Option<CorpusReport>,
    error: Option<String>,
}

impl CorpusDialog {
    pub fn new(kind: CorpusKind, default_out: PathBuf) -> Self {
        Self {
            kind,
            export_format: ExportFormat::Jsonl,
            import_format: None,
            open_set: kind == CorpusKind::Export,
            inputs: String::new(),
            out_dir: default_out.display().to_string(),
            include_suggested: false,
            sets: "all".into(),
            statuses: Vec::new(),
            convert_utf16: true,
            as_suggestions: false,
            job: None,
            report: None,
            error: None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Start the job on a background thread.
    pub fn start(&mut self, open_set: Option<&AnnotationSet>, name: &str) {
        let out_dir = PathBuf::from(self.out_dir.trim());
        if out_dir.as_os_str().is_empty() {
            self.error = Some("Choose an output folder".into());
            return;
        }
        let inputs: Vec<PathBuf> = self
            .inputs
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect();
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (d, t, c) = (done.clone(), total.clone(), cancel.clone());
        let mut progress = move |n: usize, of: usize| {
            d.store(n, Ordering::Relaxed);
            t.store(of, Ordering::Relaxed);
            !c.load(Ordering::Relaxed)
        };
        let handle = match self.kind {
            CorpusKind::Export => {
                let format = self.export_format;
                let options = ExportOptions {
                    include_suggested: self.include_suggested,
                };
                if self.open_set {
                    let Some(set) = open_set.cloned() else {
                        self.error = Some("No set is open".into());
                        return;
                    };
                    let name = name.to_string();
                    std::thread::spawn(move || {
                        corpus::export_sets(
                            format,
                            &[(name, &set)],
                            &out_dir,
                            &options,
                            &mut progress,
                        )
                    })
                } else {
                    if inputs.is_empty() {
                        self.error = Some("List the sets or folders to export".into());
                        return;
                    }
                    let sets = match WhichSets::parse(self.sets.trim()) {
                        Ok(sets) => sets,
                        Err(error) => {
                            self.error = Some(error);
                            return;
                        }
                    };
                    let request = ExportRequest {
                        format,
                        inputs,
                        out_dir,
                        options,
                        selection: SetSelection {
                            sets,
                            statuses: self.statuses.clone(),
                        },
                    };
                    std::thread::spawn(move || corpus::export(&request, &mut progress))
                }
            }
            CorpusKind::Import => {
                if inputs.is_empty() {
                    self.error = Some("List the files or folders to import".into());
                    return;
                }
                let request = ImportRequest {
                    inputs,
                    out_dir,
                    options: ImportOptions {
                        format: self.import_format,
                        convert_utf16: self.convert_utf16,
                        as_suggestions: self.as_suggestions,
                    },
                    overwrite: false,
                };
                std::thread::spawn(move || corpus::import(&request, &mut progress))
            }
        };
        self.error = None;
        self.job = Some(Job {
            done,
            total,
            cancel,
            handle,
        });
    }

    /// Collect a finished job's report. Returns true once it is there.
    pub fn poll(&mut self) -> bool {
        if self.job.as_ref().is_some_and(|j| j.handle.is_finished())
            && let Some(job) = self.job.take()
        {
            match job.handle.join() {
                Ok(report) => self.report = Some(report),
                Err(_) => self.error = Some("The job stopped unexpectedly".into()),
            }
            return true;
        }
        false
    }

    /// Draw the dialog. Returns (keep open, action).
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        open_set: Option<&AnnotationSet>,
        name: &str,
    ) -> (bool, Option<CorpusAction>) {
        self.poll();
        if self.job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut keep_open = true;
        let mut action = None;
        let title = match self.kind {
            CorpusKind::Export => "Export",
            CorpusKind::Import => "Import",
        };
        let running = self.job.is_some();
        let modal = Modal::new(Id::unique(("corpus-dialog", title))).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(title);
            if let Some(job) = &self.job {
                let done = job.done.load(Ordering::Relaxed);
                let total = job.total.load(Ordering::Relaxed).max(1);
                ui.add(
                    egui::ProgressBar::new(done as f32 / total as f32)
                        .text(format!("{done} of {}", count(total, "document", "documents"))),
                );
                if ui.button("Cancel").clicked() {
                    job.cancel.store(true, Ordering::Relaxed);
                }
                return;
            }
            if let Some(report) = &self.report {
                let failed_documents = report.errors.len()
                    + report.documents.iter().filter(|d| d.error.is_some()).count();
                let headline = if report.cancelled {
                    "Cancelled: the documents done so far were written.".to_string()
                } else if failed_documents > 0 {
                    format!(
                        "Finished with failures: {failed_documents} could not be done, {} left out (listed below).",
                        count(report.left_out_count(), "item", "items")
                    )
                } else if report.read_left_out() > 0 {
                    format!(
                        "Finished, incomplete: {}, {} left out, {} of the input that could not be read (listed below).",
                        count(report.documents.len(), "document", "documents"),
                        count(report.left_out_count(), "item", "items"),
                        count(report.read_left_out(), "item", "items")
                    )
                } else {
                    format!(
                        "Done: {}, {} left out (listed below).",
                        count(report.documents.len(), "document", "documents"),
                        count(report.left_out_count(), "item", "items")
                    )
                };
                ui.label(headline);
                ui.label(format!("Written to {}", report.out_dir.display()));
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        ui.label(
                            egui::RichText::new(report.render(true))
                                .monospace()
                                .size(11.0),
                        );
                    });
                ui.horizontal(|ui| {
                    if self.kind == CorpusKind::Import
                        && let Some(first) = report
                            .documents
                            .iter()
                            .find(|d| d.error.is_none())
                            .and_then(|d| d.files.first())
                        && ui.button(format!("Open {}", first.display())).clicked()
                    {
                        let path = if first.is_absolute() {
                            first.clone()
                        } else {
                            report.out_dir.join(first)
                        };
                        action = Some(CorpusAction::Open(path));
                        keep_open = false;
                    }
                    if ui.button("Close").clicked() {
                        keep_open = false;
                    }
                });
                return;
            }
            match self.kind {
                CorpusKind::Export => {
                    egui::ComboBox::from_label("Format")
                        .selected_text(self.export_format.name())
                        .show_ui(ui, |ui| {
                            for format in ExportFormat::ALL {
                                ui.selectable_value(&mut self.export_format, format, format.name());
                            }
                        });
                    if open_set.is_some() {
                        ui.radio_value(&mut self.open_set, true, format!("The open set ({name})"));
                    } else {
                        // Nothing to offer: the sets or folders below are what there is.
                        self.open_set = false;
                        ui.add_enabled(
                            false,
                            egui::RadioButton::new(false, "The open set (no set is open)"),
                        );
                    }
                    ui.radio_value(
                        &mut self.open_set,
                        false,
                        "These sets or folders (one per line):",
                    );
                    if !self.open_set {
                        let label = ui.label("Inputs:");
                        ui.add(
                            egui::TextEdit::multiline(&mut self.inputs)
                                .desired_rows(3)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                        ui.horizontal(|ui| {
                            let label = ui.label("Sets of a corpus folder (all, gold, or a name):");
                            ui.add(egui::TextEdit::singleline(&mut self.sets).desired_width(120.0))
                                .labelled_by(label.id);
                        });
                        ui.horizontal(|ui| {
                            ui.label("Only sets that are:");
                            for status in Status::ALL {
                                let mut on = self.statuses.contains(&status);
                                if ui
                                    .checkbox(&mut on, status.as_str().replace('_', " "))
                                    .changed()
                                {
                                    self.statuses.retain(|s| *s != status);
                                    if on {
                                        self.statuses.push(status);
                                    }
                                }
                            }
                        });
                    }
                    ui.checkbox(
                        &mut self.include_suggested,
                        "Include unreviewed suggestions",
                    );
                }
                CorpusKind::Import => {
                    egui::ComboBox::from_label("Format")
                        .selected_text(
                            self.import_format
                                .map_or("guess from each file", |f| f.name()),
                        )
                        .show_ui(ui, |ui| {
                            ui.selectable_value(
                                &mut self.import_format,
                                None,
                                "guess from each file",
                            );
                            for format in ImportFormat::ALL {
                                ui.selectable_value(
                                    &mut self.import_format,
                                    Some(format),
                                    format.name(),
                                );
                            }
                        });
                    let label = ui.label("Files or folders (one per line):");
                    ui.add(
                        egui::TextEdit::multiline(&mut self.inputs)
                            .desired_rows(3)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                    ui.checkbox(
                        &mut self.convert_utf16,
                        "Convert old Label Studio UTF-16 offsets when the texts say so",
                    );
                    ui.checkbox(
                        &mut self.as_suggestions,
                        "Import annotations as suggestions to review (a model's output)",
                    );
                }
            }
            ui.horizontal(|ui| {
                let label = ui.label("Output folder:");
                ui.add(egui::TextEdit::singleline(&mut self.out_dir).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
            });
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.horizontal(|ui| {
                if ui.button(format!("{title} now")).clicked() {
                    self.start(open_set, name);
                }
                if ui.button("Cancel").clicked() {
                    keep_open = false;
                }
            });
        });
        // Escape closes it as Cancel or Close would; a running job is cancelled by its button.
        if modal.should_close() && !running {
            keep_open = false;
        }
        (keep_open, action)
    }
}
