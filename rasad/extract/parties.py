"""Who an event can be about: the coded parties named in a stretch of a sentence.

A party is a country (with a sector when the text gives one) standing behind an entity
mention, a nationality adjective («نیروهای آمریکایی» → USA MIL), a government word («دولت»
→ the article's main state), an anaphoric state («این کشور», «پارلمان این کشور» → the state
named last) or a compound («دو کشور» → the two states named last). Places are not parties: a
city or province, or a country behind «در»/«شهر»/«استان», is where something happened.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rasad.extract.contexts import load_yaml, tolerant, word_regex
from rasad.extract.coref import mentions_in
from rasad.extract.gazetteer import (
    common_words,
    demonyms,
    festival_demonym,
    given_names,
    key,
    read_tsv,
)
from rasad.model import Actor, Document, Mention, Participant, Role

_GAP = r"[\s\u200c]+"
_WORDS = r"(?:{gap}[^\s\u200c،,:]+){{0,{n}}}{gap}$"
# «در X», «در شهر X», «در مرز X با Y»: a place, unless «از», «علیه» … (not of a partitive,
# «در یکی از شهرهای X») stands between («سفیر سوریه در واشنگتن از امریکا … انتقاد کرد»)
PREPOSITION = re.compile(
    r"(?<![\w\u200c])"
    + tolerant("(یکی|بخشی|برخی|بعضی|بسیاری|شماری|تعدادی)?")
    + r"[\s\u200c]*"
    + tolerant("(از|علیه|برای|نزد)")
    + r"[\s\u200c]+(?:[^\s\u200c]+[\s\u200c]+)?$"
)
PLACE_PREP = re.compile(tolerant("(در|شهر|استان)") + _WORDS.format(gap=_GAP, n=2))
INDEFINITE = re.compile(tolerant("یک") + r"[\s\u200c]+$")
COMPOUND = re.compile(tolerant("(دو|سه) (کشور|طرف)"))
WORD = re.compile(r"[^\W\d_]+(?:\u200c[^\W\d_]+)*")
# «دولت اوباما», «دولت «باراک اوباما»»: the head noun of a leader's administration
ADMINISTRATION = re.compile(
    r"(?<![\w\u200c])" + tolerant("(دولت|حکومت|کابینه)") + r"[\s\u200c]*«?[\s\u200c]*$"
)
PLURAL = re.compile(r"\u200c?ها(?:ست|یی|ی)?$")
_COMPOUND_SIZE = {"دو": 2, "سه": 3}
PHRASE_OPENER = re.compile(
    r"(?:[،,:«\"(؛.]|(?<![\w\u200c])"
    + tolerant("(و|که|اینکه|این که|اما|ولی|بلکه|چون|زیرا|همچنین|نیز)")
    + r")[\s\u200c]*$"
)
MEMBERS = re.compile(
    r"(?:"
    + tolerant("دیگر")
    + r"[\s\u200c]+)?(?:\d+[\s\u200c]+)?"
    + tolerant("(کشورهای|کشور|دولت های|دولت) عضو")
    + r"[\s\u200c]+$"
)
DESTINATION = re.compile(tolerant("(وارد|به|در|عازم|راهی)") + r"[\s\u200c]+$")
AND = re.compile(r"[\s\u200c]+" + tolerant("و") + r"[\s\u200c]+$")
SHARED_HEAD = re.compile(  # «مقامات و کشورهای عضو ناتو», «دولت و ملت ایران»
    r"[\s\u200c]+" + tolerant("و") + r"(?:[\s\u200c]+[^\s\u200c.،,:؛]+){0,3}[\s\u200c]+"
)
APPOSITION = re.compile(r"[\s\u200c»\"]*[،,][\s\u200c«\"]*")  # «رامسفلد، وزیر دفاع …»
_HEAD_WORDS = 3  # a sector head noun («دولت», «نیروهای ارتش», «روسای جمهور») this close
_LOOKBACK = 1500  # characters searched back for the states a «دو کشور» refers to
NON_PARTY_SECTORS = frozenset({"MED"})  # news agencies report events, they are not parties


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """event_patterns.yaml, read once per process."""
    return load_yaml("event_patterns.yaml")


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern[str]]:
    """The lexicon's phrase regexes (government words, unknown agents), compiled once."""
    lex = lexicon()
    names = ("same_country", "same_body", "same_named", "unknown_agents")
    return {name: word_regex(lex[name]) for name in names}


