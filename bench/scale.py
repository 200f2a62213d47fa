"""Scale benchmarks, in one run: the Ray runner with 1 and 2 workers (and the single-process
pipeline on the same input, for reference), then the peak memory of a single-process run
into a store for a small and a 10x larger corpus.

    python -m bench.scale --shared ../shared
    python -m bench.scale --shared ../shared --ray-limit reuters=1000,cnn=200 --memory 2000,20000

Each measurement runs in a fresh subprocess, so that its peak memory (``ru_maxrss``) is its
own and a Ray it starts is its own. Ray configurations run ``--repeats`` times, in
alternating order, and the median is reported (the machine may be shared: compare 1 and 2
workers only within one run).

Ray: the articles are written to one JSON Lines file, ``run_ray`` reads it (so reading,
repartitioning, the actor pool and the Parquet writing are all timed), with a local Ray
started before the clock starts; the time includes starting the actors and loading one
model in each, as a real run pays it. The shards are then imported into a new store (one
process, timed separately: the import is the part of a Ray run that does not scale out).

Memory: ``newsevents.runner.run`` (dedup, pipeline, store writes) into a new DuckDB file.
Reuters has about 19,000 non-empty stories, so larger sizes cycle it; every copy gets a new
id and a closing sentence naming the copy, so its text is new, and the run uses
``[dedup] threshold = 1.0`` so that a copy differing by that one sentence is not dropped as
a near-duplicate (with the default 0.8 most copies of a short story would be). The resident
set size is sampled every ``--sample-every`` articles to show whether it grows. The larger
run also reaches the corpus's longest stories (2.4 times the longest of the first 2,000),
whose parse alone raises the peak; ``--memory-pool 2000`` cycles the first 2,000 stories
instead, so that only the number of articles differs between the runs.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGE = 4096


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * PAGE / 2**20


def _articles(shared: Path, corpus: str, limit: int, *, unique: bool, pool: int | None = None):
    from .corpora import load_articles

    for article in load_articles(shared, corpus, limit, repeat=True, pool=pool):
        if unique and "~" in article.id and not article.id.endswith("~0"):
            copy = article.id.rsplit("~", 1)[1]
            article.text = f"{article.text}\n\nThis is benchmark copy {copy} of the story."
        yield article


def _write_jsonl(articles, path: Path) -> int:
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for a in articles:
            words += len(a.text.split())
            handle.write(json.dumps({"id": a.id, "text": a.text, "title": a.title,
                                     "url": a.url, "outlet": a.outlet,
                                     "published": a.published}) + "\n")
    return words


# -- one measurement (in its own process) -----------------------------------------------


def measure_ray(shared: Path, corpus: str, limit: int, workers: int, batch_size: int) -> dict:
    import ray

    from newsevents.config import load_config
    from newsevents.scale import import_shards, run_ray
    from newsevents.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{corpus}.jsonl"
        _write_jsonl(_articles(shared, corpus, limit, unique=False), source)
        cfg = load_config(scale={"batch_size": batch_size} if batch_size else {})
        # A local Ray as run_ray would start it, but before the clock starts.
        ray.init(num_cpus=max(2, workers + 1), include_dashboard=False, log_to_driver=False)
        try:
            summary = run_ray([str(source)], Path(tmp) / "shards", workers=workers, config=cfg)
        finally:
            ray.shutdown()
        shard_bytes = sum(p.stat().st_size for p in (Path(tmp) / "shards").rglob("*.parquet"))
        # The import runs in one process after the cluster is done: time it too.
        with Store(Path(tmp) / "import.duckdb", config=cfg) as store:
            imported = import_shards(Path(tmp) / "shards", store, config=cfg)
    return {"engine": "ray", "workers": workers, "batch_size": int(cfg["scale"]["batch_size"]),
            "shard_bytes_per_article": shard_bytes / max(summary.articles, 1),
            "import_stored": imported.stored, "import_seconds": imported.elapsed,
            "import_articles_per_s": imported.articles_per_second,
            "articles": summary.articles,
            "rejected": sum(summary.rejected.values()), "words": summary.words,
            "seconds": summary.elapsed, "articles_per_s": summary.articles_per_second,
            "words_per_s": summary.words_per_second, "peak_rss_mb": _peak_rss_mb()}


def measure_local(shared: Path, corpus: str, limit: int) -> dict:
    """The single-process pipeline over the same JSON Lines file (reading included)."""
    from newsevents.config import load_config
    from newsevents.ingest import read_inputs
    from newsevents.nlp import load_pipeline
    from newsevents.pipeline import process
    from newsevents.records import Article

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{corpus}.jsonl"
        _write_jsonl(_articles(shared, corpus, limit, unique=False), source)
        cfg = load_config()
        start, cpu = time.perf_counter(), time.process_time()
        load_pipeline(cfg)  # the model load is inside the clock, as for the Ray workers
        articles = (i for i in read_inputs([str(source)], config=cfg) if isinstance(i, Article))
        n = words = 0
        for result in process(articles, config=cfg):
            n += 1
            words += len(result.article.text.split())
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu
    return {"engine": "local", "workers": 1, "articles": n, "words": words,
            "seconds": elapsed, "cpu_seconds": cpu, "cpu_ms_per_article": 1000 * cpu / n,
            "cpu_ms_per_1000_words": 1000 * cpu / words * 1000, "articles_per_s": n / elapsed, "words_per_s": words / elapsed,
            "peak_rss_mb": _peak_rss_mb()}


def measure_memory(shared: Path, corpus: str, limit: int, sample_every: int,
                   pool: int | None = None) -> dict:
    from newsevents.config import load_config
    from newsevents.runner import run
    from newsevents.store import Store

    cfg = load_config(dedup={"threshold": 1.0})
    samples: list[tuple[int, float]] = []

    def on_progress(summary) -> None:
        done = summary.stored + sum(summary.rejected.values())
        if done and done % sample_every == 0 and (not samples or samples[-1][0] != done):
            samples.append((done, round(_rss_mb(), 1)))

    cpu = time.process_time()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb",
                                                     config=cfg) as store:
        summary = run(_articles(shared, corpus, limit, unique=True, pool=pool), store, config=cfg,
                      on_progress=on_progress)
        store_mb = (Path(tmp) / "bench.duckdb").stat().st_size / 2**20
    cpu = time.process_time() - cpu
    return {"articles": limit, "pool": pool, "stored": summary.stored, "rejected": dict(summary.rejected),
            "words": summary.words, "seconds": summary.elapsed, "cpu_seconds": cpu,
            "cpu_ms_per_article": 1000 * cpu / max(summary.stored, 1),
            "store_mb": store_mb,
            "articles_per_s": summary.articles_per_second,
            "words_per_s": summary.words / summary.elapsed if summary.elapsed else 0.0,
            "peak_rss_mb": _peak_rss_mb(), "rss_samples_mb": samples}


# -- driver -----------------------------------------------------------------------------


def _child(*args: str) -> dict:
    cmd = [sys.executable, "-m", "bench.scale", "--one", *args]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(shared: Path, *, ray_limits: dict[str, int], workers: list[int], memory: list[int],
        memory_corpus: str, sample_every: int, baseline: bool, batch_size: int = 0,
        memory_pool: int | None = None,
        repeats: int = 1) -> dict:
    runs = []
    for corpus, limit in ray_limits.items():
        common = ["--shared", str(shared), "--corpus", corpus, "--limit", str(limit)]
        for repeat in range(repeats):
            # Alternate the order, so that a change in the machine's load hits both alike.
            order = workers if repeat % 2 == 0 else workers[::-1]
            if baseline:
                runs.append({"corpus": corpus, **_child("local", *common)})
                _report(runs[-1])
            for n in order:
                runs.append({"corpus": corpus, **_child("ray", *common, "--workers", str(n),
                                                        "--batch-size", str(batch_size))})
                _report(runs[-1])
    ray_rows = _medians(runs)
    speedups = {}
    for corpus in ray_limits:
        by = {r["workers"]: r for r in ray_rows if r["corpus"] == corpus and r["engine"] == "ray"}
        if 1 in by and 2 in by:
            speedups[corpus] = by[2]["articles_per_s"] / by[1]["articles_per_s"]
    memory_rows = []
    for limit in memory:
        row = _child("memory", "--shared", str(shared), "--corpus", memory_corpus,
                     "--limit", str(limit), "--sample-every", str(sample_every),
                     *(["--memory-pool", str(memory_pool)] if memory_pool else []))
        memory_rows.append({"corpus": memory_corpus, **row})
        _report(memory_rows[-1], memory=True)
    growth = None
    if len(memory_rows) >= 2:
        growth = memory_rows[-1]["peak_rss_mb"] / memory_rows[0]["peak_rss_mb"] - 1
    return {"ray": ray_rows, "ray_runs": runs, "ray_speedup_2_over_1": speedups,
            "memory": memory_rows, "memory_growth": growth}


def _medians(runs: list[dict]) -> list[dict]:
    """One row per (corpus, engine, workers): the median run by articles/s, with all rates."""
    groups: dict[tuple, list[dict]] = {}
    for r in runs:
        groups.setdefault((r["corpus"], r["engine"], r["workers"]), []).append(r)
    rows = []
    for group in groups.values():
        ranked = sorted(group, key=lambda r: r["articles_per_s"])
        median = dict(ranked[len(ranked) // 2])
        median["runs_articles_per_s"] = [round(r["articles_per_s"], 2) for r in group]
        rows.append(median)
    return rows


def _report(row: dict, *, memory: bool = False) -> None:
    if memory:
        label = f"memory {row['corpus']} {row['articles']} articles"
    else:
        label = f"{row['corpus']} {row['engine']} {row['workers']} worker(s)"
    print(f"{label:36} {row['articles_per_s']:8.2f} art/s {row['words_per_s']:9.0f} words/s "
          f"{row['peak_rss_mb']:8.0f} MB peak  ({row['articles']} articles, "
          f"{row['seconds']:.1f} s)", flush=True)


def _pairs(text: str) -> dict[str, int]:
    return {k: int(v) for k, v in (p.split("=") for p in text.split(",") if p)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--ray-limit", default="reuters=1000,cnn=200",
                        help="articles per corpus for the Ray runs (corpus=N,...)")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--batch-size", type=int, default=0,
                        help="articles per Ray batch and block (0: [scale] batch_size)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs of each Ray configuration (median reported)")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the single-process run on the Ray input")
    parser.add_argument("--memory", default="2000,20000", help="corpus sizes for memory")
    parser.add_argument("--memory-corpus", default="reuters", choices=["reuters", "cnn"])
    parser.add_argument("--sample-every", type=int, default=500)
    parser.add_argument("--memory-pool", type=int, default=None,
                        help="memory runs cycle only the first N articles of the corpus, so "
                             "that every size sees the same mix of article lengths "
                             "(default: the corpus in order)")
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    parser.add_argument("--one", choices=["ray", "local", "memory"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", default="reuters", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    shared = args.shared.resolve()
    if args.one == "ray":
        print(json.dumps(measure_ray(shared, args.corpus, args.limit, int(args.workers),
                                     args.batch_size)))
        return
    if args.one == "local":
        print(json.dumps(measure_local(shared, args.corpus, args.limit)))
        return
    if args.one == "memory":
        print(json.dumps(measure_memory(shared, args.corpus, args.limit, args.sample_every,
                                        args.memory_pool)))
        return
    result = run(
        shared,
        ray_limits=_pairs(args.ray_limit),
        workers=[int(w) for w in args.workers.split(",") if w],
        memory=[int(m) for m in args.memory.split(",") if m],
        memory_corpus=args.memory_corpus,
        sample_every=args.sample_every,
        memory_pool=args.memory_pool,
        baseline=not args.no_baseline,
        batch_size=args.batch_size,
        repeats=args.repeats,
    )
    print("medians:")
    for row in result["ray"]:
        _report(row)
    for corpus, ratio in result["ray_speedup_2_over_1"].items():
        print(f"ray 2 workers / 1 worker, {corpus}: {ratio:.2f}x (target >= 1.6)")
    if result["memory_growth"] is not None:
        print(f"peak memory, largest vs smallest corpus: {result['memory_growth']:+.1%} "
              "(target within 10%)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
