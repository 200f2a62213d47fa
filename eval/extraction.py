"""Scorer for HTML extraction: article body text and publication dates.

Body text: ``data/html_extraction/scrapinghub`` (181 pages with gold article bodies). The
metric is the benchmark's own, re-implemented here from its description: texts are split
into ``\\w+`` tokens and compared as multisets of 4-token shingles; per page, true/false
positive and false negative counts are normalised to sum to one, precision and recall are
computed per page and averaged over pages (precision over pages where something was
predicted, recall over pages with gold text), and F1 is taken of the two means.

The gold bodies do not contain the headline, so the headline that ``make_article`` puts
first in ``Article.text`` is left out before scoring (our body = the text after the title
paragraph). Baselines in the same run: trafilatura alone, with the settings our extraction
starts from (``favor_precision``) and with its defaults (as the benchmark runs it).

The benchmark holds pages in ten languages; ``extract_html`` rejects non-English pages in
production, so here it runs with every language accepted (an extractor is scored, not the
language policy) and the English pages are also scored on their own.

Dates: ``data/html_extraction/htmldate_mediacloud`` (200 pages, gold publication day).
Accuracy = share of pages whose predicted day equals the gold day; a page with no gold date
(NaN) is right when nothing is predicted. Compared in the same run: htmldate alone with its
defaults, htmldate with ``original_date=True`` (the setting we build on), and ours
(:func:`newsevents.ingest.extract.publication_date`).

    python -m eval.extraction --shared ../shared
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import math
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsevents.config import load_config
from newsevents.errors import InputError
from newsevents.ingest.article import detect_language
from newsevents.ingest.extract import extract_html, publication_date

SCRAPINGHUB = Path("data/html_extraction/scrapinghub")
MEDIACLOUD = Path("data/html_extraction/htmldate_mediacloud")
SHINGLE = 4
_TOKEN = re.compile(r"\w+")
#: Every language the detector can name, and "und": the scorer accepts them all.
ALL_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "id", "tr", "sw", "ar", "ru", "zh",
                 "ja", "ko", "he", "el", "hi", "bn", "th", "ta", "ka", "hy", "am", "gu", "pa",
                 "ml", "te", "kn", "si", "km", "my", "lo", "und"]


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of the n-token shingles of ``text`` (a text shorter than n is one shingle)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page's shingles, normalised to sum to 1 (all 0 when both empty)."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def body_metrics(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision, mean recall and their F1 over pages, as the benchmark computes them."""
    precisions = [1.0 if fp == fn == 0 else tp / (tp + fp)
                  for tp, fp, fn in counts if tp + fp > 0]
    recalls = [1.0 if fp == fn == 0 else tp / (tp + fn)
               for tp, fp, fn in counts if tp + fn > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r,
            "pages": len(counts)}


def _rounded(metrics: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()}


def body_without_title(text: str, title: str | None) -> str:
    """``Article.text`` less the headline paragraph make_article put first."""
    if title and text.startswith(title):
        return text[len(title):].lstrip("\n")
    return text


