//! Find in the corpus: every occurrence of a word or phrase in every article, as a
//! keyword-in-context list (one line a hit), each hit one click away; and "label all in the
//! corpus", which first shows how many matches each document would get as suggestions.

pub use crate::corpus::find::Hit;
use crate::formats::visible::count;

/// What the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum CorpusFindAction {
    /// Run the search with the panel's query and options.
    Search,
    /// Open the article of hit `n` with the match selected.
    Open(usize),
    /// Label every hit with this label as suggestions (after the per-document preview).
    LabelAll(String),
}

#[derive(Debug, Default)]
pub struct CorpusFindPanel {
    pub query: String,
    pub case_sensitive: bool,
    pub whole_word: bool,
    pub hits: Vec<Hit>,
    /// The query the hits are for (the box may have changed since).
    pub searched: Option<String>,
    /// Documents that could not be searched (unreadable), with why.
    pub problems: Vec<String>,
    /// How long the last search took, in milliseconds.
    pub millis: Option<f64>,
    /// The label chosen for "label all".
    pub label: Option<String>,
    /// Showing the per-document counts before labelling.
    pub confirming: bool,
    /// The hit last opened.
    pub current: Option<usize>,
    /// Articles where the search stopped at the limit of matches per article (the rest of
    /// each was not searched).
    pub stopped_at_limit: Vec<String>,
    /// Put the keyboard in the query box on the next frame (the panel was just opened), so
    /// typing goes there and not to the label keys of the text.
    pub focus_query: bool,
}

impl CorpusFindPanel {
    /// What the user must know when the search stopped at the limit: the matches listed (and
    /// labelled by "label all") are the first ones only.
    pub fn limit_note(&self) -> Option<String> {
        let (first, rest) = self.stopped_at_limit.split_first()?;
        let more = if rest.is_empty() {
            String::new()
        } else {
            format!(" and {} more", rest.len())
        };
        Some(format!(
            "Stopped at {} matches in {first}{more}: the rest of that text was not searched, so \
             these are the first matches only. A longer phrase, Whole words or Match case finds \
             fewer.",
            crate::model::find::MAX_MATCHES
        ))
    }

