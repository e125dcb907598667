"""Neural Persian NER in numpy: a BiLSTM-CRF over word, character, cluster and lexicon inputs,
and its ensemble with the feature CRF of `rasad.extract.ner`.

Trained with torch by `scripts/train_ner_net.py` (a training-only dependency); the weights ship
as float16 in `ner_net.npz` and run here on numpy alone. The network reads the CRF's word
clusters and feature lexicon, so both models share one model directory. The shipped tagger
averages the two models' tag marginals (`EnsembleModel`): on all three dev corpora that beats
either model alone (resources/ner/MODEL_CARD.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from rasad.extract.ner import (
    TAGS,
    NerModel,
    ScoredSpan,
    bio_to_spans,
    default_model,
    feature_lexicon,
    fold,
    model_dir,
    unknown_cluster,
    word_clusters,
)

NET_FILE = "ner_net.npz"
CHECK_FILE = "ner_net_check.json"  # torch's emissions for a few sentences (tests/test_ner_net.py)
LEXICON_CLASSES = (
    "GN", "JOB", "HON", "ORGP", "LOCP", "STATE", "PLACE", "DEM",
    "PNF", "PNI", "PNL", "ONF", "ONI", "ONL",
)  # fmt: skip
MAX_WORD_CHARS = 20  # longer words are cut for the character CNN, as in training
BATCH = 32  # sentences run together through the BiLSTM
CACHE_WORDS = 50_000  # input vectors kept (under 1 KB each); the cache restarts when full
NET_WEIGHT = 0.6  # the net's share of the averaged marginals (model card: dev and gate)
Matrix = np.ndarray

# BIO constraints for decoding averaged marginals: no I-X after anything but B-X / I-X.
_ENDS_IN = [tag.partition("-")[2] for tag in TAGS]
_BIO_TRANS = np.array(
    [[0.0 if not b.startswith("I-") or _ENDS_IN[i] == _ENDS_IN[j] else -np.inf
      for j, b in enumerate(TAGS)] for i in range(len(TAGS))]
)  # fmt: skip
_BIO_START = np.array([-np.inf if tag.startswith("I-") else 0.0 for tag in TAGS])
_NO_WORDS = np.zeros((0, len(TAGS)))  # the marginals of an empty sentence


def viterbi(scores: Matrix, trans: Matrix, start: Matrix, end: Matrix) -> list[str]:
    """The best tag sequence for per-word `scores` (n × tags) under transition scores."""
    best = start + scores[0]
    back = []
    for row in scores[1:]:
        total = best[:, None] + trans
        back.append(total.argmax(0))
        best = total.max(0) + row
    path = [int((best + end).argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return [TAGS[i] for i in reversed(path)]


def spans_with_marginals(tags: list[str], marginals: Matrix) -> list[ScoredSpan]:
    """Spans of `tags` with the lowest marginal of their tags (how sure the model is)."""
    rows = np.arange(len(tags))
    chosen = marginals[rows, [TAGS.index(t) for t in tags]]
    return [
        (first, last, label, float(min(1.0, chosen[first:last].min())))
        for first, last, label in bio_to_spans(tags)
    ]  # marginals can exceed 1 by rounding


class _MarginalTagger:
    """The tagging interface of the net and the ensemble (the CRF's: `tag`, `scored_spans`),
    from one method each defines: tags and tag marginals of a batch of sentences."""

    def _decoded(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], Matrix]]:
        raise NotImplementedError

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [tags for tags, _ in self._decoded(sentences)]

    def tag(self, words: list[str]) -> list[str]:
        """BIO tags (`B-PER`, `I-LOC`, `O`, …) for one sentence of words."""
        return self.tag_many([words])[0]

    def scored_spans_many(self, sentences: Sequence[Sequence[str]]) -> list[list[ScoredSpan]]:
        """`scored_spans` of each sentence, the sentences run through the net as one batch."""
        return [spans_with_marginals(tags, m) for tags, m in self._decoded(sentences)]

    def scored_spans(self, words: list[str]) -> list[ScoredSpan]:
        """Word spans `(first, last_exclusive, label, p)`, `p` the lowest tag marginal."""
        return self.scored_spans_many([words])[0]


@cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


class NetModel(_MarginalTagger):
    """A trained BiLSTM-CRF, read from the `.npz` that `scripts/train_ner_net.py` exports."""

    def __init__(self, path: Path) -> None:
        with np.load(path) as npz:
            arrays = {key: npz[key] for key in npz.files}
        self._words = {w: i for i, w in enumerate(arrays.pop("words").tolist())}
        self._chars = {c: i for i, c in enumerate(arrays.pop("chars").tolist())}
        self._cluster_ids = [
            {c: i for i, c in enumerate(arrays.pop(f"clusters{k}").tolist())} for k in range(3)
        ]
        w = {key: value.astype(np.float32) for key, value in arrays.items()}
        self._wemb, self._cemb = w["wemb_weight"], w["cemb_weight"]
        self._clemb = [w[f"clemb_{k}_weight"] for k in range(3)]
        filters, channels, width = w["conv_weight"].shape  # as one product over char windows
        self._conv = w["conv_weight"].transpose(2, 1, 0).reshape(width * channels, filters)
        self._conv_bias = w["conv_bias"]
        # Both directions step together: (2, B, H) @ (2, H, 4H). The input, forget and output
        # gate rows are halved so that one tanh over all gates gives sigmoid(x) as
        # (tanh(x / 2) + 1) / 2 and the cell candidate as tanh(x) (torch's gate order i f g o).
        size = w["lstm_weight_hh_l0"].shape[1]
        half = np.full(4 * size, 0.5, np.float32)
        half[2 * size : 3 * size] = 1.0
        directions = ("", "_reverse")
        self._w_ih = np.stack([w[f"lstm_weight_ih_l0{d}"].T * half for d in directions])
        self._w_hh = np.stack([w[f"lstm_weight_hh_l0{d}"].T * half for d in directions])
        self._bias = np.stack(
            [(w[f"lstm_bias_ih_l0{d}"] + w[f"lstm_bias_hh_l0{d}"]) * half for d in directions]
        )[:, None, None, :]
        self._out, self._out_bias = w["out_weight"].T.copy(), w["out_bias"]
        self._crf = tuple(w[k].astype(np.float64) for k in ("trans", "start", "end"))
        self._classes = {cls: i for i, cls in enumerate(LEXICON_CLASSES)}
        self._cache: dict[str, Matrix] = {}

    def _inputs(self, words: Sequence[str]) -> Matrix:
        """Input vectors of words: position-free, so each is computed once (bounded cache),
        the words not seen yet all through the character CNN together."""
        new = list(dict.fromkeys(w for w in words if w not in self._cache))
        if new:
            if len(self._cache) > CACHE_WORDS:
                self._cache.clear()
            self._cache.update(zip(new, self._compute_inputs(new), strict=True))
        return np.stack([self._cache[w] for w in words])

    def _compute_inputs(self, words: list[str]) -> list[Matrix]:
        """Embedding, character CNN (max over the word's letters), three cluster embeddings,
        lexicon classes: the concatenation the training script feeds the BiLSTM."""
        folded = [fold(w) or w for w in words]  # a lone tatweel stays itself, as in training
        chars = np.zeros((len(words), MAX_WORD_CHARS + 2), np.int64)  # zero padding each side
        for row, word in enumerate(folded):
            letters = [self._chars.get(ch, 1) for ch in word[:MAX_WORD_CHARS]]
            chars[row, 1 : len(letters) + 1] = letters
        emb = self._cemb[chars]  # the padding row of the table is zero
        windows = np.concatenate([emb[:, :-2], emb[:, 1:-1], emb[:, 2:]], axis=2)
        conv = np.maximum(windows @ self._conv + self._conv_bias, 0.0)
        conv[chars[:, 1:-1] == 0] = 0.0  # padding positions: relu output is ≥ 0 anyway
        clusters, lexicon = word_clusters(), feature_lexicon()
        out = []
        for word, char_vector in zip(folded, conv.max(axis=1), strict=True):
            cluster = clusters.get(word) or unknown_cluster(word)
            lex = np.zeros(len(LEXICON_CLASSES), np.float32)
            lex[[self._classes[c] for c in lexicon.get(word, ()) if c in self._classes]] = 1.0
            embedded = [
                table[ids.get(c, 0)]
                for table, ids, c in zip(self._clemb, self._cluster_ids, cluster, strict=True)
            ]
            out.append(
                np.concatenate([self._wemb[self._words.get(word, 1)], char_vector, *embedded, lex])
            )
        return out

    def _bilstm(self, x: Matrix, lengths: Matrix) -> Matrix:
        """Both LSTM directions over a batch (B × L × D) → B × L × 2H. The backward direction
        reads each sentence reversed from its own last word, so both start at step 0 and
        padding is never read into a sentence's states."""
        batch, steps, _ = x.shape
        size = self._w_hh.shape[1]
        rows = np.arange(batch)[:, None]
        back = np.maximum(lengths[:, None] - 1 - np.arange(steps), 0)  # reversed positions
        gates_in = x[None] @ self._w_ih[:, None] + self._bias  # (2, B, L, 4H)
        gates_in[1] = gates_in[1][rows, back]
        h = np.zeros((2, batch, size), np.float32)
        c = np.zeros((2, batch, size), np.float32)
        out = np.empty((2, batch, steps, size), np.float32)
        for t in range(steps):
            gates = np.tanh(gates_in[:, :, t] + h @ self._w_hh)
            gate = gates * 0.5 + 0.5  # sigmoid of the (halved) i, f, o rows
            c = gate[..., size : 2 * size] * c + gate[..., :size] * gates[..., 2 * size : 3 * size]
            h = gate[..., 3 * size :] * np.tanh(c)
            out[:, :, t] = h
        out[1] = out[1][rows, back]
        return np.concatenate([out[0], out[1]], axis=2)

    def emissions(self, sentences: Sequence[Sequence[str]]) -> list[Matrix]:
        """Tag scores (n × 7) of each non-empty sentence, all of them run as one batch."""
        lengths = np.array([len(s) for s in sentences])
        x = np.zeros((len(sentences), lengths.max(), self._w_ih.shape[1]), np.float32)
        for b, words in enumerate(sentences):
            x[b, : len(words)] = self._inputs(words)
        scores = self._bilstm(x, lengths) @ self._out + self._out_bias
        return [scores[b, :n].astype(np.float64) for b, n in enumerate(lengths)]

    def crf_marginals(self, emissions: Matrix) -> Matrix:
        """Tag marginals (n × 7) by forward-backward under the CRF layer, in probabilities
        rescaled at every step (the scales cancel): a 7 × 7 product per word, no logsumexp."""
        trans, start, end = (np.exp(a - a.max()) for a in self._crf)
        scores = np.exp(emissions - emissions.max(axis=1, keepdims=True))
        alpha = np.empty_like(scores)
        beta = np.empty_like(scores)
        alpha[0] = start * scores[0]
        alpha[0] /= alpha[0].sum()
        for t in range(1, len(scores)):
            alpha[t] = (alpha[t - 1] @ trans) * scores[t]
            alpha[t] /= alpha[t].sum()
        beta[-1] = end / end.sum()
        for t in range(len(scores) - 2, -1, -1):
            beta[t] = trans @ (scores[t + 1] * beta[t + 1])
            beta[t] /= beta[t].sum()
        joint = alpha * beta
        return joint / joint.sum(axis=1, keepdims=True)

    def decode(self, emissions: Matrix) -> list[str]:
        return viterbi(emissions, *self._crf)

    def _per_sentence(self, sentences: Sequence[Sequence[str]]) -> list[Matrix | None]:
        """Emissions of each sentence (None for an empty one), run in batches of sentences of
        similar length: little padding, and memory bounded however long the document. BLAS
        runs on one thread: on products this small, more threads doubled the CPU time and
        took cores from the other workers."""
        out: list[Matrix | None] = [None] * len(sentences)
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        with _blas().limit(limits=1, user_api="blas"):
            for first in range(0, len(order), BATCH):
                batch = order[first : first + BATCH]
                emissions = self.emissions([sentences[i] for i in batch])
                for i, scores in zip(batch, emissions, strict=True):
                    out[i] = scores
        return out

    def marginals_many(self, sentences: Sequence[Sequence[str]]) -> list[Matrix]:
        return [
            self.crf_marginals(e) if e is not None else _NO_WORDS
            for e in self._per_sentence(sentences)
        ]

    def _decoded(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], Matrix]]:
        return [
            (self.decode(e), self.crf_marginals(e)) if e is not None else ([], _NO_WORDS)
            for e in self._per_sentence(sentences)
        ]


