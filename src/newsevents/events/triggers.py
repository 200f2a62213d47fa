"""Event triggers and status cues, loaded from ``data/triggers.yaml`` (plus user files).

A :class:`TriggerIndex` is built once per component: it maps a head lemma to its patterns,
most specific first, so matching a token is one dict lookup plus a check of the lemmas that
hang off it. See the header of ``data/triggers.yaml`` for the file format.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Token

from ..errors import KnowledgeBaseError
from . import syntax
from .ontology import CATEGORIES, Ontology

_lemma = syntax.lemma

FRAMES = ("absorb", "claim")
NEEDS = (
    "complement", "event", "actor_object", "no_clause", "no_object", "object", "no_predicate",
    "verb_complement", "no_stative_clause", "argument",
)
OF_ROLES = ("actor", "recipient")
CONTEXTS = ("wide", "near", "object")
SLOT_NAMES = ("dobj", "dative", "poss", "xsubj", "xobj", "purpose", "xcomp", "condition")

#: Dependency labels through which a pattern's extra lemmas may hang off its head.
_NEAR_DEPS = frozenset({
    "prt", "dobj", "prep", "pobj", "pcomp", "compound", "amod", "attr", "acomp", "advmod",
    "agent", "dative", "npadvmod", "nmod", "oprd", "obj",
})  # fmt: skip
#: Through these a pattern word may hang one level further down ("took to the streets").
_DEEP_DEPS = frozenset({"prep", "pobj", "dobj", "obj", "prt", "compound", "amod", "dative", "agent"})
#: Objects whose conjuncts count as objects of the same head.
_OBJECT_DEPS = frozenset({"dobj", "obj", "pobj"})
#: Modifiers of a head whose entity type a pattern may name as ``@norp``, ``@gpe`` ...
#: ("US-Israeli strikes", "Russia's strike"): who carries the act out, not its topic.
_ENTITY_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
#: What a head acts on, for ``context: object``: its object, or a passive's subject.
_OBJECT_OF_HEAD = frozenset({"dobj", "obj", "nsubjpass"})
#: Prepositions of time, circumstance or attribution: their phrase is never part of a
#: pattern.
_CIRCUMSTANCE_PREPS = frozenset({
    "after", "before", "since", "until", "till", "during", "amid", "amidst", "despite",
    "following", "throughout", "ahead", "according",
})
#: What makes a verb's use more than intransitive (``needs: argument``).
_ARGUMENT_DEPS = frozenset({"dobj", "obj", "dative", "xcomp", "ccomp", "nsubjpass", "agent"})
_ARGUMENT_PREPS = frozenset({"with", "against", "to"})
#: Prepositions that give the reason for an act ("attacked him for his stance").
_REASON_PREPS = frozenset({"for", "over"})
#: Prepositions that name the target of an act named by a noun ("an attack on").
_TARGET_PREPS = frozenset({"on", "against"})
_VERB_POS = frozenset({"VERB"})
_NOUN_POS = frozenset({"NOUN"})


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    """One pattern: head lemma, extra lemmas, and what it codes."""

    kind: str  # "verb" | "noun"
    pattern: str
    head: str
    extras: tuple[str, ...]
    type: str
    cameo: str
    mode: str | None
    to: tuple[str, ...] | None
    of: str
    unless: frozenset[str]
    requires: frozenset[str]
    not_under: frozenset[str]
    needs: frozenset[str]
    frame: str | None
    confidence: float
    #: subject lemmas that block a verb pattern ("the new law allows banks to ...")
    not_by: frozenset[str] = frozenset()
    #: where ``requires`` words are looked for: "wide" (also the words the head hangs
    #: from), "near" (only what hangs off the head, and its own subject) or "object"
    #: (only the head's object, or a passive's subject: "attacked the budget")
    context: str = "wide"
    #: an act of both sides on each other ("exchanged fire"): coordinated actors are
    #: actor and recipient, as for the symmetric categories (AGREE, CONSULT, COOPERATE)
    symmetric: bool = False
    #: subject lemmas one of which a verb pattern needs (its own subject, or a passive's
    #: agent): who does it ("the opposition leader attacked the chancellor": leader)
    by: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists that change an event's status (see ``cues`` in triggers.yaml)."""

    intend: frozenset[str]
    commit: frozenset[str]
    vow: frozenset[str]
    conditional: frozenset[str]
    modal_hypothetical: frozenset[str]
    modal_future: frozenset[str]
    obligation: frozenset[str]
    deny: frozenset[str]
    negate: frozenset[str]
    negate_own: frozenset[str]
    report: frozenset[str]
    report_nouns: frozenset[str]
    irrealis_governors: frozenset[str]
    neutral_sources: frozenset[str]
    negators: frozenset[str]
    light_verbs: frozenset[str]
    own_act_governors: frozenset[str]
    pejoratives: frozenset[str]
    trivial_complements: frozenset[str]
    unattributed_means: frozenset[str]
    giving_complements: frozenset[str]
    transparent_nouns: frozenset[str]
    travel_verbs: frozenset[str]
    collective_nouns: frozenset[str]
    state_means: frozenset[str]
    trivial_objects: frozenset[str]
    belief: frozenset[str]


