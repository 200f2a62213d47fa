"""Trigger files: loading, validation with clear errors, user extension, matching."""
from __future__ import annotations

import pytest

from newsevents.errors import KnowledgeBaseError
from newsevents.events.ontology import load_ontology
from newsevents.events.triggers import _expand, load_triggers

ONTO = load_ontology()


@pytest.fixture(scope="module")
def index():
    return load_triggers(ONTO)


def test_shipped_triggers_load_and_cover_every_category(index):
    kinds = {spec.type for specs in index.by_head.values() for spec in specs}
    assert kinds == set(ONTO.categories)
    assert len(index) > 500


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("attack", ["attack"]),
        ("open fire", ["open fire"]),
        ("give|provide aid|fund", ["give aid", "give fund", "provide aid", "provide fund"]),
    ],
)
def test_alternatives_expand(pattern, expected):
    assert _expand(pattern) == expected


@pytest.mark.parametrize(
    "content, error",
    [
        ("verbs:\n  ASSAULT:\n    zap: {mode: beat}\n", r"E610.*zap"),
        ("verbs:\n  ASSAULT:\n    zap: \"999\"\n", r"E611.*999"),
        ("verbs:\n  FLY:\n    zap: \"190\"\n", r"E612.*FLY"),
        ("verbs:\n  ASSAULT:\n    zap: {cameo: \"190\", mode: tickle}\n", r"E613.*tickle.*Valid"),
        ("verbs:\n  ASSAULT:\n    zap: {cameo: \"190\", frame: wrap}\n", r"E614.*wrap"),
        ("verbs:\n  ASSAULT:\n    zap: {cameo: \"190\", to: [obj2]}\n", r"E617.*obj2"),
        ("verbs:\n  ASSAULT:\n    zap: {cameo: \"190\", needs: telepathy}\n", r"E615.*telepathy"),
        ("verbs:\n  ASSAULT:\n    zap: {cameo: \"190\", needs: [object, telepathy]}\n", r"E615.*telepathy"),
        ("verbs:\n  ASSAULT:\n    zap: {cameo: \"190\", context: far}\n", r"E623.*far"),
        ("cues:\n  maybe: [perhaps]\n", r"E622.*maybe"),
        ("- just a list\n", r"E621"),
    ],
)
def test_bad_trigger_files_name_file_entry_and_options(tmp_path, content, error):
    path = tmp_path / "mine.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=error) as info:
        load_triggers(ONTO, [path])
    if "E62" not in error:
        assert "mine.yaml" in str(info.value)


def test_needs_and_requires_load_as_sets(tmp_path):
    path = tmp_path / "senses.yaml"
    path.write_text(
        "verbs:\n  ASSAULT:\n    zap: {cameo: \"190\", needs: [object, actor_object]}\n"
        "  ACCUSE:\n    zap: {cameo: \"111\", requires: [plan, law]}\n",
        encoding="utf-8",
    )
    specs = load_triggers(ONTO, [path]).by_head[("verb", "zap")]
    # two senses side by side; the one with a context is tried first
    assert [(s.type, s.requires, s.needs) for s in specs] == [
        ("ACCUSE", frozenset({"plan", "law"}), frozenset()),
        ("ASSAULT", frozenset(), frozenset({"object", "actor_object"})),
    ]


def test_missing_trigger_file_is_a_clear_error(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="E619.*nothere.yaml"):
        load_triggers(ONTO, [tmp_path / "nothere.yaml"])


