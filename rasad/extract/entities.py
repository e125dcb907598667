"""The entities stage: places, organizations, people, their titles and actors.

Order of evidence, each step only on tokens no earlier step took: gazetteers of states, places,
IGOs and institutions (with compositions: «پارلمان» + «بلاروس», «کمیسیون …» + «مجلس»); titles;
the actors table; person names next to a title; the statistical NER model; surnames of people
already named. Rules and gazetteers win over the model on overlaps, except where the model is
sure of a longer name that a gazetteer place ends or a generic institution starts
(`_yield_to_model_spans`: «استانداری بوشهر», «مجلس اعلای اسلامی عراق»).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from functools import cache

from rasad.extract import names, nationality, ner, ner_net
from rasad.extract.actors import (
    actor_ruler,
    bind_title_only,
    departed_blessing,
    join_bracketed_given,
    known_actors,
    link_epithets,
    link_surnames,
    settle_persons,
    slug,
    surname_keys,
    table_surname_country,
)
from rasad.extract.datetime_lexicon import lexicon as datetime_lexicon
from rasad.extract.gazetteer import (
    Match,
    Pattern,
    canonical_names,
    club,
    common_words,
    demonyms,
    entity_ruler,
    festival_demonym,
    given_names,
    head_ruler,
    head_sector,
    key,
    names_a_body,
    read_tsv,
    word_list,
)
from rasad.extract.orgs import phrase_orgs
from rasad.extract.roles import (
    HOME_COUNTRY,
    QUOTES,
    Hit,
    RoleHit,
    find_roles,
    is_honorific,
    named_holders,
    plain_word,
    strip_honorifics,
    title_ruler,
)
from rasad.model import Actor, Document, Mention, Role, Span
from rasad.pipeline import stage

_WORD = re.compile(r"[\w\u200c\u200d]+|[^\w\s]")
_GPE_PREFIXES = frozenset(key(w) for w in ("شهر", "شهرستان", "استان"))
_SHRINE = key("آستان")  # also the key of «استان»: told apart by the written first letter
# a body named with one of these and no place is of a home province or county
_PROVINCIAL = frozenset(key(w) for w in ("استان", "شهرستان", "استانی", "شهرستانی"))
_REPUBLIC = key("جمهوری")
_LANGUAGE = key("زبان")
_PRESIDENCY = frozenset(key(w) for w in ("رئیس", "رییس", "ریاست", "معاون", "نهاد"))
_ORDINALS = frozenset(
    key(w) for w in ("ششم", "هفتم", "هشتم", "نهم", "دهم", "یازدهم", "دوازدهم", "سیزدهم")
)
_ASSEMBLY = (key("شورای"), key("اسلامی"))
_AND = key("و")
# House gold (../shared/gold/README.md), also read by ner_eval.house_spans: in «دولت عراق»
# the state is the entity, in «شمال بغداد» the place.
STATE_HEADS = frozenset(key(w) for w in ("دولت", "رژیم", "حکومت", "کشور"))
# What may stand between a name and its apposed title, longest first.
_APPOSITION_LINKS = tuple(tuple(key(w) for w in p.split()) for p in ("، یکی از", "، از", "،", ","))
_PLURALS = ("", "ها", "های", "ان")
DIRECTIONS = frozenset(
    key(w) for w in ("شمال", "جنوب", "شرق", "غرب", "مرکز", "حومه", "اطراف", "نزدیکی")
)
# A model span starting with one of these keeps the place inside it; «جمهوری X» too, though
# it is the state's own name, not a head the gold drops (see _gpe_prefix).
_KEEP_INNER_PLACE = STATE_HEADS | DIRECTIONS | {_REPUBLIC}
_MEDIA = "MED"
_MEDIUM_REACH = 3  # words from a medium's kind («شبکه خبری») to its name
_SURE = 0.8  # marginal probability a model span needs to override a gazetteer name
_ABROAD = 3  # mentions of one foreign state that make a story from abroad for public bodies
_DATELINE_TOKENS = 30  # a report names where it is filed from within its opening words
_NOT_PUBLIC = frozenset({"BUS", "MED", "PTY", "REB", "MIL", "PRM"})
_NATIONAL_TEAM = (key("تیم"), key("ملی"))
_MOVEMENTS = frozenset(key(w) for w in ("جنبش", "مجمع"))
_LIST_MARKS = frozenset(key(w) for w in ("،", ",", "و"))
_NETWORK = key("شبکه")
_OUR_COUNTRY = key("کشورمان")  # «… کشورمان»: a report about Iran
MINISTER = key("وزیر")  # the words after it are his portfolio (ner_eval reads it too)
_SAYYID = key("سید")  # part of the name in house gold («سید عباس عراقچی»)
_MAX_NAME = 3  # words in a person name found next to a title
ModelSpan = tuple[int, int, str, float]  # first, last, label, the model's confidence


def _tokens(doc: Document) -> list[Span]:
    """The segmenter's tokens, or word/punctuation tokens when no segmenter ran."""
    if doc.tokens:
        return doc.tokens
    return [Span(m.start(), m.end()) for m in _WORD.finditer(doc.text)]


_EZAFE = "\u200cی"


def _ezafe_free(text: str, toks: list[Span], keys: list[str]) -> list[str]:
    """The keys with an ezafe written out after a joiner dropped («وزیر خارجه‌ی جدید»): titles
    are listed bare, and the written ezafe is a spelling of the same title, no other word."""
    return [
        key(text[t.start : t.end - len(_EZAFE)]) if text.endswith(_EZAFE, t.start, t.end) else k
        for t, k in zip(toks, keys, strict=True)
    ]


def _gazetteer_hits(keys: list[str], shrines: set[int]) -> list[Hit]:
    """Gazetteer names, composed. `shrines`: where «آستان» (a shrine) stands, whose key is that
    of «استان»; a place after it is the shrine's name («آستان قدس رضوی»), no province."""
    hits = []
    for m in entity_ruler().match(keys):
        pat = m.pattern
        if pat.label == "GPE" and (m.first - 1 in shrines or _in_person_name(keys, m.first)):
            continue
        if pat.kind == "state" and _language(keys, m.first):
            continue
        first = m.first + _presidency_republic(keys, m.first, m.last, pat)
        hits.append(Hit(first, m.last, pat.label, pat.country, pat.sector, pat.name_en, pat.kind))
    return _compose(hits, keys)


def _presidency_republic(keys: list[str], first: int, last: int, pat: Pattern) -> int:
    """1 where a state's official name «جمهوری X» follows «رئیس/ریاست/معاون»: the word is the
    title's («رییس جمهوری فرانسه» is France's president; the entity is «فرانسه», as after
    «رئیس‌جمهور»), when X alone names the same state (not «رئیس جمهوری اسلامی ایران»)."""
    if first == 0 or keys[first] != _REPUBLIC or keys[first - 1] not in _PRESIDENCY:
        return 0
    rest = entity_ruler().get("".join(keys[first + 1 : last]))
    return int(rest is not None and rest.kind == "state" and rest.country == pat.country)


def _language(keys: list[str], first: int) -> bool:
    """«به زبان فرانسه»: a state's name right after «زبان» names a language, not a place."""
    return first > 0 and keys[first - 1] == _LANGUAGE


