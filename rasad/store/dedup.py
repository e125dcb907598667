"""Near-duplicate stories: the same wire text republished by several sites.

Each document gets a MinHash signature of its word 4-gram shingles, cut into LSH bands stored
in `minhash_bands`. A new document whose bands meet a stored document's is compared on the
exact shingle sets; at Jaccard ≥ THRESHOLD it is linked to that story's first copy
(`documents.duplicate_of`), so its events are kept but not counted twice.

The signature is computed with numpy, not a hash call per shingle: each distinct word is
hashed once (blake2b, cached), a shingle's 64-bit hash is mixed from its four words' hashes,
and the 64 permutations are multiply-shift hashes applied to all shingles at once. Every
hash is seeded and platform independent, because band hashes are stored and compared across
processes and runs (migration 0005 re-computed the bands of stores made before).

A batch is linked with one look-up of all its band hashes (indexed on `hash` alone), and a
document is also compared with the batch's earlier documents, which are not stored yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from hashlib import blake2b
from typing import Any

import numpy as np
from sqlalchemy import Connection, bindparam, select

from rasad.store.schema import documents, minhash_bands

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: candidates from about Jaccard 0.5 up
ROWS = NUM_PERM // BANDS
SHINGLE = 4
THRESHOLD = 0.8

_U64 = np.uint64


def _constants(name: str) -> np.ndarray:
    """NUM_PERM fixed 64-bit constants (from blake2b, so no generator version can change
    them)."""
    return np.array([int.from_bytes(blake2b(f"{name}{i}".encode(), digest_size=8).digest(),
                                    "little") for i in range(NUM_PERM)], dtype=np.uint64)


_MUL = _constants("mul") | np.uint64(1)  # odd multipliers: multiply-shift permutations
_ADD = _constants("add")
_BAND_SALT = (np.arange(BANDS, dtype=_U64) + _U64(1)) * _U64(0x9E3779B97F4A7C15)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer: spreads every input bit over the 64 output bits."""
    x = (x ^ (x >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> _U64(27))) * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


WORD_CACHE = 1 << 18  # words whose hash is remembered; later new words are hashed each time


class _WordHashes(dict[str, int]):
    """Each word's 64-bit blake2b hash, remembered for the first WORD_CACHE words: a plain
    dict look-up per word costs two thirds of an lru_cache call, and a corpus's common words
    come early."""

    def __missing__(self, word: str) -> int:
        value = int.from_bytes(blake2b(word.encode(), digest_size=8).digest(), "little")
        if len(self) < WORD_CACHE:
            self[word] = value
        return value


_word_hash = _WordHashes().__getitem__


def _gram_hashes(folded: str) -> np.ndarray:
    """64-bit hashes of the word 4-grams of the search-folded text (short texts: of the
    words themselves), repeats included: a MinHash minimum is the same without them."""
    words = folded.split()
    hashes = np.fromiter(map(_word_hash, words), dtype=_U64, count=len(words))
    if len(words) >= SHINGLE:
        grams = hashes[: len(words) - SHINGLE + 1].copy()
        for i in range(1, SHINGLE):
            grams *= _U64(0x100000001B3)
            grams += hashes[i : len(words) - SHINGLE + 1 + i]
        hashes = grams
    return _mix(hashes)


