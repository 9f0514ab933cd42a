"""Check Newsmark's exports with the tools people load them into.

Usage: check_exports.py EXPORT_ROOT SAMPLE_DIR

EXPORT_ROOT holds one folder per format (jsonl, spacy, brat, conll, label-studio, prodigy,
csv, w3c), each written by `newsmark export --to FORMAT SAMPLE_DIR -o EXPORT_ROOT/FORMAT`.
Every check compares what the real client reads back with the native sample sets: span texts
at their code point offsets, labels, relations, and alignment with spaCy's tokens.
Prints one line per check and a final 'N passed, M failed'; exits 1 on any failure.
"""

import csv
import glob
import json
import os
import sys
import tempfile
import traceback

ROOT, SAMPLES = sys.argv[1], sys.argv[2]
results = []  # (name, ok, detail)


def check(name):
    def wrap(fn):
        try:
            detail = fn()
            results.append((name, True, detail or ""))
        except Exception as error:  # a check failing must not stop the others
            results.append((name, False, f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=3)}"))
        return fn
    return wrap


SAMPLE_PATHS = {}  # name -> the set file


def load_samples():
    samples = {}
    for path in sorted(glob.glob(os.path.join(SAMPLES, "**", "*.json"), recursive=True)):
        if os.path.relpath(path, SAMPLES).startswith("team" + os.sep):
            continue  # the team sample is a corpus of its own, excluded from the samples'
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if data.get("format") != "newsmark.annotations":
            continue
        name = os.path.splitext(os.path.basename(path))[0]
        text = data["document"]["text"]
        accepted = [s for s in data.get("spans", []) if s.get("review", "accepted") != "suggested"]
        samples[name] = {
            "text": text,
            "spans": accepted,
            "relations": data.get("relations", []),
            "document_labels": data.get("document_labels", {}),
        }
        SAMPLE_PATHS[name] = path
    return samples


SAMPLE = load_samples()
if not SAMPLE:
    print(f"no annotation sets in {SAMPLES}")
    sys.exit(1)
by_id = {name: {s["id"]: s for s in s_["spans"]} for name, s_ in SAMPLE.items()}

import spacy  # noqa: E402

nlp = spacy.blank("en")


def spacy_alignment(name):
    """How many spans of a sample start and end on spaCy's own token boundaries."""
    doc = nlp.make_doc(SAMPLE[name]["text"])
    spans = SAMPLE[name]["spans"]
    aligned = sum(doc.char_span(s["start"], s["end"]) is not None for s in spans)
    return aligned, len(spans)


def same_text(name, start, end, expected, where):
    actual = SAMPLE[name]["text"][start:end]
    assert actual == expected, f"{where}: text[{start}:{end}] = {actual!r}, expected {expected!r}"


def sample_span(name, start, end, label, where):
    matches = [s for s in SAMPLE[name]["spans"] if (s["start"], s["end"], s["label"]) == (start, end, label)]
    assert matches, f"{where}: {label} {start}..{end} is not a span of the sample"
    return matches[0]


def enumerate_offsets(doc):
    return [(t.idx, t.idx + len(t.text)) for t in doc]


