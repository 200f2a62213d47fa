"""The Ray runner's units of work and its Parquet shards, and ``import_shards`` which loads
them into a store. Nothing here needs Ray: shards written on a cluster import anywhere.

**Units.** :func:`plan_units` expands the sources of a run into units that read
independently: each file of a directory (walked as :func:`~newsevents.ingest.read_inputs`
walks it: sorted, hidden entries and metadata sidecars skipped), each file, URL or ``-``.
A unit is read by :func:`read_unit` with our own readers (``read_inputs`` on that one file,
so its items carry the same ``source`` keys and go through the same extraction, cleaning
and language checks as a single-process run), or, for ``.parquet`` inputs, which
``read_inputs`` does not know, row by row through the same JSON-record path.

**Shards.** One row per input item (:data:`SHARD_SCHEMA`): ``unit`` and ``position`` (where
the item was read: the order of a single-process run), ``kind`` (``article`` between the
stages; ``result`` or ``rejection`` in written shards), ``id``, ``source``, ``reason`` (of a
rejection), ``events`` and ``words`` (counts for summaries) and ``record``: the item as a
JSON string (``Result.to_dict()``, or the Rejection's fields).

**Import.** :func:`import_shards` reads the rows back in input order and does what the
single-process runner does after the NLP stage: skip sources the store has finished, drop
duplicates (exact and near, against the store and earlier rows), write results with
``Store.write_many`` and rejections with ``Store.log_rejection``, then relink stories
(``Store.link_stories``). Importing the same shards twice therefore adds nothing, and the
store ends as a single-process run leaves it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..config import Config, load_config
from ..errors import InputError
from ..records import Article, Rejection, Result, result_from_dict, to_dict

log = logging.getLogger(__name__)

__all__ = [
    "SHARD_SCHEMA",
    "article_from_row",
    "import_shards",
    "item_row",
    "outcome_row",
    "plan_units",
    "read_unit",
    "shard_files",
]

#: Columns of the rows between the Ray stages and of the written shards.
SHARD_SCHEMA = pa.schema([
    ("unit", pa.int64()),
    ("position", pa.int64()),
    ("kind", pa.string()),
    ("id", pa.string()),
    ("source", pa.string()),
    ("reason", pa.string()),
    ("events", pa.int64()),
    ("words", pa.int64()),
    ("record", pa.large_string()),
])
KINDS = ("article", "result", "rejection")
PARQUET_EXTS = (".parquet", ".pq")
_URL_PREFIXES = ("http://", "https://")
#: Parquet input rows decoded per batch (bounds memory on large row groups).
_PARQUET_BATCH_ROWS = 1024


# -- units ------------------------------------------------------------------------------


def plan_units(sources: Iterable[str | Path]) -> list[str]:
    """The units of ``sources``: directories expanded to their files (recursively, sorted,
    hidden entries and metadata sidecars skipped, as ``read_inputs`` reads them); files,
    URLs and ``-`` as given. A directory that cannot be listed stays one unit, so that
    reading it yields its "unreadable" rejection."""
    from ..ingest.readers import _sidecars  # which files are metadata of another file

    units: list[str] = []
    seen_dirs: set[str] = set()

    def walk(root: Path) -> None:
        real = os.path.realpath(root)
        if real in seen_dirs:  # a symlink loop, or the same folder given twice
            return
        seen_dirs.add(real)
        try:
            with os.scandir(root) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            units.append(str(root))
            return
        visible = [e for e in entries if not e.name.startswith(".")]
        skip = _sidecars({e.name for e in visible})
        for entry in visible:
            if entry.name in skip:
                continue
            child = root / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                walk(child)
            else:
                units.append(str(child))

    for source in sources:
        text = str(source)
        if text == "-" or text.startswith(_URL_PREFIXES) or not Path(text).is_dir():
            units.append(text)
        else:
            walk(Path(text))
    return units


def read_unit(unit: str, config: Config) -> Iterator[Article | Rejection]:
    """The Articles and Rejections of one unit, in reading order (never raises for bad
    input: it becomes a Rejection)."""
    if unit.lower().endswith(PARQUET_EXTS) and Path(unit).is_file():
        yield from _read_parquet(unit, config)
        return
    from ..ingest import read_inputs

    yield from read_inputs([unit], config=config)


def _read_parquet(path: str, config: Config) -> Iterator[Article | Rejection]:
    """Rows of a Parquet file of articles (the columns of a JSON Lines record: ``id``,
    ``text`` or ``html``, ``url``, ``title``, ...), each keyed ``path#R<row>``."""
    # _Reader.json_record is the one place that turns a record into an Article; Parquet
    # rows go through it so that they are cleaned and checked like JSON Lines records.
    from ..ingest.readers import _Reader

    reader = _Reader(config)
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as e:
        yield Rejection(path, "unreadable", f"[E800] {path!r} is not a readable Parquet "
                        f"file: {type(e).__name__}: {e}")
        return
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS):
            for record in batch.to_pylist():
                row += 1
                key = f"{path}#R{row}"
                yield reader.json_record(_json_ready(record), key, None)
    except (OSError, pa.ArrowException) as e:
        yield Rejection(f"{path}#R{row + 1}", "unreadable", f"[E801] {path!r} cannot be "
                        f"read past row {row}: {type(e).__name__}: {e}")


def _json_ready(record: dict[str, Any]) -> dict[str, Any]:
    # Parquet has typed dates; a JSON record would carry them as ISO strings.
    return {
        name: value.isoformat() if isinstance(value, dt.date | dt.datetime) else value
        for name, value in record.items()
    }


# -- rows -------------------------------------------------------------------------------


