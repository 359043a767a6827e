"""Actor resolution on sentences written for these tests (model needed)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from parley.records import ActorRef

pytestmark = pytest.mark.model


def mentions(
    parley_nlp: Language, text: str, published: dt.date | None = dt.date(2025, 6, 1)
) -> dict[str, ActorRef]:
    """Each mention's text -> its actor (the last one wins when a text repeats)."""
    doc = parley_nlp.make_doc(text)
    doc._.parley_published = published
    doc = parley_nlp(doc)
    return {text[m.start_char : m.end_char]: m.ref for m in doc._.parley_mentions}


def who(parley_nlp: Language, text: str, mention: str, **kwargs: dt.date) -> tuple[str | None, str | None]:
    found = mentions(parley_nlp, text, **kwargs)
    assert mention in found, f"{mention!r} not among {sorted(found)}"
    return found[mention].country, found[mention].role


def test_tables_override_the_ner_for_capitals(parley_nlp: Language) -> None:
    text = "Talks between Moscow and Kiev stalled, and the Kremlin blamed Kiev for the delay."
    assert who(parley_nlp, text, "Kiev") == ("UKR", "GOV")
    assert who(parley_nlp, text, "Kremlin") == ("RUS", "GOV")
    assert who(parley_nlp, text, "Moscow") == ("RUS", "GOV")


def test_title_and_adjective_make_an_unknown_name_an_official(parley_nlp: Language) -> None:
    text = "Ukrainian Deputy Foreign Minister Petro Ivanchuk arrived in Warsaw on Monday."
    assert who(parley_nlp, text, "Petro Ivanchuk") == ("UKR", "GOV")


def test_media_host_gets_the_outlets_country(parley_nlp: Language) -> None:
    text = "In an interview with CNN anchor Dana Whitfield, the envoy repeated his offer."
    assert who(parley_nlp, text, "Dana Whitfield") == ("USA", "MED")


def test_apposition_gives_country_and_role(parley_nlp: Language) -> None:
    text = "Olena Marchuk, Ukraine's deputy defence minister, said the shipment had arrived."
    country, role = who(parley_nlp, text, "Olena Marchuk")
    assert country == "UKR" and role in ("GOV", "MIL")


def test_office_holder_depends_on_the_article_date(parley_nlp: Language) -> None:
    text = "Blinken met the delegation in Cairo."
    found = mentions(parley_nlp, text, published=dt.date(2023, 3, 1))
    assert found["Blinken"].name == "Antony Blinken" and found["Blinken"].country == "USA"


def test_group_nouns_with_a_country(parley_nlp: Language) -> None:
    text = "Russian forces shelled the town while Ukrainian officials asked for more air defence."
    assert who(parley_nlp, text, "Russian forces") == ("RUS", "MIL")
    assert who(parley_nlp, text, "Ukrainian officials") == ("UKR", "GOV")


def test_us_the_pronoun_is_not_the_united_states(parley_nlp: Language) -> None:
    found = mentions(parley_nlp, "“Let us talk,” the US envoy told NATO allies.")
    assert "us" not in found
    assert any(ref.country == "USA" for ref in found.values())
    assert any(ref.role == "IGO" for ref in found.values())


def test_surname_and_pronoun_link_to_the_full_name(parley_nlp: Language) -> None:
    text = (
        "Indian Foreign Minister S. Jaishankar met his Chinese counterpart Wang Yi in Delhi. "
        "Wang said the border was calm. He added that trade would grow."
    )
    doc = parley_nlp.make_doc(text)
    doc._.parley_published = dt.date(2025, 6, 1)
    doc = parley_nlp(doc)
    by_start = {m.start_char: m for m in doc._.parley_mentions}
    wang = by_start[text.index("Wang said")]
    he = by_start[text.index("He added")]
    assert wang.ref.name == "Wang Yi" and wang.via == "surname"
    assert he.ref == wang.ref and he.via == "pronoun"


def test_a_pronoun_teaches_the_persons_gender(parley_nlp: Language) -> None:
    text = (
        "Finnish President Alexander Stubb and Estonian Prime Minister Kristen Michal met in Tallinn. "
        "Michal said she would raise the matter in Brussels. Stubb spoke next. "
        "Michal later said she was satisfied, and he agreed."
    )
    doc = parley_nlp.make_doc(text)
    doc._.parley_published = dt.date(2025, 6, 1)
    doc = parley_nlp(doc)
    by_start = {m.start_char: m for m in doc._.parley_mentions}
    he = by_start[text.index("he agreed")]
    assert he.ref.name == "Alexander Stubb"


