#!/usr/bin/env python3
"""Split ../shared/realnews once into a development and a blind half.

Method: group the articles by source (the file-name word after the number:
nasa, whitehouse, sec, army, gsa18f, blm), sort each group by file name,
shuffle it with random.Random(f"{SEED}:{source}"), and give the first
floor(n/2) to dev and the next floor(n/2) to blind. The odd article left in a
group of odd size goes, taking the odd groups in sorted source order, first to
blind, then to dev, alternately, so the halves are 18/18. Run once; the
output (split.json) is committed and never regenerated.
"""
import hashlib, json, os, random, sys

SEED = 20261130
root = sys.argv[1] if len(sys.argv) > 1 else "../shared/realnews"
files = sorted(f for f in os.listdir(root) if f.endswith(".txt"))
groups = {}
for f in files:
    groups.setdefault(f.split("_", 1)[1].split("-", 1)[0], []).append(f)
half = {}
turn = 0
for src in sorted(groups):
    g = sorted(groups[src])
    random.Random(f"{SEED}:{src}").shuffle(g)
    k = len(g) // 2
    for f in g[:k]:
        half[f] = "dev"
    for f in g[k:2 * k]:
        half[f] = "blind"
    if len(g) % 2:
        half[g[-1]] = ["blind", "dev"][turn % 2]
        turn += 1
out = {
    "seed": SEED,
    "method": "per source (file-name word after the number), sorted by name, "
    "random.Random(f'{seed}:{source}').shuffle (Python 3), first floor(n/2) dev, "
    "next floor(n/2) blind, odd leftovers alternately blind, dev in sorted source order",
    "articles": [
        {
            "file": f,
            "sha256": hashlib.sha256(open(os.path.join(root, f), "rb").read()).hexdigest(),
            "half": half[f],
        }
        for f in files
    ],
}
json.dump(out, open("split.json", "w"), indent=1)
print({h: sum(1 for v in half.values() if v == h) for h in ("dev", "blind")})
for src in sorted(groups):
    print(src, [(f[:2], half[f]) for f in sorted(groups[src])])
