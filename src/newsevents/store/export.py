"""Exports of the store: Parquet for data lakes, JSON Lines and CSV, and an ICEWS-style TSV
of events for users of ICEWS / Phoenix data.

    export(store, "events.parquet")                              # events, Parquet
    export(store, "articles.jsonl", format="jsonl", table="results")  # output contract

Formats: ``parquet`` (DuckDB ``COPY ... (FORMAT PARQUET)``), ``jsonl`` (one JSON object a
line: a row of the table, or for table ``results`` one output-contract object per article),
``csv`` (with a header row), ``icews`` (tab-separated, events only, columns below).

ICEWS-style columns, from the events table joined with articles:

=================  ==========================================================================
column             value
=================  ==========================================================================
Event ID           events.id
Event Date         the day the event's date covers when it names one day (date_start =
                   date_end), else the article's publication date (ICEWS dates events by
                   their story when the text gives no day); empty if neither is known
Source Name        actor_name
Source Country     actor_country as a country name ("Iran" for IRN; the code when unknown)
Source Sectors     actor_sector as an ICEWS-style sector label (data/icews_sectors.tsv)
Event Text         the PLOVER type, with its mode in parentheses: "ASSAULT (assassination)"
CAMEO Code         cameo
Intensity          intensity (PLOVER intensity, not a Goldstein score)
Target Name        recipient_name
Target Country     recipient_country as a country name
Target Sectors     recipient_sector as a sector label
Story ID           article_id (ICEWS's story = the source article)
Sentence           sentence_text (Phoenix keeps the sentence; ICEWS only its number)
Publisher          articles.outlet
Location           location_text
=================  ==========================================================================

followed by columns ICEWS lacks but users need to read the row right: Location Country,
Latitude, Longitude, Date Value (the TIMEX3 value as coded), Quad Class, Negated, Modality,
Attributed To, Story Cluster (events.story_id: events of one happening across articles).
Negated and non-asserted events are exported too; filter on Negated and Modality to keep
only what was reported as having happened.
"""
from __future__ import annotations

import csv
import json
import logging
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyarrow as pa

from ..errors import ConfigError, StoreError
from .db import TABLES, Store

log = logging.getLogger(__name__)

__all__ = ["EXPORT_FORMATS", "EXPORT_TABLES", "export"]

EXPORT_FORMATS = ("parquet", "jsonl", "csv", "icews")
#: Tables that can be exported, plus "results" (whole articles, jsonl only).
EXPORT_TABLES = (*TABLES, "results")

_COPY_OPTIONS = {
    "parquet": "FORMAT PARQUET",
    "jsonl": "FORMAT JSON",
    "csv": "FORMAT CSV, HEADER",
    "icews": "FORMAT CSV, HEADER, DELIMITER '\t'",
}
# Row order of each table in exports: stable, and records of an article together.
_ORDER = {
    "articles": "id",
    "timexes": "article_id, idx",
    "mentions": "article_id, idx",
    "quotes": "article_id, idx",
    "events": "article_id, idx",
    "actors": "id",
    "ingest_log": "id",
    "sources_done": "source",
    "signatures": "article_id",
}

