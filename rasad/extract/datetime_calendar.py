"""Calendar arithmetic for the dates stage, delegated to jdatetime, hijridate and convertdate.

Every function works on Gregorian `datetime.date` values and returns Gregorian dates or ISO
strings, because the output contract writes every date in ISO 8601 whatever calendar the
article used. A date that does not exist in its calendar (31 Esfand, 30 Shawwal in a short
year) gives None instead of an exception: the text was wrong, the article is still usable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal

import jdatetime
from convertdate import islamic
from hijridate import Gregorian, Hijri

Calendar = Literal["jalali", "gregorian", "hijri"]
DaySpan = tuple[date, date]

_SATURDAY = 5  # Python weekday number; the Iranian week runs Saturday to Friday


def to_date(calendar: Calendar, year: int, month: int, day: int) -> date | None:
    """The Gregorian date of (year, month, day) in `calendar`, None if it does not exist."""
    try:
        if calendar == "jalali":
            return jdatetime.date(year, month, day).togregorian()
        if calendar == "hijri":
            return _hijri(year, month, day)
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _hijri(year: int, month: int, day: int) -> date | None:
    """Umm al-Qura (hijridate) where it is defined, 1343–1500 AH; before and after, the
    arithmetic calendar (convertdate), within a day of it: biographies date births and
    deaths in earlier lunar years («هجدهم رمضان ۱۳۰۰ هجری قمری»)."""
    try:
        return date(*Hijri(year, month, day).to_gregorian().datetuple())
    except OverflowError:
        if not (1 <= month <= 12 and 1 <= day <= islamic.month_length(year, month)):
            return None
        return date(*islamic.to_gregorian(year, month, day))


def split(calendar: Calendar, day: date) -> tuple[int, int, int]:
    """(year, month, day) of a Gregorian `day` in `calendar`."""
    if calendar == "jalali":
        jday = jdatetime.date.fromgregorian(date=day)
        return jday.year, jday.month, jday.day
    if calendar == "hijri":
        return Gregorian(day.year, day.month, day.day).to_hijri().datetuple()
    return day.year, day.month, day.day


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """(year, month) moved by `by` months; every calendar here has 12 months."""
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def month_span(calendar: Calendar, year: int, month: int) -> DaySpan | None:
    """First and last Gregorian day of a month of `calendar`."""
    first = to_date(calendar, year, month, 1)
    next_year, next_month = shift_month(year, month, 1)
    following = to_date(calendar, next_year, next_month, 1)
    if first is None or following is None:
        return None
    return first, following - timedelta(days=1)


def year_span(calendar: Calendar, year: int) -> DaySpan | None:
    """First and last Gregorian day of a year of `calendar`."""
    first = to_date(calendar, year, 1, 1)
    following = to_date(calendar, year + 1, 1, 1)
    if first is None or following is None:
        return None
    return first, following - timedelta(days=1)


def week_span(day: date, by: int = 0) -> DaySpan:
    """The Saturday–Friday week holding `day`, moved by `by` weeks."""
    saturday = day - timedelta(days=(day.weekday() - _SATURDAY) % 7) + timedelta(weeks=by)
    return saturday, saturday + timedelta(days=6)


def nearest_weekday(day: date, weekday: int, *, direction: int, inclusive: bool) -> date:
    """The `weekday` closest to `day` going back (direction < 0) or forward (> 0).

    `inclusive` lets `day` itself count: «روز جمعه» written on a Friday is that Friday.
    """
    step = -1 if direction < 0 else 1
    candidate = day if inclusive else day + timedelta(days=step)
    while candidate.weekday() != weekday:
        candidate += timedelta(days=step)
    return candidate


def pick_year(
    start_of: Callable[[int], date | None], around: int, reference: date, *, direction: int
) -> int | None:
    """The year around `around` whose occurrence is the last before (direction -1) or the
    first after (+1) `reference`; `start_of(year)` gives an occurrence's first day."""
    years = [around - 1, around, around + 1]
    if direction < 0:
        past = [y for y in years if (d := start_of(y)) is not None and d < reference]
        return max(past) if past else None
    future = [y for y in years if (d := start_of(y)) is not None and d > reference]
    return min(future) if future else None


def iso_span(span: DaySpan) -> str:
    """ISO 8601 interval of two days, both included: «2024-03-20/2025-03-20»."""
    return f"{span[0].isoformat()}/{span[1].isoformat()}"


def first_day(value: str) -> date:
    """First day an ISO value (day, month, year or interval) covers."""
    head = value.split("/")[0]
    parts = [int(p) for p in head.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])
