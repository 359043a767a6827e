"""Fixtures for the store: a store per backend and the sample records, stored.

Every store test runs on SQLite (a file in tmp_path) and on PostgreSQL (a fresh database
in the session's throwaway cluster, the ``postgres`` fixture of ``tests/conftest.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from parley.store import Store
from tests.postgres import PostgresCluster
from tests.store.samples import Item, Reference, sample_items

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend a test runs on: every store test runs once per backend."""
    return str(request.param)


def _url(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if backend == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        return cluster.new_database()
    return f"sqlite:///{folder / 'parley.db'}"


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a new, empty database on the test's backend."""
    return _url(backend, request, tmp_path)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An empty, migrated store on the test's backend."""
    with Store(store_url) as s:
        yield s


@pytest.fixture(scope="module")
def filled(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """A store holding the sample articles, shared by the read-only tests of a module."""
    with Store(_url(backend, request, tmp_path_factory.mktemp("filled"))) as s:
        for item in sample_items():
            s.add_article(
                item.article, item.analysis, duplicate_of=item.duplicate_of_index, source=item.source
            )
        yield s


@pytest.fixture(scope="session")
def sample() -> list[Item]:
    """The sample articles, as stored by ``filled`` (article i+1 is sample[i])."""
    return sample_items()


@pytest.fixture(scope="session")
def ref(sample: list[Item]) -> Reference:
    """Expected answers for the sample."""
    return Reference(sample)
