//! A user's list of names: lines `LABEL<TAB>name` ("PERSON\tDaniel Okafor",
//! "ORG\tMeridian Wire"). Every exact whole-word occurrence of a name becomes a suggested span
//! with that label (rule `gazetteer`). Blank lines and lines starting with `#` are ignored;
//! anything else that is not `LABEL<TAB>name` is reported with its line number.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::batch::Batch;
use super::tokens::is_word_char;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gazetteer {
    /// (label, name), in file order.
    pub entries: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct GazetteerLineError {
    pub line: usize,
    pub message: String,
}

/// A parsed list plus the lines that could not be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub gazetteer: Gazetteer,
    pub errors: Vec<GazetteerLineError>,
}

/// The names of a gazetteer file beside a set that suggestions pick up, first found wins.
pub const FILES_BESIDE: [&str; 2] = ["newsmark.gazetteer.tsv", "gazetteer.txt"];

/// The gazetteer file in `folder` that suggestions use, if there is one.
pub fn beside(folder: &Path) -> Option<PathBuf> {
    FILES_BESIDE
        .iter()
        .map(|name| folder.join(name))
        .find(|path| path.is_file())
}

/// Why a gazetteer file was not used. Nothing is suggested from a file until it reads
/// cleanly: a half-read list would suggest some names and silently miss others.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot read the gazetteer {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error(
        "{path}: {}; fix {} (LABEL<TAB>name per line)",
        crate::formats::visible::count(errors.len(), "bad line", "bad lines"),
        if errors.len() == 1 { "it" } else { "them" }
    )]
    BadLines {
        path: PathBuf,
        errors: Vec<GazetteerLineError>,
    },
}

impl Gazetteer {
    /// Read a gazetteer file the one way both the window and `newsmark suggest` read it: any
    /// encoding Newsmark reads articles in (BOM, UTF-8, UTF-16, legacy single-byte guessed),
    /// and every bad line reported with its number, none of the list used until they are
    /// fixed.
    pub fn read_file(path: &Path) -> Result<Gazetteer, FileError> {
        let read_error = |reason: String| FileError::Read {
            path: path.to_path_buf(),
            reason,
        };
        let bytes = crate::storage::read_bounded(path).map_err(|e| read_error(e.to_string()))?;
        let decoded =
            crate::formats::plaintext::decode(&bytes).map_err(|e| read_error(e.to_string()))?;
        let parsed = Gazetteer::parse(&decoded.text);
        if parsed.errors.is_empty() {
            Ok(parsed.gazetteer)
        } else {
            Err(FileError::BadLines {
                path: path.to_path_buf(),
                errors: parsed.errors,
            })
        }
    }

    /// Parse a list. Bad lines are reported in `errors` and left out; good lines are kept.
    pub fn parse(source: &str) -> Parsed {
        let mut parsed = Parsed::default();
        for (number, line) in source.lines().enumerate() {
            let line_number = number + 1;
            let trimmed = line.trim_end_matches('\r');
            if trimmed.trim().is_empty() || trimmed.trim_start().starts_with('#') {
                continue;
            }
            let Some((label, name)) = trimmed.split_once('\t') else {
                parsed.errors.push(GazetteerLineError {
                    line: line_number,
                    message: "expected LABEL<TAB>name (no tab found)".into(),
                });
                continue;
            };
            let label = label.trim();
            let name = name.trim();
            if label.is_empty() || label.chars().any(char::is_whitespace) {
                parsed.errors.push(GazetteerLineError {
                    line: line_number,
                    message: format!("{label:?} is not a label name"),
                });
                continue;
            }
            if name.is_empty() || name.contains('\t') {
                parsed.errors.push(GazetteerLineError {
                    line: line_number,
                    message: "the name is empty or contains another tab".into(),
                });
                continue;
            }
            parsed
                .gazetteer
                .entries
                .push((label.to_string(), name.to_string()));
        }
        parsed
    }

    /// Every whole-word occurrence of each name, as (label, range).
    pub fn occurrences(&self, text: &str) -> Vec<(String, Range<usize>)> {
        let chars: Vec<char> = text.chars().collect();
        let mut found = Vec::new();
        for (label, name) in &self.entries {
            let needle: Vec<char> = name.chars().collect();
            if needle.is_empty() || needle.len() > chars.len() {
                continue;
            }
            for start in 0..=chars.len() - needle.len() {
                let end = start + needle.len();
                if chars[start..end] != needle[..] {
                    continue;
                }
                let word_before = start > 0 && is_word_char(chars[start - 1]);
                let word_after = chars.get(end).is_some_and(|&c| is_word_char(c));
                if !word_before && !word_after {
                    found.push((label.clone(), start..end));
                }
            }
        }
        found
    }

    pub(super) fn plan(&self, text: &str, plan: &mut Batch) {
        for (label, range) in self.occurrences(text) {
            plan.span(&label, range, "gazetteer");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::apply;
    use crate::model::schema::Schema;
    use crate::model::set::{AnnotationSet, Document};
    use crate::suggest::{Options, suggest};

    #[test]
    fn parses_lines_and_reports_bad_ones() {
        let parsed = Gazetteer::parse(
            "# people\nPERSON\tDaniel Okafor\n\nORG\tMeridian Wire\nno tab here\n\tnameless label\nORG\t\n",
        );
        assert_eq!(
            parsed.gazetteer.entries,
            [
                ("PERSON".to_string(), "Daniel Okafor".to_string()),
                ("ORG".to_string(), "Meridian Wire".to_string())
            ]
        );
        let lines: Vec<usize> = parsed.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [5, 6, 7]);
        assert!(parsed.errors[0].to_string().starts_with("line 5:"));
    }

    #[test]
    fn whole_word_occurrences_only() {
        let list = Gazetteer::parse("ORG\tGDF\nPERSON\tAna Lúcia Ferreira\n").gazetteer;
        let text = "The GDF and GDFX; Ana Lúcia Ferreira met the GDF’s chief.";
        let found: Vec<(String, String)> = list
            .occurrences(text)
            .into_iter()
            .map(|(l, r)| (l, text.chars().skip(r.start).take(r.len()).collect()))
            .collect();
        assert_eq!(
            found,
            [
                ("ORG".to_string(), "GDF".to_string()),
                ("ORG".to_string(), "GDF".to_string()),
                ("PERSON".to_string(), "Ana Lúcia Ferreira".to_string())
            ]
        );
    }

    #[test]
    fn gazetteer_suggestions_and_unknown_labels() {
        let mut set = AnnotationSet::new(
            Document::new("Meridian Wire reports. WIDGET is here."),
            Schema::default(),
        );
        let options = Options {
            skip_quotes: true,
            gazetteer: Some(Gazetteer::parse("ORG\tMeridian Wire\nWIDGETS\tWIDGET\n").gazetteer),
        };
        let suggestions = suggest(&mut set, &options);
        assert_eq!(suggestions.span_total(), 1);
        assert_eq!(suggestions.skipped.len(), 1);
        assert!(suggestions.skipped[0].contains("no label WIDGETS"));
        apply(&mut set, suggestions.edit).unwrap();
        let span = set.spans_ordered().next().unwrap();
        assert_eq!(span.origin.as_deref(), Some("rule:gazetteer"));
        assert_eq!(set.span_text(span), "Meridian Wire");
    }
}
