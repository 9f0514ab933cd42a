//! Direct quotes: quotation marks paired with a stack, paragraph by paragraph.
//!
//! - Double marks open a quote: `“ ”` (English), `„ “` / `„ ”` (German), `« »` (French,
//!   spaces inside allowed), and straight `"` (toggles).
//! - Single marks `‘ ’`, `‚ ‘` and straight `'` count only inside a double-quoted passage, and
//!   `’` or `'` between two letters is an apostrophe ("don’t", "O’Neill"), so apostrophes are
//!   never taken for quotes.
//! - Only the outermost quote of a nest becomes a quote; inner ones are part of its content.
//! - A paragraph that opens a quote without closing it continues into the next paragraph when
//!   that paragraph starts with an opening mark (the newspaper convention for long quotes). The
//!   parts are separate quotes; the later one `continues_previous`.

use std::ops::Range;

/// Which family of marks a quote uses; part of the rule id (`quote.curly`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Curly,
    Straight,
    Guillemets,
    LowHigh,
}

impl Style {
    pub fn rule(&self) -> &'static str {
        match self {
            Style::Curly => "quote.curly",
            Style::Straight => "quote.straight",
            Style::Guillemets => "quote.guillemets",
            Style::LowHigh => "quote.low-high",
        }
    }
}

/// One top-level quoted passage within one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The opening mark.
    pub open: usize,
    /// The closing mark; `None` when the quote runs on into the next paragraph.
    pub close: Option<usize>,
    /// What is between the marks, without surrounding whitespace.
    pub content: Range<usize>,
    pub style: Style,
    /// True when this part continues the quote before it (multi-paragraph quote).
    pub continues_previous: bool,
}

#[derive(Debug, Default)]
pub struct Found {
    pub quotes: Vec<Quote>,
    /// Offsets of marks that could not be paired (reported, not suggested).
    pub unpaired: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Curly,
    Low,
    Guillemet,
    Straight,
    SingleCurly,
    SingleLow,
    SingleStraight,
}

impl Mark {
    fn is_double(self) -> bool {
        matches!(
            self,
            Mark::Curly | Mark::Low | Mark::Guillemet | Mark::Straight
        )
    }

    fn style(self) -> Style {
        match self {
            Mark::Curly | Mark::SingleCurly => Style::Curly,
            Mark::Low | Mark::SingleLow => Style::LowHigh,
            Mark::Guillemet => Style::Guillemets,
            Mark::Straight | Mark::SingleStraight => Style::Straight,
        }
    }
}

fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(super::tokens::is_word_char)
}

fn is_opening_double(c: char) -> bool {
    matches!(c, '“' | '„' | '«' | '"')
}

/// Find the direct quotes of `chars`.
pub fn find(chars: &[char]) -> Found {
    let mut found = Found::default();
    let mut line_start = 0;
    // A quote left open at the end of the previous paragraph.
    let mut pending: Option<Quote> = None;
    while line_start <= chars.len() {
        let line_end = chars[line_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| line_start + p);
        let line = line_start..line_end;
        let first_visible = chars[line.clone()]
            .iter()
            .position(|c| !c.is_whitespace())
            .map(|p| line_start + p);
        if let Some(first) = first_visible {
            // A blank line neither ends nor continues a pending quote.
            let continues = match pending.take() {
                Some(open_quote) => {
                    if is_opening_double(chars[first]) {
                        found.quotes.push(open_quote);
                        true
                    } else {
                        found.unpaired.push(open_quote.open);
                        if left_open_at_paragraph_end(chars, &open_quote) {
                            found.quotes.push(open_quote);
                        }
                        false
                    }
                }
                None => false,
            };
            pending = scan_line(chars, line, continues, &mut found);
        }
        line_start = line_end + 1;
    }
    if let Some(open_quote) = pending {
        found.unpaired.push(open_quote.open);
        if left_open_at_paragraph_end(chars, &open_quote) {
            found.quotes.push(open_quote);
        }
    }
    found
}

/// A quote opened at a sentence's start and never closed, whose paragraph ends with a
/// sentence's end (`“A big day,” Kim said. “They worked it out together.` then a new
/// paragraph with no mark): the writer forgot the closing mark, and the quote runs to the
/// paragraph's end. (The mark is still reported as unpaired.)
fn left_open_at_paragraph_end(chars: &[char], quote: &Quote) -> bool {
    let ends_sentence = quote
        .content
        .end
        .checked_sub(1)
        .filter(|&l| l >= quote.content.start)
        .is_some_and(|l| matches!(chars[l], '.' | '!' | '?' | '…'));
    let opens_sentence = chars[..quote.open]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace() || **c == '\n')
        .is_none_or(|c| matches!(c, '\n' | '.' | '!' | '?' | ':' | '”' | '"' | '»'));
    let words = chars[quote.content.clone()]
        .split(|c| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .count();
    ends_sentence && opens_sentence && words >= 4
}

