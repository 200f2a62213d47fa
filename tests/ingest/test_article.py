"""make_article and its helpers: ids, dates, language, title, rejections.

The article texts here were written for these tests; the seed test reads ../shared."""
from __future__ import annotations

import json

import pytest

from newsevents.config import load_config
from newsevents.errors import InputError
from newsevents.ingest.article import (
    article_id,
    canonical_url,
    detect_language,
    make_article,
    normalize_date,
    published_from_url,
)

BODY = (
    "The finance ministry said on Tuesday that it would delay the budget vote by a week "
    "after talks with opposition parties stalled.\n\n"
    "Officials from both sides are expected to meet again on Thursday in the capital, "
    "according to a statement from the prime minister's office."
)
TITLE = "Budget vote delayed as talks stall"


# --- ids ---------------------------------------------------------------------------------

def test_given_id_wins():
    assert article_id(given="abc-1", url="https://example.com/a", text="x") == "abc-1"


@pytest.mark.parametrize("a, b", [
    ("https://Example.com/news/1", "https://example.com/news/1"),
    ("HTTPS://EXAMPLE.COM/news/1", "https://example.com/news/1"),
    ("https://example.com/news/1#comments", "https://example.com/news/1"),
    ("https://example.com/news/1?utm_source=tw&utm_medium=social", "https://example.com/news/1"),
    ("https://example.com/news/1?id=7&utm_campaign=x", "https://example.com/news/1?id=7"),
    ("https://example.com/news/1?fbclid=abc", "https://example.com/news/1"),
])
def test_same_page_same_id(a, b):
    assert article_id(url=a) == article_id(url=b)


@pytest.mark.parametrize("a, b", [
    ("https://example.com/news/1", "https://example.com/news/2"),
    ("https://example.com/news/1?id=7", "https://example.com/news/1?id=8"),
    ("https://example.com/News/1", "https://example.com/news/1"),  # paths are case-sensitive
])
def test_different_pages_different_ids(a, b):
    assert article_id(url=a) != article_id(url=b)


def test_ids_are_stable_across_machines():
    # Fixed values: a change of hashing or canonicalisation would re-key every stored article.
    assert article_id(url="https://Example.com/news/1?utm_source=x&id=7#top") == "44bf02f2a0c9881d"
    assert article_id(text="  Troops LEFT the city\n on Monday. ") == "2019d0a0db60c230"
    assert article_id(text="troops left the city on monday.") == "2019d0a0db60c230"
    assert canonical_url("https://Example.com/news/1?utm_source=x&id=7#top") == (
        "https://example.com/news/1?id=7")


def test_id_needs_something():
    with pytest.raises(ValueError, match="given, url, text"):
        article_id()


# --- dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("url, day", [
    ("https://www.example.com/Detail/2021/08/14/664450/US-troops", "2021-08-14"),
    ("https://example.com/world/20210814/iraq-talks.html", "2021-08-14"),
    ("https://example.com/news/2021-08-14-iraq-talks", "2021-08-14"),
    ("https://example.com/2019/11/5/story", "2019-11-05"),
    ("https://example.com/news/2021/13/40/story", None),  # no such month
    ("https://example.com/news/664450/us-troops", None),
    ("https://example.com/news/12345678/story", None),  # an id, not a date
    ("https://example.com/story?date=20210814", None),  # the query is not read
    ("https://example.com/2021/08/story", None),  # month only: no day to publish on
    ("", None),
])
def test_published_from_url(url, day):
    assert published_from_url(url) == day


@pytest.mark.parametrize("value, day", [
    ("2021-08-14", "2021-08-14"),
    ("2021-08-14T23:30:00-05:00", "2021-08-14"),  # the day as written, not UTC
    ("2021-08-14 10:00:00", "2021-08-14"),
    ("Sat, 14 Aug 2021 10:00:00 +0000", "2021-08-14"),
    ("August 14, 2021", "2021-08-14"),
    ("14 Aug 2021", "2021-08-14"),
    ("2021/08/14", "2021-08-14"),
    ("20210814", "2021-08-14"),
    ("not a date", None),
    ("2021-02-30", None),
    ("", None),
])
def test_normalize_date(value, day):
    assert normalize_date(value) == day


