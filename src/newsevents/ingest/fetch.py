"""A polite HTTP client for article pages and feeds.

Polite means: only http(s); robots.txt is fetched once per origin and obeyed; requests to
one host are spaced by ``[fetch] per_host_delay`` seconds; every request has a timeout and
a size cap (``[fetch] timeout``, ``[fetch] max_bytes``) and says who we are in the
User-Agent (``[fetch] user_agent``, ``{version}`` filled in).

>>> with Fetcher() as fetcher:                           # doctest: +SKIP
...     page = fetcher.get("https://example.org/news/1")
...     page.status, page.content_type
(200, 'text/html')

Every failure is an :class:`~newsevents.errors.InputError` whose ``reason`` is one of
``bad_scheme``, ``robots_disallowed``, ``fetch_timeout``, ``fetch_error``, ``too_large``.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..config import Config, load_config
from ..errors import InputError

log = logging.getLogger(__name__)

__all__ = ["FetchedPage", "Fetcher"]

SCHEMES = ("http", "https")
#: How long a robots.txt answer is trusted (RFC 9309 §2.4: "SHOULD NOT ... more than 24 hours").
ROBOTS_MAX_AGE = 24 * 3600.0
#: A robots.txt that could not be fetched (5xx, network error) is asked again after this.
ROBOTS_RETRY_AFTER = 600.0
#: Bytes of robots.txt parsed (RFC 9309 §2.5: a parsing limit of at least 500 KiB).
ROBOTS_MAX_BYTES = 500 * 1024
#: Redirect hops followed for one page (RFC 9309 §2.3.1.2 asks for at least five).
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched page: the URL after redirects, HTTP status, body bytes (content-encoding
    already undone), the media type without parameters, and the response headers."""

    url: str
    status: int
    content: bytes
    content_type: str | None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Robots:
    parser: RobotFileParser
    expires: float


