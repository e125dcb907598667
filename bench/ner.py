"""Measure the NER model on our dev split of each corpus (PEYMA, NSURL 600K, Arman).

    .venv/bin/python bench/ner.py [--data ../shared/data] [--model rasad/resources/ner/ner.crfsuite]

Entity-level exact match, conlleval-style: a predicted entity counts only when its first word,
last word and label all equal a gold entity's. Prints per-label and micro P/R/F1, the model
load time (model + word clusters) and tagging speed (tokens per second, features included).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from train_ner import CORPORA, DATA, load_corpus  # noqa: E402

from rasad.extract.ner import DEFAULT_MODEL, LABELS, NerModel, word_clusters  # noqa: E402
from rasad.extract.ner import bio_to_spans as spans_of  # noqa: E402


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(model: NerModel, sentences: list[tuple[list[str], list[str]]]) -> dict[str, object]:
    """Counts per label, and tokens/second over the whole set."""
    counts: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    n_tokens = 0
    start = time.perf_counter()
    predicted = [model.tag(words) for words, _ in sentences]
    seconds = time.perf_counter() - start
    for (words, gold_tags), pred_tags in zip(sentences, predicted, strict=True):
        n_tokens += len(words)
        gold, pred = set(spans_of(gold_tags)), set(spans_of(pred_tags))
        for span in gold & pred:
            counts[span[2]]["tp"] += 1
        for span in pred - gold:
            counts[span[2]]["fp"] += 1
        for span in gold - pred:
            counts[span[2]]["fn"] += 1
    return {"counts": counts, "tokens": n_tokens, "tok_per_s": n_tokens / seconds}


def report(name: str, result: dict[str, object]) -> list[str]:
    counts: dict[str, Counter[str]] = result["counts"]  # type: ignore[assignment]
    rows = []
    total: Counter[str] = Counter()
    for label in LABELS:
        c = counts[label]
        total.update(c)
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        rows.append(f"| {name} | {label} | {p:.3f} | {r:.3f} | {f:.3f} | {c['tp'] + c['fn']} |")
    p, r, f = prf(total["tp"], total["fp"], total["fn"])
    n = total["tp"] + total["fn"]
    rows.append(f"| {name} | **micro** | {p:.3f} | {r:.3f} | **{f:.3f}** | {n} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--corpora", nargs="+", default=list(CORPORA), choices=list(CORPORA))
    args = parser.parse_args()
    start = time.perf_counter()
    model = NerModel(args.model)
    word_clusters()
    load_s = time.perf_counter() - start
    print("| corpus (dev) | label | P | R | F1 | gold |")
    print("|---|---|---|---|---|---|")
    speeds = []
    for name in args.corpora:
        result = score(model, load_corpus(name, "dev", args.data))
        speeds.append(f"{name}: {result['tokens']} tokens, {result['tok_per_s']:,.0f} tok/s")
        print("\n".join(report(name, result)))
    size_mb = args.model.stat().st_size / 1e6
    print(f"\nmodel + clusters load: {load_s:.2f} s; model size {size_mb:.1f} MB")
    print("\n".join(speeds))


if __name__ == "__main__":
    main()
