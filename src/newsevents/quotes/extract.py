"""Quote extraction: direct, indirect and mixed quotes with their cue and speaker.

:func:`extract_quotes` reads a parsed Doc and yields :class:`~newsevents.records.Quote`
records; it never changes the Doc. It works in four passes over the Doc:

1. quotation marks are paired into segments (:mod:`.marks`), and each segment is judged a
   quotation or a label (scare quotes, titles, "so-called");
2. every cue (a verb of saying from the lexicon, "according to", a noun of saying with a
   content clause: "her claim that ...") takes its content: a quotation just before it
   ("...," she said), a quotation just after it (she said: "..."), or its clausal
   complement from the parse (she said that ...); the "attribution" scope adds beliefs and
   stances (verbs, nouns and adjectives: "their support for X", "was adamant that ...");
3. overlapping candidates are settled (the longest wins, a cue inside accepted content is
   nested speech and dropped); quotations no cue claimed but set off by a comma from a
   reporting clause ("“...,” Kessler barked") take its verb; quotations that continue an
   accepted quote (the next sentence, the next paragraph) are joined to it; quotations
   after a colon ("Senator Marsh: “...”") or signed with a dash are attributed, and colon
   headlines are read;
4. speakers are resolved in document order (:mod:`.speakers`).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..records import Quote, Span
from .kinds import QuotedText
from .lexicon import Lexicon, load_lexicon
from .marks import Segment, find_segments
from .speakers import SpeakerResolver

log = logging.getLogger(__name__)

_SENTENCE_END = frozenset(".!?")
_CLOSING_MARKS = frozenset({"”", '"', "''", "’", "»"})
_QUOTE_CHARS = frozenset("\"“”„«»‟‘’'`")
#: Dependency labels of the clause a cue governs (its content).
_CLAUSE_DEPS = frozenset({"ccomp"})
_REPORTING_DEPS = frozenset({"ccomp", "parataxis", "advcl", "conj"})
_VERB_POS = frozenset({"VERB", "AUX"})
#: 'PENCE: ...' at the start of a paragraph, possibly after an opening quotation mark.
_TRANSCRIPT = re.compile(
    r"^[ \t]*[\"“]?((?:[A-Z][A-Z.'’-]+)(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+([^\n]+)", re.M
)
#: '” ― Azucena Gonzàlez' — a quotation signed by a dash and a name ending the line.
_SIGNATURE = re.compile(
    r"[ \t\xa0]*([―—–])[ \t\xa0]*([^\n―—–]{2,60}?)[ \t\xa0.]*$", re.M
)
#: Dependency labels of a clause complementing a cue noun ("the claim that ...").
_NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp", "appos", "relcl", "advcl", "attr"})
#: Prepositions whose object is what a stance noun is about ("support for", "attack on").
_STANCE_PREPS = frozenset({"of", "for", "about", "on", "against", "to", "with"})
#: Prepositions whose object is the topic of a verb of saying ("commented on", "spoke about").
_TOPIC_PREPS = frozenset({"about", "on", "of", "against", "over", "to", "for", "with"})
#: Entity types a speaker named right before its verb may have.
_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP"})
#: Most words of a speaker phrase found by punctuation alone: between a quotation and a
#: verb outside the lexicon ("“...,” the former governor barked"), or before a colon
#: ("Senator Alan Marsh: “...”").
_MAX_SUBJECT_WORDS = 6
#: ... and with an apposition set off by commas ("“...,” Dana Whitfield, director of the
#: Harbour Trust, tells").
_MAX_APPOSITION_WORDS = 14
#: Parts of speech of a speaker's noun phrase and its apposition.
_NAME_PHRASE_POS = frozenset(
    {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "ADP", "PART", "CCONJ"}
)
#: Children of a cue that stand between it and its content without being content.
_GAP_SKIP_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dative", "iobj", "prt", "prep", "advmod", "npadvmod", "aux", "auxpass",
     "neg", "punct", "mark", "agent"}
)
_REPORTING_CHILD_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "dative", "iobj", "prt", "prep", "advmod", "npadvmod",
     "aux", "auxpass", "neg", "punct"}
)


# Verbs that open a "Said X:" line, by word form: capitalised there, the small model often
# tags them proper nouns and leaves the form as its own lemma.
_LINE_OPENING_VERBS = {"said": "say", "says": "say", "added": "add", "asked": "ask", "wrote": "write"}


@dataclass(frozen=True, slots=True)
class QuoteOptions:
    """Tunables of the extractor; defaults mirror the [quotes] section of config.toml."""

    min_quote_words: int = 4
    max_cue_gap: int = 20
    include_cognition: bool = False
    scope: str = "speech"
    resolve_window: int = 4
    forward_window: int = 1
    headline_quotes: bool = True
    headline_max_words: int = 30
    lexicon: str = ""


@dataclass(slots=True)
class _Candidate:
    start: int  # content, characters
    end: int
    cue: Token  # the head of the cue
    cue_start: int
    cue_end: int
    subject: Token | None  # the token heading the speaker phrase, before resolution
    sentence: int
    rank: int = 0  # higher wins ties: quotation-based content beats parse-based
    segments: list[int] = field(default_factory=list)
    # Content made of quotations only ("“A,” he said, “B.”") is direct even though its
    # extent spans the cue clause between them.
    direct: bool = False
    # A speaker given as a phrase rather than a subject token ("― Azucena Gonzàlez").
    speaker_tokens: tuple[int, int] | None = None


class _DocIndex:
    """Per-Doc lookups built once: segments by token, sentence ids, entities by token."""

    def __init__(self, doc: Doc, lex: Lexicon, opts: QuoteOptions) -> None:
        self.doc = doc
        self.text = doc.text
        self.segments: list[Segment] = find_segments(self.text)
        self.quoted = QuotedText(self.segments, self.text)
        n = len(doc)
        self.seg_of = [-1] * n  # token -> segment whose extent (marks included) holds it
        self.seg_tokens: list[tuple[int, int]] = []
        for k, seg in enumerate(self.segments):
            span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
            lo, hi = (span.start, span.end) if span is not None else (0, 0)
            self.seg_tokens.append((lo, hi))
            for i in range(lo, hi):
                self.seg_of[i] = k
        # Sentences as the parser gives them, but also cut at every line break: the small
        # English models often run a sentence on across a paragraph break.
        self.sent_of = [0] * n
        self.sent_bounds: list[tuple[int, int]] = []
        starts = {sent.start for sent in doc.sents} if doc.has_annotation("SENT_START") else {0}
        for tok in doc:
            if not tok.i or tok.is_space:
                continue
            prev = doc[tok.i - 1]
            if "\n" in prev.text_with_ws:
                starts.add(tok.i)
            elif prev.text in _SENTENCE_END and prev.whitespace_ and self.seg_of[tok.i] >= 0:
                starts.add(tok.i)  # '... comrades. “We are five,” Nega said'
            elif (
                prev.text in _CLOSING_MARKS
                and tok.i > 1
                and doc[tok.i - 2].text in _SENTENCE_END
                and tok.text[:1].isupper()
                and self.seg_of[tok.i] < 0
            ):
                starts.add(tok.i)  # '“... right now.” No photographers were invited.'

        bounds = sorted(starts | {n})
        for s, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
            self.sent_bounds.append((lo, hi))
            for i in range(lo, hi):
                self.sent_of[i] = s
        self.quotable = [self._quotable(k, lex, opts) for k in range(len(self.segments))]

    def _quotable(self, k: int, lex: Lexicon, opts: QuoteOptions) -> int:
        """2: a quotation; 1: a short quotation that needs a cue right after it
        ("“Disaster,” he said"); 0: a label, a title or scare quotes."""
        seg = self.segments[k]
        lo, hi = self.seg_tokens[k]
        if hi <= lo:
            return 0
        inner = self.text[seg.inner_start : seg.inner_end].strip()
        words = [t for t in self.doc[lo:hi] if t.is_alpha or t.like_num]
        before = [t.lower_ for t in self.doc[max(0, lo - 2) : lo]]
        if before and (before[-1] in lex.label_words or "so-called" in before):
            return 0
        last = inner[-1:] if inner else ""
        prev = self.doc[lo - 1] if lo > 0 else None
        if (
            prev is not None
            and len(words) < opts.min_quote_words
            and (prev.pos_ in ("ADP", "DET") or prev.tag_ == "POS" or prev.dep_ == "poss")
        ):
            return 0  # on “New Day,” / a “sociopath,” / Iowa’s “silver standard”
        capitals = [w for w in words if len(w.text) > 3]
        title_case = (
            len(words) >= 2 and capitals and all(w.text[:1].isupper() for w in capitals)
        )
        if title_case and last not in _SENTENCE_END | {","}:
            return 0  # Title Case without closing punctuation: a title or a name
        if (
            title_case
            and last not in _SENTENCE_END
            and prev is not None
            and (prev.pos_ in ("ADP", "DET") or prev.tag_ == "POS" or prev.dep_ == "poss")
        ):
            return 0  # 'author of “The Quiet Harbour,”', 'on the network's “Week in Review,”'
        if len(words) >= opts.min_quote_words:
            return 2
        if words and inner[:1].isupper() and last in _SENTENCE_END | {","}:
            return 2
        if words and last in {",", "!", "?"}:
            return 1
        return 0

    def sentence_of_char(self, pos: int) -> int:
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return self.sent_of[span.start] if span is not None and len(span) else 0


def extract_quotes(
    doc: Doc,
    *,
    options: QuoteOptions | None = None,
    lexicon: Lexicon | None = None,
) -> Iterator[Quote]:
    """Yield the quotes of a parsed ``doc`` in text order.

    In: a Doc run through a tagger, lemmatizer and dependency parser (spaCy's English
    pipelines); entities and ``doc._.mentions`` are used when present. Out: Quote records
    whose ``start``/``end``/``text`` are the content (quotation marks included for direct
    quotes), ``cue`` the verb or phrase introducing it and ``speaker`` the resolved speaker.
    Raises nothing on malformed punctuation; an unparsed Doc yields only colon headlines.
    """
    opts = options or QuoteOptions()
    lex = lexicon or load_lexicon(opts.lexicon or None)
    if not len(doc):
        return
    index = _DocIndex(doc, lex, opts)
    finder = _CueFinder(index, lex, opts)
    candidates = finder.candidates() if doc.has_annotation("DEP") else []
    candidates.extend(finder.transcript_candidates())
    accepted = _settle(candidates)
    # A quotation with a reporting clause of its own ("“...,” the senator responded") is not
    # a continuation of the quote before it: find those before joining continuations.
    accepted.extend(finder.orphan_candidates(accepted, clause_only=True))
    _join_continuations(index, accepted, finder.reporting)
    accepted.extend(finder.orphan_candidates(accepted))
    resolver = SpeakerResolver(index, lex, opts)
    quotes: list[tuple[int, Quote]] = []
    for cand in sorted(accepted, key=lambda c: c.start):
        if cand.speaker_tokens is not None:
            speaker = resolver.phrase(*cand.speaker_tokens)
        else:
            speaker = resolver.resolve(_speaker_token(index, cand), cand.sentence, cand.cue)
        text = index.text[cand.start : cand.end]
        quote = Quote(
            start=cand.start,
            end=cand.end,
            text=text,
            kind="direct" if cand.direct else index.quoted.kind(index.text, cand.start, cand.end),
            cue=Span(cand.cue_start, cand.cue_end, index.text[cand.cue_start : cand.cue_end]),
            speaker=speaker,
        )
        quotes.append((cand.sentence, quote))
    if opts.headline_quotes:
        quotes.extend(_headline_quotes(index, resolver, opts, [q for _, q in quotes]))
    resolver.resolve_forward(quotes)
    for _, quote in sorted(quotes, key=lambda sq: sq[1].start):
        yield quote


class _CueFinder:
    """Finds cue words and the content each one introduces."""

    def __init__(self, index: _DocIndex, lex: Lexicon, opts: QuoteOptions) -> None:
        self.ix = index
        self.lex = lex
        self.opts = opts
        strings = index.doc.vocab.strings
        broad = opts.scope == "attribution"
        # Verbs learned from PolNeAR's training split cue stances as often as speech
        # ("portrayed X as", "reminded voters that", "hoping to"): in the broad scope they
        # take a clause, an infinitive or an object, whichever they have.
        learned = lex.learned_verbs if broad else frozenset()
        lemmas = lex.cue_lemmas(include_cognition=opts.include_cognition) | learned
        # In the speech scope a learned verb is a cue only with a clause it reports
        # ("signaled that ...", "reminded voters that ..."), never with a bare object.
        clause_only = lex.learned_verbs - lemmas
        self.clause_only = frozenset(strings.add(w) for w in clause_only)
        self.speech = frozenset(strings.add(w) for w in lemmas)
        self.control = frozenset(strings.add(w) for w in lex.control_verbs | learned)
        self.particles = {strings.add(k): v for k, v in lex.particle_cues.items()}
        self.speech_only = frozenset(strings.add(w) for w in lex.speech_verbs)
        objects = lex.object_verbs | lex.speech_object_verbs if broad else lex.speech_object_verbs
        self.objects = frozenset(strings.add(w) for w in objects | learned)
        # In the speech scope a stance verb is a cue only when its object quotes words
        # ('criticized the law as a “crazy system”'): the quotation makes it reported speech.
        quoting = (lex.object_verbs | lex.learned_verbs) - objects
        self.quoting_objects = frozenset(strings.add(w) for w in quoting)
        # Any verb that may report something, whatever the scope: a quotation after one of
        # them ("..., said Beck, who added that “...”") is that verb's, not the first cue's.
        reporting = lex.speech_verbs | lex.evidence_verbs | lex.cognition_verbs | lex.learned_verbs
        self.reporting = frozenset(strings.add(w) for w in reporting)
        # Cue nouns: nouns of saying take a content clause in every scope ("her claim that
        # ..."); beliefs and stances ("his view that ...", "their support for X") only in
        # the broad one, where a noun with a preposition also counts.
        stance = lex.stance_nouns | lex.learned_nouns if broad else frozenset()
        self.clause_nouns = frozenset(strings.add(w) for w in lex.speech_nouns | stance)
        with_object = stance | lex.speech_nouns if broad else frozenset()
        self.pp_nouns = frozenset(strings.add(w) for w in with_object)
        self.noun_verbs = frozenset(strings.add(w) for w in lex.noun_cue_verbs)
        self.broad = broad
        self.stance_adjectives = frozenset(
            strings.add(w) for w in (lex.stance_adjectives if broad else frozenset())
        )
        self.addressees = frozenset(strings.add(w) for w in lex.addressee_nouns)
        self.cognition = frozenset(strings.add(w) for w in lex.cognition_verbs)
        self.inscriptions = lex.inscription_nouns
        self.chants = frozenset(strings.add(w) for w in lex.chant_nouns)

    def candidates(self) -> list[_Candidate]:
        out = []
        doc, ix = self.ix.doc, self.ix
        for tok in doc:
            k = ix.seg_of[tok.i]
            if k >= 0 and ix.quotable[k] == 2:
                continue  # speech reported inside a quotation is not the article's
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                cand = self._according(tok)
            elif tok.pos_ in _VERB_POS:
                cand = self._verb(tok)
            elif tok.pos_ == "NOUN" and (
                tok.lemma in self.clause_nouns or tok.lemma in self.pp_nouns
            ):
                cand = self._noun(tok)
            elif tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lemma in self.stance_adjectives:
                cand = self._adjective(tok)
            elif tok.pos_ == "NOUN" and tok.lemma in self.chants:
                cand = self._chant(tok)
            else:
                cand = None
            if cand is not None:
                out.append(cand)
        return out

    def transcript_candidates(self) -> list[_Candidate]:
        """Transcript paragraphs: 'PENCE: Well, the question ...' (a speaker in capitals,
        a colon, the words spoken); an opening quotation mark may precede the name."""
        ix, doc = self.ix, self.ix.doc
        out = []
        for m in _TRANSCRIPT.finditer(ix.text):
            name_span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            body = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
            colon = doc.char_span(m.end(1), m.end(1) + 1, alignment_mode="expand")
            if name_span is None or body is None or colon is None or not len(body):
                continue
            lo, hi = _trim(doc, body.start, body.end)
            if hi - lo < 2:
                continue
            start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
            out.append(
                _Candidate(
                    start, end, colon[0], colon[0].idx, colon[0].idx + 1, None,
                    ix.sent_of[colon[0].i], rank=2, direct=True,
                    speaker_tokens=(name_span.start, name_span.end),
                )
            )
        return out

    def orphan_candidates(
        self, accepted: list[_Candidate], *, clause_only: bool = False
    ) -> list[_Candidate]:
        """Quotations no cue claimed, attributed by punctuation: introduced by a colon
        ("Sanders made the following comment:\n\n“...”", "Marsh: “...”") or signed with
        a dash at the end of the line (“...” ― Azucena Gonzàlez), or set off by a comma
        from a reporting clause whose verb is outside the lexicon ("“...,” Kessler barked",
        "He answered, “...”"); ``clause_only``: by a reporting clause only."""
        ix = self.ix
        out: list[_Candidate] = []
        k = 0
        while k < len(ix.segments):
            last = _last_in_chain(ix, k)
            first_seg, last_seg = ix.segments[k], ix.segments[last]
            claimed = any(
                c.start < last_seg.end and first_seg.start < c.end for c in accepted + out
            )
            if claimed or ix.quotable[k] != 2:
                k = last + 1
                continue
            if clause_only:
                cand = self._verb_after(k, last) or self._verb_before(k, last)
            else:
                cand = self._signed(k, last) or self._after_colon(k, last)
            if cand is not None:
                out.append(cand)
            k = last + 1
        return out

    def _named_before_colon(
        self, k: int, last: int, colon: Token, at: int
    ) -> _Candidate | None:
        """'Marsh: “...”' / 'From the senator’s statement: “...”': a short lead-in with no
        verb that names a person, a group or a document, then a colon, then a quotation
        opening a sentence — the lead-in is the speaker."""
        ix, doc, text = self.ix, self.ix.doc, self.ix.text
        seg = ix.segments[k]
        inner = text[seg.inner_start : seg.inner_end].lstrip(" \"“‘'[(…")
        if not inner[:1].isupper():
            return None
        s_lo = ix.sent_bounds[ix.sent_of[colon.i]][0]
        lo, hi = _trim(doc, s_lo, colon.i)
        words = [t for t in doc[lo:hi] if not t.is_punct]
        if words and words[0].lower_ == "from":
            words = words[1:]  # "From the report:" names the source
        while words and words[0].pos_ in ("PART", "ADV", "CCONJ", "INTJ"):
            words = words[1:]  # "Here’s Marsh:" / "And Okoro:"
        cue_start, cue_end = at, at + 1
        opener = _LINE_OPENING_VERBS.get(words[0].lower_) if words else None
        if len(words) > 1 and (
            words[0].lemma in self.speech or (opener and doc.vocab.strings[opener] in self.speech)
        ):
            # "Said Marlowe: “...”" (parsed as a name compound): the verb is the cue.
            cue_start, cue_end = words[0].idx, words[0].idx + len(words[0].text)
            words = words[1:]
        if words:
            lo = words[0].i
        if not 0 < len(words) <= _MAX_SUBJECT_WORDS or any(
            t.pos_ in _VERB_POS or ix.seg_of[t.i] >= 0 for t in words
        ):
            return None
        if not any(t.pos_ == "PROPN" or t.ent_type_ in _SPEAKER_ENTS for t in words) and not (
            self.lex.channel_nouns & {t.lemma_.lower() for t in words}
        ):
            return None
        return _Candidate(
            seg.start, ix.segments[last].end, colon, cue_start, cue_end, None,
            ix.sent_of[colon.i], rank=1, direct=True, speaker_tokens=(lo, hi),
        )

    def _verb_after(self, k: int, last: int) -> _Candidate | None:
        """'“...,” Kessler barked' / '“...?” asked a woman in the crowd': a quotation
        closed by a comma, "?" or "!" and followed at once by a subject and its verb (or
        the verb and then its subject) is that verb's, whatever the verb — the comma
        inside the marks says the sentence goes on to its reporting clause. When the parse
        gives the verb no subject ("“...,” Okoro, 61, told reporters"), a noun phrase standing
        alone between the quotation and the verb is taken as one."""
        ix, doc, text = self.ix, self.ix.doc, self.ix.text
        seg = ix.segments[last]
        closing = text[seg.inner_start : seg.inner_end].rstrip()[-1:]
        if closing not in (",", "?", "!"):
            return None
        lo, hi = ix.seg_tokens[k][0], ix.seg_tokens[last][1]
        words = [t for t in doc[lo:hi] if t.is_alpha]
        if len(words) < self.opts.min_quote_words and all(t.text[:1].isupper() for t in words):
            return None  # '“Silent Harbour,” stars ...': a title
        verb = None
        for i in range(hi, min(hi + _MAX_APPOSITION_WORDS + 1, len(doc))):
            tok = doc[i]
            if "\n" in tok.text or tok.text in _SENTENCE_END or ix.seg_of[i] >= 0:
                return None
            if tok.pos_ == "VERB":
                verb = tok
                break
        if verb is None or verb.dep_ in ("acl", "relcl", "amod") or (
            verb.tag_ == "VBG" and not any(c.dep_ == "aux" for c in verb.children)
        ):
            # '“...,” the number needed ...', '“Hard Times,” the novel that made him
            # famous, ...': a participle or a relative clause, not a reporting clause.
            return None
        between = [t for t in doc[hi : verb.i] if not t.is_punct]
        subject = _subject(verb)
        if subject is not None and hi <= subject.i <= verb.i + 4:
            # Every word between the quotation and the verb is the subject's.
            if any(t.i not in _subtree_ids(subject) for t in between):
                return None
        elif not between:
            subject = _inverted_subject(verb)
            if subject is None or subject.i > verb.i + 4 or subject.pos_ != "PROPN":
                return None  # '“Harbourcare,” links the plan to ...': not a speaker
        else:
            # The parse missed the subject ('“...,” Okoro, 61, told reporters', the name taken
            # into the quotation's clause): a noun phrase, perhaps with an apposition,
            # standing alone between the quotation and the verb.
            if between[0].pos_ not in ("PROPN", "PRON", "DET") or any(
                t.pos_ not in _NAME_PHRASE_POS for t in between
            ):
                return None
            subject = next((t for t in between if t.pos_ in ("PROPN", "PRON")), between[0])
        if len(between) > _MAX_SUBJECT_WORDS and not any(t.text == "," for t in doc[hi : verb.i]):
            return None  # only an apposition set off by commas makes the subject long
        if subject.pos_ not in ("PROPN", "PRON", "NOUN") or subject.tag_ in ("WDT", "WP"):
            return None  # '“No more cuts!” that rang through the hall': not a speaker
        if verb.lemma in self.cognition or any(
            c.dep_ in ("acomp", "attr", "xcomp", "oprd") for c in verb.children
        ):
            return None  # '“...,” you know, ...' / '“...,” the senator seems to ...'
        return self._candidate_from_segments(verb, self._chain_back(last), None, subject)

    def _verb_before(self, k: int, last: int) -> _Candidate | None:
        """'The mayor cracked, “...”' / 'He answered, “...”': a verb with its subject,
        then a comma, then a quotation that opens a sentence is that verb's, whatever the
        verb — a verb set off from a capitalised quotation by a comma introduces it."""
        ix, doc, text = self.ix, self.ix.doc, self.ix.text
        seg = ix.segments[k]
        inner = text[seg.inner_start : seg.inner_end].lstrip(" \"“‘'[(…")
        if not inner[:1].isupper():
            return None
        lo = ix.seg_tokens[k][0]
        hi = ix.seg_tokens[_last_in_chain(ix, k)][1]
        if sum(1 for t in doc[lo:hi] if t.is_alpha) < self.opts.min_quote_words:
            return None  # 'stars in “Night Train,” and ...': a title, not a quotation
        if lo < 2 or doc[lo - 1].text != ",":
            return None
        tok = doc[lo - 2]
        for _ in range(3):  # "then boomed," / "cut in," / "said quietly,"
            if tok.pos_ == "VERB" or tok.head.i == tok.i or tok.head.i > tok.i:
                break
            if tok.dep_ not in ("prt", "advmod", "npadvmod", "pobj", "prep"):
                break
            tok = tok.head
        verb = tok
        if verb.pos_ != "VERB" or ix.sent_of[verb.i] != ix.sent_of[lo - 1]:
            return None
        if verb.lemma in self.cognition or any(
            c.dep_ in ("acomp", "attr", "xcomp", "oprd", "ccomp") for c in verb.children
        ):
            return None
        if any(c.dep_ == "dobj" and c.i > verb.i for c in verb.children):
            return None  # "He ended the auction, “...”" — not said
        subject = _subject(verb)
        if subject is None or subject.i > verb.i or subject.tag_ in ("WDT", "WP"):
            return None
        if subject.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        if ix.seg_of[verb.i] >= 0 or ix.seg_of[subject.i] >= 0:
            return None
        return self._candidate_from_segments(verb, self._chain_forward(k), None, subject)

    def _signed(self, k: int, last: int) -> _Candidate | None:
        ix, doc, text = self.ix, self.ix.doc, self.ix.text
        seg = ix.segments[last]
        m = _SIGNATURE.match(text, seg.end)
        if m is None:
            return None
        name = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if name is None or not any(t.pos_ == "PROPN" for t in name) or len(name) > 8:
            return None
        dash = m.start(1)
        start = ix.segments[k].start
        dash_tok = doc.char_span(dash, dash + 1, alignment_mode="expand")
        if dash_tok is None:
            return None
        return _Candidate(
            start, seg.end, dash_tok[0], dash, dash + 1, None, ix.sent_of[dash_tok[0].i],
            rank=1, direct=True, speaker_tokens=(name.start, name.end),
        )

    def _after_colon(self, k: int, last: int) -> _Candidate | None:
        ix, doc, text = self.ix, self.ix.doc, self.ix.text
        seg = ix.segments[k]
        before = text[: seg.start].rstrip()
        if not before.endswith(":"):
            return None
        colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        verb = colon[0]
        while verb.pos_ not in _VERB_POS and verb.head.i != verb.i:
            verb = verb.head
        subject = _subject(verb)
        if subject is None and verb.pos_ in _VERB_POS:
            subject = _inverted_subject(verb)  # "Continued Okafor: “...”"
        if verb.pos_ not in _VERB_POS or subject is None or verb.i > colon[0].i:
            return self._named_before_colon(k, last, colon[0], len(before) - 1)
        if ix.sent_of[verb.i] != ix.sent_of[colon[0].i]:
            return None  # the parse ran on into another line
        if ix.seg_of[verb.i] >= 0:
            return None
        end = ix.segments[last].end
        cue_end = verb.idx + len(verb.text)
        return _Candidate(
            seg.start, end, verb, verb.idx, cue_end, subject, ix.sent_of[verb.i],
            rank=1, direct=True,
        )

    # -- cues -------------------------------------------------------------------------

    def _verb(self, verb: Token) -> _Candidate | None:
        lemma = verb.lemma
        particle = None
        if lemma in self.particles:
            allowed = self.particles[lemma]
            particle = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in ("prt", "prep", "dobj") and c.lower_ in allowed
                ),
                None,
            )
        is_speech = lemma in self.speech
        is_control = lemma in self.control
        is_object = lemma in self.objects
        if not (is_speech or is_control or is_object or particle is not None):
            if lemma in self.clause_only:
                cand = self._clause_content(verb)
                if cand is not None:
                    return cand
            if lemma in self.quoting_objects:
                cand = self._object_content(verb, None)
                if cand is not None and self._quotes_words(cand):
                    return cand
            return None
        if particle is not None and particle.dep_ == "prep" and particle.lower_ == "for":
            # "called for the withdrawal of ...": the object of "for" is the demand.
            obj = next((c for c in particle.children if c.dep_ == "pobj"), None)
            if obj is None:
                return None
            return self._make(verb, obj.left_edge.i, obj.right_edge.i + 1, particle, rank=0)
        if is_speech or particle is not None:
            # A belief does not take a quotation next to it: in '“...,” she said, who
            # thinks “...”' the words were said, not thought.
            if lemma not in self.cognition or lemma in self.speech_only:
                found = self._quotation_content(verb, particle)
                if found is not None:
                    return found
            clause = next(
                (c for c in verb.children if c.dep_ in _CLAUSE_DEPS and c.i > verb.i), None
            )
            if clause is not None:
                # "a list which the campaign says includes ...": the relative pronoun before
                # the cue belongs to the clause, but the content starts after the cue.
                lo = max(clause.left_edge.i, verb.i + 1)
                cand = self._make(verb, lo, clause.right_edge.i + 1, particle)
                if (
                    cand is not None
                    and lemma in self.cognition
                    and lemma not in self.speech_only
                    and self.ix.quoted.kind(self.ix.text, cand.start, cand.end) == "direct"
                ):
                    return None  # 'knows that “...”': a belief is not a direct quote
                return cand
        if is_control:
            xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
            infinitive = xcomp is not None and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children
            )
            if infinitive:
                return self._make(verb, xcomp.left_edge.i, xcomp.right_edge.i + 1, particle)
        if is_speech:
            found = self._reporting_clause(verb, particle)
            if found is not None:
                return found
        if is_object:
            found = self._object_content(verb, particle)
            if found is not None or not self.broad:
                return found
        if self.broad and (is_speech or is_object):
            return self._topic_content(verb, particle)
        if is_control and lemma in self.quoting_objects:
            # "call" is also a control verb ("called on X to ..."); without an infinitive
            # it names, and a quoted name is reported speech: 'called the deal “a ...”'.
            cand = self._object_content(verb, particle)
            if cand is not None and self._quotes_words(cand):
                return cand
        return None

    def _topic_content(self, verb: Token, particle: Token | None) -> _Candidate | None:
        """Broad scope only: what a cue verb is about when it reports no clause — its
        object ("proposed a safe zone", not a person told), its infinitive ("wants to
        run"), the object of "about"/"on"/"to" ... ("commented on the reason"), or the
        subject of a passive with an agent or a complement ("the move was first reported
        by the Post", "Clinton is expected to win")."""
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is not None and not self._addressee(obj):
            return self._object_content(verb, particle)
        for child in verb.children:
            if child.dep_ == "xcomp" and child.i > verb.i and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            ):
                return self._make(verb, child.left_edge.i, child.right_edge.i + 1, particle)
            if child.dep_ == "prep" and child.i > verb.i and child.lower_ in _TOPIC_PREPS:
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and not self._addressee(pobj):
                    return self._make(verb, pobj.left_edge.i, pobj.right_edge.i + 1, particle)
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        if passive is not None and any(c.dep_ in ("agent", "xcomp", "oprd") for c in verb.children):
            # "the move was reported by the Post", "Clinton is expected to win"
            return self._make(verb, passive.left_edge.i, passive.right_edge.i + 1, particle)
        return None

    def _quotes_words(self, cand: _Candidate) -> bool:
        """Whether the content holds a quotation of two words or more that is not a title
        or a label ('as a “crazy system”', not 'reading “The Art of the Deal”')."""
        ix = self.ix
        for seg in ix.segments:
            if not (cand.start <= seg.start and seg.end <= cand.end):
                continue
            if ix.quoted.kind(ix.text, seg.inner_start, seg.inner_end) != "direct":
                continue  # a single word: scare quotes
            long_words = [w for w in ix.text[seg.inner_start : seg.inner_end].split() if len(w) > 3]
            if long_words and not all(w[:1].isupper() for w in long_words):
                return True  # not Title Case: words, not a name or a title
        return False

    def _clause_content(self, verb: Token) -> _Candidate | None:
        """The clausal complement after ``verb`` ("signaled that it would ..."), if any."""
        clause = next((c for c in verb.children if c.dep_ in _CLAUSE_DEPS and c.i > verb.i), None)
        if clause is None or clause.left_edge.tag_ in ("WRB", "WP", "WDT"):
            return None  # "appeared on the show, where he ...": a place, not a report
        return self._make(verb, clause.left_edge.i, clause.right_edge.i + 1, None)

    def _object_content(self, verb: Token, particle: Token | None) -> _Candidate | None:
        """'accused [the FDIC of trying to cover up the hacks]': the object of a stance verb
        and what completes it, up to any clause hanging from the verb."""
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i), None)
        if obj is None:
            return None
        hi = obj.right_edge.i + 1
        for child in verb.children:
            if child.i > obj.i and child.dep_ in ("prep", "oprd", "acomp", "xcomp", "dative"):
                hi = max(hi, child.right_edge.i + 1)
        return self._make(verb, obj.left_edge.i, hi, particle)

    def _addressee(self, tok: Token) -> bool:
        """Whether ``tok`` names someone addressed rather than something said ("told
        him", "warned reporters", "asked Clinton")."""
        return (
            tok.pos_ == "PRON"
            or tok.ent_type_ in ("PERSON", "NORP", "ORG")
            or tok.lemma in self.addressees
        )

    def _noun(self, noun: Token) -> _Candidate | None:
        """A cue noun's content: its clause ("his claim that ...", "the question whether
        ...", "Her view is that ...") or, for stances in the broad scope, the object of its
        preposition ("their support for the bill"), which needs a speaker."""
        speaker = self._noun_speaker(noun)
        if noun.lemma in self.clause_nouns:
            clause = _content_clause(noun)
            if clause is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
                clause = _content_clause(noun.head)  # "Her view is that ..."
            # In the speech scope a claim nobody makes ("the claim that vaccines ...") is
            # not a quote: it has no speaker to code.
            if clause is not None and (speaker is not None or self.broad):
                hi = clause.right_edge.i + 1
                return self._make_span(noun, clause.left_edge.i, hi, None, speaker)
        if noun.lemma not in self.pp_nouns or speaker is None:
            return None
        prep = next(
            (
                c for c in noun.children
                if c.dep_ == "prep" and c.lower_ in _STANCE_PREPS and c.i > noun.i
            ),
            None,
        )
        obj = None
        if prep is not None:
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            return None
        return self._make_span(noun, obj.left_edge.i, obj.right_edge.i + 1, None, speaker)

    def _adjective(self, adj: Token) -> _Candidate | None:
        """Broad scope: a stance adjective after "be" and what it is about — a clause
        ("was adamant that ..."), an infinitive ("is eager to ...") or the object of its
        preposition ("is skeptical of the plan"). Needs the copula's subject."""
        subject = _subject(adj.head)
        if subject is None:
            return None
        for child in list(adj.children) + [c for c in adj.head.children if c.i > adj.i]:
            if child.i < adj.i:
                continue
            if child.dep_ in ("ccomp", "xcomp"):
                hi = child.right_edge.i + 1
                return self._make_span(adj, child.left_edge.i, hi, None, subject)
            if child.dep_ == "prep" and child.head.i == adj.i:
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    hi = pobj.right_edge.i + 1
                    return self._make_span(adj, pobj.left_edge.i, hi, None, subject)
        return None

    def _chant(self, noun: Token) -> _Candidate | None:
        """'chants of “Lock her up!”', 'to cries of “Shame!”': the quotation right after
        "of" is what a crowd said, slogan-short or not. The speaker is the noun's possessor
        ("their chants of") or the subject of the verb it hangs from ("the crowd broke
        into chants of")."""
        ix, doc = self.ix, self.ix.doc
        i = noun.i + 2
        if i >= len(doc) or doc[noun.i + 1].lower_ != "of":
            return None
        k = ix.seg_of[i]
        if k < 0 or ix.segments[k].start != doc[i].idx:
            return None  # the quotation must open right after "of"
        seg = ix.segments[k]
        if ix.quoted.kind(ix.text, seg.inner_start, seg.inner_end) != "direct":
            return None  # 'a chorus of “boos”': one word is scare quotes
        speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
        head = noun.head
        for _ in range(3):
            if speaker is not None or head.pos_ in _VERB_POS or head.i == head.head.i:
                break
            head = head.head
        if speaker is None and head.pos_ in _VERB_POS:
            speaker = _subject(head)
            if speaker is not None and speaker.i == noun.i:
                speaker = None  # 'was greeted by chants of ...': the chants are no speaker
        return self._candidate_from_segments(
            noun, self._chain_forward(k), None, speaker, that=True
        )

    def _inscribed(self, verb: Token) -> bool:
        """Whether ``verb`` is "read" said of a thing bearing words ("a sign reading",
        "the shirt that read", "the banner read")."""
        if verb.lemma_ != "read":
            return False
        bearer = _subject(verb)
        return bearer is not None and bearer.lemma_.lower() in self.inscriptions

    def _noun_speaker(self, noun: Token) -> Token | None:
        """Who speaks through a cue noun: its possessor ("Trump's claim", "her view"), a
        "by"/"from" phrase ("a statement from the ministry"), or the subject of a verb that
        delivers it ("issued a warning", "made the claim")."""
        for child in noun.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i > noun.i:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("PROPN", "PRON", "NOUN"):
                    return pobj
        if noun.dep_ == "dobj" and noun.head.lemma in self.noun_verbs:
            return _subject(noun.head)
        return None

    def _according(self, tok: Token) -> _Candidate | None:
        """'according to X, CONTENT' and 'CONTENT, according to X'."""
        to = self.ix.doc[tok.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        head = tok.head if tok.dep_ != "ROOT" else tok
        lo, hi = self.ix.sent_bounds[self.ix.sent_of[tok.i]]
        own_lo, own_hi = tok.i, max(source.right_edge.i, to.i) + 1
        quote = self._adjacent_quotation_before(tok.i, {tok.i, to.i} | _subtree_ids(source))
        if quote is not None:
            cand = self._candidate_from_segments(tok, quote, to, source)
            # 'The plan was “a gift to landlords,” according to the mayor': the words of
            # the sentence before the quotation are part of what the source reported.
            self._widen_leading(cand)
            return cand
        clause_lo = min(head.left_edge.i, lo) if head is not tok else lo
        clause_hi = max(head.right_edge.i + 1, hi) if head is not tok else hi
        if own_lo - clause_lo >= own_hi - own_lo and own_lo > clause_lo:
            start, end = clause_lo, own_lo  # content precedes the cue
        else:
            start, end = own_hi, clause_hi
        cand = self._make_span(tok, start, end, to, source)
        return cand

    def _reporting_clause(self, verb: Token, particle: Token | None) -> _Candidate | None:
        """'CONTENT, he said.' and 'CONTENT, she said, MORE.' — a reporting clause set off
        by a comma after (or inside) the sentence it reports. The parse of such sentences
        is unreliable, so the clause is found by its commas, not its dependency arcs."""
        doc, ix = self.ix.doc, self.ix
        subject = _subject(verb)
        if subject is None or subject.i != verb.i - 1 and subject.head.i != verb.i:
            return None
        if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
            return None
        if any(c.dep_ == "dobj" and c.i > verb.i for c in verb.children) and verb.lemma_ not in (
            "tell",
            "ask",
        ):
            return None
        ids = _reporting_ids(verb)
        lo = hi = verb.i
        while lo - 1 in ids:
            lo -= 1
        while hi + 1 in ids:
            hi += 1
        while lo < verb.i and doc[lo].is_punct:
            lo += 1
        while hi > verb.i and doc[hi].is_punct:
            hi -= 1
        s_lo, s_hi = ix.sent_bounds[ix.sent_of[verb.i]]
        if lo - 1 < s_lo or doc[lo - 1].text != ",":
            return None  # the clause must follow a comma that closes the reported content
        before_lo, before_hi = _trim(doc, s_lo, lo - 1)
        if before_hi <= before_lo:
            return None
        before_has_verb = any(t.pos_ in _VERB_POS for t in doc[before_lo:before_hi])
        after = hi + 1
        if after < s_hi and doc[after].text == ",":
            after_lo, after_hi = _trim(doc, after + 1, s_hi)
        else:
            after_lo = after_hi = after
        if after_hi - after_lo >= 3:
            adverbial = doc[before_lo].pos_ in ("ADP", "ADV", "SCONJ") or all(
                t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in doc[before_lo:before_hi]
            )
            if adverbial and not before_has_verb:
                start, end = after_lo, after_hi  # "In 2008, Trump said, the donation ..."
            else:
                start, end = before_lo, after_hi  # "The industry, she said, is doing ..."
        elif before_has_verb and before_hi - before_lo >= 3:
            start, end = before_lo, before_hi
        else:
            return None
        while start < end and doc[start].pos_ == "CCONJ":
            start += 1  # "But Mrs. Clinton would do well ..., said Axelrod": not the But
        return self._make_span(verb, start, end, particle, subject, allow_inner_cue=True)

    # -- quotations next to a cue ---------------------------------------------------------

    def _quotation_content(self, verb: Token, particle: Token | None) -> _Candidate | None:
        own = _cue_clause_ids(verb)
        # "“...,” he said, adding that ...": the quotation is the head verb's, not the gerund's.
        gerund = verb.dep_ in ("advcl", "conj") and verb.head.lemma in self.speech
        before = None if gerund else self._adjacent_quotation_before(verb.i, own)
        after = self._adjacent_quotation_after(verb, own)
        if before is not None:
            segs = list(before)
            # “A,” he said, “B.” (in “A,” he said, adding, “B.” B is the gerund's).
            if after is not None and self._interrupts(before[-1]):
                resumed = self._adjacent_quotation_after(verb, _reporting_ids(verb))
                if resumed is not None and not self._cue_between(verb, resumed[0]):
                    segs.extend(resumed)
            cand = self._candidate_from_segments(verb, segs, particle)
            self._widen_leading(cand)
            return cand
        relative = verb.dep_ in ("relcl", "acl")
        if after is not None and relative and self._continues_sentence(after[0]):
            # "whoever blames the referee “has not watched the match”": the quotation
            # carries on the main clause, not the relative clause's verb.
            after = None
        if after is not None:
            cand = self._candidate_from_segments(verb, after, particle, that=True)
            if self._inscribed(verb):
                return cand  # 'a sign reading “...” outside the hall': the words are all
            self._widen_gap(cand, verb, particle)
            self._widen_mixed(cand, verb)
            return cand
        return None

    def _cue_between(self, verb: Token, k: int) -> bool:
        """Whether quotation ``k`` belongs to another reporting verb standing between it
        and ``verb`` ("“A,” said Beck, who added that “b ...”": b is the relative clause's;
        in "“A,” said Beck, who noted that X. “B.”" B, a sentence of its own, is Beck's)."""
        ix = self.ix
        lo = ix.seg_tokens[k][0]
        return _governed_by_cue(ix, verb, lo, self.reporting, self._continues_sentence(k))

    def _widen_gap(self, cand: _Candidate, verb: Token, particle: Token | None) -> None:
        """'accused Clinton of “lying to voters”', 'said Machado was “disgusting”': a
        quotation that carries on a sentence begun after the cue makes the words between
        them part of the reported content (a mixed quote). Channel and time phrases ("told
        reporters on Monday") and "that" stay outside, as with any reported clause —
        except that a "that" clause before the quotation is the content from "that" on."""
        ix, doc = self.ix, self.ix.doc
        first = cand.segments[0]
        lo = ix.seg_tokens[first][0]
        last = particle.i if particle is not None and particle.i > verb.i else verb.i
        # 'said in a statement that Trump's “rhetoric ...”': words after the complementiser
        # open the reported clause, whatever the parse hung them from (it often makes the
        # clause a relative of the channel noun); the quotation is only its end.
        # The last complementiser counts ('... frustration that “this is ...”': the words
        # before it are not the quotation's), and none when another verb of saying stands
        # between it and the quotation ('that it was a bomb, Clinton said, “...”').
        that = next(
            (t for t in reversed(doc[last + 1 : lo]) if t.lower_ == "that" and t.dep_ == "mark"),
            None,
        )
        gap = [] if that is None else [
            t for t in doc[that.i + 1 : lo] if not (t.is_punct or t.is_space)
        ]
        if that is not None and not any(
            t.lemma in self.speech and t.pos_ in _VERB_POS for t in gap
        ):
            if gap and doc.text[that.idx : cand.start].count("\n") == 0:
                cand.start = min(cand.start, that.idx)
                cand.direct = False
            return
        if not self._continues_sentence(first):
            return
        skip: set[int] = set()
        for child in verb.children:
            if child.dep_ in _GAP_SKIP_DEPS or (
                child.dep_ == "dobj" and verb.lemma_ in ("tell", "ask")
            ):
                skip |= _subtree_ids(child)
        gap = [
            t for t in doc[last + 1 : lo]
            if not (t.is_punct or t.is_space or t.i in skip or t.lower_ == "that")
        ]
        if gap and doc.text[gap[0].idx : cand.start].count("\n") == 0:
            cand.start = min(cand.start, gap[0].idx)
            cand.direct = False

    def _widen_leading(self, cand: _Candidate) -> None:
        """'Gore tried ... and in doing so he "made a strategic mistake," Lichtman said':
        words of the same sentence before the quotation belong to the reported content."""
        ix, doc = self.ix, self.ix.doc
        first = ix.seg_tokens[cand.segments[0]][0]
        s_lo = ix.sent_bounds[ix.sent_of[first]][0]
        lo, hi = _trim(doc, s_lo, first)
        lead = doc[lo:hi]
        if not len(lead) or "\n" in lead.text or lead[-1].text == ":":
            return
        if not self._continues_sentence(cand.segments[0]):
            return  # '(“I want my dues back,” wrote ...': a quotation standing alone
        if any(t.text in _SENTENCE_END or ix.seg_of[t.i] >= 0 for t in lead):
            return
        while lo < hi and doc[lo].pos_ == "CCONJ":
            lo += 1
        if lo < hi:
            cand.start = doc[lo].idx
            cand.direct = False

    def _continues_sentence(self, k: int) -> bool:
        """Whether quotation ``k`` opens in lower case, carrying on a sentence begun
        outside it ('he "made a strategic mistake"') rather than standing alone."""
        seg = self.ix.segments[k]
        inner = self.ix.text[seg.inner_start : seg.inner_end].lstrip(" \"“‘'[(.…")
        return inner[:1].islower()

    def _widen_mixed(self, cand: _Candidate, verb: Token) -> None:
        """Speaker-first quotations that are only part of the reported sentence make it a
        mixed quote: 'A price freeze, she said, “would help every family ...”' and
        'she said "I stood up against the banks" for reckless transactions'."""
        ix, doc = self.ix, self.ix.doc
        s_lo, s_hi = ix.sent_bounds[ix.sent_of[verb.i]]
        clause = _reporting_ids(verb)
        lo = min(i for i in clause if not doc[i].is_punct)
        if lo - 1 > s_lo and doc[lo - 1].text == "," and self._continues_sentence(cand.segments[0]):
            start, end = _trim(doc, s_lo, lo - 1)
            while start < end and doc[start].pos_ == "CCONJ":
                start += 1
            lead = doc[start:end]
            # A noun phrase ("The plan, she said, “will ...”") or an opening clause
            # ("When the rule takes effect, he added, “it will ...”"): PolNeAR counts either
            # as part of what was reported; not when the lead holds a quotation of its own.
            if len(lead) and not any(ix.seg_of[t.i] >= 0 or "\n" in t.text for t in lead):
                cand.start = min(cand.start, doc[start].idx)
                cand.direct = False
        last = ix.seg_tokens[cand.segments[-1]][1]
        seg = ix.segments[cand.segments[-1]]
        inner = ix.text[seg.inner_start : seg.inner_end].rstrip()
        if inner.endswith(tuple(_SENTENCE_END)) or last >= s_hi:
            return
        tail_lo, tail_hi = _trim(doc, last, s_hi)
        tail = doc[tail_lo:tail_hi]
        if inner.endswith(",") and not any(ix.seg_of[t.i] >= 0 for t in tail):
            # '“...,” and shared a link', '“...,” referring to ...': a comma inside the
            # marks closes the quoted words, and the clause after them is the writer's —
            # unless it quotes more ('“A,” and “B.”', '“A,” Obama “b ...”').
            return
        if len(tail) and doc[last].text != ",":
            if not any(t.lemma in self.speech and t.pos_ in _VERB_POS for t in tail):
                cand.end = max(cand.end, tail[-1].idx + len(tail[-1].text))
                cand.direct = False

    def _interrupts(self, k: int) -> bool:
        """A quotation ending in a comma is continued after its cue: “A,” he said, “B.”"""
        seg = self.ix.segments[k]
        inner = self.ix.text[seg.inner_start : seg.inner_end].rstrip()
        return inner.endswith((",", "—", "–", "-")) or not inner.endswith(tuple(_SENTENCE_END))

    def _adjacent_quotation_before(self, cue_i: int, own: set[int]) -> list[int] | None:
        """Segment chain ending just before the cue clause ("...,” she said)."""
        ix, doc = self.ix, self.ix.doc
        i = cue_i - 1
        gap = 0
        # Walk back over the cue clause; scare quotes inside it (a nickname) are part of it.
        while i >= 0 and (ix.seg_of[i] < 0 or (ix.quotable[ix.seg_of[i]] == 0 and i in own)):
            tok = doc[i]
            if "\n" in tok.text:
                return None
            if not tok.is_punct:
                if i not in own:
                    return None
                gap += 1
            elif tok.text in _SENTENCE_END or tok.text == ";":
                return None
            if gap > self.opts.max_cue_gap:
                return None
            i -= 1
        if i < 0:
            return None
        k = ix.seg_of[i]
        if ix.quotable[k] == 0:
            return None
        seg = ix.segments[k]
        inner = ix.text[seg.inner_start : seg.inner_end].rstrip()
        if inner.endswith(".") and gap > 0 and doc[cue_i].i > 0:
            # “We will win.” He said ... : the period ended the quotation's sentence.
            nxt = doc[ix.seg_tokens[k][1]] if ix.seg_tokens[k][1] < len(doc) else None
            if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ != "PROPN":
                return None
        return self._chain_back(k)

    def _adjacent_quotation_after(self, verb: Token, own: set[int]) -> list[int] | None:
        """Segment chain starting just after the cue clause (she said: "...")."""
        ix, doc = self.ix, self.ix.doc
        i = verb.i + 1
        gap = 0
        while i < len(doc) and ix.seg_of[i] < 0:
            tok = doc[i]
            if not tok.is_punct and not tok.is_space:
                if i not in own:
                    return None
                gap += 1
            elif tok.text in _SENTENCE_END or tok.text == ";":
                return None
            if gap > self.opts.max_cue_gap:
                return None
            i += 1
        if i >= len(doc):
            return None
        k = ix.seg_of[i]
        if ix.quotable[k] == 2:
            return self._chain_forward(k)
        # An inscription is quoted even when short or in Title Case ('a hat reading “Vote
        # Okafor”'), on its own: what follows it is not its continuation.
        seg = ix.segments[k]
        if (
            gap == 0
            and self._inscribed(verb)
            and ix.quoted.kind(ix.text, seg.inner_start, seg.inner_end) == "direct"
        ):
            return [k]
        return None

    def _chain_back(self, k: int) -> list[int]:
        segs = [k]
        while segs[0] > 0 and self.ix.segments[segs[0] - 1].continues:
            segs.insert(0, segs[0] - 1)
        return segs

    def _chain_forward(self, k: int) -> list[int]:
        segs = [k]
        while self.ix.segments[segs[-1]].continues and segs[-1] + 1 < len(self.ix.segments):
            segs.append(segs[-1] + 1)
        return segs

    # -- building candidates ------------------------------------------------------------

    def _candidate_from_segments(
        self,
        cue: Token,
        segs: list[int],
        particle: Token | None,
        source: Token | None = None,
        *,
        that: bool = False,
    ) -> _Candidate:
        ix = self.ix
        start = ix.segments[segs[0]].start
        end = ix.segments[segs[-1]].end
        if that:
            lo = ix.seg_tokens[segs[0]][0]
            prev = ix.doc[lo - 1] if lo > 0 else None
            if prev is not None and prev.lower_ == "that" and prev.head.i != cue.i:
                start = prev.idx
        cue_start, cue_end = self._cue_extent(cue, particle)
        subject = source if source is not None else _subject(cue)
        if subject is None and not that:
            subject = _inverted_subject(cue)
        return _Candidate(
            start,
            end,
            cue,
            cue_start,
            cue_end,
            subject,
            ix.sent_of[cue.i],
            rank=1,
            segments=segs,
            direct=True,
        )

    def _make(
        self, verb: Token, lo: int, hi: int, particle: Token | None, *, rank: int = 0
    ) -> _Candidate | None:
        return self._make_span(verb, lo, hi, particle, _subject(verb), rank=rank)

    def _make_span(
        self,
        cue: Token,
        lo: int,
        hi: int,
        particle: Token | None,
        subject: Token | None,
        *,
        rank: int = 0,
        allow_inner_cue: bool = False,
    ) -> _Candidate | None:
        """A candidate over tokens [lo, hi), trimmed of edge punctuation and widened to
        whole quotations where it cuts one."""
        ix, doc = self.ix, self.ix.doc
        # Parsed content stays in the cue's sentence: a parse run on past a full stop or a
        # line break would swallow the next quotation ("..., who has been challenging the
        # industry for years. “I don't know ...”").
        s_lo, s_hi = ix.sent_bounds[ix.sent_of[cue.i]]
        lo, hi = _trim(doc, max(lo, s_lo), min(hi, s_hi))
        if hi <= lo:
            return None
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        for i in (lo, hi - 1):
            k = ix.seg_of[i]
            if k >= 0 and ix.quotable[k]:
                seg = ix.segments[k]
                start, end = min(start, seg.start), max(end, seg.end)
        if cue.idx >= start and cue.idx < end and not allow_inner_cue:
            return None  # the content would swallow its own cue
        cue_start, cue_end = self._cue_extent(cue, particle)
        return _Candidate(start, end, cue, cue_start, cue_end, subject, ix.sent_of[cue.i], rank)

    def _cue_extent(self, cue: Token, particle: Token | None) -> tuple[int, int]:
        """Characters of the cue: the verb, its particle when adjacent ("pointed out"), a
        channel phrase right after it ("said in a statement"), or "according to"."""
        doc = self.ix.doc
        last = cue
        if cue.lower_ == "according" and cue.i + 1 < len(doc):
            last = doc[cue.i + 1]
        elif particle is not None and particle.i == cue.i + 1:
            last = particle
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is not None and nxt.dep_ == "prep" and nxt.head.i == cue.i:
            obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in self.lex.channel_nouns:
                last = obj
        return cue.idx, last.idx + len(last.text)


def _content_clause(head: Token) -> Token | None:
    """The clause after ``head`` opened by "that"/"whether" ("the claim that ...",
    "is that ..."), not a relative clause ("the claim that he made")."""
    for child in head.children:
        if child.i <= head.i or child.dep_ not in _NOUN_CLAUSE_DEPS:
            continue
        first = child.left_edge
        if first.lower_ not in ("that", "whether") or first.head.i != child.i:
            continue
        if first.dep_ == "mark":
            return child
        # "that" parsed as a relative pronoun although the clause has its own subject or
        # object in that role ("the denial that it had paid bribes"): a complementiser.
        if any(c.dep_ == first.dep_ and c.i != first.i for c in child.children):
            return child
    return None


def _subtree_ids(tok: Token) -> set[int]:
    return set(range(tok.left_edge.i, tok.right_edge.i + 1))


def _cue_clause_ids(verb: Token) -> set[int]:
    """Tokens of the cue's own clause: the verb, its subject, objects, adverbs and
    prepositional phrases — not a clausal complement (that is content)."""
    ids = {verb.i}
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp", "conj", "cc", "parataxis"):
            continue
        ids |= _subtree_ids(c)
    head = verb
    # "..., he said, adding": the gerund's own subject is its head's.
    while head.dep_ in ("advcl", "conj", "xcomp") and head.head.i != head.i:
        head = head.head
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            ids |= _subtree_ids(subj) | {head.i}
            break
    return ids


def _reporting_ids(verb: Token) -> set[int]:
    """The reporting clause proper — verb, subject, objects, adverbs, channel phrases
    ("she told reporters on Monday") — without any clause hanging from it."""
    ids = {verb.i}
    for c in verb.children:
        if c.dep_ in _REPORTING_CHILD_DEPS:
            ids |= _subtree_ids(c)
    subj = _subject(verb)
    if subj is not None:
        ids |= _subtree_ids(subj) | {subj.head.i}
    return ids


def _subject(verb: Token) -> Token | None:
    """The token heading the speaker of a cue verb: its subject, the agent of a passive
    ("was asked by the interviewer"), the subject of the verb it hangs from for gerunds
    and coordinations ("he said, adding ...", "rallied thousands by promising ..."), or the
    noun it describes ("a puppet saying ...", "a senator who said ...")."""
    tok = verb
    for _ in range(4):
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        # The subject nearest the verb: a parse run on across a line break can give a verb
        # a second, stray subject from the line before ("12:15 p.m. // Trump says").
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        subj = min(subjects, key=lambda c: abs(c.i - tok.i), default=None)
        if subj is not None:
            if subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                return tok.head
            return subj
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            tok = tok.head.head
            continue
        if tok.dep_ not in ("advcl", "conj", "xcomp", "acomp") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _speaker_token(index: _DocIndex, cand: _Candidate) -> Token | None:
    """The candidate's subject when it can be the speaker: not a word of a quotation (a
    misparse of '“My apologies,” Quick said') nor of another sentence (a parse run on
    across a line break); else the speaker after the verb, if any."""

    def usable(tok: Token | None) -> bool:
        if tok is None or index.sent_of[tok.i] != index.sent_of[cand.cue.i]:
            return False
        k = index.seg_of[tok.i]
        return k < 0 or index.quotable[k] != 2

    if usable(cand.subject):
        return cand.subject
    if cand.cue.lower_ == "according":
        return None
    inverted = _inverted_subject(cand.cue)
    if usable(inverted):
        return inverted
    # No subject in the parse ("..., former president Bill Clinton said his wife ..."
    # parsed as an apposition): a name standing right before the verb is its speaker.
    i = cand.cue.i - 1
    if i >= 0 and index.doc[i].text == ",":
        i -= 1
    if i >= 0 and index.doc[i].ent_type_ in _SPEAKER_ENTS and usable(index.doc[i]):
        return index.doc[i]
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """The speaker after the verb in '“...,” said John Smith' when the parser did not call
    it a subject."""
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("dobj", "attr", "npadvmod", "dative", "oprd"):
            if child.pos_ in ("PROPN", "NOUN"):
                return child
    return None


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Drop edge punctuation and whitespace tokens, keeping quotation marks."""
    while lo < hi and (doc[lo].is_space or (doc[lo].is_punct and doc[lo].text not in _QUOTE_CHARS)):
        lo += 1
    while hi > lo and (
        doc[hi - 1].is_space or (doc[hi - 1].is_punct and doc[hi - 1].text[:1] not in _QUOTE_CHARS)
    ):
        hi -= 1
    return lo, hi


def _settle(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping candidates: longest content first (nested speech loses), and
    no accepted content may hold another quote's cue."""
    accepted: list[_Candidate] = []

    def distance(c: _Candidate) -> int:
        # Between two cues claiming the same quotation the nearer one reports it: in
        # 'Asked to respond, Carson said, “...”' it is "said", not "respond" or "Asked".
        return max(c.start - c.cue_end, c.cue_start - c.end, 0)

    ordered = sorted(candidates, key=lambda c: (-c.rank, -(c.end - c.start), c.start, distance(c)))
    for cand in ordered:
        if any(cand.start < a.end and a.start < cand.end for a in accepted):
            continue
        if any(a.start <= cand.cue_start < a.end for a in accepted):
            continue
        accepted = [a for a in accepted if not (cand.start <= a.cue_start < cand.end)]
        accepted.append(cand)
    return accepted


def _join_continuations(
    index: _DocIndex, accepted: list[_Candidate], reporting: frozenset[int] = frozenset()
) -> None:
    """Quotations with no cue of their own that follow an accepted quotation with nothing
    but its cue clause in between (the next sentence, the next paragraph) continue it.
    Parsed content (reported speech, a stance) is never continued by a quotation, nor is a
    quotation continued across another reporting verb (``reporting``: lemma ids) — "“A,”
    said Ervin, who thinks the staff “B”" gives B to "thinks"."""
    if not accepted:
        return
    doc = index.doc
    by_end = sorted(accepted, key=lambda c: c.start)
    taken = [False] * len(index.segments)
    for cand in by_end:
        for k, seg in enumerate(index.segments):
            if cand.start <= seg.start and seg.end <= cand.end:
                taken[k] = True
    for k, seg in enumerate(index.segments):
        if taken[k] or index.quotable[k] != 2:
            continue
        prev = None
        for cand in by_end:
            if cand.end <= seg.start:
                prev = cand
        if prev is None or not prev.segments:
            continue  # only a quotation continues: not reported speech nor a stance
        if any(prev.end <= c.start < seg.start for c in by_end if c is not prev):
            continue
        clause = _reporting_ids(prev.cue)
        if prev.end < seg.start:
            gap = doc.char_span(prev.end, seg.start, alignment_mode="expand")
            if gap is None:
                continue
        else:
            gap = doc[0:0]
        lo = index.seg_tokens[k][0]
        inner = index.text[seg.inner_start : seg.inner_end].lstrip(" \"“‘'[(.…")
        if _governed_by_cue(index, prev.cue, lo, reporting, inner[:1].islower()):
            continue
        if all(t.is_punct or t.is_space or t.i in clause for t in gap):
            prev.end = index.segments[_last_in_chain(index, k)].end
            quoted_kind = index.quoted.kind(index.text, seg.start, seg.end)
            prev.direct = prev.direct and quoted_kind == "direct"
            for j in range(k, _last_in_chain(index, k) + 1):
                taken[j] = True


def _governed_by_cue(
    index: _DocIndex, cue: Token, lo: int, reporting: frozenset[int], continues: bool
) -> bool:
    """Whether a reporting verb (lemma id in ``reporting``) between ``cue`` and the
    quotation opening at token ``lo`` claims that quotation: the quotation lies in its
    clause, or carries on a sentence (lower case) begun after it."""
    for tok in index.doc[cue.i + 1 : lo]:
        if tok.pos_ not in _VERB_POS or tok.lemma not in reporting:
            continue
        if continues or tok.left_edge.i <= lo <= tok.right_edge.i:
            return True
        if all(t.is_punct or t.is_space for t in index.doc[tok.i + 1 : lo]):
            return True  # '“A,” the mayor said before adding: “B.”' (B hung from "said")
    return False


def _last_in_chain(index: _DocIndex, k: int) -> int:
    while index.segments[k].continues and k + 1 < len(index.segments):
        k += 1
    return k


def _headline_quotes(
    index: _DocIndex, resolver: SpeakerResolver, opts: QuoteOptions, found: list[Quote]
) -> Iterator[tuple[int, Quote]]:
    """Colon headlines: "US not to exit Iraq ...: Resistance group" (content first) and
    "Minister: ‘We will not leave’" (speaker first) on a line without closing punctuation."""
    doc, text = index.doc, index.text
    start = 0
    for line in text.split("\n"):
        lo, hi = start, start + len(line)
        start = hi + 1
        stripped = line.strip()
        if not stripped or stripped[-1] in _SENTENCE_END or ": " not in stripped:
            continue
        span = doc.char_span(lo, hi, alignment_mode="expand")
        if span is None or len(span) > opts.headline_max_words * 2:
            continue
        if any(q.start < hi and lo < q.end for q in found):
            continue
        colon = next((t for t in span if t.text == ":" and index.seg_of[t.i] < 0), None)
        if colon is None:
            continue
        left = [t for t in span if t.i < colon.i]
        right = [t for t in span if t.i > colon.i]
        if _is_speaker_phrase(left) and _is_statement(right, index):
            speaker_toks, content_toks = left, right
        elif _is_speaker_phrase(right) and _is_statement(left, index):
            speaker_toks, content_toks = right, left
        else:
            continue
        c_start = content_toks[0].idx
        c_end = content_toks[-1].idx + len(content_toks[-1].text)
        speaker = resolver.phrase(speaker_toks[0].i, speaker_toks[-1].i + 1)
        quote = Quote(
            start=c_start,
            end=c_end,
            text=text[c_start:c_end],
            kind=index.quoted.kind(text, c_start, c_end),
            cue=Span(colon.idx, colon.idx + 1, ":"),
            speaker=speaker,
        )
        yield index.sent_of[colon.i], quote


def _is_speaker_phrase(toks: list[Token]) -> bool:
    words = [t for t in toks if not t.is_punct]
    return (
        0 < len(words) <= 5
        and not any(t.pos_ in _VERB_POS for t in words)
        and any(t.pos_ in ("NOUN", "PROPN") for t in words)
    )


def _is_statement(toks: list[Token], index: _DocIndex) -> bool:
    words = [t for t in toks if not t.is_punct]
    if len(words) < 3:
        return False
    quoted = any(index.seg_of[t.i] >= 0 for t in words)
    return quoted or any(t.pos_ in _VERB_POS or t.tag_ == "TO" for t in words)
