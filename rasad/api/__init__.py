"""HTTP API and dashboard (FastAPI): `create_app(db_url, token=...)` and `serve(db, host, port)`."""

from __future__ import annotations

from rasad.api.app import create_app, serve

__all__ = ["create_app", "serve"]
