"""Sentence and token segmentation against the UD Persian dev treebanks (held out from every
lexicon). Sentences: the `# text` lines joined by one space into a stream, scored as exact
spans. Tokens: surface tokens (multiword-token lines, else words) located in each sentence,
scored as exact spans.

Usage: .venv/bin/python bench/segment.py
"""

from __future__ import annotations

from pathlib import Path

from rasad.text.segment import split_sentences, tokenize

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"  # ../shared/data


def read_conllu(path: Path) -> list[tuple[str, list[str]]]:
    """(text, surface tokens) per sentence."""
    sentences, text, tokens, skip_until = [], "", [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[9:].strip()
        elif not line.strip():
            if text:
                sentences.append((text, tokens))
            text, tokens, skip_until = "", [], 0
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0]:
                skip_until = int(cols[0].split("-")[1])
                tokens.append(cols[1])
            elif "." not in cols[0] and int(cols[0]) > skip_until:
                tokens.append(cols[1])
    return sentences


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


def main() -> None:
    print(f"{'treebank':20} {'layer':9} {'P':>6} {'R':>6} {'F1':>6}")
    for bank in ("ud-persian-seraji", "ud-persian-perdt"):
        sentences = [s for path in (DATA / bank).glob("*.conllu") for s in read_conllu(path)]
        stream, gold_sents, pos = [], set(), 0
        for text, _ in sentences:
            gold_sents.add((pos, pos + len(text)))
            stream.append(text)
            pos += len(text) + 1
        pred_sents = {(s.start, s.end) for s in split_sentences(" ".join(stream))}
        gold_toks = pred_toks = 0
        tp = 0
        for text, tokens in sentences:
            gold = _spans(text, tokens)
            pred = {(t.start, t.end) for t in tokenize(text)}
            tp, gold_toks, pred_toks = (
                tp + len(gold & pred),
                gold_toks + len(gold),
                pred_toks + len(pred),
            )
        tok_p, tok_r = tp / pred_toks, tp / gold_toks
        rows = {
            "sentences": f1(gold_sents, pred_sents),
            "tokens": (tok_p, tok_r, 2 * tok_p * tok_r / (tok_p + tok_r)),
        }
        for layer, (p, r, f) in rows.items():
            print(f"{bank:20} {layer:9} {p:6.3f} {r:6.3f} {f:6.3f}")


if __name__ == "__main__":
    main()
