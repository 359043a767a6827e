"""The seed article through the real pipeline: the positions and shifts its gold requires."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from parley.evaluate.positions import score_positions
from parley.ingest import IngestOptions, Overrides, analyze

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_result(seed: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    gold = json.loads(seed.with_name("blitz-us-mediation.positions.json").read_text(encoding="utf-8"))
    options = IngestOptions(overrides=Overrides(published=dt.date.fromisoformat(gold["assume_published"])))
    ((article, analysis),) = list(analyze([str(seed)], options))  # type: ignore[misc]
    return gold, analysis.to_dict(article)


def test_every_required_position_is_found_with_precision(
    seed_result: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    gold, result = seed_result
    score = score_positions(gold, result)
    assert score.positions.recall == 1.0, score.misses
    assert score.positions.precision >= 0.7, score.false_positives


def test_the_us_walk_back_on_mediation_is_a_shift_with_its_cue(
    seed_result: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    _, result = seed_result
    text = result["text"]
    found = [
        (s["from"], s["to"], s["kind"], text[s["cue"][0] : s["cue"][1]])
        for s in result["shifts"]
        if s["actor"]["country"] == "USA" and s["issue"] == "mediation" and s["cue"]
    ]
    assert ("conditional", "for", "walk-back", "walk back") in found


def test_the_rejection_names_the_offer_it_answers(seed_result: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, result = seed_result
    positions = result["positions"]
    (rejection,) = [p for p in positions if p["actor"]["country"] == "UKR" and p["stance"] == "against"]
    offer = positions[rejection["answers"]]
    assert (offer["actor"]["country"], offer["issue"], offer["stance"]) == ("RUS", "ceasefire", "for")
