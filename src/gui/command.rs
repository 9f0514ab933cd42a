//! Every user action is a [`Command`] with one label, any number of shortcuts and its place
//! in the menus, so the menus, the keyboard and the help overlay (all generated from this
//! table) cannot disagree. The side panel, the text view and the find bar send commands too.
//! The app drains queued commands once per frame.

use std::ops::Range;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::SpanId;

/// The menus of the menu bar, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Suggestions,
    Corpus,
    Team,
    View,
    Help,
}

impl Menu {
    pub const ALL: [Menu; 7] = [
        Menu::File,
        Menu::Edit,
        Menu::Suggestions,
        Menu::Corpus,
        Menu::Team,
        Menu::View,
        Menu::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::Suggestions => "Suggestions",
            Menu::Corpus => "Corpus",
            Menu::Team => "Team",
            Menu::View => "View",
            Menu::Help => "Help",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Open,
    OpenPath,
    Save,
    SaveAs,
    Close,
    Quit,
    Undo,
    Redo,
    ApplyLabel(String),
    /// Give a span another label (the side panel's label box).
    Relabel(SpanId, String),
    /// Delete the selected span (Del, the menu and the side panel's Delete).
    DeleteSpan,
    /// Give a span new boundaries (a boundary dragged in the text).
    MoveSpan(SpanId, Range<usize>),
    /// Label every match of the find bar.
    LabelAllMatches(String),
    NextSpan,
    PreviousSpan,
    ClearSelection,
    CaretLeft,
    CaretRight,
    ExtendLeft,
    ExtendRight,
    ExtendWordLeft,
    ExtendWordRight,
    CaretUp,
    CaretDown,
    ExtendUp,
    ExtendDown,
    CaretRowStart,
    CaretRowEnd,
    ExtendRowStart,
    ExtendRowEnd,
    SpanStartLeft,
    SpanStartRight,
    SpanEndLeft,
    SpanEndRight,
    /// Move the selected span's start / end by a word (over punctuation and spaces).
    SpanStartWordLeft,
    SpanStartWordRight,
    SpanEndWordLeft,
    SpanEndWordRight,
    ToggleWordSnapping,
    PageUp,
    PageDown,
    ToStart,
    ToEnd,
    ExtendToStart,
    ExtendToEnd,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleTheme,
    /// Show or hide label names above the spans.
    ToggleLabelTags,
    ToggleSpanList,
    ToggleHelp,
    /// Link the selected span to the next span clicked.
    Link,
    /// Point the selected quote's speaker link at the next candidate nearby.
    NextSpeaker,
    /// ... at the previous candidate.
    PreviousSpeaker,
    /// Cycle the value of the selected span's n-th attribute (1-based).
    CycleAttribute(u8),
    AcceptSuggestion,
    RejectSuggestion,
    AcceptAllOfLabel,
    RejectAllOfLabel,
    NextSuggestion,
    /// Find text in the article (the find bar).
    Find,
    FindNext,
    FindPrevious,
    /// Run the rule-based suggesters on the open set.
    Suggest,
    /// Add another file's annotations on this article (a model's output) as suggestions.
    SuggestFromFile,
    Export,
    Import,
    /// Move the annotations onto a changed version of the article.
    Reanchor,
    // --- corpus (src/gui/app/corpus.rs) ---
    /// Open a folder as a corpus.
    OpenFolder,
    /// Show or hide the documents panel.
    ToggleDocuments,
    NextDocument,
    PreviousDocument,
    NextUnfinished,
    /// Mark the open document done, save it and move to the next unfinished one.
    MarkDone,
    /// Open the row at this index of the documents list (a click, Enter).
    OpenDocument(usize),
    /// The corpus's inter-annotator agreement, with its disagreements one click away.
    Agreement,
    /// Who is annotating: the window opens and saves `story.NAME.json` (src/gui/app/annotator.rs).
    SetAnnotator,
    /// Find a word or phrase in every article of the corpus.
    FindInCorpus,
    /// The corpus dashboard (plots, CSV).
    Dashboard,
    /// Show or hide the corpus's guidelines beside the text.
    ToggleGuidelines,
    /// The labels editor: add, rename, recolour, remove labels across the corpus.
    EditLabels,
    /// The rules and the corpus gazetteer on every document of the corpus, on a thread.
    SuggestCorpus,
    // ---- Curation (src/gui/app/curation.rs) ----
    /// Open the annotators' sets of one article as a curation into its gold set.
    Curate,
    NextDisagreement,
    PreviousDisagreement,
    /// Take annotator n's version of the current disagreement (1-based).
    TakeVersion(u8),
    TakeAllVersions,
    TakeNoVersion,
    /// Select the current disagreement's text to label it by hand.
    EditDisagreement,
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;

fn both(a: Modifiers, b: Modifiers) -> Modifiers {
    a | b
}

impl Command {
    /// Every command that has a fixed meaning (label hotkeys come from the schema).
    pub fn all() -> Vec<Command> {
        use Command::*;
        vec![
            // File
            Open,
            OpenPath,
            OpenFolder,
            Reanchor,
            Import,
            Export,
            Save,
            SaveAs,
            Close,
            Quit,
            // Edit
            Undo,
            Redo,
            DeleteSpan,
            NextSpan,
            PreviousSpan,
            ClearSelection,
            Link,
            NextSpeaker,
            PreviousSpeaker,
            Find,
            FindNext,
            FindPrevious,
            ToggleWordSnapping,
            // Suggestions
            Suggest,
            SuggestFromFile,
            SuggestCorpus,
            NextSuggestion,
            AcceptSuggestion,
            RejectSuggestion,
            AcceptAllOfLabel,
            RejectAllOfLabel,
            // Corpus
            ToggleDocuments,
            ToggleGuidelines,
            NextDocument,
            PreviousDocument,
            NextUnfinished,
            MarkDone,
            FindInCorpus,
            Dashboard,
            EditLabels,
            // Team
            Agreement,
            Curate,
            SetAnnotator,
            // Team: deciding a curation's disagreements
            NextDisagreement,
            PreviousDisagreement,
            TakeVersion(1),
            TakeVersion(2),
            TakeVersion(3),
            TakeVersion(4),
            TakeVersion(5),
            TakeVersion(6),
            TakeVersion(7),
            TakeVersion(8),
            TakeVersion(9),
            TakeAllVersions,
            TakeNoVersion,
            EditDisagreement,
            // View
            ZoomIn,
            ZoomOut,
            ZoomReset,
            ToggleTheme,
            ToggleLabelTags,
            ToggleSpanList,
            // Help
            ToggleHelp,
            // Keyboard only
            CaretLeft,
            CaretRight,
            ExtendLeft,
            ExtendRight,
            ExtendWordLeft,
            ExtendWordRight,
            CaretUp,
            CaretDown,
            ExtendUp,
            ExtendDown,
            CaretRowStart,
            CaretRowEnd,
            ExtendRowStart,
            ExtendRowEnd,
            SpanStartLeft,
            SpanStartRight,
            SpanEndLeft,
            SpanEndRight,
            SpanStartWordLeft,
            SpanStartWordRight,
            SpanEndWordLeft,
            SpanEndWordRight,
            PageUp,
            PageDown,
            ToStart,
            ToEnd,
            ExtendToStart,
            ExtendToEnd,
            CycleAttribute(1),
            CycleAttribute(2),
            CycleAttribute(3),
            CycleAttribute(4),
            CycleAttribute(5),
        ]
    }

    /// Where the command sits in the menu bar: the menu, and its group in that menu (groups
    /// are separated by a line). `None`: keyboard only.
    pub fn menu(&self) -> Option<(Menu, u8)> {
        use Command::*;
        Some(match self {
            Open | OpenPath | OpenFolder => (Menu::File, 0),
            ToggleDocuments | ToggleGuidelines => (Menu::Corpus, 0),
            Dashboard | EditLabels => (Menu::Corpus, 2),
            Agreement => (Menu::Team, 0),
            SetAnnotator => (Menu::Team, 1),
            FindInCorpus => (Menu::Corpus, 2),
            NextDocument | PreviousDocument | NextUnfinished | MarkDone => (Menu::Corpus, 1),
            Reanchor | Import | Export => (Menu::File, 1),
            Save | SaveAs | Close => (Menu::File, 2),
            Quit => (Menu::File, 3),
            Undo | Redo => (Menu::Edit, 0),
            DeleteSpan | NextSpan | PreviousSpan | ClearSelection | Link | NextSpeaker
            | PreviousSpeaker => (Menu::Edit, 1),
            Find | FindNext | FindPrevious => (Menu::Edit, 2),
            ToggleWordSnapping => (Menu::Edit, 3),
            Curate => (Menu::Team, 0),
            NextDisagreement | PreviousDisagreement | TakeVersion(_) | TakeAllVersions
            | TakeNoVersion | EditDisagreement => (Menu::Team, 2),
            Suggest | SuggestFromFile | SuggestCorpus | NextSuggestion | AcceptSuggestion
            | RejectSuggestion | AcceptAllOfLabel | RejectAllOfLabel => (Menu::Suggestions, 0),
            ZoomIn | ZoomOut | ZoomReset | ToggleTheme | ToggleLabelTags | ToggleSpanList => {
                (Menu::View, 0)
            }
            ToggleHelp => (Menu::Help, 0),
            _ => return None,
        })
    }

    /// True for commands that act on an open document (greyed out without one).
    pub fn needs_document(&self) -> bool {
        use Command::*;
        !matches!(
            self,
            Open | OpenPath
                | OpenFolder
                | ToggleDocuments
                | NextDocument
                | PreviousDocument
                | NextUnfinished
                | OpenDocument(_)
                | Agreement
                | SetAnnotator
                | FindInCorpus
                | Dashboard
                | EditLabels
                | SuggestCorpus
                | ToggleGuidelines
                | Import
                | Export
                | Quit
                | ZoomIn
                | ZoomOut
                | ZoomReset
                | ToggleTheme
                | ToggleLabelTags
                | ToggleSpanList
                | ToggleHelp
                | ToggleWordSnapping
                | Curate
        )
    }

    pub fn label(&self) -> String {
        use Command::*;
        match self {
            Open => "Open…".into(),
            OpenPath => "Open by path…".into(),
            OpenFolder => "Open folder…".into(),
            ToggleDocuments => "Documents panel".into(),
            NextDocument => "Next document".into(),
            PreviousDocument => "Previous document".into(),
            NextUnfinished => "Next unfinished document".into(),
            MarkDone => "Mark done and go on".into(),
            Agreement => "Agreement…".into(),
            SetAnnotator => "Annotator name…".into(),
            FindInCorpus => "Find in corpus…".into(),
            Dashboard => "Dashboard".into(),
            EditLabels => "Labels…".into(),
            SuggestCorpus => "Suggest for the whole corpus".into(),
            ToggleGuidelines => "Guidelines panel".into(),
            OpenDocument(i) => format!("Open document {}", i + 1),
            Save => "Save".into(),
            SaveAs => "Save As…".into(),
            Close => "Close".into(),
            Quit => "Quit".into(),
            Undo => "Undo".into(),
            Redo => "Redo".into(),
            ApplyLabel(label) => format!("Label {label}"),
            Relabel(_, label) => format!("Relabel as {label}"),
            MoveSpan(..) => "Move span".into(),
            LabelAllMatches(label) => format!("Label all matches {label}"),
            DeleteSpan => "Delete span".into(),
            NextSpan => "Next span".into(),
            PreviousSpan => "Previous span".into(),
            ClearSelection => "Clear selection".into(),
            CaretLeft => "Caret left".into(),
            CaretRight => "Caret right".into(),
            ExtendLeft => "Extend selection left".into(),
            ExtendRight => "Extend selection right".into(),
            ExtendWordLeft => "Extend selection a word left".into(),
            ExtendWordRight => "Extend selection a word right".into(),
            CaretUp => "Caret up a line".into(),
            CaretDown => "Caret down a line".into(),
            ExtendUp => "Extend selection up a line".into(),
            ExtendDown => "Extend selection down a line".into(),
            CaretRowStart => "Caret to the start of the line".into(),
            CaretRowEnd => "Caret to the end of the line".into(),
            ExtendRowStart => "Extend selection to the start of the line".into(),
            ExtendRowEnd => "Extend selection to the end of the line".into(),
            SpanStartLeft => "Move span start left".into(),
            SpanStartRight => "Move span start right".into(),
            SpanEndLeft => "Move span end left".into(),
            SpanEndRight => "Move span end right".into(),
            SpanStartWordLeft => "Move span start a word left".into(),
            SpanStartWordRight => "Move span start a word right".into(),
            SpanEndWordLeft => "Move span end a word left".into(),
            SpanEndWordRight => "Move span end a word right".into(),
            ToggleWordSnapping => "Snap selections to words".into(),
            PageUp => "Page up".into(),
            PageDown => "Page down".into(),
            ToStart => "Go to start".into(),
            ToEnd => "Go to end".into(),
            ExtendToStart => "Extend selection to start".into(),
            ExtendToEnd => "Extend selection to end".into(),
            ZoomIn => "Larger text".into(),
            ZoomOut => "Smaller text".into(),
            ZoomReset => "Default text size".into(),
            ToggleTheme => "Dark / light theme".into(),
            ToggleLabelTags => "Label names above spans".into(),
            ToggleSpanList => "Side panel".into(),
            ToggleHelp => "Keyboard shortcuts".into(),
            Link => "Link selected span to…".into(),
            NextSpeaker => "Next speaker candidate".into(),
            PreviousSpeaker => "Previous speaker candidate".into(),
            CycleAttribute(n) => format!("Cycle attribute {n}"),
            AcceptSuggestion => "Accept suggestion".into(),
            RejectSuggestion => "Reject suggestion".into(),
            AcceptAllOfLabel => "Accept all suggestions of this label".into(),
            RejectAllOfLabel => "Reject all suggestions of this label".into(),
            NextSuggestion => "Next suggestion".into(),
            Suggest => "Suggest quotes, speakers and names".into(),
            SuggestFromFile => "Suggestions from a file…".into(),
            Find => "Find…".into(),
            FindNext => "Find next".into(),
            FindPrevious => "Find previous".into(),
            Export => "Export…".into(),
            Import => "Import…".into(),
            Reanchor => "Re-anchor onto a changed article…".into(),
            Curate => "Curate these sets…".into(),
            NextDisagreement => "Next disagreement".into(),
            PreviousDisagreement => "Previous disagreement".into(),
            TakeVersion(n) => format!("Take annotator {n}'s version"),
            TakeAllVersions => "Take every annotator's version".into(),
            TakeNoVersion => "Take no version".into(),
            EditDisagreement => "Edit the disagreement by hand".into(),
        }
    }

    pub fn description(&self) -> &'static str {
        use Command::*;
        match self {
            Open => "Open an article or annotation set with the system file dialog",
            OpenPath => "Type the path of a file to open (always works, even without a dialog)",
            OpenFolder => "Open a folder of articles as a corpus (the documents panel lists them)",
            NextDocument | PreviousDocument | NextUnfinished => {
                "Save the open document (if changed) and open another one of the corpus"
            }
            MarkDone => "Set the document's status to done, save it, open the next unfinished one",
            Save => "Save the annotation set (atomic write)",
            SaveAs => "Save the annotation set under another name",
            DeleteSpan => "Delete the selected span and its links",
            NextSpan | PreviousSpan => "Select the next / previous span in the text",
            ClearSelection => "Clear the text selection and the selected span",
            SpanStartLeft | SpanStartRight | SpanEndLeft | SpanEndRight => {
                "Move a boundary of the selected span by one character"
            }
            SpanStartWordLeft | SpanStartWordRight | SpanEndWordLeft | SpanEndWordRight => {
                "Move a boundary of the selected span by a word (over punctuation and spaces)"
            }
            ToggleWordSnapping => {
                "When on, selections grow to whole words (hold Alt while selecting for exact characters)"
            }
            ApplyLabel(_) => "Label the selection, or relabel the selected span",
            Link => {
                "Then click the span to link to, or Tab to it and press Enter; the schema decides the link type (or asks)"
            }
            NextSpeaker | PreviousSpeaker => {
                "On a selected quote or claim: link it to the next (previous) person, source or organisation nearby instead, its paragraph first; one undo step each"
            }
            Suggest => {
                "Rule-based suggestions (quotation marks, speech verbs, a gazetteer beside the file); review them with Enter / Backspace"
            }
            CycleAttribute(_) => "Step through the values of one of the selected span's attributes",
            AcceptSuggestion | RejectSuggestion => {
                "Review the selected suggestion and go to the next one"
            }
            AcceptAllOfLabel | RejectAllOfLabel => {
                "Review every suggestion with the selected span's label at once"
            }
            SetAnnotator => {
                "Your name in a shared corpus: the window opens and saves story.NAME.json (blank: the one story.json)"
            }
            Curate => {
                "Merge the annotators' sets of one article into its gold set (story.gold.json) and go through their disagreements"
            }
            TakeVersion(_) | TakeAllVersions | TakeNoVersion => {
                "Decide the current disagreement (undo with Ctrl+Z) and go to the next one"
            }
            EditDisagreement => {
                "Select the disagreement's text to label it by hand; then Done editing in the curation panel"
            }
            _ => "",
        }
    }

    /// The first shortcut, the one menus show.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Every shortcut of the command (Redo has two: Ctrl+Shift+Z and Ctrl+Y).
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        use Command::*;
        let (modifiers, key) = match self {
            Open => (CMD, Key::O),
            OpenPath => (both(CMD, SHIFT), Key::O),
            OpenFolder => (both(CMD, ALT), Key::O),
            ToggleDocuments => (CMD, Key::B),
            NextDocument => (ALT, Key::PageDown),
            PreviousDocument => (ALT, Key::PageUp),
            NextUnfinished => (CMD, Key::U),
            MarkDone => (CMD, Key::D),
            OpenDocument(_) | Agreement | SetAnnotator | Dashboard | EditLabels | SuggestCorpus
            | ToggleGuidelines => {
                return Vec::new();
            }
            FindInCorpus => (both(CMD, SHIFT), Key::F),
            Save => (CMD, Key::S),
            SaveAs => (both(CMD, SHIFT), Key::S),
            Close => (CMD, Key::W),
            Quit => (CMD, Key::Q),
            Undo => (CMD, Key::Z),
            Redo => {
                return vec![
                    KeyboardShortcut::new(both(CMD, SHIFT), Key::Z),
                    KeyboardShortcut::new(CMD, Key::Y),
                ];
            }
            ApplyLabel(_) | Relabel(..) | MoveSpan(..) | LabelAllMatches(_) => return Vec::new(),
            DeleteSpan => (NONE, Key::Delete),
            NextSpan => (NONE, Key::Tab),
            PreviousSpan => (SHIFT, Key::Tab),
            ClearSelection => (NONE, Key::Escape),
            CaretLeft => (NONE, Key::ArrowLeft),
            CaretRight => (NONE, Key::ArrowRight),
            ExtendLeft => (SHIFT, Key::ArrowLeft),
            ExtendRight => (SHIFT, Key::ArrowRight),
            ExtendWordLeft => (both(CMD, SHIFT), Key::ArrowLeft),
            ExtendWordRight => (both(CMD, SHIFT), Key::ArrowRight),
            CaretUp => (NONE, Key::ArrowUp),
            CaretDown => (NONE, Key::ArrowDown),
            ExtendUp => (SHIFT, Key::ArrowUp),
            ExtendDown => (SHIFT, Key::ArrowDown),
            CaretRowStart => (NONE, Key::Home),
            CaretRowEnd => (NONE, Key::End),
            ExtendRowStart => (SHIFT, Key::Home),
            ExtendRowEnd => (SHIFT, Key::End),
            SpanStartLeft => (ALT, Key::ArrowLeft),
            SpanStartRight => (ALT, Key::ArrowRight),
            SpanEndLeft => (both(ALT, SHIFT), Key::ArrowLeft),
            SpanEndRight => (both(ALT, SHIFT), Key::ArrowRight),
            SpanStartWordLeft => (both(CMD, ALT), Key::ArrowLeft),
            SpanStartWordRight => (both(CMD, ALT), Key::ArrowRight),
            SpanEndWordLeft => (both(CMD, both(ALT, SHIFT)), Key::ArrowLeft),
            SpanEndWordRight => (both(CMD, both(ALT, SHIFT)), Key::ArrowRight),
            ToggleWordSnapping => (CMD, Key::E),
            PageUp => (NONE, Key::PageUp),
            PageDown => (NONE, Key::PageDown),
            ToStart => (CMD, Key::Home),
            ToEnd => (CMD, Key::End),
            ExtendToStart => (both(CMD, SHIFT), Key::Home),
            ExtendToEnd => (both(CMD, SHIFT), Key::End),
            ZoomIn => (CMD, Key::Equals),
            ZoomOut => (CMD, Key::Minus),
            ZoomReset => (CMD, Key::Num0),
            ToggleTheme => (CMD, Key::T),
            ToggleLabelTags => (both(CMD, SHIFT), Key::T),
            ToggleSpanList => (CMD, Key::L),
            ToggleHelp => (NONE, Key::F1),
            Link => (CMD, Key::K),
            NextSpeaker => (ALT, Key::S),
            PreviousSpeaker => (both(ALT, SHIFT), Key::S),
            CycleAttribute(n) => (
                CMD,
                match n {
                    1 => Key::Num1,
                    2 => Key::Num2,
                    3 => Key::Num3,
                    4 => Key::Num4,
                    _ => Key::Num5,
                },
            ),
            AcceptSuggestion => (NONE, Key::Enter),
            RejectSuggestion => (NONE, Key::Backspace),
            AcceptAllOfLabel => (CMD, Key::Enter),
            RejectAllOfLabel => (CMD, Key::Backspace),
            NextSuggestion => (CMD, Key::J),
            Suggest => (CMD, Key::G),
            SuggestFromFile => (both(CMD, SHIFT), Key::G),
            Find => (CMD, Key::F),
            FindNext => (NONE, Key::F3),
            FindPrevious => (SHIFT, Key::F3),
            Export => (both(CMD, SHIFT), Key::E),
            Import => (CMD, Key::I),
            Reanchor => (both(CMD, SHIFT), Key::R),
            Curate => (both(CMD, SHIFT), Key::U),
            NextDisagreement => (NONE, Key::F8),
            PreviousDisagreement => (SHIFT, Key::F8),
            TakeVersion(n) => (
                ALT,
                match n {
                    1 => Key::Num1,
                    2 => Key::Num2,
                    3 => Key::Num3,
                    4 => Key::Num4,
                    5 => Key::Num5,
                    6 => Key::Num6,
                    7 => Key::Num7,
                    8 => Key::Num8,
                    _ => Key::Num9,
                },
            ),
            TakeAllVersions => (ALT, Key::A),
            TakeNoVersion => (ALT, Key::Num0),
            EditDisagreement => (ALT, Key::E),
        };
        vec![KeyboardShortcut::new(modifiers, key)]
    }

