"""Quality floors of the events stage on the shared gold sets (eval/events.py).

Floors sit a little under the figures measured on 2026-11-25 (docs/quality.md, "Events");
a change that makes extraction worse fails here. Each scorer runs on its full set with the
session pipeline (about 30 s together on a laptop core).
"""
from __future__ import annotations

import pytest

from eval import events as scorer

pytestmark = pytest.mark.shared

#: Measured 2026-11-25 on the final tree of session 3 (docs/quality.md "Events"): gsr all
#: recall 0.811 / actors 0.640 (dev, tuned on: 0.870 / 0.750; test: 0.752 / 0.512); plv
#: test 0.782 / 0.788; petr 0.380; seed 6/6 required events, 0 wrong.
FLOORS = {
    "gsr_category_recall": 0.79,
    "gsr_actors_right": 0.62,
    "plv_accuracy": 0.765,
    "plv_macro_f1": 0.77,
    "petr_f1": 0.35,
}


@pytest.fixture(scope="module")
def loose_extractor():
    from newsevents.events import EventExtractor

    return EventExtractor(require_actor=False)


def test_plover_gold_records(shared, nlp):
    splits = scorer.score_gsr_splits(shared, nlp)
    assert (splits["dev"]["records"], splits["test"]["records"]) == (161, 161)
    got = splits["all"]
    assert got["category_recall"] >= FLOORS["gsr_category_recall"], got["misses"]
    assert got["actors_right_of_found"] >= FLOORS["gsr_actors_right"], got["wrong_actors"]


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
