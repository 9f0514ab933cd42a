#!/usr/bin/env python3
"""Turn hand annotations of a real article into standoff gold (no article text kept).

    annotate.py NOTES...          write tests/realnews/gold/<article>.json for each
    annotate.py --list ARTICLE... number the quotation-mark pairs of articles

The articles are read from NEWSMARK_REALNEWS, else ../shared/realnews beside the crate (for
the dev2 to dev13 groups, set NEWSMARK_REALNEWS to their folder, ../realnews-extra).
Each article must be in tests/realnews/split.json, which gives its group (dev, blind, dev2, dev3,
dev4, dev5, dev6, dev7, dev8, dev9, dev10, dev11, dev12 or dev13; dev6, dev7 and dev8 were held out in sessions
7, 8 and 9 and are development text from the session after, dev9 was held out in session 10 until
measured, dev10 is held out in sessions 10 and 11, dev11 in session 11, dev12 is development text,
dev13 is held out in session 11;
make a held-out group's gold by reading, never from the rules' output).

The annotation files are written by hand while reading each article and are kept
OUTSIDE the repository (they quote names and cue words from the text). Each names
the article on its first line (`file 05_nasa-....txt`), then:

    name Jane Q. Roe | Roe           PERSON group: every whole-word occurrence of each
                                     form becomes a PERSON span (longest forms first);
                                     mentions whose text differs from the group's first
                                     mention get `refers_to` that mention
    nope Roe Space Telescope         names inside these strings are not PERSON
    name ~Jane Roe                   a form starting with ~ is found without word edges
                                     (for a source's typo gluing a word to the name)
    org Harbour Council | the council  ORG group (spans only where used as a speaker)
    src a spokesperson > Jane Q. Roe SOURCE group (idem); with `> GROUP`, its mentions
                                     get `refers_to` the first mention of that group
    drop Roe@2                       remove the 2nd PERSON occurrence of a form (0-based
                                     count among its found occurrences)
    N d said Jane Q. Roe [f=pronoun] quote N (numbered as printed by --list): type d
                                     direct / p partial / c continues the previous
                                     annotated quote (cue and speaker inherited unless
                                     given) / - not a quote (scare quote, title). The cue
                                     word (underscores for spaces, `-` none) is taken at
                                     its occurrence nearest the quote in the same
                                     paragraph, outside quotes; the speaker is the
                                     group's mention nearest the quote (same paragraph
                                     first, else the nearest before it)
    N d+ ...                         like d, and also continues the previous quote
    N d ... close=2                  the quotation ends at the 2nd closing mark after its
                                     opening (a nested quotation in double marks)

Quotes are found mechanically as pairs of double marks per paragraph (“ or " opens, ”
or " closes; an unclosed quote ends at the paragraph's end); deciding which are
quotes, and who said them, is the annotation.
"""
import hashlib, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def paragraphs(text):
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, pos + len(line.rstrip())
        pos += len(line) + 1


