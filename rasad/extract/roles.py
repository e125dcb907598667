"""Titles and roles (resources/titles.tsv): where they are and which state and sector they give.

A `title` row is a full title («نخست وزیر»); a state name, «کشورمان» or a demonym right after it
gives the holder's country. A `head` row («رئیس», «سخنگوی», «عضو») is a title only together with
the organization or title that follows it, and takes that one's country and sector:
«رئیس» + «پارلمان بلاروس» → BLR LEG; before an organization no table knows, the title is the
head alone and the organization's head word gives the sector («نایب رئیس» + «جبهه …» → PTY).
A head with a `state` sector takes a state named right after it too, as that state's agent
(«نماینده روسیه در سازمان ملل» → RUS GOV), and any head takes the state of a body it names by a
demonym or a state («فرمانده نیروهای آمریکایی» → USA MIL). «این کشور» after a title is the
state named last before it. «سابق/پیشین» or the old regime («رژیم پهلوی») marks a former
holder, who gets no sector (gold convention). A title with a `holder` always names that person
(«امام راحل» is Khomeini), except before a given name («حضرت امام رضا»). Titles alone are not
entities; the entities stage turns these hits into `Role`s and binds them to people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rasad.extract.gazetteer import (
    Match,
    Pattern,
    PhraseRuler,
    demonyms,
    given_names,
    head_ruler,
    head_sector,
    key,
    read_tsv,
)

HOME_COUNTRY = "IRN"  # Persian news names its own state's offices without a country
_HOME_WORDS = frozenset(key(w) for w in ("کشورمان", "ایرانی"))
QUOTES = frozenset('«»"')  # quotation marks news sets around a name
# After a title, these mark a former holder («وزیر خارجه سابق», «وزیر خارجه رژیم پهلوی»).
_FORMER = tuple(
    tuple(key(w) for w in p.split())
    for p in ("سابق", "پیشین", "اسبق", "وقت", "رژیم پهلوی", "رژیم شاه", "رژیم سابق", "رژیم گذشته")
)
_ANAPHORS = frozenset(tuple(key(w) for w in p.split()) for p in ("این کشور", "آن کشور"))
# «یک سخنگوی …», «نخستین سفیر انگلیس در ایران»: a holder the article does not name, or one of
# an office's past holders, not the official named before
_SOMEONE = frozenset(key(w) for w in ("یک", "نخستین", "اولین", "آخرین"))
_YEARS_OLD = key("ساله")
_MINISTER = "minister"  # titles.tsv id of a bare «وزیر»
# «دادستان کل دولت نجات ملی یمن», «وزیر خارجه دولت عراق», «شهردار پایتخت تاجیکستان»: a
# government or capital named by its state.
_GOVERNMENT = frozenset(key(w) for w in ("دولت", "حکومت", "پایتخت"))
_AND = key("و")
_COMPLEMENT_TAIL = 2  # plain words after a title before «و» and a second title
_BODY_WORDS = 2  # plain words between a head and the demonym or state of the body it names
# Words that never stand inside an institution's name or a title: they end it («… در عراق»).
_STOPS = frozenset(
    key(w)
    for w in (
        "در", "به", "از", "با", "برای", "که", "را", "این", "آن", "تا", "بر", "بین", "میان",
        "است", "بود", "شد", "کرد", "گفت", "نیز", "هم", "یک", "دو", "سه", "وی", "او", "مستقر",
        "ما", "شما", "آنها", "ایشان", "درباره", "علیه", "توسط", "پس", "پیش", "روز", "سال",
        "ماه", "هفته",
    )
)  # fmt: skip


@dataclass(slots=True)
class Hit:
    """An entity found over tokens `[first, last)`; becomes a `Mention` and an `Actor`."""

    first: int
    last: int
    label: str
    country: str | None = None
    sector: str | None = None
    name_en: str | None = None
    kind: str | None = None
    origin: str = "gazetteer"
    actor_id: str | None = None
    role: int | None = None  # index of the bound RoleHit
    # the state a composed body's name holds («انگلیس» in «مجلس عوام انگلیس»): the article
    # still names that state, though no place hit is left there
    seat: str | None = None


@dataclass(slots=True)
class RoleHit:
    """A title over tokens `[first, last)`; `country` None until resolved from context."""

    first: int
    last: int
    title_id: str
    sector: str | None
    country: str | None = None
    holder: int | None = None  # index of the bound person Hit
    anonymous: bool = False  # «یک سخنگوی …»: someone the article does not name


@lru_cache(maxsize=1)
def title_ruler() -> PhraseRuler:
    """Every row of titles.tsv (honorifics included); built once per process."""
    return PhraseRuler(
        Pattern(
            "TITLE",
            row["pattern"],
            row["id"],
            None,
            row["sector"] or None,
            None,
            row["kind"],
            int(row["gap"] or 0),
        )  # fmt: skip
        for row in read_tsv("titles.tsv")
    )


@lru_cache(maxsize=1)
def _state_agents() -> dict[str, str]:
    """Title id → the sector of a head's holder when a state name follows the head directly."""
    return {row["id"]: row["state"] for row in read_tsv("titles.tsv") if row["state"]}


