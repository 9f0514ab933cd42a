//! The window's state. UI code here stays thin: user actions become [`Command`]s, and every
//! change to the open set goes through its [`OpenSet`] (the same type the command line uses).
//!
//! - this file: the state, the open document, the status line;
//! - `frame`: one frame (keys, panels, text view, side panel);
//! - `dispatch`: what each [`Command`] does;
//! - `files`: open, save, recovery, conflicts, re-encode, re-anchor;
//! - `opening`: a file read on a thread while the window says what is being opened;
//! - `menus`: the menu bar and the shortcut overlay, generated from the command table;
//! - `dialogs`: the one [`Dialog`] at a time and its typed answers;
//! - `curation`: the annotators' sets merged into a gold set, decided disagreement by disagreement;
//! - `labels`: Corpus > Labels…, the labels editor applied to the whole corpus;
//! - `outside`: changes to the corpus folder from outside, into the list and the conflict flow;
//! - `jobs`: corpus-wide find and suggestions on a thread, with progress and Cancel.

mod annotator;
mod corpus;
mod corpus_find;
mod corpus_views;
mod curation;
mod dialogs;
mod dispatch;
mod files;
mod frame;
mod jobs;
mod labels;
mod linking;
mod menus;
mod opening;
mod outside;

use std::collections::VecDeque;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;

use super::command::Command;
use super::find_bar::FindBar;
use super::settings::Settings;
use super::side_panel::SidePanel;
use super::text_view::{TextView, ViewSelection};
use crate::model::{RelationId, SpanId};
use crate::session::OpenSet;

pub use corpus::Workspace;
use dialogs::{Dialog, Report};
pub use opening::{PendingOpen, size_words};

/// The window's open document: the open set and where the user is in it.
pub struct Doc {
    pub open: OpenSet,
    pub view_state: ViewSelection,
}

impl Deref for Doc {
    type Target = OpenSet;

    fn deref(&self) -> &OpenSet {
        &self.open
    }
}

impl DerefMut for Doc {
    fn deref_mut(&mut self) -> &mut OpenSet {
        &mut self.open
    }
}

/// Linking: the span a link starts from, and the link being retargeted, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Linking {
    from: SpanId,
    retarget: Option<RelationId>,
}

#[derive(Clone, Debug)]
struct Status {
    text: String,
    error: bool,
}

pub struct NewsmarkApp {
    pub doc: Option<Doc>,
    /// The file being read on its thread, if any (shown in place of the document).
    pub opening: Option<opening::PendingOpen>,
    /// The open corpus (a folder) and its documents panel, if any.
    pub workspace: Option<Workspace>,
    pub settings: Settings,
    settings_path: Option<PathBuf>,
    pub view: TextView,
    side: SidePanel,
    linking: Option<Linking>,
    queue: Vec<Command>,
    status: Option<Status>,
    /// The dialog being shown first, then the ones waiting (never two at once on screen).
    dialogs: VecDeque<Dialog>,
    /// A report window beside the work (load problems, a re-anchoring), until dismissed.
    report: Option<Report>,
    /// The find bar, while open.
    pub find: Option<FindBar>,
    /// Use the system file dialogs (off in tests).
    pub native_dialogs: bool,
    /// The curation dialog and the open curation (its gold set is `doc`).
    pub curation: curation::Curating,
    quit_confirmed: bool,
    /// The undo histories of the last sets closed clean, newest last (see
    /// [`NewsmarkApp::close_doc`]): switching to another document and back keeps Undo.
    kept_histories: Vec<crate::session::KeptHistory>,
    /// The watch on a document opened alone (a corpus's watch is its workspace's).
    file_watch: outside::FileWatch,
    title: String,
    theme_applied: Option<bool>,
}

impl NewsmarkApp {
    /// A window with settings read from (and saved to) `settings_path`, if given.
    pub fn new(settings_path: Option<PathBuf>, native_dialogs: bool) -> Self {
        let (settings, settings_problem) = match &settings_path {
            Some(path) => Settings::load(path),
            None => (Settings::default(), None),
        };
        let mut view = TextView::default();
        view.font_size = settings.font_size;
        view.word_snapping = settings.word_snapping;
        view.label_tags = settings.label_tags;
        Self {
            doc: None,
            opening: None,
            workspace: None,
            settings,
            settings_path,
            view,
            side: SidePanel::default(),
            linking: None,
            queue: Vec::new(),
            status: settings_problem.map(|text| Status { text, error: true }),
            dialogs: VecDeque::new(),
            report: None,
            find: None,
            native_dialogs,
            curation: curation::Curating::default(),
            quit_confirmed: false,
            kept_histories: Vec::new(),
            file_watch: outside::FileWatch::default(),
            title: String::new(),
            theme_applied: None,
        }
    }

    /// Queue a command as if chosen from a menu.
    pub fn send(&mut self, command: Command) {
        self.queue.push(command);
    }

    pub fn status_text(&self) -> Option<&str> {
        self.status.as_ref().map(|s| s.text.as_str())
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// Show `dialog` after the ones already waiting.
    fn show(&mut self, dialog: Dialog) {
        self.dialogs.push_back(dialog);
    }

    /// An error the user must acknowledge.
    fn error_dialog(&mut self, title: &str, message: impl Into<String>) {
        self.show(Dialog::Error {
            title: title.to_string(),
            message: message.into(),
        });
    }

    fn modal_open(&self) -> bool {
        !self.dialogs.is_empty()
    }

    fn save_settings(&mut self) {
        self.settings.font_size = self.view.font_size;
        self.settings.word_snapping = self.view.word_snapping;
        self.settings.label_tags = self.view.label_tags;
        if let Some(path) = &self.settings_path
            && let Err(error) = self.settings.save(path)
        {
            self.error(format!("Settings not saved: {error}"));
        }
    }
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}
