"""General event rules found on the PLOVER development half, tested on sentences written for
these tests (model needed): who protests against whom, whom a curfew binds, who is asked to act,
and who acts in an attack told only by its weapon."""

from __future__ import annotations

import pytest
from spacy.language import Language

from parley.records import Event

pytestmark = pytest.mark.model


def _dyads(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    """(source country, target country, CAMEO code) of events with a source."""
    return {(e.source.country, e.target.country if e.target else None, e.cameo) for e in events if e.source}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A country's adjective before people who protest names them, not the state.
        ("Kenyan farmers demonstrated in Nairobi on Friday.", ("KEN", "KEN", "141")),
        # Students, workers and refugees protest against their own government too.
        ("Chilean students staged a march through Santiago.", ("CHL", "CHL", "141")),
        ("Peruvian miners began a hunger strike on Monday.", ("PER", "PER", "142")),
    ],
)
def test_people_a_country_names_protest_against_its_government(
    parley_nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    events = [e for e in parley_nlp(text)._.parley_events if e.source and e.target]
    assert expected in _dyads(events)
    assert all(e.source.role not in ("GOV", None) and e.target.role == "GOV" for e in events)


def test_a_curfew_or_emergency_rule_binds_the_places_people(parley_nlp: Language) -> None:
    events = parley_nlp(
        "The Bolivian government declared a state of emergency in Bolivia on Friday."
    )._.parley_events
    assert {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events if e.source} == {
        ("BOLGOV", "BOLCVL", "1724")
    }
    events = parley_nlp("Kenya's president said he would extend the curfew in Nairobi.")._.parley_events
    assert ("KEN", "KEN", "1323") in _dyads(events)


def test_a_demand_for_a_named_act_targets_who_is_to_do_it(parley_nlp: Language) -> None:
    events = parley_nlp("Chile demanded the withdrawal of Peruvian troops from Bolivia.")._.parley_events
    assert ("CHL", "PER", "1056") in _dyads(events)
    assert not any(e.target and e.target.country == "BOL" for e in events)


def test_a_deadly_attack_told_by_its_weapon_is_the_places_armed_mens(parley_nlp: Language) -> None:
    events = parley_nlp(
        "A roadside bomb near Kandahar killed three Afghan soldiers on Monday."
    )._.parley_events
    assert {(e.source.code, e.target.code if e.target else None) for e in events if e.source} == {
        ("AFGUAF", "AFGMIL")
    }
    # People a country's adjective names are its civilians.
    events = parley_nlp("A car bomb in the town of Kirkuk killed two Iraqi youths.")._.parley_events
    assert {(e.source.code, e.target.code if e.target else None) for e in events if e.source} == {
        ("IRQUAF", "IRQCVL")
    }
    # Where a weapon only fell, or the attack is named again, nobody unnamed is made up.
    assert not parley_nlp("Rockets struck near the base in Kirkuk on Monday.")._.parley_events
    doc = parley_nlp(
        "Chile attacked a convoy in Peru. A roadside bomb killed two Peruvian soldiers near Lima. "
        "Bolivia condemned the attack."
    )
    assert {e.target.country for e in doc._.parley_events if e.source and e.source.country == "BOL"} == {
        "CHL"
    }


def test_where_people_protest_is_no_target_their_government_is(parley_nlp: Language) -> None:
    events = parley_nlp("Inmates rioted at a prison in Kenya on Monday.")._.parley_events
    assert {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events if e.source} == {
        ("KENCVL", "KENGOV", "145")
    }


def test_forces_demobilized_are_the_ones_who_demobilize(parley_nlp: Language) -> None:
    events = parley_nlp("Half of the rebels operating in Kenya were demobilized on Monday.")._.parley_events
    assert {(e.source.code, e.cameo) for e in events if e.source} == {("KENREB", "0873")}
    # With an agent named, the agent acts.
    events = parley_nlp("Rebels in Kenya were disarmed by Ugandan troops on Monday.")._.parley_events
    assert {(e.source.country, e.target.country if e.target else None) for e in events if e.source} == {
        ("UGA", "KEN")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile called for Peru to withdraw its troops from the border.", ("CHL", "PER", "025")),
        ("Kenya is pressing hard for Uganda to reopen the border.", ("KEN", "UGA", "025")),
    ],
)
def test_asking_for_someone_to_act_is_an_appeal_not_their_act(
    parley_nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    # The parser hangs "for X to do Y" on the verb as an adverbial clause.
    events = parley_nlp(text)._.parley_events
    assert _dyads(events) == {expected}


def test_a_threat_is_aimed_at_whoever_must_meet_its_condition(parley_nlp: Language) -> None:
    events = parley_nlp(
        "Chilean miners threatened to strike unless Peru reopened the border."
    )._.parley_events
    assert ("CHL", "PER") in {(s, t) for s, t, code in _dyads(events) if code.startswith("13")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile reprimanded Peru over the border incident.", ("CHL", "PER", "111")),
        ("Kenya arraigned two Ugandan soldiers on Monday.", ("KEN", "UGA", "112")),
        ("Peru annulled the decree on Bolivian imports.", ("PER", "BOL", "0832")),
    ],
)
def test_more_verbs_of_blame_and_reversal(
    parley_nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _dyads(parley_nlp(text)._.parley_events)


def test_a_light_verbs_act_is_done_to_whom_its_noun_names(parley_nlp: Language) -> None:
    events = parley_nlp("Chile tightened its blockade of Peru with Bolivia's help.")._.parley_events
    assert {t for s, t, code in _dyads(events) if s == "CHL" and code.startswith("19")} == {"PER"}


def test_an_act_on_part_of_a_thing_concerns_the_whole(parley_nlp: Language) -> None:
    events = parley_nlp("Chile suspended part of its military aid program for Peru.")._.parley_events
    assert {t for s, t, code in _dyads(events) if s == "CHL" and code.startswith("16")} == {"PER"}


def test_who_did_an_act_judged_is_the_target_even_at_home(parley_nlp: Language) -> None:
    # The perpetrators ("by"), not the victims ("against"); a country's own rebels are others.
    events = parley_nlp(
        "Kenya is investigating war crimes by Kenyan militants against Ugandan civilians."
    )._.parley_events
    assert {(e.source.country, e.target.code) for e in events if e.source and e.target} == {("KEN", "KENREB")}


def test_a_sentence_the_parser_finds_no_verb_in_still_has_its_subject(parley_nlp: Language) -> None:
    # The small model makes "Volunteers" the root and hangs "donated" inside its phrase.
    text = (
        "Volunteers from three Chilean charities donated and personally delivered food to refugees in Peru."
    )
    events = parley_nlp(text)._.parley_events
    assert {(e.source.country, e.cameo) for e in events if e.source} == {("CHL", "073")}


def test_weapons_decommissioned_name_no_demobilizing_force(parley_nlp: Language) -> None:
    text = "Kenya said large amounts of Ugandan rebel weaponry had been decommissioned."
    assert not [e for e in parley_nlp(text)._.parley_events if e.cameo.startswith("0873")]


def test_a_threat_to_cut_ties_with_a_country_targets_it(parley_nlp: Language) -> None:
    text = "Chile threatened to break off diplomatic relations with Peru and Bolivia."
    events = parley_nlp(text)._.parley_events
    assert {t for s, t, code in _dyads(events) if s == "CHL" and code.startswith("13")} == {"PER", "BOL"}


def test_calling_off_a_strike_yields_to_the_government(parley_nlp: Language) -> None:
    events = parley_nlp("Kenyan teachers called off their strike on Thursday.")._.parley_events
    assert {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events if e.source} == {
        ("KENEDU", "KENGOV", "082")
    }


def test_whose_the_noun_after_a_preposition_is_is_the_target(parley_nlp: Language) -> None:
    events = parley_nlp("Kenya's president reneged on his commitment to the Ugandan people.")._.parley_events
    assert {(e.source.country, e.target.code) for e in events if e.source and e.target} == {("KEN", "UGACVL")}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # The agent of an act judged is named deep in its phrase, or through a participle.
        ("Chile condemned the killings of civilians carried out by Peruvian soldiers.", "PER"),
        # The parser hangs "as ..." on the verb; the "by" inside it still names the act's agent,
        # not the adjective before it.
        ("Chile criticized the recognition of the islands as Peruvian territory by Bolivia.", "BOL"),
    ],
)
def test_who_did_the_act_judged_is_the_target(parley_nlp: Language, text: str, target: str) -> None:
    events = parley_nlp(text)._.parley_events
    assert {(e.source.country, e.target.country if e.target else None) for e in events if e.source} == {
        ("CHL", target)
    }


