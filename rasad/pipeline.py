"""Composes named stages; the one place the order of the flow lives.

Stages register themselves with `@stage(name, requires=..., assigns=...)`. A `Pipeline`
checks at build time that each stage's requirements are assigned by an earlier stage, then
runs them in order, wrapping any failure with the stage name and document id.
"""

from __future__ import annotations

import importlib
import logging
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Literal

from rasad.errors import Errors, PipelineConfigError, StageError
from rasad.model import Document, Failure

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

StageFn = Callable[[Document], Document]

DEFAULT_STAGES: tuple[str, ...] = (
    "normalize",
    "segment",
    "entities",
    "dates",
    "quotes",
    "events",
)

# Modules whose import registers the built-in stages.
_STAGE_MODULES = (
    "rasad.text.normalize",
    "rasad.text.segment",
    "rasad.extract.entities",
    "rasad.extract.dates",
    "rasad.extract.quotes",
    "rasad.extract.events",
)


@dataclass(frozen=True)
class StageInfo:
    name: str
    fn: StageFn
    requires: frozenset[str]
    assigns: frozenset[str]


REGISTRY: dict[str, StageInfo] = {}


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[StageFn], StageFn]:
    """Register a stage function `fn(doc) -> doc` under a stable name."""

    def register(fn: StageFn) -> StageFn:
        REGISTRY[name] = StageInfo(name, fn, frozenset(requires), frozenset(assigns))
        return fn

    return register


def load_builtin_stages() -> None:
    for module in _STAGE_MODULES:
        importlib.import_module(module)


class Pipeline:
    """An ordered, checked list of stages.

    `on_error="raise"` stops at the first failure (strict); `"record"` stores the failure on
    the document and skips the remaining stages for it, so a batch goes on.
    """

    def __init__(
        self,
        stages: Iterable[str] = DEFAULT_STAGES,
        *,
        on_error: Literal["raise", "record"] = "raise",
    ) -> None:
        load_builtin_stages()
        self.on_error = on_error
        self.stages: list[StageInfo] = []
        assigned: set[str] = set()
        for name in stages:
            if name not in REGISTRY:
                raise PipelineConfigError(Errors.E102.format(name=name, known=sorted(REGISTRY)))
            info = REGISTRY[name]
            missing = info.requires - assigned
            if missing:
                raise PipelineConfigError(Errors.E101.format(name=name, missing=sorted(missing)))
            assigned |= info.assigns
            self.stages.append(info)

    @property
    def names(self) -> list[str]:
        return [info.name for info in self.stages]

    def describe(self) -> list[tuple[str, list[str], list[str]]]:
        return [(i.name, sorted(i.requires), sorted(i.assigns)) for i in self.stages]

    def __call__(self, doc: Document) -> Document:
        for info in self.stages:
            try:
                result = info.fn(doc)
            except Exception as err:  # noqa: BLE001 - wrapped with context, or recorded
                message = Errors.E103.format(name=info.name, doc_id=doc.id, error=repr(err))
                if self.on_error == "raise":
                    raise StageError(message) from err
                logger.warning(message)
                doc.failures.append(Failure(stage=info.name, error=repr(err)))
                return doc
            if not isinstance(result, Document):
                raise StageError(Errors.E104.format(name=info.name, got=type(result).__name__))
            doc = result
            doc.done |= info.assigns
        return doc

    @classmethod
    def from_config(cls, path: str | Path | None = None) -> Pipeline:
        """Build from a TOML file with a `[pipeline]` table; None means the shipped default."""
        if path is None:
            text = (files("rasad.resources") / "pipeline.toml").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        try:
            table = tomllib.loads(text)["pipeline"]
        except (tomllib.TOMLDecodeError, KeyError) as err:
            raise PipelineConfigError(
                f"{path or 'pipeline.toml'}: no valid [pipeline] table"
            ) from err
        return cls(table.get("stages", DEFAULT_STAGES), on_error=table.get("on_error", "raise"))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)
