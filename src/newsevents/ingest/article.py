"""The Article constructor: every reader ends in :func:`make_article`.

It cleans the text (:func:`newsevents.ingest.clean.clean_text`), puts the headline first,
settles the publication date (given > page metadata > URL > dateline, with the source
recorded), tells English from other languages, gives a stable id, and rejects what is not an
article with an :class:`~newsevents.errors.InputError` carrying a reason code.
"""
from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections import Counter
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib import resources
from typing import get_args
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from ..config import Config, load_config
from ..errors import InputError
from ..records import Article, Furniture, PublishedSource
from .clean import SENTENCE_END, clean_text

log = logging.getLogger(__name__)

__all__ = [
    "article_id",
    "canonical_url",
    "detect_language",
    "make_article",
    "normalize_date",
    "published_from_url",
]

LANGUAGES_FILE = "languages.yaml"
ID_LENGTH = 16
#: Query parameters that identify a click, not a page (dropped from canonical URLs).
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
                             "igshid", "ocid", "cmpid", "_ga", "yclid", "twclid"})
# Publication dates outside this range are taken as misreadings (ids, prices), not dates.
MIN_YEAR, MAX_YEAR = 1900, 2100

_URL_DATES = (
    # /2021/08/14/, 2021-08-14, 2021_08_14 (one-digit months and days too)
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)"),
    # /20210814/, -20210814-, /20210814.html
    re.compile(r"(?<![\d])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"),
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
# Characters read to tell the language: a few paragraphs are plenty, and whole books are not.
LANGUAGE_SAMPLE_CHARS = 6000


def canonical_url(url: str) -> str:
    """``url`` with scheme and host lowercased, the fragment and tracking parameters
    (``utm_*``, ``fbclid``...) dropped; the path and other parameters kept as they are."""
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    ]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       urlencode(query), ""))


def _normal_text(text: str) -> str:
    return " ".join(text.lower().split())


def article_id(*, url: str | None = None, text: str | None = None,
               given: str | None = None) -> str:
    """A stable article id: ``given`` when there is one, else 16 hex digits of the SHA-1 of
    the canonical URL, else of the normalised text (lowercased, whitespace collapsed).

    The same input gives the same id on every machine and run. Raises ValueError when
    none of the three is given."""
    if given is not None and str(given).strip():
        return str(given).strip()
    if url and url.strip():
        key = "url:" + canonical_url(url)
    elif text is not None:
        key = "text:" + _normal_text(text)
    else:
        raise ValueError("article_id needs one of: given, url, text (all were empty)")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_LENGTH]


def _valid(y: int, m: int, d: int) -> str | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def published_from_url(url: str) -> str | None:
    """The date written in an article URL's path (``/2021/08/14/``, ``/20210814/``,
    ``2021-08-14``) as YYYY-MM-DD, or None. Host names and query strings are not read:
    numbers there are ids, not dates."""
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path if parts.scheme or parts.netloc else url
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            found = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if found:
                return found
    return None


def normalize_date(value: str | date | datetime) -> str | None:
    """YYYY-MM-DD of a publication date given as an ISO date or datetime, an RFC 2822 date
    (feeds), or a common written form ("August 14, 2021", "14 Aug 2021", "2021/08/14").
    The calendar date is the one written (no conversion to UTC). None when unreadable."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])", text)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", text)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return _valid(parsed.year, parsed.month, parsed.day)
    return _dateparser_date(text)


def _dateparser_date(text: str) -> str | None:
    import dateparser  # slow to import; only written-out dates need it

    parsed = dateparser.parse(
        text, languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"],
                  "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None


@lru_cache(maxsize=1)
def _language_data() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    raw = resources.files(__package__).joinpath("data", LANGUAGES_FILE).read_text("utf-8")
    data = yaml.safe_load(raw)
    words = {lang: frozenset(str(w).lower() for w in ws)
             for lang, ws in data["function_words"].items()}
    return words, {str(k): str(v) for k, v in data["scripts"].items()}


def _script_language(text: str, scripts: dict[str, str]) -> str | None:
    """The language of the non-Latin script most letters are written in, when most letters
    are not Latin. Japanese mixes kana with Chinese characters: any kana share makes it
    Japanese."""
    letters = _LETTER.findall(text)
    latin = len(_LATIN_LETTER.findall(text))
    if not letters or latin >= len(letters) - latin:
        return None
    counts = Counter(unicodedata.name(ch, "UNKNOWN").split(" ")[0] for ch in letters)
    counts.pop("LATIN", None)
    other = sum(counts.values())
    if counts["HIRAGANA"] + counts["KATAKANA"] > 0.1 * other:
        return scripts.get("HIRAGANA", "und")
    return scripts.get(counts.most_common(1)[0][0], "und")


def detect_language(text: str, *, config: Config | None = None) -> str:
    """A cheap, offline guess at the language of ``text``: an ISO 639-1 code, or "und".

    Latin-script text is scored by the share of its words that are function words of each
    language in ``data/languages.yaml``; other scripts are named by their script. Texts too
    short to tell (config ``[extract] language_min_words``) count as the first configured
    language."""
    cfg = config or load_config()
    words_by_lang, scripts = _language_data()
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    by_script = _script_language(sample, scripts)
    if by_script:
        return by_script
    words = Counter(w.lower() for w in _WORD.findall(sample))
    total = sum(words.values())
    if total < cfg["extract"]["language_min_words"]:
        return cfg["ingest"]["languages"][0] if cfg["ingest"]["languages"] else "und"
    scores = {lang: sum(words[w] for w in fw) / total for lang, fw in words_by_lang.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= cfg["extract"]["language_min_ratio"] else "und"


def _key(text: str) -> str:
    """Comparison form of a headline: case, quotes, dashes and spacing ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[‘’'`´]", "'", re.sub(r"[“”\"«»]", '"', text))
    text = re.sub(r"[‐-―−-]", "-", text)
    return " ".join(text.split()).strip(" .")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _similarity(a: str, b: str) -> float:
    """Jaccard similarity of the word sets of two headlines."""
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa or wb else 0.0


