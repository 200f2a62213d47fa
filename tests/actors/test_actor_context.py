"""The linker's context word lists are data (data/context.yaml) that a user's context file
among the ``[actors] extra`` dictionaries extends: the shipped lists take effect, a user's
words take effect, and a malformed context file fails with a clear error."""
from __future__ import annotations

import pytest

from newsevents.actors import KnowledgeBase, code_text, load_kb
from newsevents.actors.kb import add_context
from newsevents.errors import KnowledgeBaseError

# phrase, expected code with the shipped KB, expected code with the user's context file
USER_CONTEXT = """\
sponsor_participles: [bankrolled]
state_roles:
  chief: GOV
"""
ROWS = [
    # shipped lists: a sponsor is not the actor's country; a country's leader is its state
    ("Iran-backed militias", "---REB", "---REB"),
    ("Saudi-led forces", "SAUMIL", "SAUMIL"),
    ("Iraq's leaders", "IRQGOV", "IRQGOV"),
    ("Hamas leaders", "PSEREB", "PSEREB"),
    # words only the user's file adds
    ("Iran-bankrolled militias", "IRNREB", "---REB"),
    ("Iraq's chief", "IRQ", "IRQGOV"),
]


def _code(ref) -> str | None:
    return None if ref is None else f"{ref.country or '---'}{ref.sector or ''}"


@pytest.fixture(scope="module")
def user_kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("context") / "my_context.yaml"
    path.write_text(USER_CONTEXT, encoding="utf-8")
    return load_kb((str(path),))


@pytest.mark.parametrize(("phrase", "shipped", "extended"), ROWS)
def test_context_lists(phrase, shipped, extended, user_kb):
    assert _code(code_text(phrase, date="2020-01-01", kb=load_kb())) == shipped
    assert _code(code_text(phrase, date="2020-01-01", kb=user_kb)) == extended


def test_user_context_extends_not_replaces(user_kb):
    assert {"backed", "bankrolled"} <= user_kb.sponsor_participles
    assert user_kb.state_roles == {"leader": "GOV", "chief": "GOV"}
    assert "bankrolled" not in load_kb().sponsor_participles


@pytest.mark.parametrize(("text", "message"), [
    ("sponsor_partciples: [bankrolled]\n", "unknown key 'sponsor_partciples'; valid:"),
    ("sponsor_participles: bankrolled\n", "sponsor_participles must be a list of words"),
    ("sponsor_participles: [1, 2]\n", "sponsor_participles must be a list of words"),
    ("state_roles: [chief]\n", "state_roles must be a mapping"),
    ("state_roles:\n  chief: BOSS\n", "state_roles has sector 'BOSS'; valid:"),
    ("sector_cues:\n  FIGHTERS: [raiders]\n", "sector_cues has sector 'FIGHTERS'; valid:"),
])
def test_malformed_context_file(tmp_path, text, message):
    path = tmp_path / "bad_context.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="bad_context.yaml") as info:
        load_kb((str(path),), shipped=False)
    assert message in str(info.value)


@pytest.mark.parametrize("data", [["backed"], "backed", 3])
def test_context_must_be_a_mapping(data):
    with pytest.raises(KnowledgeBaseError, match=r"\[E045\].*must be a mapping"):
        add_context(KnowledgeBase(), data, "x.yaml")
