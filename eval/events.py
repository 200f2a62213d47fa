"""Scorers for the events stage (``python -m eval.events --shared ../shared``).

Four gold sets, each a different question (see docs/quality.md, "Events"):

Gold sets coded by PLOVER/CAMEO conventions are compared with each event's
:func:`~newsevents.events.ontology.plover_category`: newsevents keeps the act and puts
"will"/"not" into ``modality``/``negated``; those conventions fold them into the category
(a promised cooperative act is AGREE, a planned act of force THREATEN, a negated
cooperative act REJECT).

- ``gsr``: PLOVER gold records (the CAMEO manual's example sentences): is the gold category
  among the sentence's events, and for those, are actor and recipient coded right
  (country, and sector where the gold gives one of ours)? The file is a train set of the
  project; it is split deterministically into dev (even record positions, tuned on) and
  test (odd positions, reported only), and reported as dev, test and all. Old labels are mapped:
  DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT; non-ISO country
  codes of the file are mapped to ISO (JAP->JPN, ITL->ITA, ...).
- ``plv``: Zero-Shot-PLOVER test pairs: the root category of the event between the given
  source and target (YIELD = CONCEDE or RETREAT); accuracy and macro-F1. Events are kept
  without a coded actor here (``require_actor`` off), since the pair is given.
- ``petr``: UniversalPetrarch gold validation records: (source country, target country,
  CAMEO root) triples, micro precision/recall/F1. AGREE/CONSULT/COOPERATE dyads count in
  both directions (the gold codes them both ways).
- ``seed``: the seed article against seed/gold.json with :func:`score_document`, the
  document-level scorer that the held-out set of real articles is judged with.

``run(shared, which="all")`` returns every figure as a dict.
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsevents.events.ontology import load_ontology, plover_category
from newsevents.records import Article, Event

log = logging.getLogger(__name__)

WHICH = ("gsr", "plv", "petr", "seed")
#: Country codes of the PLOVER gold file that are not ISO 3166 alpha-3.
GSR_COUNTRY_FIX = {"JAP": "JPN", "ITL": "ITA", "BUL": "BGR", "KUW": "KWT", "SIN": "SGP"}
#: Sector codes of the PLOVER gold file -> ours; others are not scored.
GSR_SECTOR_FIX = {"JRN": "MED", "CIV": "CVL", "MOS": "REL", "CHR": "REL"}
SECTORS = frozenset(
    "GOV MIL LEG JUD REB OPP PTY COP SPY MED BUS CVL EDU HLH REL HRI NGO IGO ELI UAF CRM LAB REF".split()
)
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
PLV_YIELD = frozenset({"CONCEDE", "RETREAT"})


# -- pipeline ------------------------------------------------------------------------------


def pipeline(**events_options: Any):
    """The configured pipeline with ``events_options`` overriding [events]. While a sibling
    stage cannot be built (it is still being written), it is left out with a warning so
    the events scorer still runs."""
    from newsevents.config import load_config
    from newsevents.nlp import build_pipeline, load_pipeline

    cfg = load_config(events=events_options) if events_options else load_config()
    try:
        return load_pipeline(cfg)
    except Exception as e:  # noqa: BLE001 - fall back to the components that build
        log.warning("full pipeline unavailable (%s); building what can be built", e)
    nlp = build_pipeline(load_config(nlp={"components": []}))
    for name in cfg["nlp"]["components"]:
        section = cfg.get(name.removeprefix("newsevents_"), {})
        try:
            nlp.add_pipe(name, config=dict(section))
        except Exception as e:  # noqa: BLE001
            log.warning("component %s left out: %s", name, e)
    return nlp


def process_texts(
    nlp, items: Iterable[tuple[str, str, str | None]], *, extractor=None, batch_size: int = 64
) -> Iterator[list[Event]]:
    """Events of each (id, text, dct) item, in order; ``extractor`` (an EventExtractor)
    replaces the pipeline's own events stage when given."""
    from newsevents.pipeline import make_doc

    docs = (make_doc(nlp, Article(id=i, text=t, published=d)) for i, t, d in items)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield list(extractor(doc) if extractor is not None else doc._.events or [])


