"""Finding temporal expressions in a parsed Doc and resolving them against the DCT.

Recognition is the grammar (``data/rules.yaml``) tried from a few tokens before each
trigger token (a month, a unit, a year-shaped number...), so most of the text is never
scanned. Each match is then checked against the parse — "May" the modal, "March" the
protest, "Friday" in a name, a four-digit number that is not a year are dropped — trimmed
to TimeML extent conventions, and normalised with the tense of the clause it modifies.

:func:`extract_timexes` is the pure function; :class:`TimexExtractor` holds the compiled
data and settings and is what the spaCy component calls.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LOWER, SHAPE
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from ..records import Timex
from .dct import infer_dct
from .grammar import Grammar, Lexicon, RuleMatch, load_grammar
from .normalize import (FUTURE, PAST, Date, Normalizer, Reference, TimexValue, parse_date,
                        period_start)
from .tense import clause_tense, past_perfect

#: Entity labels that make a month or weekday word part of a name ("Theresa May",
#: "Joe Friday", "the Women's March"), not a date.
_NAME_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW",
                        "GPE", "LOC", "NORP"})
#: Entity labels of names and titles that may consist of temporal words.
_TITLE_ENTS = frozenset({"WORK_OF_ART", "ORG", "PRODUCT", "FAC", "LAW", "PERSON"})
#: Entity labels that make a four-digit number a quantity, not a year.
_QUANTITY_ENTS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
#: Dependencies by which a timex modifies a noun ("the third-quarter results").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod"})
#: Prepositions before "years", "weeks"... that make a bare plural unit a duration.
_DURATION_PREPS = frozenset({"for", "within", "in", "after", "over", "than", "of", "just",
                             "only", "take", "takes", "took", "taking", "spent", "lasted"})
#: Prepositions before a bare season ("in spring") that make it a time.
_SEASON_PREPS = frozenset({"in", "during", "by", "until", "till", "since", "through",
                           "throughout", "over", "before", "after", "last", "this", "next"})
#: Prepositions before "noon" or "midnight" that make them a time of the DCT's day.
_CLOCK_PREPS = frozenset({"at", "by", "until", "till", "before", "after", "around", "from",
                          "since", "past", "about"})
#: Prepositions before "the year", "the quarter" that make them the current period.
_PERIOD_PREPS = frozenset({"for", "in", "during", "through", "throughout", "over", "of",
                           "since", "by", "until", "into"})
_STOP_AFTER_PERIOD = frozenset({"of", "before", "after", "when", "that", "in", "and", "'s",
                                "or", "which", "to"})
#: Rules naming the quarter a financial report is about.
#: Rules naming the period a year before the one a report is about.
_YEAR_BACK_RULES = frozenset({"year_earlier_period", "year_earlier", "period_year_ago"})
_REPORT_QUARTER_RULES = frozenset({"quarter", "year_quarter", "q_quarter", "year_q", "rel_unit",
                                   "latest_period"})
#: Prepositions of deadlines: a past-tense clause can name a date after the DCT with them.
_DEADLINE_PREPS = frozenset({"until", "till", "by", "to", "through", "before"})
_DEFAULT_LOOKBACK = 6
#: A TIME value that is a day plus a clock time ("2021-08-14T10:00", not "...TNI").
_CLOCK_ON_DCT = re.compile(r"^\d{4}-\d\d-\d\dT\d")
#: A DATE value to the day.
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")
#: What stands between a clock time and the day it is on ("10 a.m. on Jan. 9").
_CLOCK_GAP = re.compile(r"^,?\s+(?:on\s+)?$")
#: A day of the month written as a number ("25", "25th").
_DAY_NUMBER = re.compile(r"^(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?$")


@dataclass(slots=True)
class Candidate:
    """A grammar match kept after the parse checks, with its final extent and tense."""

    start: int
    end: int
    match: RuleMatch
    tense: str | None  # what the value is resolved with
    clause: str | None = None  # the tense of the governing clause itself
    deadline: bool = False  # governed by "until", "by"... (may lie after a past-tense DCT)


class TimexExtractor:
    """Recognises and normalises temporal expressions in parsed Docs.

    ``lookback_tokens``: how many tokens before a trigger an expression may start.
    ``dct_gap_days``: when the DCT is inferred, days between the latest past date the
    text names and the assumed publication date. ``tense_penalty_days``,
    ``month_penalty_days``: see
    :class:`~newsevents.temporal.normalize.Normalizer`. ``report_window_chars``: how far
    after a named quarter "a year earlier" still means that quarter a year before.
    ``dateline_chars``: a full date standing alone this close to the top is a dateline.
    (Defaults: the [temporal] section of config.toml.)
    """

    def __init__(self, *, grammar: Grammar | None = None, normalizer: Normalizer | None = None,
                 lookback_tokens: int = _DEFAULT_LOOKBACK, dct_gap_days: int = 7,
                 tense_penalty_days: int = 120, month_penalty_days: int = 240,
                 report_window_chars: int = 400,
                 dateline_chars: int = 300) -> None:
        self.grammar = grammar or load_grammar()
        self.normalizer = normalizer or Normalizer(self.grammar,
                                                   tense_penalty_days=tense_penalty_days,
                                                   month_penalty_days=month_penalty_days)
        self.lex: Lexicon = self.grammar.lexicon
        self.lookback = lookback_tokens
        self.dct_gap_days = dct_gap_days
        self.report_window = report_window_chars
        self.dateline_chars = dateline_chars
        self._trigger_hashes = np.array(
            sorted(hash_string(w) for w in self.grammar.triggers), dtype=np.uint64)
        self._number_lowers: dict[int, bool] = {}

    # -- recognition ----------------------------------------------------------------------

    def _triggers(self, doc: Doc) -> np.ndarray:
        """Indices of the tokens every expression must contain one of."""
        if len(doc) == 0:
            return np.zeros(0, dtype=np.int64)
        arr = doc.to_array([LOWER, SHAPE])
        lowers, shapes = arr[:, 0], arr[:, 1]
        hit = np.isin(lowers, self._trigger_hashes)
        strings = doc.vocab.strings
        numeric = [s for s in np.unique(shapes).tolist() if "d" in strings[s]]
        if numeric:
            # Numbers shaped like a year, a clock time or a date ("2021", "10:35") are
            # triggers too; each distinct one is checked once per process.
            years = []
            for key in np.unique(lowers[np.isin(shapes, numeric)]).tolist():
                known = self._number_lowers.get(key)
                if known is None:
                    known = bool(self.grammar.trigger_number.match(strings[key]))
                    if len(self._number_lowers) < 100_000:
                        self._number_lowers[key] = known
                if known:
                    years.append(key)
            if years:
                hit |= np.isin(lowers, np.array(years, dtype=np.uint64))
        return np.flatnonzero(hit)

    def matches(self, doc: Doc) -> Iterator[RuleMatch]:
        """Grammar matches in ``doc``, left to right, none overlapping another."""
        text = doc.text  # (rebuilt from the tokens on each access: read once per Doc)
        pattern = self.grammar.pattern
        read = self.grammar.read
        covered = 0
        for i in self._triggers(doc).tolist():
            trigger = doc[i]
            if trigger.idx < covered:
                continue
            for j in range(max(0, i - self.lookback), i + 1):
                pos = doc[j].idx
                if pos < covered:
                    continue
                found = pattern.match(text, pos)
                if found is not None and found.end() > trigger.idx:
                    covered = found.end()
                    yield read(found)
                    break

    def candidates(self, doc: Doc) -> list[Candidate]:
        """The matches that survive the parse checks, trimmed, each with its clause tense."""
        out = []
        for m in self.matches(doc):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not self._keep(m, span):
                continue
            start = self._trim_start(m, span)
            if start != m.start:
                span = doc.char_span(start, m.end, alignment_mode="expand")
                if span is None:
                    continue
            clause = clause_tense(span, self.lex)
            root = span.root
            deadline = root.dep_ == "pobj" and root.head.lower_ in _DEADLINE_PREPS
            # A deadline ("until Nov. 9", "extended to Nov. 20") may lie after the DCT even
            # in a past-tense clause: resolve it by nearness. "Postponed until Tuesday" and
            # "as soon as Tuesday" lie ahead.
            tense = (FUTURE if clause == FUTURE else None) if deadline else clause
            if (deadline and root.head.lower_ in ("until", "till") and "weekday" in m.parts) \
                    or _as_soon_as(span):
                tense = FUTURE
            if past_perfect(span):
                tense = clause = PAST
            cand = Candidate(start, m.end, m, tense, clause, deadline)
            out.append(cand)
            if m.rule.name == "month_day" and (second := self._range_end(cand, span)):
                out.append(second)
        return out

    def _range_end(self, cand: Candidate, span: Span) -> Candidate | None:
        """The second day of "April 24 and 25", "from March 20 to 22": a date of its own in
        the first one's month, resolved with the same tense (None when there is none)."""
        connector = _next(span[-1])
        if connector is None or self.lex.get("range_connector", connector.lower_) is None:
            return None
        day = _next(connector)
        if day is None or not _DAY_NUMBER.match(day.text):
            return None
        after = _next(day)
        if after is not None and (after.pos_ in ("NOUN", "PROPN", "NUM")
                                  or after.text in ("%", ":")):
            return None  # "on March 3 and 4 people died", "March 3 to 4 p.m."
        parts = {"month": cand.match.parts["month"], "day": day.text}
        end = day.idx + len(day.text)
        match = RuleMatch(day.idx, end, cand.match.rule, parts, day.text)
        return Candidate(day.idx, end, match, cand.tense, cand.clause, cand.deadline)

    # -- checks against the parse -----------------------------------------------------------

    def _keep(self, m: RuleMatch, span: Span) -> bool:
        rule = m.rule.name
        first = span[0]
        if _quoted(m, span):
            return False  # a title: CBS's "60 Minutes", "Last Week Tonight"
        if _titled(m, span):
            return False  # "Superintendent of the Year", "the Summer Olympics"
        if first.ent_type_ in _TITLE_ENTS and not _month_and_number(m) and all(
                t.ent_type_ == first.ent_type_ for t in span) and _ent_start(first) == _ent_start(
                span[-1]):
            return False  # inside a name or title: "The Sunday Times", ABC's "This Week"
        if rule == "month":
            return self._is_month(span[-1])
        if rule == "year":
            return "year" in m.parts and not m.parts["year"][0].isdigit() or self._is_year(
                span[-1])
        if rule == "rel_weekday_pod":
            weekday = next((t for t in span if t.text == m.parts["weekday"]), span[-1])
            return self._is_weekday(weekday)
        if rule == "clock_hhmm_zone" and _prev(first) is not None and _prev(first).text == "(":
            return False  # "10:35 a.m. (0735 GMT)": the same time restated (TBAQ 0 of 1)
        if rule == "clock_word":
            prev = _prev(first)
            return prev is not None and prev.lower_ in _CLOCK_PREPS
        if rule == "the_units":
            # "over the years", "in the decades since": the whole stretch
            prev, nxt = _prev(first), _next(span[-1])
            return (prev is not None and prev.lower_ in ("over", "during", "through",
                                                         "throughout")) or (
                nxt is not None and nxt.lower_ in ("since", "that", "ahead", "to"))
        if rule == "bare_units":
            # "for years", "within days", "days later", "just hours after": a duration;
            # "years of war" or "the years" alone are left out.
            prev, nxt = _prev(first), _next(span[-1])
            if nxt is not None and nxt.lower_ == "of":
                # "followed weeks of protests", "after decades of war": a stretch of time;
                # "the years of war", "hundreds of years of" are not
                return prev is not None and (prev.pos_ in ("VERB", "ADP") or prev.lower_ in (
                    _DURATION_PREPS)) and prev.lower_ != "of"
            return (prev is not None and prev.lower_ in _DURATION_PREPS) or (
                nxt is not None and nxt.lower_ in ("later", "after", "before", "earlier"))
        if rule == "rel_unit" and Lexicon.key(m.parts.get("rel", "")) == "the":
            return self._is_current_period(m, span)
        if rule == "season_bare":
            # "in spring", "by summer"; not "fall" the verb, "summer camp", "the fall of"
            prev, token = _prev(first), span[-1]
            return (prev is not None and prev.lower_ in _SEASON_PREPS
                    and token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound"
                    and not _next_is(span, "of"))
        if rule == "rel_season" and (_next_is(span, "of") or (
                Lexicon.key(m.parts.get("rel", "")) == "the"
                and (_prev(first) is None or _prev(first).pos_ != "ADP"))):
            return False  # "the fall of the Berlin Wall", "The fall came as..."
        if rule == "duration" and "num" in m.parts and (
                self.lex.get("vague_number", m.parts["num"]) is not None
                and self.lex.get("unit", m.parts.get("unit")) is not None):
            return False  # "a few second serve returns": a vague number needs a plural
        if rule in ("rel_unit", "pod_rel") and Lexicon.key(m.parts.get("rel", "")) in (
                "the", "the last", "the next", "the same", "the first") and _next_is(
                span, "of"):
            return False
        if "old" in m.parts and Lexicon.key(m.parts["old"]) == "old":
            return False  # ages ("a 6-year-old boy") are not annotated as durations
        if rule == "set_adverb" and (span[-1].tag_.startswith("NN") or (
                span[-1].dep_ == "amod"
                and self.lex.get("report_adjective", span[-1].text) is not None)):
            return False  # "the party daily Granma", "its quarterly dividend"
        if rule in ("duration", "duration_adj") and m.parts.get("unit", "").lower() in (
                "second", "quarter", "quarters", "half") and not any(
                t.lower_ in ("consecutive", "straight", "successive") for t in span) and (
                self.lex.get("vague_number", m.parts.get("num")) is None) and (
                Lexicon.key(m.parts.get("num", "")) in ("a", "an", "one") or _next_is(
                    span, "of")):
            return False  # "a second time", "a quarter of the vote"
        if rule == "reference":
            return self._is_reference(span)
        if rule == "decade" and m.parts.get("decade", "")[:1].isdigit() and len(
                m.parts["decade"]) == 3 and any(t.tag_ == "PRP$" for t in span.doc[
                max(0, span.start - 3):span.start + 1]):
            return False  # an age: "in his 30s", "her teens and 20s", "their mid-40s"
        if "holiday" in m.parts and _prev(first) is not None and self.lex.get(
                "calendar_qualifier", _prev(first).lower_) is not None:
            return False  # "Lunar New Year", "Orthodox Christmas": another calendar
        if span[-1].lower_ == "second" and m.parts.get("unit", "").lower() == "second" and (
                (nxt := _next(span[-1])) is not None and nxt.pos_ in ("NOUN", "ADJ", "NUM")):
            return False  # "that second round": the ordinal, not the unit
        return True

    @staticmethod
    def _is_month(token: Token) -> bool:
        if token.tag_ == "MD" or token.pos_ in ("VERB", "AUX"):
            return False  # "May" the modal, "march" the verb
        if token.ent_type_ in _NAME_ENTS:
            return False
        prev, nxt = _prev(token), _next(token)
        if prev is not None and prev.lower_ in ("a", "an", "the"):
            # "the March accession" is a month; "the March on Washington" is a protest.
            return nxt is not None and nxt.pos_ in ("NOUN", "PROPN")
        return not _after_name(token)  # "Theresa May" when the NER left May out

    def _is_year(self, token: Token) -> bool:
        if token.ent_type_ in _QUANTITY_ENTS or token.ent_type_ in ("PRODUCT", "LAW"):
            return False
        prev, nxt = _prev(token), _next(token)
        in_context = prev is not None and self.lex.get("year_context", prev.lower_) is not None
        if nxt is not None and (nxt.lower_ in ("%", "percent", "times") or (
                nxt.tag_ == "NNS" and not in_context)):
            return False  # "1999 employees", but "in 1990 sales rose"
        if prev is not None and nxt is not None and prev.pos_ == "PROPN" and \
                prev.text[:1].isupper() and nxt.pos_ in ("NOUN", "PROPN") and not in_context \
                and self.lex.get("month", prev.text) is None:
            return False  # a name's number: "the Russell 2000 index", "Windows 2000 Server"
        return token.ent_type_ == "DATE" or in_context

    @staticmethod
    def _is_weekday(token: Token) -> bool:
        if token.ent_type_ in _NAME_ENTS:
            return False
        nxt = _next(token)
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and (
                nxt.ent_type_ not in ("DATE", "TIME")):
            return False  # "the Sunday Telegraph", "Friday Night Lights"
        return not _after_name(token)  # "Joe Friday said" (but "Biden Friday said")

    @staticmethod
    def _is_current_period(m: RuleMatch, span: Span) -> bool:
        """ "the year" / "the quarter" / "the week" is a timex only as the period of a
        report: after "for", "in", "during"... and not followed by "of", "before"..."""
        unit = Lexicon.key(m.parts.get("unit", ""))
        if unit not in ("year", "quarter", "week", "month", "weekend", "fiscal year"):
            return False
        prev, nxt = _prev(span[0]), _next(span[-1])
        if prev is None or prev.lower_ not in _PERIOD_PREPS:
            return False
        if nxt is None:
            return True
        after = _next(nxt)
        if after is not None and ((nxt.lower_ == "to" and (after.like_num or after.tag_ == "$"))
                                  or (nxt.lower_ == "and" and after.pos_ == "VERB")):
            return True  # "rose 4% in the quarter to $2 billion", "for the year and said"
        return nxt.lower_ not in _STOP_AFTER_PERIOD and not nxt.like_num

    @staticmethod
    def _is_reference(span: Span) -> bool:
        token = span[-1]
        if token.lower_ in ("future", "present", "past", "recent") and len(span) == 1:
            # Adjectives ("future payments", "the recent sale"): too often not annotated.
            return False
        if token.lower_ in ("future", "present", "past"):
            # "the past three summers": "past" modifies a noun; not "the past" itself.
            return token.dep_ not in ("amod", "compound") or token.head.i < span.start
        if token.lower_ == "current" and token.dep_ not in ("amod",):
            return False  # "the current" of a river
        return True

    @staticmethod
    def _trim_start(m: RuleMatch, span: Span) -> int:
        """Leave out a leading "the" when the expression modifies a noun after it, and the
        verb "last" ("the talks will last several weeks")."""
        if m.rule.name == "rel_n_units" and len(span) > 1 and span[0].lower_ == "last" and (
                span[0].pos_ in ("VERB", "AUX")) and "num" in m.parts:
            return span[1].idx
        if span[0].lower_ != "the" or len(span) < 2:
            return m.start
        last = span[-1]
        if last.dep_ in _MODIFIER_DEPS and last.head.i >= span.end:
            return span[1].idx
        if m.rule.name == "rel_weekday_pod" and "rel" in m.parts and Lexicon.key(
                m.parts["rel"]) == "the":
            return span[1].idx
        return m.start

    # -- normalisation ----------------------------------------------------------------------

    def resolve(self, doc: Doc, candidates: list[Candidate], dct: str | None) -> Iterator[Timex]:
        """Timexes for ``candidates`` resolved against ``dct`` (YYYY-MM-DD or None)."""
        timexes = list(self._resolve_all(doc, candidates, dct))
        for i, timex in enumerate(timexes[:-1]):
            if timex.type == "TIME" and timex.value and _CLOCK_ON_DCT.match(timex.value) \
                    and not self._names_day(timex.text):
                # "10 a.m. on January 9", "at 8 p.m., Feb. 28": the clock time is on the day
                # named right after it (it was put on the DCT's or an earlier day).
                after = timexes[i + 1]
                if after.value and _DAY_VALUE.match(after.value) and _CLOCK_GAP.match(
                        doc.text[timex.end:after.start]):
                    timexes[i] = Timex(timex.start, timex.end, timex.text, timex.type,
                                       after.value + timex.value[10:], timex.mod)
        yield from timexes

    def _names_day(self, text: str) -> bool:
        """Whether ``text`` names its own day ("10 p.m. Wednesday", "noon today")."""
        return any(self.lex.get(name, word.strip(",")) is not None
                   for word in text.split()
                   for name in ("weekday", "month", "deictic_day"))

    def _resolve_all(self, doc: Doc, candidates: list[Candidate],
                     dct: str | None) -> Iterator[Timex]:
        ref = Reference(parse_date(dct))
        quarter_at = -1
        day_named: tuple[int, Date] | None = None  # (sentence start, day) last named
        for cand in candidates:
            ref.tense = cand.tense
            sentence = _sentence_start(doc, cand.start)
            ref.clock_day = day_named[1] if day_named and day_named[0] == sentence else None
            if quarter_at >= 0 and cand.start - quarter_at > self.report_window:
                ref.report_quarter = None
            result = self._resolve_one(doc, cand, ref)
            if result is None:
                continue
            ttype, value, mod = result
            # (the text comes from the match: Doc.text is rebuilt on every access)
            text = cand.match.text[cand.start - cand.match.start:]
            yield Timex(cand.start, cand.end, text, ttype, value, mod)
            if ttype in ("DATE", "TIME") and (start := period_start(value)) is not None \
                    and start[1] == "D":
                day_named = (sentence, start[0])
            if ttype in ("DATE", "TIME") and (start := period_start(value)) is not None \
                    and not self._comparison(cand.match):
                # The date the text last mentioned anchors "the following day" (a
                # year-ago comparison does not: the next "a year earlier" is not two back).
                ref.anchor, ref.anchor_unit = start
                if start[1] == "Q" and cand.match.rule.name in _REPORT_QUARTER_RULES and (
                        ref.dct is None or start[0] <= ref.dct):
                    # Only a quarter the report is about, not one a year back ("the
                    # year-ago quarter") or one ahead ("losses through the third quarter
                    # of 1990"), anchors the next "a year earlier" and "the quarter".
                    ref.report_quarter, quarter_at = value, cand.end

    def _comparison(self, m: RuleMatch) -> bool:
        """ "the year-ago quarter", "a year earlier": the period a report compares with."""
        if m.rule.name in _YEAR_BACK_RULES:
            return True
        return m.rule.name == "offset" and "num2" not in m.parts and self.normalizer._unit(
            m.parts.get("unit")) == "Y" and Lexicon.key(m.parts.get("num", "")) in (
            "a", "one", "1") and Lexicon.key(m.parts.get("ago", "")) in ("ago", "earlier")

    def _resolve_one(self, doc: Doc, cand: Candidate, ref: Reference) -> TimexValue | None:
        result = self.normalizer.resolve(cand.match, ref)
        if result is None:
            return None
        ttype, value, mod = result
        if cand.match.rule.name == "rel_unit" and Lexicon.key(
                cand.match.parts.get("rel", "")) == "the":
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            nxt = _next(span[-1]) if span is not None else None
            if nxt is not None and nxt.lower_ in ("ended", "ending", "ends") and Lexicon.key(
                    cand.match.parts["unit"]) in ("year", "fiscal year"):
                # "for the year ended March 31": a stretch of a year, not this year.
                unit = self.normalizer._unit(cand.match.parts["unit"])
                return "DURATION", self.normalizer.duration_value(1, unit), mod
        if ttype == "DURATION" and cand.match.rule.name == "duration":
            if self._is_rate(doc, cand):
                return "SET", value, None
        return result

    def _is_rate(self, doc: Doc, cand: Candidate) -> bool:
        """ "a year" after a quantity ("$5 billion a year", "50,000 CDs a year") is a SET."""
        num = Lexicon.key(cand.match.parts.get("num", ""))
        if num not in ("a", "an", "per"):
            return False
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        prev = _prev(span[0]) if span is not None else None
        if prev is None:
            return False
        return (prev.like_num or prev.tag_ in ("NNS", "NNPS", "CD")
                or prev.lower_ in ("times", "%", "percent")
                or prev.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL"))

    # -- the whole job -----------------------------------------------------------------------

    def extract(self, doc: Doc, *, dct: str | None) -> list[Timex]:
        """The timexes of ``doc`` resolved against ``dct``."""
        return list(self.resolve(doc, self.candidates(doc), dct))

    def infer(self, doc: Doc, candidates: list[Candidate] | None = None) -> str | None:
        """The most likely publication date of ``doc`` from its own expressions, or None."""
        cands = self.candidates(doc) if candidates is None else candidates
        return infer_dct(self._explicit(doc, cands), gap_days=self.dct_gap_days)

    def _explicit(self, doc: Doc,
                  cands: list[Candidate]) -> list[tuple[str, str | None, bool]]:
        """(value, tense, is a dateline) of every expression that names its date without
        the DCT; a dateline is a full date near the top that governs no verb."""
        out = []
        ref = Reference(None)
        text = doc.text  # built anew on each access: once here
        for cand in cands:
            if cand.match.rule.norm != "date":
                continue
            ref.tense = cand.clause
            result = self.normalizer.resolve(cand.match, ref)
            if result is not None and result[1] and result[0] in ("DATE", "TIME"):
                # "by December 31, 2021" in a present or future clause bounds the DCT above.
                future = cand.clause == FUTURE or (cand.deadline and cand.clause != PAST)
                dateline = cand.start < self.dateline_chars and not cand.deadline and (
                    cand.clause is None or _own_line(text, cand.start, cand.end))
                out.append((result[1], FUTURE if future else cand.clause, dateline))
        return out


_QUOTES = "\"“”'‘’"


def _month_and_number(m: RuleMatch) -> bool:
    """Whether the match names a month with a day or year in digits ("Sep 9", "May 2010"):
    a date even where the model tags it as part of a name (it tags "Sep 9" a LAW)."""
    return "month" in m.parts and any(
        part in m.parts and m.parts[part][:1].isdigit() for part in ("day", "year"))


def _quoted(m: RuleMatch, span: Span) -> bool:
    """Whether the match is exactly what stands between quotation marks (a title)."""
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return (len(m.text) > 3 and before[-1:] in _QUOTES and before != ""
            and after[:1] in _QUOTES and after != "")


def _titled(m: RuleMatch, span: Span) -> bool:
    """A capitalised unit or season inside a sentence names something ("Player of the
    Week", "the Summer Olympics", "the Fall of Rome") rather than a time."""
    word = m.parts.get("unit") or m.parts.get("season")
    if word is None or not word[:1].isupper() or word.isupper():
        return False
    token = next((t for t in span if t.text == word), None)
    return token is not None and not token.is_sent_start and not (
        token.i > 0 and token.doc[token.i - 1].is_sent_start
        and token.doc[token.i - 1].lower_ in ("this", "last", "next"))


def _own_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all of its line (give or take punctuation)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return line.strip(" \t-–—|,.:;()") == text[start:end]


def _as_soon_as(span: Span) -> bool:
    """ "as soon as Tuesday", "as early as next week": a date ahead whatever the tense."""
    i = span.start
    doc = span.doc
    return i >= 3 and doc[i - 1].lower_ == "as" and doc[i - 2].lower_ in (
        "soon", "early", "quickly") and doc[i - 3].lower_ == "as"


def _after_name(token: Token) -> bool:
    """Whether a capitalised word before ``token`` makes it part of a name: "Joe" in "Joe
    Friday" is a compound of Friday; "Biden" in "Biden Friday said" is the subject."""
    prev = _prev(token)
    return (prev is not None and prev.pos_ == "PROPN" and prev.dep_ == "compound"
            and prev.head.i == token.i and prev.text[:1].isupper()
            and prev.ent_type_ not in ("DATE", "TIME"))


def _ent_start(token: Token) -> int:
    """The start (token index) of the entity ``token`` is in."""
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    return start


def _sentence_start(doc: Doc, char: int) -> int:
    """The token index where the sentence holding character ``char`` starts (without
    sentence boundaries, a number no other offset shares: no two are in one sentence)."""
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return -1 - char
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].sent.start if span is not None and len(span) else -1 - char


def _prev(token: Token) -> Token | None:
    return token.doc[token.i - 1] if token.i > 0 else None


def _next(token: Token) -> Token | None:
    return token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None


def _next_is(span: Span, word: str) -> bool:
    nxt = _next(span[-1])
    return nxt is not None and nxt.lower_ == word


_DEFAULT: TimexExtractor | None = None


def default_extractor() -> TimexExtractor:
    """The process-wide extractor with the [temporal] settings of config.toml."""
    global _DEFAULT
    if _DEFAULT is None:
        from ..config import load_config

        settings = dict(load_config()["temporal"])
        settings.pop("infer_dct", None)
        _DEFAULT = TimexExtractor(**settings)
    return _DEFAULT


def extract_timexes(doc: Doc, *, dct: str | None) -> Iterator[Timex]:
    """The temporal expressions of a parsed ``doc`` as :class:`Timex` records (character
    offsets into ``doc.text``), resolved against ``dct`` ("YYYY-MM-DD" or None; without it
    relative expressions get no value). Needs a Doc with tags, a parse and entities; never
    changes it."""
    yield from default_extractor().extract(doc, dct=dct)
