"""The polite fetcher against a local HTTP server (127.0.0.1 only, never the internet)."""
from __future__ import annotations

import time

import pytest

from newsevents import __version__
from newsevents.config import load_config
from newsevents.errors import InputError
from newsevents.ingest.fetch import Fetcher
from tests.ingest.httpserver import LocalServer, Route, clear_proxies

PAGE = b"<html><body><p>A page written for the newsevents tests.</p></body></html>"


def config(**fetch):
    return load_config(fetch={"per_host_delay": 0.0, "timeout": 5.0, **fetch})


class FakeClock:
    """A clock that only moves when something sleeps (or a test advances it)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    clear_proxies(monkeypatch)


def reason_of(fetcher: Fetcher, url: str) -> str | None:
    try:
        fetcher.get(url)
    except InputError as e:
        return e.reason
    return None


def test_get_returns_page_and_sends_user_agent():
    with LocalServer({"/a": Route(body=PAGE)}) as server, Fetcher(config()) as fetcher:
        page = fetcher.get(server.url("/a"))
    assert (page.status, page.content, page.content_type) == (200, PAGE, "text/html")
    assert page.url == server.url("/a")
    agents = {hit.headers["user-agent"] for hit in server.hits()}
    assert agents == {f"newsevents/{__version__} (+https://github.com/newsevents/newsevents; "
                      "event-data research crawler)"}
    assert "{version}" not in fetcher.user_agent


ROBOTS = (b"User-agent: *\nDisallow: /private/\n\n"
          b"User-agent: newsevents\nDisallow: /no-newsevents/\n")


@pytest.mark.parametrize(
    "robots, path, expected",
    [
        (Route(body=ROBOTS, content_type="text/plain"), "/public/a", None),
        # RFC 9309: a group naming our agent replaces the "*" group, so /private/ is allowed
        (Route(body=ROBOTS, content_type="text/plain"), "/private/a", None),
        (Route(body=b"User-agent: *\nDisallow: /private/\n"), "/private/a", "robots_disallowed"),
        (Route(body=ROBOTS, content_type="text/plain"), "/no-newsevents/a", "robots_disallowed"),
        (Route(body=b"User-agent: otherbot\nDisallow: /\n"), "/public/a", None),
        (None, "/public/a", None),  # 404: no robots.txt, everything allowed
        (Route(status=401), "/public/a", "robots_disallowed"),
        (Route(status=403), "/public/a", "robots_disallowed"),
        (Route(status=500), "/public/a", "robots_disallowed"),
        (Route(status=410), "/public/a", None),
    ],
)
def test_robots_txt_is_obeyed(robots, path, expected):
    routes = {"/public/a": Route(body=PAGE), "/private/a": Route(body=PAGE),
              "/no-newsevents/a": Route(body=PAGE)}
    if robots is not None:
        routes["/robots.txt"] = robots
    with LocalServer(routes) as server, Fetcher(config()) as fetcher:
        assert reason_of(fetcher, server.url(path)) == expected
        reason_of(fetcher, server.url(path))
        assert len(server.hits("/robots.txt")) == 1  # fetched once per host, then cached
        if expected:
            assert server.hits(path) == []  # a disallowed page is never requested


def test_robots_can_be_switched_off():
    routes = {"/robots.txt": Route(status=403), "/a": Route(body=PAGE)}
    with LocalServer(routes) as server, Fetcher(config(respect_robots=False)) as fetcher:
        assert fetcher.get(server.url("/a")).content == PAGE
        assert server.hits("/robots.txt") == []


def test_unreachable_host_is_a_fetch_error_not_a_robots_refusal():
    with LocalServer() as server:
        url = server.url("/a")  # the server is gone after the block: connection refused
    with Fetcher(config()) as fetcher:
        assert reason_of(fetcher, url) == "fetch_error"


def test_per_host_delay_spaces_requests_to_one_host_only():
    clock = FakeClock()
    cfg = config(per_host_delay=2.0, respect_robots=False)
    with LocalServer({"/a": Route(body=PAGE), "/b": Route(body=PAGE)}) as one, \
            LocalServer({"/a": Route(body=PAGE)}) as other, \
            Fetcher(cfg, clock=clock, sleep=clock.sleep) as fetcher:
        fetcher.get(one.url("/a"))      # first request to the host: no wait
        fetcher.get(other.url("/a"))    # another host: no wait
        fetcher.get(one.url("/b"))      # same host right away: waits the whole delay
        clock.now += 0.5
        fetcher.get(one.url("/a"))      # 0.5 s already passed: waits the rest
        clock.now += 5.0
        fetcher.get(one.url("/b"))      # delay long over: no wait
    assert clock.sleeps == [2.0, 1.5]


def test_robots_request_counts_as_a_request_to_the_host():
    clock = FakeClock()
    cfg = config(per_host_delay=3.0)
    with LocalServer({"/a": Route(body=PAGE)}) as server, \
            Fetcher(cfg, clock=clock, sleep=clock.sleep) as fetcher:
        fetcher.get(server.url("/a"))
    assert clock.sleeps == [3.0]
    assert [hit.path for hit in server.hits()] == ["/robots.txt", "/a"]


@pytest.mark.parametrize("send_length", [True, False], ids=["declared", "streamed"])
@pytest.mark.parametrize(
    "size, expected", [(1000, None), (1001, "too_large"), (50_000, "too_large")])
def test_size_cap(size, expected, send_length):
    route = Route(body=b"x" * size, send_length=send_length)
    with LocalServer({"/big": route}) as server, Fetcher(config(max_bytes=1000)) as fetcher:
        assert reason_of(fetcher, server.url("/big")) == expected


def test_timeout():
    with LocalServer({"/slow": Route(body=PAGE, delay=3.0)}) as server, \
            Fetcher(config(timeout=0.2)) as fetcher:
        started = time.monotonic()
        assert reason_of(fetcher, server.url("/slow")) == "fetch_timeout"
        assert time.monotonic() - started < 2.0


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1/a", "file:///etc/passwd", "mailto:someone@127.0.0.1", "javascript:alert(1)",
     "127.0.0.1/a", "http://", "not a url", ""],
)
def test_non_http_urls_are_refused(url):
    with Fetcher(config()) as fetcher, pytest.raises(InputError) as info:
        fetcher.get(url)
    assert info.value.reason == "bad_scheme"
    assert repr(url) in str(info.value)


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_http_error_status_is_a_fetch_error(status):
    with LocalServer({"/a": Route(body=b"nope", status=status)}) as server, \
            Fetcher(config()) as fetcher, pytest.raises(InputError) as info:
        fetcher.get(server.url("/a"))
    assert info.value.reason == "fetch_error"
    assert str(status) in str(info.value)


def test_redirects_are_followed_and_each_hop_checked():
    routes = {
        "/robots.txt": Route(body=b"User-agent: *\nDisallow: /private/\n"),
        "/old": Route(status=301, headers={"Location": "/new"}),
        "/new": Route(body=PAGE),
        "/sneaky": Route(status=302, headers={"Location": "/private/x"}),
        "/private/x": Route(body=PAGE),
        "/loop": Route(status=302, headers={"Location": "/loop"}),
        "/to-ftp": Route(status=302, headers={"Location": "ftp://127.0.0.1/x"}),
        "/nowhere": Route(status=301),  # a redirect without a Location
        "/bad-location": Route(status=302, headers={"Location": "http://[::1/x"}),
    }
    with LocalServer(routes) as server, Fetcher(config()) as fetcher:
        assert fetcher.get(server.url("/old")).url == server.url("/new")
        assert reason_of(fetcher, server.url("/sneaky")) == "robots_disallowed"
        assert reason_of(fetcher, server.url("/loop")) == "fetch_error"
        assert reason_of(fetcher, server.url("/to-ftp")) == "bad_scheme"
        assert reason_of(fetcher, server.url("/nowhere")) == "fetch_error"
        assert reason_of(fetcher, server.url("/bad-location")) == "fetch_error"
        assert server.hits("/private/x") == []
