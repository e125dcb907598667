"""Near-duplicate stories: the same wire text republished by several sites.

Each document gets a MinHash signature (datasketch) of its word 4-gram shingles, cut into
LSH bands stored in `minhash_bands`. A new document whose bands meet a stored document's is
compared on the exact shingle sets; at Jaccard ≥ THRESHOLD it is linked to that story's first
copy (`documents.duplicate_of`), so its events are kept but not counted twice.
"""

from __future__ import annotations

import struct
from hashlib import blake2b

from datasketch import MinHash
from sqlalchemy import Connection, and_, or_, select

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


def link_duplicate(conn: Connection, pk: int, folded: str) -> str | None:
    """Record the bands of document `pk`; return the id of the story it duplicates, if any."""
    grams = shingles(folded)
    if not grams:
        return None
    keys = band_keys(grams)
    match = or_(*(and_(minhash_bands.c.band == b, minhash_bands.c.hash == h) for b, h in keys))
    candidates = conn.execute(
        select(documents.c.id, documents.c.folded, documents.c.duplicate_of)
        .where(documents.c.pk.in_(select(minhash_bands.c.doc_pk).where(match)))
        .order_by(documents.c.pk)
    ).all()
    conn.execute(minhash_bands.insert(), [{"doc_pk": pk, "band": b, "hash": h} for b, h in keys])
    for row in candidates:
        if _jaccard(grams, shingles(row.folded)) >= THRESHOLD:
            return row.duplicate_of or row.id
    return None
