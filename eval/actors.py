"""Actor scorers: NGEC actor-resolution tests, PETRARCH unit-test records, and speed.

NGEC (``data/actors/ngec_actor_resolution_tests.jsonl``): the active cases whose method is
``agent_to_code`` (text, optional context, optional query date). Each text is coded with
:func:`newsevents.actors.code_text` on its query date ("today"/empty -> no date: the KB's
current roles); when the text yields no country the context text is coded for one.

* country accuracy — over cases expecting a non-empty country; NGEC writes "UNO" for UN
  bodies and "EUR" for EU bodies where our codebook (DESIGN.md) has "IGO", so those two
  count as IGO;
* sector accuracy — over cases whose expected ``code_1`` is one of our sectors (an "In" list
  counts when any member is ours); NGEC-only codes (AGR, PRM, UNK, PRE, JNK...) are left out;
* the same two on the cases given a query date ("query_date_": any non-empty date
  argument, "today" included, which NGEC resolves to the day it ran) and on those given an
  explicit calendar date ("dated_"); also reported: the share of cases expecting no actor
  (``code`` is None) for which we return None.

The cases are split for tuning: ``dev`` = even positions in file order, ``test`` = odd
positions; rules were tuned looking at dev misses only, test is reported.

PETRARCH (``data/petrarch/PETR.UnitTest.records.xml``) with the validation dictionaries
(``PETR.Validate.actors.txt`` + ``.agents.txt``) imported through our importer and nothing
else (no shipped KB): each record's sentence is parsed with the configured spaCy model and
its mentions extracted (:func:`newsevents.actors.extract_mentions`, the record date as
article date). A record counts when it has at least one event coding whose source and target
are both actor codes (not empty, not "---", not a quoted string), and is *recovered* when
every such source and target code equals the code of some mention of the sentence, compared
as multisets of 3-letter chunks (PETRARCH writes the prefix agent "NGO~" before the country:
"NGOARN" = our "ARN"+"NGO").

Speed: 200 CNN Lite articles parsed by the configured model, and the same Docs linked by
``newsevents_actors``, interleaved in batches of 20 in one process; reports
(parse + linking) / parse.

Run: ``python -m eval.actors --shared ../shared [--split dev|test|all] [--speed]
[--people people.yaml]`` (``--people`` codes NGEC with only the named shipped people files,
to measure what the others add).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from newsevents.actors import code_text, extract_mentions, load_kb
from newsevents.actors.kb import SECTORS, as_date
from newsevents.records import ActorRef

log = logging.getLogger(__name__)

NGEC_FILE = "data/actors/ngec_actor_resolution_tests.jsonl"
PETRARCH_DIR = "data/petrarch"
CNN_FILE = "corpora/cnn_lite_2026/cnn_lite_2026.jsonl"
#: NGEC country codes that our codebook writes as IGO.
COUNTRY_ALIASES = {"UNO": "IGO", "EUR": "IGO"}
#: NGEC sector codes whose meaning our codebook writes with another code: NGEC's MED is
#: medical (ambulances, health services; our HLH) and JRN is journalists (our MED).
SECTOR_ALIASES = {"MED": "HLH", "JRN": "MED"}
SPLITS = ("dev", "test", "all")


# --- NGEC ------------------------------------------------------------------------------


def parse_query_date(text: str | None) -> dt.date | None:
    """A query date from "2022-06-01", "10 May 2015", "1 july 2021"; None for "today"/""."""
    if not text or text.strip().lower() in ("today", "now"):
        return None
    text = text.strip()
    if (day := as_date(text)) is not None:
        return day
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(text.title(), fmt).date()
        except ValueError:
            continue
    return None


def load_ngec(shared: Path, split: str = "all") -> list[dict[str, Any]]:
    """The active agent_to_code cases of a split: text, context, date, expectations."""
    cases = []
    lines = (Path(shared) / NGEC_FILE).read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    rows = [r for r in rows if r["status"] == "active"
            and r["inputs"][0]["method"] == "agent_to_code"]
    for n, row in enumerate(rows):
        if split == "dev" and n % 2 or split == "test" and not n % 2:
            continue
        call = row["inputs"][0]
        args, kwargs = call["args"], call["kwargs"]
        date_text = kwargs.get("query_date") or (args[2] if len(args) > 2 else "")
        expected = row["expected"]
        case: dict[str, Any] = {
            "test": row["test"], "text": args[0], "context": args[1] if len(args) > 1 else "",
            "date": parse_query_date(date_text), "null": "code" in expected,
            "query_date": bool(date_text.strip()),
        }
        if (c := expected.get("code.country")) and c["op"] == "Eq":
            case["country"] = COUNTRY_ALIASES.get(c["value"], c["value"])
        if (s := expected.get("code.code_1")) and s["op"] in ("Eq", "In"):
            values = s["value"] if isinstance(s["value"], list) else [s["value"]]
            ours = [SECTOR_ALIASES.get(v, v) for v in values if SECTOR_ALIASES.get(v, v) in SECTORS]
            if ours:
                case["sector"] = ours
        cases.append(case)
    return cases


def predict_ngec(case: dict[str, Any], kb: Any = None) -> ActorRef | None:
    actor = code_text(case["text"], date=case["date"], kb=kb)
    if case["context"] and (actor is None or actor.country is None):
        other = code_text(case["context"], date=case["date"], kb=kb)
        if other is not None and other.country:
            actor = ActorRef(None, case["text"], other.country, actor.sector if actor else None)
    return actor


def score_ngec(cases: list[dict[str, Any]], kb: Any = None) -> dict[str, Any]:
    """Country and sector accuracy (all cases and dated cases), null accuracy, misses;
    ``kb``: the knowledge base to code with (default: the shipped one)."""
    tallies: Counter[str] = Counter()
    misses = []
    for case in cases:
        actor = predict_ngec(case, kb)
        got_country = actor.country if actor else None
        got_sector = actor.sector if actor else None
        dated = case["date"] is not None
        subsets = [""] + ["query_date_"] * case["query_date"] + ["dated_"] * dated
        wrong = []
        if case.get("country"):
            ok = got_country == case["country"]
            for prefix in subsets:
                tallies[prefix + "country_n"] += 1
                tallies[prefix + "country_ok"] += ok
            if not ok:
                wrong.append(f"country {got_country} != {case['country']}")
        if case.get("sector"):
            ok = got_sector in case["sector"]
            for prefix in subsets:
                tallies[prefix + "sector_n"] += 1
                tallies[prefix + "sector_ok"] += ok
            if not ok:
                wrong.append(f"sector {got_sector} != {'/'.join(case['sector'])}")
        if case["null"]:
            tallies["null_n"] += 1
            tallies["null_ok"] += actor is None
            if actor is not None:
                wrong.append(f"expected no actor, got {actor.code}")
        if wrong:
            date = case["date"].isoformat() if dated else "-"
            misses.append(f"{case['test']}: {case['text']!r} @{date}: {'; '.join(wrong)}")

    def ratio(ok: str, n: str) -> float | None:
        return round(tallies[ok] / tallies[n], 4) if tallies[n] else None

    return {
        "cases": len(cases),
        "country_accuracy": ratio("country_ok", "country_n"), "country_n": tallies["country_n"],
        "sector_accuracy": ratio("sector_ok", "sector_n"), "sector_n": tallies["sector_n"],
        "query_date_country_accuracy": ratio("query_date_country_ok", "query_date_country_n"),
        "query_date_country_n": tallies["query_date_country_n"],
        "query_date_sector_accuracy": ratio("query_date_sector_ok", "query_date_sector_n"),
        "query_date_sector_n": tallies["query_date_sector_n"],
        "dated_country_accuracy": ratio("dated_country_ok", "dated_country_n"),
        "dated_country_n": tallies["dated_country_n"],
        "dated_sector_accuracy": ratio("dated_sector_ok", "dated_sector_n"),
        "dated_sector_n": tallies["dated_sector_n"],
        "null_accuracy": ratio("null_ok", "null_n"), "null_n": tallies["null_n"],
        "misses": misses,
    }


# --- PETRARCH --------------------------------------------------------------------------

_ACTOR_CODE = re.compile(r"^(?:[A-Z0-9]{3})+$|^---(?:[A-Z0-9]{3})+$")


def is_actor_code(code: str | None) -> bool:
    return bool(code) and code != "---" and bool(_ACTOR_CODE.match(code))


def chunks(code: str) -> Counter[str]:
    """A code as a multiset of 3-letter chunks ("NGOARN" -> {NGO, ARN})."""
    return Counter(code[i : i + 3] for i in range(0, len(code), 3))


def load_petrarch_records(shared: Path, split: str = "all") -> list[dict[str, Any]]:
    """Records with at least one event coding whose source and target are actor codes."""
    root = ET.parse(Path(shared) / PETRARCH_DIR / "PETR.UnitTest.records.xml").getroot()
    records = []
    for sentence in root.iter("Sentence"):
        codes = set()
        for coding in sentence.findall("EventCoding"):
            source, target = coding.get("sourcecode"), coding.get("targetcode")
            if is_actor_code(source) and is_actor_code(target):
                codes.update((source, target))
        text_node = sentence.find("Text")
        if not codes or text_node is None or not (text_node.text or "").strip():
            continue
        date = sentence.get("date", "")
        records.append({"id": sentence.get("id"), "text": " ".join(text_node.text.split()),
                        "date": f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None,
                        "codes": sorted(codes)})
    if split == "all":
        return records
    return [r for n, r in enumerate(records) if (n % 2 == 0) == (split == "dev")]


def score_petrarch(shared: Path, split: str = "all", nlp: Any = None) -> dict[str, Any]:
    """Share of records whose expected actor codes are all among their mentions' codes."""
    folder = Path(shared) / PETRARCH_DIR
    dictionaries = (str(folder / "PETR.Validate.actors.txt"),
                    str(folder / "PETR.Validate.agents.txt"))
    kb = load_kb(dictionaries, shipped=False)
    if nlp is None:
        from newsevents.config import load_config
        from newsevents.nlp import build_pipeline

        nlp = build_pipeline(load_config(nlp={"components": []}))
    records = load_petrarch_records(shared, split)
    recovered, misses = 0, []
    for record in records:
        doc = nlp(record["text"])
        doc._.dct = record["date"]
        found = [m.actor.code for m in extract_mentions(doc, kb) if m.actor is not None]
        found_chunks = [chunks(code) for code in found]
        lost = [code for code in record["codes"] if chunks(code) not in found_chunks]
        if lost:
            misses.append(f"{record['id']}: expected {record['codes']}, got {sorted(set(found))}")
        else:
            recovered += 1
    return {
        "records": len(records),
        "recovered": round(recovered / len(records), 4) if records else None,
        "dictionary_problems": [str(p) for p in kb.problems],
        "misses": misses,
    }


