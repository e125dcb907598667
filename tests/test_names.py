"""Person names told by their words and context (rasad.extract.names)."""

from __future__ import annotations

import pytest

from rasad.extract import names
from rasad.extract.gazetteer import key
from rasad.extract.roles import strip_honorifics


def _keys(text: str) -> list[str]:
    return [key(w) for w in text.split()]


def _spans(keys: list[str], found: list[tuple[int, int]]) -> list[str]:
    return [" ".join(keys[a:b]) for a, b in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("محمد راستاد در حاشیه مراسم گفت", ["محمد راستاد"]),
        ("او با علی یوسف پور دیدار کرد", ["علی یوسف پور"]),
        ("عبدالله بن سعود بن محمد برکنار شد", ["عبدالله بن سعود بن محمد"]),
        ("حسن گفت که می آید", []),  # a given name alone is not enough
        ("محمد اشاره کرد", []),  # the next word is a common word
    ],
)
def test_given_name_spans(text: str, expected: list[str]) -> None:
    keys = _keys(text)
    found = names.given_name_spans(keys, [False] * len(keys))
    assert _spans(keys, found) == [" ".join(_keys(e)) for e in expected]


@pytest.mark.parametrize(
    ("text", "title_at", "expected"),
    [
        ('" درید کشموله " استاندار موصل گفت', {4}, ["درید کشموله"]),
        ("« ایاد فتایه خلیفه الراوی » ، دستگیر شد", set(), ["ایاد فتایه خلیفه الراوی"]),
        ('" گلاوچنکو " گفت', set(), []),  # one word and no title: not enough
        ('شهر " الحضر " در شمال', set(), []),  # a place word before the quote
        ("« تحول گرا » در انگلستان", set(), []),  # common words
    ],
)
def test_quoted_names(text: str, title_at: set[int], expected: list[str]) -> None:
    keys = _keys(text)
    found = names.quoted_names(keys, [False] * len(keys), title_at)
    assert _spans(keys, found) == [" ".join(_keys(e)) for e in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("رومن گلاوچنکو با اشاره به نقشه راه گفت", ["رومن گلاوچنکو"]),
        ("به گزارش رویترز ، مورلی دئورا در مصاحبه افزود", ["مورلی دئورا"]),
        ("وزیران خارجه با هم دیدار کردند", []),
        ("او گفت گلاوچنکو دئورا با", []),  # not at a clause start
    ],
)
def test_clause_names(text: str, expected: list[str]) -> None:
    keys = _keys(text)
    starts = names.clause_starts(keys, [0] * len(keys))
    found = names.clause_names(keys, [False] * len(keys), starts)
    assert _spans(keys, found) == [" ".join(_keys(e)) for e in expected]


def test_names_skip_taken_tokens() -> None:
    keys = _keys("محمد راستاد گفت")
    assert names.given_name_spans(keys, [False, True, False]) == []


@pytest.mark.parametrize(
    ("text", "keep_one", "expected"),
    [
        ("سردار امیر رحمت‌اللهی", True, "امیر رحمت‌اللهی"),
        ("حجت‌الاسلام آقای حسن روحانی", True, "حسن روحانی"),  # every leading one
        ("سید عباس عراقچی", True, "سید عباس عراقچی"),  # «سید» is part of the name
        ("آقای شهید", True, "شهید"),  # a name's last word stays, even «شهید»
        ("آقای شهید", False, ""),  # a model span of honorifics alone is no name
        ("دکتر ظریف", False, "ظریف"),
    ],
)
def test_strip_honorifics(text: str, keep_one: bool, expected: str) -> None:
    keys = _keys(text)
    first = strip_honorifics(keys, 0, len(keys), keep_one=keep_one)
    assert " ".join(keys[first:]) == " ".join(_keys(expected))
