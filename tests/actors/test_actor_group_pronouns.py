""""it"/"they" as a clause subject take the last fitting organisation, state or group: in
their own sentence first, else the subject of one of the two sentences before ("it": a
state or one body; "they": a people, several, a named organisation); never a person, a
dummy "it", words in quotation marks, or a pronoun before its name. Sentences written for
these tests: (text, pronoun, its occurrence among the words equal to it, expected actor
code "CCC"/"CCCSEC" or None for no mention)."""
from __future__ import annotations

import pytest

ROWS = [
    ("Egypt hosted the talks in Cairo. It later criticised Israel.", "It", 0, "EGY"),
    ("The Iranian government met on Sunday. It condemned the raid.", "It", 0, "IRNGOV"),
    ("Rebels crossed the river at dawn. They attacked the town.", "They", 0, "---REB"),
    ("Japan and China signed a deal. They praised the talks.", "They", 0, "JPN"),
    # "it" is no people, "they" no single state
    ("Palestinians gathered in Gaza on Monday. It condemned the raid.", "It", 0, None),
    ("Egypt hosted the talks on Monday. They criticised the plan.", "They", 0, None),
    # a person is "he" or "she"
    ("John Smith spoke on Monday. It criticised the plan.", "It", 0, None),
    # only subjects of earlier sentences ("in Egypt" is no antecedent)
    ("The talks were held in Egypt. It criticised the plan.", "It", 0, None),
    # more than two sentences back
    ("Egypt hosted the talks. The talks ended. The guests left. It criticised Israel.", "It",
     0, None),
    # dummy "it"
    ("Egypt hosted the talks. It rained all day.", "It", 0, None),
    ("Egypt hosted the talks. It was reported that the talks failed.", "It", 0, None),
    # cataphora: the name follows
    ("Chad closed its border. Before it attacked, the army of Sudan warned the town.", "it",
     0, None),
    ("The EU met on Monday. If it joins, Turkey must accept the rules.", "it", 0, None),
    # in quotation marks "they" are others
    ('Ukraine\'s army said: "They shelled the town again."', "They", 0, None),
    # the same "they" again: a chain
    ("The rebels took the town. They said they would hold it.", "they", 0, "---REB"),
]


def _code(ref) -> str | None:
    if ref is None:
        return None
    return (ref.country or "---") + (ref.sector or "")


@pytest.mark.parametrize(("text", "pronoun", "nth", "want"), ROWS)
def test_group_pronoun(make_doc, text, pronoun, nth, want):
    doc = make_doc(text, "2025-06-01")
    starts = [t.idx for t in doc if t.text == pronoun]
    assert len(starts) > nth, starts
    got = [_code(m.actor) for m in doc._.mentions if m.start == starts[nth]]
    assert got == ([] if want is None else [want])
