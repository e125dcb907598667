"""The read cache (rasad/api/cache.py): answers stay correct across writes by this server and
by other processes, ETags give 304, and concurrent misses compute once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from api_support import TOKEN, require_store
from fastapi.testclient import TestClient

from rasad.api import create_app
from rasad.api.cache import CacheMiddleware, ResponseCache
from rasad.fixtures import build

TEXT = "وزیر امور خارجه ایران امروز در تهران با همتای بلاروسی خود دیدار و گفت‌وگو کرد."
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    require_store()
    path = str(tmp_path_factory.mktemp("cache") / "cache.db")
    build(path)
    return path


@pytest.fixture
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path, token=TOKEN)) as test_client:
        yield test_client


def _total(client: TestClient) -> int:
    return client.get("/api/documents").json()["total"]


@pytest.mark.parametrize("path", ["/api/documents", "/api/sectors", "/dyads/IRN-BLR", "/"])
def test_etag_answers_304(client: TestClient, path: str) -> None:
    first = client.get(path)
    etag = first.headers["etag"]
    again = client.get(path, headers={"If-None-Match": etag})
    other = client.get(path, headers={"If-None-Match": '"stale"'})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert other.status_code == 200 and other.content == first.content


def test_ingest_is_read_at_once(client: TestClient) -> None:
    before = _total(client)
    missing = client.get("/api/documents/cache-own")
    body = f'{{"id": "cache-own", "text": "{TEXT}"}}'.encode()
    assert client.post("/api/ingest", content=body, headers=AUTH).json()["stored"]
    assert missing.status_code == 404 and "etag" not in missing.headers
    assert _total(client) == before + 1
    assert client.get("/api/documents/cache-own").status_code == 200


def test_other_process_writes_are_seen(client: TestClient, db_path: str) -> None:
    from rasad import extract
    from rasad.store import Store

    client.app.state.cache.recheck_s = 0.0
    before = _total(client)
    with Store(db_path) as other:
        other.add(extract(TEXT + " دور دوم.", source="other-writer"))
    assert _total(client) == before + 1


@pytest.mark.parametrize("path", ["/api/export", "/openapi.json", "/api/documents/nope"])
def test_uncached_answers_have_no_etag(client: TestClient, path: str) -> None:
    assert "etag" not in client.get(path).headers


class SlowApp:
    """An ASGI app answering 200 with how many times it has been called, after a pause."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, scope: dict, receive: object, send: Any) -> None:
        self.calls += 1
        body = str(self.calls).encode()
        await asyncio.sleep(0.01)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})


async def _get(middleware: CacheMiddleware) -> bytes:
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/api/x", "query_string": b"",
             "headers": []}
    await middleware(scope, None, send)  # type: ignore[arg-type]
    return sent[-1]["body"]


def test_concurrent_misses_compute_once() -> None:
    app = SlowApp()
    middleware = CacheMiddleware(app, ResponseCache(marker=lambda: 1))

    async def burst() -> list[bytes]:
        return await asyncio.gather(*(_get(middleware) for _ in range(20)))

    assert asyncio.run(burst()) == [b"1"] * 20
    assert app.calls == 1


def test_write_during_a_miss_is_not_hidden() -> None:
    """A request arriving after a write must not get an answer computed before it."""
    cache = ResponseCache(marker=lambda: 1)
    app = SlowApp()
    middleware = CacheMiddleware(app, cache)

    async def race() -> tuple[bytes, bytes, bytes]:
        before = asyncio.create_task(_get(middleware))
        while app.calls == 0:  # the first answer is being computed (not merely requested)
            await asyncio.sleep(0.001)
        cache.bump()
        after = await _get(middleware)
        return await before, after, await _get(middleware)

    assert asyncio.run(race()) == (b"1", b"2", b"2")
