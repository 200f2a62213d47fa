"""TempEval-3 timex scorer: reads TimeML gold, runs newsevents end to end, scores TIMEX3.

Gold sets (under ``../shared/data/tempeval3``):

* ``platinum`` — TempEval-3 platinum test (20 .tml files). Report only; never tune on it.
* ``tbaq`` — TBAQ-cleaned (TimeBank + AQUAINT, 256 .tml files), the training set.
* ``meantime`` — MEANTIME English (120 Wikinews articles in NewsReader CAT XML: tokens plus
  markables; the text is rebuilt from the tokens, one line per sentence). Only the title,
  the date line and the first four sentences of each article are annotated, so system
  timexes after them are not scored.

Measures, as TempEval-3 defines them (UzZaman et al. 2013; the official
``evaluate_entities.py`` aligns system and gold timexes that overlap):

* strict extent P/R/F1: a system timex matches a gold timex with exactly the same extent;
* relaxed extent P/R/F1: it matches one it overlaps (one-to-one alignment);
* type / value accuracy: share of relaxed-matched pairs with the same attribute;
* type / value F1: relaxed F1 times the attribute accuracy (the official "attribute F1").

The document creation time (``functionInDocument="CREATION_TIME"`` in the ``<DCT>`` element)
is never scored; gold and system text is the content of ``<TEXT>`` only.

Run: ``python -m eval.timeml --shared ../shared --corpus platinum`` (``--corpus meantime
--split dev|test`` scores one MEANTIME half, see :data:`SPLITS`; ``--errors FILE`` writes
every disagreement; ``--infer-dct`` withholds the DCTs and scores their inference instead;
``--speed`` times the component against the bare model on 200 CNN Lite articles).
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CORPORA = {
    "platinum": "data/tempeval3/TempEval3/Evaluation/te3-platinum",
    "tbaq": "data/tempeval3/TempEval3/Training/TBAQ-cleaned",
    "meantime": "data/tempeval3/meantime_newsreader_english_oct15/intra-doc_annotation",
}


@dataclass(slots=True)
class GoldTimex:
    """One annotated TIMEX3: character offsets into :attr:`TimeMLDoc.text`."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None


@dataclass(slots=True)
class TimeMLDoc:
    """A gold document: its plain text, creation time (YYYY-MM-DD or None) and timexes."""

    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)
    #: Gold covers only ``text[:scored_until]`` (None: all of it); later system timexes
    #: are ignored by :func:`run`.
    scored_until: int | None = None


# -- reading -----------------------------------------------------------------------------


def _dct_day(value: str | None) -> str | None:
    """The YYYY-MM-DD day of a TIMEX3 value such as ``1998-01-08`` or ``1998-01-08T18:30``."""
    if value and re.match(r"\d{4}-\d\d-\d\d", value):
        return value[:10]
    return None


def parse_tml(source: str, name: str = "doc") -> TimeMLDoc:
    """A :class:`TimeMLDoc` from the XML text of a TimeML (.tml) file.

    The text is the content of ``<TEXT>`` with every tag removed (entities decoded); timexes
    are the ``TIMEX3`` elements inside it, at any depth. Raises ``ValueError`` naming the
    document when the XML is malformed or has no ``<TEXT>``.
    """
    try:
        root = ET.fromstring(source)
    except ET.ParseError as e:
        raise ValueError(f"{name}: not well-formed TimeML XML: {e}") from e
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise ValueError(f"{name}: no <TEXT> element")
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _dct_day(timex.get("value"))
            break
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    offset = 0

    def walk(el: ET.Element) -> None:
        nonlocal offset
        start = offset
        if el.text:
            parts.append(el.text)
            offset += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                offset += len(child.tail)
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            covered = "".join(parts)[start:offset]
            # Some annotations include a space at an edge; the extent is the words.
            lead = len(covered) - len(covered.lstrip())
            trail = len(covered) - len(covered.rstrip())
            if covered.strip():
                timexes.append(
                    GoldTimex(
                        start + lead,
                        offset - trail,
                        covered.strip(),
                        el.get("type", ""),
                        el.get("value"),
                        el.get("mod"),
                    )
                )

    walk(text_el)
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDoc(name=name, text="".join(parts), dct=dct, timexes=timexes)


