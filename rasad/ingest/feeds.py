"""RSS and Atom feeds (files or URLs) parsed with feedparser: one article per entry."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser
from lxml import html as lxml_html

from rasad.errors import InputError


def _entry_text(entry: Any) -> str:
    """The fullest body an entry offers (content, else summary), as plain text."""
    bodies = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
    body = max(bodies, key=len)
    if not body.strip():
        return ""
    return lxml_html.fromstring(f"<div>{body}</div>").text_content().strip()


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(*parsed[:3]).isoformat() if parsed else None


def feed_records(source: bytes | str, *, where: str) -> Iterator[dict[str, Any] | InputError]:
    """Article records `{id, text, title, published, url, source}`; an entry without text is
    yielded as an InputError naming the entry, and a feed that cannot be parsed at all raises."""
    feed = feedparser.parse(source)
    if not feed.entries:
        why = getattr(feed, "bozo_exception", None) or "no entries"
        raise InputError(f"{where}: not a readable RSS/Atom feed ({why})")
    site = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        link = entry.get("link")
        key = entry.get("id") or link or entry.get("title") or f"{where}#{number}"
        text = _entry_text(entry)
        if not text:
            yield InputError(f"{where}: entry {number} ({key}) has no text")
            continue
        yield {
            "id": "rss-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
            "text": text,
            "title": entry.get("title"),
            "published": _entry_date(entry),
            "url": link,
            "source": site,
        }
