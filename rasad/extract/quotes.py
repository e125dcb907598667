"""Placeholder registration until the real 'quotes' stage lands."""

from rasad.model import Document
from rasad.pipeline import stage


@stage("quotes", requires={"sentences", "entities"}, assigns={"quotes"})
def quotes(doc: Document) -> Document:
    return doc
