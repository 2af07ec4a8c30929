#!/usr/bin/env python3
"""GPT-3's Futrell2018 score computed outside brainalign (numpy only), the reference SurprisalBenchmarksTest asserts.

Words: naturalstories_RTS_all_stories.tok sorted by story then zone; reading time: meanItemRT of
naturalstories_RTS_processed_wordinfo.tsv by (story, zone); surprisal: the negative log-probabilities
of probs_all_stories_gpt3.csv's tokens, each summed into the word that holds the token's first
non-space character (the GPT-3 text laid over the words, word by word, by length); sentence-initial
words dropped, by BSL's data_packaging.py loop ("bsl", 481 sentences) or by brainalign's earlier rule
("old", 480 sentences: no sentence after Mr., Mrs., Ms., Dr., St., Jr.); Pearson r over the rest.

With a third argument "story3-before-2020", story 3's reading times are put back as they were before
the corpus' 2020-11-11 re-alignment, the release BSL's assembly was packaged from. The corpus'
process_RTs.R (offset = 230) drops story 3's raw zone 231, a blank token shown in the experiment, and
maps later raw zones z to word zone z - 3 instead of z - 2; before the fix every raw zone mapped to
z - 2, so word zone 229 carried the blank's reading time (today's file no longer holds it: NaN here)
and every word zone z >= 230 carried the reading time of word z - 1: 812 story-3 words in all.

Usage: python3 brainalign-app/src/test/python/futrell2018_gpt3.py ../shared/data [bsl|old] [story3-before-2020]
Printed 2026-12-07 (numpy 2.4): bsl sentences 481 pairs 9775 r 0.20763838738454243
                                old sentences 480 pairs 9776 r 0.20735567451839296
"""
import csv, math, sys
from pathlib import Path
import numpy as np
d = Path(sys.argv[1]) / "naturalstories"
rule = sys.argv[2] if len(sys.argv) > 2 else "bsl"
before_2020 = len(sys.argv) > 3 and sys.argv[3] == "story3-before-2020"
rows = []
with open(d / "naturalstories_RTS_all_stories.tok", encoding="utf-8") as f:
    r = csv.DictReader(f, delimiter="\t")
    for x in r:
        rows.append((int(x["item"]), int(x["zone"]), x["word"]))
rows.sort(key=lambda t: (t[0], t[1]))
rt = {}
with open(d / "naturalstories_RTS_processed_wordinfo.tsv", encoding="utf-8") as f:
    for x in csv.DictReader(f, delimiter="\t"):
        rt[(int(x["item"]), int(x["zone"]))] = float(x["meanItemRT"])
if before_2020:
    shifted = {(3, z): rt[(3, z - 1)] for (i, z) in rt if i == 3 and z >= 230 and (3, z - 1) in rt}
    rt[(3, 229)] = float("nan")
    rt.update(shifted)
    print("story 3 words moved:", len(shifted) + 1)
toks = {}
with open(d / "probs_all_stories_gpt3.csv", encoding="utf-8", newline="") as f:
    for x in csv.DictReader(f):
        toks.setdefault(int(x["story"]), []).append((x["token"], float(x["logprob"]) if x["logprob"] else float("nan")))
words = [w for _, _, w in rows]
surp = [0.0] * len(words)
stories = sorted(set(i for i, _, _ in rows))
for si, item in enumerate(stories):
    idx = [k for k, t in enumerate(rows) if t[0] == item]
    text = "".join(t for t, _ in toks[si])
    # character span of each word in the GPT-3 text
    owner = [-1] * len(text)
    p = 0
    for k in idx:
        while p < len(text) and text[p].isspace():
            p += 1
        for c in range(p, min(len(text), p + len(words[k]))):
            owner[c] = k
        p += len(words[k])
    off = 0
    for t, lp in toks[si]:
        first = off + (len(t) - len(t.lstrip()))
        k = owner[first] if first < len(text) else -1
        if k >= 0:
            surp[k] += -lp
        off += len(t)
def starts_old(prev, w):
    import re
    return bool(re.match(r".*[.!?][\"'\u2019\u201d)]*$", prev)) and prev not in ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Jr.") \
        and bool(re.match(r"^[\"'\u2018\u201c(]*[A-Z0-9].*", w))
def starts_bsl(prev, w):
    return prev.endswith((".", "?", "!", ".'", "?'", "!'", ";'")) and not (w.islower() or prev == "Mr.")
init = []
for i in range(len(words)):
    if rule == "old":
        init.append(i == 0 or rows[i - 1][0] != rows[i][0] or starts_old(words[i - 1], words[i]))
    else:
        init.append(i == 0 or starts_bsl(words[i - 1], words[i]))
xs, ys = [], []
for i in range(len(words)):
    if not init[i]:
        xs.append(surp[i]); ys.append(rt.get((rows[i][0], rows[i][1]), float("nan")))
xs, ys = np.array(xs), np.array(ys)
m = np.isfinite(xs) & np.isfinite(ys)
print(rule, "sentences", sum(init), "pairs", m.sum(), "r", repr(float(np.corrcoef(xs[m], ys[m])[0, 1])))
