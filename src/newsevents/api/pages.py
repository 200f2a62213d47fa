"""The HTML pages: Jinja templates over the same query functions as the JSON API.

Filters live in the URL (plain GET forms), so every view can be bookmarked and shared.
Charts are drawn in the browser by our own small SVG code (``static/charts.js``) from the
JSON API; the pages work without JavaScript apart from the charts and the record panel.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from . import queries
from .annotate import annotations_of, highlight
from .errors import bad_parameter
from .filters import (
    ID_PATTERN,
    QUAD_LABELS,
    SORT_OPTIONS,
    EventFilter,
    event_filter,
    page_limit,
    parse_date,
    text_param,
)
from .state import AppState, state_of

__all__ = ["FILTERS", "router"]

router = APIRouter(include_in_schema=False)
State = Annotated[AppState, Depends(state_of)]
Filter = Annotated[EventFilter, Depends(event_filter)]


def _safe_url(value: str | None) -> str | None:
    """``value`` when it is an http(s) URL, else None: a stored URL never becomes a
    ``javascript:`` link."""
    if not value:
        return None
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:
        return None
    return value if scheme in ("http", "https") else None


def _query(pairs: list[tuple[str, Any]] | dict[str, Any], **changes: Any) -> str:
    items = list(pairs.items()) if isinstance(pairs, dict) else list(pairs)
    items = [(k, v) for k, v in items if k not in changes]
    items += [(k, v) for k, v in changes.items() if v is not None]
    return urlencode([(k, str(v)) for k, v in items if v not in (None, "")])


_QUOTE_MARKS = "\"'“”‘’«»„"


def _quoted(text: str | None) -> str:
    """``text`` in curly quotes, unless it already starts with a quotation mark (a
    direct quote's text includes its own marks)."""
    text = (text or "").strip()
    return text if text[:1] in _QUOTE_MARKS else f"“{text}”"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


FILTERS = {
    "quoted": _quoted,
    "plural": _plural,
    "quad_label": lambda q: QUAD_LABELS.get(q, "—") if q else "—",
    "safe_url": _safe_url,
    "qs": _query,
}


def _interval(first: date | None, last: date | None) -> str:
    """A bucket size that gives a readable number of bars for the span of the data."""
    if not first or not last:
        return "month"
    days = (last - first).days
    return "day" if days <= 60 else "week" if days <= 730 else "month"


def _chart(cur: Any, flt: EventFilter, by: str, share: float, **extra: Any) -> dict[str, Any]:
    """The /api/aggregates query of a page's chart: the filter, and a window holding all
    but ``share`` of the events ([api] chart_outliers), with an interval to suit it."""
    first, last = queries.day_range(cur, flt, share=share)
    pairs = [*flt.query_items(), ("by", by), ("interval", _interval(first, last))]
    if first and last:
        pairs += [("start", first.isoformat()), ("end", last.isoformat())]
    pairs += list(extra.items())
    window = [(k, v) for k, v in pairs if k in ("start", "end")]
    return {"query": _query(pairs), "interval": _interval(first, last),
            "first": first, "last": last, "window": window}


def _slice(text: str, span: dict[str, Any]) -> str | None:
    """The article's own words at a span (a speaker's ``text`` is the resolved name)."""
    if isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
        return text[span["start"]:span["end"]]
    return None


def _render(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse:
    return state_of(request).templates.TemplateResponse(request, template, context)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, state: State) -> HTMLResponse:
    with state.db.cursor() as cur:
        info = queries.overview(cur)
        articles = queries.list_articles(cur, q=None, outlet=None, start=None, end=None,
                                         limit=8, cursor=None)["items"]
        actors = queries.list_actors(cur, q=None, country=None, sector=None, limit=10,
                                     cursor=None)["items"]
        timeline = _chart(cur, EventFilter(), "quad_class", state.settings["chart_outliers"])
    return _render(request, "overview.html", {
        "info": info, "articles": articles, "actors": actors, "timeline": timeline,
        "network_dyads": state.settings["network_dyads"],
    })


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    state: State,
    flt: Filter,
    sort: Annotated[Literal[SORT_OPTIONS], Query()] = "-date",
    cursor: str | None = None,
    limit: Annotated[int | None, Query(ge=1)] = None,
) -> HTMLResponse:
    limit = page_limit(state.settings, limit)
    with state.db.cursor() as cur:
        page = queries.list_events(cur, flt, sort=sort, limit=limit, cursor=cursor)
        choices = queries.choices(cur)
    pairs = flt.query_items()
    return _render(request, "events.html", {
        "flt": flt, "page": page, "choices": choices, "sort": sort, "sorts": SORT_OPTIONS,
        "pairs": pairs, "filtered": bool(pairs), "cursor": cursor,
        "modalities": ("asserted", "intended", "demanded", "hypothetical", "denied",
                       "reported_claim"),
        "quad_labels": QUAD_LABELS,
    })


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    state: State,
    q: str | None = None,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
    cursor: str | None = None,
) -> HTMLResponse:
    q, outlet = text_param("q", q), text_param("outlet", outlet)
    first, last = parse_date("start", start), parse_date("end", end)
    with state.db.cursor() as cur:
        page = queries.list_articles(cur, q=q, outlet=outlet, start=first, end=last,
                                     limit=state.settings["default_limit"], cursor=cursor)
    pairs = [(k, v) for k, v in (("q", q), ("outlet", outlet), ("start", start),
                                 ("end", end)) if v]
    return _render(request, "articles.html", {"page": page, "q": q, "outlet": outlet,
                                              "start": start, "end": end, "pairs": pairs})


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, state: State,
            article_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> HTMLResponse:
    with state.db.cursor() as cur:
        detail = queries.article_detail(cur, article_id)
    anns = annotations_of(detail)
    text = detail["article"]["text"] or ""
    records: dict[str, Any] = {}
    for i, q in enumerate(detail["quotes"]):
        records[f"q{i}"] = {**q, "record": "quote"}
        if q["cue"]:
            records[f"c{i}"] = {**q["cue"], "record": "cue", "quote": f"q{i}"}
        if q["speaker"]:
            records[f"s{i}"] = {**q["speaker"], "record": "speaker", "quote": f"q{i}",
                                "in_text": _slice(text, q["speaker"])}
    for i, m in enumerate(detail["mentions"]):
        records[f"m{i}"] = {**m, "record": "mention"}
    for i, t in enumerate(detail["timexes"]):
        records[f"t{i}"] = {**t, "record": "timex"}
    for i, e in enumerate(detail["events"]):
        records[f"e{i}"] = {**e, "record": "event"}
    counts = {kind: sum(1 for a in anns if a.kind == kind)
              for kind in ("mention", "timex", "quote", "speaker", "trigger")}
    return _render(request, "article.html", {
        "detail": detail, "a": detail["article"], "body": highlight(detail["article"]["text"]
                                                                     or "", anns),
        "records": records, "counts": counts,
    })


