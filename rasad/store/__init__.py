"""The store: documents and annotations in SQLite (default) or PostgreSQL, one schema."""

from rasad.store.store import AddSummary, DyadEvent, Store
from rasad.store.writer import AddResult, StoreError

__all__ = ["AddResult", "AddSummary", "DyadEvent", "Store", "StoreError"]
