"""The HTML pages: what each shows from the fixture store, filters, bad input, and escaping."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from tests.web.webdata import HOSTILE, Corpus


class Elements(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def marks(self, css: str) -> list[dict[str, str]]:
        """The ``<mark>`` elements of the article text (each has an anchor id) with class ``css``."""
        return [m for m in self.having("mark", class_=css) if "id" in m]

    def having(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        """Attributes of the ``tag`` elements whose attributes include ``wanted`` (class by word)."""
        found = []
        for name, attrs in self.tags:
            if name != tag:
                continue
            ok = all(
                (v in attrs.get("class", "").split()) if k == "class_" else attrs.get(k) == v
                for k, v in wanted.items()
            )
            if ok:
                found.append(attrs)
        return found


def page(client: TestClient, url: str, status: int = 200) -> Elements:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    parsed = Elements()
    parsed.feed(response.text)
    return parsed


def test_home_shows_counts_latest_articles_actors_and_a_chart(client: TestClient, data: Corpus) -> None:
    home = page(client, "/")
    text = " ".join(home.text)
    assert f"{len(data.events())}" in text
    newest = max(data.articles)
    assert home.having("a", href=f"/articles/{newest}")
    assert home.having("a", href=f"/actors/{client.get('/api/actors').json()['items'][0]['id']}")
    bars = home.having("rect")
    assert bars, "the weekly chart should have bars"
    assert {cls for b in bars for cls in b["class"].split()} >= {"t-assault", "t-consult"}


def test_article_highlights_quotes_with_speaker_and_marks_triggers(client: TestClient, data: Corpus) -> None:
    article = page(client, f"/articles/{data.mediation_id}")
    quotes = article.marks("quote")
    assert "Marco Rubio" in [q["title"] for q in quotes]
    assert article.having("a", href="/actors/Marco%20Rubio")
    assert [q["title"] for q in article.marks("unattributed")] == ["no speaker"]
    triggers = article.marks("trigger")
    _, analysis = data.articles[data.mediation_id]
    assert analysis is not None
    assert len(triggers) == len(analysis.events)
    assert article.marks("t-threaten")
    assert "conditional" in " ".join(article.text)
    assert "138" in article.text


def test_article_page_escapes_every_piece_of_data(client: TestClient, data: Corpus) -> None:
    response = client.get(f"/articles/{data.hostile_id}")
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert "<b>Ann" not in response.text
    assert "<i>&amp;" not in response.text
    parsed = Elements()
    parsed.feed(response.text)
    assert not parsed.having("script")
    assert HOSTILE.name in [q["title"] for q in parsed.marks("quote")]
    text = "".join(parsed.text)
    assert "<script>alert(1)</script> is not diplomacy" in text
    assert 'alert("title")' in text


def test_unknown_article_page_is_404_html(client: TestClient) -> None:
    missing = page(client, "/articles/987654", status=404)
    assert "no such article" in " ".join(missing.text)
    page(client, "/articles/abc", status=422)


def test_actor_page_shows_what_they_said_did_and_had_done(client: TestClient, data: Corpus) -> None:
    zelensky = page(client, "/actors/Volodymyr%20Zelensky")
    text = " ".join(zelensky.text)
    assert "This is terror against our cities" in text
    assert {s["id"] for s in zelensky.having("section")} == {"said", "did", "done-to"}
    ukraine = page(client, "/actors/Ukraine")
    assert ukraine.having("a", href=f"/articles/{data.shelling_id}#e" + str(_event_id(client, data, "190")))
    assert ukraine.having("rect"), "the actor's weekly chart should have bars"


def test_actor_chart_counts_quotes(client: TestClient) -> None:
    rubio = page(client, "/actors/Marco%20Rubio")
    assert [r["class"] for r in rubio.having("rect")] == ["said"]


def _event_id(client: TestClient, data: Corpus, cameo: str) -> int:
    events = client.get("/api/events", params={"article_id": data.shelling_id}).json()["items"]
    return int(next(e["id"] for e in events if e["cameo"] == cameo))


def test_unknown_actor_page_is_404(client: TestClient) -> None:
    page(client, "/actors/Nobody%20At%20All", status=404)


def test_events_page_filters_by_type_and_pages(client: TestClient, data: Corpus) -> None:
    threats = page(client, "/events?type=REJECT&source=&target=&cameo=&since=&until=")
    badges = [b for b in threats.having("span", class_="badge")]
    assert len(badges) == sum(1 for _, e in data.events() if e.plover.type == "REJECT")
    assert all("t-reject" in b["class"] for b in badges)
    assert threats.having("option", value="REJECT", selected="")
    rows, url = 0, "/events"
    for _ in range(10):
        listing = page(client, url)
        rows += len(listing.having("span", class_="badge"))
        more = listing.having("a", rel="next")
        if not more:
            break
        url = more[0]["href"].replace("http://testserver", "")
    assert url != "/events", "the fixture events do not fit one page"
    assert rows == len(data.events())


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("since=2025-02-30", "since"),
        ("until=soon", "until"),
        ("cameo=threat", "cameo"),
        ("offset=x", "offset"),
        ("type=THREATENS", "THREATEN"),
        ("source=Atlantis", "Atlantis"),
        ("since=2025-06-01&until=2025-05-01", "2025-06-01"),
    ],
)
def test_events_page_explains_bad_filters(client: TestClient, query: str, words: str) -> None:
    bad = page(client, f"/events?{query}", status=400)
    assert any(words in t for t in bad.text)
    assert bad.having("form", class_="filters")


def test_dyad_page_draws_cooperation_and_conflict(client: TestClient) -> None:
    dyad = page(client, "/dyad?a=USA&b=RUS&bucket=month")
    classes = {r["class"] for r in dyad.having("rect")}
    assert classes == {"coop"}
    war = page(client, "/dyad?a=RUS&b=UKR")
    assert {r["class"] for r in war.having("rect")} == {"coop", "conflict"}
    page(client, "/dyad?a=RUS&b=UKR&bucket=year", status=400)
    assert not page(client, "/dyad").having("svg")


def test_search_page_finds_article_text(client: TestClient, data: Corpus) -> None:
    found = page(client, "/search?q=Kharkiv")
    assert found.having("a", href=f"/articles/{data.shelling_id}")
    assert not found.having("a", href=f"/articles/{data.mediation_id}")
    articles = page(client, "/articles")
    assert articles.having("a", rel="next")


def test_stylesheet_is_served_locally(client: TestClient) -> None:
    css = client.get("/static/parley.css")
    assert css.status_code == 200
    assert "mark.quote" in css.text
    home = client.get("/").text
    assert "http://" not in home.split("<body>")[0] and "https://" not in home.split("<body>")[0]


def test_pages_forbid_scripts_and_foreign_resources(client: TestClient, data: Corpus) -> None:
    response = client.get(f"/articles/{data.hostile_id}")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_article_shows_where_it_was_filed_from(client: TestClient, data: Corpus) -> None:
    filed = " ".join(page(client, f"/articles/{data.shelling_id}").text)
    assert "filed from KHARKIV, Ukraine (AP)" in " ".join(filed.split())
    assert "filed from" not in " ".join(page(client, f"/articles/{data.mediation_id}").text)
