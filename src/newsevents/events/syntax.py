"""Small helpers over the dependency parse: subjects, objects, noun-phrase spans.

Pure functions of spaCy tokens; none of them changes the Doc.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
OWN_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
#: Entity labels that are times or amounts, never actors or recipients.
NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
#: Verbs whose passive is a state of their subject ("have been engaged in talks").
STATIVE_PASSIVES = frozenset({
    "engage", "involve", "commit", "prepare", "determine", "poise", "set", "schedule", "slate",
    "divide", "expect", "suppose", "believe", "say", "report", "think", "know", "due",
})  # fmt: skip
#: Verb forms the statistical lemmatizer gets wrong ("staged" -> "stag"), form -> lemma.
#: Filled from ``lemma_fixes`` in the trigger files when they are loaded.
LEMMA_FIXES: dict[str, str] = {}
#: The longest noun phrase handed to the actor coder, in tokens.
MAX_NP_TOKENS = 16


def lemma(token: Token) -> str:
    """The lower-case lemma, with known lemmatizer errors on verbs corrected."""
    if token.pos_ in ("VERB", "AUX"):
        fixed = LEMMA_FIXES.get(token.lower_)
        if fixed is not None:
            return fixed
    return token.lemma_.lower()


def is_passive(token: Token) -> bool:
    """A verb in the passive voice (has a passive subject or passive auxiliary), or a
    past participle modifying a noun ("the prisoners released by Israel")."""
    if any(c.dep_ in PASSIVE_SUBJ_DEPS or c.dep_ == "auxpass" for c in token.children):
        return True
    return token.dep_ == "acl" and token.tag_ == "VBN" and not _misparsed_clause(token)


def _misparsed_clause(token: Token) -> bool:
    """A finite verb the parser hung as a modifier of a verbless sentence's noun root
    ("Bolivian miners protested in La Paz" parsed as a noun phrase)."""
    head = token.head
    return (
        token.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN")
        and head.i < token.i and token.tag_ in ("VBD", "VBN")
    )


def child(token: Token, *deps: str) -> Token | None:
    """The first child of ``token`` with one of ``deps``."""
    for c in token.children:
        if c.dep_ in deps:
            return c
    return None


def prep_object(token: Token, prep: str) -> Token | None:
    """The object of the preposition ``prep`` hanging off ``token`` ("attack on X" -> X)."""
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            obj = child(c, "pobj", "pcomp")
            if obj is not None:
                return obj
    for c in token.children:
        # "pulled out of Kherson", "moved away from the border": a two-word preposition
        if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("out", "away", "back"):
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ == prep:
                    obj = child(g, "pobj", "pcomp")
                    if obj is not None:
                        return obj
    return None


def agent(token: Token) -> Token | None:
    """The by-agent of a passive verb or of an event noun ("by Israel")."""
    for c in token.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            obj = child(c, "pobj")
            if obj is not None:
                return obj
    return None


def conjuncts(token: Token) -> list[Token]:
    """The tokens coordinated with ``token`` ("Baghdad and Washington" -> [Washington])."""
    return [c for c in token.conjuncts if c.i != token.i]


def coordinated_modifiers(token: Token) -> list[Token]:
    """The names coordinated inside a noun's modifier, each naming its own actor ("U.S.
    and Russian negotiators" -> [U.S., Russian]); empty when the modifier is not
    coordinated."""
    for c in token.children:
        if c.dep_ in ("amod", "nmod", "compound") and c.ent_type_ in ("NORP", "GPE"):
            others = [o for o in conjuncts(c) if o.ent_type_ in ("NORP", "GPE") and o.i < token.i]
            if others:
                return [c, *others]
    return []


def governor(token: Token) -> tuple[Token, str] | None:
    """For an object or prepositional object: the verb or noun governing it and the
    relation ("engaged in talks" -> (engaged, "in")); None at the root."""
    if token.dep_ in ("pobj", "pcomp"):
        prep = token.head
        if prep.dep_ in ("prep", "agent", "dative") and prep.head is not prep:
            return prep.head, prep.lower_
        return None
    if token.dep_ in ("dobj", "obj", "attr", "oprd", "nsubjpass", "nsubj", "conj", "appos"):
        return token.head, token.dep_
    return None


def subject(token: Token, *, depth: int = 0) -> Token | None:
    """The agent of a verb: its subject (active), its by-agent (passive), or the subject it
    shares through control ("wants to withdraw"), coordination ("met X and signed") or a
    relative clause ("the group that attacked")."""
    if depth > 4:
        return None
    if is_passive(token):
        by = agent(token)
        if by is None:
            # "were shot and killed by federal agents": the agent of the coordinated verb
            others = [token.head] if token.dep_ == "conj" else []
            others += [c for c in token.children if c.dep_ == "conj"]
            by = next((a for o in others if o.tag_ == "VBN" and (a := agent(o)) is not None), None)
        if by is None and lemma(token) in STATIVE_PASSIVES:
            # "X is committed to": the parse may call X a plain subject, or hang it from
            # the auxiliary
            return (child(token, *PASSIVE_SUBJ_DEPS) or child(token, *SUBJ_DEPS)
                    or _auxiliary_subject(token))
        return by
    subjects = [c for c in token.children if c.dep_ in SUBJ_DEPS]
    # two subjects are a misparse of one phrase ("The rebel Free Syrian Army threatened"):
    # the one next to the verb is its head
    subj = subjects[0] if subjects else None
    if len(subjects) > 1 and subjects[-1].i < token.i:
        subj = subjects[-1]
    if subj is not None and subj.pos_ == "VERB" and subj.dep_ == "nsubj":
        # "The charity working in Sudan said": a participle misparsed as the subject
        # carries the real one
        subj = child(subj, "nsubj") or subj
    if subj is None:
        subj = _auxiliary_subject(token)
    if subj is not None:
        if subj.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
            return token.head
        return subj
    dep = token.dep_
    head = token.head
    if dep == "relcl":
        return head
    if dep == "acl" and _misparsed_clause(token):
        return head
    if dep == "acl":
        # "the Parliament's decision to expel" -> the possessor decides
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            owner = child(head, "poss")
            if owner is None:
                # "the Senate's vote last month to end": the parse may hang the
                # verb elsewhere; the possessor just before it decides
                owner = next(
                    (child(t, "poss") for t in reversed(token.doc[head.i : token.i])
                     if t.pos_ == "NOUN" and child(t, "poss") is not None),
                    None,
                )
            if owner is not None:
                return owner
            return subject(head, depth=depth + 1) if head.pos_ in ("VERB", "AUX") else None
        return head if token.tag_ == "VBG" else None
    if dep == "xcomp":
        # object control: "urged Israel to withdraw" -> Israel
        obj = child(head, "dobj", "obj")
        if obj is not None and lemma(head) not in ("want", "need", "expect", "like"):
            return obj
        return subject(head, depth=depth + 1)
    if dep in ("pcomp", "pobj") and head.dep_ == "prep":
        # "accused X of attacking" -> X ; "denied attacking" handled by xcomp above
        verb = head.head
        obj = child(verb, "dobj", "obj")
        if obj is not None and head.lower_ in ("of", "for", "from", "against"):
            return obj
        if verb.pos_ in ("VERB", "AUX"):
            return subject(verb, depth=depth + 1)
        owner = child(verb, "poss")
        return owner
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        return subject(head, depth=depth + 1)
    if dep in ("acomp", "xcomp") or (dep == "xcomp" and head.pos_ == "ADJ"):
        return subject(head, depth=depth + 1)
    if dep == "advcl" and token.tag_ == "VBG" and not any(c.dep_ == "mark" for c in token.children):
        return subject(head, depth=depth + 1)
    if dep == "advcl" and head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    ) and not any(c.dep_ == "mark" for c in token.children):
        # an infinitive of purpose: "X opened the bridge to allow deliveries" -> X
        return subject(head, depth=depth + 1)
    return None


def _auxiliary_subject(token: Token) -> Token | None:
    """A subject the parse hung from the verb's auxiliary ("Ghana's government is
    committed": "government" <- "is")."""
    for c in token.children:
        if c.dep_ in ("aux", "auxpass"):
            subj = child(c, *SUBJ_DEPS, *PASSIVE_SUBJ_DEPS)
            if subj is not None:
                return subj
    return None


