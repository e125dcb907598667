from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rasad import cli
from rasad.cli import app
from rasad.ingest.readers import Skipped
from rasad.model import Document
from rasad.scale import ALREADY_STORED
from rasad.store import Store

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


def test_cli_dyad_lists_the_meeting(seeded_db):
    result = runner.invoke(app, ["dyad", "IRN", "BLR", "--db", seeded_db])
    assert result.exit_code == 0
    assert "CONSULT" in result.output


def test_cli_demo_runs_on_the_seeds():
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "ایگور سرگینکو" in result.output and "CONSULT" in result.output


def test_cli_ingest_stores_in_batches(tmp_path, monkeypatch):
    """Documents go to the store a batch per transaction; every one is counted once, the
    skipped and the already stored beside them."""
    monkeypatch.setattr(cli, "INGEST_BATCH", 2)
    monkeypatch.setattr(cli, "INGEST_SECONDS", 3600.0)  # batches by size alone here
    docs = [Document(id=f"d{i}", raw=f"متن شماره {i} درباره ایران.") for i in range(5)]
    items = [*docs, Skipped("x.bin", "binary file"), Skipped("d0", ALREADY_STORED), docs[1]]
    with Store(str(tmp_path / "batches.db")) as store:
        batches: list[int] = []
        add_many = store.add_many

        def counted(docs, **options):
            batches.append(len(docs))
            return add_many(docs, **options)

        monkeypatch.setattr(store, "add_many", counted)
        summary = cli._ingest(iter(items), store)
        assert batches == [2, 2, 2]  # one transaction per batch, not one per document
        assert sorted(d["id"] for d in store.list_documents(limit=10)[0]) == [d.id for d in docs]
    assert (summary.stored, summary.duplicates, len(summary.skipped)) == (5, 2, 1)
