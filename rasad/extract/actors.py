"""Actors: the table of known people (resources/actors.yaml), actor ids, and linking inside one
article (a surname alone is the person named in full earlier; a title alone is its holder).

Actor ids: the Wikidata QID when the table knows it; the ISO code for a state; otherwise
`fa:<normalized Persian name>`, stable across articles.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from rasad.extract.gazetteer import (
    Match,
    Pattern,
    PhraseRuler,
    common_words,
    given_names,
    key,
    word_list,
)
from rasad.extract.roles import HOME_COUNTRY, QUOTES, Hit, RoleHit, honorific_sector
from rasad.model import Actor, Document, Mention, Role

# Tokens that end a name but never stand alone as a surname («عیسی زاده» → not «زاده»,
# «فضل الله» → not «الله»).
_NAME_TAILS = frozenset(
    key(w) for w in ("زاده", "پور", "نژاد", "نیا", "فر", "راد", "منش", "الله")
)
# Particles inside Arabic names: the surname keeps them («محمد بن سلمان» → «بن سلمان»).
_NAME_LINKS = frozenset(key(w) for w in ("بن", "بنت", "ابن", "آل", "ابو"))
_ARTICLE = key("ال")  # the Arabic article, dropped in Persian repeats of a surname
_FUZZY_MIN = 6  # letters in a one-word surname before a one-letter typo is forgiven
_BLESSING_TOKENS = 3  # «( ره )» as three tokens, «ره» as one


def slug(text: str) -> str:
    """The `fa:` actor id of a name: its comparison key, so that one name written with a space,
    a zero-width non-joiner or neither («اف بی‌آی», «اف‌بی‌آی») is one actor.

    >>> slug("محمد مخبر")
    'fa:محمدمخبر'
    >>> slug("اف بی‌آی") == slug("اف‌بی‌آی")
    True
    """
    return "fa:" + key(text)


@lru_cache(maxsize=1)
def _table_rows() -> list[dict[str, Any]]:
    """The rows of actors.yaml, read once for the actors, their names and their surnames."""
    return yaml.safe_load((files("rasad.resources") / "actors.yaml").read_text(encoding="utf-8"))


def _row_id(row: dict[str, Any]) -> str:
    """The actor id of an actors.yaml row: its Wikidata id, else the slug of its name."""
    return row.get("wikidata") or slug(row["name_fa"])


@lru_cache(maxsize=1)
def known_actors() -> dict[str, Actor]:
    """Actor id → Actor for every row of actors.yaml."""
    out: dict[str, Actor] = {}
    for row in _table_rows():
        actor_id = _row_id(row)
        out[actor_id] = Actor(
            actor_id, row["name_fa"], row.get("name_en"), row.get("country"),
            row.get("sector"), row.get("wikidata"), "PER",
        )  # fmt: skip
    return out


@lru_cache(maxsize=1)
def actor_ruler() -> PhraseRuler:
    """Names and safe aliases of the table, pattern id = actor id."""
    return PhraseRuler(
        Pattern("PER", name, _row_id(row), kind="actor")
        for row in _table_rows()
        for name in [row["name_fa"], *(row.get("aliases") or [])]
    )


def surname_keys(keys: list[str]) -> list[tuple[str, ...]]:
    """Key sequences by which a full name may be repeated later in the article.

    >>> surname_keys(["محمد", "بن", "سلمان"])
    [('بن', 'سلمان')]
    >>> surname_keys(["محمدباقر", "قالیباف"])
    [('قالیباف',)]
    >>> surname_keys(["عباس", "البیاتی"])
    [('البیاتی',), ('بیاتی',)]
    """
    if len(keys) < 2 or not all(k.isalpha() for k in keys):
        return []
    if keys[-1] in common_words() or len(keys[-1]) < 3:
        return []  # «نظام با» wrongly tagged: «با» must not become a person everywhere
    out = [] if len(keys) == 2 and keys[-1] in _NAME_TAILS else [tuple(keys[1:])]
    if keys[-2] in _NAME_LINKS:
        out.append(tuple(keys[-2:]))
    elif keys[-1] not in _NAME_TAILS:
        out.append((keys[-1],))
        if keys[-1].startswith(_ARTICLE) and len(keys[-1]) > len(_ARTICLE) + 2:
            out.append((keys[-1][len(_ARTICLE) :],))  # «عباس البیاتی» … «بیاتی»
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _declared_surnames() -> dict[str, list[tuple[str, ...]]]:
    """Actor id → the surnames actors.yaml declares for names whose family name is not the last
    word («کیم جونگ اون» is «کیم»; its last word «اون» is colloquial "that")."""
    return {
        _row_id(row): [tuple(key(w) for w in name.split()) for name in row["surnames"]]
        for row in _table_rows()
        if "surnames" in row
    }


def bracketed_given(keys: list[str], first: int) -> int | None:
    """Where the given name stands in «( G )» right before a name starting at `first`
    («رژیم (بشار) اسد»: an editor's gloss, part of the name), else None."""
    at = first - 2
    if at < 1 or keys[at - 1] != "(" or keys[first - 1] != ")":
        return None
    return at if keys[at] in given_names() else None


def name_keys(keys: list[str], hit: Hit) -> list[str]:
    """The keys of a person's name, with a bracketed given name before it."""
    given = bracketed_given(keys, hit.first)
    own = keys[hit.first : hit.last]
    return own if given is None else [keys[given], *own]


def _surname_table(keys: list[str], persons: list[Hit]) -> dict[tuple[str, ...], Hit]:
    table: dict[tuple[str, ...], Hit] = {}
    for hit in persons:
        declared = _declared_surnames().get(hit.actor_id or "")
        for sur in surname_keys(name_keys(keys, hit)) if declared is None else declared:
            table.setdefault(sur, hit)
    return table


def join_bracketed_given(keys: list[str], persons: list[Hit], taken: list[bool]) -> list[Hit]:
    """«رژیم (بشار) اسد»: a person right after a bracketed given name is named by both words,
    the table's person if it knows that name; the given name is him too (a new hit where no
    other step took it, returned)."""
    hits = {h.first: h for h in persons}
    out: list[Hit] = []
    for hit in [h for h in persons if bracketed_given(keys, h.first) is not None]:
        at = hit.first - 2
        given = hits.get(at)
        if given is None and not taken[at]:
            taken[at] = True
            given = Hit(at, at + 1, "PER", origin="coref")
            out.append(given)
        name = "".join(name_keys(keys, hit))
        pattern = actor_ruler().get(name)
        for person in (p for p in (hit, given) if p is not None and p.last - p.first == 1):
            if pattern is None:
                person.actor_id = slug(name)
            else:
                _as_table_actor(person, pattern.id or "")
    return out


def _as_table_actor(hit: Hit, actor_id: str) -> None:
    """`hit` is the actors.yaml person `actor_id`, with the table's state and sector."""
    actor = known_actors()[actor_id]
    hit.origin, hit.actor_id = "actors", actor_id
    hit.country, hit.sector, hit.name_en = actor.country, actor.sector, actor.name_en


def _full_name(table: dict[tuple[str, ...], Hit], words: tuple[str, ...]) -> Hit | None:
    """The full name whose surname `words` is, written apart or together («کوچک‌زاده» …
    «کوچک زاده»), allowing one letter more or less at the end of a long one-word surname
    (news typos: «رسول منتجب‌نیاز» … «منتجب‌نیا»)."""
    for form in (words, ("".join(words),)):
        if form in table:
            return table[form]
    if len(words) != 1 or len(words[0]) < _FUZZY_MIN - 1:
        return None
    word = words[0]
    for sur, full in table.items():
        near = sur[0][:-1] in (word, word[:-1]) or sur[0] == word[:-1]
        if len(sur) == 1 and len(sur[0]) >= _FUZZY_MIN and near:
            return full
    return None


def _loose_surnames(keys: list[str], persons: list[Hit]) -> dict[tuple[str, ...], Hit]:
    """Surnames good enough to say who a person the model or a name rule found is, not to find
    one: a common word («مرتضی طلایی» … «سردار طلایی»: "golden"), and the first word of a
    two-word surname («محمدحسین صفار هرندی» … «صفار»). Each only where one person of the
    article bears it; names that open with no given name, or whose surnames actors.yaml
    declares, give none."""
    bearers: dict[tuple[str, ...], dict[str, Hit]] = {}
    for hit in persons:
        words = name_keys(keys, hit)
        if hit.actor_id in _declared_surnames() or not all(w.isalpha() for w in words):
            continue
        start = next((i for i, w in enumerate(words) if w not in given_names()), len(words))
        if start == 0 or start == len(words):
            continue
        found = [words[-1]] + ([words[start]] if len(words) - start == 2 else [])
        for word in found:
            if len(word) >= 3 and word not in _NAME_LINKS and word not in _NAME_TAILS:
                bearers.setdefault((word,), {})[hit.actor_id or ""] = hit
    return {sur: next(iter(held.values())) for sur, held in bearers.items() if len(held) == 1}


@lru_cache(maxsize=1)
def _foreign_surnames() -> dict[tuple[str, ...], str | None]:
    """Surname → the one foreign actors.yaml person who bears it (None where several do:
    both Bushes). Iranian ones are left out: home news names many people of one surname."""
    out: dict[tuple[str, ...], str | None] = {}
    for row in _table_rows():
        actor_id = _row_id(row)
        if row.get("country") in (None, HOME_COUNTRY):
            continue
        declared = _declared_surnames().get(actor_id)
        names = declared or surname_keys([key(w) for w in row["name_fa"].split()])
        for sur in names:
            out[sur] = actor_id if out.get(sur, actor_id) == actor_id else None
    return out


def table_surname_country(surname: tuple[str, ...]) -> str | None:
    """The state of the one foreign actors.yaml person who bears `surname`, if one does."""
    actor = known_actors().get(_foreign_surnames().get(surname) or "")
    return actor.country if actor is not None else None


def link_surnames(
    keys: list[str], persons: list[Hit], taken: list[bool], states: frozenset[str] = frozenset()
) -> list[Hit]:
    """New person hits for surnames of full names in `persons`, on free tokens; person hits
    that are such a surname already («مخبر» found by the model) become its mentions too. A
    person hit that is no one's surname here but a foreign table person's, whose state the
    article names (`states`), is that person («دیدار «رحمان» با …» in a report on
    Tajikistan).

    Longer surnames first, so «بن سلمان» wins over «سلمان».
    """
    table = _surname_table(keys, persons)
    loose = _loose_surnames(keys, persons)
    for hit in persons:
        words = tuple(keys[hit.first : hit.last])
        full = _full_name(table, words) or loose.get(words)
        if hit.origin not in ("ner", "shape") or full is hit:
            continue
        if full is not None:
            hit.origin, hit.actor_id = "coref", full.actor_id
        elif (known := _foreign_surnames().get(words)) and known_actors()[known].country in states:
            _as_table_actor(hit, known)
    at: dict[str, list[int]] = {}  # key → its positions: a surname is looked for only there
    for i, k in enumerate(keys):
        at.setdefault(k, []).append(i)
    out: list[Hit] = []
    for sur in sorted(table, key=len, reverse=True):
        full = table[sur]
        size = len(sur)
        for i in at.get(sur[0], ()):
            if tuple(keys[i : i + size]) == sur and not any(taken[i : i + size]):
                taken[i : i + size] = [True] * size
                out.append(Hit(i, i + size, "PER", origin="coref", actor_id=full.actor_id))
    return out


@lru_cache(maxsize=1)
def _epithets() -> dict[str, str]:
    """Epithet key → actor id (actors.yaml `epithets`)."""
    return {key(w): _row_id(row) for row in _table_rows() for w in row.get("epithets") or []}


def departed_blessing(keys: list[str], pos: int) -> int:
    """How many tokens from `pos` a blessing for the departed takes («( ره )», «ره»); 0 if
    none stands there."""
    blessings = word_list("departed_blessings.txt")
    sizes = range(_BLESSING_TOKENS, 0, -1)
    return next((n for n in sizes if "".join(keys[pos : pos + n]) in blessings), 0)


def link_epithets(keys: list[str], hits: list[Hit], taken: list[bool]) -> list[Hit]:
    """«امام (ره)», «خط امام ره»: an epithet with a blessing for the departed after it names
    the person actors.yaml gives it. A person hit there takes that actor; a free epithet
    becomes one (the new hits are returned). An epithet inside a place or body the model read
    («مرقد مطهر امام (ره)») is taken and stays the place's."""
    persons = {(h.first, h.last): h for h in hits if h.label == "PER"}
    out: list[Hit] = []
    for i, k in enumerate(keys):
        actor_id = _epithets().get(k)
        if actor_id is None or not departed_blessing(keys, i + 1):
            continue
        hit = persons.get((i, i + 1))
        if hit is None and not taken[i]:
            taken[i] = True
            hit = Hit(i, i + 1, "PER")
            out.append(hit)
        if hit is not None:
            _as_table_actor(hit, actor_id)
    return out


def bind_title_only(
    keys: list[str],
    titles: list[Match],
    roles: list[RoleHit],
    persons: list[Hit],
    sent_of: list[int],
    states: set[int],
) -> None:
    """Bind roles with no person next to them, except anonymous ones («یک سخنگوی …»).

    A title alone («رئیس مجلس بلاروس گفت») goes to the holder met earlier of the same office
    (`_same_office`) with the same country and sector. A foreign title with no earlier holder
    goes to the next newly named person (unknown country) within the following sentence,
    before any other person: news introduces «نخست وزیر بلاروس» and names «رومن گلاوچنکو»
    right after. A title that opens a sentence («معاون وزیر راه و شهرسازی افزود») and, if
    foreign, has no such person after it goes back to the person named last before it who may
    hold it: news names a speaker once, then uses the title; that person takes a foreign
    title's state if they have none.
    `titles` are the article's title matches; its forms of address are skipped in looking for
    the name that opens a sentence. `states`: positions where a state's name or demonym starts
    (the state of an office is its country, no part of the office).
    """
    address = {m.last: m.first for m in titles if m.pattern.kind == "honorific"}
    title_end = {m.first: m.last for m in titles}
    offices = [_office(keys, r, title_end, states) for r in roles]
    for i, role in enumerate(roles):
        if role.holder is not None or role.anonymous:
            continue
        if _joined_title(keys, roles, persons, i):
            role.holder = roles[i - 1].holder  # «X، نماینده ولی فقیه و امام جمعه Y»
            continue
        earlier = [
            r for j, r in enumerate(roles[:i])
            if r.holder is not None and _compatible(r, role)
            and _same_office(offices[j], offices[i])
        ]  # fmt: skip
        if earlier:  # the same office: a former one stays former
            role.holder, role.sector = earlier[-1].holder, earlier[-1].sector
            continue
        if role.country in (None, HOME_COUNTRY):
            _bind_back(keys, address, i, roles, persons, sent_of)
        elif not _bind_forward(i, roles, persons, sent_of):
            _bind_back(keys, address, i, roles, persons, sent_of)
            if role.holder is not None:  # «کالین پاول گفت … وزیر امور خارجه آمریکا افزود»
                held = persons[role.holder].actor_id
                for person in (p for p in persons if p.actor_id == held and p.country is None):
                    person.country = role.country


def _bind_forward(index: int, roles: list[RoleHit], persons: list[Hit], sent_of: list[int]) -> bool:
    """Bind a foreign title to the fresh name right after it; False when there is none."""
    role = roles[index]
    nxt = [(j, p) for j, p in enumerate(persons) if p.first >= role.last]
    if not nxt:
        return False
    j, person = nxt[0]
    fresh = person.role is None and person.country is None and person.origin != "coref"
    if fresh and sent_of[person.first] - sent_of[role.first] <= 1:
        role.holder, person.role = j, index
        person.country, person.sector = role.country, role.sector
        return True
    return False


def _joined_title(keys: list[str], roles: list[RoleHit], persons: list[Hit], index: int) -> bool:
    """A title joined by «و» to the title a name right before it holds is his second office
    («شریعتی‌تبار، نماینده ولی فقیه و امام جمعه تربت‌حیدریه»); not after a title bound from
    afar («… رئیس جمهور و وزیر خارجه»: two officials)."""
    if index == 0:
        return False
    prev, role = roles[index - 1], roles[index]
    return (
        prev.holder is not None and persons[prev.holder].role == index - 1
        and prev.last + 1 == role.first and keys[prev.last] == _AND
    )  # fmt: skip


def _bind_back(
    keys: list[str],
    address: dict[int, int],
    index: int,
    roles: list[RoleHit],
    persons: list[Hit],
    sent_of: list[int],
) -> None:
    role = roles[index]
    at = role.first - (role.first > 0 and keys[role.first - 1] == _THIS)
    if at > 0 and sent_of[at - 1] == sent_of[at]:
        return  # not a sentence subject («این عضو کمیسیون …» still is one: "this member")
    before = [
        j for j, p in enumerate(persons)
        if sent_of[p.first] < sent_of[role.first] and _could_hold(p, role, roles)
    ]  # fmt: skip
    subjects = [j for j in before if _opens_sentence(address, persons[j], sent_of)]
    if subjects or before:
        role.holder = (subjects or before)[-1]


def _opens_sentence(address: dict[int, int], person: Hit, sent_of: list[int]) -> bool:
    """A name that opens its sentence, after any forms of address («حجت‌الاسلام محسن غرویان»),
    is its subject: the speaker a later title-only subject refers back to, rather than someone
    named in passing after it («… ولی آیت‌الله هاشمی شاهرودی …»). `address` maps the end of
    each form of address to its start."""
    start = person.first
    while start in address and sent_of[address[start]] == sent_of[start]:
        start = address[start]
    return start == 0 or sent_of[start - 1] != sent_of[start]


def _could_hold(person: Hit, role: RoleHit, roles: list[RoleHit]) -> bool:
    """Whether `person` may be the one a later bare `role` refers to: same country, and the
    same kind of title if they already have one (an IAEA spokeswoman is not the Iranian
    Foreign Ministry's); a table actor only in the sector the table gives them, and never
    one the table gives no state (Rumi, the Dalai Lama): they hold no state's office."""
    if person.origin == "actors" and person.country is None:
        return False
    country = role.country or HOME_COUNTRY
    if person.country not in (None, country):
        return False
    if person.role is not None:
        own = roles[person.role]
        return own.title_id == role.title_id and (own.country or HOME_COUNTRY) == country
    return person.origin != "actors" or person.sector in (None, role.sector)


def settle_persons(keys: list[str], persons: list[Hit], roles: list[RoleHit]) -> None:
    """All mentions of one person (one actor id) share a country and a sector: the country of
    the full name, the sector the article's titles give that person most often, else the one
    an honorific before a mention gives («شیخ» REL, «سردار» MIL). Table actors keep theirs."""
    votes: dict[str, Counter[str]] = {}
    for role in roles:
        if role.holder is not None and role.sector:
            holder = persons[role.holder].actor_id or ""
            votes.setdefault(holder, Counter())[role.sector] += 1
    groups: dict[str, list[Hit]] = {}
    for person in persons:
        groups.setdefault(person.actor_id or "", []).append(person)
    for actor_id, group in groups.items():
        if any(p.origin == "actors" for p in group):
            continue
        full = next((p for p in group if p.origin != "coref"), group[0])
        sector = full.sector
        if actor_id in votes:
            sector = votes[actor_id].most_common(1)[0][0]
        elif sector is None:
            sector = next((s for p in group if (s := _honorific_before(keys, p))), None)
        for person in group:
            person.country = full.country or person.country
            person.sector = sector


def _honorific_before(keys: list[str], person: Hit) -> str | None:
    """The sector of a form of address before the name, of one or two words, across a
    quotation mark («سرهنگ «مایکل ادواردز»», «حجت‌الاسلام والمسلمین حسینی شاهرودی»)."""
    end = person.first
    if end > 0 and keys[end - 1] in QUOTES:
        end -= 1
    for size in (2, 1):
        if end >= size and (sector := honorific_sector("".join(keys[end - size : end]))):
            return sector
    return None


Office = tuple[str, tuple[str, ...]]  # title id, the words after the title
_AND = key("و")
_THIS = key("این")
_STATE_WORDS = frozenset(key(w) for w in ("این", "کشور", "کشورمان"))  # «این کشور»: its state


def _office(keys: list[str], role: RoleHit, title_end: dict[int, int], states: set[int]) -> Office:
    """A role's title id and the words that follow its title up to any state («وزیر انرژی»:
    minister, «انرژی»; «رئیس بانک مرکزی»: head, «بانک مرکزی»; «معاون رئیس‌جمهور این کشور»:
    vice president, nothing)."""
    end = min(title_end.get(role.first, role.first), role.last)
    stop = next(
        (i for i in range(end, role.last) if i in states or keys[i] in _STATE_WORDS), role.last
    )
    return role.title_id, tuple(keys[end:stop])


def _same_office(held: Office, office: Office) -> bool:
    """The same title (any written variant), one's following words opening the other's: «سفیر»
    is «سفیر انگلیس» again, «رئیس جمهور ایران» «رییس جمهور»; «وزیر انرژی» is no «وزیر کشور»,
    «رئیس بانک مرکزی» no «معاون رئیس جمهور» (a list of offices names several people)."""
    (title, words), (other, more) = held, office
    size = min(len(words), len(more))
    return title == other and words[:size] == more[:size]


def _compatible(held: RoleHit, role: RoleHit) -> bool:
    if role.country is None:
        return held.title_id == role.title_id
    return held.country == role.country and held.sector == role.sector


def holder_of(doc: Document, role: Role) -> Mention | None:
    """The person mention that holds `role`, if the entities stage bound one."""
    if role.holder_mention is None:
        return None
    return doc.mention_at(*role.holder_mention)
