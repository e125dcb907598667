"""Every engine gives the single-process output, record for record, on real articles."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from rasad.errors import PipelineConfigError, StageError
from rasad.ingest.readers import Skipped, read_paths
from rasad.model import Document
from rasad.pipeline import DEFAULT_STAGES, Pipeline, stage
from rasad.scale import ALREADY_STORED, extract_paths, run
from rasad.scale import extract_paths as extract_single

FARS_SAMPLE = Path(__file__).parent / "data" / "fars_sample.jsonl"
MARKER = "«انفجار»"  # an article carrying this makes the test stage raise
ENGINES = ["local", "dask"]


@stage("test_explode", requires={"text"}, assigns={"exploded"})
def _explode(doc: Document) -> Document:
    if MARKER in doc.text:
        raise ValueError("test stage refuses this article")
    return doc


@stage("test_pid", requires={"text"}, assigns={"pid"})
def _pid(doc: Document) -> Document:
    doc.source = f"pid:{os.getpid()}"
    return doc


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A real two-process Dask cluster, shared by this module's tests."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def real_paths(seeds_dir: Path) -> list[Path]:
    return [seeds_dir, FARS_SAMPLE]


def _record(item: Document | Skipped) -> Any:
    return item if isinstance(item, Skipped) else item.to_dict()


def _engine(name: str, scheduler: str) -> dict[str, Any]:
    """Two workers: a process pool, or the module's Dask cluster."""
    if name == "dask":
        return {"engine": "dask", "scheduler": scheduler}
    return {"engine": "local", "workers": 2}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("chunk_size", [1, 4])
def test_engine_equals_single_process(real_paths, scheduler, engine, chunk_size):
    pipe = Pipeline.from_config()
    expected = [_record(x) for x in extract_single(real_paths, pipeline=pipe)]
    items = run(
        read_paths(real_paths), pipeline=pipe, chunk_size=chunk_size, **_engine(engine, scheduler)
    )
    assert len(expected) >= 6
    assert [_record(x) for x in items] == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_extract_paths_fills_the_default_date(real_paths, scheduler, engine):
    day = date(2024, 7, 31)
    expected = [_record(x) for x in extract_single(real_paths, published=day)]
    got = [
        _record(x) for x in extract_paths(real_paths, published=day, **_engine(engine, scheduler))
    ]
    assert got == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_articles_run_in_worker_processes(seed_texts, scheduler, engine):
    pipe = Pipeline(["normalize", "test_pid"])
    docs = [Document(id=name, raw=text) for name, text in seed_texts.items()]
    got = list(run(docs, pipeline=pipe, chunk_size=1, **_engine(engine, scheduler)))
    pids = {doc.source for doc in got}
    assert pids and f"pid:{os.getpid()}" not in pids


@pytest.mark.parametrize("engine", ENGINES)
def test_a_long_input_streams_with_reading_a_bounded_distance_ahead(scheduler, engine):
    """Flat memory: the parent reads only a few chunks ahead of what the consumer took."""
    read = 0

    def long_corpus() -> Iterator[Document]:
        nonlocal read
        for number in range(100_000):
            read += 1
            yield Document(id=str(number), raw="خبر کوتاه امروز")

    chunk, window = 2, 4  # two chunks in flight per worker, two workers
    results = run(
        long_corpus(),
        pipeline=Pipeline(["normalize"]),
        chunk_size=chunk,
        **_engine(engine, scheduler),
    )
    assert [doc.id for doc in islice(results, 10)] == [str(n) for n in range(10)]
    results.close()
    assert read <= 10 + (window + 1) * chunk


def _batch_with_a_bad_article(seed_texts: dict[str, str]) -> list[Document | Skipped]:
    good = [Document(id=name, raw=text) for name, text in seed_texts.items()]
    bad = Document(id="bad", raw=f"خبر {MARKER} امروز")
    return [good[0], bad, Skipped("x.jsonl:3", "invalid JSON"), *good[1:]]


@pytest.mark.parametrize(("engine", "workers"), [("local", 1), ("local", 2), ("dask", 2)])
def test_failed_article_is_recorded_and_the_run_goes_on(seed_texts, scheduler, engine, workers):
    pipe = Pipeline([*DEFAULT_STAGES, "test_explode"], on_error="record")
    batch = _batch_with_a_bad_article(seed_texts)
    kwargs = _engine(engine, scheduler) | {"workers": workers}
    got = list(run(batch, pipeline=pipe, chunk_size=2, **kwargs))
    assert [getattr(x, "id", None) or x.where for x in got] == [
        getattr(x, "id", None) or x.where for x in batch
    ]
    failures = {x.id: [f.stage for f in x.failures] for x in got if isinstance(x, Document)}
    assert failures.pop("bad") == ["test_explode"]
    assert all(stages == [] for stages in failures.values())


@pytest.mark.parametrize("engine", ENGINES)
def test_strict_pipeline_stops_as_in_one_process(seed_texts, scheduler, engine):
    pipe = Pipeline(["normalize", "test_explode"], on_error="raise")
    with pytest.raises(StageError, match="test_explode.*bad"):
        list(
            run(_batch_with_a_bad_article(seed_texts), pipeline=pipe, **_engine(engine, scheduler))
        )


def test_known_articles_are_skipped_before_any_work(seed_texts):
    pipe = Pipeline(["normalize", "test_explode"], on_error="raise")
    batch = [Document(id="bad", raw=f"خبر {MARKER}"), Document(id="new", raw="خبر تازه")]
    got = list(run(batch, pipeline=pipe, known=lambda doc: doc.id == "bad"))
    assert got[0] == Skipped("bad", ALREADY_STORED)
    assert isinstance(got[1], Document) and got[1].id == "new"


@pytest.mark.parametrize("kwargs", [{"engine": "spark"}, {"workers": 0}, {"chunk_size": 0}])
def test_bad_settings_are_refused_at_the_call(kwargs):
    with pytest.raises(PipelineConfigError):
        run([], **kwargs)
