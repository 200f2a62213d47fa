"""The custom attributes our spaCy components read and write, registered in one place.

Values are plain records from :mod:`newsevents.records` (never spaCy objects), so a Doc's
findings can be turned into a Result without touching the parse again.

=================  =============================  ======================================
attribute          set by                         holds
=================  =============================  ======================================
doc._.article      pipeline (before parsing)      the Article (metadata, id)
doc._.dct          pipeline (before parsing)      publication date "YYYY-MM-DD" or None
doc._.timexes      newsevents_timexes             list[Timex]
doc._.mentions     newsevents_actors              list[Mention]
doc._.quotes       newsevents_quotes              list[Quote]
doc._.events       newsevents_events              list[Event]
=================  =============================  ======================================
"""
from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = ("article", "dct", "timexes", "mentions", "quotes", "events")


def register_extensions() -> None:
    """Register every Doc attribute (idempotent)."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
