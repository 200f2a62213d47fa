"""The argument rules' word lists are data (events/data/arguments.yaml) that a user's file
extends: shipped words take effect, a user's words take effect, a malformed file fails with
a clear error. Sentences written for these tests."""
from __future__ import annotations

import pytest

from newsevents.errors import KnowledgeBaseError
from newsevents.events import EventExtractor
from newsevents.events.extract import load_argument_words

QUOTE = '"Russia is shelling our {noun}," the Ukrainian president said.'
USER_WORDS = "settlements: [farm]\n"

# noun in the speaker's words -> recipient with the shipped words, with the user's file
ROWS = [
    ("cities", "UKRCVL", "UKRCVL"),
    ("villages", "UKRCVL", "UKRCVL"),
    ("farms", "UKR", "UKRCVL"),
]


def _code(ref) -> str | None:
    return None if ref is None else f"{ref.country or '---'}{ref.sector or ''}"


@pytest.fixture(scope="module")
def extractors(tmp_path_factory):
    path = tmp_path_factory.mktemp("arguments") / "my_words.yaml"
    path.write_text(USER_WORDS, encoding="utf-8")
    return EventExtractor(), EventExtractor(extra_arguments=[path])


@pytest.mark.parametrize(("noun", "shipped", "extended"), ROWS)
def test_settlements(make_doc, extractors, noun, shipped, extended):
    doc = make_doc(QUOTE.format(noun=noun), "2024-05-01")
    for extractor, want in zip(extractors, (shipped, extended), strict=True):
        events = [e for e in extractor(doc) if e.type == "ASSAULT"]
        assert [(_code(e.actor), _code(e.recipient)) for e in events] == [("RUS", want)]


def test_user_words_extend_not_replace(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(USER_WORDS, encoding="utf-8")
    words = load_argument_words([path])
    assert {"farm", "city"} <= words.settlements
    assert "farm" not in load_argument_words().settlements
    assert "begin" in words.aspect_verbs


@pytest.mark.parametrize(("text", "message"), [
    ("settlement: [farm]\n", r"\[E651\].*unknown list 'settlement'; valid: settlements"),
    ("settlements: farm\n", r"\[E651\].*settlements must be a list of words"),
    ("- farm\n", r"\[E651\].*must be a mapping"),
    ("settlements: [farm\n", r"\[E651\].*not valid YAML"),
])
def test_malformed_file(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message):
        load_argument_words([path])


def test_missing_file(tmp_path):
    with pytest.raises(KnowledgeBaseError, match=r"\[E650\].*nope.yaml"):
        load_argument_words([tmp_path / "nope.yaml"])


def test_config_wires_argument_words_and_story_window(tmp_path):
    """The [events] section reaches the component: a user's argument-words file given in
    the config takes effect in the pipeline, and a bad window is a clear error."""
    from newsevents.config import load_config
    from newsevents.nlp import load_pipeline
    from newsevents.pipeline import make_doc as article_doc
    from newsevents.records import Article

    path = tmp_path / "my_words.yaml"
    path.write_text(USER_WORDS, encoding="utf-8")
    nlp = load_pipeline(load_config(events={"extra_arguments": [str(path)]}))
    events = nlp.get_pipe("newsevents_events").extractor
    assert "farm" in events.words.settlements
    article = Article(id="farms", text=QUOTE.format(noun="farms"), published="2024-05-01")
    doc = nlp(article_doc(nlp, article))
    assert [_code(e.recipient) for e in doc._.events if e.type == "ASSAULT"] == ["UKRCVL"]


@pytest.mark.parametrize("bad", [-1, 1.5, "two", True])
def test_story_window_must_be_a_whole_number(bad):
    from newsevents.errors import ConfigError

    with pytest.raises(ConfigError, match=r"\[E652\].*story_attacker_sentences"):
        EventExtractor(story_attacker_sentences=bad)
