"""Reports for curating the knowledge base: which names the linker could not link."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..records import Mention
from .kb import KnowledgeBase, name_key
from .link import active_kb

#: Mention labels that carry a name (as opposed to "police", "he").
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "KB"})
_LEADING = re.compile(r"^(the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")


def unknown_names(mentions: Iterable[Mention], top: int = 50,
                  kb: KnowledgeBase | None = None) -> list[tuple[str, int]]:
    """The ``top`` most frequent names among mentions not linked to a KB actor (no actor, or
    an actor coded from context only), as (name, count), most frequent first.

    Names are counted after trimming a leading article and a possessive, so "the Popular
    Front" and "Popular Front's" count together. Names the KB (``kb``, default: the active
    one) already knows — regions such as "Europe", generic agent phrases such as "Supreme
    Court" — are not listed: there is nothing to curate.
    """
    kb = kb or active_kb()
    counts: Counter[str] = Counter()
    for mention in mentions:
        if mention.label not in NAMED_LABELS:
            continue
        if mention.actor is not None and mention.actor.id is not None:
            continue
        name = _POSSESSIVE.sub("", _LEADING.sub("", " ".join(mention.text.split()))).strip()
        key = name_key(name)
        if not name or key in kb.names or key in kb.agents:
            continue
        counts[name] += 1
    return counts.most_common(top)
