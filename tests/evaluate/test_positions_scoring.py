"""Scoring positions and shifts against hand-written gold dicts (the README's rules)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parley.evaluate import evaluate, format_report
from parley.evaluate.positions import score_positions

TEXT = "Northland is ready for talks. Southia rejected the offer. Southia later softened its line."


def position(actor: str, issue: str, stance: str, sentence: str) -> dict[str, Any]:
    start = TEXT.index(sentence)
    return {
        "actor": {"name": actor, "country": actor[:3].upper(), "role": "GOV"},
        "issue": issue,
        "stance": stance,
        "sentence": [start, start + len(sentence)],
    }


GOLD = {
    "positions": [
        {"actor": "NOR", "issue": "talks", "stance": "for", "evidence": "ready for talks", "required": True},
        {
            "actor": "SOU",
            "issue": "talks",
            "stance": "against",
            "evidence": "rejected the offer",
            "required": True,
        },
        {"actor": "SOU", "issue": "talks", "stance": "for", "evidence": "softened", "required": False},
    ],
    "shifts": [
        {
            "actor": "SOU",
            "issue": "talks",
            "from": "against",
            "to": "for",
            "kind": "softening",
            "required": True,
        }
    ],
}


def test_a_position_matches_on_actor_issue_stance_and_evidence() -> None:
    result = {
        "text": TEXT,
        "positions": [
            position("Northland", "talks", "for", "Northland is ready for talks."),
            position("Southia", "talks", "for", "Southia rejected the offer."),  # wrong stance
            position("Southia", "talks", "for", "Southia later softened its line."),  # optional gold
        ],
        "shifts": [],
    }
    score = score_positions(GOLD, result)
    counts = score.positions
    assert (counts.returned, counts.right, counts.required, counts.found) == (3, 2, 2, 1)
    assert [m.reason for m in score.misses] == ["position not found", "shift not found"]


def test_a_shift_matches_on_actor_issue_and_both_stances() -> None:
    shift = {"actor": {"name": "Southia", "country": "SOU"}, "issue": "talks", "from": "against", "to": "for"}
    wrong = {**shift, "to": "conditional"}
    score = score_positions(GOLD, {"text": TEXT, "positions": [], "shifts": [shift, wrong]})
    assert (score.shifts.returned, score.shifts.right, score.shifts.found) == (2, 1, 1)


def test_an_actor_without_a_country_matches_by_name() -> None:
    gold = {
        "positions": [{"actor": "NATO", "issue": "talks", "stance": "for", "evidence": "ready for talks"}]
    }
    found = position("NATO", "talks", "for", "Northland is ready for talks.")
    found["actor"] = {"name": "NATO", "country": None, "role": "IGO"}
    assert score_positions(gold, {"text": TEXT, "positions": [found]}).positions.found == 1


def test_a_positions_only_gold_file_is_scored_for_positions_alone(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "a.positions.json").write_text(json.dumps({"article": "a.txt", **GOLD}))
    result = {
        "text": TEXT,
        "positions": [position("Northland", "talks", "for", "Northland is ready for talks.")],
    }
    report = evaluate([tmp_path], lambda path, published: result)
    assert report.articles == [] and len(report.positions) == 1
    assert report.to_dict()["total"]["positions"]["found"] == 1
    assert "positions P" in format_report(report)