def test_aid_stopped_goes_to_whom_a_clause_on_it_sends_it(parley_nlp: Language) -> None:
    events = parley_nlp(
        "Chile froze $50 million in military aid that had been earmarked for Peru."
    )._.parley_events
    assert {(e.source.country, e.target.country if e.target else None) for e in events if e.source} == {
        ("CHL", "PER")
    }


def test_they_after_joined_actors_is_each_of_them(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Brazil and South Korea discussed energy cooperation on Monday. They signed a trade agreement."
    )
    signed = {
        (e.source.country, e.target.country if e.target else None)
        for e in doc._.parley_events
        if e.cameo == "057"
    }
    assert signed == {("BRA", "KOR"), ("KOR", "BRA")}
    doc = parley_nlp("Chile and Peru clashed on the border. Bolivia urged them to stop fighting.")
    assert {e.target.country for e in doc._.parley_events if e.source.country == "BOL" and e.target} == {
        "CHL",
        "PER",
    }


def test_they_are_not_whom_they_act_on(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Chile and Peru may go to court. Chile said they keep channels to Peru open for dialogue."
    )
    assert any(
        e.source.country == "CHL" and e.target and e.target.country == "PER" for e in doc._.parley_events
    )
    assert not any(e.source.country == "PER" and e.cameo_root == "03" for e in doc._.parley_events)