def test_definite_title_links_to_the_person_introduced_with_it(parley_nlp: Language) -> None:
    text = "Spokeswoman Maria Zakharova spoke on Friday. The spokeswoman said the note was received."
    found = mentions(parley_nlp, text)
    assert found["spokeswoman"].name == "Maria Zakharova"


def test_possessive_pronoun_repeats_a_parallel_possessor(parley_nlp: Language) -> None:
    text = "Critics cite Washington's decision to send weapons to Ukraine and its refusal to back early truce efforts."
    doc = parley_nlp(text)
    its = next(m for m in doc._.parley_mentions if text[m.start_char : m.end_char] == "its")
    assert its.ref.name == "Washington"


# Actors the text gives no country: the place the sentence names, else the article's home country.


def test_role_noun_takes_the_country_of_the_place_it_acts_in(parley_nlp: Language) -> None:
    text = "Protesters clashed with riot police in Ottawa on Tuesday."
    assert who(parley_nlp, text, "Protesters") == ("CAN", "CVL")
    assert who(parley_nlp, text, "riot police") == ("CAN", "COP")


def test_role_noun_takes_the_articles_home_country(parley_nlp: Language) -> None:
    text = (
        "Kenya's parliament debated the finance bill on Monday. Kenyan lawmakers said the vote would "
        "be close.\n\nPolice fired tear gas at the crowd outside the building."
    )
    assert who(parley_nlp, text, "Police") == ("KEN", "COP")


def test_official_without_a_country_is_of_the_home_country(parley_nlp: Language) -> None:
    text = (
        "Chile and Peru signed a fishing accord in Lima. Chilean fishermen welcomed it.\n\n"
        "Chile's navy will patrol the area, Defence Minister Rosa Valdivia said."
    )
    assert who(parley_nlp, text, "Rosa Valdivia")[0] == "CHL"


def test_no_home_country_when_two_countries_are_named_equally(parley_nlp: Language) -> None:
    text = "Estonia and Finland held talks. Afterwards police closed the road."
    assert "police" not in mentions(parley_nlp, text)


def test_a_role_noun_modifying_another_noun_is_not_an_actor(parley_nlp: Language) -> None:
    text = (
        "Ghana's president spoke in Accra. Ghanaian officials met. A government decree was signed in Accra."
    )
    assert "government" not in mentions(parley_nlp, text)


def test_the_dateline_tells_the_home_country(parley_nlp: Language) -> None:
    doc = parley_nlp.make_doc("Police fired tear gas at students outside the university on Monday.")
    doc._.parley_dateline = "NAIROBI"
    doc = parley_nlp(doc)
    police = [m.ref for m in doc._.parley_mentions if m.ref.role == "COP"]
    assert police and police[0].country == "KEN"


def test_a_short_form_the_article_sets_up(parley_nlp: Language) -> None:
    text = "North Korea fired a missile on Monday; the North said it was a routine test."
    found = mentions(parley_nlp, text)
    assert found["the North"].country == "PRK"


def test_a_compass_word_without_such_a_country_is_no_actor(parley_nlp: Language) -> None:
    text = "Heavy rain fell across the North on Monday, and Kenya closed two roads."
    assert "the North" not in mentions(parley_nlp, text)


def test_a_body_of_a_country_named_with_of(parley_nlp: Language) -> None:
    text = "The Parliament of Kenya voted on a resolution to expel the envoy."
    found = mentions(parley_nlp, text)
    assert found["Parliament of Kenya"].country == "KEN" and found["Parliament of Kenya"].role == "LEG"


def test_a_name_after_an_office_of_a_country_holds_it(parley_nlp: Language) -> None:
    text = "Kenya's president met with the President of the Republic of Ghana Mr. Kwesi Arthur on Monday."
    found = mentions(parley_nlp, text)
    assert (found["Kwesi Arthur"].country, found["Kwesi Arthur"].role) == ("GHA", "GOV")


