"""The bad-input catalogue (tests/data/bad, rebuilt by make.py there): every way Persian news
arrives broken gives either a document or a skip naming the file/record and the reason, and
the rest of the batch goes through."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.ingest.readers import MAX_ARTICLE_CHARS, Skipped, read_paths
from rasad.pipeline import Pipeline

BAD = Path(__file__).parent / "data" / "bad"

ACCEPTED = [
    "cp1256.txt",
    "utf16le_bom.txt",
    "utf16be_bom.txt",
    "utf16le_nobom.txt",
    "utf16be_nobom.txt",
    "nul_bytes.txt",  # a few stray NULs in a text file: kept, removed by normalization
    "bidi_controls.txt",
    "long_line.txt",
    "malformed.html",
]
REJECTED = [
    ("binary.txt", "binary"),
    ("empty.txt", "empty"),
    ("whitespace.txt", "empty"),
    ("english.txt", "not Persian: mostly Latin"),
    ("arabic.txt", "not Persian: Arabic"),
    ("deeply_nested.html", "no article text"),
]


@pytest.mark.parametrize("name", ACCEPTED)
def test_bad_inputs_readable_files_become_documents(name):
    (doc,) = read_paths([BAD / name])
    assert not isinstance(doc, Skipped), doc
    assert "درگیری" in doc.raw.replace("ي", "ی")  # the story decoded, not mojibake


@pytest.mark.parametrize("name", ACCEPTED)
def test_bad_inputs_pipeline_survives_accepted_files(name):
    (doc,) = read_paths([BAD / name])
    doc = Pipeline(on_error="record")(doc)
    assert doc.failures == []
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in doc.text)  # controls removed


@pytest.mark.parametrize(("name", "reason"), REJECTED)
def test_bad_inputs_rejected_files_name_file_and_reason(name, reason):
    (item,) = read_paths([BAD / name])
    assert isinstance(item, Skipped)
    assert name in item.where
    assert reason in item.reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (2, "invalid JSON"),
        (3, "not a JSON object"),
        (4, "'text'"),
        (5, "'text'"),
        (6, "'id'"),
        (7, "bad publication date"),
        (9, "invalid JSON"),  # a half-written last line
    ],
)
def test_bad_inputs_jsonl_records_name_line_and_reason(line, reason):
    items = list(read_paths([BAD / "records.jsonl"]))
    skipped = {int(i.where.rsplit(":", 1)[1]): i.reason for i in items if isinstance(i, Skipped)}
    assert reason in skipped[line]
    assert sorted(i.id for i in items if not isinstance(i, Skipped)) == ["ok-1", "ok-2"]


def test_bad_inputs_rss_entry_without_text_is_reported_and_others_kept():
    items = list(read_paths([BAD / "missing_fields.rss"]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped"]
    assert "entry 2" in items[1].reason


@pytest.mark.parametrize("size_mb", [10])
def test_bad_inputs_huge_article_is_skipped(tmp_path, size_mb):
    path = tmp_path / "huge.txt"
    path.write_text("ایران و بلاروس " * (size_mb * 1024 * 1024 // 27), encoding="utf-8")
    (item,) = read_paths([path])
    assert isinstance(item, Skipped) and "too large" in item.reason
    assert str(MAX_ARTICLE_CHARS) in item.reason


def test_bad_inputs_whole_folder_goes_through():
    items = list(read_paths([BAD]))
    docs = [i for i in items if not isinstance(i, Skipped)]
    assert len(docs) == len(ACCEPTED) + 3  # + the RSS entry and two good JSONL records


def test_bad_inputs_jsonl_streams_and_reports_a_late_bad_byte(tmp_path):
    good = '{"id": "r%d", "text": "ایران و بلاروس در تهران دیدار کردند و گفت‌وگو کردند"}\n'
    body = "".join(good % i for i in range(1000)).encode()  # past the checked head
    path = tmp_path / "late.jsonl"
    path.write_bytes(body + b'{"id": "bad", "text": "\xff\xfe"}\n')
    items = list(read_paths([path]))
    assert sum(1 for i in items if not isinstance(i, Skipped)) == 1000
    assert isinstance(items[-1], Skipped) and "not UTF-8" in items[-1].reason
    assert items[-1].where.endswith(":1001")
