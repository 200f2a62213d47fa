"""The calendar range a TIMEX3 value covers, for date filters and aggregates.

``events.date`` keeps the value as coded (``"2021-07"``); ``events.date_start`` and
``events.date_end`` hold the first and last day it covers, so that "events in July 2021"
is a plain range query whatever the granularity of each event's date.

==================  ==========================  =========================================
value               covers                      note
==================  ==========================  =========================================
2021-07-26          that day                    a time part (``T10:00``, ``TMO``) is dropped
2021-07             the month
2021                the year
2021-W12            ISO week 12, Monday–Sunday  ``2021-W12-WE``: its Saturday and Sunday
2021-Q3             July–September              quarters Q1..Q4
2021-H2             July–December               halves H1, H2
2021-SP/SU/FA/AU    Mar–May / Jun–Aug / Sep–Nov meteorological seasons, northern hemisphere
2021-WI             Dec 2021 – Feb 2022         winter starts in the year it is coded with
199X / 199          1990–1999                   a decade
19XX / 19           1900–1999                   a century
2021-07-XX          the month                   unknown lower parts widen the range
PAST_REF, P3D, ...  nothing (None)              references, durations, sets, BC years,
                                                unknown years (``XXXX-07-26``), bad dates
==================  ==========================  =========================================
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

DateRange = tuple[date, date]

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})(?:-XX)?(?:T.*)?")
_YEAR = re.compile(r"(\d{4})(?:-XX(?:-XX)?)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE|-WD)?(?:-XX)?")
_PART = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|AU|WI)")
_DECADE = re.compile(r"(\d{3})X?")
_CENTURY = re.compile(r"(\d{2})(?:XX)?")

# First and last month of each part of a year (winter spills into the next year below).
_PARTS = {
    "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12),
    "H1": (1, 6), "H2": (7, 12),
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14),
}


def _months(year: int, first: int, last: int) -> DateRange:
    """First day of month ``first`` to last day of month ``last`` (13, 14 = next year)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return (
        date(year, first, 1),
        date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]),
    )


def timex_range(value: str | None) -> DateRange | None:
    """The (first day, last day) a TIMEX3 ``value`` covers, or None when it names no
    calendar range (references like ``PAST_REF``, durations, unknown years, invalid dates).
    Never raises."""
    if not value:
        return None
    value = value.strip()
    try:
        if m := _DAY.fullmatch(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.fullmatch(value):
            return _months(int(m[1]), int(m[2]), int(m[2]))
        if m := _YEAR.fullmatch(value):
            return _months(int(m[1]), 1, 12)
        if m := _WEEK.fullmatch(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3] == "-WE":
                return monday + timedelta(days=5), monday + timedelta(days=6)
            if m[3] == "-WD":
                return monday, monday + timedelta(days=4)
            return monday, monday + timedelta(days=6)
        if m := _PART.fullmatch(value):
            first, last = _PARTS[m[2]]
            return _months(int(m[1]), first, last)
        if m := _DECADE.fullmatch(value):
            start = int(m[1]) * 10
            return _months(start, 1, 12)[0], _months(start + 9, 1, 12)[1]
        if m := _CENTURY.fullmatch(value):
            start = int(m[1]) * 100
            return _months(start, 1, 12)[0], _months(start + 99, 1, 12)[1]
    except ValueError:  # month 13, 30 February, week 54, year 0: not a calendar range
        return None
    return None
