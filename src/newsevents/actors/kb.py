"""The actor knowledge base: countries, agent nouns, organisations and people with dated roles.

The shipped data lives in ``data/`` (CSV and YAML written for newsevents); users add their
own dictionaries (CSV, YAML or PETRARCH/TABARI ``.txt``) through ``[actors] extra``. Every
name is indexed under a normalised key (lower case, accents, apostrophes and dots removed,
hyphens split, the Arabic article "al" dropped), so "al-Kadhimi", "Al Kadhimi" and "Kadhimi"
meet. The KB is built once per process (:func:`load_kb` caches it).

>>> kb = load_kb()
>>> kb.lookup("Joe Biden", date="2015-03-01").code
'USAGOV'
>>> kb.lookup("Joe Biden", date="2026-03-01").code
'USAELI'
"""
from __future__ import annotations

import csv
import datetime as dt
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

import yaml

from ..errors import KnowledgeBaseError
from ..records import ActorRef

log = logging.getLogger(__name__)

#: Sector codes of the output contract (DESIGN.md).
SECTORS = frozenset(
    "GOV MIL LEG JUD REB OPP PTY COP SPY MED BUS CVL EDU HLH REL HRI NGO IGO ELI UAF CRM "
    "LAB REF".split()
)
#: The sector of a country's name by how it is named: a capital named as an actor is the
#: government, another city its inhabitants; a country, demonym or place has none.
PLACE_SECTORS = {"capital": "GOV", "city": "CVL"}
#: Country-position codes that are not ISO countries.
SPECIAL_COUNTRIES = frozenset({"IGO", "NGO", "IMG"})

EntryKind = Literal["country", "person", "org", "group", "territory", "body"]
#: How a name refers to its entry: the name itself or an alias, a demonym ("Iraqi"), a
#: capital used as a metonym ("Baghdad said"), a city, or a weak surname ("Biden").
How = Literal["name", "demonym", "capital", "city", "place"]

# --- normalisation ---------------------------------------------------------------------

_APOSTROPHES = str.maketrans({c: "'" for c in "’‘`´ʼʹ′"})
_DROP = re.compile(r"['.\u0300-\u036f\u200b-\u200d\u2060\ufeff]")  # zero-width marks too
_SPLIT = re.compile(r"[\s\-‐‑‒–—/_]+")
#: Particles dropped from every key so spelling variants meet ("al-Kadhimi" = "Kadhimi").
PARTICLES = frozenset({"al"})
_LEADING = frozenset({"the"})


@lru_cache(maxsize=1 << 16)  # words repeat: KB names at load, article tokens at linking
def norm_word(text: str) -> str:
    """One word normalised for matching: no accents, apostrophes or dots, lower case."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return _DROP.sub("", text).lower()


def name_key(text: str) -> tuple[str, ...]:
    """The matching key of a name: normalised words, particles and a leading "the" dropped.

    >>> name_key("Asa'ib Ahl al-Haq")
    ('asaib', 'ahl', 'haq')
    >>> name_key("the U.S.")
    ('us',)
    """
    words = [norm_word(w) for w in _SPLIT.split(text.strip())]
    words = [w for w in words if w and w not in PARTICLES]
    if len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    return tuple(words)


_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(.)\1+")


def skeleton(key: tuple[str, ...]) -> tuple[str, ...]:
    """A transliteration-tolerant form of a name: vowels and doubled letters removed
    after the first letter ("Qassem Soleimani" and "Qasem Suleimani" -> ('qsm', 'slmn'))."""
    out = []
    for word in key:
        rest = _DOUBLE.sub(r"\1", _VOWELS.sub("", word[1:]))
        out.append((word[:1] + rest).replace("kh", "k").replace("q", "k"))
    return tuple(out)


def parse_date(value: object, *, end: bool = False) -> dt.date | None:
    """A date from "YYYY", "YYYY-MM", "YYYY-MM-DD", a date object, "-" or None.

    A partial date is the first day of its period, or with ``end=True`` the day after it, so
    that a role "2018 - 2020" covers all of 2018 to 2020. Raises ValueError on anything else.
    """
    if value is None or value == "-" or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(m[1]), int(m[2])
        if end:
            return dt.date(year + (month == 12), month % 12 + 1, 1)
        return dt.date(year, month, 1)
    if m := re.fullmatch(r"(\d{4})", text):
        return dt.date(int(m[1]) + end, 1, 1)
    raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")


def as_date(value: str | dt.date | None) -> dt.date | None:
    """A query date from an ISO string (partial dates allowed) or None; bad input -> None."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return parse_date(value[:10])
    except ValueError:
        return None


