"""The Dask engine: the same chunks, run on a dask.distributed cluster.

The parent reads and writes (one store writer); workers only run the pipeline. The pipeline
is broadcast to every worker once and stays in its memory, so stage resources load once per
worker process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from functools import partial
from typing import TYPE_CHECKING, Any

from rasad.errors import PipelineConfigError
from rasad.pipeline import Pipeline
from rasad.scale.worker import Finish, Item, chunked, ordered_window, process_chunk

if TYPE_CHECKING:
    from distributed import Client, Future

INSTALL_HINT = "the dask engine needs dask.distributed: pip install 'dask[distributed]'"


def _client(stack: ExitStack, scheduler: str | None, workers: int) -> Client:
    """A client for the cluster at `scheduler`, or for a LocalCluster of `workers` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise PipelineConfigError(INSTALL_HINT) from err
    if scheduler is not None:
        return stack.enter_context(Client(scheduler))
    cluster = stack.enter_context(
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    )
    return stack.enter_context(Client(cluster))


def run_dask(
    items: Iterable[Item],
    pipeline: Pipeline,
    *,
    scheduler: str | None,
    workers: int,
    chunk_size: int,
    finish: Finish | None = None,
) -> Iterator[Any]:
    """Run `pipeline` (then `finish`) over `items` on Dask, in input order.

    With `scheduler=None` a LocalCluster of `workers` single-threaded processes lives for
    the run; otherwise the cluster at that address is used as it is (its size decides the
    parallelism, `workers` is ignored). Two chunks per worker thread are kept in flight;
    futures dropped early (the consumer stops) are released, which cancels their tasks.
    """
    with ExitStack() as stack:
        client = _client(stack, scheduler, workers)
        slots = max(1, sum(client.nthreads().values()))
        [shared] = client.scatter([pipeline], broadcast=True, hash=False)
        yield from ordered_window(
            chunked(items, chunk_size), partial(_submit, client, shared, finish),
            window=2 * slots
        )


def _submit(client: Client, pipeline: Future, finish: Finish | None,
            chunk: list[Item]) -> Future:
    """Scatter the chunk to a worker, then run it there.

    Articles go from the client to a worker directly: embedded in the task instead, every
    chunk would pass through the scheduler, which keeps deserialized graphs around and grows
    with the corpus.
    """
    [data] = client.scatter([chunk], hash=False)
    return client.submit(process_chunk, pipeline, data, finish, pure=False)
