"""Fixtures shared by every test package."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres import PostgresCluster, throwaway_cluster

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLES = REPO / "samples"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """``../shared/corpus`` beside the checkout; tests that need it skip when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus not found (only CI and developers have it beside the checkout)")
    return CORPUS


@pytest.fixture(scope="session")
def seed(corpus: Path) -> Path:
    """The seed article: a real syndicated story with its trailer lines."""
    return corpus / "seed" / "blitz-us-mediation.txt"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster for this test session (``tests/postgres.py``), stopped at its end."""
    yield from throwaway_cluster()
