"""Placeholder registration until the real 'entities' stage lands."""

from rasad.model import Document
from rasad.pipeline import stage


@stage("entities", requires={"tokens"}, assigns={"entities", "actors", "roles"})
def entities(doc: Document) -> Document:
    return doc
