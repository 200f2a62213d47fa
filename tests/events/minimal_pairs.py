"""Minimal pairs for polarity, modality and attribution, written for newsevents.

Each row: (text, type, negated, modality, attributed_to). The event is the one of that
type in the text; ``attributed_to`` is a word that must occur in the event's
``attributed_to`` (None: the article itself asserts it). Rows come in small families that
change one thing ("X attacked Y" / "X did not attack Y" / "X threatened to attack Y" ...).
"""
from __future__ import annotations

ROWS: list[tuple[str, str, bool, str, str | None]] = [
    # -- ASSAULT family ----------------------------------------------------------------------
    ("Russia attacked Ukraine on Monday.", "ASSAULT", False, "asserted", None),
    ("Russia did not attack Ukraine on Monday.", "ASSAULT", True, "asserted", None),
    ("Russia never attacked Ukraine.", "ASSAULT", True, "asserted", None),
    ("Russia threatened to attack Ukraine.", "THREATEN", False, "asserted", None),
    ("Russia vowed to attack Ukraine.", "THREATEN", False, "asserted", None),
    ("Russia denied attacking Ukraine.", "ASSAULT", False, "denied", "Russia"),
    ("Russia denied that it had attacked Ukraine.", "ASSAULT", False, "denied", "Russia"),
    ("Poland said Russia attacked Ukraine.", "ASSAULT", False, "reported_claim", "Poland"),
    ("Russia said it attacked Ukraine.", "ASSAULT", False, "asserted", "Russia"),
    ("If Russia attacked Ukraine, NATO would respond.", "ASSAULT", False, "hypothetical", None),
    ("Russia plans to attack Ukraine.", "ASSAULT", False, "intended", None),
    ("Russia will attack Ukraine.", "ASSAULT", False, "intended", None),
    ("Russia may attack Ukraine.", "ASSAULT", False, "hypothetical", None),
    ("Russia could attack Ukraine.", "ASSAULT", False, "hypothetical", None),
    ("Russia failed to capture Kyiv.", "COERCE", True, "asserted", None),
    ("According to Poland, Russia attacked Ukraine.", "ASSAULT", False, "reported_claim", "Poland"),
    ("Ukraine accused Russia of attacking its ports.", "ACCUSE", False, "asserted", None),
    ("Ukraine accused Russia of attacking its ports.", "ASSAULT", False, "reported_claim", "Ukraine"),
    # -- bombing / killing ---------------------------------------------------------------------
    ("Israeli jets bombed Gaza on Tuesday.", "ASSAULT", False, "asserted", None),
    ("Israeli jets did not bomb Gaza on Tuesday.", "ASSAULT", True, "asserted", None),
    ("Hamas said Israeli jets bombed Gaza.", "ASSAULT", False, "reported_claim", "Hamas"),
    ("Israel denied bombing the hospital in Gaza.", "ASSAULT", False, "denied", "Israel"),
    ("Turkish troops killed three Kurdish fighters in Syria.", "ASSAULT", False, "asserted", None),
    ("Turkish troops did not kill any Kurdish fighters.", "ASSAULT", True, "asserted", None),
    # -- RETREAT family ------------------------------------------------------------------------
    ("The United States withdrew its troops from Iraq.", "RETREAT", False, "asserted", None),
    ("The United States did not withdraw its troops from Iraq.", "RETREAT", True, "asserted", None),
    ("The United States does not want to withdraw its troops from Iraq.", "RETREAT", True, "intended", None),
    ("The United States plans to withdraw its troops from Iraq.", "RETREAT", False, "intended", None),
    ("The United States will withdraw its troops from Iraq by December.", "RETREAT", False, "intended", None),
    ("The United States is willing to withdraw its troops from Iraq.", "AGREE", False, "asserted", None),
    ("The United States refused to withdraw its troops from Iraq.", "REJECT", False, "asserted", None),
    ("Iraq demanded that the United States withdraw its troops.", "REQUEST", False, "demanded", None),
    ("Iran said the United States would never withdraw from Iraq.", "RETREAT", True, "reported_claim", "Iran"),
    ("The Pentagon said the United States will withdraw its troops from Iraq.", "RETREAT", False, "intended", "Pentagon"),
    ("Israel released 20 Palestinian prisoners on Sunday.", "RETREAT", False, "asserted", None),
    ("Israel did not release the Palestinian prisoners.", "RETREAT", True, "asserted", None),
    ("Israel announced it would release 20 Palestinian prisoners.", "RETREAT", False, "intended", "Israel"),
    ("Hamas demanded that Israel release the prisoners.", "REQUEST", False, "demanded", None),
    # -- REQUEST / demands -------------------------------------------------------------------
    ("Iraq demanded the withdrawal of American forces.", "REQUEST", False, "demanded", None),
    ("Iraq did not demand the withdrawal of American forces.", "REQUEST", True, "asserted", None),
    ("Germany urged Iran to release the detained journalists.", "REQUEST", False, "demanded", None),
    ("France called on Russia to end the war.", "REQUEST", False, "demanded", None),
    ("France called for sanctions against Russia.", "REQUEST", False, "demanded", None),
    ("Germany asked Poland to send tanks to Ukraine.", "REQUEST", False, "demanded", None),
    # -- CONSULT / meetings ------------------------------------------------------------------
    ("President Biden met Chinese President Xi Jinping in Bali on Monday.", "CONSULT", False, "asserted", None),
    ("President Biden did not meet President Xi Jinping of China.", "CONSULT", True, "asserted", None),
    ("President Biden will meet President Xi Jinping of China next week.", "CONSULT", False, "intended", None),
    ("Egypt held talks with Israel in Cairo.", "CONSULT", False, "asserted", None),
    ("Egypt refused to hold talks with Israel.", "REJECT", False, "asserted", None),
    ("Egypt offered to mediate between Israel and Hamas.", "AGREE", False, "asserted", None),
    ("India and Pakistan held talks on Kashmir.", "CONSULT", False, "asserted", None),
    # -- AGREE / SUPPORT ---------------------------------------------------------------------
    ("Japan and South Korea signed a trade agreement.", "SUPPORT", False, "asserted", None),
    ("Japan and South Korea did not sign the trade agreement.", "SUPPORT", True, "asserted", None),
    ("Japan and South Korea agreed to expand cooperation.", "AGREE", False, "asserted", None),
    ("Japan praised South Korea for its restraint.", "SUPPORT", False, "asserted", None),
    ("Japan pledged support for Ukraine.", "SUPPORT", False, "asserted", None),
    # -- ACCUSE / REJECT -----------------------------------------------------------------------
    ("China condemned the United States for the arms sale to Taiwan.", "ACCUSE", False, "asserted", None),
    ("China did not criticize Russia.", "ACCUSE", True, "asserted", None),
    ("China accused the United States of spying.", "ACCUSE", False, "asserted", None),
    ("Iran rejected the European proposal.", "REJECT", False, "asserted", None),
    ("Russia vetoed the resolution on Syria.", "REJECT", False, "asserted", None),
    ("Venezuela denied the American journalists entry.", "REJECT", False, "asserted", None),
    # -- THREATEN ------------------------------------------------------------------------------
    ("North Korea threatened to strike Japan.", "THREATEN", False, "asserted", None),
    ("North Korea warned it would attack South Korea.", "THREATEN", False, "asserted", None),
    ("North Korea did not threaten Japan.", "THREATEN", True, "asserted", None),
    ("Iran vowed to retaliate against Israel.", "THREATEN", False, "asserted", None),
    ("Turkey will impose sanctions on Sweden unless it extradites the suspects.", "THREATEN", False, "asserted", None),
    # -- COERCE / SANCTION -------------------------------------------------------------------
    ("Egyptian police arrested 40 protesters in Cairo.", "COERCE", False, "asserted", None),
    ("Egyptian police did not arrest the protesters.", "COERCE", True, "asserted", None),
    ("Egyptian police denied arresting the protesters.", "COERCE", False, "denied", "police"),
    ("Human rights groups said Egyptian police arrested 40 protesters.", "COERCE", False, "reported_claim", "groups"),
    ("The European Union imposed sanctions on Belarus.", "SANCTION", False, "asserted", None),
    ("The European Union plans to impose sanctions on Belarus.", "SANCTION", False, "intended", None),
    ("The European Union will not impose sanctions on Belarus.", "SANCTION", True, "intended", None),
    ("Russia expelled two Polish diplomats.", "SANCTION", False, "asserted", None),
    ("Russia cut diplomatic ties with Georgia.", "SANCTION", False, "asserted", None),
    # -- PROTEST / MOBILIZE / AID ------------------------------------------------------------
    ("Thousands of Iranian students protested against the government in Tehran.", "PROTEST", False, "asserted", None),
    ("Iranian students did not protest against the government.", "PROTEST", True, "asserted", None),
    ("Iranian students plan to protest against the government.", "PROTEST", False, "intended", None),
    ("China deployed troops to the border with India.", "MOBILIZE", False, "asserted", None),
    ("Germany provided aid to Turkey after the earthquake.", "AID", False, "asserted", None),
    ("Germany did not provide aid to Turkey.", "AID", True, "asserted", None),
    ("Germany promised to provide aid to Turkey.", "AGREE", False, "asserted", None),
    ("Canada will send humanitarian aid to Haiti.", "AID", False, "intended", None),
    # -- speech framing -------------------------------------------------------------------------
    ("Witnesses said Syrian troops shelled the town.", "ASSAULT", False, "asserted", "Witnesses"),
    ("The Syrian army said rebels shelled the town.", "ASSAULT", False, "reported_claim", "army"),
    ("The rebels claimed that Syrian troops shelled the town.", "ASSAULT", False, "reported_claim", "rebels"),
    ("Syria denied that its troops shelled the town.", "ASSAULT", False, "denied", "Syria"),
]