@lru_cache(maxsize=1)
def _institutions() -> dict[str, re.Pattern[str]]:
    """Sector → regex of the words naming that body of an unnamed state («دولت», «پارلمان»)."""
    return {sector: word_regex(rx) for sector, rx in lexicon()["institutions"].items()}


def unknown_agent(doc: Document, begin: int, end: int) -> int | None:
    """«افراد مسلح ناشناس … حمله کردند»: the coder leaves the actor out. Where the first
    unknown agent in [begin, end) starts, None if there is none."""
    found = _regexes()["unknown_agents"].search(doc.text, begin, end)
    return found.start() if found else None


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """ISO codes of sovereign states: «دو کشور» never counts an IGO, a militia or the EU."""
    return frozenset(row["iso3"] for row in read_tsv("countries.tsv"))


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    """Country names and capitals: a GPE that is neither (a city, a province, a village)
    is where an event happened, not a party to it."""
    countries = read_tsv("countries.tsv")
    state_names = {row["name_en"] for row in countries}
    names = {key(n) for row in countries for n in row["names_fa"].split("|")}
    names |= {
        key(row["name_fa"]) for row in read_tsv("places.tsv") if row["name_en"] in state_names
    }
    return frozenset(names | _capitals())


def stands_for_state(doc: Document, ment: Mention) -> bool:
    surface = key(doc.text[ment.start : ment.end])
    words = surface.split()
    return surface in _states() or (len(words) > 1 and " ".join(words[1:]) in _states())


@lru_cache(maxsize=1)
def _heads() -> tuple[dict[str, str], frozenset[str]]:
    """Head noun → sector («نیروهای» MIL, «دولت» GOV) and the modifiers that may stand
    between a head and its country («نخست وزیر موقت عراق»)."""
    lex = lexicon()
    heads = {key(word): sector for sector, words in lex["heads"].items() for word in words}
    return heads, frozenset(key(w) for w in lex["head_modifiers"])


def sector_before(doc: Document, start: int, end: int) -> str | None:
    """«دولت ترکیه», «روسای جمهور آمریکا», «نخست‌وزیر موقت عراق»: the role a country mention
    sits in, else a head noun right before it (past a modifier), gives the party's sector."""
    for role in doc.roles:
        if role.start <= start and end <= role.end + 1 and role.sector:
            return role.sector
    return _head_before(doc, start)[0]


def _head_before(doc: Document, start: int) -> tuple[str | None, int]:
    """The sector of a head noun right before `start` (past a modifier) and where the head
    begins; (None, start) when there is none."""
    words = list(WORD.finditer(doc.text, max(0, start - 40), start))[-_HEAD_WORDS - 1 :]
    heads, modifiers = _heads()
    if words and key(words[-1].group(0)) in modifiers:
        words = words[:-1]
    for size in range(min(len(words), _HEAD_WORDS), 0, -1):
        sector = heads.get(key(" ".join(w.group(0) for w in words[-size:])))
        if sector:
            return sector, words[-size].start()
    return None, start


# spacing and the dashes or stars that open an item of a headline digest
BULLETS = " \u200c-–—•*"


def head_start(doc: Document, start: int) -> int:
    """Where a party's noun phrase begins: at its head noun («نیروهای افغان»), else at it."""
    return _head_before(doc, start)[1]


def heads_phrase(doc: Document, start: int, begin: int) -> bool:
    """«دولت ترکیه باید», «، روسیه نباید»: the party (with its head noun) opens its noun
    phrase — it follows the clause start, a punctuation mark or a conjunction — rather than
    modifying another noun («تحولات عراق باید», «چتر حمایتی بسیج از … باید»)."""
    at = _head_before(doc, start)[1]
    if not doc.text[begin:at].strip(BULLETS):  # «- ناتو و …»: a list bullet opens it too
        return True
    return bool(PHRASE_OPENER.search(doc.text, max(begin, at - 20), at))


