"""How much of a quote's content stands inside quotation marks: direct, mixed or indirect.

The same rule classifies our quotes and, in ``eval/quotes.py``, the gold attributions, so
the two are compared on equal terms.
"""
from __future__ import annotations

import bisect
import re

from ..records import QuoteKind
from .marks import Segment

_WORD = re.compile(r"\w+")
#: A complementiser that opens reported content without being part of the quotation.
_COMPLEMENTISERS = frozenset({"that", "whether", "if"})


class QuotedText:
    """The quoted segments of one text, indexed for fast "is this inside marks?" checks."""

    __slots__ = ("segments", "_starts")

    def __init__(self, segments: list[Segment], text: str, *, min_words: int = 2) -> None:
        # A single quoted word is scare quotes ("advisory" role), not a quotation: it does
        # not make the content around it mixed.
        self.segments = [
            s for s in segments
            if len(_WORD.findall(text, s.inner_start, s.inner_end)) >= min_words
        ]
        self._starts = [s.inner_start for s in self.segments]

    def segment_at(self, pos: int) -> Segment | None:
        """The segment whose inner text holds character ``pos``, if any."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.segments[i].inner_end:
            return self.segments[i]
        return None

    def kind(self, text: str, start: int, end: int) -> QuoteKind:
        """``direct`` when every word of text[start:end] is inside quotation marks (a
        leading "that"/"whether"/"if" excepted), ``indirect`` when none is, else ``mixed``.
        Content with no word at all is ``indirect``."""
        words = list(_WORD.finditer(text, start, end))
        if words and words[0].group().lower() in _COMPLEMENTISERS and len(words) > 1:
            words = words[1:]
        if not words:
            return "indirect"
        quoted = sum(1 for w in words if self.segment_at(w.start()) is not None)
        if quoted == len(words):
            return "direct"
        return "indirect" if quoted == 0 else "mixed"
