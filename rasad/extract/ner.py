"""Statistical Persian NER: a linear-chain CRF (python-crfsuite) over hand-made word features;
`default_model()` pairs it with the neural tagger of `rasad.extract.ner_net` (the shipped
tagger averages both models' tag marginals).

No Persian NER model on PyPI runs offline, so rasad ships its own, trained by
`scripts/train_ner.py` on PEYMA + NSURL-2019 600K + Arman (see resources/ner/MODEL_CARD.md),
with distributional word clusters from `scripts/build_word_clusters.py` and word classes from
gazetteers (`feature_lexicon`) as features.
The feature function lives here, not in the training script, so that training and run time
compute exactly the same features. Labels are PER / ORG / LOC (GPE folded into LOC; the
entities stage tells GPE from LOC with its gazetteers).
"""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise
from pathlib import Path
from typing import Protocol

import numpy as np
import pycrfsuite

from rasad.model import Document
from rasad.text.letters import PERSIAN_LETTERS, TATWEEL

LABELS = ("PER", "ORG", "LOC")
TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")  # order of marginal columns
ScoredSpan = tuple[int, int, str, float]  # words [first, last), label, lowest marginal
MODEL_DIR = Path(str(files("rasad.resources") / "ner"))
MODEL_FILE = "ner.crfsuite.gz"  # gzip: 4.5 MB in the repo instead of 11.4
CLUSTERS_FILE = "word_clusters.tsv.gz"
LEXICON_FILE = "feature_lexicon.tsv.gz"
DEFAULT_MODEL = MODEL_DIR / MODEL_FILE
_PADDING = ("<s2>", "<s1>", "</s1>", "</s2>")  # two pseudo-words either side of a sentence

ZWNJ = "\u200c"
_LETTER_FOLD = str.maketrans(PERSIAN_LETTERS | {TATWEEL: None})


@lru_cache(maxsize=20_000)  # bounded: frequent words stay, memory stays flat
def fold(word: str) -> str:
    """Cheap, idempotent letter folding the features see (Arabic yeh/kaf, tatweel, harakat).

    >>> fold("علي")
    'علی'
    """
    word = word.translate(_LETTER_FOLD)
    return "".join(ch for ch in word if unicodedata.category(ch) != "Mn")


def shape(word: str) -> str:
    """Compressed character classes: Persian `a`, Latin `L`/`l`, digit `d`, others as is.

    >>> shape("ایران۱۴۰۳")
    'ad'
    """
    out: list[str] = []
    for ch in word:
        if ch.isdigit():
            cls = "d"
        elif "a" <= ch.lower() <= "z":
            cls = "L" if ch.isupper() else "l"
        elif ch.isalpha():
            cls = "a"
        elif ch == ZWNJ:
            cls = "z"
        else:
            cls = ch
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


def _utf8(feats: list[str]) -> tuple[bytes, ...]:
    """Features as crfsuite reads them: encoded once per word, not once per token."""
    return tuple([feat.encode() for feat in feats])


def _word_features(word: str) -> tuple[bytes, ...]:
    """Features of one word independent of its position, the bias first (see `_seen`)."""
    feats = ["bias", f"w={word}", f"sh={shape(word)}", f"len={min(len(word), 8)}"]
    bare = word.replace(ZWNJ, "")
    feats += [f"p{n}={bare[:n]}" for n in (1, 2, 3, 4) if len(bare) > n]
    feats += [f"s{n}={bare[-n:]}" for n in (1, 2, 3, 4) if len(bare) > n]
    feats += [f"lx={cls}" for cls in feature_lexicon().get(word, ())]
    if ZWNJ in word:
        parts = word.split(ZWNJ)
        feats += [f"zf={parts[0]}", f"zl={parts[-1]}"]
    if bare != word:
        feats.append(f"wb={bare}")
    return _utf8(feats)


_resources = {"dir": MODEL_DIR}  # where model, clusters and lexicon are read (use_model_dir)


def model_dir() -> Path:
    """The directory the model, its clusters and its lexicon are read from."""
    return _resources["dir"]


def use_model_dir(path: Path) -> None:
    """Read model, clusters and lexicon from `path` from now on: training and the bench run a
    trial model on exactly its own resources, never touching the shipped ones."""
    _resources["dir"] = path
    for cached in (word_clusters, feature_lexicon, _cluster_feature, _seen, default_model):
        cached.cache_clear()


@lru_cache(maxsize=1)
def word_clusters() -> dict[str, tuple[str, ...]]:
    """Word → distributional cluster ids, coarse to fine (built by scripts/build_word_clusters.py).

    Clusters let the CRF carry what it learned about a training word to unseen words used in
    the same contexts (surnames, city names, organisation heads). Loaded once per process.
    """
    with gzip.open(model_dir() / CLUSTERS_FILE, "rt", encoding="utf-8") as fh:
        rows = (line.rstrip("\n").split("\t") for line in fh if not line.startswith("#"))
        return {row[0]: tuple(row[1:]) for row in rows}


