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
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any, Literal

from sqlalchemy import Column, Connection, Dialect, Insert, Table, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from rasad.errors import StoreError
from rasad.model import Actor, Document, Event, Participant, Quote
from rasad.store import record
from rasad.store.dedup import Signature, link_duplicates
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

CHILDREN = {t.name: t for t in (mentions, roles, dates, quotes)}  # Prepared.children's keys
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


def _actor_row(a: Actor) -> dict[str, Any]:
    return {"id": a.id, "name_fa": a.name_fa, "name_en": a.name_en, "country": a.country,
            "sector": a.sector, "wikidata": a.wikidata, "kind": a.kind}


def _merged_actors(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per actor id; for an id seen twice a later non-empty value wins, as if the
    documents had been stored one by one (PostgreSQL refuses an upsert touching a row twice)."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        old = merged.get(row["id"])
        if old is None:  # a copy: the row belongs to its Prepared, which a retry reuses
            merged[row["id"]] = dict(row)
        else:
            old.update({k: v for k, v in row.items() if v is not None})
    return list(merged.values())


def _actor_upsert(dialect: Dialect) -> Insert:
    """INSERT of an actor row that, for a stored id, fills in only the non-empty values."""
    stmt = (postgresql if dialect.name == "postgresql" else sqlite).insert(actors)
    keep = {c.name: func.coalesce(stmt.excluded[c.name], c) for c in actors.c if c.name != "id"}
    return stmt.on_conflict_do_update(index_elements=["id"], set_=keep)


def upsert_actors(conn: Connection, items: Iterable[dict[str, Any]]) -> None:
    """Insert actor rows, or fill in what a later document knows about a stored one.

    A non-empty new value wins; an empty one never erases what is stored.
    """
    insert_rows(conn, actors, _merged_actors(items), statement=_actor_upsert)


@dataclass(slots=True)
class Prepared:
    """A document's rows, checked and ready to insert; keys are filled in at write time.

    It holds plain values only (child rows keyed by table name, no Document, no Table), so
    it is computed from the document alone and pickles cheaply: `prepare` can run in worker
    processes and the writer only runs SQL (Store.add_many accepts Prepared items).
    """

    doc_id: str
    row: dict[str, Any]
    children: dict[str, list[dict[str, Any]]]
    events: list[dict[str, Any]]
    participants: list[list[dict[str, Any]]]  # per event
    actors: list[dict[str, Any]]
    signature: Signature = field(repr=False)


def prepare(doc: Document) -> Prepared:
    """Every row of `doc`, or StoreError if a span lies outside its text (nothing written)."""
    events_rows, parts = [], []
    for seq, ev in enumerate(doc.events):
        _span(doc, ev.trigger_start, ev.trigger_end, "trigger")
        events_rows.append(_event_row(doc, seq, ev))
        parts.append(_participant_rows(doc, ev))
    row = _document_row(doc)
    return Prepared(doc.id, row, _annotation_rows(doc), events_rows, parts,
                    [_actor_row(a) for a in doc.actors.values()], Signature.of(row["folded"]))


def prepare_chunk(docs: list[Document]) -> list[Document | Prepared]:
    """`prepare` over a chunk, as a worker-process task; a document it refuses comes back as
    it is, so the writer (Store.add_many) prepares it again and records why."""
    out: list[Document | Prepared] = []
    for doc in docs:
        try:
            out.append(prepare(doc))
        except StoreError:
            out.append(doc)
    return out


def _document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id, "source": doc.source, "published": doc.published, "url": doc.url,
        "title": doc.title, "raw": doc.raw, "text": doc.text, "folded": fold(doc.text),
        "content_hash": doc.content_hash,
        "record": record.encode(doc),
        "ingested_at": datetime.now(UTC), "duplicate_of": None,
    }


