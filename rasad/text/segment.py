"""Placeholder registration until the real 'segment' stage lands."""

from rasad.model import Document
from rasad.pipeline import stage


@stage("segment", requires={"text"}, assigns={"sentences", "tokens"})
def segment(doc: Document) -> Document:
    return doc
