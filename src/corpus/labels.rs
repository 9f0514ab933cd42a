//! A label change for a whole corpus (the labels editor): the corpus schema and every set of
//! the corpus follow one [`LabelChange`] in one step, with a report. A rename relabels every
//! span of the old name, a removal deletes those spans and their links
//! ([`crate::model::schema_edit`]); colours, hotkeys, descriptions and attributes change the
//! schema each set carries, so every window shows the same labels.
//!
//! Before anything is written the change is checked against the corpus schema, and what it
//! touches is counted from the corpus index ([`impact`]: no file is read). Then the schema
//! file is written atomically, and each set is read, changed and written atomically after
//! checking it is still the file just read. A set that loads only with problems, or changed
//! on disk meanwhile, is not written (the user has not agreed to lose what the loader left
//! out); it is named in the report with the reason.

use std::path::{Path, PathBuf};

use super::Corpus;
use crate::formats;
use crate::formats::visible::count;
use crate::model::schema::Schema;
use crate::model::schema_edit::{self, LabelChange, LabelChangeError};
use crate::storage;

/// What a change touches, counted from the corpus index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Impact {
    /// Spans with the label (renamed or removed).
    pub spans: usize,
    /// Documents (articles) with at least one such span.
    pub documents: usize,
    /// Sets holding them.
    pub sets: usize,
}

/// What applying a change did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelReport {
    /// The change, in words ("rename PER to PERSON").
    pub change: String,
    /// The schema file written.
    pub schema_path: PathBuf,
    /// Sets written (relative to the corpus), with the spans each had touched.
    pub written: Vec<(String, usize)>,
    /// Links removed with the spans they joined (a removal), over all sets written.
    pub links_removed: usize,
    /// Sets left as they were, with the reason (relative to the corpus).
    pub not_written: Vec<(String, String)>,
}

impl LabelReport {
    /// Spans renamed or removed in the sets written.
    pub fn spans(&self) -> usize {
        self.written.iter().map(|(_, n)| n).sum()
    }

    /// Documents whose spans changed.
    pub fn documents_touched(&self) -> usize {
        self.written.iter().filter(|(_, n)| *n > 0).count()
    }

    /// One paragraph: what was done, then one line per set not written.
    pub fn summary(&self) -> String {
        let links = match self.links_removed {
            0 => String::new(),
            n => format!(" (and {} joined to them)", count(n, "link", "links")),
        };
        // Spans are counted only when the change touched some (a rename or removal).
        let spans = if self.spans() == 0 && self.links_removed == 0 {
            String::new()
        } else {
            format!(
                " {}{links} in {};",
                count(self.spans(), "span", "spans"),
                count(self.documents_touched(), "set", "sets")
            )
        };
        let mut text = format!(
            "{}:{spans} {} and {} written.",
            capitalised(&self.change),
            self.schema_path.display(),
            count(self.written.len(), "set", "sets")
        );
        for (set, reason) in &self.not_written {
            text.push_str(&format!("\nNot written: {set}: {reason}"));
        }
        text
    }
}

/// The spans, documents and sets `change` touches (0 for changes that leave spans alone).
pub fn impact(corpus: &Corpus, change: &LabelChange) -> Impact {
    let mut impact = Impact::default();
    if !change.touches_spans() {
        return impact;
    }
    let label = change.label();
    for document in &corpus.documents {
        let mut in_document = 0;
        for set in &document.sets {
            let n = set.labels.get(label).copied().unwrap_or(0);
            if n > 0 {
                impact.sets += 1;
                in_document += n;
            }
        }
        if in_document > 0 {
            impact.documents += 1;
            impact.spans += in_document;
        }
    }
    impact
}

/// The corpus schema after `change`, or why the change is refused (nothing written).
pub fn check(corpus: &Corpus, change: &LabelChange) -> Result<Schema, LabelChangeError> {
    let (schema, _) = corpus.config.load_schema(&corpus.root);
    schema_edit::apply_to_schema(&schema, change)
}

/// Where the corpus schema is written: the file in force, else `newsmark.schema.json` at the
/// root (which the corpus then reads).
pub fn schema_path(corpus: &Corpus) -> PathBuf {
    corpus
        .config
        .schema_path(&corpus.root)
        .unwrap_or_else(|| corpus.root.join(formats::PROJECT_SCHEMA_FILE))
}

