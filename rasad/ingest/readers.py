"""Readers: files, folders and standard input become Documents, or Skipped with a reason.

A bad file or record never stops a batch: it is returned as `Skipped(where, reason)` so the
caller can report it and go on with the rest.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from rasad.errors import Errors, InputError
from rasad.ingest.decode import decode_bytes
from rasad.ingest.feeds import feed_records
from rasad.ingest.html import html_record
from rasad.ingest.language import language_problem
from rasad.model import Document

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUFFIXES = (".txt", ".jsonl", *HTML_SUFFIXES, *FEED_SUFFIXES)
MAX_ARTICLE_CHARS = 2_000_000
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes kept by errors="surrogateescape"
HEAD_BYTES = 65_536  # how much of a JSONL file is checked before it is streamed


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that produced no document, and why (e.g. `x.jsonl:7: not a JSON object`)."""

    where: str
    reason: str


def _skipped(where: str, error: InputError) -> Skipped:
    """A Skipped whose reason does not repeat the file name the error message starts with."""
    return Skipped(where, str(error).removeprefix(f"{where}: ").removeprefix(f"{where}:"))


def parse_published(value: Any, *, where: str) -> date | None:
    """Accept `YYYY-MM-DD` or an ISO datetime; anything else is reported, not guessed.

    >>> parse_published("2024-07-31T10:00:00+03:30", where="x")
    datetime.date(2024, 7, 31)
    """
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise InputError(Errors.E206.format(where=where, value=value))


def _checked(doc: Document, where: str) -> Document | Skipped:
    if not any(ch.isalnum() for ch in doc.raw):
        return Skipped(where, "empty article: no letters or digits")
    if len(doc.raw) > MAX_ARTICLE_CHARS:
        return Skipped(where, f"too large: {len(doc.raw)} characters (limit {MAX_ARTICLE_CHARS})")
    problem = language_problem(doc.raw)
    if problem:
        return Skipped(where, problem)
    return doc


def read_text_file(path: Path) -> Document | Skipped:
    """One article per file; the file stem is its id."""
    try:
        text = decode_bytes(path.read_bytes(), where=str(path))
    except InputError as err:
        return _skipped(str(path), err)
    return _checked(Document(id=path.stem, raw=text.replace("\r\n", "\n")), str(path))


def _record(obj: Any, where: str) -> Document | Skipped:
    if not isinstance(obj, dict):
        return Skipped(where, f"not a JSON object but {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        return Skipped(where, "record has no usable 'text' field")
    doc_id = obj.get("id")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or str(doc_id) == "":
        return Skipped(where, "record has no usable 'id' field")
    try:
        published = parse_published(obj.get("published"), where=where)
    except InputError as err:
        return _skipped(where, err)
    meta = {key: obj.get(key) for key in ("source", "url", "title")}
    for key, value in meta.items():
        if value is not None and not isinstance(value, str):
            return Skipped(where, f"field '{key}' must be a string")
    return _checked(Document(id=str(doc_id), raw=text, published=published, **meta), where)


def read_jsonl_lines(lines: Iterable[str], *, name: str) -> Iterator[Document | Skipped]:
    """Records `{id, text, published?, source?, url?, title?}`, one per line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        if _UNDECODED.search(line):
            yield Skipped(where, "not UTF-8: bytes that no encoding of the file explains")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(where, f"invalid JSON: {err.msg}")
            continue
        yield _record(obj, where)


def _streamed_lines(path: Path) -> Iterator[str]:
    """Lines of a UTF-8 file read as a stream; bytes that are not UTF-8 are kept as lone
    surrogates so the one record holding them is reported and the rest go through."""
    with path.open("rb") as handle:
        for raw in handle:
            yield raw.decode("utf-8", errors="surrogateescape")


def read_jsonl_file(path: Path) -> Iterator[Document | Skipped]:
    """Records of a JSONL file. Plain UTF-8 (the usual case) streams line by line so memory
    does not grow with the file; other encodings are decoded whole first."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    try:
        head.decode("utf-8")
        plain = b"\x00" not in head and not head.startswith(codecs.BOM_UTF8)
    except UnicodeDecodeError as err:
        plain = err.start >= len(head) - 4  # only a character cut at the block boundary
    if not plain:
        try:
            text = decode_bytes(path.read_bytes(), where=str(path))
        except InputError as err:
            yield _skipped(str(path), err)
            return
        yield from read_jsonl_lines(text.splitlines(), name=str(path))
        return
    yield from read_jsonl_lines(_streamed_lines(path), name=str(path))


def read_html_file(path: Path) -> Document | Skipped:
    try:
        record = html_record(path.read_bytes(), where=str(path), doc_id=path.stem)
    except InputError as err:
        return _skipped(str(path), err)
    return _record(record, str(path))


def read_feed(source: Path | str) -> Iterator[Document | Skipped]:
    """A feed file or URL; each entry is an article."""
    where = str(source)
    try:
        data = source.read_bytes() if isinstance(source, Path) else source
        for record in feed_records(data, where=where):
            if isinstance(record, InputError):
                yield Skipped(where, str(record))
            else:
                yield _record(record, f"{where}#{record['url'] or record['id']}")
    except InputError as err:
        yield _skipped(where, err)


def read_file(path: Path) -> Iterator[Document | Skipped]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl_file(path)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed(path)
    else:
        yield read_text_file(path)


def _files_under(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            yield path


def read_paths(
    paths: Iterable[str | Path], *, stdin: IO[str] | None = None
) -> Iterator[Document | Skipped]:
    """Every article under `paths`: files, folders, `-` for JSONL on standard input, or the
    http(s) URL of an RSS/Atom feed."""
    for item in paths:
        if str(item) == "-":
            yield from read_jsonl_lines(stdin or sys.stdin, name="<stdin>")
            continue
        if str(item).startswith(("http://", "https://")):
            yield from read_feed(str(item))
            continue
        path = Path(item)
        if path.is_dir():
            files: Iterable[Path] = _files_under(path)
        elif path.is_file():
            files = [path]
        else:
            yield Skipped(str(path), Errors.E205.format(path=path))
            continue
        for file in files:
            yield from read_file(file)
