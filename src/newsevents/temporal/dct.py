"""Inferring a document's creation time (DCT) from the dates it names.

Used when an article comes without a publication date. The year is the latest one the
text places in the past or present, moved on by at most a year when a date it places in the
future requires it ("troops will leave by December 31, 2021" in a text whose latest past
year is 2020); within that year the DCT is shortly after the latest past date named to the
day (news reports recent events: a dated past event is usually a week or more old when
named by its date) and never after a future date named. A year-level clue alone gives the
middle of what remains possible. A dateline (a full date standing alone at the top) wins
over all of this.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .normalize import FUTURE, MAX_YEAR, MIN_YEAR

Date = dt.date

_VALUE = re.compile(r"^(?P<year>\d{4}|XXXX)(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?"
                    r"|-(?P<part>Q[1-4]|H[12]|SP|SU|FA|WI|W\d\d))?(?:T.*)?$")
_PART_MONTHS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6),
                "H2": (7, 12), "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 12)}


@dataclass(slots=True)
class _Clue:
    year: int | None  # None: a date named without its year ("July 26")
    month: int | None
    day: int | None
    last_month: int | None
    future: bool

    def bounds(self, year: int) -> tuple[Date, Date] | None:
        try:
            if self.month is None:
                return Date(year, 1, 1), Date(year, 12, 31)
            if self.day is not None:
                d = Date(year, self.month, self.day)
                return d, d
            last = self.last_month or self.month
            return (Date(year, self.month, 1),
                    Date(year, last, calendar.monthrange(year, last)[1]))
        except ValueError:
            return None


def _clue(value: str, tense: str | None) -> _Clue | None:
    m = _VALUE.match(value)
    if m is None:
        return None
    year = None if m["year"] == "XXXX" else int(m["year"])
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return None
    month = int(m["month"]) if m["month"] else None
    day = int(m["day"]) if m["day"] else None
    last = None
    if m["part"] and m["part"] in _PART_MONTHS:
        month, last = _PART_MONTHS[m["part"]]
    elif m["part"]:  # a week: too fine to place without its year, too rare to matter
        return None
    if year is None and month is None:
        return None
    return _Clue(year, month, day, last, tense == FUTURE)


def infer_dct(explicit: Iterable[tuple[str, str | None] | tuple[str, str | None, bool]], *,
              gap_days: int = 7) -> str | None:
    """The most likely DCT ("YYYY-MM-DD") given ``(value, tense)`` pairs of the dates a text
    names without needing a DCT (``2020-01``, ``2017``, ``XXXX-07-26``...); None when they
    name no year. A third item True marks a dateline (a full date on its own near the top,
    "March 6, 2008"): the first such date is the DCT."""
    items = [(e[0], e[1], len(e) > 2 and bool(e[2])) for e in explicit]
    for value, _, dateline in items:
        if dateline and re.match(r"^\d{4}-\d\d-\d\d", value):
            return value[:10]
    clues = [c for v, t, _ in items if (c := _clue(v, t)) is not None]
    past_years = [c.year for c in clues if c.year is not None and not c.future]
    future_years = [c.year for c in clues if c.year is not None and c.future]
    if past_years:
        year = max(past_years)
        later = [y for y in future_years if y > year]
        if later:
            year = min(min(later), year + 1)
    elif future_years:
        year = min(future_years)
    else:
        return None
    lower_day: Date | None = None
    lower: Date = Date(year, 1, 1)
    upper: Date = Date(year, 12, 31)
    for clue in clues:
        if clue.year is not None and clue.year != year:
            continue
        bounds = clue.bounds(year)
        if bounds is None:
            continue
        start, end = bounds
        if clue.future:
            if end >= lower:
                upper = min(upper, end)
        else:
            lower = max(lower, start)
            if clue.day is not None and (lower_day is None or start > lower_day):
                lower_day = start
    if upper < lower:
        upper = lower
    if lower_day is not None and lower_day >= lower:
        guess = min(lower_day + dt.timedelta(days=gap_days), max(upper, lower_day))
    else:
        guess = lower + (upper - lower) / 2
    return guess.isoformat()
