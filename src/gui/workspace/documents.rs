//! The documents panel: every article of the corpus with its state, spans, annotator and time;
//! sorted and filtered; the overall progress; a click or Enter opens one. Rows are drawn
//! virtually (only those on screen), and the sorted, filtered order is computed once per
//! change, so a corpus of 10,000 articles costs what 30 rows cost.

use std::collections::BTreeSet;

use egui::{Color32, RichText};

use crate::model::set::Status;

/// One row: an article and the set shown for it (the user's own, or the only one).
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentRow {
    /// Path relative to the corpus root, `/`-separated.
    pub article: String,
    /// The set's path relative to the corpus root, if the article has one.
    pub set: Option<String>,
    pub status: Status,
    pub spans: usize,
    /// Spans per label (labels with at least one span), by name.
    pub labels: Vec<(String, usize)>,
    pub annotator: Option<String>,
    /// RFC 3339, as the set records it (or the file's time).
    pub modified: Option<String>,
    pub problems: Vec<String>,
    /// The state of the article's gold set, when it has one (shown with the annotator's set,
    /// so that an annotator sees what has been curated).
    pub gold: Option<Status>,
}

impl DocumentRow {
    /// The row for one of the corpus's list rows ([`crate::corpus::Corpus::rows`]).
    pub fn from_row(row: &crate::corpus::Row<'_>) -> Self {
        Self {
            article: row.name(),
            set: row.set_path().map(str::to_string),
            status: row.status(),
            spans: row.spans(),
            labels: row
                .labels()
                .map(|labels| labels.iter().map(|(l, n)| (l.clone(), *n)).collect())
                .unwrap_or_default(),
            annotator: row.annotator().map(str::to_string),
            modified: row.modified().map(str::to_string),
            problems: row.problems().into_iter().map(str::to_string).collect(),
            gold: row
                .document
                .sets
                .iter()
                .find(|set| set.kind == crate::corpus::layout::SetKind::Gold)
                .filter(|gold| row.set.is_none_or(|shown| shown.path != gold.path))
                .map(|gold| gold.status),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Status,
    Spans,
    Annotator,
    Modified,
}

impl SortKey {
    const ALL: [SortKey; 5] = [
        SortKey::Name,
        SortKey::Status,
        SortKey::Spans,
        SortKey::Annotator,
        SortKey::Modified,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Status => "State",
            Self::Spans => "Spans",
            Self::Annotator => "Annotator",
            Self::Modified => "Modified",
        }
    }
}

/// What the user asked of the panel this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum DocumentsAction {
    /// Open the row at this index of the rows given to [`DocumentsPanel::ui`].
    Open(usize),
    /// Curate the annotators' sets of the row's article (its context menu).
    Curate(usize),
}

/// The panel's own state: sort, filters, the row the keyboard is on, and the cached order.
#[derive(Debug)]
pub struct DocumentsPanel {
    pub sort: SortKey,
    pub descending: bool,
    /// States shown; empty means all.
    pub states: BTreeSet<Status>,
    pub label: Option<String>,
    pub annotator: Option<String>,
    pub name_filter: String,
    /// The row (index into the rows) highlighted as current.
    pub current: Option<usize>,
    /// The visible order (indices into the rows), rebuilt when `key` changes.
    order: Vec<usize>,
    key: Option<OrderKey>,
    scroll_to_current: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct OrderKey {
    revision: u64,
    sort: SortKey,
    descending: bool,
    states: BTreeSet<Status>,
    label: Option<String>,
    annotator: Option<String>,
    name_filter: String,
}

impl Default for DocumentsPanel {
    fn default() -> Self {
        Self {
            sort: SortKey::Name,
            descending: false,
            states: BTreeSet::new(),
            label: None,
            annotator: None,
            name_filter: String::new(),
            current: None,
            order: Vec::new(),
            key: None,
            scroll_to_current: false,
        }
    }
}

/// "312 of 1,200 done": the counts behind the progress bar.
pub fn progress(rows: &[DocumentRow]) -> (usize, usize) {
    let done = rows.iter().filter(|r| r.status.is_finished()).count();
    (done, rows.len())
}

/// 1200 -> "1,200".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl DocumentsPanel {
    /// The visible rows in order (indices into `rows`), sorted and filtered as the panel is set.
    /// `revision` changes whenever the rows do.
    pub fn order(&mut self, rows: &[DocumentRow], revision: u64) -> &[usize] {
        let key = OrderKey {
            revision,
            sort: self.sort,
            descending: self.descending,
            states: self.states.clone(),
            label: self.label.clone(),
            annotator: self.annotator.clone(),
            name_filter: self.name_filter.clone(),
        };
        if self.key.as_ref() != Some(&key) {
            self.order = compute_order(rows, &key);
            self.key = Some(key);
        }
        &self.order
    }

