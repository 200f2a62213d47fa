"""Event extraction: triggers -> arguments -> status -> date and place -> one Event each.

:class:`EventExtractor` holds everything that is loaded once (ontology, triggers,
gazetteer, actor coder); calling it on a parsed Doc returns that Doc's events without
changing the Doc. The steps, per Doc:

1. **Candidates**: every token whose lemma heads a trigger pattern (one dict lookup per
   token; patterns are checked only on those).
2. **Complements**: a trigger that frames another ("threatened to attack", "demand the
   withdrawal") absorbs it (one event, the inner one picks the mode) or carries it as a
   claim ("accused X of attacking" -> ACCUSE plus a reported ASSAULT).
3. **Arguments** from the parse: subject / by-agent / controller / possessor as actor
   (inherited through xcomp, conj, relative clauses and infinitives of purpose); the
   pattern's recipient slots, then its category's, in order - filled only by an actor
   (coded by the actors stage, or named inside the slot's phrase), else left empty;
   coordination and apposition. A sector-only actor takes its country from the story.
4. **Status**: negation, modality (intended, demanded, hypothetical, denied,
   reported_claim) and attribution, by walking up from the trigger to the clause that
   governs it (intend, deny, report cues; "if"; will/would); quotes from doc._.quotes.
5. **Date** (the governing timex, else the sentence's, else the publication date) and
   **place** (a place in the clause, else the dateline).
6. **Dedup**: one event per happening per article (see :mod:`.dedup`).
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..errors import ConfigError, KnowledgeBaseError
from ..records import ActorRef, Event, Location, Mention, Quote, Span, Timex
from . import syntax
from .coding import LOCAL_SECTORS, NON_STATE_CODES, ActorCoder, Story, is_coded
from .dedup import dedup_events
from .ontology import SYMMETRIC, Ontology, load_ontology
from .places import Gazetteer, load_gazetteer
from .triggers import TriggerIndex, TriggerSpec, load_triggers, near_tokens

log = logging.getLogger(__name__)

#: Cooperative acts that a commitment ("is willing to", "offered to") turns into an AGREE.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "AGREE"})
#: Conflict acts that a vow, a warning or a condition ("will ... unless") makes a THREATEN.
THREAT_CONTENT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
#: Acts that a condition on a future act ("will withdraw ... unless") makes a THREATEN.
CONDITIONAL_THREAT = THREAT_CONTENT | {"PROTEST", "RETREAT"}
#: Dependencies through which a framing trigger reaches its complement.
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "obj", "prep", "pobj", "pcomp", "acl", "advcl", "attr", "oprd"})
_COMPLEMENT_PREPS = frozenset({"for", "of", "to", "against", "on", "over", "about", "into", "from"})
#: Clauses whose content the sentence presupposes rather than asserts: status stops here.
_CLAUSE_BOUNDARIES = frozenset({"relcl", "acl", "appos", "parataxis", "ROOT", "advcl", "csubj", "nsubj", "nsubjpass"})
_TIMEX_BOUNDARIES = frozenset({"ccomp", "xcomp", "relcl", "advcl", "ROOT", "parataxis", "acl", "csubj"})
_CALENDAR = re.compile(r"^\d{4}(-|$)")
_LOCATION_PREPS = ("in", "at", "near", "outside", "inside", "across", "throughout")
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
#: Speakers of these sectors report rather than take sides (media, health workers).
_NEUTRAL_SECTORS = frozenset({"MED", "HLH"})
#: Where a trigger is an aim, a manner or a modifier rather than a reported act.
_NOT_REPORTED_DEPS = frozenset({"xcomp", "pcomp", "pobj", "acl", "advcl", "csubj"})
#: Acts whose target, when it is a town or city, is the people there (civilians).
_TARGETED_PLACE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "PROTEST"})
#: Verbal acts whose noun a denial rejects rather than denies ("denied the accusations").
_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT"})
#: Acts done together somewhere: a place named "in" them is where, not with whom.
_MEETING_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE", "SUPPORT"})
#: Acts whose place named "in" them is where they happen, not whom they are aimed at (a
#: protest's target with none named is then its place's government: ``_protest_target``).
_WHERE_TYPES = _MEETING_TYPES | {"PROTEST"}
#: Sectors of the state: their protests (a government's boycott) are aimed abroad.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})


#: The shipped word lists of the argument rules (see the file for what each list does).
ARGUMENTS_FILE = Path(__file__).parent / "data" / "arguments.yaml"


@dataclass(frozen=True, slots=True)
class ArgumentWords:
    """The word lists of data/arguments.yaml (lemmas, lower case)."""

    #: Where people live: a speaker's own ("our cities") are its civilians.
    settlements: frozenset[str] = frozenset()
    #: Verbs whose subject an event noun is ("the talks began"): the noun's anchor.
    aspect_verbs: frozenset[str] = frozenset()
    #: Copulas whose predicate noun's act is their subject's ("Japan is the largest donor").
    copulas: frozenset[str] = frozenset()
    #: Verbs whose "if"/"whether" clause is a question, not a claim ("asked if X agreed").
    question_verbs: frozenset[str] = frozenset()
    #: Requests that ask for a comment as often as for an act: small talk stays small talk.
    small_talk_requests: frozenset[str] = frozenset()
    #: Event types (lower case) only a state's armed forces carry out: a people as their
    #: actor ("the Israelis responded with air strikes") is its military.
    military_acts: frozenset[str] = frozenset()
    #: Event types (lower case) only a state's government carries out ("the Americans
    #: imposed sanctions"): a people as their actor is its government.
    state_acts: frozenset[str] = frozenset()
    #: Event types (lower case) aimed at whoever did the act they name: "protested the US
    #: arms sale to Taiwan" is aimed at the US (the act's owner), not Taiwan.
    owner_targeted_acts: frozenset[str] = frozenset()


def load_argument_words(extra: Iterable[str | Path] = ()) -> ArgumentWords:
    """The shipped argument word lists, each extended by the same list of every file in
    ``extra`` (YAML mappings of list name -> words).

    Raises KnowledgeBaseError naming the file when it is missing or not YAML, and the key
    and the valid keys when it is not a mapping of known list names to lists of words."""
    lists: dict[str, set[str]] = {name: set() for name in ArgumentWords.__slots__}
    for path in [ARGUMENTS_FILE, *map(Path, extra)]:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise KnowledgeBaseError(f"[E650] Argument word file not found or unreadable: "
                                     f"{path}") from e
        except yaml.YAMLError as e:
            raise KnowledgeBaseError(f"[E651] Argument word file {path} is not valid YAML: "
                                     f"{e}") from e
        if not isinstance(data, dict):
            raise KnowledgeBaseError(
                f"[E651] Argument word file {path} must be a mapping of "
                f"{', '.join(lists)} to lists of words; got {type(data).__name__}")
        for key, words in data.items():
            if key not in lists:
                raise KnowledgeBaseError(f"[E651] Argument word file {path}: unknown list "
                                         f"{key!r}; valid: {', '.join(lists)}")
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip()
                                                      for w in words):
                raise KnowledgeBaseError(f"[E651] Argument word file {path}: {key} must be a "
                                         f"list of words, got {words!r}")
            lists[key].update(w.strip().lower() for w in words)
    return ArgumentWords(**{k: frozenset(v) for k, v in lists.items()})


@dataclass(slots=True)
class Candidate:
    token: Token
    spec: TriggerSpec
    complement: Candidate | None = None
    absorbed: bool = False
    victim: Token | None = None  # "five people were killed in an air strike" -> people
    toll: Token | None = None  # "the attack killed nine people" -> people, after its own target


@dataclass(slots=True)
class Status:
    negated: bool = False
    modality: str = "asserted"
    attributed_to: str | None = None
    speaker: ActorRef | None = None
    speaker_token: Token | None = None
    commit: Token | None = None  # the vow/willing/offer word that commits the actor
    conditioned: bool = False  # the clause carries an "if/unless" condition
    irrealis: bool = False  # the event is only awaited/discussed/named: not emitted
    presupposed: bool = False  # in a modifier or adverbial clause ("the decision to expel")


@dataclass(slots=True)
class DocContext:
    """What is computed once per Doc and shared by its candidates."""

    doc: Doc
    mentions: dict[int, Mention]
    timexes: list[tuple[Timex, SpacySpan]]
    quotes: list[Quote]
    dct: str | None
    article_id: str
    dateline: str | None
    coded: dict[tuple[int, int], ActorRef] = field(default_factory=dict)
    candidates: dict[int, Candidate] = field(default_factory=dict)
    cues: frozenset[int] = frozenset()  # token indices of the quotes' speech verbs
    story: Story = field(default_factory=Story)  # countries and places the story names
    #: id(event) -> the token its recipient was read from (for coordinated recipients)
    recipient_tokens: dict[int, Token] = field(default_factory=dict)
    #: (sentence number, event) of the attacks found so far with a named attacker
    attacks: list[tuple[int, Event]] = field(default_factory=list)
    #: the first token of each sentence, for sentence numbers
    sentence_starts: list[int] = field(default_factory=list)


class EventExtractor:
    """Extracts events from parsed Docs. Build once (loads data), call per Doc.

    Options (the ``[events]`` config section): ``extra_triggers`` - YAML files added to
    the shipped triggers; ``extra_arguments`` - YAML files whose word lists extend those of
    data/arguments.yaml; ``story_attacker_sentences`` - an attack with no named attacker
    takes the attacker of an attack on the same country told at most this many sentences
    before (0: never); ``require_actor`` - drop events whose actor cannot be coded;
    ``min_confidence``; ``emit_reported_claims`` - keep events that are only a party's
    claim; ``accusatory_reports`` - a report whose content pins pejorative acts on another
    actor is an ACCUSE; ``dedup`` - merge repeated mentions of one happening.
    """

    def __init__(
        self,
        *,
        extra_triggers: Iterable[str | Path] = (),
        extra_arguments: Iterable[str | Path] = (),
        story_attacker_sentences: int = 2,
        require_actor: bool = True,
        min_confidence: float = 0.3,
        emit_reported_claims: bool = True,
        accusatory_reports: bool = True,
        dedup: bool = True,
        ontology: Ontology | None = None,
        gazetteer: Gazetteer | None = None,
        coder: ActorCoder | None = None,
    ) -> None:
        if isinstance(story_attacker_sentences, bool) or not isinstance(story_attacker_sentences, int) \
                or story_attacker_sentences < 0:
            raise ConfigError(f"[E652] events.story_attacker_sentences must be a whole number "
                              f">= 0 (0: never), got {story_attacker_sentences!r}")
        self.onto = ontology or load_ontology()
        self.index: TriggerIndex = load_triggers(self.onto, extra_triggers)
        self.cues = self.index.cues
        self.words = load_argument_words(extra_arguments)
        self._speech_nouns = self.cues.report_nouns | {w + "s" for w in self.cues.report_nouns}
        self.gazetteer = gazetteer or load_gazetteer()
        self.coder = coder or ActorCoder()
        self.require_actor = require_actor
        self.story_attacker_sentences = story_attacker_sentences
        self.min_confidence = min_confidence
        self.emit_reported_claims = emit_reported_claims
        self.accusatory_reports = accusatory_reports
        self.dedup = dedup
        # a report whose clause carries "must/should" is a demand on the clause's subject
        self._obligation_spec = TriggerSpec(
            kind="verb", pattern="<report> that X must", head="", extras=(), type="REQUEST",
            cameo="100", mode=None, to=("xsubj",), of="recipient", unless=frozenset(), requires=frozenset(), not_under=frozenset(),
            needs=frozenset(), frame="absorb", confidence=0.6,
        )

    # -- entry point ----------------------------------------------------------------------

    def __call__(self, doc: Doc) -> list[Event]:
        """The events of a parsed Doc (the Doc is not changed)."""
        cands = self._candidates(doc)
        accusations = self._accusatory_reports(doc) if self.accusatory_reports else []
        if not cands and not accusations:
            return []
        ctx = self._context(doc)
        self._link_complements(cands)
        ctx.candidates = {c.token.i: c for c in cands}
        events: list[Event] = []
        for cand in cands:
            if cand.absorbed:
                continue
            event = self._build(cand, ctx)
            if event is not None:
                events.append(event)
                if event.type == "ASSAULT" and not event.negated \
                        and event.modality == "asserted" and event.actor is not None \
                        and event.actor.country and event.actor.sector != "UAF":
                    ctx.attacks.append((self._sentence_number(cand.token, ctx), event))
                more = self._coordinated_actors(event, cand, ctx)
                events += more
                for e in [event, *more]:
                    events += self._coordinated_recipients(e, ctx)
        for report, content_subj in accusations:
            event = self._build_accusation(report, content_subj, ctx)
            if event is not None:
                events.append(event)
        events.sort(key=lambda e: (e.trigger.start, e.type))
        if self.dedup:
            events = dedup_events(events)
        for n, event in enumerate(events):
            event.id = f"{ctx.article_id}:e{n}"
        return events

    # -- step 1 and 2: candidates and complements ---------------------------------------

    def _candidates(self, doc: Doc) -> list[Candidate]:
        match = self.index.match
        cues = self.cues
        out = []
        consumed: set[int] = set()
        for token in doc:
            spec = match(token)
            if spec is not None:
                if token.dep_ == "acl" and token.tag_ == "VBG" \
                        and syntax.lemma(token.head) not in cues.report_nouns:
                    # "the coalition fighting the rebels": a description, not news; but "a
                    # statement demanding ..." is what its issuer demands
                    continue
                out.append(Candidate(token, spec))
                if spec.extras:
                    extras = set(spec.extras)
                    consumed.update(t.i for t in near_tokens(token) if syntax.lemma(t) in extras)
            elif token.pos_ == "VERB" and syntax.lemma(token) in cues.report - cues.belief:
                # "said X must withdraw" is a demand; "I think X should testify" an opinion
                clause = syntax.child(token, "ccomp")
                if clause is not None and any(
                    c.dep_ == "aux" and c.lower_ in cues.obligation for c in clause.children
                ):
                    out.append(Candidate(token, self._obligation_spec))
        # "signed an agreement", "held talks": the noun is part of the verb's pattern
        return [c for c in out if c.token.i not in consumed]

    def _link_complements(self, cands: list[Candidate]) -> None:
        by_token = {c.token.i: c for c in cands}
        for cand in cands:
            token = cand.token
            # "bombed the city, killing 12": the killing is the bombing's toll, not news of
            # its own; likewise "the attack killed nine"
            head = by_token.get(token.head.i)
            if token.dep_ == "advcl" and token.tag_ == "VBG" and head is not None and head is not cand:
                if head.spec.type == cand.spec.type:
                    cand.absorbed = True
            subj = syntax.child(token, "nsubj") if cand.spec.kind == "verb" else None
            if (
                subj is not None and cand.spec.type == "ASSAULT" and subj.i in by_token
                and by_token[subj.i].spec.type == cand.spec.type
            ):
                cand.absorbed = True
                # "a roadside bombing killed one U.S. soldier": whom the attack hit, when
                # the noun names no target of its own ("the attack on Ukraine")
                by_token[subj.i].toll = syntax.child(token, "dobj", "obj")
            if cand.spec.kind == "verb" and syntax.is_passive(token):
                for word in ("in", "during", "by"):
                    noun = by_token.get(getattr(syntax.prep_object(token, word), "i", -1))
                    if noun is not None and noun.spec.kind == "noun" and noun.spec.type == cand.spec.type:
                        cand.absorbed = True
                        noun.victim = syntax.child(token, *syntax.PASSIVE_SUBJ_DEPS)
        for cand in cands:
            if cand.spec.frame is None:
                continue
            inner = self._find_complement(cand.token, by_token)
            if inner is None:
                continue
            if "complement" in inner.spec.needs and inner.complement is None and not _has_clause(inner.token):
                continue  # "warned that yields would decline": no act inside the warning
            if cand.spec.frame == "absorb":
                cand.complement = inner
                inner.absorbed = True
            elif inner.token.pos_ in ("VERB", "AUX"):
                # "accused X of attacking": the attack is X's act as the accuser claims it
                cand.complement = inner

    def _find_complement(self, token: Token, by_token: dict[int, Candidate]) -> Candidate | None:
        """The nearest trigger inside ``token``'s complement (breadth first, 3 levels)."""
        frontier = [token]
        for _ in range(3):
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ not in _COMPLEMENT_DEPS:
                        continue
                    if c.dep_ == "prep" and c.lower_ not in _COMPLEMENT_PREPS:
                        continue
                    if c.i in by_token and c.i != token.i:
                        return by_token[c.i]
                    nxt.append(c)
            frontier = nxt
        return None

    # -- per-doc context ------------------------------------------------------------------

    def _context(self, doc: Doc) -> DocContext:
        article = doc._.article
        timexes = []
        for timex in doc._.timexes or ():
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None:
                timexes.append((timex, span))
        quotes = list(doc._.quotes or ())
        cue_tokens = set()
        for quote in quotes:
            if quote.cue is not None:
                span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
                if span is not None:
                    cue_tokens.update(range(span.start, span.end))
        mentions = self.coder.mention_index(doc)
        return DocContext(
            doc=doc,
            cues=frozenset(cue_tokens),
            story=self.coder.story(doc, mentions, self.gazetteer),
            mentions=mentions,
            timexes=timexes,
            quotes=quotes,
            dct=doc._.dct,
            article_id=getattr(article, "id", None) or "doc",
            dateline=getattr(article, "dateline", None),
            sentence_starts=[sent.start for sent in doc.sents],
        )

    @staticmethod
    def _sentence_number(token: Token, ctx: DocContext) -> int:
        return bisect_right(ctx.sentence_starts, token.i) - 1

    # -- step 3: arguments ----------------------------------------------------------------

    def _code(self, token: Token, ctx: DocContext, *, speaker: Status | None = None) -> ActorRef:
        """Code the phrase headed by ``token``; pronouns in reported speech resolve to
        the speaker; an uncoded phrase tries its apposition ("commanders, namely X")."""
        if token.pos_ == "PRON" and (token.i not in ctx.mentions or token.lower_ in ("it", "they")):
            # An "it"/"they" in reported speech is the speaker first ("Hamas said they
            # ..."), else the antecedent the actors stage found ("The ministry ... It
            # condemned ..."), if any; a resolved "he"/"she" is the actors stage's.
            if speaker is not None and speaker.speaker is not None and token.lower_ in (
                "it", "they", "we", "he", "she", "i",
            ) and not (not is_coded(speaker.speaker)
                       and self._speech_noun(speaker.speaker.name)):
                # (a statement, a report is no one: "They attempted ..., the statement
                # said" leaves "they" unresolved)
                quote = _quote_at(ctx.quotes, token.idx)
                if quote is None or quote.kind != "direct" or token.lower_ in ("we", "i"):
                    # in a speaker's own words "they" and "he" are others ("They killed
                    # our soldiers," the general said); in reported speech, the speaker
                    return self._in_context(speaker.speaker, speaker.speaker_token or token, ctx)
            if token.i not in ctx.mentions:
                return ActorRef(id=None, name=token.text)
        members = syntax.prep_object(token, "of")
        if members is not None and token.i not in ctx.mentions and (
            token.ent_type_ == "CARDINAL" or syntax.lemma(token) in self.cues.collective_nouns
        ):
            # "thousands of Iraqi Kurds", "a group of Yoruba leaders": the members act
            return self._code(members, ctx, speaker=speaker)
        key = (token.i, token.i)
        if key in ctx.coded:
            return ctx.coded[key]
        ref = self.coder.code(syntax.np_span(token), token, mentions=ctx.mentions, date=ctx.dct)
        if not ref.country:
            # "two key commanders, namely X"; "a rebel group, the X Front": the apposition
            # names the actor more precisely
            for c in token.children:
                if c.dep_ == "appos":
                    alt = self.coder.code(syntax.np_span(c), c, mentions=ctx.mentions, date=ctx.dct)
                    if alt.country and (not ref.sector or not alt.sector or alt.sector == ref.sector or not is_coded(ref)):
                        ref = alt
                        break
        people = token.tag_ in ("NNPS", "NNS") and (
            token.ent_type_ == "NORP"
            or (ref.sector is None and self.coder.is_group(ref))
        )  # a people ("Palestinians") or a named group of people with no sector ("Bosnian Serbs")
        if ref.country and not ref.sector and people:
            # "Palestinians", "young Algerians": a people, not its state - its civilians
            ref = ActorRef(id=ref.id, name=ref.name, country=ref.country, sector="CVL")
        if not ref.country and speaker is not None and speaker.speaker is not None \
                and speaker.speaker.country and self._speakers_own(token, ctx):
            # "Russia is attacking our cities," Zelensky said; the Israeli military said its
            # troops ...: the speaker's own
            home = syntax.lemma(token) in self.words.settlements
            sector = ref.sector or ("CVL" if home else None)
            ref = ActorRef(id=ref.id, name=ref.name or syntax.np_span(token).text,
                           country=speaker.speaker.country, sector=sector)
        if ref.country and any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in token.children):
            # "ethnic Albanians demonstrated in Serbia": an ethnic group is coded by the
            # country it lives in (ICEWS and the CAMEO coders of the PLOVER records do so)
            host = self.coder.host_country(token, ref.country, ctx.story, ctx.mentions)
            if host:
                ref = ActorRef(id=None, name=ref.name, country=host, sector="CVL")
        if not ref.country:
            # "a newspaper based in Beirut", "a London-based rights group"
            based = self._based_in(token, ctx)
            if based:
                ref = ActorRef(id=ref.id, name=ref.name, country=based, sector=ref.sector)
        if not ref.country and ref.sector == "REF":
            # "families escaping the fighting in Chad", "refugees from Syria": where they fled
            country = self.coder.country_in_phrase(token, ctx.mentions)
            if country:
                ref = ActorRef(id=ref.id, name=ref.name, country=country, sector=ref.sector)
        ref = self._in_context(ref, token, ctx)
        ctx.coded[key] = ref
        return ref

    def _people_as_state(self, ref: ActorRef, token: Token, type_: str) -> ActorRef:
        """A people named bare ("the Israelis", "Russians") as the actor of an act only a
        state carries out is that state's military (``military_acts``) or government
        (``state_acts``), not its civilians; a people with any other word ("Israeli
        settlers", "young Russians", "ethnic Serbs") stays who it says."""
        if ref.sector != "CVL" or not ref.country or token.ent_type_ != "NORP" \
                or token.tag_ not in ("NNPS", "NNS"):
            return ref
        if any(c.dep_ not in ("det", "punct") for c in token.lefts):
            return ref
        kind = type_.lower()
        sector = "MIL" if kind in self.words.military_acts else (
            "GOV" if kind in self.words.state_acts else None)
        if sector is None:
            return ref
        return ActorRef(id=ref.id, name=ref.name, country=ref.country, sector=sector)

    def _speakers_own(self, token: Token, ctx: DocContext) -> bool:
        """Whether ``token`` is the speaker's own by its possessive: "our", "my" always;
        "its", "his", "her", "their" in reported speech only (in a speaker's own words
        "their positions" are the other side's)."""
        owner = next((c.lower_ for c in token.children if c.dep_ == "poss"), None)
        if owner in ("our", "my"):
            return True
        if owner in ("its", "his", "her", "their"):
            quote = _quote_at(ctx.quotes, token.idx)
            return quote is None or quote.kind != "direct"
        return False

    def _based_in(self, token: Token, ctx: DocContext) -> str | None:
        """The country of the place an organisation is said to be based in ("a newspaper
        based in Beirut", "a London-based group"); None when none is named."""
        for c in token.children:
            if c.dep_ not in ("acl", "amod") or c.lemma_ != "base":
                continue
            place = syntax.prep_object(c, "in") or syntax.child(c, "npadvmod")
            if place is None or place.ent_type_ not in _PLACE_ENTS:
                continue
            m = ctx.mentions.get(place.i)
            if m is not None and m.actor is not None and m.actor.country \
                    and m.actor.country not in NON_STATE_CODES:
                return m.actor.country
            ent = next((e for e in token.doc.ents if e.start <= place.i < e.end), None)
            if ent is not None:
                return self.gazetteer.country_of_place(ent.text)
        return None

    def _speech_noun(self, text: str | None) -> bool:
        """A phrase headed by a word for what is said ("a statement", "the report")."""
        words = (text or "").lower().split()
        return bool(words) and words[-1].rstrip(".,") in self._speech_nouns

    def _in_context(self, ref: ActorRef, token: Token, ctx: DocContext) -> ActorRef:
        """``ref`` with the story's country when it is known by a local sector only ("the
        army", "President X"); an organisation's name is no clue ("the European Community"
        is no body of the country it deals with)."""
        if ref.country or ref.sector not in LOCAL_SECTORS or token.ent_type_ == "ORG":
            return ref
        country = self.coder.context_country(token, ctx.story, ctx.mentions)
        if not country:
            return ref
        return ActorRef(id=ref.id, name=ref.name, country=country, sector=ref.sector)

    def _noun_anchor(self, token: Token, ctx: DocContext) -> tuple[Token | None, bool]:
        """For an event noun: the verb that lends it a subject (light verb, report verb or
        "engage in"), and whether the noun is only awaited/named (irrealis)."""
        cues = self.cues
        if token.dep_ == "compound" and token.head.pos_ == "NOUN":
            token = token.head  # "launched a mediation effort": the effort's verb
        gov = syntax.governor(token)
        if gov is not None and gov[1] == "of" and syntax.lemma(gov[0]) in cues.transparent_nouns:
            gov = syntax.governor(gov[0])  # "launched ten days of war games"
        if gov is None:
            return None, False
        verb, rel = gov
        lemma = syntax.lemma(verb)
        if verb.pos_ not in ("VERB", "AUX"):
            return None, False
        if rel == "for" and lemma in cues.travel_verbs:
            return verb, False  # "negotiators return to Geneva for talks"
        if rel == "on" and (lemma in self.words.copulas or lemma in cues.travel_verbs):
            return verb, False  # "the president is on a visit to China", "went on strike"
        if rel in ("dobj", "obj", "attr", "oprd") or rel in ("in", "through", "via", "during", "with"):
            if lemma in cues.light_verbs or lemma in cues.own_act_governors or lemma in cues.negate_own:
                return verb, False
            if lemma in cues.report and rel in ("in", "through", "via"):
                return verb, False
            if lemma in cues.irrealis_governors:
                return None, True
        if rel in ("nsubj", "nsubjpass") and lemma in self.words.aspect_verbs:
            return verb, False
        if rel == "attr" and lemma in self.words.copulas:
            # "Japan is the largest donor to X": the copula's subject when it is a coded
            # actor; not "it was the largest protest in years", "the blast was the
            # deadliest attack" or "the club's next challenge is a clash with ..."
            subj = syntax.child(verb, *syntax.SUBJ_DEPS)
            mention = ctx.mentions.get(subj.i) if subj is not None else None
            if mention is not None and is_coded(mention.actor) and subj.pos_ != "PRON":
                return verb, False
        return None, False

    def _actor_token(
        self, cand: Candidate, anchor: Token | None, ctx: DocContext | None = None
    ) -> Token | None:
        token, spec = cand.token, cand.spec
        if spec.kind == "verb":
            subj = syntax.subject(token)
            if subj is not None and subj.pos_ == "NOUN" \
                    and syntax.lemma(subj) in self.cues.report_nouns:
                return self._issuer(subj) or subj  # "a statement demanding ..." -> who issued it
            return subj
        owner = syntax.child(token, "poss")
        if owner is not None and owner.ent_type_ in ("DATE", "TIME"):
            owner = None  # "Monday's strike": when, not who
        if owner is not None and owner.pos_ == "PRON":
            # "Israel mounted its invasion", "the ILO reiterated its demand": the pronoun
            # is the subject of the verb the noun hangs from
            gov = syntax.governor(token)
            subj = syntax.subject(gov[0]) if gov is not None and gov[0].pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.pos_ != "PRON":
                return subj
        if owner is not None and (spec.of == "actor" or syntax.prep_object(token, "of") is not None):
            return owner
        # "Khashoggi's killing": without an of-phrase the possessor suffers the act
        by = syntax.agent(token)
        if by is not None:
            return by
        if spec.of == "actor":
            of = syntax.prep_object(token, "of")
            if of is not None:
                # "X completed the withdrawal of its troops": X acts; "the withdrawal of US
                # troops" alone: the troops do
                if anchor is not None:
                    subj = syntax.subject(anchor)
                    if subj is not None and subj.pos_ != "PRON":
                        return subj
                return of
        for c in token.lefts:
            if c.dep_ in ("amod", "compound"):
                # "Israeli shelling", "Israeli tank shelling"
                for m in c.subtree:
                    named = m.ent_type_ in ("NORP", "GPE", "ORG") or (
                        ctx is not None and m.pos_ == "PROPN" and m.i in ctx.mentions
                        and ctx.mentions[m.i].actor is not None
                        and ctx.mentions[m.i].actor.country is not None
                        and (ctx.mentions[m.i].actor.id == ctx.mentions[m.i].actor.country
                             or ctx.mentions[m.i].actor.sector is not None)
                    )  # "US Predator attacks": NER missed "US", the actor linker did not
                    # (a country or an organisation; "a Minnesota crackdown" is a place)
                    if m.i < token.i and named and m.dep_ in ("amod", "compound"):
                        return m
        if anchor is not None:
            subj = syntax.subject(anchor)
            return subj
        between = syntax.prep_object(token, "between")
        if between is not None:
            return between
        return None

    def _issuer(self, noun: Token) -> Token | None:
        """Who a statement, a letter or a declaration is from: its possessor, its by/from
        phrase, or the subject of the verb that issued it ("the opposition issued a
        declaration demanding ...")."""
        owner = syntax.child(noun, "poss")
        if owner is not None and owner.pos_ != "PRON":
            return owner
        for prep in ("by", "from"):
            obj = syntax.prep_object(noun, prep)
            if obj is not None:
                return obj
        gov = syntax.governor(noun)
        if gov is not None and gov[1] in ("dobj", "obj") and gov[0].pos_ == "VERB":
            subj = syntax.subject(gov[0])
            if subj is not None and subj.i != noun.i:
                return subj
        return None

    def _recipient(
        self, cand: Candidate, anchor: Token | None, actor_tok: Token | None, actor: ActorRef,
        ctx: DocContext, status: Status,
    ) -> tuple[Token | None, ActorRef | None]:
        """The first coded argument among the pattern's slots, else the first argument."""
        token, spec = cand.token, cand.spec
        passive = spec.kind == "verb" and syntax.is_passive(token)
        found: list[Token] = [cand.victim] if cand.victim is not None else []
        if spec.kind == "verb" and spec.type.lower() in self.words.owner_targeted_acts:
            obj = syntax.child(token, "dobj", "obj")
            if obj is not None and obj.pos_ == "NOUN" and obj.i not in ctx.mentions:
                # "protested the US arms sale to Taiwan": whose act is protested (its
                # possessor or name modifier) is the target, before the act's recipient
                found += syntax.owners(obj)
        for slot in self.index.slots_for(spec):
            for t in self._slot_tokens(cand, slot, anchor, passive, ctx, status):
                if t is None or not syntax.is_actorlike(t):
                    continue
                if actor_tok is not None and t.i == actor_tok.i:
                    continue
                if spec.kind == "noun" and spec.of == "actor" and slot == "prep:of":
                    continue
                found.append(t)
        if cand.toll is not None:
            found.append(cand.toll)
        if spec.type == "REJECT":
            # "declined to resign despite pressure by X", "in defiance of calls from X":
            # whose demand is refused
            for head in (token, syntax.child(token, "xcomp")):
                for c in head.children if head is not None else ():
                    if c.dep_ == "prep" and c.lower_ in ("despite", "defying", "against"):
                        demand = syntax.child(c, "pobj")
                        if demand is not None:
                            found += [syntax.agent(demand), syntax.prep_object(demand, "from"),
                                      syntax.child(demand, "poss")]
            found = [t for t in found if t is not None]
        # absorbed/claimed complements lend their arguments as a last resort
        if cand.complement is not None and cand.spec.frame == "absorb":
            inner = cand.complement
            inner_actor = self._actor_token(inner, None)
            for slot in self.index.slots_for(inner.spec):
                for t in self._slot_tokens(inner, slot, None, False, ctx, status):
                    if t is not None and syntax.is_actorlike(t):
                        found.append(t)
            if cand.spec.type == "REQUEST" and inner_actor is not None and syntax.is_actorlike(inner_actor):
                found.insert(0, inner_actor)
        if spec.type == "REQUEST":
            # "demanded an admission by Moscow that ...": the one whose act is demanded
            obj = syntax.child(token, "dobj", "obj") if spec.kind == "verb" else None
            by = syntax.prep_object(obj, "by") if obj is not None else None
            if by is not None and syntax.is_actorlike(by):
                found.insert(0, by)
            # "reiterated its demand that Israel ease ...", "its call for the government to
            # resign": the subject of the clause demanded, on the noun or its verb
            if spec.kind == "noun":
                gov = syntax.governor(token)
                verb = gov[0] if gov is not None and gov[1] in ("dobj", "obj") else anchor
                for head in (token, verb):
                    for c in head.children if head is not None else ():
                        if c.dep_ in ("ccomp", "acl", "advcl") and any(
                            m.dep_ == "mark" and m.lower_ in ("that", "for") for m in c.children
                        ):
                            found.append(syntax.child(c, *syntax.SUBJ_DEPS))
            found = [t for t in found if t is not None]
        first: tuple[Token | None, ActorRef | None] = (None, None)
        seen: set[int] = set()
        for t in found:
            if t.i in seen:
                continue
            seen.add(t.i)
            if any(c.dep_ == "poss" and c.lower_ in syntax.OWN_PRONOUNS for c in t.children) and spec.type in (
                "RETREAT", "MOBILIZE", "AID", "SANCTION",
            ):
                continue  # "withdraw its forces": the actor's own ("met his counterpart" is not)
            # a recipient is an actor: the phrase itself when it is one ("Iraq", "the
            # rebels"), else an actor it names ("calls by Belarus's rulers", "Serbia's
            # suppression of ...", "the French proposal"); "reforms", "an end" are none
            for cand_tok, phrase in self._recipient_words(t, ctx):
                if actor_tok is not None and cand_tok.i == actor_tok.i:
                    continue
                if phrase is None:
                    ref = self._code(cand_tok, ctx, speaker=status)
                    if spec.type in _MEETING_TYPES and cand_tok.pos_ == "NOUN" \
                            and cand_tok.i not in ctx.mentions and not ref.sector and ref.country:
                        # "talks in Geneva": a thing coded by a place its phrase names;
                        # the actors it names were tried above, each on its own
                        continue
                else:
                    ref = self.coder.code_phrase(phrase, date=ctx.dct)
                    if len(phrase) > 1 and not ref.country:
                        continue  # "military aid" names no one; "Kenyan army" does
                    ref = self._in_context(ref, cand_tok, ctx)
                if cand_tok.ent_type_ in _PLACE_ENTS or (
                    cand_tok.pos_ == "PROPN" and not cand_tok.ent_type_
                ):
                    if spec.type in _WHERE_TYPES and _where(cand_tok) \
                            and not self._country_name(cand_tok):
                        continue  # "held talks in Geneva", "rioted in Dakar": where, not whom
                    ref = self._place_target(ref, cand_tok, spec.type)
                if t.lemma_ == "counterpart" and ref.country and not ref.sector and actor.sector:
                    # "met his Iraqi counterpart": the office of the actor, in Iraq
                    ref = ActorRef(id=None, name=syntax.np_span(t).text, country=ref.country,
                                   sector=actor.sector)
                if is_coded(ref) and is_coded(actor) and _same_actor(ref, actor):
                    continue
                if is_coded(ref):
                    return cand_tok, ref
                if first[0] is None and cand_tok.ent_type_ in _NAME_ENTS and not _where(cand_tok):
                    # an unknown name after "in" is where, not whom
                    first = (cand_tok, ref)  # a name the knowledge base does not know
        return first

    def _recipient_words(
        self, token: Token, ctx: DocContext, depth: int = 0
    ) -> list[tuple[Token, SpacySpan | None]]:
        """``token`` and the actors its phrase names (:func:`syntax.actors_inside`), in
        the order they are tried as a recipient, each with the phrase to code (None: the
        token's own noun phrase). A noun the linker did not take for an actor ("a curfew
        in Algiers", "part of an aid program for Bosnia", "a Kenyan army base") is coded
        only through the actors it names, so those come first; its modifiers together
        come before each of them ("Kenyan army" before "Kenyan")."""
        if token.dep_ == "compound" and token.pos_ == "NOUN" and token.i not in ctx.mentions:
            # a noun modifier by itself ("rebel positions"), never its phrase ("aid" in
            # "military aid program" is no military actor)
            return [(token, token.doc[token.i : token.i + 1])]
        if depth > 1:
            return [(token, None)]
        if token.i in ctx.mentions or token.pos_ != "NOUN":
            return [(token, None)] + [
                w for t in syntax.actors_inside(token)
                for w in self._recipient_words(t, ctx, depth + 1)
            ]
        out: list[tuple[Token, SpacySpan | None]] = []
        modifiers = syntax.modifier_phrase(token)
        if modifiers is not None:
            out.append((modifiers[-1], modifiers))
        out += [
            w for t in syntax.actors_inside(token) for w in self._recipient_words(t, ctx, depth + 1)
        ]
        return [*out, (token, None)]

    def _country_name(self, token: Token) -> bool:
        """Whether ``token`` is part of a country's name ("sought refuge in Germany" names
        whom it was sought from; "talks in Geneva" only where)."""
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        key = (ent.text if ent is not None else token.text).lower().removeprefix("the ").strip()
        return key in self.gazetteer.countries

    def _place_target(self, ref: ActorRef, token: Token, type_: str) -> ActorRef:
        """A town or city as the target of force or coercion ("shelled Kyiv", "a curfew in
        Cizre") stands for the people there: its country's civilians, not the government
        that a capital's name stands for elsewhere ("Paris said")."""
        if type_ not in _TARGETED_PLACE_TYPES:
            return ref
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is None and not (token.pos_ == "PROPN" and not token.ent_type_):
            return ref
        ent = ent if ent is not None else token.doc[token.i : token.i + 1]  # NER missed "Kyiv"
        key = ent.text.lower().removeprefix("the ").strip()
        gaz = self.gazetteer
        if key in gaz.countries or (key not in gaz.cities and key not in gaz.capitals):
            return ref  # a country or a region: the state itself may be the target
        if key in gaz.capitals and type_ in ("THREATEN", "SANCTION", "PROTEST") \
                and not _where(token):
            # "threatened Beijing with tariffs": the capital is its government ("a curfew
            # in Algiers" is still the people there)
            return ref
        country = ref.country or gaz.country_of_place(ent.text)
        if not country:
            return ref
        return ActorRef(id=ref.id, name=ref.name or ent.text, country=country, sector="CVL")

    def _slot_tokens(
        self, cand: Candidate, slot: str, anchor: Token | None, passive: bool, ctx: DocContext,
        status: Status,
    ) -> list[Token | None]:
        token = cand.token
        if slot == "dobj":
            if passive:
                subj = syntax.child(token, *syntax.PASSIVE_SUBJ_DEPS)
                if subj is None and token.dep_ == "acl":
                    return [token.head]
                return [subj]
            if cand.spec.kind == "noun":
                return []
            return [syntax.child(token, "dobj", "obj")]
        if slot == "dative":
            return [syntax.child(token, "dative")] if not passive else []
        if slot == "poss":
            out = [syntax.child(token, "poss")]
            obj = syntax.child(token, "dobj", "obj")
            if obj is not None:
                out.append(syntax.child(obj, "poss"))
            return out
        if slot == "xsubj":
            if cand.complement is not None:
                return [self._actor_token(cand.complement, None)]
            clause = syntax.child(token, "ccomp", "xcomp")
            return [syntax.subject(clause)] if clause is not None else []
        if slot == "xobj":
            inner = cand.complement
            if inner is None:
                return []
            out: list[Token | None] = []
            for inner_slot in self.index.slots_for(inner.spec):
                if inner_slot not in ("xobj", "xsubj"):
                    out += self._slot_tokens(inner, inner_slot, None, syntax.is_passive(inner.token), ctx, status)
            return out
        if slot == "purpose":
            # "marched to demand the resignation of X", "went on strike to press demands on
            # X": whom the act is aimed at is named in its purpose
            out = []
            for head in (token, anchor):
                verb = syntax.purpose_clause(head) if head is not None else None
                if verb is None:
                    continue
                out.append(syntax.child(verb, "dobj", "obj"))
                for word in ("from", "on", "of", "against"):
                    out.append(syntax.prep_object(verb, word))
                break
            return out
        if slot == "xcomp":
            # "threatened to deliver blows to X": the governed verb is no event of its own
            verb = syntax.child(token, "xcomp")
            if verb is None or verb.i in ctx.candidates:
                return []
            out = [syntax.child(verb, "dobj", "obj"), syntax.child(verb, "dative")]
            out += [syntax.prep_object(verb, w) for w in ("against", "on", "to", "with", "at")]
            return out
        if slot == "condition":
            # "threatened to strike unless X withdrew": the threat is held over X
            out = []
            for head in (token, syntax.child(token, "xcomp")):
                for c in head.children if head is not None else ():
                    if c.dep_ == "advcl" and any(
                        m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
                    ):
                        out.append(syntax.child(c, *syntax.SUBJ_DEPS))
            return out
        if slot.startswith("prep:"):
            word = slot[5:]
            out = [syntax.actor_head(syntax.prep_object(token, word))]
            if token.dep_ == "compound" and cand.spec.kind == "noun":
                # "a mediation effort between X and Y": the phrase hangs off the head noun
                out.append(syntax.actor_head(syntax.prep_object(token.head, word)))
            if anchor is not None:
                out.append(syntax.prep_object(anchor, word))
            obj = syntax.child(token, "dobj", "obj") if cand.spec.kind == "verb" else None
            if obj is not None:
                out.append(syntax.prep_object(obj, word))
            elif cand.spec.kind == "verb" and cand.spec.extras:
                # "engaged in talks with Iran": the phrase hangs off the pattern's own noun
                extras = set(cand.spec.extras)
                for t in token.subtree:
                    if t.pos_ == "NOUN" and syntax.lemma(t) in extras and abs(t.i - token.i) <= 4:
                        out.append(syntax.prep_object(t, word))
            if word == "between":
                out += [syntax.conjuncts(t)[0] for t in out if t is not None and syntax.conjuncts(t)]
            return out
        return []

    # -- step 4: status -------------------------------------------------------------------

    def _status(self, cand: Candidate, anchor: Token | None, ctx: DocContext) -> Status:
        cues = self.cues
        st = Status()
        token = cand.token
        start = anchor if anchor is not None else token
        st.negated = syntax.has_negation(token, cues.negators) or (
            start is not token and syntax.has_negation(start, cues.negators)
        )
        if token.dep_ == "pobj" and token.head.lower_ == "without":
            st.negated = True
        if anchor is not None and syntax.lemma(anchor) in cues.negate_own:
            st.negated = True  # "cancelled the talks", "postponed the visit"
        future = hypothetical = intended = would = False
        if cand.spec.kind == "noun" and token.dep_ in ("nsubj", "nsubjpass") and anchor is None:
            # "a Chinese attack on Taiwan could ...": the event is the clause's hypothesis
            for c in token.head.children:
                if c.dep_ == "aux" and c.lower_ in cues.modal_hypothetical:
                    hypothetical = True
        h = start
        for _ in range(8):
            for c in h.children:
                if c.dep_ == "aux":
                    word = c.lower_
                    if word in cues.modal_future:
                        future = True
                    elif word in cues.modal_hypothetical:
                        would = True
                elif c.dep_ == "mark" and c.lower_ in cues.conditional:
                    hypothetical = True
                elif c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
                ):
                    st.conditioned = True
            dep = h.dep_
            if h.i in ctx.cues:
                break  # a quote's speech verb: what the parse hangs above it is the quote
            if dep in ("pobj", "pcomp") and h.head.dep_ in ("prep", "agent"):
                parent = h.head.head
            elif dep in ("xcomp", "ccomp", "conj", "dobj", "obj", "acomp", "oprd", "attr"):
                parent = h.head
            elif dep == "advcl" and h.tag_ == "VBG" and not any(c.dep_ == "mark" for c in h.children):
                parent = h.head
            else:
                st.presupposed = dep in ("acl", "relcl", "appos", "advcl")
                break
            if parent is h:
                break
            plemma = syntax.lemma(parent)
            if dep == "conj":
                h = parent
                continue
            if dep == "ccomp" and plemma in self.words.question_verbs and any(
                c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in h.children
            ):
                st.irrealis = True  # "asked if the US agreed to ...": a question, no claim
                break
            if plemma in cues.deny and parent.pos_ == "VERB":
                st.modality = "denied"
                st.speaker_token = syntax.subject(parent)
                break
            if plemma in cues.report and parent.pos_ == "VERB" and dep in ("ccomp", "xcomp", "pcomp", "pobj", "conj"):
                st.speaker_token = syntax.subject(parent)
                if parent.tag_ in ("VBD", "VBN") and would:
                    would = False
                    intended = True
                break
            if plemma in cues.negate and dep in ("xcomp", "pcomp", "dobj", "pobj"):
                st.negated = st.negated or not syntax.has_negation(parent, cues.negators)
            elif plemma in cues.intend or (plemma == "go" and parent.tag_ == "VBG"):
                intended = True
                if syntax.has_negation(parent, cues.negators):
                    st.negated = True
                if plemma in cues.commit or plemma in cues.vow:
                    st.commit = parent
            elif plemma in cues.irrealis_governors and dep in ("dobj", "obj", "pobj") and cand.spec.kind == "noun":
                st.irrealis = True
            h = parent
        if st.modality != "denied":
            if hypothetical or (would and not intended):
                st.modality = "hypothetical"
            elif intended or future:
                st.modality = "intended"
        self._attribution(cand, start, st, ctx)
        return st

    def _attribution(self, cand: Candidate, start: Token, st: Status, ctx: DocContext) -> None:
        """Who carries the event: a quote's speaker, a report verb's subject, or the X of
        "according to X"."""
        quote = _quote_at(ctx.quotes, cand.token.idx)
        if st.presupposed and st.speaker_token is None and quote is not None and quote.kind != "direct":
            quote = None  # background the speaker mentions, not their claim
        # The quote stage resolves pronouns and descriptions ("he", "the spokesman") to the
        # named speaker; a parse subject is only better when it is itself a name.
        if quote is not None and quote.speaker is not None and (
            st.speaker_token is None or st.speaker_token.pos_ not in ("PROPN",)
        ) and not (st.speaker_token is not None and self._speech_noun(quote.speaker.text)):
            # ... but a statement is no speaker: "Militants said they attempted ..., in a
            # statement" is the militants' claim
            st.attributed_to = quote.speaker.text
            st.speaker = quote.speaker.actor or ActorRef(id=None, name=quote.speaker.text)
            return
        if st.speaker_token is None:
            root = start
            for t in syntax.ancestors_within(start, 6):
                root = t
            for t in (start, root):
                acc = syntax.child(t, "prep")
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "according":
                        acc = syntax.prep_object(c, "to") or syntax.child(c, "pobj")
                        if acc is None:
                            acc = next((g for g in c.subtree if g.dep_ == "pobj"), None)
                        if acc is not None:
                            st.speaker_token = acc
                            break
                if st.speaker_token is not None:
                    break
        if st.speaker_token is not None:
            tok = st.speaker_token
            span = syntax.speaker_span(tok)
            if tok.pos_ == "PRON" and quote is not None and quote.speaker is not None:
                st.attributed_to = quote.speaker.text
                st.speaker = quote.speaker.actor or ActorRef(id=None, name=quote.speaker.text)
            else:
                st.attributed_to = span.text
                st.speaker = self._code(tok, ctx)

    # -- assembling one event ------------------------------------------------------------

    def _build(self, cand: Candidate, ctx: DocContext) -> Event | None:
        spec = cand.spec
        anchor: Token | None = None
        if spec.kind == "noun":
            anchor, irrealis = self._noun_anchor(cand.token, ctx)
            if irrealis:
                return None
        if "complement" in spec.needs and cand.complement is None and not _has_clause(cand.token):
            return None
        if "event" in spec.needs and cand.complement is None:
            return None
        if "no_object" in spec.needs and any(c.dep_ in ("dobj", "obj") for c in cand.token.children):
            return None  # "demonstrated the new laser": a showing, not a protest
        if "no_predicate" in spec.needs and any(c.dep_ == "oprd" for c in cand.token.children):
            return None  # "called the decision unfortunate": naming, not a phone call
        if "object" in spec.needs and not any(c.dep_ in ("dobj", "obj") for c in cand.token.children):
            return None  # "returned to Washington" is travel; "returned the prisoners" an act
        if spec.frame == "absorb" and any(
            c.dep_ in ("xcomp", "ccomp") and self._trivial(c)
            and not self._demand_on_other(cand, c) for c in cand.token.children
        ):
            # "declined to comment", "asked not to be named"; also "refused to comment on
            # its dealings with X": what the comment would be about is not the act
            return None
        if spec.head in self.cues.deny and (
            _has_clause(cand.token)
            or any(
                c.i in ctx.candidates and ctx.candidates[c.i].spec.type not in _SPEECH_ACTS
                for c in cand.token.children if c.dep_ in ("dobj", "obj")
            )
        ):
            return None  # "denied attacking": the attack is the event, marked denied
        if "no_clause" in spec.needs and (
            _has_clause(cand.token)
            or any(
                c.i in ctx.candidates and ctx.candidates[c.i].spec.type not in _SPEECH_ACTS
                for c in cand.token.children if c.dep_ in ("dobj", "obj")
            )
        ):
            return None
        status = self._status(cand, anchor, ctx)
        if status.irrealis:
            return None
        actor_tok = self._actor_token(cand, anchor, ctx)
        if actor_tok is not None and actor_tok.pos_ == "PRON" and status.speaker is None:
            # "he said it would ..." inside a quote: the quote's speaker
            quote = _quote_at(ctx.quotes, cand.token.idx)
            if quote is not None and quote.speaker is not None:
                status.speaker = quote.speaker.actor
        if status.modality == "denied" and spec.kind == "noun" and spec.type in _SPEECH_ACTS:
            return None  # "denied X's accusations": the accusation was made; the denial rejects it
        actor = self._code(actor_tok, ctx, speaker=status) if actor_tok is not None else None
        if actor is not None and actor_tok is not None:
            actor = self._people_as_state(actor, actor_tok, spec.type)
        if actor is None and status.speaker is not None and cand.spec.frame is not None and (
            cand.token.idx in _cue_chars(ctx.quotes)
        ):
            actor = status.speaker
        rec_tok, recipient = self._recipient(
            cand, anchor, actor_tok, actor or ActorRef(None, ""), ctx, status
        )
        type_, mode, cameo = spec.type, spec.mode, spec.cameo
        if cand.complement is not None and spec.frame == "absorb":
            table = self.index.complement_modes.get(type_, {})
            if cand.complement.spec.type in table:
                mode, cameo = table[cand.complement.spec.type]
        # symmetric acts by coordinated actors: "Iraq and the US held talks"
        symmetric = type_ in SYMMETRIC or spec.symmetric
        if symmetric and (recipient is None or not is_coded(recipient)) and actor_tok is not None:
            for other in syntax.conjuncts(actor_tok):
                ref = self._code(other, ctx)
                if is_coded(ref):
                    rec_tok, recipient = other, ref
                    break
            else:
                # "U.S. and Russian negotiators held talks"
                for ref in self._modifier_actors(actor_tok, actor, ctx):
                    if actor is not None and ref.country != actor.country:
                        recipient = ref
                        break
        negated, modality = status.negated, status.modality
        inner_type = cand.complement.spec.type if cand.complement is not None else None
        if type_ == "REQUEST" and spec.head == "order" and inner_type in CONDITIONAL_THREAT:
            # "ordered the arrest of", "ordered X jailed": an order by one who can give it
            # is the act itself
            inner = cand.complement
            type_, mode, cameo = inner.spec.type, inner.spec.mode, inner.spec.cameo
            if rec_tok is None or not is_coded(recipient):
                rec_tok, recipient = self._recipient(inner, None, actor_tok, actor or ActorRef(None, ""), ctx, status)
        if type_ == "AGREE" and spec.frame == "absorb" and inner_type in THREAT_CONTENT and spec.head in self.cues.vow:
            # "vowed to retaliate", "promised to crush": the promise of force is a threat
            mode, cameo = self.index.complement_modes.get("THREATEN", {}).get(inner_type, (None, "130"))
            type_ = "THREATEN"
        committer = status.commit
        if committer is not None and (
            (syntax.lemma(committer) in self.cues.vow and type_ in THREAT_CONTENT)
            or (syntax.lemma(committer) in self.cues.commit and type_ in COOPERATIVE)
        ):
            # "is willing to withdraw" -> AGREE; "vowed to strike" -> THREATEN: the
            # commitment, made now, is the event
            table = "THREATEN" if type_ in THREAT_CONTENT else "AGREE"
            mode, cameo = self.index.complement_modes.get(table, {}).get(type_, (None, self.onto.category(table).cameo))
            type_, modality = table, "asserted"
            who = syntax.subject(committer)
            if who is not None:
                actor_tok = who
                actor = self._code(who, ctx, speaker=status)
        elif status.conditioned and modality in ("intended", "hypothetical") and type_ in CONDITIONAL_THREAT:
            # "will withdraw its force unless ...": a future act held over the recipient
            mode, cameo = self.index.complement_modes.get("THREATEN", {}).get(type_, (None, "130"))
            type_, modality = "THREATEN", "asserted"
        if type_ == "REQUEST" and modality == "asserted" and spec.head != "order" and not negated:
            modality = "demanded"
        if status.speaker is not None and modality in ("asserted", "intended", "demanded"):
            if not self._self_statement(status, actor, actor_tok, ctx):
                if not self._neutral(status):
                    modality = "reported_claim"
        if modality == "reported_claim" and not self.emit_reported_claims:
            return None
        if "actor_object" in spec.needs and not _actor_object(recipient, rec_tok):
            return None
        if spec is self._obligation_spec and not is_coded(recipient) \
                and not self._addressee(cand.token):
            return None  # "said the growth should be felt", "we must ensure", "it should be"
        location = self._location(cand, anchor, ctx)
        if type_ == "ASSAULT" and not is_coded(actor) and self._unattributed(actor_tok) \
                and not negated and modality == "asserted" and not status.presupposed:
            # "Israel pressed its offensive in Gaza. A school was struck on Sunday": in a
            # story about one side attacking a place, an attack there with no named
            # attacker is that side's
            actor = self._story_attacker(cand, recipient, location, ctx) or actor
        if (
            type_ == "ASSAULT" and not is_coded(actor) and self._unattributed(actor_tok)
            and (spec.kind == "verb" or anchor is not None or cand.victim is not None
                 or cand.toll is not None)
            and is_coded(recipient) and not status.presupposed
            and syntax.lemma(cand.token) not in self.cues.state_means
            and (cand.victim is not None or cand.toll is not None
                 or cand.token.dep_ not in _NOT_REPORTED_DEPS)
        ):
            # "a roadside bomb killed two soldiers", "three civilians were killed in
            # Kabul": unidentified attackers of the country where it happened - only for
            # a reported attack on people ("was destroyed during ascent", "to target
            # them" are none)
            country = location.country if location is not None and location.country else None
            country = country or self.coder.context_country(cand.token, ctx.story, ctx.mentions)
            name = syntax.np_span(actor_tok).text if actor_tok is not None else ""
            actor = ActorRef(
                id=None, name=name or "unidentified attackers", country=country, sector="UAF"
            )
        if (
            type_ in ("COERCE", "ACCUSE", "INVESTIGATE") and spec.kind == "verb"
            and actor_tok is None
            and syntax.is_passive(cand.token) and syntax.agent(cand.token) is None
            and location is not None and location.country
            and location.country not in NON_STATE_CODES
        ):
            # "a Dutch tourist was charged in Peru", "two journalists were arrested in
            # Cairo", "was put under investigation in Italy": arrests, charges and
            # investigations with no agent are the state's where they happen
            actor = ActorRef(id=None, name=f"authorities of {location.country}",
                             country=location.country, sector=None)
            if recipient is not None and recipient.country == location.country \
                    and not recipient.sector:
                # "after being captured in Afghanistan": the place that stands for the
                # captor is not also the captive
                recipient = None
        named_by = actor_tok
        if actor_tok is not None and actor_tok.pos_ == "PRON" and status.speaker_token is not None:
            named_by = status.speaker_token  # "the Umma party said it will boycott ..."
        if self.require_actor and not _known_actor(actor, named_by):
            return None
        if mode is not None and not self.onto.is_mode(type_, mode):
            mode = None
        date, date_text = self._date(cand, anchor, modality, ctx)
        confidence = self._confidence(spec, actor, recipient, modality)
        if confidence < self.min_confidence:
            return None
        if type_ == "PROTEST" and not is_coded(recipient) and not negated:
            recipient = self._protest_target(actor, location, cand.token, ctx) or recipient
        if (
            recipient is not None and not recipient.country and recipient.sector in ("CVL", "REF")
            and location is not None and location.country
        ):
            # "killed five people in Kabul": civilians of the place where it happened
            recipient = ActorRef(recipient.id, recipient.name, location.country, recipient.sector)
        sent = cand.token.sent
        event = Event(
            id="",
            type=type_,
            mode=mode,
            cameo=cameo,
            actor=actor,
            recipient=recipient,
            date=date,
            date_text=date_text,
            location=location,
            negated=negated,
            modality=modality,  # type: ignore[arg-type]
            attributed_to=status.attributed_to,
            sentence=Span(sent.start_char, sent.end_char, sent.text),
            trigger=_trigger_span(cand),
            confidence=round(confidence, 3),
            quad_class=self.onto.quad_class(type_),
            intensity=self.onto.intensity(type_, mode),
        )
        if rec_tok is not None and recipient is not None:
            ctx.recipient_tokens[id(event)] = rec_tok
        return event

    def _protest_target(
        self, actor: ActorRef | None, location: Location | None, token: Token, ctx: DocContext
    ) -> ActorRef | None:
        """Whom a protest that names no target is against: the government of the place
        where it happens, else of the protesters' own country (the CAMEO manual, 141, lets
        the place of a demonstration stand for its target when none is named; a rally, a
        riot or a strike with no other addressee is directed at the authorities there).
        Not for protests by a state or its own bodies (a boycott by a government is aimed
        at someone else, unnamed), nor when the sentence names a company (a strike against
        an employer)."""
        if actor is None or not is_coded(actor) or actor.sector in STATE_SECTORS:
            return None
        if actor.sector in ("ELI", "BUS", "MED", "UAF"):
            return None  # a person, a firm or an outlet: no crowd addressing the state
        if actor.sector is None:
            return None  # a state as a whole ("US strikes", "the US Capitol riot") is no crowd
        if actor.country in NON_STATE_CODES:
            return None
        if any(m.actor is not None and m.actor.sector == "BUS"
               for m in (ctx.mentions.get(t.i) for t in token.sent) if m is not None):
            return None
        country = location.country if location is not None and location.country else actor.country
        if not country or country in NON_STATE_CODES:
            return None
        return ActorRef(id=None, name=f"government of {country}", country=country, sector="GOV")

    def _coordinated_actors(self, event: Event, cand: Candidate, ctx: DocContext) -> list[Event]:
        """The same act by each actor coordinated with the event's ("Russia and China
        vetoed the resolution", "US and British forces attacked"), when that actor is
        another coded party; symmetric acts take the conjunct as recipient instead."""
        if event.type in SYMMETRIC or cand.spec.symmetric or event.actor is None \
                or not is_coded(event.actor):
            return []
        anchor = None if cand.spec.kind == "verb" else self._noun_anchor(cand.token, ctx)[0]
        actor_tok = self._actor_token(cand, anchor, ctx)
        if actor_tok is None or actor_tok.pos_ == "PRON":
            return []
        out = []
        others = [(other, self._code(other, ctx)) for other in syntax.conjuncts(actor_tok)]
        others += [(actor_tok, ref) for ref in self._modifier_actors(actor_tok, event.actor, ctx)]
        for other, ref in others:
            if not ref.country or ref.country == event.actor.country:
                continue
            if event.recipient is not None and _same_actor(ref, event.recipient):
                continue
            out.append(replace(event, actor=ref))
        return out

    def _coordinated_recipients(self, event: Event, ctx: DocContext) -> list[Event]:
        """The same act toward each party coordinated with the event's recipient ("Israel
        struck Gaza and Lebanon", "talks with Israel and Hamas"): CAMEO codes a compound
        target as one event per target. Only coded parties of another country than the
        actor and the first recipient."""
        rec_tok = ctx.recipient_tokens.get(id(event))
        if rec_tok is None or event.recipient is None or not is_coded(event.recipient):
            return []
        rec = event.recipient
        if rec.country and rec.sector is None and rec_tok.pos_ != "NOUN" \
                and rec_tok.ent_type_ not in _NAME_ENTS - {"NORP"} \
                and not self._country_name(rec_tok):
            # "beat scores of Somali and Ethiopian refugees": a people's adjective
            # shares the noun of the phrase it is coordinated with
            for other in syntax.conjuncts(rec_tok):
                sector = self._code(other, ctx).sector if other.pos_ == "NOUN" else None
                if other.i > rec_tok.i and sector:
                    event.recipient = replace(rec, sector=sector)
                    break
        out = []
        seen = {event.recipient.country, event.actor.country if event.actor else None}
        # "sanctions on Russian and Belarusian banks": one target per coordinated name, the
        # noun's sector for each (the phrase was coded by one of them)
        named = self._modifier_actors(rec_tok, event.recipient, ctx)
        if len(named) > 1 and event.recipient.country in {r.country for r in named}:
            for ref in named:
                if ref.country not in seen:
                    seen.add(ref.country)
                    out.append(replace(event, recipient=ref))
        for other in syntax.conjuncts(rec_tok):
            if other.i < rec_tok.i or other.pos_ == "PRON":
                continue
            ref = self._code(other, ctx)
            if other.ent_type_ in _PLACE_ENTS:
                ref = self._place_target(ref, other, event.type)
            if not ref.country or ref.country in seen or (
                ref.country in NON_STATE_CODES and not ref.id
            ):
                continue
            seen.add(ref.country)
            out.append(replace(event, recipient=ref))
        return out

    def _modifier_actors(
        self, token: Token, ref: ActorRef | None, ctx: DocContext
    ) -> list[ActorRef]:
        """The actors of a noun with coordinated name modifiers, one per name, each with
        the noun's sector ("U.S. and Russian negotiators" -> USA GOV, RUS GOV)."""
        if ref is None or token.pos_ not in ("NOUN", "PROPN"):
            return []
        out = []
        for mod in syntax.coordinated_modifiers(token):
            words = [t for t in mod.lefts if t.dep_ == "compound"] + [mod]  # "Sierra Leonean"
            span = token.doc[words[0].i : mod.i + 1]
            coded = self.coder.code_phrase(span, date=ctx.dct)
            if coded.country and coded.country not in NON_STATE_CODES:
                out.append(ActorRef(id=None, name=f"{span.text} {token.text}",
                                    country=coded.country, sector=ref.sector))
        return out

    @staticmethod
    def _addressee(report: Token) -> bool:
        """Whether the clause a report verb says "must"/"should" of has someone as its
        subject: a name or "he"/"she"/"they" ("said he should step down"), not a thing,
        "it", "we" or "you" ("the law must take its course", "we must ensure")."""
        clause = syntax.child(report, "ccomp")
        subj = syntax.child(clause, *syntax.SUBJ_DEPS, *syntax.PASSIVE_SUBJ_DEPS) \
            if clause is not None else None
        return subj is not None and (subj.ent_type_ in _NAME_ENTS or subj.pos_ == "PROPN"
                                     or subj.lower_ in ("he", "she", "they"))

    def _demand_on_other(self, cand: Candidate, clause: Token) -> bool:
        """A demand that someone else say or give something ("demanded that the government
        provide information", "called on the army to disclose ..."): an act, not small talk;
        asking for a comment stays small talk."""
        spec = cand.spec
        if spec.type != "REQUEST" or spec.head in self.words.small_talk_requests:
            return False
        if clause.dep_ == "ccomp":
            return syntax.child(clause, *syntax.SUBJ_DEPS, *syntax.PASSIVE_SUBJ_DEPS) is not None
        return syntax.child(cand.token, "dobj", "obj") is not None or any(
            syntax.prep_object(cand.token, w) is not None for w in ("on", "upon"))

    def _trivial(self, verb: Token) -> bool:
        """Small talk: "comment", "give details", "provide information" - but not "give
        tariff concessions" or "provide troops", which are acts."""
        lemma = syntax.lemma(verb)
        if lemma in self.cues.trivial_complements:
            return True
        if lemma not in self.cues.giving_complements:
            return False
        obj = syntax.child(verb, "dobj", "obj")
        return obj is None or syntax.lemma(obj) in self.cues.trivial_objects

    def _story_attacker(
        self, cand: Candidate, recipient: ActorRef | None, location: Location | None,
        ctx: DocContext,
    ) -> ActorRef | None:
        """The named attacker of an attack on the same country told at most
        ``story_attacker_sentences`` sentences before (latest first), when it is not that
        country's own; else None."""
        target = (recipient.country if recipient is not None else None) or (
            location.country if location is not None else None)
        if not target or target in NON_STATE_CODES or not ctx.attacks:
            return None
        sent = self._sentence_number(cand.token, ctx)
        for before, event in reversed(ctx.attacks):
            if sent - before > self.story_attacker_sentences:
                break
            if event.actor is None or event.actor.country == target:
                continue
            hit = (event.recipient.country if event.recipient is not None else None) or (
                event.location.country if event.location is not None else None)
            if hit == target:
                return event.actor
        return None

    def _unattributed(self, actor_tok: Token | None) -> bool:
        """No one is named as the attacker: no agent at all, or only the means or the
        event itself ("a car bombing", "the blast", "gunmen")."""
        if actor_tok is None:
            return True
        if actor_tok.pos_ == "PRON" or actor_tok.ent_type_ in _NAME_ENTS:
            return False
        return syntax.lemma(actor_tok) in self.cues.unattributed_means

    def _self_statement(
        self, st: Status, actor: ActorRef | None, actor_tok: Token | None, ctx: DocContext
    ) -> bool:
        """The speaker reports their own act ("Israel said it would free ...")."""
        if actor_tok is not None and actor_tok.pos_ == "PRON":
            return True
        if st.speaker_token is not None and any(
            c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in st.speaker_token.children
        ):
            return True  # "..., its prime minister said"
        if st.speaker_token is not None and actor_tok is not None:
            if actor_tok.i == st.speaker_token.i or actor_tok.i in {c.i for c in syntax.conjuncts(st.speaker_token)}:
                return True
        if actor is None or st.speaker is None:
            return False
        if actor_tok is not None and st.speaker.country:
            # "Brazil and the United States are seeking ..., a US official said"
            for other in syntax.conjuncts(actor_tok):
                if self._code(other, ctx).country == st.speaker.country:
                    return True
        if is_coded(actor) and is_coded(st.speaker):
            # same country, and not two different bodies of it ("the Syrian army said
            # rebels shelled the town": the rebels are Syrian too, but not the army)
            sectors_differ = bool(
                actor.sector and st.speaker.sector and actor.sector != st.speaker.sector
            )
            return actor.country == st.speaker.country and (
                (actor.country is not None and not sectors_differ) or actor.sector == st.speaker.sector
            )
        return bool(actor.name) and actor.name.lower() in (st.attributed_to or "").lower()

    def _neutral(self, st: Status) -> bool:
        """Witnesses, medics, news agencies: reports the article takes over as its own."""
        if st.speaker is not None and st.speaker.sector in _NEUTRAL_SECTORS:
            return True
        tok = st.speaker_token
        if tok is None or syntax.lemma(tok) not in self.cues.neutral_sources:
            return False
        # "police said" reports; "Israeli police said" may speak for a party
        return st.speaker is None or not st.speaker.country

    # -- accusations made in reported speech --------------------------------------------

    def _accusatory_reports(self, doc: Doc) -> list[tuple[Token, Token]]:
        """Report verbs whose clause pins a pejorative act on another party ("says country X
        ... pursues its hostile aims"): (report verb, subject of the reported clause)."""
        cues, out = self.cues, []
        pejoratives = cues.pejoratives
        if not pejoratives:
            return out
        for token in doc:
            if token.pos_ != "VERB" or syntax.lemma(token) not in cues.report:
                continue
            clause = syntax.child(token, "ccomp")
            if clause is None:
                continue
            content_subj = syntax.subject(clause)
            speaker = syntax.subject(token)
            if content_subj is None or speaker is None or content_subj.pos_ == "PRON":
                continue
            if self.index.match(content_subj) is not None:
                continue  # "said a Chinese attack would ...": about an act, not an actor
            if any(syntax.lemma(t) in pejoratives for t in clause.subtree):
                out.append((token, content_subj))
        return out

    def _build_accusation(self, report: Token, target: Token, ctx: DocContext) -> Event | None:
        speaker_tok = syntax.subject(report)
        if speaker_tok is None:
            return None
        actor = self._code(speaker_tok, ctx)
        recipient = self._code(target, ctx)
        if not (recipient.country and actor.country) or recipient.country == actor.country:
            return None  # an accusation between parties of two countries
        if self.require_actor and not is_coded(actor):
            return None
        st = Status(negated=syntax.has_negation(report, self.cues.negators))
        spec = TriggerSpec(
            kind="verb", pattern=report.lemma_, head=report.lemma_, extras=(), type="ACCUSE",
            cameo="112", mode="allege", to=None, of="recipient", unless=frozenset(), requires=frozenset(), not_under=frozenset(), needs=frozenset(),
            frame=None, confidence=0.5,
        )
        cand = Candidate(report, spec)
        date, date_text = self._date(cand, None, st.modality, ctx)
        sent = report.sent
        return Event(
            id="", type="ACCUSE", mode="allege", cameo="112", actor=actor, recipient=recipient,
            date=date, date_text=date_text, location=self._location(cand, None, ctx),
            negated=st.negated, modality="asserted", attributed_to=None,
            sentence=Span(sent.start_char, sent.end_char, sent.text),
            trigger=Span(report.idx, report.idx + len(report.text), report.text),
            confidence=self._confidence(spec, actor, recipient, "asserted"),
            quad_class=self.onto.quad_class("ACCUSE"), intensity=self.onto.intensity("ACCUSE", "allege"),
        )

    # -- step 5: date, place, confidence -------------------------------------------------

    def _date(
        self, cand: Candidate, anchor: Token | None, modality: str, ctx: DocContext
    ) -> tuple[str | None, str | None]:
        token = cand.token
        heads = {token.i}
        if anchor is not None:
            heads.add(anchor.i)
        if token.dep_ == "acl":
            heads.add(token.head.i)
        sent = token.sent
        in_sent = [(t, s) for t, s in ctx.timexes if s.start >= sent.start and s.end <= sent.end]
        for timex, span in in_sent:
            if _governs(span, heads):
                return _date_value(timex), timex.text
        # the clause above: the report or framing verb ("said on Saturday that ...")
        for timex, span in in_sent:
            if _calendar(timex) and _governs(span, {t.i for t in syntax.ancestors_within(token, 3)}):
                return _date_value(timex), "sentence"
        # the sentence's own time: a timex on its main clause, not inside a modifier
        # ("a law adopted in January 2020" does not date the sentence); a present-tense
        # trigger is reported as happening now
        if token.tag_ not in ("VBP", "VBZ"):
            root = sent.root
            for timex, span in in_sent:
                if _calendar(timex) and _governs(span, {root.i}):
                    return _date_value(timex), "sentence"
        if modality in ("intended", "hypothetical"):
            return None, None
        if cand.spec.kind == "noun" and anchor is None:
            return None, None  # a bare event noun ("the assassination of ...") is not dated
        if ctx.dct:
            return ctx.dct, "publication date"
        return None, None

    def _location(self, cand: Candidate, anchor: Token | None, ctx: DocContext) -> Location | None:
        for head in (cand.token, anchor, cand.token.head if cand.token.dep_ in ("xcomp", "conj") else None):
            if head is None:
                continue
            for word in _LOCATION_PREPS:
                obj = syntax.prep_object(head, word)
                if obj is None:
                    continue
                place = self._place_of(obj)
                if place is not None:
                    return place
        for c in cand.token.children if cand.spec.extras else ():
            # "was put under investigation in Italy": the place of the pattern's own noun
            noun = syntax.child(c, "pobj") if c.dep_ == "prep" else None
            if noun is None or syntax.lemma(noun) not in cand.spec.extras:
                continue
            for word in _LOCATION_PREPS:
                obj = syntax.prep_object(noun, word)
                place = self._place_of(obj) if obj is not None else None
                if place is not None:
                    return place
        # "bombed Gaza City": a city attacked, visited or protested in is where it happened
        obj = syntax.child(cand.token, "dobj", "obj") if cand.spec.kind == "verb" else None
        if obj is not None:
            place = self._place_of(obj)
            if place is not None and place.lat is not None:
                return place
        if ctx.dateline:
            return self.gazetteer.locate(ctx.dateline.split(",")[0])
        return None

    def _place_of(self, token: Token) -> Location | None:
        """A place named by a prepositional object: "in Kirkuk", "in the city of Kirkuk"."""
        if token.ent_type_ in _PLACE_ENTS:
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if ent is not None:
                return self.gazetteer.locate(ent.text)
        if token.pos_ == "PROPN" and token.ent_type_ not in ("PERSON", "ORG"):
            place = self.gazetteer.locate(token.text)  # a town NER took for a people
            if place is not None and place.lat is not None:
                return place
        of = syntax.prep_object(token, "of")
        if of is not None and (of.ent_type_ in _PLACE_ENTS or of.pos_ == "PROPN"):
            return self._place_of(of)
        for c in token.children:
            if c.dep_ in ("compound", "poss") and c.ent_type_ in _PLACE_ENTS:
                return self._place_of(c)
        inside = syntax.prep_object(token, "in")
        if inside is not None and inside.ent_type_ in _PLACE_ENTS:
            return self._place_of(inside)  # "at a jail in northern Israel"
        return None

    def _confidence(
        self, spec: TriggerSpec, actor: ActorRef | None, recipient: ActorRef | None, modality: str
    ) -> float:
        conf = spec.confidence
        unknown = actor is not None and actor.sector == "UAF" and actor.id is None
        if not is_coded(actor) or unknown:
            conf *= 0.6
        if is_coded(recipient):
            conf += 0.1
        if spec.kind == "noun":
            conf -= 0.05
        if modality in ("reported_claim", "hypothetical"):
            conf -= 0.05
        return max(0.0, min(1.0, conf))


