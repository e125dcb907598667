"""Store speed: ingest rate, dyad query and search latency on SQLite and PostgreSQL.

    .venv/bin/python bench/store.py [--events 1000000] [--quick] [--backends sqlite,postgresql]
                                    [--workers 2] [--real N] [--json out/store.json]

Builds synthetic but realistic Documents directly from rasad.model objects (no pipeline, so
extraction costs nothing): about 10 events per article between countries drawn from a skewed
(Zipf) distribution with Iran in most of them, dates over 20 years, evidence sentences sampled
from the Fars News articles, a few near-duplicate republished copies. The same documents
(same seed) are stored in a fresh SQLite file and in a throwaway PostgreSQL cluster, then:
- ingest: articles/s and events/s through `Store.add_many` (document generation excluded),
  with every row built in this process; and again into a fresh store with the rows built by
  `writer.prepare_chunk` in --workers processes (rasad.scale's chunked, ordered window) from
  documents pickled for them (untimed here; unpickling them, which extraction workers would
  not do, costs the workers about as much as staging and is reported apart), so this
  process only unpickles rows and runs the SQL; and (SQLite) with the rows staged in the
  workers by `staging.stage_chunk`, so this process moves them with one INSERT ... SELECT
  per table; and staged by workers that unpickled every document when they started (up to
  100,000 events), as extraction workers hold the documents they made;
- `rasad ingest`'s write path (SQLite, up to 100,000 events; and on the --real output):
  each chunk of the run (cli.INGEST_CHUNK articles) made beforehand into what an extraction
  worker hands back (`cli._finish`: staged rows, pickled), its CPU reported as the
  workers'; then the chunks unpickled and stored by `cli._ingest` (its batches, progress
  line and summary), timed: the writer's share of `rasad ingest`, with extraction and the
  transport of articles to the workers left out (the CLI reads raw articles only);
- dyad: `Store.dyad_page(a, b)` (first 50 events in timeline order + total, what
  GET /api/dyads/A-B asks) for 100 frequent and 100 rare country pairs, p50/p95;
- dyad chart: `Store.dyad_months(a, b)` (the dashboard chart's counts) for 40 frequent pairs;
- search: `Store.search_documents` (first 20 hits + total) for 100 queries of 1-3 Persian
  words taken from the corpus, p50/p95;
- real articles (`--real N`, SQLite): N Fars articles run through the default pipeline first
  (not timed), then stored: articles/s of real pipeline output, whose documents carry far
  fewer events but more mentions, tokens and text than the synthetic ones; and again with
  their rows staged beforehand (untimed), the writer's share of a staged ingest.
The SQLite dyad page and chart query plans are printed, to check they read the dyad index alone
(the page without sorting).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pickle
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from rasad import cli
from rasad.ingest.readers import read_paths
from rasad.model import (
    Actor,
    DateMention,
    Document,
    Event,
    Mention,
    OffsetMap,
    Participant,
)
from rasad.pipeline import Pipeline
from rasad.scale.worker import chunked, ordered_window
from rasad.store import Store, pgserver
from rasad.store import queries as store_queries
from rasad.store.schema import documents as documents_table
from rasad.store.staging import Staged, stage_chunk
from rasad.store.writer import Prepared, prepare_chunk

ROOT = Path(__file__).resolve().parents[1]
FARS = ROOT.parent / "shared" / "data" / "farsnews-articles" / "train.jsonl"
COUNTRIES = ROOT / "rasad" / "resources" / "countries.tsv"
HEAD = ["IRN", "USA", "RUS", "CHN", "IRQ", "SYR", "ISR", "SAU", "TUR", "AFG", "PAK", "GBR",
        "FRA", "DEU", "LBN", "IND", "ARE", "QAT", "YEM", "AZE"]  # most written about first
TYPES = {"CONSULT": 30, "AGREE": 12, "COOPERATE": 12, "SUPPORT": 8, "REQUEST": 8,
         "ACCUSE": 8, "REJECT": 5, "THREATEN": 4, "SANCTION": 4, "AID": 3, "PROTEST": 2,
         "MOBILIZE": 2, "COERCE": 1, "ASSAULT": 1}
SOURCES = ["farsnews", "irna", "isna", "mehrnews", "tasnimnews"]
FIRST_DAY, DAYS = date(2005, 1, 1), 20 * 365
EVENTS_PER_DOC = 10
DUPLICATE_SHARE = 0.02  # articles that are another outlet's copy of an earlier story


@dataclass(frozen=True, slots=True)
class World:
    """What documents are drawn from: sentences, countries (with weights), their names."""

    sentences: list[str]
    codes: list[str]
    weights: list[float]
    names: dict[str, str]


def load_world(limit: int = 30000) -> World:
    sentences: list[str] = []
    for line in FARS.open(encoding="utf-8"):
        for para in json.loads(line).get("paragraphs") or []:
            sentences += [s.strip() + "." for s in re.split(r"[.!؟?]", para)
                          if 40 <= len(s.strip()) <= 220]
        if len(sentences) >= limit:
            break
    names = {}
    for row in COUNTRIES.open(encoding="utf-8"):
        if row.startswith(("#", "iso3")):
            continue
        code, _, fa = row.rstrip("\n").split("\t")
        names[code] = fa.split("|")[0]
    rest = sorted(set(names) - set(HEAD))
    random.Random(7).shuffle(rest)
    codes = [c for c in HEAD if c in names] + rest
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(codes))]
    weights[0] *= 4  # Iranian news: Iran is on one side of most events
    return World(sentences, codes, weights, names)


def _event(rng: random.Random, world: World, doc: Document, parts: list[str]) -> None:
    """Append one event sentence to `parts` (the text so far) and its annotations to `doc`."""
    src, tgt = rng.choices(world.codes, world.weights, k=2)
    while tgt == src:
        tgt = rng.choices(world.codes, world.weights)[0]
    pos = sum(len(p) + 1 for p in parts)
    sentence = rng.choice(world.sentences)
    head = f"{world.names[src]} و {world.names[tgt]}: "
    parts.append(head + sentence)
    spans = []
    for code, start in ((src, pos), (tgt, pos + len(world.names[src]) + 3)):
        end = start + len(world.names[code])
        spans.append(Participant(start, end, code.lower(), code, "GOV"))
        doc.entities.append(Mention(start, end, "GPE", code.lower(), origin="gazetteer"))
        doc.actors[code.lower()] = Actor(code.lower(), world.names[code], code, code,
                                         kind="GPE")
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    when = rng.choices([day.isoformat(), day.isoformat()[:7], None], [85, 10, 5])[0]
    if when:
        doc.dates.append(DateMention(pos, pos + len(head) - 2, "gregorian", when,
                                     "day" if len(when) == 10 else "month", "absolute"))
    trigger = pos + len(head)
    doc.events.append(Event(
        rng.choices(list(TYPES), list(TYPES.values()))[0], pos, pos + len(parts[-1]),
        trigger, trigger + sentence.find(" ") % 20 + 1, source=[spans[0]], target=[spans[1]],
        date=when, sectors=["GOV"], confidence=round(rng.random(), 2), pattern_id="bench",
    ))


def make_document(rng: random.Random, world: World, n: int) -> Document:
    doc = Document(id=f"bench-{n}", raw="", source=rng.choice(SOURCES),
                   published=FIRST_DAY + timedelta(days=rng.randrange(DAYS)),
                   url=f"https://example.ir/news/{n}", title=rng.choice(world.sentences))
    parts: list[str] = []
    for _ in range(rng.randint(EVENTS_PER_DOC - 5, EVENTS_PER_DOC + 5)):
        _event(rng, world, doc, parts)
    doc.raw = doc.text = " ".join(parts)
    doc.offsets = OffsetMap.identity(len(doc.text))
    return doc


def documents(world: World, events: int, clock: list[float]) -> Iterator[Document]:
    """Documents up to about `events` events; the wall and CPU time spent making them are
    added to clock[0] and clock[1]."""
    rng = random.Random(20240731)
    made, n, recent = 0, 0, []
    while made < events:
        t0, c0 = time.perf_counter(), time.process_time()
        if recent and rng.random() < DUPLICATE_SHARE:  # the same wire story, another site
            original = rng.choice(recent)
            doc = Document(id=f"bench-{n}", raw=original.raw, source=rng.choice(SOURCES),
                           published=original.published, title=original.title)
            doc.entities, doc.actors, doc.events = original.entities, original.actors, \
                original.events
        else:
            doc = make_document(rng, world, n)
            recent = (recent + [doc])[-50:]
        made, n = made + len(doc.events), n + 1
        clock[0] += time.perf_counter() - t0
        clock[1] += time.process_time() - c0
        yield doc


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return statistics.median(samples) * 1000, cuts[18] * 1000


def timed(call: Callable[[], Any], items: list[Any]) -> list[float]:
    out = []
    for item in items:
        t0 = time.perf_counter()
        call(item)
        out.append(time.perf_counter() - t0)
    return out


def query_sets(world: World, store: Store, rng: random.Random) -> tuple[list, list, list]:
    """100 frequent pairs (drawn like events are), 100 rare ones (uniform), 100 searches."""
    frequent = []
    while len(frequent) < 100:
        a, b = rng.choices(world.codes, world.weights, k=2)
        if a != b:
            frequent.append((a, b))
    rare = [tuple(rng.sample(world.codes[20:], 2)) for _ in range(100)]
    searches = []
    while len(searches) < 100:
        words = [w for w in rng.choice(world.sentences).split() if len(w) > 2]
        if words:
            k = rng.randint(1, min(3, len(words)))
            i = rng.randrange(len(words) - k + 1)
            searches.append(" ".join(words[i : i + k]).strip(".،:«»"))
    return frequent, rare, searches


def explain(store: Store, stmt: Any) -> str:
    """SQLite's query plan for `stmt`."""
    sql = str(stmt.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
    return "\n".join(f"    {r[-1]}" for r in rows)


BATCH = 500  # documents per write transaction
PREPARE_CHUNK = 64
INGEST_CHUNK = cli.INGEST_CHUNK  # what `rasad ingest`'s extraction workers hand back
STAGE_CHUNK = 250  # a staged chunk costs a schema and a serialization: fewer, larger ones


@dataclass(frozen=True, slots=True)
class WorkerCpu:
    """CPU seconds a worker spent on one chunk: unpickling its documents (the bench's
    transport: extraction workers hold theirs) and building or staging their rows."""

    transport: float
    rows: float


def rows_of(docs: list[Document], stage: bool) -> list[Document | Prepared | Staged]:
    return (stage_chunk if stage else prepare_chunk)(docs)


def rows_pickled(chunk: bytes, stage: bool) -> list[Document | Prepared | Staged | WorkerCpu]:
    """Worker task: `prepare_chunk` or `stage_chunk` over a pickled chunk of documents,
    and the CPU spent."""
    c0 = time.process_time()
    docs = pickle.loads(chunk)
    c1 = time.process_time()
    items = rows_of(docs, stage)
    return [*items, WorkerCpu(c1 - c0, time.process_time() - c1)]


HELD: list[list[Document]] = []  # in a worker: every chunk, unpickled when it started


def hold(chunks: list[bytes]) -> None:
    """Worker initializer (untimed): keep every chunk's documents, as extraction workers
    hold the documents they made."""
    HELD.extend(pickle.loads(chunk) for chunk in chunks)


def rows_held(k: int, stage: bool) -> list[Document | Prepared | Staged | WorkerCpu]:
    """Worker task: the rows of held chunk `k`, and the CPU spent."""
    c0 = time.process_time()
    items = rows_of(HELD[k], stage)
    return [*items, WorkerCpu(0.0, time.process_time() - c0)]


def pickled_chunks(docs: Iterable[Document], size: int, clock: list[float]
                   ) -> Iterator[bytes]:
    """Chunks of documents, pickled; the time spent is added to the clock like generating
    them: extraction workers would hold their documents already, so the writer never
    serializes one (pickling cost it 0.35-0.45 ms per article)."""
    for chunk in chunked(docs, size):
        t0, c0 = time.perf_counter(), time.process_time()
        data = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
        clock[0] += time.perf_counter() - t0
        clock[1] += time.process_time() - c0
        yield data


def worker_pid() -> int:
    time.sleep(0.05)  # long enough that one worker cannot take every task of a round
    return os.getpid()


def start_all(pool: ProcessPoolExecutor, workers: int) -> None:
    """Untimed: every worker process started, and initialized, before the clock starts."""
    pids: set[int] = set()
    while len(pids) < workers:
        pids |= {f.result() for f in [pool.submit(worker_pid) for _ in range(workers)]}


def without_cpu(items: Iterable[Any], cpu: list[float]) -> Iterator[Any]:
    """The items, the workers' WorkerCpu records taken out and added to cpu[0] (transport)
    and cpu[1] (rows)."""
    for item in items:
        if isinstance(item, WorkerCpu):
            cpu[0] += item.transport
            cpu[1] += item.rows
        else:
            yield item


HELD_MAX_EVENTS = 100_000  # workers holding every document: only for runs this small
VARIANTS: dict[str, dict[str, bool]] = {  # ingest_prepared's runs (SQLite)
    "prepared": {}, "staged": {"stage": True}, "staged_held": {"stage": True, "held": True},
}


def ingest_prepared(url: str, world: World, events: int, *, workers: int, stage: bool = False,
                    held: bool = False) -> dict[str, float]:
    """Articles/s into a fresh store with the rows prepared (or staged) in `workers`
    processes, this (the writer) process's CPU ms per article, and the workers' (CPU ms
    per article unpickling documents and building rows). The documents reach the workers
    pickled, with two batches or two chunks per worker in flight (whichever is more), so
    the workers prepare the next batch while this process writes one; or (`held`) each
    worker unpickled all of them when it started."""
    clock, cpu = [0.0, 0.0], [0.0, 0.0]
    size = STAGE_CHUNK if stage else PREPARE_CHUNK
    everything = list(pickled_chunks(documents(world, events, [0.0, 0.0]), size,
                                     [0.0, 0.0])) if held else []
    context = multiprocessing.get_context("spawn")
    window = max(2 * workers, 2 * BATCH // size)
    with Store(url) as store, ProcessPoolExecutor(
        workers, mp_context=context, initializer=hold, initargs=(everything,),
    ) as pool:
        start_all(pool, workers)
        t0, c0 = time.perf_counter(), time.process_time()
        if held:
            results = ordered_window(range(len(everything)),
                                     lambda k: pool.submit(rows_held, k, stage), window)
        else:
            chunks = pickled_chunks(documents(world, events, clock), size, clock)
            results = ordered_window(chunks, lambda chunk: pool.submit(rows_pickled, chunk,
                                                                         stage), window)
        summary = store.add_many(without_cpu(results, cpu), batch_size=BATCH)
        seconds = time.perf_counter() - t0 - clock[0]
        writer_cpu = time.process_time() - c0 - clock[1]
    stored = summary.added + summary.replaced + summary.duplicates
    return {"articles_per_s": stored / seconds, "writer_cpu_ms": 1000 * writer_cpu / stored,
            "transport_cpu_ms": 1000 * cpu[0] / stored, "rows_cpu_ms": 1000 * cpu[1] / stored}


def ingest_path(url: str, docs: list[Document]) -> dict[str, float]:
    """`rasad ingest`'s write path on extracted documents (see the module docstring):
    articles/s and CPU ms per article of the writer, and the workers' CPU ms per article
    staging and pickling their chunks (done beforehand here)."""
    with Store(url) as store:
        finish = cli._finish(store)
        c0 = time.process_time()
        blobs = [pickle.dumps(finish(chunk), protocol=pickle.HIGHEST_PROTOCOL)
                 for chunk in chunked(docs, INGEST_CHUNK)]
        workers_cpu = time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        summary = cli._ingest((item for blob in blobs for item in pickle.loads(blob)), store)
        seconds, writer_cpu = time.perf_counter() - t0, time.process_time() - c0
    stored = summary.stored + summary.replaced + summary.duplicates
    return {"articles_per_s": stored / seconds, "writer_cpu_ms": 1000 * writer_cpu / stored,
            "rows_cpu_ms": 1000 * workers_cpu / stored}


def _path_line(label: str, got: dict[str, float]) -> str:
    return (f"[sqlite] rasad ingest's write path, {label}, chunks of {INGEST_CHUNK} (extraction "
            f"excluded): {got['articles_per_s']:.0f} articles/s for the writer, CPU ms/article: "
            f"writer {got['writer_cpu_ms']:.2f}, workers {got['rows_cpu_ms']:.2f}")


def real_documents(n: int) -> list[Document]:
    """The first `n` Fars articles (with text), extracted by the default pipeline."""
    from throughput import fars_records  # bench/ is this script's folder, so on sys.path

    pipeline = Pipeline.from_config()
    with tempfile.TemporaryDirectory(prefix="rasad-bench-") as tmp:
        corpus = Path(tmp) / "fars.jsonl"
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                  for r in islice(fars_records(FARS), n)), encoding="utf-8")
        return [pipeline(doc) for doc in read_paths([corpus]) if isinstance(doc, Document)]


