"""Literal anchors of lexicon patterns: a cheap test that a pattern cannot match a text.

The events stage runs some fifty trigger regexes over every sentence, and most sentences hold
none of a pattern's key words. From a pattern as written in a lexicon (plain Persian regex
before `tolerant` compiles it) `anchor_words` derives literal words, one of which occurs in
every text the pattern matches; `Anchors` tells, for a sentence, which patterns can match, so
the others are not run. The words are runs of the pattern's own letters, compared after
folding every letter onto one variant of its `tolerant` class, so they accept every spelling
the pattern does and no second word list can drift from the patterns. The reading is
conservative: a class, an escape, a look-around or an optional part only drops a candidate
word; a pattern left with none (or written in syntax the reader does not know) is always run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rasad.extract.contexts import tolerant

_GAPS = " \u200c\u00ad"  # `tolerant` lets these match nothing: a literal run stops there
_SINGLE = ".^$"  # one-character atoms that match no fixed letter
_QUANTIFIER = re.compile(r"(?:[?*+]|\{(\d*)(?:,\d*)?\})[?+]?")
_CLASS_ESCAPES = "sSwWdDbB"
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")

Need = frozenset[str] | None  # literals one of which must occur; None: nothing known


class _Unread(ValueError):
    """Syntax the reader does not know: the pattern gets no anchor."""


class Anchors:
    """Anchor words of a list of patterns, and which patterns a text leaves possible."""

    def __init__(self, patterns: Iterable[str]) -> None:
        needs = [anchor_words(pattern) for pattern in patterns]
        self._fold = letter_fold("".join(w for need in needs if need for w in need))
        self._needs = [
            None if need is None else frozenset(w.translate(self._fold) for w in need)
            for need in needs
        ]
        self._words = tuple(frozenset().union(*(need for need in self._needs if need)))

    def possible(self, text: str) -> list[bool]:
        """For each pattern, in order: False when it cannot match anywhere in `text`."""
        folded = text.translate(self._fold)
        found = {word for word in self._words if word in folded}
        return [need is None or not found.isdisjoint(need) for need in self._needs]


def letter_fold(letters: str) -> dict[int, str]:
    """A translation table putting every letter `tolerant` lets a pattern letter in `letters`
    match onto one variant, so that equal folds are what `tolerant` equates («ي» → «ی»).
    `tolerant` writes a letter's variants as a bracketed list, so they are read off it."""
    groups: list[set[str]] = []
    for letter in set(letters):
        source = tolerant(letter)
        variants = {ch for ch in source if re.fullmatch(source, ch)} | {letter}
        joined = [group for group in groups if group & variants]
        for group in joined:
            variants |= group
            groups.remove(group)
        groups.append(variants)
    return {ord(ch): min(group) for group in groups if len(group) > 1 for ch in group}


def anchor_words(pattern: str) -> frozenset[str] | None:
    """Literal words one of which occurs in every text `tolerant(pattern)` matches (spelled
    as in the pattern: compare after `letter_fold`); None when there are none to tell.

    >>> sorted(anchor_words("(دیدار|ملاقات) (کرد|کردند)"))
    ['دیدار', 'ملاقات']
    """
    try:
        need, end = _alternation(pattern, 0)
    except _Unread:
        return None
    return need if end == len(pattern) else None


def _alternation(src: str, pos: int) -> tuple[Need, int]:
    """What one of the branches from `pos` (to the closing ')' or the end) must contain."""
    found: set[str] = set()
    known = True
    while True:
        need, pos = _sequence(src, pos)
        if need is None:
            known = False
        else:
            found |= need
        if pos >= len(src) or src[pos] != "|":
            return (frozenset(found) if known else None), pos
        pos += 1


def _sequence(src: str, pos: int) -> tuple[Need, int]:
    """The most selective requirement among a branch's literal runs and required groups."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    while pos < len(src) and src[pos] not in "|)":
        char = src[pos]
        need: Need = None
        if char == "(":
            need, pos = _group(src, pos)
        elif char == "[":
            pos = _class_end(src, pos)
        elif char == "\\":
            pos = _escape_end(src, pos)
        elif char in "*+?{":
            raise _Unread(src)
        else:
            pos += 1
        least, after = _repeat(src, pos)
        if after == pos and char not in _GAPS + _SINGLE + "([\\":
            run.append(char)  # a plain letter, said once: the literal run goes on
            continue
        pos = after
        _close(run, options)
        if need is not None and least > 0:
            options.append(need)
    _close(run, options)
    if not options:
        return None, pos
    return max(options, key=lambda need: (min(map(len, need)), -len(need))), pos


def _close(run: list[str], options: list[frozenset[str]]) -> None:
    """End a literal run: it becomes one candidate requirement."""
    if run:
        options.append(frozenset(["".join(run)]))
        run.clear()


def _repeat(src: str, pos: int) -> tuple[int, int]:
    """The least repeat count of the atom before `pos` (1 without a quantifier), and where
    the quantifier ends."""
    match = _QUANTIFIER.match(src, pos)
    if match is None:
        return 1, pos
    if match.group(0)[0] == "{":
        return int(match.group(1) or 0), match.end()
    return (1 if match.group(0)[0] == "+" else 0), match.end()


def _group(src: str, pos: int) -> tuple[Need, int]:
    """A parenthesised group from `pos`: its requirement (none for a look-around) and end."""
    if src.startswith(_LOOKAROUND, pos):
        head = 4 if src.startswith("(?<", pos) else 3
        _, end = _alternation(src, pos + head)
        need = None
    elif src.startswith("(?:", pos) or not src.startswith("(?", pos):
        need, end = _alternation(src, pos + (3 if src.startswith("(?:", pos) else 1))
    else:
        raise _Unread(src)
    if end >= len(src) or src[end] != ")":
        raise _Unread(src)
    return need, end + 1


def _escape_end(src: str, pos: int) -> int:
    """Just past the escape at `pos`: a class (\\s, \\w …), \\uXXXX or escaped punctuation."""
    code = src[pos + 1 : pos + 2]
    if code == "u":
        return pos + 6
    if code in _CLASS_ESCAPES or (code and not code.isalnum()):
        return pos + 2
    raise _Unread(src)


def _class_end(src: str, pos: int) -> int:
    """Just past the character class `[…]` opening at `pos`."""
    end = pos + 1
    if src.startswith("^", end):
        end += 1
    if src.startswith("]", end):
        end += 1
    while end < len(src) and src[end] != "]":
        end += 2 if src[end] == "\\" else 1
    if end >= len(src):
        raise _Unread(src)
    return end + 1
