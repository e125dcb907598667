"""Placeholder registration until the real 'dates' stage lands."""

from rasad.model import Document
from rasad.pipeline import stage


@stage("dates", requires={"sentences"}, assigns={"dates"})
def dates(doc: Document) -> Document:
    return doc
