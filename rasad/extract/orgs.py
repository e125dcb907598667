"""Organizations named by a head word, modifiers and an anchor (resources/org_heads.tsv).

Persian builds institution names as head + modifiers + the state, city or organization they
belong to: «خبرگزاری رسمی لبنان», «هیأت ورزش عربستان سعودی», «شورای مرکزی حزب اعتماد ملی»,
«مرکز فرماندهی نیروهای آمریکایی». No gazetteer lists them all, so a phrase is accepted when it
runs from a head word over one to `_MAX_INNER` plain words to an anchor: a state or city with a
country, a demonym, or an organization with a country. The right edge is that anchor; a
preposition, punctuation, a number or another anchor-less entity ends the search without a match.
"""

from __future__ import annotations

from functools import cache

from rasad.extract.gazetteer import demonyms, head_ruler, key, read_tsv
from rasad.extract.roles import Hit, plain_word, title_ruler

_MAX_INNER = 5  # plain words between the head and the anchor
_AND = key("و")
# verb forms no name holds: the phrase is a clause, not a name («این روزنامه مدعی شده حمایت
# ایران از …», "this paper claimed Iran's support for …", is no newspaper of Iran)
_VERBS = frozenset(
    key(w)
    for w in (
        "شده", "شود", "نشده", "نشد", "کرده", "کند", "نکرده", "کردند", "کنند", "می‌شود",
        "می‌کند", "باشد", "دارد", "داشت", "داشته", "نمود", "نموده", "نیست", "هست", "بوده",
        "گفته", "خواهد", "اند", "است", "بود", "شد", "کرد",
    )
)  # fmt: skip


def phrase_orgs(keys: list[str], hits: list[Hit]) -> list[Hit]:
    """`hits` with head + modifiers + anchor phrases added; hits inside a phrase are dropped."""
    starts = {h.first: h for h in hits}
    covered = {i for h in hits for i in range(h.first + 1, h.last)}
    phrases: list[Hit] = []
    for m in head_ruler().match(keys):
        if m.pattern.kind == "sector_head" or m.first in covered or (
            phrases and m.first < phrases[-1].last
        ):
            continue
        own = starts.get(m.first)
        if own is not None and (own.label != "ORG" or own.kind not in ("head", "bound")):
            continue
        begin = own.last if own is not None else m.last
        sector = (own.sector if own is not None else None) or m.pattern.sector
        phrase = _extend(keys, starts, begin, sector)
        if phrase is not None:
            if keys[phrase.first] in demonyms():
                phrase.sector = _demonym_sectors().get(key(m.pattern.pattern), phrase.sector)
            phrase.first = m.first
            phrases.append(phrase)
    if not phrases:
        return hits
    inside = {i for p in phrases for i in range(p.first, p.last)}
    kept = [h for h in hits if h.first not in inside]
    return sorted(kept + phrases, key=lambda h: h.first)


def _extend(keys: list[str], starts: dict[int, Hit], pos: int, sector: str | None) -> Hit | None:
    """Walk right from `pos` to an anchor; None when a stop comes first or the cap is hit."""
    inner = 0
    while pos < len(keys) and inner <= _MAX_INNER:
        hit = starts.get(pos)
        word = keys[pos]
        if hit is not None:
            if inner and _anchor(hit, sector):
                own = hit.sector if hit.label == "ORG" else None
                seat = hit.country if hit.label == "GPE" else hit.seat
                phrase = Hit(pos, hit.last, "ORG", hit.country, own or sector, kind="phrase")
                phrase.seat = seat
                return phrase
            if hit.label != "ORG" or not _continues(keys, starts, hit.last):
                return None
            sector, pos = hit.sector or sector, hit.last
        elif inner and word in demonyms():
            return Hit(pos, pos + 1, "ORG", demonyms()[word], sector, kind="phrase")
        elif (
            plain_word(word) and word not in _VERBS
            and (word != _AND or _continues(keys, starts, pos + 1))
        ):  # fmt: skip
            sector = _inner_sector(keys, pos) or sector
            pos += 1
        else:
            return None
        inner += 1
    return None


def _anchor(hit: Hit, sector: str | None) -> bool:
    """A state or city with one country; an organization only after an organ word without a
    sector of its own («شورای مرکزی حزب …»): «شبکه خبری العالم» is just «العالم»."""
    if not hit.country or "|" in hit.country:
        return False
    return hit.label == "GPE" or (hit.label == "ORG" and sector is None)


def _continues(keys: list[str], starts: dict[int, Hit], pos: int) -> bool:
    """After «و» or an inner organization the phrase goes on only with a plain word that starts
    no entity, institution or title of its own («اتاق تجارت و صنعت», not «سازمان انرژی اتمی و
    وزارت خارجه», «بانک توسعه تعاون و پلیس آگاهی زنجان» or «سازمان ملی استاندارد کشور و
    استاندار کرمان», the governor)."""
    return (
        pos < len(keys) and pos not in starts and plain_word(keys[pos]) and keys[pos] != _AND
        and head_ruler().get(keys[pos]) is None and title_ruler().get(keys[pos]) is None
    )  # fmt: skip


@cache
def _demonym_sectors() -> dict[str, str]:
    """Head key → the sector it gives instead when the anchor is a demonym (org_heads.tsv)."""
    rows = read_tsv("org_heads.tsv")
    return {key(r["head"]): r["demonym_sector"] for r in rows if r.get("demonym_sector")}


def _inner_sector(keys: list[str], pos: int) -> str | None:
    pat = head_ruler().get(keys[pos])
    return pat.sector if pat is not None else None