# -- PLOVER gold records ---------------------------------------------------------------


def _gsr_actors(value: Any) -> list[tuple[str | None, str | None]]:
    if not isinstance(value, list):
        return []
    out = []
    for actor in value:
        code = (actor.get("code") or "").strip().upper() or None
        code = GSR_COUNTRY_FIX.get(code, code) if code else None
        sector = (actor.get("sector") or "").strip()[:3].upper() or None
        sector = GSR_SECTOR_FIX.get(sector, sector)
        out.append((code, sector if sector in SECTORS else None))
    return out


def _actor_ok(ref, gold: list[tuple[str | None, str | None]]) -> bool:
    if not gold:
        return True
    if ref is None:
        return False
    for country, sector in gold:
        if country in (None, "---") or ref.country == country:
            if sector is None or ref.sector == sector:
                return True
    return False


GSR_SPLITS = ("all", "dev", "test")


def gsr_records(shared: Path, split: str = "all") -> list[dict[str, Any]]:
    """The PLOVER gold records with a sentence, in file order; ``split`` "dev" keeps the
    even positions (0, 2, ...), "test" the odd ones, "all" every record.

    Raises ValueError for another split name."""
    if split not in GSR_SPLITS:
        raise ValueError(f"Unknown GSR split {split!r}; valid: {', '.join(GSR_SPLITS)}")
    records = json.loads((shared / "data/plover/PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    records = [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]
    if split == "all":
        return records
    return records[0 if split == "dev" else 1 :: 2]


def score_gsr_events(
    records: list[dict[str, Any]], predicted: Iterable[list[Event]]
) -> dict[str, Any]:
    """Category recall and actor agreement of ``predicted`` (one event list per record)."""
    onto = load_ontology()
    found = 0
    coded = 0
    per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    wrong_actors: list[str] = []
    for record, events in zip(records, predicted, strict=True):
        gold = onto.normalize(record["event"])
        per_cat[gold][1] += 1
        same = [e for e in events if plover_category(e) == gold]
        if not same:
            misses.append(f"{record['id']}: {sorted({e.type for e in events})}")
            continue
        found += 1
        per_cat[gold][0] += 1
        src, tgt = _gsr_actors(record.get("source")), _gsr_actors(record.get("target"))
        for e in same:
            ok = _actor_ok(e.actor, src) and _actor_ok(e.recipient, tgt)
            if not ok and gold in SYMMETRIC:
                ok = _actor_ok(e.recipient, src) and _actor_ok(e.actor, tgt)
            if ok:
                coded += 1
                break
        else:
            e = same[0]
            got = f"{e.actor and e.actor.code}->{e.recipient and e.recipient.code}"
            wrong_actors.append(f"{record['id']}: gold {src}->{tgt} got {got}")
    n = len(records)
    return {
        "records": n,
        "category_recall": round(found / n, 4) if n else 0.0,
        "actors_right_of_found": round(coded / found, 4) if found else 0.0,
        "per_category": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_cat.items())},
        "misses": misses[:40],
        "wrong_actors": wrong_actors[:40],
    }


def score_gsr(
    shared: Path, nlp=None, *, limit: int | None = None, split: str = "all"
) -> dict[str, Any]:
    """PLOVER gold records of ``split`` (see :func:`gsr_records`)."""
    records = gsr_records(shared, split)[:limit]
    nlp = nlp or pipeline()
    items = ((r["id"], r["text"], "2000-01-01") for r in records)
    out = score_gsr_events(records, process_texts(nlp, items))
    out["split"] = split
    return out


