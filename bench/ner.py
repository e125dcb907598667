"""Measure NER on our dev split of each corpus (PEYMA, NSURL 600K, Arman): model, model + rules.

    .venv/bin/python bench/ner.py [--data ../shared/data] [--net]
        [--model-dir rasad/resources/ner] [--model-only]
        [--corpora peyma nsurl arman] [--errors N] [--documents]

Entity-level exact match, conlleval-style: a predicted entity counts only when its first word,
last word and label all equal a gold entity's. Two systems per corpus, side by side:
`model` is the NER tagger alone on the gold tokens (the default CRF, `ner.default_model()`;
with `--net` the CRF + neural tagger ensemble, `ner_net.ensemble_model()`); `model+rules` is the
real entities stage (titles, gazetteers, actor table, model) run by `Pipeline(normalize,
segment, entities)` (`entities-net` with `--net`) on
each detokenized sentence, mentions mapped back to gold tokens (`rasad.extract.ner_eval`).
GPE is folded into LOC. Prints per-label and micro P/R/F1, the model load time and tokens
per second of each system (`model+rules` includes normalization and segmentation).
`--model-dir` measures a trial model (`scripts/train_ner.py --out DIR`) with its own clusters
and lexicon, in both systems; `--model-only` skips `model+rules` (quick, while iterating).

Two tables: against the corpus gold as it is, and against the same gold rewritten into the
house conventions of ../shared/gold (`ner_eval.house_spans`: honorifics and «(ره)» left out
of persons, «دولت X» and a state acting are the state, «شبکه خبری X» is the medium X and
«گروه تروریستی X» the group X, a place and its state are two entities, no direction before a
place (a gazetteer place's whole name, «ایالات متحده آمریکا», «غرب آسیا», stays whole), no
organisation inside «وزیر X», but the state that ends it, a demonym is no entity).
rasad follows the house conventions, so the first table counts those differences as errors.
`--errors N` prints N random (fixed seed) errors per corpus of model+rules (of the model with
`--model-only`), for the model card.
`--documents`: model+rules reads each held-out PEYMA and NSURL document whole (its sentences a
line each), as rasad reads an article, so a surname or a title met earlier informs a later
sentence; the default runs every sentence alone. Arman has no documents, so it is the same.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from train_ner import CORPORA, DATA, load_documents  # noqa: E402

from rasad.extract.ner import (  # noqa: E402
    LABELS,
    MODEL_DIR,
    MODEL_FILE,
    default_model,
    use_model_dir,
    word_clusters,
)
from rasad.extract.ner import bio_to_spans as spans_of  # noqa: E402
from rasad.extract.ner_eval import (  # noqa: E402
    EVAL_STAGES,
    TokenSpan,
    error_kinds,
    house_spans,
    rules_tag,
    rules_tag_document,
)
from rasad.extract.ner_net import NET_FILE, ensemble_model  # noqa: E402
from rasad.pipeline import Pipeline  # noqa: E402

HOUSE_CAPTION = "the same gold rewritten into the house conventions (ner_eval.house_spans):"
Sentence = tuple[list[str], list[str]]
# tags a document's sentences (each a list of words): one set of spans per sentence
Tagger = Callable[[list[list[str]]], list[set[TokenSpan]]]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def predict(tagger: Tagger, docs: list[list[Sentence]]) -> tuple[list[set[TokenSpan]], float]:
    """Each sentence's predicted spans (documents in order), and tokens per second over all."""
    start = time.perf_counter()
    predicted = [spans for doc in docs for spans in tagger([words for words, _ in doc])]
    n_tokens = sum(len(words) for doc in docs for words, _ in doc)
    return predicted, n_tokens / (time.perf_counter() - start)


def score(
    predicted: list[set[TokenSpan]], sentences: list[Sentence], house: bool
) -> dict[str, object]:
    """Counts per label and every error (for sampling), against the corpus gold or, with
    `house`, the same gold rewritten into the house conventions (`ner_eval.house_spans`)."""
    counts: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    errors: list[tuple[list[str], set[TokenSpan], set[TokenSpan]]] = []
    kinds: Counter[str] = Counter()
    for (words, gold_tags), pred in zip(sentences, predicted, strict=True):
        gold = set(spans_of(gold_tags))
        gold = house_spans(words, gold) if house else gold
        pred = {span for span in pred if span[2] in counts}
        for kind, found in (("tp", gold & pred), ("fp", pred - gold), ("fn", gold - pred)):
            for span in found:
                counts[span[2]][kind] += 1
        kinds += error_kinds(gold, pred)
        if gold != pred:
            errors.append((words, gold - pred, pred - gold))
    return {"counts": counts, "errors": errors, "kinds": kinds}