def _annotation_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Rows for the flat child tables (no `doc_pk` yet), every span checked against the text."""
    for m in doc.entities:
        _span(doc, m.start, m.end, "mention")
    for r in doc.roles:
        _span(doc, r.start, r.end, "role")
    for d in doc.dates:
        _span(doc, d.start, d.end, "date")
    return {
        mentions.name: [
            {"start": m.start, "end": m.end, "label": m.label, "actor_id": m.actor_id,
             "role_start": m.role_start, "role_end": m.role_end, "origin": m.origin}
            for m in doc.entities
        ],
        roles.name: [
            {"start": r.start, "end": r.end, "country": r.country, "sector": r.sector,
             "title_id": r.title_id, "holder_actor_id": r.holder_actor_id}
            for r in doc.roles
        ],
        dates.name: [
            {"start": d.start, "end": d.end, "calendar": d.calendar, "value": d.value,
             "precision": d.precision, "resolved": d.resolved}
            for d in doc.dates
        ],
        quotes.name: [_quote_row(doc, q) for q in doc.quotes],
    }


def _quote_row(doc: Document, q: Quote) -> dict[str, Any]:
    speaker = q.speaker_mention or (q.speaker_start, q.speaker_end)
    return {
        "start": q.start, "end": q.end, "cue_start": q.cue_start,
        "cue_end": q.cue_end, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
        "speaker_actor_id": q.speaker_actor_id,
        "speaker_mention_start": q.speaker_mention[0] if q.speaker_mention else None,
        "speaker_mention_end": q.speaker_mention[1] if q.speaker_mention else None,
        "text": _span(doc, q.start, q.end, "quote"),
        "cue": _span(doc, q.cue_start, q.cue_end, "quote cue"),
        "speaker_text": _span(doc, *speaker, "quote speaker"),
    }


@lru_cache(maxsize=4096)
def _json_list(items: tuple[str, ...]) -> str:
    """A JSON list; events repeat a few context and sector lists, so each is encoded once."""
    return json.dumps(list(items))


def _event_row(doc: Document, seq: int, ev: Event) -> dict[str, Any]:
    first, last = date_bounds(ev.date)
    place = ev.place
    return {
        "seq": seq, "type": ev.type, "mode": ev.mode, "date": ev.date,
        "date_first": first, "date_last": last,
        "place_text": _span(doc, place.start, place.end, "place") if place else None,
        "place_country": place.country if place else None,
        "place_actor_id": place.actor_id if place else None,
        "contexts": _json_list(tuple(ev.contexts)), "sectors": _json_list(tuple(ev.sectors)),
        "negated": ev.negated, "hypothetical": ev.hypothetical,
        "evidence_start": ev.evidence_start, "evidence_end": ev.evidence_end,
        "evidence_text": _span(doc, ev.evidence_start, ev.evidence_end, "evidence"),
        "trigger_start": ev.trigger_start, "trigger_end": ev.trigger_end,
        "confidence": ev.confidence, "cameo": ev.cameo, "pattern": ev.pattern_id,
    }


def _participant_rows(doc: Document, ev: Event) -> list[dict[str, Any]]:
    sides: tuple[tuple[str, list[Participant]], ...] = (("source", ev.source),
                                                         ("target", ev.target))
    return [
        {"side": side, "position": i, "start": p.start, "end": p.end,
         "text": _span(doc, p.start, p.end, f"{side} participant"), "actor_id": p.actor_id,
         "country": p.country, "sector": p.sector}
        for side, parts in sides
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


def _pending(conn: Connection, batch: Sequence[Prepared], refresh: bool = False
             ) -> tuple[list[AddResult], list[Prepared]]:
    """Each document's status, and the versions to insert (the last one per id); deletes
    stored versions that are being replaced. With `refresh` a stored document of the same
    content is replaced too (re-extracted by a newer pipeline); a repeat within the batch is
    still a duplicate."""
    ids = list({p.doc_id for p in batch})
    stored: dict[str, str] = dict(conn.execute(
        select(documents.c.id, documents.c.content_hash).where(documents.c.id.in_(ids))
    ).all())
    results, latest = [], {}
    for p in batch:
        before = latest[p.doc_id].row["content_hash"] if p.doc_id in latest else stored.get(
            p.doc_id)
        if before == p.row["content_hash"] and (p.doc_id in latest or not refresh):
            results.append(AddResult(p.doc_id, "skipped: duplicate"))
            continue
        results.append(AddResult(p.doc_id, "added" if before is None else "replaced"))
        latest.pop(p.doc_id, None)  # a re-insert moves it to the end, as sequential adds would
        latest[p.doc_id] = p
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
    results, todo = _pending(conn, batch, refresh)
    doc_pks = allocate_ids(conn, documents.c.pk, len(todo))
    event_ids = iter(allocate_ids(conn, events.c.id, sum(len(p.events) for p in todo)))
    originals, bands = link_duplicates(
        conn, [(pk, p.doc_id, p.signature) for pk, p in zip(doc_pks, todo, strict=True)]
    )
    upsert_actors(conn, (a for p in todo for a in p.actors))
    rows: dict[Table, list[dict[str, Any]]] = {
        documents: [], minhash_bands: bands, events: [], event_participants: [], dyads: []
    }
    for pk, p in zip(doc_pks, todo, strict=True):
        # the keys are set in place: a retried batch (see Store.add_many) sets them again
        p.row.update(pk=pk, duplicate_of=originals.get(pk))
        rows[documents].append(p.row)
        for name, children in p.children.items():
            for child in children:
                child["doc_pk"] = pk
            rows.setdefault(CHILDREN[name], []).extend(children)
        for ev, parts in zip(p.events, p.participants, strict=True):
            ev.update(id=next(event_ids), doc_pk=pk)
            for part in parts:
                part["event_id"] = ev["id"]
            rows[events].append(ev)
            rows[event_participants].extend(parts)
            if pk not in originals:  # a near-duplicate copy's events are not counted
                rows[dyads].extend(dyad_rows(p.doc_id, ev, parts))
    for table, table_rows in rows.items():  # documents first, then rows that refer to them
        insert_rows(conn, table, table_rows)
    if doc_pks and conn.dialect.name == "sqlite":
        conn.exec_driver_sql(FTS_INDEX, (doc_pks[0], doc_pks[-1]))
    return results


def dyad_rows(doc_id: str, ev: dict[str, Any],
              parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The event's rows in the dyad index: one per country pair across its two sides.

    The one definition of those rows: ingest calls it, and so does the migration that fills
    the index of a store made before it (migrations._dyads)."""
    countries: dict[str, set[str]] = {"source": set(), "target": set()}
    for part in parts:
        if part["country"] is not None:
            countries[part["side"]].add(part["country"])
    pairs = {(s, t) if s <= t else (t, s)
             for s in countries["source"] for t in countries["target"]}
    return [{"event_id": ev["id"], "a": a, "b": b, "undated": ev["date_first"] is None,
             "date_first": ev["date_first"], "date": ev["date"], "doc_id": doc_id,
             "evidence_start": ev["evidence_start"], "seq": ev["seq"], "type": ev["type"],
             "date_last": ev["date_last"]} for a, b in pairs]


