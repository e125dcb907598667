"""Sentence and token segmentation over the normalized text.

Tokens: a word keeps its ZWNJ and diacritics (`می‌توانند`, `همهٔ`, `کاملاً` are one token), a
number keeps its inner separators (۱۴۰۳/۰۵/۱۰, 3.5, ۳٫۵, ۲۰٪), a Latin name keeps its digits and
inner hyphens (F-35, MH17), every other mark is its own token. Sentences end at . ! ? ؟ ۔ (a
glued run such as `؟!` or `.».` ends at its last mark) and at newlines, but not inside «»
quotes (a quote that ends the sentence, `.»`, closes it), not inside numbers, not at an
ellipsis, not after a single-letter abbreviation (ج.ا.ا، ق.ظ), and not inside a short
parenthesis (`(اف. بی. آی)`). A dateline opening a story
(`تهران - ایرنا:`) is a sentence of its own. Agency trailers such as `انتهای پیام/ 241` are
not part of the story: they belong to no sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rasad.model import Document, Span
from rasad.pipeline import stage

_DIGIT = "0-9۰-۹"
# Combining marks a word carries (harakat, tanwin, hamza above, superscript alef, Latin
# accents): `کاملاً`, `همهٔ` stay one token when the normalizer keeps them.
_MARK = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_LATIN = "A-Za-z\u00c0-\u024f\u0300-\u036f"
_TOKEN = re.compile(
    f"[0-9]*[{_LATIN}][{_LATIN}0-9]*(?:-[{_LATIN}0-9]+)*"  # Latin word, model: F-35, MH17, 5G
    f"|[{_DIGIT}]+(?:[.,/:٫٬\\-][{_DIGIT}]+)*[%٪]?"  # number, date, time, percent
    f"|(?:[^\\W\\d_]|[\u200c{_MARK}])+"  # word (letters, ZWNJ and marks inside)
    "|\\.{2,}|\\S"  # ellipsis, or any single mark
)
_ENDERS = frozenset({".", "!", "?", "؟", "\u06d4"})  # ۔ Arabic full stop
_CLOSERS = _ENDERS | {"»"}
_DASHES = frozenset({"-", "–", "—"})
_ASIDE = 30  # characters a parenthetical aside may run on either side of a dot
_SHORT_PART = 2  # letters of an abbreviation's part before its dot («اف.», «بی.»; «بود.» ends)
_DATELINE_SIDE = 3  # words on each side of «تهران - ایرنا:»
_TRAILER = re.compile(
    f"/?(?:انتهای[ \u200c]?پیام|(?m:^)انتهای[ \u200c]?خبر)(?:[ ]*/[ ]*[{_DIGIT}]*)?(?:[ ]*/)?"
)


def tokenize(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def trailers(text: str) -> list[Span]:
    """Agency sign-offs (`انتهای پیام/ 241`) that close a story and are not sentences of it."""
    return [Span(m.start(), m.end()) for m in _TRAILER.finditer(text)]


def _is_abbreviation(text: str, tokens: list[Span], i: int) -> bool:
    """A dot glued to a one-letter word (ج.ا.ا، آ.) abbreviates, it does not end a sentence."""
    if i == 0 or tokens[i - 1].end != tokens[i].start or _word(text, tokens, i) != ".":
        return False
    prev = _word(text, tokens, i - 1)
    return len(prev) == 1 and prev.isalpha()


def _word(text: str, tokens: list[Span], i: int) -> str:
    """Token i's text, or "" past either end (so look-behind and look-ahead need no checks)."""
    return text[tokens[i].start : tokens[i].end] if 0 <= i < len(tokens) else ""