@lru_cache(maxsize=1)
def feature_lexicon() -> dict[str, tuple[str, ...]]:
    """Word → lexicon classes (given name, title word, honorific, organisation or place head,
    state, place, demonym), built by scripts/train_ner.py from gazetteers. Lists reach names
    that the labelled data never shows; the CRF learns how far to trust them."""
    path = model_dir() / LEXICON_FILE
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = (line.rstrip("\n").split("\t") for line in fh if not line.startswith("#"))
        return {row[0]: tuple(row[1].split(",")) for row in rows}


def unknown_cluster(word: str) -> tuple[str, ...]:
    """Pseudo-cluster for words outside the map: sentence boundary, number, or rare word."""
    if word in _PADDING:
        return ("S", "S", "S")
    kind = "D" if any(ch.isdigit() for ch in word) else "U"
    return (kind, kind, kind)


@lru_cache(maxsize=8_000)  # holds them all: 64 + 256 + 1024 ids at 3 or 5 offsets, pseudo ids
def _cluster_feature(level: int, cluster_id: str, off: int) -> bytes:
    """One cluster feature (cached per id: the three levels combine into ~10k tuples)."""
    where = f"[{off}]" if off else ""
    return f"c{level}{where}={cluster_id}".encode()


def _cluster_part(cluster: tuple[str, ...], off: int) -> tuple[bytes, ...]:
    """Features of one word's clusters seen from `off` positions away (±2: 256/1024 only)."""
    return tuple([_cluster_feature(n, c, off) for n, c in enumerate(cluster) if n or abs(off) <= 1])


_AROUND = (-2, -1, 1, 2)
_WORD_AT = tuple(f"w{off:+d}=".encode() for off in _AROUND)
_CLASS_AT = tuple(f"lx[{off}]=".encode() for off in _AROUND)


@lru_cache(maxsize=4_000)  # bounded (~3 KB a word, ~13 MB): frequent words built once
def _seen(raw: str) -> tuple:
    """All features one word gives, as one flat tuple of UTF-8 pieces that `_features` reads
    by index: its string at off -2, -1, +1, +2 (0-3: w-2 …), its last three letters at -1, +1
    (4-5: s3-1, s3+1), its clusters at -2 … +2 (6-10: c1[-2] …, c0 … at 0, the word itself),
    its lexicon classes at -2, -1, +1, +2 (11-14: lx[-2] …), its 256-cluster and its folded
    self for the bigrams (15-16), and its own position-free features (17)."""
    word = fold(raw)
    text, tail = word.encode(), word[-3:].encode()
    cluster = word_clusters().get(word) or unknown_cluster(word)
    classes = [cls.encode() for cls in feature_lexicon().get(word, ())]
    return (
        *[at + text for at in _WORD_AT],
        b"s3-1=" + tail,
        b"s3+1=" + tail,
        *[_cluster_part(cluster, off) for off in range(-2, 3)],
        *[tuple([at + cls for cls in classes]) for at in _CLASS_AT],
        cluster[1].encode(),
        text,
        _word_features(word),
    )


def _features(words: Sequence[str]) -> list[list[bytes]]:
    """`sentence_features` as UTF-8 bytes, which crfsuite takes as they are: encoding each
    feature string on every call was a quarter of the tagging time."""
    seen = [_seen(w) for w in (*_PADDING[:2], *words, *_PADDING[2:])]
    pairs = [(a[16] + b"|" + b[16], a[15] + b"|" + b[15]) for a, b in pairwise(seen)]
    out: list[list[bytes]] = []
    for j in range(2, len(seen) - 2):
        far_left, left, here, right, far_right = seen[j - 2 : j + 3]
        (words_before, clusters_before), (words_after, clusters_after) = pairs[j - 1 : j + 1]
        out.append(
            [
                *here[17],
                far_left[0], left[1], right[2], far_right[3],
                b"w-1|w=" + words_before, b"w|w+1=" + words_after,
                left[4], right[5],
                *here[8], *far_left[6], *left[7], *right[9], *far_right[10],
                b"c[-1]|c=" + clusters_before, b"c|c[+1]=" + clusters_after,
                *far_left[11], *left[12], *right[13], *far_right[14],
            ]
        )  # fmt: skip
    return out


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """CRF features for each word: the word itself, a ±2 window of words and their clusters
    (64/256/1024 of the word and its ±1 neighbours, 256/1024 of its ±2 neighbours, and the
    256-cluster bigrams around it), and the lexicon classes of its neighbours («وزیر» before,
    «گفت» after a name). The order is the one the model was trained with."""
    return [[feat.decode() for feat in item] for item in _features(words)]


