from __future__ import annotations

import json
import pickle

import pytest

from rasad.model import Document, Edit, OffsetMap, Span
from rasad.output import json_line


@pytest.mark.parametrize(
    ("raw", "edits", "text", "span", "raw_span"),
    [
        # same-length replacement maps character by character (ي → ی)
        ("علي رضا", [Edit(2, 3, "ی", "letters")], "علی رضا", (0, 3), (0, 3)),
        # insertion (restored ZWNJ) maps to an empty raw range at its point
        ("میتوانند", [Edit(2, 2, "\u200c", "zwnj")], "می\u200cتوانند", (3, 9), (2, 8)),
        # deletion of a tatweel: the word still maps to its whole raw range
        ("ایـران", [Edit(2, 3, "", "kashida")], "ایران", (0, 5), (0, 6)),
        # space replaced by ZWNJ keeps a one-to-one map
        ("می توانند", [Edit(2, 3, "\u200c", "zwnj")], "می\u200cتوانند", (0, 9), (0, 9)),
    ],
)
def test_model_offset_map_apply(raw, edits, text, span, raw_span):
    new_text, offsets = OffsetMap.identity(len(raw)).apply(raw, edits)
    assert new_text == text
    assert offsets.to_raw(*span) == raw_span


def test_model_offset_map_survives_pickling_compactly():
    """Maps cross a process boundary twice per article on parallel runs."""
    raw = "علي رضا میتوانند " * 200
    identity = OffsetMap.identity(len(raw))
    _, edited = identity.apply(raw, [Edit(2, 3, "ی", "letters"), Edit(10, 10, "\u200c", "zwnj")])
    for offsets in (identity, edited):
        copy = pickle.loads(pickle.dumps(offsets))
        spans = [(i, i + 1) for i in range(len(offsets))] + [(0, 0), (0, len(offsets))]
        assert [copy.to_raw(*s) for s in spans] == [offsets.to_raw(*s) for s in spans]
        assert len(copy) == len(offsets)
    assert len(pickle.dumps(identity)) < 200  # a range, not a number per character


def test_model_document_output_is_one_compact_utf8_json_line():
    doc = Document(id="d1", raw="سلام \"دنیا\"\nخط دوم")
    line = json_line(doc.to_dict())
    assert line.endswith("\n") and line.count("\n") == 1
    assert "سلام" in line and "\\u" not in line
    assert json.loads(line) == doc.to_dict()


@pytest.mark.parametrize("edits", [[Edit(0, 2, "x", "a"), Edit(1, 3, "y", "b")]])
def test_model_offset_map_rejects_overlaps(edits):
    with pytest.raises(ValueError, match="overlapping"):
        OffsetMap.identity(4).apply("abcd", edits)


@pytest.mark.parametrize("span", [(-1, 2), (3, 2), (0, 99)])
def test_model_offset_map_rejects_bad_spans(span):
    with pytest.raises(IndexError):
        OffsetMap.identity(5).to_raw(*span)


@pytest.mark.parametrize(
    ("start", "end", "mode", "expected"),
    [
        (0, 5, "strict", Span(0, 5)),  # exactly one token
        (1, 5, "strict", None),  # starts inside a token
        (1, 7, "expand", Span(0, 7)),  # widened to the tokens it touches
        (5, 6, "expand", None),  # only whitespace
    ],
)
def test_model_char_span(start, end, mode, expected):
    doc = Document(id="t", raw="ایران و بلاروس")
    doc.tokens = [Span(0, 5), Span(6, 7), Span(8, 14)]
    assert doc.char_span(start, end, mode=mode) == expected


@pytest.mark.parametrize("raw", ["یک متن", ""])
def test_model_content_hash_depends_on_raw_only(raw):
    a = Document(id="a", raw=raw, source="x")
    b = Document(id="b", raw=raw, source="y")
    assert a.content_hash == b.content_hash
    assert a.content_hash != Document(id="c", raw=raw + ".").content_hash
