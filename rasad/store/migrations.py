"""Recorded schema migrations, for SQLite and PostgreSQL alike.

Migrations are named functions applied in order and recorded in `schema_version`; each is
idempotent (`checkfirst`, `IF NOT EXISTS`, delete-then-fill backfills), so re-applying one
after a crash is harmless. The whole run is one transaction where the database allows it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, case, delete, inspect, select, text
from sqlalchemy.exc import DBAPIError

from rasad.store.dedup import Signature
from rasad.store.schema import (
    documents,
    dyads,
    event_participants,
    events,
    metadata,
    minhash_bands,
    schema_version,
)
from rasad.store.writer import insert_rows


def _initial(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


# FTS5 over the folded copy, kept in step with `documents` by triggers. External content:
# the index stores no second copy of the text. SQLite only; PostgreSQL searches `folded`.
_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "folded, content='documents', content_rowid='pk', tokenize='unicode61')",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, folded) VALUES (new.pk, new.folded); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_ad AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, folded) VALUES ('delete', old.pk, "
    "old.folded); END",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
)


def _sqlite_fts(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    for statement in _FTS:
        conn.exec_driver_sql(statement)


def _near_duplicates(conn: Connection) -> None:
    """Stores made before near-duplicate linking get the column and the bands table."""
    if "duplicate_of" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN duplicate_of VARCHAR")
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS ix_documents_duplicate_of ON documents (duplicate_of)"
        )
    minhash_bands.create(conn, checkfirst=True)


def _bulk_indexes(conn: Connection) -> None:
    """Batched near-duplicate look-ups search band hashes alone."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_minhash_bands_band_hash")
    for index in minhash_bands.indexes:
        index.create(conn, checkfirst=True)


BACKFILL_CHUNK = 500  # documents per read when re-computing stored rows


def _numpy_minhash(conn: Connection) -> None:
    """Band hashes are now computed with numpy (see dedup.py): re-compute the stored ones,
    or later copies of stored stories would no longer meet them."""
    conn.execute(delete(minhash_bands))
    last = 0
    while chunk := conn.execute(
        select(documents.c.pk, documents.c.folded).where(documents.c.pk > last)
        .order_by(documents.c.pk).limit(BACKFILL_CHUNK)
    ).all():
        insert_rows(conn, minhash_bands, [{"doc_pk": pk, "band": b, "hash": h}
                                          for pk, folded in chunk
                                          for b, h in Signature.of(folded).keys])
        last = chunk[-1].pk


def _dyads(conn: Connection) -> None:
    """The dyad timeline index (schema.dyads), filled from the stored events."""
    dyads.create(conn, checkfirst=True)
    conn.execute(delete(dyads))
    e, src, tgt = events, event_participants.alias("s"), event_participants.alias("t")
    s_key, t_key = src.c.country, tgt.c.country
    if conn.dialect.name == "postgresql":  # order pairs by code point, as Python does
        s_key, t_key = s_key.collate("C"), t_key.collate("C")
    first = case((s_key <= t_key, src.c.country), else_=tgt.c.country)
    second = case((s_key <= t_key, tgt.c.country), else_=src.c.country)
    rows = (
        select(e.c.id, first, second, e.c.date_first.is_(None), e.c.date_first, e.c.date,
               documents.c.id, e.c.evidence_start, e.c.seq, e.c.type, e.c.date_last)
        .distinct()
        .join(documents, documents.c.pk == e.c.doc_pk)
        .join(src, (src.c.event_id == e.c.id) & (src.c.side == "source"))
        .join(tgt, (tgt.c.event_id == e.c.id) & (tgt.c.side == "target"))
        .where(documents.c.duplicate_of.is_(None), src.c.country.is_not(None),
               tgt.c.country.is_not(None))
    )
    columns = ["event_id", "a", "b", "undated", "date_first", "date", "doc_id",
               "evidence_start", "seq", "type", "date_last"]
    conn.execute(dyads.insert().from_select(columns, rows))


def _postgres_trigram(conn: Connection) -> None:
    """PostgreSQL search looks for substrings of `documents.folded`: a pg_trgm GIN index
    serves those LIKE queries. Creating the extension needs a privilege the store's role
    may lack; then search keeps working, by scanning, and the index can be added later by
    an administrator (`CREATE EXTENSION pg_trgm`, then the CREATE INDEX below)."""
    if conn.dialect.name != "postgresql":
        return
    try:
        with conn.begin_nested():
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except DBAPIError:
        return
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_documents_folded_trgm "
                      "ON documents USING gin (folded gin_trgm_ops)"))


Migration = Callable[[Connection], None]
MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("0001_initial", _initial),
    ("0002_sqlite_fts5", _sqlite_fts),
    ("0003_near_duplicates", _near_duplicates),
    ("0004_bulk_indexes", _bulk_indexes),
    ("0005_numpy_minhash", _numpy_minhash),
    ("0006_dyads", _dyads),
    ("0007_postgres_trigram", _postgres_trigram),
)


def migrate(conn: Connection) -> list[str]:
    """Apply the migrations not yet recorded (in order) and record them; returns their names.

    The caller holds the write transaction, so two processes opening a new store at once
    apply each migration once.
    """
    schema_version.create(conn, checkfirst=True)
    done = set(conn.scalars(select(schema_version.c.name)))
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        step(conn)
        conn.execute(
            schema_version.insert().values(name=name, applied_at=datetime.now(UTC))
        )
        applied.append(name)
    return applied
