//! The corpus guidelines (`GUIDELINES.md`, or the file `newsmark.corpus.json` names), rendered
//! from Markdown in a panel beside the text. Rendering is egui_commonmark's (CommonMark through
//! pulldown-cmark); this module only reads the file and keeps it fresh.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

/// The guidelines as last read, and where from.
pub struct Guidelines {
    path: PathBuf,
    text: Result<String, String>,
    read_at_mtime: Option<SystemTime>,
    cache: CommonMarkCache,
}

impl Guidelines {
    /// Read `path` now; a missing or unreadable file is kept as a message to show.
    pub fn load(path: &Path) -> Self {
        let mut guidelines = Self {
            path: path.to_path_buf(),
            text: Err(String::new()),
            read_at_mtime: None,
            cache: CommonMarkCache::default(),
        };
        guidelines.reload();
        guidelines
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The Markdown text, if the file could be read.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref().ok()
    }

    /// Read the file again if it changed on disk (a `git pull`, an editor). Cheap: one stat.
    pub fn refresh_if_changed(&mut self) -> bool {
        let mtime = std::fs::metadata(&self.path)
            .and_then(|m| m.modified())
            .ok();
        if mtime == self.read_at_mtime && self.text.is_ok() {
            return false;
        }
        self.reload();
        true
    }

    fn reload(&mut self) {
        self.read_at_mtime = std::fs::metadata(&self.path)
            .and_then(|m| m.modified())
            .ok();
        self.text = match crate::storage::read_bounded(&self.path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Ok(text),
                Err(_) => Err(format!(
                    "{} is not UTF-8 text; save it as UTF-8 to see it here.",
                    self.path.display()
                )),
            },
            Err(error) => Err(format!(
                "No guidelines: {} ({error}). Write the corpus's annotation guidelines there in \
                 Markdown and they appear here.",
                self.path.display()
            )),
        };
    }

    /// The panel's contents: the rendered guidelines, scrollable.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.strong("Guidelines");
            ui.weak(self.path.file_name().map_or_else(
                || self.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ));
        });
        ui.separator();
        match &self.text {
            Ok(text) => {
                egui::ScrollArea::vertical()
                    .id_salt("guidelines")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        CommonMarkViewer::new().show(ui, &mut self.cache, text);
                    });
            }
            Err(message) => {
                ui.label(message.as_str());
            }
        }
    }
}
