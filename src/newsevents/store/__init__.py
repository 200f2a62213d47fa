"""The DuckDB store and its exports.

    from newsevents.store import Store, export
    with Store("newsevents.duckdb") as store:
        store.write(result)
        export(store, "events.parquet")
"""
from __future__ import annotations

from .dates import timex_range
from .db import ARTICLE_TABLES, TABLES, Store, migrations, source_key
from .export import EXPORT_FORMATS, EXPORT_TABLES, export

__all__ = [
    "ARTICLE_TABLES",
    "EXPORT_FORMATS",
    "EXPORT_TABLES",
    "TABLES",
    "Store",
    "export",
    "migrations",
    "source_key",
    "timex_range",
]
