//! HTML article import. The page is parsed by an HTML5 parser (html5ever, through dom_query)
//! and the article body is chosen by readability.js's scoring (dom_smoothie, a port of it):
//! navigation, scripts, styles, share buttons, related links and comments are left out.
//! Paragraphs and other blocks are separated by a blank line, `<br>` and list items by a line
//! end, whitespace inside a paragraph is collapsed and character references decoded. When no
//! article body can be found (a short page, a list of links), the whole page's text is taken
//! without scripts, styles, navigation, headers, footers, asides and forms, and the report
//! says so. The page's title becomes the set's title.

use dom_smoothie::{Config, Readability, TextMode};

/// The text extracted from an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlArticle {
    pub text: String,
    pub title: Option<String>,
    /// What was chosen and dropped, for the import report: information, not problems.
    pub notes: Vec<String>,
    /// What may be wrong with the text (no article body found: the whole page was taken).
    pub problems: Vec<String>,
}

/// Elements whose text is never article text.
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "form", "button",
    "select", "iframe", "head", "title",
];
/// Left out too when the whole page is taken (inside a chosen article body a `<header>`
/// holds its headline).
const NOT_IN_PAGE: &[&str] = &["header"];
/// Elements that make a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "table",
    "figure",
    "figcaption",
    "address",
    "details",
    "summary",
    "hr",
    "center",
    "body",
    "li",
];
/// Elements that end a line.
const LINES: &[&str] = &["tr", "dt", "dd"];

/// Extract the article text from an HTML page.
pub fn extract(html: &str) -> HtmlArticle {
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    let config = Config {
        text_mode: TextMode::Raw,
        ..Config::default()
    };
    let parsed = Readability::new(html, None, Some(config)).and_then(|mut r| r.parse());
    let chosen = match parsed {
        Ok(article) => {
            let content = dom_query::Document::from(article.content.as_ref());
            let text = text_of(&content.root(), &[]);
            (!text.trim().is_empty()).then_some((text, article.title))
        }
        Err(_) => None,
    };
    let (body, title) = match chosen {
        Some(found) => {
            notes.push(
                "took the article body chosen by readability scoring (navigation, scripts, share buttons and comments left out)"
                    .to_string(),
            );
            found
        }
        None => {
            problems.push(
                "no article body found; took the text of the whole page without scripts, styles, navigation, headers, footers, asides and forms"
                    .to_string(),
            );
            let document = dom_query::Document::from(html);
            let title = document.select("title").text().to_string();
            let root = document.body().unwrap_or_else(|| document.root());
            (text_of(&root, NOT_IN_PAGE), title)
        }
    };
    let title =
        Some(title.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty());
    HtmlArticle {
        text: tidy(&body),
        title,
        notes,
        problems,
    }
}

/// The text of `root`'s content as a reader sees it: blocks as paragraphs, `<br>` and table
/// rows as line ends, HTML whitespace collapsed (a no-break space kept), `<pre>` as it is.
/// Walks with a stack of its own, so deep nesting cannot overflow the call stack.
fn text_of(root: &dom_query::NodeRef, also_skipped: &[&str]) -> String {
    enum Step<'a> {
        Open(dom_query::NodeRef<'a>),
        Close(String),
    }
    let mut out = String::new();
    let mut stack: Vec<Step> = root.children().into_iter().rev().map(Step::Open).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Open(node) if node.is_text() => push_words(&mut out, &node.text()),
            Step::Open(node) if node.is_element() => {
                let name = node
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                let name = name.as_str();
                if NEVER_TEXT.contains(&name) || also_skipped.contains(&name) {
                    continue;
                }
                if name == "br" {
                    line_break(&mut out, true);
                    continue;
                }
                if BLOCKS.contains(&name) {
                    paragraph_break(&mut out);
                }
                if name == "pre" {
                    out.push_str(&node.text());
                    paragraph_break(&mut out);
                    continue;
                }
                stack.push(Step::Close(name.to_string()));
                stack.extend(node.children().into_iter().rev().map(Step::Open));
            }
            Step::Open(_) => {}
            Step::Close(name) => {
                let name = name.as_str();
                if BLOCKS.contains(&name) {
                    paragraph_break(&mut out);
                } else if LINES.contains(&name) {
                    line_break(&mut out, false);
                } else if matches!(name, "td" | "th") && !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// Append text with HTML whitespace (ASCII) collapsed to single spaces.
fn push_words(out: &mut String, text: &str) {
    let at_line_start = out.is_empty() || out.ends_with('\n');
    let mut words = text
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        if !at_line_start && !out.ends_with(' ') && !text.is_empty() {
            out.push(' ');
        }
        return;
    };
    if !at_line_start && !out.ends_with(' ') && text.starts_with(|c: char| c.is_ascii_whitespace())
    {
        out.push(' ');
    }
    out.push_str(first);
    for word in words {
        out.push(' ');
        out.push_str(word);
    }
    if text.ends_with(|c: char| c.is_ascii_whitespace()) {
        out.push(' ');
    }
}

fn trim_trailing_spaces(out: &mut String) {
    out.truncate(out.trim_end_matches(' ').len());
}

fn line_break(out: &mut String, always: bool) {
    trim_trailing_spaces(out);
    if always || !(out.is_empty() || out.ends_with('\n')) {
        out.push('\n');
    }
}

fn paragraph_break(out: &mut String) {
    trim_trailing_spaces(out);
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
}

/// Lines trimmed, at most one blank line between paragraphs, one final line end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_paragraphs_only() {
        let html = r#"<!DOCTYPE html><html><head><title>Strike &amp; ports</title>
<style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
<body><nav><a href="/">Home</a> <a>World</a></nav><header>Site name</header>
<article><h1>Harbour   strike</h1>
<p>&bdquo;Wir warten nicht&ldquo;, said Ana L&uacute;cia 👍 in
   Z&#252;rich.</p><aside>Read more</aside>
<p>Line one<br>line two &#x1F44D;</p></article><footer>(c) 2026</footer></body></html>"#;
        let article = extract(html);
        assert!(
            article.text.contains(
                "„Wir warten nicht“, said Ana Lúcia 👍 in Zürich.\n\nLine one\nline two 👍\n"
            ),
            "{:?}",
            article.text
        );
        for gone in [
            "Home",
            "Site name",
            "Read more",
            "(c) 2026",
            "color",
            "var x",
        ] {
            assert!(!article.text.contains(gone), "{gone} in {:?}", article.text);
        }
        assert_eq!(article.title.as_deref(), Some("Strike & ports"));
        assert!(!article.notes.is_empty() && article.problems.is_empty());
    }

    #[test]
    fn broken_markup_and_unknown_entities_are_kept_as_text() {
        let article = extract("<p>A &unknown; b &amp c</p><div>d");
        assert!(
            article.text.contains("A &unknown; b & c"),
            "{:?}",
            article.text
        );
        assert!(article.text.ends_with("d\n"), "{:?}", article.text);
    }

    #[test]
    fn tidy_keeps_one_blank_line_between_paragraphs() {
        assert_eq!(tidy("\n\n a \n\n\n\n b\nc  \n"), "a\n\nb\nc\n");
        assert_eq!(tidy(""), "");
    }
}
