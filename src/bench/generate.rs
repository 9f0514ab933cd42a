//! A seeded generator of long news-like articles with many nested and overlapping spans, for
//! the benchmark and for tests. The same seed gives the same article on every machine: the
//! random numbers come from SplitMix64, a fixed algorithm (a general-purpose RNG crate does
//! not promise the same stream across versions).

use crate::model::edit;
use crate::model::schema::Schema;
use crate::model::set::{AnnotationSet, Document};
use crate::model::span::{Span, SpanId};
use crate::model::vocab;

/// SplitMix64 (Steele, Lea, Flood 2014).
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "on",
    "Tuesday",
    "that",
    "its",
    "budget",
    "would",
    "rise",
    "by",
    "port",
    "workers",
    "union",
    "minister",
    "reported",
    "according",
    "to",
    "figures",
    "from",
    "agency",
    "officials",
    "expected",
    "talks",
    "resume",
    "after",
    "strike",
    "cranes",
    "harbour",
    "coastal",
    "fund",
    "billion",
    "percent",
    "increase",
    "decline",
    "since",
    "last",
    "year",
    "inquiry",
    "evidence",
    "hearing",
    "committee",
    "report",
    "draft",
    "statement",
    "analysts",
    "café",
    "Zürich",
    "São",
    "Paulo",
    "Kraków",
    "Gdańsk",
    "naïve",
    "façade",
    "résumé",
    "Ødegaard",
    "Łukasiewicz",
    "Álvarez-Núñez",
    "Brontë",
    "北京",
    "東京",
    "서울",
    "Москва",
    "Αθήνα",
    "🌊",
    "12\u{a0}500",
    "€\u{a0}4,2",
    "30\u{a0}%",
    "and",
    "of",
    "in",
    "a",
    "for",
    "with",
    "was",
];

const NAMES: &[&str] = &[
    "Daniel Okafor",
    "Ana Lúcia Ferreira",
    "José Álvarez-Núñez",
    "Zoë Brontë",
    "Mei Lin",
    "Søren Halvorsen",
    "Anneliese Größmann",
    "Piotr Łukasiewicz",
    "Amara Diallo",
    "Kenji Sato",
];

const PLACES: &[&str] = &[
    "Bremen",
    "Zürich",
    "Gdańsk",
    "Hamburg",
    "São Paulo",
    "Kraków",
    "Lagos",
];

