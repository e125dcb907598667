"""spaCy's invariant for every layer of every stage, on real articles: each annotation's span
is the text it claims, and maps back to the source substring it came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.model import Document

DATA = Path(__file__).parent / "data"


def _articles(seeds_dir: Path) -> list[Document]:
    docs = [
        Document(id=p.stem, raw=p.read_text(encoding="utf-8"))
        for p in sorted(seeds_dir.glob("*.txt"))
    ]
    for line in (DATA / "fars_sample.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        docs.append(Document(id=record["id"], raw=record["text"]))
    return docs


def _spans(doc: Document) -> list[tuple[str, int, int]]:
    spans = [("sentence", s.start, s.end) for s in doc.sentences]
    spans += [("token", t.start, t.end) for t in doc.tokens]
    spans += [("entity", m.start, m.end) for m in doc.entities]
    spans += [("role", r.start, r.end) for r in doc.roles]
    spans += [("date", d.start, d.end) for d in doc.dates]
    for q in doc.quotes:
        spans += [("quote", q.start, q.end), ("cue", q.cue_start, q.cue_end)]
        spans += [("speaker", q.speaker_start, q.speaker_end)]
    for e in doc.events:
        spans += [("evidence", e.evidence_start, e.evidence_end)]
        spans += [("trigger", e.trigger_start, e.trigger_end)]
        spans += [("participant", p.start, p.end) for p in e.source + e.target]
    return spans


def test_invariants_spans_hold_on_real_articles(pipeline, seeds_dir):
    for doc in _articles(seeds_dir):
        doc = pipeline(doc)
        data = doc.to_dict()
        assert len(doc.offsets) == len(doc.text)
        for layer, start, end in _spans(doc):
            assert 0 <= start <= end <= len(doc.text), (doc.id, layer, start, end)
            raw_start, raw_end = doc.to_raw(start, end)
            assert 0 <= raw_start <= raw_end <= len(doc.raw), (doc.id, layer)
        for ent in data["entities"]:
            assert doc.text[ent["start"] : ent["end"]] == ent["text"]
        for date in data["dates"]:
            assert doc.text[date["start"] : date["end"]] == date["text"]
        for quote in data["quotes"]:
            assert doc.text[quote["start"] : quote["end"]] == quote["text"]
        for token in doc.tokens:
            # a token with no edits inside maps back to exactly the same characters
            if doc.raw_text(token.start, token.end) == doc.text[token.start : token.end]:
                continue
            raw = doc.raw_text(token.start, token.end)
            assert raw.strip(), (doc.id, doc.text[token.start : token.end])


# One-to-one substitutions the normalizer may make: letter and digit variants, and a space or
# nothing turned into a ZWNJ (or the reverse).
_VARIANTS = str.maketrans("يىكۀ٠١٢٣٤٥٦٧٨٩0123456789\u200c", "ییکه۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹ ")


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_invariants_one_to_one_characters_are_variants(pipeline, seeds_dir, index):
    doc = pipeline(_articles(seeds_dir)[index])
    for i, ch in enumerate(doc.text):
        raw_start, raw_end = doc.to_raw(i, i + 1)
        if raw_end - raw_start != 1:
            continue
        raw_ch = doc.raw[raw_start]
        assert raw_ch.translate(_VARIANTS) == ch.translate(_VARIANTS), (i, raw_ch, ch)
