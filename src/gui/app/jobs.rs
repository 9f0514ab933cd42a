//! Work on the whole corpus that takes seconds (find in every article, suggestions for every
//! document) runs on a thread of its own, over a copy of the corpus index, while the window
//! stays responsive: a progress bar and Cancel show in a small window, the result is taken
//! in when the thread sends it. One job at a time. The document open in the window is never
//! written by the thread: its share of the work is applied through its open set when the
//! job ends, as one undoable edit.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::NewsmarkApp;
use crate::corpus::bulk::{self, BulkReport};
use crate::corpus::find::{CorpusFindOptions, FindResults, find_in_corpus, suggest_matches};
use crate::gui::settings::annotator_option;
use crate::gui::workspace::documents::thousands;
use crate::suggest::{self, gazetteer};

/// What a finished job hands back.
pub enum JobResult {
    Find {
        query: String,
        results: FindResults,
        millis: f64,
    },
    Suggest(BulkReport),
    LabelAll {
        report: BulkReport,
        label: String,
        query: String,
        /// The matches, per document (index into the corpus), as sent.
        matches: Vec<(usize, Vec<Range<usize>>)>,
        /// The document open in the window (not written by the thread).
        open_document: Option<usize>,
    },
}

/// A job running on its thread.
pub struct Job {
    pub title: String,
    pub done: Arc<AtomicUsize>,
    pub total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    result: Receiver<JobResult>,
    pub started: Instant,
}

impl Job {
    /// Start `work` on a new thread; it gets the progress callback (done, total) the core's
    /// corpus functions take, and the cancel flag.
    fn spawn(
        ctx: &egui::Context,
        title: String,
        work: impl FnOnce(&(dyn Fn(usize, usize) + Sync), &AtomicBool) -> JobResult + Send + 'static,
    ) -> Self {
        let (done, total) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, result) = channel();
        let (d, t, c, waker) = (done.clone(), total.clone(), cancel.clone(), ctx.clone());
        std::thread::spawn(move || {
            let progress = |n: usize, of: usize| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
            };
            let _ = tx.send(work(&progress, &c));
            waker.request_repaint();
        });
        Self {
            title,
            done,
            total,
            cancel,
            result,
            started: Instant::now(),
        }
    }

    /// Ask the thread to stop (between documents; what is done stays done).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A job whose window goes away (another corpus opened, the window closed) is cancelled:
/// the thread stops between documents instead of working on for nobody.
impl Drop for Job {
    fn drop(&mut self) {
        self.cancel();
    }
}

impl NewsmarkApp {
    fn job_running(&mut self) -> bool {
        let running = self.workspace.as_ref().is_some_and(|w| w.job.is_some());
        if running {
            self.info("Another corpus job is running: wait for it, or cancel it");
        }
        running
    }

    /// Search every article for the find panel's query, on a thread.
    pub(super) fn start_corpus_find(&mut self, ctx: &egui::Context) {
        if self.job_running() {
            return;
        }
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let Some(panel) = &mut workspace.find else {
            return;
        };
        let query = panel.query.clone();
        let options = CorpusFindOptions {
            find: crate::model::find::FindOptions {
                match_case: panel.case_sensitive,
                whole_words: panel.whole_word,
            },
            ..CorpusFindOptions::default()
        };
        let corpus = workspace.corpus.clone();
        workspace.job = Some(Job::spawn(
            ctx,
            format!(
                "Finding \u{201c}{query}\u{201d} in {} {}",
                thousands(corpus.documents.len()),
                if corpus.documents.len() == 1 {
                    "article"
                } else {
                    "articles"
                }
            ),
            move |progress, cancel| {
                progress(0, corpus.documents.len());
                let started = Instant::now();
                let results = find_in_corpus(&corpus, &query, &options, cancel);
                JobResult::Find {
                    query,
                    results,
                    millis: started.elapsed().as_secs_f64() * 1000.0,
                }
            },
        ));
    }

    /// Suggestions → Suggest for the whole corpus: the rules and the corpus's gazetteer
    /// (`newsmark.gazetteer.tsv` or `gazetteer.txt` at its root) on every document, on a
    /// thread; each set is saved as it is done. The document open here gets its suggestions
    /// through its open set at the end.
    pub(super) fn start_corpus_suggestions(&mut self, ctx: &egui::Context) {
        if self.job_running() {
            return;
        }
        let annotator = self.settings.annotator.clone();
        let open_here = self.open_set_target();
        let Some(workspace) = &mut self.workspace else {
            return self.error("No corpus is open (File > Open folder…)");
        };
        let mut options = suggest::Options::default();
        if let Some(path) = gazetteer::beside(&workspace.corpus.root) {
            match gazetteer::Gazetteer::read_file(&path) {
                Ok(list) => options.gazetteer = Some(list),
                Err(error) => {
                    let message = format!("{error}. Nothing was suggested.");
                    return self.error_dialog("The gazetteer has problems", message);
                }
            }
        }
        let corpus = workspace.corpus.clone();
        workspace.job = Some(Job::spawn(
            ctx,
            format!(
                "Suggestions for {} {}",
                thousands(corpus.documents.len()),
                if corpus.documents.len() == 1 {
                    "document"
                } else {
                    "documents"
                }
            ),
            move |progress, cancel| {
                JobResult::Suggest(bulk::suggest_all(
                    &corpus,
                    &options,
                    annotator_option(&annotator),
                    open_here.as_deref(),
                    progress,
                    cancel,
                ))
            },
        ));
    }

