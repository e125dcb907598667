"""The date lexicon (resources/dates.yaml) compiled into regex fragments and lookup tables.

Loaded once per process. Each word class becomes a tolerant alternation (any space/ZWNJ gap,
Arabic or Persian letters), and `key()` folds a matched surface to the spelling the lookup
tables use, so a regex match and its meaning never disagree on spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasad.extract.contexts import load_yaml, tolerant
from rasad.extract.datetime_calendar import Calendar
from rasad.text.letters import KEY_LETTERS

GAP = r"[ \t\u00a0\u200c\u00ad]*"
LEFT = r"(?<![\w\u200c])"
RIGHT = r"(?![\w\u200c])"

_FOLD = str.maketrans(KEY_LETTERS | {"\u0654": None})
_GAPS = re.compile(r"[\s\u200c\u00ad]+")


def key(surface: str) -> str:
    """Spelling-independent lookup key: no gaps, Persian letters, «آ» as «ا»."""
    return _GAPS.sub("", surface).translate(_FOLD)


def alternation(words: list[str]) -> str:
    """Tolerant regex alternation, longest first so «سه‌شنبه» wins over «شنبه»."""
    return "|".join(tolerant(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    """Regex fragments (`*_rx`) and surface → meaning tables (keys made by `key`)."""

    months: dict[str, tuple[Calendar, int]]
    month_rx: str
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    weekday_rx: str
    weekday_needs_cue: frozenset[str]
    weekday_blockers_rx: re.Pattern[str]
    weekday_not_before_rx: re.Pattern[str]
    name_before_rx: re.Pattern[str]
    ordinals: dict[str, int]
    ordinal_rx: str
    numbers: dict[str, int]
    number_rx: str
    calendars: dict[str, Calendar]
    calendar_rx: str
    year_noun_rx: str
    counter_rx: str
    year_blockers_rx: re.Pattern[str]
    relative_days: dict[str, int]
    relative_day_rx: str
    time_rx: str
    nowadays_rx: re.Pattern[str]
    nowadays_words: frozenset[str]
    clause_opener_rx: re.Pattern[str]
    past_verb_rx: re.Pattern[str]
    scheduled_rx: re.Pattern[str]
    present_rx: re.Pattern[str]
    periods: dict[str, str]
    period_rx: str
    directions: dict[str, int]
    direction_rx: str
    year_words: dict[str, int]
    year_word_rx: str
    this_rx: str
    this_periods: frozenset[str]
    within_rx: str
    since_rx: re.Pattern[str]
    until_rx: re.Pattern[str]
    ago_units: dict[str, str]
    ago_unit_rx: str
    ago_rx: str
    range_rx: str
    future_rx: re.Pattern[str]
    year_ranges: dict[Calendar, tuple[int, int]]


def _table(groups: dict[Any, list[str]], cast: type = int) -> dict[str, Any]:
    return {key(word): cast(name) for name, words in groups.items() for word in words}


def _ordinals(data: dict[str, Any]) -> dict[str, int]:
    table = _table(data["ordinals"])
    for tens, prefix in data["ordinal_tens"].items():
        for unit, word in data["ordinal_units"].items():
            if tens + unit <= 31:
                table[key(f"{prefix} {word}")] = tens + unit
    return table


def _before(words: list[str]) -> re.Pattern[str]:
    """Matches when the text before a candidate ends with one of `words`, maybe with an
    opening quote mark between («شهر «دوشنبه»»)."""
    return re.compile(f"{LEFT}(?:{alternation(words)}){GAP}(?:[«\"][\\s\u200c]*)?$")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_yaml("dates.yaml")
    months = {
        key(word): (calendar, int(number))
        for calendar, table in data["months"].items()
        for number, words in table.items()
        for word in words
    }
    month_words = [w for table in data["months"].values() for ws in table.values() for w in ws]
    ordinals = _ordinals(data)
    ordinal_words = [
        f"{data['ordinal_tens'][t]} {w}"
        for t in data["ordinal_tens"]
        for w in data["ordinal_units"].values()
    ]
    ordinal_words += [w for ws in data["ordinals"].values() for w in ws]
    calendars = {key(w): cal for cal, ws in data["calendars"].items() for w in ws}
    calendar_words = [w for ws in data["calendars"].values() for w in ws]
    weekday_words = [w for ws in data["weekdays"].values() for w in ws]
    return Lexicon(
        months=months,
        month_rx=alternation(month_words),
        ambiguous_months=frozenset(key(w) for w in data["ambiguous_months"]),
        weekdays=_table(data["weekdays"]),
        weekday_rx=alternation(weekday_words),
        weekday_needs_cue=frozenset(key(w) for w in data["weekday_needs_cue"]),
        weekday_blockers_rx=_before(data["weekday_blockers"]),
        name_before_rx=_before(data["name_before"]),
        weekday_not_before_rx=re.compile(
            f"{GAP}(?:{alternation(data['weekday_not_before'])}){RIGHT}"
        ),
        ordinals=ordinals,
        ordinal_rx=alternation(ordinal_words),
        numbers=_table(data["numbers"]),
        number_rx=alternation([w for ws in data["numbers"].values() for w in ws]),
        calendars=calendars,
        calendar_rx="|".join(
            re.escape(w) if "." in w else tolerant(w)
            for w in sorted(calendar_words, key=len, reverse=True)
        ),
        year_noun_rx=alternation(data["year_nouns"]),
        counter_rx=alternation(data["counter_words"]),
        year_blockers_rx=_before(data["year_blockers"]),
        relative_days={key(w): off for w, off in data["relative_days"].items()},
        relative_day_rx=alternation(list(data["relative_days"])),
        time_rx=alternation(data["times_of_day"]),
        nowadays_rx=_before(data["nowadays_before"]),
        nowadays_words=frozenset(map(key, data["nowadays_words"])),
        clause_opener_rx=re.compile(
            rf"(?:^|[:؛.!؟?\n«]|{LEFT}(?:{alternation(data['nowadays_openers'])})){GAP}$"
        ),
        past_verb_rx=re.compile(
            rf"{LEFT}ن?(?:{alternation(data['past_stems'])})(?:ند|یم|ید)?{RIGHT}"
        ),
        scheduled_rx=re.compile(
            f"{LEFT}(?:{alternation(data['future_markers'] + data['scheduled_present'])})"
        ),
        present_rx=re.compile(
            rf"{LEFT}(?:(?:{alternation(data['present_predicates'])}){RIGHT}|ن?می[\u200c ])"
        ),
        periods=_table(data["periods"], str),
        period_rx=alternation([w for ws in data["periods"].values() for w in ws]),
        directions=_table(data["directions"]),
        direction_rx=alternation([w for ws in data["directions"].values() for w in ws]),
        year_words=_table(data["year_words"]),
        year_word_rx=alternation([w for ws in data["year_words"].values() for w in ws]),
        this_rx=alternation(data["this_words"]),
        this_periods=frozenset(key(w) for w in data["this_periods"]),
        within_rx=alternation(data["within_words"]),
        since_rx=re.compile(f"{LEFT}(?:{alternation(data['since_start'])}){GAP}$"),
        until_rx=re.compile(f"{GAP}(?:{alternation(data['until_now'])}){RIGHT}"),
        ago_units=_table(data["ago_units"], str),
        ago_unit_rx=alternation([w for ws in data["ago_units"].values() for w in ws]),
        ago_rx=alternation(data["ago_words"]),
        range_rx=alternation(data["range_words"]) + "|[-–]",
        future_rx=re.compile(f"{LEFT}(?:{alternation(data['future_markers'])})"),
        year_ranges={name: (low, high) for name, (low, high) in data["year_ranges"].items()},
    )
