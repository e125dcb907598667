"""Placeholder registration until the real 'normalize' stage lands."""

from rasad.model import Document
from rasad.pipeline import stage


@stage("normalize", assigns={"text"})
def normalize(doc: Document) -> Document:
    return doc
