"""Several people files: the shipped ``people*.yaml`` set and user folders. A person repeated
in a later file is merged into the first; a country disagreement keeps the first file's
country and is logged naming both files. All names here are invented for these tests."""
from __future__ import annotations

import logging

import pytest

from newsevents.actors.importers import load_dictionary
from newsevents.actors.kb import KnowledgeBase, load_people, people_files

FIRST = """\
- {name: Ilse Varden, country: NLD, aliases: [I. Varden], roles: ["GOV 2010 2014 foreign minister"]}
- {name: Pavo Kestrel, country: FIN, roles: ["GOV 2015 2019 defence minister"]}
"""
# Ilse Varden again with the same role, a new one and a new alias; Pavo Kestrel with another
# country (a data mistake: the first file wins); a malformed role; a new person.
SECOND = """\
- {name: Ilse Varden, country: NLD, aliases: [Ilse M. Varden], roles: [\
"GOV 2010 2014 foreign minister", "GOV 2017 2021 prime minister"]}
- {name: Pavo Kestrel, country: SWE, roles: ["LEG 2020 2023 senator"]}
- {name: Bad Roleman, country: NOR, roles: ["GOV someday never"]}
- {name: Ruta Olmark, country: EST, roles: ["SPY 2018 - intelligence chief"]}
"""


@pytest.mark.parametrize("names, expected", [
    (["people_b.yaml", "people.yaml", "people_a.yaml", "organizations.yaml"],
     ["people.yaml", "people_a.yaml", "people_b.yaml"]),
    (["people-x.yaml", "people.yaml"], ["people.yaml", "people-x.yaml"]),
    (["people_only.yml", "notes.txt"], ["people_only.yml"]),
    (["organizations.yaml", "countries.csv"], []),
])
def test_people_files_order(tmp_path, names, expected):
    for name in names:
        (tmp_path / name).write_text("- {name: X}\n", encoding="utf-8")
    assert people_files(tmp_path) == expected


def _write(folder, files):
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(params=["shipped", "user"])
def merged(request, tmp_path, caplog):
    """The two files loaded as a shipped data folder and as an [actors] extra folder (where
    the names sort the other way round, to show that people.yaml still comes first)."""
    kb = KnowledgeBase()
    with caplog.at_level(logging.WARNING, logger="newsevents.actors.kb"):
        if request.param == "shipped":
            _write(tmp_path, {"people.yaml": FIRST, "people_more.yaml": SECOND})
            kb.problems = load_people(kb, tmp_path)
        else:
            _write(tmp_path, {"people.yaml": FIRST, "people-extra.yaml": SECOND})
            kb.problems = load_dictionary(kb, tmp_path)
    return kb, caplog.text


@pytest.mark.parametrize("name, date, code", [
    ("Ilse Varden", "2012-05-01", "NLDGOV"),
    ("Ilse Varden", "2019-05-01", "NLDGOV"),  # role from the second file
    ("Ilse Varden", "2016-05-01", "NLDELI"),
    ("Ilse M. Varden", "2019-05-01", "NLDGOV"),  # alias from the second file
    ("I. Varden", "2019-05-01", "NLDGOV"),  # alias from the first file
    ("Pavo Kestrel", "2017-05-01", "FINGOV"),
    ("Pavo Kestrel", "2021-05-01", "FINLEG"),  # the second file's role, first file's country
    ("Ruta Olmark", "2020-05-01", "ESTSPY"),
])
def test_merged_people(merged, name, date, code):
    kb, _ = merged
    actor = kb.lookup(name, date=date)
    assert actor is not None and actor.code == code


@pytest.mark.parametrize("name", ["Bad Roleman", "Nobody Atall"])
def test_unmerged_names_yield_nothing(merged, name):
    kb, _ = merged
    assert kb.lookup(name, date="2020-01-01") is None


def test_merge_keeps_one_entry_and_dedupes_roles(merged):
    kb, _ = merged
    people = [e for e in kb.entries.values() if e.name in ("Ilse Varden", "Pavo Kestrel")]
    assert len(people) == 2
    varden = next(e for e in people if e.name == "Ilse Varden")
    assert len(varden.roles) == 2  # the repeated foreign-minister role is kept once
    assert sorted(varden.aliases) == ["I. Varden", "Ilse M. Varden"]


def test_country_conflict_is_logged_with_both_files(merged):
    kb, log_text = merged
    assert len(kb.conflicts) == 1
    message = kb.conflicts[0]
    assert "Pavo Kestrel" in message and "FIN" in message and "SWE" in message
    assert "people.yaml" in message and ("people_more.yaml" in message
                                         or "people-extra.yaml" in message)
    assert "Pavo Kestrel" in log_text


