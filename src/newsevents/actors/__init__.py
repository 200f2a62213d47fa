"""Actors: who is who. A knowledge base of countries, organisations, armed groups and
office holders with dated roles; mention linking; country + sector codes.

The spaCy component ``newsevents_actors`` writes ``doc._.mentions`` (a list of
:class:`~newsevents.records.Mention`, each with its :class:`~newsevents.records.ActorRef`).
Other stages code their own noun phrases with :func:`code_span`.

>>> from newsevents.actors import code_text
>>> code_text("Iraqi Parliament").code
'IRQLEG'
"""
from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers doc._.mentions)
from ..records import Mention
from .kb import Agent, Entry, KnowledgeBase, Problem, Role, load_kb
from .link import Settings, code_span, code_text, extract_mentions, set_active_kb
from .report import unknown_names

log = logging.getLogger(__name__)

__all__ = [
    "ActorLinker", "Agent", "Entry", "KnowledgeBase", "Problem", "Role", "code_span",
    "code_text", "extract_mentions", "load_kb", "unknown_names",
]


class ActorLinker:
    """The pipeline component: finds and codes the actor mentions of each Doc."""

    def __init__(self, kb: KnowledgeBase, settings: Settings) -> None:
        self.kb = kb
        self.settings = settings
        set_active_kb(kb)

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = self.mentions(doc)
        return doc

    def mentions(self, doc: Doc) -> list[Mention]:
        return extract_mentions(doc, self.kb, self.settings)


@Language.factory(
    "newsevents_actors",
    assigns=["doc._.mentions"],
    requires=["token.dep", "doc.ents"],
    default_config={
        "extra": [],
        "city_min_population": 200000,
        "pronoun_window": 3,
        "group_pronoun_window": 2,
        "person_description_window": 2,
        "description_window": 2,
        "labels": ["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"],
        "document_country_share": 0.7,
        "document_country_min": 3,
    },
)
def make_actor_linker(
    nlp: Language,
    name: str,
    extra: list[str],
    city_min_population: int,
    pronoun_window: int,
    group_pronoun_window: int,
    person_description_window: int,
    description_window: int,
    labels: list[str],
    document_country_share: float,
    document_country_min: int,
) -> ActorLinker:
    """Build the component from the [actors] config section. The KB is loaded here, once,
    so a missing or empty dictionary path fails at start-up (KnowledgeBaseError)."""
    kb = load_kb(tuple(extra), city_min_population=city_min_population)
    settings = Settings(frozenset(labels), pronoun_window, description_window,
                        document_country_share, document_country_min,
                        group_pronoun_window=group_pronoun_window,
                        person_description_window=person_description_window)
    return ActorLinker(kb, settings)
