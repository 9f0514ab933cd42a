//! The lean pass of UAX #9: rules W1 to I2 with bracket pairs, per character, for a
//! paragraph with no explicit embeddings, overrides, isolates or characters rule X9 removes
//! (most news text). [`super::Paragraph`] takes it when it can and `BidiInfo` otherwise; the
//! property test in `super::tests` holds it to unicode-bidi's levels.

use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData};

/// Classes the lean pass does not handle: explicit embeddings and overrides, isolates,
/// characters removed by rule X9 (such as the zero-width non-joiner) and paragraph separators.
pub(super) fn needs_full_algorithm(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(
        class,
        LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI | BN | B
    )
}

/// Rules W1 to I2 of UAX #9 for a paragraph at one embedding level (`base`) with no explicit
/// formatting characters: one isolating run sequence, the whole paragraph, with sos and eos
/// both the paragraph's direction. `classes` are the characters' original classes. This is
/// the order and the reading of the rules of `unicode_bidi::implicit` (resolve_weak,
/// resolve_neutral with bracket pairs, resolve_levels), one entry per character instead of
/// per byte and without its allocations per run.
///
/// The levels go to `levels` (empty); `work` holds the pass's buffers from one paragraph to
/// the next.
pub(super) fn lean_levels(
    chars: &[char],
    classes: &[BidiClass],
    base: u8,
    work: &mut Work,
    levels: &mut Vec<u8>,
) {
    use BidiClass::*;
    let n = classes.len();
    let Work { cls, pairs, stack } = work;
    cls.clear();
    cls.extend_from_slice(classes);
    let cls = &mut cls[..];
    let sos = if base % 2 == 1 { R } else { L };
    let eos = sos;

    // W1 to W6, in one pass.
    let mut prev_before_w1 = sos;
    let mut prev_before_w4 = sos;
    let mut prev_before_w5 = sos;
    let mut last_strong_is_al = false;
    // A run of European terminators waiting for W5 (they are always contiguous here).
    let mut pending_et: Option<usize> = None;
    let mut i = 0;
    while i < n {
        if cls[i] == AL {
            // A stretch of Arabic letters and the spaces between them (most of an Arabic
            // paragraph): W3 makes the letters R, and nothing else changes; after it the state
            // is what its last character leaves (a letter, or whitespace, which these rules
            // leave as it is). One loop with no branch but its end, where a loop per word
            // would mispredict at every space.
            let first = i;
            let mut last = AL;
            while i < n && matches!(cls[i], AL | WS) {
                last = cls[i];
                cls[i] = if last == AL { R } else { WS };
                i += 1;
            }
            prev_before_w1 = last;
            last_strong_is_al = true;
            prev_before_w4 = if last == AL { R } else { WS };
            prev_before_w5 = prev_before_w4;
            if let Some(start) = pending_et.take() {
                cls[start..first].fill(ON); // W6
            }
            continue;
        }
        let mut class = cls[i];
        // W1: a non-spacing mark takes the class of the character before it.
        if class == NSM {
            class = prev_before_w1;
        }
        let w2_class = class;
        prev_before_w1 = class;
        // W2, W3 (written as selects, not a match: the classes of mixed text change at
        // random, and a jump per character mispredicts).
        let is_al = class == AL;
        if class == EN && last_strong_is_al {
            class = AN;
        }
        if is_al {
            class = R;
        }
        last_strong_is_al = is_al || (last_strong_is_al && !matches!(w2_class, L | R));
        cls[i] = class;
        let before_w456 = class;
        match class {
            EN => {
                // W5: terminators before a European number join it.
                if let Some(start) = pending_et.take() {
                    cls[start..i].fill(EN);
                }
            }
            ES | CS => {
                // W4: a single separator between two numbers of one kind.
                let mut next = if i + 1 < n { cls[i + 1] } else { eos };
                if next == EN && last_strong_is_al {
                    next = AN;
                }
                cls[i] = match (prev_before_w4, class, next) {
                    (EN, ES, EN) | (EN, CS, EN) => EN,
                    (AN, CS, AN) => AN,
                    _ => ON, // W6
                };
            }
            ET => {
                if prev_before_w5 == EN {
                    cls[i] = EN;
                } else if pending_et.is_none() {
                    pending_et = Some(i);
                }
            }
            _ => {}
        }
        prev_before_w5 = cls[i];
        if prev_before_w5 != ET
            && let Some(start) = pending_et.take()
        {
            cls[start..i].fill(ON); // W6
        }
        prev_before_w4 = before_w456;
        i += 1;
    }
    if let Some(start) = pending_et {
        cls[start..n].fill(ON);
    }
    // W7: European numbers after left-to-right text (or at the start of a left-to-right
    // paragraph) are left to right.
    // (No European number left, nothing to do; AL is R since W3.)
    // (Before the first left-to-right letter of a right-to-left paragraph it changes nothing.)
    let from = if sos == L {
        Some(0)
    } else {
        cls.iter().position(|c| *c == L)
    };
    let mut last_strong_is_l = sos == L;
    if let Some(from) = from
        && cls[from..].contains(&EN)
    {
        for class in cls[from..].iter_mut() {
            let c = *class;
            if c == EN && last_strong_is_l {
                *class = L;
            }
            last_strong_is_l = c == L || (last_strong_is_l && c != R);
        }
    }

    // N0: bracket pairs take the direction of what they enclose (or of the context).
    let e = sos;
    let not_e = if e == L { R } else { L };
    bracket_pairs(chars, cls, pairs, stack);
    for &(open, close) in pairs.iter() {
        let mut found_e = false;
        let mut found_not_e = false;
        for &class in &cls[open + 1..close] {
            match class {
                c if c == e => found_e = true,
                c if c == not_e => found_not_e = true,
                EN | AN if e == L => found_not_e = true,
                EN | AN => found_e = true,
                _ => {}
            }
            if found_e {
                break;
            }
        }
        let set = if found_e {
            e
        } else if found_not_e {
            match cls[..open]
                .iter()
                .rev()
                .find(|c| matches!(c, L | R | EN | AN))
                .copied()
                .unwrap_or(sos)
            {
                EN | AN => R,
                other => other,
            }
        } else {
            continue;
        };
        cls[open] = set;
        cls[close] = set;
        // Marks on a bracket follow it.
        for at in [open + 1, close + 1] {
            for i in at..n {
                if classes[i] != NSM {
                    break;
                }
                cls[i] = set;
            }
        }
    }

    // N1, N2: neutrals between two characters of one direction take it, others the
    // embedding direction. First, with no branch, the commonest case: a single space between
    // two right-to-left characters (letters, or numbers, which count as R here) is R; the loop
    // after it then finds fewer neutrals and meets fewer changes it cannot predict.
    // (Bits and `&`, not `&&`: a short-circuit is a branch per character.)
    const R_LIKE: u32 = 1 << R as u32 | 1 << AN as u32 | 1 << EN as u32;
    let is_r = |c: BidiClass| (R_LIKE >> c as u32) & 1 == 1;
    for i in 1..n.saturating_sub(1) {
        let single = (cls[i] == WS) & is_r(cls[i - 1]) & is_r(cls[i + 1]);
        cls[i] = if single { R } else { cls[i] };
    }
    let mut prev = sos;
    let mut i = 0;
    while i < n {
        if is_neutral_or_isolate(cls[i]) {
            let start = i;
            while i < n && is_neutral_or_isolate(cls[i]) {
                i += 1;
            }
            let next = if i < n { cls[i] } else { eos };
            let set = match (prev, next) {
                (L, L) => L,
                (R | AN | EN, R | AN | EN) => R,
                _ => e,
            };
            cls[start..i].fill(set);
            if i < n {
                prev = cls[i];
            }
        } else {
            prev = cls[i];
        }
        i += 1;
    }

    // I1, I2.
    levels.extend(cls.iter().map(|class| match (base % 2 == 1, class) {
        (false, AN | EN) => base + 2,
        (false, R) | (true, L | EN | AN) => base + 1,
        _ => base,
    }));
}

