"""One event per happening: in-article merging and cross-article story links.

Two events are the same happening when they have the same category, polarity and dyad
(actor and recipient by KB id, else country + sector, else name; unordered for AGREE,
CONSULT and COOPERATE) and compatible dates (equal, one a prefix of the other, or one
missing). Within an article they are merged into one event; across articles
:func:`link_stories` gives them one ``story_id``.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..records import ActorRef, Event
from .ontology import SYMMETRIC

#: Modalities by how firmly the article states the event; the firmest mention is kept.
_FIRMNESS = {"asserted": 0, "demanded": 1, "intended": 2, "reported_claim": 3, "denied": 4, "hypothetical": 5}


def actor_key(actor: ActorRef | None) -> str:
    """A comparable key for an actor: KB id, else country+sector, else lower-cased name."""
    if actor is None:
        return ""
    if actor.id:
        return f"id:{actor.id}"
    if actor.country or actor.sector:
        return f"code:{actor.country or ''}{actor.sector or ''}"
    return f"name:{actor.name.lower()}"


def dyad_key(event: Event) -> tuple[str, str]:
    a, r = actor_key(event.actor), actor_key(event.recipient)
    if event.type in SYMMETRIC and r and r < a:
        a, r = r, a
    return a, r


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal, one a prefix of the other ("2021-07" and "2021-07-26"), or one unknown."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def _known_date(event: Event) -> str | None:
    """The event's date unless it is only the publication-date fallback, which says
    nothing about which happening it is."""
    return None if event.date_text == "publication date" else event.date


def _better(a: Event, b: Event) -> Event:
    """The mention to keep of two mentions of one happening."""
    def rank(e: Event) -> tuple:
        return (
            _FIRMNESS.get(e.modality, 9),
            -(len(e.date or "")),
            e.date_text in (None, "publication date"),
            -e.confidence,
            e.trigger.start,
        )

    return a if rank(a) <= rank(b) else b


def dedup_events(events: Iterable[Event]) -> list[Event]:
    """Merge mentions of one happening within an article, keeping the firmest, most
    precisely dated mention (its date is completed from the others); order is kept."""
    kept: list[Event] = []
    for event in events:
        for n, other in enumerate(kept):
            if (
                other.type == event.type
                and other.negated == event.negated
                and dyad_key(other) == dyad_key(event)
                and dates_compatible(_known_date(other), _known_date(event))
                and (event.modality == "hypothetical") == (other.modality == "hypothetical")
            ):
                best = _better(other, event)
                rest = event if best is other else other
                if _known_date(rest) and (
                    not _known_date(best) or len(rest.date or "") > len(best.date or "")
                ):
                    best.date, best.date_text = rest.date, rest.date_text
                if best.recipient is None and rest.recipient is not None:
                    best.recipient = rest.recipient
                best.confidence = min(1.0, round(max(best.confidence, rest.confidence) + 0.05, 3))
                kept[n] = best
                break
        else:
            kept.append(event)
    return kept


def link_stories(events: Iterable[Event]) -> dict[str, str]:
    """event id -> story id, across articles: events of the same category, polarity, dyad
    and compatible dates share a story id (a stable hash of the first event's key), so
    syndicated copies of one happening count once. Events without a date are linked only
    to undated events of the same key."""
    stories: dict[tuple, list[tuple[str | None, str]]] = {}
    out: dict[str, str] = {}
    for event in sorted(events, key=lambda e: (-(len(e.date or "")), e.id)):
        key = (event.type, event.negated, *dyad_key(event))
        slots = stories.setdefault(key, [])
        for date, story in slots:
            if (date is None) == (event.date is None) and dates_compatible(date, event.date):
                out[event.id] = story
                break
        else:
            digest = hashlib.sha1("|".join(map(str, (*key, event.date))).encode()).hexdigest()[:12]
            story = f"s{digest}"
            slots.append((event.date, story))
            out[event.id] = story
    return out
