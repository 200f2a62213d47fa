"""Security: the ingest endpoint needs its token; URL ingest never reaches loopback,
private, link-local or reserved addresses (nor through a redirect); SQL and HTML payloads
in filters are inert. No test sends traffic anywhere but 127.0.0.1 (a server of its own)."""
from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsevents.api import urlguard
from newsevents.errors import ConfigError, StoreError

pytestmark = pytest.mark.xdist_group("api")

AUTH = {"Authorization": "Bearer s3cret"}
ARTICLE_TEXT = (
    "The foreign minister of Chile met his counterpart from Peru in Lima on Monday to "
    "discuss a new trade agreement between the two countries.\n\n"
    "\"We are ready to sign the agreement this year,\" the Chilean minister told reporters "
    "after the meeting, adding that talks would continue in Santiago next month."
)


class _Site:
    """A local web server: ``routes`` maps a path to (status, headers, body)."""

    def __init__(self, routes: dict[str, tuple[int, dict[str, str], bytes]]) -> None:
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.hits.append(self.path)
                status, headers, body = routes.get(self.path, (404, {}, b"missing"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> _Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


# -- the token ------------------------------------------------------------------------------


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "s3cret"}, 401),
    ({"Authorization": "Basic czNjcmV0"}, 401),
    ({"Authorization": "Bearer wrong"}, 403),
    ({"Authorization": "Bearer s3cret-and-more"}, 403),
])
def test_ingest_without_the_token_is_refused(ingest_client, headers, status):
    response = ingest_client.post("/api/articles", json={"text": ARTICLE_TEXT},
                                  headers=headers)
    assert response.status_code == status
    assert response.json()["error"]["parameter"] == "Authorization"
    assert response.headers["www-authenticate"].startswith("Bearer")
    total = ingest_client.get("/api/articles").json()["items"]
    assert len(total) == 4  # nothing was stored


def test_ingest_needs_a_token_to_be_enabled(fixture_store):
    from newsevents.api import create_app

    with pytest.raises(ConfigError, match="token"):
        create_app(fixture_store, allow_ingest=True, token=None)


def test_read_only_server_has_no_ingest(client):
    response = client.post("/api/articles", json={"text": ARTICLE_TEXT}, headers=AUTH)
    assert response.status_code == 405
    assert "--allow-ingest" in response.json()["error"]["message"]


def test_ingest_stores_a_posted_article(ingest_client):
    response = ingest_client.post(
        "/api/articles", headers=AUTH,
        json={"text": ARTICLE_TEXT, "title": "Chile and Peru discuss trade",
              "outlet": "Test Wire", "published": "2024-03-04"},
    )
    assert response.status_code == 201, response.text
    answer = response.json()
    article = ingest_client.get(answer["api"]).json()["article"]
    assert article["title"] == "Chile and Peru discuss trade"
    assert article["published"] == "2024-03-04"
    assert ingest_client.get(answer["page"]).status_code == 200
    again = ingest_client.post("/api/articles", headers=AUTH,
                               json={"text": ARTICLE_TEXT, "title": "Chile and Peru discuss "
                                     "trade", "published": "2024-03-04"})
    assert (again.status_code, again.json()["status"]) == (200, "already_stored")
    copy = ingest_client.post("/api/articles", headers=AUTH,
                              json={"text": ARTICLE_TEXT + " More to follow.",
                                    "title": "Chile and Peru discuss trade"})
    assert copy.status_code == 409
    assert copy.json()["error"]["code"] in ("duplicate", "near_duplicate")


@pytest.mark.parametrize("body, status, parameter", [
    ({"text": "Too short."}, 422, "text"),
    ({}, 422, "text"),
    ({"text": ARTICLE_TEXT, "colour": "red"}, 422, "colour"),
    ({"text": 42}, 422, "text"),
])
def test_ingest_rejects_what_is_not_an_article(ingest_client, body, status, parameter):
    response = ingest_client.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == status
    assert response.json()["error"]["parameter"] == parameter


