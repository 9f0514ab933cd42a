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
    /// What was chosen or dropped, for the import report.
    pub notes: Vec<String>,
}

/// Elements the whole-page fallback leaves out.
const SKIPPED: &str = "script, style, noscript, template, svg, nav, header, footer, aside, form, iframe, button, select, head";

/// Extract the article text from an HTML page.
pub fn extract(html: &str) -> HtmlArticle {
    let mut notes = Vec::new();
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let parsed = Readability::new(html, None, Some(config)).and_then(|mut r| r.parse());
    let (body, title) = match parsed {
        Ok(article) if !article.text_content.trim().is_empty() => {
            notes.push(
                "took the article body chosen by readability scoring (navigation, scripts, share buttons and comments left out)"
                    .to_string(),
            );
            (article.text_content.to_string(), Some(article.title))
        }
        outcome => {
            let why = match outcome {
                Err(error) => error.to_string(),
                Ok(_) => "the chosen body has no text".to_string(),
            };
            let document = dom_query::Document::from(html);
            let title = document.select("title").text().to_string();
            let skipped = document.select(SKIPPED);
            let count = skipped.length();
            skipped.remove();
            notes.push(format!(
                "no article body found ({why}); took the text of the whole page"
            ));
            if count > 0 {
                notes.push(format!(
                    "left out {count} script, style, navigation, header, footer, aside and form element(s)"
                ));
            }
            let body = document.select("body");
            let text = if body.exists() {
                body.formatted_text()
            } else {
                document.formatted_text()
            };
            (text.to_string(), Some(title))
        }
    };
    let title = title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    HtmlArticle {
        text: tidy(&body),
        title,
        notes,
    }
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
        assert!(!article.notes.is_empty());
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
