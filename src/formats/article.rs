//! An article file and the sets beside it: which article a set file belongs to, reading an
//! article's text as Newsmark opens it, and where a set's text and its article part.
//!
//! Sets live beside their article (docs/CORPUS.md): `story.json` (the single set),
//! `story.NAME.json` (annotator NAME's), `story.gold.json` (the curated gold set). The corpus,
//! the agreement commands and an open set all find a set's article by these rules.

use std::path::{Path, PathBuf};

use super::{html, plaintext};
use crate::storage;

/// Article extensions, in the order that decides which article owns `story.json` when
/// `story.txt` and `story.md` sit side by side.
pub const ARTICLE_EXTENSIONS: [&str; 4] = ["txt", "md", "html", "htm"];

/// True for a name a set file can carry after the article's stem: `[A-Za-z0-9_-]+` (the
/// reserved `gold` included: it names the gold set).
fn is_name_suffix(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `dir/story` + `txt` -> `dir/story.txt`, also when the stem holds a dot (`story.v2`).
fn with_extension_added(stem: &Path, extension: &str) -> PathBuf {
    let mut name = stem.as_os_str().to_os_string();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// The article a set file belongs to (without its extension) and the annotator its name
/// gives, if any: `dir/story.alice.json` -> (`dir/story`, Some("alice")); `dir/story.json` ->
/// (`dir/story`, None). When `dir/story.alice.txt` (or .md, .html) exists, `alice` is part of
/// the article's name, not an annotator.
pub fn split_set_name(path: &Path) -> (PathBuf, Option<String>) {
    let stem_path = path.with_extension("");
    let Some((base, last)) = stem_path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.rsplit_once('.'))
        .map(|(b, l)| (b.to_string(), l.to_string()))
    else {
        return (stem_path, None);
    };
    if base.is_empty() || !is_name_suffix(&last) || article_file(&stem_path).is_some() {
        return (stem_path, None);
    }
    (stem_path.with_file_name(base), Some(last))
}

/// The article file of an article path without its extension, if one exists.
pub fn article_file(stem: &Path) -> Option<PathBuf> {
    ARTICLE_EXTENSIONS.iter().find_map(|extension| {
        let candidate = with_extension_added(stem, extension);
        candidate.is_file().then_some(candidate)
    })
}

/// The article file beside a set file, if there is one.
pub fn article_for_set(set_path: &Path) -> Option<PathBuf> {
    article_file(&split_set_name(set_path).0)
}

/// Read an article's text as Newsmark opens it: decoded (UTF-8, UTF-16 with a BOM, or a
/// guessed legacy encoding), and for `.html`/`.htm` the article's text extracted.
pub fn read_article(path: &Path) -> Result<String, String> {
    let bytes = storage::read_bounded(path).map_err(|e| e.to_string())?;
    // Plain UTF-8 without a BOM (nearly every article) is taken without a copy; anything
    // else is decoded as the window decodes it. Both refuse a zero byte near the start.
    let plain = !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
        && memchr::memchr(0, &bytes[..bytes.len().min(1 << 16)]).is_none();
    let text = match plain {
        true => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => decode(error.as_bytes())?,
        },
        false => decode(&bytes)?,
    };
    let is_html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    Ok(if is_html {
        html::extract(&text).text
    } else {
        text
    })
}

fn decode(bytes: &[u8]) -> Result<String, String> {
    plaintext::decode(bytes)
        .map(|decoded| decoded.text)
        .map_err(|e| e.to_string())
}

/// Where a set's text and its article first part, as a 1-based (line, column) in the set's
/// text; `None` when they are the same.
pub fn first_difference(text: &str, article: &str) -> Option<(usize, usize)> {
    if text == article {
        return None;
    }
    let common = text
        .char_indices()
        .zip(article.chars())
        .find(|((_, a), b)| a != b)
        .map_or(text.len().min(article.len()), |((i, _), _)| i);
    let before = &text[..floor_boundary(text, common)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

fn floor_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_finds_its_article_whatever_its_kind_and_a_dotted_stem_stays_whole() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("story.md"), "text").unwrap();
        std::fs::write(dir.path().join("budget.v2.txt"), "text").unwrap();
        for set in ["story.json", "story.ana.json", "story.gold.json"] {
            assert_eq!(
                article_for_set(&dir.path().join(set)),
                Some(dir.path().join("story.md")),
                "{set}"
            );
        }
        // `v2` is part of the article's name, not an annotator's.
        assert_eq!(
            split_set_name(&dir.path().join("budget.v2.json")),
            (dir.path().join("budget.v2"), None)
        );
        assert_eq!(
            article_for_set(&dir.path().join("budget.v2.ben.json")),
            Some(dir.path().join("budget.v2.txt"))
        );
        assert_eq!(article_for_set(&dir.path().join("other.json")), None);
    }

    #[test]
    fn the_first_difference_is_a_line_and_column_of_the_sets_text() {
        assert_eq!(first_difference("same", "same"), None);
        assert_eq!(first_difference("ab\ncdé", "ab\ncdx"), Some((2, 3)));
        // One text is the other's beginning: they part where the shorter ends.
        assert_eq!(first_difference("ab\nc", "ab\ncd"), Some((2, 2)));
        assert_eq!(first_difference("«ق»\nx", "«ق»\ny"), Some((2, 1)));
    }
}
