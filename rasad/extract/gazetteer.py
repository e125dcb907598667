"""A phrase ruler over tokens, and the loaders for the gazetteer data files in resources/.

Matching compares *keys*: letters folded to one Persian set (ي→ی, ك→ک, ة/ۀ→ه, أ/إ/آ→ا),
diacritics, tatweel, ZWNJ, soft hyphens and spaces removed. A pattern therefore matches however
the article spaces or joins its words («رئیس‌جمهور», «رئیس جمهور», «رئیسجمهور»), on any
tokenization, but only whole tokens: «بلاروس» never matches inside «بلاروسی».

Conflict policy, (1) between patterns: two patterns with the same key keep the one added first
unless `add_patterns(..., overwrite=True)`; (2) between matches: the longest match (in key
characters) wins, then the earliest start; matches never overlap.
"""

from __future__ import annotations

import csv
import gzip
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from rasad.extract.contexts import load_yaml
from rasad.text.letters import KEY_LETTERS, TATWEEL

_FOLD = str.maketrans(KEY_LETTERS | {"ؤ": "و", TATWEEL: None})


@lru_cache(maxsize=20_000)  # bounded: frequent tokens stay, memory stays flat
def key(text: str) -> str:
    """The comparison form of a phrase (cached: token keys repeat across articles).

    >>> key("رئيس‌جمهور") == key("رئیس جمهور")
    True
    """
    text = text.translate(_FOLD)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "MCZ")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One gazetteer record: a phrase and what it names."""

    label: str  # GPE / LOC / ORG / PER / TITLE / HONORIFIC
    pattern: str
    id: str | None = None
    country: str | None = None
    sector: str | None = None
    name_en: str | None = None
    kind: str | None = None  # finer class: state, place, igo, org, head, bound, title, ...
    gap: int = 0


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens `[first, last)` matched by `pattern`."""

    first: int
    last: int
    pattern: Pattern


class PhraseRuler:
    """Longest-match phrase lookup over a token sequence."""

    def __init__(self, patterns: Iterable[Pattern] = ()) -> None:
        self._by_key: dict[str, Pattern] = {}
        self._max_tokens = 1
        self._prefixes: set[str] = set()  # every leading substring of every key
        self.add_patterns(patterns)

    def add_patterns(self, patterns: Iterable[Pattern], *, overwrite: bool = False) -> None:
        """Add records; an existing key is kept unless `overwrite` (policy (1) above)."""
        for pat in patterns:
            k = key(pat.pattern)
            if not k or (k in self._by_key and not overwrite):
                continue
            self._by_key[k] = pat
            self._prefixes.update(k[:i] for i in range(1, len(k) + 1))
            self._max_tokens = max(self._max_tokens, len(pat.pattern.split()) + 2)

    @property
    def patterns(self) -> list[Pattern]:
        return list(self._by_key.values())

    def get(self, phrase: str) -> Pattern | None:
        return self._by_key.get(key(phrase))

    def candidates(self, keys: list[str]) -> Iterator[Match]:
        """Every match at every position (overlapping); `keys` are the tokens' keys.

        Most tokens start no key: one set lookup skips them (this runs on every token of every
        article, several rulers over).
        """
        prefixes, size = self._prefixes, len(keys)
        for first, joined in enumerate(keys):
            last = first + 1
            while joined in prefixes:  # else no key starts with it: no longer span matches
                pat = self._by_key.get(joined)
                if pat is not None and not _split_and(keys, first, last, pat):
                    yield Match(first, last, pat)
                if last == size or last - first == self._max_tokens:
                    break
                joined += keys[last]
                last += 1

    def match(self, keys: list[str]) -> list[Match]:
        """Non-overlapping matches by policy (2), in text order."""
        ranked = sorted(
            self.candidates(keys),
            key=lambda m: (-sum(len(k) for k in keys[m.first : m.last]), m.first),
        )
        taken = [False] * len(keys)
        out: list[Match] = []
        for m in ranked:
            if not any(taken[m.first : m.last]):
                taken[m.first : m.last] = [True] * (m.last - m.first)
                out.append(m)
        return sorted(out, key=lambda m: m.first)


# short words that stand alone after a noun and end no name split in two: «فرد و» ("person
# and") is not «فردو» (Fordow), «سود آن» ("its profit") not «سودان» (Sudan)
_LONE_WORDS = frozenset({"و", "ان", "این", "را", "او"})


