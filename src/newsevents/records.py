"""Typed records that leave the pipeline (the output contract of DESIGN.md).

Records are plain dataclasses: picklable (they cross process boundaries), free of spaCy
objects, and turned into JSON-ready dicts with :func:`to_dict`. Character offsets always
index into ``Article.text``.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "intended", "demanded", "hypothetical", "denied", "reported_claim"]
QuoteKind = Literal["direct", "indirect", "mixed"]

#: Where ``Article.published`` came from, best first.
PublishedSource = Literal["given", "metadata", "url", "dateline", "inferred"]


@dataclass(slots=True)
class Furniture:
    """A piece of page furniture removed from the text (caption, footer, breadcrumb...)."""

    kind: str
    text: str


@dataclass(slots=True)
class Article:
    """One news article after ingest: clean text plus metadata."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    section: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    published_source: PublishedSource | None = None
    language: str | None = None
    source: str | None = None  # where it was read from: path, URL, path#line
    dateline: str | None = None  # place named in a wire dateline ("ANCHORAGE, Alaska")
    furniture: list[Furniture] = field(default_factory=list)
    duplicate_of: str | None = None


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class ActorRef:
    """An actor as coded: a KB id (or None for unlinked), country and sector codes."""

    id: str | None
    name: str
    country: str | None = None
    sector: str | None = None

    @property
    def code(self) -> str:
        return f"{self.country or '---'}{self.sector or ''}"


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    mod: str | None = None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str | None = None  # NER label or noun-phrase kind
    actor: ActorRef | None = None


@dataclass(slots=True)
class Speaker:
    start: int | None
    end: int | None
    text: str
    actor: ActorRef | None = None


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    kind: QuoteKind
    cue: Span | None = None
    speaker: Speaker | None = None


@dataclass(slots=True)
class Location:
    text: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class Event:
    id: str
    type: str  # PLOVER category
    mode: str | None
    cameo: str | None
    actor: ActorRef | None
    recipient: ActorRef | None
    date: str | None
    date_text: str | None
    location: Location | None
    negated: bool
    modality: Modality
    attributed_to: str | None
    sentence: Span
    trigger: Span
    confidence: float
    quad_class: int | None = None  # PLOVER/CAMEO quad class 1..4 (verbal/material coop/conflict)
    intensity: float | None = None  # PLOVER intensity score of the category/mode
    story_id: str | None = None  # cross-article link: events of one happening share it


@dataclass(slots=True)
class Result:
    """Everything the pipeline found in one article."""

    article: Article
    timexes: list[Timex] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass(slots=True)
class Rejection:
    """An input that did not become an article, and why (stored in ingest_log)."""

    source: str
    reason: str  # a short code: empty, binary, too_large, bad_json, not_english, duplicate...
    message: str
    article_id: str | None = None
    duplicate_of: str | None = None


def _actor_dict(actor: ActorRef | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "id": actor.id,
        "name": actor.name,
        "country": actor.country,
        "sector": actor.sector,
        "code": actor.code,
    }


def to_dict(record: Any) -> Any:
    """JSON-ready dict of a record, following the output contract (actors carry ``code``)."""
    if isinstance(record, ActorRef):
        return _actor_dict(record)
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, list | tuple):
        return [to_dict(item) for item in record]
    return record


def result_from_dict(data: dict[str, Any]) -> Result:
    """Rebuild a Result from :func:`to_dict` output (the inverse, used by importers)."""

    def actor(d: dict[str, Any] | None) -> ActorRef | None:
        if d is None:
            return None
        return ActorRef(d.get("id"), d.get("name") or "", d.get("country"), d.get("sector"))

    def span(d: dict[str, Any] | None) -> Span | None:
        return None if d is None else Span(d["start"], d["end"], d["text"])

    art = dict(data["article"])
    art["furniture"] = [Furniture(**f) for f in art.get("furniture") or []]
    article = Article(**art)
    timexes = [Timex(**t) for t in data.get("timexes", [])]
    mentions = [
        Mention(m["start"], m["end"], m["text"], m.get("label"), actor(m.get("actor")))
        for m in data.get("mentions", [])
    ]
    quotes = []
    for q in data.get("quotes", []):
        sp = q.get("speaker")
        speaker = None
        if sp is not None:
            speaker = Speaker(sp.get("start"), sp.get("end"), sp["text"], actor(sp.get("actor")))
        quotes.append(Quote(q["start"], q["end"], q["text"], q["kind"], span(q.get("cue")), speaker))
    events = []
    for e in data.get("events", []):
        e = dict(e)
        e["actor"], e["recipient"] = actor(e.get("actor")), actor(e.get("recipient"))
        e["sentence"], e["trigger"] = span(e["sentence"]), span(e["trigger"])
        loc = e.get("location")
        e["location"] = None if loc is None else Location(**loc)
        events.append(Event(**e))
    return Result(article=article, timexes=timexes, mentions=mentions, quotes=quotes, events=events)
