"""The store on hand-built Documents: idempotent ingest, new versions, dyads, search across
ZWNJ/space spellings, hostile query strings, crash safety, export, migrations."""

from __future__ import annotations

import csv
import io
import json
import pickle
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    Connection,
    Index,
    MetaData,
    Table,
    create_engine,
    delete,
    event,
    inspect,
    make_url,
    select,
    text,
)

from rasad import cli
from rasad.ingest.readers import Skipped
from rasad.model import Actor, DateMention, Document, Event, Mention, Participant, Quote
from rasad.pipeline import Pipeline, stage
from rasad.scale import run
from rasad.store import Store, migrations, queries, staging, writer
from rasad.store.dedup import BANDS, band_keys_of
from rasad.store.export import CSV_COLUMNS, csv_lines, jsonl_lines
from rasad.store.migrations import MIGRATIONS
from rasad.store.schema import (
    DYAD_ORDER,
    documents,
    dyads,
    events,
    metadata,
    minhash_bands,
    schema_version,
)
from rasad.store.search import marked, snippet
from rasad.store.staging import Staged, stage_chunk
from rasad.store.store import WAL_CHECKPOINT_BYTES, AddSummary, _url
from rasad.store.writer import prepare_chunk

COUNTRIES = {"IRN": "ایران", "BLR": "بلاروس", "USA": "آمریکا", "RUS": "روسیه"}
PINNED_BANDS = (3960980449311007117, 1980590910521717291)
PAYLOADS = ["' OR 1=1; --", '"; DROP TABLE documents; --', "x%_\\", 'NEAR("a" "b")', "*:^-"]


def make_doc(
    doc_id: str, events: list[tuple[str, str, str, str | None]], extra: str = ""
) -> Document:
    """One sentence per (type, source country, target country, date); participants are the
    country names in that sentence, linked to country actors."""
    sentences = [
        f"{COUNTRIES[s]} با {COUNTRIES[t]} درباره {kind} گفت‌وگو کرد." for kind, s, t, _ in events
    ]
    text = " ".join(sentences + ([extra] if extra else []))
    doc = Document(id=doc_id, raw=text, source="test", published=date(2024, 8, 1))
    pos = 0
    for (kind, src, tgt, when), sent in zip(events, sentences, strict=True):
        parts = []
        for code in (src, tgt):
            start = text.index(COUNTRIES[code], pos)
            parts.append(
                Participant(start, start + len(COUNTRIES[code]), code.lower(), code, "GOV")
            )
            doc.entities.append(Mention(start, parts[-1].end, "GPE", code.lower()))
            doc.actors[code.lower()] = Actor(code.lower(), COUNTRIES[code], code.title(), code)
        trigger = text.index("گفت‌وگو", pos)
        doc.events.append(
            Event(
                kind,
                pos,
                pos + len(sent),
                trigger,
                trigger + 7,
                source=[parts[0]],
                target=[parts[1]],
                date=when,
            )
        )
        pos += len(sent) + 1
    return doc


@pytest.fixture(scope="module")
def pg_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A PostgreSQL store in its own database on the test server (skipped without one)."""
    server = make_url(request.getfixturevalue("postgres_url"))
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP DATABASE IF EXISTS rasad_store_tests")
        conn.exec_driver_sql("CREATE DATABASE rasad_store_tests")
    with Store(server.set(database="rasad_store_tests").render_as_string(False)) as opened:
        yield opened
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP DATABASE rasad_store_tests")
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on each backend."""
    if request.param == "sqlite":
        with Store(str(tmp_path / "t.db")) as opened:
            yield opened
        return
    opened = request.getfixturevalue("pg_store")
    with opened.engine.begin() as conn:
        names = ", ".join(t.name for t in metadata.sorted_tables)
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    yield opened


def test_reingest_same_hash_changes_nothing(store: Store) -> None:
    doc = make_doc("a", [("CONSULT", "IRN", "BLR", "2024-07-31")])
    assert store.add(doc).status == "added"
    before = store.counts()
    again = store.add(make_doc("a", [("CONSULT", "IRN", "BLR", "2024-07-31")]))
    assert (again.status, again.added) == ("skipped: duplicate", False)
    assert store.known(Document(id="a", raw=doc.raw)) and not store.known(Document("a", "x"))
    assert store.counts() == before
    assert before["documents"] == 1 and before["events"] == 1 and before["actors"] == 2
    copy = store.add(make_doc("b", [("CONSULT", "IRN", "BLR", "2024-07-31")]))
    assert copy.status == "added"  # same text, another id: a republished copy is kept
    assert store.counts()["documents"] == 2


def test_refresh_replaces_same_content_with_new_annotations(store: Store) -> None:
    """`refresh` (rasad ingest --refresh): the same text read again by a newer pipeline
    replaces the stored annotations; without it the document is skipped (control)."""
    store.add(make_doc("a", [("CONSULT", "IRN", "BLR", "2024-07-31")]))
    again = make_doc("a", [("CONSULT", "IRN", "BLR", "2024-07-31")])
    again.events = [replace(again.events[0], type="AGREE")]
    assert store.add_many([again]).duplicates == 1
    assert [e.type for e in store.dyad("IRN", "BLR")] == ["CONSULT"]
    summary = store.add_many([again, again], refresh=True)
    assert (summary.added, summary.replaced, summary.duplicates) == (0, 1, 1)
    counts = store.counts()
    assert (counts["documents"], counts["events"], counts["event_participants"]) == (1, 1, 2)
    assert [e.type for e in store.dyad("IRN", "BLR")] == ["AGREE"]
    assert [d["id"] for d in store.search("بلاروس")] == ["a"]  # indexed once, not twice


def test_new_version_of_same_id_replaces_old_rows(store: Store) -> None:
    store.add(make_doc("a", [("CONSULT", "IRN", "BLR", None), ("AGREE", "IRN", "USA", None)]))
    result = store.add(make_doc("a", [("ACCUSE", "IRN", "RUS", "2024-05-01")]))
    assert result.status == "replaced" and result.added
    counts = store.counts()
    assert (counts["documents"], counts["events"], counts["event_participants"]) == (1, 1, 2)
    assert store.search("بلاروس") == []
    assert [e.type for e in store.dyad("IRN", "RUS")] == ["ACCUSE"]


@pytest.fixture
def timeline(store: Store) -> Store:
    store.add(
        make_doc(
            "d2",
            [
                ("CONSULT", "IRN", "BLR", None),
                ("AGREE", "BLR", "IRN", "2024-07-31"),
                ("AGREE", "IRN", "USA", "2024-01-01"),
            ],
        )
    )
    store.add(
        make_doc(
            "d1", [("CONSULT", "BLR", "IRN", "2024-05"), ("SUPPORT", "IRN", "BLR", "2023/2026")]
        )
    )
    return store