class NerModel:
    """A trained CRF tagger."""

    def __init__(self, model_path: Path = DEFAULT_MODEL) -> None:
        """Open a model file as `train_ner.py` writes it: gzipped (`.gz`) or plain."""
        self._tagger = pycrfsuite.Tagger()
        if model_path.suffix == ".gz":
            # crfsuite reads the buffer in place: it must live as long as the tagger
            self._buffer = gzip.decompress(model_path.read_bytes())
            self._tagger.open_inmemory(self._buffer)
        else:
            self._tagger.open(str(model_path))

    def tag(self, words: list[str]) -> list[str]:
        """BIO tags (`B-PER`, `I-LOC`, `O`, …) for one sentence of words."""
        if not words:
            return []
        return list(self._tagger.tag(_features(words)))

    def marginals(self, words: Sequence[str]) -> np.ndarray:
        """Marginal probability of every tag (columns in `TAGS` order) at every word: what
        the ensemble with the neural tagger averages."""
        if not words:
            return np.zeros((0, len(TAGS)))
        self._tagger.set(_features(words))
        known = set(self._tagger.labels())
        marginal = self._tagger.marginal
        return np.array(
            [[marginal(t, i) if t in known else 0.0 for t in TAGS] for i in range(len(words))]
        )

    def scored_spans(self, words: list[str]) -> list[ScoredSpan]:
        """Word spans `(first, last_exclusive, label, p)`, `p` the lowest marginal probability
        of the span's tags: how sure the model is of a span, so that the entities stage lets
        it override a gazetteer only when it is sure. Only span tokens are asked (most are O)."""
        tags = self.tag(words)
        marginal = self._tagger.marginal
        return [
            (first, last, label, min(1.0, *(marginal(tags[i], i) for i in range(first, last))))
            for first, last, label in bio_to_spans(tags)
        ]  # marginals can exceed 1 by rounding

    def scored_spans_many(self, sentences: Sequence[Sequence[str]]) -> list[list[ScoredSpan]]:
        return [self.scored_spans(list(words)) for words in sentences]


@lru_cache(maxsize=1)
def default_model() -> NerModel:
    """The shipped CRF (or `use_model_dir`'s), loaded on first use and once per process. The
    slower, more accurate ensemble with the neural tagger is `ner_net.ensemble_model()`."""
    return NerModel(model_dir() / MODEL_FILE)


def bio_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Word-index spans `(first, last_exclusive, label)`; a stray `I-` opens a new entity.

    >>> bio_to_spans(["B-PER", "I-PER", "O", "I-LOC"])
    [(0, 2, 'PER'), (3, 4, 'LOC')]
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if start >= 0 and (prefix != "I" or kind != label):
            spans.append((start, i, label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = i, kind
    return spans


def _sentence_token_groups(doc: Document) -> Iterable[list[int]]:
    """Indices into doc.tokens grouped by sentence (one group if there are no sentences)."""
    if not doc.sentences:
        yield list(range(len(doc.tokens)))
        return
    idx = 0
    for sent in doc.sentences:
        group: list[int] = []
        while idx < len(doc.tokens) and doc.tokens[idx].start < sent.end:
            if doc.tokens[idx].start >= sent.start:
                group.append(idx)
            idx += 1
        yield group
    if idx < len(doc.tokens):
        yield list(range(idx, len(doc.tokens)))


class Tagger(Protocol):
    """What the entities stage runs: the CRF, or `ner_net.EnsembleModel`."""

    def scored_spans_many(self, sentences: Sequence[Sequence[str]]) -> list[list[ScoredSpan]]:
        ...


def scored_spans(doc: Document, model: Tagger | None = None) -> list[tuple[int, int, str, float]]:
    """Character spans `(start, end, label, p)` in `doc.text` the statistical model finds;
    `p` is the lowest marginal probability of the span's tags."""
    if not doc.tokens:
        return []
    groups = [[doc.tokens[i] for i in group] for group in _sentence_token_groups(doc)]
    sentences = [[doc.text[t.start : t.end] for t in toks] for toks in groups]
    return [
        (toks[first].start, toks[last - 1].end, label, p)
        for toks, found in zip(groups, (model or default_model()).scored_spans_many(sentences),
                               strict=True)
        for first, last, label, p in found
    ]  # all sentences of the document at once: the neural tagger runs them as one batch


def predict_spans(doc: Document) -> list[tuple[int, int, str]]:
    """Character spans `(start, end, label)` in `doc.text` the statistical model finds."""
    return [span[:3] for span in scored_spans(doc)]
