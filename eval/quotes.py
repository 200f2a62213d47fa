"""PolNeAR quote scorer: reads the brat attribution files, runs newsevents end to end,
scores content spans, kinds and speakers.

Gold (under ``../shared/data/quotes/data/<split>``): ``text/<article>.txt`` and
``attributions/<article>_<annotator>.ann``. Each brat event ``E`` links a Content span (the
quoted or reported material, possibly in several fragments), a Cue and — unless it is an
``Attribution-no-source`` — a Source. Articles annotated by several people (a few in dev and
test) are scored against the first annotator in file-name order. Splits: ``train`` (840
articles) and ``dev`` (84) are for tuning; ``test`` (84) is only reported.

Definitions (documented in docs/quality.md):

* gold kind — the rule newsevents itself uses (:class:`newsevents.quotes.QuotedText`):
  ``direct`` when every word of the content (a leading "that"/"whether"/"if" excepted) lies
  inside quotation marks of at least two words, ``indirect`` when none does, else ``mixed``;
* overlap match — a predicted content shares at least one word character with a gold
  content (any fragment); pairs are aligned one to one, largest overlap first;
* exact match — the predicted content equals the gold content from its first to its last
  fragment, both stripped of edge whitespace, punctuation and quotation marks;
* per kind — a pair counts for kind K when both the gold and the predicted kind are K;
  precision divides by predictions of kind K, recall by gold of kind K. ``all`` ignores kind;
* speaker — share of overlap-matched pairs with a gold Source whose predicted speaker
  overlaps that Source, or names the same person: shares a name word with it or, when the
  gold Source is a pronoun or a description ("he", "the spokesman"), with the nearest
  earlier gold Source that has a name;
* failures — documents whose processing raised; must be zero.

Run: ``python -m eval.quotes --shared ../shared --split dev``.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.quotes import QuotedText, find_segments
from newsevents.records import Article, Quote

log = logging.getLogger(__name__)

SPLITS = ("train", "dev", "test")
KINDS = ("direct", "mixed", "indirect")
_SPAN_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT_LINE = re.compile(r"^(E\d+)\t(\S+)(.*)$")
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}\.ann$")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_NAME_WORD = re.compile(r"[A-Z][\w.'’-]+")
#: Capitalised words that do not identify a person: titles, determiners, sentence starts.
_NOT_NAMES = frozenset(
    "the a an mr mr. mrs mrs. ms ms. dr dr. president sen sen. senator rep rep. gov gov. "
    "governor secretary minister former u.s. us new house white state department campaign "
    "republican republicans democrat democrats democratic gop he she they it we i his her "
    "their its our my this that these those one some many".split()
)


@dataclass(slots=True)
class GoldAttribution:
    """One gold attribution; spans are lists of (start, end) fragments."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "indirect"

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    published: str | None
    attributions: list[GoldAttribution]


# -- reading -----------------------------------------------------------------------------


def _fragments(field_text: str) -> list[tuple[int, int]]:
    return [tuple(map(int, part.split())) for part in field_text.split(";")]  # type: ignore[misc]


