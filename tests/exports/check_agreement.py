"""Cross-check `newsmark agree --json` against the Python packages people use:
scikit-learn's cohen_kappa_score, statsmodels' fleiss_kappa and the `krippendorff` package,
plus plain-Python span and relation F1, on generated sets (seeded) of a small corpus with
three annotators: stacked and incomplete positions, overlapping spans, non-ASCII text.

Usage: check_agreement.py NEWSMARK_BIN WORK_DIR
Prints one PASS/FAIL line per check and 'agreement: N passed, M failed'; exits 1 on failure.
"""

import hashlib
import itertools
import json
import math
import os
import random
import subprocess
import sys
from collections import Counter

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

EPS = 1e-9
ANNOTATORS = ["alice", "bob", "carol"]
LABELS = ["PERSON", "ORG", "GPE", "QUOTE"]
WORDS = ["Cheng", "said", "the", "council", "Zürich", "budget", "“we", "will”", "🙂", "Ōtautahi",
         "minister", "harbour", "strike", "agreed", "on", "Tuesday", "Łódź", "port"]

# The default schema, so the generated sets load without a "schema missing" problem.
with open(os.path.join(os.path.dirname(__file__), "..", "..", "assets", "schema.default.json"), encoding="utf-8") as f:
    SCHEMA = json.load(f)

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < EPS


def defined(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def make_text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words))


def make_corpus(root, rng, documents):
    """Each document: a base set of spans; each annotator copies, drops, moves, relabels
    and adds some, so every kind of position occurs."""
    corpus = []
    for d in range(documents):
        text = make_text(rng, rng.randint(40, 90))
        n = len(text)  # code points, as Newsmark counts
        base = []
        for _ in range(rng.randint(8, 20)):
            start = rng.randrange(0, n - 3)
            end = min(n, start + rng.randint(1, 12))
            base.append((rng.choice(LABELS), start, end))
        per = {}
        for name in ANNOTATORS:
            spans = []
            for label, start, end in base:
                r = rng.random()
                if r < 0.15:
                    continue  # dropped: an incomplete position
                if r < 0.25:
                    label = rng.choice(LABELS)  # relabelled: a disagreement
                elif r < 0.32:
                    end = min(n, end + 1)  # moved boundary
                spans.append((label, start, end))
                if rng.random() < 0.05:
                    other = rng.choice([l for l in LABELS if l != label])
                    spans.append((other, start, end))  # stacked
            for _ in range(rng.randint(0, 3)):
                start = rng.randrange(0, n - 3)
                spans.append((rng.choice(LABELS), start, min(n, start + rng.randint(1, 8))))
            # Unique (label, start, end): a set cannot hold exact duplicates.
            spans = sorted(set(spans), key=lambda s: (s[1], s[2], s[0]))
            # Relations: QUOTE said_by PERSON, by position order.
            quotes = [i for i, s in enumerate(spans) if s[0] == "QUOTE"]
            people = [i for i, s in enumerate(spans) if s[0] == "PERSON"]
            relations = []
            for q in quotes:
                if people:
                    relations.append(("said_by", q, min(people, key=lambda p: abs(spans[p][1] - spans[q][1]))))
            per[name] = (spans, relations)
            write_set(os.path.join(root, f"doc{d}.{name}.json"), text, name, spans, relations)
        with open(os.path.join(root, f"doc{d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        corpus.append((f"doc{d}", text, per))
    return corpus


def write_set(path, text, annotator, spans, relations):
    data = {
        "format": "newsmark.annotations",
        "version": 1,
        "annotator": annotator,
        "document": {"text": text, "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
        "schema": SCHEMA,
        "spans": [{"id": i + 1, "label": l, "start": s, "end": e, "text": text[s:e]}
                  for i, (l, s, e) in enumerate(spans)],
        "relations": [{"id": i + 1, "label": l, "from": a + 1, "to": b + 1}
                      for i, (l, a, b) in enumerate(relations)],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)


def positions(per, names):
    """(start, end) -> {annotator: set of labels}, for positions some of `names` marked."""
    out = {}
    for name in names:
        for label, s, e in per[name][0]:
            out.setdefault((s, e), {}).setdefault(name, set()).add(label)
    return out


def cohen_items(per, a, b):
    xs, ys = [], []
    for cells in positions(per, [a, b]).values():
        if any(len(v) > 1 for v in cells.values()) or len(cells) < 2:
            continue
        xs.append(next(iter(cells[a])))
        ys.append(next(iter(cells[b])))
    return xs, ys


def cohen(xs, ys):
    if not xs or len(set(xs) | set(ys)) < 2:
        return None
    return defined(cohen_kappa_score(xs, ys))


def fleiss_rows(per):
    rows = []
    for cells in positions(per, ANNOTATORS).values():
        if any(len(v) > 1 for v in cells.values()) or len(cells) < len(ANNOTATORS):
            continue
        rows.append([LABELS.index(next(iter(cells[n]))) for n in ANNOTATORS])
    return rows


def fleiss(rows):
    if not rows or len({v for r in rows for v in r}) < 2:
        return None
    table, _ = aggregate_raters(np.array(rows))
    return defined(fleiss_kappa(table, method="fleiss"))


def alpha_columns(per):
    cols = []
    for cells in positions(per, ANNOTATORS).values():
        if any(len(v) > 1 for v in cells.values()):
            continue
        cols.append([LABELS.index(next(iter(cells[n]))) if n in cells else np.nan for n in ANNOTATORS])
    return cols


def alpha(cols):
    pairable = [c for c in cols if sum(not np.isnan(v) for v in c) >= 2]
    values = {v for c in pairable for v in c if not np.isnan(v)}
    if not pairable or len(values) < 2:
        return None
    data = np.array(cols, dtype=float).T
    return defined(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                                      value_domain=list(range(len(LABELS)))))


def overlap_matching(a, b):
    """Maximum one-to-one matching of overlapping ranges (augmenting paths)."""
    edges = [[j for j, (s2, e2) in enumerate(b) if s1 < e2 and s2 < e1] for (s1, e1) in a]
    owner = [None] * len(b)

    def augment(i, seen):
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] is None or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(a)))