def np_span(token: Token) -> Span:
    """The noun phrase headed by ``token``: its pre-modifiers and a following "of/in/from"
    phrase ("the spokesman of the movement"), without clauses, appositions or conjuncts."""
    doc = token.doc
    start = token.i
    for c in token.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case",
                      "predet", "advmod", "npadvmod", "punct") and c.left_edge.i >= token.i - MAX_NP_TOKENS:
            start = min(start, c.left_edge.i)
    end = token.i + 1
    for c in token.rights:
        if c.i != end:
            break
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "from") or c.dep_ in ("case", "compound"):
            end = c.right_edge.i + 1
        else:
            break
    if end - start > MAX_NP_TOKENS:
        end = min(end, token.i + 1 + MAX_NP_TOKENS // 2)
        start = max(start, end - MAX_NP_TOKENS)
    # never start on a conjunction or punctuation
    while start < token.i and doc[start].dep_ in ("cc", "punct"):
        start += 1
    return doc[start:end]


def speaker_span(token: Token) -> Span:
    """The speaker phrase of a report verb's subject, with coordinated speakers
    ("Biden and al-Kadhimi")."""
    conj = conjuncts(token)
    if not conj:
        return np_span(token)
    doc = token.doc
    start = np_span(token).start
    end = max(np_span(c).end for c in conj)
    return doc[start:end]


def ancestors_within(token: Token, limit: int) -> Iterator[Token]:
    """``token``'s heads, nearest first, at most ``limit`` of them."""
    n = 0
    while token.head is not token and n < limit:
        token = token.head
        n += 1
        yield token


def has_negation(token: Token, negators: frozenset[str]) -> bool:
    """A negation on ``token`` itself: "not", "never", "n't", or "no" on a noun."""
    for c in token.children:
        if c.dep_ == "neg":
            return True
        if c.lower_ in negators and c.dep_ in ("det", "advmod", "preconj"):
            return True
    return False


def actor_head(token: Token | None) -> Token | None:
    """``token``, or - when the parse made a date the head ("met Bashar Assad Tuesday") -
    the name compounded onto it."""
    if token is None or token.ent_type_ not in NON_ACTOR_ENTS:
        return token
    names = [c for c in token.children if c.dep_ == "compound" and c.ent_type_ not in NON_ACTOR_ENTS]
    return names[-1] if names else token


def is_actorlike(token: Token) -> bool:
    """A token that can head an actor phrase (not a date, number or clause)."""
    if token.ent_type_ in NON_ACTOR_ENTS:
        return False
    return token.pos_ in ("NOUN", "PROPN", "PRON")


#: Prepositions through which a non-actor noun names the actor it belongs to or concerns
#: ("calls by X", "the suppression of X", "aid for X", "contacts with X", "settlements in X").
INSIDE_PREPS = frozenset(
    {"by", "of", "from", "for", "to", "with", "against", "on", "between", "in"}
)
#: Entity labels of names that can be actors when they modify a noun ("the French
#: proposal", "Hamas positions").
ACTOR_MODIFIER_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})


