//! What differs between two versions of a span, field by field, for the merge driver's
//! messages and the notes of its conflict suggestions: "range 113..181 → 113..173, verdict
//! SUPPORTS → REFUTES" rather than two ranges that may even be the same.

use crate::formats::visible::cut;
use crate::model::span::Span;

fn value(value: Option<&serde_json::Value>, full: bool) -> String {
    let text = match value {
        None => return "(none)".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    if full { text } else { cut(&text) }
}

fn note(note: Option<&String>, full: bool) -> String {
    match note {
        None => "(none)".into(),
        Some(n) if full => format!("{n:?}"),
        Some(n) => format!("{:?}", cut(n)),
    }
}

/// Each field that differs from `a` to `b`, as `field A → B`: the range, the label, each
/// attribute by name, the note; then (only those left) the review, origin and annotators.
/// Values are cut at [`crate::formats::visible::QUOTE_CHARS`] characters (a message).
pub fn span_differences(a: &Span, b: &Span) -> Vec<String> {
    differences(a, b, false)
}

/// [`span_differences`] with every value whole (a note that must not lose the other side's
/// text).
pub fn describe_whole(a: &Span, b: &Span) -> String {
    differences(a, b, true).join(", ")
}

fn differences(a: &Span, b: &Span, full: bool) -> Vec<String> {
    let mut out = Vec::new();
    if (a.start, a.end) != (b.start, b.end) {
        out.push(format!(
            "range {}..{} → {}..{}",
            a.start, a.end, b.start, b.end
        ));
    }
    if a.label != b.label {
        out.push(format!("label {} → {}", a.label, b.label));
    }
    let names: std::collections::BTreeSet<&String> =
        a.attributes.keys().chain(b.attributes.keys()).collect();
    for name in names {
        let (x, y) = (a.attributes.get(name), b.attributes.get(name));
        if x != y {
            out.push(format!("{name} {} → {}", value(x, full), value(y, full)));
        }
    }
    if a.note != b.note {
        out.push(format!(
            "note {} → {}",
            note(a.note.as_ref(), full),
            note(b.note.as_ref(), full)
        ));
    }
    if a.review != b.review {
        out.push(format!("review {:?} → {:?}", a.review, b.review).to_lowercase());
    }
    if a.origin != b.origin {
        let origin = |o: &Option<String>| o.clone().unwrap_or_else(|| "(manual)".into());
        out.push(format!(
            "origin {} → {}",
            origin(&a.origin),
            origin(&b.origin)
        ));
    }
    if a.annotators != b.annotators {
        out.push(format!(
            "annotators [{}] → [{}]",
            a.annotators.join(", "),
            b.annotators.join(", ")
        ));
    }
    out
}

/// [`span_differences`] as one phrase: "verdict SUPPORTS → REFUTES, note (none) → \"x\"".
pub fn describe(a: &Span, b: &Span) -> String {
    let differences = span_differences(a, b);
    if differences.is_empty() {
        "nothing".into()
    } else {
        differences.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::span::SpanId;

    #[test]
    fn every_field_that_differs_is_named_with_both_values() {
        let mut ours = Span::new(SpanId(4), "CLAIM", 113..181);
        ours.attributes.insert("verdict".into(), "SUPPORTS".into());
        ours.attributes.insert("checkworthy".into(), true.into());
        let mut theirs = ours.clone();
        theirs.end = 173;
        theirs.attributes.insert("verdict".into(), "REFUTES".into());
        theirs.note = Some("x".repeat(100));
        let got = span_differences(&ours, &theirs);
        assert_eq!(
            got,
            [
                "range 113..181 → 113..173".to_string(),
                "verdict SUPPORTS → REFUTES".to_string(),
                format!("note (none) → \"{}…\"", "x".repeat(80)),
            ]
        );
        assert_eq!(describe(&ours, &ours), "nothing");
        theirs = ours.clone();
        theirs.label = "QUOTE".into();
        theirs.attributes.remove("checkworthy");
        assert_eq!(
            describe(&ours, &theirs),
            "label CLAIM → QUOTE, checkworthy true → (none)"
        );
    }
}
