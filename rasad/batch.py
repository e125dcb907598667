"""Batch runs: read inputs, run the pipeline, yield results; the CLI and scale/ build on it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from rasad.ingest.readers import Skipped, read_paths
from rasad.model import Document
from rasad.pipeline import Pipeline


def extract_paths(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Document | Skipped]:
    """Run the pipeline over every article under `paths`.

    `published` fills in the publication date of articles that carry none. Stage failures
    are recorded on the document (batch mode) so one bad article never stops the run.
    """
    pipeline = pipeline or Pipeline.from_config()
    for item in read_paths(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        if item.published is None:
            item.published = published
        yield pipeline(item)