def owners(token: Token) -> list[Token]:
    """Whose act a noun names: its possessor ("Israel's blockade") and the names modifying
    it ("the US arms sale", "the Russian offensive"), nearest first; empty when none."""
    out = [c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    out += [c for c in reversed(list(token.lefts))
            if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ACTOR_MODIFIER_ENTS]
    return out


def actors_inside(token: Token) -> list[Token]:
    """Actor-like words that a noun phrase names beside its head, nearest first: its
    possessor ("Serbia's suppression"), a name modifying it ("the French proposal", "Hamas
    positions"), the object of a by/of/from/for/to/with/against phrase ("calls by X",
    "contact with X"), and the agent of a participle or relative clause on it ("crimes
    committed by X"). Empty for pronouns and for names themselves."""
    if token.pos_ == "PRON" or token.ent_type_ in ACTOR_MODIFIER_ENTS:
        return []
    out: list[Token] = []
    for c in token.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            out.append(c)
    for c in token.lefts:
        # a name ("the French proposal") or a noun of a kind of actor ("rebel positions")
        if c.dep_ in ("amod", "compound", "nmod") and (
            c.ent_type_ in ACTOR_MODIFIER_ENTS
            or (c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN"))
        ):
            out.append(c)
    by = agent(token)
    if by is not None and is_actorlike(by) and by.pos_ != "PRON":
        out.append(by)  # "the release of hostages by the ELN": whose act it is comes first
    for c in token.rights:
        if c.dep_ == "prep" and c.lower_ in INSIDE_PREPS and (by is None or child(c, "pobj") is not by):
            obj = child(c, "pobj")
            if obj is not None and is_actorlike(obj) and obj.pos_ != "PRON":
                out.append(obj)
                out += [p for p in obj.children if p.dep_ == "poss" and p.pos_ != "PRON"]
        elif c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
            by = agent(c)
            if by is not None:
                out.append(by)
    return out


def purpose_clause(token: Token) -> Token | None:
    """The verb of an infinitive of purpose hanging off ``token`` ("marched to demand
    X's resignation" -> demand); None when there is none."""
    for c in token.children:
        if c.dep_ in ("advcl", "xcomp", "acl") and c.pos_ == "VERB" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children
        ):
            return c
    return None


def modifier_phrase(token: Token) -> Span | None:
    """The two or more adjectives and nouns right before ``token`` that may name an actor
    together ("a Kenyan army base" -> "Kenyan army"); None when there are fewer."""
    start = token.i
    for c in reversed(list(token.lefts)):
        if c.i != start - 1 or c.dep_ not in ("amod", "compound", "nmod"):
            break
        start = c.i
    if token.i - start < 2:
        return None
    return token.doc[start : token.i]
