"""Read queries: event rows, dyads, actors, quotes, counts, search.

Every user value reaches SQL as a bound parameter; LIKE patterns are escaped
(`autoescape`) and FTS5 queries are built from quoted phrases (see search.py). Functions take
an open Connection and return plain JSON-ready dicts, so the CLI, the API and the dashboard
read the same shapes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache, reduce
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Row,
    Select,
    String,
    column,
    false,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from rasad.store import record
from rasad.store.schema import (
    DYAD_ORDER,
    actors,
    documents,
    dyads,
    event_participants,
    events,
    quotes,
)
from rasad.store.search import fts_expression, snippet, ts_phrases

CHUNK = 500  # rows per round trip when streaming or loading participants


@lru_cache(maxsize=1)
def _plover() -> dict[str, dict]:
    from rasad.extract.events import plover

    return plover()


def _party(row: Any) -> dict[str, Any]:
    """A participant as the output contract writes it."""
    return {"text": row.text, "start": row.start, "end": row.end, "country": row.country,
            "sector": row.sector, "actor_id": row.actor_id, "name_en": row.name_en}


def _participants(conn: Connection, event_ids: list[int]) -> dict[int, dict[str, list]]:
    """Each event's source and target participants, in extraction order."""
    p = event_participants
    rows = conn.execute(
        select(p, actors.c.name_en)
        .outerjoin(actors, actors.c.id == p.c.actor_id)
        .where(p.c.event_id.in_(event_ids))
        .order_by(p.c.event_id, p.c.side, p.c.position)
    ).all()
    out: dict[int, dict[str, list]] = {i: {"source": [], "target": []} for i in event_ids}
    for row in rows:
        out[row.event_id][row.side].append(_party(row))
    return out


def _event_dict(row: Any, parts: dict[str, list]) -> dict[str, Any]:
    kind = _plover().get(row.type, {})
    place = None
    if row.place_text is not None:
        place = {"text": row.place_text, "country": row.place_country,
                 "actor_id": row.place_actor_id}
    return {
        "document_id": row.document_id, "type": row.type, "mode": row.mode,
        "quad": kind.get("quad"), "score": kind.get("score"), "date": row.date,
        # the article's day: where a timeline puts an event the text gives no date
        "published": iso_day(row.published),
        "source": parts["source"][0] if parts["source"] else None,
        "target": parts["target"][0] if parts["target"] else None,
        "actor": parts["source"], "recipient": parts["target"], "place": place,
        "contexts": json.loads(row.contexts), "sectors": json.loads(row.sectors),
        "negated": row.negated, "hypothetical": row.hypothetical,
        "evidence": [row.evidence_start, row.evidence_end], "evidence_text": row.evidence_text,
        "trigger": [row.trigger_start, row.trigger_end], "confidence": row.confidence,
        "cameo": row.cameo, "pattern": row.pattern,
    }


def iso_day(day: date | str | None) -> str | None:
    """A day as ISO text (SQLite hands back the stored text, PostgreSQL a date)."""
    return day.isoformat() if isinstance(day, date) else day


def _event_select(where: Sequence[ColumnElement[bool]]) -> Select:
    """Events of original stories only: a republished copy's events are not counted twice."""
    return (
        select(events, documents.c.id.label("document_id"),
               documents.c.published.label("published"))
        .join(documents, documents.c.pk == events.c.doc_pk)
        .where(documents.c.duplicate_of.is_(None), *where)
    )


def counted(event_id: ColumnElement[int]) -> ColumnElement[bool]:
    """`event_id` belongs to an original story, not a near-duplicate copy."""
    originals = select(events.c.id).join(documents, documents.c.pk == events.c.doc_pk)
    return event_id.in_(originals.where(documents.c.duplicate_of.is_(None)))


TIMELINE = (events.c.date_first.asc().nulls_last(), events.c.date, documents.c.id,
            events.c.evidence_start, events.c.seq)


def load_events(conn: Connection, stmt: Select, *, offset: int = 0,
                limit: int | None = None) -> list[dict[str, Any]]:
    """Event dicts of `stmt` (an `_event_select`), in timeline order (undated last)."""
    rows = conn.execute(stmt.order_by(*TIMELINE).offset(offset).limit(limit)).all()
    parts: dict[int, dict[str, list]] = {}
    for i in range(0, len(rows), CHUNK):
        parts |= _participants(conn, [r.id for r in rows[i : i + CHUNK]])
    return [_event_dict(r, parts[r.id]) for r in rows]


