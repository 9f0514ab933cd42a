//! The curation panel: the current disagreement (label kind, range), each annotator's version
//! of it in that annotator's colour (a letter in blind mode) with the text it covers, what the
//! gold set holds there now, and how many disagreements are left. The decisions themselves are
//! the core's ([`crate::team::curation::Curation`]); this view only shows them and returns the
//! user's [`CurationAction`]. The same actions have keys in the command table.

use egui::{Color32, RichText};

use crate::formats::visible::count;
use crate::model::AnnotationSet;
use crate::model::span::Review;
use crate::team::curation::Curation;

/// What the curator asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CurationAction {
    Next,
    Previous,
    /// Take annotator `n`'s version (0-based index into the curation's annotators).
    Take(usize),
    TakeAll,
    TakeNone,
    /// Select the disagreement's text so the curator can label it by hand.
    Edit,
    /// Keep what the gold set holds there now and drop the merge suggestions left in it.
    FinishEdited,
    /// Show annotator names, or hide them (blind mode).
    ToggleBlind,
    Save,
    Close,
}

/// Fixed colours for annotators 1, 2, 3 … (distinct from one another in both themes).
const ANNOTATOR_COLORS: [Color32; 9] = [
    Color32::from_rgb(0x1f, 0x77, 0xb4),
    Color32::from_rgb(0xd6, 0x27, 0x28),
    Color32::from_rgb(0x2c, 0xa0, 0x2c),
    Color32::from_rgb(0x94, 0x67, 0xbd),
    Color32::from_rgb(0xff, 0x7f, 0x0e),
    Color32::from_rgb(0x17, 0xbe, 0xcf),
    Color32::from_rgb(0x8c, 0x56, 0x4b),
    Color32::from_rgb(0xe3, 0x77, 0xc2),
    Color32::from_rgb(0xbc, 0xbd, 0x22),
];

/// The colour of annotator `index`.
pub fn annotator_color(index: usize) -> Color32 {
    ANNOTATOR_COLORS[index % ANNOTATOR_COLORS.len()]
}

/// `text[range]` in code points, shortened to about 80 characters.
/// The text of `start..end` in quotation marks, cut at 80 characters; a text that opens
/// with a quotation mark of its own (a quote span) is shown as it is, not in a second pair.
fn excerpt(gold: &AnnotationSet, start: usize, end: usize) -> String {
    let len = gold.text().char_len();
    let text = gold.text().slice(start.min(len)..end.min(len));
    let text = if text.chars().count() > 80 {
        format!("{}…", text.chars().take(79).collect::<String>())
    } else {
        text.to_string()
    };
    const OPENING: [char; 9] = ['"', '“', '”', '„', '«', '»', '‘', '\'', '‹'];
    if text.starts_with(OPENING) {
        text
    } else {
        format!("“{text}”")
    }
}

/// A span's attributes as the curator compares them: ` · checkworthy=yes, verdict=REFUTES`
/// (versions that differ only there look the same otherwise).
fn attributes_text(attributes: &crate::model::span::Attributes) -> String {
    if attributes.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = attributes
        .iter()
        .map(|(name, value)| match value.as_str() {
            Some(text) => format!("{name}={text}"),
            None => format!("{name}={value}"),
        })
        .collect();
    format!(" · {}", pairs.join(", "))
}

fn kind_name(kind: crate::model::schema::LabelKind) -> &'static str {
    use crate::model::schema::LabelKind;
    match kind {
        LabelKind::Entity => "entities",
        LabelKind::Quote => "quotes",
        LabelKind::Claim => "claims",
        LabelKind::Other => "other labels",
    }
}

