from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest

from rasad.errors import InputError
from rasad.ingest.decode import decode_bytes
from rasad.ingest.readers import Skipped, read_jsonl_lines, read_paths

# Windows-1256 has Arabic yeh (ي) but no Persian yeh (ی), as in old Persian archives.
PERSIAN = "ايگور سرگينکو رئيس پارلمان بلاروس با محمدباقر قاليباف ديدار کرد. پيک و ژاله گفتند."


@pytest.mark.parametrize(
    "data",
    [
        PERSIAN.encode("utf-8"),
        codecs.BOM_UTF8 + PERSIAN.encode("utf-8"),
        PERSIAN.encode("cp1256"),
        PERSIAN.encode("utf-16"),  # with BOM
        PERSIAN.encode("utf-16-le"),  # without BOM
        PERSIAN.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "cp1256", "utf16-bom", "utf16le", "utf16be"],
)
def test_ingest_decodes_common_encodings(data):
    assert decode_bytes(data, where="a.txt") == PERSIAN


@pytest.mark.parametrize(
    "data", [bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(300)], ids=["bytes", "png"]
)
def test_ingest_rejects_binary_naming_the_file(data):
    with pytest.raises(InputError, match="blob.txt"):
        decode_bytes(data, where="blob.txt")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "a", "text": "متن"', "invalid JSON"),
        ('["a", "b"]', "not a JSON object"),
        ('{"id": "a"}', "'text'"),
        ('{"id": "a", "text": 5}', "'text'"),
        ('{"text": "متن"}', "'id'"),
        ('{"id": "a", "text": "متن", "published": "31/07/2024"}', "bad publication date"),
        ('{"id": "a", "text": "متن", "source": 7}', "'source'"),
        ('{"id": "a", "text": "   "}', "empty"),
    ],
)
def test_ingest_bad_jsonl_records_are_skipped_with_reason(line, reason):
    good = json.dumps({"id": "ok", "text": PERSIAN, "published": "2024-07-31"})
    items = list(read_jsonl_lines([good, line, good], name="in.jsonl"))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    assert items[1].where == "in.jsonl:2"
    assert reason in items[1].reason
    assert str(items[0].published) == "2024-07-31"


@pytest.mark.parametrize("published", ["2024-07-31", "2024-07-31T10:20:00+03:30", None])
def test_ingest_jsonl_metadata(published):
    record = {"id": 7, "text": PERSIAN, "source": "خبرگزاری مهر", "url": "u", "title": "t"}
    if published:
        record["published"] = published
    (doc,) = read_jsonl_lines([json.dumps(record)], name="x")
    assert (doc.id, doc.source, doc.url, doc.title) == ("7", "خبرگزاری مهر", "u", "t")
    assert (doc.published is None) == (published is None)


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16"])
def test_ingest_folder_mixes_encodings_and_reports_bad_files(tmp_path: Path, encoding):
    (tmp_path / "a.txt").write_bytes(PERSIAN.encode(encoding))
    (tmp_path / "b.txt").write_text(PERSIAN, encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "d.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "e.jsonl").write_text(json.dumps({"id": "e1", "text": PERSIAN}) + "\n{bad\n")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    docs = {i.id: i.raw for i in items if not isinstance(i, Skipped)}
    skipped = {Path(i.where.split(":")[0]).name: i.reason for i in items if isinstance(i, Skipped)}
    assert docs == {"a": PERSIAN, "b": PERSIAN, "e1": PERSIAN}
    assert set(skipped) == {"c.txt", "d.txt", "e.jsonl", "missing.txt"}
    assert "binary" in skipped["c.txt"] and "empty" in skipped["d.txt"]


@pytest.mark.parametrize("lines", [[json.dumps({"id": "s", "text": PERSIAN})]])
def test_ingest_reads_stdin(lines):
    (doc,) = read_paths(["-"], stdin=io.StringIO("\n".join(lines)))
    assert doc.id == "s"


def test_ingest_seed_file_stem_is_id(seeds_dir):
    docs = list(read_paths([seeds_dir]))
    assert sorted(d.id for d in docs) == ["000_14dd7ec80a022bb4", "004_da3d466a17c7a79f"]


PAGES = Path(__file__).parent / "data" / "pages"


def test_ingest_html_page_main_text_and_metadata():
    (doc,) = read_paths([PAGES / "mehr_sergeenko.html"])
    assert doc.id == "mehr_sergeenko"
    assert doc.raw.startswith("به گزارش خبرگزاری مهر")
    assert "گفت\u200cوگو" in doc.raw  # &zwnj; survives main-text extraction
    assert "صفحه اصلی" not in doc.raw and "حقوق" not in doc.raw  # navigation and footer dropped
    assert doc.title == "دیدار رئیس پارلمان بلاروس با قالیباف"
    assert str(doc.published) == "2024-07-31"


def test_ingest_rss_entries_become_articles_and_bad_entries_are_reported():
    items = list(read_paths([PAGES / "fars.rss"]))
    docs = [i for i in items if not isinstance(i, Skipped)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(docs) == 2
    assert docs[0].url == "https://www.farsnews.ir/news/8603100204"
    assert str(docs[0].published) == "2007-05-31"
    assert docs[0].source == "خبرگزاری فارس"
    assert "برنامه‌هاي" in docs[0].raw
    assert docs[1].published is None  # an unparseable pubDate is dropped, not guessed
    assert len(skipped) == 1 and "no text" in skipped[0].reason


@pytest.mark.parametrize("name", ["broken.rss"])
def test_ingest_malformed_feed_is_skipped_with_reason(name, tmp_path):
    items = list(read_paths([PAGES / name]))
    assert all(isinstance(i, Skipped) for i in items) and items
    assert name in items[0].where
