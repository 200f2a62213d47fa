"""highlight(): an article's text as escaped HTML with nested annotations flattened into
spans (no server, no store)."""
from __future__ import annotations

import pytest

from newsevents.api.annotate import Annotation, highlight
from newsevents.api.errors import ApiError
from newsevents.api.filters import Cursor, decode_cursor


def span(classes: str, keys: str, text: str) -> str:
    return f'<span class="ann {classes}" data-ann="{keys}" tabindex="0">{text}</span>'


@pytest.mark.parametrize("text, annotations, expected", [
    # nothing to mark: the text, escaped
    ("No annotations here.", [], "No annotations here."),
    ("a < b & c", [], "a &lt; b &amp; c"),
    # one annotation
    ("Iraq said no.", [Annotation(0, 4, "mention", "m0")],
     span("ann-mention", "m0", "Iraq") + " said no."),
    # a speaker inside a quote's sentence, a trigger inside the quote
    ("\"We go,\" said Ali.",
     [Annotation(0, 8, "quote", "q0"), Annotation(4, 6, "trigger", "e0"),
      Annotation(14, 17, "speaker", "s0"), Annotation(14, 17, "mention", "m0")],
     span("ann-quote", "q0", "&#34;We ") + span("ann-quote ann-trigger", "q0 e0", "go")
     + span("ann-quote", "q0", ",&#34;") + " said "
     + span("ann-speaker ann-mention", "s0 m0", "Ali") + "."),
    # offsets past the end are clipped; empty and inverted spans are dropped
    ("Short.", [Annotation(3, 99, "timex", "t0"), Annotation(2, 2, "mention", "m0"),
                Annotation(4, 1, "mention", "m1")],
     "Sho" + span("ann-timex", "t0", "rt.")),
    # markup in the text is escaped inside annotations too
    ("<b>x</b>", [Annotation(0, 8, "quote", "q0")],
     span("ann-quote", "q0", "&lt;b&gt;x&lt;/b&gt;")),
])
def test_highlight(text, annotations, expected):
    assert str(highlight(text, annotations)) == expected


@pytest.mark.parametrize("value", [
    "not base64 !",
    "W10",  # "[]"
    "WyItZGF0ZSIsICIyMDIxLTEzLTAxIiwgWyJ4Il1d",  # a month 13
    "WyJkYXRlIiwgIjIwMjEtMDEtMDEiLCBbIngiXV0",  # another sort's cursor
])
def test_tampered_cursors_are_422(value):
    with pytest.raises(ApiError) as info:
        decode_cursor(value, "-date", "date")
    assert (info.value.status, info.value.parameter) == (422, "cursor")


def test_cursor_round_trip():
    from datetime import date

    cursor = Cursor("-date", date(2021, 8, 9), ("a1-e1",))
    assert decode_cursor(cursor.encode(), "-date", "date") == cursor
    assert decode_cursor("", "-date", "date") is None