def test_ingest_body_size_is_capped(ingest_client):
    response = ingest_client.post("/api/articles", headers=AUTH,
                                  json={"text": "word " * 500_000})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


# -- URL ingest: no requests to private addresses -------------------------------------------

REFUSED_URLS = [
    "http://127.0.0.1/admin",
    "http://127.0.0.1:8000/api/articles",
    "http://169.254.169.254/latest/meta-data/",
    "http://localhost/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://2130706433/",  # 127.0.0.1 as one number
    "http://0x7f.0.0.1/",
    "http://0.0.0.0/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
    "file:///etc/passwd",
    "ftp://example.org/news.txt",
    "gopher://example.org/",
    "javascript:alert(1)",
    "http:///no-host",
]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_url_ingest_refuses_private_and_odd_urls(ingest_client, url):
    response = ingest_client.post("/api/articles", json={"url": url}, headers=AUTH)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert (error["code"], error["parameter"]) == ("url_refused", "url")


@pytest.mark.parametrize("address, allowed", [
    ("93.184.216.34", True),
    ("2606:4700:4700::1111", True),
    ("::ffff:8.8.8.8", False),  # IPv4-mapped: never what a public host resolves to
    ("127.0.0.1", False),
    ("127.255.0.9", False),
    ("169.254.169.254", False),
    ("10.1.2.3", False),
    ("172.31.255.255", False),
    ("192.168.0.1", False),
    ("100.64.0.1", False),
    ("0.0.0.0", False),
    ("255.255.255.255", False),
    ("224.0.0.1", False),
    ("240.0.0.1", False),
    ("::1", False),
    ("::", False),
    ("fe80::1%eth0", False),
    ("fc00::1", False),
    ("::ffff:127.0.0.1", False),
    ("::ffff:169.254.169.254", False),
    ("2002:7f00:1::", False),  # 6to4 around 127.0.0.1
    ("not-an-address", False),
])
def test_address_policy(address, allowed):
    assert urlguard.address_allowed(address) is allowed


def test_one_private_address_among_public_ones_is_enough_to_refuse():
    def resolve(host, port):
        return ["93.184.216.34", "10.0.0.7"]

    with pytest.raises(urlguard.UrlRefused, match="10.0.0.7"):
        urlguard.check_url("http://news.example/", allow_private=False, resolve=resolve)


def test_redirect_to_a_private_address_is_refused():
    pages = {"/story": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
             "/file": (302, {"Location": "file:///etc/passwd"}, b"")}
    with _Site(pages) as site:
        # Trust this test server's own address, nothing else private.
        for path, blocked in (("/story", "169.254.169.254"), ("/file", "file")):
            with pytest.raises(urlguard.UrlRefused, match=blocked):
                urlguard.fetch(f"{site.url}{path}", allow_private=False,
                               allowed=lambda a: a == "127.0.0.1")
        assert site.hits == ["/story", "/file"]  # only the first hop was fetched


