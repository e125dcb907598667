"""Who is the subject of a clause: name, pronoun, title or surname → a person (or a body).

Persian news names a speaker once and then refers to him as «وی»/«او», by title («معاون اول
رئیس جمهور», «عضو شورای مرکزی حزب …»), or by surname («مخبر»). The quotes and events stages
both need the actor behind such a subject; this module resolves it from the entities stage's
mentions and roles with a small left-to-right memory (`Tracker`) of who spoke last.

A name counts as the subject only in subject position: near the clause start with no
preposition or subordinator before it («با وجود این که احمدی‌نژاد …» is not his statement).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise

from rasad.extract.actors import holder_of
from rasad.extract.contexts import any_of, tolerant
from rasad.extract.names import kin, relations
from rasad.model import Document, Mention, Role

# «وی پی ان» (VPN) spells a letter name, not the pronoun
PRONOUN = re.compile(
    rf"\W*(?P<pronoun>{tolerant('وی')}|او|ایشان)(?![\w\u200c])(?![\s\u200c]+پی[\s\u200c]+ان)"
)
# a leading attribution names who tells, not who acts; several may be chained («به گزارش فارس،
# بنابر اعلام وزارت خارجه، …»)
_ATTRIBUTION = tolerant(
    "(به گزارش|به نقل از|به نوشته|(بنابر|بنا بر|طبق|بر اساس|براساس|بر پایه) (اعلام|گزارش))"
)
SOURCE_LINE = re.compile(rf"^(?:\W*{_ATTRIBUTION}[^،,:]*[،,])+")
_BARE_SOURCE = re.compile(rf"\W*{_ATTRIBUTION}(?![\w\u200c])")
_CLAUSE_MARK = re.compile(r"[،,:؛]")
_FIRST_WORD = re.compile(r"[\s«»\"']*([^\W\d_][\w\u200c]*)")
_SOURCE_WORDS = 10  # «به گزارش خبرنگار سیاسی خبرگزاری فارس از …»: at most this long
BODY_LABELS = frozenset({"ORG", "GPE"})
# words that make the next noun an oblique, subordinate or possessor one, not the clause's
# subject («این سخنان لاریجانی …» is not Larijani speaking)
_NOT_SUBJECT = any_of(
    [
        "از",
        "به",
        "با",
        "در",
        "برای",
        "علیه",
        "درباره",
        "دربارۀ",
        "بر",
        "بنابر",
        "طبق",
        "تا",
        "نزد",
        "میان",
        "بین",
        "که",
        "اینکه",
        "مبنی",
        "طی",
        "ضمن",
        "پیرامون",
        "سخنان",
        "اظهارات",
        "گفته های",
        "ادعای",
        "مردم",  # «مردم عراق، افغانستان و لبنان اظهار کردند»: the people, not the states
    ]
)
_LIST_GAP = re.compile(r"[\s\u200c]*(?:[،,]|و)[\s\u200c]*")
# words a body's name may follow and still be the subject («شبکه خبری العربیه», «دولت لیبی»)
_BODY_HEADS = any_of(
    ["شبکه", "خبری", "خبرگزاری", "روزنامه", "سایت", "وبگاه", "پایگاه", "تلویزیون", "دولت", "کاخ"]
)
# discourse connectors that may open a clause before its subject
_CONNECTOR = re.compile(
    rf"^\s*(?:{tolerant('این که')}|که)(?![\w\u200c])|"
    rf"{tolerant('این در حالی است که')}|{tolerant('از سوی دیگر')}|{tolerant('از طرف دیگر')}"
    rf"|(?<![\w\u200c])(?:همچنین|نیز|سپس|بنابراین|اما|ولی)(?![\w\u200c])"
    rf"|(?<![\w\u200c])در\s+(?:این|همین)\s+(?:باره|زمینه|رابطه|خصوص|راستا|حال|میان)(?![\w\u200c])"
    rf"|(?<![\w\u200c])در\s+(?:ادامه|پایان|حال\s+حاضر)(?![\w\u200c])"
)
_ANONYMOUS = re.compile(
    r"[\s«»\"']*(?:(?:این|همین)\s+)?(?:یک|یکی|برخی|چند|منبع|منابع|مقام|مقامات|مقامهای|مقام\u200cهای"
    r"|مسئولان|مسئول|شاهد|شاهدان|کارشناس|کارشناسان"
    rf"|{'|'.join(sorted(kin()))})(?![\w\u200c])"
)
# a kin or agent noun right before a name, with a form of address between at most: «همسر
# نرگس محمدی گفت», «وکیل احمد زیدآبادی افزود», «پدر شهید محمد حسینی»: the name is whose
_POSSESSOR = re.compile(
    rf"(?<![\w\u200c])(?:{'|'.join(sorted(relations()))})"
    r"(?:[\s\u200c]+(?:شهید|مرحوم|دکتر|آقای|خانم|سردار|حاج))?[\s\u200c«\"]*$"
)
# «(در همین حال) یک مقام در دفتر آریل شارون», «یکی از مشاوران اوباما»: an unnamed person opens
# the clause; the names and titles in his description are not he who speaks
_SOMEONE = re.compile(
    r"[\s«»\"']*(?:(?:در\s+(?:همین|این)\s+(?:حال|میان)|همچنین|اما|ولی|از\s+سوی\s+دیگر)[\s،,]+)?"
    r"(?:یکی[\s\u200c]+از[\s\u200c]+\S+|(?:یک|چند|برخی(?:[\s\u200c]+از)?|شماری[\s\u200c]+از"
    r"|تعدادی[\s\u200c]+از)[\s\u200c]+(?:مقام|مقامات|مقام\u200cهای|مسئول|مسئولان|مسؤول|منبع|منابع|شاهد"
    r"|کارشناس|کارشناسان|دیپلمات|عضو|اعضای|نماینده|نمایندگان|فرمانده|افسر|سخنگو|مشاور|مشاوران|دستیار"
    r"|مامور|ماموران|مأمور|تحلیلگر|فعال|نزدیکان))(?![\w\u200c])"
)
# «این کارشناس», «این مسئول حزب‌الله»: a demonstrative person noun refers back to the speaker
# (after an anonymous source, to no one); without «این» the noun is anonymous («یک مسئول»)
_THIS_PERSON = re.compile(
    r"[\s«»\"']*(?:این|همین)\s+(?:مقام|مسئول|مسؤول|کارشناس|تحلیلگر|شخصیت|چهره|دیپلمات"
    r"|سیاستمدار|استاد)(?![\w\u200c])"
)
# «این روزنامه نوشت»: a demonstrative outlet noun refers back to the last named outlet of its
# kind (never to a person); the plural «این رسانه‌ها» refers to no one
_THIS_OUTLET = re.compile(
    r"[\s«»\"']*(?:این|همین)\s+(?P<kind>"
    + tolerant(
        "(روزنامه|نشریه|هفته نامه|خبرگزاری|شبکه|تلویزیون|پایگاه خبری|پایگاه اینترنتی|سایت|رسانه)"
    )
    + r")(?![\w\u200c]|[\s\u200c]*ها\b)"
)
_OUTLET_KINDS = re.compile(tolerant("(روزنامه|نشریه|هفته نامه|خبرگزاری|شبکه|تلویزیون|پایگاه|سایت)"))
_OBJECT = re.compile(r"[\s\u200c]*را(?![\w\u200c])")  # «دولت تونی بلر را مقصر … نوشت»
_INDEFINITE = re.compile(rf"(?<![\w\u200c]){tolerant('یک')}[\s\u200c]*$")  # «یک سخنگوی حزب»
_SUBJECT_WORDS = 3  # at most this many free words (adverbs: «روز دوشنبه») before the subject
_TITLE_WINDOW = 40  # a title starting this close to the clause start is its subject
_RECENT = 8  # a title-only subject refers to a speaker quoted at most this many sentences back


@dataclass(slots=True)
class Resolved:
    """A subject resolved to an actor, with the name mention that carries it (if any)."""

    actor_id: str | None
    mention: Mention | None
    as_written: tuple[int, int]


@dataclass(slots=True)
class Tracker:
    """Left-to-right memory: the last quoted speaker, where he spoke and what he said."""

    speaker: Resolved | None = None
    speaker_pos: int = -1
    quoted: tuple[int, int] = (-1, -1)

    def spoke(self, who: Resolved, pos: int, quoted: tuple[int, int] | None = None) -> None:
        self.speaker, self.speaker_pos = who, pos
        self.quoted = quoted or (-1, -1)

    def forget(self, pos: int) -> None:
        """An anonymous speaker took the floor: a later «وی» is not the earlier speaker."""
        self.speaker, self.speaker_pos, self.quoted = None, pos, (-1, -1)


def clause_start(doc: Document, start: int, end: int) -> int:
    """Skip a leading source line («به گزارش خبرگزاری مهر،»): it names no subject."""
    match = SOURCE_LINE.match(doc.text[start:end])
    if match:
        return start + match.end()
    return _unpunctuated_source(doc, start, end) or start


def _unpunctuated_source(doc: Document, start: int, end: int) -> int | None:
    """Where the subject starts after a source line written without its comma («به گزارش
    خبرگزاری فارس از سنندج مهران تیشه‌گران … گفت»): at a person named right after the
    outlet or place that ends the short attribution."""
    if not _BARE_SOURCE.match(doc.text, start, end):
        return None
    found = mentions_in(doc, start, end)
    for before, ment in pairwise(found):
        if ment.label != "PER" or before.label == "PER":
            continue
        lead = doc.text[start : ment.start]
        if doc.text[before.end : ment.start].strip() or _CLAUSE_MARK.search(lead):
            return None
        return ment.start if len(lead.split()) <= _SOURCE_WORDS else None
    return None


def mentions_in(doc: Document, start: int, end: int, labels: frozenset[str] | None = None):
    """Entity mentions inside [start, end), in text order."""
    found = [m for m in doc.entities if start <= m.start and m.end <= end]
    if labels is not None:
        found = [m for m in found if m.label in labels]
    return sorted(found, key=lambda m: m.start)


def person_actor(doc: Document, ment: Mention) -> str | None:
    """The actor of a person mention; a bare surname borrows the earlier full name's actor,
    even over its own link («لاریجانی» after «فاضل لاریجانی» is not Ali Larijani)."""
    words = _words(doc, ment)
    if ment.actor_id is not None and len(words) > 1:
        return ment.actor_id
    full = _named_in_full(doc, ment.start, _fold(words[-1]) if words else "")
    return full.actor_id if full else ment.actor_id


def _words(doc: Document, ment: Mention) -> list[str]:
    return doc.text[ment.start : ment.end].replace("\u200c", " ").split()


def _named_in_full(doc: Document, pos: int, surname: str) -> Mention | None:
    """The last person named in full before `pos` whose (folded) surname is `surname`."""
    for other in reversed(mentions_in(doc, 0, pos, frozenset({"PER"}))):
        full = _words(doc, other)
        if len(full) > 1 and _fold(full[-1]) == surname:
            return other
    return None


def resolved_name(doc: Document, ment: Mention) -> Resolved:
    """A name mention as a resolved subject (a bare surname borrows the full name's actor)."""
    actor_id = person_actor(doc, ment) if ment.label == "PER" else ment.actor_id
    return Resolved(actor_id, ment, (ment.start, ment.end))


def blank_roles(doc: Document, start: int, end: int) -> str:
    """The text of [start, end) with role spans blanked (a title before a name is fine)."""
    chars = list(doc.text[start:end])
    for role in doc.roles:
        for i in range(max(role.start, start), min(role.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def in_subject_position(doc: Document, start: int, ment: Mention) -> bool:
    """Is `ment` the clause's subject: after a comma, a connector or a few free words (a
    body: none but its head noun, «شبکه خبری العربیه»), with no preposition before it? A
    name before the clause start (in a skipped source line) never is."""
    if ment.start < start:
        return False
    prefix = re.split(r"[،,]", blank_roles(doc, start, ment.start))[-1]
    prefix = _CONNECTOR.sub(" ", prefix)
    if _NOT_SUBJECT.search(prefix):
        return False
    words = [w for w in re.split(r"[\s\u200c«»\"'()]+", prefix) if w]
    if ment.label == "PER":
        return len(words) <= _SUBJECT_WORDS and not _POSSESSOR.search(prefix)
    if ment.label == "GPE":  # «مقامات جمهوری اسلامی», «خبرگزاری رسمی لبنان»: not the state
        return all(w == "دولت" for w in words)
    return all(_BODY_HEADS.fullmatch(w) for w in words)


def _role_holder(doc: Document, role: Role, after: int) -> Resolved:
    """A title's holder: bound by the entities stage, else the person of the same
    country and sector named next (or, failing that, last) in the article."""
    span = (role.start, role.end)
    if role.holder_actor_id is not None:
        return Resolved(role.holder_actor_id, holder_of(doc, role), span)
    people = [m for m in doc.entities if m.label == "PER"]
    matching = [m for m in people if _same_office(doc, m, role)]
    later = [m for m in matching if m.start >= after]
    earlier = [m for m in matching if m.end <= role.start]
    ment = min(later, key=lambda m: m.start) if later else (earlier[-1] if earlier else None)
    if ment is None:
        return Resolved(None, None, span)
    return Resolved(person_actor(doc, ment), ment, span)


def _same_office(doc: Document, ment: Mention, role: Role) -> bool:
    """Same country and sector; for a title without a sector («دبیر», «امام راحل») the person
    must carry a title of the same head word, or any compatriot would do."""
    actor = doc.actor_of(ment)
    if actor is None or role.country is None or actor.country != role.country:
        return False
    if role.sector is not None:
        return actor.sector == role.sector
    own = _own_title(doc, ment)
    return own is not None and _head(own) == _head(doc.text[role.start : role.end])


def _previous_subject(doc: Document, pos: int, tracker: Tracker) -> Mention | None:
    """The person introduced as the subject of the sentence before `pos`, if any; a name
    inside the last quoted statement is what the speaker talked about, not a new subject."""
    sent = doc.sentence_of(pos)
    if sent is None:
        return None
    before = [s for s in doc.sentences if s.end <= sent.start]
    if not before:
        return None
    prev = before[-1]
    start = clause_start(doc, prev.start, prev.end)
    colon = doc.text.find(":", start, prev.end)
    end = colon if colon >= 0 else prev.end  # after a colon come the speaker's words
    qs, qe = tracker.quoted
    for ment in mentions_in(doc, start, end, frozenset({"PER"})):
        if qs <= ment.start < qe:
            continue
        return ment if in_subject_position(doc, start, ment) else None
    return None


def resolve_pronoun(doc: Document, pos: int, tracker: Tracker) -> Resolved | None:
    """«وی»/«او»: the person just introduced as a subject, else the last speaker when he is a
    person (a statement or outlet that spoke last is no «وی»: then the last person named)."""
    subject = _previous_subject(doc, pos, tracker)
    if subject is not None and subject.start > tracker.speaker_pos:
        return resolved_name(doc, subject)
    if tracker.speaker is not None and _is_body(tracker.speaker):
        return _last_subject(doc, pos)
    if tracker.speaker is not None:
        return tracker.speaker
    if tracker.speaker_pos >= 0:
        return None  # an anonymous source spoke last
    return _last_subject(doc, pos)


def _is_body(who: Resolved) -> bool:
    return who.mention is not None and who.mention.label in BODY_LABELS


def _last_subject(doc: Document, pos: int) -> Resolved | None:
    """The last person before `pos` named as a clause subject, else the last one named outside
    a statement; one merely talked about after a colon («…: اظهارات احمدی‌نژاد») is not «وی»."""
    people = [m for m in mentions_in(doc, 0, pos, frozenset({"PER"})) if not _after_colon(doc, m)]
    for ment in reversed(people):
        sent = doc.sentence_of(ment.start)
        if sent and in_subject_position(doc, clause_start(doc, sent.start, sent.end), ment):
            return resolved_name(doc, ment)
    return resolved_name(doc, people[-1]) if people else None


def _after_colon(doc: Document, ment: Mention) -> bool:
    sent = doc.sentence_of(ment.start)
    return sent is not None and ":" in doc.text[sent.start : ment.start]


def _compatible(doc: Document, who: Resolved, role: Role | None, start: int) -> bool:
    """A title may refer back to a speaker unless his country or his own title (as first
    introduced: «سخنگوی وزارت دفاع» is not «رئیس پلیس کابل») says otherwise."""
    actor = doc.actors.get(who.actor_id) if who.actor_id else None
    if role and actor and role.country and actor.country and role.country != actor.country:
        return False
    own = _own_title(doc, who.mention)
    if own is not None:
        return _head(own) == _head(doc.text[start : start + 40])
    # else the titles he was already given («رییس دیوان عالی کشور» is no «دادستان کل کشور»)
    given = {_head(doc.text[r.start : r.end]) for r in doc.roles
             if who.actor_id and r.holder_actor_id == who.actor_id and r.end <= start}
    return not given or _head(doc.text[start : start + 40]) in given


def _own_title(doc: Document, ment: Mention | None) -> str | None:
    """The title bound to a name, else the one written right after it («عظیمی، سخنگوی …»)."""
    if ment is None:
        return None
    if ment.role_start is not None and ment.role_end is not None:
        return doc.text[ment.role_start : ment.role_end]
    for role in doc.roles:
        if role.start >= ment.end and not doc.text[ment.end : role.start].strip(" ،,\u200c«»\"'"):
            return doc.text[role.start : role.end]
    return None


def _head(title: str) -> str:
    words = re.split(r"[\s\u200c«»\"']+", title.strip(" «»\"'"))
    return words[0].replace("ي", "ی").replace("ك", "ک") if words else ""


def anonymous_subject(doc: Document, start: int, end: int) -> bool:
    """Does the clause open with someone unnamed («یک مقام آگاه», «این منبع», «رئیس پلیس
    کابل» whose holder is unknown)? Then a later «وی» is that person, not the last speaker."""
    start = clause_start(doc, start, end)
    return bool(_ANONYMOUS.match(doc.text, start, end) or title_heads().match(doc.text, start, end))


def resolve_title(
    doc: Document, start: int, title_end: int, role: Role | None, tracker: Tracker
) -> Resolved | None:
    """A title that names no one («معاون وزیر راه افزود») after a recent named speaker is
    that speaker (Persian interviews alternate name, «وی» and title)."""
    who = _recent_speaker(doc, start, tracker)
    if who is None or not _compatible(doc, who, role, start):
        return None
    return Resolved(who.actor_id, who.mention, (start, title_end))


def _recent_speaker(doc: Document, pos: int, tracker: Tracker) -> Resolved | None:
    """The last named speaker, if he spoke at most `_RECENT` sentences before `pos`."""
    who = tracker.speaker
    if who is None or who.actor_id is None and who.mention is None:
        return None
    here, there = doc.sentence_of(pos), doc.sentence_of(tracker.speaker_pos)
    if here is None or there is None:
        return None
    gap = sum(1 for s in doc.sentences if there.start <= s.start < here.start)
    return who if gap <= _RECENT else None


def _this_person(doc: Document, start: int, end: int, tracker: Tracker) -> Resolved | None:
    """«این کارشناس گفت»: the recent speaker, when he is a person."""
    match = _THIS_PERSON.match(doc.text, start, end)
    who = match and _recent_speaker(doc, start, tracker)
    if not who or who.mention is not None and who.mention.label != "PER":
        return None
    return Resolved(who.actor_id, who.mention, (start, match.end()))


def _this_outlet(doc: Document, start: int, end: int) -> Resolved | None:
    """«این روزنامه افزود»: the last named outlet (sector MED) before `start` whose written kind
    (the head noun before or in its name) is the same; one written without a kind only if it
    is the last outlet named. The publisher in the article's opening source line is not it."""
    match = _THIS_OUTLET.match(doc.text, start, end)
    if match is None:
        return None
    kind = _outlet_kind(match.group("kind"))
    outlets = [m for m in mentions_in(doc, 0, start, frozenset({"ORG"})) if _is_outlet(doc, m)]
    outlets = [m for m in outlets if not _publisher(doc, m)]
    for rank, ment in enumerate(reversed(outlets)):
        written = _outlet_kind(_words_before(doc, ment.start, 2) + doc.text[ment.start : ment.end])
        if kind is None or written == kind or written is None and rank == 0:
            return Resolved(ment.actor_id, ment, (start, match.end()))
    return None


def _outlet_kind(text: str) -> str | None:
    """The last outlet head noun in `text` («روزنامه»), None for «رسانه» or none."""
    found = _OUTLET_KINDS.findall(text)
    return found[-1].replace("\u200c", "").replace(" ", "") if found else None


def _words_before(doc: Document, pos: int, count: int) -> str:
    """The `count` words before `pos` in its clause («روزنامه فرانسوی» before «فیگارو»)."""
    before = re.split(r"[،,:.\n]", doc.text[max(0, pos - 60) : pos])[-1]
    return " ".join(before.split()[-count:]) + " "


def _is_outlet(doc: Document, ment: Mention) -> bool:
    actor = doc.actor_of(ment)
    return actor is not None and actor.sector == "MED"


def _publisher(doc: Document, ment: Mention) -> bool:
    """The outlet that opens the article's first source line («به گزارش خبرگزاری فارس،»)."""
    first = doc.sentences[0] if doc.sentences else None
    if first is None or ment.start >= clause_start(doc, first.start, first.end):
        return False
    outlets = [m for m in mentions_in(doc, first.start, ment.end) if _is_outlet(doc, m)]
    return bool(outlets) and outlets[0] is ment  # none when `ment` comes before that line


def _first_named(doc: Document, start: int, end: int) -> Mention | None:
    """The first person or body in subject position in [start, end)."""
    titled = title_heads().match(doc.text, start, end) is not None
    found = mentions_in(doc, start, end)
    listed: set[int] = set()  # names listed with one that is no subject
    for i, ment in enumerate(found):
        if i in listed:
            continue
        if ment.label in BODY_LABELS and (titled or _inside_role(doc, ment)):
            continue  # «نخست وزیر بلاروس»: the state names the office, it does not speak
        if _OBJECT.match(doc.text, ment.end):
            continue  # the object of the clause, not its subject
        if (ment.label == "PER" or ment.label in BODY_LABELS) and in_subject_position(
            doc, start, ment
        ):
            return ment
        listed.update(_listed_after(doc, found, i))
    return None


def _listed_after(doc: Document, found: list[Mention], i: int) -> range:
    """Indexes of the names listed after `found[i]` in a list «و» closes («مردم عراق،
    افغانستان و لبنان»): they share its place in the clause. A comma alone ends no list
    («در وین، ظریف گفت»)."""
    last, closed = i, False
    while last + 1 < len(found):
        gap = doc.text[found[last].end : found[last + 1].start]
        if not _LIST_GAP.fullmatch(gap):
            break
        last, closed = last + 1, closed or "و" in gap
    return range(i + 1, last + 1) if closed else range(0)


def _inside_role(doc: Document, ment: Mention) -> bool:
    return any(r.start <= ment.start and ment.end <= r.end for r in doc.roles)


def _pronoun_at(doc: Document, start: int, end: int) -> re.Match[str] | None:
    """A subject pronoun at the clause start or right after its last comma («…، وی گفت»)."""
    comma = max(doc.text.rfind("،", start, end), doc.text.rfind(",", start, end))
    if comma > start:
        match = PRONOUN.match(doc.text, comma + 1, end)
        if match:
            return match
    return PRONOUN.match(doc.text, start, end)


def resolve_subject(doc: Document, start: int, end: int, tracker: Tracker) -> Resolved | None:
    """The actor a clause [start, end) is about: a leading pronoun, a name or body in subject
    position, or a leading title (its holder, else the recent speaker). None when nothing
    named is the subject."""
    start = clause_start(doc, start, end)
    pronoun = _pronoun_at(doc, start, end)
    if pronoun is not None:
        found = resolve_pronoun(doc, pronoun.start(), tracker)
        return found and Resolved(found.actor_id, found.mention, pronoun.span("pronoun"))
    if _SOMEONE.match(doc.text, start, end):
        return None
    named = _first_named(doc, start, end)
    roles = sorted(
        (r for r in doc.roles if start <= r.start < min(end, start + _TITLE_WINDOW)),
        key=lambda r: r.start,
    )
    if named is not None and (not roles or named.start <= roles[0].end + 1):
        return resolved_name(doc, named)
    title = title_heads().match(doc.text, start, end)
    # «سخنگوی دفتر نخست وزیر ژاپن», «نایب رئیس مجلس»: an office named inside the subject's
    # own title is not he who speaks
    if roles and not (title and title.end() <= roles[0].start):
        return _title_subject(doc, roles[0], end, tracker)
    if title:
        return resolve_title(doc, start, title.end(), None, tracker)
    return (
        _this_outlet(doc, start, end)
        or _this_person(doc, start, end, tracker)
        or _untagged_surname(doc, start, end)
    )


def _untagged_surname(doc: Document, start: int, end: int) -> Resolved | None:
    """«سوری با اشاره به … افزود» after «اکبر سوری …»: a surname that is also a common word
    («سوری», «خدایی») may go untagged; opening the clause, it is the person named in full
    earlier in the article."""
    word = _FIRST_WORD.match(doc.text, start, end)
    if word is None or any(m.start == word.start(1) for m in doc.entities):
        return None
    ment = _named_in_full(doc, start, _fold(word.group(1)))
    return Resolved(person_actor(doc, ment), ment, word.span(1)) if ment else None


def _fold(word: str) -> str:
    """A surname compared across spellings («خدائی»/«خدایی», Arabic «ي»/«ك», ZWNJ)."""
    return word.replace("\u200c", "").replace("ي", "ی").replace("ئ", "ی").replace("ك", "ک")


def _title_subject(doc: Document, role: Role, end: int, tracker: Tracker) -> Resolved:
    """A leading title: its bound holder, else the recent speaker if he may hold it (same
    sector), else a compatriot of that office named in the article, else the recent speaker
    anyway (linking may have guessed his sector wrong). «یک سخنگوی …» is no one named."""
    if _INDEFINITE.search(doc.text, max(0, role.start - 8), role.start):
        return Resolved(None, None, (role.start, role.end))
    if _bound_here(doc, role):
        return _role_holder(doc, role, after=end)
    recent = resolve_title(doc, role.start, role.end, role, tracker)
    if recent is not None and _same_sector(doc, recent, role):
        return recent
    held = _role_holder(doc, role, after=end)
    return held if held.actor_id or held.mention else recent or held


def _bound_here(doc: Document, role: Role) -> bool:
    """Is the title bound to a holder named in its own sentence? A holder found in another
    sentence is a guess («دبیر کل حزب‌الله گفت … وی به موضوع روژه گارودی …»)."""
    if role.holder_actor_id is None:
        return False
    ment = holder_of(doc, role)
    return ment is None or doc.sentence_of(ment.start) == doc.sentence_of(role.start)


def _same_sector(doc: Document, who: Resolved, role: Role) -> bool:
    actor = doc.actors.get(who.actor_id) if who.actor_id else None
    return actor is None or role.sector is None or actor.sector in (None, role.sector)


@lru_cache(maxsize=1)
def title_heads() -> re.Pattern[str]:
    """Words that open a title-only subject («عضو شورای مرکزی …», «این شاهزاده سعودی»)."""
    text = (files("rasad.resources") / "speaker_titles.txt").read_text(encoding="utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    alts = "|".join(tolerant(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[\s«»\"']*(?:(?:این|همین)\s+)?(?:{alts})(?![\w\u200c])")
