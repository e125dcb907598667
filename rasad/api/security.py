"""Write protection and upload limits for the HTTP API.

Writes need `Authorization: Bearer <token>`: 401 without one, 403 with a wrong one (compared
in constant time). Uploads are read as a stream and cut off at the limit (413), so a huge body
never sits in memory.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def check_token(request: Request, expected: str | None) -> None:
    """Raise 401/403 unless the request carries the server's bearer token."""
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    if expected is None:
        raise HTTPException(403, "writes are disabled: start the server with RASAD_TOKEN set")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(403, "wrong token")


async def read_limited(request: Request, limit: int = MAX_UPLOAD_BYTES) -> bytes:
    """The request body, or 413 as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"upload larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"upload larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
