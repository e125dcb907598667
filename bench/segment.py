"""Sentence and token segmentation against the UD Persian dev treebanks (held out from every
lexicon). Sentences: the `# text` lines joined by one space into a stream, scored as exact
spans. Tokens: surface tokens (multiword-token lines, else words) located in each sentence,
scored as exact spans. `tokens` splits off the punctuation PerDT leaves inside 26 multiword
tokens (`معذورم.`); `tokens_raw` scores the surface tokens exactly as the treebank ships them.

Usage: .venv/bin/python bench/segment.py [--errors]   (--errors: list each sentence end missed
(-) or invented (+) with its context)
"""

from __future__ import annotations

import sys
from pathlib import Path

from rasad.text.segment import split_sentences, tokenize

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"  # ../shared/data


def read_conllu(path: Path, split_punct: bool = True) -> list[tuple[str, list[str]]]:
    """(text, surface tokens) per sentence. With `split_punct`, punctuation that PerDT puts
    inside a multiword token (`معذورم.` = معذور + م + .) is its own token, as UD's guidelines
    and every other sentence of both treebanks have it."""
    sentences, text, tokens = [], "", []
    mwt: tuple[str, int, list[tuple[str, str]]] | None = None  # surface, last id, words
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[9:].strip()
        elif not line.strip():
            if text:
                sentences.append((text, tokens))
            text, tokens, mwt = "", [], None
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0]:
                mwt = (cols[1], int(cols[0].split("-")[1]), [])
            elif "." in cols[0]:
                continue
            elif mwt is None:
                tokens.append(cols[1])
            else:
                mwt[2].append((cols[1], cols[3]))
                if int(cols[0]) == mwt[1]:
                    tokens.extend(_mwt_tokens(mwt[0], mwt[2]) if split_punct else [mwt[0]])
                    mwt = None
    return sentences


def _mwt_tokens(surface: str, words: list[tuple[str, str]]) -> list[str]:
    """The multiword token, less the PUNCT words at its edges, which become tokens of their own."""
    head: list[str] = []
    tail: list[str] = []
    while words and words[0][1] == "PUNCT" and surface.startswith(words[0][0]):
        head.append(words[0][0])
        surface, words = surface[len(words[0][0]) :], words[1:]
    while words and words[-1][1] == "PUNCT" and surface.endswith(words[-1][0]):
        tail.insert(0, words[-1][0])
        surface, words = surface[: -len(words[-1][0])], words[:-1]
    return [*head, surface, *tail]


def _spans(text: str, tokens: list[str]) -> set[tuple[int, int]]:
    spans, pos = set(), 0
    for tok in tokens:
        start = text.find(tok, pos)
        if start < 0:
            continue
        spans.add((start, start + len(tok)))
        pos = start + len(tok)
    return spans


def f1(gold: set, pred: set) -> tuple[float, float, float]:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def sentence_spans(sentences: list[tuple[str, list[str]]]) -> tuple[str, set, set]:
    """The stream of sentences joined by one space, its gold and predicted sentence spans."""
    stream, gold, pos = [], set(), 0
    for text, _ in sentences:
        gold.add((pos, pos + len(text)))
        stream.append(text)
        pos += len(text) + 1
    joined = " ".join(stream)
    return joined, gold, {(s.start, s.end) for s in split_sentences(joined)}


def token_spans(sentences: list[tuple[str, list[str]]]) -> tuple[set, set]:
    """Gold and predicted token spans, keyed by sentence number."""
    gold, pred = set(), set()
    for n, (text, tokens) in enumerate(sentences):
        gold |= {(n, *span) for span in _spans(text, tokens)}
        pred |= {(n, t.start, t.end) for t in tokenize(text)}
    return gold, pred


def _misses(stream: str, gold: set, pred: set) -> None:
    """Print each sentence end missed (-) or invented (+) with its context."""
    gold_ends, pred_ends = {e for _, e in gold}, {e for _, e in pred}
    for sign, ends in (("-", gold_ends - pred_ends), ("+", pred_ends - gold_ends)):
        for end in sorted(ends):
            print(f"  {sign} {stream[max(0, end - 40) : end]!r} | {stream[end : end + 25]!r}")


def main() -> None:
    errors = "--errors" in sys.argv[1:]
    print(f"{'treebank':20} {'layer':10} {'P':>6} {'R':>6} {'F1':>6}")
    for bank in ("ud-persian-seraji", "ud-persian-perdt"):
        paths = sorted((DATA / bank).glob("*.conllu"))
        sentences = [s for path in paths for s in read_conllu(path)]
        stream, gold_sents, pred_sents = sentence_spans(sentences)
        rows = {
            "sentences": f1(gold_sents, pred_sents),
            "tokens": f1(*token_spans(sentences)),
            "tokens_raw": f1(*token_spans([s for p in paths for s in read_conllu(p, False)])),
        }
        for layer, (p, r, f) in rows.items():
            print(f"{bank:20} {layer:10} {p:6.3f} {r:6.3f} {f:6.3f}")
        if errors:
            _misses(stream, gold_sents, pred_sents)


if __name__ == "__main__":
    main()
