"""Where rasad's ZWNJ restoration misses: its errors on one split of bench/normalize.py's gold,
both variants (ZWNJ deleted; ZWNJ turned into a space), grouped by class with counts.

An error is a gap where the gold or rasad has a ZWNJ and the other has not: a false negative
(gold ZWNJ missed) or a false positive (ZWNJ inserted where the gold has none). Classes, first
that fits:
  both-ways  the gold corpus writes the unit's letters in more than one way (bench's `conv`
             score skips it);
  invisible  a ZWNJ after a non-joining letter on one side only (renders as none);
  prefix     the left part is a verb prefix (می/نمی, after a preverb too);
  plural     the right part is ها/های/هایی/های+pronoun;
  pronoun    the right part is a pronoun suffix (ام ات اش مان تان شان);
  ye-vowel   the right part is ای/ایی/ایم/اید/اند (indefinite, copula, after a vowel);
  comparative ترین/تر;
  name       either half is a listed given name or the unit a listed place/organization;
  compound   anything else (two lexical parts).

Usage: .venv/bin/python bench/zwnj_errors.py [--split tune|tune-fold|test] [--examples N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from normalize import (  # noqa: E402
    _EDGE,
    _NON_JOINING,
    ZWNJ,
    _words,
    ambiguous_forms,
    gaps,
    gold_texts,
)

from rasad.text.normalize import normalize  # noqa: E402
from rasad.text.zwnj import VERB_PREFIXES, clear_caches  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLURAL = {"ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان"}
PRONOUN = {"ام", "ات", "اش", "مان", "تان", "شان"}
YE = {"ای", "ایی", "ایم", "اید", "اند"}
COMPARATIVE = {"ترین", "تر"}


def _names() -> set[str]:
    out: set[str] = set()
    res = ROOT / "rasad" / "resources"
    for line in (res / "given_names.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.add(line.strip().replace(ZWNJ, ""))
    return out


def classify(left: str, right: str, unit: str, ambiguous: set[str], names: set[str]) -> str:
    if unit in ambiguous:
        return "both-ways"
    if left and left[-1] in _NON_JOINING:
        return "invisible"
    if left in VERB_PREFIXES:
        return "prefix"
    if right in PLURAL:
        return "plural"
    if right in PRONOUN:
        return "pronoun"
    if right in YE:
        return "ye-vowel"
    if right in COMPARATIVE:
        return "comparative"
    if left in names or right in names:
        return "name"
    return "compound"


def errors(golds: list[str], preds: list[str], ambiguous: set[str], names: set[str]):
    """(kind FN/FP, class, gold unit as written, pred unit as written) per gap error."""
    for gold, pred in zip(golds, preds, strict=True):
        gchars, gseps = gaps(gold)
        pchars, pseps = gaps(pred)
        if gchars != pchars:
            continue
        for i in range(1, len(gchars)):
            g, p = gseps[i], pseps[i]
            if g == p or "z" not in (g, p):
                continue
            kind = "FN" if g == "z" else "FP"
            # the unit: the words (in the gold's spacing) around the gap
            words = _words(gchars, [s if s != "z" else "" for s in gseps])
            k = next(j for j, (a, b) in enumerate(words) if a <= i < b)
            a, b = words[k]
            if i == a and k:  # gap is a gold space: both words
                a = words[k - 1][0]
            unit = _EDGE.sub("", gchars[a:b])
            # the parts at the gap, inside the unit (gold space or ZWNJ/none split)
            left = gchars[a:i]
            for j in range(i - 1, a, -1):
                if gseps[j] in ("s", "z") or pseps[j] in ("s", "z"):
                    left = gchars[j:i]
                    break
            right = gchars[i:b]
            for j in range(i + 1, b):
                if gseps[j] in ("s", "z") or pseps[j] in ("s", "z"):
                    right = gchars[i:j]
                    break
            left, right = _EDGE.sub("", left), _EDGE.sub("", right)
            cls = classify(left, right, unit, ambiguous, names)
            yield kind, cls, _written(gchars, gseps, a, b), _written(pchars, pseps, a, b)


def _written(chars: str, seps: list[str], a: int, b: int) -> str:
    out = []
    for i in range(a, b):
        if i > a:
            out.append({"": "", "s": " ", "z": "|"}[seps[i]])
        out.append(chars[i])
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("test", "tune", "tune-fold"), default="tune")
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args()
    corpora = gold_texts(None, args.split)
    names = _names()
    for variant, strip in (("deleted", ""), ("spaced", " ")):
        table: Counter[tuple[str, str]] = Counter()
        samples: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for corpus, golds in corpora.items():
            ambiguous = ambiguous_forms(golds)
            clear_caches()
            preds = [normalize(g.replace(ZWNJ, strip)) for g in golds]
            for kind, cls, gunit, punit in errors(golds, preds, ambiguous, names):
                table[kind, cls] += 1
                samples[kind, cls][f"{corpus}: {gunit} -> {punit}"] += 1
        classes = sorted({c for _, c in table}, key=lambda c: -(table["FN", c] + table["FP", c]))
        fn = sum(v for (k, _), v in table.items() if k == "FN")
        fp = sum(v for (k, _), v in table.items() if k == "FP")
        print(f"\n{variant} ({args.split}): FN {fn}  FP {fp}")
        print(f"  {'class':12} {'FN':>5} {'FP':>5}")
        for c in classes:
            print(f"  {c:12} {table['FN', c]:5d} {table['FP', c]:5d}")
        if args.examples:
            for key in sorted(samples, key=lambda k: -table[k]):
                print(f"\n  [{variant} {key[0]} {key[1]}]")
                for text, n in samples[key].most_common(args.examples):
                    print(f"    {n:3d}  {text}")


if __name__ == "__main__":
    main()
