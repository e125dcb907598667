"""The FastAPI app: JSON API under /api, dashboard pages, static assets, one error shape."""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from rasad.api import pages, routes
from rasad.api.cache import CacheMiddleware, ResponseCache
from rasad.api.errors import install_error_handlers
from rasad.pipeline import Pipeline
from rasad.web import STATIC_DIR

TOKEN_ENV = "RASAD_TOKEN"


def create_app(db_url: str, *, token: str | None = None) -> FastAPI:
    """An app serving the store at `db_url`; writes need `token` (default: $RASAD_TOKEN)."""
    from rasad.store import Store

    store = Store(db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="rasad",
        summary="Persian news → PLOVER event data: documents, events, dyads, actors, quotes.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    app.state.pipeline = Pipeline.from_config()
    app.state.write_lock = threading.Lock()
    app.state.cache = ResponseCache(marker=lambda: _newest_document(store))
    app.add_middleware(CacheMiddleware, cache=app.state.cache)
    install_error_handlers(app)
    app.include_router(routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _newest_document(store: Any) -> tuple | None:
    """(pk, content hash) of the newest stored document: it changes whenever any process
    stores, re-stores or replaces an article, so the response cache can tell."""
    from sqlalchemy import select

    from rasad.store.schema import documents

    newest = select(documents.c.pk, documents.c.content_hash).order_by(documents.c.pk.desc())
    with store.engine.connect() as conn:
        row = conn.execute(newest.limit(1)).first()
    return tuple(row) if row is not None else None


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API and dashboard with uvicorn until interrupted (`rasad serve`).

    One process: reads are answered from the response cache, so the event loop, not the
    database, is the limit. uvicorn picks httptools and uvloop when installed (about 3x the
    read throughput of h11 and asyncio); no access log, which costs a write per request."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="info", access_log=False)
