"""Score rasad against the gold articles with the shared scorer.

Runs the default pipeline over ../shared/gold/seeds.jsonl and fars-dev-input.jsonl, writes
the predictions under out/ (or --out), prints ../shared/tools/score's table for each set and
a per-type confusion table for events (gold type vs predicted type in the same sentence).

    python bench/quality.py [--shared ../shared] [--strip-zwnj] [--config PIPELINE.toml]

`--strip-zwnj` deletes every ZWNJ from the input first: the text layer should bring the
scores back within 0.02 of the original. `--config` runs another pipeline file, e.g.
rasad/resources/pipeline-net.toml (the entities stage with the neural tagger ensemble).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from rasad.ingest.readers import Skipped
from rasad.output import json_line
from rasad.pipeline import Pipeline
from rasad.scale import extract_paths
from rasad.text.letters import KEY_LETTERS

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "seeds": ("seeds.jsonl", "seeds.jsonl"),
    "fars-dev": ("fars-dev-input.jsonl", "fars-dev.jsonl"),
}


def _strip_zwnj(src: Path, dst: Path) -> Path:
    with src.open(encoding="utf-8") as fin, dst.open("w", encoding="utf-8") as fout:
        for line in fin:
            record = json.loads(line)
            record["text"] = record["text"].replace("\u200c", "")
            fout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return dst


def predict(
    input_path: Path, pred_path: Path, pipeline: Pipeline | None = None
) -> tuple[int, float]:
    start = time.perf_counter()
    count = 0
    with pred_path.open("w", encoding="utf-8") as sink:
        for doc in extract_paths([input_path], pipeline=pipeline):
            if isinstance(doc, Skipped):
                print(f"skipped {doc.where}: {doc.reason}", file=sys.stderr)
                continue
            sink.write(json_line(doc.to_dict()))
            count += 1
    return count, time.perf_counter() - start


_FOLD = str.maketrans(KEY_LETTERS)


def _folded(text: str) -> tuple[str, list[int]]:
    """The text as the scorer compares it (letter variants folded; spaces, ZWNJ and marks
    dropped) with the original index of every kept character."""
    kept = [
        (ch.translate(_FOLD), i)
        for i, ch in enumerate(text)
        if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Cf")
    ]
    return "".join(ch for ch, _ in kept), [i for _, i in kept]


def _sentence_of(spans: list[list[int]], text: str, needle: str) -> tuple[int, int] | None:
    haystack, index = _folded(text)
    at = haystack.find(_folded(needle)[0])
    if at < 0:
        return None
    pos = index[at]
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return None


def event_confusion(gold_path: Path, pred_path: Path) -> Counter[tuple[str, str]]:
    """(gold type, predicted type or '-') for each gold event, by the sentence of its evidence;
    predicted events in sentences with no gold event count as ('-', type)."""
    preds = {d["id"]: d for d in map(json.loads, pred_path.open(encoding="utf-8"))}
    pairs: Counter[tuple[str, str]] = Counter()
    for gold in map(json.loads, gold_path.open(encoding="utf-8")):
        pred = preds.get(gold["id"], {"text": "", "sentences": [], "events": []})
        by_sentence: dict[tuple[int, int], list[str]] = {}
        for ev in pred["events"]:
            by_sentence.setdefault(tuple(ev["evidence"]), []).append(ev["type"])
        used: set[tuple[int, int]] = set()
        for ev in gold.get("events", []):
            sent = _sentence_of(pred["sentences"], pred["text"], ev["evidence"])
            types = by_sentence.get(sent, []) if sent else []
            pairs[
                (ev["type"], ev["type"] if ev["type"] in types else (types[0] if types else "-"))
            ] += 1
            if sent:
                used.add(sent)
        for sent, types in by_sentence.items():
            if sent not in used:
                pairs.update(("-", t) for t in types)
    return pairs


def print_confusion(pairs: Counter[tuple[str, str]]) -> None:
    types = sorted({t for pair in pairs for t in pair} - {"-"}) + ["-"]
    print("events confusion (rows gold, columns predicted, '-' none):")
    print(f"{'':10}" + "".join(f"{t[:7]:>8}" for t in types))
    for gold_type in types:
        row = [pairs.get((gold_type, t), 0) for t in types]
        if any(row):
            print(f"{gold_type[:10]:10}" + "".join(f"{n or '.':>8}" for n in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "out")
    parser.add_argument("--strip-zwnj", action="store_true")
    parser.add_argument("--config", type=Path, help="a pipeline file (default: the shipped one)")
    args = parser.parse_args()
    pipeline = Pipeline.from_config(args.config)
    args.out.mkdir(exist_ok=True)
    for name, (input_name, gold_name) in SETS.items():
        input_path = args.shared / "gold" / input_name
        if args.strip_zwnj:
            input_path = _strip_zwnj(input_path, args.out / f"{name}-nozwnj-input.jsonl")
        pred_path = args.out / f"{name}-pred.jsonl"
        count, seconds = predict(input_path, pred_path, pipeline)
        print(f"== {name}: {count} articles in {seconds:.2f} s")
        table = subprocess.run(
            [
                sys.executable,
                str(args.shared / "tools" / "score"),
                str(args.shared / "gold" / gold_name),
                str(pred_path),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        print(table)
        print_confusion(event_confusion(args.shared / "gold" / gold_name, pred_path))
        print()


if __name__ == "__main__":
    main()
