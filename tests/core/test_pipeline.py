from __future__ import annotations

import pytest

from newsevents.config import load_config
from newsevents.errors import ConfigError
from newsevents.pipeline import process
from newsevents.records import Article, Rejection


def test_process_yields_one_result_per_article_in_order():
    articles = [
        Article(id=f"a{i}", text=f"Officials in Paris met envoys from Kenya on day {i}.")
        for i in range(5)
    ]
    results = list(process(articles, batch_size=2))
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert any(m.text == "Paris" for m in results[0].mentions)


def test_results_are_json_ready():
    import json

    (result,) = process([Article(id="x", text="Kenya and Uganda signed a deal.")])
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"article", "timexes", "mentions", "quotes", "events"}
    assert data["article"]["id"] == "x"


def test_failing_article_is_reported_and_batch_goes_on(monkeypatch):
    from newsevents import pipeline

    real = pipeline.doc_to_result

    def flaky(doc):
        if doc._.article.id == "bad":
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(pipeline, "doc_to_result", flaky)
    errors: list[Rejection] = []
    arts = [Article(id=i, text="The minister spoke in Rome.") for i in ("a", "bad", "c")]
    results = list(process(arts, on_error=errors.append))
    assert [r.article.id for r in results] == ["a", "c"]
    assert errors[0].article_id == "bad" and "boom" in errors[0].message


def test_unknown_config_key_is_named():
    with pytest.raises(ConfigError, match="nlp.batchsize"):
        load_config(nlp={"batchsize": 3})


def test_unknown_component_is_named():
    from newsevents.nlp import build_pipeline

    with pytest.raises(ConfigError, match="newsevents_nope"):
        build_pipeline(load_config(nlp={"components": ["newsevents_nope"]}))


def test_strings_of_a_batch_do_not_stay_in_the_vocabulary(nlp):
    """process_batch runs in a spaCy memory zone: the names and numbers an article brings
    are freed after its batch, so a long run's vocabulary does not grow with the corpus
    (the records keep their own copies of the text)."""
    from newsevents.pipeline import process_batch

    cfg = load_config()
    process_batch(nlp, [Article(id="warm", text="Kenya and Uganda signed a deal.")], cfg)
    before = len(nlp.vocab.strings)
    batches = [[Article(id=f"a{i}", text=f"Minister Zorbulak{i} met envoy Quintavar{i} in "
                        f"Kenya on March {i % 28 + 1}.")] for i in range(20)]
    results = [r for batch in batches for r in process_batch(nlp, batch, cfg)]
    assert len(nlp.vocab.strings) - before < 20
    assert [r.article.text.split()[1] for r in results] == [f"Zorbulak{i}" for i in range(20)]
    assert [m.text for m in results[3].mentions if m.actor] == ["Kenya"]
