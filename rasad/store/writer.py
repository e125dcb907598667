"""Writing Documents into the tables, a batch at a time, inside a transaction the caller holds.

Ingest is idempotent: the same article again (same id, same content hash) changes nothing.
A stored id arriving with a different hash is a new version of that article (a corrected
story, a re-crawl): the old version's rows are deleted and the new one stored, so an id
always names exactly one version. The same text under another id is another document (a
wire story republished by a second outlet has its own source and URL); `content_hash` is
indexed so such copies can be found.

A batch is written with one executemany INSERT per table, not a round trip per event: every
row is built (and every span checked) in Python first, by `prepare`, which needs the document
alone and so may run in worker processes (`prepare_chunk`; Store.add_many takes its
results); then documents and events get their keys from `allocate_ids`, so participants can
name their event without reading back each event's id. The dyad index (schema.dyads) is
written with the events, in the same transaction, so it is never behind them.

Rows are tuples in their table's column order holding values as the database driver takes
them (dates as ISO strings, flags as bools), keys left out: the writer prepends the keys and
hands the rows to the driver untouched. Dict rows and SQLAlchemy's bind processing cost the
writer more than SQLite's inserts, and dicts pickled from a worker cost more to unpickle.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import Column, Connection, Dialect, Insert, Table, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from rasad.errors import StoreError
from rasad.model import Actor, Document, Event, Participant, Quote
from rasad.store import record
from rasad.store.dedup import band_keys_of, link_duplicates
from rasad.store.schema import (
    actors,
    dates,
    documents,
    dyads,
    event_participants,
    events,
    mentions,
    minhash_bands,
    quotes,
    roles,
)
from rasad.store.search import fold

Row = tuple[Any, ...]  # one table row, its values in column order, as the driver takes them


CHILDREN = (mentions, roles, dates, quotes)  # Prepared.children's order; rows start at doc_pk
# The columns a row fills, in table order: all, but for the tables whose surrogate `id` the
# database assigns (events get theirs from `allocate_ids`, so participants can name them).
COLUMNS = {
    **{t: tuple(c.name for c in t.c) for t in (documents, actors, minhash_bands, events, dyads)},
    **{t: tuple(c.name for c in t.c if c.name != "id") for t in (event_participants, *CHILDREN)},
}
Status = Literal["added", "replaced", "skipped: duplicate"]


@dataclass(frozen=True, slots=True)
class AddResult:
    doc_id: str
    status: Status

    @property
    def added(self) -> bool:
        """Whether this call stored something (a new document or a new version)."""
        return self.status != "skipped: duplicate"


def _span(doc: Document, start: int, end: int, what: str) -> str:
    """The text of a span, after checking it lies inside the document."""
    if not 0 <= start <= end <= len(doc.text):
        raise StoreError(
            f"document '{doc.id}': {what} span ({start}, {end}) outside text of length "
            f"{len(doc.text)}"
        )
    return doc.text[start:end]


def date_bounds(value: str | None) -> tuple[date | None, date | None]:
    """First and last day an ISO date, month, year or `a/b` interval covers.

    >>> date_bounds("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    if not value:
        return None, None
    first, _, last = value.partition("/")
    try:
        return _first_day(first), _last_day(last or first)
    except ValueError:
        return None, None


def _parts(value: str) -> list[int]:
    parts = [int(p) for p in value.split("-")]
    if not 1 <= len(parts) <= 3:
        raise ValueError(value)
    return parts


def _first_day(value: str) -> date:
    parts = _parts(value)
    return date(*parts, *[1] * (3 - len(parts)))


def _last_day(value: str) -> date:
    parts = _parts(value)
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return date(year, month, day)


def _actor_row(a: Actor) -> Row:
    return a.id, a.name_fa, a.name_en, a.country, a.sector, a.wikidata, a.kind


def _merged_actors(rows: Iterable[Row]) -> list[Row]:
    """One row per actor id; for an id seen twice a later non-empty value wins, as if the
    documents had been stored one by one (PostgreSQL refuses an upsert touching a row twice)."""
    merged: dict[str, Row] = {}
    for row in rows:
        old = merged.get(row[0])
        merged[row[0]] = row if old is None or old == row else tuple(
            o if v is None else v for o, v in zip(old, row, strict=True))
    return list(merged.values())


def _actor_upsert(dialect: Dialect) -> Insert:
    """INSERT of an actor row that, for a stored id, fills in only the non-empty values."""
    stmt = (postgresql if dialect.name == "postgresql" else sqlite).insert(actors)
    keep = {c.name: func.coalesce(stmt.excluded[c.name], c) for c in actors.c if c.name != "id"}
    return stmt.on_conflict_do_update(index_elements=["id"], set_=keep)


def upsert_actors(conn: Connection, items: Iterable[Row]) -> None:
    """Insert actor rows, or fill in what a later document knows about a stored one.

    A non-empty new value wins; an empty one never erases what is stored.
    """
    insert_rows(conn, actors, _merged_actors(items), statement=_actor_upsert)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document's rows, checked and ready to insert, without the keys the writer assigns.

    Plain tuples of plain values (no Document, no Table, no dicts), computed from the
    document alone: `prepare` can run in worker processes, the result pickles compactly,
    and the writer only prepends keys and runs SQL (Store.add_many accepts Prepared items).
    Rows that name their event (participants, dyads) hold its `seq` where its id goes.
    """

    document: Row  # documents' columns from `id` to `record`
    children: tuple[list[Row], ...]  # per CHILDREN table, columns after doc_pk
    events: list[Row]  # columns from `seq` on
    participants: list[Row]
    dyads: list[Row]  # of an original story; a near-duplicate copy's are not written
    actors: list[Row]
    bands: list[tuple[int, int]]  # MinHash (band, hash) keys, see dedup.py

    @property
    def doc_id(self) -> str:
        return self.document[0]

    @property
    def content_hash(self) -> str:
        return self.document[_HASH]

    @property
    def folded(self) -> str:
        return self.document[_FOLDED]


_FOLDED, _HASH = (COLUMNS[documents].index(c) - 1 for c in ("folded", "content_hash"))


def prepare(doc: Document) -> Prepared:
    """Every row of `doc`, or StoreError if a span lies outside its text (nothing written)."""
    return _banded([_unbanded(doc)])[0]


def _unbanded(doc: Document) -> Prepared:
    """`prepare` without the MinHash band keys (`_banded` adds them, a chunk at once)."""
    events_rows, parts, dyad_index = [], [], []
    published = _iso(doc.published)
    for seq, ev in enumerate(doc.events):
        _span(doc, ev.trigger_start, ev.trigger_end, "trigger")
        row = _event_row(doc, seq, ev)
        events_rows.append(row)
        parts += _participant_rows(doc, seq, ev)
        dyad_index += dyad_rows(doc.id, seq, dict(zip(_EVENT_FIELDS, row, strict=True)),
                                [(side, p.country) for side, ps in _sides(ev) for p in ps],
                                published)
    return Prepared(_document_row(doc), _annotation_rows(doc), events_rows, parts,
                    dyad_index, [_actor_row(a) for a in doc.actors.values()], [])


def _banded(items: list[Prepared]) -> list[Prepared]:
    """The items with their band keys, computed together (dedup.band_keys_of: numpy calls
    per chunk where they can be, not per document)."""
    keys = band_keys_of([p.folded for p in items])
    return [replace(p, bands=k) for p, k in zip(items, keys, strict=True)]


def _unbanded_or_keep(doc: Document) -> Document | Prepared:
    try:
        return _unbanded(doc)
    except StoreError:
        return doc


def prepare_chunk(docs: list[Document]) -> list[Document | Prepared]:
    """`prepare` over a chunk, as a worker-process task: a document it refuses comes back as
    it is, so the writer (Store.add_many) prepares it again and records why."""
    items = [_unbanded_or_keep(doc) for doc in docs]
    banded = iter(_banded([item for item in items if isinstance(item, Prepared)]))
    return [next(banded) if isinstance(item, Prepared) else item for item in items]


def _document_row(doc: Document) -> Row:
    return (doc.id, doc.source, _iso(doc.published), doc.url, doc.title, doc.raw, doc.text,
            fold(doc.text), doc.content_hash, record.encode(doc))


def _iso(day: date | None) -> str | None:
    """A Date column's value as stored (what SQLAlchemy's SQLite type writes; PostgreSQL
    reads it as a date)."""
    return day.isoformat() if day else None


def _annotation_rows(doc: Document) -> tuple[list[Row], ...]:
    """Rows for the flat child tables (CHILDREN, no `doc_pk` yet), every span checked
    against the text."""
    for m in doc.entities:
        _span(doc, m.start, m.end, "mention")
    for r in doc.roles:
        _span(doc, r.start, r.end, "role")
    for d in doc.dates:
        _span(doc, d.start, d.end, "date")
    return (
        [(m.start, m.end, m.label, m.actor_id, m.role_start, m.role_end, m.origin)
         for m in doc.entities],
        [(r.start, r.end, r.country, r.sector, r.title_id, r.holder_actor_id)
         for r in doc.roles],
        [(d.start, d.end, d.calendar, d.value, d.precision, d.resolved) for d in doc.dates],
        [_quote_row(doc, q) for q in doc.quotes],
    )


def _quote_row(doc: Document, q: Quote) -> Row:
    speaker = q.speaker_mention or (q.speaker_start, q.speaker_end)
    mention = q.speaker_mention or (None, None)
    return (q.start, q.end, q.cue_start, q.cue_end, q.speaker_start, q.speaker_end,
            q.speaker_actor_id, *mention, _span(doc, q.start, q.end, "quote"),
            _span(doc, q.cue_start, q.cue_end, "quote cue"),
            _span(doc, *speaker, "quote speaker"))


@lru_cache(maxsize=4096)
def _date_columns(value: str | None) -> tuple[str | None, str | None]:
    """An event's `date_first` and `date_last` values; events repeat their days, and
    parsing a date cost more than the rest of the event's row."""
    first, last = date_bounds(value)
    return _iso(first), _iso(last)