/// Pair the marks of one paragraph; returns the quote left open at its end, if any.
fn scan_line(
    chars: &[char],
    line: Range<usize>,
    mut continues: bool,
    found: &mut Found,
) -> Option<Quote> {
    let mut stack: Vec<(Mark, usize)> = Vec::new();
    let inside_double = |stack: &Vec<(Mark, usize)>| stack.iter().any(|(m, _)| m.is_double());
    for i in line.clone() {
        let c = chars[i];
        let previous = if i > line.start {
            Some(chars[i - 1])
        } else {
            None
        };
        let next = chars.get(i + 1).copied().filter(|&n| n != '\n');
        let between_letters = is_letter(previous) && is_letter(next);
        // Hebrew gershayim and geresh typed as ASCII marks are part of their word.
        if super::tokens::is_hebrew_mark_in_word(chars, i)
            || hebrew_word_geresh(chars, line.start, i)
        {
            continue;
        }
        let mut close_to: Option<Mark> = None;
        match c {
            '“' => {
                if stack.iter().any(|(m, _)| *m == Mark::Low) {
                    close_to = Some(Mark::Low);
                } else if stack.last().is_some_and(|(m, _)| *m == Mark::Curly) && !is_letter(next) {
                    // A wrongly typed closing mark.
                    close_to = Some(Mark::Curly);
                } else {
                    stack.push((Mark::Curly, i));
                }
            }
            '”' => {
                if let Some((mark, _)) = stack
                    .iter()
                    .rev()
                    .find(|(m, _)| matches!(m, Mark::Curly | Mark::Low))
                {
                    close_to = Some(*mark);
                } else if stack.last().is_some_and(|(m, _)| *m == Mark::Straight)
                    && previous.is_some_and(|p| !p.is_whitespace())
                    && !is_letter(next)
                {
                    // `"Q.”`: a curly mark typed to close a straight quote.
                    close_to = Some(Mark::Straight);
                } else {
                    found.unpaired.push(i);
                }
            }
            '„' => stack.push((Mark::Low, i)),
            '«' => stack.push((Mark::Guillemet, i)),
            '»' => {
                if stack.iter().any(|(m, _)| *m == Mark::Guillemet) {
                    close_to = Some(Mark::Guillemet);
                } else {
                    found.unpaired.push(i);
                }
            }
            '"' => {
                if stack.iter().any(|(m, _)| *m == Mark::Straight) {
                    close_to = Some(Mark::Straight);
                } else if stack.last().is_some_and(|(m, _)| *m == Mark::Curly)
                    && previous.is_some_and(|p| !p.is_whitespace())
                    && !is_letter(next)
                {
                    // `“Q."`: a straight mark typed to close a curly quote.
                    close_to = Some(Mark::Curly);
                } else {
                    stack.push((Mark::Straight, i));
                }
            }
            '‘' if inside_double(&stack) => {
                if stack.last().is_some_and(|(m, _)| *m == Mark::SingleLow) {
                    close_to = Some(Mark::SingleLow);
                } else if !between_letters {
                    stack.push((Mark::SingleCurly, i));
                }
            }
            '‚' if inside_double(&stack) => stack.push((Mark::SingleLow, i)),
            '’' if !between_letters
                && stack
                    .last()
                    .is_some_and(|(m, _)| matches!(m, Mark::SingleCurly | Mark::SingleLow)) =>
            {
                close_to = stack.last().map(|(m, _)| *m);
            }
            '\'' if inside_double(&stack) => {
                if stack
                    .last()
                    .is_some_and(|(m, _)| *m == Mark::SingleStraight)
                    && !between_letters
                {
                    close_to = Some(Mark::SingleStraight);
                } else if !is_letter(previous) && is_letter(next) {
                    stack.push((Mark::SingleStraight, i));
                }
            }
            _ => {}
        }
        if let Some(mark) = close_to {
            // Pop to the mark being closed; single marks left open above it were apostrophes
            // or typos and are dropped from the stack.
            while let Some((top, open)) = stack.pop() {
                if top == mark {
                    if stack.is_empty() && top.is_double() {
                        found.quotes.push(Quote {
                            open,
                            close: Some(i),
                            content: trim(chars, open + 1..i),
                            style: top.style(),
                            continues_previous: continues,
                        });
                        continues = false;
                    }
                    break;
                }
            }
        }
    }
    // Only the outermost mark of a paragraph can carry a quote on into the next paragraph.
    let (mark, open) = stack.first().copied()?;
    if !mark.is_double() {
        return None;
    }
    for (_, inner) in stack.iter().skip(1) {
        if chars[*inner] != '\'' && chars[*inner] != '‘' && chars[*inner] != '‚' {
            found.unpaired.push(*inner);
        }
    }
    Some(Quote {
        open,
        close: None,
        content: trim(chars, open + 1..line.end),
        style: mark.style(),
        continues_previous: continues,
    })
}

