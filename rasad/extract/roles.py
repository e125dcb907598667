"""Titles and roles (resources/titles.tsv): where they are and which state and sector they give.

A `title` row is a full title («نخست وزیر»); a state name, «کشورمان» or a demonym right after it
gives the holder's country. A `head` row («رئیس», «سخنگوی», «عضو») is a title only together with
the organization or title that follows it, and takes that one's country and sector:
«رئیس» + «پارلمان بلاروس» → BLR LEG; before an organization no table knows, the title is the
head alone and the organization's head word gives the sector («نایب رئیس» + «جبهه …» → PTY).
«سابق/پیشین» marks a former holder, who gets no sector
(gold convention). Titles alone are not entities; the entities stage turns these hits into
`Role`s and binds them to people.
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
    head_ruler,
    head_sector,
    key,
    read_tsv,
)

HOME_COUNTRY = "IRN"  # Persian news names its own state's offices without a country
_HOME_WORDS = frozenset(key(w) for w in ("کشورمان", "ایرانی"))
_FORMER = frozenset(key(w) for w in ("سابق", "پیشین", "اسبق", "وقت"))


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


@dataclass(slots=True)
class RoleHit:
    """A title over tokens `[first, last)`; `country` None until resolved from context."""

    first: int
    last: int
    title_id: str
    sector: str | None
    country: str | None = None
    holder: int | None = None  # index of the bound person Hit


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
    matches = [m for m in titles if m.pattern.kind != "honorific"]
    roles_at: dict[int, RoleHit] = {}
    for m in reversed(matches):
        pat = m.pattern
        role = RoleHit(m.first, m.last, pat.id or "", pat.sector)
        end = m.last
        former = end < len(keys) and keys[end] in _FORMER
        end += former
        if pat.kind == "head":
            target = _governed(starts, roles_at, end, pat.gap)
            if target is not None:
                role.last, role.country = target.last, target.country
                role.sector = pat.sector or target.sector
            elif end < len(keys) and head_ruler().get(keys[end]) is not None:
                role.sector = pat.sector or head_sector(keys[end:])  # «نایب رئیس» + «جبهه …»
            else:
                continue
        else:
            _extend_with_country(role, keys, starts, end)
        if former:
            role.sector = None
        roles_at[role.first] = role
    return sorted(roles_at.values(), key=lambda r: r.first)


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


def _extend_with_country(role: RoleHit, keys: list[str], starts: dict[int, Hit], pos: int) -> None:
    hit = starts.get(pos)
    if hit is not None and hit.label == "GPE" and hit.country:
        role.last, role.country = hit.last, hit.country
    elif pos < len(keys) and keys[pos] in _HOME_WORDS:
        role.last, role.country = pos + 1, HOME_COUNTRY
    elif pos < len(keys) and keys[pos] in demonyms():
        role.last, role.country = pos + 1, demonyms()[keys[pos]]