Statement = Callable[[Dialect], Insert]  # an INSERT into the table, e.g. with ON CONFLICT


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]], *,
                statement: Statement | None = None) -> None:
    """One executemany INSERT of `rows` (dicts with the same keys): `table.insert()`, or what
    `statement` builds for the dialect (`_actor_upsert`).

    On SQLite the statement is compiled once per table and key set and the rows go to the
    driver as tuples: SQLAlchemy's per-row parameter handling cost more than SQLite's insert.
    """
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(statement(conn.dialect) if statement else table.insert(), rows)
        return
    sql, convert = _compiled_insert(conn.dialect, table, tuple(rows[0]), statement)
    conn.exec_driver_sql(sql, convert(rows))


Converter = Callable[[list[dict[str, Any]]], list[tuple]]


@lru_cache(maxsize=64)
def _compiled_insert(dialect: Dialect, table: Table, keys: tuple[str, ...],
                     statement: Statement | None) -> tuple[str, Converter]:
    """The INSERT's SQL and a function turning rows into its positional parameters, with
    the column types' bind processing (dates to ISO strings, ...) applied.

    A processed column is converted once per distinct value: a batch's events repeat a few
    flags, scores and days, and a processor call per value (a Python function each) cost
    two thirds as much as SQLite's insert of the events.
    """
    stmt = statement(dialect) if statement else table.insert()
    compiled = stmt.compile(dialect=dialect, column_keys=list(keys))
    names = compiled.positiontup or []
    getter = itemgetter(*names)
    processors = [(i, proc) for i, name in enumerate(names)
                  if (proc := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))]

    def convert(rows: list[dict[str, Any]]) -> list[tuple]:
        if not processors:
            return list(map(getter, rows))
        columns: list[Iterable[Any]] = list(zip(*map(getter, rows), strict=True))
        for i, proc in processors:
            converted = {value: proc(value) for value in set(columns[i])}
            columns[i] = map(converted.__getitem__, columns[i])
        return list(zip(*columns, strict=True))

    return compiled.string, convert


def write_document(conn: Connection, doc: Document) -> AddResult:
    """Store `doc` unless this version is already stored; replaces an older version."""
    return write_batch(conn, [prepare(doc)])[0]
