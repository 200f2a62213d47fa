"""The grammar compiled from data/rules.yaml and data/lexicon.yaml: every rule is reachable,
malformed data fails with a named error, and scanning is cheap."""
from __future__ import annotations

import pytest

from newsevents.errors import ConfigError
from newsevents.temporal import normalize
from newsevents.temporal.grammar import Grammar, Lexicon, Rule, load_grammar

# One example per rule: the rule that must read it (and a value it must get, DCT 2021-08-14).
EXAMPLES = [
    ("clock_time", "5 p.m. EST, Nov. 9", "2021-11-09T17:00"),
    ("clock_time_24", "16:30 GMT", "2021-08-14T16:30Z"),
    ("clock_hhmm_zone", "0800 UTC", "2021-08-14T08:00Z"),
    ("clock_in_the", "4 in the morning", "2021-08-14T04:00"),
    ("noon_day", "noon Saturday", "2021-08-14T12:00"),
    ("iso_date", "2021-08-14", "2021-08-14"),
    ("iso_week", "2021-W12", "2021-W12"),
    ("week_number", "week 12", "2021-W12"),
    ("us_numeric_date", "8/14/2021", "2021-08-14"),
    ("eu_numeric_date", "14.08.2021", "2021-08-14"),
    ("month_day_year", "Aug. 14, 2021", "2021-08-14"),
    ("day_month_year", "14 August 2021", "2021-08-14"),
    ("weekday_month_day", "Saturday, August 14", "2021-08-14"),
    ("month_day", "July 26", "2021-07-26"),
    ("day_month", "26 July", "2021-07-26"),
    ("month_year", "January 2020", "2020-01"),
    ("month_rel_year", "June last year", "2020-06"),
    ("the_year", "the year two thousand", "2000"),
    ("decade", "the 1990s", "199"),
    ("decade_word", "the sixties", "196"),
    ("century", "the 20th century", "19"),
    ("fiscal_year", "fiscal 2020", "2020"),
    ("year_fiscal", "the 2020 fiscal year", "2020"),
    ("year_open", "1994 or later", "1994"),
    ("quarter", "the first quarter of 2020", "2020-Q1"),
    ("year_quarter", "2020's third quarter", "2020-Q3"),
    ("q_quarter", "Q3 2021", "2021-Q3"),
    ("year_q", "2021 Q3", "2021-Q3"),
    ("half", "the first half of 2021", "2021-H1"),
    ("season_year", "summer 2021", "2021-SU"),
    ("rel_season", "last winter", "2020-WI"),
    ("season_bare", "spring", "2021-SP"),
    ("pmod_season", "early summer", "2021-SU"),
    ("week_of", "the week of March 5, 2021", "2021-W09"),
    ("holiday", "Christmas Eve 2019", "2019-12-24"),
    ("offset_rel_day", "the day after tomorrow", "2021-08-16"),
    ("vague_ago", "years ago", "PAST_REF"),
    ("clock_word", "noon", "2021-08-14T12:00"),
    ("year_earlier_period", "the year-ago quarter", "2020-Q2"),
    ("year_earlier", "year-earlier", "2020"),
    ("period_year_ago", "the quarter a year ago", "2020-Q2"),
    ("earlier_in_the", "earlier in the year", "2021"),
    ("earlier_rel", "earlier this month", "2021-08"),
    ("earlier_day", "late yesterday", "2021-08-13"),
    ("weekday_rel_week", "Monday of next week", "2021-08-16"),
    ("rel_weekday_pod", "last Friday", "2021-08-13"),
    ("rel_month", "last November", "2020-11"),
    ("latest_period", "the latest period", "2021-Q2"),
    ("full_year", "the full year", "2021"),
    ("year_end", "year-end", "2021"),
    ("rel_weekend", "last weekend", "2021-W31-WE"),
    ("rel_unit_pmod", "the end of the year", "2021"),
    ("ordinal_unit", "a third straight month", "2021-08"),
    ("units_ahead", "the weeks ahead", "PXW"),
    ("rel_n_units", "the past 20 years", "P20Y"),
    ("recent_units", "recent months", "PAST_REF"),
    ("rel_unit", "last month", "2021-07"),
    ("offset", "two days ago", "2021-08-12"),
    ("deictic", "yesterday", "2021-08-13"),
    ("pmod_pod", "late afternoon", "2021-08-14TAF"),
    ("pod_rel", "this morning", "2021-08-14TMO"),
    ("reference", "now", "PRESENT_REF"),
    ("set_times", "twice a year", "P1Y"),
    ("set_every", "every week", "P1W"),
    ("set_adverb", "daily", "P1D"),
    ("set_weekdays", "Sundays", "XXXX-WXX-7"),
    ("duration_and", "two hours and 30 minutes", "PT2H30M"),
    ("duration_or", "two or three weeks", "P3W"),
    ("duration_adj", "five-year", "P5Y"),
    ("unit_compound", "decades-long", "PXDE"),
    ("duration", "two years", "P2Y"),
    ("the_units", "the years", "PXY"),
    ("bare_units", "years", "PXY"),
    ("month", "March", "2021-03"),
    ("year", "2017", "2017"),
]


