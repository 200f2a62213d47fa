"""Event extraction on sentences written for these tests: arguments, dates, places,
in-article dedup, story links, and the component contract."""
from __future__ import annotations

import copy
import json

import pytest

from newsevents.events import EventExtractor, dedup_events, extract_events, link_stories
from newsevents.records import ActorRef, Event, Span

DCT = "2024-03-01"


def _find(events, type_):
    return next((e for e in events if e.type == type_), None)


@pytest.mark.parametrize(
    "text, type_, actor, recipient",
    [
        ("Russia attacked Ukraine on Monday.", "ASSAULT", "RUS", "UKR"),
        ("Ukraine was attacked by Russia on Monday.", "ASSAULT", "RUS", "UKR"),
        ("Iraq and the United States held talks in Baghdad.", "CONSULT", "IRQ", "USA"),
        ("Egypt held talks with Israel in Cairo.", "CONSULT", "EGY", "ISR"),
        ("Germany provided aid to Turkey after the earthquake.", "AID", "DEU", "TUR"),
        ("Israel released 20 Palestinian prisoners.", "RETREAT", "ISR", "PSE"),
        ("The United States withdrew its troops from Iraq.", "RETREAT", "USA", "IRQ"),
        ("France called on Russia to end the war.", "REQUEST", "FRA", "RUS"),
        ("Iraq demanded the withdrawal of American forces.", "REQUEST", "IRQ", "USA"),
        ("Russia threatened to attack Ukraine.", "THREATEN", "RUS", "UKR"),
        ("China accused the United States of spying.", "ACCUSE", "CHN", "USA"),
        ("Russia expelled two Polish diplomats.", "SANCTION", "RUS", "POL"),
        ("Iran rejected the French proposal.", "REJECT", "IRN", "FRA"),
        ("The US military's assassination of an Iranian general angered Tehran.", "ASSAULT", "USA", "IRN"),
        ("Turkish troops killed three Kurdish fighters in Syria.", "ASSAULT", "TUR", None),
    ],
)
def test_arguments(make_doc, text, type_, actor, recipient):
    event = _find(make_doc(text, DCT)._.events, type_)
    assert event is not None, [(e.type, e.trigger.text) for e in make_doc(text, DCT)._.events]
    assert event.actor is not None and event.actor.country == actor
    if recipient is not None:
        assert event.recipient is not None and event.recipient.country == recipient


def test_event_record_is_complete(make_doc):
    text = "Israeli jets bombed Gaza City on Tuesday, killing 12 people."
    doc = make_doc(text, DCT)
    event = _find(doc._.events, "ASSAULT")
    assert event.id == "t:e0"
    assert event.cameo and event.cameo.startswith(("18", "19"))
    assert event.quad_class == 4 and event.intensity < -8
    assert event.date == "2024-02-27" and event.date_text == "Tuesday"
    assert event.location is not None and event.location.country == "PSE"
    assert text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert text[event.sentence.start : event.sentence.end] == event.sentence.text
    assert 0 < event.confidence <= 1
    json.dumps(event.__class__ and __import__("newsevents").records.to_dict(event))


@pytest.mark.parametrize(
    "text, date, date_text",
    [
        ("Israel released 20 prisoners on Sunday.", "2024-02-25", "Sunday"),
        ("Last year, Israel released 20 prisoners.", "2023", "Last year"),
        ("Israel releases 20 prisoners.", DCT, "publication date"),
        ("Israel will release 20 prisoners.", None, None),
    ],
)
def test_dates(make_doc, text, date, date_text):
    event = _find(make_doc(text, DCT)._.events, "RETREAT")
    assert (event.date, event.date_text) == (date, date_text)


def test_city_location_has_coordinates(make_doc):
    event = _find(make_doc("Egyptian police arrested 40 protesters in Alexandria.", DCT)._.events, "COERCE")
    loc = event.location
    assert loc.country == "EGY" and loc.lat == pytest.approx(31.2, abs=0.3) and loc.lon == pytest.approx(29.9, abs=0.3)


def test_dateline_is_the_fallback_place(nlp):
    from newsevents.pipeline import make_doc
    from newsevents.records import Article

    article = Article(id="d", text="Russia attacked Ukraine on Monday.", published=DCT, dateline="KYIV, Ukraine")
    event = _find(nlp(make_doc(nlp, article))._.events, "ASSAULT")
    assert event.location.text.lower() == "kyiv" and event.location.country == "UKR"


