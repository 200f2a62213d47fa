"""The explorer's FastAPI app: :func:`create_app` builds it over one store, :func:`serve`
runs it with uvicorn (what ``newsevents serve`` calls).

Everything is read-only unless the app is created with ``allow_ingest=True`` and a token
(see :mod:`newsevents.api.ingest`). Errors have one JSON shape (:mod:`.errors`) on /api
paths and are HTML pages elsewhere. Pages send a Content-Security-Policy that allows only
this server's own scripts and styles: nothing is loaded from anywhere else.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..config import Config, load_config
from ..errors import ConfigError, NewsEventsError
from . import pages, routes
from .db import Database
from .errors import ApiError
from .state import AppState, state_of

log = logging.getLogger(__name__)

__all__ = ["create_app", "serve"]

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 409: "conflict", 413: "too_large",
                 415: "unsupported_media_type", 422: "bad_parameter",
                 500: "internal_error", 503: "unavailable"}


class _SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response (a plain ASGI middleware, so that
    streamed exports pass through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error_response(request: Request, error: ApiError) -> Any:
    if _wants_json(request):
        return JSONResponse(error.body(), status_code=error.status, headers=error.headers)
    templates = state_of(request).templates
    return templates.TemplateResponse(
        request, "error.html", {"error": error.body()["error"]}, status_code=error.status,
        headers=error.headers,
    )


def _validation_error(exc: RequestValidationError) -> ApiError:
    first = exc.errors()[0] if exc.errors() else {}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body", "header")]
    parameter = loc[0] if loc else None
    value = first.get("input")
    shown = f" (got {value!r})" if isinstance(value, str | int | float) else ""
    message = f"[E703] {parameter!r}: {first.get('msg', 'invalid value')}{shown}"
    return ApiError(422, "bad_parameter", message, parameter=parameter)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Any:
        return _error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Any:
        return _error_response(request, _validation_error(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = str(exc.detail)
        if exc.status_code == 404:
            message = f"[E704] Nothing at {request.url.path}"
        elif exc.status_code == 405:
            message = f"[E706] {request.method} is not allowed on {request.url.path}"
            if request.method == "POST" and request.url.path == "/api/articles":
                message += " (the server is read-only: start it with --allow-ingest and a token)"
        return _error_response(
            request, ApiError(exc.status_code, code, message,
                              headers=dict(getattr(exc, "headers", None) or {}))
        )

    @app.exception_handler(NewsEventsError)
    async def store_error(request: Request, exc: NewsEventsError) -> Any:
        log.exception("request %s failed", request.url.path)
        return _error_response(request, ApiError(503, "unavailable", f"{exc}"))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Any:
        log.exception("request %s failed", request.url.path)
        return _error_response(
            request, ApiError(500, "internal_error",
                              f"[E799] Internal error: {type(exc).__name__}; see the server log")
        )


def create_app(
    db_path: str | Path,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    allow_private_urls: bool = False,
    config: Config | None = None,
) -> FastAPI:
    """The explorer app over the store at ``db_path``.

    Read-only (the store is opened read-only) unless ``allow_ingest``, which needs a
    ``token`` and opens the store for writing so that ``POST /api/articles`` can store
    articles. ``allow_private_urls`` lets URL ingest fetch private, loopback and link-local
    addresses (for a newsroom intranet; never on a public server).

    Raises ConfigError (ingest without a token) and StoreError (no store at ``db_path``,
    the file locked by a running ``newsevents run``, or not a newsevents store).
    """
    cfg = config or load_config()
    if allow_ingest and not (token and token.strip()):
        raise ConfigError(
            "[E707] --allow-ingest needs a token (--token or NEWSEVENTS_TOKEN): clients must "
            "send it as 'Authorization: Bearer <token>'"
        )
    db = Database(db_path, writable=allow_ingest)
    package = resources.files("newsevents.api")
    templates = Jinja2Templates(directory=str(package / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.globals["allow_ingest"] = allow_ingest
    templates.env.filters.update(pages.FILTERS)
    state = AppState(
        db=db, config=cfg, allow_ingest=allow_ingest, token=token,
        allow_private_urls=allow_private_urls, templates=templates,
        settings=dict(cfg["api"]),
    )
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsevents explorer",
        version=__version__,
        description="Political events, quotes and actors extracted from news articles. "
                    "Read-only unless the server was started with --allow-ingest. Every "
                    'error is {"error": {"status", "code", "message", "parameter"}}.',
        # The interactive docs pages load their scripts from a CDN; we serve only
        # /openapi.json, and nothing from elsewhere.
        docs_url=None,
        redoc_url=None,
    )
    app.state.newsevents = state
    _install_error_handlers(app)
    app.add_middleware(_SecurityHeaders)
    app.include_router(routes.router)
    if allow_ingest:
        app.include_router(routes.ingest_router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(package / "static")), name="static")
    return app


def serve(
    db_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    allow_ingest: bool = False,
    token: str | None = None,
    allow_private_urls: bool = False,
    config: Config | None = None,
    log_level: str = "info",
) -> None:
    """Serve the explorer over ``db_path`` until interrupted (see :func:`create_app`)."""
    import uvicorn

    app = create_app(db_path, allow_ingest=allow_ingest, token=token,
                     allow_private_urls=allow_private_urls, config=config)
    if allow_ingest and host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("ingest is enabled on %s: anyone with the token can add articles", host)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
