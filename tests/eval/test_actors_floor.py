"""Quality floors of actor coding (eval/actors.py; figures and definitions in docs/quality.md).

Measured 2026-11-25 on all 300 active NGEC agent_to_code cases: country 0.854 (226 cases),
sector 0.8491 (212); with a query date ("today" included) 0.8333 / 0.8243; with an explicit
date 0.7547 / 0.7692; no-actor cases 0.9524. PETRARCH unit-test records with the validation
dictionaries imported: 0.904 of 250 recovered. Floors sit about 0.01-0.015 below.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.shared

FLOORS = {
    "country_accuracy": 0.84,
    "sector_accuracy": 0.835,
    "query_date_country_accuracy": 0.82,
    "query_date_sector_accuracy": 0.81,
    "dated_country_accuracy": 0.74,
    "dated_sector_accuracy": 0.75,
    "null_accuracy": 0.94,
}
PETRARCH_FLOOR = 0.89


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
