"""Readers for actor dictionaries: our YAML, a simple CSV, and PETRARCH/TABARI actor and
agent files, so users can bring their own.

Every reader adds to a :class:`~newsevents.actors.kb.KnowledgeBase` and returns the
problems it skipped (file, line, reason); a malformed line never stops the load. A missing
or empty path raises :class:`~newsevents.errors.KnowledgeBaseError` at start-up.

Simple CSV (one row per name or per dated role; rows sharing a name are one actor)::

    name,aliases,country,sector,start,end
    Jane Doe,J. Doe|Doe,GBR,GOV,2020-01-01,2023-06-30
    Jane Doe,,GBR,LEG,2023-06-30,

PETRARCH actors: ``NAME [CODE]``, ``+ALIAS`` lines, and dated code lines such as
``[IRQGOV 20060520-20140908]``, ``[HOB <950601]`` or ``[HOBREB >990816]``; an underscore
joins words, and a name without a trailing underscore also matches longer words
("BULGAR" ~ "Bulgarian"). PETRARCH agents: ``TERM {PLURAL} [~CODE]`` (``CODE~`` puts the
code first) and substitution sets ``!MINIST! = MINISTER, MINISTRY``.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeBaseError
from .kb import (
    SECTORS,
    SPECIAL_COUNTRIES,
    Agent,
    Entry,
    KnowledgeBase,
    NameRef,
    Problem,
    Role,
    _rows,
    _split,
    add_context,
    load_agents_csv,
    parse_date,
    plural,
)

log = logging.getLogger(__name__)

SUFFIXES = (".csv", ".yaml", ".yml", ".txt")
#: libyaml's loader when installed (ten times faster on the shipped data), else pure Python.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ROLE = re.compile(r"^(?:(?P<country>[A-Z]{3})/)?(?P<sector>[A-Z]{3}|-)\s+(?P<start>\S+)"
                   r"\s+(?P<end>\S+)(?:\s+(?P<title>.+))?$")
_CODE = re.compile(r"^[A-Z]{3}$")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def person_id(name: str, country: str | None) -> str:
    """A stable person id: "<country>:<surname>-<given names>" ("USA:biden-joe")."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    order = words[-1:] + words[:-1] if len(words) > 1 else words
    return f"{country or 'UNK'}:{slug(' '.join(order))}"


# --- dispatch --------------------------------------------------------------------------


