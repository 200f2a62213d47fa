"""Word senses: a trigger word codes its event only in the sense that reports the act.
Each row: a sentence written for this test, and the (category, CAMEO root) pairs that must
and must not be among its events."""
from __future__ import annotations

import pytest

DCT = "2026-02-10"


def _codes(doc) -> set[tuple[str, str]]:
    return {(e.type, (e.cameo or "")[:2]) for e in doc._.events}


@pytest.mark.parametrize(
    "text, present, absent",
    [
        # "strike": labour protest vs military attack, from the context
        ("Nurses in Kenya went on strike on Monday over unpaid wages.", ("PROTEST", "14"), ("ASSAULT", "19")),
        ("A strike by Nigerian dock workers shut the port of Lagos.", ("PROTEST", "14"), ("ASSAULT", "19")),
        ("Israel carried out a strike on Gaza City overnight.", ("ASSAULT", "19"), ("PROTEST", "14")),
        ("The US military conducted a lethal strike against a boat in the Caribbean.", ("ASSAULT", "19"), ("PROTEST", "14")),
        ("Russia launched a drone strike on Kharkiv.", ("ASSAULT", "19"), ("PROTEST", "14")),
        # "attack": physical vs verbal
        ("Rebels attacked an army base near Goma.", ("ASSAULT", "19"), ("ACCUSE", "11")),
        ("Hamas attacked Israel on Saturday.", ("ASSAULT", "19"), ("ACCUSE", "11")),
        ("The Kenyan opposition attacked the government's budget.", ("ACCUSE", "11"), ("ASSAULT", "19")),
        ("Brazilian farmers attacked the new trade policy.", ("ACCUSE", "11"), ("ASSAULT", "19")),
        # "warn": a threat only when the warning carries an act of the warner
        ("Iran warned it would retaliate against Israel.", ("THREATEN", "13"), None),
        ("North Korea warned Seoul that it would attack its warships.", ("THREATEN", "13"), None),
        ("Japan's central bank warned that prices would keep rising.", None, ("THREATEN", "13")),
        ("The French minister warned of the damage to relations with Italy.", None, ("THREATEN", "13")),
        # "demonstrate": a protest, not a display of something
        ("Thousands of Kenyans demonstrated against the tax bill in Nairobi.", ("PROTEST", "14"), None),
        ("The Indian army demonstrated a new missile at the test range.", None, ("PROTEST", "14")),
        # a concession meets someone's demands, not market demand
        ("The Kenyan government met the teachers' demands.", ("CONCEDE", "08"), None),
        ("Gulf producers raised output to meet global demand.", None, ("CONCEDE", "08")),
        # declining to comment is small talk, whatever the comment would be about
        ("The Turkish firm refused to comment on its talks with Israel.", None, ("REJECT", "12")),
        ("Turkey refused to hold talks with Israel.", ("REJECT", "12"), None),
        # returning someone or something is an act; returning to a place is travel
        ("Russia returned 40 prisoners to Ukraine.", ("RETREAT", "08"), None),
        ("The Saudi envoy returned to Washington on Monday.", None, ("RETREAT", "08")),
        # "hit out at" is an idiom of criticism; "hard hit ... out of work" is not
        ("The Nigerian president hit out at the World Bank.", ("ACCUSE", "11"), None),
        ("Young Nigerians are hard hit, with 37% out of work.", None, ("ACCUSE", "11")),
        # "call": a phone call, a naming, a request; a date is not part of the pattern
        ("Biden called Netanyahu on Sunday.", ("CONSULT", "04"), ("REQUEST", "10")),
        ("The White House called the Vatican decision unfortunate.", None, ("CONSULT", "04")),
        ("Kenya called on the United Nations to send troops.", ("REQUEST", "10"), None),
        # press boilerplate and opinions are not acts
        ("An official, speaking on condition of anonymity to discuss the talks, said Iran was ready.", None, ("CONSULT", "04")),
        ("\"I think Iran should sign the deal,\" the Omani minister said.", None, ("REQUEST", "10")),
        ("Oman said Iran must sign the deal.", ("REQUEST", "10"), None),
        # "appeal a ruling" is a legal step; "appeal to X" a request
        ("Kenya will appeal the court's ruling.", None, ("REQUEST", "10")),
        ("Somalia appealed to the African Union for troops.", ("REQUEST", "10"), None),
        # campaigning, legal appeals and misfortune are not force or requests
        ("The Kenyan opposition will target the student vote.", None, ("ASSAULT", "19")),
        ("Rebels targeted an army convoy near Goma.", ("ASSAULT", "19"), None),
        ("The detainees won their appeal in the Kenyan high court.", None, ("REQUEST", "10")),
        ("Millions of Ethiopians were hit by drought and famine.", None, ("ASSAULT", "19")),
        # adjectival participles describe, they do not report
        ("Ecuadorian police arrested an alleged smuggler in Quito.", ("COERCE", "17"), ("ACCUSE", "11")),
        ("The Venezuelan navy escorted a sanctioned tanker out of port.", None, ("SANCTION", "16")),
    ],
)
def test_sense(make_doc, text, present, absent):
    codes = _codes(make_doc(text, DCT))
    if present is not None:
        assert present in codes, (text, codes)
    if absent is not None:
        assert absent not in codes, (text, codes)


def test_a_date_is_not_an_actor(make_doc):
    doc = make_doc("Monday's Israeli strike on Gaza killed 12 people.", DCT)
    assert all(e.actor is None or "Monday" not in e.actor.name for e in doc._.events)
