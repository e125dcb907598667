"""Quality gate: score the gold sets and fail if any layer falls below its pinned floor.

    python bench/gate.py            # check against bench/baseline.json; exit 1 on regression
    python bench/gate.py --pin      # write the current scores as the new floors

Floors sit NOISE below the pinned scores. Re-pinning never lowers a floor unless
--allow-regression is given, and the gold files' SHA-256 is recorded so a changed gold set is
noticed rather than silently compared against old floors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from quality import ROOT, SETS, predict

BASELINE = Path(__file__).with_name("baseline.json")
LAYERS = ("entities", "dates", "quotes", "events_lenient", "events_strict")
NOISE = 0.01
GOLD_CHANGED = 3  # exit status when the gold set is not the one the floors were pinned on


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def measure(shared: Path) -> dict[str, dict[str, float]]:
    """F1 per layer (and linking accuracy) per gold set, from the shared scorer."""
    scores: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (input_name, gold_name) in SETS.items():
            pred = Path(tmp) / f"{name}.jsonl"
            predict(shared / "gold" / input_name, pred)
            result = json.loads(
                subprocess.run(
                    [
                        sys.executable,
                        str(shared / "tools" / "score"),
                        str(shared / "gold" / gold_name),
                        str(pred),
                        "--json",
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            scores[name] = {layer: result[layer]["f1"] for layer in LAYERS}
            scores[name]["linking"] = result["linking_accuracy"] or 0.0
    return scores


def fingerprints(shared: Path) -> dict[str, str]:
    return {gold: _sha256(shared / "gold" / gold) for _, gold in SETS.values()}


def check(scores: dict, baseline: dict) -> list[str]:
    return [
        f"{name} {layer}: {value:.3f} < floor {baseline['floors'][name][layer]:.3f}"
        for name, layers in scores.items()
        for layer, value in layers.items()
        if value < baseline["floors"][name][layer]
    ]


def pin(scores: dict, shared: Path, *, allow_regression: bool) -> None:
    floors = {
        n: {k: round(max(v - NOISE, 0.0), 3) for k, v in s.items()} for n, s in scores.items()
    }
    if BASELINE.exists() and not allow_regression:
        old = json.loads(BASELINE.read_text())["floors"]
        lowered = [f"{n} {k}" for n, s in floors.items() for k, v in s.items() if v < old[n][k]]
        if lowered:
            sys.exit(f"refusing to lower floors without --allow-regression: {', '.join(lowered)}")
    record = {
        "noise": NOISE,
        "gold_sha256": fingerprints(shared),
        "scores": scores,
        "floors": floors,
    }
    BASELINE.write_text(json.dumps(record, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--pin", action="store_true")
    parser.add_argument("--allow-regression", action="store_true")
    args = parser.parse_args()
    scores = measure(args.shared)
    print(json.dumps(scores, indent=2))
    if args.pin:
        pin(scores, args.shared, allow_regression=args.allow_regression)
        return
    baseline = json.loads(BASELINE.read_text())
    if baseline["gold_sha256"] != fingerprints(args.shared):
        print("gold files changed since the floors were pinned: re-pin with --pin")
        sys.exit(GOLD_CHANGED)
    failures = check(scores, baseline)
    if failures:
        sys.exit("quality regression:\n" + "\n".join(failures))
    print("quality gate: every layer at or above its floor")


if __name__ == "__main__":
    main()
