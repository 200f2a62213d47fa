"""Argument errors seen on news text (round 3c), on sentences written for these tests:
a people named bare as the actor of an armed or state act, a given name like a place, the
owner of a protested act. Each row: (text, event type, words of the trigger, actor,
recipient): "CCC", "CCCSEC", "-SEC" (sector, any country), "" (an actor or recipient the
coder cannot place: no country, no sector) or None (for the actor: no event of that type
and trigger; for the recipient: none)."""
from __future__ import annotations

import pytest

from .argument_codes import check_trigger_row, matches

DCT = "2024-03-01"


ROWS = [
    # an event noun after "on" under "be" or a travel verb takes that verb's subject
    ("The Kenyan president is on a three-day visit to China.", "CONSULT", "visit", "KENGOV",
     "CHN"),
    ("Nigerian teachers were on strike for a week.", "PROTEST", "strike", "NGAEDU", "NGAGOV"),
    ("The report is on the table.", "CONSULT", "table", None, None),
    # a people named bare as the actor of an armed act is its military; of a sanction, its
    # government
    ("The Israelis launched air strikes on targets in Gaza.", "ASSAULT", "strikes", "ISRMIL",
     "PSE"),
    ("The Russians shelled Kharkiv overnight.", "ASSAULT", "shelled", "RUSMIL", "UKR"),
    ("The Americans imposed new sanctions on Iran.", "SANCTION", "sanctions", "USAGOV", "IRN"),
    # ... but a people with any other word, or protesting, stays its civilians
    ("Israeli settlers attacked Palestinian farmers near Hebron.", "ASSAULT", "attacked",
     "ISRCVL", "PSECVL"),
    ("Thousands of Israelis protested against the government in Tel Aviv.", "PROTEST",
     "protested", "ISRCVL", "ISRGOV"),
    # a given name like a place is no place; the place alone still is
    ("Virginia Giuffre accused the prince of abuse.", "ACCUSE", "accused", "", None),
    ("Georgia Harrison sued her former partner.", "ACCUSE", "sued", "", None),
    ("Virginia sued the federal government.", "ACCUSE", "sued", "USA", "USAGOV"),
    # the owner of a protested act is the target, not the act's own recipient
    ("China protested the US arms sale to Taiwan.", "ACCUSE", "protested", "CHN", "USA"),
    ("Egypt rejected Israel's plan for Gaza.", "REJECT", "rejected", "EGY", "ISR"),
    ("China protested the sale.", "PROTEST", "protested", "CHN", None),
    # a place name of many countries follows the story's country; the story's own city stays
    ("Norfolk Police arrested a man in Norwich on Monday. The British government said the "
     "UK would review the case of the British citizen.", "COERCE", "arrested", "GBRCOP", "GBRCVL"),
    ("Norfolk police arrested two men after a shooting in Virginia. The US Navy said the "
     "United States would review the case.", "COERCE", "arrested", "USACOP", "USACVL"),
    ("Police in Perth arrested two men on Saturday. The British government said the UK "
     "would review the case of the two British citizens.", "COERCE", "arrested", "GBRCOP",
     "GBRCVL"),
    ("Police in Perth arrested two men on Saturday. The men were Australian citizens.",
     "COERCE", "arrested", "AUSCOP", "AUSCVL"),
    # an organisation "of <city>" is of that country, not the city's people
    ("The Rotary Club of Dallas condemned the attack on Israel.", "ACCUSE", "condemned",
     "USA", "ISR"),
    ("The people of Dallas protested against the new tax.", "PROTEST", "protested", "USACVL",
     "USAGOV"),
    # two actors of one country: a named group and a phrase of its own sector are two; two
    # sectors are two; a government and "big government" are one (no event)
    ("Hezbollah fighters killed a commander of a rival militia in southern Lebanon.",
     "ASSAULT", "killed", "LBNREB", "LBNREB"),
    ("The Kenyan government arrested opposition leaders in Nairobi.", "COERCE", "arrested",
     "KENGOV", "KENOPP"),
    ("Rebels attacked government troops in northern Mali.", "ASSAULT", "attacked", "MLIREB",
     "MLIMIL"),
    ("President Joe Biden praised the US government.", "SUPPORT", "praised", "USAGOV", None),
]


@pytest.mark.parametrize(("text", "type_", "trigger", "actor", "recipient"), ROWS)
def test_argument_news(make_doc, text, type_, trigger, actor, recipient):
    check_trigger_row(make_doc(text, DCT), type_, trigger, actor, recipient)


def _mention_code(ref) -> str | None:
    if ref is None or not (ref.country or ref.sector):
        return None
    return (ref.country or "---") + (ref.sector or "")


# The linker's side of the rules above, on its mentions: (text, mention text, code or None).
MENTION_ROWS = [
    ("Virginia Giuffre accused the prince of abuse.", "Virginia Giuffre", None),
    ("Virginia sued the federal government.", "Virginia", "USA"),
    # an acronym the article defines means that name there, not the KB's holder of it
    ("Police in the UK are investigating a leaflet of the British National Party (BNP). The "
     "BNP denied the claims.", "BNP", "GBRPTY"),
    ("The Bangladesh Nationalist Party said the BNP would boycott the vote in Bangladesh.",
     "BNP", "BGDPTY"),
    # a shadow minister is the opposition's
    ("The shadow home secretary criticised the plan.", "shadow home secretary", "---OPP"),
    ("The home secretary defended the plan.", "home secretary", "---GOV"),
    ("The Liberal Democrats criticised the British government's plan.", "Liberal Democrats",
     "GBRPTY"),
    ("Norfolk Police arrested a man in Norwich on Monday. The British government said the "
     "UK would review the case of the British citizen.", "Norfolk Police", "GBRCOP"),
    ("Norfolk police arrested two men after a shooting in Virginia. The US Navy said the "
     "United States would review the case.", "Norfolk police", "USACOP"),
]


@pytest.mark.parametrize(("text", "mention", "want"), MENTION_ROWS)
def test_news_mentions(make_doc, text, mention, want):
    found = [m for m in make_doc(text, DCT)._.mentions if m.text == mention]
    assert found, [m.text for m in make_doc(text, DCT)._.mentions]
    assert _mention_code(found[0].actor) == want


# Phrases coded by the linker alone (no document): (phrase, code or None).
PHRASE_ROWS = [
    ("a general strike", None),
    ("the general election", None),
    ("the army general", "---MIL"),
    ("General Smith", "---MIL"),
    ("the shadow chancellor", "---OPP"),
    ("the chancellor", "---GOV"),
]


@pytest.mark.parametrize(("phrase", "want"), PHRASE_ROWS)
def test_news_phrases(phrase, want):
    from newsevents.actors.link import code_text

    assert _mention_code(code_text(phrase)) == want
