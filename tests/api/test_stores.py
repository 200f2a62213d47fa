"""Every route, a good and a bad request, over stores the real pipeline built: examples/
(what `make run` serves) and a sample of the shared CNN corpus (marked ``shared``)."""
from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.xdist_group("api")

STORES = ["examples_client", pytest.param("shared_client", marks=pytest.mark.shared)]


@pytest.fixture(params=STORES)
def api(request):
    return request.getfixturevalue(request.param)


def _all(api, url: str) -> list[dict]:
    items, cursor = [], None
    while True:
        sep = "&" if "?" in url else "?"
        body = api.get(url + (f"{sep}cursor={cursor}" if cursor else "")).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def test_articles_and_their_annotations(api):
    articles = _all(api, "/api/articles?limit=7")
    assert articles
    for listed in articles:
        response = api.get(f"/api/articles/{listed['id']}")
        assert response.status_code == 200
        detail = response.json()
        text = detail["article"]["text"]
        spans = detail["timexes"] + detail["mentions"] + detail["quotes"]
        spans += [e["trigger"] for e in detail["events"]]
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"]
        # A speaker's text is the name it resolves to ("Mudavadi" -> "Musalia Mudavadi",
        # "he" -> a name); its offsets mark where the article names it near the quote.
        speakers = [q["speaker"] for q in detail["quotes"]
                    if q["speaker"] and q["speaker"]["start"] is not None]
        for speaker in speakers:
            assert 0 <= speaker["start"] < speaker["end"] <= len(text)
        spans += speakers
        assert (len(detail["events"]), len(detail["quotes"])) == (listed["events"],
                                                                  listed["quotes"])
        page = api.get(f"/articles/{listed['id']}")
        assert page.status_code == 200
        assert page.text.count('class="ann ') >= len(spans) > 0 or not spans


def test_events_pages_exports_and_aggregates_agree(api):
    total = api.get("/api/events").json()["total"]
    paged = _all(api, "/api/events?limit=5")
    assert len(paged) == total == len({e["id"] for e in paged})
    exported = list(csv.DictReader(io.StringIO(api.get("/api/export?format=csv").text)))
    assert [r["id"] for r in exported] == [e["id"] for e in paged]
    for by in ("type", "quad_class", "dyad"):
        for interval in ("day", "week", "month"):
            response = api.get(f"/api/aggregates?by={by}&interval={interval}")
            if response.status_code == 422:  # too many buckets for dates decades apart
                assert response.json()["error"]["parameter"] == "interval"
                assert interval != "month"
                continue
            body = response.json()
            assert sum(s["total"] for s in body["series"]) + body["undated"] == total


def test_event_filters_select_what_they_say(api):
    events = _all(api, "/api/events?limit=100")
    if not events:
        pytest.skip("this store has no events")
    sample = events[0]
    picked = api.get("/api/events", params={"type": sample["type"]}).json()["items"]
    assert picked and all(e["type"] == sample["type"] for e in picked)
    country = (sample["actor"] or {}).get("country") or (sample["recipient"] or {}).get(
        "country")
    if country:
        picked = _all(api, f"/api/events?country={country}&limit=50")
        assert sample["id"] in {e["id"] for e in picked}
        assert all(country in ((e["actor"] or {}).get("country"),
                               (e["recipient"] or {}).get("country")) for e in picked)


def test_quotes_actors_and_pages(api):
    quotes = api.get("/api/quotes?limit=50").json()["items"]
    speakers = [q for q in quotes if q["speaker"] and q["speaker"]["text"]]
    if speakers:
        name = speakers[0]["speaker"]["text"]
        found = api.get("/api/quotes", params={"speaker": name}).json()["items"]
        assert speakers[0]["text"] in {q["text"] for q in found}
    actors = api.get("/api/actors").json()["items"]
    for actor in actors[:3]:
        assert api.get(f"/api/actors/{actor['id']}").status_code == 200
        assert api.get(f"/actors/{actor['id']}").status_code == 200
    for url in ("/", "/events", "/articles", "/actors", "/openapi.json"):
        assert api.get(url).status_code == 200


@pytest.mark.parametrize("url, status, parameter", [
    ("/api/articles?end=someday", 422, "end"),
    ("/api/articles/0000", 404, "article_id"),
    ("/api/events?type=1", 422, "type"),
    ("/api/actors?sector=G", 422, "sector"),
    ("/api/actors/0000", 404, "actor_id"),
    ("/api/quotes?limit=-1", 422, "limit"),
    ("/api/aggregates?interval=hour", 422, "interval"),
    ("/api/export?format=xml", 422, "format"),
])
def test_bad_requests(api, url, status, parameter):
    response = api.get(url)
    assert response.status_code == status
    assert response.json()["error"]["parameter"] == parameter