@lru_cache(maxsize=4096)
def _json_list(items: tuple[str, ...]) -> str:
    """A JSON list; events repeat a few context and sector lists, so each is encoded once."""
    return json.dumps(list(items))


_EVENT_FIELDS = COLUMNS[events][2:]  # an event row's columns (from `seq` on)


def _event_row(doc: Document, seq: int, ev: Event) -> Row:
    place = ev.place
    return (
        seq, ev.type, ev.mode, ev.date, *_date_columns(ev.date),
        _span(doc, place.start, place.end, "place") if place else None,
        place.country if place else None, place.actor_id if place else None,
        _json_list(tuple(ev.contexts)), _json_list(tuple(ev.sectors)),
        ev.negated, ev.hypothetical, ev.evidence_start, ev.evidence_end,
        _span(doc, ev.evidence_start, ev.evidence_end, "evidence"),
        ev.trigger_start, ev.trigger_end, ev.confidence, ev.cameo, ev.pattern_id,
    )


def _sides(ev: Event) -> tuple[tuple[str, list[Participant]], ...]:
    return ("source", ev.source), ("target", ev.target)


def _participant_rows(doc: Document, seq: int, ev: Event) -> list[Row]:
    """The event's participant rows, its `seq` where its id goes."""
    return [
        (seq, side, i, p.start, p.end, _span(doc, p.start, p.end, f"{side} participant"),
         p.actor_id, p.country, p.sector)
        for side, parts in _sides(ev)
        for i, p in enumerate(parts)
    ]


