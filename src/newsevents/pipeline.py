"""``process(articles) -> Results``: the one entry point that the CLI, the web service and
the Ray runner all call.

Articles stream through the spaCy pipeline in batches. With ``n_process > 1`` batches go to
worker processes, each of which loads the model once; at most ``2 * n_process`` batches are
in flight, so memory does not grow with the corpus, and results come back in input order.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .config import Config, load_config
from .nlp import load_pipeline
from .records import Article, Mention, Rejection, Result

log = logging.getLogger(__name__)

#: spaCy entity labels emitted as mentions when no actor component ran.
FALLBACK_MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

OnError = Callable[[Rejection], None]

__all__ = ["doc_to_result", "load_pipeline", "make_doc", "process", "process_batch"]


def make_doc(nlp: Language, article: Article, *, max_chars: int | None = None) -> Doc:
    """A tokenised Doc for ``article`` with ``doc._.article`` and ``doc._.dct`` set."""
    text = article.text
    if max_chars and len(text) > max_chars:
        # Cut at the last paragraph break before the limit so offsets stay valid.
        cut = text.rfind("\n", 0, max_chars)
        text = text[: cut if cut > 0 else max_chars]
    doc = nlp.make_doc(text)
    doc._.article = article
    doc._.dct = article.published
    return doc


def doc_to_result(doc: Doc) -> Result:
    """The typed record of a processed Doc (no spaCy objects leave this function)."""
    article: Article = doc._.article
    mentions = doc._.mentions
    if mentions is None:
        mentions = [
            Mention(ent.start_char, ent.end_char, ent.text, ent.label_)
            for ent in doc.ents
            if ent.label_ in FALLBACK_MENTION_LABELS
        ]
    return Result(
        article=article,
        timexes=list(doc._.timexes or []),
        mentions=list(mentions),
        quotes=list(doc._.quotes or []),
        events=list(doc._.events or []),
    )


def process_batch(
    nlp: Language, articles: list[Article], config: Config
) -> list[Result | Rejection]:
    """Run one batch; an article whose processing raises becomes a Rejection, the rest go on."""
    nlp_cfg = config["nlp"]
    try:
        # Strings a batch adds to the vocabulary are freed when the zone closes, so that a
        # long run's memory does not grow with every new name and number it reads. Nothing
        # spaCy-owned leaves the zone: doc_to_result turns each Doc into plain records.
        with nlp.memory_zone():
            docs = [make_doc(nlp, a, max_chars=nlp_cfg["max_chars"]) for a in articles]
            return [doc_to_result(d) for d in nlp.pipe(docs, batch_size=nlp_cfg["batch_size"])]
    except Exception:  # noqa: BLE001 - isolate the failing article below
        if len(articles) == 1:
            raise
    out: list[Result | Rejection] = []
    for article in articles:
        try:
            out.extend(process_batch(nlp, [article], config))
        except Exception as e:  # noqa: BLE001 - one bad article never stops a batch
            log.exception("processing failed for article %s", article.id)
            out.append(
                Rejection(
                    source=article.source or article.id,
                    reason="processing_error",
                    message=f"{type(e).__name__}: {e}",
                    article_id=article.id,
                )
            )
    return out


# -- worker processes -------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(config: Config) -> None:
    _WORKER["config"] = config
    _WORKER["nlp"] = load_pipeline(config)


def _run_in_worker(articles: list[Article]) -> list[Result | Rejection]:
    return process_batch(_WORKER["nlp"], articles, _WORKER["config"])


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _default_on_error(rejection: Rejection) -> None:
    log.warning("rejected %s: %s (%s)", rejection.source, rejection.reason, rejection.message)


def process(
    articles: Iterable[Article],
    *,
    config: Config | None = None,
    n_process: int | None = None,
    batch_size: int | None = None,
    on_error: OnError | None = None,
) -> Iterator[Result]:
    """Yield one Result per article, in input order.

    ``articles``: any iterable of :class:`Article` (consumed lazily). ``n_process`` and
    ``batch_size`` default to the config's ``[nlp]`` values. An article whose processing
    fails is passed to ``on_error`` as a :class:`Rejection` (default: logged) and skipped.
    """
    cfg = config or load_config()
    n = n_process or cfg["nlp"]["n_process"]
    size = batch_size or cfg["nlp"]["batch_size"]
    report = on_error or _default_on_error
    if n <= 1:
        nlp = load_pipeline(cfg)
        outcomes: Iterator[list[Result | Rejection]] = (
            process_batch(nlp, batch, cfg) for batch in _batches(articles, size)
        )
        yield from _emit(outcomes, report)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(n, initializer=_init_worker, initargs=(cfg,)) as pool:
        yield from _emit(_bounded_map(pool, _batches(articles, size), 2 * n), report)


def _bounded_map(pool: Any, batches: Iterator[list[Article]], limit: int) -> Iterator[Any]:
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(pool.apply_async(_run_in_worker, (batch,)))
        if len(pending) >= limit:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def _emit(outcomes: Iterable[list[Result | Rejection]], report: OnError) -> Iterator[Result]:
    for batch in outcomes:
        for outcome in batch:
            if isinstance(outcome, Rejection):
                report(outcome)
            else:
                yield outcome