    /// "Label all in the corpus": every hit of the last search becomes a `label` suggestion,
    /// in each document's set on a thread (the user saw the count per document first), and
    /// in the document open here through its open set when the thread is done.
    pub(super) fn start_label_all(&mut self, ctx: &egui::Context, label: &str) {
        if self.job_running() {
            return;
        }
        let annotator = self.settings.annotator.clone();
        let open_here = self.open_set_target();
        let Some(workspace) = &mut self.workspace else {
            return;
        };
        let Some(panel) = &workspace.find else { return };
        let query = panel.searched.clone().unwrap_or_default();
        let mut matches: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
        for hit in &panel.hits {
            match matches.last_mut() {
                Some((document, ranges)) if *document == hit.document_index => {
                    ranges.push(hit.range.clone())
                }
                _ => matches.push((hit.document_index, vec![hit.range.clone()])),
            }
        }
        let open_document = workspace.current.and_then(|row| workspace.document_of(row));
        let corpus = workspace.corpus.clone();
        let label = label.to_string();
        workspace.job = Some(Job::spawn(
            ctx,
            format!(
                "Adding {label} suggestions in {} {}",
                thousands(matches.len()),
                if matches.len() == 1 {
                    "document"
                } else {
                    "documents"
                }
            ),
            move |progress, cancel| {
                let report = bulk::label_matches(
                    &corpus,
                    &matches,
                    &label,
                    &query,
                    annotator_option(&annotator),
                    open_here.as_deref(),
                    progress,
                    cancel,
                );
                JobResult::LabelAll {
                    report,
                    label,
                    query,
                    matches,
                    open_document,
                }
            },
        ));
    }

    /// Where the open document's set belongs (its corpus place, else its save path).
    fn open_set_target(&self) -> Option<std::path::PathBuf> {
        self.workspace
            .as_ref()
            .and_then(|w| w.target.clone())
            .or_else(|| self.doc.as_ref().map(|d| d.save_path().to_path_buf()))
    }

    /// Once per frame: the job's window (progress, Cancel), and its result when it is done.
    pub(super) fn job_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = self.workspace.as_ref().and_then(|w| w.job.as_ref()) else {
            return;
        };
        match job.result.try_recv() {
            Ok(result) => {
                if let Some(workspace) = &mut self.workspace {
                    workspace.job = None;
                }
                return self.job_finished(result);
            }
            Err(TryRecvError::Disconnected) => {
                if let Some(workspace) = &mut self.workspace {
                    workspace.job = None;
                }
                return self.error("The corpus job stopped without a result");
            }
            Err(TryRecvError::Empty) => {}
        }
        let (done, total) = (
            job.done.load(Ordering::Relaxed),
            job.total.load(Ordering::Relaxed),
        );
        let mut cancel = false;
        egui::Window::new("Working")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -36.0])
            .show(ctx, |ui| {
                ui.label(&job.title);
                let fraction = if total == 0 {
                    0.0
                } else {
                    done as f32 / total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(280.0)
                        .text(format!(
                            "{done} of {total} · {:.0} s",
                            job.started.elapsed().as_secs_f64()
                        )),
                );
                let label = if job.is_cancelled() {
                    "Cancelling…"
                } else {
                    "Cancel"
                };
                cancel = ui.button(label).clicked();
            });
        if cancel {
            job.cancel();
        }
        ctx.request_repaint_after(Duration::from_millis(100));
    }

    fn job_finished(&mut self, result: JobResult) {
        match result {
            JobResult::Find {
                query,
                results,
                millis,
            } => {
                let cancelled = results.cancelled;
                if let Some(panel) = self.workspace.as_mut().and_then(|w| w.find.as_mut()) {
                    panel.millis = Some(millis);
                    panel.hits = results.hits;
                    panel.problems = results.problems;
                    panel.stopped_at_limit = results.stopped_at_limit;
                    panel.searched = Some(query);
                    panel.current = None;
                }
                if cancelled {
                    self.info(
                        "Find in corpus cancelled: the hits listed are from the articles searched",
                    );
                }
            }
            JobResult::LabelAll {
                report,
                label,
                query,
                matches,
                open_document,
            } => {
                let mut summary = report.short_summary();
                self.show_not_changed("Label all: documents not changed", &report);
                if let (Some(doc), Some(document)) = (&mut self.doc, open_document)
                    && let Some((_, ranges)) = matches.iter().find(|(d, _)| *d == document)
                {
                    let mut set = doc.set().clone();
                    let (edit, added) = suggest_matches(&mut set, ranges, &label, &query);
                    if added > 0 {
                        match doc.apply(edit) {
                            Ok(_) => summary.push_str(&format!("; {added} in the open document")),
                            Err(error) => {
                                summary.push_str(&format!("; the open document: {error}"))
                            }
                        }
                    }
                }
                let annotator = self.settings.annotator.clone();
                if let Some(workspace) = &mut self.workspace {
                    for (document, _) in matches.iter().rev() {
                        workspace.corpus.refresh(*document);
                    }
                    workspace.rebuild(&annotator);
                }
                self.info(summary);
            }
            JobResult::Suggest(report) => {
                let mut summary = report.short_summary();
                self.show_not_changed("Suggestions: documents not changed", &report);
                // The open document's share, through its open set (one undoable edit).
                if !report.cancelled
                    && let Some(doc) = &mut self.doc
                {
                    match doc.open.suggest() {
                        Ok(done) => summary.push_str(&format!(
                            "; {} in the open document",
                            done.spans + done.relations
                        )),
                        Err(error) => summary.push_str(&format!("; the open document: {error}")),
                    }
                }
                self.reload_corpus();
                self.info(summary);
            }
        }
    }

    /// The documents a corpus job left alone, in a report window beside the work.
    fn show_not_changed(&mut self, title: &str, report: &BulkReport) {
        if report.failed() > 0 {
            self.report = Some(super::dialogs::Report::NotChanged {
                title: title.to_string(),
                text: report.not_changed(),
            });
        }
    }
}