def test_one_event_per_happening(make_doc):
    text = (
        "Russia attacked Ukraine on Monday. Officials said the Russian attack on Ukraine "
        "killed nine people. Kyiv said Russia attacked Ukraine on Monday."
    )
    assaults = [e for e in make_doc(text, DCT)._.events if e.type == "ASSAULT" and e.actor.country == "RUS"]
    assert len(assaults) == 1
    assert assaults[0].modality == "asserted"


def test_uncoded_actors_are_dropped_unless_asked(nlp, bare_nlp):
    doc = bare_nlp("Somebody attacked the house.")
    strict = EventExtractor(require_actor=True)
    loose = EventExtractor(require_actor=False)
    assert strict(doc) == []
    assert [e.type for e in loose(doc)] == ["ASSAULT"]


def test_extractor_does_not_change_the_doc(make_doc):
    doc = make_doc("Iraq demanded the withdrawal of American forces, a spokesman said on Saturday.", DCT)
    def state(d):
        tokens = [(t.text, t.lemma_, t.pos_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in d]
        return tokens, copy.deepcopy(d._.timexes), copy.deepcopy(d._.mentions), copy.deepcopy(d._.quotes)

    before = state(doc)
    again = extract_events(doc)
    assert [e.type for e in again] == [e.type for e in doc._.events]
    after = state(doc)
    assert before == after


def test_component_is_in_the_pipeline_and_configurable(nlp):
    assert nlp.pipe_names[-1] == "newsevents_events"
    cfg = nlp.get_pipe_meta("newsevents_events")
    assert "doc._.events" in cfg.assigns


def _ev(id_, type_, actor, recipient, date, *, modality="asserted", conf=0.5) -> Event:
    span = Span(0, 1, "x")
    return Event(id_, type_, None, None, ActorRef(None, actor, actor), ActorRef(None, recipient, recipient) if recipient else None,
                 date, None, None, False, modality, None, span, span, conf)  # type: ignore[arg-type]


def test_dedup_merges_and_keeps_the_most_precise_date():
    events = [
        _ev("a", "AGREE", "USA", "IRQ", "2021-07"),
        _ev("b", "AGREE", "IRQ", "USA", "2021-07-26"),  # symmetric: same dyad
        _ev("c", "AGREE", "USA", "IRQ", "2020"),  # another happening
        _ev("d", "ASSAULT", "USA", "IRQ", "2021-07"),
    ]
    kept = dedup_events(events)
    assert [(e.type, e.date) for e in kept] == [("AGREE", "2021-07-26"), ("AGREE", "2020"), ("ASSAULT", "2021-07")]


def test_dedup_prefers_the_asserted_mention():
    kept = dedup_events([
        _ev("a", "ASSAULT", "RUS", "UKR", None, modality="reported_claim", conf=0.9),
        _ev("b", "ASSAULT", "RUS", "UKR", None, conf=0.4),
    ])
    assert len(kept) == 1 and kept[0].id == "b"


def test_link_stories_across_articles():
    events = [
        _ev("a1:e0", "ASSAULT", "RUS", "UKR", "2024-02-27"),
        _ev("a2:e3", "ASSAULT", "RUS", "UKR", "2024-02-27"),
        _ev("a3:e1", "ASSAULT", "RUS", "UKR", "2024-02"),
        _ev("a4:e0", "ASSAULT", "RUS", "UKR", "2024-01-05"),
        _ev("a5:e0", "ASSAULT", "UKR", "RUS", "2024-02-27"),
        _ev("a6:e0", "CONSULT", "USA", "CHN", "2024-02-27"),
        _ev("a7:e0", "CONSULT", "CHN", "USA", "2024-02-27"),
    ]
    stories = link_stories(events)
    assert stories["a1:e0"] == stories["a2:e3"] == stories["a3:e1"]
    assert len({stories["a1:e0"], stories["a4:e0"], stories["a5:e0"]}) == 3
    assert stories["a6:e0"] == stories["a7:e0"]  # CONSULT dyads are unordered
    assert link_stories(reversed(events)) == stories  # stable whatever the order


@pytest.mark.parametrize(
    "text, expected",
    [
        # a party's statement pinning a pejorative act on another party is an accusation
        ("Iran says the United States is pursuing its malign goals in the region.", ("ACCUSE", "IRN", "USA")),
        # ... but not a statement about one's own side, or a neutral one
        ("Iran says the United States is building a new embassy in the region.", None),
    ],
)
def test_accusatory_reports(make_doc, text, expected):
    events = [e for e in make_doc(text, DCT)._.events if e.type == "ACCUSE"]
    if expected is None:
        assert events == []
    else:
        assert [(e.type, e.actor.country, e.recipient.country) for e in events] == [expected]
