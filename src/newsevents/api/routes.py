"""The JSON API. Handlers check parameters, call one query function, return its dict.

Listings (articles, events, actors, quotes) answer ``{"items", "next_cursor", "limit"}``;
pass ``next_cursor`` back as ``cursor`` for the next page (null: no more). Handlers are
plain ``def`` so FastAPI runs them in its thread pool, each with its own store cursor.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

import pyarrow as pa
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from . import queries
from .errors import ApiError, bad_parameter
from .filters import (
    ID_PATTERN,
    SORT_OPTIONS,
    EventFilter,
    event_filter,
    page_limit,
    parse_date,
    text_param,
)
from .ingest import ArticleIn, check_token, ingest
from .state import AppState, state_of

__all__ = ["ingest_router", "router"]

router = APIRouter(prefix="/api", tags=["api"])
ingest_router = APIRouter(prefix="/api", tags=["ingest"])

State = Annotated[AppState, Depends(state_of)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int | None, Query(ge=1, description="Rows per page (default and maximum "
                                                         "in [api] of the config).")]
CursorParam = Annotated[str | None, Query(description="next_cursor of the previous page.")]
Sort = Annotated[Literal[SORT_OPTIONS], Query(description="Sort key; '-' = descending. "
                                                          "Ties are broken by id.")]
# -- articles -------------------------------------------------------------------------------


@router.get("/articles", summary="List or search articles")
def list_articles(
    state: State,
    q: Annotated[str | None, Query(description="Text the title or body contains.")] = None,
    outlet: Annotated[str | None, Query(description="Outlet name (case-insensitive).")] = None,
    start: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
    limit: Limit = None,
    cursor: CursorParam = None,
) -> dict[str, Any]:
    """Articles, newest first, each with its number of events and quotes."""
    with state.db.cursor() as cur:
        return queries.list_articles(
            cur, q=text_param("q", q), outlet=text_param("outlet", outlet),
            start=parse_date("start", start), end=parse_date("end", end),
            limit=page_limit(state.settings, limit), cursor=cursor,
        )


@router.get("/articles/{article_id:path}", summary="One article with all its annotations")
def get_article(
    state: State, article_id: Annotated[str, Path(pattern=ID_PATTERN)]
) -> dict[str, Any]:
    """The article, its timexes, actor mentions, quotes and events (character offsets
    index into ``article.text``). 404 when there is no such article."""
    with state.db.cursor() as cur:
        return queries.article_detail(cur, article_id)


# -- events ---------------------------------------------------------------------------------


@router.get("/events", summary="Filter, sort and page through events")
def list_events(
    state: State, flt: Filter, sort: Sort = "-date", limit: Limit = None,
    cursor: CursorParam = None,
) -> dict[str, Any]:
    """Events matching every given filter, in a stable order, one page at a time.
    ``total`` counts all matching events."""
    with state.db.cursor() as cur:
        return queries.list_events(cur, flt, sort=sort, limit=page_limit(state.settings, limit),
                                   cursor=cursor)


@router.get("/aggregates", summary="Events over time by type, quad class or dyad")
def aggregates(
    state: State,
    flt: Filter,
    interval: Annotated[Literal[queries.INTERVALS], Query(description="Bucket size.")] = "month",
    by: Annotated[Literal[queries.BY], Query(description="What splits the series.")] = "type",
    top: Annotated[int | None, Query(ge=1, description="Dyads returned (and dyad series).")
                   ] = None,
) -> dict[str, Any]:
    """Counts per bucket (gapless from the first to the last dated event) for each series,
    plus the top dyads (actor → recipient pairs) of the filtered events."""
    top = top or state.settings["top_dyads"]
    if top > state.settings["max_top"]:
        raise bad_parameter("top", f"[E703] 'top' must be 1..{state.settings['max_top']}, "
                                   f"got {top}")
    with state.db.cursor() as cur:
        return queries.aggregates(cur, flt, interval=interval, by=by, top=top,
                                  max_buckets=state.settings["max_buckets"])


# -- export ---------------------------------------------------------------------------------

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}


class _Chunks:
    """A write-only file that keeps what is written until taken (for streaming Parquet)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _encode(batches: Iterator[pa.RecordBatch], fmt: str) -> Iterator[bytes]:
    if fmt == "jsonl":
        for batch in batches:
            yield "".join(
                json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False)
                + "\n" for row in batch.to_pylist()
            ).encode()
    elif fmt == "csv":
        header = True
        for batch in batches:
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            if header:
                writer.writerow(batch.schema.names)
                header = False
            for row in batch.to_pylist():
                writer.writerow(["" if v is None else _jsonable(v) for v in row.values()])
            yield text.getvalue().encode()
    else:
        import pyarrow.parquet as pq

        sink = _Chunks()
        writer = None
        for batch in batches:
            if writer is None:
                writer = pq.ParquetWriter(sink, batch.schema)
            writer.write_batch(batch)
            yield sink.take()
        if writer is not None:
            writer.close()
        yield sink.take()


