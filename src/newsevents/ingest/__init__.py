"""Ingest: read inputs (files, folders, stdin, URLs, WARC, JSON Lines, feeds), fetch pages
politely, extract and clean article text, drop duplicates.

    from newsevents.ingest import read_inputs
    for item in read_inputs(["examples/", "https://example.org/news/1"]):
        ...  # an Article, or a Rejection saying why an input was not one

The names below are imported lazily so that ``import newsevents.ingest.article`` (or any
other submodule) does not pull in the HTTP client and every reader.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .feeds import watch
    from .fetch import FetchedPage, Fetcher
    from .readers import read_inputs

__all__ = ["FetchedPage", "Fetcher", "read_inputs", "watch"]

_WHERE = {"read_inputs": "readers", "Fetcher": "fetch", "FetchedPage": "fetch", "watch": "feeds"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        from importlib import import_module

        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
