"""Polarity, modality and attribution on the minimal pairs of minimal_pairs.py.

The whole table must be right for at least 0.95 of its rows (the issue's bar); a few rows
that hold the core distinctions must each be right.
"""
from __future__ import annotations

import pytest

from .minimal_pairs import ROWS

FLOOR = 0.95


def _right(events, type_, negated, modality, attributed) -> bool:
    for e in events:
        if e.type != type_ or e.negated != negated or e.modality != modality:
            continue
        if attributed is None and e.attributed_to is None:
            return True
        if attributed is not None and e.attributed_to and attributed.lower() in e.attributed_to.lower():
            return True
    return False


def test_table_has_at_least_80_rows_in_contrasting_families():
    assert len(ROWS) >= 80
    assert {r[3] for r in ROWS} == {"asserted", "intended", "demanded", "hypothetical", "denied", "reported_claim"}
    assert any(r[2] for r in ROWS) and any(not r[2] for r in ROWS)


def test_minimal_pairs_floor(make_doc):
    misses = []
    for text, type_, negated, modality, attributed in ROWS:
        events = make_doc(text, "2024-03-01")._.events
        if not _right(events, type_, negated, modality, attributed):
            got = [(e.type, e.negated, e.modality, e.attributed_to) for e in events]
            misses.append(f"{text!r}: want {(type_, negated, modality, attributed)}, got {got}")
    share = 1 - len(misses) / len(ROWS)
    assert share >= FLOOR, "\n".join(misses)


@pytest.mark.parametrize(
    "text, type_, negated, modality, attributed",
    [
        ("Russia attacked Ukraine on Monday.", "ASSAULT", False, "asserted", None),
        ("Russia did not attack Ukraine on Monday.", "ASSAULT", True, "asserted", None),
        ("Russia threatened to attack Ukraine.", "THREATEN", False, "asserted", None),
        ("Russia denied attacking Ukraine.", "ASSAULT", False, "denied", "Russia"),
        ("Poland said Russia attacked Ukraine.", "ASSAULT", False, "reported_claim", "Poland"),
        ("If Russia attacked Ukraine, NATO would respond.", "ASSAULT", False, "hypothetical", None),
        ("Iraq demanded that the United States withdraw its troops.", "REQUEST", False, "demanded", None),
    ],
)
def test_core_distinctions(make_doc, text, type_, negated, modality, attributed):
    events = make_doc(text, "2024-03-01")._.events
    assert _right(events, type_, negated, modality, attributed), [
        (e.type, e.negated, e.modality, e.attributed_to) for e in events
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it was a sunny day in Moscow.",
        "The ministry released a statement on Monday.",
        "The prime minister spoke to reporters in Paris.",
        "Turkey is a member of NATO.",
        "Residents of the valley are still waiting for the soldiers to leave.",
        "They watched a film about the war.",
        "The Russian embassy declined to comment.",
        "The Iranian foreign ministry did not respond to a request for comment.",
        "The Justice Department released thousands of documents on Friday.",
        "In a briefing, the Chinese spokesman gave no details.",
    ],
)
def test_sentences_without_events(make_doc, text):
    assert make_doc(text, "2024-03-01")._.events == []
