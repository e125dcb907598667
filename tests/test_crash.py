"""Crash safety: an ingest killed with SIGKILL mid-run and run again loses nothing and
duplicates nothing, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from rasad.store import Store

SAMPLE = Path(__file__).parent / "data" / "fars_sample.jsonl"
N_ARTICLES = 300  # several of `rasad ingest`'s half-second batches, even on a fast machine


def _corpus(path: Path) -> set[str]:
    """N distinct articles made from the real Fars sample (each with its own id and text)."""
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    ids = set()
    with path.open("w", encoding="utf-8") as sink:
        for i in range(N_ARTICLES):
            record = dict(records[i % len(records)])
            record["id"] = f"{record['id']}-{i}"
            record["text"] += f"\nشماره {i}"
            ids.add(record["id"])
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    return ids


def _ingest(corpus: Path, db: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "rasad", "ingest", str(corpus), "--db", db]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _stored_ids(db: str) -> list[str]:
    with Store(db) as store:
        items, _ = store.list_documents(offset=0, limit=10 * N_ARTICLES)
        return [item["id"] for item in items]


@pytest.fixture(params=["sqlite", "postgresql"])
def crash_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "crash.db")
    server = request.getfixturevalue("postgres_url")
    name = f"crash_{tmp_path.name[-20:].lower().replace('-', '_')}"
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.rsplit("/", 1)[0] + "/" + name


def test_crash_sigkill_mid_ingest_loses_and_duplicates_nothing(tmp_path, crash_db):
    corpus = tmp_path / "corpus.jsonl"
    ids = _corpus(corpus)
    proc = _ingest(corpus, crash_db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            if len(_stored_ids(crash_db)) >= 5:
                break
        except Exception:  # noqa: BLE001 - the store may not be created yet
            continue
    assert proc.poll() is None, "ingest finished before it could be killed: make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _stored_ids(crash_db)
    assert 0 < len(partial) < N_ARTICLES
    rerun = _ingest(corpus, crash_db)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr.decode()
    stored = _stored_ids(crash_db)
    assert sorted(stored) == sorted(ids)  # none lost, none twice
    with Store(crash_db) as store:
        counts = store.counts()
        for doc_id in partial[:3]:  # documents written before the kill are whole
            assert store.get_document(doc_id)["sentences"]
    assert counts["documents"] == N_ARTICLES