    /// Mark `index` current and bring it into view next frame.
    pub fn set_current(&mut self, index: Option<usize>) {
        self.current = index;
        self.scroll_to_current = true;
    }

    /// The panel: filters, progress, the rows. Returns what the user asked for.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        rows: &[DocumentRow],
        revision: u64,
    ) -> Option<DocumentsAction> {
        let mut action = None;
        let (done, total) = progress(rows);
        let fraction = if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        };
        ui.add(egui::ProgressBar::new(fraction).text(format!(
            "{} of {} done",
            thousands(done),
            thousands(total)
        )));
        self.filters_ui(ui, rows);
        ui.separator();
        let order = self.order(rows, revision).to_vec();
        ui.weak(if order.len() == rows.len() {
            format!(
                "{} {}",
                thousands(rows.len()),
                if rows.len() == 1 {
                    "document"
                } else {
                    "documents"
                }
            )
        } else {
            format!(
                "{} of {} {} shown",
                thousands(order.len()),
                thousands(rows.len()),
                if rows.len() == 1 {
                    "document"
                } else {
                    "documents"
                }
            )
        });

        // Enter opens the current row while the panel has the keyboard (its filter box does not).
        let current_position = self
            .current
            .and_then(|current| order.iter().position(|&i| i == current));
        // Two lines: the name's line is as tall as a widget row (its dot and label sit in a
        // horizontal layout), the details' line as tall as text, with the spacing between
        // them and the row's inset; a shorter row let the highlight cover the second line.
        let line = ui.text_style_height(&egui::TextStyle::Body);
        let row_height =
            line.max(ui.spacing().interact_size.y) + ui.spacing().item_spacing.y + line + 6.0;
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("documents")
            .auto_shrink([false, false]);
        if self.scroll_to_current {
            if let Some(position) = current_position {
                let top = position as f32 * (row_height + ui.spacing().item_spacing.y);
                scroll = scroll.vertical_scroll_offset((top - 3.0 * row_height).max(0.0));
            }
            self.scroll_to_current = false;
        }
        scroll.show_rows(ui, row_height, order.len(), |ui, visible| {
            for position in visible {
                let index = order[position];
                let row = &rows[index];
                let selected = self.current == Some(index);
                let response = row_ui(ui, row, selected, row_height);
                if response.clicked() {
                    self.current = Some(index);
                    action = Some(DocumentsAction::Open(index));
                }
                response.context_menu(|ui| {
                    if ui.button("Open").clicked() {
                        self.current = Some(index);
                        action = Some(DocumentsAction::Open(index));
                    }
                    if ui
                        .button("Curate this article…")
                        .on_hover_text(
                            "Merge the annotators' sets of this article into its gold set",
                        )
                        .clicked()
                    {
                        self.current = Some(index);
                        action = Some(DocumentsAction::Curate(index));
                    }
                });
            }
        });
        action
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, rows: &[DocumentRow]) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Name");
            ui.add(
                egui::TextEdit::singleline(&mut self.name_filter)
                    .desired_width(120.0)
                    .hint_text("filter"),
            )
            .labelled_by(label.id);
            egui::ComboBox::new("documents-sort", "Sort")
                .selected_text(self.sort.label())
                .show_ui(ui, |ui| {
                    for key in SortKey::ALL {
                        ui.selectable_value(&mut self.sort, key, key.label());
                    }
                });
            ui.toggle_value(&mut self.descending, "Descending");
        });
        ui.horizontal_wrapped(|ui| {
            for status in Status::ALL {
                let mut on = self.states.contains(&status);
                if ui
                    .toggle_value(&mut on, status_label(status))
                    .on_hover_text("Show only documents in these states (none: all)")
                    .changed()
                {
                    if on {
                        self.states.insert(status);
                    } else {
                        self.states.remove(&status);
                    }
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            // The choices are gathered only while a list is open, not every frame.
            egui::ComboBox::new("documents-label", "Label")
                .selected_text(match &self.label {
                    Some(label) => label.clone(),
                    None => "any".to_string(),
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.label, None, "Any label");
                    let labels: BTreeSet<&str> = rows
                        .iter()
                        .flat_map(|r| r.labels.iter().map(|(label, _)| label.as_str()))
                        .collect();
                    for label in labels {
                        ui.selectable_value(&mut self.label, Some(label.to_string()), label);
                    }
                });
            egui::ComboBox::new("documents-annotator", "Annotator")
                .selected_text(match &self.annotator {
                    Some(name) => name.clone(),
                    None => "any".to_string(),
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.annotator, None, "Any annotator");
                    let annotators: BTreeSet<&str> =
                        rows.iter().filter_map(|r| r.annotator.as_deref()).collect();
                    for name in annotators {
                        ui.selectable_value(&mut self.annotator, Some(name.to_string()), name);
                    }
                });
        });
    }
}

pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::New => "new",
        Status::InProgress => "in progress",
        Status::Done => "done",
        Status::InCuration => "in curation",
        Status::Curated => "curated",
    }
}

fn status_color(status: Status, dark: bool) -> Color32 {
    match (status, dark) {
        (Status::New, _) => Color32::GRAY,
        (Status::InProgress, false) => Color32::from_rgb(0xb0, 0x6d, 0x00),
        (Status::InProgress, true) => Color32::from_rgb(0xff, 0xb3, 0x47),
        (Status::Done, false) => Color32::from_rgb(0x2e, 0x7d, 0x32),
        (Status::Done, true) => Color32::from_rgb(0x81, 0xc7, 0x84),
        (Status::InCuration, false) => Color32::from_rgb(0x45, 0x5a, 0xa4),
        (Status::InCuration, true) => Color32::from_rgb(0x9f, 0xa8, 0xda),
        (Status::Curated, false) => Color32::from_rgb(0x6a, 0x1b, 0x9a),
        (Status::Curated, true) => Color32::from_rgb(0xce, 0x93, 0xd8),
    }
}

/// One row, two lines: the article's name and state; spans, annotator, time, problems.
fn row_ui(ui: &mut egui::Ui, row: &DocumentRow, selected: bool, height: f32) -> egui::Response {
    let dark = ui.visuals().dark_mode;
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click());
    let name = row.article.rsplit('/').next().unwrap_or(&row.article);
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            true,
            selected,
            format!("{} ({})", row.article, status_label(row.status)),
        )
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() {
            ui.painter()
                .rect_filled(rect, 3.0, visuals.weak_bg_fill.gamma_multiply(0.8));
        }
        let inner = rect.shrink2(egui::vec2(6.0, 3.0));
        let mut child = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(inner)
                .layout(egui::Layout::top_down(egui::Align::Min)),
        );
        // The row takes the click, not its labels (selectable text would swallow it).
        child.style_mut().interaction.selectable_labels = false;
        child.horizontal(|ui| {
            // A painted dot: the default fonts have no "●".
            let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter()
                .circle_filled(dot.center(), 4.0, status_color(row.status, dark));
            ui.label(RichText::new(name).strong())
                .on_hover_text(&row.article);
            if !row.problems.is_empty() {
                ui.label(RichText::new("(!)").color(ui.visuals().warn_fg_color))
                    .on_hover_text(row.problems.join("\n"));
            }
        });
        let mut details = format!(
            "{} · {}",
            status_label(row.status),
            crate::formats::visible::count(row.spans, "span", "spans")
        );
        if let Some(annotator) = &row.annotator {
            details.push_str(&format!(" · {annotator}"));
        }
        // The gold set's state before the time: the line is cut to the panel's width.
        if let Some(gold) = row.gold {
            details.push_str(&format!(" · gold {}", status_label(gold)));
        }
        if let Some(modified) = &row.modified {
            details.push_str(&format!(" · {}", short_time(modified)));
        }
        // One line, cut to the panel's width: the row height is fixed (the list is virtual).
        child.add(egui::Label::new(RichText::new(details).weak()).truncate());
    }
    response
}

