"""clean_text: page furniture out (and recorded), ordinary sentences always kept.

Every line and sentence below was written for these tests."""
from __future__ import annotations

import pytest

from newsevents.ingest.clean import clean_text, parse_dateline_date

# Two ordinary body paragraphs the furniture lines are put between.
BODY_1 = ("The finance ministry said on Tuesday that it would delay the budget vote by a week "
          "after talks with opposition parties stalled.")
BODY_2 = ("Officials from both sides are expected to meet again on Thursday in the capital, "
          "according to a statement from the prime minister's office.")

FURNITURE = [
    # captions
    ("Spokesman of the farmers' union Karim Haddad (File photo by Tasnim news)", "caption"),
    ("Protesters gather outside the parliament building on Monday (AFP photo)", "caption"),
    ("Rescue workers search the rubble of a collapsed school. (Photo: Reuters)", "caption"),
    ("Photo: Reuters", "caption"),
    ("Image caption Soldiers patrol the border crossing near the river", "caption"),
    ("The minister arrives for the summit in Brussels (Getty Images)", "caption"),
    ("Villagers wait for aid trucks near the dam. REUTERS/Jane Porter", "caption"),
    ("Image copyright Getty Images", "caption"),
    ("Firefighters at the scene of the blaze on Sunday | Photo credit: AP", "caption"),
    # share, subscribe, related, read more, follow
    ("Share this article", "share"),
    ("Share on Facebook", "share"),
    ("Related posts:", "share"),
    ("Related: Ten things to know about the budget fight", "share"),
    ("READ MORE: Opposition leader calls for early election", "share"),
    ("Read more", "share"),
    ("Follow us on Twitter and Facebook", "share"),
    ("Sign up for our daily newsletter", "share"),
    ("Subscribe to our newsletter for the latest updates.", "share"),
    ("Advertisement", "share"),
    ("You may also like...", "share"),
    ("Story continues below advertisement", "share"),
    ("Also on example.net Police arrest three after clashes at the stadium", "share"),
    ("Court rejects the appeal in record time [VIDEO]", "share"),
    ("- Print Article", "share"),
    ("Filed under: Elections |", "share"),
    # bylines, credits, contacts, timestamps
    ("By Maria Lopez", "byline"),
    ("By JOHN SMITH and ANA GARCIA | Associated Press", "byline"),
    ("By Ruth Adeyemi, Staff Writer", "byline"),
    ("(Reporting by Omar Khalil; Editing by Sara Neumann)", "byline"),
    ("Lena Brandt contributed reporting from Berlin.", "byline"),
    ("Email the reporter at reporter@example.com or follow her @example_news.", "byline"),
    ("Updated at 4:15 p.m.", "meta"),
    ("November 20, 2019 - 11:28 GMT", "meta"),
    # footers
    ("© 2021 Example Media Group", "footer"),
    ("All rights reserved.", "footer"),
    ("Example News's website can also be accessed at the following alternate addresses:",
     "footer"),
]


@pytest.mark.parametrize("line, kind", FURNITURE)
def test_furniture_line_is_removed_and_recorded(line, kind):
    cleaned = clean_text(f"{BODY_1}\n\n{line}\n\n{BODY_2}")
    assert line not in cleaned.text.split("\n\n")
    assert cleaned.text == f"{BODY_1}\n\n{BODY_2}"
    assert [(f.kind, f.text) for f in cleaned.furniture] == [(kind, line)]