def count(conn: Connection, stmt: Select) -> int:
    return conn.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def has_participant(side: str | None = None, **equals: str) -> ColumnElement[bool]:
    """The event has a participant (on `side`, if given) with these column values.

    An IN over the participants' indexes, not a correlated EXISTS: the planner then starts
    from the few matching participants instead of testing every event.
    """
    p = event_participants.alias()
    conds = [p.c[k] == v for k, v in equals.items()]
    if side is not None:
        conds.append(p.c.side == side)
    return events.c.id.in_(select(p.c.event_id).where(*conds))


def _pair(a: str, b: str) -> ColumnElement[bool]:
    """The dyad index's rows of the unordered pair {a, b} (stored as a <= b)."""
    first, second = sorted((a, b))
    return (dyads.c.a == first) & (dyads.c.b == second)


def dyad_select(a: str, b: str, where: Sequence[ColumnElement[bool]] = ()) -> Select:
    """Ids of the events with country `a` on one side and `b` on the other (either
    direction), in timeline order: a range of the dyad index (schema.dyads), no sort."""
    return (
        select(dyads.c.event_id)
        .where(_pair(a, b), *where)
        .order_by(*(dyads.c[name] for name in DYAD_ORDER))
    )


def _type_and_dates(
    columns: Any, *, type: str | None = None, types: Sequence[str] | None = None,
    since: date | None = None, until: date | None = None,
) -> list[ColumnElement[bool]]:
    """Filters on event type and date range over `columns` (events' or the dyad index's);
    a date range keeps only events known to overlap it."""
    where: list[ColumnElement[bool]] = []
    if type:
        where.append(columns.type == type)
    if types is not None:
        where.append(columns.type.in_(list(types)) if types else false())
    if since:
        where.append(columns.date_last >= since)
    if until:
        where.append(columns.date_first <= until)
    return where


def event_filters(
    *, country: str | None = None, text: str | None = None, **type_and_dates: Any,
) -> list[ColumnElement[bool]]:
    """WHERE clauses for event lists (type, types, since, until, country, text)."""
    where = _type_and_dates(events.c, **type_and_dates)
    if country:
        where.append(has_participant(country=country))
    if text:
        where.append(func.lower(events.c.evidence_text).contains(text.lower(), autoescape=True))
    return where


def dyad_events(
    conn: Connection, a: str, b: str, *, start: date | None = None, end: date | None = None,
    types: Sequence[str] | None = None, offset: int = 0, limit: int | None = None,
) -> list[dict[str, Any]]:
    """Events between countries `a` and `b`; `source`/`target` are the pair's participants.

    The page is cut from the dyad index first, so only its events are loaded."""
    where = _type_and_dates(dyads.c, types=types, since=start, until=end)
    page = dyad_select(a, b, where).offset(offset).limit(limit).subquery()
    stmt = _event_select([]).join(page, page.c.event_id == events.c.id)
    pair = {a, b}
    out = load_events(conn, stmt)
    for ev in out:
        for side, parts in (("source", ev["actor"]), ("target", ev["recipient"])):
            ev[side] = next((p for p in parts if p["country"] in pair), ev[side])
    return out


def dyad_total(conn: Connection, a: str, b: str) -> int:
    """How many events `dyad_events(a, b)` lists (counted in the dyad index)."""
    return count(conn, dyad_select(a, b).order_by(None))


def dyad_months(conn: Connection, a: str, b: str) -> list[dict[str, Any]]:
    """The pair's events counted per month and type (with the type's PLOVER quad), in month
    order: what a timeline chart of a busy pair plots. An event the text gives no date is
    counted at its article's publication month, flagged `reported` (most events in Persian
    news carry no date of their own). One read of the pair's range of the dyad index, which
    keeps the day each event is counted at (`chart_day`), grouped in SQL: no event and no
    document is read."""
    return [{"month": r.month, "type": r.type, "quad": _plover().get(r.type, {}).get("quad"),
             "events": r.events, "reported": bool(r.undated)}
            for r in conn.execute(dyad_months_select(a, b))]


def dyad_months_select(a: str, b: str) -> Select:
    """`dyad_months`' counts (month, type, undated, events), in that order."""
    day = dyads.c.chart_day
    groups = (_Month(day).label("month"), dyads.c.type, dyads.c.undated)
    return (select(*groups, func.count().label("events"))
            .where(_pair(a, b), day.is_not(None))
            .group_by(*groups).order_by(*groups))


class _Month(FunctionElement):
    """A date's month as 'YYYY-MM': one cheap expression per row grouped, where EXTRACT of
    the year and of the month is two (SQLite: two strftime calls; 25.9 instead of 16.6 CPU
    ms per chart of a frequent pair at 1 M events)."""

    type = String()
    inherit_cache = True


