"""Train rasad's neural NER tagger (BiLSTM-CRF) and export it for numpy inference.

    nice -n 10 python scripts/train_ner_net.py --out /tmp/ner-net
        [--data ../shared/data] [--model-dir rasad/resources/ner] [--epochs 6] [--seed 1]

Needs torch (a venv with `pip install -e '.[train,build]'`: torch, scipy); run time needs numpy only
(`rasad.extract.ner_net`). Same data as `scripts/train_ner.py` (train parts of PEYMA, NSURL-600K
and Arman, our dev part held out, the run-time normalizer), same word clusters and feature
lexicon (read from `--model-dir`, the CRF's directory). Inputs per word: an embedding
initialised from PPMI-SVD vectors of the unlabeled text the clusters are built from
(`build_word_clusters.py`), a character CNN, the word's three cluster ids and its lexicon
classes; a BiLSTM reads them and a CRF layer scores tag sequences.

Writes `ner_net.npz` (float16 weights and vocabularies) and `ner_net_check.json` (tag scores
of a few sentences, computed by torch from the float16 weights: the test that numpy reproduces
them) into `--out`, with copies of the CRF, clusters and lexicon of `--model-dir`: a complete
model directory that `bench/ner.py --net --model-dir` measures (the CRF + net ensemble).
Deterministic for a given seed (one thread, fixed shuffles).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from build_word_clusters import cooccurrence, corpus_sentences, ppmi
from scipy.sparse.linalg import svds
from torch import nn
from train_ner import CORPORA, DATA, MODEL_DIR, fingerprint, load_corpus

from rasad.extract.ner import (
    CLUSTERS_FILE,
    LEXICON_FILE,
    MODEL_FILE,
    feature_lexicon,
    use_model_dir,
    word_clusters,
)
from rasad.extract.ner_net import (
    CHECK_FILE,
    LEXICON_CLASSES,
    MAX_WORD_CHARS,
    NET_FILE,
    TAGS,
    unknown_cluster,
)

# Sentences of the check fixture: written for it, in no corpus.
CHECK_SENTENCES = [
    "علی رضایی سفیر ایران در ترکیه دیروز با خبرنگاران گفت‌وگو کرد .",
    "مریم احمدی گفت که آلمان و فرانسه این طرح را رد کردند .",
    "وزارت امور خارجه روسیه از سفر هیئتی به تهران خبر داد .",
]
Encoded = tuple[list[int], list[list[int]], list[list[int]], np.ndarray]


def word_vectors(data: Path, dim: int) -> dict[str, np.ndarray]:
    """PPMI-SVD vectors of the cluster text (as `build_word_clusters.py` computes them before
    clustering: words seen ≥ 2 times, 10,000 context words, window 2)."""
    sentences = [s for s in corpus_sentences(data) if s]
    freq = Counter(w for s in sentences for w in s)
    vocab = {w: i for i, (w, c) in enumerate(freq.most_common()) if c >= 2}
    contexts = {w: i for i, (w, _) in enumerate(freq.most_common(10_000))}
    contexts.update({"<s>": len(contexts), "</s>": len(contexts) + 1})
    u, s, _ = svds(ppmi(cooccurrence(sentences, vocab, contexts, 2)), k=dim, random_state=0)
    vectors = u * np.sqrt(s)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return {w: vectors[i].astype(np.float32) for w, i in vocab.items()}


class Vocab:
    """Index maps of words, characters and cluster ids (0 padding, 1 unknown)."""

    def __init__(self, sentences: list[list[str]], vectors: dict[str, np.ndarray]) -> None:
        freq = Counter(w for s in sentences for w in s)
        words = {w for w, c in freq.items() if c >= 2} | set(vectors)
        self.words = ["<pad>", "<unk>", *sorted(words)]
        letters = Counter(ch for w in freq for ch in w)
        self.chars = ["<pad>", "<unk>", *sorted(ch for ch, n in letters.items() if n >= 5)]
        levels = zip(*word_clusters().values(), strict=True)
        self.clusters = [["<pad>", *sorted(set(ids) | {"U", "D"})] for ids in levels]
        self._w = {w: i for i, w in enumerate(self.words)}
        self._c = {c: i for i, c in enumerate(self.chars)}
        self._cl = [{c: i for i, c in enumerate(ids)} for ids in self.clusters]
        self._classes = {c: i for i, c in enumerate(LEXICON_CLASSES)}

    def word_id(self, word: str) -> int:
        return self._w.get(word, 1)

    def encode(self, words: list[str]) -> Encoded:
        """Word ids, character ids, cluster ids and lexicon classes of a sentence."""
        clusters, lexicon = word_clusters(), feature_lexicon()
        lex = np.zeros((len(words), len(LEXICON_CLASSES)), np.float32)
        for row, word in enumerate(words):
            lex[row, [self._classes[c] for c in lexicon.get(word, ()) if c in self._classes]] = 1
        return (
            [self.word_id(w) for w in words],
            [[self._c.get(ch, 1) for ch in w[:MAX_WORD_CHARS]] for w in words],
            [
                [
                    m.get(c, 0)
                    for m, c in zip(self._cl, clusters.get(w) or unknown_cluster(w), strict=True)
                ]
                for w in words
            ],
            lex,
        )


def batch_tensors(
    items: list[Encoded], unk_rate: float, rng: torch.Generator
) -> dict[str, torch.Tensor]:
    """Pad a batch; training replaces `unk_rate` of the words by the unknown word."""
    n_words = max(len(it[0]) for it in items)
    n_chars = max(3, max(len(c) for it in items for c in it[1]))
    out = {
        "words": torch.zeros(len(items), n_words, dtype=torch.long),
        "chars": torch.zeros(len(items), n_words, n_chars, dtype=torch.long),
        "clusters": torch.zeros(len(items), n_words, 3, dtype=torch.long),
        "lexicon": torch.zeros(len(items), n_words, len(LEXICON_CLASSES)),
        "mask": torch.zeros(len(items), n_words, dtype=torch.bool),
    }
    for b, (words, chars, clusters, lex) in enumerate(items):
        ids = torch.tensor(words)
        if unk_rate:
            ids = torch.where(torch.rand(len(ids), generator=rng) < unk_rate, 1, ids)
        out["words"][b, : len(words)] = ids
        for j, letters in enumerate(chars):
            out["chars"][b, j, : len(letters)] = torch.tensor(letters)
        out["clusters"][b, : len(words)] = torch.tensor(clusters)
        out["lexicon"][b, : len(words)] = torch.from_numpy(lex)
        out["mask"][b, : len(words)] = True
    return out


class Tagger(nn.Module):
    """The network `rasad.extract.ner_net.NetModel` runs in numpy (same names, same order)."""

    def __init__(self, vocab: Vocab, args: argparse.Namespace) -> None:
        super().__init__()
        self.wemb = nn.Embedding(len(vocab.words), args.word_dim, padding_idx=0)
        self.cemb = nn.Embedding(len(vocab.chars), args.char_dim, padding_idx=0)
        self.conv = nn.Conv1d(args.char_dim, args.char_filters, 3, padding=1)
        self.clemb = nn.ModuleList(
            [nn.Embedding(len(ids), args.cluster_dim, padding_idx=0) for ids in vocab.clusters]
        )
        size = args.word_dim + args.char_filters + 3 * args.cluster_dim + len(LEXICON_CLASSES)
        self.drop = nn.Dropout(args.dropout)
        self.lstm = nn.LSTM(size, args.hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * args.hidden, len(TAGS))
        self.trans = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
        self.start = nn.Parameter(torch.zeros(len(TAGS)))
        self.end = nn.Parameter(torch.zeros(len(TAGS)))

    def emissions(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        chars = batch["chars"].flatten(0, 1)
        conv = torch.relu(self.conv(self.cemb(chars).transpose(1, 2)))
        conv = conv.masked_fill((chars == 0).unsqueeze(1), 0.0).max(2).values  # relu ≥ 0
        clusters = [emb(batch["clusters"][..., k]) for k, emb in enumerate(self.clemb)]
        words = self.wemb(batch["words"])
        conv = conv.view(*words.shape[:2], -1)
        x = self.drop(torch.cat([words, conv, *clusters, batch["lexicon"]], -1))
        lengths = batch["mask"].sum(1)
        packed = nn.utils.rnn.pack_padded_sequence(
            x, lengths, batch_first=True, enforce_sorted=False
        )
        hidden, _ = nn.utils.rnn.pad_packed_sequence(
            self.lstm(packed)[0], batch_first=True, total_length=x.shape[1]
        )
        return self.out(self.drop(hidden))

    def nll(self, emissions: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Negative log-likelihood of the gold tag sequences under the CRF (summed)."""
        rows = torch.arange(len(tags))
        gold = self.start[tags[:, 0]] + emissions[rows, 0, tags[:, 0]]
        alpha = self.start + emissions[:, 0]
        for t in range(1, emissions.shape[1]):
            step = self.trans[tags[:, t - 1], tags[:, t]] + emissions[rows, t, tags[:, t]]
            gold = gold + step * mask[:, t]
            moved = torch.logsumexp(
                alpha.unsqueeze(2) + self.trans + emissions[:, t].unsqueeze(1), 1
            )
            alpha = torch.where(mask[:, t : t + 1], moved, alpha)
        gold = gold + self.end[tags[rows, mask.sum(1) - 1]]
        return (torch.logsumexp(alpha + self.end, 1) - gold).sum()


