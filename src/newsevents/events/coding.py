"""Coding an event argument (a noun phrase) as an actor: country + sector.

The one entry point is :meth:`ActorCoder.code`. It asks, in order: the actor linker's
mentions on the Doc (``doc._.mentions``), the actor linker's ``code_span`` for any noun
phrase, and - only while ``newsevents.actors`` is not installed - a minimal internal coder
(a GPE/NORP entity's country through pycountry and the gazetteer; no sectors).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Span, Token

from ..records import ActorRef, Mention
from .places import Gazetteer

log = logging.getLogger(__name__)

CodeSpan = Callable[..., "ActorRef | None"]

#: Country names and short forms pycountry does not know by these spellings.
_SHORT_FORMS = {
    "us": "USA", "u.s.": "USA", "u.s": "USA", "usa": "USA", "america": "USA", "united states": "USA",
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR",
    "russia": "RUS", "iran": "IRN", "syria": "SYR", "south korea": "KOR", "north korea": "PRK",
    "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN", "tanzania": "TZA",
    "taiwan": "TWN", "palestine": "PSE", "gaza": "PSE", "west bank": "PSE", "moldova": "MDA",
    "ivory coast": "CIV", "czech republic": "CZE", "turkey": "TUR", "the netherlands": "NLD",
    "holland": "NLD", "congo": "COD", "drc": "COD", "burma": "MMR", "kosovo": "XKX",
}  # fmt: skip
#: Nationality adjectives pycountry cannot derive by suffix rules.
_DEMONYMS = {
    "american": "USA", "british": "GBR", "english": "GBR", "french": "FRA", "german": "DEU",
    "dutch": "NLD", "swiss": "CHE", "chinese": "CHN", "japanese": "JPN", "turkish": "TUR",
    "israeli": "ISR", "palestinian": "PSE", "iraqi": "IRQ", "iranian": "IRN", "afghan": "AFG",
    "pakistani": "PAK", "saudi": "SAU", "emirati": "ARE", "yemeni": "YEM", "kuwaiti": "KWT",
    "qatari": "QAT", "omani": "OMN", "bahraini": "BHR", "lebanese": "LBN", "syrian": "SYR",
    "jordanian": "JOR", "egyptian": "EGY", "libyan": "LBY", "sudanese": "SDN", "somali": "SOM",
    "ethiopian": "ETH", "kenyan": "KEN", "nigerian": "NGA", "ghanaian": "GHA", "malian": "MLI",
    "russian": "RUS", "ukrainian": "UKR", "polish": "POL", "spanish": "ESP", "portuguese": "PRT",
    "italian": "ITA", "greek": "GRC", "korean": "KOR", "north korean": "PRK", "south korean": "KOR",
    "vietnamese": "VNM", "thai": "THA", "filipino": "PHL", "philippine": "PHL", "indian": "IND",
    "bangladeshi": "BGD", "nepali": "NPL", "sri lankan": "LKA", "indonesian": "IDN",
    "malaysian": "MYS", "australian": "AUS", "canadian": "CAN", "mexican": "MEX",
    "brazilian": "BRA", "argentine": "ARG", "argentinian": "ARG", "chilean": "CHL",
    "colombian": "COL", "venezuelan": "VEN", "cuban": "CUB", "peruvian": "PER", "serbian": "SRB",
    "serb": "SRB", "croatian": "HRV", "bosnian": "BIH", "albanian": "ALB", "kosovar": "XKX",
    "georgian": "GEO", "armenian": "ARM", "azerbaijani": "AZE", "azeri": "AZE", "belarusian": "BLR",
    "hungarian": "HUN", "romanian": "ROU", "bulgarian": "BGR", "czech": "CZE", "slovak": "SVK",
    "swedish": "SWE", "norwegian": "NOR", "danish": "DNK", "finnish": "FIN", "irish": "IRL",
    "belgian": "BEL", "austrian": "AUT", "algerian": "DZA", "moroccan": "MAR", "tunisian": "TUN",
    "rwandan": "RWA", "ugandan": "UGA", "congolese": "COD", "zimbabwean": "ZWE",
    "south african": "ZAF", "burmese": "MMR", "myanmar": "MMR", "uzbek": "UZB", "kazakh": "KAZ",
    "tajik": "TJK", "kyrgyz": "KGZ", "turkmen": "TKM", "mongolian": "MNG", "taiwanese": "TWN",
    "new zealand": "NZL", "haitian": "HTI", "liberian": "LBR", "sierra leonean": "SLE",
    "ivorian": "CIV", "senegalese": "SEN", "cameroonian": "CMR", "chadian": "TCD",
    "nigerien": "NER", "eritrean": "ERI", "djiboutian": "DJI", "south sudanese": "SSD",
    "lithuanian": "LTU", "latvian": "LVA", "estonian": "EST", "slovenian": "SVN",
    "macedonian": "MKD", "montenegrin": "MNE", "cypriot": "CYP", "maltese": "MLT",
    "icelandic": "ISL", "kurdish": None, "arab": None, "european": None, "western": None,
}  # fmt: skip

_ENTITY_LABELS = frozenset({"GPE", "NORP"})


def _load_code_span() -> CodeSpan | None:
    """The actor linker's ``code_span``, or None while that module is not installed."""
    try:
        from newsevents import actors  # noqa: PLC0415 - optional sibling stage
    except ModuleNotFoundError as e:
        if e.name and not e.name.startswith("newsevents"):
            raise
        return None
    fn = getattr(actors, "code_span", None)
    if fn is None:
        log.info("newsevents.actors has no code_span; using the internal fallback coder")
    return fn


