"""The pages in a real browser: Debian's chromium, headless, driven by Playwright, against
uvicorn serving the fixture store on 127.0.0.1 (a random port).

Screenshots of each page go to tests/screenshots/ for review. Skipped with a message when
/usr/bin/chromium or the playwright package is absent (.ci/run installs both).
"""
from __future__ import annotations

import re
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.api.factory import SCREENSHOTS, XSS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 10_000

pytestmark = [
    pytest.mark.xdist_group("api"),
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"browser tests need Debian's chromium at {CHROMIUM} "
                              "(apt-get install chromium); it is absent"),
]


class _Server:
    """uvicorn serving ``app`` in a thread on a socket bound to 127.0.0.1:0."""

    def __init__(self, app) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start within 10 s")
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(scope="module")
def base_url(app):
    with _Server(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser_context():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="browser tests need the playwright package")
    profile = tempfile.mkdtemp(prefix="newsevents-chromium-")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture()
def page(browser_context):
    """A fresh tab that records console errors (a CSP violation is one) and dialogs."""
    tab = browser_context.new_page()
    tab.problems = []
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(m.text))
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield tab
    tab.close()


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_events_page_filters_by_type_and_country(page, base_url):
    page.goto(f"{base_url}/events")
    assert page.locator("tr.event-row").count() == 8
    page.select_option("#filter-type", "PROTEST")
    page.select_option("#filter-country", "KEN")
    page.click("#apply-filters")
    page.wait_for_url(re.compile(r"type=PROTEST.*country=KEN"))
    rows = page.locator("tr.event-row")
    assert rows.count() == 1
    assert "PROTEST" in rows.first.inner_text()
    assert "1 event" in page.inner_text("#event-count")
    _shot(page, "events-filtered")
    # The filtered view is a plain URL: opening it again shows the same rows.
    bookmarked = page.url
    page.goto(f"{base_url}/events")
    page.goto(bookmarked)
    assert page.locator("tr.event-row").count() == 1
    assert page.locator("#filter-type").input_value() == "PROTEST"
    assert page.problems == []


def test_article_page_highlights_quote_and_speaker(page, base_url):
    page.goto(f"{base_url}/events?type=REQUEST")
    page.click("tr.event-row a[href^='/articles/']")
    page.wait_for_url(re.compile(r"/articles/a1"))
    quote = page.locator("#article-text .ann-quote").first
    speaker = page.locator("#article-text .ann-speaker").first
    assert quote.is_visible() and speaker.is_visible()
    assert speaker.inner_text() == "Hadi al-Amiri"
    assert "We will not accept" in " ".join(
        page.locator("#article-text .ann-quote").all_inner_texts())
    # Highlights are coloured, not just marked up.
    assert quote.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    speaker.click()
    panel = page.locator("#record-body")
    assert "Hadi al-Amiri" in panel.inner_text()
    assert "We will not accept" in panel.inner_text()
    page.locator("#article-text .ann-trigger").first.hover()
    _shot(page, "article")
    assert page.problems == []


def test_actor_page_draws_timeline_chart(page, base_url):
    page.goto(f"{base_url}/actors/usa_military")
    page.wait_for_selector("#actor-timeline[data-ready='true']")
    marks = page.locator("#actor-timeline svg rect.mark")
    assert marks.count() >= 2
    assert "Verbal cooperation" in page.inner_text("#actor-timeline")
    assert "Iraqi parliament" in page.inner_text("table.counterparts")
    _shot(page, "actor")
    assert page.problems == []


def test_overview_draws_timeline_and_dyad_network(page, base_url):
    page.goto(f"{base_url}/")
    page.wait_for_selector("#overview-timeline[data-ready='true']")
    page.wait_for_selector("#overview-network[data-ready='true']")
    assert page.locator("#overview-timeline svg rect.mark").count() >= 4
    assert page.locator("#overview-network svg circle.node").count() >= 4
    assert page.locator("#overview-network svg .edge").count() >= 3
    _shot(page, "overview")
    assert page.problems == []


def test_injected_markup_is_shown_as_text_and_never_runs(page, base_url):
    page.goto(f"{base_url}/articles/a4")
    assert XSS in page.inner_text("h1")
    assert XSS in page.inner_text("#article-text")
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    _shot(page, "article-injection")
    assert page.problems == []  # no alert() dialog ran


@pytest.fixture(scope="module")
def examples_url(examples_store):
    from newsevents.api import create_app

    with _Server(create_app(examples_store)) as url:
        yield url


def test_pages_of_the_examples_store(page, examples_url):
    """The store `make run` serves: its overview draws, and its most quoted article shows
    highlighted quotes with their speakers."""
    import httpx

    page.goto(f"{examples_url}/")
    page.wait_for_selector("#overview-timeline[data-ready='true']")
    page.wait_for_selector("#overview-network[data-ready='true']")
    assert page.locator("#overview-timeline svg rect.mark").count() > 0
    _shot(page, "examples-overview")
    articles = httpx.get(f"{examples_url}/api/articles", trust_env=False).json()["items"]
    quoted = max(articles, key=lambda a: a["quotes"])
    page.goto(f"{examples_url}/articles/{quoted['id']}")
    assert page.locator("#article-text .ann-quote").count() > 0
    assert page.locator("#article-text .ann-speaker").count() > 0
    assert page.locator("#article-text .ann-trigger").count() > 0
    page.locator("#article-text .ann-speaker").first.click()
    assert page.locator("#record-body .record-speaker").count() == 1
    _shot(page, "examples-article")
    page.goto(f"{examples_url}/events")
    _shot(page, "examples-events")
    actors = httpx.get(f"{examples_url}/api/actors", trust_env=False).json()["items"]
    if actors:
        page.goto(f"{examples_url}/actors/{actors[0]['id']}")
        page.wait_for_selector("#actor-timeline[data-ready='true']")
        assert page.locator("#actor-timeline svg .mark").count() > 0
        _shot(page, "examples-actor")
    assert page.problems == []
