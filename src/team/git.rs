//! Git as the team's shared engine: the merge driver for annotation sets and the repository
//! configuration that installs it.
//!
//! `newsmark merge-driver BASE OURS THEIRS [PATH]` follows git's merge driver protocol
//! (`%O %A %B %P`): the result is written to OURS (a temporary file of git's), messages name
//! PATH, the set's path in the repository (drivers configured without `%P` name OURS), exit 0 on a clean merge, 1 on a conflict (git then reports
//! the file as conflicted; the file is a valid set with the conflicts marked as suggestions).
//! JSON files that are not annotation sets (the corpus file, a schema) are handed to
//! `git merge-file`, git's own line merge.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::formats::native;
use crate::model::set::AnnotationSet;
use crate::storage;

use super::three_way;

/// The line `configure_git` puts in `.gitattributes`.
pub const GITATTRIBUTES_LINE: &str = "*.json merge=newsmark";
/// The driver command git runs when no program path is known (`newsmark` must then be on the
/// PATH of whoever merges). `%P` is the path of the file being merged, for messages (git's
/// `%A` is a temporary file).
pub const DRIVER_COMMAND: &str = "newsmark merge-driver %O %A %B %P";

/// The driver command for the Newsmark program at `program`: that program while it is there,
/// else `newsmark` on the PATH. A driver git cannot run leaves OURS as it was and reports a
/// conflict, and a `git add` then drops the other side's edits: a bare `newsmark` is not on
/// the PATH of every shell git runs from (an IDE, a GUI client), so the full path goes first.
pub fn driver_command(program: Option<&Path>) -> String {
    match program
        .and_then(|p| p.to_str())
        .filter(|p| !p.contains('\''))
    {
        Some(path) => {
            format!("P='{path}'; [ -x \"$P\" ] || P=newsmark; \"$P\" merge-driver %O %A %B %P")
        }
        None => DRIVER_COMMAND.to_string(),
    }
}

/// The Newsmark program this process is, if it is one (not a test harness or another program
/// using the library): the merge driver's program.
pub fn this_program() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let stem = exe.file_stem()?.to_str()?;
    (stem == "newsmark").then_some(exe)
}

/// Why merges in the git clone holding `dir` would not go through the driver, if they would
/// not: the committed `.gitattributes` sends sets to `merge=newsmark`, but this clone's config
/// has no `merge.newsmark.driver` (git does not copy config into clones), so git merges sets
/// line by line. `None` outside git, without git, or when the driver is configured.
pub fn driver_missing(dir: &Path) -> Option<String> {
    let output = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let top = output(&["rev-parse", "--show-toplevel"])?;
    let attributes = std::fs::read_to_string(Path::new(&top).join(".gitattributes")).ok()?;
    if !attributes.lines().any(|l| l.contains("merge=newsmark")) {
        return None;
    }
    if output(&["config", "--get", "merge.newsmark.driver"]).is_some_and(|d| !d.is_empty()) {
        return None;
    }
    Some(format!(
        "this git clone ({top}) has no merge driver configured for annotation sets: git would merge them line by line and can drop edits. Run `newsmark corpus init {} --git` once in this clone before pulling (docs/TEAM.md)",
        dir.display()
    ))
}

/// Configure the git repository at `dir` (created with `git init` if it is not one) to merge
/// annotation sets with Newsmark: `*.json merge=newsmark` in `.gitattributes` (added once,
/// other lines kept) and `merge.newsmark.driver` in the repository's config. Idempotent.
/// The config is not shared by `git clone`: run it again in every clone (docs/TEAM.md).
/// Returns what was done, one line each.
pub fn configure_git(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut done = Vec::new();
    let inside = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output();
    let is_repo = matches!(&inside, Ok(o) if o.status.success());
    if !is_repo {
        // The branch TEAM.md pushes; a git older than 2.28 has no --initial-branch.
        if git(dir, &["init", "--quiet", "--initial-branch=main"]).is_err() {
            git(dir, &["init", "--quiet"])?;
        }
        done.push(format!("created a git repository in {}", dir.display()));
    }
    let attributes = dir.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => anyhow::bail!("cannot read {}: {error}", attributes.display()),
    };
    if existing.lines().any(|l| l.trim() == GITATTRIBUTES_LINE) {
        done.push(format!(
            "{} already has {GITATTRIBUTES_LINE:?}",
            attributes.display()
        ));
    } else {
        let mut text = existing.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(
            "# Annotation sets merge span by span (newsmark merge-driver; docs/TEAM.md)\n",
        );
        text.push_str(GITATTRIBUTES_LINE);
        text.push('\n');
        storage::write_atomic(&attributes, text.as_bytes())?;
        done.push(format!(
            "added {GITATTRIBUTES_LINE:?} to {}",
            attributes.display()
        ));
    }
    git(
        dir,
        &[
            "config",
            "merge.newsmark.name",
            "Newsmark annotation sets, merged span by span",
        ],
    )?;
    let driver = driver_command(this_program().as_deref());
    git(dir, &["config", "merge.newsmark.driver", &driver])?;
    done.push(format!(
        "set merge.newsmark.driver to {driver:?} in the repository's config"
    ));
    // A plain `git pull` of diverged work refuses to run on a current git until told how to
    // reconcile: a merge, which is where the driver merges sets span by span. A choice the
    // user made (here or globally) is kept.
    let pull_rebase_set = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["config", "--get", "pull.rebase"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !pull_rebase_set {
        git(dir, &["config", "pull.rebase", "false"])?;
        done.push("set pull.rebase to false: `git pull` merges (the driver merges sets)".into());
    }
    Ok(done)
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<()> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| anyhow::anyhow!("cannot run git ({e}); is git installed?"))?;
    anyhow::ensure!(
        output.status.success(),
        "git {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr).trim()
    );
    Ok(())
}

