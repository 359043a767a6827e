"""``parley watch`` against feeds served on 127.0.0.1: conditional GETs, failures, moves, retries, stops."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import threading
import time

import pytest

from parley.config import FetchOptions, SourceOptions
from parley.errors import StoreError
from parley.ingest import IngestOptions
from parley.store.feeds import FeedList, WatchLock
from parley.watch import Watcher
from tests.httpserver import LocalServer, Reply, Request
from tests.watch.watchkit import INTERVAL, T0, FeedRoute, Harness, Item, english, options, story

pytestmark = pytest.mark.network


def articles(harness: Harness) -> int:
    return int(harness.store.stats().articles)


def test_second_round_downloads_nothing_and_a_new_item_comes_on_the_third(
    server: LocalServer, harness: Harness
) -> None:
    feed = FeedRoute([story("a1"), story("a2")])
    server.route("/feed.xml", feed)
    feed_id = harness.add_feed(server.url("/feed.xml"), "Wire")

    first = harness.run()
    assert articles(harness) == 2
    assert [e.message for e in harness.kinds(first, "fetched")] == ["Wire: 2 items, 2 new, 0 failed"]

    harness.clock.advance(INTERVAL)
    second = harness.run()
    assert harness.kinds(second, "not-modified") and not harness.kinds(second, "fetched")
    assert server.requests[-1].header("if-none-match") == '"v0"'
    assert articles(harness) == 2

    feed.add(story("a3"))
    harness.clock.advance(INTERVAL)
    harness.run()
    assert articles(harness) == 3
    listed = FeedList(harness.store).get(feed_id)
    assert listed.items_seen == 3 and listed.last_status == "200" and listed.failures == 0
    assert listed.next_due_at == (harness.clock() + INTERVAL).replace(tzinfo=None)


def test_a_feed_that_is_not_due_is_not_fetched(server: LocalServer, harness: Harness) -> None:
    server.route("/feed.xml", FeedRoute([story("b1")]))
    harness.add_feed(server.url("/feed.xml"))
    harness.run()
    harness.clock.advance(INTERVAL / 2)
    harness.run()
    assert server.hits("/feed.xml") == 1


def test_a_failing_feed_backs_off_and_is_paused(server: LocalServer, harness: Harness) -> None:
    server.route("/broken", Reply(status=500, body=b"oops", content_type="text/plain"))
    feed_id = harness.add_feed(server.url("/broken"), "Broken")
    feeds = FeedList(harness.store)
    fetched_at = []
    # Backoff doubles: due again after 1, 2 (then paused at the third failure) intervals.
    for _ in range(8):
        before = server.hits("/broken")
        harness.run(pause_after=3)
        if server.hits("/broken") > before:
            fetched_at.append(harness.clock() - T0)
        harness.clock.advance(INTERVAL)
    assert fetched_at == [dt.timedelta(0), INTERVAL, 3 * INTERVAL]
    feed = feeds.get(feed_id)
    assert feed.paused and feed.failures == 3
    assert feed.last_status == "HTTP 500 Internal Server Error"
    assert feed.pause_reason is not None and "3 failures in a row" in feed.pause_reason
    resumed = feeds.resume(feed_id, at=harness.clock())
    assert not resumed.paused
    harness.run(pause_after=3)
    assert server.hits("/broken") == 4


def test_a_slow_feed_does_not_hold_up_the_others(server: LocalServer, harness: Harness) -> None:
    server.route("/slow", Reply(body=b"<rss/>", stall=10.0))
    for n in range(3):
        server.route(f"/fast{n}", FeedRoute([story(f"fast{n}")]))
        harness.add_feed(server.url(f"/fast{n}"), f"fast{n}")
    harness.add_feed(server.url("/slow"), "slow")

    events = harness.run(
        ingest=IngestOptions(sources=SourceOptions(fetch=FetchOptions(timeout=2.0)), analyze=False)
    )
    order = [(e.kind, e.feed) for e in events if e.kind in ("fetched", "failed")]
    assert order[-1] == ("failed", "slow"), order
    assert sorted(order[:-1]) == [("fetched", "fast0"), ("fetched", "fast1"), ("fetched", "fast2")]
    assert "timed out" in harness.kinds(events, "failed")[0].message
    assert articles(harness) == 3


def test_at_most_per_host_requests_to_one_host(server: LocalServer, harness: Harness) -> None:
    lock = threading.Lock()
    now = 0
    most = 0

    def counted(route: FeedRoute) -> object:
        def answer(request: Request) -> Reply:
            nonlocal now, most
            with lock:
                now += 1
                most = max(most, now)
            time.sleep(0.1)
            with lock:
                now -= 1
            return route(request)

        return answer

    for n in range(4):
        server.route(f"/f{n}", counted(FeedRoute([story(f"host{n}")])))  # type: ignore[arg-type]
        harness.add_feed(server.url(f"/f{n}"))
    harness.run(per_host=1)
    assert most == 1 and articles(harness) == 4
    most = 0
    harness.clock.advance(INTERVAL)
    harness.run(per_host=4)  # the same feeds again (304s): now side by side
    assert 2 <= most <= 4


def test_301_moves_the_feed_and_410_pauses_it(server: LocalServer, harness: Harness) -> None:
    server.route("/old", Reply(status=301, headers={"Location": "/new"}, content_type=None))
    server.route("/new", FeedRoute([story("moved")]))
    server.route("/gone", Reply(status=410, body=b"gone", content_type="text/plain"))
    moved = harness.add_feed(server.url("/old"), "Moved")
    gone = harness.add_feed(server.url("/gone"), "Gone")
    events = harness.run()
    feeds = FeedList(harness.store)
    assert feeds.get(moved).url == server.url("/new")
    assert [e.data["url"] for e in harness.kinds(events, "moved")] == [server.url("/new")]
    assert feeds.get(gone).paused and "410" in (feeds.get(gone).pause_reason or "")
    harness.clock.advance(INTERVAL)
    harness.run()
    assert server.hits("/old") == 1 and server.hits("/new") == 2 and server.hits("/gone") == 1


def test_a_temporary_redirect_keeps_the_url(server: LocalServer, harness: Harness) -> None:
    server.route("/here", Reply(status=302, headers={"Location": "/there"}, content_type=None))
    server.route("/there", FeedRoute([story("temp")]))
    feed_id = harness.add_feed(server.url("/here"))
    harness.run()
    assert FeedList(harness.store).get(feed_id).url == server.url("/here") and articles(harness) == 1


def test_a_failed_item_is_read_again_after_the_feed_answers_304(
    server: LocalServer, harness: Harness
) -> None:
    page_answers = [Reply(status=503, body=b"busy", content_type="text/plain")]
    page = f"<html><head><title>Full story</title></head><body><article><p>{english('page')}</p></article></body></html>"

    def page_route(request: Request) -> Reply:
        return page_answers.pop(0) if page_answers else Reply(body=page.encode())

    server.route("/story", page_route)
    feed = FeedRoute([Item("urn:short", "Short", "Only a teaser.", link=server.url("/story"))])
    server.route("/feed", feed)
    feed_id = harness.add_feed(server.url("/feed"), fetch_pages=True)
    harness.run()
    feeds = FeedList(harness.store)
    (kept,) = feeds.retries()
    assert kept.document.origin.endswith("#urn:short") and kept.attempts == 1
    assert articles(harness) == 0

    harness.clock.advance(dt.timedelta(minutes=15))
    events = harness.run()
    assert harness.kinds(events, "not-modified")
    assert articles(harness) == 1 and feeds.retries() == []
    assert feeds.get(feed_id).failures == 0


def test_an_item_that_keeps_failing_is_given_up(server: LocalServer, harness: Harness) -> None:
    server.route("/feed", FeedRoute([Item("urn:tiny", "Tiny", "Too short to be an article.")]))
    harness.add_feed(server.url("/feed"))
    gave_up = []
    for _ in range(4):
        gave_up += harness.kinds(harness.run(max_item_attempts=3, retry_after=INTERVAL), "gave-up")
        harness.clock.advance(dt.timedelta(hours=2))
    assert len(gave_up) == 1 and FeedList(harness.store).retries() == []


def test_a_stop_request_finishes_the_article_and_the_next_run_goes_on(
    server: LocalServer, harness: Harness
) -> None:
    server.route("/feed", FeedRoute([story(f"s{n}") for n in range(6)]))
    harness.add_feed(server.url("/feed"))
    stopping = threading.Event()

    def stop_after_first(event: object) -> None:
        harness.events.append(event)  # type: ignore[arg-type]
        if getattr(event, "kind", None) == "article":
            stopping.set()

    watcher = Watcher(
        harness.store,
        options(
            ingest=IngestOptions(
                sources=SourceOptions(fetch=FetchOptions(timeout=2)), analyze=False, batch_size=1
            )
        ),
        log=stop_after_first,
        stopping=stopping,
        clock=harness.clock,
    )
    watcher.run()
    stored = articles(harness)
    assert 1 <= stored < 6
    assert harness.store.feed_validators(server.url("/feed")) == (None, None)
    assert harness.events[-1].kind == "stopped"
    harness.run()  # the feed is still due: read again, what was stored is a no-op
    assert articles(harness) == 6
    assert harness.store.feed_validators(server.url("/feed")) == ('"v0"', None)


def test_a_second_watcher_on_the_store_refuses(server: LocalServer, harness: Harness) -> None:

    lock = WatchLock(harness.store)
    lock.acquire(os.getpid(), socket.gethostname(), at=harness.clock(), is_gone=lambda holder: False)
    with pytest.raises(StoreError, match="another `parley watch`"):
        harness.run()
    lock.release(os.getpid(), socket.gethostname())
    harness.run()
    assert lock.holder() is None


def test_a_dead_watchers_lock_is_taken_over(harness: Harness) -> None:

    finished = subprocess.Popen(["true"])
    finished.wait()
    WatchLock(harness.store).acquire(
        finished.pid, socket.gethostname(), at=harness.clock(), is_gone=lambda h: False
    )
    events = harness.run()
    assert f"pid {finished.pid}" in events[0].message and events[0].kind == "started"


def test_a_silent_holder_on_another_host_is_taken_over(harness: Harness) -> None:
    lock = WatchLock(harness.store)
    lock.acquire(1, "elsewhere", at=harness.clock() - dt.timedelta(hours=1), is_gone=lambda h: False)
    harness.run()
    assert lock.holder() is None
    lock.acquire(1, "elsewhere", at=harness.clock(), is_gone=lambda h: False)
    with pytest.raises(StoreError, match="elsewhere"):
        harness.run()


def test_many_rounds_leave_no_threads_behind(server: LocalServer, harness: Harness) -> None:
    routes = [FeedRoute([story(f"r{n}-0")]) for n in range(3)]
    for n, route in enumerate(routes):
        server.route(f"/r{n}", route)
        harness.add_feed(server.url(f"/r{n}"))
    threads = threading.active_count()
    for round_number in range(1, 11):
        for n, route in enumerate(routes):
            route.add(story(f"r{n}-{round_number}"))
        harness.run()
        harness.clock.advance(INTERVAL * 2)
    assert articles(harness) == 33
    assert threading.active_count() <= threads


def test_an_empty_feed_list_is_said(harness: Harness) -> None:
    events = harness.run()
    assert [e.message for e in harness.kinds(events, "started")] == [
        "the feed list is empty: add feeds with `parley feeds add URL`"
    ]
