"""Person names that no title stands next to, found from the shape of the words around them.

Persian script has no capitals, so a name is told from a word by the vocabulary: a word outside
`common_words()` (words the NER corpora and treebanks use outside names) is *name-like*. Three
rules, each only on free tokens, each giving spans `[first, last)`:

1. quoted: «…» or "…" around 1–5 name-like words, right next to a title, or 2–5 words with a
   given name or followed by a speech or person cue («"درید کشموله" استاندار موصل»,
   «"عباس البیاتی" در گفتگو …»), unless a place or medium word stands before («شهر "الحضر"»);
2. clause start: at the start of a sentence or clause, 2–3 name-like words, at least one outside
   the vocabulary, followed by a speech or person cue («رومن گلاوچنکو با اشاره به …»);
3. given name: a known given name followed by up to four words that continue a name, at least
   one of them outside the vocabulary («محمد راستاد در حاشیه …», «علی یوسف پور»);
4. nisba: after a form of address, one or two given names and a demonym, which is then a
   surname of origin, not a nationality («آقا ضیاءالدین عراقی»: of Arak; «آیت‌الله محمد
   تهرانی»).
"""

from __future__ import annotations

from rasad.extract.gazetteer import common_words, demonyms, given_names, key, word_list
from rasad.extract.roles import is_honorific

_QUOTES = {key("«"): key("»"), '"': '"'}
_CLAUSE_MARKS = frozenset(key(w) for w in ("،", ":", "؛", ",", "(", "-"))
_MAX_QUOTED = 5
_MAX_GIVEN = 5  # given name + at most four more words («عبدالله بن سعود بن محمد»)


def cues() -> frozenset[str]:
    """Words that follow a person's name opening a clause (speech verbs, «با اشاره», «در»)."""
    return word_list("name_cues.txt")


def blockers() -> frozenset[str]:
    """Words that are no person's name and make a quoted name after them none either."""
    return word_list("name_blockers.txt")


def particles() -> frozenset[str]:
    """Particles inside Arabic and Persian names («بن», «آل»)."""
    return word_list("name_particles.txt")


def _alpha(word: str) -> bool:
    """A word in Persian or Arabic letters (Latin words in quotes are mostly products)."""
    return word.isalpha() and len(word) > 1 and not word.isascii()


def _unknown(word: str) -> bool:
    """Outside the common vocabulary and no given name: a surname or a foreign name."""
    return (
        _alpha(word) and word not in common_words() and word not in given_names()
        and not is_honorific(word)
    )  # fmt: skip


def kin() -> frozenset[str]:
    """Kin nouns («همسر», «پدر»): see kin_nouns.txt."""
    return word_list("kin_nouns.txt")


def relations() -> frozenset[str]:
    """Kin and agent nouns («همسر», «وکیل», «مربی»): never part of a name, and a name right
    after one is its possessor (kin_nouns.txt, agent_nouns.txt)."""
    return kin() | word_list("agent_nouns.txt")


def _name_part(word: str) -> bool:
    """A word that may continue a name after its first word."""
    if word in relations():
        return False
    return word in given_names() or word in particles() or _unknown(word)


def _trim(keys: list[str], first: int, last: int) -> tuple[int, int] | None:
    """Drop trailing particles («… بن»); keep the span only if an unknown word remains."""
    while last > first and keys[last - 1] in particles():
        last -= 1
    if last - first < 1 or not any(_unknown(k) for k in keys[first:last]):
        return None
    return first, last


def _free(taken: list[bool], first: int, last: int) -> bool:
    return 0 <= first < last <= len(taken) and not any(taken[first:last])


def quoted_names(
    keys: list[str], taken: list[bool], title_edges: set[int]
) -> list[tuple[int, int]]:
    """Rule 1; `title_edges` holds the first and one-past-last token of every title."""
    out = []
    for i, word in enumerate(keys):
        closer = _QUOTES.get(word)
        if closer is None:
            continue
        end = next((j for j in range(i + 1, min(len(keys), i + _MAX_QUOTED + 2))
                    if keys[j] == closer), None)  # fmt: skip
        if end is None or end == i + 1 or not _free(taken, i + 1, end):
            continue
        inner = keys[i + 1 : end]
        if not all(_alpha(k) for k in inner) or inner[0] in particles():
            continue
        if i > 0 and keys[i - 1] in blockers():
            continue  # «شهر "الحضر"», «سایت «وطن»»
        after = keys[end + 1] if end + 1 < len(keys) else ""
        named = len(inner) > 1 and (after in cues() or any(k in given_names() for k in inner))
        near = i in title_edges or end + 1 in title_edges or named
        span = _trim(keys, i + 1, end) if near else None
        if span is not None and span[1] == end:
            out.append(span)
    return out


def clause_names(
    keys: list[str], taken: list[bool], clause_start: list[bool]
) -> list[tuple[int, int]]:
    """Rule 2: `clause_start[i]` is True where a sentence or clause begins."""
    out = []
    for i in range(len(keys)):
        if not clause_start[i] or keys[i] in particles():
            continue
        for size in (3, 2):
            end = i + size
            if end >= len(keys) or keys[end] not in cues() or not _free(taken, i, end):
                continue
            words = keys[i:end]
            if all(_name_part(k) for k in words) and _trim(keys, i, end) == (i, end):
                out.append((i, end))
                break
    return out


def given_name_spans(keys: list[str], taken: list[bool]) -> list[tuple[int, int]]:
    """Rule 3, left to right; a span never starts inside the previous one."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(keys):
        if keys[i] not in given_names() or keys[i] in relations() or taken[i]:
            i += 1
            continue
        last = i + 1
        while (
            last < len(keys) and last - i < _MAX_GIVEN and not taken[last]
            and _name_part(keys[last])
        ):  # fmt: skip
            last += 1
        span = _trim(keys, i, last) if last - i > 1 else None
        if span is not None and span[1] - span[0] > 1:
            out.append(span)
            i = span[1]
        else:
            i += 1
    return out


def addressed(keys: list[str], first: int) -> bool:
    """Whether a form of address stands right before `first`: an honorific, or a word that
    also begins names (address_words.txt: «آقا ضیاءالدین عراقی»)."""
    return first > 0 and (
        is_honorific(keys[first - 1]) or keys[first - 1] in word_list("address_words.txt")
    )


def nisba_names(keys: list[str], taken: list[bool]) -> list[tuple[int, int]]:
    """Rule 4: a form of address, one or two given names and a demonym."""
    out = []
    for i in range(1, len(keys) - 1):
        if not addressed(keys, i) or keys[i] not in given_names():
            continue
        end = i + 2 if keys[i + 1] in given_names() else i + 1
        if end < len(keys) and keys[end] in demonyms() and _free(taken, i, end + 1):
            out.append((i, end + 1))
    return out


def clause_starts(keys: list[str], sentence_of: list[int]) -> list[bool]:
    """True at the first token of a sentence and after a clause mark («،», «:»)."""
    return [
        i == 0 or sentence_of[i] != sentence_of[i - 1] or keys[i - 1] in _CLAUSE_MARKS
        for i in range(len(keys))
    ]
