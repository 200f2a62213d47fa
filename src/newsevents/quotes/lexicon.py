"""The cue lexicon: verbs and nouns of saying, thinking and showing, and the words around them.

Knowledge lives in ``data/cues.yaml`` (shipped with the package); this module reads it once
and hands out frozen sets. Users extend the lexicon by passing their own YAML file with the
same keys (``[quotes] lexicon`` in the config).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..errors import KnowledgeBaseError

_LIST_KEYS = (
    "speech_verbs",
    "evidence_verbs",
    "cognition_verbs",
    "control_verbs",
    "object_verbs",
    "speech_object_verbs",
    "speech_nouns",
    "stance_nouns",
    "noun_cue_verbs",
    "stance_adjectives",
    "addressee_nouns",
    "channel_nouns",
    "label_words",
    "role_nouns",
    "female_words",
    "male_words",
    "organisation_words",
    "inscription_nouns",
    "chant_nouns",
)
_MAP_KEYS = ("particle_cues", "pronouns", "title_abbreviations")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word sets the extractor consults; every entry is lower case."""

    speech_verbs: frozenset[str]
    evidence_verbs: frozenset[str]
    cognition_verbs: frozenset[str]
    control_verbs: frozenset[str]
    object_verbs: frozenset[str]
    speech_object_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    stance_nouns: frozenset[str]
    noun_cue_verbs: frozenset[str]
    stance_adjectives: frozenset[str]
    addressee_nouns: frozenset[str]
    channel_nouns: frozenset[str]
    label_words: frozenset[str]
    role_nouns: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    organisation_words: frozenset[str]
    particle_cues: dict[str, frozenset[str]]
    pronouns: dict[str, str]
    title_abbreviations: dict[str, str]
    female_names: frozenset[str] = frozenset()
    male_names: frozenset[str] = frozenset()
    #: Cue verbs counted in PolNeAR's training split (data/learned_cues.yaml, written by
    #: eval/quote_cues.py); the extractor uses them only in the "attribution" scope.
    learned_verbs: frozenset[str] = frozenset()
    #: Cue nouns counted the same way ("criticism", "endorsement"); "attribution" scope only.
    learned_nouns: frozenset[str] = frozenset()
    #: Things that bear words ("a sign reading “...”", "a hat that read “...”"): their words
    #: are quoted even when short or in Title Case, as slogans are.
    inscription_nouns: frozenset[str] = frozenset()
    #: Nouns of crowd speech taking the words with "of" ("chants of “...”").
    chant_nouns: frozenset[str] = frozenset()

    def gender_of_word(self, word: str) -> str | None:
        """'female'/'male' for a gendered honorific, noun or given name, else None."""
        word = word.lower()
        if word in self.female_words or word in self.female_names:
            return "female"
        if word in self.male_words or word in self.male_names:
            return "male"
        return None

    def cue_lemmas(self, *, include_cognition: bool) -> frozenset[str]:
        """Lemmas that may head a cue (verbs with a particle are added by the caller)."""
        lemmas = self.speech_verbs | self.evidence_verbs
        return lemmas | self.cognition_verbs if include_cognition else lemmas


def _read(path: Path | None, shipped: str = "cues.yaml") -> dict:
    try:
        if path is None:
            text = resources.files(__package__).joinpath(f"data/{shipped}").read_text("utf-8")
            origin = f"newsevents/quotes/data/{shipped}"
        else:
            text, origin = Path(path).read_text(encoding="utf-8"), str(path)
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as e:
        raise KnowledgeBaseError(f"[E501] Cannot read the quote cue lexicon {path}: {e}") from e
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"[E502] Cue lexicon {origin} must be a mapping of lists")
    if shipped != "cues.yaml":
        return data
    unknown = set(data) - set(_LIST_KEYS) - set(_MAP_KEYS)
    if unknown:
        raise KnowledgeBaseError(
            f"[E503] Unknown keys {sorted(unknown)} in cue lexicon {origin}. "
            f"Available keys: {', '.join(_LIST_KEYS + _MAP_KEYS)}"
        )
    return data


@lru_cache(maxsize=8)
def load_lexicon(extra: str | None = None) -> Lexicon:
    """The shipped lexicon, extended by the YAML file ``extra`` (lists are added to).

    Raises KnowledgeBaseError when a file is unreadable or has unknown keys.
    """
    merged: dict = {key: [] for key in _LIST_KEYS} | {key: {} for key in _MAP_KEYS}
    for data in (_read(None), _read(Path(extra)) if extra else {}):
        for key in _LIST_KEYS:
            merged[key].extend(str(w).lower() for w in data.get(key) or [])
        for key in _MAP_KEYS:
            merged[key].update(data.get(key) or {})
    names = _read(None, "first_names.yaml")
    learned = _read(None, "learned_cues.yaml")
    return Lexicon(
        **{key: frozenset(merged[key]) for key in _LIST_KEYS},
        particle_cues={k: frozenset(v) for k, v in merged["particle_cues"].items()},
        pronouns={str(k).lower(): str(v) for k, v in merged["pronouns"].items()},
        title_abbreviations={
            str(k).lower(): str(v).lower() for k, v in merged["title_abbreviations"].items()
        },
        female_names=frozenset(str(n).lower() for n in names.get("female") or []),
        male_names=frozenset(str(n).lower() for n in names.get("male") or []),
        learned_verbs=frozenset(str(w).lower() for w in learned.get("learned_verbs") or []),
        learned_nouns=frozenset(str(w).lower() for w in learned.get("learned_nouns") or []),
    )