def f1_counts(per):
    exact, overlap, rel = Counter(), Counter(), Counter()
    totals, rel_totals = Counter(), Counter()
    for a, b in itertools.combinations(ANNOTATORS, 2):
        for label in LABELS:
            sa = [(s, e) for l, s, e in per[a][0] if l == label]
            sb = [(s, e) for l, s, e in per[b][0] if l == label]
            if not sa and not sb:
                continue
            exact[label] += sum((Counter(sa) & Counter(sb)).values())
            overlap[label] += overlap_matching(sa, sb)
            totals[label] += len(sa) + len(sb)
        ka = Counter((t, per[a][0][x], per[a][0][y]) for t, x, y in per[a][1])
        kb = Counter((t, per[b][0][x], per[b][0][y]) for t, x, y in per[b][1])
        for t in set(k[0] for k in ka) | set(k[0] for k in kb):
            rel[t] += sum(v for k, v in (ka & kb).items() if k[0] == t)
            rel_totals[t] += sum(v for k, v in ka.items() if k[0] == t) + sum(v for k, v in kb.items() if k[0] == t)
    return exact, overlap, totals, rel, rel_totals


def main():
    binary, work = sys.argv[1], sys.argv[2]
    rng = random.Random(20261130)
    root = os.path.join(work, "agreement-corpus")
    os.makedirs(root, exist_ok=True)
    corpus = make_corpus(root, rng, 8)
    run = subprocess.run([binary, "agree", "--json", root], capture_output=True, text=True)
    if run.returncode != 0:
        check("newsmark agree exits 0", False, run.stderr + run.stdout[-2000:])
        return
    report = json.loads(run.stdout)
    check("no NaN in the JSON", "NaN" not in run.stdout)
    docs = {d["article"]: d for d in report["documents"]}
    check("one document per article", sorted(docs) == sorted(c[0] for c in corpus), str(sorted(docs)))

    pooled_pairs = {pair: ([], []) for pair in itertools.combinations(ANNOTATORS, 2)}
    pooled_fleiss, pooled_alpha = [], []
    pooled_f1 = [Counter(), Counter(), Counter(), Counter(), Counter()]
    for article, text, per in corpus:
        doc = docs.get(article)
        if doc is None:
            continue
        for pair in itertools.combinations(ANNOTATORS, 2):
            xs, ys = cohen_items(per, *pair)
            pooled_pairs[pair][0].extend(xs)
            pooled_pairs[pair][1].extend(ys)
            got = next((c["kappa"] for c in doc["kappa"]["cohen"] if tuple(c["pair"]) == pair), "missing")
            want = cohen(xs, ys)
            check(f"{article} Cohen's kappa {pair[0]}-{pair[1]} = sklearn", got != "missing" and same(got, want), f"{got} vs {want}")
        rows = fleiss_rows(per)
        pooled_fleiss.extend(rows)
        got, want = doc["kappa"]["fleiss"]["kappa"], fleiss(rows)
        check(f"{article} Fleiss' kappa = statsmodels", same(got, want), f"{got} vs {want}")
        cols = alpha_columns(per)
        pooled_alpha.extend(cols)
        got, want = doc["alpha_nominal"], alpha(cols)
        check(f"{article} Krippendorff's alpha = krippendorff", same(got, want), f"{got} vs {want}")
        counts = f1_counts(per)
        for acc, c in zip(pooled_f1, counts):
            acc.update(c)
        exact, overlap, totals, rel, rel_totals = counts
        for label in totals:
            for kind, matched in (("exact", exact), ("overlap", overlap)):
                want = 2 * matched[label] / totals[label]
                got = doc["f1"][kind].get(label)
                check(f"{article} F1 {kind} {label}", same(got, want), f"{got} vs {want}")
        for t in rel_totals:
            want = 2 * rel[t] / rel_totals[t]
            got = doc["relations_f1"].get(t)
            check(f"{article} relation F1 {t}", same(got, want), f"{got} vs {want}")

    pooled = report["corpus"]["pooled"]
    for pair, (xs, ys) in pooled_pairs.items():
        got = next((c["kappa"] for c in pooled["kappa"]["cohen"] if tuple(c["pair"]) == pair), "missing")
        want = cohen(xs, ys)
        check(f"pooled Cohen's kappa {pair[0]}-{pair[1]} = sklearn", got != "missing" and same(got, want), f"{got} vs {want}")
    got, want = pooled["kappa"]["fleiss"]["kappa"], fleiss(pooled_fleiss)
    check("pooled Fleiss' kappa = statsmodels", same(got, want), f"{got} vs {want}")
    got, want = pooled["alpha_nominal"], alpha(pooled_alpha)
    check("pooled Krippendorff's alpha = krippendorff", same(got, want), f"{got} vs {want}")
    exact, overlap, totals, rel, rel_totals = pooled_f1
    for label in totals:
        want = 2 * exact[label] / totals[label]
        check(f"pooled F1 exact {label}", same(pooled["f1"]["exact"].get(label), want))
    mean = report["corpus"]["mean_of_documents"]
    values = [d["alpha_nominal"] for d in report["documents"] if d["alpha_nominal"] is not None]
    want = sum(values) / len(values) if values else None
    check("mean of documents: alpha", same(mean["alpha_nominal"], want), f"{mean['alpha_nominal']} vs {want}")


if __name__ == "__main__":
    main()
    print(f"agreement: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
