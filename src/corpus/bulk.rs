//! Work on many documents' sets at once, asked for by the user: "label all in the corpus"
//! (every match of a corpus find becomes a suggestion to review in its document) and
//! suggestions for the whole corpus (the rules and a gazetteer). Each document is one step:
//! its annotator's set is read (or made from the article), the suggestions are added as one
//! edit, and the set is saved atomically. A set that loaded with problems is not written (the
//! user has not agreed to lose what the loader left out); the document the window has open is
//! skipped here and changed through its open set instead, so its undo history and journal see
//! the change.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::Corpus;
use crate::formats;
use crate::model::AnnotationSet;
use crate::model::edit::{self, Edit};
use crate::session;
use crate::suggest;

/// What happened to one document.
#[derive(Clone, Debug, PartialEq)]
pub struct BulkDocument {
    pub article: String,
    /// The set written (or that would have been), relative to the corpus.
    pub set: String,
    /// Suggestions added.
    pub added: usize,
    /// Why nothing was written, if nothing was.
    pub problem: Option<String>,
    /// The set open in the window (`skip`): left to the caller, which changes it through its
    /// open set.
    pub open_elsewhere: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct BulkReport {
    pub documents: Vec<BulkDocument>,
    /// Stopped by the user: the documents listed were done, the rest were not touched.
    pub cancelled: bool,
}

impl BulkReport {
    pub fn added(&self) -> usize {
        self.documents.iter().map(|d| d.added).sum()
    }

    pub fn failed(&self) -> usize {
        self.documents
            .iter()
            .filter(|d| d.problem.is_some())
            .count()
    }

    /// The counts alone, for a status line: "412 suggestions in 37 documents; 2 documents
    /// not changed" (the cancel said first).
    pub fn short_summary(&self) -> String {
        let changed = self.documents.iter().filter(|d| d.added > 0).count();
        let mut out = if self.cancelled {
            // Said first: the counts below are of the documents done before it.
            format!(
                "Cancelled after {} (the rest were not touched): ",
                counted(self.documents.len(), "document")
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{} in {}",
            counted(self.added(), "suggestion"),
            counted(changed, "document")
        ));
        if self.failed() > 0 {
            out.push_str(&format!(
                "; {} not changed",
                counted(self.failed(), "document")
            ));
        }
        out
    }

