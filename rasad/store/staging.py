"""Staged chunks: rows that reach SQLite's tables through SQLite, not through the driver.

With rows built in worker processes (writer.prepare_chunk), the one writer still spent most
of its time handing them to the driver: sqlite3 binds every value of every row, and the
writer makes each row's keys in Python. A worker can instead write a chunk's rows into a
small in-memory SQLite database of its own (`stage_chunk`, no indexes but one) and send it
as bytes (`sqlite3.Connection.serialize`). The writer deserializes it into a schema
attached to its connection (`STAGE`) and moves each table's rows with one
INSERT ... SELECT that adds the keys (`keys`: the writer's document and event keys per
staged document), so no stored row passes through Python. Replaying a bench run's batches,
SQLite's own work fell from 0.45 to 0.29 ms per article.

The rules are those of `writer.write_batch`, on the same functions: statuses from
`writer.pending`, keys from `allocate_ids`, near-duplicates from `dedup.link_duplicates`
(fed only the documents sharing a band with a stored or staged one, found in SQL), actors
merged by `upsert_actors`. PostgreSQL, and the one-document-at-a-time retry after a refused
batch, read a chunk's rows back as `Prepared` items (`Staged.prepared`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import accumulate, groupby
from typing import Any

from sqlalchemy import Boolean, Connection, Table

from rasad.model import Document, Failure
from rasad.store.dedup import link_duplicates
from rasad.store.schema import actors, documents, dyads, event_participants, events, minhash_bands
from rasad.store.writer import (
    CHILDREN,
    COLUMNS,
    FTS_INDEX,
    AddResult,
    Prepared,
    Row,
    _driver_value,
    allocate_ids,
    pending,
    prepare_chunk,
    upsert_actors,
    write_batch,
)

STAGE = "stage"  # the schema a chunk is deserialized into, on the writer's connection

# Each staged table holds `doc_ix` (the document's place in the chunk) and the columns of
# its Prepared rows, in the order of Prepared's fields (`_rows_of`).
_STAGED: dict[Table, tuple[str, ...]] = {
    documents: COLUMNS[documents][1:-2],  # `id` to `record`
    **{table: COLUMNS[table][1:] for table in CHILDREN},
    events: COLUMNS[events][2:],
    event_participants: COLUMNS[event_participants],  # `event_id` holds the event's seq
    dyads: COLUMNS[dyads],  # as above
    actors: COLUMNS[actors],
    minhash_bands: COLUMNS[minhash_bands][1:],
}


def _names(columns: Iterable[str], prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{c}"' for c in columns)


_SCHEMA = [
    f"CREATE TABLE {t.name} (doc_ix INTEGER{' PRIMARY KEY' if t is documents else ''}, "
    f"{_names(columns)})" for t, columns in _STAGED.items()
] + [
    "CREATE INDEX band_hash ON minhash_bands (hash, band)",  # finds shared bands
    # filled by the writer: each document to store, its keys, the story it copies
    "CREATE TABLE keys (doc_ix INTEGER PRIMARY KEY, pk INTEGER, first_event INTEGER, "
    "duplicate_of TEXT)",
]
_BOOLEANS = {t: frozenset(i for i, c in enumerate(columns) if isinstance(t.c[c].type, Boolean))
             for t, columns in _STAGED.items()}


def _rows_of(p: Prepared) -> tuple[list[Row], ...]:
    """The document's rows per staged table, in _STAGED's order."""
    return ([p.document], *p.children, p.events, p.participants, p.dyads, p.actors, p.bands)


@dataclass(frozen=True, slots=True)
class Staged:
    """The rows of `size` documents, in a serialized SQLite database (see the module
    docstring). Store.add_many takes it where it takes Prepared items."""

    data: bytes
    size: int

    def __len__(self) -> int:
        return self.size

    @classmethod
    def of(cls, prepared: Sequence[Prepared]) -> Staged:
        """The documents' rows in a new staging database (in a worker process)."""
        db = sqlite3.connect(":memory:")
        for statement in _SCHEMA:
            db.execute(statement)
        per_doc = [_rows_of(p) for p in prepared]
        for k, (table, columns) in enumerate(_STAGED.items()):
            db.executemany(
                f"INSERT INTO {table.name} VALUES ({', '.join('?' * (len(columns) + 1))})",
                ((ix, *row) for ix, rows in enumerate(per_doc) for row in rows[k]))
        db.commit()
        data = db.serialize()
        db.close()
        return cls(data, len(prepared))

    def prepared(self) -> list[Prepared]:
        """The chunk's documents as Prepared items, values as the driver takes them (flags
        as bools: SQLite gives back integers, PostgreSQL refuses them)."""
        db = sqlite3.connect(":memory:")
        db.deserialize(self.data)
        per_doc: list[tuple[list[Row], ...]] = [tuple([] for _ in _STAGED)
                                                for _ in range(self.size)]
        for k, (table, columns) in enumerate(_STAGED.items()):
            flags = _BOOLEANS[table]
            for ix, *row in db.execute(
                    f"SELECT doc_ix, {_names(columns)} FROM {table.name} ORDER BY rowid"):
                per_doc[ix][k].append(tuple(bool(v) if i in flags and v is not None else v
                                            for i, v in enumerate(row)))
        db.close()
        after = 1 + len(CHILDREN)  # _rows_of's order
        return [Prepared(rows[0][0], rows[1:after], *rows[after:]) for rows in per_doc]


