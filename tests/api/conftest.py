"""Stores and clients for the API tests.

``fixture_store``: the hand-built records of tests/api/factory.py, so every table has rows
with known values. ``examples_store``: examples/ processed by the real runner (the store
`make run` builds). ``shared_store``: the first articles of the shared CNN corpus through
the same runner (tests using it are marked ``shared``).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.api.factory import REPO, SHARED_ARTICLES, fixture_results, write_store


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory) -> Path:
    return write_store(tmp_path_factory.mktemp("api") / "fixture.duckdb", fixture_results())


@pytest.fixture(scope="session")
def app(fixture_store):
    from newsevents.api import create_app

    return create_app(fixture_store)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture()
def ingest_client(fixture_store, tmp_path):
    """An app with ingest allowed (token "s3cret") over a writable copy of the store."""
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    copy = tmp_path / "ingest.duckdb"
    shutil.copy(fixture_store, copy)
    app = create_app(copy, allow_ingest=True, token="s3cret")
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _run_store(path: Path, sources: list[str]):
    from newsevents.nlp import load_pipeline
    from newsevents.runner import run_sources
    from newsevents.store import Store

    try:
        load_pipeline()
    except ValueError as e:  # spaCy [E002]: a component module registers no factory yet
        pytest.skip(f"the NLP pipeline cannot be built yet, so no store can be processed "
                    f"from {sources}: {str(e)[:160]}")
    with Store(path) as store:
        return run_sources(sources, store)


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory) -> Path:
    """examples/ processed by the runner (the store `make run` builds)."""
    path = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    summary = _run_store(path, [str(REPO / "examples")])
    assert summary.stored >= 5, summary
    return path


@pytest.fixture(scope="session")
def examples_client(examples_store):
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    return TestClient(create_app(examples_store), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def shared_store(shared, tmp_path_factory) -> Path:
    """The first SHARED_ARTICLES articles of the shared CNN corpus, through the runner."""
    corpus = shared / "corpora" / "cnn_lite_2026" / "cnn_lite_2026.jsonl"
    if not corpus.is_file():
        pytest.skip(f"the shared corpus {corpus} is absent")
    folder = tmp_path_factory.mktemp("shared")
    sample = folder / "cnn_sample.jsonl"
    with corpus.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i >= SHARED_ARTICLES:
                break
            record = json.loads(line)
            record["published"] = record.get("pub_date")
            out.write(json.dumps(record) + "\n")
    path = folder / "cnn.duckdb"
    summary = _run_store(path, [str(sample)])
    assert summary.stored >= SHARED_ARTICLES // 2, summary
    return path


@pytest.fixture(scope="session")
def shared_client(shared_store):
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    return TestClient(create_app(shared_store), raise_server_exceptions=False)