def _in_person_name(keys: list[str], first: int) -> bool:
    """A place that starts with a name particle, or follows one, after a given name is the
    rest of a person's name («خلیل بن غازی» is no Benghazi, «نیروها وارد بن غازی شدند» is)."""
    at = first + 1 if keys[first] in names.particles() else first
    return at >= 2 and keys[at - 1] in names.particles() and keys[at - 2] in given_names()


def _compose(hits: list[Hit], keys: list[str]) -> list[Hit]:
    """Join adjacent hits into the longer names Persian builds from them.

    «مجلس» + ordinal; institution + state («وزارت دفاع آمریکا», «اتاق بازرگانی ایران و
    بلاروس»: two states, no single country); «جمهوری/شهر/استان» + state or city; committee +
    parliament («کمیسیون روابط خارجی» + «پارلمان مصر»). A `bound` institution («ارتش»,
    «پلیس») is kept only when a state or city followed it.
    """
    out: list[Hit] = []
    placed: set[int] = set()  # organizations that took in a place: a second one is no part
    for hit in hits:
        if hit.kind in ("head", "bound") and hit.last < len(keys) and keys[hit.last] in _ORDINALS:
            hit.last += 1  # «مجلس هفتم», and «مجلس هفتم شورای اسلامی»
            if tuple(keys[hit.last : hit.last + 2]) == _ASSEMBLY:
                hit.last += 2
        prev = out[-1] if out else None
        if prev is not None and prev.last == hit.first and _joins(prev, hit, keys):
            if hit.label == "GPE" and id(prev) in placed:
                out.append(hit)  # «ارتش عراق» + «خرمشهر را اشغال کرد»: the object
                continue
            placed.update({id(prev)} if hit.label == "GPE" else set())
            _absorb(prev, hit)
            continue
        if hit.label == "GPE" and _gpe_prefix(hit, keys):
            hit.first -= 1
        out.append(hit)
    return [h for h in out if h.kind != "bound"]


def _gpe_prefix(hit: Hit, keys: list[str]) -> bool:
    """«جمهوری» before a state («جمهوری آذربایجان») but not in the title «رئیس جمهوری
    آمریکا»; «شهر/شهرستان/استان» before a city or province, not before a state («چهار شهر
    ایران»)."""
    before = keys[hit.first - 1] if hit.first > 0 else ""
    if before == _REPUBLIC:
        return hit.kind == "state" and (hit.first < 2 or keys[hit.first - 2] not in _PRESIDENCY)
    return before in _GPE_PREFIXES and hit.kind != "state"


def _joins(prev: Hit, hit: Hit, keys: list[str]) -> bool:
    if prev.label == "ORG" and prev.kind in ("head", "bound", "joined") and hit.label == "GPE":
        return bool(hit.country)
    if prev.label == "ORG" and prev.kind == "org" and hit.label == "ORG":
        return hit.kind in ("head", "org") and hit.sector == prev.sector
    return False


def _absorb(prev: Hit, hit: Hit) -> None:
    """`prev` grows over `hit` and takes its country (and its state, when `hit` is a place)."""
    prev.country = hit.country
    prev.seat = hit.country if hit.label == "GPE" else hit.seat
    prev.last, prev.kind, prev.name_en = hit.last, "joined", None


def _join_second_state(hits: list[Hit], keys: list[str]) -> list[Hit]:
    """«اتاق بازرگانی ایران» + «و» + «بلاروس» is one organization of two states."""
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.kind == "joined" and hit.label == "GPE"
            and prev.last + 1 == hit.first and keys[prev.last] == _AND
        ):  # fmt: skip
            prev.last, prev.country = hit.last, None
            continue
        out.append(hit)
    return out


def _free(taken: list[bool], first: int, last: int) -> bool:
    return 0 <= first < last <= len(taken) and not any(taken[first:last])


def _take(taken: list[bool], hit: Hit) -> Hit:
    taken[hit.first : hit.last] = [True] * (hit.last - hit.first)
    return hit


def _table_persons(keys: list[str], taken: list[bool], spans: list[ModelSpan]) -> list[Hit]:
    """People of the actors table. An alias that is also a common word («متکی» "relying") is
    one only where the model reads a person there or a speech cue follows; a surname alias is
    not that person after another first name the model joins to it («ملانیا ترامپ» is not
    Donald Trump)."""
    actors = known_actors()
    persons = [(a, b) for a, b, label, p in spans if label == "PER" and p >= _SURE]
    out = []
    for m in actor_ruler().match(keys):
        first = m.first - 1 if m.first > 0 and keys[m.first - 1] == _SAYYID else m.first
        if first == m.first and first > 0 and _plain_given_name(keys[first - 1]):
            continue  # «علی جنتی» is not «(احمد) جنتی»: a surname alias after another given name
        if first == m.first and _unknown_first_name(keys, first) and any(
            strip_honorifics(keys, a, b, keep_one=False) < first < b and m.last <= b
            for a, b in persons
        ):
            continue  # «ملانیا ترامپ»: a first name no list knows, before a surname alias
        if first > 0 and keys[first - 1] in word_list("named_after_words.txt"):
            continue  # «خیابان مولوی»: a street named after him
        if m.last - m.first == 1 and _opens_longer_name(keys, m.first, persons):
            continue  # «مولوی عبدالحمید», «مولانا فضل‌الرحمن»: a form of address, someone else
        if m.last - m.first == 1 and keys[m.first] in common_words() and not (
            any(a <= m.first < b for a, b in persons) or _cue_after(keys, m.last)
        ):
            continue  # «متکی بر», «متکی کرد»: the word, not Mottaki («متکی گفت» is he)
        actor = actors[m.pattern.id or ""]
        if first > 0 and keys[first - 1] in word_list("junior_ranks.txt") and (
            actor.sector not in ("MIL", "COP")
        ):
            continue  # «سرهنگ جنتی» is an officer, not Ahmad Jannati
        first = strip_honorifics(keys, first, m.last)  # an alias «شیخ احمد یاسین»: gold drops «شیخ»
        if _free(taken, first, m.last):
            hit = Hit(first, m.last, "PER", actor.country, actor.sector, actor.name_en)
            hit.origin, hit.actor_id = "actors", actor.id
            out.append(_take(taken, hit))
    return out


def _opens_longer_name(keys: list[str], at: int, persons: list[tuple[int, int]]) -> bool:
    """A one-word table alias that opens a longer name is someone else there: a given name
    follows («مولوی عبدالحمید»), or the alias is itself a given name or a form of address
    (address_words.txt) and the model reads a person from it on («نصرالله کوهستانی», «مولانا
    فضل‌الرحمن»; not «گورباچف خروجی», a surname the model runs on)."""
    after = at + 1
    if after >= len(keys):
        return False
    word = keys[at]
    opener = (
        word in given_names() or word in nationality.home_names()
        or word in word_list("address_words.txt")
    )  # fmt: skip
    return _plain_given_name(keys[after]) or (
        opener and any(a == at and b > after for a, b in persons)
    )


def _cue_after(keys: list[str], pos: int) -> bool:
    """A speech or person cue («گفت», «در», a colon) at `pos`: what stands before is a name."""
    return pos < len(keys) and (keys[pos] in names.cues() or keys[pos] == ":")


def _unknown_first_name(keys: list[str], first: int) -> bool:
    """The word before `first` is no common word and no name the gazetteer knows: a foreign
    first name («ملانیا»), not «تگزاس» in «فرماندار تگزاس بوش»."""
    return (
        first > 0 and keys[first - 1] not in common_words()
        and entity_ruler().get(keys[first - 1]) is None
    )  # fmt: skip


