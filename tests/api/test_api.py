"""The JSON API and the pages, in-process (FastAPI TestClient over httpx), on the
hand-built fixture store whose every value is known (tests/api/factory.py)."""
from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = pytest.mark.xdist_group("api")

ALL_EVENTS = ["a1-e1", "a1-e2", "a2-e1", "a2-e2", "a2-e3", "a3-e1", "a3-e2", "a4-e1"]


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["items"]]


# -- every route: a good and a bad request --------------------------------------------------

GOOD = [
    ("/api/articles", lambda b: [a["id"] for a in b["items"]] == ["a4", "a3", "a2", "a1"]),
    ("/api/articles?q=nairobi", lambda b: [a["id"] for a in b["items"]] == ["a2"]),
    ("/api/articles/a1", lambda b: (len(b["quotes"]), len(b["events"]), len(b["timexes"]),
                                    len(b["mentions"])) == (1, 2, 2, 4)),
    ("/api/events", lambda b: b["total"] == 8 and len(b["items"]) == 8),
    ("/api/actors", lambda b: b["items"][0]["id"] == "russia_government"),
    ("/api/actors/usa_military", lambda b: b["events"]["as_actor"] == 1
     and b["events"]["as_recipient"] == 1),
    ("/api/quotes?speaker=hadi_al_amiri", lambda b: len(b["items"]) == 1),
    ("/api/aggregates?by=quad_class&interval=month", lambda b: len(b["buckets"]) == 5),
    ("/api/export?format=jsonl", lambda b: b.count("\n") == 8),
    ("/openapi.json", lambda b: "/api/events" in b["paths"]),
]

BAD = [
    # (method, url, status, parameter)
    ("GET", "/api/articles?start=2021-02-30", 422, "start"),
    ("GET", "/api/articles/no-such-article", 404, "article_id"),
    ("GET", "/api/events?type=PRO-TEST", 422, "type"),
    ("GET", "/api/events?country=IRAQ", 422, "country"),
    ("GET", "/api/events?start=2021-10-01&end=2021-09-01", 422, "end"),
    ("GET", "/api/events?sort=popularity", 422, "sort"),
    ("GET", "/api/events?limit=0", 422, "limit"),
    ("GET", "/api/events?limit=100000", 422, "limit"),
    ("GET", "/api/events?cursor=bm90LWEtY3Vyc29y", 422, "cursor"),
    ("GET", "/api/events?negated=maybe", 422, "negated"),
    ("GET", "/api/events?modality=certain", 422, "modality"),
    ("GET", "/api/events?quad_class=5", 422, "quad_class"),
    ("GET", "/api/events?cameo=1x", 422, "cameo"),
    ("GET", "/api/actors?country=Iraq", 422, "country"),
    ("GET", "/api/actors/nobody", 404, "actor_id"),
    ("GET", "/api/quotes?kind=shouted", 422, "kind"),
    ("GET", "/api/aggregates?interval=year", 422, "interval"),
    ("GET", "/api/aggregates?by=colour", 422, "by"),
    ("GET", "/api/aggregates?top=100000", 422, "top"),
    ("GET", "/api/export?format=xlsx", 422, "format"),
    ("POST", "/api/articles", 405, None),
    ("POST", "/openapi.json", 405, None),
    ("GET", "/api/nothing-here", 404, None),
]


@pytest.mark.parametrize("url, check", GOOD)
def test_good_request(client, url, check):
    response = client.get(url)
    assert response.status_code == 200, response.text
    body = response.text if url.startswith("/api/export") else response.json()
    assert check(body)


@pytest.mark.parametrize("method, url, status, parameter", BAD)
def test_bad_request_has_the_one_error_shape(client, method, url, status, parameter):
    response = client.request(method, url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "parameter"}
    assert body["error"]["status"] == status
    assert body["error"]["parameter"] == parameter
    assert body["error"]["message"] and body["error"]["code"]
    if parameter:
        assert parameter in body["error"]["message"] or status == 404


