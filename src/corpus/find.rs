//! Find in the corpus: every occurrence of a word or phrase in all articles, each with a
//! keyword-in-context line, using the one-article find of [`crate::model::find`].

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::Corpus;
use super::status::read_article;
use crate::model::edit::Edit;
use crate::model::find::{self, FindOptions};
use crate::model::set::AnnotationSet;
use crate::model::span::Review;

/// How to search and how much to keep.
#[derive(Clone, Copy, Debug)]
pub struct CorpusFindOptions {
    pub find: FindOptions,
    /// Code points of context on each side of a hit (within its line).
    pub context: usize,
    /// At most this many hits are kept with their context (all are counted).
    pub max_hits: usize,
    /// Threads (0: one per core, at most 8).
    pub threads: usize,
}

impl Default for CorpusFindOptions {
    fn default() -> Self {
        Self {
            find: FindOptions::default(),
            context: 40,
            max_hits: 10_000,
            threads: 0,
        }
    }
}

/// One occurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Corpus::documents`].
    pub document_index: usize,
    /// The article, relative to the corpus.
    pub article: String,
    /// Code point offsets in the article's text, half-open (as a set stores them).
    pub range: Range<usize>,
    /// 1-based line of the hit.
    pub line: usize,
    /// The context before and after the hit on its line (at most `context` code points
    /// each), and the hit's own text as written.
    pub before: String,
    pub matched: String,
    pub after: String,
}

impl Hit {
    /// `story.txt:12: …before [match] after…`
    pub fn kwic_line(&self) -> String {
        format!(
            "{}:{}: {}[{}]{}",
            self.article, self.line, self.before, self.matched, self.after
        )
    }
}

/// Hits in one document (every one, for "label all in the corpus").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentHits {
    pub document_index: usize,
    pub article: String,
    /// Code point ranges, in order.
    pub ranges: Vec<Range<usize>>,
}

/// What a corpus find found.
#[derive(Clone, Debug, Default)]
pub struct FindResults {
    /// In article order, then by position; at most `max_hits`.
    pub hits: Vec<Hit>,
    /// Every document with at least one hit, with all its ranges.
    pub documents: Vec<DocumentHits>,
    /// All occurrences (`hits` may hold fewer).
    pub total: usize,
    pub documents_searched: usize,
    /// Articles that could not be read, and documents without an article (not searched).
    pub problems: Vec<String>,
    /// Stopped by the cancel flag.
    pub cancelled: bool,
    /// Articles whose search stopped at [`find::MAX_MATCHES`] hits: the rest of each was not
    /// searched, so `total` is a lower bound and "label all" labels only the hits found.
    pub stopped_at_limit: Vec<String>,
}

impl FindResults {
    /// More occurrences were found than kept with their context.
    pub fn truncated(&self) -> bool {
        self.hits.len() < self.total
    }

    /// Some article had more hits than [`find::MAX_MATCHES`]: `total` is "at least".
    pub fn limit_reached(&self) -> bool {
        !self.stopped_at_limit.is_empty()
    }
}

/// The most hits counted in one article (the search of an article stops there).
pub const MAX_HITS_PER_ARTICLE: usize = find::MAX_MATCHES;

/// "Label all in the corpus" for one document: one edit adding each of its hit `ranges` as a
/// `label` suggestion to review (origin `find:PHRASE`), leaving out ranges that already have
/// a span with that label, so doing it twice adds nothing. Returns the edit (apply it through
/// the document's session, so it is journalled and undoable) and how many spans it adds.
/// The counts per document to show before anything changes are [`FindResults::documents`].
pub fn suggest_matches(
    set: &mut AnnotationSet,
    ranges: &[Range<usize>],
    label: &str,
    phrase: &str,
) -> (Edit, usize) {
    let find::LabelAll { edit, added, .. } = find::label_all(set, ranges, label);
    let Edit::Batch(edits) = edit else {
        return (edit, added);
    };
    let origin = format!("find:{phrase}");
    let edits = edits
        .into_iter()
        .map(|edit| match edit {
            Edit::AddSpan(mut span) => {
                span.review = Review::Suggested;
                span.origin = Some(origin.clone());
                Edit::AddSpan(span)
            }
            other => other,
        })
        .collect();
    (Edit::Batch(edits), added)
}

