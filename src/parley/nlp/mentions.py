"""Actor mentions on a spaCy Doc: the link between the parse and Parley's actors.

The actors component (``parley_actors``) sets ``doc._.parley_mentions``: every span
that refers to an actor, pronouns and titles included, resolved to an ``ActorRef``.
Quotes and events read it to name speakers, sources and targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parley.ontology.actors import actor_code
from parley.records import ActorRef


@dataclass(frozen=True, slots=True)
class Mention:
    """One reference to an actor: tokens ``[start, end)`` of the Doc, and how it was resolved.

    ``via`` is one of ``name`` (a full name or table entry), ``alias`` (a capital, a
    demonym, an abbreviation), ``title`` (a role noun such as "the spokeswoman"),
    ``surname`` (a short form linked to an earlier full name), ``pronoun`` or ``context``
    (a role noun given the country of its place or of the article). ``kind`` is what it
    names: person, seat, country, adjective, demonym, org or group.
    """

    start: int
    end: int
    start_char: int
    end_char: int
    ref: ActorRef
    via: str
    kind: str = ""


@dataclass(slots=True)
class Found:
    """A mention being built: tokens [start, end) and what it refers to."""

    start: int
    end: int
    kind: str  # person, seat, country, adjective, demonym, org, group
    ref: ActorRef
    via: str
    gender: str | None = None
    plural: bool = False
    titles: set[str] = field(default_factory=set)
    short_forms: tuple[str, ...] = ()  # the words that name a person alone: "Rubio", "Wang", "von der Leyen"
    before: tuple[int, ...] = ()  # a person's title words before the name ("Foreign Minister")
    office: bool = False  # a title one person holds ("the Chilean president"): "he" can stand for it


def actor_ref(name: str, country: str | None, role: str | None) -> ActorRef:
    """The reference of an actor named ``name`` with a country and a role."""
    # A role alone ("GOV") says nothing about whose: only a country makes a code.
    code = actor_code(country, role) if country else None
    return ActorRef(name, country, role, code)