PAGES = [
    ("/", 200, "Overview"),
    ("/events", 200, "8</strong> events"),
    ("/events?type=PROTEST&country=KEN", 200, "1</strong> event match"),
    ("/articles", 200, "Police and protesters clash in Nairobi"),
    ("/articles/a1", 200, 'class="ann ann-quote"'),
    ("/actors", 200, "Kenyan police"),
    ("/actors/usa_military", 200, 'id="actor-timeline"'),
    ("/events?start=yesterday", 422, "start"),
    ("/articles/no-such-article", 404, "No article with id"),
    ("/actors/nobody", 404, "No actor with id"),
    ("/actors?country=Iraq", 422, "country"),
]


@pytest.mark.parametrize("url, status, text", PAGES)
def test_pages(client, url, status, text):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert text in response.text


# -- events: filters, sorting, cursors ------------------------------------------------------

FILTERS = [
    ("type=PROTEST", ["a2-e2"]),
    ("type=protest,assault", ["a2-e1", "a2-e2"]),
    ("type=PROTEST&type=ARREST", ["a2-e2", "a2-e3"]),
    ("country=KEN", ["a2-e1", "a2-e2", "a2-e3"]),
    ("actor_country=USA", ["a1-e2"]),
    ("recipient_country=IRQ", ["a1-e2"]),
    ("sector=MIL", ["a1-e1", "a1-e2"]),
    ("actor=usa_military", ["a1-e1", "a1-e2"]),
    ("modality=denied", ["a3-e1"]),
    ("negated=true", ["a3-e1"]),
    ("negated=false&country=RUS", ["a3-e2", "a4-e1"]),
    ("cameo=17", ["a2-e3"]),
    ("quad_class=4", ["a2-e1", "a2-e3", "a3-e1"]),
    # an event coded "2021-10" overlaps October; an undated one counts on its publication day
    ("start=2021-10-01&end=2021-10-31", ["a3-e1", "a3-e2", "a4-e1"]),
    ("start=2021-12-15", ["a1-e2"]),
    ("end=2021-08-31", ["a1-e1"]),
    ("outlet=daily example", ["a2-e1", "a2-e2", "a2-e3"]),
    ("article=a3", ["a3-e1", "a3-e2"]),
    ("q=tear gas", ["a2-e1"]),
    ("q=NAIROBI", ["a2-e1", "a2-e2", "a2-e3"]),  # in the title of their article
    ("type=PROTEST&country=RUS", []),
    ("type=BLOCKADE", []),
    ("q=%25", []),  # no wildcards: % is a plain character
    ("start=&type=&country=", ALL_EVENTS),  # an untouched form field filters nothing
]


@pytest.mark.parametrize("query, expected", FILTERS)
def test_event_filters(client, query, expected):
    response = client.get(f"/api/events?{query}")
    assert sorted(_ids(response)) == sorted(expected)
    assert response.json()["total"] == len(expected)


