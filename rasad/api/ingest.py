"""POST /api/ingest: JSONL records or a JSON list `{id, text, published?, source?}` in,
extracted and stored; re-sending the same article changes nothing.

Records go through the same reader checks as `rasad ingest` (ids, dates, language, size), so
a bad record is reported with its position and the rest of the body is still stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import HTTPException

from rasad.ingest.readers import Skipped, read_jsonl_lines
from rasad.model import Document
from rasad.pipeline import Pipeline


def parse_body(body: bytes) -> Iterator[Document | Skipped]:
    """Documents (or reasons for skipping) from an upload; 400 if it is not text or JSON."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise HTTPException(400, f"body is not UTF-8: {err.reason} at byte {err.start}") from err
    stripped = text.lstrip()
    if not stripped:
        raise HTTPException(400, "empty body: send JSONL records or a JSON list")
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as err:
            raise HTTPException(400, f"invalid JSON list: {err.msg} (line {err.lineno})") from err
        lines: Any = (json.dumps(record, ensure_ascii=False) for record in records)
    else:
        lines = text.splitlines()
    return read_jsonl_lines(lines, name="body")


def ingest_body(body: bytes, store: Any, pipeline: Pipeline) -> dict[str, Any]:
    """Extract and store every record; the summary lists what was skipped and why."""
    summary: dict[str, Any] = {"ok": True, "stored": [], "duplicates": [], "skipped": []}
    for item in parse_body(body):
        if isinstance(item, Skipped):
            summary["skipped"].append({"where": item.where, "reason": item.reason})
            continue
        doc = pipeline(item)
        key = "stored" if store.add(doc).added else "duplicates"
        summary[key].append(doc.id)
    return summary
