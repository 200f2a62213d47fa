"""Phrase coding from words alone (no model): ``code_text`` on phrases written for these
tests, including phrases that must not code as actors."""
from __future__ import annotations

import pytest

from newsevents.actors import code_text


@pytest.mark.parametrize("text, date, code", [
    # countries, capitals, demonyms, agents
    ("Iraqi Parliament", None, "IRQLEG"),
    ("US forces", None, "USAMIL"),
    ("all American forces", None, "USAMIL"),
    ("riot police", None, "---COP"),
    ("the resistance groups", None, "---REB"),
    ("Iraqi resistance groups", None, "IRQREB"),
    ("Baghdad", None, "IRQGOV"),
    ("Washington", None, "USAGOV"),
    ("the Iraqi people", None, "IRQCVL"),
    ("Kenyan lawmakers", None, "KENLEG"),
    ("the Nigerian army", None, "NGAMIL"),
    # a possessive inside a name is part of it; at the edge it marks an owner
    ("People's Liberation Army", None, "CHNMIL"),
    ("China's People's Liberation Army", None, "CHNMIL"),
    ("the Lord's Resistance Army", None, "UGAREB"),
    ("Kurdistan Workers' Party", None, "TURREB"),
    ("the Democratic People's Republic of Korea", None, "PRK"),
    ("the People's Republic of China", None, "CHN"),
    ("Iraq's army", None, "IRQMIL"),
    ("Pakistani intelligence officials", None, "PAKSPY"),
    ("Turkey's foreign ministry", None, "TURGOV"),
    ("a Colombian judge", None, "COLJUD"),
    ("Egyptian journalists", None, "EGYMED"),
    ("striking Greek doctors", None, "GRCHLH"),
    ("Brazilian students", None, "BRAEDU"),
    ("Somali refugees", None, "SOMREF"),
    ("Mexican drug cartels", None, "MEXCRM"),
    ("Lagos police", None, "NGACOP"),
    ("Chinese warplanes", None, "CHNMIL"),
    ("soldiers from Chad", None, "TCDMIL"),
    ("the defence ministry of Kenya", None, "KENGOV"),
    ("a former minister", None, "---ELI"),
    ("France's former president", None, "FRAELI"),
    # organisations and groups, and their members
    ("Iraq's Popular Mobilization Units", None, "IRQMIL"),
    ("Daesh", None, "IMGREB"),
    ("the Daesh terrorist group", None, "IMGREB"),
    ("Boko Haram fighters", None, "NGAREB"),
    ("Hezbollah's leader", None, "LBNREB"),
    ("a Pentagon spokesman", None, "USAMIL"),
    ("White House officials", None, "USAGOV"),
    ("the spokesman of the Iraqi Asa'ib Ahl al-Haq group's media office", None, "IRQREB"),
    ("members of the Houthi movement", None, "YEMREB"),
    ("UN Security Council", None, "IGOIGO"),
    ("the World Health Organization", None, "IGOHLH"),
    ("Kremlin", None, "RUSGOV"),
    # people, titles, dates
    ("US President Joe Biden", "2021-08-14", "USAGOV"),
    ("Iraqi Prime Minister Mustafa al-Kadhimi", "2021-08-14", "IRQGOV"),
    ("Mustafa Kadhimi", "2021-08-14", "IRQGOV"),
    ("the Iranian commander Qassem Soleimani", "2021-08-14", "IRNMIL"),
    ("Biden", "2015-03-01", "USAGOV"),
    ("Biden", "2026-03-01", "USAELI"),
    ("former President Barack Obama", "2021-01-01", "USAELI"),
    ("Foreign Minister Jane Roe", None, "---GOV"),
    ("the Mongolian President", None, "MNGGOV"),
    ("Somalia's prime minister", None, "SOMGOV"),
    ("Jane Roe, Kenya's deputy foreign minister", None, "KENGOV"),
    ("Canada's ambassador to Russia", None, "CANGOV"),
    # places: a capital is the government, another city its people; a place that owns
    # something gives only its country
    ("Mariupol", None, "UKRCVL"),
    ("residents of Baghdad", None, "IRQCVL"),
    ("the mayor of Mariupol", None, "UKRGOV"),
    ("Mariupol's mayor", None, "UKRGOV"),
    ("Texas", None, "USA"),
    ("England", None, "GBR"),  # the country and its part code alike: not ambiguous
    # protesters are civilians unless the text makes them opponents
    ("protesters", None, "---CVL"),
    ("Belarusian demonstrators", None, "BLRCVL"),
    ("anti-government protesters", None, "---OPP"),
    ("Kenyan opposition supporters", None, "KENOPP"),
    # an office named with a nationality and an unknown holder
    ("Colombian defence minister Jane Roe", None, "COLGOV"),
    ("the Peruvian interior minister, Jane Roe", None, "PERGOV"),
    ("Ghana's deputy finance minister", None, "GHAGOV"),
    ("Chilean Vice President Jane Roe", None, "CHLGOV"),
    ("the Nigerian Senate President", None, "NGALEG"),
    # former office holders are elites; former members of other groups keep their sector
    ("former Colombian defence minister Jane Roe", None, "COLELI"),
    ("ex-Prime Minister Jane Roe", None, "---ELI"),
    ("former rebels", None, "---REB"),
    # vessels: the flag country's military when the text says so
    ("the Russian warship Moskvana", None, "RUSMIL"),
    ("USS Ronald Reaganova", None, "USAMIL"),
    ("an Arleigh Burke-class destroyer", None, "USAMIL"),
    # a group's drones are the group; settlers are civilians
    ("Houthi drones", None, "YEMREB"),
    ("Israeli settlers", None, "ISRCVL"),
    # "... general" offices are not generals; a country before "X of Y" stays
    ("Kenyan Solicitor General Jane Roe", None, "KENJUD"),
    ("NATO Secretary General Jane Roe", None, "IGOMIL"),  # NATO is IGO MIL
    ("Kenyan Chief of Defence Staff Jane Roe", None, "KENMIL"),
    ("Kenyan Minister for Foreign Affairs Jane Roe", None, "KENGOV"),
    ("Nigeria's Inspector General of Police", None, "NGACOP"),
    # a minister's portfolio is not an organisation; a union's secretary is the union's
    ("Britain's business secretary", None, "GBRGOV"),
    ("the Kenyan media minister", None, "KENGOV"),
    ("union secretary", None, "---LAB"),
    # a lower-case body noun before an unknown name says what it is
    ("the rights group Foro Libre", None, "---HRI"),
    ("vice president of the rights group Foro Libre", None, "---HRI"),
    ("the Iranian opposition group Xyz Abc", None, "IRNOPP"),
    # US lawmakers' abbreviated titles
    ("Republican Rep. Jane Roe", None, "USALEG"),
    ("Sen. Jane Roe", None, "---LEG"),
])
def test_code_text(text, date, code):
    actor = code_text(text, date=date)
    assert actor is not None, text
    assert actor.code == code


@pytest.mark.parametrize("text", [
    "a demand", "puppies", "the weather", "Jane Roe", "the withdrawal of US troops",
    "yesterday", "coronavirus", "", "us", "turkey sandwiches",
])
def test_code_text_nothing(text):
    assert code_text(text) is None


def test_linked_ids_and_names():
    spokesman = code_text("the spokesman of the Iraqi Asa'ib Ahl al-Haq movement")
    assert spokesman.id == "IRQ:asaib-ahl-al-haq"
    forces = code_text("US forces")
    assert forces.id is None and forces.name == "US forces"
    assert code_text("Baghdad").name == "Baghdad"


@pytest.mark.parametrize("text", ["Brown", "May", "Martin", "Sanchez"])
def test_common_surnames_do_not_link_alone(text):
    assert code_text(text) is None
