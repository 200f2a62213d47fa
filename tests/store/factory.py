"""Deterministic Results written by hand for the store tests (and the crash-test child).

``make_result(n, variant=v)`` is a pure function of (n, v): the crash test rebuilds what a
killed writer wrote and compares it with what the store holds. Variants differ in every
table (counts, actors, dates), so a re-write must replace rows, not add to them.
"""
from __future__ import annotations

from newsevents.records import (
    ActorRef,
    Article,
    Event,
    Furniture,
    Location,
    Mention,
    Quote,
    Result,
    Span,
    Speaker,
    Timex,
)

ACTORS = [
    ActorRef("IRQ_PARLIAMENT", "Iraqi parliament", "IRQ", "LEG"),
    ActorRef("USA_MILITARY", "US military", "USA", "MIL"),
    ActorRef("IRQ_GOVERNMENT", "Government of Iraq", "IRQ", "GOV"),
    ActorRef("KEN_POLICE", "Kenya Police Service", "KEN", "COP"),
    ActorRef(None, "protesters", None, "CVL"),  # unlinked: no KB id
]
DATES = ["2021-07-26", "2021-07", "2020", "2021-W12", "PAST_REF", None]
TYPES = [("ACCUSE", None, "112"), ("ASSAULT", "assassination", "186"), ("AGREE", None, "057")]

BODY = (
    "Lawmakers in Baghdad said on Saturday that foreign forces must leave the country.\n\n"
    "\u201cWe will not accept any delay,\u201d a spokesman told reporters, adding that "
    "talks with Washington would resume next month.\n\n"
    "Police in Nairobi said they arrested 12 people after a protest outside parliament."
)


def make_result(n: int, variant: int = 0, *, mentions: int = 20, events: int = 5) -> Result:
    """A Result with ``mentions`` mentions and ``events`` events (variant shifts the counts
    by up to 2 and rotates actors and dates)."""
    aid = f"art-{n:05d}"
    shift = variant % 3
    text = f"Story {n} (version {variant}).\n\n{BODY}"
    article = Article(
        id=aid,
        text=text,
        url=f"https://news.example.org/{n}",
        outlet="Example News",
        title=f"Story {n}",
        section="Iraq" if n % 2 else None,
        published=f"2021-08-{1 + n % 28:02d}",
        published_source="given",
        language="en",
        source=f"corpus/story_{n:05d}.txt",
        dateline="BAGHDAD" if n % 3 == 0 else None,
        furniture=[Furniture("caption", "(File photo)")] if variant % 2 else [],
    )
    timexes = [
        Timex(10 + 7 * i, 16 + 7 * i, "Saturday", "DATE", DATES[(i + variant) % len(DATES)],
              "APPROX" if i == 2 else None)
        for i in range(6 + shift)
    ]
    mention_list = [
        Mention(
            3 * i, 3 * i + 2, f"m{i}", "ORG" if i % 2 else "GPE",
            None if i % 4 == 3 else ACTORS[(i + variant + n) % len(ACTORS)],
        )
        for i in range(max(0, mentions - shift))
    ]
    quotes = [
        Quote(60, 90, "We will not accept any delay", "direct", Span(91, 95, "told"),
              Speaker(96, 107, "a spokesman", ACTORS[(n + variant) % 3])),
        Quote(120, 160, "talks with Washington would resume", "indirect", None,
              Speaker(None, None, "He", None)),
        Quote(170, 180, "no speaker", "mixed", Span(181, 185, "said"), None),
    ][: 1 + (n + variant) % 3]
    event_list = []
    for i in range(max(0, events - shift)):
        kind, mode, cameo = TYPES[(i + variant) % len(TYPES)]
        date = DATES[(i + n + variant) % len(DATES)]
        event_list.append(
            Event(
                id=f"{aid}-e{i}",
                type=kind,
                mode=mode,
                cameo=cameo,
                actor=ACTORS[(i + n + variant) % len(ACTORS)],
                recipient=None if i % 3 == 2 else ACTORS[(i + 1) % len(ACTORS)],
                date=date,
                date_text="on Saturday" if date else None,
                location=Location("Baghdad", "IRQ", 33.31, 44.36) if i % 2 == 0 else None,
                negated=i == 1,
                modality="asserted" if i != 3 else "intended",
                attributed_to="Mahmoud al-Rubaie" if i == 3 else None,
                sentence=Span(0, 80, "Lawmakers in Baghdad said on Saturday that ..."),
                trigger=Span(21, 25, "said"),
                confidence=0.5 + i / 20,
                quad_class=1 + i % 4,
                intensity=-4.0 + i,
                story_id=f"story-{n % 7}" if i == 0 else None,
            )
        )
    return Result(article, timexes, mention_list, quotes, event_list)
