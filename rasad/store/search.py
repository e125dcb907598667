"""Full-text search over Persian text that does not care how a writer joined word parts.

Persian news writes «همکاری‌های» with a ZWNJ, a space or nothing between the parts, and
older text keeps Arabic «ي»/«ك». The index holds a *folded* copy of the normalized text
(ZWNJ and diacritics removed, letter variants and digits unified, lower case) and queries are
folded the same way; each gap in the query (space or ZWNJ) may then match either the joined
form or two adjacent words, so all three spellings of the query find all indexed spellings
that the normalizer joined. SQLite matches the spellings as FTS5 phrases; PostgreSQL as
phrase queries on a tsvector of the folded text (migration 0010), words split alike.
"""

from __future__ import annotations

import bisect
import itertools
import re

from rasad.text.letters import PERSIAN_LETTERS, TATWEEL

_DELETE = (
    "\u200c\u200d\u00ad\u0670" + TATWEEL
    + "".join(chr(c) for c in range(0x064B, 0x0653))
    # control characters (a NUL ends an FTS5 string early); tab and line breaks stay gaps
    + "".join(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), 127])
)
_FOLD = str.maketrans(
    PERSIAN_LETTERS | {ch: None for ch in _DELETE}
    | {chr(0x06F0 + d): str(d) for d in range(10)}
    | {chr(0x0660 + d): str(d) for d in range(10)}
)


def _changed(code: int, to: int | str | None) -> bool:
    return to != code and to != chr(code)


# Only the characters that folding changes are looked up: str.translate looks up every
# character of non-ASCII text, and most Persian letters fold to themselves (about 1.5x faster).
_CHANGED = re.compile(
    "[" + re.escape("".join(chr(k) for k, v in _FOLD.items() if _changed(k, v))) + "]+"
)
_GAP = re.compile(r"[\s\u200c]+")
_WORD = re.compile(r"\w")
MAX_GAPS = 4  # 2**4 spellings at most; longer queries match only as written

# PostgreSQL's text-search parser joins words at these characters into compound tokens
# (hyphenated words, decimals, hosts, URLs, e-mail addresses, paths, tags, signed numbers),
# where FTS5 sees separate words: the indexed text and the queries both have them blanked,
# so a phrase query finds «ایران» in «ایران-عراق» as FTS5 does.
TS_BLANKED = "-./@+<>&~"
_TS_BLANK = str.maketrans(TS_BLANKED, " " * len(TS_BLANKED))
# A tsvector holds at most 1 MB: PostgreSQL indexes a document's folded text up to here (a
# vector takes at most 6 bytes per character, for one-letter words), so no long document
# fails to store.
TS_INDEXED_CHARS = 150_000


def fold(text: str) -> str:
    """The search form of `text`: what the index stores and what queries are compared to."""
    return _CHANGED.sub(_fold_run, text).lower()


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD)


def _source_index(text: str, i: int) -> int:
    """The index in `text` of the character that `fold(text)[i]` comes from.

    A character folds to as many characters wherever it stands, so this is the last
    character of the shortest prefix folding to more than `i` characters; bisection folds a
    dozen prefixes (in C) where walking the text in Python took about 1 ms per document.
    """
    return bisect.bisect_right(range(len(text)), i, key=lambda j: len(fold(text[: j + 1])))


def spellings(query: str) -> list[list[str]]:
    """Each spelling of the query as a list of words: every gap joined or kept.

    >>> spellings("همکاری‌های ما")
    [['همکاری', 'های', 'ما'], ['همکاری', 'هایما'], ['همکاریهای', 'ما'], ['همکاریهایما']]
    """
    parts = [fold(p) for p in _GAP.split(query.strip())]
    parts = [p for p in parts if _WORD.search(p)]
    if not parts:
        return []
    gaps = len(parts) - 1
    if gaps > MAX_GAPS:
        return [[fold(w) for w in query.split() if _WORD.search(w)]]
    out: list[list[str]] = []
    for joins in itertools.product((False, True), repeat=gaps):
        words = [parts[0]]
        for join, part in zip(joins, parts[1:], strict=True):
            if join:
                words[-1] += part
            else:
                words.append(part)
        out.append(words)
    return out


def fts_expression(query: str) -> str | None:
    """An FTS5 MATCH expression: the spellings as quoted phrases joined by OR.

    Every word is inside double quotes (inner quotes doubled), so no user text is ever read
    as FTS5 syntax (AND, NEAR, column filters, `*`).
    """
    quoted = [" ".join(w.replace('"', '""') for w in words) for words in spellings(query)]
    if not quoted:
        return None
    return " OR ".join(f'"{phrase}"' for phrase in quoted)


def phrases(query: str) -> list[str]:
    """Each spelling as folded text: what the snippet looks for."""
    return [" ".join(words) for words in spellings(query)]


def ts_phrases(query: str) -> list[str]:
    """Each spelling as the text of a PostgreSQL phrase query (`phraseto_tsquery`)."""
    return [phrase.translate(_TS_BLANK) for phrase in phrases(query)]


def marked(text: str, query: str) -> list[tuple[str, bool]]:
    """`text` cut into pieces, each flagged whether it matches one of the query's spellings
    («همکاری‌های» in the text for «همکاری های» typed), for a page to highlight."""
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for needle in filter(None, phrases(query)):
        at = folded.find(needle)
        while at >= 0:
            spans.append((_source_index(text, at), _source_index(text, at + len(needle) - 1) + 1))
            at = folded.find(needle, at + len(needle))
    pieces, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue  # overlaps the piece before
        pieces += [(text[pos:start], False), (text[start:end], True)]
        pos = end
    pieces.append((text[pos:], False))
    return [piece for piece in pieces if piece[0]]


def snippet(text: str, query: str, *, width: int = 80) -> str:
    """About `2 * width` characters of `text` around the first match of the query."""
    folded = fold(text)
    hits = [i for needle in phrases(query) if (i := folded.find(needle)) >= 0]
    center = _source_index(text, min(hits)) if hits else 0
    start, end = max(0, center - width), min(len(text), center + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + text[start:end].strip() + suffix
