"""Words real reporting uses for CAMEO acts, each tested on sentences written for these tests
(model needed): designations as labels, bare airstrikes, troops that deploy, named culprits."""

from __future__ import annotations

import pytest
from spacy.language import Language

from parley.records import Event

pytestmark = pytest.mark.model


def _dyads(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    """(source country, target country, CAMEO root) of events with a source."""
    return {
        (e.source.country, e.target.country if e.target else None, e.cameo_root) for e in events if e.source
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Naming or designating a party as terrorists is a label, root 11.
        ("Kenya designated the Ugandan rebels as terrorists on Monday.", ("KEN", "UGA", "11")),
        ("The Chilean government named Bolivia an aggressor.", ("CHL", "BOL", "11")),
        # A bare airstrike with a country's adjective is that country's air attack.
        ("The prisoners escaped after Turkish airstrikes on the camp.", ("TUR", None, "19")),
        # Whom an attack killed or wounded is its target.
        ("Five Ugandan rebels were killed in a Kenyan airstrike.", ("KEN", "UGA", "19")),
        ("Two Kenyan soldiers were wounded in a Ugandan attack on Monday.", ("UGA", "KEN", "19")),
        # Troops that leave a country withdraw from it.
        ("Chilean troops left Peru on Monday.", ("CHL", "PER", "08")),
        # Forces that deploy, with no object, mobilize.
        ("Peruvian troops deployed along the border on Sunday.", ("PER", None, "15")),
        # Support expressed, voiced or sent in a letter is diplomatic support.
        ("The Kenyan minister expressed support for Uganda on Monday.", ("KEN", "UGA", "05")),
        ("Kenya sent a letter of support to Uganda.", ("KEN", "UGA", "05")),
        # Opposition voiced is disapproval.
        ("Kenya voiced opposition to the Ugandan plan.", ("KEN", "UGA", "11")),
        # Parties named together who agree to act agree with each other.
        ("Kenya and Uganda agreed to resume talks.", ("UGA", "KEN", "03")),
        # Armed forces that clash fight; crowds that clash riot.
        ("Kenyan troops clashed with Ugandan forces.", ("KEN", "UGA", "19")),
        ("Kenyan protesters clashed with police in Nairobi.", ("KEN", "KEN", "14")),
        # Talking to a party is consulting it.
        ("Kenya said it was ready to talk to Uganda.", ("KEN", "UGA", "03")),
        # Saying who was involved in or responsible for a wrong accuses them.
        ("Kenya said Uganda was responsible for the attack.", ("KEN", "UGA", "11")),
        (
            "The Kenyan president said Ugandan security forces were involved in the protests.",
            ("KEN", "UGA", "11"),
        ),
        # Whom one counts on to act is asked to.
        ('The Kenyan minister said: "We count on Uganda to act with restraint."', ("KEN", "UGA", "02")),
        # Saying who the culprits are blames them.
        ("The Kenyan police said the Somali militants were the perpetrators.", ("KEN", "SOM", "11")),
    ],
)
def test_acts_told_with_everyday_words(
    parley_nlp: Language, text: str, expected: tuple[str, str | None, str]
) -> None:
    assert expected in _dyads(parley_nlp(text)._.parley_events)


def test_naming_someone_to_an_office_is_no_label(parley_nlp: Language) -> None:
    events = parley_nlp("The Chilean president named Maria Lopez foreign minister.")._.parley_events
    assert all(e.cameo_root != "11" for e in events)


def test_talking_to_reporters_is_no_consultation(parley_nlp: Language) -> None:
    events = parley_nlp("The Kenyan minister talked to reporters in Nairobi.")._.parley_events
    assert all(e.cameo_root != "04" for e in events)


def test_being_responsible_for_a_task_is_no_accusation(parley_nlp: Language) -> None:
    events = parley_nlp("Kenya said the Ugandan ministry was responsible for the talks.")._.parley_events
    assert all(e.cameo_root != "11" for e in events)


def test_a_minister_leaving_a_country_withdraws_nothing(parley_nlp: Language) -> None:
    assert parley_nlp("The Chilean minister left Peru on Monday.")._.parley_events == []


@pytest.mark.parametrize(
    "text",
    [
        "The senator deployed his father as a surrogate in Iowa.",
        "The Kenyan party relies on Ugandan donors for its funding.",
    ],
)
def test_words_of_war_and_appeal_used_for_other_things_are_no_events(parley_nlp: Language, text: str) -> None:
    assert all(e.cameo_root not in ("02", "15") for e in parley_nlp(text)._.parley_events)