KEEP = [
    "The president said the talks (held in Geneva last week) had been useful.",
    "A photo published by the ministry showed the damaged bridge near the border.",
    "Baghdad is preparing for a new round of talks with Kurdish leaders next month.",
    "Washington and Tehran have not held direct talks since the deal collapsed.",
    "Paris - the city that hosted the 2015 climate talks - will host the summit again.",
    "By the end of the year, all foreign troops are expected to leave the country.",
    "By Tuesday, the ministry had received more than 300 complaints about the vote.",
    "Read more than 40 pages of the report and you find few new facts, critics said.",
    "Share prices fell sharply after the central bank raised interest rates.",
    "The army said it would follow the ceasefire terms as long as rebels did the same.",
    "Related talks in Cairo ended without agreement on Sunday.",
    "Photographers were barred from the courtroom during the verdict.",
    "The company's shares are listed on the stock exchange (ticker: EXM).",
    "Protesters carried pictures of the jailed activist through the city centre.",
    "Copyright law was at the centre of the dispute between the two publishers.",
    "All rights groups condemned the arrests, calling them politically motivated.",
    "The minister told reporters: \"We will not accept any deal that divides the country.\"",
    "Advertisements for the rally appeared across the city on Friday.",
    "Sources close to the negotiations said a deal could come within days.",
    "US - Iran relations have worsened since the tanker was seized, analysts said.",
]


@pytest.mark.parametrize("sentence", KEEP)
def test_ordinary_sentence_is_kept(sentence):
    text = f"{BODY_1}\n\n{sentence}\n\n{BODY_2}"
    cleaned = clean_text(text)
    assert cleaned.text == text
    assert cleaned.furniture == []
    assert cleaned.dateline is None


@pytest.mark.parametrize("sentence", KEEP[:8])
def test_ordinary_sentence_is_kept_in_first_paragraph(sentence):
    """First paragraphs are where breadcrumbs and datelines are looked for."""
    cleaned = clean_text(f"{sentence}\n\n{BODY_1}")
    assert cleaned.text == f"{sentence}\n\n{BODY_1}"
    assert cleaned.furniture == [] and cleaned.section is None


DATELINES = [
    ("ANCHORAGE, Alaska, Feb 26 (Reuters) - A small plane crashed near the airport.",
     "ANCHORAGE, Alaska", None, "A small plane crashed near the airport."),
    ("BAGHDAD (AP) — Iraqi lawmakers voted on Sunday to hold early elections.",
     "BAGHDAD", None, "Iraqi lawmakers voted on Sunday to hold early elections."),
    ("WASHINGTON, Jan. 3 - The Senate passed the spending bill late on Friday.",
     "WASHINGTON", None, "The Senate passed the spending bill late on Friday."),
    ("LONDON — Britain's prime minister faced a confidence vote on Monday.",
     "LONDON", None, "Britain's prime minister faced a confidence vote on Monday."),
    ("NEW DELHI, March 4, 2021 (PTI) - The government announced new vaccine rules.",
     "NEW DELHI", "2021-03-04", "The government announced new vaccine rules."),
    ("Kabul, Aug. 14 — Fighting spread to the outskirts of the city overnight.",
     "Kabul", None, "Fighting spread to the outskirts of the city overnight."),
    ("SEOUL, Aug. 20 (Yonhap) -- North Korea fired two short-range missiles.",
     "SEOUL", None, "North Korea fired two short-range missiles."),
    ("Moscow (Reuters) - Russia expelled two diplomats on Wednesday.",
     "Moscow", None, "Russia expelled two diplomats on Wednesday."),
    ("ST. JOSEPH, Mich. (AP) — A judge ordered the release of the documents.",
     "ST. JOSEPH, Mich.", None, "A judge ordered the release of the documents."),
    ("GENEVA, 12 May 2020 (AFP) - The WHO warned of a second wave of infections.",
     "GENEVA", "2020-05-12", "The WHO warned of a second wave of infections."),
]


@pytest.mark.parametrize("paragraph, place, day, rest", DATELINES)
def test_dateline_becomes_place_and_date(paragraph, place, day, rest):
    cleaned = clean_text(f"{paragraph}\n\n{BODY_2}")
    assert cleaned.dateline == place
    assert cleaned.dateline_date == day
    assert cleaned.text == f"{rest}\n\n{BODY_2}"
    assert [f.kind for f in cleaned.furniture] == ["dateline"]
    assert paragraph.startswith(cleaned.furniture[0].text)


