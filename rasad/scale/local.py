"""The process-pool engine: N worker processes on this machine."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from rasad.pipeline import Pipeline
from rasad.scale.worker import (
    Finish,
    Item,
    chunked,
    init_process,
    ordered_window,
    process_chunk_here,
)


def run_local(
    items: Iterable[Item], pipeline: Pipeline, *, workers: int, chunk_size: int,
    finish: Finish | None = None,
) -> Iterator[Any]:
    """Run `pipeline` (then `finish`) over `items` in `workers` processes, in input order.

    Processes are spawned, not forked: a fork would copy whatever threads and open
    connections the parent holds (the store's, a web server's), and spawn behaves the same on
    Linux, macOS and Windows.
    """
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=init_process,
        initargs=(pipeline, finish),
    ) as pool:
        try:
            yield from ordered_window(
                chunked(items, chunk_size),
                lambda chunk: pool.submit(process_chunk_here, chunk),
                window=2 * workers,
            )
        finally:
            pool.shutdown(cancel_futures=True)
