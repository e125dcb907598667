"""ZWNJ restoration on held-out clean text: rasad vs hazm vs shekar, same run, same data.

Gold: the `# text` sentences of both UD Persian dev treebanks and the Fars evaluation slice
(clean articles with eval_bucket < EVAL_PERCENT, see scripts/build_zwnj_lexicon.py) — neither
is read when the lexicons are built. Each gold text is stripped two ways (ZWNJ deleted; ZWNJ
turned into a space), restored by each system, and compared gap by gap: between every two
consecutive non-blank characters the gap is none, space or ZWNJ.

Printed per system and variant: ZWNJ precision / recall / F1, false insertions (ZWNJ where
the gold has none), gap accuracy (over gaps where gold or system has a separator), and
characters per second. hazm runs in a separate Python 3.12 venv (.venv-bench) when present.

Usage: .venv/bin/python bench/normalize.py [--limit N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rasad.text.normalize import Normalizer, normalize

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data")
ZWNJ = "\u200c"
HAZM_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ۀ": "ه",
        **{chr(0x0660 + i): chr(0x06F0 + i) for i in range(10)},
        **{chr(0x30 + i): chr(0x06F0 + i) for i in range(10)},
    }
)
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200d\u200e\u200f]")


def _builder():
    spec = importlib.util.spec_from_file_location(
        "lexbuild", ROOT / "scripts" / "build_zwnj_lexicon.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_texts(limit: int | None) -> list[str]:
    texts = []
    for bank in ("ud-persian-seraji", "ud-persian-perdt"):
        for path in (DATA / bank).glob("*.conllu"):
            texts += [
                line[9:].strip()
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("# text = ")
            ]
    lexbuild = _builder()
    texts += [
        text for record, text in lexbuild.fars_clean(DATA) if lexbuild.is_heldout_fars(record)
    ]
    base = Normalizer(fix_zwnj=False)
    texts = [base.normalize(t) for t in texts]
    return texts[:limit] if limit else texts


def gaps(text: str) -> tuple[str, list[str]]:
    """Folded non-blank characters, and the separator before each of them."""
    chars, seps, sep = [], [], ""
    for ch in _DROP.sub("", text.translate(_FOLD)):
        if ch == ZWNJ:
            sep = sep or "z"
        elif ch.isspace():
            sep = "s"
        else:
            chars.append(ch)
            seps.append(sep)
            sep = ""
    return "".join(chars), seps


def score(golds: list[str], preds: list[str]) -> dict[str, float]:
    tp = fp = fn = agree = total = skipped = 0
    for gold, pred in zip(golds, preds, strict=True):
        gchars, gseps = gaps(gold)
        pchars, pseps = gaps(pred)
        if gchars != pchars:
            skipped += 1
            continue
        for g, p in zip(gseps[1:], pseps[1:], strict=True):
            tp += g == p == "z"
            fp += p == "z" and g != "z"
            fn += g == "z" and p != "z"
            if g or p:
                total += 1
                agree += g == p
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "P": precision,
        "R": recall,
        "F1": f1,
        "false_ins": fp,
        "gap_acc": agree / total if total else 0.0,
        "skipped": skipped,
    }


def _timed(fn: Callable[[list[str]], list[str]], texts: list[str]) -> tuple[list[str], float]:
    start = time.perf_counter()
    out = fn(texts)
    return out, sum(map(len, texts)) / (time.perf_counter() - start)


def systems() -> dict[str, Callable[[list[str]], list[str]]]:
    found: dict[str, Callable[[list[str]], list[str]]] = {
        "rasad": lambda texts: [normalize(t) for t in texts]
    }
    try:
        from shekar import Normalizer as ShekarNormalizer

        shekar = ShekarNormalizer()
        found["shekar"] = lambda texts: [shekar(t) for t in texts]
    except ImportError:
        print("note: shekar not installed; skipped")
    if HAZM_PYTHON.exists():
        found["hazm"] = _hazm
    else:
        print(f"note: hazm needs Python >= 3.12; no {HAZM_PYTHON}, skipped")
    return found


_HAZM_CODE = """
import json, sys, time
from hazm import Normalizer
texts = json.load(sys.stdin)
n = Normalizer()
start = time.perf_counter()
out = [n.normalize(t) for t in texts]
json.dump({"out": out, "seconds": time.perf_counter() - start}, sys.stdout)
"""


def _hazm(texts: list[str]) -> list[str]:
    """hazm in its own venv; its own timing (not the process start) is what gets reported."""
    result = subprocess.run(
        [str(HAZM_PYTHON), "-c", _HAZM_CODE],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    _hazm.seconds = data["seconds"]  # type: ignore[attr-defined]
    return data["out"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    golds = gold_texts(args.limit)
    variants = {
        "deleted": [g.replace(ZWNJ, "") for g in golds],
        "spaced": [g.replace(ZWNJ, " ") for g in golds],
    }
    n_zwnj = sum(g.count(ZWNJ) for g in golds)
    print(f"{len(golds)} held-out texts, {sum(map(len, golds))} chars, {n_zwnj} gold ZWNJ")
    print(
        f"{'system':8} {'variant':8} {'P':>6} {'R':>6} {'F1':>6} {'false+':>7} "
        f"{'gap_acc':>7} {'skip':>5} {'chars/s':>10}"
    )
    for name, fn in systems().items():
        for variant, texts in variants.items():
            preds, speed = _timed(fn, texts)
            if name == "hazm":
                speed = sum(map(len, texts)) / _hazm.seconds  # type: ignore[attr-defined]
            m = score(golds, preds)
            print(
                f"{name:8} {variant:8} {m['P']:6.3f} {m['R']:6.3f} {m['F1']:6.3f} "
                f"{m['false_ins']:7d} {m['gap_acc']:7.3f} {m['skipped']:5d} {speed:10.0f}"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