def _boundaries(text: str, tokens: list[Span], skip: list[Span]) -> Iterator[tuple[int, int]]:
    """(first, last) token indices of each sentence, left out tokens inside `skip`."""
    start: int | None = None
    depth = 0
    skip_iter = iter(skip)
    blocked = next(skip_iter, None)
    for i, tok in enumerate(tokens):
        while blocked is not None and blocked.end <= tok.start:
            blocked = next(skip_iter, None)
        if blocked is not None and blocked.start <= tok.start < blocked.end:
            if start is not None:
                yield start, i - 1
            start, depth = None, 0
            continue
        if start is not None and "\n" in text[tokens[i - 1].end : tok.start]:
            yield start, i - 1
            start, depth = None, 0
        if start is None:
            start = i
        mark = text[tok.start : tok.end]
        depth += (mark == "«") - (mark == "»" and depth > 0)
        ends = mark in _CLOSERS and _ends_here(text, tokens, i, depth)
        if ends or mark == ":" and _is_dateline(text, tokens, start, i):
            yield start, i
            start = None
    if start is not None:
        yield start, len(tokens) - 1


def _ends_here(text: str, tokens: list[Span], i: int, depth: int) -> bool:
    """An ender outside quotes, or `».` closing a quoted sentence; a run of marks glued to it
    (`؟!`, `.».`) ends with its last one. An ellipsis alone never ends: in news it mostly
    trails a list (`ایران، عراق و ...`) inside the sentence."""
    if depth or _glued_closer(text, tokens, i):
        return False
    mark = _word(text, tokens, i)
    if mark == "»":
        mark, i = _word(text, tokens, i - 1), i - 1
    return (
        mark in _ENDERS
        and not _is_abbreviation(text, tokens, i)
        and not (_short(text, tokens, i - 1) and _in_aside(text, tokens[i].start))
    )


def _short(text: str, tokens: list[Span], i: int) -> bool:
    return len(_word(text, tokens, i)) <= _SHORT_PART


def _in_aside(text: str, pos: int) -> bool:
    """Inside a short parenthesis on its line («(اف. بی. آی)», an abbreviation or a gloss):
    a dot after a short part there abbreviates and ends no sentence (a sentence closing inside
    brackets, «(… ادامه می‌یابد.)», still ends)."""
    before = text[max(0, pos - _ASIDE) : pos]
    after = text[pos + 1 : pos + 1 + _ASIDE]
    opened, closed = before.rfind("("), after.find(")")
    return (
        opened >= 0
        and closed >= 0
        and not any(c in before[opened:] for c in ")\n")
        and not any(c in after[:closed] for c in "(\n")
    )


def _glued_closer(text: str, tokens: list[Span], i: int) -> bool:
    """The next token touches this one and is an ender or a closing quote."""
    return (
        i + 1 < len(tokens)
        and tokens[i + 1].start == tokens[i].end
        and _word(text, tokens, i + 1) in _CLOSERS
    )


def _is_dateline(text: str, tokens: list[Span], start: int, i: int) -> bool:
    """`تهران - ایرنا:` opening a story is a line of its own, not the lead's subject: a colon
    after a few words, one dash and a few words, at the start of a sentence."""
    if i - start > 2 * _DATELINE_SIDE + 1 or _glued_closer(text, tokens, i):
        return False
    words = [_word(text, tokens, k) for k in range(start, i)]
    dashes = [k for k, w in enumerate(words) if w in _DASHES]
    if len(dashes) != 1:
        return False
    left, right = words[: dashes[0]], words[dashes[0] + 1 :]
    return all(
        0 < len(side) <= _DATELINE_SIDE and all(w[0].isalpha() for w in side)
        for side in (left, right)
    )


def split_sentences(text: str, tokens: list[Span] | None = None) -> list[Span]:
    tokens = tokenize(text) if tokens is None else tokens
    return [
        Span(tokens[first].start, tokens[last].end)
        for first, last in _boundaries(text, tokens, trailers(text))
    ]


@stage("segment", requires={"text"}, assigns={"sentences", "tokens"})
def segment(doc: Document) -> Document:
    doc.tokens = tokenize(doc.text)
    doc.sentences = split_sentences(doc.text, doc.tokens)
    return doc
