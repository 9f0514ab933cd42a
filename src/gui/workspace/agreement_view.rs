//! The agreement view of a corpus: α_u per label and the documents from worst to best as
//! plots, the corpus figures pooled and as the mean over documents, and a drill-down from a
//! label or a document to its disagreements, each one click from the text. The numbers are
//! the core's ([`crate::agreement::measure`]); this view only shows and filters them.

use egui_plot::{Bar, BarChart, Plot};

use super::dashboard::axis_name;
use crate::agreement::{AgreementReport, Measures};
use crate::formats::visible::count;

/// What the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum AgreementAction {
    /// Open document `document` (index into the report) at disagreement `disagreement`.
    Open {
        document: usize,
        disagreement: usize,
    },
    /// Measure again (the sets changed).
    Refresh,
}

#[derive(Debug, Default)]
pub struct AgreementView {
    /// Show only this label's disagreements.
    pub label: Option<String>,
    /// Show only this document's disagreements (index into the report).
    pub document: Option<usize>,
    /// Count gold sets as one more annotator (as `newsmark agree --with-gold`).
    pub include_gold: bool,
    /// The documents worst first and their names on the chart's axis, worked out once per
    /// report rather than in every frame the window is drawn.
    order: Option<(Vec<usize>, std::sync::Arc<Vec<String>>)>,
}

/// "0.734", or "—" where the measure is undefined.
pub fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.3}"))
}

/// An article's name on a chart's axis: its file name without folder and extension
/// (`local/council-budget.txt` -> `council-budget`).
pub fn short_name(article: &str) -> String {
    let file = article.rsplit(['/', '\\']).next().unwrap_or(article);
    match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => file.to_string(),
    }
}