def test_an_it_standing_for_a_thing_judged_takes_its_actors(parley_nlp: Language) -> None:
    # The agreement's parties, not a country named sentences before.
    events = parley_nlp(
        "Chile hosted Ecuador on Monday. Chile commented on the border agreement between Peru and "
        "Bolivia, calling it null and void."
    )._.parley_events
    assert {e.target.country for e in events if e.cameo == "111" and e.target} == {"PER", "BOL"}
    # An act: whoever did it, even when the only actor named is the judge's own country.
    events = parley_nlp(
        "Chile bombed a Peruvian convoy on Monday. Chilean jets struck a base in Peru on Tuesday. "
        "Peru's president spoke out against the attack, calling it an aggression on Peru as a state."
    )._.parley_events
    judged = {(e.rule, e.target.country if e.target else None) for e in events if e.cameo == "111"}
    assert judged == {("speak-against", "CHL"), ("label", "CHL")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "protested" is read as a state's note first; made by people it is a demonstration.
        ("It was the fourth night in a row that Chileans protested.", ("CHLCVL", "CHLGOV", "141")),
        # What people demand with no one named, they demand of their government.
        (
            "Thousands of protesters gathered in Lima on Sunday. Their demands include new elections.",
            ("PERCVL", "PERGOV", "100"),
        ),
        # "them" is not the police who fire at them.
        (
            "Protesters in Lima tried to storm parliament, and police fired tear gas at them.",
            ("PERCOP", "PERCVL", "175"),
        ),
    ],
)
def test_people_protest_and_demand_against_their_government(
    parley_nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    events = parley_nlp(text)._.parley_events
    assert expected in {
        (e.source.code, e.target.code if e.target else None, e.cameo) for e in events if e.source
    }


def test_a_call_told_as_the_setting_of_an_act_is_between_its_subject_and_object(parley_nlp: Language) -> None:
    events = parley_nlp(
        "In a phone call on Monday, the Chilean president urged the Peruvian president to reopen the border."
    )._.parley_events
    assert ("CHL", "PER", "041") in _dyads(events)
    events = parley_nlp("In a phone call on Monday, Chile's president discussed the border.")._.parley_events
    assert all(e.target is None for e in events)


def test_an_attack_with_no_target_named_goes_where_its_maker_attacked_before(parley_nlp: Language) -> None:
    told = "Chile launched an offensive into Peru on Monday. On Tuesday, "
    events = parley_nlp(told + "Chile began a ground invasion.")._.parley_events
    assert {(e.source.country, e.target.country if e.target else None) for e in events} == {("CHL", "PER")}
    events = parley_nlp(told + "Bolivia began a ground invasion.")._.parley_events
    assert ("BOL", None, "190") in _dyads(events)


def test_the_protests_after_a_protest_told_name_it_again(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Peruvian students marched against Chile in Lima on Monday. Police said the protests were peaceful."
    )
    assert _dyads(doc._.parley_events) == {("PER", "CHL", "141")}
    # With no protest told before, the protests are the place's people's.
    doc = parley_nlp("Chile signed a trade deal with Peru. The protests in Lima grew on Monday.")
    assert ("PER", "PER", "141") in _dyads(doc._.parley_events)


def test_unnamed_people_shot_are_the_target_before_actors_further_off(parley_nlp: Language) -> None:
    events = parley_nlp(
        "On Sunday morning, a gunman shot shoppers at a market in the Peruvian border city of Tacna, "
        "with the death toll rising to 12 people on Monday, reported officials, with 20 others injured."
    )._.parley_events
    assert {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events if e.source} == {
        ("PERCVL", "PERCVL", "180")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Because of its drilling there, Peru is already under EU sanctions.", (None, "PER", "163")),
        ("Peru has been under a Chilean blockade since May.", ("CHL", "PER", "191")),
    ],
)
def test_whoever_is_under_a_measure_is_its_target(
    parley_nlp: Language, text: str, expected: tuple[str | None, str, str]
) -> None:
    events = parley_nlp(text)._.parley_events
    assert expected in {
        (e.source.country, e.target.country if e.target else None, e.cameo) for e in events if e.source
    }


def test_a_party_set_apart_by_an_exception_is_no_target(parley_nlp: Language) -> None:
    events = parley_nlp(
        "Chile invited all its neighbours to the talks, with the exception of Peru."
    )._.parley_events
    assert events and all(e.target is None for e in events)
    assert ("CHL", "PER", "026") in _dyads(parley_nlp("Chile invited Peru to the talks.")._.parley_events)


def test_a_call_made_by_one_party_to_another_past_a_time_phrase(parley_nlp: Language) -> None:
    # The parser hangs "to ..." on "released", past "late last June".
    events = parley_nlp(
        "Last week the ministry released a summary of a phone call made by the Chilean president "
        "late last June to the Peruvian president."
    )._.parley_events
    assert ("CHL", "PER", "041") in _dyads(events)
