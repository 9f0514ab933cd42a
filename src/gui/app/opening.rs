//! Opening a file off the frame thread. Reading, decoding and checking a long article or set
//! takes seconds (a 10 MB set: the JSON, its hash, its spans); the window shows at once what
//! it is opening (name and size) and stays responsive while a thread reads it, then takes in
//! the open set exactly as [`NewsmarkApp::open_now`] does (the same install, the same error
//! dialog and status line). One file is opened at a time.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::NewsmarkApp;
use crate::formats::OpenError;
use crate::gui::workspace::documents::thousands;
use crate::session::{OpenSet, Opening};

/// A file being read on its thread.
pub struct PendingOpen {
    pub path: PathBuf,
    /// The file's size, when it could be read.
    pub bytes: Option<u64>,
    pub started: Instant,
    result: Receiver<Result<Opening, OpenError>>,
    /// The window to wake when the thread is done (handed over by the first frame).
    waker: Arc<Mutex<Option<egui::Context>>>,
}

/// A size in words: `812 bytes`, `48 KB`, `10.4 MB`.
pub fn size_words(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{} bytes", thousands(bytes as usize))
    } else if b < KB * KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

impl NewsmarkApp {
    /// Open `path` on a thread of its own (the current document is closed first: it is clean,
    /// or the user agreed to drop its changes). The window shows what is being opened until
    /// the set is read; see [`Self::finish_opening`] to wait for it.
    pub fn open_in_background(&mut self, path: &Path) {
        if path.is_dir() {
            return self.open_corpus(path);
        }
        if let Some(pending) = &self.opening {
            let still = pending.path.display().to_string();
            self.info(format!(
                "Still opening {still}; {} is not opened (open it again when {still} is shown)",
                path.display()
            ));
            return;
        }
        if let Some(previous) = self.doc.take() {
            self.close_doc(previous);
        }
        let options = self.open_options();
        let (tx, result) = channel();
        let waker: Arc<Mutex<Option<egui::Context>>> = Arc::new(Mutex::new(None));
        let (thread_path, thread_waker) = (path.to_path_buf(), waker.clone());
        std::thread::spawn(move || {
            let _ = tx.send(OpenSet::open(&thread_path, &options));
            if let Some(ctx) = thread_waker.lock().ok().and_then(|w| w.clone()) {
                ctx.request_repaint();
            }
        });
        self.opening = Some(PendingOpen {
            path: path.to_path_buf(),
            bytes: std::fs::metadata(path).ok().map(|m| m.len()),
            started: Instant::now(),
            result,
            waker,
        });
    }

    /// Take in the file being opened if its thread is done (at the end of each frame: the
    /// next one shows it); else make sure the thread wakes the window when it is.
    pub(super) fn poll_opening(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.opening else { return };
        if let Ok(mut waker) = pending.waker.lock()
            && waker.is_none()
        {
            *waker = Some(ctx.clone());
        }
        // Checked after the waker is in place, so a thread that finished just before is seen.
        match pending.result.try_recv() {
            Ok(result) => {
                self.opened(result);
                ctx.request_repaint();
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.opening_failed_silently();
                ctx.request_repaint();
            }
        }
    }

    /// Wait (up to `limit`) for the file being opened, and take it in. Whether nothing is
    /// being opened any more. For tests and for callers that need the document now.
    pub fn finish_opening(&mut self, limit: Duration) -> bool {
        let Some(pending) = &self.opening else {
            return true;
        };
        match pending.result.recv_timeout(limit) {
            Ok(result) => self.opened(result),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => return false,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => self.opening_failed_silently(),
        }
        true
    }

    fn opened(&mut self, result: Result<Opening, OpenError>) {
        let Some(pending) = self.opening.take() else {
            return;
        };
        match result {
            Ok(opening) => self.install(opening, &pending.path),
            Err(error) => self.open_failed(error),
        }
    }

    /// The thread ended without an answer (it panicked): said, never silent.
    fn opening_failed_silently(&mut self) {
        let Some(pending) = self.opening.take() else {
            return;
        };
        let text = format!(
            "{} could not be opened: reading it stopped unexpectedly",
            pending.path.display()
        );
        self.error_dialog("Cannot open the file", text.clone());
        self.error(text);
    }

    /// The central panel while a file is being opened: its name, size and how long so far.
    pub(super) fn opening_ui(&mut self, ui: &mut egui::Ui) {
        let Some(pending) = &self.opening else { return };
        let name = pending
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| pending.path.display().to_string());
        let size = pending.bytes.map(size_words);
        let elapsed = pending.started.elapsed();
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() / 4.0);
            ui.heading(format!("Opening {name}…"));
            ui.add_space(4.0);
            ui.label(match size {
                Some(size) => format!("{size} — {}", pending.path.display()),
                None => pending.path.display().to_string(),
            });
            ui.add_space(8.0);
            ui.add(egui::Spinner::new());
            if elapsed >= Duration::from_secs(1) {
                ui.label(format!("{} s", elapsed.as_secs()));
            }
        });
        // The spinner and the seconds move; the thread wakes the window when it is done.
        ui.ctx().request_repaint_after(Duration::from_millis(250));
    }

    /// What the window title names while a file is being opened.
    pub(super) fn opening_title(&self) -> Option<String> {
        let pending = self.opening.as_ref()?;
        let name = pending
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())?;
        Some(format!("Opening {name}…"))
    }
}

#[cfg(test)]
mod tests {
    use super::size_words;

    #[test]
    fn sizes_read_as_words() {
        assert_eq!(size_words(812), "812 bytes");
        assert_eq!(size_words(48 * 1024), "48 KB");
        assert_eq!(size_words(10_905_190), "10.4 MB");
    }
}
