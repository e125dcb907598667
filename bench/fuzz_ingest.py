"""Coverage-guided fuzzing of ingest with atheris, for a bounded time.

    python bench/fuzz_ingest.py -max_total_time=60        # or -runs=100000

Feeds arbitrary bytes to every reader (decoding, JSONL records, HTML pages, RSS/Atom feeds).
The only acceptable outcomes are a Document, a Skipped with a reason, or rasad's InputError;
any other exception is a crash and atheris stops with the input that caused it.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from rasad.errors import InputError
    from rasad.ingest.decode import decode_bytes
    from rasad.ingest.feeds import feed_records
    from rasad.ingest.html import html_record
    from rasad.ingest.readers import read_jsonl_lines


def one_input(data: bytes) -> None:
    if not data:
        return
    reader, payload = data[0] % 4, data[1:]
    try:
        if reader == 0:
            decode_bytes(payload, where="fuzz")
        elif reader == 1:
            text = payload.decode("utf-8", errors="surrogateescape")
            list(read_jsonl_lines(text.splitlines(), name="fuzz"))
        elif reader == 2:
            html_record(payload, where="fuzz", doc_id="fuzz")
        else:
            list(feed_records(payload, where="fuzz"))
    except InputError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
