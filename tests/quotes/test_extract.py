"""Quote extraction, table-driven: every form the extractor handles, and sentences that
must yield no quote. Sentences are written for this project.

Each expected quote is (kind, speaker, cue, start of content); ``None`` in a slot means
"not checked". Quotes are compared in text order and their number must match exactly.
"""
from __future__ import annotations

import pytest

from newsevents.quotes import QuoteOptions, extract_quotes

Q = tuple[str, str | None, str | None, str | None]
BROAD = QuoteOptions(scope="attribution", include_cognition=True)

CASES: list[tuple[str, str, list[Q]]] = [
    # -- direct: quote first ------------------------------------------------------------
    ("qf-curly", "“We will rebuild every bridge,” Governor Alan Marsh said on Monday.",
     [("direct", "Alan Marsh", "said", "“We will rebuild")]),
    ("qf-straight", '"We will rebuild every bridge," Governor Alan Marsh said.',
     [("direct", "Alan Marsh", "said", '"We will rebuild')]),
    ("qf-inverted", "“The border will stay open,” said Carla Ruiz, a spokeswoman for the ministry.",
     [("direct", "Carla Ruiz", "said", "“The border")]),
    ("qf-told", "“Nobody wants another war,” Omar Haddad told reporters in Amman.",
     [("direct", "Omar Haddad", "told", "“Nobody wants")]),
    ("qf-question", "“Who will pay for the new wall?” the senator asked.",
     [("direct", "the senator", "asked", "“Who will pay")]),
    ("qf-exclaim", "“Get out of our country!” the protesters shouted outside the embassy.",
     [("direct", "the protesters", "shouted", "“Get out")]),
    ("qf-short", "“Never,” Mr. Okafor replied.", [("direct", "Okafor", "replied", "“Never")]),
    ("qf-channel", "“The talks failed,” the foreign ministry said in a statement on Sunday.",
     [("direct", "the foreign ministry", "said in a statement", "“The talks failed")]),
    ("qf-nyt-marks", "''We are not leaving,'' said Pedro Alves, the union leader.",
     [("direct", "Pedro Alves", "said", "''We are not leaving")]),
    ("qf-nested", "“They told us ‘go home’ and we refused,” Amina Yusuf said.",
     [("direct", "Amina Yusuf", "said", "“They told us ‘go home’")]),
    ("qf-nested-double", "“My answer was “no” from the very start,” Lena Park said.",
     [("direct", "Lena Park", "said", "“My answer was “no”")]),
    ("qf-according", "“The dam could fail within days,” according to a report by the water agency.",
     [("direct", None, "according to", "“The dam could fail")]),
    ("qf-adding", "“We have done our part,” Mr. Tanaka said, adding that the rest was up to Congress.",
     [("direct", "Tanaka", "said", "“We have done our part"),
      ("indirect", "Tanaka", "adding", "that the rest")]),
    # -- direct: speaker first -----------------------------------------------------------
    ("sf-colon", "The minister said: “We will not accept foreign troops on our soil.”",
     [("direct", "The minister", "said", "“We will not accept")]),
    ("sf-comma", "Ruth Adler said, “The budget is a moral document.”",
     [("direct", "Ruth Adler", "said", "“The budget is")]),
    ("sf-told", "Ruth Adler told the committee, “The budget is a moral document.”",
     [("direct", "Ruth Adler", "told", "“The budget is")]),
    ("sf-that-quote", "Ruth Adler said that “the budget is a moral document.”",
     [("direct", "Ruth Adler", "said", "that “the budget")]),
    ("sf-added", "He added: “We will be back next year.”", [("direct", "He", "added", "“We will be back")]),
    # -- interrupted and continued quotations --------------------------------------------------
    ("interrupted", "“The vote was rigged,” Peter Lang said, “and everyone knows it.”",
     [("direct", "Peter Lang", "said", "“The vote was rigged")]),
    ("continued-sentence",
     "“We knew the risks,” Sara Cole said. “We went anyway because the people needed food.”",
     [("direct", "Sara Cole", "said", "“We knew the risks")]),
    ("multi-paragraph",
     "Maria Santos said: “The first shipment arrived on Monday.\n\n"
     "“The second will come next week if the road stays open.”",
     [("direct", "Maria Santos", "said", "“The first shipment")]),
    ("colon-next-paragraph",
     "Senator Joan Pike made the following comment:\n\n“We cannot cut taxes and raise spending at once.”",
     [("direct", "Joan Pike", "made", "“We cannot cut taxes")]),
    ("signed-dash", "“This election is about our children and their future.” ― Dolores Vega",
     [("direct", "Dolores Vega", "―", "“This election")]),
    ("transcript",
     "WALLACE: Governor, will you debate again next week?\n\nPENCE: Well, the answer is yes, we will.",
     [("direct", "WALLACE", ":", "Governor, will you"), ("direct", "PENCE", ":", "Well, the answer")]),
    # -- indirect ------------------------------------------------------------------------
    ("ind-that", "The army said that two soldiers were wounded in the attack.",
     [("indirect", "The army", "said", "that two soldiers")]),
    ("ind-no-that", "The spokesman says the United States does not want to leave Iraq.",
     [("indirect", "The spokesman", "says", "the United States")]),
    ("ind-told", "Prime Minister Lucas Brandt told parliament that the budget would be balanced.",
     [("indirect", "Lucas Brandt", "told", "that the budget")]),
    ("ind-statement", "The ministry said in a statement on Monday that the border would reopen.",
     [("indirect", "The ministry", "said in a statement", "that the border")]),
    ("ind-warned", "Officials warned that the river could flood the city by Friday.",
     [("indirect", "Officials", "warned", "that the river")]),
    ("ind-asked", "Reporters asked whether the talks would resume.",
     [("indirect", "Reporters", "asked", "whether the talks")]),
    ("ind-denied", "The company denied that it had paid any bribes.",
     [("indirect", "The company", "denied", "that it had paid")]),
    ("ind-accused", "The opposition accused the government of rigging the vote.",
     [("indirect", "The opposition", "accused", "the government of rigging")]),
    ("ind-vowed", "The rebels vowed to retake the city before winter.",
     [("indirect", "The rebels", "vowed", "to retake the city")]),
    ("ind-according-first", "According to the report, the troops will leave by December.",
     [("indirect", None, "According to", "the troops will leave")]),
    ("ind-according-last", "The troops will leave by December, according to the report.",
     [("indirect", None, "according to", "The troops will leave")]),
    ("ind-reporting-last", "The troops will leave by March, the defence minister said.",
     [("indirect", "the defence minister", "said", "The troops will leave")]),
    ("ind-parenthetical", "The ceasefire, the general said, was holding in the north.",
     [("indirect", "the general", "said", "The ceasefire")]),
    ("ind-pointed-out", "Analysts pointed out that oil prices had doubled since March.",
     [("indirect", "Analysts", "pointed out", "that oil prices")]),
    ("ind-called-for", "The union called for the resignation of the transport minister.",
     [("indirect", "The union", "called for", "the resignation")]),
    # -- mixed ---------------------------------------------------------------------------
    ("mixed", "Ms. Ortiz said the new law would “punish the poorest families in the state.”",
     [("mixed", "Ortiz", "said", "the new law would")]),
    ("mixed-leading", "The plan, she said, “will not survive its first winter.”",
     [("mixed", "she", "said", "The plan")]),
    # -- speakers ------------------------------------------------------------------------
    ("pronoun",
     "Mahmoud Karimi spoke to the Arabic-language network on Saturday. "
     "He added that the people were still waiting for the troops to leave.",
     [("indirect", "Mahmoud Karimi", "added", "that the people")]),
    ("pronoun-after-quote",
     "“The talks are over,” Nadia Petrova said. She added that a new round could start in May.",
     [("direct", "Nadia Petrova", "said", "“The talks"),
      ("indirect", "Nadia Petrova", "added", "that a new round")]),
    ("pronoun-gender",
     "Mrs. Alvarez met Mr. Brooks in Denver on Tuesday. She said the meeting had gone well.",
     [("indirect", "Alvarez", "said", "the meeting")]),
    ("pronoun-group",
     "The Central Bank raised rates again. They said inflation was still too high.",
     [("indirect", "The Central Bank", "said", "inflation")]),
    ("description",
     "Ministry spokesman Ali Farouk spoke after the vote. The spokesman said the result was final.",
     [("indirect", "Ali Farouk", "said", "the result")]),
    ("joint",
     "Kenya and Uganda said in a joint statement that the border dispute was settled.",
     [("indirect", "Kenya and Uganda", "said in a joint statement", "that the border")]),
    ("joint-titles",
     "President Ana Lopes and Prime Minister Jonas Berg declared that the treaty would be signed.",
     [("indirect", "Ana Lopes and Jonas Berg", "declared", "that the treaty")]),
    ("full-name",
     "Defence Minister Rafael Costa visited the base. “We are ready,” Costa said.",
     [("direct", "Rafael Costa", "said", "“We are ready")]),
    # -- headlines -----------------------------------------------------------------------
    ("headline-content-first", "US not to exit Iraq before reaching its goals: Resistance group\n\nText.",
     [("indirect", "Resistance group", ":", "US not to exit")]),
    ("headline-speaker-first", "Minister: ‘We will not leave the city’\n\nText follows here.",
     [("direct", "Minister", ":", "‘We will not leave")]),
    # -- robustness: unbalanced and odd marks never fail ---------------------------------------
    ("unbalanced-open", "Mr. Reyes said, “We will fight on and we will win.\n\nThe vote is on Sunday.",
     [("direct", "Reyes", "said", "“We will fight on")]),
    ("stray-close", "The vote is on Sunday.” Mr. Reyes said nothing else.", []),
    ("lone-mark", "“", []),
    ("marks-only", "“ ” \" '' ‘ ’", []),
    # -- partial quotations after the cue: the words between belong to the content --------
    ("mixed-gap-said", "The mayor said the new budget was “a betrayal of every family in this city.”",
     [("mixed", "The mayor", "said", "the new budget was “a betrayal")]),
    ("mixed-gap-accused", "Senator Hale accused the agency of “hiding the truth from the public.”",
     [("mixed", "Hale", "accused", "the agency of “hiding")]),
    # -- stance verbs are quotes in the speech scope only when they quote words -------------
    ("stance-quoting", "Governor Ray Tomlin criticized the law as “a crazy system nobody needs.”",
     [("mixed", "Ray Tomlin", "criticized", "the law as “a crazy system")]),
    ("stance-learned-quoting", "Ms. Ortiz portrayed her rival as “a man who never worked a day.”",
     [("mixed", "Ortiz", "portrayed", "her rival as “a man")]),
    ("learned-clause", "The senator reminded voters that the vote would be close.",
     [("indirect", "The senator", "reminded", "that the vote would be close")]),
    # -- speakers ----------------------------------------------------------------------------
    ("speaker-after-timestamp", "12:15 p.m.\n\nGovernor Ana Ortiz says the bridge will reopen soon.",
     [("indirect", "Ana Ortiz", "says", "the bridge will reopen")]),
    ("speaker-they-joint",
     "Senator Mark Hale and Senator Ruth Lowe say the program needs oversight. "
     "It has grown far beyond its purpose, they say.",
     [("indirect", "Mark Hale and Ruth Lowe", "say", "the program"),
      ("indirect", "Mark Hale and Ruth Lowe", "say", "It has grown")]),
    ("continuation-not-stolen",
     "“These are hard times,” said Dana Reyes, a lawyer who has been fighting the mine "
     "owners for years. “I doubt he can pull it off.”",
     [("direct", "Dana Reyes", "said", "“These are hard times")]),
    # -- nouns of saying with a content clause (the speech scope takes them) -----------------
    ("noun-claim-possessor", "Senator Lena Ortiz's claim that the tunnel was safe drew sharp criticism.",
     [("indirect", "Lena Ortiz", "claim", "that the tunnel was safe")]),
    ("noun-warning-issued", "The weather service issued a warning that the river would flood by Friday.",
     [("indirect", "The weather service", "warning", "that the river would flood")]),
    ("noun-announcement-by",
     "Traders welcomed the announcement by the ministry that the border would reopen.",
     [("indirect", "the ministry", "announcement", "that the border would reopen")]),
    ("noun-promise-pronoun",
     "Mayor Tom Reid spoke on Monday. His promise that taxes would not rise was met with doubt.",
     [("indirect", "Tom Reid", "promise", "that taxes would not rise")]),
    ("noun-denial-that-misparsed",
     "The company's denial that it had paid bribes did not satisfy the court.",
     [("indirect", "The company", "denial", "that it had paid bribes")]),
    # -- a reporting verb between two quotations takes the second one ----------------------
    ("relative-cue-owns-quotation",
     "“These are hard times,” said Dana Reyes, who added that the mine owners “will never give up.”",
     [("direct", "Dana Reyes", "said", "“These are hard times"),
      ("mixed", "Dana Reyes", "added", "that the mine owners “will never")]),
    ("relative-belief-not-joined",
     "“We are not afraid,” said Omar Diaz, who thinks the army “has already lost this war.”",
     [("direct", "Omar Diaz", "said", "“We are not afraid,”")]),
    # -- "as X put it" and a cue inside a relative clause ------------------------------------
    ("as-put-it", "As the mayor put it, “nobody wins a trade war.”",
     [("direct", "the mayor", "put it", "“nobody wins")]),
    ("as-put-it-mixed", "As Governor Ortiz put it, the budget is “a promise we cannot keep.”",
     [("mixed", "Ortiz", "put it", "the budget is “a promise")]),
    ("relative-said-clause", "The strike, which executives said could affect earnings, ended.",
     [("indirect", "executives", "said", "could affect earnings")]),
    # -- what a text says ---------------------------------------------------------------------
    ("read-sign", "“No new taxes,” read the banner at the front of the march.",
     [("direct", "the banner", "read", "“No new taxes")]),
    # -- a reporting clause whose verb is outside the lexicon: the comma inside the marks,
    # or the comma after "SUBJECT VERB", links the quotation to it -------------------------
    ("any-verb-after", "“You will regret this vote,” Senator Hale barked at the chairman.",
     [("direct", "Hale", "barked", "“You will regret")]),
    ("any-verb-after-inverted", "“This is a great day for the town,” beamed Mayor Lisa Grant.",
     [("direct", "Lisa Grant", "beamed", "“This is a great day")]),
    ("any-verb-after-pronoun", "“We have waited long enough,” she snapped.",
     [("direct", "she", "snapped", "“We have waited")]),
    ("any-verb-after-question", "“Is anyone listening to us?” a woman in the crowd heckled.",
     [("direct", "a woman in the crowd", "heckled", "“Is anyone listening")]),
    ("any-verb-before", "He answered, “The money went to the schools, every cent of it.”",
     [("direct", "He", "answered", "“The money went")]),
    ("any-verb-before-noun",
     "The old farmer grumbled, “Every summer the river takes another field.”",
     [("direct", "The old farmer", "grumbled", "“Every summer")]),
    ("any-verb-after-misparsed-subject",
     "“Sit down and wait your turn,” Kessler barked as aides led the heckler away.",
     [("direct", "Kessler", "barked", "“Sit down")]),
    # the name stands between the quotation and a known verb but the parse took it into
    # the quotation's clause
    ("verb-after-apposition-age",
     "“The harvest failed in every valley,” Okoro, 61, told reporters in Lagos.",
     [("direct", "Okoro", "told", "“The harvest failed")]),
    ("verb-after-apposition-role",
     "“The port will not reopen this year,” Dana Whitfield, director of the Harbour Trust, "
     "tells the Gazette.",
     [("direct", "Dana Whitfield", "tells", "“The port will not")]),
    # -- a name and a colon before a quotation ----------------------------------------------
    ("colon-name", "Senator Alan Marsh: “We will not back down on this issue.”",
     [("direct", "Alan Marsh", ":", "“We will not back down")]),
    ("colon-said-name", "Said Marlowe: “I doubt he ever read the budget.”",
     [("direct", "Marlowe", "Said", "“I doubt he")]),
    ("colon-said-name-glued", "Said Thompson: “The harbour plan was never costed.”",
     [("direct", "Thompson", "Said", "“The harbour plan")]),
    ("colon-from-document",
     "From the ministry's statement: “The border crossing will reopen on Monday.”",
     [("direct", "the ministry's statement", ":", "“The border crossing")]),
    # -- a quotation that ends a "that" clause: the clause is the content (mixed), even when
    #    the parse hangs the clause from the channel or time phrase ----------------------------
    ("mixed-that-channel",
     "Ines Ruiz says in a statement that Okafor’s “careless remarks have damaged the peace talks.”",
     [("mixed", "Ines Ruiz", "says in a statement", "that Okafor’s “careless")]),
    ("mixed-that-after-time",
     "Marsh said following a hearing in 2019 that he had “grave doubts about the whole project.”",
     [("mixed", "Marsh", "said", "that he had “grave")]),
    ("mixed-that-letter",
     "The mayor wrote in a letter that the council’s “budget will close three libraries.”",
     [("mixed", "The mayor", "wrote in a letter", "that the council’s")]),
    ("direct-that-only", "The minister told reporters that “the border will reopen on Friday.”",
     [("direct", "The minister", "told", "that “the border")]),
    # -- "according to" after a quotation that carries on its sentence ------------------------
    ("mixed-according-lead",
     "The new bridge will be “ready before the winter storms arrive,” according to the ministry.",
     [("mixed", "the ministry", "according to", "The new bridge will be “ready")]),
    # -- "called X “...”": the object and the quoted name are one mixed content ---------------
    ("mixed-called-object",
     "The union leader called the new contract “a betrayal of every nurse in the city.”",
     [("mixed", "The union leader", "called", "the new contract “a betrayal")]),
    # -- chants and inscriptions: slogans are quoted even when short or in Title Case -------
    ("direct-chants-of", "The crowd broke into chants of “Four more years!” as the mayor arrived.",
     [("direct", "The crowd", "chants", "“Four more years!”")]),
    ("direct-sign-reading", "Farmers carried a sign reading “Save Our Fields” past the ministry.",
     [("direct", "a sign", "reading", "“Save Our Fields”")]),
    ("direct-banner-read", "Above the stage, the banner read “Farmers First” in red letters.",
     [("direct", "the banner", "read", "“Farmers First”")]),
    # -- a comma inside the closing marks ends the quoted words: the clause after is not
    #    theirs ----------------------------------------------------------------------------
    ("direct-comma-then-participle",
     "Kessler told the crowd, “We will not close a single clinic in this county,” drawing "
     "cheers from the back rows.",
     [("direct", "Kessler", "told", "“We will not close")]),
    ("direct-comma-then-and",
     "Marsh promised voters, “We will fix every road in this district,” and then left the stage.",
     [("direct", "Marsh", "promised", "“We will fix")]),
    # -- two cues before one quotation: the nearer one reports it -----------------------------
    ("direct-asked-then-said",
     "Asked about the strike, Okafor said, “Nobody in this city wants a long dispute.”",
     [("direct", "Okafor", "said", "“Nobody in this city")]),
    # -- no quote --------------------------------------------------------------------------
    ("none-chorus-one-word", "The speech ended to a chorus of “boos” from the back rows.", []),
    ("none-chants-no-quotation", "Chants of protest filled the square until midnight.", []),
    ("none-person-reads-title", "He read “The Quiet Harbour” to his grandchildren.", []),
    ("none-title-after-of",
     "Dana Whitfield, author of “Rivers of the North,” pointed out the flaws in the report.", []),
    ("ind-title-after-starred-in",
     "Ruiz, who starred in “Harbour of the Lost,” said the film was done.",
     [("indirect", "Ruiz", "said", "the film was done")]),
    ("none-called-title", "Critics called the film “The Long Night” a failure.", []),
    ("none-title-relative-verb", "“Hard Times,” the novel that made him famous, sold well.", []),
    ("none-title-which", "“The Road Home,” which premiered in May, won the prize.", []),
    ("none-title-then-verb", "“Silent Harbour,” stars a young actor from Dublin.", []),
    ("none-you-know", "“We will get there,” you know, is what they always say.", []),
    ("none-title-after-comma", "The actor stars, “Night Train,” in the new series.", []),
    ("none-colon-no-name",
     "A new slogan for the campaign: “Build the future now.” It was unveiled on Monday.", []),
    ("none-noun-no-clause", "The claim was false.", []),
    ("none-noun-of-accounts", "The company published a statement of accounts in March.", []),
    ("none-noun-no-speaker", "The claim that the tunnel was safe proved wrong.", []),
    ("none-noun-relative-clause", "Ortiz repeated the claim that she made in May.", []),
    ("none-noun-belief", "Her view that the plan would fail was shared by many.", []),
    ("none-stance-no-quotation", "The minister criticized the plan on Tuesday.", []),
    ("none-learned-no-quotation", "The governor lambasted the plan on Friday.", []),
    ("none-scare-quote", "The so-called “peace dividend” never arrived.", []),
    ("none-scare-one-word", "Critics called the plan a “disaster.”", []),
    ("none-book-title", "She was reading “The Art of the Deal” on the train to Boston.", []),
    ("none-film-title", "The film “Casablanca” was shown in the town square.", []),
    ("none-show-title", "He appeared on “Meet the Press,” where he discussed taxes.", []),
    ("none-term", "Officials used the term “soft power” in their report.", []),
    ("none-nickname", "Marcel Lehel, the hacker known as “Guccifer,” was extradited.", []),
    ("none-plain", "Officials met in Geneva on Monday to discuss the ceasefire.", []),
    ("none-said-nothing", "The minister said nothing about the strike.", []),
    ("none-asked-about", "Asked about the vote, the mayor smiled and walked away.", []),
    ("none-cognition", "The general believes that the war will end by spring.", []),
    ("none-apostrophes", "The voters’ anger didn’t fade, and the party’s leaders knew it.", []),
    ("none-inches", 'The storm dropped 12" of snow on the town.', []),
]