def apposed_role(doc: Document, start: int, end: int) -> Role | None:
    """«رامسفلد، وزیر دفاع امریکا، …», «رستم زوهبی»، سفیر سوریه»: a title set off by a comma
    right after a name is that person's own, whatever state the name alone was given (a
    title followed at once by another name, «…، وزیر خارجه X», is X's)."""
    for role in doc.roles:
        if role.country and role.start > end and APPOSITION.fullmatch(doc.text, end, role.start):
            held = role.holder_mention
            if held is None or held[0] < end or held[0] - role.end > 2:
                return role
            return None
    return None


# what ends a title's genitive chain: punctuation, a preposition, a conjunction opening a
# clause, an adverb or a verb («… سازمان امور مالیاتی نیز با انتقاد از …»)
TITLE_END = re.compile(
    r"[،,:؛.!؟?«»()\n]|(?<![\w\u200c])"
    + tolerant(
        "(با|به|علیه|از|برای|ضد|نزد|بر|توسط|که|نیز|هم|امروز|دیروز|روز|در پی|ضمن|طی|است|بود"
        "|شد|کرد|گفت|افزود)"
    )
    + r"(?![\w\u200c])"
)
_TITLE_SPAN = 160  # characters a title written beside its holder's name may run to


def in_own_title(doc: Document, holder: Participant, part: Participant) -> bool:
    """«محمدرضا یزدی‌زاده عضو شورای … و مدیرکل … سازمان امور مالیاتی نیز با انتقاد از …»: a
    party inside the title written beside its holder's name (the role word right after the
    name and the genitive chain it heads, or a title right before the name) is the holder's
    own office, not a party he acts on."""
    for role in doc.roles:
        if role.start >= holder.end and role.start - holder.end <= 2:  # name, then title
            if _ends_on_state(doc, role):
                return False  # «روحانی رئیس‌جمهور ایران آمریکا را …»: the title is closed
            first, last = role.end, part.start
        elif role.end <= holder.start and holder.start - role.end <= _TITLE_SPAN:  # title, name
            first, last = role.end, holder.start
            if not role.end <= part.start < holder.start:
                continue
        else:
            continue
        if 0 <= last - first <= _TITLE_SPAN and not TITLE_END.search(doc.text, first, last):
            return part.start >= role.end
    return False


def _ends_on_state(doc: Document, role: Role) -> bool:
    """A title ending on its own state's name («رئیس‌جمهور ایران») is complete: its genitive
    chain stops there, so a party right after it is the clause's next phrase."""
    last = next(reversed(mentions_in(doc, role.start, role.end)), None)
    if last is None or last.end != role.end:
        return False
    actor = doc.actor_of(last)
    return actor is not None and actor.kind == "GPE" and actor.country == role.country


def person_party(doc: Document, start: int, end: int, actor: Actor) -> Participant:
    """The party a person stands for: the state and office of a title in apposition to the
    name, else the actor's own."""
    role = apposed_role(doc, start, end) if actor.kind == "PER" else None
    if role is not None:
        return Participant(start, end, actor.id, role.country, role.sector)
    return Participant(start, end, actor.id, actor.country, actor.sector)


def participant(doc: Document, ment: Mention) -> Participant | None:
    """The coded party behind a mention, or None for places, media and uncoded names."""
    actor = doc.actor_of(ment)
    if actor is None or not actor.country or actor.sector in NON_PARTY_SECTORS:
        return None
    if ment.label == "GPE" and not stands_for_state(doc, ment):
        return None
    if is_team(doc, ment.start):
        return None
    if ment.label == "PER" and ADMINISTRATION.search(
        doc.text[max(0, ment.start - 20) : ment.start]
    ):
        # «دولت «باراک اوباما»، رئیس‌جمهور سابق آمریکا»: a leader's administration is his
        # state's government, whether or not he still holds office
        country = person_party(doc, ment.start, ment.end, actor).country
        return Participant(ment.start, ment.end, actor.id, country, "GOV")
    if ment.label == "PER" and apposed_role(doc, ment.start, ment.end):
        return person_party(doc, ment.start, ment.end, actor)
    sector = actor.sector or sector_before(doc, ment.start, ment.end) or _capital(doc, ment)
    if sector in NON_PARTY_SECTORS:  # «رسانه‌های آمریکا»: the state's media
        return None
    return Participant(ment.start, ment.end, actor.id, actor.country, sector)


