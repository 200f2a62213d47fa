"""Latency of the explorer API on a store of at least 100,000 events.

The store is made by processing real inputs once (examples/ by default, or the first
``--shared-articles`` articles of the shared CNN corpus) and replicating those rows with
new ids inside DuckDB until the events table holds ``--events`` rows; each copy is moved
forward in time (``--spread-days``), so dates cover years and aggregates have many buckets.
Requests then go through the whole app in-process (FastAPI TestClient: routing, parameter
checks, SQL, JSON), each repeated ``--repeats`` times after a warm-up; medians and 90th
percentiles are printed and written to bench/results/api.json.

    python -m bench.api                                  # examples/ replicated to 100k
    python -m bench.api --shared ../shared --shared-articles 30 --events 200000

Targets (issue 7): /api/events with a typical filter < 100 ms median, /api/aggregates
< 300 ms median, on the 2-core reference machine.
"""
from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS_MS = {"events": 100.0, "aggregates": 300.0}

# Columns that carry an article or event id, per table: rewritten with the copy number.
_ID_COLUMNS = {
    "articles": ("id",),
    "events": ("id", "article_id"),
    "quotes": ("article_id",),
    "mentions": ("article_id",),
    "timexes": ("article_id",),
}


def _base_store(path: Path, sources: list[str]) -> None:
    from newsevents.runner import run_sources
    from newsevents.store import Store

    with Store(path) as store:
        summary = run_sources(sources, store)
    if not summary.events:
        sys.exit(f"processing {sources} gave no events; nothing to replicate")


def _shared_sample(shared: Path, n: int, folder: Path) -> str:
    corpus = shared / "corpora" / "cnn_lite_2026" / "cnn_lite_2026.jsonl"
    sample = folder / "cnn_sample.jsonl"
    with corpus.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i >= n:
                break
            record = json.loads(line)
            record["published"] = record.get("pub_date")
            out.write(json.dumps(record) + "\n")
    return str(sample)


def replicate(path: Path, *, events: int, spread_days: int) -> dict[str, int]:
    """Copy every article (and its rows) until the store holds at least ``events`` events.
    Copy n gets ids ``<id>~n`` and dates moved ``(n * 7) % spread_days`` days later."""
    import duckdb

    con = duckdb.connect(str(path))
    base = con.execute("SELECT count(*) FROM events").fetchone()[0]
    copies = max(0, math.ceil(events / base) - 1)
    shift = f"(r.n * 7) % {int(spread_days)}"
    for table, id_columns in _ID_COLUMNS.items():
        columns = [c for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall()]
        select = []
        for c in columns:
            quoted = f'"{c}"'
            if c in id_columns:
                select.append(f"{quoted} || '~' || r.n")
            elif c in ("published", "date_start", "date_end"):
                select.append(f"CAST({quoted} + to_days(CAST({shift} AS INTEGER)) AS DATE)")
            elif table == "articles" and c == "url":
                select.append(f"{quoted} || '#' || r.n")
            elif table == "articles" and c == "source":
                select.append(f"{quoted} || '~' || r.n")
            else:
                select.append(quoted)
        con.execute(
            f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in columns)}) "
            f"SELECT {', '.join(select)} FROM {table}, range(1, ?) r(n) "
            f"WHERE NOT contains({table}.{id_columns[0]}, '~')",
            [copies + 1],
        )
    con.execute("UPDATE actors SET event_count = event_count * ?, "
                "mention_count = mention_count * ?", [copies + 1, copies + 1])
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _ID_COLUMNS}
    con.execute("CHECKPOINT")
    con.close()
    return counts


def _typical(con) -> dict[str, str]:
    """A typical filter: the commonest (type, country) pair, over the middle half of days."""
    row = con.execute(
        "SELECT type, c FROM (SELECT type, actor_country AS c FROM events UNION ALL "
        "SELECT type, recipient_country FROM events) WHERE c IS NOT NULL "
        "GROUP BY ALL ORDER BY count(*) DESC, type, c LIMIT 1").fetchone()
    if row is None:  # no countries coded at all
        row = con.execute("SELECT type, 'USA' FROM events GROUP BY type "
                          "ORDER BY count(*) DESC LIMIT 1").fetchone()
    # The middle half of the event days (coded dates reach far back, so min..max would not
    # be a typical window).
    first, last = con.execute(
        "SELECT quantile_disc(d, 0.25), quantile_disc(d, 0.75) FROM (SELECT "
        "COALESCE(e.date_start, a.published) AS d FROM events e "
        "LEFT JOIN articles a ON a.id = e.article_id) WHERE d IS NOT NULL").fetchone()
    return {"type": row[0], "country": row[1], "start": first.isoformat(),
            "end": last.isoformat()}