    /// Commands whose shortcut was pressed this frame (consumed from the input), most specific
    /// modifier combinations checked first so Ctrl+Shift+S is not taken for Ctrl+S.
    /// While `typing` (a text field has focus), keys the field needs are left to it.
    pub fn from_shortcuts(ctx: &egui::Context, typing: bool) -> Vec<Command> {
        let mut commands = Command::all();
        commands.retain(|c| !(typing && c.is_text_key()));
        let mut keys: Vec<(KeyboardShortcut, Command)> = commands
            .into_iter()
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (s, c.clone())))
            .collect();
        keys.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
        let mut pressed = Vec::new();
        ctx.input_mut(|input| {
            for (shortcut, command) in keys {
                if input.consume_shortcut(&shortcut) {
                    pressed.push(command);
                }
            }
        });
        pressed
    }

    /// Navigation and editing keys that a focused text field needs for itself.
    pub fn is_text_key(&self) -> bool {
        use Command::*;
        matches!(
            self,
            DeleteSpan
                | CaretLeft
                | CaretRight
                | ExtendLeft
                | ExtendRight
                | ExtendWordLeft
                | ExtendWordRight
                | CaretUp
                | CaretDown
                | ExtendUp
                | ExtendDown
                | CaretRowStart
                | CaretRowEnd
                | ExtendRowStart
                | ExtendRowEnd
                | SpanStartLeft
                | SpanStartRight
                | SpanEndLeft
                | SpanEndRight
                | SpanStartWordLeft
                | SpanStartWordRight
                | SpanEndWordLeft
                | SpanEndWordRight
                | NextSpan
                | PreviousSpan
                | PageUp
                | PageDown
                | ToStart
                | ToEnd
                | ExtendToStart
                | ExtendToEnd
                | Undo
                | Redo
                | AcceptSuggestion
                | RejectSuggestion
                | AcceptAllOfLabel
                | RejectAllOfLabel
        )
    }
}

