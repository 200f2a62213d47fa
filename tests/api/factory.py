"""Result records built by hand for the API tests (texts written for these tests; offsets
computed from the texts): four articles, events of several types, countries, dates and
modalities, quotes with speakers, actor mentions and time expressions — and one article
whose title, text and URL carry HTML/JS injection payloads."""
from __future__ import annotations

from pathlib import Path

from newsevents.records import (
    ActorRef,
    Article,
    Event,
    Mention,
    Quote,
    Result,
    Span,
    Speaker,
    Timex,
)

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "tests" / "screenshots"
XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
SHARED_ARTICLES = 30

IRQ_LEG = ActorRef("irq_parliament", "Iraqi parliament", "IRQ", "LEG")
USA_MIL = ActorRef("usa_military", "US forces", "USA", "MIL")
USA_GOV = ActorRef("usa_government", "United States", "USA", "GOV")
AMIRI = ActorRef("hadi_al_amiri", "Hadi al-Amiri", "IRQ", "PTY")
KEN_COP = ActorRef("kenya_police", "Kenyan police", "KEN", "COP")
KEN_CVL = ActorRef(None, "protesters", "KEN", "CVL")
RUS_GOV = ActorRef("russia_government", "Russia", "RUS", "GOV")
UKR_GOV = ActorRef("ukraine_government", "Ukraine", "UKR", "GOV")


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def _event(article: str, text: str, n: int, etype: str, quad: int, trigger: str,
           actor: ActorRef | None, recipient: ActorRef | None, date: str | None, *,
           cameo: str, modality: str = "asserted", negated: bool = False,
           attributed_to: str | None = None, date_text: str | None = None) -> Event:
    trig = _span(text, trigger)
    start = text.rfind("\n", 0, trig.start) + 1
    end = text.find("\n", trig.end)
    end = len(text) if end < 0 else end
    return Event(
        id=f"{article}-e{n}", type=etype, mode=None, cameo=cameo, actor=actor,
        recipient=recipient, date=date, date_text=date_text, location=None, negated=negated,
        modality=modality, attributed_to=attributed_to,
        sentence=Span(start, end, text[start:end]), trigger=trig, confidence=0.5 + n / 10,
        quad_class=quad, intensity=float(quad), story_id=None,
    )


def _mention(text: str, part: str, actor: ActorRef | None, after: int = 0) -> Mention:
    s = _span(text, part, after)
    return Mention(s.start, s.end, s.text, "ORG", actor)


def _speaker(text: str, part: str, actor: ActorRef | None) -> Speaker:
    s = _span(text, part)
    return Speaker(s.start, s.end, s.text, actor)


def _timex(text: str, part: str, value: str) -> Timex:
    s = _span(text, part)
    return Timex(s.start, s.end, s.text, "DATE", value)


