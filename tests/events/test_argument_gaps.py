"""Actors the argument rules used to miss or get wrong (round 3b), on sentences written
for these tests: a subject the parse hangs from an auxiliary, a pronoun beside a speech
noun, a statement's issuer, demands for information, a copula's subject, an attack with
no named attacker in a story about one side's attacks. Each row: (text, event type, words
of the trigger, actor, recipient): "CCC", "CCCSEC", "-SEC" (sector, any country) or None
(for the actor: no event of that type and trigger may be emitted: small talk, or an
act whose only candidate actor is a statement or an unresolved pronoun, a question)."""
from __future__ import annotations

import pytest

from .argument_codes import check_trigger_row, matches

from newsevents.events import EventExtractor

DCT = "2024-03-01"


ROWS = [
    # a subject hung from the auxiliary of a stative passive
    ("Ghana's government is committed to ending the border dispute with Togo.",
     "AGREE", "committed", "GHAGOV", None),
    ("Kenya's government is committed to supporting the peace talks with the rebels.",
     "AGREE", "committed", "KENGOV", "-REB"),
    # a pronoun is never a statement: the report verb's subject, or no actor
    ("Militants loyal to the group's leader said they attempted to assassinate the prime "
     "minister, in a statement posted on a website.", "ASSAULT", "assassinate", "-REB", "-GOV"),
    # (round 4: "they" now takes the last group subject, the two men; before it had none)
    ("The ministry said two men were arrested. They attempted to assassinate the governor of "
     "Kano, the statement said.", "ASSAULT", "assassinate", "-CVL", "-GOV"),
    # a statement, a declaration, a letter: what it demands or alleges is its issuer's
    ("The opposition put out a declaration demanding that the cabinet free the jailed "
     "students.", "REQUEST", "demanding", "-OPP", "-GOV"),
    ("Hamas issued a statement accusing Israel of violating the ceasefire.",
     "ACCUSE", "accusing", "PSE", "ISR"),
    ("A statement condemning the attack was read on state television.",
     "ACCUSE", "condemning", None, None),
    # a demand that someone give information is a demand, not small talk
    ("The opposition demanded that the government provide information about the detainees.",
     "REQUEST", "demanded", "-OPP", "-GOV"),
    ("The opposition put out a declaration demanding that the cabinet provide information "
     "about the jailed students.", "REQUEST", "demanding", "-OPP", "-GOV"),
    ("The families called on the army to provide information about the missing men.",
     "REQUEST", "called", "-CVL", "-MIL"),
    ("The newspaper asked the ministry to provide details but received no response.",
     "REQUEST", "asked", None, None),
    ("The ministry declined to give information about the detainees.",
     "COOPERATE", "give", None, None),
    # a question reports nothing; "said X must" is a demand only on an actor
    ("Reporters asked whether Israel would withdraw its troops.", "RETREAT", "withdraw", None,
     None),
    ("The minister said the growth should be felt by everyone.", "REQUEST", "said", None, None),
    ("The minister said China must drop its trade barriers.", "REQUEST", "said", "-GOV", "CHN"),
    # an attack with no named attacker in a story about one side attacking that country
    ("Israel continued its offensive in Gaza. A school sheltering displaced families was "
     "struck on Sunday, killing 20 people.", "ASSAULT", "struck", "ISR", "PSE"),
    ("Israeli jets bombed targets in Gaza overnight. Five people were killed in the strike on "
     "a house in Rafah, medics said.", "ASSAULT", "strike", "ISRMIL", "PSECVL"),
    ("Police shot a gunman in Dallas on Monday. Two people were killed in a shooting in "
     "Houston.", "ASSAULT", "killed", "USAUAF", "USACVL"),
    ("Ukrainian drones attacked a refinery in Russia. Two people were killed in a strike on a "
     "market in Kharkiv.", "ASSAULT", "strike", None, None),
    # the by-agent of a coordinated passive verb
    ("Two Americans were shot and killed by federal agents.", "ASSAULT", "shot", "-COP", "-CVL"),
    # a people's adjective coordinated with a noun shares it; one target per named country
    ("Police in Kenya beat scores of Somali and Ethiopian refugees.",
     "ASSAULT", "beat", "KEN", "SOMREF"),
    ("Police in Kenya beat scores of Somali and Ethiopian refugees.",
     "ASSAULT", "beat", "KEN", "ETHREF"),
    ("The European Union imposed sanctions on Russian and Belarusian banks.",
     "SANCTION", "sanctions", "IGO", "RUSBUS"),
    ("The European Union imposed sanctions on Russian and Belarusian banks.",
     "SANCTION", "sanctions", "IGO", "BLRBUS"),
    # an investigation with no agent is by the state where it happens
    ("A Canadian citizen was placed under investigation in Spain over the protests.",
     "ACCUSE", "investigation", "ESP", "CAN"),
    # a country the tagger took for a person after "in" is the place
    ("Three soldiers were killed in an attack on a checkpoint in northern Mali.",
     "ASSAULT", "attack", "MLIUAF", "MLIMIL"),
]


@pytest.mark.parametrize(("text", "type_", "trigger", "actor", "recipient"), ROWS)
def test_argument_gaps(make_doc, text, type_, trigger, actor, recipient):
    check_trigger_row(make_doc(text, DCT), type_, trigger, actor, recipient)


# A predicate noun is its copula's subject's act, when that subject is an actor. The shipped
# lexicon has no agent noun such as "donor", so a user's trigger file adds one.
DONOR = 'nouns:\n  AID:\n    donor: {cameo: "070", to: [prep:to]}\n'
COPULA_ROWS = [
    ("Japan is the largest donor to the UN refugee agency.", "JPN", "IGO"),
    ("Norway remains the main donor to the Palestinian Authority.", "NOR", "PSEGOV"),
    ("It was the largest donor conference in years.", None, None),
]


@pytest.fixture(scope="module")
def donor_extractor(tmp_path_factory):
    path = tmp_path_factory.mktemp("triggers") / "donor.yaml"
    path.write_text(DONOR, encoding="utf-8")
    return EventExtractor(extra_triggers=[path])


@pytest.mark.parametrize(("text", "actor", "recipient"), COPULA_ROWS)
def test_copula_subject(make_doc, donor_extractor, text, actor, recipient):
    events = [e for e in donor_extractor(make_doc(text, DCT)) if e.trigger.text == "donor"]
    if actor is None:
        assert events == []
        return
    assert [(matches(e.actor, actor), matches(e.recipient, recipient)) for e in events] == [
        (True, True)]
