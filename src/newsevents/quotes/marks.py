"""Quotation marks: pair opening and closing marks into quoted segments of a text.

News text mixes curly (“…”) and straight ("…") double marks, the doubled
apostrophes of some style books (''…''), nested single marks (‘…’ inside “…”), single
marks used as the outer marks of headlines, marks left unbalanced by editors, and the
convention that a quote running over several paragraphs leaves each paragraph open and
reopens the next one. This module turns all of that into plain character segments, one
pass over the text, and never fails: a mark it cannot pair is ignored or closed at the end
of its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Double marks first so that '' is read as one mark, not two apostrophes.
_MARK = re.compile(r"''|[\"“”„«»‟‘’']")
_DOUBLE_OPEN = frozenset("“„«‟")
_DOUBLE_CLOSE = frozenset("”»")
_DOUBLE_AMBIGUOUS = frozenset(['"', "''"])
_SINGLE_OPEN = frozenset("‘")
_SINGLE_AMBIGUOUS = frozenset(["'", "’"])
_PARAGRAPH = re.compile(r"[^\n]+")

#: Characters after which an opening mark may stand (besides start of paragraph).
_BEFORE_OPEN = frozenset(" \t([{—–-/:;,…")
#: Characters before which a closing mark may stand (besides end of paragraph).
_AFTER_CLOSE = frozenset(" \t)]}.,;:!?—–-…/'’\"”")


@dataclass(slots=True, frozen=True)
class Segment:
    """A quoted stretch of text. ``start``/``end`` include the marks; ``inner_start`` /
    ``inner_end`` exclude them. ``closed`` is False when the paragraph ended with the quote
    still open; ``continues`` is True when the next paragraph reopens the same quote.
    ``single`` marks a segment delimited by single marks at the outer level."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True
    continues: bool = False
    single: bool = False


def _flanks(text: str, start: int, end: int, lo: int, hi: int) -> tuple[bool, bool]:
    """(can_open, can_close) of the mark text[start:end] inside paragraph text[lo:hi]."""
    before = text[start - 1] if start > lo else " "
    after = text[end] if end < hi else " "
    can_open = not after.isspace() and (before in _BEFORE_OPEN or before.isspace())
    can_close = not before.isspace() and (after in _AFTER_CLOSE or after.isspace())
    return can_open, can_close


def find_segments(text: str) -> list[Segment]:
    """All quoted segments of ``text`` in order; nested marks stay inside their segment.

    In: any text. Out: non-overlapping :class:`Segment` objects sorted by start. Never
    raises on unbalanced marks: an opening mark that is never closed yields a segment that
    ends at the end of its paragraph (``closed=False``); a stray closing mark is ignored.
    """
    segments: list[Segment] = []
    for para in _PARAGRAPH.finditer(text):
        segments.extend(_paragraph_segments(text, para.start(), para.end()))
    # A paragraph left open whose successor opens with a mark continues the same quote.
    linked: list[Segment] = []
    for i, seg in enumerate(segments):
        if not seg.closed and not seg.single and i + 1 < len(segments):
            nxt = segments[i + 1]
            gap = text[seg.end : nxt.start]
            if gap.strip() == "" and "\n" in gap:
                seg = Segment(seg.start, seg.end, seg.inner_start, seg.inner_end, False, True)
        linked.append(seg)
    return linked


def _paragraph_segments(text: str, lo: int, hi: int) -> list[Segment]:
    """Segments of the paragraph text[lo:hi]: read first with curly double marks allowed to
    nest (“... “your team” ...”), and when that leaves a mark unclosed, read again with a
    second opener taken as the sign that the first was never closed."""
    nested = _read_paragraph(text, lo, hi, nested=True)
    return nested if nested is not None else _read_paragraph(text, lo, hi, nested=False) or []


def _read_paragraph(text: str, lo: int, hi: int, *, nested: bool) -> list[Segment] | None:
    out: list[Segment] = []
    open_at: int | None = None  # start of the open double mark
    open_len = 0
    depth = 0  # curly double quotes open inside the open one (nested reading only)
    single_open: int | None = None  # an outer single mark waiting for its close
    for m in _MARK.finditer(text, lo, hi):
        mark, start, end = m.group(), m.start(), m.end()
        can_open, can_close = _flanks(text, start, end, lo, hi)
        if mark in _DOUBLE_OPEN or mark in _DOUBLE_CLOSE or mark in _DOUBLE_AMBIGUOUS:
            if mark in _DOUBLE_OPEN:  # curly: trust the shape unless plainly misused
                is_open, is_close = True, can_close and not can_open
            elif mark in _DOUBLE_CLOSE:
                is_open, is_close = can_open and not can_close, True
            elif can_open == can_close:  # straight mark with no telling context
                is_open, is_close = open_at is None, open_at is not None
            else:
                is_open, is_close = can_open, can_close
            if open_at is None:
                if is_open:
                    open_at, open_len = start, end - start
                    single_open = None  # an outer double supersedes a pending single
                # else: a stray closing mark, nothing to close
            elif is_close and depth:
                depth -= 1
            elif is_close:
                out.append(Segment(open_at, end, open_at + open_len, start))
                open_at = None
            elif nested and mark in _DOUBLE_OPEN:
                depth += 1
            else:
                # A second opener while one is open: the first was never closed. End it
                # before this mark so that both quotes survive.
                stop = _rstrip(text, open_at + open_len, start)
                out.append(Segment(open_at, stop, open_at + open_len, stop, closed=False))
                open_at, open_len = start, end - start
            continue
        if open_at is not None:
            continue  # single marks nested in a double quote belong to its content
        if mark in _SINGLE_OPEN or (mark == "'" and can_open and not can_close):
            if can_open and single_open is None:
                single_open = start
            continue
        if mark in _SINGLE_AMBIGUOUS and single_open is not None and can_close:
            if not (end < hi and text[end].isalpha()):  # not the apostrophe in don’t
                out.append(Segment(single_open, end, single_open + 1, start, single=True))
                single_open = None
    if nested and (open_at is not None or depth):
        return None
    if open_at is not None:
        stop = _rstrip(text, open_at + open_len, hi)
        out.append(Segment(open_at, stop, open_at + open_len, stop, closed=False))
    return out


def _rstrip(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def inside(segments: list[Segment], start: int, end: int) -> Segment | None:
    """The segment whose inner text contains [start, end), if any (segments sorted)."""
    import bisect

    i = bisect.bisect_right([s.start for s in segments], start) - 1
    if i >= 0:
        seg = segments[i]
        if seg.inner_start <= start and end <= seg.inner_end:
            return seg
    return None
