"""Actor mentions on a spaCy Doc: the link between the parse and Parley's actors.

The actors component (``parley_actors``) sets ``doc._.parley_mentions``: every span
that refers to an actor, pronouns and titles included, resolved to an ``ActorRef``.
Quotes and events read it to name speakers, sources and targets.
"""

from __future__ import annotations

from dataclasses import dataclass

from parley.records import ActorRef


@dataclass(frozen=True, slots=True)
class Mention:
    """One reference to an actor: tokens ``[start, end)`` of the Doc, and how it was resolved.

    ``via`` is one of ``name`` (a full name or table entry), ``alias`` (a capital, a
    demonym, an abbreviation), ``title`` (a role noun such as "the spokeswoman"),
    ``surname`` (a short form linked to an earlier full name) or ``pronoun``.
    """

    start: int
    end: int
    start_char: int
    end_char: int
    ref: ActorRef
    via: str
