"""Fixtures for the clean tests: the fixture directory and Documents built from its files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from parley.sources.document import Document
from parley.sources.files import text_document as text_document_from_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"

DocumentFactory = Callable[[Path], Document]


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """``tests/fixtures/clean``."""
    return FIXTURES


def _text_document(path: Path) -> Document:
    """A text Document exactly as the sources stage makes one from a file."""
    return text_document_from_text(path.read_text(encoding="utf-8"), str(path))


def _html_document(path: Path) -> Document:
    return Document(origin=str(path), kind="html", content=path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def text_document() -> DocumentFactory:
    """Build a text Document from a fixture file."""
    return _text_document


@pytest.fixture(scope="session")
def html_document() -> DocumentFactory:
    """Build an HTML Document from a fixture file."""
    return _html_document
