"""The explorer: a JSON API and web pages over the event store (``newsevents serve``).

    from newsevents.api import create_app, serve
    app = create_app("newsevents.duckdb")          # a FastAPI app, read-only
    serve("newsevents.duckdb", port=8000)           # the same, run by uvicorn

Needs the ``web`` extra (fastapi, uvicorn, jinja2).
"""
from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
