"""Units, Parquet inputs and shard import: everything of the Ray runner that needs no Ray."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsevents.config import load_config
from newsevents.errors import ConfigError, InputError, NewsEventsError
from newsevents.ingest import read_inputs
from newsevents.records import Article, Event, Rejection, Result, Span
from newsevents.scale import import_shards, plan_units, read_unit, run_ray
from newsevents.scale.shards import item_row, outcome_row, rows_table
from newsevents.store import Store

CONFIG = load_config()

STORIES = [
    "Officials from both countries met in the capital on Monday to discuss the border. "
    "They agreed to meet again next month after what both sides called useful talks.",
    "Police dispersed a crowd outside the parliament building late on Tuesday evening. "
    "Witnesses said several people were detained and later released without charge.",
    "The ministry denied reports that it had cut funding to regional hospitals this year. "
    "A spokeswoman said the budget for the health service would grow, not shrink.",
    "Aid trucks crossed into the northern province on Wednesday for the first time in weeks. "
    "The convoy carried food, water and medicine for about twenty thousand people.",
]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def _keys(items) -> list[tuple[str, str, str | None]]:
    return [(i.source, type(i).__name__, i.id if isinstance(i, Article) else i.reason)
            for i in items]


# -- units --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({"a.txt": STORIES[0], "b.txt": STORIES[1]}, id="flat"),
        pytest.param({"z/a.txt": STORIES[0], "a/b.txt": STORIES[1], ".hidden/c.txt": STORIES[2],
                      ".d.txt": STORIES[3]}, id="nested-and-hidden"),
        pytest.param({"a.txt": STORIES[0], "a.meta.json": '{"id": "given-a", "title": "T"}',
                      "b.txt": STORIES[1], "b.json": '{"id": "given-b"}'}, id="sidecars"),
        pytest.param({"one/story.txt": STORIES[0], "one/meta.json": '{"id": "folder-meta"}'},
                     id="folder-meta"),
        pytest.param({"w.jsonl": _jsonl({"id": "j1", "text": STORIES[2]}, {"id": "j2"}),
                      "x.txt": STORIES[3], "empty.txt": ""}, id="jsonl-and-rejections"),
        pytest.param({}, id="empty-folder"),
    ],
)
def test_units_read_like_read_inputs(tmp_path, files):
    _write(tmp_path, files)
    whole = _keys(read_inputs([tmp_path], config=CONFIG))
    by_unit = _keys(item for unit in plan_units([tmp_path]) for item in read_unit(unit, CONFIG))
    assert by_unit == whole


@pytest.mark.parametrize(
    "sources, expected",
    [
        (["-"], ["-"]),
        (["https://example.org/a"], ["https://example.org/a"]),
        (["missing/file.txt"], ["missing/file.txt"]),
        ([], []),
    ],
)
def test_units_keep_non_folders_as_given(sources, expected):
    assert plan_units(sources) == expected


# -- Parquet inputs -----------------------------------------------------------------------


def test_parquet_rows_become_articles_and_rejections(tmp_path):
    import datetime as dt

    path = tmp_path / "in.parquet"
    table = pa.table({
        "id": ["p1", "p2", "p3"],
        "text": [STORIES[0], None, "Too short."],
        "published": [dt.date(2021, 8, 14), None, None],
    })
    pq.write_table(table, path)
    items = list(read_unit(str(path), CONFIG))
    assert _keys(items) == [
        (f"{path}#R1", "Article", "p1"),
        (f"{path}#R2", "Rejection", "bad_record"),
        (f"{path}#R3", "Rejection", "too_short"),
    ]
    assert items[0].published == "2021-08-14"


def test_unreadable_parquet_is_one_rejection(tmp_path):
    path = tmp_path / "junk.parquet"
    path.write_bytes(b"not parquet at all")
    (item,) = read_unit(str(path), CONFIG)
    assert isinstance(item, Rejection) and item.reason == "unreadable" and "[E800]" in item.message


# -- import -------------------------------------------------------------------------------


def _result(n: int, text: str) -> Result:
    article = Article(id=f"a{n}", text=text, published="2021-08-14", language="en",
                      source=f"corpus.jsonl#L{n}")
    event = Event(id=f"a{n}-e1", type="CONSULT", mode=None, cameo="040", actor=None,
                  recipient=None, date="2021-08-14", date_text="Monday", location=None,
                  negated=False, modality="asserted", attributed_to=None,
                  sentence=Span(0, 10, text[:10]), trigger=Span(0, 4, text[:4]),
                  confidence=0.7)
    return Result(article=article, events=[event])


def _shard_rows() -> list[dict]:
    """Rows as a Ray run writes them: results, a read rejection, an exact duplicate (a4
    repeats a0's text, read later), and a leftover ``article`` row that import ignores."""
    rows = []
    for n, text in enumerate(STORIES[:3]):
        article_row = item_row(0, n, _result(n, text).article)
        rows.append(outcome_row(article_row, _result(n, text)))
    rows.append(item_row(0, 3, Rejection("corpus.jsonl#L3", "bad_json", "[E329] not JSON")))
    dup = _result(4, STORIES[0])
    rows.append(outcome_row(item_row(0, 4, dup.article), dup))
    rows.append(item_row(1, 0, _result(5, STORIES[3]).article))
    return rows


def _write_shards(folder: Path, rows: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # Out of input order across files: import must sort them back.
    pq.write_table(rows_table(rows[3:]), folder / "part-0.parquet")
    pq.write_table(rows_table(rows[:3]), folder / "part-1.parquet")


def _contents(store: Store) -> dict:
    con = store.connection
    return {
        "articles": sorted(r[0] for r in con.execute("SELECT id FROM articles").fetchall()),
        "events": con.execute("SELECT count(*) FROM events").fetchall()[0][0],
        "log": sorted(con.execute("SELECT source, reason FROM ingest_log").fetchall()),
        "done": sorted(con.execute("SELECT source, status FROM sources_done").fetchall()),
    }


def test_import_writes_results_and_rejections_once(tmp_path):
    _write_shards(tmp_path / "shards", _shard_rows())
    with Store(tmp_path / "db.duckdb") as store:
        first = import_shards(tmp_path / "shards", store)
        after_first = _contents(store)
        second = import_shards(tmp_path / "shards", store)
        forced = import_shards(tmp_path / "shards", store, force=True)
        assert _contents(store) == after_first
        stored = store.read_result("a1")
    assert (first.stored, dict(first.rejected)) == (3, {"bad_json": 1, "duplicate": 1})
    assert (second.stored, second.skipped) == (0, 5)
    assert forced.stored == 3
    assert after_first == {
        "articles": ["a0", "a1", "a2"],
        "events": 3,
        "log": [("corpus.jsonl#L3", "bad_json"), ("corpus.jsonl#L4", "duplicate")],
        "done": [("corpus.jsonl#L0", "stored"), ("corpus.jsonl#L1", "stored"),
                 ("corpus.jsonl#L2", "stored"), ("corpus.jsonl#L3", "rejected"),
                 ("corpus.jsonl#L4", "rejected")],
    }
    # Imported as written, plus the cross-article story link the import computes.
    assert stored.events[0].story_id is not None
    stored.events[0].story_id = None
    assert stored.to_dict() == _result(1, STORIES[1]).to_dict()


def test_import_keeps_the_earlier_of_two_duplicates(tmp_path):
    # Same rows, but the duplicate text is read first (unit 0) and the original later.
    rows = _shard_rows()
    rows[0]["unit"], rows[4]["unit"] = 2, 0
    _write_shards(tmp_path / "shards", rows)
    with Store(":memory:") as store:
        import_shards(tmp_path / "shards", store)
        assert _contents(store)["articles"] == ["a1", "a2", "a4"]


@pytest.mark.parametrize(
    "layout, code",
    [
        ("missing", "[E802]"),
        ("empty", "[E803]"),
        ("not-parquet", "[E804]"),
        ("other-columns", "[E805]"),
    ],
)
def test_import_rejects_what_is_not_shards(tmp_path, layout, code):
    folder = tmp_path / "shards"
    if layout != "missing":
        folder.mkdir()
    if layout == "not-parquet":
        (folder / "x.parquet").write_text("junk")
    if layout == "other-columns":
        pq.write_table(pa.table({"id": ["a"], "text": ["b"]}), folder / "x.parquet")
    with Store(":memory:") as store, pytest.raises(InputError) as caught:
        import_shards(folder, store)
    assert code in str(caught.value) and "shards" in str(caught.value)


# -- run_ray's checks before Ray ----------------------------------------------------------


def test_run_ray_refuses_a_folder_with_shards(tmp_path):
    _write_shards(tmp_path / "out", _shard_rows())
    with pytest.raises(ConfigError, match=r"\[E814\].*newsevents import"):
        run_ray(["examples/"], tmp_path / "out")


@pytest.mark.parametrize(
    "workers, overrides, pattern",
    [
        (-1, {}, r"\[E811\].*-1"),
        (None, {"workers": -2}, r"\[E811\].*-2"),
        (1, {"batch_size": 0}, r"\[E812\].*batch_size.*0"),
    ],
)
def test_run_ray_refuses_bad_settings(tmp_path, workers, overrides, pattern):
    config = load_config(scale=overrides)
    with pytest.raises(ConfigError, match=pattern):
        run_ray(["examples/"], tmp_path / "out", workers=workers, config=config)


def test_run_ray_without_ray_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(NewsEventsError, match=r"\[E810\].*newsevents\[ray\]"):
        run_ray(["examples/"], tmp_path / "out")