def score_gsr_splits(shared: Path, nlp=None, *, limit: int | None = None) -> dict[str, Any]:
    """The PLOVER gold records scored as dev (even positions, tuned on), test (odd
    positions, reported only) and all, from one pass over the file."""
    records = gsr_records(shared, "all")[:limit]
    nlp = nlp or pipeline()
    items = ((r["id"], r["text"], "2000-01-01") for r in records)
    predicted = list(process_texts(nlp, items))
    return {
        "dev": score_gsr_events(records[0::2], predicted[0::2]),
        "test": score_gsr_events(records[1::2], predicted[1::2]),
        "all": score_gsr_events(records, predicted),
    }


# -- Zero-Shot-PLOVER pairs ----------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2 or w.isupper()}


def _overlap(name: str | None, text: str) -> bool:
    if not name:
        return False
    a, b = _words(name), _words(text)
    return bool(a and b and a & b)


def plv_prediction(events: list[Event], source: str, target: str) -> str | None:
    """The category predicted for the (source, target) pair: the event whose actor and
    recipient match the pair best, else the most confident event; YIELD for CONCEDE and
    RETREAT; None when there is no event."""
    if not events:
        return None

    def fit(e: Event) -> tuple:
        a = _overlap(e.actor.name if e.actor else None, source)
        r = _overlap(e.recipient.name if e.recipient else None, target)
        swapped = _overlap(e.actor.name if e.actor else None, target) and _overlap(
            e.recipient.name if e.recipient else None, source
        )
        return (a and r, swapped, a, r, e.confidence)

    best = max(events, key=fit)
    return plv_label(best)


def plv_label(event: Event) -> str:
    """Our event in the Zero-Shot-PLOVER label set: its PLOVER-convention category
    (:func:`plover_category`), with CONCEDE and RETREAT as YIELD."""
    kind = plover_category(event)
    return "YIELD" if kind in PLV_YIELD else kind


def macro_f1(gold: list[str], pred: list[str | None]) -> float:
    labels = sorted(set(gold))
    f1s = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def score_plv(
    shared: Path, nlp=None, *, split: str = "test", limit: int | None = None, extractor=None
) -> dict[str, Any]:
    """Zero-Shot-PLOVER pairs. With ``nlp`` given, pass an ``extractor`` built with
    ``require_actor=False`` (the pair is given, so uncoded actors still count)."""
    path = shared / f"data/plover/PLV_{split}.tsv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))[:limit]
    nlp = nlp or pipeline(require_actor=False)
    gold = [r["gold_root"].strip().upper() for r in rows]
    pred: list[str | None] = []
    items = ((r["sentence_id"], r["sentence"], None) for r in rows)
    for row, events in zip(rows, process_texts(nlp, items, extractor=extractor), strict=True):
        pred.append(plv_prediction(events, row["source"], row["target"]))
    n = len(rows)
    right = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    confusion = Counter((g, p or "NONE") for g, p in zip(gold, pred, strict=True) if g != p)
    return {
        "split": split,
        "pairs": n,
        "accuracy": round(right / n, 4) if n else 0.0,
        "macro_f1": round(macro_f1(gold, pred), 4),
        "no_event": sum(1 for p in pred if p is None),
        "top_confusions": [f"{g}->{p}: {c}" for (g, p), c in confusion.most_common(12)],
    }


# -- UniversalPetrarch gold ----------------------------------------------------------------


def read_petrarch(path: Path) -> list[dict[str, Any]]:
    """Validation records: id, date, text, gold triples (may be empty: "noevents")."""
    text = path.read_text(encoding="utf-8")
    out = []
    for attrs, body in re.findall(r"<Sentence ([^>]*?)/?>(.*?)</Sentence>", text, re.S):
        meta = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
        if meta.get("evaluate", "true") != "true":
            continue
        m = re.search(r"<Text>(.*?)</Text>", body, re.S)
        sentence = " ".join(m.group(1).split()) if m else ""
        if not sentence:
            continue
        gold = set()
        for coding in re.findall(r"<EventCoding ([^>]*?)/?>", body):
            c = dict(re.findall(r'(\w+)="([^"]*)"', coding))
            if "eventcode" in c:
                gold.add((_petr_country(c.get("sourcecode")), _petr_country(c.get("targetcode")), c["eventcode"][:2]))
        date = meta.get("date", "")
        dct = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if re.fullmatch(r"(19|20)\d{6}", date) else None
        out.append({"id": meta.get("id"), "date": dct, "text": sentence, "gold": gold})
    return out


