"""The one data model every stage reads and extends.

A `Document` owns the raw text, the normalized text and the offset map between them. Every
annotation is a `(start, end)` span into the normalized text (Python indices, end exclusive);
strings are views over `doc.text`, never copies, so spans cannot drift from the text.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Edit:
    """One change a normalization step made: input[start:end] became `replacement`."""

    start: int
    end: int
    replacement: str
    step: str


class OffsetMap:
    """Maps normalized-text indices back to raw-text indices.

    Stored as, for each normalized character, the raw range it came from; an inserted
    character (e.g. a restored ZWNJ) has an empty raw range at its insertion point. The
    ranges are machine-int arrays, not lists, and `range`s while the map is the identity:
    the map is an article's largest structure (two Python ints a character were ten times
    its text) and crosses a process boundary twice on every parallel run, where an array
    pickles as one block of bytes and a range as three numbers.
    """

    __slots__ = ("_starts", "_ends", "raw_length")

    def __init__(self, starts: Iterable[int], ends: Iterable[int], raw_length: int) -> None:
        self._starts = _int_sequence(starts)
        self._ends = _int_sequence(ends)
        self.raw_length = raw_length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(range(length), range(1, length + 1), length)

    def __len__(self) -> int:
        return len(self._starts)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span that normalized `[start, end)` came from."""
        n = len(self._starts)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span ({start}, {end}) outside text of length {n}")
        if start == end:
            pos = self._starts[start] if start < n else self.raw_length
            return pos, pos
        return self._starts[start], self._ends[end - 1]

    def apply(self, text: str, edits: list[Edit]) -> tuple[str, OffsetMap]:
        """Apply non-overlapping `edits` (in this map's normalized coordinates) to `text`.

        Returns the new text and a map from the new text to the raw text. A replacement of
        the same length maps character by character; otherwise every new character maps to
        the whole replaced raw range, and an insertion maps to an empty range.
        """
        out: list[str] = []
        starts, ends = array("i"), array("i")
        pos = 0
        for edit in sorted(edits, key=lambda e: (e.start, e.end)):
            if edit.start < pos:
                raise ValueError(f"overlapping edits from step '{edit.step}' at {edit.start}")
            out.append(text[pos : edit.start])
            starts.extend(self._starts[pos : edit.start])
            ends.extend(self._ends[pos : edit.start])
            raw_start, raw_end = self.to_raw(edit.start, edit.end)
            size = len(edit.replacement)
            if size == edit.end - edit.start:
                starts.extend(self._starts[edit.start : edit.end])
                ends.extend(self._ends[edit.start : edit.end])
            else:
                starts.extend([raw_start] * size)
                ends.extend([raw_end] * size)
            out.append(edit.replacement)
            pos = edit.end
        out.append(text[pos:])
        starts.extend(self._starts[pos:])
        ends.extend(self._ends[pos:])
        return "".join(out), OffsetMap(starts, ends, self.raw_length)


def _int_sequence(values: Iterable[int]) -> array[int] | range:
    return values if isinstance(values, array | range) else array("i", values)


@dataclass(slots=True)
class Span:
    """A plain span: a sentence or a token."""

    start: int
    end: int

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        """Pickle as a constructor call: an article's hundreds of tokens cross a process
        boundary on every parallel run, and the slots dataclass default is 2-3x slower."""
        return Span, (self.start, self.end)


@dataclass(slots=True)
class Actor:
    """A canonical actor an analyst can aggregate on (PLOVER entity)."""

    id: str
    name_fa: str
    name_en: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3, or IGO / UNO / EUR / NGO / IMG
    sector: str | None = None  # PLOVER sector code: GOV, LEG, MIL, JUD, BUS, MED, ...
    wikidata: str | None = None
    kind: str | None = None  # PER / ORG / GPE / LOC

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name_fa": self.name_fa,
            "name_en": self.name_en,
            "country": self.country,
            "sector": self.sector,
            "wikidata": self.wikidata,
        }


@dataclass(slots=True)
class Mention:
    """An entity mention; `role_*` is the title/role span bound to it (e.g. «رئیس مجلس»)."""

    start: int
    end: int
    label: str  # PER, ORG, LOC, GPE
    actor_id: str | None = None
    role_start: int | None = None
    role_end: int | None = None
    origin: str = "rule"  # gazetteer / title / quote-marks / ner / coref


