//! The corpus's `.gitignore`: what a Newsmark window leaves beside the sets for itself (the
//! lock that marks a set open, the crash journal and its snapshot, a save's temporary file)
//! and the corpus cache are this machine's, never shared. Committed, they travel to the other
//! annotators: a pulled lock says the set is open in a window on someone else's laptop, and a
//! pulled journal offers to replay their unsaved edits into your set.

use std::path::Path;

use super::config;
use crate::storage;

/// The lines a corpus's `.gitignore` must have, with the comment written above them.
pub const IGNORED: [&str; 5] = [
    ".newsmark/",
    ".*.newsmark-lock",
    ".*.newsmark-journal",
    ".*.newsmark-journal.base.json",
    ".newsmark-save-*.tmp",
];

const COMMENT: &str = "# Newsmark's own files: the corpus cache, and each window's lock, crash journal and save in progress";

/// Make sure `dir/.gitignore` ignores every [`IGNORED`] pattern, adding what is missing and
/// keeping everything else. Returns what was done, one line per change (or that nothing was).
pub fn ensure_ignored(dir: &Path) -> Result<String, storage::StorageError> {
    let ignore = dir.join(".gitignore");
    let existing = match std::fs::read_to_string(&ignore) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            return Err(storage::StorageError::Read {
                path: ignore.display().to_string(),
                cause: error,
            });
        }
    };
    let text = existing.clone().unwrap_or_default();
    let has = |pattern: &str| {
        text.lines().any(|line| {
            let line = line.trim();
            line == pattern || (pattern == ".newsmark/" && line == config::CACHE_DIR)
        })
    };
    let missing: Vec<&str> = IGNORED.iter().copied().filter(|p| !has(p)).collect();
    if missing.is_empty() {
        return Ok(format!(
            "{}: already ignores Newsmark's own files",
            ignore.display()
        ));
    }
    let mut text = text;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(COMMENT);
    text.push('\n');
    for pattern in &missing {
        text.push_str(pattern);
        text.push('\n');
    }
    storage::write_atomic(&ignore, text.as_bytes())?;
    Ok(match existing {
        None => format!("wrote {} ({})", ignore.display(), missing.join(" ")),
        Some(_) => format!("{}: added {}", ignore.display(), missing.join(" ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ignore_file_gets_the_missing_patterns_once_and_keeps_the_users_lines() {
        let dir = tempfile::tempdir().unwrap();
        let ignore = dir.path().join(".gitignore");
        // A corpus made by an older Newsmark: only the cache was ignored.
        std::fs::write(&ignore, "*.bak\n.newsmark/").unwrap();
        let said = ensure_ignored(dir.path()).unwrap();
        assert!(said.contains("added .*.newsmark-lock"), "{said}");
        let text = std::fs::read_to_string(&ignore).unwrap();
        assert!(
            text.starts_with("*.bak\n.newsmark/\n# Newsmark's own files"),
            "{text}"
        );
        assert_eq!(text.matches(".newsmark/").count(), 1, "{text}");
        for pattern in IGNORED {
            assert!(text.lines().any(|l| l == pattern), "{pattern} in {text}");
        }
        let again = ensure_ignored(dir.path()).unwrap();
        assert!(again.contains("already ignores"), "{again}");
        assert_eq!(std::fs::read_to_string(&ignore).unwrap(), text);
    }

    #[test]
    fn git_ignores_what_a_window_leaves_beside_a_set_and_nothing_of_the_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let git = |args: &[&str]| {
            std::process::Command::new("git")
                .arg("-C")
                .arg(root)
                .args(args)
                .output()
        };
        if !git(&["init", "--quiet"]).is_ok_and(|o| o.status.success()) {
            eprintln!("git is not installed: the patterns were checked above only");
            return;
        }
        ensure_ignored(root).unwrap();
        let set = root.join("story.ana.json");
        let journal = crate::journal::journal_path_beside(&set);
        let own = [
            storage::lock_path(&set),
            journal.clone(),
            crate::journal::Journal::snapshot_path(&journal),
            root.join(".newsmark-save-x1y2.tmp"),
            root.join(".newsmark/cache.json"),
        ];
        let shared = [
            set.clone(),
            root.join("story.txt"),
            root.join("story.gold.json"),
            root.join("newsmark.corpus.json"),
            root.join("story.unplaced.json"),
        ];
        std::fs::create_dir_all(root.join(".newsmark")).unwrap();
        for path in own.iter().chain(&shared) {
            std::fs::write(path, "{}").unwrap();
        }
        let listed = git(&["status", "--porcelain", "--untracked-files=all"]).unwrap();
        let listed = String::from_utf8_lossy(&listed.stdout);
        for path in &own {
            let name = path.file_name().unwrap().to_string_lossy();
            assert!(
                !listed.contains(name.as_ref()),
                "{name} is ignored: {listed}"
            );
        }
        for path in &shared {
            let name = path.file_name().unwrap().to_string_lossy();
            assert!(listed.contains(name.as_ref()), "{name} is shared: {listed}");
        }
    }
}
