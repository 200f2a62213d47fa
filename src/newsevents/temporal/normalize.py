"""TIMEX3 normalisation: from a grammar match to a ``(type, value, mod)`` triple.

Values follow TimeML: ``2021-08-14``, ``2021-08``, ``2021``, ``202`` (a decade), ``20`` (a
century), ``2021-W32``, ``2021-W32-WE``, ``2021-Q3``, ``2021-H1``, ``2021-SU``,
``2021-08-14TMO``, ``2021-08-14T16:30``, ``PAST_REF`` / ``PRESENT_REF`` / ``FUTURE_REF``,
durations ``P2Y`` / ``PT3H`` / ``PXY`` and sets ``P1W`` / ``XXXX-WXX-2``.

Expressions that need a reference date are resolved against :class:`Reference`: the
document creation time (DCT), the date the text last mentioned (for "the following day"),
and the tense of the governing clause ("PAST", "PRESENT", "FUTURE" or None), which decides
whether a bare "Friday" or "July 26" lies before or after the DCT. Without a DCT such
expressions get no value (``None``), never a guess; calendar dates without a year keep
their known fields (``XXXX-07-26``).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .grammar import Grammar, Lexicon, RuleMatch, load_grammar

Date = dt.date
TimexValue = tuple[str, str | None, str | None]  # (type, value, mod)

#: Years outside this range are never produced (a garbage number is not a date).
MIN_YEAR, MAX_YEAR = 1000, 2199

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"

_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_JUST_OVER_DAYS = 31


_GRANULARITY = {"D": 0, "W": 1, "2W": 1, "WE": 1, "M": 2, "Q": 3, "H": 4, "Y": 5, "10Y": 6,
                "100Y": 7}


@dataclass(slots=True)
class Reference:
    """What relative expressions are resolved against."""

    dct: Date | None
    anchor: Date | None = None  # the start of the period the text last mentioned
    tense: str | None = None
    anchor_unit: str = "D"  # the granularity of ``anchor``
    #: The quarter a financial report is about ("2021-Q3"), when the text just named it:
    #: its "a year earlier" is that quarter a year before.
    report_quarter: str | None = None
    #: The day a bare clock time is on when the same sentence named a day before it ("Feb.
    #: 28 at 8 p.m.", "on Tuesday at about 10 p.m."); None: the DCT's day.
    clock_day: Date | None = None

    @property
    def discourse(self) -> Date | None:
        return self.anchor or self.dct

    def discourse_for(self, unit: str) -> Date | None:
        """The last mentioned date if it is at least as precise as ``unit``, else the DCT
        ("the following day" after "in 2019" cannot count from 2019)."""
        if self.anchor is not None and _GRANULARITY.get(self.anchor_unit, 9) <= \
                _GRANULARITY.get(unit, 0):
            return self.anchor
        return self.dct


def period_start(value: str | None) -> tuple[Date, str] | None:
    """The first day and granularity of a TIMEX3 date value ("2021-07" -> (July 1, "M"))."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-W(\d\d))?(?:T.*)?$", value)
    if m is None:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            return Date(year, int(m.group(2)), int(m.group(3))), "D"
        if m.group(2):
            return Date(year, int(m.group(2)), 1), "M"
        if m.group(4):
            return Date(year, 3 * int(m.group(4)) - 2, 1), "Q"
        if m.group(5):
            return Date.fromisocalendar(year, int(m.group(5)), 1), "W"
        return Date(year, 1, 1), "Y"
    except ValueError:
        return None


def parse_date(text: str | None) -> Date | None:
    """A date from "YYYY-MM-DD" (longer ISO strings are cut to the day); None for anything
    else, years outside MIN_YEAR..MAX_YEAR included."""
    if not text:
        return None
    try:
        d = dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None
    return d if _ok(d.year) else None


# -- calendar arithmetic ------------------------------------------------------------------


def _add_months(d: Date, months: int) -> Date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1]) if MIN_YEAR <= year else 1
    return Date(year, month + 1, day)


def _shift(d: Date, unit: str, steps: float) -> Date:
    """``d`` moved by ``steps`` calendar units (D, W, M, Q, Y, 10Y, 100Y)."""
    n = int(steps)
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit == "W":
        return d + dt.timedelta(weeks=n)
    if unit == "2W":
        return d + dt.timedelta(weeks=2 * n)
    if unit == "M":
        return _add_months(d, n)
    if unit == "Q":
        return _add_months(d, 3 * n)
    if unit == "H":
        return _add_months(d, 6 * n)
    if unit == "Y":
        return _add_months(d, 12 * n)
    if unit == "10Y":
        return _add_months(d, 120 * n)
    if unit == "100Y":
        return _add_months(d, 1200 * n)
    raise ValueError(f"unit {unit!r} cannot shift a date")