_ICEWS_QUERY = """
SELECT
    e.id AS "Event ID",
    CASE WHEN e.date_start IS NOT NULL AND e.date_start = e.date_end THEN e.date_start
         ELSE a.published END AS "Event Date",
    e.actor_name AS "Source Name",
    coalesce(source_country.name, e.actor_country) AS "Source Country",
    coalesce(source_sector.label, e.actor_sector) AS "Source Sectors",
    e.type || coalesce(' (' || e.mode || ')', '') AS "Event Text",
    e.cameo AS "CAMEO Code",
    e.intensity AS "Intensity",
    e.recipient_name AS "Target Name",
    coalesce(target_country.name, e.recipient_country) AS "Target Country",
    coalesce(target_sector.label, e.recipient_sector) AS "Target Sectors",
    e.article_id AS "Story ID",
    e.sentence_text AS "Sentence",
    a.outlet AS "Publisher",
    e.location_text AS "Location",
    coalesce(location_country.name, e.location_country) AS "Location Country",
    e.lat AS "Latitude",
    e.lon AS "Longitude",
    e.date AS "Date Value",
    e.quad_class AS "Quad Class",
    e.negated AS "Negated",
    e.modality AS "Modality",
    e.attributed_to AS "Attributed To",
    e.story_id AS "Story Cluster"
FROM events e
LEFT JOIN articles a ON a.id = e.article_id
LEFT JOIN _icews_countries source_country ON source_country.code = e.actor_country
LEFT JOIN _icews_countries target_country ON target_country.code = e.recipient_country
LEFT JOIN _icews_countries location_country ON location_country.code = e.location_country
LEFT JOIN _icews_sectors source_sector ON source_sector.code = e.actor_sector
LEFT JOIN _icews_sectors target_sector ON target_sector.code = e.recipient_sector
ORDER BY e.article_id, e.idx
"""


@lru_cache(maxsize=1)
def _countries() -> pa.Table:
    """ISO 3166 alpha-3 code -> common country name."""
    import pycountry

    codes, names = [], []
    for country in pycountry.countries:
        codes.append(country.alpha_3)
        names.append(getattr(country, "common_name", None) or country.name)
    return pa.table({"code": codes, "name": names})


@lru_cache(maxsize=1)
def _sectors() -> pa.Table:
    """Sector code -> ICEWS-style label, from data/icews_sectors.tsv."""
    text = resources.files(__package__).joinpath("data/icews_sectors.tsv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    return pa.table({"code": [r["code"] for r in rows], "label": [r["label"] for r in rows]})


def _quote_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export(
    store: Store, path: str | Path, *, format: str = "parquet", table: str = "events"
) -> int:
    """Write ``table`` of ``store`` to ``path`` in ``format``; return the rows written.

    Raises ConfigError for an unknown format or table, or a combination that does not
    exist (``results`` is jsonl only, ``icews`` is events only); StoreError when writing
    fails."""
    if format not in EXPORT_FORMATS:
        raise ConfigError(
            f"[E630] Unknown export format {format!r}. Valid formats: {', '.join(EXPORT_FORMATS)}"
        )
    if table not in EXPORT_TABLES:
        raise ConfigError(
            f"[E631] Unknown table {table!r} to export. Valid tables: {', '.join(EXPORT_TABLES)}"
        )
    if table == "results" and format != "jsonl":
        raise ConfigError(
            f"[E632] Table 'results' (whole articles) exports only as jsonl, not {format!r}"
        )
    if format == "icews" and table != "events":
        raise ConfigError(f"[E633] The icews format exports the events table, not {table!r}")
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if table == "results":
            return _export_results(store, target)
        return _copy(store, target, format, table)
    except OSError as e:
        raise StoreError(f"[E634] Cannot write export {target}: {e}") from e


def _export_results(store: Store, path: Path) -> int:
    """One output-contract object per stored article."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for result in store.iter_results():
            out.write(json.dumps(result.to_dict(), ensure_ascii=False))
            out.write("\n")
            written += 1
    return written


def _copy(store: Store, path: Path, format: str, table: str) -> int:
    import duckdb

    cursor = store.connection.cursor()
    try:
        if format == "icews":
            cursor.register("_icews_countries", _countries())
            cursor.register("_icews_sectors", _sectors())
            query = _ICEWS_QUERY
        else:
            query = f"SELECT * FROM {table} ORDER BY {_ORDER[table]}"
        (count,) = cursor.execute(
            f"COPY ({query}) TO {_quote_path(path)} ({_COPY_OPTIONS[format]})"
        ).fetchall()[0]
    except duckdb.Error as e:
        raise StoreError(f"[E635] Export of {table} to {path} ({format}) failed: {e}") from e
    finally:
        cursor.close()
    log.info("exported %d rows of %s to %s (%s)", count, table, path, format)
    return int(count)
