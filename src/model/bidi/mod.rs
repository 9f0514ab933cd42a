//! Right-to-left and mixed-direction text: the Unicode Bidirectional Algorithm (UAX #9) as a
//! view needs it, with no drawing in it.
//!
//! Offsets stay logical everywhere (code points into the text as stored); this module only
//! says in which order a display line shows them. [`Paragraph`] resolves the embedding level
//! of every character (rules P to I, by `unicode-bidi`), then [`Paragraph::visual_runs`]
//! applies rules L1 and L2 to one display line: the runs of that line from left to right,
//! each a logical range shown left to right (even level) or right to left (odd level).
//! Mirroring (L4) is left to the shaper, which mirrors brackets in a right-to-left run.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

mod lean;
use lean::{lean_levels, needs_full_algorithm};

/// The base direction of an article's paragraphs: from each paragraph's first strong
/// character (`auto`, the default), or the same for all of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Auto,
    Ltr,
    Rtl,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Auto, Direction::Ltr, Direction::Rtl];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Auto => "auto",
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == name)
    }

    pub fn is_auto(&self) -> bool {
        *self == Direction::Auto
    }

    /// Words for a menu.
    pub fn describe(self) -> &'static str {
        match self {
            Direction::Auto => "Automatic (each paragraph's first letter)",
            Direction::Ltr => "Left to right",
            Direction::Rtl => "Right to left",
        }
    }
}

/// Characters below this have their class in [`CLASSES`] (Latin, Greek, Cyrillic, Hebrew,
/// Arabic, Syriac, Thaana, N'Ko ...): most of the text a news view shows.
const TABLE_END: usize = 0x0800;

/// The bidirectional class of every character below [`TABLE_END`], looked up once: the
/// binary search of `unicode_bidi::bidi_class` is a good part of a line's analysis otherwise.
static CLASSES: LazyLock<Vec<BidiClass>> = LazyLock::new(|| {
    (0..TABLE_END as u32)
        .map(|c| char::from_u32(c).map_or(BidiClass::ON, bidi_class))
        .collect()
});

/// A lean paragraph (see [`Paragraph::new`]) whose every character resolves to the base
/// level: right to left without left-to-right letters or numbers (weak and neutral
/// characters then all resolve to R, rules W1 to N2), or left to right without right-to-left
/// letters or numbers. The rules need not run for it; a paragraph of Arabic or Hebrew prose
/// without figures or Latin names is one.
fn one_level(base: u8, ltr: bool, rtl: bool, numbers: bool) -> bool {
    if base == 1 {
        !ltr && !numbers
    } else {
        !rtl && !numbers
    }
}

/// The bidirectional class of `c` (UAX #9, table 4), as `unicode_bidi::bidi_class` gives it.
pub fn class_of(c: char) -> BidiClass {
    CLASSES
        .get(c as usize)
        .copied()
        .unwrap_or_else(|| bidi_class(c))
}

/// True for a character that can make a line reorder: a right-to-left letter (Hebrew, Arabic,
/// Syriac, Thaana, N'Ko ...), an Arabic-Indic digit, or a right-to-left control.
pub fn is_rtl_char(c: char) -> bool {
    matches!(
        class_of(c),
        BidiClass::R
            | BidiClass::AL
            | BidiClass::AN
            | BidiClass::RLE
            | BidiClass::RLO
            | BidiClass::RLI
    )
}

/// True when `text` holds a character that can reorder a line ([`is_rtl_char`]). Text without
/// one is shown exactly as before, left to right; this check is the gate, so it is fast: no
/// character below U+0590 is right to left, and those need a UTF-8 lead byte of 0xD6 or more.
pub fn has_rtl(text: &str) -> bool {
    text.bytes().any(|b| b >= 0xD6) && text.chars().any(is_rtl_char)
}

/// True when the first strong character of `text` is right to left (no strong character: no).
pub fn first_strong_is_rtl(text: &str) -> bool {
    for c in text.chars() {
        match class_of(c) {
            BidiClass::R | BidiClass::AL => return true,
            BidiClass::L => return false,
            _ => {}
        }
    }
    false
}

/// The character shown for `c` in a right-to-left run (rule L4, the Bidi_Mirroring_Glyph
/// pairs a news text meets): brackets, quotation marks and comparison signs face the other
/// way. The one table for the text view's shaping and for labels; others are unchanged.
pub fn mirror(c: char) -> char {
    const PAIRS: [(char, char); 10] = [
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
        ('≤', '≥'),
        ('⁅', '⁆'),
        ('⟨', '⟩'),
        ('\u{2329}', '\u{232A}'),
    ];
    for (open, close) in PAIRS {
        if c == open {
            return close;
        }
        if c == close {
            return open;
        }
    }
    c
}

