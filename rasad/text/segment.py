"""Sentence and token segmentation over the normalized text.

Tokens: a word keeps its ZWNJ (`می‌توانند` is one token), a number keeps its inner separators
(۱۴۰۳/۰۵/۱۰, 3.5, ۲۰٪), every other mark is its own token. Sentences end at . ! ? ؟ … and at
newlines, but not inside «» quotes (a quote that ends the sentence, `.»`, closes it), not
inside numbers, and not after a single-letter abbreviation (ج.ا.ا). Agency trailers such as
`انتهای پیام/ 241` are not part of the story: they belong to no sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rasad.model import Document, Span
from rasad.pipeline import stage

_DIGIT = "0-9۰-۹"
_TOKEN = re.compile(
    f"[{_DIGIT}]+(?:[.,/:٫٬\\-][{_DIGIT}]+)*[%٪]?"  # number, date, time, percent
    "|(?:[^\\W\\d_]|\u200c)+"  # word (letters, ZWNJ inside)
    "|\\.{2,}|\\S"  # ellipsis, or any single mark
)
_ENDERS = frozenset({".", "!", "?", "؟", "…"}) | {"." * n for n in range(2, 6)}
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
    if i == 0 or tokens[i - 1].end != tokens[i].start:
        return False
    prev = text[tokens[i - 1].start : tokens[i - 1].end]
    return len(prev) == 1 and prev.isalpha()


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
        if _ends_here(text, tokens, i, depth):
            yield start, i
            start = None
    if start is not None:
        yield start, len(tokens) - 1


def _ends_here(text: str, tokens: list[Span], i: int, depth: int) -> bool:
    mark = text[tokens[i].start : tokens[i].end]
    if mark == "»":
        prev = text[tokens[i - 1].start : tokens[i - 1].end] if i else ""
        return depth == 0 and prev in _ENDERS and not _is_abbreviation(text, tokens, i - 1)
    return mark in _ENDERS and depth == 0 and not _is_abbreviation(text, tokens, i)


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