class EnsembleModel(_MarginalTagger):
    """The feature CRF and the net together: the weighted mean of their tag marginals,
    decoded under the BIO constraints; a span's `p` is its lowest averaged marginal."""

    def __init__(self, crf: NerModel, net: NetModel, net_weight: float = NET_WEIGHT) -> None:
        self.crf, self.net, self.net_weight = crf, net, net_weight

    def marginals_many(self, sentences: Sequence[Sequence[str]]) -> list[Matrix]:
        nets = self.net.marginals_many(sentences)
        return [
            self.net_weight * net + (1 - self.net_weight) * self.crf.marginals(words)
            for words, net in zip(sentences, nets, strict=True)
        ]

    def _decoded(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], Matrix]]:
        """Tags decoded from the averaged marginals under the BIO constraints."""
        out = []
        for marginals in self.marginals_many(sentences):
            log = np.log(np.maximum(marginals, 1e-9))
            tags = viterbi(log, _BIO_TRANS, _BIO_START, np.zeros(len(TAGS))) if len(log) else []
            out.append((tags, marginals))
        return out


def ensemble_model() -> EnsembleModel:
    """The CRF and the neural tagger of `ner.model_dir()`, their tag marginals averaged:
    better on every dev corpus, about 3.5 times slower (MODEL_CARD.md). The `entities-net`
    stage uses it; loaded on first use, once per process and model directory."""
    return _ensemble(model_dir())


@lru_cache(maxsize=1)
def _ensemble(directory: Path) -> EnsembleModel:
    path = directory / NET_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path}: no neural tagger (scripts/train_ner_net.py makes one)")
    return EnsembleModel(default_model(), NetModel(path))
