"""The PLOVER ontology and the CAMEO <-> PLOVER map, loaded from the package's data files.

``data/plover.yaml`` holds the 16 categories (quad class, intensity, default CAMEO code,
modes with their intensities) and the aliases of older labels; ``data/cameo_plover.tsv``
maps every CAMEO code to its PLOVER category, mode and context.

>>> onto = load_ontology()
>>> onto.quad_class("ASSAULT"), onto.intensity("RETREAT", "withdraw")
(4, 8.0)
>>> onto.plover_for_cameo("0874")
('RETREAT', 'disarm')
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import KnowledgeBaseError

CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: Categories whose actor and recipient play the same role (dyads compared unordered).
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: Cooperative acts: promised -> AGREE, negated -> REJECT under PLOVER's conventions.
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
#: Conflict acts that, announced for the future, are threats under PLOVER's conventions.
FORCEFUL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})


def plover_category(event: Any) -> str:
    """The category a PLOVER/CAMEO coder would give ``event`` (an Event), folding its
    status into the category the way those coding conventions do: a promised or planned
    cooperative act is AGREE ("will release" -> AGREE), a planned act of force or pressure
    is THREATEN ("will boycott" -> THREATEN), a negated cooperative act is REJECT ("will
    not lift the ban" -> REJECT). newsevents itself keeps the act and records the status
    in ``modality`` and ``negated``; use this to compare with PLOVER-coded data."""
    kind = event.type
    if event.negated:
        return "REJECT" if kind in COOPERATIVE and kind != "REJECT" else kind
    if event.modality in ("intended", "hypothetical"):
        if kind in COOPERATIVE:
            return "AGREE"
        if kind in FORCEFUL:
            return "THREATEN"
    return kind


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    quad_class: int
    intensity: float
    cameo: str
    definition: str
    modes: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    plover: str
    mode: str | None
    context: str | None
    label: str


class Ontology:
    """PLOVER categories and the CAMEO map. Build with :func:`load_ontology`."""

    def __init__(
        self, categories: dict[str, Category], aliases: dict[str, str], cameo: dict[str, CameoCode]
    ) -> None:
        self.categories = categories
        self.aliases = aliases
        self.cameo = cameo

    def category(self, name: str) -> Category:
        """The category called ``name`` (old labels such as DEMAND are accepted).

        Raises KnowledgeBaseError naming the valid categories when there is none."""
        key = self.aliases.get(name.upper(), name.upper())
        try:
            return self.categories[key]
        except KeyError as e:
            raise KnowledgeBaseError(
                f"[E600] Unknown PLOVER category {name!r}. "
                f"Valid categories: {', '.join(self.categories)}"
            ) from e

    def normalize(self, name: str) -> str:
        """The current category name for ``name`` (DEMAND -> REQUEST, FIGHT -> ASSAULT)."""
        return self.category(name).name

    def quad_class(self, name: str) -> int:
        return self.category(name).quad_class

    def intensity(self, name: str, mode: str | None = None) -> float:
        """The PLOVER intensity of a category, or of its mode when the mode has one."""
        cat = self.category(name)
        if mode and mode in cat.modes:
            return float(cat.modes[mode])
        return float(cat.intensity)

    def is_mode(self, name: str, mode: str | None) -> bool:
        return mode is None or mode in self.category(name).modes

    def plover_for_cameo(self, code: str) -> tuple[str, str | None] | None:
        """(category, mode) of a CAMEO code; falls back to shorter prefixes; None when the
        code has no PLOVER category (the dropped roots 01 and 02)."""
        for n in range(len(code), 1, -1):
            entry = self.cameo.get(code[:n])
            if entry:
                return entry.plover, entry.mode
        return None

    def cameo_for(self, name: str, mode: str | None = None) -> str:
        """A CAMEO code for a category (and mode): the first code of the map with that
        category and mode, else the category's default code."""
        cat = self.category(name)
        if mode:
            for entry in self.cameo.values():
                if entry.plover == cat.name and entry.mode == mode:
                    return entry.code
        return cat.cameo


def _read_categories(data: dict[str, Any]) -> tuple[dict[str, Category], dict[str, str]]:
    cats = {}
    for name, spec in data["categories"].items():
        if name not in CATEGORIES:
            raise KnowledgeBaseError(
                f"[E601] plover.yaml names category {name!r}, which PLOVER does not have. "
                f"Valid categories: {', '.join(CATEGORIES)}"
            )
        cats[name] = Category(
            name=name,
            quad_class=int(spec["quad_class"]),
            intensity=float(spec["intensity"]),
            cameo=str(spec["cameo"]),
            definition=str(spec.get("definition", "")),
            modes={m: float(v) for m, v in (spec.get("modes") or {}).items()},
        )
    missing = set(CATEGORIES) - set(cats)
    if missing:
        raise KnowledgeBaseError(f"[E602] plover.yaml lacks categories: {', '.join(sorted(missing))}")
    aliases = {k.upper(): v for k, v in (data.get("aliases") or {}).items()}
    return cats, aliases


def _read_cameo(text: str, cats: dict[str, Category]) -> dict[str, CameoCode]:
    rows = csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")), delimiter="\t")
    out: dict[str, CameoCode] = {}
    for lineno, row in enumerate(rows, start=2):
        plover = row["plover"].strip()
        mode = (row.get("mode") or "").strip() or None
        if plover not in cats:
            raise KnowledgeBaseError(
                f"[E603] cameo_plover.tsv row {lineno}: unknown category {plover!r}. "
                f"Valid categories: {', '.join(cats)}"
            )
        if mode and mode not in cats[plover].modes:
            raise KnowledgeBaseError(
                f"[E604] cameo_plover.tsv row {lineno}: {plover} has no mode {mode!r}. "
                f"Valid modes: {', '.join(cats[plover].modes) or '(none)'}"
            )
        code = row["cameo"].strip()
        out[code] = CameoCode(code, plover, mode, (row.get("context") or "").strip() or None,
                              (row.get("label") or "").strip())
    return out


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The shipped ontology (loaded once per process).

    Raises KnowledgeBaseError when a data file is missing or inconsistent."""
    base = resources.files("newsevents.events").joinpath("data")
    try:
        data = yaml.safe_load(base.joinpath("plover.yaml").read_text(encoding="utf-8"))
        tsv = base.joinpath("cameo_plover.tsv").read_text(encoding="utf-8")
    except (OSError, yaml.YAMLError) as e:
        raise KnowledgeBaseError(f"[E605] Cannot read the PLOVER ontology data: {e}") from e
    cats, aliases = _read_categories(data)
    return Ontology(cats, aliases, _read_cameo(tsv, cats))