def _split_and(keys: list[str], first: int, last: int, pat: Pattern) -> bool:
    """Whether a match takes a short word standing alone («و», «آن») as its last word, which
    its pattern does not write apart (`_LONE_WORDS`)."""
    return (
        last - first > 1 and keys[last - 1] in _LONE_WORDS
        and key(pat.pattern.split()[-1]) != keys[last - 1]
    )  # fmt: skip


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV file in resources/ (lines starting with `#` are comments).

    >>> read_tsv("igos.tsv")[0]["country"]
    'UNO'
    """
    text = (files("rasad.resources") / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _place_patterns() -> Iterator[Pattern]:
    states = {row["name_en"]: row["iso3"] for row in read_tsv("countries.tsv")}
    for row in read_tsv("countries.tsv"):
        for name in row["names_fa"].split("|"):
            yield Pattern("GPE", name, row["iso3"], row["iso3"], None, row["name_en"], "state")
    for row in read_tsv("places.tsv"):
        country = row["country"] or None
        if country is not None and states.get(row["name_en"]) == country:
            # another name of a state («آمریکا», «عربستان»): the state's actor, not a place
            yield Pattern("GPE", row["name_fa"], country, country, None, row["name_en"], "state")
        else:
            yield Pattern(row["label"], row["name_fa"], None, country, None, row["name_en"],
                          "place")


def _org_patterns() -> Iterator[Pattern]:
    for row in read_tsv("igos.tsv"):
        sector = row["sector"] or None
        yield Pattern("ORG", row["name_fa"], None, row["country"], sector, row["name_en"], "igo")
    for row in read_tsv("organizations.tsv"):
        yield Pattern(
            "ORG", row["name_fa"], None, row["country"] or None, row["sector"] or None,
            row["name_en"], row["kind"],
        )  # fmt: skip


@lru_cache(maxsize=1)
def canonical_names() -> dict[tuple[str, str, str | None], str]:
    """(label, English name, country) → the longest Persian name the gazetteer gives that
    entity: one body written several ways («سپاه», «سپاه پاسداران انقلاب اسلامی», «مجلس»,
    «مجلس شورای اسلامی») is one actor, so its profile is not split by spelling."""
    out: dict[tuple[str, str, str | None], str] = {}
    for pat in entity_ruler().patterns:
        if pat.name_en and pat.id is None:
            name = (pat.label, pat.name_en, pat.country)
            if len(pat.pattern) > len(out.get(name, "")):
                out[name] = pat.pattern
    return out


@lru_cache(maxsize=1)
def entity_ruler() -> PhraseRuler:
    """States, places, IGOs and institutions; built once per process.

    Organizations are added first so that a name that is both («الجزیره») is the organization.
    """
    return PhraseRuler([*_org_patterns(), *_place_patterns()])


@lru_cache(maxsize=1)
def head_ruler() -> PhraseRuler:
    """Head words of institution names (org_heads.tsv); built once per process. A head that
    starts no phrase of its own (column `phrase` = no) has kind `sector_head`."""
    return PhraseRuler(
        Pattern("ORG", row["head"], sector=row["sector"] or None,
                kind="sector_head" if row.get("phrase") == "no" else "org_head")
        for row in read_tsv("org_heads.tsv")
    )


def head_sector(keys: list[str]) -> str | None:
    """The sector an organization's first words give («جبهه پیروان» → PTY), if any."""
    for size in (2, 1):
        pat = head_ruler().get("".join(keys[:size])) if len(keys) >= size else None
        if pat is not None:
            return pat.sector
    return None


_FRONTS = frozenset({key("جبهه")})  # also a war front, a place («جبهه جنوب»)


def names_a_body(keys: list[str]) -> bool:
    """Several words opening with a body's head word that gives a sector («دانشگاه
    امیرکبیر», «شهرداری تهران»): a body, whatever the NER model or a corpus reads there (the
    house gold has universities as ORG, Arman as places)."""
    return len(keys) > 1 and keys[0] not in _FRONTS and head_sector(keys) is not None


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym key → country («بلاروسی» → BLR)."""
    return {key(row["demonym_fa"]): row["country"] for row in read_tsv("demonyms.tsv")}


@lru_cache(maxsize=1)
def _weekdays() -> frozenset[str]:
    """Keys of the weekday names (dates.yaml `weekdays`)."""
    names = load_yaml("dates.yaml")["weekdays"].values()
    return frozenset(key(w) for words in names for w in words)


def festival_demonym(before: str) -> bool:
    """Whether a demonym-shaped word after the token key `before` names a festival, not a
    nationality: a weekday opens one («چهارشنبه سوری» is no Syrian Wednesday)."""
    return before in _weekdays()


# words before a club's name in «تیم فوتبال پرسپولیس», «باشگاه بنفیکا»
_CLUB_HEADS = frozenset(
    key(w) for w in ("تیم", "ملی", "باشگاه", "فوتبال", "والیبال", "بسکتبال", "فوتسال")
)


@lru_cache(maxsize=1)
def _clubs() -> PhraseRuler:
    rows = read_tsv("clubs.tsv")
    return PhraseRuler(
        Pattern("ORG", r["name_fa"], country=r["country"], name_en=r["name_en"] or None)
        for r in rows
    )


def club(keys: list[str]) -> Pattern | None:
    """The sports club a name is, after any «تیم/ملی/باشگاه/فوتبال» before it (clubs.tsv; a
    national side named by a short form: «تیم ملی کره»)."""
    at = 0
    while at < len(keys) - 1 and keys[at] in _CLUB_HEADS:
        at += 1
    return _clubs().get("".join(keys[at:]))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Keys of words that start person names (see scripts/build_gazetteer.py)."""
    text = (files("rasad.resources") / "given_names.txt").read_text(encoding="utf-8")
    return frozenset(key(w) for w in text.split("\n") if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Keys of words used outside names (see scripts/build_gazetteer.py): a word not here may
    be a name."""
    raw = (files("rasad.resources") / "common_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(raw).decode("utf-8").split())


@cache
def word_list(name: str) -> frozenset[str]:
    """Keys of a one-word-a-line list in resources/ (`#` starts a comment line)."""
    text = (files("rasad.resources") / name).read_text(encoding="utf-8")
    return frozenset(key(w) for w in text.splitlines() if w.strip() and not w.startswith("#"))
