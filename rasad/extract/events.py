"""The 'events' stage: PLOVER events from Persian predicate patterns (event_patterns.yaml).

Each pattern match in a sentence proposes an event of its type; the parties come from the
trigger's own clause (cut at ':'/'؛', the speech cue, and a «درباره …» topic before the cue,
so a reporter's question and the answer keep their own parties): entity mentions, nationality
adjectives («نیروهای آمریکایی» → USA MIL), compound phrases («دو کشور») and, for first-person
speech, the quote's speaker. Reciprocal predicates (meet, agree, sign) make every party an
actor; directed ones make the agent («از سوی X») or the first party not behind a preposition
the actor, falling back to the speaker; `speaker` patterns (criticism, «باید» demands) make
the speaker the actor and need a named recipient; a meeting where one side travels is mode
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
from rasad.extract.gazetteer import demonyms, key
from rasad.extract.quotes import cues as cues_table
from rasad.model import Document, Event, Mention, Participant, Quote, Span
from rasad.pipeline import stage

NEGATION = re.compile(r"^[\s\u200c]*(?:نه|نیست|نشد|نکرد|نمی|نخواهد|ندارد|نداریم)")
HYPOTHETICAL = re.compile(tolerant("(اگر|در صورتی که|چنانچه|ممکن است|احتمال)"))
ANAPHORIC_MEETING = re.compile(tolerant("(در )?(این|آن) (دیدار|ملاقات|نشست|گفت و گو)"))
COMPOUND = re.compile(tolerant("(دو|سه) (کشور|طرف)"))
FIRST_PERSON = re.compile(tolerant("(ما|کشورمان|کشور ما)") + r"(?![\w\u200c])")
PAST_VERB = re.compile(tolerant("(کرد|کردند|شد|شدند|داد|دادند|رسید|رسیدند|داشت|داشتند)$"))
_GAP = r"[\s\u200c]+"
_WORDS = r"(?:{gap}[^\s\u200c،,:]+){{0,{n}}}{gap}$"
PLACE_PREP = re.compile(tolerant("(در|شهر|استان)") + _WORDS.format(gap=_GAP, n=2))
OBLIQUE = re.compile(tolerant("(با|به|علیه|از|برای|ضد|نزد|بر)") + _WORDS.format(gap=_GAP, n=3))
BOUNDARY = re.compile("[:؛]")
TOPIC = re.compile(tolerant("(درباره|در باره|در خصوص|در مورد|در پاسخ به|با اشاره به) "))
WORD = re.compile(r"[^\W\d_]+(?:\u200c[^\W\d_]+)*")
PLURAL = re.compile(r"\u200c?ها$")
AGENT = re.compile(tolerant("(از سوی|از طرف|توسط) ") + "$")
_COMPOUND_SIZE = {"دو": 2, "سه": 3}
NON_PARTY_SECTORS = frozenset({"MED"})  # news agencies report events, they are not parties


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    type: str
    mode: str | None
    regex: re.Pattern[str]
    parties: str  # reciprocal, directed, or speaker (the speaker judges the named parties)
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
            parties=row["parties"],
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
        PLACE_PREP.search(doc.text[max(0, ment.start - 30) : ment.start])
    )


@lru_cache(maxsize=1)
def _demonym_heads() -> dict[str, str]:
    """Head noun → sector for «نیروهای آمریکایی» (MIL), «شرکت های آلمانی» (BUS), …"""
    heads = load_yaml("event_patterns.yaml")["demonym_heads"]
    return {key(word): sector for sector, words in heads.items() for word in words}


def _demonym_parties(doc: Document, start: int, end: int) -> list[Participant]:
    """Nationality adjectives name a party («سرباز عراقی» → IRQ MIL) though they are not
    entities; the head noun before them gives the sector."""
    found: list[Participant] = []
    table, heads = demonyms(), _demonym_heads()
    words = list(WORD.finditer(doc.text, start, end))
    for i, word in enumerate(words):
        country = table.get(key(PLURAL.sub("", word.group(0))))
        if country is None:
            continue
        head = key(words[i - 1].group(0)) if i else ""
        found.append(Participant(word.start(), word.end(), None, country, heads.get(head)))
    return found


def _sentence_parties(doc: Document, start: int, end: int) -> list[Participant]:
    """Coded parties named in [start, end): mentions (places excluded), nationality
    adjectives and «دو کشور»."""
    parties = [
        p
        for m in mentions_in(doc, start, end)
        if not _is_place(doc, m) and (p := _participant(doc, m))
    ]
    for match in COMPOUND.finditer(doc.text, start, end):
        size = _COMPOUND_SIZE[match.group(0)[:2].strip()]
        for country in _prominent_countries(doc, size):
            parties.append(Participant(match.start(), match.end(), None, country, None))
    parties += _demonym_parties(doc, start, end)
    return sorted(parties, key=lambda p: p.start)


def _dedupe(parties: list[Participant]) -> list[Participant]:
    """One participant per (country, sector); a bare country is dropped when the same country
    also appears with a sector (gold lists «IRN LEG» and «IRN REL», not a third «IRN»)."""
    best: dict[tuple[str | None, str | None], Participant] = {}
    for part in parties:
        best.setdefault((part.country, part.sector), part)
    sectored = {country for country, sector in best if sector}
    return [p for (c, s), p in best.items() if s or c not in sectored]


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


def _clause(doc: Document, sent: Span, trigger: int, quote: Quote | None) -> tuple[int, int]:
    """The clause around a trigger: bounded by ':'/'؛', a topic phrase («درباره …»), the
    quote cue and the quoted text, so a question's topic and the answer keep their parties."""
    begin = clause_start(doc, sent.start, sent.end)
    end = sent.end
    cues = [m.start() for cue in cues_table() for m in cue.regex.finditer(doc.text, begin, end)]
    cues += [q.cue_start for q in doc.quotes if begin <= q.cue_start < end]
    cuts = [m.start() for m in BOUNDARY.finditer(doc.text, begin, end)] + cues
    if quote:
        cuts += [quote.start, quote.end]
    if cues:  # «درباره X گفت:»: the topic before a speech cue is a clause of its own
        cuts += [m.start() for m in TOPIC.finditer(doc.text, begin, max(cues))]
    for cut in cuts:
        if cut <= trigger:
            begin = max(begin, cut)
        else:
            end = min(end, cut)
    return begin, end


