//! The corpus dashboard: spans per label, documents per state, progress over time, work per
//! annotator, as plots (egui_plot) with the numbers beside them, and the numbers as CSV.
//! [`DashboardData::from_rows`] is a pure function of the documents panel's rows.

use std::collections::BTreeMap;

use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints};

use super::documents::{DocumentRow, status_label};
use crate::model::set::Status;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnotatorRow {
    pub name: String,
    pub documents: usize,
    pub done: usize,
    pub spans: usize,
}

/// Every number the dashboard shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DashboardData {
    /// (label, spans), most spans first.
    pub labels: Vec<(String, usize)>,
    /// Documents per state, in workflow order (every state, zeros included).
    pub states: Vec<(Status, usize)>,
    /// (day `YYYY-MM-DD`, documents done or curated by the end of that day), from the sets'
    /// modification times: a document counts from the day its set was last saved.
    pub progress: Vec<(String, usize)>,
    pub annotators: Vec<AnnotatorRow>,
    pub documents: usize,
    pub spans: usize,
}

impl DashboardData {
    pub fn from_rows(rows: &[DocumentRow]) -> Self {
        let mut labels: BTreeMap<&str, usize> = BTreeMap::new();
        let mut states: BTreeMap<Status, usize> = Status::ALL.iter().map(|s| (*s, 0)).collect();
        let mut done_per_day: BTreeMap<String, usize> = BTreeMap::new();
        let mut annotators: BTreeMap<String, AnnotatorRow> = BTreeMap::new();
        let mut spans = 0;
        for row in rows {
            spans += row.spans;
            for (label, count) in &row.labels {
                *labels.entry(label.as_str()).or_default() += count;
            }
            *states.entry(row.status).or_default() += 1;
            let finished = matches!(row.status, Status::Done | Status::Curated);
            if finished && let Some(day) = row.modified.as_deref().and_then(day_of) {
                *done_per_day.entry(day).or_default() += 1;
            }
            if row.set.is_some() {
                let name = row
                    .annotator
                    .clone()
                    .unwrap_or_else(|| "(unnamed)".to_string());
                let entry = annotators.entry(name.clone()).or_insert(AnnotatorRow {
                    name,
                    ..AnnotatorRow::default()
                });
                entry.documents += 1;
                entry.spans += row.spans;
                entry.done += usize::from(finished);
            }
        }
        let mut labels: Vec<(String, usize)> = labels
            .into_iter()
            .map(|(l, n)| (l.to_string(), n))
            .collect();
        labels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut running = 0;
        let progress = done_per_day
            .into_iter()
            .map(|(day, n)| {
                running += n;
                (day, running)
            })
            .collect();
        Self {
            labels,
            states: states.into_iter().collect(),
            progress,
            annotators: annotators.into_values().collect(),
            documents: rows.len(),
            spans,
        }
    }

    /// The numbers as one CSV table: `section,key,value[,value...]` rows under a header.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("section,key,documents,done,spans\n");
        for (label, n) in &self.labels {
            out.push_str(&format!("label,{},,,{n}\n", csv_field(label)));
        }
        for (status, n) in &self.states {
            out.push_str(&format!("state,{},{n},,\n", status.as_str()));
        }
        for (day, n) in &self.progress {
            out.push_str(&format!("progress,{day},,{n},\n"));
        }
        for a in &self.annotators {
            out.push_str(&format!(
                "annotator,{},{},{},{}\n",
                csv_field(&a.name),
                a.documents,
                a.done,
                a.spans
            ));
        }
        out.push_str(&format!(
            "total,corpus,{},,{}\n",
            self.documents, self.spans
        ));
        out
    }
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// "2026-11-30T10:51:37Z" -> "2026-11-30", if it starts like a date.
fn day_of(rfc3339: &str) -> Option<String> {
    let day = rfc3339.get(..10)?;
    let bytes = day.as_bytes();
    let ok = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    ok.then(|| day.to_string())
}

/// What the dashboard asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum DashboardAction {
    /// Save the numbers as CSV (the window asks where).
    ExportCsv,
    /// Show only this label's documents in the documents panel.
    FilterLabel(String),
    FilterState(Status),
}