def fixture_results() -> list[Result]:
    """The hand-built records of ``fixture_store`` (see the module docstring)."""
    results = []

    t1 = ("Iraqi lawmakers demanded on Monday that US forces leave the country.\n\n"
          "\"We will not accept their presence any longer,\" said Hadi al-Amiri, a senior "
          "politician.\n\n"
          "The United States said it would withdraw its forces by December.")
    q1 = _span(t1, "We will not accept their presence any longer,")
    results.append(Result(
        article=Article(id="a1", text=t1, url="https://example.org/2021/08/09/iraq",
                        outlet="Example Times", title="Iraqi lawmakers demand troop exit",
                        published="2021-08-09", language="en", source="fixture:a1"),
        timexes=[_timex(t1, "Monday", "2021-08-09"), _timex(t1, "December", "2021-12")],
        mentions=[_mention(t1, "Iraqi lawmakers", IRQ_LEG), _mention(t1, "US forces", USA_MIL),
                  _mention(t1, "Hadi al-Amiri", AMIRI),
                  _mention(t1, "The United States", USA_GOV)],
        quotes=[Quote(q1.start, q1.end, q1.text, "direct", cue=_span(t1, "said"),
                      speaker=_speaker(t1, "Hadi al-Amiri", AMIRI))],
        events=[
            _event("a1", t1, 1, "REQUEST", 1, "demanded", IRQ_LEG, USA_MIL, "2021-08-09",
                   cameo="1056", date_text="Monday"),
            _event("a1", t1, 2, "RETREAT", 2, "withdraw", USA_MIL, ActorRef(None, "Iraq",
                   "IRQ", None), "2021-12", cameo="0873", modality="intended",
                   attributed_to="United States", date_text="December"),
        ],
    ))

    t2 = ("Kenyan police fired tear gas at protesters in Nairobi on 12 September 2021.\n\n"
          "Thousands of protesters marched against new taxes, the interior ministry said.\n\n"
          "Police arrested dozens of people in the evening.")
    results.append(Result(
        article=Article(id="a2", text=t2, url="https://news.example.com/kenya-protest",
                        outlet="Daily Example", title="Police and protesters clash in Nairobi",
                        published="2021-09-12", language="en", source="fixture:a2"),
        timexes=[_timex(t2, "12 September 2021", "2021-09-12")],
        mentions=[_mention(t2, "Kenyan police", KEN_COP), _mention(t2, "protesters", KEN_CVL)],
        events=[
            _event("a2", t2, 1, "ASSAULT", 4, "fired", KEN_COP, KEN_CVL, "2021-09-12",
                   cameo="1823"),
            _event("a2", t2, 2, "PROTEST", 3, "marched", KEN_CVL, ActorRef(
                "kenya_government", "Kenyan government", "KEN", "GOV"), "2021-09-12",
                   cameo="141", attributed_to="interior ministry"),
            _event("a2", t2, 3, "ARREST", 4, "arrested", KEN_COP, KEN_CVL, None, cameo="173"),
        ],
    ))

    t3 = ("Russia did not impose new sanctions on Ukraine in October, officials said.\n\n"
          "\"There will be no sanctions this year,\" the Russian foreign minister told "
          "reporters.\n\n"
          "Ukraine accused Russia of blocking grain exports.")
    q3 = _span(t3, "There will be no sanctions this year,")
    results.append(Result(
        article=Article(id="a3", text=t3, url="https://example.net/world/sanctions",
                        outlet="Example Times", title="Moscow holds off on sanctions",
                        published="2021-10-20", language="en", source="fixture:a3"),
        timexes=[_timex(t3, "October", "2021-10"), _timex(t3, "this year", "2021")],
        mentions=[_mention(t3, "Russia", RUS_GOV), _mention(t3, "Ukraine", UKR_GOV)],
        quotes=[Quote(q3.start, q3.end, q3.text, "direct", cue=_span(t3, "told"),
                      speaker=_speaker(t3, "the Russian foreign minister", ActorRef(
                          "russia_fm", "Russian foreign minister", "RUS", "GOV")))],
        events=[
            _event("a3", t3, 1, "SANCTION", 4, "impose", RUS_GOV, UKR_GOV, "2021-10",
                   cameo="163", modality="denied", negated=True, date_text="October"),
            _event("a3", t3, 2, "ACCUSE", 3, "accused", UKR_GOV, RUS_GOV, None, cameo="112"),
        ],
    ))

    # An article whose fields carry injection payloads: pages must show them as text.
    t4 = (f"A reader wrote {XSS} into a comment field, and Russia denied it.\n\n"
          "Officials in Moscow said nothing more about it on Tuesday.")
    results.append(Result(
        article=Article(id="a4", text=t4, url="javascript:alert(3)", outlet="Example Times",
                        title=f"Injection test {XSS}", published="2021-10-21",
                        language="en", source="fixture:a4"),
        timexes=[_timex(t4, "Tuesday", "2021-10-19")],
        mentions=[_mention(t4, "Russia", RUS_GOV)],
        events=[_event("a4", t4, 1, "REJECT", 3, "denied", RUS_GOV, None, "2021-10-19",
                       cameo="12")],
    ))
    return results


def write_store(path: Path, results: list[Result]) -> Path:
    from newsevents.store import Store

    with Store(path) as store:
        for result in results:
            store.write(result)
    return path