def _oblique(doc: Document, part: Participant, begin: int) -> bool:
    """A party introduced by a preposition (با/به/علیه/از …) is not the clause's subject."""
    return bool(OBLIQUE.search(doc.text[max(begin, part.start - 40) : part.start]))


def _sides(
    doc: Document,
    sent: Span,
    pat: Pattern,
    mode: str | None,
    trigger: int,
    quote: Quote | None,
    tracker: Tracker,
) -> tuple[list[Participant], list[Participant]]:
    """(actors, recipients) of one match, read from the trigger's own clause."""
    begin, end = _clause(doc, sent, trigger, quote)
    named = _sentence_parties(doc, begin, end)
    speaker = _speaker(doc, quote) if quote else None
    if speaker and FIRST_PERSON.search(doc.text, begin, end):
        named.insert(0, speaker)
    if pat.parties == "reciprocal" and mode != "visit":
        if speaker and not named:
            named = [speaker]
        return _dedupe(named), []
    opening = clause_start(doc, sent.start, sent.end)
    main = begin <= opening or (not quote and BOUNDARY.match(doc.text, begin) is not None)
    if pat.parties == "speaker":
        source = speaker or (_subject(doc, sent, trigger, tracker) if main else None)
    else:
        agents = [p for p in named if AGENT.search(doc.text[max(0, p.start - 12) : p.start])]
        subjects = [p for p in named if p.start < trigger and not _oblique(doc, p, begin)]
        source = (agents or subjects or [speaker])[0]
        if source is None and main:
            source = _subject(doc, sent, trigger, tracker)
    if source is None:
        return [], [] if pat.parties == "speaker" else _dedupe(named)
    others = [
        p
        for p in named
        if (p.country, p.sector) != (source.country, source.sector)
        and (p.country != source.country or p.start > trigger)
    ]
    return [source], _dedupe(others)


def _date(doc: Document, sent: Span, trigger_start: int, trigger_text: str) -> str | None:
    """The date stated nearest before the trigger in its sentence (else the nearest after),
    so «روز گذشته … وارد تهران شد، امروز … دیدار کرد» dates each verb by its own phrase."""
    inside = [d for d in doc.dates if sent.start <= d.start < sent.end and d.value]
    before = [d for d in inside if d.end <= trigger_start]
    if before:
        return max(before, key=lambda d: d.end).value
    if inside:
        return min(inside, key=lambda d: d.start).value
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
            if not (actors or recipients) or (pat.parties == "speaker" and not recipients):
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
                date=_date(doc, sent, match.start(), match.group(0)),
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
