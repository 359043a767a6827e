"""Fixtures for the web tests: a store filled with hand-built records, the app, its clients and servers."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from starlette.exceptions import StarletteDeprecationWarning
from webdata import Corpus, fill

from parley.store import Store
from parley.web import create_app

with warnings.catch_warnings():
    # Starlette 1.x would rather its test client ran on the httpx2 fork; httpx works the same.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """uvicorn serving an app on 127.0.0.1 in a thread, for the browser tests."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(app: FastAPI) -> Iterator[ServerThread]:
    with ServerThread(app) as server:
        yield server
