"""Fixtures for the watcher tests: a store, a local server, a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from parley.store import Store
from tests.httpserver import LocalServer
from tests.watch.watchkit import Clock, Harness


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'watch.db'}") as opened:
        yield opened


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def harness(store: Store, clock: Clock) -> Harness:
    return Harness(store, clock)
