"""The newsevents_timexes component on sentences written for these tests: recognition in
context (the parse decides), tense, extents, offsets and DCT inference."""
from __future__ import annotations

import pytest

from newsevents.records import Timex
from newsevents.temporal import extract_timexes, infer_dct

D = "2021-08-14"  # a Saturday


def found(doc) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in doc._.timexes]


# (text, expected [(timex text, value)]) with the DCT D
IN_CONTEXT = [
    # tense from the parse decides which Friday / which March
    ("He said on Friday that talks had failed.", [("Friday", "2021-08-13")]),
    ("He will visit Baghdad on Friday.", [("Friday", "2021-08-20")]),
    ("Talks are scheduled for Friday.", [("Friday", "2021-08-20")]),
    ("Biden to visit Iraq on Friday", [("Friday", "2021-08-20")]),
    ("He plans to meet them on Monday.", [("Monday", "2021-08-16")]),
    ("The minister resigned on Saturday.", [("Saturday", "2021-08-14")]),
    ("Troops will leave in March.", [("March", "2022-03")]),
    ("The law adopted in March remains in force.", [("March", "2021-03")]),
    ("Elections will be held on July 26.", [("July 26", "2022-07-26")]),
    ("The two leaders met on July 26.", [("July 26", "2021-07-26")]),
    ("The deadline was extended to Sept. 3.", [("Sept. 3", "2021-09-03")]),
    ("Friday's ruling was appealed.", [("Friday", "2021-08-13")]),
    # extents: no preposition, no possessive, "the" only when it heads the phrase
    ("The third-quarter results were weak.", [("third-quarter", "2021-Q3")]),
    ("Sales fell in the third quarter.", [("the third quarter", "2021-Q3")]),
    ("It happened the day before yesterday.", [("the day before yesterday", "2021-08-12")]),
    ("Last year's budget was cut.", [("Last year", "2020")]),
    ("Rebels have fought for more than two years.", [("more than two years", "P2Y")]),
    ("He spoke on Tuesday night.", [("Tuesday night", "2021-08-10TNI")]),
    # a national holiday's name that many countries share is not a date
    ("Kenya marked Independence Day with a parade.", []),
    ("Americans celebrated the Fourth of July with fireworks.", [("Fourth of July", "2021-07-04")]),
    # "earlier"/"later" stay inside with a year or month, outside with a week or a day
    ("Earlier Friday, the minister resigned.", [("Friday", "2021-08-13")]),
    ("Kenya voted earlier this week.", [("this week", "2021-W32")]),
    ("The envoy arrives later today.", [("today", "2021-08-14")]),
    ("Exports rose earlier this year.", [("earlier this year", "2021")]),
    ("Police said early Friday that two died.", [("early Friday", "2021-08-13")]),
    ("The pandemic of 2009-2010 killed 348 children.", [("2009", "2009"), ("2010", "2010")]),
    # a discourse anchor for "the following day"
    ("On March 3, 2019, he was shot. He died the following day.",
     [("March 3, 2019", "2019-03-03"), ("the following day", "2019-03-04")]),
    # a rate is a SET; ages are not durations
    ("Profit was $5 billion a year.", [("a year", "P1Y")]),
    ("His 6-year-old son was 45 minutes late.", [("45 minutes", "PT45M")]),
    # holidays and names that are dates
    ("Black Friday sales rose.", [("Black Friday", "2021-11-26")]),
    ("President Biden Friday signed the bill.", [("Friday", "2021-08-13")]),
    # round 2: compounds, durations before "of", report periods, past perfect
    ("The decades-long feud ended after a yearlong inquiry.",
     [("decades-long", "PXDE"), ("yearlong", "P1Y")]),
    ("It followed weeks of protests.", [("weeks", "PXW")]),
    ("He spent 5 1/2 hours in talks.", [("5 1/2 hours", "PT5H30M")]),
    ("They won for the first time in a quarter of a century.",
     [("a quarter of a century", "P25Y")]),
    ("Revenue rose 4% in the quarter to $2.3 billion.", [("the quarter", "2021-Q2")]),
    ("Music of the 80s and the '90s returned.", [("the 80s", "198"), ("the '90s", "199")]),
    ("They met at midnight.", [("midnight", "2021-08-14T24:00")]),
    ("Following Friday's ruling, crowds gathered.", [("Friday", "2021-08-13")]),
    ("He left on the following Friday.", [("the following Friday", "2021-08-20")]),
    ("First-quarter net fell. In the quarter, sales rose.",
     [("First-quarter", "2021-Q1"), ("the quarter", "2021-Q1")]),
    ("In the year-ago third quarter, it earned $5 million.",
     [("the year-ago third quarter", "2020-Q3")]),
    ("The offer had been due to expire Friday evening.", [("Friday evening", "2021-08-13TEV")]),
    ("Until Thursday, police had not named him.", [("Thursday", "2021-08-12")]),
    ("Talks were postponed until Thursday.", [("Thursday", "2021-08-19")]),
    # round 3: "the year" + a year, spelt-out years, "a" before a compound, "full-year",
    # "that same day"; "now" is PRESENT_REF wherever it stands (TimeML)
    ("Jobs were promised by the year two thousand.", [("the year two thousand", "2000")]),
    ("In the year 2000 the clocks held.", [("the year 2000", "2000")]),
    ("He was born in the year two thousand and one.",
     [("the year two thousand and one", "2001")]),
    ("It ended a decades-old dispute.", [("decades-old", "PXDE")]),
    ("They ended a weeks-long strike.", [("weeks-long", "PXW")]),
    ("Full-year profit rose 5%.", [("Full-year", "2021")]),
    ("He was charged on March 3 and freed that same day.",
     [("March 3", "2021-03-03"), ("that same day", "2021-03-03")]),
    ("Now, he says, the talks are over.", [("Now", "PRESENT_REF")]),
    ("Now officials are investigating the fire.", [("Now", "PRESENT_REF")]),
    ("For now, the embassy is closed.", [("now", "PRESENT_REF")]),
    # the second day of a range in one month is a date of its own
    ("Leaders met in Washington on April 24 and 25.",
     [("April 24", "2021-04-24"), ("25", "2021-04-25")]),
    ("The fair ran from July 1 through 5.", [("July 1", "2021-07-01"), ("5", "2021-07-05")]),
    ("On July 3 and 4 people died.", [("July 3", "2021-07-03")]),
    ("He spoke on July 3 to 40 students.", [("July 3", "2021-07-03")]),
    # the verb "last" is not "the last two years"
    ("The trial will last several weeks.", [("several weeks", "PXW")]),
    ("Prices rose over the last two years.", [("the last two years", "P2Y")]),
    # a clock time is on the day its sentence names before or right after it
    ("The law took effect Feb. 28 at 8 p.m.", [("Feb. 28", "2021-02-28"),
                                              ("8 p.m.", "2021-02-28T20:00")]),
    ("He arrived at 10 a.m. on Thursday.", [("10 a.m.", "2021-08-12T10:00"),
                                            ("Thursday", "2021-08-12")]),
    ("He was shot on Aug. 3. At 10 p.m. he died.", [("Aug. 3", "2021-08-03"),
                                                     ("10 p.m.", "2021-08-14T22:00")]),
    # round 3 (MEANTIME dev half): zones, ordinals, market-report periods, "over"
    ("The jet landed at 0800 UTC.", [("0800 UTC", "2021-08-14T08:00Z")]),
    ("The index was down 3% at 16:08 GMT.", [("16:08 GMT", "2021-08-14T16:08Z")]),
    ("The vote closes at 9 p.m. EST.", [("9 p.m. EST", "2021-08-14T21:00")]),
    ("The blast came on Friday at 10:35 a.m. (0735 GMT).",
     [("Friday", "2021-08-13"), ("10:35 a.m.", "2021-08-13T10:35")]),
    ("Trading was halted for a second consecutive day.",
     [("a second consecutive day", "2021-08-14")]),
    ("Prices rose for the third straight month.", [("the third straight month", "2021-08")]),
    ("Monday was the eighth day of the strike.", [("Monday", "2021-08-09"),
                                                  ("the eighth day", "2021-08-14")]),
    ("Japan posted two consecutive quarters of decline.",
     [("two consecutive quarters", "P2Q")]),
    ("The Dow gained 155 points to end the day at 9,505.", [("the day", "2021-08-14")]),
    ("The Nikkei closed the week 2% higher.", [("the week", "2021-W32")]),
    ("Ford's stock rose in morning trading.", [("morning", "2021-08-14TMO")]),
    ("Nestle gained 3% in afternoon trade.", [("afternoon", "2021-08-14TAF")]),
    ("Stocks have fallen for the past five trading days.",
     [("the past five trading days", "P5D")]),
    ("Stocks closed at their lowest level in over a decade.", [("over a decade", "P10Y")]),
    ("The inspections will last over a week.", [("over a week", "P1W")]),
    ("The money can be used over three years.", [("three years", "P3Y")]),
    ("He left two weeks ago.", [("two weeks ago", "2021-07-31")]),
    ("He left six weeks ago.", [("six weeks ago", "2021-W26")]),
    ("Exports grew 7% in February against the same period last year.",
     [("February", "2021-02"), ("the same period last year", "2020-02")]),
    ("Sales fell in July, compared to the same month a year ago.",
     [("July", "2021-07"), ("the same month a year ago", "2020-07")]),
    # a month with a day in digits is a date even where the model tags it a name
    ("The vote was on Sep 9 and the count on Sep. 10.",
     [("Sep 9", "2021-09-09"), ("Sep. 10", "2021-09-10")]),
    # words that must yield nothing
    ("Shares rose 6 pence in early trading.", []),
    ("It was the first time he had spoken.", []),
    ("Three quarters of voters agreed.", []),
    ("She reads morning papers.", []),
    ("Prices rose 4% in week 2% of cases.", []),
    ("The code 0800 opens the door.", []),
    ("They won over two thousand voters.", []),
    ("The Russell 2000 index fell 4%.", []),  # a name's number, not a year
    ("He was formerly a banker.", []),  # "formerly" is no PAST_REF (TBAQ 0 of 1)
    ("Two thousand people marched.", []),
    ("The year two thousand five hundred is far off.", []),
    ("A full house cheered.", []),
    ("The company raised its quarterly dividend.", []),
    ("Lunar New Year celebrations began.", []),
    ("Based on that second round of talks, they agreed.", []),
    ("She held the job in her 20s.", []),
    ("He was in his mid-30s then.", []),
    ("She wrote a long-term plan for the old year-round camp.", []),
    ("The years of war left scars.", []),
    ("Officials said they may meet again.", []),
    ("May God bless the victims.", []),
    ("Theresa May resigned.", []),
    ("Thousands joined the March on Washington.", []),
    ("The march began peacefully.", []),
    ("Joe Friday said the case was closed.", []),
    ("The Sunday Times reported it.", []),
    ("Police arrested 1,000 protesters.", []),
    ("The company has 1999 employees.", []),
    ("It may take a second.", []),
    ("He won a quarter of the vote.", []),
    ("In the year 3912 robots rule.", []),
]