def score_bodies(shared: Path) -> dict[str, Any]:
    """Body-text figures of trafilatura alone (two settings) and of extract_html."""
    import trafilatura

    root = shared / SCRAPINGHUB
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    config = load_config(ingest={"languages": ALL_LANGUAGES})
    english = {key for key, item in gold.items()
               if detect_language(item["articleBody"], config=config) == "en"}
    systems: dict[str, dict[str, tuple[float, float, float]]] = {
        "trafilatura_precision": {}, "trafilatura_default": {}, "newsevents": {}}
    rejected: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    for key, item in gold.items():
        with gzip.open(root / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        t = time.perf_counter()
        text = trafilatura.extract(html, favor_precision=True, include_comments=False,
                                   include_tables=True) or ""
        seconds["trafilatura_precision"] += time.perf_counter() - t
        systems["trafilatura_precision"][key] = page_counts(item["articleBody"], text)
        t = time.perf_counter()
        text = trafilatura.extract(html, include_comments=False) or ""
        seconds["trafilatura_default"] += time.perf_counter() - t
        systems["trafilatura_default"][key] = page_counts(item["articleBody"], text)
        t = time.perf_counter()
        try:
            article = extract_html(html, url=item.get("url"), source=key, config=config)
            text = body_without_title(article.text, article.title)
        except InputError as e:
            rejected[e.reason] += 1
            text = ""
        seconds["newsevents"] += time.perf_counter() - t
        systems["newsevents"][key] = page_counts(item["articleBody"], text)
    out: dict[str, Any] = {"pages": len(gold), "english_pages": len(english),
                           "rejected": dict(rejected)}
    for name, counts in systems.items():
        out[name] = _rounded(body_metrics(list(counts.values())))
        out[name]["english"] = _rounded(body_metrics([counts[k] for k in english]))
        out[name]["seconds"] = round(seconds[name], 1)
    return out


def _gold_day(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def score_dates(shared: Path) -> dict[str, Any]:
    """Publication-date accuracy of htmldate alone (two settings) and of ours."""
    from htmldate import find_date

    root = shared / MEDIACLOUD
    # The gold file writes pages without a date as NaN, which json reads as float("nan").
    gold = json.loads((root / "gold_dates.json").read_text(encoding="utf-8"))
    config = load_config()
    systems = {
        "htmldate_default": lambda html, url: find_date(html, url=url),
        "htmldate_original": lambda html, url: find_date(html, url=url, original_date=True),
        "newsevents": lambda html, url: publication_date(html, url=url, config=config)[0],
    }
    right: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    for url, item in gold.items():
        html = (root / "html" / item["file"]).read_bytes().decode("utf-8", errors="replace")
        expected = _gold_day(item["date"])
        for name, system in systems.items():
            t = time.perf_counter()
            right[name] += system(html, url) == expected
            seconds[name] += time.perf_counter() - t
    no_date = sum(1 for item in gold.values()
                  if isinstance(item["date"], float) and math.isnan(item["date"]))
    return {"pages": len(gold), "pages_without_date": no_date,
            **{name: {"accuracy": round(right[name] / len(gold), 4),
                      "seconds": round(seconds[name], 1)} for name in systems}}


def run(shared: Path) -> dict[str, Any]:
    """All figures: ``{"body": {...}, "dates": {...}, "seconds": total}``."""
    shared = Path(shared)
    for sub in (SCRAPINGHUB, MEDIACLOUD):
        if not (shared / sub).is_dir():
            raise FileNotFoundError(f"Gold data folder {shared / sub} is missing")
    start = time.perf_counter()
    # trafilatura and htmldate log every odd page at WARNING; the figures are what matters.
    for name in ("trafilatura", "htmldate", "newsevents"):
        logging.getLogger(name).setLevel(logging.ERROR)
    body = score_bodies(shared)
    dates = score_dates(shared)
    return {"body": body, "dates": dates, "seconds": round(time.perf_counter() - start, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"),
                        help="the shared data folder (default ../shared)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = run(args.shared)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    body, dates = figures["body"], figures["dates"]
    print(f"Body text, ScrapingHub benchmark ({body['pages']} pages, "
          f"{body['english_pages']} English; rejected by us: {body['rejected'] or 'none'})")
    print(f"  {'system':<24}{'F1':>8}{'P':>8}{'R':>8}{'F1 en':>8}{'s':>7}")
    for name in ("trafilatura_default", "trafilatura_precision", "newsevents"):
        m = body[name]
        print(f"  {name:<24}{m['f1']:>8.4f}{m['precision']:>8.4f}{m['recall']:>8.4f}"
              f"{m['english']['f1']:>8.4f}{m['seconds']:>7.1f}")
    print(f"Publication dates, htmldate MediaCloud set ({dates['pages']} pages, "
          f"{dates['pages_without_date']} without a date)")
    for name in ("htmldate_default", "htmldate_original", "newsevents"):
        print(f"  {name:<24}{dates[name]['accuracy']:>8.4f}{dates[name]['seconds']:>7.1f}s")
    print(f"Total {figures['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
