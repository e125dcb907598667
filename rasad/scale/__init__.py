"""Scale: the same pipeline on one core, a process pool, or a Dask cluster.

The parent process reads the input as a stream and consumes the results as a stream (it is
the one writer: JSONL or the store); workers only run the pipeline. Articles travel in chunks
with a bounded number in flight, so peak memory does not grow with the corpus. Results come
back in input order, so every engine gives the single-process output record for record.

    for item in run(read_paths(["corpus.jsonl"]), workers=4):
        ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal

from rasad.errors import PipelineConfigError
from rasad.ingest.readers import Skipped, read_paths
from rasad.model import Document
from rasad.pipeline import Pipeline
from rasad.scale.worker import Finish, Item, chunked, process_chunk

Engine = Literal["local", "dask"]
ENGINES: tuple[str, ...] = ("local", "dask")
# Articles per task: large enough to amortize transfer, small to balance. A Dask task costs
# the client about 10 ms of its own CPU (scatter, submit, gather), which competes with the
# workers on the same machine, so its chunks are larger.
CHUNK_SIZE = {"local": 16, "dask": 48}
ALREADY_STORED = "already stored"  # the reason `run` gives for articles `known` says it has

__all__ = ["ALREADY_STORED", "ENGINES", "Engine", "extract_paths", "run"]


def _unknown(items: Iterable[Item], known: Callable[[Document], bool]) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Document) and known(item):
            yield Skipped(item.id, ALREADY_STORED)
        else:
            yield item


def run(
    items: Iterable[Item],
    *,
    pipeline: Pipeline | None = None,
    workers: int = 1,
    engine: Engine = "local",
    scheduler: str | None = None,
    chunk_size: int | None = None,
    known: Callable[[Document], bool] | None = None,
    finish: Finish | None = None,
) -> Iterator[Any]:
    """Run `pipeline` (default: the shipped config) over `items`, yielding in input order.

    engine="local": `workers` processes (1 runs in this process, no pool). engine="dask": the
    cluster at `scheduler`, or a LocalCluster of `workers` processes when None. `known(doc)`
    true turns an article into `Skipped(doc.id, ALREADY_STORED)` before any work is done on it
    (a re-run skips what the store holds). `finish(results)`, a module-level function (or a
    partial of one), is applied to each chunk's results (documents and Skipped inputs, in
    input order) where they were extracted, and what it returns is yielded instead (`rasad
    ingest` stages the store's rows in the workers so). `chunk_size` (articles per task)
    defaults to the engine's CHUNK_SIZE; in one process, articles are extracted a chunk at
    a time only for a `finish`, else each is yielded as soon as it is extracted. Stage
    failures are recorded on the document when the pipeline's on_error is "record"; with
    "raise" the first one stops the run, as it does in a single process.
    """
    if engine not in ENGINES:
        raise PipelineConfigError(f"unknown engine {engine!r}; expected one of {ENGINES}")
    chunk_size = CHUNK_SIZE[engine] if chunk_size is None else chunk_size
    if workers < 1 or chunk_size < 1:
        raise PipelineConfigError(
            f"workers and chunk_size must be >= 1, got {workers} and {chunk_size}"
        )
    pipeline = pipeline or Pipeline.from_config()
    if known is not None:
        items = _unknown(items, known)
    if engine == "dask":
        from rasad.scale.dask import run_dask

        return run_dask(items, pipeline, scheduler=scheduler, workers=workers,
                        chunk_size=chunk_size, finish=finish)
    if workers == 1:
        return (result for chunk in chunked(items, chunk_size if finish else 1)
                for result in process_chunk(pipeline, chunk, finish))
    from rasad.scale.local import run_local

    return run_local(items, pipeline, workers=workers, chunk_size=chunk_size, finish=finish)


def _dated(items: Iterable[Item], published: date | None) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Document) and item.published is None:
            item.published = published
        yield item


def extract_paths(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    pipeline: Pipeline | None = None,
    workers: int = 1,
    engine: Engine = "local",
    scheduler: str | None = None,
    chunk_size: int | None = None,
    known: Callable[[Document], bool] | None = None,
    finish: Finish | None = None,
) -> Iterator[Any]:
    """Run the pipeline over every article under `paths` on any engine; `published` fills in
    the publication date of articles that carry none. What `rasad extract`/`ingest` call."""
    return run(
        _dated(read_paths(paths), published),
        pipeline=pipeline,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        chunk_size=chunk_size,
        known=known,
        finish=finish,
    )
