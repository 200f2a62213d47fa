"""The knowledge base: normalisation, dated roles, name lookup. No spaCy model needed."""
from __future__ import annotations

import datetime as dt

import pytest

from newsevents.actors.kb import (
    SECTORS,
    Entry,
    Role,
    load_kb,
    name_key,
    parse_date,
    skeleton,
)


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize("text, key", [
    ("Asa'ib Ahl al-Haq", ("asaib", "ahl", "haq")),
    ("Asa’ib Ahl Al Haq", ("asaib", "ahl", "haq")),
    ("the U.S.", ("us",)),
    ("Mustafa al-Kadhimi", ("mustafa", "kadhimi")),
    ("Recep Tayyip Erdoğan", ("recep", "tayyip", "erdogan")),
    ("  ", ()),
])
def test_name_key(text, key):
    assert name_key(text) == key


def test_skeleton_joins_transliterations():
    assert skeleton(name_key("Qassem Soleimani")) == skeleton(name_key("Qasem Suleimani"))
    assert skeleton(name_key("Qassem Soleimani")) != skeleton(name_key("Hossein Salami"))


@pytest.mark.parametrize("value, end, expected", [
    ("2021-08-14", False, dt.date(2021, 8, 14)),
    ("2021-08", False, dt.date(2021, 8, 1)),
    ("2021-12", True, dt.date(2022, 1, 1)),
    ("2020", True, dt.date(2021, 1, 1)),
    ("-", False, None),
    (None, False, None),
])
def test_parse_date(value, end, expected):
    assert parse_date(value, end=end) == expected


@pytest.mark.parametrize("value", ["14/08/2021", "August 2021", "20210814x"])
def test_parse_date_rejects(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize("name, date, code", [
    ("Joe Biden", "2015-03-01", "USAGOV"),  # vice president
    ("Joe Biden", "2021-08-14", "USAGOV"),  # president
    ("Joe Biden", "2018-06-01", "USAELI"),  # between offices
    ("Joe Biden", "2026-03-01", "USAELI"),  # former
    ("Donald Trump", "2019-04-01", "USAGOV"),
    ("Donald Trump", "2022-04-01", "USAELI"),
    ("Vladimir Putin", "1999-01-01", "RUSSPY"),
    ("Angela Merkel", "2022-01-10", "DEUELI"),
    ("Qassem Soleimani", "2021-08-14", "IRNMIL"),  # died in office: keeps his code
    ("Taliban", "2002-05-01", "AFGREB"),
    ("Taliban", "2022-05-01", "AFGGOV"),
    ("Hezbollah", None, "LBNREB"),
    ("Daesh", None, "IMGREB"),
    ("Baghdad", None, "IRQGOV"),  # capital as metonym for the government
    ("Iraq", None, "IRQ"),
    ("Iraqi", None, "IRQ"),
    ("NATO", None, "IGOMIL"),
    ("Kadhimi", "2021-08-14", "IRQGOV"),  # unique surname
    ("Qasem Suleimani", "2021-08-14", "IRNMIL"),  # transliteration variant
])
def test_lookup(kb, name, date, code):
    actor = kb.lookup(name, date=date)
    assert actor is not None and actor.code == code


@pytest.mark.parametrize("name", ["US forces", "puppies", "the", "", "Marcus Beam"])
def test_lookup_nothing(kb, name):
    assert kb.lookup(name) is None


def test_lookup_ids_are_stable(kb):
    assert kb.lookup("Joe Biden").id == "USA:biden-joe"
    assert kb.lookup("ISIS").id == "IMG:isis"
    assert kb.lookup("United States").id == "USA"


def test_roles_for_the_actor_page(kb):
    roles = kb.roles("USA:biden-joe")
    assert [r.title for r in roles][-2:] == ["vice president", "president"]
    assert roles == sorted(roles, key=lambda r: r.start or dt.date.min)
    assert kb.roles("no:such-actor") == []


def test_shipped_data_is_clean(kb):
    assert kb.problems == []
    assert len(kb.entries) > 1000
    for entry in kb.entries.values():
        assert entry.sector is None or entry.sector in SECTORS, entry.id
        for role in entry.roles:
            assert role.sector is None or role.sector in SECTORS, entry.id
            assert role.start is None or role.end is None or role.start <= role.end, entry.id


@pytest.mark.parametrize("date, sector", [
    (dt.date(2000, 1, 1), None),  # before any role: the base code
    (dt.date(2011, 1, 1), "GOV"),
    (dt.date(2014, 1, 1), "ELI"),
    (None, "ELI"),
])
def test_role_at(date, sector):
    entry = Entry("X:doe-jane", "Jane Doe", "person", "XXX",
                  roles=[Role("XXX", "GOV", dt.date(2010, 1, 1), dt.date(2012, 1, 1))])
    assert entry.role_at(date).sector == sector


@pytest.mark.parametrize("died, date, sector", [
    (dt.date(2012, 1, 1), dt.date(2013, 1, 1), "GOV"),  # died in office: keeps the code
    (dt.date(2015, 1, 1), dt.date(2016, 1, 1), "ELI"),  # died after leaving office
    (dt.date(2015, 1, 1), dt.date(2013, 1, 1), "ELI"),  # alive, out of office
])
def test_role_at_after_death(died, date, sector):
    entry = Entry("X:doe-jane", "Jane Doe", "person", "XXX", died=died,
                  roles=[Role("XXX", "GOV", dt.date(2010, 1, 1), dt.date(2012, 1, 1))])
    assert entry.role_at(date).sector == sector
