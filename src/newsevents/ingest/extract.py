"""HTML page -> :class:`~newsevents.records.Article`.

trafilatura finds the article body, headline, site name and categories; htmldate finds the
publication date; :func:`newsevents.ingest.article.make_article` then cleans the furniture
trafilatura leaves in, puts the headline first, falls back to the URL or a dateline for the
date, checks the language, and gives the id. Figures for both steps are in docs/quality.md.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from ..config import Config, load_config
from ..errors import InputError
from ..records import Article, PublishedSource
from .article import make_article, published_from_url
from .clean import furniture_patterns

log = logging.getLogger(__name__)

__all__ = ["decode_html", "extract_html", "publication_date"]

FAVOR_OPTIONS = ("precision", "recall", "balanced")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Control characters other than tab/newline/carriage return/form feed: their share tells
# binary junk (images, PDFs, archives) from text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _looks_binary(text: str, max_share: float) -> bool:
    sample = text[:8192]
    return bool(sample) and len(_CONTROL.findall(sample)) > max_share * len(sample)


def decode_html(data: bytes, *, source: str | None = None,
                config: Config | None = None) -> str:
    """The text of an HTML page given as bytes: a byte-order mark, else the ``<meta
    charset>`` the page declares, else charset_normalizer's best guess.

    Raises InputError "binary" when the bytes are not text in any encoding."""
    cfg = (config or load_config())["extract"]
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary", "The input holds NUL bytes: it is binary, not HTML", source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii", "ignore").lower()] if declared else []
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        if not _looks_binary(text, cfg["binary_max_share"]):
            return text
    from charset_normalizer import from_bytes  # only for pages that are not what they say

    best = from_bytes(data[: cfg["charset_sample_bytes"]]).best()
    if best is None:
        raise InputError("binary", "The input is not text in any known encoding", source)
    text = data.decode(best.encoding, errors="replace")
    if _looks_binary(text, cfg["binary_max_share"]):
        raise InputError("binary", "The input is mostly control characters: it is binary, "
                                   "not HTML", source)
    return text


def _written_on_page(day: str, html: str) -> bool:
    """Whether the page writes ``day`` (YYYY-MM-DD) out in full, in ISO, numeric or
    English form, rather than leaving htmldate to fill in a missing month and day."""
    y, m, d = day.split("-")
    month_names = ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December")
    name = month_names[int(m) - 1]
    day_n = str(int(d))
    forms = (
        rf"{y}-{m}-{d}", rf"{y}/{m}/{d}", rf"{d}[./]{m}[./]{y}", rf"{m}/{d}/{y}",
        rf"{name[:3]}[a-z]*\.?\s+0?{day_n}(?:st|nd|rd|th)?,?\s+{y}",
        rf"\b0?{day_n}(?:st|nd|rd|th)?\s+{name[:3]}[a-z]*\.?,?\s+{y}",
    )
    return re.search("|".join(forms), html, re.IGNORECASE) is not None


def publication_date(html: str, *, url: str | None = None,
                     config: Config | None = None) -> tuple[str | None, PublishedSource | None]:
    """The publication date of a page as (YYYY-MM-DD, source): htmldate's reading of the
    page's metadata and text ("metadata"), else the date in the URL ("url"), else
    (None, None).

    htmldate runs with ``original_date=True`` (the first publication, not the last update,
    is what dates an event report). A 1 January that the page never writes out is htmldate
    completing a bare year (a copyright line, say) and is not trusted."""
    from htmldate import find_date

    cfg = (config or load_config())["extract"]
    try:
        # Without the URL: htmldate would prefer a URL date to the page's own metadata and
        # report it as found in the page; the URL is our fallback below.
        day = find_date(html, original_date=True,
                        extensive_search=cfg["date_extensive_search"], outputformat="%Y-%m-%d")
    except (ValueError, TypeError) as e:  # htmldate on malformed markup
        log.debug("htmldate failed on %s: %s", url, e)
        day = None
    if day and day.endswith("-01-01") and not _written_on_page(day, html):
        day = None
    if day:
        return day, "metadata"
    from_url = published_from_url(url) if url else None
    return (from_url, "url") if from_url else (None, None)


def _section(categories: list[str]) -> str | None:
    """A readable section name from the page's categories: the first that names a section
    (not "Homepage" or "News"), slugs written out ("middle-east" -> "Middle East")."""
    not_sections = furniture_patterns().not_sections
    for category in categories:
        for name in (c.strip() for c in category.split(",")):
            if re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", name):
                name = re.sub(r"[-_]", " ", name).title()
            if name and name.lower() not in not_sections:
                return name
    return None


def _trafilatura(html: str, url: str | None, favor: str) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=favor == "precision",
        favor_recall=favor == "recall",
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        # trafilatura dates the page too; ours is publication_date(), so keep its search short.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def extract_html(
    html: str | bytes,
    *,
    url: str | None = None,
    source: str | None = None,
    config: Config | None = None,
) -> Article:
    """The :class:`Article` of one HTML page.

    The body, headline, site name (-> ``outlet``) and first category (-> ``section``) come
    from trafilatura with ``[extract] favor``; when that leaves less than
    ``[extract] retry_chars`` characters, the balanced setting is tried too and kept when it
    finds ``retry_ratio`` times more (precision mode sometimes keeps only a fragment). The
    date comes from :func:`publication_date`. The text then goes through
    :func:`~newsevents.ingest.article.make_article`.

    Raises InputError naming ``source`` (or ``url``) with reason "too_large" (over
    ``[ingest] max_bytes``), "binary" (not text), "no_text" (no article body found), or the
    reasons of make_article ("too_short", "not_english")."""
    cfg = config or load_config()
    ext = cfg["extract"]
    where = source or url
    if ext["favor"] not in FAVOR_OPTIONS:
        from ..errors import ConfigError

        raise ConfigError(f"[E210] [extract] favor is {ext['favor']!r}; "
                          f"options: {', '.join(FAVOR_OPTIONS)}")
    size = len(html) if isinstance(html, bytes) else len(html.encode("utf-8", "replace"))
    if size > cfg["ingest"]["max_bytes"]:
        raise InputError("too_large", f"The page has {size} bytes; at most "
                         f"{cfg['ingest']['max_bytes']} are read ([ingest] max_bytes)", where)
    if isinstance(html, bytes):
        html = decode_html(html, source=where, config=cfg)
    elif _looks_binary(html, ext["binary_max_share"]):
        raise InputError("binary", "The input is mostly control characters: it is binary, "
                                   "not HTML", where)
    if not html.strip():
        raise InputError("empty", "The page is empty", where)

    doc = _trafilatura(html, url, ext["favor"])
    text = (doc.text or "") if doc is not None else ""
    if ext["favor"] != "balanced" and len(text) < ext["retry_chars"]:
        retry = _trafilatura(html, url, "balanced")
        if retry is not None and len(retry.text or "") > ext["retry_ratio"] * max(len(text), 1):
            log.debug("%s: %s mode kept %d characters, balanced %d; using balanced",
                      where, ext["favor"], len(text), len(retry.text))
            doc, text = retry, retry.text
    if doc is None or not text.strip():
        raise InputError("no_text", "No article text could be extracted from the page", where)

    published, published_source = publication_date(html, url=url, config=cfg)
    return make_article(
        text,
        url=url,
        title=doc.title,
        outlet=doc.sitename or None,
        published=published,
        published_source=published_source,
        section=_section(doc.categories or []),
        source=source,
        config=cfg,
    )
