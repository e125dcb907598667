"""ZWNJ restoration on held-out clean text: rasad vs hazm vs shekar, same run, same data.

Gold, per corpus (no test text is read when the lexicons are built):
  seraji  the `# text` sentences of UD Persian-Seraji dev;
  perdt   the `# text` sentences of UD Persian-PerDT dev;
  fars    the Fars evaluation slice: `derived_zwnj_clean` articles with eval_bucket <
          EVAL_PERCENT (see scripts/build_zwnj_lexicon.py); unclean articles are never gold.
Each corpus is cut in two by a salted hash of the text's id (UD sent_id, Fars link; see
`split_of` in scripts/build_zwnj_lexicon.py): the TUNE split is for error analysis and for
choosing the decision margins in rasad/text/zwnj.py (`--split tune`), and its UD sentences are
also training text of the lexicons (the treebanks' own conventions); the TEST split is what
this bench reports by default, is read by nothing that builds or tunes, and must not be looked
at while tuning. The TUNE-FOLD split is the part of the tune split that
`scripts/build_zwnj_lexicon.py --fold-out` leaves out of training (half the UD tune sentences,
`fold_of`, and every Fars tune article): a build with --fold-out scored on it sees no text it
learned from, where the tune split's UD half is training text.
Every text of the chosen split is scored; nothing is dropped. Each gold text is stripped two ways
(ZWNJ deleted; ZWNJ turned into a space), restored by each system, and compared gap by gap:
between every two consecutive non-blank characters the gap is none, space or ZWNJ.

Two scores are printed for every corpus:
  strict  every gap, exactly as the gold writes it;
  conv    convention-aware. Where a corpus's own gold writes the same letters two ways (e.g.
          PerDT `آنها` 54x and `آن‌ها` 1x; Fars `ثبت نام` and `ثبت‌نام`; Seraji `همچنین` 12x and
          `هم‌چنین` 1x) the writer had no single convention for that form, so its gaps are not
          scored; and a ZWNJ after a non-joining letter (ا د ذ ر ز ژ و), which renders
          identically to no ZWNJ (`نیرو‌های` = `نیروهای`), counts as none on both sides. The
          ambiguous forms are found from the gold alone, never from a system's output.

Printed per system, variant and corpus: ZWNJ precision / recall / F1 and false insertions
(ZWNJ where the gold has none) for both scores, gap accuracy (strict, over gaps where gold or
system has a separator), and characters per CPU second over the whole variant (process time,
so that other jobs on a shared machine do not skew one system more than another), measured the
same way for every system: lexicons and models are loaded before the clock starts (rasad's
load, `rasad.text.zwnj.clear_caches`, includes the facts of the words its lexicon knows); `cold/s`
is the first pass over the texts with every per-word cache empty (rasad's caches cleared, hazm
in a fresh process), `warm/s` the best of WARM_PASSES further passes over the same texts
(steady state, as on a long news stream). The scored output is the cold pass's. hazm runs in a
separate Python 3.12 venv (.venv-bench) when present.

Usage: .venv/bin/python bench/normalize.py [--split test|tune|tune-fold] [--limit N]
                                          [--systems rasad,hazm,shekar]
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

from rasad.text.letters import PERSIAN_LETTERS
from rasad.text.normalize import Normalizer, normalize
from rasad.text.zwnj import clear_caches

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"  # ../shared/data beside the checkout
ZWNJ = "\u200c"
HAZM_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
_FOLD = str.maketrans(
    {
        **PERSIAN_LETTERS,
        **{chr(0x0660 + i): chr(0x06F0 + i) for i in range(10)},
        **{chr(0x30 + i): chr(0x06F0 + i) for i in range(10)},
    }
)
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200d\u200e\u200f]")
_NON_JOINING = frozenset("اآأإدذرزژوؤة")
_EDGE = re.compile(r"^\W+|\W+$")
WARM_PASSES = 3


def _builder():
    spec = importlib.util.spec_from_file_location(
        "lexbuild", ROOT / "scripts" / "build_zwnj_lexicon.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_texts(limit: int | None, split: str = "test") -> dict[str, list[str]]:
    """Held-out gold texts of one split per corpus, letters/digits/spacing normalized (ZWNJ
    untouched)."""
    lexbuild = _builder()
    corpora: dict[str, list[tuple[str, str]]] = {
        name: lexbuild.ud_sentences(DATA, bank) for name, bank in lexbuild.UD_BANKS.items()
    }
    corpora["fars"] = [
        (record["link"], text)
        for record, text in lexbuild.fars_clean(DATA)
        if lexbuild.is_heldout_fars(record)
    ]
    base = Normalizer(fix_zwnj=False)

    def wanted(text_id: str, ud: bool) -> bool:
        if split != "tune-fold":
            return lexbuild.split_of(text_id) == split
        return lexbuild.split_of(text_id) == "tune" and (not ud or lexbuild.fold_of(text_id))

    kept = {
        name: [t for key, t in texts if wanted(f"{name}/{key}", name != "fars")]
        for name, texts in corpora.items()
    }
    return {name: [base.normalize(t) for t in texts][:limit] for name, texts in kept.items()}


def gaps(text: str, fold_invisible: bool = False) -> tuple[str, list[str]]:
    """Folded non-blank characters, and the separator before each of them ('', 's', 'z').
    With `fold_invisible`, a ZWNJ after a non-joining letter counts as none."""
    chars, seps, sep = [], [], ""
    for ch in _DROP.sub("", text.translate(_FOLD)):
        if ch == ZWNJ:
            sep = sep or "z"
        elif ch.isspace():
            sep = "s"
        else:
            if sep == "z" and fold_invisible and chars and chars[-1] in _NON_JOINING:
                sep = ""
            chars.append(ch)
            seps.append(sep)
            sep = ""
    return "".join(chars), seps


def _words(chars: str, seps: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each space-separated word in gap coordinates."""
    starts = [0] + [i for i in range(1, len(chars)) if seps[i] == "s"]
    return list(zip(starts, [*starts[1:], len(chars)], strict=True))


