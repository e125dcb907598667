"""Hand-built Documents for the quotes/events/coref tests: no dependence on other stages.

`build(text, names, titles)` splits sentences on newlines, marks every occurrence of each
name as a Mention of its Actor, and every title as a Role (unbound unless `holder` is given).
"""

from __future__ import annotations

import re
from datetime import date

from rasad.model import Actor, DateMention, Document, Mention, Role, Span

# surface → (actor id, label, country, sector, name_en)
NAMES: dict[str, tuple[str, str, str | None, str | None, str]] = {
    "محمد مخبر": ("mokhber", "PER", "IRN", "GOV", "Mohammad Mokhber"),
    "مخبر": ("mokhber", "PER", "IRN", "GOV", "Mohammad Mokhber"),
    "رومن گلاوچنکو": ("golovchenko", "PER", "BLR", "GOV", "Roman Golovchenko"),
    "ایگور سرگینکو": ("sergeenko", "PER", "BLR", "LEG", "Igor Sergeenko"),
    "محمدباقر قالیباف": ("ghalibaf", "PER", "IRN", "LEG", "Mohammad Bagher Ghalibaf"),
    "قالیباف": ("ghalibaf", "PER", "IRN", "LEG", "Mohammad Bagher Ghalibaf"),
    "ایران": ("iran", "GPE", "IRN", None, "Iran"),
    "بلاروس": ("belarus", "GPE", "BLR", None, "Belarus"),
    "آمریکا": ("usa", "GPE", "USA", None, "United States"),
    "تهران": ("tehran", "GPE", "IRN", None, "Tehran"),
    "خبرگزاری مهر": ("mehr", "ORG", "IRN", "MED", "Mehr News Agency"),
    "رویترز": ("reuters", "ORG", "GBR", "MED", "Reuters"),
}
# title → (country, sector)
TITLES: dict[str, tuple[str, str]] = {
    "معاون اول رئیس جمهور": ("IRN", "GOV"),
    "نخست وزیر بلاروس": ("BLR", "GOV"),
    "رئیس پارلمان بلاروس": ("BLR", "LEG"),
    "رئیس مجلس شورای اسلامی": ("IRN", "LEG"),
}


def _spans(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = rf"(?<![\w\u200c]){re.escape(surface)}(?![\w\u200c])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def build(
    text: str, *, published: date | None = None, dates: dict[str, str] | None = None
) -> Document:
    doc = Document(id="t", raw=text, published=published)
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            doc.sentences.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    taken: set[int] = set()
    for surface in sorted(NAMES, key=len, reverse=True):
        actor_id, label, country, sector, name_en = NAMES[surface]
        for start, end in _spans(text, surface):
            if taken & set(range(start, end)):
                continue
            taken.update(range(start, end))
            doc.entities.append(Mention(start, end, label, actor_id))
            doc.actors[actor_id] = Actor(actor_id, surface, name_en, country, sector, kind=label)
    for title, (country, sector) in TITLES.items():
        for start, end in _spans(text, title):
            doc.roles.append(Role(start, end, country, sector))
    for surface, value in (dates or {}).items():
        for start, end in _spans(text, surface):
            doc.dates.append(DateMention(start, end, "jalali", value, "day", "absolute"))
    doc.entities.sort(key=lambda m: m.start)
    return doc