@lru_cache(maxsize=1)
def named_holders() -> dict[str, str]:
    """Title id → the name (actors.yaml `name_fa`) of the one person the title names."""
    return {row["id"]: row["holder"] for row in read_tsv("titles.tsv") if row["holder"]}


def plain_word(word: str) -> bool:
    """A word that may stand inside an institution's name or a title: no punctuation, number
    or particle."""
    return word.isalpha() and word not in _STOPS


def is_honorific(word_key: str) -> bool:
    pat = title_ruler().get(word_key)
    return pat is not None and pat.kind == "honorific"


def strip_honorifics(keys: Sequence[str], first: int, last: int, *, keep_one: bool = True) -> int:
    """Where the person name over tokens `[first, last)` starts once the forms of address
    before it are left out (gold convention: «سردار امیر رحمت‌اللهی» → «امیر رحمت‌اللهی»).

    `keep_one` keeps the last word even if it is an honorific: a span that a name rule or the
    gold reads as a name stays one («شهید» is also a surname). The NER model's spans pass
    False: a model "person" made of forms of address alone is no name, and comes back empty.
    """
    stop = last - 1 if keep_one else last
    while first < stop and is_honorific(keys[first]):
        first += 1
    return first


def honorific_sector(word_key: str) -> str | None:
    """The sector a form of address implies («آیت‌الله» REL, «سرلشکر» MIL), if any."""
    pat = title_ruler().get(word_key)
    return pat.sector if pat is not None and pat.kind == "honorific" else None


def find_roles(keys: list[str], hits: list[Hit], titles: list[Match]) -> list[RoleHit]:
    """Titles (`title_ruler().match(keys)`), extended over the state/organization/title they
    govern.

    Matches are resolved right to left so that a head («معاون») can take over a complete
    title right after it («وزیر امور خارجه آمریکا»).
    """
    starts = {hit.first: hit for hit in hits}
    states = _states_named(keys, hits)
    matches = [m for m in titles if m.pattern.kind != "honorific"]
    roles_at: dict[int, RoleHit] = {}
    for m in reversed(matches):
        pat = m.pattern
        if pat.id in named_holders() and m.last < len(keys) and keys[m.last] in given_names():
            continue  # «حضرت امام رضا» is no epithet of Khomeini
        role = RoleHit(m.first, m.last, pat.id or "", pat.sector)
        role.anonymous = m.first > 0 and keys[m.first - 1] in _SOMEONE
        end = m.last + _age_words(keys, m.last)
        former = next((len(p) for p in _FORMER if tuple(keys[end : end + len(p)]) == p), 0)
        end += former
        if pat.kind == "head":
            if not _extend_head(role, pat, keys, starts, roles_at, end):
                continue
        else:
            _extend_with_country(role, keys, starts, states, end)
            if role.country is None and pat.id == _MINISTER:
                _extend_over_portfolio(role, keys, starts, end)
        if former:
            role.sector = None
        for inside in [at for at in roles_at if role.first < at < role.last]:
            del roles_at[inside]  # «نماینده ویژه دبیرکل سازمان ملل» is one title
        roles_at[role.first] = role
    roles = sorted(roles_at.values(), key=lambda r: r.first)
    _share_coordinated_state(keys, roles, starts)
    return roles


