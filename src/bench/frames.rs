//! Frame figures: the real window code ([`NewsmarkApp::ui`]) in a headless egui context,
//! tessellation included (what a frame costs the CPU before the GPU sees it).

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Pos2, Rect, Vec2};

use super::{Figure, Options, generate, median_p99, ms};
use crate::gui::NewsmarkApp;

const SIZE: Vec2 = Vec2::new(1280.0, 800.0);

struct Headless {
    ctx: egui::Context,
    app: NewsmarkApp,
    time: f64,
    /// The CPU time of the last frame (this thread's clock: what other processes on a busy
    /// machine take from the wall-clock figure is not in it).
    cpu: Duration,
    /// Of [`Self::cpu`], the part spent tessellating (the rest is the app's `ui`).
    tessellate_cpu: Duration,
}

/// This thread's CPU time (zero where there is no such clock, and under valgrind, where
/// rustix's vDSO lookup crashes: callgrind counts instructions instead).
fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        static UNDER_VALGRIND: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| {
            std::env::var("LD_PRELOAD").is_ok_and(|preload| preload.contains("vgpreload"))
        });
        if *UNDER_VALGRIND {
            return Duration::ZERO;
        }
        let now = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        Duration::new(now.tv_sec.max(0) as u64, now.tv_nsec.max(0) as u32)
    }
    #[cfg(not(unix))]
    {
        Duration::ZERO
    }
}

impl Headless {
    fn new() -> Self {
        Self {
            ctx: egui::Context::default(),
            app: NewsmarkApp::new(None, false),
            time: 0.0,
            cpu: Duration::ZERO,
            tessellate_cpu: Duration::ZERO,
        }
    }

    fn frame(&mut self) -> Duration {
        self.time += 1.0 / 60.0;
        let raw = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
            time: Some(self.time),
            ..Default::default()
        };
        let start = Instant::now();
        let cpu_start = thread_cpu_time();
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(raw, |ui| app.ui(ui));
        let shapes = std::mem::take(&mut output.shapes);
        let tessellate_start = thread_cpu_time();
        let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
        let elapsed = start.elapsed();
        let end = thread_cpu_time();
        self.cpu = end.saturating_sub(cpu_start);
        self.tessellate_cpu = end.saturating_sub(tessellate_start);
        std::hint::black_box(primitives);
        output.textures_delta.clear();
        elapsed
    }

    /// Frame times while scrolling `pixels` per frame, turning back at either end of the
    /// document (so a short document is measured at the same speed as a long one).
    fn scrolling(&mut self, frames: usize, pixels: f32) -> Vec<Duration> {
        self.scrolling_cpu(frames, pixels).wall
    }

    /// [`Self::scrolling`], with the CPU time of each frame too. When `NEWSMARK_PERF_CTL`
    /// names a `perf --control` fifo, `enable` is written to it before the measured frames
    /// and `disable` after (so `perf record -D -1` sees only them). With
    /// `NEWSMARK_FRAMES_BACK_AND_FORTH=1` (for profiling) the view scrolls down and back up in
    /// turn, so that after the first two frames it lays out nothing: what a frame costs
    /// beyond its layout, on a long and on a short document.
    fn scrolling_cpu(&mut self, frames: usize, pixels: f32) -> Scrolled {
        let back_and_forth =
            std::env::var("NEWSMARK_FRAMES_BACK_AND_FORTH").is_ok_and(|v| v == "1");
        for _ in 0..10 {
            self.frame();
        }
        let mut scrolled = Scrolled::default();
        let mut direction = 1.0;
        perf_control("enable");
        for _ in 0..frames {
            let before = self.app.view.anchor;
            self.app.view.scroll_by(direction * pixels);
            let (shaped_before, _) = self.app.view.words_shaped();
            scrolled.wall.push(self.frame());
            scrolled.cpu.push(self.cpu);
            scrolled.tessellate.push(self.tessellate_cpu);
            let (shaped_after, _) = self.app.view.words_shaped();
            scrolled.kinds.push(FrameKind {
                blocks: self.app.view.stats.bidi_blocks_built,
                new_words: shaped_after.saturating_sub(shaped_before),
            });
            if back_and_forth || self.app.view.anchor == before {
                direction = -direction;
            }
        }
        perf_control("disable");
        scrolled
    }
}