def parse_ann(source: str) -> list[GoldAttribution]:
    """Attributions of one brat .ann file (Discard/Discuss spans and notes are skipped).

    Span lines whose text runs over several lines are read by their offsets only."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in source.splitlines():
        if m := _SPAN_LINE.match(line):
            spans[m.group(1)] = sorted(_fragments(m.group(3)))
        elif m := _EVENT_LINE.match(line):
            roles = dict(arg.split(":", 1) for arg in (m.group(2) + m.group(3)).split())
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if not content:
            continue
        out.append(
            GoldAttribution(
                content=content,
                source=spans.get(roles.get("Source", ""), []),
                cue=spans.get(roles.get("Cue", ""), []),
            )
        )
    return out


def _published(root: Path) -> dict[str, str]:
    path = root / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return {row["filename"]: row["publication_date"] for row in rows}


def load_split(
    shared: Path, split: str = "dev", *, limit: int | None = None, stride: int = 1
) -> list[GoldDoc]:
    """The gold documents of one PolNeAR split, sorted by name, with gold kinds set;
    ``stride`` keeps every n-th article (a fixed subset spread over all publishers) and
    ``limit`` the first ones of those.

    Raises ValueError for an unknown split and FileNotFoundError when the data is absent."""
    if split not in SPLITS:
        raise ValueError(f"Unknown PolNeAR split {split!r}. Available: {', '.join(SPLITS)}")
    root = Path(shared) / "data" / "quotes" / "data"
    folder = root / split
    if not folder.is_dir():
        raise FileNotFoundError(f"PolNeAR split folder not found: {folder}")
    dates = _published(root)
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(_ANNOTATOR.sub("", ann.name), ann)
    docs = []
    for name, ann in sorted(chosen.items())[::stride][:limit]:
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        attributions = parse_ann(ann.read_text(encoding="utf-8"))
        quoted = QuotedText(find_segments(text), text)
        for att in attributions:
            att.kind = fragments_kind(quoted, text, att.content)
        docs.append(GoldDoc(name, text, dates.get(name), attributions))
    return docs


def fragments_kind(quoted: QuotedText, text: str, fragments: list[tuple[int, int]]) -> str:
    """The kind of a possibly discontinuous content: direct/indirect when every fragment
    is, else mixed."""
    kinds = {quoted.kind(text, s, e) for s, e in fragments if text[s:e].strip()}
    if len(kinds) == 1:
        return kinds.pop()
    return "mixed" if kinds else "indirect"


# -- matching ----------------------------------------------------------------------------


def _word_overlap(text: str, a: tuple[int, int], fragments: list[tuple[int, int]]) -> int:
    total = 0
    for s, e in fragments:
        lo, hi = max(a[0], s), min(a[1], e)
        if hi > lo:
            total += sum(ch.isalnum() for ch in text[lo:hi])
    return total


def _normal(text: str) -> str:
    return " ".join(_EDGE.sub("", text).split())


def align_overlap(
    text: str, gold: list[GoldAttribution], pred: list[Quote]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping contents."""
    scored = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if p.end <= g.start or g.end <= p.start:
                continue
            overlap = _word_overlap(text, (p.start, p.end), g.content)
            if overlap:
                scored.append((overlap, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in scored:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def align_exact(
    text: str, gold: list[GoldAttribution], pred: list[Quote]
) -> list[tuple[int, int]]:
    """One-to-one pairs whose normalised content text is identical."""
    by_text: dict[str, list[int]] = {}
    for i, g in enumerate(gold):
        by_text.setdefault(_normal(text[g.start : g.end]), []).append(i)
    pairs = []
    for j, p in enumerate(pred):
        waiting = by_text.get(_normal(text[p.start : p.end]))
        if waiting:
            pairs.append((waiting.pop(0), j))
    return pairs


def _names(text: str) -> set[str]:
    return {w.lower().rstrip(".'’s") for w in _NAME_WORD.findall(text)} - _NOT_NAMES - {""}


def speaker_correct(doc: GoldDoc, gi: int, quote: Quote) -> bool:
    """Whether the predicted speaker of ``quote`` is the gold Source of attribution ``gi``
    (overlap, or a shared name word with it or with its nearest named antecedent)."""
    gold = doc.attributions[gi]
    speaker = quote.speaker
    if speaker is None or not gold.source:
        return False
    if speaker.start is not None and speaker.end is not None:
        if any(speaker.start < e and s < speaker.end for s, e in gold.source):
            return True
    said = _names(speaker.text)
    names = _names(" ".join(doc.text[s:e] for s, e in gold.source))
    if names:
        return bool(said & names)
    # A pronoun or a description: PolNeAR marks no coreference, so its antecedent is taken
    # to be the nearest earlier gold Source with a name, or a name earlier in its sentence.
    start = gold.source[0][0]
    before = sorted(
        (a for a in doc.attributions if a.source and a.source[0][0] < start),
        key=lambda a: a.source[0][0],
    )
    for att in reversed(before):
        earlier = _names(" ".join(doc.text[s:e] for s, e in att.source))
        if earlier:
            names = earlier
            break
    sentence_start = max(doc.text.rfind(mark, 0, start) for mark in (". ", "\n", "? ", "! "))
    names |= _names(doc.text[sentence_start + 1 : start])
    return bool(said & names)


# -- scoring -----------------------------------------------------------------------------


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "p": round(p, 4),
        "r": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "pred": n_pred,
        "gold": n_gold,
    }


@dataclass(slots=True)
class _Tally:
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("all",) + KINDS, 0))
    pred: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("all",) + KINDS, 0))
    overlap: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("all",) + KINDS, 0))
    exact: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("all",) + KINDS, 0))
    speaker_ok: int = 0
    speaker_n: int = 0

    def add(self, doc: GoldDoc, pred: list[Quote]) -> None:
        for g in doc.attributions:
            self.gold["all"] += 1
            self.gold[g.kind] += 1
        for p in pred:
            self.pred["all"] += 1
            self.pred[p.kind] += 1
        for table, pairs in (
            (self.overlap, align_overlap(doc.text, doc.attributions, pred)),
            (self.exact, align_exact(doc.text, doc.attributions, pred)),
        ):
            for i, j in pairs:
                table["all"] += 1
                if doc.attributions[i].kind == pred[j].kind:
                    table[pred[j].kind] += 1
                if table is self.overlap and doc.attributions[i].source:
                    self.speaker_n += 1
                    self.speaker_ok += speaker_correct(doc, i, pred[j])

    def figures(self) -> dict[str, Any]:
        keys = ("all",) + KINDS
        return {
            "overlap": {k: _prf(self.overlap[k], self.pred[k], self.gold[k]) for k in keys},
            "exact": {k: _prf(self.exact[k], self.pred[k], self.gold[k]) for k in keys},
            "speaker": {
                "accuracy": round(self.speaker_ok / self.speaker_n, 4) if self.speaker_n else 0.0,
                "n": self.speaker_n,
            },
        }


