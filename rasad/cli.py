"""The `rasad` command: a thin skin over the Python API."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from rasad.errors import RasadError
from rasad.ingest.readers import Skipped
from rasad.model import Document
from rasad.output import json_line
from rasad.pipeline import Pipeline
from rasad.scale import ALREADY_STORED, ENGINES, extract_paths
from rasad.store import AddSummary, Store
from rasad.store.staging import Extracted, Staged, for_store
from rasad.store.writer import Prepared

app = typer.Typer(
    help="rasad (رصد): Persian news in, sourced event data out.", no_args_is_help=True
)
out = Console()
err = Console(stderr=True)

PathsArg = Annotated[list[str], typer.Argument(help="Files, folders, or - for JSONL on stdin.")]
DbOpt = Annotated[str, typer.Option("--db", help="SQLite file or database URL.")]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Processes (or Dask workers).")]
SinceOpt = Annotated[datetime | None, typer.Option(
    formats=["%Y-%m-%d"], help="Published on or after this day (YYYY-MM-DD).")]
UntilOpt = Annotated[datetime | None, typer.Option(
    formats=["%Y-%m-%d"], help="Published on or before this day (YYYY-MM-DD).")]
EngineOpt = Annotated[str, typer.Option("--engine", help="local (process pool) or dask.")]
SchedulerOpt = Annotated[
    str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786.")
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="Pipeline TOML file ([pipeline] stages, on_error).")
]


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from error


def _report_skip(item: Skipped) -> None:
    err.print(f"[yellow]skipped[/] {item.where}: {item.reason}", highlight=False)


def _engine(engine: str) -> str:
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(ENGINES)}", param_hint="--engine")
    return engine


def _documents(paths: list[str], published: date | None, **run: object) -> Iterator[Document]:
    for item in extract_paths(paths, published=published, **run):
        if isinstance(item, Skipped):
            _report_skip(item)
        else:
            for failure in item.failures:
                err.print(f"[red]failed[/] {item.id}: stage {failure.stage}: {failure.error}")
            yield item


@app.command()
def extract(
    paths: PathsArg,
    fmt: Annotated[str, typer.Option("--format", help="Output format.")] = "jsonl",
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles without one.")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
    config: ConfigOpt = None,
    workers: WorkersOpt = 1,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
) -> None:
    """Extract entities, dates, quotes and events; one JSON object per article.

    Example: rasad extract ../shared/seeds/004_da3d466a17c7a79f.txt --published 2024-07-31
    """
    if fmt != "jsonl":
        raise typer.BadParameter("only 'jsonl' is supported", param_hint="--format")
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        run = {"pipeline": Pipeline.from_config(config), "workers": workers,
               "engine": _engine(engine), "scheduler": scheduler}
        for doc in _documents(paths, _published(published), **run):
            sink.write(json_line(doc.to_dict()))
    finally:
        if output:
            sink.close()


@dataclass
class IngestSummary:
    """What an ingest run did, with the reason for every input it could not use."""

    stored: int = 0
    replaced: int = 0
    duplicates: int = 0
    failed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def count(self, stored: AddSummary) -> None:
        """Add what the store did with one batch."""
        self.stored += stored.added
        self.replaced += stored.replaced
        self.duplicates += stored.duplicates
        self.failed += [f"{doc_id}: not stored: {why}" for doc_id, why in stored.failed]

    def print(self) -> None:
        table = Table(title="ingest summary")
        for column in ("stored", "replaced", "already stored", "skipped", "failed"):
            table.add_column(column, justify="right")
        table.add_row(*(str(n) for n in (self.stored, self.replaced, self.duplicates,
                                         len(self.skipped), len(self.failed))))
        out.print(table)
        for item in self.skipped:
            out.print(f"[yellow]skipped[/] {item.where}: {item.reason}", highlight=False)
        for line in self.failed:
            out.print(f"[red]failed[/] {line}", highlight=False)


# A store transaction holds INGEST_BATCH documents or more (whole chunks), or those extracted
# within INGEST_SECONDS: one commit per batch, not per article, and an interrupted run loses
# little.
INGEST_BATCH = 200
INGEST_SECONDS = 0.5
# Articles per extraction task, whose rows reach the store staged together: a staged chunk
# costs the writer about 4 ms besides its rows (writer CPU per synthetic article 0.68-0.83 ms
# in chunks of 16, rasad.scale's default, 0.53 in 32, 0.44-0.47 in 64, 0.42-0.44 in 128),
# and a worker extracts 64 articles in about a second, so the progress line still moves.
INGEST_CHUNK = 64


def _finish(store: Store) -> partial[list]:
    """`for_store` for this store: SQLite takes staged chunks, PostgreSQL prepared rows (it
    would read a staged chunk's rows back in the writer)."""
    return partial(for_store, stage=store.url.startswith("sqlite"))


def _ingest(items: Iterator[Extracted | Skipped], store: Store, *,
            refresh: bool = False) -> IngestSummary:
    """Store the documents as they come, a batch of at least INGEST_BATCH documents (whole
    chunks) per transaction (an interrupted run loses at most the open batch, which a re-run
    stores), with a progress line counting articles; one writer. Items arrive as `_finish`
    made them in the extraction workers: a chunk's documents in one Extracted item."""
    summary = IngestSummary()
    opened = time.monotonic()
    progress = Progress(
        SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, transient=True,
    )
    batch: list[Document | Prepared | Staged] = []
    held = 0  # documents in the batch
    with progress:
        task = progress.add_task("ingesting", total=None)
        for item in items:
            if isinstance(item, Extracted):
                summary.failed += [f"{doc_id}: stage {f.stage}: {f.error}"
                                   for doc_id, failures in item.failures for f in failures]
                batch += item.rows
                held += len(item)
            elif item.reason == ALREADY_STORED:
                summary.duplicates += 1
            else:
                summary.skipped.append(item)
            progress.advance(task, len(item) if isinstance(item, Extracted) else 1)
            if held and (held >= INGEST_BATCH or time.monotonic() - opened >= INGEST_SECONDS):
                summary.count(store.add_many(batch, refresh=refresh))
                batch, held, opened = [], 0, time.monotonic()
        if batch:
            summary.count(store.add_many(batch, refresh=refresh))
    return summary


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = "rasad.db",
    published: Annotated[str | None, typer.Option(help="Default publication date.")] = None,
    config: ConfigOpt = None,
    workers: WorkersOpt = 1,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    refresh: Annotated[bool, typer.Option(
        help="Re-extract articles already stored and replace their annotations.")] = False,
) -> None:
    """Extract and store articles; re-running skips what is already stored (unless
    --refresh, after a pipeline upgrade).

    Example: rasad ingest ../shared/seeds --db rasad.db
    """
    with Store(db) as store:
        items = extract_paths(
            paths, published=_published(published), pipeline=Pipeline.from_config(config),
            workers=workers, engine=_engine(engine), scheduler=scheduler,
            chunk_size=INGEST_CHUNK, known=None if refresh else store.known,
            finish=_finish(store),
        )
        _ingest(items, store, refresh=refresh).print()


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="ISO alpha-3 country code, e.g. IRN.")],
    b: Annotated[str, typer.Argument(help="The other country, e.g. BLR.")],
    db: DbOpt = "rasad.db",
) -> None:
    """Events between two countries in date order, with their evidence.

    Example: rasad dyad IRN BLR --db rasad.db
    """
    with Store(db) as store:
        rows = store.dyad(a.upper(), b.upper())
    _print_dyad(a.upper(), b.upper(), rows)


