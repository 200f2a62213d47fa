"""newsevents: news articles in, political event data out.

Public API::

    from newsevents import process, load_pipeline, read_inputs
    for result in process(read_inputs(["examples/"])):
        print(result.to_dict())
"""
from __future__ import annotations

__version__ = "0.1.0"

from .config import load_config
from .records import (
    ActorRef,
    Article,
    Event,
    Furniture,
    Location,
    Mention,
    Quote,
    Rejection,
    Result,
    Span,
    Speaker,
    Timex,
)

__all__ = [
    "__version__",
    "ActorRef",
    "Article",
    "Event",
    "Furniture",
    "Location",
    "Mention",
    "Quote",
    "Rejection",
    "Result",
    "Span",
    "Speaker",
    "Timex",
    "load_config",
    "load_pipeline",
    "process",
]


def __getattr__(name: str):  # lazy: importing the package must not import spaCy
    if name in ("process", "load_pipeline"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
