//! What every reader says became of the items it had a problem with: a table over the readers'
//! bad inputs (the ones their own tests use, and a few more), each row naming exactly which
//! problems left an item out. Reports count those from [`Problem::outcome`], so a message's
//! wording cannot make a dropped item uncounted (or a kept one counted).

use serde_json::{Value, json};

use super::read::{Outcome, Problem};
use super::registry::{CorpusWriter, ExportOptions, fixtures};
use super::{brat, conll, doccano, html, label_studio, native, prodigy, spacy};

/// Every problem of a reader's answer: the file's, then each document's.
fn all((documents, problems): (Vec<super::ReadDocument>, Vec<Problem>)) -> (usize, Vec<Problem>) {
    let count = documents.len();
    let mut all = problems;
    all.extend(documents.into_iter().flat_map(|d| d.problems));
    (count, all)
}

/// The items of `problems` that left something out, in order.
fn left_out(problems: &[Problem]) -> Vec<&str> {
    problems
        .iter()
        .filter(|p| p.leaves_out())
        .map(|p| p.item.as_str())
        .collect()
}

/// A native set with every kind of bad item the loader drops, and some it keeps or repairs.
fn damaged_native_set() -> String {
    let mut value: Value = serde_json::from_str(&native::to_json(&fixtures::sample())).unwrap();
    let spans = value["spans"].as_array_mut().unwrap();
    spans[0]["text"] = "wrong".into(); // kept, the offsets win
    spans[1]["label"] = "POLITICIAN".into(); // kept, added to the schema
    spans[2]["end"] = 10_000.into(); // left out: past the end
    spans.push(json!({"id": 1, "label": "ORG", "start": 0, "end": 2, "text": "„W"})); // repaired: new id
    spans.push(json!({"label": "ORG"})); // left out: unreadable
    value["relations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": 9, "label": "said_by", "from": 2, "to": 4})); // left out: span 2 is
    value["relations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": 10, "label": "said_by", "from": 1, "to": 999})); // left out: no span 999
    value["document"]["text_sha256"] = "00".into(); // repaired on save
    value["curation"] = json!("not a record"); // left out
    value["status"] = json!("reviewed"); // left out: not a status
    value["document"]["direction"] = json!("sideways"); // repaired: auto
    value.to_string()
}

