"""Quality floors of the events stage on the shared gold sets (eval/events.py).

Floors sit a little under the figures measured on 2026-11-25 (docs/quality.md, "Events");
a change that makes extraction worse fails here. Each scorer runs on its full set with the
session pipeline (about 30 s together on a laptop core).
"""
from __future__ import annotations

import pytest

from eval import events as scorer

pytestmark = pytest.mark.shared

#: Measured 2026-11-25: gsr recall 0.733 / actors 0.407; plv 0.757 / 0.774; petr 0.355;
#: seed 6/6 required events, 0 wrong.
FLOORS = {
    "gsr_category_recall": 0.71,
    "gsr_actors_right": 0.38,
    "plv_accuracy": 0.73,
    "plv_macro_f1": 0.75,
    "petr_f1": 0.34,
}


@pytest.fixture(scope="module")
def loose_extractor():
    from newsevents.events import EventExtractor

    return EventExtractor(require_actor=False)


def test_plover_gold_records(shared, nlp):
    got = scorer.score_gsr(shared, nlp)
    assert got["category_recall"] >= FLOORS["gsr_category_recall"], got["misses"]
    assert got["actors_right_of_found"] >= FLOORS["gsr_actors_right"]


def test_zero_shot_plover_test_pairs(shared, nlp, loose_extractor):
    got = scorer.score_plv(shared, nlp, split="test", extractor=loose_extractor)
    assert got["pairs"] == 1033
    assert got["accuracy"] >= FLOORS["plv_accuracy"], got["top_confusions"]
    assert got["macro_f1"] >= FLOORS["plv_macro_f1"]


def test_petrarch_gold_validation(shared, nlp):
    got = scorer.score_petr(shared, nlp)
    assert got["f1"] >= FLOORS["petr_f1"], got["misses"]


def test_seed_article(shared, nlp):
    got = scorer.score_seed(shared, nlp)
    assert got["required_found"] == got["gold_required"], got["missed_required"]
    assert got["predicted_wrong"] <= 1, got["unmatched_predictions"]
    assert got["events_from_furniture"] == 0
    assert got["attributes"]["negated"] == got["matched"]
    assert got["attributes"]["modality"] >= got["matched"] - 1
