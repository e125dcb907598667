"""Export a store: every document as JSONL (the output contract, as `rasad extract` writes
it) and every event as one CSV row. Both are generators of text lines, so the CLI can write
them to a file and the API can stream them without holding the store in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from rasad.output import json_line
from rasad.store.store import Store

PLOVER_VERSION = "PLOVER 0.8 (draft, Sept 2021)"

CSV_COLUMNS = (
    "document_id", "date", "type", "mode", "quad", "score", "source_country", "source_sector",
    "source_actor", "target_country", "target_sector", "target_actor", "evidence",
)
# A cell starting with one of these is a formula to spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def jsonl_lines(store: Store) -> Iterator[str]:
    for doc in store.iter_documents():
        yield json_line(doc)


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


def _entity(part: dict[str, Any]) -> dict[str, Any]:
    return {"code": part.get("country"), "sector": part.get("sector"),
            "entity_text": part.get("text"), "identifier_id": part.get("actor_id")}


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """Events in the PLOVER manual's record layout (actor/recipient lists of entities,
    event, mode, context, quad_code, event_scale, event_text, text_info, cite_info)."""
    seq: dict[str, int] = {}
    for ev in store.iter_events():
        doc_id = ev["document_id"]
        seq[doc_id] = seq.get(doc_id, 0) + 1
        yield {
            "id": f"{doc_id}-{seq[doc_id]}",
            "date": ev["date"],
            "actor": [_entity(p) for p in ev["actor"]],
            "recipient": [_entity(p) for p in ev["recipient"]],
            "event": ev["type"],
            "mode": ev["mode"],
            "context": list(ev["contexts"]),
            "quad_code": ev.get("quad"),
            "event_scale": ev.get("score"),
            "event_text": ev["evidence_text"],
            "event_loc": (ev.get("place") or {}).get("text"),
            "text_info": {"start": ev["evidence"][0], "end": ev["evidence"][1]},
            "cite_info": {"corpus": "rasad", "citation": doc_id, "language": "fa"},
            "cameo_root": ev.get("cameo"),
            "confidence": ev["confidence"],
            "codebook": PLOVER_VERSION,
        }


def plover_lines(store: Store) -> Iterator[str]:
    for record in plover_records(store):
        yield json_line(record)


def write_parquet(store: Store, path: str, *, batch_size: int = 5000) -> int:
    """The PLOVER records as a Parquet file, written in batches; returns the event count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    entity = pa.struct([("code", pa.string()), ("sector", pa.string()),
                        ("entity_text", pa.string()), ("identifier_id", pa.string())])
    schema = pa.schema([
        ("id", pa.string()), ("date", pa.string()), ("actor", pa.list_(entity)),
        ("recipient", pa.list_(entity)), ("event", pa.string()), ("mode", pa.string()),
        ("context", pa.list_(pa.string())), ("quad_code", pa.int8()),
        ("event_scale", pa.float32()), ("event_text", pa.string()), ("event_loc", pa.string()),
        ("text_info", pa.struct([("start", pa.int64()), ("end", pa.int64())])),
        ("cite_info", pa.struct([("corpus", pa.string()), ("citation", pa.string()),
                                 ("language", pa.string())])),
        ("cameo_root", pa.string()), ("confidence", pa.float32()), ("codebook", pa.string()),
    ])
    total = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in plover_records(store):
            batch.append(record)
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                total, batch = total + len(batch), []
        if batch or not total:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            total += len(batch)
    return total