class TriggerIndex:
    """Patterns by (kind, head lemma), plus recipient slots, complement modes and cues."""

    def __init__(
        self,
        specs: Iterable[TriggerSpec],
        recipient_slots: dict[str, tuple[str, ...]],
        complement_modes: dict[str, dict[str, tuple[str | None, str]]],
        cues: Cues,
    ) -> None:
        self.by_head: dict[tuple[str, str], list[TriggerSpec]] = {}
        for spec in specs:
            self.by_head.setdefault((spec.kind, spec.head), []).append(spec)
        for entries in self.by_head.values():
            # the most specific first: more extra words, then a sense with a context
            entries.sort(key=lambda s: (-len(s.extras), not s.requires))
        self.verb_heads = frozenset(h for k, h in self.by_head if k == "verb")
        self.noun_heads = frozenset(h for k, h in self.by_head if k == "noun")
        self.recipient_slots = recipient_slots
        self.complement_modes = complement_modes
        self.cues = cues

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_head.values())

    def match(self, token: Token) -> TriggerSpec | None:
        """The most specific pattern whose head is ``token`` and whose extra lemmas hang
        off it, or None."""
        lemma = _lemma(token)
        if token.pos_ in _VERB_POS:
            kind = "verb"
            if lemma not in self.verb_heads or token.dep_ == "amod":
                # an adjectival participle ("the alleged smuggler", "a sanctioned tanker")
                # describes a thing; it does not report the act
                return None
        elif token.pos_ in _NOUN_POS:
            kind = "noun"
            if lemma not in self.noun_heads:
                return None
        else:
            return None
        # a date phrase is never part of a pattern: "called on Sunday" is not "call on";
        # nor is a phrase of time or circumstance ("after the attack, police launched a
        # manhunt" is not "launch attack")
        aside = _circumstance(token)
        tokens = [t for t in near_tokens(token) if not _dated(t) and t.i not in aside]
        near = frozenset(_lemma(t) for t in tokens) | _entity_modifiers(token)
        if token.dep_ == "acl" and token.tag_ == "VBN":
            near = near | {token.head.lemma_.lower()}  # "documents released by": the object
        governors: tuple[frozenset[str], frozenset[str]] | None = None
        own: frozenset[str] | None = None
        complements: frozenset[str] | None = None
        for spec in self.by_head[(kind, lemma)]:
            if spec.unless:
                if complements is None:
                    complements = _complement_lemmas(token)
                # the verb of its complement too: "offering to buy the firm" is business
                if spec.unless & (near | complements):
                    continue
            if spec.requires or spec.not_under or spec.not_by or spec.by:
                if governors is None:
                    governors = _governors(token)
                    own = _own_subjects(token) if kind == "verb" else _noun_subjects(token)
                    if kind == "verb":
                        # a verb's own subject is its context too ("peacekeepers arrived")
                        governors = (governors[0], governors[1] | own)
                chain, subjects = governors
                if spec.context == "object":
                    scope = _object_lemmas(token)
                elif spec.context == "near":
                    # only the head's own subject: "the statement said militiamen attacked"
                    # is not a verbal attack because of the statement
                    scope = near | (own if kind == "verb" else frozenset())
                else:
                    scope = near | chain | subjects
                if spec.requires and not spec.requires & scope:
                    continue
                if spec.not_under & chain:
                    continue
                if spec.not_by and spec.not_by & own:
                    continue
                if spec.by and not spec.by & _doers(token):
                    continue
            if "verb_complement" in spec.needs and not _verb_complement(token):
                continue
            if "no_stative_clause" in spec.needs and _stative_clause(token):
                continue
            if "argument" in spec.needs and not _has_argument(token):
                continue
            if all(extra in near for extra in spec.extras) and _particles_follow(token, spec, tokens):
                return spec
        return None

    def slots_for(self, spec: TriggerSpec) -> tuple[str, ...]:
        """Recipient slots of ``spec``: its own ``to`` list first, then its category's."""
        default = self.recipient_slots.get(spec.type) or self.recipient_slots.get("default", ())
        if spec.to is None:
            return default
        return spec.to + tuple(s for s in default if s not in spec.to)