def _plain_given_name(word: str) -> bool:
    """A given name that is no common word («علی», not «ولی» 'but' or «امید» 'hope')."""
    return word in given_names() and word not in common_words()


def _name_near(keys: list[str], taken: list[bool], pos: int, step: int) -> tuple[int, int] | None:
    """A free person name ending just before `pos` (step -1) or starting at `pos` (step 1).

    A name starts with a known given name and has at most `_MAX_NAME` words; quotation marks
    around it are skipped («"محمد مخبر" معاون اول»).
    """
    if step < 0:
        end = pos - 1 if pos > 0 and keys[pos - 1] in QUOTES else pos
        for start in range(max(0, end - _MAX_NAME), end - 1):
            if keys[start] in given_names() and _free(taken, start, end):
                return (start, end) if _wordy(keys, start, end) else None
        return None
    start = pos + 1 if pos < len(keys) and keys[pos] in QUOTES else pos
    if start >= len(keys) or keys[start] not in given_names():
        return None
    end = start + 2  # given name + surname; one more word after a second given name
    if end < len(keys) and keys[start + 1] in given_names():
        end += 1
    if _free(taken, start, end) and _wordy(keys, start, end):
        return start, end
    return None


def _wordy(keys: list[str], start: int, end: int) -> bool:
    """Words that may make a name: letters, no «و», and no verb or preposition that follows
    names («امام جمعه هریس گفت»: «هریس» is a place, «گفت» no surname)."""
    return all(k.isalpha() and k != _AND for k in keys[start:end]) and (
        keys[end - 1] not in names.cues()
    )


def _apposition_end(keys: list[str], pos: int) -> int:
    """Where a name standing in apposition before the title at `pos` ends: right before it,
    before the comma that sets the title off («نبیه بری، رئیس پارلمان لبنان»), before
    «، (یکی) از» («علیرضا، از فرماندهان ارتش …»), and before a closing quotation mark."""
    for link in _APPOSITION_LINKS:
        size = len(link)
        if pos > size and tuple(keys[pos - size : pos]) == link:
            pos -= size
            break
    return pos - 1 if pos > 0 and keys[pos - 1] in QUOTES else pos


def _bind_roles(
    keys: list[str], roles: list[RoleHit], hits: list[Hit], taken: list[bool]
) -> dict[int, Hit]:
    """Each title's person (role index → hit): a name right before it (Persian apposition) or
    right after it; a name found this way becomes a new person hit."""
    holders: dict[int, Hit] = {}
    ends = {h.last: h for h in hits if h.label == "PER"}
    starts = {h.first: h for h in hits if h.label == "PER"}
    for index, role in enumerate(roles):
        if role.title_id in named_holders():
            continue  # «امام راحل» names its holder itself
        before = _apposition_end(keys, role.first)
        person = ends.get(before) or starts.get(role.last)
        if person is None:
            span = _name_near(keys, taken, before, -1) or _name_near(keys, taken, role.last, 1)
            if span is None:
                continue
            person = _take(taken, Hit(span[0], span[1], "PER", origin="title"))
            hits.append(person)
        if person.role is None:
            person.role = index
        holders[index] = person
    return holders


def _model_persons_by_titles(
    spans: list[ModelSpan], keys: list[str], roles: list[RoleHit], taken: list[bool]
) -> list[Hit]:
    """Model persons right before or after a title («جان بولتون معاون وزیر …»), taken before
    titles are bound so the title finds its holder even when no rule knew the name."""
    before = {_apposition_end(keys, r.first) for r in roles}
    after = {r.last for r in roles}
    out = []
    for first, last, label, _ in spans:
        if label != "PER" or (last not in before and first not in after):
            continue
        first, last = _model_person(keys, first, last)
        if _free(taken, first, last):
            out.append(_take(taken, Hit(first, last, "PER", origin="ner")))
    return out


def _one_label_per_name(hits: list[Hit], keys: list[str]) -> None:
    """A name the model labels two ways in one article («امام جمعه هریس» read as a person,
    «شهرستان هریس … هریس» as a place) takes the label most of its mentions have: an
    article means one thing by one name. Only model labels yield; ties change nothing."""
    labels: dict[tuple[str, ...], Counter[str]] = {}
    for hit in hits:
        labels.setdefault(tuple(keys[hit.first : hit.last]), Counter())[hit.label] += 1
    for hit in hits:
        ranked = labels[tuple(keys[hit.first : hit.last])].most_common(2)
        if hit.origin == "ner" and len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
            hit.label = ranked[0][0]


def _model_person(keys: list[str], first: int, last: int) -> tuple[int, int]:
    """A model person without the forms of address or a kin or agent noun before it, the
    one-letter blessing after it («امام علی ع»: «ع» for «علیه‌السلام») or one for the departed
    («امام ره»), and a verb or preposition the model ran into
    («هریس گفت»); empty when no name is left: honorifics, a lone letter, or words that are
    no name («فلان» in «فلان وزیر»)."""
    first = strip_honorifics(keys, first, last, keep_one=False)
    while first < last - 1 and keys[first] in names.relations():
        first += 1  # «وکیل احمد زیدآبادی»: the lawyer is not named
    while last > first and (
        len(keys[last - 1]) == 1 and keys[last - 1].isalpha() or keys[last - 1] in names.cues()
        or departed_blessing(keys, last - 1) == 1
    ):
        last -= 1
    if all(k in names.blockers() for k in keys[first:last]) or _month(keys, first, last):
        return first, first
    if first >= 2 and keys[first - 1] in QUOTES and keys[first - 2] in names.blockers():
        return first, first  # a work or event named in quotes («با عنوان «غزل سرود پارسی»»)
    return first, last


def _month(keys: list[str], first: int, last: int) -> bool:
    """Whether the words are a month's name («ربیع الاول»: «ربیع» is also a given name)."""
    return "".join(keys[first:last]) in datetime_lexicon().months


def _shaped_persons(
    doc: Document,
    toks: list[Span],
    keys: list[str],
    taken: list[bool],
    roles: list[RoleHit],
    spans: list[ModelSpan],
) -> list[Hit]:
    """Names told by their words and context (rasad.extract.names), most specific rule first.
    A name whose first word is also a common word («هدایت», «ولی», «کمال») is kept only
    where the model reads a person there too."""
    titles = {r.first for r in roles}
    edges = titles | {r.last for r in roles}
    starts = names.clause_starts(keys, _sentence_index(doc, toks))
    model_persons = {i for a, b, label, _ in spans if label == "PER" for i in range(a, b)}
    out: list[Hit] = []
    for rule in (
        lambda: names.quoted_names(keys, taken, edges),
        lambda: names.clause_names(keys, taken, starts),
        lambda: names.given_name_spans(keys, taken),
        lambda: names.nisba_names(keys, taken),
    ):
        for first, last in rule():
            first = strip_honorifics(keys, first, last)
            # a title right after the name is not its last word («محسن سالاری امام جمعه …»)
            cut = min((t for t in titles if first < t < last), default=last)
            if cut - first < (2 if cut < last else 1):
                continue
            last = cut
            ambiguous = keys[first] in common_words() and first not in model_persons
            if _free(taken, first, last) and not ambiguous and not _month(keys, first, last):
                out.append(_take(taken, Hit(first, last, "PER", origin="shape")))
    return out


