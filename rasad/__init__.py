"""rasad (رصد): Persian news in, sourced event data out."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

# Load the `rasad.extract` subpackage before the `extract` function below is defined: the
# import system binds a subpackage onto its parent only when it is first loaded, so the
# function keeps the name `rasad.extract` however the stages are imported later.
import rasad.extract as _extract_stages  # noqa: F401  (see above)
from rasad.model import Actor, DateMention, Document, Event, Mention, Quote, Span
from rasad.pipeline import Pipeline

__all__ = [
    "Actor",
    "DateMention",
    "Document",
    "Event",
    "Mention",
    "Pipeline",
    "Quote",
    "Span",
    "extract",
]


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(
    text: str,
    *,
    published: date | str | None = None,
    source: str | None = None,
    doc_id: str = "doc",
) -> Document:
    """Run the default pipeline on one article's text.

    >>> doc = extract("ایران و بلاروس")
    >>> doc.text
    'ایران و بلاروس'
    """
    if isinstance(published, str):
        published = date.fromisoformat(published)
    doc = Document(id=doc_id, raw=text, source=source, published=published)
    return _default_pipeline()(doc)