def _petr_country(code: str | None) -> str | None:
    code = (code or "")[:3]
    return None if not code or code == "---" else code


def event_triples(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    onto = load_ontology()
    out = set()
    for e in events:
        if not e.cameo:
            continue
        kind = plover_category(e)
        root = e.cameo[:2] if kind == e.type else onto.cameo_for(kind)[:2]
        a = e.actor.country if e.actor else None
        r = e.recipient.country if e.recipient else None
        out.add((a, r, root))
        if kind in SYMMETRIC:
            out.add((r, a, root))
    return out


def score_petr(shared: Path, nlp=None, *, limit: int | None = None) -> dict[str, Any]:
    records = read_petrarch(shared / "data/petrarch/PETR2_GSR_validation.xml")[:limit]
    nlp = nlp or pipeline()
    tp = fp = fn = 0
    items = ((r["id"], r["text"], r["date"]) for r in records)
    misses = []
    for record, events in zip(records, process_texts(nlp, items), strict=True):
        pred = event_triples(events)
        gold = record["gold"]
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        if pred != gold:
            misses.append(f"{record['id']}: gold {sorted(gold, key=str)} got {sorted(pred, key=str)}")
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {
        "sentences": len(records),
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
        "misses": misses[:30],
    }


# -- document-level gold (seed and the held-out set) --------------------------------------


def _gold_country(actor: dict | None) -> str | None:
    return (actor or {}).get("country") or None


def _names_match(pred: str | None, gold: str | None) -> bool:
    if not pred or not gold:
        return pred == gold or (not pred and not gold)
    return bool(_words(pred) & _words(gold))


def _event_matches(pred: Event, gold: dict[str, Any]) -> bool:
    types = {gold["type"], *gold.get("alt_types", [])}
    if pred.type not in types:
        return False
    ga, gr = _gold_country(gold.get("actor")), _gold_country(gold.get("recipient"))
    pa = pred.actor.country if pred.actor else None
    pr = pred.recipient.country if pred.recipient else None
    if ga and pa == ga:
        return True
    symmetric = gold["type"] in SYMMETRIC
    return bool(symmetric and ga and pr == ga)


def score_document(pred: list[Event], gold: dict[str, Any]) -> dict[str, Any]:
    """Compare one article's events with its gold (format of seed/gold.json).

    A predicted event matches a gold event when its type is the gold type or one of its
    alt_types and its actor's country is the gold actor's (either side for AGREE, CONSULT
    and COOPERATE). Matching is one-to-one, required gold events first. Returns counts for
    recall (over required gold events), precision (over predictions; a prediction matching
    an optional gold event is neither right nor wrong) and attribute agreement (negated,
    modality, attributed_to) over matched pairs."""
    gold_events = sorted(gold["events"], key=lambda g: bool(g.get("optional")))
    used: set[int] = set()
    pairs: list[tuple[Event, dict]] = []
    for g in gold_events:
        for n, p in enumerate(pred):
            if n not in used and _event_matches(p, g):
                used.add(n)
                pairs.append((p, g))
                break
    required = [g for g in gold_events if not g.get("optional")]
    req_hit = sum(1 for _, g in pairs if not g.get("optional"))
    opt_hit = sum(1 for _, g in pairs if g.get("optional"))
    attrs = Counter()
    for p, g in pairs:
        attrs["negated"] += p.negated == bool(g.get("negated"))
        attrs["modality"] += p.modality == g.get("modality")
        attrs["attributed_to"] += _names_match(p.attributed_to, g.get("attributed_to"))
    return {
        "gold_required": len(required),
        "required_found": req_hit,
        "predicted": len(pred),
        "predicted_right": req_hit,
        "predicted_optional": opt_hit,
        "predicted_wrong": len(pred) - len(pairs),
        "matched": len(pairs),
        "attributes": dict(attrs),
        "unmatched_predictions": [f"{p.type} {p.actor and p.actor.code}->{p.recipient and p.recipient.code} '{p.trigger.text}'"
                                  for n, p in enumerate(pred) if n not in used],
        "missed_required": [f"{g['type']} {g['actor'].get('name')}" for g in required
                            if not any(g is gg for _, gg in pairs)],
    }


def seed_article(shared: Path) -> Article:
    """The seed article as ingest makes it (furniture removed) when ingest is available,
    else the raw text with its metadata."""
    text = (shared / "seed/article.txt").read_text(encoding="utf-8")
    meta = json.loads((shared / "seed/meta.json").read_text(encoding="utf-8"))
    try:
        from newsevents.ingest.article import make_article
    except ImportError:
        return Article(id="seed", text=text, published=meta.get("published"), title=meta.get("title"))
    return make_article(text, id=meta.get("id"), url=meta.get("url"), title=meta.get("title"),
                        outlet=meta.get("outlet"), published=meta.get("published"), section=meta.get("section"))


def score_seed(shared: Path, nlp=None) -> dict[str, Any]:
    from newsevents.pipeline import make_doc

    nlp = nlp or pipeline()
    article = seed_article(shared)
    doc = nlp(make_doc(nlp, article))
    events = list(doc._.events or [])
    gold = json.loads((shared / "seed/gold.json").read_text(encoding="utf-8"))
    out = score_document(events, gold)
    furniture = [f.text for f in article.furniture if f.kind != "title"]
    out["events_from_furniture"] = sum(1 for e in events if any(e.sentence.text.strip() in f for f in furniture if f))
    return out


# -- all ---------------------------------------------------------------------------------


def run(shared: Path, *, which: str = "all", limit: int | None = None) -> dict[str, Any]:
    """Every figure of the chosen scorers ("all" or a comma-separated subset of
    gsr, plv, petr, seed)."""
    chosen = WHICH if which == "all" else tuple(w.strip() for w in which.split(","))
    bad = [w for w in chosen if w not in WHICH]
    if bad:
        raise ValueError(f"Unknown events scorer(s) {bad}; valid: {', '.join(WHICH)} or all")
    out: dict[str, Any] = {}
    nlp = pipeline() if {"gsr", "petr", "seed"} & set(chosen) else None
    for name in chosen:
        started = time.perf_counter()
        if name == "gsr":
            out[name] = score_gsr_splits(shared, nlp, limit=limit)
        elif name == "plv":
            out[name] = score_plv(shared, limit=limit)
        elif name == "petr":
            out[name] = score_petr(shared, nlp, limit=limit)
        elif name == "seed":
            out[name] = score_seed(shared, nlp)
        out[name]["seconds"] = round(time.perf_counter() - started, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--which", default="all", help=f"all or some of: {', '.join(WHICH)}")
    parser.add_argument("--limit", type=int, default=None, help="first N records of each set")
    parser.add_argument(
        "--split", default=None,
        help="one split of one set: --which plv (train/test) or --which gsr (dev/test/all)",
    )
    args = parser.parse_args(argv)
    if args.split:
        shared = args.shared.resolve()
        if args.which == "gsr":
            got = score_gsr(shared, split=args.split, limit=args.limit)
        else:
            got = score_plv(shared, split=args.split, limit=args.limit)
        print(json.dumps(got, indent=1))
        return 0
    print(json.dumps(run(args.shared.resolve(), which=args.which, limit=args.limit), indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