def _model_spans(
    doc: Document, toks: list[Span], keys: list[str], model: ner.Tagger
) -> list[ModelSpan]:
    """The NER model's spans as tidied token ranges `(first, last, label, p)`."""
    index = {t.start: i for i, t in enumerate(toks)}
    ends = {t.end: i + 1 for i, t in enumerate(toks)}
    out = []
    for start, end, label, p in ner.scored_spans(doc, model):
        first, last = index.get(start), ends.get(end)
        if first is not None and last is not None:
            out.append((*_tidy(keys, first, last), label, p))
    return out


def _yield_to_model_spans(
    places: list[Hit], spans: list[ModelSpan], keys: list[str], titles: list[Match]
) -> tuple[list[Hit], list[tuple[int, int, str]]]:
    """Gazetteer names that end a longer organisation or place the model is sure of give way to
    it («استانداری بوشهر», «رادیو فرانسه», «ورزشگاه فولادشهر اصفهان», «ایالت فلوریدا»): the
    longer name is the entity, and the inner one is listed only where it also stands alone.
    House conventions keep the inner name: «دولت X» keeps its state, a title its country
    («وزیر امور خارجه آمریکا» is a role, and so is «نخست وزیر موقت عراق»: a span right
    after a title is the title's complement, unless it names a body: «رئیس بنیاد شهید
    مازندران»), a direction its place («شمال بغداد»), a medium its own name («شبکه خبری
    العالم» → «العالم»)."""
    # honorifics are no titles here: «بنیاد شهید مازندران» names a body
    titled = {
        i for m in titles if m.pattern.kind != "honorific" for i in range(m.first, m.last)
    }
    # an organisation named with its state ends there: a span running on past it ran into the
    # clause («ارتش عراق» + «خرمشهر را اشغال کرد»)
    stated = [(h.first, h.last) for h in places if h.kind == "joined"]
    longer = {
        (first, last, label) for first, last, label, p in spans
        if label in ("ORG", "LOC") and last - first > 1 and p >= _SURE
        and keys[first] not in _KEEP_INNER_PLACE
        and not titled.intersection(range(first, last))
        and (first - 1 not in titled or _names_body(keys, first))
        and not any(first <= a and b < last for a, b in stated)
    }  # fmt: skip
    anchors = {h.last: h.kind == "state" for h in places if h.label == "GPE"}
    # a span that a name it does not take in cuts into can never be placed: nothing yields to
    # it («جنبش انصارالله یمن»: the movement keeps its name, so «یمن» stays a state)
    longer = {
        span for span in longer
        if all(_yields(hit, *span, anchors, keys) for hit in places if _overlaps(hit, span))
    }  # fmt: skip
    kept = [
        hit for hit in places if not any(_yields(hit, *span, anchors, keys) for span in longer)
    ]
    yielded = [hit for hit in places if not any(hit is k for k in kept)]
    won = [span for span in longer if any(_overlaps(hit, span) for hit in yielded)]
    return kept, sorted(won)


def _overlaps(hit: Hit, span: tuple[int, int, str]) -> bool:
    """Whether `hit` shares a token with `span` without being the same name."""
    first, last, _ = span
    return hit.first < last and first < hit.last and (hit.first, hit.last) != (first, last)


def _names_body(keys: list[str], first: int) -> bool:
    """Whether a name starting at `first` starts with a word for a kind of body («اتحادیه»,
    «بنیاد», an org_heads.tsv head): after a title it names the body the title heads («رئیس
    اتحادیه طلا و جواهر تهران»), where other words are the title's complement («وزیر صنعت
    ایتالیا»)."""
    heads = ("".join(keys[first : first + size]) for size in (1, 2))
    return keys[first] in word_list("body_kinds.txt") or any(
        head_ruler().get(head) is not None for head in heads
    )


def _also_verbal(word: str) -> bool:
    """A head that is also a verbal noun and starts no phrase of its own (org_heads.tsv
    `phrase` = no: «اداره» "running" in «گزینه اداره پنتاگون», «شرکت» "taking part")."""
    head = head_ruler().get(word)
    return head is not None and head.kind == "sector_head"


def channel_kind(words: list[str]) -> bool:
    """«شبکه» and what kind of network it is («شبکه خبری», «شبکه تلویزیونی»): the medium's
    name after it is the entity (house gold: «شبکه خبری العربیه» → «العربیه»). Not a numbered
    channel of a broadcaster («شبکه پنج سیما» is whole), nor an agency or a paper
    («خبرگزاری فارس», «روزنامه کیهان» are whole)."""
    numbers = datetime_lexicon()
    return bool(words) and words[0] == _NETWORK and not any(
        w.isdigit() or w in numbers.numbers or w in numbers.ordinals for w in words[1:]
    )


def _yields(
    hit: Hit, first: int, last: int, label: str, anchors: dict[int, bool], keys: list[str]
) -> bool:
    """Whether `hit` gives way to the longer model span `[first, last)`. A place that ends it;
    a state only an organisation's («سفارت فرانسه»), since a place and its state are two
    entities («آنتالیای ترکیه»). A generic institution inside a span that a state or city
    ends («مجلس» in «مجلس اعلای اسلامی عراق», «مجلس سنای آمریکا»), not one the model only
    runs on from («بانک مرکزی ارز»); a named organisation or medium keeps its name («گروه
    تروریستی داعش» → «داعش»), except a named body that a city or province after it makes its
    branch there («جمعیت هلال احمر بجنورد», «سپاه ثارالله کرمان»: a state after it is a second
    entity, «جنبش انصارالله» + «یمن»), and a named one that ends a span starting with a kind
    of body or medium: the organ or medium named with it («شورای حقوق بشر سازمان ملل»,
    «روزنامه ایندیپندنت», «بنیاد رویترز»), but for «شبکه خبری X» (`channel_kind`).
    `anchors`: where a place ends, and whether it is a state."""
    inside = first <= hit.first and hit.last <= last and (first, last) != (hit.first, hit.last)
    if not inside:
        return False
    if hit.label == "ORG":
        generic = hit.kind in ("head", "bound", "bare", "joined", "phrase") and hit.sector != "MED"
        # a named body's branch in a city or province: «جمعیت هلال احمر بجنورد»
        branch = hit.kind == "org" and hit.first == first and anchors.get(last) is False
        organ = (
            hit.last == last and hit.first > first and _names_body(keys, first)
            and not channel_kind(keys[first : hit.first]) and not _also_verbal(keys[first])
        )  # fmt: skip
        return (generic and (hit.last == last or last in anchors)) or branch or organ
    return hit.last == last and (label == "ORG" or hit.kind != "state")


