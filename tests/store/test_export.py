"""Exports: every format can be read back, with the rows the store holds."""
from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from newsevents.errors import ConfigError
from newsevents.store import EXPORT_FORMATS, TABLES, Store, export
from tests.store.factory import make_result

ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Country", "Source Sectors", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Country", "Target Sectors", "Story ID",
    "Sentence", "Publisher", "Location",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "x.duckdb"
    with Store(path) as s:
        s.write_many([make_result(n, variant=n % 3) for n in range(6)])
    with Store(path, read_only=True) as s:  # exports work on a read-only store
        yield s


def count(store: Store, table: str) -> int:
    return store.connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


@pytest.mark.parametrize("table", TABLES)
def test_parquet_round_trip(store, tmp_path, table):
    path = tmp_path / f"{table}.parquet"
    written = export(store, path, format="parquet", table=table)
    read = pq.read_table(path)
    assert written == read.num_rows == count(store, table)
    columns = [c for (c,) in store.connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position", [table]).fetchall()]
    assert read.column_names == columns


@pytest.mark.parametrize("table", ["events", "mentions", "articles", "ingest_log"])
def test_jsonl_table_has_one_row_per_line(store, tmp_path, table):
    path = tmp_path / f"{table}.jsonl"
    written = export(store, path, format="jsonl", table=table)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert written == len(lines) == count(store, table)
    for line in lines:
        assert isinstance(json.loads(line), dict)


def test_jsonl_results_follow_the_output_contract(store, tmp_path):
    path = tmp_path / "results.jsonl"
    assert export(store, path, format="jsonl", table="results") == 6
    objects = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    expected = sorted((make_result(n, variant=n % 3) for n in range(6)),
                      key=lambda r: r.article.id)
    assert objects == [r.to_dict() for r in expected]
    assert set(objects[0]) == {"article", "timexes", "mentions", "quotes", "events"}
    assert objects[0]["events"][0]["actor"]["code"] == "IRQLEG"


def test_csv_round_trip(store, tmp_path):
    path = tmp_path / "events.csv"
    written = export(store, path, format="csv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert written == len(rows) == count(store, "events")
    assert rows[0]["id"] == "art-00000-e0"


def test_icews_tsv(store, tmp_path):
    path = tmp_path / "events.tsv"
    written = export(store, path, format="icews")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert written == len(rows) == count(store, "events")
    assert list(rows[0])[: len(ICEWS_COLUMNS)] == ICEWS_COLUMNS
    by_id = {row["Event ID"]: row for row in rows}
    # art-00000, event 0: Iraqi parliament (IRQ LEG) -> US military (USA MIL)
    first = by_id["art-00000-e0"]
    assert first["Source Name"] == "Iraqi parliament"
    assert first["Source Country"] == "Iraq"
    assert first["Source Sectors"] == "Legislative / Parliamentary"
    assert first["Target Country"] == "United States"
    assert first["Event Text"] == "ACCUSE"
    assert first["Story ID"] == "art-00000"
    assert first["Publisher"] == "Example News"
    # date "2021-07-26" names one day -> that day
    assert first["Date Value"] == "2021-07-26" and first["Event Date"] == "2021-07-26"
    # a month-level date falls back to the publication date of the story
    month = by_id["art-00000-e1"]
    assert month["Date Value"] == "2021-07" and month["Event Date"] == "2021-08-01"
    assert month["Event Text"] == "ASSAULT (assassination)"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"format": "xml"}, "parquet, jsonl, csv, icews"),
        ({"table": "nope"}, "events"),
        ({"format": "parquet", "table": "results"}, "jsonl"),
        ({"format": "icews", "table": "mentions"}, "events"),
    ],
)
def test_bad_format_or_table_names_the_options(store, tmp_path, kwargs, message):
    with pytest.raises(ConfigError, match=message):
        export(store, tmp_path / "out", **kwargs)
    assert not (tmp_path / "out").exists()


def test_export_of_an_empty_store(tmp_path):
    with Store(tmp_path / "empty.duckdb") as store:
        for fmt in EXPORT_FORMATS:
            assert export(store, tmp_path / f"e.{fmt}", format=fmt) == 0
        assert export(store, tmp_path / "r.jsonl", format="jsonl", table="results") == 0
        assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
