//! The corpus in numbers: documents per state, spans per label, work per annotator and
//! progress over time (from the sets' `modified` times), each exportable as CSV.
//!
//! Progress over time is what the files can tell: a set records when it was last saved, not
//! its history, so a document counts as finished from its last save on (a set saved again
//! after it was done moves to that later day).

use std::collections::BTreeMap;

use super::Row;
use crate::formats::csv::field;
use crate::model::set::Status;

/// Spans of one label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelCount {
    pub label: String,
    pub spans: usize,
    /// Rows with at least one such span.
    pub documents: usize,
}

/// One annotator's work.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotatorCount {
    /// `(none)` for sets that name nobody.
    pub annotator: String,
    pub documents: usize,
    /// In [`Status::ALL`] order.
    pub by_status: [usize; 5],
    pub spans: usize,
}

/// One day of progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    /// `YYYY-MM-DD` (UTC, from the RFC 3339 time).
    pub date: String,
    /// Sets last saved that day.
    pub saved: usize,
    /// Of those, finished (done or beyond).
    pub finished: usize,
    /// Finished sets last saved on or before that day.
    pub finished_total: usize,
}

/// Everything the dashboard plots.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dashboard {
    /// Rows per status, in [`Status::ALL`] order.
    pub by_status: [usize; 5],
    /// By label name.
    pub labels: Vec<LabelCount>,
    /// By annotator name.
    pub annotators: Vec<AnnotatorCount>,
    /// By date; days without a save are left out.
    pub progress: Vec<Day>,
    /// Rows without a readable time.
    pub undated: usize,
}

fn status_index(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

impl Dashboard {
    /// The numbers of a list's rows ([`super::Corpus::rows`]).
    pub fn of(rows: &[Row<'_>]) -> Self {
        let mut dashboard = Dashboard::default();
        let mut labels: BTreeMap<&str, LabelCount> = BTreeMap::new();
        let mut annotators: BTreeMap<&str, AnnotatorCount> = BTreeMap::new();
        let mut days: BTreeMap<&str, Day> = BTreeMap::new();
        for row in rows {
            let status = status_index(row.status());
            dashboard.by_status[status] += 1;
            for (label, &n) in row.labels().into_iter().flatten() {
                let count = labels.entry(label).or_insert_with(|| LabelCount {
                    label: label.clone(),
                    spans: 0,
                    documents: 0,
                });
                count.spans += n;
                count.documents += usize::from(n > 0);
            }
            let Some(set) = row.set else { continue };
            let name = set.annotator.as_deref().unwrap_or("(none)");
            let annotator = annotators.entry(name).or_insert_with(|| AnnotatorCount {
                annotator: name.to_string(),
                ..AnnotatorCount::default()
            });
            annotator.documents += 1;
            annotator.by_status[status] += 1;
            annotator.spans += set.spans;
            match set.modified.as_deref().and_then(date_of) {
                Some(date) => {
                    let day = days.entry(date).or_insert_with(|| Day {
                        date: date.to_string(),
                        saved: 0,
                        finished: 0,
                        finished_total: 0,
                    });
                    day.saved += 1;
                    day.finished += usize::from(set.status.is_finished());
                }
                None => dashboard.undated += 1,
            }
        }
        let mut running = 0;
        for day in days.values_mut() {
            running += day.finished;
            day.finished_total = running;
        }
        dashboard.labels = labels.into_values().collect();
        dashboard.annotators = annotators.into_values().collect();
        dashboard.progress = days.into_values().collect();
        dashboard
    }

    /// `status,documents`
    pub fn status_csv(&self) -> String {
        let mut out = String::from("status,documents\n");
        for (status, n) in Status::ALL.iter().zip(self.by_status) {
            out.push_str(&format!("{status},{n}\n"));
        }
        out
    }

    /// `label,spans,documents`
    pub fn labels_csv(&self) -> String {
        let mut out = String::from("label,spans,documents\n");
        for label in &self.labels {
            out.push_str(&format!(
                "{},{},{}\n",
                field(&label.label),
                label.spans,
                label.documents
            ));
        }
        out
    }

    /// `annotator,documents,new,in_progress,done,in_curation,curated,spans`
    pub fn annotators_csv(&self) -> String {
        let mut out = format!(
            "annotator,documents,{},spans\n",
            Status::ALL.map(Status::as_str).join(",")
        );
        for annotator in &self.annotators {
            let counts: Vec<String> = annotator.by_status.iter().map(usize::to_string).collect();
            out.push_str(&format!(
                "{},{},{},{}\n",
                field(&annotator.annotator),
                annotator.documents,
                counts.join(","),
                annotator.spans
            ));
        }
        out
    }

    /// `date,saved,finished,finished_total`
    pub fn progress_csv(&self) -> String {
        let mut out = String::from("date,saved,finished,finished_total\n");
        for day in &self.progress {
            out.push_str(&format!(
                "{},{},{},{}\n",
                day.date, day.saved, day.finished, day.finished_total
            ));
        }
        out
    }

    /// Every table, as `(file name, CSV text)`, for an "Export as CSV" into a folder.
    pub fn csv_files(&self) -> Vec<(&'static str, String)> {
        vec![
            ("status.csv", self.status_csv()),
            ("labels.csv", self.labels_csv()),
            ("annotators.csv", self.annotators_csv()),
            ("progress.csv", self.progress_csv()),
        ]
    }
}

/// One row per list row: `article,set,status,spans,annotator,modified,problems` plus one
/// column per label.
pub fn documents_csv(rows: &[Row<'_>]) -> String {
    let mut labels: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.labels().into_iter().flatten().map(|(l, _)| l.as_str()))
        .collect();
    labels.sort_unstable();
    labels.dedup();
    let mut out = String::from("article,set,status,spans,annotator,modified,problems");
    for label in &labels {
        out.push(',');
        out.push_str(&field(label));
    }
    out.push('\n');
    for row in rows {
        let fields = [
            row.name(),
            row.set_path().unwrap_or("").to_string(),
            row.status().to_string(),
            row.spans().to_string(),
            row.annotator().unwrap_or("").to_string(),
            row.modified().unwrap_or("").to_string(),
            row.problems().join("; "),
        ];
        let mut line: Vec<String> = fields.iter().map(|f| field(f)).collect();
        for label in &labels {
            let n = row
                .labels()
                .and_then(|l| l.get(*label))
                .copied()
                .unwrap_or(0);
            line.push(n.to_string());
        }
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// `2026-11-30` from `2026-11-30T10:00:00Z` (checked to look like a date).
fn date_of(time: &str) -> Option<&str> {
    let date = time.get(..10)?;
    let bytes = date.as_bytes();
    let shaped = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    shaped.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_rfc3339_times() {
        assert_eq!(date_of("2026-11-30T10:00:00Z"), Some("2026-11-30"));
        assert_eq!(date_of("yesterday"), None);
        assert_eq!(date_of("2026/11/30T"), None);
    }
}
