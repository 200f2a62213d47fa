"""What every route needs, kept on ``app.state.newsevents`` by ``create_app``."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from ..config import Config
from .db import Database

__all__ = ["AppState", "state_of"]


@dataclass
class AppState:
    """What the routes need: the store, the [api] settings, the whole config, the ingest
    policy, and the Jinja templates."""

    db: Database
    config: Config
    allow_ingest: bool = False
    token: str | None = None
    allow_private_urls: bool = False
    templates: Any = None
    settings: dict[str, Any] = field(default_factory=dict)


def state_of(request: Request) -> AppState:
    return request.app.state.newsevents
