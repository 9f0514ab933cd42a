//! `newsmark bench --corpus`: the corpus figures of docs/PERFORMANCE.md on a seeded,
//! generated corpus of 10,000 articles (2–30 KB each, non-ASCII throughout, 20–300 spans
//! each, a third done, a third in progress, a third new, some broken).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use super::generate::{self, SplitMix64};
use super::{Figure, ms};
use crate::corpus::find::{CorpusFindOptions, find_in_corpus};
use crate::corpus::{Corpus, OpenOptions, View};
use crate::formats::native;
use crate::formats::visible::count;
use crate::model::edit;
use crate::model::schema::Schema;
use crate::model::set::{AnnotationSet, Document, Status};
use crate::model::span::{Span, SpanId};

/// The generated corpus.
#[derive(Clone, Debug)]
pub struct CorpusOptions {
    pub articles: usize,
    pub seed: u64,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        Self {
            articles: 10_000,
            seed: 2026,
        }
    }
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct GeneratedCorpus {
    pub articles: usize,
    pub sets: usize,
    pub spans: usize,
    pub bytes: u64,
    /// (relative path, what is wrong with it) for each member broken on purpose.
    pub broken: Vec<(String, &'static str)>,
}

/// Paragraphs in other scripts, written for the benchmark (no spans in them).
const PARAGRAPHS: &[&str] = &[
    "Портовые рабочие продолжили забастовку во вторник, сообщил представитель профсоюза.",
    "Το λιμάνι παραμένει κλειστό μέχρι την Πέμπτη, δήλωσε εκπρόσωπος του δήμου.",
    "قال المتحدث باسم الميناء إن العمل سيستأنف يوم الخميس بعد اتفاق مبدئي.",
    "港口工人周二继续罢工，工会发言人表示谈判仍在进行。",
    "बंदरगाह के कर्मचारियों ने मंगलवार को हड़ताल जारी रखी, संघ के प्रवक्ता ने कहा।",
    "Związkowcy z Gdańska zapowiedzieli, że strajk potrwa co najmniej do piątku.",
    "„Wir warten nicht länger“, sagte Zoë Müller 👍 am Kai in Zürich.",
    "הדוברת אמרה כי הנמל ייפתח מחדש ביום ראשון.",
];

/// One article's text and spans (label, code point range): generated news-like chunks with a
/// paragraph in another script between them.
fn article(seed: u64, bytes: usize, spans: usize) -> (String, Vec<(&'static str, usize, usize)>) {
    const HEADER: &str = "Generated inquiry: a benchmark article\n\n";
    let mut rng = SplitMix64::new(seed);
    let chunks = (bytes / 2_000).max(1);
    let mut text = String::with_capacity(bytes + 512);
    let mut chars = 0;
    let mut all = Vec::with_capacity(spans);
    for chunk in 0..chunks {
        let paragraph = *rng.pick(PARAGRAPHS);
        text.push_str(paragraph);
        text.push_str("\n\n");
        chars += paragraph.chars().count() + 2;
        let want = spans / chunks + usize::from(chunk < spans % chunks);
        let generated = generate::generate(rng.next_u64(), (bytes / chunks).max(600), want);
        let (body, skipped) = match generated.text.strip_prefix(HEADER) {
            Some(body) => (body, HEADER.chars().count()),
            None => (generated.text.as_str(), 0),
        };
        for (label, start, end) in generated.spans {
            if start >= skipped {
                all.push((label, chars + start - skipped, chars + end - skipped));
            }
        }
        text.push_str(body);
        chars += body.chars().count();
    }
    (text, all)
}

fn set_of(text: &str, spans: &[(&'static str, usize, usize)]) -> AnnotationSet {
    let mut set = AnnotationSet::new(Document::new(text), Schema::default());
    for (next, &(label, start, end)) in (1u64..).zip(spans) {
        // Spans are built valid; one that is not is left out, never forced in.
        let _ = edit::apply(
            &mut set,
            edit::Edit::AddSpan(Span::new(SpanId(next), label, start..end)),
        );
    }
    set
}

/// Write the generated corpus into `dir` (which should be empty).
pub fn write_corpus(dir: &Path, options: &CorpusOptions) -> anyhow::Result<GeneratedCorpus> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join(crate::corpus::config::CORPUS_FILE),
        "{\"format\": \"newsmark.corpus\", \"version\": 1, \"name\": \"Generated benchmark corpus\", \"annotators\": [\"alice\", \"bob\", \"carol\"]}\n",
    )?;
    let indices: Vec<usize> = (0..options.articles).collect();
    let (parts, _) = crate::corpus::par_map(
        &indices,
        0,
        || (),
        |_, _, &i| write_member(dir, options.seed, i),
    );
    let mut generated = GeneratedCorpus::default();
    for part in parts {
        let part = part?;
        generated.articles += 1;
        generated.sets += part.sets;
        generated.spans += part.spans;
        generated.bytes += part.bytes;
        generated.broken.extend(part.broken);
    }
    // A link loop and a folder link seen twice: listed as problems, never followed.
    #[cfg(unix)]
    if options.articles > 0 {
        std::os::unix::fs::symlink("..", dir.join("d000").join("loop"))?;
        generated
            .broken
            .push(("d000/loop".into(), "a symbolic link loop"));
    }
    Ok(generated)
}

struct Member {
    sets: usize,
    spans: usize,
    bytes: u64,
    broken: Vec<(String, &'static str)>,
}

fn write_member(dir: &Path, seed: u64, i: usize) -> anyhow::Result<Member> {
    let mut rng = SplitMix64::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let folder = format!("d{:03}", i / 100);
    std::fs::create_dir_all(dir.join(&folder))?;
    let stem = format!("story-{i:05}");
    let extension = if i % 10 == 9 { "md" } else { "txt" };
    let article_name = format!("{folder}/{stem}.{extension}");
    let bytes = 2_000 + rng.below(28_001);
    let span_count = 20 + rng.below(281);
    let (text, spans) = article(rng.next_u64(), bytes, span_count);
    let mut member = Member {
        sets: 0,
        spans: 0,
        bytes: text.len() as u64,
        broken: Vec::new(),
    };
    let article_path = dir.join(&article_name);
    if i % 103 == 11 {
        std::fs::write(&article_path, b"\x00\x01binary\x00")?;
        member
            .broken
            .push((article_name, "an article that is not text"));
        return Ok(member);
    }
    std::fs::write(&article_path, &text)?;
    // A third done, a third in progress, a third new (no set).
    let status = match i % 3 {
        0 => Status::Done,
        1 => Status::InProgress,
        _ => return Ok(member),
    };
    let mut set = set_of(&text, &spans);
    set.document.source = Some(article_name.clone());
    let annotator = ["alice", "bob", "carol"][(i / 3) % 3];
    set.annotator = Some(annotator.to_string());
    // In progress: half say so, half have no field (read as in progress).
    set.status = (status == Status::Done || i.is_multiple_of(2)).then_some(status);
    let day = 1 + (i * 7) % 29;
    set.created = Some(format!("2026-10-{day:02}T09:00:00Z"));
    set.modified = Some(format!("2026-11-{day:02}T{:02}:00:00Z", 8 + i % 10));
    // One-person sets (`story.json`) for carol, annotator sets for alice and bob.
    let set_name = if annotator == "carol" {
        format!("{folder}/{stem}.json")
    } else {
        format!("{folder}/{stem}.{annotator}.json")
    };
    let mut json = native::to_json_bytes(&set);
    member.sets += 1;
    member.spans += set.span_count();
    if i % 97 == 4 {
        json.truncate(json.len() / 2);
        member
            .broken
            .push((set_name.clone(), "a set that does not load"));
    }
    if i % 89 == 7 {
        // The article was edited after the set was saved.
        std::fs::write(
            &article_path,
            text.replacen("the", "a", 1) + "\nCorrection appended.\n",
        )?;
        member
            .broken
            .push((set_name.clone(), "a set whose text is not its article's"));
    }
    if i % 107 == 13 {
        let text = String::from_utf8_lossy(&json).replacen(
            "\"annotator\":",
            "\"status\": \"reviewed\",\n  \"annotator\":",
            1,
        );
        json = text.into_bytes();
        member.broken.push((set_name.clone(), "an unknown status"));
    }
    std::fs::write(dir.join(&set_name), &json)?;
    // Every 30th finished document has a gold set in curation.
    if status == Status::Done && i.is_multiple_of(30) {
        set.annotator = Some("carol".into());
        set.status = Some(Status::InCuration);
        std::fs::write(
            dir.join(format!("{folder}/{stem}.gold.json")),
            native::to_json_bytes(&set),
        )?;
        member.sets += 1;
        member.spans += set.span_count();
    }
    Ok(member)
}

/// CPU seconds used so far by this process and its waited-for children (Linux: user and
/// system time from /proc/self/stat), so a figure taken on a busy machine can say how much
/// of its wall time was its own work.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // utime, stime, cutime, cstime are fields 14-17; `fields` starts at field 3.
    let ticks: f64 = fields
        .get(11..15)?
        .iter()
        .map(|f| f.parse::<f64>().ok())
        .sum::<Option<f64>>()?;
    Some(ticks / 100.0)
}

/// The machine's one-minute load average.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Best wall time of `runs`, the CPU time of that run, and the last value.
fn best_of<T>(
    runs: usize,
    mut f: impl FnMut() -> anyhow::Result<T>,
) -> anyhow::Result<(Duration, f64, T)> {
    let mut best = (Duration::MAX, 0.0);
    let mut last = None;
    for _ in 0..runs {
        let cpu = cpu_seconds();
        let start = Instant::now();
        let value = f()?;
        let took = start.elapsed();
        let cpu = cpu.zip(cpu_seconds()).map_or(0.0, |(a, b)| b - a);
        if took < best.0 {
            best = (took, cpu);
        }
        last = Some(value);
    }
    last.map(|v| (best.0, best.1, v))
        .ok_or_else(|| anyhow::anyhow!("no run"))
}

fn wall_and_cpu(took: Duration, cpu: f64) -> String {
    format!(
        "{:.2} s (CPU {cpu:.2} s, load {})",
        took.as_secs_f64(),
        load_average()
    )
}

/// `newsmark corpus status DIR` as a fresh process (this program), or in this process when
/// the program is unknown; returns its output's length (so the work is not optimised away).
fn status_run(dir: &Path, exe: Option<&Path>) -> anyhow::Result<usize> {
    match exe {
        Some(exe) => {
            let output = std::process::Command::new(exe)
                .args(["corpus", "status"])
                .arg(dir)
                .output()?;
            anyhow::ensure!(
                output.status.success(),
                "corpus status failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            Ok(output.stdout.len())
        }
        None => {
            let corpus = Corpus::open(dir, &OpenOptions::default())?;
            let rows = corpus.rows(&View::All);
            Ok(corpus.status_table(&rows).len())
        }
    }
}

/// Measure every corpus figure on the corpus in `dir`.
pub fn run(dir: &Path, exe: Option<&Path>, out: &mut dyn Write) -> anyhow::Result<Vec<Figure>> {
    let mut figures = Vec::new();
    let cache = crate::corpus::cache::cache_path(dir);
    let (cold, cold_cpu, _) = best_of(3, || {
        let _ = std::fs::remove_file(&cache);
        status_run(dir, exe)
    })?;
    figures.push(Figure::new(
        "corpus status, cold (no cache)",
        wall_and_cpu(cold, cold_cpu),
        "≤ 2 s",
        Some(cold <= Duration::from_secs(2)),
    ));
    let (warm, warm_cpu, _) = best_of(3, || status_run(dir, exe))?;
    figures.push(Figure::new(
        "corpus status, warm (cache)",
        wall_and_cpu(warm, warm_cpu),
        "≤ 0.5 s",
        Some(warm <= Duration::from_millis(500)),
    ));
    let corpus = Corpus::open(dir, &OpenOptions::default())?;
    let rows = corpus.rows(&View::All);
    let totals = corpus.totals(&rows);
    writeln!(
        out,
        "corpus: {} rows, {} articles, {} done, {} in progress, {} new, {} with problems, {}",
        totals.documents,
        totals.articles,
        totals.count(Status::Done),
        totals.count(Status::InProgress),
        totals.count(Status::New),
        totals.with_problems,
        count(corpus.problems.len(), "corpus problem", "corpus problems")
    )?;
    for (phrase, name) in [
        ("minister", "corpus find \"minister\" (any case)"),
        ("zürich", "corpus find \"zürich\" (any case, non-ASCII)"),
    ] {
        let (took, cpu, results) = best_of(3, || {
            Ok(find_in_corpus(
                &corpus,
                phrase,
                &CorpusFindOptions::default(),
                &AtomicBool::new(false),
            ))
        })?;
        figures.push(Figure::new(
            name,
            format!(
                "{:.0} ms, CPU {:.0} ms ({} hits in {} articles)",
                ms(took),
                cpu * 1000.0,
                results.total,
                results.documents.len()
            ),
            "≤ 1 s",
            Some(took <= Duration::from_secs(1)),
        ));
    }
    if let Some(exe) = exe {
        let output = std::process::Command::new(exe)
            .arg("bench")
            .arg("--corpus-memory-probe")
            .arg(dir)
            .output()?;
        match String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse::<f64>()
        {
            Ok(mb) => figures.push(Figure::new(
                "peak memory, corpus open (fresh process, no window)",
                format!("{mb:.0} MB"),
                "≤ 400 MB",
                Some(mb <= 400.0),
            )),
            Err(_) => writeln!(
                out,
                "memory probe failed: {}",
                String::from_utf8_lossy(&output.stderr)
            )?,
        }
    }
    if let Some(exe) = exe {
        // Every article's suggestions, as `newsmark suggest --dry-run FOLDER` gives them (read,
        // suggest on every core, report; nothing written, so the corpus stays as generated).
        let started = Instant::now();
        let output = std::process::Command::new(exe)
            .args(["suggest", "--dry-run"])
            .arg(dir)
            .output()?;
        let took = started.elapsed();
        let report = String::from_utf8_lossy(&output.stdout);
        let documents = report
            .lines()
            .filter(|l| l.contains(" relation suggestion"))
            .count();
        figures.push(Figure::new(
            "suggest --dry-run on the whole corpus (every core)",
            format!("{:.1} s for {documents} documents", took.as_secs_f64()),
            "(no target)",
            None,
        ));
    }
    figures.extend(window_figures(dir, exe, out)?);
    Ok(figures)
}

/// The window's corpus figures (issue 11, "How fast"): the real window code in a headless
/// egui context (as `bench` measures frames), tessellation included. The full documents list
/// shown after start (corpus opened and the first frame drawn), the next document's first
/// frame (the switch included), and the frame median with the corpus's rows in the list.
#[cfg(feature = "gui")]
fn window_figures(
    dir: &Path,
    _exe: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<Vec<Figure>> {
    use crate::gui::NewsmarkApp;
    use crate::gui::command::Command;
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut frame = |app: &mut NewsmarkApp| -> Duration {
        time += 1.0 / 60.0;
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(time),
            ..Default::default()
        };
        let start = Instant::now();
        let mut output = ctx.run_ui(raw, |ui| app.ui(ui));
        let shapes = std::mem::take(&mut output.shapes);
        std::hint::black_box(ctx.tessellate(shapes, output.pixels_per_point));
        let elapsed = start.elapsed();
        output.textures_delta.clear();
        elapsed
    };
    let started = Instant::now();
    let mut app = NewsmarkApp::new(None, false);
    app.open_now(dir);
    frame(&mut app);
    let list = started.elapsed();
    let rows = app.workspace.as_ref().map_or(0, |w| w.rows.len());
    app.send(Command::NextDocument);
    frame(&mut app);
    frame(&mut app);
    let mut switches = Vec::new();
    for _ in 0..20 {
        app.send(Command::NextDocument);
        switches.push(frame(&mut app));
        frame(&mut app);
    }
    let (next, _) = super::median_p99(&mut switches);
    let mut frames: Vec<Duration> = (0..120).map(|_| frame(&mut app)).collect();
    let (median, _) = super::median_p99(&mut frames);
    writeln!(
        out,
        "window: {rows} rows; list {:.0} ms, next document {next:.1} ms, frame median {median:.2} ms",
        ms(list)
    )?;
    Ok(vec![
        Figure::new(
            "window: full documents list shown after start",
            format!("{:.2} s", list.as_secs_f64()),
            "≤ 1.5 s",
            Some(list.as_secs_f64() <= 1.5),
        ),
        Figure::new(
            "window: next document's first frame (median of 20)",
            format!("{next:.1} ms"),
            "≤ 100 ms",
            Some(next <= 100.0),
        ),
        Figure::new(
            &format!("window: frame median with {rows} rows"),
            format!("{median:.2} ms"),
            "≤ 4 ms",
            Some(median <= 4.0),
        ),
    ])
}

#[cfg(not(feature = "gui"))]
fn window_figures(
    _dir: &Path,
    _exe: Option<&Path>,
    _out: &mut dyn Write,
) -> anyhow::Result<Vec<Figure>> {
    Ok(Vec::new())
}

/// Open the corpus at `dir` as `corpus status` does and return the peak resident memory in MB.
pub fn memory_probe(dir: &Path) -> anyhow::Result<f64> {
    let corpus = Corpus::open(dir, &OpenOptions::default())?;
    let rows = corpus.rows(&View::All);
    std::hint::black_box(corpus.totals(&rows));
    super::peak_rss_mb().ok_or_else(|| anyhow::anyhow!("no /proc/self/status on this system"))
}

/// `newsmark bench --corpus [--articles N] [--write DIR]`.
pub fn command(
    articles: Option<usize>,
    write: Option<PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let options = CorpusOptions {
        articles: articles.unwrap_or(10_000),
        ..CorpusOptions::default()
    };
    let temp;
    let dir = match &write {
        Some(dir) => dir.clone(),
        None => {
            temp = tempfile::tempdir()?;
            temp.path().join("corpus")
        }
    };
    let started = Instant::now();
    let generated = write_corpus(&dir, &options)?;
    writeln!(
        out,
        "generated {} articles ({:.0} MB of text), {} sets, {} spans, {} broken on purpose, in {:.1} s (seed {})",
        generated.articles,
        generated.bytes as f64 / 1e6,
        generated.sets,
        generated.spans,
        generated.broken.len(),
        started.elapsed().as_secs_f64(),
        options.seed
    )?;
    if write.is_some() {
        writeln!(out, "wrote the corpus into {}", dir.display())?;
        return Ok(0);
    }
    if cfg!(debug_assertions) {
        writeln!(
            out,
            "note: this is a debug build; figures are meaningful on a release build"
        )?;
    }
    let exe = std::env::current_exe().ok();
    let figures = run(&dir, exe.as_deref(), out)?;
    super::print(&figures, out)?;
    let failed = figures.iter().filter(|f| f.holds == Some(false)).count();
    Ok(if failed == 0 { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_non_ascii_and_spans_fit_their_text() {
        let (text, spans) = article(7, 9_000, 120);
        assert!(text.len() >= 8_000, "{}", text.len());
        assert!(!text.is_ascii());
        let chars: Vec<char> = text.chars().collect();
        assert!(spans.len() >= 100, "{}", spans.len());
        for &(_, start, end) in &spans {
            assert!(start < end && end <= chars.len());
        }
        assert_eq!(article(7, 9_000, 120), (text, spans), "seeded");
    }
}