def _print_dyad(a: str, b: str, rows: list) -> None:
    table = Table(title=f"{a} – {b}: {len(rows)} events",
                  caption="(date): no date in the text; the article's publication day")
    for column in ("date", "type", "source", "target", "evidence / شاهد"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.date_label,
            row.type + (f" ({row.mode})" if row.mode else ""),
            row.source_label,
            row.target_label,
            row.evidence,
        )
    out.print(table)


EXPORT_FORMATS = ("jsonl", "plover", "csv", "parquet")


@app.command()
def export(
    db: DbOpt = "rasad.db",
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl (output contract), plover, csv or parquet.")
    ] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
) -> None:
    """Export the store: documents in the output contract, or events as PLOVER records/CSV.

    Example: rasad export --db rasad.db --format parquet -o events.parquet
    """
    from rasad.store.export import csv_lines, jsonl_lines, plover_lines, write_parquet

    if fmt not in EXPORT_FORMATS:
        choices = ", ".join(EXPORT_FORMATS)
        raise typer.BadParameter(f"choose one of {choices}", param_hint="--format")
    with Store(db) as store:
        if fmt == "parquet":
            if output is None:
                raise typer.BadParameter("parquet needs -o FILE", param_hint="--output")
            count = write_parquet(store, str(output))
            err.print(f"wrote {count} events to {output}")
            return
        lines = {"jsonl": jsonl_lines, "plover": plover_lines, "csv": csv_lines}[fmt](store)
        sink = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            sink.writelines(lines)
        finally:
            if output:
                sink.close()


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Persian words; ZWNJ, space or joined all match.")],
    db: DbOpt = "rasad.db",
    limit: Annotated[int, typer.Option(help="At most this many documents.")] = 20,
    newest: Annotated[bool, typer.Option(
        "--newest", help="Newest first (by publication day), not best match first.")] = False,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Full-text search over the stored articles.

    Example: rasad search "همکاری های بانکی" --db rasad.db --newest --since 2024-01-01
    """
    with Store(db) as store:
        items, total = store.search_documents(
            query, offset=0, limit=limit, order="newest" if newest else "relevance",
            since=since.date() if since else None, until=until.date() if until else None,
        )
    table = Table(title=f"{total} documents match «{query}»")
    for column in ("id", "published", "source", "snippet"):
        table.add_column(column, overflow="fold")
    for item in items:
        table.add_row(item["id"], str(item["published"] or "—"), item["source"] or "—",
                      item["snippet"])
    out.print(table)


@app.command()
def normalize(
    path: Annotated[str, typer.Argument(help="A text file, or - for standard input.")] = "-",
) -> None:
    """Normalize Persian text line by line (one line in, one line out).

    Example: echo "میتوانند" | rasad normalize
    """
    from rasad.text.normalize import normalize_line

    source = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        for line in source:
            ending = "\n" if line.endswith("\n") else ""
            sys.stdout.write(normalize_line(line.rstrip("\n")) + ending)
    finally:
        if source is not sys.stdin:
            source.close()


@app.command()
def pipeline(config: ConfigOpt = None) -> None:
    """Show the stages in order with what each requires and assigns.

    Example: rasad pipeline
    """
    table = Table(title="rasad pipeline")
    for column in ("stage", "requires", "assigns"):
        table.add_column(column)
    for name, requires, assigns in Pipeline.from_config(config).describe():
        table.add_row(name, ", ".join(requires), ", ".join(assigns))
    out.print(table)


@app.command()
def serve(
    db: DbOpt = "rasad.db",
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the dashboard. Writes need RASAD_TOKEN.

    Example: RASAD_TOKEN=secret rasad serve --db rasad.db --port 8000
    """
    from rasad.api import serve as run_server

    run_server(db, host, port)