#: MEANTIME annotates sentences 0 (title) to 5 (the date line and four sentences).
MEANTIME_SENTENCES = 5
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "''",
                    "'re", "'ve", "'ll", "'d", "'m", "’s"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def parse_meantime(source: str, name: str = "doc") -> TimeMLDoc:
    """A :class:`TimeMLDoc` from a MEANTIME (NewsReader CAT XML) document.

    The text is rebuilt from the tokens: one line per sentence, tokens joined by a space
    except before closing punctuation and clitics. Timexes are the ``TIMEX3`` markables
    anchored to tokens (the creation time included: in MEANTIME it is part of the text).
    """
    try:
        root = ET.fromstring(source)
    except ET.ParseError as e:
        raise ValueError(f"{name}: not well-formed MEANTIME XML: {e}") from e
    pieces: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    offset = 0
    prev_sentence = None
    prev_token = None
    scored_until = None
    for tok in root.iter("token"):
        word = (tok.text or "").strip()
        sentence = tok.get("sentence")
        if prev_sentence is not None:
            if sentence != prev_sentence:
                sep = "\n"
            elif word in _NO_SPACE_BEFORE or prev_token in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            pieces.append(sep)
            offset += len(sep)
        spans[tok.get("t_id", "")] = (offset, offset + len(word))
        pieces.append(word)
        offset += len(word)
        prev_sentence, prev_token = sentence, word
        if sentence is not None and sentence.isdigit() and int(sentence) <= MEANTIME_SENTENCES:
            scored_until = offset
    text = "".join(pieces)
    dct = None
    timexes: list[GoldTimex] = []
    markables = root.find("Markables")
    for el in markables.iter("TIMEX3") if markables is not None else ():
        if el.get("functionInDocument") == "CREATION_TIME" and dct is None:
            dct = _dct_day(el.get("value"))
        anchors = [spans[a.get("t_id", "")] for a in el.iter("token_anchor")
                   if a.get("t_id") in spans]
        if not anchors:
            continue  # an empty (non-textual) timex: nothing to find
        start = min(s for s, _ in anchors)
        end = max(e for _, e in anchors)
        timexes.append(GoldTimex(start, end, text[start:end], el.get("type", ""),
                                 el.get("value") or None, el.get("mod") or None))
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDoc(name=name, text=text, dct=dct, timexes=timexes, scored_until=scored_until)


#: MEANTIME is split by document (lead's decision, round 3): its sorted file paths at even
#: positions are the dev half (a second tuning set), at odd positions the test half
#: (reported only, never read for tuning).
SPLITS = ("all", "dev", "test")


def split_paths(paths: Sequence[Path], split: str) -> list[Path]:
    """The ``split`` half of ``paths`` once sorted: ``dev`` the even positions, ``test``
    the odd ones, ``all`` every path. Raises ``ValueError`` for another split name."""
    if split not in SPLITS:
        raise ValueError(f"Unknown split {split!r}. Available: {', '.join(SPLITS)}")
    ordered = sorted(paths)
    if split == "dev":
        return ordered[0::2]
    if split == "test":
        return ordered[1::2]
    return ordered


def read_corpus(shared: Path, corpus: str, split: str = "all") -> list[TimeMLDoc]:
    """Every gold document of ``corpus`` (one of :data:`CORPORA`), sorted by file name;
    for ``meantime``, only its ``split`` half (see :data:`SPLITS`).

    Raises ``ValueError`` for an unknown corpus or split (or a split other than ``all`` of
    a corpus that has none) and ``FileNotFoundError`` when its folder is missing under
    ``shared``.
    """
    if corpus not in CORPORA:
        raise ValueError(f"Unknown corpus {corpus!r}. Available: {', '.join(CORPORA)}")
    if split not in SPLITS:
        raise ValueError(f"Unknown split {split!r}. Available: {', '.join(SPLITS)}")
    if split != "all" and corpus != "meantime":
        raise ValueError(f"Corpus {corpus!r} has no {split!r} split; only 'meantime' is "
                         "split (use --split all)")
    folder = Path(shared) / CORPORA[corpus]
    if not folder.is_dir():
        raise FileNotFoundError(f"Gold folder for {corpus!r} not found: {folder}")
    if corpus == "meantime":
        paths = split_paths(list(folder.glob("*/*.xml")), split)
        return [parse_meantime(p.read_text(encoding="utf-8"), p.stem) for p in paths]
    paths = sorted(p for p in folder.rglob("*.tml") if "testpipeline" not in p.parts)
    return [parse_tml(p.read_text(encoding="utf-8"), p.stem) for p in paths]


