"""Watch RSS/Atom feeds: poll them, fetch each new article page politely, extract it.

    seen = set()
    for item in watch(["https://example.org/rss"], seen=seen, polls=1):
        ...  # an Article per new entry, or a Rejection (feed down, page refused...)

Entry links are compared in canonical form (fragment and ``utm_*``/click-id parameters
dropped) so the same story linked twice, or linked again in a later poll, is fetched once.
"""
from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Iterator, MutableSet
from typing import Any
from urllib.parse import urljoin

from ..config import Config, load_config
from ..errors import InputError
from ..records import Article, Rejection
from .fetch import FetchedPage, Fetcher

log = logging.getLogger(__name__)

__all__ = ["poll", "watch"]

#: Where the page's own date came from, weaker than a date the feed gives for the entry.
WEAKER_DATE_SOURCES = frozenset({None, "url", "dateline", "inferred"})


def watch(
    feeds: list[str],
    *,
    config: Config | None = None,
    seen: MutableSet[str] | None = None,
    fetcher: Fetcher | None = None,
    polls: int | None = None,
    stop: threading.Event | None = None,
) -> Iterator[Article | Rejection]:
    """Poll every feed in ``feeds`` and yield an Article for each entry whose link is not in
    ``seen`` (the link is added to it), or a Rejection for a feed or page that failed; the
    loop goes on after any failure.

    ``polls``: rounds to run (None: forever, ``[fetch] poll_interval`` seconds from the
    start of one round to the next). ``stop``: set it to end the loop (also wakes the wait
    between rounds). ``fetcher``: the polite client to use; one is made (and closed) here
    otherwise. Raises nothing for bad feeds or pages.
    """
    cfg = config or load_config()
    seen = set() if seen is None else seen
    client = fetcher or Fetcher(cfg)
    interval = float(cfg["fetch"]["poll_interval"])
    stop = stop or threading.Event()
    rounds = 0
    try:
        while polls is None or rounds < polls:
            started = time.monotonic()
            for feed in feeds:
                if stop.is_set():
                    return
                yield from poll(feed, config=cfg, seen=seen, fetcher=client, stop=stop)
            rounds += 1
            if polls is not None and rounds >= polls:
                return
            remaining = interval - (time.monotonic() - started)
            log.info("polled %d feeds; next round in %.0f s", len(feeds), max(remaining, 0))
            if remaining > 0 and stop.wait(remaining):
                return
    finally:
        if fetcher is None:
            client.close()


def poll(
    feed: str,
    *,
    config: Config,
    seen: MutableSet[str],
    fetcher: Fetcher,
    stop: threading.Event | None = None,
    page: FetchedPage | None = None,
) -> Iterator[Article | Rejection]:
    """One round for one feed: the Articles of its entries not yet in ``seen``, Rejections
    for the feed (unreachable, not a feed) or an entry page that failed. ``page``: the feed
    when it has been fetched already."""
    import feedparser

    from .article import canonical_url

    if page is None:
        try:
            page = fetcher.get(feed)
        except InputError as e:
            yield _rejection(e, feed)
            return
    parsed = feedparser.parse(
        io.BytesIO(page.content),  # bytes, never a URL: feedparser must not fetch anything
        response_headers={"content-location": page.url,
                          "content-type": page.headers.get("content-type", "")},
    )
    if not parsed.entries and parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        yield Rejection(feed, "bad_feed", f"[E350] {feed!r} is not an RSS or Atom feed: "
                        f"{type(problem).__name__}: {problem}")
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for entry in parsed.entries:
        if stop is not None and stop.is_set():
            return
        link = _entry_link(entry)
        if not link:
            log.debug("entry without a link in %s: %r", feed, entry.get("title"))
            continue
        try:
            url = canonical_url(urljoin(page.url, link))
        except ValueError as e:  # "http://[broken" and the like
            yield Rejection(link, "bad_record", f"[E351] Entry link {link!r} in {feed!r} is "
                            f"not a URL: {e}")
            continue
        if url in seen or link in seen:
            continue
        seen.add(url)
        yield _fetch_entry(url, entry, outlet, config=config, fetcher=fetcher)


def _fetch_entry(url: str, entry: Any, outlet: str | None, *, config: Config,
                 fetcher: Fetcher) -> Article | Rejection:
    """The Article of one entry's page; the feed's title and date stand in for what the
    page lacks (the feed's date also beats one guessed from the URL or a dateline)."""
    from .article import canonical_url
    from .extract import extract_html

    try:
        page = fetcher.get(url)
        article = extract_html(page.content, url=canonical_url(page.url), source=url,
                               config=config)
    except InputError as e:
        return _rejection(e, url)
    except Exception as e:  # noqa: BLE001 - an extractor bug must not end the watch
        log.exception("extracting %s failed", url)
        return Rejection(url, "extract_error", f"[E352] Extracting {url!r} failed: "
                         f"{type(e).__name__}: {e}")
    title = " ".join(str(entry.get("title") or "").split())
    if title and not article.title:
        article.title = title
    day = _entry_date(entry)
    if day and article.published_source in WEAKER_DATE_SOURCES:
        article.published, article.published_source = day, "metadata"
    if outlet and not article.outlet:
        article.outlet = outlet
    article.source = url
    return article


def _entry_link(entry: Any) -> str | None:
    link = entry.get("link")
    if link:
        return str(link).strip()
    for candidate in entry.get("links") or []:
        if candidate.get("href") and candidate.get("rel", "alternate") == "alternate":
            return str(candidate["href"]).strip()
    return None


def _entry_date(entry: Any) -> str | None:
    """YYYY-MM-DD of the entry: the date as written (local calendar day) when readable,
    else feedparser's parsed (UTC) date."""
    from .article import normalize_date

    for name in ("published", "updated", "created"):
        if entry.get(name):
            day = normalize_date(str(entry[name]))
            if day:
                return day
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(name)
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def _rejection(e: InputError, key: str) -> Rejection:
    from .readers import rejection_of

    return rejection_of(e, key)
