"""Scoring positions and shifts against a gold file's ``positions`` and ``shifts``.

The rules are those of ../shared/corpus/README.md, section Positions and shifts:

Positions
    A returned position matches a gold one when its actor is the gold ``actor`` (the
    returned actor's country, code or name, case-insensitive), issue and stance are equal,
    and its evidence sentence (``text[s:e]``, folded, double quotation marks dropped)
    contains the gold ``evidence`` or lies inside it. Recall counts required gold
    positions matched; precision counts returned positions matching any gold position.

Shifts
    A returned shift matches a gold one when actor, issue, ``from`` and ``to`` are equal.
    Recall is over required gold shifts; precision over returned shifts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parley.evaluate.normalise import folded
from parley.evaluate.seed import Counts

JSON = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class PositionMiss:
    """A required gold position or shift nobody returned, or a returned one no gold has."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class PositionScore:
    """Positions and shifts of one article against its gold."""

    positions: Counts
    shifts: Counts
    misses: tuple[PositionMiss, ...] = field(default=())
    false_positives: tuple[PositionMiss, ...] = field(default=())
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "positions": self.positions.to_dict(),
            "shifts": self.shifts.to_dict(),
            "misses": [{"text": m.text, "reason": m.reason} for m in self.misses],
            "false_positives": [{"text": m.text, "reason": m.reason} for m in self.false_positives],
        }


def has_positions(gold: JSON) -> bool:
    """Whether a gold file annotates positions or shifts."""
    return "positions" in gold or "shifts" in gold


def actor_is(gold_actor: Any, actor: JSON | None) -> bool:
    """Whether a returned actor dict is the gold actor (a country code or a name)."""
    if not actor or gold_actor is None:
        return False
    wanted = str(gold_actor).casefold()
    return any(str(actor.get(k) or "").casefold() == wanted for k in ("country", "code", "name"))


def _evidence_matches(gold_evidence: str, sentence: str) -> bool:
    evidence = folded(gold_evidence, drop_quotes=True)
    return bool(evidence and sentence) and (evidence in sentence or sentence in evidence)


def _position_matches(gold: JSON, returned: JSON, sentence: str) -> bool:
    return (
        actor_is(gold.get("actor"), returned.get("actor"))
        and gold.get("issue") == returned.get("issue")
        and gold.get("stance") == returned.get("stance")
        and _evidence_matches(str(gold.get("evidence") or ""), sentence)
    )


def _shift_matches(gold: JSON, returned: JSON) -> bool:
    return (
        actor_is(gold.get("actor"), returned.get("actor"))
        and gold.get("issue") == returned.get("issue")
        and gold.get("from") == returned.get("from")
        and gold.get("to") == returned.get("to")
    )


def _sentence(text: str, position: JSON) -> str:
    span = position.get("sentence") or [0, 0]
    return folded(text[int(span[0]) : int(span[1])], drop_quotes=True)


def _describe(item: JSON) -> str:
    actor = item.get("actor")
    who = actor.get("country") or actor.get("name") if isinstance(actor, Mapping) else actor
    if "from" in item:
        return f"{who} {item.get('issue')} {item.get('from')} -> {item.get('to')} ({item.get('kind')})"
    return f"{who} {item.get('issue')} {item.get('stance')}"


def score_positions(gold: JSON, result: JSON) -> PositionScore:
    """Score the positions and shifts of one analysis-contract object against one gold dict."""
    text = str(result.get("text") or "")
    gold_positions: Sequence[JSON] = gold.get("positions") or []
    gold_shifts: Sequence[JSON] = gold.get("shifts") or []
    returned: Sequence[JSON] = result.get("positions") or []
    shifts: Sequence[JSON] = result.get("shifts") or []
    sentences = [_sentence(text, p) for p in returned]
    misses: list[PositionMiss] = []
    wrong: list[PositionMiss] = []

    right = 0
    for position, sentence in zip(returned, sentences, strict=True):
        if any(_position_matches(g, position, sentence) for g in gold_positions):
            right += 1
        else:
            wrong.append(PositionMiss(f"{_describe(position)}: {sentence}", "position no gold has"))
    required = [g for g in gold_positions if g.get("required", True)]
    found = 0
    for g in required:
        if any(_position_matches(g, p, s) for p, s in zip(returned, sentences, strict=True)):
            found += 1
        else:
            misses.append(PositionMiss(f"{_describe(g)}: {g.get('evidence')}", "position not found"))
    positions = Counts(len(returned), right, len(required), found)

    shift_right = sum(any(_shift_matches(g, s) for g in gold_shifts) for s in shifts)
    wrong += [
        PositionMiss(_describe(s), "shift no gold has")
        for s in shifts
        if not any(_shift_matches(g, s) for g in gold_shifts)
    ]
    required_shifts = [g for g in gold_shifts if g.get("required", True)]
    shift_found = 0
    for g in required_shifts:
        if any(_shift_matches(g, s) for s in shifts):
            shift_found += 1
        else:
            misses.append(PositionMiss(_describe(g), "shift not found"))
    return PositionScore(
        positions=positions,
        shifts=Counts(len(shifts), shift_right, len(required_shifts), shift_found),
        misses=tuple(misses),
        false_positives=tuple(wrong),
    )
