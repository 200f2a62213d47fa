"""Crash safety: a writer killed with SIGKILL at random moments leaves every article either
complete (all its rows and its sources_done row) or absent, never half-written."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsevents.store import ARTICLE_TABLES, Store
from tests.store.factory import make_result
from tests.store.test_db import recomputed_actor_counts, stored_actor_counts

REPO = Path(__file__).resolve().parents[2]
ARTICLES = 300

# The child writes ARTICLES articles (variant given) one transaction each ("single") or in
# batches ("many"), once or, with "loop", over and over (re-writes replace rows) until it is
# killed, so every kill lands mid-write however fast the machine. A tiny checkpoint threshold
# makes DuckDB checkpoint every few commits, so some kills land inside a checkpoint too.
CHILD = """
import itertools, sys
from newsevents.store import Store
from tests.store.factory import make_result
path, variant, mode, count, loop = sys.argv[1], int(sys.argv[2]), *sys.argv[3:6]
store = Store(path)
store.connection.execute("SET checkpoint_threshold = '256KB'").fetchall()
store.write(make_result(0, variant))  # writing has begun before the parent starts its clock
print("ready", flush=True)
for _ in itertools.count() if loop == "loop" else range(1):
    results = (make_result(n, variant) for n in range(int(count)))
    if mode == "single":
        for result in results:
            store.write(result)
    else:
        store.write_many(results, batch_size=8)
store.close()
print("done", flush=True)
"""


def start_writer(path: Path, variant: int, mode: str, *, loop: bool) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(variant), mode, str(ARTICLES),
         "loop" if loop else "once"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = child.stdout.readline()
    assert line.strip() == "ready", child.stderr.read()
    return child


def assert_complete_or_absent(path: Path, variants: list[int]) -> int:
    """Every stored article equals one of the versions written; bookkeeping agrees."""
    with Store(path) as store:
        con = store.connection
        stored = 0
        for result in store.iter_results():
            n = int(result.article.id.split("-")[1])
            assert result in [make_result(n, v) for v in variants], f"{n} is partial"
            stored += 1
        for table in ARTICLE_TABLES:
            orphans = con.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchall()[0][0]
            assert orphans == 0, f"{orphans} rows of {table} without their article"
        done = dict(con.execute(
            "SELECT source, article_id FROM sources_done WHERE status = 'stored'").fetchall())
        sources = dict(con.execute("SELECT source, id FROM articles").fetchall())
        assert done == sources
        assert stored_actor_counts(store) == recomputed_actor_counts(store)
        return stored


@pytest.mark.parametrize("seed", [3])
def test_sigkill_at_random_moments_never_leaves_a_partial_article(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "crash.duckdb"
    Store(path).close()
    variants: list[int] = []
    for variant, mode in enumerate(["single", "many", "single", "many"]):
        variants.append(variant)
        child = start_writer(path, variant, mode, loop=True)
        time.sleep(rng.uniform(0.2, 1.2))
        assert child.poll() is None, child.stderr.read()  # still writing when killed
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
        assert_complete_or_absent(path, variants)
    with Store(path, read_only=True) as store:
        assert store.stats()["tables"]["articles"] > 0, "nothing written before the kills"
    # resume: a run that is not killed ends with every article, in its latest version
    child = start_writer(path, 9, "many", loop=False)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0 and "done" in out, err
    assert assert_complete_or_absent(path, [9]) == ARTICLES