def load_dictionary(kb: KnowledgeBase, path: Path) -> list[Problem]:
    """Load one dictionary file, or every dictionary file in a folder: sorted by name, except
    that other ``people*`` files come after everything else (so ``people.yaml`` is read
    before ``people_asia.yaml``). A person repeated in another file is merged into the
    first one (see :meth:`KnowledgeBase.add_entry`).

    Raises KnowledgeBaseError for a missing path, an empty file or folder, or a file type
    that is not one of .csv, .yaml, .yml, .txt.
    """
    if not path.exists():
        raise KnowledgeBaseError(
            f"[E040] Actor dictionary not found: {path}. [actors] extra takes CSV, YAML or "
            "PETRARCH .txt files, or folders of them")
    if path.is_dir():
        files = sorted((p for p in path.iterdir() if p.suffix.lower() in SUFFIXES),
                       key=lambda p: (_later_people_file(p), p.name))
        if not files:
            raise KnowledgeBaseError(
                f"[E041] Actor dictionary folder {path} holds no {', '.join(SUFFIXES)} files")
        return [p for f in files for p in load_dictionary(kb, f)]
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise KnowledgeBaseError(
            f"[E042] Unknown actor dictionary type {path.name!r}; use one of {', '.join(SUFFIXES)}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise KnowledgeBaseError(f"[E044] Actor dictionary {path} is not UTF-8 text") from e
    if not text.strip():
        raise KnowledgeBaseError(f"[E041] Actor dictionary {path} is empty")
    name = str(path)
    if suffix == ".csv":
        header = next((line for line in text.splitlines()
                       if line.strip() and not line.startswith("#")), "")
        if header.replace(" ", "").lower().startswith("term,"):
            return load_agents_csv(kb, text, name)
        return load_simple_csv(kb, text, name)
    if suffix in (".yaml", ".yml"):
        return load_yaml_entries(kb, text, name)
    if is_petrarch_agents(text):
        return load_petrarch_agents(kb, text, name)
    return load_petrarch_actors(kb, text, name)


def _later_people_file(path: Path) -> bool:
    stem = path.stem.lower()
    return stem.startswith("people") and stem != "people"


# --- our YAML --------------------------------------------------------------------------


def _role(text: str, country: str | None) -> Role:
    m = _ROLE.match(str(text).strip())
    if not m:
        raise ValueError(f"bad role {text!r}: expected '[CCC/]SEC START END title'")
    sector = None if m["sector"] == "-" else m["sector"]
    if sector is not None and sector not in SECTORS:
        raise ValueError(f"bad sector {sector!r} in role {text!r}; "
                         f"valid: {', '.join(sorted(SECTORS))}")
    return Role(m["country"] or country, sector, parse_date(m["start"]),
                parse_date(m["end"], end=len(m["end"]) < 10 and m["end"] != "-"), m["title"])


def entry_from_mapping(item: dict[str, Any], source: str) -> Entry:
    """An Entry from one YAML mapping (see data/organizations.yaml for the fields)."""
    name = str(item["name"]).strip()
    country = item.get("country") or None
    if country is not None and not (_CODE.match(str(country)) or country in SPECIAL_COUNTRIES):
        raise ValueError(f"bad country {country!r}: expected ISO alpha-3 or IGO/NGO/IMG")
    sector = item.get("sector") or None
    if sector is not None and sector not in SECTORS:
        raise ValueError(f"bad sector {sector!r}; valid: {', '.join(sorted(SECTORS))}")
    roles = [_role(r, country) for r in item.get("roles") or []]
    # People are the entries with dated roles and no base sector (see data/people.yaml).
    kind = item.get("kind") or ("person" if roles and not sector else "org")
    entry_id = item.get("id") or (person_id(name, country) if kind == "person"
                                  else f"{country or 'UNK'}:{slug(name)}")
    aliases = [str(a) for a in item.get("aliases") or []]
    died = parse_date(item.get("died"))
    return Entry(str(entry_id), name, kind, country, sector, aliases, roles, died, source)


def load_yaml_entries(kb: KnowledgeBase, text: str, path: str) -> list[Problem]:
    """Entries from a YAML list of mappings; a bad item is a Problem with its line number.
    A YAML mapping instead is a context file that extends data/context.yaml (see
    :func:`~.kb.add_context`, which raises KnowledgeBaseError when it is malformed)."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", -1) + 1
        return [Problem(path, line, f"not valid YAML: {e}")]
    if root is None:
        return [Problem(path, 1, "no entries")]
    if isinstance(root, yaml.MappingNode):  # a context file: the linker's word lists
        loader = _LOADER("")
        try:
            add_context(kb, loader.construct_document(root), path)
        finally:
            loader.dispose()
        return []
    if not isinstance(root, yaml.SequenceNode):
        return [Problem(path, root.start_mark.line + 1, "expected a list of actor entries")]
    problems = []
    # One constructor for the whole file: a loader per item costs ten times the parse.
    loader = _LOADER("")
    try:
        for node in root.value:
            line = node.start_mark.line + 1
            try:
                item = loader.construct_document(node)
                if not isinstance(item, dict) or "name" not in item:
                    raise ValueError("an entry needs at least a name")
                kb.add_entry(entry_from_mapping(item, path))
            except (ValueError, TypeError, KeyError, yaml.YAMLError) as e:
                problems.append(Problem(path, line, str(e)))
    finally:
        loader.dispose()
    return problems


# --- simple CSV ------------------------------------------------------------------------


def load_simple_csv(kb: KnowledgeBase, text: str, path: str) -> list[Problem]:
    """Actors from the simple CSV format (name, aliases, country, sector, start, end)."""
    problems: list[Problem] = []
    rows = list(_rows(text, path))
    if rows and "name" not in rows[0][1]:
        return [Problem(path, 1, "header must start with name,aliases,country,sector,start,end")]
    for line, row in rows:
        name = row.get("name", "")
        country = (row.get("country") or "").upper() or None
        sector = (row.get("sector") or "").upper() or None
        try:
            if not name:
                raise ValueError("empty name")
            if country and not (_CODE.match(country) or country in SPECIAL_COUNTRIES):
                raise ValueError(f"bad country {country!r}: expected ISO alpha-3 or IGO/NGO/IMG")
            if sector and sector not in SECTORS:
                raise ValueError(f"bad sector {sector!r}; valid: {', '.join(sorted(SECTORS))}")
            start, end = row.get("start") or None, row.get("end") or None
            roles = []
            if start or end:
                roles.append(Role(country, sector, parse_date(start),
                                  parse_date(end, end=bool(end) and len(end) < 10)))
            is_person = bool(roles)
            entry_id = row.get("id") or (person_id(name, country) if is_person
                                         else f"{country or 'UNK'}:{slug(name)}")
            kb.add_entry(Entry(entry_id, name, "person" if is_person else "org", country,
                               None if is_person else sector, _split(row.get("aliases", "")),
                               roles, None, path))
        except ValueError as e:
            problems.append(Problem(path, line, str(e)))
    return problems


# --- PETRARCH / TABARI -----------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLOCK = re.compile(r"\[([^\]]*)\]")


def _strip_comments(text: str) -> list[tuple[int, str]]:
    """Lines with XML comments blanked (keeping line numbers) and '#' comments cut."""
    text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].rstrip()
        if line.strip() and not line.strip().startswith("<"):
            out.append((n, line))
    return out


def is_petrarch_agents(text: str) -> bool:
    """True when most code blocks carry a '~' (agents) rather than an actor code."""
    blocks = _BLOCK.findall(_COMMENT.sub("", text))
    return bool(blocks) and sum("~" in b for b in blocks) * 2 > len(blocks)


def _petrarch_date(text: str) -> dt.date:
    """TABARI 6-digit YYMMDD (pivot 1930) or 8-digit YYYYMMDD dates."""
    text = text.strip()
    if re.fullmatch(r"\d{8}", text):
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if re.fullmatch(r"\d{6}", text):
        year = int(text[:2])
        return dt.date(year + (1900 if year >= 30 else 2000), int(text[2:4]), int(text[4:]))
    raise ValueError(f"bad PETRARCH date {text!r} (YYMMDD or YYYYMMDD)")


def parse_petrarch_code(block: str) -> Role:
    """A Role from the inside of ``[...]``: ``CODE``, ``CODE <date``, ``CODE >date`` or
    ``CODE date-date``. The first three letters are the country, the rest the sector."""
    parts = block.split(None, 1)
    if not parts:
        raise ValueError("empty code block []")
    code, rest = parts[0].upper(), (parts[1] if len(parts) > 1 else "").replace(" ", "")
    if not re.fullmatch(r"[A-Z0-9+\-/]{3,}", code):
        raise ValueError(f"bad actor code {code!r}")
    code = code.split("/")[0]  # several codes (FRO/BIL/SAM): we keep the first
    if set(code) <= set("-+#"):
        country, sector = None, None  # a null code: known name, no actor
    else:
        country, sector = code[:3], code[3:] or None
    start = end = None
    if rest.startswith("<"):
        end = _petrarch_date(rest[1:])
    elif rest.startswith(">"):
        start = _petrarch_date(rest[1:])
    elif rest:
        if "-" not in rest:
            raise ValueError(f"bad date restriction {rest!r} (<date, >date or date-date)")
        a, b = rest.split("-", 1)
        start, end = _petrarch_date(a), _petrarch_date(b)
    return Role(country, sector, start, end)


def _petrarch_name(text: str) -> tuple[str, bool]:
    """(name with spaces, whether the last word is a stem) from ``ARNOR_`` / ``BULGAR``."""
    text = text.strip()
    stem = not text.endswith("_")
    return text.strip("_").replace("_", " ").strip(), stem


def load_petrarch_actors(kb: KnowledgeBase, text: str, path: str) -> list[Problem]:
    """Actors from a PETRARCH/TABARI actor dictionary."""
    problems: list[Problem] = []
    current: dict[str, Any] | None = None

    def flush() -> None:
        nonlocal current
        if current is None:
            return
        roles: list[Role] = current["roles"]
        if not roles:
            problems.append(Problem(path, current["line"],
                                    f"actor {current['name']!r} has no code"))
        else:
            undated = [r for r in roles if r.start is None and r.end is None]
            base = undated[0] if undated else Role(roles[0].country, None)
            dated = [r for r in roles if r.start or r.end]
            # Kind "org": outside its dates a PETRARCH actor keeps its default code (not ELI).
            entry = Entry(f"PETR:{slug(current['name'])}", current["name"].title(), "org",
                          base.country, base.sector, roles=dated, source=path)
            kb.add_entry(entry)
            for name, stem in current["names"]:
                kb.add_name(name, NameRef(entry.id, stem=stem))
        current = None

    for line, raw in _strip_comments(text):
        stripped = raw.strip()
        try:
            if stripped.startswith("+"):
                if current is None:
                    raise ValueError(f"alias {stripped!r} before any actor")
                current["names"].append(_petrarch_name(stripped[1:].split("[")[0]))
                for block in _BLOCK.findall(stripped):
                    current["roles"].append(parse_petrarch_code(block))
                continue
            if stripped.startswith("["):
                if current is None:
                    raise ValueError(f"code {stripped!r} before any actor")
                current["roles"].append(parse_petrarch_code(_one_block(stripped)))
                continue
            if stripped.count("[") != stripped.count("]"):
                raise ValueError(f"unbalanced brackets in {stripped!r}")
            flush()
            name_part = stripped.split("[", 1)[0]
            name, stem = _petrarch_name(name_part)
            if not name or not re.search(r"\w", name):
                raise ValueError(f"no actor name in {stripped!r}")
            current = {"name": name, "names": [(name, stem)], "roles": [], "line": line}
            for block in _BLOCK.findall(stripped):
                current["roles"].append(parse_petrarch_code(block))
        except ValueError as e:
            problems.append(Problem(path, line, str(e)))
    flush()
    return problems


def _one_block(text: str) -> str:
    blocks = _BLOCK.findall(text)
    if len(blocks) != 1:
        raise ValueError(f"expected one [code] in {text!r}")
    return blocks[0]


_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")


def load_petrarch_agents(kb: KnowledgeBase, text: str, path: str) -> list[Problem]:
    """Agents from a PETRARCH/TABARI agent dictionary.

    The code after ``~`` (or before it) is kept verbatim as the sector, so imported codes
    such as ``GOVFRM`` survive into the actor code ("ARN" + "GOVFRM").
    """
    problems: list[Problem] = []
    subst: dict[str, list[str]] = {}
    for line, raw in _strip_comments(text):
        stripped = raw.strip()
        try:
            if m := _SUBST.match(stripped):
                subst[m[1].upper()] = [w.strip() for w in m[2].split(",") if w.strip()]
                continue
            blocks = _BLOCK.findall(stripped)
            if len(blocks) != 1:
                raise ValueError(f"expected 'TERM {{PLURAL}} [~CODE]', got {stripped!r}")
            code = blocks[0].replace(" ", "").upper()
            if "~" not in code:
                raise ValueError(f"agent code {code!r} lacks '~'")
            prefix = not code.startswith("~")
            sector = code.strip("~") or None
            head = stripped.split("[", 1)[0]
            plural_part = re.search(r"\{([^}]*)\}", head)
            term_text = re.sub(r"\{[^}]*\}", "", head).strip()
            if not term_text:
                raise ValueError(f"no agent term in {stripped!r}")
            terms = _expand(term_text, subst)
            for term in terms:
                term_name = term.strip("_").replace("_", " ").lower()
                forms: list[str] = []
                if plural_part is None:
                    forms.append(plural(term_name))
                elif plural_part.group(1).strip():
                    forms.append(plural_part.group(1).strip().replace("_", " ").lower())
                kb.add_agent(Agent(term_name, sector, True, "person", prefix), forms)
        except ValueError as e:
            problems.append(Problem(path, line, str(e)))
    return problems


def _expand(term: str, subst: dict[str, list[str]]) -> list[str]:
    """Expand ``!SET!`` markers in a term into every member of the set."""
    m = re.search(r"!(\w+)!", term)
    if not m:
        return [term]
    members = subst.get(m[1].upper())
    if members is None:
        raise ValueError(f"unknown substitution set !{m[1]}! (define it as '!{m[1]}! = A, B')")
    out = []
    for member in members:
        out.extend(_expand(term[: m.start()] + member + term[m.end():], subst))
    return out
