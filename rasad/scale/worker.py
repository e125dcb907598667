"""The worker side shared by every engine: run one chunk of articles through a pipeline.

Both engines ship the `Pipeline` object to a worker once (process-pool initializer, Dask
broadcast), so stage modules and their lazily cached lexicons and models load once per worker
process, never per article or per chunk.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, Protocol, TypeVar

from rasad.ingest.readers import Skipped
from rasad.model import Document
from rasad.pipeline import Pipeline

Item = Document | Skipped
# What a run does to each chunk's results where they were extracted (`run`'s `finish`): it
# takes the extracted documents and skipped inputs in input order and returns what the run
# yields for them, e.g. the store's rows (staged a chunk at once), so the parent process,
# the one writer, only writes them.
Finish = Callable[[list[Item]], list[Any]]
T = TypeVar("T", covariant=True)

_PIPELINE: Pipeline | None = None  # this worker process's pipeline (process-pool engine)
_FINISH: Finish | None = None


class ResultLike(Protocol[T]):
    """What both concurrent.futures and dask.distributed futures offer."""

    def result(self) -> T: ...


def process_item(pipeline: Pipeline, item: Item) -> Item:
    """The extracted document, or a Skipped input as it is."""
    return item if isinstance(item, Skipped) else pipeline(item)


def process_chunk(pipeline: Pipeline, chunk: list[Item], finish: Finish | None = None
                  ) -> list[Any]:
    """Skipped inputs travel with their chunk so the output keeps the input order; `finish`
    takes the chunk's results when one is given."""
    results = [process_item(pipeline, item) for item in chunk]
    return finish(results) if finish else results


def init_process(pipeline: Pipeline, finish: Finish | None = None) -> None:
    """Process-pool initializer: keep the pipeline (and `finish`) for every chunk this
    process runs."""
    global _PIPELINE, _FINISH
    _PIPELINE, _FINISH = pipeline, finish


def process_chunk_here(chunk: list[Item]) -> list[Any]:
    """Process-pool task: the chunk alone is sent; the pipeline is already here."""
    if _PIPELINE is None:
        raise RuntimeError("worker process was started without init_process")
    return process_chunk(_PIPELINE, chunk, _FINISH)


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_window(
    chunks: Iterable[list[Item]],
    submit: Callable[[list[Item]], ResultLike[list[Item]]],
    window: int,
) -> Iterator[Item]:
    """Submit chunks with at most `window` in flight; yield results in input order.

    The bound is what keeps memory flat: reading never runs more than `window` chunks ahead
    of the consumer, whatever the corpus size.
    """
    pending: deque[ResultLike[list[Item]]] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
