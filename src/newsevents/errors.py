"""The exception hierarchy. Every message names the bad value and, where there are any,
the valid options. Codes (``[E001]``) are stable so users can search for them."""
from __future__ import annotations


class NewsEventsError(Exception):
    """Base class of everything newsevents raises on purpose."""


class ConfigError(NewsEventsError):
    """A configuration value is missing, of the wrong type, or not one of the options."""


class ModelError(NewsEventsError):
    """The configured spaCy model cannot be loaded."""


class InputError(NewsEventsError):
    """An input cannot be read or is not an article. Carries a short reason code."""

    def __init__(self, reason: str, message: str, source: str | None = None) -> None:
        self.reason = reason
        self.source = source
        super().__init__(f"{message} (input: {source})" if source else message)


class KnowledgeBaseError(NewsEventsError):
    """A knowledge-base or dictionary file is missing, empty or malformed."""


class StoreError(NewsEventsError):
    """The store cannot be opened, migrated or written."""
