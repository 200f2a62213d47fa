""""he"/"she" never take the actor of a person whose given name is of the other gender
(given names: newsevents/quotes/data/first_names.yaml); an unknown given name does not
block. Sentences written for these tests: (text, pronoun, expected actor country or None
for no actor)."""
from __future__ import annotations

import pytest

ROWS = [
    ("Hillary Clinton visited the border on Monday. She said the wall works.", "She", "USA"),
    ("Tom Homan visited the border on Monday. He said the wall works.", "He", "USA"),
    ("Tom Homan visited the border on Monday. She said the wall works.", "She", None),
    ("Hillary Clinton visited the border on Monday. He said the wall works.", "He", None),
    # "Kristi" is in no list: no gender, no block
    ("Kristi Noem visited the border on Monday. He said the wall works.", "He", "USA"),
]


@pytest.mark.parametrize(("text", "pronoun", "want"), ROWS)
def test_pronoun_gender(make_doc, text, pronoun, want):
    doc = make_doc(text, "2025-06-01")
    got = [m.actor.country if m.actor else None for m in doc._.mentions if m.text == pronoun]
    assert got == ([] if want is None else [want])