def test_a_name_in_apposition_to_a_countrys_office_holds_it(parley_nlp: Language) -> None:
    text = "The Ghanaian foreign minister, Kwesi Arthur, met his Kenyan counterpart on Monday."
    found = mentions(parley_nlp, text)
    assert (found["Kwesi Arthur"].country, found["Kwesi Arthur"].role) == ("GHA", "GOV")


def test_they_after_a_subject_naming_several_actors_stands_for_the_first(parley_nlp: Language) -> None:
    text = (
        "Kenyan foreign minister Alfred Mutua and his Ugandan counterpart met in Nairobi. "
        "They called on Sudan to halt the fighting."
    )
    assert mentions(parley_nlp, text)["They"].country == "KEN"
    alone = "Kenyan foreign minister Alfred Mutua met in Nairobi. They called on Sudan to halt the fighting."
    assert "They" not in mentions(parley_nlp, alone)


def test_an_it_after_a_thing_named_as_an_object_is_that_thing(parley_nlp: Language) -> None:
    text = "Kenya hosted the talks. Ghana commented on the new border treaty, calling it null and void."
    assert "it" not in mentions(parley_nlp, text)
    # As a clause's subject it is still the actor ("... the treaty, and it said ...").
    text = "Ghana signed the treaty on Monday and it said the deal was fair."
    assert mentions(parley_nlp, text)["it"].country == "GHA"


def test_him_after_a_womans_name_is_the_man_the_clause_does_not_name(parley_nlp: Language) -> None:
    text = "John Baker won the vote on Tuesday. Prime Minister Jane Smith appointed him foreign secretary."
    assert mentions(parley_nlp, text)["him"].name == "John Baker"
    text = "John Baker won the vote on Tuesday. He beat Tom Hill, who succeeded him as mayor."
    assert mentions(parley_nlp, text)["him"].name == "John Baker"


def test_an_organisations_one_word_alias_after_a_persons_title_is_a_surname(parley_nlp: Language) -> None:
    text = (
        '"The corridor will open next year," says Director General of the Pacific Trade Office Wagner. '
        "Later Wagner said the money was ready."
    )
    found = mentions(parley_nlp, text)
    assert found["Wagner"].name == "Wagner"
    assert found["Wagner"].role != "MIL"


def test_the_organisations_alias_stays_the_organisation_after_of_or_a_group_noun(
    parley_nlp: Language,
) -> None:
    text = "The head of Wagner met officers in Bamako, and the mercenary group Wagner denied the report."
    found = mentions(parley_nlp, text)
    assert found["Wagner"].name == "Wagner Group"


def test_a_newspaper_whose_name_ends_in_another_papers_name_is_itself(parley_nlp: Language) -> None:
    text = "The Japan Times called the new budget a mistake on Monday."
    found = mentions(parley_nlp, text)
    assert found["Japan Times"].name == "The Japan Times"
    assert found["Japan Times"].country == "JPN"


def test_a_name_of_a_body_belongs_to_it_and_a_name_of_a_place_does_not_govern(parley_nlp: Language) -> None:
    assert who(parley_nlp, "Carlos Ruiz of the Chilean army said the talks had failed.", "Carlos Ruiz") == (
        "CHL",
        "MIL",
    )
    assert who(parley_nlp, "Juan Perez of Lima said he would attend.", "Juan Perez")[1] != "GOV"


def test_an_object_pronoun_is_not_its_own_clauses_subject(parley_nlp: Language) -> None:
    text = "Protesters marched on the parliament in Lima. As they tried to storm it, police fired tear gas at them."
    found = mentions(parley_nlp, text)
    assert found["them"].role == "CVL"


def test_he_can_stand_for_a_persons_office_not_for_a_body(parley_nlp: Language) -> None:
    text = "The Chilean president spoke in Lima on Monday. He said talks would resume."
    assert who(parley_nlp, text, "He") == ("CHL", "GOV")
    body = "The Chilean government met in Lima on Monday. He said talks would resume."
    assert "He" not in mentions(parley_nlp, body)


def test_foreign_forces_are_not_the_places_but_foreign_ministers_are(parley_nlp: Language) -> None:
    text = "Protesters marched in Belgrade. Foreign fighters attacked the town. Foreign ministers met there."
    found = mentions(parley_nlp, text)
    assert "fighters" not in " ".join(found) and found["Foreign ministers"].country == "SRB"
