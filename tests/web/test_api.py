"""The JSON API over a store of hand-built records: every endpoint, filter, page walk and bad parameter."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from fastapi.testclient import TestClient

from parley.limits import MAX_LIMIT
from parley.ontology.cameo import quad_class
from parley.records import Event
from parley.web import create_app
from tests.web.webdata import Corpus


def event_day(data: Corpus, article_id: int, event: Event) -> dt.date | None:
    return event.date or data.articles[article_id][0].published


def walk(client: TestClient, url: str) -> list[dict[str, Any]]:
    """Every item of a paged list, following ``next`` links."""
    items: list[dict[str, Any]] = []
    next_url: str | None = url
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        next_url = page["next"]
    return items


def test_stats_count_what_was_stored(client: TestClient, data: Corpus) -> None:
    stats = client.get("/api/stats").json()
    assert stats["articles"] == len(data.articles)
    assert stats["events"] == len(data.events())
    assert stats["quotes"] == len(data.quotes())
    assert stats["duplicates"] == 1
    published = [a.published for a, _ in data.articles.values() if a.published]
    assert stats["first_published"] == min(published).isoformat()


def test_articles_are_newest_first_without_text(client: TestClient, data: Corpus) -> None:
    items = client.get("/api/articles", params={"limit": 5}).json()["items"]
    ids = [a["id"] for a in items]
    assert ids == sorted(data.articles, reverse=True)[:5]
    assert all("text" not in a for a in items)


def test_article_has_text_quotes_and_events_with_offsets_into_it(client: TestClient, data: Corpus) -> None:
    record = client.get(f"/api/articles/{data.mediation_id}").json()
    article, analysis = data.articles[data.mediation_id]
    assert analysis is not None
    assert record["text"] == article.text
    assert [q["text"] for q in record["quotes"]] == [q.text for q in analysis.quotes]
    for q in record["quotes"]:
        assert record["text"][q["start"] : q["end"]] == q["text"]
    assert [e["cameo"] for e in record["events"]] == [e.cameo for e in analysis.events]
    threat = next(e for e in record["events"] if e["cameo"] == "138")
    assert threat["conditional"] is True
    assert threat["plover"]["type"] == "THREATEN"
    assert {a["name"] for a in record["actors"]} >= {"Marco Rubio", "Volodymyr Zelensky"}
    assert (record["dateline"], record["dateline_agency"]) == (None, None)


def test_article_has_its_dateline(client: TestClient, data: Corpus) -> None:
    record = client.get(f"/api/articles/{data.shelling_id}").json()
    assert (record["dateline"], record["dateline_agency"]) == ("KHARKIV, Ukraine", "AP")


def test_unknown_article_is_404_with_message(client: TestClient) -> None:
    response = client.get("/api/articles/987654")
    assert response.status_code == 404
    assert response.json() == {"error": "article 987654: no such article"}


@pytest.mark.parametrize("bad", ["0", "-1", "abc", str(2**70), "1.5"])
def test_bad_article_ids_are_refused(client: TestClient, bad: str) -> None:
    response = client.get(f"/api/articles/{bad}")
    assert response.status_code == 422
    assert "article_id" in response.json()["error"]


def test_article_filters(client: TestClient, data: Corpus) -> None:
    fillers = walk(client, "/api/articles?outlet=Filler%20Daily&limit=100")
    assert {a["id"] for a in fillers} == {
        i for i, (a, _) in data.articles.items() if a.outlet == "Filler Daily"
    }
    since, until = dt.date(2025, 4, 1), dt.date(2025, 5, 5)
    window = walk(client, f"/api/articles?since={since}&until={until}")
    expected = {i for i, (a, _) in data.articles.items() if a.published and since <= a.published <= until}
    assert {a["id"] for a in window} == expected


def test_search_finds_words_with_a_snippet(client: TestClient, data: Corpus) -> None:
    items = client.get("/api/articles", params={"search": "Kharkiv"}).json()["items"]
    assert [a["id"] for a in items] == [data.shelling_id]
    assert "Kharkiv" in items[0]["snippet"]
    nothing = client.get("/api/articles", params={"search": "zzzunseen", "count": "true"}).json()
    assert nothing == {"items": [], "next": None, "total": 0, "matched": []}


def test_quote_filters(client: TestClient, data: Corpus) -> None:
    rubio = client.get("/api/quotes", params={"speaker": "Marco Rubio"}).json()["items"]
    assert [q["text"] for q in rubio] == [
        q.text for _, q in data.quotes() if q.speaker and q.speaker.name == "Marco Rubio"
    ]
    ukr = walk(client, "/api/quotes?country=UKR")
    assert len(ukr) == sum(1 for _, q in data.quotes() if q.speaker and q.speaker.country == "UKR")
    in_article = client.get("/api/quotes", params={"article_id": data.mediation_id}).json()["items"]
    assert len(in_article) == len(data.articles[data.mediation_id][1].quotes)  # type: ignore[union-attr]
    found = client.get("/api/quotes", params={"search": "terror"}).json()["items"]
    assert [q["article_id"] for q in found] == [data.shelling_id]


EVENT_FILTERS: list[tuple[dict[str, str], Any]] = [
    ({"source": "RUS"}, lambda d, aid, e: e.source is not None and e.source.country == "RUS"),
    ({"target": "UKR"}, lambda d, aid, e: e.target is not None and e.target.country == "UKR"),
    (
        {"source": "united states"},
        lambda d, aid, e: e.source is not None and e.source.name == "United States",
    ),
    ({"type": "ASSAULT"}, lambda d, aid, e: e.plover.type == "ASSAULT"),
    ({"cameo": "1"}, lambda d, aid, e: e.cameo.startswith("1")),
    ({"cameo": "036"}, lambda d, aid, e: e.cameo.startswith("036")),
    (
        {"since": "2025-05-01", "until": "2025-05-10"},
        lambda d, aid, e: (
            dt.date(2025, 5, 1) <= (event_day(d, aid, e) or dt.date.min) <= dt.date(2025, 5, 10)
        ),
    ),
    ({"source": "UKR", "target": "RUS", "type": "REJECT"}, lambda d, aid, e: e.cameo == "125"),
]


@pytest.mark.parametrize(
    ("params", "wanted"), EVENT_FILTERS, ids=lambda v: str(v) if isinstance(v, dict) else ""
)
def test_event_filters(client: TestClient, data: Corpus, params: dict[str, str], wanted: Any) -> None:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    got = walk(client, f"/api/events?{query}&limit=20")
    expected = [e for aid, e in data.events() if wanted(data, aid, e)]
    assert expected, "the filter should select some fixture events"
    assert len(got) == len(expected)
    assert sorted((e["cameo"], e["trigger"]) for e in got) == sorted(
        (e.cameo, list(e.trigger)) for e in expected
    )


def test_events_of_one_article(client: TestClient, data: Corpus) -> None:
    got = client.get("/api/events", params={"article_id": data.shelling_id}).json()["items"]
    assert {e["article_id"] for e in got} == {data.shelling_id}
    assert "shelled" in got[-1]["sentence_text"]


@pytest.mark.parametrize("limit", [1, 7, 50])
def test_event_pages_walk_every_event_once_in_order(client: TestClient, data: Corpus, limit: int) -> None:
    items = walk(client, f"/api/events?limit={limit}")
    ids = [e["id"] for e in items]
    assert len(ids) == len(data.events())
    assert ids == sorted(set(ids), reverse=True)


def test_next_link_keeps_the_filters(client: TestClient) -> None:
    page = client.get("/api/events", params={"source": "RUS", "limit": 3}).json()
    assert "source=RUS" in page["next"]
    assert f"after={page['items'][-1]['id']}" in page["next"]


def test_limit_over_the_maximum_is_refused_naming_it(client: TestClient) -> None:
    response = client.get("/api/events", params={"limit": MAX_LIMIT + 1})
    assert response.status_code == 422
    assert "limit" in response.json()["error"] and str(MAX_LIMIT) in response.json()["error"]
    assert client.get("/api/events", params={"limit": MAX_LIMIT}).status_code == 200
    schema = client.get("/openapi.json").json()
    limit = next(p for p in schema["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == MAX_LIMIT


BAD_PARAMS = [
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=many", "limit"),
    ("/api/events?after=0", "after"),
    (f"/api/events?after={2**64}", "after"),
    ("/api/events?since=2025-13-01", "since"),
    ("/api/events?until=yesterday", "until"),
    ("/api/events?until=1700000000", "until"),
    ("/api/events?cameo=abc", "cameo"),
    ("/api/events?cameo=12345", "cameo"),
    ("/api/events?source=" + "x" * 101, "source"),
    ("/api/quotes?article_id=-3", "article_id"),
    ("/api/articles?search=", "search"),
    ("/api/articles?search=%00", "search"),
    ("/api/actors?after=999999", "after"),  # 404: no such actor to continue from
    ("/api/dyad?a=RUS", "b"),
    ("/api/dyad?a=RUS&b=UKR&bucket=year", "bucket"),
    ("/api/timeline", "actor"),
    ("/api/timeline?actor=RUS&bucket=hour", "bucket"),
]


@pytest.mark.parametrize(("url", "name"), BAD_PARAMS)
def test_bad_parameters_are_4xx_with_a_message_naming_them(client: TestClient, url: str, name: str) -> None:
    response = client.get(url)
    assert 400 <= response.status_code < 500
    body = response.json()
    assert set(body) == {"error"}
    assert name in body["error"]


def test_actors_are_most_active_first_and_page_by_cursor(client: TestClient) -> None:
    everyone = client.get("/api/actors", params={"limit": 500}).json()["items"]
    activity = [
        a["n_mentions"] + a["n_quotes"] + a["n_events_source"] + a["n_events_target"] for a in everyone
    ]
    assert activity == sorted(activity, reverse=True)
    assert [a["id"] for a in walk(client, "/api/actors?limit=2")] == [a["id"] for a in everyone]


def test_actor_filters(client: TestClient) -> None:
    ukr = client.get("/api/actors", params={"country": "UKR"}).json()["items"]
    assert {a["name"] for a in ukr} == {"Ukraine", "Volodymyr Zelensky"}
    found = client.get("/api/actors", params={"search": "zelen"}).json()["items"]
    assert [a["name"] for a in found] == ["Volodymyr Zelensky"]


def test_actor_by_name_and_by_id(client: TestClient, data: Corpus) -> None:
    by_name = client.get("/api/actors/Volodymyr Zelensky").json()
    by_id = client.get(f"/api/actors/{by_name['id']}").json()
    assert by_name == by_id
    expected = sum(1 for _, q in data.quotes() if q.speaker and q.speaker.name == "Volodymyr Zelensky")
    assert len(by_name["quotes"]) == by_name["n_quotes"] == expected
    assert {e["cameo"] for e in by_name["events_as_source"]} <= {"125", "112"}


@pytest.mark.parametrize("key", ["Nobody At All", "987654", str(2**80), "²", "a/b"])
def test_unknown_actor_is_404_with_message(client: TestClient, key: str) -> None:
    response = client.get(f"/api/actors/{key}")
    assert response.status_code == 404
    assert "no such actor" in response.json()["error"]


def test_dyad_counts_both_directions(client: TestClient, data: Corpus) -> None:
    body = client.get("/api/dyad", params={"a": "RUS", "b": "UKR", "bucket": "month"}).json()
    assert (body["a"], body["b"], body["bucket"]) == ("RUS", "UKR", "month")
    rows = body["items"]
    pairs = [
        (e, aid)
        for aid, e in data.events()
        if e.source
        and e.target
        and {e.source.country, e.target.country} == {"RUS", "UKR"}
        and event_day(data, aid, e) is not None
    ]
    assert sum(r["a_to_b"] for r in rows) == sum(
        1 for e, _ in pairs if e.source and e.source.country == "RUS"
    )
    assert sum(r["b_to_a"] for r in rows) == sum(
        1 for e, _ in pairs if e.source and e.source.country == "UKR"
    )
    assert sum(r["conflict"] for r in rows) == sum(1 for e, _ in pairs if quad_class(e.cameo_root) >= 3)
    assert all(r["period"].endswith("-01") for r in rows)


def test_timeline_gathers_types(client: TestClient, data: Corpus) -> None:
    rows = client.get("/api/timeline", params={"actor": "Ukraine", "bucket": "week"}).json()["items"]
    involved = [
        e
        for aid, e in data.events()
        if "Ukraine" in {e.source and e.source.name, e.target and e.target.name}
        and event_day(data, aid, e) is not None
    ]
    assert sum(r["events"] for r in rows) == len(involved)
    assert sum(r["types"].get("ASSAULT", 0) for r in rows) == sum(
        1 for e in involved if e.plover.type == "ASSAULT"
    )
    assert all(dt.date.fromisoformat(r["period"]).weekday() == 0 for r in rows)


def test_schema_documents_every_api_route_with_error_shapes(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/quotes",
        "/api/events",
        "/api/actors",
        "/api/actors/{key}",
        "/api/dyad",
        "/api/timeline",
        "/api/stats",
        "/api/positions",
        "/api/shifts",
        "/api/processes",
        "/api/processes/{process_id}",
    }
    events = schema["paths"]["/api/events"]["get"]["responses"]
    assert events["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    assert events["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/EventPage")


def test_unknown_routes_and_methods_are_json_errors(client: TestClient) -> None:
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404
    assert set(missing.json()) == {"error"}
    wrong = client.post("/api/events")
    assert wrong.status_code == 405
    assert set(wrong.json()) == {"error"}


def test_ingest_does_not_exist_on_a_read_only_app(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"text": "Hello."}, headers={"Authorization": "Bearer x" * 20})
    assert response.status_code in (404, 405)


class BrokenStore:
    """A store whose every read fails, as a database that went away would."""

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("secret internal detail /var/lib/db")

        return fail


def test_unexpected_errors_are_500_without_details(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(BrokenStore())  # type: ignore[arg-type]
    with TestClient(app) as broken, caplog.at_level(logging.ERROR, logger="parley.web"):
        api = broken.get("/api/events")
        page = broken.get("/events")
    assert api.status_code == 500
    assert api.json() == {"error": "internal error; the server log has the details"}
    assert page.status_code == 500
    for response in (api, page):
        assert "secret" not in response.text
        assert "Traceback" not in response.text
    assert "secret internal detail" in caplog.text