# -- helpers -------------------------------------------------------------------------------


_NAME_ENTS = frozenset({"ORG", "PERSON", "NORP", "GPE"})


def _known_actor(actor: ActorRef | None, token: Token | None) -> bool:
    """A coded actor, or a named one the knowledge base does not know yet ("the APEC
    forum"): a real actor, worth an event; "it" or "the move" are not."""
    if is_coded(actor):
        return True
    if actor is None or token is None or token.pos_ == "PRON":
        return False
    return token.pos_ == "PROPN" or token.ent_type_ in _NAME_ENTS or any(
        t.ent_type_ in _NAME_ENTS for t in token.subtree if t.i < token.i and t.dep_ in ("compound", "amod", "poss")
    )


def _actor_object(ref: ActorRef | None, token: Token | None) -> bool:
    """An object that is an actor: a known entity, a country's people or bodies, a named
    one, or people of a kind ("prisoners", "journalists"); "big government" (a generic
    body of no country) is not."""
    if ref is None or token is None:
        return False
    if ref.country or ref.id or token.pos_ == "PROPN":
        return True
    return bool(ref.sector) and ref.sector != "GOV"


def _where(token: Token) -> bool:
    """Whether ``token`` is the object of a preposition of place ("in Geneva")."""
    # not "at": "fired at X" names a target
    prep = token.head.lower_
    return token.dep_ == "pobj" and prep in _LOCATION_PREPS and prep != "at"