@pytest.mark.parametrize("rule, text, value", EXAMPLES)
def test_each_rule_reads_its_example(rule, text, value):
    match = load_grammar().fullmatch(text)
    assert match is not None and match.rule.name == rule
    result = normalize(text, "2021-08-14", tense="PAST")
    assert result is not None and result[1] == value


# Rules that look at the words around them (lookbehind / lookahead, kept outside the
# expression): (rule, sentence, the expression it must find there); their values are
# checked on whole sentences in test_extract.py.
IN_CONTEXT_EXAMPLES = [
    ("verb_the_period", "The index rose to end the day at 9,505.", "the day"),
    ("pod_trading", "Shares rose in morning trading.", "morning"),
]


@pytest.mark.parametrize("rule, sentence, expression", IN_CONTEXT_EXAMPLES)
def test_context_rule_reads_its_example(rule, sentence, expression):
    hits = [(m.rule.name, m.text) for m in load_grammar().matches(sentence)]
    assert (rule, expression) in hits


@pytest.mark.parametrize("sentence", [
    "They walked the day through.",  # no closing verb before "the day"
    "Shares rose in early trading.",  # "early" is no part of the day
    "The morning paper was late.",  # a part of day before another noun than trading
    "He paid 0800 dollars.",  # a four-digit number without a zone
])
def test_context_rules_need_their_context(sentence):
    names = {m.rule.name for m in load_grammar().matches(sentence)}
    assert not names & {"verb_the_period", "pod_trading", "clock_hhmm_zone"}


def test_every_rule_has_an_example():
    assert {r.name for r in load_grammar().rules} == {name for name, _, _ in EXAMPLES} | {
        name for name, _, _ in IN_CONTEXT_EXAMPLES}


def _grammar(pattern: str) -> Grammar:
    lexicon = Lexicon({"month": {"case": "sensitive", "words": {"March": 3}}})
    return Grammar(lexicon, [Rule("r", "date", "DATE", pattern)], {}, {"march"})


@pytest.mark.parametrize("pattern, message", [
    ("{nonexistent}", "unknown lexicon list 'nonexistent'"),
    ("{NOPE:year}", "unknown macro 'NOPE'"),
    ("{month}(", "does not compile"),
])
def test_bad_rule_is_named(pattern, message):
    with pytest.raises(ConfigError, match=message):
        _grammar(pattern)


def test_bad_lexicon_is_named():
    with pytest.raises(ConfigError, match="'month' needs a 'words' mapping"):
        Lexicon({"month": ["March"]})


def test_case_sensitive_lists_skip_common_words():
    grammar = _grammar("{month}")
    assert [m.text for m in grammar.matches("In March they march.")] == ["March"]


def test_scanning_a_long_text_is_fast():
    import time

    text = ("The minister said on Friday that 1,000 people met in Paris. " * 400
            + "1" * 10_000)
    started = time.perf_counter()
    found = list(load_grammar().matches(text))
    assert len(found) == 400
    assert time.perf_counter() - started < 2.0
