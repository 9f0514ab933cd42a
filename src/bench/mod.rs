//! `newsmark bench`: the long-document figures of docs/PERFORMANCE.md, each printed with its
//! target and whether it holds. Run it on a release build:
//! `cargo run --release -- bench` (add `--quick` for a 1 MB smoke run).

mod agreement;
pub mod corpus;
#[cfg(feature = "gui")]
mod frames;
pub mod generate;
pub mod generate_rtl;
mod suggest;
pub mod team;

use std::path::Path;
use std::time::{Duration, Instant};

use crate::formats::{self, native};
use crate::model::edit::{self, Edit};
use crate::model::{History, SpanId};

/// One measured figure.
#[derive(Clone, Debug)]
pub struct Figure {
    pub name: String,
    pub value: String,
    pub target: String,
    pub holds: Option<bool>,
}

impl Figure {
    fn new(name: &str, value: String, target: &str, holds: Option<bool>) -> Self {
        Self {
            name: name.into(),
            value,
            target: target.into(),
            holds,
        }
    }
}

pub struct Options {
    /// Article size in bytes.
    pub bytes: usize,
    pub spans: usize,
    pub seed: u64,
}

impl Options {
    pub fn full() -> Self {
        Self {
            bytes: 10_000_000,
            spans: 100_000,
            seed: 2026,
        }
    }

