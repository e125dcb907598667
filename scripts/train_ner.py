"""Train rasad's Persian NER CRF on PEYMA + NSURL-2019 600K + Arman (train parts, minus dev).

    .venv/bin/python scripts/train_ner.py [--data ../shared/data] [--out rasad/resources/ner]
        [--clusters rasad/resources/ner/word_clusters.tsv.gz] [--gold corpus|house]

The features read word clusters: build them first with `scripts/build_word_clusters.py` (and
retrain whenever they are rebuilt: cluster ids change). `--out` receives a complete model
directory (model, clusters copied from `--clusters`, lexicon) and training reads only from it,
so a trial run into /tmp leaves the shipped model untouched; `bench/ner.py --model-dir`
measures it. This script first writes `feature_lexicon.tsv.gz` (word classes from gazetteers,
see `build_lexicon`), then trains the CRF with the averaged perceptron (`--algorithm lbfgs` for
the earlier L-BFGS training; the model card compares them).

Every token goes through `rasad.text.normalize.normalize` (the run-time normalizer) so that
training and run time see the same text; PEYMA tokens that still hold a space after that
(PEYMA wrote a space where ZWNJ belongs) are split into words, the tag copied as B then I.
Tag sets are mapped to PER / ORG / LOC (pers→PER, fac→LOC, the rest → O); `--gold house`
(an experiment, not the shipped model: see the model card) then rewrites them into the house
conventions the entities stage outputs (`ner_eval.house_spans`: «دولت X» → X, no honorifics
in persons, «وزیر X» a title, a demonym no entity, …), so that the corpora teach one
convention. A deterministic ~10 % dev part is held out: by document for PEYMA/NSURL, by
sentence for Arman. The key is salted ("rasad-dev/…"): the shared data already used the
unsalted buckets < 20 for its own held-out parts, so unsalted buckets would leave almost no
dev documents here.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pycrfsuite

from rasad.extract.gazetteer import read_tsv
from rasad.extract.ner import (
    CLUSTERS_FILE,
    LABELS,
    LEXICON_FILE,
    MODEL_DIR,
    MODEL_FILE,
    bio_to_spans,
    fold,
    sentence_features,
    use_model_dir,
)
from rasad.extract.ner_eval import house_spans
from rasad.text.normalize import normalize as _text_normalize


def normalize(token: str) -> str:
    """The run-time normalizer, then the features' own (idempotent) letter folding."""
    return fold(_text_normalize(token))


ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CORPORA = {
    "peyma": "peyma/train.tsv",
    "nsurl": "nsurl2019-ner-600k/train.tsv",
    "arman": "arman/train.tsv",
}
DEV_PERCENT = 10
TAG_TYPES = {"PERS": "PER", "FAC": "LOC"}

Sentence = tuple[list[str], list[str]]


def bucket(key: str) -> int:
    """Our dev bucket: sha1 of the salted key, mod 100 (< DEV_PERCENT → dev)."""
    salted = f"rasad-dev/{key}".encode()
    return int(hashlib.sha1(salted).hexdigest(), 16) % 100


def map_tag(tag: str) -> str:
    """Any of the three source spellings → `B-PER` / `I-ORG` / `O`."""
    prefix, _, kind = tag.replace("_", "-").partition("-")
    kind = TAG_TYPES.get(kind.upper(), kind.upper())
    if prefix not in ("B", "I") or kind not in LABELS:
        return "O"
    return f"{prefix}-{kind}"


def normalize_sentence(tokens: list[str], tags: list[str]) -> Sentence:
    """Normalize each token and split the ones that still contain spaces into words."""
    words: list[str] = []
    out_tags: list[str] = []
    for token, tag in zip(tokens, tags, strict=True):
        parts = normalize(token).split() or [token]
        words += parts
        inside = "I" + tag[1:] if tag != "O" else "O"
        out_tags += [tag] + [inside] * (len(parts) - 1)
    return words, out_tags


def read_documents(path: Path) -> Iterator[list[Sentence]]:
    """Documents (lists of raw sentences) of a `token<TAB>tag` file; no DOCSTART → one doc."""
    doc: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in [*fh, "\n"]:
            token, _, tag = line.rstrip("\n").partition("\t")
            if token == "-DOCSTART-":
                if doc:
                    yield doc
                doc = []
            elif token:
                tokens.append(token)
                tags.append(map_tag(tag))
            elif tokens:
                doc.append((tokens, tags))
                tokens, tags = [], []
    if doc:
        yield doc


