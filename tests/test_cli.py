from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from rasad import cli
from rasad.cli import app
from rasad.ingest.readers import Skipped
from rasad.model import Document
from rasad.scale import ALREADY_STORED
from rasad.store import Store, staging
from rasad.store.schema import documents

runner = CliRunner()


@pytest.mark.parametrize("published", [None, "2024-07-31"])
def test_cli_extract_writes_the_contract(seeds_dir, published):
    args = ["extract", str(seeds_dir / "004_da3d466a17c7a79f.txt"), "--format", "jsonl"]
    if published:
        args += ["--published", published]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.strip().splitlines()
    data = json.loads(line)
    assert data["id"] == "004_da3d466a17c7a79f"
    assert data["published"] == published
    for key in ("text", "sentences", "entities", "dates", "quotes", "events"):
        assert key in data


@pytest.mark.parametrize("bad", ["31-07-2024", "yesterday"])
def test_cli_extract_rejects_bad_published(seeds_dir, bad):
    result = runner.invoke(app, ["extract", str(seeds_dir), "--published", bad])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output


@pytest.mark.parametrize("text", ["یک\nدو\n\nسه", "میتوانند\r\nهمکاریهای\n"])
def test_cli_normalize_keeps_line_count(text):
    result = runner.invoke(app, ["normalize", "-"], input=text)
    assert result.exit_code == 0
    assert result.stdout.count("\n") == text.count("\n")


def test_cli_every_command_has_help_with_example():
    for command in app.registered_commands:
        assert command.callback.__doc__, command.name
        assert "Example:" in command.callback.__doc__, command.callback.__name__


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory, seeds_dir):
    db = str(tmp_path_factory.mktemp("cli") / "seeds.db")
    result = runner.invoke(app, ["ingest", str(seeds_dir), "--db", db])
    assert result.exit_code == 0, result.output
    assert "ingest summary" in result.output
    return db


def test_cli_ingest_twice_stores_nothing_new(seeded_db, seeds_dir):
    result = runner.invoke(app, ["ingest", str(seeds_dir), "--db", seeded_db])
    assert result.exit_code == 0
    row = [line for line in result.output.splitlines() if "│" in line and "2" in line][-1]
    assert [cell.strip() for cell in row.strip("│ ").split("│")] == ["0", "0", "2", "0", "0"]


def test_cli_ingest_refresh_replaces_stored_articles(tmp_path, seeds_dir):
    db = str(tmp_path / "refresh.db")
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--db", db]).exit_code == 0
    with Store(db) as store:
        before = store.counts()
    result = runner.invoke(app, ["ingest", str(seeds_dir), "--db", db, "--refresh"])
    assert result.exit_code == 0, result.output
    row = [line for line in result.output.splitlines() if "│" in line and "2" in line][-1]
    assert [cell.strip() for cell in row.strip("│ ").split("│")] == ["0", "2", "0", "0", "0"]
    with Store(db) as store:
        assert store.counts() == before  # replaced in place: nothing twice


@pytest.mark.parametrize("fmt", ["jsonl", "plover", "csv"])
def test_cli_export_formats(seeded_db, fmt):
    result = runner.invoke(app, ["export", "--db", seeded_db, "--format", fmt])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    if fmt == "csv":
        assert lines[0].startswith("document_id,")
    else:
        records = [json.loads(line) for line in lines]
        key = "id" if fmt == "jsonl" else "event"
        assert records and all(key in r for r in records)