def test_dyad_orders_by_date_then_document_in_both_directions(timeline: Store) -> None:
    rows = timeline.dyad("IRN", "BLR")
    got = [(r.date, r.type, r.document_id, r.source["country"], r.target["country"]) for r in rows]
    assert got == [
        ("2023/2026", "SUPPORT", "d1", "IRN", "BLR"),
        ("2024-05", "CONSULT", "d1", "BLR", "IRN"),
        ("2024-07-31", "AGREE", "d2", "BLR", "IRN"),
        (None, "CONSULT", "d2", "IRN", "BLR"),
    ]
    assert [r.row for r in timeline.dyad("BLR", "IRN")] == [r.row for r in rows]
    for r in rows:
        start, end = r.evidence_span
        assert r.evidence == timeline.get_document(r.document_id)["text"][start:end]
        assert COUNTRIES["IRN"] in r.evidence and r.source_label.endswith(")")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"types": ["CONSULT"]}, ["2024-05", None]),
        ({"types": []}, []),
        ({"start": date(2024, 6, 1)}, ["2023/2026", "2024-07-31"]),
        ({"start": date(2024, 5, 31), "end": date(2024, 5, 31)}, ["2023/2026", "2024-05"]),
        ({"end": date(2022, 12, 31)}, []),
    ],
)
def test_dyad_filters(timeline: Store, filters: dict, expected: list) -> None:
    assert [r.date for r in timeline.dyad("IRN", "BLR", **filters)] == expected


@pytest.mark.parametrize("query", ["همکاری‌های", "همکاری های", "همکاریهای", "همكاري‌هاي"])
@pytest.mark.parametrize("written", ["همکاری‌های", "همکاری های"])
def test_search_matches_zwnj_space_and_joined_spellings(
    store: Store, query: str, written: str
) -> None:
    store.add(make_doc("hit", [("CONSULT", "IRN", "BLR", None)], f"{written} دو کشور ادامه دارد."))
    store.add(make_doc("miss", [("AGREE", "IRN", "USA", None)], "همکاری نظامی مطرح نشد."))
    hits = store.search(query)
    if not (written == "همکاری های" and query == "همکاریهای"):
        assert [h["id"] for h in hits] == ["hit"]
        assert written in hits[0]["snippet"]
    else:  # the one spelling the index cannot split: joined query, spaced text
        assert hits == []


@pytest.mark.parametrize("query", ["جنگ ایران", "ایران عراق", "x.ir", "x ir", "1 5"])
def test_search_finds_words_the_postgresql_parser_would_join(store: Store, query: str) -> None:
    """PostgreSQL's text-search parser reads «ایران-عراق», «x.ir» and «1.5» as compound
    tokens (a hyphenated word's parts only after it): those characters are blanked in the
    index and the query, so phrases find their words as FTS5 does."""
    store.add(make_doc("j", [("CONSULT", "IRN", "BLR", None)], "جنگ ایران-عراق در x.ir 1.5"))
    assert [h["id"] for h in store.search(query)] == ["j"]


def test_snippet_centres_on_the_match_past_characters_folding_deletes() -> None:
    text = "می‌شود " * 200 + "همکاری‌های تازه"  # 200 ZWNJs the folded text lacks
    assert "همکاری‌های" in snippet(text, "همکاریهای", width=20)


@pytest.mark.parametrize(
    ("query", "matched"),
    [
        ("همکاری های", ["همکاری‌های", "همکاریهای"]),  # every spelling, with the text's own ZWNJ
        ("کشاورزی", []),
        ("بانک", ["بانک"]),
    ],
)
def test_marked_pieces_follow_the_query_spellings(query: str, matched: list[str]) -> None:
    text = "در همکاری‌های بانکی و همکاریهای نفتی"
    pieces = marked(text, query)
    assert "".join(piece for piece, _ in pieces) == text  # nothing lost or doubled
    assert [piece for piece, match in pieces if match] == matched


def test_search_ranks_and_pages(store: Store) -> None:
    for i in range(3):
        store.add(make_doc(f"p{i}", [("CONSULT", "IRN", "BLR", None)], "نفت " * (i + 1)))
    items, total = store.search_documents("نفت", offset=1, limit=1)
    assert total == 3 and len(items) == 1
    assert store.search("") == [] and store.search(" \u200c ") == []


def _published(doc: Document, day: date) -> Document:
    doc.published = day
    return doc


def test_search_orders_by_relevance_or_newest_and_bounds_by_publication_day(
    store: Store,
) -> None:
    """Both backends put the document that is about the query first (bm25 / ts_rank_cd),
    `newest` orders by publication day, and since/until bound the publication day."""
    filler = "گزارش خبرنگار درباره بازار کالا و نرخ ارز در استان‌های مرزی منتشر شد. " * 6
    store.add(_published(make_doc("about", [("CONSULT", "IRN", "BLR", None)],
                                  "صادرات نفت و فروش نفت و قیمت نفت خام."), date(2020, 1, 5)))
    store.add(_published(make_doc("aside", [("CONSULT", "IRN", "BLR", None)],
                                  filler + "یک بار هم از نفت یاد شد."), date(2024, 3, 1)))
    store.add(_published(make_doc("other", [("CONSULT", "IRN", "BLR", None)],
                                  "درباره گندم و جو."), date(2024, 5, 1)))

    def ids(**options: Any) -> list[str]:
        return [hit["id"] for hit in store.search_documents("نفت", **options)[0]]

    assert ids() == ["about", "aside"]
    assert ids(order="newest") == ["aside", "about"]
    assert ids(since=date(2021, 1, 1)) == ["aside"]
    assert ids(until=date(2021, 1, 1)) == ["about"]
    assert store.search_documents("نفت", since=date(2024, 4, 1))[1] == 0
    with pytest.raises(ValueError, match="order"):
        store.search_documents("نفت", order="oldest")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_strings_are_stored_and_queried_as_data(store: Store, payload: str) -> None:
    doc = make_doc(payload, [("CONSULT", "IRN", "BLR", None)], f"گفت: {payload}")
    doc.events[0].source[0].country = payload
    store.add(doc)
    before = store.counts()
    assert store.get_document(payload)["id"] == payload
    assert [r.document_id for r in store.dyad(payload, "BLR")] == [payload]
    assert store.dyad(payload, payload) == [] and store.dyad("IRN", "BLR") == []
    store.search(payload)
    assert store.find_events(country=payload)[1] == 1
    assert store.find_events(text=payload)[1] == store.find_events(type=payload)[1] == 0
    assert store.actor_profile(payload) is None
    assert store.counts() == before


def test_add_many_failing_document_leaves_no_rows(store: Store) -> None:
    bad = make_doc("bad", [("CONSULT", "IRN", "RUS", None)])
    bad.quotes.append(Quote(0, 5, 6, 8, 0, 5))
    bad.events[0].target[0].end = len(bad.text) + 10  # span outside the text, checked late
    good = [
        make_doc("g1", [("CONSULT", "IRN", "BLR", None)]),
        make_doc("g2", [("AGREE", "BLR", "USA", None)]),
    ]
    summary = store.add_many([good[0], bad, good[1]], batch_size=10)
    assert (summary.added, [doc_id for doc_id, _ in summary.failed]) == (2, ["bad"])
    assert "outside text" in summary.failed[0][1]
    counts = store.counts()
    assert (counts["documents"], counts["events"], counts["quotes"]) == (2, 2, 0)
    assert counts["mentions"] == 4 and store.actor_profile("rus") is None


