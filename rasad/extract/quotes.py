"""The 'quotes' stage: attributed statements with the speaker resolved to a person.

Cues live in resources/quote_cues.tsv. Per the house rule (one entry per attributed
statement) a sentence gives its own quote (the first cue followed by ':' wins, else the first
cue outside a clause with a speaker of its own) plus one for each other speaker reported inside
it by name («: لاریجانی … گفت که», «رویتر که … خبر داده بود،», «اظهارات X مبنی بر»). The
speaker is resolved through names, pronouns, titles and surnames (rasad.extract.coref) and a
sentence whose speaker cannot be resolved to a named person or body (anonymous officials,
«گفته می‌شود») gives no quote.
A short line «title or name: statement» (a headline) is a quote with cue ':'. A source line
(«به گزارش X،») names no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rasad.extract.anchors import Anchors
from rasad.extract.contexts import tolerant, word_regex
from rasad.extract.coref import (
    BODY_LABELS,
    Resolved,
    Tracker,
    anonymous_subject,
    clause_start,
    mentions_in,
    resolve_subject,
    resolved_name,
)
from rasad.extract.parties import state_mention_before
from rasad.model import Document, Mention, Quote, Span
from rasad.pipeline import stage

_PLURAL = "(?:ند)?"
_HEADLINE_MAX = 160  # a «X: …» line longer than this is body text, not a headline
_HEADLINE_LEFT_WORDS = 6
_ASKED = ("؟", "?")
_CLAUSE_END = re.compile(r"[،,:؛]")
# what opens a clause that may have a speaker of its own
_OPENER = re.compile(
    rf"[:؛]|(?<![\w\u200c])(?:{tolerant('آن چه')}|{tolerant('این که')}|که|اما|ولی)(?![\w\u200c])"
)
_KE = re.compile("که")
# «X در حالی مطرح شد که Y … گفته بود», «این در حالی است که Y …»: a frame whose «که» clause is
# the statement's own, with its own subject
_WHILE = re.compile(
    r"(?<![\w\u200c])در[\s\u200c]+حالی(?![\w\u200c])[^،:؛.]{0,40}?(?<![\w\u200c])که(?![\w\u200c])"
)
_MARKS = " \u200c«»\"'"
_COMMA_BEFORE = re.compile(r"[،,][\s\u200c«»\"']*$")  # a comma right before the speaker
# a clause told before its speaker ends in a finite verb («… است، X گفت»); an opener before
# a comma («در همین حال، X … گفت») does not
_CLAUSE_VERB = re.compile(r"[\w\u200c]\u200c?(?:د|ست|یم|ید)[\s\u200c«»\"']*$")
_COMMA = re.compile(r"[،,]")
# what no title holds: an object, a preposition or a verb between a speaker and his cue
_NOT_TITLE = re.compile(
    r"(?<![\w\u200c])" + tolerant("(را|از|به|بر|با|در|که|است|شد|کرد)") + r"(?![\w\u200c])"
)
_END_MARKS = " \u200c\n.!؟?»\"'"  # a sentence's closing marks say nothing
# «وی … را خواستار شد.»: the verb closing a cue ends the sentence; nothing is said after it
_LIGHT_VERB = re.compile(tolerant("(شد|شدند|شده است|شده اند|گردید|گردیدند)"))
_SPAN_TRIM = " \u200c\n\t،,؛:"  # spacing and clause marks at a statement's edges
# «… گفت:» at a line's end: the next line is what was said
_ANNOUNCES = re.compile(r"[\s\u200c]*:[\s\u200c]*")
# «اظهارات X مبنی بر …»: a statement named by its speaker and given with its content
_REPORTED = re.compile(
    rf"(?<![\w\u200c])(?:اظهارات|سخنان|{tolerant('گفته های')}|ادعای|ادعاهای)[\s\u200c«»\"']+"
)
_ABOUT = word_regex("مبنی بر")
_CONTENT = re.compile(r"[\s\u200c]*(?:[:،,]|که(?![\w\u200c]))")  # what was said comes next
_REPORTED_GAP = 8  # at most this many words (a title) between the speaker and «مبنی بر»
# a written statement as the speaker («در بخشی از این بیانیه آمده است», «این پیام می‌افزاید»)
_THIS_GOVERNMENT = word_regex("(دولت|حکومت) (این|آن) کشور")
_ADDRESSED = re.compile(r"(?<![\w\u200c])" + tolerant("(از|به|با|برای|علیه)") + r"[\s\u200c]*$")
_PAPER_NOUNS = tolerant("(بیانیه|اطلاعیه|پیام|نامه|قطعنامه)")
_PAPER = re.compile(
    rf"(?<![\w\u200c])(?:(?P<this>این|همین)\s+)?(?P<noun>{_PAPER_NOUNS})(?![\w\u200c])"
)
# words that may stand around it in the clause: «در بخش دیگری از …», «… در ادامه»
_PAPER_FILLER = frozenset(
    {"در", "بخش", "بخشی", "دیگر", "دیگری", "از", "ادامه", "پایان", "متن", "همچنین", "نیز", "سپس"}
)
_THIS_BEFORE = re.compile(r"(?<![\w\u200c])(?:این|همین)[\s\u200c]+$")
# «بیانیه منتشره از سوی X», «بیانیه صادره از طرف X»: X issued it
_ISSUED_BY = re.compile(
    r"[\s\u200c]*(?:"
    + tolerant("(منتشره|صادره|منتشر شده|صادر شده)")
    + r"[\s\u200c]+)?"
    + tolerant("(از سوی|از طرف|از جانب)")
)


@dataclass(frozen=True, slots=True)
class Cue:
    regex: re.Pattern[str]
    speaker_after: bool


_Found = tuple[re.Match[str], Cue]


@lru_cache(maxsize=1)
def _cue_rows() -> tuple[tuple[str, bool], ...]:
    """(pattern as written, speaker after) for each row of the cue table."""
    text = (files("rasad.resources") / "quote_cues.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#"))
    return tuple((pattern, where.strip() == "after") for pattern, where in rows)


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """The cue table, compiled once per process."""
    return tuple(Cue(word_regex(pattern, suffix="" if after else _PLURAL), after)
                 for pattern, after in _cue_rows())


@lru_cache(maxsize=1)
def _cue_anchors() -> Anchors:
    """The cues' anchor words: a cue is not run on a sentence lacking all of them."""
    return Anchors(pattern for pattern, _ in _cue_rows())


