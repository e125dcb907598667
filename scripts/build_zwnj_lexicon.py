"""Build the ZWNJ lexicons in rasad/resources/zwnj/ from ZWNJ-clean text in ../shared/data.

Sources (letters unified first: Arabic yeh/kaf -> Persian, diacritics dropped):
  - Fars News articles whose `derived_zwnj_clean` is true, EXCEPT the evaluation slice
    (`eval_bucket(link) < EVAL_PERCENT`, see `is_heldout_fars`), which bench/normalize.py uses;
  - NSURL-2019 600K NER tokens (ZWNJ consistent, Arabic yeh);
  - Arman NER tokens (ZWNJ mostly present).
HELD OUT, never read here: both UD dev treebanks (the gold for bench/normalize.py and
bench/segment.py) and the Fars evaluation slice. PEYMA is skipped (it has no ZWNJ at all).

Outputs (gzip TSV, small enough to ship):
  forms.tsv.gz   key, zwnj_form, n_zwnj, n_joined, n_spaced — for each word written with ZWNJ,
                 how often the same letters occur with ZWNJ, joined into one word, or split by
                 spaces into consecutive words; the normalizer compares these counts.
  vocab.tsv.gz   word, count — ZWNJ-free words seen >= MIN_VOCAB times (known one-word forms
                 such as تنها, انتهای, قالیباف must never be split).
  verbs.tsv.gz   remainder, count — what follows the می/نمی prefix in ZWNJ forms (verb stems
                 with endings), used for forms the counts have never seen.
  parts.tsv.gz   side (L/R), part, n_partners — productive compound parts: a left part
                 (بی، هم، پیش) or right part (سازی، کننده، آباد، نژاد) seen after/before at least
                 MIN_PARTNERS different words in ZWNJ forms; lets the restorer split compounds
                 it has never seen (روضه‌خوانی) when the other half is a known word.
PERLEX is not used: it writes productive forms joined (بزرگترین), so its counts would teach
the joined spelling.

Usage: .venv/bin/python scripts/build_zwnj_lexicon.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import ast
import gzip
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"  # ../shared/data

ZWNJ = "\u200c"
EVAL_PERCENT = 15
MIN_FORM = 2
MIN_VOCAB = 2
MIN_PARTNERS = 8
MIN_PART = 2
OUT = Path(__file__).resolve().parent.parent / "rasad" / "resources" / "zwnj"

_UNIFY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه"})
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_WORD = re.compile(f"[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc{ZWNJ}]+")
_VERB_PREFIX = re.compile(f"^(?:ن?می){ZWNJ}(.+)$")


def eval_bucket(link: str) -> int:
    """Deterministic bucket in [0, 100) for the Fars evaluation slice (salted: independent of
    the data set's own train/held-out split)."""
    return int(hashlib.sha1(f"zwnj-eval/{link}".encode()).hexdigest(), 16) % 100


def is_heldout_fars(record: dict) -> bool:
    return eval_bucket(record["link"]) < EVAL_PERCENT


def fars_clean(data: Path) -> Iterator[tuple[dict, str]]:
    """(record, text) of every ZWNJ-clean Fars article, title + abstract + paragraphs."""
    with open(data / "farsnews-articles" / "train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if str(record.get("derived_zwnj_clean")) != "True":
                continue
            paragraphs = record.get("paragraphs") or "[]"
            if isinstance(paragraphs, str):
                paragraphs = ast.literal_eval(paragraphs)
            parts = [record.get("title") or "", record.get("abstract") or "", *paragraphs]
            yield record, "\n".join(p for p in parts if p)


def _ner_sentences(path: Path) -> Iterator[str]:
    tokens: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            token = line.rstrip("\n").split("\t")[0]
            if not token or token == "-DOCSTART-":
                if tokens:
                    yield " ".join(tokens)
                tokens = []
                continue
            tokens.append(token)
    if tokens:
        yield " ".join(tokens)


def clean_letters(text: str) -> str:
    return _MARKS.sub("", text.translate(_UNIFY))


def training_texts(data: Path) -> Iterator[str]:
    for record, text in fars_clean(data):
        if not is_heldout_fars(record):
            yield text
    yield from _ner_sentences(data / "nsurl2019-ner-600k" / "train.tsv")
    yield from _ner_sentences(data / "arman" / "train.tsv")


def words_of(text: str) -> list[list[str]]:
    """Runs of words separated by single spaces (a break elsewhere ends the run)."""
    runs: list[list[str]] = []
    for chunk in re.split(r"[^\S ]+| {2,}|[^\s\u0621-\u06ff\u200c]+", clean_letters(text)):
        words = [w.strip(ZWNJ) for w in chunk.split(" ")]
        words = [w for w in words if w and _WORD.fullmatch(w)]
        if words:
            runs.append(words)
    return runs


def count(data: Path) -> tuple[Counter, Counter, Counter]:
    runs = [run for text in training_texts(data) for run in words_of(text)]
    zwnj_forms: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    for run in runs:
        for word in run:
            (zwnj_forms if ZWNJ in word else plain)[word] += 1
    needed = {form.replace(ZWNJ, " ") for form, n in zwnj_forms.items() if n >= MIN_FORM}
    spaced: Counter[str] = Counter()
    for run in runs:
        for size in (2, 3):
            for i in range(len(run) - size + 1):
                phrase = " ".join(run[i : i + size])
                if phrase in needed:
                    spaced[phrase] += 1
    return zwnj_forms, plain, spaced


def compound_parts(zwnj_forms: Counter[str]) -> list[tuple[str, str, int]]:
    """Left and right parts of ZWNJ forms with many distinct partners (productive parts)."""
    partners: dict[tuple[str, str], set[str]] = {}
    for form, n in zwnj_forms.items():
        pieces = form.split(ZWNJ)
        if n < MIN_FORM or len(pieces) != 2 or min(map(len, pieces)) < MIN_PART:
            continue
        left, right = pieces
        partners.setdefault(("L", left), set()).add(right)
        partners.setdefault(("R", right), set()).add(left)
    return sorted(
        (side, part, len(others))
        for (side, part), others in partners.items()
        if len(others) >= MIN_PARTNERS
    )


def write_tsv(path: Path, rows: list[tuple]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        for row in rows:
            fh.write("\t".join(str(c) for c in row) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    zwnj_forms, plain, spaced = count(args.data)
    best: dict[str, tuple[str, int]] = {}
    for form, n in zwnj_forms.items():
        key = form.replace(ZWNJ, "")
        if n >= MIN_FORM and n > best.get(key, ("", 0))[1]:
            best[key] = (form, n)
    forms = [
        (key, form, n, plain[key], spaced[form.replace(ZWNJ, " ")])
        for key, (form, n) in sorted(best.items())
    ]
    vocab = sorted((w, n) for w, n in plain.items() if n >= MIN_VOCAB)
    verbs: Counter[str] = Counter()
    for form, n in zwnj_forms.items():
        match = _VERB_PREFIX.match(form)
        if match and ZWNJ not in match.group(1):
            verbs[match.group(1)] += n
    parts = compound_parts(zwnj_forms)
    OUT.mkdir(parents=True, exist_ok=True)
    write_tsv(OUT / "parts.tsv.gz", parts)
    write_tsv(OUT / "forms.tsv.gz", forms)
    write_tsv(OUT / "vocab.tsv.gz", vocab)
    write_tsv(OUT / "verbs.tsv.gz", sorted(verbs.items()))
    print(
        f"forms {len(forms)}  vocab {len(vocab)}  verb remainders {len(verbs)}  "
        f"parts {len(parts)} -> {OUT}"
    )


if __name__ == "__main__":
    main()