/// Find `needle` in every article of `corpus`. `cancel` may be set from another thread.
///
/// Two passes: the first finds every occurrence in every article (code point ranges and
/// lines, all counted); the second reads again only the articles whose hits are kept
/// (the first `max_hits` in article order) and cuts their context, so a query with half a
/// million hits builds ten thousand context lines, not half a million.
pub fn find_in_corpus(
    corpus: &Corpus,
    needle: &str,
    options: &CorpusFindOptions,
    cancel: &AtomicBool,
) -> FindResults {
    let mut results = FindResults::default();
    if needle.is_empty() {
        return results;
    }
    let (found, _) = super::par_map(
        &corpus.documents,
        options.threads,
        || (),
        |_, index, document| {
            if cancel.load(Ordering::Relaxed) {
                return Err(None);
            }
            let Some(article) = &document.entry.article else {
                return Err(Some(format!(
                    "{}: no article; not searched",
                    document.entry.name()
                )));
            };
            let text = read_article(&corpus.root.join(article))
                .map_err(|e| Some(format!("{article}: not searched: {e}")))?;
            let bytes = find::find_all_bytes(&text, needle, options.find);
            Ok(locate(index, article, &text, bytes))
        },
    );
    let mut kept: Vec<(Located, usize)> = Vec::new();
    let mut room = options.max_hits;
    for item in found {
        match item {
            Err(None) => results.cancelled = true,
            Err(Some(problem)) => results.problems.push(problem),
            Ok(located) => {
                results.documents_searched += 1;
                results.total += located.hits.ranges.len();
                if located.hits.ranges.len() >= MAX_HITS_PER_ARTICLE {
                    results.stopped_at_limit.push(located.hits.article.clone());
                }
                if located.hits.ranges.is_empty() {
                    continue;
                }
                results.documents.push(located.hits.clone());
                let take = located.hits.ranges.len().min(room);
                room -= take;
                if take > 0 {
                    kept.push((located, take));
                }
            }
        }
    }
    let (contexts, _) = super::par_map(
        &kept,
        options.threads,
        || (),
        |_, _, (located, take)| {
            let path = corpus.root.join(&located.hits.article);
            let text = read_article(&path)
                .map_err(|e| format!("{}: no context shown: {e}", located.hits.article))?;
            contexts(&text, located, *take, options.context).ok_or_else(|| {
                format!(
                    "{}: changed while it was searched; no context shown",
                    located.hits.article
                )
            })
        },
    );
    for context in contexts {
        match context {
            Ok(hits) => results.hits.extend(hits),
            Err(problem) => results.problems.push(problem),
        }
    }
    results
}

/// One article's occurrences: code point ranges, and the byte ranges and lines behind them.
struct Located {
    hits: DocumentHits,
    bytes: Vec<Range<usize>>,
    lines: Vec<usize>,
}

/// Code point offsets and lines from byte ranges (in order), walking the text once.
fn locate(document_index: usize, article: &str, text: &str, bytes: Vec<Range<usize>>) -> Located {
    let mut ranges = Vec::with_capacity(bytes.len());
    let mut lines = Vec::with_capacity(bytes.len());
    let (mut at_byte, mut at_char, mut line) = (0, 0, 1);
    for range in &bytes {
        let skipped = &text[at_byte..range.start];
        at_char += skipped.chars().count();
        line += memchr::memchr_iter(b'\n', skipped.as_bytes()).count();
        let matched = &text[range.clone()];
        let start = at_char;
        let end = start + matched.chars().count();
        at_byte = range.end;
        at_char = end;
        lines.push(line);
        line += memchr::memchr_iter(b'\n', matched.as_bytes()).count();
        ranges.push(start..end);
    }
    Located {
        hits: DocumentHits {
            document_index,
            article: article.to_string(),
            ranges,
        },
        bytes,
        lines,
    }
}

