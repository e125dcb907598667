"""Measure the dates stage against the gold sets, the way ../shared/tools/score does.

    .venv/bin/python bench/dates.py [--gold ../shared/gold] [--verbose]

Each article's text goes through the 'normalize' stage (whatever version is registered), then
`find_dates` with its `published` date. Compared per article as sets of resolved values
(null values ignored on both sides); prints micro P/R/F1 per gold file and overall, and with
--verbose every miss and false positive with its surface and value.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from rasad.extract.dates import find_dates
from rasad.model import Document
from rasad.pipeline import REGISTRY, load_builtin_stages

ROOT = Path(__file__).resolve().parents[1]
FILES = ("seeds.jsonl", "fars-dev.jsonl")


def normalized(record: dict) -> Document:
    """The article as the dates stage sees it: normalized text and publication date."""
    published = date.fromisoformat(record["published"]) if record.get("published") else None
    doc = Document(id=record["id"], raw=record["text"], published=published)
    return REGISTRY["normalize"].fn(doc)


def compare(path: Path, *, verbose: bool) -> tuple[int, int, int]:
    """(true positives, predicted, gold) over one gold file."""
    tp = n_pred = n_gold = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = normalized(record)
        mentions = find_dates(doc.text, published=doc.published)
        pred = {m.value: doc.text[m.start : m.end] for m in mentions if m.value}
        gold = {d["value"]: d["text"] for d in record.get("dates", []) if d.get("value")}
        tp += len(pred.keys() & gold.keys())
        n_pred += len(pred)
        n_gold += len(gold)
        if verbose:
            for value in sorted(gold.keys() - pred.keys()):
                print(f"  MISS {record['id']}: {gold[value]!r} -> {value}")
            for value in sorted(pred.keys() - gold.keys()):
                print(f"  FP   {record['id']}: {pred[value]!r} -> {value}")
    return tp, n_pred, n_gold


def prf(tp: int, n_pred: int, n_gold: int) -> str:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} pred={n_pred} gold={n_gold})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    load_builtin_stages()
    total = [0, 0, 0]
    for name in FILES:
        counts = compare(args.gold / name, verbose=args.verbose)
        print(f"{name}: {prf(*counts)}")
        total = [a + b for a, b in zip(total, counts, strict=True)]
    print(f"all: {prf(*total)}")


if __name__ == "__main__":
    main()
