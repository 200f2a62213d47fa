"""The grammar of temporal expressions, compiled from the shipped data files.

``data/lexicon.yaml`` holds the words (months, units, modifiers...) and what they mean;
``data/rules.yaml`` the patterns built from them. :func:`load_grammar` compiles every rule
into one regular expression (each rule a named alternative, tried in file order) so a
document is scanned once; :meth:`Grammar.matches` yields :class:`RuleMatch` objects whose
``parts`` map a part name ("month", "num", "rel"...) to the matched text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError

_REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z_][a-z0-9_]*))?\}")
_NAMED = re.compile(r"\(\?P<([a-z_][a-z0-9_]*)>")
# A temporal expression never starts inside a word, a number, an amount or a path.
_LEFT = r"(?<![\w$€£/:])"
# ... nor ends inside a word or before a hyphenated word ("the year-ago quarter").
_RIGHT = r"(?!\w|-[A-Za-z])"
_SPACE = r"\s+"


@dataclass(slots=True)
class Rule:
    name: str
    norm: str
    type: str
    pattern: str


@dataclass(slots=True)
class RuleMatch:
    """One match of one rule: character offsets, the rule, and its captured parts."""

    start: int
    end: int
    rule: Rule
    parts: dict[str, str]
    text: str = ""


def _spaces(pattern: str, space: str = _SPACE) -> str:
    """``pattern`` with each space outside a character class turned into ``space`` (and an
    optional space, " ?", into optional whitespace)."""
    out = []
    depth = 0
    escaped = False
    skip = False
    for i, ch in enumerate(pattern):
        if skip:
            skip = False
            continue
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        if ch == " " and not depth:
            if pattern[i + 1:i + 2] == "?":
                out.append(r"\s*")
                skip = True
            else:
                out.append(space)
        else:
            out.append(ch)
    return "".join(out)


def _char(ch: str) -> str:
    """The regex for one character of a word: any whitespace for a space, either
    apostrophe for an apostrophe ("Valentine’s Day")."""
    if ch == " ":
        return _SPACE
    if ch in "'’":
        return "['’]"
    return re.escape(ch)


def _trie_regex(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, as a character trie: a position whose first
    letters start no word fails at once instead of trying every word in turn. A space in a
    word matches any run of whitespace."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [_char(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(trie)


class Lexicon:
    """Word lists with values; lookups ignore case and collapse whitespace."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.lists: dict[str, dict[str, Any]] = {}
        self.case_sensitive: dict[str, bool] = {}
        self._raw: dict[str, list[str]] = {}
        for name, spec in data.items():
            if not isinstance(spec, dict) or not isinstance(spec.get("words"), dict):
                raise ConfigError(f"[E300] Lexicon list {name!r} needs a 'words' mapping")
            self.lists[name] = {self.key(w): v for w, v in spec["words"].items()}
            self.case_sensitive[name] = spec.get("case") == "sensitive"
            self._raw[name] = [str(w) for w in spec["words"]]

    @staticmethod
    def key(text: str) -> str:
        return " ".join(str(text).lower().replace("’", "'").split())

    def get(self, name: str, text: str | None, default: Any = None) -> Any:
        """The value of ``text`` in list ``name`` (``default`` when absent)."""
        if text is None:
            return default
        return self.lists[name].get(self.key(text), default)

    def words(self, name: str) -> list[str]:
        return self._raw[name]

    def __contains__(self, name: str) -> bool:
        return name in self.lists

    def alternation(self, name: str) -> str:
        """A regex matching any word of the list (a character trie, longest first)."""
        words = {" ".join(w.split()) for w in self._raw[name]}
        if not self.case_sensitive[name]:
            words = {w.lower() for w in words}
        alts = _trie_regex(words)
        return f"(?-i:{alts})" if self.case_sensitive[name] else f"(?:{alts})"