def _ok(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def format_at(d: Date, unit: str) -> str | None:
    """The TIMEX3 value of the ``unit``-long period containing ``d``."""
    if not _ok(d.year):
        return None
    if unit == "D":
        return d.isoformat()
    if unit in ("W", "2W"):
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "WE":
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}-WE"
    if unit == "M":
        return f"{d.year}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if unit == "H":
        return f"{d.year}-H{(d.month - 1) // 6 + 1}"
    if unit == "Y":
        return str(d.year)
    if unit == "10Y":
        return str(d.year)[:3]
    if unit == "100Y":
        return str(d.year)[:2]
    return None


def _easter(year: int) -> Date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return Date(year, month, day)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> Date:
    """The n-th (1-based; -1 = last) ISO weekday (1=Mon) of a month."""
    if n > 0:
        first = Date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = Date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


_MOVABLE: dict[str, Callable[[int], Date]] = {
    "easter": _easter,
    "good_friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "easter_monday": lambda y: _easter(y) + dt.timedelta(days=1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4),
    "black_friday": lambda y: _nth_weekday(y, 11, 4, 4) + dt.timedelta(days=1),
    "cyber_monday": lambda y: _nth_weekday(y, 11, 4, 4) + dt.timedelta(days=4),
    "labor_day": lambda y: _nth_weekday(y, 9, 1, 1),
    "memorial_day": lambda y: _nth_weekday(y, 5, 1, -1),
    "mothers_day": lambda y: _nth_weekday(y, 5, 7, 2),
    "fathers_day": lambda y: _nth_weekday(y, 6, 7, 3),
    "mlk_day": lambda y: _nth_weekday(y, 1, 1, 3),
    "presidents_day": lambda y: _nth_weekday(y, 2, 1, 3),
    "columbus_day": lambda y: _nth_weekday(y, 10, 1, 2),
    # US federal elections: the Tuesday after the first Monday of November.
    "election_day": lambda y: _nth_weekday(y, 11, 1, 1) + dt.timedelta(days=1),
}


# -- reading the parts of a match -----------------------------------------------------------


def _number(lex: Lexicon, text: str | None) -> float | str | None:
    """A number from digits or words ("12", "twenty-four", "a couple of"); "X" if vague."""
    if text is None:
        return None
    key = Lexicon.key(text)
    if (half := re.fullmatch(r"(\d+)(?: 1/2|½)", key)) is not None:  # "5 1/2"
        return int(half.group(1)) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        value = float(key)
        return int(value) if value.is_integer() else value
    if (v := lex.get("vague_number", key)) is not None:
        return "X"
    if (v := lex.get("number", key)) is not None:
        return v
    words = re.split(r"[\s-]+", key)
    if len(words) == 2 and lex.get("tens", words[0]) and lex.get("units", words[1]):
        return lex.get("tens", words[0]) + lex.get("units", words[1])
    return None


def _year(parts: dict[str, str], ref: Reference) -> int | None:
    text = parts.get("year")
    if text is None:
        return None
    if re.search("[a-z]", text, re.I):
        return _spoken_year(text)
    digits = re.sub(r"\D", "", text)
    if len(digits) == 2:  # '98: the most recent such year, not in the future by > 10 years
        base = (ref.dct.year if ref.dct else 2000) + 10
        year = base - (base - int(digits)) % 100
        return year
    year = int(digits)
    return year if _ok(year) else None


_SPOKEN_CENTURY = {"nineteen": 19, "twenty": 20}
_TENS = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7,
         "eighty": 8, "ninety": 9}
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine".split())}


_TEENS = {w: 10 + i for i, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}


def _spoken_year(text: str) -> int | None:
    """1996 from "nineteen ninety-six", 2001 from "two thousand and one"; None for anything
    else."""
    words = re.split(r"[\s-]+", text.lower().strip())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        if not rest:
            return 2000
        if len(rest) == 1:
            small = _UNITS.get(rest[0], _TEENS.get(rest[0], 20 if rest[0] == "twenty" else -1))
            return 2000 + small if small >= 0 else None
        return None
    if len(words) not in (2, 3) or words[0] not in _SPOKEN_CENTURY or words[1] not in _TENS:
        return None
    unit = _UNITS.get(words[2], -1) if len(words) == 3 else 0
    if unit < 0:
        return None
    return _SPOKEN_CENTURY[words[0]] * 100 + _TENS[words[1]] * 10 + unit


def _day(text: str | None) -> int | None:
    if text is None:
        return None
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else None


def _pod(lex: Lexicon, parts: dict[str, str]) -> str | None:
    """The TIMEX3 time suffix of a part of day ("TMO") or clock time ("T16:30")."""
    if "hour" in parts:
        hour = int(parts["hour"])
        minute = int(parts.get("minute") or 0)
        ampm = (parts.get("ampm") or "").lower().replace(".", "")
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        pod = lex.get("part_of_day", parts.get("pod"))
        if not ampm and pod in ("EV", "NI", "AF") and hour < 12:
            hour += 12
        if hour > 24 or minute > 59:
            return None
        # "16:08 UTC" is T16:08Z; other zones add nothing (see the lexicon's timezone)
        zone = lex.get("timezone", parts.get("tz")) or ""
        return f"T{hour:02d}:{minute:02d}{zone}"
    pod = lex.get("part_of_day", parts.get("pod"))
    if pod is None:
        return None
    return f"T{pod}"  # "TMO" for a part of day, "T12:00" for noon