def test_cli_export_parquet(seeded_db, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    result = runner.invoke(
        app, ["export", "--db", seeded_db, "--format", "parquet", "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(path)
    assert table.num_rows > 0 and "CONSULT" in table.column("event").to_pylist()


@pytest.mark.parametrize("query", ["همکاری‌های بانکی", "همکاری های بانکی", "همکاریهای بانکی"])
def test_cli_search_finds_zwnj_variants(seeded_db, query):
    result = runner.invoke(app, ["search", query, "--db", seeded_db])
    assert result.exit_code == 0
    assert "000_14dd7ec80a022bb4" in result.output


def test_cli_search_newest_first_within_publication_days(tmp_path):
    records = [{"id": "pist-2018", "published": "2018-09-01",
                "text": "برداشت پسته و صادرات پسته و قیمت پسته در کرمان بالا رفت."},
               {"id": "pist-2022", "published": "2022-09-01",
                "text": "بازار خشکبار رفسنجان شلوغ بود و از پسته هم سخن رفت."}]
    source = tmp_path / "pistachio.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    db = str(tmp_path / "p.db")
    assert runner.invoke(app, ["ingest", str(source), "--db", db]).exit_code == 0

    def listed(*options: str) -> list[str]:
        result = runner.invoke(app, ["search", "پسته", "--db", db, *options])
        assert result.exit_code == 0, result.output
        return re.findall(r"pist-\d{4}", result.output)

    assert listed() == ["pist-2018", "pist-2022"]
    assert listed("--newest") == ["pist-2022", "pist-2018"]
    assert listed("--since", "2020-01-01") == ["pist-2022"]
    assert listed("--until", "2020-01-01") == ["pist-2018"]
    assert runner.invoke(app, ["search", "پسته", "--db", db, "--since", "1/9/2020"]).exit_code == 2


def test_cli_dyad_lists_the_meeting(seeded_db):
    result = runner.invoke(app, ["dyad", "IRN", "BLR", "--db", seeded_db])
    assert result.exit_code == 0
    assert "CONSULT" in result.output


def test_cli_demo_runs_on_the_seeds():
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "ایگور سرگینکو" in result.output and "CONSULT" in result.output


def test_cli_ingest_stores_in_batches(tmp_path, monkeypatch):
    """Documents go to the store a batch per transaction, as staged chunks of several; every
    one is counted once, by the progress line too, the skipped and the already stored
    beside them."""
    monkeypatch.setattr(cli, "INGEST_BATCH", 2)
    monkeypatch.setattr(cli, "INGEST_SECONDS", 3600.0)  # batches by size alone here
    advanced: list[float] = []
    monkeypatch.setattr(cli.Progress, "advance", lambda _, task, n=1: advanced.append(n))
    docs = [Document(id=f"d{i}", raw=f"متن شماره {i} درباره ایران.") for i in range(5)]
    chunks = [docs[:2], [docs[2], Skipped("x.bin", "binary file"), docs[3]],
              [docs[4], Skipped("d0", ALREADY_STORED), docs[1]]]
    with Store(str(tmp_path / "batches.db")) as store:
        items = [item for chunk in chunks for item in cli._finish(store)(chunk)]
        assert [type(item).__name__ for item in items] == \
            ["Extracted", "Skipped", "Extracted", "Skipped", "Extracted"]
        batches: list[list[int]] = []
        add_many = store.add_many

        def counted(items, **options):
            batches.append([len(item) for item in items])
            return add_many(items, **options)

        monkeypatch.setattr(store, "add_many", counted)
        summary = cli._ingest(iter(items), store)
        assert batches == [[2], [2], [2]]  # a transaction per batch, a chunk staged whole
        assert sorted(d["id"] for d in store.list_documents(limit=10)[0]) == [d.id for d in docs]
    assert (summary.stored, summary.duplicates, len(summary.skipped)) == (5, 2, 1)
    assert sum(advanced) == 8  # every input, once



def _fars_records(n: int) -> list[dict]:
    """n distinct articles (own id and text) made from the real Fars sample."""
    sample = Path(__file__).parent / "data" / "fars_sample.jsonl"
    records = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines()]
    return [{**records[i % len(records)], "id": f"{records[i % len(records)]['id']}-{i}",
             "text": records[i % len(records)]["text"] + f"\nشماره {i}"} for i in range(n)]


def _summary_row(output: str) -> list[str]:
    row = [line for line in output.splitlines() if line.count("│") == 6][-1]
    return [cell.strip() for cell in row.strip("│ ").split("│")]


def test_cli_ingest_stages_chunks_and_reports_every_record(tmp_path, monkeypatch):
    """`rasad ingest` hands the store chunks of several articles staged where they were
    extracted, and the summary still counts each record: a bad line and a record without
    text in the middle of a chunk are reported by their place, the chunk's other articles
    stored; a record repeated in the run is stored once, republished copies linked to their
    story's first, within a chunk and across chunks; a second run stores nothing new and
    stages nothing, --refresh replaces each."""
    records = _fars_records(18)
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    copy = json.dumps({**records[1], "id": "copy"}, ensure_ascii=False)
    lines[5:5] = ["{not json", json.dumps({"id": "no-text"})]  # lines 6 and 7
    lines[12:12] = [lines[3], copy]  # a repeat and a copy of records[1], in the first chunk
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    staged: list[int] = []
    stage = staging.Staged.of.__func__

    def counted(cls, prepared):
        staged.append(len(prepared))
        return stage(cls, prepared)

    monkeypatch.setattr(staging.Staged, "of", classmethod(counted))
    monkeypatch.setattr(cli, "INGEST_CHUNK", 16)  # two chunks of this corpus
    db = str(tmp_path / "staged.db")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    assert _summary_row(result.output) == ["19", "0", "1", "2", "0"]
    flat = "".join(result.output.split())  # the console wraps long lines
    assert f"{corpus}:6:invalidJSON" in flat and f"{corpus}:7:recordhasnousable" in flat
    assert staged == [14, 6]  # the run's chunks of 16 lines, less the 2 skipped
    with Store(db) as store:
        ids = sorted(d["id"] for d in store.list_documents(limit=50)[0])
        assert ids == sorted([r["id"] for r in records] + ["copy"])
        with store.engine.connect() as conn:
            linked = conn.execute(select(documents.c.id, documents.c.duplicate_of).where(
                documents.c.duplicate_of.is_not(None))).all()
        before = store.counts()
    # the sample's 4 stories, each in several chunks, are linked to their first copy
    assert dict(linked) == {"copy": records[1]["id"]} | {
        r["id"]: records[i % 4]["id"] for i, r in enumerate(records) if i >= 4}
    staged.clear()
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert _summary_row(again.output) == ["0", "0", "20", "2", "0"] and staged == []
    refreshed = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--refresh"])
    assert _summary_row(refreshed.output) == ["0", "19", "1", "2", "0"]
    assert staged == [14, 6]
    with Store(db) as store:
        assert store.counts() == before