# --- speed -----------------------------------------------------------------------------


def measure_speed(shared: Path, *, articles: int = 200, batch: int = 20) -> dict[str, Any]:
    """Time ``articles`` CNN Lite texts through the configured model alone, and the actor
    linking of the same Docs, interleaved batch by batch so that load on a shared machine
    weighs on both alike. ``ratio`` = (parse + linking) / parse."""
    from newsevents.config import load_config
    from newsevents.nlp import build_pipeline

    lines = (Path(shared) / CNN_FILE).read_text(encoding="utf-8").splitlines()[:articles]
    texts = [json.loads(line)["text"] for line in lines]
    bare = build_pipeline(load_config(nlp={"components": []}))
    linker = build_pipeline(load_config(nlp={"components": ["newsevents_actors"]})) \
        .get_pipe("newsevents_actors")
    list(bare.pipe(texts[:batch]))  # warm-up
    parse_s = link_s = 0.0
    mentions = 0
    for k in range(0, len(texts), batch):
        started = time.perf_counter()
        docs = list(bare.pipe(texts[k : k + batch], batch_size=batch))
        parse_s += time.perf_counter() - started
        started = time.perf_counter()
        for doc in docs:
            doc._.dct = "2026-03-01"
            mentions += len(linker(doc)._.mentions)
        link_s += time.perf_counter() - started
    return {"articles": len(texts), "parse_s": round(parse_s, 2), "link_s": round(link_s, 2),
            "ratio": round((parse_s + link_s) / parse_s, 3),
            "mentions_per_article": round(mentions / len(texts), 1)}


