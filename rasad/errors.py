"""Error catalogue: coded messages users and tests can grep for."""

from __future__ import annotations


class Errors:
    E101 = "Stage '{name}' requires {missing}, which no earlier stage assigns"
    E102 = "Unknown stage '{name}'; registered stages: {known}"
    E103 = "Stage '{name}' failed on document '{doc_id}': {error}"
    E104 = "Stage '{name}' returned {got}, not a Document"
    E201 = "{path}: cannot decode as UTF-8, UTF-16 or Windows-1256 ({why})"
    E202 = "{path}: looks like a binary file, not text"
    E205 = "{path}: no such file or folder"
    E206 = "{where}: bad publication date {value!r}: expected YYYY-MM-DD"


class RasadError(Exception):
    """Every error rasad raises on purpose; the CLI turns it into a clean exit."""


class StageError(RasadError):
    pass


class PipelineConfigError(RasadError):
    pass


class InputError(RasadError):
    pass


class StoreError(RasadError):
    """A document the store refuses (e.g. a span outside its text); nothing of it is kept."""