/// Each scrolled frame's wall-clock time, CPU time, the CPU time of its tessellation, and
/// what it laid out.
#[derive(Default)]
struct Scrolled {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
    tessellate: Vec<Duration>,
    kinds: Vec<FrameKind>,
}

/// What a frame laid out: right-to-left blocks (not from the cache), words shaped by egui.
#[derive(Clone, Copy)]
struct FrameKind {
    blocks: usize,
    new_words: usize,
}

impl Scrolled {
    /// The frames by what they laid out, each kind with its count and median CPU time:
    /// none, blocks from shaped words only, blocks with words shaped anew.
    fn by_kind(&self) -> String {
        let mut kinds: [(&str, Vec<Duration>); 3] = [
            ("no block laid out", Vec::new()),
            ("blocks of known words", Vec::new()),
            ("new words shaped", Vec::new()),
        ];
        for (kind, cpu) in self.kinds.iter().zip(&self.cpu) {
            let at = match (kind.blocks, kind.new_words) {
                (0, 0) => 0,
                (_, 0) => 1,
                _ => 2,
            };
            kinds[at].1.push(*cpu);
        }
        kinds
            .iter_mut()
            .map(|(name, cpu)| {
                let (median, _) = median_p99(cpu);
                format!("{name} {} ({median:.2} ms)", cpu.len())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Write `command` to the `perf --control` fifo named by `NEWSMARK_PERF_CTL`, if any.
fn perf_control(command: &str) {
    use std::io::Write as _;
    if let Some(path) = std::env::var_os("NEWSMARK_PERF_CTL")
        && let Ok(mut fifo) = std::fs::OpenOptions::new().write(true).open(path)
    {
        let _ = writeln!(fifo, "{command}");
    }
}

/// The frames scrolled on each document: 400, or `NEWSMARK_FRAMES` (for profiling).
fn frame_count() -> usize {
    std::env::var("NEWSMARK_FRAMES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400)
}

pub fn run(
    options: &Options,
    article: &Path,
    set_path: &Path,
    figures: &mut Vec<Figure>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    run_latin(options, article, set_path, figures, out)?;
    rtl_frames(options, figures, out)
}

/// The frame figures on the generated (mostly Latin) article.
pub fn run_latin(
    options: &Options,
    article: &Path,
    set_path: &Path,
    figures: &mut Vec<Figure>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    // Open the text: read, decode, index, first frame laid out.
    let mut open_times = Vec::new();
    for _ in 0..3 {
        let mut headless = Headless::new();
        let start = Instant::now();
        headless.app.open_now(article);
        headless.frame();
        open_times.push(start.elapsed());
        anyhow::ensure!(headless.app.doc.is_some(), "the article did not open");
    }
    let open = open_times.iter().min().copied().unwrap_or_default();
    figures.push(Figure::new(
        "open the text (read, decode, index, first frame)",
        format!("{:.0} ms", ms(open)),
        "≤ 1000 ms",
        Some(ms(open) <= 1000.0),
    ));

    // Steady frames while scrolling, on the long document and on a 10 KB one.
    let mut long = Headless::new();
    long.app.open_now(set_path);
    let Scrolled {
        wall: mut long_times,
        cpu: mut long_cpu,
        ..
    } = long.scrolling_cpu(frame_count(), 400.0);
    let (long_median, long_p99) = median_p99(&mut long_times);
    let small_dir = tempfile::tempdir()?;
    let small_path = small_dir.path().join("small.json");
    let mut small_set = generate::generated_set(options.seed, 10_000, 100);
    crate::formats::save_set(&mut small_set, &small_path)?;
    let mut small = Headless::new();
    small.app.open_now(&small_path);
    let Scrolled {
        wall: mut small_times,
        cpu: mut small_cpu,
        ..
    } = small.scrolling_cpu(frame_count(), 400.0);
    let (small_median, _) = median_p99(&mut small_times);
    cpu_line(out, "Latin", &mut long_cpu, &mut small_cpu)?;
    figures.push(Figure::new(
        "frame while scrolling 400 px/frame (10 MB, 100k spans)",
        format!("{long_median:.2} ms median, {long_p99:.2} ms p99"),
        "median ≤ 4 ms, p99 ≤ 16 ms",
        Some(long_median <= 4.0 && long_p99 <= 16.0),
    ));
    let ratio = long_median / small_median.max(1e-6);
    figures.push(Figure::new(
        "frame time 10 MB ÷ frame time 10 KB (medians, both scrolling 400 px/frame)",
        format!("{ratio:.2} ({long_median:.2} ms / {small_median:.2} ms)"),
        "≤ 1.5",
        Some(ratio <= 1.5),
    ));
    writeln!(
        out,
        "frames measured: {} on each document",
        long_times.len()
    )?;

    // An edit and the frame that shows it.
    let mut edit_frames = Vec::new();
    let mut rng = generate::SplitMix64::new(3);
    for _ in 0..100 {
        let Some(doc) = &mut long.app.doc else { break };
        let visible = long.app.view.visible_chars(doc.set());
        if visible.len() < 20 {
            break;
        }
        let start = visible.start + rng.below(visible.len() - 10);
        let edit = doc.new_span("LAW", start..start + 5);
        let t = Instant::now();
        // Through the open set, as the window applies it (history and journal).
        let applied = doc.apply(edit).is_ok();
        let frame = long.frame();
        if applied {
            edit_frames.push(t.elapsed());
            let _ = frame;
        }
    }
    let (edit_median, edit_p99) = median_p99(&mut edit_frames);
    figures.push(Figure::new(
        "add a span and draw the frame that shows it",
        format!("{edit_median:.2} ms median, {edit_p99:.2} ms p99 (whole frame)"),
        "(edit ≤ 1 ms: see the model figure)",
        None,
    ));

    // Pointer to offset to spans, over the visible text.
    let mut lookups = Vec::new();
    if let Some(doc) = &long.app.doc {
        for i in 0..5_000 {
            let pos = Pos2::new(100.0 + (i % 600) as f32, 120.0 + ((i * 7) % 600) as f32);
            let t = Instant::now();
            let under = long
                .app
                .view
                .char_at(doc.set(), pos)
                .map(|c| doc.set().spans_at(c));
            lookups.push(t.elapsed());
            std::hint::black_box(under);
        }
    }
    let (lookup_median, lookup_p99) = median_p99(&mut lookups);
    figures.push(Figure::new(
        "pointer → character offset → spans under it",
        format!("{lookup_median:.4} ms median, {lookup_p99:.4} ms p99"),
        "≤ 0.1 ms",
        Some(lookup_p99 <= 0.1),
    ));

    // Jump to any span: on screen in the next frame.
    let mut jumps = 0;
    let mut on_screen = 0;
    let mut jump_frames = Vec::new();
    let ids: Vec<_> = long
        .app
        .doc
        .as_ref()
        .map(|d| d.set().spans_ordered().map(|s| s.id).collect())
        .unwrap_or_default();
    for _ in 0..100 {
        if ids.is_empty() {
            break;
        }
        let id = ids[rng.below(ids.len())];
        long.app.select_span(id);
        jump_frames.push(long.frame());
        jumps += 1;
        if let Some(doc) = &long.app.doc
            && let Some(span) = doc.set().span(id)
            && long.app.view.caret_rect(doc.set(), span.start).is_some()
        {
            on_screen += 1;
        }
    }
    let (jump_median, jump_p99) = median_p99(&mut jump_frames);
    figures.push(Figure::new(
        "jump to a random span from the list",
        format!("{on_screen}/{jumps} on screen in the next frame ({jump_median:.2} ms median, {jump_p99:.2} ms p99)"),
        "all, next frame",
        Some(on_screen == jumps && jumps > 0),
    ));
    Ok(())
}

/// Right-to-left support: the frame figures again on an Arabic article of the same size (every
/// block laid out in visual order, none on egui's plain path).
pub fn rtl_frames(
    options: &Options,
    figures: &mut Vec<Figure>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let long_path = dir.path().join("arabic.json");
    let mut long_set =
        super::generate_rtl::generated_set(options.seed, options.bytes, options.spans);
    crate::formats::save_set(&mut long_set, &long_path)?;
    let small_path = dir.path().join("arabic-small.json");
    let mut small_set = super::generate_rtl::generated_set(options.seed, 10_000, 100);
    crate::formats::save_set(&mut small_set, &small_path)?;
    // `NEWSMARK_FRAMES_DOC=long` or `small` scrolls only that document (for profiling one).
    let only = std::env::var("NEWSMARK_FRAMES_DOC").unwrap_or_default();
    let frames = |which: &str| {
        if only.is_empty() || only == which {
            frame_count()
        } else {
            0
        }
    };
    let mut long = Headless::new();
    long.app.open_now(&long_path);
    anyhow::ensure!(long.app.doc.is_some(), "the Arabic set did not open");
    let mut long_scrolled = long.scrolling_cpu(frames("long"), 400.0);
    let long_times = &mut long_scrolled.wall;
    let (long_median, long_p99) = median_p99(long_times);
    let (words_shaped, words_cached) = long.app.view.words_shaped();
    drop(long);
    let mut small = Headless::new();
    small.app.open_now(&small_path);
    let mut small_scrolled = small.scrolling_cpu(frames("small"), 400.0);
    let (small_median, _) = median_p99(&mut small_scrolled.wall);
    cpu_line(
        out,
        "Arabic",
        &mut long_scrolled.cpu,
        &mut small_scrolled.cpu,
    )?;
    writeln!(
        out,
        "Arabic frames by what they laid out (CPU median): long: {}; 10 KB: {}",
        long_scrolled.by_kind(),
        small_scrolled.by_kind()
    )?;
    let (long_tessellate, _) = median_p99(&mut long_scrolled.tessellate);
    let (small_tessellate, _) = median_p99(&mut small_scrolled.tessellate);
    writeln!(
        out,
        "Arabic frames, of which tessellation (CPU, medians): long {long_tessellate:.3} ms, \
         10 KB {small_tessellate:.3} ms"
    )?;
    figures.push(Figure::new(
        &format!(
            "Arabic: frame while scrolling 400 px/frame ({:.0} MB, {} spans)",
            options.bytes as f64 / 1e6,
            long_set.span_count()
        ),
        format!("{long_median:.2} ms median, {long_p99:.2} ms p99"),
        "median ≤ 4 ms, p99 ≤ 16 ms",
        Some(long_median <= 4.0 && long_p99 <= 16.0),
    ));
    let ratio = long_median / small_median.max(1e-6);
    figures.push(Figure::new(
        "Arabic: frame time long ÷ frame time 10 KB",
        format!("{ratio:.2} ({long_median:.2} ms / {small_median:.2} ms)"),
        "≤ 1.5",
        Some(ratio <= 1.5),
    ));
    writeln!(
        out,
        "Arabic frames: {} on each document; on the long one {} words shaped in all \
         (the rest from the cache of {} words)",
        long_scrolled.wall.len(),
        words_shaped,
        words_cached
    )?;
    Ok(())
}

/// The scrolling frames' CPU time (this thread's clock), long and 10 KB: on a busy machine the
/// wall-clock figures also hold the time other processes took.
fn cpu_line(
    out: &mut dyn std::io::Write,
    name: &str,
    long: &mut [Duration],
    small: &mut [Duration],
) -> std::io::Result<()> {
    let (long_median, long_p99) = median_p99(long);
    let (small_median, _) = median_p99(small);
    writeln!(
        out,
        "{name} frames, CPU time of the thread: long {long_median:.2} ms median \
         ({long_p99:.2} ms p99), 10 KB {small_median:.2} ms median, ratio {:.2}",
        long_median / small_median.max(1e-6)
    )
}

/// Open a set in a headless window and draw frames (for the peak-memory probe).
pub fn probe(set_path: &Path) -> anyhow::Result<()> {
    let mut headless = Headless::new();
    headless.app.open_now(set_path);
    anyhow::ensure!(headless.app.doc.is_some(), "the set did not open");
    headless.scrolling(100, 400.0);
    Ok(())
}
