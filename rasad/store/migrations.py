"""Recorded schema migrations, for SQLite and PostgreSQL alike.

Migrations are named functions applied in order and recorded in `schema_version`; each is
idempotent (`checkfirst`, `IF NOT EXISTS`, delete-then-fill backfills), so re-applying one
after a crash is harmless. The whole run is one transaction where the database allows it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    Connection,
    String,
    Table,
    column,
    delete,
    func,
    inspect,
    select,
    text,
    type_coerce,
)
from sqlalchemy import table as sql_table
from sqlalchemy.exc import DBAPIError

from rasad.store.dedup import band_keys_of
from rasad.store.queries import keyset_chunks
from rasad.store.schema import (
    documents,
    dyads,
    event_participants,
    events,
    metadata,
    minhash_bands,
    schema_version,
)
from rasad.store.search import TS_BLANKED, TS_INDEXED_CHARS
from rasad.store.writer import dyad_rows, insert_rows


def _initial(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


# FTS5 over the folded copy, kept in step with `documents` by triggers (since 0008 only the
# delete trigger: ingest indexes each batch, writer.FTS_INDEX). External content: the index
# stores no second copy of the text. SQLite only; PostgreSQL has a tsvector column (0010).
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


def _sqlite_fts_batch(conn: Connection) -> None:
    """Ingest now indexes a batch's documents at once (writer.FTS_INDEX), not by trigger."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS documents_fts_ai")


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


BACKFILL_CHUNK = 500  # rows per read when re-computing stored rows


def _numpy_minhash(conn: Connection) -> None:
    """Band hashes are now computed with numpy (see dedup.py): re-compute the stored ones,
    or later copies of stored stories would no longer meet them."""
    conn.execute(delete(minhash_bands))
    for chunk in keyset_chunks(conn, select(documents.c.pk, documents.c.folded), documents.c.pk,
                               BACKFILL_CHUNK):
        keys = band_keys_of([folded for _, folded in chunk])
        insert_rows(conn, minhash_bands, [(pk, b, h) for (pk, _), doc_keys
                                          in zip(chunk, keys, strict=True)
                                          for b, h in doc_keys])


def _dyads(conn: Connection) -> None:
    """The dyad timeline index (schema.dyads), filled from the stored events by the function
    ingest uses (writer.dyad_rows), so a backfilled store has the rows ingest would write."""
    dyads.create(conn, checkfirst=True)
    conn.execute(delete(dyads))
    e = events.c  # the columns dyad_rows reads: a later migration may add others
    as_stored = {c.name: type_coerce(c, String).label(c.name) for c in (e.date_first,
                                                                         e.date_last,
                                                                         documents.c.published)}
    counted = (
        select(e.id, as_stored["date_first"], e.date, e.evidence_start, e.seq, e.type,
               as_stored["date_last"], documents.c.id.label("doc_id"), as_stored["published"])
        .join(documents, documents.c.pk == e.doc_pk)
        .where(documents.c.duplicate_of.is_(None))  # a near-duplicate copy's are not counted
    )
    for chunk in keyset_chunks(conn, counted, e.id, BACKFILL_CHUNK):
        parts = _countries_by_event(conn, [ev.id for ev in chunk])
        insert_rows(conn, dyads, [row for ev in chunk for row in dyad_rows(
            ev.doc_id, ev.id, ev._asdict(), parts[ev.id], ev.published)])


