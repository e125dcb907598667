"""Near-duplicate stories: the same wire text republished by several sites.

Each document gets a MinHash signature (datasketch) of its word 4-gram shingles, cut into
LSH bands stored in `minhash_bands`. A new document whose bands meet a stored document's is
compared on the exact shingle sets; at Jaccard ≥ THRESHOLD it is linked to that story's first
copy (`documents.duplicate_of`), so its events are kept but not counted twice.

A batch is linked with one look-up of all its band hashes (indexed on `hash` alone), and a
document is also compared with the batch's earlier documents, which are not stored yet.
"""

from __future__ import annotations

import struct
from collections import defaultdict
from collections.abc import Sequence
from hashlib import blake2b
from typing import Any

from datasketch import MinHash
from sqlalchemy import Connection, select

from rasad.store.schema import documents, minhash_bands

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: candidates from about Jaccard 0.5 up
ROWS = NUM_PERM // BANDS
SHINGLE = 4
THRESHOLD = 0.8


def shingles(folded: str) -> set[bytes]:
    """Word 4-grams of the search-folded text (short texts: the words themselves)."""
    words = folded.split()
    if len(words) < SHINGLE:
        return {w.encode() for w in words}
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def band_keys(grams: set[bytes]) -> list[tuple[int, int]]:
    """(band number, band hash) pairs of the MinHash signature."""
    sig = MinHash(num_perm=NUM_PERM)
    sig.update_batch(list(grams))
    values = [int(v) for v in sig.hashvalues]
    keys = []
    for band in range(BANDS):
        chunk = struct.pack(f"<{ROWS}Q", *values[band * ROWS : (band + 1) * ROWS])
        digest = int.from_bytes(blake2b(chunk, digest_size=8).digest(), "little") >> 1
        keys.append((band, digest))  # >> 1 keeps it a positive signed 64-bit integer
    return keys


def _jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


LOOKUP_CHUNK = 900  # band hashes per IN (...) look-up


def _stored_bands(conn: Connection, hashes: set[int]) -> dict[tuple[int, int], list[int]]:
    """Stored documents (pks) per (band, hash) among `hashes`."""
    found: dict[tuple[int, int], list[int]] = defaultdict(list)
    wanted = sorted(hashes)
    b = minhash_bands.c
    for i in range(0, len(wanted), LOOKUP_CHUNK):
        rows = conn.execute(
            select(b.doc_pk, b.band, b.hash).where(b.hash.in_(wanted[i : i + LOOKUP_CHUNK]))
        )
        for doc_pk, band, value in rows:
            found[(band, value)].append(doc_pk)
    return found


def _stored_docs(conn: Connection, pks: set[int]) -> dict[int, tuple[str, set[bytes], Any]]:
    """(id, shingles, duplicate_of) of stored candidate documents."""
    rows = conn.execute(
        select(documents.c.pk, documents.c.id, documents.c.folded, documents.c.duplicate_of)
        .where(documents.c.pk.in_(sorted(pks)))
    )
    return {r.pk: (r.id, shingles(r.folded), r.duplicate_of) for r in rows}


def link_duplicates(
    conn: Connection, new: Sequence[tuple[int, str, str]]
) -> tuple[dict[int, str], list[dict[str, int]]]:
    """For new documents (pk, id, folded text) in pk order: the id of the story each one
    duplicates (pk -> id, originals absent), and their band rows to insert after them."""
    grams = {pk: shingles(folded) for pk, _, folded in new}
    keys = {pk: band_keys(g) for pk, g in grams.items() if g}
    buckets = _stored_bands(conn, {h for ks in keys.values() for _, h in ks})
    known = _stored_docs(conn, {pk for ks in keys.values() for k in ks for pk in buckets[k]})
    originals: dict[int, str] = {}
    for pk, doc_id, _ in new:
        candidates = sorted({c for k in keys.get(pk, ()) for c in buckets[k]})
        for c in candidates:
            other_id, other_grams, other_original = known[c]
            if _jaccard(grams[pk], other_grams) >= THRESHOLD:
                originals[pk] = other_original or other_id
                break
        known[pk] = (doc_id, grams[pk], originals.get(pk))
        for k in keys.get(pk, ()):
            buckets[k].append(pk)
    rows = [{"doc_pk": pk, "band": b, "hash": h} for pk, ks in keys.items() for b, h in ks]
    return originals, rows
