"""Speaker resolution: from the subject of a cue to the name of who spoke.

* a name (an entity) is the speaker, written out in full when the article gives the full
  name elsewhere ("Rubaie" -> "Mahmoud al-Rubaie");
* "he"/"she" is the person last quoted or, failing that, the person last named as a
  subject, in the preceding sentences; "they" the group (organisation, country) likewise;
* "the spokesman" is the person named earlier with that title nearby ("spokesman X",
  "X, the spokesman"), or else the person quoted in the next sentence;
* coordinated subjects ("Baghdad and Washington said") are one speaker covering both.

The actor of a speaker comes from ``doc._.mentions`` when the actors component ran, else
from ``newsevents.actors.code_span`` when it exists, else it is None.
"""
from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..records import ActorRef, Mention, Quote, Speaker

if TYPE_CHECKING:
    from .extract import QuoteOptions, _DocIndex
    from .lexicon import Lexicon

log = logging.getLogger(__name__)

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})
_THEY_LABELS = frozenset({"ORG", "NORP"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NP_LEFT = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"})
_NP_RIGHT_PREPS = frozenset({"of", "for", "at", "from", "with", "in", "to"})
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’-]*")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: How far (tokens) from a name a title may stand to describe it: "spokesman X".
_TITLE_REACH = 12


class _Part:
    """One coordinated piece of a speaker phrase, after resolution."""

    __slots__ = ("start", "end", "text", "kind", "local", "gender")

    def __init__(
        self, start: int, end: int, text: str, kind: str, local: bool, gender: str | None = None
    ) -> None:
        self.start, self.end, self.text = start, end, text
        self.kind = kind  # person | group | name | description | pronoun
        self.local = local  # the offsets are the subject's own, not an antecedent's
        self.gender = gender  # male | female | None (persons only)


class SpeakerResolver:
    """Resolves cue subjects of one Doc in document order; remembers who spoke where."""

    def __init__(self, index: _DocIndex, lex: Lexicon, opts: QuoteOptions) -> None:
        self.ix = index
        self.doc = index.doc
        self.lex = lex
        self.opts = opts
        self.ent_of: list[SpacySpan | None] = [None] * len(self.doc)
        for ent in self.doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        self.history: list[tuple[int, _Part]] = []  # (sentence, part) of resolved speakers
        self.pending: list[tuple[int, Speaker, str]] = []  # descriptions left unresolved
        self.kinds: dict[int, str] = {}  # id(Speaker) -> kind of its single part
        self._persons: dict[int, list[SpacySpan]] | None = None
        self._groups: dict[int, list[SpacySpan]] | None = None
        self._full_names: dict[str, set[str]] | None = None
        self._genders: dict[str, str] = {}  # resolved name -> male | female
        mentions: list[Mention] = list(getattr(self.doc._, "mentions", None) or [])
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._mention_starts = [m.start for m in self.mentions]

    # -- public --------------------------------------------------------------------------

    def resolve(self, subject: Token | None, sentence: int, cue: Token) -> Speaker | None:
        """The speaker of a cue whose subject is ``subject`` (None when there is none)."""
        if subject is None:
            return None
        heads = _coordinated(subject)
        parts = [self._part(h, sentence) for h in heads]
        for part in parts:
            if part.kind in ("person", "group", "name"):
                self.history.append((sentence, part))
        speaker = self._speaker(parts, subject)
        if len(parts) > 1:
            # "Mr. Grassley and Mr. Leahy say ... they say": a later "they" is all of them.
            self.history.append(
                (sentence, _Part(speaker.start, speaker.end, speaker.text, "plural", False))
            )
        if len(parts) == 1:
            self.kinds[id(speaker)] = parts[0].kind
            if parts[0].kind == "description" and self._definite_role(subject):
                self.pending.append((sentence, speaker, subject.lemma_.lower()))
        return speaker

    def phrase(self, lo: int, hi: int) -> Speaker:
        """The speaker named by the tokens [lo, hi) (a headline's "Resistance group")."""
        for i in range(lo, hi):
            ent = self.ent_of[i]
            if ent is not None and ent.label_ in _NAME_LABELS:
                # Clipped to the phrase: the model may glue a word before it into the
                # name ("Said Jenkins" as one PERSON when "Said" is the cue); the clipped
                # name is taken as written, since the article's fuller forms of it would
                # carry the same glued word.
                if lo <= ent.start and ent.end <= hi:
                    return self._with_actor(ent.start_char, ent.end_char, self._name(ent))
                name = self.doc[max(ent.start, lo) : min(ent.end, hi)]
                return self._with_actor(name.start_char, name.end_char, name.text)
        span = self.doc[lo:hi]
        return self._with_actor(span.start_char, span.end_char, span.text)

    def resolve_forward(self, quotes: list[tuple[int, Quote]]) -> None:
        """Descriptions still unresolved take the person quoted in the next sentence(s):
        "The spokesman says ... . “...,” Mahmoud al-Rubaie told ..."."""
        for sentence, speaker, _lemma in self.pending:
            if self.kinds.get(id(speaker)) != "description":
                continue
            later = sorted(
                (
                    (s, q)
                    for s, q in quotes
                    if sentence < s <= sentence + self.opts.forward_window and q.speaker
                ),
                key=lambda sq: sq[1].start,
            )
            for _s, quote in later:
                if self.kinds.get(id(quote.speaker)) == "person":
                    assert quote.speaker is not None
                    speaker.start, speaker.end = quote.speaker.start, quote.speaker.end
                    speaker.text = quote.speaker.text
                    speaker.actor = quote.speaker.actor
                    self.kinds[id(speaker)] = "person"
                    break

    # -- parts -----------------------------------------------------------------------------

    def _part(self, head: Token, sentence: int) -> _Part:
        ent = self.ent_of[head.i]
        if ent is not None and ent.label_ in _NAME_LABELS:
            return self._ent_part(ent, local=True)
        pron = self.lex.pronouns.get(head.lower_) if head.pos_ == "PRON" else None
        if pron is not None:
            found = self._antecedent(pron, sentence, head.i)
            if found is not None:
                if pron in ("male", "female") and found.gender is None:
                    self._genders[found.text] = pron  # "he" said it: now we know
                return found
            return _Part(head.idx, head.idx + len(head.text), head.text, "pronoun", True)
        for child in head.children:  # "the spokesman, Mahmoud al-Rubaie," / "spokesman X"
            if child.dep_ in ("appos", "compound"):
                sub = self.ent_of[child.i]
                if sub is not None and sub.label_ == "PERSON":
                    return self._ent_part(sub, local=True)
        lo, hi = _noun_phrase(head)
        if self._definite_role(head):
            named = self._described(head, sentence)
            if named is not None:
                return named
        span = self.doc[lo:hi]
        return _Part(span.start_char, span.end_char, span.text, "description", True)

    def _definite_role(self, head: Token) -> bool:
        """'the spokesman', 'the Vermont senator': a definite noun naming a person's role."""
        return head.lemma_.lower() in self.lex.role_nouns and any(
            c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children
        )

    def _is_person(self, ent: SpacySpan) -> bool:
        """PERSON entities, and names the tagger mislabelled that read as a person's: a
        known given name ("Nadia Petrova"/ORG), an honorific before it ("Mr. Okafor"), or the
        last name of a PERSON named elsewhere in the article ("Costa" after "Rafael Costa")."""
        if ent.label_ == "PERSON":
            return True
        if ent.label_ not in ("ORG", "NORP", "FAC"):
            return False
        words = _strip_possessive(ent.text).split()
        if not words or any(w.lower() in self.lex.organisation_words for w in words):
            return False
        if ent.start and self.lex.gender_of_word(self.doc[ent.start - 1].lower_) is not None:
            return True  # "Mr. Okafor"
        if len(words) == 1:
            return words[0].lower() in self._full_name_index()  # "Costa" after "Rafael Costa"
        # Two to four capitalised words with no organisation word: a person's name.
        return len(words) <= 4 and all(_NAME_WORD.fullmatch(w) for w in words)

    def _ent_part(self, ent: SpacySpan, *, local: bool) -> _Part:
        if self._is_person(ent):
            kind = "person"
        else:
            kind = "group" if ent.label_ in _GROUP_LABELS else "name"
        name = self._name(ent)
        gender = self._gender(ent, name) if kind == "person" else None
        return _Part(ent.start_char, ent.end_char, name, kind, local, gender)

    def _gender(self, ent: SpacySpan, name: str) -> str | None:
        """A person's gender from an honorific or gendered noun just before the name
        ("Mrs. Clinton", "spokeswoman Jane Doe"), from the given name, or from a pronoun
        earlier resolved to the same name; None when nothing tells."""
        for tok in self.doc[max(0, ent.start - 2) : ent.start]:
            found = self.lex.gender_of_word(tok.lower_)
            if found is not None:
                self._genders.setdefault(name, found)
                return found
        if name in self._genders:
            return self._genders[name]
        words = name.split()
        if len(words) > 1:
            found = self.lex.gender_of_word(words[0])
            if found is not None:
                self._genders[name] = found
                return found
        elif words:
            # "Obama" alone: the gender of the full names ending with it, when they agree
            # ("Barack Obama" and "Michelle Obama" in one article tell nothing).
            full = self._full_name_index().get(words[0].lower(), set())
            genders = {self.lex.gender_of_word(n.split()[0]) for n in full if len(n.split()) > 1}
            genders.discard(None)
            if len(genders) == 1:
                found = genders.pop()
                self._genders[name] = found
                return found
        return None

    def _name(self, ent: SpacySpan) -> str:
        """The fullest form of a person's name in the article ("Kadhimi" -> "Mustafa
        al-Kadhimi"), unless two different people share the last name."""
        text = _strip_possessive(ent.text)
        if ent.label_ != "PERSON" and not self._is_person(ent):
            return text
        last = text.split()[-1].lower() if text.split() else ""
        fuller = {n for n in self._full_name_index().get(last, ()) if n.endswith(text)}
        longest = max(fuller, key=len, default=text)
        if len([n for n in fuller if len(n.split()) > len(text.split())]) > 1:
            rivals = {n for n in fuller if n != longest and not longest.endswith(n)}
            if rivals:
                return text
        return longest

    def _full_name_index(self) -> dict[str, set[str]]:
        """Last name (lower case) -> the PERSON names of the article ending with it."""
        if self._full_names is None:
            self._full_names = defaultdict(set)
            for other in self.doc.ents:
                k = self.ix.seg_of[other.start]
                if k >= 0 and self.ix.quotable[k] == 2:
                    continue  # a name inside a quotation: "Crooked Hillary Clinton"
                if other.label_ == "PERSON":
                    name = _strip_possessive(other.text)
                    if name.split():
                        self._full_names[name.split()[-1].lower()].add(name)
        return self._full_names

    # -- antecedents ---------------------------------------------------------------------

    def _index_entities(self) -> None:
        self._persons, self._groups = defaultdict(list), defaultdict(list)
        for ent in self.doc.ents:
            k = self.ix.seg_of[ent.start]
            if k >= 0 and self.ix.quotable[k] == 2:
                continue  # names inside quotations are what was said, not who said it
            sent = self.ix.sent_of[ent.start]
            if self._is_person(ent):
                self._persons[sent].append(ent)
            elif ent.label_ in _THEY_LABELS:
                self._groups[sent].append(ent)  # "they" is rarely a place or a country

    def _antecedent(self, pron: str, sentence: int, position: int) -> _Part | None:
        """The nearest earlier speaker or subject that a pronoun can stand for: a person of
        the pronoun's gender (when known) for he/she, a group for they."""
        if pron in ("male", "female"):
            kind, gender = "person", pron
        elif pron == "group":
            kind, gender = "group", None
        else:
            return None
        if self._persons is None:
            self._index_entities()
        table = self._persons if kind == "person" else self._groups
        assert table is not None

        def fits(part: _Part) -> bool:
            return gender is None or part.gender is None or part.gender == gender

        # "they" stands for a group or for several people quoted together.
        kinds = {kind, "plural"} if kind == "group" else {kind}
        for sent in range(sentence, max(-1, sentence - 1 - self.opts.resolve_window), -1):
            spoke = [p for s, p in self.history if s == sent and p.kind in kinds and fits(p)]
            if spoke:
                last = spoke[-1]
                return _Part(last.start, last.end, last.text, last.kind, False, last.gender)
            ents = table.get(sent, [])
            if sent == sentence:
                # In the pronoun's own sentence only an earlier subject counts: "Ed Rendell
                # praised Sanders ... but he said ..." (not "In an interview with X, he").
                ents = [e for e in ents if e.end <= position and e.root.dep_ in _SUBJECT_DEPS]
            parts = [self._ent_part(e, local=False) for e in ents]
            roots = [e.root.dep_ in _SUBJECT_DEPS for e in ents]
            ranked = [p for p, r in zip(parts, roots) if r and fits(p)]
            ranked += [p for p, r in zip(parts, roots) if not r and fits(p)]
            if ranked:
                return ranked[0]
        return None

    def _described(self, head: Token, sentence: int) -> _Part | None:
        """The person an article introduced with the title that ``head`` repeats:
        "spokesman Mahmoud al-Rubaie", "Mahmoud al-Rubaie, the spokesman", "Spokesman of
        the bureau Mahmoud al-Rubaie" — searched backwards from ``head``."""
        title = head.lemma_.lower()
        abbreviations = self.lex.title_abbreviations
        for i in range(head.i - 1, -1, -1):
            tok = self.doc[i]
            if abbreviations.get(tok.lower_, tok.lemma_.lower()) != title:
                continue
            k = self.ix.seg_of[i]
            if k >= 0 and self.ix.quotable[k] == 2:
                continue
            ent = self._titled_person(tok)
            if ent is not None:
                return self._ent_part(ent, local=False)
        return None

    def _titled_person(self, title: Token) -> SpacySpan | None:
        """The person a title word stands next to, by the parse or else by proximity."""
        linked = [title.head] if title.dep_ in ("compound", "appos") else []
        linked += [c for c in title.children if c.dep_ in ("appos", "compound")]
        for tok in linked:
            ent = self.ent_of[tok.i]
            if ent is not None and ent.label_ == "PERSON":
                return ent
        inside = set()
        for child in title.children:
            if child.dep_ == "prep":
                inside |= _subtree_ids(child)  # "spokesman of X": X is not the spokesman
        lo, hi = self.ix.sent_bounds[self.ix.sent_of[title.i]]
        for i in range(title.i + 1, min(hi, title.i + _TITLE_REACH)):
            ent = self.ent_of[i]
            if ent is not None and ent.label_ == "PERSON" and i not in inside:
                return ent
            if self.doc[i].pos_ in ("VERB", "AUX"):
                break
        for i in range(title.i - 1, max(lo - 1, title.i - 5), -1):
            ent = self.ent_of[i]
            if ent is not None and ent.label_ == "PERSON":
                return ent
        return None

    # -- building the record ----------------------------------------------------------------

    def _speaker(self, parts: list[_Part], subject: Token) -> Speaker:
        if len(parts) == 1:
            p = parts[0]
            return self._with_actor(p.start, p.end, p.text)
        if all(p.local for p in parts):
            start, end = min(p.start for p in parts), max(p.end for p in parts)
        else:
            lo, hi = _noun_phrase(subject, coordinated=True)
            start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1].text)
        names = [p.text for p in parts]
        text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return self._with_actor(start, end, text)

    def _with_actor(self, start: int, end: int, text: str) -> Speaker:
        return Speaker(start=start, end=end, text=text, actor=self._actor(start, end))

    def _actor(self, start: int, end: int) -> ActorRef | None:
        i = bisect.bisect_left(self._mention_starts, start)
        for m in self.mentions[max(0, i - 3) : i + 8]:
            if m.start < end and start < m.end and m.actor is not None:
                return m.actor
        code_span = _code_span()
        if code_span is None:
            return None
        if end <= start:
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        try:
            return code_span(span, date=getattr(self.doc._, "dct", None))
        except Exception:  # noqa: BLE001 - a speaker's actor is optional; never fail a doc
            log.warning("actors.code_span failed on %r", span.text, exc_info=True)
            return None


