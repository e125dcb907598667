"""Placeholder registration until the real 'events' stage lands."""

from rasad.model import Document
from rasad.pipeline import stage


@stage("events", requires={"sentences", "entities", "dates"}, assigns={"events"})
def events(doc: Document) -> Document:
    return doc