/// True when the `'` at `i` ends a Hebrew word as a geresh (ג'ורג', ג').
fn hebrew_word_geresh(chars: &[char], line_start: usize, i: usize) -> bool {
    let start = (line_start..i)
        .rev()
        .find(|&k| !(is_letter(Some(chars[k])) || super::tokens::is_hebrew_mark_in_word(chars, k)))
        .map_or(line_start, |k| k + 1);
    super::tokens::is_trailing_geresh(chars, start, i)
}

/// The range without leading and trailing whitespace (no-break spaces included).
fn trim(chars: &[char], range: Range<usize>) -> Range<usize> {
    let mut start = range.start;
    let mut end = range.end;
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, Style, bool)> {
        let chars: Vec<char> = text.chars().collect();
        find(&chars)
            .quotes
            .into_iter()
            .map(|q| {
                (
                    chars[q.content].iter().collect(),
                    q.style,
                    q.continues_previous,
                )
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        quotes(text).into_iter().map(|(t, _, _)| t).collect()
    }

    #[test]
    fn every_mark_style() {
        assert_eq!(
            quotes("“We will not wait,” she said."),
            [("We will not wait,".into(), Style::Curly, false)]
        );
        assert_eq!(
            quotes("He said: \"Enough is enough.\" Then left."),
            [("Enough is enough.".into(), Style::Straight, false)]
        );
        assert_eq!(
            quotes("Elle a dit : « Nous ne céderons pas. »"),
            [("Nous ne céderons pas.".into(), Style::Guillemets, false)]
        );
        assert_eq!(
            quotes("„Wir werden nicht warten“, sagte Müller. „Nie”, rief er."),
            [
                ("Wir werden nicht warten".into(), Style::LowHigh, false),
                ("Nie".into(), Style::LowHigh, false)
            ]
        );
    }

    #[test]
    fn nested_quotes_stay_inside_the_outer_one() {
        assert_eq!(
            texts("“They told us ‘wait and see’ for years,” he said."),
            ["They told us ‘wait and see’ for years,"]
        );
        assert_eq!(
            texts("\"He called it 'a farce' again,\" she said."),
            ["He called it 'a farce' again,"]
        );
        assert_eq!(
            texts("„Er sagte ‚nie wieder‘ zu mir“, sagte sie."),
            ["Er sagte ‚nie wieder‘ zu mir"]
        );
        assert_eq!(
            texts("« Il a dit “jamais” hier », a-t-elle dit."),
            ["Il a dit “jamais” hier"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            texts("“We don’t accept O’Neill’s plan from the ’90s,” he said of the workers’ union."),
            ["We don’t accept O’Neill’s plan from the ’90s,"]
        );
        assert_eq!(
            texts("Rock ’n’ roll in the ’90s wasn’t O’Neill’s."),
            Vec::<String>::new()
        );
        assert_eq!(
            texts("\"It's the dockers' fight, not O'Neill's,\" he said."),
            ["It's the dockers' fight, not O'Neill's,"]
        );
    }

    #[test]
    fn quotes_running_over_paragraphs() {
        let text = "“The first part of it goes on.\n\n“The second part also.\n“And it ends here,” she said.\nAfter.";
        assert_eq!(
            quotes(text),
            [
                ("The first part of it goes on.".into(), Style::Curly, false),
                ("The second part also.".into(), Style::Curly, true),
                ("And it ends here,".into(), Style::Curly, true)
            ]
        );
        // An opening mark never closed and not continued is reported, not suggested.
        let chars: Vec<char> = "“Never closed here.\nPlain paragraph.".chars().collect();
        let found = find(&chars);
        assert!(found.quotes.is_empty());
        assert_eq!(found.unpaired, [0]);
    }

    #[test]
    fn mixed_straight_and_curly_marks_typed_by_mistake() {
        // A straight mark opens, a curly one closes (and the other way round), as sources
        // pasted from several editors type them; the quote still runs on into the next
        // paragraph.
        let text = "“We feed the world,\" Holm said. \"Now more than ever.\n\n\
                    \"Today I ask every family to help.”\nAfter.";
        assert_eq!(
            texts(text),
            [
                "We feed the world,",
                "Now more than ever.",
                "Today I ask every family to help."
            ]
        );
        // A closing curly mark after a space closes nothing.
        let chars: Vec<char> = "He said \"yes ” and left.".chars().collect();
        assert!(find(&chars).quotes.is_empty());
    }

    #[test]
    fn stray_closing_marks_are_reported() {
        let chars: Vec<char> = "An odd ” mark and » another.".chars().collect();
        let found = find(&chars);
        assert!(found.quotes.is_empty());
        assert_eq!(found.unpaired.len(), 2);
    }
}