/// The lean pass's buffers, kept from one paragraph to the next.
#[derive(Clone, Debug, Default)]
pub(super) struct Work {
    /// The classes as the rules resolve them.
    cls: Vec<BidiClass>,
    /// Bracket pairs: (opening, closing) indices.
    pairs: Vec<(usize, usize)>,
    /// Open brackets: (opening bracket, index).
    stack: Vec<(char, usize)>,
}

fn is_neutral_or_isolate(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, B | S | WS | ON | FSI | LRI | RLI | PDI)
}

/// No paired bracket (BidiBrackets.txt) lies between ASCII and this one (U+0F3A, Tibetan):
/// the quotation marks and punctuation of Arabic, Hebrew and Latin news are not looked up.
pub(super) const FIRST_NON_ASCII_BRACKET: char = '\u{0F3A}';

/// Bracket pairs (BD16) among the characters whose class is still ON: (opening, closing)
/// indices, by opening, into `pairs`. At most 63 open brackets are tracked, as the algorithm
/// says.
fn bracket_pairs(
    chars: &[char],
    cls: &[BidiClass],
    pairs: &mut Vec<(usize, usize)>,
    stack: &mut Vec<(char, usize)>,
) {
    pairs.clear();
    stack.clear();
    for (i, &c) in chars.iter().enumerate() {
        if cls[i] != BidiClass::ON
            || (c.is_ascii() && !matches!(c, '(' | ')' | '[' | ']' | '{' | '}'))
            || (!c.is_ascii() && c < FIRST_NON_ASCII_BRACKET)
        {
            continue;
        }
        let Some(bracket) = HardcodedBidiData.bidi_matched_opening_bracket(c) else {
            continue;
        };
        if bracket.is_open {
            if stack.len() >= 63 {
                break;
            }
            stack.push((bracket.opening, i));
        } else if let Some(at) = stack.iter().rposition(|(open, _)| *open == bracket.opening) {
            pairs.push((stack[at].1, i));
            stack.truncate(at);
        }
    }
    pairs.sort_unstable_by_key(|pair| pair.0);
}