def _mod(lex: Lexicon, parts: dict[str, str]) -> str | None:
    return lex.get("point_modifier", parts.get("pmod")) or lex.get(
        "quantity_modifier", parts.get("qmod"))


# -- choosing the year of a date given without one ------------------------------------------


def _choose_year(anchor: Date, start: Callable[[int], Date | None],
                 end: Callable[[int], Date | None], *, step: int = 0,
                 tense: str | None = None, penalty_days: int = 60,
                 future_penalty_days: int = 366) -> int | None:
    """The year of a recurring period (a month, a day of the year, a season...) that the
    text most likely means, seen from ``anchor``.

    ``step`` -1 ("last March"): the latest one over before the anchor; +1 ("next March"):
    the first one starting after it; 0 with tense "THIS" ("this March"): the anchor's year.
    Otherwise the nearest one, where one on the wrong side of the anchor for the tense (a
    past-tense "July 26" after the DCT) counts ``penalty_days`` farther away: news names
    dates close to its own, and a past tense is weaker evidence than a few weeks (plans and
    deadlines are told in the past). A future-tense one before the DCT counts
    ``future_penalty_days`` farther (by default a year: "will meet on July 26" said in
    August is next year's).
    """
    years = [anchor.year - 1, anchor.year, anchor.year + 1]
    spans = []
    for y in years:
        try:
            s, e = start(y), end(y)
        except ValueError:  # February 29 in a common year
            continue
        if s is not None and e is not None:
            spans.append((y, s, e))
    if not spans:
        return None
    if step < 0:
        # "last February" said in March is a year back: the month just over is called
        # "February" (or "last month"), so "last" skips a period that ended within a month.
        over = [y for y, s, e in spans if e < anchor - dt.timedelta(days=_JUST_OVER_DAYS)]
        return max(over) if over else None
    if step > 0:
        ahead = [y for y, s, e in spans if s > anchor]
        return min(ahead) if ahead else None
    if tense == "THIS":
        return anchor.year

    def distance(span: tuple[int, Date, Date]) -> tuple[int, int]:
        y, s, e = span
        if s <= anchor <= e:
            gap = 0
        elif s > anchor:
            gap = (s - anchor).days + (penalty_days if tense == PAST else 0)
        else:
            gap = (anchor - e).days + (future_penalty_days if tense == FUTURE else 0)
        return (gap, abs(y - anchor.year))

    return min(spans, key=distance)[0]


def _rel_step(lex: Lexicon, text: str | None) -> tuple[int | None, str]:
    """(step, anchor kind) of a relative word ("last" -> (-1, "dct")); (None, "dct") if none."""
    if text is None:
        return None, "dct"
    info = lex.get("relative", text)
    if info is None:
        return None, "dct"
    return int(info["step"]), info["anchor"]


# -- the normalisers ------------------------------------------------------------------------


