"""An article's text as HTML with every annotation highlighted.

Annotations overlap (a mention inside a quote, an event trigger inside both), so the text
is cut at every annotation boundary and each piece becomes one ``<span>`` carrying the
classes and keys of all annotations that cover it::

    <span class="ann ann-quote ann-speaker" data-ann="q0 s0">al-Rubaie</span>

The page's script looks the keys up in the article's records to show the coded record.
All text is HTML-escaped here; nothing from the article reaches the page unescaped.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

__all__ = ["Annotation", "annotations_of", "highlight"]

#: Annotation kinds, in the order their classes are written (outermost first).
KINDS = ("quote", "cue", "speaker", "mention", "timex", "trigger")


@dataclass(frozen=True, slots=True)
class Annotation:
    start: int
    end: int
    kind: str  # one of KINDS
    key: str  # what the page's records are looked up by: q0, s0, c0, m3, t1, e2


def annotations_of(detail: dict[str, Any]) -> list[Annotation]:
    """The annotations of an article detail (see ``queries.article_detail``)."""
    out: list[Annotation] = []

    def add(start: Any, end: Any, kind: str, key: str) -> None:
        if isinstance(start, int) and isinstance(end, int) and start < end:
            out.append(Annotation(start, end, kind, key))

    for i, q in enumerate(detail["quotes"]):
        add(q["start"], q["end"], "quote", f"q{i}")
        if q["cue"]:
            add(q["cue"]["start"], q["cue"]["end"], "cue", f"c{i}")
        if q["speaker"]:
            add(q["speaker"]["start"], q["speaker"]["end"], "speaker", f"s{i}")
    for i, m in enumerate(detail["mentions"]):
        add(m["start"], m["end"], "mention", f"m{i}")
    for i, t in enumerate(detail["timexes"]):
        add(t["start"], t["end"], "timex", f"t{i}")
    for i, e in enumerate(detail["events"]):
        if e["trigger"]:
            add(e["trigger"]["start"], e["trigger"]["end"], "trigger", f"e{i}")
    return out


def highlight(text: str, annotations: Iterable[Annotation]) -> Markup:
    """``text`` escaped, with each run of characters covered by annotations wrapped in a
    span naming them (see the module docstring). Offsets outside the text are clipped;
    empty annotations are dropped."""
    size = len(text)
    anns = [
        Annotation(max(0, a.start), min(size, a.end), a.kind, a.key)
        for a in annotations
        if max(0, a.start) < min(size, a.end)
    ]
    bounds = sorted({0, size, *(a.start for a in anns), *(a.end for a in anns)})
    starting: dict[int, list[Annotation]] = {}
    for a in anns:
        starting.setdefault(a.start, []).append(a)
    order = {kind: i for i, kind in enumerate(KINDS)}
    active: set[Annotation] = set()
    parts: list[str] = []
    # A sweep over the boundaries: annotations join the active set where they start and
    # leave it where they end, so each piece costs only its own annotations.
    for left, right in zip(bounds, bounds[1:], strict=False):
        active = {a for a in active if a.end > left}
        active.update(starting.get(left, ()))
        piece = escape(text[left:right])
        if not active:
            parts.append(piece)
            continue
        covering = sorted(active, key=lambda a: (order.get(a.kind, len(KINDS)), a.key))
        kinds = sorted({a.kind for a in covering}, key=lambda k: order.get(k, len(KINDS)))
        classes = " ".join(["ann", *(f"ann-{k}" for k in kinds)])
        keys = " ".join(a.key for a in covering)
        parts.append(
            f'<span class="{classes}" data-ann="{escape(keys)}" tabindex="0">{piece}</span>'
        )
    return Markup("".join(parts))