def train(args: argparse.Namespace) -> None:
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    shuffle = random.Random(args.seed)
    dropout_rng = torch.Generator().manual_seed(args.seed)
    use_model_dir(args.model_dir)  # the CRF's clusters and lexicon: the same inputs at run time
    start = time.perf_counter()
    corpus = [s for name in CORPORA for s in load_corpus(name, "train", args.data)]
    vectors = word_vectors(args.data, args.word_dim)
    vocab = Vocab([words for words, _ in corpus], vectors)
    model = Tagger(vocab, args)
    with torch.no_grad():
        nn.init.normal_(model.wemb.weight, 0.0, 0.1)
        for word, vector in vectors.items():
            model.wemb.weight[vocab.word_id(word)] = torch.from_numpy(vector)
    data = [
        (vocab.encode(words), torch.tensor([TAGS.index(t) for t in tags])) for words, tags in corpus
    ]
    order = sorted(range(len(data)), key=lambda i: len(data[i][1]))  # similar lengths per batch
    batches = [order[i : i + args.batch] for i in range(0, len(order), args.batch)]
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    prepared = time.perf_counter()
    for epoch in range(args.epochs):
        shuffle.shuffle(batches)
        for group in optimizer.param_groups:
            group["lr"] = args.lr / (1 + args.decay * epoch)
        total = 0.0
        for batch_ids in batches:
            items = [data[i] for i in batch_ids]
            batch = batch_tensors([enc for enc, _ in items], args.unk_rate, dropout_rng)
            tags = nn.utils.rnn.pad_sequence([t for _, t in items], batch_first=True)
            loss = model.nll(model.emissions(batch), tags, batch["mask"])
            optimizer.zero_grad()
            (loss / len(items)).backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            total += loss.item()
        print(
            f"epoch {epoch + 1}: loss {total:.0f}, {time.perf_counter() - prepared:.0f} s",
            flush=True,
        )
    args.out.mkdir(parents=True, exist_ok=True)
    for name in (MODEL_FILE, CLUSTERS_FILE, LEXICON_FILE):  # a complete model directory
        if args.model_dir.resolve() != args.out.resolve():
            shutil.copyfile(args.model_dir / name, args.out / name)
    export(model, vocab, args.out)
    print(
        json.dumps(
            {
                "tokens": sum(len(words) for words, _ in corpus),
                "vocabulary": len(vocab.words),
                "prepare_seconds": round(prepared - start, 1),
                "train_seconds": round(time.perf_counter() - prepared, 1),
                "bytes": (args.out / NET_FILE).stat().st_size,
                "data_sha256": fingerprint(args.data),
                "command": " ".join(["python", *sys.argv]),
            },
            ensure_ascii=False,
            indent=1,
        )
    )


