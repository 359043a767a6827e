"""The feed list, retries, the watch lock and alert deliveries, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.errors import StoreError
from parley.sources.document import Document
from parley.store import Store
from parley.store.alerts import AlertBook
from parley.store.feeds import FeedList, LockHolder, WatchLock, format_interval

T0 = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def add(feeds: FeedList, url: str, name: str | None = None, at: dt.datetime = T0) -> int:
    return feeds.add(url, name=name, interval=HOUR, fetch_pages=False, at=at).id


def test_add_list_get_remove(store: Store) -> None:
    feeds = FeedList(store)
    first = add(feeds, "https://a.example/feed.xml", "Wire A")
    second = add(feeds, "https://b.example/rss")
    assert [f.url for f in feeds.all()] == ["https://a.example/feed.xml", "https://b.example/rss"]
    assert feeds.get("Wire A").id == first
    assert feeds.get(str(second)).url == "https://b.example/rss"
    assert feeds.get("https://b.example/rss").label == "https://b.example/rss"
    row = feeds.get(first).to_dict()
    assert row["every"] == "1h" and row["items_seen"] == 0 and row["failures"] == 0 and not row["paused"]
    with pytest.raises(StoreError, match="already in the feed list"):
        add(feeds, "https://a.example/feed.xml")
    with pytest.raises(StoreError, match="name 'Wire A'"):
        add(feeds, "https://c.example/feed", "Wire A")
    with pytest.raises(StoreError, match="http"):
        add(feeds, "file:///etc/passwd")
    assert feeds.remove("Wire A").id == first
    with pytest.raises(StoreError, match="not in the feed list"):
        feeds.get("Wire A")
    assert [f.id for f in feeds.all()] == [second]


def test_due_fetched_failed_paused_resumed(store: Store) -> None:
    feeds = FeedList(store)
    a = add(feeds, "https://a.example/feed")
    b = add(feeds, "https://b.example/feed")
    assert [f.id for f in feeds.due(T0)] == [a, b]
    feeds.fetched(a, at=T0, status="200", new_items=3, next_due=T0 + HOUR)
    feeds.failed(b, at=T0, status="HTTP 500", next_due=T0 + 2 * HOUR)
    assert feeds.due(T0 + dt.timedelta(minutes=59)) == []
    assert [f.id for f in feeds.due(T0 + HOUR)] == [a]
    assert feeds.next_due() == (T0 + HOUR).replace(tzinfo=None)
    feeds.failed(b, at=T0, status="HTTP 500", next_due=T0, pause_reason="too many failures")
    got = feeds.get(b)
    assert got.failures == 2 and got.paused and got.pause_reason == "too many failures"
    assert got.to_dict()["next_due_at"] is None
    assert [f.id for f in feeds.due(T0 + 10 * HOUR)] == [a]
    assert [f.id for f in feeds.all(failing_first=True)] == [b, a]
    feeds.fetched(a, at=T0 + HOUR, status="304 Not Modified", new_items=2, next_due=T0 + 2 * HOUR)
    assert feeds.get(a).items_seen == 5
    resumed = feeds.resume(b, at=T0 + HOUR)
    assert not resumed.paused and resumed.failures == 0
    assert [f.id for f in feeds.due(T0 + HOUR)] == [b]


def test_move_refuses_a_listed_url(store: Store) -> None:
    feeds = FeedList(store)
    a = add(feeds, "https://a.example/old")
    add(feeds, "https://a.example/taken")
    feeds.move(a, "https://a.example/new")
    assert feeds.get(a).url == "https://a.example/new"
    with pytest.raises(StoreError, match="already in the feed list"):
        feeds.move(a, "https://a.example/taken")


def test_retries_are_kept_replaced_and_forgotten(store: Store) -> None:
    feeds = FeedList(store)
    a = add(feeds, "https://a.example/feed")
    item = Document(
        origin="https://a.example/feed#1",
        kind="html",
        content="<p>short</p>",
        url="https://a.example/1",
        title="One",
        published=dt.date(2026, 1, 4),
    )
    feeds.keep_for_retry(a, item, "too short", attempts=1, next_try=T0 + HOUR)
    feeds.keep_for_retry(a, item, "page unreachable", attempts=2, next_try=T0 + 2 * HOUR)
    assert feeds.retries(due=T0 + HOUR) == []
    (kept,) = feeds.retries(due=T0 + 2 * HOUR)
    assert kept.document == item and kept.attempts == 2 and kept.reason == "page unreachable"
    assert feeds.next_due() == T0.replace(tzinfo=None)  # the feed itself is due first
    feeds.forget_retries(a, [item.origin])
    assert feeds.retries() == []
    feeds.keep_for_retry(a, item, "too short", attempts=1, next_try=T0)
    feeds.remove(a)
    assert feeds.retries() == []


def test_lock_refuses_a_live_holder_and_takes_a_dead_ones(store: Store) -> None:
    lock = WatchLock(store)
    assert lock.acquire(100, "host-a", at=T0, is_gone=lambda h: False) is None
    with pytest.raises(StoreError, match=r"pid 100 on host-a"):
        lock.acquire(200, "host-b", at=T0, is_gone=lambda h: False)
    seen: list[LockHolder] = []

    def gone(holder: LockHolder) -> bool:
        seen.append(holder)
        return True

    taken = lock.acquire(200, "host-b", at=T0 + HOUR, is_gone=gone)
    assert taken is not None and taken.pid == 100 and seen == [taken]
    holder = lock.holder()
    assert holder is not None and (holder.pid, holder.host) == (200, "host-b")
    with pytest.raises(StoreError, match="lost its lock"):
        lock.heartbeat(100, "host-a", at=T0 + HOUR)
    lock.heartbeat(200, "host-b", at=T0 + 2 * HOUR)
    assert lock.holder() == LockHolder(
        200, "host-b", (T0 + HOUR).replace(tzinfo=None), (T0 + 2 * HOUR).replace(tzinfo=None)
    )
    lock.release(100, "host-a")  # not the holder: nothing happens
    assert lock.holder() is not None
    lock.release(200, "host-b")
    assert lock.holder() is None


def test_alert_matches_are_recorded_once(store: Store) -> None:
    book = AlertBook(store)
    alert = book.add(
        "threats", "events --type THREATEN", output="/tmp/a.jsonl", webhook=None, last_seen_id=4, at=T0
    )
    with pytest.raises(StoreError, match="already an alert"):
        book.add("threats", "events", output=None, webhook=None, last_seen_id=0, at=T0)
    new = book.record_matches(
        alert, [(5, {"record": {"id": 5}}), (7, {"record": {"id": 7}})], seen_up_to=7, at=T0
    )
    assert [d.record_id for d in new] == [5, 7]
    assert not new[0].file_done and new[0].webhook_done  # no webhook: nothing to do there
    again = book.record_matches(book.get("threats"), [(7, {"record": {"id": 7}})], seen_up_to=7, at=T0 + HOUR)
    assert again == []
    assert book.get("threats").last_seen_id == 7
    pending = book.pending(due=T0)
    assert [(a.name, d.record_id) for a, d in pending] == [("threats", 5), ("threats", 7)]
    first = pending[0][1]
    book.update_delivery(first.id, file_done=True, webhook_done=True, attempts=0, next_try=T0, error=None)
    book.update_delivery(
        pending[1][1].id,
        file_done=False,
        webhook_done=True,
        attempts=1,
        next_try=T0 + HOUR,
        error="disk full",
    )
    assert book.pending(due=T0) == []
    assert [d.record_id for _, d in book.pending(due=T0 + HOUR)] == [7]
    recent = book.recent()
    assert [(r["record_id"], r["delivered"], r["last_error"]) for r in recent] == [
        (7, False, "disk full"),
        (5, True, None),
    ]
    assert book.remove("threats").id == alert.id
    assert book.recent() == [] and book.all() == []


def test_format_interval() -> None:
    assert [format_interval(dt.timedelta(seconds=s)) for s in (90, 900, 7200, 86400, 0)] == [
        "90s",
        "15m",
        "2h",
        "1d",
        "0s",
    ]


def test_every_fetch_is_logged_and_the_log_is_bounded(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from parley.store import feeds as feeds_module

    monkeypatch.setattr(feeds_module, "FETCHES_KEPT", 3)
    feeds = FeedList(store)
    a = add(feeds, "https://a.example/feed")
    b = add(feeds, "https://b.example/feed")
    feeds.fetched(a, at=T0, status="200", new_items=4, next_due=T0 + HOUR)
    feeds.failed(a, at=T0 + HOUR, status="HTTP 500", next_due=T0 + 2 * HOUR)
    feeds.move(a, "https://a.example/moved")
    feeds.fetched(a, at=T0 + 2 * HOUR, status="304 Not Modified", new_items=0, next_due=T0 + 3 * HOUR)
    feeds.fetched(b, at=T0, status="200", new_items=1, next_due=T0 + HOUR)
    assert [(f["status"], f["ok"], f["new_items"], f["url"]) for f in feeds.fetches(a)] == [
        ("304 Not Modified", True, 0, "https://a.example/moved"),
        ("HTTP 500", False, 0, "https://a.example/feed"),
        ("200", True, 4, "https://a.example/feed"),
    ]
    feeds.pause(a, at=T0 + 3 * HOUR, status="HTTP 410 Gone", reason="gone")
    assert [f["status"] for f in feeds.fetches(a)] == ["HTTP 410 Gone", "304 Not Modified", "HTTP 500"]
    assert feeds.fetches(a, limit=1)[0]["at"] == (T0 + 3 * HOUR).isoformat()
    assert [f["status"] for f in feeds.fetches(b)] == ["200"]
    feeds.remove(a)
    assert [f["status"] for f in feeds.fetches(b)] == ["200"]