@pytest.mark.parametrize("text, expected", IN_CONTEXT)
def test_timexes_in_context(make_doc, text, expected):
    assert found(make_doc(text, D)) == expected


GARBAGE = [
    "1" * 10_000,
    "The code 32/13/2021 is not a date; neither is week 99 of 2021.",
    "Week 99 begins in month 13 on 31/31/3031 at 99:99.",
    "2021-13-45 and 2021-02-30 and Q9 3000",
    "\u00a0\u200b\t\n\n" * 50,
    "Sunday Sunday Sunday " * 200,
]


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_never_raises_nor_yields_nonsense(make_doc, text):
    doc = make_doc(text, D)
    for t in doc._.timexes:
        assert t.value is None or t.value[:1] in "PX" or 1000 <= int(t.value[:4]) <= 2199
        assert not t.text.startswith(("32/13", "week 99", "31/31"))


def test_offsets_index_the_text(make_doc):
    text = "  On Friday, 14 Aug 2021,\nthe talks -- held last week -- failed again today.\n"
    doc = make_doc(text, D)
    assert doc._.timexes
    for t in doc._.timexes:
        assert isinstance(t, Timex)
        assert doc.text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


def test_pure_function_matches_component_and_leaves_doc_alone(make_doc):
    doc = make_doc("He said on Friday that he met them last month.", D)
    tokens = [t.text for t in doc]
    again = list(extract_timexes(doc, dct=D))
    assert again == doc._.timexes
    assert [t.text for t in doc] == tokens
    assert [(t.text, t.value) for t in extract_timexes(doc, dct=None)] == [
        ("Friday", None), ("last month", None)]


