"""Query parameters of the event list, parsed and checked into an :class:`EventFilter`.

The same filter serves ``/api/events``, ``/api/aggregates``, ``/api/export`` and the
``/events`` page, so a bookmarked page URL and an API URL with the same parameters select
the same events. Every value is checked here; a bad one is a 422 naming the parameter and
what is allowed. Empty values (``type=`` from an untouched form field) mean "no filter".

Filters turn into a WHERE clause with ``?`` placeholders (:meth:`EventFilter.where`): user
input only ever travels as a bound parameter, never as SQL text.
"""
from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, get_args

from fastapi import Query

from ..records import Modality
from .errors import bad_parameter

__all__ = ["Cursor", "EventFilter", "ID_PATTERN", "SORTS", "decode_cursor", "event_filter",
           "page_limit", "parse_date", "text_param"]

MODALITIES: tuple[str, ...] = get_args(Modality)
QUAD_CLASSES = (1, 2, 3, 4)
QUAD_LABELS = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}
_CODE3 = re.compile(r"[A-Z]{3}")
_TYPE = re.compile(r"[A-Z][A-Z_]{1,39}")
_CAMEO = re.compile(r"\d{2,4}")
#: Longest free-text value accepted (q, actor ids, outlet names).
MAX_TEXT = 200

#: The day an event counts on: its coded date's first day, else its article's publication
#: date (an event with no resolvable date happened, at the latest, when it was reported).
EVENT_DAY = "COALESCE(e.date_start, a.published)"
EVENT_DAY_END = "COALESCE(e.date_end, a.published)"

#: Sort name -> (SQL key, kind). Keys are COALESCEd to a sentinel so that keyset paging
#: never meets a NULL; ties are broken by the event id, which makes the order total.
SORTS: dict[str, tuple[str, str]] = {
    "date": (f"COALESCE({EVENT_DAY}, DATE '0001-01-01')", "date"),
    "confidence": ("COALESCE(e.confidence, -1.0)", "float"),
    "intensity": ("COALESCE(e.intensity, -1000.0)", "float"),
}
SORT_OPTIONS = tuple(s for name in SORTS for s in (f"-{name}", name))


def _values(raw: list[str] | None) -> list[str]:
    """Repeated and comma-separated values, stripped, empties dropped."""
    out: list[str] = []
    for item in raw or []:
        out.extend(v.strip() for v in item.split(",") if v.strip())
    return out