@lru_cache(maxsize=1)
def _sports() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The sports heads opening a mention, and standing up to three words before one."""
    heads = tolerant(lexicon()["sports_heads"])
    before = rf"(?<![\w\u200c]){heads}(?:[\s\u200c]+[^\s\u200c.,،:؛]+){{0,3}}[\s\u200c]+$"
    return re.compile(rf"{heads}(?![\w\u200c])"), re.compile(before)


def is_team(doc: Document, start: int) -> bool:
    """«تیم ملی فوتبال ایران», «باشگاه پرسپولیس»: a team (and the country it plays for),
    named from `start`, is no political party."""
    opens, before = _sports()
    return bool(opens.match(doc.text, start) or before.search(doc.text[max(0, start - 40) : start]))


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    return frozenset(key(n) for n in lexicon()["capitals"])


def _capital(doc: Document, ment: Mention) -> str | None:
    """«فشارهای واشنگتن», «برنامه‌های دهلی نو»: a capital acting stands for its government;
    one travelled to or from («وارد مسکو شد», «از کابل») or the site of a blast or a
    facility («انفجار بیروت», «فرودگاه بغداد») is a place."""
    if key(doc.text[ment.start : ment.end]) not in _capitals():
        return None
    before = doc.text[max(0, ment.start - 30) : ment.start]
    return None if DESTINATION.search(before) or _place_head().search(before) else "GOV"


@lru_cache(maxsize=1)
def _place_head() -> re.Pattern[str]:
    return re.compile(r"(?<![\w\u200c])" + tolerant(lexicon()["place_heads"]) + r"[\s\u200c]+$")


def is_place(doc: Document, ment: Mention) -> bool:
    before = doc.text[max(0, ment.start - 30) : ment.start]
    return (
        ment.label in {"GPE", "LOC"}
        and bool(PLACE_PREP.search(before))
        and not ((prep := PREPOSITION.search(before)) and not prep.group(1))
    )


# verbs a demonym-shaped word forms a compound verb with («ترک کردن», "to leave")
_LIGHT_VERBS = frozenset(
    key(w) for w in ("کرد", "کردند", "کرده", "کند", "کنند", "کنیم", "کردن", "نمود", "نمودند",
                     "گفت", "گفتند", "گفته")
)


def _demonym(word: str) -> str | None:
    """«عراقی», «آمریکایی‌ها», «روس‌ها» (plural of «روسی»): the country of a nationality."""
    table = demonyms()
    bare = key(PLURAL.sub("", word))
    plural = bare != key(word)
    return table.get(bare) or (table.get(bare + "ی") if plural else None)


def _demonym_parties(doc: Document, start: int, end: int) -> list[Participant]:
    """Nationality adjectives name a party («سرباز عراقی» → IRQ MIL) though they are not
    entities; the head noun before them gives the sector."""
    found: list[Participant] = []
    heads, _ = _heads()
    words = list(WORD.finditer(doc.text, start, end))
    for i, word in enumerate(words):
        country = _demonym(word.group(0))
        if country is None:
            continue
        head = key(words[i - 1].group(0)) if i else ""
        after = key(words[i + 1].group(0)) if i + 1 < len(words) else ""
        if after in _LIGHT_VERBS or (head in given_names() and head not in common_words()):
            continue  # «ترک کرده بودند» ("had left"), «اکبر سوری»: a verb, a surname
        if festival_demonym(head):
            continue  # «چهارشنبه سوری»: a festival
        if heads.get(head) not in NON_PARTY_SECTORS:  # «رسانه‌های صهیونیستی»
            found.append(Participant(word.start(), word.end(), None, country, heads.get(head)))
    return found


def _prominent_countries(doc: Document, n: int) -> list[str]:
    counts = Counter(
        a.country
        for m in doc.entities
        if (a := doc.actor_of(m)) and a.country and a.country in state_codes()
    )
    return [country for country, _ in counts.most_common(n)]


def state_mention_before(doc: Document, pos: int) -> Mention | None:
    """The last state named by name before `pos` («لیبی … دولت این کشور»), a party to what is
    told rather than a place where it happens where there is one («در سوریه» is a place)."""
    states = [
        ment
        for ment in mentions_in(doc, max(0, pos - _LOOKBACK), pos, frozenset({"GPE"}))
        if (actor := doc.actor_of(ment)) and actor.country and stands_for_state(doc, ment)
    ]
    parties = [m for m in states if not is_place(doc, m)] or states
    return parties[-1] if parties else None


def _state_before(doc: Document, pos: int) -> str | None:
    """The country of the last state named before `pos` («دولت این کشور»), by name or by a
    nationality adjective («جنگنده‌های انگلیسی … این کشور»)."""
    ment = state_mention_before(doc, pos)
    named = [(ment.start, doc.actor_of(ment).country)] if ment else []
    demonyms = _demonym_parties(doc, max(0, pos - _LOOKBACK), pos)
    named += [(p.start, p.country) for p in demonyms[-1:]]
    return max(named)[1] if named else None


def _states_before(doc: Document, pos: int, n: int) -> list[str]:
    """The last `n` distinct states named as parties before `pos`, nearest first; the
    article's most named states fill in when the context names fewer."""
    found: list[str] = []
    for ment in reversed(mentions_in(doc, max(0, pos - _LOOKBACK), pos)):
        part = None if is_place(doc, ment) else participant(doc, ment)
        if part and part.country in state_codes() and part.country not in found:
            found.append(part.country)
        if len(found) == n:
            return found
    found += [c for c in _prominent_countries(doc, n + len(found)) if c not in found]
    return found[:n]