def _model_hits(
    spans: list[ModelSpan],
    keys: list[str],
    taken: list[bool],
    inner: list[Hit],
    roles: tuple[RoleHit, ...] | list[RoleHit] = (),
) -> list[Hit]:
    """NER model spans on free tokens; honorifics at the start of a person are dropped, and an
    organization's head word gives its sector («جبهه …» PTY), as does the kind of medium
    before a medium's name. An organization or place takes the state of the first state or
    city named inside it that gave way to it (`inner`: «بیمارستان کودکان رمادی» → IRQ), not
    that of a state named near it. The words right after «وزیر» name his portfolio, part of
    the title, not an organization («وزیر تعاون، کار و رفاه اجتماعی», as the house gold has
    «وزیر امور خارجه»), unless they name a body (`_names_body`)."""
    portfolios = {r.last for r in roles if keys[r.last - 1] == MINISTER}
    out = []
    for first, last, label, p in spans:
        if label == "ORG" and first in portfolios and not _names_body(keys, first):
            continue
        if label == "PER":
            first, last = _model_person(keys, first, last)
            if _lone_common_word(keys, first, last):
                continue  # «پارسال ابتدا …», «شمشیر را …»: a word, not a surname
        if not _free(taken, first, last):
            continue
        if label == "LOC" and p < _SURE and any(k in given_names() for k in keys[first:last]):
            continue  # an unsure place with a given name in it is more likely a person
        if label != "PER" and _language(keys, first) and _is_state_name(keys[first:last]):
            continue  # «زبان فرانسه» is a language
        if all(_demonym_form(k) or k == _AND for k in keys[first:last]):
            continue  # «فلسطینی‌ها», «آلمانی و اسپانیولی»: demonyms are never entities
        out.append(_take(taken, _model_hit(keys, first, last, label, inner)))
    return out


def _lone_common_word(keys: list[str], first: int, last: int) -> bool:
    """A one-word person that is a common word, with no form of address before it: the model
    misread a word («پارسال», «شمشیر»), where «آقای نیازی», «دکتر اسلامی» name people."""
    return (
        last - first == 1 and keys[first] in common_words()
        and not (first > 0 and is_honorific(keys[first - 1]))
    )  # fmt: skip


def _model_hit(keys: list[str], first: int, last: int, label: str, inner: list[Hit]) -> Hit:
    """A model span as a hit, with the sector its head or medium kind gives an organization
    (a place the model saw that starts with a body's head word is that body) and the state of
    a place inside it that gave way to it."""
    sector = None
    if label in ("LOC", "GPE") and names_a_body(keys[first:last]):
        label = "ORG"  # «دانشگاه امیرکبیر», «شهرداری تهران» read as places
    if label == "ORG":
        sector = head_sector(keys[first:last]) or _medium_before(keys, first)
    country = None if label == "PER" else _inner_country(inner, first, last)
    return Hit(first, last, label, country, sector, origin="ner")


def _is_state_name(words: list[str]) -> bool:
    pat = entity_ruler().get("".join(words))
    return pat is not None and pat.kind == "state"


def _medium_before(keys: list[str], first: int) -> str | None:
    """MED for a name that follows the word for its kind of medium, over its modifiers and a
    quotation mark («شبکه خبری «ان تی وی»», «روزنامه صهیونیستی «هاآرتص»»)."""
    pos = first - 1 if first > 0 and keys[first - 1] in QUOTES else first
    for at in range(pos - 1, max(pos - 1 - _MEDIUM_REACH, -1), -1):
        head = head_ruler().get(keys[at])
        if head is not None:
            return _MEDIA if head.sector == _MEDIA else None
        if not plain_word(keys[at]):
            return None
    return None


def _bracketed_short_names(hits: list[Hit], keys: list[str]) -> None:
    """«حزب دموکرات آزاد آلمان (FDP)»: a model name in brackets right after an organization is
    its short name, with its state and sector."""
    full_before = {h.last + 1: h for h in hits if h.label == "ORG"}  # the full name, then «(»
    for hit in hits:
        full = full_before.get(hit.first)
        if full is None or hit.label != "ORG" or hit.origin != "ner":
            continue
        if keys[hit.first - 1] == "(" and keys[hit.last : hit.last + 1] == [")"]:
            hit.country, hit.sector = full.country, full.sector


def _inner_country(inner: list[Hit], first: int, last: int) -> str | None:
    """The country of a name inside the span: a place's first («مجلس اعلای اسلامی عراق» is
    Iraq's, whatever country the bare «مجلس» in it took), else an organisation's."""
    found = [h for h in inner if first <= h.first < last and h.country]
    return next((h.country for h in sorted(found, key=lambda h: h.label != "GPE")), None)


def _demonym_form(word: str) -> bool:
    """A demonym, or its plural («فلسطینیها», «ایرانیان»)."""
    return any(word.removesuffix(end) in demonyms() for end in _PLURALS)


def _tidy(keys: list[str], first: int, last: int) -> tuple[int, int]:
    """A model span without what the gold leaves out: a quoted name inside it is the name
    («روستای "عدایه"» → «عدایه»), a parenthesis ends it («امام رضا (ع)» → «امام رضا»), and
    punctuation never starts or ends it."""
    opener = next((i for i in range(first, last) if keys[i] in QUOTES), None)
    if opener is not None:
        close = next((i for i in range(opener + 1, last) if keys[i] in QUOTES), last)
        if close > opener + 1:
            first, last = opener + 1, close
    paren = next((i for i in range(first, last) if keys[i] == "("), None)
    if paren is not None and paren > first:
        last = paren
    while first < last and not keys[first].isalnum():
        first += 1
    while last > first and not keys[last - 1].isalnum():
        last -= 1
    return first, last


def _actor_for(doc: Document, hit: Hit, surface: str) -> str:
    """Register the actor of `hit` in doc.actors and return its id."""
    base = known_actors().get(hit.actor_id or "")
    if base is not None:  # whatever found it (a headline surname too), the table's fields win,
        # but for the sector, an office the article gives him (Larijani as SNSC secretary, GOV,
        # not the speaker's LEG of the table)
        actor = replace(
            base, country=base.country or hit.country, sector=hit.sector or base.sector
        )
    elif hit.label == "GPE" and hit.kind == "state" and hit.country:
        actor = Actor(hit.country, surface, hit.name_en, hit.country, None, None, "GPE")
    else:
        name_fa = canonical_names().get((hit.label, hit.name_en or "", hit.country), surface)
        actor_id = hit.actor_id or slug(name_fa)
        actor = Actor(actor_id, name_fa, hit.name_en, hit.country, hit.sector, None, hit.label)
    actor.kind = hit.label
    known = doc.actors.get(actor.id)
    if known is None or (known.country is None and actor.country):
        doc.actors[actor.id] = actor
    return actor.id


@stage("entities", requires={"tokens"}, assigns={"entities", "actors", "roles"})
def entities(doc: Document) -> Document:
    """People, organizations and places with their actors and titles (the CRF tagger)."""
    return find_entities(doc, ner.default_model())


@stage("entities-net", requires={"tokens"}, assigns={"entities", "actors", "roles"})
def entities_net(doc: Document) -> Document:
    """`entities` with the CRF + neural tagger ensemble: better NER on every dev corpus, the
    whole pipeline about 2.5 times as slow (opt in by naming this stage in a pipeline file)."""
    return find_entities(doc, ner_net.ensemble_model())