def _check(quotes, expected: list[Q]) -> None:
    got = [(q.kind, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None, q.text)
           for q in quotes]
    assert len(got) == len(expected), f"got {got}"
    for (kind, speaker, cue, text), (e_kind, e_speaker, e_cue, e_start) in zip(got, expected):
        assert kind == e_kind, got
        if e_speaker is not None:
            assert speaker == e_speaker, got
        if e_cue is not None:
            assert cue == e_cue, got
        if e_start is not None:
            assert text.startswith(e_start), got


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_quotes(bare_nlp, name, text, expected):
    doc = bare_nlp(text)
    quotes = list(extract_quotes(doc))
    _check(quotes, expected)
    for q in quotes:  # offsets always index the text
        assert doc.text[q.start : q.end] == q.text
        assert doc.text[q.cue.start : q.cue.end] == q.cue.text


def test_table_is_large_enough():
    assert len(CASES) >= 60
    assert sum(1 for _, _, expected in CASES if not expected) >= 12


@pytest.mark.parametrize(
    "options, text, kinds",
    [
        (QuoteOptions(), "The general believes that the war will end by spring.", []),
        (QuoteOptions(include_cognition=True), "The general believes that the war will end.",
         ["indirect"]),
        # A belief does not make a quotation a direct quote: the words were not said.
        (QuoteOptions(include_cognition=True),
         "The general believes that “the war will end by spring.”", []),
        (QuoteOptions(include_cognition=True),
         "“We are not afraid,” said Omar Diaz, who thinks “the army has already lost.”",
         ["direct"]),
        (QuoteOptions(), "Senator Ruiz endorsed the governor on Friday.", []),
        (QuoteOptions(scope="attribution"), "Senator Ruiz endorsed the governor on Friday.",
         ["indirect"]),
        (QuoteOptions(headline_quotes=False), "Troops to stay in the north: Army chief\n\nText.", []),
        # The attribution scope also takes beliefs and stances named by a noun or an
        # adjective, and what a verb of saying is about.
        (BROAD, "Her view is that the plan will fail.", ["indirect"]),
        (BROAD, "Senator Ruth Lowe voiced strong support for the bill.", ["indirect"]),
        (BROAD, "Their criticism of the ruling was sharp.", ["indirect"]),
        (BROAD, "The governor was adamant that the bridge would reopen.", ["indirect"]),
        (BROAD, "The senator is eager to leave Washington.", ["indirect"]),
        (BROAD, "The minister commented on the strike.", ["indirect"]),
        (BROAD, "The governor is expected to sign the bill.", ["indirect"]),
        (BROAD, "The mayor proposed a new tax on sugar.", ["indirect"]),
        (QuoteOptions(), "The mayor proposed a new tax on sugar.", []),
        (QuoteOptions(), "Their criticism of the ruling was sharp.", []),
        (BROAD, "A statement of accounts was filed in March.", []),
        (BROAD, "Support for the bill grew over the summer.", []),
        (BROAD, "The claim was false.", []),
        (BROAD, "The senator was happy.", []),
    ],
)
def test_options(bare_nlp, options, text, kinds):
    assert [q.kind for q in extract_quotes(bare_nlp(text), options=options)] == kinds


def test_extract_does_not_change_the_doc(bare_nlp):
    doc = bare_nlp("“We will win,” Ms. Diaz said.")
    before = (doc.to_bytes(), doc._.quotes)
    list(extract_quotes(doc))
    assert (doc.to_bytes(), doc._.quotes) == before


def test_unparsed_doc_yields_only_headlines(bare_nlp):
    doc = bare_nlp.make_doc("“We will win,” Ms. Diaz said.")
    assert list(extract_quotes(doc)) == []