def _compound_parties(doc: Document, start: int, end: int) -> list[Participant]:
    """«دو کشور», «رهبران سه کشور»: the states named just before, with the head's sector."""
    found: list[Participant] = []
    for match in COMPOUND.finditer(doc.text, start, end):
        size = _COMPOUND_SIZE[match.group(0)[:2].strip()]
        sector = sector_before(doc, match.start(), match.end())
        for country in _states_before(doc, match.start(), size):
            found.append(Participant(match.start(), match.end(), None, country, sector))
    return found


def _anaphoric_parties(doc: Document, start: int, end: int) -> list[Participant]:
    """«این کشور», «پارلمان این کشور», «دولت آن کشور»: the state named last, with the sector
    of the head noun before it; «این رژیم»: the party last named «رژیم …»."""
    found: list[Participant] = []
    for name in ("same_country", "same_named"):
        for match in _regexes()[name].finditer(doc.text, start, end):
            if name == "same_country":
                country = _state_before(doc, match.start())
            else:
                country = _named_before(doc, match.start(), match.group(0).split()[-1])
            if country:
                sector = sector_before(doc, match.start(), match.end())
                sector = sector or ("GOV" if "دولت" in match.group(0) else None)
                found.append(Participant(match.start(), match.end(), None, country, sector))
    return found


def _named_before(doc: Document, pos: int, head: str) -> str | None:
    """«این رژیم»: the country of the last party named with that head noun («رژیم
    صهیونیستی»), not of the last state named («ملت فلسطین … این رژیم»)."""
    head = key(head)
    for ment in reversed(mentions_in(doc, max(0, pos - _LOOKBACK), pos)):
        named = key(doc.text[ment.start : ment.end])
        if named.startswith(head) and named != head:
            part = participant(doc, ment)
            return part.country if part else None
    return None


def _body_parties(doc: Document, start: int, end: int) -> list[Participant]:
    """«کشورهای عضو این اتحادیه», «دبیرکل این سازمان»: the international body (a party
    coded as no single state: EUR, UNO, IGO …) named last before the anaphor."""
    found: list[Participant] = []
    states = state_codes()
    for match in _regexes()["same_body"].finditer(doc.text, start, end):
        bodies = [
            part
            for ment in mentions_in(doc, max(0, match.start() - _LOOKBACK), match.start())
            if (part := participant(doc, ment)) and part.country not in states
        ]
        if bodies:  # «سران (دیگر ۲۸) کشور عضو این اتحادیه»: the heads of its members
            members = MEMBERS.search(doc.text, max(0, match.start() - 40), match.start())
            sector = sector_before(doc, members.start() if members else match.start(), match.end())
            found.append(Participant(match.start(), match.end(), None, bodies[-1].country, sector))
    return found