class Normalizer:
    """Turns :class:`RuleMatch` objects into TIMEX3 ``(type, value, mod)`` triples.

    ``tense_penalty_days``: how much farther a date without a year counts when it lies
    after the DCT in a past-tense clause (see :func:`_choose_year`);
    ``month_penalty_days`` the same for a whole month ("in February"), which a past-tense
    clause names ahead of the DCT less often than a day (a deadline).
    """

    def __init__(self, grammar: Grammar | None = None, *, tense_penalty_days: int = 120,
                 month_penalty_days: int = 240) -> None:
        self.grammar = grammar or load_grammar()
        self.penalty = tense_penalty_days
        self.month_penalty = month_penalty_days
        self.lex = self.grammar.lexicon
        self._by_norm: dict[str, Callable[[RuleMatch, Reference], TimexValue | None]] = {
            "date": self._date,
            "relative": self._relative,
            "offset": self._offset,
            "deictic": self._deictic,
            "reference": self._reference,
            "duration": self._duration,
            "set": self._set,
        }

    def resolve(self, match: RuleMatch, ref: Reference) -> TimexValue | None:
        """The TIMEX3 triple of ``match``; None when the match is not a usable timex."""
        try:
            return self._by_norm[match.rule.norm](match, ref)
        except (ValueError, OverflowError, KeyError):
            # An impossible date (February 30, week 99) is not a timex.
            return None

    # -- dates ----------------------------------------------------------------------------

    def _date(self, m: RuleMatch, ref: Reference) -> TimexValue | None:
        p, lex = m.parts, self.lex
        mod = _mod(lex, p)
        if "open" in p:
            mod = "ON_OR_BEFORE" if Lexicon.key(p["open"]).endswith(("earlier", "before")) \
                else "ON_OR_AFTER"
        ttype = m.rule.type
        time = _pod(lex, p)
        if "hour" in p and time is None:
            return None
        if time is not None:
            ttype = "TIME"
        if "decade" in p:
            return "DATE", self._decade(p["decade"], ref), mod
        if "century" in p:
            n = lex.get("ordinal", p["century"])
            return ("DATE", f"{n - 1:02d}", mod) if n and 10 <= n <= 22 else None
        year = _year(p, ref)
        if "year" in p and year is None:
            return None
        step, _ = _rel_step(lex, p.get("relyear"))
        if year is None and step is not None and ref.dct:
            year = ref.dct.year + step
        if "week" in p:
            week = int(p["week"])
            if year is None:
                if ref.dct is None:
                    return ttype, f"XXXX-W{week:02d}" if 1 <= week <= 53 else None, mod
                year = ref.dct.year
            # Week 53 exists only in long ISO years; Dec 28 is always in the last week.
            if not 1 <= week <= Date(year, 12, 28).isocalendar()[1]:
                return None
            return ttype, f"{year}-W{week:02d}", mod
        if "quarter" in p:
            q = int(p["quarter"]) if p["quarter"].isdigit() else lex.get(
                "quarter_ordinal", p["quarter"])
            return ttype, self._period(year, q * 3 - 2, 3, "Q", q, ref), mod
        if "half" in p:
            h = lex.get("half_ordinal", p["half"])
            return ttype, self._period(year, h * 6 - 5, 6, "H", h, ref), mod
        if "season" in p:
            return ttype, self._season(lex.get("season", p["season"]), year, p, ref), mod
        if "holiday" in p:
            value = self._holiday(lex.get("holiday", p["holiday"]), year, p, ref)
            if value and "hunit" in p:  # "Labor Day weekend", "Easter week"
                day = Date.fromisoformat(value)
                unit = "WE" if Lexicon.key(p["hunit"]) == "weekend" else "W"
                if unit == "WE" and day.isoweekday() == 1:
                    day -= dt.timedelta(days=1)  # a Monday holiday ends its long weekend
                value = format_at(day, unit)
            return ttype, value, mod
        if "month" in p:
            month = int(p["month"]) if p["month"].isdigit() else lex.get("month", p["month"])
            if month is None:
                return None
            day = _day(p.get("day"))
            if day is not None:
                calendar.monthrange(2000, month)  # validates the month
                if day > calendar.monthrange(year or 2000, month)[1]:
                    return None
            value = self._month_day(year, month, day, p, ref)
            if value is None and year is None and not ref.dct:
                value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
            if m.rule.name == "week_of" and value and day:
                value = format_at(Date.fromisoformat(value), "W")
            if time and value and day:
                value += time
            return ttype, value, mod
        if "weekday" in p:
            day_date = self._weekday(lex.get("weekday", p["weekday"]), p, ref)
            value = format_at(day_date, "D") if day_date else None
            if time and value:
                value += time
            if time and not time[1].isdigit():
                ttype = "DATE"  # "Friday night" is a DATE in TimeBank practice
            return ttype, value, mod
        if "deictic" in p:
            base = ref.dct
            if base is None:
                return ttype, None, mod
            value = format_at(base + dt.timedelta(days=lex.get("deictic_day", p["deictic"])),
                              "D")
            return ttype, (value + time if value and time else value), mod
        if year is not None:
            return "DATE", str(year), mod
        if time is not None:
            # A clock time or part of day alone is on the day its sentence named, else
            # on the DCT.
            day = ref.clock_day or ref.dct
            value = format_at(day, "D") + time if day else None
            return "TIME", value, mod
        return None

    def _decade(self, text: str, ref: Reference) -> str | None:
        word = self.lex.get("decade_word", text)
        if word:
            return str(word)
        digits = re.sub(r"\D", "", text)
        if len(digits) == 4:
            return digits[:3] if _ok(int(digits)) else None
        if len(digits) == 2:
            # '90s: the latest such decade that has begun by the DCT (or by 2000).
            now = ref.dct.year if ref.dct else 2000
            century = now // 100
            year = century * 100 + int(digits)
            if year > now:
                year -= 100
            return str(year)[:3]
        return None

    def _period(self, year: int | None, first_month: int, months: int, letter: str,
                n: int, ref: Reference) -> str | None:
        if year is None:
            if not ref.dct:
                return f"XXXX-{letter}{n}"

            def start(y: int) -> Date:
                return Date(y, first_month, 1)

            def end(y: int) -> Date:
                return _add_months(Date(y, first_month, 1), months) - dt.timedelta(days=1)

            # A quarter or half in past-tense reporting is usually one already over.
            tense = ref.tense
            # A quarter still under way is not one a past-tense report speaks of.
            # Results of a quarter just over are announced in the future tense ("expects to
            # report a third-quarter loss"), so a future tense is weak evidence here.
            year = _choose_year(ref.dct, end if tense == PAST else start, end, tense=tense,
                                penalty_days=self.penalty, future_penalty_days=self.penalty)
            if year is None:
                return None
        return f"{year}-{letter}{n}" if _ok(year) else None

    def _season(self, season: str, year: int | None, p: dict[str, str],
                ref: Reference) -> str | None:
        step, _ = _rel_step(self.lex, p.get("rel"))
        if year is None:
            if not ref.dct:
                return f"XXXX-{season}"
            first = _SEASON_START[season]

            def start(y: int) -> Date:
                return Date(y, first, 1)

            def end(y: int) -> Date:
                return _add_months(Date(y, first, 1), 3) - dt.timedelta(days=1)

            tense = "THIS" if step == 0 else ref.tense
            year = _choose_year(ref.dct, start, end, step=step or 0, tense=tense,
                                penalty_days=self.penalty)
            if year is None:
                return None
        return f"{year}-{season}"

    def _holiday(self, rule: str, year: int | None, p: dict[str, str],
                 ref: Reference) -> str | None:
        def on(y: int) -> Date:
            if rule in _MOVABLE:
                return _MOVABLE[rule](y)
            month, day = (int(x) for x in rule.split("-"))
            return Date(y, month, day)

        if year is None:
            if not ref.dct:
                return None if rule in _MOVABLE else f"XXXX-{rule}"
            step, _ = _rel_step(self.lex, p.get("rel"))
            year = _choose_year(ref.dct, on, on, step=step or 0,
                                tense="THIS" if step == 0 else ref.tense,
                                penalty_days=self.penalty)
            if year is None:
                return None
        return format_at(on(year), "D")

    def _month_day(self, year: int | None, month: int, day: int | None,
                   p: dict[str, str], ref: Reference) -> str | None:
        if year is None:
            anchor = ref.dct
            if anchor is None:
                return None
            step, kind = _rel_step(self.lex, p.get("rel"))
            if kind == "discourse":
                anchor = ref.discourse or anchor

            def start(y: int) -> Date:
                return Date(y, month, day or 1)

            def end(y: int) -> Date:
                if day:
                    return Date(y, month, day)
                return Date(y, month, calendar.monthrange(y, month)[1])

            tense = "THIS" if step == 0 else ref.tense
            year = _choose_year(anchor, start, end, step=step or 0, tense=tense,
                                penalty_days=self.penalty if day else self.month_penalty)
            if year is None:
                return None
        if not _ok(year):
            return None
        if day is None:
            return f"{year}-{month:02d}"
        return Date(year, month, day).isoformat()

    def _weekday(self, weekday: int, p: dict[str, str], ref: Reference) -> Date | None:
        if ref.dct is None:
            return None
        step, kind = _rel_step(self.lex, p.get("rel"))
        anchor = ref.discourse if kind == "discourse" else ref.dct
        assert anchor is not None
        if "relweek" in p:
            week_step = {"this": 0, "last": -1, "next": 1}[p["relweek"].lower()]
            monday = anchor - dt.timedelta(days=anchor.isoweekday() - 1)
            return monday + dt.timedelta(weeks=week_step, days=weekday - 1)
        back = (anchor.isoweekday() - weekday) % 7  # days since the latest such day
        if step == 0:  # "this Friday": the one of the anchor's week
            return anchor + dt.timedelta(days=weekday - anchor.isoweekday())
        if step is not None and step < 0:
            return anchor - dt.timedelta(days=back or 7)
        if step is not None and step > 0 or ref.tense == FUTURE:
            return anchor + dt.timedelta(days=(weekday - anchor.isoweekday()) % 7)
        # Past or present tense reporting: the latest such day, the DCT's own included.
        return anchor - dt.timedelta(days=back)

    # -- relative expressions --------------------------------------------------------------

    def _unit(self, text: str | None) -> str | None:
        if text is None:
            return None
        unit = self.lex.get("unit", text) or self.lex.get("unit_plural", text)
        if unit is None and Lexicon.key(text) in ("weekend", "nine months", "period"):
            # "the latest period" in a report is its quarter
            return {"weekend": "WE", "nine months": "9M", "period": "Q"}[Lexicon.key(text)]
        return unit

    def _relative(self, m: RuleMatch, ref: Reference) -> TimexValue | None:
        p, lex = m.parts, self.lex
        mod = _mod(lex, p)
        if mod is None and "pmod" in p:
            mod = {"earlier": "START", "later": "END", "early": "START", "late": "END",
                   "mid": "MID", "mid-": "MID", "end": "END"}.get(p["pmod"].lower())
        rel = Lexicon.key(p.get("rel", ""))
        if rel in _YEAR_AGO:
            if "quarter" in p and Lexicon.key(p.get("unit", "")) == "quarter" and ref.dct:
                # "the year-ago third quarter": that quarter of the year before the
                # latest one begun by the DCT.
                q = lex.get("quarter_ordinal", p["quarter"])
                year = ref.dct.year - (Date(ref.dct.year, 3 * q - 2, 1) > ref.dct)
                return "DATE", f"{year - 1}-Q{q}" if _ok(year - 1) else None, mod
            return self._year_ago(Lexicon.key(p.get("unit", "")), ref, mod)
        unit = self._unit(p.get("unit"))
        step, kind = _rel_step(lex, p.get("rel"))
        if step is None and ("pmod" in p or "ordinal" in p or rel in ("full", "whole",
                                                                      "entire")):
            # "earlier in the year", "the full year", "year-end", "a third straight year"
            step, kind = 0, "dct"
        if rel in ("most recent", "comparable"):
            step, kind = (-1 if rel == "most recent" else 0), "dct"
        if unit is None or step is None:
            return None
        if unit == "9M":
            return "DURATION", "P9M", mod
        if unit.startswith("T"):
            # "the past hour": a stretch of time, not a calendar point.
            return "DURATION", f"PT1{unit[1]}", mod
        if unit in ("10Y", "100Y") and rel in ("past", "the past"):
            # "in the past decade" is the last ten years, not the 1990s (TBAQ 1 of 1,
            # MEANTIME dev 1 of 2)
            return "DURATION", f"P{unit}", mod
        if m.rule.name == "verb_the_period":
            kind = "discourse"  # "On Monday the Dow fell ... to end the day": Monday
        anchor = ref.discourse_for(unit) if kind == "discourse" else ref.dct
        if anchor is None:
            return m.rule.type, None, mod
        if unit == "WE":
            if step == 0 and rel == "the":
                step = -1 if ref.tense == PAST and anchor.isoweekday() < 5 else 0
            return "DATE", format_at(anchor + dt.timedelta(weeks=step), "WE"), mod
        if unit == "Q" and rel == "the" and ref.report_quarter and kind == "dct":
            return "DATE", ref.report_quarter, mod  # the quarter the report just named
        if unit == "Q" and rel in ("the", "the latest", "latest", "current", "same") and \
                ref.tense != FUTURE:
            # "the quarter" in a report is the last one completed.
            step = -1 if rel not in ("the", "current", "same") or ref.tense == PAST else 0
        shifted = _shift(anchor, unit, step)
        return "DATE", format_at(shifted, unit), mod

    def _year_ago(self, unit: str, ref: Reference, mod: str | None) -> TimexValue | None:
        """ "the year-earlier quarter", "year-ago", "the same period last year": the
        period a year before the one the report is about."""
        if unit in ("nine months", "six months"):
            return "DURATION", "P9M" if unit.startswith("nine") else "P6M", mod
        if ref.dct is None:
            return "DATE", None, mod
        if unit in ("month", "period", "week") and ref.anchor is not None and \
                ref.anchor_unit == ("W" if unit == "week" else "M"):
            # "sales in February rose from the same period last year": that month (week)
            # a year before
            return "DATE", format_at(_shift(ref.anchor, "Y", -1), ref.anchor_unit), mod
        if ref.report_quarter and unit in ("", "quarter", "period"):
            start = period_start(ref.report_quarter)
            if start is not None:
                return "DATE", format_at(_shift(start[0], "Y", -1), "Q"), mod
        if unit in ("quarter", "period"):
            return "DATE", format_at(_shift(_shift(ref.dct, "Q", -1), "Y", -1), "Q"), mod
        if unit == "half":
            return "DATE", format_at(_shift(_shift(ref.dct, "H", -1), "Y", -1), "H"), mod
        if unit in ("month", "week"):
            return "DATE", format_at(_shift(ref.dct, "Y", -1), unit[0].upper()), mod
        return "DATE", format_at(_shift(ref.dct, "Y", -1), "Y"), mod

    def _offset(self, m: RuleMatch, ref: Reference) -> TimexValue | None:
        p, lex = m.parts, self.lex
        mod = lex.get("quantity_modifier", p.get("qmod"))
        info = lex.get("offset_word", p.get("ago"))
        if info is None:
            return None
        anchor = ref.discourse if info["anchor"] == "discourse" else ref.dct
        if "unit" not in p:  # "the day before yesterday"
            if ref.dct is None:
                return "DATE", None, mod
            return "DATE", format_at(ref.dct + dt.timedelta(days=info["step"]), "D"), mod
        unit = self._unit(p["unit"])
        n = _number(lex, p.get("num")) if "num" in p else "X"  # "years ago"
        if unit is None or n is None:
            return None
        if n == "X":
            return "DATE", "PAST_REF" if info["step"] < 0 else "FUTURE_REF", mod
        if anchor is None:
            return "DATE", None, mod
        if unit.startswith("T"):
            # "two hours ago": the DCT's day (TIMEX3 has no time on the DCT to count from).
            return "DATE", format_at(anchor, "D"), mod
        scale = {"2W": ("W", 2), "10Y": ("Y", 10), "100Y": ("Y", 100)}.get(unit, (unit, 1))
        base_unit, factor = scale
        steps = n * factor
        if not float(steps).is_integer():
            if base_unit == "Y":
                base_unit, steps = "M", steps * 12
            elif base_unit == "M":
                base_unit, steps = "D", steps * 30
            else:
                return None
        if abs(steps) > 5000:
            return None
        if base_unit == "Y" and steps == 1 and ref.report_quarter and info["step"] < 0:
            # "net rose from $5 million a year earlier": the same quarter a year before.
            return self._year_ago("quarter", ref, mod)
        shifted = _shift(anchor, base_unit, info["step"] * int(steps))
        granularity = {"10Y": "Y", "100Y": "Y"}.get(base_unit, base_unit)
        if base_unit == "W" and info["anchor"] == "dct" and steps <= 2:
            # "a week ago", "two weeks ago" name a day (TBAQ 2 of 2, MEANTIME 1 of 1);
            # "six weeks ago" stays a week (TBAQ 2 of 2): too far back to count days
            granularity = "D"
        return "DATE", format_at(shifted, granularity), mod

    def _deictic(self, m: RuleMatch, ref: Reference) -> TimexValue | None:
        p, lex = m.parts, self.lex
        mod = lex.get("point_modifier", p.get("pmod"))
        time = _pod(lex, p)
        rel = Lexicon.key(p.get("rel", "")) if "rel" in p else None
        if m.rule.name == "pmod_pod" and "deictic" not in p and "weekday" not in p:
            rel = "this"
        if rel in ("early", "late"):
            mod = mod or ("START" if rel == "early" else "END")
            rel = "this"
        if "weekday" in p:
            d = self._weekday(lex.get("weekday", p["weekday"]), p, ref)
            value = format_at(d, "D") if d else None
            if value and time and m.rule.name == "pmod_pod":
                return "TIME", value + time, mod
            return "DATE", value, mod
        if "deictic" in p:
            offset = lex.get("deictic_day", p["deictic"])
            if Lexicon.key(p["deictic"]) == "tonight":
                time = time or "TNI"
        else:
            offset = {"last": -1, "yesterday": -1, "tomorrow": 1, "the next": 1,
                      "the following": 1, "the previous": -1}.get(rel or "", 0)
            if rel == "last" and time not in ("TNI", "TEV"):
                return None  # "last morning" is not said; "last evening"/"last night" are
        # "the morning", "the next morning", "that night": the day the text is talking about
        base = ref.discourse_for("D") if rel in _DISCOURSE_POD else ref.dct
        ttype = "TIME" if time else "DATE"
        if base is None:
            return ttype, None, mod
        value = format_at(base + dt.timedelta(days=offset), "D")
        if value and time:
            value += time
        return ttype, value, mod

    def _reference(self, m: RuleMatch, ref: Reference) -> TimexValue | None:
        p = m.parts
        if "ref" in p:
            value = self.lex.get("reference", p["ref"])
            return ("DATE", value, None) if value else None
        rel = Lexicon.key(p.get("rel", ""))
        if rel in ("coming", "upcoming", "future"):
            return "DATE", "FUTURE_REF", None
        return "DATE", "PAST_REF", None

    # -- durations and sets -----------------------------------------------------------------

    def duration_value(self, n: float | str | None, unit: str | None) -> str | None:
        """``P2Y``, ``PT3H``, ``PXM``... for a number (or "X") of a unit."""
        if unit is None or n is None:
            return None
        time = unit.startswith("T")
        letter = unit[1:] if time else unit
        factor = 1
        multiples = {"2W": (2, "W"), "10Y": (10, "Y"), "100Y": (100, "Y"), "1000Y": (1000, "Y")}
        if letter in multiples:
            if n == "X":
                return {"2W": "PXW", "10Y": "PXDE", "100Y": "PXCE", "1000Y": "PXML"}[letter]
            factor, letter = multiples[letter]
        if n == "X":
            return f"PTX{letter}" if time else f"PX{letter}"
        amount = float(n) * factor
        if amount > 100000:
            return None
        if not amount.is_integer():
            # "2 1/2 years" is P2Y6M, "an hour and a half" PT1H30M (as TimeML writes them)
            smaller = ({"H": ("M", 60), "M": ("S", 60)} if time else
                       {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("TH", 24)})
            if letter not in smaller:
                return None
            small, mult = smaller[letter]
            whole, rest = int(amount), (amount - int(amount)) * mult
            if not round(rest, 6).is_integer():
                return None
            rest = int(round(rest))
            if small.startswith("T"):  # days and hours: P1DT12H
                head = f"P{whole}{letter}" if whole else "P"
                return f"{head}T{rest}{small[1:]}"
            head = f"{whole}{letter}" if whole else ""
            return f"P{'T' if time else ''}{head}{rest}{small}"
        return f"P{'T' if time else ''}{int(amount)}{letter}"

    def _duration(self, m: RuleMatch, ref: Reference) -> TimexValue | None:
        p, lex = m.parts, self.lex
        mod = lex.get("quantity_modifier", p.get("qmod")) or lex.get(
            "guarded_modifier", p.get("qmod"))
        unit = self._unit(p.get("unit"))
        if "num" in p:
            n = _number(lex, p["num"])
        else:  # "years", "the past months": an unknown number; "the past year": one
            n = "X" if Lexicon.key(p.get("unit", "")).endswith(("s", "ia")) else 1
        if n is None or unit is None:
            return None
        if "num2" in p:
            n2 = _number(lex, p["num2"])
            unit2 = self._unit(p.get("unit2")) or unit
            if "unit2" not in p and n2 not in (None, "X") and n != "X":
                # "two or three weeks": a range; TimeML keeps the larger figure.
                n = max(float(n), float(n2))
            elif n2 not in (None, "X") and n != "X" and unit2 != unit:
                first = self.duration_value(n, unit)
                second = self.duration_value(n2, unit2)
                if first and second:
                    return "DURATION", _join_durations(first, second), mod
        elif "and a half" in Lexicon.key(m.text) and "half" not in Lexicon.key(p["num"]):
            n = float(n) + 0.5 if n != "X" else n
        value = self.duration_value(n, unit)
        return ("DURATION", value, mod) if value else None

    def _set(self, m: RuleMatch, ref: Reference) -> TimexValue | None:
        p, lex = m.parts, self.lex
        if "freq" in p and "unit" not in p and "weekday" not in p:
            value = lex.get("unit_adverb", p["freq"])
            return ("SET", value, None) if value else None
        if "weekday" in p:
            d = lex.get("weekday", p["weekday"]) or lex.get("weekdays", p["weekday"])
            time = _pod(lex, p) or ""
            return "SET", f"XXXX-WXX-{d}{time}", None
        if "month" in p:
            return "SET", f"XXXX-{lex.get('month', p['month']):02d}", None
        if "season" in p:
            return "SET", f"XXXX-{lex.get('season', p['season'])}", None
        if "pod" in p and "unit" not in p:
            return "SET", f"XXXX-XX-XXT{lex.get('part_of_day', p['pod'])}", None
        unit = self._unit(p.get("unit"))
        n = _number(lex, p.get("num")) if "num" in p else 1
        value = self.duration_value(n if n is not None else 1, unit)
        return ("SET", value, None) if value else None