# -- the seed article ----------------------------------------------------------------------

SEED_TIMEXES = [
    ("Saturday", "2021-08-14"),
    ("last year", "2020"),
    ("recent months", "PAST_REF"),
    ("Last month", "2021-07"),
    ("the end of the year", "2021"),
    ("December 31, 2021", "2021-12-31"),
    ("July 26", "2021-07-26"),
    ("2017", "2017"),
    ("January 2020", "2020-01"),
]


@pytest.fixture(scope="module")
def seed_text(shared):
    return (shared / "seed" / "article.txt").read_text(encoding="utf-8")


@pytest.mark.shared
def test_seed_article_nine_expressions(make_doc, seed_text):
    doc = make_doc(seed_text, "2021-08-14")
    assert found(doc) == SEED_TIMEXES
    end = next(t for t in doc._.timexes if t.text == "the end of the year")
    assert (end.type, end.mod) == ("DATE", "END")


@pytest.mark.shared
def test_seed_without_date_is_inferred_in_august_2021(make_doc, seed_text):
    doc = make_doc(seed_text, None)
    assert doc._.dct is not None and doc._.dct.startswith("2021-08")
    article = doc._.article
    assert article.published == doc._.dct
    assert article.published_source == "inferred"
    # relative expressions now resolve against the inferred date
    assert ("last year", "2020") in found(doc)


