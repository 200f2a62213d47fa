"""Quality floors of HTML extraction (eval/extraction.py; figures in docs/quality.md).

Measured 2026-11-25: body F1 0.9752 (trafilatura alone 0.9641 with favor_precision, 0.9598
with its defaults), English pages 0.9786; date accuracy 0.905 (htmldate alone 0.88 with
its defaults, 0.895 with original_date=True). Floors sit about 0.01 below.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.shared

BODY_F1_FLOOR = 0.965
BODY_F1_ENGLISH_FLOOR = 0.968
DATE_ACCURACY_FLOOR = 0.895


@pytest.fixture(scope="module")
def figures(shared):
    from eval.extraction import run

    return run(shared)


def test_body_f1_floor(figures):
    assert figures["body"]["newsevents"]["f1"] >= BODY_F1_FLOOR
    assert figures["body"]["newsevents"]["english"]["f1"] >= BODY_F1_ENGLISH_FLOOR


def test_body_beats_trafilatura_alone_in_the_same_run(figures):
    body = figures["body"]
    ours = body["newsevents"]
    for baseline in ("trafilatura_precision", "trafilatura_default"):
        assert ours["f1"] > body[baseline]["f1"], baseline
        assert ours["english"]["f1"] > body[baseline]["english"]["f1"], baseline
    assert body["rejected"] == {}


def test_date_accuracy_floor(figures):
    assert figures["dates"]["newsevents"]["accuracy"] >= DATE_ACCURACY_FLOOR


def test_dates_at_least_htmldate_alone_in_the_same_run(figures):
    dates = figures["dates"]
    for baseline in ("htmldate_default", "htmldate_original"):
        assert dates["newsevents"]["accuracy"] >= dates[baseline]["accuracy"], baseline