/// "2026-11-30T10:51:37Z" -> "2026-11-30 10:51".
fn short_time(rfc3339: &str) -> String {
    let trimmed: String = rfc3339.chars().take(16).collect();
    trimmed.replace('T', " ")
}

fn compute_order(rows: &[DocumentRow], key: &OrderKey) -> Vec<usize> {
    let needle = key.name_filter.to_lowercase();
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            let row = &rows[i];
            (key.states.is_empty() || key.states.contains(&row.status))
                && key
                    .label
                    .as_ref()
                    .is_none_or(|label| row.labels.iter().any(|(l, _)| l == label))
                && key
                    .annotator
                    .as_ref()
                    .is_none_or(|name| row.annotator.as_deref() == Some(name.as_str()))
                && (needle.is_empty() || row.article.to_lowercase().contains(&needle))
        })
        .collect();
    let by_name = |a: &usize, b: &usize| rows[*a].article.cmp(&rows[*b].article);
    match key.sort {
        SortKey::Name => order.sort_by(by_name),
        SortKey::Status => order.sort_by(|a, b| {
            rows[*a]
                .status
                .cmp(&rows[*b].status)
                .then_with(|| by_name(a, b))
        }),
        SortKey::Spans => order.sort_by(|a, b| {
            rows[*a]
                .spans
                .cmp(&rows[*b].spans)
                .then_with(|| by_name(a, b))
        }),
        SortKey::Annotator => order.sort_by(|a, b| {
            rows[*a]
                .annotator
                .cmp(&rows[*b].annotator)
                .then_with(|| by_name(a, b))
        }),
        SortKey::Modified => order.sort_by(|a, b| {
            rows[*a]
                .modified
                .cmp(&rows[*b].modified)
                .then_with(|| by_name(a, b))
        }),
    }
    if key.descending {
        order.reverse();
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(article: &str, status: Status, spans: usize, annotator: Option<&str>) -> DocumentRow {
        DocumentRow {
            article: article.to_string(),
            set: None,
            status,
            spans,
            labels: if spans > 0 {
                vec![("PERSON".to_string(), spans)]
            } else {
                Vec::new()
            },
            annotator: annotator.map(str::to_string),
            modified: None,
            problems: Vec::new(),
            gold: None,
        }
    }

    #[test]
    fn filters_and_sorts_without_losing_rows() {
        let rows = vec![
            row("b.txt", Status::Done, 5, Some("ana")),
            row("a.txt", Status::New, 0, None),
            row("c/d.txt", Status::InProgress, 9, Some("ben")),
        ];
        let mut panel = DocumentsPanel::default();
        assert_eq!(panel.order(&rows, 1), &[1, 0, 2]);
        panel.sort = SortKey::Spans;
        panel.descending = true;
        assert_eq!(panel.order(&rows, 1), &[2, 0, 1]);
        panel.states.insert(Status::Done);
        panel.states.insert(Status::New);
        assert_eq!(panel.order(&rows, 1), &[0, 1]);
        panel.states.clear();
        panel.label = Some("PERSON".into());
        panel.annotator = Some("ben".into());
        assert_eq!(panel.order(&rows, 1), &[2]);
        panel.label = None;
        panel.annotator = None;
        panel.name_filter = "C/".into();
        assert_eq!(panel.order(&rows, 1), &[2]);
    }

    #[test]
    fn progress_counts_done_and_curated() {
        let rows = vec![
            row("a", Status::Done, 1, None),
            row("b", Status::Curated, 1, None),
            row("c", Status::InProgress, 1, None),
            row("d", Status::New, 0, None),
        ];
        assert_eq!(progress(&rows), (2, 4));
        assert_eq!(thousands(1200), "1,200");
        assert_eq!(thousands(312), "312");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
