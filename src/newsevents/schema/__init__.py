"""The JSON Schema of the output contract (``result.schema.json``) and a validator."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def result_schema() -> dict[str, Any]:
    """The JSON Schema one ``newsevents extract`` line conforms to."""
    text = resources.files(__name__).joinpath("result.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_result(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` breaks the output contract."""
    import jsonschema

    jsonschema.validate(data, result_schema())
