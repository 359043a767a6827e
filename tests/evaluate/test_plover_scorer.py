"""The PLOVER gold scorer: type accuracy, actor accuracy, old type names, misses and file errors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest

from parley.evaluate.plover import actor_codes, ref_code, score_plover
from parley.ontology.plover import to_plover
from parley.records import ActorRef, Event


def event(cameo: str, source: str | None, target: str | None = None) -> Event:
    def ref(code: str | None) -> ActorRef | None:
        return ActorRef(code, code[:3], None, code) if code else None

    return Event(ref(source), ref(target), cameo, cameo[:2], to_plover(cameo), (0, 1), (0, 1))


def record(text: str, kind: str, source: list[str], target: Any = "") -> dict[str, Any]:
    return {
        "id": text,
        "text": text,
        "event": kind,
        "source": [{"actorText": c, "code": c} for c in source],
        "target": [{"actorText": c, "code": c} for c in target] if isinstance(target, list) else target,
    }


RECORDS = [
    record("one", "DEMAND", ["FRA"], ["IRQ"]),  # old name of REQUEST
    record("two", "FIGHT", ["ISR"], ["PSEREB"]),  # old name of ASSAULT; codes compared on 3 letters
    record("three", "AGREE", ["HUN", "ROU"]),  # no target
    record("four", "REJECT", ["SYR"], None),
    record("five", "PROTEST", ["DZA"], ["DZA"]),
]

ANSWERS: dict[str, list[Event]] = {
    "one": [event("100", "FRAGOV", "IRQ")],
    "two": [event("051", "ISR"), event("190", "ISRMIL", "PSE")],
    "three": [event("030", "ROU")],
    "four": [event("125", "SYR", "ISR")],  # right type, but a target the gold does not have
    "five": [event("111", "DZA", "DZA")],  # wrong type
}


def analyze(text: str) -> Sequence[Event]:
    return ANSWERS[text]


def test_counts_and_ratios() -> None:
    score = score_plover(RECORDS, analyze)
    assert (score.records, score.type_matched, score.actors_matched) == (5, 4, 3)
    assert score.type_accuracy == pytest.approx(0.8)
    assert score.actor_accuracy == pytest.approx(0.75)
    assert score.type_and_actors_accuracy == pytest.approx(0.6)


def test_misses_say_why_and_what_was_returned() -> None:
    misses = {m.id: m for m in score_plover(RECORDS, analyze).misses}
    assert set(misses) == {"four", "five"}
    assert misses["four"].reason == "actors differ"
    assert misses["five"].reason == "no event of the gold type"
    assert misses["five"].gold_type == "PROTEST"
    assert misses["five"].returned == ("ACCUSE DZA->DZA (111, )",)


def test_to_dict_is_json() -> None:
    data = score_plover(RECORDS, analyze).to_dict()
    assert json.loads(json.dumps(data))["type_accuracy"] == 0.8
    assert len(data["misses"]) == 2


def test_no_records_scores_zero() -> None:
    score = score_plover([], analyze)
    assert (score.type_accuracy, score.actor_accuracy) == (0.0, 0.0)


def test_actor_codes_read_lists_only() -> None:
    assert actor_codes([{"code": "usa"}, {"code": "IGOUNO"}, {"actorText": "x"}]) == ("USA", "IGO")
    assert actor_codes("diplomatic") == ()
    assert actor_codes(None) == ()
    assert ref_code(ActorRef("NATO", None, "IGO", "IGONAT")) == "IGO"
    assert ref_code(ActorRef("Someone")) is None


def test_a_joint_act_matches_an_event_between_its_sources() -> None:
    joint = [record("signed", "SUPPORT", ["CZE", "CHN"], None)]
    dyadic = score_plover(joint, lambda _: [event("057", "CZE", "CHN")])
    assert dyadic.actors_matched == 1
    outsider = score_plover(joint, lambda _: [event("057", "CZE", "USA")])
    assert outsider.actors_matched == 0
    lone = score_plover([record("alone", "SUPPORT", ["CZE"], None)], lambda _: [event("057", "CZE", "CHN")])
    assert lone.actors_matched == 0