# --- entry points ----------------------------------------------------------------------


def run(shared: Path, *, split: str = "all", speed: bool = False,
        people: tuple[str, ...] | None = None) -> dict[str, Any]:
    """All actor figures for one split (misses included; with ``split="all"`` also the
    NGEC figures of each half, under ``ngec_halves``); ``people``: the shipped people files
    to code NGEC with (default all)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    kb = load_kb(people=people) if people else None
    figures: dict[str, Any] = {"split": split,
                               "ngec": score_ngec(load_ngec(Path(shared), split), kb),
                               "petrarch": score_petrarch(Path(shared), split)}
    if split == "all":  # the two halves too, from the same run
        figures["ngec_halves"] = {
            half: {k: v for k, v in score_ngec(load_ngec(Path(shared), half), kb).items()
                   if k != "misses"} for half in ("dev", "test")}
    if speed:
        figures["speed"] = measure_speed(Path(shared))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--split", choices=SPLITS, default="all")
    parser.add_argument("--speed", action="store_true", help="also time ~200 CNN Lite articles")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--people", nargs="+", metavar="FILE",
                        help="code NGEC with only these shipped people files "
                             "(e.g. people.yaml); default: every people*.yaml")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    figures = run(args.shared.resolve(), split=args.split, speed=args.speed,
                  people=tuple(args.people) if args.people else None)
    if not args.misses:
        for part in ("ngec", "petrarch"):
            figures[part]["misses"] = len(figures[part]["misses"])
    print(json.dumps(figures, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
