#!/usr/bin/env python3
"""Reference values of Brain-Score Language's random-embedding baseline, computed with numpy alone.

BSL's `randomembedding-<N>` (brainscore_language/models/random_embedding) gives each word the vector
`numpy.random.RandomState(seed).random(N)`, where `seed` is the word's UTF-8 sha256 digest read as
eight native (little-endian) uint32 values, and a sentence the `np.mean(axis=0)` of its words'
vectors; words come from `EmbeddingSubject._encode_sentence`: `str.split()`, then `.?!,:` removed,
then `rstrip("'s")`. This script re-states that rule (it does not import BSL) and writes:

  brainalign-app/src/test/resources/bsl/randomembedding-100-features.tsv
      one line per stimulus sentence of Tuckute2024 (bold_response_LH.csv) and the Pereira2018
      network (stimuli_243sentences.txt, stimuli_384sentences.txt): the sentence, a tab, and its
      100 features as float32 (the precision brainalign records activations in), each the 8 hex
      digits of its IEEE bits, space-separated.

and prints the word-level values that BaselineSubjectsTest and NumpyRandomStateTest assert.

Usage (from the repository root, numpy >= 1.17):
  python3 brainalign-app/src/test/python/bsl_random_embedding.py ../shared/data
"""
import csv
import hashlib
import re
import struct
import sys
from pathlib import Path

import numpy as np


def words(sentence):
    return [re.sub(r"[\.\?\!,:]", "", w).rstrip("'s") for w in sentence.split()]


def vector(word, dims):
    seed = np.frombuffer(hashlib.sha256(word.encode("utf-8")).digest(), dtype="uint32")
    return np.random.RandomState(seed).random(dims)


def features(sentence, dims=100):
    return np.mean(np.array([vector(w, dims) for w in words(sentence)]), axis=0)


def main(data):
    data = Path(data)
    sentences = []
    with open(data / "tuckute2024" / "bold_response_LH.csv", newline="", encoding="utf-8") as f:
        sentences += [row["sentence"] for row in csv.DictReader(f)]
    for name in ("stimuli_243sentences.txt", "stimuli_384sentences.txt"):
        sentences += [line.rstrip("\n") for line in open(data / "pereira2018-network" / name, encoding="utf-8") if line.strip()]
    out = Path(__file__).resolve().parents[1] / "resources" / "bsl" / "randomembedding-100-features.tsv"
    seen = set()
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for s in sentences:
            if s in seen:
                continue
            seen.add(s)
            v = features(s).astype(np.float32)
            f.write(s + "\t" + " ".join(struct.pack(">f", x).hex() for x in v) + "\n")
    print(f"wrote {len(seen)} sentences to {out}")
    print("RandomState([1, 2, 3, 0xffffffff]).random(3) =", [repr(float(x)) for x in
          np.random.RandomState(np.array([1, 2, 3, 0xFFFFFFFF], dtype=np.uint32)).random(3)])
    for w in ("cat", "the", "Beekeeping", ""):
        v = vector(w, 100)
        print(f"vector({w!r}, 100)[0, 7, 99] =", [repr(float(v[i])) for i in (0, 7, 99)])
    print("words(\"'Hello,' she said... It's the bus's\") =", words("'Hello,' she said... It's the bus's"))
    print("features('The cat.')[7] =", repr(float(features("The cat.")[7])))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
