"""A pattern marked ``symmetric`` (an act both sides do to each other: "exchanged fire")
codes coordinated actors as actor and recipient of one event; acts that are not symmetric
still give one event per coordinated actor. Sentences written for these tests."""
from __future__ import annotations

import pytest

from newsevents.errors import KnowledgeBaseError
from newsevents.events.ontology import load_ontology
from newsevents.events.triggers import load_triggers


def _code(ref) -> str | None:
    return None if ref is None else f"{ref.country or '---'}{ref.sector or ''}"


# sentence, category, the pair of codes expected as {actor, recipient} of each event
ROWS = [
    ("India and Pakistan exchanged fire along the frontier.", "ASSAULT", [{"IND", "PAK"}]),
    ("Indian and Pakistani troops exchanged fire across the border on Monday.", "ASSAULT",
     [{"INDMIL", "PAKMIL"}]),
    ("Armenian forces exchanged gunfire with Azerbaijani troops.", "ASSAULT", [{"ARMMIL", "AZEMIL"}]),
    # not symmetric: each vetoing state is an actor, with no recipient
    ("Russia and China vetoed the resolution.", "REJECT", [{"RUS", None}, {"CHN", None}]),
]


@pytest.mark.parametrize(("text", "category", "pairs"), ROWS)
def test_symmetric_patterns(make_doc, text, category, pairs):
    events = [e for e in make_doc(text, "2024-03-01")._.events if e.type == category]
    got = [{_code(e.actor), _code(e.recipient)} for e in events]
    assert sorted(got, key=str) == sorted(pairs, key=str), got


def test_symmetric_must_be_a_boolean(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text('verbs:\n  ASSAULT:\n    zap: {cameo: "190", symmetric: "yes"}\n', encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"E624.*mine.yaml.*symmetric must be true or false"):
        load_triggers(load_ontology(), [path])
