"""Reports for curating the knowledge base: which names the linker could not link."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..records import Mention

#: Mention labels that carry a name (as opposed to "police", "he").
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "KB"})
_LEADING = re.compile(r"^(the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")


def unknown_names(mentions: Iterable[Mention], top: int = 50) -> list[tuple[str, int]]:
    """The ``top`` most frequent names among mentions not linked to a KB actor (no actor, or
    an actor coded from context only), as (name, count), most frequent first.

    Names are counted after trimming a leading article and a possessive, so "the Popular
    Front" and "Popular Front's" count together.
    """
    counts: Counter[str] = Counter()
    for mention in mentions:
        if mention.label not in NAMED_LABELS:
            continue
        if mention.actor is not None and mention.actor.id is not None:
            continue
        name = _POSSESSIVE.sub("", _LEADING.sub("", " ".join(mention.text.split()))).strip()
        if name:
            counts[name] += 1
    return counts.most_common(top)
