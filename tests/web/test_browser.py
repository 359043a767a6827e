"""End to end in a real browser: Playwright drives Debian's chromium against uvicorn on 127.0.0.1.

One walk runs on the hand-built fixture store, so the pages are exercised whatever the
NLP pipeline finds; the other ingests the seed article through the real pipeline.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from parley.store import Store
from parley.web import create_app
from tests.web.webservers import ServerThread

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's chromium is not at /usr/bin/chromium (`apt-get install chromium`, as `make test` does as root)"
        )
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        context.close()


def walk_home_article_actor_events(
    tab: Page, base: str, article_title: str, speaker: str, shots: Path, name: str
) -> None:
    """Home -> article -> the speaker's highlighted quote -> the speaker's page -> events filtered by type."""
    tab.goto(base + "/")
    expect(tab.locator("h1")).to_have_text("Parley")
    expect(tab.locator("figure.chart svg rect").first).to_be_visible()
    tab.screenshot(path=shots / f"{name}-home.png", full_page=True)

    tab.get_by_role("link", name=article_title).first.click()
    expect(tab.locator("h1")).to_have_text(article_title)
    quote = tab.locator(f'#article-text mark.quote[title="{speaker}"]').first
    expect(quote).to_be_visible()
    background = quote.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the quote should be highlighted"
    expect(tab.locator("#article-text mark.trigger").first).to_be_visible()
    tab.screenshot(path=shots / f"{name}-article.png", full_page=True)

    quote.locator("a").click()
    expect(tab.locator("h1")).to_have_text(speaker)
    expect(tab.locator("#said blockquote").first).to_be_visible()
    tab.screenshot(path=shots / f"{name}-actor.png", full_page=True)

    tab.get_by_role("link", name="Events", exact=True).click()
    badges = tab.locator("table.events .badge")
    kinds = set(badges.all_inner_texts())
    wanted = sorted(kinds)[0]
    tab.locator('select[name="type"]').select_option(wanted)
    tab.get_by_role("button", name="Filter").click()
    expect(tab).to_have_url(re.compile(rf"type={wanted}"))
    expect(badges.first).to_be_visible()
    assert set(badges.all_inner_texts()) == {wanted}
    tab.screenshot(path=shots / f"{name}-events.png", full_page=True)


def test_fixture_store_in_a_browser(page: Page, live_server: ServerThread, artifacts: Path) -> None:
    title = "Mediator may step back from Ukraine talks"
    walk_home_article_actor_events(page, live_server.url, title, "Marco Rubio", artifacts, "fixture")


def test_pages_read_without_javascript(browser: Browser, live_server: ServerThread) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(live_server.url + "/events?type=ASSAULT")
        assert tab.locator("table.events .badge").count() > 0
        assert set(tab.locator("table.events .badge").all_inner_texts()) == {"ASSAULT"}
    finally:
        context.close()


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerThread]:
    """The seed article ingested by the real pipeline into a fresh store, served by uvicorn."""
    seed = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed" / "blitz-us-mediation.txt"
    if not seed.exists():
        pytest.skip("../shared/corpus not found (the seed article is read from beside the checkout)")
    try:
        from parley.ingest import IngestOptions, Overrides, ingest
    except ImportError as exc:
        pytest.skip(f"parley.ingest cannot be imported yet: {exc}")
    gold = json.loads(seed.with_name("blitz-us-mediation.gold.json").read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(gold["assume_published"])
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    with Store(f"sqlite:///{path}") as store:
        report = ingest([str(seed)], store, IngestOptions(overrides=Overrides(published=published)))
        assert report.ingested, f"the seed was not ingested: {report.failed}"
        with ServerThread(create_app(store)) as server:
            yield server


@pytest.mark.model
def test_seed_article_in_a_browser(page: Page, seed_server: ServerThread, artifacts: Path) -> None:
    items = httpx.get(seed_server.url + "/api/articles").json()["items"]
    assert len(items) == 1
    walk_home_article_actor_events(page, seed_server.url, items[0]["title"], "Marco Rubio", artifacts, "seed")


# --- exploring: search, list pages, actors, compare, charts and small screens ----------------


def test_search_covers_quotes_and_events_with_counts_and_highlights(
    page: Page, live_server: ServerThread
) -> None:
    page.goto(live_server.url + "/")
    page.locator("#site-q").fill("terror")
    page.locator("form.quick-search button").click()
    expect(page.locator("#search-counts")).to_contain_text("1 quotes")
    hit = page.locator("#found-quotes mark.hit").first
    expect(hit).to_have_text(re.compile("terror", re.IGNORECASE))
    background = hit.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the matched words should be highlighted"
    page.locator("#site-q").fill("shelled")
    page.locator("form.quick-search button").click()
    expect(page.locator("#found-events mark.hit").first).to_be_visible()
    page.get_by_role("link", name=re.compile(r"All \d+ events")).click()
    expect(page).to_have_url(re.compile(r"/events\?search=shelled"))
    expect(page.locator("table.events .badge").first).to_be_visible()


def test_events_page_facets_sorting_and_download(page: Page, live_server: ServerThread) -> None:
    page.goto(live_server.url + "/events?source=RUS")
    expect(page.locator("ul.matched")).to_contain_text("RUS's side")
    facet = page.locator('section.facet[data-facet="type"] li').first
    wanted, count = facet.locator("a").inner_text(), int(facet.locator("span").inner_text())
    facet.locator("a").click()
    expect(page).to_have_url(re.compile(rf"type={wanted}"))
    expect(page.locator("#summary strong")).to_have_text(str(count))
    assert set(page.locator("table.events .badge").all_inner_texts()) == {wanted}
    page.locator("th a.sort", has_text="Date").click()
    expect(page).to_have_url(re.compile(r"sort=-date"))
    dates = [d.split()[0] for d in page.locator("table.events tbody td.nowrap").all_inner_texts()]
    assert dates == sorted(dates, reverse=True)
    href = page.locator("#summary a", has_text="CSV").get_attribute("href")
    assert href is not None
    rows = httpx.get(live_server.url + href).text.strip().splitlines()
    assert len(rows) - 1 == count


def test_actors_index_filters_and_the_side_switch(page: Page, live_server: ServerThread) -> None:
    page.goto(live_server.url + "/actors/")
    expect(page.locator("h1")).to_have_text("Actors")
    page.locator('input[name="country"]').fill("ukraine")
    page.get_by_role("button", name="Filter").click()
    names = set(page.locator("table.actors tbody td:first-child a").all_inner_texts())
    assert names == {"Ukraine", "Volodymyr Zelensky"}
    page.goto(live_server.url + "/actors/UKR")
    expect(page.locator("details.members")).to_contain_text("Volodymyr Zelensky")
    page.get_by_role("link", name="Exact actor").click()
    expect(page).to_have_url(re.compile(r"exact=1"))
    expect(page.locator("details.members")).to_have_count(0)
    page.get_by_role("link", name="Whole side").click()
    expect(page.locator("details.members")).to_be_visible()


def test_compare_view_and_charts_start_at_the_first_article(page: Page, live_server: ServerThread) -> None:
    page.goto(live_server.url + "/compare")
    page.locator('input[name="actors"]').fill("RUS, United States")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("figure.chart svg rect.series-0").first).to_be_visible()
    expect(page.locator("figure.chart svg rect.series-1").first).to_be_visible()
    page.goto(live_server.url + "/")
    expect(page.locator("figure.chart figcaption")).to_contain_text("dated before the first article")
    first_period = (page.locator("figure.chart details tbody td").first.text_content() or "").strip()
    assert first_period >= "2025-01-01", f"the chart starts at a background date, {first_period}"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/events",
        "/quotes",
        "/articles",
        "/actors",
        "/actors/UKR",
        "/search?q=talks",
        "/dyad?a=RUS&b=UKR",
    ],
)
def test_narrow_screens_do_not_overflow(browser: Browser, live_server: ServerThread, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(live_server.url + path)
        overflow = tab.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is {overflow}px wider than a 375px screen"
    finally:
        context.close()


@pytest.mark.model
def test_seed_process_page_in_a_browser(page: Page, seed_server: ServerThread, artifacts: Path) -> None:
    """Home -> the RUS-UKR process -> matrix cell with its history on hover -> the evidence article."""
    page.goto(seed_server.url + "/")
    page.locator("#processes").get_by_role("link", name="RUS and UKR").click()
    expect(page.locator("h1")).to_have_text("Process RUS and UKR")
    expect(page.locator("a.mediator")).to_have_text("USA")
    matrix = page.locator("#positions-matrix")
    assert matrix.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.actor)") == [
        "RUS",
        "UKR",
        "USA",
    ]
    cell = matrix.locator('tr[data-actor="USA"] td[data-issue="mediation"]')
    expect(cell).to_have_class(re.compile(r"\bshifted\b"))
    assert "conditional" in (cell.get_attribute("title") or ""), (
        "the cell's history should show the earlier stance"
    )
    outline = cell.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "a shifted cell should be highlighted"
    expect(matrix.locator('tr[data-actor="UKR"] td[data-issue="ceasefire"]')).to_have_class(
        re.compile("stance-against")
    )
    expect(page.locator('#swimlanes .lane[data-actor="USA"] .step.shift')).to_contain_text("walk-back")
    expect(page.locator('#swimlanes .lane[data-actor="UKR"] .step-rejection').first).to_be_visible()
    page.screenshot(path=artifacts / "seed-process.png", full_page=True)
    cell.locator("a").click()
    expect(page.locator("#article-text")).to_be_visible()
