"""Anchor words: a pattern skipped for lacking them could never have matched."""

from __future__ import annotations

import json
import re
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from rasad.extract.anchors import Anchors, anchor_words, letter_fold
from rasad.extract.contexts import tolerant, word_regex
from rasad.extract.parties import lexicon

SAMPLE = Path(__file__).parent / "data" / "fars_sample.jsonl"


def _texts() -> list[str]:
    """Real paragraphs: the Fars sample and the seed articles."""
    texts = [json.loads(line)["text"] for line in SAMPLE.open(encoding="utf-8")]
    demo = files("rasad.resources") / "demo"
    texts += [p.read_text(encoding="utf-8") for p in demo.iterdir() if p.name.endswith(".txt")]
    return [para for text in texts for para in text.split("\n") if para.strip()]


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("(دیدار|ملاقات) (کرد|کردند)", {"دیدار", "ملاقات"}),  # the longer group wins
        ("تا?کید (کرد|دارد)", {"کید"}),  # an optional letter splits the run
        ("(?<!به[\\s\\u200c])اتهام", {"اتهام"}),  # a look-around requires nothing
        ("از( [^\\s.:،؛]+){1,6} (خواست|خواستند)", {"خواست", "خواستند"}),
        ("(عفو|بخشودگی)? شد", {"شد"}),  # an optional group requires nothing
        ("گفت و گو", {"گفت"}),  # a gap may be empty: runs end there
        ("تحریم|\\S+ محروم", {"تحریم", "محروم"}),
    ],
)
def test_anchor_words_of_a_pattern(pattern: str, words: set[str]) -> None:
    assert anchor_words(pattern) == words


@pytest.mark.parametrize("pattern", ["\\S+ \\S+", "(?i)دیدار", "(?P<x>دیدار)", "\\1", "(دیدار"])
def test_pattern_without_readable_anchor_is_always_run(pattern: str) -> None:
    assert anchor_words(pattern) is None
    assert Anchors([pattern]).possible("هیچ کلمه ای") == [True]


def test_variant_spellings_keep_the_pattern_possible() -> None:
    anchors = Anchors(["(دیدار|ملاقات) (کرد|کردند)", "تحریم"])
    assert anchors.possible("وزيران دو كشور ديدار كردند") == [True, False]  # Arabic yeh/kaf
    assert anchors.possible("آنها گفت و گو کردند") == [False, False]


def test_letter_fold_covers_every_variant_tolerant_accepts() -> None:
    """`letter_fold` reads the variants off `tolerant`'s brackets; check them over the BMP."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    fold = letter_fold("یکهاآ")
    for letter in "یکهاآ":
        for variant in re.findall(tolerant(letter), every):
            assert variant.translate(fold) == letter.translate(fold)


def test_no_event_pattern_match_is_skipped() -> None:
    """Wherever an event pattern matches real text, its anchors call it possible."""
    rows = lexicon()["patterns"]
    anchors = Anchors(row["pattern"] for row in rows)
    assert all(anchor_words(row["pattern"]) for row in rows)  # every pattern is anchored
    matched = 0
    for text in _texts():
        possible = anchors.possible(text)
        for row, maybe in zip(rows, possible, strict=True):
            if word_regex(row["pattern"]).search(text):
                matched += 1
                assert maybe, (row["id"], text)
    assert matched > 10
