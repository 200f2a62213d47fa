"""Fetching a URL that a client sent, without letting the server be used against its own
network (server-side request forgery).

A URL given to ``POST /api/articles`` is fetched only when

* its scheme is http or https and it names a host;
* every address its host resolves to is a public (global unicast) address: loopback
  (127.0.0.0/8, ::1), private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
  (169.254/16 — cloud metadata lives at 169.254.169.254 — and fe80::/10), shared, reserved,
  multicast and unspecified addresses are refused, IPv4 written inside IPv6 too;
* and so is every redirect hop, followed by hand.

The address check runs again inside the connection itself (:class:`GuardedBackend`): the
socket connects to the very address that was checked, so a host whose DNS answer changes
between the check and the connection (DNS rebinding) cannot slip through. Proxies from the
environment are not used, since the check would then be of the proxy.
``allow_private=True`` (``--allow-private-urls``) lifts the address checks, not the scheme
check.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..config import Config, load_config

__all__ = ["FetchedPage", "GuardedBackend", "UrlRefused", "address_allowed", "check_url",
           "fetch"]

SCHEMES = ("http", "https")
REDIRECTS = frozenset({301, 302, 303, 307, 308})
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


class UrlRefused(Exception):
    """The URL may not be fetched (bad scheme or a non-public address); the message says
    which address and why."""


class FetchFailed(Exception):
    """The URL was allowed but could not be fetched (network error, HTTP error, too large)."""


def _public(ip: IpAddress) -> bool:
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def address_allowed(address: str) -> bool:
    """Whether ``address`` (an IP literal) is a public unicast address. IPv4 embedded in
    IPv6 (6to4, Teredo) is judged by the IPv4 address too; IPv4-mapped IPv6
    (``::ffff:a.b.c.d``) is never global, so it is refused whatever it wraps."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
        if any(v4 is not None and not _public(v4) for v4 in embedded):
            return False
    return _public(ip)


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchFailed(f"[E711] Cannot resolve host {host!r}: {e}") from e
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def checked_addresses(host: str, port: int, *, allow_private: bool,
                      resolve: Resolver = _resolve,
                      allowed: Callable[[str], bool] = address_allowed) -> list[str]:
    """The addresses of ``host``; raises UrlRefused when any of them is not allowed
    (one bad address is enough: the client cannot choose which one we connect to)."""
    addresses = resolve(host.strip("[]"), port)
    if not addresses:
        raise FetchFailed(f"[E711] Host {host!r} has no address")
    if not allow_private:
        for address in addresses:
            if not allowed(address):
                raise UrlRefused(
                    f"[E710] Refusing to fetch from {host!r}: it resolves to {address}, which "
                    "is not a public address (loopback, private, link-local, reserved and "
                    "multicast addresses are refused; start the server with "
                    "--allow-private-urls to allow them)"
                )
    return addresses


def check_url(url: str, *, allow_private: bool, resolve: Resolver = _resolve,
              allowed: Callable[[str], bool] = address_allowed) -> None:
    """Raise UrlRefused unless ``url`` is an http(s) URL whose host resolves only to
    allowed addresses (see the module docstring)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as e:
        raise UrlRefused(f"[E710] Refusing to fetch {url[:200]!r}: not a valid URL ({e})") from e
    if parts.scheme.lower() not in SCHEMES:
        raise UrlRefused(
            f"[E710] Refusing to fetch {url[:200]!r}: only http and https URLs are fetched "
            f"(got scheme {parts.scheme.lower() or 'none'!r})"
        )
    if not parts.hostname:
        raise UrlRefused(f"[E710] Refusing to fetch {url[:200]!r}: it names no host")
    checked_addresses(parts.hostname, port, allow_private=allow_private, resolve=resolve,
                      allowed=allowed)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to checked addresses: the host is
    resolved here, every address checked, and the socket opened to a checked address."""

    def __init__(self, *, allow_private: bool, resolve: Resolver = _resolve,
                 allowed: Callable[[str], bool] = address_allowed) -> None:
        self.allow_private = allow_private
        self.resolve = resolve
        self.allowed = allowed

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        addresses = checked_addresses(host, port, allow_private=self.allow_private,
                                      resolve=self.resolve, allowed=self.allowed)
        error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout=timeout,
                                           local_address=local_address,
                                           socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        assert error is not None
        raise error

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise UrlRefused("[E710] Unix sockets are never fetched")


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, backend: GuardedBackend) -> None:
        super().__init__(trust_env=False)
        # httpx does not take a network backend, so its connection pool is replaced by one
        # that has ours (same settings otherwise; no proxy, as trust_env=False).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=backend,
        )


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str  # after redirects
    content: bytes
    content_type: str | None


def fetch(url: str, *, allow_private: bool, config: Config | None = None,
          resolve: Resolver = _resolve,
          allowed: Callable[[str], bool] = address_allowed,
          max_redirects: int = 5) -> FetchedPage:
    """GET ``url`` with every hop checked (see the module docstring), the body capped at
    ``[fetch] max_bytes`` and each read at ``[fetch] timeout`` seconds.

    Raises UrlRefused (not allowed) or FetchFailed (allowed, but no page came back)."""
    from .. import __version__

    cfg = (config or load_config())["fetch"]
    max_bytes = int(cfg["max_bytes"])
    backend = GuardedBackend(allow_private=allow_private, resolve=resolve, allowed=allowed)
    client = httpx.Client(
        transport=_GuardedTransport(backend),
        headers={"User-Agent": cfg["user_agent"].replace("{version}", __version__)},
        timeout=httpx.Timeout(float(cfg["timeout"])),
        follow_redirects=False,  # each hop is checked below
        trust_env=False,
    )
    current = url
    with client:
        for _ in range(max_redirects + 1):
            check_url(current, allow_private=allow_private, resolve=resolve, allowed=allowed)
            try:
                with client.stream("GET", current) as response:
                    if response.status_code in REDIRECTS and "location" in response.headers:
                        current = urljoin(str(response.url), response.headers["location"])
                        continue
                    if not 200 <= response.status_code < 300:
                        raise FetchFailed(
                            f"[E712] HTTP status {response.status_code} for {current!r}"
                        )
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchFailed(
                                f"[E712] {current!r} sent more than {max_bytes} bytes "
                                "([fetch] max_bytes)"
                            )
                        chunks.append(chunk)
                    media = response.headers.get("content-type", "").split(";")[0].strip()
                    return FetchedPage(str(response.url), b"".join(chunks), media or None)
            except httpx.HTTPError as e:
                raise FetchFailed(f"[E712] Fetching {current!r} failed: "
                                  f"{type(e).__name__}: {e}") from e
    raise FetchFailed(f"[E712] More than {max_redirects} redirects from {url!r}")