def _institution_parties(doc: Document, start: int, end: int, named: list[Participant]):
    """«دولت» / «مسئولین» / «پارلمان» with nothing after it is that body of the state in
    context: the country of the party named just before it in the clause, else the
    article's main one («دولت ترکیه» and «دولت این کشور» are carried by the name and the
    anaphor; «در پارلمان» is where, not who)."""
    same_country = _regexes()["same_country"]
    for sector, rx in _institutions().items():
        for match in rx.finditer(doc.text, start, end):
            at, after = match.start(), match.end()
            if any(p.start <= at < p.end or at <= p.start <= after + 2 for p in named):
                continue  # «دولت ترکیه», «مجلس شورای اسلامی»: a mention carries the party
            if any(SHARED_HEAD.fullmatch(doc.text, after, p.start) for p in named):
                continue  # «مقامات و کشورهای عضو ناتو»: the coordinated name carries both
            if INDEFINITE.search(doc.text, max(0, at - 4), at) or PLACE_PREP.search(
                doc.text, max(0, at - 30), at
            ):
                continue  # «یک دولت اجنبی»: a description, not a party
            if same_country.match(doc.text[after : after + 12].lstrip()):
                continue
            before = [p.country for p in named if p.end <= at]
            country = (before or _prominent_countries(doc, 1) or [None])[-1]
            if country:
                yield Participant(at, after, None, country, sector)


def _before_anaphor(doc: Document, ment: Mention) -> bool:
    """«پارلمان این کشور»: the head's default country yields to the anaphor's state."""
    return bool(_regexes()["same_country"].match(doc.text[ment.end : ment.end + 12].lstrip()))


def sentence_parties(doc: Document, start: int, end: int) -> list[Participant]:
    """Coded parties named in [start, end), in text order."""
    parties = [
        p
        for m in mentions_in(doc, start, end)
        if not is_place(doc, m) and not _before_anaphor(doc, m) and (p := participant(doc, m))
    ]
    parties += _compound_parties(doc, start, end)
    parties += _anaphoric_parties(doc, start, end)
    parties += _body_parties(doc, start, end)
    parties += _demonym_parties(doc, start, end)
    parties += _institution_parties(doc, start, end, parties)
    return _coordinated(doc, sorted(parties, key=lambda p: p.start))


def _coordinated(doc: Document, parties: list[Participant]) -> list[Participant]:
    """A head noun governs a coordination: «روسای جمهوری ایران و الجزایر» (both GOV),
    «شرکت‌های آلمانی و اسپانیولی» (both BUS), and «نیروهای ارتش و پلیس عراق» names both
    the army and the police of Iraq."""
    out: list[Participant] = []
    for part in parties:
        prev = out[-1] if out else None
        if (
            prev is not None
            and part.sector is None
            and prev.sector is not None
            and prev.country != part.country
            and AND.fullmatch(doc.text, prev.end, part.start)
        ):
            part = Participant(part.start, part.end, part.actor_id, part.country, prev.sector)
        out.append(part)
        at = _head_before(doc, part.start)[1]  # the head: before the name or inside it
        joined = AND.search(doc.text, max(0, at - 5), at) if part.sector else None
        other = _head_before(doc, joined.start())[0] if joined else None
        if other not in (None, part.sector):
            out.append(Participant(part.start, part.end, None, part.country, other))
    return out


def dedupe(parties: list[Participant]) -> list[Participant]:
    """One participant per (country, sector); a bare country is dropped when the same country
    also appears with a sector (gold lists «IRN LEG» and «IRN REL», not a third «IRN»)."""
    best: dict[tuple[str | None, str | None], Participant] = {}
    for part in parties:
        best.setdefault((part.country, part.sector), part)
    sectored = {country for country, sector in best if sector}
    return [p for (c, s), p in best.items() if s or c not in sectored]
