"""Positions and shifts from event and quote records, on sentences written for these tests (no model)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from parley.errors import ConfigError
from parley.nlp.positions import (
    PositionOptions,
    derive_positions,
    load_lexicon,
    shift_kind,
)
from parley.records import ActorRef, Event, Plover, Position, Quote

NORTHLAND = ActorRef("Northland", "NLD", "GOV")
SOUTHIA = ActorRef("Southia", "SOU", "GOV")
BROKER = ActorRef("Brokeria", "BRK", "GOV")
DAY = dt.date(2024, 3, 4)


def event(text: str, sentence: str, trigger: str, cameo: str, source: ActorRef, **flags: object) -> Event:
    """An event on ``sentence`` (a substring of ``text``) with its trigger word ``trigger``."""
    start = text.index(sentence)
    at = text.index(trigger, start)
    values: dict[str, object] = {"date": DAY, "rule": "test", "confidence": 0.8, **flags}
    return Event(
        source=source,
        target=values.pop("target", None),  # type: ignore[arg-type]
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=Plover(None),
        sentence=(start, start + len(sentence)),
        trigger=(at, at + len(trigger)),
        **values,  # type: ignore[arg-type]
    )


def one(text: str, *events: Event, quotes: tuple[Quote, ...] = ()) -> list[Position]:
    positions, _ = derive_positions(text, events, quotes)
    return positions


def test_an_offer_to_negotiate_is_for_talks() -> None:
    text = "Northland said it is ready for peace talks with Southia next month."
    (position,) = one(text, event(text, text, "ready", "036", NORTHLAND))
    assert (position.actor, position.issue, position.stance) == (NORTHLAND, "talks", "for")
    assert position.events == (0,) and position.date == DAY


def test_the_nearest_issue_after_the_trigger_wins() -> None:
    text = "Northland declared a truce along the river so that negotiations could begin."
    (position,) = one(text, event(text, text, "declared", "0871", NORTHLAND))
    assert position.issue == "ceasefire"


def test_a_rejected_proposal_is_against_the_offer_it_answers() -> None:
    first = "Northland offered a two-week truce to Southia."
    second = "Southia turned down the Northland proposal on Friday."
    text = f"{first} {second}"
    positions = one(
        text,
        event(text, first, "offered", "030", NORTHLAND),
        event(text, second, "turned", "120", SOUTHIA, target=NORTHLAND),
    )
    assert [(p.actor, p.issue, p.stance) for p in positions] == [
        (NORTHLAND, "ceasefire", "for"),
        (SOUTHIA, "ceasefire", "against"),
    ]
    assert positions[1].answers == 0


def test_a_stance_told_again_with_no_change_between_is_one_position() -> None:
    first = "Southia rejected the Northland ceasefire proposal."
    second = "Southia called the truce offer a trick."
    third = "In May, Southia agreed to a truce."
    fourth = "Weeks later, Southia again rejected a truce."
    text = f"{first} The rains came. {second} {third} {fourth}"
    positions = one(
        text,
        event(text, first, "rejected", "120", SOUTHIA, target=NORTHLAND),
        event(text, second, "called", "111", SOUTHIA, target=NORTHLAND),
        event(text, third, "agreed", "030", SOUTHIA),
        event(text, fourth, "rejected", "120", SOUTHIA),
    )
    assert [(p.issue, p.stance, p.events) for p in positions] == [
        ("ceasefire", "against", (0, 1)),
        ("ceasefire", "for", (2,)),
        ("ceasefire", "against", (3,)),
    ]


def test_a_conditional_threat_is_conditional_with_its_condition() -> None:
    text = "Brokeria may end its role as mediator if the two sides keep stalling, an aide said."
    (position,) = one(text, event(text, text, "end", "135", BROKER, conditional=True, hypothetical=True))
    assert (position.issue, position.stance) == ("mediation", "conditional")
    assert position.condition == "the two sides keep stalling"


def test_a_threat_without_a_condition_is_no_position() -> None:
    text = "Brokeria threatened to end its mediation."
    assert one(text, event(text, text, "threatened", "135", BROKER)) == []


def test_a_demand_made_a_precondition_is_conditional_on_the_demand() -> None:
    text = "Southia insists that all troops leave the valley as a precondition for any negotiation."
    (position,) = one(text, event(text, text, "insists", "1056", SOUTHIA))
    assert (position.issue, position.stance) == ("talks", "conditional")
    assert position.condition == "all troops leave the valley"


def test_aid_contingent_on_something_is_conditional() -> None:
    text = "The minister said the relief money was contingent on an audit of the ports."
    (position,) = one(text, event(text, text, "said", "010", NORTHLAND))
    assert (position.issue, position.stance, position.condition) == (
        "aid",
        "conditional",
        "an audit of the ports",
    )


def test_not_halting_mediation_is_for_it() -> None:
    text = "Brokeria has not abandoned its mediation between the two capitals."
    (position,) = one(text, event(text, text, "abandoned", "165", BROKER, negated=True))
    assert (position.issue, position.stance) == ("mediation", "for")


def test_speculation_and_hypotheticals_give_no_position() -> None:
    text = "Observers believe Northland is preparing to quit the talks. Northland might accept a truce."
    speculation = event(
        text, "Observers believe Northland is preparing to quit the talks.", "quit", "164", NORTHLAND
    )
    speculation = replace(speculation, reported=True)
    maybe = event(text, "Northland might accept a truce.", "accept", "081", NORTHLAND, hypothetical=True)
    assert one(text, speculation, maybe) == []


def test_another_countrys_claim_is_not_the_actors_position() -> None:
    text = "Southia said that Northland wants talks."
    quote = Quote("Northland wants talks", 18, 39, "indirect", SOUTHIA, (0, 7), "said")
    claimed = replace(event(text, text, "wants", "036", NORTHLAND), reported=True, quote_index=0)
    assert one(text, claimed, quotes=(quote,)) == []


def test_a_news_outlet_reporting_an_act_leaves_it_the_actors_position() -> None:
    text = "The Courier reported that Northland wants talks."
    outlet = ActorRef("The Courier", "SOU", "MED")
    quote = Quote("Northland wants talks", 26, 47, "indirect", outlet, (0, 11), "reported")
    reported = replace(event(text, text, "wants", "036", NORTHLAND), reported=True, quote_index=0)
    assert [(p.actor, p.issue) for p in one(text, reported, quotes=(quote,))] == [(NORTHLAND, "talks")]


def test_background_events_long_before_publication_are_left_out() -> None:
    text = "In 2001 Northland agreed to a ceasefire."
    old = event(text, text, "agreed", "030", NORTHLAND, date=dt.date(2001, 1, 1))
    positions, _ = derive_positions(text, [old], [], published=dt.date(2024, 1, 1))
    assert positions == []
    assert len(one(text, old)) == 1


def test_actors_nobody_could_place_take_no_side() -> None:
    text = "Jan Smit called for a ceasefire."
    assert one(text, event(text, text, "called", "020", ActorRef("Jan Smit"))) == []


def test_an_unknown_issue_is_dropped_or_kept_as_other() -> None:
    text = "Northland promised to cooperate with Southia."
    found = event(text, text, "promised", "030", NORTHLAND)
    assert one(text, found) == []
    (position,) = derive_positions(text, [found], [], PositionOptions(keep_other=True))[0]
    assert position.issue == "other"


def test_a_speakers_own_words_take_a_stance() -> None:
    text = 'The Southia foreign minister called the border treaty "null and void" on Monday.'
    start = text.index("null")
    quote = Quote("null and void", start, start + 13, "partial", SOUTHIA, (4, 10), "called")
    (position,) = derive_positions(text, [], [quote])[0]
    assert (position.actor, position.issue, position.stance, position.quotes) == (
        SOUTHIA,
        "territory",
        "against",
        (0,),
    )


def test_a_walk_back_is_a_shift_with_its_cue() -> None:
    first = "Brokeria could drop its mediation if no deal is reached."
    second = "Officials later walked back the remark, saying Brokeria has not abandoned its mediation."
    text = f"{first} {second}"
    _, shifts = derive_positions(
        text,
        [
            event(text, first, "drop", "135", BROKER, conditional=True),
            event(text, second, "abandoned", "165", BROKER, negated=True),
        ],
    )
    (shift,) = shifts
    assert (shift.from_stance, shift.to_stance, shift.kind, shift.positions) == (
        "conditional",
        "for",
        "walk-back",
        (0, 1),
    )
    assert shift.cue is not None and text[shift.cue[0] : shift.cue[1]] == "walked back"


def test_a_reaffirmed_commitment_after_a_conditional_threat_is_a_walk_back() -> None:
    first = "Brokeria could drop its mediation if no deal is reached."
    second = "Brokeria reaffirmed it backs the peace efforts."
    text = f"{first} {second}"
    _, shifts = derive_positions(
        text,
        [
            event(text, first, "drop", "135", BROKER, conditional=True),
            event(text, second, "backs", "032", BROKER),
        ],
    )
    assert [(s.kind, text[s.cue[0] : s.cue[1]] if s.cue else None) for s in shifts] == [
        ("walk-back", "reaffirmed")
    ]


def test_two_stances_on_one_day_without_a_cue_are_no_shift_but_a_later_date_is() -> None:
    first = "Northland rejected talks with Southia."
    second = "Northland said it is ready for talks with Southia."
    text = f"{first} {second}"
    same_day = [
        event(text, first, "rejected", "120", NORTHLAND),
        event(text, second, "ready", "036", NORTHLAND),
    ]
    assert derive_positions(text, same_day)[1] == []
    later = [same_day[0], replace(same_day[1], date=DAY + dt.timedelta(days=9))]
    (shift,) = derive_positions(text, later)[1]
    assert (shift.from_stance, shift.to_stance, shift.kind, shift.cue) == ("against", "for", "reversal", None)


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        ("for", "against", "reversal"),
        ("against", "for", "reversal"),
        ("for", "conditional", "hardening"),
        ("conditional", "against", "hardening"),
        ("against", "conditional", "softening"),
        ("conditional", "for", "softening"),
    ],
)
def test_shift_kinds_without_a_cue(before: str, after: str, kind: str) -> None:
    assert shift_kind(before, after) == kind


def test_a_user_lexicon_adds_terms_and_codes(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text('issues:\n  territory: [river valley]\ncodes:\n  "043": {stance: for, issue: talks}\n')
    lexicon = load_lexicon(extra)
    text = "Northland wants the river valley back."
    (position,) = derive_positions(
        text, [event(text, text, "wants", "100", NORTHLAND)], [], PositionOptions(lexicon)
    )[0]
    assert position.issue == "territory"
    assert lexicon.code_rule("0431") is not None and lexicon.code_rule("0431").issue == "talks"  # type: ignore[union-attr]
    assert load_lexicon().code_rule("043") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("issues:\n  weather: [rain]\n", "unknown issue 'weather'"),
        ('codes:\n  "12": {stance: maybe}\n', "stance must be one of"),
        ("codes:\n  12: {stance: for}\n", "2-4 digits in quotes"),
        ("walk_back: walked back\n", "expected a list of words"),
        ("[1, 2]\n", "must be a mapping"),
    ],
)
def test_a_bad_lexicon_names_the_file_and_field(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    with pytest.raises(ConfigError, match=message) as caught:
        load_lexicon(bad)
    assert str(bad) in str(caught.value)


def test_an_agreement_two_parties_make_together_is_neither_partys_stance() -> None:
    text = "Northland and Southia agreed on a new border along the river."
    both = [event(text, text, "agreed", "030", NORTHLAND), event(text, text, "agreed", "030", SOUTHIA)]
    assert one(text, *both) == []
    assert [p.actor for p in one(text, both[0])] == [NORTHLAND]


def test_the_trigger_word_itself_names_no_issue() -> None:
    text = "Northland withdrew from the trade bloc in protest."
    assert one(text, event(text, text, "withdrew", "087", NORTHLAND)) == []
    retreat = one(text, event(text, text, "withdrew", "0874", NORTHLAND))
    assert [p.issue for p in retreat] == ["withdrawal"]


@pytest.mark.parametrize(
    ("text", "trigger", "issue"),
    [
        ("Northland promised to withdraw its troops from Southia.", "promised", "withdrawal"),
        ("Northland promised a truce with Southia.", "promised", "ceasefire"),
    ],
)
def test_an_intent_to_de_escalate_takes_the_issue_its_sentence_names(
    text: str, trigger: str, issue: str
) -> None:
    (position,) = one(text, event(text, text, trigger, "0356", NORTHLAND))
    assert position.issue == issue


def test_an_intent_to_de_escalate_naming_nothing_is_no_position() -> None:
    text = "Northland announced its soldiers would be leaving Southia."
    assert one(text, event(text, text, "leaving", "0356", NORTHLAND)) == []
