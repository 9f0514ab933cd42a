//! The byline: the writer's line among the first lines ("By Lena Okafor", "by Master Sgt. Jess
//! Harvey"), kept out of coreference, and the writer's name in it.

use std::ops::Range;

use super::names::{Name, name_at};
use super::tokens::{Kind, Tokens};

/// The writer's name in a byline line from `by` (the token of "By") to `end`: the first name
/// after it, past a rank of several words ("by Master Sgt. Jess Harvey", "by Airman 1st Class
/// Jake Carter").
fn name_in_byline(tokens: &Tokens, by: usize, end: usize) -> Option<Name> {
    // The first run that names anything; an organisation there ("By Nick Simeone DoD News")
    // means no person is read from this line.
    (by + 1..end.min(by + 9))
        .find_map(|k| name_at(tokens, k))
        .filter(|name| !name.is_org)
}

/// The writer's name in the byline found by [`byline`].
pub fn byline_name(tokens: &Tokens, line: &Range<usize>) -> Option<Name> {
    let by = tokens.first_at_or_after(line.start);
    let end = tokens.first_at_or_after(line.end);
    name_in_byline(tokens, by, end)
}

/// The byline ("By Lena Okafor", "By Lena Okafor and Tom Ng, Meridian Wire", "by Master Sgt.
/// Jess Harvey") among the first lines: its range, so that no coreference points into it.
pub fn byline(tokens: &Tokens) -> Option<Range<usize>> {
    let mut line = 0;
    let mut index = 0;
    while index < tokens.tokens.len() && line < 6 {
        let token = tokens.tokens[index];
        if token.kind == Kind::Break {
            line += 1;
            index += 1;
            continue;
        }
        let line_start_token = index;
        let line_end_token = tokens.tokens[index..]
            .iter()
            .position(|t| t.kind == Kind::Break)
            .map_or(tokens.tokens.len(), |p| index + p);
        let first_word = tokens.word(line_start_token).unwrap_or_default();
        if matches!(first_word, "By" | "BY" | "by" | "Von" | "Par")
            && name_in_byline(tokens, line_start_token, line_end_token).is_some()
            && line_end_token - line_start_token <= 16
        {
            let start = tokens.tokens[line_start_token].start;
            let end = tokens.tokens[line_end_token - 1].end;
            return Some(start..end);
        }
        index = line_end_token;
    }
    None
}

/// The dateline opening a story's first paragraph ("HOLLOWAY CROSS, June 3 (Valley Courier)
/// -", "ROTTERDAM –", "MARLOW FALLS, Ore. (AP) —"): its range up to the dash, and its place's
/// words in capitals. The place is no person ("Holloway Cross council voted" names none), and
/// the agency in brackets speaks for nobody in the story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    pub range: Range<usize>,
    pub place: Vec<String>,
}

impl Dateline {
    /// True when the words from token `first` to `last` are the dateline's place written in
    /// any case ("Holloway Cross" for "HOLLOWAY CROSS").
    pub fn is_place(&self, tokens: &Tokens, first: usize, last: usize) -> bool {
        let mut words = (first..=last).filter_map(|k| tokens.word(k));
        self.place.iter().all(|p| {
            words.next().is_some_and(|w| {
                w.chars()
                    .flat_map(char::to_uppercase)
                    .eq(p.chars().flat_map(char::to_uppercase))
            })
        }) && words.next().is_none()
    }
}

/// The dateline among the first lines: one to four words in capitals at a line's start, then
/// a comma or a dash, and a dash within the next few words.
pub fn dateline(tokens: &Tokens) -> Option<Dateline> {
    let is_capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !w.chars().any(char::is_lowercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
    };
    let is_dash = |k: usize| matches!(tokens.punct(k), Some('-' | '–' | '—'));
    let mut line = 0;
    let mut index = 0;
    while index < tokens.tokens.len() && line < 10 {
        if tokens.tokens[index].kind == Kind::Break {
            line += 1;
            index += 1;
            continue;
        }
        let line_end = tokens.tokens[index..]
            .iter()
            .position(|t| t.kind == Kind::Break)
            .map_or(tokens.tokens.len(), |p| index + p);
        let place_end = (index..line_end.min(index + 5))
            .find(|&k| !tokens.word(k).is_some_and(is_capitals))
            .unwrap_or(line_end);
        if place_end > index
            && place_end - index <= 4
            && (matches!(tokens.punct(place_end), Some(',' | '(')) || is_dash(place_end))
            && let Some(dash) = (place_end..line_end.min(place_end + 16)).find(|&k| is_dash(k))
            && line_end > dash + 1
        {
            return Some(Dateline {
                range: tokens.tokens[index].start..tokens.tokens[dash].end,
                place: (index..place_end)
                    .filter_map(|k| tokens.word(k))
                    .map(str::to_string)
                    .collect(),
            });
        }
        index = line_end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_is_found_near_the_top() {
        let text = "Dockers strike\n\nBy Lena Okafor\n\nROTTERDAM – Daniel Okafor said.";
        let tokens = Tokens::new(text);
        let range = byline(&tokens).expect("byline");
        assert_eq!(tokens.text(range), "By Lena Okafor");
        assert_eq!(byline(&Tokens::new("By the river, he said.")), None);
    }

    #[test]
    fn dateline_place_and_agency() {
        let text = "Council votes\n\nBy Leah Roe\n\nHOLLOWAY CROSS, June 3 (Valley Courier) - \
            Holloway Cross council voted on Tuesday.";
        let tokens = Tokens::new(text);
        let found = dateline(&tokens).expect("dateline");
        assert_eq!(
            tokens.text(found.range.clone()),
            "HOLLOWAY CROSS, June 3 (Valley Courier) -"
        );
        assert_eq!(found.place, ["HOLLOWAY", "CROSS"]);
        let at = tokens.first_at_or_after(found.range.end);
        assert!(found.is_place(&tokens, at, at + 1));
        assert!(!found.is_place(&tokens, at, at));
        assert_eq!(
            dateline(&Tokens::new("Title\n\nNASA said on Monday - again.")),
            None
        );
        let wire = Tokens::new("Title\n\nWASHINGTON (AP) — The mill closed.");
        assert_eq!(
            dateline(&wire).map(|d| d.place),
            Some(vec!["WASHINGTON".to_string()])
        );
        assert_eq!(
            dateline(&Tokens::new("Title\n\nThe mill will close.")),
            None
        );
    }
}