/// A file read as an annotation set, if it is one.
enum Side {
    Set(Box<AnnotationSet>),
    /// Empty (git gives an empty base for a file added on both sides) or missing.
    Empty,
    /// JSON or text that is not an annotation set.
    Other,
}

fn read_side(path: &Path) -> anyhow::Result<Side> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Side::Empty),
        Err(error) => anyhow::bail!("cannot read {}: {error}", path.display()),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(Side::Empty);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(Side::Other);
    };
    match native::from_json(text.trim_start_matches('\u{feff}')) {
        // A set that loads only with problems (an item left out, a missing field) is merged
        // as text by git instead: rewriting it here would drop what the loader left out.
        Ok(loaded) if loaded.problems.is_empty() => Ok(Side::Set(Box::new(loaded.set))),
        Ok(_) | Err(_) => Ok(Side::Other),
    }
}

/// Run the merge driver: merge `theirs` into `ours` (written in place) against `base`.
/// Messages name `path` (git's `%P`, the set's path in the repository), else `ours`.
/// Returns the exit code: 0 clean, 1 conflict, 2 could not merge (ours left as it was).
pub fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: Option<&Path>,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let shown = path.unwrap_or(ours).display();
    let (b, o, t) = (read_side(base)?, read_side(ours)?, read_side(theirs)?);
    let (o, t) = match (o, t) {
        (Side::Set(o), Side::Set(t)) => (o, t),
        (Side::Empty, Side::Set(t)) if matches!(b, Side::Empty) => {
            // Ours has no such file: theirs is the merge.
            storage::write_atomic(ours, &native::to_json_bytes(&t))?;
            return Ok(0);
        }
        _ => return line_merge(base, ours, theirs, path.unwrap_or(ours), err),
    };
    let base_set = match &b {
        Side::Set(b) => Some(b.as_ref()),
        _ => None,
    };
    let sides = three_way::Sides {
        rebase: in_rebase(),
    };
    let merged = match three_way::merge_sides(base_set, &o, &t, sides) {
        Ok(merged) => merged,
        Err(error) => {
            writeln!(
                err,
                "newsmark merge-driver: {}: {error}; ours left as it was",
                shown
            )?;
            return Ok(1);
        }
    };
    // Never write an invalid set: the result must load without a problem.
    let bytes = match native::to_checked_json(&merged.set) {
        Ok(bytes) => bytes,
        Err(error) => {
            writeln!(
                err,
                "newsmark merge-driver: {}: the merged set was not written: {error}; ours left as it was",
                shown
            )?;
            return Ok(1);
        }
    };
    storage::write_atomic(ours, &bytes)?;
    for note in &merged.notes {
        writeln!(err, "newsmark merge-driver: {shown}: {note}")?;
    }
    if merged.conflicts.is_empty() {
        return Ok(0);
    }
    let rebase = if sides.rebase {
        writeln!(
            err,
            "newsmark merge-driver: {shown}: {}",
            three_way::REBASE_NOTE
        )?;
        format!("; {}", three_way::REBASE_NOTE)
    } else {
        String::new()
    };
    for conflict in &merged.conflicts {
        writeln!(
            err,
            "newsmark merge-driver: CONFLICT in {}: {conflict}",
            shown
        )?;
    }
    writeln!(
        err,
        "newsmark merge-driver: {}: {} left as suggestions (origin conflict:…){rebase}; review them in Newsmark, then `git add` the file",
        shown,
        crate::formats::visible::count(merged.conflicts.len(), "conflict", "conflicts")
    )?;
    Ok(1)
}

/// True when the git repository of the current directory (git runs a merge driver at the top
/// of the work tree) is in the middle of a rebase: `rebase-merge` (`git rebase`, `git pull
/// --rebase`) or `rebase-apply` (`git am`, the older rebase) exists in its git dir. Then git's
/// "ours" is the upstream and "theirs" the user's commit being replayed.
fn in_rebase() -> bool {
    let Ok(output) = std::process::Command::new("git")
        .args([
            "rev-parse",
            "--git-path",
            "rebase-merge",
            "--git-path",
            "rebase-apply",
        ])
        .output()
    else {
        return false;
    };
    // `git am` also uses rebase-apply (with an `applying` file): not a rebase.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut paths = stdout.lines().map(Path::new);
    let (Some(merge), Some(apply)) = (paths.next(), paths.next()) else {
        return false;
    };
    output.status.success()
        && (merge.is_dir() || (apply.is_dir() && !apply.join("applying").exists()))
}

/// Files that are not annotation sets: git's own line merge, with conflict markers.
fn line_merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    shown: &Path,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let status = std::process::Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .status()
        .map_err(|e| anyhow::anyhow!("cannot run git merge-file ({e})"))?;
    match status.code() {
        Some(0) => Ok(0),
        Some(n) if n > 0 => {
            writeln!(
                err,
                "newsmark merge-driver: {} is not an annotation set; merged line by line with {} marked",
                shown.display(),
                crate::formats::visible::count(n as usize, "conflict", "conflicts")
            )?;
            Ok(1)
        }
        _ => {
            writeln!(
                err,
                "newsmark merge-driver: git merge-file failed on {}",
                shown.display()
            )?;
            Ok(2)
        }
    }
}
