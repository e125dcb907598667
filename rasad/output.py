"""The JSON output contract (../shared/docs/output.md): the one place a Document becomes JSON.

The contract only grows by adding fields; evaluators read `source`/`target` objects and the
PLOVER-style `actor`/`recipient` lists, so both are written.
"""

from __future__ import annotations

from typing import Any

import msgspec

from rasad.model import Document, Event, Mention, Participant, Quote

_JSON = msgspec.json.Encoder()


def json_line(record: dict[str, Any]) -> str:
    """`record` as one JSONL line: compact, non-ASCII text as it is, encoded in C (json.dumps
    was a quarter of the reader/writer process's time on parallel runs)."""
    return _JSON.encode(record).decode() + "\n"


def _actor_dict(doc: Document, actor_id: str | None) -> dict[str, Any] | None:
    if actor_id is None or actor_id not in doc.actors:
        return None
    return doc.actors[actor_id].to_dict()


def _entity(doc: Document, ment: Mention) -> dict[str, Any]:
    role = None
    if ment.role_start is not None and ment.role_end is not None:
        role = doc.text[ment.role_start : ment.role_end]
    return {
        "text": doc.text[ment.start : ment.end],
        "label": ment.label,
        "start": ment.start,
        "end": ment.end,
        "role": role,
        "role_span": [ment.role_start, ment.role_end] if role is not None else None,
        "origin": ment.origin,
        "actor": _actor_dict(doc, ment.actor_id),
    }


def _participant(doc: Document, part: Participant) -> dict[str, Any]:
    actor = doc.actors.get(part.actor_id) if part.actor_id else None
    return {
        "text": doc.text[part.start : part.end],
        "start": part.start,
        "end": part.end,
        "country": part.country,
        "sector": part.sector,
        "actor_id": part.actor_id,
        "name_en": actor.name_en if actor else None,
    }


def _quote(doc: Document, quote: Quote) -> dict[str, Any]:
    actor = doc.actors.get(quote.speaker_actor_id) if quote.speaker_actor_id else None
    if quote.speaker_mention is not None:
        speaker_text = doc.text[quote.speaker_mention[0] : quote.speaker_mention[1]]
    else:
        speaker_text = doc.text[quote.speaker_start : quote.speaker_end]
    return {
        "speaker": {
            "text": speaker_text,
            "actor_id": quote.speaker_actor_id,
            "name_en": actor.name_en if actor else None,
            "country": actor.country if actor else None,
            "sector": actor.sector if actor else None,
            "as_written": doc.text[quote.speaker_start : quote.speaker_end],
            "span": [quote.speaker_start, quote.speaker_end],
        },
        "cue": doc.text[quote.cue_start : quote.cue_end],
        "cue_span": [quote.cue_start, quote.cue_end],
        "text": doc.text[quote.start : quote.end],
        "start": quote.start,
        "end": quote.end,
    }


def _event(doc: Document, event: Event) -> dict[str, Any]:
    sources = [_participant(doc, p) for p in event.source]
    targets = [_participant(doc, p) for p in event.target]
    place = None
    if event.place is not None:
        place = {
            "text": doc.text[event.place.start : event.place.end],
            "country": event.place.country,
            "actor_id": event.place.actor_id,
        }
    return {
        "type": event.type,
        "mode": event.mode,
        "source": sources[0] if sources else None,
        "target": targets[0] if targets else None,
        "actor": sources,
        "recipient": targets,
        "date": event.date,
        "place": place,
        "sectors": list(event.sectors),
        "contexts": list(event.contexts),
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "evidence": [event.evidence_start, event.evidence_end],
        "trigger": [event.trigger_start, event.trigger_end],
        "confidence": event.confidence,
        "cameo": event.cameo,
        "pattern": event.pattern_id,
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "published": doc.published.isoformat() if doc.published else None,
        "url": doc.url,
        "title": doc.title,
        "content_hash": doc.content_hash,
        "text": doc.text,
        "sentences": [[s.start, s.end] for s in doc.sentences],
        "tokens": [[t.start, t.end] for t in doc.tokens],
        "entities": [_entity(doc, m) for m in doc.entities],
        "roles": [
            {
                "text": doc.text[r.start : r.end],
                "start": r.start,
                "end": r.end,
                "country": r.country,
                "sector": r.sector,
                "title_id": r.title_id,
                "holder_actor_id": r.holder_actor_id,
                "holder": (
                    doc.actors[r.holder_actor_id].name_en or doc.actors[r.holder_actor_id].name_fa
                )
                if r.holder_actor_id in doc.actors
                else None,
            }
            for r in doc.roles
        ],
        "actors": {key: actor.to_dict() for key, actor in doc.actors.items()},
        "dates": [
            {
                "text": doc.text[d.start : d.end],
                "start": d.start,
                "end": d.end,
                "calendar": d.calendar,
                "value": d.value,
                "precision": d.precision,
                "resolved": d.resolved,
            }
            for d in doc.dates
        ],
        "quotes": [_quote(doc, q) for q in doc.quotes],
        "events": [_event(doc, e) for e in doc.events],
        "failures": [{"stage": f.stage, "error": f.error} for f in doc.failures],
    }