@pytest.mark.parametrize("paragraph", [
    "NATO — the alliance that has kept the peace in Europe for decades — meets today.",
    "EXCLUSIVE - Officials say the deal is close to being signed this week.",
    "US - Iran talks resumed in Vienna on Monday after a pause of five months.",
    "Tehran says the sanctions are illegal and will be challenged in court.",
])
def test_not_a_dateline(paragraph):
    cleaned = clean_text(paragraph)
    assert cleaned.dateline is None and cleaned.text == paragraph


def test_dateline_only_at_the_start_of_the_story():
    late = f"{BODY_1}\n\n{BODY_2}\n\n{BODY_1}\n\nBAGHDAD (AP) — Lawmakers met again on Monday."
    assert clean_text(late).dateline is None


@pytest.mark.parametrize("line, section", [
    ("News   /   Iraq", "Iraq"),
    ("Home > World > Middle East", "Middle East"),
    ("World » Asia", "Asia"),
    ("Politics | Elections", "Elections"),
    ("Home / News", None),  # a trail, but it names no section
])
def test_breadcrumb_becomes_section(line, section):
    cleaned = clean_text(f"{line}\n\n{BODY_1}")
    assert cleaned.section == section
    assert cleaned.text == BODY_1
    assert [f.kind for f in cleaned.furniture] == ["breadcrumb"]


@pytest.mark.parametrize("line", [
    "Iran / US talks stall again",  # a headline with a slash, first part no site root
    "<Acme Industries Ltd> said it has agreed to sell its steel unit",
    "Russia and Ukraine agree to new prisoner swap",
])
def test_headline_is_not_a_breadcrumb(line):
    cleaned = clean_text(f"{line}\n\n{BODY_1}")
    assert cleaned.section is None and cleaned.text.startswith(line)


def test_credit_at_the_end_of_a_long_paragraph_cuts_only_the_credit():
    long = (" ".join([BODY_1, BODY_2, BODY_1, BODY_2]) + " (AFP photo)")
    cleaned = clean_text(long)
    assert cleaned.text == " ".join([BODY_1, BODY_2, BODY_1, BODY_2])
    assert [(f.kind, f.text) for f in cleaned.furniture] == [("caption", "(AFP photo)")]


def test_footer_takes_the_short_link_lines_after_it():
    text = (f"{BODY_1}\n\nExample TV's website can also be accessed at the following alternate "
            "addresses:\n\nexample.tv\n\nExample News Roku")
    cleaned = clean_text(text)
    assert cleaned.text == BODY_1
    assert [f.kind for f in cleaned.furniture] == ["footer", "footer", "footer"]


def test_footer_does_not_eat_the_story_after_it():
    text = f"All rights reserved.\n\n{BODY_1}\n\n{BODY_2}"
    assert clean_text(text).text == f"{BODY_1}\n\n{BODY_2}"


def test_hard_wrapped_paragraphs_are_joined():
    text = ("The finance ministry said on Tuesday that it would\ndelay the budget vote by a "
            "week after talks with\nopposition parties stalled in the capital.\n\n" + BODY_2)
    assert clean_text(text).text == (
        "The finance ministry said on Tuesday that it would delay the budget vote by a week "
        "after talks with opposition parties stalled in the capital.\n\n" + BODY_2)


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_gives_nothing(text):
    cleaned = clean_text(text)
    assert cleaned.text == "" and cleaned.furniture == [] and cleaned.section is None


@pytest.mark.parametrize("text, day", [
    ("Feb 26, 2021", "2021-02-26"),
    ("3 January 2020", "2020-01-03"),
    ("Tuesday, March 2, 2021", "2021-03-02"),
    ("Feb 26", None),
    ("Feb 30, 2021", None),
])
def test_parse_dateline_date(text, day):
    assert parse_dateline_date(text) == day
