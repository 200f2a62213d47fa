"""The DuckDB store: one file, schema versioned by migrations, one write path.

Every write of an article is one transaction that replaces all of that article's rows and
records its source in ``sources_done``: after a crash (even ``kill -9``) an article is
either complete or absent, and a restarted run skips exactly the sources already finished.

>>> with Store("newsevents.duckdb") as store:          # doctest: +SKIP
...     store.write(result)
...     store.read_result(result.article.id) == result
True

The schema (tables and columns) is the contract with the CLI, the API and the exporters; it
lives in ``migrations/NNNN_name.sql``, applied in order and recorded in
``schema_migrations``. A DuckDB connection is not thread-safe: the Store serialises its own
calls with a lock; code that queries :attr:`Store.connection` from several threads should
take a ``connection.cursor()`` per thread.
"""
from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..config import Config, load_config
from ..errors import StoreError
from ..records import (
    ActorRef,
    Article,
    Event,
    Furniture,
    Location,
    Mention,
    Quote,
    Rejection,
    Result,
    Span,
    Speaker,
    Timex,
)
from .dates import timex_range

log = logging.getLogger(__name__)

__all__ = ["ARTICLE_TABLES", "TABLES", "Migration", "Store", "migrations"]

#: Every table of the schema (schema_migrations aside), in the order stats() lists them.
TABLES = (
    "articles", "timexes", "mentions", "quotes", "events", "actors",
    "ingest_log", "sources_done", "signatures",
)
#: Tables whose rows belong to exactly one article (replaced together on re-processing).
ARTICLE_TABLES = ("timexes", "mentions", "quotes", "events", "signatures")

_MEMORY = ":memory:"
_MIGRATION_FILE = re.compile(r"(\d{4})_(\w+)\.sql")

# DuckDB column types of the schema -> the Arrow types rows are sent in.
_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BLOB": pa.binary(),
}