# --- spaCy DocBin ---------------------------------------------------------------------------
@check("spacy: DocBin loads, texts and tokens rebuild the articles, doc.ents and doc.spans['sc'] match")
def _():
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(os.path.join(ROOT, "spacy", "corpus.spacy")).get_docs(nlp.vocab))
    names = sorted(SAMPLE)
    assert len(docs) == len(names), f"{len(docs)} docs for {len(names)} samples"
    info = []
    for name, doc in zip(names, docs):
        assert doc.text == SAMPLE[name]["text"], f"{name}: doc.text differs from the article"
        sc = {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]}
        for s in doc.spans["sc"]:
            same_text(name, s.start_char, s.end_char, s.text, f"{name} sc")
        for s in SAMPLE[name]["spans"]:
            assert (s["start"], s["end"], s["label"]) in sc, f"{name}: span {s['id']} missing from doc.spans['sc']"
        for ent in doc.ents:
            sample_span(name, ent.start_char, ent.end_char, ent.label_, f"{name} ents")
            same_text(name, ent.start_char, ent.end_char, ent.text, f"{name} ents")
        ours = [t.text for t in doc]
        theirs = [t.text for t in nlp.make_doc(doc.text)]
        same = len(set(enumerate_offsets(doc)) & set(enumerate_offsets(nlp.make_doc(doc.text))))
        info.append(f"{name}: {len(doc.ents)} ents, {len(doc.spans['sc'])} sc, tokens {same}/{len(theirs)} as spaCy's ({len(ours)} ours)")
    # Each Doc's user data names its document (kept when spaCy is asked to keep user data).
    kept = list(DocBin(store_user_data=True).from_disk(os.path.join(ROOT, "spacy", "corpus.spacy")).get_docs(nlp.vocab))
    for name, doc in zip(names, kept):
        assert doc.user_data.get("newsmark_document") == name, f"{name}: user_data {doc.user_data!r}"
    # Document labels: flags and scores are doc.cats, the others in the Doc's user data.
    for name, doc in zip(names, kept):
        labels = json.load(open(SAMPLE_PATHS[name], encoding="utf-8")).get("document_labels", {})
        scores = {k: float(v) for k, v in labels.items() if isinstance(v, (bool, int, float))}
        assert doc.cats == scores, f"{name}: doc.cats {doc.cats!r} for {labels!r}"
        others = {k: v for k, v in labels.items() if k not in scores}
        assert doc.user_data.get("newsmark_document_labels", {}) == others, f"{name}: {doc.user_data!r}"
    # Span attributes and notes: in the Doc's user data, keyed by label and offsets, each on a
    # span of doc.spans["sc"].
    with_data = 0
    for name, doc in zip(names, kept):
        sc = {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]}
        got = {}
        for item in doc.user_data.get("newsmark_spans", []):
            key = (item["start"], item["end"], item["label"])
            assert key in sc, f"{name}: user data for {key}, not a span of doc.spans['sc']"
            got[key] = (dict(item.get("attributes", {})), item.get("note"))
        want = {
            (s["start"], s["end"], s["label"]): (s.get("attributes", {}), s.get("note"))
            for s in SAMPLE[name]["spans"]
            if s.get("attributes") or s.get("note")
        }
        assert got == want, f"{name}: newsmark_spans {got!r}, the set has {want!r}"
        with_data += len(got)
    info.append(f"{with_data} spans' attributes and notes in user_data")
    return "; ".join(info)


@check("spaCy alignment: sample spans against spacy.blank('en') tokens (exports carry their own boundaries)")
def _():
    # A span that cuts one of spaCy's own tokens ("m’a" is one English token, "Saltmere⟫" too)
    # would make doc.char_span() return None on a text spaCy tokenizes itself. The DocBin and
    # Prodigy exports carry token boundaries at every span edge, so they load aligned (checked
    # above and below); this check lists the sample spans where the annotation and spaCy's
    # English rules disagree, and fails only if most spans disagree (a broken offset unit).
    # English rules know nothing of the prefixes Hebrew and Arabic attach to a word (the ל of
    # לחיפה, "to Haifa", where only חיפה is the place): in texts mostly in other scripts the
    # check fails only when most spans disagree.
    import unicodedata

    def mostly_latin(text):
        letters = [c for c in text if c.isalpha()]
        return 2 * sum("LATIN" in unicodedata.name(c, "") for c in letters) >= len(letters)

    info, bad, total = [], [], 0
    other_bad, other_total = 0, 0
    for name in sorted(SAMPLE):
        doc = nlp.make_doc(SAMPLE[name]["text"])
        latin = mostly_latin(SAMPLE[name]["text"])
        for s in SAMPLE[name]["spans"]:
            total += latin
            other_total += not latin
            if doc.char_span(s["start"], s["end"]) is None:
                bad.append(f"{name} span {s['id']} {s['label']} {s['text']!r}")
                other_bad += not latin
        a, n = spacy_alignment(name)
        info.append(f"{name} {a}/{n}")
    latin_bad = len(bad) - other_bad
    assert latin_bad * 20 < max(total, 1) and other_bad * 2 < max(other_total, 1), (
        f"{len(bad)} of {total + other_total} spans cut a spaCy token: " + "; ".join(bad[:10])
    )
    detail = "aligned: " + ", ".join(info)
    if bad:
        detail += f"; {len(bad)} cut a spaCy English token: " + "; ".join(bad[:10])
    return detail


