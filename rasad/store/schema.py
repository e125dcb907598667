"""One SQLAlchemy schema for SQLite (embedded default) and PostgreSQL (teams), and its
recorded migrations.

Child rows reference an integer surrogate key (`documents.pk`) so a document id of any length
costs one integer per row, and so SQLite's FTS5 index can use it as its rowid. Every span is
kept as its `(start, end)` offsets into `documents.text`; evidence, quote and participant
texts are copied too, because the dashboard and CSV export list them without loading articles.
Strings have no length limit: SQLite ignores limits and PostgreSQL enforces them, and a
document must not be accepted by one backend and refused by the other.

Migrations are named functions applied in order and recorded in `schema_version`; each is
idempotent (`checkfirst`, `IF NOT EXISTS`), so re-applying one after a crash is harmless.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
)

metadata = MetaData()


def _doc_fk() -> Column:
    return Column(
        "doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False
    )


def _span(prefix: str = "") -> list[Column]:
    return [Column(f"{prefix}start", Integer, nullable=False),
            Column(f"{prefix}end", Integer, nullable=False)]


schema_version = Table(
    "schema_version", metadata,
    Column("name", String, primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String, nullable=False, unique=True),
    Column("source", Text),
    Column("published", Date),
    Column("url", Text),
    Column("title", Text),
    Column("raw", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("folded", Text, nullable=False),  # search copy of `text`: see search.fold
    Column("content_hash", String, nullable=False, index=True),
    Column("record", Text, nullable=False),  # the output contract, verbatim (JSON)
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # the id of the first stored copy of the same story (see dedup.py); None for originals
    Column("duplicate_of", String, index=True),
)

actors = Table(
    "actors", metadata,
    Column("id", String, primary_key=True),
    Column("name_fa", Text, nullable=False),
    Column("name_en", Text),
    Column("country", String),
    Column("sector", String),
    Column("wikidata", String),
    Column("kind", String),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    *_span(),
    Column("label", String, nullable=False),
    Column("actor_id", String, index=True),
    Column("role_start", Integer),
    Column("role_end", Integer),
    Column("origin", String, nullable=False),
)

roles = Table(
    "roles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    *_span(),
    Column("country", String),
    Column("sector", String),
    Column("title_id", String),
    Column("holder_actor_id", String),
)

dates = Table(
    "dates", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    *_span(),
    Column("calendar", String),
    Column("value", String),
    Column("precision", String),
    Column("resolved", Text, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    *_span(),
    *_span("cue_"),
    *_span("speaker_"),
    Column("speaker_actor_id", String, index=True),
    Column("speaker_mention_start", Integer),
    Column("speaker_mention_end", Integer),
    Column("text", Text, nullable=False),
    Column("cue", Text, nullable=False),
    Column("speaker_text", Text, nullable=False),  # the resolved name, else as written
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("seq", Integer, nullable=False),  # position in the document's event list
    Column("type", String, nullable=False),
    Column("mode", String),
    Column("date", String),  # as extracted: day, month, year or interval
    Column("date_first", Date),  # first and last day `date` covers, for range filters
    Column("date_last", Date),
    Column("place_text", Text),
    Column("place_country", String),
    Column("place_actor_id", String),
    Column("contexts", Text, nullable=False),  # JSON list
    Column("sectors", Text, nullable=False),  # JSON list
    Column("negated", Boolean, nullable=False),
    Column("hypothetical", Boolean, nullable=False),
    *_span("evidence_"),
    Column("evidence_text", Text, nullable=False),
    *_span("trigger_"),
    Column("confidence", Float, nullable=False),
    Column("cameo", String),
    Column("pattern", String),
    # No index on date_first alone: SQLite would walk it to avoid sorting a dyad's events
    # and test every event of every pair, instead of starting from the pair's participants.
    Index("ix_events_type_date", "type", "date_first"),
)

event_participants = Table(
    "event_participants", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("side", String, nullable=False),  # 'source' or 'target'
    Column("position", Integer, nullable=False),
    *_span(),
    Column("text", Text, nullable=False),
    Column("actor_id", String, index=True),
    Column("country", String),
    Column("sector", String),
    Index("ix_participants_country", "country", "side", "event_id"),
    Index("ix_participants_event", "event_id", "side"),
)

minhash_bands = Table(
    "minhash_bands", metadata,
    _doc_fk(),
    Column("band", Integer, nullable=False),
    Column("hash", BigInteger, nullable=False),
    Index("ix_minhash_bands_hash", "hash"),  # a batch looks up all its hashes at once
)

CHILD_TABLES = (mentions, roles, dates, quotes, events, minhash_bands)
for _table in CHILD_TABLES:
    Index(f"ix_{_table.name}_doc", _table.c.doc_pk)


def _initial(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


# FTS5 over the folded copy, kept in step with `documents` by triggers. External content:
# the index stores no second copy of the text. SQLite only; PostgreSQL searches `folded`.
_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "folded, content='documents', content_rowid='pk', tokenize='unicode61')",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, folded) VALUES (new.pk, new.folded); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_ad AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, folded) VALUES ('delete', old.pk, "
    "old.folded); END",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
)


def _sqlite_fts(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    for statement in _FTS:
        conn.exec_driver_sql(statement)


def _near_duplicates(conn: Connection) -> None:
    """Stores made before near-duplicate linking get the column and the bands table."""
    if "duplicate_of" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN duplicate_of VARCHAR")
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS ix_documents_duplicate_of ON documents (duplicate_of)"
        )
    minhash_bands.create(conn, checkfirst=True)


def _bulk_indexes(conn: Connection) -> None:
    """Batched near-duplicate look-ups search band hashes alone."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_minhash_bands_band_hash")
    for index in minhash_bands.indexes:
        index.create(conn, checkfirst=True)


Migration = Callable[[Connection], None]
MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("0001_initial", _initial),
    ("0002_sqlite_fts5", _sqlite_fts),
    ("0003_near_duplicates", _near_duplicates),
    ("0004_bulk_indexes", _bulk_indexes),
)


def migrate(conn: Connection) -> list[str]:
    """Apply the migrations not yet recorded (in order) and record them; returns their names.

    The caller holds the write transaction, so two processes opening a new store at once
    apply each migration once.
    """
    schema_version.create(conn, checkfirst=True)
    done = set(conn.scalars(select(schema_version.c.name)))
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        step(conn)
        conn.execute(
            schema_version.insert().values(name=name, applied_at=datetime.now(UTC))
        )
        applied.append(name)
    return applied