@dataclass(slots=True)
class Role:
    """A title or role as written (e.g. «معاون اول رئیس جمهور»), bound to its holder when known.

    Titles alone are not entities; they live here so quotes and events can resolve a
    title-only mention («رئیس مجلس بلاروس گفت») to the person who holds it.
    """

    start: int
    end: int
    country: str | None = None
    sector: str | None = None
    title_id: str | None = None  # row id in resources/titles.tsv
    holder_actor_id: str | None = None
    holder_mention: tuple[int, int] | None = None


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    calendar: Literal["jalali", "gregorian", "hijri"] | None
    value: str | None  # ISO 8601: 2024-07-31, 2024-07, 2024, or interval 2023/2026
    precision: Literal["day", "month", "year", "interval"] | None
    resolved: str  # "absolute", "relative", or "unresolved: <why>"


@dataclass(slots=True)
class Quote:
    """An attributed statement. The speaker is the resolved person, not the pronoun."""

    start: int  # the quoted text
    end: int
    cue_start: int
    cue_end: int
    speaker_start: int  # the speaker as written at the cue (may be «وی» or a title)
    speaker_end: int
    speaker_actor_id: str | None = None
    speaker_mention: tuple[int, int] | None = None  # the resolved name's mention


@dataclass(slots=True)
class Participant:
    """One side of an event: a mention (or country/compound phrase) and its actor."""

    start: int
    end: int
    actor_id: str | None
    country: str | None
    sector: str | None = None


@dataclass(slots=True)
class Event:
    type: str  # PLOVER type in capitals
    evidence_start: int  # the sentence carrying the event
    evidence_end: int
    trigger_start: int
    trigger_end: int
    mode: str | None = None
    source: list[Participant] = field(default_factory=list)
    target: list[Participant] = field(default_factory=list)
    date: str | None = None
    place: Participant | None = None
    contexts: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    cameo: str | None = None
    pattern_id: str | None = None


@dataclass(slots=True)
class Failure:
    """Why a stage failed on a document in batch mode."""

    stage: str
    error: str


@dataclass
class Document:
    """One article with every layer the stages add."""

    id: str
    raw: str
    source: str | None = None
    published: date | None = None
    url: str | None = None
    title: str | None = None
    text: str = ""
    offsets: OffsetMap | None = None
    edits_by_step: dict[str, int] = field(default_factory=dict)
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Span] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    done: set[str] = field(default_factory=set)  # layers assigned so far

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.raw
        if self.offsets is None:
            self.offsets = OffsetMap.identity(len(self.text))

    @property
    def content_hash(self) -> str:
        """SHA-256 of the raw text: the identity used for idempotent ingest."""
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        assert self.offsets is not None
        return self.offsets.to_raw(start, end)

    def raw_text(self, start: int, end: int) -> str:
        """The source substring a normalized span came from."""
        raw_start, raw_end = self.to_raw(start, end)
        return self.raw[raw_start:raw_end]

    def char_span(self, start: int, end: int, *, mode: str = "strict") -> Span | None:
        """Span aligned to tokens: strict returns None unless both ends fall on token bounds;
        expand widens to the tokens the range touches."""
        touching = [t for t in self.tokens if t.start < end and t.end > start]
        if not touching:
            return None
        if mode == "expand":
            return Span(touching[0].start, touching[-1].end)
        if touching[0].start == start and touching[-1].end == end:
            return Span(start, end)
        return None

    def sentence_of(self, pos: int) -> Span | None:
        for sent in self.sentences:
            if sent.start <= pos < sent.end:
                return sent
        return None

    def mention_at(self, start: int, end: int) -> Mention | None:
        for ment in self.entities:
            if ment.start == start and ment.end == end:
                return ment
        return None

    def actor_of(self, ment: Mention | None) -> Actor | None:
        if ment is None or ment.actor_id is None:
            return None
        return self.actors.get(ment.actor_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON output contract of ../shared/docs/output.md."""
        from rasad.output import document_to_dict

        return document_to_dict(self)
