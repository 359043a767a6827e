"""Events from the full pipeline (parse, actors, quotes, events) on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from parley.records import Event

pytestmark = pytest.mark.model

# A Thursday.
PUBLISHED = dt.date(2025, 5, 8)


def parse(parley_nlp: Language, text: str, published: dt.date | None = PUBLISHED) -> Doc:
    doc = parley_nlp.make_doc(text)
    doc._.parley_published = published
    parsed: Doc = parley_nlp(doc)
    return parsed


def analyse(parley_nlp: Language, text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    return list(parse(parley_nlp, text, published)._.parley_events)


def pairs(events: list[Event]) -> set[tuple[str | None, str | None, str | None]]:
    """(PLOVER type, source country, target country) of each event."""
    return {
        (e.plover.type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # verb with a direct object
        ("Egypt condemned Libya after the border incident.", ("ACCUSE", "EGY", "LBY")),
        # phrasal verb, and "between X and Y"
        ("Norway stepped back as a mediator between Sudan and Chad.", ("SANCTION", "NOR", "SDN")),
        # noun with a possessor, its complement clause naming the target
        (
            "Kenya has repeated its demand that Somali troops withdraw from the border.",
            ("REQUEST", "KEN", "SOM"),
        ),
        # "ready for talks with X", the subject a pronoun standing for the speaker
        ("Serbia said on Monday that it is ready for direct talks with Croatia.", ("AGREE", "SRB", "HRV")),
        # passive with an agent
        ("Chadian positions were shelled by Libyan artillery overnight.", ("ASSAULT", "LBY", "TCD")),
        # a prepositional target
        ("Japan held talks with South Korea in Tokyo.", ("CONSULT", "JPN", "KOR")),
        # a light verb and its event noun
        ("Ghana imposed sanctions on Togo last year.", ("COERCE", "GHA", "TGO")),
        # an adjective modifier as the agent of an attack noun
        ("Ethiopian air strikes hit several towns in Eritrea.", ("ASSAULT", "ETH", None)),
        # a strike that is launched is an attack, one that is held is a labour strike
        ("Russia launched strikes on Ukraine.", ("ASSAULT", "RUS", "UKR")),
        ("Teachers in Kenya held a strike over pay.", ("PROTEST", "KEN", "KEN")),  # against their government
    ],
)
def test_trigger_and_argument_forms(
    parley_nlp: Language, text: str, expected: tuple[str, str, str | None]
) -> None:
    assert expected in pairs(analyse(parley_nlp, text))


def test_conjoined_targets_give_one_event_each(parley_nlp: Language) -> None:
    events = analyse(parley_nlp, "Norway called on both Sudan and Chad to resume negotiations.")
    assert {("REQUEST", "NOR", "SDN"), ("REQUEST", "NOR", "TCD")} <= pairs(events)
    assert {e.cameo for e in events if e.plover.type == "REQUEST"} == {"026"}


def test_conjoined_sources_give_one_event_each(parley_nlp: Language) -> None:
    events = analyse(parley_nlp, "Both Peru and Ecuador rejected the proposal.")
    assert {("REJECT", "PER", None), ("REJECT", "ECU", None)} <= pairs(events)


def test_a_pronoun_source_resolved_by_the_actors(parley_nlp: Language) -> None:
    text = "Brazil's foreign minister Ana Silva spoke in Brasilia. She urged Bolivia to release the miners."
    urge = [e for e in analyse(parley_nlp, text) if e.plover.type == "REQUEST"]
    assert [(e.source and e.source.name, e.target and e.target.country) for e in urge] == [
        ("Ana Silva", "BOL")
    ]
    assert urge[0].cameo == "025"


def test_refusing_is_a_rejection_not_a_negation(parley_nlp: Language) -> None:
    (event,) = [e for e in analyse(parley_nlp, "Cuba refused to release the prisoners.") if e.source]
    assert (event.plover.type, event.cameo) == ("REJECT", "1243")
    assert not event.negated


def test_negation_is_kept_as_a_flag(parley_nlp: Language) -> None:
    (event,) = analyse(parley_nlp, "Japan did not condemn China.")
    assert event.plover.type == "ACCUSE"
    assert event.negated


def test_a_negated_intent_is_a_rejection(parley_nlp: Language) -> None:
    (event,) = analyse(parley_nlp, "Poland is not ready to negotiate with Belarus.")
    assert (event.plover.type, event.cameo) == ("REJECT", "125")
    assert not event.negated


def test_a_conditional_withdrawal_is_a_conditional_threat(parley_nlp: Language) -> None:
    events = analyse(parley_nlp, "India could withdraw from the talks if Pakistan refuses to compromise.")
    threat = next(e for e in events if e.source and e.source.country == "IND")
    assert (threat.plover.type, threat.cameo) == ("THREATEN", "134")
    assert threat.conditional
    assert not threat.hypothetical


def test_a_modal_act_is_hypothetical(parley_nlp: Language) -> None:
    (event,) = analyse(parley_nlp, "Brazil might impose sanctions on Venezuela.")
    assert (event.plover.type, event.cameo) == ("THREATEN", "1312")
    assert event.hypothetical
    assert not event.conditional


def test_a_future_act_is_an_intent(parley_nlp: Language) -> None:
    (event,) = analyse(parley_nlp, "Finland will send food aid to Somalia.")
    assert (event.plover.type, event.cameo) == ("AGREE", "0333")
    assert event.target is not None and event.target.country == "SOM"
    assert event.hypothetical


def test_the_bound_of_a_future_act_is_hypothetical(parley_nlp: Language) -> None:
    events = analyse(parley_nlp, "Sudan will keep fighting until Chad withdraws its troops from the border.")
    (withdrawal,) = [e for e in events if e.source and e.source.country == "TCD"]
    assert (withdrawal.plover.type, withdrawal.cameo_root) == ("RETREAT", "08")
    assert withdrawal.hypothetical
    (done,) = analyse(parley_nlp, "Chad withdrew its troops from the border.")
    assert not done.hypothetical


def test_an_event_inside_a_quote_is_reported_and_linked(parley_nlp: Language) -> None:
    doc = parse(parley_nlp, "“Armenia will never accept the plan,” the Armenian foreign minister said.")
    (event,) = doc._.parley_events
    assert event.reported
    assert event.quote_index is not None
    assert "accept" in doc._.parley_quotes[event.quote_index].text
    assert event.plover.type == "REJECT"


def test_speculation_by_analysts_is_reported(parley_nlp: Language) -> None:
    doc = parse(parley_nlp, "Analysts say Iran may expel the inspectors.")
    (event,) = doc._.parley_events
    assert event.reported
    # What the analysts say is their indirect quote, named by the description.
    assert event.quote_index is not None
    assert doc._.parley_quotes[event.quote_index].speaker.name == "Analysts"
    assert event.plover.type == "THREATEN"
    (asserted,) = analyse(parley_nlp, "Iran expelled the inspectors.")
    assert not asserted.reported
    assert asserted.plover.type == "SANCTION"


def test_a_denied_claim_is_not_an_event(parley_nlp: Language) -> None:
    events = analyse(parley_nlp, "Germany denied reports that it had expelled Russian diplomats.")
    assert [e.cameo_root for e in events] == ["01"]


def test_an_order_to_observe_a_ceasefire(parley_nlp: Language) -> None:
    events = analyse(parley_nlp, "Mali's president ordered the army to observe the truce.")
    assert ("RETREAT", "MLI", None) in pairs(events)


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Egypt condemned Libya on Tuesday.", dt.date(2025, 5, 6), "day"),
        ("Egypt condemned Libya on May 2.", dt.date(2025, 5, 2), "day"),
        ("Peru will host talks with Chile next week.", dt.date(2025, 5, 12), "week"),
        ("Algeria boycotted the talks in January.", dt.date(2025, 1, 1), "month"),
        ("Egypt condemned Libya.", PUBLISHED, "published"),
    ],
)
def test_event_dates(parley_nlp: Language, text: str, date: dt.date, precision: str) -> None:
    (event,) = analyse(parley_nlp, text)
    assert (event.date, event.date_precision) == (date, precision)


def test_that_day_and_no_publication_date(parley_nlp: Language) -> None:
    text = "Kenya and Uganda signed a border agreement on April 28. Earlier that day, Kenya expelled two Ugandan diplomats."
    expelled = next(e for e in analyse(parley_nlp, text) if e.cameo_root == "16")
    assert (expelled.date, expelled.date_precision) == (dt.date(2025, 4, 28), "day")
    (undated,) = analyse(parley_nlp, "Egypt condemned Libya on Tuesday.", published=None)
    assert (undated.date, undated.date_precision) == (None, None)


def test_offsets_point_into_the_text(parley_nlp: Language) -> None:
    text = "Quietly, Egypt condemned Libya."
    (event,) = analyse(parley_nlp, text)
    assert text[slice(*event.trigger)] == "condemned"
    assert text[slice(*event.sentence)] == text