def _countries_by_event(conn: Connection,
                        event_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Each event's participants with a country, as (side, country) pairs."""
    p = event_participants.c
    out: dict[int, list[tuple[str, str]]] = {i: [] for i in event_ids}
    for event_id, side, country in conn.execute(
        select(p.event_id, p.side, p.country)
        .where(p.event_id.in_(event_ids), p.country.is_not(None))
    ):
        out[event_id].append((side, country))
    return out


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


def _fewer_btrees(conn: Connection) -> None:
    """Ingest writes each row into every B-tree of its table: the band and dyad tables get
    primary keys that SQLite stores the rows in (schema.py), which replaces the rowid table
    (minhash_bands) or ix_dyads_event (dyads), and mentions lose an index no query reads."""
    for table in (minhash_bands, dyads):
        _rebuild_keyed(conn, table)
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_mentions_actor_id")


def _rebuild_keyed(conn: Connection, table: Table) -> None:
    """Re-create `table` as schema.py now defines it (with its primary key), keeping its
    rows; nothing to do where it was created so (a new store, or a re-run)."""
    if inspect(conn).get_pk_constraint(table.name)["constrained_columns"]:
        return
    for index in inspect(conn).get_indexes(table.name):  # names must be free for the new
        conn.exec_driver_sql(f"DROP INDEX {index['name']}")
    old = f"{table.name}_before_0009"
    conn.exec_driver_sql(f"ALTER TABLE {table.name} RENAME TO {old}")
    table.create(conn)
    names = [c.name for c in table.c]
    conn.execute(table.insert().from_select(
        names, select(*(column(n) for n in names)).select_from(sql_table(old))
    ))
    conn.exec_driver_sql(f"DROP TABLE {old}")


# The text PostgreSQL's phrase queries (queries.search_documents) match: the parser's words
# of the folded text, split where FTS5 splits (search.TS_BLANKED).
_TSVECTOR = (f"to_tsvector('simple', translate(left(folded, {TS_INDEXED_CHARS}), "
             f"'{TS_BLANKED}', '{' ' * len(TS_BLANKED)}'))")


def _postgres_tsvector(conn: Connection) -> None:
    """PostgreSQL search matches the query's spellings as phrases in a tsvector of `folded`
    (GIN-indexed), not as substrings with the trigram index: a common word's trigrams match
    most documents, and each was re-read and compared (p95 ~140 ms on bench/store.py
    --quick). The vector is kept in the row (STORAGE MAIN, set before the table is
    rewritten): a phrase's index hits are re-checked against their vectors, and fetching
    each from TOAST made that ~5x slower. New rows wait in the index's pending list, which
    every search reads through until it is merged: merged at 256 kB, not 4 MB, search after
    an ingest is ~2.5x faster at the same ingest rate. The trigram index goes: no query
    reads it."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_documents_folded_trgm")
    conn.exec_driver_sql(
        "ALTER TABLE documents ADD COLUMN IF NOT EXISTS folded_tsv tsvector "
        f"GENERATED ALWAYS AS ({_TSVECTOR}) STORED, ALTER COLUMN folded_tsv SET STORAGE MAIN"
    )
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_documents_folded_tsv ON documents "
                         "USING gin (folded_tsv) WITH (gin_pending_list_limit = 256)")


def _dyad_chart_day(conn: Connection) -> None:
    """The dyad chart counts an undated event at its article's publication day: the index
    keeps that day (`dyads.chart_day`, the first day for a dated event) so the chart reads
    the index alone; joining the undated rows to `documents` took the busiest pairs' chart
    from p95 85 to 143 ms at 1 M events. Fills the stored rows, then rebuilds the timeline
    index with the column (skipped where it has it: a new store, or a re-run)."""
    if "chart_day" not in {c["name"] for c in inspect(conn).get_columns("dyads")}:
        conn.exec_driver_sql("ALTER TABLE dyads ADD COLUMN chart_day DATE")
    published = (select(documents.c.published).where(documents.c.id == dyads.c.doc_id)
                 .scalar_subquery())
    conn.execute(dyads.update().where(dyads.c.chart_day.is_(None))
                 .values(chart_day=func.coalesce(dyads.c.date_first, published)))
    timeline = next(i for i in dyads.indexes if i.name == "ix_dyads_timeline")
    stored = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("dyads")}
    if stored.get(timeline.name) != [c.name for c in timeline.columns]:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {timeline.name}")
        timeline.create(conn)


Migration = Callable[[Connection], None]
MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("0001_initial", _initial),
    ("0002_sqlite_fts5", _sqlite_fts),
    ("0003_near_duplicates", _near_duplicates),
    ("0004_bulk_indexes", _bulk_indexes),
    ("0005_numpy_minhash", _numpy_minhash),
    ("0006_dyads", _dyads),
    ("0007_postgres_trigram", _postgres_trigram),
    ("0008_sqlite_fts_batch", _sqlite_fts_batch),
    ("0009_fewer_btrees", _fewer_btrees),
    ("0010_postgres_tsvector", _postgres_tsvector),
    ("0011_dyad_chart_day", _dyad_chart_day),
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
