"""The seed article's quotations come out with the speakers of its gold file
(../shared/seed/gold.json), read at test time, including "He added" -> the spokesman."""
from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.shared

_LEAD = re.compile(r"^[\s\"“”‘’']*(that\s+)?", re.I)


@pytest.fixture(scope="module")
def seed(shared, nlp):
    from newsevents.pipeline import make_doc
    from newsevents.records import Article

    folder = shared / "seed"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    text = (folder / "article.txt").read_text(encoding="utf-8")
    article = Article(id="seed", text=text, published=meta.get("published"))
    return nlp(make_doc(nlp, article))._.quotes, gold["quotes"]


def _content(text: str) -> str:
    return " ".join(_LEAD.sub("", text).split())


def test_every_gold_quotation_is_found_with_its_speaker(seed):
    quotes, gold = seed
    assert len(gold) == 5
    for want in gold:
        found = [q for q in quotes if _content(q.text).startswith(want["content_start"])]
        assert found, f"no quote starting {want['content_start']!r}"
        quote = found[0]
        assert quote.kind == want["kind"]
        assert quote.speaker is not None and quote.speaker.text == want["speaker"]
        assert quote.cue is not None and quote.cue.text.split()[0] == want["cue"]


def test_he_added_points_at_the_spokesman_mention(seed):
    quotes, _ = seed
    added = next(q for q in quotes if q.cue and q.cue.text == "added")
    assert added.speaker.text == "Mahmoud al-Rubaie"
    # The offsets are those of the antecedent, not of "He".
    assert added.speaker.start < added.start and added.speaker.end - added.speaker.start > 2


def test_headline_is_read_as_a_quote_of_the_resistance_group(seed):
    quotes, _ = seed
    headline = quotes[0]
    assert headline.cue.text == ":" and headline.speaker.text == "Resistance group"
    assert headline.text.startswith("US not to exit Iraq")
