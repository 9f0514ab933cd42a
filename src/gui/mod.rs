//! The window (feature `gui`): eframe/egui over the core. Nothing here is needed by the
//! command line.

pub mod app;
pub mod command;
pub mod corpus_dialog;
pub mod find_bar;
pub mod settings;
pub mod side_panel;
pub mod span_list;
pub mod text_view;
pub mod workspace;

use std::path::PathBuf;

pub use app::NewsmarkApp;

struct EframeApp(NewsmarkApp);

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.ui(ui);
    }
}

/// Open the window, with `file` if given.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let mut app = NewsmarkApp::new(settings::Settings::default_path(), true);
    // The window shows at once, saying what it opens; the file is read on a thread.
    if let Some(path) = file {
        app.open_in_background(&path);
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Newsmark")
            .with_app_id("newsmark")
            .with_inner_size([1280.0, 820.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Newsmark",
        options,
        Box::new(|_cc| Ok(Box::new(EframeApp(app)))),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
}