def _extend_over_portfolio(
    role: RoleHit, keys: list[str], starts: dict[int, Hit], pos: int
) -> None:
    """«وزیر بازرگانی سنگاپور», «وزیر اتحاد کره جنوبی»: a minister whose portfolio titles.tsv
    does not list takes the state named right after it (one or two plain words of portfolio,
    no «و», then a state or a demonym)."""
    for at in range(pos + 1, min(pos + _BODY_WORDS + 1, len(keys))):
        words = keys[pos:at]
        if not all(plain_word(w) and w != _AND and title_ruler().get(w) is None for w in words):
            return
        if any(i in starts for i in range(pos, at)):
            return
        hit = starts.get(at)
        if _state(hit):
            role.last, role.country = hit.last, hit.country
            return
        if keys[at] in demonyms():
            role.last, role.country = at + 1, demonyms()[keys[at]]
            return


def _age_words(keys: list[str], pos: int) -> int:
    """2 where an age stands at `pos` between a title and what it governs («سفیر 49 ساله
    انگلیس»: Britain's ambassador, 49), else 0."""
    age = pos + 1 < len(keys) and keys[pos].isdigit() and keys[pos + 1] == _YEARS_OLD
    return 2 if age else 0


def _share_coordinated_state(keys: list[str], roles: list[RoleHit], starts: dict[int, Hit]) -> None:
    """«رئیس مجلس ملی و شهردار پایتخت تاجیکستان»: a title that names no state, joined by «و»
    to a second one that does, shares its state (one person's two offices), rather than
    the one a bare institution in it was guessed to be ('the state the article names most').
    A title with its own state keeps it («وزیر خارجه روسیه و سفیر آمریکا»)."""
    for first, second in zip(roles, roles[1:], strict=False):
        between = keys[first.last : second.first]
        joined = (
            0 < len(between) <= _COMPLEMENT_TAIL + 1 and between[-1] == _AND
            and all(plain_word(w) for w in between[:-1])
        )  # fmt: skip
        if joined and _states_itself(keys, second, starts) and not _states_itself(
            keys, first, starts
        ):
            first.country = second.country


def _states_itself(keys: list[str], role: RoleHit, starts: dict[int, Hit]) -> bool:
    """Whether a title names its state in its own words: a state, a demonym, «کشورمان», or
    a body named with its state (not a bare «مجلس» given one from the article)."""
    for at in range(role.first, role.last):
        hit = starts.get(at)
        if keys[at] in demonyms() or keys[at] in _HOME_WORDS:
            return True
        if hit is not None and hit.country and hit.kind not in ("head", "bare", "bound"):
            return role.country is not None
    return False


def _governed(
    starts: dict[int, Hit], roles_at: dict[int, RoleHit], pos: int, gap: int
) -> Hit | RoleHit | None:
    """The organization (within `gap` words) or title a head word governs."""
    if pos in roles_at:
        return roles_at.pop(pos)
    for at in range(pos, pos + gap + 1):
        hit = starts.get(at)
        if hit is not None and hit.label == "ORG":
            return hit
    return None


