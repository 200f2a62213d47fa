"""Dictionary importers: PETRARCH/TABARI actors and agents, simple CSV, YAML; bad lines and
bad paths. The dictionaries here are written for these tests (invented names)."""
from __future__ import annotations

import logging

import pytest

from newsevents.actors import code_text
from newsevents.actors.importers import load_dictionary, parse_petrarch_code
from newsevents.actors.kb import KnowledgeBase, load_kb
from newsevents.errors import KnowledgeBaseError

ACTORS = """\
<!-- an invented actor dictionary -->
VALDORIA_ [VAL]   # a country, exact word
+VALDORIAN_
MERRIN [MER]      # a stem: Merrin, Merrinese
+PORT_SALT_
JAN_OSTRAVEK_
    [VALREB < 20050101]
    [VALGOV 20050101-20120630]
    [VALELI > 20120630]
BROKEN [VAL
GREY_WARDENS [VALMIL]
"""

AGENTS = """\
!PEOPLE! = MAN, MEN
POLICE {} [~COP]
HARBOR!PEOPLE! [~LAB]
RELIEF_GROUP [NGO~]
CLERK [~GOV
"""


@pytest.fixture(scope="module")
def petrarch_kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("petrarch")
    (folder / "test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "test.agents.txt").write_text(AGENTS, encoding="utf-8")
    return load_kb((str(folder / "test.actors.txt"), str(folder / "test.agents.txt")),
                   shipped=False)


@pytest.mark.parametrize("text, date, code", [
    ("Valdoria", None, "VAL"),
    ("the Valdorian police", None, "VALCOP"),
    ("Merrinese harbormen", None, "MERLAB"),  # stem + substitution set
    ("Port Salt", None, "MER"),
    ("Jan Ostravek", "2001-05-01", "VALREB"),
    ("Jan Ostravek", "2008-05-01", "VALGOV"),
    ("Jan Ostravek", "2015-05-01", "VALELI"),
    ("Grey Wardens", None, "VALMIL"),
    ("Valdorian police chief", None, "VALCOP"),
])
def test_petrarch_codes(petrarch_kb, text, date, code):
    actor = code_text(text, date=date, kb=petrarch_kb)
    assert actor is not None and actor.code == code


@pytest.mark.parametrize("text", ["Valdorias", "the police station keeper's dog", "Broken"])
def test_petrarch_nothing(petrarch_kb, text):
    actor = code_text(text, kb=petrarch_kb)
    assert actor is None or actor.country is None


def test_petrarch_problems_have_file_and_line(petrarch_kb):
    problems = {(p.path.rsplit("/", 1)[-1], p.line) for p in petrarch_kb.problems}
    assert ("test.actors.txt", 10) in problems  # BROKEN [VAL
    assert ("test.agents.txt", 5) in problems  # CLERK [~GOV
    assert len(problems) == 2


@pytest.mark.parametrize("block, country, sector, start, end", [
    ("IRQGOV 20060520-20140908", "IRQ", "GOV", "2006-05-20", "2014-09-08"),
    ("HOB < 950601", "HOB", None, None, "1995-06-01"),
    ("HOBREB >990816", "HOB", "REB", "1999-08-16", None),
    ("---", None, None, None, None),
])
def test_parse_petrarch_code(block, country, sector, start, end):
    role = parse_petrarch_code(block)
    assert (role.country, role.sector) == (country, sector)
    dates = (role.start and role.start.isoformat(), role.end and role.end.isoformat())
    assert dates == (start, end)


@pytest.mark.parametrize("block", ["", "IRQGOV 2006", "I", "IRQ 20060520-"])
def test_parse_petrarch_code_rejects(block):
    with pytest.raises(ValueError):
        parse_petrarch_code(block)


CSV = """\
name,aliases,country,sector,start,end
Ana Lindqvist,A. Lindqvist|Lindqvist,SWE,GOV,2019-01-01,2022-06-30
Ana Lindqvist,,SWE,LEG,2022-06-30,
North Harbour Union,NHU,NOR,LAB,,
,missing name,SWE,GOV,,
Bad Sector,,SWE,XYZ,,
Bad Date,,SWE,GOV,2020-13-45,
"""

YAML = """\
- {name: Ostrava Watch, aliases: [OW], country: CZE, sector: HRI}
- {name: Tomas Bily, country: CZE, roles: ["GOV 2018-01-01 2021-01-01 mayor"]}
- {name: Broken Role, country: CZE, roles: ["GOV yesterday today"]}
- {country: CZE}
"""


@pytest.fixture()
def user_kb(tmp_path, caplog):
    (tmp_path / "people.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "groups.yaml").write_text(YAML, encoding="utf-8")
    kb = KnowledgeBase()
    with caplog.at_level(logging.WARNING):
        problems = load_dictionary(kb, tmp_path)
    kb.problems = problems
    return kb


@pytest.mark.parametrize("name, date, code", [
    ("Ana Lindqvist", "2020-01-01", "SWEGOV"),
    ("Lindqvist", "2023-01-01", "SWELEG"),
    ("NHU", None, "NORLAB"),
    ("Ostrava Watch", None, "CZEHRI"),
    ("Tomas Bily", "2019-05-05", "CZEGOV"),
    ("Tomas Bily", "2022-05-05", "CZEELI"),
])
def test_user_dictionaries(user_kb, name, date, code):
    actor = user_kb.lookup(name, date=date)
    assert actor is not None and actor.code == code


def test_user_dictionary_problems(user_kb):
    lines = sorted((p.path.rsplit("/", 1)[-1], p.line) for p in user_kb.problems)
    assert lines == [("groups.yaml", 3), ("groups.yaml", 4), ("people.csv", 5),
                     ("people.csv", 6), ("people.csv", 7)]


def test_problems_are_logged(tmp_path, caplog):
    path = tmp_path / "bad.csv"
    path.write_text(CSV, encoding="utf-8")
    load_kb.cache_clear()
    with caplog.at_level(logging.WARNING, logger="newsevents.actors.kb"):
        kb = load_kb((str(path),), shipped=False)
    assert len(kb.problems) == 3
    assert "bad.csv:5" in caplog.text


@pytest.mark.parametrize("name, content, code", [
    ("missing.csv", None, "E040"),
    ("empty.csv", "", "E041"),
    ("notes.docx", "x", "E042"),
    ("emptydir", "DIR", "E041"),
])
def test_bad_paths_fail_at_start(tmp_path, name, content, code):
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=code):
        load_kb((str(path),))


def test_component_fails_at_start_on_bad_path(tmp_path):
    import spacy

    nlp = spacy.blank("en")
    with pytest.raises(KnowledgeBaseError, match="E040"):
        nlp.add_pipe("newsevents_actors", config={"extra": [str(tmp_path / "nope.txt")]})
