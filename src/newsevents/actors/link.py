"""Coding noun phrases as actors, and finding the actor mentions of a document.

:func:`code_span` codes any span ("all American forces", "Iraq's Popular Mobilization
Units", "the spokesman of the Iraqi Asa'ib Ahl al-Haq resistance movement's political
bureau") from the knowledge base; :func:`extract_mentions` finds the mentions of a parsed
Doc (named entities, noun phrases headed by agent nouns, pronouns) and links them, with
in-document coreference for surnames, titles ("the president") and "he"/"she".

Phrase coding works on words, not on the parse, so it also codes bare strings
(:func:`code_text`) and Docs without a parser. A phrase is split at top-level prepositions
and commas (never inside a known name such as "Ministry of Defence"); the first part is
coded from its last word (the head) and its modifiers, and "of X" / "in X" / ", X" parts
supply an owner or a country the head lacks.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..records import ActorRef, Mention
from .kb import (
    PARTICLES,
    SPECIAL_COUNTRIES,
    Agent,
    Entry,
    KnowledgeBase,
    NameRef,
    as_date,
    load_kb,
    name_key,
    norm_word,
)

# Words that never head an actor phrase and are skipped at its start.
SKIP_WORDS = frozenset("""
the a an this that these those some many several all most both each every any other another
its their his her our your my whose such few more much certain various numerous no
one two three four five six seven eight nine ten eleven twelve dozen dozens hundreds
thousands millions scores tens
""".split())
# "A team of police", "a number of students": the actor is after "of".
COLLECTIVE_HEADS = frozenset("""
team number lot handful couple pair majority rest host batch contingent band squad unit
some several many most all both none one two three four five dozens hundreds thousands
millions scores tens members part
""".split()) - {"members"}
FORMER = frozenset({"former", "ex", "exiled", "retired", "onetime", "erstwhile"})
OWNER_PREPS = frozenset({"of", "for"})
LOCATION_PREPS = frozenset("""
in at from across inside near within throughout around outside into toward towards
""".split())
# Words after which the rest of a phrase is not part of the actor.
STOP_WORDS = frozenset("""
with by on against over about under after during since between among like than via who
which that whose where when while as before amid despite without upon because including
said says told
""".split())
CONJUNCTIONS = frozenset({"and", "or", "&", "nor"})
# Words that make an office the opposition's mirror of it ("shadow chancellor").
SHADOW = frozenset({"shadow"})
# Sectors of non-state organisations: a person noun modified by one of them takes it
# ("rebel commander" is REB, not MIL).
NONSTATE = frozenset({"REB", "UAF", "OPP", "PTY", "CRM", "NGO", "HRI", "IGO", "MED", "BUS",
                      "EDU", "LAB"})
# Sectors of offices and state bodies: "former" makes their people ELI (a role-less agent
# such as "leader" too: "a former leader"); other sectors stay ("former rebels" are REB).
OFFICE_SECTORS = frozenset({None, "GOV", "LEG", "JUD", "MIL", "COP", "SPY", "ELI", "PTY"})
# A minister's portfolio, not an organisation: "business secretary", "media minister" are GOV.
PORTFOLIO_SECTORS = frozenset({"BUS", "MED", "EDU", "HLH"})
PRONOUNS = frozenset({"he", "she", "him", "her"})
# Pronouns that stand for an organisation, a state or a group, resolved only as the subject
# of a clause ("The ministry said it would ...", "Hamas fighters ... They attacked ...").
GROUP_PRONOUNS = frozenset({"it", "they"})
# Sectors whose bodies "the parliament", "the court" resolve to the last named one; "the
# government" is too often another country's to be guessed that way.
BODY_SECTORS = frozenset({"LEG", "JUD", "MIL", "COP", "SPY"})
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)?$|"
                      r"^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)$")
_POSSESSIVE = frozenset({"'s", "’s", "'", "’", "s'"})
_HYPHENS = frozenset({"-", "‐", "‑", "–", "—", "/"})
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


# --- units: normalised words over tokens -----------------------------------------------


@dataclass(slots=True)
class Unit:
    """A word for matching: one token, or several glued ones ("Asa" + "'ib")."""

    norm: str
    text: str
    start: int  # token index in the Doc
    end: int  # exclusive
    kind: str = "word"  # word | poss | comma | punct | conj | prep | stop

    @property
    def capitalized(self) -> bool:
        text = self.text.lstrip(_ZERO_WIDTH)  # news text carries zero-width marks ("\u200bKenyan")
        return text[:1].isupper() or text[:1].isdigit()


def make_units(tokens: Sequence[Token], sponsors: frozenset[str] = frozenset()) -> list[Unit]:
    """The units of a token sequence: punctuation and particles handled, glued pieces merged.
    A name in "pro-X", "anti-X" or "X-<sponsor participle>" (``sponsors``, the KB's
    ``sponsor_participles``) is someone else's ("Iran-backed militias" are not Iran's,
    "pro-Russian separatists" not Russia's): it becomes a stop unit."""
    units: list[Unit] = []
    prev_glue = False
    hyphen_after: Unit | None = None  # the word a hyphen just glued on
    for token in tokens:
        text = token.text
        if text in _POSSESSIVE or (token.tag_ == "POS"):
            units.append(Unit("'s", text, token.i, token.i + 1, "poss"))
            prev_glue = False
            hyphen_after = None
            continue
        if text in _HYPHENS:
            prev_glue = False
            glued_on = bool(units) and units[-1].kind == "word" and not token.whitespace_ \
                and token.i > 0 and not token.doc[token.i - 1].whitespace_
            hyphen_after = units[-1] if glued_on else None
            continue
        if hyphen_after is not None:
            glued, hyphen_after = hyphen_after, None
            if glued.norm in ("pro", "anti") and text[:1].isupper():  # not "anti-government"
                units.append(Unit(norm_word(text), text, token.i, token.i + 1, "stop"))
                prev_glue = not token.whitespace_
                continue
            if norm_word(text) in sponsors and glued.capitalized:
                glued.kind = "stop"
        if token.is_punct:
            if text == "." and units and units[-1].kind == "word" and prev_glue \
                    and len(units[-1].text) <= 3 and units[-1].capitalized:
                units[-1].end = token.i + 1  # "Lt" + "." -> one word
                continue
            kind = "comma" if text in ",;:" else "punct"
            units.append(Unit(text, text, token.i, token.i + 1, kind))
            prev_glue = False
            continue
        norm = norm_word(text)
        if prev_glue and units and units[-1].kind == "word" and text[:1] in "'’":
            units[-1].norm += norm  # "Asa" + "'ib" -> "asaib"
            units[-1].text += text
            units[-1].end = token.i + 1
        elif norm and norm not in PARTICLES:
            lower = norm
            kind = "conj" if lower in CONJUNCTIONS else "word"
            units.append(Unit(norm, text, token.i, token.i + 1, kind))
        prev_glue = not token.whitespace_
    return units


# --- matches: KB names and agent nouns over units --------------------------------------


@dataclass(slots=True)
class Match:
    """KB names or an agent noun covering units[i:j]."""

    i: int
    j: int
    ref: NameRef | None = None
    agent: Agent | None = None


def find_matches(units: Sequence[Unit], kb: KnowledgeBase) -> list[Match]:
    """Longest KB-name or agent matches, left to right, not overlapping.

    A name must start with a capital letter (so "turkey" is not Turkey) and an acronym must
    be in capitals ("US" but not "us"); agent nouns match in any case. On a tie a
    capitalised name wins over an agent noun ("Congress" is the US Congress).
    """
    out: list[Match] = []
    i, n = 0, len(units)
    while i < n:
        unit = units[i]
        if unit.kind not in ("word", "conj"):
            i += 1
            continue
        best: Match | None = None
        longest = kb.max_len.get(unit.norm, 0)
        if i + 1 < n and units[i + 1].kind == "poss":
            longest = max(longest, kb.max_len.get(unit.norm + "s", 0))
        # one more unit: a possessive inside a name ("People's Liberation Army")
        for length in range(min(longest + 1, n - i), 0, -1):
            window = units[i : i + length]
            key = _window_key(window)
            if key is None:
                continue
            refs = kb.names.get(key)
            if refs and unit.capitalized:
                ref = kb.resolve(refs)
                if ref is not None and ref.how == "city" and _surname_part(units, i, out):
                    ref = None  # "Andrew Mountbatten-Windsor": a double-barrelled name
                if ref is not None and (not ref.acronym or _caps(window)):
                    best = Match(i, i + length, ref=ref)
                    break
            agent = kb.agents.get(key)
            if agent is not None:
                best = Match(i, i + length, agent=agent)
                break
        if kb.stems and unit.capitalized:
            stem = _stem_match(units, i, kb)
            if stem is not None and (best is None or stem.j > best.j):
                best = stem
        if best is None:
            i += 1
            continue
        out.append(best)
        i = best.j
    return out