def trimmed(text, s, e):
    """The quoted words inside the marks, without spaces just inside them."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def find_quotes(text):
    quotes = []
    for ps, pe in paragraphs(text):
        inside = None
        for i in range(ps, pe):
            c = text[i]
            if inside is None and c in "“\"":
                inside = i + 1
            elif inside is not None and c in "”\"":
                quotes.append((*trimmed(text, inside, i), ps, pe, False))
                inside = None
        if inside is not None:
            quotes.append((*trimmed(text, inside, pe), ps, pe, True))
    return quotes


def occurrences(text, form):
    if form.startswith("~"):
        form = form[1:]
        return [m.start() for m in re.finditer(re.escape(form), text)]
    pat = re.compile(r"(?<![\w])" + re.escape(form) + r"(?![\w])")
    return [m.start() for m in pat.finditer(text)]


class Article:
    def __init__(self, ann_path, text_dir):
        self.lines = [l.rstrip("\n") for l in open(ann_path, encoding="utf-8")]
        head = self.lines[0].split()
        assert head[0] == "file", f"{ann_path}: first line must be 'file NAME'"
        self.file = head[1]
        self.text = open(os.path.join(text_dir, self.file), encoding="utf-8").read()
        self.errors = []

    def build(self):
        text = self.text
        quotes = find_quotes(text)
        groups = {}  # key -> (label, forms)
        nopes, drops = [], []
        refer = {}  # ORG/SOURCE group -> group its mentions refer to
        qlines = []
        for raw in self.lines[1:]:
            line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("nope") else raw.strip()
            if not line:
                continue
            word, _, rest = line.partition(" ")
            if word in ("name", "org", "src"):
                rest, _, target = rest.partition(" > ")
                forms = [f.strip() for f in rest.split("|")]
                if target:
                    refer[forms[0]] = target.strip()
                label = {"name": "PERSON", "org": "ORG", "src": "SOURCE"}[word]
                groups[forms[0]] = (label, forms)
            elif word == "nope":
                nopes.append(rest.strip())
            elif word == "drop":
                form, _, n = rest.strip().rpartition("@")
                drops.append((form, int(n)))
            elif word.isdigit():
                qlines.append((int(word), rest.split()))
            else:
                self.errors.append(f"bad line: {raw}")
        blocked = []
        for n in nopes:
            occ = occurrences(text, n) or [text.find(n)] if text.find(n) >= 0 else []
            if not occ:
                self.errors.append(f"nope not found: {n}")
            blocked += [(o, o + len(n)) for o in occ]
        spans = []  # dicts: label start end attrs group
        taken = []

        def free(s, e, also_blocked=True):
            for a, b in taken:
                if s < b and a < e:
                    return False
            if also_blocked:
                for a, b in blocked:
                    if s < b and a < e:
                        return False
            return True

        # quotes region: names inside quotes are still names (PERSON mentions in quotes count)
        person_forms = sorted(
            ((f, k) for k, (lab, fs) in groups.items() if lab == "PERSON" for f in fs),
            key=lambda fk: -len(fk[0]),
        )
        mentions = {k: [] for k in groups}
        for form, key in person_forms:
            occ = occurrences(text, form)
            if not occ:
                self.errors.append(f"name form not found: {form}")
            form = form.lstrip("~")
            kept = []
            for o in occ:
                if free(o, o + len(form)):
                    kept.append(o)
            for form_d, n in drops:
                if form_d == form:
                    if n < len(kept):
                        kept[n] = None
                    else:
                        self.errors.append(f"drop out of range: {form}@{n}")
            for o in kept:
                if o is None:
                    continue
                sp = {"label": "PERSON", "start": o, "end": o + len(form), "group": key}
                spans.append(sp)
                taken.append((o, o + len(form)))
                mentions[key].append(sp)
        qspans = {}
        for i, q in enumerate(quotes):
            qspans[i + 1] = q
        quote_ranges = [(q[0], q[1]) for q in quotes]

        def in_quote(p):
            return any(a <= p < b for a, b in quote_ranges)

        relations = []
        prev = None
        prev_cue = prev_spk = None
        seen_q = set()
        for num, toks in qlines:
            if num not in qspans:
                self.errors.append(f"no quote number {num}")
                continue
            seen_q.add(num)
            qs, qe, ps, pe, open_ = qspans[num]
            kind = toks[0] if toks else "?"
            if kind == "-":
                continue
            attrs = {}
            form = None
            toks = toks[1:]
            for t in list(toks):
                if t.startswith("f="):
                    form = t[2:]
                    toks.remove(t)
                elif t.startswith("close="):
                    # a quotation holding a nested one in double marks (“… “x” …”): it ends
                    # at the Nth closing mark after its opening, not at the first
                    toks.remove(t)
                    closers = [i for i in range(qs, pe) if text[i] in "”\""]
                    k = int(t[6:])
                    if k > len(closers):
                        self.errors.append(f"quote {num}: no closing mark {k}")
                    else:
                        qs, qe = trimmed(text, qs, closers[k - 1])
            cont = kind in ("c", "d+", "p+")
            qtype = {"d": "direct", "d+": "direct", "p": "partial", "p+": "partial", "c": None}.get(kind, "?")
            if qtype == "?":
                self.errors.append(f"quote {num}: bad kind {kind}")
                continue
            if qtype is None:
                qtype = prev["attributes"]["type"] if prev else "direct"
            attrs["type"] = qtype
            if form:
                attrs["speaker_form"] = form
            qsp = {"label": "QUOTE", "start": qs, "end": qe, "attributes": attrs, "num": num}
            spans.append(qsp)
            cue_word = toks[0] if toks else None
            spk_key = " ".join(toks[1:]) if len(toks) > 1 else None
            cue = spk = None
            if cue_word and cue_word != "-":
                cw = cue_word.replace("_", " ")
                cands = [o for o in occurrences(text, cw) if ps <= o < pe and not in_quote(o)]
                if not cands:
                    self.errors.append(f"quote {num}: cue '{cw}' not in paragraph")
                else:
                    o = min(cands, key=lambda o: min(abs(o - qs), abs(o - qe)))
                    cue = next((s for s in spans if s["label"] == "CUE" and s["start"] == o), None)
                    if cue is None:
                        cue = {"label": "CUE", "start": o, "end": o + len(cw.lstrip("~"))}
                        spans.append(cue)
            elif cont and cue_word is None:
                cue = prev_cue
            if spk_key and spk_key != "-":
                if spk_key not in groups:
                    self.errors.append(f"quote {num}: speaker '{spk_key}' not declared")
                else:
                    spk = self.nearest(groups, mentions, spk_key, qs, qe, ps, pe, spans, free, taken)
            elif cont and spk_key is None:
                spk = prev_spk
            if cont and prev is not None:
                relations.append(("continues", qsp, prev))
            if cue is not None:
                relations.append(("cue", qsp, cue))
            if spk is not None:
                relations.append(("said_by", qsp, spk))
            elif qtype == "direct":
                self.errors.append(f"quote {num}: direct quote without speaker")
            prev, prev_cue, prev_spk = qsp, cue, spk
        for n in qspans:
            if n not in seen_q:
                self.errors.append(f"quote {n} not decided")
        # refers_to: mentions whose text differs from the group's first mention
        for key, ms in mentions.items():
            if not ms:
                continue
            ms.sort(key=lambda s: s["start"])
            canon = next((m for m in ms if text[m["start"]:m["end"]] == key), ms[0])
            for m in ms:
                if m is not canon and text[m["start"]:m["end"]] != text[canon["start"]:canon["end"]]:
                    relations.append(("refers_to", m, canon))
        for key, target in refer.items():
            if target not in mentions or not mentions[target]:
                self.errors.append(f"refers to unknown or unmentioned {target}")
                continue
            tm = sorted(mentions[target], key=lambda s: s["start"])
            canon = next((m for m in tm if text[m["start"]:m["end"]] == target), tm[0])
            for m in mentions[key]:
                relations.append(("refers_to", m, canon))
        spans.sort(key=lambda s: (s["start"], -s["end"], s["label"]))
        for i, s in enumerate(spans):
            s["id"] = i + 1
        self.spans, self.relations, self.quotes = spans, relations, quotes
        self.mentions = mentions

    def nearest(self, groups, mentions, key, qs, qe, ps, pe, spans, free, taken):
        text = self.text
        label, forms = groups[key]
        if label != "PERSON" and not mentions[key]:
            # place spans for every occurrence of an ORG/SOURCE group lazily: only the chosen one
            pass
        # a mention inside the quotation itself never names its speaker
        cands = [m for m in mentions[key] if not (qs <= m["start"] < qe)]
        if label != "PERSON":
            for f in forms:
                for o in occurrences(text, f):
                    if free(o, o + len(f), also_blocked=False) and not (qs <= o < qe):
                        cands.append({"label": label, "start": o, "end": o + len(f), "group": key, "new": True})
        if not cands:
            self.errors.append(f"no mention of {key}")
            return None
        def dist(m):
            same = ps <= m["start"] < pe
            before = m["start"] < qs
            d = min(abs(m["start"] - qe), abs(m["end"] - qs))
            return (0 if same else 1, 0 if (same or before) else 1, d)
        best = min(cands, key=dist)
        if best.pop("new", False):
            spans.append(best)
            taken.append((best["start"], best["end"]))
            mentions[key].append(best)
        return best

    def standoff(self, half):
        return {
            "file": self.file,
            "sha256": hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
            "half": half,
            "spans": [
                dict(
                    {"id": s["id"], "label": s["label"], "start": s["start"], "end": s["end"]},
                    **({"attributes": s["attributes"]} if s.get("attributes") else {}),
                )
                for s in self.spans
            ],
            "relations": [
                {"label": lab, "from": a["id"], "to": b["id"]} for lab, a, b in self.relations
            ],
        }

    def report(self):
        t = self.text
        out = [f"== {self.file}"]
        for s in self.spans:
            if s["label"] == "QUOTE":
                rel = {lab: b for lab, a, b in self.relations if a is s}
                cue = rel.get("cue")
                spk = rel.get("said_by")
                q = t[s["start"]:s["end"]]
                out.append(
                    f"  q{s['num']:>2} {s['attributes']['type'][:3]} {'+' if 'continues' in rel else ' '}"
                    f" {q[:28]!r:32} cue={t[cue['start']:cue['end']] if cue else '-'}"
                    f" spk={t[spk['start']:spk['end']] if spk else '-'}({spk['label'][0] if spk else ''}@{spk['start'] - s['start'] if spk else ''})"
                )
        names = sorted({t[s["start"]:s["end"]] for s in self.spans if s["label"] == "PERSON"})
        out.append("  PERSON: " + "; ".join(names))
        for e in self.errors:
            out.append("  ERROR " + e)
        return "\n".join(out)


def dump(so):
    """One span or relation a line, so that diffs of the gold read well."""
    head = {k: so[k] for k in ("file", "sha256", "half")}
    lines = ["{"] + [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    for key in ("spans", "relations"):
        items = [" " * 2 + json.dumps(x, ensure_ascii=False) for x in so[key]]
        lines.append(f' "{key}": [')
        lines.append(",\n".join(items))
        lines.append(" ]," if key == "spans" else " ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def list_quotes(path):
    text = open(path, encoding="utf-8").read()
    for i, (s, e, ps, pe, open_) in enumerate(find_quotes(text)):
        print(f"{i+1:>3} [{text[max(ps, s-50):s]!s:>50}]{'OPEN ' if open_ else ''}{text[s:e][:70]}")


def main():
    args = sys.argv[1:]
    text_dir = os.environ.get("NEWSMARK_REALNEWS", os.path.join(HERE, "..", "..", "..", "shared", "realnews"))
    if args and args[0] == "--list":
        for a in args[1:]:
            list_quotes(a)
        return
    sets_dir = None
    if "--sets" in args:
        i = args.index("--sets")
        sets_dir = args[i + 1]
        del args[i:i + 2]
    split = {a["file"]: a for a in json.load(open(os.path.join(HERE, "split.json")))["articles"]}
    bad = 0
    for path in args:
        art = Article(path, text_dir)
        art.build()
        print(art.report())
        entry = split[art.file]
        so = art.standoff(entry["half"])
        if so["sha256"] != entry["sha256"]:
            art.errors.append("sha256 differs from split.json")
        if art.errors:
            bad += 1
            continue
        os.makedirs(os.path.join(HERE, "gold"), exist_ok=True)
        out = os.path.join(HERE, "gold", art.file[:-4] + ".json")
        with open(out, "w", encoding="utf-8") as f:
            f.write(dump(so))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
