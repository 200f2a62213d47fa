"""Quality floors of actor coding (eval/actors.py; figures and definitions in docs/quality.md).

Measured 2026-11-25 (shipped KB with every people*.yaml) on all 300 active NGEC
agent_to_code cases: country 0.9071 (226 cases), sector 0.8774 (212); with a query date
("today" included) 0.9048 / 0.8649; with an explicit date 0.8679 / 0.8269; no-actor cases
0.9524. PETRARCH unit-test records with the validation dictionaries imported: 0.912 of 250
recovered. Floors sit about 0.01-0.02 below.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.shared

FLOORS = {
    "country_accuracy": 0.89,
    "sector_accuracy": 0.865,
    "query_date_country_accuracy": 0.89,
    "query_date_sector_accuracy": 0.85,
    "dated_country_accuracy": 0.85,
    "dated_sector_accuracy": 0.81,
    "null_accuracy": 0.94,
}
PETRARCH_FLOOR = 0.90


@pytest.fixture(scope="module")
def figures(shared):
    from eval.actors import run

    return run(shared, split="all")


@pytest.mark.parametrize("name, floor", sorted(FLOORS.items()))
def test_ngec_floor(figures, name, floor):
    assert figures["ngec"][name] >= floor, figures["ngec"]["misses"]


def test_petrarch_floor(figures):
    petrarch = figures["petrarch"]
    assert petrarch["dictionary_problems"] == []
    assert petrarch["recovered"] >= PETRARCH_FLOOR, petrarch["misses"]