def find_entities(doc: Document, model: ner.Tagger) -> Document:
    """The entities stage with a given NER tagger."""
    toks = _tokens(doc)
    keys = [key(doc.text[t.start : t.end]) for t in toks]
    taken = [False] * len(keys)
    spans = _model_spans(doc, toks, keys, model)
    # curated names win («کامرون» is Cameron, not Cameroon)
    hits = _table_persons(keys, taken, spans)
    shrines = {i for i, k in enumerate(keys) if k == _SHRINE and doc.text[toks[i].start] == "آ"}
    places = _join_second_state(_gazetteer_hits(keys, shrines), keys)
    _resolve_ambiguous(places, _country_counts(keys, places))
    places = phrase_orgs(keys, places)
    # once: the model spans and the roles both read them
    titles = title_ruler().match(_ezafe_free(doc.text, toks, keys))
    _place_bare_institutions(places, keys, {m.first for m in titles})
    named = places
    places, won = _yield_to_model_spans(places, spans, keys, titles)
    kept = {id(h) for h in places}
    inner = [h for h in named if id(h) not in kept]
    hits += [_take(taken, h) for h in places if _free(taken, h.first, h.last)]
    # the names places gave way to are there before the titles that govern them («رئیس اداره
    # پست جمهوری آذربایجان»: the title is the Azerbaijani body's)
    hits += [
        _take(taken, _model_hit(keys, *span, inner)) for span in won if _free(taken, *span[:2])
    ]
    roles = find_roles(keys, hits, titles)
    for role in roles:  # a title's words are never part of a name
        taken[role.first : role.last] = [True] * (role.last - role.first)
    hits += _shaped_persons(doc, toks, keys, taken, roles, spans)
    hits += _model_persons_by_titles(spans, keys, roles, taken)
    holders = _bind_roles(keys, roles, hits, taken)
    hits += _model_hits(spans, keys, taken, inner, roles)
    _one_label_per_name(hits, keys)
    hits += link_epithets(keys, hits, taken)
    _bracketed_short_names(hits, keys)
    for hit in hits:
        if hit.label == "PER" and hit.actor_id is None:
            hit.actor_id = slug(doc.text[toks[hit.first].start : toks[hit.last - 1].end])
    persons = sorted((h for h in hits if h.label == "PER"), key=lambda h: h.first)
    hits = _surnames_over_places(hits, keys, persons, taken)
    glossed = join_bracketed_given(keys, persons, taken)
    hits += glossed
    persons = sorted(persons + glossed, key=lambda h: h.first)
    states = frozenset(h.country for h in hits if h.label == "GPE" and h.kind == "state")
    hits += link_surnames(keys, persons, taken, states)
    hits.sort(key=lambda h: h.first)
    _finish_persons(doc, toks, keys, hits, roles, holders, titles)
    return doc


_LED_BY = frozenset((key("به"), key(w)) for w in ("رهبری", "ریاست", "سرپرستی"))
_LEADER_REACH = 4  # words back from «به رهبری» to the body led


def _leaders_sectors(hits: list[Hit], keys: list[str]) -> None:
    """«دولت جدید به رهبری «احمد معیتیق»», «حزب کارگر به رهبری جرمی کوربین»: a person
    leading a body, with no sector of his own, has the body's (a named organization's, or
    the one its head word gives)."""
    orgs = {h.last: h for h in hits if h.label == "ORG" and h.sector}
    for hit in hits:
        at = hit.first - (hit.first > 0 and keys[hit.first - 1] in QUOTES)
        if hit.label != "PER" or hit.sector or tuple(keys[at - 2 : at]) not in _LED_BY:
            continue
        for end in range(at - 2, max(at - 2 - _LEADER_REACH, 0), -1):
            body = orgs.get(end)
            sector = body.sector if body else head_sector(keys[end - 1 : end])
            if sector:
                hit.sector = sector
                break


def _surnames_over_places(
    hits: list[Hit], keys: list[str], persons: list[Hit], taken: list[bool]
) -> list[Hit]:
    """A name the model reads as a place that is the surname of someone the article names in
    full is him again («علی چگنی» … «چگنی ضمن اعلام آمادگی ایران»: Chegeni is also a county):
    the hit gives its tokens back for `link_surnames`. The gazetteer's curated places keep
    their reading («واشنگتن» stays the capital beside a George Washington)."""
    surnames = {s for p in persons for s in surname_keys(keys[p.first : p.last])}
    kept = []
    for hit in hits:
        if (
            hit.label in ("GPE", "LOC")
            and hit.origin == "ner"
            and tuple(keys[hit.first : hit.last]) in surnames
        ):
            taken[hit.first : hit.last] = [False] * (hit.last - hit.first)
        else:
            kept.append(hit)
    return kept


def _finish_persons(
    doc: Document,
    toks: list[Span],
    keys: list[str],
    hits: list[Hit],
    roles: list[RoleHit],
    holders: dict[int, Hit],
    titles: list[Match],
) -> None:
    """Resolve roles and holders, give people their role's country, write the layers."""
    _list_states(keys, roles, hits)
    persons = [h for h in hits if h.label == "PER"]
    abroad = _abroad(_country_counts(keys, hits), mentions=_ABROAD)
    for index, person in holders.items():
        if person.label != "PER":
            continue  # the article reads the name as a place after all («امام جمعه هریس»)
        role = roles[index]
        role.holder = next(i for i, p in enumerate(persons) if p is person)
        if person.role == index:
            own = _table_country(person) or role.country or person.country
            if own is None and abroad and _foreign_shaped(keys, person):
                own = abroad  # «رئیس‌جمهور «اتو پرز مولینا»» in a story about Guatemala
            person.country = own or HOME_COUNTRY
            person.sector = role.sector
    sent_of = _sentence_index(doc, toks)
    states = {h.first for h in hits if h.label == "GPE" and h.kind == "state"}
    states |= {i for i, k in enumerate(keys) if k in demonyms()}
    bind_title_only(keys, titles, roles, persons, sent_of, states)
    for role in roles:
        if role.title_id in named_holders():
            role.holder = None  # not a person named nearby: `_write` gives the title's own
        elif role.holder is not None and role.country and persons[role.holder].country is None:
            # a title given later names whose official he is («رئیس پلیس آگاهی زنجان»): that
            # beats a guess from the states his sentence or the article names
            persons[role.holder].country = _table_country(persons[role.holder]) or role.country
    provincial = {
        i for i, k in enumerate(keys) if k in _PROVINCIAL and doc.text[toks[i].start] != "آ"
    }
    _fill_countries(hits, keys, sent_of, roles, provincial)
    _governments_of_persons(hits, keys, persons)
    _fill_home_sectors(hits, keys)
    _leaders_sectors(hits, keys)
    elsewhere = _only_abroad(keys, hits) or HOME_COUNTRY
    for role in roles:
        if role.country is None:
            held = persons[role.holder] if role.holder is not None else None
            role.country = held.country if held and held.country else elsewhere
    settle_persons(keys, persons, roles)
    _write(doc, toks, hits, roles, persons)


def _only_abroad(keys: list[str], hits: list[Hit]) -> str | None:
    """The one foreign state an article wholly from abroad is about, or None: named at least
    `_ABROAD` times and at least twice as often as all other states together, while the
    article never names Iran (its places, a demonym, «کشورمان»), an Iranian body (news
    agencies aside: every report cites one) or a person with an Iranian-shaped name. A title
    that names no state («وزیر خارجه», «نخست‌وزیر», «سخنگوی دولت») and no holder who gives
    one is then that state's, not Iran's by default."""
    counts = _country_counts(keys, hits)
    if not counts or counts[HOME_COUNTRY] or _OUR_COUNTRY in keys:
        return None
    top, many = counts.most_common(1)[0]
    if many < _ABROAD or many < 2 * (sum(counts.values()) - many):
        return None
    for hit in hits:
        if hit.label == "ORG" and hit.country == HOME_COUNTRY and hit.sector != "MED":
            return None
        if hit.label == "PER" and nationality.origin(keys, hit) == "home":
            return None
    return top