/// What the generator made: the text and the spans (label, start, end in code points).
pub struct Generated {
    pub text: String,
    pub spans: Vec<(&'static str, usize, usize)>,
}

/// An article of about `target_bytes` bytes with about `span_count` spans, nested and
/// overlapping: entities inside quotes, quotes inside claims, claims that cross quotes.
pub fn generate(seed: u64, target_bytes: usize, span_count: usize) -> Generated {
    let mut rng = SplitMix64::new(seed);
    let mut text = String::with_capacity(target_bytes + 1024);
    let mut chars = 0usize;
    let mut spans: Vec<(&'static str, usize, usize)> = Vec::new();
    let push = |text: &mut String, chars: &mut usize, s: &str| {
        text.push_str(s);
        *chars += s.chars().count();
    };
    push(
        &mut text,
        &mut chars,
        "Generated inquiry: a benchmark article\n\n",
    );
    while text.len() < target_bytes {
        // A paragraph of 3 to 8 sentences.
        let sentences = 3 + rng.below(6);
        for _ in 0..sentences {
            let kind = rng.below(4);
            if kind == 0 {
                // “Quote,” said Name in Place.
                push(&mut text, &mut chars, "\u{201c}");
                let quote_start = chars;
                let words = 6 + rng.below(14);
                for w in 0..words {
                    if w > 0 {
                        push(&mut text, &mut chars, " ");
                    }
                    if rng.below(9) == 0 {
                        let place = *rng.pick(PLACES);
                        let s = chars;
                        push(&mut text, &mut chars, place);
                        spans.push(("GPE", s, chars));
                    } else {
                        let word = *rng.pick(WORDS);
                        push(&mut text, &mut chars, word);
                    }
                }
                push(&mut text, &mut chars, ",");
                let quote_end = chars;
                push(&mut text, &mut chars, "\u{201d} ");
                let cue_start = chars;
                push(&mut text, &mut chars, "said");
                spans.push((vocab::CUE, cue_start, chars));
                push(&mut text, &mut chars, " ");
                let name = *rng.pick(NAMES);
                let name_start = chars;
                push(&mut text, &mut chars, name);
                spans.push(("PERSON", name_start, chars));
                push(&mut text, &mut chars, ". ");
                spans.push((vocab::QUOTE, quote_start, quote_end));
                // Sometimes a claim that overlaps the quote's end and the speaker.
                if rng.below(3) == 0 {
                    spans.push((
                        vocab::CLAIM,
                        quote_start + (quote_end - quote_start) / 2,
                        name_start + 3,
                    ));
                }
            } else {
                let sentence_start = chars;
                let words = 8 + rng.below(20);
                for w in 0..words {
                    if w > 0 {
                        push(&mut text, &mut chars, " ");
                    }
                    match rng.below(12) {
                        0 => {
                            let s = chars;
                            let name: &str = rng.pick::<&str>(NAMES);
                            push(&mut text, &mut chars, name);
                            spans.push(("PERSON", s, chars));
                        }
                        1 => {
                            let s = chars;
                            let amount =
                                format!("€{}.{} billion", 1 + rng.below(90), rng.below(10));
                            push(&mut text, &mut chars, &amount);
                            spans.push(("MONEY", s, chars));
                        }
                        2 => {
                            let s = chars;
                            let place: &str = rng.pick::<&str>(PLACES);
                            push(&mut text, &mut chars, place);
                            spans.push(("GPE", s, chars));
                        }
                        _ => {
                            let word: &str = rng.pick::<&str>(WORDS);
                            push(&mut text, &mut chars, word);
                        }
                    }
                }
                push(&mut text, &mut chars, ". ");
                if kind == 1 {
                    spans.push((vocab::CLAIM, sentence_start, chars - 2));
                }
            }
        }
        push(&mut text, &mut chars, "\n\n");
    }
    fit_spans(text, spans, span_count)
}

/// The article and exactly `span_count` spans (fewer only if there are not enough to nest
/// into): trimmed evenly, or padded with DATE spans nested inside existing ones (which keeps
/// them realistic); no label and range twice. Shared with [`super::generate_rtl`].
pub(super) fn fit_spans(
    text: String,
    mut spans: Vec<(&'static str, usize, usize)>,
    span_count: usize,
) -> Generated {
    let total_made = spans.len();
    if total_made > span_count {
        // Keep an even spread.
        let mut kept = Vec::with_capacity(span_count);
        for (i, span) in spans.into_iter().enumerate() {
            if kept.len() < span_count && i * span_count / total_made.max(1) >= kept.len() {
                kept.push(span);
            }
        }
        spans = kept;
    }
    let mut i = 0;
    while spans.len() < span_count && i < total_made.max(1) * 4 {
        let (_, s, e) = spans[i % spans.len().max(1)];
        if e - s >= 4 {
            spans.push(("DATE", s + 1, e - 1));
        }
        i += 1;
    }
    // Spans may not repeat a label and range.
    spans.sort_by_key(|&(l, s, e)| (s, e, l));
    spans.dedup();
    Generated { text, spans }
}

/// The generated article as an annotation set.
pub fn generated_set(seed: u64, target_bytes: usize, span_count: usize) -> AnnotationSet {
    into_set(generate(seed, target_bytes, span_count))
}

/// A generated article and its spans as an annotation set.
pub(super) fn into_set(generated: Generated) -> AnnotationSet {
    let mut set = AnnotationSet::new(Document::new(generated.text), Schema::default());
    for (next, (label, start, end)) in (1u64..).zip(generated.spans) {
        let span = Span::new(SpanId(next), label, start..end);
        // Spans are built to be valid; one that is not is skipped, never forced in.
        let _ = edit::apply(&mut set, edit::Edit::AddSpan(span));
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_article_and_spans_are_valid() {
        let a = generate(7, 50_000, 500);
        let b = generate(7, 50_000, 500);
        assert_eq!(a.text, b.text);
        assert_eq!(a.spans, b.spans);
        assert!(a.text.len() >= 50_000);
        assert!(!a.text.is_ascii());
        let set = generated_set(7, 50_000, 500);
        assert!(set.span_count() >= 450, "{}", set.span_count());
        // Nested and overlapping spans are there.
        let spans: Vec<_> = set.spans_ordered().cloned().collect();
        let nested = spans.windows(2).filter(|w| w[1].start < w[0].end).count();
        assert!(nested > 20, "{nested}");
        for span in &spans {
            assert!(!set.span_text(span).is_empty());
        }
    }
}