def rows(name: str, results: dict[str, dict[str, object]]) -> list[str]:
    """One table row per label (+ micro): P/R/F1 of every system side by side."""
    out = []
    totals: dict[str, Counter[str]] = {system: Counter() for system in results}
    for label in (*LABELS, "micro"):
        bold = "**" if label == "micro" else ""
        cells = []
        for system, result in results.items():
            c = result["counts"][label] if label != "micro" else totals[system]  # type: ignore[index]
            if label != "micro":
                totals[system].update(c)
            p, r, f = prf(c["tp"], c["fp"], c["fn"])
            cells.append(f"{p:.3f} | {r:.3f} | {bold}{f:.3f}{bold}")
        gold = c["tp"] + c["fn"]
        out.append(f"| {name} | {bold}{label}{bold} | {' | '.join(cells)} | {gold} |")
    return out


def show_errors(name: str, result: dict[str, object], n: int) -> None:
    """A fixed-seed sample of sentences the system got wrong: missed (−) and spurious (+)."""
    errors = result["errors"]
    sample = random.Random(f"ner-errors/{name}").sample(errors, min(n, len(errors)))  # type: ignore[arg-type]
    print(f"\n### {name}: {n} of {len(errors)} sentences with errors")  # type: ignore[arg-type]
    for words, missed, spurious in sample:
        print(" ".join(words))
        for sign, spans in (("-", missed), ("+", spurious)):
            for a, b, label in sorted(spans):
                print(f"   {sign} {label} {' '.join(words[a:b])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR, help="trained by train_ner")
    parser.add_argument("--net", action="store_true", help="the CRF + neural tagger ensemble")
    parser.add_argument("--model-only", action="store_true", help="skip model+rules (faster)")
    parser.add_argument("--corpora", nargs="+", default=list(CORPORA), choices=list(CORPORA))
    parser.add_argument("--errors", type=int, default=0, help="sample N errors (last system)")
    parser.add_argument("--documents", action="store_true",
                        help="model+rules reads each dev document whole, not sentence by "
                             "sentence (PEYMA, NSURL; Arman has no documents)")
    args = parser.parse_args()
    use_model_dir(args.model_dir)
    start = time.perf_counter()
    # the entities stage of model+rules runs this same model
    model = ensemble_model() if args.net else default_model()
    word_clusters()
    load_s = time.perf_counter() - start
    systems: dict[str, Tagger] = {
        "model": lambda doc: [set(spans_of(model.tag(words))) for words in doc]}
    if not args.model_only:
        stages = EVAL_STAGES if not args.net else (*EVAL_STAGES[:-1], "entities-net")
        pipeline = Pipeline(stages)
        systems["model+rules"] = (
            (lambda doc: rules_tag_document(doc, pipeline)) if args.documents
            else (lambda doc: [rules_tag(words, pipeline) for words in doc])
        )
    header = "| corpus (dev) | label | " + " | ".join(f"{s} P | R | F1" for s in systems)
    header += " | gold |"
    tables: dict[bool, list[str]] = {False: [], True: []}
    speeds, samples = [], []
    for name in args.corpora:
        docs = load_documents(name, "dev", args.data)
        sentences = [sentence for doc in docs for sentence in doc]
        predicted = {system: predict(tagger, docs) for system, tagger in systems.items()}
        for house, lines in tables.items():
            results = {s: score(p, sentences, house) for s, (p, _) in predicted.items()}
            lines += rows(name, results)
            speeds += [
                f"{name}{' (house gold)' if house else ''} {system}: errors "
                f"{dict(r['kinds'].most_common())}"  # type: ignore[attr-defined]
                for system, r in results.items()
            ]
            if not house:
                samples.append((name, results[list(systems)[-1]]))
        n_tokens = sum(len(words) for words, _ in sentences)
        speeds += [
            f"{name} {s}: {n_tokens} tokens, {v:,.0f} tok/s" for s, (_, v) in predicted.items()
        ]
    for house, lines in tables.items():
        rule = "|---" * header.count("|")
        print(f"\n{HOUSE_CAPTION if house else 'corpus gold:'}\n{header}\n{rule[:-4]}|")
        print("\n".join(lines))
    files = [args.model_dir / name for name in (MODEL_FILE, NET_FILE)[: 2 if args.net else 1]]
    size_mb = sum(path.stat().st_size for path in files) / 1e6
    kind = type(model).__name__
    print(f"\nmodel + clusters load: {load_s:.2f} s; model size {size_mb:.1f} MB ({kind})")
    print("\n".join(speeds))
    for name, result in samples if args.errors else ():
        show_errors(name, result, args.errors)


if __name__ == "__main__":
    main()