def export(model: Tagger, vocab: Vocab, out: Path) -> None:
    """float16 weights under the names `NetModel` reads, and the check fixture computed by
    torch from those same rounded weights."""
    model.eval()
    with torch.no_grad():
        for param in model.parameters():
            param.copy_(param.half().float())
    state = {k: v.numpy().astype(np.float16) for k, v in model.state_dict().items()}
    arrays = {
        "words": np.array(vocab.words),
        "chars": np.array(vocab.chars),
        **{f"clusters{k}": np.array(ids) for k, ids in enumerate(vocab.clusters)},
        **{k.replace(".", "_"): v for k, v in state.items()},
    }
    np.savez_compressed(out / NET_FILE, **arrays)
    check = []
    with torch.no_grad():
        for sentence in CHECK_SENTENCES:
            words = sentence.split()
            batch = batch_tensors([vocab.encode(words)], 0.0, torch.Generator())
            emissions = model.emissions(batch)[0].double()
            check.append({"words": words, "emissions": emissions.numpy().round(4).tolist()})
    (out / CHECK_FILE).write_text(json.dumps(check, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, required=True, help="directory for ner_net.npz")
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR, help="clusters + lexicon")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--decay", type=float, default=0.3, help="lr / (1 + decay × epoch)")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--dropout", type=float, default=0.5)
    parser.add_argument("--unk-rate", type=float, default=0.05, help="word dropout")
    parser.add_argument("--word-dim", type=int, default=100)
    parser.add_argument("--char-dim", type=int, default=24)
    parser.add_argument("--char-filters", type=int, default=50)
    parser.add_argument("--cluster-dim", type=int, default=16)
    parser.add_argument("--hidden", type=int, default=128)
    train(parser.parse_args())


if __name__ == "__main__":
    main()