_CODE_SPAN: list[Any] = []


def _code_span() -> Any:
    """``newsevents.actors.code_span`` when the actors package provides it, else None."""
    if not _CODE_SPAN:
        try:
            from ..actors import code_span  # type: ignore[attr-defined]
        except ImportError:
            code_span = None
        _CODE_SPAN.append(code_span)
    return _CODE_SPAN[0]


def _coordinated(head: Token) -> list[Token]:
    """``head`` and the subjects coordinated with it ("Baghdad and Washington")."""
    out = [head]
    frontier = [head]
    while frontier:
        tok = frontier.pop()
        for child in tok.children:
            if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(child)
                frontier.append(child)
    return sorted(out, key=lambda t: t.i)


def _noun_phrase(head: Token, *, coordinated: bool = False) -> tuple[int, int]:
    """Token range of a speaker noun phrase without its relative clauses and appositions
    ("A spokesman for Mayor Frank Jackson of Cleveland, who ..., " -> up to Cleveland)."""
    lo, hi = head.i, head.i + 1
    for child in head.children:
        if child.i < head.i and child.dep_ in _NP_LEFT:
            lo = min(lo, child.left_edge.i)
        elif child.i > head.i and child.dep_ == "prep" and child.lower_ in _NP_RIGHT_PREPS:
            hi = max(hi, child.right_edge.i + 1)
        elif coordinated and child.dep_ in ("conj", "cc"):
            hi = max(hi, child.right_edge.i + 1)
    return lo, hi


def _subtree_ids(tok: Token) -> set[int]:
    return set(range(tok.left_edge.i, tok.right_edge.i + 1))


def _strip_possessive(text: str) -> str:
    for tail in ("’s", "'s", "’", "'"):
        if text.endswith(tail):
            return text[: -len(tail)]
    return text