/// Documents by overall α_u, worst first (undefined ones last).
pub fn worst_first(report: &AgreementReport) -> Vec<usize> {
    let mut order: Vec<usize> = (0..report.documents.len()).collect();
    order.sort_by(|a, b| {
        let value = |i: usize| report.documents[i].measures.alpha_u.overall;
        match (value(*a), value(*b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| {
            report.documents[*a]
                .article
                .cmp(&report.documents[*b].article)
        })
    });
    order
}

/// (document, disagreement) pairs the filters let through, in document then text order.
pub fn disagreements_shown(
    report: &AgreementReport,
    label: Option<&str>,
    document: Option<usize>,
) -> Vec<(usize, usize)> {
    let mut shown = Vec::new();
    for (d, doc) in report.documents.iter().enumerate() {
        if document.is_some_and(|only| only != d) {
            continue;
        }
        for (i, disagreement) in doc.disagreements.iter().enumerate() {
            if label.is_none_or(|l| disagreement.label == l) {
                shown.push((d, i));
            }
        }
    }
    shown
}

impl AgreementView {
    /// The report was measured again: what was worked out from the old one goes, and a
    /// document filter that no longer points at a document is dropped.
    pub fn measured_again(&mut self, documents: usize) {
        self.order = None;
        self.document = self.document.filter(|&d| d < documents);
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, report: &AgreementReport) -> Option<AgreementAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.strong(format!(
                "{} · annotators: {}",
                count(report.documents.len(), "document", "documents"),
                report.annotators.join(", ")
            ));
            if ui.button("Measure again").clicked() {
                action = Some(AgreementAction::Refresh);
            }
            if ui
                .checkbox(&mut self.include_gold, "Count gold sets as an annotator")
                .on_hover_text(
                    "Measure the gold set against each annotator too, as `newsmark agree --with-gold` does",
                )
                .changed()
            {
                action = Some(AgreementAction::Refresh);
            }
        });
        // The figures, plots and documents scroll in the upper part when the window is short,
        // so that the disagreement list below keeps room (at least 40 % of the window, up to
        // 260 points) and the window fits the screen.
        let list_room = (ui.available_height() * 0.4).min(260.0);
        let summary_height = (ui.available_height() - list_room).max(120.0);
        egui::ScrollArea::vertical()
            .id_salt("agreement-summary")
            .max_height(summary_height)
            .auto_shrink([false, true])
            .show(ui, |ui| self.summary_ui(ui, report));
        ui.separator();
        let shown = disagreements_shown(report, self.label.as_deref(), self.document);
        ui.strong(count(shown.len(), "disagreement", "disagreements"));
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        egui::ScrollArea::vertical()
            .id_salt("agreement-disagreements")
            .auto_shrink([false, false])
            .max_height(ui.available_height().max(row_height * 3.0))
            .show_rows(ui, row_height, shown.len(), |ui, visible| {
                for &(d, i) in &shown[visible] {
                    if let Some(open) = disagreement_row(ui, report, d, i) {
                        action = Some(open);
                    }
                }
            });
        action
    }

    /// The measures, the per-label and per-document plots and the documents list.
    fn summary_ui(&mut self, ui: &mut egui::Ui, report: &AgreementReport) {
        ui.columns(2, |columns| {
            figures_ui(&mut columns[0], "Corpus, pooled", &report.pooled);
            figures_ui(
                &mut columns[1],
                "Corpus, mean of documents",
                &report.mean_of_documents,
            );
        });
        if !report.pooled_alpha_u_left_out.is_empty() {
            ui.weak(format!(
                "Left out of the pooled α_u (not every annotator has a set): {}",
                report.pooled_alpha_u_left_out.join(", ")
            ));
        }
        ui.separator();
        ui.heading("α_u per label (pooled)");
        let labels: Vec<(String, Option<f64>)> = report
            .pooled
            .alpha_u
            .labels
            .iter()
            .map(|(l, v)| (l.clone(), *v))
            .collect();
        let names: Vec<String> = labels.iter().map(|(l, _)| l.clone()).collect();
        let bars: Vec<Bar> = labels
            .iter()
            .enumerate()
            .map(|(i, (label, value))| {
                Bar::new(i as f64, value.unwrap_or(0.0))
                    .name(label)
                    .width(0.7)
            })
            .collect();
        Plot::new("agreement-labels")
            .height(160.0)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .include_y(0.0)
            .include_y(1.0)
            .x_axis_formatter(move |mark, _| axis_name(&names, mark.value))
            .show(ui, |plot| plot.bar_chart(BarChart::new("α_u", bars)));
        ui.horizontal_wrapped(|ui| {
            let any = ui.selectable_label(self.label.is_none(), "all labels");
            if any.clicked() {
                self.label = None;
            }
            for (label, value) in &labels {
                let selected = self.label.as_deref() == Some(label.as_str());
                if ui
                    .selectable_label(selected, format!("{label} {}", figure(*value)))
                    .on_hover_text("Show this label's disagreements")
                    .clicked()
                {
                    self.label = Some(label.clone());
                }
            }
        });
        ui.separator();
        ui.heading("Documents, worst to best (α_u overall)");
        let (order, document_names) = self
            .order
            .get_or_insert_with(|| {
                let order = worst_first(report);
                let names = order
                    .iter()
                    .map(|&d| short_name(&report.documents[d].article))
                    .collect();
                (order, std::sync::Arc::new(names))
            })
            .clone();
        let bars: Vec<Bar> = order
            .iter()
            .enumerate()
            .map(|(i, &d)| {
                Bar::new(
                    i as f64,
                    report.documents[d].measures.alpha_u.overall.unwrap_or(0.0),
                )
                .name(&report.documents[d].article)
                .width(0.8)
            })
            .collect();
        Plot::new("agreement-documents")
            .height(140.0)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .include_y(0.0)
            .include_y(1.0)
            .x_axis_formatter(move |mark, _| axis_name(&document_names, mark.value))
            .show(ui, |plot| plot.bar_chart(BarChart::new("documents", bars)));
        egui::ScrollArea::vertical()
            .id_salt("agreement-documents-list")
            .max_height(140.0)
            .show(ui, |ui| {
                if ui
                    .selectable_label(self.document.is_none(), "all documents")
                    .clicked()
                {
                    self.document = None;
                }
                for &d in &order {
                    let doc = &report.documents[d];
                    let selected = self.document == Some(d);
                    if ui
                        .selectable_label(
                            selected,
                            format!(
                                "{}  α_u {}  ·  {}",
                                doc.article,
                                figure(doc.measures.alpha_u.overall),
                                count(doc.disagreements.len(), "disagreement", "disagreements")
                            ),
                        )
                        .clicked()
                    {
                        self.document = Some(d);
                    }
                }
            });
    }
}

/// One row of the disagreement list (a button that opens the document there).
fn disagreement_row(
    ui: &mut egui::Ui,
    report: &AgreementReport,
    d: usize,
    i: usize,
) -> Option<AgreementAction> {
    let doc = &report.documents[d];
    let disagreement = &doc.disagreements[i];
    let versions: Vec<String> = doc
        .annotators
        .iter()
        .enumerate()
        .map(|(a, name)| {
            let ranges: Vec<String> = disagreement
                .spans_of(a)
                .map(|s| format!("{}–{}", s.start, s.end))
                .collect();
            if ranges.is_empty() {
                format!("{name}: none")
            } else {
                format!("{name}: {}", ranges.join(" "))
            }
        })
        .collect();
    let text = format!(
        "{} · {} {}–{} · {} · {}",
        doc.article,
        disagreement.label,
        disagreement.start,
        disagreement.end,
        disagreement.kind.as_str(),
        versions.join(" · ")
    );
    ui.add(egui::Button::selectable(false, text).truncate())
        .on_hover_text("Open the document here")
        .clicked()
        .then_some(AgreementAction::Open {
            document: d,
            disagreement: i,
        })
}

