"""`documents.record`: a document's annotation layers, from which its output record is made.

The column holds the layers (sentences, entities, events, ...) as msgspec encodes the model's
dataclasses; the document's own fields (id, title, text, ...) are columns of their own. A
read rebuilds the Document and writes it with `Document.to_dict`, so the output contract is
made in one place and the store keeps no second copy of every span's text and actor.
Encoding the layers costs less than half of building and encoding the contract, and the
row is about 40% smaller; an ingest-bound store spent a quarter of its time on the record.

Stores written before this kept the contract itself (a JSON object with an "id"); such
records are returned as they are.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from rasad.model import Actor, DateMention, Document, Event, Failure, Mention, Quote, Role, Span


class Layers(msgspec.Struct, omit_defaults=True):
    """What `documents.record` holds (empty layers are left out)."""

    sentences: list[Span] = []
    tokens: list[Span] = []
    entities: list[Mention] = []
    roles: list[Role] = []
    actors: dict[str, Actor] = {}
    dates: list[DateMention] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    failures: list[Failure] = []


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Layers)
_CONTRACT_START = '{"id"'  # how every record of an older store begins


def encode(doc: Document) -> str:
    """The `record` value of `doc`."""
    layers = Layers(doc.sentences, doc.tokens, doc.entities, doc.roles, doc.actors, doc.dates,
                    doc.quotes, doc.events, doc.failures)
    return _ENCODER.encode(layers).decode()


def output(row: Any) -> dict[str, Any]:
    """The output contract of a `documents` row (id, source, published, url, title, raw,
    text and record)."""
    if row.record.startswith(_CONTRACT_START):
        return json.loads(row.record)
    layers = _DECODER.decode(row.record)
    doc = Document(
        id=row.id, raw=row.raw, source=row.source, published=row.published, url=row.url,
        title=row.title, text=row.text, sentences=layers.sentences, tokens=layers.tokens,
        entities=layers.entities, roles=layers.roles, actors=layers.actors, dates=layers.dates,
        quotes=layers.quotes, events=layers.events, failures=layers.failures,
    )
    return doc.to_dict()
