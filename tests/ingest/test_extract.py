"""extract_html and publication_date on pages written for these tests."""
from __future__ import annotations

import pytest

from newsevents.config import load_config
from newsevents.errors import InputError
from newsevents.ingest.extract import decode_html, extract_html, publication_date

PARAGRAPHS = [
    "The finance ministry said on Tuesday that it would delay the budget vote by a week "
    "after talks with opposition parties stalled over spending on schools and hospitals.",
    "Officials from both sides are expected to meet again on Thursday in the capital, "
    "according to a statement from the prime minister's office, which called the talks "
    "difficult but useful.",
    "Opposition leaders said they would not back any budget that cut the health service, "
    "and accused the government of trying to rush the vote before the summer recess.",
    "The delay is the second this year. In March, a vote on the pension reform was "
    "postponed twice before it passed with a majority of four.",
    "Analysts said the government could still pass the budget with the support of "
    "independent members, but that a defeat would raise the risk of an early election.",
]
TITLE = "Budget vote delayed as talks stall"


def page(*, date_meta: str | None = '2021-08-14T10:00:00+00:00', body_extra: str = "",
         lang: str = "en", charset: str = "utf-8", paragraphs: list[str] = PARAGRAPHS,
         title: str = TITLE) -> str:
    meta = (f'<meta property="article:published_time" content="{date_meta}">'
            if date_meta else "")
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>{title} | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="{title}">
{meta}
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>
</nav></header>
<main><article>
<h1>{title}</h1>
{body}
{body_extra}
</article></main>
<footer><p>© 2021 Example News. All rights reserved.</p>
<a href="/about">About us</a> <a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_extracts_body_title_outlet_date():
    article = extract_html(page(), url="https://example.com/news/budget", source="p.html")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == TITLE and paragraphs.count(TITLE) == 1
    for p in PARAGRAPHS:
        assert p in paragraphs
    assert article.outlet == "Example News"
    assert (article.published, article.published_source) == ("2021-08-14", "metadata")
    assert article.language == "en" and article.source == "p.html"
    assert "All rights reserved" not in article.text


def test_furniture_left_in_the_article_is_removed():
    extra = ("<p>Share this article</p><p>READ MORE: Pension reform passes at last</p>"
             "<p>Follow us on Twitter and Facebook</p>")
    article = extract_html(page(body_extra=extra), url="https://example.com/news/budget")
    for line in ("Share this article", "READ MORE", "Follow us on Twitter"):
        assert line not in article.text
    assert {f.kind for f in article.furniture} == {"share"}


@pytest.mark.parametrize("url, day, source", [
    ("https://example.com/2021/08/13/budget", "2021-08-13", "url"),
    ("https://example.com/news/budget", None, None),
])
def test_date_from_url_when_the_page_has_none(url, day, source):
    html = page(date_meta=None)
    article = extract_html(html, url=url)
    assert (article.published, article.published_source) == (day, source)


def test_bytes_in_a_declared_legacy_charset():
    words = ["Café owners in the capital said the délai would hurt them. " + PARAGRAPHS[0],
             *PARAGRAPHS[1:]]
    html = page(charset="windows-1252", paragraphs=words).encode("cp1252")
    article = extract_html(html, url="https://example.com/news/budget")
    assert "Café owners" in article.text and "délai" in article.text


def test_bytes_without_a_declared_charset():
    words = ["Zürich officials said the délai would hurt café owners. " + PARAGRAPHS[0],
             *PARAGRAPHS[1:]]
    html = page(paragraphs=words).replace('<meta charset="utf-8">', "").encode("utf-8")
    assert "Zürich" in decode_html(html)


@pytest.mark.parametrize("data, reason", [
    (bytes(range(256)) * 40, "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 500, "binary"),
    (b"   \n\n  ", "empty"),
    ("<html><body><img src='a.png'><script>var x = 1;</script></body></html>", "no_text"),
    ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "too_short"),
])
def test_bad_pages_are_rejected_with_a_reason(data, reason):
    with pytest.raises(InputError) as e:
        extract_html(data, source="bad.html")
    assert e.value.reason == reason and e.value.source == "bad.html"


def test_too_large_page_is_rejected_before_parsing():
    config = load_config(ingest={"max_bytes": 1000})
    with pytest.raises(InputError) as e:
        extract_html(page(), url="https://example.com/a", config=config)
    assert e.value.reason == "too_large" and "1000" in str(e.value)


def test_non_english_page_is_rejected():
    french = [
        "Le ministère des finances a annoncé mardi qu'il reportait d'une semaine le vote du "
        "budget, après l'échec des discussions avec les partis de l'opposition.",
        "Les deux camps doivent se retrouver jeudi dans la capitale, selon un communiqué du "
        "bureau du premier ministre, qui a jugé les discussions difficiles mais utiles.",
        "Les dirigeants de l'opposition ont dit qu'ils ne voteraient pas un budget qui "
        "réduirait les moyens des hôpitaux et des écoles publiques du pays.",
    ]
    with pytest.raises(InputError) as e:
        extract_html(page(paragraphs=french, lang="fr", title="Le vote du budget reporté"),
                     url="https://example.fr/a")
    assert e.value.reason == "not_english"


def test_bad_favor_setting_names_the_options():
    from newsevents.errors import ConfigError

    with pytest.raises(ConfigError, match="precision, recall, balanced"):
        extract_html(page(), config=load_config(extract={"favor": "fast"}))


@pytest.mark.parametrize("html, url, expected", [
    # A year with nothing else (a copyright line) is not a publication day.
    ("<html><body><p>Story text.</p><footer>© 2016 Example</footer></body></html>",
     None, (None, None)),
    ("<html><body><p>Story text.</p><footer>© 2016 Example</footer></body></html>",
     "https://example.com/2020/06/22/story", ("2020-06-22", "url")),
    ('<html><head><meta property="article:published_time" content="2021-01-01T08:00:00Z">'
     "</head><body><p>Story text.</p></body></html>", None, ("2021-01-01", "metadata")),
    ('<html><head><meta name="date" content="2020-03-05"></head><body><p>Text.</p>'
     "</body></html>", "https://example.com/2020/03/04/story", ("2020-03-05", "metadata")),
])
def test_publication_date(html, url, expected):
    assert publication_date(html, url=url) == expected
