"""POST /api/ingest: only when enabled, only with the token, never fetching private addresses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parley.errors import ConfigError
from parley.store import Store
from parley.web import create_app
from parley.web.app import MAX_BODY_BYTES
from tests.web.webservers import Pages, PageServer

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'ingest.db'}") as store:
        yield store


@pytest.fixture
def ingest_client(empty_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(empty_store, allow_ingest=True, token=TOKEN)) as client:
        yield client


@pytest.mark.parametrize("token", [None, "", "short"])
def test_ingest_needs_a_real_token(empty_store: Store, token: str | None) -> None:
    with pytest.raises(ConfigError, match="PARLEY_TOKEN"):
        create_app(empty_store, allow_ingest=True, token=token)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token-0123456789"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": ""},
    ],
)
def test_ingest_without_the_token_is_401(ingest_client: TestClient, headers: dict[str, str]) -> None:
    response = ingest_client.post("/api/ingest", json={"text": "Talks resumed."}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "PARLEY_TOKEN" in response.json()["error"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({}, "exactly one of text, html or url"),
        ({"text": "a", "url": "https://example.org/"}, "exactly one"),
        ({"text": ""}, "text"),
        ({"url": "ftp://example.org/x"}, "url"),
        ({"text": "Talks.", "published": "last week"}, "published"),
    ],
)
def test_ingest_body_is_validated(ingest_client: TestClient, body: dict[str, str], words: str) -> None:
    response = ingest_client.post("/api/ingest", json=body, headers=AUTH)
    assert response.status_code == 422
    assert words in response.json()["error"]


def test_oversized_bodies_are_refused_before_reading(ingest_client: TestClient) -> None:
    response = ingest_client.post(
        "/api/ingest",
        content=b"x" * (MAX_BODY_BYTES + 1),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert "over" in response.json()["error"]


def test_oversized_chunked_bodies_are_cut_off(ingest_client: TestClient) -> None:
    chunks = (b"x" * 1_000_000 for _ in range(MAX_BODY_BYTES // 1_000_000 + 2))
    response = ingest_client.post(
        "/api/ingest", content=chunks, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "over" in response.json()["error"]


@pytest.mark.network
def test_private_urls_are_refused_and_never_fetched(
    ingest_client: TestClient, page_server: PageServer
) -> None:
    response = ingest_client.post(
        "/api/ingest", json={"url": f"{page_server.url}/article.html"}, headers=AUTH
    )
    assert response.status_code == 400
    assert "--allow-private-urls" in response.json()["error"]
    assert page_server.seen == []


@pytest.mark.network
def test_unreachable_urls_are_502(empty_store: Store, page_server: PageServer) -> None:
    app = create_app(empty_store, allow_ingest=True, allow_private_urls=True, token=TOKEN)
    with TestClient(app) as client:
        response = client.post("/api/ingest", json={"url": f"{page_server.url}/missing"}, headers=AUTH)
    assert response.status_code == 502
    assert "HTTP 404" in response.json()["error"]


def test_the_ingest_route_is_documented_when_enabled(ingest_client: TestClient) -> None:
    schema = ingest_client.get("/openapi.json").json()
    post = schema["paths"]["/api/ingest"]["post"]
    assert {"401", "413", "422"} <= set(post["responses"])


def _ingest_one_or_skip() -> None:
    import parley.ingest

    if not hasattr(parley.ingest, "ingest_one"):
        pytest.skip("parley.ingest.ingest_one is not written yet")


@pytest.mark.model
@pytest.mark.network
def test_an_allowed_private_url_is_fetched_analysed_and_stored(
    empty_store: Store, page_server: PageServer
) -> None:
    _ingest_one_or_skip()
    app = create_app(empty_store, allow_ingest=True, allow_private_urls=True, token=TOKEN)
    with TestClient(app) as client:
        response = client.post(
            "/api/ingest",
            json={"url": f"{page_server.url}/article.html", "published": "2025-05-05", "outlet": "Local"},
            headers=AUTH,
        )
        assert response.status_code == 200, response.text
        created = response.json()
        stored = client.get(created["url"]).json()
        again = client.post("/api/ingest", json={"html": Pages.ARTICLE}, headers=AUTH)
    assert again.json()["id"] == created["id"], "the same page again is the stored article"
    assert page_server.seen == ["/article.html"]
    assert "Negotiators from both sides met in Geneva" in stored["text"]
    assert stored["outlet"] == "Local"