def _singular(word: str) -> str:
    """The singular of a regular English plural ("allies" -> "ally", "foes" -> "foe")."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _without_glosses(units: list[Unit], matches: list[Match]) -> tuple[list[Unit], list[Match]]:
    """The units and matches without a parenthesis inside the phrase that names nothing
    the KB knows ("the Umma (Nation) party" -> "the Umma party"); one at the end stays
    ("Hezbollah (Party of God)"), and so does one naming an actor ("Kurdistan Workers (PKK)
    party")."""
    for a, unit in enumerate(units):
        if unit.text != "(":
            continue
        b = next((k for k in range(a + 1, len(units)) if units[k].text == ")"), None)
        if b is None or b + 1 >= len(units) or units[b + 1].kind != "word" \
                or any(a < m.j and m.i < b for m in matches):
            continue
        width = b - a + 1
        kept = [m if m.j <= a else Match(m.i - width, m.j - width, m.ref, m.agent)
                for m in matches if m.j <= a or m.i > b]
        return _without_glosses(units[:a] + units[b + 1:], kept)
    return units, matches


def _surname_part(units: Sequence[Unit], i: int, matched: list[Match]) -> bool:
    """Whether unit ``i`` is hyphen-glued to an unknown capitalised word before it (the
    hyphen leaves a one-token gap): the second half of a double-barrelled surname, not a
    place; "Israel-Gaza" and "Dallas-Fort Worth" keep their places."""
    if i == 0:
        return False
    before = units[i - 1]
    return before.kind == "word" and before.capitalized and before.end + 1 == units[i].start \
        and not (matched and matched[-1].j == i)


def _window_key(window: Sequence[Unit]) -> tuple[str, ...] | None:
    """The KB key of a window of units, or None when it holds punctuation. A possessive
    inside the window is part of the name, glued as the KB writes it ("People's Liberation
    Army" -> peoples liberation army; "Workers' Party" -> workers party); one at either end
    is not ("Iraq's army")."""
    key: list[str] = []
    for k, u in enumerate(window):
        if u.kind == "poss" and 0 < k < len(window) - 1 and key:
            if u.text[-1:] in "sS":
                key[-1] += "s"
            continue
        if u.kind not in ("word", "conj"):
            return None
        key.append(u.norm)
    return tuple(key)


def _caps(window: Sequence[Unit]) -> bool:
    return all(u.text.replace(".", "").replace("&", "").isupper() for u in window)


def _stem_match(units: Sequence[Unit], i: int, kb: KnowledgeBase) -> Match | None:
    """PETRARCH stems: the last word of a name may continue ("BULGAR" ~ "Bulgarians")."""
    best = None
    for j in range(i, min(i + 6, len(units))):
        word = units[j].norm
        if units[j].kind != "word":
            break
        for k in range(len(word), 2, -1):
            for prefix, ref in kb.stems.get(word[:k], ()):
                if tuple(u.norm for u in units[i:j]) == prefix and (best is None or j + 1 > best.j):
                    best = Match(i, j + 1, ref=ref)
    return best


# --- coding ----------------------------------------------------------------------------


@dataclass(slots=True)
class Coded:
    """A phrase as coded so far. ``head``: entity | country | agent | name | noun | empty."""

    head: str
    country: str | None = None
    sector: str | None = None
    id: str | None = None
    name: str = ""
    inherit: bool = False  # an agent that takes the code of an owner found later ("of X")
    title: str | None = None  # the agent term of a titled phrase ("president")
    person: bool = False  # a KB person or a named person
    owner_sector: bool = False  # the sector came from an owning organisation
    city: bool = False  # a city (not a capital) named as an actor: its people (CVL)

    def ref(self) -> ActorRef | None:
        if self.country is None and self.sector is None:
            return None
        return ActorRef(self.id, self.name, self.country, self.sector)


class PhraseCoder:
    """Codes token sequences as actors with one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    # -- public --
    def code(self, tokens: Span | Doc, *, date: dt.date | None = None,
             location: bool = False) -> Coded:
        """Code a phrase. ``location``: the phrase is a place ("in Baghdad"), so a capital
        stands for its country, not its government."""
        units = make_units(tokens, self.kb.sponsor_participles)
        return self.code_units(units, find_matches(units, self.kb), tokens.text, date=date,
                               location=location)

    def code_units(self, units: list[Unit], matches: list[Match], text: str, *,
                   date: dt.date | None = None, location: bool = False) -> Coded:
        """Code a phrase given as units with their matches (see :class:`DocIndex`)."""
        if any(u.text == "(" for u in units):
            units, matches = _without_glosses(units, matches)
        coded = self._phrase(units, matches, date, location)
        if not coded.name:
            coded.name = _strip_determiners(text)
        return coded

    # -- phrase: parts joined by prepositions and commas --
    def _phrase(self, units: list[Unit], matches: list[Match], date: dt.date | None,
                location: bool) -> Coded:
        covered = {k for m in matches for k in range(m.i, m.j)}
        parts: list[tuple[str | None, list[Unit], list[Match]]] = []
        current: list[Unit] = []
        joiner: str | None = None
        offset = 0
        for idx, unit in enumerate(units):
            boundary = None
            if idx not in covered:
                if unit.kind == "comma":
                    boundary = ","
                elif unit.kind == "conj" and _has_head(current, idx - len(current), covered):
                    boundary = "and"
                elif unit.kind == "word" and (unit.norm in OWNER_PREPS
                                              or unit.norm in LOCATION_PREPS
                                              or unit.norm in STOP_WORDS or unit.norm == "to"):
                    boundary = unit.norm
                elif unit.kind == "punct" and unit.text in "()[]\"“”":
                    boundary = "("
            if boundary is None:
                current.append(unit)
                continue
            parts.append((joiner, current, _local(matches, offset, idx)))
            current, joiner, offset = [], boundary, idx + 1
        parts.append((joiner, current, _local(matches, offset, len(units))))

        _, first_units, first_matches = parts[0]
        coded = self._segment(first_units, first_matches, date, location=location)
        for join, seg_units, seg_matches in parts[1:]:
            if join in ("and", "(") or join in STOP_WORDS:
                break
            if join == "to":
                continue
            if not seg_units:
                continue
            # A place that owns something gives only its country: "the mayor of Mariupol",
            # "residents of Baghdad" are not the city's people or the government.
            other = self._segment(seg_units, seg_matches, date,
                                  location=join in LOCATION_PREPS or join in OWNER_PREPS)
            if join in OWNER_PREPS:
                if coded.head == "empty" or (
                        coded.head == "noun" and coded.sector is None
                        and coded.country is None and _collective(first_units)):
                    coded = other
                    continue
                if coded.head not in ("agent", "name"):
                    break  # "the withdrawal of US troops": not an actor phrase
                coded = _own(coded, other)
            elif join in LOCATION_PREPS:
                if coded.head in ("agent", "name", "entity") and coded.country is None:
                    coded.country = other.country
            elif join == ",":
                if coded.head in ("name", "empty") or (
                        coded.country is None and coded.sector is None):
                    name = coded.name
                    coded = _merge(coded, other)
                    coded.name = name or other.name
                else:
                    break
        return coded

    # -- segment: possessors and a head --
    def _segment(self, units: list[Unit], matches: list[Match], date: dt.date | None, *,
                 location: bool = False) -> Coded:
        owner: Coded | None = None
        start = 0
        # a possessive inside a matched name is part of it ("People's Liberation Army")
        inside = {k for m in matches for k in range(m.i + 1, m.j - 1)}
        for idx, unit in enumerate(units):
            if unit.kind == "poss" and idx not in inside:
                owner = self._part(units[start:idx], _local(matches, start, idx),
                                   owner, date, location=False)
                if owner.city:
                    owner.sector, owner.city = None, False  # "Mariupol's mayor"
                start = idx + 1
        if owner is not None and any(_singular(u.norm) in self.kb.relation_nouns
                                     for u in units[start:]):
            owner = None  # "Syria's militia ally", "Iran's proxy militias": someone else
        coded = self._part(units[start:], _local(matches, start, len(units)), owner, date,
                           location=location)
        if coded.title and coded.id is None and coded.sector in ("GOV", "JUD") \
                and any(u.norm in SHADOW for u in units[start:]):
            # "the shadow home secretary", "shadow pensions secretary X": the opposition's
            # spokesperson for that office, not its holder (a known person keeps the role
            # the knowledge base gives them on the date)
            coded.sector = "OPP"
        if coded.head == "empty" and owner is not None:
            return owner  # "Iraq's"
        return coded

    def _part(self, units: list[Unit], matches: list[Match], owner: Coded | None,
              date: dt.date | None, *, location: bool) -> Coded:
        """Code words without prepositions or possessives: modifiers, then a head."""
        former = any(u.norm in FORMER for u in units)
        elements: list[Match | Unit] = []
        by_start = {m.i: m for m in matches}
        idx = 0
        while idx < len(units):
            if idx in by_start:
                elements.append(by_start[idx])
                idx = by_start[idx].j
                continue
            unit = units[idx]
            if unit.kind == "word" and unit.norm not in SKIP_WORDS and unit.norm not in FORMER \
                    and not _ORDINAL.match(unit.norm):
                elements.append(unit)
            idx += 1
        if not elements:
            return Coded("empty") if owner is None else owner
        elements = self._known_surnames(elements, date)
        head, modifiers = elements[-1], elements[:-1]
        if isinstance(head, Unit) and head.capitalized:
            # A trailing run of unknown capitalised words is a name ("Minister Jane Doe").
            name_units = []
            while elements and isinstance(elements[-1], Unit) and elements[-1].capitalized:
                name_units.insert(0, elements.pop())
            last = elements[-1] if elements else None
            k = len(elements) - 1
            while k > 0 and isinstance(elements[k], Unit) \
                    and elements[k].norm in self.kb.name_particles:
                k -= 1  # "Sheikh Tamim bin Hamad Al Thani": "bin" between the names
            before = elements[k] if elements else None
            if isinstance(before, Match) and before.ref is not None \
                    and before.ref.how == "name" and before.j > before.i \
                    and self.kb.entries[before.ref.entry_id].kind == "person":
                entry = self.kb.entries[before.ref.entry_id]
                known = {w for alias in (entry.name, *entry.aliases) for w in name_key(alias)}
                if all(u.norm in known for u in name_units):
                    # the rest of the person's own full name ("Sheikh Hamad bin Khalifa
                    # al-Thani" after the alias "Sheikh Hamad bin Khalifa")
                    return self._entity(before, elements[:k], owner, date, former, location)
                # A known person's names followed by more names are someone else's longer
                # name ("Juan Carlos Jobet" is not King Juan Carlos).
                name_units = list(units[last.i:last.j]) + name_units
                elements.pop()
            person = self.kb.find_person(tuple(u.norm for u in name_units), date)
            if person is None and len(name_units) == 1 and elements \
                    and isinstance(elements[-1], Match) and elements[-1].agent is not None \
                    and elements[-1].agent.kind == "title":
                person = self._titled_surname(name_units[0].norm, elements[-1].agent.term, date)
            if person is not None:
                return self._entity(Match(0, 0, ref=NameRef(person.id)), elements, owner, date,
                                    former, location)
            if elements and isinstance(elements[-1], Match) and elements[-1].ref is not None \
                    and self.kb.entries[elements[-1].ref.entry_id].kind \
                    not in ("country", "person") \
                    and elements[-1].ref.how == "name":
                # A longer name of a known organisation ("Red Crescent Society").
                return self._entity(elements[-1], elements[:-1], owner, date, former, location)
            titled = self._titled(elements, owner, date, former, location, units)
            titled.name = " ".join(u.text for u in name_units)
            return titled
        if isinstance(head, Match) and head.ref is not None and head.ref.how == "city" \
                and modifiers and isinstance(modifiers[-1], Match) \
                and modifiers[-1].agent is not None and modifiers[-1].agent.kind == "title":
            # "Secretary Kennedy": a titled person named like a city (a district of
            # Bogota), not the city
            title = modifiers[-1].agent.term
            person = self._titled_surname(units[head.i].norm, title, date) \
                if head.j - head.i == 1 else None
            if person is not None:
                return self._entity(Match(0, 0, ref=NameRef(person.id)), modifiers, owner, date,
                                    former, location)
            titled = self._titled(modifiers, owner, date, former, location, units)
            titled.name = " ".join(u.text for u in units[head.i:head.j])
            return titled
        if isinstance(head, Match) and head.ref is not None:
            if location and head.j > head.i and head.ref.how not in ("capital", "city"):
                # "in Brussels" is the city, though "Brussels said" is the EU (a city
                # match stays as the story placed it: see DocIndex.drop_foreign_cities).
                refs = self.kb.names.get(tuple(u.norm for u in units[head.i:head.j]), [])
                places = [r for r in refs if r.how in ("capital", "city")]
                if places:
                    head = Match(head.i, head.j, ref=places[0])
            return self._entity(head, modifiers, owner, date, former, location)
        if isinstance(head, Match) and head.agent is not None:
            # A capitalised body word ends an organisation's name ("Popular Union Front"):
            # the words before it name the body, they do not give it their sector.
            proper = head.agent.kind == "body" and head.agent.sector is None \
                and units[head.j - 1].capitalized
            return self._agent(head.agent, modifiers, owner, former, proper=proper)
        # A lower-case noun that is not an agent: "army accountant", "Iraqi lands".
        agents = [m for m in modifiers if isinstance(m, Match) and m.agent is not None
                  and m.agent.term not in self.kb.adjective_agents]  # "a general strike"
        if agents:
            return self._agent(agents[-1].agent, modifiers[: modifiers.index(agents[-1])], owner,
                               former)
        country = self._modifier_country(modifiers, date)
        if country is not None:
            return Coded("noun", country=country)
        return Coded("noun")

    def _titled_surname(self, word: str, title: str, date: dt.date | None) -> Entry | None:
        """The KB person a title and a surname name ("President Bush"), when the surname
        alone is ambiguous: among the namesakes who held that title, the one holding it on
        ``date``, else the one whose term is nearest to it; None when the holders are of
        different countries and none holds it on the date (a wrong country is worse than
        none)."""
        ids = set(self.kb.surnames.get(word, ())) | set(self.kb.family_surnames.get(word, ()))
        holders: list[tuple[float, Entry]] = []
        for entry_id in ids:
            entry = self.kb.entries[entry_id]
            for role in entry.roles:
                if not role.title or not (role.title == title
                                          or role.title.startswith(title + " ")):
                    continue
                if date is None or role.active(date):
                    gap = 0.0
                else:
                    ends = [d for d in (role.start, role.end) if d is not None]
                    gap = min(abs((d - date).days) for d in ends) if ends else float("inf")
                holders.append((gap, entry))
        if not holders:
            return None
        holders.sort(key=lambda h: h[0])
        in_office = [e for gap, e in holders if gap == 0.0]
        if len({e.id for e in in_office}) == 1:
            return in_office[0]
        if len({e.country for _, e in holders}) == 1:
            return holders[0][1]
        return None

    def _known_surnames(self, elements: list, date: dt.date | None) -> list:
        """Replace a run of unknown capitalised words that names a KB person by a unique
        surname or a transliteration ("Trump administration", "Qasem Suleimani") by that
        person."""
        out: list = []
        run: list[Unit] = []
        for element in [*elements, None]:
            if isinstance(element, Unit) and element.capitalized:
                run.append(element)
                continue
            if run:
                person = self.kb.find_person(tuple(u.norm for u in run), date)
                out.extend([Match(0, 0, ref=NameRef(person.id))] if person else run)
                run = []
            if element is not None:
                out.append(element)
        return out

    def _entity(self, head: Match, modifiers: list, owner: Coded | None,
                date: dt.date | None, former: bool, location: bool) -> Coded:
        assert head.ref is not None
        entry = self.kb.entries[head.ref.entry_id]
        how = head.ref.how
        if entry.kind == "country" or how != "name":
            if how in ("capital", "city") and location:
                how = "place"
            ref = self.kb.ref(entry, date=date, how=how)
            coded = Coded("country", ref.country, ref.sector, ref.id,
                          entry.name if how == "name" else "", city=how == "city")
        else:
            role = entry.role_at(date)
            coded = Coded("entity", role.country, role.sector, entry.id, entry.name,
                          person=entry.kind == "person", title=role.title)
        # PETRARCH-style titles: an agent right before a name without a sector gives it one
        # ("Bree Prime Minister Romendacil", "MSF Arnor").
        if coded.sector is None and modifiers and isinstance(modifiers[-1], Match) \
                and modifiers[-1].agent is not None:
            agent = modifiers[-1].agent
            coded.sector, coded.title = agent.sector, agent.term
            if coded.country is None:
                coded.country = (self._modifier_country(modifiers[:-1], date)
                                 or (owner.country if owner else None))
        if entry.kind == "person" and not former and coded.sector == "ELI" and modifiers \
                and isinstance(modifiers[-1], Match) and modifiers[-1].agent is not None \
                and modifiers[-1].agent.sector:
            # The text calls them by a current title ("Foreign Minister Park Jin"): the
            # article is from their time in office even if the KB says they have left it.
            coded.sector, coded.title = modifiers[-1].agent.sector, modifiers[-1].agent.term
        if former and (entry.kind == "person" or coded.head == "country" and coded.sector):
            coded.sector = "ELI"
        return coded

    def _titled(self, elements: list, owner: Coded | None, date: dt.date | None, former: bool,
                location: bool, units: Sequence[Unit]) -> Coded:
        """A name not in the KB, coded from the title and modifiers before it."""
        # Only a title or person noun names a person's role ("Minister Jane Roe"), and a
        # thing noun a vessel ("the Russian warship Moskva"); a body word is part
        # of a longer name ("Popular Union Front").
        agents = [m for m in elements if isinstance(m, Match) and m.agent is not None
                  and m.agent.kind in ("title", "person", "thing")]
        if agents:
            title = agents[-1]
            coded = self._agent(title.agent, elements[: elements.index(title)], owner, former)
            coded.head, coded.person = "name", title.agent.kind != "thing"
            return coded
        # A lower-case body noun names what the name is ("the rights group Foro Libre",
        # "the militant group Jund X"); a capitalised one is part of the name.
        if elements and isinstance(elements[-1], Match) and elements[-1].agent is not None \
                and elements[-1].agent.kind == "body" and elements[-1].agent.sector \
                and elements[-1].j > elements[-1].i \
                and not units[elements[-1].j - 1].capitalized:
            coded = self._agent(elements[-1].agent, elements[:-1], owner, former)
            coded.head = "name"
            return coded
        entities = [m for m in elements if isinstance(m, Match) and m.ref is not None]
        if entities:
            other = self._entity(entities[-1], [], None, date, False, location)
            return Coded("name", other.country, None, person=True)
        return Coded("name", owner.country if owner else None, None, person=True)

    def _agent(self, agent: Agent, modifiers: list, owner: Coded | None, former: bool, *,
               proper: bool = False) -> Coded:
        """An agent noun head: its sector, plus the country or code of what owns it."""
        coded = Coded("agent", sector=agent.sector, inherit=agent.inherit, title=agent.term,
                      person=agent.kind in ("person", "title"))
        org: Coded | None = owner if owner is not None and owner.sector else None
        country = owner.country if owner is not None else None
        modifier_agent: Agent | None = None
        for element in reversed(modifiers):
            if not isinstance(element, Match):
                continue
            if element.agent is not None:
                if modifier_agent is None and org is None and not proper:
                    modifier_agent = element.agent
                continue
            assert element.ref is not None
            entry = self.kb.entries[element.ref.entry_id]
            if entry.kind not in ("country", "person") and element.ref.how == "name":
                if org is None:
                    role = entry.role_at(None)
                    org = Coded("entity", role.country, role.sector, entry.id, entry.name)
            elif country is None:
                country = entry.country
        if org is not None and country is None:
            country = org.country
        portfolio = agent.kind == "title" and agent.sector == "GOV" and \
            modifier_agent is not None and modifier_agent.sector in PORTFOLIO_SECTORS
        if modifier_agent is not None and modifier_agent.sector and agent.inherit and \
                (agent.sector is None or modifier_agent.sector in NONSTATE) and not portfolio:
            coded.sector = modifier_agent.sector  # "police chief", "rebel commander"
        elif modifier_agent is not None and modifier_agent.kind == "body" and \
                modifier_agent.sector in ("LEG", "JUD") and agent.kind == "title":
            coded.sector = modifier_agent.sector  # "Senate President", "court president"
        elif org is not None and org.sector and agent.inherit and not (
                org.sector == "PTY" and agent.sector is not None):
            # "Boko Haram gunmen", "Pentagon officials": they are the organisation (but
            # "Likud ministers" are ministers, of Israel).
            coded.country, coded.sector = org.country, org.sector
            coded.id, coded.name, coded.owner_sector = org.id, org.name, True
            coded.inherit = False
        if modifier_agent is not None and modifier_agent.prefix and coded.sector is None:
            coded.sector = modifier_agent.sector
        if coded.country is None:
            coded.country = country
        if coded.sector is None and agent.sector is None and modifier_agent is not None:
            coded.sector = modifier_agent.sector
        if coded.inherit and coded.sector is not None and not agent.inherit:
            coded.inherit = False
        if coded.sector is None and agent.term in self.kb.state_roles and org is None \
                and modifier_agent is None and coded.country is not None:
            # A country's leaders, with nothing else to say whose, are its government
            # ("Palestinian leaders", "Iraq's leaders"); "Hamas leaders" are Hamas.
            coded.sector = self.kb.state_roles[agent.term]
        if former and (agent.kind == "title" or agent.sector in OFFICE_SECTORS):
            # A former office holder is an elite (ELI); "former rebels" are still rebels.
            coded.sector, coded.id = "ELI", None
        return coded

    def _modifier_country(self, modifiers: Iterable, date: dt.date | None) -> str | None:
        for element in reversed(list(modifiers)):
            if isinstance(element, Match) and element.ref is not None:
                entry = self.kb.entries[element.ref.entry_id]
                if entry.kind == "country" or element.ref.how != "name":
                    return entry.country
                return entry.role_at(date).country
        return None


def _own(coded: Coded, owner: Coded) -> Coded:
    """Apply an "of X" owner to an agent phrase: "spokesman of Hamas" is Hamas."""
    if owner.head == "empty" or (owner.country is None and owner.sector is None):
        return coded
    if coded.inherit and owner.sector and (coded.sector is None or coded.person):
        eli = coded.sector == "ELI"
        out = replace(owner, head=coded.head, inherit=False, person=coded.person,
                      title=coded.title, owner_sector=True,
                      country=owner.country or coded.country)  # "Nigeria's chief of police"
        if eli:
            out.sector, out.id = "ELI", None
        if coded.head == "name":
            out.name = coded.name
        return out
    if coded.country is None:
        coded.country = owner.country
    if coded.sector is None:
        coded.sector = owner.sector
    return coded


def _merge(coded: Coded, other: Coded) -> Coded:
    """An appositive: "Harry Tseng, Taiwan's deputy foreign minister"."""
    if other.country is None and other.sector is None:
        return coded
    return replace(coded, country=coded.country or other.country,
                   sector=coded.sector or other.sector, id=coded.id or other.id,
                   head="name" if coded.head == "name" else other.head)


def _has_head(units: Sequence[Unit], offset: int, covered: set[int]) -> bool:
    """Whether a part ends in something that can head a phrase (so "and" joins phrases,
    not adjectives as in "awful and evil minister")."""
    for k in range(len(units) - 1, -1, -1):
        unit = units[k]
        if unit.kind == "poss":
            return False
        if unit.kind != "word" or unit.norm in SKIP_WORDS:
            continue
        return offset + k in covered or unit.capitalized
    return False


def _collective(units: Sequence[Unit]) -> bool:
    words = [u.norm for u in units if u.kind == "word" and u.norm not in SKIP_WORDS]
    return bool(words) and words[-1] in COLLECTIVE_HEADS


def _local(matches: list[Match], start: int, end: int) -> list[Match]:
    """Matches inside units[start:end], re-indexed from ``start``."""
    return [Match(m.i - start, m.j - start, m.ref, m.agent) for m in matches
            if m.i >= start and m.j <= end]


def _strip_determiners(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


#: Prepositions before a town's name that the tagger may take for a person ("in Norwich").
_PLACE_PREPS = frozenset({"in", "at", "near", "from", "outside"})
#: An acronym defined right after a name: "the British National Party (BNP)", "Party(BNP)".
_DEFINED_ACRONYM = re.compile(r"\s?\(([A-Z]{2,6})\)")


class DocIndex:
    """Units and matches of a whole Doc, computed once and sliced per phrase (so a long
    article is normalised and matched against the KB in one pass)."""

    def __init__(self, doc: Doc, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.kb = kb
        self.text = doc.text
        self.units = make_units(doc, kb.sponsor_participles)
        self.matches = find_matches(self.units, kb)
        self.starts = [u.start for u in self.units]
        self.match_starts = [m.i for m in self.matches]
        self.match_at: dict[int, Match] = {}  # token index -> the match covering it
        for match in self.matches:
            for k in range(self.units[match.i].start, self.units[match.j - 1].end):
                self.match_at[k] = match

    def drop_foreign_cities(self, share: float, least: int) -> None:
        """City names (a city read as its country's people) follow the story's country:
        when at least ``least`` other names and ``share`` of them are of one country D,
        a city of another country the story names nowhere else (by no other name, no
        second city) is the place of that name in D if there is one ("Perth" in a story
        about Scotland, "Tripoli" in one about Lebanon); else it is forgotten when the
        story names a town of D ("Norfolk" beside Norwich in a British story is the
        county, not the US city). A city the story is set in stays ("Israel's president
        visited Melbourne"; "the Rotary Club of Dallas" in a US story). Capitals and every
        other name are kept."""
        if share <= 0:
            return
        countries: Counter[str] = Counter()
        cities: dict[str, set[str]] = {}  # country -> the names of its cities
        for match in self.matches:
            if match.ref is None or match.ref.entry_id not in self.kb.entries:
                continue
            country = self.kb.entries[match.ref.entry_id].country
            if match.ref.how == "city":
                cities.setdefault(country, set()).add(self._name(match))
            elif country and country not in SPECIAL_COUNTRIES:
                countries[country] += 1
        total = sum(countries.values())
        if total < least or not cities:
            return
        top, n = countries.most_common(1)[0]
        if n < share * total:
            return
        foreign = [m for m in self.matches if m.ref is not None and m.ref.how == "city"
                   and m.ref.entry_id != top and m.ref.entry_id not in countries
                   and len(cities.get(m.ref.entry_id, ())) == 1]
        if not foreign:
            return
        home_town = any(top in place_countries(e.text) for e in self.doc.ents
                        if e.label_ in ("GPE", "LOC") or (
                            e.start > 0 and self.doc[e.start - 1].lower_ in _PLACE_PREPS))
        dropped = set()
        for match in foreign:
            if top in place_countries(self._name(match)):
                match.ref = NameRef(top, "city")
            elif home_town:
                dropped.add(id(match))
        if not dropped:
            return
        self.matches = [m for m in self.matches if id(m) not in dropped]
        self.match_starts = [m.i for m in self.matches]
        self.match_at = {}
        for match in self.matches:
            for k in range(self.units[match.i].start, self.units[match.j - 1].end):
                self.match_at[k] = match

    def _name(self, match: Match) -> str:
        return " ".join(u.text for u in self.units[match.i:match.j])

    def follow_defined_acronyms(self) -> None:
        """An acronym the article defines after a known name ("the British National Party
        (BNP)") means that name wherever the article uses it, though the knowledge base
        gives the acronym to another actor (the Bangladesh Nationalist Party)."""
        defined: dict[str, str] = {}
        units = self.units
        for match in self.matches:
            if match.ref is None:
                continue
            last = self.doc[units[match.j - 1].end - 1]
            found = _DEFINED_ACRONYM.match(self.text, last.idx + len(last.text))
            if found is not None:
                defined.setdefault(found.group(1), match.ref.entry_id)
        if not defined:
            return
        for match in self.matches:
            if match.ref is None or match.j - match.i != 1:
                continue
            entry = defined.get(units[match.i].text.strip("()"))
            if entry is not None and entry != match.ref.entry_id:
                match.ref = NameRef(entry)

    def span_text(self, lo: int, hi: int) -> str:
        start = self.doc[lo].idx
        last = self.doc[hi - 1]
        return self.text[start : last.idx + len(last.text)]

    def slice(self, lo: int, hi: int) -> tuple[list[Unit], list[Match]]:
        """Units of tokens lo..hi and the matches inside them, re-indexed; a match that
        crosses the edge is recomputed for the slice."""
        i = bisect_left(self.starts, lo)
        j = i
        while j < len(self.units) and self.units[j].end <= hi:
            j += 1
        units = self.units[i:j]
        crossing = any(m.i < i < m.j or m.i < j < m.j for m in (
            self.match_at.get(lo), self.match_at.get(hi - 1)) if m is not None)
        if crossing:
            return units, find_matches(units, self.kb)
        inner = []
        for k in range(bisect_left(self.match_starts, i), len(self.matches)):
            m = self.matches[k]
            if m.i >= j:
                break
            if m.j <= j:
                inner.append(Match(m.i - i, m.j - i, m.ref, m.agent))
        return units, inner

    def code(self, coder: "PhraseCoder", lo: int, hi: int, *, date: dt.date | None,
             location: bool) -> Coded:
        units, matches = self.slice(lo, hi)
        return coder.code_units(units, matches, self.span_text(lo, hi), date=date,
                                location=location)

    def agent_at(self, head: int) -> Agent | None:
        match = self.match_at.get(head)
        return match.agent if match is not None else None


# --- public API ------------------------------------------------------------------------

_ACTIVE: dict[str, KnowledgeBase] = {}


def set_active_kb(kb: KnowledgeBase) -> None:
    """Make ``kb`` the one :func:`code_span` uses (the pipeline component sets it)."""
    _ACTIVE["kb"] = kb


def active_kb() -> KnowledgeBase:
    """The KB of the pipeline component, or the shipped KB when there is none."""
    if "kb" not in _ACTIVE:
        _ACTIVE["kb"] = load_kb()
    return _ACTIVE["kb"]


def code_span(span: Span, *, date: str | None = None) -> ActorRef | None:
    """The actor a span refers to, or None for a non-actor.

    Uses the document's mentions (``doc._.mentions``) when the span's head is one of them,
    so "he" and "the president" resolve as in the document; otherwise codes the phrase from
    the knowledge base, with roles chosen by ``date`` (default: the article date).
    """
    if len(span) == 0:
        return None
    doc = span.doc
    mentions = doc._.mentions
    if mentions:
        root = span.root
        for mention in mentions:
            if span.start_char <= mention.start and mention.end <= span.end_char \
                    and mention.start <= root.idx < mention.end:
                return mention.actor
    day = as_date(date if date is not None else doc._.dct)
    location = span.root.dep_ == "pobj" and span.root.head.lower_ in LOCATION_PREPS
    return PhraseCoder(active_kb()).code(span, date=day, location=location).ref()


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en")


def code_text(text: str, *, date: str | dt.date | None = None,
              kb: KnowledgeBase | None = None) -> ActorRef | None:
    """Code a bare phrase ("Boko Haram gunmen", "the Mongolian President") as an actor."""
    doc = _tokenizer()(text.strip())
    day = as_date(date) if not isinstance(date, dt.date) else date
    return PhraseCoder(kb or active_kb()).code(doc[:], date=day).ref()


# --- mentions of a document ------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    start: int  # token indices of the mention
    end: int
    label: str
    coded: Coded
    outer: tuple[int, int]  # the noun phrase it stands for (suppresses modifiers inside)
    sent: int
    described: bool = False  # an unnamed person description ("the spokesman of X")
    salience: int = 0  # 2: subject of a main clause, 1: other subject, 0: anything else


@dataclass
class Settings:
    """Tunables of mention extraction (the [actors] config section)."""

    labels: frozenset[str] = field(default_factory=lambda: frozenset(
        {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}))
    pronoun_window: int = 3
    description_window: int = 2
    #: A country that codes at least this share of a document's country-coded mentions
    #: (and at least ``document_country_min`` of them) is given to its mentions of state
    #: bodies and people that name no country ("the Senate", "police"); 0 turns it off.
    document_country_share: float = 0.7
    document_country_min: int = 3
    #: "it"/"they" subjects resolve within their sentence, else this many sentences back.
    group_pronoun_window: int = 2
    #: "the minister" takes the last named person of its sector this many sentences back
    #: (0: its own sentence only; -1: never).
    person_description_window: int = 2


#: Sectors that take the document's country when a mention names none: state bodies and
#: the people of the country the story is about. Others (companies, media, rebels, aid
#: groups) are too often foreign to the story's country.
DOCUMENT_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "CVL", "OPP", "PTY",
                              "ELI"})


def extract_mentions(doc: Doc, kb: KnowledgeBase,
                     settings: Settings | None = None) -> list[Mention]:
    """The actor mentions of a parsed Doc, in text order, each with its coded actor (or
    None when it cannot be coded). Reads the Doc; never changes it."""
    settings = settings or Settings()
    coder = PhraseCoder(kb)
    date = as_date(doc._.dct)
    sent_of = _sentence_index(doc)
    index = DocIndex(doc, kb)
    index.drop_foreign_cities(settings.document_country_share, settings.document_country_min)
    index.follow_defined_acronyms()
    doc_units, doc_matches = index.units, index.matches
    cands: list[_Cand] = []
    taken: set[int] = set()
    ents = [e for e in doc.ents if e.label_ in settings.labels]
    ent_of = {t: e for e in ents for t in range(e.start, e.end)}
    entity_spans = _entity_spans(doc_units, doc_matches, ent_of)
    entity_of = {t: s for s in entity_spans for t in range(s[0], s[1])}

    for np_start, np_end, root in _noun_phrases(doc):
        head = root.i
        start = _former_prefix(doc, _conjunct_start(doc, np_start, head))
        of_end = _complement_end(root, OWNER_PREPS)
        root_agent = index.agent_at(head)
        entity = entity_of.get(head)
        ent = ent_of.get(head)
        if entity is None and ent is None and root_agent is None:
            continue
        if head in taken:
            continue  # inside a phrase already taken ("X's political bureau" took X)
        end = np_end
        if entity is not None:
            end = max(end, entity[1])  # "the Prince of Dol Amroth"
        code_end = end
        if root_agent is not None:
            end = max(end, of_end)  # "the spokesman of X"
            code_end = max(end, _complement_end(root, LOCATION_PREPS))  # "soldiers from X"
        coded = index.code(coder, start, code_end, date=date, location=_is_location(root))
        if entity is not None or ent is not None:
            # The KB name is exact; spaCy's entity may run over a coordination ("Gondor and
            # Arnor") or miss part of a name, so it is the span only when the KB has none.
            lo, hi = entity[:2] if entity is not None else (ent.start, ent.end)
            label = ent.label_ if ent is not None else "KB"
            cand = _Cand(lo, _trim(doc, lo, hi), label, coded, (start, end), sent_of[head])
        else:
            if coded.ref() is None and root_agent is not None and root_agent.sector is None:
                continue  # "the office", "leaders": nothing to code and no name to report
            lo = _skip_determiners(doc, start, head)
            cand = _Cand(lo, end, "NP", coded, (start, end), sent_of[head],
                         # one unnamed person ("the spokesman of X"), not a group
                         described=coded.person and coded.head == "agent"
                         and root.tag_ not in ("NNS", "NNPS"))
        if any(t in taken for t in range(cand.start, cand.end)):
            continue  # "DC" of "Washington, DC" after "Washington"
        cands.append(cand)
        taken.update(range(cand.start, cand.end))

    outer = [(c.outer, c) for c in cands]
    for lo, hi, label in [(e.start, e.end, e.label_) for e in ents] + \
            [(s[0], s[1], "KB") for s in entity_spans if s[2] != "demonym"]:
        if any(t in taken for t in range(lo, hi)):
            continue
        if any(o[0] <= lo and hi <= o[1] and doc[hi - 1].dep_ != "poss" for o, _ in outer):
            continue  # a modifier inside a coded phrase ("US" in "US President Joe Biden")
        root = doc[lo:hi].root
        coded = index.code(coder, lo, hi, date=date, location=_is_location(root))
        cands.append(_Cand(lo, _trim(doc, lo, hi), label, coded, (lo, hi), sent_of[root.i]))
        taken.update(range(lo, hi))

    for token in doc:
        if token.pos_ != "PRON" or token.i in taken:
            continue
        if token.lower_ in PRONOUNS or (token.lower_ in GROUP_PRONOUNS
                                        and _group_subject(token, kb)):
            cands.append(_Cand(token.i, token.i + 1, "PRON", Coded("pronoun"),
                               (token.i, token.i + 1),
                               sent_of[token.i]))

    _share_coordinated_heads(doc, cands, index, coder, date)
    cands.sort(key=lambda c: (c.start, -c.end))
    for cand in cands:
        root = doc[cand.start:cand.end].root
        if root.dep_ in ("nsubj", "nsubjpass"):
            cand.salience = 2 if root.head.dep_ in ("ROOT", "conj", "ccomp") else 1
        if cand.label == "PERSON" and (cand.coded.head == "country" or (
                cand.coded.head == "name" and cand.coded.sector is None
                and cand.coded.id is None and _place_in_name(doc, cand, index))
                or _place_as_given_name(doc, cand, index)) \
                and not (cand.end - cand.start == 1 and _is_location(root)
                         and _country_name_at(cand.start, index)):
            # A person called like a country or a city ("Michael B. Jordan", "James Van
            # Der Beek"): not the place; but a lone country name after "in" is the place
            # the tagger took for a person ("a checkpoint in northern Mali").
            cand.coded = Coded("name", person=True, name=cand.coded.name)
    _code_unknown_organisations(doc, cands, sent_of, kb)
    mentions = _corefer(doc, cands, settings, index.text, kb)
    _fill_document_country(mentions, settings)
    return mentions


def _share_coordinated_heads(doc: Doc, cands: list[_Cand], index: DocIndex,
                             coder: PhraseCoder, date: dt.date | None) -> None:
    """Give the later conjuncts of "the ambassadors of Arnor, Gondor and Rohan" or
    "soldiers from Chad and Niger" the head they share: Gondor's ambassadors, soldiers
    from Niger (the first conjunct is coded with its phrase already)."""
    for cand in cands:
        if cand.label == "NP" and cand.coded.head == "agent" and cand.coded.country is None:
            _share_country(doc, cand, cands)
            continue
        if cand.label in ("NP", "PRON") or cand.coded.head not in ("country", "entity"):
            continue
        root = doc[cand.start:cand.end].root
        if cand.coded.head == "country" and cand.coded.sector is None \
                and _share_modified_head(doc, cand, root, cands):
            continue
        first = root
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        prep = first.head
        if first is root or first.dep_ != "pobj" or prep.dep_ != "prep" \
                or prep.lower_ not in OWNER_PREPS | LOCATION_PREPS:
            continue
        head = prep.head
        if index.agent_at(head.i) is None:
            continue
        shared = index.code(coder, _skip_determiners(doc, head.left_edge.i, head.i), head.i + 1,
                            date=date, location=False)
        if shared.head != "agent":
            continue
        if prep.lower_ in OWNER_PREPS:
            cand.coded = _own(shared, cand.coded)
        elif shared.country is None:
            shared.country = cand.coded.country
            cand.coded = shared
        cand.coded.name = cand.coded.name if cand.coded.id else shared.name


def _share_modified_head(doc: Doc, cand: _Cand, root: Token, cands: list[_Cand]) -> bool:
    """The first of coordinated country modifiers takes the head they share: "US" in "US
    and British forces" is US forces. Returns whether it did."""
    head = root.head
    if root.dep_ not in ("amod", "compound", "nmod") or head.i <= root.i \
            or not any(c.dep_ == "conj" for c in root.children):
        return False
    for other in cands:
        if other.label == "NP" and other.start <= head.i < other.end \
                and other.coded.head == "agent" and not other.coded.owner_sector \
                and other.coded.sector:
            cand.coded = replace(other.coded, country=cand.coded.country, id=None,
                                 name=cand.coded.name)
            return True
    return False


def _share_country(doc: Doc, cand: _Cand, cands: list[_Cand]) -> None:
    """A later conjunct takes the country of the first one's modifiers: "Danish media and
    government" (the Danish government), "Iraqi police and soldiers"; or the organisation
    the first one belongs to: "Hamas fighters and officials"."""
    first = doc[cand.start:cand.end].root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first.i >= cand.start:
        return
    for other in cands:
        if other.start <= first.i < other.end and other.label == "NP" \
                and other.coded.head == "agent" and other.coded.country:
            if not other.coded.owner_sector:
                cand.coded = replace(cand.coded, country=other.coded.country)
            elif cand.coded.inherit:
                cand.coded = replace(other.coded, title=cand.coded.title)  # "Hamas ... officials"
            return


def _fill_document_country(mentions: list[Mention], settings: Settings) -> None:
    """Give the story's country to unlinked state-sector mentions that name none (see
    :attr:`Settings.document_country_share`)."""
    if settings.document_country_share <= 0:
        return
    counts = Counter(m.actor.country for m in mentions
                     if m.label != "PRON" and m.actor is not None and m.actor.country
                     and m.actor.country not in SPECIAL_COUNTRIES)
    total = sum(counts.values())
    if total < settings.document_country_min:
        return
    country, n = counts.most_common(1)[0]
    if n < settings.document_country_share * total:
        return
    for mention in mentions:
        actor = mention.actor
        if actor is not None and actor.country is None and actor.id is None \
                and actor.sector in DOCUMENT_SECTORS:
            mention.actor = ActorRef(None, actor.name, country, actor.sector)


def _bare_surname(doc: Doc, cand: _Cand, text: str, kb: KnowledgeBase) -> bool:
    """Whether a mention is a KB person linked by a bare surname (not a name or alias)."""
    coded = cand.coded
    if cand.label in ("NP", "PRON") or not coded.person or coded.head != "entity" \
            or coded.id is None:
        return False
    key = _span_key(doc, cand, text)
    return len(key) == 1 and key not in kb.names


def _span_key(doc: Doc, cand: _Cand, text: str) -> tuple[str, ...]:
    last = doc[cand.end - 1]
    return name_key(text[doc[cand.start].idx:last.idx + len(last)])


def _country_name_at(i: int, index: DocIndex) -> bool:
    """Whether token ``i`` is a country's own name ("Mali"; not a capital or a demonym)."""
    match = index.match_at.get(i)
    return match is not None and match.ref is not None and match.ref.how == "name" \
        and index.kb.entries[match.ref.entry_id].kind == "country"


def _place_as_given_name(doc: Doc, cand: _Cand, index: DocIndex) -> bool:
    """Whether a person entity opens with a place's name and goes on with a word no name
    of the knowledge base covers: a given name like a place ("Virginia Giuffre", "Georgia
    Harrison", "Sydney Smith"), not the place. A place with no sector only; the last word
    must be a capitalised word of its own (a surname), so "Virginia" alone stays the
    state."""
    if cand.coded.sector is not None or cand.coded.person or cand.end - cand.start < 2:
        return False
    first = index.match_at.get(cand.start)
    if first is None or first.ref is None:
        return False
    if index.kb.entries[first.ref.entry_id].kind not in ("territory", "country"):
        return False
    last = doc[cand.end - 1]
    return index.match_at.get(cand.end - 1) is None and last.is_alpha and last.is_title


@lru_cache(maxsize=4096)
def place_countries(name: str) -> frozenset[str]:
    """The countries (ISO alpha-3) with a town called ``name`` (the shared gazetteer data,
    :mod:`newsevents.geo`); empty when none."""
    return _towns().get(name, frozenset())


@lru_cache(maxsize=1)
def _towns() -> dict[str, frozenset[str]]:
    from .. import geo  # only when a story's city names need checking

    iso3 = {c["iso"]: c["iso3"] for c in geo.countries().values()}
    towns: dict[str, set[str]] = {}
    for city in geo.cities().values():
        code = iso3.get(city["countrycode"])
        if code:
            towns.setdefault(city["name"], set()).add(code)
    return {name: frozenset(codes) for name, codes in towns.items()}


def _place_in_name(doc: Doc, cand: _Cand, index: DocIndex) -> bool:
    """Whether a country, capital or city name (not a demonym) lies inside the entity."""
    for k in range(cand.start, cand.end):
        match = index.match_at.get(k)
        if match is not None and match.ref is not None and match.ref.how != "demonym" \
                and index.kb.entries[match.ref.entry_id].kind == "country":
            return True
    return False


def _antecedent(persons: list[tuple[int, int, ActorRef | None, str | None]], sent: int,
                window: int, gender: str | None = None) -> ActorRef | None:
    """The actor "he"/"she" refers to: among the named persons of the last ``window``
    sentences the most salient (a main-clause subject over any subject over the rest),
    the latest on a tie; None when that person has no actor, or a given name of the other
    gender ("Tom Homan ... she rejects": no one - the given-name list is too short to
    pick another person instead)."""
    recent = [p for p in persons if sent - p[0] <= window]
    if not recent:
        return None
    best = max(p[1] for p in recent)
    found = [p for p in recent if p[1] == best][-1]
    return found[2] if found[3] in (None, gender) else None


def _group_subject(token: Token, kb: KnowledgeBase) -> bool:
    """Whether an "it"/"they" is the subject of a clause that can name an actor: not a
    dummy "it" ("it rained", "it emerged that", "it was reported that"), not in quoted
    words (there "they" are others than the speaker: "They shelled us," the mayor said)."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = token.head
    if head.pos_ != "VERB":
        return False  # "it's with heavy hearts", "makes it harder": no act of anyone
    if token.lower_ == "it" and (
        head.lemma_.lower() in kb.dummy_subject_verbs
        or (token.dep_ == "nsubjpass" and any(c.dep_ in ("ccomp", "xcomp") for c in head.children))
    ):
        return False
    text = token.doc.text
    before = text[text.rfind("\n", 0, token.idx) + 1:token.idx]
    # an odd number of straight quotes, or more opening than closing curly quotes, before
    # the pronoun in its paragraph: it is inside a quotation
    return before.count('"') % 2 == 0 and before.count("\u201c") <= before.count("\u201d")


def _rank(doc: Doc, cand: "_Cand") -> int:
    """How likely a mention is the antecedent of a later "it"/"they": 2 for the subject of
    the sentence's main verb, 1 for another subject ("whether the Home Office would"),
    0 for anything else."""
    root = doc[cand.start:cand.end].root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return 0
    return 2 if root.head.dep_ == "ROOT" else 1


def _group_number(doc: Doc, cand: "_Cand") -> str | None:
    """Which group pronoun a mention can be: "it" for a state or one body ("Iran", "the
    ministry"), "they" for a people or several ("Palestinians", "rebels"), None for an
    organisation ("Labour said it" and "Labour said they"), "" for none."""
    root = doc[cand.start:cand.end].root
    if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
        return "they"  # "Germany, France and the UK ... they"
    if cand.label == "GPE":
        return "it"
    if cand.label == "NORP" or root.tag_ in ("NNS", "NNPS"):
        return "they"
    if cand.coded.person:
        return ""  # one person ("the spokesman"): "he" or "she", not "it"
    if cand.label == "ORG" or cand.coded.id is not None:
        return None
    return "it"


def _group_antecedent(doc: Doc, cand: "_Cand", groups: list, window: int) -> ActorRef | None:
    """The actor an "it"/"they" subject stands for: among the fitting organisations, states
    and groups before it in its own sentence, else the subjects of the ``window`` sentences
    before, the most salient, the latest on a tie (``_antecedent``'s rule). None when the
    nearest fitting mention has no actor, or when the pronoun's adverbial clause comes
    before the main clause's own subject ("Before it struck, Hamas ...": cataphora)."""
    token = doc[cand.start]
    path = list(token.ancestors)
    if any(t.dep_ == "advcl" for t in path) and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i for c in path[-1].children
    ):
        return None  # "If it joins, Turkey may have to ...": the name comes later
    number = token.lower_
    fits = [(*g[:3], None) for g in groups if g[3] in (None, number) and g[4] < token.i]
    here = [g for g in fits if g[0] == cand.sent]
    if here:
        return _antecedent(here, cand.sent, 0)
    # from an earlier sentence only a subject ("... operating in the UK. But BAA said it
    # ...": not the UK)
    return _antecedent([g for g in fits if g[0] < cand.sent and g[1] > 0], cand.sent, window)


@lru_cache(maxsize=1)
def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    """(female, male) given names: the list the quotes stage keeps for the same purpose
    (newsevents/quotes/data/first_names.yaml), read, not copied."""
    from importlib import resources

    import yaml

    try:
        data = yaml.safe_load((resources.files("newsevents.quotes") / "data" / "first_names.yaml")
                              .read_text(encoding="utf-8")) or {}
    except (OSError, ModuleNotFoundError, yaml.YAMLError):
        return frozenset(), frozenset()
    return (frozenset(str(n).lower() for n in data.get("female") or ()),
            frozenset(str(n).lower() for n in data.get("male") or ()))


def _gender(words: list[str]) -> str | None:
    """"f" or "m" for the first of ``words`` that is a given name of one gender only."""
    female, male = _given_names()
    for word in words:
        w = word.lower()
        if (w in female) != (w in male):
            return "f" if w in female else "m"
    return None


def _code_unknown_organisations(doc: Doc, cands: list[_Cand], sent_of: list[int],
                                kb: KnowledgeBase) -> None:
    """Give an unknown organisation ("the Popular Front for X") the sector its sentence
    suggests ("... the rebels said" -> REB); its country, if any, came from its modifiers.
    The words are the KB's ``organisation_words`` and ``sector_cues`` (context.yaml)."""
    words, cues = kb.organisation_words, kb.sector_cues
    for cand in cands:
        coded = cand.coded
        if cand.label not in ("ORG", "NORP") or coded.id is not None or coded.sector is not None:
            continue
        if not any(t.lower_ in words for t in doc[cand.start:cand.end]):
            continue
        sent = cand.sent
        lo = cand.start
        while lo > 0 and sent_of[lo - 1] == sent:
            lo -= 1
        hi = cand.end
        while hi < len(doc) and sent_of[hi] == sent:
            hi += 1
        for token in doc[lo:hi]:
            if not cand.start <= token.i < cand.end and token.lower_ in cues:
                cand.coded = replace(coded, head="agent", sector=cues[token.lower_],
                                     name=coded.name)
                break


def _corefer(doc: Doc, cands: list[_Cand], settings: Settings, text: str,
             kb: KnowledgeBase) -> list[Mention]:
    """Resolve repeated names, surnames, titles, definite descriptions and pronouns, in
    text order. A surname after a full name in the document is that person, even when the
    KB knows someone else of that surname; a bare surname the KB links ("Bondi") needs the
    person's country elsewhere in the document, or a person leading a state ("McDonald's"
    in a story about burgers is not an Irish party leader)."""
    bare = [_bare_surname(doc, c, text, kb) for c in cands]
    countries = {c.coded.country for c, b in zip(cands, bare, strict=True) if not b}
    # A party linked by name ("Conservatives", "Democrats", "Labour") belongs to its
    # country only when the document names that country otherwise: many countries have a
    # Conservative or Democratic party, and an Iranian story's "Conservatives" are not the
    # British Tories. Without it the mention keeps the sector only.
    others = {c.coded.country for c in cands if not (c.coded.id and c.coded.sector == "PTY")}
    for cand in cands:
        coded = cand.coded
        if coded.id and coded.sector == "PTY" and not coded.person and coded.country not in others:
            cand.coded = replace(coded, id=None, country=None)
    for cand, is_bare in zip(cands, bare, strict=True):
        if is_bare and cand.coded.country not in countries and \
                kb.entries[cand.coded.id].role_at(as_date(doc._.dct)).title \
                not in kb.prominent_titles:
            cand.coded = Coded("name", person=True, name=cand.coded.name)
    out: list[Mention] = []
    full_names: dict[tuple[str, ...], ActorRef | None] = {}
    surnames: dict[str, ActorRef | None] = {}
    titles: dict[str, ActorRef] = {}
    by_sector: dict[str, ActorRef] = {}
    by_term: dict[str, ActorRef] = {}
    # (sentence, salience, actor, gender of the given name: "f", "m" or None)
    persons: list[tuple[int, int, ActorRef | None, str | None]] = []
    # (sentence, rank, actor or None, the pronoun it can take: "it", "they" or None for
    # both, first token) of every organisation, state, group, place and unknown body so far
    groups: list[tuple[int, int, ActorRef | None, str | None, int]] = []
    genders: dict[str, str | None] = {}  # surname -> gender of the full name it came with
    description: tuple[int, ActorRef] | None = None
    for cand in cands:
        coded = cand.coded
        actor = coded.ref()
        if cand.label == "PRON" and doc[cand.start].lower_ in GROUP_PRONOUNS:
            actor = _group_antecedent(doc, cand, groups, settings.group_pronoun_window)
            if actor is None:
                continue
        elif cand.label == "PRON":
            actor = _antecedent(persons, cand.sent, settings.pronoun_window,
                                "f" if doc[cand.start].lower_ in ("she", "her") else "m")
            if actor is None:
                continue
        elif cand.label == "PERSON" or (coded.person and coded.head == "entity"):
            key = _span_key(doc, cand, text)
            if len(key) == 1 and key[0] in surnames and key not in kb.names:
                actor = surnames[key[0]]  # "Narges Mohammadi ... Mohammadi": not the KB's
            elif actor is None or actor.id is None:
                if key in full_names:
                    actor = full_names[key]  # the same name again
                elif len(key) == 1 and key[0] in surnames:
                    actor = surnames[key[0]]  # "Biden" after "Joe Biden"
                elif actor is None and description is not None and \
                        cand.sent - description[0] <= settings.description_window:
                    actor = description[1]  # "the spokesman of X ... Abu Y said"
            description = None
            if len(key) == 1 and key[0] in genders:
                gender = genders[key[0]]  # "Homan" after "Tom Homan"
            else:  # the given names before the surname, or the linked person's first name
                gender = _gender([t.text for t in doc[cand.start:cand.end - 1]]
                                 + (actor.name.split()[:1] if actor and actor.name else []))
            if len(key) >= 2:
                full_names.setdefault(key, actor)
                surnames.setdefault(key[-1], actor)
                genders.setdefault(key[-1], gender)
            if coded.title and actor is not None:
                titles[coded.title] = actor
            persons.append((cand.sent, cand.salience, actor, gender))
        elif actor is None and cand.label not in ("NP", "KB") and \
                len(key := _span_key(doc, cand, text)) == 1 and key[0] in surnames:
            # A surname the model tagged as an organisation or place ("Molanez said").
            actor = surnames[key[0]]
            persons.append((cand.sent, cand.salience, actor, genders.get(key[0])))
        elif cand.label == "NP" and coded.head == "agent" and coded.country is None \
                and not coded.owner_sector and doc[cand.outer[0]].lower_ == "the":
            if coded.title in titles:
                actor = titles[coded.title]  # "the president" after "US President Joe Biden"
            elif coded.title in by_term:
                actor = by_term[coded.title]  # "the rebels" after "Houthi rebels"
            elif coded.sector in by_sector and not coded.person and coded.sector in BODY_SECTORS:
                actor = by_sector[coded.sector]  # "the parliament" after "the Iraqi Parliament"
            elif coded.person and coded.sector and cand.outer[1] - cand.outer[0] == 2 \
                    and doc[cand.outer[1] - 1].tag_ == "NN":
                # "Rachel Reeves ... the minister said": a bare description of one person is
                # the most salient named person of the last sentences in that sector
                same = [(*p[:3], None) for p in persons if p[2] is not None and p[2].country
                        and p[2].sector == coded.sector]
                if settings.person_description_window >= 0:
                    actor = _antecedent(same, cand.sent,
                                        settings.person_description_window) or actor
        if cand.label == "PRON" and doc[cand.start].lower_ in GROUP_PRONOUNS:
            # a chain: "The Tories ... They said ... And they pledged ..."
            groups.append((cand.sent, _rank(doc, cand), actor, doc[cand.start].lower_, cand.start))
        elif cand.label == "PERSON" or (coded.person and coded.head == "entity"):
            root = doc[cand.start:cand.end].root
            if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
                # "Keller and Knight ... when they appeared": people, no organisation
                groups.append((cand.sent, _rank(doc, cand), None, "they", cand.start))
        elif cand.label in ("LOC", "FAC") or actor is None:
            # the nearest "it" may be a place or a body the KB does not know ("BAA said it
            # ...", "at Luton Airport ... when it changed"): it stands for no coded actor
            groups.append((cand.sent, _rank(doc, cand), None, None, cand.start))
        elif actor is not None and cand.label not in ("PRON", "PERSON") \
                and not (coded.person and coded.head == "entity"):
            number = _group_number(doc, cand)
            if number != "":
                groups.append((cand.sent, _rank(doc, cand), actor, number, cand.start))
        if cand.described and actor is not None and coded.owner_sector:
            description = (cand.sent, actor)
        if actor is not None and actor.country and actor.sector:
            if actor.id is not None and cand.label != "NP":
                by_sector[actor.sector] = actor
            if cand.label == "NP" and coded.title:
                by_term[coded.title] = actor
        start = doc[cand.start].idx
        end = doc[cand.end - 1].idx + len(doc[cand.end - 1].text)
        out.append(Mention(start, end, text[start:end], cand.label, actor))
    return out


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    if doc.has_annotation("SENT_START"):
        for n, sent in enumerate(doc.sents):
            for k in range(sent.start, sent.end):
                index[k] = n
    return index


def _noun_phrases(doc: Doc) -> list[tuple[int, int, Token]]:
    """Noun chunks plus the possessors inside them ("the Iraqi Parliament" in "the Iraqi
    Parliament's decision"), as (start, end, root)."""
    if not doc.has_annotation("DEP"):
        return []
    out = []
    for chunk in doc.noun_chunks:
        out.append((chunk.start, chunk.end, chunk.root))
        for token in chunk:
            if token.dep_ == "poss" and token.i < chunk.root.i and token.pos_ in ("NOUN", "PROPN"):
                out.append((token.left_edge.i, token.i + 1, token))
    return out


def _entity_spans(units: list[Unit], matches: list[Match],
                  ent_of: dict[int, Span]) -> list[tuple[int, int, str]]:
    """Token spans of KB names, with how they name (a city only where spaCy saw a place,
    so a person called "Gary" is not Gary, Indiana)."""
    spans = []
    for m in matches:
        if m.ref is None:
            continue
        lo, hi = units[m.i].start, units[m.j - 1].end
        if m.ref.how in ("city", "capital") and not any(
                t in ent_of and ent_of[t].label_ in ("GPE", "LOC", "FAC") for t in range(lo, hi)):
            continue
        spans.append((lo, hi, m.ref.how))
    return spans


def _complement_end(root: Token, preps: frozenset[str]) -> int:
    """End of the first complement of ``root`` introduced by one of ``preps``
    ("spokesman of X", "soldiers from X"), cut before a comma, colon or line break so an
    appositive list after it is not swallowed."""
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            end = child.right_edge.i + 1
            for k in range(child.i + 1, end):
                token = root.doc[k]
                if token.text in ",;:(" or "\n" in token.text_with_ws[:-1] or token.is_space \
                        or token.dep_ in ("acl", "relcl", "advcl", "ccomp"):
                    return k  # stop before a clause: "a country accused of ..."
            return end
    return root.i + 1


def _conjunct_start(doc: Doc, start: int, head: int) -> int:
    """Start of the conjunct holding the head of a noun chunk that spaCy built over a
    coordination ("Kenya and the neighbouring Uganda")."""
    for k in range(head - 1, start - 1, -1):
        if doc[k].dep_ == "cc" or doc[k].lower_ in CONJUNCTIONS or "\n" in doc[k].text_with_ws:
            return k + 1
    return start


def _former_prefix(doc: Doc, start: int) -> int:
    """Start of a phrase with an "ex-" glued before it, which spaCy may chunk apart
    ("Ex" | "-minister Juana Perez")."""
    if start >= 2 and doc[start - 1].text in _HYPHENS and doc[start - 2].lower_ in FORMER \
            and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        return start - 2
    return start


def _skip_determiners(doc: Doc, start: int, head: int) -> int:
    while start < head and (doc[start].lower_ in ("the", "a", "an", "this", "that", "these",
                                                    "those", "its", "their", "his", "her", "our")
                            or doc[start].pos_ in ("ADV", "CCONJ", "PUNCT", "SPACE")):
        start += 1
    return start


def _trim(doc: Doc, start: int, end: int) -> int:
    """End of a span without a trailing possessive or punctuation ("Parliament's")."""
    while end - 1 > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct
                               or doc[end - 1].is_space):
        end -= 1
    return end


def _is_location(root: Token) -> bool:
    return root.dep_ == "pobj" and root.head.lower_ in LOCATION_PREPS
