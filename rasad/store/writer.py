"""Writing one Document into the tables, inside a transaction the caller holds.

Ingest is idempotent: the same article again (same id, same content hash) changes nothing.
A stored id arriving with a different hash is a new version of that article (a corrected
story, a re-crawl): the old version's rows are deleted and the new one stored, so an id
always names exactly one version. The same text under another id is another document (a
wire story republished by a second outlet has its own source and URL); `content_hash` is
indexed so such copies can be found.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from rasad.errors import StoreError
from rasad.model import Actor, Document, Event, Participant, Quote
from rasad.store.dedup import link_duplicate
from rasad.store.schema import (
    actors,
    dates,
    documents,
    event_participants,
    events,
    mentions,
    quotes,
    roles,
)
from rasad.store.search import fold

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


def upsert_actors(conn: Connection, items: Iterable[Actor]) -> None:
    """Insert actors, or fill in what a later document knows about a stored one.

    A non-empty new value wins; an empty one never erases what is stored.
    """
    rows = [
        {"id": a.id, "name_fa": a.name_fa, "name_en": a.name_en, "country": a.country,
         "sector": a.sector, "wikidata": a.wikidata, "kind": a.kind}
        for a in items
    ]
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(actors).values(rows)
    keep = {
        name: func.coalesce(stmt.excluded[name], actors.c[name])
        for name in rows[0] if name != "id"
    }
    conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=keep))


def _document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id, "source": doc.source, "published": doc.published, "url": doc.url,
        "title": doc.title, "raw": doc.raw, "text": doc.text, "folded": fold(doc.text),
        "content_hash": doc.content_hash,
        "record": json.dumps(doc.to_dict(), ensure_ascii=False),
        "ingested_at": datetime.now(UTC),
    }


def _annotation_rows(doc: Document, pk: int) -> dict[Any, list[dict[str, Any]]]:
    """Rows for the flat child tables, every span checked against the text."""
    for m in doc.entities:
        _span(doc, m.start, m.end, "mention")
    for r in doc.roles:
        _span(doc, r.start, r.end, "role")
    for d in doc.dates:
        _span(doc, d.start, d.end, "date")
    return {
        mentions: [
            {"doc_pk": pk, "start": m.start, "end": m.end, "label": m.label,
             "actor_id": m.actor_id, "role_start": m.role_start, "role_end": m.role_end,
             "origin": m.origin}
            for m in doc.entities
        ],
        roles: [
            {"doc_pk": pk, "start": r.start, "end": r.end, "country": r.country,
             "sector": r.sector, "title_id": r.title_id, "holder_actor_id": r.holder_actor_id}
            for r in doc.roles
        ],
        dates: [
            {"doc_pk": pk, "start": d.start, "end": d.end, "calendar": d.calendar,
             "value": d.value, "precision": d.precision, "resolved": d.resolved}
            for d in doc.dates
        ],
        quotes: [_quote_row(doc, pk, q) for q in doc.quotes],
    }


def _quote_row(doc: Document, pk: int, q: Quote) -> dict[str, Any]:
    speaker = q.speaker_mention or (q.speaker_start, q.speaker_end)
    return {
        "doc_pk": pk, "start": q.start, "end": q.end, "cue_start": q.cue_start,
        "cue_end": q.cue_end, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
        "speaker_actor_id": q.speaker_actor_id,
        "speaker_mention_start": q.speaker_mention[0] if q.speaker_mention else None,
        "speaker_mention_end": q.speaker_mention[1] if q.speaker_mention else None,
        "text": _span(doc, q.start, q.end, "quote"),
        "cue": _span(doc, q.cue_start, q.cue_end, "quote cue"),
        "speaker_text": _span(doc, *speaker, "quote speaker"),
    }


def _event_row(doc: Document, pk: int, seq: int, ev: Event) -> dict[str, Any]:
    first, last = date_bounds(ev.date)
    place = ev.place
    return {
        "doc_pk": pk, "seq": seq, "type": ev.type, "mode": ev.mode, "date": ev.date,
        "date_first": first, "date_last": last,
        "place_text": _span(doc, place.start, place.end, "place") if place else None,
        "place_country": place.country if place else None,
        "place_actor_id": place.actor_id if place else None,
        "contexts": json.dumps(list(ev.contexts)), "sectors": json.dumps(list(ev.sectors)),
        "negated": ev.negated, "hypothetical": ev.hypothetical,
        "evidence_start": ev.evidence_start, "evidence_end": ev.evidence_end,
        "evidence_text": _span(doc, ev.evidence_start, ev.evidence_end, "evidence"),
        "trigger_start": ev.trigger_start, "trigger_end": ev.trigger_end,
        "confidence": ev.confidence, "cameo": ev.cameo, "pattern": ev.pattern_id,
    }


def _participant_rows(doc: Document, event_id: int, ev: Event) -> list[dict[str, Any]]:
    sides: tuple[tuple[str, list[Participant]], ...] = (("source", ev.source),
                                                         ("target", ev.target))
    return [
        {"event_id": event_id, "side": side, "position": i, "start": p.start, "end": p.end,
         "text": _span(doc, p.start, p.end, f"{side} participant"), "actor_id": p.actor_id,
         "country": p.country, "sector": p.sector}
        for side, parts in sides
        for i, p in enumerate(parts)
    ]


def _insert(conn: Connection, doc: Document) -> None:
    row = _document_row(doc)
    pk = conn.execute(documents.insert().values(row)).inserted_primary_key[0]
    original = link_duplicate(conn, pk, row["folded"])
    if original is not None:
        conn.execute(update(documents).where(documents.c.pk == pk).values(duplicate_of=original))
    upsert_actors(conn, doc.actors.values())
    for table, rows in _annotation_rows(doc, pk).items():
        if rows:
            conn.execute(table.insert(), rows)
    for seq, ev in enumerate(doc.events):
        _span(doc, ev.trigger_start, ev.trigger_end, "trigger")
        event_id = conn.execute(
            events.insert().values(_event_row(doc, pk, seq, ev))
        ).inserted_primary_key[0]
        rows = _participant_rows(doc, event_id, ev)
        if rows:
            conn.execute(event_participants.insert(), rows)


def write_document(conn: Connection, doc: Document) -> AddResult:
    """Store `doc` unless this version is already stored; replaces an older version."""
    stored = conn.scalar(select(documents.c.content_hash).where(documents.c.id == doc.id))
    if stored == doc.content_hash:
        return AddResult(doc.id, "skipped: duplicate")
    if stored is not None:
        conn.execute(delete(documents).where(documents.c.id == doc.id))
    _insert(conn, doc)
    return AddResult(doc.id, "added" if stored is None else "replaced")
