//! The gold's own checks: standoff well formed (ids, labels, links, one speaker a quote, the
//! split's sha256 and half), broken gold refused, and offsets that sit on word edges and
//! inside the quotation marks of the real text.

use super::*;

/// Checks that need no article text; every failure names the file and the item.
pub(super) fn check_standoff(gold: &Gold, split: &HashMap<&str, &SplitEntry>, schema: &Value) {
    let name = &gold.file;
    let entry = split
        .get(name.as_str())
        .unwrap_or_else(|| panic!("{name}: not in tests/realnews/split.json"));
    assert_eq!(
        gold.sha256, entry.sha256,
        "{name}: sha256 differs from split.json"
    );
    assert_eq!(
        gold.half, entry.half,
        "{name}: half differs from split.json"
    );
    let mut labels = HashMap::new();
    for span in &gold.spans {
        assert!(
            labels.insert(span.id, span.label.as_str()).is_none(),
            "{name}: span id {} twice",
            span.id
        );
        assert!(
            GOLD_LABELS.contains(&span.label.as_str()),
            "{name}: span {} has label {}",
            span.id,
            span.label
        );
        assert!(
            span.start < span.end,
            "{name}: span {} is empty or reversed",
            span.id
        );
        if span.label == "QUOTE" {
            let kind = span.attributes.get("type").and_then(|v| v.as_str());
            assert!(
                matches!(kind, Some("direct" | "partial")),
                "{name}: quote {} has type {kind:?}",
                span.id
            );
        }
    }
    let ends = relation_ends(schema);
    let mut said_by: HashMap<u64, usize> = HashMap::new();
    for relation in &gold.relations {
        let at = format!(
            "{name}: relation {} {} -> {}",
            relation.label, relation.from, relation.to
        );
        assert!(
            GOLD_RELATIONS.contains(&relation.label.as_str()),
            "{at}: unknown label"
        );
        let from = labels
            .get(&relation.from)
            .unwrap_or_else(|| panic!("{at}: dangling from"));
        let to = labels
            .get(&relation.to)
            .unwrap_or_else(|| panic!("{at}: dangling to"));
        let (allowed_from, allowed_to) = &ends[&relation.label];
        assert!(
            allowed_from.iter().any(|l| l == from) && allowed_to.iter().any(|l| l == to),
            "{at}: joins {from} to {to}"
        );
        assert_ne!(relation.from, relation.to, "{at}: joins a span to itself");
        if relation.label == "said_by" {
            *said_by.entry(relation.from).or_default() += 1;
        }
    }
    for span in gold.spans.iter().filter(|s| s.label == "QUOTE") {
        let kind = span.attributes.get("type").and_then(|v| v.as_str());
        let speakers = said_by.get(&span.id).copied().unwrap_or(0);
        assert!(
            speakers <= 1,
            "{name}: quote {} has {speakers} speakers",
            span.id
        );
        assert!(
            kind != Some("direct") || speakers == 1,
            "{name}: direct quote {} has no speaker",
            span.id
        );
    }
}

#[test]
fn gold_standoff_is_well_formed() {
    let split = split();
    assert_eq!(
        split.seed, 20261130,
        "the split is made once, with its recorded seed"
    );
    // The once-made split: 36 articles, 18 a half. Articles added later form their own
    // groups (`dev2` to `dev13`), outside the split.
    for half in ["dev", "blind"] {
        assert_eq!(
            split.articles.iter().filter(|a| a.half == half).count(),
            18,
            "{half} half"
        );
    }
    for article in &split.articles {
        assert!(
            GROUPS.contains(&article.half.as_str()),
            "{}: in no known group ({})",
            article.file,
            article.half
        );
    }
    let by_file: HashMap<&str, &SplitEntry> = split
        .articles
        .iter()
        .map(|a| (a.file.as_str(), a))
        .collect();
    let schema = schema();
    let golds = golds();
    assert!(!golds.is_empty(), "no gold standoff in tests/realnews/gold");
    for gold in &golds {
        check_standoff(gold, &by_file, &schema);
    }
}