def load_documents(name: str, split: str, data: Path = DATA) -> list[list[Sentence]]:
    """Normalized documents (lists of sentences) of one corpus' `train` or `dev` part (our
    deterministic split: by document where the corpus has them, else by sentence, each
    sentence then a document of its own)."""
    path = data / CORPORA[name]
    docs_file = path.with_name("train_docs.json")
    out: list[list[Sentence]] = []
    if docs_file.exists():
        ids = json.loads(docs_file.read_text(encoding="utf-8"))["documents_in_order"]
        docs = list(read_documents(path))
        if len(ids) != len(docs):
            raise ValueError(f"{path}: {len(docs)} documents but {len(ids)} ids")
        for doc_id, doc in zip(ids, docs, strict=True):
            if (bucket(f"{name}/{doc_id}") < DEV_PERCENT) == (split == "dev"):
                out.append(doc)
    else:
        for doc in read_documents(path):
            out += [[s] for s in doc if (bucket(" ".join(s[0])) < DEV_PERCENT) == (split == "dev")]
    return [[normalize_sentence(tokens, tags) for tokens, tags in doc] for doc in out]


def load_corpus(name: str, split: str, data: Path = DATA) -> list[Sentence]:
    """Normalized sentences of one corpus' `train` or `dev` part (our deterministic split)."""
    return [sentence for doc in load_documents(name, split, data) for sentence in doc]


# Word classes for the lexicon features: ParsNER's curated lists and rasad's own gazetteers.
# Each entry is (class, source); multi-word entries mark every word.
PARSNER_CLASSES = {
    "GN": ("persian_names.txt", "arabic_names.txt", "foreign_names.txt", "accurate_names.txt"),
    "JOB": ("jobs.txt",),
    "HON": ("prefixes.txt",),
    "ORGP": ("organization_prefixes.txt",),
    "LOCP": ("location_prefixes.txt", "facility_prefix.txt"),
}


def _resource_words() -> Iterator[tuple[str, str]]:
    """(class, phrase) from rasad/resources: states, places, titles, organization heads."""
    for row in read_tsv("countries.tsv"):
        yield from (("STATE", name) for name in row["names_fa"].split("|"))
    yield from (("PLACE", row["name_fa"]) for row in read_tsv("places.tsv"))
    yield from (("DEM", row["demonym_fa"]) for row in read_tsv("demonyms.tsv"))
    for row in read_tsv("titles.tsv"):
        yield ("HON" if row["kind"] == "honorific" else "JOB"), row["pattern"]
    yield from (("ORGP", row["head"]) for row in read_tsv("org_heads.tsv"))


# ParsNER's full-name lists (143k persons, 17k organisations) mark where a word stands in a
# name: first (PNF / ONF), inner (PNI / ONI), last (PNL / ONL). They are not drawn from the NER
# corpora: they hold 30 % of the unique training persons and 35 % of the dev ones, Arman (not a
# ParsNER source) alike (ORG 11–17 %); a list built from the corpora would hold nearly all.
NAME_LISTS = {"person_names.txt": "PN", "organization_names.txt": "ON"}


def _name_list_words(data: Path) -> Iterator[tuple[str, str]]:
    """(class, word) for every word of ParsNER's full-name lists, by its place in the name."""
    for name, cls in NAME_LISTS.items():
        text = (data / "parsner-gazetteers" / name).read_text(encoding="utf-8")
        for line in text.splitlines():
            words = normalize(line).split()
            for i, word in enumerate(words):
                places = ("F" if i == 0 else "") + ("L" if i == len(words) - 1 else "")
                yield from ((cls + place, word) for place in places or "I")