def cue_matches(text: str, pos: int = 0, endpos: int | None = None) -> list[_Found]:
    """Every cue in `text[pos:endpos]`, in text order (the regexes see the text around the
    bounds, as `re.finditer(text, pos, endpos)` does)."""
    possible = _cue_anchors().possible(text[pos:endpos])
    end = len(text) if endpos is None else endpos
    found = ((m, c) for c, maybe in zip(cues(), possible, strict=True) if maybe
             for m in c.regex.finditer(text, pos, end))
    return sorted(found, key=lambda x: x[0].start())


def _find_cue(doc: Document, sent: Span, tracker: Tracker) -> _Found | None:
    """The sentence's own cue: the first one followed by ':', else the first one that is not
    inside a clause with a speaker of its own («به آنچه دادستانی گفته بود، ابراز تردید کرد»),
    else the first one."""
    text = doc.text[sent.start : sent.end]
    found = cue_matches(text)
    for match, cue in found:
        if text[match.end() : match.end() + 3].strip().startswith(":"):
            return match, cue
    for match, cue in found:
        if cue.speaker_after or _embedded(doc, sent, sent.start + match.start(), tracker) is None:
            return match, cue
    return found[0] if found else None


def _local_start(doc: Document, sent: Span, cue_start: int) -> tuple[int, re.Match[str] | None]:
    """Where the clause of a cue begins: after the last ':', «که», «آنچه», «اما» or earlier
    cue before it (the sentence start if none), with the opener that begins it."""
    opener = None
    for match in _OPENER.finditer(doc.text, sent.start, cue_start):
        opener = match
    start = opener.end() if opener else sent.start
    for match, _ in cue_matches(doc.text[sent.start : cue_start]):
        if sent.start + match.end() > start:
            start, opener = sent.start + match.end(), None
    return start, opener