def test_user_file_adds_and_overrides_patterns(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text(
        "verbs:\n  ASSAULT:\n    zap: \"190\"\n  PROTEST:\n    attack: \"140\"\n"
        "cues:\n  negators: [nary]\n",
        encoding="utf-8",
    )
    index = load_triggers(ONTO, [path])
    assert index.by_head[("verb", "zap")][0].type == "ASSAULT"
    assert index.by_head[("verb", "attack")][-1].type == "PROTEST"  # replaced the shipped one
    assert "nary" in index.cues.negators and "not" in index.cues.negators


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("Israel attacked Gaza.", "attacked", "attack"),
        ("Egypt held talks with Israel.", "held", "hold talk"),
        ("Police opened fire on protesters.", "opened", "open fire"),
        ("Nairobi and Kampala said in a joint statement.", "statement", "joint statement"),
        ("The army launched an air strike.", "strike", "air strike"),
        ("Workers went on a strike.", "strike", "strike"),
        ("The ministry released a statement.", "released", None),  # "unless" blocks it
        ("He said he was tired.", "said", None),
        ("They watched a film.", "watched", None),
        # general news phrasings added from PLV_train / GSR dev misses (written for this test)
        ("Thousands of Syrians sought refuge in Turkey.", "sought", "seek refuge"),
        ("The rebels will lay down their weapons.", "lay", "lay down weapon"),
        ("The president granted a pardon to the journalist.", "granted", "grant pardon"),
        ("Ankara closed the border crossing.", "closed", "close crossing"),
        ("Japan sent a team of doctors to Nepal.", "sent", "send team"),
        ("The court opened a hearing into the killings.", "opened", "open hearing"),
        ("The militants held villagers as human shields.", "held", "hold human shield"),
        ("Washington will increase pressure on Tehran.", "increase", "increase pressure"),
        ("The two navies held war games.", "games", "war game"),
        ("The newspaper violated a ban by the army.", "violated", "violate ban"),
        ("The UN withdrew its peacekeepers from the border.", "withdrew", "withdraw peacekeeper"),
        ("The army withdrew its troops from the border.", "withdrew", "withdraw"),
        ("The rebels sought a new leader.", "sought", None),  # seeking, not refuge
        ("The court opened a new building.", "opened", None),
    ],
)
def test_match(bare_nlp, index, text, word, expected):
    doc = bare_nlp(text)
    token = next(t for t in doc if t.text == word)
    spec = index.match(token)
    assert (spec.pattern if spec else None) == expected


def test_round_3b_options_load(tmp_path):
    path = tmp_path / "news.yaml"
    path.write_text(
        "verbs:\n  ACCUSE:\n    zap: {cameo: \"111\", context: object, requires: [plan], needs: argument}\n"
        "nouns:\n  ASSAULT:\n    zop: {cameo: \"190\", requires: [\"@norp\"], not_by: [army]}\n",
        encoding="utf-8",
    )
    index = load_triggers(ONTO, [path])
    (zap,) = index.by_head[("verb", "zap")]
    assert (zap.context, zap.needs) == ("object", frozenset({"argument"}))
    (zop,) = index.by_head[("noun", "zop")]
    assert (zop.requires, zop.not_by) == (frozenset({"@norp"}), frozenset({"army"}))


def test_a_list_gives_several_senses_of_one_pattern(tmp_path):
    path = tmp_path / "senses.yaml"
    path.write_text(
        "verbs:\n  ASSAULT:\n    zap: [{cameo: \"183\", requires: [bomb]}, {cameo: \"175\", requires: [protester]}]\n"
        "  CONCEDE:\n    zop: {cameo: \"080\", not_by: [law], needs: [verb_complement, no_stative_clause]}\n",
        encoding="utf-8",
    )
    index = load_triggers(ONTO, [path])
    assert [(s.cameo, s.requires) for s in index.by_head[("verb", "zap")]] == [
        ("183", frozenset({"bomb"})),
        ("175", frozenset({"protester"})),
    ]
    (zop,) = index.by_head[("verb", "zop")]
    assert zop.not_by == frozenset({"law"})
    assert zop.needs == frozenset({"verb_complement", "no_stative_clause"})


