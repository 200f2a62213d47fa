"""Shared fixtures. The model is loaded once per test session (per xdist worker).

Tests that need ../shared (gold sets, corpora) take the ``shared`` fixture or are marked
``@pytest.mark.shared``; both skip with a clear message when it is absent. Set
NEWSEVENTS_SHARED to point somewhere else.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", REPO.parent / "shared")).resolve()
SKIP_SHARED = f"needs the shared data folder {SHARED} (set NEWSEVENTS_SHARED); it is absent"


def pytest_collection_modifyitems(config, items):
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason=SKIP_SHARED)
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(SKIP_SHARED)
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


@pytest.fixture(scope="session")
def nlp():
    """The full configured pipeline (model + every available newsevents component)."""
    from newsevents.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def bare_nlp():
    """The configured spaCy model alone, without our components."""
    from newsevents.config import load_config
    from newsevents.nlp import build_pipeline

    return build_pipeline(load_config(nlp={"components": []}))


@pytest.fixture()
def make_doc(nlp):
    """Process ``text`` as an article published on ``dct`` and return the Doc."""
    from newsevents.pipeline import make_doc as _make_doc
    from newsevents.records import Article

    def _make(text: str, dct: str | None = "2021-08-14", **meta):
        doc = _make_doc(nlp, Article(id="t", text=text, published=dct, **meta))
        return nlp(doc)

    return _make