def parse_date(parameter: str, value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as e:
        raise bad_parameter(
            parameter, f"[E703] {parameter!r} must be a date YYYY-MM-DD, got {value!r}"
        ) from e


def _codes(parameter: str, raw: list[str] | None, pattern: re.Pattern[str], what: str
           ) -> tuple[str, ...]:
    out = []
    for value in _values(raw):
        code = value.upper()
        if not pattern.fullmatch(code):
            raise bad_parameter(parameter, f"[E703] {parameter!r} must be {what}, got {value!r}")
        out.append(code)
    return tuple(out)


def _texts(parameter: str, raw: list[str] | None) -> tuple[str, ...]:
    return tuple(t for v in _values(raw) if (t := text_param(parameter, v)))


def parse_bool(parameter: str, value: str | None) -> bool | None:
    if value is None or not value.strip():
        return None
    low = value.strip().lower()
    if low in ("true", "1", "yes"):
        return True
    if low in ("false", "0", "no"):
        return False
    raise bad_parameter(parameter, f"[E703] {parameter!r} must be true or false, got {value!r}")


def parse_sort(value: str | None) -> str:
    if value is None or not value.strip():
        return "-date"
    if value.strip() not in SORT_OPTIONS:
        raise bad_parameter(
            "sort", f"[E703] 'sort' must be one of {', '.join(SORT_OPTIONS)}, got {value!r}"
        )
    return value.strip()


@dataclass(frozen=True)
class EventFilter:
    """Which events to select. Empty tuples and None mean "no condition"; several values
    of one parameter are alternatives (OR), different parameters all apply (AND)."""

    start: date | None = None
    end: date | None = None
    types: tuple[str, ...] = ()
    cameo: tuple[str, ...] = ()
    quad_class: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()  # actor or recipient
    actor_countries: tuple[str, ...] = ()
    recipient_countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()  # actor or recipient
    actors: tuple[str, ...] = ()  # actor or recipient KB id
    modality: tuple[str, ...] = ()
    negated: bool | None = None
    outlets: tuple[str, ...] = ()
    article: str | None = None
    q: str | None = None

    @property
    def reads_article(self) -> bool:
        """Whether a condition reads the article's columns (then ``where`` needs the join
        with ``articles a``)."""
        return bool(self.start or self.end or self.outlets or self.q)

    def where(self) -> tuple[str, list[Any]]:
        """``(sql, params)``: a condition over ``events e LEFT JOIN articles a`` ("TRUE"
        when nothing is filtered)."""
        parts: list[str] = []
        params: list[Any] = []

        def any_of(column: str, values: tuple) -> None:
            if values:
                parts.append(f"{column} IN ({', '.join('?' * len(values))})")
                params.extend(values)

        # Date ranges overlap: an event coded "2021-07" is in a filter for 2021-07-10..20.
        if self.start:
            parts.append(f"{EVENT_DAY_END} >= ?")
            params.append(self.start)
        if self.end:
            parts.append(f"{EVENT_DAY} <= ?")
            params.append(self.end)
        any_of("e.type", self.types)
        if self.cameo:
            # CAMEO codes are hierarchical: "19" selects 190, 193, 1951...
            parts.append("(" + " OR ".join("starts_with(e.cameo, ?)" for _ in self.cameo) + ")")
            params.extend(self.cameo)
        any_of("e.quad_class", self.quad_class)
        if self.countries:
            marks = ", ".join("?" * len(self.countries))
            parts.append(f"(e.actor_country IN ({marks}) OR e.recipient_country IN ({marks}))")
            params.extend(self.countries * 2)
        any_of("e.actor_country", self.actor_countries)
        any_of("e.recipient_country", self.recipient_countries)
        if self.sectors:
            marks = ", ".join("?" * len(self.sectors))
            parts.append(f"(e.actor_sector IN ({marks}) OR e.recipient_sector IN ({marks}))")
            params.extend(self.sectors * 2)
        if self.actors:
            marks = ", ".join("?" * len(self.actors))
            parts.append(f"(e.actor_id IN ({marks}) OR e.recipient_id IN ({marks}))")
            params.extend(self.actors * 2)
        any_of("e.modality", self.modality)
        if self.negated is not None:
            parts.append("COALESCE(e.negated, FALSE) = ?")
            params.append(self.negated)
        if self.outlets:
            parts.append(
                "lower(a.outlet) IN (" + ", ".join("lower(?)" for _ in self.outlets) + ")"
            )
            params.extend(self.outlets)
        if self.article:
            parts.append("e.article_id = ?")
            params.append(self.article)
        if self.q:
            # contains() takes no wildcards, so % and _ in the query are plain characters.
            columns = ("e.sentence_text", "e.actor_name", "e.recipient_name", "e.trigger_text",
                       "a.title")
            parts.append(
                "(" + " OR ".join(f"contains(lower({c}), lower(?))" for c in columns) + ")"
            )
            params.extend([self.q] * len(columns))
        return (" AND ".join(parts) or "TRUE"), params

    def query_items(self) -> list[tuple[str, str]]:
        """The filter as URL query pairs (for links that keep the current filter)."""
        items: list[tuple[str, str]] = []
        if self.start:
            items.append(("start", self.start.isoformat()))
        if self.end:
            items.append(("end", self.end.isoformat()))
        for name, values in (
            ("type", self.types), ("cameo", self.cameo), ("quad_class", self.quad_class),
            ("country", self.countries), ("actor_country", self.actor_countries),
            ("recipient_country", self.recipient_countries), ("sector", self.sectors),
            ("actor", self.actors), ("modality", self.modality), ("outlet", self.outlets),
        ):
            items.extend((name, str(v)) for v in values)
        if self.negated is not None:
            items.append(("negated", "true" if self.negated else "false"))
        if self.article:
            items.append(("article", self.article))
        if self.q:
            items.append(("q", self.q))
        return items


_DOC = {
    "start": "Events on or after this day (YYYY-MM-DD). An event's day is its coded date "
             "range (overlapping the filter), else its article's publication date.",
    "end": "Events on or before this day (YYYY-MM-DD).",
    "type": "PLOVER event type(s), e.g. PROTEST; repeat or comma-separate for several.",
    "cameo": "CAMEO code prefix(es): 19 selects 190, 193, 1951...",
    "quad_class": "Quad class 1-4: verbal/material cooperation, verbal/material conflict.",
    "country": "ISO 3166 alpha-3 country of the actor or the recipient, e.g. IRQ.",
    "actor_country": "ISO alpha-3 country of the actor (source).",
    "recipient_country": "ISO alpha-3 country of the recipient (target).",
    "sector": "Sector code of the actor or recipient: GOV MIL LEG JUD REB OPP ...",
    "actor": "Knowledge-base actor id, as actor or recipient.",
    "modality": f"One of {', '.join(MODALITIES)}.",
    "negated": "true: only negated events; false: only events not negated.",
    "outlet": "Outlet name (case-insensitive, exact).",
    "article": "Only the events of this article id.",
    "q": "Text that the sentence, trigger, actor, recipient or title contains "
         "(case-insensitive; no wildcards).",
}

def event_filter(
    start: Annotated[str | None, Query(description=_DOC["start"])] = None,
    end: Annotated[str | None, Query(description=_DOC["end"])] = None,
    type: Annotated[list[str] | None, Query(description=_DOC["type"])] = None,  # noqa: A002
    cameo: Annotated[list[str] | None, Query(description=_DOC["cameo"])] = None,
    quad_class: Annotated[list[str] | None, Query(description=_DOC["quad_class"])] = None,
    country: Annotated[list[str] | None, Query(description=_DOC["country"])] = None,
    actor_country: Annotated[list[str] | None, Query(description=_DOC["actor_country"])] = None,
    recipient_country: Annotated[
        list[str] | None, Query(description=_DOC["recipient_country"])] = None,
    sector: Annotated[list[str] | None, Query(description=_DOC["sector"])] = None,
    actor: Annotated[list[str] | None, Query(description=_DOC["actor"])] = None,
    modality: Annotated[list[str] | None, Query(description=_DOC["modality"])] = None,
    negated: Annotated[str | None, Query(description=_DOC["negated"])] = None,
    outlet: Annotated[list[str] | None, Query(description=_DOC["outlet"])] = None,
    article: Annotated[str | None, Query(description=_DOC["article"])] = None,
    q: Annotated[str | None, Query(description=_DOC["q"])] = None,
) -> EventFilter:
    """FastAPI dependency: the event filter of the request (422 naming a bad parameter).

    Parameters are plain strings checked here: a typed ``Query(date)`` would turn an
    untouched form field (``start=``) into a 422, and its message would not name the
    allowed values the way ours do."""
    first, last = parse_date("start", start), parse_date("end", end)
    if first and last and first > last:
        raise bad_parameter("end", f"[E703] 'end' ({last}) is before 'start' ({first})")
    modalities = tuple(v.lower() for v in _values(modality))
    for value in modalities:
        if value not in MODALITIES:
            raise bad_parameter(
                "modality",
                f"[E703] 'modality' must be one of {', '.join(MODALITIES)}, got {value!r}",
            )
    quads = []
    for value in _values(quad_class):
        if value not in {str(q) for q in QUAD_CLASSES}:
            raise bad_parameter(
                "quad_class", f"[E703] 'quad_class' must be 1, 2, 3 or 4, got {value!r}"
            )
        quads.append(int(value))
    return EventFilter(
        start=first,
        end=last,
        types=_codes("type", type, _TYPE, "a PLOVER type such as PROTEST or ACCUSE"),
        cameo=_codes("cameo", cameo, _CAMEO, "a CAMEO code of 2 to 4 digits such as 19 or 190"),
        quad_class=tuple(quads),
        countries=_codes("country", country, _CODE3, "an ISO 3166 alpha-3 code such as IRQ"),
        actor_countries=_codes("actor_country", actor_country, _CODE3,
                               "an ISO 3166 alpha-3 code such as IRQ"),
        recipient_countries=_codes("recipient_country", recipient_country, _CODE3,
                                   "an ISO 3166 alpha-3 code such as IRQ"),
        sectors=_codes("sector", sector, _CODE3, "a three-letter sector code such as GOV"),
        actors=_texts("actor", actor),
        modality=modalities,
        negated=parse_bool("negated", negated),
        outlets=_texts("outlet", outlet),
        article=text_param("article", article),
        q=text_param("q", q),
    )


# -- cursors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort it belongs to, the last row's sort key and id(s)."""

    sort: str
    key: Any
    ids: tuple[Any, ...] = field(default_factory=tuple)

    def encode(self) -> str:
        key = self.key.isoformat() if isinstance(self.key, date) else self.key
        raw = json.dumps([self.sort, key, list(self.ids)], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(value: str | None, sort: str, key_kind: str) -> Cursor | None:
    """The cursor of ``value`` for a listing sorted by ``sort``; 422 when it is not one
    this API wrote for that sort (tampered with, truncated, or from another sort)."""
    if value is None or not value.strip():
        return None
    problem = f"[E705] 'cursor' {value[:40]!r} is not a cursor of this listing; pass back " \
              "the next_cursor of the previous page unchanged, with the same sort"
    try:
        raw = base64.urlsafe_b64decode(value.strip() + "=" * (-len(value.strip()) % 4))
        name, key, ids = json.loads(raw)
        if name != sort or not isinstance(ids, list):
            raise ValueError(name)
        if key_kind == "date":
            key = date.fromisoformat(key)
        elif key_kind == "float":
            key = float(key)
        elif key_kind == "int":
            key = int(key)
        elif key_kind == "str" and not isinstance(key, str):
            raise ValueError(key)
        if not all(isinstance(i, str | int) for i in ids):
            raise ValueError(ids)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as e:
        raise bad_parameter("cursor", problem) from e
    return Cursor(sort=name, key=key, ids=tuple(ids))


#: What a path id may be: 1 to 200 characters, no control characters.
ID_PATTERN = r"^[^\x00-\x1f]{1,200}$"


def text_param(parameter: str, value: str | None, maximum: int = MAX_TEXT) -> str | None:
    """A free-text parameter, stripped; None when empty; 422 when over ``maximum``."""
    if value is None or not value.strip():
        return None
    if len(value) > maximum:
        raise bad_parameter(parameter, f"[E703] {parameter!r} is {len(value)} characters "
                                       f"long; at most {maximum} are accepted")
    return value.strip()


def page_limit(settings: dict[str, Any], limit: int | None) -> int:
    """The page size of a listing: ``limit``, else [api] default_limit; at most
    [api] max_limit (422 beyond)."""
    return parse_limit(limit, default=settings["default_limit"], maximum=settings["max_limit"])


def parse_limit(value: str | int | None, *, default: int, maximum: int) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    try:
        limit = int(value)
    except ValueError as e:
        raise bad_parameter(
            "limit", f"[E703] 'limit' must be a whole number 1..{maximum}, got {value!r}"
        ) from e
    if not 1 <= limit <= maximum:
        raise bad_parameter("limit", f"[E703] 'limit' must be 1..{maximum}, got {limit}")
    return limit
