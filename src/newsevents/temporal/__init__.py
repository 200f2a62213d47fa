"""Temporal expressions: recognition and TIMEX3 normalisation against the publication date.

The spaCy component ``newsevents_timexes`` (registered here) runs right after the model and
writes ``doc._.timexes`` (a list of :class:`~newsevents.records.Timex`, character offsets
into ``doc.text``). When ``doc._.dct`` is None it infers the most likely publication date
from the article's own expressions, sets ``doc._.dct`` to it and records it on
``doc._.article`` with ``published_source = "inferred"``.

The pure functions work without the component:

* :func:`extract_timexes` ``(doc, *, dct) -> Iterator[Timex]`` over a parsed Doc;
* :func:`normalize` ``(text, dct, *, tense=None, anchor=None) -> (type, value, mod) | None``
  for one expression;
* :func:`infer_dct` ``(explicit, *, gap_days=7) -> str | None`` from ``(value, tense)`` pairs.

Words and patterns live in ``data/lexicon.yaml`` and ``data/rules.yaml``.
"""
from __future__ import annotations

import logging
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers the Doc attributes)
from ..config import load_config
from .dct import infer_dct
from .extract import TimexExtractor, extract_timexes
from .normalize import normalize

__all__ = ["TimexComponent", "TimexExtractor", "extract_timexes", "infer_dct", "normalize"]

log = logging.getLogger(__name__)

#: The factory's defaults are the shipped [temporal] section of config.toml.
_DEFAULTS: dict[str, Any] = dict(load_config()["temporal"])


class TimexComponent:
    """Writes ``doc._.timexes``; infers ``doc._.dct`` when it is missing (see module doc)."""

    def __init__(self, *, infer_dct: bool = True, **settings: int) -> None:
        """``settings``: the keyword options of :class:`TimexExtractor`."""
        self.infer_dct = infer_dct
        self.extractor = TimexExtractor(**settings)

    def __call__(self, doc: Doc) -> Doc:
        candidates = self.extractor.candidates(doc)
        dct = doc._.dct
        if dct is None and self.infer_dct:
            dct = self.extractor.infer(doc, candidates)
            if dct is not None:
                doc._.dct = dct
                article = doc._.article
                if article is not None and article.published is None:
                    article.published = dct
                    article.published_source = "inferred"
                log.debug("inferred publication date %s", dct)
        doc._.timexes = list(self.extractor.resolve(doc, candidates, dct))
        return doc


@Language.factory(
    "newsevents_timexes",
    assigns=["doc._.timexes", "doc._.dct"],
    requires=["token.tag", "token.dep", "token.lemma", "token.ent_type"],
    default_config=_DEFAULTS,
)
def make_timex_component(nlp: Language, name: str, infer_dct: bool, lookback_tokens: int,
                         dct_gap_days: int, tense_penalty_days: int, month_penalty_days: int,
                         report_window_chars: int, dateline_chars: int) -> TimexComponent:
    """The ``newsevents_timexes`` component; settings are the [temporal] config section."""
    return TimexComponent(infer_dct=infer_dct, lookback_tokens=lookback_tokens,
                          dct_gap_days=dct_gap_days, tense_penalty_days=tense_penalty_days,
                          month_penalty_days=month_penalty_days,
                          report_window_chars=report_window_chars,
                          dateline_chars=dateline_chars)