def _same_actor(a: ActorRef, b: ActorRef) -> bool:
    """Whether two coded actors are one, so that no event runs from one to the other.
    Two known actors are one when they are the same entry; a known actor and a phrase of
    the same country and sector are two ("Hezbollah killed a commander of a rival
    militia"), except in government: "the president backs big government", "the UK's
    regime" are the actor's own state. Two phrases are one when country and sector agree
    (acts between different sectors of one country - a government and its opposition,
    the army and rebels - are coded)."""
    if a.id and b.id:
        return a.id == b.id
    if (a.id or b.id) and a.sector != "GOV":
        return False
    return (a.country, a.sector) == (b.country, b.sector)


def _has_clause(token: Token) -> bool:
    return any(
        c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("for", "of", "against"))
        for c in token.children
    )


def _quote_at(quotes: list[Quote], char: int) -> Quote | None:
    for quote in quotes:
        if quote.start <= char < quote.end:
            return quote
    return None


def _cue_chars(quotes: list[Quote]) -> set[int]:
    return {q.cue.start for q in quotes if q.cue is not None}


def _governs(span: SpacySpan, heads: set[int]) -> bool:
    """The timex attaches to one of ``heads`` without leaving its clause."""
    t = span.root
    for _ in range(6):
        if t.i in heads:
            return True
        if t.dep_ in _TIMEX_BOUNDARIES or t.head is t:
            return False
        t = t.head
    return False


def _calendar(timex: Timex) -> bool:
    return bool(timex.value and _CALENDAR.match(timex.value))


def _date_value(timex: Timex) -> str | None:
    """A calendar value ("2021-08-14", "2021-07", "2020"); None for PAST_REF and the like.
    A time of day is dropped ("2021-08-14TAF" -> "2021-08-14"): events are dated by day."""
    return timex.value.split("T")[0] if _calendar(timex) else None


def _trigger_span(cand: Candidate) -> Span:
    token = cand.token
    doc = token.doc
    idx = {token.i}
    extras = set(cand.spec.extras)
    for t in token.subtree:
        if syntax.lemma(t) in extras and abs(t.i - token.i) <= 4:
            idx.add(t.i)
    span = doc[min(idx) : max(idx) + 1]
    return Span(span.start_char, span.end_char, span.text)
