"""Read queries over the store (schema v1), shared by the JSON routes and the pages.

Every function takes a DuckDB cursor and already-checked values and returns JSON-ready
dicts. User input reaches SQL only as ``?`` parameters; the only SQL text built from a
request comes from fixed whitelists (sort keys, date_trunc units), never from its strings.
Listings page with keyset cursors: ``ORDER BY key, id`` is a total order, and the next
page starts strictly after the last row's (key, id), so rows are neither skipped nor
repeated while the store grows.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from .errors import bad_parameter, not_found
from .filters import EVENT_DAY, QUAD_LABELS, SORTS, Cursor, EventFilter, decode_cursor

__all__ = [
    "aggregates",
    "actor_detail",
    "article_detail",
    "event_batches",
    "list_actors",
    "list_articles",
    "list_events",
    "list_quotes",
    "overview",
]

EVENTS_FROM = "events e LEFT JOIN articles a ON a.id = e.article_id"

_EVENT_COLUMNS = (
    "e.id, e.article_id, e.idx, e.type, e.mode, e.cameo, e.quad_class, e.intensity, "
    "e.actor_id, e.actor_name, e.actor_country, e.actor_sector, "
    "e.recipient_id, e.recipient_name, e.recipient_country, e.recipient_sector, "
    "e.date, e.date_start, e.date_end, e.date_text, e.location_text, e.location_country, "
    "e.lat, e.lon, e.negated, e.modality, e.attributed_to, "
    "e.sentence_start, e.sentence_end, e.sentence_text, "
    "e.trigger_start, e.trigger_end, e.trigger_text, e.confidence, e.story_id"
)
_ARTICLE_OF_EVENT = "a.title AS article_title, a.outlet, a.url, a.published"
#: Flat columns of an exported event (the events table plus where it was reported).
EXPORT_COLUMNS = f"{_EVENT_COLUMNS}, {_ARTICLE_OF_EVENT}"


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def actor_ref(id_: str | None, name: str | None, country: str | None, sector: str | None
              ) -> dict[str, Any] | None:
    """An actor as the output contract writes it (None when there is no actor)."""
    if id_ is None and name is None:
        return None
    return {"id": id_, "name": name, "country": country, "sector": sector,
            "code": f"{country or '---'}{sector or ''}"}


def _span(start: Any, end: Any, text: Any) -> dict[str, Any] | None:
    if start is None and text is None:
        return None
    return {"start": start, "end": end, "text": text}


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """An events row (plus its article's columns when selected) as a nested record."""
    location = None
    if row["location_text"] or row["location_country"]:
        location = {"text": row["location_text"], "country": row["location_country"],
                    "lat": row["lat"], "lon": row["lon"]}
    record = {
        "id": row["id"],
        "article_id": row["article_id"],
        "type": row["type"],
        "mode": row["mode"],
        "cameo": row["cameo"],
        "quad_class": row["quad_class"],
        "intensity": row["intensity"],
        "actor": actor_ref(row["actor_id"], row["actor_name"], row["actor_country"],
                           row["actor_sector"]),
        "recipient": actor_ref(row["recipient_id"], row["recipient_name"],
                               row["recipient_country"], row["recipient_sector"]),
        "date": row["date"],
        "date_start": _iso(row["date_start"]),
        "date_end": _iso(row["date_end"]),
        "date_text": row["date_text"],
        "location": location,
        "negated": bool(row["negated"]),
        "modality": row["modality"],
        "attributed_to": row["attributed_to"],
        "sentence": _span(row["sentence_start"], row["sentence_end"], row["sentence_text"]),
        "trigger": _span(row["trigger_start"], row["trigger_end"], row["trigger_text"]),
        "confidence": row["confidence"],
        "story_id": row["story_id"],
    }
    if "outlet" in row:
        record["article"] = {"id": row["article_id"], "title": row["article_title"],
                             "outlet": row["outlet"], "url": row["url"],
                             "published": _iso(row["published"])}
    return record


@dataclass(frozen=True)
class _Keyset:
    """How a listing pages: by ``key`` (SQL), ties broken by the ``ties`` columns (SQL,
    also selected under the names in ``names``). Cursors carry the last row's key and tie
    values, so a page never skips or repeats a row when rows are added meanwhile."""

    sort: str  # the sort name written into cursors ("-published", "date" ...)
    kind: str  # how the key is decoded from a cursor: "date", "int", "float", "str"
    key: str
    ties: tuple[str, ...]
    names: tuple[str, ...]
    descending: bool = True
    ties_descending: bool = False

    def after(self, cursor: str | None) -> tuple[str, list[Any]]:
        """The WHERE condition (with its params) for the rows after ``cursor``."""
        last = decode_cursor(cursor, self.sort, self.kind)
        if last is None:
            return "TRUE", []
        if len(last.ids) != len(self.ties):
            decode_cursor("!", self.sort, self.kind)  # raises the 422 for a bad cursor
        op = "<" if self.descending else ">"
        tie_op = "<" if self.ties_descending else ">"
        ties, marks = ", ".join(self.ties), ", ".join("?" * len(self.ties))
        condition = f"({self.key} {op} ? OR ({self.key} = ? AND ({ties}) {tie_op} ({marks})))"
        return condition, [last.key, last.key, *last.ids]

    def order(self) -> str:
        direction = "DESC" if self.descending else "ASC"
        tie_direction = "DESC" if self.ties_descending else "ASC"
        return ", ".join([f"{self.key} {direction}", *(f"{t} {tie_direction}" for t in self.ties)])


def _conditions(*filters: tuple[Any, str]) -> tuple[str, list[Any]]:
    """(WHERE clause, params) from (value, condition) pairs; a pair whose value is empty
    is left out, and each "?" of a condition takes the value."""
    parts, params = ["TRUE"], []
    for value, condition in filters:
        if value:
            parts.append(condition)
            params += [value] * condition.count("?")
    return " AND ".join(parts), params


def _page(cur: duckdb.DuckDBPyConnection, keyset: _Keyset, *, select: str, source: str,
          where: str, params: list[Any], cursor: str | None, limit: int
          ) -> tuple[list[dict[str, Any]], str | None]:
    """One page of ``SELECT {select} FROM {source} WHERE {where}`` in the keyset's order:
    (rows, each with its ``sort_key``; the cursor of the next page or None)."""
    after, after_params = keyset.after(cursor)
    cur.execute(
        f"SELECT {select}, {keyset.key} AS sort_key FROM {source} "
        f"WHERE ({where}) AND {after} ORDER BY {keyset.order()} LIMIT ?",
        [*params, *after_params, limit + 1],
    )
    rows = _rows(cur)
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    ids = tuple(last[n] for n in keyset.names)
    return rows, Cursor(keyset.sort, last["sort_key"], ids).encode()


def _event_keyset(sort: str) -> _Keyset:
    name = sort.lstrip("-")
    key, kind = SORTS[name]
    descending = sort.startswith("-")
    return _Keyset(sort, kind, key, ("e.id",), ("id",), descending, descending)


# -- events -------------------------------------------------------------------------------


def list_events(cur: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str, limit: int,
                cursor: str | None, count: bool = True) -> dict[str, Any]:
    """One page of events matching ``flt``: ``{"items", "next_cursor", "total", "limit",
    "sort"}``. ``total`` counts all matching events (None when ``count`` is False)."""
    where, params = flt.where()
    rows, next_cursor = _page(cur, _event_keyset(sort),
                              select=f"{_EVENT_COLUMNS}, {_ARTICLE_OF_EVENT}",
                              source=EVENTS_FROM, where=where, params=params,
                              cursor=cursor, limit=limit)
    total = None
    if count:
        # The join is needed only when a condition reads the article.
        source = EVENTS_FROM if flt.reads_article else "events e"
        total = cur.execute(f"SELECT count(*) FROM {source} WHERE {where}",
                            params).fetchone()[0]
    return {"items": [event_record(r) for r in rows], "next_cursor": next_cursor,
            "total": total, "limit": limit, "sort": sort}


def event_batches(cur: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str,
                  batch_rows: int) -> Iterator[pa.RecordBatch]:
    """Every event matching ``flt`` as flat Arrow record batches (for export), in order;
    one empty batch (with the columns) when nothing matches."""
    where, params = flt.where()
    order = _event_keyset(sort).order()
    relation = cur.sql(
        f"SELECT {EXPORT_COLUMNS} FROM {EVENTS_FROM} WHERE {where} ORDER BY {order}",
        params=params,
    )
    # DuckDB 2 names it to_arrow_reader, DuckDB 1 fetch_arrow_reader.
    to_reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
    reader = to_reader(batch_rows)
    empty = True
    for batch in reader:
        empty = False
        yield batch
    if empty:
        yield pa.RecordBatch.from_pylist([], schema=reader.schema)


# -- aggregates ---------------------------------------------------------------------------

INTERVALS = ("day", "week", "month")
BY = ("type", "quad_class", "dyad")
_ACTOR_KEY = "COALESCE(e.actor_id, e.actor_name)"
_RECIPIENT_KEY = "COALESCE(e.recipient_id, e.recipient_name)"


def _buckets(first: date, last: date, interval: str) -> list[date]:
    out = []
    day = first
    while day <= last:
        out.append(day)
        if interval == "day":
            day += timedelta(days=1)
        elif interval == "week":
            day += timedelta(days=7)
        else:
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def top_dyads(cur: duckdb.DuckDBPyConnection, flt: EventFilter, *, top: int
              ) -> list[dict[str, Any]]:
    """The ``top`` most frequent (actor, recipient) pairs among the filtered events, with
    their share of conflict events (quad class 3 or 4)."""
    where, params = flt.where()
    cur.execute(
        f"""SELECT {_ACTOR_KEY} AS ak, {_RECIPIENT_KEY} AS rk,
                   any_value(e.actor_id) AS actor_id, any_value(e.actor_name) AS actor_name,
                   any_value(e.actor_country) AS actor_country,
                   any_value(e.actor_sector) AS actor_sector,
                   any_value(e.recipient_id) AS recipient_id,
                   any_value(e.recipient_name) AS recipient_name,
                   any_value(e.recipient_country) AS recipient_country,
                   any_value(e.recipient_sector) AS recipient_sector,
                   count(*) AS n,
                   avg(CASE WHEN e.quad_class IN (3, 4) THEN 1.0 ELSE 0.0 END) AS conflict
            FROM {EVENTS_FROM}
            WHERE {where} AND {_ACTOR_KEY} IS NOT NULL AND {_RECIPIENT_KEY} IS NOT NULL
            GROUP BY ak, rk ORDER BY n DESC, ak, rk LIMIT ?""",
        [*params, top],
    )
    return [
        {
            "key": f"{r['ak']}→{r['rk']}",
            "actor": actor_ref(r["actor_id"], r["actor_name"], r["actor_country"],
                               r["actor_sector"]),
            "recipient": actor_ref(r["recipient_id"], r["recipient_name"],
                                   r["recipient_country"], r["recipient_sector"]),
            "count": r["n"],
            "conflict_share": round(r["conflict"], 3),
        }
        for r in _rows(cur)
    ]


def _bucket_count(first: date, last: date, interval: str) -> int:
    if interval == "day":
        return (last - first).days + 1
    if interval == "week":
        return (last - first).days // 7 + 1
    return (last.year - first.year) * 12 + last.month - first.month + 1


def aggregates(cur: duckdb.DuckDBPyConnection, flt: EventFilter, *, interval: str, by: str,
               top: int, max_buckets: int = 2000) -> dict[str, Any]:
    """Events per ``interval`` (day, week, month) split by ``by`` (type, quad_class, dyad;
    dyad: the ``top`` most frequent pairs, the rest summed as "other"), plus the top dyads.

    Buckets run without gaps from the first to the last dated event; each series has one
    count per bucket. An event counts in the bucket of its day (see ``filters.EVENT_DAY``);
    events without any day are counted in ``undated``. More than ``max_buckets`` buckets
    (day buckets over decades: coded dates can reach far back) is a 422 on ``interval``."""
    where, params = flt.where()
    dyads = top_dyads(cur, flt, top=top)
    bucket = f"CAST(date_trunc('{interval}', {EVENT_DAY}) AS DATE)"  # interval: whitelisted
    key_params: list[Any] = []
    if by == "type":
        key_sql = "e.type"
    elif by == "quad_class":
        key_sql = "CAST(e.quad_class AS VARCHAR)"
    else:
        # Only the top dyads get series of their own: grouping by them alone keeps the
        # number of groups (and rows to fetch) small.
        pair = f"{_ACTOR_KEY} || '→' || {_RECIPIENT_KEY}"
        keys = [d["key"] for d in dyads] or [""]
        key_sql = (f"CASE WHEN {pair} IS NULL THEN NULL WHEN {pair} IN "
                   f"({', '.join('?' * len(keys))}) THEN {pair} ELSE 'other' END")
        key_params = keys
    # One scan: undated events come back with a NULL bucket.
    cur.execute(
        f"SELECT {bucket} AS bucket, {key_sql} AS k, count(*) AS n FROM {EVENTS_FROM} "
        f"WHERE {where} GROUP BY ALL ORDER BY bucket",
        [*key_params, *params],
    )
    rows = cur.fetchall()
    undated = sum(n for day, _, n in rows if day is None)
    rows = [r for r in rows if r[0] is not None]
    if not rows:
        return {"interval": interval, "by": by, "buckets": [], "series": [],
                "top_dyads": dyads, "total": undated, "undated": undated}
    first, last = rows[0][0], max(r[0] for r in rows)
    if _bucket_count(first, last, interval) > max_buckets:
        raise bad_parameter(
            "interval",
            f"[E708] The events run from {first} to {last}: "
            f"{_bucket_count(first, last, interval)} {interval} buckets, more than the "
            f"{max_buckets} allowed ([api] max_buckets). Narrow the range with start and end, "
            "or ask for a longer interval",
        )
    buckets = _buckets(first, last, interval)
    position = {b: i for i, b in enumerate(buckets)}
    keep = {d["key"]: d for d in dyads}
    counts: dict[str, list[int]] = {}
    for day, key, n in rows:
        key = "unknown" if key is None else key
        counts.setdefault(key, [0] * len(buckets))[position[day]] += n
    series = []
    for key, values in counts.items():
        if by == "quad_class":
            label = QUAD_LABELS.get(int(key), key) if key.isdigit() else "No quad class"
        elif by == "dyad" and key in keep:
            d = keep[key]
            label = f"{d['actor']['name']} → {d['recipient']['name']}"
        elif key == "unknown":
            label = "No actor or no recipient" if by == "dyad" else "Unknown"
        elif key == "other":
            label = "Other dyads"
        else:
            label = key
        series.append({"key": key, "label": label, "counts": values, "total": sum(values)})
    if by == "quad_class":
        series.sort(key=lambda s: (not s["key"].isdigit(), s["key"]))
    else:
        # Named series by size; the catch-alls last, "other" before "unknown".
        rank = {"other": 1, "unknown": 2}
        series.sort(key=lambda s: (rank.get(s["key"], 0), -s["total"], s["key"]))
    return {
        "interval": interval,
        "by": by,
        "buckets": [b.isoformat() for b in buckets],
        "series": series,
        "top_dyads": dyads,
        "total": sum(s["total"] for s in series) + undated,
        "undated": undated,
    }


# -- articles -----------------------------------------------------------------------------

_ARTICLE_LIST_COLUMNS = "a.id, a.title, a.outlet, a.url, a.published, a.section, a.language"
#: Newest first, undated last.
_PUBLISHED = "COALESCE(a.published, DATE '0001-01-01')"
_ARTICLE_KEYSET = _Keyset("-published", "date", _PUBLISHED, ("a.id",), ("id",),
                          ties_descending=True)


def list_articles(cur: duckdb.DuckDBPyConnection, *, q: str | None, outlet: str | None,
                  start: date | None, end: date | None, limit: int, cursor: str | None
                  ) -> dict[str, Any]:
    """Articles, newest first (undated last), with their event and quote counts."""
    where, params = _conditions(
        (q, "(contains(lower(a.title), lower(?)) OR contains(lower(a.text), lower(?)))"),
        (outlet, "lower(a.outlet) = lower(?)"),
        (start, "a.published >= ?"),
        (end, "a.published <= ?"),
    )
    rows, next_cursor = _page(cur, _ARTICLE_KEYSET, select=_ARTICLE_LIST_COLUMNS,
                              source="articles a", where=where, params=params,
                              cursor=cursor, limit=limit)
    counts = _article_counts(cur, [r["id"] for r in rows])
    items = []
    for r in rows:
        r.pop("sort_key")
        r["published"] = _iso(r["published"])
        r.update(counts.get(r["id"], {"events": 0, "quotes": 0}))
        items.append(r)
    return {"items": items, "next_cursor": next_cursor, "limit": limit}


def _article_counts(cur: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    out: dict[str, dict[str, int]] = {i: {"events": 0, "quotes": 0} for i in ids}
    for table, name in (("events", "events"), ("quotes", "quotes")):
        cur.execute(
            f"SELECT article_id, count(*) FROM {table} WHERE article_id IN ({marks}) "
            "GROUP BY article_id", ids,
        )
        for article_id, n in cur.fetchall():
            out[article_id][name] = n
    return out


def article_detail(cur: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    """One article with all its annotations, shaped like the output contract (plus each
    event's quad class, intensity and story id). 404 when there is no such article."""
    cur.execute(
        "SELECT id, url, outlet, title, section, published, published_source, language, "
        "source, dateline, text, duplicate_of, processed_at FROM articles WHERE id = ?",
        [article_id],
    )
    rows = _rows(cur)
    if not rows:
        raise not_found("article", article_id, "article_id")
    article = rows[0]
    article["published"] = _iso(article["published"])
    article["processed_at"] = _iso(article["processed_at"])
    cur.execute(
        'SELECT start, "end", text, type, value, mod FROM timexes WHERE article_id = ? '
        "ORDER BY idx", [article_id],
    )
    timexes = _rows(cur)
    cur.execute(
        'SELECT start, "end", text, label, actor_id, actor_name, country, sector '
        "FROM mentions WHERE article_id = ? ORDER BY idx", [article_id],
    )
    mentions = [
        {"start": m["start"], "end": m["end"], "text": m["text"], "label": m["label"],
         "actor": actor_ref(m["actor_id"], m["actor_name"], m["country"], m["sector"])
         if m["actor_id"] or m["actor_name"] else None}
        for m in _rows(cur)
    ]
    cur.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY idx", [article_id])
    quotes = [quote_record(q) for q in _rows(cur)]
    cur.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.article_id = ? ORDER BY e.idx",
        [article_id],
    )
    events = [event_record(r) for r in _rows(cur)]
    return {"article": article, "timexes": timexes, "mentions": mentions, "quotes": quotes,
            "events": events}


def quote_record(q: dict[str, Any]) -> dict[str, Any]:
    speaker = None
    if q["speaker_text"] is not None or q["speaker_name"] is not None:
        speaker = {
            "start": q["speaker_start"], "end": q["speaker_end"], "text": q["speaker_text"],
            "actor": actor_ref(q["speaker_actor_id"], q["speaker_name"], q["speaker_country"],
                               q["speaker_sector"]),
        }
    record = {
        "article_id": q["article_id"], "idx": q["idx"], "start": q["start"], "end": q["end"],
        "text": q["text"], "kind": q["kind"],
        "cue": _span(q["cue_start"], q["cue_end"], q["cue_text"]),
        "speaker": speaker,
    }
    if "outlet" in q:
        record["article"] = {"id": q["article_id"], "title": q["article_title"],
                             "outlet": q["outlet"], "published": _iso(q["published"])}
    return record


# -- quotes -------------------------------------------------------------------------------

QUOTE_KINDS = ("direct", "indirect", "mixed")
_QUOTE_KEYSET = _Keyset("-published", "date", _PUBLISHED, ("s.article_id", "s.idx"),
                        ("article_id", "idx"))


def list_quotes(cur: duckdb.DuckDBPyConnection, *, speaker: str | None, article: str | None,
                kind: str | None, q: str | None, limit: int, cursor: str | None
                ) -> dict[str, Any]:
    """Quotes, newest article first. ``speaker`` matches the speaker's actor id exactly or
    is contained (case-insensitive) in the speaker's name or text."""
    where, params = _conditions(
        (speaker, "(s.speaker_actor_id = ? OR contains(lower(s.speaker_name), lower(?)) "
                  "OR contains(lower(s.speaker_text), lower(?)))"),
        (article, "s.article_id = ?"),
        (kind, "s.kind = ?"),
        (q, "contains(lower(s.text), lower(?))"),
    )
    rows, next_cursor = _page(
        cur, _QUOTE_KEYSET,
        select="s.*, a.title AS article_title, a.outlet, a.published",
        source="quotes s LEFT JOIN articles a ON a.id = s.article_id",
        where=where, params=params, cursor=cursor, limit=limit)
    return {"items": [quote_record(r) for r in rows], "next_cursor": next_cursor,
            "limit": limit}


# -- actors -------------------------------------------------------------------------------

_ACTOR_KEYSET = _Keyset("-events", "int", "COALESCE(event_count, 0)", ("id",), ("id",))


def list_actors(cur: duckdb.DuckDBPyConnection, *, q: str | None, country: str | None,
                sector: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
    """Knowledge-base actors seen in the store, most events first. ``q`` is contained
    (case-insensitive) in the name or equals the id."""
    where, params = _conditions(
        (q, "(contains(lower(name), lower(?)) OR id = ?)"),
        (country, "country = ?"),
        (sector, "sector = ?"),
    )
    rows, next_cursor = _page(
        cur, _ACTOR_KEYSET,
        select="id, name, country, sector, COALESCE(mention_count, 0) AS mention_count, "
               "COALESCE(event_count, 0) AS event_count",
        source="actors", where=where, params=params, cursor=cursor, limit=limit)
    for r in rows:
        r["code"] = f"{r['country'] or '---'}{r['sector'] or ''}"
    return {"items": rows, "next_cursor": next_cursor, "limit": limit}


def actor_roles(actor_id: str, *, extra: tuple[str, ...] = ()) -> list[Any]:
    """The actor's dated roles from the knowledge base (``[actors] extra`` dictionaries
    included), when the actors module offers them (``load_kb().roles(id)``); else []."""
    try:
        from ..actors import load_kb
    except ImportError:
        return []
    try:
        roles = load_kb(tuple(extra)).roles(actor_id)
    except (AttributeError, KeyError, LookupError, TypeError):
        return []
    from ..records import to_dict

    return [to_dict(r) if not isinstance(r, str | dict) else r for r in roles or []]


def actor_detail(cur: duckdb.DuckDBPyConnection, actor_id: str, *, top: int,
                 kb_extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """One actor: its KB row, roles, event counts (as actor / recipient, by quad class, by
    type), quotes, and the ``top`` counterparts it has most events with. 404 when the
    store has never seen it."""
    cur.execute(
        "SELECT id, name, country, sector, COALESCE(mention_count, 0) AS mention_count, "
        "COALESCE(event_count, 0) AS event_count FROM actors WHERE id = ?", [actor_id],
    )
    rows = _rows(cur)
    if rows:
        actor = rows[0]
    else:
        # Not in the actors table (an older store?) but maybe coded in events.
        cur.execute(
            "SELECT any_value(name) AS name, any_value(country) AS country, "
            "any_value(sector) AS sector, count(*) AS n FROM ("
            "SELECT actor_name AS name, actor_country AS country, actor_sector AS sector "
            "FROM events WHERE actor_id = ? UNION ALL "
            "SELECT recipient_name, recipient_country, recipient_sector FROM events "
            "WHERE recipient_id = ?)", [actor_id, actor_id],
        )
        name, country, sector, n = cur.fetchone()
        if not n:
            raise not_found("actor", actor_id, "actor_id")
        actor = {"id": actor_id, "name": name, "country": country, "sector": sector,
                 "mention_count": None, "event_count": n}
    actor["code"] = f"{actor['country'] or '---'}{actor['sector'] or ''}"
    as_actor, as_recipient = cur.execute(
        "SELECT count(*) FILTER (WHERE actor_id = ?), count(*) FILTER (WHERE recipient_id = ?) "
        "FROM events WHERE actor_id = ? OR recipient_id = ?", [actor_id] * 4,
    ).fetchone()
    cur.execute(
        "SELECT quad_class, count(*) FROM events WHERE actor_id = ? OR recipient_id = ? "
        "GROUP BY quad_class ORDER BY quad_class", [actor_id, actor_id],
    )
    by_quad = [{"quad_class": k, "label": QUAD_LABELS.get(k, "No quad class"), "count": n}
               for k, n in cur.fetchall()]
    cur.execute(
        "SELECT type, count(*) AS n FROM events WHERE actor_id = ? OR recipient_id = ? "
        "GROUP BY type ORDER BY n DESC, type", [actor_id, actor_id],
    )
    by_type = [{"type": k, "count": n} for k, n in cur.fetchall()]
    quotes = cur.execute(
        "SELECT count(*) FROM quotes WHERE speaker_actor_id = ?", [actor_id]
    ).fetchone()[0]
    cur.execute(
        """SELECT COALESCE(oid, oname) AS k, any_value(oid) AS id, any_value(oname) AS name,
                  any_value(ocountry) AS country, any_value(osector) AS sector,
                  count(*) AS n,
                  avg(CASE WHEN quad_class IN (3, 4) THEN 1.0 ELSE 0.0 END) AS conflict
           FROM (SELECT recipient_id AS oid, recipient_name AS oname,
                        recipient_country AS ocountry, recipient_sector AS osector, quad_class
                 FROM events WHERE actor_id = ?
                 UNION ALL
                 SELECT actor_id, actor_name, actor_country, actor_sector, quad_class
                 FROM events WHERE recipient_id = ?)
           WHERE COALESCE(oid, oname) IS NOT NULL AND COALESCE(oid, '') <> ?
           GROUP BY k ORDER BY n DESC, k LIMIT ?""",
        [actor_id, actor_id, actor_id, top],
    )
    counterparts = [
        {"actor": actor_ref(r["id"], r["name"], r["country"], r["sector"]), "count": r["n"],
         "conflict_share": round(r["conflict"], 3)}
        for r in _rows(cur)
    ]
    return {
        "actor": actor,
        "roles": actor_roles(actor_id, extra=kb_extra),
        "events": {"as_actor": as_actor, "as_recipient": as_recipient,
                   "by_quad_class": by_quad, "by_type": by_type},
        "quotes": quotes,
        "counterparts": counterparts,
    }


# -- overview and choices -----------------------------------------------------------------


def day_range(cur: duckdb.DuckDBPyConnection, flt: EventFilter, *, share: float
              ) -> tuple[date | None, date | None]:
    """The days between which all but ``share`` of the filtered events fall (half of it
    cut at each end): a chart window that a few far-off coded dates ("in 1948") do not
    stretch."""
    where, params = flt.where()
    first, last = cur.execute(
        f"SELECT quantile_disc({EVENT_DAY}, ?), quantile_disc({EVENT_DAY}, ?) "
        f"FROM {EVENTS_FROM} WHERE {where} AND {EVENT_DAY} IS NOT NULL",
        [share / 2, 1 - share / 2, *params],
    ).fetchone()
    return first, last


def overview(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts per table, the date range of the events, and events per type."""
    counts = {}
    for table in ("articles", "events", "quotes", "mentions", "timexes", "actors"):
        counts[table] = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # fixed names
    first, last = cur.execute(
        f"SELECT min({EVENT_DAY}), max({EVENT_DAY}) FROM {EVENTS_FROM}"
    ).fetchone()
    cur.execute("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type")
    types = [{"type": t, "count": n} for t, n in cur.fetchall()]
    return {"counts": counts, "first_day": _iso(first), "last_day": _iso(last),
            "types": types}


def choices(cur: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Values present in the store, for the filter form's drop-downs."""
    def column(sql: str) -> list[str]:
        return [r[0] for r in cur.execute(sql).fetchall() if r[0] is not None]

    return {
        "types": column("SELECT DISTINCT type FROM events ORDER BY 1"),
        "countries": column(
            "SELECT DISTINCT c FROM (SELECT actor_country AS c FROM events UNION "
            "SELECT recipient_country FROM events) ORDER BY 1"
        ),
        "sectors": column(
            "SELECT DISTINCT s FROM (SELECT actor_sector AS s FROM events UNION "
            "SELECT recipient_sector FROM events) ORDER BY 1"
        ),
        "outlets": column("SELECT DISTINCT outlet FROM articles ORDER BY 1"),
    }
