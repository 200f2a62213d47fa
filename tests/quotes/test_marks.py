"""Pairing of quotation marks, and the direct/mixed/indirect rule built on it."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.quotes import QuotedText, find_segments


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “we will win,” and left.", ["“we will win,”"]),
        ('a "b c" d', ['"b c"']),
        ("“A,” he said, “B.”", ["“A,”", "“B.”"]),
        ("NYT ''cultural war'' against ''liberals.''", ["''cultural war''", "''liberals.''"]),
        ("“He said ‘no’ to me,” she said.", ["“He said ‘no’ to me,”"]),
        ("“My answer was “no” from the start,” she said.", ["“My answer was “no” from the start,”"]),
        ("until it reaches its ‘hidden aims’ here", ["‘hidden aims’"]),
        ("Don’t scare the voters’ kids", []),
        ('The storm dropped 12" of snow.', []),
        ("The vote is on Sunday.” Nothing else.", []),  # a stray closing mark
        ("He said “open and never closed", ["“open and never closed"]),
        ("“A. “B.”", ["“A.", "“B.”"]),  # a missing closer, not a nested quote
        ("“first paragraph\n\n“second paragraph.”", ["“first paragraph", "“second paragraph.”"]),
        ("", []),
        ("“", ["“"]),
    ],
)
def test_segments(text, expected):
    assert [text[s.start : s.end] for s in find_segments(text)] == expected


def test_paragraph_continuation_is_linked():
    text = "She said: “The first part.\n\n“The second part.”\n\n“Another quote.”"
    first, second, third = find_segments(text)
    assert (first.closed, first.continues) == (False, True)
    assert (second.closed, second.continues) == (True, False)
    assert not third.continues


def test_unclosed_paragraph_without_reopening_does_not_continue():
    text = "He said “we will win.\n\nThe vote is on Sunday."
    (seg,) = find_segments(text)
    assert not seg.closed and not seg.continues


@pytest.mark.parametrize(
    "text, span, kind",
    [
        ("“We will win,” he said.", "“We will win,”", "direct"),
        ("He said that “we will win.”", "that “we will win.”", "direct"),
        ("He said the plan “will fail badly.”", "the plan “will fail badly.”", "mixed"),
        ("He said the plan will fail.", "the plan will fail", "indirect"),
        # One quoted word is scare quotes: it does not make the content mixed.
        ("They moved to an “advisory” role.", "They moved to an “advisory” role", "indirect"),
        ("He said “” twice.", "“”", "indirect"),
    ],
)
def test_kind(text, span, kind):
    start = text.index(span)
    quoted = QuotedText(find_segments(text), text)
    assert quoted.kind(text, start, start + len(span)) == kind


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ,.\n“”\"'‘’«»", max_size=80))
def test_segments_never_fail_and_stay_in_bounds(text):
    segments = find_segments(text)
    previous_end = 0
    for seg in segments:
        assert previous_end <= seg.start <= seg.inner_start <= seg.inner_end <= seg.end
        assert seg.end <= len(text)
        previous_end = seg.end