# --- doccano JSONL via Hugging Face datasets --------------------------------------------------
@check("jsonl: datasets.load_dataset('json') loads it; entity offsets give the span texts")
def _():
    import datasets

    datasets.disable_progress_bars()
    path = os.path.join(ROOT, "jsonl", "doccano.jsonl")
    with tempfile.TemporaryDirectory() as cache:
        ds = datasets.load_dataset("json", data_files=path, split="train", cache_dir=cache)
        rows = list(ds)
    assert len(rows) == len(SAMPLE), f"{len(rows)} rows for {len(SAMPLE)} samples"
    spans = 0
    for row in rows:
        name = row["document"]
        assert row["text"] == SAMPLE[name]["text"], f"{name}: text differs"
        if "entities" in row and row["entities"] is not None:
            ids = {}
            for e in row["entities"]:
                s = by_id[name][e["id"]]
                assert (e["start_offset"], e["end_offset"], e["label"]) == (s["start"], s["end"], s["label"]), f"{name}: entity {e['id']}"
                same_text(name, e["start_offset"], e["end_offset"], s["text"], name)
                ids[e["id"]] = e
                spans += 1
            for r in row["relations"]:
                assert r["from_id"] in ids and r["to_id"] in ids, f"{name}: relation {r['id']} dangles"
            assert len(row["relations"]) == len(SAMPLE[name]["relations"]), f"{name}: relations"
        else:
            for start, end, label in row["label"]:
                sample_span(name, int(start), int(end), label, name)
                spans += 1
        assert spans, "no spans"
    return f"{len(rows)} documents, {spans} spans"


