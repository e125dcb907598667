"""Shared query parameters. Reserved ones start with `_` and stay apart from filter fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import Query

MAX_PAGE_SIZE = 500


@dataclass(frozen=True, slots=True)
class Page:
    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def page_params(
    page: Annotated[int, Query(alias="_page", ge=1, le=1_000_000, description="1-based page")] = 1,
    size: Annotated[int, Query(alias="_size", ge=1, le=MAX_PAGE_SIZE, description="rows")] = 50,
) -> Page:
    return Page(page, size)


@dataclass(frozen=True, slots=True)
class EventFilters:
    """Event filters; every value reaches SQL only as a bound parameter."""

    type: str | None = None
    country: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None


def event_filters(
    type: Annotated[str | None, Query(max_length=40, description="PLOVER type")] = None,
    country: Annotated[str | None, Query(max_length=10, description="ISO alpha-3")] = None,
    since: Annotated[date | None, Query(description="first date, YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(description="last date, YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the evidence")] = None,
) -> EventFilters:
    return EventFilters(
        type.upper() if type else None, country.upper() if country else None, since, until, q
    )


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """How a full-text search orders and bounds its hits (by publication day)."""

    sort: str = "relevance"
    since: date | None = None
    until: date | None = None


def search_options(
    sort: Annotated[Literal["relevance", "newest"], Query(
        description="relevance (best match first) or newest (by publication day)")] = "relevance",
    since: Annotated[date | None, Query(description="published on or after, YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(description="published on or before, YYYY-MM-DD")] = None,
) -> SearchOptions:
    return SearchOptions(sort, since, until)
