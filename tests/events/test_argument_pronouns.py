"""Actors named by a pronoun or a bare description (round 4), on sentences written for
these tests: "it"/"they" as the subject of an event take the last fitting organisation,
state or group (own sentence first, then the subjects of the two sentences before); "the
minister" takes the last named person of its sector. Rows where the pronoun must stay
unresolved: no fitting antecedent, a cataphoric "it", a dummy "it", words in quotes, a
place or an unknown body nearest. Each row: (text, event type, words of the trigger,
actor, recipient), as in test_argument_news ("CCC", "CCCSEC", "-SEC", "" or None)."""
from __future__ import annotations

import pytest

from .argument_codes import check_trigger_row

DCT = "2024-03-01"


ROWS = [
    # "it": a state or one body named before, in an earlier sentence's subject
    ("The Iranian government issued a statement on Sunday. It condemned the attack on the "
     "embassy in Damascus.", "ACCUSE", "condemned", "IRNGOV", "SYR"),
    ("Egypt hosted the talks in Cairo. It later criticised Israel over the raids.", "ACCUSE",
     "criticised", "EGY", "ISR"),
    # ... or in its own sentence first
    ("Russia told Ukraine on Monday that it would attack Kharkiv.", "ASSAULT", "attack",
     "RUS", "UKR"),
    # "they": a group, a people or coordinated states; a chain of "they" keeps its antecedent
    ("Hamas fighters crossed into Israel at dawn. They attacked an Israeli army post.",
     "ASSAULT", "attacked", "PSEREB", "ISRMIL"),
    ("France and Germany met in Brussels. They condemned Iran's missile tests.", "ACCUSE",
     "condemned", "FRA", "IRN"),
    ("The Conservatives backed the bill on Tuesday. They said they would vote for it. And "
     "they criticised Iran over its nuclear programme.", "ACCUSE", "criticised", "-PTY", "IRN"),
    # "the minister": the last named person of that sector
    ("Annalena Baerbock arrived in Cairo on Monday. The minister criticised the plan.",
     "ACCUSE", "criticised", "DEUGOV", None),
    ("Annalena Baerbock arrived in Cairo on Monday. The minister criticised the plan. The "
     "minister later met EU officials.", "CONSULT", "met", "DEUGOV", "IGO"),
    # ... not a person of another sector, nor one named three sentences back
    ("Bernie Sanders arrived in Cairo on Monday. The minister criticised the plan.",
     "ACCUSE", "criticised", "EGYGOV", None),
    # unresolved: nothing fitting before (a person is no "it"; a place is nearest; an
    # unknown body is nearest)
    ("John Smith arrived in the city on Monday. It criticised the plan.", "ACCUSE",
     "criticised", None, None),
    ("It criticised the plan on Monday.", "ACCUSE", "criticised", None, None),
    ("Vandals damaged the Harbour Bridge in Sydney. It was attacked again on Monday.",
     "ASSAULT", "attacked", None, None),
    # cataphora: the name comes after the pronoun
    ("Chad closed its border on Monday. Before it attacked the village, the army of Sudan "
     "warned its people.", "ASSAULT", "attacked", None, None),
    # a dummy "it" is no one
    ("Israel struck Gaza on Monday. It was reported that it rained in Cairo.", "ASSAULT",
     "struck", "ISR", "PSE"),
    # in a speaker's own words "they" are others, not the last group named
    ("Ukraine's army said on Monday: \"They shelled our homes again.\"", "ASSAULT",
     "shelled", "", "UKRCVL"),
    # in reported speech the speaker still comes first
    ("Hamas said that they attacked an Israeli army post.", "ASSAULT", "attacked",
     "PSEREB", "ISRMIL"),
]


@pytest.mark.parametrize(("text", "type_", "trigger", "actor", "recipient"), ROWS)
def test_pronoun_actors(make_doc, text, type_, trigger, actor, recipient):
    check_trigger_row(make_doc(text, DCT), type_, trigger, actor, recipient)
