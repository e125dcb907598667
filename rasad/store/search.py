"""Full-text search over Persian text that does not care how a writer joined word parts.

Persian news writes «همکاری‌های» with a ZWNJ, a space or nothing between the parts, and
older text keeps Arabic «ي»/«ك». The index holds a *folded* copy of the normalized text
(ZWNJ and diacritics removed, letter variants and digits unified, lower case) and queries are
folded the same way; each gap in the query (space or ZWNJ) may then match either the joined
form or two adjacent words, so all three spellings of the query find all indexed spellings
that the normalizer joined.
"""

from __future__ import annotations

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


def fold(text: str) -> str:
    """The search form of `text`: what the index stores and what queries are compared to."""
    return _CHANGED.sub(_fold_run, text).lower()


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD)


def _fold_with_positions(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each folded character, its index in `text`."""
    out: list[str] = []
    positions: list[int] = []
    for i, char in enumerate(text):
        folded = char.translate(_FOLD).lower()  # fold(char), without fold's regex call
        out.append(folded)
        positions.extend([i] * len(folded))
    return "".join(out), positions


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
    phrases = [" ".join(w.replace('"', '""') for w in words) for words in spellings(query)]
    if not phrases:
        return None
    return " OR ".join(f'"{phrase}"' for phrase in phrases)


def like_needles(query: str) -> list[str]:
    """Substrings of the folded text, one per spelling (the PostgreSQL search)."""
    return [" ".join(words) for words in spellings(query)]


def snippet(text: str, query: str, *, width: int = 80) -> str:
    """About `2 * width` characters of `text` around the first match of the query."""
    folded, positions = _fold_with_positions(text)
    hits = [i for needle in like_needles(query) if (i := folded.find(needle)) >= 0]
    center = positions[min(hits)] if hits else 0
    start, end = max(0, center - width), min(len(text), center + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + text[start:end].strip() + suffix
