//! HTML article import: the article text without scripts, styles, navigation, headers,
//! footers, asides and forms; paragraphs kept (separated by a blank line), whitespace inside
//! a paragraph collapsed, character references decoded. When the page has an `<article>`
//! (else `<main>`), only its content is taken. The `<title>` becomes the set's title.

/// The text extracted from an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlArticle {
    pub text: String,
    pub title: Option<String>,
    /// What was chosen or dropped, for the import report.
    pub notes: Vec<String>,
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "iframe", "head", "button", "select", "figure",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "main",
    "tr",
    "table",
    "pre",
    "figcaption",
    "dd",
    "dt",
    "dl",
    "body",
    "hr",
];

struct Tag<'a> {
    name: String,
    closing: bool,
    self_closing: bool,
    raw: &'a str,
}

/// Split HTML into text runs and tags.
enum Piece<'a> {
    Text(&'a str),
    Tag(Tag<'a>),
}

fn pieces(html: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            None => {
                out.push(Piece::Text(rest));
                break;
            }
            Some(lt) => {
                if lt > 0 {
                    out.push(Piece::Text(&rest[..lt]));
                }
                let after = &rest[lt..];
                if after.starts_with("<!--") {
                    let end = after.find("-->").map_or(after.len(), |e| e + 3);
                    rest = &after[end..];
                    continue;
                }
                let Some(gt) = after.find('>') else {
                    out.push(Piece::Text(after));
                    break;
                };
                let raw = &after[1..gt];
                let closing = raw.starts_with('/');
                let name: String = raw
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if name.is_empty() {
                    // "<!DOCTYPE", "<?xml", or a stray "<": not text we want.
                    if !raw.starts_with('!') && !raw.starts_with('?') {
                        out.push(Piece::Text(&after[..1]));
                        rest = &after[1..];
                        continue;
                    }
                } else {
                    out.push(Piece::Tag(Tag {
                        name,
                        closing,
                        self_closing: raw.ends_with('/'),
                        raw,
                    }));
                }
                rest = &after[gt + 1..];
                // Raw text elements: skip to their end tag.
                if let Some(Piece::Tag(tag)) = out.last()
                    && !tag.closing
                    && matches!(tag.name.as_str(), "script" | "style")
                {
                    let close = format!("</{}", tag.name);
                    let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
                    rest = &rest[end..];
                }
            }
        }
    }
    out
}

/// Decode character references (`&amp;`, `&#8220;`, `&#x1F44D;`, common named ones).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| {
            let name = &after[..end];
            let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
            } else if let Some(num) = name.strip_prefix('#') {
                num.parse().ok().and_then(char::from_u32)
            } else {
                named_entity(name)
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "sbquo" => '‚',
        "laquo" => '«',
        "raquo" => '»',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "shy" => '\u{ad}',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "oacute" => 'ó',
        "iacute" => 'í',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "oslash" => 'ø',
        "aring" => 'å',
        "aelig" => 'æ',
        "Oslash" => 'Ø',
        "Aring" => 'Å',
        _ => return None,
    })
}

/// Extract the article text from an HTML page.
pub fn extract(html: &str) -> HtmlArticle {
    let all = pieces(html);
    let mut notes = Vec::new();
    let title = title_of(&all);
    // Restrict to the first <article>, else <main>.
    let mut range = 0..all.len();
    'outer: for container in ["article", "main"] {
        if let Some(open) = all
            .iter()
            .position(|p| matches!(p, Piece::Tag(t) if t.name == container && !t.closing))
        {
            let mut depth = 0;
            for (i, piece) in all.iter().enumerate().skip(open) {
                if let Piece::Tag(t) = piece
                    && t.name == container
                {
                    depth += if t.closing { -1 } else { 1 };
                    if depth == 0 {
                        range = open..i + 1;
                        notes.push(format!("took the text of the page's <{container}>"));
                        break 'outer;
                    }
                }
            }
            range = open..all.len();
            notes.push(format!(
                "took the text of the page's <{container}> (not closed)"
            ));
            break;
        }
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut skip_depth: Vec<String> = Vec::new();
    let mut skipped = std::collections::BTreeMap::<String, usize>::new();
    let mut pre = 0usize;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let text = current
            .trim_matches(|c: char| c == ' ' || c == '\n')
            .to_string();
        if !text.is_empty() {
            paragraphs.push(text);
        }
        current.clear();
    };
    for piece in &all[range] {
        match piece {
            Piece::Tag(tag) => {
                let name = tag.name.as_str();
                if let Some(open) = skip_depth.last() {
                    if tag.closing && name == open {
                        skip_depth.pop();
                    } else if !tag.closing && !tag.self_closing && name == open {
                        skip_depth.push(name.to_string());
                    }
                    continue;
                }
                if !tag.closing && !tag.self_closing && SKIPPED.contains(&name) {
                    *skipped.entry(name.to_string()).or_insert(0) += 1;
                    skip_depth.push(name.to_string());
                    continue;
                }
                if name == "br" {
                    current.push('\n');
                } else if BLOCKS.contains(&name) {
                    if name == "pre" {
                        if tag.closing {
                            pre = pre.saturating_sub(1);
                        } else {
                            pre += 1;
                        }
                    }
                    flush(&mut current, &mut paragraphs);
                }
                let _ = tag.raw;
            }
            Piece::Text(text) => {
                if !skip_depth.is_empty() {
                    continue;
                }
                let decoded = decode_entities(text);
                if pre > 0 {
                    current.push_str(&decoded);
                } else {
                    for (i, word) in decoded.split(|c: char| c.is_ascii_whitespace()).enumerate() {
                        if i > 0 && !current.is_empty() && !current.ends_with([' ', '\n']) {
                            current.push(' ');
                        }
                        current.push_str(word);
                    }
                }
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    for (name, count) in skipped {
        notes.push(format!("left out {count} <{name}> element(s)"));
    }
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join("\n"))
        .collect();
    let mut text = paragraphs.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    HtmlArticle { text, title, notes }
}

fn title_of(all: &[Piece<'_>]) -> Option<String> {
    let open = all
        .iter()
        .position(|p| matches!(p, Piece::Tag(t) if t.name == "title" && !t.closing))?;
    let mut title = String::new();
    for piece in &all[open + 1..] {
        match piece {
            Piece::Text(t) => title.push_str(t),
            Piece::Tag(_) => break,
        }
    }
    let title = decode_entities(
        title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    );
    (!title.is_empty()).then_some(title)
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
<p>&bdquo;Wir warten nicht&ldquo;, said Ana&nbsp;L&uacute;cia 👍 in
   Z&#252;rich.</p><aside>Read more</aside>
<p>Line one<br>line two &#x1F44D;</p></article><footer>(c) 2026</footer></body></html>"#;
        let article = extract(html);
        assert_eq!(
            article.text,
            "Harbour strike\n\n„Wir warten nicht“, said Ana\u{a0}Lúcia 👍 in Zürich.\n\nLine one\nline two 👍\n"
        );
        assert_eq!(article.title.as_deref(), Some("Strike & ports"));
        assert!(article.notes.iter().any(|n| n.contains("<article>")));
        assert!(article.notes.iter().any(|n| n.contains("<aside>")));
    }

    #[test]
    fn without_article_takes_the_body_and_unknown_entities_stay() {
        let article = extract("<p>A &unknown; b &amp c</p><div>d</div>");
        assert_eq!(article.text, "A &unknown; b &amp c\n\nd\n");
    }
}