def test_given_date_is_kept(make_doc):
    doc = make_doc("On July 26, 2019, talks began.", "2021-08-14")
    assert doc._.dct == "2021-08-14"
    assert doc._.article.published_source is None


def test_dateline_is_the_inferred_date(make_doc):
    doc = make_doc("Talks resume in Geneva\nMarch 6, 2008\nThe two sides met on Tuesday.", None)
    assert doc._.dct == "2008-03-06"
    assert found(doc) == [("March 6, 2008", "2008-03-06"), ("Tuesday", "2008-03-04")]


def test_no_clue_no_inferred_date(make_doc):
    doc = make_doc("He said on Friday that talks had failed.", None)
    assert doc._.dct is None
    assert doc._.article.published is None
    assert found(doc) == [("Friday", None)]


# -- inferring the DCT from (value, tense) pairs ------------------------------------------

INFER = [
    # the seed's clues: past January 2020, 2017, July 26; future December 31, 2021
    ([("2021-12-31", "FUTURE"), ("XXXX-07-26", "PAST"), ("2017", "PAST"), ("2020-01", "PAST")],
     "2021-08-02"),
    ([("2019-03-03", "PAST")], "2019-03-10"),
    ([("2019-03-03", "PAST"), ("2019-03-05", "FUTURE")], "2019-03-05"),
    ([("2017", None)], "2017-07-02"),
    ([("2022", "FUTURE")], "2022-07-02"),
    ([("XXXX-07-26", "PAST")], None),  # no year named anywhere
    ([], None),
    ([("PRESENT_REF", None), ("P2Y", None), ("garbage", "PAST")], None),
    # a dateline (third item True) is the DCT itself
    ([("2017", "PAST"), ("2008-03-06", None, True), ("2008-03-09", "PAST")], "2008-03-06"),
]


@pytest.mark.parametrize("clues, expected", INFER)
def test_infer_dct(clues, expected):
    assert infer_dct(clues) == expected