@pytest.mark.parametrize("sort", ["-date", "date", "-confidence", "confidence", "intensity"])
@pytest.mark.parametrize("limit", [1, 3])
def test_cursor_pages_cover_every_event_once_in_a_stable_order(client, sort, limit):
    whole = _ids(client.get(f"/api/events?sort={sort}&limit=100"))
    seen, cursor, pages = [], None, 0
    while True:
        url = f"/api/events?sort={sort}&limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen += [e["id"] for e in body["items"]]
        cursor, pages = body["next_cursor"], pages + 1
        if cursor is None:
            break
    assert seen == whole
    assert sorted(seen) == sorted(ALL_EVENTS)
    assert pages == -(-len(ALL_EVENTS) // limit)


def test_cursor_of_one_sort_is_refused_by_another(client):
    cursor = client.get("/api/events?sort=-date&limit=2").json()["next_cursor"]
    response = client.get(f"/api/events?sort=confidence&cursor={cursor}")
    assert response.status_code == 422
    assert response.json()["error"]["parameter"] == "cursor"


def test_newest_first_by_event_day(client):
    items = client.get("/api/events?sort=-date").json()["items"]
    days = [e["date_start"] or e["article"]["published"] for e in items]
    assert days == sorted(days, reverse=True)
    assert items[0]["id"] == "a1-e2"  # coded "2021-12", the latest


def test_event_record_shape(client):
    event = client.get("/api/events?type=RETREAT").json()["items"][0]
    assert event["actor"] == {"id": "usa_military", "name": "US forces", "country": "USA",
                              "sector": "MIL", "code": "USAMIL"}
    assert event["date"] == "2021-12"
    assert (event["date_start"], event["date_end"]) == ("2021-12-01", "2021-12-31")
    assert event["modality"] == "intended" and event["negated"] is False
    assert event["trigger"]["text"] == "withdraw"
    assert event["article"]["title"] == "Iraqi lawmakers demand troop exit"


# -- aggregates -------------------------------------------------------------------------------


def test_aggregates_by_quad_class_per_month(client):
    body = client.get("/api/aggregates?by=quad_class&interval=month").json()
    assert body["buckets"] == ["2021-08-01", "2021-09-01", "2021-10-01", "2021-11-01",
                               "2021-12-01"]
    series = {s["key"]: s["counts"] for s in body["series"]}
    assert series == {"1": [1, 0, 0, 0, 0], "2": [0, 0, 0, 0, 1], "3": [0, 1, 2, 0, 0],
                      "4": [0, 2, 1, 0, 0]}
    assert body["total"] == 8 and body["undated"] == 0


def test_aggregates_by_type_per_day_follow_filters(client):
    body = client.get("/api/aggregates?by=type&interval=day&country=KEN").json()
    assert body["buckets"] == ["2021-09-12"]
    assert {s["key"]: s["total"] for s in body["series"]} == {
        "ASSAULT": 1, "PROTEST": 1, "ARREST": 1}


def test_aggregates_by_week_start_on_mondays(client):
    body = client.get("/api/aggregates?by=type&interval=week&type=REQUEST").json()
    assert body["buckets"] == ["2021-08-09"]  # a Monday


def test_aggregates_top_dyads_and_dyad_series(client):
    body = client.get("/api/aggregates?by=dyad&top=2").json()
    top = body["top_dyads"]
    assert len(top) == 2
    assert (top[0]["actor"]["name"], top[0]["recipient"]["name"], top[0]["count"]) == (
        "Kenyan police", "protesters", 2)
    assert top[0]["conflict_share"] == 1.0
    keys = [s["key"] for s in body["series"]]
    # the two top dyads, the rest, and an event without a recipient (no dyad)
    assert keys[:2] == [d["key"] for d in top]
    assert keys[2:] == ["other", "unknown"]
    assert sum(s["total"] for s in body["series"]) == 8


def test_too_many_buckets_is_a_422_on_interval(fixture_store):
    from fastapi.testclient import TestClient

    from newsevents.api import create_app
    from newsevents.config import load_config

    app = create_app(fixture_store, config=load_config(api={"max_buckets": 30}))
    test_client = TestClient(app)
    response = test_client.get("/api/aggregates?interval=day")  # 115 days of events
    assert response.status_code == 422
    assert response.json()["error"]["parameter"] == "interval"
    assert test_client.get("/api/aggregates?interval=week").status_code == 200
    narrow = test_client.get("/api/aggregates?interval=day&start=2021-09-01&end=2021-09-30")
    assert narrow.status_code == 200 and narrow.json()["buckets"] == ["2021-09-12"]


def test_aggregates_of_nothing(client):
    body = client.get("/api/aggregates?type=BLOCKADE").json()
    assert body["buckets"] == [] and body["series"] == [] and body["top_dyads"] == []


# -- export -----------------------------------------------------------------------------------


@pytest.mark.parametrize("query, rows", [("", 8), ("type=ASSAULT", 1), ("type=BLOCKADE", 0)])
def test_export_csv(client, query, rows):
    response = client.get(f"/api/export?format=csv&{query}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == rows
    assert "sentence_text" in response.text.splitlines()[0]


def test_export_jsonl_and_parquet_hold_the_filtered_events(client):
    import pyarrow.parquet as pq

    lines = client.get("/api/export?format=jsonl&country=KEN").text.splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == ["a2-e1", "a2-e2", "a2-e3"]
    response = client.get("/api/export?format=parquet&country=KEN&sort=date")
    assert response.content[:4] == b"PAR1"
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == 3
    assert {"id", "type", "actor_country", "outlet", "published"} <= set(table.column_names)
    empty = pq.read_table(io.BytesIO(client.get("/api/export?format=parquet&type=X_Y").content))
    assert empty.num_rows == 0 and "type" in empty.column_names


# -- articles, actors, quotes -----------------------------------------------------------------


def test_article_offsets_index_its_text(client):
    body = client.get("/api/articles/a1").json()
    text = body["article"]["text"]
    spans = (body["timexes"] + body["mentions"] + body["quotes"]
             + [q["speaker"] for q in body["quotes"]] + [e["trigger"] for e in body["events"]])
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]
    assert body["quotes"][0]["speaker"]["actor"]["id"] == "hadi_al_amiri"


def test_article_listing_pages(client):
    first = client.get("/api/articles?limit=3").json()
    rest = client.get(f"/api/articles?limit=3&cursor={first['next_cursor']}").json()
    assert [a["id"] for a in first["items"] + rest["items"]] == ["a4", "a3", "a2", "a1"]
    assert rest["next_cursor"] is None
    assert first["items"][1]["events"] == 2 and first["items"][1]["quotes"] == 1


def test_actor_detail(client):
    body = client.get("/api/actors/russia_government").json()
    assert body["actor"]["code"] == "RUSGOV"
    assert body["events"]["as_actor"] == 2 and body["events"]["as_recipient"] == 1
    assert body["counterparts"][0]["actor"]["name"] == "Ukraine"
    assert body["counterparts"][0]["count"] == 2
    assert {t["type"] for t in body["events"]["by_type"]} == {"SANCTION", "ACCUSE", "REJECT"}
    assert isinstance(body["roles"], list)


@pytest.mark.parametrize("query, expected", [
    ("q=kenya", ["kenya_government", "kenya_police"]),
    ("country=rus", ["russia_government"]),
    ("q=nobody-at-all", []),
])
def test_actor_search(client, query, expected):
    items = client.get(f"/api/actors?{query}").json()["items"]
    assert sorted(a["id"] for a in items) == expected


@pytest.mark.parametrize("query, expected", [
    ("speaker=hadi_al_amiri", ["a1"]),  # actor id
    ("speaker=foreign minister", ["a3"]),  # part of the name
    ("kind=direct", ["a3", "a1"]),
    ("article=a3", ["a3"]),
    ("speaker=nobody", []),
])
def test_quotes_by_speaker(client, query, expected):
    items = client.get(f"/api/quotes?{query}").json()["items"]
    assert [q["article_id"] for q in items] == expected


def test_quotes_pages(client):
    first = client.get("/api/quotes?limit=1").json()
    second = client.get(f"/api/quotes?limit=1&cursor={first['next_cursor']}").json()
    assert [q["article_id"] for q in first["items"] + second["items"]] == ["a3", "a1"]
    assert second["next_cursor"] is None


# -- pages ------------------------------------------------------------------------------------


def test_events_page_keeps_its_filters_in_the_url(client):
    html = client.get("/events?type=ASSAULT&type=ARREST&country=KEN&limit=1").text
    assert '<option value="ASSAULT" selected>' in html
    assert '<option value="KEN" selected>' in html
    assert 'id="next-page" href="/events?type=ASSAULT&amp;type=ARREST&amp;country=KEN' in html
    assert "/api/export?type=ASSAULT&amp;type=ARREST&amp;country=KEN&amp;format=csv" in html


def test_article_page_marks_every_annotation(client):
    html = client.get("/articles/a1").text
    for kind in ("quote", "speaker", "mention", "timex", "trigger", "cue"):
        assert f"ann-{kind}" in html
    assert '>Hadi al-Amiri</span>' in html
    assert 'id="article-records"' in html


def test_openapi_documents_the_event_filters(client):
    spec = client.get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"start", "end", "type", "cameo", "country", "actor_country", "recipient_country",
            "sector", "actor", "modality", "negated", "outlet", "q", "sort", "limit",
            "cursor"} <= params
    assert {"/api/articles", "/api/articles/{article_id}", "/api/actors",
            "/api/actors/{actor_id}", "/api/quotes", "/api/aggregates",
            "/api/export"} <= set(spec["paths"])
    assert "post" not in spec["paths"]["/api/articles"]  # read-only server


def test_static_assets_are_ours(client):
    for name in ("style.css", "charts.js", "explorer.js", "favicon.svg"):
        assert client.get(f"/static/{name}").status_code == 200
    html = client.get("/").text
    assert "http://" not in html.split("<main>")[0].replace("http://www.w3.org", "")
    assert "https://" not in html.split("<main>")[0]