# -- scoring -----------------------------------------------------------------------------


@dataclass(slots=True)
class Counts:
    """Raw counts over a set of documents; :meth:`scores` turns them into figures."""

    gold: int = 0
    system: int = 0
    strict: int = 0  # one-to-one pairs with identical extents
    relaxed: int = 0  # one-to-one pairs that overlap
    type_ok: int = 0  # relaxed pairs with the same type
    value_ok: int = 0  # relaxed pairs with the same value

    def add(self, other: Counts) -> None:
        for name in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float | int]:
        def prf(matched: int) -> tuple[float, float, float]:
            p = matched / self.system if self.system else 0.0
            r = matched / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "gold": self.gold, "system": self.system,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_accuracy": type_acc, "value_accuracy": value_acc,
            "type_f1": rf * type_acc, "value_f1": rf * value_acc,
        }


def _overlap(a: Any, b: Any) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def align(gold: Sequence[Any], system: Sequence[Any]) -> list[tuple[Any, Any]]:
    """One-to-one pairs of overlapping (gold, system) timexes.

    Exact-extent pairs are taken first, then the remaining pairs by decreasing overlap, so a
    system timex that covers two gold ones counts for one of them only (as the official
    scorer's id alignment does). Items need ``start`` and ``end``.
    """
    pairs: list[tuple[Any, Any]] = []
    used_g: set[int] = set()
    used_s: set[int] = set()
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            ov = _overlap(g, s)
            if ov > 0:
                exact = g.start == s.start and g.end == s.end
                candidates.append((not exact, -ov, i, j))
    for _, _, i, j in sorted(candidates):
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((gold[i], system[j]))
    return pairs


def score_document(gold: Sequence[Any], system: Sequence[Any]) -> Counts:
    """Counts for one document's gold and system timexes (objects with start, end, type,
    value)."""
    counts = Counts(gold=len(gold), system=len(system))
    for g, s in align(gold, system):
        counts.relaxed += 1
        counts.strict += g.start == s.start and g.end == s.end
        counts.type_ok += g.type == s.type
        counts.value_ok += (g.value or None) == (s.value or None)
    return counts


def score(pairs: Iterable[tuple[Sequence[Any], Sequence[Any]]]) -> dict[str, float | int]:
    """Micro-averaged figures over ``(gold, system)`` timex lists, one pair per document."""
    total = Counts()
    for gold, system in pairs:
        total.add(score_document(gold, system))
    return total.scores()


# -- running the system ------------------------------------------------------------------


def timex_pipeline() -> Any:
    """The model plus ``newsevents_timexes`` only: the later stages read timexes but never
    change them, so the figures are those of the whole pipeline, at a fraction of the
    time (and a later stage's failure cannot stop the timex scores)."""
    from newsevents.config import load_config
    from newsevents.nlp import build_pipeline

    return build_pipeline(load_config(nlp={"components": ["newsevents_timexes"]}))


def system_timexes(docs: Sequence[TimeMLDoc], *, nlp: Any = None) -> Iterator[list[Any]]:
    """Our timexes for each gold document, end to end from its raw text and DCT."""
    from newsevents.pipeline import make_doc
    from newsevents.records import Article

    if nlp is None:
        nlp = timex_pipeline()
    # Only the annotated part of a MEANTIME article is run (3x faster): resolution looks
    # back, never ahead, so later text changes at most the parse of the last scored
    # sentence (value F1 .801 this way, .792 on whole articles, 2026-11-25).
    spacy_docs = [
        make_doc(nlp, Article(id=d.name, text=d.text[:d.scored_until], published=d.dct))
        for d in docs
    ]
    for gold, doc in zip(docs, nlp.pipe(spacy_docs, batch_size=16)):
        found = list(doc._.timexes or [])
        if gold.scored_until is not None:
            found = [t for t in found if t.start < gold.scored_until]
        yield found