@pytest.mark.parametrize("kwargs, text, day, source", [
    ({"published": "2021-08-14T09:00:00Z"}, BODY, "2021-08-14", "given"),
    ({"published": "Sat, 14 Aug 2021 09:00:00 GMT", "published_source": "metadata"}, BODY,
     "2021-08-14", "metadata"),
    ({"url": "https://example.com/2021/08/13/budget"}, BODY, "2021-08-13", "url"),
    ({"published": "garbled", "url": "https://example.com/2021/08/13/budget"}, BODY,
     "2021-08-13", "url"),
    ({}, "CAIRO, Aug. 12, 2021 (Reuters) - " + BODY, "2021-08-12", "dateline"),
    ({"url": "https://example.com/2021/08/13/budget"},
     "CAIRO, Aug. 12, 2021 (Reuters) - " + BODY, "2021-08-13", "url"),
    ({}, "CAIRO, Aug. 12 (Reuters) - " + BODY, None, None),  # no year: not a date
    ({}, BODY, None, None),
])
def test_publication_date_and_its_source(kwargs, text, day, source):
    article = make_article(text, **kwargs)
    assert (article.published, article.published_source) == (day, source)


def test_unknown_published_source_is_refused():
    with pytest.raises(ValueError, match="given, metadata, url"):
        make_article(BODY, published="2021-08-14", published_source="guess")


# --- language ----------------------------------------------------------------------------

FRENCH = ("Le ministère des finances a annoncé mardi qu'il reportait d'une semaine le vote du "
          "budget, après l'échec des discussions avec les partis de l'opposition. Les deux "
          "camps doivent se retrouver jeudi dans la capitale.")
GERMAN = ("Das Finanzministerium teilte am Dienstag mit, dass die Abstimmung über den Haushalt "
          "um eine Woche verschoben wird, nachdem die Gespräche mit der Opposition gescheitert "
          "sind. Beide Seiten wollen sich am Donnerstag wieder treffen.")
SPANISH = ("El ministerio de finanzas anunció el martes que aplazará una semana la votación "
           "del presupuesto, después de que fracasaran las conversaciones con la oposición. "
           "Las dos partes se reunirán de nuevo el jueves en la capital.")
ARABIC = ("قالت وزارة المالية يوم الثلاثاء إنها ستؤجل التصويت على الميزانية لمدة أسبوع بعد "
          "تعثر المحادثات مع أحزاب المعارضة في العاصمة")
RUSSIAN = ("Министерство финансов во вторник заявило, что откладывает голосование по бюджету "
           "на неделю после срыва переговоров с оппозицией.")
JAPANESE = ("財務省は火曜日、野党との協議が行き詰まったため、予算案の採決を一週間延期すると発表した。"
            "双方は木曜日に再び会談する予定だ。首都では抗議する人々が議会の前に集まり、"
            "政府に早期の合意を求めた。")


@pytest.mark.parametrize("text, language", [
    (BODY, "en"),
    (FRENCH, "fr"),
    (GERMAN, "de"),
    (SPANISH, "es"),
    (ARABIC, "ar"),
    (RUSSIAN, "ru"),
    (JAPANESE, "ja"),
    ("1-0 2-1 3-3 4-2 0-0 1-1 2-2 5-1 3-0 0-1 1-2 2-0 4-4 " * 3 + " Xq Zv Wk Pj Rt Bn Mc Ld Sf"
     " Gh Jk Ty", "und"),
])
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", [FRENCH, GERMAN, SPANISH, ARABIC, RUSSIAN, JAPANESE])
def test_non_english_is_rejected(text):
    with pytest.raises(InputError) as e:
        make_article(text, source="page.html")
    assert e.value.reason == "not_english"
    assert "page.html" in str(e.value) and "en" in str(e.value)


