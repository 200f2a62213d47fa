"""The Ray runner on a local Ray: the same records as the single-process run, and an
import that stores what a single-process run stores.

Skipped when Ray is not installed (``pip install 'newsevents[ray]'``).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.dataset as pads
import pytest

ray = pytest.importorskip(
    "ray", reason="the Ray runner tests need Ray Data: pip install 'newsevents[ray]'"
)

# Ray's own DataContext copies its deprecated settings; nothing of ours to fix there.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")

from newsevents.config import load_config  # noqa: E402
from newsevents.ingest import read_inputs  # noqa: E402
from newsevents.pipeline import process  # noqa: E402
from newsevents.records import Article  # noqa: E402
from newsevents.runner import run_sources  # noqa: E402
from newsevents.scale import import_shards, run_ray  # noqa: E402
from newsevents.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[2]

# Written for this test: wire-style briefs, one of them sent twice, and two bad lines.
TALKS = {"id": "brief-1", "published": "2024-03-05", "title": "Talks resume",
         "text": "Negotiators from Armenia and Azerbaijan resumed talks in Geneva on Tuesday. "
                 "The foreign ministers said they hoped to sign a peace agreement by the "
                 "summer."}
BRIEFS = [
    TALKS,
    {"id": "brief-2", "published": "2024-03-06",
     "text": "Police in Nairobi arrested twelve protesters outside parliament on Wednesday, "
             "a police spokesman said. The protesters had demanded lower fuel prices."},
    {"id": "brief-3", "published": "2024-03-07",
     "text": "The European Union imposed new sanctions on Iran on Thursday over its "
             "support for armed groups in the region, the council said in a statement."},
    dict(TALKS, id="brief-1-resent"),  # the same story sent again
    {"id": "brief-5", "published": "2024-03-08",
     "text": "Japan's defence minister warned on Friday that North Korea could launch "
             "another missile within days, and said Tokyo would respond with its allies."},
]


@pytest.fixture(scope="module")
def local_ray():
    # Three logical CPUs on this 2-core machine: each of the two workers holds one, and
    # the reading and writing tasks need a share beside them.
    ray.init(num_cpus=3, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    root = tmp_path_factory.mktemp("corpus")
    lines = [json.dumps(b) for b in BRIEFS] + ["{not json", json.dumps({"id": "no-text"})]
    (root / "briefs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("01_border_talks.txt", "03_protest_police.html", "07_wire_brief.jsonl"):
        shutil.copy(REPO / "examples" / name, root / name)
    return [str(root)]


@pytest.fixture(scope="module")
def config():
    # Batches of two articles, so that the corpus spreads over both workers in many blocks.
    return load_config(scale={"batch_size": 2})


@pytest.fixture(scope="module")
def shards(local_ray, corpus, config, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ray") / "shards"
    summary = run_ray(corpus, out, workers=2, config=config)
    assert summary.workers == 2 and summary.shards >= 1
    assert summary.articles == 9  # every article, duplicates too (they drop at import)
    assert dict(summary.rejected) == {"bad_json": 1, "bad_record": 1}
    return out


def _shard_records(out: Path, kind: str) -> set[str]:
    table = pads.dataset(str(out), format="parquet").to_table()
    return {
        json.dumps(json.loads(r["record"]), sort_keys=True)
        for r in table.to_pylist() if r["kind"] == kind
    }


def test_shards_hold_the_results_of_the_single_process_pipeline(shards, corpus, config):
    articles = (i for i in read_inputs(corpus, config=config) if isinstance(i, Article))
    expected = {json.dumps(r.to_dict(), sort_keys=True) for r in process(articles, config=config)}
    got = _shard_records(shards, "result")
    assert len(got) == 9
    assert got == expected


def _store_contents(store: Store) -> dict:
    con = store.connection
    ids = [i for (i,) in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    return {
        "results": {i: store.read_result(i).to_dict() for i in ids},
        "log": sorted(con.execute("SELECT source, reason, article_id, duplicate_of "
                                  "FROM ingest_log").fetchall()),
        "done": sorted(con.execute("SELECT source, article_id, status FROM sources_done")
                       .fetchall()),
        "actors": sorted(con.execute("SELECT id, mention_count, event_count FROM actors")
                         .fetchall()),
    }


def test_import_stores_what_a_single_process_run_stores(shards, corpus, config, tmp_path):
    with Store(tmp_path / "single.duckdb", config=config) as store:
        run_sources(corpus, store, config=config)
        single = _store_contents(store)
    with Store(tmp_path / "ray.duckdb", config=config) as store:
        first = import_shards(shards, store, config=config)
        again = import_shards(shards, store, config=config)
        imported = _store_contents(store)
    assert imported == single
    assert len(single["results"]) == 8  # 9 articles less the one sent twice
    assert {r for (_, r, *_) in single["log"]} == {"bad_json", "bad_record", "duplicate"}
    assert (first.stored, again.stored, again.skipped) == (8, 0, 11)
