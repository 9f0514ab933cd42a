//! Reading any supported file from disk: bounded read, format from `--from` or guessed from
//! the extension and content (the table in [`crate::formats::table`]), text decoding, then the
//! format's reader. The readers' shared types live in [`crate::formats::read`]; no format
//! module imports this one.

use std::path::Path;

use crate::formats::table;
use crate::storage;

pub use crate::formats::read::{Problem, ReadDocument, SetBuilder, utf16_to_codepoints};
pub use crate::formats::table::{ImportError, ImportFormat, ImportOptions, ReadFile, ReadInput};

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Files a folder import picks up: with a format (`--from brat`), only the files that format
/// reads by their extension (brat: `.ann`, its `.txt` read with it); without one, every
/// importable extension, without brat's `.txt` files that have an `.ann` beside them (read
/// with it). Never the brat `.conf` files nor Newsmark's reports.
pub fn is_importable_in_folder(path: &Path, format: Option<ImportFormat>) -> bool {
    let ext = extension(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if name.starts_with("newsmark-") && ext == "txt" || name == crate::formats::PROJECT_SCHEMA_FILE
    {
        return false;
    }
    if let Some(format) = format {
        return format.spec().extensions.contains(&ext.as_str());
    }
    match ext.as_str() {
        "txt" => !path.with_extension("ann").is_file(),
        other => table::is_import_extension(other),
    }
}

/// What a folder import with `format` left out of the importable files it met (`skipped`:
/// those [`is_importable_in_folder`] takes without a format but not with this one), one line
/// per kind: "skipped 3 Newsmark sets (.json): not brat".
pub fn skipped_lines(skipped: &[std::path::PathBuf], format: ImportFormat) -> Vec<String> {
    // (kind, kinds, extension) -> how many.
    let mut kinds: std::collections::BTreeMap<(String, String, String), usize> = Default::default();
    for path in skipped {
        let text = storage::read_bounded(path)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        let (one, many) = match guess_format(path, &text) {
            Some(ImportFormat::Native) => ("Newsmark set".into(), "Newsmark sets".into()),
            Some(ImportFormat::Text) => ("article".into(), "articles".into()),
            Some(other) => (
                format!("{} file", other.name()),
                format!("{} files", other.name()),
            ),
            None => ("file".into(), "files".into()),
        };
        *kinds.entry((one, many, extension(path))).or_default() += 1;
    }
    kinds
        .into_iter()
        .map(|((one, many, ext), n)| {
            format!(
                "skipped {} (.{ext}): not {}",
                crate::formats::visible::count(n, &one, &many),
                format.name()
            )
        })
        .collect()
}

/// Guess the format from the extension and, for JSON files, the keys.
pub fn guess_format(path: &Path, text: &str) -> Option<ImportFormat> {
    table::import_by_extension(&extension(path), text)
}

/// Read one file in the given (or guessed) format.
pub fn read_path(path: &Path, options: &ImportOptions) -> Result<ReadFile, ImportError> {
    let shown = path.display().to_string();
    let bytes = storage::read_bounded(path)?;
    // A binary format (the DocBin) is read before any text decoding.
    let binary = match options.format {
        Some(format) => format.spec().binary,
        None => table::FORMATS
            .iter()
            .any(|f| f.binary && f.extensions.contains(&extension(path).as_str())),
    };
    let text = if binary {
        String::new()
    } else {
        crate::formats::plaintext::decode(&bytes)
            .map_err(|reason| ImportError::Decode {
                path: shown.clone(),
                reason,
            })?
            .text
    };
    let format = match options.format {
        Some(format) => format,
        None => guess_format(path, &text).ok_or(ImportError::Unknown {
            path: shown.clone(),
        })?,
    };
    format.read(&ReadInput {
        path,
        shown: &shown,
        bytes: &bytes,
        text: &text,
        options,
    })
}
