"""Fixtures for the export tests: a SQLite store holding the hand-built records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from parley.store import Store
from tests.export.exportdata import Filled, fill


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Filled]:
    """A store holding the hand-built records, shared by the read-only tests of a module."""
    with Store(f"sqlite:///{tmp_path_factory.mktemp('export') / 'parley.db'}") as store:
        started = dt.datetime.now(dt.UTC).replace(microsecond=0)
        items = fill(store)
        finished = dt.datetime.now(dt.UTC)
        yield Filled(store, items, started, finished)


@pytest.fixture
def store(filled: Filled) -> Store:
    return filled.store