def _batches(state: AppState, flt: EventFilter, sort: str) -> Iterator[pa.RecordBatch]:
    with state.db.cursor() as cur:
        yield from queries.event_batches(cur, flt, sort=sort,
                                         batch_rows=state.settings["export_batch_rows"])


@router.get("/export", summary="Download the filtered events as CSV, JSON Lines or Parquet")
def export(
    state: State,
    flt: Filter,
    format: Annotated[Literal[tuple(EXPORT_TYPES)], Query(  # noqa: A002
        description="csv, jsonl or parquet")] = "csv",
    sort: Sort = "-date",
) -> StreamingResponse:
    """Every event matching the filters (no paging), one flat row each: the columns of the
    events table plus the article's title, outlet, url and publication date. Streamed."""
    return StreamingResponse(
        _encode(_batches(state, flt, sort), format),
        media_type=EXPORT_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="events.{format}"'},
    )


# -- actors ---------------------------------------------------------------------------------

_CODE = r"^[A-Za-z]{3}$"


@router.get("/actors", summary="Search the actors seen in the store")
def list_actors(
    state: State,
    q: Annotated[str | None, Query(description="Text the name contains, or an exact id.")
                 ] = None,
    country: Annotated[str | None, Query(pattern=_CODE, description="ISO alpha-3.")] = None,
    sector: Annotated[str | None, Query(pattern=_CODE, description="Sector code.")] = None,
    limit: Limit = None,
    cursor: CursorParam = None,
) -> dict[str, Any]:
    """Knowledge-base actors the store has seen, most events first."""
    with state.db.cursor() as cur:
        return queries.list_actors(
            cur, q=text_param("q", q), country=country.upper() if country else None,
            sector=sector.upper() if sector else None, limit=page_limit(state.settings, limit),
            cursor=cursor,
        )


@router.get("/actors/{actor_id:path}", summary="One actor: roles, event counts, counterparts")
def get_actor(state: State, actor_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> dict[str, Any]:
    """The actor, its dated roles (from the knowledge base, when available), its events by
    role, quad class and type, and the counterparts it has most events with."""
    with state.db.cursor() as cur:
        return queries.actor_detail(cur, actor_id, top=state.settings["counterparts"],
                                    kb_extra=tuple(state.config["actors"]["extra"]))


# -- quotes ---------------------------------------------------------------------------------


@router.get("/quotes", summary="Quotes, by speaker")
def list_quotes(
    state: State,
    speaker: Annotated[str | None, Query(
        description="Speaker actor id, or text the speaker's name contains.")] = None,
    article: Annotated[str | None, Query(description="Only this article's quotes.")] = None,
    kind: Annotated[Literal[queries.QUOTE_KINDS] | None, Query()] = None,
    q: Annotated[str | None, Query(description="Text the quote contains.")] = None,
    limit: Limit = None,
    cursor: CursorParam = None,
) -> dict[str, Any]:
    """Quotes with their speakers and articles, newest article first."""
    with state.db.cursor() as cur:
        return queries.list_quotes(
            cur, speaker=text_param("speaker", speaker), article=text_param("article", article),
            kind=kind, q=text_param("q", q), limit=page_limit(state.settings, limit), cursor=cursor,
        )


# -- ingest (only with --allow-ingest) ------------------------------------------------------


@ingest_router.post(
    "/articles",
    status_code=201,
    summary="Process an article (or a URL) into the store",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ArticleIn.model_json_schema()}},
        },
        "security": [{"bearer": []}],
    },
)
async def post_article(request: Request) -> JSONResponse:
    """Needs ``Authorization: Bearer <token>``. Body: ``{"text", "title", "url",
    "published", "outlet", "section", "id"}`` or only ``{"url"}`` (fetched; http(s) and
    public addresses only unless the server allows private URLs). 201 stored, 200 already
    stored, 409 duplicate, 401/403 token, 413 too large, 422 not an article."""
    state = state_of(request)
    check_token(request.headers.get("authorization"), state.token or "")
    cap = state.settings["max_body_bytes"]
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise ApiError(413, "too_large", f"[E725] The body has {declared} bytes; at most "
                       f"{cap} are accepted ([api] max_body_bytes)", parameter="body")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > cap:
            raise ApiError(413, "too_large", f"[E725] The body is over {cap} bytes "
                           "([api] max_body_bytes)", parameter="body")
    try:
        article = ArticleIn.model_validate_json(bytes(body))
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "body"
        raise ApiError(422, "bad_parameter", f"[E703] {field!r}: {first['msg']}",
                       parameter=field) from e
    status, answer = await run_in_threadpool(
        ingest, state.db, article, config=state.config,
        allow_private=state.allow_private_urls,
    )
    return JSONResponse(answer, status_code=status)