/// A run of a display line: a logical range at one embedding level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Code points, relative to the paragraph.
    pub chars: Range<usize>,
    pub level: u8,
}

impl Run {
    /// Shown right to left.
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// One paragraph (a display block) with the resolved level of each character.
///
/// A paragraph can be analysed again and again into the same buffers
/// ([`Paragraph::analyse`]): the view keeps one and lays out every right-to-left block with
/// it, so that the analysis allocates nothing once its buffers are as long as a block.
#[derive(Clone, Debug, Default)]
pub struct Paragraph {
    levels: Vec<u8>,
    classes: Vec<BidiClass>,
    base: u8,
    /// Every character is at the base level ([`one_level`]): a line is one run.
    one_level: bool,
    /// The lean pass's working buffers.
    work: lean::Work,
}

/// The classes in a set of [`BidiClass`]es as bits (`1 << class as u32`).
const fn class_bits(classes: &[BidiClass]) -> u32 {
    let mut bits = 0;
    let mut i = 0;
    while i < classes.len() {
        bits |= 1 << classes[i] as u32;
        i += 1;
    }
    bits
}

impl Paragraph {
    /// Resolve `text` (one paragraph: no line breaks) with a base direction from
    /// `direction`, or from its first strong character when that is `Auto`.
    pub fn new(text: &str, direction: Direction) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut paragraph = Self::default();
        paragraph.analyse(&chars, direction);
        paragraph
    }

    /// [`Self::new`] on `chars`, into this paragraph's buffers (what it held before is
    /// replaced).
    ///
    /// Text without explicit embeddings, overrides, isolates or characters that rule X9
    /// removes (most news text) takes a lean pass over its characters ([`lean::lean_levels`]);
    /// anything else goes through `unicode_bidi::BidiInfo`, which keeps its classes and
    /// levels per byte. Both give the same levels (a property test holds them to it).
    pub fn analyse(&mut self, chars: &[char], direction: Direction) {
        use BidiClass::*;
        // Which classes the paragraph has, as bits: one OR a character, no branch.
        let mut seen = 0u32;
        let table: &[BidiClass] = &CLASSES;
        let classes = &mut self.classes;
        classes.clear();
        classes.extend(chars.iter().map(|&c| {
            let class = table
                .get(c as usize)
                .copied()
                .unwrap_or_else(|| bidi_class(c));
            seen |= 1 << class as u32;
            class
        }));
        const FULL: u32 = class_bits(&[LRE, RLE, LRO, RLO, PDF, LRI, RLI, FSI, PDI, BN, B]);
        debug_assert_eq!(
            seen & FULL != 0,
            classes.iter().any(|c| needs_full_algorithm(*c))
        );
        if seen & FULL != 0 {
            let text: String = chars.iter().collect();
            let general = Self::with_bidi_info(&text, direction, std::mem::take(classes));
            self.levels = general.levels;
            self.classes = general.classes;
            self.base = general.base;
            self.one_level = false;
            return;
        }
        let ltr = seen & class_bits(&[L]) != 0;
        let rtl = seen & class_bits(&[R, AL]) != 0;
        let numbers = seen & class_bits(&[EN, AN]) != 0;
        let base = match direction {
            Direction::Ltr => 0,
            Direction::Rtl => 1,
            Direction::Auto => classes
                .iter()
                .find_map(|class| match class {
                    L => Some(0),
                    R | AL => Some(1),
                    _ => None,
                })
                .unwrap_or(0),
        };
        self.base = base;
        self.one_level = one_level(base, ltr, rtl, numbers);
        self.levels.clear();
        if self.one_level {
            self.levels.resize(classes.len(), base);
        } else {
            lean_levels(chars, classes, base, &mut self.work, &mut self.levels);
        }
    }

    /// The general path: unicode-bidi's `BidiInfo` (explicit embeddings, isolates, X9).
    fn with_bidi_info(text: &str, direction: Direction, classes: Vec<BidiClass>) -> Self {
        let default_level = match direction {
            Direction::Auto => None,
            Direction::Ltr => Some(Level::ltr()),
            Direction::Rtl => Some(Level::rtl()),
        };
        let info = BidiInfo::new(text, default_level);
        let base = match (direction, info.paragraphs.first()) {
            (Direction::Auto, Some(paragraph)) => paragraph.level.number() % 2,
            (Direction::Auto, None) => 0,
            (Direction::Ltr, _) => 0,
            (Direction::Rtl, _) => 1,
        };
        let levels = text
            .char_indices()
            .map(|(byte, _)| info.levels[byte].number())
            .collect();
        Self {
            levels,
            classes,
            base,
            one_level: false,
            work: lean::Work::default(),
        }
    }

