"""The DuckDB store: round trips, idempotent re-writes, replacement, migrations, errors,
rejections and the resumable-run bookkeeping."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
import time

import duckdb
import pytest

from newsevents.errors import StoreError
from newsevents.records import Article, Event, Rejection, Result, Span
from newsevents.store import TABLES, Store
from tests.store.factory import make_result


def table_counts(store: Store) -> dict[str, int]:
    return {t: store.connection.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in TABLES}


def recomputed_actor_counts(store: Store) -> dict[str, tuple[int, int]]:
    """Actor counts computed from scratch from mentions and events."""
    rows = store.connection.execute(
        """
        WITH m AS (SELECT actor_id AS id, count(*) AS n FROM mentions
                   WHERE actor_id IS NOT NULL GROUP BY 1),
             e AS (SELECT a AS id, count(*) AS n FROM (
                       SELECT id, actor_id AS a FROM events UNION
                       SELECT id, recipient_id FROM events) WHERE a IS NOT NULL GROUP BY 1)
        SELECT coalesce(m.id, e.id), coalesce(m.n, 0), coalesce(e.n, 0)
        FROM m FULL OUTER JOIN e ON m.id = e.id
        """
    ).fetchall()
    return {actor: (m, e) for actor, m, e in rows}


def stored_actor_counts(store: Store) -> dict[str, tuple[int, int]]:
    rows = store.connection.execute(
        "SELECT id, mention_count, event_count FROM actors"
    ).fetchall()
    return {actor: (m, e) for actor, m, e in rows}


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def minimal_result(article_id: str = "bare") -> Result:
    return Result(Article(id=article_id, text="Nothing happened here today."))


@pytest.mark.parametrize(
    "result",
    [
        make_result(1),
        make_result(2, variant=1),
        make_result(3, variant=2, mentions=0, events=0),
        minimal_result(),
    ],
    ids=["full", "variant1", "no-mentions-events", "bare-article"],
)
def test_round_trip_rebuilds_the_same_result(store, result):
    store.write(result)
    assert store.read_result(result.article.id) == result
    assert store.has_article(result.article.id)


def test_read_result_of_unknown_article_is_none(store):
    assert store.read_result("never-stored") is None
    assert not store.has_article("never-stored")


def test_rewriting_the_same_result_adds_no_rows(store):
    results = [make_result(n) for n in range(5)]
    for result in results:
        store.write(result)
    before = table_counts(store)
    actors_before = stored_actor_counts(store)
    for result in results:
        store.write(result)
    assert table_counts(store) == before
    assert stored_actor_counts(store) == actors_before == recomputed_actor_counts(store)


def test_changed_result_replaces_every_row(store):
    for n in range(3):
        store.write(make_result(n))
    changed = make_result(1, variant=2, mentions=4, events=1)
    store.write(changed)
    assert store.read_result("art-00001") == changed
    rows = store.connection.execute(
        "SELECT count(*) FROM mentions WHERE article_id = 'art-00001'"
    ).fetchall()[0][0]
    assert rows == len(changed.mentions)
    assert stored_actor_counts(store) == recomputed_actor_counts(store)
    # the other articles are untouched
    assert store.read_result("art-00000") == make_result(0)


def test_actor_no_longer_referenced_is_dropped(store):
    store.write(make_result(0, mentions=1, events=0))
    (actor_id,) = {m.actor.id for m in make_result(0, mentions=1, events=0).mentions}
    assert actor_id in stored_actor_counts(store)
    store.write(minimal_result("art-00000"))
    assert stored_actor_counts(store) == {}


def test_write_many_batches_and_last_result_of_an_article_wins(store):
    results = [make_result(n) for n in range(10)] + [make_result(3, variant=1)]
    assert store.write_many(iter(results), batch_size=4) == 11
    assert store.read_result("art-00003") == make_result(3, variant=1)
    assert table_counts(store)["articles"] == 10
    assert store.done_sources() == {r.article.source for r in results}
    assert stored_actor_counts(store) == recomputed_actor_counts(store)


def test_write_many_logs_an_unstorable_article_and_stores_the_rest(store):
    good = [make_result(n) for n in range(3)]
    # an event id already used by another article violates events' primary key
    clash = make_result(7)
    clash.events[0] = dataclasses.replace(clash.events[0], id=good[1].events[0].id)
    assert store.write_many([good[0], good[1], clash, good[2]], batch_size=10) == 3
    assert not store.has_article("art-00007")
    assert {r.article.id for r in store.iter_results()} == {r.article.id for r in good}
    log = store.connection.execute("SELECT source, reason FROM ingest_log").fetchall()
    assert log == [(clash.article.source, "store_error")]


def test_write_of_an_unstorable_article_raises_and_leaves_nothing(store):
    result = make_result(1)
    twice = Event(**{f.name: getattr(result.events[0], f.name)
                     for f in dataclasses.fields(Event)})
    result.events.append(twice)  # same event id twice in one article
    with pytest.raises(StoreError, match="art-00001"):
        store.write(result)
    assert table_counts(store) == {t: 0 for t in TABLES}


def test_write_many_signature_is_stored(store):
    store.write_many([make_result(1)], signature=lambda article: ("abc", b"\x01\x02"))
    assert list(store.signatures()) == [("art-00001", "abc", b"\x01\x02")]


def test_write_without_signature_stores_the_content_hash(store):
    from newsevents.ingest.dedup import content_hash

    result = make_result(1)
    store.write(result)
    assert list(store.signatures()) == [("art-00001", content_hash(result.article.text), None)]


def test_iter_results_yields_every_article_in_id_order(store):
    results = [make_result(n) for n in (5, 1, 3)]
    store.write_many(results)
    assert list(store.iter_results(chunk_size=2)) == sorted(results, key=lambda r: r.article.id)


def test_event_date_range_is_stored(store):
    store.write(make_result(0))
    rows = {
        value: (start, end) for value, start, end in store.connection.execute(
            "SELECT date, date_start::VARCHAR, date_end::VARCHAR FROM events").fetchall()
    }
    assert rows["2021-07"] == ("2021-07-01", "2021-07-31")
    assert rows.get("PAST_REF", (None, None)) == (None, None)


def test_rejection_is_upserted_per_source_and_reason(store):
    first = Rejection("feed/a.html", "not_english", "language fr", article_id="a")
    store.log_rejection(first)
    store.log_rejection(dataclasses.replace(first, message="language fr (0.99)"))
    store.log_rejection(Rejection("feed/a.html", "too_short", "12 characters"))
    rows = store.connection.execute(
        "SELECT source, reason, message FROM ingest_log ORDER BY reason"
    ).fetchall()
    assert rows == [
        ("feed/a.html", "not_english", "language fr (0.99)"),
        ("feed/a.html", "too_short", "12 characters"),
    ]
    assert store.is_done("feed/a.html")
    assert store.done_sources(status="rejected") == {"feed/a.html"}
    assert store.done_sources(status="stored") == set()


def test_duplicate_rejection_keeps_its_original(store):
    store.log_rejection(Rejection("b.txt", "duplicate", "same text", "b", duplicate_of="a"))
    assert store.connection.execute(
        "SELECT article_id, duplicate_of FROM ingest_log"
    ).fetchall() == [("b", "a")]


def test_storing_a_rejected_source_clears_its_rejection(store):
    result = make_result(4)
    store.log_rejection(Rejection(result.article.source, "processing_error", "boom"))
    store.write(result)
    assert table_counts(store)["ingest_log"] == 0
    assert store.done_sources(status="stored") == {result.article.source}


@pytest.mark.parametrize(
    "source, done",
    [("corpus/story_00001.txt", True), ("corpus/story_00002.txt", False), ("", False)],
)
def test_is_done(store, source, done):
    store.write(make_result(1))
    assert store.is_done(source) is done


def test_article_without_source_is_done_under_its_id(store):
    store.write(minimal_result("no-source"))
    assert store.is_done("no-source")


def test_seen_urls_include_stored_and_rejected_pages(store):
    store.write(make_result(1))
    store.log_rejection(Rejection("https://news.example.org/fr", "not_english", "fr"))
    store.log_rejection(Rejection("local/file.txt", "empty", "empty"))
    assert store.seen_urls() == {"https://news.example.org/1", "https://news.example.org/fr"}


def test_stats(store):
    store.write_many([make_result(n) for n in range(3)])
    store.log_rejection(Rejection("x", "empty", "no text"))
    stats = store.stats()
    assert stats["schema_version"] == 1
    assert stats["tables"]["articles"] == 3
    assert stats["tables"]["sources_done"] == 4
    assert sum(stats["events_by_type"].values()) == stats["tables"]["events"]
    assert stats["rejections_by_reason"] == {"empty": 1}
    assert stats["sources_by_status"] == {"rejected": 1, "stored": 3}
    assert stats["date_range"]["published_first"] == "2021-08-01"


def test_stats_of_an_empty_store(store):
    stats = store.stats()
    assert set(stats["tables"].values()) == {0}
    assert stats["events_by_type"] == {} and stats["date_range"]["events_first"] is None


# -- opening, migrations, errors -----------------------------------------------------------


def test_reopening_applies_no_migration_twice_and_keeps_data(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write(make_result(1))
    for _ in range(2):
        with Store(path) as store:
            assert store.schema_version() == 1
            assert store.connection.execute(
                "SELECT count(*) FROM schema_migrations").fetchall() == [(1,)]
            assert store.read_result("art-00001") == make_result(1)


def test_store_creates_missing_folders(tmp_path):
    with Store(tmp_path / "a" / "b" / "s.duckdb") as store:
        assert store.schema_version() == 1


def test_memory_store(tmp_path):
    with Store(":memory:") as store:
        store.write(make_result(1))
        assert store.read_result("art-00001") == make_result(1)


def test_future_schema_version_is_refused(tmp_path):
    path = tmp_path / "future.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO schema_migrations VALUES (99, now())")
    with pytest.raises(StoreError, match=r"(?s)future\.duckdb.*99"):
        Store(path)


def test_not_a_duckdb_file_is_refused(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database\n" * 500)
    with pytest.raises(StoreError, match="junk.duckdb"):
        Store(path)


def test_foreign_duckdb_file_read_only_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE something (x INTEGER)")
    with pytest.raises(StoreError, match="not a newsevents store"):
        Store(path, read_only=True)


def test_read_only_store_refuses_writes(tmp_path):
    path = tmp_path / "ro.duckdb"
    with Store(path) as store:
        store.write(make_result(1))
    with Store(path, read_only=True) as store:
        assert store.read_result("art-00001") == make_result(1)
        with pytest.raises(StoreError, match="read-only"):
            store.write(make_result(2))
        with pytest.raises(StoreError, match="read-only"):
            store.log_rejection(Rejection("x", "empty", "no text"))


def test_missing_file_read_only_is_refused(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_store_locked_by_another_process_is_refused(tmp_path):
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         ("import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('open', flush=True); "
         "sys.stdin.read()"), str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match=r"(?s)locked\.duckdb.*another process"):
            Store(path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_write_throughput_is_reported(store, record_property):
    """Not a benchmark gate (CI machines are shared): records articles/s of write_many for
    Results with 20 mentions and 5 events so regressions are visible in the test report."""
    results = [make_result(n) for n in range(300)]
    started = time.perf_counter()
    store.write_many(results)
    per_second = len(results) / (time.perf_counter() - started)
    record_property("write_many_articles_per_second", round(per_second))
    assert table_counts(store)["articles"] == 300


def test_span_offsets_survive(store):
    result = make_result(1)
    result.events[0] = dataclasses.replace(result.events[0], trigger=Span(0, 0, ""))
    store.write(result)
    assert store.read_result("art-00001").events[0].trigger == Span(0, 0, "")


@pytest.mark.parametrize("limit, expected_bytes", [("64MB", 64e6), ("1GB", 1e9), ("512MiB", 2**29)])
def test_memory_limit_comes_from_config(tmp_path, limit, expected_bytes):
    from newsevents.config import load_config

    cfg = load_config(store={"memory_limit": limit})
    with Store(tmp_path / "s.duckdb", config=cfg) as store:
        (value,) = store.connection.execute(
            "SELECT current_setting('memory_limit')").fetchone()
    number, unit = value.split()  # DuckDB reports binary units: "61.0 MiB" for 64MB
    reported = float(number) * {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30}[unit]
    assert reported == pytest.approx(expected_bytes, rel=0.01)


@pytest.mark.parametrize("limit", ["lots", "64", "-1GB", "1 parsec"])
def test_bad_memory_limit_is_a_clear_error(tmp_path, limit):
    from newsevents.config import load_config

    cfg = load_config(store={"memory_limit": limit})
    with pytest.raises(StoreError, match=f"memory_limit.*{limit!r}"):
        Store(tmp_path / "s.duckdb", config=cfg)
