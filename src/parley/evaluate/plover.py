"""Score event extraction against PLOVER gold records (``../shared/corpus/plover-gsr/``).

Each gold record is one sentence with a PLOVER event type (older names allowed: DEMAND is
REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT is ASSAULT) and source and target
actors whose ``code`` starts with a country code (or ``IGO``, ``NGO``...).

* **Type accuracy**: the share of records whose sentence yields an event of the gold type.
* **Actor accuracy**: among those, the share where one event of the gold type also has a
  source whose code (its first three letters) is among the gold sources, and a target
  among the gold targets (or no target when the gold record has none). A record with several
  sources and no target is a joint act ("Czechia and China signed an agreement"); an event
  from one of those sources to another names the same parties the dyadic way, so it matches.

``score_plover(records, analyze)`` takes the records (``load_gold(path).records``)
and a function that returns the events of one sentence, so it needs no model itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from parley.ontology.plover import canonical_type
from parley.records import ActorRef, Event

Analyze = Callable[[str], Sequence[Event]]


@dataclass(frozen=True, slots=True)
class PloverMiss:
    """A record the events did not get right, with what was returned, for debugging."""

    id: str
    text: str
    gold_type: str
    gold_sources: tuple[str, ...]
    gold_targets: tuple[str, ...]
    reason: str  # "no event of the gold type" or "actors differ"
    returned: tuple[str, ...]  # "TYPE SRC->TGT (cameo)" for each returned event


@dataclass(frozen=True, slots=True)
class PloverScore:
    """Counts and ratios of one scoring run, and the records that were missed."""

    records: int
    type_matched: int
    actors_matched: int
    misses: tuple[PloverMiss, ...] = field(default=())

    @property
    def type_accuracy(self) -> float:
        """Share of records whose sentence yields an event of the gold type."""
        return self.type_matched / self.records if self.records else 0.0

    @property
    def actor_accuracy(self) -> float:
        """Among records with the right type, the share whose source and target also match."""
        return self.actors_matched / self.type_matched if self.type_matched else 0.0

    @property
    def type_and_actors_accuracy(self) -> float:
        """Share of all records with the right type, source and target."""
        return self.actors_matched / self.records if self.records else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "type_matched": self.type_matched,
            "actors_matched": self.actors_matched,
            "type_accuracy": round(self.type_accuracy, 4),
            "actor_accuracy": round(self.actor_accuracy, 4),
            "type_and_actors_accuracy": round(self.type_and_actors_accuracy, 4),
            "misses": [asdict(m) for m in self.misses],
        }


def actor_codes(value: Any) -> tuple[str, ...]:
    """The three-letter codes of a gold ``source``/``target`` field (a list of actors, or none)."""
    if not isinstance(value, list):
        return ()
    codes = []
    for actor in value:
        if isinstance(actor, Mapping) and isinstance(actor.get("code"), str) and actor["code"]:
            codes.append(actor["code"][:3].upper())
    return tuple(codes)


def ref_code(ref: ActorRef | None) -> str | None:
    """The three-letter code an actor is compared on: its CAMEO-style code, else its country."""
    if ref is None:
        return None
    code = ref.code or ref.country
    return code[:3].upper() if code else None


def score_plover(records: Sequence[Mapping[str, Any]], analyze: Analyze) -> PloverScore:
    """Type accuracy and actor accuracy of ``analyze`` over PLOVER gold records."""
    type_matched = actors_matched = 0
    misses: list[PloverMiss] = []
    for record in records:
        gold_type = canonical_type(str(record["event"]))
        sources = actor_codes(record.get("source"))
        targets = actor_codes(record.get("target"))
        events = list(analyze(str(record["text"])))
        typed = [e for e in events if e.plover.type == gold_type]
        reason = ""
        if not typed:
            reason = "no event of the gold type"
        else:
            type_matched += 1
            if any(_actors_match(e, sources, targets) for e in typed):
                actors_matched += 1
            else:
                reason = "actors differ"
        if reason:
            misses.append(
                PloverMiss(
                    id=str(record.get("id", "")),
                    text=str(record["text"]),
                    gold_type=gold_type,
                    gold_sources=sources,
                    gold_targets=targets,
                    reason=reason,
                    returned=tuple(_describe(e) for e in events),
                )
            )
    return PloverScore(len(records), type_matched, actors_matched, tuple(misses))


def _actors_match(event: Event, sources: tuple[str, ...], targets: tuple[str, ...]) -> bool:
    if ref_code(event.source) not in sources:
        return False
    target = ref_code(event.target)
    if targets:
        return target in targets
    return target is None or (len(sources) > 1 and target in sources)


def _describe(event: Event) -> str:
    actors = f"{ref_code(event.source)}->{ref_code(event.target)}"
    return f"{event.plover.type} {actors} ({event.cameo}, {event.rule})"
