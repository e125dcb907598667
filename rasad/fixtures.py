"""A small real store for tests and development: `python -m rasad.fixtures demo.db`.

It holds the two seed articles and the Fars sample, run through the real pipeline and the
real store, so `rasad serve --db demo.db` shows a developer exactly what the API tests see.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

from rasad import extract
from rasad.ingest.readers import Skipped, read_jsonl_file
from rasad.model import Document

SEEDS = files("rasad.resources") / "demo"
FARS_SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "fars_sample.jsonl"
# Publication dates the seed files do not carry (from the gold annotations' metadata).
SEED_META = {
    "000_14dd7ec80a022bb4": {"source": "دفاع‌پرس", "published": None},
    "004_da3d466a17c7a79f": {"source": "خبرگزاری مهر", "published": "2024-07-31"},
}


def fixture_documents(fars_sample: Path = FARS_SAMPLE) -> Iterator[Document]:
    """The seeds, then every usable record of the Fars sample, each fully extracted."""
    for seed in sorted(SEEDS.iterdir(), key=lambda p: p.name):
        if not seed.name.endswith(".txt"):
            continue
        stem = seed.name.removesuffix(".txt")
        meta = SEED_META.get(stem, {})
        text = seed.read_text(encoding="utf-8")
        yield extract(text, doc_id=stem, published=meta.get("published"), source=meta.get("source"))
    if fars_sample.is_file():
        for item in read_jsonl_file(fars_sample):
            if isinstance(item, Skipped):
                continue
            doc = extract(item.raw, doc_id=item.id, published=item.published, source=item.source)
            doc.url, doc.title = item.url, item.title
            yield doc


def build(db: str, *, fars_sample: Path = FARS_SAMPLE) -> int:
    """Fill the store at `db` (path or URL); returns how many documents were newly stored."""
    from rasad.store import Store

    with Store(db) as store:
        return sum(1 for doc in fixture_documents(fars_sample) if store.add(doc).added)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the demo/test store.")
    parser.add_argument("db", help="SQLite file or database URL, e.g. demo.db")
    args = parser.parse_args(argv)
    added = build(args.db)
    print(f"stored {added} new documents in {args.db}")


if __name__ == "__main__":
    main()
