"""Quality floors of quote extraction (eval/quotes.py; full figures in docs/quality.md).

Runs the full pipeline on a fixed subset of the PolNeAR test split — every second article
by name, 42 of 84, spread over all seven publishers — to stay within the time budget of the
suite. Measured 2026-11-25 (fifth round) on that subset (see docs/quality.md for the whole
split): direct overlap F1 0.920, direct exact F1 0.848, all overlap F1 0.704, attribution
profile 0.810, speaker 0.910, no failure. Floors sit about 0.01-0.02 below what was
measured, never above.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.shared

STRIDE = 2
DIRECT_OVERLAP_F1_FLOOR = 0.905
DIRECT_EXACT_F1_FLOOR = 0.835
ALL_OVERLAP_F1_FLOOR = 0.69
ATTRIBUTION_PROFILE_ALL_OVERLAP_F1_FLOOR = 0.795
SPEAKER_ACCURACY_FLOOR = 0.895


@pytest.fixture(scope="module")
def figures(shared, nlp):
    from eval.quotes import run

    return run(shared, split="test", stride=STRIDE, nlp=nlp)


def test_no_document_fails(figures):
    assert figures["documents"] == 42
    assert figures["failures"] == 0, figures["failed"]


def test_direct_quote_floors(figures):
    assert figures["overlap"]["direct"]["f1"] >= DIRECT_OVERLAP_F1_FLOOR
    assert figures["exact"]["direct"]["f1"] >= DIRECT_EXACT_F1_FLOOR


def test_all_attributions_floor(figures):
    assert figures["overlap"]["all"]["f1"] >= ALL_OVERLAP_F1_FLOOR
    broad = figures["profiles"]["attribution"]
    assert broad["overlap"]["all"]["f1"] >= ATTRIBUTION_PROFILE_ALL_OVERLAP_F1_FLOOR


def test_speaker_floor(figures):
    assert figures["speaker"]["accuracy"] >= SPEAKER_ACCURACY_FLOOR
