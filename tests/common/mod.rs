//! What the window's kittests share: the headless harness around `NewsmarkApp`, and waiting
//! for work that happens off the UI thread.
#![allow(dead_code)] // each test file uses what it needs

use egui::Vec2;
use egui_kittest::Harness;
use newsmark::gui::NewsmarkApp;

/// The window, 1280 × 800, three frames run.
pub fn harness(app: NewsmarkApp) -> Harness<'static, NewsmarkApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut NewsmarkApp| app.ui(ui), app);
    harness.run_steps(3);
    harness
}

/// Run frames until `done` holds (a background job finished, a dialog came up, a file
/// watcher's event arrived), failing with `what` after ten seconds of real time. Frames are
/// stepped, not run to rest: a background job does not ask for repaints.
pub fn wait_until(
    h: &mut Harness<'_, NewsmarkApp>,
    what: &str,
    done: impl Fn(&Harness<'_, NewsmarkApp>) -> bool,
) {
    let started = std::time::Instant::now();
    while !done(h) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Replace the text of the text box labelled `label` with `text` (select all, type).
pub fn replace_text(h: &mut Harness<'_, NewsmarkApp>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label(label).focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Click the button labelled `button` that starts a job (an export, an import) and wait for
/// the job's dialog to offer Close; then let the dialog settle at its new size.
pub fn run_job(h: &mut Harness<'_, NewsmarkApp>, button: &str) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label(button).click();
    wait_until(h, "the job to finish", |h| {
        h.query_by_label("Close").is_some()
    });
    h.run();
}