def test_the_connection_itself_checks_the_address():
    """DNS rebinding: a host that resolved to a public address at the check and to a
    private one at connect time is still refused, because the socket connects only to
    addresses checked at that moment."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])

    def resolve(host, port):
        return next(answers)

    backend = urlguard.GuardedBackend(allow_private=False, resolve=resolve)
    urlguard.check_url("http://rebind.example/", allow_private=False,
                       resolve=lambda h, p: ["93.184.216.34"])
    resolve("rebind.example", 80)  # the check's answer, consumed
    with pytest.raises(urlguard.UrlRefused, match="127.0.0.1"):
        backend.connect_tcp("rebind.example", 80)


def test_private_urls_are_fetched_when_allowed(fixture_store, tmp_path):
    import shutil

    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE_TEXT.split("\n\n"))
    html = (f"<html><head><title>Chile and Peru discuss trade</title></head><body><article>"
            f"<h1>Chile and Peru discuss trade</h1>{paragraphs}</article></body></html>")
    copy = tmp_path / "private.duckdb"
    shutil.copy(fixture_store, copy)
    app = create_app(copy, allow_ingest=True, token="s3cret", allow_private_urls=True)
    pages = {"/news/2024/03/04/trade.html": (200, {"Content-Type": "text/html"},
                                             html.encode())}
    with _Site(pages) as site, TestClient(app) as test_client:
        response = test_client.post(
            "/api/articles", headers=AUTH,
            json={"url": f"{site.url}/news/2024/03/04/trade.html"},
        )
        assert response.status_code == 201, response.text
        article = test_client.get(response.json()["api"]).json()["article"]
        assert "Lima" in article["text"]


# -- injection payloads are inert -----------------------------------------------------------

SQL_PAYLOADS = [
    "'; DROP TABLE events; --",
    "\" OR 1=1 --",
    "x' OR '1'='1",
    "1); DELETE FROM articles; --",
    "%' UNION SELECT id, text FROM articles --",
]


@pytest.mark.parametrize("payload", SQL_PAYLOADS)
@pytest.mark.parametrize("route, parameter", [
    ("/api/events", "q"), ("/api/events", "outlet"), ("/api/events", "actor"),
    ("/api/events", "article"), ("/api/articles", "q"), ("/api/articles", "outlet"),
    ("/api/actors", "q"), ("/api/quotes", "speaker"), ("/api/quotes", "q"),
    ("/api/aggregates", "q"), ("/api/export", "q"),
])
def test_sql_payloads_are_plain_values(client, route, parameter, payload):
    response = client.get(route, params={parameter: payload})
    assert response.status_code == 200
    if route == "/api/export":
        assert response.text.count("\n") == 1  # the header row only
    elif route == "/api/aggregates":
        assert response.json()["total"] == 0
    else:
        assert response.json()["items"] == []
    # Nothing was dropped or deleted: everything is still there.
    assert client.get("/api/events").json()["total"] == 8
    assert len(client.get("/api/articles").json()["items"]) == 4


@pytest.mark.parametrize("parameter", ["type", "country", "sector", "cameo", "start"])
def test_sql_payloads_in_coded_parameters_are_refused(client, parameter):
    response = client.get("/api/events", params={parameter: SQL_PAYLOADS[0]})
    assert response.status_code == 422
    assert response.json()["error"]["parameter"] == parameter


@pytest.mark.parametrize("url", ["/events", "/articles", "/actors"])
def test_html_payloads_in_filters_come_back_escaped(client, url):
    payload = "<script>alert('x')</script>\"><b>"
    html = client.get(url, params={"q": payload}).text
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html
    assert '"><b>' not in html


def test_html_payload_in_an_error_page_is_escaped(client):
    response = client.get("/events", params={"type": "<script>alert(1)</script>"})
    assert response.status_code == 422
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)" in response.text


def test_stored_markup_is_escaped_on_every_page(client):
    for url in ("/articles/a4", "/articles", "/", "/events?article=a4"):
        html = client.get(url).text
        assert "<script>alert(2)" not in html, url
        assert '<img src=x' not in html, url
    html = client.get("/articles/a4").text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html  # the stored javascript: URL is not a link


def test_pages_send_a_content_security_policy(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert client.get("/api/events").headers["x-content-type-options"] == "nosniff"


# -- the store: read-only, and locked while a run writes ------------------------------------


def test_serving_a_store_that_a_run_is_writing_is_refused_clearly(tmp_path):
    from newsevents.api import create_app
    from tests.api.factory import fixture_results, write_store

    path = write_store(tmp_path / "busy.duckdb", fixture_results()[:1])
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from newsevents.store import Store; s = Store(sys.argv[1]); "
         "print('open', flush=True); time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=r"E701.*newsevents run"):
            create_app(path)
    finally:
        writer.kill()
        writer.wait()


def test_serving_a_missing_store_is_refused_clearly(tmp_path):
    from newsevents.api import create_app

    with pytest.raises(StoreError, match="E700"):
        create_app(tmp_path / "none.duckdb")
