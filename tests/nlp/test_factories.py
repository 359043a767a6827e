"""Parley's components as a user adds them to a pipeline of their own."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import parley.nlp.factories  # noqa: F401  (registers the factories)
from parley.nlp.factories import EXTENSIONS, add_parley_pipes


def test_extensions_are_registered_once() -> None:
    from spacy.tokens import Doc

    for name in EXTENSIONS:
        assert Doc.has_extension(name)


def test_paragraph_breaks_start_sentences_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("parley_paragraphs")
    doc = nlp("First paragraph has no full stop\n\nSecond one starts here")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Second" in starts


@pytest.mark.model
def test_add_parley_pipes_to_a_users_pipeline(nlp: Language) -> None:
    from parley.config import model_name

    own = spacy.load(model_name())
    add_parley_pipes(own)
    assert own.pipe_names[-3:] == ["parley_actors", "parley_quotes", "parley_events"]
    assert own.pipe_names.index("parley_paragraphs") < own.pipe_names.index("parser")
    doc = own("“We will talk,” said Russian Foreign Minister Sergei Lavrov.")
    assert doc._.parley_quotes and doc._.parley_quotes[0].speaker is not None
    add_parley_pipes(own)  # adding again changes nothing
    assert own.pipe_names.count("parley_actors") == 1