_DISCOURSE_POD = frozenset({"the", "the next", "the following", "the previous", "that",
                            "the same"})
_YEAR_AGO = frozenset({"year-earlier", "year-ago", "year earlier", "prior-year", "previous-year",
                       "a year ago", "a year earlier", "last year", "of last year",
                       "a year before"})


def _join_durations(first: str, second: str) -> str:
    """``P1Y`` + ``P6M`` -> ``P1Y6M``; ``PT1H`` + ``PT30M`` -> ``PT1H30M``."""
    if first.startswith("PT") and second.startswith("PT"):
        return first + second[2:]
    if second.startswith("PT"):
        return first + second[1:]
    return first + second[1:]


_DEFAULT: Normalizer | None = None


def default_normalizer() -> Normalizer:
    """The process-wide normaliser over the shipped grammar, with the [temporal] settings."""
    global _DEFAULT
    if _DEFAULT is None:
        from ..config import load_config

        settings = load_config()["temporal"]
        _DEFAULT = Normalizer(tense_penalty_days=settings["tense_penalty_days"],
                              month_penalty_days=settings["month_penalty_days"])
    return _DEFAULT


def normalize(text: str, dct: str | None, *, tense: str | None = None,
              anchor: str | None = None) -> TimexValue | None:
    """The TIMEX3 ``(type, value, mod)`` of a whole temporal expression ``text``.

    ``dct`` is the document creation time ("YYYY-MM-DD") or None; ``tense`` the tense of
    the clause it modifies ("PAST", "PRESENT", "FUTURE" or None); ``anchor`` the date the
    text last mentioned ("YYYY-MM-DD"), for "the following day". Returns None when ``text``
    is not a temporal expression of the grammar; the value is None when it needs a DCT that
    is missing. Never raises on odd input.

    >>> normalize("last year", "2021-08-14")
    ('DATE', '2020', None)
    >>> normalize("the end of the year", "2021-08-14")
    ('DATE', '2021', 'END')
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    normalizer = default_normalizer()
    match = normalizer.grammar.fullmatch(text)
    if match is None:
        return None
    tense = tense.upper() if isinstance(tense, str) else None
    ref = Reference(parse_date(dct), parse_date(anchor), tense)
    return normalizer.resolve(match, ref)