    /// One line per document not changed, with the reason.
    pub fn not_changed(&self) -> String {
        self.documents
            .iter()
            .filter_map(|d| {
                d.problem
                    .as_ref()
                    .map(|p| format!("{} ({}): {p}", d.article, d.set))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The counts, then one line per document not changed: the whole report as text.
    pub fn summary(&self) -> String {
        let not_changed = self.not_changed();
        if not_changed.is_empty() {
            self.short_summary()
        } else {
            format!("{}:\n{not_changed}", self.short_summary())
        }
    }
}

/// "1 document", "2 documents".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Where `annotator`'s set of document `index` lives (absolute), and that set: the saved one,
/// or a new set over the article with the corpus schema and the annotator's name.
pub fn open_for_annotator(
    corpus: &Corpus,
    index: usize,
    annotator: Option<&str>,
) -> Result<(AnnotationSet, PathBuf), String> {
    let document = corpus
        .documents
        .get(index)
        .ok_or_else(|| format!("no document {index}"))?;
    let relative = corpus.set_path_of(document, annotator);
    let set_path = corpus.root.join(&relative);
    if set_path.exists() {
        let opened = formats::open_path(&set_path, None).map_err(|e| e.to_string())?;
        if !opened.problems.is_empty() {
            return Err(format!(
                "{relative} loaded with {} (first: {}); open it in the window to decide what \
                 to keep",
                crate::formats::visible::count(opened.problems.len(), "problem", "problems"),
                opened.problems[0]
            ));
        }
        return Ok((opened.set, set_path));
    }
    let article = document
        .entry
        .article
        .as_ref()
        .ok_or_else(|| format!("{relative} has no article to start a set from"))?;
    let opened = formats::open_path(&corpus.root.join(article), None).map_err(|e| e.to_string())?;
    let mut set = opened.set;
    let (schema, _) = corpus.config.load_schema(&corpus.root);
    set.schema = schema;
    set.annotator = annotator.map(str::to_string);
    Ok((set, set_path))
}

/// The work to do on one document's set: returns the edit to apply (and its size).
pub type DocumentWork<'a> =
    dyn Fn(usize, &mut AnnotationSet) -> Result<(Edit, usize), String> + Sync + 'a;

/// Run `work` on `documents` (indices into the corpus) for `annotator`, saving each changed
/// set; `skip` names a set path (absolute) not to touch (the one open in the window).
/// Documents are done on every core; the report lists them in the order given.
/// `progress(done, total)` is called after each document; `cancel` stops between documents.
pub fn run(
    corpus: &Corpus,
    documents: &[usize],
    annotator: Option<&str>,
    skip: Option<&Path>,
    work: &DocumentWork<'_>,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> BulkReport {
    let finished = std::sync::atomic::AtomicUsize::new(0);
    let (entries, _) = super::par_map(
        documents,
        0,
        || (),
        |_, _, &index| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let document = corpus.documents.get(index)?;
            let relative = corpus.set_path_of(document, annotator);
            let mut entry = BulkDocument {
                article: document.entry.name(),
                set: relative.clone(),
                added: 0,
                problem: None,
                open_elsewhere: false,
            };
            if skip.is_some_and(|skip| corpus.root.join(&relative) == skip) {
                // Not a failure: the caller changes it through its open set.
                entry.open_elsewhere = true;
            } else {
                // Held while the set is read, changed and written: a set open in another
                // Newsmark window, or with a crash's edits to recover, is left to the window.
                let lock = session::claim_for_unattended_write(&corpus.root.join(&relative))
                    .map_err(|left| left.to_string());
                match lock.and_then(|_lock| {
                    let (mut set, path) = open_for_annotator(corpus, index, annotator)?;
                    let (edit, added) = work(index, &mut set)?;
                    if added > 0 {
                        edit::apply(&mut set, edit).map_err(|e| e.to_string())?;
                        formats::save_set(&mut set, &path).map_err(|e| e.to_string())?;
                    }
                    Ok(added)
                }) {
                    Ok(added) => entry.added = added,
                    Err(problem) => entry.problem = Some(problem),
                }
            }
            progress(
                finished.fetch_add(1, Ordering::Relaxed) + 1,
                documents.len(),
            );
            Some(entry)
        },
    );
    let documents_done: Vec<BulkDocument> = entries.into_iter().flatten().collect();
    BulkReport {
        cancelled: cancel.load(Ordering::Relaxed) && documents_done.len() < documents.len(),
        documents: documents_done,
    }
}

/// Label every match of a corpus find as a suggestion: `matches` are (document index, ranges).
#[allow(clippy::too_many_arguments)] // the matches, what to add, whose, and the job's controls
pub fn label_matches(
    corpus: &Corpus,
    matches: &[(usize, Vec<Range<usize>>)],
    label: &str,
    query: &str,
    annotator: Option<&str>,
    skip: Option<&Path>,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> BulkReport {
    let documents: Vec<usize> = matches.iter().map(|(index, _)| *index).collect();
    let work = |index: usize, set: &mut AnnotationSet| {
        if set.schema.label(label).is_none() {
            return Err(format!("the set's schema has no label {label}"));
        }
        let ranges = matches
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, ranges)| ranges.as_slice())
            .unwrap_or(&[]);
        let len = set.text().char_len();
        if let Some(bad) = ranges.iter().find(|r| r.end > len) {
            return Err(format!(
                "the set's text is shorter than the article ({len} characters, a match ends at \
                 {}): re-anchor it first",
                bad.end
            ));
        }
        Ok(super::find::suggest_matches(set, ranges, label, query))
    };
    run(corpus, &documents, annotator, skip, &work, progress, cancel)
}

/// Rule-based suggestions (and a gazetteer, if given) for every document with an article.
pub fn suggest_all(
    corpus: &Corpus,
    options: &suggest::Options,
    annotator: Option<&str>,
    skip: Option<&Path>,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> BulkReport {
    let documents: Vec<usize> = (0..corpus.documents.len())
        .filter(|&i| corpus.documents[i].entry.article.is_some())
        .collect();
    let work = |_: usize, set: &mut AnnotationSet| {
        let suggestions = suggest::suggest(set, options);
        let added = suggestions.spans.values().sum::<usize>()
            + suggestions.relations.values().sum::<usize>();
        Ok((suggestions.edit, added))
    };
    run(corpus, &documents, annotator, skip, &work, progress, cancel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::OpenOptions;
    use crate::corpus::find::{CorpusFindOptions, find_in_corpus};
    use crate::model::{Review, Span};
    use crate::storage;

    fn corpus_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            let path = dir.path().join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::write(path, text).expect("write");
        }
        dir
    }

    #[test]
    fn label_all_in_the_corpus_adds_suggestions_per_document() {
        let dir = corpus_with(&[
            ("a.txt", "Ana Lima met Ana Lima’s aide in Zürich."),
            ("sub/b.txt", "Nobody here."),
            ("sub/c.txt", "Then Ana Lima left."),
        ]);
        let corpus = Corpus::open(dir.path(), &OpenOptions::without_cache()).expect("corpus");
        let cancel = AtomicBool::new(false);
        let results = find_in_corpus(&corpus, "Ana Lima", &CorpusFindOptions::default(), &cancel);
        let matches: Vec<(usize, Vec<Range<usize>>)> = results
            .documents
            .iter()
            .map(|d| (d.document_index, d.ranges.clone()))
            .collect();
        let report = label_matches(
            &corpus,
            &matches,
            "PERSON",
            "Ana Lima",
            Some("ana"),
            None,
            &|_, _| {},
            &cancel,
        );
        assert_eq!(report.added(), 3, "{}", report.summary());
        assert_eq!(report.failed(), 0);
        let saved = formats::open_path(&dir.path().join("a.ana.json"), None).expect("saved");
        let spans: Vec<&Span> = saved.set.spans_ordered().collect();
        assert_eq!(spans.len(), 2);
        assert!(spans.iter().all(|s| s.review == Review::Suggested));
        assert_eq!(spans[0].origin.as_deref(), Some("find:Ana Lima"));
        assert_eq!(saved.set.span_text(spans[1]), "Ana Lima");
        assert_eq!(saved.set.annotator.as_deref(), Some("ana"));
        assert!(
            !dir.path().join("sub/b.ana.json").exists(),
            "no match, no file"
        );
        // Again: nothing new is added.
        let corpus = Corpus::open(dir.path(), &OpenOptions::without_cache()).expect("corpus");
        let again = label_matches(
            &corpus,
            &matches,
            "PERSON",
            "Ana Lima",
            Some("ana"),
            None,
            &|_, _| {},
            &cancel,
        );
        assert_eq!(again.added(), 0);
    }

    #[test]
    fn a_set_with_problems_and_the_open_set_are_not_written() {
        let dir = corpus_with(&[("a.txt", "Ana Lima spoke."), ("b.txt", "Ana Lima again.")]);
        std::fs::write(dir.path().join("a.json"), "{ not json").expect("write");
        let corpus = Corpus::open(dir.path(), &OpenOptions::without_cache()).expect("corpus");
        let cancel = AtomicBool::new(false);
        #[allow(clippy::single_range_in_vec_init)]
        let matches = vec![(0, vec![0..8]), (1, vec![0..8])];
        let open_in_window = dir.path().join("b.json");
        let report = label_matches(
            &corpus,
            &matches,
            "PERSON",
            "Ana Lima",
            None,
            Some(&open_in_window),
            &|_, _| {},
            &cancel,
        );
        assert_eq!(report.added(), 0);
        assert_eq!(report.failed(), 1, "{}", report.summary());
        // The open set is the caller's to change, not a failure.
        assert!(report.documents[1].open_elsewhere && report.documents[1].problem.is_none());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.json")).expect("read"),
            "{ not json"
        );
        assert!(!open_in_window.exists());
    }