def _with_title(text: str, title: str, cfg: dict) -> tuple[str, list[Furniture]]:
    """``text`` with ``title`` as its first paragraph exactly once, and the headline
    variants removed from above the story.

    Among the first ``title_paragraphs`` paragraphs and before the first full sentence, a
    copy of the title is dropped (the title goes first anyway), and so is a line that is
    another wording of it (the on-page headline beside the metadata one: word overlap at
    least ``headline_min_similarity``); the variants are returned as furniture."""
    key = _key(title)
    kept: list[str] = []
    removed: list[Furniture] = []
    in_lead = True
    for i, paragraph in enumerate(text.split("\n\n") if text else []):
        if i < cfg["title_paragraphs"] and _key(paragraph) == key:
            continue
        if in_lead and i < cfg["title_paragraphs"]:
            if (not SENTENCE_END.search(paragraph)
                    and _similarity(paragraph, title) >= cfg["headline_min_similarity"]):
                removed.append(Furniture("headline", paragraph))
                continue
            in_lead = not SENTENCE_END.search(paragraph)
        kept.append(paragraph)
    return "\n\n".join([title, *kept]), removed


def _check_source(value: str) -> PublishedSource:
    options = get_args(PublishedSource)
    if value not in options:
        raise ValueError(f"published_source {value!r} is not one of {', '.join(options)}")
    return value  # type: ignore[return-value]


def make_article(
    text: str,
    *,
    id: str | None = None,  # noqa: A002 - the record's field name
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    section: str | None = None,
    source: str | None = None,
    config: Config | None = None,
    published_source: str | None = None,
) -> Article:
    """An :class:`Article` from raw article text and what is known about it.

    The text is cleaned of page furniture (recorded in ``Article.furniture``); a breadcrumb
    gives the section when ``section`` is not given; the title becomes the first paragraph
    (headlines carry events and quotes) unless the text already starts with it; paragraphs
    are separated by a blank line. The date is ``published`` when given (normalised to
    YYYY-MM-DD; its source is "given" unless ``published_source`` says otherwise), else the
    date in the URL ("url"), else a dateline with a year ("dateline"), else None.

    Raises InputError with reason "empty" (no text), "too_short" (fewer than ``[ingest]
    min_chars`` characters of clean text) or "not_english" (a language not in ``[ingest]
    languages``), naming ``source``."""
    cfg = config or load_config()
    where = source or url or id
    if not text or not text.strip():
        raise InputError("empty", "The article has no text", where)

    cleaned = clean_text(text, config=cfg)
    body, furniture = cleaned.text, list(cleaned.furniture)
    title = " ".join(title.split()) if title and title.strip() else None
    if title:
        body, headlines = _with_title(body, title, cfg["extract"])
        furniture.extend(headlines)
        body_only = body[len(title):].lstrip("\n")
    else:
        body_only = body
    min_chars = cfg["ingest"]["min_chars"]
    if len(body_only) < min_chars:
        raise InputError(
            "too_short",
            f"The article has {len(body_only)} characters of text after cleaning; "
            f"at least {min_chars} are needed ([ingest] min_chars)",
            where,
        )
    language = detect_language(body_only, config=cfg)
    if language not in cfg["ingest"]["languages"]:
        raise InputError(
            "not_english",
            f"The article's language looks like {language!r}; "
            f"processed languages: {', '.join(cfg['ingest']['languages'])} ([ingest] languages)",
            where,
        )

    day, day_source = _publication_date(published, published_source, url, cleaned.dateline_date)
    return Article(
        id=article_id(given=id, url=url, text=body),
        text=body,
        url=url,
        outlet=outlet,
        title=title,
        section=section or cleaned.section,
        published=day,
        published_source=day_source,
        language=language,
        source=source,
        dateline=cleaned.dateline,
        furniture=furniture,
    )


def _publication_date(
    published: str | None, published_source: str | None, url: str | None,
    dateline_date: str | None,
) -> tuple[str | None, PublishedSource | None]:
    """The best publication date and where it came from: given > URL > dateline."""
    if published:
        day = normalize_date(published)
        if day:
            return day, _check_source(published_source or "given")
        # A garbled date field should not cost the article; the URL may still date it.
        log.warning("Unreadable publication date %r; looking in the URL and dateline", published)
    if url:
        day = published_from_url(url)
        if day:
            return day, "url"
    if dateline_date:
        return dateline_date, "dateline"
    return None, None
