"""Parley's spaCy components and Doc extensions, registered in one place.

A user can add them to a pipeline of their own::

    nlp = spacy.load("en_core_web_sm")
    import parley.nlp.factories  # registers the factories
    nlp.add_pipe("parley_paragraphs", before="parser")
    nlp.add_pipe("parley_actors")
    nlp.add_pipe("parley_quotes")
    nlp.add_pipe("parley_events")

Each sets one ``doc._.parley_*`` extension; ``doc._.parley_published`` (a
``datetime.date`` or None) is read by the actors and events components for office
holders' terms and relative dates.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from parley.nlp.actors import ActorResolver
from parley.nlp.events import extract_events
from parley.nlp.quotes import find_quotes

EXTENSIONS = ("parley_published", "parley_mentions", "parley_actors", "parley_quotes", "parley_events")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("parley_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc: Doc) -> Doc:
    """Starts a sentence after every blank line, so no sentence spans two paragraphs."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2:
            token.is_sent_start = True
    return doc


class ActorsComponent:
    """Sets ``doc._.parley_mentions`` and ``doc._.parley_actors`` from the actor tables."""

    def __init__(self) -> None:
        self.resolver = ActorResolver()

    def __call__(self, doc: Doc) -> Doc:
        mentions, actors = self.resolver(doc, doc._.parley_published)
        doc._.parley_mentions = mentions
        doc._.parley_actors = actors
        return doc


@Language.factory(
    "parley_actors",
    assigns=["doc._.parley_mentions", "doc._.parley_actors"],
    requires=["doc.ents", "token.dep"],
)
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent()


@Language.component("parley_quotes", assigns=["doc._.parley_quotes"], requires=["doc._.parley_mentions"])
def quotes(doc: Doc) -> Doc:
    """Sets ``doc._.parley_quotes``: direct, partial and indirect quotes with their speakers."""
    doc._.parley_quotes = find_quotes(doc, doc._.parley_mentions or [])
    return doc


@Language.component(
    "parley_events",
    assigns=["doc._.parley_events"],
    requires=["doc._.parley_mentions", "doc._.parley_quotes"],
)
def events(doc: Doc) -> Doc:
    """Sets ``doc._.parley_events``: CAMEO/PLOVER-coded events with flags and dates."""
    doc._.parley_events = extract_events(doc, doc._.parley_published)
    return doc


def add_parley_pipes(nlp: Language, config: dict[str, Any] | None = None) -> Language:
    """Adds Parley's components to ``nlp`` in their order, skipping any already there."""
    if "parley_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("parley_paragraphs", before="parser")
    for pipe in ("parley_actors", "parley_quotes", "parley_events"):
        if pipe not in nlp.pipe_names:
            nlp.add_pipe(pipe)
    return nlp
