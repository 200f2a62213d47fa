"""Configuration: one commented TOML file shipped with the package (``config.toml``),
overlaid by a user file and by keyword overrides.

>>> cfg = load_config()
>>> cfg["nlp"]["batch_size"]
32
"""
from __future__ import annotations

import copy
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from .errors import ConfigError

Config = dict[str, dict[str, Any]]
ENV_VAR = "NEWSEVENTS_CONFIG"


@lru_cache(maxsize=1)
def _defaults() -> Config:
    text = resources.files("newsevents").joinpath("config.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: Config, overlay: dict[str, Any], origin: str) -> None:
    for section, values in overlay.items():
        if section not in base:
            raise ConfigError(
                f"[E010] Unknown config section [{section}] in {origin}. "
                f"Available sections: {', '.join(sorted(base))}"
            )
        if not isinstance(values, dict):
            raise ConfigError(f"[E011] Config section [{section}] in {origin} must be a table")
        for key, value in values.items():
            if key not in base[section]:
                raise ConfigError(
                    f"[E012] Unknown config key '{section}.{key}' in {origin}. "
                    f"Available keys: {', '.join(sorted(base[section]))}"
                )
            default = base[section][key]
            if default is not None and not isinstance(value, type(default)):
                if not (isinstance(default, float) and isinstance(value, int)):
                    raise ConfigError(
                        f"[E013] Config key '{section}.{key}' in {origin} must be "
                        f"{type(default).__name__}, got {value!r}"
                    )
            base[section][key] = value


def load_config(path: str | Path | None = None, **overrides: dict[str, Any]) -> Config:
    """Defaults, overlaid by ``path`` (or $NEWSEVENTS_CONFIG) and then by ``overrides``
    given as ``section={key: value}``. Raises ConfigError naming any unknown key."""
    cfg = copy.deepcopy(_defaults())
    path = path or os.environ.get(ENV_VAR)
    if path:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError as e:
            raise ConfigError(f"[E014] Config file not found: {p}") from e
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"[E015] Config file {p} is not valid TOML: {e}") from e
        _merge(cfg, data, str(p))
    if overrides:
        _merge(cfg, overrides, "overrides")
    return cfg
