"""The newsevents_quotes component: registration, configuration, robustness."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.errors import ConfigError, KnowledgeBaseError
from newsevents.quotes import QuoteOptions, extract_quotes, load_lexicon
from newsevents.quotes import options_from_config
from newsevents.records import Quote


def test_component_writes_quotes(make_doc):
    doc = make_doc("“The bridge will reopen in May,” Mayor Ellen Cho said on Tuesday.")
    assert doc._.quotes and all(isinstance(q, Quote) for q in doc._.quotes)
    (quote,) = doc._.quotes
    assert (quote.kind, quote.speaker.text, quote.cue.text) == ("direct", "Ellen Cho", "said")


def test_component_sits_between_actors_and_events(nlp):
    names = nlp.pipe_names
    assert "newsevents_quotes" in names
    for before in ("newsevents_actors",):
        if before in names:
            assert names.index(before) < names.index("newsevents_quotes")
    if "newsevents_events" in names:
        assert names.index("newsevents_quotes") < names.index("newsevents_events")


def test_component_gives_empty_list_without_quotes(make_doc):
    assert make_doc("Officials met in Geneva on Monday.")._.quotes == []


def test_factory_settings_match_config_section():
    from newsevents.config import load_config

    section = load_config()["quotes"]
    assert options_from_config(section) == QuoteOptions(**section)


@pytest.mark.parametrize("settings_, match", [({"min_words": 3}, "min_words"), ({"x": 1}, "x")])
def test_unknown_setting_is_named(settings_, match):
    with pytest.raises(ConfigError, match=match):
        options_from_config(settings_)


def test_bad_lexicon_file_is_named(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text("speach_verbs: [utter]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="speach_verbs"):
        load_lexicon(str(bad))


def test_extra_lexicon_adds_cues(tmp_path, bare_nlp):
    extra = tmp_path / "cues.yaml"
    extra.write_text("speech_verbs: [harrumph]\n", encoding="utf-8")
    doc = bare_nlp("“Nonsense,” harrumphed the colonel.")
    lexicon = load_lexicon(str(extra))
    assert "harrumph" in lexicon.speech_verbs
    assert "harrumph" not in load_lexicon().speech_verbs
    assert isinstance(list(extract_quotes(doc, lexicon=lexicon)), list)


def test_speaker_actor_comes_from_mentions(bare_nlp):
    from newsevents.records import ActorRef, Mention

    doc = bare_nlp("“We will stay,” Baghdad said.")
    actor = ActorRef(id="IRQ", name="Iraq", country="IRQ", sector="GOV")
    start = doc.text.index("Baghdad")
    doc._.mentions = [Mention(start, start + 7, "Baghdad", "GPE", actor)]
    try:
        (quote,) = extract_quotes(doc)
    finally:
        doc._.mentions = None
    assert quote.speaker.actor == actor


_PIECES = st.sampled_from(
    ["“", "”", '"', "''", "‘", "’", "'", " he said", " said Ann Lee", ", ", ". ", ":", "\n\n",
     "We will win", " the minister", " told reporters", " that", " according to", " PENCE: ",
     " ― Jo Ray", " so-called", " Mr.", " they", " She added"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_no_text_makes_extraction_fail(bare_nlp, text):
    doc = bare_nlp(text)
    for quote in extract_quotes(doc, options=QuoteOptions(scope="attribution")):
        assert 0 <= quote.start <= quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.kind in ("direct", "indirect", "mixed")


def test_learned_cues_are_shipped_and_new():
    # data/learned_cues.yaml is written by eval/quote_cues.py from PolNeAR train counts;
    # its verbs must add to the hand-written lists, not repeat them.
    lex = load_lexicon()
    assert len(lex.learned_verbs) >= 20
    assert not lex.learned_verbs & (lex.speech_verbs | lex.object_verbs | lex.cognition_verbs)
    # Learned nouns likewise add to the hand-written noun lists; channel nouns
    # ("interview") stay out: they are cue words only beside a verb.
    assert len(lex.learned_nouns) >= 20
    assert not lex.learned_nouns & (lex.speech_nouns | lex.stance_nouns | lex.channel_nouns)


@pytest.mark.parametrize(
    "key, text, scope, kinds",
    [
        ("speech_nouns", "Voters ignored Senator Lowe's grievance that the bill was late.", "speech",
         ["indirect"]),
        ("stance_nouns", "Senator Lowe's fondness for the bill annoyed them.", "attribution",
         ["indirect"]),
        ("stance_adjectives", "The senator was gleeful that the bill had passed.", "attribution",
         ["indirect"]),
    ],
)
def test_extra_lexicon_adds_nouns_and_adjectives(tmp_path, bare_nlp, key, text, scope, kinds):
    word = {"speech_nouns": "grievance", "stance_nouns": "fondness",
            "stance_adjectives": "gleeful"}[key]
    doc = bare_nlp(text)
    options = QuoteOptions(scope=scope, include_cognition=scope == "attribution")
    assert list(extract_quotes(doc, options=options)) == []
    extra = tmp_path / "extra.yaml"
    extra.write_text(f"{key}:\n  - {word}\n", encoding="utf-8")
    found = extract_quotes(doc, options=options, lexicon=load_lexicon(str(extra)))
    assert [q.kind for q in found] == kinds
