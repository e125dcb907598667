"""Who is the subject of a clause: name, pronoun, title or surname → a person (or a body).

Persian news names a speaker once and then refers to him as «وی»/«او», by title («معاون اول
رئیس جمهور»), or by surname («مخبر»). The quotes and events stages both need the actor behind
such a subject; this module resolves it from the entities stage's mentions and roles with a
small left-to-right memory (`Tracker`) of who spoke and who was last named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasad.extract.contexts import tolerant
from rasad.model import Document, Mention, Role

PRONOUN = re.compile(rf"^\W*(?:{tolerant('وی')}|او|ایشان)(?![\w\u200c])")
SOURCE_LINE = re.compile(rf"^\W*(?:{tolerant('به گزارش')}|{tolerant('به نقل از')})[^،,:]*[،,]")
BODY_LABELS = frozenset({"ORG", "GPE"})
_TITLE_WINDOW = 40  # a title starting this close to the clause start is its subject
_BODY_WINDOW = 8  # a body speaks only from the clause start («دولت لیبی», «رویترز»)


@dataclass(slots=True)
class Resolved:
    """A subject resolved to an actor, with the name mention that carries it (if any)."""

    actor_id: str | None
    mention: Mention | None
    as_written: tuple[int, int]


@dataclass(slots=True)
class Tracker:
    """Left-to-right memory: the last quoted speaker and the last named person."""

    speaker: Resolved | None = None
    speaker_pos: int = -1

    def spoke(self, who: Resolved, pos: int) -> None:
        self.speaker, self.speaker_pos = who, pos


def clause_start(doc: Document, start: int, end: int) -> int:
    """Skip a leading source line («به گزارش خبرگزاری مهر،»): it names no subject."""
    match = SOURCE_LINE.match(doc.text[start:end])
    return start + match.end() if match else start


def mentions_in(doc: Document, start: int, end: int, labels: frozenset[str] | None = None):
    """Entity mentions inside [start, end), in text order."""
    found = [m for m in doc.entities if start <= m.start and m.end <= end]
    if labels is not None:
        found = [m for m in found if m.label in labels]
    return sorted(found, key=lambda m: m.start)


def person_actor(doc: Document, ment: Mention) -> str | None:
    """The actor of a person mention; a bare surname borrows the earlier full name's actor."""
    if ment.actor_id is not None:
        return ment.actor_id
    surname = doc.text[ment.start : ment.end].replace("\u200c", " ").split()[-1]
    for other in reversed(mentions_in(doc, 0, ment.start, frozenset({"PER"}))):
        if other.actor_id and doc.text[other.start : other.end].endswith(surname):
            return other.actor_id
    return None


def _named(doc: Document, ment: Mention) -> Resolved:
    actor_id = person_actor(doc, ment) if ment.label == "PER" else ment.actor_id
    return Resolved(actor_id, ment, (ment.start, ment.end))


def _role_holder(doc: Document, role: Role, after: int) -> Resolved:
    """A title's holder: bound by the entities stage, else the person of the same
    country and sector named next (or, failing that, last) in the article."""
    span = (role.start, role.end)
    if role.holder_actor_id is not None:
        ment = doc.mention_at(*role.holder_mention) if role.holder_mention else None
        return Resolved(role.holder_actor_id, ment, span)
    people = [m for m in doc.entities if m.label == "PER"]
    matching = [m for m in people if _same_office(doc, m, role)]
    later = [m for m in matching if m.start >= after]
    earlier = [m for m in matching if m.end <= role.start]
    ment = min(later, key=lambda m: m.start) if later else (earlier[-1] if earlier else None)
    if ment is None:
        return Resolved(None, None, span)
    return Resolved(person_actor(doc, ment), ment, span)


def _same_office(doc: Document, ment: Mention, role: Role) -> bool:
    actor = doc.actor_of(ment)
    if actor is None or role.country is None:
        return False
    return actor.country == role.country and (role.sector is None or actor.sector == role.sector)


def _previous_subject(doc: Document, pos: int) -> Mention | None:
    """The first person named in the sentence before `pos` (the usual subject position)."""
    sent = doc.sentence_of(pos)
    if sent is None:
        return None
    before = [s for s in doc.sentences if s.end <= sent.start]
    if not before:
        return None
    prev = before[-1]
    people = mentions_in(doc, clause_start(doc, prev.start, prev.end), prev.end, frozenset({"PER"}))
    return people[0] if people else None


def resolve_pronoun(doc: Document, pos: int, tracker: Tracker) -> Resolved | None:
    """«وی»/«او»: the person just introduced as a subject, else the last speaker."""
    subject = _previous_subject(doc, pos)
    if subject is not None and subject.start > tracker.speaker_pos:
        return _named(doc, subject)
    if tracker.speaker is not None:
        return tracker.speaker
    people = mentions_in(doc, 0, pos, frozenset({"PER"}))
    return _named(doc, people[-1]) if people else None


def resolve_subject(doc: Document, start: int, end: int, tracker: Tracker) -> Resolved | None:
    """The actor a clause [start, end) is about: its first person, a leading pronoun, a leading
    title, or a leading organisation/state speaking as a body. None when nothing named."""
    start = clause_start(doc, start, end)
    comma = max(doc.text.rfind("،", start, end), doc.text.rfind(",", start, end))
    if comma > start and PRONOUN.match(doc.text[comma + 1 : end]):
        start = comma + 1  # «…، وی گفت»: the pronoun right before the verb is the subject
    match = PRONOUN.match(doc.text[start:end])
    if match:
        found = resolve_pronoun(doc, start, tracker)
        if found is not None:
            found = Resolved(
                found.actor_id, found.mention, (start + match.start(), start + match.end())
            )
        return found
    people = mentions_in(doc, start, end, frozenset({"PER"}))
    window = start + _TITLE_WINDOW
    roles = sorted(
        (r for r in doc.roles if start <= r.start < min(end, window)), key=lambda r: r.start
    )
    if people and (not roles or people[0].start <= roles[0].end + 1):
        return _named(doc, people[0])
    if roles:
        return _role_holder(doc, roles[0], after=end)
    if people:
        return _named(doc, people[0])
    bodies = [
        m for m in mentions_in(doc, start, end, BODY_LABELS) if m.start < start + _BODY_WINDOW
    ]
    return _named(doc, bodies[0]) if bodies else None
