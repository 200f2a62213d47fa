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


class Intake:
    """What every way into the store shares (:func:`run`, and ``newsevents import`` of a
    Ray run's shards): the running summary and its clock, rejections logged in the store,
    sources finished by an earlier run skipped, duplicates of stored or earlier articles
    rejected, and the batched write with the story links after it.

    ``force`` re-processes finished sources (their rows are replaced); ``strict`` raises
    InputError on the first rejection that is not a duplicate; ``on_progress`` is called
    with the summary after every stored or rejected item.
    """

    def __init__(self, store, config: Config, *, strict: bool = False, force: bool = False,
                 on_progress: Progress | None = None) -> None:
        from .ingest.dedup import Deduplicator

        self.store = store
        self.summary = RunSummary()
        self._strict, self._force, self._on_progress = strict, force, on_progress
        self._started = time.perf_counter()
        self._dedup = Deduplicator.from_config(config)
        self._dedup.seed(store.signatures())
        self._signatures: dict[str, tuple[str, bytes | None]] = {}

    def tick(self) -> None:
        self.summary.elapsed = time.perf_counter() - self._started
        if self._on_progress:
            self._on_progress(self.summary)

    def reject(self, rejection: Rejection) -> None:
        if self._strict and rejection.reason not in BENIGN_REASONS:
            raise InputError(rejection.reason, rejection.message, rejection.source)
        self.store.log_rejection(rejection)
        self.summary.add_rejection(rejection)
        self.tick()

    def finished(self, source: str) -> bool:
        """Whether an earlier run finished ``source`` (then it is counted as skipped). One
        indexed look-up per item (~0.3 ms) rather than a set of every finished source, so
        that memory does not grow with the store."""
        if self._force or not self.store.is_done(source):
            return False
        self.summary.skipped += 1
        return True

    def unique(self, article: Article) -> bool:
        """False (and the duplicate rejected) when ``article`` repeats one already seen."""
        duplicate = self._dedup.check(article)
        if duplicate is not None:
            self.reject(duplicate)
            return False
        self._signatures[article.id] = self._dedup.signature_of(article)
        return True

    def count(self, result: Result) -> Result:
        self.summary.add_result(result)
        self.tick()
        return result

    def write(self, results: Iterable[Result]) -> RunSummary:
        """Store ``results`` and link stories across the whole store; the final summary."""
        # Several articles per transaction (one transaction per article costs ~20 ms in
        # DuckDB); each article is still all-or-nothing, and a kill loses at most the
        # unwritten batch, which the next run processes again as its sources are not done.
        self.store.write_many(
            results, signature=lambda a: self._signatures.pop(a.id, (None, None))
        )
        if self.summary.stored:
            self.summary.stories = self.store.link_stories()
        self.tick()
        return self.summary


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
    from .pipeline import process

    cfg = config or load_config()
    intake = Intake(store, cfg, strict=strict, force=force, on_progress=on_progress)

    def admitted() -> Iterator[Article]:
        for item in items:
            if intake.finished(item.source):
                continue
            if isinstance(item, Rejection):
                intake.reject(item)
            elif intake.unique(item):
                yield item

    processed = process(admitted(), config=cfg, on_error=intake.reject)
    return intake.write(intake.count(result) for result in processed)


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
