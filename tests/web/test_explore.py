"""Exploring the store in the web app and the API: one actor however it is named, list pages
with filters, sorting, facets and downloads, search over every record, compare and dyads."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from parley.records import ActorRef
from tests.web.test_pages import page
from tests.web.webdata import Corpus

RUS_SIDE = {"Russia"}  # the fixture's only Russian actor; its side is itself


def sources_named(data: Corpus, country: str) -> list[int]:
    return [aid for aid, e in data.events() if e.source and e.source.country == country]


# --- the API: one actor, however it is named ------------------------------------------------


@pytest.mark.parametrize("key", ["RUS", "rus", "Russia", "RUSSIA", "the Russian Federation", "rusgov"])
def test_every_spelling_of_a_country_gives_the_same_events(
    client: TestClient, data: Corpus, key: str
) -> None:
    page_ = client.get("/api/events", params={"source": key, "count": "true", "limit": 500}).json()
    assert page_["total"] == len(sources_named(data, "RUS"))
    assert page_["matched"] and "Russia" in page_["matched"][0]


def test_actor_page_and_timeline_agree(client: TestClient) -> None:
    actor = client.get("/api/actors/RUS").json()
    timeline = client.get("/api/timeline", params={"actor": "RUS", "bucket": "month"}).json()["items"]
    events = client.get("/api/events", params={"actor": "RUS", "count": "true", "limit": 1}).json()["total"]
    dated = sum(row["events"] for row in timeline)
    assert actor["side"] and [m["name"] for m in actor["members"]] == ["Russia"]
    assert dated <= events and dated > 0
    assert actor["n_events_source"] + actor["n_events_target"] >= dated


def test_surname_in_any_case_finds_the_speaker(client: TestClient, data: Corpus) -> None:
    got = client.get("/api/quotes", params={"speaker": "zelensky"}).json()
    expected = [q for _, q in data.quotes() if q.speaker and q.speaker.name == "Volodymyr Zelensky"]
    assert len(got["items"]) == len(expected) > 0
    assert got["matched"] == ["'zelensky' matched Volodymyr Zelensky"]


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/api/events?sourc=RUS", "sourc"),
        ("/api/stats?verbose=1", "verbose"),
        ("/api/events?type=THREATENS", "THREATEN"),
        ("/api/events?source=Atlantis", "Atlantis"),
        ("/api/events?since=2025-06-01&until=2025-05-01", "2025-06-01"),
        ("/api/quotes?country=ZZZ", "ZZZ"),
        ("/api/actors?country=Atlantis", "Atlantis"),
        ("/api/dyad?a=RUS&b=Nobody", "Nobody"),
        ("/api/events?cameo=99", "99"),
    ],
)
def test_unknown_parameters_and_values_are_422_naming_them(client: TestClient, url: str, named: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert named in response.json()["error"]


def test_either_side_asserted_only_and_outlet(client: TestClient, data: Corpus) -> None:
    either = client.get("/api/events", params={"actor": "UKR", "limit": 500, "count": "true"}).json()
    expected = [
        e for _, e in data.events() if "UKR" in ((e.source or RUS_REF).country, (e.target or RUS_REF).country)
    ]
    assert either["total"] == len(expected)
    asserted = client.get("/api/events", params={"asserted_only": "true", "limit": 500}).json()["items"]
    assert len(asserted) == sum(
        1 for _, e in data.events() if not (e.negated or e.hypothetical or e.reported)
    )
    daily = client.get("/api/events", params={"outlet": "filler daily", "count": "true", "limit": 1}).json()
    assert daily["total"] == sum(
        len(an.events) for a, an in data.articles.values() if an and a.outlet == "Filler Daily"
    )


RUS_REF = ActorRef("nobody", None, None, None)


def test_sorted_pages_continue_by_offset(client: TestClient, data: Corpus) -> None:
    first = client.get("/api/events", params={"sort": "date", "limit": 7}).json()
    assert "offset=7" in first["next"]
    rest = client.get(first["next"].replace("http://testserver", "")).json()
    days = [e["date"] for e in first["items"] + rest["items"] if e["date"]]
    assert days == sorted(days)


def test_dyad_counts_undated_events_apart(client: TestClient, data: Corpus) -> None:
    got = client.get("/api/dyad", params={"a": "Russia", "b": "ukraine"}).json()
    assert got["items"] == client.get("/api/dyad", params={"a": "RUS", "b": "UKR"}).json()["items"]
    undated = [
        e
        for aid, e in data.events()
        if e.date is None
        and data.articles[aid][0].published is None
        and {(e.source or RUS_REF).country, (e.target or RUS_REF).country} == {"RUS", "UKR"}
    ]
    assert got["undated"] == len(undated) > 0 and len(got["matched"]) == 2
    dyad = page(client, "/dyad?a=RUS&b=UKR")
    assert dyad.having("a", href="/events?source=RUS&target=UKR&undated=1")


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/actors", "/actors/"])
def test_actors_index_lists_actors_with_filters(client: TestClient, url: str) -> None:
    index = page(client, url)
    assert index.having("a", href="/actors/" + str(client.get("/api/actors").json()["items"][0]["id"]))
    ukr = page(client, "/actors?country=Ukraine")
    names = {t.strip() for t in ukr.text}
    assert {"Ukraine", "Volodymyr Zelensky"} <= names and "Marco Rubio" not in names
    page(client, "/actors?country=Atlantis", status=400)


def test_actor_page_switches_between_side_and_exact(client: TestClient) -> None:
    side = page(client, "/actors/UKR")
    assert side.having("a", href="/actors/UKR?exact=1")
    assert any("actors on this side" in t for t in side.text)
    exact = page(client, "/actors/UKR?exact=1")
    assert exact.having("a", href="/actors/UKR")
    assert not any("actors on this side" in t for t in exact.text)


@pytest.mark.parametrize(
    ("url", "facet"),
    [("/events", "type"), ("/quotes", "country"), ("/articles", "outlet"), ("/actors", "role")],
)
def test_list_pages_have_totals_facets_sorting_and_downloads(
    client: TestClient, url: str, facet: str
) -> None:
    listing = page(client, url)
    assert listing.having("section", class_="facet", **{"data-facet": facet})
    assert listing.having("a", class_="sort")
    assert listing.having("a", href=f"{url}?format=csv")
    assert listing.having("a", href=f"{url}?format=json")
    assert any(t.strip().isdigit() for t in listing.text)


def test_events_facets_count_the_filtered_rows_and_link_to_them(client: TestClient, data: Corpus) -> None:
    listing = page(client, "/events?source=RUS")
    expected = Counter(e.plover.type for _, e in data.events() if e.source and e.source.country == "RUS")
    for plover_type, n in expected.items():
        assert listing.having("a", href=f"/events?source=RUS&type={plover_type}")
        assert str(n) in listing.text
    sorted_by_date = page(client, "/events?source=RUS&sort=date")
    assert sorted_by_date.having("a", class_="sort", href="/events?source=RUS&sort=-date")


def test_downloads_hold_every_filtered_row(client: TestClient, data: Corpus) -> None:
    response = client.get("/events", params={"source": "RUS", "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(sources_named(data, "RUS")) > 50
    assert {r["source_country"] for r in rows} == {"RUS"} and all(r["article_id"] for r in rows)
    as_json = json.loads(client.get("/quotes", params={"speaker": "zelensky", "format": "json"}).text)
    assert {q["speaker"]["name"] for q in as_json} == {"Volodymyr Zelensky"}


def test_search_covers_articles_quotes_and_events_with_counts_and_highlights(client: TestClient) -> None:
    found = page(client, "/search?q=terror")
    counts = client.get("/search", params={"q": "terror"}).text
    assert found.having("mark", class_="hit")
    assert "<strong>1</strong> quotes" in counts
    events = page(client, "/search?q=shelled")
    assert events.having("mark", class_="hit")
    assert events.having("a", href="/events?search=shelled")


def test_compare_puts_several_actors_on_one_chart(client: TestClient) -> None:
    compared = page(client, "/compare?actors=RUS, United States")
    assert compared.having("svg")
    assert compared.having("rect", class_="series-0") and compared.having("rect", class_="series-1")
    page(client, "/compare?actors=Atlantis", status=400)


def test_home_says_how_many_events_are_undated(client: TestClient, data: Corpus) -> None:
    undated = sum(1 for aid, e in data.events() if e.date is None and data.articles[aid][0].published is None)
    home = page(client, "/")
    assert undated > 0 and home.having("a", href="/events?undated=1")
    assert any(f"{undated} events have no date" in t for t in home.text)
    listed = client.get("/api/events", params={"undated": "true", "count": "true"}).json()
    assert listed["total"] == undated
