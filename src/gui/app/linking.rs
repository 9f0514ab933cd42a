//! Links from the keyboard and the mouse: link mode (Ctrl+K, then a click, or Tab to the
//! target and Enter), and a quote's speaker stepped to the next candidate nearby (Alt+S).

use super::dialogs::Dialog;
use super::{Linking, NewsmarkApp};
use crate::gui::command::Command;
use crate::model::{RelationId, SpanId};
use crate::session::{LinkOutcome, SpeakerOutcome};

impl NewsmarkApp {
    /// Link mode: the next span clicked (or chosen with Tab and Enter) becomes the link's
    /// target.
    pub fn start_link(&mut self, from: SpanId, retarget: Option<RelationId>) {
        self.linking = Some(Linking { from, retarget });
        self.info("Click the span to link to, or Tab to it and press Enter (Esc cancels)");
    }

    /// A command given in link mode: Tab / Shift+Tab choose the target, Enter links to it
    /// (both taken here: `true`); Esc, scrolling and moving the caret keep their meaning;
    /// any other command ends link mode first, said in the status line, then runs.
    pub(super) fn link_mode_command(&mut self, command: &Command) -> bool {
        let Some(linking) = self.linking else {
            return false;
        };
        match command {
            Command::NextSpan | Command::PreviousSpan => {
                self.select_neighbour(*command == Command::NextSpan);
                let target = self.doc.as_ref().and_then(|doc| {
                    let span = doc.set().span(doc.view_state.selected_span?)?;
                    let text: String = doc.set().span_text(span).chars().take(40).collect();
                    Some(format!("{} \u{2018}{text}\u{2019}", span.label))
                });
                if let Some(target) = target {
                    self.info(format!(
                        "Link to {target}? Enter links, Tab goes on, Esc cancels"
                    ));
                }
                true
            }
            Command::AcceptSuggestion => {
                let target = self.doc.as_ref().and_then(|d| d.view_state.selected_span);
                match target {
                    Some(to) if to != linking.from => {
                        self.linking = None;
                        if let Some(doc) = &mut self.doc {
                            doc.view_state.selected_span = Some(linking.from);
                        }
                        self.finish_link(linking.from, to, linking.retarget, None);
                    }
                    _ => self.info("Tab to the span to link to, then Enter (Esc cancels)"),
                }
                true
            }
            Command::ClearSelection
            | Command::PageUp
            | Command::PageDown
            | Command::ToStart
            | Command::ToEnd
            | Command::CaretLeft
            | Command::CaretRight
            | Command::CaretUp
            | Command::CaretDown
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::ToggleHelp => false,
            _ => {
                self.linking = None;
                self.info("Linking cancelled");
                false
            }
        }
    }

    /// Make (or retarget) a link from `from` to `to`. With `label` unset the schema decides;
    /// when several types fit, the user is asked.
    pub fn finish_link(
        &mut self,
        from: SpanId,
        to: SpanId,
        retarget: Option<RelationId>,
        label: Option<&str>,
    ) {
        let Some(doc) = &mut self.doc else { return };
        match doc.open.link(from, to, retarget, label) {
            Ok(LinkOutcome::Linked(_) | LinkOutcome::Retargeted(_)) => {
                self.report_last_edit(Ok(()));
            }
            Ok(LinkOutcome::Choose(candidates)) => self.show(Dialog::LinkChoice {
                from,
                to,
                retarget,
                candidates,
            }),
            Ok(LinkOutcome::Refused { from, to, why }) => {
                self.error(format!("Cannot link {from} to {to}: {why}"));
            }
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    /// Point the selected quote's (or claim's) speaker at the next candidate nearby (the
    /// previous one with `backward`): [`crate::session::OpenSet::next_speaker`].
    pub(super) fn next_speaker(&mut self, backward: bool) {
        let Some(doc) = &mut self.doc else { return };
        let Some(quote) = doc.view_state.selected_span else {
            self.info("Select a quote or claim first (Tab goes from span to span)");
            return;
        };
        match doc.open.next_speaker(quote, backward) {
            Ok(SpeakerOutcome::Linked {
                speaker,
                position,
                of,
            }) => {
                let name = doc
                    .set()
                    .span(speaker)
                    .map(|s| format!("{} \u{2018}{}\u{2019}", s.label, doc.set().span_text(s)))
                    .unwrap_or_default();
                self.info(format!(
                    "Speaker: {name} ({position} of {of} nearby; Alt+S next, Alt+Shift+S previous, Ctrl+Z undoes)"
                ));
            }
            Ok(SpeakerOutcome::NoCandidates) => self.info(
                "No person, source or organisation is labelled near this quote: label the speaker first",
            ),
            Ok(SpeakerOutcome::NotAQuote(label)) => {
                self.info(format!("A {label} has no speaker: select a quote or claim"));
            }
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }
}