def test_other_languages_pass_when_configured():
    config = load_config(ingest={"languages": ["en", "fr"]})
    assert make_article(FRENCH, config=config).language == "fr"


# --- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("   \n\n\t ", "empty"),
    ("Troops left the city on Monday.", "too_short"),
    ("Share this article\n\nFollow us on Twitter\n\n© 2021 Example Media", "too_short"),
    (FRENCH, "not_english"),
])
def test_bad_input_reasons(text, reason):
    with pytest.raises(InputError) as e:
        make_article(text, source="in.txt")
    assert e.value.reason == reason and e.value.source == "in.txt"


def test_title_alone_is_too_short():
    with pytest.raises(InputError) as e:
        make_article(f"{TITLE}\n\nShare this article", title=TITLE)
    assert e.value.reason == "too_short"


# --- title, furniture, metadata ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    BODY,
    f"{TITLE}\n\n{BODY}",
    f"  {TITLE.upper()}  \n\n{BODY}",  # same headline, other case and spacing
    f"Budget\n\n{TITLE}\n\n{BODY}",  # a kicker above the headline
])
def test_title_is_the_first_paragraph_exactly_once(text):
    article = make_article(text, title=TITLE)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == TITLE
    assert sum(p.casefold().strip() == TITLE.casefold() for p in paragraphs) == 1
    assert article.text.endswith(BODY)


def test_other_wording_of_the_headline_is_furniture():
    text = f"Finance ministry delays budget vote as talks stall\n\n{BODY}"
    article = make_article(text, title=TITLE)
    assert article.text == f"{TITLE}\n\n{BODY}"
    assert [f.kind for f in article.furniture] == ["headline"]


def test_unrelated_standfirst_stays():
    text = f"Opposition parties want more money for schools\n\n{BODY}"
    assert make_article(text, title=TITLE).text == f"{TITLE}\n\n{text}"


def test_section_from_breadcrumb_unless_given():
    text = f"News / Economy\n\n{BODY}"
    assert make_article(text).section == "Economy"
    assert make_article(text, section="Business").section == "Business"


def test_metadata_is_carried():
    article = make_article(f"BAGHDAD (AP) — {BODY}", id="x1", url="https://example.com/a",
                           title=TITLE, outlet="Example News", source="a.html")
    assert (article.id, article.url, article.outlet, article.source) == (
        "x1", "https://example.com/a", "Example News", "a.html")
    assert article.language == "en" and article.dateline == "BAGHDAD"
    assert article.text == f"{TITLE}\n\n{BODY}"


def test_id_from_url_then_text():
    assert make_article(BODY, url="https://example.com/a").id == article_id(
        url="https://example.com/a")
    assert make_article(BODY).id == make_article(BODY).id


# --- the seed article --------------------------------------------------------------------

@pytest.mark.shared
def test_seed_article(shared):
    seed = shared / "seed"
    meta = json.loads((seed / "meta.json").read_text(encoding="utf-8"))
    raw = (seed / "article.txt").read_text(encoding="utf-8")
    article = make_article(raw, **meta, source="seed/article.txt")
    assert article.section == "Iraq"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == meta["title"]
    assert paragraphs.count(meta["title"]) == 1
    assert "File photo" not in article.text
    assert "alternate addresses" not in article.text
    assert not paragraphs[-1].endswith("Roku")
    kinds = [f.kind for f in article.furniture]
    assert {"breadcrumb", "caption", "footer"} <= set(kinds)
    assert any("File photo" in f.text for f in article.furniture if f.kind == "caption")
    assert any("alternate addresses" in f.text for f in article.furniture if f.kind == "footer")
    assert (article.published, article.published_source) == ("2021-08-14", "given")
    assert article.language == "en" and article.id == "seed"
    # Every body paragraph of the page survives.
    assert "He added that the Iraqi people" in article.text
    assert paragraphs[-1].startswith("The resistance groups demand")
