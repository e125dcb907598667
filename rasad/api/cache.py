"""A response cache for reads: GET /api/* and the dashboard pages, answered from memory until
the store changes.

Entries are keyed by (path, query string) and belong to one *store version*. The version moves
when this process stores an article (`ResponseCache.bump`, called by POST /api/ingest, so a
writer reads its own writes at once) and when another process does: at most every
`recheck_s` seconds (default 1 s) one request reads the newest document row, so writes by
`rasad ingest` or another server on the same database show within that time. Only 200
answers are kept; each carries an ETag, and `If-None-Match` with it gets 304.

Concurrent misses for one key wait for the first one's answer (single flight), so a burst of
readers after a write costs one query per distinct URL, not one per reader. It is a plain
ASGI middleware: a hit never reaches routing, validation or the thread pool.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNCACHED_PREFIXES = ("/api/export", "/api/ingest", "/static", "/docs", "/redoc", "/openapi")
MAX_BODY_BYTES = 2 * 1024 * 1024  # one answer; bigger ones are served but not kept
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # all answers; least recently used go first


@dataclass(frozen=True, slots=True)
class Cached:
    """A stored 200 answer: its headers (ETag included) and body bytes."""

    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes


@dataclass
class ResponseCache:
    """Answers for the current store version; `marker` reads the store's newest-row mark."""

    marker: Callable[[], Any]
    recheck_s: float = 1.0
    version: int = 0
    _entries: OrderedDict[tuple[str, bytes], Cached] = field(default_factory=OrderedDict)
    _pending: dict[tuple[str, bytes], asyncio.Future] = field(default_factory=dict)
    _bytes: int = 0
    _mark: Any = None
    _checked_at: float = float("-inf")
    _checking: bool = False

    def bump(self) -> None:
        """The store changed: forget every answer, and let no new request wait on one being
        computed from the old store (its own waiters still get it)."""
        self.version += 1
        self._entries.clear()
        self._pending.clear()
        self._bytes = 0

    async def refresh(self) -> None:
        """Bump if another process changed the store since the last look (≤ every recheck_s)."""
        if self._checking or time.monotonic() - self._checked_at < self.recheck_s:
            return
        self._checking = True
        try:
            mark = await run_in_threadpool(self.marker)
        finally:
            self._checking = False
            self._checked_at = time.monotonic()
        if mark != self._mark:
            if self._mark is not None:
                self.bump()
            self._mark = mark

    async def lookup(self, key: tuple[str, bytes]) -> Cached | None:
        """The stored answer, waiting for one being computed; None: compute it yourself."""
        hit = self._entries.get(key)
        if hit is not None:
            self._entries.move_to_end(key)
            return hit
        pending = self._pending.get(key)
        return None if pending is None else await asyncio.shield(pending)

    def begin(self, key: tuple[str, bytes]) -> asyncio.Future:
        """Claim `key`: requests for it now wait on the returned future."""
        future = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        return future

    def finish(self, key: tuple[str, bytes], future: asyncio.Future, version: int,
               entry: Cached | None) -> None:
        """Release `key`; keep `entry` unless the store moved on while it was computed."""
        if self._pending.get(key) is future:
            del self._pending[key]
        future.set_result(entry)
        if entry is None or version != self.version or len(entry.body) > MAX_BODY_BYTES:
            return
        old = self._entries.pop(key, None)
        self._bytes += len(entry.body) - (len(old.body) if old else 0)
        self._entries[key] = entry
        while self._bytes > MAX_TOTAL_BYTES:
            self._bytes -= len(self._entries.popitem(last=False)[1].body)


def cacheable(scope: Scope) -> bool:
    return (
        scope["type"] == "http"
        and scope["method"] == "GET"
        and not scope["path"].startswith(UNCACHED_PREFIXES)
    )


class CacheMiddleware:
    """Serves GET reads from `app.state.cache` (a ResponseCache); see the module docstring."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not cacheable(scope):
            await self.app(scope, receive, send)
            return
        await self.cache.refresh()
        key = (scope["path"], scope["query_string"])
        entry = await self.cache.lookup(key)
        if entry is None:
            entry = await self._compute(scope, receive, send, key)
            if entry is None:  # not a 200: already sent as it was
                return
        await _send_cached(entry, scope, send)

    async def _compute(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes]
    ) -> Cached | None:
        """Run the app once for `key`, letting concurrent requests for it wait on the answer."""
        version = self.cache.version
        future = self.cache.begin(key)
        captured: list[Message] = []

        async def capture(message: Message) -> None:
            captured.append(message)

        entry = None
        try:
            await self.app(scope, receive, capture)
            entry = _entry(captured)
        finally:
            self.cache.finish(key, future, version, entry)
        if entry is None:
            for message in captured:
                await send(message)
        return entry


def _entry(messages: list[Message]) -> Cached | None:
    """The answer as a cache entry, if it is a complete 200 without cookies."""
    start = next((m for m in messages if m["type"] == "http.response.start"), {})
    if start.get("status") != 200:
        return None
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    if any(k.lower() in (b"set-cookie", b"etag") for k, _ in headers):
        return None
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    etag = b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
    headers += [(b"etag", etag), (b"cache-control", b"no-cache")]
    return Cached(headers, body, etag)


async def _send_cached(entry: Cached, scope: Scope, send: Send) -> None:
    """The stored answer, or 304 when the client already holds it (If-None-Match)."""
    wanted = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
    if wanted is not None and entry.etag in (t.strip() for t in wanted.split(b",")):
        headers = [(b"etag", entry.etag), (b"cache-control", b"no-cache")]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    headers = [*entry.headers, (b"content-length", str(len(entry.body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": entry.body})
