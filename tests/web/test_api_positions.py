"""/api/positions, /api/shifts and /api/processes on a small store of hand-built records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest
from fastapi.testclient import TestClient

from parley.nlp.positions import derive_positions
from parley.records import ISSUES, SHIFT_KINDS, Actor, Analysis, Article, Issue, ShiftKind
from parley.store import Store
from parley.web import create_app
from tests.web.webdata import RUSSIA, UKRAINE, USA, event

FIRST = "Russia said it is ready for talks with Ukraine. Ukraine rejected talks with Russia."
LATER = (
    "Ukraine agreed to talks with Russia. The United States offered to mediate between Russia and Ukraine."
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("positions") / "positions.db"
    days = (dt.date(2025, 4, 1), dt.date(2025, 4, 20))
    found = [
        [
            event(FIRST, "ready", RUSSIA, UKRAINE, "036", days[0]),
            event(FIRST, "rejected", UKRAINE, RUSSIA, "125", days[0]),
        ],
        [
            event(LATER, "agreed", UKRAINE, RUSSIA, "036", days[1]),
            event(LATER, "offered", USA, RUSSIA, "039", days[1]),
        ],
    ]
    with Store(f"sqlite:///{path}") as store:
        for text, day, events in zip((FIRST, LATER), days, found, strict=True):
            held, moved = derive_positions(text, events, published=day)
            analysis = Analysis([Actor(RUSSIA), Actor(UKRAINE), Actor(USA)], [], events, held, moved)
            store.add_article(Article(text=text, published=day, origin=str(day)), analysis)
        with TestClient(create_app(store)) as test_client:
            yield test_client


def test_the_schema_lists_the_issues_and_kinds_of_the_records(client: TestClient) -> None:
    parameters = client.get("/openapi.json").json()["paths"]["/api/shifts"]["get"]["parameters"]
    schemas = {p["name"]: p["schema"] for p in parameters}
    assert schemas["issue"]["anyOf"][0]["enum"] == list(get_args(Issue)) == list(ISSUES)
    assert schemas["kind"]["anyOf"][0]["enum"] == list(get_args(ShiftKind)) == list(SHIFT_KINDS)


def test_positions_filtered_by_alias_issue_and_date(client: TestClient) -> None:
    items = client.get("/api/positions", params={"actor": "Kyiv", "issue": "talks"}).json()["items"]
    assert sorted(i["stance"] for i in items) == ["against", "for"]
    items = client.get("/api/positions", params={"since": "2025-04-10"}).json()["items"]
    assert {i["day"] for i in items} == {"2025-04-20"}
    assert {i["actor"]["country"] for i in items} == {"UKR", "USA"}


def test_positions_are_paged(client: TestClient) -> None:
    first = client.get("/api/positions", params={"limit": 2}).json()
    second = client.get(first["next"]).json()
    assert {i["id"] for i in first["items"]}.isdisjoint(i["id"] for i in second["items"])


def test_shifts(client: TestClient) -> None:
    (shift,) = client.get("/api/shifts", params={"actor": "UKR"}).json()["items"]
    assert (shift["from"], shift["to"], shift["kind"], shift["across_articles"]) == (
        "against",
        "for",
        "reversal",
        True,
    )
    assert client.get("/api/shifts", params={"kind": "walk-back"}).json()["items"] == []


def test_processes_and_one_process(client: TestClient) -> None:
    listed = client.get("/api/processes").json()["items"]
    assert listed[0] == {"id": "RUS-UKR", "parties": ["RUS", "UKR"], "events": 3}
    found = client.get("/api/processes/RUS-UKR").json()
    assert found["mediators"] == ["USA"]
    assert [t["kind"] for t in found["timeline"]] == [
        "offer of talks",
        "rejection",
        "offer of talks",
        "mediation",
    ]
    ukraine = {r["actor"]: r for r in found["matrix"]}["UKR"]["issues"]["talks"]
    assert ukraine["latest"]["stance"] == "for" and len(ukraine["history"]) == 2


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/positions?issue=weather", 422, "issue"),
        ("/api/positions?since=yesterday", 422, "since"),
        ("/api/shifts?kind=sideways", 422, "kind"),
        ("/api/processes?limit=0", 422, "limit"),
        ("/api/processes/RUS", 404, "two parties"),
        ("/api/processes/Atlantis-UKR", 404, "Atlantis"),
    ],
)
def test_bad_parameters_get_4xx_with_a_message(client: TestClient, url: str, status: int, words: str) -> None:
    response = client.get(url)
    assert response.status_code == status and words in response.json()["error"]


def test_the_endpoints_are_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/positions", "/api/shifts", "/api/processes", "/api/processes/{process_id}"):
        assert "get" in paths[path], path
    assert "404" in paths["/api/processes/{process_id}"]["get"]["responses"]


def test_the_process_page_and_the_home_list(client: TestClient) -> None:
    home = client.get("/").text
    assert 'href="/processes/RUS-UKR"' in home
    page = client.get("/processes/RUS-UKR")
    assert page.status_code == 200 and 'id="positions-matrix"' in page.text and "reversal" in page.text
    assert client.get("/processes/Atlantis-UKR").status_code == 404
