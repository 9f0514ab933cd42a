//! The report as `newsmark agree --json` prints it: the shape, `null` wherever a
//! measure is undefined (never NaN), plus the sets used and every problem.

use serde_json::{Map, Value, json};

use super::coding::Coded;
use super::input::{Problem, SetFile};
use super::{AgreementReport, DocumentAgreement, Measures};

fn number(value: Option<f64>) -> Value {
    match value {
        Some(v) if v.is_finite() => json!(v),
        _ => Value::Null,
    }
}

fn map(values: &std::collections::BTreeMap<String, Option<f64>>) -> Value {
    Value::Object(
        values
            .iter()
            .map(|(k, v)| (k.clone(), number(*v)))
            .collect::<Map<String, Value>>(),
    )
}

fn coded(value: &Coded, key: &str) -> Value {
    json!({
        key: number(value.value),
        "positions": value.counts.positions,
        "used": value.counts.used,
        "incomplete": value.counts.incomplete,
        "stacked": value.counts.stacked,
    })
}

/// The measures under the keys.
pub fn measures(m: &Measures) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert(
        "alpha_u".into(),
        json!({"overall": number(m.alpha_u.overall), "labels": map(&m.alpha_u.labels)}),
    );
    let cohen: Vec<Value> = m
        .cohen
        .iter()
        .map(|p| {
            let mut v = coded(&p.kappa, "kappa");
            if let Value::Object(o) = &mut v {
                o.insert("pair".into(), json!([p.first, p.second]));
            }
            v
        })
        .collect();
    out.insert(
        "kappa".into(),
        json!({"cohen": cohen, "fleiss": coded(&m.fleiss, "kappa")}),
    );
    out.insert("alpha_nominal".into(), number(m.alpha_nominal.value));
    out.insert(
        "alpha_nominal_positions".into(),
        coded(&m.alpha_nominal, "alpha"),
    );
    out.insert(
        "f1".into(),
        json!({"exact": map(&m.f1_exact), "overlap": map(&m.f1_overlap)}),
    );
    out.insert("relations_f1".into(), map(&m.relations_f1));
    out.insert("dropped_overlaps".into(), json!(m.dropped_overlaps));
    out
}

fn document(d: &DocumentAgreement, sets: Option<&Vec<SetFile>>) -> Value {
    let mut out = Map::new();
    out.insert("article".into(), json!(d.article));
    out.insert("text_sha256".into(), json!(d.text_sha256));
    out.insert("annotators".into(), json!(d.annotators));
    out.extend(measures(&d.measures));
    if let Some(sets) = sets {
        let sets: Vec<Value> = sets
            .iter()
            .map(|s| {
                json!({
                    "path": s.path.display().to_string(),
                    "annotator": s.annotator,
                    "annotator_from": s.annotator_from.as_str(),
                })
            })
            .collect();
        out.insert("sets".into(), json!(sets));
    }
    let dropped: Vec<Value> = d
        .dropped
        .iter()
        .map(|s| {
            json!({"annotator": s.annotator, "span": s.span_id.0, "label": s.label,
                   "start": s.start, "end": s.end})
        })
        .collect();
    out.insert("dropped".into(), json!(dropped));
    out.insert("disagreements".into(), json!(d.disagreements.len()));
    out.insert(
        "disagreement_places".into(),
        json!(super::disagreements::places(&d.disagreements)),
    );
    Value::Object(out)
}

/// The whole report. `sets` is parallel to `report.documents` (may be empty).
pub fn report(report: &AgreementReport, sets: &[Vec<SetFile>], problems: &[Problem]) -> Value {
    let documents: Vec<Value> = report
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| document(d, sets.get(i)))
        .collect();
    let mut pooled = measures(&report.pooled);
    pooled.insert(
        "alpha_u_left_out".into(),
        json!(report.pooled_alpha_u_left_out),
    );
    let mut mean = measures(&report.mean_of_documents);
    mean.insert("documents".into(), json!(report.documents.len()));
    let problems: Vec<Value> = problems
        .iter()
        .map(|p| json!({"kind": p.kind.as_str(), "item": p.item, "message": p.message}))
        .collect();
    json!({
        "annotators": report.annotators,
        "documents": documents,
        "corpus": {"pooled": pooled, "mean_of_documents": mean},
        "problems": problems,
    })
}