def _embedded(doc: Document, sent: Span, cue_start: int, tracker: Tracker) -> Resolved | None:
    """The named speaker of a cue inside a subordinate or reported clause: the clause's own
    subject when written as a name («: لاریجانی … گفت که»), else the name a «که» clause hangs
    on («خبرگزاری رویتر که از … خبر داده بود»). Pronouns and titles are left to the main cue."""
    start, opener = _local_start(doc, sent, cue_start)
    if start <= clause_start(doc, sent.start, sent.end):
        return None
    who = resolve_subject(doc, start, cue_start, tracker)
    if who is not None:
        named = who.mention is not None and who.as_written == (who.mention.start, who.mention.end)
        return who if named else None
    if opener is None or not _KE.fullmatch(opener.group()):
        return None
    head = next((m for m in reversed(mentions_in(doc, sent.start, opener.start()))), None)
    if head is None or doc.text[head.end : opener.start()].strip(_MARKS) or not _speaks(head):
        return None
    return resolved_name(doc, head)


def _quoted_span(
    doc: Document, sent: Span, cue: tuple[int, int], subject: tuple[int, int]
) -> tuple[int, int]:
    """The statement: after the cue's ':' (or «که»); else, the cue ending the sentence, what
    stands between the speaker and the cue («وی از … خبر داد.»), or the clause before a
    speaker that follows it («… است، وزیر خارجه گفت.»). A closing full stop says nothing."""
    cue_start, cue_end = cue
    tail = doc.text[cue_end : sent.end]
    stripped = tail.lstrip(" :\u200c،,")
    announced = _announced(doc, sent, cue_end)
    if announced is not None:
        return announced
    if stripped.strip(_END_MARKS) and not _LIGHT_VERB.fullmatch(stripped.strip(_END_MARKS)):
        start = sent.end - len(stripped)
        if stripped.startswith("که "):
            start += 3
        return start, sent.end
    before = _COMMA_BEFORE.search(doc.text, sent.start, subject[0])
    begin = clause_start(doc, sent.start, subject[0])  # past a source line «به گزارش X،»
    if before is not None and _CLAUSE_VERB.search(doc.text, begin, before.start()):
        return begin, before.start()
    return subject[1], cue_start


def _announced(doc: Document, sent: Span, cue_end: int) -> tuple[int, int] | None:
    """«در این بیانیه آمده است:» or «وی گفت:» ending its sentence announces what follows: the
    statement is the next sentence, on through its paragraph until a sentence with a cue of
    its own (one contiguous span). None when the cue is not followed by ':' and nothing else,
    or when nothing follows."""
    if not _ANNOUNCES.fullmatch(doc.text, cue_end, sent.end):
        return None
    start = end = None
    for nxt in (s for s in doc.sentences if s.start >= sent.end):
        if start is not None and "\n" in doc.text[end : nxt.start]:
            break
        if cue_matches(doc.text, nxt.start, nxt.end):
            break
        start = nxt.start if start is None else start
        end = nxt.end
    if start is None or end is None:
        return None
    return start, len(doc.text[:end].rstrip(" \u200c\n"))


def _late_speaker(
    doc: Document, sent: Span, cue: tuple[int, int], tracker: Tracker
) -> Resolved | None:
    """«مذاکرات به نتیجه نرسیده است، سرگئی لاوروف وزیر خارجه روسیه گفت.»: a cue ending the
    sentence after a finished clause and a comma has its speaker right after the comma, with
    nothing but his title before the cue (not «…، ایران را شریک دانست», an object)."""
    cue_start, cue_end = cue
    if doc.text[cue_end : sent.end].strip(_END_MARKS + "،,:"):
        return None
    comma = next(reversed(list(_COMMA.finditer(doc.text, sent.start, cue_start))), None)
    begin = clause_start(doc, sent.start, cue_start)
    if comma is None or not _CLAUSE_VERB.search(doc.text, begin, comma.start()):
        return None
    who = resolve_subject(doc, comma.end(), cue_start, tracker)
    if who is None or doc.text[comma.end() : who.as_written[0]].strip(_MARKS):
        return None
    return None if _NOT_TITLE.search(doc.text, who.as_written[1], cue_start) else who


