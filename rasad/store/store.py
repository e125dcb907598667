"""`Store`: the one object the CLI, the API and batch jobs use to keep and query documents.

`Store("rasad.db")` opens (or creates) an embedded SQLite file: WAL journal so readers never
block the writer, foreign keys on, and every write in a `BEGIN IMMEDIATE` transaction so two
writers queue up instead of failing halfway. `Store("postgresql+psycopg://…")` opens the
team store with the same schema. Opening applies any migrations not yet recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.pool import StaticPool

from rasad.model import Document
from rasad.store import queries
from rasad.store.migrations import migrate
from rasad.store.schema import (
    actors,
    dates,
    documents,
    event_participants,
    events,
    mentions,
    quotes,
    roles,
)
from rasad.store.staging import Staged, as_prepared, write_items
from rasad.store.writer import (
    AddResult,
    Prepared,
    StoreError,
    prepare,
    write_document,
)

BUSY_TIMEOUT_S = 30  # how long a SQLite writer waits for another writer's transaction
WAL_CHECKPOINT_BYTES = 40 << 20  # SQLite's WAL size that triggers a checkpoint (see below)


@dataclass(slots=True)
class AddSummary:
    """What `add_many` did; `failed` lists (document id, why) for documents not stored."""

    added: int = 0
    replaced: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def record(self, result: AddResult) -> None:
        if result.status == "added":
            self.added += 1
        elif result.status == "replaced":
            self.replaced += 1
        else:
            self.duplicates += 1


@dataclass(frozen=True, slots=True)
class DyadEvent:
    """One event of a dyad timeline: who did what to whom, when, and the sentence saying so."""

    document_id: str
    type: str
    mode: str | None
    date: str | None
    source: dict[str, Any] | None  # participant: text, country, sector, actor_id, name_en
    target: dict[str, Any] | None
    evidence: str  # the evidence sentence
    evidence_span: tuple[int, int]  # its offsets in the document's normalized text
    row: dict[str, Any]  # the full event row (quad, score, contexts, all participants...)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DyadEvent:
        start, end = row["evidence"]
        return cls(row["document_id"], row["type"], row["mode"], row["date"], row["source"],
                   row["target"], row["evidence_text"], (start, end), row)

    @staticmethod
    def _label(party: dict[str, Any] | None) -> str:
        if party is None:
            return "—"
        code = " ".join(x for x in (party["country"], party["sector"]) if x) or "—"
        return f"{code} ({party['text']})"

    @property
    def date_label(self) -> str:
        """The event's date, else its article's publication day in brackets, else «—»."""
        published = self.row.get("published")
        return self.date or (f"({published})" if published else "—")

    @property
    def source_label(self) -> str:
        return self._label(self.source)

    @property
    def target_label(self) -> str:
        return self._label(self.target)


def _url(url_or_path: str) -> str:
    """A SQLAlchemy URL; a plain path (or ':memory:') means an SQLite file, and a plain
    `postgresql://` URL uses psycopg 3 (the driver rasad installs), not psycopg2."""
    if "://" not in url_or_path:
        return f"sqlite:///{url_or_path}"
    scheme, rest = url_or_path.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return url_or_path


def _sqlite_engine(url: str) -> Engine:
    memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S},
        poolclass=StaticPool if memory else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _: Any) -> None:
        # Let SQLAlchemy's "begin" event, not the driver, open transactions.
        dbapi_conn.isolation_level = None
        # 16 KiB pages (the default is 4) for a new file, set before anything is written: an
        # article's row spans several pages, and with a quarter as many WAL frames to write
        # a batch's commit took 0.035 instead of 0.09 ms per article (about a tenth of
        # SQLite's time). Existing files keep their page size.
        # A 32 MiB page cache (the default is 2): a large store's index pages stay in memory.
        # Checkpoints every 40 MiB of WAL (the default is 1,000 pages): a batch of articles
        # writes about that much, and copying it back once per batch, not a few times, cost
        # a quarter of the commit time.
        for pragma in ("page_size=16384", "journal_mode=WAL", "foreign_keys=ON",
                       "synchronous=NORMAL", "cache_size=-32768"):
            dbapi_conn.execute(f"PRAGMA {pragma}")
        page = dbapi_conn.execute("PRAGMA page_size").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_BYTES // page}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine


def _batches(items: Iterable[Document | Prepared | Staged], size: int
             ) -> Iterator[list[Document | Prepared | Staged]]:
    """Items in lists of at least `size` documents (a staged chunk counts its documents),
    the last one shorter."""
    batch: list[Document | Prepared | Staged] = []
    held = 0
    for item in items:
        batch.append(item)
        held += len(item) if isinstance(item, Staged) else 1
        if held >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


class Store:
    """Documents and their annotations in SQLite or PostgreSQL; see the module docstring."""

    def __init__(self, url_or_path: str) -> None:
        self.url = _url(url_or_path)
        if self.url.startswith("sqlite"):
            self.engine = _sqlite_engine(self.url)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        self._write_lock = threading.Lock()  # one writer per process; the DB locks across
        with self._writing() as conn:
            migrate(conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self._write_lock, self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # ---- writes -------------------------------------------------------------------------

    def add(self, doc: Document) -> AddResult:
        """Store one document in its own transaction (idempotent on its content hash)."""
        with self._writing() as conn:
            return write_document(conn, doc)

    def add_many(self, docs: Iterable[Document | Prepared | Staged], *,
                 batch_size: int = 500, refresh: bool = False) -> AddSummary:
        """Store documents, one transaction per batch of `batch_size` documents, and one
        INSERT per table per batch (or per staged chunk). `refresh` replaces stored
        documents of the same content too (their annotations re-extracted).

        Items may be documents, their rows already made by `writer.prepare_chunk` in
        worker processes, or chunks of them staged by `staging.stage_chunk`: then this
        process only runs the SQL. A document whose spans do not fit its text is listed in
        `failed` before anything is written. If the database refuses a batch, it is rolled
        back and retried a document at a time, each in a savepoint, so only the refused
        documents are left out. If the process dies, the open batch is rolled back whole by
        the database.
        """
        summary = AddSummary()
        for batch in _batches(docs, batch_size):
            ready: list[Prepared | Staged] = []
            for doc in batch:
                try:
                    ready.append(doc if isinstance(doc, Prepared | Staged) else prepare(doc))
                except StoreError as error:
                    summary.failed.append((doc.id, str(error)))
            with self._writing() as conn:
                for result in self._write_or_split(conn, ready, summary, refresh):
                    summary.record(result)
        return summary

    @staticmethod
    def _write_or_split(conn: Connection, ready: list[Prepared | Staged],
                        summary: AddSummary, refresh: bool) -> list[AddResult]:
        try:
            with conn.begin_nested():
                return write_items(conn, ready, refresh=refresh)
        except (IntegrityError, DataError):
            pass  # find the refused documents one by one
        results = []
        for one in (p for item in ready for p in as_prepared(item)):
            try:
                with conn.begin_nested():
                    results += write_items(conn, [one], refresh=refresh)
            except (IntegrityError, DataError) as error:
                summary.failed.append((one.doc_id, str(error).splitlines()[0]))
        return results

    # ---- reads --------------------------------------------------------------------------

    def known(self, doc: Document) -> bool:
        """Whether this version of `doc` (its id and content hash) is stored: `add` would skip
        it, so a re-run need not extract it (rasad.scale's `known`)."""
        with self._reading() as conn:
            found = conn.scalar(
                select(documents.c.pk).where(documents.c.id == doc.id,
                                             documents.c.content_hash == doc.content_hash)
            )
        return found is not None

    def dyad(
        self, a: str, b: str, *, start: date | None = None, end: date | None = None,
        types: Sequence[str] | None = None,
    ) -> list[DyadEvent]:
        """Events with country `a` on one side and `b` on the other, either direction,
        by date (undated last), then document and offset."""
        return [DyadEvent.from_row(row) for row in self.dyad_events(a, b, start=start, end=end,
                                                                     types=types)]

    def dyad_events(self, a: str, b: str, **filters: Any) -> list[dict[str, Any]]:
        """`dyad` as JSON-ready event rows (the API's shape)."""
        with self._reading() as conn:
            return queries.dyad_events(conn, a, b, **filters)

    def dyad_page(self, a: str, b: str, *, offset: int = 0,
                  limit: int = 50) -> tuple[list[dict[str, Any]], int]:
        """One page of `dyad_events(a, b)` and how many there are in all (the API's call):
        only the page's rows are loaded, however long the pair's timeline."""
        with self._reading() as conn:
            return (queries.dyad_events(conn, a, b, offset=offset, limit=limit),
                    queries.dyad_total(conn, a, b))

    def dyad_months(self, a: str, b: str) -> list[dict[str, Any]]:
        """The pair's dated events per month and type: a timeline chart's data."""
        with self._reading() as conn:
            return queries.dyad_months(conn, a, b)

    def find_events(self, *, offset: int = 0, limit: int = 50,
                    **filters: Any) -> tuple[list[dict[str, Any]], int]:
        """A page of events filtered by type, country, since, until, text; and the total."""
        with self._reading() as conn:
            return queries.find_events(conn, offset=offset, limit=limit, **filters)

    def actor_profile(self, actor_id: str) -> dict[str, Any] | None:
        with self._reading() as conn:
            return queries.actor_profile(conn, actor_id)

    def find_quotes(self, *, speaker: str | None = None, offset: int = 0,
                    limit: int = 50) -> tuple[list[dict[str, Any]], int]:
        with self._reading() as conn:
            return queries.find_quotes(conn, speaker=speaker, offset=offset, limit=limit)

    def search(self, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Documents matching `query` (ZWNJ, space or joined spellings alike), best first."""
        return self.search_documents(query, offset=0, limit=limit)[0]

    def search_documents(
        self, query: str, *, offset: int = 0, limit: int = 50, order: str = "relevance",
        since: date | None = None, until: date | None = None,
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of matching documents and their total; see queries.search_documents."""
        with self._reading() as conn:
            return queries.search_documents(conn, query, offset=offset, limit=limit,
                                            order=order, since=since, until=until)

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """One document in the output contract, or None."""
        with self._reading() as conn:
            return queries.get_document(conn, doc_id)

    def list_documents(self, *, offset: int = 0,
                       limit: int = 50) -> tuple[list[dict[str, Any]], int]:
        with self._reading() as conn:
            return queries.list_documents(conn, offset=offset, limit=limit)

    def iter_documents(self) -> Iterator[dict[str, Any]]:
        """Every stored document as `Document.to_dict()` gave it (for JSONL export)."""
        with self._reading() as conn:
            yield from queries.iter_documents(conn)

    def iter_events(self) -> Iterator[dict[str, Any]]:
        """Every event row (for CSV export)."""
        with self._reading() as conn:
            yield from queries.iter_events(conn)

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, events, actors, ..."""
        tables = (documents, events, event_participants, actors, mentions, roles, dates,
                  quotes)
        with self._reading() as conn:
            return {t.name: conn.scalar(select(func.count()).select_from(t)) or 0
                    for t in tables}

    def sector_counts(self) -> dict[str, int]:
        with self._reading() as conn:
            return queries.sector_counts(conn)

    def economic_sector_counts(self) -> dict[str, int]:
        with self._reading() as conn:
            return queries.economic_sector_counts(conn)

    def top_dyads(self, *, limit: int = 20) -> list[dict[str, Any]]:
        with self._reading() as conn:
            return queries.top_dyads(conn, limit=limit)
