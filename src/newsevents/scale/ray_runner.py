"""The Ray runner: the pipeline over a Ray cluster (or a local Ray), Parquet shards out.

    summary = run_ray(["corpus/"], "shards/", workers=8)          # local Ray, 8 workers
    summary = run_ray(["/data/warc/"], "/data/out", address="auto") # an existing cluster
    with Store("newsevents.duckdb") as store:
        import_shards("shards/", store)

The dataset flows through four Ray Data stages:

1. **read**: one task per group of units (:func:`~newsevents.scale.shards.plan_units`: the
   files of the sources), reading with our own readers rather than Ray's JSON/Parquet
   readers, so that every item gets the same ``source`` key, extraction, cleaning and
   rejections as in a single-process run, and WARC and HTML need no second implementation.
   Reading parallelises over files; a single huge file is read by one task.
2. **repartition** into blocks of ``[scale] batch_size`` rows (streaming), so that a large
   JSONL or WARC file spreads over every worker instead of going to one.
3. **annotate**: an actor pool of ``workers`` actors (``ActorPoolStrategy(size=N)``), each
   loading the spaCy pipeline once and running :func:`newsevents.pipeline.process_batch`;
   an article whose processing fails becomes a ``processing_error`` rejection row.
4. **write** Parquet shards (columns: :data:`~newsevents.scale.shards.SHARD_SCHEMA`).

Deduplication needs every earlier article and so happens at import, in input order, which
is why the store ends up as a single-process run leaves it (duplicates are processed on the
cluster and dropped at import: cheap next to a coordinated global index).

On a cluster (``address``), every node needs newsevents (same version, with its model)
installed and the input paths mounted at the same place; ``out_dir`` must be shared
storage too, or a URI Ray's Parquet writer takes, such as ``s3://bucket/run`` (the summary
then has no counts, and the shards must be copied to a local or mounted folder to import).
"""
from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..config import Config, load_config
from ..errors import ConfigError, NewsEventsError
from ..records import Rejection, Result
from .shards import (
    PARQUET_EXTS,
    article_from_row,
    item_row,
    outcome_row,
    plan_units,
    read_unit,
    rows_table,
)

log = logging.getLogger(__name__)

__all__ = ["RaySummary", "run_ray"]

#: At most this many reading tasks: each reads a group of units in turn (a folder of a
#: million files should not become a million Ray tasks).
MAX_READ_TASKS = 1024


@dataclass
class RaySummary:
    """What a Ray run wrote: counts read back from its shards, and how long it took."""

    out_dir: str
    workers: int
    shards: int = 0
    articles: int = 0  # processed into results (duplicates included: they drop at import)
    rejected: Counter[str] = field(default_factory=Counter)
    events: int = 0
    words: int = 0
    elapsed: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.elapsed if self.elapsed else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.elapsed if self.elapsed else 0.0


def run_ray(
    sources: Iterable[str | Path],
    out_dir: str | Path,
    *,
    workers: int | None = None,
    address: str | None = None,
    config: Config | None = None,
) -> RaySummary:
    """Process ``sources`` (files, directories, URLs, as for ``newsevents run``) on Ray and
    write Parquet shards into ``out_dir``, for :func:`~newsevents.scale.import_shards`.

    ``workers``: pipeline actors (default ``[scale] workers``; 0 = as many as there are
    CPUs). ``address``: a Ray cluster to join (``"auto"``, ``"ray://host:10001"``); without
    one, a Ray already initialised in this process is used, else a local one is started
    (and stopped again at the end). Raises NewsEventsError when Ray is not installed,
    ConfigError for bad settings or an ``out_dir`` that already holds shards.
    """
    cfg = config or load_config()
    scale = cfg["scale"]
    wanted = int(scale["workers"] if workers is None else workers)
    if wanted < 0:
        raise ConfigError(f"[E811] workers must be 0 (one per CPU) or more, got {wanted}")
    if int(scale["batch_size"]) < 1:
        raise ConfigError(f"[E812] scale.batch_size must be at least 1, got "
                          f"{scale['batch_size']}")
    out = str(out_dir)
    _check_out_dir(out)
    ray = _import_ray()
    units = plan_units(sources)
    started_here = _connect(ray, address, wanted, scale)
    _quiet(ray)
    try:
        n_workers = wanted or _auto_workers(ray, scale)
        summary = RaySummary(out_dir=out, workers=n_workers)
        started = time.perf_counter()
        if units:
            _dataset(ray, units, n_workers, cfg).write_parquet(
                out, ray_remote_args={"num_cpus": float(scale["io_cpus"])}
            )
        summary.elapsed = time.perf_counter() - started
    finally:
        if started_here:
            ray.shutdown()
    _count(summary)
    log.info("ray run: %d articles, %d rejected, %d shards in %.1f s", summary.articles,
             sum(summary.rejected.values()), summary.shards, summary.elapsed)
    return summary


# -- stages ---------------------------------------------------------------------------