/// Apply `change` to the corpus schema and every set of the corpus. Refused before anything is
/// written when the corpus schema does not take it. The caller reloads what it shows (the
/// list, an open document) afterwards.
pub fn apply(corpus: &Corpus, change: &LabelChange) -> Result<LabelReport, ApplyError> {
    let schema = check(corpus, change)?;
    // Every set is claimed before anything is written, and held to the end: a set open in
    // another window, or with a crash's edits to recover, stops the whole change, so the
    // corpus is never left half changed (its schema without the label, a set still with it).
    let mut held = Vec::new();
    let mut busy = Vec::new();
    for set in corpus.documents.iter().flat_map(|d| &d.sets) {
        if set.unreadable || !set.problems.is_empty() {
            busy.push(format!(
                "{}: it has {} ({}); open it and save it repaired",
                set.path,
                count(set.problems.len().max(1), "problem", "problems"),
                set.problems.first().map_or("unreadable", String::as_str)
            ));
        }
    }
    for relative in corpus.set_paths() {
        match crate::session::claim_for_unattended_write(&corpus.path(relative)) {
            Ok(lock) => held.push(lock),
            Err(left) => busy.push(format!("{relative}: {left}")),
        }
    }
    if !busy.is_empty() {
        return Err(ApplyError::Busy(busy));
    }
    let schema_path = schema_path(corpus);
    let mut json = serde_json::to_string_pretty(&schema).map_err(|e| ApplyError::Schema {
        path: schema_path.clone(),
        reason: e.to_string(),
    })?;
    json.push('\n');
    storage::write_atomic(&schema_path, json.as_bytes()).map_err(|e| ApplyError::Schema {
        path: schema_path.clone(),
        reason: e.to_string(),
    })?;
    let mut report = LabelReport {
        change: change.describe(),
        schema_path,
        ..LabelReport::default()
    };
    for relative in corpus.set_paths() {
        let path = corpus.path(relative);
        match apply_to_file(&path, change) {
            Ok(Some((touched, links))) => {
                report.written.push((relative.to_string(), touched));
                report.links_removed += links;
            }
            Ok(None) => {}
            Err(reason) => report.not_written.push((relative.to_string(), reason)),
        }
    }
    drop(held);
    Ok(report)
}

/// Why a change was not applied at all.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("the change was refused, nothing was written: {0}")]
    Refused(#[from] LabelChangeError),
    #[error("the corpus schema {path} could not be written ({reason}); no set was changed")]
    Schema { path: PathBuf, reason: String },
    #[error(
        "nothing was changed: {} be written now (close {them} in the other window, or open \
         {them} to restore or discard a crash's edits, then apply it again): {}",
        count(.0.len(), "set cannot", "sets cannot"),
        .0.join("; "),
        them = if .0.len() == 1 { "it" } else { "them" }
    )]
    Busy(Vec<String>),
}