def _dated(token: Token) -> bool:
    """A preposition whose object is a date or time ("on Sunday", "in March")."""
    return token.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in token.children
    )


def _circumstance(token: Token) -> frozenset[int]:
    """Positions of the words in ``token``'s phrases of time or circumstance ("after the
    attack", "despite the strike") or of attribution ("according to a statement"), which
    never hold a pattern's words."""
    return frozenset(
        t.i for c in token.children
        if c.dep_ == "prep" and c.lower_ in _CIRCUMSTANCE_PREPS for t in c.subtree
    )


def _governors(token: Token, depth: int = 3) -> tuple[frozenset[str], frozenset[str]]:
    """Lemmas of the words ``token`` hangs from, up to ``depth`` levels ("went on strike":
    on, go; "conducted a strike": conduct), and of the first such verb's subjects
    ("teachers began a strike": teacher; a copula's too: "teachers were on strike")."""
    chain: list[str] = []
    subjects: frozenset[str] | None = None
    while depth and token.head is not token:
        token = token.head
        chain.append(_lemma(token))
        if subjects is None and token.pos_ in ("VERB", "AUX"):
            subjects = frozenset(_lemma(c) for c in token.children if c.dep_ in ("nsubj", "nsubjpass"))
        depth -= 1
    return frozenset(chain), subjects or frozenset()


def _complement_lemmas(token: Token) -> frozenset[str]:
    """Lemmas of the verbs of ``token``'s open complements ("offering to buy": buy)."""
    return frozenset(_lemma(c) for c in token.children if c.dep_ == "xcomp")


def _verb_complement(token: Token) -> bool:
    """``token`` governs an act: a clause or a verb after its preposition ("committed to
    opening up the economy"), not a bare noun ("committed to transparency")."""
    for c in token.children:
        if c.dep_ in ("xcomp", "ccomp"):
            return True
        if c.dep_ == "prep" and any(
            g.dep_ in ("pcomp", "pobj") and g.tag_ == "VBG" for g in c.children
        ):
            return True
    return False


def _has_argument(token: Token) -> bool:
    """``token`` has someone or something it acts on or toward: an object, a complement
    clause, a passive subject, or a with/against/to phrase ("threatened Iran", "threatened
    to leave", "threatened with sanctions"); not a bare "threatened in the ninth"."""
    return any(
        c.dep_ in _ARGUMENT_DEPS or (c.dep_ == "prep" and c.lower_ in _ARGUMENT_PREPS)
        for c in token.children
    )


def _stative_clause(token: Token) -> bool:
    """``token`` governs a clause that states how things are ("agreed that the objectives
    have been a factor"): an opinion shared, not an act agreed on."""
    return any(c.dep_ == "ccomp" and _lemma(c) == "be" for c in token.children)