def ingest_real(url: str, docs: list[Document]) -> dict[str, Any]:
    """Articles/s and writer CPU ms per article storing real pipeline output: the documents
    themselves, and (in a second store) their rows staged in chunks beforehand, untimed, as
    worker processes would stage them."""
    with Store(url) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        summary = store.add_many(docs, batch_size=BATCH)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    chunks = [item for chunk in chunked(docs, STAGE_CHUNK) for item in stage_chunk(chunk)]
    with Store(url.replace(".db", "-staged.db")) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        staged = store.add_many(chunks, batch_size=BATCH).added
        staged_s, staged_cpu = time.perf_counter() - t0, time.process_time() - c0
    per_doc = {layer: sum(len(getattr(d, layer)) for d in docs) / len(docs)
               for layer in ("events", "entities", "tokens", "text")}
    return {"articles": summary.added, "articles_per_s": round(summary.added / seconds),
            "writer_cpu_ms": round(1000 * cpu / summary.added, 2),
            "staged_articles_per_s": round(staged / staged_s),
            "staged_writer_cpu_ms": round(1000 * staged_cpu / staged, 2),
            "per_article": {k: round(v, 1) for k, v in per_doc.items()}}


def run_backend(name: str, url: str, world: World, events: int) -> dict[str, Any]:
    clock = [0.0, 0.0]
    with Store(url) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        summary = store.add_many(documents(world, events, clock), batch_size=BATCH)
        seconds = time.perf_counter() - t0 - clock[0]
        cpu = time.process_time() - c0 - clock[1]
        counts = store.counts()
        with store.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")  # the planner statistics a long-lived store has
            conn.commit()
            dups = conn.scalar(select(func.count()).where(
                documents_table.c.duplicate_of.is_not(None)))
        stored = summary.added + summary.replaced + summary.duplicates
        print(f"[{name}] stored {stored} articles, {counts['events']} events "
              f"({dups} near-duplicates linked, {len(summary.failed)} failed) in {seconds:.1f} s",
              flush=True)
        frequent, rare, searches = query_sets(world, store, random.Random(1))
        page = lambda pair: store.dyad_page(*pair, limit=50)  # noqa: E731
        for pair in frequent[:5]:  # warm caches (and PLOVER table) as a serving process has
            page(pair)
        sizes = [store.dyad_page(*pair, limit=1)[1] for pair in frequent[:20] + rare[:20]]
        result = {
            "backend": name, "articles": stored, "events": counts["events"],
            "ingest_s": round(seconds, 1), "articles_per_s": round(stored / seconds),
            "events_per_s": round(counts["events"] / seconds),
            "writer_cpu_ms": round(1000 * cpu / stored, 2),
            "dyad_frequent_ms": percentiles(timed(page, frequent)),
            "dyad_rare_ms": percentiles(timed(page, rare)),
            "search_ms": percentiles(timed(lambda q: store.search_documents(q, limit=20),
                                           searches)),
            "dyad_sizes": (min(sizes), max(sizes)),
            "dyad_chart_ms": percentiles(timed(lambda pair: store.dyad_months(*pair),
                                               frequent[:40])),
        }
        slow = timed(page, frequent + rare)
        result["dyad_all_ms"] = percentiles(slow)
        worst = sorted(zip(slow, frequent + rare, strict=True), reverse=True)[:3]
        print(f"[{name}] slowest dyads: " + ", ".join(
            f"{a}-{b} {1000 * t:.0f} ms" for t, (a, b) in worst), flush=True)
        if name == "sqlite":
            for what, stmt in (("dyad", store_queries.dyad_select("IRN", "USA").limit(50)),
                               ("dyad chart", store_queries.dyad_months_select("IRN", "USA"))):
                print(f"[sqlite] {what} query plan (IRN-USA):\n" + explain(store, stmt))
    return result