    pub fn quick() -> Self {
        Self {
            bytes: 1_000_000,
            spans: 10_000,
            seed: 2026,
        }
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and 99th percentile of durations, in ms.
pub fn median_p99(samples: &mut [Duration]) -> (f64, f64) {
    samples.sort();
    if samples.is_empty() {
        return (0.0, 0.0);
    }
    let median = samples[samples.len() / 2];
    let p99 = samples[((samples.len() as f64 * 0.99).ceil() as usize).min(samples.len()) - 1];
    (ms(median), ms(p99))
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        last = Some(value);
    }
    (best, last.expect("at least one run"))
}

/// Write the generated article and its set into `dir`; returns (article path, set path).
pub fn write_workload(
    dir: &Path,
    options: &Options,
) -> anyhow::Result<(std::path::PathBuf, std::path::PathBuf)> {
    let mut set = generate::generated_set(options.seed, options.bytes, options.spans);
    let article = dir.join("bench-article.txt");
    std::fs::write(&article, set.text().as_str())?;
    let set_path = dir.join("bench-article.json");
    set.document.source = Some(article.display().to_string());
    formats::save_set(&mut set, &set_path)?;
    Ok((article, set_path))
}

/// Run every figure. `exe` is this program, used to measure peak memory in a fresh process.
pub fn run(
    options: &Options,
    exe: Option<&Path>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Vec<Figure>> {
    let dir = tempfile::tempdir()?;
    let started = Instant::now();
    let (article, set_path) = write_workload(dir.path(), options)?;
    let set_bytes = std::fs::metadata(&set_path)?.len();
    writeln!(
        out,
        "workload: {:.1} MB article, {} spans, set file {:.1} MB (generated in {:.1} s, seed {})",
        std::fs::metadata(&article)?.len() as f64 / 1e6,
        options.spans,
        set_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        options.seed
    )?;
    let mut figures = Vec::new();

    // Load and save against a bare serde_json round trip of the same file: reading it into a
    // `serde_json::Value`, and writing that value back to a file.
    let (bare_load, value) = best_of(5, || {
        std::fs::read_to_string(&set_path)
            .map_err(anyhow::Error::from)
            .and_then(|json| {
                serde_json::from_str::<serde_json::Value>(&json).map_err(anyhow::Error::from)
            })
    });
    let value = value?;
    let save_dir = tempfile::tempdir()?;
    let bare_path = save_dir.path().join("bare.json");
    let (bare_save, bare_written) = best_of(5, || {
        serde_json::to_string_pretty(&value)
            .map_err(anyhow::Error::from)
            .and_then(|json| std::fs::write(&bare_path, json).map_err(anyhow::Error::from))
    });
    bare_written?;
    drop(value);
    // The bare write leaves 24 MB for the kernel to write back later; flush it (untimed) so
    // that it does not compete with the disk writes of the saves measured next. The article
    // of the workload likewise.
    for written in [&bare_path, &article] {
        std::fs::File::open(written)?.sync_all()?;
    }
    let (load, loaded) = best_of(5, || {
        std::fs::read_to_string(&set_path)
            .map_err(anyhow::Error::from)
            .and_then(|json| native::from_json(&json).map_err(anyhow::Error::from))
    });
    let loaded = loaded?;
    anyhow::ensure!(
        loaded.problems.is_empty(),
        "the generated set loads with problems"
    );
    let mut set = loaded.set;
    let save_path = save_dir.path().join("saved.json");
    let (save, saved) = best_of(5, || formats::save_set(&mut set, &save_path));
    saved?;
    let (serialise, _) = best_of(5, || native::to_json_parts(&set));
    // The window's save: check the file on disk is the one opened, journal marker, the same
    // atomic write, then the journal removed. One edit before each save, as in real use.
    let window_save = {
        let opened = formats::open_path(&save_path, None)?;
        let mut expected = Some(opened.fingerprint.clone());
        let mut journal =
            crate::journal::Journal::for_opened(&opened).with_data_dir(save_dir.path());
        let mut history = History::new();
        let mut window_set = opened.set;
        let mut best = Duration::MAX;
        for round in 0..5 {
            let edit = edit::add_span(&mut window_set, "EVENT", round * 10..round * 10 + 5);
            crate::journal::apply_logged(&mut window_set, &mut history, &mut journal, edit)?;
            let t = Instant::now();
            let fingerprint = crate::journal::save_logged(
                &mut window_set,
                &mut history,
                &mut journal,
                &save_path,
                expected.as_ref(),
                false,
            )?;
            best = best.min(t.elapsed());
            expected = Some(fingerprint);
        }
        best
    };
    let load_ratio = ms(load) / ms(bare_load);
    let save_ratio = ms(save) / ms(bare_save);
    figures.push(Figure::new(
        "load a set with 100k spans (read + parse + check + index)",
        format!(
            "{:.0} ms ({load_ratio:.2}x bare serde_json read into a Value: {:.0} ms)",
            ms(load),
            ms(bare_load)
        ),
        "≤ 500 ms and ≤ 2x",
        Some(ms(load) <= 500.0 && load_ratio <= 2.0),
    ));
    figures.push(Figure::new(
        "save it (serialise, write, fsync, rename)",
        format!(
            "{:.0} ms ({save_ratio:.2}x bare serde_json write of a Value, no fsync: {:.0} ms; serialising alone {:.0} ms)",
            ms(save),
            ms(bare_save),
            ms(serialise)
        ),
        "≤ 300 ms and ≤ 2x",
        Some(ms(save) <= 300.0 && save_ratio <= 2.0),
    ));
    let window_ratio = ms(window_save) / ms(bare_save);
    figures.push(Figure::new(
        "save from the window (+ conflict check, journal marker)",
        format!(
            "{:.0} ms ({window_ratio:.2}x the bare write)",
            ms(window_save)
        ),
        "≤ 300 ms and ≤ 2x",
        Some(ms(window_save) <= 300.0 && window_ratio <= 2.0),
    ));

    // Edits: add, delete, undo, through the history (re-highlighting is the next frame's
    // paint of the visible blocks, measured with the frames below).
    let mut history = History::new();
    let len = set.text().char_len();
    let mut add = Vec::new();
    let mut delete = Vec::new();
    let mut undo = Vec::new();
    let mut rng = generate::SplitMix64::new(9);
    for _ in 0..200 {
        let start = rng.below(len - 50);
        let edit = edit::add_span(&mut set, "EVENT", start..start + 7);
        let Edit::AddSpan(span) = &edit else { continue };
        let id: SpanId = span.id;
        let t = Instant::now();
        if history.apply(&mut set, edit).is_err() {
            continue;
        }
        add.push(t.elapsed());
        let t = Instant::now();
        history.apply(&mut set, Edit::RemoveSpan(id))?;
        delete.push(t.elapsed());
        let t = Instant::now();
        history.undo(&mut set)?;
        undo.push(t.elapsed());
    }
    let (add_median, add_p99) = median_p99(&mut add);
    let (delete_median, delete_p99) = median_p99(&mut delete);
    let (undo_median, undo_p99) = median_p99(&mut undo);
    let worst = add_p99.max(delete_p99).max(undo_p99);
    figures.push(Figure::new(
        "add / delete / undo a span (model + index)",
        format!(
            "{:.3} / {:.3} / {:.3} ms median, {worst:.3} ms worst p99",
            add_median, delete_median, undo_median
        ),
        "≤ 1 ms",
        Some(worst <= 1.0),
    ));

    // Spans under a point (the index part of pointer lookup).
    let mut lookups = Vec::new();
    for _ in 0..10_000 {
        let offset = rng.below(len);
        let t = Instant::now();
        let under = set.spans_at(offset);
        lookups.push(t.elapsed());
        std::hint::black_box(under);
    }
    let (lookup_median, lookup_p99) = median_p99(&mut lookups);
    figures.push(Figure::new(
        "spans under a character offset (index)",
        format!("{:.4} ms median, {:.4} ms p99", lookup_median, lookup_p99),
        "≤ 0.1 ms (with pointer → offset)",
        Some(lookup_p99 <= 0.1),
    ));

    // Find every occurrence (the find bar recomputes on each change of the query).
    let mut worst_find = Duration::ZERO;
    let mut found = Vec::new();
    for query in ["the", "Łukasiewicz", "€"] {
        let (took, matches) = best_of(3, || {
            crate::model::find::find_all(set.text(), query, Default::default())
        });
        worst_find = worst_find.max(took);
        found.push(format!("{query} {}", matches.len()));
    }
    figures.push(Figure::new(
        "find every occurrence (ASCII, accented, symbol)",
        format!("{:.0} ms worst ({})", ms(worst_find), found.join(", ")),
        "(no target)",
        None,
    ));

    // Suggestions on the article, in a fresh set.
    figures.push(suggest::figure(set.text().as_str(), 2));

    // Team: merging annotators' sets, the merge driver, opening a curation.
    team::run(options, &mut figures, out)?;

    #[cfg(feature = "gui")]
    frames::run(options, &article, &set_path, &mut figures, out)?;

    figures.extend(agreement::figures(out)?);

    // Peak memory, in a fresh process that opens the set and draws frames.
    if let Some(exe) = exe {
        let output = std::process::Command::new(exe)
            .arg("bench")
            .arg("--memory-probe")
            .arg(&set_path)
            .output()?;
        let text = String::from_utf8_lossy(&output.stdout);
        match text.trim().parse::<f64>() {
            Ok(mb) => figures.push(Figure::new(
                "peak memory (fresh process: open the set, draw frames)",
                format!("{mb:.0} MB"),
                "≤ 300 MB",
                Some(mb <= 300.0),
            )),
            Err(_) => writeln!(
                out,
                "memory probe failed: {}",
                String::from_utf8_lossy(&output.stderr)
            )?,
        }
    }
    Ok(figures)
}

/// Only the frame figures (`newsmark bench --frames`): scrolling, editing and jumping on the
/// Latin article (`latin`), and scrolling the Arabic one (`arabic`).
#[cfg(feature = "gui")]
pub fn run_frames(
    options: &Options,
    latin: bool,
    arabic: bool,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Vec<Figure>> {
    let mut figures = Vec::new();
    if latin {
        let dir = tempfile::tempdir()?;
        let (article, set_path) = write_workload(dir.path(), options)?;
        frames::run_latin(options, &article, &set_path, &mut figures, out)?;
    }
    if arabic {
        frames::rtl_frames(options, &mut figures, out)?;
    }
    Ok(figures)
}

/// Open `set_path` as the window would (headless when built with the window), draw frames,
/// and return the peak resident memory in MB (Linux: VmHWM).
pub fn memory_probe(set_path: &Path) -> anyhow::Result<f64> {
    #[cfg(feature = "gui")]
    frames::probe(set_path)?;
    #[cfg(not(feature = "gui"))]
    {
        let opened = formats::open_path(set_path, None)?;
        std::hint::black_box(opened.set.span_count());
    }
    peak_rss_mb().ok_or_else(|| anyhow::anyhow!("no /proc/self/status on this system"))
}

pub(crate) fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Print figures as a table.
pub fn print(figures: &[Figure], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<58} {:<64} {:<28} holds",
        "figure", "measured", "target"
    )?;
    for figure in figures {
        let holds = match figure.holds {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "-",
        };
        writeln!(
            out,
            "{:<58} {:<64} {:<28} {holds}",
            figure.name, figure.value, figure.target
        )?;
    }
    Ok(())
}