class Fetcher:
    """Polite HTTP GET for news pages and feeds (see the module docstring).

    ``clock`` and ``sleep`` are injectable so tests can check the per-host delay without
    waiting. Use as a context manager, or call :meth:`close`, to release connections.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        from .. import __version__

        cfg = (config or load_config())["fetch"]
        self.user_agent: str = cfg["user_agent"].replace("{version}", __version__)
        self.timeout = float(cfg["timeout"])
        self.per_host_delay = float(cfg["per_host_delay"])
        self.max_bytes = int(cfg["max_bytes"])
        self.respect_robots = bool(cfg["respect_robots"])
        self._clock = clock
        self._sleep = sleep
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}
        self._client = httpx.Client(
            headers={"User-Agent": self.user_agent},
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,  # followed by hand so each hop is checked (see get)
            max_redirects=MAX_REDIRECTS,  # for robots.txt, whose redirects httpx follows
        )

    # -- public -------------------------------------------------------------------------

    def get(self, url: str) -> FetchedPage:
        """GET ``url`` politely and return the page (any 2xx status).

        Redirects are followed by hand (at most :data:`MAX_REDIRECTS`) so that every hop
        is checked against its host's robots.txt and delay.

        Raises InputError: ``bad_scheme`` (not http/https), ``robots_disallowed``,
        ``fetch_timeout``, ``too_large`` (body over ``[fetch] max_bytes``), ``fetch_error``
        (network failure, HTTP 4xx/5xx, too many redirects).
        """
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self._check_scheme(current, source=url)
            if self.respect_robots and not self._allowed(current):
                raise InputError(
                    "robots_disallowed",
                    f"[E302] robots.txt of {_origin(current)} disallows {current!r} "
                    f"for user agent {self.user_agent!r}",
                    url,
                )
            response_url, status, headers, content = self._request(current, source=url)
            if status in REDIRECT_STATUSES and "location" in headers:
                current = urljoin(response_url, headers["location"])
                continue
            if not 200 <= status < 300:  # errors, and redirects without a Location
                raise InputError(
                    "fetch_error", f"[E303] HTTP status {status} for {response_url!r}", url
                )
            return FetchedPage(
                url=response_url,
                status=status,
                content=content,
                content_type=_media_type(headers.get("content-type")),
                headers=headers,
            )
        raise InputError(
            "fetch_error", f"[E304] More than {MAX_REDIRECTS} redirects from {url!r}", url
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- politeness ---------------------------------------------------------------------

    def _check_scheme(self, url: str, *, source: str) -> None:
        try:
            parts = urlsplit(url)
        except ValueError as e:  # "http://[::1" and the like
            raise InputError("fetch_error", f"[E308] Malformed URL {url!r}: {e}", source) from e
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES or not parts.netloc:
            raise InputError(
                "bad_scheme",
                f"[E301] Cannot fetch {url!r}: only absolute URLs with scheme "
                f"{' or '.join(SCHEMES)} are fetched (got scheme {scheme or 'none'!r})",
                source,
            )

    def _wait_turn(self, url: str) -> None:
        """Sleep until ``per_host_delay`` has passed since the last request to this host."""
        host = urlsplit(url).netloc.lower()
        last = self._last_request.get(host)
        if last is not None:
            remaining = self.per_host_delay - (self._clock() - last)
            if remaining > 0:
                self._sleep(remaining)
        self._last_request[host] = self._clock()

    def _allowed(self, url: str) -> bool:
        origin = _origin(url)
        entry = self._robots.get(origin)
        if entry is None or entry.expires <= self._clock():
            entry = self._fetch_robots(origin)
            self._robots[origin] = entry
        return entry.parser.can_fetch(self.user_agent, url)

    def _fetch_robots(self, origin: str) -> _Robots:
        """robots.txt of ``origin``: 2xx parsed; 401/403 disallow all; other 4xx allow all;
        5xx disallow all (RFC 9309 §2.3.1.4) and unreachable allow all, both re-asked
        after :data:`ROBOTS_RETRY_AFTER` seconds."""
        parser = RobotFileParser(origin + "/robots.txt")
        max_age = ROBOTS_MAX_AGE
        try:
            self._wait_turn(origin)
            with self._client.stream("GET", parser.url, follow_redirects=True) as response:
                status = response.status_code
                body = _read_capped(response, ROBOTS_MAX_BYTES) if status < 300 else b""
        except (httpx.HTTPError, httpx.InvalidURL) as e:
            log.info("robots.txt of %s unreachable (%s): allowing all", origin, e)
            parser.allow_all = True
            return _Robots(parser, self._clock() + ROBOTS_RETRY_AFTER)
        if status in (401, 403):
            parser.disallow_all = True
        elif 400 <= status < 500:
            parser.allow_all = True
        elif status >= 500:
            parser.disallow_all = True
            max_age = ROBOTS_RETRY_AFTER
        else:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        log.debug("robots.txt of %s: HTTP %s", origin, status)
        return _Robots(parser, self._clock() + max_age)

    # -- transfer -----------------------------------------------------------------------

    def _request(
        self, url: str, *, source: str
    ) -> tuple[str, int, dict[str, str], bytes]:
        """One GET without redirects: (url, status, lower-cased headers, body), the body
        streamed and capped at ``max_bytes`` and the whole transfer at ``timeout``."""
        self._wait_turn(url)
        started = self._clock()
        try:
            with self._client.stream("GET", url) as response:
                headers = {k.lower(): v for k, v in response.headers.items()}
                status = response.status_code
                if status in REDIRECT_STATUSES or status >= 400:
                    return str(response.url), status, headers, b""
                declared = headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_large(url, source, f"declares {declared} bytes")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise self._too_large(url, source, f"sent more than {size - 1} bytes")
                    # httpx times each read, not the whole transfer; a page trickled out
                    # slowly would otherwise never time out.
                    if self._clock() - started > self.timeout:
                        raise httpx.ReadTimeout("transfer took longer than the timeout")
                    chunks.append(chunk)
                return str(response.url), status, headers, b"".join(chunks)
        except httpx.TimeoutException as e:
            raise InputError(
                "fetch_timeout",
                f"[E305] No complete answer from {url!r} within {self.timeout:g} s "
                f"([fetch] timeout): {type(e).__name__}",
                source,
            ) from e
        except (httpx.HTTPError, httpx.InvalidURL) as e:
            raise InputError(
                "fetch_error", f"[E306] Fetching {url!r} failed: {type(e).__name__}: {e}", source
            ) from e

    def _too_large(self, url: str, source: str, detail: str) -> InputError:
        return InputError(
            "too_large",
            f"[E307] {url!r} {detail}, over the cap of {self.max_bytes} bytes "
            "([fetch] max_bytes)",
            source,
        )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _read_capped(response: httpx.Response, limit: int) -> bytes:
    """At most ``limit`` bytes of the body; the rest is not read (RFC 9309 allows this)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]


def _media_type(value: str | None) -> str | None:
    if not value:
        return None
    return value.split(";", 1)[0].strip().lower() or None
