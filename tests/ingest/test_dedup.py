"""Duplicate detection: exact copies by normalised-text hash, near copies by MinHash LSH,
never an article against itself, and state seeded from what the store holds."""
from __future__ import annotations

import random

import pytest

from newsevents.config import load_config
from newsevents.errors import ConfigError
from newsevents.ingest.dedup import (
    Deduplicator,
    band_params,
    content_hash,
    normalise_text,
    shingles,
)
from newsevents.records import Article, Result
from newsevents.store import Store

# A story written for these tests: a headline paragraph, then the body.
HEADLINE = "Coalition talks collapse in Lisbon"
BODY = [
    ("Talks to form a new coalition government in Portugal broke down on Tuesday after the "
     "two largest parties failed to agree on a budget for the coming year, officials said."),
    ("The prime minister, who has led a minority cabinet since the spring, told reporters "
     "outside parliament that he would not accept conditions that put pensions at risk."),
    ("Opposition leaders accused the government of refusing to compromise and said they "
     "would table a motion of no confidence before the end of the month."),
    ("The president is expected to meet party leaders on Thursday and could call an early "
     "election if no agreement is reached within two weeks, according to his office."),
    ("Economists warned that a long period without a budget would delay public investment "
     "and could unsettle bond markets that have been calm for most of the year."),
    ("Trade unions have called a general strike for next Friday to protest against the "
     "planned cuts, and transport workers said trains and ferries would not run that day."),
]
ORIGINAL = "\n\n".join([HEADLINE, *BODY])

OTHER_SENTENCES = [
    "Farmers in the north of Spain blocked motorways with tractors for a third day.",
    "The central bank kept interest rates unchanged and said inflation was slowing.",
    "Rescue teams searched for survivors after floods swept through villages overnight.",
    "A court in Warsaw ordered the release of two journalists held since January.",
    "The foreign ministry summoned the ambassador over remarks made at a rally.",
    "Doctors at public hospitals began a strike over pay and working hours.",
    "The mayor announced a plan to ban diesel cars from the city centre by 2030.",
    "Police said they had arrested a man suspected of planning an attack on a mosque.",
    "The football federation suspended its president pending an inquiry into bribes.",
    "Parliament approved a law that lowers the voting age to sixteen in local elections.",
    "Wildfires forced the evacuation of thousands of tourists from resorts on the coast.",
    "The energy regulator capped household gas prices for the next six months.",
    "Students occupied the main university building to demand lower tuition fees.",
    "The navy intercepted a boat carrying migrants about forty miles off the island.",
    "Negotiators from both sides said a prisoner exchange could take place next week.",
    "The health minister resigned after a report criticised the handling of the outbreak.",
]


def article(article_id: str, text: str, **meta) -> Article:
    return Article(id=article_id, text=text, source=f"in/{article_id}.txt", **meta)


def other_story(seed: int) -> str:
    rng = random.Random(seed)
    return "\n\n".join([f"Headline {seed}"] + rng.sample(OTHER_SENTENCES, 8))


@pytest.fixture()
def dedup() -> Deduplicator:
    return Deduplicator.from_config(load_config())


@pytest.mark.parametrize(
    "a, b",
    [
        ("Talks  collapse\n\nin Lisbon.", "talks collapse in lisbon"),
        ("\u201cWe will not,\u201d he said.", '"We will not," he said'),
        ("Caf\u00e9 ﬁre", "CAFÉ fire"),  # NFKC ligature, case
    ],
)
def test_normalised_variants_hash_alike(a, b):
    assert normalise_text(a) == normalise_text(b)
    assert content_hash(a) == content_hash(b)


@pytest.mark.parametrize("a, b", [("Talks collapse", "Talks collapsed"), ("a b", "b a")])
def test_different_texts_hash_apart(a, b):
    assert content_hash(a) != content_hash(b)


@pytest.mark.parametrize(
    "text, size, expected",
    [
        ("Headline here\n\none two three four five six", 5,
         {b"one two three four five", b"two three four five six"}),
        ("Headline here\n\nonly three words", 5, {b"only three words"}),
        ("one paragraph only here", 2, {b"one paragraph", b"paragraph only", b"only here"}),
        ("Headline words\n\n...", 5, {b"headline words"}),  # body without words: whole text
        ("", 5, set()),
        ("!!! ???", 5, set()),
    ],
)
def test_shingles_skip_the_first_paragraph(text, size, expected):
    assert set(shingles(text, size)) == expected


@pytest.mark.parametrize(
    "threshold, num_perm, bands, rows",
    [(0.8, 64, 10, 6), (0.9, 64, 7, 9), (0.5, 128, 42, 3)],
)
def test_band_params(threshold, num_perm, bands, rows):
    assert band_params(threshold, num_perm, 0.95) == (bands, rows)
    assert 1 - (1 - threshold**rows) ** bands >= 0.95


def test_exact_duplicate_links_to_the_original(dedup):
    assert dedup.check(article("a", ORIGINAL)) is None
    copy = ORIGINAL.upper().replace("\n\n", "\n")
    rejection = dedup.check(article("b", copy))
    assert rejection is not None
    assert (rejection.reason, rejection.duplicate_of) == ("duplicate", "a")
    assert rejection.article_id == "b"
    assert rejection.source == "in/b.txt"


