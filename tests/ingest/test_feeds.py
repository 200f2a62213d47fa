"""Feed watching against feeds and pages served on 127.0.0.1 (never the internet)."""
from __future__ import annotations

import threading
import time

import pytest

from newsevents.config import load_config
from newsevents.ingest import Fetcher, read_inputs, watch
from newsevents.records import Article, Rejection
from tests.ingest.httpserver import LocalServer, Route, clear_proxies
from tests.ingest.test_readers import BRIDGE, BUS, page

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"


def rss(*items: tuple[str, str, str]) -> bytes:
    body = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
                   for t, link, d in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Northbridge Chronicle'
            f"</title><link>http://127.0.0.1/</link><description>Local news</description>"
            f"{body}</channel></rss>").encode()


def atom(*entries: tuple[str, str, str]) -> bytes:
    body = "".join(f'<entry><title>{t}</title><link rel="alternate" href="{link}"/>'
                   f"<id>{link}</id><updated>{d}</updated><published>{d}</published></entry>"
                   for t, link, d in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>River Weekly</title><id>urn:river</id><updated>2021-08-14T00:00:00Z</updated>"
            f"{body}</feed>").encode()


TEXTS = [BUS, BRIDGE, BUS.replace("Tuesday", "Monday").replace("bus", "tram")]


def pages(prefix: str) -> dict[str, Route]:
    routes = {}
    for n, text in enumerate(TEXTS, start=1):
        # the third page has no date of its own: the feed's date must be used
        routes[f"{prefix}{n}"] = Route(body=page(f"Story {prefix}{n}", text,
                                                 date=None if n == 3 else "2021-08-14"))
    return routes


def config(**fetch):
    return load_config(fetch={"per_host_delay": 0.0, "timeout": 5.0, "poll_interval": 0.0,
                              **fetch})


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    clear_proxies(monkeypatch)


@pytest.fixture()
def feeds():
    """An RSS feed and an Atom feed (3 entries each) with their pages, on one local server."""
    with LocalServer({**pages("/rss/"), **pages("/atom/")}) as server:
        server.routes["/feed.rss"] = Route(content_type=RSS_TYPE, body=rss(
            ("RSS one", server.url("/rss/1"), "Sat, 14 Aug 2021 09:00:00 +0000"),
            ("RSS two", server.url("/rss/2?utm_source=feed&utm_medium=rss#top"),
             "Sat, 14 Aug 2021 10:00:00 +0000"),
            ("RSS three", "/rss/3", "Fri, 13 Aug 2021 23:30:00 -0500"),  # relative link
        ))
        server.routes["/feed.atom"] = Route(content_type=ATOM_TYPE, body=atom(
            ("Atom one", server.url("/atom/1"), "2021-08-12T08:00:00Z"),
            ("Atom two", server.url("/atom/2"), "2021-08-12T09:00:00Z"),
            ("Atom three", server.url("/atom/3"), "2021-08-11T09:00:00Z"),
        ))
        yield server


def page_hits(server: LocalServer) -> int:
    return sum(1 for hit in server.hits() if hit.path.startswith(("/rss/", "/atom/")))


def test_first_poll_yields_every_entry_second_poll_fetches_nothing(feeds):
    urls = [feeds.url("/feed.rss"), feeds.url("/feed.atom")]
    seen: set[str] = set()
    first = list(watch(urls, config=config(), seen=seen, polls=1))
    assert all(isinstance(item, Article) for item in first)
    assert [a.source for a in first] == [feeds.url(p) for p in (
        "/rss/1", "/rss/2", "/rss/3", "/atom/1", "/atom/2", "/atom/3")]  # canonical URLs
    assert seen == {a.source for a in first}
    assert page_hits(feeds) == 6
    assert list(watch(urls, config=config(), seen=seen, polls=1)) == []
    assert page_hits(feeds) == 6  # no page fetched again
    assert len(feeds.hits("/feed.rss")) == len(feeds.hits("/feed.atom")) == 2


def test_entry_date_and_feed_title_fill_in_what_the_page_lacks(feeds):
    articles = {a.source: a for a in watch([feeds.url("/feed.rss")], config=config(), polls=1)}
    dated = articles[feeds.url("/rss/1")]
    assert (dated.published, dated.published_source) == ("2021-08-14", "metadata")
    undated = articles[feeds.url("/rss/3")]  # date as written in the feed, not shifted to UTC
    assert (undated.published, undated.published_source) == ("2021-08-13", "metadata")
    assert all(a.outlet == "Northbridge Chronicle" for a in articles.values())


def test_polls_repeat_rounds(feeds):
    items = list(watch([feeds.url("/feed.atom")], config=config(), polls=3))
    assert len(items) == 3 and len(feeds.hits("/feed.atom")) == 3