#[test]
fn every_reader_counts_the_items_it_leaves_out_and_only_those() {
    let docbin = {
        let mut writer = spacy::Writer::new(ExportOptions::default());
        writer.add("fixture", &fixtures::sample());
        Box::new(writer).finish().remove(0).bytes
    };
    let native_problems = native::from_json(&damaged_native_set())
        .expect("a set")
        .problems;
    let rows: Vec<(&str, Vec<Problem>, Vec<&str>)> = vec![
        (
            "doccano",
            all(doccano::read(
                "in.jsonl",
                concat!(
                    r#"{"text":"Ana 👍 met Bo.","label":[[0,3,"PERSON"],[10,12,"PERSON"],[5,99,"ORG"],[1,2]]}"#,
                    "\n",
                    r#"{"text":"Zürich said x","entities":[{"id":7,"label":"GPE","start_offset":0,"end_offset":6},{"id":8,"label":"GPE"}],"relations":[{"id":1,"from_id":7,"to_id":8,"type":"said_by"},{"id":2}]}"#,
                    "\nnot json\n{\"label\": []}\n"
                ),
            ))
            .1,
            vec![
                "in.jsonl line 3",
                "in.jsonl line 4",
                "in.jsonl line 1 label[2]",
                "in.jsonl line 1 label[3]",
                "in.jsonl line 2 entities[1]",
                "in.jsonl line 2 relations[0]",
                "in.jsonl line 2 relations[1]",
            ],
        ),
        (
            "Prodigy (a rejected example is declined, not lost)",
            all(prodigy::read(
                "p.jsonl",
                concat!(
                    r#"{"text": "Ana met Bo.", "spans": [{"start": 0, "label": "PERSON"}, {"start": 8, "end": 10, "label": "PERSON"}], "relations": [{"head_span": {"start": 0, "end": 3}, "child_span": {"start": 8, "end": 10}, "label": "said_by"}, {"label": "x"}]}"#,
                    "\n",
                    r#"{"text": "Skip me.", "answer": "reject"}"#,
                    "\n{broken\n",
                ),
            ))
            .1,
            vec![
                "p.jsonl line 3",
                "p.jsonl line 1 spans[0]",
                "p.jsonl line 1 relations[0]",
                "p.jsonl line 1 relations[1]",
            ],
        ),
        (
            "CoNLL: a tag that names no entity loses what it marked",
            all(conll::read(
                "c.conll",
                "EU\tI-ORG\nsaid\tO\n\nNew\tB-GPE\nYork\tE-GPE\nx\tS-ORG\nbad\tQ\nnotag\n",
            ))
            .1,
            vec!["c.conll (document from line 1) line 7"],
        ),
        (
            "CoNLL: a file without tokens",
            all(conll::read("empty.conll", "\n\n")).1,
            vec!["empty.conll"],
        ),
        (
            "spaCy: a file that is not a DocBin",
            all(spacy::read("bad.spacy", b"not a docbin")).1,
            vec!["bad.spacy"],
        ),
        ("spaCy: a good DocBin", all(spacy::read("good.spacy", &docbin)).1, vec![]),
        (
            "Label Studio: not JSON",
            label_studio::read("ls.json", "[{", false).problems,
            vec!["ls.json"],
        ),
        (
            "Label Studio: bad tasks and regions",
            {
                let tasks = json!([
                    {"data": {}},
                    {"data": {"text": "Ana met Bo."}, "annotations": [{"result": [
                        {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
                         "value": {"start": 0, "end": 3, "text": "Ana", "labels": ["PERSON"]}},
                        {"id": "b", "type": "labels", "value": {"labels": ["PERSON"]}},
                        {"id": "c", "type": "labels", "value": {"start": 8, "end": 10}},
                        {"id": "d", "type": "rectanglelabels", "value": {}},
                        {"type": "relation", "from_id": "a", "to_id": "zzz", "labels": ["said_by"]}
                    ]}]}
                ]);
                let read = label_studio::read("ls.json", &tasks.to_string(), false);
                all((read.documents, read.problems)).1
            },
            vec![
                "ls.json task 0",
                "ls.json task 1 annotations[0].result[1]",
                "ls.json task 1 annotations[0].result[2]",
                "ls.json task 1 annotations[0].result[3]",
                "ls.json task 1 annotations[0].result[4]",
            ],
        ),
        (
            "brat",
            {
                let text = "Ana met Bo in Zürich.";
                let ann = "T1\tPERSON 0 3\tAna\nT2\tPERSON 8 10\tBo\nT3\tGPE 14 99\tZ\nT4\tGPE\nT5\tGPE x y\nnonsense\nR1\tsaid_by Arg1:T1 Arg2:T9\nA1\tNegated T9\nE1\tMEET:T1\n";
                brat::read("a.ann", text, ann).1
            },
            vec![
                "a.ann line 3",
                "a.ann line 4",
                "a.ann line 5",
                "a.ann line 6",
                "a.ann line 7",
                "a.ann line 8",
                "a.ann line 9",
            ],
        ),
        (
            "native",
            native_problems,
            vec![
                "curation",
                "status",
                "spans[2] (id 2)",
                "spans[9]",
                "relations[0] (id 1)", // its end, spans[2], was left out
                "relations[2] (id 9)",
                "relations[3] (id 10)",
            ],
        ),
        (
            "HTML: boilerplate left behind is not an item",
            html::extract("<html><body><nav>Menu</nav><p>Ana met Bo.</p></body></html>")
                .problems
                .into_iter()
                .map(|message| Problem::new("page.html", Outcome::Kept, message))
                .collect(),
            vec![],
        ),
    ];
    for (reader, problems, expected) in &rows {
        assert_eq!(&left_out(problems), expected, "{reader}: {problems:#?}");
        // What was not left out still says what was done, and is not counted.
        for problem in problems.iter().filter(|p| !p.leaves_out()) {
            assert!(!problem.message.is_empty(), "{reader}: {problem}");
        }
    }
    // Every kind of outcome occurs somewhere in the table: the readers set them all.
    for outcome in [
        Outcome::Kept,
        Outcome::Repaired,
        Outcome::LeftOut,
        Outcome::Declined,
    ] {
        assert!(
            rows.iter()
                .flat_map(|(_, problems, _)| problems)
                .any(|p| p.outcome == outcome),
            "{outcome:?}"
        );
    }
}

#[test]
fn a_messages_wording_does_not_decide_what_is_counted() {
    let dropped = Problem::new("x line 3", Outcome::LeftOut, "could not be read at all");
    let noted = Problem::new(
        "x line 4",
        Outcome::Kept,
        "mentions that the page's navigation was left out",
    );
    assert!(dropped.leaves_out());
    assert!(!noted.leaves_out());
    let report = crate::corpus::batch::DocumentReport {
        problems: vec![dropped, noted],
        ..Default::default()
    };
    assert_eq!(report.read_left_out(), 1);
    assert_eq!(report.left_out_count(), 1);
}
