"""JSON endpoints under /api. Each calls one function in `queries`, which the dashboard
pages call too, so every page has a JSON twin with the same data."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from rasad.api import queries
from rasad.api.ingest import ingest_body
from rasad.api.params import (
    EventFilters,
    Page,
    SearchOptions,
    event_filters,
    page_params,
    search_options,
)
from rasad.api.security import check_token, read_limited

router = APIRouter(prefix="/api")

PageDep = Annotated[Page, Depends(page_params)]
SearchDep = Annotated[SearchOptions, Depends(search_options)]
DYAD = r"^[A-Za-z]{3}-[A-Za-z]{3}$"
Pair = Annotated[str, Path(pattern=DYAD, description="two alpha-3 codes, e.g. IRN-BLR")]
ActorId = Annotated[str, Path(max_length=200)]


def store_of(request: Request) -> Any:
    return request.app.state.store


StoreDep = Annotated[Any, Depends(store_of)]


@router.get("/documents", summary="Stored documents, newest first")
def documents(store: StoreDep, page: PageDep) -> dict:
    return queries.documents(store, page)


@router.get("/documents/{doc_id}", summary="One document in the output contract")
def document(store: StoreDep, doc_id: Annotated[str, Path(max_length=200)]) -> dict:
    return queries.document(store, doc_id)


@router.get("/events", summary="Events filtered by type, country, date range and text")
def events(
    store: StoreDep, page: PageDep, filters: Annotated[EventFilters, Depends(event_filters)]
) -> dict:
    return queries.events(store, filters, page)


@router.get("/dyads/{pair}", summary="Events between two countries in date order")
def dyad(store: StoreDep, pair: Pair, page: PageDep) -> dict:
    return queries.dyad(store, pair, page)


@router.get("/actors/{actor_id}", summary="Actor profile: events, quotes, co-actors")
def actor(store: StoreDep, actor_id: ActorId) -> dict:
    return queries.actor(store, actor_id)


@router.get("/quotes", summary="Attributed quotes, optionally by speaker")
def quotes(
    store: StoreDep,
    page: PageDep,
    speaker: Annotated[str | None, Query(max_length=200, description="actor id")] = None,
) -> dict:
    return queries.quotes(store, speaker, page)


@router.get("/search", summary="Full-text search over article text")
def search(
    store: StoreDep, page: PageDep, options: SearchDep,
    q: Annotated[str, Query(min_length=1, max_length=200)],
) -> dict:
    return queries.search(store, q, page, options)


@router.get("/sectors", summary="Event counts per participant sector and per economic sector")
def sectors(store: StoreDep) -> dict:
    return queries.sectors(store)


@router.get("/export", summary="Every document as JSONL, or every event as CSV (streamed)")
def export(
    store: StoreDep, format: Literal["jsonl", "csv"] = "jsonl"
) -> StreamingResponse:
    media = "application/x-ndjson" if format == "jsonl" else "text/csv"
    headers = {"Content-Disposition": f'attachment; filename="rasad.{format}"'}
    return StreamingResponse(queries.export(store, format), media_type=media, headers=headers)


INGEST_BODY = {
    "required": True,
    "content": {
        "application/x-ndjson": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "array", "items": {
            "type": "object", "required": ["id", "text"],
            "properties": {key: {"type": "string"} for key in (
                "id", "text", "published", "source", "url", "title")},
        }}},
    },
}


@router.post(
    "/ingest",
    summary="Extract and store articles (bearer token; ≤ 5 MB)",
    openapi_extra={"requestBody": INGEST_BODY},
)
async def ingest(request: Request) -> dict:
    check_token(request, request.app.state.token)
    body = await read_limited(request)
    state = request.app.state
    try:
        return await run_in_threadpool(_ingest_locked, state, body)
    finally:
        state.cache.bump()  # after the commit; even a partly stored body changed the store


def _ingest_locked(state: Any, body: bytes) -> dict:
    """One writer at a time, as the store expects."""
    with state.write_lock:
        return ingest_body(body, state.store, state.pipeline)
