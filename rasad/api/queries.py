"""The query functions behind both the JSON API and the dashboard pages.

Each takes the store and validated parameters and returns plain JSON-ready dicts; a page is
the same dict rendered by a template (its "JSON twin" is the API route calling the same
function). Missing things raise 404 here, so both faces answer alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import HTTPException

from rasad.api.charts import bar_chart, star_network, timeline_chart
from rasad.api.params import EventFilters, Page, SearchOptions
from rasad.store.export import csv_lines, jsonl_lines
from rasad.store.queries import iso_day


def _paged(items: list[dict], total: int, page: Page, **extra: Any) -> dict[str, Any]:
    more = page.offset + len(items) < total
    return {"ok": True, **extra, "total": total, "page": page.page, "size": page.size,
            "next_page": page.page + 1 if more else None, "items": items}


def documents(store: Any, page: Page) -> dict[str, Any]:
    items, total = store.list_documents(offset=page.offset, limit=page.size)
    return _paged(items, total, page)


def document(store: Any, doc_id: str) -> dict[str, Any]:
    doc = store.get_document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return doc


def events(store: Any, filters: EventFilters, page: Page) -> dict[str, Any]:
    items, total = store.find_events(
        type=filters.type, country=filters.country, since=filters.since, until=filters.until,
        text=filters.text, offset=page.offset, limit=page.size,
    )
    return _paged([_linked(ev) for ev in items], total, page)


def _linked(ev: dict[str, Any]) -> dict[str, Any]:
    """An event with the dashboard link that shows its evidence in the article."""
    start, end = ev["evidence"]
    return {**ev, "href": f"/documents/{ev['document_id']}?hl={start}-{end}"}


def dyad(store: Any, pair: str, page: Page, *, chart: bool = False) -> dict[str, Any]:
    """A page of the pair's timeline; the dashboard's chart plots all of it, as counts per
    month and type (however many events the pair has)."""
    a, b = (code.upper() for code in pair.split("-"))
    items, total = store.dyad_page(a, b, offset=page.offset, limit=page.size)
    data = _paged([_linked(ev) for ev in items], total, page, a=a, b=b)
    if chart:
        data["chart"] = timeline_chart(store.dyad_months(a, b))
    return data


def actor(store: Any, actor_id: str, *, network: bool = False) -> dict[str, Any]:
    profile = store.actor_profile(actor_id)
    if profile is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    data = {"ok": True, **profile, "events": [_linked(ev) for ev in profile["events"]]}
    if network:
        center = {"id": actor_id, "label": _label(profile["actor"]), "count": len(data["events"])}
        others = [{"id": co["id"], "label": _label(co), "count": co["count"]}
                  for co in profile["co_actors"][:12]]
        data["network"] = star_network(center, others)
    return data


def _label(actor: dict[str, Any]) -> str:
    return actor.get("name_en") or actor.get("name_fa") or actor.get("id") or "?"


def quotes(store: Any, speaker: str | None, page: Page) -> dict[str, Any]:
    items, total = store.find_quotes(speaker=speaker, offset=page.offset, limit=page.size)
    return _paged(items, total, page)


def search(store: Any, q: str, page: Page, options: SearchOptions) -> dict[str, Any]:
    items, total = store.search_documents(
        q, offset=page.offset, limit=page.size, order=options.sort,
        since=options.since, until=options.until,
    )
    return _paged(items, total, page, q=q, sort=options.sort,
                  since=iso_day(options.since), until=iso_day(options.until))


def sectors(store: Any) -> dict[str, Any]:
    """Events per participant sector (GOV, MIL …) and per economic sector (banking, trade …)."""
    return {"ok": True, "sectors": store.sector_counts(),
            "economic_sectors": store.economic_sector_counts()}


def overview(store: Any) -> dict[str, Any]:
    data = sectors(store)
    return {**data, "counts": store.counts(), "sector_chart": bar_chart(data["sectors"]),
            "economic_chart": bar_chart(data["economic_sectors"]),
            "dyads": store.top_dyads(limit=20)}


def highlight(text: str, span: str | None) -> dict[str, str | None]:
    """Split `text` around the `START-END` span so each part is escaped on its own.

    >>> highlight("ab<c>d", "2-5")
    {'before': 'ab', 'mark': '<c>', 'after': 'd'}
    """
    if span is not None:
        start, end = (int(x) for x in span.split("-"))
        if 0 <= start < end <= len(text):
            return {"before": text[:start], "mark": text[start:end], "after": text[end:]}
    return {"before": text, "mark": None, "after": ""}


def export(store: Any, fmt: str) -> Iterator[str]:
    """Every document as a JSONL line, or every event as a CSV row; streamed."""
    yield from (jsonl_lines if fmt == "jsonl" else csv_lines)(store)

