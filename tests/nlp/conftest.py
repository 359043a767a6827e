"""Fixtures for the NLP tests: the spaCy model, loaded once per session, and a hand-parsed claim."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from parley.config import model_name
from parley.nlp.mentions import Mention
from parley.records import ActorRef

for _name in ("parley_mentions", "parley_quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The plain spaCy pipeline named by PARLEY_MODEL (no Parley components)."""
    try:
        return spacy.load(model_name())
    except OSError as exc:
        pytest.skip(f"spaCy model {model_name()!r} not installed: {exc}")


@pytest.fixture(scope="session")
def parley_nlp() -> Language:
    """The full Parley pipeline: the model plus Parley's components."""
    from parley.nlp.pipeline import load

    return load()


@pytest.fixture
def claim() -> Callable[[], Doc]:
    """A maker of "Japan muses Russia attacked Ukraine overnight", parsed by hand, the countries
    marked as actors: "muse" is in no built-in lexicon or word list, so a user's file can add it."""
    rows = [
        ("Japan", "Japan", "PROPN", "nsubj", 1),
        ("muses", "muse", "VERB", "ROOT", 1),
        ("Russia", "Russia", "PROPN", "nsubj", 3),
        ("attacked", "attack", "VERB", "ccomp", 1),
        ("Ukraine", "Ukraine", "PROPN", "dobj", 3),
        ("overnight", "overnight", "ADV", "advmod", 3),
    ]
    vocab = spacy.blank("en").vocab

    def make() -> Doc:
        doc = Doc(
            vocab,
            words=[r[0] for r in rows],
            lemmas=[r[1] for r in rows],
            pos=[r[2] for r in rows],
            deps=[r[3] for r in rows],
            heads=[r[4] for r in rows],
        )
        doc._.parley_mentions = [
            Mention(
                t.i, t.i + 1, t.idx, t.idx + len(t), ActorRef(t.text, t.text[:3].upper(), None, None), "name"
            )
            for t in doc
            if t.pos_ == "PROPN"
        ]
        return doc

    return make
