"""Whole-pipeline throughput against bare spaCy parsing of the same texts, in one run.

Each measurement runs in a fresh subprocess (so peak memory is its own): it loads the
model, warms up on a few texts, then times processing ``--limit`` articles. The driver
repeats each configuration and reports medians and the full/bare ratio.

    python -m bench.throughput --shared ../shared --corpus cnn --limit 200 --repeats 3
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

WARMUP = 5


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024  # Linux reports KiB


def measure(shared: Path, corpus: str, limit: int, mode: str, n_process: int,
            components: list[str] | None = None) -> dict:
    """One measurement in this process. ``mode``: bare (model only) or full (process())."""
    from newsevents.config import load_config
    from newsevents.pipeline import process

    from .corpora import load_articles

    articles = list(load_articles(shared, corpus, limit + WARMUP, repeat=True))
    warmup, articles = articles[:WARMUP], articles[WARMUP:]
    words = sum(len(a.text.split()) for a in articles)
    if mode == "bare":
        import spacy

        nlp = spacy.load(load_config()["nlp"]["model"])  # the model alone, nothing of ours
        list(nlp.pipe(a.text for a in warmup))
        start = time.perf_counter()
        for _ in nlp.pipe((a.text for a in articles), n_process=n_process, batch_size=32):
            pass
    else:
        overrides = {"n_process": n_process}
        if components is not None:
            overrides["components"] = components
        cfg = load_config(nlp=overrides)
        if n_process == 1:
            list(process(warmup, config=cfg))
        start = time.perf_counter()
        for _ in process(articles, config=cfg):
            pass
    elapsed = time.perf_counter() - start
    return {
        "mode": mode,
        "n_process": n_process,
        "components": components,
        "articles": len(articles),
        "words": words,
        "seconds": elapsed,
        "articles_per_s": len(articles) / elapsed,
        "words_per_s": words / elapsed,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _subprocess(shared: Path, corpus: str, limit: int, mode: str, n_process: int,
                components: list[str] | None) -> dict:
    cmd = [sys.executable, "-m", "bench.throughput", "--one", "--shared", str(shared),
           "--corpus", corpus, "--limit", str(limit), "--mode", mode,
           "--n-process", str(n_process)]
    if components is not None:
        cmd += ["--components", ",".join(components)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(shared: Path, *, corpus: str = "cnn", limit: int = 200, repeats: int = 3,
        processes: tuple[int, ...] = (1, 2), ablations: bool = False) -> dict:
    """Median figures per configuration plus full/bare ratios for each process count."""
    from newsevents.config import load_config
    from newsevents.nlp import available_components

    configs: list[tuple[str, int, list[str] | None, str]] = []
    for n in processes:
        configs.append(("bare", n, None, f"bare spaCy, {n} proc"))
        configs.append(("full", n, None, f"full pipeline, {n} proc"))
    if ablations:
        all_components = [c for c in load_config()["nlp"]["components"]
                          if c in available_components()]
        for c in all_components:
            without = [x for x in all_components if x != c]
            configs.append(("full", 1, without, f"full without {c}, 1 proc"))
    rows = []
    for mode, n, comps, label in configs:
        runs = [_subprocess(shared, corpus, limit, mode, n, comps) for _ in range(repeats)]
        rows.append({
            "label": label, "mode": mode, "n_process": n, "components": comps,
            "articles": runs[0]["articles"], "words": runs[0]["words"],
            "articles_per_s": statistics.median(r["articles_per_s"] for r in runs),
            "words_per_s": statistics.median(r["words_per_s"] for r in runs),
            "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
            "runs": [round(r["articles_per_s"], 2) for r in runs],
        })
    by = {(r["mode"], r["n_process"], r["components"] is None): r for r in rows}
    ratios = {
        n: by[("full", n, True)]["articles_per_s"] / by[("bare", n, True)]["articles_per_s"]
        for n in processes
    }
    return {"corpus": corpus, "limit": limit, "repeats": repeats, "rows": rows,
            "full_over_bare": ratios}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--corpus", choices=["cnn", "reuters"], default="cnn")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--ablations", action="store_true",
                        help="also time the pipeline without each of our components")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=["bare", "full"], default="full")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--components", default=None)
    args = parser.parse_args(argv)
    if args.one:
        comps = None if args.components is None else [c for c in args.components.split(",") if c]
        print(json.dumps(measure(args.shared.resolve(), args.corpus, args.limit, args.mode,
                                 args.n_process, comps)))
        return
    result = run(args.shared.resolve(), corpus=args.corpus, limit=args.limit,
                 repeats=args.repeats,
                 processes=tuple(int(p) for p in args.processes.split(",")),
                 ablations=args.ablations)
    print(f"{'configuration':40} {'art/s':>8} {'words/s':>9} {'peak MB':>8}  runs")
    for r in result["rows"]:
        print(f"{r['label']:40} {r['articles_per_s']:8.2f} {r['words_per_s']:9.0f} "
              f"{r['peak_rss_mb']:8.0f}  {r['runs']}")
    for n, ratio in result["full_over_bare"].items():
        print(f"full / bare, {n} proc: {ratio:.2f}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