/// The first `take` hits of `located` with their context: at most `context` code points each
/// side, within the line (never a walk to the line's start: paragraphs can be long). `None`
/// when the text is no longer the one searched.
fn contexts(text: &str, located: &Located, take: usize, context: usize) -> Option<Vec<Hit>> {
    let mut hits = Vec::with_capacity(take);
    let found = located
        .hits
        .ranges
        .iter()
        .zip(&located.bytes)
        .zip(&located.lines);
    for ((range, bytes), &line) in found.take(take) {
        let matched = text.get(bytes.clone())?;
        if matched.chars().count() != range.len() {
            return None;
        }
        let mut before: Vec<char> = text[..bytes.start]
            .chars()
            .rev()
            .take_while(|&c| c != '\n' && c != '\r')
            .take(context)
            .collect();
        before.reverse();
        let after: String = text[bytes.end..]
            .chars()
            .take_while(|&c| c != '\n' && c != '\r')
            .take(context)
            .collect();
        hits.push(Hit {
            document_index: located.hits.document_index,
            article: located.hits.article.clone(),
            range: range.clone(),
            line,
            before: before.into_iter().collect(),
            matched: matched.to_string(),
            after,
        });
    }
    Some(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::OpenOptions;

    #[test]
    fn finds_in_every_article_with_code_points_and_context() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("a.txt"),
            "Première ligne.\n«Le port» 👍 ferme: le PORT.\n",
        )
        .unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/b.md"), "Ein Hafen, kein port.").unwrap();
        std::fs::write(root.join("sub/c.html"), "<p>export &amp; Port</p>").unwrap();
        std::fs::write(root.join("broken.txt"), b"\0\0\0binary").unwrap();
        let corpus = Corpus::open(root, &OpenOptions::without_cache()).unwrap();
        let none = AtomicBool::new(false);
        let results = find_in_corpus(&corpus, "port", &CorpusFindOptions::default(), &none);
        assert_eq!(results.total, 5, "{:?}", results.hits);
        assert_eq!(results.documents_searched, 3);
        assert_eq!(results.problems.len(), 1);
        assert!(results.problems[0].starts_with("broken.txt: not searched"));
        let first = &results.hits[0];
        assert_eq!(first.article, "a.txt");
        assert_eq!(first.range, 20..24);
        assert_eq!(first.line, 2);
        assert_eq!(
            (first.before.as_str(), first.matched.as_str()),
            ("«Le ", "port")
        );
        assert_eq!(first.kwic_line(), "a.txt:2: «Le [port]» 👍 ferme: le PORT.");
        let text: Vec<char> = "Première ligne.\n«Le port» 👍 ferme: le PORT.\n"
            .chars()
            .collect();
        let last_a = &results.hits[1];
        assert_eq!(
            text[last_a.range.clone()].iter().collect::<String>(),
            "PORT"
        );
        // Whole words and case.
        let options = CorpusFindOptions {
            find: FindOptions {
                match_case: true,
                whole_words: true,
            },
            ..CorpusFindOptions::default()
        };
        let results = find_in_corpus(&corpus, "port", &options, &none);
        let found: Vec<String> = results.hits.iter().map(|h| h.kwic_line()).collect();
        assert_eq!(
            found,
            [
                "a.txt:2: «Le [port]» 👍 ferme: le PORT.",
                "sub/b.md:1: Ein Hafen, kein [port]."
            ]
        );
        assert_eq!(results.documents.len(), 2);
        // Label all: the hits of sub/b.md become suggestions in its set, once.
        let b = &results.documents[1];
        let text = std::fs::read_to_string(root.join(&b.article)).unwrap();
        let mut set = AnnotationSet::new(
            crate::model::set::Document::new(text),
            crate::model::schema::Schema::default(),
        );
        let (edit, added) = suggest_matches(&mut set, &b.ranges, "FAC", "port");
        assert_eq!(added, 1);
        crate::model::edit::apply(&mut set, edit).unwrap();
        let span = set.spans_ordered().next().unwrap();
        assert_eq!(
            (span.start, span.end, span.review),
            (16, 20, Review::Suggested)
        );
        assert_eq!(span.origin.as_deref(), Some("find:port"));
        assert_eq!(suggest_matches(&mut set, &b.ranges, "FAC", "port").1, 0);
        // Cancelled before it starts: nothing searched.
        let cancel = AtomicBool::new(true);
        let results = find_in_corpus(&corpus, "port", &CorpusFindOptions::default(), &cancel);
        assert!(results.cancelled && results.total == 0);
    }

    #[test]
    fn an_article_with_more_hits_than_the_limit_is_named_as_cut() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("big.txt"), "ab ".repeat(MAX_HITS_PER_ARTICLE + 5)).unwrap();
        std::fs::write(root.join("small.txt"), "ab cd ab").unwrap();
        let corpus = Corpus::open(root, &OpenOptions::without_cache()).unwrap();
        let none = AtomicBool::new(false);
        let results = find_in_corpus(&corpus, "ab", &CorpusFindOptions::default(), &none);
        assert_eq!(results.total, MAX_HITS_PER_ARTICLE + 2);
        assert!(results.limit_reached());
        assert_eq!(results.stopped_at_limit, ["big.txt"]);
        let results = find_in_corpus(&corpus, "cd", &CorpusFindOptions::default(), &none);
        assert!(!results.limit_reached() && results.total == 1);
    }
}