def item_row(unit: int, position: int, item: Article | Rejection) -> dict[str, Any]:
    """The row of an item read from ``unit`` at ``position``: an ``article`` to process or
    a ``rejection`` passed through to the shards."""
    if isinstance(item, Rejection):
        return _rejection_row(unit, position, item)
    return {
        "unit": unit, "position": position, "kind": "article", "id": item.id,
        "source": item.source or item.id, "reason": None, "events": None,
        "words": len(item.text.split()), "record": json.dumps(to_dict(item), ensure_ascii=False),
    }


def article_from_row(row: dict[str, Any]) -> Article:
    """The Article of an ``article`` row."""
    return result_from_dict({"article": json.loads(row["record"])}).article


def outcome_row(row: dict[str, Any], outcome: Result | Rejection) -> dict[str, Any]:
    """The shard row of an ``article`` row once processed: a ``result`` or a ``rejection``."""
    if isinstance(outcome, Rejection):
        return _rejection_row(row["unit"], row["position"], outcome)
    return dict(
        row, kind="result", events=len(outcome.events),
        record=json.dumps(outcome.to_dict(), ensure_ascii=False),
    )


def _rejection_row(unit: int, position: int, rejection: Rejection) -> dict[str, Any]:
    return {
        "unit": unit, "position": position, "kind": "rejection", "id": rejection.article_id,
        "source": rejection.source, "reason": rejection.reason, "events": None, "words": None,
        "record": json.dumps(to_dict(rejection), ensure_ascii=False),
    }


def rows_table(rows: list[dict[str, Any]]) -> pa.Table:
    """``rows`` as an Arrow table of :data:`SHARD_SCHEMA` (explicit, so that a batch whose
    column is all null still writes the same Parquet schema as the others)."""
    return pa.Table.from_pylist(rows, schema=SHARD_SCHEMA)


# -- import -----------------------------------------------------------------------------


def shard_files(folder: str | Path) -> list[Path]:
    """The Parquet shards under ``folder`` (recursively), sorted. Raises InputError when
    the folder is missing or holds none, or when a file lacks the shard columns."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError("unreadable", f"[E802] Shard folder {str(root)!r} does not exist "
                         "or is not a folder; give the --out folder of a Ray run", str(root))
    files = sorted(p for p in root.rglob("*") if p.suffix in PARQUET_EXTS and p.is_file())
    if not files:
        raise InputError("empty", f"[E803] {str(root)!r} holds no Parquet shards "
                         f"({', '.join(PARQUET_EXTS)} files)", str(root))
    expected = set(SHARD_SCHEMA.names)
    for file in files:
        try:
            names = set(pq.read_schema(file).names)
        except (OSError, pa.ArrowException) as e:
            raise InputError("unreadable", f"[E804] Shard {str(file)!r} is not a readable "
                             f"Parquet file: {type(e).__name__}: {e}", str(file)) from e
        if missing := expected - names:
            raise InputError("bad_record", f"[E805] {str(file)!r} is not a newsevents shard: "
                             f"it lacks the columns {sorted(missing)} (shard columns: "
                             f"{', '.join(SHARD_SCHEMA.names)})", str(file))
    return files


def _rows_in_order(files: list[Path], memory_limit: str) -> Iterator[dict[str, Any]]:
    """Shard rows of ``kind`` result or rejection, in input order, streamed. DuckDB sorts
    (and spills to disk past ``memory_limit``), so that memory does not grow with the
    number of rows."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute(f"SET memory_limit = '{_memory(memory_limit)}'")
        con.execute("SET preserve_insertion_order = false")
        columns = ", ".join(SHARD_SCHEMA.names)
        cursor = con.execute(
            f"SELECT {columns} FROM read_parquet($files) "
            "WHERE kind IN ('result', 'rejection') ORDER BY unit, position",
            {"files": [str(f) for f in files]},
        )
        names = [d[0] for d in cursor.description]
        while chunk := cursor.fetchmany(1024):
            for values in chunk:
                yield dict(zip(names, values, strict=True))
    finally:
        con.close()


def _memory(value: str) -> str:
    text = str(value).strip()
    number = text.rstrip("KMGTBkmgtib ")
    if not number.replace(".", "", 1).isdigit():
        from ..errors import ConfigError

        raise ConfigError(f"[E806] scale.import_memory must be a size like '1GB' or '512MB', "
                          f"got {value!r}")
    return text


def import_shards(
    folder: str | Path,
    store,
    *,
    config: Config | None = None,
    force: bool = False,
    on_progress: Callable[[Any], None] | None = None,
):
    """Load the shards of a Ray run (:func:`~newsevents.scale.run_ray`) under ``folder``
    into ``store`` (a :class:`newsevents.store.Store`); return a
    :class:`newsevents.runner.RunSummary` (``stored``: articles written now).

    Sources the store has finished are skipped unless ``force``; duplicates of stored or
    earlier articles are logged as rejections, as a single-process run logs them. Raises
    InputError when ``folder`` holds no shards or a file is not one, StoreError when the
    store cannot be written.
    """
    from ..runner import Intake

    cfg = config or load_config()
    files = shard_files(folder)
    intake = Intake(store, cfg, force=force, on_progress=on_progress)

    def results() -> Iterator[Result]:
        for row in _rows_in_order(files, cfg["scale"]["import_memory"]):
            if intake.finished(row["source"]):
                continue
            record = json.loads(row["record"])
            if row["kind"] == "rejection":
                intake.reject(_rejection(record))
                continue
            result = result_from_dict(record)
            if intake.unique(result.article):
                yield intake.count(result)

    summary = intake.write(results())
    log.info("imported %d articles from %d shards in %s", summary.stored, len(files), folder)
    return summary


def _rejection(record: dict[str, Any]) -> Rejection:
    names = {f.name for f in dataclasses.fields(Rejection)}
    return Rejection(**{k: v for k, v in record.items() if k in names})
