"""Helpers for the event tests: mark actor mentions on a parsed Doc without the actors component.

Country names come from pycountry; short names, adjectives, demonyms, capitals and a few
organisations from ``tests/fixtures/nlp/events/actors.tsv``. Tests add their own people
and pronouns with ``extra``.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pycountry
from spacy.tokens import Doc

from parley.nlp.mentions import Mention
from parley.records import ActorRef, Quote

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "nlp" / "events"
_MAX_WORDS = 5

for _name in ("parley_mentions", "parley_quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@cache
def actor_table() -> dict[tuple[str, ...], ActorRef]:
    """Surface form (lower-case words) -> actor, from pycountry and the fixture table."""
    table: dict[tuple[str, ...], ActorRef] = {}
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            table[_key(name)] = ActorRef(name, country.alpha_3, None, country.alpha_3)
    with (FIXTURES / "actors.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            table[_key(row["surface"])] = ActorRef(
                row["surface"], row["country"] or None, row["role"] or None, row["code"] or None
            )
    return table


def _key(text: str) -> tuple[str, ...]:
    return tuple(text.lower().replace("’s", "").replace("'s", "").split())


def mark_actors(doc: Doc, extra: dict[str, ActorRef] | None = None) -> list[Mention]:
    """Finds actor names in ``doc`` (longest first), sets ``doc._.parley_mentions`` and returns them.

    ``extra`` maps exact surface strings (for instance a person's name or "He") to actors;
    they win over the table.
    """
    table = dict(actor_table())
    for surface, ref in (extra or {}).items():
        table[_key(surface)] = ref
    mentions: list[Mention] = []
    i = 0
    while i < len(doc):
        for n in range(min(_MAX_WORDS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            words = tuple(t.lower_ for t in span if t.lower_ not in ("’s", "'s", "the"))
            if words and words in table and (n > 1 or doc[i].lower_ != "the"):
                mentions.append(Mention(i, i + n, span.start_char, span.end_char, table[words], "name"))
                i += n
                break
        else:
            i += 1
    doc._.parley_mentions = mentions
    if doc._.parley_quotes is None:
        doc._.parley_quotes = []
    return mentions


def quote(doc: Doc, words: str, speaker: ActorRef | None = None) -> Quote:
    """A direct quote over the first occurrence of ``words`` in the Doc's text."""
    start = doc.text.index(words)
    return Quote(words, start, start + len(words), "direct", speaker, None, "said")
