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
}
