"""Cross-article story links: repeated reports of one happening share a story id."""
from __future__ import annotations

from newsevents.records import ActorRef, Article, Event, Result, Span
from newsevents.store import Store

IRQ = ActorRef("IRQ", "Iraq", "IRQ", "GOV")
USA = ActorRef("USA", "United States", "USA", "GOV")
KEN = ActorRef("KEN", "Kenya", "KEN", "GOV")


def _result(article_id: str, events: list[tuple[str, ActorRef, ActorRef, str | None]]) -> Result:
    text = "Iraq and the United States agreed on a timetable. Kenya accused Iraq."
    article = Article(id=article_id, text=text, source=f"{article_id}.txt")
    coded = [
        Event(id=f"{article_id}:e{i}", type=t, mode=None, cameo=None, actor=a, recipient=r,
              date=d, date_text=d, location=None, negated=False, modality="asserted",
              attributed_to=None, sentence=Span(0, 10, text[:10]),
              trigger=Span(0, 4, text[:4]), confidence=0.9)
        for i, (t, a, r, d) in enumerate(events)
    ]
    return Result(article=article, events=coded)


def test_same_happening_in_two_articles_is_one_story(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write(_result("a", [("AGREE", IRQ, USA, "2021-07-26"),
                                  ("ACCUSE", KEN, IRQ, "2021-07-20")]))
        # the syndicated copy codes the joint agreement from the other side, by month only
        store.write(_result("b", [("AGREE", USA, IRQ, "2021-07"),
                                  ("ACCUSE", KEN, IRQ, "2021-06-01")]))
        stories = store.link_stories()
        rows = dict(store.connection.execute("select id, story_id from events").fetchall())
    assert rows["a:e0"] == rows["b:e0"]  # symmetric dyad, compatible dates
    assert rows["a:e1"] != rows["b:e1"]  # same dyad, different days: two happenings
    assert stories == 3


def test_store_linking_equals_the_rule_over_many_groups(tmp_path, monkeypatch):
    """Linking one group at a time, with the story ids flushed in small batches, gives
    the same ids as the rule applied to every event at once."""
    from types import SimpleNamespace

    from newsevents.events import link_stories

    monkeypatch.setattr(Store, "_LINK_FETCH", 3)
    monkeypatch.setattr(Store, "_LINK_FLUSH", 4)
    dyads = [(IRQ, USA), (USA, IRQ), (KEN, IRQ), (KEN, None), (None, KEN)]
    dates = ["2021-07-26", "2021-07", None, "2021-06-01", "2021"]
    with Store(tmp_path / "s.duckdb") as store:
        for n in range(12):
            store.write(_result(f"a{n:02}", [
                (kind, *dyads[(n + i) % len(dyads)], dates[(n * i) % len(dates)])
                for i, kind in enumerate(["AGREE", "ACCUSE", "ASSAULT", "AGREE"])
            ]))
        stories = store.link_stories()
        rows = store.connection.execute(
            "select id, type, negated, date, date_text, story_id from events").fetchall()
        events = [r[0] for r in rows]
        stored = {r[0]: r[5] for r in rows}
        results = {e.id: e for n in range(12) for e in store.read_result(f"a{n:02}").events}
    expected = link_stories(
        SimpleNamespace(id=i, type=results[i].type, negated=results[i].negated,
                        date=results[i].date, date_text=results[i].date_text,
                        actor=results[i].actor, recipient=results[i].recipient)
        for i in events
    )
    assert stored == expected
    assert stories == len(set(expected.values())) > 1


def test_relinking_is_stable(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write(_result("a", [("AGREE", IRQ, USA, "2021-07-26")]))
        first = store.link_stories()
        before = store.connection.execute("select id, story_id from events").fetchall()
        assert store.link_stories() == first
        assert store.connection.execute("select id, story_id from events").fetchall() == before
