"""The FastAPI app: JSON API under /api, dashboard pages, static assets, one error shape."""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from rasad.api import pages, routes
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
    install_error_handlers(app)
    app.include_router(routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API and dashboard with uvicorn until interrupted (`rasad serve`)."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