def _quote(doc: Document, sent: Span, found: _Found | None, tracker: Tracker) -> Quote | None:
    """The sentence's own quote (its main cue's speaker), if he is named or resolvable."""
    if found is None:
        return _headline(doc, sent, tracker)
    match, cue = found
    cue_start, cue_end = sent.start + match.start(), sent.start + match.end()
    if cue.speaker_after:
        who = _speaker_after(doc, cue_end, sent.end, tracker)
    else:
        frame = _WHILE.search(doc.text, sent.start, cue_start)
        who = (
            _late_speaker(doc, sent, (cue_start, cue_end), tracker)
            or (frame and resolve_subject(doc, frame.end(), cue_start, tracker))
            or resolve_subject(doc, sent.start, cue_start, tracker)
            or _asker(doc, sent, tracker)
            or _issuer(doc, sent, cue_start, tracker)
            or _this_government(doc, sent, cue_start)
        )
    if who is None or who.actor_id is None and who.mention is None:
        if not cue.speaker_after and anonymous_subject(doc, sent.start, cue_start):
            tracker.forget(cue_start)
        return None
    # «به گفته وی، …»: what was said follows the speaker named after the cue
    said_from = max(cue_end, who.as_written[1]) if cue.speaker_after else cue_end
    start, end = _quoted_span(doc, sent, (cue_start, said_from), who.as_written)
    return _record(doc, who, (start, end), cue_start, cue_end)


def _inner_quotes(
    doc: Document, sent: Span, own: _Found | None, main: Quote | None, tracker: Tracker
) -> list[Quote]:
    """Statements of other named speakers reported inside the sentence (house rule: one
    entry per attributed statement): a cue in a clause of its own that gives what was said
    («… گفت که», «… خبر داده بود،»), «اظهارات X مبنی بر …»."""
    bound = sent.start + own[0].start() if own else sent.end
    found = _reported(doc, sent, bound)
    for match, cue in cue_matches(doc.text[sent.start : sent.end]):
        cue_start, cue_end = sent.start + match.start(), sent.start + match.end()
        if cue.speaker_after or cue_start == bound or not _CONTENT.match(doc.text, cue_end):
            continue
        who = _embedded(doc, sent, cue_start, tracker)
        if who is None:
            continue
        clause = Span(sent.start, bound) if cue_start < bound else sent
        start, end = _quoted_span(doc, clause, (cue_start, cue_end), who.as_written)
        found.append(_record(doc, who, (start, end), cue_start, cue_end))
    return _distinct(found, main)


def _reported(doc: Document, sent: Span, bound: int) -> list[Quote]:
    """«در خصوص اظهارات "ملیسا فیلیمنگ" سخنگوی آژانس مبنی بر اینکه …»: the statement a
    question or answer is about, given with its content, is its speaker's quote."""
    found = []
    for noun in _REPORTED.finditer(doc.text, sent.start, sent.end):
        ment = next(iter(mentions_in(doc, noun.end(), sent.end)), None)
        if ment is None or ment.start != noun.end() or not _speaks(ment):
            continue
        about = _ABOUT.search(doc.text, ment.end, sent.end)
        gap = doc.text[ment.end : about.start()] if about else ""
        if about is None or _CLAUSE_END.search(gap) or len(gap.split()) > _REPORTED_GAP:
            continue
        end = bound if bound > about.end() else sent.end
        who = resolved_name(doc, ment)
        found.append(_record(doc, who, (about.end(), end), noun.start(), noun.end() - 1))
    return found


def _distinct(found: list[Quote], main: Quote | None) -> list[Quote]:
    """One inner quote per speaker, none for the main speaker (he said it once)."""
    seen = {main.speaker_actor_id} if main else set()
    kept = []
    for quote in sorted(found, key=lambda q: q.cue_start):
        key = quote.speaker_actor_id or quote.speaker_mention
        if key not in seen:
            seen.add(key)
            kept.append(quote)
    return kept


def _speaks(ment: Mention) -> bool:
    return ment.label == "PER" or ment.label in BODY_LABELS


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


def _issuer(doc: Document, sent: Span, cue_start: int, tracker: Tracker) -> Resolved | None:
    """«در بخشی از این بیانیه آمده است», «این پیام می‌افزاید»: a statement speaks for its
    issuer, named with it («بیانیه منتشره از سوی X», «بیانیه وزارت خارجه») or, for «این
    بیانیه», in the last earlier sentence that names such a statement. Inside «در …» nothing
    but filler may follow the noun («در بیانیه پایانی نشست» is some other statement)."""
    start = clause_start(doc, sent.start, cue_start)
    paper = _PAPER.search(doc.text, start, cue_start)
    if paper is None or not _filler(doc.text[start : paper.start()]):
        return None
    named = _named_issuer(doc, paper.end(), cue_start)
    if named is not None:
        return named
    inside = "در" in doc.text[start : paper.start()].split()
    if inside and not _filler(doc.text[paper.end() : cue_start]):
        return None  # «در بیانیه پایانی نشست …»: some other statement
    who = _earlier_issuer(doc, sent, paper.group("noun"), tracker)
    return who and Resolved(who.actor_id, who.mention, paper.span())


