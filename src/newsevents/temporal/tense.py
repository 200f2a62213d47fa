"""The tense of the clause a temporal expression modifies, read from the dependency parse.

A bare "Friday" or "July 26" lies before the publication date in "he said on Friday" and
after it in "he will visit on Friday" or "talks are scheduled for Friday". The governing
verb is found by climbing from the expression's root to the nearest verb; its tense comes
from its tag (VBD, VBZ...), its auxiliaries ("will", "has", "is going to") and, for an
infinitive, from the verb that governs it ("plans to meet Friday").
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .grammar import Lexicon
from .normalize import FUTURE, PAST, PRESENT

_VERBS = ("VERB", "AUX")
_HAVE = frozenset({"has", "have", "had", "'s", "'ve", "'d"})
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
_PAST_BE = frozenset({"was", "were"})
#: Modals that put their verb in an unrealised future ("could meet on Friday").
_MODALS = frozenset({"must", "should", "ought"})
_MAX_CLIMB = 8


def governing_verb(span: Span) -> Token | None:
    """The nearest verb at or above the span's root in the dependency tree (None if none)."""
    token = span.root
    for _ in range(_MAX_CLIMB):
        if token.pos_ in _VERBS and token.dep_ != "aux" and token.dep_ != "auxpass":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def verb_tense(verb: Token, lexicon: Lexicon, depth: int = 0) -> str | None:
    """PAST, PRESENT, FUTURE or None for ``verb`` with its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if any(lexicon.get("future_auxiliary", w) for w in words):
        return FUTURE
    if _plans(verb, lexicon):
        return FUTURE
    if verb.tag_ == "VBN" and words & _HAVE:
        return PAST
    if words & _MODALS:
        return FUTURE
    infinitive = any(a.lower_ == "to" and a.tag_ == "TO" for a in auxes)
    if infinitive:
        head = verb.head
        if head.i != verb.i and head.pos_ in _VERBS and depth < 3:
            if head.lemma_.lower() in lexicon.lists["future_verb"]:
                return FUTURE  # "plans to meet", "was set to resume"
            governed = verb_tense(head, lexicon, depth + 1)
            return FUTURE if governed in (PRESENT, None) else governed
        return FUTURE  # a headline infinitive: "Biden to visit Iraq on Friday"
    if verb.tag_ == "VBD" or words & _PAST_BE or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBG" and words & _PRESENT_BE:
        return FUTURE  # "is meeting on Friday": the present progressive of plans
    if verb.tag_ in ("VBZ", "VBP") or words & _PRESENT_BE:
        return PRESENT
    if verb.tag_ == "VBN":
        return PAST  # a reduced passive: "the law adopted in January"
    if verb.tag_ == "VBG" and depth < 3 and verb.head.i != verb.i:
        # A participle clause ("..., saying on Friday that") takes the tense of the clause
        # it hangs on. (Tokens are compared by index: spaCy makes a new object per access.)
        head = verb.head
        for _ in range(_MAX_CLIMB):
            if head.pos_ in _VERBS or head.head.i == head.i:
                break
            head = head.head
        if head.pos_ in _VERBS and head.i != verb.i:
            return verb_tense(head, lexicon, depth + 1)
    return None


def _plans(verb: Token, lexicon: Lexicon) -> bool:
    """Whether ``verb`` itself schedules something ("is scheduled for Friday", "is due
    Monday"); "set" only with a complement ("set for Friday"), not "a record set on Aug. 6"."""
    lemma = verb.lemma_.lower()
    if lemma not in lexicon.lists["future_verb"] or verb.tag_ == "VBD":
        return False
    if lexicon.get("future_verb", lemma) == "complement":
        return any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for")
                   for c in verb.children)
    return True


def past_perfect(span: Span) -> bool:
    """Whether ``span`` modifies a past perfect clause ("had not called it until Thursday",
    "had been due to expire Friday"): a plan or deadline already past at the time told."""
    verb = governing_verb(span)
    for _ in range(2):  # the verb itself, or the one governing its infinitive
        if verb is None:
            return False
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if verb.tag_ == "VBN" and any(a.lower_ in ("had", "'d") and a.tag_ == "VBD"
                                      for a in auxes):
            return True
        if not any(a.lower_ == "to" and a.tag_ == "TO" for a in auxes) or verb.head.i == verb.i:
            return False
        verb = verb.head
        if verb.dep_ == "acomp" and verb.head.i != verb.i:
            verb = verb.head  # "had been due to expire"
    return False


def clause_tense(span: Span, lexicon: Lexicon) -> str | None:
    """The tense of the clause ``span`` modifies (PAST / PRESENT / FUTURE / None)."""
    if span.root.dep_ == "poss":
        return None  # "Wednesday's ruling" dates a noun, not the clause's verb
    verb = governing_verb(span)
    return verb_tense(verb, lexicon) if verb is not None else None
