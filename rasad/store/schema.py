"""One SQLAlchemy schema for SQLite (embedded default) and PostgreSQL (teams), and its
recorded migrations.

Child rows reference an integer surrogate key (`documents.pk`) so a document id of any length
costs one integer per row, and so SQLite's FTS5 index can use it as its rowid. Every span is
kept as its `(start, end)` offsets into `documents.text`; evidence, quote and participant
texts are copied too, because the dashboard and CSV export list them without loading articles.
Strings have no length limit: SQLite ignores limits and PostgreSQL enforces them, and a
document must not be accepted by one backend and refused by the other.

The migrations that create and change these tables are in migrations.py.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
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
    # (PostgreSQL only: a generated tsvector of it, `folded_tsv`, added by migration 0010)
    Column("content_hash", String, nullable=False, index=True),
    Column("record", Text, nullable=False),  # annotation layers (JSON): see record.py
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
    Column("actor_id", String),  # not indexed: no query looks mentions up by actor
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

# Keyed tables that SQLite stores in key order (WITHOUT ROWID): the key is both the table
# and an index, one B-tree to write per row instead of two (migration 0009).
minhash_bands = Table(
    "minhash_bands", metadata,
    _doc_fk(),
    Column("band", Integer, nullable=False),
    Column("hash", BigInteger, nullable=False),
    PrimaryKeyConstraint("hash", "doc_pk", "band"),  # a batch looks up all its hashes at once
    sqlite_with_rowid=False,
)

# A dyad timeline's index: one row per event of an original story (not a near-duplicate
# copy) and unordered country pair (a <= b) with a on one side and b on the other. The index
# holds the timeline order (dated first, by first day, ..., as queries.TIMELINE) and the
# filter columns, so a page and the pair's total are read from it alone, not by joining
# participants and sorting every event of a busy pair. `chart_day` is the day the pair's
# chart counts the event at (queries.dyad_months): its first day, or for an event the text
# gives no date its article's publication day (migration 0011), so the chart is read from
# the index too, not by joining the undated rows to their documents.
DYAD_ORDER = ("undated", "date_first", "date", "doc_id", "evidence_start", "seq")
dyads = Table(
    "dyads", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("a", String, nullable=False),
    Column("b", String, nullable=False),
    Column("undated", Boolean, nullable=False),
    Column("date_first", Date),
    Column("date", String),
    Column("doc_id", String, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("type", String, nullable=False),
    Column("date_last", Date),
    Column("chart_day", Date),  # last: where migration 0011's ALTER TABLE puts it
    PrimaryKeyConstraint("event_id", "a", "b"),  # also serves deleting an event's rows
    Index("ix_dyads_timeline", "a", "b", *DYAD_ORDER, "event_id", "type", "date_last",
          "chart_day"),
    sqlite_with_rowid=False,
)

CHILD_TABLES = (mentions, roles, dates, quotes, events, minhash_bands)
for _table in CHILD_TABLES:
    Index(f"ix_{_table.name}_doc", _table.c.doc_pk)