@lru_cache(maxsize=4096)
def country_of_name(text: str) -> str | None:
    """ISO alpha-3 code of a country name, short form or nationality adjective; None when
    ``text`` names no country."""
    key = text.strip().lower().removeprefix("the ").strip()
    if not key:
        return None
    if key in _SHORT_FORMS:
        return _SHORT_FORMS[key]
    if key in _DEMONYMS:
        return _DEMONYMS[key]
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        pass
    # Regular nationality adjectives: Kenyan -> Kenya, Iraqi -> Iraq, Lebanese -> Leban(on)
    for suffix, repl in (("ian", "ia"), ("an", "a"), ("i", ""), ("ese", ""), ("ish", "")):
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            try:
                return pycountry.countries.lookup(key[: -len(suffix)] + repl).alpha_3
            except LookupError:
                continue
    return None


class ActorCoder:
    """Codes noun phrases of one Doc as actors (see the module docstring for the order)."""

    def __init__(self, gazetteer: Gazetteer, code_span: CodeSpan | None = None) -> None:
        self.gazetteer = gazetteer
        self._code_span = code_span

    @classmethod
    def create(cls, gazetteer: Gazetteer) -> ActorCoder:
        return cls(gazetteer, _load_code_span())

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

    def _country_in(self, span: Span, head: Token, mentions: dict[int, Mention]) -> str | None:
        best, best_dist = None, 10**6
        for i in range(span.start, span.end):
            m = mentions.get(i)
            country = m.actor.country if m is not None and m.actor is not None else None
            if country is None and span.doc[i].ent_type_ in _ENTITY_LABELS:
                country = country_of_name(span.doc[i].text)
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
            return best.actor  # type: ignore[return-value]
        if self._code_span is not None:
            try:
                ref = self._code_span(span, date=date)
            except Exception:  # noqa: BLE001 - a linker bug must not lose the event
                log.exception("actors.code_span failed on %r", span.text)
                ref = None
            if ref is not None and is_coded(ref):
                return ref
        # last resort (and the only coder while newsevents.actors is absent): a country
        # named in the phrase, whatever NER called it ("Azerbaijan" tagged PERSON)
        ref = self._fallback(span)
        if ref is not None:
            return ref
        return ActorRef(id=None, name=span.text)

    def _fallback(self, span: Span) -> ActorRef | None:
        """Country of the phrase's first GPE/NORP entity (or of a country word in it)."""
        for ent in span.ents:
            if ent.label_ in _ENTITY_LABELS:
                country = country_of_name(ent.text) or self.gazetteer.country_of_place(ent.text)
                if country:
                    return ActorRef(id=None, name=span.text, country=country)
        for token in span:
            if token.pos_ in ("PROPN", "ADJ") and token.text[:1].isupper():
                country = country_of_name(token.text)
                if country:
                    return ActorRef(id=None, name=span.text, country=country)
        return None


def is_coded(actor: ActorRef | None) -> bool:
    """True when the actor has a country or a sector."""
    return actor is not None and bool(actor.country or actor.sector)
