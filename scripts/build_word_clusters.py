"""Build the word-cluster map the NER features use (`rasad/resources/ner/word_clusters.tsv.gz`).

    .venv/bin/python scripts/build_word_clusters.py [--data ../shared/data] [--out PATH]

Distributional clusters let the CRF generalise from names it saw in training to unseen words
that occur in the same contexts. Unlabeled Persian text from `shared/data` (Fars News article
text, the training parts of the NER corpora, PERLEX sentences, UD word forms) is tokenized and
folded like run-time text; each vocabulary word gets a vector from the positive PMI of its
left / right neighbours (separate contexts, so the vectors are order-aware), reduced by a
truncated SVD and L2-normalised; k-means then clusters the vectors at several granularities.
numpy / scipy are needed here only: at run time the map is a plain word→ids TSV.
Deterministic (fixed seeds). The dev parts of the NER corpora are left out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_ner import CORPORA, DATA, ROOT, load_corpus, normalize  # noqa: E402

TOKEN = re.compile(r"[\w\u200c]+|[^\w\s]", re.UNICODE)
PERLEX_LINE = re.compile(r'^\d+\t"(.*)"$')
PERLEX_TAGS = re.compile(r"</?e[12]>")


def tokenize(text: str) -> list[str]:
    """Words and single punctuation marks, normalized and folded like the NER input."""
    return [w for w in (normalize(t).strip("\u200c") for t in TOKEN.findall(text)) if w]


def farsnews_sentences(data: Path) -> Iterator[list[str]]:
    with (data / "farsnews-articles" / "train.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            for text in [art.get("title") or "", art.get("abstract") or "", *art["paragraphs"]]:
                yield tokenize(text)


def perlex_sentences(data: Path) -> Iterator[list[str]]:
    with (data / "perlex" / "train.txt").open(encoding="utf-8") as fh:
        for line in fh:
            match = PERLEX_LINE.match(line.rstrip("\n"))
            if match:
                yield tokenize(PERLEX_TAGS.sub(" ", match.group(1)))


def ud_sentences(data: Path) -> Iterator[list[str]]:
    for path in sorted(data.glob("ud-persian-*/*.conllu")):
        words: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) > 1 and cols[0].isdigit():
                words.append(normalize(cols[1]))
            elif not line and words:
                yield words
                words = []


def corpus_sentences(data: Path) -> Iterator[list[str]]:
    """Every unlabeled sentence the clusters are learned from."""
    for name in CORPORA:
        for words, _ in load_corpus(name, "train", data):
            yield words
    yield from farsnews_sentences(data)
    yield from perlex_sentences(data)
    yield from ud_sentences(data)


def cooccurrence(
    sentences: list[list[str]], vocab: dict[str, int], contexts: dict[str, int], window: int
) -> sparse.csr_matrix:
    """Counts of (word, context) where a context is a neighbour at offset 1..window, left or
    right (left contexts in the first half of the columns), weighted 1/offset."""
    n_ctx = len(contexts)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for sent in sentences:
        padded = ["<s>"] * window + sent + ["</s>"] * window
        for i, word in enumerate(sent):
            row = vocab.get(word)
            if row is None:
                continue
            j = i + window
            for off in range(1, window + 1):
                left, right = contexts.get(padded[j - off]), contexts.get(padded[j + off])
                for col in (left, None if right is None else right + n_ctx):
                    if col is not None:
                        rows.append(row)
                        cols.append(col)
                        vals.append(1.0 / off)
    shape = (len(vocab), 2 * n_ctx)
    return sparse.csr_matrix((vals, (rows, cols)), shape=shape, dtype=np.float64)


def ppmi(counts: sparse.csr_matrix, alpha: float = 0.75) -> sparse.csr_matrix:
    """Positive PMI with context-distribution smoothing (Levy et al. 2015)."""
    coo = counts.tocoo()
    total = counts.sum()
    row_p = np.asarray(counts.sum(axis=1)).ravel() / total
    ctx = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    ctx_p = ctx / ctx.sum()
    pmi = np.log(coo.data / total / (row_p[coo.row] * ctx_p[coo.col]))
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)


def kmeans(x: np.ndarray, k: int, iterations: int, seed: int = 0) -> np.ndarray:
    """Spherical k-means (cosine) on unit rows; returns each row's cluster id."""
    rng = np.random.default_rng(seed)
    centers = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        for chunk in range(0, len(x), 20_000):  # bounded memory for the similarity matrix
            block = slice(chunk, chunk + 20_000)
            labels[block] = np.argmax(x[block] @ centers.T, axis=1)
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        reseed = x[rng.choice(len(x), size=k)]  # an empty cluster restarts at a random word
        centers = np.where(norms > 0, sums / np.maximum(norms, 1e-12), reseed)
    return labels


def build(args: argparse.Namespace) -> None:
    start = time.perf_counter()
    sentences = [s for s in corpus_sentences(args.data) if s]
    freq = Counter(w for s in sentences for w in s)
    words = [w for w, c in freq.most_common(args.words) if c >= args.min_count]
    vocab = {w: i for i, w in enumerate(words)}
    contexts = {w: i for i, (w, _) in enumerate(freq.most_common(args.contexts))}
    contexts.update({"<s>": len(contexts), "</s>": len(contexts) + 1})
    matrix = ppmi(cooccurrence(sentences, vocab, contexts, args.window))
    u, s, _ = svds(matrix, k=args.dim, random_state=0)
    vectors = u * np.sqrt(s)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    vectors = vectors.astype(np.float32)
    ids = [kmeans(vectors, k, args.iterations, seed=k) for k in args.sizes]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(["#word", *(f"c{k}" for k in args.sizes)])]
    lines += ["\t".join([word, *(str(int(c[i])) for c in ids)]) for i, word in enumerate(words)]
    text = "\n".join(lines) + "\n"
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), 9, mtime=0))  # same bytes per build
    report = {
        "sentences": len(sentences),
        "tokens": sum(freq.values()),
        "words": len(words),
        "sizes": args.sizes,
        "seconds": round(time.perf_counter() - start, 1),
        "bytes": args.out.stat().st_size,
    }
    print(json.dumps(report))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "rasad" / "resources" / "ner" / "word_clusters.tsv.gz"
    )
    parser.add_argument("--words", type=int, default=100_000, help="most frequent words kept")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--contexts", type=int, default=10_000, help="context vocabulary size")
    parser.add_argument("--window", type=int, default=2)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--sizes", type=int, nargs="+", default=[64, 256, 1024])
    parser.add_argument("--iterations", type=int, default=15)
    build(parser.parse_args())


if __name__ == "__main__":
    main()