def test_same_article_again_is_not_its_own_duplicate(dedup):
    assert dedup.check(article("a", ORIGINAL)) is None
    assert dedup.check(article("a", ORIGINAL)) is None
    # re-processed with a corrected sentence: still itself, and the new text counts
    corrected = ORIGINAL.replace("Tuesday", "Wednesday")
    assert dedup.check(article("a", corrected)) is None
    assert dedup.check(article("c", corrected)).duplicate_of == "a"


@pytest.mark.parametrize(
    "copy",
    [
        # re-sent with a new headline and one changed sentence
        "\n\n".join(["Portugal heads for early vote as talks fail", *BODY[:3],
                     BODY[3].replace("on Thursday", "on Wednesday"), *BODY[4:]]),
        # syndicated with a wire credit line and no headline change
        ORIGINAL + "\n\n(Reporting by the Lisbon newsroom; editing by the desk)",
    ],
    ids=["new-headline-changed-sentence", "credit-line-added"],
)
def test_near_duplicate_links_to_the_original(dedup, copy):
    assert dedup.check(article("a", ORIGINAL)) is None
    rejection = dedup.check(article("b", copy))
    assert rejection is not None
    assert (rejection.reason, rejection.duplicate_of) == ("near_duplicate", "a")


def test_different_stories_are_not_merged(dedup):
    assert dedup.check(article("a", ORIGINAL)) is None
    for seed in range(40):
        assert dedup.check(article(f"o{seed}", other_story(seed))) is None, seed
    # half of the story rewritten is a different story
    half = "\n\n".join([HEADLINE, *BODY[:3], *OTHER_SENTENCES[:3]])
    assert dedup.check(article("half", half)) is None
    assert len(dedup) == 42


def test_many_articles_no_false_matches_and_copies_still_found(dedup):
    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(3000)]
    texts = [
        "\n\n".join(["Head", " ".join(rng.choices(vocabulary, k=120))]) for _ in range(600)
    ]
    for i, text in enumerate(texts):  # enough to move buckets into the sorted arrays
        assert dedup.check(article(f"r{i}", text)) is None
    early = texts[3].replace("\n\n", "\n\nBreaking: ", 1)
    assert dedup.check(article("copy", "New head\n\n" + early.split("\n\n", 1)[1])) is not None
    assert dedup.check(article("late", texts[-1] + " extra")).duplicate_of == "r599"


def test_seed_from_stored_signatures_finds_copies_of_stored_articles(tmp_path):
    first = Deduplicator.from_config()
    original = article("a", ORIGINAL)
    assert first.check(original) is None
    content, minhash = first.signature_of(original)
    assert minhash is not None and content == content_hash(ORIGINAL)
    with Store(tmp_path / "s.duckdb") as store:
        store.write(Result(original), content_hash=content, minhash=minhash)
        store.write(Result(article("other", other_story(1))))  # hash only, no sketch
        second = Deduplicator.from_config()
        second.seed(store.signatures())
    near = "\n\n".join(["A new headline", *BODY[:5], BODY[5].replace("Friday", "Monday")])
    assert second.check(article("b", near)).duplicate_of == "a"
    assert second.check(article("c", other_story(1))).reason == "duplicate"
    assert second.check(article("a", ORIGINAL)) is None  # re-processing the stored article


def test_sketch_of_another_configuration_is_ignored_but_hash_counts():
    five = Deduplicator(threshold=0.8, num_perm=64, shingle_size=5)
    four = Deduplicator(threshold=0.8, num_perm=64, shingle_size=4)
    content, minhash = five.signature_of(article("a", ORIGINAL))
    four.seed([("a", content, minhash)])
    near = "\n\n".join(["A new headline", *BODY])
    assert four.check(article("b", near)) is None  # sketch not comparable: not used
    assert four.check(article("c", ORIGINAL)).duplicate_of == "a"


@pytest.mark.parametrize(
    "settings, key",
    [
        ({"threshold": 1.5}, "threshold"),
        ({"threshold": 0.0}, "threshold"),
        ({"num_perm": 4}, "num_perm"),
        ({"shingle_size": 0}, "shingle_size"),
        ({"lsh_recall": 1.0}, "lsh_recall"),
    ],
)
def test_bad_settings_are_config_errors(settings, key):
    with pytest.raises(ConfigError, match=f"dedup.{key}"):
        Deduplicator.from_config(load_config(dedup=settings))


def test_memory_per_article_stays_small(dedup):
    """100k stored articles must fit in a modest index: measure the bytes allocated per
    seeded article (sketch, buckets, id maps) on 5,000 and bound them."""
    import tracemalloc

    import numpy as np

    header = dedup.signature_of(article("x", ORIGINAL))[1][:4]
    rng = np.random.default_rng(0)
    blobs = [header + rng.integers(0, 2**32, 64, dtype=np.uint32).astype("<u4").tobytes()
             for _ in range(5000)]
    rows = [(f"article-{i:06d}", f"{i:032x}", blob) for i, blob in enumerate(blobs)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        dedup.seed(rows)
        per_article = (tracemalloc.get_traced_memory()[0] - before) / len(rows)
    finally:
        tracemalloc.stop()
    assert len(dedup) == 5000
    assert per_article < 1000, per_article