#: Returns the quotes of one gold document, per profile ("default" first).
Extractor = Callable[[GoldDoc], dict[str, list[Quote]]]

#: The broader profile scored beside the configured one, on the same parsed Docs.
ATTRIBUTION_PROFILE = {"scope": "attribution", "include_cognition": True}


def pipeline_extractor(nlp: Any = None) -> Extractor:
    """Quotes of a gold document's text as the full newsevents pipeline finds them
    (``default``), and as :data:`ATTRIBUTION_PROFILE` finds them in the same Doc."""
    from newsevents.nlp import load_pipeline
    from newsevents.pipeline import make_doc
    from newsevents.quotes import QuoteOptions, extract_quotes

    nlp = nlp if nlp is not None else load_pipeline()
    configured = (
        nlp.get_pipe("newsevents_quotes").options
        if "newsevents_quotes" in nlp.pipe_names
        else QuoteOptions()
    )
    broad = dataclasses.replace(configured, **ATTRIBUTION_PROFILE)

    def extract(doc: GoldDoc) -> dict[str, list[Quote]]:
        article = Article(id=doc.name, text=doc.text, published=doc.published)
        processed = nlp(make_doc(nlp, article))
        return {
            "default": list(processed._.quotes or []),
            "attribution": list(extract_quotes(processed, options=broad)),
        }

    return extract


def score(docs: Iterable[GoldDoc], extract: Extractor) -> dict[str, Any]:
    """Figures of ``extract`` over ``docs``: those of the ``default`` profile at the top
    level, every other profile under ``profiles``. A document whose extraction raises
    counts as a failure (and as having no predictions)."""
    tallies: dict[str, _Tally] = {}
    failures: list[str] = []
    n = 0
    started = time.perf_counter()
    for doc in docs:
        n += 1
        try:
            found = extract(doc)
        except Exception as e:  # noqa: BLE001 - count it, the scorer goes on
            log.exception("quote extraction failed on %s", doc.name)
            failures.append(f"{doc.name}: {type(e).__name__}: {e}")
            found = {name: [] for name in tallies} or {"default": []}
        for name, pred in found.items():
            tallies.setdefault(name, _Tally()).add(doc, pred)
    default = tallies.pop("default", _Tally())
    figures = default.figures()
    figures["profiles"] = {name: tally.figures() for name, tally in tallies.items()}
    figures["documents"] = n
    figures["failures"] = len(failures)
    figures["failed"] = failures[:10]
    figures["gold_kinds"] = {k: default.gold[k] for k in KINDS}
    figures["seconds"] = round(time.perf_counter() - started, 1)
    return figures


def run(
    shared: Path,
    *,
    split: str = "test",
    limit: int | None = None,
    stride: int = 1,
    nlp: Any = None,
) -> dict[str, Any]:
    """Score newsevents quotes on a PolNeAR split (``stride``/``limit``: a fixed subset,
    see :func:`load_split`).

    ``nlp`` defaults to the configured full pipeline (:func:`newsevents.nlp.load_pipeline`).
    """
    docs = load_split(Path(shared), split, limit=limit, stride=stride)
    figures = score(docs, pipeline_extractor(nlp))
    figures["split"] = split
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--stride", type=int, default=1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    figures = run(args.shared.resolve(), split=args.split, limit=args.limit, stride=args.stride)
    print(json.dumps(figures, indent=1))
    return 0 if figures["failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