# --- records ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Role:
    """A dated code: the entry is ``country``/``sector`` from ``start`` (inclusive) to
    ``end`` (exclusive); None means open. ``title`` names the office ("prime minister")."""

    country: str | None
    sector: str | None
    start: dt.date | None = None
    end: dt.date | None = None
    title: str | None = None

    def active(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(slots=True)
class Entry:
    """One actor of the KB: its codes, names and dated roles."""

    id: str
    name: str
    kind: EntryKind
    country: str | None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    died: dt.date | None = None
    source: str = ""

    def role_at(self, date: dt.date | None) -> Role:
        """The code in force on ``date`` (None = now, as far as the KB knows).

        A person between or after their roles is a former office holder (ELI) of the country
        of their last role, unless they died in office: then they keep that role's code
        ("the late commander Soleimani" is still IRN MIL).
        An organisation outside its dated roles keeps its base code.
        """
        base = Role(self.country, self.sector)
        if not self.roles:
            return base
        if date is None:
            current = [r for r in self.roles if r.end is None]
            if current:
                return max(current, key=_start_key)
            past = self.roles
        else:
            current = [r for r in self.roles if r.active(date)]
            if current:
                return max(current, key=_start_key)
            past = [r for r in self.roles if r.start is None or r.start <= date]
        if not past:
            return base
        last = max(past, key=lambda r: r.end or dt.date.max)
        if self.kind != "person":
            return base
        died_in_office = self.died is not None and (last.end is None or last.end >= self.died)
        if died_in_office and (date is None or date >= self.died):
            return last
        return Role(last.country or self.country, "ELI", last.end, None,
                    "former " + (last.title or "official"))


def _start_key(role: Role) -> dt.date:
    return role.start or dt.date.min


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic actor noun ("police", "foreign minister") and what it codes as.

    ``inherit``: a person or part of an organisation ("spokesman", "leader", "officials")
    that takes the whole code of the organisation it belongs to; a body with a sector of its
    own ("army", "parliament") keeps its sector. ``code`` is the raw code for imported
    dictionaries whose codes are not our sectors (kept verbatim, e.g. "GOVFRM").
    """

    term: str
    sector: str | None
    inherit: bool
    kind: str = "person"
    prefix: bool = False  # PETRARCH "NGO~": the code goes before the actor's


@dataclass(frozen=True, slots=True)
class NameRef:
    """What a name in the index points to."""

    entry_id: str
    how: How = "name"
    acronym: bool = False  # only matches text in capitals ("US" but not "us")
    stem: bool = False  # PETRARCH stem: the last word may continue ("BULGAR" ~ "Bulgarian")


@dataclass(frozen=True, slots=True)
class Problem:
    """A dictionary line that was skipped, and why."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# --- the knowledge base ----------------------------------------------------------------


class KnowledgeBase:
    """Entries and the indexes the linker matches text against. Build with :func:`load_kb`."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.names: dict[tuple[str, ...], list[NameRef]] = defaultdict(list)
        self.agents: dict[tuple[str, ...], Agent] = {}
        self.surnames: dict[str, set[str]] = defaultdict(set)
        self.given_names: set[str] = set()  # first words of people's names ("leon")
        #: Countries whose people's names put the family name first ("Xi Jinping" is
        #: "Xi"): data/context.yaml. Set before people are added.
        self.family_first: frozenset[str] = frozenset()
        self.family_surnames: dict[str, set[str]] = defaultdict(set)
        self.skeletons: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.stems: dict[str, list[tuple[tuple[str, ...], NameRef]]] = defaultdict(list)
        self.max_len: dict[str, int] = {}
        self.problems: list[Problem] = []
        #: People defined in two files with different countries (the first file's kept).
        self.conflicts: list[str] = []
        self.sources: list[str] = []
        # Name key of each person's main name -> entry id, to merge a person that a later
        # file repeats (possibly with another country, hence another id).
        self._people: dict[tuple[str, ...], str] = {}
        #: Surnames that never link a person alone ("Brown", "May"): data/context.yaml.
        self.ambiguous_surnames: frozenset[str] = frozenset()
        #: Offices whose former holders a bare surname still names ("Obama"): context.yaml.
        self.prominent_titles: frozenset[str] = frozenset()
        #: Words that make an unknown named organisation an organisation, and agent nouns
        #: whose sector such an organisation takes from its sentence: context.yaml.
        self.organisation_words: frozenset[str] = frozenset()
        self.sector_cues: dict[str, str] = {}
        #: Participles after "X-" that make X a sponsor, not the actor ("Iran-backed").
        self.sponsor_participles: frozenset[str] = frozenset()
        #: Words that join the parts of a person's name ("Tamim bin Hamad Al Thani").
        self.name_particles: frozenset[str] = frozenset()
        #: Agent nouns with no sector that, said of a country only, name its state
        #: ("Iran's leader" -> GOV), noun -> sector.
        self.state_roles: dict[str, str] = {}
        #: Nouns for another party tied to the possessor ("Syria's militia ally"): the
        #: possessor is not the phrase's actor.
        self.relation_nouns: frozenset[str] = frozenset()
        #: Agent nouns that are adjectives before another noun ("general election").
        self.adjective_agents: frozenset[str] = frozenset()
        #: Verbs whose "it" subject stands for no one ("it rained", "it emerged that").
        self.dummy_subject_verbs: frozenset[str] = frozenset()

    # -- building --
    def add_entry(self, entry: Entry) -> None:
        """Add (or extend) an entry and index its names.

        An entry whose id is already known extends it; so does a person whose main name
        (as a name key) a person from another file already has: their aliases and roles are
        merged (a role with the same code and dates as one already there is dropped). When
        the two files disagree on the country, the first one's is kept, the later file's
        roles that took its country are moved to it, and a warning names both files.
        """
        old = self.entries.get(entry.id)
        key = name_key(entry.name) if entry.kind == "person" else ()
        if old is None and key and key in self._people:
            other = self.entries[self._people[key]]
            if other.source != entry.source:
                old = other
                if other.country != entry.country:
                    self._conflict(other, entry)
        if old is not None:
            self._merge(old, entry)
            entry = old
        else:
            self.entries[entry.id] = entry
            if key:
                self._people.setdefault(key, entry.id)
        for alias in [entry.name, *entry.aliases]:
            self.add_name(alias, NameRef(entry.id, acronym=_is_acronym(alias)))
            if entry.kind == "person":
                bare = _HONORIFIC.sub("", alias)
                if bare != alias and len(bare.split()) >= 2:
                    self.add_name(bare, NameRef(entry.id))  # "Sheikh Nawaf al-Ahmad" too
        if entry.kind == "person":
            self._index_person(entry)

    @staticmethod
    def _merge(old: Entry, new: Entry) -> None:
        """Extend ``old`` with the names, roles and death date of ``new`` (same actor)."""
        for alias in [new.name, *new.aliases]:
            if alias != old.name and alias not in old.aliases:
                old.aliases.append(alias)
        seen = {(r.country, r.sector, r.start, r.end) for r in old.roles}
        for role in new.roles:
            if new.country != old.country and role.country == new.country:
                role = replace(role, country=old.country)
            if (role.country, role.sector, role.start, role.end) not in seen:
                seen.add((role.country, role.sector, role.start, role.end))
                old.roles.append(role)
        if old.died is None:
            old.died = new.died

    def _conflict(self, kept: Entry, dropped: Entry) -> None:
        message = (f"{kept.name!r} is {kept.country} in {kept.source} but {dropped.country} "
                   f"in {dropped.source}; kept {kept.country} and merged the two entries")
        self.conflicts.append(message)
        log.warning("knowledge base: person %s", message)

    def add_name(self, text: str, ref: NameRef) -> None:
        key = name_key(text)
        if not key:
            return
        if ref.stem:
            self.stems[key[-1]].append((key[:-1], ref))
            return
        refs = self.names[key]
        if all(r.entry_id != ref.entry_id for r in refs):
            refs.append(ref)
        if len(key) > self.max_len.get(key[0], 0):
            self.max_len[key[0]] = len(key)

    def _index_person(self, entry: Entry) -> None:
        for alias in [entry.name, *entry.aliases]:
            key = name_key(alias)
            if len(key) >= 2:
                self.surnames[key[-1]].add(entry.id)
                self.skeletons[skeleton(key)].add(entry.id)
                if entry.country in self.family_first:
                    self.family_surnames[key[0]].add(entry.id)  # "Xi" of "Xi Jinping"
                else:
                    self.given_names.add(key[0])

    def add_agent(self, agent: Agent, forms: Iterable[str] = ()) -> None:
        """Index an agent noun under its term, its regular plural and any extra ``forms``."""
        for form in [agent.term, *forms]:
            key = name_key(form)
            if key:
                self.agents[key] = agent
                if len(key) > self.max_len.get(key[0], 0):
                    self.max_len[key[0]] = len(key)

    # -- querying --
    def entry(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def roles(self, actor_id: str) -> list[Role]:
        """The dated roles of an actor, oldest first (empty for unknown ids)."""
        entry = self.entries.get(actor_id)
        return sorted(entry.roles, key=_start_key) if entry else []

    def ref(self, entry: Entry, *, date: dt.date | None = None, how: How = "name",
            name: str | None = None) -> ActorRef:
        """The ActorRef of an entry on a date. A capital stands for the government ("Baghdad
        said"), any other city for its people ("shelling Mariupol": civilians); ``how="place"``
        is a capital or city named as a place ("in Baghdad"): the country alone."""
        if entry.kind == "country":
            sector = PLACE_SECTORS.get(how)
            return ActorRef(entry.id, name or entry.name, entry.country, sector)
        role = entry.role_at(date)
        return ActorRef(entry.id, entry.name, role.country, role.sector)

    def resolve(self, refs: list[NameRef]) -> NameRef | None:
        """One reference for a name: unambiguous, or the first entry that is not a city."""
        if len(refs) == 1:
            return refs[0]
        ids = {r.entry_id for r in refs}
        if len(ids) == 1:
            return refs[0]
        # A name that is both a KB actor and a city/capital is the actor (e.g. "Brussels").
        named = [r for r in refs if r.how == "name"]
        if len({r.entry_id for r in named}) == 1:
            return named[0]
        # Entries that code alike are one actor for coding ("England": the country GBR and
        # the territory England, both GBR with no sector).
        codes = {(self.entries[r.entry_id].country, self.entries[r.entry_id].sector,
                  bool(self.entries[r.entry_id].roles)) for r in named or refs}
        if len(codes) == 1 and not any(c[2] for c in codes):
            return (named or refs)[0]
        return None

    def lookup(self, name: str, *, date: str | dt.date | None = None) -> ActorRef | None:
        """The actor a bare name refers to on ``date`` (a full name, alias, country, demonym,
        capital, or a unique surname/transliteration of a person), or None.

        This is a name lookup, not phrase coding: "US forces" is None here; use
        :func:`newsevents.actors.link.code_text` for phrases.
        """
        key = name_key(name)
        if not key:
            return None
        day = as_date(date)
        ref = self.resolve(self.names.get(key, []))
        if ref is not None:
            return self.ref(self.entries[ref.entry_id], date=day, how=ref.how,
                            name=name.strip() if ref.how != "name" else None)
        person = self.find_person(key, day)
        return self.ref(person, date=day) if person else None

    def find_person(self, key: tuple[str, ...], date: dt.date | None = None) -> Entry | None:
        """A person by a surname ("Biden") or a transliteration ("Qasem Suleimani").

        A surname alone names a person only if it names nothing else in the KB ("England")
        and, among the people with that surname, exactly one is in office on ``date`` or has
        led a state (a :attr:`prominent_titles` role; not when the word is also a given
        name): a bare surname in the news is a current office holder or a former leader,
        not a minor former official.
        """
        ids: set[str] = set()
        if len(key) == 1:
            word = key[0]
            if word in self.ambiguous_surnames or len(word) < 2 or key in self.names:
                return None
            # A family name that comes first ("Xi", "Lai") may be short; one that is also a
            # given name elsewhere ("William" of "William Lai") is not a surname.
            found = set(self.surnames.get(word, ())) if len(word) >= 4 else set()
            if word not in self.given_names:
                found |= self.family_surnames.get(word, set())
            given = word in self.given_names
            ids = {i for i in found if self._known_by_surname(i, date, given)}
            if len(ids) > 1:  # namesakes: a head of state or government outranks a minister
                ids = {i for i in ids
                       if self.entries[i].role_at(date).title in self.prominent_titles}
        elif len(key) >= 2 and sum(map(len, key)) >= 8:
            ids = self.skeletons.get(skeleton(key), set())
            if len(ids) > 1:  # namesakes ("David Johnston"): the one in office on the date
                ids = {i for i in ids
                       if self.entries[i].role_at(date).sector not in ("ELI", None)}
        if len(ids) == 1:
            return self.entries[next(iter(ids))]
        return None

    def _known_by_surname(self, entry_id: str, date: dt.date | None, given: bool) -> bool:
        """Whether a bare surname can name this person: in office on ``date``, or a former
        leader unless the word is also someone's given name ("Leon": Zedillo's last name
        and Panetta's first)."""
        entry = self.entries[entry_id]
        if entry.role_at(date).sector not in ("ELI", None):
            return True
        return not given and any(role.title in self.prominent_titles for role in entry.roles)


_HONORIFIC = re.compile(r"^(sheikh|sheik|king|queen|emperor|sultan|emir|crown prince|prince|"
                        r"princess|ayatollah|sir|dame|lord|mullah)\s+", re.I)


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("&", "")
    return letters.isupper() and len(letters) <= 5 and " " not in alias.strip()


# --- shipped data ----------------------------------------------------------------------

DATA = resources.files("newsevents.actors") / "data"


def _rows(text: str, path: str) -> Iterator[tuple[int, dict[str, str]]]:
    """CSV rows with their 1-based line numbers; '#' comment lines are skipped."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader([line for _, line in lines])
    for (n, _), row in zip(lines[1:], reader, strict=False):
        yield n, {k: (v or "").strip() for k, v in row.items() if k}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def load_countries(kb: KnowledgeBase) -> None:
    """Countries with names, demonyms and capitals from ``data/countries.csv``."""
    path = "countries.csv"
    for _, row in _rows((DATA / path).read_text(encoding="utf-8"), path):
        code = row["code"]
        kb.add_entry(Entry(code, row["name"], "country", code, aliases=_split(row["aliases"]),
                           source=path))
        for demonym in _split(row["demonyms"]):
            kb.add_name(demonym, NameRef(code, "demonym"))
        for capital in _split(row["capitals"]):
            kb.add_name(capital, NameRef(code, "capital"))


def load_cities(kb: KnowledgeBase, min_population: int) -> None:
    """Cities of at least ``min_population`` as names of their country (how="city")."""
    path = "cities.csv"
    for _, row in _rows((DATA / path).read_text(encoding="utf-8"), path):
        if int(row["population"]) < min_population:
            break  # the file is sorted by population, largest first
        key = name_key(row["name"])
        if key in kb.names or key in kb.agents:
            continue  # a country, capital, demonym or agent noun keeps its meaning
        kb.add_name(row["name"], NameRef(row["country"], "city"))


def plural(term: str) -> str:
    """The regular English plural of the last word of ``term``."""
    head, _, last = term.rpartition(" ")
    if re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif last.endswith("man"):
        last = last[:-3] + "men"
    else:
        last += "s"
    return f"{head} {last}".strip()


def load_agents_csv(kb: KnowledgeBase, text: str, path: str) -> list[Problem]:
    """Agent nouns from our CSV format (term, sector, inherit, kind, forms)."""
    problems = []
    for line, row in _rows(text, path):
        term, sector = row.get("term", "").lower(), row.get("sector", "").upper() or None
        if not term or (sector is not None and sector not in SECTORS):
            problems.append(Problem(path, line, f"bad agent row {row!r}: need a term and a "
                                    f"sector from {', '.join(sorted(SECTORS))} or none"))
            continue
        agent = Agent(term, sector, row.get("inherit", "0") == "1", row.get("kind") or "person")
        kb.add_agent(agent, [plural(term), *_split(row.get("forms", ""))])
    return problems


#: The keys of a context file (data/context.yaml, or a user's YAML mapping among the
#: ``[actors] extra`` dictionaries): word lists, and word lists or words by sector.
CONTEXT_LISTS = ("organisation_words", "ambiguous_surnames", "prominent_titles",
                 "family_name_first", "sponsor_participles", "name_particles",
                 "relation_nouns", "adjective_agents", "dummy_subject_verbs")
CONTEXT_BY_SECTOR = ("sector_cues", "state_roles")


def add_context(kb: KnowledgeBase, data: object, source: str) -> None:
    """Add the linker's context lists of one context file to ``kb``: every list extends the
    one already there (a user's file adds words to the shipped ones; it cannot remove any).
    ``family_name_first`` only affects people loaded after it.

    Raises KnowledgeBaseError naming the file, the key and the valid keys or sectors when
    the file is not a mapping of those keys to lists of words (``sector_cues``: sector ->
    words; ``state_roles``: noun -> sector)."""
    if not isinstance(data, dict):
        raise KnowledgeBaseError(
            f"[E045] Context file {source} must be a mapping of {', '.join(CONTEXT_LISTS)}, "
            f"{', '.join(CONTEXT_BY_SECTOR)}; got {type(data).__name__}")
    for key, value in data.items():
        if key in CONTEXT_LISTS:
            words = _context_words(value, source, key)
            if key == "family_name_first":
                kb.family_first |= frozenset(w.upper() for w in words)
            else:
                setattr(kb, key, getattr(kb, key) | frozenset(words))
        elif key == "sector_cues":
            for sector, words in _by_sector(value, source, key).items():
                kb.sector_cues.update({w: sector for w in _context_words(words, source, key)})
        elif key == "state_roles":
            for noun, sector in _by_sector(value, source, key, inverse=True).items():
                kb.state_roles[noun.lower()] = sector
        else:
            raise KnowledgeBaseError(
                f"[E045] Context file {source}: unknown key {key!r}; valid: "
                f"{', '.join(CONTEXT_LISTS + CONTEXT_BY_SECTOR)}")



def _context_words(value: object, source: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise KnowledgeBaseError(
            f"[E046] Context file {source}: {key} must be a list of words, got {value!r}")
    return [w.strip().lower() for w in value]


def _by_sector(value: object, source: str, key: str, *, inverse: bool = False) -> dict:
    """``sector -> value`` (or ``value -> sector``) with every sector checked."""
    if not isinstance(value, dict):
        raise KnowledgeBaseError(
            f"[E046] Context file {source}: {key} must be a mapping, got {value!r}")
    for sector in (value.values() if inverse else value.keys()):
        if sector not in SECTORS:
            raise KnowledgeBaseError(
                f"[E046] Context file {source}: {key} has sector {sector!r}; valid: "
                f"{', '.join(sorted(SECTORS))}")
    return value


def people_files(folder: Path | Traversable) -> list[str]:
    """Names of the people files of a data folder: ``people.yaml`` first, then every other
    ``people*.yaml`` / ``people*.yml`` in name order (``people_asia.yaml``, ...)."""
    names = sorted(p.name for p in folder.iterdir()
                   if p.name.startswith("people") and p.name.endswith((".yaml", ".yml")))
    return sorted(names, key=lambda n: n not in ("people.yaml", "people.yml"))


def load_people(kb: KnowledgeBase, folder: Path | Traversable,
                names: Iterable[str] | None = None) -> list[Problem]:
    """Load the people files ``names`` of ``folder`` (default: all, see
    :func:`people_files`) into ``kb``; returns the skipped entries (file, line, reason).
    Each file is named by its file name."""
    from .importers import load_yaml_entries

    problems = []
    for name in people_files(folder) if names is None else names:
        problems += load_yaml_entries(kb, (folder / name).read_text(encoding="utf-8"), name)
    return problems


@lru_cache(maxsize=8)
def load_kb(extra: tuple[str, ...] | list[str] | None = None, *, shipped: bool = True,
            city_min_population: int | None = None,
            people: tuple[str, ...] | None = None) -> KnowledgeBase:
    """The knowledge base: the shipped data (unless ``shipped=False``) plus the dictionaries
    in ``extra`` (files or folders of CSV, YAML or PETRARCH .txt), later ones winning.
    ``people`` names the shipped people files to load (default: every ``people*.yaml``;
    ``("people.yaml",)`` measures what the other files add).

    Cached per arguments, so each process builds it once. Malformed lines are logged and
    listed in ``kb.problems``; a missing or empty ``extra`` path raises KnowledgeBaseError.
    """
    from ..config import load_config
    from .importers import load_dictionary, load_yaml_entries

    if isinstance(extra, list):  # lists are not hashable; normalise for the cache
        return load_kb(tuple(extra), shipped=shipped, city_min_population=city_min_population,
                       people=people)
    if city_min_population is None:
        city_min_population = int(load_config()["actors"].get("city_min_population", 200000))
    kb = KnowledgeBase()
    if shipped:
        add_context(kb, yaml.safe_load((DATA / "context.yaml").read_text(encoding="utf-8")),
                    "context.yaml")
        load_countries(kb)
        kb.problems += load_agents_csv(kb, (DATA / "agents.csv").read_text("utf-8"), "agents.csv")
        kb.problems += load_yaml_entries(kb, (DATA / "organizations.yaml").read_text("utf-8"),
                                         "organizations.yaml")
        kb.problems += load_people(kb, DATA, people)
        load_cities(kb, city_min_population)
        kb.sources.append("shipped")
    for path in extra or ():
        kb.problems += load_dictionary(kb, Path(path))
        kb.sources.append(str(path))
    for problem in kb.problems:
        log.warning("knowledge base: skipped %s", problem)
    if not kb.entries and not kb.agents:
        raise KnowledgeBaseError("[E043] The actor knowledge base is empty: the shipped data "
                                 "was turned off and no [actors] extra dictionary added actors")
    return kb