/// The dashboard's contents (inside a window the app owns).
pub fn dashboard_ui(
    ui: &mut egui::Ui,
    data: &DashboardData,
    label_color: impl Fn(&str) -> egui::Color32,
) -> Option<DashboardAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.strong(format!(
            "{} documents · {} spans",
            super::documents::thousands(data.documents),
            super::documents::thousands(data.spans)
        ));
        if ui.button("Export CSV…").clicked() {
            action = Some(DashboardAction::ExportCsv);
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("dashboard")
        .show(ui, |ui| {
            ui.heading("Spans per label");
            let bars: Vec<Bar> = data
                .labels
                .iter()
                .enumerate()
                .map(|(i, (label, n))| {
                    Bar::new(i as f64, *n as f64)
                        .name(label)
                        .fill(label_color(label))
                        .width(0.7)
                })
                .collect();
            let names: Vec<String> = data.labels.iter().map(|(l, _)| l.clone()).collect();
            Plot::new("dash-labels")
                .height(180.0)
                .allow_scroll(false)
                .allow_drag(false)
                .allow_zoom(false)
                .x_axis_formatter(move |mark, _| axis_name(&names, mark.value))
                .show(ui, |plot| plot.bar_chart(BarChart::new("spans", bars)));
            ui.horizontal_wrapped(|ui| {
                for (label, n) in &data.labels {
                    if ui
                        .small_button(format!("{label} {n}"))
                        .on_hover_text("Show this label's documents")
                        .clicked()
                    {
                        action = Some(DashboardAction::FilterLabel(label.clone()));
                    }
                }
            });

            ui.heading("Documents per state");
            let bars: Vec<Bar> = data
                .states
                .iter()
                .enumerate()
                .map(|(i, (status, n))| {
                    Bar::new(i as f64, *n as f64)
                        .name(status_label(*status))
                        .width(0.7)
                })
                .collect();
            let names: Vec<String> = data
                .states
                .iter()
                .map(|(s, _)| status_label(*s).to_string())
                .collect();
            Plot::new("dash-states")
                .height(150.0)
                .allow_scroll(false)
                .allow_drag(false)
                .allow_zoom(false)
                .x_axis_formatter(move |mark, _| axis_name(&names, mark.value))
                .show(ui, |plot| plot.bar_chart(BarChart::new("documents", bars)));
            ui.horizontal_wrapped(|ui| {
                for (status, n) in &data.states {
                    if ui
                        .small_button(format!("{} {n}", status_label(*status)))
                        .clicked()
                    {
                        action = Some(DashboardAction::FilterState(*status));
                    }
                }
            });

            ui.heading("Progress over time");
            if data.progress.is_empty() {
                ui.weak("No document is done yet.");
            } else {
                let days: Vec<String> = data.progress.iter().map(|(d, _)| d.clone()).collect();
                let points: PlotPoints = data
                    .progress
                    .iter()
                    .enumerate()
                    .map(|(i, (_, n))| [i as f64, *n as f64])
                    .collect();
                Plot::new("dash-progress")
                    .height(150.0)
                    .legend(Legend::default())
                    .allow_scroll(false)
                    .x_axis_formatter(move |mark, _| axis_name(&days, mark.value))
                    .show(ui, |plot| plot.line(Line::new("documents done", points)));
            }

            ui.heading("Per annotator");
            egui::Grid::new("dash-annotators")
                .striped(true)
                .show(ui, |ui| {
                    ui.strong("annotator");
                    ui.strong("documents");
                    ui.strong("done");
                    ui.strong("spans");
                    ui.end_row();
                    for a in &data.annotators {
                        ui.label(&a.name);
                        ui.label(a.documents.to_string());
                        ui.label(a.done.to_string());
                        ui.label(a.spans.to_string());
                        ui.end_row();
                    }
                });
        });
    action
}

/// The category name under a bar (only at whole positions).
fn axis_name(names: &[String], value: f64) -> String {
    if value < 0.0 || (value - value.round()).abs() > 1e-6 {
        return String::new();
    }
    names
        .get(value.round() as usize)
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        article: &str,
        status: Status,
        labels: &[(&str, usize)],
        annotator: Option<&str>,
        modified: Option<&str>,
    ) -> DocumentRow {
        DocumentRow {
            article: article.into(),
            set: (status != Status::New).then(|| format!("{article}.json")),
            status,
            spans: labels.iter().map(|(_, n)| n).sum(),
            labels: labels.iter().map(|(l, n)| (l.to_string(), *n)).collect(),
            annotator: annotator.map(str::to_string),
            modified: modified.map(str::to_string),
            problems: Vec::new(),
        }
    }

    #[test]
    fn numbers_follow_the_rows() {
        let rows = vec![
            row(
                "a",
                Status::Done,
                &[("PERSON", 3), ("ORG", 1)],
                Some("ana"),
                Some("2026-11-02T09:00:00Z"),
            ),
            row(
                "b",
                Status::Done,
                &[("PERSON", 2)],
                Some("ben"),
                Some("2026-11-01T18:00:00Z"),
            ),
            row(
                "c",
                Status::InProgress,
                &[("GPE", 4)],
                Some("ana"),
                Some("2026-11-03T08:00:00Z"),
            ),
            row("d", Status::New, &[], None, None),
        ];
        let data = DashboardData::from_rows(&rows);
        assert_eq!(
            data.labels,
            [
                ("PERSON".to_string(), 5),
                ("GPE".to_string(), 4),
                ("ORG".to_string(), 1)
            ]
        );
        let states: BTreeMap<Status, usize> = data.states.iter().copied().collect();
        assert_eq!(states[&Status::Done], 2);
        assert_eq!(states[&Status::New], 1);
        assert_eq!(states[&Status::Curated], 0);
        assert_eq!(
            data.progress,
            [("2026-11-01".to_string(), 1), ("2026-11-02".to_string(), 2)]
        );
        assert_eq!(data.annotators.len(), 2);
        assert_eq!(
            data.annotators[0],
            AnnotatorRow {
                name: "ana".into(),
                documents: 2,
                done: 1,
                spans: 8
            }
        );
        assert_eq!((data.documents, data.spans), (4, 10));
        let csv = data.to_csv();
        assert!(csv.starts_with("section,key,documents,done,spans\n"));
        assert!(csv.contains("label,PERSON,,,5\n"));
        assert!(csv.contains("state,done,2,,\n"));
        assert!(csv.contains("progress,2026-11-02,,2,\n"));
        assert!(csv.contains("annotator,ana,2,1,8\n"));
        assert!(csv.ends_with("total,corpus,4,,10\n"));
    }
}