def _gap_keys(chars: str, seps: list[str]) -> list[str]:
    """For each gap, the letters of the unit it lies in: its word (gap none/ZWNJ) or the two
    words around it (gap space); punctuation at word edges is left out."""
    keys = [""] * len(chars)
    words = _words(chars, seps)
    for k, (a, b) in enumerate(words):
        word = _EDGE.sub("", chars[a:b])
        for i in range(a + 1, b):
            keys[i] = word
        if k:
            keys[a] = _EDGE.sub("", chars[words[k - 1][0] : words[k - 1][1]]) + word
    return keys


def ambiguous_forms(golds: list[str]) -> set[str]:
    """Letter sequences that this gold corpus writes in more than one way (joined, with a
    visible ZWNJ, or as two spaced words): the writer's convention for them is not fixed."""
    spellings: dict[str, set[str]] = {}
    for gold in golds:
        chars, seps = gaps(gold, fold_invisible=True)
        words = _words(chars, seps)
        for k, (a, b) in enumerate(words):
            kind = "z" if "z" in seps[a + 1 : b] else "j"
            spellings.setdefault(_EDGE.sub("", chars[a:b]), set()).add(kind)
            if k:
                pair = _EDGE.sub("", chars[words[k - 1][0] : words[k - 1][1]])
                spellings.setdefault(pair + _EDGE.sub("", chars[a:b]), set()).add("s")
    return {key for key, kinds in spellings.items() if len(kinds) > 1}


def score(golds: list[str], preds: list[str], ambiguous: set[str] | None = None) -> dict:
    """ZWNJ P/R/F1 over gaps. With `ambiguous` (convention-aware score), gaps of forms the
    gold writes several ways are skipped and invisible ZWNJ counts as none."""
    tp = fp = fn = agree = total = skipped = 0
    fold = ambiguous is not None
    for gold, pred in zip(golds, preds, strict=True):
        gchars, gseps = gaps(gold, fold)
        pchars, pseps = gaps(pred, fold)
        if gchars != pchars:
            skipped += 1
            continue
        keys = _gap_keys(gchars, gseps) if fold else [""] * len(gchars)
        for g, p, key in zip(gseps[1:], pseps[1:], keys[1:], strict=True):
            if fold and key in ambiguous:
                continue
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


