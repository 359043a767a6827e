"""Fixtures for the clean tests: the fixture directory and Documents built from its files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from parley.sources.document import Document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"

DocumentFactory = Callable[[Path], Document]


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """``tests/fixtures/clean``."""
    return FIXTURES


def _text_document(path: Path) -> Document:
    """A text Document as the sources stage makes one: a first line followed by a blank line is the title."""
    content = path.read_text(encoding="utf-8")
    first, sep, rest = content.partition("\n")
    if sep and rest.startswith("\n") and first.strip():
        return Document(origin=str(path), kind="text", content=rest.lstrip("\n"), title=first.strip())
    return Document(origin=str(path), kind="text", content=content)


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