def _this_government(doc: Document, sent: Span, cue_start: int) -> Resolved | None:
    """«… لیبی، دولت این کشور با انتشار بیانیه‌ای خواستار … شد»: a government speaking as a
    body is its state (house rules), the state «این کشور» refers to as the events stage reads
    it (parties.state_mention_before); not when it is addressed («از دولت این کشور خواست»)."""
    start = clause_start(doc, sent.start, cue_start)
    found = _THIS_GOVERNMENT.search(doc.text, start, cue_start)
    if found is None or _ADDRESSED.search(doc.text, start, found.start()):
        return None
    state = state_mention_before(doc, found.start())
    return Resolved(state.actor_id, state, found.span()) if state else None


def _filler(text: str) -> bool:
    return all(w in _PAPER_FILLER for w in re.split(r"[\s\u200c،,]+", text) if w)


def _named_issuer(doc: Document, pos: int, end: int) -> Resolved | None:
    """The name right after a statement noun or its «منتشره از سوی»: its issuer."""
    by = _ISSUED_BY.match(doc.text, pos, end)
    pos = by.end() if by else pos
    ment = next(iter(mentions_in(doc, pos, end)), None)
    if ment is None or doc.text[pos : ment.start].strip(_MARKS) or not _speaks(ment):
        return None
    return resolved_name(doc, ment)


@lru_cache(maxsize=16)
def _statement_noun(noun: str) -> re.Pattern[str]:
    """«بیانیه», «بیانیه‌ای», «بیانیه‌ی»: the statement noun as written with its endings."""
    return word_regex(noun, suffix=r"(?:[\s\u200c]?ای|ی)?")


def _earlier_issuer(doc: Document, sent: Span, noun: str, tracker: Tracker) -> Resolved | None:
    """The issuer of the statement last named before `sent` («X طی بیانیه‌ای اعلام کرد»):
    named with it, else the subject of its clause; no one when that is unresolved."""
    for prev in reversed([s for s in doc.sentences if s.end <= sent.start]):
        for match in _statement_noun(noun).finditer(doc.text, prev.start, prev.end):
            if _THIS_BEFORE.search(doc.text, prev.start, match.start()):
                continue  # another mention of the same statement
            who = _named_issuer(doc, match.end(), prev.end) or resolve_subject(
                doc, prev.start, match.start(), tracker
            )
            return who if who and (who.actor_id or who.mention) else None
    return None


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
    start, end = _announced(doc, sent, left_end) or (left_end + 1, sent.end)
    return _record(doc, who, (start, end), left_end, left_end + 1)


def _covers_left(doc: Document, start: int, end: int, who: Resolved) -> bool:
    """The speaker's title or name must make up the whole left side of the colon."""
    spans = [who.as_written] + [(m.start, m.end) for m in mentions_in(doc, start, end)]
    covered = set()
    for a, b in spans:
        covered.update(range(a, b))
    rest = "".join(ch for i, ch in enumerate(doc.text[start:end], start) if i not in covered)
    return not rest.strip(" \u200c«»\"'")


def _record(
    doc: Document, who: Resolved, span: tuple[int, int], cue_start: int, cue_end: int
) -> Quote:
    """A quote whose statement `span` is trimmed of the spacing and clause marks around it
    («رئیس پارلمان: ضرورت …», «وی از … خبر داد»: what was said, not the gap to the cue)."""
    start, end = span
    while start < end and doc.text[start] in _SPAN_TRIM:
        start += 1
    while end > start and doc.text[end - 1] in _SPAN_TRIM:
        end -= 1
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
    """All quotes of a document in text order: each sentence's own quote, and the statements
    of other named speakers reported inside it. Only the sentence's own speaker is remembered
    for a later «وی»."""
    tracker = Tracker()
    found: list[Quote] = []
    for sent in doc.sentences:
        own = _find_cue(doc, sent, tracker)
        quote = _quote(doc, sent, own, tracker)
        inner = _inner_quotes(doc, sent, own, quote, tracker)
        found.extend(sorted([quote, *inner] if quote else inner, key=lambda q: q.cue_start))
        if quote is None:
            continue
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
