"""Load benchmark texts from the shared corpora as Articles (never copied into the repo)."""
from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

from newsevents.records import Article

CORPORA = {
    "cnn": "corpora/cnn_lite_2026/cnn_lite_2026.jsonl",
    "reuters": "corpora/reuters21578/reuters21578.jsonl",
}


def load_articles(shared: Path, corpus: str, limit: int, *, repeat: bool = False,
                  pool: int | None = None) -> Iterator[Article]:
    """Up to ``limit`` articles of a shared corpus (``repeat`` cycles it to reach ``limit``,
    giving each copy a new id so dedup and the store treat them as distinct; ``pool``
    cycles only its first ``pool`` articles, so that runs of different sizes see the same
    mix of article lengths)."""
    path = shared / CORPORA[corpus]
    if not path.is_file():
        raise FileNotFoundError(f"benchmark corpus {corpus!r} not found at {path}")

    def records() -> Iterator[dict]:
        with path.open(encoding="utf-8") as handle:
            kept = 0
            for line in handle:
                record = json.loads(line)
                if (record.get("text") or record.get("body") or "").strip():
                    yield record
                    kept += 1
                    if pool and kept >= pool:
                        return

    stream = records()
    if repeat:
        stream = (
            dict(r, id=f"{r.get('id') or r.get('newid')}~{n}") for n in itertools.count() for r in records()
        )
    for record in itertools.islice(stream, limit):
        yield Article(
            id=str(record.get("id") or record.get("newid")),
            text=record.get("text") or record.get("body"),
            title=record.get("title"),
            url=record.get("url"),
            outlet=record.get("outlet"),
            published=_iso_day(record.get("published") or record.get("pub_date") or record.get("date")),
        )


def _iso_day(value: object) -> str | None:
    text = str(value or "")
    return text[:10] if len(text) >= 10 and text[4] == "-" and text[7] == "-" else None