def build_lexicon(data: Path, out: Path) -> int:
    """Write `feature_lexicon.tsv.gz` (word → classes) for `rasad.extract.ner`; returns its size."""
    entries = list(_resource_words())
    for cls, names in PARSNER_CLASSES.items():
        for name in names:
            text = (data / "parsner-gazetteers" / name).read_text(encoding="utf-8")
            entries += [(cls, line.strip()) for line in text.splitlines() if line.strip()]
    words = [(cls, word) for cls, phrase in entries for word in normalize(phrase).split()]
    classes: dict[str, set[str]] = {}
    for cls, word in [*words, *_name_list_words(data)]:
        if len(word) > 1:
            classes.setdefault(word, set()).add(cls)
    rows = [f"{w}\t{','.join(sorted(c))}\n" for w, c in sorted(classes.items())]
    text = "# built by scripts/train_ner.py from parsner-gazetteers + rasad/resources\n"
    text += "".join(rows)
    out.write_bytes(gzip.compress(text.encode("utf-8"), 9, mtime=0))  # same bytes every build
    return len(rows)


def house_tags(words: list[str], tags: list[str]) -> list[str]:
    """The tags of `words` rewritten into the house conventions (`ner_eval.house_spans`), so that
    the model learns what the entities stage outputs instead of each corpus' own conventions."""
    out = ["O"] * len(words)
    for first, last, label in sorted(house_spans(words, set(bio_to_spans(tags)))):
        if any(tag != "O" for tag in out[first:last]):
            continue  # overlapping rewrites: keep the first
        out[first:last] = [f"B-{label}"] + [f"I-{label}"] * (last - first - 1)
    return out


def fingerprint(data: Path) -> dict[str, str]:
    """sha256 of each training file, for the model card."""
    return {rel: hashlib.sha256((data / rel).read_bytes()).hexdigest() for rel in CORPORA.values()}


def train(args: argparse.Namespace) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    clusters = args.out / CLUSTERS_FILE
    if args.clusters.resolve() != clusters.resolve():
        shutil.copyfile(args.clusters, clusters)
    lexicon_words = build_lexicon(args.data, args.out / LEXICON_FILE)
    use_model_dir(args.out)  # features read this run's clusters and lexicon only
    trainer = pycrfsuite.Trainer(algorithm=args.algorithm, verbose=False)
    n_tokens = 0
    for name in args.corpora:
        for words, tags in load_corpus(name, "train", args.data):
            tags = house_tags(words, tags) if args.gold == "house" else tags
            trainer.append(sentence_features(words), tags)
            n_tokens += len(words)
    params = {
        "max_iterations": args.iterations,
        "feature.minfreq": args.minfreq,
        "feature.possible_transitions": True,
    }
    if args.algorithm in ("lbfgs", "l2sgd"):  # the other learners take no L1/L2 weights
        params |= {"c2": args.c2} | ({"c1": args.c1} if args.algorithm == "lbfgs" else {})
    trainer.set_params(params)
    start = time.perf_counter()
    plain = args.out / "ner.crfsuite"
    trainer.train(str(plain))
    (args.out / MODEL_FILE).write_bytes(gzip.compress(plain.read_bytes(), 9, mtime=0))
    plain.unlink()
    print(
        json.dumps(
            {
                "tokens": n_tokens,
                "gold": args.gold,
                "lexicon_words": lexicon_words,
                "train_seconds": round(time.perf_counter() - start, 1),
                "normalizer": f"{_text_normalize.__module__}.{_text_normalize.__name__}",
                "data_sha256": fingerprint(args.data),
                "command": " ".join(["python", *sys.argv]),
            },
            ensure_ascii=False,
            indent=1,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model directory to write")
    parser.add_argument("--clusters", type=Path, default=MODEL_DIR / CLUSTERS_FILE)
    parser.add_argument("--corpora", nargs="+", default=list(CORPORA), choices=list(CORPORA))
    parser.add_argument(
        "--algorithm",
        default="ap",
        choices=("ap", "l2sgd", "lbfgs", "pa", "arow"),
        help="averaged perceptron (shipped: better dev F1 than L-BFGS, a fifth of the time)",
    )
    parser.add_argument("--c1", type=float, default=0.1, help="L1 weight (lbfgs only)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 weight (lbfgs, l2sgd)")
    parser.add_argument("--iterations", type=int, default=15, help="epochs for ap (more overfit)")
    parser.add_argument("--minfreq", type=float, default=2)
    parser.add_argument(
        "--gold",
        choices=("corpus", "house"),
        default="corpus",
        help="the corpora's tags as they are (shipped), or rewritten by ner_eval.house_spans",
    )
    train(parser.parse_args())


if __name__ == "__main__":
    main()