def _extend_head(
    role: RoleHit,
    pat: Pattern,
    keys: list[str],
    starts: dict[int, Hit],
    roles_at: dict[int, RoleHit],
    pos: int,
) -> bool:
    """Extend a head («رئیس», «سخنگوی») over what it governs from `pos`: a state it is the
    agent of, an organization or title, a body named with a state; False when it governs
    nothing and is no title."""
    agent = _state_agents().get(role.title_id)
    if agent and _state(starts.get(pos)):  # «نماینده روسیه در سازمان ملل»
        role.last, role.country, role.sector = starts[pos].last, starts[pos].country, agent
        return True
    target = _governed(starts, roles_at, pos, pat.gap)
    body = _state_body(keys, starts, pos) if target is None else None
    if target is not None:
        role.last, role.country = target.last, target.country
        role.sector = pat.sector or target.sector
    elif body is not None:
        role.last, role.country = body.last, body.country
        role.sector = pat.sector or head_sector(keys[pos:]) or body.sector
    elif pos < len(keys) and head_ruler().get(keys[pos]) is not None:
        role.sector = pat.sector or head_sector(keys[pos:])  # «نایب رئیس» + «جبهه …»
    else:
        return False
    return True


def _state(hit: Hit | None) -> bool:
    return hit is not None and hit.label == "GPE" and hit.kind == "state" and bool(hit.country)


def _state_body(keys: list[str], starts: dict[int, Hit], pos: int) -> Hit | None:
    """The body a head names from `pos` by plain words and a demonym, a state or an
    organization of one state («فرمانده نیروهای آمریکایی», «سخنگوی ارتش رژیم صهیونیستی»,
    «سخنگوی کاخ کرملین»), as a hit with that state and the organization's sector."""
    for at in range(pos, min(pos + _BODY_WORDS + 1, len(keys))):
        hit = starts.get(at)
        if at > pos and hit is not None and (_state(hit) or _single_state_org(hit)):
            sector = hit.sector if hit.label == "ORG" else None
            return Hit(pos, hit.last, "ORG", hit.country, sector)
        if at > pos and keys[at] in demonyms():
            return Hit(pos, at + 1, "ORG", demonyms()[keys[at]])
        if hit is not None or not plain_word(keys[at]):
            return None
    return None


def _government(keys: list[str], starts: dict[int, Hit], pos: int) -> Hit | None:
    """The state of a government or capital a title names at `pos`, directly or over its
    epithets («دولت عراق», «دولت نجات ملی یمن», «حکومت خودگردان فلسطین», «پایتخت تاجیکستان»)."""
    if pos >= len(keys) or keys[pos] not in _GOVERNMENT:
        return None
    named = starts.get(pos + 1)
    return named if _state(named) else _state_body(keys, starts, pos + 1)


def _single_state_org(hit: Hit) -> bool:
    return hit.label == "ORG" and hit.country is not None and "|" not in hit.country


def _states_named(keys: list[str], hits: list[Hit]) -> list[tuple[int, str]]:
    """Where the article names a state, by its name or a demonym, in order."""
    named = [(h.first, h.country or "") for h in hits if _state(h)]
    named += [(i, demonyms()[k]) for i, k in enumerate(keys) if k in demonyms()]
    return sorted(named)


def _extend_with_country(
    role: RoleHit, keys: list[str], starts: dict[int, Hit], states: list[tuple[int, str]], pos: int
) -> None:
    hit = starts.get(pos)
    anaphor = tuple(keys[pos : pos + 2]) in _ANAPHORS
    earlier = [country for at, country in states if at < role.first]
    government = _government(keys, starts, pos)
    if hit is not None and hit.label == "GPE" and hit.country:
        role.last, role.country = hit.last, hit.country
    elif government is not None:
        role.last, role.country = government.last, government.country
    elif anaphor and earlier:  # «نخست‌وزیر این کشور»: the state named last
        role.last, role.country = pos + 2, earlier[-1]
    elif pos < len(keys) and keys[pos] in _HOME_WORDS:
        role.last, role.country = pos + 1, HOME_COUNTRY
    elif pos < len(keys) and keys[pos] in demonyms():
        role.last, role.country = pos + 1, demonyms()[keys[pos]]
