//! The corpus dashboard: spans per label, documents per state, progress over time, work per
//! annotator, as plots (egui_plot) with the numbers beside them. The numbers are the core's
//! ([`crate::corpus::dashboard::Dashboard`]), which also writes them as CSV.

use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints};

use super::documents::{status_label, thousands};
use crate::corpus::dashboard::Dashboard;
use crate::formats::visible;
use crate::model::set::Status;

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
    data: &Dashboard,
    label_color: impl Fn(&str) -> egui::Color32,
) -> Option<DashboardAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        let documents: usize = data.by_status.iter().sum();
        let spans: usize = data.labels.iter().map(|l| l.spans).sum();
        ui.strong(format!(
            "{} {} · {} {}",
            thousands(documents),
            if documents == 1 {
                "document"
            } else {
                "documents"
            },
            thousands(spans),
            if spans == 1 { "span" } else { "spans" }
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
                .map(|(i, count)| {
                    Bar::new(i as f64, count.spans as f64)
                        .name(&count.label)
                        .fill(label_color(&count.label))
                        .width(0.7)
                })
                .collect();
            let names: Vec<String> = data.labels.iter().map(|c| c.label.clone()).collect();
            Plot::new("dash-labels")
                .height(180.0)
                .allow_scroll(false)
                .allow_drag(false)
                .allow_zoom(false)
                .x_axis_formatter(move |mark, _| axis_name(&names, mark.value))
                .show(ui, |plot| plot.bar_chart(BarChart::new("spans", bars)));
            ui.horizontal_wrapped(|ui| {
                for count in &data.labels {
                    if ui
                        .small_button(format!("{} {}", count.label, count.spans))
                        .on_hover_text(format!(
                            "{} in {}: show {}",
                            visible::count(count.spans, "span", "spans"),
                            visible::count(count.documents, "document", "documents"),
                            if count.spans == 1 { "it" } else { "them" }
                        ))
                        .clicked()
                    {
                        action = Some(DashboardAction::FilterLabel(count.label.clone()));
                    }
                }
            });

            ui.heading("Documents per state");
            let states: Vec<(Status, usize)> =
                Status::ALL.iter().copied().zip(data.by_status).collect();
            let bars: Vec<Bar> = states
                .iter()
                .enumerate()
                .map(|(i, (status, n))| {
                    Bar::new(i as f64, *n as f64)
                        .name(status_label(*status))
                        .width(0.7)
                })
                .collect();
            let names: Vec<String> = states
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
                for (status, n) in &states {
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
                let days: Vec<String> = data.progress.iter().map(|d| d.date.clone()).collect();
                let points: PlotPoints = data
                    .progress
                    .iter()
                    .enumerate()
                    .map(|(i, day)| [i as f64, day.finished_total as f64])
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
                        let finished: usize = Status::ALL
                            .iter()
                            .zip(a.by_status)
                            .filter(|(s, _)| s.is_finished())
                            .map(|(_, n)| n)
                            .sum();
                        ui.label(&a.annotator);
                        ui.label(a.documents.to_string());
                        ui.label(finished.to_string());
                        ui.label(a.spans.to_string());
                        ui.end_row();
                    }
                });
        });
    action
}

/// The category name under a bar (only at whole positions).
pub(super) fn axis_name(names: &[String], value: f64) -> String {
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

    #[test]
    fn axis_names_only_at_whole_positions() {
        let names = vec!["PERSON".to_string(), "ORG".to_string()];
        assert_eq!(axis_name(&names, 1.0), "ORG");
        assert_eq!(axis_name(&names, 0.5), "");
        assert_eq!(axis_name(&names, -1.0), "");
        assert_eq!(axis_name(&names, 7.0), "");
    }
}
