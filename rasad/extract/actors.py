"""Actors: the table of known people (resources/actors.yaml), actor ids, and linking inside one
article (a surname alone is the person named in full earlier; a title alone is its holder).

Actor ids: the Wikidata QID when the table knows it; the ISO code for a state; otherwise
`fa:<normalized Persian name>`, stable across articles.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import yaml

from rasad.extract.gazetteer import Pattern, PhraseRuler, key
from rasad.extract.roles import HOME_COUNTRY, Hit, RoleHit
from rasad.model import Actor, Document, Mention, Role

# Tokens that end a name but never stand alone as a surname («عیسی زاده» → not «زاده»).
_NAME_TAILS = frozenset(key(w) for w in ("زاده", "پور", "نژاد", "نیا", "فر", "راد", "منش"))
# Particles inside Arabic names: the surname keeps them («محمد بن سلمان» → «بن سلمان»).
_NAME_LINKS = frozenset(key(w) for w in ("بن", "بنت", "ابن", "آل", "ابو"))


def slug(text: str) -> str:
    """The `fa:` actor id of a name.

    >>> slug("محمد مخبر")
    'fa:محمد مخبر'
    """
    return "fa:" + " ".join(k for k in (key(w) for w in text.split()) if k)


@lru_cache(maxsize=1)
def known_actors() -> dict[str, Actor]:
    """Actor id → Actor for every row of actors.yaml."""
    rows = yaml.safe_load((files("rasad.resources") / "actors.yaml").read_text(encoding="utf-8"))
    out: dict[str, Actor] = {}
    for row in rows:
        actor_id = row.get("wikidata") or slug(row["name_fa"])
        out[actor_id] = Actor(
            actor_id, row["name_fa"], row.get("name_en"), row.get("country"),
            row.get("sector"), row.get("wikidata"), "PER",
        )  # fmt: skip
    return out


@lru_cache(maxsize=1)
def actor_ruler() -> PhraseRuler:
    """Names and safe aliases of the table, pattern id = actor id."""
    rows = yaml.safe_load((files("rasad.resources") / "actors.yaml").read_text(encoding="utf-8"))
    return PhraseRuler(
        Pattern("PER", name, row.get("wikidata") or slug(row["name_fa"]), kind="actor")
        for row in rows
        for name in [row["name_fa"], *(row.get("aliases") or [])]
    )


def surname_keys(keys: list[str]) -> list[tuple[str, ...]]:
    """Key sequences by which a full name may be repeated later in the article.

    >>> surname_keys(["محمد", "بن", "سلمان"])
    [('بن', 'سلمان')]
    >>> surname_keys(["محمدباقر", "قالیباف"])
    [('قالیباف',)]
    """
    if len(keys) < 2 or not all(k.isalpha() for k in keys):
        return []
    out = [tuple(keys[1:])]
    if keys[-2] in _NAME_LINKS:
        out.append(tuple(keys[-2:]))
    elif keys[-1] not in _NAME_TAILS:
        out.append((keys[-1],))
    return list(dict.fromkeys(out))


def _surname_table(keys: list[str], persons: list[Hit]) -> dict[tuple[str, ...], Hit]:
    table: dict[tuple[str, ...], Hit] = {}
    for hit in persons:
        for sur in surname_keys(keys[hit.first : hit.last]):
            table.setdefault(sur, hit)
    return table


def link_surnames(keys: list[str], persons: list[Hit], taken: list[bool]) -> list[Hit]:
    """New person hits for surnames of full names in `persons`, on free tokens; person hits
    that are such a surname already («مخبر» found by the model) become its mentions too.

    Longer surnames first, so «بن سلمان» wins over «سلمان».
    """
    table = _surname_table(keys, persons)
    for hit in persons:
        full = table.get(tuple(keys[hit.first : hit.last]))
        if full is not None and full is not hit and hit.origin == "ner":
            hit.origin, hit.actor_id = "coref", full.actor_id
    out: list[Hit] = []
    for sur in sorted(table, key=len, reverse=True):
        full = table[sur]
        size = len(sur)
        for i in range(len(keys) - size + 1):
            if tuple(keys[i : i + size]) == sur and not any(taken[i : i + size]):
                taken[i : i + size] = [True] * size
                out.append(Hit(i, i + size, "PER", origin="coref", actor_id=full.actor_id))
    return out


def bind_title_only(roles: list[RoleHit], persons: list[Hit], sent_of: list[int]) -> None:
    """Bind roles with no person next to them.

    A title alone («رئیس مجلس بلاروس گفت») goes to the holder met earlier with the same
    country and sector. A foreign title with no earlier holder goes to the next newly named
    person (unknown country) within the following sentence, before any other person: news
    introduces «نخست وزیر بلاروس» and names «رومن گلاوچنکو» right after.
    """
    for i, role in enumerate(roles):
        if role.holder is not None:
            continue
        earlier = [r for r in roles[:i] if r.holder is not None and _compatible(r, role)]
        if earlier:
            role.holder = earlier[-1].holder
            continue
        if role.country in (None, HOME_COUNTRY):
            continue
        nxt = [(j, p) for j, p in enumerate(persons) if p.first >= role.last]
        if not nxt:
            continue
        j, person = nxt[0]
        fresh = person.role is None and person.country is None and person.origin != "coref"
        if fresh and sent_of[person.first] - sent_of[role.first] <= 1:
            role.holder, person.role = j, i
            person.country, person.sector = role.country, role.sector


def _compatible(held: RoleHit, role: RoleHit) -> bool:
    if role.country is None:
        return held.title_id == role.title_id
    return held.country == role.country and held.sector == role.sector


def holder_of(doc: Document, role: Role) -> Mention | None:
    """The person mention that holds `role`, if the entities stage bound one."""
    if role.holder_mention is None:
        return None
    return doc.mention_at(*role.holder_mention)
