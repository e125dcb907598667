"""Date expressions in Persian news, resolved to ISO 8601 (stage 'dates').

Recognizers are regexes built from resources/dates.yaml, one per construction (day + month,
month alone, year, numeric date, relative day, relative period, "N days ago", weekday). All
candidates compete under one conflict policy: longest match first, then earliest start.
Adjacent pieces of one expression are then merged («عصر امروز (چهارشنبه، ۱۰ مرداد ماه ۱۴۰۳)»
is one mention whose most specific part gives the value), as are ranges («از ۱۰ تا ۱۵ مرداد»)
and "since the start of X" spans. Calendar arithmetic lives in datetime_calendar.

Conventions (../shared/gold/README.md): a day and month without a year take the publication
year; relative months and years (and a bare Jalali year) are Jalali and become Gregorian day
intervals; Gregorian month names and «سال جاری میلادی» are Gregorian; a weekday is the most
recent such day (the publication day itself included) unless its clause is in the future.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from rasad.extract import datetime_calendar as cal
from rasad.extract.datetime_lexicon import GAP, LEFT, RIGHT, Lexicon, key, lexicon
from rasad.model import DateMention, Document
from rasad.pipeline import stage

Precision = Literal["day", "month", "year", "interval"]

UNKNOWN_PUBLISHED = "unresolved: relative to unknown publication date"
NO_SUCH_DAY = "unresolved: no such day in the calendar, or outside its supported years"

_LEFT_NUM = r"(?<![\w\u200c/.:٫\-])"
_RIGHT_NUM = r"(?![\w\u200c]|[/.:٫\-]\d)"
_CLAUSE_END = re.compile(r"[.؟?!\n؛:]")
_CLOSE_PAREN = re.compile(r"[ \t\u00a0\u200c]*\)")
_RANGE_GAP = r"[ \t\u00a0\u200c]*(?:{range})[ \t\u00a0\u200c]*"
_FROM = re.compile(rf"{LEFT}از{GAP}$")
_WORD_AFTER = re.compile(r"[ \t\u00a0\u200c]*[^\W\d]")
_COMPARATIVE_BEFORE = re.compile(rf"\w\wتر{GAP}از{GAP}$")
_COMPARATIVE_AFTER = re.compile(rf"{GAP}\w\wتر{RIGHT}")


@dataclass(frozen=True, slots=True)
class DateValue:
    """What a date expression means: ISO value (or None) and how it was obtained."""

    calendar: cal.Calendar | None
    value: str | None
    precision: Precision | None
    resolved: str  # "absolute", "relative" or "unresolved: <why>"


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    date: DateValue
    parts: frozenset[str]  # "day", "weekday", "relday": what may merge with what
    rank: int = 0  # within a merged expression, the highest rank gives the value


# --- value builders ------------------------------------------------------------------------


def _unknown(calendar: cal.Calendar | None = None) -> DateValue:
    return DateValue(calendar, None, None, UNKNOWN_PUBLISHED)


def _day(calendar: cal.Calendar | None, day: date | None, resolved: str) -> DateValue:
    if day is None:
        return DateValue(calendar, None, None, NO_SUCH_DAY)
    return DateValue(calendar, day.isoformat(), "day", resolved)


def _span(calendar: cal.Calendar | None, span: cal.DaySpan | None, resolved: str) -> DateValue:
    if span is None:
        return DateValue(calendar, None, None, NO_SUCH_DAY)
    return DateValue(calendar, cal.iso_span(span), "interval", resolved)


def _month(calendar: cal.Calendar, year: int, month: int, resolved: str) -> DateValue:
    """A whole month: «2024-07» for Gregorian, a Gregorian day interval otherwise."""
    if calendar == "gregorian":
        return DateValue(calendar, f"{year:04d}-{month:02d}", "month", resolved)
    return _span(calendar, cal.month_span(calendar, year, month), resolved)


def _year(calendar: cal.Calendar, year: int, resolved: str) -> DateValue:
    if calendar == "gregorian":
        return DateValue(calendar, f"{year:04d}", "year", resolved)
    return _span(calendar, cal.year_span(calendar, year), resolved)


def _year_calendar(year: int, word: str | None) -> cal.Calendar | None:
    """Calendar of a written year: its calendar word, else its size (۱۴۰۳ vs 2024); None
    when a number outside every year range has no calendar word («هر سال 2700 سالمند»)."""
    lex = lexicon()
    if word:
        return lex.calendars[key(word)]
    for calendar, (low, high) in lex.year_ranges.items():
        if low <= year <= high:
            return calendar
    return None


def _two_digit_year(digits: str) -> int | None:
    """«سال ۹۸» is Jalali 1398 and «سال ۰۲» 1402; other two-digit numbers are not years."""
    number = int(digits)
    if number >= 40:
        return 1300 + number
    return 1400 + number if number <= 15 else None


# --- recognizer handlers -------------------------------------------------------------------


def _written_year(digits: str, calendar: cal.Calendar) -> int | None:
    """A year written after a month: four digits, or two for a Jalali month («تیر ماه ۹۳»)."""
    if len(digits) == 4:
        return int(digits)
    return _two_digit_year(digits) if calendar == "jalali" else None


def _direction(word: str | None) -> int | None:
    return None if word is None else lexicon().directions[key(word)]


def _year_of_month(
    m: re.Match[str], calendar: cal.Calendar, month: int, day: int | None, published: date | None
) -> tuple[int | None, str]:
    """Year of a day/month expression (`day` None for a whole month): written, relative to
    publication («اسفند گذشته» is the last Esfand before this month), or None."""
    if m["year"]:
        written = _written_year(m["year"], calendar)
        return written, "absolute" if written else NO_SUCH_DAY
    if published is None:
        return None, UNKNOWN_PUBLISHED
    this_year = cal.split(calendar, published)[0]
    if m["yword"] or m["ydir"]:
        shift = lexicon().year_words[key(m["yword"])] if m["yword"] else _direction(m["ydir"])
        return this_year + (shift or 0), "relative"
    if m["mdir"] and _direction(m["mdir"]):
        step = _direction(m["mdir"]) or 0
        this_month = cal.split(calendar, published)[1]
        reference = published if day else cal.to_date(calendar, this_year, this_month, 1)
        year = cal.pick_year(
            lambda y: cal.to_date(calendar, y, month, day or 1),
            this_year,
            reference or published,
            direction=step,
        )
        return year, "relative"
    return this_year, "relative"


def _day_of(m: re.Match[str], name: str) -> int | None:
    """Day number of a `_day_group`, written in digits or as an ordinal."""
    if m[name]:
        return int(m[name])
    return lexicon().ordinals[key(m[name + "w"])] if m[name + "w"] else None


def _day_month(m: re.Match[str], text: str, published: date | None) -> _Candidate | None:
    lex = lexicon()
    calendar, month = lex.months[key(m["month"])]
    ambiguous = key(m["month"]) in lex.ambiguous_months
    if ambiguous and not (m["pre"] or m["year"] or _WORD_AFTER.match(text, m.end()) is None):
        return None
    if not m["year"] and lex.name_before_rx.search(text, 0, m.start()):
        return None
    day = _day_of(m, "d1") or 1
    last_month = lex.months[key(m["month2"])] if m["month2"] else (calendar, month)
    if last_month[0] != calendar:
        return None
    year, how = _year_of_month(m, calendar, month, day, published)
    if m["cal"] and m["year"]:
        calendar = lex.calendars[key(m["cal"])]
    ranged = bool(m["d2"] or m["d2w"] or m["month2"])
    if year is None:
        return _Candidate(
            m.start() if ranged else m.start("body"),
            m.end(),
            DateValue(calendar, None, None, how),
            frozenset(),
            3,
        )
    first = cal.to_date(calendar, year, month, day)
    if not ranged:
        return _Candidate(
            m.start("body"), m.end(), _day(calendar, first, how), frozenset({"day"}), 3
        )
    last_day = _day_of(m, "d2") or _day_of(m, "e1") or 1
    last = cal.to_date(calendar, year, last_month[1], last_day)
    if last_month[1] < month:  # «از ۱۵ اسفند تا ۴ فروردین»: the range crosses a new year
        first, last = _across_new_year(calendar, (month, day), (last_month[1], last_day), year,
                                       written=bool(m["year"]), published=published)
    span = (first, last) if first and last and first <= last else None
    return _Candidate(m.start(), m.end(), _span(calendar, span, how), frozenset())


def _across_new_year(
    calendar: cal.Calendar, start: tuple[int, int], end: tuple[int, int], year: int, *,
    written: bool, published: date | None,
) -> tuple[date | None, date | None]:
    """First and last day of a range whose end month comes before its start month. A written
    year is the end's («از هشتم بهمن الی ۳۰ فروردین ۹۱»); a guessed one gives the pair of
    years whose range lies nearest the publication day."""
    def days(first_year: int) -> tuple[date | None, date | None]:
        return (cal.to_date(calendar, first_year, *start),
                cal.to_date(calendar, first_year + 1, *end))

    if written or published is None:
        return days(year - 1)
    return min((days(year - 1), days(year)), key=lambda pair: _distance(pair, published))


def _distance(span: tuple[date | None, date | None], day: date) -> int:
    """Days from `day` to a range (0 inside it); a range with no such day is farthest."""
    first, last = span
    if first is None or last is None:
        return 10**6
    if first <= day <= last:
        return 0
    return min(abs((first - day).days), abs((last - day).days))


def _month_only(m: re.Match[str], text: str, published: date | None) -> _Candidate | None:
    lex = lexicon()
    calendar, month = lex.months[key(m["month"])]
    named = key(m["month"]) in lex.ambiguous_months
    has_context = bool(m["year"] or m["yword"] or m["ydir"] or m["mdir"])
    if calendar == "hijri" and not m["year"]:
        return None  # «ماه رمضان» names an occasion, not a date
    if (calendar == "jalali" or named) and not (has_context or m["pre"] or m["post"]):
        return None
    year, how = _year_of_month(m, calendar, month, None, published)
    if year is None:
        return _Candidate(m.start(), m.end(), DateValue(calendar, None, None, how), frozenset())
    return _Candidate(m.start(), m.end(), _month(calendar, year, month, how), frozenset())


def _year_expr(m: re.Match[str], text: str, published: date | None) -> _Candidate | None:
    plural = m["noun"] and key(m["noun"]) != key("سال") and key(m["noun"]).startswith(key("سال"))
    if not m["noun"] and not m["cal1"] or lexicon().year_blockers_rx.search(text, 0, m.start()):
        return None
    if len(m["y1"]) < len(m["y2"] or ""):
        return None  # «سال 14-2013» is no range
    short = len(m["y1"]) == 2
    if short and (not m["noun"] or plural and not m["y2"]):
        return None  # «سال‌های ۶۰» is a decade
    first = _two_digit_year(m["y1"]) if short else int(m["y1"])
    if first is None:
        return None
    calendar = _year_calendar(first, m["cal1"] or m["cal2"])
    if calendar is None:
        return None
    if not m["y2"] or m["and"] and not plural:  # «سال ۲۰۱۰ و ۲۰۱۱» names two years
        end = m.end("cal1") if m["cal1"] else m.end("y1")
        return _Candidate(m.start("body"), end, _year(calendar, first, "absolute"), frozenset())
    start = m.start()
    last = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
    if last <= first:
        return None
    if calendar == "gregorian":
        return _Candidate(
            start,
            m.end(),
            DateValue(calendar, f"{first}/{last}", "interval", "absolute"),
            frozenset(),
        )
    spans = cal.year_span(calendar, first), cal.year_span(calendar, last)
    span = (spans[0][0], spans[1][1]) if spans[0] and spans[1] else None
    return _Candidate(start, m.end(), _span(calendar, span, "absolute"), frozenset())


def _numeric(m: re.Match[str], text: str, published: date | None) -> _Candidate | None:
    year, month, day = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
    calendar = _year_calendar(int(year), m["cal"])
    found = calendar and cal.to_date(calendar, int(year), int(month), int(day))
    if found is None:
        return None
    return _Candidate(m.start(), m.end(), _day(calendar, found, "absolute"), frozenset({"day"}), 3)


def _preceded_by_count(text: str, start: int) -> bool:
    """«در ۳۰ سال گذشته», «چند روز گذشته»: a duration, not a date."""
    return bool(_count_before().search(text, 0, start))


@lru_cache(maxsize=1)
def _count_before() -> re.Pattern[str]:
    return re.compile(rf"(?:\d|{LEFT}(?:{lexicon().number_rx}|چند|چندین)){GAP}$")


def _relative_day(m: re.Match[str], text: str, published: date | None) -> _Candidate | None:
    lex = lexicon()
    offset = lex.relative_days[key(m["rel"])]
    if not m["tod"] and (
        lex.nowadays_rx.search(text, 0, m.start())
        or (offset and _preceded_by_count(text, m.start()))
        or _comparative(text, m.start(), m.end())
        or _opens_timeless_clause(m, text)
    ):
        return None
    if published is None:
        return _Candidate(m.start(), m.end(), _unknown(), frozenset({"relday"}), 1)
    found = published + timedelta(days=offset)
    return _Candidate(m.start(), m.end(), _day(None, found, "relative"), frozenset({"relday"}), 1)


def _rest_of_clause(text: str, pos: int) -> str:
    end = _CLAUSE_END.search(text, pos)
    return text[pos : end.start() if end else len(text)]


def _opens_timeless_clause(m: re.Match[str], text: str) -> bool:
    """«گفت: امروز جهان تشنه … است»: «امروز» opening a clause that states a present and
    reports nothing done or scheduled means "nowadays" (a speech's present), not a date."""
    lex = lexicon()
    if key(m["rel"]) not in lex.nowadays_words:
        return False
    if not lex.clause_opener_rx.search(text, max(0, m.start() - 20), m.start()):
        return False
    clause = _rest_of_clause(text, m.end())
    if lex.past_verb_rx.search(clause) or lex.scheduled_rx.search(clause):
        return False
    return bool(lex.present_rx.search(clause))


def _comparative(text: str, start: int, end: int) -> bool:
    """«بدتر از امروز», «از دیروز بهتر»: a comparison with the present, not a date."""
    return bool(_COMPARATIVE_BEFORE.search(text, 0, start) or _COMPARATIVE_AFTER.match(text, end))


def _period(m: re.Match[str], text: str, published: date | None) -> _Candidate | None:
    lex = lexicon()
    if m["period"] and not (m["dir"] or m["this"] and key(m["period"]) in lex.this_periods):
        return None
    if not m["within"] and _preceded_by_count(text, m.start()):
        return None
    if published is None:
        return _Candidate(m.start(), m.end(), _unknown(), frozenset())
    if m["yword"]:
        period, shift = "year", lex.year_words[key(m["yword"])]
    else:
        period, shift = lex.periods[key(m["period"])], _direction(m["dir"]) or 0
    calendar = lex.calendars[key(m["cal"])] if m["cal"] else "jalali"
    return _Candidate(
        m.start(), m.end(), _relative_period(period, shift, calendar, published), frozenset()
    )


def _relative_period(period: str, shift: int, calendar: cal.Calendar, published: date) -> DateValue:
    """This / last / next week, month or year around the publication day."""
    if period == "week":
        return _span(None, cal.week_span(published, shift), "relative")
    year, month, _ = cal.split(calendar, published)
    if period == "month":
        return _month(calendar, *cal.shift_month(year, month, shift), "relative")
    return _year(calendar, year + shift, "relative")


def _ago(m: re.Match[str], text: str, published: date | None) -> _Candidate | None:
    lex = lexicon()
    count = int(m["n"]) if m["n"].isdigit() else lex.numbers[key(m["n"])]
    if published is None:
        return _Candidate(m.start(), m.end(), _unknown(), frozenset())
    unit = lex.ago_units[key(m["unit"])]
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        value = _day(None, published - timedelta(days=days), "relative")
    elif unit == "month":
        value = _month(
            "gregorian", *cal.shift_month(published.year, published.month, -count), "relative"
        )
    else:
        value = _year("gregorian", published.year - count, "relative")
    return _Candidate(m.start(), m.end(), value, frozenset())


def _weekday(m: re.Match[str], text: str, published: date | None) -> _Candidate | None:
    lex = lexicon()
    cued = bool(m["tod"] or m["roz"] or m["dir"])
    if not cued and lex.weekday_blockers_rx.search(text, 0, m.start()):
        return None
    if not cued and key(m["wd"]) in lex.weekday_needs_cue and not _bracketed(text, m):
        return None
    if lex.weekday_not_before_rx.match(text, m.end()):
        return None
    if published is None:
        return _Candidate(m.start(), m.end(), _unknown(), frozenset({"weekday"}), 2)
    weekday = lex.weekdays[key(m["wd"])]
    direction = _direction(m["dir"]) or 0
    if m["week"]:
        saturday = cal.week_span(published, direction)[0]
        found = cal.nearest_weekday(saturday, weekday, direction=1, inclusive=True)
    elif direction:
        found = cal.nearest_weekday(published, weekday, direction=direction, inclusive=False)
    else:
        future = _future_clause(_rest_of_clause(text, m.end()))
        found = cal.nearest_weekday(
            published, weekday, direction=1 if future else -1, inclusive=True
        )
    return _Candidate(m.start(), m.end(), _day(None, found, "relative"), frozenset({"weekday"}), 2)


def _future_clause(clause: str) -> bool:
    """A future verb («برگزار خواهد شد») or a scheduling present with no past verb before it
    («دیدار روز دوشنبه انجام می‌شود», but not «روز دوشنبه اعلام کرد که … برگزار می‌شود»)."""
    lex = lexicon()
    if lex.future_rx.search(clause):
        return True
    scheduled = lex.scheduled_rx.search(clause)
    return bool(scheduled and not lex.past_verb_rx.search(clause, 0, scheduled.start()))


def _bracketed(text: str, m: re.Match[str]) -> bool:
    """A bare «جمعه» counts in «امروز (جمعه)» or before a date («جمعه، ۱۰ مرداد»)."""
    before = text[max(0, m.start() - 3) : m.start()].rstrip()
    after = text[m.end() : m.end() + 4].lstrip(" \u200c،,")
    return before.endswith("(") or after[:1].isdigit()


# --- patterns ------------------------------------------------------------------------------

Handler = Callable[[re.Match[str], str, date | None], _Candidate | None]


def _day_group(name: str, lex: Lexicon) -> str:
    return rf"(?:(?P<{name}>\d{{1,2}})|(?P<{name}w>{lex.ordinal_rx}))"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    lex = lexicon()
    direction = rf"(?:{lex.direction_rx})(?!{GAP}از{RIGHT})"
    calendar = lex.calendar_rx
    rng = _RANGE_GAP.format(range=lex.range_rx)
    year_tail = (
        rf"(?:{GAP}(?:(?:سال{GAP})?(?P<year>\d{{4}}|\d{{2}}(?!{GAP}(?:{lex.counter_rx})))(?!\d)"
        rf"(?:{GAP}(?P<cal>{calendar}))?"
        rf"|(?P<yword>{lex.year_word_rx})|سال{GAP}(?P<ydir>{direction})|(?P<mdir>{direction})))?"
    )
    month = rf"(?P<pre>ماه{GAP})?(?P<month>{lex.month_rx})(?P<post>{GAP}ماه)?"
    sources: list[tuple[str, Handler]] = [
        (
            rf"{_LEFT_NUM}(?:از{GAP})?(?P<body>(?:روز{GAP})?{_day_group('d1', lex)}"
            rf"(?:{rng}{_day_group('d2', lex)})?{GAP}{month}(?:{rng}{_day_group('e1', lex)}{GAP}"
            rf"(?P<month2>{lex.month_rx})(?:{GAP}ماه)?)?{year_tail})(?:{RIGHT}|(?<=\d))",
            _day_month,
        ),
        (rf"{LEFT}(?:(?:{lex.within_rx}){GAP})?{month}{year_tail}{RIGHT}", _month_only),
        (
            rf"{_LEFT_NUM}(?:از{GAP})?(?P<body>(?:(?P<noun>{lex.year_noun_rx}){GAP})?"
            rf"(?P<y1>\d{{4}}|\d{{2}})(?:{GAP}(?P<cal1>{calendar}))?"
            rf"(?:(?:{rng}|{GAP}(?P<and>و){GAP})(?:سال{GAP})?(?P<y2>\d{{4}}|\d{{2}})"
            rf"(?:{GAP}(?P<cal2>{calendar}))?)?)"
            rf"{_RIGHT_NUM}",
            _year_expr,
        ),
        (
            rf"{_LEFT_NUM}(?:(?P<y>\d{{4}})(?P<s1>[/\-.])(?P<m>\d{{1,2}})(?P=s1)(?P<d>\d{{1,2}})"
            rf"|(?P<d2>\d{{1,2}})(?P<s2>[/\-.])(?P<m2>\d{{1,2}})(?P=s2)(?P<y2>\d{{4}}))"
            rf"(?:{GAP}(?P<cal>{calendar}))?{_RIGHT_NUM}",
            _numeric,
        ),
        (
            rf"{LEFT}(?:(?P<tod>{lex.time_rx}){GAP}(?:روز{GAP})?)?(?P<rel>{lex.relative_day_rx})"
            rf"{RIGHT}",
            _relative_day,
        ),
        (
            rf"{LEFT}(?:(?P<within>{lex.within_rx}){GAP})?(?:(?:(?P<this>{lex.this_rx}){GAP})?"
            rf"(?P<period>{lex.period_rx})(?:{GAP}(?P<dir>{direction}))?|(?P<yword>"
            rf"{lex.year_word_rx}))(?:{GAP}(?P<cal>{calendar}))?{RIGHT}",
            _period,
        ),
        (
            rf"{_LEFT_NUM}(?:از{GAP})?(?P<n>\d{{1,3}}|{lex.number_rx}){GAP}"
            rf"(?P<unit>{lex.ago_unit_rx}){GAP}(?:{lex.ago_rx})(?!{GAP}از{RIGHT}){RIGHT}",
            _ago,
        ),
        (
            rf"{LEFT}(?:(?P<tod>{lex.time_rx}){GAP})?(?:(?P<roz>روز){GAP})?(?P<wd>{lex.weekday_rx})"
            rf"(?:{GAP}(?:(?P<week>هفته){GAP})?(?P<dir>{direction}))?{RIGHT}",
            _weekday,
        ),
    ]
    return tuple((re.compile(source), handler) for source, handler in sources)


# --- selection and merging -----------------------------------------------------------------


def _candidates(text: str, published: date | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    for pattern, handler in _patterns():
        for m in pattern.finditer(text):
            cand = handler(m, text, published)
            if cand is not None:
                found.append(cand)
    return found


def _select(found: list[_Candidate]) -> list[_Candidate]:
    """Conflict policy: longest match first, then earliest start; no overlaps."""
    chosen: list[_Candidate] = []
    for cand in sorted(found, key=lambda c: (c.start - c.end, c.start)):
        if all(cand.end <= other.start or cand.start >= other.end for other in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


@lru_cache(maxsize=1)
def _join_gap() -> re.Pattern[str]:
    """What may stand between two parts of one date: spaces, a comma, an opening bracket, and
    a time of day («سه‌شنبه شب هشتم شهریور ماه»)."""
    gap = r"[ \t\u00a0\u200c،,(]*"
    return re.compile(rf"{gap}(?:(?:{lexicon().time_rx}){gap})?")


def _merge_parts(text: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """Join «امروز (چهارشنبه)», «روز دوشنبه ۲۰ اردیبهشت» into one mention each."""
    out: list[_Candidate] = []
    for cand in chosen:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.parts
            and cand.parts
            and not prev.parts & cand.parts
            and _join_gap().fullmatch(text, prev.end, cand.start)
        ):
            best = prev.date if prev.rank >= cand.rank else cand.date
            best = _weekday_near_relative_day(best, prev, cand)
            best = _year_of_weekday(best, prev, cand)
            out[-1] = _Candidate(
                prev.start, cand.end, best, prev.parts | cand.parts, max(prev.rank, cand.rank)
            )
        else:
            out.append(cand)
    for cand in out:
        inside = text[cand.start : cand.end]
        if inside.count("(") > inside.count(")"):
            close = _CLOSE_PAREN.match(text, cand.end)
            cand.end = close.end() if close else cand.end
    return out


def _weekday_near_relative_day(best: DateValue, *parts: _Candidate) -> DateValue:
    """«دیروز پنجشنبه»: the weekday named with a relative day is the one nearest that day,
    whatever tense the clause is in (the weekday still wins over the day: «امروز (سه‌شنبه)»
    in a paper dated Wednesday is Tuesday)."""
    day = next((c.date.value for c in parts if "relday" in c.parts), None)
    if not (day and best.value and "weekday" in next(c for c in parts if c.date is best).parts):
        return best
    near, weekday = date.fromisoformat(day), date.fromisoformat(best.value).weekday()
    found = near + timedelta(days=(weekday - near.weekday() + 3) % 7 - 3)
    return _day(best.calendar, found, best.resolved)


def _year_of_weekday(best: DateValue, *parts: _Candidate) -> DateValue:
    """«روز شنبه سی‌ام دسامبر» in a paper of Monday 1 January: a day and month whose year was
    guessed (the publication's) move to the year next to it where the day falls on the
    weekday named with it, when exactly one does."""
    named = next((c.date.value for c in parts if "weekday" in c.parts and c.date is not best), None)
    if not (named and best.value and best.calendar and best.precision == "day"
            and best.resolved == "relative"):
        return best
    weekday, day = date.fromisoformat(named).weekday(), date.fromisoformat(best.value)
    if day.weekday() == weekday:
        return best
    year, month, dom = cal.split(best.calendar, day)
    fits = [d for y in (year - 1, year + 1)
            if (d := cal.to_date(best.calendar, y, month, dom)) and d.weekday() == weekday]
    return _day(best.calendar, fits[0], "relative") if len(fits) == 1 else best


def _merge_ranges(text: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """«از ۱۰ مرداد تا ۱۵ شهریور»: two days joined by تا become one interval."""
    rng = re.compile(_RANGE_GAP.format(range=lexicon().range_rx))
    out: list[_Candidate] = []
    for cand in chosen:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.date.precision == cand.date.precision == "day"
            and rng.fullmatch(text, prev.end, cand.start)
            and prev.date.value
            and cand.date.value
            and prev.date.value < cand.date.value
        ):
            start = _FROM.search(text, 0, prev.start)
            value = DateValue(
                cand.date.calendar,
                f"{prev.date.value}/{cand.date.value}",
                "interval",
                cand.date.resolved,
            )
            out[-1] = _Candidate(
                start.start() if start else prev.start, cand.end, value, frozenset()
            )
        else:
            out.append(cand)
    return out


def _extend_to_now(text: str, cand: _Candidate, published: date | None) -> _Candidate:
    """«از ابتدای سال ۲۰۰۷ تاکنون»: from the start of the period to publication."""
    lex = lexicon()
    since = lex.since_rx.search(text, 0, cand.start)
    until = lex.until_rx.match(text, cand.end)
    if not (since and until and cand.date.value):
        return cand
    if published is None:
        return _Candidate(since.start(), until.end(), _unknown(cand.date.calendar), frozenset())
    first = cal.first_day(cand.date.value)
    value = DateValue(
        cand.date.calendar, f"{first.isoformat()}/{published.isoformat()}", "interval", "relative"
    )
    return _Candidate(since.start(), until.end(), value, frozenset())


# --- public API ----------------------------------------------------------------------------


def find_dates(text: str, *, published: date | None) -> list[DateMention]:
    """Every date expression in `text`, resolved against `published` where relative."""
    chosen = _merge_ranges(text, _merge_parts(text, _select(_candidates(text, published))))
    mentions = []
    for cand in chosen:
        cand = _extend_to_now(text, cand, published)
        d = cand.date
        mentions.append(
            DateMention(cand.start, cand.end, d.calendar, d.value, d.precision, d.resolved)
        )
    return mentions


def resolve(span_text: str, *, published: date | None) -> DateValue | None:
    """Meaning of one date expression (its longest mention), or None if it holds no date."""
    mentions = find_dates(span_text, published=published)
    if not mentions:
        return None
    best = max(mentions, key=lambda ment: ment.end - ment.start)
    return DateValue(best.calendar, best.value, best.precision, best.resolved)


@stage("dates", requires={"sentences"}, assigns={"dates"})
def dates(doc: Document) -> Document:
    doc.dates = find_dates(doc.text, published=doc.published)
    return doc
