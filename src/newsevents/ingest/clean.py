"""Page furniture out, story in: :func:`clean_text` turns extracted page text into the
article's paragraphs and records what it removed.

HTML extractors (and people pasting pages) leave non-story lines in the text: breadcrumbs
("News / Iraq"), photo captions ("... (File photo by al-Ahed news)"), share and subscribe
boxes, "Related posts" and "Read more" link lines, bylines, timestamps, site footers
("... can also be accessed at the following alternate addresses"), and wire datelines
("BAGHDAD (AP) —") in front of the first sentence. Left in, they become bogus sentences for
the NLP stages (a caption "Mahmoud al-Rubaie (File photo)" has no verb; a footer names the
outlet as an actor). Each is removed and recorded as ``Furniture(kind, text)``; a breadcrumb
gives the article's section, a dateline its place (and date when it carries a year).

The patterns are data (``data/furniture.yaml``), generic across outlets; the word limits that
keep them from ever eating an ordinary sentence are in ``config.toml`` ``[extract]``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..config import Config, load_config
from ..errors import KnowledgeBaseError
from ..records import Furniture

__all__ = ["SENTENCE_END", "Cleaned", "clean_text", "furniture_patterns", "parse_dateline_date"]

FURNITURE_FILE = "furniture.yaml"

# A line ending like this is a full sentence (or a quote of one), not a link or label.
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*\s*$")
CREDIT_TAIL_CHARS = 200
_BULLET = re.compile(r"^(?:[-–—•*·▪►»]|\d{1,2}[.)])\s+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


@dataclass(slots=True)
class Cleaned:
    """The result of :func:`clean_text`.

    ``text`` holds the kept paragraphs separated by a blank line; ``section`` comes from a
    breadcrumb; ``dateline`` is the place of a wire dateline ("ANCHORAGE, Alaska") and
    ``dateline_date`` its date as YYYY-MM-DD when the dateline gives a year.
    """

    text: str
    section: str | None = None
    furniture: list[Furniture] = field(default_factory=list)
    dateline: str | None = None
    dateline_date: str | None = None


@dataclass(frozen=True, slots=True)
class _Patterns:
    separator: re.Pattern[str]
    strong_separator: re.Pattern[str]
    roots: frozenset[str]
    not_sections: frozenset[str]
    caption_line: re.Pattern[str]
    caption_trailer: re.Pattern[str]
    share: re.Pattern[str]
    byline: re.Pattern[str]
    credit: re.Pattern[str]
    meta: re.Pattern[str]
    footer_start: re.Pattern[str]
    datelines: tuple[re.Pattern[str], ...]
    not_places: frozenset[str]


def _alternation(patterns: list[str], flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    except re.error as e:
        raise KnowledgeBaseError(f"[E201] Bad regular expression under '{where}' in "
                                 f"{FURNITURE_FILE}: {e}") from e


def _fill(template: str, pieces: dict[str, str]) -> str:
    """``template`` with ``{name}`` replaced by ``pieces[name]`` (str.format would trip over
    the regex's own braces, as in ``\\d{1,2}``)."""
    return re.sub(r"\{(\w+)\}", lambda m: f"(?:{pieces[m.group(1)]})" if m.group(1) in pieces
                  else m.group(0), template)


@lru_cache(maxsize=1)
def furniture_patterns() -> _Patterns:
    """The compiled patterns of ``data/furniture.yaml`` (loaded once per process).

    Raises KnowledgeBaseError when the file is missing a section or holds a bad regex."""
    raw = resources.files(__package__).joinpath("data", FURNITURE_FILE).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(raw)
    try:
        crumb, caption, dl = data["breadcrumb"], data["caption"], data["dateline"]
        agencies = sorted(dl["agencies"], key=len, reverse=True)
        pieces = {
            "month": dl["month"],
            "agency": "|".join(re.escape(a) for a in agencies) + r"|[A-Z]{2,6}",
        }
        pieces["date"] = _fill(dl["date"], pieces)
        pieces["place"] = dl["place"]
        pieces["caps_place"] = dl["caps_place"]
        ci = re.IGNORECASE
        return _Patterns(
            separator=re.compile(crumb["separator"]),
            strong_separator=re.compile(crumb["strong_separator"]),
            roots=frozenset(r.lower() for r in crumb["roots"]),
            not_sections=frozenset(r.lower() for r in crumb["not_sections"]),
            caption_line=_alternation(caption["line"], ci, "caption.line"),
            caption_trailer=_alternation(caption["trailer"], ci, "caption.trailer"),
            share=_alternation(data["share"]["line"], ci, "share.line"),
            byline=_alternation(data["byline"]["line"], ci, "byline.line"),
            credit=_alternation(data["byline"]["credit"], ci, "byline.credit"),
            meta=_alternation(data["meta"]["line"], ci, "meta.line"),
            footer_start=_alternation(data["footer"]["start"], ci, "footer.start"),
            datelines=tuple(
                _alternation([_fill(p, pieces)], 0, "dateline.patterns")
                for p in dl["patterns"]
            ),
            not_places=frozenset(dl["not_places"]),
        )
    except KeyError as e:
        raise KnowledgeBaseError(
            f"[E200] {FURNITURE_FILE} lacks the entry {e}. Expected sections: breadcrumb, "
            "caption, share, byline, meta, footer, dateline"
        ) from e


def parse_dateline_date(text: str) -> str | None:
    """YYYY-MM-DD of a dateline date that carries a year ("Feb 26, 2021", "3 January 2021"),
    else None (a date without a year is not a publication date we can trust)."""
    year = re.search(r"\b(1[89]\d\d|2\d\d\d)\b", text)
    month = re.search(r"\b([A-Za-z]{3})[a-z]*\.?", re.sub(r"^\w+day,?\s+", "", text))
    day = re.search(r"(?<!\d)(\d{1,2})(?!\d)", text)
    if not (year and month and day) or month.group(1).lower() not in _MONTHS:
        return None
    try:
        return date(int(year.group(1)), _MONTHS[month.group(1).lower()],
                    int(day.group(1))).isoformat()
    except ValueError:
        return None


def _units(text: str) -> list[str]:
    """The text's paragraphs. A block of lines separated from the next by a blank line is one
    paragraph when its lines look hard-wrapped (they stop mid-sentence); otherwise each
    line is a paragraph of its own, as extractors write them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if len(lines) > 2:
            inner = lines[:-1]
            wrapped = sum(1 for line in inner
                          if not SENTENCE_END.search(line) and len(line.split()) >= 5)
            if wrapped >= 0.6 * len(inner):
                units.append(" ".join(lines))
                continue
        units.extend(lines)
    return units


def _breadcrumb(line: str, pats: _Patterns, cfg: dict[str, Any]) -> list[str] | None:
    """The parts of a breadcrumb line ("News / Iraq" -> ["News", "Iraq"]), or None when the
    line is not one."""
    if SENTENCE_END.search(line) or not pats.separator.search(line):
        return None
    parts = [p.strip() for p in pats.separator.split(line)]
    if not 2 <= len(parts) <= cfg["breadcrumb_max_parts"] or not all(parts):
        return None
    if any(len(p.split()) > cfg["breadcrumb_max_part_words"] for p in parts):
        return None
    rooted = parts[0].lower() in pats.roots
    if not rooted and not pats.strong_separator.search(line):
        return None
    # Section names are capitalised; "<Acme Corp> said" is a sentence, not a trail.
    if "<" in line or not (rooted or all(p[0].isupper() or p[0].isdigit() for p in parts)):
        return None
    return parts


def _is_link_line(line: str, max_words: int) -> bool:
    return len(line.split()) <= max_words and not SENTENCE_END.search(line)


def _classify(line: str, pats: _Patterns, cfg: dict[str, Any]) -> tuple[str, str] | None:
    """(kind, removed text) when ``line`` is furniture as a whole or ends in a credit;
    the removed text is the whole line or just the trailing credit."""
    words = len(line.split())
    bare = _BULLET.sub("", line)  # link lists come as bullets: "- Print Article"
    if words <= cfg["footer_max_words"] and pats.footer_start.search(line):
        return "footer", line
    if pats.share.fullmatch(bare):
        return "share", line
    if words <= cfg["byline_max_words"] and pats.byline.fullmatch(bare):
        return "byline", line
    if words <= cfg["footer_max_words"] and pats.credit.fullmatch(bare):
        return "byline", line
    if words <= cfg["byline_max_words"] and pats.meta.fullmatch(bare):
        return "meta", line
    if words <= cfg["caption_max_words"] and pats.caption_line.fullmatch(bare):
        return "caption", line
    # Credits are short and at the very end; searching only the tail keeps long paragraphs cheap.
    credit = pats.caption_trailer.search(line, max(0, len(line) - CREDIT_TAIL_CHARS))
    if credit:
        before = line[: credit.start()].strip()
        if len(before.split()) <= cfg["caption_max_words"]:
            return "caption", line
        return "caption", line[credit.start():].strip()
    return None


def _dateline(paragraph: str, pats: _Patterns) -> re.Match[str] | None:
    for pattern in pats.datelines:
        m = pattern.match(paragraph)
        if not m:
            continue
        place = m.group("place") or ""
        if place.split(",")[0].strip() in pats.not_places:
            continue
        rest = paragraph[m.end():]
        # A dateline opens a sentence: what follows starts it and is more than a stub.
        if len(rest.split()) >= 3 and re.match(r"[\"“‘'(]?[A-Z0-9]", rest):
            return m
    return None


def clean_text(text: str, *, config: Config | None = None) -> Cleaned:
    """Remove page furniture from ``text`` (plain text, paragraphs one per line or separated
    by blank lines) and return the kept paragraphs joined by "\\n\\n", the section of a
    breadcrumb, the removed pieces, and the place/date of a wire dateline.

    Never raises on odd text; an empty text gives an empty ``Cleaned``."""
    cfg = (config or load_config())["extract"]
    pats = furniture_patterns()
    units = _units(text)
    out = Cleaned(text="")

    # Breadcrumbs sit above the headline; only the first lines can be one.
    for i, line in enumerate(units[: cfg["breadcrumb_lines"]]):
        parts = _breadcrumb(line, pats, cfg)
        if parts:
            # "Home / News" is a trail but names no section.
            if parts[-1].lower() not in pats.not_sections:
                out.section = parts[-1]
            out.furniture.append(Furniture("breadcrumb", line))
            del units[i]
            break

    kept: list[str] = []
    in_footer = False
    for line in units:
        if in_footer and _is_link_line(line, cfg["footer_link_max_words"]):
            out.furniture.append(Furniture("footer", line))
            continue
        in_footer = False
        found = _classify(line, pats, cfg)
        if found is None:
            kept.append(line)
            continue
        kind, removed = found
        out.furniture.append(Furniture(kind, removed))
        in_footer = kind == "footer"
        if removed != line:  # only a trailing credit went; the paragraph stays
            kept.append(line[: len(line) - len(removed)].rstrip(" |–—-"))

    for i, paragraph in enumerate(kept[: cfg["dateline_paragraphs"]]):
        m = _dateline(paragraph, pats)
        if m:
            out.dateline = (m.group("place") or "").strip() or None
            if m.group("date"):
                out.dateline_date = parse_dateline_date(m.group("date"))
            out.furniture.append(Furniture("dateline", paragraph[: m.end()].strip()))
            kept[i] = paragraph[m.end():].lstrip()
            break

    out.text = "\n\n".join(kept)
    return out