    /// The paragraph reads right to left (so its lines are right-aligned).
    pub fn is_rtl(&self) -> bool {
        self.base == 1
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// The resolved level of each character (before the line rules).
    pub fn levels(&self) -> &[u8] {
        &self.levels
    }

    /// Levels of the characters of `line` after rule L1: separators, and whitespace before
    /// them or at the end of the line, take the paragraph's level.
    pub fn line_levels(&self, line: Range<usize>) -> Vec<u8> {
        let mut levels = Vec::new();
        self.line_levels_into(line, &mut levels);
        levels
    }

    /// [`Self::line_levels`] into `levels` (cleared first).
    fn line_levels_into(&self, line: Range<usize>, levels: &mut Vec<u8>) {
        let line = line.start.min(self.len())..line.end.min(self.len());
        levels.clear();
        levels.extend_from_slice(&self.levels[line.clone()]);
        let classes = &self.classes[line];
        // Walking backwards: the whitespace (and what rule X9 removes, which neither ends nor
        // breaks a whitespace sequence) at the end and before each separator, then the
        // separator before it. (Only the separators are looked for in between: the loop
        // does not stop at every word.)
        let mut end = levels.len();
        loop {
            while end > 0
                && matches!(
                    classes[end - 1],
                    BidiClass::WS
                        | BidiClass::FSI
                        | BidiClass::LRI
                        | BidiClass::RLI
                        | BidiClass::PDI
                        | BidiClass::BN
                        | BidiClass::LRE
                        | BidiClass::RLE
                        | BidiClass::LRO
                        | BidiClass::RLO
                        | BidiClass::PDF
                )
            {
                levels[end - 1] = self.base;
                end -= 1;
            }
            match classes[..end]
                .iter()
                .rposition(|c| matches!(c, BidiClass::S | BidiClass::B))
            {
                Some(separator) => {
                    levels[separator] = self.base;
                    end = separator;
                }
                None => break,
            }
        }
    }

    /// The runs of the display line `line` (code points of this paragraph), left to right.
    pub fn visual_runs(&self, line: Range<usize>) -> Vec<Run> {
        let mut runs = Vec::new();
        self.visual_runs_into(line, &mut Vec::new(), &mut runs);
        runs
    }

    /// [`Self::visual_runs`] into `runs` (cleared first), with `levels` to work in: what a
    /// view laying out many lines calls, with buffers it keeps.
    pub fn visual_runs_into(&self, line: Range<usize>, levels: &mut Vec<u8>, runs: &mut Vec<Run>) {
        let line = line.start.min(self.len())..line.end.min(self.len());
        runs.clear();
        // One level all through (rule L1 gives whitespace the paragraph's level, which it
        // has): the line is one run.
        if self.one_level {
            if !line.is_empty() {
                runs.push(Run {
                    chars: line,
                    level: self.base,
                });
            }
            return;
        }
        let start = line.start;
        self.line_levels_into(line, levels);
        runs_in_visual_order_into(levels, runs);
        for run in runs.iter_mut() {
            run.chars = run.chars.start + start..run.chars.end + start;
        }
    }
}

/// Rule L2 on the levels of one line: its level runs (indices into `levels`) in visual order,
/// left to right.
pub fn runs_in_visual_order(levels: &[u8]) -> Vec<Run> {
    let mut runs = Vec::new();
    runs_in_visual_order_into(levels, &mut runs);
    runs
}

/// [`runs_in_visual_order`] appended to `runs` (empty).
fn runs_in_visual_order_into(levels: &[u8], runs: &mut Vec<Run>) {
    let mut start = 0;
    for i in 1..=levels.len() {
        if i == levels.len() || levels[i] != levels[start] {
            runs.push(Run {
                chars: start..i,
                level: levels[start],
            });
            start = i;
        }
    }
    let Some(highest) = runs.iter().map(|r| r.level).max() else {
        return;
    };
    let lowest_odd = runs.iter().map(|r| r.level).filter(|l| l % 2 == 1).min();
    let Some(lowest_odd) = lowest_odd else {
        return;
    };
    // From the highest level down to the lowest odd one, reverse every sequence of runs at
    // that level or above.
    for level in (lowest_odd..=highest).rev() {
        let mut i = 0;
        while i < runs.len() {
            if runs[i].level >= level {
                let mut j = i + 1;
                while j < runs.len() && runs[j].level >= level {
                    j += 1;
                }
                runs[i..j].reverse();
                i = j;
            } else {
                i += 1;
            }
        }
    }
}

/// The logical indices of a line's characters in visual order, left to right.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order = Vec::with_capacity(levels.len());
    for run in runs_in_visual_order(levels) {
        if run.is_rtl() {
            order.extend(run.chars.rev());
        } else {
            order.extend(run.chars);
        }
    }
    order
}

#[cfg(test)]
mod tests;