def errors(docs: Sequence[TimeMLDoc], systems: Sequence[Sequence[Any]]) -> Iterator[dict]:
    """Every disagreement, for error analysis: missed, spurious, extent, type and value."""
    for doc, system in zip(docs, systems):
        pairs = align(doc.timexes, system)
        matched_g = {id(g) for g, _ in pairs}
        matched_s = {id(s) for _, s in pairs}
        for g in doc.timexes:
            if id(g) not in matched_g:
                yield {"doc": doc.name, "kind": "missed", "gold": g.text, "type": g.type,
                       "value": g.value, "context": doc.text[max(0, g.start - 40):g.end + 40]}
        for s in system:
            if id(s) not in matched_s:
                yield {"doc": doc.name, "kind": "spurious", "system": s.text, "type": s.type,
                       "value": s.value, "context": doc.text[max(0, s.start - 40):s.end + 40]}
        for g, s in pairs:
            kinds = []
            if (g.start, g.end) != (s.start, s.end):
                kinds.append("extent")
            if g.type != s.type:
                kinds.append("type")
            if (g.value or None) != (s.value or None):
                kinds.append("value")
            for kind in kinds:
                yield {"doc": doc.name, "kind": kind, "dct": doc.dct, "gold": g.text,
                       "system": s.text, "gold_type": g.type, "system_type": s.type,
                       "gold_value": g.value, "system_value": s.value,
                       "context": doc.text[max(0, g.start - 50):g.end + 50]}


def run(shared: Path, *, corpus: str = "platinum", nlp: Any = None,
        limit: int | None = None, split: str = "all") -> dict[str, Any]:
    """Score our system on ``corpus`` (platinum | tbaq | meantime) end to end.

    Returns the TempEval-3 figures plus ``documents``, ``seconds``, ``corpus`` and
    ``split``. ``limit`` scores only the first documents (quick checks); ``split`` picks a
    MEANTIME half (see :data:`SPLITS`).
    """
    docs = read_corpus(Path(shared), corpus, split)[:limit]
    started = time.perf_counter()
    systems = list(system_timexes(docs, nlp=nlp))
    figures: dict[str, Any] = dict(score(zip((d.timexes for d in docs), systems)))
    figures.update(corpus=corpus, split=split, documents=len(docs),
                   seconds=round(time.perf_counter() - started, 2))
    return figures


def dct_inference(shared: Path, *, corpus: str = "meantime", nlp: Any = None,
                  limit: int | None = None, split: str = "all") -> dict[str, Any]:
    """How well the publication date is inferred when it is withheld: over the documents
    of ``corpus`` that have one, the share inferred at all, with the right year, within 7
    days and within 31 days of the true DCT."""
    import datetime as dt

    from newsevents.pipeline import make_doc
    from newsevents.records import Article

    if nlp is None:
        nlp = timex_pipeline()
    docs = [d for d in read_corpus(Path(shared), corpus, split) if d.dct][:limit]
    spacy_docs = [make_doc(nlp, Article(id=d.name, text=d.text)) for d in docs]
    counts = dict.fromkeys(("inferred", "year", "within_7_days", "within_31_days"), 0)
    for gold, doc in zip(docs, nlp.pipe(spacy_docs, batch_size=16)):
        if not doc._.dct:
            continue
        guess, truth = dt.date.fromisoformat(doc._.dct), dt.date.fromisoformat(gold.dct)
        gap = abs((guess - truth).days)
        counts["inferred"] += 1
        counts["year"] += guess.year == truth.year
        counts["within_7_days"] += gap <= 7
        counts["within_31_days"] += gap <= 31
    n = len(docs)
    return {"corpus": corpus, "documents": n,
            **{k: round(v / n, 3) if n else 0.0 for k, v in counts.items()}}


