"""Saved HTML pages: the article's main text and metadata, extracted with trafilatura.

trafilatura drops format characters, the ZWNJ among them, which would undo half of Persian
orthography; so every ZWNJ is swapped for a visible placeholder absent from the page before
extraction and swapped back after.
"""

from __future__ import annotations

import re

import trafilatura

from rasad.errors import InputError
from rasad.ingest.decode import decode_bytes

ZWNJ = "\u200c"
_ZWNJ_FORMS = re.compile(r"\u200c|&zwnj;|&#8204;|&#x200c;", re.IGNORECASE)
_PLACEHOLDERS = ("\u00a6", "\u00a4", "\u2042", "\u2053")


def html_to_text(html: str, *, where: str) -> tuple[str, dict[str, str | None]]:
    """Main text and `{title, date, url, source}` of an HTML page; raises InputError if the
    page has no extractable text."""
    mark = next((p for p in _PLACEHOLDERS if p not in html), None)
    if mark is not None:
        html = _ZWNJ_FORMS.sub(mark, html)
    result = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    text = (result.text or "") if result is not None else ""
    if mark is not None:
        text = text.replace(mark, ZWNJ)
    title = (
        result.title.replace(mark, ZWNJ) if result is not None and result.title and mark else None
    )
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:])  # the headline is metadata, not part of the story
    if not text.strip():
        raise InputError(f"{where}: no article text found in the HTML page")
    meta = {
        "title": title,
        "published": result.date if result is not None else None,
        "url": result.url if result is not None else None,
        "source": result.sitename if result is not None else None,
    }
    return text, meta


def html_record(data: bytes, *, where: str, doc_id: str) -> dict[str, str | None]:
    """A saved page as an article record `{id, text, title, published, url, source}`."""
    text, meta = html_to_text(decode_bytes(data, where=where), where=where)
    return {"id": doc_id, "text": text, **meta}