@router.get("/actors", response_class=HTMLResponse)
def actors(
    request: Request,
    state: State,
    q: str | None = None,
    country: str | None = None,
    cursor: str | None = None,
) -> HTMLResponse:
    q = text_param("q", q)
    code = (country or "").strip().upper() or None
    if code and not (len(code) == 3 and code.isalpha()):
        raise bad_parameter("country", f"[E703] 'country' must be an ISO alpha-3 code, "
                                       f"got {country!r}")
    with state.db.cursor() as cur:
        page = queries.list_actors(cur, q=q, country=code, sector=None,
                                   limit=state.settings["default_limit"], cursor=cursor)
    pairs = [(k, v) for k, v in (("q", q), ("country", code)) if v]
    return _render(request, "actors.html", {"page": page, "q": q, "country": code,
                                            "pairs": pairs})


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor(request: Request, state: State,
          actor_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> HTMLResponse:
    flt = EventFilter(actors=(actor_id,))
    with state.db.cursor() as cur:
        detail = queries.actor_detail(cur, actor_id, top=state.settings["counterparts"],
                                    kb_extra=tuple(state.config["actors"]["extra"]))
        recent = queries.list_events(cur, flt, sort="-date", limit=20, cursor=None)
        timeline = _chart(cur, flt, "quad_class", state.settings["chart_outliers"])
    return _render(request, "actor.html", {
        "detail": detail, "actor": detail["actor"], "recent": recent, "timeline": timeline,
    })