def _run_cell(key: str, *, transport: bool = False) -> Callable[[dict[str, Any]], str]:
    """A run's table cell: articles/s (writer CPU, workers' CPU [+ unpickling]) per article."""
    def cell(r: dict[str, Any]) -> str:
        if key not in r:
            return "—"
        v = r[key]
        workers = f"{v['rows_cpu_ms']:.2f}"
        if transport:
            workers += f" + {v['transport_cpu_ms']:.2f}"
        return f"{v['articles_per_s']:,.0f} ({v['writer_cpu_ms']:.2f}, {workers})"
    return cell


def table(results: list[dict[str, Any]], workers: int) -> str:
    """A Markdown table, one column per backend."""
    def ms(pair: tuple[float, float]) -> str:
        return f"{pair[0]:.1f} / {pair[1]:.1f}"

    rows = [
        ("articles / events stored", lambda r: f"{r['articles']:,} / {r['events']:,}"),
        ("ingest articles/s (events/s)",
         lambda r: f"{r['articles_per_s']:,} ({r['events_per_s']:,})"),
        ("ingest, writer process CPU ms/article", lambda r: f"{r['writer_cpu_ms']:.2f}"),
        *((f"ingest, rows {variant.replace('_', ' ')} in {workers} workers: "
           "articles/s (CPU ms/art.: writer, workers + unpickling)",
           _run_cell(variant, transport=True))
          for variant in VARIANTS),
        *((f"`rasad ingest` write path, {what}, chunks of {INGEST_CHUNK}, extraction excluded: "
           "writer's articles/s (CPU ms/art.: writer, workers)", _run_cell(key))
          for key, what in (("ingest_path", "synthetic"), ("ingest_path_real", "real output"))),
        ("ingest of real Fars pipeline output (--real): articles/s (writer CPU ms/art.)",
         lambda r: f"{r['real']['articles_per_s']:,} ({r['real']['writer_cpu_ms']:.2f})"
         if "real" in r else "—"),
        ("the same, rows staged beforehand: articles/s (writer CPU ms/art.)",
         lambda r: f"{r['real']['staged_articles_per_s']:,} "
                   f"({r['real']['staged_writer_cpu_ms']:.2f})" if "real" in r else "—"),
        ("dyad page, frequent pairs p50 / p95 ms", lambda r: ms(r["dyad_frequent_ms"])),
        ("dyad page, rare pairs p50 / p95 ms", lambda r: ms(r["dyad_rare_ms"])),
        ("dyad page, all 200 pairs p50 / p95 ms", lambda r: ms(r["dyad_all_ms"])),
        ("search (1-3 words) p50 / p95 ms", lambda r: ms(r["search_ms"])),
        ("dyad chart (per month and type), 40 frequent pairs p50 / p95 ms",
         lambda r: ms(r["dyad_chart_ms"])),
    ]
    lines = ["| | " + " | ".join(r["backend"] for r in results) + " |",
             "|---|" + "---|" * len(results)]
    lines += [f"| {label} | " + " | ".join(cell(r) for r in results) + " |"
              for label, cell in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="50,000 events")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--real", type=int, default=0,
                        help="also store N real Fars articles' pipeline output (SQLite)")
    parser.add_argument("--workers", type=int, default=2,
                        help="processes preparing or staging rows (default 2)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    events = 50_000 if args.quick else args.events
    world = load_world()
    print(f"{len(world.sentences)} Fars sentences, {len(world.codes)} countries; "
          f"target {events:,} events; load average {os.getloadavg()[0]:.1f}", flush=True)
    results = []
    for backend in args.backends.split(","):
        if backend == "sqlite":
            with tempfile.TemporaryDirectory(prefix="rasad-bench-") as tmp:
                results.append(run_backend("sqlite", str(Path(tmp) / "bench.db"), world, events))
                for variant, how in VARIANTS.items():
                    if how.get("held") and events > HELD_MAX_EVENTS:
                        continue
                    got = ingest_prepared(str(Path(tmp) / f"{variant}.db"), world, events,
                                          workers=args.workers, **how)
                    results[-1][variant] = {k: round(v, 2) for k, v in got.items()}
                    print(f"[sqlite] rows {variant.replace('_', ' ')} in {args.workers} "
                          f"workers: {got['articles_per_s']:.0f} articles/s, CPU ms/article: "
                          f"writer {got['writer_cpu_ms']:.2f}, workers "
                          f"{got['rows_cpu_ms']:.2f} + {got['transport_cpu_ms']:.2f} "
                          "unpickling documents", flush=True)
                docs = list(documents(world, min(events, HELD_MAX_EVENTS), [0.0, 0.0]))
                got = ingest_path(str(Path(tmp) / "path.db"), docs)
                results[-1]["ingest_path"] = {k: round(v, 2) for k, v in got.items()}
                print(_path_line(f"{len(docs)} synthetic articles", got), flush=True)
                del docs
                if args.real:
                    extracted = real_documents(args.real)
                    got = ingest_path(str(Path(tmp) / "path-real.db"), extracted)
                    results[-1]["ingest_path_real"] = {k: round(v, 2) for k, v in got.items()}
                    print(_path_line(f"{len(extracted)} real articles", got), flush=True)
                    real = ingest_real(str(Path(tmp) / "real.db"), extracted)
                    results[-1]["real"] = real
                    print(f"[sqlite] {real['articles']} real Fars articles (per article: "
                          f"{real['per_article']}): {real['articles_per_s']} articles/s, "
                          f"writer CPU {real['writer_cpu_ms']:.2f} ms/article; staged "
                          f"beforehand {real['staged_articles_per_s']} articles/s, writer CPU "
                          f"{real['staged_writer_cpu_ms']:.2f} ms/article", flush=True)
        elif not pgserver.available():
            print("[postgresql] skipped: no PostgreSQL server installed")
        else:
            with pgserver.temporary_server(
                settings="-c synchronous_commit=off -c shared_buffers=512MB"
            ) as url:
                results.append(run_backend("postgresql", url, world, events))
    print()
    print(table(results, args.workers))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