/// The panel. `current`: the disagreement shown (index into the curation's disagreements).
pub fn ui(
    ui: &mut egui::Ui,
    curation: &Curation,
    gold: &AnnotationSet,
    current: Option<usize>,
) -> Vec<CurationAction> {
    let mut actions = Vec::new();
    let total = curation.disagreements().len();
    let open = curation.open_count(gold);
    ui.heading("Curation");
    ui.label(format!(
        "{} annotators, {} · {open} of {} left",
        curation.annotators.len(),
        curation.strategy.as_str(),
        count(total, "disagreement", "disagreements")
    ));
    let links = curation.links_left(gold);
    if open == 0 && links > 0 {
        ui.label(
            RichText::new(format!(
                "No disagreement left, but {} still {}: Ctrl+J goes to each, Enter accepts, Backspace rejects.",
                count(links, "suggested link", "suggested links"),
                if links == 1 { "waits" } else { "wait" }
            ))
            .strong(),
        );
    } else if open == 0 {
        ui.label(
            RichText::new("Curated: no disagreement left. Save to keep the gold set.").strong(),
        );
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("Previous [Shift+F8]").clicked() {
            actions.push(CurationAction::Previous);
        }
        if ui.button("Next [F8]").clicked() {
            actions.push(CurationAction::Next);
        }
        let blind = if curation.blind {
            "Show names"
        } else {
            "Blind"
        };
        if ui.button(blind).clicked() {
            actions.push(CurationAction::ToggleBlind);
        }
        if ui.button("Save gold").clicked() {
            actions.push(CurationAction::Save);
        }
        if ui.button("Close curation").clicked() {
            actions.push(CurationAction::Close);
        }
    });
    ui.separator();
    let Some(d) = current.filter(|&d| d < total) else {
        ui.label("No disagreement selected.");
        return actions;
    };
    let dis = &curation.disagreements()[d];
    let state = if curation.is_open(gold, d) {
        "open"
    } else {
        "decided"
    };
    ui.label(
        RichText::new(format!(
            "Disagreement {} of {total} ({state}): {} at {}..{}",
            d + 1,
            dis.stretches
                .iter()
                .map(|s| kind_name(s.kind))
                .collect::<Vec<_>>()
                .join(" and "),
            dis.start,
            dis.end
        ))
        .strong(),
    );
    ui.label(RichText::new(excerpt(gold, dis.start, dis.end)).italics());
    ui.add_space(4.0);
    if let Ok(versions) = curation.versions_of(d) {
        for version in versions {
            let color = annotator_color(version.annotator);
            ui.horizontal_wrapped(|ui| {
                let key = if version.annotator < 9 {
                    format!(" [Alt+{}]", version.annotator + 1)
                } else {
                    String::new()
                };
                let button = egui::Button::new(
                    RichText::new(format!("Take {}{key}", version.shown)).color(color),
                )
                .stroke(egui::Stroke::new(1.5, color));
                if ui.add(button).clicked() {
                    actions.push(CurationAction::Take(version.annotator));
                }
                if version.spans.is_empty() {
                    ui.label(RichText::new("(nothing marked here)").color(color));
                }
            });
            for span in &version.spans {
                ui.label(
                    RichText::new(format!(
                        "    {} {}..{} {}{}",
                        span.label,
                        span.start,
                        span.end,
                        excerpt(gold, span.start, span.end),
                        attributes_text(&span.attributes)
                    ))
                    .color(color),
                );
            }
        }
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("Take all [Alt+A]").clicked() {
            actions.push(CurationAction::TakeAll);
        }
        if ui.button("Take none [Alt+0]").clicked() {
            actions.push(CurationAction::TakeNone);
        }
        if ui.button("Edit by hand [Alt+E]").clicked() {
            actions.push(CurationAction::Edit);
        }
        if ui.button("Done editing").clicked() {
            actions.push(CurationAction::FinishEdited);
        }
    });
    ui.separator();
    ui.label(RichText::new("Gold set here").strong());
    let mut any = false;
    for span in gold.spans_overlapping(dis.start..dis.end) {
        let kind = gold.schema.label(&span.label).map(|l| l.kind);
        if kind.is_some_and(|k| !dis.stretches.iter().any(|s| s.kind == k)) {
            continue;
        }
        any = true;
        let state = match span.review {
            Review::Suggested => " (suggestion)",
            _ => "",
        };
        let who = if span.annotators.is_empty() || curation.blind {
            String::new()
        } else {
            format!(" — {}", span.annotators.join(", "))
        };
        ui.label(format!(
            "{} {}..{} {}{}{state}{who}",
            span.label,
            span.start,
            span.end,
            excerpt(gold, span.start, span.end),
            attributes_text(&span.attributes)
        ));
    }
    if !any {
        ui.label("(nothing)");
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Schema};

    #[test]
    fn an_excerpt_is_quoted_once() {
        let set = AnnotationSet::new(
            Document::new("He said \"We saw it\" and «ici» then left."),
            Schema::default(),
        );
        assert_eq!(excerpt(&set, 8, 19), "\"We saw it\"");
        assert_eq!(excerpt(&set, 24, 29), "«ici»");
        assert_eq!(excerpt(&set, 0, 2), "“He”");
    }

    #[test]
    fn versions_that_differ_in_attributes_only_show_them() {
        let mut attributes = crate::model::span::Attributes::new();
        assert_eq!(attributes_text(&attributes), "");
        attributes.insert("verdict".into(), "REFUTES".into());
        attributes.insert("checkworthy".into(), true.into());
        assert_eq!(
            attributes_text(&attributes),
            " · checkworthy=true, verdict=REFUTES"
        );
    }
}
