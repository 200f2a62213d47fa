from __future__ import annotations

import copy

import jsonschema
import pytest

from newsevents.records import ActorRef, Article, Event, Result, Span
from newsevents.schema import validate_result


def _result() -> Result:
    article = Article(id="a1", text="Kenya attacked nobody.", published="2024-01-02")
    event = Event(
        id="a1:e0", type="ASSAULT", mode=None, cameo="190",
        actor=ActorRef("KEN", "Kenya", "KEN", "GOV"), recipient=None, date="2024-01-02",
        date_text="publication date", location=None, negated=True, modality="asserted",
        attributed_to=None, sentence=Span(0, 22, article.text), trigger=Span(6, 14, "attacked"),
        confidence=0.8,
    )
    return Result(article=article, events=[event])


def test_a_real_result_validates():
    validate_result(_result().to_dict())


@pytest.mark.parametrize(
    "path, bad",
    [
        (("events", 0, "type"), "ATTACK"),  # not a PLOVER category
        (("events", 0, "modality"), "maybe"),
        (("events", 0, "actor", "country"), "Kenya"),
        (("events", 0, "actor", "sector"), "ARMY"),
        (("article", "published"), "2 Jan 2024"),
        (("events", 0, "confidence"), 1.5),
    ],
)
def test_contract_violations_are_caught(path, bad):
    data = copy.deepcopy(_result().to_dict())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        validate_result(data)


def test_missing_list_is_caught():
    data = _result().to_dict()
    del data["quotes"]
    with pytest.raises(jsonschema.ValidationError):
        validate_result(data)


def test_result_round_trips_through_dict():
    from newsevents.records import Furniture, Location, Mention, Quote, Speaker, Timex, result_from_dict

    result = _result()
    result.article.furniture.append(Furniture("caption", "(AFP photo)"))
    result.events[0].location = Location("Nairobi", "KEN", -1.28, 36.82)
    result.timexes.append(Timex(0, 5, "Kenya", "DATE", None))
    result.mentions.append(Mention(0, 5, "Kenya", "GPE", ActorRef("KEN", "Kenya", "KEN", None)))
    result.quotes.append(Quote(6, 14, "attacked", "direct", Span(0, 5, "Kenya"),
                               Speaker(0, 5, "Kenya", None)))
    assert result_from_dict(result.to_dict()) == result
