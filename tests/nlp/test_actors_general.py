"""Actor rules found on the PLOVER development half, tested on sentences written for these
tests (model needed): bodies that preceded today's IGOs, places the text itself names, role terms
that begin with their noun's modifiers, peoples living in another country, languages."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from tests.nlp.test_actors import mentions, who

pytestmark = pytest.mark.model


def test_bodies_that_preceded_the_eu_and_the_au_are_igos(parley_nlp: Language) -> None:
    text = "The European Community and the Organization of African Unity sent observers to the vote."
    found = mentions(parley_nlp, text, published=dt.date(1990, 3, 1))
    assert found["European Community"].code == "IGOEUREEC"
    assert found["Organization of African Unity"].role == "IGO"


def test_a_name_the_text_calls_a_town_is_a_place(parley_nlp: Language) -> None:
    # The NER takes "Samarra" for a nationality; "the town of" says it is a place.
    text = "Soldiers fired on a crowd near the town of Samarra on Sunday."
    assert who(parley_nlp, text, "Soldiers") == ("IRQ", "MIL")


def test_a_role_term_that_begins_with_the_nouns_modifiers(parley_nlp: Language) -> None:
    text = "A human rights group in Zagreb protested the arrests. Tribal elders in Kenya met on Monday."
    assert who(parley_nlp, text, "human rights group") == ("HRV", "HRI")
    assert who(parley_nlp, text, "Tribal elders") == ("KEN", "CVL")


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # An ethnic group with its place, or a nation's people "of" a country, live there.
        ("Ethnic Albanians in Serbia demanded autonomy.", "Albanians", ("SRB", "CVL")),
        ("The Albanians of southern Serbia demanded autonomy.", "Albanians", ("SRB", "CVL")),
        ("Ethnic Serbs marched in Kosovo on Monday.", "Serbs", ("XKX", "CVL")),
        (
            "Ethnic Albanian guerrillas operating in Macedonia laid down their arms.",
            "Albanian guerrillas",
            ("MKD", "REB"),
        ),
        # Troops and plain visitors keep their own country.
        ("Russian troops in Ukraine shelled the town.", "Russian troops", ("RUS", "MIL")),
        ("Americans in Iraq were evacuated on Monday.", "Americans", ("USA", "CVL")),
    ],
)
def test_people_of_one_nation_living_in_another(
    parley_nlp: Language, text: str, mention: str, expected: tuple[str, str]
) -> None:
    assert who(parley_nlp, text, mention) == expected


def test_a_language_is_no_actor_and_settlers_are_israeli(parley_nlp: Language) -> None:
    found = mentions(parley_nlp, "Latvia restricted the use of the Russian language on radio.")
    assert "Russian" not in found
    assert who(parley_nlp, "Jewish settlers set fire to a house near Hebron.", "Jewish settlers") == (
        "ISR",
        "CVL",
    )
    # Northern Ireland is part of the United Kingdom; an unnamed extremist group is of its place.
    text = "London banned an extremist organization in Northern Ireland."
    assert who(parley_nlp, text, "extremist organization") == ("GBR", "REB")


def test_an_official_of_an_intergovernmental_body_acts_for_it(parley_nlp: Language) -> None:
    found = mentions(parley_nlp, "Kenya's president met UN mediator Jan Eliasson in Nairobi.")
    assert (found["Jan Eliasson"].role, found["Jan Eliasson"].code) == ("IGO", "IGOUNO")
    # A country's own envoy to the body stays that country's.
    assert who(parley_nlp, "Kenyan UN ambassador Martin Kimani spoke on Monday.", "Martin Kimani") == (
        "KEN",
        "GOV",
    )


def test_leaders_of_earlier_decades_are_known(parley_nlp: Language) -> None:
    text = "Boris Yeltsin and Hosni Mubarak met Kofi Annan in Cairo."
    found = mentions(parley_nlp, text, published=dt.date(1998, 5, 1))
    assert (found["Boris Yeltsin"].country, found["Hosni Mubarak"].country) == ("RUS", "EGY")
    assert found["Kofi Annan"].code == "IGOUNO"


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("UN officials said the convoy reached Aleppo.", "UN officials", "IGOUNO"),
        ("NATO diplomats met in Brussels on Monday.", "NATO diplomats", "IGOWSTNAT"),
        ("EU foreign ministers agreed on new sanctions against Iran.", "EU foreign ministers", "IGOEUREEC"),
    ],
)
def test_people_an_international_body_names_are_its_own(
    parley_nlp: Language, text: str, mention: str, code: str
) -> None:
    # Not the officials of the place where they meet, nor of the country their act concerns.
    found = mentions(parley_nlp, text)
    assert (found[mention].country, found[mention].code) == (None, code)


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Peasants in Kenya blocked the road on Monday.", "Peasants", ("KEN", "AGR")),
        ("Islamists in Algeria began a hunger strike.", "Islamists", ("DZA", "REL")),
        ("Striking miners in Peru clashed with the police.", "miners", ("PER", "LAB")),
    ],
)
def test_more_groups_of_people_take_their_place(
    parley_nlp: Language, text: str, mention: str, expected: tuple[str, str]
) -> None:
    assert who(parley_nlp, text, mention) == expected


def test_armed_groups_of_earlier_conflicts_are_known(parley_nlp: Language) -> None:
    found = mentions(
        parley_nlp, "UNITA and the Tamil Tigers rejected the talks.", published=dt.date(1995, 1, 1)
    )
    assert (found["UNITA"].country, found["UNITA"].role) == ("AGO", "REB")
    assert (found["Tamil Tigers"].country, found["Tamil Tigers"].role) == ("LKA", "REB")


def test_an_administration_named_for_a_surname_office_holders_share(parley_nlp: Language) -> None:
    # Two presidents Bush, both of the United States.
    text = "The Bush administration declared that China must drop its barriers."
    assert who(parley_nlp, text, "Bush administration") == ("USA", "GOV")


def test_a_name_may_open_with_a_lower_case_article(parley_nlp: Language) -> None:
    found = mentions(parley_nlp, "The strike killed eight al-Qaeda leaders, and al-Shabaab said nothing.")
    assert found["al-Qaeda leaders"].code == "IMGMOSALQ"
    # Other lower-case words are still no names: "turkey" is no country.
    assert "turkey" not in mentions(parley_nlp, "They ate turkey in Ankara.")


def test_a_place_in_a_condition_is_not_where_the_sentence_happens(parley_nlp: Language) -> None:
    found = mentions(parley_nlp, "Kenya will not accept more refugees if war starts in Uganda.")
    assert all(ref.country != "UGA" for text, ref in found.items() if text == "refugees")
    assert who(parley_nlp, "Kenya accepted more refugees after war started in Uganda.", "refugees") == (
        "UGA",
        "REF",
    )