def measure(path: Path, *, repeats: int) -> list[dict]:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    app = create_app(path)
    client = TestClient(app)
    with app.state.newsevents.db.cursor() as cur:
        t = _typical(cur)
    deep = None
    for _ in range(100):  # the cursor of page 101 (50 per page)
        body = client.get("/api/events", params={"cursor": deep} if deep else {}).json()
        deep = body["next_cursor"]
    requests = [
        ("events", "/api/events (first page, no filter)", {}),
        ("events", "/api/events typical: type+country+middle half of days",
         {"type": t["type"], "country": t["country"], "start": t["start"], "end": t["end"]}),
        ("events", "/api/events type+country, sort by confidence",
         {"type": t["type"], "country": t["country"], "sort": "-confidence"}),
        ("events", "/api/events q=<word> (text search)", {"q": "minister"}),
        ("events", "/api/events page 101 (cursor)", {"cursor": deep}),
        ("aggregates", "/api/aggregates by=type, month (all events)",
         {"by": "type", "interval": "month"}),
        ("aggregates", "/api/aggregates by=quad_class, week, country, middle half",
         {"by": "quad_class", "interval": "week", "country": t["country"],
          "start": t["start"], "end": t["end"]}),
        ("aggregates", "/api/aggregates by=dyad, day, top 20, middle half of days",
         {"by": "dyad", "interval": "day", "top": "20", "start": t["start"],
          "end": t["end"]}),
        ("other", "/api/articles (first page)", {}),
        ("other", "/api/quotes (first page)", {}),
        ("other", "/api/export csv of the typical filter",
         {"format": "csv", "type": t["type"], "country": t["country"], "start": t["start"],
          "end": t["end"]}),
    ]
    rows = []
    for kind, label, params in requests:
        url = label.split()[0]
        for _ in range(3):  # warm-up
            client.get(url, params=params)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(url, params=params)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
        body = response.json() if not url.endswith("export") else None
        rows.append({
            "kind": kind, "request": label, "params": params,
            "median_ms": round(statistics.median(times), 2),
            "p90_ms": round(statistics.quantiles(times, n=10)[-1], 2),
            "matching": body.get("total") if isinstance(body, dict) else None,
            "target_ms": TARGETS_MS.get(kind),
        })
    client.close()
    return rows


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--spread-days", type=int, default=3 * 365)
    parser.add_argument("--shared", type=Path, default=None,
                        help="the shared folder: base the store on its CNN corpus")
    parser.add_argument("--shared-articles", type=int, default=30)
    parser.add_argument("--db", type=Path, default=None, help="keep the store here")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "api.json")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="newsevents-bench-api-") as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        if path.exists():
            path.unlink()
        if args.shared:
            sources = [_shared_sample(args.shared, args.shared_articles, Path(tmp))]
        else:
            sources = [str(REPO / "examples")]
        started = time.perf_counter()
        _base_store(path, sources)
        processed = time.perf_counter() - started
        started = time.perf_counter()
        counts = replicate(path, events=args.events, spread_days=args.spread_days)
        replicated = time.perf_counter() - started
        print(f"store: {counts} (processed {sources} in {processed:.1f} s, "
              f"replicated in {replicated:.1f} s)", flush=True)
        load_before = _load()
        rows = measure(path, repeats=args.repeats)
        load_after = _load()

    width = max(len(r["request"]) for r in rows)
    print(f"\n{'request'.ljust(width)}  median ms   p90 ms   target   matching")
    for r in rows:
        target = f"< {r['target_ms']:.0f}" if r["target_ms"] else ""
        flag = "" if not r["target_ms"] or r["median_ms"] < r["target_ms"] else "  OVER"
        print(f"{r['request'].ljust(width)}  {r['median_ms']:9.1f}  {r['p90_ms']:7.1f}  "
              f"{target:>6}   {r['matching'] if r['matching'] is not None else '':>8}{flag}")
    print(f"load average (1 min) before/after: {load_before} / {load_after} "
          f"on {_cpus()} CPUs")
    result = {"store": counts, "sources": sources, "repeats": args.repeats,
              "machine": {"python": platform.python_version(), "cpus": _cpus(),
                          "platform": platform.platform(),
                          "load_average_1min": [load_before, load_after]},
              "requests": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    print(f"\nwritten to {args.out}")
    return result


def _load() -> float | None:
    """The 1-minute load average: other work on the machine inflates latencies."""
    import os

    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    main()