@pytest.mark.parametrize(
    "text, word, expected",
    [
        # round 3: a verb's own subject is a sense's context (sentences written for this test)
        ("Peacekeeping troops arrived in Mali.", "arrived", ("AID", "074")),
        ("French troops arrived in Mali.", "arrived", ("MOBILIZE", "154")),
        ("The French president arrived in Mali.", "arrived", ("CONSULT", "042")),
        ("A car bomb killed ten people in Kabul.", "killed", ("ASSAULT", "183")),
        ("Police killed two protesters in Lagos.", "killed", ("ASSAULT", "175")),
        ("Soldiers killed two rebels near Goma.", "killed", ("ASSAULT", "190")),
        # not_by: a rule that allows something is no concession
        ("The minister allowed the rebels to leave.", "allowed", ("CONCEDE", "080")),
        ("The new law allows banks to freeze accounts.", "allows", None),
        # needs verb_complement / no_stative_clause
        ("Ghana is committed to opening its market.", "committed", ("AGREE", "030")),
        ("Ghana is committed to peace.", "committed", None),
        ("The experts agreed that the plan was a failure.", "agreed", None),
        ("The rebels agreed to leave the town.", "agreed", ("AGREE", "030")),
        # unless: a ruling, not a blow
        ("The court struck down the law.", "struck", None),
        # context near: a report verb above the attack does not make it verbal
        ("Militiamen attacked a camp, the agency reported.", "attacked", ("ASSAULT", "190")),
        ("The opposition attacked the budget, the agency reported.", "attacked", ("ACCUSE", "111")),
        # a coordinated object counts as the pattern's object
        ("Egypt sent food and medicine to Gaza.", "sent", ("AID", "073")),
        # round 3b: @norp/@gpe name who strikes; a labour word keeps the labour sense
        ("Turkish strikes continued overnight.", "strikes", ("ASSAULT", "190")),
        ("Russia's strikes continued overnight.", "strikes", ("ASSAULT", "190")),
        ("A French rail strike began.", "strike", ("PROTEST", "143")),
        # not_by for nouns and verbs: a market rallies, an air force displays
        ("The yen staged a rally.", "staged", None),
        ("The yen staged a rally.", "rally", None),
        ("The air force staged a demonstration.", "demonstration", None),
        ("Farmers staged a demonstration.", "demonstration", ("PROTEST", "141")),
        # context object; a passive's agent is who acts
        ("The camp was attacked by militiamen, the statement said.", "attacked", ("ASSAULT", "190")),
        ("The budget was attacked by lawmakers.", "attacked", ("ACCUSE", "111")),
        ("The senator attacked the minister for his remarks.", "attacked", ("ACCUSE", "111")),
        # needs argument; a phrase of time holds no pattern word
        ("Kenya threatened in the ninth.", "threatened", None),
        ("Kenya threatened to leave.", "threatened", ("THREATEN", "130")),
        ("After the attack, police launched a manhunt.", "launched", None),
        # a protest made to a government is a diplomatic complaint
        ("Iraq protested to Turkey.", "protested", ("ACCUSE", "114")),
        ("Students protested in Nairobi.", "protested", ("PROTEST", "140")),
    ],
)
def test_match_senses(bare_nlp, index, text, word, expected):
    doc = bare_nlp(text)
    token = next(t for t in doc if t.text == word)
    spec = index.match(token)
    assert ((spec.type, spec.cameo) if spec else None) == expected


@pytest.mark.parametrize(
    "text, event_type, cameo, recipient",
    [
        # round 3b (news; sentences written for this test): the target after towards/toward,
        # the addressee of a diplomatic protest or a warning, the member suspended, the
        # official impeached, the guest received, the other side of an exchange of fire
        ("Hezbollah fired missiles towards Israel on Friday.", "ASSAULT", "194", "ISR"),
        ("Iran fired two missiles toward a US base in Iraq.", "ASSAULT", "194", "USA"),
        ("Iraq protested to Turkey over the air strikes on its territory.", "ACCUSE", "114", "TUR"),
        ("China warned Japan against interfering in its internal affairs.", "THREATEN", "130", "JPN"),
        ("The African Union suspended Niger after the coup.", "SANCTION", "166", "NER"),
        ("The South Korean president was impeached by parliament in December.", "ACCUSE", "112", "KOR"),
        ("Israeli soldiers exchanged fire with Hezbollah fighters near the border.", "ASSAULT", "193", "LBN"),
        ("The Saudi crown prince received the Qatari emir in Riyadh on Tuesday.", "CONSULT", "043", "QAT"),
        ("Russian strikes continued on Kharkiv for a second night.", "ASSAULT", "190", "UKR"),
    ],
)
def test_news_events_and_their_recipients(make_doc, text, event_type, cameo, recipient):
    events = [e for e in make_doc(text, "2026-02-10")._.events if e.type == event_type]
    assert [(e.cameo, e.recipient.country if e.recipient else None) for e in events][:1] == [(cameo, recipient)], text


@pytest.mark.parametrize(
    "text",
    [
        # rows that must yield no event at all (written for this test)
        "The Kenyan shilling rallied against the dollar on Friday.",
        "The Indian air force staged a demonstration of its new fighter jets over Delhi.",
        "Kenyan police blocked the road to the airport to most traffic.",
        "With the Kenyan port blocked to most traffic, Uganda is routing its exports through Tanzania.",
        "The Kenyan central bank warned against complacency.",
        "The Kenyan league suspended the match after crowd trouble.",
        "The Indian and Pakistani ministers exchanged views on trade.",
    ],
)
def test_news_phrasings_that_are_no_events(make_doc, text):
    assert [e.type for e in make_doc(text, "2026-02-10")._.events] == [], text