    /// Matches per document, in corpus order: what "label all" would add where.
    pub fn counts_per_document(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for hit in &self.hits {
            match counts.last_mut() {
                Some((article, n)) if *article == hit.article => *n += 1,
                _ => counts.push((hit.article.clone(), 1)),
            }
        }
        counts
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, labels: &[String]) -> Option<CorpusFindAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            let label = ui.label("Find in corpus");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .desired_width(240.0)
                        .hint_text("word or phrase"),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_query) {
                response.request_focus();
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                action = Some(CorpusFindAction::Search);
            }
            ui.checkbox(&mut self.case_sensitive, "Match case");
            ui.checkbox(&mut self.whole_word, "Whole words");
            if ui.button("Search").clicked() {
                action = Some(CorpusFindAction::Search);
            }
        });
        if let Some(query) = &self.searched {
            let documents = self.counts_per_document().len();
            let mut summary = format!(
                "{} of “{query}” in {}",
                count(self.hits.len(), "match", "matches"),
                count(documents, "document", "documents")
            );
            if let Some(ms) = self.millis {
                summary.push_str(&format!(" ({ms:.0} ms)"));
            }
            ui.label(summary);
        }
        if let Some(note) = self.limit_note() {
            ui.colored_label(ui.visuals().warn_fg_color, note);
        }
        for problem in &self.problems {
            ui.colored_label(ui.visuals().warn_fg_color, problem);
        }
        if !self.hits.is_empty() {
            ui.horizontal(|ui| {
                egui::ComboBox::new("corpus-find-label", "Suggest as")
                    .selected_text(self.label.as_deref().unwrap_or("label…"))
                    .show_ui(ui, |ui| {
                        for label in labels {
                            ui.selectable_value(&mut self.label, Some(label.clone()), label);
                        }
                    });
                let can_label = self.label.is_some();
                if ui
                    .add_enabled(can_label, egui::Button::new("Label all in the corpus…"))
                    .on_hover_text("Adds every match as a suggestion to review in its document")
                    .clicked()
                {
                    self.confirming = true;
                }
            });
        }
        if self.confirming {
            self.confirm_ui(ui, &mut action);
        }
        ui.separator();
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("corpus-find-hits")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, self.hits.len(), |ui, visible| {
                for index in visible {
                    let hit = &self.hits[index];
                    let selected = self.current == Some(index);
                    let mut job = egui::text::LayoutJob::default();
                    let body = egui::TextFormat {
                        color: ui.visuals().text_color(),
                        ..Default::default()
                    };
                    let weak = egui::TextFormat {
                        color: ui.visuals().weak_text_color(),
                        ..Default::default()
                    };
                    let strong = egui::TextFormat {
                        color: ui.visuals().strong_text_color(),
                        background: ui.visuals().selection.bg_fill,
                        ..Default::default()
                    };
                    job.append(&format!("{}  ", short_name(&hit.article)), 0.0, weak);
                    job.append(&hit.before, 0.0, body.clone());
                    job.append(&hit.matched, 0.0, strong);
                    job.append(&hit.after, 0.0, body);
                    job.wrap.max_rows = 1;
                    let response = ui
                        .add(egui::Button::selectable(selected, job).truncate())
                        .on_hover_text(format!("{} at {}", hit.article, hit.range.start));
                    if response.clicked() {
                        self.current = Some(index);
                        action = Some(CorpusFindAction::Open(index));
                    }
                }
            });
        action
    }

    fn confirm_ui(&mut self, ui: &mut egui::Ui, action: &mut Option<CorpusFindAction>) {
        let Some(label) = self.label.clone() else {
            self.confirming = false;
            return;
        };
        let counts = self.counts_per_document();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(format!(
                "Add {} {label} {} in {}? Nothing is accepted until you review it in each \
                 document.",
                self.hits.len(),
                if self.hits.len() == 1 {
                    "suggestion"
                } else {
                    "suggestions"
                },
                count(counts.len(), "document", "documents")
            ));
            if self.limit_note().is_some() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Only the matches found: the search stopped at its limit (see above).",
                );
            }
            egui::ScrollArea::vertical()
                .id_salt("corpus-find-counts")
                .max_height(140.0)
                .show(ui, |ui| {
                    for (article, n) in &counts {
                        ui.label(format!("{n:>5}  {article}"));
                    }
                });
            ui.horizontal(|ui| {
                if ui.button(format!("Add {label} suggestions")).clicked() {
                    *action = Some(CorpusFindAction::LabelAll(label.clone()));
                    self.confirming = false;
                }
                if ui.button("Cancel").clicked() {
                    self.confirming = false;
                }
            });
        });
    }
}

fn short_name(article: &str) -> &str {
    article.rsplit('/').next().unwrap_or(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(article: &str, start: usize) -> Hit {
        Hit {
            document_index: 0,
            article: article.into(),
            range: start..start + 3,
            line: 1,
            before: String::new(),
            matched: "abc".into(),
            after: String::new(),
        }
    }

    #[test]
    fn a_search_cut_at_the_limit_says_so() {
        let mut panel = CorpusFindPanel::default();
        assert_eq!(panel.limit_note(), None);
        panel.stopped_at_limit = vec!["big.txt".into()];
        let note = panel.limit_note().unwrap();
        assert!(
            note.starts_with("Stopped at 100000 matches in big.txt:"),
            "{note}"
        );
        panel.stopped_at_limit.push("huge.txt".into());
        assert!(panel.limit_note().unwrap().contains("big.txt and 1 more"));
    }

    #[test]
    fn counts_group_hits_by_document_in_order() {
        let panel = CorpusFindPanel {
            hits: vec![hit("a.txt", 1), hit("a.txt", 9), hit("b/c.txt", 2)],
            ..Default::default()
        };
        assert_eq!(
            panel.counts_per_document(),
            [("a.txt".to_string(), 2), ("b/c.txt".to_string(), 1)]
        );
    }
}