def test_add_many_crash_mid_batch_rolls_back_the_batch(store: Store) -> None:
    def docs():
        yield make_doc("kept", [("CONSULT", "IRN", "BLR", None)])
        yield make_doc("lost", [("AGREE", "IRN", "USA", None)])
        raise RuntimeError("process died")

    with pytest.raises(RuntimeError):
        store.add_many(docs(), batch_size=1)
    assert store.counts()["documents"] == 2  # each finished batch was committed
    store.add_many(iter([make_doc("x", [])]), batch_size=5)

    class Boom(Exception):
        pass

    def crashing():
        yield make_doc("y", [("CONSULT", "IRN", "BLR", None)])
        raise Boom

    with pytest.raises(Boom):
        store.add_many(crashing(), batch_size=5)
    assert store.get_document("y") is None


def test_export_round_trips_output_contract(timeline: Store) -> None:
    docs = [json.loads(line) for line in jsonl_lines(timeline)]
    assert [d["id"] for d in docs] == ["d2", "d1"]
    fresh = make_doc(
        "d1", [("CONSULT", "BLR", "IRN", "2024-05"), ("SUPPORT", "IRN", "BLR", "2023/2026")]
    )
    assert docs[1] == json.loads(json.dumps(fresh.to_dict(), ensure_ascii=False))
    rows = list(timeline.iter_events())
    assert len(rows) == 5 and {r["quad"] for r in rows} == {1}
    assert all(r["evidence_text"] for r in rows)


def test_actor_profile_and_overview(timeline: Store) -> None:
    profile = timeline.actor_profile("blr")
    assert profile["actor"]["name_fa"] == "بلاروس"
    assert len(profile["events"]) == 4
    assert [(c["id"], c["count"]) for c in profile["co_actors"]] == [("irn", 4)]
    assert timeline.top_dyads(limit=5) == [
        {"a": "BLR", "b": "IRN", "events": 4},
        {"a": "IRN", "b": "USA", "events": 1},
    ]
    assert timeline.sector_counts() == {"GOV": 5}
    items, total = timeline.list_documents(limit=1)
    assert total == 2 and len(items) == 1


def test_actor_upsert_fills_but_never_erases(store: Store) -> None:
    first = make_doc("a", [("CONSULT", "IRN", "BLR", None)])
    first.actors["irn"].wikidata = "Q794"
    second = make_doc("b", [("AGREE", "IRN", "USA", None)])
    second.actors["irn"].name_en = "Islamic Republic of Iran"
    store.add(first)
    store.add(second)
    actor = store.actor_profile("irn")["actor"]
    assert (actor["wikidata"], actor["name_en"]) == ("Q794", "Islamic Republic of Iran")


def test_dates_and_quotes_are_kept_with_offsets(store: Store) -> None:
    doc = make_doc("q", [("CONSULT", "IRN", "BLR", None)], "وزیر گفت «همکاری ادامه دارد».")
    open_at = doc.text.index("«") + 1
    doc.quotes.append(
        Quote(
            open_at,
            doc.text.index("»"),
            doc.text.index("گفت «"),
            doc.text.index("گفت «") + 3,
            doc.text.index("وزیر"),
            doc.text.index("وزیر") + 4,
            "irn",
        )
    )
    doc.dates.append(DateMention(0, 5, "jalali", "2024-07-31", "day", "absolute"))
    store.add(doc)
    items, total = store.find_quotes(speaker="irn")
    assert total == 1 and items[0]["text"] == "همکاری ادامه دارد"
    assert items[0]["speaker"]["text"] == "وزیر" and items[0]["cue"] == "گفت"
    assert store.counts()["dates"] == 1