class Grammar:
    """The compiled rules. ``matches(text)`` yields every leftmost non-overlapping match."""

    def __init__(self, lexicon: Lexicon, rules: list[Rule], macros: dict[str, str],
                 starters: set[str], triggers: set[str] | None = None,
                 trigger_number: str = r"^\d{4}$") -> None:
        self.lexicon = lexicon
        #: Lower-case tokens of which every expression contains at least one.
        self.triggers = triggers or set()
        #: Numeric tokens that are triggers too (years, clock times, numeric dates).
        self.trigger_number = re.compile(trigger_number)
        self.rules = rules
        self._macros = {name: self._expand_macro(body, macros, lexicon)
                        for name, body in macros.items()}
        alternatives = []
        self._groups: list[list[tuple[str, str]]] = []
        for i, rule in enumerate(rules):
            body, groups = self._expand_rule(i, rule)
            alternatives.append(f"(?P<r{i}>{body})")
            self._groups.append(groups)
        # Most positions of a text start no temporal expression; a cheap look-ahead on the
        # first word spares trying every rule there (about ten times faster).
        first = _trie_regex({w.lower() for w in starters if w})
        source = (f"{_LEFT}(?=[0-9'’]|{first}(?![a-z]))"
                  f"(?:{'|'.join(alternatives)}){_RIGHT}")
        try:
            self.pattern = re.compile(source, re.IGNORECASE)
        except re.error as e:
            raise ConfigError(f"[E301] The timex grammar does not compile: {e}") from e
        self._single: dict[str, re.Pattern[str]] = {}

    @staticmethod
    def _expand_macro(body: str, macros: dict[str, str], lexicon: Lexicon) -> str:
        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in lexicon:
                return lexicon.alternation(name)
            raise ConfigError(f"[E302] Macro refers to unknown list {name!r}")

        return _REF.sub(sub, _spaces(body))

    def _expand_rule(self, index: int, rule: Rule) -> tuple[str, list[tuple[str, str]]]:
        groups: list[tuple[str, str]] = []

        def named(part: str, body: str) -> str:
            # A part may appear in several alternatives of one rule ("{unit_plural:unit}|
            # {unit}"): each gets its own group and the one that matched gives the part.
            group = f"r{index}_{part}_{len(groups)}"
            groups.append((group, part))
            return f"(?P<{group}>{body})"

        def sub(m: re.Match[str]) -> str:
            name, alias = m.group(1), m.group(2)
            if name.isupper():
                if name not in self._macros:
                    raise ConfigError(
                        f"[E303] Rule {rule.name!r} uses unknown macro {name!r}. "
                        f"Available: {', '.join(sorted(self._macros))}"
                    )
                body = self._macros[name]
                return named(alias, body) if alias else f"(?:{body})"
            if name not in self.lexicon:
                raise ConfigError(
                    f"[E304] Rule {rule.name!r} uses unknown lexicon list {name!r}. "
                    f"Available: {', '.join(sorted(self.lexicon.lists))}"
                )
            return named(alias or name, self.lexicon.alternation(name))

        # Raw named groups written in the rule, e.g. (?P<rel>this|last), are renamed first.
        def rename(m: re.Match[str]) -> str:
            part = m.group(1)
            group = f"r{index}_{part}_{len(groups)}"
            groups.append((group, part))
            return f"(?P<{group}>"

        pattern = _NAMED.sub(rename, _spaces(rule.pattern, "\x00"))
        pattern = _REF.sub(sub, pattern)
        return pattern.replace("\x00", _SPACE), groups

    def read(self, m: re.Match[str]) -> RuleMatch:
        """The :class:`RuleMatch` of a match of :attr:`pattern`."""
        index = int(m.lastgroup[1:])  # type: ignore[index]
        parts: dict[str, str] = {}
        for group, part in self._groups[index]:
            value = m.group(group)
            if value is not None and part not in parts:
                parts[part] = value
        return RuleMatch(m.start(), m.end(), self.rules[index], parts, m.group())

    def matches(self, text: str) -> Iterator[RuleMatch]:
        """Leftmost, first-rule-wins matches over ``text``, left to right."""
        for m in self.pattern.finditer(text):
            yield self.read(m)

    def fullmatch(self, text: str) -> RuleMatch | None:
        """The first rule matching all of ``text`` (surrounding whitespace ignored)."""
        stripped = text.strip()
        if not stripped:
            return None
        m = self.pattern.fullmatch(stripped)
        if m is not None:
            return self.read(m)
        # The combined pattern prefers earlier rules; try each rule alone for a full match.
        for i, rule in enumerate(self.rules):
            single = self._single.get(rule.name)
            if single is None:
                body, _ = self._expand_rule(i, rule)
                single = re.compile(f"(?P<r{i}>{body})", re.IGNORECASE)
                self._single[rule.name] = single
            m = single.fullmatch(stripped)
            if m is not None:
                return self.read(m)
        return None


def _load_yaml(name: str) -> Any:
    text = resources.files("newsevents.temporal").joinpath("data", name).read_text("utf-8")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ConfigError(f"[E306] temporal/data/{name} is not valid YAML: {e}") from e


@lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    """The grammar of the shipped data files, compiled once per process.

    Raises ConfigError naming the rule, macro or list when a data file is malformed.
    """
    lexicon = Lexicon(_load_yaml("lexicon.yaml"))
    data = _load_yaml("rules.yaml")
    rules = []
    for spec in data.get("rules", []):
        missing = {"name", "norm", "type", "pattern"} - set(spec)
        if missing:
            raise ConfigError(f"[E307] Timex rule {spec!r} lacks {', '.join(sorted(missing))}")
        rules.append(Rule(spec["name"], spec["norm"], spec["type"], spec["pattern"]))
    starters = {Lexicon.key(w).split(" ")[0].rstrip(".-")
                for name in data.get("starter_lists", []) for w in lexicon.words(name)}
    starters.update(Lexicon.key(w) for w in data.get("starter_words", []))
    triggers = {Lexicon.key(w).split(" ")[-1]
                for name in data.get("trigger_lists", []) for w in lexicon.words(name)}
    triggers |= {t.rstrip(".") for t in triggers}
    triggers.update(Lexicon.key(w) for w in data.get("trigger_words", []))
    return Grammar(lexicon, rules, data.get("macros", {}), starters, triggers,
                   data.get("trigger_number", r"^\d{4}$"))