    /// "Ana Lima" (0..8) labelled PERSON in documents 0 and 1 (a.txt, b.txt) of the corpus
    /// at `root`, for no annotator.
    fn label_ana_lima_in_a_and_b(root: &Path) -> BulkReport {
        let corpus = Corpus::open(root, &OpenOptions::without_cache()).expect("corpus");
        let cancel = AtomicBool::new(false);
        #[allow(clippy::single_range_in_vec_init)]
        let matches = vec![(0, vec![0..8]), (1, vec![0..8])];
        label_matches(
            &corpus,
            &matches,
            "PERSON",
            "Ana Lima",
            None,
            None,
            &|_, _| {},
            &cancel,
        )
    }

    #[test]
    fn a_set_open_in_another_window_is_left_to_it_and_no_lock_is_left_behind() {
        let dir = corpus_with(&[("a.txt", "Ana Lima spoke."), ("b.txt", "Ana Lima again.")]);
        // Another window (a live process on this machine) has a.json open.
        let a_lock = storage::hold_lock_elsewhere(&dir.path().join("a.json"));
        let report = label_ana_lima_in_a_and_b(dir.path());
        assert_eq!(
            (report.added(), report.failed()),
            (1, 1),
            "{}",
            report.summary()
        );
        let problem = report.documents[0].problem.as_deref().expect("refused");
        assert!(
            problem.contains("another Newsmark window") && problem.contains("process 1"),
            "{problem}"
        );
        assert!(
            !dir.path().join("a.json").exists(),
            "the other window's set is not written"
        );
        assert!(dir.path().join("b.json").exists());
        assert!(a_lock.exists(), "the other window keeps its lock");
        assert!(
            !storage::lock_path(&dir.path().join("b.json")).exists(),
            "the lock taken for b.json is released"
        );
    }

