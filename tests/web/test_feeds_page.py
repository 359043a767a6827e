"""The Feeds page: feeds' health with failing feeds first, and recent alerts; in-process and in a browser."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from parley.store import Store
from parley.store.alerts import AlertBook
from parley.store.feeds import FeedList
from parley.web import create_app
from tests.web.test_browser import browser  # noqa: F401  (the chromium fixture)
from tests.web.webservers import ServerThread

with warnings.catch_warnings():
    from starlette.exceptions import StarletteDeprecationWarning

    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

T0 = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store watching three feeds (healthy, failing, paused), with one alert that matched twice."""
    with Store(f"sqlite:///{tmp_path_factory.mktemp('feeds') / 'feeds.db'}") as store:
        feeds = FeedList(store)
        healthy = feeds.add(
            "https://ok.example/feed", name="Healthy wire", interval=HOUR, fetch_pages=False, at=T0
        )
        failing = feeds.add("https://flaky.example/rss", name=None, interval=HOUR, fetch_pages=False, at=T0)
        paused = feeds.add(
            "https://gone.example/atom", name="Gone wire", interval=HOUR, fetch_pages=False, at=T0
        )
        feeds.fetched(healthy.id, at=T0, status="200", new_items=12, next_due=T0 + HOUR)
        feeds.failed(failing.id, at=T0, status="HTTP 503 Service Unavailable", next_due=T0 + 2 * HOUR)
        feeds.pause(
            paused.id, at=T0, status="HTTP 410 Gone", reason="the server says the feed is gone (HTTP 410)"
        )
        book = AlertBook(store)
        alert = book.add(
            "threats",
            "events --type THREATEN",
            output=None,
            webhook="http://127.0.0.1:9/hook",
            last_seen_id=0,
            at=T0,
        )
        record = {"id": 41, "article_id": 3, "sentence_text": "Russia threatened to leave the talks."}
        delivered, pending = book.record_matches(
            alert,
            [(41, {"kind": "event", "record": record}), (42, {"kind": "event", "record": {"id": 42}})],
            seen_up_to=42,
            at=T0,
        )
        book.update_delivery(
            delivered.id, file_done=True, webhook_done=True, attempts=1, next_try=T0, error=None
        )
        book.update_delivery(
            pending.id,
            file_done=True,
            webhook_done=False,
            attempts=3,
            next_try=T0 + HOUR,
            error="webhook answered HTTP 500",
        )
        yield store


def test_feeds_page_lists_failing_feeds_first(watched: Store) -> None:
    with TestClient(create_app(watched)) as client:
        page = client.get("/feeds")
    assert page.status_code == 200
    html = page.text
    assert html.index("Gone wire") < html.index("https://flaky.example/rss") < html.index("Healthy wire")
    assert (
        "HTTP 503 Service Unavailable" in html and "paused</strong>: the server says the feed is gone" in html
    )
    assert "Russia threatened to leave the talks." in html and 'href="/articles/3"' in html
    assert "not yet (webhook answered HTTP 500)" in html


def test_feeds_page_without_feeds(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'empty.db'}") as store, TestClient(create_app(store)) as client:
        html = client.get("/feeds").text
    assert "No feeds yet" in html and "No alert has matched yet" in html


@pytest.mark.browser
def test_feeds_page_in_a_browser(browser: Browser, watched: Store, artifacts: Path) -> None:  # noqa: F811
    with ServerThread(create_app(watched)) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            tab = context.new_page()
            tab.set_default_timeout(15_000)
            tab.goto(server.url + "/")
            tab.get_by_role("link", name="Feeds", exact=True).click()
            expect(tab.locator("h1")).to_have_text("Feeds")
            rows = tab.locator("table.feeds tbody tr")
            expect(rows).to_have_count(3)
            assert rows.nth(0).get_attribute("class") == "paused"
            assert rows.nth(1).get_attribute("class") == "failing"
            assert rows.nth(2).get_attribute("class") == "healthy"
            background = (
                rows.nth(0).locator("td").first.evaluate("el => getComputedStyle(el).backgroundColor")
            )
            assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "a paused feed should stand out"
            expect(tab.locator("table.alerts tbody tr")).to_have_count(2)
            tab.screenshot(path=artifacts / "feeds.png", full_page=True)
            tab.get_by_role("link", name="article 3").click()
            expect(tab).to_have_url(server.url + "/articles/3")
        finally:
            context.close()
