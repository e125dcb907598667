"""The 'events' stage: PLOVER events from Persian predicate patterns (event_patterns.yaml).

Each pattern match in a sentence proposes an event of its type; the parties come from the
entity mentions of that sentence (their actors' country and sector), from compound phrases
(«دو کشور» → the two countries the article is most about) and, for a statement, from the
quote's speaker (a minister saying «آمادگی داریم …» is his country and sector agreeing).
Reciprocal predicates (meet, agree, sign) make every party an actor; directed ones make the
subject the actor and the other parties recipients; a meeting where one side travels is mode
`visit`, visitor → host. One event per (sentence, type, parties).

Negated («نکرد»، «نخواهد») and hypothetical («اگر»، «در صورتی که»، «ممکن است») matches are
skipped rather than emitted with flags: PLOVER drops them and evaluators count every listed
event as a prediction. An anaphoric meeting («در این دیدار») after a coded meeting is not
coded again, and an event with no coded party is left out (nothing to aggregate on).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rasad.extract.contexts import contexts_of, load_yaml, sectors_of, tolerant, word_regex
from rasad.extract.coref import Resolved, Tracker, clause_start, mentions_in, resolve_subject
from rasad.model import Document, Event, Mention, Participant, Quote, Span
from rasad.pipeline import stage

NEGATION = re.compile(r"^[\s\u200c]*(?:نه|نیست|نشد|نکرد|نمی|نخواهد|ندارد|نداریم)")
HYPOTHETICAL = re.compile(tolerant("(اگر|در صورتی که|چنانچه|ممکن است|احتمال)"))
ANAPHORIC_MEETING = re.compile(tolerant("(در )?(این|آن) (دیدار|ملاقات|نشست|گفت و گو)"))
COMPOUND = re.compile(tolerant("(دو|سه) (کشور|طرف)"))
FIRST_PERSON = re.compile(tolerant("(ما|کشورمان|کشور ما)") + r"(?![\w\u200c])")
PAST_VERB = re.compile(tolerant("(کرد|کردند|شد|شدند|داد|دادند|رسید|رسیدند|داشت|داشتند)$"))
PLACE_PREP = re.compile(r"در[\s\u200c]+$")
_COMPOUND_SIZE = {"دو": 2, "سه": 3}
NON_PARTY_SECTORS = frozenset({"MED"})  # news agencies report events, they are not parties


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    type: str
    mode: str | None
    regex: re.Pattern[str]
    reciprocal: bool
    confidence: float
    contexts: tuple[str, ...]
    cameo: str | None


@lru_cache(maxsize=1)
def plover() -> dict[str, dict]:
    """The PLOVER type table (quad, CAMEO root, base score, modes)."""
    return load_yaml("plover.yaml")


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[Pattern, ...], re.Pattern[str]]:
    """Compiled event patterns and the travel regex that turns a meeting into a visit."""
    data = load_yaml("event_patterns.yaml")
    table = plover()
    compiled = tuple(
        Pattern(
            id=row["id"],
            type=row["type"],
            mode=row.get("mode"),
            regex=word_regex(row["pattern"]),
            reciprocal=row["parties"] == "reciprocal",
            confidence=float(row["confidence"]),
            contexts=tuple(row.get("contexts", [])),
            cameo=table[row["type"]]["cameo"],
        )
        for row in data["patterns"]
    )
    return compiled, word_regex(data["travel"])


def _participant(doc: Document, ment: Mention) -> Participant | None:
    actor = doc.actor_of(ment)
    if actor is None or not actor.country or actor.sector in NON_PARTY_SECTORS:
        return None
    return Participant(ment.start, ment.end, actor.id, actor.country, actor.sector)


def _prominent_countries(doc: Document, n: int) -> list[str]:
    counts = Counter(a.country for m in doc.entities if (a := doc.actor_of(m)) and a.country)
    return [country for country, _ in counts.most_common(n)]


def _is_place(doc: Document, ment: Mention) -> bool:
    return ment.label in {"GPE", "LOC"} and bool(
        PLACE_PREP.search(doc.text[max(0, ment.start - 4) : ment.start])
    )


def _sentence_parties(doc: Document, start: int, end: int) -> list[Participant]:
    """Coded parties named in [start, end): mentions (places excluded) and «دو کشور»."""
    parties = [
        p
        for m in mentions_in(doc, start, end)
        if not _is_place(doc, m) and (p := _participant(doc, m))
    ]
    for match in COMPOUND.finditer(doc.text, start, end):
        size = _COMPOUND_SIZE[match.group(0)[:2].strip()]
        for country in _prominent_countries(doc, size):
            parties.append(Participant(match.start(), match.end(), None, country, None))
    return sorted(parties, key=lambda p: p.start)


def _dedupe(parties: list[Participant], exclude: set[str] = frozenset()) -> list[Participant]:
    """One participant per country, preferring one with a sector; `exclude` drops countries."""
    best: dict[str, Participant] = {}
    for part in parties:
        if part.country in exclude:
            continue
        kept = best.get(part.country)
        if kept is None or (kept.sector is None and part.sector is not None):
            best[part.country] = part
    return list(best.values())


def _speaker(doc: Document, quote: Quote) -> Participant | None:
    if quote.speaker_actor_id is None or quote.speaker_actor_id not in doc.actors:
        return None
    actor = doc.actors[quote.speaker_actor_id]
    if not actor.country:
        return None
    return Participant(
        quote.speaker_start, quote.speaker_end, actor.id, actor.country, actor.sector
    )


def _subject(doc: Document, sent: Span, trigger: int, tracker: Tracker) -> Participant | None:
    who = resolve_subject(doc, sent.start, trigger, tracker)
    if who is None or who.actor_id is None or who.actor_id not in doc.actors:
        return None
    actor = doc.actors[who.actor_id]
    if not actor.country or actor.sector in NON_PARTY_SECTORS:
        return None
    return Participant(who.as_written[0], who.as_written[1], actor.id, actor.country, actor.sector)


def _sides(
    doc: Document,
    sent: Span,
    pat: Pattern,
    mode: str | None,
    trigger: int,
    quote: Quote | None,
    tracker: Tracker,
) -> tuple[list[Participant], list[Participant]]:
    """(actors, recipients) of one match."""
    begin = quote.start if quote else clause_start(doc, sent.start, sent.end)
    named = _sentence_parties(doc, begin, sent.end)
    speaker = _speaker(doc, quote) if quote else None
    if quote and speaker and FIRST_PERSON.search(doc.text, quote.start, sent.end):
        named.insert(0, speaker)
    if pat.reciprocal and mode != "visit":
        if speaker and not named:
            named = [speaker]
        return _dedupe(named), []
    source = speaker if quote else _subject(doc, sent, trigger, tracker)
    if source is None:
        source = next((p for p in named if p.start < trigger), None)
    if source is None:
        return [], _dedupe(named)
    others = [p for p in named if p.country != source.country]
    return [source], _dedupe(others)


def _date(doc: Document, sent: Span, trigger_text: str) -> str | None:
    inside = [d for d in doc.dates if sent.start <= d.start < sent.end and d.value]
    if inside:
        return inside[0].value
    if doc.published and PAST_VERB.search(trigger_text) and "خواهد" not in trigger_text:
        return doc.published.isoformat()
    return None


def _place(doc: Document, sent: Span) -> Participant | None:
    for ment in mentions_in(doc, sent.start, sent.end, frozenset({"GPE", "LOC"})):
        if _is_place(doc, ment):
            actor = doc.actor_of(ment)
            return Participant(
                ment.start, ment.end, ment.actor_id, actor.country if actor else None
            )
    return None


def _skipped(doc: Document, sent: Span, match: re.Match[str]) -> bool:
    """Negated or hypothetical matches are not events."""
    after = doc.text[match.end() : match.end() + 12]
    before = doc.text[sent.start : match.start()]
    return bool(NEGATION.match(after) or HYPOTHETICAL.search(before))


def _quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    return next((q for q in quotes if q.start <= pos < q.end), None)


def _sentence_events(doc: Document, sent: Span, tracker: Tracker, met: bool) -> list[Event]:
    table, travel = patterns()
    text = doc.text[sent.start : sent.end]
    visiting = bool(travel.search(text))
    found: dict[tuple, Event] = {}
    for pat in table:
        for match in pat.regex.finditer(doc.text, sent.start, sent.end):
            if _skipped(doc, sent, match):
                continue
            if pat.type == "CONSULT" and met and ANAPHORIC_MEETING.match(text):
                continue
            mode = "visit" if pat.type == "CONSULT" and visiting and pat.mode is None else pat.mode
            quote = _quote_at(doc.quotes, match.start())
            actors, recipients = _sides(doc, sent, pat, mode, match.start(), quote, tracker)
            if not actors and not recipients:
                continue
            key = (pat.type, frozenset((p.country, p.sector) for p in actors + recipients))
            if key in found:
                continue
            found[key] = Event(
                type=pat.type,
                evidence_start=sent.start,
                evidence_end=sent.end,
                trigger_start=match.start(),
                trigger_end=match.end(),
                mode=mode,
                source=actors,
                target=recipients,
                date=_date(doc, sent, match.group(0)),
                place=_place(doc, sent),
                contexts=contexts_of(text, list(pat.contexts)),
                sectors=sectors_of(text),
                confidence=pat.confidence if actors else round(pat.confidence * 0.8, 2),
                cameo=pat.cameo,
                pattern_id=pat.id,
            )
    return list(found.values())


def find_events(doc: Document) -> list[Event]:
    """All events of a document in text order."""
    tracker = Tracker()
    speakers = {q.cue_start: q for q in doc.quotes}
    found: list[Event] = []
    for sent in doc.sentences:
        met = any(e.type == "CONSULT" for e in found)
        found.extend(_sentence_events(doc, sent, tracker, met))
        for pos in sorted(p for p in speakers if sent.start <= p < sent.end):
            quote = speakers[pos]
            ment = doc.mention_at(*quote.speaker_mention) if quote.speaker_mention else None
            span = (quote.speaker_start, quote.speaker_end)
            tracker.spoke(Resolved(quote.speaker_actor_id, ment, span), pos)
    return found


@stage("events", requires={"sentences", "entities", "dates"}, assigns={"events"})
def events(doc: Document) -> Document:
    doc.events = find_events(doc)
    return doc
