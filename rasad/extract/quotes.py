"""The 'quotes' stage: attributed statements with the speaker resolved to a person.

Cues live in resources/quote_cues.tsv. Per gold conventions a sentence gives at most one quote
(the first cue followed by ':' wins, else the first cue); the speaker is resolved through
names, pronouns, titles and surnames (rasad.extract.coref) and a sentence whose speaker cannot
be resolved to a named person or body (anonymous officials, «گفته می‌شود») gives no quote.
A short line «title or name: statement» (a headline) is a quote with cue ':'. A source line
(«به گزارش X،») names no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rasad.extract.contexts import word_regex
from rasad.extract.coref import (
    Resolved,
    Tracker,
    anonymous_subject,
    clause_start,
    mentions_in,
    resolve_subject,
)
from rasad.model import Document, Quote, Span
from rasad.pipeline import stage

_PLURAL = "(?:ند)?"
_HEADLINE_MAX = 160  # a «X: …» line longer than this is body text, not a headline
_HEADLINE_LEFT_WORDS = 6
_ASKED = ("؟", "?")
_CLAUSE_END = re.compile(r"[،,:؛]")


@dataclass(frozen=True, slots=True)
class Cue:
    regex: re.Pattern[str]
    speaker_after: bool


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """The cue table, compiled once per process."""
    text = (files("rasad.resources") / "quote_cues.tsv").read_text(encoding="utf-8")
    table: list[Cue] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, where = line.split("\t")
        after = where.strip() == "after"
        table.append(Cue(word_regex(pattern, suffix="" if after else _PLURAL), after))
    return tuple(table)


def _find_cue(text: str) -> tuple[re.Match[str], Cue] | None:
    """The cue of a sentence: the first one followed by ':', else the first one."""
    found = sorted(
        ((m, c) for c in cues() for m in c.regex.finditer(text)), key=lambda x: x[0].start()
    )
    for match, cue in found:
        if text[match.end() : match.end() + 3].strip().startswith(":"):
            return match, cue
    return found[0] if found else None


def _quoted_span(doc: Document, sent: Span, cue_start: int, cue_end: int, subject_end: int):
    """The statement: after the cue's ':' (or «که»), else the clause before the cue."""
    tail = doc.text[cue_end : sent.end]
    stripped = tail.lstrip(" :\u200c،,")
    if stripped.strip():
        start = sent.end - len(stripped)
        if stripped.startswith("که "):
            start += 3
        return start, sent.end
    return subject_end, cue_start


def _quote(doc: Document, sent: Span, tracker: Tracker) -> Quote | None:
    text = doc.text[sent.start : sent.end]
    found = _find_cue(text)
    if found is None:
        return _headline(doc, sent, tracker)
    match, cue = found
    cue_start, cue_end = sent.start + match.start(), sent.start + match.end()
    if cue.speaker_after:
        who = _speaker_after(doc, cue_end, sent.end, tracker)
        subject_end = who.as_written[1] if who else cue_end
    else:
        who = resolve_subject(doc, sent.start, cue_start, tracker) or _asker(doc, sent, tracker)
        subject_end = who.as_written[1] if who else cue_start
    if who is None or who.actor_id is None and who.mention is None:
        if not cue.speaker_after and anonymous_subject(doc, sent.start, cue_start):
            tracker.forget(cue_start)
        return None
    start, end = _quoted_span(doc, sent, cue_start, cue_end, subject_end)
    return _record(who, start, end, cue_start, cue_end)


def _speaker_after(doc: Document, start: int, end: int, tracker: Tracker) -> Resolved | None:
    """«به گفته X، …»: X stands between the cue and the next comma; a name after the comma is
    what X talked about («به گفته این مقام آگاه، هند …» is not India's statement)."""
    comma = _CLAUSE_END.search(doc.text, start, end)
    return resolve_subject(doc, start, comma.start() if comma else end, tracker)


def _asker(doc: Document, sent: Span, tracker: Tracker) -> Resolved | None:
    """«… در پاسخ به این پرسش که …؟» then «، گفت: …»: the question mark split the sentence,
    so the answer's subject is the previous sentence's."""
    before = [s for s in doc.sentences if s.end <= sent.start]
    if not before or not doc.text[before[-1].start : before[-1].end].rstrip().endswith(_ASKED):
        return None
    prev = before[-1]
    return resolve_subject(doc, prev.start, prev.end, tracker)


def _headline(doc: Document, sent: Span, tracker: Tracker) -> Quote | None:
    """«رئیس پارلمان بلاروس: ضرورت توسعه …»: a short line whose left side names a speaker."""
    text = doc.text[sent.start : sent.end]
    colon = text.find(":")
    if colon <= 0 or len(text) > _HEADLINE_MAX:
        return None
    left_end = sent.start + colon
    if (
        len(text[:colon].split()) > _HEADLINE_LEFT_WORDS
        or clause_start(doc, sent.start, left_end) != sent.start
    ):
        return None
    who = resolve_subject(doc, sent.start, left_end, tracker)
    if who is None or who.actor_id is None and who.mention is None:
        return None
    if not _covers_left(doc, sent.start, left_end, who):
        return None
    return _record(who, left_end + 1, sent.end, left_end, left_end + 1)


def _covers_left(doc: Document, start: int, end: int, who: Resolved) -> bool:
    """The speaker's title or name must make up the whole left side of the colon."""
    spans = [who.as_written] + [(m.start, m.end) for m in mentions_in(doc, start, end)]
    covered = set()
    for a, b in spans:
        covered.update(range(a, b))
    rest = "".join(ch for i, ch in enumerate(doc.text[start:end], start) if i not in covered)
    return not rest.strip(" \u200c«»\"'")


def _record(who: Resolved, start: int, end: int, cue_start: int, cue_end: int) -> Quote:
    ment = (who.mention.start, who.mention.end) if who.mention else None
    return Quote(
        start=start,
        end=end,
        cue_start=cue_start,
        cue_end=cue_end,
        speaker_start=who.as_written[0],
        speaker_end=who.as_written[1],
        speaker_actor_id=who.actor_id,
        speaker_mention=ment,
    )


def find_quotes(doc: Document) -> list[Quote]:
    """All quotes of a document, one per sentence at most, in text order."""
    tracker = Tracker()
    found: list[Quote] = []
    for sent in doc.sentences:
        quote = _quote(doc, sent, tracker)
        if quote is None:
            continue
        found.append(quote)
        ment = None
        if quote.speaker_mention is not None:
            ment = doc.mention_at(*quote.speaker_mention)
        span = (quote.speaker_start, quote.speaker_end)
        who = Resolved(quote.speaker_actor_id, ment, span)
        tracker.spoke(who, quote.cue_start, (quote.start, quote.end))
    return found


@stage("quotes", requires={"sentences", "entities"}, assigns={"quotes"})
def quotes(doc: Document) -> Document:
    doc.quotes = find_quotes(doc)
    return doc