fn modifier_count(m: Modifiers) -> usize {
    usize::from(m.alt) + usize::from(m.shift) + usize::from(m.ctrl || m.command || m.mac_cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_is_unique_and_every_command_labelled() {
        let mut seen = std::collections::HashSet::new();
        for command in Command::all() {
            assert!(!command.label().is_empty());
            for s in command.shortcuts() {
                assert!(
                    seen.insert((
                        s.modifiers.alt,
                        s.modifiers.shift,
                        s.modifiers.command,
                        s.logical_key
                    )),
                    "{command:?} shares a shortcut"
                );
            }
        }
    }

    #[test]
    fn redo_has_two_shortcuts_and_menus_hold_every_menu_command_once() {
        assert_eq!(Command::Redo.shortcuts().len(), 2);
        let in_menus: Vec<Command> = Command::all()
            .into_iter()
            .filter(|c| c.menu().is_some())
            .collect();
        for menu in Menu::ALL {
            assert!(
                in_menus
                    .iter()
                    .any(|c| c.menu().is_some_and(|(m, _)| m == menu))
            );
        }
        // Groups within a menu come in order, so separators fall between groups.
        for menu in Menu::ALL {
            let groups: Vec<u8> = in_menus
                .iter()
                .filter_map(|c| c.menu().filter(|(m, _)| *m == menu).map(|(_, g)| g))
                .collect();
            assert!(
                groups.windows(2).all(|w| w[0] <= w[1]),
                "{menu:?}: {groups:?}"
            );
        }
    }
}