def shingles(folded: str) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the word 4-grams of the search-folded text (short
    texts: of the words themselves)."""
    return np.unique(_gram_hashes(folded))


def _signature(grams: np.ndarray) -> np.ndarray:
    """The NUM_PERM minima of non-empty `grams` (in place: one temporary array)."""
    values = np.multiply.outer(grams, _MUL)
    values += _ADD
    values >>= _U64(32)
    return values.min(axis=0)


def _bands(signatures: np.ndarray) -> list[list[tuple[int, int]]]:
    """(band number, band hash) pairs of each row of `signatures` (documents x NUM_PERM),
    mixed for all rows at once: per document, the few dozen numpy calls on 16 numbers cost
    more than the signature."""
    rows = signatures.reshape(len(signatures), BANDS, ROWS)
    acc = rows[:, :, 0]
    for i in range(1, ROWS):
        acc = _mix(acc ^ _BAND_SALT) + rows[:, :, i]
    digests = _mix(acc ^ _BAND_SALT) >> _U64(1)  # positive signed 64-bit integers
    return [list(enumerate(row)) for row in digests.tolist()]


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if not (a.size or b.size):
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared)


LOOKUP_CHUNK = 900  # band hashes per IN (...) look-up
# One statement whose IN list is filled in at execution: building an IN clause of 900
# literal values for every look-up cost SQLAlchemy more time than SQLite's index search.
_BANDS_OF = select(minhash_bands.c.doc_pk, minhash_bands.c.band, minhash_bands.c.hash).where(
    minhash_bands.c.hash.in_(bindparam("hashes", expanding=True)))


def _stored_bands(conn: Connection, hashes: set[int]) -> dict[tuple[int, int], list[int]]:
    """Stored documents (pks) per (band, hash) among `hashes`."""
    found: dict[tuple[int, int], list[int]] = defaultdict(list)
    wanted = sorted(hashes)
    for i in range(0, len(wanted), LOOKUP_CHUNK):
        rows = conn.execute(_BANDS_OF, {"hashes": wanted[i : i + LOOKUP_CHUNK]})
        for doc_pk, band, value in rows:
            found[(band, value)].append(doc_pk)
    return found


def _stored_docs(conn: Connection, pks: set[int]) -> dict[int, tuple[str, str, Any]]:
    """(id, folded text, duplicate_of) of stored candidate documents."""
    if not pks:
        return {}
    rows = conn.execute(
        select(documents.c.pk, documents.c.id, documents.c.folded, documents.c.duplicate_of)
        .where(documents.c.pk.in_(sorted(pks)))
    )
    return {r.pk: (r.id, r.folded, r.duplicate_of) for r in rows}


def band_keys_of(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """The (band, hash) keys of each search-folded text; none for a text without words.
    They need the text alone, so a worker process can compute them (writer.prepare_chunk,
    a chunk at once)."""
    grams = [_gram_hashes(text) for text in texts]
    worded = [i for i, g in enumerate(grams) if g.size]
    keys: list[list[tuple[int, int]]] = [[] for _ in texts]
    if worded:
        signatures = np.stack([_signature(grams[i]) for i in worded])
        for i, doc_keys in zip(worded, _bands(signatures), strict=True):
            keys[i] = doc_keys
    return keys


def link_duplicates(
    conn: Connection, new: Sequence[tuple[int, str, str, list[tuple[int, int]]]]
) -> dict[int, str]:
    """For new documents (pk, id, folded text, band keys) in pk order: the id of the story
    each one duplicates (pk -> id, originals absent). Shingles are computed only for
    documents that meet a candidate, which few do. A document that shares no band with a
    stored one nor with another of `new` is never linked, so the caller may leave it out."""
    buckets = _stored_bands(conn, {h for *_, keys in new for _, h in keys})
    known = _stored_docs(conn, {pk for *_, keys in new for k in keys for pk in buckets[k]})
    grams: dict[int, np.ndarray] = {}

    def grams_of(pk: int) -> np.ndarray:
        if pk not in grams:
            grams[pk] = shingles(known[pk][1])
        return grams[pk]

    originals: dict[int, str] = {}
    for pk, doc_id, folded, keys in new:
        known[pk] = (doc_id, folded, None)
        for c in sorted({c for k in keys for c in buckets[k]}):
            other_id, _, other_original = known[c]
            if _jaccard(grams_of(pk), grams_of(c)) >= THRESHOLD:
                originals[pk] = other_original or other_id
                known[pk] = (doc_id, folded, originals[pk])
                break
        for k in keys:
            buckets[k].append(pk)
    return originals