def stage_chunk(docs: list[Document]) -> list[Document | Staged]:
    """A worker-process task, as `writer.prepare_chunk` is: the chunk's rows staged, and the
    documents `prepare` refuses as they are (the writer records why)."""
    items = prepare_chunk(docs)
    ready = [item for item in items if isinstance(item, Prepared)]
    refused = [item for item in items if isinstance(item, Document)]
    return [*refused, Staged.of(ready)] if ready else refused


@dataclass(frozen=True, slots=True)
class Extracted:
    """A chunk's extracted documents as an extraction worker hands them to the store's
    writer (`for_store`): each one's id and stage failures, for the writer's report, and
    their rows (Store.add_many's items)."""

    failures: list[tuple[str, list[Failure]]]  # per document, in input order
    rows: Sequence[Document | Prepared | Staged]

    def __len__(self) -> int:
        """The number of documents."""
        return len(self.failures)


def for_store(results: list[Any], *, stage: bool) -> list[Any]:
    """`rasad ingest`'s finish step (rasad.scale.run's `finish`, over a chunk's results
    where they were extracted): the chunk's documents as one Extracted item, after the
    other results (inputs skipped), their rows staged (`stage_chunk`, for SQLite) or
    prepared (`prepare_chunk`). The writer then unpickles rows, or moves a staged chunk by
    SQL, instead of unpickling documents, which with their tokens and sentences cost more."""
    docs = [item for item in results if isinstance(item, Document)]
    rest = [item for item in results if not isinstance(item, Document)]
    if not docs:
        return rest
    rows = stage_chunk(docs) if stage else prepare_chunk(docs)
    return [*rest, Extracted([(doc.id, doc.failures) for doc in docs], rows)]


# Statements on the attached chunk (schema STAGE), run by the writer.
_FOUND = (f"SELECT d.doc_ix, d.id, d.content_hash, m.content_hash FROM {STAGE}.documents d "
          f"LEFT JOIN main.documents m ON m.id = d.id ORDER BY d.doc_ix")
_EVENT_COUNTS = f"SELECT doc_ix, count(*) FROM {STAGE}.events GROUP BY doc_ix"
_SHARING = (  # documents with a band hash that a stored or another staged document has
    f"SELECT DISTINCT s.doc_ix FROM {STAGE}.minhash_bands s WHERE EXISTS (SELECT 1 FROM "
    f"main.minhash_bands m WHERE m.hash = s.hash AND m.band = s.band) OR EXISTS (SELECT 1 "
    f"FROM {STAGE}.minhash_bands o WHERE o.hash = s.hash AND o.band = s.band "
    f"AND o.doc_ix <> s.doc_ix)"
)
_KEYS = f"INSERT INTO {STAGE}.keys VALUES (?, ?, ?, ?)"
# A repeated actor row keeps its last place only: merging (writer._merged_actors) gives
# what it gives over every row, for a later non-empty value wins.
_ACTORS = (f"SELECT {_names(COLUMNS[actors], 's.')} FROM {STAGE}.actors s "
           f"JOIN {STAGE}.keys k USING (doc_ix) GROUP BY {_names(COLUMNS[actors], 's.')} "
           f"ORDER BY max(s.rowid)")


def _move(table: Table) -> str:
    """The INSERT ... SELECT that moves the staged rows of the documents in `keys` into
    `table`, with their keys; a near-duplicate copy's events get no dyad rows."""
    made = {"pk": "k.pk", "doc_pk": "k.pk", "ingested_at": "?",
            "duplicate_of": "k.duplicate_of",
            "id": "k.first_event + s.seq" if table is events else None,
            "event_id": "k.first_event + s.event_id"}
    values = ", ".join(made.get(c) or f's."{c}"' for c in COLUMNS[table])
    where = " WHERE k.duplicate_of IS NULL" if table is dyads else ""
    return (f"INSERT INTO main.{table.name} ({_names(COLUMNS[table])}) SELECT {values} "
            f"FROM {STAGE}.{table.name} s JOIN {STAGE}.keys k USING (doc_ix){where} "
            f"ORDER BY s.rowid")