# Errors caused by the values of one article (not by the database): write_many logs that
# article as a rejection and goes on instead of stopping the batch.
_RECORD_ERRORS = (
    duckdb.ConstraintException,
    duckdb.ConversionException,
    duckdb.InvalidInputException,
    duckdb.OutOfRangeException,
    duckdb.TypeMismatchException,
    pa.ArrowException,
    TypeError,
    ValueError,
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """The shipped migrations, by version (1, 2, ... without gaps)."""
    folder = resources.files(__package__).joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if m := _MIGRATION_FILE.fullmatch(entry.name):
            found.append(Migration(int(m[1]), m[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    if [mig.version for mig in found] != list(range(1, len(found) + 1)):
        raise StoreError(
            f"[E600] Store migrations must be numbered 1..n without gaps, found "
            f"{[mig.version for mig in found]} in {folder}"
        )
    return tuple(found)


@dataclass(slots=True)
class _Pending:
    """A Result waiting to be written, with its dedup signature."""

    result: Result
    content_hash: str | None
    minhash: bytes | None

    @property
    def source(self) -> str:
        return source_key(self.result.article)


class _RecordError(Exception):
    """One article's values cannot be stored (see _RECORD_ERRORS)."""


def source_key(article: Article) -> str:
    """The ``sources_done`` key of an article: where it was read from, else its id."""
    return article.source or article.id


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        log.warning("published date %r is not YYYY-MM-DD; stored as NULL", value)
        return None


# Column names of the actor fields of each table, in ActorRef order (id, name, country, sector).
_MENTION_ACTOR = ("actor_id", "actor_name", "country", "sector")
_SPEAKER_ACTOR = ("speaker_actor_id", "speaker_name", "speaker_country", "speaker_sector")
_EVENT_ACTOR = ("actor_id", "actor_name", "actor_country", "actor_sector")
_EVENT_RECIPIENT = ("recipient_id", "recipient_name", "recipient_country", "recipient_sector")


def _actor_columns(actor: ActorRef | None, columns: tuple[str, str, str, str]) -> dict:
    values = (actor.id, actor.name, actor.country, actor.sector) if actor else (None,) * 4
    return dict(zip(columns, values, strict=True))


def _actor_from(row: dict, columns: tuple[str, str, str, str]) -> ActorRef | None:
    id_, name, country, sector = (row[c] for c in columns)
    if id_ is None and name is None:
        return None
    return ActorRef(id=id_, name=name, country=country, sector=sector)


# -- Result -> rows ------------------------------------------------------------------------


_MEMORY_LIMIT = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


def _memory_limit(value: Any) -> str:
    """The ``[store] memory_limit`` setting, checked ("" = DuckDB's default)."""
    text = str(value or "").strip()
    if text and not _MEMORY_LIMIT.fullmatch(text):
        raise StoreError(
            f"[E660] [store] memory_limit = {text!r} is not a size: write a number and a "
            "unit (B, KB, MB, GB, TB or KiB, MiB, GiB, TiB), e.g. \"256MB\", or \"\" for "
            "DuckDB's default"
        )
    return text


def _article_row(p: _Pending, processed_at: datetime) -> dict:
    a = p.result.article
    return {
        "id": a.id, "url": a.url, "outlet": a.outlet, "title": a.title, "section": a.section,
        "published": _parse_date(a.published), "published_source": a.published_source,
        "language": a.language, "source": a.source, "dateline": a.dateline, "text": a.text,
        "furniture": json.dumps([{"kind": f.kind, "text": f.text} for f in a.furniture]),
        "duplicate_of": a.duplicate_of, "content_hash": p.content_hash,
        "processed_at": processed_at,
    }


def _timex_rows(aid: str, timexes: Sequence[Timex]) -> Iterator[dict]:
    for i, t in enumerate(timexes):
        yield {
            "article_id": aid, "idx": i, "start": t.start, "end": t.end, "text": t.text,
            "type": t.type, "value": t.value, "mod": t.mod,
        }


def _mention_rows(aid: str, mentions: Sequence[Mention]) -> Iterator[dict]:
    for i, m in enumerate(mentions):
        yield {
            "article_id": aid, "idx": i, "start": m.start, "end": m.end, "text": m.text,
            "label": m.label, **_actor_columns(m.actor, _MENTION_ACTOR),
        }


def _quote_rows(aid: str, quotes: Sequence[Quote]) -> Iterator[dict]:
    for i, q in enumerate(quotes):
        cue, speaker = q.cue, q.speaker
        yield {
            "article_id": aid, "idx": i, "start": q.start, "end": q.end, "text": q.text,
            "kind": q.kind,
            "cue_start": cue.start if cue else None,
            "cue_end": cue.end if cue else None,
            "cue_text": cue.text if cue else None,
            "speaker_start": speaker.start if speaker else None,
            "speaker_end": speaker.end if speaker else None,
            "speaker_text": speaker.text if speaker else None,
            **_actor_columns(speaker.actor if speaker else None, _SPEAKER_ACTOR),
        }


def _event_rows(aid: str, events: Sequence[Event]) -> Iterator[dict]:
    for i, e in enumerate(events):
        span = timex_range(e.date)
        loc = e.location
        yield {
            "id": e.id, "article_id": aid, "idx": i, "type": e.type, "mode": e.mode,
            "cameo": e.cameo, "quad_class": e.quad_class, "intensity": e.intensity,
            **_actor_columns(e.actor, _EVENT_ACTOR),
            **_actor_columns(e.recipient, _EVENT_RECIPIENT),
            "date": e.date,
            "date_start": span[0] if span else None,
            "date_end": span[1] if span else None,
            "date_text": e.date_text,
            "location_text": loc.text if loc else None,
            "location_country": loc.country if loc else None,
            "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None,
            "negated": e.negated, "modality": e.modality, "attributed_to": e.attributed_to,
            "sentence_start": e.sentence.start, "sentence_end": e.sentence.end,
            "sentence_text": e.sentence.text,
            "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
            "trigger_text": e.trigger.text,
            "confidence": e.confidence, "story_id": e.story_id,
        }


def _actor_deltas(results: Iterable[Result]) -> tuple[Counter, Counter, dict[str, ActorRef]]:
    """Mention and event counts per KB actor id in ``results``, and a ref for each id.

    An event counts once for an actor even when it is both actor and recipient."""
    mentions: Counter[str] = Counter()
    events: Counter[str] = Counter()
    refs: dict[str, ActorRef] = {}
    for result in results:
        for m in result.mentions:
            if m.actor is not None and m.actor.id:
                mentions[m.actor.id] += 1
                refs.setdefault(m.actor.id, m.actor)
        for e in result.events:
            ids = {}
            for ref in (e.actor, e.recipient):
                if ref is not None and ref.id:
                    ids[ref.id] = ref
            for actor_id, ref in ids.items():
                events[actor_id] += 1
                refs.setdefault(actor_id, ref)
    return mentions, events, refs


# -- rows -> Result ------------------------------------------------------------------------


def _article_from(row: dict) -> Article:
    published = row["published"]
    return Article(
        id=row["id"], text=row["text"], url=row["url"], outlet=row["outlet"],
        title=row["title"], section=row["section"],
        published=published.isoformat() if published else None,
        published_source=row["published_source"], language=row["language"],
        source=row["source"], dateline=row["dateline"],
        furniture=[Furniture(f["kind"], f["text"]) for f in json.loads(row["furniture"] or "[]")],
        duplicate_of=row["duplicate_of"],
    )


def _timex_from(row: dict) -> Timex:
    return Timex(row["start"], row["end"], row["text"], row["type"], row["value"], row["mod"])


def _mention_from(row: dict) -> Mention:
    return Mention(
        row["start"], row["end"], row["text"], row["label"], _actor_from(row, _MENTION_ACTOR)
    )


def _quote_from(row: dict) -> Quote:
    cue = None
    if row["cue_start"] is not None:
        cue = Span(row["cue_start"], row["cue_end"], row["cue_text"])
    speaker = None
    if row["speaker_text"] is not None:
        speaker = Speaker(
            row["speaker_start"], row["speaker_end"], row["speaker_text"],
            _actor_from(row, _SPEAKER_ACTOR),
        )
    return Quote(row["start"], row["end"], row["text"], row["kind"], cue, speaker)


def _event_from(row: dict) -> Event:
    location = None
    if row["location_text"] is not None:
        location = Location(row["location_text"], row["location_country"], row["lat"], row["lon"])
    return Event(
        id=row["id"], type=row["type"], mode=row["mode"], cameo=row["cameo"],
        actor=_actor_from(row, _EVENT_ACTOR), recipient=_actor_from(row, _EVENT_RECIPIENT),
        date=row["date"], date_text=row["date_text"], location=location,
        negated=row["negated"], modality=row["modality"], attributed_to=row["attributed_to"],
        sentence=Span(row["sentence_start"], row["sentence_end"], row["sentence_text"]),
        trigger=Span(row["trigger_start"], row["trigger_end"], row["trigger_text"]),
        confidence=row["confidence"], quad_class=row["quad_class"],
        intensity=row["intensity"], story_id=row["story_id"],
    )


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> list[tuple]:
    """Execute ``sql`` (``params``: a sequence or a dict of named values) and drain its
    result: DuckDB refuses new work on a connection while a result is pending."""
    if params is None:
        return con.execute(sql).fetchall()
    return con.execute(sql, params).fetchall()


def _dicts(cursor: Any) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# -- the store -----------------------------------------------------------------------------


class Store:
    """A newsevents DuckDB store (see the module docstring).

    ``path``: the database file (created with its folder when missing) or ":memory:".
    ``read_only``: open without taking the write lock (several readers may share a file;
    write methods then raise StoreError). ``config``: the [store] settings (batch size).

    Raises StoreError naming the path when the file cannot be opened: locked by another
    process, not a DuckDB file, written by a newer newsevents, or (read-only) not migrated.
    """

    def __init__(
        self,
        path: str | Path = "newsevents.duckdb",
        *,
        read_only: bool = False,
        config: Config | None = None,
    ) -> None:
        settings = (config or load_config())["store"]
        self.path = str(path)
        self.read_only = read_only
        self._batch_size = int(settings["batch_size"])
        self._flush_seconds = float(settings["flush_seconds"])
        self._memory_limit = _memory_limit(settings.get("memory_limit"))
        self._lock = threading.RLock()
        self._con = self._connect()
        try:
            self._migrate()
            self._columns = self._read_columns()
        except BaseException:
            self._con.close()
            raise

    # -- opening ---------------------------------------------------------------------------

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self.path == _MEMORY:
            if self.read_only:
                raise StoreError("[E601] An in-memory store cannot be opened read-only")
            return duckdb.connect(_MEMORY)
        file = Path(self.path)
        if self.read_only and not file.exists():
            raise StoreError(f"[E602] Store {file} does not exist (opened read-only)")
        try:
            if not self.read_only:
                file.parent.mkdir(parents=True, exist_ok=True)
            options = {"memory_limit": self._memory_limit} if self._memory_limit else {}
            return duckdb.connect(str(file), read_only=self.read_only, config=options)
        except (duckdb.Error, OSError) as e:
            hint = ""
            if "lock" in str(e).lower():
                hint = " It is open in another process (a run or the web app); stop it or "
                hint += "open the store read-only."
            raise StoreError(f"[E603] Cannot open store {file}: {e}.{hint}") from e

    def _migrate(self) -> None:
        known = migrations()
        try:
            if not self.read_only:
                _run(
                    self._con,
                    "CREATE TABLE IF NOT EXISTS schema_migrations "
                    "(version INTEGER PRIMARY KEY, applied_at TIMESTAMP)",
                )
            applied = {v for (v,) in _run(self._con, "SELECT version FROM schema_migrations")}
        except duckdb.CatalogException as e:
            raise StoreError(
                f"[E604] {self.path} is a DuckDB file but not a newsevents store "
                f"(no schema_migrations table); open it read-write to create the schema "
                f"in an empty file"
            ) from e
        if applied and max(applied) > known[-1].version:
            raise StoreError(
                f"[E605] Store {self.path} has schema version {max(applied)}, newer than the "
                f"{known[-1].version} this newsevents knows; upgrade newsevents to open it"
            )
        pending = [m for m in known if m.version not in applied]
        if pending and self.read_only:
            raise StoreError(
                f"[E606] Store {self.path} needs migrations "
                f"{[m.version for m in pending]}; open it read-write once to apply them"
            )
        for migration in pending:
            try:
                with self._transaction():
                    _run(self._con, migration.sql)
                    _run(
                        self._con,
                        "INSERT INTO schema_migrations VALUES (?, ?)",
                        [migration.version, _now()],
                    )
            except duckdb.Error as e:
                raise StoreError(
                    f"[E607] Migration {migration.version} ({migration.name}) failed on "
                    f"{self.path}: {e}"
                ) from e
            log.info("store %s migrated to schema version %d", self.path, migration.version)

    def _read_columns(self) -> dict[str, pa.Schema]:
        """The Arrow schema of each table, read from the database itself so that rows are
        typed exactly as the migrations declared them."""
        rows = _run(
            self._con,
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position",
        )
        fields: dict[str, list[pa.Field]] = {}
        for table, column, data_type in rows:
            arrow_type = _ARROW_TYPES.get(data_type, pa.string())
            fields.setdefault(table, []).append(pa.field(column, arrow_type))
        return {table: pa.schema(f) for table, f in fields.items()}

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for read-only queries (take ``.cursor()`` per thread)."""
        return self._con

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r}, read_only={self.read_only})"

    def schema_version(self) -> int:
        with self._lock:
            (version,) = _run(self._con, "SELECT max(version) FROM schema_migrations")[0]
        return int(version or 0)

    # -- the write path --------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            self._con.begin()
            try:
                yield self._con
            except BaseException:
                try:
                    self._con.rollback()
                except duckdb.Error:  # the connection is gone; nothing was committed
                    log.exception("rollback failed on %s", self.path)
                raise
            self._con.commit()

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"[E608] Store {self.path} was opened read-only; cannot write")

    def _table(self, name: str, rows: list[dict]) -> pa.Table:
        return pa.Table.from_pylist(rows, schema=self._columns[name])

    def _insert(self, name: str, rows: list[dict], *, upsert: str = "") -> None:
        """Insert ``rows`` into table ``name`` in one statement (Arrow, no per-row binding);
        ``upsert`` is an ON CONFLICT clause."""
        if not rows:
            return
        table = self._table(name, rows)
        if not upsert:
            self._con.from_arrow(table).insert_into(name)
            return
        view = f"_new_{name}"
        self._con.register(view, table)
        try:
            _run(self._con, f"INSERT INTO {name} BY NAME SELECT * FROM {view} {upsert}")
        finally:
            self._con.unregister(view)

    def write(
        self, result: Result, *, content_hash: str | None = None, minhash: bytes | None = None
    ) -> None:
        """Store ``result`` in one transaction, replacing any earlier rows of its article,
        and mark its source finished. ``content_hash`` and ``minhash`` are its dedup
        signature (:meth:`Deduplicator.signature_of`); without a hash one is computed from
        the text. Raises StoreError (nothing of the article is written then)."""
        try:
            self._write_batch([_Pending(result, content_hash, minhash)])
        except _RecordError as e:
            raise StoreError(
                f"[E609] Cannot store article {result.article.id!r}: {e.__cause__}"
            ) from e.__cause__

    def write_many(
        self,
        results: Iterable[Result],
        *,
        signature: Callable[[Article], tuple[str, bytes | None]] | None = None,
        batch_size: int | None = None,
    ) -> int:
        """Store ``results`` (consumed lazily), several articles per transaction; return how
        many were stored. Each transaction is all-or-nothing, so every article is too, and
        ``sources_done`` matches what is stored. ``signature`` gives an article's dedup
        signature (e.g. ``Deduplicator.signature_of``). A batch is written when it holds
        ``batch_size`` articles ([store] batch_size) or its first article has waited
        [store] flush_seconds. An article whose values cannot be stored is logged as a
        ``store_error`` rejection and the others go on; database failures raise StoreError.
        """
        size = batch_size or self._batch_size
        stored = 0
        batch: list[_Pending] = []
        started = 0.0
        for result in results:
            content_hash, minhash = signature(result.article) if signature else (None, None)
            if not batch:
                started = time.monotonic()
            batch.append(_Pending(result, content_hash, minhash))
            if len(batch) >= size or time.monotonic() - started >= self._flush_seconds:
                stored += self._write_isolating(batch)
                batch = []
        if batch:
            stored += self._write_isolating(batch)
        return stored

    def _write_isolating(self, batch: list[_Pending]) -> int:
        """Write ``batch``; when one article's values break it, write the articles one by
        one and log each bad one as a ``store_error`` rejection."""
        try:
            return self._write_batch(batch)
        except _RecordError as e:
            if len(batch) > 1:
                return sum(self._write_isolating([p]) for p in batch)
            error = e.__cause__
        pending = batch[0]
        log.error("cannot store article %s: %s", pending.result.article.id, error)
        self.log_rejection(
            Rejection(
                source=pending.source,
                reason="store_error",
                message=f"{type(error).__name__}: {error}",
                article_id=pending.result.article.id,
            )
        )
        return 0

    def _rows(self, batch: list[_Pending], now: datetime) -> dict[str, list[dict]]:
        """Every row the batch writes, per table (built before the transaction opens)."""
        from ..ingest.dedup import content_hash  # lazy: only when a caller gave no hash

        rows: dict[str, list[dict]] = {
            "articles": [], "timexes": [], "mentions": [], "quotes": [], "events": [],
            "signatures": [],
        }
        done: dict[str, dict] = {}
        for p in batch:
            result, aid = p.result, p.result.article.id
            if p.content_hash is None:
                p.content_hash = content_hash(result.article.text)
            rows["articles"].append(_article_row(p, now))
            rows["timexes"].extend(_timex_rows(aid, result.timexes))
            rows["mentions"].extend(_mention_rows(aid, result.mentions))
            rows["quotes"].extend(_quote_rows(aid, result.quotes))
            rows["events"].extend(_event_rows(aid, result.events))
            rows["signatures"].append(
                {"article_id": aid, "content_hash": p.content_hash, "minhash": p.minhash}
            )
            # One row per source: the last article read from a source is the one stored.
            done[p.source] = {
                "source": p.source, "article_id": aid, "status": "stored", "finished_at": now,
            }
        rows["sources_done"] = list(done.values())
        mentions, events, refs = _actor_deltas(p.result for p in batch)
        rows["actors"] = [
            {
                "id": actor_id, "name": ref.name, "country": ref.country, "sector": ref.sector,
                "mention_count": mentions[actor_id], "event_count": events[actor_id],
            }
            for actor_id, ref in refs.items()
        ]
        return rows

    def _write_batch(self, batch: list[_Pending]) -> int:
        """Write ``batch`` in ONE transaction. Raises _RecordError when the values of an
        article cannot be stored, StoreError when the database fails."""
        self._check_writable()
        # Several results for one article: the last wins, as if written one after another.
        pending = list({p.result.article.id: p for p in batch}.values())
        try:
            rows = self._rows(pending, _now())
        except (TypeError, ValueError, AttributeError, pa.ArrowException) as e:
            raise _RecordError(str(e)) from e
        try:
            with self._transaction() as con:
                self._replace(con, [p.result.article.id for p in pending], rows)
        except _RECORD_ERRORS as e:
            raise _RecordError(str(e)) from e
        except duckdb.Error as e:
            raise StoreError(f"[E610] Writing to store {self.path} failed: {e}") from e
        return len(pending)

    def _replace(
        self, con: duckdb.DuckDBPyConnection, ids: list[str], rows: dict[str, list[dict]]
    ) -> None:
        """Inside the transaction: drop the old rows of articles ``ids``, insert ``rows``."""
        batch = {"ids": ids}
        in_batch = "IN (SELECT unnest($ids::VARCHAR[]))"
        replacing = _run(con, f"SELECT count(*) FROM articles WHERE id {in_batch}", batch)[0][0]
        old_counts: list[tuple[str, int, int]] = []
        if replacing:
            # Counts of the rows about to go, so actor counts stay exact on re-processing.
            old_counts = _run(
                con,
                f"""
                WITH m AS (SELECT actor_id AS id, count(*) AS n FROM mentions
                           WHERE article_id {in_batch} AND actor_id IS NOT NULL
                           GROUP BY actor_id),
                     e AS (SELECT actor AS id, count(*) AS n FROM (
                               SELECT id AS event, actor_id AS actor FROM events
                               WHERE article_id {in_batch}
                               UNION
                               SELECT id, recipient_id FROM events WHERE article_id {in_batch})
                           WHERE actor IS NOT NULL GROUP BY actor)
                SELECT coalesce(m.id, e.id), coalesce(m.n, 0), coalesce(e.n, 0)
                FROM m FULL OUTER JOIN e ON m.id = e.id
                """,
                batch,
            )
            for table in ARTICLE_TABLES:
                _run(con, f"DELETE FROM {table} WHERE article_id {in_batch}", batch)
            _run(con, f"DELETE FROM articles WHERE id {in_batch}", batch)
        for table in ("articles", *ARTICLE_TABLES):
            self._insert(table, rows[table])
        done = rows["sources_done"]
        sources = {
            "sources": [row["source"] for row in done],
            "ids": [row["article_id"] for row in done],
            "now": done[0]["finished_at"],
        }
        # A source stored now is no longer rejected, whatever an earlier run logged for it.
        _run(con, "DELETE FROM ingest_log WHERE source IN (SELECT unnest($sources::VARCHAR[]))",
             {"sources": sources["sources"]})
        _run(
            con,
            "INSERT OR REPLACE INTO sources_done SELECT unnest($sources::VARCHAR[]), "
            "unnest($ids::VARCHAR[]), 'stored', $now::TIMESTAMP",
            sources,
        )
        self._count_actors(con, rows["actors"], old_counts)

    def _count_actors(
        self,
        con: duckdb.DuckDBPyConnection,
        seen: list[dict],
        old_counts: list[tuple[str, int, int]],
    ) -> None:
        """Upsert the actors ``seen`` with their new counts minus ``old_counts`` (rows just
        replaced); an actor no row refers to any more is dropped."""
        deltas = {row["id"]: row for row in seen}
        for actor_id, mentions, events in old_counts:
            row = deltas.setdefault(
                actor_id,
                {"id": actor_id, "name": None, "country": None, "sector": None,
                 "mention_count": 0, "event_count": 0},
            )
            row["mention_count"] -= mentions
            row["event_count"] -= events
        self._insert(
            "actors",
            list(deltas.values()),
            upsert="""ON CONFLICT (id) DO UPDATE SET
                name = coalesce(excluded.name, name),
                country = coalesce(excluded.country, country),
                sector = coalesce(excluded.sector, sector),
                mention_count = mention_count + excluded.mention_count,
                event_count = event_count + excluded.event_count""",
        )
        if old_counts:
            _run(con, "DELETE FROM actors WHERE mention_count <= 0 AND event_count <= 0")

    def log_rejection(self, rejection: Rejection) -> None:
        """Record that ``rejection.source`` did not become an article, and why: one
        ingest_log row per (source, reason), updated on re-runs, and its sources_done row,
        in one transaction."""
        self._check_writable()
        now = _now()
        try:
            with self._transaction() as con:
                _run(
                    con,
                    """INSERT INTO ingest_log
                           (source, reason, message, article_id, duplicate_of, logged_at)
                       VALUES (?, ?, ?, ?, ?, ?)
                       ON CONFLICT (source, reason) DO UPDATE SET
                           message = excluded.message, article_id = excluded.article_id,
                           duplicate_of = excluded.duplicate_of, logged_at = excluded.logged_at
                    """,
                    [rejection.source, rejection.reason, rejection.message,
                     rejection.article_id, rejection.duplicate_of, now],
                )
                _run(
                    con,
                    "INSERT OR REPLACE INTO sources_done VALUES (?, ?, 'rejected', ?)",
                    [rejection.source, rejection.article_id, now],
                )
        except duckdb.Error as e:
            raise StoreError(
                f"[E611] Cannot log the rejection of {rejection.source!r} in {self.path}: {e}"
            ) from e

    #: Rows of the events table read per fetch while linking stories.
    _LINK_FETCH = 4096
    #: Story ids buffered in Python before they are appended to the temporary table.
    _LINK_FLUSH = 20_000

    def link_stories(self) -> int:
        """Give every event a cross-article ``story_id`` so that syndicated copies and
        repeated reports of one happening count once (same category, polarity, dyad and
        compatible dates; the rule is :func:`newsevents.events.link_stories`). Recomputed
        over the whole store in one transaction; returns the number of distinct stories.

        Memory stays flat as the store grows: events are read in an order that keeps every
        possible story together (category, polarity and the unordered pair of actor keys,
        a partition no finer than the rule's dyad key), the rule runs on one such group at a
        time, and the story ids go to a temporary DuckDB table, not a Python dict."""
        from types import SimpleNamespace

        from ..events import link_stories

        self._check_writable()
        key = """CASE WHEN {p}_id IS NOT NULL THEN 'id:' || {p}_id
                      WHEN {p}_country IS NOT NULL OR {p}_sector IS NOT NULL
                      THEN 'code:' || coalesce({p}_country, '') || coalesce({p}_sector, '')
                      ELSE 'name:' || lower(coalesce({p}_name, '')) END"""
        a, r = key.format(p="actor"), key.format(p="recipient")
        sql = f"""SELECT type, negated, least({a}, {r}) AS k1, greatest({a}, {r}) AS k2,
                         id, date, date_text,
                         actor_id, actor_name, actor_country, actor_sector,
                         recipient_id, recipient_name, recipient_country, recipient_sector
                  FROM events ORDER BY type, negated, k1, k2"""

        def actor(id_, name, country, sector):
            if id_ is None and name is None and country is None:
                return None
            return ActorRef(id_, name or "", country, sector)

        schema = pa.schema([("id", pa.string()), ("story_id", pa.string())])
        buffer: dict[str, str] = {}
        with self._transaction() as con:
            _run(con, "CREATE OR REPLACE TEMP TABLE _stories (id VARCHAR, story_id VARCHAR)")

            def flush() -> None:
                if buffer:
                    con.register("_story_batch", pa.table(
                        {"id": list(buffer), "story_id": list(buffer.values())}, schema=schema))
                    try:
                        _run(con, "INSERT INTO _stories SELECT * FROM _story_batch")
                    finally:
                        con.unregister("_story_batch")
                    buffer.clear()

            def link(group: list[tuple]) -> None:
                mapping = link_stories(
                    SimpleNamespace(id=r[4], type=r[0], negated=r[1], date=r[5],
                                    date_text=r[6], actor=actor(*r[7:11]),
                                    recipient=actor(*r[11:15]))
                    for r in group
                )
                buffer.update(mapping)
                if len(buffer) >= self._LINK_FLUSH:
                    flush()

            reader = self._con.cursor()  # a second cursor: the writes go through `con`
            try:
                reader.execute(sql)
                group: list[tuple] = []
                while rows := reader.fetchmany(self._LINK_FETCH):
                    for row in rows:
                        if group and row[:4] != group[0][:4]:
                            link(group)
                            group = []
                        group.append(row)
                if group:
                    link(group)
            finally:
                reader.close()
            flush()
            _run(con, "UPDATE events SET story_id = s.story_id FROM _stories s "
                      "WHERE events.id = s.id AND events.story_id IS DISTINCT FROM s.story_id")
            _run(con, "DROP TABLE _stories")
            (count,) = _run(con, "SELECT count(DISTINCT story_id) FROM events")[0]
        return int(count)

    # -- reading ---------------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, list(params)).fetchall()

    def iter_mentions(self, *, unlinked: bool = False) -> Iterator[Mention]:
        """Every stored mention (``unlinked``: only those without a KB actor id)."""
        sql = ("SELECT start, \"end\", text, label, actor_id, actor_name, country, sector "
               "FROM mentions" + (" WHERE actor_id IS NULL" if unlinked else ""))
        cursor = self._con.cursor()
        try:
            cursor.execute(sql)
            while rows := cursor.fetchmany(1024):
                for start, end, text, label, id_, name, country, sector in rows:
                    actor = (None if id_ is None and name is None
                             else ActorRef(id_, name or "", country, sector))
                    yield Mention(start, end, text, label, actor)
        finally:
            cursor.close()

    def is_done(self, source: str) -> bool:
        """Whether ``source`` was finished (stored or rejected) by an earlier write."""
        return bool(self._query("SELECT 1 FROM sources_done WHERE source = ?", [source]))

    def done_sources(self, status: str | None = None) -> set[str]:
        """Every finished source, or those with ``status`` ('stored' or 'rejected')."""
        if status is None:
            return {s for (s,) in self._query("SELECT source FROM sources_done")}
        return {
            s for (s,) in self._query("SELECT source FROM sources_done WHERE status = ?", [status])
        }

    def has_article(self, article_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM articles WHERE id = ?", [article_id]))

    def seen_urls(self) -> set[str]:
        """URLs of stored articles and every http(s) source already finished (stored or
        rejected), so that feed watching fetches none of them again."""
        return {
            url
            for (url,) in self._query(
                "SELECT url FROM articles WHERE url IS NOT NULL UNION "
                "SELECT source FROM sources_done "
                "WHERE source LIKE 'http://%' OR source LIKE 'https://%'"
            )
        }

    def signatures(self) -> Iterator[tuple[str, str, bytes | None]]:
        """(article_id, content_hash, minhash) of every stored article, streamed, for
        :meth:`Deduplicator.seed`."""
        cursor = self._con.cursor()
        try:
            cursor.execute("SELECT article_id, content_hash, minhash FROM signatures")
            while chunk := cursor.fetchmany(10_000):
                for article_id, digest, minhash in chunk:
                    yield article_id, digest, bytes(minhash) if minhash is not None else None
        finally:
            cursor.close()

    def read_result(self, article_id: str) -> Result | None:
        """The Result stored for ``article_id``, rebuilt from its rows, or None."""
        cursor = self._con.cursor()
        try:
            return self._load(cursor, [article_id]).get(article_id)
        finally:
            cursor.close()

    def iter_results(self, *, chunk_size: int = 256) -> Iterator[Result]:
        """Every stored Result, ordered by article id, read ``chunk_size`` articles at a time."""
        cursor = self._con.cursor()
        try:
            ids = [i for (i,) in cursor.execute("SELECT id FROM articles ORDER BY id").fetchall()]
            for start in range(0, len(ids), chunk_size):
                chunk = ids[start:start + chunk_size]
                loaded = self._load(cursor, chunk)
                for article_id in chunk:
                    if article_id in loaded:  # deleted meanwhile
                        yield loaded[article_id]
        finally:
            cursor.close()

    @staticmethod
    def _load(cursor: Any, ids: list[str]) -> dict[str, Result]:
        cursor.register("_read_ids", pa.table({"id": pa.array(ids, pa.string())}))
        try:
            select = "SELECT * FROM {} WHERE {} IN (SELECT id FROM _read_ids) ORDER BY {}"
            articles = _dicts(cursor.execute(select.format("articles", "id", "id")))
            results = {row["id"]: Result(article=_article_from(row)) for row in articles}
            for table, build, field in (
                ("timexes", _timex_from, "timexes"),
                ("mentions", _mention_from, "mentions"),
                ("quotes", _quote_from, "quotes"),
                ("events", _event_from, "events"),
            ):
                query = select.format(table, "article_id", "article_id, idx")
                for row in _dicts(cursor.execute(query)):
                    if (result := results.get(row["article_id"])) is not None:
                        getattr(result, field).append(build(row))
            return results
        finally:
            cursor.unregister("_read_ids")

    def stats(self) -> dict[str, Any]:
        """What the store holds: counts per table, events by type, rejections by reason,
        finished sources by status, and the date range of events and articles."""
        counts = {t: self._query(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
        by_type = dict(self._query(
            "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"
        ))
        by_reason = dict(self._query(
            "SELECT reason, count(*) AS n FROM ingest_log GROUP BY reason ORDER BY n DESC, reason"
        ))
        by_status = dict(self._query(
            "SELECT status, count(*) FROM sources_done GROUP BY status ORDER BY status"
        ))
        first_event, last_event = self._query(
            "SELECT min(date_start), max(date_end) FROM events"
        )[0]
        first_pub, last_pub = self._query("SELECT min(published), max(published) FROM articles")[0]

        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "path": self.path,
            "schema_version": self.schema_version(),
            "tables": counts,
            "events_by_type": by_type,
            "rejections_by_reason": by_reason,
            "sources_by_status": by_status,
            "date_range": {
                "events_first": iso(first_event), "events_last": iso(last_event),
                "published_first": iso(first_pub), "published_last": iso(last_pub),
            },
        }
