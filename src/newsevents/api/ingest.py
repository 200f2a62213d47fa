"""``POST /api/articles``: one article (or a URL to fetch) through the pipeline into the
store. The route exists only when the app is created with ``allow_ingest=True`` and a
token; the request must carry ``Authorization: Bearer <token>``.
"""
from __future__ import annotations

import hmac
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..config import Config
from ..errors import InputError
from ..records import Article
from .db import Database
from .errors import ApiError
from .urlguard import FetchFailed, UrlRefused, fetch

__all__ = ["ArticleIn", "check_token", "ingest"]


class ArticleIn(BaseModel):
    """An article to process: its ``text`` (with optional metadata), or only a ``url``
    whose page the server fetches and extracts."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Article text (plain; paragraphs separated "
                                               "by blank lines). Omit to fetch `url`.")
    url: str | None = Field(None, description="The article's URL; fetched when `text` is "
                                              "absent (http/https, public addresses only).")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    section: str | None = None
    id: str | None = Field(None, description="An id of your own (default: from URL or text).")


def check_token(authorization: str | None, token: str) -> None:
    """401 without a bearer token, 403 with a wrong one (compared in constant time)."""
    challenge = {"WWW-Authenticate": 'Bearer realm="newsevents"'}
    if not authorization or not authorization.lower().startswith("bearer "):
        raise ApiError(401, "unauthorized", "[E720] Ingest needs 'Authorization: Bearer "
                       "<token>' with the token the server was started with",
                       parameter="Authorization", headers=challenge)
    given = authorization[7:].strip().encode()
    if not hmac.compare_digest(given, token.encode()):
        raise ApiError(403, "forbidden", "[E721] The bearer token is not the server's token",
                       parameter="Authorization", headers=challenge)


def _article(body: ArticleIn, config: Config, allow_private: bool) -> Article:
    from ..ingest.article import make_article

    try:
        if body.text is not None:
            article = make_article(
                body.text, id=body.id, url=body.url, title=body.title, outlet=body.outlet,
                published=body.published, section=body.section, config=config,
            )
            article.source = f"api:{article.id}"
            return article
        if not body.url:
            raise ApiError(422, "bad_parameter", "[E722] Send the article's 'text', or a 'url' "
                           "to fetch", parameter="text")
        try:
            page = fetch(body.url, allow_private=allow_private, config=config)
        except UrlRefused as e:
            raise ApiError(422, "url_refused", str(e), parameter="url") from e
        except FetchFailed as e:
            raise ApiError(502, "fetch_failed", str(e), parameter="url") from e
        if page.content_type in ("text/plain", "text/markdown"):
            article = make_article(page.content.decode("utf-8", "replace"), url=page.url,
                                   title=body.title, outlet=body.outlet,
                                   published=body.published, source=body.url, config=config)
        else:
            from ..ingest.extract import extract_html

            article = extract_html(page.content, url=page.url, source=body.url, config=config)
        # What the client says about the article wins over what the page says.
        for name in ("title", "outlet", "section"):
            if getattr(body, name):
                setattr(article, name, getattr(body, name))
        return article
    except InputError as e:
        raise ApiError(422, e.reason, f"[E723] Not stored: {e}",
                       parameter="text" if body.text is not None else "url") from e


def ingest(db: Database, body: ArticleIn, *, config: Config, allow_private: bool
           ) -> tuple[int, dict[str, Any]]:
    """Process the article of ``body`` into the store; ``(status, body)`` of the answer:
    201 stored, 200 already stored. Raises ApiError 409 for a duplicate of a stored
    article, 422 for input that is not an article, 502 when the URL could not be fetched."""
    from ..runner import run

    article = _article(body, config, allow_private)
    with db.write_lock:
        summary = run([article], db.store, config=config)
    if summary.stored:
        return 201, {"id": article.id, "status": "stored", "events": summary.events,
                     "quotes": summary.quotes, "mentions": summary.mentions,
                     "timexes": summary.timexes, "api": f"/api/articles/{article.id}",
                     "page": f"/articles/{article.id}"}
    if summary.skipped:
        return 200, {"id": article.id, "status": "already_stored",
                     "api": f"/api/articles/{article.id}", "page": f"/articles/{article.id}"}
    rejection = summary.rejections[0] if summary.rejections else None
    if rejection is not None and rejection.reason in ("duplicate", "near_duplicate"):
        raise ApiError(409, rejection.reason,
                       f"[E724] Not stored: {rejection.message} (see "
                       f"/api/articles/{rejection.duplicate_of})", parameter="text")
    reason = rejection.reason if rejection else "not_stored"
    message = rejection.message if rejection else "the article was not stored"
    raise ApiError(422, reason, f"[E723] Not stored: {message}", parameter="text")
