//! The right-to-left benchmark article: seeded Arabic news-like paragraphs with the Latin
//! names, Western and Arabic-Indic digits and quotes in «…» that Arabic news carries, and the
//! same nested and overlapping spans as the Latin one ([`super::generate`]).

use super::generate::{Generated, SplitMix64};
use crate::model::set::AnnotationSet;

const WORDS: &[&str] = &[
    "أعلنت",
    "الحكومة",
    "يوم",
    "الثلاثاء",
    "أن",
    "الميزانية",
    "سترتفع",
    "بنسبة",
    "في",
    "العام",
    "المقبل",
    "وزير",
    "المالية",
    "الميناء",
    "العمال",
    "النقابة",
    "المفاوضات",
    "بعد",
    "الإضراب",
    "التقرير",
    "اللجنة",
    "البرلمان",
    "المياه",
    "الطاقة",
    "الأسعار",
    "مليون",
    "مليار",
    "دولار",
    "من",
    "على",
    "إلى",
    "مع",
    "التي",
    "الذي",
    "وفقاً",
    "لمصادر",
    "رسمية",
    "الشركة",
    "المشروع",
    "السكان",
    "لا",
    "الجديدة",
    "المحطة",
    "العقد",
    "وكالة",
    "Reuters",
    "GDP",
    "2026",
    "٢٠٢٧",
    "15%",
    "(تقرير)",
    "،",
];

const NAMES: &[&str] = &[
    "سامر الحوراني",
    "ريم العبادي",
    "خالد النمري",
    "ليلى منصور",
    "يوسف القاسم",
    "هدى الشامي",
    "Daniel Okafor",
    "عمر بن سالم",
];

const PLACES: &[&str] = &["العقبة", "عمّان", "بيروت", "الإسكندرية", "تونس", "Bremen"];

/// An Arabic article of about `target_bytes` bytes with about `span_count` spans.
pub fn generate(seed: u64, target_bytes: usize, span_count: usize) -> Generated {
    let mut rng = SplitMix64::new(seed);
    let mut text = String::with_capacity(target_bytes + 1024);
    let mut chars = 0usize;
    let mut spans: Vec<(&'static str, usize, usize)> = Vec::new();
    let push = |text: &mut String, chars: &mut usize, s: &str| {
        text.push_str(s);
        *chars += s.chars().count();
    };
    push(&mut text, &mut chars, "مقال تجريبي طويل لقياس السرعة\n\n");
    while text.len() < target_bytes {
        let sentences = 3 + rng.below(6);
        for _ in 0..sentences {
            if rng.below(4) == 0 {
                // وقال Name: «quote».
                let cue_start = chars;
                push(&mut text, &mut chars, "وقال");
                spans.push(("CUE", cue_start, chars));
                push(&mut text, &mut chars, " ");
                let name = *rng.pick(NAMES);
                let name_start = chars;
                push(&mut text, &mut chars, name);
                spans.push(("PERSON", name_start, chars));
                push(&mut text, &mut chars, ": «");
                let quote_start = chars;
                let words = 6 + rng.below(14);
                for w in 0..words {
                    if w > 0 {
                        push(&mut text, &mut chars, " ");
                    }
                    if rng.below(9) == 0 {
                        let s = chars;
                        push(&mut text, &mut chars, rng.pick::<&str>(PLACES));
                        spans.push(("GPE", s, chars));
                    } else {
                        push(&mut text, &mut chars, rng.pick::<&str>(WORDS));
                    }
                }
                let quote_end = chars;
                push(&mut text, &mut chars, "». ");
                spans.push(("QUOTE", quote_start, quote_end));
                if rng.below(3) == 0 {
                    spans.push(("CLAIM", name_start + 2, quote_start + 3));
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
                            push(&mut text, &mut chars, rng.pick::<&str>(NAMES));
                            spans.push(("PERSON", s, chars));
                        }
                        1 => {
                            let s = chars;
                            let amount =
                                format!("{}.{} مليار دولار", 1 + rng.below(90), rng.below(10));
                            push(&mut text, &mut chars, &amount);
                            spans.push(("MONEY", s, chars));
                        }
                        2 => {
                            let s = chars;
                            push(&mut text, &mut chars, rng.pick::<&str>(PLACES));
                            spans.push(("GPE", s, chars));
                        }
                        _ => push(&mut text, &mut chars, rng.pick::<&str>(WORDS)),
                    }
                }
                push(&mut text, &mut chars, ". ");
                if rng.below(4) == 1 {
                    spans.push(("CLAIM", sentence_start, chars - 2));
                }
            }
        }
        push(&mut text, &mut chars, "\n\n");
    }
    super::generate::fit_spans(text, spans, span_count)
}

/// The Arabic article as an annotation set.
pub fn generated_set(seed: u64, target_bytes: usize, span_count: usize) -> AnnotationSet {
    super::generate::into_set(generate(seed, target_bytes, span_count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arabic_article_is_right_to_left_with_spans_on_words() {
        let a = generate(7, 50_000, 500);
        assert_eq!(a.text, generate(7, 50_000, 500).text);
        assert!(crate::model::bidi::first_strong_is_rtl(&a.text));
        let set = generated_set(7, 50_000, 500);
        assert!(set.span_count() >= 450, "{}", set.span_count());
        let persons = set
            .spans_ordered()
            .filter(|s| s.label == "PERSON")
            .map(|s| set.span_text(s).to_string())
            .collect::<Vec<_>>();
        assert!(persons.iter().all(|p| NAMES.contains(&p.as_str())));
    }
}