/// Change one set file: the spans touched and the links removed with them. `Ok(None)`: the
/// change does not concern this set (its own schema has no such label, or already the new
/// one), nothing written.
/// The caller holds the set's lock.
fn apply_to_file(path: &Path, change: &LabelChange) -> Result<Option<(usize, usize)>, String> {
    let opened = formats::open_path(path, None).map_err(|e| e.to_string())?;
    if !opened.problems.is_empty() {
        return Err(format!(
            "it loads with {}; open it and save it repaired, then apply the change again",
            count(opened.problems.len(), "problem", "problems")
        ));
    }
    let mut set = opened.set;
    let new_schema = match schema_edit::apply_to_schema(&set.schema, change) {
        Ok(schema) => schema,
        Err(LabelChangeError::NoSuchLabel(_)) => return Ok(None),
        Err(error) => return Err(format!("its own schema does not take it ({error})")),
    };
    if new_schema == set.schema {
        return Ok(None);
    }
    let links_before = set.relation_count();
    let touched =
        schema_edit::apply_to_set(&mut set, change, &new_schema).map_err(|e| e.to_string())?;
    let links_removed = links_before.saturating_sub(set.relation_count());
    storage::check_unchanged(path, opened.save_fingerprint.as_ref())
        .map_err(|conflict| format!("{conflict}; left as it is"))?;
    formats::save_set(&mut set, path).map_err(|e| e.to_string())?;
    Ok(Some((touched, links_removed)))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::corpus::OpenOptions;
    use crate::model::edit::{self, Edit};
    use crate::model::{AnnotationSet, Document, Span, SpanId};

    fn set_with(dir: &Path, name: &str, text: &str, spans: &[(&str, std::ops::Range<usize>)]) {
        let mut set = AnnotationSet::new(Document::new(text), Schema::default());
        let edits = spans
            .iter()
            .enumerate()
            .map(|(i, (label, range))| {
                Edit::AddSpan(Span::new(SpanId(i as u64 + 1), *label, range.clone()))
            })
            .collect();
        edit::apply(&mut set, Edit::Batch(edits)).unwrap();
        formats::save_set(&mut set, &dir.join(name)).unwrap();
    }

    #[test]
    fn a_rename_counts_first_then_changes_the_schema_and_every_set() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let a = "Ana Lúcia met Ben Okafor in Zürich.\n";
        std::fs::write(root.join("a.txt"), a).unwrap();
        set_with(
            root,
            "a.ana.json",
            a,
            &[("PERSON", 0..9), ("PERSON", 14..24), ("GPE", 28..34)],
        );
        set_with(root, "a.ben.json", a, &[("PERSON", 0..9)]);
        let b = "The port reopened.\n";
        std::fs::write(root.join("b.txt"), b).unwrap();
        set_with(root, "b.json", b, &[("ORG", 4..8)]);
        std::fs::write(root.join("c.txt"), b).unwrap();
        std::fs::write(root.join("c.json"), "{ broken").unwrap();
        let corpus = Corpus::open(root, &OpenOptions::without_cache()).unwrap();

        let change = LabelChange::Rename {
            from: "PERSON".into(),
            to: "PER".into(),
        };
        assert_eq!(
            impact(&corpus, &change),
            Impact {
                spans: 3,
                documents: 1,
                sets: 2
            }
        );
        // The broken set stops the whole change before anything is written (the corpus is
        // never left half renamed), and is named.
        let untouched = std::fs::read(root.join("c.json")).unwrap();
        let ana_before = std::fs::read(root.join("a.ana.json")).unwrap();
        match apply(&corpus, &change) {
            Err(ApplyError::Busy(sets)) => {
                assert_eq!(sets.len(), 1, "{sets:?}");
                assert!(sets[0].starts_with("c.json: "), "{sets:?}");
            }
            other => panic!("not refused: {other:?}"),
        }
        assert!(!root.join("newsmark.schema.json").exists());
        assert_eq!(std::fs::read(root.join("a.ana.json")).unwrap(), ana_before);
        assert_eq!(std::fs::read(root.join("c.json")).unwrap(), untouched);
        // Repaired (here: a set of its own again), the change goes through everywhere.
        set_with(root, "c.json", b, &[("PERSON", 4..8)]);
        let corpus = Corpus::open(root, &OpenOptions::without_cache()).unwrap();
        let report = apply(&corpus, &change).unwrap();
        assert_eq!(report.spans(), 4);
        assert_eq!(report.schema_path, root.join("newsmark.schema.json"));
        let schema = Schema::from_json(&std::fs::read_to_string(&report.schema_path).unwrap());
        let schema = schema.unwrap();
        assert!(schema.label("PER").is_some() && schema.label("PERSON").is_none());
        let ana = formats::open_path(&root.join("a.ana.json"), None).unwrap();
        assert!(ana.problems.is_empty(), "{:?}", ana.problems);
        let labels: Vec<_> = ana.set.spans_ordered().map(|s| s.label.clone()).collect();
        assert_eq!(labels, ["PER", "PER", "GPE"]);
        // b's set has no PERSON span but carries the schema: it is rewritten with the new name.
        let b_set = formats::open_path(&root.join("b.json"), None).unwrap().set;
        assert!(b_set.schema.label("PER").is_some());
        assert!(
            report
                .summary()
                .contains("Rename PERSON to PER: 4 spans in 3 sets;"),
            "{}",
            report.summary()
        );
        assert!(report.not_written.is_empty(), "{}", report.summary());
    }

    #[test]
    fn a_set_open_in_another_window_stops_the_whole_change_and_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let a = "Ana met Ben.\n";
        std::fs::write(root.join("a.txt"), a).unwrap();
        set_with(root, "a.ana.json", a, &[("PERSON", 0..3)]);
        set_with(root, "a.ben.json", a, &[("PERSON", 8..11)]);
        storage::hold_lock_elsewhere(&root.join("a.ben.json"));
        let before = std::fs::read(root.join("a.ben.json")).unwrap();
        let corpus = Corpus::open(root, &OpenOptions::without_cache()).unwrap();
        let change = LabelChange::Rename {
            from: "PERSON".into(),
            to: "PER".into(),
        };
        let ana_before = std::fs::read(root.join("a.ana.json")).unwrap();
        let refused = apply(&corpus, &change).unwrap_err();
        let ApplyError::Busy(sets) = &refused else {
            panic!("{refused}");
        };
        assert_eq!(sets.len(), 1, "{sets:?}");
        assert!(sets[0].starts_with("a.ben.json: "), "{sets:?}");
        assert!(
            refused.to_string().contains("another Newsmark window"),
            "{refused}"
        );
        assert!(
            refused.to_string().starts_with("nothing was changed"),
            "{refused}"
        );
        // Nothing written, and the locks taken for the check are let go.
        assert!(!root.join("newsmark.schema.json").exists());
        assert_eq!(std::fs::read(root.join("a.ben.json")).unwrap(), before);
        assert_eq!(std::fs::read(root.join("a.ana.json")).unwrap(), ana_before);
        assert!(!storage::lock_path(&root.join("a.ana.json")).exists());
    }

    #[test]
    fn a_removal_reports_the_links_it_took_with_its_spans() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let a = "\u{201c}We stay,\u{201d} said Ana.\n";
        std::fs::write(root.join("a.txt"), a).unwrap();
        let mut set = AnnotationSet::new(Document::new(a), Schema::default());
        let edits = vec![
            Edit::AddSpan(Span::new(SpanId(1), "QUOTE", 0..10)),
            Edit::AddSpan(Span::new(SpanId(2), "PERSON", 16..19)),
            Edit::AddRelation(crate::model::Relation {
                id: crate::model::RelationId(1),
                label: "said_by".into(),
                from: SpanId(1),
                to: SpanId(2),
                origin: None,
                review: Default::default(),
            }),
        ];
        edit::apply(&mut set, Edit::Batch(edits)).unwrap();
        formats::save_set(&mut set, &root.join("a.json")).unwrap();
        let corpus = Corpus::open(root, &OpenOptions::without_cache()).unwrap();
        let change = LabelChange::Remove {
            label: "PERSON".into(),
        };
        let report = apply(&corpus, &change).unwrap();
        assert_eq!((report.spans(), report.links_removed), (1, 1));
        assert!(
            report
                .summary()
                .contains("1 span (and 1 link joined to them) in 1 set;"),
            "{}",
            report.summary()
        );
        let after = formats::open_path(&root.join("a.json"), None).unwrap();
        assert!(after.problems.is_empty(), "{:?}", after.problems);
        assert_eq!((after.set.span_count(), after.set.relation_count()), (1, 0));
    }

    #[test]
    fn a_refused_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let a = "Ana met Ben.\n";
        std::fs::write(root.join("a.txt"), a).unwrap();
        set_with(root, "a.json", a, &[("PERSON", 0..3)]);
        let before = std::fs::read(root.join("a.json")).unwrap();
        let corpus = Corpus::open(root, &OpenOptions::without_cache()).unwrap();
        let change = LabelChange::Rename {
            from: "PERSON".into(),
            to: "ORG".into(),
        };
        assert!(matches!(
            apply(&corpus, &change),
            Err(ApplyError::Refused(_))
        ));
        assert!(!root.join("newsmark.schema.json").exists());
        assert_eq!(std::fs::read(root.join("a.json")).unwrap(), before);
    }
}
