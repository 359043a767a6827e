"""Fixtures for the NLP tests: the spaCy model, loaded once per session."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from parley.config import model_name


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
