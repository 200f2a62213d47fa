"""The PLOVER ontology data and the CAMEO map (no model needed)."""
from __future__ import annotations

import pytest

from newsevents.errors import KnowledgeBaseError
from newsevents.events.ontology import CATEGORIES, load_ontology, plover_category
from newsevents.records import Event, Span

ONTO = load_ontology()


def test_sixteen_categories_with_quad_class_and_intensity():
    assert set(ONTO.categories) == set(CATEGORIES)
    assert len(CATEGORIES) == 16
    for cat in ONTO.categories.values():
        assert cat.quad_class in (1, 2, 3, 4)
        assert -10 <= cat.intensity <= 10


@pytest.mark.parametrize(
    "name, quad, intensity",
    [
        ("AGREE", 1, 2.5),
        ("CONSULT", 1, 2.5),
        ("AID", 2, 10.0),
        ("RETREAT", 2, 6.5),
        ("REQUEST", 3, 0.0),
        ("THREATEN", 3, -3.5),
        ("PROTEST", 4, -5.0),
        ("ASSAULT", 4, -9.0),
    ],
)
def test_category_facts(name, quad, intensity):
    assert ONTO.quad_class(name) == quad
    assert ONTO.intensity(name) == intensity


@pytest.mark.parametrize(
    "name, mode, intensity",
    [("RETREAT", "withdraw", 8.0), ("ASSAULT", "unconventional", -10.0), ("CONSULT", "visit", 4.0),
     ("ASSAULT", None, -9.0), ("ASSAULT", "no-such-mode", -9.0)],
)
def test_mode_intensity_falls_back_to_category(name, mode, intensity):
    assert ONTO.intensity(name, mode) == intensity


@pytest.mark.parametrize(
    "old, new",
    [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("FIGHT", "ASSAULT"), ("INVESTIGATE", "ACCUSE"),
     ("assault", "ASSAULT")],
)
def test_old_labels_are_mapped(old, new):
    assert ONTO.normalize(old) == new


def test_unknown_category_names_the_valid_ones():
    with pytest.raises(KnowledgeBaseError, match=r"E600.*'FLY'.*AGREE"):
        ONTO.category("FLY")


@pytest.mark.parametrize(
    "code, plover",
    [
        ("0874", ("RETREAT", "disarm")),
        ("190", ("ASSAULT", None)),
        ("195", ("ASSAULT", "aerial")),
        ("163", ("COERCE", "restrict")),
        ("1121", ("ACCUSE", "allege")),
        ("1234", ("REJECT", "change")),
        ("19999", ("ASSAULT", None)),  # unknown leaf: its nearest known prefix
        ("010", None),  # CAMEO 01 "make statement" has no PLOVER category
        ("02", None),
    ],
)
def test_cameo_to_plover(code, plover):
    assert ONTO.plover_for_cameo(code) == plover


@pytest.mark.parametrize(
    "name, mode, cameo",
    [("ASSAULT", None, "190"), ("THREATEN", "violence", "137"), ("PROTEST", "riot", "145")],
)
def test_cameo_for_category(name, mode, cameo):
    assert ONTO.cameo_for(name, mode) == cameo


def test_every_cameo_mode_is_a_plover_mode():
    for entry in ONTO.cameo.values():
        assert ONTO.is_mode(entry.plover, entry.mode), entry


def _event(type_: str, *, negated: bool = False, modality: str = "asserted") -> Event:
    span = Span(0, 1, "x")
    return Event("e", type_, None, None, None, None, None, None, None, negated, modality,  # type: ignore[arg-type]
                 None, span, span, 0.5)


@pytest.mark.parametrize(
    "type_, negated, modality, expected",
    [
        ("RETREAT", False, "intended", "AGREE"),
        ("CONSULT", False, "intended", "AGREE"),
        ("ASSAULT", False, "intended", "THREATEN"),
        ("PROTEST", False, "hypothetical", "THREATEN"),
        ("AGREE", True, "asserted", "REJECT"),
        ("RETREAT", True, "intended", "REJECT"),
        ("ASSAULT", True, "asserted", "ASSAULT"),
        ("ASSAULT", False, "asserted", "ASSAULT"),
        ("ACCUSE", False, "reported_claim", "ACCUSE"),
        ("REQUEST", False, "demanded", "REQUEST"),
    ],
)
def test_plover_category_folds_status_like_plover_coders(type_, negated, modality, expected):
    assert plover_category(_event(type_, negated=negated, modality=modality)) == expected