def _seed_paths() -> list[str]:
    shared = Path("../shared/seeds")
    if shared.is_dir():
        return [str(shared)]
    return [str(files("rasad.resources") / "demo")]


def _print_document(doc: Document) -> None:
    data = doc.to_dict()
    out.rule(f"[bold]{doc.id}[/] — {doc.source or 'source unknown'}")
    table = Table(title="entities / موجودیت‌ها")
    for column in ("text", "label", "country", "sector", "English name", "role"):
        table.add_column(column)
    for ent in data["entities"]:
        actor = ent["actor"] or {}
        table.add_row(
            ent["text"],
            ent["label"],
            actor.get("country") or "—",
            actor.get("sector") or "—",
            actor.get("name_en") or "—",
            ent["role"] or "",
        )
    out.print(table)
    for d in data["dates"]:
        out.print(f"date / تاریخ: {d['text']} → {d['value']} ({d['resolved']})")
    for q in data["quotes"]:
        speaker = q["speaker"]["name_en"] or q["speaker"]["text"]
        out.print(f"quote / نقل‌قول: {speaker} [{q['cue']}]: {q['text'][:80]}…")
    for ev in data["events"]:
        out.print(
            f"event / رویداد: {ev['type']} {ev['mode'] or ''} {_parties(ev['actor'])} → "
            f"{_parties(ev['recipient']) or '—'} date={ev['date']}"
        )


def _parties(parts: list[dict]) -> str:
    return ", ".join(f"{p['country']} {p['sector'] or ''}".strip() for p in parts)


@app.command()
def demo(
    db: Annotated[str | None, typer.Option("--db", help="Keep the demo store here.")] = None,
) -> None:
    """Extract and store the two seed articles, and print what rasad found.

    Example: rasad demo
    """
    docs = list(_documents(_seed_paths(), None, pipeline=Pipeline.from_config()))
    for doc in docs:
        _print_document(doc)
    with tempfile.TemporaryDirectory() as tmp:
        target = db or str(Path(tmp) / "demo.db")
        with Store(target) as store:
            _ingest(iter(_finish(store)(docs)), store).print()
            out.print(f"store: {target}")
            _print_dyad("IRN", "BLR", store.dyad("IRN", "BLR"))


def main() -> None:
    try:
        app()
    except RasadError as error:
        err.print(f"[red]error:[/] {error}")
        raise SystemExit(2) from error


if __name__ == "__main__":
    main()