    #[test]
    fn a_set_with_a_crash_journal_keeps_it_for_the_window() {
        let dir = corpus_with(&[("a.txt", "Ana Lima spoke."), ("b.txt", "Ana Lima again.")]);
        // A window saved a.json, added a span, and died: its journal holds the span.
        let a_json = dir.path().join("a.json");
        let options = crate::session::OpenOptions::default();
        let mut doc = crate::session::OpenSet::open(&dir.path().join("a.txt"), &options)
            .expect("open")
            .doc;
        doc.save(false).expect("save");
        doc.apply(Edit::AddSpan(Span::new(
            crate::model::SpanId(1),
            "GPE",
            9..14,
        )))
        .expect("edit");
        std::mem::forget(doc);
        std::fs::remove_file(storage::lock_path(&a_json)).expect("the window's lock went");
        let before = std::fs::read(&a_json).expect("saved");
        let report = label_ana_lima_in_a_and_b(dir.path());
        assert_eq!(
            (report.added(), report.failed()),
            (1, 1),
            "{}",
            report.summary()
        );
        let problem = report.documents[0].problem.as_deref().expect("left alone");
        assert!(
            problem.contains("a crash left 1 unsaved edit in"),
            "{problem}"
        );
        assert_eq!(std::fs::read(&a_json).expect("read"), before);
        let info = crate::journal::find_for(&a_json).expect("the journal is kept");
        assert_eq!(info.edits, 1);
    }

    #[test]
    fn suggesting_the_corpus_can_be_cancelled_between_documents() {
        let dir = corpus_with(&[
            ("a.txt", "“We will stay,” said Ana Lima.\n"),
            ("b.txt", "“We will go,” said Rui Costa.\n"),
        ]);
        let corpus = Corpus::open(dir.path(), &OpenOptions::without_cache()).expect("corpus");
        let cancel = AtomicBool::new(false);
        let progress = |done: usize, _total: usize| {
            if done == 1 {
                cancel.store(true, Ordering::Relaxed);
            }
        };
        let report = suggest_all(
            &corpus,
            &suggest::Options::default(),
            None,
            None,
            &progress,
            &cancel,
        );
        assert!(report.cancelled);
        assert_eq!(report.documents.len(), 1);
        assert!(report.added() > 0, "{}", report.summary());
        assert!(dir.path().join("a.json").exists());
        assert!(!dir.path().join("b.json").exists());
    }
}