/// The checks catch broken gold: each kind of damage to a real gold file is refused.
#[test]
fn broken_gold_is_refused() {
    let split = split();
    let by_file: HashMap<&str, &SplitEntry> = split
        .articles
        .iter()
        .map(|a| (a.file.as_str(), a))
        .collect();
    let schema = schema();
    let good = golds().into_iter().next().expect("a gold file");
    check_standoff(&good, &by_file, &schema);
    let quote = good
        .spans
        .iter()
        .find(|s| s.label == "QUOTE")
        .expect("a quote")
        .id;
    let cue = good
        .spans
        .iter()
        .find(|s| s.label == "CUE")
        .expect("a cue")
        .id;
    type Damage = Box<dyn Fn(&mut Gold)>;
    let damages: Vec<(&str, Damage)> = vec![
        (
            "another text's sha256",
            Box::new(|g| g.sha256 = "0".repeat(64)),
        ),
        (
            "the other half",
            Box::new(|g| g.half = "blind-or-dev".into()),
        ),
        (
            "a dangling link",
            Box::new(move |g| {
                g.relations.push(GoldRelation {
                    label: "said_by".into(),
                    from: quote,
                    to: 9999,
                })
            }),
        ),
        (
            "a link from the wrong label",
            Box::new(move |g| {
                g.relations.push(GoldRelation {
                    label: "said_by".into(),
                    from: cue,
                    to: quote,
                })
            }),
        ),
        (
            "a second speaker",
            Box::new(move |g| {
                let first = g
                    .relations
                    .iter()
                    .find(|r| r.label == "said_by")
                    .expect("said_by");
                let (from, to) = (first.from, first.to);
                g.relations.push(GoldRelation {
                    label: "said_by".into(),
                    from,
                    to,
                })
            }),
        ),
        (
            "a reversed span",
            Box::new(|g| g.spans[0].end = g.spans[0].start),
        ),
        (
            "a duplicate id",
            Box::new(|g| g.spans[1].id = g.spans[0].id),
        ),
    ];
    for (what, damage) in damages {
        let mut broken = good.clone();
        damage(&mut broken);
        let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_standoff(&broken, &by_file, &schema)
        }))
        .is_err();
        assert!(refused, "{}: gold with {what} passed the checks", good.file);
    }
}

const OPENING: [char; 2] = ['“', '"'];
const CLOSING: [char; 2] = ['”', '"'];

/// Checks of the offsets against the text: spans sit on word edges, quotes inside their marks.
pub(super) fn check_offsets(gold: &Gold, chars: &[char]) {
    let name = &gold.file;
    for span in &gold.spans {
        let at = format!(
            "{name}: {} span {} [{}, {})",
            span.label, span.id, span.start, span.end
        );
        assert!(span.end <= chars.len(), "{at}: past the end of the text");
        let first = chars[span.start];
        let last = chars[span.end - 1];
        assert!(
            !first.is_whitespace() && !last.is_whitespace(),
            "{at}: starts or ends with a space"
        );
        match span.label.as_str() {
            "QUOTE" => {
                // The quoted words inside the marks (spaces just inside them left out).
                let before = chars[..span.start].iter().rev().find(|c| **c != ' ');
                assert!(
                    before.is_some_and(|c| OPENING.contains(c)),
                    "{at}: not just after an opening mark"
                );
                let after = chars[span.end..].iter().find(|c| **c != ' ');
                assert!(
                    after.is_none_or(|c| CLOSING.contains(c) || *c == '\n'),
                    "{at}: not just before a closing mark or the paragraph's end"
                );
            }
            _ => {
                let before = span.start.checked_sub(1).map(|i| chars[i]);
                let after = chars.get(span.end).copied();
                // (One source glues a cue word to the name after it, with no space between.)
                let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
                assert!(
                    !(glued(before) && glued(after)),
                    "{at}: inside a word on both sides"
                );
            }
        }
    }
}