CNN_LITE = "corpora/cnn_lite_2026/cnn_lite_2026.jsonl"


def speed(shared: Path, *, articles: int = 200, repeats: int = 3) -> dict[str, Any]:
    """What the timex component adds to the spaCy pipeline's time per article.

    The first ``articles`` CNN Lite articles go through the bare model and through the
    model plus ``newsevents_timexes`` in chunks of 20, alternately, ``repeats`` times each
    (the fastest run of each chunk counts); the component is also timed alone on the
    parsed Docs, the steadier figure on a shared machine.
    """
    from newsevents.config import load_config
    from newsevents.nlp import build_pipeline

    rows = []
    with (Path(shared) / CNN_LITE).open(encoding="utf-8") as lines:
        for line in lines:
            rows.append(json.loads(line))
            if len(rows) == articles:
                break
    bare = build_pipeline(load_config(nlp={"components": []}))
    with_timexes = build_pipeline(load_config(nlp={"components": ["newsevents_timexes"]}))
    component = with_timexes.get_pipe("newsevents_timexes")

    def timed(nlp: Any, part: list[dict]) -> tuple[float, list[Any]]:
        batch = []
        for row in part:
            doc = nlp.make_doc(row["text"])
            doc._.dct = row.get("pub_date")
            batch.append(doc)
        started = time.perf_counter()
        done = list(nlp.pipe(batch, batch_size=32))
        return time.perf_counter() - started, done

    timed(bare, rows[:20])  # warm up both
    timed(with_timexes, rows[:20])
    # Small chunks, alternating which pipeline goes first, each the fastest of ``repeats``
    # runs: a shared machine's load then weighs on both alike.
    bare_total = timex_total = 0.0
    parsed: list[Any] = []
    for i in range(0, len(rows), 20):
        part = rows[i:i + 20]
        pair = [(bare, []), (with_timexes, [])] if i % 40 == 0 else \
            [(with_timexes, []), (bare, [])]
        for _ in range(repeats):
            for nlp, times in pair:
                seconds, done = timed(nlp, part)
                times.append(seconds)
                if nlp is bare and len(times) == 1:
                    parsed.extend(done)
        for nlp, times in pair:
            if nlp is bare:
                bare_total += min(times)
            else:
                timex_total += min(times)
    alone = []
    for _ in range(repeats):
        started = time.perf_counter()
        for doc in parsed:
            component(doc)
        alone.append(time.perf_counter() - started)
    b, t, c = bare_total, timex_total, min(alone)
    return {"articles": len(rows), "bare_seconds": round(b, 2),
            "with_timexes_seconds": round(t, 2), "ratio": round(t / b, 3),
            "component_seconds": round(c, 3), "component_share": round(c / b, 4),
            "component_ms_per_article": round(1000 * c / len(rows), 2)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="platinum")
    parser.add_argument("--split", choices=SPLITS, default="all",
                        help="MEANTIME half: dev (tuning), test (report only) or all")
    parser.add_argument("--errors", type=Path, help="write every disagreement here (JSONL)")
    parser.add_argument("--infer-dct", action="store_true",
                        help="withhold each DCT and score how well it is inferred instead")
    parser.add_argument("--speed", action="store_true",
                        help="time the component on 200 CNN Lite articles instead")
    args = parser.parse_args(argv)
    if args.speed:
        figures = speed(args.shared)
    elif args.infer_dct:
        figures = dct_inference(args.shared, corpus=args.corpus, split=args.split)
    elif args.errors:
        docs = read_corpus(args.shared, args.corpus, args.split)
        systems = list(system_timexes(docs))
        with args.errors.open("w", encoding="utf-8") as out:
            for row in errors(docs, systems):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        figures: dict[str, Any] = dict(score(zip((d.timexes for d in docs), systems)))
        figures.update(corpus=args.corpus, split=args.split, documents=len(docs))
    else:
        figures = run(args.shared, corpus=args.corpus, split=args.split)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
