//! Window settings kept between runs: recent files, text size, theme. Stored as JSON in the
//! user's config folder; every field has a default so old or partial files still load.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const MAX_RECENT: usize = 12;

/// The annotator name as the corpus uses it: `None` when the setting is blank (the single
/// `story.json` of a one-person corpus).
pub fn annotator_option(name: &str) -> Option<&str> {
    let name = name.trim();
    (!name.is_empty()).then_some(name)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent_files: Vec<PathBuf>,
    pub font_size: f32,
    pub dark_mode: bool,
    pub word_snapping: bool,
    pub show_span_list: bool,
    /// Label names shown above the spans in the text (brat-style).
    pub label_tags: bool,
    pub annotator: String,
    /// Corpus folders opened lately, newest first.
    pub recent_corpora: Vec<PathBuf>,
    /// The documents panel is shown while a corpus is open.
    pub show_documents: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent_files: Vec::new(),
            font_size: 17.0,
            dark_mode: false,
            word_snapping: true,
            show_span_list: true,
            label_tags: true,
            annotator: String::new(),
            recent_corpora: Vec::new(),
            show_documents: true,
        }
    }
}

impl Settings {
    /// `$XDG_CONFIG_HOME/newsmark/settings.json`, else `~/.config/newsmark/settings.json`.
    pub fn default_path() -> Option<PathBuf> {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
        Some(base.join("newsmark").join("settings.json"))
    }

    /// The user's schema file, if they keep one: next to the settings.
    pub fn user_schema_path() -> Option<PathBuf> {
        Self::default_path().map(|p| p.with_file_name("schema.json"))
    }

    /// Load settings; a missing file gives defaults, a broken one defaults plus the reason.
    pub fn load(path: &Path) -> (Self, Option<String>) {
        match crate::storage::read_bounded(path) {
            Err(_) if !path.exists() => (Self::default(), None),
            Err(error) => (Self::default(), Some(error.to_string())),
            Ok(bytes) => match serde_json::from_slice::<Settings>(&bytes) {
                Ok(mut settings) => {
                    settings.sanitize();
                    (settings, None)
                }
                Err(error) => (
                    Self::default(),
                    Some(format!(
                        "settings file {} is unreadable ({error}); defaults used",
                        path.display()
                    )),
                ),
            },
        }
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        let json = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        crate::storage::write_atomic(path, json.as_bytes()).map_err(|e| e.to_string())
    }

    fn sanitize(&mut self) {
        if !self.font_size.is_finite() {
            self.font_size = Self::default().font_size;
        }
        self.font_size = self.font_size.clamp(8.0, 48.0);
        self.recent_files.truncate(MAX_RECENT);
    }

    /// Remember a corpus folder (newest first, no duplicates).
    pub fn add_recent_corpus(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent_corpora.retain(|p| *p != path);
        self.recent_corpora.insert(0, path);
        self.recent_corpora.truncate(MAX_RECENT);
    }

    /// Drop the recent files that are no longer there; how many were dropped.
    pub fn forget_missing_recent(&mut self) -> usize {
        let before = self.recent_files.len();
        self.recent_files.retain(|path| path.exists());
        before - self.recent_files.len()
    }

    pub fn add_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent_files.retain(|p| *p != path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_and_broken_settings_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"font_size": 1000, "unknown": 1}"#).unwrap();
        let (settings, problem) = Settings::load(&path);
        assert_eq!(settings.font_size, 48.0);
        assert!(problem.is_none());
        std::fs::write(&path, "{").unwrap();
        let (settings, problem) = Settings::load(&path);
        assert_eq!(settings, Settings::default());
        assert!(problem.unwrap().contains("unreadable"));
        let (_, problem) = Settings::load(&dir.path().join("none.json"));
        assert!(problem.is_none());
    }

    #[test]
    fn recent_files_are_unique_and_newest_first() {
        let mut settings = Settings::default();
        settings.add_recent(Path::new("/a"));
        settings.add_recent(Path::new("/b"));
        settings.add_recent(Path::new("/a"));
        assert_eq!(
            settings.recent_files,
            vec![PathBuf::from("/a"), PathBuf::from("/b")]
        );
    }
}
