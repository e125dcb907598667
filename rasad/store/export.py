"""Export a store: every document as JSONL (the output contract, as `rasad extract` writes
it) and every event as one CSV row. Both are generators of text lines, so the CLI can write
them to a file and the API can stream them without holding the store in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from rasad.store.store import Store

CSV_COLUMNS = (
    "document_id", "date", "type", "mode", "quad", "score", "source_country", "source_sector",
    "source_actor", "target_country", "target_sector", "target_actor", "evidence",
)
# A cell starting with one of these is a formula to spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def jsonl_lines(store: Store) -> Iterator[str]:
    for doc in store.iter_documents():
        yield json.dumps(doc, ensure_ascii=False) + "\n"


def _cell(ev: dict[str, Any], column: str) -> Any:
    side, _, field = column.partition("_")
    if side in ("source", "target") and field:
        value = (ev.get(side) or {}).get("actor_id" if field == "actor" else field)
    else:
        value = ev.get("evidence_text") if column == "evidence" else ev.get(column)
    # Article text must not become a spreadsheet formula when the CSV is opened.
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_lines(store: Store) -> Iterator[str]:
    """A header, then one row per event (its first source and target participants)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for ev in store.iter_events():
        writer.writerow([_cell(ev, column) for column in CSV_COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
