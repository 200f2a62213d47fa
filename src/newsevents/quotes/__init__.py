"""Quotes: who said what — direct, indirect and mixed quotations with resolved speakers.

``extract_quotes(doc)`` is a pure function over a parsed Doc; the spaCy component
``newsevents_quotes`` wraps it and writes ``doc._.quotes`` (a list of
:class:`~newsevents.records.Quote`). The component runs after ``newsevents_actors`` (whose
``doc._.mentions`` give speakers their actor) and before ``newsevents_events`` (which
attributes events inside a quote to its speaker).

>>> nlp.add_pipe("newsevents_quotes", config={"include_cognition": False})  # doctest: +SKIP
"""
from __future__ import annotations

import dataclasses

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers doc._.quotes)
from ..errors import ConfigError
from .extract import QuoteOptions, extract_quotes
from .kinds import QuotedText
from .lexicon import Lexicon, load_lexicon
from .marks import Segment, find_segments

__all__ = [
    "Lexicon",
    "QuoteOptions",
    "QuotedText",
    "QuotesComponent",
    "Segment",
    "extract_quotes",
    "find_segments",
    "load_lexicon",
    "options_from_config",
]

_OPTION_NAMES = tuple(f.name for f in dataclasses.fields(QuoteOptions))


class QuotesComponent:
    """Pipeline component: sets ``doc._.quotes`` to the list of extracted quotes."""

    def __init__(self, options: QuoteOptions) -> None:
        self.options = options
        self.lexicon = load_lexicon(options.lexicon or None)  # load data once, not per doc

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = list(extract_quotes(doc, options=self.options, lexicon=self.lexicon))
        return doc


def options_from_config(settings: dict) -> QuoteOptions:
    """QuoteOptions from the keys of the [quotes] config section; raises ConfigError naming
    an unknown key and the valid ones."""
    unknown = set(settings) - set(_OPTION_NAMES)
    if unknown:
        raise ConfigError(
            f"[E510] Unknown [quotes] settings {sorted(unknown)}. "
            f"Available: {', '.join(_OPTION_NAMES)}"
        )
    return QuoteOptions(**settings)


_DEFAULTS = QuoteOptions()


@Language.factory(
    "newsevents_quotes",
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config={name: getattr(_DEFAULTS, name) for name in _OPTION_NAMES},
)
def make_quotes_component(
    nlp: Language,
    name: str,
    min_quote_words: int,
    max_cue_gap: int,
    include_cognition: bool,
    scope: str,
    resolve_window: int,
    forward_window: int,
    headline_quotes: bool,
    headline_max_words: int,
    lexicon: str,
) -> QuotesComponent:
    """The ``newsevents_quotes`` factory; its settings are the [quotes] config section."""
    return QuotesComponent(
        QuoteOptions(
            min_quote_words=min_quote_words,
            max_cue_gap=max_cue_gap,
            include_cognition=include_cognition,
            scope=scope,
            resolve_window=resolve_window,
            forward_window=forward_window,
            headline_quotes=headline_quotes,
            headline_max_words=headline_max_words,
            lexicon=lexicon,
        )
    )