# --- CoNLL with seqeval ------------------------------------------------------------------------
def read_conll(path):
    documents, sentences, tokens, tags = [], [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if tokens:
                    sentences.append((tokens, tags))
                    tokens, tags = [], []
                continue
            token, tag = line.split("\t")
            if token == "-DOCSTART-":
                if sentences:
                    documents.append(sentences)
                sentences = []
                continue
            tokens.append(token)
            tags.append(tag)
    if tokens:
        sentences.append((tokens, tags))
    if sentences:
        documents.append(sentences)
    return documents


@check("conll: seqeval strict IOB2 accepts every tag sequence; entities rebuild span texts")
def _():
    from seqeval.metrics import f1_score
    from seqeval.metrics.sequence_labeling import get_entities
    from seqeval.scheme import IOB2, Entities

    documents = read_conll(os.path.join(ROOT, "conll", "corpus.conll"))
    assert len(documents) == len(SAMPLE), f"{len(documents)} documents for {len(SAMPLE)} samples"
    total = 0
    for name, sentences in zip(sorted(SAMPLE), documents):
        tag_lists = [tags for _, tags in sentences]
        for tags in tag_lists:
            for i, tag in enumerate(tags):
                if tag.startswith("I-"):
                    prev = tags[i - 1] if i else "O"
                    assert prev[2:] == tag[2:] and prev != "O", f"{name}: {tag} starts an entity"
        assert f1_score(tag_lists, tag_lists, mode="strict", scheme=IOB2) == 1.0 or not any(
            t != "O" for tags in tag_lists for t in tags)
        strict = Entities(tag_lists, IOB2).entities
        loose = get_entities(tag_lists)
        n_strict = sum(len(s) for s in strict)
        assert n_strict == len(loose), f"{name}: strict IOB2 reads {n_strict} entities, lenient {len(loose)}"
        # Each entity's tokens, joined without spaces, equal a sample span's text without spaces.
        texts = {"".join(s["text"].split()) for s in SAMPLE[name]["spans"]}
        for (tokens, tags), ents in zip(sentences, strict):
            for e in ents:
                joined = "".join(tokens[e.start:e.end])
                assert joined in texts, f"{name}: entity {e.tag} {joined!r} is no sample span"
        total += n_strict
    return f"{total} entities"


# --- brat with pybrat --------------------------------------------------------------------------
@check("brat: pybrat parses every document; entity mentions equal the text at their offsets")
def _():
    from pybrat.parser import BratParser

    # error="ignore": pybrat refuses two entities on identical offsets (a QUOTE that is also a
    # CLAIM), which brat itself allows.
    examples = BratParser(error="ignore").parse(os.path.join(ROOT, "brat"))
    assert len(examples) == len(SAMPLE), f"{len(examples)} examples for {len(SAMPLE)} samples"
    count = relations = 0
    for ex in examples:
        name = os.path.basename(str(ex.id))
        text = ex.text
        assert text == SAMPLE[name]["text"].replace("\r\n", "\n"), f"{name}: text differs"
        for entity in ex.entities:
            pieces = [text[s.start:s.end] for s in entity.spans]
            assert " ".join(pieces) == entity.mention, f"{name} {entity.id}: {entity.mention!r} vs {pieces!r}"
            count += 1
        relations += len(ex.relations)
        assert len(ex.relations) == len(SAMPLE[name]["relations"]), f"{name}: {len(ex.relations)} relations"
        assert len(ex.entities) == len(SAMPLE[name]["spans"]), f"{name}: {len(ex.entities)} entities"
    conf = open(os.path.join(ROOT, "brat", "annotation.conf"), encoding="utf-8").read()
    for section in ("[entities]", "[relations]", "[events]", "[attributes]"):
        assert section in conf, f"annotation.conf lacks {section}"
    return f"{count} entities, {relations} relations"


# --- Label Studio with label-studio-converter --------------------------------------------------
def as_text(value):
    """A document label's value as Newsmark writes it in a text field (true, 0.25, opinion)."""
    return value if isinstance(value, str) else json.dumps(value)


@check("label-studio: region texts match; label-studio-converter converts to JSON_MIN (document labels as fields) and CoNLL")
def _():
    from label_studio_converter import Converter

    folder = os.path.join(ROOT, "label-studio")
    tasks_path = os.path.join(folder, "label_studio.json")
    tasks = json.load(open(tasks_path, encoding="utf-8"))
    assert len(tasks) == len(SAMPLE)
    regions = 0
    for task in tasks:
        name = task["data"]["document"]
        results = task["annotations"][0]["result"] + [r for p in task.get("predictions", []) for r in p["result"]]
        ids = {r["id"] for r in results if r["type"] == "labels"}
        # Document labels: results with no region, one per label, none left in meta.
        region_less = [r for r in results if r["type"] != "relation" and "start" not in r["value"]]
        assert len(region_less) == len(SAMPLE[name]["document_labels"]), f"{name}: {region_less}"
        assert all(r["id"] not in ids for r in region_less), f"{name}: a document label shares a region id"
        assert "meta" not in task, f"{name}: meta {task.get('meta')}"
        for r in results:
            if r["type"] == "labels":
                v = r["value"]
                same_text(name, v["start"], v["end"], v["text"], name)
                regions += 1
            elif r["type"] == "relation":
                assert r["from_id"] in ids and r["to_id"] in ids, f"{name}: relation dangles"
    config = open(os.path.join(folder, "label_studio_config.xml"), encoding="utf-8").read()
    converter = Converter(config=config, project_dir=None, download_resources=False)
    with tempfile.TemporaryDirectory() as out:
        converter.convert(tasks_path, out, "JSON_MIN", is_dir=False)
        records = json.load(open(os.path.join(out, "result.json"), encoding="utf-8"))
        assert len(records) == len(SAMPLE)
        labelled = 0
        for record in records:
            name = record["document"]
            labels = record.get("label", [])
            for item in labels:
                same_text(name, item["start"], item["end"], item["text"], name)
            # The converter reads each document label from its control, by the label's name.
            for label, value in SAMPLE[name]["document_labels"].items():
                got = record.get(label)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    assert got == [{"number": value}], f"{name}: {label} = {got!r}, expected {value!r}"
                else:
                    assert got == as_text(value), f"{name}: {label} = {got!r}, expected {value!r}"
                labelled += 1
        converter.convert(tasks_path, out, "CONLL2003", is_dir=False)
        assert os.path.getsize(os.path.join(out, "result.conll")) > 0
    return f"{regions} regions, {labelled} document labels"


# --- Prodigy -----------------------------------------------------------------------------------
@check("prodigy: tokens rebuild the text; token_end is inclusive; spans align with the tokens")
def _():
    from spacy.tokens import Doc

    lines = [json.loads(l) for l in open(os.path.join(ROOT, "prodigy", "prodigy.jsonl"), encoding="utf-8")]
    assert len(lines) == len(SAMPLE)
    spans = 0
    for task in lines:
        name = task["meta"]["document"]
        text = task["text"]
        assert text == SAMPLE[name]["text"]
        tokens = task["tokens"]
        for i, t in enumerate(tokens):
            assert t["id"] == i and text[t["start"]:t["end"]] == t["text"], f"{name}: token {i}"
        doc = Doc(nlp.vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
        assert doc.text == text, f"{name}: tokens and ws do not rebuild the text"
        for s in task["spans"]:
            assert tokens[s["token_start"]]["start"] == s["start"], f"{name}: token_start"
            assert tokens[s["token_end"]]["end"] == s["end"], f"{name}: token_end is not inclusive"
            assert doc.char_span(s["start"], s["end"]) is not None
            sample_span(name, s["start"], s["end"], s["label"], name)
            spans += 1
        for r in task["relations"]:
            assert tokens[r["head"]]["end"] == r["head_span"]["end"]
            assert tokens[r["child"]]["end"] == r["child_span"]["end"]
        assert len(task["relations"]) == len(SAMPLE[name]["relations"]), f"{name}: relations"
    return f"{spans} spans"


# --- CSV ---------------------------------------------------------------------------------------
@check("csv: Python's csv module reads one row per span with the right text")
def _():
    with open(os.path.join(ROOT, "csv", "spans.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    expected = sum(len(s["spans"]) for s in SAMPLE.values())
    assert len(rows) == expected, f"{len(rows)} rows for {expected} spans"
    for row in rows:
        same_text(row["document"], int(row["start"]), int(row["end"]), row["text"], row["document"])
        if row["attributes"]:
            json.loads(row["attributes"])
    return f"{len(rows)} rows"


# --- spaCy DocBin import ------------------------------------------------------------------------
@check("spacy import: a DocBin saved by spaCy itself (ents, overlapping span groups, cats) imports with exact texts and spans")
def _():
    import subprocess

    from spacy.tokens import DocBin, Span

    texts = [
        "\u201cWe will not wait,\u201d said Ana L\u00facia Ferreira \U0001F44D in Z\u00fcrich on Monday.",
        "Der Hafen von Rotterdam \u2013 Europas gr\u00f6\u00dfter \u2013 stand still.\n\nNiemand sprach.",
        "No annotations here.",
    ]
    expected = []
    docbin = DocBin(store_user_data=False)
    for n, text in enumerate(texts):
        doc = nlp.make_doc(text)
        spans = set()
        if n == 0:
            person = doc.char_span(text.index("Ana"), text.index(" \U0001F44D"), label="PERSON")
            place = doc.char_span(text.index("Z\u00fc"), text.index(" on"), label="GPE")
            doc.ents = [person, place]
            quote = doc.char_span(1, text.index(",\u201d"), label="QUOTE")
            date = doc.char_span(text.index("Monday"), text.index("Monday") + 6, label="DATE")
            doc.spans["sc"] = [quote, person]  # person repeats an entity
            doc.spans["extra"] = [date, Span(doc, 0, len(doc), label="SENTENCE")]
            doc.cats = {"labour": 1.0}
            for s in [person, place, quote, date, Span(doc, 0, len(doc), label="SENTENCE")]:
                spans.add((s.start_char, s.end_char, s.label_))
        if n == 1:
            port = doc.char_span(text.index("Rotterdam"), text.index(" \u2013"), label="GPE")
            doc.ents = [port]
            spans.add((port.start_char, port.end_char, "GPE"))
            doc.cats = {"labour": 0.0, "transport": 0.75}
        docbin.add(doc)
        expected.append((text, spans))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "made-by-spacy.spacy")
        docbin.to_disk(path)
        out = os.path.join(tmp, "sets")
        run = subprocess.run([os.environ["NEWSMARK_BIN"], "import", path, "-o", out], capture_output=True, text=True)
        # doc.cats are the sets' document labels (a score of 1 or 0 a flag's true or false, any
        # other kept as the number); nothing is left out; the texts and spans are exact.
        assert run.returncode == 0, run.stdout + run.stderr
        sets = []
        for p in sorted(glob.glob(os.path.join(out, "*.json"))):
            data = json.load(open(p, encoding="utf-8"))
            if data.get("format") == "newsmark.annotations":
                sets.append(data)
        assert len(sets) == len(texts), f"{len(sets)} sets for {len(texts)} docs: {run.stdout}"
        for data, (text, spans) in zip(sets, expected):
            assert data["document"]["text"] == text, f"{data['document']['text']!r} != {text!r}"
            got = {(s["start"], s["end"], s["label"]) for s in data["spans"]}
            assert got == spans, f"{got} != {spans}"
            for s in data["spans"]:
                assert text[s["start"]:s["end"]] == s["text"]
        cats = [data.get("document_labels", {}) for data in sets]
        assert cats == [{"labour": True}, {"labour": False, "transport": 0.75}, {}], cats
    return f"{len(texts)} docs, {sum(len(s) for _, s in expected)} spans"


# --- W3C Web Annotation ------------------------------------------------------------------------
@check("w3c: TextPositionSelector offsets give the TextQuoteSelector's exact, prefix and suffix; document labels classify the whole source")
def _():
    count = 0
    labelled = 0
    for name in SAMPLE:
        data = json.load(open(os.path.join(ROOT, "w3c", f"{name}.jsonld"), encoding="utf-8"))
        assert data["type"] == "AnnotationCollection"
        text = SAMPLE[name]["text"]
        # Document labels: classifying annotations of the whole source (its IRI, no selector).
        classified = {}
        for item in data["first"]["items"]:
            if item.get("motivation") == "classifying":
                assert isinstance(item["target"], str), f"{name}: {item['id']} targets {item['target']!r}"
                body = item["body"]
                assert body["purpose"] == "classifying", f"{name}: {body}"
                classified[body["newsmark:documentLabel"]] = body.get("newsmark:value", body["value"])
                assert body["value"] == as_text(classified[body["newsmark:documentLabel"]]), f"{name}: {body}"
        assert classified == SAMPLE[name]["document_labels"], f"{name}: {classified}"
        labelled += len(classified)
        for item in data["first"]["items"]:
            target = item["target"]
            if not isinstance(target, dict):
                continue
            pos = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
            quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
            assert text[pos["start"]:pos["end"]] == quote["exact"], f"{name}: {item['id']}"
            assert text[:pos["start"]].endswith(quote["prefix"]), f"{name}: prefix of {item['id']}"
            assert text[pos["end"]:].startswith(quote["suffix"]), f"{name}: suffix of {item['id']}"
            count += 1
        assert count, "no annotations"
    return f"{count} annotations, {labelled} document labels"


# --- Offsets in every script ----------------------------------------------------------------------
@check("offsets: each sample span's text is text[start:end] (Python str indices, logical order, also right to left)")
def _():
    import unicodedata

    scripts = {}
    for name, sample in SAMPLE.items():
        text = sample["text"]
        for s in sample["spans"]:
            same_text(name, s["start"], s["end"], s["text"], f"{name} span {s['id']}")
            for ch in s["text"]:
                if ch.isalpha():
                    script = unicodedata.name(ch, "?").split()[0]
                    scripts[script] = scripts.get(script, 0) + 1
                    # Presentation forms would mean the text was reshaped for display.
                    assert not 0xFB50 <= ord(ch) <= 0xFEFF, f"{name}: presentation form {ch!r}"
    return ", ".join(f"{k} {v}" for k, v in sorted(scripts.items()))


for i in range(int(os.environ.get("EXPORTS_PASSED", "0"))):
    results.insert(0, (f"newsmark export #{i + 1} (see above)", True, ""))
for i in range(int(os.environ.get("EXPORTS_FAILED", "0"))):
    results.insert(0, (f"newsmark export failure #{i + 1} (see above)", False, ""))
failed = 0
for name, ok, detail in results:
    print(f"{'PASS' if ok else 'FAIL'} {name}" + (f"\n     {detail}" if detail else ""))
    failed += not ok
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