def _governments_of_persons(hits: list[Hit], keys: list[str], persons: list[Hit]) -> None:
    """«دولت جانسون», «کابینه نتانیاهو»: a government named by a person is that person's
    state's (one the article names, else a foreign one of actors.yaml), not that of a state
    named near it (Brussels, in a report on Brexit talks)."""
    known: dict[tuple[str, ...], str] = {}
    for person in (p for p in persons if p.country):
        words = keys[person.first : person.last]
        for name in (tuple(words), *surname_keys(words)):
            known.setdefault(name, person.country)
    for hit in hits:
        if hit.label != "ORG" or keys[hit.first] not in word_list("government_words.txt"):
            continue
        name = tuple(keys[hit.first + 1 : hit.last])
        state = (known.get(name) or table_surname_country(name)) if name else None
        if state:
            hit.country = state


def _in_own_speech(person: Hit, at: int, colons: list[int]) -> bool:
    """Whether a state at `at` is in what the person goes on to say («محسن یعقوبی امروز گفت:
    … به اسارت نیروهای عراق درآمد»): no evidence of the speaker's own state."""
    after = bisect_right(colons, person.last - 1)  # the first colon after the name
    return after < len(colons) and colons[after] < at


def _foreign_shaped(keys: list[str], person: Hit) -> bool:
    """A full name not shaped like an Iranian one (a lone surname tells nothing: «سلیمانی
    وزیر ارتباطات» travelling with Iran's foreign minister): in a story from abroad, a bare
    title it holds is the foreign state's."""
    shape = nationality.origin(keys, person)
    return shape == "foreign" or (shape is None and person.last - person.first > 1)


def _list_states(keys: list[str], roles: list[RoleHit], hits: list[Hit]) -> None:
    """«پاتیل رئیس جمهور، منموهان سینگ نخست وزیر و مورلی دئورا وزیر نفت هند»: a state named
    after the last title of a list of people with their titles is every title's."""
    starts = {h.first: h for h in hits if h.label == "PER"}
    ordered = sorted(roles, key=lambda r: r.first)
    for i, role in enumerate(ordered):
        if role.country is not None:
            continue
        chain = [role]
        for after in ordered[i + 1 :]:
            pos = chain[-1].last
            person = starts.get(pos + 1) if pos < len(keys) and keys[pos] in _LIST_MARKS else None
            if person is None or person.last != after.first:
                break
            if after.country is not None:
                for held in chain:
                    held.country = after.country
                break
            chain.append(after)


def _table_country(person: Hit) -> str | None:
    """The country actors.yaml gives a person: context never overrides it (Bill Clinton stays
    USA under «رییس جمهور اسبق این کشور» in an article about Iraq)."""
    base = known_actors().get(person.actor_id or "")
    return base.country if base is not None else None


def _country_counts(keys: list[str], hits: list[Hit]) -> Counter[str]:
    """How often the article names each state, by its places (also those inside a body's
    name: «مجلس عوام انگلیس» names Britain) and demonyms (not a surname: «حسن سوری» is no mark
    of Syria)."""
    counts = Counter(h.country for h in hits if h.label == "GPE" and h.country)
    counts.update(h.seat for h in hits if h.label != "GPE" and h.seat)
    surnames = nationality.surname_positions(keys, hits)
    counts.update(
        demonyms()[k]
        for i, k in enumerate(keys)
        if k in demonyms() and i not in surnames and not (i and festival_demonym(keys[i - 1]))
    )
    return counts


def _resolve_ambiguous(hits: list[Hit], counts: Counter[str]) -> None:
    """A place of several states («طرابلس»: LBY|LBN) belongs to the one the article names most
    (the first listed on a tie)."""
    for hit in hits:
        if hit.country and "|" in hit.country:
            options = hit.country.split("|")
            hit.country = max(options, key=lambda c: (counts[c], -options.index(c)))


def _abroad(counts: Counter[str], mentions: int = 1) -> str | None:
    """The foreign state a story from abroad is about: the state the article names most, at
    least twice as often as the home country and at least `mentions` times."""
    top = counts.most_common(1)[0][0] if counts else HOME_COUNTRY
    if top == HOME_COUNTRY or counts[top] < max(mentions, 2 * counts[HOME_COUNTRY]):
        return None
    return top


def _place_bare_institutions(hits: list[Hit], keys: list[str], titled: set[int]) -> None:
    """A bare institution («پارلمان», «مجلس») is the same institution the article names with a
    state (the nearest such naming before it, else the first after it: «پارلمان لیبی» …
    «پارلمان»); failing that, it belongs to the foreign state an article is about (named at
    least twice as often as Iran and at least `_ABROAD` times: one «آمریکا» in a sentence on
    «وزارت اطلاعات» makes no story from abroad), else it keeps its home default. A bare
    institution of a foreign state is not an entity (gold convention), but titles still take
    its country."""
    named = [h for h in hits if h.kind in ("joined", "phrase") and h.country]
    foreign = _abroad(_country_counts(keys, hits), mentions=_ABROAD)
    starts = {h.first: h for h in hits}
    for hit in hits:
        if hit.kind != "head" or hit.country != HOME_COUNTRY:
            continue
        words = keys[hit.first : hit.last]
        same = [h for h in named if keys[h.first : h.first + len(words)] == words]
        earlier = [h for h in same if h.first < hit.first]
        source = earlier[-1] if earlier else (same[0] if same else None)
        listed = _state_closing_list(hit, starts, keys, titled)
        country = listed or (source.country if source is not None else foreign)
        if country and country != HOME_COUNTRY:
            hit.country, hit.kind = country, "bare"


_LISTED_WORDS = 3  # plain words between «و» and the state that closes the list


def _state_closing_list(
    hit: Hit, starts: dict[int, Hit], keys: list[str], titled: set[int]
) -> str | None:
    """«اعضای پارلمان و رهبران احزاب ایتالیا», «مجلس و دولت عراق»: a state named at the end
    of a list the bare institution opens is its state too; not a title's («نمایندگان مجلس و
    سفیر آمریکا»: the ambassador is someone else's)."""
    if hit.last >= len(keys) or keys[hit.last] != "و":
        return None
    for at in range(hit.last + 1, min(hit.last + 2 + _LISTED_WORDS, len(keys))):
        other = starts.get(at)
        if other is not None:
            state = other.label == "GPE" and other.kind == "state" and at > hit.last + 1
            return other.country if state else None
        if at in titled or not plain_word(keys[at]):
            return None
    return None