_MOVES = [(table, _move(table)) for table in _STAGED if table is not actors]


def write_staged(conn: Connection, staged: Staged, *, refresh: bool = False
                 ) -> list[AddResult]:
    """Store a staged chunk in the caller's (SQLite) transaction; the same rules and rows as
    `write_batch` of its Prepared items."""
    driver = conn.connection.driver_connection
    if STAGE not in {row[1] for row in driver.execute("PRAGMA database_list")}:
        driver.execute(f"ATTACH ':memory:' AS {STAGE}")
    driver.deserialize(staged.data, name=STAGE)
    found = conn.exec_driver_sql(_FOUND).all()  # in doc_ix order: positions are doc_ix
    results, todo = pending(conn, [(doc_id, h) for _, doc_id, h, _ in found],
                            {doc_id: h for _, doc_id, _, h in found if h is not None}, refresh)
    if not todo:
        return results
    counts = dict(conn.exec_driver_sql(_EVENT_COUNTS).all())
    sizes = [counts.get(ix, 0) for ix in todo]
    pks = allocate_ids(conn, documents.c.pk, len(todo))
    first = (allocate_ids(conn, events.c.id, sum(sizes)) or [0])[0]  # consecutive on SQLite
    starts = list(accumulate(sizes, initial=first))[:-1]  # each document's first event id
    originals = link_duplicates(conn, _sharing(conn, dict(zip(todo, pks, strict=True))))
    conn.exec_driver_sql(_KEYS, [(ix, pk, start, originals.get(pk)) for ix, pk, start
                                 in zip(todo, pks, starts, strict=True)])
    upsert_actors(conn, [tuple(row) for row in conn.exec_driver_sql(_ACTORS)])
    now = _driver_value(conn, documents.c.ingested_at, datetime.now(UTC))
    for table, statement in _MOVES:  # documents first, then rows that refer to them
        conn.exec_driver_sql(statement, (now,) if table is documents else ())
    conn.exec_driver_sql(FTS_INDEX, (pks[0], pks[-1]))
    return results


def _sharing(conn: Connection, pks: dict[int, int]
             ) -> list[tuple[int, str, str, list[tuple[int, int]]]]:
    """link_duplicates' input for the documents to store (staged place -> pk) that share a
    band with a stored or another staged document: only they can be linked."""
    wanted = sorted(ix for (ix,) in conn.exec_driver_sql(_SHARING) if ix in pks)
    if not wanted:
        return []
    marks = ", ".join("?" * len(wanted))
    texts = {ix: (doc_id, folded) for ix, doc_id, folded in conn.exec_driver_sql(
        f"SELECT doc_ix, id, folded FROM {STAGE}.documents WHERE doc_ix IN ({marks})",
        tuple(wanted))}
    bands = conn.exec_driver_sql(
        f"SELECT doc_ix, band, hash FROM {STAGE}.minhash_bands WHERE doc_ix IN ({marks}) "
        f"ORDER BY doc_ix, rowid", tuple(wanted)).all()
    keys = {ix: [(b, h) for _, b, h in rows] for ix, rows in groupby(bands, lambda r: r[0])}
    return [(pks[ix], *texts[ix], keys[ix]) for ix in wanted]


def write_items(conn: Connection, items: Sequence[Prepared | Staged], *,
                refresh: bool = False) -> list[AddResult]:
    """Store prepared documents and staged chunks in the caller's transaction, in order:
    each run of Prepared items as one `write_batch`, each chunk as one too (`write_staged`
    on SQLite, its Prepared items elsewhere)."""
    results: list[AddResult] = []
    for is_chunk, run in groupby(items, lambda item: isinstance(item, Staged)):
        if not is_chunk:
            results += write_batch(conn, list(run), refresh=refresh)
            continue
        for chunk in run:
            results += (write_staged(conn, chunk, refresh=refresh)
                        if conn.dialect.name == "sqlite"
                        else write_batch(conn, chunk.prepared(), refresh=refresh))
    return results


def as_prepared(item: Prepared | Staged) -> list[Prepared]:
    return item.prepared() if isinstance(item, Staged) else [item]
