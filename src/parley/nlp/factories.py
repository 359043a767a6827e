"""Parley's spaCy components and Doc extensions, registered in one place.

A user can add them to a pipeline of their own::

    nlp = spacy.load("en_core_web_sm")
    import parley.nlp.factories  # registers the factories
    nlp.add_pipe("parley_paragraphs", before="parser")
    nlp.add_pipe("parley_actors")
    nlp.add_pipe("parley_quotes")
    nlp.add_pipe("parley_events")

Their tables and lexicons are settings of the components (each defaults to its environment
variable)::

    nlp.add_pipe("parley_events", config={"lexicon": "my_lexicon.yaml", "words": "my_words.yaml"})
    nlp.add_pipe("parley_actors", config={"actors": ["my_actors/"]})

or, in a training config, ``[initialize.components.parley_events]`` with the same keys.

Each sets one ``doc._.parley_*`` extension; ``doc._.parley_dateline`` (the place an article
was filed from, e.g. "KYIV", or None) helps the actors component tell the story's country, and
``doc._.parley_published`` (a
``datetime.date`` or None) is read by the actors and events components for office
holders' terms and relative dates.
"""

# No postponed annotations here: spaCy validates the components' settings from their signatures.

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from parley.nlp.actors import ActorResolver
from parley.nlp.event_lexicon import Lexicon, default_lexicon, load_lexicon
from parley.nlp.events import extract_events
from parley.nlp.quotes import find_quotes
from parley.nlp.words import Words, default_words, load_words
from parley.ontology.actors import Gazetteer

EXTENSIONS = (
    "parley_published",
    "parley_dateline",
    "parley_mentions",
    "parley_actors",
    "parley_quotes",
    "parley_events",
)

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
    """Sets ``doc._.parley_mentions`` and ``doc._.parley_actors`` from the actor tables.

    ``actors`` names extra actor tables (TSV files or folders of them) beside the built-in ones;
    None takes the ones in ``PARLEY_ACTORS``.
    """

    def __init__(self, *, actors: Sequence[str] | None = None) -> None:
        self.resolver = _resolver(actors)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        actors: Sequence[str] | None = None,
    ) -> None:
        """Loads the actor tables named by ``actors`` (from ``[initialize.components]``), if given."""
        if actors is not None:
            self.resolver = _resolver(actors)

    def __call__(self, doc: Doc) -> Doc:
        mentions, actors = self.resolver(doc, doc._.parley_published)
        doc._.parley_mentions = mentions
        doc._.parley_actors = actors
        return doc


def _resolver(actors: Sequence[str] | None) -> ActorResolver:
    return ActorResolver(Gazetteer.load(actors) if actors is not None else None)


@Language.factory(
    "parley_actors",
    assigns=["doc._.parley_mentions", "doc._.parley_actors"],
    requires=["doc.ents", "token.dep"],
    default_config={"actors": None},
)
def make_actors(nlp: Language, name: str, actors: list[str] | None) -> ActorsComponent:
    return ActorsComponent(actors=actors)


class QuotesComponent:
    """Sets ``doc._.parley_quotes``: direct, partial and indirect quotes with their speakers.

    ``words`` names a word-list file (see ``parley.nlp.words``); None takes ``PARLEY_WORDS``.
    """

    def __init__(self, *, words: str | None = None) -> None:
        self.words = _words(words)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        words: str | None = None,
    ) -> None:
        """Loads the word lists named by ``words`` (from ``[initialize.components]``), if given."""
        if words is not None:
            self.words = _words(words)

    def __call__(self, doc: Doc) -> Doc:
        doc._.parley_quotes = find_quotes(doc, doc._.parley_mentions or [], self.words)
        return doc


def _words(path: str | None) -> Words:
    return load_words(path) if path is not None else default_words()


@Language.factory(
    "parley_quotes",
    assigns=["doc._.parley_quotes"],
    requires=["doc._.parley_mentions"],
    default_config={"words": None},
)
def make_quotes(nlp: Language, name: str, words: str | None) -> QuotesComponent:
    return QuotesComponent(words=words)


class EventsComponent:
    """Sets ``doc._.parley_events``: CAMEO/PLOVER-coded events with flags and dates.

    ``lexicon`` names an event lexicon file that extends or replaces the built-in one (None takes
    ``PARLEY_EVENT_LEXICON``), ``words`` a word-list file (None takes ``PARLEY_WORDS``), and
    ``keep_unresolved`` keeps events whose source names no actor or whose actors no table places.
    """

    def __init__(
        self, *, lexicon: str | None = None, words: str | None = None, keep_unresolved: bool = False
    ) -> None:
        self.lexicon = _lexicon(lexicon)
        self.words = _words(words)
        self.keep_unresolved = keep_unresolved

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        lexicon: str | None = None,
        words: str | None = None,
    ) -> None:
        """Loads the lexicon and word lists named (from ``[initialize.components]``), if given."""
        if lexicon is not None:
            self.lexicon = _lexicon(lexicon)
        if words is not None:
            self.words = _words(words)

    def __call__(self, doc: Doc) -> Doc:
        doc._.parley_events = extract_events(
            doc,
            doc._.parley_published,
            lexicon=self.lexicon,
            words=self.words,
            keep_unresolved=self.keep_unresolved,
        )
        return doc


def _lexicon(path: str | None) -> Lexicon:
    return load_lexicon(path) if path is not None else default_lexicon()


@Language.factory(
    "parley_events",
    assigns=["doc._.parley_events"],
    requires=["doc._.parley_mentions", "doc._.parley_quotes"],
    default_config={"lexicon": None, "words": None, "keep_unresolved": False},
)
def make_events(
    nlp: Language, name: str, lexicon: str | None, words: str | None, keep_unresolved: bool
) -> EventsComponent:
    return EventsComponent(lexicon=lexicon, words=words, keep_unresolved=keep_unresolved)


def add_parley_pipes(nlp: Language, config: dict[str, Any] | None = None) -> Language:
    """Adds Parley's components to ``nlp`` in their order, skipping any already there."""
    if "parley_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("parley_paragraphs", before="parser")
    for pipe in ("parley_actors", "parley_quotes", "parley_events"):
        if pipe not in nlp.pipe_names:
            nlp.add_pipe(pipe)
    return nlp