def test_malformed_entry_reported_with_file_and_line(merged):
    kb, _ = merged
    problems = [(p.path.rsplit("/", 1)[-1], p.line) for p in kb.problems]
    assert len(problems) == 1
    assert problems[0][0] in ("people_more.yaml", "people-extra.yaml") and problems[0][1] == 3


def test_same_file_namesakes_stay_apart(tmp_path):
    """Two people of one name in one file are two people (their countries differ)."""
    text = ("- {name: Sam Delgado, country: MEX, roles: [\"GOV 2010 2012 minister\"]}\n"
            "- {name: Sam Delgado, country: CHL, roles: [\"LEG 2010 2012 senator\"]}\n")
    _write(tmp_path, {"people.yaml": text})
    kb = KnowledgeBase()
    assert load_people(kb, tmp_path) == []
    assert kb.conflicts == []
    assert sum(e.name == "Sam Delgado" for e in kb.entries.values()) == 2


SURNAMES = """\
- {name: Olga Brannick, country: NLD, roles: ["GOV 2010 2012 deputy finance minister"]}
- {name: Piet Stroud, country: NLD, roles: ["GOV 2021 - foreign minister"]}
- {name: Kees Stroud, country: BEL, roles: ["GOV 2005 2008 interior minister"]}
- {name: Anke Holloway, country: DEU, roles: ["GOV 2001 2005 chancellor"]}
- {name: Ben Holloway, country: AUT, roles: ["GOV 2011 2012 deputy mayor"]}
- {name: Mara Quist, country: DNK, roles: ["GOV 2019 - prime minister"]}
- {name: Jon Quist, country: SWE, roles: ["GOV 2019 - interior minister"]}
- {name: Quist Larsen, country: NOR, roles: ["GOV 2019 - finance minister"]}
"""


@pytest.mark.parametrize("surname, date, code", [
    ("Stroud", "2022-01-01", "NLDGOV"),  # the namesake in office on the date
    ("Stroud", "2006-01-01", "BELGOV"),
    ("Stroud", "2015-01-01", None),  # neither in office: ambiguous
    ("Brannick", "2020-01-01", None),  # a minor former official: not by surname alone
    ("Brannick", "2011-01-01", "NLDGOV"),
    ("Holloway", "2020-01-01", "DEUELI"),  # a former head of government still is
    ("Quist", "2022-01-01", "DNKGOV"),  # both in office: the head of government
    ("Quist", "2010-01-01", None),  # neither in office; "Quist" is also a given name
])
def test_surname_alone(tmp_path, surname, date, code):
    _write(tmp_path, {"people.yaml": SURNAMES})
    kb = KnowledgeBase()
    kb.prominent_titles = frozenset({"chancellor", "president", "prime minister"})
    load_people(kb, tmp_path)
    actor = kb.lookup(surname, date=date)
    assert (actor.code if actor else None) == code


@pytest.mark.parametrize("text, code", [
    ("Rosa Elena", "PRTGOV"),
    ("President Rosa Elena", "PRTGOV"),
    ("Rosa Elena Restrepo", None),  # someone else whose given names are her name
])
def test_known_name_inside_a_longer_name(tmp_path, text, code):
    from newsevents.actors import code_text

    entry = '- {name: Rosa Elena, country: PRT, roles: ["GOV 2019 - president"]}\n'
    _write(tmp_path, {"people.yaml": entry})
    kb = KnowledgeBase()
    load_people(kb, tmp_path)
    actor = code_text(text, date="2022-01-01", kb=kb)
    assert (actor.code if actor else None) == code


@pytest.mark.parametrize("date, code", [
    ("2012-06-01", "CANGOV"),
    ("2020-06-01", "NZLGOV"),
    ("2016-06-01", None),  # neither in office: a namesake cannot be told apart
])
def test_namesakes_told_apart_by_date(tmp_path, date, code):
    _write(tmp_path, {"people.yaml": (
        '- {name: Alan Whitcombe, country: CAN, roles: ["GOV 2010 2014 governor general"]}\n'
        '- {name: Alan Whitcombe, country: NZL, roles: ["GOV 2018 2022 defence minister"]}\n')})
    kb = KnowledgeBase()
    load_people(kb, tmp_path)
    actor = kb.lookup("Alan Whitcombe", date=date)
    assert (actor.code if actor else None) == code