def _fill_countries(
    hits: list[Hit],
    keys: list[str],
    sent_of: list[int],
    roles: list[RoleHit],
    provincial: set[int],
) -> None:
    """Names found by the model or by their shape, still without a state, take the state named
    nearest in their sentence (a place or a demonym: «سید عباس شبر یکی از مهمانان عراقی»),
    else the one the article names most, else the home country. A body named with «استان» or
    «شهرستان» (`provincial` positions) and no state is a home province's («شورای فرهنگ عمومی
    استان» beside «رژیم صهیونیستی»): Persian news names a foreign one's place. People weigh
    their evidence (rasad.extract.nationality): a state in a news attribution, a destination
    or someone else's title is not theirs, and a weak guess leaves them with none."""
    marks = [(h.first, h.country) for h in hits if h.label == "GPE" and h.country]
    surnames = nationality.surname_positions(keys, hits)
    marks += [
        (i, demonyms()[k])
        for i, k in enumerate(keys)
        if k in demonyms() and i not in surnames and not (i and festival_demonym(keys[i - 1]))
    ]
    weak = nationality.weak_positions(keys)
    titled = {i for r in roles if nationality.others_title(keys, r) for i in range(r.first, r.last)}
    graded = [(at, c, at not in weak) for at, c in marks if at not in titled]
    # a state inside a body's name counts toward what the article is about, but it is that
    # body's, no nearby name's («بانک X … وزارت خزانه‌داری آمریکا»)
    seats = [(h.last - 1, h.seat) for h in hits if h.label != "GPE" and h.seat]
    topics = Counter(c for at, c in marks + seats if at not in weak)
    counts = _country_counts(keys, hits)
    top = counts.most_common(1)[0][0] if counts else HOME_COUNTRY
    # a public body is foreign only in a story that keeps naming one foreign state: an article
    # from home often names no home place at all
    abroad = _abroad(counts, mentions=_ABROAD) is not None
    places = {h.first: h.country for h in hits if h.label == "GPE" and h.country}
    speech = [i for i, k in enumerate(keys) if k == ":"]
    dateline = nationality.dateline_state(keys, places, _DATELINE_TOKENS)
    for hit in hits:
        if hit.origin not in ("ner", "shape", "title"):
            continue
        # Persepolis against a Saudi side stays Iranian; «بایرن مونیخ» is the club, whatever
        # state the city in its name gave it
        team = club(keys[hit.first : hit.last]) if hit.label != "PER" else None
        if team is not None:
            hit.country, hit.name_en = team.country, hit.name_en or team.name_en
            continue
        if hit.country or _short_form(hit, hits, keys):
            continue
        same = sent_of[hit.first]
        if hit.label == "PER":
            near = [
                (abs(at - hit.first), c, ok)
                for at, c, ok in graded
                if sent_of[at] == same and not _in_own_speech(hit, at, speech)
            ]
            hit.country = nationality.person_country(keys, hit, near, topics, dateline)
            continue
        close = [(abs(at - hit.first), c) for at, c in marks if sent_of[at] == same]
        inside = [c for at, c in marks if hit.first <= at < hit.last]
        if inside:
            hit.country = inside[0]
        elif _provincial_body(hit, provincial) or (
            (_public_body(hit, keys) or _national_team(hit, keys)) and not abroad
        ):
            hit.country = HOME_COUNTRY
        else:
            hit.country = min(close)[1] if close else top


def _provincial_body(hit: Hit, provincial: set[int]) -> bool:
    """An organization named with «استان»/«شهرستان» (at a `provincial` position)."""
    return hit.label == "ORG" and any(hit.first <= i < hit.last for i in provincial)


def _national_team(hit: Hit, keys: list[str]) -> bool:
    """«تیم ملی فوتبال بانوان»: a national side named without its state is the home one in
    home news, not that of the opponent named nearby (a foreign side is named with its state:
    «تیم ملی ژاپن», or by a short form clubs.tsv lists: «تیم ملی کره»)."""
    return hit.label == "ORG" and tuple(keys[hit.first : hit.first + 2]) == _NATIONAL_TEAM


@cache
def _home_sectors() -> dict[str, str]:
    """Head key → the sector a home-country body it heads has (org_heads.tsv home_sector)."""
    rows = read_tsv("org_heads.tsv")
    return {key(r["head"]): r["home_sector"] for r in rows if r.get("home_sector")}


def _fill_home_sectors(hits: list[Hit], keys: list[str]) -> None:
    """A home-country «سازمان …» or «ستاد …» with no sector of its own is a state agency."""
    for hit in hits:
        if hit.label == "ORG" and hit.country == HOME_COUNTRY and hit.sector is None:
            hit.sector = _home_sectors().get(keys[hit.first])


def _public_body(hit: Hit, keys: list[str]) -> bool:
    """A ministry, office, council, commission or university named without its state
    («وزارت جهاد کشاورزی», «سازمان حسابرسی», «کمیسیون امنیت ملی»): Persian news names a
    foreign one with its state, so one named without is the home country's, not that of a
    state named nearby («کمیته داوران» in a report on a match against Uzbekistan). Parties,
    movements, companies and media are named without their state wherever they are from."""
    if hit.label != "ORG":
        return False
    heads = (head_ruler().get("".join(keys[hit.first : hit.first + n])) for n in (2, 1))
    head = next((h for h in heads if h is not None), None)
    return head is not None and head.sector not in _NOT_PUBLIC and (
        head.sector is not None or key(head.pattern) not in _MOVEMENTS
    )


def _short_form(hit: Hit, hits: list[Hit], keys: list[str]) -> bool:
    """An organization named by the first words of a longer one named before it («آژانس» after
    «آژانس بین‌المللی انرژی اتمی») is that one: it takes its state and sector."""
    size = hit.last - hit.first
    words = keys[hit.first : hit.last]
    for full in hits:
        if full.first >= hit.first:
            break
        if (
            full.label == hit.label == "ORG" and full.country and full.last - full.first > size
            and keys[full.first : full.first + size] == words
        ):  # fmt: skip
            hit.country, hit.sector = full.country, full.sector
            return True
    return False


def _sentence_index(doc: Document, toks: list[Span]) -> list[int]:
    """Sentence number of each token (newlines count as sentence ends without a segmenter)."""
    if doc.sentences:
        bounds = [s.end for s in doc.sentences]
    else:
        bounds = [m.end() for m in re.finditer(r"[.!?؟\n]+", doc.text)] + [len(doc.text) + 1]
    last = len(bounds) - 1  # a token past the last end belongs to the last sentence
    return [bisect_right(bounds, tok.start, 0, last) for tok in toks]


def _write(
    doc: Document, toks: list[Span], hits: list[Hit], roles: list[RoleHit], persons: list[Hit]
) -> None:
    for hit in hits:
        if hit.kind == "bare":
            continue
        start, end = toks[hit.first].start, toks[hit.last - 1].end
        actor_id = _actor_for(doc, hit, doc.text[start:end])
        hit.actor_id = actor_id
        ment = Mention(start, end, hit.label, actor_id, origin=hit.origin)
        if hit.role is not None:
            role = roles[hit.role]
            ment.role_start, ment.role_end = toks[role.first].start, toks[role.last - 1].end
        doc.entities.append(ment)
    for role in roles:
        out = Role(toks[role.first].start, toks[role.last - 1].end, role.country, role.sector)
        out.title_id = role.title_id
        if role.holder is not None:
            holder = persons[role.holder]
            out.holder_actor_id = holder.actor_id
            out.holder_mention = (toks[holder.first].start, toks[holder.last - 1].end)
        elif role.title_id in named_holders():
            actor = _named_actor(named_holders()[role.title_id])
            doc.actors.setdefault(actor.id, replace(actor))
            out.holder_actor_id = actor.id
        doc.roles.append(out)


@cache
def _named_actor(name_fa: str) -> Actor:
    """The actors.yaml person of that Persian name (a title's fixed holder)."""
    return next(a for a in known_actors().values() if a.name_fa == name_fa)