def _own_subjects(token: Token) -> frozenset[str]:
    """Lemmas of a verb's subjects (a relative clause's noun), of a passive's agent ("was
    attacked by militiamen": the doer) and of the words that qualify them ("Ghanaian
    peacekeeping troops arrived": troop, peacekeeping)."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += [
        g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
    ]
    if token.dep_ == "relcl":
        subjects.append(token.head)  # "a law that allows ...": the law
    return _with_qualifiers(subjects)


def _doers(token: Token) -> frozenset[str]:
    """Lemmas of who does what a verb says: its active subject or a passive's by-agent,
    with their qualifiers and, for a named one, its entity type (``@person``); never a
    passive's subject ("the minister was attacked")."""
    doers = [c for c in token.children if c.dep_ == "nsubj"]
    doers += [
        g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
    ]
    # a named doer also counts by kind: "@person", "@org"
    return _with_qualifiers(doers) | frozenset(f"@{d.ent_type_.lower()}" for d in doers if d.ent_type_)


def _noun_subjects(token: Token) -> frozenset[str]:
    """Who does what an event noun names: its possessor, its by-agent, or the subject of
    the verb it is the object of ("the air force staged a demonstration": force, air)."""
    doers = [c for c in token.children if c.dep_ == "poss"]
    doers += [
        g for c in token.children if c.dep_ == "prep" and c.lower_ == "by"
        for g in c.children if g.dep_ == "pobj"
    ]
    if token.dep_ in ("dobj", "obj") and token.head.pos_ in _VERB_POS:
        doers += [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return _with_qualifiers(doers)


def _with_qualifiers(tokens: list[Token]) -> frozenset[str]:
    """Lemmas of ``tokens`` and of the compounds and adjectives qualifying them."""
    out = []
    for c in tokens:
        out.append(_lemma(c))
        out.extend(_lemma(m) for m in c.children if m.dep_ in ("compound", "amod"))
    return frozenset(out)


def _object_lemmas(token: Token) -> frozenset[str]:
    """Lemmas of what ``token`` acts on: its objects (and their conjuncts) or, in the
    passive, its subject ("the budget was attacked"), and the reason given for it
    ("attacked the pope for his stance", "over his remarks"), with the nouns qualifying
    them."""
    objects = [c for c in token.children if c.dep_ in _OBJECT_OF_HEAD]
    objects += [
        g for c in token.children if c.dep_ == "prep" and c.lower_ in _REASON_PREPS
        for g in c.children if g.dep_ == "pobj"
    ]
    # what an attack named by its noun is made on ("launched an attack on the minister")
    objects += [
        g for o in (token, *(c for c in token.children if c.dep_ in _OBJECT_OF_HEAD))
        for c in o.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
        for g in c.children if g.dep_ == "pobj"
    ]
    objects += [cc for c in objects for cc in c.children if cc.dep_ == "conj"]
    # a named person or body as what is acted on: "@person", "@org", "@norp"
    return _with_qualifiers(objects) | frozenset(
        f"@{o.ent_type_.lower()}" for o in objects if o.ent_type_)


def _entity_modifiers(token: Token) -> frozenset[str]:
    """``@norp``, ``@gpe`` ... for a modifier of ``token`` of that entity type ("US-Israeli
    strikes": @norp; "Russia's strike": @gpe), so a sense may name who acts by kind."""
    return frozenset(
        f"@{c.ent_type_.lower()}" for c in token.children
        if c.dep_ in _ENTITY_MODIFIER_DEPS and c.ent_type_
    )


def _particles_follow(token: Token, spec: TriggerSpec, tokens: list[Token]) -> bool:
    """A preposition or particle of a verb pattern must follow the verb closely ("gave in",
    "met with"), not open the sentence ("In a briefing, he gave ...")."""
    if spec.kind != "verb":
        return True
    for extra in spec.extras:
        found = [t for t in tokens if _lemma(t) == extra]
        if found and all(t.dep_ in ("prep", "prt", "agent", "dative", "mark") for t in found):
            if not any(0 < t.i - token.i <= 8 for t in found):
                return False
    return True


def near_lemmas(token: Token) -> frozenset[str]:
    """Lemmas of the words hanging off ``token`` (children, and their children through a
    preposition, particle, object or modifier), lower-cased."""
    return frozenset(_lemma(t) for t in near_tokens(token))


def near_tokens(token: Token) -> list[Token]:
    """The words a pattern's extra lemmas may be: children of ``token`` and, through a
    preposition, object or modifier, their children and grandchildren."""
    out = []
    frontier = [token]
    for depth in range(3):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in ("advcl", "ccomp") and depth == 0:
                    # "calling for him to step down": "for" marks the clause
                    out.extend(m for m in c.children if m.dep_ == "mark")
                if c.dep_ not in _NEAR_DEPS:
                    continue
                out.append(c)
                if c.dep_ in _DEEP_DEPS:
                    nxt.append(c)
                if c.dep_ in _OBJECT_DEPS:
                    # a coordinated object shares the verb ("providing photographs and
                    # intelligence", "withdraw troops and tanks")
                    out.extend(cc for cc in c.children if cc.dep_ == "conj")
        frontier = nxt
    return out


# -- loading -----------------------------------------------------------------------------


def _spec(kind: str, type_: str, pattern: str, value: Any, onto: Ontology, origin: str) -> TriggerSpec:
    where = f"{origin}: {kind}s.{type_}.{pattern!r}"
    opts: dict[str, Any] = {"cameo": value} if isinstance(value, str | int) else dict(value or {})
    cameo = str(opts.get("cameo", "")).strip()
    if not cameo:
        raise KnowledgeBaseError(f"[E610] {where} has no CAMEO code (give `cameo: \"190\"`)")
    mapped = onto.plover_for_cameo(cameo)
    if mapped is None:
        raise KnowledgeBaseError(
            f"[E611] {where}: CAMEO code {cameo!r} has no PLOVER category in cameo_plover.tsv"
        )
    type_ = str(opts.get("type", type_)).upper()
    if type_ not in CATEGORIES:
        raise KnowledgeBaseError(
            f"[E612] {where}: unknown category {type_!r}. Valid: {', '.join(CATEGORIES)}"
        )
    mode = opts.get("mode", mapped[1] if mapped[0] == type_ else None)
    if mode is not None and not onto.is_mode(type_, mode):
        modes = ", ".join(onto.category(type_).modes) or "(none)"
        raise KnowledgeBaseError(f"[E613] {where}: {type_} has no mode {mode!r}. Valid: {modes}")
    frame = opts.get("frame")
    if frame is not None and frame not in FRAMES:
        raise KnowledgeBaseError(f"[E614] {where}: frame {frame!r}; valid: {', '.join(FRAMES)}")
    raw = opts.get("needs") or ()
    needs = frozenset([raw] if isinstance(raw, str) else [str(n) for n in raw])
    for need in sorted(needs - set(NEEDS)):
        raise KnowledgeBaseError(f"[E615] {where}: needs {need!r}; valid: {', '.join(NEEDS)}")
    of = opts.get("of", "recipient")
    if of not in OF_ROLES:
        raise KnowledgeBaseError(f"[E616] {where}: of {of!r}; valid: {', '.join(OF_ROLES)}")
    context = opts.get("context", "wide")
    if context not in CONTEXTS:
        raise KnowledgeBaseError(f"[E623] {where}: context {context!r}; valid: {', '.join(CONTEXTS)}")
    to = opts.get("to")
    if to is not None:
        to = tuple(str(s) for s in to)
        for slot in to:
            if slot not in SLOT_NAMES and not slot.startswith("prep:"):
                raise KnowledgeBaseError(
                    f"[E617] {where}: recipient slot {slot!r}; valid: "
                    f"{', '.join(SLOT_NAMES)} or prep:<word>"
                )
    words = pattern.lower().split()
    if not words:
        raise KnowledgeBaseError(f"[E618] {where}: empty pattern")
    head_last = kind == "noun" and opts.get("head") == "last"
    head = words[-1] if head_last else words[0]
    extras = tuple(words[:-1] if head_last else words[1:])
    return TriggerSpec(
        kind=kind,
        pattern=pattern,
        head=head,
        extras=extras,
        type=type_,
        cameo=cameo,
        mode=mode,
        to=to,
        of=of,
        unless=frozenset(str(u).lower() for u in opts.get("unless", ())),
        requires=frozenset(str(u).lower() for u in opts.get("requires", ())),
        not_under=frozenset(str(u).lower() for u in opts.get("not_under", ())),
        needs=needs,
        frame=frame,
        confidence=float(opts.get("confidence", 0.7)),
        not_by=frozenset(str(u).lower() for u in opts.get("not_by", ())),
        context=context,
        symmetric=_flag(opts.get("symmetric", False), "symmetric", where),
        by=frozenset(str(u).lower() for u in opts.get("by", ())),
    )


def _flag(value: object, name: str, where: str) -> bool:
    """A yes/no option of a pattern. Raises KnowledgeBaseError for anything but a boolean."""
    if not isinstance(value, bool):
        raise KnowledgeBaseError(f"[E624] {where}: {name} must be true or false, got {value!r}")
    return value


def _expand(pattern: str) -> list[str]:
    """Alternatives: "give|provide aid|fund" -> give aid, give fund, provide aid, provide fund."""
    variants = [""]
    for word in pattern.split():
        variants = [f"{v} {alt}".strip() for v in variants for alt in word.split("|") if alt]
    return variants


def _read(path: Path | Any, origin: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise KnowledgeBaseError(f"[E619] Trigger file not found: {origin}") from e
    except (OSError, yaml.YAMLError) as e:
        raise KnowledgeBaseError(f"[E620] Cannot read trigger file {origin}: {e}") from e
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"[E621] Trigger file {origin} must hold a mapping of sections")
    return data


def load_triggers(onto: Ontology, extra: Iterable[str | Path] = ()) -> TriggerIndex:
    """The shipped triggers overlaid by ``extra`` YAML files (same layout; later entries
    replace earlier ones with the same kind, pattern and ``requires`` context, cue lists
    are extended).

    Raises KnowledgeBaseError naming the file and entry of any bad value."""
    shipped = resources.files("newsevents.events").joinpath("data", "triggers.yaml")
    sources: list[tuple[Any, str]] = [(shipped, "triggers.yaml")]
    sources += [(Path(p), str(p)) for p in extra]
    specs: dict[tuple[str, str, frozenset[str]], TriggerSpec] = {}
    slots: dict[str, tuple[str, ...]] = {}
    comp_modes: dict[str, dict[str, tuple[str | None, str]]] = {}
    cue_lists: dict[str, set[str]] = {f.name: set() for f in fields(Cues)}
    for path, origin in sources:
        data = _read(path, origin)
        for kind in ("verb", "noun"):
            for type_, entries in (data.get(f"{kind}s") or {}).items():
                if type_ not in CATEGORIES:
                    raise KnowledgeBaseError(
                        f"[E612] {origin}: {kind}s.{type_} is not a PLOVER category. "
                        f"Valid: {', '.join(CATEGORIES)}"
                    )
                for pattern, value in (entries or {}).items():
                    # a list holds several senses of one pattern, each with its context
                    senses = value if isinstance(value, list) else [value]
                    for variant, sense in ((v, s) for v in _expand(str(pattern)) for s in senses):
                        spec = _spec(kind, type_, variant, sense, onto, origin)
                        # senses with a `requires` context are kept side by side ("strike":
                        # PROTEST with labour words, ASSAULT with military ones); otherwise a
                        # later entry replaces an earlier one
                        specs[(kind, spec.pattern.lower(), spec.requires)] = spec
        for type_, names in (data.get("recipient_slots") or {}).items():
            slots[type_] = tuple(names)
        for type_, table in (data.get("complement_modes") or {}).items():
            for ctype, (mode, cameo) in (table or {}).items():
                comp_modes.setdefault(type_, {})[ctype] = (mode, str(cameo))
        for form, lemma in (data.get("lemma_fixes") or {}).items():
            syntax.LEMMA_FIXES[str(form).lower()] = str(lemma).lower()
        for name, words in (data.get("cues") or {}).items():
            if name not in cue_lists:
                raise KnowledgeBaseError(
                    f"[E622] {origin}: unknown cue list {name!r}. Valid: {', '.join(cue_lists)}"
                )
            cue_lists[name].update(str(w).lower() for w in words)
    cues = Cues(**{name: frozenset(words) for name, words in cue_lists.items()})
    return TriggerIndex(specs.values(), slots, comp_modes, cues)