def test_known_urls_in_seen_are_not_fetched(feeds):
    seen = {feeds.url("/rss/1"), feeds.url("/rss/3")}
    items = list(watch([feeds.url("/feed.rss")], config=config(), seen=seen, polls=1))
    assert [a.source for a in items] == [feeds.url("/rss/2")]
    assert feeds.hits("/rss/1") == [] and feeds.hits("/rss/3") == []


@pytest.mark.parametrize(
    "route, reason",
    [
        (Route(body=rss(), delay=3.0, content_type=RSS_TYPE), "fetch_timeout"),
        (Route(body=b"server error", status=500), "fetch_error"),
        (Route(body=b"\x00\x01 not a feed at all {", content_type="text/plain"), "bad_feed"),
    ],
    ids=["timeout", "http-500", "garbage"],
)
def test_a_failing_feed_is_a_rejection_and_the_others_still_work(feeds, route, reason):
    feeds.routes["/broken"] = route
    urls = [feeds.url("/broken"), feeds.url("/feed.atom")]
    started = time.monotonic()
    items = list(watch(urls, config=config(timeout=0.3), polls=1))
    assert time.monotonic() - started < 2.5
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Rejection", feeds.url("/broken")),
        *[("Article", feeds.url(f"/atom/{n}")) for n in (1, 2, 3)],
    ]
    assert items[0].reason == reason


def test_a_failing_page_is_a_rejection_and_the_feed_goes_on(feeds):
    feeds.routes["/rss/2"] = Route(status=404, body=b"gone")
    items = list(watch([feeds.url("/feed.rss")], config=config(), polls=1))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Article", feeds.url("/rss/1")), ("Rejection", feeds.url("/rss/2")),
        ("Article", feeds.url("/rss/3"))]


@pytest.mark.parametrize("link", ["http://[broken/x", "", "ftp://127.0.0.1/x"])
def test_an_entry_link_that_cannot_be_fetched_does_not_stop_the_feed(feeds, link):
    feeds.routes["/odd.rss"] = Route(content_type=RSS_TYPE, body=rss(
        ("Odd", link, "Sat, 14 Aug 2021 09:00:00 +0000"),
        ("Fine", feeds.url("/rss/1"), "Sat, 14 Aug 2021 09:00:00 +0000")))
    items = list(watch([feeds.url("/odd.rss")], config=config(), polls=1))
    # skipped (feedparser drops what is no link at all) or rejected, never a crash
    assert [i.source for i in items if isinstance(i, Article)] == [feeds.url("/rss/1")]
    assert all(i.reason == "bad_scheme" for i in items if isinstance(i, Rejection))


def test_robots_txt_applies_to_entry_pages(feeds):
    feeds.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /rss/2\n")
    items = list(watch([feeds.url("/feed.rss")], config=config(), polls=1))
    assert [getattr(i, "reason", None) for i in items] == [None, "robots_disallowed", None]
    assert feeds.hits("/rss/2") == []


def test_same_story_in_two_feeds_is_fetched_once(feeds):
    feeds.routes["/other.rss"] = Route(content_type=RSS_TYPE, body=rss(
        ("Same story", feeds.url("/atom/1?utm_campaign=x"), "Thu, 12 Aug 2021 08:00:00 +0000")))
    items = list(watch([feeds.url("/feed.atom"), feeds.url("/other.rss")], config=config(),
                       polls=1))
    assert len(items) == 3 and len(feeds.hits("/atom/1")) == 1


def test_stop_event_ends_an_endless_watch(feeds):
    stop = threading.Event()
    items = []
    with Fetcher(config()) as fetcher:
        for item in watch([feeds.url("/feed.atom")], config=config(poll_interval=300.0),
                          fetcher=fetcher, stop=stop):
            items.append(item)
            if len(items) == 3:
                stop.set()
    assert len(items) == 3  # ended without waiting the 300 s poll interval


def test_stop_event_wakes_the_wait_between_rounds(feeds):
    stop = threading.Event()
    items: list[Article | Rejection] = []

    def run() -> None:
        for item in watch([feeds.url("/feed.atom")], config=config(poll_interval=300.0),
                          stop=stop):
            items.append(item)

    worker = threading.Thread(target=run)
    worker.start()
    assert wait_for(lambda: len(items) == 3)  # round one done: now waiting 300 s
    stop.set()
    worker.join(timeout=5)
    assert not worker.is_alive() and len(feeds.hits("/feed.atom")) == 1


def test_a_feed_given_to_read_inputs_yields_its_current_entries(feeds):
    feeds.routes["/feed.xml"] = Route(body=feeds.routes["/feed.atom"].body,
                                      content_type="application/xml")  # known by its root
    items = list(read_inputs([feeds.url("/feed.xml")], config=config()))
    assert [i.source for i in items] == [feeds.url(f"/atom/{n}") for n in (1, 2, 3)]
    assert all(isinstance(i, Article) for i in items)


def wait_for(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()
