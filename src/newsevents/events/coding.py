"""Coding an event argument (a noun phrase) as an actor: country + sector.

There is one source of actor knowledge: the actors stage (:mod:`newsevents.actors`, its
knowledge base and linker). :meth:`ActorCoder.code` asks, in order: the linker's mention on
the phrase's head (``doc._.mentions``), the coded mention nearest the head inside the
phrase ("the spokesman of X" -> X), the linker's ``code_span`` for any other noun
phrase ("the army", "Kenyan farmers"), and the KB's ``code_text`` on the phrase's core
when the linker left it uncoded ("more than 100 Palestinians"). A phrase coded with a sector only may take its
country from inside the phrase ("Lebanon's new President") or, through
:meth:`ActorCoder.context_country`, from the story ("the army" in a story about Iraq).
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..actors import code_span, code_text
from ..actors.link import active_kb
from ..records import ActorRef, Mention
from .places import Gazetteer

log = logging.getLogger(__name__)

#: Country codes of the actors KB that are not countries: international and non-state
#: bodies (IGO, NGO, IMG, ...) never lend their "country" to an actor of the story.
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "MNC", "UIS"})
#: Sectors whose members belong to the country of the story when the phrase names none
#: ("the army", "police", "the opposition", "protesters"). Refugees (REF), the media (MED)
#: and international or non-governmental bodies come from elsewhere as often as not.
LOCAL_SECTORS = frozenset({
    "GOV", "MIL", "LEG", "JUD", "REB", "OPP", "PTY", "COP", "SPY", "BUS", "CVL", "EDU", "HLH",
    "REL", "ELI", "UAF", "CRM", "LAB",
})  # fmt: skip


def _code_text(text: str, date: str | None = None) -> ActorRef | None:
    """The active knowledge base's code for a bare phrase (cached per KB: the same few
    phrases recur across articles)."""
    return _code_text_in(id(active_kb()), text, date)


@lru_cache(maxsize=8192)
def _code_text_in(kb_id: int, text: str, date: str | None) -> ActorRef | None:
    return code_text(text, date=date)


def country_of_name(text: str) -> str | None:
    """ISO alpha-3 code of a country name, short form or nationality adjective, as the
    actors knowledge base codes it ("Iraqi" -> "IRQ", "the U.S." -> "USA"); None when
    ``text`` names no country (or names a non-state body)."""
    text = text.strip()
    if not text:
        return None
    ref = _code_text(text)
    if ref is None or ref.country in NON_STATE_CODES:
        return None
    return ref.country


class ActorCoder:
    """Codes noun phrases of one Doc as actors (see the module docstring for the order)."""

    def mention_index(self, doc: Doc) -> dict[int, Mention]:
        """token index -> the actor mention covering it (from ``doc._.mentions``)."""
        index: dict[int, Mention] = {}
        for mention in doc._.mentions or ():
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                index.setdefault(i, mention)
        return index

    def story(self, doc: Doc, mentions: dict[int, Mention], gazetteer: Gazetteer) -> Story:
        """The countries a Doc names (coded mentions, one count per mention) and, among
        them, the places where things happen: a town or city ("in Sydney", "Mosul") or any
        place named after in/at/near/outside ("protests in Australia")."""
        story = Story()
        seen: set[int] = set()
        for i, mention in mentions.items():
            if id(mention) in seen:
                continue
            seen.add(id(mention))
            country = mention.actor.country if mention.actor is not None else None
            if not country or country in NON_STATE_CODES:
                continue
            story.countries[country] += 1
            if _is_place(doc[i], mention, gazetteer):
                story.places[country] += 1
                story.place_tokens.add(i)
        return story

    def context_country(
        self, token: Token, story: Story, mentions: dict[int, Mention]
    ) -> str | None:
        """The country of a sector-only actor at ``token`` ("the army", "police", "President
        X") from its context: where things happen counts most - the places of its sentence,
        then the countries its sentence names, then the places and countries of the whole
        story (a story about Israel's president visiting Sydney makes "police" Australian);
        None when the context names no country or does not settle on one."""
        countries: Counter[str] = Counter()
        places: Counter[str] = Counter()
        for country, is_place in _sentence_countries(token, story, mentions):
            countries[country] += 1
            places[country] += is_place
        scores = {
            c: 3 * places[c] + 2 * countries[c] + 2 * story.places[c] + story.countries[c]
            for c in set(countries) | set(story.countries)
        }
        if not scores:
            return None
        best = max(scores.values())
        tied = [c for c, v in scores.items() if v == best]
        if len(tied) > 1:
            return None  # the context does not say which country
        return tied[0]

    def is_group(self, ref: ActorRef) -> bool:
        """Whether ``ref`` is a knowledge-base group (a people or an organisation known by
        name, not a country, place or person)."""
        entry = active_kb().entries.get(ref.id) if ref.id else None
        return entry is not None and entry.kind == "group"

    def host_country(
        self, token: Token, home: str, story: Story, mentions: dict[int, Mention]
    ) -> str | None:
        """The country an ethnic group at ``token`` lives in, when its sentence places it
        in a country other than its ``home`` ("ethnic Albanians demonstrated in Serbia" ->
        SRB): the places of the sentence count most, then the countries it names; None
        when the sentence names no other country or does not settle on one."""
        scores: Counter[str] = Counter()
        for country, is_place in _sentence_countries(token, story, mentions):
            if country != home:
                scores[country] += 3 if is_place else 2
        if not scores:
            return None
        ranked = scores.most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    def country_in_phrase(self, token: Token, mentions: dict[int, Mention]) -> str | None:
        """The country of the first country mention in ``token``'s phrase and the clauses
        on it ("families escaping the fighting in Chad" -> TCD); None when none."""
        for t in token.subtree:
            m = mentions.get(t.i)
            if t.i != token.i and m is not None and m.actor is not None and m.actor.country:
                if m.actor.country not in NON_STATE_CODES:
                    return m.actor.country
        return None

    def code(
        self, span: Span, head: Token, *, mentions: dict[int, Mention], date: str | None
    ) -> ActorRef:
        """The actor a noun phrase names. Always returns an ActorRef; one the coder could
        not place has no country and no sector (``is_coded`` is False)."""
        ref = self._code(span, head, mentions=mentions, date=date)
        if ref.country or not is_coded(ref):
            return ref
        # a person or body known only by sector: the phrase may name its country
        # ("Lebanon's new President Elias Hrawi", "European Community foreign ministers")
        country = self._country_in(span, head, mentions)
        if country:
            return ActorRef(id=ref.id, name=ref.name, country=country, sector=ref.sector)
        return ref

    def code_phrase(self, span: Span, *, date: str | None) -> ActorRef:
        """A modifier phrase coded as a whole by the knowledge base ("Kenyan army" in "a
        Kenyan army base" is KEN MIL, where its mention "Kenyan" alone is KEN); uncoded
        (no country, no sector) when the KB does not know it."""
        # the phrase as text: the document's mentions would give back "Kenyan" alone
        ref = _code_text(span.text, date)
        if ref is not None and is_coded(ref):
            return ref
        return ActorRef(id=None, name=span.text)

    def _country_in(self, span: Span, head: Token, mentions: dict[int, Mention]) -> str | None:
        best, best_dist = None, 10**6
        for i in range(span.start, span.end):
            m = mentions.get(i)
            country = m.actor.country if m is not None and m.actor is not None else None
            if country and abs(i - head.i) < best_dist:
                best, best_dist = country, abs(i - head.i)
        return best

    def _code(
        self, span: Span, head: Token, *, mentions: dict[int, Mention], date: str | None
    ) -> ActorRef:
        mention = mentions.get(head.i)
        if mention is not None and mention.actor is not None and is_coded(mention.actor):
            return mention.actor
        # the mention nearest the head inside the phrase ("spokesman of X" -> X)
        best: Mention | None = None
        best_dist = 10**6
        for i in range(span.start, span.end):
            m = mentions.get(i)
            if m is not None and m.actor is not None and is_coded(m.actor):
                if abs(i - head.i) < best_dist:
                    best, best_dist = m, abs(i - head.i)
        if best is not None:
            place = best.actor
            if mention is not None and mention.label == "ORG" and best is not mention \
                    and place is not None and place.id in (None, place.country) \
                    and place.sector in (None, "CVL"):
                # "the Rotary Club of Dallas", "a university in Texas": an organisation
                # the linker does not know, of that place's country - not its people
                return ActorRef(id=None, name=span.text, country=place.country)
            return best.actor  # type: ignore[return-value]
        try:
            ref = code_span(span, date=date)
        except Exception:  # noqa: BLE001 - a linker bug must not lose the event
            log.exception("actors.code_span failed on %r", span.text)
            ref = None
        if ref is not None and is_coded(ref) and not _place_as_given_name(ref, mention):
            return ref
        # the linker may leave a mention uncoded ("more than 100 Palestinians", a name
        # NER cut short); its core - modifiers and head - may still be a known actor
        core = _core(head)
        if core is not None:
            ref = _code_text(core.text, date)
            if ref is not None and is_coded(ref) and not _place_as_given_name(ref, mention):
                return ref
        return ActorRef(id=None, name=span.text)


def _place_as_given_name(ref: ActorRef, mention: Mention | None) -> bool:
    """Whether ``ref`` is a place read from the given name of a person the linker does
    not know ("Virginia Giuffre" is no Virginian): a person entity that goes on after the
    place's name, coded with no sector."""
    if mention is None or mention.label != "PERSON" or ref.sector or not ref.name:
        return False
    if mention.text.startswith(ref.name + " "):
        return True  # "Virginia Giuffre" read as Virginia
    # "Georgia Harrison" read as a Harrison of Georgia: a bare country lent to the surname
    return ref.id in (None, ref.country) and " " in mention.text \
        and mention.text.endswith(" " + ref.name)


def _core(head: Token) -> Span | None:
    """The head noun with the adjectives and compounds right before it ("Palestinian
    security forces"), without determiners, numbers or quantifiers."""
    start = head.i
    for c in reversed(list(head.lefts)):
        if c.i != start - 1 or c.dep_ not in ("amod", "compound") or c.ent_type_ in (
            "CARDINAL", "QUANTITY", "PERCENT", "MONEY",
        ):
            break
        start = c.i
    return head.doc[start : head.i + 1]


@dataclass(slots=True)
class Story:
    """Countries a document names, and those of its places (see :meth:`ActorCoder.story`)."""

    countries: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    place_tokens: set[int] = field(default_factory=set)  # first tokens of place mentions


#: Prepositions after which a named country or region is where something happens.
_PLACE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "throughout", "around"}
)


def _is_place(token: Token, mention: Mention, gazetteer: Gazetteer) -> bool:
    """A mention naming where things happen: a town or city, or a place after in/at/...."""
    if mention.label not in ("GPE", "LOC", "FAC"):
        return False
    span = token.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    head = span.root if span is not None else token
    if head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS:
        return True
    key = mention.text.lower().removeprefix("the ").strip()
    return key not in gazetteer.countries and (key in gazetteer.cities or key in gazetteer.capitals)


def is_coded(actor: ActorRef | None) -> bool:
    """True when the actor has a country or a sector."""
    return actor is not None and bool(actor.country or actor.sector)


def _sentence_countries(
    token: Token, story: Story, mentions: dict[int, Mention]
) -> Iterator[tuple[str, bool]]:
    """(country, whether the mention is a place) for each mention with a state's country
    in ``token``'s sentence, each mention once."""
    sent = token.sent
    seen: set[int] = set()
    for i in range(sent.start, sent.end):
        m = mentions.get(i)
        if m is None or id(m) in seen or m.actor is None:
            continue
        seen.add(id(m))
        country = m.actor.country
        if country and country not in NON_STATE_CODES:
            yield country, i in story.place_tokens