def test_sqlite_file_is_wal_and_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with Store(str(path)) as first:
        first.add(make_doc("a", [("CONSULT", "IRN", "BLR", None)]))
        with first.engine.begin() as conn:  # forget one migration: reopening re-applies it
            conn.execute(delete(schema_version).where(schema_version.c.name == MIGRATIONS[-1][0]))
    with Store(str(path)) as again:
        assert [h["id"] for h in again.search("بلاروس")] == ["a"]
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = [r[0] for r in raw.execute("SELECT name FROM schema_version ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]


def test_streamed_events_cross_chunk_boundaries_without_loss(
    timeline: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = list(timeline.iter_events())
    monkeypatch.setattr(queries, "CHUNK", 2)  # 5 events: chunks of 2, 2 and 1
    assert list(timeline.iter_events()) == whole


def test_csv_export_one_row_per_event_and_no_formulas(store: Store) -> None:
    doc = make_doc("f", [("CONSULT", "IRN", "BLR", "2024-07-31")])
    doc.raw = doc.text = "=" + doc.text[1:]  # an evidence sentence that looks like a formula
    store.add(doc)
    rows = list(csv.reader(io.StringIO("".join(csv_lines(store)))))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1][:4] == ["f", "2024-07-31", "CONSULT", ""]
    assert rows[1][6:9] == ["IRN", "GOV", "irn"] and rows[1][-1].startswith("'=")


def test_two_writers_on_one_sqlite_file_queue_up(tmp_path: Path) -> None:
    path = str(tmp_path / "w.db")
    Store(path).close()
    stores = [Store(path), Store(path)]

    def write(n: int) -> None:
        docs = (make_doc(f"w{n}-{i}", [("CONSULT", "IRN", "BLR", None)], str(i)) for i in range(15))
        stores[n].add_many(docs, batch_size=2)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [s.counts()["documents"] for s in stores] == [30, 30]
    for opened in stores:
        opened.close()


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("rasad.db", "sqlite:///rasad.db"),
        (":memory:", "sqlite:///:memory:"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_store_url_from_path_or_url(given: str, url: str) -> None:
    assert _url(given) == url


def _wire_story(doc_id: str, tail: str) -> Document:
    """A real-looking wire story; republished copies differ only in their last line."""
    text = (
        "به گزارش خبرگزاری فارس، وزیر امور خارجه ایران امروز در تهران با همتای بلاروسی خود "
        "دیدار و گفت‌وگو کرد. دو طرف درباره توسعه همکاری‌های اقتصادی، بانکی و تجاری و "
        "گسترش مبادلات میان دو کشور در سال‌های آینده گفت‌وگو کردند و بر اجرای توافقات "
        "پیشین تاکید داشتند.\n" + tail
    )
    doc = Document(id=doc_id, raw=text)
    doc.actors = {
        "IRN": Actor("IRN", "ایران", country="IRN"),
        "BLR": Actor("BLR", "بلاروس", country="BLR"),
    }
    start = text.index("وزیر")
    doc.events = [
        Event(
            type="CONSULT",
            evidence_start=0,
            evidence_end=text.index("."),
            trigger_start=start,
            trigger_end=start + 4,
            source=[Participant(start, start + 4, "IRN", "IRN", "GOV")],
            target=[Participant(start, start + 4, "BLR", "BLR", "GOV")],
            date="2024-07-31",
        )
    ]
    return doc


@pytest.mark.parametrize(
    ("tail", "linked"),
    [
        ("انتهای پیام/ ۲۴۱", True),
        ("منبع: ایرنا", True),
        ("", True),
        (" ".join(f"بند{i}" for i in range(120)), False),  # a different, longer story
    ],
)
def test_store_near_duplicates_are_linked_not_double_counted(store: Store, tail, linked):
    store.add(_wire_story("wire-1", "انتهای پیام/"))
    store.add(_wire_story("wire-2", tail))
    assert store.get_document("wire-2") is not None  # the copy is kept, only linked
    assert len(store.dyad("IRN", "BLR")) == (1 if linked else 2)
    assert store.top_dyads(limit=5)[0]["events"] == (1 if linked else 2)


def test_economic_sector_counts_count_each_sector_of_an_original_story(store: Store) -> None:
    """An event touching banking and trade counts for both; a republished copy adds none."""
    first = make_doc("s1", [("AGREE", "IRN", "BLR", None), ("CONSULT", "IRN", "BLR", None)])
    first.events[0].sectors, first.events[1].sectors = ["banking", "trade"], ["trade"]
    wire, copy = _wire_story("wire-1", "انتهای پیام/"), _wire_story("wire-2", "منبع: ایرنا")
    for doc in (wire, copy):
        doc.events[0].sectors = ["energy"]
    store.add_many([first, wire, copy])
    assert store.economic_sector_counts() == {"trade": 2, "banking": 1, "energy": 1}


def test_add_many_links_copies_and_versions_within_one_batch(store: Store) -> None:
    """A batch is written at once: a copy must still meet the original stored just before
    it, and an id repeated in the batch behaves as if the documents came one by one."""
    first = make_doc("v", [("CONSULT", "IRN", "BLR", "2024-01-01")])
    second = make_doc("v", [("AGREE", "IRN", "USA", "2024-02-01")])
    batch = [_wire_story("wire-1", "انتهای پیام/"), _wire_story("wire-2", "منبع: ایرنا"),
             first, first, second]
    summary = store.add_many(batch, batch_size=10)
    assert (summary.added, summary.duplicates, summary.replaced) == (3, 1, 1)
    assert len(store.dyad("IRN", "BLR")) == 1  # the wire copy is linked, not counted
    assert [ev.type for ev in store.dyad("IRN", "USA")] == ["AGREE"]
    assert store.counts()["documents"] == 3
    page, total = store.dyad_page("IRN", "BLR", limit=1)
    assert (len(page), total) == (1, 1)


@pytest.mark.parametrize(("query", "found"), [("0\x00", True), ("\x00", False),
                                              ("همکاری\x07ها", True), ("\x1b[0m", False)])
def test_search_control_characters_are_not_fts_syntax(store: Store, query: str,
                                                       found: bool) -> None:
    """Found by schemathesis: a NUL ended the FTS5 string early and the query failed.
    Control characters are dropped, so the rest of the query is searched as written."""
    store.add(make_doc("c", [("CONSULT", "IRN", "BLR", None)], "همکاری‌ها ادامه دارد 0"))
    assert [hit["id"] for hit in store.search(query)] == (["c"] if found else [])


def test_migrations_backfill_the_dyad_index_and_band_hashes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store made before the dyad index and the numpy band hashes gets both filled in
    when it is opened: exactly the dyad rows ingest writes (read a few events at a time),
    and a new copy of a stored story is still linked to it."""
    many = make_doc("m", [("CONSULT", "IRN", "BLR", "2024-01-02"), ("AGREE", "RUS", "USA", None)])
    many.events[0].source.append(many.events[0].source[0])  # IRN twice on a side, and
    many.events[0].target.append(many.events[0].source[0])  # on both sides: IRN-IRN
    many.events[1].target[0].country = None  # a side without a country: no dyad
    store.add_many([
        make_doc("a", [("CONSULT", "IRN", "BLR", "2024-01-02"), ("AGREE", "USA", "IRN", None)]),
        make_doc("b", [("ACCUSE", "BLR", "IRN", "2023-05")]),
        _wire_story("wire-1", "انتهای پیام/"),
        _wire_story("wire-2", "منبع: ایرنا"),  # a linked copy: its events have no dyad rows
        many,
    ])
    before = _dyad_table(store), store.dyad_events("IRN", "BLR"), store.top_dyads(limit=5)
    assert len(before[0]) == 6 and len(before[1]) == 4
    with store.engine.begin() as conn:
        conn.execute(delete(dyads))
        conn.execute(delete(minhash_bands))
        conn.execute(delete(schema_version).where(
            schema_version.c.name.in_(["0005_numpy_minhash", "0006_dyads"])))
    monkeypatch.setattr(migrations, "BACKFILL_CHUNK", 2)
    with Store(store.url) as again:
        assert (_dyad_table(again), again.dyad_events("IRN", "BLR"),
                again.top_dyads(limit=5)) == before
        again.add(_wire_story("wire-3", "منبع: ایرنا"))
        assert again.dyad_page("IRN", "BLR", limit=1)[1] == 4  # the copy is linked


def _dyad_table(store: Store) -> list[tuple]:
    with store.engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(select(dyads)))


def test_dyad_counts_an_event_once_per_pair(store: Store) -> None:
    doc = make_doc("m", [("CONSULT", "IRN", "BLR", "2024-01-02")])
    event = doc.events[0]
    event.source.append(event.source[0])  # the same country twice on one side
    event.target.append(event.source[0])  # and on both sides: an IRN-IRN dyad too
    store.add(doc)
    assert [len(store.dyad("IRN", "BLR")), len(store.dyad("BLR", "IRN"))] == [1, 1]
    assert store.dyad_page("IRN", "IRN", limit=5)[1] == 1
    assert store.top_dyads(limit=5) == [{"a": "BLR", "b": "IRN", "events": 1}]


def test_add_many_takes_rows_prepared_in_another_process(store: Store) -> None:
    good = make_doc("p", [("CONSULT", "IRN", "BLR", "2024-07-31")])
    bad = make_doc("q", [("AGREE", "IRN", "BLR", None)])
    bad.events[0].trigger_end = 10**6
    items = pickle.loads(pickle.dumps(prepare_chunk([good, bad])))  # as a worker returns it
    assert [type(item).__name__ for item in items] == ["Prepared", "Document"]
    summary = store.add_many(items)
    assert (summary.added, [doc_id for doc_id, _ in summary.failed]) == (1, ["q"])
    assert "outside text" in summary.failed[0][1]
    assert store.get_document("p") == good.to_dict()
    assert [ev.type for ev in store.dyad("BLR", "IRN")] == ["CONSULT"]


def _chart_statements(store: Store, a: str, b: str) -> tuple[list[dict], list[str]]:
    """`store.dyad_months(a, b)` and the queries it ran."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        return store.dyad_months(a, b), statements
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def test_dyad_months_counts_events_per_month_and_type(store: Store) -> None:
    """Dated events at their month; an event the text gives no date at its article's
    publication month (2024-08-01 here), flagged `reported`; none without either. Read from
    the dyad index alone (its `chart_day`), not by joining documents; on SQLite the index
    covers the query."""
    unpublished = make_doc("c", [("REJECT", "IRN", "BLR", None)])
    unpublished.published = None
    store.add_many([
        make_doc("a", [("CONSULT", "IRN", "BLR", "2024-07-31"), ("CONSULT", "BLR", "IRN",
                                                                 "2024-07-02"),
                       ("ACCUSE", "IRN", "BLR", "2024-07"), ("AGREE", "IRN", "BLR", None)]),
        make_doc("b", [("CONSULT", "IRN", "BLR", "2023-12-31"), ("CONSULT", "IRN", "USA",
                                                                 "2024-07-31")]),
        unpublished,
    ])
    months, statements = _chart_statements(store, "BLR", "IRN")
    assert months == [
        {"month": "2023-12", "type": "CONSULT", "quad": 1, "events": 1, "reported": False},
        {"month": "2024-07", "type": "ACCUSE", "quad": 3, "events": 1, "reported": False},
        {"month": "2024-07", "type": "CONSULT", "quad": 1, "events": 2, "reported": False},
        {"month": "2024-08", "type": "AGREE", "quad": 1, "events": 1, "reported": True},
    ]
    assert statements and not any("documents" in sql for sql in statements)
    if store.url.startswith("sqlite"):
        with store.engine.connect() as conn:
            plan = " ".join(row[-1] for sql in statements for row in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {sql}", ("BLR", "IRN")))
        assert "USING COVERING INDEX ix_dyads_timeline (a=? AND b=?)" in plan, plan


def test_events_carry_their_article_publication_day(store: Store) -> None:
    """Where a timeline puts an event the text gives no date; None for an unpublished one."""
    unpublished = make_doc("u", [("REJECT", "IRN", "BLR", None)])
    unpublished.published = None
    store.add_many([make_doc("p", [("AGREE", "IRN", "BLR", None)]), unpublished])
    page, _ = store.dyad_page("IRN", "BLR", limit=5)
    assert sorted((ev["type"], ev["date"], ev["published"]) for ev in page) == [
        ("AGREE", None, "2024-08-01"), ("REJECT", None, None)]
    store.add(make_doc("d", [("CONSULT", "IRN", "BLR", "2024-07-31")]))
    labels = {ev.type: ev.date_label for ev in store.dyad("IRN", "BLR")}  # what the CLI prints
    assert labels == {"CONSULT": "2024-07-31", "AGREE": "(2024-08-01)", "REJECT": "—"}


def test_band_hashes_are_pinned() -> None:
    """Band hashes are stored: changing how they are computed needs a migration that
    re-computes them (as 0005 did), or new copies stop meeting stored stories. Pinned
    (bands 0, 1 and 15) as the one-text-at-a-time code of migration 0005 made them, for
    texts of words only, of one 4-gram and of repeated 4-grams, in one chunk."""
    texts = ["تنها دو", "یک دو سه چهار پنج", "الف ب پ ت ث " * 3 + "ج"]
    keys = band_keys_of(texts)
    assert [[k[0], k[1], k[15]] for k in keys] == [
        [(0, 3028158777867235716), (1, 1169012040822960313), (15, 840206903860083312)],
        [(0, PINNED_BANDS[0]), (1, PINNED_BANDS[1]), (15, 6228230727528340863)],
        [(0, 1811270418630555956), (1, 578907064232467158), (15, 5767376853522721002)],
    ]
    assert all(len(k) == BANDS and all(0 <= h < 2**63 for _, h in k) for k in keys)


def test_band_keys_of_a_chunk_are_each_documents_own() -> None:
    """A chunk's keys are computed together and equal each text's keys computed alone; a
    text without words gets none."""
    texts = ["یک دو سه چهار پنج", "", "الف ب پ ت ث " * 3 + "ج", "تنها دو", "؟ ،",
             " ".join(f"واژه{i % 7}" for i in range(40))]
    alone = [band_keys_of([t])[0] for t in texts]
    assert band_keys_of(texts) == alone
    assert [bool(k) for k in alone] == [True, False, True, True, True, True]
    assert band_keys_of([]) == []


def test_postgresql_search_reads_the_tsvector_index(pg_store: Store) -> None:
    """The statement search_documents runs, with the settings it makes, is planned on the
    GIN index of the folded text's vectors; and the database splits Persian words at Persian
    punctuation (under a "C" locale every character outside ASCII counts as a letter and
    «ایران،» would be one word)."""
    pg_store.add(make_doc("s", [("CONSULT", "IRN", "BLR", "2024-01-02")], "نشست هم‌اندیشی"))
    plans: list[str] = []

    def explain(conn, cursor, statement, parameters, context, executemany) -> None:
        if "@@" in statement and not plans:
            cursor.execute("EXPLAIN " + statement, parameters)
            plans.extend(row[0] for row in cursor.fetchall())

    event.listen(pg_store.engine, "before_cursor_execute", explain)
    try:
        assert pg_store.search_documents("هم اندیشی", limit=5)[1] == 1
    finally:
        event.remove(pg_store.engine, "before_cursor_execute", explain)
    assert "ix_documents_folded_tsv" in " ".join(plans)
    with pg_store.engine.connect() as conn:
        assert conn.scalar(text("SELECT to_tsvector('simple', :t)::text"),
                           {"t": "«ایران،»"}) == "'ایران':1"


def test_postgresql_store_before_the_tsvector_migrates_and_finds_its_documents(
    pg_store: Store,
) -> None:
    """Migration 0010 gives a store searched by trigrams the vector column, filled for the
    stored documents and kept in the row, and its index; the trigram index goes."""
    pg_store.add(make_doc("pre", [("CONSULT", "IRN", "BLR", None)], "پیش‌نویس قدیمی"))
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE documents DROP COLUMN folded_tsv")
        conn.exec_driver_sql("CREATE INDEX ix_documents_folded_trgm "
                             "ON documents USING gin (folded gin_trgm_ops)")
        conn.execute(delete(schema_version).where(
            schema_version.c.name == "0010_postgres_tsvector"))
    with Store(pg_store.url) as again:
        assert [h["id"] for h in again.search("پیشنویس قدیمی")] == ["pre"]
        with again.engine.connect() as conn:
            names = {i["name"] for i in inspect(conn).get_indexes("documents")}
            assert "ix_documents_folded_tsv" in names and "ix_documents_folded_trgm" not in names
            assert conn.scalar(text("SELECT attstorage FROM pg_attribute WHERE attrelid = "
                                    "'documents'::regclass AND attname = 'folded_tsv'")) == "m"


def test_postgresql_stores_a_document_too_long_for_one_vector(pg_store: Store) -> None:
    """A tsvector holds at most 1 MB (these words would make 1.6 MB): PostgreSQL
    indexes the first search.TS_INDEXED_CHARS characters, so the document is stored, not
    refused, and found by its words there."""
    words = " ".join(f"w{i}" for i in range(150_000))
    pg_store.add(make_doc("long", [("CONSULT", "IRN", "BLR", None)], "سرآغاز " + words))
    assert [h["id"] for h in pg_store.search("سرآغاز w0 w1")] == ["long"]


def test_extracted_article_comes_back_as_its_output_contract(
    store: Store, pipeline: Pipeline, seed_texts: dict[str, str]
) -> None:
    """The record keeps the annotation layers only; every layer the pipeline fills (tokens,
    quotes, roles, places, failures, ...) must come back as `to_dict` wrote it."""
    docs = [pipeline(Document(id=name, raw=text)) for name, text in seed_texts.items()]
    assert any(d.quotes for d in docs) and any(d.roles for d in docs)
    store.add_many(docs)
    for doc in docs:
        assert store.get_document(doc.id) == json.loads(json.dumps(doc.to_dict()))
    assert [d["id"] for d in store.iter_documents()] == [d.id for d in docs]


def test_record_of_an_older_store_is_read_as_written(tmp_path: Path) -> None:
    """Stores written before the layers record kept the output contract in `record`."""
    path = tmp_path / "old.db"
    doc = make_doc("old", [("CONSULT", "IRN", "BLR", "2024-07-31")])
    with Store(str(path)) as store:
        store.add(doc)
    contract = doc.to_dict() | {"title": "as stored then"}
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE documents SET record = ?", (json.dumps(contract),))
    with Store(str(path)) as store:
        assert store.get_document("old") == contract
        assert list(store.iter_documents()) == [contract]


def _fts_matches_documents(path: Path) -> bool:
    """FTS5's own check that the search index holds exactly the stored documents' words."""
    with sqlite3.connect(path) as raw:
        try:
            raw.execute("INSERT INTO documents_fts(documents_fts, rank) "
                        "VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            return False
    return True


def test_sqlite_store_with_the_search_trigger_migrates_to_batch_indexing(tmp_path: Path) -> None:
    """A store made when a trigger indexed each inserted document (before migration 0008)
    loses that trigger, or ingest would index every document twice."""
    path = tmp_path / "old.db"
    with Store(str(path)) as store:
        store.add(make_doc("a", [("CONSULT", "IRN", "BLR", None)], "همکاری ادامه دارد"))
        with store.engine.begin() as conn:
            conn.exec_driver_sql(migrations._FTS[1])  # the insert trigger, as 0002 made it
            conn.execute(delete(schema_version).where(
                schema_version.c.name == "0008_sqlite_fts_batch"))
    with Store(str(path)) as store:
        store.add_many([make_doc("b", [("AGREE", "IRN", "USA", None)], "همکاری تازه"),
                        make_doc("a", [("CONSULT", "IRN", "BLR", None)], "نسخه دوم")])
        assert [h["id"] for h in store.search("همکاری")] == ["b"]
        assert [h["id"] for h in store.search("نسخه دوم")] == ["a"]
    assert _fts_matches_documents(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall() \
            == [("documents_fts_ad",)]


def test_add_many_keeps_each_rows_dates_and_flags(store: Store) -> None:
    """Bind processing runs once per distinct value in a batch; every row keeps its own."""
    plan = [("2024-01-02", False), ("2024-01", True), (None, False), ("2024-01-02", True),
            ("2023/2024", False)]
    docs = []
    for i, (when, negated) in enumerate(plan):
        own_words = " ".join(f"خبر{i}ی{j}" for j in range(12))  # not a near-duplicate
        doc = make_doc(f"d{i}", [("CONSULT", "IRN", "BLR", when)], own_words)
        doc.events[0].negated = negated
        docs.append(doc)
    store.add_many(docs)
    got = {e["document_id"]: (e["date"], e["negated"]) for e in store.find_events()[0]}
    assert got == {f"d{i}": row for i, row in enumerate(plan)}
    assert [e["document_id"] for e in store.find_events(since=date(2024, 1, 15))[0]] == \
        ["d4", "d1"]  # in timeline order
    if store.url.startswith("sqlite"):
        assert _fts_matches_documents(Path(make_url(store.url).database))


def _as_before_0009(conn: Connection, table: Table, indexes: dict[str, list[str]]) -> None:
    """Re-create `table` as stores had it before migration 0009: no primary key (a rowid
    table on SQLite) and these indexes, with the same rows."""
    rows = [row._asdict() for row in conn.execute(select(table))]
    table.drop(conn)
    old = Table(table.name, MetaData(),
                *(Column(c.name, c.type, nullable=c.nullable) for c in table.c))
    for name, columns in indexes.items():
        Index(name, *(old.c[c] for c in columns))
    old.create(conn)
    conn.execute(old.insert(), rows)


def test_store_before_keyed_bands_and_dyads_migrates_and_answers_the_same(store: Store) -> None:
    """Migration 0009 re-creates the band and dyad tables with their keys (on SQLite, rows
    stored in key order) and keeps every row: the same answers, and ingest goes on."""
    store.add_many([
        make_doc("a", [("CONSULT", "IRN", "BLR", "2024-01-02"), ("AGREE", "USA", "IRN", None)]),
        make_doc("b", [("ACCUSE", "BLR", "IRN", "2023-05")]),
        _wire_story("wire-1", "انتهای پیام/"),
        _wire_story("wire-2", "منبع: ایرنا"),
    ])
    before = (_dyad_table(store), store.dyad_events("IRN", "BLR"), store.top_dyads(limit=5),
              store.dyad_months("IRN", "BLR"), _rows(store, minhash_bands))
    with store.engine.begin() as conn:
        _as_before_0009(conn, minhash_bands, {"ix_minhash_bands_hash": ["hash"],
                                              "ix_minhash_bands_doc": ["doc_pk"]})
        _as_before_0009(conn, dyads, {"ix_dyads_timeline": [c.name for c in dyads.c],
                                      "ix_dyads_event": ["event_id"]})
        conn.exec_driver_sql("CREATE INDEX ix_mentions_actor_id ON mentions (actor_id)")
        conn.execute(delete(schema_version).where(schema_version.c.name == "0009_fewer_btrees"))
        assert not inspect(conn).get_pk_constraint("dyads")["constrained_columns"]
    with Store(store.url) as again:
        assert (_dyad_table(again), again.dyad_events("IRN", "BLR"), again.top_dyads(limit=5),
                again.dyad_months("IRN", "BLR"), _rows(again, minhash_bands)) == before
        with again.engine.connect() as conn:
            found = inspect(conn)
            assert found.get_pk_constraint("minhash_bands")["constrained_columns"] == \
                ["hash", "doc_pk", "band"]
            assert found.get_pk_constraint("dyads")["constrained_columns"] == \
                ["event_id", "a", "b"]
            assert {i["name"] for t in ("minhash_bands", "dyads", "mentions")
                    for i in found.get_indexes(t)} == \
                {"ix_minhash_bands_doc", "ix_dyads_timeline", "ix_mentions_doc"}
            if conn.dialect.name == "sqlite":
                assert all("WITHOUT ROWID" in sql for (sql,) in conn.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE name IN ('minhash_bands', 'dyads')"))
        again.add(_wire_story("wire-3", "منبع: ایسنا"))  # found through the keyed bands
        again.add(make_doc("b", [("THREATEN", "BLR", "IRN", "2023-06")]))  # replaces b's rows
        assert again.dyad_page("IRN", "BLR", limit=1)[1] == 3
        assert [e["type"] for e in again.dyad_events("BLR", "IRN")] == \
            ["THREATEN", "CONSULT", "CONSULT"]  # 2023-06, 2024-01-02, undated


def test_store_before_the_chart_day_migrates_and_charts_the_same(store: Store) -> None:
    """A store made before migration 0011 (no `dyads.chart_day`, the timeline index without
    it) gets the column filled from its documents' publication days and the index rebuilt
    with it: the same chart (undated events at their article's month, an unpublished
    article's not at all) and the rows ingest writes now."""
    unpublished = make_doc("u", [("REJECT", "IRN", "BLR", None)])
    unpublished.published = None
    later = make_doc("l", [("AGREE", "BLR", "IRN", None), ("THREATEN", "IRN", "BLR", "2024-09")])
    later.published = date(2024, 10, 3)
    store.add_many([
        make_doc("a", [("CONSULT", "IRN", "BLR", "2024-01-02"), ("AGREE", "IRN", "BLR", None),
                       ("AGREE", "USA", "IRN", None)]),
        later, unpublished, _wire_story("wire-1", "انتهای پیام/"),
        _wire_story("wire-2", "منبع: ایرنا"),
    ])
    before = _dyad_table(store), store.dyad_months("IRN", "BLR"), store.dyad_months("USA", "IRN")
    assert [(m["month"], m["reported"], m["events"]) for m in before[1]] == [
        ("2024-01", False, 1), ("2024-07", False, 1),  # the wire story once: a copy is linked
        ("2024-08", True, 1), ("2024-09", False, 1), ("2024-10", True, 1)]
    old_index = ["a", "b", *DYAD_ORDER, "event_id", "type", "date_last"]
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_dyads_timeline")
        conn.exec_driver_sql("ALTER TABLE dyads DROP COLUMN chart_day")
        conn.exec_driver_sql(f"CREATE INDEX ix_dyads_timeline ON dyads ({', '.join(old_index)})")
        conn.execute(delete(schema_version))  # at 0010 (the fixture may have cleared it)
        conn.execute(schema_version.insert(), [
            {"name": name, "applied_at": datetime.now()} for name, _ in MIGRATIONS
            if name != "0011_dyad_chart_day"])
    with Store(store.url) as again:
        assert (_dyad_table(again), again.dyad_months("IRN", "BLR"),
                again.dyad_months("USA", "IRN")) == before
        with again.engine.connect() as conn:
            assert {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("dyads")} \
                == {"ix_dyads_timeline": [*old_index, "chart_day"]}
        again.add(make_doc("n", [("ACCUSE", "BLR", "IRN", None)]))  # ingest goes on
        assert again.dyad_months("IRN", "BLR")[2] == \
            {"month": "2024-08", "type": "ACCUSE", "quad": 3, "events": 1, "reported": True}


def _rows(store: Store, table: Table) -> list[tuple]:
    with store.engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(select(table)))


def test_prepared_rows_are_plain_tuples_the_driver_takes(store: Store) -> None:
    """A worker's rows pickle compactly and reach the driver untouched: tuples of plain
    values, dates already ISO strings; stored, they read back as SQLAlchemy wrote them."""
    doc = make_doc("t", [("CONSULT", "IRN", "BLR", "2024-07"), ("AGREE", "IRN", "USA", None)])
    prepared = writer.prepare(doc)
    rows = [prepared.document, *prepared.events, *prepared.participants, *prepared.dyads,
            *prepared.actors, *prepared.bands, *(r for rs in prepared.children for r in rs)]
    assert all(type(row) is tuple for row in rows)
    assert {type(v) for row in rows for v in row} <= {str, int, float, bool, type(None)}
    assert prepared.events[0][3:6] == ("2024-07", "2024-07-01", "2024-07-31")
    store.add(doc)
    with store.engine.connect() as conn:
        got = conn.execute(select(events.c.date_first, events.c.date_last, events.c.negated,
                                  dyads.c.undated, documents.c.published, dyads.c.chart_day,
                                  documents.c.ingested_at)
                           .join(dyads, dyads.c.event_id == events.c.id)
                           .join(documents, documents.c.pk == events.c.doc_pk)
                           .order_by(events.c.seq)).all()
    assert [row[:6] for row in got] == [  # the chart's day: the first, else the published
        (date(2024, 7, 1), date(2024, 7, 31), False, False, date(2024, 8, 1), date(2024, 7, 1)),
        (None, None, False, True, date(2024, 8, 1), date(2024, 8, 1))]
    assert all(isinstance(row.ingested_at, datetime) for row in got)


def test_event_ids_need_not_be_consecutive(store: Store,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL's sequence may interleave another writer's ids with a batch's: rows that
    name an event take its own id, not the batch's first id plus its position."""
    allocate = writer.allocate_ids

    def with_gaps(conn: Connection, column: Column, n: int) -> list[int]:
        ids = allocate(conn, column, n)
        return [100 + 3 * i for i in ids] if column is events.c.id else ids

    monkeypatch.setattr(writer, "allocate_ids", with_gaps)
    store.add_many([make_doc("g1", [("CONSULT", "IRN", "BLR", None),
                                    ("AGREE", "IRN", "USA", None)]),
                    make_doc("g2", [("REJECT", "RUS", "USA", None)])])
    assert [(e.type, e.source_label, e.target_label) for e in store.dyad("IRN", "USA")] == \
        [("AGREE", "IRN GOV (ایران)", "USA GOV (آمریکا)")]
    assert [e.type for e in store.dyad("RUS", "USA")] == ["REJECT"]
    assert [e.type for e in store.dyad("BLR", "IRN")] == ["CONSULT"]


def test_new_sqlite_store_has_16k_pages_and_checkpoints_by_size(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:  # a file made before: its pages stay 4 KiB
        conn.execute("PRAGMA page_size=4096")
        conn.execute("CREATE TABLE t (x)")
    for path, page in ((tmp_path / "new.db", 16384), (old, 4096)):
        with Store(str(path)) as store, store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA page_size").scalar() == page
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == \
                WAL_CHECKPOINT_BYTES // page


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_ingest_builds_rows_in_the_extraction_workers(store: Store, engine: str) -> None:
    """`rasad ingest` passes `for_store` to the run: workers hand back a chunk's rows, not
    documents, staged for SQLite and prepared for PostgreSQL, and storing them gives what
    storing the documents gives."""
    if engine == "dask":
        pytest.importorskip("distributed")
    docs = [make_doc(f"w{i}", [("CONSULT", "IRN", "BLR", f"2024-0{i + 1}")]) for i in range(3)]
    items = [docs[0], Skipped("x.bin", "binary file"), *docs[1:]]
    got = list(run(items, pipeline=Pipeline([]), workers=2, engine=engine,
                   finish=cli._finish(store)))
    assert [type(item).__name__ for item in got] == ["Skipped", "Extracted"]
    extracted = got[1]
    assert [doc_id for doc_id, _ in extracted.failures] == ["w0", "w1", "w2"]
    kind = staging.Staged if store.url.startswith("sqlite") else writer.Prepared
    assert [type(rows) for rows in extracted.rows] == [kind] * (1 if kind is Staged else 3)
    summary = cli._ingest(iter(got), store)
    assert [store.get_document(d.id) for d in docs] == [d.to_dict() for d in docs]
    assert (summary.stored, len(summary.skipped)) == (3, 1)


@stage("test_store_refuses_bad")
def _refuse_bad(doc: Document) -> Document:
    if doc.id.startswith("bad"):
        raise ValueError("this stage refuses the article")
    return doc


def test_ingest_reports_a_failed_article_mid_chunk_and_completes_a_half_written_run(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through `rasad ingest`'s chunks (staged on SQLite): an article whose stage failed,
    in the middle of a chunk, is stored with the chunk's others and reported by its id; a
    run stopped after its first batch was committed (the next one rolled back whole) is
    completed by a re-run, which skips what was stored and stores each article once; run
    again without skipping, every staged article is found stored already."""
    monkeypatch.setattr(cli, "INGEST_BATCH", 4)
    monkeypatch.setattr(cli, "INGEST_SECONDS", 3600.0)  # batches by size alone here
    ids = [f"{'bad' if i == 7 else 'ok'}{i}" for i in range(14)]
    pipeline = Pipeline(["test_store_refuses_bad"], on_error="record")

    def ingest(known: bool = True) -> cli.IngestSummary:
        docs = [make_doc(doc_id, [("CONSULT", "IRN", "BLR", None)], f"خبر {i} {i * 'تهران '}")
                for i, doc_id in enumerate(ids)]  # read afresh, as each run reads its input
        return cli._ingest(run(docs, pipeline=pipeline, chunk_size=3, finish=cli._finish(store),
                               known=store.known if known else None), store)

    add_many, calls = store.add_many, []

    def stopping(items: list, **options: object) -> AddSummary:
        calls.append(sum(len(item) if isinstance(item, Staged) else 1 for item in items))
        if len(calls) == 2:
            raise KeyboardInterrupt  # the run is stopped while writing its second batch
        return add_many(items, **options)

    monkeypatch.setattr(store, "add_many", stopping)
    with pytest.raises(KeyboardInterrupt):
        ingest()
    assert calls == [6, 6]  # two chunks of 3 per batch of at least 4
    stored = sorted(d["id"] for d in store.list_documents(limit=20)[0])
    assert stored == sorted(ids[:6])
    monkeypatch.setattr(store, "add_many", add_many)
    summary = ingest()
    assert (summary.stored, summary.duplicates) == (8, 6)
    assert [line.split(": ")[:2] for line in summary.failed] == \
        [["bad7", "stage test_store_refuses_bad"]]
    assert sorted(d["id"] for d in store.list_documents(limit=20)[0]) == sorted(ids)
    assert store.counts()["documents"] == 14
    assert [e.type for e in store.dyad("IRN", "BLR")] == ["CONSULT"] * 14

    again = ingest(known=False)  # every article extracted again, and found stored already
    assert (again.stored, again.replaced, again.duplicates, len(again.failed)) == (0, 0, 14, 1)


def _staged_batch() -> list[Document]:
    """Documents that exercise every rule of a batch: a wire copy of a story stored just
    before it, an id repeated with the same and then new content, an actor whose later
    mentions fill in (never erase) its fields, dates and a quote, a document without
    events."""
    first = make_doc("v", [("CONSULT", "IRN", "BLR", "2024-01-01")])
    second = make_doc("v", [("AGREE", "IRN", "USA", "2024-02")])
    second.actors["usa"] = Actor("usa", "آمریکا", None, "USA", sector="GOV")
    quoted = make_doc("q", [("ACCUSE", "RUS", "USA", None)], "«ما آماده‌ایم» گفت.")
    quoted.actors["usa"] = Actor("usa", "آمریکا", "United States", None)
    start = quoted.text.index("«")
    quoted.quotes.append(Quote(start, start + 12, start + 13, start + 17, 0, 5))
    quoted.dates.append(DateMention(0, 5, "gregorian", "2024-03", "month", "absolute"))
    return [_wire_story("wire-1", "انتهای پیام/"), _wire_story("wire-2", "منبع: ایرنا"),
            first, first, second, quoted, make_doc("empty", [], "خبر کوتاه بدون رویداد")]


def _table_rows(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table but the ingest time, keys included."""
    with store.engine.connect() as conn:
        return {t.name: sorted(repr(tuple(v for k, v in row._mapping.items()
                                          if k != "ingested_at"))
                               for row in conn.execute(select(t)))
                for t in metadata.sorted_tables if t is not schema_version}


@pytest.mark.parametrize("chunk", [2, 7])
def test_staged_chunks_store_what_prepared_rows_store(
    store: Store, tmp_path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows staged in worker processes (one chunk or several per batch) give the store
    what the documents themselves give in batches of the chunk's size; on SQLite the same
    rows, keys included (PostgreSQL's sequences do not reuse a replaced version's keys, as
    SQLite does), which reach the tables through SQL alone, never as Python rows."""
    docs = _staged_batch()
    sqlite = store.url.startswith("sqlite")
    rows = _table_rows if sqlite else Store.counts
    if sqlite:
        monkeypatch.setattr(staging.Staged, "prepared", None)  # fails if called
    items = [item for i in range(0, len(docs), chunk)
             for item in pickle.loads(pickle.dumps(stage_chunk(docs[i:i + chunk])))]
    assert all(isinstance(item, staging.Staged) for item in items)
    summary = store.add_many(items, batch_size=10)
    with Store(str(tmp_path / "rows.db")) as expected:
        assert expected.add_many(docs, batch_size=chunk) == summary == \
            AddSummary(added=5, replaced=1, duplicates=1)
        assert rows(store) == rows(expected)
        assert [store.get_document(d.id) for d in docs] == \
            [expected.get_document(d.id) for d in docs]
        assert store.actor_profile("usa")["actor"] == expected.actor_profile("usa")["actor"]
        assert store.search("همکاری‌های اقتصادی") == expected.search("همکاری‌های اقتصادی")
        assert len(store.dyad("IRN", "BLR")) == 1  # the wire copy linked, old "v" replaced
        assert store.dyad_months("RUS", "USA") == expected.dyad_months("RUS", "USA") == [
            {"month": "2024-08", "type": "ACCUSE", "quad": 3, "events": 1, "reported": True}]
        if sqlite:
            assert _fts_matches_documents(Path(make_url(store.url).database))
        again = store.add_many(items, batch_size=10)  # the first "v" replaces the stored one
        assert again == expected.add_many(docs, batch_size=chunk)
        assert again.duplicates == 5 and rows(store) == rows(expected)


def test_staged_chunk_a_database_refuses_is_stored_but_for_the_refused_document(
    store: Store,
) -> None:
    """The database's refusal (an actor without its required name) rolls the chunk back and
    retries its documents one at a time, from the staged rows."""
    bad = make_doc("bad", [("REJECT", "RUS", "USA", None)])
    bad.actors["rus"] = Actor("rus", None)  # type: ignore[arg-type]
    good = [make_doc("g1", [("CONSULT", "IRN", "BLR", None)]),
            make_doc("g2", [("AGREE", "BLR", "USA", None)])]
    refused_early = make_doc("early", [("AGREE", "IRN", "USA", None)])
    refused_early.events[0].trigger_end = 10**6
    items = stage_chunk([good[0], bad, refused_early, good[1]])
    assert [type(item).__name__ for item in items] == ["Document", "Staged"]
    summary = store.add_many(items)
    assert (summary.added, sorted(doc_id for doc_id, _ in summary.failed)) == \
        (2, ["bad", "early"])
    assert store.counts()["documents"] == 2 and store.get_document("bad") is None
    assert [e.type for e in store.dyad("BLR", "USA")] == ["AGREE"]


def test_staged_rows_read_back_as_the_prepared_rows() -> None:
    """PostgreSQL takes a chunk as Prepared items: the same tuples, flags as bools."""
    docs = _staged_batch()
    staged = Staged.of([writer.prepare(d) for d in docs])
    assert (len(staged), staged.prepared()) == (len(docs), [writer.prepare(d) for d in docs])
