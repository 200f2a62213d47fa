"""How the argument tables write an expected actor or recipient, and the check they share.

A code is "CCC" (country), "CCCSEC" (country and sector), "-SEC" (sector, any country), ""
(an argument the coder cannot place: no country, no sector) or None (no argument at all)."""
from __future__ import annotations


def matches(ref, want: str | None) -> bool:
    """Whether the ActorRef ``ref`` (or None) is what the code ``want`` asks for."""
    if want is None:
        return ref is None
    if ref is None:
        return False
    if want == "":
        return not (ref.country or ref.sector)
    if want.startswith("-"):
        return ref.sector == want[1:]
    return ref.country == want[:3] and (len(want) == 3 or ref.sector == want[3:])


def check_trigger_row(doc, type_: str, trigger: str, actor: str | None, recipient: str | None) -> None:
    """The events of ``doc`` of ``type_`` whose trigger contains ``trigger``: none when
    ``actor`` is None, else at least one with that actor and recipient."""
    events = [e for e in doc._.events if e.type == type_ and trigger in e.trigger.text]
    if actor is None:
        assert [(e.actor, e.recipient) for e in events] == []
        return
    assert any(matches(e.actor, actor) and matches(e.recipient, recipient) for e in events), [
        (e.actor, e.recipient) for e in events]
