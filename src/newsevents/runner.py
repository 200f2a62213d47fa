"""Ingest + process + store: what ``newsevents run`` and ``newsevents watch`` do.

Items (Articles and Rejections from the readers) stream through: skip what the store has
already finished (resumable runs), drop duplicates, run the NLP pipeline in bounded batches,
and write each article's rows in one transaction together with its source key. A run killed
at any moment and started again therefore finishes with every article stored exactly once.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, load_config
from .errors import InputError
from .records import Article, Rejection, Result

#: Rejection reasons that are policy, not problems: ``--strict`` does not stop on them.
BENIGN_REASONS = frozenset({"duplicate", "near_duplicate"})
#: How many rejections a summary keeps for display (all are stored in ingest_log).
SUMMARY_REJECTIONS = 50


@dataclass
class RunSummary:
    """What a run did. ``rejected`` counts by reason; ``rejections`` keeps the first few."""

    stored: int = 0
    skipped: int = 0  # already finished in an earlier run
    rejected: Counter[str] = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)
    timexes: int = 0
    mentions: int = 0
    quotes: int = 0
    events: int = 0
    stories: int = 0  # distinct happenings among all events in the store after the run
    words: int = 0
    elapsed: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.stored / self.elapsed if self.elapsed else 0.0

    def add_result(self, result: Result) -> None:
        self.stored += 1
        self.timexes += len(result.timexes)
        self.mentions += len(result.mentions)
        self.quotes += len(result.quotes)
        self.events += len(result.events)
        self.words += len(result.article.text.split())

    def add_rejection(self, rejection: Rejection) -> None:
        self.rejected[rejection.reason] += 1
        if len(self.rejections) < SUMMARY_REJECTIONS:
            self.rejections.append(rejection)


Progress = Callable[[RunSummary], None]


def run(
    items: Iterable[Article | Rejection],
    store,
    *,
    config: Config | None = None,
    strict: bool = False,
    force: bool = False,
    on_progress: Progress | None = None,
) -> RunSummary:
    """Process ``items`` into ``store`` (a :class:`newsevents.store.Store`).

    ``force`` re-processes sources the store has already finished (their rows are replaced).
    ``strict`` raises InputError on the first rejection that is not a duplicate.
    ``on_progress`` is called with the running summary after every stored or rejected item.
    """
    from .ingest.dedup import Deduplicator
    from .pipeline import process

    cfg = config or load_config()
    summary = RunSummary()
    started = time.perf_counter()
    dedup = Deduplicator.from_config(cfg)
    dedup.seed(store.signatures())
    signatures: dict[str, tuple[str, bytes]] = {}

    def tick() -> None:
        summary.elapsed = time.perf_counter() - started
        if on_progress:
            on_progress(summary)

    def reject(rejection: Rejection) -> None:
        if strict and rejection.reason not in BENIGN_REASONS:
            raise InputError(rejection.reason, rejection.message, rejection.source)
        store.log_rejection(rejection)
        summary.add_rejection(rejection)
        tick()

    # One indexed look-up per item (~0.3 ms) rather than a set of every finished source,
    # so that memory does not grow with the store.
    def admitted() -> Iterator[Article]:
        for item in items:
            if not force and store.is_done(item.source):
                summary.skipped += 1
                continue
            if isinstance(item, Rejection):
                reject(item)
                continue
            duplicate = dedup.check(item)
            if duplicate is not None:
                reject(duplicate)
                continue
            signatures[item.id] = dedup.signature_of(item)
            yield item

    def processed() -> Iterator[Result]:
        for result in process(admitted(), config=cfg, on_error=reject):
            summary.add_result(result)
            tick()
            yield result

    # Several articles per transaction (one transaction per article costs ~20 ms in DuckDB);
    # each article is still all-or-nothing, and a kill loses at most the unwritten batch,
    # which the next run processes again because its sources are not marked done.
    store.write_many(processed(), signature=lambda a: signatures.pop(a.id, (None, None)))
    if summary.stored:
        summary.stories = store.link_stories()
    tick()
    return summary


def run_sources(
    sources: Iterable[str | Path],
    store,
    *,
    config: Config | None = None,
    strict: bool = False,
    force: bool = False,
    on_progress: Progress | None = None,
) -> RunSummary:
    """Read ``sources`` (paths, directories, URLs, "-") and :func:`run` them into ``store``."""
    from .ingest import read_inputs

    cfg = config or load_config()
    items = read_inputs(sources, config=cfg, strict=strict)
    return run(items, store, config=cfg, strict=strict, force=force, on_progress=on_progress)