System = Callable[[list[str]], tuple[list[str], float, float]]


def _timed(fn: Callable[[str], str], reset: Callable[[], None]) -> System:
    """A system run in this process: (cold output, cold chars/s, best warm chars/s)."""

    def run(texts: list[str]) -> tuple[list[str], float, float]:
        size = sum(map(len, texts))
        reset()
        start = time.process_time()
        out = [fn(t) for t in texts]
        cold = size / (time.process_time() - start)
        warm = 0.0
        for _ in range(WARM_PASSES):
            start = time.process_time()
            for t in texts:
                fn(t)
            warm = max(warm, size / (time.process_time() - start))
        return out, cold, warm

    return run


def systems() -> dict[str, System]:
    clear_caches()  # lexicon loaded outside the timing, as each library's Normalizer() below is
    found: dict[str, System] = {"rasad": _timed(normalize, clear_caches)}
    try:
        from shekar import Normalizer as ShekarNormalizer

        found["shekar"] = _timed(ShekarNormalizer(), lambda: None)
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
texts, passes = json.load(sys.stdin)
n = Normalizer()
size = sum(map(len, texts))
start = time.process_time()
out = [n.normalize(t) for t in texts]
cold = size / (time.process_time() - start)
warm = 0.0
for _ in range(passes):
    start = time.process_time()
    for t in texts:
        n.normalize(t)
    warm = max(warm, size / (time.process_time() - start))
json.dump({"out": out, "cold": cold, "warm": warm}, sys.stdout)
"""


def _hazm(texts: list[str]) -> tuple[list[str], float, float]:
    """hazm in its own venv, timed inside that process (not its start) as rasad is here."""
    result = subprocess.run(
        [str(HAZM_PYTHON), "-c", _HAZM_CODE],
        input=json.dumps([texts, WARM_PASSES]),
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    return data["out"], data["cold"], data["warm"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("test", "tune", "tune-fold"), default="test")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--systems", default="rasad,shekar,hazm")
    args = parser.parse_args()
    corpora = gold_texts(args.limit, args.split)
    corpora["all"] = [g for texts in corpora.values() for g in texts]
    ambiguous = {name: ambiguous_forms(texts) for name, texts in corpora.items()}
    golds = corpora["all"]
    n_zwnj = sum(g.count(ZWNJ) for g in golds)
    sizes = ", ".join(f"{name} {len(texts)}" for name, texts in corpora.items())
    print(
        f"held-out texts, {args.split} split: {sizes}; {sum(map(len, golds))} chars, "
        f"{n_zwnj} gold ZWNJ"
    )
    print(
        f"{'system':7} {'variant':8} {'corpus':7} {'P':>6} {'R':>6} {'F1':>6} {'false+':>6} "
        f"{'convP':>6} {'convR':>6} {'convF1':>6} {'conv+':>6} {'gap_acc':>7} {'skip':>4} "
        f"{'cold/s':>9} {'warm/s':>9}"
    )
    wanted = args.systems.split(",")
    for name, fn in systems().items():
        if name not in wanted:
            continue
        for variant, strip in (("deleted", ""), ("spaced", " ")):
            texts = [g.replace(ZWNJ, strip) for g in golds]
            preds, cold, warm = fn(texts)
            start = 0
            for corpus, gold in corpora.items():
                part = preds[start : start + len(gold)] if corpus != "all" else preds
                start += len(gold)
                m = score(gold, part)
                c = score(gold, part, ambiguous[corpus])
                print(
                    f"{name:7} {variant:8} {corpus:7} {m['P']:6.3f} {m['R']:6.3f} {m['F1']:6.3f} "
                    f"{m['false_ins']:6d} {c['P']:6.3f} {c['R']:6.3f} {c['F1']:6.3f} "
                    f"{c['false_ins']:6d} {m['gap_acc']:7.3f} {m['skipped']:4d} "
                    f"{cold:9.0f} {warm:9.0f}"
                )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