def allocate_ids(conn: Connection, column: Column, n: int) -> list[int]:
    """`n` fresh values for an integer primary key, taken before inserting.

    PostgreSQL draws them from the column's sequence (safe with concurrent writers). SQLite
    counts on from the largest stored key, which is safe because every write runs under
    `BEGIN IMMEDIATE`: no other writer can insert until this transaction ends.
    """
    if n == 0:
        return []
    if conn.dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(column.table.name, column.name)
        numbers = func.generate_series(1, n).table_valued("n")
        return list(conn.scalars(select(func.nextval(sequence)).select_from(numbers)))
    first = (conn.scalar(select(func.max(column))) or 0) + 1
    return list(range(first, first + n))


def stored_hashes(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """The content hash of each of these documents that is stored (id -> hash)."""
    return dict(conn.execute(
        select(documents.c.id, documents.c.content_hash).where(documents.c.id.in_(set(ids)))
    ).all())


def pending(conn: Connection, keys: Sequence[tuple[str, str]], stored: dict[str, str],
            refresh: bool = False) -> tuple[list[AddResult], list[int]]:
    """Each document's status, given the batch's (id, content hash) pairs and the stored
    hashes of those ids, and the positions of the versions to insert (the last one per id,
    in batch order); deletes stored versions that are being replaced. With `refresh` a
    stored document of the same content is replaced too (re-extracted by a newer
    pipeline); a repeat within the batch is still a duplicate."""
    results, latest = [], {}
    for i, (doc_id, content_hash) in enumerate(keys):
        before = keys[latest[doc_id]][1] if doc_id in latest else stored.get(doc_id)
        if before == content_hash and (doc_id in latest or not refresh):
            results.append(AddResult(doc_id, "skipped: duplicate"))
            continue
        results.append(AddResult(doc_id, "added" if before is None else "replaced"))
        latest.pop(doc_id, None)  # a re-insert moves it to the end, as sequential adds would
        latest[doc_id] = i
    replaced = [i for i in latest if i in stored]
    if replaced:
        conn.execute(delete(documents).where(documents.c.id.in_(replaced)))
    return results, list(latest.values())


# SQLite's full-text index (documents_fts, see migrations.py) gets a batch's documents with
# one INSERT ... SELECT over their keys (consecutive: allocate_ids), in the batch's
# transaction: an insert trigger running once per document cost about 1.7 times as much.
FTS_INDEX = ("INSERT INTO documents_fts(rowid, folded) "
             "SELECT pk, folded FROM documents WHERE pk BETWEEN ? AND ?")


def write_batch(conn: Connection, batch: Sequence[Prepared], *,
                refresh: bool = False) -> list[AddResult]:
    """Store prepared documents in the caller's transaction, one INSERT per table (`refresh`:
    see `_pending`)."""
    keys = [(p.doc_id, p.content_hash) for p in batch]
    results, positions = pending(conn, keys, stored_hashes(conn, [k for k, _ in keys]),
                                 refresh)
    todo = [batch[i] for i in positions]
    doc_pks = allocate_ids(conn, documents.c.pk, len(todo))
    event_ids = allocate_ids(conn, events.c.id, sum(len(p.events) for p in todo))
    originals = link_duplicates(
        conn, [(pk, p.doc_id, p.folded, p.bands) for pk, p in zip(doc_pks, todo, strict=True)]
    )
    bands = [(pk, b, h) for pk, p in zip(doc_pks, todo, strict=True) for b, h in p.bands]
    upsert_actors(conn, (a for p in todo for a in p.actors))
    now = _driver_value(conn, documents.c.ingested_at, datetime.now(UTC))
    rows: dict[Table, list[Row]] = {
        documents: [], minhash_bands: bands, events: [], event_participants: [], dyads: [],
        **{table: [] for table in CHILDREN},
    }
    first = 0  # the document's first event's index in event_ids
    for pk, p in zip(doc_pks, todo, strict=True):
        rows[documents].append((pk, *p.document, now, originals.get(pk)))
        for table, children in zip(CHILDREN, p.children, strict=True):
            rows[table] += [(pk, *child) for child in children]
        ids = event_ids[first : first + len(p.events)]  # by seq
        rows[events] += [(ids[ev[0]], pk, *ev) for ev in p.events]
        rows[event_participants] += [(ids[part[0]], *part[1:]) for part in p.participants]
        if pk not in originals:  # a near-duplicate copy's events are not counted
            rows[dyads] += [(ids[row[0]], *row[1:]) for row in p.dyads]
        first += len(p.events)
    for table, table_rows in rows.items():  # documents first, then rows that refer to them
        insert_rows(conn, table, table_rows)
    if doc_pks and conn.dialect.name == "sqlite":
        conn.exec_driver_sql(FTS_INDEX, (doc_pks[0], doc_pks[-1]))
    return results


def _driver_value(conn: Connection, column: Column, value: Any) -> Any:
    """`value` as the driver takes it for `column` (the type's bind processing)."""
    process = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return process(value) if process else value


def dyad_rows(doc_id: str, key: int, ev: dict[str, Any],
              countries: Iterable[tuple[str, str | None]], published: str | None) -> list[Row]:
    """The event's rows in the dyad index: one per country pair across its two sides, given
    its participants' (side, country) pairs and its article's publication day (ISO, where
    the chart counts an undated event); `key` goes where the event id goes.

    The one definition of those rows: ingest calls it, and so does the migration that fills
    the index of a store made before it (migrations._dyads)."""
    sides: dict[str, set[str]] = {"source": set(), "target": set()}
    for side, country in countries:
        if country is not None:
            sides[side].add(country)
    pairs = {(s, t) if s <= t else (t, s) for s in sides["source"] for t in sides["target"]}
    first = ev["date_first"]
    chart_day = published if first is None else first
    return [(key, a, b, first is None, first, ev["date"], doc_id, ev["evidence_start"],
             ev["seq"], ev["type"], ev["date_last"], chart_day) for a, b in pairs]


Statement = Callable[[Dialect], Insert]  # an INSERT into the table, e.g. with ON CONFLICT


def insert_rows(conn: Connection, table: Table, rows: list[Row], *,
                statement: Statement | None = None) -> None:
    """One executemany INSERT of `rows` (tuples of COLUMNS[table], values as the driver
    takes them): `table.insert()`, or what `statement` builds for the dialect
    (`_actor_upsert`).

    The statement is compiled once per table and the rows go to the driver as they are:
    SQLAlchemy's per-row parameter handling cost more than SQLite's insert, and on
    PostgreSQL a third of the writer's time.
    """
    if rows:
        conn.exec_driver_sql(_insert_sql(conn.dialect, table, statement), rows)


@lru_cache(maxsize=64)
def _insert_sql(dialect: Dialect, table: Table, statement: Statement | None) -> str:
    """The INSERT's SQL with positional parameters in COLUMNS[table] order (psycopg's named
    style is compiled as its positional one, %s)."""
    positional = dialect if dialect.positional else type(dialect)(paramstyle="format")
    stmt = statement(dialect) if statement else table.insert()
    compiled = stmt.compile(dialect=positional, column_keys=list(COLUMNS[table]))
    if tuple(compiled.positiontup or ()) != COLUMNS[table]:
        raise StoreError(f"{table.name}: INSERT parameters {compiled.positiontup} are not "
                         f"the row's columns {COLUMNS[table]}")
    return compiled.string


def write_document(conn: Connection, doc: Document) -> AddResult:
    """Store `doc` unless this version is already stored; replaces an older version."""
    return write_batch(conn, [prepare(doc)])[0]