fn figures_ui(ui: &mut egui::Ui, title: &str, measures: &Measures) {
    ui.strong(title);
    egui::Grid::new(title).num_columns(2).show(ui, |ui| {
        ui.label("α_u overall");
        ui.label(figure(measures.alpha_u.overall));
        ui.end_row();
        // The κ and α of positions say on how many positions they stand (a κ of 1.000 on 3 of
        // 140 positions is not perfect agreement); the rest of the counts on hover.
        let coded = |ui: &mut egui::Ui, c: &crate::agreement::coding::Coded| {
            ui.label(coded_figure(c)).on_hover_text(format!(
                "{} some annotator did not mark (incomplete); {} where an annotator put two or more labels (stacked, left out)",
                count(c.counts.incomplete, "position", "positions"),
                c.counts.stacked
            ));
        };
        ui.label("Fleiss' κ");
        coded(ui, &measures.fleiss);
        ui.end_row();
        ui.label("α nominal");
        coded(ui, &measures.alpha_nominal);
        ui.end_row();
        for pair in &measures.cohen {
            ui.label(format!("Cohen's κ {}–{}", pair.first, pair.second));
            coded(ui, &pair.kappa);
            ui.end_row();
        }
        let mean = |values: &std::collections::BTreeMap<String, Option<f64>>| {
            let defined: Vec<f64> = values.values().flatten().copied().collect();
            (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64)
        };
        ui.label("span F1 exact / overlap (mean of labels)");
        ui.label(format!(
            "{} / {}",
            figure(mean(&measures.f1_exact)),
            figure(mean(&measures.f1_overlap))
        ));
        ui.end_row();
        if measures.dropped_overlaps > 0 {
            ui.label("overlapping spans left out of α_u");
            ui.label(measures.dropped_overlaps.to_string());
            ui.end_row();
        }
    });
}

/// A coding figure with the positions it stands on: `0.963 on 120 of 140`.
fn coded_figure(c: &crate::agreement::coding::Coded) -> String {
    if c.value.is_none() {
        return figure(c.value);
    }
    format!(
        "{} on {} of {}",
        figure(c.value),
        c.counts.used,
        c.counts.positions
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coding_figure_says_on_how_many_positions_it_stands() {
        use crate::agreement::coding::{Coded, ItemCounts};
        let few = Coded {
            value: Some(1.0),
            counts: ItemCounts {
                positions: 140,
                used: 3,
                incomplete: 137,
                stacked: 0,
            },
        };
        assert_eq!(coded_figure(&few), "1.000 on 3 of 140");
        let none = Coded {
            value: None,
            counts: ItemCounts::default(),
        };
        assert_eq!(coded_figure(&none), figure(None));
    }
    use crate::agreement::{Disagreement, DisagreementKind, DocumentAgreement};

    fn document(article: &str, alpha: Option<f64>, labels: &[&str]) -> DocumentAgreement {
        let mut doc = DocumentAgreement {
            article: article.into(),
            annotators: vec!["ana".into(), "ben".into()],
            ..Default::default()
        };
        doc.measures.alpha_u.overall = alpha;
        doc.disagreements = labels
            .iter()
            .enumerate()
            .map(|(i, label)| Disagreement {
                label: label.to_string(),
                start: i as u64 * 10,
                end: i as u64 * 10 + 4,
                kind: DisagreementKind::Missing,
                spans: Vec::new(),
                other_labels: Vec::new(),
            })
            .collect();
        doc
    }

    #[test]
    fn documents_worst_first_and_drill_down_filters() {
        let report = AgreementReport {
            documents: vec![
                document("a", Some(0.9), &["PERSON"]),
                document("b", None, &["ORG"]),
                document("c", Some(0.2), &["PERSON", "ORG", "PERSON"]),
            ],
            ..Default::default()
        };
        assert_eq!(worst_first(&report), [2, 0, 1]);
        assert_eq!(disagreements_shown(&report, None, None).len(), 5);
        assert_eq!(
            disagreements_shown(&report, Some("PERSON"), None),
            [(0, 0), (2, 0), (2, 2)]
        );
        assert_eq!(disagreements_shown(&report, Some("ORG"), Some(2)), [(2, 1)]);
        assert_eq!(figure(None), "—");
        assert_eq!(figure(Some(0.12345)), "0.123");
    }
}
