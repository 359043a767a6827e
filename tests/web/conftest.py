"""Fixtures for the web tests: a store filled with hand-built records, the app, its clients and servers."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.exceptions import StarletteDeprecationWarning

from parley.store import Store
from parley.web import create_app
from tests.web.webdata import Corpus, fill
from tests.web.webservers import PageServer, ServerThread

with warnings.catch_warnings():
    # Starlette 1.x would rather its test client ran on the httpx2 fork; httpx works the same.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Corpus]]:
    """A SQLite store filled once per session; the web app only reads it."""
    path = tmp_path_factory.mktemp("web") / "fixture.db"
    with Store(f"sqlite:///{path}") as store:
        yield store, fill(store)


@pytest.fixture(scope="session")
def store(filled: tuple[Store, Corpus]) -> Store:
    return filled[0]


@pytest.fixture(scope="session")
def data(filled: tuple[Store, Corpus]) -> Corpus:
    return filled[1]


@pytest.fixture(scope="session")
def app(store: Store) -> FastAPI:
    return create_app(store)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_server(app: FastAPI) -> Iterator[ServerThread]:
    """The app under uvicorn on a free port of 127.0.0.1."""
    with ServerThread(app) as server:
        yield server


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/`` at the repository root (gitignored), for screenshots."""
    path = REPO / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    """A local HTTP server with a few pages, fresh for each test."""
    with PageServer() as server:
        yield server