def _dataset(ray: Any, units: list[str], workers: int, cfg: Config) -> Any:
    scale = cfg["scale"]
    batch_size = int(scale["batch_size"])
    io_cpus = float(scale["io_cpus"])
    units_ds = ray.data.from_items(
        [{"unit": i, "name": name} for i, name in enumerate(units)],
        override_num_blocks=min(len(units), MAX_READ_TASKS),
    )
    items = units_ds.map_batches(
        _read_units, fn_kwargs={"config": cfg, "rows_per_table": batch_size},
        batch_size=1, batch_format="pyarrow", num_cpus=io_cpus,
    )
    return items.repartition(target_num_rows_per_block=batch_size).map_batches(
        Annotator, fn_constructor_kwargs={"config": cfg},
        batch_size=batch_size, batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=float(scale["worker_cpus"]),
    )


def _read_units(batch: pa.Table, *, config: Config, rows_per_table: int) -> Iterator[pa.Table]:
    """Stage 1: the items of each unit in ``batch`` as rows (read in tasks, on any node)."""
    for unit, name in zip(batch["unit"].to_pylist(), batch["name"].to_pylist(), strict=True):
        rows: list[dict[str, Any]] = []
        for position, item in enumerate(read_unit(name, config)):
            rows.append(item_row(unit, position, item))
            if len(rows) >= rows_per_table:
                yield rows_table(rows)
                rows = []
        if rows:
            yield rows_table(rows)


class Annotator:
    """Stage 3: a Ray actor holding one loaded pipeline; turns ``article`` rows into
    ``result`` (or ``processing_error`` rejection) rows and passes rejections through."""

    def __init__(self, config: Config) -> None:
        from ..nlp import load_pipeline

        self.config = config
        self.nlp = load_pipeline(config)

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = batch.to_pylist()
        todo = [row for row in rows if row["kind"] == "article"]
        outcomes = iter(self._process([article_from_row(row) for row in todo]))
        return rows_table([
            outcome_row(row, next(outcomes)) if row["kind"] == "article" else row
            for row in rows
        ])

    def _process(self, articles: list) -> list[Result | Rejection]:
        from ..pipeline import process_batch

        if not articles:
            return []
        try:
            return process_batch(self.nlp, articles, self.config)
        except Exception as e:  # noqa: BLE001 - process_batch re-raises for a lone article
            article = articles[0]
            log.exception("processing failed for article %s", article.id)
            return [Rejection(source=article.source or article.id, reason="processing_error",
                              message=f"{type(e).__name__}: {e}", article_id=article.id)]


# -- Ray and the output folder ----------------------------------------------------------


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as e:
        raise NewsEventsError(
            f"[E810] The Ray runner needs Ray Data: pip install 'newsevents[ray]' ({e})"
        ) from e
    return ray


def _connect(ray: Any, address: str | None, workers: int, scale: dict[str, Any]) -> bool:
    """Make sure Ray is initialised; True when this call started it (and must stop it)."""
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                               "logging_level": logging.WARNING}
    if address:
        ray.init(address=address, **options)
        return True
    cpus = int(scale["local_cpus"]) or os.cpu_count() or 1
    need = (workers or cpus) * float(scale["worker_cpus"]) + 1
    # Logical CPUs: every worker holds one, and reading/writing tasks need a share beside.
    options["num_cpus"] = max(cpus, int(need + 0.999))
    if int(scale["object_store_mb"]):
        options["object_store_memory"] = int(scale["object_store_mb"]) * 1024 * 1024
    ray.init(**options)
    return True


def _quiet(ray: Any) -> None:
    # The library never prints: no progress bars or execution banners from Ray Data.
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False


def _auto_workers(ray: Any, scale: dict[str, Any]) -> int:
    cpus = float(ray.cluster_resources().get("CPU", 1))
    return max(1, int((cpus - 1) // float(scale["worker_cpus"])))


def _check_out_dir(out: str) -> None:
    if "://" in out:
        return  # a remote URI: Ray's writer checks it
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise ConfigError(f"[E813] --out {out!r} is a file; give a folder for the shards")
    if path.is_dir() and any(p.suffix in PARQUET_EXTS for p in path.rglob("*")):
        raise ConfigError(
            f"[E814] --out folder {out!r} already holds Parquet shards of an earlier run; "
            f"import them (newsevents import {out}) or give an empty folder"
        )


def _count(summary: RaySummary) -> None:
    """Fill the counts of ``summary`` from the shards just written (a column scan)."""
    import pyarrow.dataset as pads

    path = Path(summary.out_dir)
    if "://" in summary.out_dir or not path.is_dir():
        return
    files = sorted(p for p in path.rglob("*") if p.suffix in PARQUET_EXTS)
    summary.shards = len(files)
    if not files:
        return
    table = pads.dataset([str(f) for f in files], format="parquet").to_table(
        columns=["kind", "reason", "events", "words"])
    for kind, reason, events, words in zip(*(table[c].to_pylist() for c in table.column_names),
                                           strict=True):
        if kind == "result":
            summary.articles += 1
            summary.events += events or 0
            summary.words += words or 0
        else:
            summary.rejected[reason] += 1