@compiles(_Month)
def _month_postgresql(element: _Month, compiler: Any, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


@compiles(_Month, "sqlite")
def _month_sqlite(element: _Month, compiler: Any, **kw: Any) -> str:
    """SQLite keeps a Date as its ISO text."""
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 7)"


def find_events(
    conn: Connection, *, offset: int, limit: int, **filters: Any
) -> tuple[list[dict[str, Any]], int]:
    stmt = _event_select(event_filters(**filters))
    return load_events(conn, stmt, offset=offset, limit=limit), count(conn, stmt)


def keyset_chunks(conn: Connection, query: Select, key: Column,
                  size: int) -> Iterator[Sequence[Row]]:
    """`query`'s rows `size` at a time, in order of the positive integer `key`: each read
    starts after the last key seen, so a large store is never loaded at once and no cursor
    stays open between chunks (a long read would hold back SQLite's WAL checkpoints)."""
    last = 0
    while chunk := conn.execute(query.where(key > last).order_by(key).limit(size)).all():
        yield chunk
        last = chunk[-1]._mapping[key]


def iter_events(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every event, in chunks by id."""
    for rows in keyset_chunks(conn, _event_select([]), events.c.id, CHUNK):
        parts = _participants(conn, [r.id for r in rows])
        yield from (_event_dict(r, parts[r.id]) for r in rows)


_STORED = (documents.c.pk, documents.c.id, documents.c.source, documents.c.published,
           documents.c.url, documents.c.title, documents.c.raw, documents.c.text,
           documents.c.record)  # what record.output needs


def iter_documents(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every document in the output contract, in the order stored."""
    for rows in keyset_chunks(conn, select(*_STORED), documents.c.pk, 100):
        yield from (record.output(r) for r in rows)


def get_document(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(*_STORED).where(documents.c.id == doc_id)).first()
    return record.output(row) if row is not None else None


_LISTED = (documents.c.id, documents.c.title, documents.c.source, documents.c.published,
           documents.c.url)


def _listing(row: Any, **extra: Any) -> dict[str, Any]:
    return {"id": row.id, "title": row.title, "source": row.source,
            "published": iso_day(row.published),
            "url": row.url, **extra}


def list_documents(conn: Connection, *, offset: int, limit: int) -> tuple[list[dict], int]:
    """Documents newest first (by publication, then by ingest)."""
    rows = conn.execute(
        select(*_LISTED)
        .order_by(documents.c.published.desc().nulls_last(), documents.c.pk.desc())
        .offset(offset).limit(limit)
    ).all()
    return [_listing(r) for r in rows], count(conn, select(documents.c.pk))


_FTS = table("documents_fts", column("rowid"), column("folded"), column("rank"))
_TSV = literal_column("documents.folded_tsv", TSVECTOR)  # PostgreSQL only (migration 0010)


SEARCH_ORDERS = ("relevance", "newest")


def search_documents(
    conn: Connection, query: str, *, offset: int, limit: int, order: str = "relevance",
    since: date | None = None, until: date | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Documents whose text contains the query in any joined/split spelling, best first
    (`order="newest"`: by publication day), published within [since, until] when given.

    SQLite ranks by FTS5's bm25; PostgreSQL matches the same phrases in a tsvector of the
    folded text and ranks by ts_rank_cd (cover density: how close and how often the
    spellings occur), so both backends put the same kind of document first.
    """
    if order not in SEARCH_ORDERS:
        raise ValueError(f"order must be one of {SEARCH_ORDERS}, not {order!r}")
    expression = fts_expression(query)
    if expression is None:
        return [], 0
    newest = (documents.c.published.desc().nulls_last(), documents.c.pk.desc())
    stmt = select(*_LISTED, documents.c.text).where(
        *_published_within(since, until)
    )
    if conn.dialect.name == "sqlite":
        hits = select(_FTS.c.rowid, _FTS.c.rank).where(_FTS.c.folded.match(expression))
        hits = hits.subquery()
        stmt = stmt.join(hits, hits.c.rowid == documents.c.pk)
        stmt = stmt.order_by(*newest) if order == "newest" else stmt.order_by(hits.c.rank)
    else:
        # For a word most documents hold the planner scans them all, testing every vector;
        # the GIN index (migration 0010) finds them without reading one (phrases re-check
        # only the documents holding all their words), about 4x faster.
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        spelled = [func.phraseto_tsquery("simple", p) for p in ts_phrases(query)]
        tsquery = reduce(lambda a, b: a.op("||")(b), spelled)
        stmt = stmt.where(_TSV.bool_op("@@")(tsquery))
        rank = func.ts_rank_cd(_TSV, tsquery)
        stmt = stmt.order_by(*newest) if order == "newest" else stmt.order_by(
            rank.desc(), documents.c.pk)
    rows = conn.execute(stmt.offset(offset).limit(limit)).all()
    items = [_listing(r, snippet=snippet(r.text, query)) for r in rows]
    return items, count(conn, stmt.order_by(None))


def _published_within(since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    day = documents.c.published
    return [*([day >= since] if since else []), *([day <= until] if until else [])]


def _quote_dict(row: Any) -> dict[str, Any]:
    return {
        "document_id": row.document_id,
        "speaker": {"text": row.speaker_text, "actor_id": row.speaker_actor_id,
                    "name_en": row.name_en, "country": row.country, "sector": row.sector},
        "cue": row.cue, "text": row.text, "start": row.start, "end": row.end,
    }


def find_quotes(
    conn: Connection, *, speaker: str | None, offset: int, limit: int
) -> tuple[list[dict[str, Any]], int]:
    stmt = (
        select(quotes, documents.c.id.label("document_id"), actors.c.name_en,
               actors.c.country, actors.c.sector)
        .join(documents, documents.c.pk == quotes.c.doc_pk)
        .outerjoin(actors, actors.c.id == quotes.c.speaker_actor_id)
    )
    if speaker is not None:
        stmt = stmt.where(quotes.c.speaker_actor_id == speaker)
    rows = conn.execute(
        stmt.order_by(documents.c.id, quotes.c.start).offset(offset).limit(limit)
    ).all()
    return [_quote_dict(r) for r in rows], count(conn, stmt)


def _actor_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "name_fa": row.name_fa, "name_en": row.name_en,
            "country": row.country, "sector": row.sector, "wikidata": row.wikidata}


def co_actors(conn: Connection, actor_id: str) -> list[dict[str, Any]]:
    """Actors sharing events with `actor_id`, most shared first."""
    mine, other = event_participants.alias(), event_participants.alias()
    shared = func.count(other.c.event_id.distinct()).label("count")
    rows = conn.execute(
        select(actors, shared)
        .select_from(mine)
        .join(other, other.c.event_id == mine.c.event_id)
        .join(actors, actors.c.id == other.c.actor_id)
        .where(mine.c.actor_id == actor_id, other.c.actor_id != actor_id,
               counted(mine.c.event_id))
        .group_by(*actors.c)
        .order_by(shared.desc(), actors.c.id)
    ).all()
    return [{**_actor_dict(r), "count": r.count} for r in rows]


def actor_profile(conn: Connection, actor_id: str) -> dict[str, Any] | None:
    """The actor, its events (either side), its quotes and the actors it shares events with."""
    row = conn.execute(select(actors).where(actors.c.id == actor_id)).first()
    if row is None:
        return None
    said, _ = find_quotes(conn, speaker=actor_id, offset=0, limit=CHUNK)
    return {
        "actor": _actor_dict(row),
        "events": load_events(conn, _event_select([has_participant(actor_id=actor_id)]),
                              limit=CHUNK),
        "quotes": said,
        "co_actors": co_actors(conn, actor_id),
    }


def sector_counts(conn: Connection) -> dict[str, int]:
    """Events per participant sector (an event with GOV on both sides counts once)."""
    p = event_participants
    n = func.count(p.c.event_id.distinct())
    rows = conn.execute(
        select(p.c.sector, n).where(p.c.sector.is_not(None), counted(p.c.event_id))
        .group_by(p.c.sector)
        .order_by(n.desc(), p.c.sector)
    ).all()
    return {sector: total for sector, total in rows}


def economic_sector_counts(conn: Connection) -> dict[str, int]:
    """Events per economic sector they touch (banking, trade, energy …; an event may touch
    several), most first. Grouped by the stored list first: there are few distinct lists."""
    n = func.count().label("events")
    rows = conn.execute(
        select(events.c.sectors, n).where(events.c.sectors != "[]", counted(events.c.id))
        .group_by(events.c.sectors)
    ).all()
    totals: Counter[str] = Counter()
    for stored, total in rows:
        for sector in json.loads(stored):
            totals[sector] += total
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


def top_dyads(conn: Connection, *, limit: int) -> list[dict[str, Any]]:
    """Country pairs (alphabetical within the pair) with the most events between them."""
    n = func.count().label("events")
    rows = conn.execute(
        select(dyads.c.a, dyads.c.b, n).where(dyads.c.a != dyads.c.b)
        .group_by(dyads.c.a, dyads.c.b).order_by(n.desc(), dyads.c.a, dyads.c.b).limit(limit)
    ).all()
    return [{"a": r.a, "b": r.b, "events": r.events} for r in rows]
